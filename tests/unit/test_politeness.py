"""Back-off arithmetic and redirect policy without a network (the timing itself is measured
against a live server in tests/integration/test_crawl_politeness.py)."""
from __future__ import annotations

import time
from email.utils import formatdate
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.signalmanager import SignalManager

from spiders import settings as project
from spiders.middlewares.politeness import BackoffMiddleware, OffsiteRedirectMiddleware, retry_after_seconds


def test_retry_after_forms():
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds(formatdate(time.time() + 30, usegmt=True)) == pytest.approx(30, abs=2)
    assert retry_after_seconds(formatdate(time.time() - 30, usegmt=True)) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def _crawler(**overrides):
    s = Settings()
    s.setmodule(project)
    s.setdict({"P2PNEWS_BACKOFF_BASE": 1.0, "P2PNEWS_BACKOFF_MAX": 10.0, **overrides})
    slot = Slot(concurrency=1, delay=0.5, jitter=0)
    crawler = SimpleNamespace(settings=s, signals=SignalManager(), spider=SimpleNamespace(name="t"),
                              engine=SimpleNamespace(downloader=SimpleNamespace(slots={"x.cn": slot})))
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider.crawler = crawler
    return crawler, slot


def _answer(mw, status, headers=None, url="http://x.cn/a/1.html"):
    req = Request(url, meta={"download_slot": "x.cn"})
    resp = Response(url, status=status, headers=headers or {}, request=req)
    mw._downloaded(resp, req)
    return req, mw.process_response(req, resp)


def test_consecutive_failures_double_the_pause_up_to_the_cap():
    crawler, slot = _crawler()
    mw = BackoffMiddleware(crawler)
    pauses = []
    for _ in range(6):
        t0 = time.monotonic()
        _answer(mw, 503)
        pauses.append(round(mw.box["x.cn"] - t0))
    assert pauses == [1, 2, 4, 8, 10, 10]
    assert slot.lastseen >= time.monotonic() + 9, "requests already queued in the slot are held too"
    _answer(mw, 200)
    assert "x.cn" not in mw.failures, "a healthy answer resets the count"


def test_retry_after_wins_over_a_shorter_backoff_and_is_capped():
    crawler, slot = _crawler(P2PNEWS_RETRY_AFTER_MAX=60)
    mw = BackoffMiddleware(crawler)
    t0 = time.monotonic()
    req, retry = _answer(mw, 429, {"Retry-After": "30"})
    assert mw.box["x.cn"] - t0 == pytest.approx(30, abs=0.5)
    assert isinstance(retry, Request) and retry.url == req.url and retry.dont_filter
    _answer(mw, 429, {"Retry-After": "86400"})
    assert mw.box["x.cn"] - time.monotonic() == pytest.approx(60, abs=0.5)


def test_retries_are_bounded():
    crawler, _ = _crawler(RETRY_TIMES=2)
    mw = BackoffMiddleware(crawler)
    req = Request("http://x.cn/a/1.html", meta={"download_slot": "x.cn"})
    results = []
    for _ in range(3):
        resp = Response(req.url, status=503, request=req)
        mw._downloaded(resp, req)
        out = mw.process_response(req, resp)
        results.append(type(out).__name__)
        req = out if isinstance(out, Request) else req
    assert results == ["Request", "Request", "Response"]
    assert crawler.stats.get_value("p2pnews/backoff/gave_up") == 1


def test_slot_delay_recovers_on_healthy_answers():
    crawler, slot = _crawler()
    mw = BackoffMiddleware(crawler)
    _answer(mw, 503)
    _answer(mw, 503)
    assert slot.delay == 1.0  # half of the 2 s pause
    _answer(mw, 200)
    _answer(mw, 200)
    assert slot.delay == 0.5, "back to the configured delay"


def test_offsite_redirects_follow_the_source_policy():
    crawler, _ = _crawler()
    crawler.spider = SimpleNamespace(redirect_allowed=lambda host: host in ("x.cn", "m.x.cn"))
    mw = OffsiteRedirectMiddleware(crawler)
    req = Request("http://x.cn/a/1.html")
    home = Response(req.url, status=301, headers={"Location": "http://m.x.cn/a/1.html"}, request=req)
    assert mw.process_response(req, home) is home
    away = Response(req.url, status=302, headers={"Location": "http://ads.example/x"}, request=req)
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, away)
    crawler.spider = SimpleNamespace()  # spiders without a policy (generic) keep Scrapy's behaviour
    assert mw.process_response(req, away) is away
