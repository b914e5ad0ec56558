"""The names in a text: listed names grown to the text's writing, the caller's own names,
one reading per name, and the mentions that name no subject (authorities, @-addressees)."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .discover import _DEBRIS_EDGE, _HEAD_POS, _LEAD_CHARS, _LEAD_WORDS, _NEVER_POS, _cfg, _is_location, lexicon_word
from .gazetteer import Match, ordinary_word, quoted_as_name
from .segment import word_freq, word_tag

MIN_NAME_CONFIDENCE = 0.55     # discovered names below this are not reported in `platforms`


_HAN = re.compile(r"[\u4e00-\u9fff]")


# a pronoun, conjunction or adverb opens the clause, not a name (我不|京东白条, 并去|京东白条,
# 均由|国商金融); a lead word introduces a name, it is none of it (下称|凡普金科, 旗下|X)
_OPENS_CLAUSE = ("r", "c", "d")


_LATIN_LEAD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,11}$")


def whole_names(text, known):
    """A listed name that is the tail of a longer word standing alone between punctuation
    (，鼎泓|鑫源财富、: the list holds only 鑫源财富): imported lists hold short fragments of longer names, and the
    text names the longer one. The match grows over one or two characters before it when those
    start right after a boundary (start of text, punctuation, a digit) and are no function
    word, place or common word."""
    out, last = [], 0
    for m in known:
        if m.kind == "platform" and m.start > 0 and _HAN.match(m.surface[0]) and len(m.surface) <= 6:
            for n in (1, 2):
                a = m.start - n
                if a < last or not all(_HAN.match(c) for c in text[a:m.start]):
                    break
                if a > 0 and _HAN.match(text[a - 1]):
                    continue
                p = text[a:m.start]
                if p[0] in _LEAD_CHARS or p[0] in _DEBRIS_EDGE or p[-1] in _DEBRIS_EDGE or _is_location(p) \
                        or p in _cfg()["stops"] or p in _cfg()["triggers"] \
                        or word_tag(p) in _NEVER_POS or word_tag(p) in _HEAD_POS or word_tag(p) in ("m", "ns", "vn", "a") \
                        or word_tag(p[0]) in _OPENS_CLAUSE or p in _LEAD_WORDS \
                        or len(p) == 2 and word_freq(p) >= 100:   # 平台|X, 解密|X: a common word
                    break
                m = _grown(text, a, m.end)
                break
        if m.kind == "platform" and m.source != "grown" and (lead := _LATIN_LEAD.search(text, last, m.start)) \
                and _HAN.match(m.surface[0]) and not lexicon_word(lead.group()) and not lexicon_word(lead.group().upper()):
            # Formax金融圈, sgfx鼎展国际外汇: a Latin brand glued to a listed Chinese name
            m = _grown(text, lead.start(), m.end)
        if m.kind == "platform" and (k := _tail_after(text, m.end)):
            w = text[m.start:m.end + k]
            m = Match(m.start, m.end + k, w, m.canonical, "platform", m.confidence, m.source)   # the same platform, named in full
        out.append(m)
        last = m.end
    return out


def _grown(text, start, end) -> Match:
    """A listed name grown over what the text writes before it: a name of its own."""
    w = text[start:end]
    return Match(start, end, w, w, "platform", 0.8, "grown")


# the characters that may follow such an ending: the name ends there (恒昌财富的, 恒昌财富已…)
_AFTER_TAIL = set("的已被涉和与及等也还又曾因于在将称是")


def _tail_after(text, end) -> int:
    """Length of the name ending right after a listed name that ends its word (恒昌|财富；),
    else 0: the text names the platform in full."""
    for t in _cfg()["tails"]:   # discovery.tsv: tail
        if text.startswith(t, end):
            nxt = text[end + len(t): end + len(t) + 1]
            if not nxt or not _HAN.match(nxt) or nxt in _AFTER_TAIL:
                return len(t)
    return 0


def placed_names(gz, known):
    """A listed name that is a place plus another listed name (北京|测试贷) is that platform:
    the place only says where it is. The surface stays as written."""
    for m in known:
        if m.kind != "platform" or len(m.surface) < 4:
            continue
        for n in (3, 2):
            rest = m.surface[n:]
            if len(rest) >= 2 and _is_location(m.surface[:n]) and rest in gz.entries:
                m.canonical = gz.entries[rest][0]
                break
        else:
            # 测试贷公司 / 测试贷平台 listed beside 测试贷: the same platform
            for suf in _GENERIC_TAILS:
                rest = m.surface[: -len(suf)]
                if m.surface.endswith(suf) and len(rest) >= 2 and rest in gz.entries:
                    m.canonical = gz.entries[rest][0]
                    break
    return known


_GENERIC_TAILS = ("公司", "平台", "集团", "网站")


def consistent_names(text, units, all_mentions):
    """One name, one reading per text: where the text writes a name it recognised elsewhere
    (中经汇金 at its first mention), shorter names found inside that writing (汇金 in
    登记中经汇金) give way to it. Updates the units' mention lists in place; returns the new
    list of all mentions."""
    longer = {}
    for m in all_mentions:
        if len(m.surface) >= 3 and m.confidence >= MIN_NAME_CONFIDENCE and m.surface not in longer:
            longer[m.surface] = m
    if not longer:
        return all_mentions
    changed = False
    for s, e, mentions, _ in units:
        for name, src in longer.items():
            i = text.find(name, s, e)
            while 0 <= i and i + len(name) <= e:
                j = i + len(name)
                inner = [m for m in mentions if i <= m.start and m.end <= j and (m.start, m.end) != (i, j)]
                if inner and not any(m.start < j and i < m.end and m not in inner for m in mentions):
                    for m in inner:
                        mentions.remove(m)
                    mentions.append(Match(i, j, name, src.canonical, src.kind, src.confidence, src.source))
                    mentions.sort(key=lambda m: m.start)
                    changed = True
                i = text.find(name, j, e)
    return [m for _, _, mentions, _ in units for m in mentions] if changed else all_mentions


def caller_names(names) -> tuple[str, ...]:
    """The caller's names, checked (ValueError unless a list of strings) and put in the order
    they are tried: longest first, then by name, so the result never depends on input order."""
    if names is None:
        return ()
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise ValueError('"names" must be a list of strings')
    return tuple(sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=lambda n: (-len(n), n)))


def with_caller_names(text, known, names, gz):
    """Names the caller says this text is about (a watch-list, an upstream recogniser's
    output) are matched as written, longest first, and win over any listed name they overlap:
    the caller's cut of a name (资易贷金融信息服务有限公司, not 北京资易贷) is the one it will
    look for in the answer."""
    if not names:
        return known
    taken = []
    for name in names:
        # Latin names match in any case but never inside a longer Latin/digit run (OKEx, PT|PPT)
        lead = r"(?<![A-Za-z0-9])" if name[0].isascii() and name[0].isalnum() else ""
        tail = r"(?![A-Za-z0-9])" if name[-1].isascii() and name[-1].isalnum() else ""
        # 返利, 头条: an ordinary word is a name only where quoted on its own (高额返利平台 is a
        # kind of platform, 【头条】 a section)
        ordinary = ordinary_word(name)
        for m in re.finditer(lead + re.escape(name) + tail, text, re.IGNORECASE):
            a, b = m.span()
            if ordinary and not quoted_as_name(text, a, b):
                continue
            if not any(a < e and s < b for s, e, _ in taken):
                taken.append((a, b, name))
    if not taken:
        return known
    out = []
    for a, b, name in taken:
        canonical, kind = gz.lookup(name) or (name, "platform")
        out.append(Match(a, b, text[a:b], canonical, kind, 1.0, "caller"))
    out += [k for k in known if not any(k.start < b and a < k.end for a, b, _ in taken)]
    return sorted(out, key=lambda m: m.start)


_AUTH_TAIL = set("办局委厅会院部所队")


def cut_authority(text, m) -> bool:
    """The name is the head of an authority's name (深圳金融|办, 石景山金融|办), a place
    whose authority follows (深圳南山|警方, a listed 'name' that is two places), or a company
    name that is an authority's (美国纽约证券交易所): not a platform."""
    if m.end < len(text) and _place_name(m.surface) and text.startswith(_authority_words(), m.end):
        return True
    if m.kind == "company" and m.surface.endswith(_authority_words()):
        return True   # 美国纽约证券交易所: a company walk that ends in an authority's name
    if m.end >= len(text) or text[m.end] not in _AUTH_TAIL:
        return False
    window = text[max(m.start, m.end - 6):m.end + 4]
    cut = m.end - max(m.start, m.end - 6)
    for a in _authority_words():
        i = window.find(a)
        if 0 <= i < cut < i + len(a):
            return True
    return False


def _place_name(name: str) -> bool:
    """A place, or a place and a place within it (深圳南山, 杭州西湖)."""
    return _is_location(name) or any(_is_location(name[:n]) and _is_location(name[n:]) for n in range(2, len(name) - 1))


@lru_cache(maxsize=1)
def _authority_words():
    return tuple(lexicon.authorities())


def addressed(text, m) -> bool:
    return m.start is not None and m.start > 0 and text[m.start - 1] in "@＠"
