"""A learned recogniser of platform and product names: a character CRF (CRFsuite) over
jieba word boundaries, character n-grams and the gazetteer's own matches.

Rules find names that sit next to P2P vocabulary (discover.py); the new names of the
trade (coins, forex brands, loan apps, 商城 schemes) mostly do not. This model learns what
such names look like from labelled texts that the user points it at, at run time
(`p2pnews platforms learn FILE.csv`), and `p2pnews platforms discover` adds what it finds
in a corpus to the `platforms` table, where the tagger's automaton then matches them in
every text. Nothing labelled ships with the project: the model file lives beside the
database it was trained for.

Labelled files are CSV with a `text` column and one of the name columns below, names
`;`-separated (the CCF BDCI 2019 layouts; a CCKS-style `subject` column works too).
"""
from __future__ import annotations

import csv
import gzip
import re
from collections import Counter
from pathlib import Path

import orjson
import pycrfsuite

from . import repeats
from .discover import lexicon_word
from .gazetteer import Gazetteer, char_class
from .segment import add_gazetteer, cut_words, in_dictionary, word_tag
from .segment import reset as reset_jieba

# the features a model was trained with; a model of other features still runs but finds
# little, so it is refused (kept beside the model, CRFsuite files hold no metadata)
FEATURES_VERSION = "3"
# which column holds the names, in order of preference
NAME_COLUMNS = ("unknownEntities", "entity", "subject", "names")
_MIN_NAME = 2
# how exported tables write "no value" (CCKS: an event without a subject has NaN)
_MISSING = frozenset({"nan", "none", "null", "n/a"})


def read_labelled(path) -> list[tuple[str, list[str]]]:
    """(text, names) per row of a labelled CSV. ValueError names the columns it needs."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        col = next((c for c in NAME_COLUMNS if c in cols), None)
        if "text" not in cols or col is None:
            raise ValueError(f"needs a 'text' column and one of {', '.join(NAME_COLUMNS)}; has {', '.join(cols)}")
        rows = []
        for r in reader:
            names = [n.strip() for n in (r[col] or "").split(";")
                     if len(n.strip()) >= _MIN_NAME and n.strip().lower() not in _MISSING]
            rows.append(((r["text"] or "").replace("[[+_+]]", "\n"), names))
    return rows


def merge_by_text(rows) -> list[tuple[str, list[str]]]:
    """One row per text, holding every name any of its rows marks. An event set (CCKS) has a
    row per event, so a text about three platforms comes three times, each time marking one
    of them: learned apart, each copy teaches that the other two are no names."""
    merged: dict[str, list[str]] = {}
    for text, names in rows:
        held = merged.setdefault(text, [])
        held += [n for n in names if n not in held]
    return list(merged.items())


def features(text: str, gazetteer: Gazetteer) -> list[list[str]]:
    """One feature list per character. The gazetteer must be the one the model is used with
    (its names are in jieba's dictionary and mark known names)."""
    n = len(text)
    known = ["O"] * n
    for m in gazetteer.find(text):
        known[m.start] = "B"
        for k in range(m.start + 1, m.end):
            known[k] = "I"
    # the jieba word each character sits in: its place in it (BMES), the word, its dictionary
    # part of speech and whether jieba knew it (a new brand is often cut up or left unknown)
    word, whole, tag, known_word = [""] * n, [""] * n, [""] * n, [""] * n
    i = 0
    for w in cut_words(text):
        place = ["S"] if len(w) == 1 else ["B"] + ["M"] * (len(w) - 2) + ["E"]
        pos, dic = word_tag(w) or "?", ("D" if in_dictionary(w) else "N") + str(min(len(w), 4))
        for k, mark in enumerate(place):
            word[i + k], whole[i + k], tag[i + k], known_word[i + k] = mark, w, pos, dic
        i += len(w)
    rep = _recurring_runs(text)
    cls = [char_class(c) for c in text]
    pad = "###" + text + "###"
    cpad = "#" + "".join(cls) + "#"
    out = []
    for i, c in enumerate(text):
        z, a, b, d, e, y = pad[i], pad[i + 1], pad[i + 2], pad[i + 4], pad[i + 5], pad[i + 6]
        out.append(["c=" + c, "l1=" + b, "r1=" + d, "l2=" + a, "r2=" + e, "l3=" + z, "r3=" + y,
                    "lb=" + b + c, "rb=" + c + d, "lb2=" + a + b, "rb2=" + d + e, "tri=" + b + c + d,
                    "w=" + word[i], "wc=" + word[i] + c, "wd=" + whole[i], "pos=" + tag[i], "dic=" + known_word[i],
                    "g=" + known[i], "t=" + cpad[i:i + 3]] + rep[i])
    return out


_REPEAT_LENGTHS = (2, 3, 4)


def _recurring_runs(text: str) -> list[list[str]]:
    """Per character: which 2-4 character runs starting or ending at it recur in the text (x:
    three times or more). A new name is seldom in any dictionary, but a text about it keeps
    naming it (每日拼拼是什么？每日拼拼靠谱吗？). On two held-out folds of the BDCI entity rows:
    recall +2.4 points in each, precision -0.6 and -2.1, F1 +1.3 and +0.9."""
    out: list[list[str]] = [[] for _ in text]
    for k in _REPEAT_LENGTHS:
        counts = Counter(text[i:i + k] for i in range(len(text) - k + 1))
        for i in range(len(text) - k + 1):
            run = text[i:i + k]
            seen = counts[run]
            if seen >= 2 and run.isalnum():
                mark = "x" if seen >= 3 else ""
                out[i].append(f"rs{k}{mark}")
                out[i + k - 1].append(f"re{k}{mark}")
    return out


def bio_labels(text: str, names) -> list[str]:
    """B/I on every occurrence of each name, longest first; a shorter name inside a longer
    one already marked stays unmarked (one label per character). Names of one length that
    overlap go in code-point order: in set order the labels, and so the model, changed with
    PYTHONHASHSEED from one `learn` to the next."""
    labels = ["O"] * len(text)
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if all(x == "O" for x in labels[s:e]):
                labels[s] = "B"
                labels[s + 1:e] = ["I"] * (e - s - 1)
    return labels


def train(rows, model_path, gazetteer: Gazetteer, iterations: int = 100, progress=None) -> dict:
    """Fit the CRF on (text, names) rows and write it to model_path. Returns a summary."""
    # jieba knows exactly this gazetteer's names, whatever this process tagged before (a
    # name added for another gazetteer would change the cuts the model learns from)
    reset_jieba()
    add_gazetteer(gazetteer)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_names = 0
    for text, names in rows:
        if not text:
            continue
        trainer.append(features(text, gazetteer), bio_labels(text, names))
        n_names += len(names)
        if progress:
            progress(1)
    # light L1 keeps the model small; possible transitions let I follow O never (learned)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    _version_file(model_path).write_text(FEATURES_VERSION, encoding="utf-8")
    _save_labelled(model_path, rows)
    _train_repeats(rows, model_path)
    return {"rows": len(rows), "names": n_names, "iterations": iterations}


def _train_repeats(rows, model_path) -> None:
    """The repeats model beside the CRF (see repeats.py); labelled texts that cannot teach one
    (no repeated string they mark) leave none, and an older one goes."""
    path = repeats.repeats_file(model_path)
    try:
        repeats.save(repeats.train(rows), path)
    except repeats.RepeatsError:
        path.unlink(missing_ok=True)


def _labelled_file(model_path) -> Path:
    return Path(str(model_path) + ".labelled.jsonl.gz")


def _save_labelled(model_path, rows) -> None:
    """The labelled rows are kept beside the model: discovery checks a name it finds against
    them (a name the labels leave unmarked where it occurs is no name, see unmarked_names)."""
    path = _labelled_file(model_path)
    part = path.with_name(path.name + ".part")   # a killed run leaves no half-written file
    with gzip.open(part, "wb") as f:
        for text, names in rows:
            f.write(orjson.dumps([text, list(names)]) + b"\n")
    part.replace(path)


def _load_labelled(model_path) -> list[tuple[str, list[str]]]:
    path = _labelled_file(model_path)
    if not path.is_file():
        return []   # a model trained before the rows were kept: discovery checks nothing
    try:
        with gzip.open(path, "rb") as f:
            return [tuple(orjson.loads(line)) for line in f if line.strip()]
    except (OSError, EOFError, orjson.JSONDecodeError) as exc:
        raise ValueError(f"{path} is damaged ({exc}): train again with `p2pnews platforms learn FILE.csv`") from exc


# An entry found in at least NOT_NAME_MIN_SEEN labelled texts and labelled in under
# NOT_NAME_MAX_RATE of them is a word of the trade, not a name (靠谱 in 80 texts, never).
# Two texts, not three, and for the names the rules and the model find as well as listed
# ones: in the full bench (BDCI entity rows, 5 folds through the CLI) entity precision
# 0.462 -> 0.480 at recall 0.543 -> 0.537, learned CCKS 0.811 -> 0.813, key-entity unchanged.
NOT_NAME_MIN_SEEN = 2
NOT_NAME_MAX_RATE = 0.1


def not_names(rows, gazetteer: Gazetteer, candidates=()) -> dict[str, tuple[int, int]]:
    """Names the labelled rows treat as no name: name -> (seen, labelled). The gazetteer's
    names, and any other candidate names (what the rules find in these texts), counted alike."""
    seen, labelled = _seen_and_marked(rows, gazetteer)
    others = {n for n in candidates if n and n not in gazetteer}
    if others:
        more_seen, more_marked = _seen_and_marked(rows, _names_only(others))
        seen.update(more_seen)
        labelled.update(more_marked)
    return _rarely_marked(seen, labelled)


def _rarely_marked(seen: Counter, labelled: Counter) -> dict[str, tuple[int, int]]:
    return {n: (k, labelled[n]) for n, k in seen.items()
            if k >= NOT_NAME_MIN_SEEN and labelled[n] < NOT_NAME_MAX_RATE * k}


def _names_only(names) -> Gazetteer:
    """A gazetteer of just these names (no seed list), to count where tagging would find them."""
    return Gazetteer.from_rows([{"name": n} for n in sorted(names)], seed=False)


def rule_names(rows, gazetteer: Gazetteer, progress=None) -> set[str]:
    """Every name the tagger reports in the labelled texts (listed ones and those its rules
    discover): the candidates not_names checks beside the gazetteer's."""
    return set().union(*names_per_text(rows, gazetteer, progress))


def names_per_text(rows, gazetteer: Gazetteer, progress=None) -> list[set[str]]:
    """The names the tagger reports in each labelled text."""
    from .tagger import tag_text

    found = []
    for text, _ in rows:
        found.append(set(tag_text(text, gazetteer=gazetteer)["platforms"]))
        if progress:
            progress(1)
    return found


def unmarked_names(names, model: "NameModel") -> dict[str, tuple[int, int]]:
    """Of names the model found, those its labelled texts hold unmarked (as not_names)."""
    if not model.labelled or not names:
        return {}
    return _rarely_marked(*_seen_and_marked(model.labelled, _names_only(names)))


def _seen_and_marked(rows, gazetteer: Gazetteer) -> tuple[Counter, Counter]:
    """In how many labelled texts tagging would find each gazetteer name, and in how many of
    those the labels mark it."""
    seen, marked = Counter(), Counter()
    for text, names in rows:
        gold = set(names)
        for surface in {m.surface for m in gazetteer.find(text)}:
            seen[surface] += 1
            marked[surface] += surface in gold
    return seen, marked


# A name the labelled rows mark in at least this share of the labelled texts that hold it is a
# name wherever it is written (比特币, marked in a few texts of many, is not added).
LABELLED_MIN_RATE = 0.5


def labelled_names(rows, gazetteer: Gazetteer) -> dict[str, tuple[int, int]]:
    """Names the labelled rows mark that the gazetteer does not know, kept as above:
    name -> (texts that hold it, texts that mark it). Texts that hold it are counted as tagging
    finds names (whole Latin words, the longest name at a place), so a name marked inside a
    longer one counts as marked there."""
    marked = Counter(n for _, names in rows for n in set(names)
                     if len(n) >= _MIN_NAME and n not in gazetteer and not lexicon_word(n))
    seen, _ = _seen_and_marked(rows, _names_only(marked))
    return {n: (max(seen[n], k), k) for n, k in marked.items() if k >= LABELLED_MIN_RATE * seen[n]}


MODEL_SOURCES = ("labelled:", "learned:")   # `platforms` sources that learn and discover write


def _from_models(row: dict) -> bool:
    """True if every source of a platforms row (merged sources are joined by +) is a model's."""
    sources = [part.strip() for part in (row.get("source") or "").split("+") if part.strip()]
    return bool(sources) and all(part.startswith(MODEL_SOURCES) for part in sources)


def without_model_names(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer less what earlier `learn` and `discover` runs added: their names (a row
    that a list also holds stays) and the not_names learn found. The models learn with it:
    trained where the labelled names are already listed, the CRF would learn that a name is
    what the gazetteer marks and find no new ones; and a word held back as a not_name would not
    be a candidate again, so learning again would drop it from the not_names it rewrites."""
    return Gazetteer.from_rows([r for r in gazetteer.rows.values() if not _from_models(r)], seed=False)


def _version_file(model_path) -> Path:
    return Path(str(model_path) + ".version")


class NameModel:
    def __init__(self, model_path, gazetteer: Gazetteer):
        path = Path(model_path)
        if not path.is_file():
            raise FileNotFoundError(f"no name model at {path}: train one with `p2pnews platforms learn FILE.csv`")
        version = _version_file(path)
        if not version.is_file() or version.read_text(encoding="utf-8").strip() != FEATURES_VERSION:
            raise ValueError(f"{path} was trained by another version of p2pnews: train it again with `p2pnews platforms learn FILE.csv`")
        self.path = path
        self.gazetteer = gazetteer
        self.labelled = _load_labelled(path)
        self.repeats = repeats.load(repeats.repeats_file(path))
        add_gazetteer(gazetteer)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def spans(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, confidence): the Viterbi names, each with the lowest per-character
        marginal probability of its labels as its confidence."""
        if not text:
            return []
        tg = self._tagger
        tg.set(features(text, self.gazetteer))
        labels = tg.tag()
        out, start = [], None
        for i, lab in enumerate(labels + ["O"]):
            if lab != "I" and start is not None:
                conf = min(tg.marginal(labels[k], k) for k in range(start, i))
                if i - start >= _MIN_NAME:
                    out.append((start, i, conf))
                start = None
            if lab == "B" or (lab == "I" and start is None):
                start = i
        return out


_EDGE = "“”\"'‘’《》【】#「」『』?？!！,，。、:：;；()（）[] \t\n"


def discover_names(texts, model: NameModel, min_confidence: float = 0.5, progress=None) -> dict[str, dict]:
    """Names the model finds in texts that the gazetteer does not know yet and no lexicon
    holds as a trigger, authority, place or other word (a #非法集资# hashtag the model took for a name):
    name -> {"texts": how many texts, "confidence": the best seen}. The CRF's names need
    min_confidence; the repeats model's (repeats.py) its own cut, their probability the confidence."""
    found: dict[str, dict] = {}
    for text in texts:
        spans = [(text[s:e], conf) for s, e, conf in model.spans(text) if conf >= min_confidence]
        if model.repeats is not None:
            spans += model.repeats.find(text)
        names = {}
        for written, conf in spans:
            name = written.strip(_EDGE)
            if len(name) < _MIN_NAME or name in model.gazetteer or lexicon_word(name):
                continue
            names[name] = max(conf, names.get(name, 0.0))
        for name, conf in names.items():
            best = found.setdefault(name, {"texts": 0, "confidence": 0.0})
            best["texts"] += 1
            best["confidence"] = max(best["confidence"], conf)
        if progress:
            progress(1)
    return found
