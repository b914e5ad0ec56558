"""Names a text keeps repeating: its maximal repeats, each scored by a logistic regression over
how the text writes it, learned beside the name recogniser by `p2pnews platforms learn`.

A text about a new scheme names it again and again (每日拼拼是什么？每日拼拼靠谱吗？…近日出现的
每日拼拼), yet the character CRF (names_model) often misses such a name: every character of it
is a common word's (每日, 拼) and the CRF judges each place on its own. Scoring the repeated
string as a whole, over all the places it stands, sees what the CRF does not: the string at
the head of the text, followed by 是什么/靠谱吗/APP/平台, cut by jieba into dictionary words.
Candidates are the maximal repeats of the text: strings of word characters written at least
twice that no longer string written as often contains (the string cannot grow by a character
on either side at every place it stands).

Through the CLI on the BDCI 2019 entity rows (dev folds 0 and 1 of 5, each learned from the
other four), the names `tag` lists with the pick: recall 0.475 -> 0.505 and 0.501 -> 0.555 at
precision 0.647 -> 0.668 and 0.687 -> 0.686; without the pick, recall 0.527 -> 0.567 and
0.536 -> 0.587. A cut of 0.25 instead of CUT: 0.529 and 0.540 with the pick, no better.

A model is a small .npz file beside the recogniser (feature names, weights, cut).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from .gazetteer import char_class, fold
from .segment import cut_words, word_freq

MODEL_VERSION = 1
C = 1.0        # inverse regularisation (dev fold 0: 0.3 and 1.0 within a point)
CUT = 0.4      # probability a repeat needs (0.25 and 0.15 measured: see above)
MIN_LEN, MAX_LEN = 2, 12
_WORD = re.compile(r"[0-9a-z\u4e00-\u9fff]+")


class RepeatsError(ValueError):
    """A model file that cannot be used (damaged, another version)."""


def _fold_chars(text: str) -> str:
    """The text up to its writing form, character by character (NFKC, lower case) so that
    places in it are places in the text; a character that would change length stays."""
    return "".join(f if len(f := fold(ch)) == 1 else ch for ch in text)


def candidates(low: str) -> dict[str, list[int]]:
    """Maximal repeats of a folded text: string -> the places it starts."""
    out: dict[str, list[int]] = {}
    n = len(low)
    for size in range(MIN_LEN, MAX_LEN + 1):
        places: dict[str, list[int]] = defaultdict(list)
        for i in range(n - size + 1):
            s = low[i:i + size]
            if _WORD.fullmatch(s):
                places[s].append(i)
        for s, pos in places.items():
            if len(pos) < 2:
                continue
            # maximal: the characters before (after) its places are not all one word character
            left = {low[p - 1] if p else "" for p in pos}
            right = {low[p + size] if p + size < n else "" for p in pos}
            if _grows(left) or _grows(right):
                continue
            out[s] = pos
    return out


def _grows(sides: set[str]) -> bool:
    """True if every place has the same word character on this side (the repeat is longer)."""
    if len(sides) != 1:
        return False
    ch = next(iter(sides))
    return bool(ch) and bool(_WORD.fullmatch(ch))


def _edge_class(ch: str) -> str:
    """The class of the character beside a place, ^ at either end of the text."""
    return char_class(ch) if ch else "^"


def _bucket(x: int, edges) -> int:
    return sum(x >= e for e in edges)


def features(low: str, s: str, pos: list[int]) -> dict[str, float]:
    """How the folded text writes repeat s (at places pos): size, count, first place, shape,
    what jieba makes of it, its first and last characters, and what stands around its places
    (averaged over them)."""
    size, n, freq = len(s), len(pos), word_freq(s)
    f = {f"len{min(size, 10)}": 1.0, f"cnt{min(n, 6)}": 1.0, f"first{_bucket(pos[0], (1, 10, 40, 120))}": 1.0,
         "shape=" + "".join(sorted({char_class(c) for c in s})): 1.0, "dict": float(freq > 0),
         f"freq{min(int(math.log10(freq + 1)), 5)}": 1.0, f"words{min(len(cut_words(s)), 4)}": 1.0,
         "first1=" + s[0]: 1.0, "last1=" + s[-1]: 1.0, "last2=" + s[-2:]: 1.0,
         "share": n * size / max(len(low), 1)}
    for p in pos:
        after, before = low[p + size:p + size + 2], low[max(0, p - 2):p]
        for key in ("r1=" + after[:1], "r2=" + after, "l1=" + before[-1:], "l2=" + before,
                    "r1c=" + _edge_class(after[:1]), "l1c=" + _edge_class(before[-1:])):
            f[key] = f.get(key, 0.0) + 1.0 / n
    return f


def _samples(text: str):
    low = _fold_chars(text)
    for s, pos in candidates(low).items():
        yield s, pos, features(low, s, pos)


def train(rows) -> dict:
    """The model from labelled (text, names) rows: every maximal repeat of a text is a sample,
    labelled if the text's names hold it (up to writing forms)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for text, names in rows:
        gold = {_fold_chars(n).strip() for n in names}
        for s, _, f in _samples(text or ""):
            xs.append(f)
            ys.append(s in gold)
    if not any(ys) or all(ys):
        raise RepeatsError("the labelled texts need repeated strings they mark and ones they do not")
    vec = DictVectorizer()
    lr = LogisticRegression(C=C, max_iter=2000).fit(vec.fit_transform(xs), ys)
    return {"names": np.asarray(vec.get_feature_names_out(), dtype=str), "coef": lr.coef_[0],
            "bias": float(lr.intercept_[0]), "cut": CUT, "version": MODEL_VERSION}


class Repeats:
    """A loaded model: find(text) gives the repeats it keeps."""

    def __init__(self, model: dict):
        self.weights = dict(zip(model["names"].tolist(), model["coef"].tolist()))
        self.bias, self.cut = model["bias"], model["cut"]

    def probability(self, f: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def find(self, text: str) -> list[tuple[str, float]]:
        """(name as the text first writes it, probability) for each repeat kept, longest first."""
        out = []
        for s, pos, f in _samples(text or ""):
            p = self.probability(f)
            if p >= self.cut:
                out.append((text[pos[0]:pos[0] + len(s)], p))
        return sorted(out, key=lambda x: -len(x[0]))


# ---- files --------------------------------------------------------------------------------
def repeats_file(names_model_path) -> Path:
    """The repeats model lives beside the recogniser it was learned with."""
    return Path(str(names_model_path) + ".repeats.npz")


def save(model: dict, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")   # a killed run leaves no half-written model
    np.savez_compressed(tmp, **model)
    tmp.replace(path)


def load(path) -> Repeats | None:
    """The model beside a recogniser, or None where there is none (a recogniser learned before
    repeats were): RepeatsError if the file is damaged or of another version."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with np.load(path) as z:
            model = {"names": z["names"], "coef": z["coef"], "bias": float(z["bias"]),
                     "cut": float(z["cut"]), "version": int(z["version"])}
    except (OSError, KeyError, ValueError, EOFError):
        raise RepeatsError(f"{path} is damaged: train again with `p2pnews platforms learn`") from None
    if model["version"] != MODEL_VERSION or model["coef"].shape != model["names"].shape:
        raise RepeatsError(f"{path} was made by another version: train again with `p2pnews platforms learn`")
    return Repeats(model)
