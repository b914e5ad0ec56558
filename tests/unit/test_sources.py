"""The sources file: every source of issue 5 has a valid entry; each entry's rules behave on
URLs quoted in ../shared/docs/sites.md and on small list pages written here (no network)."""
from __future__ import annotations

from datetime import date

import pytest
from scrapy.http import HtmlResponse

from spiders import sources
from spiders.spiders import listing
from spiders.spiders.source import make_spider_class

CATALOG = sources.load()
ISSUE_SITES = {"netease": "163.com", "sina": "sina.com.cn", "eastmoney": "eastmoney.com", "stcn": "stcn.com",
               "thepaper": "thepaper.cn", "yicai": "yicai.com", "cs": "cs.com.cn", "jingji21": "21jingji.com",
               "caixin": "caixin.com", "qq": "qq.com", "ifeng": "ifeng.com", "hexun": "hexun.com",
               "people": "people.com.cn", "xinhua": "news.cn", "wdzj": "wdzj.com", "p2peye": "p2peye.com",
               "zero1caijing": "01caijing.com"}

# (articles, not articles) per source: article URLs are [S]/[U] facts from sites.md; the others
# are list pages, comments, galleries, mobile copies and look-alikes on the same hosts.
EXAMPLES = {
    "netease": (["https://money.163.com/19/0907/13/EOFOC8MJ00258105.html", "https://money.163.com/25/0325/06/IPB1UBLP00259DLP.html",
                 "https://www.163.com/money/article/GJM85863002580S6.html", "https://www.163.com/money/article/9OAVJGIQ00253B0H.html"],
                ["https://money.163.com/licai/", "http://comment.tie.163.com/EOFOC8MJ00258105.html",
                 "https://money.163.com/photoview/0AK00025/35464.html", "https://war.163.com/19/0907/11/EOFHK7A700019JPD.html"]),
    "sina": (["https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml",
              "https://finance.sina.com.cn/stock/usstock/c/2019-09-09/doc-iicezzrq4681677.shtml",
              "http://finance.sina.com.cn/money/forex/forexroll/2016-05-25/doc-ifxsktkp9337164.shtml",
              "https://finance.sina.com.cn/wm/2026-04-29/doc-inhwcvfh7817283.shtml"],
             ["https://finance.sina.com.cn/roll/index.d.html?cid=56589&page=1", "https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml"]),
    "eastmoney": (["https://finance.eastmoney.com/a/202604273720900682.html", "https://finance.eastmoney.com/a/202205252390829633.html",
                   "http://finance.eastmoney.com/news/1353,20160706639330278.html"],
                  ["https://finance.eastmoney.com/a/cywjh.html", "https://finance.eastmoney.com/a/cywjh_2.html"]),
    "stcn": (["https://www.stcn.com/article/detail/1533490.html", "http://news.stcn.com/2019/0930/15414758.shtml",
              "http://kuaixun.stcn.com/2019/0926/15408927.shtml"],
             ["https://www.stcn.com/article/list/yw.html", "http://img.stcn.com/templates/stcn/css/kuaixun/article/icon3.png"]),
    "thepaper": (["https://www.thepaper.cn/newsDetail_forward_4150096", "https://m.thepaper.cn/detail/7732983"],
                 ["https://www.thepaper.cn/channel_25951", "http://image.thepaper.cn/html/image/def_head.jpg"]),
    "yicai": (["https://www.yicai.com/news/101643522.html", "https://www.yicai.com/vip/news/102505564.html"],
              ["https://www.yicai.com/news/", "https://www.yicai.com/news/gushi/"]),
    "cs": (["https://www.cs.com.cn/xwzx/jr/201311/t20131120_4213817.html", "https://www.cs.com.cn/bx/202408/t20240816_6432188.html",
            "https://www.cs.com.cn/ssgs/kj/201707/t20170705_5357878_1.html"],
           ["https://www.cs.com.cn/xwzx/jr/", "https://www.cs.com.cn/xwzx/jr/index_1.html"]),
    "jingji21": (["https://www.21jingji.com/article/20220816/herald/0dcb134eb927f7059894a238c15c134d.html",
                  "https://m.21jingji.com/article/20240515/herald/3c4633844db3cd11d2e922db98115203.html"],
                 ["https://www.21jingji.com/channel/finance/", "https://www.21jingji.com/channel/finance/2.html"]),
    "caixin": (["https://economy.caixin.com/2025-10-20/102373425.html", "https://weekly.caixin.com/2025-08-15/102352024.html",
                "https://www.caixin.com/2025-12-09/102391669.html"],
               ["https://economy.caixin.com/news/", "https://photos.caixin.com/2025-10-20/102373425.html",
                "http://comment.caixin.com/allcomments/102373425.html"]),
    "qq": (["https://new.qq.com/rain/a/20240513A00GCM00", "https://new.qq.com/omn/20190928/20190928A0372F00.html",
            "https://new.qq.com/omn/FIN20190/FIN2019092800010800.html", "https://finance.qq.com/a/20190923/000843.htm"],
           ["https://new.qq.com/ch/finance/", "http://finance.qq.com/jrsc.htm", "https://new.qq.com/omv/video/x3038hhx8ml"]),
    "ifeng": (["https://finance.ifeng.com/c/7nZt6gyaCUi", "https://news.ifeng.com/c/7rtKNyg6PU9"],
              ["https://finance.ifeng.com/shanklist/1-62-83-/", "https://finance.ifeng.com/stock/", "http://yue.ifeng.com/index.shtml"]),
    "hexun": (["https://stock.hexun.com/2019-09-26/198678130.html", "http://qizhi.hexun.com/2020-02-24/200384408.html"],
              ["http://m.hexun.com/stock/2019-09-26/198678130.html", "https://i5.hexun.com/zl/hx/articlePage/js/articleTop.js"]),
    "people": (["http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html", "http://finance.people.com.cn/n/2013/1119/c1004-23592478.html",
                "http://js.people.com.cn/n2/2018/1220/c360300-32429943.html"],
               ["http://finance.people.com.cn/GB/70846/index.html", "http://culture.people.com.cn/GB/405419/index.html"]),
    "xinhua": (["http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm",
                "https://www.news.cn/politics/leaders/20240509/3dd6e33cc6d749fbaae01fea337ff400/c.html"],
               ["http://www.news.cn/fortune/", "http://www.xinhuanet.com/politics/xhll.htm", "http://www.news.cn/world/index.htm"]),
    "wdzj": (["https://www.wdzj.com/news/zhengce/1779639.html", "https://m.wdzj.com/news/pingtai/1052843.html"],
             ["https://www.wdzj.com/news/hangye/p2.html", "https://www.wdzj.com/news/video/123.html", "https://www.wdzj.com/dangan/abc/"]),
    "p2peye": (["http://news.p2peye.com/article-513689-1.html"],
               ["https://news.p2peye.com/wdxw/2.html", "https://www.p2peye.com/thread-123-1-1.html"]),
    "zero1caijing": (["https://www.01caijing.com/article/19615.htm"],
                     ["https://www.01caijing.com/finds/report/details/123.htm", "https://www.01caijing.com/rss/"]),
}


def test_every_issue_source_has_an_entry():
    assert set(CATALOG.sources) == set(ISSUE_SITES)
    for key, host in ISSUE_SITES.items():
        src = CATALOG.sources[key]
        assert any(d.endswith(host) or host.endswith(d) for d in src.domains), key
        assert src.start and src.article_patterns and src.name
        assert not any(src.is_article(st.page_url(st.first_page, keyword="网贷")) for st in src.start), \
            f"{key}: a start URL looks like an article"


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_article_patterns_on_quoted_urls(key):
    src = CATALOG.get(key)
    spider = make_spider_class(src).__new__(make_spider_class(src))
    spider.source, spider.start_hosts = src, set()
    yes, no = EXAMPLES[key]
    for url in yes:
        assert src.is_article(spider.article_url(url)), f"{key} should take {url}"
    for url in no:
        assert not src.is_article(spider.article_url(url)), f"{key} should not take {url}"


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_list_page_link_extraction_on_written_fixture(key):
    """A list page as the sites build them: relative, protocol-relative and absolute links, nav junk."""
    src = CATALOG.get(key)
    yes, no = EXAMPLES[key]
    base = src.start[0].page_url(src.start[0].first_page, keyword="x")
    links = []
    for i, url in enumerate(yes + no):
        href = url.split(":", 1)[1] if i % 2 else url  # every other one protocol-relative
        links.append(f"<li><a href='{href}'>标题{i}</a></li>")
    html = f"<html><body><a href='/'>首页</a><a href='javascript:void(0)'>x</a><ul>{''.join(links)}</ul></body></html>"
    resp = HtmlResponse(url=base, body=html.encode("utf-8"), encoding="utf-8")
    found = [u for u in listing.html_links(resp) if src.is_article(listing.clean_url(u, src.drop_query))]
    assert len(found) == len(yes)


def test_url_dates():
    assert listing.url_date("https://money.163.com/19/0907/13/EOFOC8MJ00258105.html", CATALOG.get("netease").date_pattern) == date(2019, 9, 7)
    cases = {
        "https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml": date(2018, 12, 28),
        "https://finance.eastmoney.com/a/202604273720900682.html": date(2026, 4, 27),
        "http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html": date(2024, 5, 10),
        "https://www.cs.com.cn/xwzx/jr/201311/t20131120_4213817.html": date(2013, 11, 20),
        "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm": date(2020, 2, 19),
        "https://www.news.cn/politics/leaders/20240509/3dd6e33cc6d749fbaae01fea337ff400/c.html": date(2024, 5, 9),
        "https://new.qq.com/rain/a/20240513A00GCM00": date(2024, 5, 13),
        "https://www.21jingji.com/article/20220816/herald/0dcb134eb927f7059894a238c15c134d.html": date(2022, 8, 16),
        "https://www.thepaper.cn/newsDetail_forward_4150096": None,
    }
    for url, want in cases.items():
        assert listing.url_date(url) == want, url


def test_eastmoney_adapter_maps_old_urls_to_new():
    src = CATALOG.get("eastmoney")
    cls = make_spider_class(src)
    spider = cls.__new__(cls)
    spider.source = src
    assert spider.article_url("http://finance.eastmoney.com/news/1354,202205252390829633.html") == \
        "https://finance.eastmoney.com/a/202205252390829633.html"


def test_drop_query_for_tracking_parameters():
    src = CATALOG.get("netease")
    assert listing.clean_url("https://www.163.com/money/article/HG4TRBL1002580S6.html?clickfrom=w_yw_money#f=x", src.drop_query) \
        == "https://www.163.com/money/article/HG4TRBL1002580S6.html"


# -- validation ------------------------------------------------------------------------------
def _load(tmp_path, text):
    p = tmp_path / "s.toml"
    p.write_text(text, encoding="utf-8")
    return sources.load(p)


MINIMAL = """[sources.x]
name = "X"
domains = ["x.cn"]
article_patterns = ['/a/\\d+']
[[sources.x.start]]
url = "http://x.cn/list"
"""


def test_minimal_entry_loads(tmp_path):
    cat = _load(tmp_path, MINIMAL)
    st = cat.get("x").start[0]
    assert st.type == "list" and cat.get("x").status == "active"


@pytest.mark.parametrize("bad, message", [
    (MINIMAL.replace('name = "X"', 'name = "X"\nstart_url = "typo"'), "unknown key"),
    (MINIMAL.replace("'/a/\\d+'", "'/a/(\\d+'"), "bad regex"),
    (MINIMAL.replace('url = "http://x.cn/list"', 'url = "http://x.cn/list"\nnext = "http://x.cn/list2"'), "next must be"),
    (MINIMAL.replace('url = "http://x.cn/list"', 'type = "search"\nurl = "http://x.cn/s?q=a"'), "{keyword}"),
    (MINIMAL.replace('url = "http://x.cn/list"', 'type = "rss"\nurl = "http://x.cn/f"'), "type must be"),
    (MINIMAL.replace('url = "http://x.cn/list"', 'url = "http://x.cn/list?ext={a}"'), "bad template"),
    (MINIMAL.replace("[sources.x]", "[sources.X-1]").replace("sources.x.start", "sources.X-1.start"), "lower-case"),
    (MINIMAL.replace('name = "X"', 'name = "X"\nencoding = "gbk9"'), "unknown encoding"),
    (MINIMAL.split("[[")[0], "at least one"),
])
def test_validation_names_the_problem(tmp_path, bad, message):
    with pytest.raises(sources.SourcesError, match=message.replace("{", "\\{").replace("}", "\\}")):
        _load(tmp_path, bad)


def test_unknown_source_lists_the_known_ones():
    with pytest.raises(KeyError, match="netease"):
        CATALOG.get("nosuch")
