"""Source entries on the saved pages of their sites in ../shared/data/html/{gne,sites}.

Article pages: the URL the page was saved from (its og:url, or the URL sites.md records for
that file) matches the source's article pattern. Pages with links (list pages, and article
pages with their related-news lists): link extraction finds that source's articles.
Skipped, with a message, when the outside data is absent. Nothing is copied from it.
"""
from __future__ import annotations

import re

import pytest
from scrapy.http import HtmlResponse

from p2pnews.paths import shared_data_dir
from spiders import sources
from spiders.spiders import listing

CATALOG = sources.load()
HTML = shared_data_dir() / "html"

# file -> (source, URL it was saved from; None: read og:url / thepaper contid from the page)
ARTICLES = {
    "gne/tests/163/1.html": ("netease", "https://money.163.com/19/0907/13/EOFOC8MJ00258105.html"),   # sites.md §1 [S]
    "gne/tests/sina/2.html": ("sina", None),
    "gne/tests/sina/3.html": ("sina", None),
    "gne/tests/qq/2.html": ("qq", "https://finance.qq.com/a/20190923/000843.htm"),                  # sites.md §10 [S]
    "gne/tests/ifeng/1.html": ("ifeng", None),
    "gne/tests/ifeng/2.html": ("ifeng", None),
    "gne/tests/thepaper/1.html": ("thepaper", None),
    "gne/tests/thepaper/2.html": ("thepaper", None),
    "gne/tests/hexun/1.html": ("hexun", "https://stock.hexun.com/2019-09-26/198678130.html"),        # sites.md §12 [S]
    "sites/caixin/qmt-parser/caixin_article_debug.EXCERPT.html": ("caixin", None),
    "sites/xinhuanet/trafilatura/tests/eval/xinhuanet.com.c_1125597921.html": ("xinhua", "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm"),
    "sites/xinhuanet/newspaper4k/tests/data/html/chinese_article_002.html": ("xinhua", "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm"),
}
# file -> (source, base URL, at least this many article links of that source)
LINK_PAGES = {
    "sites/163/GerapyAutoExtractor/samples/list/netease_leaderboard_news.html": ("netease", "https://news.163.com/rank/", 5),
    "gne/test_list_page/163/1.html": ("netease", "https://news.163.com/", 1),
    "gne/tests/163/1.html": ("netease", "https://money.163.com/19/0907/13/EOFOC8MJ00258105.html", 1),
    "gne/tests/sina/2.html": ("sina", "https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml", 3),
    "gne/tests/qq/2.html": ("qq", "https://finance.qq.com/a/20190923/000843.htm", 3),
    "sites/qq/GerapyAutoExtractor/samples/list/tencent_important_news.html": ("qq", "https://news.qq.com/", 5),
    "sites/ifeng/GerapyAutoExtractor/samples/detail/ifeng_news1_detail_20220630.html": ("ifeng", "https://news.ifeng.com/c/7kQcQG2peWU", 1),
    "gne/tests/stcn/1.html": ("stcn", "http://kuaixun.stcn.com/2019/0926/15409036.shtml", 3),
    "gne/tests/hexun/1.html": ("hexun", "https://stock.hexun.com/2019-09-26/198678130.html", 2),
    "gne/tests/people/1.html": ("people", "http://culture.people.com.cn/n1/2019/0615/c1013-31138000.html", 3),
    "sites/caixin/qmt-parser/caixin_article_debug.EXCERPT.html": ("caixin", "https://economy.caixin.com/2025-10-20/102373425.html", 2),
    "sites/xinhuanet/newspaper4k/tests/data/html/chinese_article_002.html": ("xinhua", "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm", 3),
}


@pytest.fixture(scope="module")
def html_dir():
    if not HTML.is_dir():
        pytest.skip(f"saved pages not found at {HTML}: set P2PNEWS_SHARED_DATA to test source entries on them")
    return HTML


def _page_url(text: str) -> str | None:
    m = re.search(r"""<meta[^>]+property=["']og:url["'][^>]+content=["']([^"']+)""", text)
    if m:
        return m.group(1)
    m = re.search(r"""og:url["']\s+content=["']([^"']+)""", text)
    if m:
        return m.group(1)
    m = re.search(r"contid[=:\"' ]+(\d{6,})", text, re.I)  # thepaper pages name their own contId
    return f"https://www.thepaper.cn/newsDetail_forward_{m.group(1)}" if m else None


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_saved_article_url_matches_pattern(html_dir, path):
    key, url = ARTICLES[path]
    f = html_dir / path
    if not f.exists():
        pytest.skip(f"{f} not in this copy of the outside data")
    url = url or _page_url(f.read_bytes().decode("utf-8", "replace"))
    assert url, f"no URL found in {path}"
    src = CATALOG.get(key)
    assert src.is_article(listing.clean_url(url, src.drop_query)), f"{key}: {url} ({path})"


@pytest.mark.parametrize("path", sorted(LINK_PAGES))
def test_saved_page_link_extraction(html_dir, path):
    key, base, at_least = LINK_PAGES[path]
    f = html_dir / path
    if not f.exists():
        pytest.skip(f"{f} not in this copy of the outside data")
    src = CATALOG.get(key)
    # Saved copies are UTF-8 whatever their meta says (sites.md, "Encoding of the saved copies").
    resp = HtmlResponse(url=base, body=f.read_bytes(), encoding="utf-8")
    in_scripts = any(st.links_in_scripts for st in src.start)  # ifeng: links live in the allData JSON
    found = {listing.clean_url(u, src.drop_query) for u in listing.html_links(resp, in_scripts=in_scripts)}
    articles = {u for u in found if src.is_article(u)}
    assert len(articles) >= at_least, f"{key}: {len(articles)} article links in {path}"
    assert all(src.allows_host(re.match(r"https?://([^/]+)", u).group(1)) for u in articles)
