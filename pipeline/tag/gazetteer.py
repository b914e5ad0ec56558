"""The platform gazetteer used by the tagger: known names, aliases and company names,
matched with an Aho-Corasick automaton before segmentation (jieba alone splits names that
hold digits, Latin letters or symbols: e租宝, 91金融, PPmoney)."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .lexicon import DATA


def fold(s: str) -> str:
    """A text or name up to its writing form: NFKC (full-width = half-width), lower case."""
    return unicodedata.normalize("NFKC", s or "").lower()


def char_class(ch: str) -> str:
    """D digit, L Latin letter, H Chinese character, P anything else."""
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    return "P"

SEED_CSV = DATA / "platforms_seed.csv"
# dictionary tags of proper nouns: such a dictionary word may well be a platform name
_PROPER_TAGS = {"nz", "nt", "nr", "nrt", "nrfg", "ns", "eng"}
# text right after a name that marks it as one (米袋平台, 钱包APP, “…”)
_MARKED_AFTER = re.compile(r"[”\"」』】#》]|(?:网贷|P2P|p2p|理财|投资|借贷)?平台|APP|app|金服|理财")


@lru_cache(maxsize=1)
def _generic() -> frozenset:
    from .lexicon import words
    return words("generic_names.txt")


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def ordinary_word(surface: str) -> bool:
    """A word of jieba's own dictionary that is no proper noun (钱包, 返利, 金融业): as a name
    it counts only where the text marks it as one (see marked_as_name)."""
    from .segment import base_word_tag
    tag = base_word_tag(surface)
    return tag is not None and tag not in _PROPER_TAGS


def marked_as_name(text: str, start: int, end: int) -> bool:
    """The text marks text[start:end] as a name: X平台, X理财, “X”, #X#, 《X》."""
    return bool(_MARKED_AFTER.match(text, end)) or (start > 0 and text[start - 1] in "“\"「『【#《")


_CLOSING = {"“": "”", '"': '"', "「": "」", "『": "』", "#": "#", "《": "》"}


def quoted_as_name(text: str, start: int, end: int) -> bool:
    """text[start:end] stands alone between quotes or hash marks: “返利”, #返利#."""
    return start > 0 and end < len(text) and _CLOSING.get(text[start - 1]) == text[end]


@dataclass
class Match:
    start: int
    end: int
    surface: str
    canonical: str       # the platform (or, for an unlinked company, the company itself)
    kind: str            # platform | company
    confidence: float = 1.0
    source: str = "gazetteer"


@dataclass
class Gazetteer:
    """name/alias/company surface -> (canonical platform, kind). Build with the class methods."""
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    rows: dict[str, dict] = field(default_factory=dict)
    # words an imported list holds as names but labelled texts do not (db table not_names):
    # matched as usual, never reported as a text's platform names
    not_names: set = field(default_factory=set)
    _automaton: object = None
    _amb_cache: dict = field(default_factory=dict)

    # ---- building -------------------------------------------------------------------
    def add(self, name: str, aliases=(), company=None, row: dict | None = None) -> None:
        name = (name or "").strip()
        if len(name) < 2:          # one-character "names" would match everywhere
            return
        self.rows.setdefault(name, row or {"name": name})
        self.entries.setdefault(name, (name, "platform"))
        for alias in aliases or ():
            alias = (alias or "").strip()
            if len(alias) >= 2:
                self.entries.setdefault(alias, (name, "platform"))
        for comp in _split_multi(company):
            if len(comp) >= 4:
                self.entries.setdefault(comp, (name, "company"))
        self._automaton = None

    def add_rows(self, rows) -> "Gazetteer":
        for r in rows:
            aliases = r.get("aliases") or []
            if isinstance(aliases, str):
                aliases = _split_multi(aliases)
            self.add(r.get("name"), aliases, r.get("company"), dict(r))
        return self

    @classmethod
    def from_rows(cls, rows, seed: bool = True) -> "Gazetteer":
        """Rows as in the `platforms` table; the shipped seed list is included unless seed=False."""
        g = cls().add_rows(rows)
        if seed:
            g.add_rows(read_seed_rows())   # rows given first win on conflicts
        return g

    @classmethod
    def seed(cls) -> "Gazetteer":
        return cls().add_rows(read_seed_rows())

    @classmethod
    def from_file(cls, path, fmt: str = "names") -> "Gazetteer":
        from pipeline.gazetteer import parse_file
        return cls.from_rows(parse_file(path, fmt))

    def merged(self, other: "Gazetteer") -> "Gazetteer":
        g = Gazetteer()
        for src in (self, other):
            g.entries.update({k: v for k, v in src.entries.items() if k not in g.entries})
            for k, v in src.rows.items():
                g.rows.setdefault(k, v)
        return g

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, surface: str) -> bool:
        return surface in self.entries

    def lookup(self, surface: str):
        return self.entries.get(surface)

    # ---- matching -------------------------------------------------------------------
    @property
    def automaton(self):
        if self._automaton is None:
            a = ahocorasick.Automaton()
            for surface in self.entries:
                a.add_word(surface, surface)
            a.make_automaton()
            self._automaton = a
        return self._automaton

    def _ambiguous(self, surface: str) -> bool:
        """An ordinary word (a jieba dictionary word that is not a proper noun: 钱包, 老百姓,
        有没有, 首席) or a generic/non-platform name (微信, 支付宝): imported lists hold such
        entries, and matched bare they are nearly always the word, not the platform."""
        amb = self._amb_cache.get(surface)
        if amb is None:
            from .segment import base_word_tag
            tag = base_word_tag(surface)
            amb = surface in _generic() or ordinary_word(surface)
            if not amb and tag is not None and not self._curated(surface):
                # an imported list's entry that is a dictionary proper noun (淘宝, 腾讯, 币圈):
                # a household name or a word far more often than a listed platform
                # (2019 BDCI entity dev: 4 of 411 such bare matches were platform names)
                amb = True
            self._amb_cache[surface] = amb
        return amb

    def _curated(self, surface: str) -> bool:
        """The entry comes from the shipped hand-written seed list."""
        canonical = self.entries.get(surface, (surface, ""))[0]
        return "seed" in str((self.rows.get(canonical) or {}).get("source") or "")

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches; Latin/digit names must not sit inside
        a longer Latin/digit run (PT in PPT, 91金融 in 191金融); a Chinese name must not cut a
        common word in two at its edge (金融集 in 金融集团, 和中 in 和中国); an ambiguous name
        (see _ambiguous) counts only where the text marks it as a name (X平台, “X”, #X#)."""
        if not self.entries:
            return []
        from .segment import crosses_word
        cands = []
        for end_idx, surface in self.automaton.iter(text):
            start = end_idx - len(surface) + 1
            if _is_ascii_alnum(surface[0]) and start > 0 and _is_ascii_alnum(text[start - 1]):
                continue
            if _is_ascii_alnum(surface[-1]) and end_idx + 1 < len(text) and _is_ascii_alnum(text[end_idx + 1]):
                continue
            if crosses_word(text, start, end_idx + 1):
                continue
            if self._ambiguous(surface) and not marked_as_name(text, start, end_idx + 1):
                continue
            cands.append((start, -(end_idx + 1), surface))
        cands.sort()
        out, last_end = [], -1
        for start, neg_end, surface in cands:
            if start < last_end:
                continue
            canonical, kind = self.entries[surface]
            out.append(Match(start, -neg_end, surface, canonical, kind))
            last_end = -neg_end
        return out


def _split_multi(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [v.strip() for v in value if v and v.strip()]
    return [v.strip() for v in str(value).replace(";", "|").split("|") if v.strip()]


def read_seed_rows(path: Path = SEED_CSV) -> list[dict]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    rows = []
    for r in csv.DictReader(lines):
        rows.append({
            "name": r["name"], "aliases": _split_multi(r["aliases"]),
            "company": r["company"] or None, "province": r["province"] or None,
            "city": r["city"] or None, "status": r["status"] or None,
            "status_date": r["status_date"] or None, "launched": r["launched"] or None,
            "url": r["url"] or None, "source": "seed",
        })
    return rows


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.seed()


def resolve(gazetteer) -> Gazetteer:
    """gazetteer=None -> seed list; a list of platform rows (from the DB) -> seed + rows."""
    if gazetteer is None:
        return default_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    return Gazetteer.from_rows(gazetteer)
