"""Reading list-like responses: HTML list pages, RSS/Atom feeds, sitemaps, JSON(P) list APIs.

Pure functions from a response (or text) to (url, date) pairs, shared by the source spider
and `p2pnews sources check`, and testable on saved pages without a crawl.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下页|后一页|next|Next|›|>>|»)\s*$")
_URL_IN_TEXT = re.compile(r"""(?:https?:)?(?:\\?/\\?/)[A-Za-z0-9.-]+\.[a-z]{2,}(?:\\?/[^\s"'<>\\]*)?""")
_JSONP = re.compile(r"^\s*[\w.$]*\s*\(\s*(.*?)\s*\)\s*;?\s*$", re.S)
_URL_DATES = [
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})/"),        # sina, hexun, caixin
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})/(?P<d>\d{2})/"),        # xinhuanet ≤2023
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})/"),          # people, stcn 2017-21
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})_"),           # cs.com.cn
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:/|\d{10}\.html|[A-Z])"),  # 21jingji, news.cn, eastmoney, qq
]


def clean_url(url: str, drop_query: bool = False) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "" if drop_query else parts.query, ""))


def url_date(url: str, pattern: re.Pattern | None = None) -> date | None:
    """The publish date most news URLs carry (2019-09-26, 2019/0926, 20190926; 163's 19/0926)."""
    for rx in ([pattern] if pattern else []) + _URL_DATES:
        m = rx.search(url)
        if not m:
            continue
        y = int(m.group("y"))
        y = y + 2000 if y < 100 else y
        try:
            return date(y, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
    return None


def parse_date(value) -> date | None:
    """Dates as list APIs and feeds give them: unix seconds or ms, ISO, RFC 822, 2019年09月26日."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        n = float(value)
        if n > 1e11:  # milliseconds
            n /= 1000
        try:
            return datetime.fromtimestamp(n, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    m = re.search(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


# -- HTML lists ------------------------------------------------------------------------------
def html_links(response, selector: str | None = None, in_scripts: bool = False) -> list[str]:
    """Absolute URLs of the page's links (or of `selector`'s), optionally also those in scripts."""
    out = []
    nodes = response.css(selector) if selector else response.css("a[href]")
    for a in nodes:
        href = (a.attrib.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "mailto:", "#")):
            out.append(response.urljoin(href))
    if in_scripts:
        out += urls_in_text(response.text, response.url)
    return out


def urls_in_text(text: str, base: str) -> list[str]:
    """URLs inside inline scripts and JSON (escaped slashes, protocol-relative)."""
    out = []
    for m in _URL_IN_TEXT.finditer(text):
        u = m.group(0).replace("\\/", "/")
        out.append(urljoin(base, u))
    # site-relative paths quoted in JSON ("/newsDetail_forward_123")
    out += [urljoin(base, p) for p in re.findall(r"""["'](/[A-Za-z0-9_][^"'\s<>]{3,200})["']""", text)]
    return out


def next_link(response) -> str | None:
    """rel=next or a 下一页 / next link."""
    for a in response.css("a[href]"):
        if (a.attrib.get("rel") or "").lower() == "next" or NEXT_PAGE_TEXT.match(" ".join(a.css("::text").getall())):
            href = a.attrib["href"].strip()
            if href and not href.startswith(("javascript:", "#")):
                return response.urljoin(href)
    link = response.css('link[rel="next"]::attr(href)').get()
    return response.urljoin(link) if link else None


# -- feeds and sitemaps ----------------------------------------------------------------------
def _xml_root(body: bytes):
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(body.lstrip(), parser=parser)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def feed_entries(body: bytes, base: str) -> list[tuple[str, date | None]]:
    """RSS 2.0 items and Atom entries: (link, date)."""
    root = _xml_root(body)
    if root is None:
        return []
    out = []
    for node in root.iter():
        name = _local(node.tag)
        if name not in ("item", "entry"):
            continue
        link, when = None, None
        for child in node:
            cname = _local(child.tag)
            if cname == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = href
                elif not href and (child.text or "").strip():
                    link = child.text.strip()
            elif cname == "guid" and not link and (child.text or "").startswith("http"):
                link = child.text.strip()
            elif cname in ("pubDate", "published", "updated", "date") and when is None:
                when = parse_date(child.text)
        if link:
            out.append((urljoin(base, link), when))
    return out


def sitemap_entries(body: bytes, base: str) -> tuple[str, list[tuple[str, date | None]]]:
    """('index', child sitemaps) or ('urlset', pages); news:publication_date beats lastmod."""
    root = _xml_root(body)
    if root is None:
        return "urlset", []
    kind = "index" if _local(root.tag) == "sitemapindex" else "urlset"
    out = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        loc, lastmod, published = None, None, None
        for child in node.iter():
            cname = _local(child.tag)
            if cname == "loc" and loc is None:
                loc = (child.text or "").strip()
            elif cname == "lastmod":
                lastmod = parse_date(child.text)
            elif cname == "publication_date":
                published = parse_date(child.text)
        if loc:
            out.append((urljoin(base, loc), published or lastmod))
    return kind, out


# -- JSON list APIs --------------------------------------------------------------------------
def load_json(text: str):
    """JSON or JSONP (callback(...)); None if neither."""
    text = text.strip()
    for candidate in (text, (_JSONP.match(text) or [None, None])[1]):
        if candidate:
            try:
                return json.loads(candidate)
            except ValueError:
                continue
    return None


def dig(data, path: str | None):
    if not path:
        return data
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def api_entries(text: str, base: str, start) -> list[tuple[str, date | None]]:
    """Items of a JSON(P) list API per the start entry (items, url_field / item_url, date_field).
    When the response is not JSON or the fields moved, URLs found in the raw text still count."""
    data = load_json(text)
    items = dig(data, start.items) if data is not None else None
    out = []
    if isinstance(items, list):
        for item in items:
            if not isinstance(item, dict):
                continue
            url = None
            if start.item_url:
                try:
                    url = start.item_url.format(**item)
                except (KeyError, IndexError, ValueError):
                    url = None
            elif start.url_field:
                url = item.get(start.url_field)
            if not url or not isinstance(url, str):
                continue
            url = urljoin(start.url_prefix or base, url)
            out.append((url, parse_date(item.get(start.date_field)) if start.date_field else None))
    if not out:
        out = [(u, None) for u in urls_in_text(text, start.url_prefix or base)]
    return out
