"""The platforms pick's second look: in a text where the pick (name_pick) keeps none of the
recognised names, gradient-boosted trees weigh those names and the spans at the text's head
(spans) as whole strings, and the text keeps the likeliest where it reaches a learned cut.

Why only there: the trees over every candidate, tried as the pick itself, found as many names
as the logistic pick but different ones and fewer of them right (BDCI 2019 entity rows, 5 folds
through the CLI: P 0.620 R 0.520 against P 0.667 R 0.527). Where the logistic pick keeps
nothing, most of the names the labels mark were no candidate of it (the recognisers read them
as common words), and there the trees find them. The cut is the one of best F1 of the two
looks together over the labelled texts, each scored by trees that never saw it.

A model is an .npz file of plain arrays beside the pick's (the trees, the cut and the span
tables); the pick's own file holds how often the labels mark each name.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from . import spans, trees
from .gazetteer import fold, fold_chars

MODEL_VERSION = 1
SPAN_SHARE = 0.25   # of the unmarked, unrecognised spans the trees learn from (see fit)
# The second look's names are right less often than the pick's: at the cut of best F1 it
# took BDCI entity precision (5 folds through the CLI) from 0.667 to 0.634 for recall 0.527
# to 0.576. Analysts count on the names a text is said to be about, so by default it stops
# where the names kept on the labelled texts would be right less than this share of the time.
MIN_PRECISION = 0.65
NEVER = 2.0         # a cut no probability reaches
_CUTS = np.round(np.arange(0.05, 0.96, 0.01), 2)


class SpanPickError(ValueError):
    """A model file that cannot be used (damaged, another version)."""


def feature_names() -> tuple[str, ...]:
    from .name_pick import FEATURES
    return FEATURES + ("recognised",) + spans.FEATURES


def candidates(doc: str, names: list[str]) -> tuple[list[str], list[bool]]:
    """The names the tagger recognised, then the spans at the head of the text that are none
    of them (as the text writes them), and which of these were recognised."""
    low = fold_chars(doc)
    known = {fold(n) for n in names}
    more = [doc[pos[0]:pos[0] + len(s)] for s, pos in spans.candidates(low).items() if s not in known]
    return list(names) + more, [True] * len(names) + [False] * len(more)


def features(doc: str, title: str | None, names: list[str], recognised: list[bool], gazetteer, priors: dict,
             tables: spans.Tables) -> np.ndarray:
    """One row per candidate: the pick's features, whether it was recognised, and the span
    features of how the text writes it."""
    from .name_pick import features as name_features

    low = fold_chars(doc)
    described = spans.describe(low, [(n, spans.places(low, n)) for n in (fold_chars(x) for x in names)], tables)
    flags = np.asarray(recognised, dtype=float).reshape(-1, 1)
    return np.hstack([name_features(doc, title, names, gazetteer, priors), flags, described])


def sample(text: str, gold, names: list[str], gazetteer, priors: dict, tables: spans.Tables):
    """A labelled text as fit() takes it: (features of its candidates, is each marked)."""
    found, recognised = candidates(text, names)
    marked = {fold(n) for n in gold}
    return features(text, None, found, recognised, gazetteer, priors, tables), [fold(n) in marked for n in found]


def fit(samples, first_kept: list[tuple[int, int]], total: int, threads: int | None = None,
        min_precision: float = MIN_PRECISION) -> dict:
    """samples: [(features of a text's candidates, is each marked)], one per labelled text;
    first_kept: for the same texts, (names the pick keeps, of them marked) as the pick judges
    them; total: every name the labels mark. Returns the trees and the cut of best F1 of the
    pick and this second look together at precision min_precision or more, each text scored
    by trees fitted on the other half."""
    kept = [(i, s) for i, s in enumerate(samples) if len(s[0])]
    if not kept:
        raise SpanPickError("the labelled texts hold no candidate strings")
    x = np.vstack([s[0] for _, s in kept])
    y = np.concatenate([np.asarray(s[1], dtype=bool) for _, s in kept])
    if y.all() or not y.any():
        raise SpanPickError("the labelled texts need strings they mark and strings they do not")
    # the unmarked spans are nine rows in ten and teach alike: the trees learn from a seeded
    # share of them, each weighing for the rest (every text is still scored whole below)
    sure = y | (x[:, feature_names().index("recognised")] > 0)
    learn = sure | (np.random.default_rng(0).random(len(y)) < SPAN_SHARE)
    weight = np.where(sure, 1.0, 1.0 / SPAN_SHARE)
    half = np.concatenate([np.full(len(s[0]), j % 2) for j, (_, s) in enumerate(kept)])
    held = np.zeros(len(y))
    for h in (0, 1):
        part = learn & (half != h)
        if len(set(y[part])) == 2:
            held[half == h] = trees.probabilities(trees.fit(x[part], y[part], weight[part], threads), x[half == h])
    bounds = np.cumsum([0] + [len(s[0]) for _, s in kept])
    tops = [(held[a:b].max(), bool(np.asarray(s[1])[held[a:b].argmax()]))
            for a, b, (i, s) in zip(bounds, bounds[1:], kept) if first_kept[i][0] == 0]
    return {**trees.fit(x[learn], y[learn], weight[learn], threads),
            "cut": best_cut(tops, sum(k for k, _ in first_kept), sum(t for _, t in first_kept), total, min_precision),
            "version": MODEL_VERSION}


def best_cut(tops, kept: int, right: int, total: int, min_precision: float = 0.0) -> float:
    """The cut of best F1 where each text the pick leaves empty keeps its top string (top:
    (probability, is it marked)) if it reaches the cut, beside the pick's kept names, right
    of them, and every labelled name; of the cuts where the names kept are right at least
    min_precision of the time (NEVER where none is: the second look keeps nothing)."""
    best, cut = 2 * right / max(kept + total, 1), NEVER
    prob = np.asarray([p for p, _ in tops])
    hit = np.asarray([t for _, t in tops], dtype=bool)
    for t in _CUTS:   # the cut second_look() applies, exactly
        keep = prob >= t
        tp, n = right + int((keep & hit).sum()), kept + int(keep.sum())
        f1 = 2 * tp / max(n + total, 1)
        if f1 > best and tp >= min_precision * n:
            best, cut = f1, float(t)
    return cut


def second_look(model: dict, doc: str, title: str | None, names: list[str], gazetteer, priors: dict) -> list[str]:
    """The likeliest of a text's recognised names and head spans, if it reaches the cut."""
    found, recognised = candidates(doc, names)
    if not found:
        return []
    prob = trees.probabilities(model, features(doc, title, found, recognised, gazetteer, priors, model["tables"]))
    best = int(np.argmax(prob))
    return [found[best]] if prob[best] >= model["cut"] else []


def span_tables(rows) -> spans.Tables:
    """The span tables of labelled (text, names) rows."""
    return spans.Tables.count((fold_chars(text or ""), {fold_chars(n).strip() for n in names if n.strip()})
                              for text, names in rows)


# ---- files --------------------------------------------------------------------------------
def model_file(pick_path) -> Path:
    """The second look lives beside the pick it completes."""
    pick_path = Path(pick_path)
    return pick_path.with_name(pick_path.name.removesuffix(".npz") + ".spans.npz")


def save(model: dict, tables: spans.Tables, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")   # a killed run leaves no half-written model
    np.savez_compressed(tmp, **{k: v for k, v in model.items() if k != "tables" and not k.startswith("_")},
                        features=np.int64(len(feature_names())), **tables.arrays())
    tmp.replace(path)


def load(path) -> dict:
    try:
        with np.load(path) as z:
            made = (int(z["version"]), int(z["features"]))
            model = None if made != (MODEL_VERSION, len(feature_names())) else {
                **trees.arrays_of(z), "cut": float(z["cut"]), "version": MODEL_VERSION,
                "tables": spans.Tables.from_arrays(z["table_keys"], z["table_counts"], z["table_rate"])}
    except (OSError, KeyError, ValueError, EOFError):
        raise SpanPickError(f"{path} is damaged or no second look of the platforms pick: "
                            "train again with `p2pnews platforms learn`") from None
    if model is None:
        raise SpanPickError(f"{path} was made by another version: train again with `p2pnews platforms learn`")
    return model
