"""Rebuild `incidents` from every event mention and link each mention to its incident.

The grouping itself is pipeline.incidents (a plain function); this module only moves rows
in and out of DuckDB in batches. Ids are stable, so re-tagging keeps an incident's id.
"""
from __future__ import annotations

import pyarrow as pa

from db.writer import _insert
from pipeline.incidents import group_incidents

INCIDENT_COLUMNS = ["incident_id", "platform", "family", "event_type", "first_seen", "last_seen",
                    "source_count", "article_count", "mention_count", "affirmed_count",
                    "possible_count", "polarity", "max_amount_yuan", "max_investor_count"]

MENTIONS_SQL = """
SELECT e.event_id, e.platform, e.subject, e.subject_kind, e.event_type, e.event_date, e.polarity,
       a.published_at, e.article_id, a.site, e.amount_yuan, e.investor_count
FROM events e JOIN articles a USING (article_id)
"""


def rebuild_incidents(con) -> int:
    cur = con.execute(MENTIONS_SQL)
    cols = [d[0] for d in cur.description]
    mentions = [dict(zip(cols, r)) for r in cur.fetchall()]
    incidents, mapping = group_incidents(mentions)
    links = pa.table({"event_id": pa.array(list(mapping), pa.string()),
                      "incident_id": pa.array(list(mapping.values()), pa.string())})
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM incidents")
        _insert(con, "incidents", incidents, INCIDENT_COLUMNS, verb="INSERT")
        con.register("_links", links)
        con.execute("UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL")
        con.execute("UPDATE events SET incident_id = l.incident_id FROM _links l WHERE events.event_id = l.event_id")
        con.unregister("_links")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(incidents)
