import datetime as dt
import multiprocessing

import pytest

import db
from db import writer
from db.reference import event_codes


def test_migrations_create_tables_once(db_path):
    con = db.connect(db_path)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"crawl_runs", "pages", "articles", "events", "platforms", "event_types"} <= tables
    versions = con.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    con.close()
    con = db.connect(db_path)  # second open applies nothing new
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == versions
    assert con.execute("SELECT count(*) FROM event_types").fetchone()[0] == len(event_codes()) == 21


def _article(i):
    return {"article_id": f"a{i}", "url": f"http://x/{i}", "canonical_url": f"http://x/{i}", "title": "t",
            "published_at": "2018-08-01T07:21:00+08:00", "body": "正文", "simhash": 2**64 - 1 - i, "relevant": True}


def _event(i, article):
    return {"event_id": f"e{i}", "article_id": article, "event_type": "platform.absconded", "polarity": "affirmed",
            "persons": [{"name": "张三", "role": "实控人"}], "amount_yuan": 1.2e8, "event_date": "2018-07-30"}


def test_write_articles_is_idempotent_and_replaces_events(db_path):
    con = db.connect(db_path)
    arts = [_article(i) for i in range(50)]
    evs = [_event(i, f"a{i % 50}") for i in range(120)]
    writer.write_articles(con, arts, evs)
    writer.write_articles(con, arts, evs)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 50
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 120
    # re-tagging one article with fewer events removes the stale ones
    writer.write_articles(con, [arts[0]], [evs[0]])
    assert con.execute("SELECT count(*) FROM events WHERE article_id = 'a0'").fetchone()[0] == 1
    ts, = con.execute("SELECT published_at FROM articles WHERE article_id = 'a1'").fetchone()
    assert ts == dt.datetime(2018, 8, 1, 7, 21, tzinfo=ts.tzinfo) and ts.utcoffset() == dt.timedelta(hours=8)
    persons, = con.execute("SELECT persons->>'$[0].role' FROM events WHERE event_id = 'e1'").fetchone()
    assert persons == "实控人"


def test_write_pages_ignores_repeats(db_path):
    con = db.connect(db_path)
    now = dt.datetime.now(dt.timezone.utc)
    rows = [{"warc_file": "w.warc.gz", "warc_offset": i * 100, "url": f"http://x/{i}", "final_url": f"http://x/{i}",
             "status": 200, "fetched_at": now, "content_hash": "h"} for i in range(10)]
    writer.write_pages(con, rows)
    writer.write_pages(con, rows)
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 10


def _hold_lock(path, ready, release):
    con = db.connect(path)
    ready.set()
    release.wait(20)
    con.close()


def test_locked_database_gives_clear_error(db_path):
    db.connect(db_path).close()
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(db_path), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(db.DatabaseLocked, match="locked by another process"):
            db.connect(db_path, wait=0.3)
    finally:
        release.set()
        holder.join(30)
    db.connect(db_path, wait=5).close()  # free again once the holder is gone


def test_dropped_pages_lose_their_stale_articles(db_path):
    con = db.connect(db_path)
    writer.write_articles(con, [_article(1), _article(2)], [_event(1, "a1"), _event(2, "a2")])
    # a better extractor now says http://x/1 is not an article: the re-run forgets it
    writer.write_articles(con, [], [], dropped_urls=["http://x/1"])
    assert [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()] == ["a2"]
    assert [r[0] for r in con.execute("SELECT article_id FROM events").fetchall()] == ["a2"]
    assert con.execute("SELECT count(*) FROM article_urls WHERE article_id = 'a1'").fetchone()[0] == 0


def test_feeds_served_as_html_are_not_articles():
    from pipeline.process import process_record

    rss = b'<?xml version="1.0"?><rss><channel><title>t</title>' + b"<item><title>x</title></item>" * 50 + b"</channel></rss>"
    out = process_record({"url": "http://x/rss", "status": 200, "headers": {"content-type": "text/html"}, "body": rss})
    assert out.kind == "skipped" and out.reason.startswith("content-type")


def test_tagged_events_store_their_company(db_path):
    from pipeline.process import event_row
    from pipeline.tag import tag_text
    text = "上海驹秀网络科技有限公司（金蛐蛐平台）涉嫌非法吸收公众存款被立案侦查。"
    rows = [event_row("a0", e) for e in tag_text(text)["events"]]
    con = db.connect(db_path)
    writer.write_articles(con, [_article(0)], rows)
    got = con.execute("SELECT DISTINCT platform, company FROM events WHERE event_type = 'platform.police_case'").fetchall()
    assert ("金蛐蛐", "上海驹秀网络科技有限公司") in got


def test_platform_status_stays_with_the_police_once_they_act(db_path):
    con = db.connect(db_path)
    arts = [dict(_article(i), published_at=f"20{18 + i}-09-24T08:00:00+08:00") for i in range(3)]
    ev = lambda i, art, code, platform, date=None: {
        "event_id": f"s{i}", "article_id": art, "event_type": code, "polarity": "affirmed", "platform": platform,
        "event_date": date, "confidence": 0.9}
    writer.write_articles(con, arts, [
        ev(1, "a0", "platform.withdrawal_halt", "甲贷", "2018-04-01"),
        ev(2, "a0", "platform.police_case", "甲贷", "2018-04-20"),
        ev(3, "a2", "platform.withdrawal_halt", "甲贷"),           # a 2020 story retelling the old halt
        ev(4, "a0", "platform.withdrawal_halt", "乙贷", "2018-06-01"),
        ev(5, "a1", "platform.orderly_exit", "乙贷"),               # newer news wins where no police act
        # a verdict's article retells the charge, a later story the case: the court's stage stays
        ev(6, "a2", "platform.police_case", "丙贷"), ev(7, "a2", "person.sentenced", "丙贷"),
        ev(8, "a1", "person.sentenced", "丁贷", "2019-01-05"), ev(9, "a2", "platform.police_case", "丁贷"),
        ev(10, "a0", "platform.police_case", "戊贷"), ev(11, "a1", "person.detained", "戊贷"),
        # the article on the vanished operators tells the unpaid sum too, dated by the article
        ev(12, "a0", "platform.absconded", "己贷", "2018-09-20"), ev(13, "a0", "platform.withdrawal_halt", "己贷")])
    rows = dict((p, (s, str(d))) for p, s, d in con.execute(
        "SELECT platform, status, status_date FROM platform_status WHERE status_source = 'news'").fetchall())
    assert rows == {"甲贷": ("经侦介入", "2018-04-20"), "乙贷": ("良性退出", "2019-09-24"),
                    "丙贷": ("判决", "2020-09-24"), "丁贷": ("判决", "2019-01-05"),
                    "戊贷": ("刑拘", "2019-09-24"), "己贷": ("跑路", "2018-09-20")}


def test_event_types_follow_the_shipped_file_without_a_migration(db_path):
    # a database made before db/event_types.tsv changed takes the change up when next opened to write
    with db.session(db_path) as con:
        con.execute("UPDATE event_types SET status_rank = 0, status = '旧' WHERE code = 'person.sentenced'")
    with db.session(db_path) as con:
        assert con.execute("SELECT status, status_rank FROM event_types WHERE code = 'person.sentenced'"
                           ).fetchone() == ("判决", 4)


def _as_made_before_migration_10(path):
    with db.session(path) as con:
        con.execute("ALTER TABLE incidents DROP COLUMN max_amount_yuan")
        con.execute("ALTER TABLE incidents DROP COLUMN max_investor_count")
        con.execute("DELETE FROM schema_version WHERE version = 10")


def test_a_reader_migrates_a_database_an_older_version_made(db_path):
    _as_made_before_migration_10(db_path)
    con = db.connect(db_path, read_only=True)
    cols = {r[0] for r in con.execute("DESCRIBE incidents").fetchall()}
    assert {"max_amount_yuan", "max_investor_count"} <= cols
    con.close()


def test_a_reader_that_cannot_migrate_says_what_to_do(db_path, monkeypatch):
    import sys

    import duckdb
    connect_module = sys.modules["db.connect"]   # the package's `connect` is the function
    _as_made_before_migration_10(db_path)
    opened = connect_module._open

    def read_only_file(path, read_only, wait):
        if not read_only:
            raise duckdb.IOException("Permission denied")
        return opened(path, read_only, wait)
    monkeypatch.setattr(connect_module, "_open", read_only_file)
    with pytest.raises(db.DatabaseOutdated, match="older p2pnews.*writes to it once"):
        db.connect(db_path, read_only=True)


def test_a_reader_leaves_a_database_that_is_not_ours_as_it_is(tmp_path):
    import duckdb
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t AS SELECT 1 AS x").close()
    db.connect(path, read_only=True).close()
    con = duckdb.connect(str(path), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["t"]
