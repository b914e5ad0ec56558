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


def _art(head="", pre_body="", body_extra="", post_body="", title="<title>示例标题的新闻报道_示例网</title>",
         h1="<h1>示例标题的新闻报道</h1>", date_line="<div class='info'>2019-09-07 08:05</div>"):
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (f"<html><head>{title}{head}</head><body>{h1}{date_line}{pre_body}"
            f"<div class='article'>{body}{body_extra}</div>{post_body}</body></html>")


def test_stray_end_html_in_included_header_does_not_truncate():
    html = _art(pre_body="<div class='hdr'>页头</div></body></html><!-- end header -->")
    r = extract(html.encode())
    assert r["body"].startswith(PARAS[0][:10]) and r["body"].endswith(PARAS[-1][-10:])


def test_wechat_script_time_when_page_shows_only_yesterday():
    html = _art(date_line="<em id='publish_time'>昨天</em>",
                head='<script>var ct = "1581517074"; var x = 1;</script>')
    r = extract(html.encode())
    assert r["published_at"] == "2020-02-12T22:17:54+08:00" and r["published_at_source"] == "meta"


def test_script_with_many_dates_is_a_list_not_a_publish_time():
    html = _art(date_line="<span>昨天</span>",
                head='<script>var d={"publishDate":"2019-09-07T05:51:23Z"},e={"publishDate":"2019-09-07T10:29:27Z"}</script>')
    assert extract(html.encode())["published_at"] is None


def test_labelled_two_digit_year_date():
    r = extract(_art(date_line="<div><span>发布时间：18-03-08</span><span>23:16</span></div>").encode())
    assert r["published_at"].startswith("2018-03-08T23:16")


def test_headline_not_its_byline_wrapper():
    h1 = "<div class='article-title'><h2>示例标题的新闻报道</h2><p>某作者</p><span>发布时间：10-08 12:00</span></div>"
    r = extract(_art(title="<title>示例标题的新闻报道</title>", h1=h1, date_line="").encode())
    assert r["title"] == "示例标题的新闻报道"


def test_footer_publish_label_beats_event_date_in_body():
    body_first = "<p>2019年2月27日下午，调研组一行八人到金融街进行实地考察调研，相关部门人员陪同调研。</p>"
    html = _art(date_line="", pre_body="", post_body="<div class='ft'>发布日期：2019-03-06 责任编辑：龙慧</div>")
    html = html.replace("<div class='article'>", "<div class='article'>" + body_first)
    assert extract(html.encode())["published_at"].startswith("2019-03-06")


def test_body_end_furniture_cut():
    tail = ("<p>（责任编辑：李四）</p><p>香港警方：示威行动未发生致命事件</p>"
            "<p>港铁公司车务营运总监表示，当晚因激进示威者的破坏行为启动疏散程序，多人受伤。</p>")
    r = extract(_art(body_extra=tail).encode())
    assert r["body"].endswith(PARAS[-1]) and r["editor"] == "李四"


def test_body_edges_counter_icon_and_home_link():
    extra = "<p>转型之路，道阻且长，可以预见的是，第三方数据行业的整顿仍将持续下去，监管不会放松。<a href='/'>返回腾讯网首页&gt;&gt;</a></p>"
    r = extract(_art(body_extra=extra).replace("<div class='article'>", "<div class='article'><p>\ue60e4</p>").encode())
    lines = r["body"].split("\n")
    assert lines[0] == PARAS[0] and lines[-1].endswith("整顿仍将持续下去，监管不会放松。")
    assert "\ue60e" not in r["body"]


def test_site_name_title_falls_back_to_heading_above_body():
    html = _art(title="<title>新闻动态--中国地理学会官网</title>", h1="<h5>2019年中国人文地理学术年会在重庆成功举行！</h5>")
    assert extract(html.encode())["title"] == "2019年中国人文地理学术年会在重庆成功举行！"
