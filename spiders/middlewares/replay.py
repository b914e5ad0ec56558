"""Downloader middleware: with P2PNEWS_REPLAY set, every request is answered from WARC files
and nothing touches the network. A URL the archive lacks becomes a logged 404."""
from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from pipeline.warc import iter_responses, read_response

log = logging.getLogger(__name__)


def _variants(url: str) -> list[str]:
    """The same resource as recorded under a slightly different spelling."""
    out = [url]
    out.append(url[:-1] if url.endswith("/") else url + "/")
    if url.startswith("https://"):
        out.append("http://" + url[8:])
    elif url.startswith("http://"):
        out.append("https://" + url[7:])
    return out


class ReplayMiddleware:
    def __init__(self, warcs: list[str], stats):
        self.index: dict[str, tuple[str, int]] = {}
        for path in warcs:
            for rec in iter_responses(path):
                # The newest capture of a URL wins, as in a wayback machine.
                self.index[rec["url"]] = (path, rec["warc_offset"])
        self.stats = stats
        log.info("replay: %d URLs indexed from %s", len(self.index), ", ".join(warcs))

    @classmethod
    def from_crawler(cls, crawler):
        warcs = crawler.settings.getlist("P2PNEWS_REPLAY")
        if not warcs:
            raise NotConfigured("live crawl")
        return cls([str(w) for w in warcs], crawler.stats)

    def process_request(self, request, spider=None):
        for url in _variants(request.url):
            if url in self.index:
                path, offset = self.index[url]
                rec = read_response(path, offset)
                request.meta["replayed_from"] = (path, offset)
                request.meta["replayed_at"] = rec["fetched_at"]
                request.meta["replayed_hash"] = rec["content_hash"]
                headers = Headers({k: v for k, v in rec["headers"].items()})
                cls = responsetypes.from_args(headers=headers, url=request.url, body=rec["body"])
                self.stats.inc_value("p2pnews/replay/hit")
                return cls(url=request.url, status=rec["status"], headers=headers, body=rec["body"],
                           request=request, flags=["replayed"])
        log.warning("replay: %s is not in the archive, answering 404", request.url)
        self.stats.inc_value("p2pnews/replay/miss")
        request.meta["replay_missing"] = True
        return responsetypes.from_args(url=request.url)(url=request.url, status=404, body=b"",
                                                        request=request, flags=["replay-missing"])
