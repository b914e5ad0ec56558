"""Politeness downloader middlewares: back off when a site pushes back, keep redirects home.

Scrapy's AutoThrottle ignores 429/503 and Retry-After, and its RetryMiddleware re-sends a
refused request at once (scrapy#4424, #6458). BackoffMiddleware replaces the retry
middleware (settings disable it): a 429/503 (honouring Retry-After), another 5xx, or a
timeout/connection error puts the whole host in a penalty box, and every request to that
host waits until the box opens. The wait grows exponentially with consecutive failures
and is capped; retries per request are bounded. The host's downloader-slot delay is
raised too, so after the box opens requests stay spaced out while AutoThrottle brings the
delay back down on healthy responses.

OffsiteRedirectMiddleware drops redirects that leave the source's domains unless the
source lists the target in `redirect_domains`.
"""
from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urljoin

from scrapy import signals
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_to_future
from twisted.internet import defer, reactor, task
from twisted.internet.error import (ConnectError, ConnectionDone, ConnectionLost, DNSLookupError,
                                    TCPTimedOutError, TimeoutError)
from twisted.web.client import ResponseFailed

log = logging.getLogger(__name__)

NETWORK_ERRORS = (defer.TimeoutError, TimeoutError, DNSLookupError, ConnectError, ConnectionDone,
                  ConnectionLost, TCPTimedOutError, ResponseFailed, IOError)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class BackoffMiddleware:
    def __init__(self, crawler):
        s = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.codes = {int(c) for c in s.getlist("P2PNEWS_BACKOFF_HTTP_CODES")}
        self.base = s.getfloat("P2PNEWS_BACKOFF_BASE")        # first wait after a failure
        self.cap = s.getfloat("P2PNEWS_BACKOFF_MAX")           # no single wait is longer
        self.max_retry_after = s.getfloat("P2PNEWS_RETRY_AFTER_MAX")  # a site asking for a day gets the cap
        self.max_delay = s.getfloat("AUTOTHROTTLE_MAX_DELAY")
        self.retries = s.getint("RETRY_TIMES")
        self.box: dict[str, float] = {}       # host -> monotonic time before which nothing is sent
        self.failures: dict[str, int] = {}    # host -> consecutive failures
        self.normal_delay: dict[str, float] = {}  # slot -> its delay before we raised it
        # The downloader sends the slot's next queued request as soon as a response arrives,
        # before middlewares see it; this signal fires first, so the pause starts in time.
        crawler.signals.connect(self._downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # -- waiting -----------------------------------------------------------------------------
    async def process_request(self, request):
        """Requests not yet queued in the host's slot wait here while the host is paused."""
        host = urlsplit(request.url).hostname or ""
        wait = self.box.get(host, 0) - time.monotonic()
        if wait > 0:
            self.stats.inc_value("p2pnews/backoff/waits")
            await deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return None

    # -- failing -----------------------------------------------------------------------------
    def _downloaded(self, response, request, spider=None):
        host = urlsplit(request.url).hostname or ""
        if response.status not in self.codes:
            if response.status < 500:
                self.failures.pop(host, None)
                self._recover(request)
            return
        hint = retry_after_seconds(response.headers.get("Retry-After"))
        request.meta["p2p_backoff"] = self._pause(request, host, hint)

    def process_response(self, request, response):
        if response.status not in self.codes:
            return response
        self.stats.inc_value(f"p2pnews/backoff/status_{response.status}")
        host = urlsplit(request.url).hostname or ""
        wait = request.meta.pop("p2p_backoff", None)
        if wait is None:  # a response that did not come through the downloader (replay)
            wait = self._pause(request, host, retry_after_seconds(response.headers.get("Retry-After")))
        return self._retry(request, host, f"status {response.status}", wait) or response

    def process_exception(self, request, exception):
        if not isinstance(exception, NETWORK_ERRORS):
            return None
        host = urlsplit(request.url).hostname or ""
        self.stats.inc_value(f"p2pnews/backoff/{type(exception).__name__}")
        return self._retry(request, host, type(exception).__name__, self._pause(request, host, None))

    def _pause(self, request, host: str, hint: float | None) -> float:
        """Pause the host: exponential in its consecutive failures, never shorter than Retry-After."""
        n = self.failures[host] = self.failures.get(host, 0) + 1
        wait = min(self.cap, self.base * 2 ** (n - 1))
        if hint is not None:
            wait = max(wait, min(hint, self.max_retry_after))
        now = time.monotonic()
        self.box[host] = max(self.box.get(host, 0), now + wait)
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot") or host)
        if slot is not None:
            self.normal_delay.setdefault(request.meta.get("download_slot") or host, slot.delay)
            # The slot sends its next request `delay` after `lastseen`: moving lastseen to the end of
            # the pause holds requests already queued there; a raised delay keeps them spaced after.
            slot.delay = min(max(slot.delay, wait / 2), self.max_delay)
            slot.lastseen = max(slot.lastseen, now + wait)
        return wait

    def _recover(self, request) -> None:
        """Healthy answers halve what we added to the slot's delay (AutoThrottle, when on, also adapts it)."""
        key = request.meta.get("download_slot")
        if key not in self.normal_delay:
            return
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None or slot.delay <= self.normal_delay[key] * 1.05:
            del self.normal_delay[key]
            return
        slot.delay = max(self.normal_delay[key], slot.delay / 2)

    def _retry(self, request, host: str, reason: str, wait: float):
        log.info("%s answered %s: pausing %s for %.1fs (failure %d in a row)",
                 request.url, reason, host, wait, self.failures.get(host, 0))
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason, max_retry_times=self.retries)
        if retry is None:
            self.stats.inc_value("p2pnews/backoff/gave_up")
        return retry


class OffsiteRedirectMiddleware:
    """Runs before RedirectMiddleware sees the 3xx: a redirect off the source's hosts is dropped."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if response.status not in (301, 302, 303, 307, 308) or "Location" not in response.headers:
            return response
        spider = self.crawler.spider
        allowed = getattr(spider, "redirect_allowed", None)
        if allowed is None:  # spiders without a source policy keep Scrapy's behaviour
            return response
        target = urljoin(request.url, response.headers["Location"].decode("latin-1"))
        if allowed(urlsplit(target).hostname):
            return response
        self.stats.inc_value("p2pnews/dropped/offsite_redirect")
        log.info("not following redirect %s -> %s (off the source's domains)", request.url, target)
        raise IgnoreRequest(f"offsite redirect to {target}")
