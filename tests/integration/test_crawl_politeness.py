"""Back-off measured on the server's own clock: a 429 with Retry-After pauses the whole host
for that long; 503 bursts without it pause exponentially longer; retries are bounded."""
from __future__ import annotations

import pytest

from tests.integration.sites.harness import crawl, last_stats, query, sources_toml
from tests.integration.sites.newsite import NewsSite

pytestmark = pytest.mark.slow
# One request at a time, 50 ms apart: Scrapy 2.19 only enforces the per-slot concurrency when the
# slot has a delay (with DOWNLOAD_DELAY=0 its queue loop starts every queued request at once).
ONE_AT_A_TIME = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.05", "P2PNEWS_BACKOFF_BASE": "0.4"}


@pytest.fixture
def site(tmp_path):
    s = NewsSite(n_articles=8)
    s.start()
    (tmp_path / "sources.toml").write_text(sources_toml(s.base, starts="list"), encoding="utf-8")
    yield s
    s.stop()


def _gap_after(log, index):
    """Seconds between request `index` and the next request the host received."""
    return log[index + 1][0] - log[index][0]


def test_429_retry_after_pauses_the_host(site, tmp_path):
    site.limit("/a/", 429, 1, retry_after="2")
    crawl(tmp_path / "p.duckdb", tmp_path / "sources.toml", "testsite", settings=ONE_AT_A_TIME)
    log = site.requests()
    i = next(i for i, r in enumerate(log) if r[2] == 429)
    assert _gap_after(log, i) >= 1.95, f"next request {_gap_after(log, i):.2f}s after a 429 with Retry-After: 2"
    refused = log[i][1]
    assert [s for _, p, s in log if p == refused] == [429, 200], "the refused page is retried once, later"
    others = [b[0] - a[0] for a, b in zip(log, log[1:]) if a[2] == 200]
    assert min(others) < 0.5, "no slow-down before the 429 (the fast settings apply)"
    assert {p for _, p, s in log if s == 200 and p.startswith("/a/")} == set(site.article_paths())
    assert last_stats(tmp_path / "p.duckdb")["p2pnews/backoff/status_429"] == 1


def test_503_bursts_back_off_exponentially(site, tmp_path):
    site.limit("/a/", 503, 3)
    crawl(tmp_path / "p.duckdb", tmp_path / "sources.toml", "testsite", settings=ONE_AT_A_TIME)
    log = site.requests()
    failed = [i for i, r in enumerate(log) if r[2] == 503]
    gaps = [_gap_after(log, i) for i in failed]
    # base 0.4s doubling per consecutive failure of the host: 0.4, 0.8, 1.6 (slot jitter never shortens the box)
    for k, gap in enumerate(gaps):
        assert gap >= 0.4 * 2 ** k * 0.95, f"gap after 503 #{k + 1} was {gap:.2f}s: {gaps}"
    assert gaps[2] > gaps[0] * 2.5
    assert {p for _, p, s in log if s == 200 and p.startswith("/a/")} == set(site.article_paths())


def test_retries_are_bounded_and_the_page_stays_unseen(site, tmp_path):
    stubborn = site.article_paths()[0]
    site.limit(stubborn, 503, 100)
    db = tmp_path / "p.duckdb"
    crawl(db, tmp_path / "sources.toml", "testsite",
          settings={**ONE_AT_A_TIME, "RETRY_TIMES": "2", "P2PNEWS_BACKOFF_BASE": "0.1"})
    assert site.paths(stubborn) == [stubborn] * 3, "one try and two retries"
    stats = last_stats(db)
    assert stats["p2pnews/backoff/gave_up"] == 1
    assert stats["p2pnews/failed/article/http_503"] == 1
    assert not query(db, "SELECT 1 FROM seen_urls WHERE url LIKE ?", [f"%{stubborn}"]), \
        "a page that never answered is tried again next night"
