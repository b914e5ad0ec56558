"""Bylines: who wrote the article (author), which medium it comes from (source).

Chinese news pages name the author in a handful of ways:

    作者：王小明   文/王小明   撰文 王小明         explicit label (any name, also net names)
    记者 王小明   本报记者王小明   记者 伊琳 李清芬   reporter label (several names)
    （记者 王小明）  新京报快讯（记者 王小明）今日…   a parenthesised byline, first or last line
    …的新春佳节。（常书香 马丹阳）   （袁源）           a bare parenthesised name at the very end
    王小明 / 赵延东、风笑天                           a line of nothing but names, next to the title
    2004年7月16日08:19 [ 黄宇 ] 来源：[人民网]        a bracketed name in the date line
    本贴由大卫于2005年8月12日16:12:21发表             forum posts

Words after 记者 are often not names (记者注意到、记者了解到、记者从…获悉). A name must end
where the byline ends (space, bracket, '/', 报道, the next label) and, unless an explicit
作者/文 label or a colon vouches for it, start with a common Chinese surname.
"""
from __future__ import annotations

import re

# Common single-character surnames (covering the vast majority of the population) and
# compound surnames. Used only to tell a name from a word after 记者 or in a bare line.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀"
    "郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伏仝区郜宣伊茅水甯寿晁练逯植阚况揭訾蓟芮刀尉风原")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "宇文", "长孙", "司徒", "夏侯", "端木", "南宫", "独孤", "西门", "轩辕", "呼延")
# words that sit where a name would and are not names
NOT_NAMES = {"来源", "编辑", "责编", "责任", "责任编辑", "编审", "校对", "审核", "监制", "出品", "时间", "日期", "发布", "浏览", "点击", "摄影", "通讯员", "实习生",
             "报道", "记者", "作者", "本报", "综合", "整理", "编译", "供图", "图片", "视频", "专稿",
             "特稿", "原创", "转载", "首页", "更多", "简介", "单位", "专栏", "文章", "全文", "正文",
             "评论", "字号", "分享", "打印", "关闭", "收藏", "关注", "订阅", "登录", "注册", "返回", "回复",
             "举报", "点赞", "转发", "阅读", "喜欢", "推荐", "热门", "最新", "精选", "专题", "导读",
             "摘要", "相关", "标签", "热点", "要闻", "头条", "图集", "直播", "房产", "汽车", "体育",
             "娱乐", "科技", "财经", "时尚", "教育", "健康", "旅游", "游戏", "军事", "国际", "国内",
             "人气", "阅读数", "字体", "大小"}
# name endings that make it a title/place/organisation, not a person (王先生, 李某, 张总)
_NOT_NAME_END = re.compile(r"(?:某|某某|先生|女士|小姐|老师|师傅|阿姨|大爷|同志|书记|主任|经理|总|局|处|"
                           r"厅|部|省|市|县|区|镇|村|院|所|会|报|网|社|台|刊|版|栏|站|组|办|委|司|行)$")
_MEDIA = re.compile(r"报|网|社|台|刊|杂志|新闻|电视|广播|日报|晚报|周刊|频道|媒体|在线|客户端|财经|"
                    r"证券|时报|经济|传媒|集团|公司|中心|政府|协会|学会|研究|大学|学院|出版")

_CJK = "\u4e00-\u9fa5"
# where a byline name ends: end of line, space, bracket, separator, or the next label
_END = (r"(?=$|[\s)）\]】/／|｜丨︱、;；:：]|报道|摄|发自|整理|综合|编译|来源|编辑|责编|通讯员|实习生|"
        r"供图|发布|时间)")
_NAME = re.compile(rf"[{_CJK}·]{{2,4}}?{_END}")
_SEP = re.compile(r"[\s、，,]+")
_USER = re.compile(r"[^\s：:，。,；;！？()（）\[\]【】=<>\"']{1,20}(?=\s|$)")

# explicit labels: any name (also net names) may follow
_LABEL = re.compile(rf"(?:(?<![合工创协写])作\s*者|撰\s*文|撰\s*稿|(?<![{_CJK}])文)\s*[：:/／|｜︱丨]\s*")
# reporter labels: a colon vouches for the name, without one it must look like a name
_REPORTER = re.compile(r"(?:记者|通讯员|实习生|特约撰稿人?|撰稿人)\s*([：:])?\s*")
# government documents (政府信息公开): the issuing body is the document's author
_ISSUER = re.compile(r"(?:发文机关|发文单位|发布机关|制发机关)\s*[：:]\s*([^\s：:，。,;；|｜]{2,30})")
_PAREN = re.compile(r"[(（]([^()（）]{2,40})[)）]")
_BRACKET = re.compile(rf"[\[【]\s*([{_CJK}·]{{2,4}}(?:\s+[{_CJK}·]{{2,4}}){{0,2}})\s*[\]】]")
_FORUM = re.compile(r"本[贴帖]由\s*([^\s]{1,20}?)\s*于\s*(?:19|20)\d\d")
_NAMES_LINE = re.compile(rf"^[{_CJK}·]{{2,4}}(?:[\s、，,]+[{_CJK}·]{{2,4}}){{0,3}}$")
_REPORTER_PREFIX = re.compile(rf"^[{_CJK}·]{{0,12}}?(?:记者|作者|作家|撰稿人|评论员|研究员|通讯员)\s*")
_TAIL_WORDS = re.compile(r"^\s*(?:报道|摄|/\s*文|文|发自\S{0,6}|整理|综合报道)?\s*$")


def surname_ok(name: str) -> bool:
    if name[:2] in COMPOUND_SURNAMES:
        return 3 <= len(name) <= 4
    return name[0] in SURNAMES and 2 <= len(name) <= 3


def looks_like_name(name: str) -> bool:
    return (name not in NOT_NAMES and not _NOT_NAME_END.search(name) and surname_ok(name))


def take_names(text: str, strict: bool):
    """Names at the start of text: (list of names, end offset) or ([], 0)."""
    names, pos = [], 0
    while len(names) < 4:
        m = _SEP.match(text, pos) if names else None
        start = m.end() if m else pos
        if names and not m:
            break
        n = _NAME.match(text, start)
        if not n:
            break
        name = n.group(0)
        if name in NOT_NAMES or _NOT_NAME_END.search(name) or (strict and not surname_ok(name)):
            break
        names.append(name)
        pos = n.end()
    return names, pos


def _join(names):
    return "、".join(names)


def labelled(line: str):
    """An author after an explicit label or a reporter label, or None."""
    m = _ISSUER.search(line)
    if m:
        return m.group(1)
    for m in _LABEL.finditer(line):
        rest = line[m.end():]
        p = _REPORTER_PREFIX.match(rest)
        if p:
            rest = rest[p.end():]
        names, _ = take_names(rest, strict=False)
        if names:
            return _join(names)
        u = _USER.match(rest)
        if u and u.group(0) not in NOT_NAMES and not re.search(r"\d{4}|[年月日]", u.group(0)):
            return u.group(0)
    for m in _REPORTER.finditer(line):
        names, _ = take_names(line[m.end():], strict=not m.group(1))
        if names:
            return _join(names)
    return None


def paren_byline(text: str, last: bool):
    """A parenthesised byline closing a paragraph or right after 讯/电 at its start;
    without a label ('（常书香 马丹阳）') only when it closes the article's last line."""
    for m in _PAREN.finditer(text):
        at_end = not text[m.end():].strip(" 。")
        at_start = m.start() <= 25 and (m.start() == 0 or bool(re.search(r"(?:讯|电|消息)\s*$", text[:m.start()])))
        if not (at_end or at_start):
            continue
        r = parse_byline(m.group(1), vouched=True)
        # a bare name closes the last paragraph after its final sentence ('…佳节。（袁源）')
        closes = last and at_end and (not text[:m.start()].strip() or
                                      bool(re.search(r"[。！？!?”」…]\s*$", text[:m.start()])))
        if r and (r[1] or closes):
            return r[0]
    return None


def bare_names(line: str):
    """A line of nothing but person names (the byline under a headline)."""
    if len(line) > 20 or not _NAMES_LINE.match(line):
        return None
    names, end = take_names(line, strict=True)
    return _join(names) if names and end == len(line) else None


def bracket_names(line: str):
    """'2004年7月16日08:19 [ 黄宇 ] 来源：…': a bracketed name in a date/source line."""
    if len(line) > 100 or not re.search(r"\d{4}\s*[-年/.]|来源|出处", line):
        return None
    for m in _BRACKET.finditer(line):
        names, end = take_names(m.group(1), strict=True)
        if names and end == len(m.group(1)):
            return _join(names)
    return None


def forum_author(line: str):
    m = _FORUM.search(line)
    return m.group(1) if m else None


def parse_byline(s: str, vouched: bool = False):
    """A string that is nothing but a byline: (names, labelled) or None.
    '记者 王小明' / '新京报记者 程晨' / '文/王小明' / '作者：放飞&心情' -> labelled;
    '王小明 报道' / '常书香 马丹阳' -> not labelled (names must look like names)."""
    s = s.strip()
    lab = _LABEL.match(s)
    strict = False
    if lab:
        rest = s[lab.end():]
        p = _REPORTER_PREFIX.match(rest)
        rest = rest[p.end():] if p else rest
    else:
        p = re.match(rf"^[{_CJK}·]{{0,10}}?(?:记者|通讯员|实习生)\s*([：:])?\s*", s)
        rest = s[p.end():] if p else s
        strict = not (p and (p.group(1) or vouched))
    names, end = take_names(rest, strict=strict)
    if names and _TAIL_WORDS.match(rest[end:]):
        return _join(names), bool(lab or p)
    if lab and not names:
        u = re.fullmatch(r"[^\s：:，。,；;！？()（）\[\]【】=<>\"']{1,20}", rest.strip())
        if u and rest.strip() not in NOT_NAMES and not _MEDIA.search(rest):
            return rest.strip(), True
    return None


def byline_only(line: str) -> bool:
    """Is the line nothing but a byline ('（记者 王小明）', '新京报记者 程晨', '文/王小明',
    '王小明 报道', a parenthesised bare name '（袁源）')? Bare unbracketed names are not
    dropped here: a one-word paragraph may be a name in the story."""
    s = line.strip()
    if len(s) > 40:
        return False
    m = re.fullmatch(r"[(（【\[](.*)[)）】\]]", s)
    r = parse_byline(m.group(1) if m else s)
    if not r:
        return False
    if r[1] or m:
        return True
    names, end = take_names(s, strict=True)
    return bool(names) and bool(s[end:].strip())  # '王小明 报道', '王小明/文'


def person_source(source: str | None):
    """'来源：尹娟' names a person, not a medium: that is the author."""
    if not source or not re.fullmatch(rf"[{_CJK}]{{2,4}}", source) or _MEDIA.search(source):
        return None
    return source if looks_like_name(source) else None


def author_of(header, body_first, body_last, dropped, footer):
    """The author named by a byline (label, reporter label, parenthesised byline, forum
    post line) in the lines around and at the edges of the body, or None.
    header: lines before the body (document order); body_first/last: the body's first and
    last rendered lines; dropped: byline/furniture lines taken out of the body."""
    near = header[-12:][::-1]  # nearest the body first
    for line in near + body_first[:3] + dropped + body_last[-4:] + footer[:6]:
        if len(line) <= 80:
            a = labelled(line) or forum_author(line)
            if a:
                return a
    for line in body_first[:2] + body_last[-2:] + dropped:
        a = paren_byline(line, last=(line in body_last[-1:] or line in dropped))
        if a:
            return a
    for line in footer[:8]:
        a = forum_author(line)
        if a:
            return a
    return None


def weak_author_of(header, body_first, dropped):
    """Names without a label: a line of names under the headline, a bracketed name in the
    date line. Weaker than head metadata."""
    head = []
    for line in body_first[:6]:  # the lines above the first paragraph of text
        if len(line) > 40 or re.search(r"[，。！？；]", line):
            break
        head.append(line)
    for line in header[-3:][::-1] + head + dropped:
        a = bare_names(line) or bracket_names(line)
        if a:
            return a
    for line in header[-12:][::-1]:
        a = bracket_names(line)
        if a:
            return a
    return None
