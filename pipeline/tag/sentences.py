"""Sentence and clause splitting with character offsets into the original text."""
from __future__ import annotations

import re

# CCKS marks line breaks as [[+_+]]; news bodies use newlines. A sentence ends at 。！？；
# or a line break; a clause also ends at ，：, (commas separate clauses, not list items: 、).
_SENT = re.compile(r"[^。！？!?；;\n\r]*(?:[。！？!?；;]+|\n+|\r+|$)")
_CLAUSE = re.compile(r"[，,：:]")
_LINEBREAK = "[[+_+]]"
MAX_SENT = 300   # very long run-ons (tables, lists of court cases) are cut into windows


def sentences(text: str) -> list[tuple[int, int]]:
    """[(start, end)] of non-blank sentences; a [[+_+]] marker counts as a break."""
    spans = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        if e <= s:
            continue
        seg = text[s:e]
        if _LINEBREAK in seg:
            i = s
            for part in seg.split(_LINEBREAK):
                spans.extend(_windows(text, i, i + len(part)))
                i += len(part) + len(_LINEBREAK)
        else:
            spans.extend(_windows(text, s, e))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# a numbered item (…300亿元5、泛亚：… / …177：X…178：Y不能提现 / …集资九.陇南市…) starts a
# statement of its own; not a date or figure list (1、2月, 20:14) or a word ending in a numeral (唯一.)
_ITEM = re.compile(r"(?<=[^\d.．,，\s])\d{1,3}[、：:](?=[^\d\s])"
                   r"|(?<![唯统之万初第单同专逐划归合])[一二三四五六七八九十]{1,3}[.．](?=[\u4e00-\u9fff])")


def _windows(text, s, e):
    cuts = [m.start() for m in _ITEM.finditer(text, s, e) if m.start() > s]
    if cuts:
        bounds = [s] + cuts + [e]
        return [w for a, b in zip(bounds, bounds[1:]) for w in _windows_of(text, a, b)]
    return _windows_of(text, s, e)


def _windows_of(text, s, e):
    if e - s <= MAX_SENT:
        return [(s, e)]
    out, i = [], s
    while i < e:
        j = min(e, i + MAX_SENT)
        if j < e:   # prefer to cut after a comma or space near the window's end
            k = max(text.rfind(c, i + MAX_SENT // 2, j) for c in "，, 、")
            if k > i:
                j = k + 1
        out.append((i, j))
        i = j
    return out


def clause_bounds(sentence: str) -> list[int]:
    """Offsets (within the sentence) where clauses start, always including 0."""
    return [0] + [m.end() for m in _CLAUSE.finditer(sentence)]


def clause_of(bounds: list[int], pos: int) -> int:
    idx = 0
    for i, b in enumerate(bounds):
        if b <= pos:
            idx = i
        else:
            break
    return idx
