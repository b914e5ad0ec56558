"""Event arguments found in a sentence: amount (yuan), investor count, location, authority,
event date (resolved against the publish time) and persons with roles."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import ahocorasick

from . import lexicon

_NUM = r"(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)"


@lru_cache(maxsize=1)
def _amount_re():
    units = "|".join(sorted(lexicon.units(), key=len, reverse=True))
    return re.compile(_NUM + r"\s*(余|多)?\s*(" + units + r")?\s*(余|多)?\s*(?:元|块)(?!宝)")


@lru_cache(maxsize=1)
def _leading_part_re():
    units = "|".join(sorted(lexicon.units(), key=len, reverse=True))
    return re.compile(r"(\d+(?:\.\d+)?)(" + units + r")$")


def _amount_spans(sentence: str) -> list[tuple[int, int, float]]:
    u = lexicon.units()
    out = []
    for m in _amount_re().finditer(sentence):
        # a dollar amount (15亿美元) is not yuan: skip rather than mis-convert
        if sentence[m.end() - 2:m.end()] == "美元" or sentence[m.end() - 1 - 1:m.end() - 1] == "美":
            continue
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        start, scale = m.start(), u[m.group(3)] if m.group(3) else 1.0
        value *= scale
        # 1亿5014万元, 11万2600元: the figure goes on from a larger unit written before it
        while (lead := _leading_part_re().search(sentence, 0, start)) and u[lead.group(2)] > scale \
                and value < u[lead.group(2)]:
            scale = u[lead.group(2)]
            value += float(lead.group(1)) * scale
            start = lead.start()
        # to the fen: 2.3亿 in binary floating point is 229999999.99999997
        out.append((start, m.end(), round(value, 2)))
    return out


def amounts(sentence: str) -> list[float]:
    """All yuan amounts: 3.74万亿元 = 3.74e12, 逾10亿元 = 1e9, 1.2亿余元 = 1.2e8."""
    return [value for _, _, value in _amount_spans(sentence)]


_CLAUSE_CUT = re.compile(r"[，,；;。：:！？!?]")
_STANDING_REACH = 10
_BEFORE_FIGURE = re.compile(r"(?:人民币|约|共计)+$")   # between a bound and its figure


@lru_cache(maxsize=1)
def _amount_cues() -> tuple[tuple[str, ...], ...]:
    """(standing, bound, after, penalty) words of amount_cues.tsv."""
    cues = lexicon.kinds("amount_cues.tsv")
    return tuple(cues["standing"]), tuple(cues["bound"]), tuple(cues["after"]), tuple(cues["penalty"])


def _size_spans(sentence: str, penalties: bool = False) -> list[tuple[int, int, float]]:
    """The figures the sentence gives as the size of what happened: not a firm's registered
    capital or turnover, not a bound (不低于10亿元, 1万元以下), not 0元购; a fine or a
    confiscation only with penalties (the size of a sentence or a regulator's action)."""
    standing, bound, after, penalty = _amount_cues()
    out = []
    for start, end, value in _amount_spans(sentence):
        clause = _CLAUSE_CUT.split(sentence[:start])[-1]
        # a standing figure's cue comes close before it (注册资本为人民币5000万元); farther
        # back, in a long clause, it belongs to another figure
        # a penalty cue governs every figure after it in its clause (罚金人民币15亿元、2亿元)
        if (value <= 0 or any(w in clause[-_STANDING_REACH:] for w in standing)
                or _BEFORE_FIGURE.sub("", clause).endswith(bound) or sentence.startswith(after, end)
                or not penalties and any(w in clause for w in penalty)):
            continue
        out.append((start, end, value))
    return out


def amount_yuan(sentence: str, penalties: bool = False) -> float | None:
    """The largest size figure of the sentence (see _size_spans)."""
    return sizes(sentence, (), penalties)[0]


def amounts_by_name(sentence: str, names, penalties: bool = False) -> dict[str, float | None] | None:
    """Each name's own size figure (see sizes)."""
    return sizes(sentence, names, penalties)[1]


def sizes(sentence: str, names, penalties: bool = False) -> tuple[float | None, dict[str, float | None] | None]:
    """(the largest size figure of the sentence, each name's own), from one reading of its
    figures (see _size_spans). names: (start in the sentence, name) of every name written in
    it. Each name's own figure matters where a sentence gives several names several figures
    (国付宝被罚4646万元，联动优势被罚2600万元): name -> yuan. A name owns the figures between
    it and the next name, wherever the sentence writes it again. One that owns none shares
    those of the next name that has some (A和B涉案共计10亿元), in order where 分别 pairs them
    (A、B分别…15亿元、2亿元); one after every figure gets only those before the first name.
    None where the largest figure stands for all (one name, or one figure)."""
    spans = _size_spans(sentence, penalties)
    largest = max((value for _, _, value in spans), default=None)
    names = sorted(set(names))
    if len({name for _, name in names}) < 2 or len({value for _, _, value in spans}) < 2:
        return largest, None
    ends = [start for start, _ in names[1:]] + [len(sentence)]
    own = [[sp for sp in spans if start <= sp[0] < end] for (start, _), end in zip(names, ends)]
    lead = [value for start, _, value in spans if start < names[0][0]]
    owned: dict[str, list[float]] = {}
    shared: dict[str, list[float]] = {}
    i = 0
    while i < len(names):
        j = next((k for k in range(i, len(names)) if own[k]), None)
        if j is None:
            for _, name in names[i:]:
                shared.setdefault(name, []).extend(lead)
            break
        run, figures = [name for _, name in names[i:j + 1]], [value for _, _, value in own[j]]
        if len(run) > 1 and len(figures) == len(run) and "分别" in sentence[names[j][0]:own[j][0][0]]:
            for name, value in zip(run, figures):
                owned.setdefault(name, []).append(value)
        else:
            owned.setdefault(run[-1], []).extend(figures)
            for name in run[:-1]:
                shared.setdefault(name, []).extend(figures)
        i = j + 1
    by_name: dict[str, float | None] = {}
    for _, name in names:
        values = owned.get(name) or shared.get(name)
        by_name[name] = max(values) if values else None
    return largest, by_name


_INVESTORS = re.compile(
    r"(?:投资人|出借人|投资者|受害人|受害群众|集资参与人|客户|用户)[^，。；\d]{0,6}?" + _NUM + r"\s*(万|千)?\s*(?:余|多)?\s*(?:名|人|位)"
    r"|" + _NUM + r"\s*(万|千)?\s*(?:余|多)?\s*(?:名|位)?(?:投资人|出借人|投资者|受害人|集资参与人|人次|人)")


def investor_count(sentence: str) -> int | None:
    if not re.search(r"投资人|出借人|投资者|受害人|集资参与人|涉及|涉案|参与|报案", sentence):
        return None
    best = None
    for m in _INVESTORS.finditer(sentence):
        num, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        try:
            n = float(num.replace(",", ""))
        except (TypeError, ValueError):
            continue
        n *= {"万": 1e4, "千": 1e3}.get(unit or "", 1)
        if n >= 2 and (best is None or n > best):
            best = n
    return int(best) if best is not None else None


@lru_cache(maxsize=1)
def _loc_automaton():
    a = ahocorasick.Automaton()
    for surface, val in lexicon.locations().items():
        a.add_word(surface, (surface, val))
    a.make_automaton()
    return a


def location(sentence: str) -> str | None:
    """The first place named: 'province/city' when a city is known, else the province."""
    best = None
    for end, (surface, (prov, city)) in _loc_automaton().iter(sentence):
        start = end - len(surface) + 1
        if best is None or start < best[0] or (start == best[0] and len(surface) > best[1]):
            best = (start, len(surface), prov, city)
    if best is None:
        return None
    _, _, prov, city = best
    return f"{prov}/{city}" if city and city != prov else prov


@lru_cache(maxsize=1)
def _auth_automaton():
    a = ahocorasick.Automaton()
    for w in lexicon.authorities():
        a.add_word(w, w)
    a.make_automaton()
    return a


_PLACE_BEFORE = re.compile(r"([\u4e00-\u9fa5]{2,8}?(?:省|市|区|县|州))$")


def authority(sentence: str) -> str | None:
    """The longest authority named, with a directly preceding place (上海市公安局松江分局 -> 上海市公安局)."""
    best = None
    for end, w in _auth_automaton().iter(sentence):
        start = end - len(w) + 1
        if best is None or len(w) > len(best[1]) or (len(w) == len(best[1]) and start < best[0]):
            best = (start, w)
    if best is None:
        return None
    start, w = best
    m = _PLACE_BEFORE.search(sentence[max(0, start - 8):start])
    if m:
        place = m.group(1)
        locs = lexicon.locations()
        # trim from the left until the prefix starts with a known place (人周伯云向上海市 -> 上海市)
        for i in range(len(place) - 1):
            if any(place[i:].startswith(l) for l in (place[i:i + 2], place[i:i + 3]) if l in locs):
                return place[i:] + w
    return w


# ---- dates --------------------------------------------------------------------------
_D_FULL = re.compile(r"(20\d\d|19\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?")
_D_YM = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_D_MD = re.compile(r"(?<![\d年.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# a month without a day (7月初, 今年9月, 去年12月中旬): the year from the article, the day
# from the part of the month (the 1st where none is given, as for 2018年6月)
_D_M = re.compile(r"(?<![\d年.月])(今年|去年)?(\d{1,2})\s*月(初|上旬|中旬|下旬|底|末)?(?!\s*\d)")
_PART_DAY = {None: 1, "初": 1, "上旬": 1, "中旬": 11, "下旬": 21, "底": 21, "末": 21}
_REL = {"昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "前日": -2, "前天": -2, "上周": -7,
        "日前": None, "近日": None}


def parse_published(published_at) -> date | None:
    if not published_at:
        return None
    if isinstance(published_at, datetime):
        return published_at.date()
    if isinstance(published_at, date):
        return published_at
    s = str(published_at).strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            return None


def event_date(sentence: str, trigger_pos: int, published: date | None) -> str | None:
    """The date expression nearest the trigger (preferring ones before it), as ISO date."""
    cands = []   # (distance, iso)
    for m in _D_FULL.finditer(sentence):
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            cands.append((_dist(m, trigger_pos), d))
    for m in _D_YM.finditer(sentence):
        d = _mk(int(m.group(1)), int(m.group(2)), 1)
        if d:
            cands.append((_dist(m, trigger_pos) + 1, d))
    if published:
        for m in _D_MD.finditer(sentence):
            if m.start() > 0 and sentence[m.start() - 1] in "年-/":
                continue
            d = _before_article(published, int(m.group(1)), int(m.group(2)))
            if d:
                cands.append((_dist(m, trigger_pos), d))
        for m in _D_M.finditer(sentence):
            month, day = int(m.group(2)), _PART_DAY[m.group(3)]
            d = (_before_article(published, month, day) if m.group(1) is None
                 else _mk(published.year - (m.group(1) == "去年"), month, day))
            if d:
                cands.append((_dist(m, trigger_pos) + 1, d))
        for word, delta in _REL.items():
            i = sentence.find(word)
            if i >= 0 and delta is not None:
                cands.append((abs(trigger_pos - i), published + timedelta(days=delta)))
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    return cands[0][1].isoformat()


def _before_article(published: date, month: int, day: int) -> date | None:
    """A month and day the text gives without a year: in the article's year, or the year
    before where that would be after the article ("12月30日" in a January article)."""
    d = _mk(published.year, month, day)
    if d and d > published + timedelta(days=2):
        d = _mk(published.year - 1, month, day)
    return d


def _dist(m, pos):
    # a date after the trigger is a bit less likely to be the event's own date
    return pos - m.end() if m.end() <= pos else (m.start() - pos) * 2 + 5


def _mk(y, m, d):
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---- persons ------------------------------------------------------------------------
def _role_pattern() -> str:
    roles = sorted(lexicon.roles(), key=len, reverse=True)   # longest first: 实际控制人 before 控制人
    return "(" + "|".join(map(re.escape, roles)) + ")"


@lru_cache(maxsize=1)
def _role_re():
    return re.compile(_role_pattern())


@lru_cache(maxsize=1)
def _role_end_re():
    return re.compile(_role_pattern() + "$")


def role_ending_at(text: str, end: int) -> str | None:
    """The role word that ends right at `end` (…董事长|失联), if any."""
    m = _role_end_re().search(text, max(0, end - 8), end)
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def _surnames_by_role() -> frozenset[str]:
    """The surnames a name beside a role word may open: the common ones and those read only
    there (data/surnames_by_role.txt)."""
    return lexicon.words("surnames.txt") | lexicon.words("surnames_by_role.txt")


_GIVEN_NAME = re.compile(r"[\u4e00-\u9fa5]{2,3}")
# an aside written after a name: 邬再平（又名邬战）
_ASIDE = re.compile(r"[（(][^（()）]{1,12}[）)]$")


def role_before_name(text: str, end: int) -> str | None:
    """The role word before a name of two or three characters, starting with a surname, that
    ends right at `end` (董事长余刚|跑路), or before an aside there (实控人邬再平（又名邬战）|失联),
    if any."""
    surnames = _surnames_by_role()
    aside = _ASIDE.search(text, max(0, end - 14), end)
    end = aside.start() if aside else end
    for k in (2, 3):
        start = end - k
        if start >= 0 and _GIVEN_NAME.fullmatch(text, start, end) and text[start] in surnames:
            role = role_ending_at(text, start)
            if role:
                return role
    return None


_SURNAME_X = re.compile(r"([\u4e00-\u9fa5]某{1,2})")   # 张某, 张某某; the surname is never 某 itself


def has_role(sentence: str) -> bool:
    return bool(_role_re().search(sentence))


_WINDOW = 8   # characters each side of a role word: room for a 2–4 character name and 等/某


def _role_windows(sentence: str) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for m in _role_re().finditer(sentence):
        lo, hi = max(0, m.start() - _WINDOW), min(len(sentence), m.end() + _WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def persons(sentence: str) -> list[dict]:
    """Persons with roles. jieba.posseg (slow) runs here, so call it only on sentences that
    hold a trigger. A person is a posseg `nr` token or 张某-style name; the role is the role
    word right before it (董事长黄某) or right after it (周世平董事长)."""
    from .segment import cut_words, tokenizer, word_tag
    role_map = lexicon.roles()
    surnames = _surnames_by_role()
    out, seen = [], set()
    spans = []
    # A person counts only beside a role word, so segmentation runs on short windows around
    # role words. The plain cut (with jieba's HMM for unknown words) plus the dictionary's
    # tags stands in for posseg, which cost a fifth of the tagger's time: a word tagged nr,
    # or an unknown word of 2–3 characters starting with a common surname, is a name.
    tk = tokenizer()
    for lo, hi in _role_windows(sentence):
        pos = lo
        for w in cut_words(sentence[lo:hi]):
            n = len(w)
            f = word_tag(w)
            if f is None and 2 <= len(w) <= 3 and w[0] in surnames and not tk.FREQ.get(w) \
                    and all("\u4e00" <= c <= "\u9fa5" for c in w):
                f = "nr"
                if len(w) == 3 and (w[2] in _NAME_END or w[2] in _VERB_AFTER_NAME):
                    w = w[:2]   # 张林|于当日, 孙浩|犯…罪: the HMM glued the next word's start on
            spans.append((pos, pos + n, w, f))
            pos += n
    for k, (s, e, w, f) in enumerate(spans):
        is_name = _name_like(spans[k])
        if not is_name and f == "nr" and len(w) == 1 and k + 1 < len(spans) and spans[k + 1][2].startswith("某"):
            given = spans[k + 1][2][:2]
            w, is_name = w + (given if given[-1] not in _NOT_GIVEN else given[:1]), True
        elif is_name and w.endswith("某") and _given_name_follows(spans, k, role_map):
            w = w + spans[k + 1][2]   # 俞某|超、 -> 俞某超: jieba cuts the given name off
        if not is_name or w in seen:
            continue
        role = None
        for j in (k - 1, k - 2):
            if j >= 0 and spans[j][2] in role_map:
                role = role_map[spans[j][2]]
                break
        if role is None and k + 1 < len(spans) and spans[k + 1][2] in role_map \
                and not (k + 2 < len(spans) and _name_like(spans[k + 2])):
            # 周世平董事长; but in 万家乐董事长陈环 the role is 陈环's and 万家乐 his employer
            role = role_map[spans[k + 1][2]]
        if role is None and k >= 2 and spans[k - 1][2] in _NAME_LIST_MARKS:
            # 实际控制人唐军、张林: a name listed after one with a role shares it
            role = next((p["role"] for p in out if p["name"] == spans[k - 2][2]), None)
        if role is None:
            continue   # a bare name without a role is too often a reporter or an expert
        seen.add(w)
        out.append({"name": w, "role": role})
    # fallback: role word directly followed by surname + 1-2 characters
    for m in _role_re().finditer(sentence):
        rest = sentence[m.end():m.end() + 3]
        if not rest or rest[0] not in surnames:
            continue
        # a third character that opens a word with the next one ends the name before it
        # (董事长丁宁|无期徒刑), unless a name-ending character follows (汪志三|等, not 三等)
        pair = sentence[m.end() + 2:m.end() + 4]
        two = len(rest) < 3 or rest[2] in _NOT_GIVEN or rest[2] in _VERB_AFTER_NAME \
            or (len(pair) == 2 and pair[1] not in _NAME_END and tk.FREQ.get(pair))
        name = rest[:2] if two else rest
        if len(name) < 2 or any(n.startswith(name) for n in seen) \
                or not all("\u4e00" <= c <= "\u9fa5" for c in name) or word_tag(name) not in (None, "nr", "ns"):
            continue   # a word that opens with a surname is no name (老板庞大的资产); a place's may be (被告人苏丹)
        cut = next((p for p in out if name.startswith(p["name"])), None)
        if cut is not None:
            # the cut left a rare third character out (金忠|栲等): the longer name is the person
            seen.add(name)
            cut["name"] = name
            continue
        seen.add(name)
        out.append({"name": name, "role": role_map[m.group(1)]})
    return out


_NAME_END = set("向因被等在已于为的和与及称是将涉以对从把曾也还")
_NAME_LIST_MARKS = frozenset({"、", "和", "与", "及"})
_NOT_GIVEN = _NAME_END | set("系均则即又就现所个人")
# verbs that follow a name, seen glued on as its third character (张力犯…罪, 郭某来黄浦…投案)
_VERB_AFTER_NAME = set("犯来去跑归随")


def _name_like(span) -> bool:
    """A persons() span that reads as a person's name (posseg nr, or 张某)."""
    _, _, w, f = span
    return (f == "nr" and 2 <= len(w) <= 4) or bool(_SURNAME_X.fullmatch(w)) and w[0] != "某"


def named_again(sentence: str, people: dict[str, str]) -> list[dict]:
    """Persons that an earlier sentence named with a role (被告人张小雷), written again here
    without one (当时张小雷向南京警方投案自首), in the order the sentence names them. A two-
    character name must end where the name does (张林|于, not 张林|峰): the next character
    is no Chinese character, a name-ending one, or opens a word with the one after it."""
    from .segment import tokenizer
    found = []
    for name, role in people.items():
        at = sentence.find(name)
        while at >= 0:
            nxt = sentence[at + len(name):at + len(name) + 2]
            if len(name) >= 3 or not nxt or not "\u4e00" <= nxt[0] <= "\u9fa5" or nxt[0] in _NOT_GIVEN \
                    or (len(nxt) == 2 and tokenizer().FREQ.get(nxt)):
                found.append((at, {"name": name, "role": role}))
                break
            at = sentence.find(name, at + 1)
    return [p for _, p in sorted(found, key=lambda f: f[0])]


def _given_name_follows(spans, k, role_map) -> bool:
    """The one-character token after 姓某 is its given name when the name then ends: at
    punctuation, the window's end, a role word or a word starting with a name-ending character."""
    if k + 1 >= len(spans):
        return False
    nxt = spans[k + 1][2]
    if len(nxt) != 1 or not "\u4e00" <= nxt <= "\u9fa5" or nxt in _NOT_GIVEN:
        return False
    if k + 2 >= len(spans):
        return True
    after = spans[k + 2][2]
    return not "\u4e00" <= after[0] <= "\u9fa5" or after in role_map or after[0] in _NAME_END


def role_only(sentence: str) -> str | None:
    m = _role_re().search(sentence)
    return lexicon.roles()[m.group(1)] if m else None
