"""Generic article-body finder: one bottom-up pass of text statistics over the lxml tree.

Design (readability-like, tuned for Chinese pages):
- A *text unit* is a text node (el.text or a child's tail). Its weight counts Chinese
  punctuation and length; text inside <a> counts as link text, never as weight.
- Each unit's weight goes to its nearest block ancestor (the "paragraph"), which passes it
  up to its parent (x1) and grandparent (x0.5). Old portal pages put a whole article into
  one <td> split by <br>, so the paragraph element itself keeps its own weight too.
- Score = weight x (1 - link density); the best-scoring element is the body container.
  Siblings that look like continuation blocks (high weight, few links) are appended.
Stats are computed with one reversed pre-order walk (children before parents), no
recursion, so deeply nested input cannot overflow the stack.
"""
from __future__ import annotations

import re

from lxml import etree

INLINE = frozenset("a span font b strong em i u small big sub sup abbr cite code q s strike "
                   "label time mark ins del tt var wbr nobr img".split())
BLOCK_BREAK = frozenset("p div br li tr td th h1 h2 h3 h4 h5 h6 ul ol dl dt dd table tbody "
                        "blockquote pre section article header footer center hr form figure "
                        "figcaption address main aside nav".split())
DROP_TAGS = ("script", "style", "noscript", "iframe", "textarea", "select", "option", "button",
             "input", "svg", "canvas", "object", "embed", "head", "template", "audio", "video",
             "map", "link", "meta")
PUNCT_RE = re.compile(r"[，。！？；：、“”,.!?;]")
CJK_PUNCT_RE = re.compile(r"[，。！？；：、“”]")
# class/id tokens of blocks that are never article text (comments, shares, related lists)
JUNK_RE = re.compile(
    r"comment|share|social|related|recommend|relate|hotnews|hot[-_]?list|hot[-_]?news|"
    r"\bhot\b|footer|\bfoot\b|sidebar|side[-_]?bar|breadcrumb|crumb|copyright|advert|"
    r"\bads?\b|\bad[-_]|banner|\bmenu\b|\bnav|toolbar|\btags?\b|keyword|pagination|"
    r"\bpages?\b|login|popup|modal|qrcode|erweima|reward|zan|digg|jubao|report-btn|"
    r"more[-_]?news|news[-_]?list|rank|tuijian|xiangguan|fenxiang|pinglun|disclaim|"
    r"statement|mianze|author[-_]?card", re.I)
KEEP_RE = re.compile(r"article|content|main|post|text|body|detail|zhengwen|artibody|endtext|"
                     r"news_txt|cont\b|story", re.I)


def _cls(el) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


# names that mark reader comments and sharing/related furniture even when the same
# class also says 'text' or 'content' (comment-text, related-content)
STRONG_JUNK_RE = re.compile(r"comment|reply|replies|pinglun|share|related|recommend|sidebar|"
                            r"footer|copyright", re.I)


def is_junk(el) -> bool:
    """A block whose class/id says it is not article text."""
    if el.tag in ("body", "html", "main"):
        return False
    c = _cls(el)
    if len(c) < 3:
        return False
    if STRONG_JUNK_RE.search(c):
        return True
    return bool(JUNK_RE.search(c)) and not KEEP_RE.search(c)


def clean_tree(doc) -> None:
    etree.strip_elements(doc, *DROP_TAGS, with_tail=False)
    # Comments and processing instructions would show up as text units.
    for bad in doc.xpath("//comment() | //processing-instruction()"):
        parent = bad.getparent()
        if parent is not None:
            bad.drop_tree() if hasattr(bad, "drop_tree") else parent.remove(bad)
    for el in doc.xpath("//*[@style]"):
        st = el.get("style").replace(" ", "").lower()
        if "display:none" in st or "visibility:hidden" in st:
            el.drop_tree()


def _nchars(s: str | None) -> int:
    return len("".join(s.split())) if s else 0


def _in_link(el) -> bool:
    while el is not None:
        if el.tag == "a":
            return True
        el = el.getparent()
        if el is not None and el.tag in BLOCK_BREAK:
            return False
    return False


def _block_of(el):
    while el is not None and el.tag in INLINE:
        el = el.getparent()
    return el


def stats(doc):
    """Per element: [chars, link_chars, punct]; per block element: paragraph weight."""
    nodes = [el for el in doc.iter() if isinstance(el.tag, str)]
    st = {}
    weight = {}
    for el in reversed(nodes):
        chars = link = punct = 0
        texts = [el.text] + [c.tail for c in el]
        own = "".join(t for t in texts if t)
        if own:
            n = _nchars(own)
            chars += n
            p = len(CJK_PUNCT_RE.findall(own))
            punct += p
            if el.tag == "a":
                link += n
        for c in el:
            cs = st.get(c)
            if cs:
                chars += cs[0]
                link += cs[1] if el.tag != "a" else 0
                punct += cs[2]
        if el.tag == "a":
            link = chars
        st[el] = (chars, link, punct)
        # paragraph weight: text that is not inside a link, credited to its block
        if own and el.tag != "a" and not _in_link(el):
            n = _nchars(own)
            if n >= 8:
                p = len(PUNCT_RE.findall(own))
                blk = _block_of(el)
                if blk is not None:
                    weight[blk] = weight.get(blk, 0.0) + 1 + p + min(n / 60.0, 4.0)
    return nodes, st, weight


def find_body(doc):
    """Return (main element, [extra sibling elements]) or (None, [])."""
    nodes, st, weight = stats(doc)
    score: dict = {}
    for blk, w in weight.items():
        score[blk] = score.get(blk, 0.0) + w
        par = blk.getparent()
        if par is not None:
            score[par] = score.get(par, 0.0) + w
            gp = par.getparent()
            if gp is not None:
                score[gp] = score.get(gp, 0.0) + w * 0.5
    best, best_s = None, 0.0
    for el in nodes:  # pre-order; '>=' lets the deeper element win a tie
        s = score.get(el)
        if not s:
            continue
        chars, link, _ = st[el]
        ld = link / chars if chars else 1.0
        s = s * (1 - ld)
        if is_junk(el):
            s *= 0.3
        if s >= best_s:
            best, best_s = el, s
    if best is None:
        return None, [], st
    best, best_s = _not_furniture(nodes, st, score, best, best_s)
    best = _lead_post(nodes, st, score, best, best_s)
    extras = []
    parent = best.getparent()
    if parent is not None and best.tag not in ("body", "html"):
        for sib in parent:
            if sib is best or not isinstance(sib.tag, str):
                continue
            cs = st.get(sib)
            if not cs or not cs[0]:
                continue
            ld = cs[1] / cs[0]
            sscore = score.get(sib, 0.0) * (1 - ld)
            if is_junk(sib) or ld > 0.3:
                continue
            if sscore >= max(8.0, best_s * 0.2) or (cs[0] > 60 and cs[2] >= 2 and ld < 0.1 and sib.tag == "p"):
                extras.append(sib)
    return best, extras, st


FURNITURE_RE = re.compile(r"版权所有|Copyright|ICP[备证]|举报电话|客服电话|联系我们|关于我们|免责声明", re.I)


def _not_furniture(nodes, st, score, best, best_s):
    """A short article can lose to the site footer (contact lines are long and full of
    punctuation). Footers name themselves: re-rank the top few by that."""
    def furniture(el):
        text = el.text_content()
        return len(FURNITURE_RE.findall(text)) >= 2 and len(text) < 2000

    if not furniture(best):
        return best, best_s
    ranked = []
    for el in nodes:
        s = score.get(el)
        if s:
            chars, link, _ = st[el]
            ranked.append((s * (1 - (link / chars if chars else 1.0)), el))
    ranked.sort(key=lambda x: -x[0])
    for s, el in ranked[:5]:
        if s > 0.2 * best_s and not furniture(el):
            return el, s
    return best, best_s


def _lead_post(nodes, st, score, best, best_s):
    """Multi-post pages (blog front pages, forum threads) repeat one post template. The
    article is the first post (the lead post / the thread's opening post); the others are
    older posts or replies. Peers share the container's tag and class and score like an
    article."""
    cls = best.get("class")
    if not cls:
        return best
    first = None
    count = 0
    for el in nodes:
        if el.tag != best.tag or el.get("class") != cls:
            continue
        chars, link, _ = st[el]
        s = score.get(el, 0.0) * (1 - (link / chars if chars else 1.0))
        if s >= 0.3 * best_s:
            count += 1
            if first is None:
                first = el
    return first if count >= 3 and first is not None else best


def _skip(el, st, root_chars=0) -> bool:
    """Blocks inside the body container that are still boilerplate. A junk-named block
    holding most of the container's text is the article itself (CMS class names lie)."""
    tag = el.tag
    if tag in INLINE or not isinstance(tag, str):
        return False
    if tag == "h1":  # the headline is a field, not body text
        return True
    cs = st.get(el)
    if is_junk(el) and (not cs or cs[0] < 0.4 * root_chars):
        return True
    if cs and cs[0]:
        ld = cs[1] / cs[0]
        # lists/tables of links: related news, tags, navigation
        if ld > 0.5 and cs[2] <= max(1, cs[0] // 80):
            return True
    return False


# icon-font glyphs (private use area) are pictures, never text
_PUA = re.compile("[\ue000-\uf8ff]")


def _flow(text: str, pre: int) -> str:
    """Source line breaks are white space in HTML (as a browser shows it), except in <pre>."""
    return text if pre else text.replace("\r", " ").replace("\n", " ")


def render(elements, st) -> list[str]:
    """Visible text of the given elements as lines (block tags and <br> break lines)."""
    buf: list[str] = []
    for root in elements:
        buf.append("\n")
        root_chars = st[root][0] if root in st else 0
        pre = sum(1 for a in root.iterancestors() if a.tag in ("pre", "plaintext", "xmp", "listing"))
        walker = etree.iterwalk(root, events=("start", "end"))
        for ev, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if ev == "start":
                if el is not root and _skip(el, st, root_chars):
                    walker.skip_subtree()
                    continue
                if tag in ("pre", "plaintext", "xmp", "listing"):
                    pre += 1
                if tag in BLOCK_BREAK:
                    buf.append("\n")
                if el.text:
                    buf.append(_flow(el.text, pre))
            else:
                if tag in ("pre", "plaintext", "xmp", "listing"):
                    pre -= 1
                if tag in BLOCK_BREAK:
                    buf.append("\n")
                if el.tail and el is not root:
                    buf.append(_flow(el.tail, pre))
    lines = []
    for line in _PUA.sub("", "".join(buf)).split("\n"):
        line = " ".join(line.split())  # collapse spaces incl. U+3000 and nbsp
        if line:
            lines.append(line)
    return lines
