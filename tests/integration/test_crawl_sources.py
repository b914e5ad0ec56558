"""The operator's commands: `scrapy list` / `scrapy crawl NAME` from the repo root,
`p2pnews sources`, `p2pnews sources check`, and several sources in one `p2pnews crawl`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from p2pnews.paths import REPO_ROOT
from tests.integration.sites.harness import crawl, env_for, query, sources_toml
from tests.integration.sites.newsite import NewsSite

pytestmark = pytest.mark.slow
SCRAPY = str(Path(sys.executable).with_name("scrapy"))


@pytest.fixture
def site():
    s = NewsSite(n_articles=8)
    s.start()
    yield s
    s.stop()


def _run(cmd, src, **kw):
    return subprocess.run(cmd, env=env_for(src), cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, **kw)


def test_scrapy_list_shows_every_source_and_generic():
    r = subprocess.run([SCRAPY, "list"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    names = set(r.stdout.split())
    assert {"generic", "netease", "sina", "eastmoney", "wdzj", "p2peye", "zero1caijing"} <= names and len(names) == 18


def test_scrapy_crawl_name_from_the_repo_root(site, tmp_path):
    src = tmp_path / "sources.toml"
    src.write_text(sources_toml(site.base, starts="list"), encoding="utf-8")
    db = tmp_path / "p.duckdb"
    r = _run([SCRAPY, "crawl", "testsite", "-s", f"P2PNEWS_DB={db}", "-s", "DOWNLOAD_DELAY=0",
              "-s", "AUTOTHROTTLE_ENABLED=0"], src)
    assert r.returncode == 0, r.stderr[-3000:]
    assert sorted(site.paths("/a/")) == sorted(site.article_paths())
    assert query(db, "SELECT spider, status FROM crawl_runs") == [("testsite", "finished")]


def test_sources_listing_and_check(site, tmp_path):
    src = tmp_path / "sources.toml"
    broken = (f'\n[sources.moved]\nname = "改版了"\ndomains = ["127.0.0.1"]\n'
              f"article_patterns = ['/article/\\d+\\.shtml$']\n[[sources.moved.start]]\nurl = \"{site.base}/list/1.html\"\n")
    src.write_text(sources_toml(site.base, starts="feed,list") + broken, encoding="utf-8")
    db = tmp_path / "p.duckdb"
    crawl(db, src, "testsite")

    cli = [sys.executable, "-m", "p2pnews.cli", "--db", str(db), "sources"]
    r = _run(cli, src)
    assert r.returncode == 0, r.stderr
    lines = {l.split()[0]: l for l in r.stdout.splitlines()[1:]}
    assert "finished (6 articles)" in lines["testsite"], lines
    assert "never" in lines["moved"]

    site.clear_log()
    r = _run(cli + ["check", "testsite"], src)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("OK   testsite: list ") and "body=" in r.stdout
    assert len(site.paths("/a/")) == 1, "one article per source"
    assert site.paths("/feed.xml") == ["/feed.xml"]

    r = _run(cli + ["check", "moved"], src)
    assert r.returncode == 1
    assert "FAIL moved" in r.stdout and "none matches article_patterns" in r.stdout


def test_several_sources_in_one_crawl(tmp_path):
    a, b = NewsSite(n_articles=4), NewsSite(n_articles=6)
    a.start(), b.start()
    try:
        other = sources_toml(b.base, starts="list").split("[sources.testsite]", 1)[1]
        text = sources_toml(a.base, starts="list") + "\n[sources.othersite]" + other.replace("sources.testsite", "sources.othersite")
        src = tmp_path / "sources.toml"
        src.write_text(text, encoding="utf-8")
        db = tmp_path / "p.duckdb"
        r = crawl(db, src, "testsite", "othersite")
        assert len(a.paths("/a/")) == 4 and len(b.paths("/a/")) == 6
        assert "testsite:" in r.stderr and "othersite:" in r.stderr
        assert sorted(query(db, "SELECT spider FROM crawl_runs")) == [("othersite",), ("testsite",)]
    finally:
        a.stop(), b.stop()
