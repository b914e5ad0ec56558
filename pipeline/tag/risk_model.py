"""Which names a text is bad news about, learned from labelled texts.

The rules attribute a risk event to the names its sentence ties to it and, at document level,
to the names the text is about (title, hashtags, repeated names, the caller's names). Labelled
texts (the CCF BDCI 2019 negative-entity layout: text, candidate names, the key names among
them) teach a logistic regression which of a text's names the reader would call the ones it is
negative about, from what the tagger found about each name and the characters around its
mentions. The model only chooses among names in texts that affirm a risk event: it never makes
a text negative on its own.

A model is a small .npz file (hashed feature weights); `p2pnews risk learn` writes it and
`p2pnews tag` uses it when it sits beside the database (models/risk_names.npz).
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from .tagger import RISK_CODES

MODEL_VERSION = 1
N_FEATURES = 2 ** 18
THRESHOLD = 0.4          # chosen on grouped 5-fold CV of the BDCI 2019 dev rows (F1 of key names)
_WINDOW = 5              # characters of context each side of a mention
_SUFFIX_GROUPS = {"bank": ("银行",), "insurer": ("保险", "人寿", "财险"), "firm": ("公司", "集团"),
                  "media": ("网", "财经", "新闻", "日报", "头条", "天眼", "之家", "报"),
                  "platform": ("贷", "金融", "钱包", "理财", "宝", "金服", "财富", "创投")}


def model_beside(db_path) -> Path:
    """Where a database keeps its model: its gazetteer shaped the answers the model learned from."""
    return Path(db_path).resolve().parent / "models" / "risk_names.npz"


class RiskModelError(ValueError):
    """A model file that cannot be used (missing, another version, damaged)."""


def risk_events(answer: dict) -> list[dict]:
    return [e for e in answer["events"] if e["event_type"] in RISK_CODES and e["polarity"] == "affirmed"
            and (e.get("platform") or e.get("subject"))]


def event_names(event: dict) -> list[str]:
    """The names an event gives its platform by (a person's name is not one of them)."""
    named = [event.get("subject"), event.get("subject_text")] if event.get("subject_kind") != "person" else []
    return [n for n in [event.get("platform"), event.get("company"), *named] if n]


def rule_risk_names(answer: dict) -> list[str]:
    """Without a model: every name of an affirmed risk event, in order of first appearance."""
    return list(dict.fromkeys(n for e in risk_events(answer) for n in event_names(e)))


def name_features(text: str, title: str | None, name: str, candidates, answer: dict) -> dict[str, float]:
    """What the tagger found about `name` in this text, and the characters around its mentions."""
    full = (title or "") + "\n" + text
    occ = [m.start() for m in re.finditer(re.escape(name), full)]
    risk = risk_events(answer)
    mine = [e for e in risk if name in event_names(e)]
    sentence = [e for e in mine if e["evidence"].get("field") != "document"]
    other = [e for e in answer["events"] if name in event_names(e) and e not in mine]
    f = {
        "count": math.log1p(len(occ)),
        "in_title": float(bool(title) and name in title),
        "in_hashtag": float(bool(re.search(r"#[^#\n]*" + re.escape(name) + r"[^#\n]*#", full))),
        "only_addressed": float(bool(occ) and all(i > 0 and full[i - 1] in "@＠" for i in occ)),
        "first_at": occ[0] / max(1, len(full)) if occ else 1.0,
        "sentence_risk": float(bool(sentence)),
        "sentence_conf": max((e["confidence"] for e in sentence), default=0.0),
        "document_risk": float(bool(mine) and not sentence),
        "other_events": float(bool(other)),
        "inside_other": float(any(name != c and name in c for c in candidates)),
        "holds_other": float(any(name != c and c in name for c in candidates)),
        "candidates": math.log1p(len(candidates)),
        "risk_events": math.log1p(len(risk)),
        "risk_platforms": float(len({e.get("platform") for e in risk})),
        "length": len(name) / 10,
        "listed": float(name in answer.get("platforms", [])),
        "end1:" + name[-1]: 1.0,
        "end2:" + name[-2:]: 1.0,
    }
    for group, endings in _SUFFIX_GROUPS.items():
        if name.endswith(endings):
            f["kind:" + group] = 1.0
    for i in occ:
        left, right = full[max(0, i - _WINDOW):i], full[i + len(name):i + len(name) + _WINDOW]
        for k in (1, 2, 3):
            if len(left) >= k:
                f["L%d:%s" % (k, left[-k:])] = f.get("L%d:%s" % (k, left[-k:]), 0.0) + 1.0
            if len(right) >= k:
                f["R%d:%s" % (k, right[:k])] = f.get("R%d:%s" % (k, right[:k]), 0.0) + 1.0
    return f


def candidates_in(text: str, title: str | None, names) -> list[str]:
    full = (title or "") + "\n" + text
    return [n for n in dict.fromkeys(n.strip() for n in names) if n and n in full]


def _hasher():
    from sklearn.feature_extraction import FeatureHasher
    return FeatureHasher(N_FEATURES, input_type="dict", alternate_sign=False)


def train(examples, c: float = 1.0) -> dict:
    """examples: [(features dict, is key name)]. Returns the model (weights, bias, threshold)."""
    from sklearn.linear_model import LogisticRegression
    feats = [f for f, _ in examples]
    labels = np.array([bool(y) for _, y in examples])
    if len(set(labels.tolist())) < 2:
        raise RiskModelError("the labelled texts need both key and non-key names to learn from")
    fit = LogisticRegression(max_iter=3000, C=c).fit(_hasher().transform(feats), labels)
    return {"coef": fit.coef_[0].astype(np.float32), "bias": float(fit.intercept_[0]),
            "threshold": THRESHOLD, "version": MODEL_VERSION}


def save(model: dict, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(tmp, coef=model["coef"], bias=model["bias"], threshold=model["threshold"],
                        version=model["version"])
    tmp.replace(path)


def load(path: Path) -> dict:
    try:
        with np.load(path) as z:
            model = {"coef": z["coef"], "bias": float(z["bias"]), "threshold": float(z["threshold"]),
                     "version": int(z["version"])}
    except FileNotFoundError:
        raise RiskModelError(f"no risk model at {path}: train one with `p2pnews risk learn`") from None
    except (OSError, KeyError, ValueError, EOFError):
        raise RiskModelError(f"{path} is no risk model (damaged or another file): train it again with `p2pnews risk learn`") from None
    if model["version"] != MODEL_VERSION or model["coef"].shape != (N_FEATURES,):
        raise RiskModelError(f"{path} was made by another version: train it again with `p2pnews risk learn`")
    return model


def scores(model: dict, feature_dicts) -> np.ndarray:
    if not feature_dicts:
        return np.zeros(0)
    z = _hasher().transform(feature_dicts) @ model["coef"] + model["bias"]
    return 1.0 / (1.0 + np.exp(-z))


def learned_risk_names(model: dict, text: str, title: str | None, names, answer: dict) -> list[str]:
    """The names (the caller's, else the ones the tagger found) the model picks in a text that
    affirms a risk event; none in a text that does not."""
    if not risk_events(answer):
        return []
    pool = names or (answer.get("platforms", []) + rule_risk_names(answer))
    full = (title or "") + "\n" + text
    cands = sorted(candidates_in(text, title, pool), key=full.find)   # in the order the text names them
    s = scores(model, [name_features(text, title, c, cands, answer) for c in cands])
    return [c for c, p in zip(cands, s) if p >= model["threshold"]]


def read_labelled(path) -> list[dict]:
    """Rows of a labelled CSV in the BDCI 2019 negative-entity layout: text, title (optional),
    `entity` (candidate names, ;-separated) and `key_entity` (the ones the text is negative
    about). ValueError names the columns it needs."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        missing = [c for c in ("text", "entity", "key_entity") if c not in cols]
        if missing:
            raise ValueError(f"needs the columns text, entity and key_entity (title optional); lacks {', '.join(missing)}")
        return [labelled_row(r) for r in reader]


def labelled_row(r: dict) -> dict:
    """A row in the BDCI negative layout -> text, title, candidate names, key names."""
    split = lambda v: [n.strip() for n in (v or "").split(";") if n.strip()]
    return {"text": r["text"] or "", "title": r.get("title") or None, "names": split(r["entity"]),
            "keys": split(r["key_entity"])}


def row_examples(row: dict, answer: dict) -> list[tuple[dict, bool]]:
    """(features, is key) for each candidate of one labelled row, given the tagger's answer."""
    cands = candidates_in(row["text"], row["title"], row["names"])
    keys = set(row["keys"])
    return [(name_features(row["text"], row["title"], c, cands, answer), c in keys) for c in cands]


def examples(rows, gazetteer, progress=lambda n: None) -> list[tuple[dict, bool]]:
    """(features, is key) for every candidate of every row, from the tagger's own answer."""
    from .tagger import tag_text
    out = []
    for r in rows:
        out += row_examples(r, tag_text(r["text"], title=r["title"], gazetteer=gazetteer, names=r["names"]))
        progress(1)
    return out
