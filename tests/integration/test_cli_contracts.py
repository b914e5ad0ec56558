"""The CLI contracts of the README, exercised through a subprocess as a user would."""
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from pipeline.warc import WarcFile
from tests.conftest import run_cli

ARTICLE = """<html><head><meta charset="{charset}"><title>{title}_网贷频道_示例财经</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/p2p/">网贷</a> &gt; 正文</div>
<h1>{title}</h1><div class="info">2019-03-29 08:15:00 来源：示例日报 作者：王记者</div>
<div class="article">{paras}</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a/9.html">其他新闻标题一</a></li></ul></div>
<p class="editor">责任编辑：李编辑</p></body></html>"""

STORIES = [
    ("团贷网实控人唐军投案自首", ["3月28日晚，东莞市公安局发布警情通报，团贷网实际控制人唐军到公安机关投案自首。",
                          "警方已对东莞团贷网互联网科技服务有限公司涉嫌非法吸收公众存款案立案侦查，涉及投资人22万余人，待收余额145亿元。",
                          "业内人士表示，网贷行业问题平台数量持续增加，投资人应通过合法途径维权。"]),
    ("某平台辟谣跑路传闻", ["昨日，网传某网贷平台跑路，该平台随即发布声明辟谣，称平台运营正常，并未失联。",
                       "平台表示，银行存管已于去年上线，备案工作按照金融办要求推进，出借人资金安全。",
                       "分析人士指出，P2P行业整改期间，谣言频出，投资人需理性判断。"]),
]


def make_warc(path):
    w = WarcFile(path)
    now = dt.datetime(2019, 3, 29, 1, 0, tzinfo=dt.timezone.utc)
    for i, (title, paras) in enumerate(STORIES):
        charset = "gbk" if i == 0 else "utf-8"
        html = ARTICLE.format(charset=charset, title=title, paras="".join(f"<p>{p}</p>" for p in paras))
        w.write_response(f"http://news.example.test/a/{i}.html", 200,
                         [("Content-Type", "text/html")], html.encode(charset), now)
    w.write_response("http://news.example.test/missing.html", 404, [("Content-Type", "text/html")], b"gone", now)
    w.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    warc, db = d / "in.warc.gz", d / "p2p.duckdb"
    make_warc(warc)
    r = run_cli("ingest", warc, db=db)
    assert r.returncode == 0, r.stderr
    return d, warc, db


def test_ingest_stores_articles_and_is_idempotent(ingested):
    d, warc, db = ingested
    count = lambda: run_cli("sql", "SELECT (SELECT count(*) FROM pages) || '/' || (SELECT count(*) FROM articles)"
                                   " || '/' || (SELECT count(*) FROM events) AS n", "--format", "csv", db=db).stdout
    before = count()
    assert before.splitlines()[1].startswith("3/2/")
    assert run_cli("ingest", warc, db=db).returncode == 0
    assert count() == before


def test_events_export_formats(ingested):
    d, _, db = ingested
    jl = run_cli("events", "--format", "jsonl", db=db)
    assert jl.returncode == 0, jl.stderr
    rows = [json.loads(l) for l in jl.stdout.splitlines()]
    assert all({"event_type", "polarity", "subject", "url", "published_at"} <= set(r) for r in rows)
    out = d / "ev.parquet"
    pq_run = run_cli("events", "--format", "parquet", "--out", out, db=db)
    assert pq_run.returncode == 0, pq_run.stderr
    assert pq.read_table(out).num_rows == len(rows)
    csv_run = run_cli("events", "--format", "csv", "--since", "2019-01-01", "--until", "2019-12-31", db=db)
    assert csv_run.stdout.splitlines()[0].startswith("event_id,event_type,polarity")


def test_events_export_by_polarity(ingested):
    _, _, db = ingested
    rows = lambda *args: [json.loads(l) for l in run_cli("events", *args, db=db).stdout.splitlines()]
    everything, affirmed, denied = rows(), rows("--polarity", "affirmed"), rows("--polarity", "denied")
    assert denied and {r["polarity"] for r in denied} == {"denied"}   # the 辟谣 story
    assert affirmed and {r["polarity"] for r in affirmed} == {"affirmed"}
    both = rows("--polarity", "affirmed", "--polarity", "denied")
    assert len(both) == len(affirmed) + len(denied) <= len(everything)


def test_incidents_export_links_every_reporting_article(ingested):
    _, _, db = ingested
    rows = lambda *args: [json.loads(l) for l in run_cli("incidents", *args, db=db).stdout.splitlines()]
    events = [json.loads(l) for l in run_cli("events", db=db).stdout.splitlines()]
    incidents = rows()
    assert incidents and {i["incident_id"] for i in incidents} == {e["incident_id"] for e in events if e["incident_id"]}
    for inc in incidents:
        mine = [e for e in events if e["incident_id"] == inc["incident_id"]]
        assert inc["urls"] == sorted({e["url"] for e in mine}) and inc["mention_count"] == len(mine)
        amounts = [e["amount_yuan"] for e in mine if e["amount_yuan"] is not None]
        assert inc["max_amount_yuan"] == (max(amounts) if amounts else None)
        assert inc["source_count"] == 1 and inc["first_seen"] <= inc["last_seen"]
    assert rows("--min-sources", "2") == []   # one site reports each story here
    assert any(i["max_amount_yuan"] for i in incidents)
    tuandai = rows("--platform", "团贷网", "--type", "person.detained")
    assert [(i["platform"], i["event_type"]) for i in tuandai] == [("团贷网", "person.detained")]
    last = max(i["last_seen"] for i in incidents)
    assert rows("--since", (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()) == []
    cells = run_cli("incidents", "--format", "csv", db=db).stdout.splitlines()
    assert cells[0].endswith(",urls") and len(cells) == len(incidents) + 1


def test_unknown_event_code_and_bad_date_are_clear_errors(ingested):
    _, _, db = ingested
    r = run_cli("events", "--type", "platform.exploded", "--format", "csv", db=db)
    assert r.returncode == 1 and "unknown event type platform.exploded" in r.stderr and "platform.absconded" in r.stderr
    r = run_cli("events", "--since", "yesterday", db=db)
    assert r.returncode == 1 and "YYYY-MM-DD" in r.stderr


def test_missing_database_and_bad_sql(tmp_path, ingested):
    r = run_cli("sql", "SELECT 1", db=tmp_path / "none.duckdb")
    assert r.returncode == 1 and "no database" in r.stderr
    r = run_cli("sql", "SELECT * FROM no_such_table", db=ingested[2])
    assert r.returncode == 1 and "SQL:" in r.stderr


def test_a_table_piped_to_a_file_keeps_its_rows_whole(ingested):
    # rich folds a table to 80 columns when stdout is no terminal; a log or file wants lines
    r = run_cli("sql", "SELECT repeat('x', 150) AS wide, '2019-03-28' AS first_seen", db=ingested[2])
    assert r.returncode == 0, r.stderr
    assert any("x" * 150 in line and "2019-03-28" in line for line in r.stdout.splitlines())


def test_ingest_reports_bad_and_missing_files(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"<html>not a warc</html>")
    r = run_cli("ingest", bad, tmp_path / "nope.warc.gz", db=tmp_path / "x.duckdb")
    assert r.returncode == 1
    assert "not a readable WARC" in r.stderr and "nope.warc.gz: no such file" in r.stderr


def test_extract_contract(tmp_path):
    page = tmp_path / "p.html"
    title, paras = STORIES[0]
    page.write_bytes(ARTICLE.format(charset="gb2312", title=title, paras="".join(f"<p>{p}</p>" for p in paras)).encode("gbk"))
    r = run_cli("extract", page, tmp_path / "missing.html", "--url", "http://news.example.test/a/0.html")
    assert r.returncode == 1 and "missing.html" in r.stderr
    out = json.loads(r.stdout.splitlines()[0])
    assert {"path", "url", "title", "published_at", "author", "source", "body"} <= set(out)
    assert out["title"] == title and "投案自首" in out["body"] and "\ufffd" not in out["body"]


def test_tag_contract():
    lines = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False)
                      for i, t in enumerate(["".join(STORIES[0][1]), "今天天气不错。"]))
    r = run_cli("tag", input=lines + "\n")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert [x["id"] for x in rows] == [0, 1]
    for ev in rows[0]["events"]:
        assert {"event_type", "polarity", "subject", "trigger", "evidence", "confidence", "extractor_version"} <= set(ev)


def test_locked_database_is_one_clear_line(ingested):
    import subprocess
    import sys
    import time

    _, warc, db = ingested
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(30)",
                               str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        r = run_cli("ingest", warc, db=db, env={"P2PNEWS_LOCK_WAIT": "0.5"})
        assert r.returncode == 1
        assert "locked by another process" in r.stderr and "Traceback" not in r.stderr
        assert time.monotonic() - t0 < 20
    finally:
        holder.kill()
        holder.wait()


def test_crawl_that_reaches_nothing_fails_loudly(tmp_path):
    import socket

    with socket.socket() as s:  # a loopback port that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = run_cli("crawl", "--start-url", f"http://127.0.0.1:{port}/list.html", "--article-pattern", "/a/",
                "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=5", db=tmp_path / "x.duckdb")
    assert r.returncode == 1
    assert "no request got an answer" in r.stderr
