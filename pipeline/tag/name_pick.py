"""Which strings of a text are its platform/product names: gradient-boosted trees over where
and how the text writes each name the tagger recognises and each span at its head that may be
a name no recogniser marked (spans), learned from labelled texts by `p2pnews platforms learn`
beside the name recogniser.

The tagger recognises every listed name and every name its rules or the recogniser found,
wherever it stands: the custodian bank, the coin a scam pretends to mint, the news site
quoted, a word of the trade an imported list holds as a name. Labelled texts (the BDCI 2019
entity rows) mark the names a text is *about*: mostly one, named early, repeated, asked
about (X是什么？X靠谱吗？), quoted or tagged (#X#). The pick learns that from the labelled
rows, each scored by a tagger that never saw its labels (see cross_fitted_samples). A text
keeps its likeliest string where its probability reaches one cut, and more strings where they
reach a second, higher one and neither holds nor is held by a string kept: the cuts of best F1
over the labelled texts, each scored by trees that never saw it.

Most of the names the labels mark that the pick kept out before the spans were no candidate
at all (the recognisers judged them common words), so the pick now weighs the spans beside
the recognised names. BDCI 2019 entity rows, 5 folds through the CLI: see the README.

A model is an .npz file of plain arrays (the trees, the cuts, the span tables, and how often
the labels mark each name they hold); without one, `platforms` lists every recognised name.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np

from . import lexicon, spans, trees
from .gazetteer import fold, fold_chars   # names and texts compared up to writing forms, as risk_model does
from .segment import base_word_tag, word_freq

MODEL_VERSION = 2
SPAN_SHARE = 0.25   # of the unmarked spans the trees learn from (see fit)
_QUOTES = (("“", "”"), ("《", "》"), ("【", "】"), ("\"", "\""), ("「", "」"), ("#", "#"))


@lru_cache(maxsize=1)
def _cues():
    """data/pick_cues.tsv: the asked-about pattern and the endings, as tuples."""
    cues = lexicon.kinds("pick_cues.tsv")
    asked = re.compile("|".join(re.escape(w) for w in sorted(cues["asked"], key=len, reverse=True)))
    return asked, {k: tuple(cues[k]) for k in ("coin", "firm", "platform")}


NAME_FEATURES = ("count", "absent", "first_at", "early", "in_title", "count_share", "most_named", "names",
            "inside_other", "holds_other", "length", "latin", "tagged", "quoted", "asked", "then_platform",
            "coin", "firm", "platform", "seed", "listed", "learned", "labelled", "unlisted",
            "prior_rate", "prior_seen", "prior_known", "jieba_word", "word_pairs",
            # steps of the counts above: the odds do not grow evenly with them
            "twice", "thrice", "five_times", "opens", "first_fifth", "first_half", "half_share", "several_names")
FEATURES = NAME_FEATURES + ("recognised",) + spans.FEATURES


class NamePickError(ValueError):
    """A model file that cannot be used (damaged, another version)."""


def candidates(doc: str, names: list[str]) -> tuple[list[str], list[bool]]:
    """The names the tagger recognised, then the spans at the head of the text that are none
    of them (as the text writes them), and which of these were recognised."""
    low = fold_chars(doc)
    known = {fold(n) for n in names}
    more = [doc[pos[0]:pos[0] + len(s)] for s, pos in spans.candidates(low).items() if s not in known]
    return list(names) + more, [True] * len(names) + [False] * len(more)


def features(doc: str, title: str | None, names: list[str], gazetteer, priors: dict,
             tables: spans.Tables | None = None, recognised: list[bool] | None = None) -> np.ndarray:
    """One row per name: see FEATURES. doc is the title and text as one string."""
    low = fold_chars(doc)
    folded = [fold_chars(n) for n in names]
    described = spans.describe(low, [(n, spans.places(low, n)) for n in folded], tables or spans.Tables())
    flags = np.asarray([True] * len(names) if recognised is None else recognised, dtype=float).reshape(-1, 1)
    return np.hstack([_name_rows(doc, title, names, gazetteer, priors), flags, described])


def _name_rows(doc: str, title: str | None, names: list[str], gazetteer, priors: dict) -> np.ndarray:
    """One row of NAME_FEATURES per name."""
    asked, endings = _cues()
    low, ttl = fold(doc), fold(title or "")
    folded = [fold(n) for n in names]
    counts = [low.count(n) if n else 0 for n in folded]
    most = max(counts + [1])
    inside, holds = _nesting(folded)
    rows = []
    for name, n, c in zip(names, folded, counts):
        first = low.find(n) if n else -1
        after = _after_each(low, n, first)
        source = str((gazetteer.rows.get(name) or gazetteer.rows.get((gazetteer.lookup(name) or ("",))[0]) or {})
                     .get("source") or "") if gazetteer is not None else ""
        listed = name in gazetteer if gazetteer is not None else False
        seen, marked = priors.get(n, (0, 0))
        rows.append([
            np.log1p(c), c == 0, first / max(len(low), 1) if first >= 0 else 1.0, 0 <= first < 40,
            bool(ttl) and n in ttl, c / most, c == most, np.log1p(len(names)),
            n in inside, n in holds, min(len(n), 12) / 12,
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
    return np.asarray(rows, dtype=float).reshape(len(names), len(NAME_FEATURES))


def _nesting(folded: list[str]) -> tuple[set[str], set[str]]:
    """The names inside another of the list, and those holding another: through each name's
    substrings rather than every pair, as a text has hundreds of candidates."""
    names = set(folded)
    inside, holds = set(), set()
    for n in names:
        for i in range(len(n)):
            for j in range(i + 1, len(n) + 1 - (i == 0)):   # proper substrings only
                if n[i:j] in names:
                    inside.add(n[i:j])
                    holds.add(n)
    return inside, holds


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


def fit(samples, threads: int | None = None) -> dict:
    """samples: [(feature matrix of a text's candidates, [is each a labelled name], how many
    names the text's labels mark, the candidates folded)]. Returns the model: the trees, and
    the cuts of best F1 over the samples, each text scored by trees fitted on the other half.
    threads: at most this many for the trees."""
    kept = [s for s in samples if len(s[0])]
    if not kept:
        raise NamePickError("the labelled texts hold no recognised names to learn the pick from")
    x = np.vstack([s[0] for s in kept])
    y = np.concatenate([np.asarray(s[1], dtype=bool) for s in kept])
    if y.all() or not y.any():
        raise NamePickError("the labelled texts need names they mark and names they do not")
    # the unmarked spans are nine rows in ten and teach alike: the trees learn from a seeded
    # share of them, each weighing for the rest (every text is still scored whole below)
    sure = y | (x[:, FEATURES.index("recognised")] > 0)
    learn = sure | (np.random.default_rng(0).random(len(y)) < SPAN_SHARE)
    weight = np.where(sure, 1.0, 1.0 / SPAN_SHARE)
    half = np.concatenate([np.full(len(s[0]), i % 2) for i, s in enumerate(kept)])
    held = np.zeros(len(y))
    for h in (0, 1):
        part = learn & (half != h)
        if len(set(y[part])) == 2:
            held[half == h] = trees.probabilities(trees.fit(x[part], y[part], weight[part], threads), x[half == h])
    bounds = np.cumsum([0] + [len(s[0]) for s in kept])
    texts = [(held[a:b], s[1], s[3]) for a, b, s in zip(bounds, bounds[1:], kept)]
    first, more = best_cuts(texts, sum(s[2] for s in samples))
    return {**trees.fit(x[learn], y[learn], weight[learn], threads), "first_cut": first, "more_cut": more,
            "version": MODEL_VERSION}


def choose(prob, folded: list[str], first: float, more: float) -> list[int]:
    """Which candidates a text keeps: its likeliest if it reaches `first`, then each next
    likeliest that reaches `more` and neither holds nor is held by one kept (团贷网 or 团贷)."""
    kept: list[int] = []
    for i in sorted(range(len(folded)), key=lambda i: -prob[i]):
        if prob[i] < (more if kept else first):
            break
        if not any(folded[i] in folded[k] or folded[k] in folded[i] for k in kept):
            kept.append(i)
    return sorted(kept)


_CUTS = np.round(np.arange(0.05, 0.95, 0.05), 2)


def best_cuts(texts, total: int) -> tuple[float, float]:
    """The (first, more) cuts of best F1 over texts [(probabilities, labels, folded)]. total:
    every labelled name, also the ones no candidate matches (recall no cut can give back)."""
    best, cuts = -1.0, (0.5, 0.5)
    total = max(total, sum(int(np.sum(lab)) for _, lab, _ in texts))
    for first in _CUTS:
        for more in _CUTS[_CUTS >= first]:
            tp = kept = 0
            for prob, lab, folded in texts:
                picked = choose(prob, folded, first, more)
                kept += len(picked)
                tp += sum(bool(lab[i]) for i in picked)
            f1 = 2 * tp / (kept + total) if kept else 0.0
            if f1 > best:
                best, cuts = f1, (float(first), float(more))
    return cuts


def pick(model: dict, text: str, title: str | None, names: list[str], gazetteer) -> list[str]:
    """The platform names of a text: of `names` (its recognised names) and the spans at its
    head, those the model keeps, recognised ones first, in their order."""
    doc = ((title or "") + "\n" + (text or "")) if title else (text or "")
    found, recognised = candidates(doc, names)
    if not found:
        return []
    x = features(doc, title, found, gazetteer, model["priors"], model["tables"], recognised)
    keep = choose(trees.probabilities(model, x), [fold_chars(n) for n in found], model["first_cut"], model["more_cut"])
    return [found[i] for i in keep]


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
    priors, tables = label_counts(others), span_tables(others)
    samples = []
    for i in held:
        text, gold = sample[i]
        names, recognised = candidates(text, tag_text(text, gazetteer=gz)["platforms"])
        marked = {fold(n) for n in gold}
        samples.append((features(text, None, names, gz, priors, tables, recognised),
                        [fold(n) in marked for n in names], len(marked), [fold_chars(n) for n in names]))
    return samples


def span_tables(rows) -> spans.Tables:
    """The span tables of labelled (text, names) rows."""
    return spans.Tables.count((fold_chars(text or ""), {fold_chars(n).strip() for n in names if n.strip()})
                              for text, names in rows)


# ---- files --------------------------------------------------------------------------------
def pick_file(names_model_path) -> Path:
    """The pick lives beside the recogniser it was learned with."""
    return Path(str(names_model_path) + ".pick.npz")


def save(model: dict, priors: dict, tables: spans.Tables, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")   # a killed run leaves no half-written model
    keys = sorted(priors)
    np.savez_compressed(tmp, **{k: v for k, v in model.items() if k not in ("priors", "tables")},
                        features=np.int64(len(FEATURES)), **tables.arrays(),
                        prior_names=np.asarray(keys, dtype=str),
                        prior_counts=np.asarray([priors[k] for k in keys], dtype=np.int64).reshape(len(keys), 2))
    tmp.replace(path)


def load(path) -> dict:
    try:
        with np.load(path) as z:
            made = (int(z["version"]), int(z["features"]) if "features" in z else -1)
            model = None if made != (MODEL_VERSION, len(FEATURES)) else {
                **trees.arrays_of(z), "first_cut": float(z["first_cut"]), "more_cut": float(z["more_cut"]),
                "version": MODEL_VERSION,
                "tables": spans.Tables.from_arrays(z["table_keys"], z["table_counts"], z["table_rate"]),
                "priors": {str(n): (int(a), int(b)) for n, (a, b) in zip(z["prior_names"], z["prior_counts"])}}
    except FileNotFoundError:
        raise NamePickError(f"no name pick at {path}: train one with `p2pnews platforms learn`") from None
    except (OSError, KeyError, ValueError, EOFError):
        raise NamePickError(f"{path} is damaged or no name pick: train again with `p2pnews platforms learn`") from None
    if model is None:
        raise NamePickError(f"{path} was made by another version: train again with `p2pnews platforms learn`")
    return model
