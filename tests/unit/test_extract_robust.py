"""Property-based robustness: random, truncated, deeply nested and very large HTML."""
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import ExtractError, extract

SAMPLE = ("<html><head><meta charset='gbk'><title>标题_网站</title></head><body><div class='main'>"
          "<h1>标题</h1><p>２０１８年８月１日，某平台宣布停止运营，出借人纷纷表示担忧。</p>"
          "<p>记者了解到，该平台此前已多次延期兑付。</p></div></body></html>")
TAGS = st.sampled_from(["div", "p", "span", "a", "td", "table", "ul", "li", "script", "br", "h1", "font"])


def _safe(data, **kw):
    t0 = time.perf_counter()
    try:
        r = extract(data, **kw)
        assert isinstance(r["body"], str)
    except ExtractError:
        pass
    assert time.perf_counter() - t0 < 2.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    _safe(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_random_text(text):
    _safe(text)
    _safe("<html><body>" + text)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(SAMPLE.encode("gb18030"))), st.sampled_from(["utf-8", "gb18030"]))
def test_truncated(cut, enc):
    _safe(SAMPLE.encode(enc)[:cut])


@settings(max_examples=30, deadline=None)
@given(st.lists(TAGS, min_size=1, max_size=40), st.integers(1, 3000), st.text(max_size=50))
def test_deeply_nested(tags, depth, text):
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    _safe(f"<html><body>{opening}{text}，内容。{SAMPLE}</body></html>")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(TAGS, st.text(max_size=30)), max_size=200))
def test_random_tag_soup(parts):
    html = "".join(f"<{t}>{s}</{t}>" if i % 3 else f"<{t} class='{s[:5]}'>{s}" for i, (t, s) in enumerate(parts))
    _safe(html, url="https://news.163.com/19/0907/13/EOFOC8MJ00258105.html")


def test_very_large_page_is_bounded():
    para = "<p>" + "网贷平台出借人维权，监管部门介入调查。" * 20 + "</p>"
    html = "<html><body><div>" + para * 3000 + "</div>" + "<a href='/x'>链接</a>" * 20000 + "</body></html>"
    t0 = time.perf_counter()
    r = extract(html.encode("utf-8"))
    assert time.perf_counter() - t0 < 10
    assert len(r["body"]) > 100000
