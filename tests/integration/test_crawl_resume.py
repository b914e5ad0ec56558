"""A crawl killed with SIGKILL mid-run resumes with --resume: no page missing, none fetched twice
(checked on the server's request log), and what the dead process had not written to the
database yet is recovered from its WARC."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter

import pytest

from p2pnews.paths import REPO_ROOT
from tests.integration.sites.harness import crawl, crawl_cmd, env_for, query, sources_toml
from tests.integration.sites.newsite import NewsSite

pytestmark = pytest.mark.slow
SLOW = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.05", "P2PNEWS_FLUSH_ITEMS": "1000"}


def test_sigkill_then_resume(tmp_path):
    site = NewsSite(n_articles=23, article_delay=0.15)
    site.start()
    try:
        db, src = tmp_path / "data" / "p.duckdb", tmp_path / "sources.toml"
        src.write_text(sources_toml(site.base, starts="list"), encoding="utf-8")
        proc = subprocess.Popen(crawl_cmd(db, "testsite", settings=SLOW), env=env_for(src), cwd=REPO_ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(site.paths("/a/")) < 9 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(0.05)  # inside the 0.15 s the server takes for the 9th article: earlier answers are handled
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        before = site.paths()
        in_flight = before[-1]
        assert 9 <= len([p for p in before if p.startswith("/a/")]) < 23, "killed mid-run"

        crawl(db, src, "testsite", "--resume", settings=SLOW)
        after = site.paths()[len(before):]
        fetched = Counter(p for p in before + after if p.startswith(("/a/", "/list/")))
        twice = {p for p, n in fetched.items() if n > 1}
        assert twice <= {in_flight}, f"fetched twice: {twice} (only the request in flight at the kill may be)"
        assert set(site.article_paths()) <= set(fetched), "no article missing"
        assert {f"/list/{n}.html" for n in range(1, 6)} <= set(fetched)
        assert "/list/1.html" not in after, "resume starts from the frontier, not the start URLs"

        urls = {u.split("/", 3)[3] for (u,) in query(db, "SELECT DISTINCT url FROM pages")}
        assert {p.lstrip("/") for p in site.article_paths()} <= urls, "pages of the killed run recovered from its WARC"
        relevant = sum(1 for *_, body in site.articles if "网贷" in body)
        assert query(db, "SELECT count(*) FROM articles")[0][0] == relevant
        statuses = dict(query(db, "SELECT status, count(*) FROM crawl_runs WHERE mode = 'live' GROUP BY status"))
        assert statuses == {"interrupted": 1, "finished": 1}
        assert not query(db, "SELECT * FROM crawl_frontier"), "a finished run leaves no frontier"
    finally:
        site.stop()
