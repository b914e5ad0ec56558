"""Downloader middleware: every response the crawl receives goes into the run's WARC and the
`pages` index. Replayed responses are indexed at their place in the source archive instead."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from spiders.store import CrawlStore


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in headers.items() for v in vs]


class ArchiveMiddleware:
    def __init__(self, store: CrawlStore, stats):
        self.store = store
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(CrawlStore.for_crawler(crawler), crawler.stats)

    def process_response(self, request, response, spider=None):
        replayed = request.meta.get("replayed_from")
        fetched_at = request.meta.get("replayed_at") or datetime.now(timezone.utc)
        if replayed:
            warc_file, offset = self.store.stored_name(replayed[0]), replayed[1]
        elif request.meta.get("replay_missing"):
            return response  # a 404 we made up: nothing was received, nothing to archive
        else:
            offset = self.store.warc.write_response(
                response.url, response.status, _header_pairs(response.headers), response.body,
                fetched_at, request_headers=_header_pairs(request.headers), method=request.method)
            warc_file = self.store.stored_name(self.store.warc.path)
        content_hash = request.meta.get("replayed_hash") or hashlib.sha1(response.body).hexdigest()
        request.meta["warc_location"] = (warc_file, offset)
        request.meta["content_hash"] = content_hash
        request.meta["fetched_at"] = fetched_at
        self.store.add_page({
            "warc_file": warc_file, "warc_offset": offset, "url": request.url, "final_url": response.url,
            "status": response.status, "content_type": response.headers.get("Content-Type", b"").decode("latin-1") or None,
            "fetched_at": fetched_at,
            "content_hash": content_hash,
            "length": len(response.body),
        })
        self.stats.inc_value("p2pnews/pages_archived")
        return response
