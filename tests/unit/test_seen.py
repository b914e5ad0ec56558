"""The seen set in DuckDB: batch lookups, bounded memory, the journal surviving a kill."""
from __future__ import annotations

import duckdb
import pytest

from spiders.seen import SeenStore, SourceBusy, counts_as_seen, seen_key, url_hash


@pytest.fixture
def db(tmp_path):
    return tmp_path / "data" / "p.duckdb"


def store(db, **kw):
    return SeenStore(db, "src", db.parent / "state", **kw)


def test_fetched_urls_are_seen_by_the_next_run(db):
    s = store(db)
    urls = [f"http://x.cn/a/{i}.html" for i in range(10)]
    assert s.filter_new(urls) == urls
    for u in urls[:6]:
        s.queue(u, "article")
    assert s.filter_new(urls) == urls[6:], "queued in this run counts as taken"
    for u in urls[:6]:
        s.done(u, "article", 200)
    s.close()

    s2 = store(db)
    assert s2.filter_new(urls) == urls[6:]
    s2.close()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), min(status) FROM seen_urls").fetchone() == (6, 200)
    assert con.execute("SELECT count(*) FROM crawl_frontier").fetchone()[0] == 0


def test_transient_failures_are_not_seen():
    assert counts_as_seen(200) and counts_as_seen(404) and counts_as_seen(-1)
    assert not counts_as_seen(429) and not counts_as_seen(503) and not counts_as_seen(None)


def test_spelling_variants_share_a_key():
    assert seen_key("http://x.cn/a.html?b=2&a=1#top") == seen_key("http://x.cn/a.html?a=1&b=2")
    assert url_hash("http://x.cn/a.html#x") == url_hash("http://x.cn/a.html")
    assert 0 <= url_hash("http://x.cn/") < 2 ** 64


def test_memory_is_bounded_by_the_lru(db):
    s = store(db, lru_size=50, batch=100)
    for i in range(500):
        u = f"http://x.cn/a/{i}.html"
        s.queue(u, "article")
        s.done(u, "article", 200)
    assert len(s._lru) == 50 and not s.queued and len(s._ops) < 100
    # Forgotten by the LRU, still known to the database.
    assert s.filter_new([f"http://x.cn/a/{i}.html" for i in range(500)]) == []
    s.close()


def test_journal_survives_a_kill(db):
    s = store(db, batch=10_000)   # nothing reaches the database before the "kill"
    s.queue("http://x.cn/list/2.html", "list", spec=0, page=2)
    s.queue("http://x.cn/a/1.html", "article")
    s.done("http://x.cn/a/1.html", "article", 200)
    s.queue("http://x.cn/a/2.html", "article")
    s._journal.write(b'{"op":"d","h":12')  # a line cut short by SIGKILL
    s._journal.flush()
    s._journal.close()             # the process dies: no flush, no close()

    s2 = store(db)                 # the next start replays the journal
    assert s2.filter_new(["http://x.cn/a/1.html", "http://x.cn/a/2.html"]) == ["http://x.cn/a/2.html"]
    pending = {(r["url"], r["kind"], r["page"]) for r in s2.frontier()}
    assert pending == {("http://x.cn/list/2.html", "list", 2), ("http://x.cn/a/2.html", "article", None)}
    s2.clear_frontier()
    assert s2.frontier() == []
    s2.close()
    assert (db.parent / "state" / "src.journal").stat().st_size == 0


def test_one_crawl_per_source(db):
    s = store(db)
    with pytest.raises(SourceBusy):
        store(db)
    s.close()
    store(db).close()
