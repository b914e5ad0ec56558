"""Finds platform and company names no list knows, from jieba tokens and context:
…有限公司/集团 company names (extended left over name-like tokens), …贷/…金服/…财富 tokens
near P2P vocabulary, X平台, “X”平台, 旗下X, and (简称X) aliases. Each gets a confidence."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .gazetteer import Match
from .segment import crosses_word, cut_words, in_dictionary, word_freq, word_tag

# parts of speech a name may be built from (jieba dictionary tags): nouns, place names,
# organisation names, abbreviations, Latin words, numbers (91金融), idioms used as brands
_NAME_POS = {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng", "m", "l", "i", "b", "an", "vn", "a", "s", "ng", "g", "x"}
_BRACKETS = "（）()"


def _bracket_depth(w: str, depth: int) -> int:
    """Walking left over a name: a closing bracket opens a nested part, an opening one closes
    it; -1 when an opening bracket has no partner (the name cannot start inside it)."""
    if w in "）)":
        return depth + 1
    return depth - 1 if depth else -1


def _past_open_brackets(tokens, i: int, k: int) -> int:
    """A name never starts with a bracket left over from the walk."""
    while i < k and tokens[i][2] in _BRACKETS:
        i += 1
    return i
_HAN_OR_ALNUM = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9·\.&]+$")
_HAN = re.compile(r"[\u4e00-\u9fa5]+")
_QUOTED = re.compile(r"[“\"「『【]([^“”\"」』【】\s，。、；：]{2,12})[”\"」』】]")
# (quotes may come doubled: copies of Weibo posts write ““X““)
_ALIAS = re.compile(r"[（(](?:以下|下文|后文)?(?:简称|下称|称)[：:]?[“\"]*([^）)”“\"，,；]{2,12})[”“\"]*(?:网贷平台|P2P平台|理财平台|平台)?[）)]")
# （Y平台）, （线上平台为“Y”）: the bracket after a company names its platform
_PAREN_AFTER = re.compile(r"^[（(](?:(?:其)?(?:旗下|线上|网上|网贷|运营)?(?:平台|品牌)(?:名称)?(?:为|是|名为|：|:))?[“\"]*([^（）()“”\"，,；]{2,12}?)[”“\"]*(?:平台|理财平台|网贷平台)?[）)]")
_RUNS = re.compile(r"^[^。；;！!？?“”\"]{0,24}?(?:运营|设立|开设|经营|开发|推出|上线|创办|搭建)了?"
                   r"(?:网络借贷|网贷|P2P|线上|网上|网络|互联网)?(?:投资|理财|借贷)?(?:平台)?[“\"]([^“”\"，。、]{2,10})[”\"]")
_PRONOUNS = set("其该本此我你他它")
_RUN_BY = re.compile(r"[“\"]([^“”\"，。、]{2,10})[”\"](?:网络借贷|网贷|P2P|理财|借贷)?(?:平台)?(?:的)?"
                     r"(?:运营主体|运营方|运营公司)(?:为|是)?[：:]?$")
_FIRM_COUNT = re.compile(r"[\d一二两三四五六七八九十百千几数多]+[余多]?家$")
_WANG_WORD = re.compile(r"网(?:贷|站|友|民|页|络|签|点)")
_LEAD_CHARS = set("对向在被由将与和及是据为从把让给经于称至")
_LEAD_WORDS = ("以下简称", "下文简称", "后文简称", "简称", "下称", "又称", "出资方", "借款方", "担保方", "运营方", "母公司", "子公司", "股东", "旗下", "包括", "其中", "以及")
_PLAT_AFTER = re.compile(r"^[”\"」]?(?:的)?(?:网贷平台|P2P平台|理财平台|平台|APP|app|理财)")
# “X”二手车众筹平台: a short description of its business between the quotes and 平台
_DESCRIBED_PLAT = re.compile(r"[\u4e00-\u9fa5]{2,6}?(?:众筹|网贷|借贷|理财|交易|金融)平台")
# words that open a description of a kind of business, not a name (互联网金融…, 网络借贷…)
_KIND_OPENERS = ("互联网", "网络", "传统", "国内", "中国", "民间", "普惠金融")
# “X”旗号 / “X”名义 / “X”概念: the quoted words are a slogan or a pretext
_SLOGAN_AFTER = re.compile(r"^(?:的)?(?:旗号|幌子|名义|概念|噱头|口号)")
# …平台“X” / 理财APP“X”: the platform word before the quotes says the same
_PLAT_BEFORE = re.compile(r"(?:平台|APP|app)[：:]?$")
# “X”非法吸收公众存款案 / “X”集资诈骗、…: a crime named right after the quotes is X's case
_CRIME_AFTER = re.compile(r"(?:涉嫌)?(?:非法吸收公众存款|非法集资|集资诈骗|诈骗|传销)")
_PLATFORM_WORDS = frozenset({"平台", "APP", "app"})
_QUOTE_LIST_AFTER = re.compile(r"(?:等)?(?:\d+家|多家|几家|一系列)?(?:网贷平台|P2P平台|理财平台|平台|公司|企业|机构|APP|app|案|系)")


@lru_cache(maxsize=1)
def _cfg():
    d = lexicon.discovery()
    return {
        "suffix": tuple(sorted(d.get("suffix", []), key=len, reverse=True)),
        "orgsuffix": tuple(sorted(d.get("orgsuffix", []), key=len, reverse=True)),
        "context": tuple(d.get("context", [])),
        "stops": lexicon.words("name_stops.txt"),
        "generic": lexicon.words("generic_names.txt"),
        "loc": lexicon.locations(),
        "triggers": frozenset(t for t, _, _ in lexicon.triggers()),
        "glue": frozenset(d.get("glue", [])),
        "new_suffix": frozenset(d.get("suffix", []) + d.get("newsuffix", [])),
        "new_suffix_t": tuple(d.get("suffix", []) + d.get("newsuffix", [])),
        "roles": frozenset(lexicon.roles()),
        "heads": frozenset(d.get("head", [])),
        "tails": tuple(d.get("tail", [])),
        "firm": frozenset(d.get("firm", [])),
        "glued_end": tuple(d.get("gluedend", [])),
        "after_plat": re.compile("(?:" + "|".join(map(re.escape, d["platlead"])) + r")([\u4e00-\u9fa5A-Za-z0-9]{2,8}?)"
                                 "(?=" + "|".join(map(re.escape, sorted(d["nameend"], key=len, reverse=True)))
                                 + r"|\d|[，。、；：“”（(\s]|$)") if d.get("platlead") else None,
        "speaker": re.compile("|".join(map(re.escape, sorted(d.get("speaker", []), key=len, reverse=True))) or "(?!)"),
        "field": re.compile("(?:" + "|".join(map(re.escape, sorted(d.get("field", []), key=len, reverse=True)))
                            + r")\s*[：:]\s*([^，,。；;：:\s【】\[\]（）()“”\"]{2,25})") if d.get("field") else None,
    }


def lexicon_word(w: str) -> bool:
    """A word the lexicons give another job (trigger, authority, place, role, generic or stop
    word): never a name. Matched as a name it would hide the trigger or authority it is."""
    cfg = _cfg()
    return any(w in cfg[k] for k in ("triggers", "stops", "generic", "roles")) or w in _authorities() or _is_location(w)


def has_context(sentence: str) -> bool:
    return any(c in sentence for c in _cfg()["context"])


def _name_token(w: str) -> bool:
    cfg = _cfg()
    if w in cfg["stops"] or w in cfg["triggers"]:
        return False
    if w in _BRACKETS:
        return True
    if not _HAN_OR_ALNUM.match(w):
        return False
    tag = word_tag(w)
    return tag is None or tag in _NAME_POS


# parts of speech a company name never extends across (prepositions, conjunctions, particles,
# pronouns, adverbs, localisers, time words, measure words, interjections)
_NEVER_POS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "rr", "rz", "d", "f", "t", "q", "y", "e", "o", "zg_"}


def _company_token(w: str) -> bool:
    """Looser than _name_token: a company's trade name is often a verb or a rare character
    (超越集团, 鼎立控股, 上海峰堑信息科技): anything Chinese or alphanumeric that is not a
    stop word, a trigger or a function word."""
    if _name_token(w) or w.startswith("某"):   # 深圳市金某联…: an anonymised trade name
        return True
    cfg = _cfg()
    if w in cfg["stops"] or w in cfg["triggers"] or not _HAN_OR_ALNUM.match(w):
        return False
    if len(w) == 1 and w in _LEAD_CHARS:
        return False
    return word_tag(w) not in _NEVER_POS


def _location_start(tokens, i, k) -> int:
    """A company name starts at its place name: 被执行人|三门峡市兴河…公司 -> 三门峡市…"""
    loc = _cfg()["loc"]
    if _is_location(tokens[i][2]):
        return i   # the name already starts with a place (某市|a place-like word inside the trade name)
    for j in range(i + 1, k):
        w = tokens[j][2]
        if w in _BRACKETS:
            return i   # 资易贷（北京）…: a bracketed place belongs to the name
        if w in loc or word_tag(w) == "ns" and len(w) >= 2:
            if tokens[j - 1][2] not in loc and word_tag(tokens[j - 1][2]) != "ns":
                lone = tokens[j - 1][2]
                if j == i + 1 and len(lone) == 1 and (_is_location(lone + w[:1]) or _is_location(lone + w[:2])):
                    return i   # one character jieba split off the place (江|苏X|…: 江苏 is the place)
                return j
            return i
    return i


# A company name is [place] trade-name [industry words] suffix. The industry part may hold
# verbs (房地产开发, 制冷科技, 担保); the trade name (字号) is an out-of-dictionary word, a
# proper noun or single characters. Left of the trade name only the place may follow, so a
# verb or adverb there heads the phrase before the name (调查|米袋集团, 明知|恒实公司).
_TRADE_POS = {"nr", "nz", "nrt", "nrfg", "j", "eng"}
_HEAD_POS = {"v", "vn", "vd", "zg", "ad", "d", "p", "c"}
_GLUED = re.compile(r"[的了]|\d+(?:\.\d+)?[万亿日月年号]")
_AUTHORITY_END = ("法院", "检察院", "公安局", "分局", "派出所", "警方", "支队", "大队")


# a branch (…分公司) named only by its place or its number belongs to a firm named elsewhere
_BRANCH = re.compile(r"[\u4e00-\u9fa5]{1,4}分公司")


def _oov(w: str) -> bool:
    """Not a dictionary word (jieba's HMM made it up): neither in the frequency table nor tagged."""
    return not in_dictionary(w) and word_tag(w) is None


def person_like(name: str) -> bool:
    """Two or three characters opening with a surname, unknown to jieba or tagged a person's
    name (孙某某, 杨定平): a person, as often as a firm."""
    return len(name) <= 3 and name[0] in lexicon.words("surnames.txt") and (_oov(name) or word_tag(name) in ("nr", "nrfg", "nrt"))


def _is_location(w: str) -> bool:
    return w in _cfg()["loc"] or (word_tag(w) == "ns" and len(w) >= 2)


def _place_and_word(name: str) -> bool:
    """A place and then an ordinary word of two or more characters (深圳|网贷, 上海|理财):
    how the news names the trade of a city, not a platform."""
    for k in (3, 2):
        rest = name[k:]
        if len(rest) >= 2 and name[:k] in _cfg()["loc"] and in_dictionary(rest) and word_tag(rest) not in _TRADE_POS:
            return True
    return False


def _extend_company(tokens, k, max_chars=22, max_tokens=10) -> int:
    """Index of the first token of the company name whose suffix token is k (see above).
    The walk never crosses an authority (人民法院|对炳恒集团: the court is not the name)."""
    i, chars, depth, trade, placed = k, len(tokens[k][2]), 0, False, False
    authorities = _authorities()
    roles = _cfg()["roles"]
    while i - 1 >= 0 and k - i < max_tokens:
        w = tokens[i - 1][2]
        if tokens[i - 1][1] != tokens[i][0] or not (_company_token(w) or _lead_zhong(tokens, i - 1)
                                                    or (not trade and _odd_trade_name(tokens, i - 1))):
            break
        if w in authorities or w.endswith(_AUTHORITY_END) or w in roles or w in _LEAD_WORDS:
            break   # …|出资方|高通盛融…集团: a role word before the name
        if w in "）)" or w in "（(":
            if w in "）)" and depth == 0 and placed:
                break   # (转载)|北京中鑫…公司: a bracket closing before the place is not the name's
            depth = _bracket_depth(w, depth)
            if depth < 0:
                break
        elif depth == 0:
            tag = word_tag(w)
            loc = _is_location(w)
            if placed and not loc and len(w) > 1:
                break   # the place starts the name (网传|杭州祺天优贷…)
            if trade and loc:
                placed = True
            # a single character is usually part of the trade name (北京|融|宜宝), not a head
            if trade and tag in _HEAD_POS and not _is_location(w) and (len(w) > 1 or tag in ("zg", "p", "c", "d")) \
                    and not (len(w) == 1 and i >= 2 and _is_location(tokens[i - 2][2])):
                break   # (a single character right after the place opens the trade name: 四川|煜|邦投资)
            # the word right before a bracketed place is the trade name (聚宝盆|（天津）网络…)
            if tag in _TRADE_POS or len(w) == 1 or (tag is None and not in_dictionary(w)) \
                    or (tokens[i][2] in "（(" and _is_location(tokens[i + 1][2]) and tag not in _HEAD_POS and tag != "vn"):
                trade = True
        if chars + len(w) > max_chars:
            break
        chars += len(w)
        i -= 1
        if len(w) >= 3 and w[0] in _LEAD_CHARS and not in_dictionary(w) and word_tag(w) is None:
            break   # 依法|对禄润|蔬菜…: jieba glued the preposition on; the name starts after it
    return _past_open_brackets(tokens, i, k)


def _past_heading_verbs(tokens, i, k) -> int:
    """Where a company name starts once the verbs heading its phrase are left out (调查|米袋集团,
    实在|浩瀚快递公司, 适合|担任|上市公司): a verb of two or more characters opens the name only
    when an industry word or the suffix follows it (鼎立|控股集团, 超越|集团), or a bracket
    (合发|（上海）公司)."""
    orgsuffix = _cfg()["orgsuffix"]
    while i < k - 1:
        w, nxt = tokens[i][2], tokens[i + 1][2]
        if len(w) < 2 or word_tag(w) not in ("v", "vn", "vd") or _is_location(w) \
                or nxt.endswith(orgsuffix) or nxt in _BRACKETS or word_tag(nxt) in ("v", "vn"):
            break
        i += 1
    return i


def _odd_trade_name(tokens, j) -> bool:
    """A time word, measure word or adverb is a firm's trade name when nothing but industry
    words follows it and a place comes before (a time or measure word also when it is a single
    character): 厦门|当代|贸易有限公司, 上海|当天|资产管理…, 上海|长久|金融信息服务…, 藏X|堂|商贸…;
    not 昨天|贸易公司, 也|符合公司."""
    cfg = _cfg()
    w = tokens[j][2]
    tag = word_tag(w)
    if not _HAN.fullmatch(w) or tag not in ("t", "q", "d") or w in cfg["stops"] or w in cfg["triggers"]:
        return False
    return (len(w) == 1 and tag != "d") or (j > 0 and tokens[j - 1][1] == tokens[j][0] and _is_location(tokens[j - 1][2]))


def _lead_zhong(tokens, j) -> bool:
    """中 that opens a trade name (为|中|海外能源集团, 深圳|中|资信业…公司) rather than ending a
    phrase (过程|中): the word before it is a place, a preposition or verb, or no word at all."""
    if tokens[j][2] != "中":
        return False
    if j == 0 or tokens[j - 1][1] != tokens[j][0]:
        return True
    prev = tokens[j - 1][2]
    return _is_location(prev) or word_tag(prev) in ("p", "v", "c") or not _HAN_OR_ALNUM.match(prev)


@lru_cache(maxsize=1)
def _authorities() -> frozenset:
    return frozenset(lexicon.authorities())


def _extend_left(tokens, k, max_chars=22, max_tokens=8, loose=False):
    """Index of the first token of the name ending at token k, walking left over name-like
    tokens; brackets only when balanced (资易贷（北京）金融信息服务有限公司)."""
    i, chars, depth = k, len(tokens[k][2]), 0
    while i - 1 >= 0 and k - i < max_tokens:
        w = tokens[i - 1][2]
        if tokens[i - 1][1] != tokens[i][0] or not (_company_token(w) if loose else _name_token(w)):
            break
        if w in "）)" or w in "（(":
            depth = _bracket_depth(w, depth)
            if depth < 0:
                break
        if chars + len(w) > max_chars:
            break
        chars += len(w)
        i -= 1
    return _past_open_brackets(tokens, i, k)


# a name written after 网贷平台 holds two Chinese characters at least (not 20, not e贷)
_TWO_HAN = re.compile(r"[\u4e00-\u9fa5].*[\u4e00-\u9fa5]")
# jieba's HMM glues a function character or a number onto a neighbour (26人, 却陷, 方以,
# 干着): an unknown word that starts or ends with one of these is debris, not a name
_DEBRIS_EDGE = set("以着了这那其该却被在将已于的等及和与对向从把让给为是有也都就人起名家个位")


def _all_common(toks) -> bool:
    """Every token an ordinary dictionary word (no unknown word, proper noun or Latin word)."""
    for _, _, w in toks:
        tag = word_tag(w)
        if tag is None or tag in ("nr", "nz", "nrt", "nrfg", "nt", "eng") or not in_dictionary(w) or w.isascii():
            return False
    return True


def _single_chars_before(tokens, k, most=3) -> int:
    """First token of the name part before the suffix token k: the token before it, or, where
    jieba left a rare name in single characters (的|鑫|汇|财富), the run of them (at most
    `most`, each a letter or a Chinese character but no function character: 众|e|贷, not 6|大|金融)."""
    def letter(w):
        return len(w) == 1 and (w.isascii() and w.isalpha() or "\u4e00" <= w <= "\u9fff") and w not in _DEBRIS_EDGE

    j = k - 1
    if not letter(tokens[j][2]):
        return j
    while j - 1 >= 0 and k - j < most and tokens[j - 1][1] == tokens[j][0] and letter(tokens[j - 1][2]) \
            and (_name_token(tokens[j - 1][2]) or _rare_measure(tokens[j - 1][2])):
        j -= 1
    return j


# jieba tags some rare characters as measure words (泓 as in 一泓清泉); in a name (泓|源|理财)
# they are letters. The measure words of running text (个, 名, 家, 位 …) are far more frequent.
_RARE_MEASURE_FREQ = 500


def _rare_measure(w: str) -> bool:
    return word_tag(w) == "q" and word_freq(w) < _RARE_MEASURE_FREQ


def discover(sentence: str, tokens, known_spans, sent_offset: int = 0) -> list[Match]:
    """tokens: [(start, end, word)] relative to the sentence. known_spans: sentence-relative
    (start, end) of gazetteer matches (never re-discovered)."""
    cfg = _cfg()
    ctx = has_context(sentence)
    out: list[Match] = []

    def covered(s, e, kind, source):
        # a company name may swallow a known name inside it (信和财富投资管理有限公司 ⊃ 和财富),
        # and so may a quoted name: the quotes say where it starts and ends (“中金黄金” ⊃ 金黄金)
        inside_ok = kind == "company" or source == "quoted"
        return any(s < ke and ks < e and not (inside_ok and s <= ks and ke <= e) for ks, ke in known_spans) \
            or any(s + sent_offset < m.end and m.start < e + sent_offset for m in out)

    def emit(s, e, kind, conf, source):
        # leading function characters and role nouns are not part of a name (对百荣… / 出资方上海…)
        while e - s > 4 and sentence[s] in _LEAD_CHARS:
            s += 1
        # a number glued to the front is the end of the text before (78秒钱（北京）…公司)
        while kind == "company" and e - s > 4 and sentence[s].isdigit() and not sentence[s + 1].isascii():
            s += 1
        for p in _LEAD_WORDS:
            if sentence.startswith(p, s) and e - s - len(p) >= 4:
                s += len(p)
                break
        name = sentence[s:e].strip("（）() ")
        if len(name) < 2 or name in cfg["generic"] or covered(s, e, kind, source):
            return
        if _FIRM_COUNT.search(name):
            return   # 另有二十余家|平台被立案: a count of firms, no name
        core = name
        for suf in cfg["orgsuffix"]:
            if core.endswith(suf):
                core = core[: -len(suf)]
                break
        if kind == "company" and (len(core) < 2 or core in cfg["loc"] or core in cfg["generic"]):
            return
        if kind == "company" and (core[-1] in _PRONOUNS or core.endswith("称")):
            return   # 称其|公司, 该公司, 并称|公司: the firm named before, referred to
        if name.endswith("控股") and person_like(core):
            return   # 在张培峰|控股期间: a person holding shares, no firm
        if _BRANCH.fullmatch(name) and (_is_location(name[:-3]) or name.startswith("第")):
            return   # 萧山分公司, 第五分公司: a branch of the firm the text names elsewhere
        out.append(Match(s + sent_offset, e + sent_offset, name, name, kind, conf, source))

    known = set(map(tuple, known_spans))
    words = [t[2] for t in tokens]
    orgsuffix = cfg["orgsuffix"]
    # 1. company names: a token ending with an organisation suffix, extended left
    for k in [k for k, w in enumerate(words) if w.endswith(orgsuffix)]:
        s, e, w = tokens[k]
        if w in _BRACKETS:
            continue
        if (s, e) in known:
            # a listed company name is whole already: only a place written before it joins
            # (北京|资易贷…公司), never a word the cut glued on (网传|…, 办理|…)
            i = k
            while i > 0 and tokens[i - 1][1] == tokens[i][0] and _is_location(tokens[i - 1][2]):
                i -= 1
        else:
            i = _past_heading_verbs(tokens, _extend_company(tokens, k), k)
        if i == k and len(w) <= 4:
            continue
        i = _location_start(tokens, i, k)
        # the longest company form: 鼎立控股集团|股份|有限公司 is one name
        end, kk = e, k
        while kk + 1 < len(tokens) and tokens[kk + 1][0] == end and tokens[kk + 1][2].endswith(cfg["orgsuffix"]) \
                and tokens[kk + 1][2] not in _BRACKETS and len(tokens[kk + 1][2]) <= 6:
            kk += 1
            end = tokens[kk][1]
        w = sentence[tokens[k][0]:end]
        # swallow a trailing branch: …有限公司江西分公司 / …上海分公司
        m = re.match(r"^([\u4e00-\u9fa5]{2,4})分公司", sentence[end:end + 7])
        if m and _is_location(m.group(1)):   # not …公司及其宜城分公司
            end = end + m.end()
        conf = 0.85 if w.endswith(("有限公司", "有限责任公司", "集团")) else 0.6
        start = tokens[i][0]
        # jieba's HMM may glue the text before onto the trade name (亿的炳恒|集团, 了联宝|公司):
        # a company name never holds 的/了 or an amount, so it starts after the last of them
        cut = _GLUED.search(sentence, start, tokens[k][0])
        while cut and tokens[k][0] - cut.end() >= 1:
            start = cut.end()
            cut = _GLUED.search(sentence, start, tokens[k][0])
        emit(start, end, "company", conf, "company")

    # 2. X平台 / “X”平台 / 旗下X: the words right before a platform word
    quotes = list(_QUOTED.finditer(sentence))
    # quoted names in a row (“A”、“B”等平台 / “A”“B”案): the marker after the last covers all
    listed = set()
    i = 0
    while i < len(quotes):
        j = i
        while j + 1 < len(quotes) and sentence[quotes[j].end():quotes[j + 1].start()] in ("", "、", "及", "和", "与", "以及"):
            j += 1
        # …or a listed name among them (“聚富蛙”“钱内助”“一财”“银狐”: 7 platforms' cases)
        if j > i and (_QUOTE_LIST_AFTER.match(sentence, quotes[j].end())
                      or any((q.start(1), q.end(1)) in known for q in quotes[i:j + 1])):
            listed.update(range(i, j + 1))
        i = j + 1
    for qi, m in enumerate(quotes):
        name = m.group(1)
        if name in cfg["triggers"] or name in cfg["stops"]:
            continue   # 倒闭“跑路”的理财公司: a quoted word, not a name
        after = sentence[m.end():m.end() + 5]
        if _SLOGAN_AFTER.match(after):
            continue   # 打着“网络金融”旗号: a slogan, not a name
        before = sentence[max(0, m.start() - 4):m.start()]
        # a marker that may follow an ordinary word too (平台“供应链”产品, “原始股”诈骗) needs a
        # name-like word in the quotes; “X系” is the group of platform X, which X names already
        # (全员|催收: ordinary words; 先停业后失联: a trigger inside; 邦|家: neither)
        parts = [(0, 0, w) for w in cut_words(name) if len(w) > 1]
        loose = m.group(0)[0] in "“\"" and not (parts and _all_common(parts)) and not name.endswith("系") \
            and not any(w in cfg["triggers"] for _, _, w in parts)
        marked = _PLAT_AFTER.match(after) or "旗下" in before or (loose and (
            _PLAT_BEFORE.search(before) or _DESCRIBED_PLAT.match(sentence, m.end()) or _CRIME_AFTER.match(sentence, m.end())))
        if marked or qi in listed or name.endswith(cfg["suffix"]):
            conf = 0.85 if marked else 0.75 if qi in listed else 0.6
            if (ctx or conf > 0.7) and (m.start(1), m.end(1)) not in known:   # a listed name is found already
                emit(m.start(1), m.end(1), "platform", conf, "quoted")
    for k in [k for k, w in enumerate(words) if w in _PLATFORM_WORDS]:
        if k == 0:
            continue
        if tokens[k - 1][2] in ("理财", "网贷", "P2P", "借贷", "投资", "金融", "黑", "系统") and k >= 2:
            k -= 1   # 海象理财平台 / X黑平台 / X系统平台: the name ends before the modifier
        i = _extend_left(tokens, k - 1, max_chars=10, max_tokens=3)
        if tokens[k - 1][2] in cfg["stops"] or not _name_token(tokens[k - 1][2]):
            continue
        name = sentence[tokens[i][0]:tokens[k - 1][1]]
        if in_dictionary(name) and not name.endswith(cfg["suffix"]):
            continue   # 交易平台, 服务平台: ordinary words
        if _all_common(tokens[i:k]) or name.startswith(_KIND_OPENERS) or name.endswith("类"):
            continue   # 正规配资平台, 信息中介平台, 互联网金融P2P网络借贷平台, 跑路类平台: a description, not a name
        emit(tokens[i][0], tokens[k - 1][1], "platform", 0.7, "platword")

    # 2b. 网贷平台X发布公告: an unknown name right after the kind of platform it is. Its end
    # must be a word's end (but for the `gluedend` words: 聚源e贷|官网): 网贷平台数量持续增加
    # and 网贷平台出现逾期 are no names (common words only, or an event word inside)
    if cfg["after_plat"] is not None:
        starts, ends = {s for s, _, _ in tokens}, {e for _, e, _ in tokens}
        for m in cfg["after_plat"].finditer(sentence):
            s, e = m.span(1)
            name = m.group(1)
            if s not in starts or (e not in ends and not sentence.startswith(cfg["glued_end"], e)) \
                    or name[0] in _DEBRIS_EDGE or not _TWO_HAN.search(name) or name[0].isdigit() \
                    or name in cfg["generic"] or name in cfg["stops"] or any(t in name for t in cfg["triggers"]):
                continue
            parts = [(0, 0, w) for w in cut_words(name)]
            if len(parts) > 3 or any(len(w) > 1 and (word_tag(w) or "").startswith("v") or word_tag(w) in _NEVER_POS
                                     for _, _, w in parts):
                continue   # 监管政策趋严以及, 洗劫出借人钱财: a clause, not a name
            bare = next((name[:-len(x)] for x in cfg["suffix"] if name.endswith(x) and len(name) > len(x)), None)
            if _all_common(parts) and not (bare and len(bare) >= 2 and not in_dictionary(bare)):
                continue   # 网贷平台风险事件: ordinary words; 钱多多|金服: an unknown name before a suffix
            emit(s, e, "platform", 0.75, "platlead")

    # 3a. place + trade name: 浙江|翰晟, 河北|华林 — a province or city right before an unknown
    # word of two or three characters is how the news shortens a company's registered name
    loc = cfg["loc"]
    for k in [k for k, w in enumerate(words[:-1]) if w in loc]:
        s0, e0, w0 = tokens[k]
        s1, e1, w1 = tokens[k + 1]
        if e0 != s1 or not 2 <= len(w1) <= 3 or not _HAN.fullmatch(w1) or w1 in cfg["triggers"]:
            continue   # 泰国|落网: an event in a place, no firm
        if in_dictionary(w1) or word_tag(w1) is not None or w1[0] in _DEBRIS_EDGE or w1[-1] in _DEBRIS_EDGE:
            continue
        if w1[0] in lexicon.words("surnames.txt"):
            continue   # 杭州|李明: a person from the city, as often as a firm
        after = sentence[e1:e1 + 1]
        if after and _HAN.match(after) and after not in "因被已在于将涉接称发成曾也还又的":
            continue   # the unknown word runs on into more text: not a name's end
        emit(s0, e1, "platform", 0.55, "placed")

    # 3. suffix names: 海象理财, 川惠财富, 小资钱包 (only with P2P vocabulary around)
    if ctx:
        for k in [k for k, w in enumerate(words) if w.endswith(cfg["suffix"])]:
            s, e, w = tokens[k]
            if not _HAN_OR_ALNUM.match(w) or w in cfg["triggers"]:
                continue   # 泰国|落网: an event word that ends like a name (…网)
            if w in cfg["suffix"] or (in_dictionary(w) and word_tag(w) not in ("nz", "nt")):
                # the token is the bare suffix (钱包) or an ordinary word: take one name token before
                if k == 0 or tokens[k - 1][1] != s or not _name_token(tokens[k - 1][2]):
                    continue
                j = _single_chars_before(tokens, k)
                prev = sentence[tokens[j][0]:s]
                # the name part must itself look like a name: not a common word (很多投资, 指数投资)
                if len(prev) < 2 or (in_dictionary(prev) and word_tag(prev) not in ("nz", "nr", "ns", "j", "eng", "nrt", "nt")):
                    continue
                s = tokens[j][0]
            name = sentence[s:e]
            if len(name) < 3 or name in cfg["generic"] or in_dictionary(name) and word_tag(name) not in ("nz", "nt", None):
                continue
            # a kind (互联网…), a site (…贷官|网: 官网, the name is before it), a city's trade (上海|理财)
            if name.startswith(_KIND_OPENERS) or name.endswith("官网") or _place_and_word(name):
                continue
            # the edge cuts a word in two: 外|汇投资, 现|金理财, 首席投资|官, and 接触网|贷, 深圳网|贷
            # (the 网 of 网贷, 网站, 网友 … glued to the word before)
            if crosses_word(sentence, s, e) or name[0] in _DEBRIS_EDGE or _WANG_WORD.match(sentence, e - 1) \
                    or (name.endswith("网贷") and s != tokens[k][0]):
                continue
            emit(s, e, "platform", 0.55, "suffix")

    # 4. labelled fields: 投诉对象：X / 涉案平台：X — the label says the value is a name
    if cfg["field"] is not None:
        for m in cfg["field"].finditer(sentence):
            name = m.group(1)
            if name not in cfg["generic"] and not name.isdigit():
                emit(m.start(1), m.end(1), "company" if name.endswith(cfg["orgsuffix"]) else "platform", 0.8, "field")

    # 5. links: company (platform) and (简称X) aliases — returned as platform names linked
    return out


def links(text: str, mentions) -> dict[str, str]:
    """company surface -> platform surface, from 'X公司（Y平台）', 'X公司旗下Y', '（简称Y）',
    'X公司…运营“Y”', '“Y”平台运营主体X公司'."""
    out = {}
    for m in mentions:
        if m.kind != "company":
            continue
        tail = text[m.end:m.end + 40]
        p = _ALIAS.match(tail) or _PAREN_AFTER.match(tail)
        if p:
            name = re.sub(r"^(?:以下|下文|后文)?(?:简称|下称)[：:]?", "", p.group(1)).strip("“”\" ")
            if len(name) >= 2 and name not in _cfg()["generic"]:   # not …合伙企业（有限合伙）: a legal form
                out[m.surface] = name
                continue
        q = re.match(r"^(?:的)?旗下(?:的)?(?:网贷平台|P2P平台|平台)?([“\"]?)([^“”\"，。、（）()\s]{2,10}?)[”\"]?(?:平台|APP|理财|，|。|、|的)", tail)
        # the words after 旗下 name the platform only where quoted or recognised as a name
        # (旗下网贷平台|已停止新增P2P业务，: a clause, no name)
        if q and (q.group(1) or any(n.start == m.end + q.start(2) for n in mentions)):
            out[m.surface] = q.group(2)
            continue
        # X公司…运营“Y”平台 / 成立X公司，设立“Y”线上平台: the company runs the quoted platform
        # it goes on to name, unless another company comes between
        r = _RUNS.match(tail)
        if r and not any(n.kind == "company" and m.end < n.start < m.end + r.start(1) for n in mentions):
            out[m.surface] = r.group(1)
            continue
        # “Y”网络借贷平台运营主体X公司: the platform named first, the company as its operator
        b = _RUN_BY.search(text, max(0, m.start - 30), m.start)
        if b:
            out[m.surface] = b.group(1)
    return out
