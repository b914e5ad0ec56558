"""Tables derived from articles and events, rebuilt after every ingest or crawl:
near-duplicate links between articles (转载 copies) and incidents across sources."""
from __future__ import annotations

import logging

import pyarrow as pa

log = logging.getLogger(__name__)


def link_duplicates(con) -> int:
    """Point every copy of a story at its earliest version (articles.duplicate_of)."""
    from pipeline.dedup import earliest_duplicates

    rows = con.execute("SELECT article_id, coalesce(published_at, fetched_at) AS t, body "
                       "FROM articles ORDER BY t, article_id").fetchall()
    links = earliest_duplicates(rows)
    table = pa.table({"article_id": pa.array([r[0] for r in rows], pa.string()),
                      "duplicate_of": pa.array([links.get(r[0]) for r in rows], pa.string())})
    con.register("_dups", table)
    try:
        con.execute("UPDATE articles SET duplicate_of = d.duplicate_of FROM _dups d "
                    "WHERE articles.article_id = d.article_id "
                    "AND articles.duplicate_of IS DISTINCT FROM d.duplicate_of")
    finally:
        con.unregister("_dups")
    return sum(1 for v in links.values() if v)


def build_incidents(con) -> int:
    from db.incidents import rebuild_incidents

    return rebuild_incidents(con)


def refresh(con) -> dict:
    return {"duplicates": link_duplicates(con), "incidents": build_incidents(con)}
