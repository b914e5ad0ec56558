"""The demo site (demo/mocksite.py) and its committed WARC (demo/demo.warc.gz)."""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from demo import mocksite as m  # noqa: E402

HREF = re.compile(rb'href="([^"#]+)"')


@pytest.fixture(scope="module")
def site():
    return m.build_site()


def _warc_records(path):
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                        rec.rec_headers.get_header("WARC-Date"),
                        rec.http_headers.get_statuscode() if rec.http_headers and rec.rec_type == "response" else None,
                        rec.content_stream().read()))
    return out


# --------------------------------------------------------------------------- contents

def test_counts_and_constants(site):
    assert len(m.ARTICLES) >= 34
    assert len(m.ARTICLE_URLS) == len(m.ARTICLES) == 37
    assert len(m.RELEVANT_URLS) == 34 and len(m.IRRELEVANT_URLS) == 3
    assert len(m.DUPLICATE_GROUPS) == 1 and len(m.DUPLICATE_GROUPS[0]) == 3
    assert len(m.UNIQUE_RELEVANT_URLS) == 32
    assert m.START_URL == "http://finance.demo-p2pnews.test/"
    assert len(m.LIST_URLS) == 5
    for u in m.ARTICLE_URLS:
        assert re.match(m.ARTICLE_PATTERN, u), u
        assert site[u][0] == 200
    for u in site:
        if u not in m.ARTICLE_URLS and u not in m.BROKEN_URLS:
            assert not re.match(m.ARTICLE_PATTERN, u), u
    assert [site[u][0] for u in m.BROKEN_URLS] == [404]


def test_every_event_type_is_covered():
    doc = Path("/work/shared/docs/events.md")
    codes = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", doc.read_text(), re.M)) if doc.exists() else set()
    covered = {e.split(":")[0] for a in m.ARTICLES for e in a.events}
    assert covered >= codes
    assert len(covered) >= 21
    pol = [e for a in m.ARTICLES if a.copy_of is None for e in a.events]
    assert sum(e == "platform.absconded:denied" for e in pol) >= 2
    assert sum(e.endswith(":possible") for e in pol) >= 2


def test_article_metadata_is_plausible():
    dates = [a.published for a in m.ARTICLES]
    assert min(dates).strftime("%Y-%m") >= "2018-06" and max(dates).strftime("%Y-%m") <= "2020-11"
    for a in m.ARTICLES:
        assert 4 <= len(a.paragraphs) <= 10 or a.copy_of, a.id
        assert a.title and a.source and a.author and a.editor
        assert a.layout in m.LAYOUTS and a.encoding in m.ENCODINGS
    assert {a.layout for a in m.ARTICLES} == {"netease", "sina", "portal"}


# --------------------------------------------------------------------------- navigation

def _links(url, body):
    for h in HREF.findall(body):
        h = h.decode("ascii", "replace")
        if h.startswith("javascript:"):
            continue
        yield urljoin(url, h).split("#")[0]


def test_every_article_reachable_from_start(site):
    seen, queue = {m.START_URL}, deque([m.START_URL])
    while queue:
        url = queue.popleft()
        if url not in site:
            continue
        status, headers, body = site[url]
        if status != 200 or re.match(m.ARTICLE_PATTERN, url):  # follow home + list pages only
            continue
        for link in _links(url, body):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert set(m.ARTICLE_URLS) <= seen
    assert set(m.LIST_URLS) <= seen
    assert set(m.BROKEN_URLS) <= seen


def test_pagination_has_next_links(site):
    for sec in ("p2p",):
        pages = [u for u in m.LIST_URLS if f"/{sec}/" in u]
        assert len(pages) == 3
        for i, u in enumerate(pages[:-1]):
            body = site[u][2].decode("utf-8")
            nxt = re.search(r'<a href="([^"]+)" class="next">下一页</a>', body).group(1)
            assert urljoin(u, nxt) == pages[i + 1]
        assert "下一页" not in site[pages[-1]][2].decode("utf-8")


def test_internal_links_resolve(site):
    """Every same-host link on every page exists in the site, except /search, /comment and /static."""
    for url, (status, _, body) in site.items():
        if not body.lstrip().startswith(b"<!DOCTYPE"):
            continue
        for link in _links(url, body):
            path = urlsplit(link).path
            if path.startswith(("/search", "/comment", "/static")):
                continue
            assert link in site, (url, link)


# --------------------------------------------------------------------------- encodings

def _ctype(headers):
    return dict(headers)["Content-Type"]


def test_encodings_as_documented(site):
    for a in m.ARTICLES:
        status, headers, body = site[a.url]
        codec, ctype, meta = m.ENCODINGS[a.encoding]
        assert _ctype(headers) == ctype
        if a.encoding == "utf-8-corrupt":
            with pytest.raises(UnicodeDecodeError):
                body.decode("utf-8")
            text = body.decode("utf-8", "replace")
            assert text.count("\ufffd") >= 2
        elif a.truncated:
            with pytest.raises(UnicodeDecodeError):
                body.decode(codec)
            text = body.decode(codec, "ignore")
            assert "</html>" not in text
        else:
            text = body.decode(codec)
            if codec == "gbk":
                with pytest.raises(UnicodeDecodeError):
                    body.decode("utf-8")
        assert a.title in text
        assert a.paragraphs[0] in text
        if meta:
            assert meta in text
        else:
            assert "charset" not in text[:400].lower()
    kinds = {a.encoding for a in m.ARTICLES}
    assert kinds == set(m.ENCODINGS)


# --------------------------------------------------------------------------- WARC

def test_committed_warc_is_reproducible(tmp_path):
    committed = m.WARC_PATH
    assert committed.exists(), "run: python -m demo.mocksite build"
    assert committed.stat().st_size < 2_000_000
    fresh = m.write_warc(tmp_path / committed.name)
    assert _warc_records(fresh) == _warc_records(committed)
    assert fresh.read_bytes() == committed.read_bytes()


def test_warc_has_request_and_response_per_url(site):
    recs = _warc_records(m.WARC_PATH)
    assert recs[0][0] == "warcinfo"
    responses = {u: (st, body) for t, u, d, st, body in recs if t == "response"}
    requests = {u for t, u, *_ in recs if t == "request"}
    assert set(responses) == set(site) == requests
    for u, (status, _, body) in site.items():
        assert responses[u] == (str(status), body), u
    dates = {u: d for t, u, d, *_ in recs if t == "response"}
    a = m._BY_ID[10009]  # published 2018-08-01 07:21:34 +08:00, fetched two hours later
    assert dates[a.url] == "2018-08-01T01:21:34Z"


# --------------------------------------------------------------------------- server

def test_server_serves_same_bytes(site):
    server = m.serve()
    try:
        base = server.base_url
        for url, (status, headers, body) in site.items():
            if not url.startswith(m.HOST):
                continue
            req = base + urlsplit(url).path
            try:
                with urllib.request.urlopen(req, timeout=10) as r:
                    got_status, got_body, got_ct = r.status, r.read(), r.headers["Content-Type"]
            except urllib.error.HTTPError as e:
                got_status, got_body, got_ct = e.code, e.read(), e.headers["Content-Type"]
            assert (got_status, got_body, got_ct) == (status, body, _ctype(headers)), url
        # the mirror copy is reachable by path too
        mirror = m.DUPLICATE_GROUPS[0][2]
        with urllib.request.urlopen(base + urlsplit(mirror).path, timeout=10) as r:
            assert r.read() == site[mirror][2]
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(base + "/no/such/page.html", timeout=10)
        assert exc.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_server_rewrite_option(site):
    server = m.serve(rewrite=True)
    try:
        with urllib.request.urlopen(server.base_url + "/sitemap.xml", timeout=10) as r:
            body = r.read()
        assert m.HOST.encode() not in body and server.base_url.encode() in body
    finally:
        server.shutdown()
        server.server_close()
