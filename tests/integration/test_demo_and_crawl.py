"""Real Scrapy in a subprocess: the demo archive in replay mode, and the same mock site served
live on 127.0.0.1, recorded to WARC, then replayed offline."""
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from demo import mocksite
from p2pnews.paths import REPO_ROOT
from tests.conftest import run_cli

TABLES = ["crawl_runs", "pages", "articles", "article_urls", "events", "platforms", "incidents"]


def counts(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_demo_prints_summary_and_is_idempotent(tmp_path):
    db = tmp_path / "demo.duckdb"
    first = run_cli("demo", db=db)
    assert first.returncode == 0, first.stderr
    assert "Events by type" in first.stdout and str(db.resolve()) in first.stdout
    after_one = counts(db)
    second = run_cli("demo", db=db)
    assert second.returncode == 0, second.stderr
    assert counts(db) == after_one
    con = duckdb.connect(str(db), read_only=True)
    n_articles, n_dups = con.execute("SELECT count(*), count(duplicate_of) FROM articles").fetchone()
    # every relevant page of the site is stored; the three off-topic ones are not
    assert n_articles == len(mocksite.RELEVANT_URLS)
    stored = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    assert not stored & set(mocksite.IRRELEVANT_URLS)
    assert n_dups == len(mocksite.DUPLICATE_URLS)
    types = con.execute("SELECT count(DISTINCT event_type) FROM events").fetchone()[0]
    assert types >= 10
    # replay indexed every page at its place in the demo archive: nothing re-archived
    assert con.execute("SELECT count(DISTINCT warc_file) FROM pages").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM pages WHERE status = 404").fetchone()[0] >= 1
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] > 0
    con.close()


@pytest.fixture
def live_site():
    server = mocksite.serve()
    try:
        yield server.base_url.rstrip("/")
    finally:
        server.shutdown()
        server.server_close()


def scrapy_crawl(db: Path, *args: str) -> subprocess.CompletedProcess:
    """`scrapy crawl` from the repo root, as in any Scrapy project."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "generic", "-s", f"P2PNEWS_DB={db}",
           "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO", *args]
    env = {k: v for k, v in os.environ.items() if k != "P2PNEWS_DB"}
    return subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, env=env)


def test_live_crawl_on_loopback_then_offline_replay(tmp_path, live_site):
    db = tmp_path / "live" / "p2p.duckdb"
    start = f"start_urls={live_site}/"
    args = ["-a", start, "-a", f"article_pattern={mocksite.ARTICLE_PATTERN}", "-a", r"list_pattern=/list_\d+\.html$"]
    live = scrapy_crawl(db, *args)
    assert live.returncode == 0, live.stderr[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    run_id, warc_name, status = con.execute("SELECT run_id, warc_file, status FROM crawl_runs").fetchone()
    assert status == "finished" and warc_name.startswith("warc/")
    n_pages = con.execute("SELECT count(*) FROM pages").fetchone()[0]
    statuses = dict(con.execute("SELECT status, count(*) FROM pages GROUP BY 1").fetchall())
    live_articles = {r[0].split("/a/", 1)[1] for r in con.execute("SELECT url FROM articles").fetchall()}
    stats_articles = con.execute("""SELECT stats->>'$."p2pnews/articles"' FROM crawl_runs""").fetchone()[0]
    # each article points at the archived response it came from
    unmatched = con.execute("SELECT count(*) FROM articles a LEFT JOIN pages p "
                            "ON p.warc_file = a.warc_file AND p.warc_offset = a.warc_offset "
                            "WHERE p.content_hash IS DISTINCT FROM a.content_hash").fetchone()[0]
    assert unmatched == 0
    con.close()
    main_host_relevant = [u for u in mocksite.RELEVANT_URLS if u.startswith(mocksite.HOST)]
    assert len(live_articles) == len(main_host_relevant) and int(stats_articles) == len(live_articles)
    assert statuses.get(404, 0) >= 1  # the dead link is archived as what the server said
    warc = db.parent / warc_name
    assert warc.is_file()

    # the same crawl, offline, from the recorded archive (the server is no longer needed)
    replay_db = tmp_path / "replay" / "p2p.duckdb"
    replay = run_cli("crawl", "--replay", warc, "--start-url", f"{live_site}/", "--start-url",
                     f"{live_site}/not-recorded.html", "--article-pattern", mocksite.ARTICLE_PATTERN,
                     db=replay_db)
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert "not-recorded.html is not in the archive" in replay.stderr
    con = duckdb.connect(str(replay_db), read_only=True)
    replayed = {r[0].split("/a/", 1)[1] for r in con.execute("SELECT url FROM articles").fetchall()}
    mode, = con.execute("SELECT mode FROM crawl_runs").fetchone()
    con.close()
    assert mode == "replay"
    # without list_pattern the replay follows only 下一页 links from the home page, so it may see fewer
    assert replayed and replayed <= live_articles

    # ingest of the same archive rebuilds the same articles
    ingest_db = tmp_path / "ingest" / "p2p.duckdb"
    ing = run_cli("ingest", warc, db=ingest_db)
    assert ing.returncode == 0, ing.stderr[-3000:]
    con = duckdb.connect(str(ingest_db), read_only=True)
    ingested = {r[0].split("/a/", 1)[1] for r in con.execute("SELECT url FROM articles").fetchall()}
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == n_pages
    con.close()
    assert ingested == live_articles
