"""The extractor on every article page of the demo site, checked against the article's
source file (demo/articles/*.toml): headline, publish time, author/source/editor and
the body (story paragraphs in order, nothing from the blocks around the article).

The demo pages are built from the same records (demo.mocksite.ARTICLES), so the expected
values are the article data themselves, not copies of extractor output."""
import re

import pytest

from demo import mocksite
from pipeline.extract import extract

SITE = mocksite.build_site()
BY_ID = {a.id: a for a in mocksite.ARTICLES}
ARTICLES = [a for a in mocksite.ARTICLES if a.url in SITE and SITE[a.url][0] == 200]

# text of the page furniture every article page carries (see demo/README.md)
FURNITURE = ("首页", "正文", "当前位置", "分享到", "微信", "新浪微博", "QQ空间", "相关推荐", "相关新闻",
             "相关阅读", "热点推荐", "网友评论", "发表评论", "查看全部评论", "文明上网", "免责声明",
             "版权所有", "Copyright", "ICP备", "关于我们", "责任编辑", "本文来源", "来源：", "来源:",
             "发布时间", "浏览次数", "原标题", "媒体转载", "搜索", "登录")


def _names(author: str) -> str:
    """'记者 黄志强' / '澎湃新闻记者 蒋一帆' -> the person: '黄志强' / '蒋一帆'."""
    return re.sub(r"^\S*记者\s*", "", author).strip()


def _story(a):
    """(paragraphs every extraction must keep, optional re-post notices)."""
    if a.copy_of:
        core = BY_ID[a.copy_of].paragraphs
        return core, [p for p in a.paragraphs if p not in core]
    return a.paragraphs, []


@pytest.fixture(scope="module", params=ARTICLES, ids=lambda a: f"{a.id}-{a.layout}-{a.encoding}")
def case(request):
    a = request.param
    status, headers, body = SITE[a.url]
    return a, extract(body, url=a.url, headers=dict(headers))


def test_demo_article_count():
    assert len(ARTICLES) == len(mocksite.ARTICLE_URLS) == 37


def test_title(case):
    a, r = case
    assert r["title"] == a.title


def test_published_at(case):
    a, r = case
    # the netease layout shows seconds (date line and article:published_time); the sina
    # and portal date lines show minutes only
    exp = a.published if a.layout == "netease" else a.published.replace(second=0)
    assert r["published_at"] == exp.isoformat()
    assert r["published_at_source"] in ("meta", "text")


def test_author_source_editor(case):
    a, r = case
    assert r["author"] == _names(a.author)
    assert r["source"] == a.source
    # the truncated page stops inside the body, before the 责任编辑 line
    assert r["editor"] == (None if a.truncated else a.editor)


def test_body_paragraphs(case):
    a, r = case
    lines = r["body"].split("\n")
    core, notices = _story(a)
    if a.truncated:  # stops inside paragraph 4 (index 3): the intact ones plus a prefix of it
        assert lines[:3] == core[:3]
        assert len(lines) == 4 and core[3].startswith(lines[3]) and len(lines[3]) > 10
        return
    assert lines[0] in (core[0], *notices[:1])
    kept = [x for x in lines if x not in notices]
    assert kept == core, "story paragraphs missing, reordered or mixed with other text"


def test_body_has_no_furniture(case):
    a, r = case
    body = r["body"]
    for junk in FURNITURE:
        if not any(junk in p for p in a.paragraphs):
            assert junk not in body, junk
    for b in mocksite._related(a):
        assert b.title not in body
    for t, _ in mocksite._hot(a):
        assert t not in body
    for _, t in mocksite._comments(a):
        assert t not in body
    assert _names(a.author) not in body.split("\n")[-1] or _names(a.author) in a.paragraphs[-1]
    assert "\ufffd" not in body or a.encoding == "utf-8-corrupt"
