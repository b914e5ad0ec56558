"""Article text -> events: names (gazetteer automaton + discovery), triggers (automaton),
then per trigger its subject, polarity and arguments. See __init__ for the contract."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import ahocorasick

from . import arguments as args
from . import lexicon
from .discover import discover, has_context, links
from .gazetteer import Match, fold, resolve
from .mentions import (MIN_NAME_CONFIDENCE, addressed, caller_names, consistent_names, cut_authority, placed_names,
                       whole_names, with_caller_names)
from .polarity import no_polarity_words, polarity
from .segment import add_gazetteer, cut_with_spans, in_dictionary, word_tag
from .sentences import clause_bounds, clause_of, sentences
from .slots import after_de, after_de_names, firm_names, list_names, names_after, new_word_candidates, object_name, slot_names
from .subjects import continues, distributed, persons_of_names, pick_subject, siblings

# every event row carries this (events.extractor_version): bump it when the answers change, so
# that rows tagged before and after a change can be told apart (1.1: the tagger of issue 4's
# later sessions: per-name amounts, fines, polarity scopes, persons named again; 1.2: less
# common surnames beside a role, a clause's persons kept to its own trigger; 1.3: advice cues
# 应通过 and 依法理性, a warning against rumours denies nothing, a 不/没/未/非 right before
# the trigger denies it, what a text avoids or resists is no event, 据传 is hearsay; 1.4: a
# question or a condition before the trigger makes it possible: 是不是/有没有/会不会, 除非, 莫非;
# 万一 and 假如 are ifs, 担心 and 担忧 fears; what follows a contrast (但是) stands against a
# sentence-wide cue before it)
TAGGER_VERSION = "tag-1.4"
MIN_CONFIDENCE = 0.35
PERSON_CODES = ("person.detained", "person.fled", "person.sentenced")
INDUSTRY_CODES = ("regulator.policy",)
# a fine or a confiscation is the size of these events only (amount_cues.tsv: penalty)
PENALTY_CODES = ("person.sentenced", "regulator.action")
_LISTED = ("gazetteer", "caller")   # name sources that need no context to count as names
# a sentence worth cutting into words even without a trigger (it may name a platform)
_NAME_CUE = re.compile(r"公司|集团|平台|[“”「」【】]|贷|金服|财富|理财|钱包|金融|在线|宝|网|简称|旗下")


@lru_cache(maxsize=1)
def _trigger_automaton():
    a = ahocorasick.Automaton()
    for trig in lexicon.words("trigger_blocks.txt"):
        a.add_word(trig, (trig, "", 0.0))   # found, then dropped: see _find_triggers
    for trig, code, weight in lexicon.triggers():
        a.add_word(trig, (trig, code, weight))
    a.make_automaton()
    return a


@lru_cache(maxsize=1)
def _object_triggers() -> frozenset:
    return lexicon.words("object_triggers.txt")


def _find_triggers(text: str):
    """Leftmost-longest trigger matches: [(start, end, trigger, code, weight)]."""
    cands = []
    for end, (trig, code, weight) in _trigger_automaton().iter(text):
        cands.append((end - len(trig) + 1, -(end + 1), trig, code, weight))
    cands.sort()
    out, last = [], -1
    for s, ne, trig, code, weight in cands:
        if s < last:
            continue
        if code:   # a blocking phrase (融资平台) hides the trigger inside it
            out.append((s, -ne, trig, code, weight))
        last = -ne
    return out


# 董事长失联 / 实控人已跑路: the executive vanished (person.fled), which says less about the
# platform than the platform vanishing; a role word right before the trigger (or before a
# name right before it), with at most an adverb between, says who did. Not 老板跑路: that is
# how the trade says the platform ran.
_VANISH_GAP = re.compile(r"(?:已经|已|突然|均|疑似|疑|或已|早已)?$")
_PLATFORM_IDIOM_ROLES = frozenset({"老板"})


def _executives_vanish(text, trigs):
    out = []
    for s, e, trig, code, weight in trigs:
        if code == "platform.absconded":
            gap = _VANISH_GAP.search(text, max(0, s - 4), s)
            role = args.role_ending_at(text, gap.start()) or args.role_before_name(text, gap.start())
            if role and role not in _CRIMINAL_ROLES and role not in _PLATFORM_IDIOM_ROLES:
                code = "person.fled"
        out.append((s, e, trig, code, weight))
    return out


@lru_cache(maxsize=1)
def _payout_cues() -> tuple[str, ...]:
    return tuple(lexicon.words("payout_cues.txt"))


def _named_case(text, mentions) -> bool:
    """A platform named as a criminal case: e租宝案, “e租宝”案件 (not 案例, a case study)."""
    after = (text[m.end:m.end + 3].lstrip("”\"」’") for m in mentions)
    return any(a.startswith("案") and not a.startswith("案例") for a in after)


def _court_payouts(s_trigs, sent, named_case) -> tuple[list, bool]:
    """(the sentence's triggers, whether it tells a court's payout). Bare 清退 is
    recovery.repayment where the police or a court pays victims back (北京警方…将及时组织后续
    清退, e租宝案已进行首次资金清退), elsewhere the platform's orderly exit. named_case: a
    function (asked only where a trigger holds 清退 and no payout cue says so) saying whether
    the sentence, or the one before it that this one goes on from, names a platform as a case
    (_named_case)."""
    if not any("清退" in t[2] for t in s_trigs) \
            or not (any(w in sent for w in _payout_cues()) or named_case()):
        return s_trigs, False
    return [(s, e, trig, "recovery.repayment", weight) if trig == "清退" else (s, e, trig, code, weight)
            for s, e, trig, code, weight in s_trigs], True


@lru_cache(maxsize=1)
def _firm_report_re():
    # the firm word, or \x00 where _reported_by_firm put a named platform, as the clause's actor
    firms = "|".join(map(re.escape, sorted(lexicon.words("firm_reporters.txt"), key=len, reverse=True)))
    return re.compile(r"(?:(?<![\u4e00-\u9fa5])(?:" + firms + r")|\x00)(?:已经|已|随即|立即|也|第一时间)?"
                      r"(?:就[^，。；]{0,12})?向[^，。；]{0,20}$")


def _reported_by_firm(text, clause_start, ts, mentions) -> bool:
    """公司已向警方报案 / 红岭创投已就谣言向警方报案: the firm itself reports to the police."""
    head = text[clause_start:ts]
    for m in sorted(mentions, key=lambda m: -m.start):   # a named platform counts like 公司
        if clause_start <= m.start and m.end <= ts:
            head = head[:m.start - clause_start] + "\x00" + head[m.end - clause_start:]
    return bool(_firm_report_re().search(head))


def tag_text(text, title=None, published_at=None, gazetteer=None, names=None, risk_model=None,
             name_pick=None) -> dict:
    """Events and platform names of one text; `risk_names` are the names it is bad news about
    (see risk_model: the names of its affirmed risk events, or a learned model's pick).
    name_pick: a learned pick of the text's platform names among those recognised (see
    name_pick); without one, `platforms` lists every recognised name."""
    from . import risk_model as rm
    names = caller_names(names)
    gazetteer = resolve(gazetteer)   # once: rows given as a list would be built into a gazetteer each time
    answer = _tag(text, title, published_at, gazetteer, names)
    if risk_model is None:
        answer["risk_names"] = rm.rule_risk_names(answer)
    else:
        answer["risk_names"] = rm.learned_risk_names(risk_model, text or "", title, names, answer)
    if name_pick is not None:   # after the risk pick, which weighs every recognised name
        from .name_pick import pick
        answer["platforms"] = pick(name_pick, text or "", title, answer["platforms"], gazetteer)
    return answer


def _tag(text, title, published_at, gazetteer, names) -> dict:
    """names: the caller's, already checked and ordered by caller_names."""
    text = text or ""
    gz = resolve(gazetteer)
    add_gazetteer(gz)
    published = args.parse_published(published_at)

    known = with_caller_names(text, placed_names(gz, whole_names(text, gz.find(text))), names, gz)
    trigs = _executives_vanish(text, _find_triggers(text))
    units = []   # (sentence start, end, mentions, triggers)
    all_mentions: list[Match] = []
    new_words = []   # (start, end, the sentence's mention list)
    ki = ti = 0
    payout_before = False   # the sentence before paid a case's victims (_court_payouts)
    for s, e in sentences(text):
        sent = text[s:e]
        while ki < len(known) and known[ki].start < s:
            ki += 1
        kj = ki
        while kj < len(known) and known[kj].end <= e:
            kj += 1
        s_known = known[ki:kj]
        while ti < len(trigs) and trigs[ti][0] < s:
            ti += 1
        tj = ti
        while tj < len(trigs) and trigs[tj][1] <= e:
            tj += 1
        # a sentence naming no platform goes on from the payout before it (…首次资金清退。两次清退合计…)
        s_trigs, payout_before = _court_payouts(
            trigs[ti:tj], sent, lambda: (payout_before and not s_known) or _named_case(text, s_known))
        mentions = list(s_known)
        if s_trigs or (_NAME_CUE.search(sent) and has_context(sent)):
            rel = [(m.start - s, m.end - s) for m in s_known]
            tokens = cut_with_spans(sent, rel)
            found = discover(sent, tokens, rel, s)
            # the caller's naming wins: no discovered name may swallow one of its names
            found = [f for f in found if not any(k.source == "caller" and f.start <= k.start and k.end <= f.end
                                                 for k in s_known)]
            wholes = [m for m in found if m.kind == "company" or m.source == "quoted"]
            mentions = [k for k in mentions if not any(c.start <= k.start and k.end <= c.end for c in wholes)]
            mentions += found
            m_rel = [(m.start - s, m.end - s) for m in mentions]
            extra = list_names(sent, tokens, m_rel)
            m_rel += [(m.start, m.end) for m in extra]
            slots = [(ts - s, te - s) for ts, te, _, code, _ in s_trigs if code not in PERSON_CODES and code not in INDUSTRY_CODES]
            if s_trigs and args.has_role(sent):
                # X实控人Y / X董事长Y: the words before a corporate role name the employer
                roles = [(_before_count(sent, r.start()), r.end()) for r in args._role_re().finditer(sent)
                         if r.group(1) not in _CRIMINAL_ROLES]
                extra += slot_names(sent, tokens, roles, m_rel)
                m_rel = m_rel + [(m.start, m.end) for m in extra]
            if slots:
                extra += slot_names(sent, tokens, slots, m_rel)
                extra += firm_names(sent, tokens, slots, m_rel + [(m.start, m.end) for m in extra])
                extra += after_de_names(sent, tokens, slots, m_rel + [(m.start, m.end) for m in extra])
                # 投诉X / 举报X / 曝光X: the name right after an object-first trigger
                objects = [te - s for ts, te, trig, _, _ in s_trigs if trig in _object_triggers()]
                extra += [m for m in names_after(sent, tokens, objects, m_rel + [(m.start, m.end) for m in extra])
                          if object_name(m.surface, tokens, m.start)]
            for m in extra:
                m.start += s
                m.end += s
            mentions += extra
            for a, b in new_word_candidates(sent, tokens, m_rel):
                new_words.append((s + a, s + b, mentions))
            mentions.sort(key=lambda m: m.start)
        if mentions:
            mentions = [m for m in mentions if not cut_authority(text, m)]
        all_mentions += mentions
        if mentions and any(w in sent for w in _crime_words()):
            s_trigs = _case_triggers(text, mentions, s_trigs)
        units.append((s, e, mentions, s_trigs))

    # new words the text repeats: a text about a new platform names it more than once
    for a, b, mentions in new_words:
        word = text[a:b]
        if text.count(word) >= 2 and not any(a < m.end and m.start < b for m in mentions):
            nm = Match(a, b, word, word, "platform", 0.6, "repeated")
            mentions.append(nm)
            mentions.sort(key=lambda m: m.start)
            all_mentions.append(nm)

    all_mentions = consistent_names(text, units, all_mentions)

    # title: names and events that the body may not repeat (offsets are None: not in text)
    t_mentions, t_trigs = [], []
    if title and title.strip() and title.strip() not in text[: len(title) + 10]:
        t_known = with_caller_names(title, gz.find(title), names, gz)
        rel = [(m.start, m.end) for m in t_known]
        t_mentions = sorted(t_known + discover(title, cut_with_spans(title, rel), rel, 0), key=lambda m: m.start)
        t_trigs, _ = _court_payouts(_find_triggers(title), title, lambda: _named_case(title, t_mentions))

    link = {m.surface: gz.lookup(m.surface)[0] for m in all_mentions + t_mentions
            if m.kind == "company" and gz.lookup(m.surface) and gz.lookup(m.surface)[1] == "company"}
    link.update(links(text, all_mentions))
    if title:
        link.update(links(title, t_mentions))
    # a company whose trade name is a known platform (北京资易贷公司 -> 资易贷) is that platform's
    for m in all_mentions + t_mentions:
        if m.kind == "company" and m.surface not in link:
            inner = [k for k in gz.find(m.surface) if k.kind == "platform" and k.end - k.start >= 2]
            if inner:
                link[m.surface] = max(inner, key=lambda k: k.end - k.start).canonical
    topic = _topic(t_mentions, [m for m in all_mentions if m.confidence >= 0.8], all_mentions, text)

    events, seen = [], {}
    people: dict[str, str] = {}
    for s, e, mentions, s_trigs in units:
        # @X on Weibo addresses X (a bank, a newspaper, the police) for attention: X is no
        # subject of what the post reports
        subjects = [m for m in mentions if not addressed(text, m)]
        for ev in _sentence_events(text, s, e, subjects, s_trigs, topic, link, published, people):
            _keep(events, seen, ev)
    if t_trigs:
        t_subjects = [m for m in t_mentions if not addressed(title, m)]
        for ev in _sentence_events(title, 0, len(title), t_subjects, t_trigs, topic, link, published, people):
            ev["evidence"] = {"sentence": title, "start": None, "end": None, "field": "title"}
            if (ev["event_type"], ev["subject"]) not in {(x["event_type"], x["subject"]) for x in events}:
                _keep(events, seen, ev)

    _document_events(events, seen, text, title, t_mentions, all_mentions, link)

    platforms = []
    for m in t_mentions + all_mentions:
        if m.confidence < MIN_NAME_CONFIDENCE:
            continue
        if _loose_company(m, link):
            continue   # a company name no list or sentence ties to a platform is not a platform name
        if m.surface in gz.not_names:
            continue
        name = link.get(m.surface) if m.kind == "company" and link.get(m.surface) else m.canonical
        # an alias as the text writes it too (酒掌柜, which a list files under 农信国投): the
        # name the text knows the platform by
        for n in (name, m.canonical) + ((m.surface,) if fold(m.surface) != fold(m.canonical) else ()):
            if n not in platforms:
                platforms.append(n)
    return {"events": events, "platforms": platforms}


_CASE_AFTER = re.compile(r"[”\"」』]?(?:一案|案件|案)")


_COUNT_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十几多数]+)(?:名|位|个)?$")


def _before_count(sent, role_start) -> int:
    """Where the words before a role end when a head count stands between (快鹿|两|高管,
    权健|18名|实控人): the count belongs to the role, the name is before it."""
    m = _COUNT_BEFORE.search(sent, max(0, role_start - 4), role_start)
    return m.start() if m and m.start() > 0 else role_start


@lru_cache(maxsize=1)
def _crime_words() -> tuple[str, ...]:
    return tuple(lexicon.words("crime_words.txt"))


def _case_triggers(text, mentions, s_trigs):
    """“X案”, X案件 in a sentence about a crime: the case is against X (善林金融案, 唐小僧案)."""
    extra = []
    for m in mentions:
        c = _CASE_AFTER.match(text, m.end)
        if c and not any(ts < c.end() and c.start() < te for ts, te, *_ in s_trigs):
            extra.append((c.end() - 1, c.end(), "案", "platform.police_case", 0.6))
    return sorted(s_trigs + extra) if extra else s_trigs


# Risk events (the codes a reader counts as bad news about a platform). A text that affirms
# one is about its salient names as a whole: see _document_events.
RISK_CODES = frozenset({
    "platform.absconded", "platform.withdrawal_halt", "platform.shutdown", "platform.police_case",
    "platform.orderly_exit", "person.detained", "person.fled", "person.sentenced",
    "regulator.action", "investor.protest", "recovery.blacklist"})
# the events that make a whole text bad news about its platforms (not a credit-record
# mention, 征信/黑名单, which is mostly about borrowers)
DOC_RISK_CODES = RISK_CODES - {"recovery.blacklist"}
DOC_CONFIDENCE = 0.45   # a document-level attribution, below any sentence-level one
_HASHTAG = re.compile(r"#([^#\n]{2,30})#")


def _document_events(events, seen, text, title, t_mentions, mentions, link):
    """What the text is about: when it affirms a risk event, its salient platforms share it
    even where no sentence ties them to a trigger (a Weibo post whose hashtag names the
    platform, a title naming two platforms, a name the text keeps repeating). Salient: named
    in the title or a #hashtag#, named at least twice, or one of the caller's names (the
    caller says the text is about them); never a name only @-addressed. The added event copies the
    strongest risk event's type and evidence, with evidence.field = "document" and a low
    confidence."""
    risk = [e for e in events if e["event_type"] in DOC_RISK_CODES and e["polarity"] == "affirmed" and e["platform"]]
    if not risk:
        return
    best = max(risk, key=lambda e: e["confidence"])
    # a name with an event of its own (清盘 … 由X收购, 存管银行X) has its own role in the text
    done = {e["platform"] for e in risk} | {e["subject"] for e in risk}
    tags = [(m.start(1), m.end(1)) for m in _HASHTAG.finditer(text)]
    counts = Counter(m.canonical for m in mentions)
    salient: dict[str, Match] = {}   # platform -> its first salient mention
    n_title = len(t_mentions)
    for i, m in enumerate(t_mentions + mentions):
        if m.confidence < MIN_NAME_CONFIDENCE or _loose_company(m, link):
            continue
        if i >= n_title and addressed(text, m):
            continue
        in_title = i < n_title or bool(title and m.surface in title)
        in_tag = i >= n_title and any(a <= m.start and m.end <= b for a, b in tags)
        if in_title or in_tag or counts[m.canonical] >= 2 or m.source == "caller":
            name = _platform_of(m, link)
            if name not in done and name not in salient:
                salient[name] = m
    for name, m in salient.items():
        # the sizes in the evidence sentence are the strongest event's subject's, not this name's
        ev = dict(best, subject=name, subject_text=m.surface, subject_kind="platform", platform=name,
                  company=_company_of(m, name, link), persons=[], amount_yuan=None, investor_count=None,
                  confidence=round(min(best["confidence"], DOC_CONFIDENCE), 3),
                  evidence=dict(best["evidence"], field="document"))
        _keep(events, seen, ev)


_CRIMINAL_ROLES = frozenset({"主犯", "被告人", "犯罪嫌疑人", "嫌疑人"})


@lru_cache(maxsize=1)
def _negators() -> tuple[frozenset, int]:
    words = lexicon.words("trigger_negators.txt")
    return words, max(map(len, words))


def _negated(text, s, ts) -> bool:
    """A negator right before the trigger (反欺诈), or a word of two or more characters up to
    two characters before it (不得|设立|资金池, 严禁|从事|非法集资); never where it opens a
    word that polarity.tsv says is no negation (不得不, had to)."""
    words, longest = _negators()
    for gap in range(0, 3):
        for n in range(1 if gap == 0 else 2, longest + 1):
            a = ts - gap - n
            if a >= s and text[a:ts - gap] in words \
                    and not any(text.startswith(w, a) for w in no_polarity_words()):
                return True
    return False


def _keep(events, seen, ev):
    key = (ev["event_type"], ev["subject"], ev["evidence"]["start"])
    if key in seen:
        old = seen[key]
        if ev["confidence"] > old["confidence"]:
            old.update(ev)
        return
    seen[key] = ev
    events.append(ev)


def _topic(in_title, listed, mentions, text):
    """The platform the article is about: the title's first name, else the first listed name
    the body names as itself, not only as an example (其中包括牛板金等平台: a story on borrowers'
    debt evasion is not about 牛板金), else the most named."""
    if in_title:
        return in_title[0]
    listed = [m for m in listed if not _EXAMPLE_AFTER.match(text, m.end)]
    if listed:
        return listed[0]
    mentions = [m for m in mentions if not _EXAMPLE_AFTER.match(text, m.end)]
    counts = Counter(m.canonical for m in mentions if m.confidence >= 0.6)
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(m for m in mentions if m.canonical == best)


# a name followed by 等 (and 平台, 机构 …) stands for a kind: it is an example, not the topic
_EXAMPLE_AFTER = re.compile(r"[”\"]?等(?:[\d一二三四五六七八九十几多数]+家)?(?:网贷|P2P)?(?:平台|机构|公司|企业)")


def _loose_company(m: Match, link) -> bool:
    """A company name that neither a list (or the caller) gives nor the text ties to a platform."""
    return m.kind == "company" and m.source not in _LISTED and not link.get(m.surface)


def _company_of(m: Match, platform, link) -> str | None:
    """The legal entity as the text names it: the mention itself when it is a company name,
    else the company the text ties to its platform (X有限公司（Y平台）, X公司旗下Y)."""
    full = next((c for c, p in link.items() if p in (platform, m.surface) and c != m.surface), None)
    if m.kind == "company":
        return full or m.surface   # 源大工贸有限公司（以下简称源大公司）: the registered name
    return full


_SHORT_COMPANY = re.compile(r"^([\u4e00-\u9fa5A-Za-z0-9]{2,4})公司$")


def _platform_of(m: Match, link) -> str:
    if m.kind == "company":
        if link.get(m.surface):
            return link[m.surface]
        # 牛牛通宝公司, 康乐福公司: the news's short form of firm X; its platform is X
        short = _SHORT_COMPANY.match(m.surface)
        if short and not _common_word(short.group(1)):   # not 贷款公司, 租赁公司: kinds of firm
            return short.group(1)
        return m.surface
    return _without_group_mark(m.canonical)


def _common_word(w: str) -> bool:
    return in_dictionary(w) and word_tag(w) not in ("nz", "nr", "nrt", "nrfg", "nt", "j", "ns")


def _without_group_mark(name: str) -> str:
    """“X系” is the group named by its platform X: the platform is X."""
    return name[:-1] if name.endswith("系") and len(name) >= 3 else name


_AFTER_DE = re.compile(r"(?:还有|也有|另有|包括|就是|便是|正是|是)[：:“\"]?")
@lru_cache(maxsize=1)
def _many_platforms_pattern():
    counts = "|".join(sorted(lexicon.words("many_platforms.txt"), key=len, reverse=True))
    # …or a head count of them, with a few words between (数百家正常运营平台, 20余家P2P平台)
    return re.compile(rf"(?:{counts})(?:网贷|P2P|p2p|问题)?(?:平台|机构|公司)"
                      r"|(?:\d+|[数几上近十百千万多])余?家[\u4e00-\u9fa5A-Za-z0-9]{0,6}?(?:平台|机构)")


def _many_platforms(sent: str) -> bool:
    """The words speak of many platforms at once (部分平台, 多家网贷机构): see many_platforms.txt.
    Given the sentence up to a trigger: 又一家平台被立案侦查，多家平台最新进展 is about one."""
    return _many_platforms_pattern().search(sent) is not None


@lru_cache(maxsize=1)
def _commentary_pattern():
    cues = lexicon.kinds("commentary.tsv")
    opener = "|".join(map(re.escape, sorted(cues["opener"], key=len, reverse=True)))
    return re.compile(rf"^[^，。]{{0,8}}?(?:{opener})[^，。]{{0,6}}?(?:表示|认为|指出|分析|称|介绍|提醒)"), tuple(cues["anaphor"])


def _commentary(sent: str) -> bool:
    """An observer's general remark (业内人士表示，存管是备案的硬性条件之一) that points back at
    no platform (该平台): see commentary.tsv."""
    opener, anaphors = _commentary_pattern()
    return opener.search(sent) is not None and not any(a in sent for a in anaphors)


def _firm_name(sent, s, name, mentions, link) -> bool:
    """`name` is one the sentence gives a platform or company: a mention's own, the short name
    the text ties to one (广东万家乐股份有限公司(以下简称：万家乐)), or written only inside
    mentions (offsets from s)."""
    if any(name in (m.surface, link.get(m.surface)) for m in mentions):
        return True
    at = sent.find(name)
    while at >= 0:
        if not any(m.start - s <= at and at + len(name) <= m.end - s for m in mentions):
            return False
        at = sent.find(name, at + 1)
    return True


def _persons_of_trigger(sent, bounds, persons, at, s_trigs, s, people):
    """The persons a person trigger at `at` is about. A person of another clause that holds a
    person trigger of its own is that trigger's: always where the clause comes later (…童某兵已
    被批准逮捕，高管赵某扬已被取保候审: 赵某扬 is on bail, not arrested), and where it comes
    earlier if this trigger has persons besides (…易德勤投案自首，永利宝董事长余刚…跑路: 易德勤
    did not flee; but 实控人张某外逃，后被抓获 is 张某 caught).
    Where every person is a later trigger's, those of `people` (named with a role by the text
    before) that the sentence names again bare take their place (自首的陶蕾及卢伟…，实控人邬再平
    已失联); failing them, a lone person stays the sentence's person for every trigger."""
    if not persons:
        return persons
    if at and sent[at - 1] in "（(":
        # 被告人李维、聂辉与王某（在逃）: a trigger written as an aside on a name is that person's
        aside_of = [p for p in persons if sent.endswith(p["name"], 0, at - 1)]
        if aside_of:
            return aside_of
    own = clause_of(bounds, at)
    others = {clause_of(bounds, ts - s) for ts, _, _, code, _ in s_trigs if code in PERSON_CODES} - {own}
    later = {c for c in others if c > own}

    def outside(group, clauses):
        return [p for p in group if clause_of(bounds, max(0, sent.find(p["name"]))) not in clauses]
    named = {p["name"] for p in persons}
    mine = outside(persons, later) \
        or outside([p for p in args.named_again(sent, people) if p["name"] not in named], later)
    if mine:
        return outside(mine, others) or mine
    return persons if len(persons) < 2 else []


def _sentence_events(text, s, e, mentions, s_trigs, topic, link, published, people):
    """people: the persons the text has named with a role so far (name -> role), which this
    sentence's person events add to and find again without their role."""
    sent = text[s:e]
    bounds = clause_bounds(sent)
    out = []
    persons_cache = None
    # the sentence-level arguments are the same for every trigger in the sentence
    sent_args = {"investor_count": args.investor_count(sent),
                 "location": args.location(sent), "authority": args.authority(sent)} if s_trigs else {}
    # every name of the sentence bounds the figures of the name before it (A逾期5亿元，B…)
    names = [(m.start - s, m.surface) for m in mentions if s <= m.start < e]
    sizes = {}   # whether fines count (PENALTY_CODES) -> args.sizes: (the largest figure, each name's)
    prev_subjects = []   # the subjects of the sentence's last platform event
    for ts, te, trig, code, weight in s_trigs:
        if any(ts < m.end and m.start < te for m in mentions):
            continue   # the trigger is part of a name (e.g. …诈骗案 inside a title name)
        if code in RISK_CODES and _negated(text, s, ts):
            continue   # 反欺诈, 打击非法集资, 不得设立资金池: fighting or forbidding the thing, no event
        clause_start = s + bounds[clause_of(bounds, ts - s)]
        if code == "investor.protest" and trig in ("报案", "报警") and _reported_by_firm(text, clause_start, ts, mentions):
            continue
        pol, cue = polarity(sent, clause_start - s, ts - s, te - s)
        # 宣布清盘的X / 涉嫌非法集资的X: the trigger is a relative clause on the name after 的
        # (被立案的还有X / 爆雷的包括X: the same after 还有/包括/是)
        subj = None
        de = after_de(text, te, e)
        if de is not None:
            lead = _AFTER_DE.match(text, de)
            at = lead.end() if lead else de
            subj = next((m for m in mentions if m.start == at), None)
        factor = 1.0
        if subj is None and prev_subjects and continues(sent, bounds, ts - s, mentions, s):
            subj = prev_subjects[0]   # X…，并因涉嫌…被立案: the clause goes on about X
        object_first = trig in _object_triggers()
        if subj is None and object_first and text[ts - 1:ts] == "的":
            # X的投诉量 / 对X的举报: the name before 的 is what the complaint is about
            subj = next((m for m in mentions if m.end == ts - 1), None)
        if subj is None:
            subj, factor = pick_subject(mentions, bounds, s, ts, te, object_first)
        if subj is not None:
            # 对X有限公司（Y平台）立案 / X有限公司（以下简称“Y公司”）: the company is the legal
            # subject, Y its platform or short name
            for c in mentions:
                if c is not subj and c.kind == "company" and c.end <= subj.start <= c.end + 12 \
                        and link.get(c.surface) in (subj.surface, subj.canonical):
                    subj = c
                    break
        subjects = siblings(mentions, subj, text) if subj else []
        if subjects:
            subjects += distributed(text, s, bounds, mentions, subjects, ts)
        if subj is not None and subj.kind == "platform":
            # X有限公司（运营“Y”平台）/ X公司（Y、Z平台）: the company in front of the bracket
            # holding the platform is the legal subject too
            for c in mentions:
                if c.kind == "company" and c.end <= subj.start and c not in subjects \
                        and text[c.end:c.end + 1] in "（(" and not re.search(r"[）)。；]", text[c.end + 1:subj.start]) \
                        and subj.start - c.end <= 12:
                    subjects = [c] + subjects
                    break
        if subjects and code not in PERSON_CODES:
            prev_subjects = subjects
        if not subjects and topic is not None and code not in INDUSTRY_CODES and not _many_platforms(sent[:te - s]) \
                and not _commentary(sent):
            subjects, factor = [topic], 0.6
        fines = code in PENALTY_CODES
        if fines not in sizes:
            sizes[fines] = args.sizes(sent, names, penalties=fines)
        amount, by_name = sizes[fines]
        base = {
            "event_type": code, "polarity": pol, "trigger": trig,
            "evidence": {"sentence": sent, "start": s, "end": e},
            "extractor_version": TAGGER_VERSION,
            "persons": [], **sent_args, "amount_yuan": amount,
            "event_date": args.event_date(sent, ts - s, published),
        }
        if code in PERSON_CODES:
            if persons_cache is None:
                found = args.persons(sent) if args.has_role(sent) else []
                # 万家乐董事长失联: a name the sentence gives a platform or company is the
                # employer before the role, no person
                found = [p for p in found if not _firm_name(sent, s, p["name"], mentions, link)]
                persons_cache = found or args.named_again(sent, people)
                people.update((p["name"], p["role"]) for p in persons_cache if p["name"] not in people)
            base["persons"] = _persons_of_trigger(sent, bounds, persons_cache, ts - s, s_trigs, s, people)
        if code in INDUSTRY_CODES or not subjects:
            # a person event names its person even where no platform is named
            # (董事长胡立勇已与公司失联): the person is the subject, the platform unknown
            conf = round(weight * 0.6, 3)
            if conf >= MIN_CONFIDENCE:
                out += [dict(base, subject=person, subject_kind="person" if person else "industry",
                             platform=None, confidence=conf)
                        for person in [p["name"] for p in base["persons"]] or [None]]
            continue
        # only person events have persons; for the others this keeps the subjects as they are
        subjects, owner, free = persons_of_names(sent, s, base["persons"], subjects, mentions)
        for m in subjects:
            platform = _platform_of(m, link)
            conf = round(min(1.0, weight * factor * (0.6 + 0.4 * m.confidence)), 3)
            if conf < MIN_CONFIDENCE:
                continue
            # a person event has an event per person (persons_of_names); a name none of whose
            # persons the sentence gives stays the subject itself
            for person in owner.get(id(m)) or free or [None]:
                ev = dict(base, platform=platform, confidence=conf, company=_company_of(m, platform, link))
                if person:
                    ev.update(subject=person, subject_kind="person")
                else:
                    ev["persons"] = []   # the sentence's persons work for other names
                    # events.md: the subject is the gazetteer's canonical name when known; the name
                    # as the text writes it travels along as subject_text (测试贷 for 测试贷金融;
                    # “X系”, the group named by its platform, has X as subject and platform)
                    ev.update(subject=_without_group_mark(m.canonical if m.kind == "platform" else m.surface), subject_text=m.surface,
                              subject_kind="platform")
                    if by_name and s <= m.start < e:
                        ev["amount_yuan"] = by_name[m.surface]
                out.append(ev)
    return out
