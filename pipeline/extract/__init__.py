"""HTML -> article. CONTRACT (other stages rely on it):

extract(html: bytes | str, url: str | None = None, headers: dict | None = None,
        fetched_at: datetime | None = None) -> dict with keys
    url, canonical_url, title, published_at (ISO 8601 '+08:00' string or None),
    published_at_source ('jsonld'|'meta'|'text'|'url'|None; 'meta' also covers a publish
    time kept in a page script, e.g. WeChat's 'var ct'), author, source, editor,
    body (paragraphs joined by '\n'), encoding, extractor_version
Raises ExtractError when the input is not an HTML page at all.

Extra keys: extraction_method ('site:<name>' when a per-site rule matched and its body
looked plausible, else 'generic').
"""
from __future__ import annotations

import re
from datetime import timedelta

import lxml.html
from lxml import etree

from . import body as _body
from . import byline, dates, fields, sites
from .encoding import decode

EXTRACTOR_VERSION = "extract-1.2"

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# an included header/footer template can carry its own '</html>'; libxml2 drops what
# follows it (the article), so end tags of html/body are left for the parser to imply
_END_DOC = re.compile(r"<\s*/\s*(?:html|body)\s*>", re.I)
_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False)


class ExtractError(ValueError):
    pass


def _parse(text: str):
    if not _TAG.search(text[:100_000]):
        raise ExtractError("input has no HTML markup")
    text = _END_DOC.sub("", _XML_DECL.sub("", text, count=1)).replace("\x00", "")
    try:
        doc = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise ExtractError(f"unparseable HTML: {e}") from e
    if doc is None:
        raise ExtractError("empty document")
    return doc


def _looks_binary(data: bytes) -> bool:
    head = data[:2048]
    if head[:4] in (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8") or head[:3] == b"\xff\xd8\xff":
        return True
    return head.count(b"\x00") > len(head) // 10 and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _near_lines(root, axis, limit):
    """Lines of text before/after the body container (the byline area / the post footer),
    in document order. Text nodes are joined per block, so '来源：<a>证券时报</a>' is one
    line; a <br> or a block boundary starts a new one."""
    if root is None:
        return []
    out, cur, cur_blk = [], [], None
    for t in root.xpath(f"{axis}::text()[normalize-space()][position()<={limit}]"):
        el = t.getparent()
        if el is None:
            continue
        if t.is_tail:
            container = el.getparent()
            breaks = el.tag in _body.BLOCK_BREAK
        else:
            container, breaks = el, False
        blk = _body._block_of(container)
        if cur and (breaks or blk is not cur_blk):
            out.append(" ".join(" ".join(cur).split()))
            cur = []
        cur.append(str(t))
        cur_blk = blk
    if cur:
        out.append(" ".join(" ".join(cur).split()))
    merged = []
    for x in out:  # table rows put '发文机关：' and its value in cells of their own
        if merged and len(merged[-1]) <= 12 and merged[-1][-1] in "：:" and len(x) <= 40:
            merged[-1] += x
        elif x:
            merged.append(x)
    return merged


_SOURCE_NAME = re.compile(r"^(?:[a-z]+[-_])?source(?:[-_](?:name|link|text|media))?$|^media[-_]?name$", re.I)


def _source_element(doc, root):
    """Text of an element named 'source' (class/id token) outside the body: the medium."""
    for el in doc.xpath("//*[contains(@class,'source') or contains(@id,'source') or "
                        "contains(@class,'media') or contains(@id,'media')]")[:30]:
        if not any(_SOURCE_NAME.match(tok) for tok in _body._cls(el).split()):
            continue
        if root is not None and (el is root or any(a is root for a in el.iterancestors())):
            continue
        if any(a.tag == "li" or _body.is_junk(a) for a in el.iterancestors()):
            continue  # a feed or related list names each item's source
        text = " ".join(el.text_content().split())
        if not text or len(text) > 40:
            continue
        m = fields.SOURCE_RE.search(text)
        if m:
            return m.group(1).strip()
        if dates.FULL_RE.search(text) or re.search(r"[：:，。=]", text):
            continue  # a date-and-source line without a label: not only the source
        return fields.strip_label(text)
    return None


def _text_dates(lines, fetched_at):
    """(first date with a time, first date-only) among the lines, in the given order."""
    with_time = day_only = None
    for line in lines:
        if len(line) > 300:
            continue
        r = dates.find_in_text(line, fetched_at)
        if r and r[1]:
            return r[0], day_only
        if r and day_only is None:
            day_only = r[0]
    return with_time, day_only


def _is_midnight(dt):
    return dt.hour == 0 and dt.minute == 0 and dt.second == 0


_PUB_LABEL = re.compile(r"(?:发布|发表|刊发|更新|上传)(?:时间|日期|于)|^\s*(?:时间|日期)\s*[：:]")


def _published(meta, ld, url, before, after, body_lines, fetched_at, script_dt=None):
    """Order: machine dates with a time (JSON-LD, meta), the visible date line (nearest
    the body first, then the body's edges, then the post footer), date-only machine
    dates, date-only text, the URL, a year-month line. A modified time is never used."""
    machine = []
    if ld.get("published"):
        dt = dates.parse_iso(ld["published"])
        if dt:
            machine.append((dt, "jsonld"))
    for key in fields.PUB_META:
        if key in meta:
            dt = dates.parse_iso(meta[key])
            if dt:
                machine.append((dt, "meta"))
                break
    # The date line under the headline is what a reader sees as the publish time; CMS
    # metadata can carry a later save time (sina: visible 04:04, meta 06:52). It wins over
    # a machine time of the same day (the machine time's own zone, converted, decides the
    # day), so a wall-clock shown in another zone cannot shift the instant by hours.
    shown, _ = _text_dates(before[::-1][:6], fetched_at)
    for dt, src in machine:
        if not _is_midnight(dt):
            # (same minute: keep the machine time, it has the seconds)
            if (shown and shown.date() == dt.date() and shown <= dt
                    and timedelta(minutes=1) <= dt - shown < timedelta(hours=12)):
                return shown, "text"
            return dt, src
    # a labelled date line after the body ('发布日期：2019-03-06' under the text) is the
    # page's own date; a date in the body's prose is only what the story is about
    labelled = [x for x in after[:8] if len(x) < 80 and _PUB_LABEL.search(x)]
    lines = before[::-1] + labelled + body_lines[:4] + body_lines[-3:] + after
    timed, day_only = _text_dates(lines, fetched_at)
    if timed and not (machine and machine[0][0].date() != timed.date()):
        return timed, "text"
    if machine:
        return machine[0]
    if script_dt:
        return script_dt, "meta"
    if day_only:
        udt = dates.from_url(url)
        # a date-only line and a URL hour (163) agree on the day: keep the finer one
        if udt and udt.date() == day_only.date() and not _is_midnight(udt):
            return udt, "url"
        return day_only, "text"
    udt = dates.from_url(url)
    if udt:
        return udt, "url"
    for line in lines:
        if len(line) < 60:
            dt = dates.year_month(line)
            if dt:
                return dt, "text"
    return None, None


def extract(html, url=None, headers=None, fetched_at=None) -> dict:
    if html is None:
        raise ExtractError("no input")
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if _looks_binary(data):
            raise ExtractError("binary content, not HTML")
        text, encoding = decode(data, headers)
    elif isinstance(html, str):
        text, encoding = html, "unicode"
    else:
        raise ExtractError(f"unsupported input type {type(html).__name__}")
    doc = _parse(text)

    meta = fields.meta_map(doc)
    ld = fields.jsonld_fields(fields.jsonld(doc))
    title_el = doc.find(".//title")
    title_tag = title_el.text_content() if title_el is not None else ""
    canon = fields.canonical(doc, url)

    script_dt = fields.script_time(doc)
    _body.clean_tree(doc)
    rule = sites.rule_for(url or canon)
    site_data = sites.apply(rule, doc) if rule else None
    method = "generic"
    root, extras, st = None, [], None
    if site_data and site_data.get("body") is not None:
        st = _body.stats(doc)[1]
        root, extras, method = site_data["body"], [], "site:" + rule["name"]
    if root is None:
        root, extras, st = _body.find_body(doc)

    hints = [h for h in ((site_data or {}).get("title"), ld.get("headline"), meta.get("og:title")) if h]
    title = fields.headline(doc, title_tag, hints)
    if ((len(fields._norm(title_tag)) <= 10 or len(fields._norm(title)) <= 8)
            and not (site_data or {}).get("title")):
        # a <title> naming only the site ('新闻动态--中国地理学会官网'): the heading over the body
        title = fields.near_heading(root) or title

    lines = []
    if root is not None:
        parent = root.getparent()
        group = [el for el in parent if el is root or el in extras] if (extras and parent is not None) else [root]
        lines = _body.render(group, st)
    body_lines, dropped = fields.clean_lines(lines, title)
    header_lines = _near_lines(root, "preceding", 40)
    footer_lines = _near_lines(root, "following", 12)

    site_meta = site_data or {}
    near_footer = footer_lines[:8]
    for i, line in enumerate(near_footer):
        if fields.CUT_LINE.match(line):  # a related-news heading: what follows is other stories
            near_footer = near_footer[:i]
            break
    source, editor = fields.source_and_editor(header_lines[-12:][::-1] + dropped + lines[:3] + lines[-4:]
                                              + near_footer)
    author = byline.author_of(header_lines, lines[:3], lines[-4:], dropped, near_footer)
    if not source:
        source = _source_element(doc, root)
    if not source:
        m = next((meta[k] for k in fields.SOURCE_META if meta.get(k)), None)
        source = fields.strip_label(m) if m and not m.isdigit() else None
    source = site_meta.get("source") or source
    source = source.strip(" ⋅·•|-_") or None if source else None
    editor = site_meta.get("editor") or editor
    cands = (site_meta.get("author"), ld.get("author"), author, fields.meta_author(meta),
             byline.weak_author_of(header_lines, lines[:6], dropped))
    author = next((a for a in cands if fields.is_person(a, source)), None)
    if not author and byline.person_source(source) and fields.is_person(source):
        author, source = source, None  # '来源：尹娟' names the writer, not a medium

    # the site rule's date element is the nearest byline; raw body edges keep date lines
    # that clean_lines moved out of the body
    before = header_lines + ([site_meta["date"]] if site_meta.get("date") else [])
    pub, pub_src = _published(meta, ld, url, before, footer_lines, lines, fetched_at, script_dt)

    return {
        "url": url, "canonical_url": canon, "title": title,
        "published_at": dates.iso(pub), "published_at_source": pub_src,
        "author": author, "source": source, "editor": editor,
        "body": "\n".join(body_lines), "encoding": encoding,
        "extractor_version": EXTRACTOR_VERSION, "extraction_method": method,
    }
