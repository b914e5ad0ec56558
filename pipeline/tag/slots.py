"""Names that only their place in a sentence reveals: the subject slot before a trigger
(X|涉嫌|集资诈骗), the name after 的 behind it (被查处的X), enumerations (包括A、B、C等平台) and
new words a text repeats. Sentence-relative Matches with a low confidence (0.5)."""
from __future__ import annotations

import re

from .discover import (_AUTHORITY_END, _DEBRIS_EDGE, _HAN_OR_ALNUM, _HEAD_POS, _LEAD_CHARS, _authorities, _cfg,
                       _is_location, _oov, person_like)
from .gazetteer import Match
from .segment import in_dictionary, word_tag

_PROPER_POS = {"nr", "nz", "nrt", "nrfg", "j", "eng", "nt"}
_CLAUSE_BREAK = re.compile(r"[，,：:；;。！？!?]")
_LIST_BAD_POS = {"v", "vn", "vd", "d", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "m", "q", "t", "r", "rr", "rz", "y", "zg", "f"}


# characters of the words jieba's HMM glues into a two-character "word" before a trigger
# (债到, 暂未, 同因, 天即, 或涉, 批疑, 审前): such a word is debris, not a name
_GLUE_CHARS = set("到未因即不或涉称可疑后前我要经之此轮")


def _debris(w: str) -> bool:
    return any(c.isdigit() for c in w) or w[0] in _DEBRIS_EDGE or w[-1] in _DEBRIS_EDGE



def _slot_word(w: str, cfg, stop: bool = False) -> tuple[str, str | None]:
    """How a word next to a trigger slot takes part in a name: "stop" (it cannot), "proper"
    (unknown word or proper noun: a name's core), "filler" (a place, or a lone function
    character a name may hold), else "other". With jieba's dictionary tag."""
    if stop or not _HAN_OR_ALNUM.match(w) or w in cfg["stops"] or w in cfg["triggers"] or w in cfg["glue"] \
            or w in cfg["generic"] or w in cfg["roles"] or w in _authorities():
        return "stop", None
    tag = word_tag(w)
    if _oov(w) or tag in _PROPER_POS:
        return ("stop" if _oov(w) and _debris(w) else "proper"), tag
    if _is_location(w) or (len(w) == 1 and tag not in _HEAD_POS and tag not in ("u", "uj", "m", "q", "r")):
        return "filler", tag
    if len(w) == 1 and w in cfg["new_suffix"]:
        return "filler", tag   # 浙商|E|贷: a one-character name suffix jieba left alone (贷 as a verb)
    return "other", tag

def slot_names(sentence: str, tokens, trig_spans, mentions_rel) -> list[Match]:
    """Names in the subject slot of a trigger that no list or other rule recognised:
    the run of name tokens right before the trigger (skipping glue words: 涉嫌, 已, 因, 的 …),
    e.g. 金新信托|非法吸收公众存款, 嘉丰瑞德|的|工作人员…, X|涉嫌|集资诈骗. A run must hold an
    out-of-dictionary word or a proper noun (not only a place), 2–10 characters, may end in one
    common noun (…信托, …单车), and is not a person right after a role word.
    trig_spans: sentence-relative (start, end) of triggers that want a platform subject.
    Returns Matches with sentence-relative offsets (confidence 0.5)."""
    cfg = _cfg()
    out = []
    ends = {e: j for j, (s, e, w) in enumerate(tokens)}
    for ts, te in trig_spans:
        if any(me <= ts and (ts - me <= 6 or not _CLAUSE_BREAK.search(sentence, me, ts)) for ms, me in mentions_rel):
            continue   # a known name already sits in the slot or earlier in the clause
        j = ends.get(ts)
        if j is None:
            continue
        # skip glue words back from the trigger
        skipped = 0
        while j >= 0 and tokens[j][2] in cfg["glue"] and skipped < 3:
            j -= 1
            skipped += 1
        if j < 0:
            continue
        if tokens[j][2] in cfg["heads"] and j > 0 and tokens[j - 1][1] == tokens[j][0]:
            j -= 1   # X理财产品逾期 / X经销商跑路: the name is X, its product or dealer stays out
        k, run_start, chars, strong, nouns = j, None, 0, False, 0
        while k >= 0:
            w = tokens[k][2]
            if k < j and tokens[k][1] != tokens[k + 1][0]:
                break
            kind, tag = _slot_word(w, cfg, w.endswith(_AUTHORITY_END))
            if kind == "stop":
                break
            if kind == "proper":
                strong = strong or not _is_location(w)
            elif kind == "filler":
                pass
            elif k == j and tag in ("n", "ng", "nz", "vn") and len(w) <= 3 and nouns == 0:
                nouns += 1   # the head noun at the right end (金新|信托)
            else:
                break
            if chars + len(w) > 10:
                break
            chars += len(w)
            run_start = k
            k -= 1
        if run_start is None or not strong or chars < 2 or (run_start == j and chars == 2 and _oov(tokens[j][2])
                                                             and any(c in _GLUE_CHARS for c in tokens[j][2])):
            continue
        # 华帝|京津地区|经销商: a place after the name starts what the name owns (a region's
        # dealers, a city branch), not the name
        for q in range(run_start + 1, j + 1):
            if _is_location(tokens[q][2]) and any(_oov(tokens[x][2]) or word_tag(tokens[x][2]) in _PROPER_POS
                                                 for x in range(run_start, q)):
                j = q - 1
                break
        s, e = tokens[run_start][0], tokens[j][1]
        while e - s > 2 and (sentence[s] in _LEAD_CHARS or sentence[s] in "了着过"):   # 通报了|联宝: HMM glue
            s += 1
        prev = tokens[run_start - 1][2] if run_start > 0 else ""
        if prev in cfg["roles"] or any(prev.endswith(r) for r in cfg["roles"]):
            continue   # 主犯张天明: a person
        name = sentence[s:e]
        if run_start == j and person_like(name):
            continue   # 孙某某 right before 被捕/获刑: a person, not a platform
        if name in cfg["generic"] or in_dictionary(name) and word_tag(name) not in _PROPER_POS or \
                any(s < me and ms < e for ms, me in mentions_rel):
            continue
        out.append(Match(s, e, name, name, "platform", 0.5, "slot"))
    return out


_CLAUSE_LEAD_POS = {"c", "d", "p"}   # 而|, 也|, 以|: words before a clause's subject


def firm_names(sentence: str, tokens, trig_spans, mentions_rel) -> list[Match]:
    """A firm's name opening the clause of a trigger, or one of the four clauses before it,
    with no name between it and the trigger: a short
    name, trade name + industry word (春晓|资本也被爆出涉嫌自融, 德赋|资产存在…问题;
    the trade name a word jieba does not know, a proper noun or a time word such as 春晓),
    or the name of who issues a statement (恒略智汇发布董事会公告称，…). The industry
    words and statement cues are data (discovery.tsv: firm, speaker). Sentence-relative
    Matches (0.5)."""
    cfg = _cfg()
    out = []
    starts = {s: j for j, (s, e, w) in enumerate(tokens)}
    for ts, te in trig_spans:
        # the trigger's clause, else one of the four before it (…德赋资产存在…问题，涉嫌非法集资)
        clause_starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, ts)]
        for cs in reversed(clause_starts[-5:]):
            if any(cs <= ms < ts for ms, me in mentions_rel):
                break   # a name stands between: it is the subject candidate
            name = _firm_at(sentence, tokens, starts.get(cs), ts, cfg)
            if name:
                out.append(name)
                break
    return out


def _firm_at(sentence, tokens, j, ts, cfg) -> Match | None:
    """The firm name opening the clause whose first token is j, if any (see firm_names)."""
    if j is None:
        return None
    while j < len(tokens) and tokens[j][0] < ts and (word_tag(tokens[j][2]) in _CLAUSE_LEAD_POS
                                                     or any(c.isdigit() for c in tokens[j][2])
                                                     or not _HAN_OR_ALNUM.match(tokens[j][2])):
        j += 1
    return _short_firm(sentence, tokens, j, ts, cfg) or _speaker(sentence, tokens, j, ts, cfg)


def _speaker(sentence, tokens, j, ts, cfg) -> Match | None:
    """恒略智汇|发布董事会公告称 / 金瑞|科技|公告称: one to three name tokens (an unknown word
    or proper noun among them, 2–8 characters) right before a `speaker` cue."""
    chars, strong, k = 0, False, j
    while k < len(tokens) and k - j < 3 and tokens[k][1] <= ts:
        w = tokens[k][2]
        kind, _ = _slot_word(w, cfg)
        if kind == "proper":
            strong = strong or not _is_location(w)
        elif kind != "filler" and w not in cfg["firm"]:
            return None
        chars += len(w)
        k += 1
        if strong and 2 <= chars <= 8 and cfg["speaker"].match(sentence, tokens[k - 1][1]):
            s, e = tokens[j][0], tokens[k - 1][1]
            if k - 1 == j and person_like(sentence[s:e]):
                return None   # 胡立勇发布声明: a person
            return Match(s, e, sentence[s:e], sentence[s:e], "platform", 0.5, "speaker")
    return None


def _short_firm(sentence, tokens, j, ts, cfg) -> Match | None:
    """春晓|资本 / 德赋|资产: a trade name and a `firm` word, the name ending there."""
    if j + 2 >= len(tokens) or tokens[j + 1][1] > ts:
        return None
    (s1, e1, trade), (s2, e2, firm), nxt = tokens[j], tokens[j + 1], tokens[j + 2][2]
    if e1 != s2 or firm not in cfg["firm"] or not 2 <= len(trade) <= 3:
        return None
    kind, tag = _slot_word(trade, cfg)
    if not (kind == "proper" or tag == "t") or _is_location(trade) or person_like(trade):
        return None
    if word_tag(nxt) in ("n", "nz", "vn") and nxt not in cfg["glue"]:
        return None   # 春晓资本|公司…: the name runs on (the company rules see it)
    return Match(s1, e2, sentence[s1:e2], sentence[s1:e2], "platform", 0.5, "firm")


_ENUM_LEAD = re.compile(r"(?:包括|包含|例如|比如|诸如|像)")
_ENUM_BEFORE = re.compile(r"(?:包括|包含|例如|比如|诸如|如|像)[：:“\"]?$")
_ENUM_AFTER = re.compile(r"等(?:(?:\d+家|多家|几家|在内的)?(?:多家)?(?:网贷平台|P2P平台|理财平台|平台|公司|企业|机构|APP|app)"
                         r"|(?:相继|纷纷|先后|均|都|皆))")   # A、B、C等相继跑路: the list is the subject
_LIST_ITEM = re.compile(r"[^、，,。；;：:（）()“”\"\s和及与等]{2,10}")


def list_names(sentence: str, tokens, mentions_rel) -> list[Match]:
    """A known name in a 、-list makes its list mates names too (A、B、C等平台): each mate is
    2–10 characters, cut by jieba at its edges and made of no verb, adverb, number or
    function word. Returns sentence-relative Matches (confidence 0.5: subjects of events, not reported in `platforms` alone)."""
    if "、" not in sentence:
        return []
    cfg = _cfg()
    starts = {s: i for i, (s, e, w) in enumerate(tokens)}
    ends = {e: i for i, (s, e, w) in enumerate(tokens)}
    items = []
    for m in _LIST_ITEM.finditer(sentence):
        items.append((m.start(), m.end()))
    out = []
    # group items separated only by 、
    groups, cur = [], []
    for it in items:
        if cur and sentence[cur[-1][1]:it[0]] in ("、",):
            cur.append(it)
        else:
            if len(cur) >= 2:
                groups.append(cur)
            cur = [it]
    if len(cur) >= 2:
        groups.append(cur)
    for g in groups:
        lead = _ENUM_LEAD.match(sentence, g[0][0])
        if lead and g[0][1] - lead.end() >= 2:
            g[0] = (lead.end(), g[0][1])   # 包括A、B: the list starts after 包括
        known = [it for it in g if any(ms == it[0] and me == it[1] for ms, me in mentions_rel)]
        # an enumeration of three or more (包括A、B、C等 / A、B、C等平台) needs no known member
        enumerated = len(g) >= 3 and (lead or _ENUM_BEFORE.search(sentence, max(0, g[0][0] - 4), g[0][0])
                                      or _ENUM_AFTER.match(sentence, g[-1][1]))
        if not known and not enumerated:
            continue
        for s, e in g:
            if any(s < me and ms < e for ms, me in mentions_rel):
                continue
            if s not in starts or e not in ends:
                continue
            ws = [w for _, _, w in tokens[starts[s]:ends[e] + 1]]
            name = sentence[s:e]
            # a one-character ending is the name's own (华融|道), whatever jieba calls it
            checked = ws[:-1] if len(ws) > 1 and len(ws[-1]) == 1 and _HAN_OR_ALNUM.match(ws[-1]) \
                and ws[-2] + ws[-1] not in cfg["triggers"] else ws
            if name in cfg["generic"] or any(w in cfg["stops"] or w in cfg["triggers"] or word_tag(w) in _LIST_BAD_POS for w in checked):
                continue
            if all(_is_location(w) for w in ws) or (len(ws) == 1 and in_dictionary(name) and word_tag(name) not in _PROPER_POS):
                continue
            if person_like(name):
                continue   # 被告单位A公司、于西明、苏银霞: the defendants, persons
            out.append(Match(s, e, name, name, "platform", 0.5, "list"))
    return out


def new_word_candidates(sentence: str, tokens, mentions_rel):
    """Unknown words that may be names: an out-of-dictionary token (jieba's HMM found a new
    word) joined to the name-suffix tokens after it (…钱包, …国际, …币), 3–10 characters, with
    a name suffix. Returns [(start, end)] sentence-relative. The caller keeps only those the
    text repeats (a text about a new platform names it more than once)."""
    cfg = _cfg()
    out = []
    n = len(tokens)
    suffixes, suffix_t = cfg["new_suffix"], cfg["new_suffix_t"]
    words = [t[2] for t in tokens]
    # cheap test first: the word or the token after it must end like a name
    maybe = [i for i, w in enumerate(words) if w.endswith(suffix_t) or (i + 1 < n and words[i + 1] in suffixes)]
    for i in maybe:
        s, e, w = tokens[i]
        if len(w) < 2 or w.isascii():
            continue
        if not _oov(w) or _debris(w) or not _HAN_OR_ALNUM.match(w):
            continue
        j, end = i + 1, e
        while j < n and tokens[j][0] == end and tokens[j][2] in cfg["new_suffix"] and end - s + len(tokens[j][2]) <= 10:
            end = tokens[j][1]
            j += 1
        name = sentence[s:end]
        if len(name) < 3 or not name.endswith(cfg["new_suffix_t"]) or name in cfg["generic"]:
            continue
        if any(s < me and ms < end for ms, me in mentions_rel):
            continue
        out.append((s, end))
    return out


# 涉嫌非法集资的X / 涉嫌非法吸收公众存款犯罪的X: the trigger (with the crime noun it may
# carry) is a relative clause on the name after 的; not so …案的最新进展, the case's own things
_DE_AFTER_TRIGGER = re.compile(r"(?:犯罪|罪)?的")


def after_de(text: str, trig_end: int, limit: int | None = None) -> int | None:
    """Where the name starts when a 的 closes the trigger's relative clause, else None."""
    m = _DE_AFTER_TRIGGER.match(text, trig_end, len(text) if limit is None else limit)
    return m.end() if m else None


def after_de_names(sentence: str, tokens, trig_spans, mentions_rel) -> list[Match]:
    """The subject named after 的 behind its trigger: 涉嫌非法吸收公众存款的X, 被警方查处的X."""
    return names_after(sentence, tokens, [after_de(sentence, te) for ts, te in trig_spans], mentions_rel)


_PRONOUN_START = set("它他她我你这那其该此")


def object_name(name: str, tokens, start: int) -> bool:
    """A name right after 投诉/举报/曝光 starts with a word, not a lone character (投诉|人…,
    曝光|它…, 投诉|无门), and is no pronoun, bare place or person (举报|杨定平)."""
    first = next((w for s, e, w in tokens if s == start), "")
    if len(first) < 2 or name[0] in _PRONOUN_START or _is_location(name):
        return False
    return not (first == name and person_like(name))


def names_after(sentence: str, tokens, starts_at, mentions_rel) -> list[Match]:
    """The name that starts at each of `starts_at` (None: none there): the run of unknown
    words and proper nouns from there, with one head noun (…公寓, …医院) at most, as
    slot_names tests them but walking right; only where no known name starts there already.
    Sentence-relative Matches (0.5)."""
    cfg = _cfg()
    out = []
    starts = {s: j for j, (s, e, w) in enumerate(tokens)}
    for at in starts_at:
        if at is None or at not in starts:
            continue
        if any(ms == at for ms, me in mentions_rel):
            continue
        j = starts[at]
        k, chars, strong, end = j, 0, False, None
        while k < len(tokens):
            w = tokens[k][2]
            kind, tag = _slot_word(w, cfg)
            if kind == "stop":
                break
            if kind == "proper":
                strong = strong or not _is_location(w)
            elif kind == "other":
                if strong and tag in ("n", "ng") and len(w) <= 3 and chars + len(w) <= 10:
                    chars += len(w)
                    end = tokens[k][1]   # a head noun closes the name (…公寓, …商城)
                break
            if chars + len(w) > 10:
                break
            chars += len(w)
            end = tokens[k][1]
            k += 1
        if not strong or end is None or chars < 2:
            continue
        name = sentence[at:end]
        if name in cfg["generic"] or any(at < me and ms < end for ms, me in mentions_rel):
            continue
        out.append(Match(at, end, name, name, "platform", 0.5, "slot"))
    return out
