"""A mock Chinese finance news site about P2P lending, its WARC archive and a loopback server.

The site is built deterministically from the article files in ``demo/articles/*.toml``
(all text written for this project; facts are partly fictional) as a dict
``{url: (status, headers, body_bytes)}``:

* main host ``http://finance.demo-p2pnews.test``: home page, three sections with
  paginated list pages (``/<section>/list_<n>.html``, 10 articles a page, 下一页 links),
  article pages ``/a/YYYY/MMDD/HHMM-<id>.html`` in three portal-like layouts, robots.txt,
  rss.xml, sitemap.xml, one 404 article link and one truncated page;
* mirror host ``http://news.demo-mirror.test``: one re-posted (转载) copy of a story.

All same-host links are root-relative (one is page-relative), so the same bytes work from
the WARC under the demo host and from the loopback server started by :func:`serve`.
Links between the two hosts, and the URLs inside rss.xml / sitemap.xml, are absolute.

CLI::

    python -m demo.mocksite build [--out demo/demo.warc.gz]
    python -m demo.mocksite serve [--port N] [--rewrite]
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html
import io
import re
import sys
import threading
import tomllib
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DEMO_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = DEMO_DIR / "articles"
WARC_PATH = DEMO_DIR / "demo.warc.gz"

HOST = "http://finance.demo-p2pnews.test"
MIRROR_HOST = "http://news.demo-mirror.test"
START_URL = HOST + "/"
#: matches every article URL on both hosts (and nothing else on the site)
ARTICLE_PATTERN = r"^https?://[^/]+/a/\d{4}/\d{4}/\d{4}-\d{5}\.html$"
ARTICLE_RE = re.compile(ARTICLE_PATTERN)
PAGE_SIZE = 10
SITE_NAME = "演示财经"
MIRROR_NAME = "演示新闻网"
TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

SECTIONS = {  # path segment -> (Chinese name, breadcrumb name)
    "p2p": ("网贷", "网贷"),
    "jianguan": ("监管", "监管动态"),
    "shichang": ("市场", "股市基金"),
}

#: a link in p2p list page 2 that matches ARTICLE_PATTERN but answers 404
BROKEN_URL = HOST + "/a/2018/0905/1130-10099.html"

#: how each ``encoding`` value of an article file is served:
#: (body codec, Content-Type header, <meta> tag or "")
ENCODINGS = {
    "utf-8": ("utf-8", "text/html; charset=utf-8", '<meta charset="utf-8">'),
    "utf-8-undeclared": ("utf-8", "text/html", ""),
    "utf-8-corrupt": ("utf-8", "text/html; charset=utf-8", '<meta charset="utf-8">'),
    "gbk": ("gbk", "text/html", '<meta charset="gb2312">'),
    "gbk-header-utf8": ("gbk", "text/html; charset=utf-8",
                        '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'),
    "gbk-meta-utf8": ("gbk", "text/html", '<meta charset="utf-8">'),
    "gbk-undeclared": ("gbk", "text/html", ""),
}
#: invalid bytes spliced into "utf-8-corrupt" pages (after the 2nd body paragraph and in a comment)
CORRUPT_BYTES = b"\xff\xfe\xc3"


# --------------------------------------------------------------------------- articles

@dataclass
class Article:
    id: int
    section: str
    title: str
    published: dt.datetime
    source: str
    author: str
    editor: str
    layout: str
    encoding: str
    paragraphs: list[str]
    host: str = HOST
    relevant: bool = True
    truncated: bool = False
    copy_of: int | None = None
    platforms: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    notes: str = ""

    @property
    def path(self) -> str:
        p = self.published
        return f"/a/{p:%Y}/{p:%m%d}/{p:%H%M}-{self.id}.html"

    @property
    def url(self) -> str:
        return self.host + self.path

    @property
    def charset(self) -> str:
        """The codec the body bytes are really in."""
        return ENCODINGS[self.encoding][0]


def load_articles(directory: Path = ARTICLES_DIR) -> list[Article]:
    raw = {}
    for f in sorted(directory.glob("*.toml")):
        with f.open("rb") as fh:
            d = tomllib.load(fh)
        raw[d["id"]] = d
    out = []
    for aid, d in sorted(raw.items()):
        d = dict(d)
        paragraphs = d.pop("paragraphs", None)
        prefix = d.pop("prefix", [])
        suffix = d.pop("suffix", [])
        if "copy_of" in d:
            orig = raw[d["copy_of"]]
            paragraphs = list(prefix) + list(orig["paragraphs"]) + list(suffix)
            for k in ("platforms", "events", "relevant"):
                d.setdefault(k, orig.get(k, [] if k != "relevant" else True))
        d["host"] = MIRROR_HOST if d.get("host") == "mirror" else HOST
        d["published"] = dt.datetime.strptime(d["published"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ)
        out.append(Article(paragraphs=paragraphs, **d))
    return out


ARTICLES: list[Article] = load_articles()
_BY_ID = {a.id: a for a in ARTICLES}

#: every article page (status 200) on both hosts, oldest first
ARTICLE_URLS: list[str] = [a.url for a in sorted(ARTICLES, key=lambda a: (a.published, a.id))]
RELEVANT_URLS: list[str] = [u for u in ARTICLE_URLS if next(a for a in ARTICLES if a.url == u).relevant]
IRRELEVANT_URLS: list[str] = [u for u in ARTICLE_URLS if u not in RELEVANT_URLS]
#: each group: [original, re-post, re-post]
DUPLICATE_GROUPS: list[list[str]] = [
    [_BY_ID[oid].url] + [a.url for a in ARTICLES if a.copy_of == oid]
    for oid in sorted({a.copy_of for a in ARTICLES if a.copy_of})
]
DUPLICATE_URLS: list[str] = [u for g in DUPLICATE_GROUPS for u in g[1:]]
#: distinct stories among the relevant articles (re-posts not counted)
UNIQUE_RELEVANT_URLS: list[str] = [u for u in RELEVANT_URLS if u not in DUPLICATE_URLS]
TRUNCATED_URLS: list[str] = [a.url for a in ARTICLES if a.truncated]
BROKEN_URLS: list[str] = [BROKEN_URL]
#: url -> the ``encoding`` quirk name (a key of ENCODINGS)
PAGE_ENCODINGS: dict[str, str] = {a.url: a.encoding for a in ARTICLES}
#: url -> codec the body bytes really are in
PAGE_CHARSETS: dict[str, str] = {a.url: a.charset for a in ARTICLES}


def _main_articles(section: str | None = None) -> list[Article]:
    arts = [a for a in ARTICLES if a.host == HOST and (section is None or a.section == section)]
    return sorted(arts, key=lambda a: (a.published, a.id), reverse=True)


def _list_pages() -> dict[str, list[list[Article]]]:
    out = {}
    for sec in SECTIONS:
        arts = _main_articles(sec)
        out[sec] = [arts[i:i + PAGE_SIZE] for i in range(0, len(arts), PAGE_SIZE)] or [[]]
    return out


#: non-article pages of the second host (home and one list page)
MIRROR_URLS: list[str] = [MIRROR_HOST + "/", MIRROR_HOST + "/p2p/list_1.html"]
#: list pages of the main host, by section then page number
LIST_URLS: list[str] = [
    f"{HOST}/{sec}/list_{i + 1}.html" for sec, pages in _list_pages().items() for i in range(len(pages))
]


# --------------------------------------------------------------------------- page furniture

HOT_GOSSIP = [  # the unrelated "hot" block, as on real portals (invented titles)
    ("三伏天来了！专家提醒：这几类人要少吹空调", "健康生活"),
    ("高铁上的“霸座”男再被曝光，网友吵翻了", "城市观察"),
    ("世界杯小组赛爆冷，卫冕冠军提前出局", "体育频道"),
    ("男子钓鱼钓上一条20斤大青鱼，围观群众拍手叫好", "乡村趣闻"),
    ("暑期档电影票房破百亿，这部国产片成最大黑马", "娱乐八卦"),
    ("台风“山竹”逼近，多地发布停课通知", "天气快报"),
    ("90后小伙辞职回乡养蜂，一年收入二十万", "创业故事"),
    ("新能源车补贴退坡，车企纷纷降价促销", "汽车频道"),
    ("小区业主自建菜园被拆，物业：属于违建", "民生热线"),
    ("某明星夫妇官宣离婚，双方工作室发声明", "娱乐八卦"),
    ("年轻人为什么越来越爱逛菜市场？", "生活方式"),
    ("一碗面卖68元，网红面馆排队两小时", "美食探店"),
]

COMMENTS = [
    ("广东深圳网友", "本金什么时候能回来啊，等了大半年了"),
    ("上海网友", "高收益的背后就是高风险，吃一堑长一智"),
    ("浙江杭州网友", "又一个跑路的，监管早干嘛去了？"),
    ("北京网友", "希望警方早日追回资金，给投资人一个交代"),
    ("江苏南京网友", "理财还是买银行的产品稳妥"),
    ("四川成都网友", "楼上说得对，不要贪图高利息"),
]


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _fmt_date(a: Article, layout: str) -> str:
    p = a.published
    if layout == "netease":
        return f"{p:%Y-%m-%d %H:%M:%S}"
    if layout == "sina":
        return f"{p:%Y年%m月%d日 %H:%M}"
    return f"{p:%Y-%m-%d %H:%M}"


def _href(target: Article, from_host: str) -> str:
    """Root-relative on the same host, absolute across hosts."""
    return target.path if target.host == from_host else target.url


def _related(a: Article, n: int = 5) -> list[Article]:
    pool = [b for b in _main_articles() if b.id != a.id and b.copy_of is None and b.relevant == a.relevant]
    pool.sort(key=lambda b: (b.section != a.section, abs((b.published - a.published).total_seconds()), b.id))
    return pool[:n]


def _hot(a: Article, n: int = 6) -> list[tuple[str, str]]:
    k = a.id % len(HOT_GOSSIP)
    return [HOT_GOSSIP[(k + i) % len(HOT_GOSSIP)] for i in range(n)]


def _comments(a: Article, n: int = 3) -> list[tuple[str, str]]:
    if not a.relevant:
        return [("北京网友", "涨了就好，明天继续持有"), ("广东广州网友", "追高需谨慎")]
    k = a.id % len(COMMENTS)
    return [COMMENTS[(k + i) % len(COMMENTS)] for i in range(n)]


def _head(title: str, meta: str, extra: str = "") -> str:
    meta_line = f"{meta}\n" if meta else ""
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{meta_line}<title>{_esc(title)}</title>\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<link rel=\"stylesheet\" href=\"/static/css/main.css\">\n{extra}</head>\n")


def _topnav(site: str, host: str) -> str:
    if host == HOST:
        links = ['<a href="/">首页</a>'] + [f'<a href="/{s}/list_1.html">{n}</a>' for s, (n, _) in SECTIONS.items()]
    else:
        links = [f'<a href="{HOST}/">合作网站：{SITE_NAME}</a>']
    links += ['<a href="javascript:void(0)">理财</a>', '<a href="javascript:void(0)">基金</a>',
              '<a href="javascript:void(0)">数据</a>', '<a href="javascript:void(0)">登录</a>']
    return (f'<div class="top-nav"><span class="logo">{_esc(site)}</span>\n'
            + " | ".join(links) + "\n"
            '<form class="search" action="/search" method="get"><input name="q" placeholder="搜索">'
            '<button>搜索</button></form></div>\n')


def _footer(site: str, year: int) -> str:
    return (f'<div class="footer">\n<p><a href="javascript:void(0)">关于我们</a> | <a href="javascript:void(0)">联系方式</a> | '
            f'<a href="javascript:void(0)">广告服务</a> | <a href="javascript:void(0)">网站地图</a></p>\n'
            f"<p>免责声明：本网站所载文章、数据仅供参考，不构成投资建议，投资者据此操作，风险自担。"
            f"转载请注明出处，违者必究。</p>\n"
            f"<p>Copyright &copy; 2015-{year} {_esc(site)} 版权所有 演示ICP备00000000号</p>\n</div>\n")


def _share() -> str:
    return ('<div class="share-bar">分享到：<a href="javascript:void(0)" class="wx">微信</a> '
            '<a href="javascript:void(0)" class="wb">新浪微博</a> <a href="javascript:void(0)" class="qz">QQ空间</a> '
            '<span class="num">0</span>\n</div>\n')


def _comment_box(a: Article) -> str:
    items = "\n".join(f'<li><span class="user">{_esc(u)}</span>：<span class="txt">{_esc(t)}</span></li>'
                      for u, t in _comments(a))
    return ('<div class="comment-box" id="comments">\n<h3>网友评论</h3>\n'
            '<form action="/comment/post" method="post"><textarea name="content" placeholder="文明上网，理性发言"></textarea>'
            '<button type="submit">发表评论</button></form>\n'
            f'<ul class="comment-list">\n{items}\n</ul>\n<p class="more"><a href="javascript:void(0)">查看全部评论</a></p>\n</div>\n')


def _related_block(a: Article, heading: str, cls: str) -> str:
    items = "\n".join(f'<li><a href="{_href(b, a.host)}">{_esc(b.title)}</a> <span class="time">{b.published:%m-%d}</span></li>'
                      for b in _related(a))
    return f'<div class="{cls}">\n<h3>{heading}</h3>\n<ul>\n{items}\n</ul>\n</div>\n'


def _hot_block(a: Article) -> str:
    items = "\n".join(f'<li><span class="t">{_esc(t)}</span><span class="src">{_esc(s)}</span></li>' for t, s in _hot(a))
    return f'<div class="hot-news">\n<h3>热点推荐</h3>\n<ul>\n{items}\n</ul>\n</div>\n'


def _repost_block(a: Article) -> str:
    copies = [b for b in ARTICLES if b.copy_of == a.id and b.host != a.host]
    if not copies:
        return ""
    items = "\n".join(f'<li><a href="{b.url}">{_esc(b.title)}</a>（{_esc(MIRROR_NAME)}）</li>' for b in copies)
    return f'<div class="media-repost">\n<h3>媒体转载</h3>\n<ul>\n{items}\n</ul>\n</div>\n'


# --------------------------------------------------------------------------- article layouts

def _layout_netease(a: Article, meta: str, site: str, paras: list[str]) -> str:
    sec, crumb = SECTIONS[a.section]
    iso = a.published.isoformat()
    extra = (f'<meta name="keywords" content="{_esc(",".join(a.platforms + [sec]))}">\n'
             f'<meta property="article:published_time" content="{iso}">\n')
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in paras)
    return (_head(f"{a.title}_{crumb}_{site}", meta, extra) + "<body>\n" + _topnav(site, a.host)
            + f'<div class="crumb"><a href="/">{_esc(site)}首页</a> &gt; <a href="/{a.section}/list_1.html">{sec}</a> &gt; 正文</div>\n'
            + '<div class="main">\n<div class="post_content">\n'
            + f'<h1 class="post_title">{_esc(a.title)}</h1>\n'
            + f'<div class="post_info">{_fmt_date(a, "netease")}　来源: <a href="javascript:void(0)">{_esc(a.source)}</a></div>\n'
            + _share()
            + f'<div class="post_body" id="endText">\n<p>（原标题：{_esc(a.title)}）</p>\n{body}\n'
            + f'<p class="author">（{_esc(a.author)}）</p>\n</div>\n'
            + f'<div class="ep-editor">本文来源：{_esc(a.source)}　责任编辑：{_esc(a.editor)}_NF{a.id % 9000 + 1000}</div>\n'
            + "</div>\n" + _repost_block(a) + _related_block(a, "相关推荐", "related-news") + _hot_block(a)
            + _comment_box(a) + "</div>\n" + _footer(site, a.published.year) + "</body>\n</html>\n")


def _layout_sina(a: Article, meta: str, site: str, paras: list[str]) -> str:
    sec, crumb = SECTIONS[a.section]
    body = "\n".join(f"<p>　　{_esc(p)}</p>" for p in paras)
    return (_head(f"{a.title}|{crumb}|{site}", meta) + "<body>\n" + _topnav(site, a.host)
            + f'<div class="path"><a href="/">首页</a> &gt; <a href="/{a.section}/list_1.html">{crumb}</a> &gt; 正文</div>\n'
            + '<div class="article-wrap">\n'
            + f'<h1 id="artibodyTitle" class="main-title">{_esc(a.title)}</h1>\n'
            + f'<div class="date-source"><span class="date">{_fmt_date(a, "sina")}</span>'
            + f'　<span class="source">{_esc(a.source)}</span></div>\n'
            + f'<div class="article" id="artibody">\n{body}\n'
            + f'<p>　　{_esc(a.author)}</p>\n</div>\n'
            + f'<p class="article-editor">责任编辑：{_esc(a.editor)}</p>\n'
            + _share() + "</div>\n" + _repost_block(a)
            + _related_block(a, "相关新闻", "blk-related") + _comment_box(a) + _hot_block(a)
            + _footer(site, a.published.year) + "</body>\n</html>\n")


def _layout_portal(a: Article, meta: str, site: str, paras: list[str]) -> str:
    sec, crumb = SECTIONS[a.section]
    body = "<br/><br/>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{_esc(p)}" for p in paras)
    return (_head(f"{a.title} - {site}", meta) + "<body>\n" + _topnav(site, a.host)
            + '<table class="layout" width="100%"><tr><td class="left">\n'
            + f'<div class="position">当前位置：<a href="/">首页</a> &raquo; <a href="/{a.section}/list_1.html">{sec}</a> &raquo; 正文</div>\n'
            + f'<div class="news-title"><h2>{_esc(a.title)}</h2></div>\n'
            + f'<div class="news-info">发布时间：{_fmt_date(a, "portal")}　作者：{_esc(a.author)}　来源：{_esc(a.source)}'
            + '　浏览次数：<span id="hits">--</span></div>\n'
            + f'<div id="content" class="content-text">\n{body}\n</div>\n'
            + f'<div class="editor">【责任编辑：{_esc(a.editor)}】</div>\n' + _share()
            + '</td><td class="right" width="300">\n' + _hot_block(a) + _repost_block(a)
            + _related_block(a, "相关阅读", "xgyd") + "</td></tr></table>\n" + _comment_box(a)
            + _footer(site, a.published.year) + "</body>\n</html>\n")


LAYOUTS = {"netease": _layout_netease, "sina": _layout_sina, "portal": _layout_portal}


def _article_page(a: Article) -> tuple[int, list[tuple[str, str]], bytes]:
    codec, ctype, meta = ENCODINGS[a.encoding]
    site = SITE_NAME if a.host == HOST else MIRROR_NAME
    text = LAYOUTS[a.layout](a, meta, site, a.paragraphs)
    if a.encoding == "utf-8-corrupt":
        body = a.paragraphs[1]
        i = text.index(_esc(body)) + len(_esc(body)) // 2
        j = text.index('<span class="txt">') + len('<span class="txt">') + 2
        data = (text[:i].encode() + CORRUPT_BYTES + text[i:j].encode() + CORRUPT_BYTES[:1] + text[j:].encode())
    else:
        data = text.encode(codec)  # strict: article text must be representable in GBK
    if a.truncated:
        cut = text.index(_esc(a.paragraphs[3])) + len(a.paragraphs[3]) // 2
        data = text[:cut].encode(codec) + text[cut].encode(codec)[:1]  # ends inside a GBK character
    headers = [("Content-Type", ctype), ("Last-Modified", _httpdate(a.published))]
    return 200, headers, data


# --------------------------------------------------------------------------- other pages

def _page_shell(title: str, body: str, year: int = 2020) -> bytes:
    return (_head(title, '<meta charset="utf-8">') + "<body>\n" + _topnav(SITE_NAME, HOST) + body
            + _footer(SITE_NAME, year) + "</body>\n</html>\n").encode("utf-8")


def _home_page() -> bytes:
    latest = _main_articles()[:12]
    parts = ['<div class="focus">\n<h2>要闻</h2>\n<ul>\n']
    parts += [f'<li><a href="{a.path}">{_esc(a.title)}</a> <span>{a.published:%Y-%m-%d}</span></li>\n' for a in latest]
    parts.append("</ul>\n</div>\n")
    for sec, (name, crumb) in SECTIONS.items():
        arts = _main_articles(sec)[:5]
        parts.append(f'<div class="channel" id="{sec}">\n<h2><a href="/{sec}/list_1.html">{name}</a>'
                     f' <a class="more" href="/{sec}/list_1.html">更多&gt;&gt;</a></h2>\n<ul>\n')
        parts += [f'<li><a href="{a.path}">{_esc(a.title)}</a></li>\n' for a in arts]
        parts.append("</ul>\n</div>\n")
    mirror = [a for a in ARTICLES if a.host != HOST]
    parts.append('<div class="partners">\n<h2>合作媒体</h2>\n<ul>\n')
    parts += [f'<li><a href="{a.url}">{_esc(a.title)}</a>（{_esc(MIRROR_NAME)}）</li>\n' for a in mirror]
    parts.append('</ul>\n<p><a href="/rss.xml">RSS订阅</a> | <a href="/sitemap.xml">站点地图</a></p>\n</div>\n')
    return _page_shell(f"{SITE_NAME} - 网贷资讯 监管动态 市场行情", "".join(parts))


def _list_page(sec: str, n: int, pages: list[list[Article]]) -> bytes:
    name, crumb = SECTIONS[sec]
    arts = pages[n - 1]
    rows = [f'<li><a href="{a.path}" target="_blank">{_esc(a.title)}</a><span class="date">{a.published:%Y-%m-%d %H:%M}</span></li>\n'
            for a in arts]
    if sec == "p2p" and n == 2:  # a dead link, as on real portals
        rows.insert(3, f'<li><a href="{urlsplit(BROKEN_URL).path}" target="_blank">网贷平台备案进展如何？多地金融办回应</a>'
                       '<span class="date">2018-09-05 11:30</span></li>\n')
    pager = []
    if n > 1:
        pager.append(f'<a href="/{sec}/list_{n - 1}.html">上一页</a>')
    for i in range(1, len(pages) + 1):
        pager.append(f"<span class=\"cur\">{i}</span>" if i == n else f'<a href="/{sec}/list_{i}.html">{i}</a>')
    if n < len(pages):
        # page 1 of the p2p section uses a page-relative link, the rest root-relative
        nxt = f"list_{n + 1}.html" if (sec == "p2p" and n == 1) else f"/{sec}/list_{n + 1}.html"
        pager.append(f'<a href="{nxt}" class="next">下一页</a>')
    body = (f'<div class="crumb"><a href="/">首页</a> &gt; {name}</div>\n<div class="list">\n<h1>{crumb}</h1>\n<ul>\n'
            + "".join(rows) + '</ul>\n</div>\n<div class="pager">' + " ".join(pager) + "</div>\n")
    return _page_shell(f"{crumb}_第{n}页_{SITE_NAME}", body)


def _mirror_pages() -> dict[str, bytes]:
    """The second host: a home page and one list page, linking the re-posted copies."""
    copies = sorted((a for a in ARTICLES if a.host == MIRROR_HOST), key=lambda a: (a.published, a.id), reverse=True)
    rows = "".join(f'<li><a href="{a.path}">{_esc(a.title)}</a><span class="date">{a.published:%Y-%m-%d}</span></li>\n'
                   for a in copies)
    def page(title, body):
        return (_head(title, '<meta charset="utf-8">') + "<body>\n" + _topnav(MIRROR_NAME, MIRROR_HOST) + body
                + _footer(MIRROR_NAME, 2019) + "</body>\n</html>\n").encode("utf-8")
    home = page(f"{MIRROR_NAME} - 财经资讯", '<div class="focus">\n<h2>财经头条</h2>\n<ul>\n' + rows
                + '</ul>\n<p><a href="/p2p/list_1.html">更多网贷新闻</a></p>\n</div>\n')
    lst = page(f"网贷_{MIRROR_NAME}", '<div class="crumb"><a href="/">首页</a> &gt; 网贷</div>\n<div class="list">\n<ul>\n'
               + rows + '</ul>\n</div>\n<div class="pager"><span class="cur">1</span></div>\n')
    return {MIRROR_HOST + "/": home, MIRROR_HOST + "/p2p/list_1.html": lst}


def _robots() -> bytes:
    return (f"User-agent: *\nDisallow: /search\nDisallow: /comment/\n\nSitemap: {HOST}/sitemap.xml\n").encode()


def _rss() -> bytes:
    items = []
    for a in _main_articles()[:20]:
        items.append(f"<item>\n<title>{_esc(a.title)}</title>\n<link>{a.url}</link>\n<guid>{a.url}</guid>\n"
                     f"<pubDate>{email.utils.format_datetime(a.published)}</pubDate>\n"
                     f"<description>{_esc(a.paragraphs[0][:80])}</description>\n</item>\n")
    newest = _main_articles()[0].published
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n'
            f"<title>{SITE_NAME}</title>\n<link>{HOST}/</link>\n<description>网贷资讯</description>\n<language>zh-cn</language>\n"
            f"<lastBuildDate>{email.utils.format_datetime(newest)}</lastBuildDate>\n"
            + "".join(items) + "</channel>\n</rss>\n").encode("utf-8")


def _sitemap() -> bytes:
    urls = [(START_URL, None)] + [(u, None) for u in LIST_URLS]
    urls += [(a.url, a.published) for a in sorted(_main_articles(), key=lambda a: (a.published, a.id))]
    rows = "".join(f"<url><loc>{u}</loc>" + (f"<lastmod>{p.isoformat()}</lastmod>" if p else "") + "</url>\n"
                   for u, p in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + rows + "</urlset>\n").encode("utf-8")


def _not_found() -> bytes:
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>404 页面不存在</title></head>\n'
            '<body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。<a href="/">返回首页</a></p></body></html>\n').encode("utf-8")


# --------------------------------------------------------------------------- the site

def _httpdate(t: dt.datetime) -> str:
    return email.utils.format_datetime(t.astimezone(dt.timezone.utc), usegmt=True)


#: when the crawl "fetched" pages that are not articles: a day after the newest article
CRAWL_TIME = max(a.published for a in ARTICLES).astimezone(dt.timezone.utc).replace(
    hour=0, minute=0, second=0) + dt.timedelta(days=1)


def fetch_time(url: str) -> dt.datetime:
    """Deterministic fetch time (UTC) of a URL: articles two hours after publication."""
    for a in ARTICLES:
        if a.url == url:
            return (a.published + dt.timedelta(hours=2)).astimezone(dt.timezone.utc)
    m = ARTICLE_RE.match(url)
    if m:
        y, md, hm = urlsplit(url).path.split("/")[2:5]
        t = dt.datetime.strptime(y + md + hm[:4], "%Y%m%d%H%M").replace(tzinfo=TZ)
        return (t + dt.timedelta(hours=2)).astimezone(dt.timezone.utc)
    return CRAWL_TIME


def build_site() -> dict[str, tuple[int, list[tuple[str, str]], bytes]]:
    """{url: (status, headers, body)} in crawl order (robots, home, lists, feeds, articles)."""
    site: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {}

    def put(url, status, ctype, body, extra=()):
        site[url] = (status, [("Content-Type", ctype), *extra], body)

    put(HOST + "/robots.txt", 200, "text/plain", _robots())
    put(START_URL, 200, "text/html; charset=utf-8", _home_page())
    for sec, pages in _list_pages().items():
        for i in range(len(pages)):
            put(f"{HOST}/{sec}/list_{i + 1}.html", 200, "text/html; charset=utf-8", _list_page(sec, i + 1, pages))
    put(HOST + "/rss.xml", 200, "application/rss+xml; charset=utf-8", _rss())
    put(HOST + "/sitemap.xml", 200, "application/xml", _sitemap())
    for a in sorted(ARTICLES, key=lambda a: (a.published, a.id)):
        site[a.url] = _article_page(a)
    put(BROKEN_URL, 404, "text/html; charset=utf-8", _not_found())
    for url, body in _mirror_pages().items():
        put(url, 200, "text/html; charset=utf-8", body)
    # add the server-ish headers every response carries
    out = {}
    for url, (status, headers, body) in site.items():
        hdrs = [("Server", "nginx/1.12.2"), ("Date", _httpdate(fetch_time(url)))] + headers
        hdrs += [("Content-Length", str(len(body))), ("Connection", "close")]
        out[url] = (status, hdrs, body)
    return out


# --------------------------------------------------------------------------- WARC

_REASONS = {200: "OK", 404: "Not Found"}
_NS = uuid.UUID("6f0c7a52-2f43-4b8e-9a4e-1f2d8f6a9c11")


def _rec_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_NS, kind + ' ' + url)}>"


def write_warc(path: str | Path = WARC_PATH, site: dict | None = None) -> Path:
    """Write the site as a gzipped WARC (warcinfo, then response + request per URL).

    Record ids and dates are derived from the URLs and article dates, so the output is
    identical byte for byte on every run."""
    from warcio.warcwriter import WARCWriter

    site = build_site() if site is None else site
    path = Path(path)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    info = (b"software: p2pnews demo.mocksite\r\nformat: WARC File Format 1.0\r\n"
            b"description: mock finance news site about P2P lending (demo data, partly fictional)\r\n"
            b"isPartOf: p2pnews-demo\r\n")
    warcinfo = writer.create_warc_record(
        "", "warcinfo", payload=io.BytesIO(info), length=len(info), warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Record-ID": _rec_id("warcinfo", path.name),
                           "WARC-Date": CRAWL_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"), "WARC-Filename": path.name})
    writer.write_record(warcinfo)
    for url, (status, headers, body) in site.items():
        parts = urlsplit(url)
        date = fetch_time(url).strftime("%Y-%m-%dT%H:%M:%SZ")
        head = f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
        raw = head.encode("latin-1") + body
        resp = writer.create_warc_record(url, "response", payload=io.BytesIO(raw), length=len(raw),
                                         warc_headers_dict={"WARC-Record-ID": _rec_id("response", url), "WARC-Date": date})
        req_raw = (f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                   "User-Agent: p2pnews-demo/0.1\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
                   "Accept-Language: zh-CN,zh;q=0.9\r\n\r\n").encode("latin-1")
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(req_raw), length=len(req_raw),
                                        warc_headers_dict={"WARC-Record-ID": _rec_id("request", url), "WARC-Date": date})
        writer.write_request_response_pair(req, resp)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


# --------------------------------------------------------------------------- loopback server

def _path_table(site: dict) -> dict[str, tuple[int, list[tuple[str, str]], bytes]]:
    """Map request paths to responses: main host first, mirror-host paths where they do not clash."""
    table = {}
    for url, resp in site.items():
        if url.startswith(HOST):
            table[urlsplit(url).path or "/"] = resp
    for url, resp in site.items():
        if not url.startswith(HOST):
            table.setdefault(urlsplit(url).path or "/", resp)
    return table


def serve(host: str = "127.0.0.1", port: int = 0, site: dict | None = None, rewrite: bool = False) -> ThreadingHTTPServer:
    """Serve the site on loopback from a background thread and return the running server.

    ``server.base_url`` is e.g. ``http://127.0.0.1:40123``; stop with ``server.shutdown();
    server.server_close()``. Bodies are the same bytes as in the WARC unless ``rewrite`` is
    true, in which case absolute links to both demo hosts (rss.xml, sitemap.xml, robots.txt,
    cross-host links) are rewritten to the server's own address."""
    table = _path_table(build_site() if site is None else site)
    not_found = (404, [("Content-Type", "text/html; charset=utf-8")], _not_found())

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _respond(self, head_only: bool) -> None:
            status, headers, body = table.get(urlsplit(self.path).path, not_found)
            if rewrite:
                base = self.server.base_url.encode()
                body = body.replace(HOST.encode(), base).replace(MIRROR_HOST.encode(), base)
            self.send_response_only(status, _REASONS.get(status))
            for k, v in headers:
                if k not in ("Content-Length", "Connection", "Date"):
                    self.send_header(k, v)
            self.send_header("Date", self.date_time_string())
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            self.close_connection = True

        def do_GET(self):  # noqa: N802
            self._respond(False)

        def do_HEAD(self):  # noqa: N802
            self._respond(True)

        def log_message(self, fmt, *args):  # quiet
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    h, p = server.server_address[:2]
    server.base_url = f"http://{h}:{p}"
    threading.Thread(target=server.serve_forever, name="mocksite", daemon=True).start()
    return server


# --------------------------------------------------------------------------- CLI

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m demo.mocksite", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="(re)write the demo WARC")
    b.add_argument("--out", default=str(WARC_PATH))
    s = sub.add_parser("serve", help="serve the site on loopback until Ctrl-C")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--rewrite", action="store_true", help="rewrite absolute demo-host links to this server")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        site = build_site()
        p = write_warc(args.out, site)
        print(f"wrote {p} ({p.stat().st_size} bytes): {len(site)} URLs, {len(ARTICLE_URLS)} articles, "
              f"{len(LIST_URLS)} list pages; start URL {START_URL}")
        return 0
    server = serve(args.host, args.port, rewrite=args.rewrite)
    print(f"serving the demo site at {server.base_url}/ (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
