"""affirmed | denied | possible for one trigger, from cue words in its clause or sentence.
A rumour denial (辟谣) must never be counted as a collapse, so denial wins over possibility."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_WINDOW = 12   # clause cues must sit within this many characters before the trigger


# the scopes of polarity.tsv; any other is clause
_SCOPES = ("clause", "wide", "next", "touch", "advice", "once", "sentence")


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """({scope: [(cue, polarity)]}, the `none` words longest first)."""
    by_scope: dict[str, list[tuple[str, str]]] = {scope: [] for scope in _SCOPES}
    blank = []
    for cue, pol, scope in lexicon.polarity_cues():
        if pol == "none":
            blank.append(cue)
        else:
            by_scope[scope if scope in by_scope else "clause"].append((cue, pol))
    by_scope["touch"].sort(key=lambda cp: len(cp[0]), reverse=True)
    return by_scope, sorted(blank, key=len, reverse=True)


def no_polarity_words() -> list[str]:
    """The words polarity.tsv marks `none`: they hold a cue but say nothing about polarity
    (不得不 is had to, not a "not"), longest first."""
    return _cues()[1]


_JUNK_Q = re.compile(r"[?？]{2,}$")   # ???? = emoji lost in re-encoding (Weibo text), no question
# a lone ? right after an @handle, a #hashtag# or a link is the same debris (… @平安北京?)
_DEBRIS_Q = re.compile(r"(?:@[^\s@#，。？?]{1,20}|#|https?://\S+|\])\s*[?？]$")
_HASHTAG = re.compile(r"#[^#\n]{1,40}#")
# the trigger as a time (平台失联后…): the rest of its clause
_WHEN = re.compile(r"(?:之后|以后|后)([^，,。；;！!？?]*)")


def _question(sentence: str, trig_end: int) -> bool:
    """The trigger's statement is asked, not affirmed: the sentence ends with 吗/么/呢, or
    with one question mark and the trigger sits in its last clause."""
    t = sentence.rstrip()
    if not t or _JUNK_Q.search(t) or _DEBRIS_Q.search(t):
        return False
    if t.endswith(("吗", "吗？", "吗?", "么？", "么?", "呢？", "呢?", "？", "?")):
        last = max(t.rfind(c, 0, len(t) - 1) for c in "，,；;。！!")
        return trig_end > last
    return False


def _asks(sentence: str, at: int) -> bool:
    """The negator at `at` sits between two copies of one character (A不A): 跑不跑路, 有没有,
    是不是, 会不会 ask whether, they deny nothing."""
    return 0 < at < len(sentence) - 1 and sentence[at - 1] == sentence[at + 1]


# a contrast (…在社交媒体辟谣，但是早在三年前就…涉嫌非法集资犯罪): what follows it stands
_CONTRAST = re.compile(r"但是|然而|可是|[，,；;]\s*(?:但|不过)")


def _overturned(sentence: str, cue: str, trig_start: int) -> bool:
    """Every mention of a sentence-wide cue comes before the trigger, with a contrast between
    the last of them and the trigger."""
    last = sentence.rfind(cue) + len(cue)
    return last <= trig_start and bool(_CONTRAST.search(sentence, last, trig_start))


def polarity(sentence: str, clause_start: int, trig_start: int, trig_end: int) -> tuple[str, str | None]:
    """(polarity, cue). Clause cues count between the clause start (at most _WINDOW chars
    back) and the trigger, or right after it (跑路传闻 / 跑路一事纯属谣言 handled by sentence
    cues); `touch` ones right before it (承诺不跑路; 跑不跑路 asks); wide ones from the clause
    start on; `once` ones after a trigger written as a time (X后…应及时…), to the clause's end;
    `next` ones right after the trigger (维权应…); `advice` ones where one of the `once` words
    follows them before the trigger (业内人士提醒，…投资人应及时…，并向公安机关报案);
    sentence ones anywhere, unless a contrast stands between them and the trigger (_overturned)."""
    cues, blank = _cues()
    for w in blank:   # same length, so the offsets hold
        if w in sentence:
            sentence = sentence.replace(w, "□" * len(w))
    # a trigger inside a #hashtag# (#X涉嫌诈骗#) is a topic label: only the tag's own words count
    for m in _HASHTAG.finditer(sentence):
        if m.start() < trig_start and trig_end < m.end():
            off = m.start()
            sentence = m.group()
            clause_start, trig_start, trig_end = 0, trig_start - off, trig_end - off
            break
    window = max(clause_start, trig_start - _WINDOW)
    before = sentence[window:trig_start]
    after = sentence[trig_end:trig_end + 3]
    found = {}
    for cue, pol in cues["clause"]:
        at = before.find(cue)
        if at >= 0:
            # 有没有 / 是不是 / 会不会 ask: the 没有/不是/不会 follows its own second character
            asks = pol == "denied" and cue[0] in "不没" and at > 0 and _asks(sentence, window + at)
            found.setdefault("possible" if asks else pol, cue)
        elif pol == "possible" and cue in after and cue not in ("若",):
            found.setdefault(pol, cue)
    for cue, pol in cues["wide"]:
        if cue in sentence[clause_start:trig_start]:
            found.setdefault(pol, cue)
    for cue, pol in cues["next"]:
        if sentence.startswith(cue, trig_end):
            found.setdefault(pol, cue)
    # the longest touching cue is the word before the trigger: 除非 (unless), not its 非
    for cue, pol in cues["touch"]:
        if sentence.endswith(cue, 0, trig_start):
            # 跑不跑路 asks: the cue sits between two copies of the trigger's first character
            found.setdefault("possible" if _asks(sentence, trig_start - len(cue)) else pol, cue)
            break
    for cue, pol in cues["advice"]:
        at = sentence.find(cue, 0, trig_start)
        if at >= 0 and any(word in sentence[at + len(cue):trig_start] for word, _ in cues["once"]):
            found.setdefault(pol, cue)
    when = _WHEN.match(sentence, trig_end)
    if when:
        for cue, pol in cues["once"]:
            if cue in when.group(1):
                found.setdefault(pol, cue)
    if "denied" not in found:
        for cue, pol in cues["sentence"]:
            if cue in sentence and not _overturned(sentence, cue, trig_start):
                found.setdefault(pol, cue)
    if "possible" not in found and _question(sentence, trig_end):
        found["possible"] = "？"
    if "denied" in found:
        return "denied", found["denied"]
    if "possible" in found:
        return "possible", found["possible"]
    return "affirmed", None
