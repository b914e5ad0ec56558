"""The tagger's platform gazetteer, built from the database's `platforms` table."""
from __future__ import annotations

import logging
from pathlib import Path

import db

log = logging.getLogger(__name__)


def platform_rows(con) -> list[dict]:
    # where two platforms claim one alias or company the first keeps it: the hand-written seed
    # first, then the 网贷之家 exports, then bare name lists, then learned names; by name
    # within each, so it does not depend on the order rows were written in
    cur = con.execute("""
        SELECT name, aliases, company, province, city, status, source FROM platforms
        ORDER BY CASE WHEN source LIKE '%seed%' THEN 0 WHEN source LIKE '%wdzj%' THEN 1
                      WHEN source LIKE '%names:%' THEN 2 ELSE 3 END, name""")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def merge_platforms(con, rows: list[dict]) -> int:
    """Add platform rows, merged into the rows already there by name (pipeline.gazetteer.
    merge_row: empty fields filled, aliases and sources joined, the newer status kept), so
    that importing a bare name list after the 网贷之家 exports loses none of their facts."""
    from db.writer import PLATFORM_COLUMNS, upsert_platforms
    from pipeline.gazetteer import merge_row

    if not rows:
        return 0
    cur = con.execute(f"SELECT {', '.join(PLATFORM_COLUMNS)} FROM platforms WHERE list_contains(?, name)",
                      [sorted({r["name"] for r in rows})])
    merged = {r[0]: dict(zip(PLATFORM_COLUMNS, r)) for r in cur.fetchall()}
    for row in merged.values():
        row["aliases"] = list(row.get("aliases") or [])
        for c in ("status_date", "launched"):   # DATE back to the ISO text the parsers give
            row[c] = str(row[c]) if row.get(c) else None
    for row in rows:
        merge_row(merged, row)
    return upsert_platforms(con, list(merged.values()))


def load_risk_model(db_path: str | Path):
    """The risk-name model beside the database, if one was trained (None: the rules pick)."""
    from pipeline.tag import risk_model as rm

    return _model_beside(rm.model_beside(db_path), rm.load, rm.RiskModelError, "risk_names fall back to the rules")


def load_name_pick(db_path: str | Path):
    """The pick of `platforms` learned beside the database's name recogniser, if there (None:
    every recognised name)."""
    from pipeline.tag import name_pick
    from p2pnews.paths import names_model

    return _model_beside(name_pick.pick_file(names_model(Path(db_path))), name_pick.load,
                         name_pick.NamePickError, "`platforms` lists every recognised name")


def _model_beside(path: Path, load, error, fallback: str):
    """A model file that cannot be used is logged and left out: a nightly job must not stop for it."""
    if not path.exists():
        return None
    try:
        return load(path)
    except error as exc:
        log.warning("%s; %s", exc, fallback)
        return None


def load_gazetteer(db_path: str | Path):
    """A gazetteer over every platform in the database (None: the tagger's default list,
    also when there is no database yet; looking must not create one)."""
    if not Path(db_path).exists():
        return None
    try:
        with db.session(db_path) as con:
            rows = platform_rows(con)
            not_names = {r[0] for r in con.execute("SELECT name FROM not_names").fetchall()}
    except db.DatabaseUnavailable as exc:
        log.warning("%s; tagging with the built-in platform list", exc)
        return None
    try:
        from pipeline.tag import Gazetteer
    except ImportError:
        return None
    gz = Gazetteer.from_rows(rows)
    gz.not_names = not_names
    return gz
