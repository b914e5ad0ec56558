"""Real Scrapy (a subprocess) against the fixture site: lists with pagination, RSS, a sitemap
index with a news sitemap, a JSON API, keyword search; robots.txt; offsite redirects; the
nightly rerun; --since backfill."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from tests.integration.sites.harness import crawl, last_stats, query, sources_toml
from tests.integration.sites.newsite import NewsSite

pytestmark = pytest.mark.slow


@pytest.fixture
def site():
    s = NewsSite()
    s.start()
    yield s
    s.stop()


def test_first_crawl_then_nightly_fetches_only_list_pages(site, tmp_path):
    db, src = tmp_path / "data" / "p.duckdb", tmp_path / "sources.toml"
    src.write_text(sources_toml(site.base), encoding="utf-8")

    crawl(db, src, "testsite")
    fetched = Counter(site.paths("/a/"))
    assert set(fetched) == set(site.article_paths()), "every article reached through lists, feed, sitemap, api, search"
    assert max(fetched.values()) == 1, f"an article fetched twice in one run: {fetched.most_common(3)}"
    assert not site.paths("/private/"), "robots.txt disallows /private/"
    assert "/list/1.html" in site.paths("/list/")
    stats = last_stats(db)
    assert stats["p2pnews/dropped/offsite_redirect"] == 1
    assert stats["robotstxt/forbidden"] == 1
    assert stats["downloader/response_status_count/200"] >= 23
    relevant = sum(1 for *_, body in site.articles if "网贷" in body)
    assert stats["p2pnews/articles"] == relevant and stats["p2pnews/dropped/irrelevant"] == 23 - relevant
    assert query(db, "SELECT count(*) FROM articles")[0][0] == relevant
    assert query(db, "SELECT count(*) FROM seen_urls WHERE kind = 'article' AND status = 200")[0][0] == 23, "irrelevant pages are remembered too"
    refused = sorted(u.split("/", 3)[3] for (u,) in query(db, "SELECT url FROM seen_urls WHERE status = -1"))
    assert refused == ["private/a/20240101/1.html", "redirect-out.html"], "policy refusals are remembered, not retried nightly"

    # Nightly rerun over the unchanged site: list pages only, and list paging stops at page 1.
    site.clear_log()
    crawl(db, src, "testsite")
    assert not site.paths("/a/"), "no article refetched"
    assert site.paths("/list/") == ["/list/1.html"], "paging stops at a page holding only seen articles"
    assert last_stats(db)["p2pnews/list/stop/only_seen"] >= 1

    # Two new articles appear: the next night fetches exactly those.
    newest = site.articles[0][1]
    for i, aid in enumerate((2001, 2002)):
        d = newest + timedelta(days=i + 1)
        site.articles.insert(0, (f"/a/{d:%Y%m%d}/{aid}.html", d, f"新平台{aid}贷清退", site.articles[0][3]))
    site.clear_log()
    crawl(db, src, "testsite")
    assert sorted(site.paths("/a/")) == sorted(p for p, *_ in site.articles[:2])


def test_since_backfills_deeper_until_older_articles(site, tmp_path):
    db, src = tmp_path / "data" / "p.duckdb", tmp_path / "sources.toml"
    src.write_text(sources_toml(site.base, starts="list", max_list_pages=2), encoding="utf-8")

    crawl(db, src, "testsite")  # nightly on an empty database: stops at the page cap
    assert site.paths("/list/") == ["/list/1.html", "/list/2.html"]
    assert len(site.paths("/a/")) == 10

    since = site.articles[13][1]  # articles 0..13 are on or after this date
    site.clear_log()
    crawl(db, src, "testsite", "--since", since.isoformat())
    lists = site.paths("/list/")
    assert lists == [f"/list/{n}.html" for n in range(1, 5)], \
        "pages deeper than the cap, and stops after page 4, the first whose articles are all older"
    assert sorted(site.paths("/a/")) == sorted(p for p, *_ in site.articles[10:14]), \
        "only the unseen articles on or after --since"
    assert last_stats(db)["p2pnews/list/stop/older_than_since"] == 1
