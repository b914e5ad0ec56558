"""Which of a sentence's names a trigger is about: the nearest in its clause (pick_subject),
the names coordinated with it (siblings), the names a 均/都 spreads it over (distributed), the
subject a 并/随后 clause goes on about (continues), a person's employer (employer)."""
from __future__ import annotations

import re

from . import arguments as args
from .mentions import MIN_NAME_CONFIDENCE
from .sentences import clause_of

# what may stand between coordinated names: 、/和/及, brackets and quotes, unknown list items
# (A、x、B), a place and 的 before the next name (以及广州的B)
_SIBLING_GAP = re.compile(r"^(?:案|系)?(?:[、和与及跟同,/\s“”\"’‘()（）]|以及)*(?:[^，。；：、,;\s]{2,10}、)*(?:[、和与及跟同,/\s“”\"’‘()（）]|以及)*(?:[\u4e00-\u9fa5]{2,3}的)?$")


def pick_subject(mentions, bounds, s, trig_start, trig_end, object_first=False):
    """The mention a trigger is about: same clause before it, then same clause after, then
    earlier in the sentence, then later. For object-first triggers (举报X, 投诉对象：X) the
    names after it come first: same or next clause after, then before.
    Returns (mention, proximity factor)."""
    t_clause = clause_of(bounds, trig_start - s)
    best = None
    for m in mentions:
        if trig_start < m.end and m.start < trig_end:
            continue
        c = clause_of(bounds, m.start - s)
        if object_first:
            if m.start >= trig_end and c - t_clause <= 1:
                score, factor = m.start - trig_end, 0.95
            elif m.end <= trig_start and c == t_clause:
                score, factor = 40 + trig_start - m.end, 0.85
            elif m.end <= trig_start:
                score, factor = 60 + trig_start - m.end, 0.8
            else:
                score, factor = 80 + m.start - trig_end, 0.7
        elif c == t_clause:
            score, factor = (trig_start - m.end, 1.0) if m.end <= trig_start else (20 + m.start - trig_end, 0.9)
        elif m.end <= trig_start:
            score, factor = 40 + trig_start - m.end, 0.85
        else:
            score, factor = 80 + m.start - trig_end, 0.7
        score -= 10 * (m.confidence - 0.5)   # a known name beats a guessed one nearby
        if best is None or score < best[0]:
            best = (score, m, factor)
    return (best[1], best[2]) if best else (None, 0.0)


_DISTRIBUTIVE = re.compile(r"(?:均|都|皆|全部|全都|纷纷|相继|先后)")


def distributed(text, s, bounds, mentions, subjects, ts):
    """均/都/纷纷/相继 spreads a trigger over every name listed before it: when it opens the
    trigger's clause (A、B以及C，均涉嫌…: the names of the clauses before), or stands right
    before the trigger after the chosen subject (A(a平台)和B(b)均因涉嫌…: the names before it)."""
    c = clause_of(bounds, ts - s)
    start = s + bounds[c]
    last = max(m.end for m in subjects)
    if c > 0 and _DISTRIBUTIVE.search(text, start, min(ts, start + 9)) and last <= start:
        limit = start
    elif _DISTRIBUTIVE.search(text, max(last, ts - 8), ts) and not re.search(r"[；;。]", text[last:ts]):
        limit = last
    else:
        return []
    return [m for m in mentions if m.end <= limit and m not in subjects
            and m.kind in ("platform", "company") and m.confidence >= MIN_NAME_CONFIDENCE]


_CONTINUATION = re.compile(r"(?:并且|并因|并被|并|且|随后|之后|后又|后来|同时|还|又|也|已经|已|即)")


def continues(sent, bounds, rel_ts, mentions, s) -> bool:
    """The trigger's clause goes on about the sentence's subject: it opens with 并/随后/还 …
    and names nobody before the trigger (…，并因涉嫌非法吸收公众存款被警方立案侦查)."""
    c = clause_of(bounds, rel_ts)
    if c == 0:
        return False
    start = bounds[c]
    return bool(_CONTINUATION.match(sent, start, rel_ts)) \
        and not any(start <= m.start - s < rel_ts for m in mentions)


# “A”，“B”: quoted names with only a comma between are a list too
_QUOTED_COMMA = re.compile(r"^[”\"]\s*[，,]\s*[“\"]$")


def siblings(mentions, chosen, text):
    """Names coordinated with the chosen one: A、B和C all get the event."""
    idx = mentions.index(chosen)
    group = [chosen]
    for step in (-1, 1):
        j = idx
        while 0 <= j + step < len(mentions):
            a, b = (mentions[j + step], mentions[j]) if step < 0 else (mentions[j], mentions[j + step])
            gap = text[a.end:b.start]
            if b.start < a.end or not (_SIBLING_GAP.match(gap) or _QUOTED_COMMA.match(gap)):
                break
            j += step
            group.append(mentions[j])
    return group


_EMPLOYER_GAP = re.compile(r"^[”\"」』）)]?(?:的|公司|平台|旗下)?(?:原|前|时任)?$")


def persons_of_names(sent, s, persons, subjects, mentions):
    """Which of a person event's subjects each person works for: (the subjects, with any
    employer the sentence names added; mention id -> its persons' names; the persons no
    subject employs, who go with a subject that has none of its own). Where every subject
    has its own, those persons go with the first (团贷网实际控制人唐军、张林: the employer
    shows before 唐军 only)."""
    owner = {}
    for p in persons:
        om = employer(sent, s, p["name"], mentions)
        if om is not None:
            owner.setdefault(id(om), []).append(p["name"])
            if om not in subjects:
                subjects = subjects + [om]
    owned = {n for names in owner.values() for n in names}
    free = [p["name"] for p in persons if p["name"] not in owned]
    if free and subjects and all(id(m) in owner for m in subjects):
        owner[id(subjects[0])] = owner[id(subjects[0])] + free
    return subjects, owner, free


def employer(sent, s, person, mentions):
    """The platform a person works for: the name right before the person's role word
    (X法定代表人Y, “X”负责人Y, X公司原董事长Y)."""
    i = sent.find(person)
    if i < 0:
        return None
    best = None
    for r in args._role_re().finditer(sent, max(0, i - 10), i + 1):
        if sent[r.end():i].strip("，, ") in ("",) or len(sent[r.end():i]) <= 1:
            best = r
    if best is None:
        return None
    for mm in mentions:
        if mm.kind in ("platform", "company") and mm.end - s <= best.start() and _EMPLOYER_GAP.match(sent[mm.end - s:best.start()]):
            return mm
    return None
