"""One archived response -> article row + event rows. The single path used by the crawl's
item pipeline and by `p2pnews ingest`, so a re-ingest of the WARCs rebuilds the same rows."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline import extract as extract_stage
from pipeline import tag as tag_stage
from pipeline.dedup import fingerprint
from pipeline.relevance import relevance

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 80  # shorter "bodies" are list pages, stubs or error pages


@dataclass
class Outcome:
    kind: str                      # article | skipped | failed
    reason: str = ""
    article: dict | None = None
    events: list[dict] = field(default_factory=list)


def short_hash(*parts) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _dedup_fields(body: str) -> dict:
    exact, near = fingerprint(body)
    return {"body_hash": exact, "simhash": near}


_FEED_ROOTS = (b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")


def _is_feed(body: bytes) -> bool:
    """Feeds and sitemaps served as text/html (it happens) are lists, not articles."""
    head = body[:512].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    return head.startswith(_FEED_ROOTS)


def process_record(record: dict, gazetteer=None, risk_model=None) -> Outcome:
    """`record`: url, final_url, status, headers, body (bytes), fetched_at, warc_file, warc_offset, content_hash."""
    status = record.get("status")
    if status != 200:
        return Outcome("skipped", f"status {status}")
    ctype = (record.get("headers") or {}).get("content-type", "text/html")
    if "html" not in ctype.lower() or _is_feed(record.get("body") or b""):
        return Outcome("skipped", f"content-type {ctype.split(';')[0]}")
    url = record.get("final_url") or record["url"]
    try:
        art = extract_stage.extract(record["body"], url=url, headers=record.get("headers"),
                                    fetched_at=record.get("fetched_at"))
    except extract_stage.ExtractError as exc:
        return Outcome("failed", f"extract: {exc}")
    body = art.get("body") or ""
    if len(body) < MIN_BODY_CHARS or not art.get("title"):
        return Outcome("skipped", "not an article")
    tagged = tag_stage.tag_text(body, title=art.get("title"), published_at=art.get("published_at"),
                                gazetteer=gazetteer, risk_model=risk_model)
    is_relevant, why = relevance(art.get("title"), body, tagged)
    if not is_relevant:
        return Outcome("skipped", "irrelevant")
    canonical = art.get("canonical_url") or url
    article_id = short_hash(canonical)
    article = {
        **{k: art.get(k) for k in ("title", "published_at", "published_at_source", "author",
                                   "source", "editor", "body", "encoding", "extractor_version")},
        "article_id": article_id, "url": url, "canonical_url": canonical,
        "site": urlsplit(canonical).hostname, "fetched_at": record.get("fetched_at"),
        "warc_file": record.get("warc_file"), "warc_offset": record.get("warc_offset"),
        "content_hash": record.get("content_hash"), "relevant": True, **_dedup_fields(body),
        "risk_names": tagged["risk_names"],
    }
    events = list({row["event_id"]: row for row in
                   (event_row(article_id, e) for e in tagged.get("events", []))}.values())
    return Outcome("article", why, article, events)


def event_row(article_id: str, e: dict) -> dict:
    ev = e.get("evidence") or {}
    return {
        "event_id": short_hash(article_id, e["event_type"], ev.get("start"), e.get("subject")),
        "article_id": article_id, "event_type": e["event_type"], "polarity": e.get("polarity", "affirmed"),
        "subject": e.get("subject"), "subject_text": e.get("subject_text"), "subject_kind": e.get("subject_kind"), "platform": e.get("platform"),
        "company": e.get("company"),
        "trig": e.get("trigger"), "sentence": ev.get("sentence"), "start_offset": ev.get("start"),
        "end_offset": ev.get("end"), "confidence": e.get("confidence"), "persons": e.get("persons") or None,
        "amount_yuan": e.get("amount_yuan"), "investor_count": e.get("investor_count"),
        "location": e.get("location"), "authority": e.get("authority"), "event_date": e.get("event_date"),
        "extractor_version": e.get("extractor_version"),
    }
