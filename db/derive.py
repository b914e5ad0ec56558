"""Tables derived from articles and events, rebuilt after every ingest or crawl:
near-duplicate links between articles (转载 copies) and incidents across sources."""
from __future__ import annotations

import logging

import pyarrow as pa

from pipeline.dedup import NEAR_DUP_BITS, link_to_earliest

log = logging.getLogger(__name__)


# 转载 copies appear within days of the original (a week bounds the join); exact copies
# are matched at any distance.
NEAR_DUP_WINDOW_DAYS = 7

PAIRS_SQL = f"""
WITH a AS (SELECT article_id, coalesce(published_at, fetched_at) AS t, body_hash, simhash,
                  floor(epoch(coalesce(published_at, fetched_at)) / ({NEAR_DUP_WINDOW_DAYS} * 86400))::BIGINT AS w
           FROM articles)
SELECT x.article_id, y.article_id FROM a x JOIN a y
  ON x.article_id < y.article_id AND x.body_hash = y.body_hash
UNION
-- equi-join on window buckets (this one and the next) instead of a range join: a hash join
SELECT x.article_id, y.article_id
FROM a x CROSS JOIN (VALUES (-1), (0), (1)) o(d) JOIN a y ON y.w = x.w + o.d
WHERE x.article_id < y.article_id
  AND abs(epoch(y.t) - epoch(x.t)) <= {NEAR_DUP_WINDOW_DAYS} * 86400
  AND bit_count(xor(x.simhash, y.simhash)) <= {NEAR_DUP_BITS}
"""


def link_duplicates(con) -> int:
    """Point every copy of a story at its earliest version (articles.duplicate_of).
    Candidate pairs come from one vectorised self-join over the stored fingerprints, so the
    cost grows with articles per time window, not with the square of the archive."""
    order = [r[0] for r in con.execute(
        "SELECT article_id FROM articles ORDER BY coalesce(published_at, fetched_at) NULLS LAST, article_id").fetchall()]
    links = link_to_earliest(order, con.execute(PAIRS_SQL).fetchall())
    table = pa.table({"article_id": pa.array(order, pa.string()),
                      "duplicate_of": pa.array([links[a] for a in order], pa.string())})
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
