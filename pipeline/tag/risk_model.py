"""Which names a text is bad news about, learned from labelled texts.

The rules attribute a risk event to the names its sentence ties to it and, at document level,
to the names the text is about (title, hashtags, repeated names, the caller's names). Labelled
texts (the CCF BDCI 2019 negative-entity layout: text, candidate names, the key names among
them, and whether the text is negative at all) teach two logistic regressions:
- the text part: is this text bad news at all, from its character n-grams and what the tagger
  found (affirmed, denied, possible events of each code). Rules miss risk told without a
  trigger they know and over-read some they do; the n-grams carry the rest. Learned only when
  the labelled texts hold both kinds; otherwise the rules decide (an affirmed risk event);
- the name part: which of a bad-news text's names the reader would call the ones it is
  negative about, from what the tagger found about each name, its rank among the text's
  names, the characters around its mentions and the name itself (a custodian bank the labels
  seldom call key). Learned from the negative texts only: it answers "given this text is bad
  news".
A text the model calls bad news names at least its likeliest name.

Names and text are compared as written, up to writing forms: full-width and half-width
characters, case, question marks and quotes glued to a name (Weibo texts lost their emoji as
????: ????摩尔龙 is 摩尔龙).

A model is a small .npz file (hashed feature weights); `p2pnews risk learn` writes it and
`p2pnews tag` uses it when it sits beside the database (models/risk_names.npz).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .gazetteer import fold
from .tagger import RISK_CODES

MODEL_VERSION = 2
N_FEATURES = 2 ** 18     # name part
N_TEXT_FEATURES = 2 ** 19
# chosen on grouped 5-fold CV of the BDCI 2019 dev rows (F1 of key names)
THRESHOLD = 0.5
TEXT_THRESHOLD = 0.4
C = 3.0                  # inverse regularisation of both parts, same CV
_NGRAMS = (1, 2, 3)      # characters, text part
_WINDOW = 5              # characters of context each side of a mention
_SUFFIX_GROUPS = {"bank": ("银行",), "insurer": ("保险", "人寿", "财险"), "firm": ("公司", "集团"),
                  "media": ("网", "财经", "新闻", "日报", "头条", "天眼", "之家", "报"),
                  "platform": ("贷", "金融", "钱包", "理财", "宝", "金服", "财富", "创投")}


def model_beside(db_path) -> Path:
    """Where a database keeps its model: its gazetteer shaped the answers the model learned from."""
    from p2pnews.paths import models_dir
    return models_dir(Path(db_path)) / "risk_names.npz"


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


# a text's names are each compared with the text and with one another: fold each once
@lru_cache(maxsize=4096)
def _fold_name(name: str) -> str:
    return fold(name).strip(" \t?？“”\"'‘’《》【】#「」『』")


@lru_cache(maxsize=4)
def _folded_text(text: str, title: str | None) -> str:
    return fold((title or "") + "\n" + text)


def name_features(text: str, title: str | None, name: str, candidates, answer: dict) -> dict[str, float]:
    """What the tagger found about `name` in this text, and the characters around its mentions."""
    full = _folded_text(text, title)
    key = _fold_name(name)
    occ = [m.start() for m in re.finditer(re.escape(key), full)] if key else []
    risk = risk_events(answer)
    mine = [e for e in risk if name in event_names(e)]
    sentence = [e for e in mine if e["evidence"].get("field") != "document"]
    other = [e for e in answer["events"] if name in event_names(e) and e not in mine]
    f = {
        "count": math.log1p(len(occ)),
        "in_title": float(bool(title) and key in fold(title)),
        "in_hashtag": float(bool(re.search(r"#[^#\n]*" + re.escape(key) + r"[^#\n]*#", full))),
        "only_addressed": float(bool(occ) and all(i > 0 and full[i - 1] in "@＠" for i in occ)),
        "first_at": occ[0] / max(1, len(full)) if occ else 1.0,
        "sentence_risk": float(bool(sentence)),
        "sentence_conf": max((e["confidence"] for e in sentence), default=0.0),
        "document_risk": float(bool(mine) and not sentence),
        "other_events": float(bool(other)),
        "inside_other": float(any(name != c and key in _fold_name(c) for c in candidates)),
        "holds_other": float(any(name != c and _fold_name(c) in key for c in candidates)),
        "candidates": math.log1p(len(candidates)),
        "only_candidate": float(len(candidates) == 1),
        "most_named": float(len(occ) >= max((full.count(_fold_name(c)) for c in candidates), default=0)),
        "named_first": float(bool(occ) and all(occ[0] <= full.find(_fold_name(c)) for c in candidates if _fold_name(c) in full)),
        "risk_events": math.log1p(len(risk)),
        "risk_platforms": float(len({e.get("platform") for e in risk})),
        "length": len(key) / 10,
        "listed": float(name in answer.get("platforms", [])),
        "name:" + key: 1.0,
        "end1:" + key[-1:]: 1.0,
        "end2:" + key[-2:]: 1.0,
    }
    for group, endings in _SUFFIX_GROUPS.items():
        if key.endswith(endings):
            f["kind:" + group] = 1.0
    for i in occ:
        left, right = full[max(0, i - _WINDOW):i], full[i + len(key):i + len(key) + _WINDOW]
        for k in (1, 2, 3):
            if len(left) >= k:
                f["L%d:%s" % (k, left[-k:])] = f.get("L%d:%s" % (k, left[-k:]), 0.0) + 1.0
            if len(right) >= k:
                f["R%d:%s" % (k, right[:k])] = f.get("R%d:%s" % (k, right[:k]), 0.0) + 1.0
    return f


def text_features(text: str, title: str | None, answer: dict) -> dict[str, float]:
    """What the tagger found in the text (events by code and polarity) and its character n-grams."""
    full = _folded_text(text, title)
    grams: dict[str, int] = {}
    for n in _NGRAMS:
        for i in range(len(full) - n + 1):
            g = full[i:i + n]
            grams[g] = grams.get(g, 0) + 1
    f = {"g:" + g: math.log1p(k) for g, k in grams.items()}
    f["rule_risk"] = float(bool(rule_risk_names(answer)))
    f["risk_events"] = math.log1p(len(risk_events(answer)))
    for e in answer["events"]:
        for k in ("ev:%s:%s" % (e["event_type"], e["polarity"]), "polarity:" + e["polarity"]):
            f[k] = f.get(k, 0.0) + 1.0
    return f


def candidates_in(text: str, title: str | None, names) -> list[str]:
    """The names (as given) that the text or title mentions, up to writing forms."""
    full = _folded_text(text, title)
    return [n for n in dict.fromkeys(n.strip() for n in names) if _fold_name(n) and _fold_name(n) in full]


def _hasher(n_features: int = N_FEATURES):
    from sklearn.feature_extraction import FeatureHasher
    return FeatureHasher(n_features, input_type="dict", alternate_sign=False)


def _fit(feature_dicts, labels, n_features: int, c: float):
    from sklearn.linear_model import LogisticRegression
    fit = LogisticRegression(max_iter=3000, C=c).fit(_hasher(n_features).transform(feature_dicts), labels)
    return fit.coef_[0].astype(np.float32), float(fit.intercept_[0])


def train(examples, c: float = C) -> dict:
    """examples: one per labelled text, as row_examples makes them. Returns the model."""
    names = [x for ex in examples if ex["negative"] for x in ex["names"]]
    labels = np.array([bool(y) for _, y in names])
    if len(set(labels.tolist())) < 2:
        raise RiskModelError("the labelled texts need negative texts with both key and non-key names to learn from")
    coef, bias = _fit([f for f, _ in names], labels, N_FEATURES, c)
    model = {"coef": coef, "bias": bias, "threshold": THRESHOLD, "version": MODEL_VERSION,
             "text_coef": np.zeros(0, np.float32), "text_bias": 0.0, "text_threshold": TEXT_THRESHOLD}
    negative = np.array([bool(ex["negative"]) for ex in examples])
    if 0 < negative.sum() < len(negative):   # else the rules decide which texts are bad news
        model["text_coef"], model["text_bias"] = _fit([ex["text"] for ex in examples], negative, N_TEXT_FEATURES, c)
    return model


def save(model: dict, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(tmp, **model)
    tmp.replace(path)


_FIELDS = {"coef": np.asarray, "bias": float, "threshold": float, "version": int,
           "text_coef": np.asarray, "text_bias": float, "text_threshold": float}


def load(path: Path) -> dict:
    try:
        with np.load(path) as z:
            version = int(z["version"])
            model = {k: conv(z[k]) for k, conv in _FIELDS.items()} if version == MODEL_VERSION else None
    except FileNotFoundError:
        raise RiskModelError(f"no risk model at {path}: train one with `p2pnews risk learn`") from None
    except (OSError, KeyError, ValueError, EOFError):
        raise RiskModelError(f"{path} is no risk model (damaged or another file): train it again with `p2pnews risk learn`") from None
    if model is None or model["coef"].shape != (N_FEATURES,) or model["text_coef"].shape not in ((0,), (N_TEXT_FEATURES,)):
        raise RiskModelError(f"{path} was made by another version: train it again with `p2pnews risk learn`")
    return model


def _probabilities(coef, bias, feature_dicts, n_features: int = N_FEATURES) -> np.ndarray:
    if not feature_dicts:
        return np.zeros(0)
    z = _hasher(n_features).transform(feature_dicts) @ coef + bias
    return 1.0 / (1.0 + np.exp(-z))


def scores(model: dict, feature_dicts) -> np.ndarray:
    """The name part's probability that each name is a key name (given a bad-news text)."""
    return _probabilities(model["coef"], model["bias"], feature_dicts)


def is_bad_news(model: dict, text: str, title: str | None, answer: dict) -> bool:
    """The text part's call; the rules' (an affirmed risk event) when the model has none."""
    if not model["text_coef"].size:
        return bool(risk_events(answer))
    p = _probabilities(model["text_coef"], model["text_bias"], [text_features(text, title, answer)], N_TEXT_FEATURES)
    return bool(p[0] >= model["text_threshold"])


def learned_risk_names(model: dict, text: str, title: str | None, names, answer: dict) -> list[str]:
    """The names (the caller's, else the ones the tagger found) the model picks in a text it
    calls bad news, at least the likeliest one; none in a text it does not."""
    if not is_bad_news(model, text, title, answer):
        return []
    pool = names or (answer.get("platforms", []) + rule_risk_names(answer))
    full = _folded_text(text, title)
    cands = sorted(candidates_in(text, title, pool), key=lambda c: full.find(_fold_name(c)))   # in the order the text names them
    if not cands:
        return []
    s = scores(model, [name_features(text, title, c, cands, answer) for c in cands])
    picked = [c for c, p in zip(cands, s) if p >= model["threshold"]]
    return picked or [cands[int(np.argmax(s))]]


def read_labelled(path) -> list[dict]:
    """Rows of a labelled CSV in the BDCI 2019 negative-entity layout: text, title (optional),
    `entity` (candidate names, ;-separated), `key_entity` (the ones the text is negative
    about) and `negative` (optional, 0/1; else a text with key names is negative).
    ValueError names the columns it needs."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        missing = [c for c in ("text", "entity", "key_entity") if c not in cols]
        if missing:
            raise ValueError(f"needs the columns text, entity and key_entity (title, negative optional); lacks {', '.join(missing)}")
        return [labelled_row(r) for r in reader]


def labelled_row(r: dict) -> dict:
    """A row in the BDCI negative layout -> text, title, candidate names, key names, negative."""
    split = lambda v: [n.strip() for n in (v or "").split(";") if n.strip()]
    keys = split(r["key_entity"])
    flag = (r.get("negative") or "").strip()
    return {"text": r["text"] or "", "title": r.get("title") or None, "names": split(r["entity"]),
            "keys": keys, "negative": flag == "1" if flag in ("0", "1") else bool(keys)}


def row_examples(row: dict, answer: dict) -> dict:
    """One labelled text as the model learns from it, given the tagger's answer: the text's
    features and label, and (features, is key) for each of its candidate names."""
    cands = candidates_in(row["text"], row["title"], row["names"])
    keys = {_fold_name(k) for k in row["keys"]}
    return {"text": text_features(row["text"], row["title"], answer), "negative": row["negative"],
            "names": [(name_features(row["text"], row["title"], c, cands, answer), _fold_name(c) in keys) for c in cands]}


def examples(rows, gazetteer, progress=lambda n: None) -> list[dict]:
    """row_examples for every labelled row, from the tagger's own answer."""
    from .tagger import tag_text
    out = []
    for r in rows:
        out.append(row_examples(r, tag_text(r["text"], title=r["title"], gazetteer=gazetteer, names=r["names"])))
        progress(1)
    return out
