"""Metadata fields: head metadata (meta, JSON-LD, canonical), headline, byline lines.

Byline lines (来源/作者/责任编辑) and page furniture (copyright, share bars, "相关新闻")
are recognised here as *lines*, so the body keeps only article paragraphs and the fields
get the names.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from . import byline, dates

# meta names/properties that carry the *publish* time (never modified/updated times)
PUB_META = ("article:published_time", "og:article:published_time", "og:release_date",
            "pubdate", "publishdate", "publish_date", "publishtime", "pubtime", "og:time",
            "og:time ", "apub:time", "weibo: article:create_at", "datepublished",
            "dc.date.issued", "dc.date", "date", "sailthru.date", "article.published",
            "published_time", "release_date", "createdate", "firstpublishedtime")
AUTHOR_META = ("citation_author", "citation_authors", "author", "article:author", "dc.creator", "byl")
SOURCE_META = ("source", "og:article:source", "mediaid", "article:source")
GENERIC_NAMES = {"网易", "新浪", "新浪网", "腾讯", "腾讯网", "凤凰网", "搜狐", "人民网",
                 "新华网", "admin", "administrator", "editor", "author", "webmaster", "博客", "管理员",
                 "匿名", "佚名", "未知", "unknown", "none", "null", "网络", "网友", "本站", "本网", "商讯",
                 "综合", "小编"}
# a meta author that names the site, its CMS vendor or a keyword list is not a person
ORG_AUTHOR = re.compile(r"[,，;；|]|(?:网络|科技|公司|集团|出版社|网|报社|杂志社|电视台|频道|中心|"
                        r"工作室|系统|平台|支部|党委|委员会|办公室|医院|研究院|学院|大学|协会|学会|Publishers?|Inc\.?|Ltd\.?|\.(?:com|net|cn|org))$|-自媒体", re.I)

SOURCE_RE = re.compile(r"(?:来源|来自|出处|稿源|消息来源)\s*[：:]\s*(?:\[|【)?\s*([^\s|｜丨()（）\[\]【】,，。；;！!]{2,30}?)"
                       r"(?=$|[\s|｜丨()（）\[\]【】,，。；;！!]|作者|责任编辑|编辑|记者|发布|时间|浏览|点击|阅读|字号)")
AUTHOR_RE = re.compile(r"(?:作者|撰文|撰稿|文\s*[/｜|]|文\s*[：:]|记者|通讯员)\s*[：:]?\s*"
                       r"([\u4e00-\u9fa5·]{2,4}(?:[ 、，,][\u4e00-\u9fa5·]{2,4}){0,3}|[A-Za-z][\w .&]{1,30})")
EDITOR_RE = re.compile(r"(?:责任编辑|责编|编辑|责任编审|值班编辑)\s*[：:]?\s*"
                       r"([\u4e00-\u9fa5·]{2,4}(?:[ 、][\u4e00-\u9fa5·]{2,4}){0,2}|[A-Za-z][\w.]{1,20})")
EDITOR_LINE = re.compile(r"^[\s(（【\[]*(?:本文)?(?:责任编辑|责编|编辑|责任编审|值班编辑|校对|审核|"
                         r"编审|监制|实习编辑)\s*[：:]")
EDITOR_TAIL = re.compile(r"[(（【\[]\s*(?:责任编辑|责编|编辑)\s*[：:][^)）】\]]{0,20}[)）】\]]\s*$")
BOILER_LINE = re.compile(
    r"版权所有|版权声明|Copyright|©|未经.{0,15}(?:授权|许可|同意).{0,15}(?:转载|使用|复制)|"
    r"免责声明|不代表本(?:网|站|平台)|仅供参考.{0,6}不构成|^分享到|^分享[：:]|打印本页|关闭窗口|"
    r"【打印】|【关闭】|返回顶部|扫一扫|二维码|^点击(?:进入|查看|下载)|^(?:我要评论|发表评论|"
    r"网友评论|查看评论)|^举报$|^收藏$|^\[?(?:打印|关闭|收藏|纠错)\]?$|^上一篇|^下一篇|"
    r"^(?:字号|字体)[：:]?$|^(?:大|中|小)\s*(?:大|中|小)?$|^本文来源[：:]|^[(（]?原标题[：:]|^标签[：:]|"
    r"^返回.{0,8}首页|请?下载.{0,12}(?:APP|客户端)[)）]?$|返回.{0,6}首页>>$|^扫码阅读全文$|^(?:图集|视频)$|^已输入\d+字$|^(?:编辑|责任编辑|校对|审核)\s+[\u4e00-\u9fa5]{2,4}(?:\s+(?:编辑|校对|审核|监制)\s+[\u4e00-\u9fa5]{2,4})*$|"
    r"^关键词[：:]$|^正在加载\.*$|^加载中\.*$|^(?:我要)?跟帖$|^评论\s*[（(]\s*\d*\s*[)）]$", re.I)
CUT_LINE = re.compile(r"^[【\[]?\s*(?:相关新闻|相关阅读|相关链接|相关文章|相关报道|推荐阅读|延伸阅读|"
                      r"热点推荐|热门推荐|热门文章|更多精彩|猜你喜欢|精彩推荐|相关专题|今日推荐|"
                      r"网友评论|热点新闻|你可能也喜欢|为你推荐|精彩视频推荐|视频推荐|精彩视频|热门视频)\s*[】\]]?\s*[：:]?\s*$")
# furniture that ends the article: what follows is other stories or the account's footer
LATE_CUT = re.compile(r"^(?:点击进入专题|此前报道\s*[：:]|往期回顾|往期精彩|延伸\s*[·・]\s*推荐|"
                      r"相关资讯请关注|看都看完了|发送邮件至\S+申请加入)")
# reposted WeChat posts end with the account's menu: '1、回复【社保】查询…', '点击菜单栏…'
ACCOUNT_LINE = re.compile(r"^(?:\d+[、.．]\s*)?(?:回复|点击菜单栏|点击(?:上方|下方|底部)?(?:蓝字|阅读原文)|"
                          r"长按(?:识别|二维码)|点(?:个)?【?在看】?|关注我们)")
# reposted pictures and 'infringement: contact us to delete' notices
IMAGE_NOTE = re.compile(r"^(?:本文|文中)?(?:图片|图文|配图|信息|内容|资料)(?:均|全部)?(?:来自|来源于|源自|来源[：:]?)\s*(?:网络|互联网)|"
                        r"如有侵权.{0,12}(?:删除|联系)|^转载请注明(?:出处|来源)")
# a headline copy, a view counter, a gallery position or a video-player caption at the top
LEAD_JUNK = re.compile(r"^(?:\d{1,7}|视频[-－:：].{0,60}|(?:本文)?原标题[：:].*|原创[：:].{0,40}|"
                       r"(?:执笔|摄影|图片)\s*[/／：:].{0,30})$")
# credit lines that close a post: '编辑|禤志杰', '校对：李铭', '来源|羊城晚报', '作者：余毅菁'
CREDIT_LINE = re.compile(r"^(?:编辑|责编|责任编辑|校对|审核|审校|监制|来源|作者|采写|文|图|摄影|排版|美编)"
                         r"\s*[|｜丨：:/]|供稿\s*(?:$|(?:摄影|编辑|审核)\s*[/／：:])|^[-—\s]*THE\s+END[-—\s]*$|"
                         r"^(?:由|经过?)\S{1,10}(?:重新)?(?:整理|编排|排版)$", re.I)
GALLERY_POS = re.compile(r"^\d{1,2}/\d{1,2}\s+(?=\S)")
HOME_TAIL = re.compile(r"\s*返回.{0,8}首页\s*>>$")
DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}.{0,4}\d{1,2}[:：]\d{2}")
CJK_SENT = re.compile(r"[，。！？]")
CRUMB_HEAD = re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|所在位置|"
                        r"当前的位置|位置)\s*[：:]")
CRUMB_SEP = re.compile(r"\s*(?:>>|&gt;|[>»›→＞/])\s*")


def is_breadcrumb(line: str) -> bool:
    """'当前位置：首页 > 网贷 > 正文' / '首页 » 新闻 » 国内': a navigation path, not text."""
    if len(line) > 80:
        return False
    if CRUMB_HEAD.match(line):
        return True
    parts = [p for p in CRUMB_SEP.split(line) if p.strip()]
    return (len(parts) >= 3 and all(len(p) <= 15 for p in parts) and not CJK_SENT.search(line)
            and bool(re.search(r"首页|主页|正文|频道", line)))


SHORT_INFO = re.compile(r"^(?:\S*\s*)?(?:来源|作者|发布时间|时间|日期|浏览|点击|阅读)\s*[：:]")


def meta_map(doc) -> dict:
    out = {}
    for m in doc.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        val = m.get("content")
        if key and val and key not in out:
            out[key] = val.strip()
    return out


def jsonld(doc) -> list[dict]:
    items = []
    for s in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(s.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(items) < 50:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                items.append(d)
                if isinstance(d.get("@graph"), list):
                    stack.extend(d["@graph"])
    return items


# publish time kept in a page script: WeChat 'var ct = "1581517074"', CMS
# 'publish_time: "2019-09-07 08:05"'. Only names that say publish/create; a bare 'time' is
# often the page's render time.
_SCRIPT_TIME = re.compile(
    r"""(?:\bvar\s+ct|\b(?:publish_?time|pub_?time|publishDate|pubDate|ori_create_time|create_time))"""
    r"""["']?\s*[:=]\s*["']?(\d{10}|(?:19|20)\d{2}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)"""
    r"""(?![\d.])""", re.I)


def script_time(doc):
    """A publish time from inline scripts (unix seconds or an ISO-like string), or None."""
    for sc in doc.xpath("//script[not(@src)]")[:60]:
        text = sc.text or ""
        if len(text) > 200_000:
            continue
        found = {m.group(1) for m in _SCRIPT_TIME.finditer(text)}
        if len(found) > 1:
            return None  # a list of items (a topic page's sources), not one article's time
        for v in found:
            if v.isdigit():
                n = int(v)
                if 631152000 <= n <= 4102444800:  # 1990..2100
                    return datetime.fromtimestamp(n, timezone.utc).astimezone(dates.TZ)
                continue
            dt = dates.parse_iso(v)
            if dt:
                return dt
    return None


def jsonld_fields(items) -> dict:
    out = {}
    for d in items:
        for k in ("datePublished", "dateCreated", "pubDate"):
            if isinstance(d.get(k), str) and "published" not in out:
                out["published"] = d[k]
        if "headline" in d and isinstance(d["headline"], str) and "headline" not in out:
            out["headline"] = d["headline"].strip()
        a = d.get("author")
        if a and "author" not in out:
            a = a[0] if isinstance(a, list) and a else a
            name = a.get("name") if isinstance(a, dict) else a
            if isinstance(name, str) and name.strip():
                out["author"] = name.strip()
    return out


def canonical(doc, url):
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            href = link.get("href").strip()
            if href.startswith("http"):
                return href
            if url and href.startswith("/"):
                m = re.match(r"(https?://[^/]+)", url)
                if m:
                    return m.group(1) + href
    og = None
    for m in doc.iter("meta"):
        if (m.get("property") or "").lower() == "og:url" and (m.get("content") or "").startswith("http"):
            og = m.get("content").strip()
            break
    return og or url


def _norm(s: str) -> str:
    return "".join((s or "").split())


_HEAD_XP = ("//h1|//h2|//h3|//h4|//h5|//*[contains(translate(@class,'TITLE','title'),'title') or "
            "contains(translate(@id,'TITLE','title'),'title')]")
_LOOSE_SPLIT = re.compile(r"\s*[-_|｜—–]\s*")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜—–]|--|\s-\s)\s*")


def headline(doc, title_tag: str, hints: list[str]):
    """The headline: a heading/title element that the <title> contains, else the first
    <title> segment (site suffixes come after '_', '|', '-')."""
    tnorm = _norm(title_tag)
    cands = []
    for el in doc.xpath(_HEAD_XP)[:80]:
        cands.append((el.text_content(), False))
    # og:title and friends often carry the site suffix too: cut it like the <title>
    cands += [(_TITLE_SPLIT.split(h.strip())[0], True) for h in hints if h and h.strip()]
    inside, around = [], []
    for c, is_hint in cands:
        c = " ".join((c or "").split())
        n = _norm(c)
        if len(n) < 4 or len(n) > 120 or not tnorm:
            continue
        if n in tnorm:
            inside.append((len(n), not is_hint, c))
        elif tnorm in n and len(n) < len(tnorm) + 40:
            around.append((len(n), c))  # a block holding the headline and its byline
    best = max(inside)[2] if inside else None
    if inside and not (max(inside)[1]) and _norm(best) == tnorm:
        # a hint that is the whole <title> (suffix not cut: 'headline-EDN 电子技术设计')
        # yields to a heading element holding most of it
        elems = [x for x in inside if x[1] and x[0] >= 0.5 * len(tnorm)]
        if elems:
            best = max(elems)[2]
    if best and len(_norm(best)) >= 0.5 * len(tnorm):
        return best
    if around:
        n, c = min(around)
        if n - len(tnorm) <= 4 and _norm(c).endswith(tnorm):
            return " ".join(title_tag.split())  # '原创' + headline: a label, not the title
        return c
    # '<headline>-<channel>' without spaces: the first part, if the page shows it alone
    seg = _LOOSE_SPLIT.split(title_tag.strip())[0]
    if 6 <= len(seg) < len(title_tag.strip()) and '"' not in seg and "'" not in seg:
        if doc.xpath(f'boolean(//body//*[normalize-space()="{" ".join(seg.split())}"])'):
            return " ".join(seg.split())
    if best:
        return best
    if title_tag.strip():
        segs = [s for s in _TITLE_SPLIT.split(title_tag.strip()) if s.strip()]
        if segs:
            return max(segs[:2], key=len).strip() if len(segs) > 1 and len(segs[0]) < 6 else segs[0].strip()
    for c, _ in cands:
        c = " ".join((c or "").split())
        if 4 <= len(c) <= 120:
            return c
    return None


def near_heading(root):
    """The heading just above the body container (for pages whose <title> is only the
    site name): the nearest h1-h6/title-named element before it."""
    if root is None:
        return None
    found = root.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or "
                       "self::h6 or contains(translate(@class,'TITLE','title'),'title')][position()<=4]")
    for el in reversed(found):  # results come in document order: nearest is last
        c = " ".join(el.text_content().split())
        if 6 <= len(c) <= 80 and not DATE_LINE.search(c) and not SHORT_INFO.match(c):
            return c
    return None


def strip_label(s):
    """'来源：人民网-文化频道 原创稿' -> '人民网-文化频道'."""
    s = re.sub(r"^\s*(?:来源|作者|稿源)\s*[：:]\s*", "", s or "").strip()
    s = re.sub(r"\s*原创稿$", "", s)
    return s or None


def source_and_editor(lines):
    """(source, editor) named in byline-ish lines (first found wins)."""
    source = editor = None
    for line in lines:
        if len(line) > 200:
            continue
        if source is None:
            m = SOURCE_RE.search(line)
            if m and not re.search(r"[=\"'<>]", m.group(1)):
                source = m.group(1).strip()
        if editor is None:
            m = EDITOR_RE.search(line)
            if m and ("编" in line[: m.start(1)]):
                names, _ = byline.take_names(line[m.start(1):], strict=False)
                editor = "、".join(names) if names else m.group(1).split()[0]
    if source:
        source = source.strip(" ⋅·•|-_") or None
    return source, editor


def is_person(a, source=None) -> bool:
    """Could this author value name a person (not the site, the medium or a placeholder)?"""
    if not a or not a.strip():
        return False
    a = a.strip()
    return not (a.lower() in GENERIC_NAMES or ORG_AUTHOR.search(a) or (source and a == source)
                or len(a) > 30 or a.isdigit())


def meta_author(meta: dict):
    """A person named by <meta name=author> and friends, or None for site/vendor names."""
    for k in AUTHOR_META:
        a = meta.get(k)
        if not a:
            continue
        a = a.strip()
        if re.fullmatch(r"[\u4e00-\u9fa5](?:\s+[\u4e00-\u9fa5])+", a):
            a = "".join(a.split())  # '赵  培' (citation metadata pads names)
        if (a.lower() in GENERIC_NAMES or len(a) > 30 or a.isdigit() or ORG_AUTHOR.search(a)
                or a.startswith(("http", "@"))):
            continue
        return a
    return None


def clean_lines(lines, title):
    """Drop furniture lines; returns (kept lines, dropped lines)."""
    kept, dropped = [], []
    tnorm = _norm(title or "")
    # the headline repeated at the top of the body, broken over lines by <br>
    if tnorm and len(lines) > 1:
        acc = ""
        for k, line in enumerate(lines[:5]):
            acc += _norm(line)
            if acc == tnorm:
                if k:
                    dropped.extend(lines[:k + 1])
                    lines = lines[k + 1:]
                break
            if not tnorm.startswith(acc):
                break
    total = sum(len(x) for x in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        seen += len(line)
        if CUT_LINE.match(line):
            if seen > total * 0.4:
                dropped.extend(lines[i:])  # a 'related news' heading: everything after is lists
                break
            dropped.append(line)  # at the top its links were skipped: the heading is left alone
            continue
        if not kept and i < 4 and len(lines) > 1 and LEAD_JUNK.match(line):
            dropped.append(line)
            continue
        if not kept and i < 3 and tnorm and 0 < len(_norm(line)) - len(tnorm) <= 4 and _norm(line).endswith(tnorm):
            dropped.append(line)  # '原创' + the headline
            continue
        if not kept and GALLERY_POS.match(line):
            line = GALLERY_POS.sub("", line, count=1)
        late = seen > total * 0.6
        if late and (LATE_CUT.match(line) or (EDITOR_LINE.match(line) and len(line) < 60)):
            dropped.extend(lines[i:])  # 责任编辑 closes a Chinese article; after it come lists
            break
        if late and len(line) < 80 and (ACCOUNT_LINE.match(line) or IMAGE_NOTE.search(line)):
            dropped.append(line)
            continue
        if len(line) > 30 and HOME_TAIL.search(line):
            line = HOME_TAIL.sub("", line)
        short = len(line) < 60
        if (EDITOR_LINE.match(line) and short) or BOILER_LINE.search(line) and len(line) < 120:
            dropped.append(line)
            continue
        edge = i < 3 or i >= len(lines) - 3
        if short and edge and (SHORT_INFO.match(line) or (DATE_LINE.search(line) and len(line) < 50 and
                                                          not CJK_SENT.search(line))):
            dropped.append(line)  # byline / date line at the edge of the body
            continue
        if edge and short and (byline.byline_only(line) or is_breadcrumb(line)):
            dropped.append(line)  # '（记者 王小明）', '首页 > 新闻 > 正文'
            continue
        if tnorm and _norm(line) == tnorm and i < 3:
            dropped.append(line)
            continue
        m = EDITOR_TAIL.search(line)
        if m:
            dropped.append(m.group(0))
            line = line[: m.start()].rstrip()
            if not line:
                continue
        kept.append(line)
    while len(kept) > 1 and len(kept[-1]) < 60 and CREDIT_LINE.search(kept[-1]):
        dropped.append(kept.pop())
    return kept, dropped
