"""Running `p2pnews crawl` against the fixture site as a user would: a sources file naming the
site, a subprocess, fast settings (no politeness delays unless a test wants them)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from p2pnews.paths import REPO_ROOT

FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "0", "P2PNEWS_BACKOFF_BASE": "0.2",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "4", "LOG_LEVEL": "INFO"}


def sources_toml(base: str, starts: str = "all", max_list_pages: int = 20, extra: str = "") -> str:
    """A sources file with one source, `testsite`, over the fixture site at `base`."""
    entries = {
        "list": f'[[sources.testsite.start]]\nurl = "{base}/list/1.html"\n',
        "feed": f'[[sources.testsite.start]]\ntype = "feed"\nurl = "{base}/feed.xml"\n',
        "sitemap": f'[[sources.testsite.start]]\ntype = "sitemap"\nurl = "{base}/sitemap.xml"\n',
        "api": (f'[[sources.testsite.start]]\ntype = "api"\nurl = "{base}/api/list?page={{page}}"\n'
                'items = "data.list"\nurl_field = "url"\ndate_field = "time"\n'),
        "search": f'[[sources.testsite.start]]\ntype = "search"\nurl = "{base}/search?q={{keyword}}"\n',
        "redirect": f'[[sources.testsite.start]]\nurl = "{base}/redirect-out.html"\n',
    }
    chosen = list(entries) if starts == "all" else starts.split(",")
    head = (f'[defaults]\nkeywords = ["非法吸收"]\nmax_list_pages = {max_list_pages}\n\n'
            '[sources.testsite]\nname = "测试站"\ndomains = ["127.0.0.1"]\n'
            "article_patterns = ['/a/\\d{8}/\\d+\\.html$']\n" + extra + "\n")
    return head + "\n".join(entries[c] for c in chosen)


def crawl_cmd(db: Path, *args, settings: dict | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "p2pnews.cli", "--db", str(db), "crawl", *map(str, args)]
    for k, v in {**FAST, **(settings or {})}.items():
        cmd += ["-s", f"{k}={v}"]
    return cmd


def env_for(sources_file: Path) -> dict:
    env = {**os.environ, "P2PNEWS_SOURCES": str(sources_file)}
    env.pop("P2PNEWS_DB", None)
    return env


def crawl(db: Path, sources_file: Path, *args, settings: dict | None = None, timeout: float = 120):
    r = subprocess.run(crawl_cmd(db, *args, settings=settings), env=env_for(sources_file), cwd=REPO_ROOT,
                       capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, r.stderr[-4000:]
    return r


def query(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def last_stats(db: Path) -> dict:
    import json

    row = query(db, "SELECT stats FROM crawl_runs WHERE mode = 'live' ORDER BY started_at DESC LIMIT 1")[0][0]
    return json.loads(row)
