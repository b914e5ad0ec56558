"""The platform gazetteer used by the tagger: known names, aliases and company names,
matched with an Aho-Corasick automaton before segmentation (jieba alone splits names that
hold digits, Latin letters or symbols: e租宝, 91金融, PPmoney)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .lexicon import DATA

SEED_CSV = DATA / "platforms_seed.csv"


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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
    _automaton: object = None

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

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches; Latin/digit names must not sit inside
        a longer Latin/digit run (PT in PPT, 91金融 in 191金融)."""
        if not self.entries:
            return []
        cands = []
        for end_idx, surface in self.automaton.iter(text):
            start = end_idx - len(surface) + 1
            if _is_ascii_alnum(surface[0]) and start > 0 and _is_ascii_alnum(text[start - 1]):
                continue
            if _is_ascii_alnum(surface[-1]) and end_idx + 1 < len(text) and _is_ascii_alnum(text[end_idx + 1]):
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
