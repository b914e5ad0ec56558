"""Which of the names the tagger recognises in a text are the text's platform/product names:
a logistic regression over where and how the text writes each name, learned from labelled
texts by `p2pnews platforms learn` beside the name recogniser.

The tagger recognises every listed name and every name its rules or the recogniser found,
wherever it stands: the custodian bank, the coin a scam pretends to mint, the news site
quoted, a word of the trade an imported list holds as a name. Labelled texts (the BDCI 2019
entity rows) mark the names a text is *about*: mostly one, named early, repeated, asked
about (X是什么？X靠谱吗？), quoted or tagged (#X#). The pick learns that from the labelled
rows, each scored by a tagger that never saw its labels (see cross_fitted_samples), and
keeps a name where its probability reaches the threshold that gave the best F1 there.

A model is a small .npz file (weights, feature scaling, threshold, and how often the labels
mark each name they hold); without one, `platforms` lists every recognised name.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np

from . import lexicon
from .gazetteer import fold   # names and texts compared up to writing forms, as risk_model does
from .segment import base_word_tag, word_freq

MODEL_VERSION = 1
C = 1.0   # inverse regularisation (cross-fitted BDCI entity rows)
_QUOTES = (("“", "”"), ("《", "》"), ("【", "】"), ("\"", "\""), ("「", "」"), ("#", "#"))


@lru_cache(maxsize=1)
def _cues():
    """data/pick_cues.tsv: the asked-about pattern and the endings, as tuples."""
    cues = lexicon.kinds("pick_cues.tsv")
    asked = re.compile("|".join(re.escape(w) for w in sorted(cues["asked"], key=len, reverse=True)))
    return asked, {k: tuple(cues[k]) for k in ("coin", "firm", "platform")}


FEATURES = ("count", "absent", "first_at", "early", "in_title", "count_share", "most_named", "names",
            "inside_other", "holds_other", "length", "latin", "tagged", "quoted", "asked", "then_platform",
            "coin", "firm", "platform", "seed", "listed", "learned", "labelled", "unlisted",
            "prior_rate", "prior_seen", "prior_known", "jieba_word", "word_pairs",
            # steps of the counts above: the odds do not grow evenly with them
            "twice", "thrice", "five_times", "opens", "first_fifth", "first_half", "half_share", "several_names")


class NamePickError(ValueError):
    """A model file that cannot be used (damaged, another version)."""


def features(doc: str, title: str | None, names: list[str], gazetteer, priors: dict) -> np.ndarray:
    """One row per name: see FEATURES. doc is the title and text as one string."""
    asked, endings = _cues()
    low, ttl = fold(doc), fold(title or "")
    folded = [fold(n) for n in names]
    counts = [low.count(n) if n else 0 for n in folded]
    most = max(counts + [1])
    rows = []
    for name, n, c in zip(names, folded, counts):
        first = low.find(n) if n else -1
        after = _after_each(low, n, first)
        others = [o for o in folded if o != n]
        source = str((gazetteer.rows.get(name) or gazetteer.rows.get((gazetteer.lookup(name) or ("",))[0]) or {})
                     .get("source") or "") if gazetteer is not None else ""
        listed = name in gazetteer if gazetteer is not None else False
        seen, marked = priors.get(n, (0, 0))
        rows.append([
            np.log1p(c), c == 0, first / max(len(low), 1) if first >= 0 else 1.0, 0 <= first < 40,
            bool(ttl) and n in ttl, c / most, c == most, np.log1p(len(names)),
            any(n in o for o in others), any(o in n for o in others), min(len(n), 12) / 12,
            sum(ch.isascii() for ch in n) / max(len(n), 1),
            f"#{n}" in low, any(f"{a}{n}{b}" in low for a, b in _QUOTES),
            any(asked.match(a) for a in after), any(a.startswith("平台") for a in after),
            n.endswith(endings["coin"]), n.endswith(endings["firm"]), n.endswith(endings["platform"]),
            "seed" in source, listed and not any(k in source for k in ("seed", "learned:", "labelled:")),
            "learned:" in source, "labelled:" in source, not listed,
            (marked + 0.5) / (seen + 1.0), np.log1p(seen), seen > 0,
            base_word_tag(name) is not None, _word_pairs(name),
            c >= 2, c >= 3, c >= 5, 0 <= first < 0.05 * len(low), 0 <= first < 0.2 * len(low),
            0 <= first < 0.5 * len(low), c >= most / 2, len(names) > 1,
        ])
    return np.asarray(rows, dtype=float).reshape(len(names), len(FEATURES))


def _word_pairs(name: str) -> float:
    """The share of the name's character pairs that are words of jieba's dictionary (a run of
    ordinary words is seldom a new brand)."""
    pairs = [name[i:i + 2] for i in range(len(name) - 1)]
    return sum(word_freq(p) > 0 for p in pairs) / len(pairs) if pairs else 0.0


def _after_each(low: str, n: str, first: int, most: int = 8) -> list[str]:
    """What the text writes right after each of the first few mentions (past a closing quote)."""
    out, at = [], first
    while at >= 0 and len(out) < most:
        end = at + len(n)
        out.append(low[end:end + 6].lstrip("”\"」》】#』"))
        at = low.find(n, end)
    return out


def label_counts(rows) -> dict[str, tuple[int, int]]:
    """name (folded) -> (labelled texts that hold it, texts that mark it), over the names any
    row marks: the prior of a name the labels know."""
    marked = Counter(n for _, names in rows for n in {fold(x) for x in names if x.strip()})
    if not marked:
        return {}
    automaton = ahocorasick.Automaton()
    for n in marked:
        automaton.add_word(n, n)
    automaton.make_automaton()
    seen = Counter()
    for text, _ in rows:
        seen.update({n for _, n in automaton.iter(fold(text))})
    return {n: (max(seen[n], k), k) for n, k in marked.items()}


def fit(samples) -> dict:
    """samples: [(feature matrix of a text's names, [is each a labelled name], how many names
    the text's labels mark)]. Returns the model: weights over scaled features, and the
    threshold of best F1 on the samples."""
    from sklearn.linear_model import LogisticRegression

    xs = [x for x, _, _ in samples if len(x)]
    if not xs:
        raise NamePickError("the labelled texts hold no recognised names to learn the pick from")
    x = np.vstack(xs)
    y = np.concatenate([np.asarray(lab, dtype=bool) for x_, lab, _ in samples if len(x_)])
    if y.all() or not y.any():
        raise NamePickError("the labelled texts need names they mark and names they do not")
    # a floor under the scale: a flag the labelled texts almost never raise must not weigh
    # a hundredfold in a text that raises it
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 0.25)
    lr = LogisticRegression(C=C, max_iter=2000).fit((x - mean) / scale, y)
    prob = lr.predict_proba((x - mean) / scale)[:, 1]
    return {"coef": lr.coef_[0], "bias": float(lr.intercept_[0]), "mean": mean, "scale": scale,
            "threshold": best_threshold(prob, y, sum(n for _, _, n in samples)), "version": MODEL_VERSION}


def best_threshold(prob: np.ndarray, y: np.ndarray, total: int) -> float:
    """The probability cut of best F1 over these names. total: every labelled name, also the
    ones no recognised name matches (recall the pick cannot give back)."""
    best, cut = -1.0, 0.5
    total = max(total, int(y.sum()))
    for t in np.round(np.arange(0.05, 0.95, 0.01), 2):   # the cut pick() applies, exactly
        keep = prob >= t
        tp = int((keep & y).sum())
        f1 = 2 * tp / (keep.sum() + total) if keep.any() else 0.0
        if f1 > best:
            best, cut = f1, float(t)
    return cut


def probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    if not len(x):
        return np.zeros(0)
    z = ((x - model["mean"]) / model["scale"]) @ model["coef"] + model["bias"]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def pick(model: dict, text: str, title: str | None, names: list[str], gazetteer) -> list[str]:
    """The names of `names` (a text's recognised names) the model keeps, in their order."""
    if not names:
        return []
    doc = ((title or "") + "\n" + (text or "")) if title else (text or "")
    prob = probabilities(model, features(doc, title, names, gazetteer, model["priors"]))
    return [n for n, p in zip(names, prob) if p >= model["threshold"]]


# ---- learning -----------------------------------------------------------------------------
PARTS = 3   # cross-fitting parts of the labelled rows
# The pick has a few dozen weights: a few thousand texts teach it all they can, and each part
# costs a recogniser's training, so a larger labelled set is cross-fitted over an even sample.
MAX_ROWS = 2500


class CrossFit(NamedTuple):
    samples: list          # for fit()
    candidates: set        # every name the plain gazetteer's tagging reports (not_names' candidates)
    alongside: object      # what the `alongside` task returned


def cross_fitted_samples(rows, gazetteer, workdir, iterations: int = 100, parts: int = PARTS, progress=None,
                         jobs: int = 1, alongside=None) -> CrossFit:
    """Samples for fit(), each labelled text tagged the way `platforms learn`, `discover` and
    `tag` would tag a text whose labels they never saw: for each part of the rows, a recogniser
    learned on the other parts, the names those parts mark added to the gazetteer, the names
    the recogniser discovers in the part added too, not_names from the other parts. Also
    gives every name the plain gazetteer's tagging reports in the rows (not_names' candidates).
    Over MAX_ROWS rows, an even sample of them is cross-fitted.

    The parts are independent: with jobs > 1 they train side by side in forked workers, and so
    does `alongside` (a task of the caller's, such as the recogniser on all rows), with results
    identical to jobs=1. jieba's dictionary is reset at the start of each, so no part's names
    are whole words in another. progress(n) counts texts: the rows once as listed, once as the
    alongside task finishes, once as their parts finish."""
    from . import forked, segment
    from .names_model import names_per_text

    segment.reset()
    found = names_per_text(rows, gazetteer, progress)
    step = -(-len(rows) // MAX_ROWS)
    sample, sample_found = rows[::step], found[::step]
    work = [k for k in range(parts) if any(i % parts == k for i in range(len(sample)))
            and any(i % parts != k for i in range(len(sample)))]
    tasks = [lambda k=k: _part_samples(k, parts, sample, sample_found, gazetteer, workdir, iterations) for k in work]
    texts = [step * sum(1 for i in range(len(sample)) if i % parts == k) for k in work]
    if alongside is not None:
        def first():
            segment.reset()
            return alongside()
        tasks.insert(0, first)
        texts.insert(0, len(rows))
    results = forked.run_all(tasks, jobs, done=(lambda i: progress(texts[i])) if progress else None)
    segment.reset()
    extra = results.pop(0) if alongside is not None else None
    return CrossFit([x for part in results for x in part], set().union(*found) if found else set(), extra)


def _part_samples(k, parts, sample, sample_found, gazetteer, workdir, iterations) -> list:
    """The samples of part k, tagged by what the other parts teach."""
    from . import segment
    from .gazetteer import Gazetteer
    from .names_model import NameModel, discover_names, labelled_names, not_names, train, unmarked_names
    from .tagger import tag_text

    segment.reset()
    held = [i for i in range(len(sample)) if i % parts == k]
    others = [r for i, r in enumerate(sample) if i % parts != k]
    path = Path(workdir) / f"part{k}.crfsuite"
    train(others, path, gazetteer, iterations)
    gz = Gazetteer.from_rows(list(gazetteer.rows.values()), seed=False)
    gz.add_rows({"name": n, "source": "labelled:part"} for n in sorted(labelled_names(others, gazetteer)))
    recogniser = NameModel(path, gz)
    new = discover_names([sample[i][0] for i in held], recogniser)
    skip = unmarked_names(new, recogniser)
    gz.add_rows({"name": n, "source": f"learned:{path.name}"} for n in sorted(new) if n not in skip)
    seen = set().union(*(sample_found[i] for i in range(len(sample)) if i % parts != k))
    gz.not_names = set(not_names(others, gazetteer, seen))
    priors = label_counts(others)
    samples = []
    for i in held:
        text, gold = sample[i]
        names = tag_text(text, gazetteer=gz)["platforms"]
        marked = {fold(n) for n in gold}
        samples.append((features(text, None, names, gz, priors), [fold(n) in marked for n in names], len(marked)))
    return samples


# ---- files --------------------------------------------------------------------------------
def pick_file(names_model_path) -> Path:
    """The pick lives beside the recogniser it was learned with."""
    return Path(str(names_model_path) + ".pick.npz")


def save(model: dict, priors: dict, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")   # a killed run leaves no half-written model
    keys = sorted(priors)
    np.savez_compressed(tmp, **{k: v for k, v in model.items() if k != "priors"},
                        prior_names=np.asarray(keys, dtype=str),
                        prior_counts=np.asarray([priors[k] for k in keys], dtype=np.int64).reshape(len(keys), 2))
    tmp.replace(path)


def load(path) -> dict:
    try:
        with np.load(path) as z:
            model = {"coef": z["coef"], "bias": float(z["bias"]), "mean": z["mean"], "scale": z["scale"],
                     "threshold": float(z["threshold"]), "version": int(z["version"]),
                     "priors": {str(n): (int(a), int(b)) for n, (a, b) in zip(z["prior_names"], z["prior_counts"])}}
    except FileNotFoundError:
        raise NamePickError(f"no name pick at {path}: train one with `p2pnews platforms learn`") from None
    except (OSError, KeyError, ValueError, EOFError):
        raise NamePickError(f"{path} is damaged or no name pick: train again with `p2pnews platforms learn`") from None
    if model["version"] != MODEL_VERSION or model["coef"].shape != (len(FEATURES),):
        raise NamePickError(f"{path} was made by another version: train again with `p2pnews platforms learn`")
    return model
