"""Event and incident lists for other tools: filtered, joined with their articles, written as
JSONL, CSV or Parquet."""
from __future__ import annotations

import datetime as dt
import sys

import orjson

from db.reference import event_codes

FORMATS = ("jsonl", "csv", "parquet")

EVENTS_SQL = """
SELECT e.event_id, e.event_type, e.polarity, e.subject, e.subject_text, e.subject_kind, e.platform, e.company,
       e.event_date, e.amount_yuan, e.investor_count, e.location, e.authority, e.persons,
       e.trig AS trigger, e.sentence, e.start_offset, e.end_offset, e.confidence,
       e.extractor_version, e.incident_id,
       a.article_id, a.url, a.title, a.published_at, a.source, a.duplicate_of
FROM events e JOIN articles a USING (article_id)
"""


class ExportError(ValueError):
    pass


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExportError(f"{flag} {value!r} is not a date: use YYYY-MM-DD") from None


POLARITIES = ("affirmed", "denied", "possible")


def events_query(since=None, until=None, event_type=None, platform=None, polarity=None) -> tuple[str, list]:
    """SQL and parameters for the filtered event list (events dated by event_date, else publish date)."""
    where, params = [], []
    since_d, until_d = _date(since, "--since"), _date(until, "--until")
    day = "coalesce(e.event_date, CAST(a.published_at AS DATE))"
    if since_d:
        where.append(f"{day} >= ?"); params.append(since_d)
    if until_d:
        where.append(f"{day} <= ?"); params.append(until_d)
    _codes_and_polarities("e", event_type, polarity, where, params)
    if platform:
        where.append("(e.platform = ? OR e.subject = ?)"); params.extend([platform, platform])
    sql = EVENTS_SQL + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {day}, e.event_id"
    return sql, params


# one row per incident with the address of every article that reports it (GDELT's events
# table without its duplicates: one happening, many sources)
INCIDENTS_SQL = """
SELECT i.incident_id, i.platform, i.event_type, i.family, i.polarity, i.first_seen, i.last_seen,
       i.source_count, i.article_count, i.mention_count, i.affirmed_count, i.possible_count,
       i.max_amount_yuan, i.max_investor_count,
       list(DISTINCT m.url ORDER BY m.url) FILTER (WHERE m.url IS NOT NULL) AS urls
FROM incidents i LEFT JOIN incident_mentions m USING (incident_id)
"""


def _codes_and_polarities(column, event_type, polarity, where, params) -> None:
    if event_type:
        codes = event_codes()
        unknown = [t for t in event_type if t not in codes]
        if unknown:
            raise ExportError(f"unknown event type {', '.join(unknown)}; known codes: {', '.join(sorted(codes))}")
        where.append(f"{column}.event_type IN ({', '.join('?' for _ in event_type)})"); params.extend(event_type)
    if polarity:
        unknown = [p for p in polarity if p not in POLARITIES]
        if unknown:
            raise ExportError(f"unknown polarity {', '.join(unknown)}: choose from {', '.join(POLARITIES)}")
        where.append(f"{column}.polarity IN ({', '.join('?' for _ in polarity)})"); params.extend(polarity)


def incidents_query(since=None, until=None, event_type=None, platform=None, polarity=None,
                    min_sources=None) -> tuple[str, list]:
    """SQL and parameters for the filtered incident list: an incident is in a date range when
    it was seen in it (last_seen on or after --since, first_seen on or before --until)."""
    where, params = [], []
    since_d, until_d = _date(since, "--since"), _date(until, "--until")
    if since_d:
        where.append("i.last_seen >= ?"); params.append(since_d)
    if until_d:
        where.append("i.first_seen <= ?"); params.append(until_d)
    _codes_and_polarities("i", event_type, polarity, where, params)
    if platform:
        where.append("i.platform = ?"); params.append(platform)
    if min_sources:
        where.append("i.source_count >= ?"); params.append(int(min_sources))
    sql = (INCIDENTS_SQL + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY ALL ORDER BY i.first_seen, i.incident_id")
    return sql, params


def export_events(con, fmt: str, out: str | None, **filters) -> int:
    return _export(con, fmt, out, *events_query(**filters))


def export_incidents(con, fmt: str, out: str | None, **filters) -> int:
    return _export(con, fmt, out, *incidents_query(**filters))


def _export(con, fmt: str, out: str | None, sql: str, params: list) -> int:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    table = con.sql(sql, params=params).to_arrow_table()
    if fmt == "parquet":
        if not out:
            raise ExportError("parquet needs --out FILE")
        import pyarrow.parquet as pq
        pq.write_table(table, out)
        return table.num_rows
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "jsonl":
            for row in table.to_pylist():
                if row.get("persons"):  # a JSON column arrives as text; nest it, don't quote it
                    row["persons"] = orjson.loads(row["persons"])
                stream.write(orjson.dumps(row, default=str).decode() + "\n")
        else:
            import csv
            w = csv.writer(stream)
            w.writerow(table.column_names)
            for row in table.to_pylist():
                # a list (an incident's urls) goes into one cell as JSON, like the persons column
                w.writerow(["" if v is None else orjson.dumps(v).decode() if isinstance(v, list) else v
                            for v in row.values()])
    finally:
        if out:
            stream.close()
    return table.num_rows
