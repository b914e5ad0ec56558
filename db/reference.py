"""Reference data loaded into a new database: the event codes and the shipped platform seed list."""
from __future__ import annotations

import csv
from importlib import resources

import duckdb


def load_event_types() -> list[dict]:
    text = resources.files("db").joinpath("event_types.tsv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def event_codes() -> set[str]:
    return {t["code"] for t in load_event_types()}


def load_seed_platforms(con: duckdb.DuckDBPyConnection) -> int:
    """Insert the project's own small list of well-known platforms (never overwrites imports)."""
    from db.writer import upsert_platforms
    from pipeline.tag.gazetteer import read_seed_rows

    return upsert_platforms(con, read_seed_rows(), overwrite=False)
