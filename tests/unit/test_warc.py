import datetime as dt
import gzip

import pytest

from pipeline.warc import WarcFile, WarcReadError, iter_responses, read_response

NOW = dt.datetime(2018, 8, 1, 7, 21, tzinfo=dt.timezone.utc)


def _write(path, n=3, gzip_body=False):
    w = WarcFile(path)
    offsets = []
    for i in range(n):
        body = f"<html><body><p>第{i}篇 网贷</p></body></html>".encode("gbk")
        headers = [("Content-Type", "text/html; charset=gbk"), ("Transfer-Encoding", "chunked")]
        if gzip_body:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        offsets.append(w.write_response(f"http://x.test/{i}.html", 200, headers, body, NOW))
    w.close()
    return offsets


def test_roundtrip_keeps_bytes_headers_and_offsets(tmp_path):
    path = tmp_path / "a.warc.gz"
    offsets = _write(path)
    recs = list(iter_responses(path))
    assert [r["warc_offset"] for r in recs] == offsets
    assert recs[1]["body"].decode("gbk") == "<html><body><p>第1篇 网贷</p></body></html>"
    assert recs[1]["headers"]["content-type"] == "text/html; charset=gbk"
    assert "transfer-encoding" not in recs[1]["headers"]
    assert recs[2]["fetched_at"] == NOW
    assert read_response(path, offsets[2])["url"] == "http://x.test/2.html"


def test_compressed_payload_is_decoded_on_read(tmp_path):
    path = tmp_path / "z.warc.gz"
    _write(path, n=1, gzip_body=True)
    rec = next(iter_responses(path))
    assert rec["body"].startswith(b"<html>")
    assert "content-encoding" not in rec["headers"]


def test_truncated_archive_keeps_records_before_the_cut(tmp_path):
    path = tmp_path / "t.warc.gz"
    offsets = _write(path, n=5)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + 60])  # a writer killed inside the last response record
    recs = list(iter_responses(path))
    assert [r["url"] for r in recs] == [f"http://x.test/{i}.html" for i in range(4)]


def test_not_a_warc_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a warc file at all\n" * 10)
    with pytest.raises(WarcReadError, match="not a readable WARC"):
        list(iter_responses(bad))
    with pytest.raises(WarcReadError, match="cannot open"):
        list(iter_responses(tmp_path / "missing.warc.gz"))


def test_foreign_archive_with_chunked_gzip_payload(tmp_path):
    """Common Crawl keeps payloads as sent: chunked transfer and gzip content encoding."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = "<html><body><p>网贷平台爆雷</p></body></html>".encode("utf-8")
    gz = gzip.compress(html)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(gz), gz)
    path = tmp_path / "cc.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
                                protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://cc.example/a.html", "response",
                                            payload=io.BytesIO(chunked), http_headers=http))
    rec = next(iter_responses(path))
    assert rec["body"] == html
    assert "content-encoding" not in rec["headers"] and "transfer-encoding" not in rec["headers"]
