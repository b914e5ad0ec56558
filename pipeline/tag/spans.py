"""Strings at the head of a text that may be the platform or product it is about although no
list holds them and neither recogniser marked them, each described for the platforms pick
(name_pick, span_pick) by how the text writes it and by how often labelled texts mark strings that begin,
end and stand like it.

Why: most names the BDCI 2019 entity rows mark that the pick never sees are no candidate at
all: the CRF and the repeats model (names_model, repeats) judged them common words. Yet 96%
of the marked names that a text writes are spans of one to six jieba words (plain dictionary)
that cross no punctuation, and 74% of them begin in its first 20 characters. Scored as whole
strings by what the labels teach (names end in 币/链/宝/钱包/交易所, stand before 是什么/
平台/骗局, after 曝光/#), the pick finds many of them.

The learned part is a table of counts (Tables): for each key of a candidate (its first one and
two characters, its last one and two, the one and two characters on either side of its first
place, and the string itself), how many candidates of the labelled texts had it and how many
of those the labels mark. Rates are smoothed towards the overall rate.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import jieba
import numpy as np

from .gazetteer import char_class

HEAD = 600          # characters of a text searched: the names a text is about come early
MAX_WORDS, MIN_LEN, MAX_LEN = 6, 2, 20
SMOOTH = 20.0       # pseudo-count of the overall rate in each key's rate
_WORD_CHAR = re.compile(r"[0-9a-z\u4e00-\u9fff·&\-.]")
_OPEN, _CLOSE = set("“《【「『(（#\"'"), set("”》】」』)）#\"'")
KEY_KINDS = ("s1", "s2", "e1", "e2", "l1", "l2", "r1", "r2", "w")
FEATURES = ("span_len", "span_words", "span_places", "span_count", "span_first", "span_first_share",
            "span_last_share", "span_left_open", "span_right_open", "span_left_kinds", "span_right_kinds",
            "span_left_same", "span_right_same", "span_han", "span_latin", "span_digit", "span_first_class",
            "span_last_class", "span_before_class", "span_after_class", "span_word_freq", "span_is_word",
            "span_quoted", "span_dict_words", "span_longest_word", "span_first_20", "span_first_5", "span_ascii",
            *(f"{k}_{v}" for k in KEY_KINDS for v in ("rate", "seen")))
_CLASS = {"^": 0, "P": 1, "D": 2, "L": 3, "H": 4}


@lru_cache(maxsize=1 << 16)
def _plain_words(s: str) -> list[str]:
    # jieba's own dictionary, not the gazetteer's (segment): a candidate is the same string
    # whatever list a database holds, so labelled texts and new texts are cut alike
    return jieba.lcut(s, HMM=False)


def candidates(low: str) -> dict[str, list[int]]:
    """Spans of 1..MAX_WORDS words of the folded text's head that cross no punctuation ->
    the places they start."""
    head = low[:HEAD]
    words = list(jieba.tokenize(head))
    out: dict[str, list[int]] = {}
    for i, (w, start, _) in enumerate(words):
        if not _WORD_CHAR.match(w[0]):
            continue
        for w2, _, end in words[i:i + MAX_WORDS]:
            if not all(_WORD_CHAR.match(c) for c in w2) or end - start > MAX_LEN:
                break
            if end - start >= MIN_LEN:
                out.setdefault(head[start:end], []).append(start)
    return out


def places(low: str, s: str) -> list[int]:
    """Every place s starts in the folded text."""
    out, at = [], low.find(s)
    while at >= 0 and s:
        out.append(at)
        at = low.find(s, at + 1)
    return out


def _side(ch: str) -> str:
    return char_class(ch) if ch else "^"


def keys(low: str, s: str, first: int) -> tuple[str, ...]:
    """The keys of KEY_KINDS for string s first written at `first`."""
    before, after = low[max(0, first - 2):first], low[first + len(s):first + len(s) + 2]
    return ("s1" + s[0], "s2" + s[:2], "e1" + s[-1], "e2" + s[-2:], "l1" + before[-1:], "l2" + before,
            "r1" + after[:1], "r2" + after, "w" + s)


class Tables:
    """Key -> (candidates of the labelled texts with it, those the labels mark)."""

    def __init__(self, seen: Counter | None = None, marked: Counter | None = None):
        self.seen, self.marked = seen or Counter(), marked or Counter()
        total = sum(v for k, v in self.seen.items() if k.startswith("w"))
        self.rate = (sum(v for k, v in self.marked.items() if k.startswith("w")) / total) if total else 0.0

    @classmethod
    def count(cls, rows) -> "Tables":
        """From labelled (folded text, {folded names}) rows."""
        seen, marked = Counter(), Counter()
        for low, gold in rows:
            for s, pos in candidates(low).items():
                ks = keys(low, s, pos[0])
                seen.update(ks)
                if s in gold:
                    marked.update(ks)
        return cls(seen, marked)

    def lookup(self, ks) -> list[float]:
        out = []
        for k in ks:
            n = self.seen.get(k, 0)
            out += [(self.marked.get(k, 0) + self.rate * SMOOTH) / (n + SMOOTH), math.log1p(n)]
        return out

    def arrays(self, min_seen: int = 2) -> dict:
        """For a model file: the keys seen at least min_seen times (a string seen once teaches
        little and would make the file large)."""
        ks = sorted(k for k, n in self.seen.items() if n >= min_seen)
        return {"table_keys": np.asarray(ks, dtype=str),
                "table_counts": np.asarray([(self.seen[k], self.marked.get(k, 0)) for k in ks],
                                           dtype=np.int64).reshape(len(ks), 2),
                "table_rate": np.float64(self.rate)}

    @classmethod
    def from_arrays(cls, keys_, counts, rate) -> "Tables":
        t = cls(Counter(dict(zip(keys_.tolist(), counts[:, 0].tolist()))),
                Counter(dict(zip(keys_.tolist(), counts[:, 1].tolist()))))
        t.rate = float(rate)
        return t


def describe(low: str, strings: list[tuple[str, list[int]]], tables: Tables) -> np.ndarray:
    """One row of FEATURES per (string, its places in the folded text)."""
    n = max(len(low), 1)
    rows = []
    for s, pos in strings:
        if not pos:
            rows.append([0.0] * len(FEATURES))
            continue
        size, count = len(s), len(pos)
        lefts = [low[p - 1] if p else "" for p in pos]
        rights = [low[p + size] if p + size < len(low) else "" for p in pos]
        left_kinds, right_kinds = Counter(lefts), Counter(rights)
        words = _plain_words(s)
        freq = jieba.dt.FREQ.get(s, 0)
        first = pos[0]
        rows.append([
            size, len(words), count, low.count(s), first, first / n, pos[-1] / n,
            sum(_side(c) in "^P" for c in lefts) / count, sum(_side(c) in "^P" for c in rights) / count,
            len(left_kinds) / count, len(right_kinds) / count,
            left_kinds.most_common(1)[0][1] / count, right_kinds.most_common(1)[0][1] / count,
            sum("\u4e00" <= c <= "\u9fff" for c in s) / size, sum(c.isascii() and c.isalpha() for c in s) / size,
            sum(c.isdigit() for c in s) / size, _CLASS[_side(s[0])], _CLASS[_side(s[-1])],
            _CLASS[_side(lefts[0])], _CLASS[_side(rights[0])], math.log1p(freq), freq > 0,
            any(lc in _OPEN and rc in _CLOSE for lc, rc in zip(lefts, rights)),
            sum(jieba.dt.FREQ.get(w, 0) > 0 for w in words) / len(words), max(len(w) for w in words),
            first < 20, first < 5, s.isascii(),
            *tables.lookup(keys(low, s, first)),
        ])
    return np.asarray(rows, dtype=float).reshape(len(strings), len(FEATURES))
