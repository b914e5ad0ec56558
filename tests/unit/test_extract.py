"""Extractor unit tests on hand-written fixture pages (no shared data)."""
from datetime import datetime

import pytest

from pipeline.extract import EXTRACTOR_VERSION, ExtractError, extract
from pipeline.extract import dates
from pipeline.extract.encoding import decode

PARAS = [
    "近日，某网贷平台发布公告称，因经营困难，平台自即日起暂停所有出借业务，并将逐步清退存量资金。",
    "据了解，该平台成立于二〇一四年，累计成交额超过一百亿元，注册用户数十万人，曾获得多轮融资。",
    "多位出借人表示，自上月起平台便出现提现延迟的情况，客服电话长期无人接听，线下门店也已关闭。",
    "业内人士指出，在监管持续趋严的背景下，网贷行业正加速出清，良性退出将成为多数平台的选择。",
]


def page(charset="utf-8", meta_date=None, date_line="2018年08月01日 07:21", extra_head=""):
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">{meta}{extra_head}
<title>某网贷平台宣布良性退出_财经频道_示例网</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/f">财经</a> | <a href="/p">网贷</a></div>
<div class="main"><h1>某网贷平台宣布良性退出</h1>
<div class="info">{date_line}　来源：示例日报　作者：王小明</div>
<div class="article-body">{body}<p>（责任编辑：李四）</p></div>
<div class="share">分享到：微博 微信</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/1">另一平台爆雷，投资人维权无门</a></li><li><a href="/2">监管发文规范网贷清退</a></li>
<li><a href="/3">网贷行业数据月报出炉</a></li></ul></div>
<div class="comment">网友评论：这个平台早就有问题了，大家注意风险。</div></div>
<div class="footer">版权所有 © 示例网 未经授权禁止转载 京ICP备000000号</div>
</body></html>"""


def test_contract_keys_and_fields():
    r = extract(page().encode("utf-8"), url="https://finance.example.com/a/1.html")
    for k in ("url", "canonical_url", "title", "published_at", "published_at_source", "author",
              "source", "editor", "body", "encoding", "extractor_version"):
        assert k in r
    assert r["extractor_version"] == EXTRACTOR_VERSION
    assert r["title"] == "某网贷平台宣布良性退出"
    assert r["published_at"] == "2018-08-01T07:21:00+08:00"
    assert r["published_at_source"] == "text"
    assert r["source"] == "示例日报"
    assert r["author"] == "王小明"
    assert r["editor"] == "李四"
    assert r["body"].split("\n") == PARAS
    for junk in ("相关新闻", "分享到", "网友评论", "版权所有", "责任编辑", "首页"):
        assert junk not in r["body"]


def test_gbk_page_declared_gb2312():
    raw = page(charset="gb2312").replace("示例", "喆镕").encode("gb18030")  # chars outside GB2312
    r = extract(raw)
    assert r["encoding"] == "gb18030"
    assert "喆镕日报" == r["source"]
    assert "\ufffd" not in r["body"]


def test_declared_gbk_served_utf8():
    raw = page(charset="gbk").encode("utf-8")
    r = extract(raw, headers={"Content-Type": "text/html; charset=GBK"})
    assert r["encoding"] == "utf-8"
    assert r["title"] == "某网贷平台宣布良性退出"


def test_header_and_meta_disagree():
    raw = page(charset="utf-8").encode("gb18030")
    r = extract(raw, headers={"content-type": "text/html; charset=utf-8"})
    assert r["body"].split("\n") == PARAS


def test_corrupt_bytes_decoded_leniently():
    raw = bytearray(page(charset="gb2312").encode("gb18030"))
    pos = raw.index("经营困难".encode("gb18030"))
    raw[pos + 1:pos + 2] = b"\xff"  # break one double-byte character
    text, enc = decode(bytes(raw))
    assert enc == "gb18030" and "\ufffd" not in text
    r = extract(bytes(raw))
    assert PARAS[1] in r["body"] and PARAS[3] in r["body"]


def test_meta_date_beats_text_and_url():
    r = extract(page(meta_date="2019-09-07T13:43:45+08:00"), url="https://x.com/2001-01-01/a.html")
    assert r["published_at"] == "2019-09-07T13:43:45+08:00"
    assert r["published_at_source"] == "meta"


def test_jsonld_date_and_utc_conversion():
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-09-07T05:43:45Z"}</script>'
    r = extract(page(extra_head=ld))
    assert r["published_at"] == "2019-09-07T13:43:45+08:00"
    assert r["published_at_source"] == "jsonld"


def test_url_date_when_no_other():
    r = extract(page(date_line="　"), url="https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml")
    assert r["published_at"] == "2018-12-28T00:00:00+08:00"
    assert r["published_at_source"] == "url"


def test_no_date_is_none_not_crawl_time():
    r = extract(page(date_line="　"), url="https://example.com/news/abc.html",
                fetched_at=datetime(2024, 5, 1, 12, 0))
    assert r["published_at"] is None and r["published_at_source"] is None


@pytest.mark.parametrize("line,expected", [
    ("2018-08-01 07:21:34", "2018-08-01T07:21:34+08:00"),
    ("发布时间：2018/8/1 7:21", "2018-08-01T07:21:00+08:00"),
    ("08-01 07:21", "2024-08-01T07:21:00+08:00"),
    ("12-31 23:00", "2023-12-31T23:00:00+08:00"),  # fetched in January: last year
    ("昨天 09:30", "2024-01-09T09:30:00+08:00"),
    ("3小时前", "2024-01-10T09:00:00+08:00"),
    ("9/17/2004 5:54:13 PM", "2004-09-17T17:54:13+08:00"),
])
def test_visible_date_forms(line, expected):
    fetched = datetime(2024, 1, 10, 12, 0) if "12-31" in line or "昨天" in line or "小时" in line \
        else datetime(2024, 9, 1, 12, 0)
    r = dates.find_in_text(line, fetched)
    assert r and dates.iso(r[0]) == expected


def test_relative_dates_need_fetch_time():
    assert dates.find_in_text("3小时前", None) is None
    assert dates.find_in_text("08-01 07:21", None) is None


def test_not_html_raises():
    with pytest.raises(ExtractError):
        extract(b"%PDF-1.4 binary")
    with pytest.raises(ExtractError):
        extract("just some plain text without markup")


def test_site_rule_used_and_fallback():
    html = page().replace('class="article-body"', 'class="article" id="artibody"')
    r = extract(html, url="https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml")
    assert r["extraction_method"] == "site:sina"
    assert r["body"].split("\n") == PARAS
    # layout changed: the rule's selector no longer finds a body -> generic path
    r2 = extract(page(), url="https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml")
    assert r2["extraction_method"] == "generic"
    assert r2["body"].split("\n") == PARAS


def test_forum_thread_first_post_is_article():
    # blog front page / BBS archive: one table per post, each with its own title row
    posts = "".join(f'<table class="post"><tr><td class="post-title">第{i}帖 2005-06-1{i} 03:25</td></tr>'
                    f'<tr><td class="post-body">{p * 2}</td></tr></table>' for i, p in enumerate(PARAS))
    r = extract(f"<html><body>{posts}</body></html>")
    assert r["body"] == PARAS[0] * 2


def test_canonical_url():
    head = '<link rel="canonical" href="https://www.example.com/a/1.html">'
    r = extract(page(extra_head=head), url="https://m.example.com/a/1.html?utm_source=wx")
    assert r["canonical_url"] == "https://www.example.com/a/1.html"


def test_visible_date_line_beats_later_meta_time_same_day():
    # the date line a reader sees wins over a later CMS time of the same day
    r = extract(page(meta_date="2018-08-01T09:02:51+08:00").encode("utf-8"))
    assert r["published_at"] == "2018-08-01T07:21:00+08:00" and r["published_at_source"] == "text"
    # same minute: the machine time keeps its seconds
    r = extract(page(meta_date="2018-08-01T07:21:34+08:00").encode("utf-8"))
    assert r["published_at"] == "2018-08-01T07:21:34+08:00" and r["published_at_source"] == "meta"
    # another day (or a zone shift): the machine time with its offset is the instant
    r = extract(page(meta_date="2018-08-02T01:00:00+08:00").encode("utf-8"))
    assert r["published_at"] == "2018-08-02T01:00:00+08:00"


def test_breadcrumb_split_over_source_lines_leaves_body():
    html = page().replace('<div class="main">', '<div class="main"><div class="website">您所在的位置：\n'
                          '<a href="/">首页</a> &gt;\n<a href="/f">财经</a> &gt;\n<a href="/p">网贷</a></div>')
    r = extract(html.encode("utf-8"))
    assert r["body"].split("\n") == PARAS
