"""Loads the commented lexicon files in ./data. Lexicons are data, not code: edit the files."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str):
    """Non-empty, non-comment lines of a data file, split on tabs."""
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=None)
def triggers() -> list[tuple[str, str, float]]:
    """[(trigger, code, weight)]"""
    out = []
    for cols in _lines("triggers.tsv"):
        weight = float(cols[2]) if len(cols) > 2 and cols[2] else 0.8
        out.append((cols[1], cols[0], weight))
    return out


@lru_cache(maxsize=None)
def polarity_cues() -> list[tuple[str, str, str]]:
    """[(cue, polarity, scope)]"""
    return [(c[1], c[0], c[2] if len(c) > 2 else "clause") for c in _lines("polarity.tsv")]


@lru_cache(maxsize=None)
def roles() -> dict[str, str]:
    return {c[0]: (c[1] if len(c) > 1 and c[1] else c[0]) for c in _lines("roles.txt")}


@lru_cache(maxsize=None)
def authorities() -> list[str]:
    return [c[0] for c in _lines("authorities.txt")]


@lru_cache(maxsize=None)
def units() -> dict[str, float]:
    return {c[0]: float(c[1]) for c in _lines("units.tsv")}


@lru_cache(maxsize=None)
def locations() -> dict[str, tuple[str, str | None]]:
    """surface -> (province, city or None). Provinces also answer to 省/市/自治区 forms."""
    out: dict[str, tuple[str, str | None]] = {}
    for cols in _lines("locations.tsv"):
        prov, city = cols[0], (cols[1] if len(cols) > 1 and cols[1] else None)
        if city is None:
            for form in (prov, prov + "省", prov + "市"):
                out.setdefault(form, (prov, None))
        else:
            out.setdefault(city, (prov, city))
            if not city.endswith("市"):
                out.setdefault(city + "市", (prov, city))
    return out


@lru_cache(maxsize=None)
def discovery() -> dict[str, list[str]]:
    return kinds("discovery.tsv")


@lru_cache(maxsize=None)
def kinds(name: str) -> dict[str, list[str]]:
    """A kind<TAB>word file (discovery.tsv, pick_cues.tsv): kind -> its words, in file order."""
    out: dict[str, list[str]] = {}
    for cols in _lines(name):
        out.setdefault(cols[0], []).append(cols[1])
    return out


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A one-column word list (name_stops.txt, generic_names.txt)."""
    return frozenset(c[0] for c in _lines(name))
