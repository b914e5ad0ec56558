"""Article extraction benchmark: ours vs trafilatura, readability-lxml and GNE.

    .venv/bin/python bench/extract_eval.py [--no-peers] [--gne-details]

Reads ../shared/data (or $P2PNEWS_SHARED_DATA); nothing from it is copied into the repo.
Body score: character-bag precision/recall/F1 with all whitespace removed, mean over pages.
Dates: a prediction is right when it equals the gold at the gold's own precision (year,
month, day, minute or second) in Asia/Shanghai time; 'day' accuracy compares dates only.
Peers get the raw bytes where they decode themselves (trafilatura, readability); GNE has
no decoder, so it gets our decoded text (which flatters GNE). evaluate() returns the
numbers so tests/eval can assert the floors.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from p2pnews.paths import shared_data_dir  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.extract.encoding import decode  # noqa: E402

FLOOR_F1, FLOOR_PAGE, FLOOR_DATE, FLOOR_SPEED = 0.95, 0.6, 0.95, 0.5

# Pages whose gold text is not what a reader would call the article (checked by reading
# the page and the gold file); they are scored and printed but exempt from the per-page
# floor. Keyed by file-name prefix.
GOLD_EXEMPT = {
    "d8d4c4ec": "gold is a truncated copy: it stops mid-article (after '建了一家小锻造厂。'), "
                "the page's article runs about 3x longer",
}

# Pages where the gold date is not the page's publish time in Asia/Shanghai (read on the
# page): reported as misses in the raw figure, excluded from the 'date (checked)' figure.
DATE_GOLD_NOTES = {
    "0ef8393b": "gold 13:48 is the Paris wall-clock shown on the page; its <time datetime> is "
                "12:48 UTC = 20:48 Asia/Shanghai, which is what we store",
    "e8847578": "gold 2022-01-27 is the 成文日期 (date written); the page's 发布日期 (published) "
                "field and PubDate meta both say 2022-01-28",
}

# Pages where the gold author is not a byline the page gives for the article (read on the
# page): reported as misses, excluded from the 'author (checked)' figure. Keyed by
# dataset and file-name prefix.
AUTHOR_GOLD_NOTES = {
    "500b350d": "gold 苏亮 is the 编辑 (editor) in '来源：巴彦淖尔日报 编辑：苏亮'; the page names no author",
    "59562291": "gold 海姑娘 is the blog owner (in <title> and the profile sidebar); the post itself "
                "carries no byline",
    "c38e2b2d": "gold ggjjzhzz is the blog account id, found only inside link URLs (name=ggjjzhzz); "
                "no byline on the page",
    "gmw": "gold 肖春芳 is <meta name=author>, which this CMS fills with the 责任编辑 (the page shows "
           "责任编辑：肖春芳); the article's own byline line says 作者︱春春, which we report",
}

# Hand-checked GNE article pages (no gold there): each entry was verified by reading the
# page source. title = exact headline; date = published_at prefix (None: no date may be
# given); first/last = start of the first and end of the last body paragraph (left out
# where the page's markup is broken); fetched_at = the crawl time a crawler would pass,
# for pages that show a date without a year; author/editor/source where read on the page
# (None: the page names no person).
# The URL is the page's own (its og:url/canonical or the link in ../docs/sites.md), as a
# crawler would pass it.
GNE_CHECKS: dict[str, dict] = {
    "tests/163/1.html": {
        "url": "https://money.163.com/19/0907/13/EOFOC8MJ00258105.html",
        "title": '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？', "date": "2019-09-07T13:43:45",
        "first": "2019年，龙湖集团即将迎来赴港上市10周年", "last": "这需要龙湖给投资者作一个交代。"},
    "tests/people/1.html": {  # declares GBK, served UTF-8
        "title": "女儿出嫁，郑板桥画了几笔兰花当嫁妆", "date": "2019-06-15T08:18",
        "first": "父亲的教诲像一盏灯", "last": "字里行间都是对儿子的爱。"},
    "tests/sina/2.html": {  # visible 19:55, article:published_time 19:56:29: check the day
        "title": '60万"12306账号"外泄? 中铁总辟谣称消息不实', "date": "2018-12-28",
        "first": "新京报快讯（记者 裴剑飞）今日（12月28日）", "last": "避免非正常渠道购票带来的风险。",
        "editor": "霍琦"},
    "tests/thepaper/5.html": {
        "title": "柳叶刀：味觉嗅觉丧失是新冠感染最强预测指标，优于发烧咳嗽", "date": "2020-06-06T10:08",
        "first": "此前，发烧、咳嗽被认为是新冠病毒感染的最主要症状。", "last": "对疾控至关重要。"},
    # checked by reading the page text around the headline, the date line and the body's
    # edges (what precedes the first and follows the last paragraph is furniture)
    "tests/163/2.html": {
        "title": "姚明对周琦说了啥？周琦上下半场判若两人", "date": "2019-09-07T09:59:22",
        "first": "姚明对周琦说了啥？大魔王上下半场判若两人", "last": "外加2次抢断、2记盖帽。",
        "editor": "杜硕"},
    "tests/163/3.html": {
        "title": '奖金711万元！"中国诺贝尔奖"首位获奖女性啥来头?', "date": "2019-09-08T00:20:15",
        "first": "今天(9月7日)下午，有着“中国诺贝尔奖”之称的未来科学大奖", "last": "人民的生活更幸福!”",
        "editor": "荀建国"},
    "tests/163/8.html": {
        "title": "国务院联防联控机制:湖北和武汉要严格管控防输出", "date": "2020-02-29T18:34:31",
        "first": "新华社北京2月29日电 2月28日，国务院联防联控机制印发", "last": "针对性。",
        "editor": "李曦"},
    "tests/sina/sina.html": {  # visible 2019年09月07日 04:04; article:published_time 06:52:51
        "title": "最强“中国芯”本月商用 华为抢跑5G芯片大战", "date": "2019-09-07T04:04",
        "first": "用户对性能永无止境的追求，让芯片领域迎来了巅峰对决。", "last": "已超过10亿美元。",
        "editor": "张申"},
    "tests/stcn/1.html": {  # one-paragraph 快讯 under a breadcrumb and an info line
        "title": "午间公告：天奇股份中标广汽丰田项目；运达股份中标7亿元项目", "date": "2019-09-26T12:11",
        "first": "证券时报e公司讯，当升科技：", "last": "拟1079.6万元收购控股子公司日本伊戈尔少数股权。",
        "author": "李在山", "source": "证券时报网"},
    "tests/xinhuanet/1.html": {
        "title": "法国全国大罢工再次严重影响交通", "date": "2019-12-10T07:57:40",
        "first": "新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工",
        "last": "总理菲利普将于11日宣布退休制度改革的总体架构。", "author": "唐霁"},
    "tests/guancha/3.html": {
        "title": "苹果回应“违反中国劳动法”：大多数指控错误", "date": "2019-09-09T19:32:27",
        "first": "据中新网9月9日报道，针对外媒", "last": "截至发稿时，尚未收到回应。",
        "editor": "于文凯"},
    "tests/ifeng/ifeng.html": {
        "title": "董又霖主持首秀状况百出大方道歉：会继续努力", "date": "2019-09-07T08:05:32",
        "first": "据台媒报道，艺人董又霖6日晚间主持某大型时尚活动", "last": "反而成为社交平台的话题人物。",
        "editor": "韩保林", "source": "东森新闻云"},
    # 2026-11 pass over the remaining article pages: each checked against the page text
    # around the headline, the date line and the body's edges (no page-specific code)
    "tests/163/4.html": {
        "title": "华为Mate20X 5G版半天不到需充电 耗电制约5G芯片", "date": "2019-09-07T19:53:27",
        "first": "华为已经预告，在即将到来的2019 IFA", "last": "（应受访者要求，文中张严为化名。）",
        "editor": "史建磊"},
    "tests/163/5.html": {  # ends before '延伸 · 推荐' (a related story's summary)
        "title": "女警打百个电话遭停机 评:运营商识别诈骗智商感人", "date": "2019-09-07T16:28:35",
        "first": "女民警1天拨100个电话，被电信停机", "last": "在已有技术手段下尽量避免误伤。"},
    "tests/163/6.html": {  # the article opens with a photo caption
        "title": '男孩因不想上补习班 写"救命啊"纸团抛出引来警察', "date": "2019-09-09T16:19:28",
        "first": "“救命啊SOS”纸团。沙坪坝区公安分局供图", "last": "不应该强迫孩子做他不喜欢做的事情。"},
    "tests/163/7.html": {
        "title": "亚马逊海外购“限时快闪店”登陆拼多多", "date": "2019-11-25T11:01:53",
        "first": "新京报讯（记者 陆一夫）11月25日", "last": "并宣布推出百亿补贴计划。", "author": "陆一夫"},
    "tests/163/9.html": {  # 网易号 post, one phrase per line; the page shows the day only
        "title": "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！", "date": "2019-05-17",
        "first": "下周一，", "last": "平安出行，安全到家。", "source": "无锡交警"},
    # baijiahao shows 'MM-DD hh:mm' without a year: resolved against the fetch time; the
    # page's own render time ("time" in its page-view script) stands in for it here
    "tests/baijiahao/1.html": {
        "fetched_at": "2019-12-29T22:31:02",
        "title": "英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入近千元", "date": "2019-10-08T12:00",
        "first": "英国汉普郡贝辛斯托克的一位女士放弃了她在殡仪馆的工作",
        "last": "她还将飞往埃及参加国际决赛。"},
    "tests/baijiahao/2.html": {
        "fetched_at": "2019-12-29T22:34:09",
        "title": "日本最后一家传呼机公司停止服务，殡仪馆为BB机送终", "date": "2019-09-30T22:46",
        "first": "IT之家9月30日消息 据外媒报道", "last": "有年轻网民表示“没见过也没用过”。"},
    "tests/baijiahao/3.html": {  # '发布时间：18-03-08 23:16' (two-digit year); a product post
        "title": "这款休闲裤太帅了，让你时尚潮流穿着舒适", "date": "2018-03-08T23:16",
        "first": "水洗工艺，最大程度凸显你腿部长度", "last": "17冬新款休闲裤明星同款运动长裤"},
    "tests/baijiahao/4.html": {
        "fetched_at": "2020-02-29T21:12:16",
        "title": "一袭汉服，一架古筝，90后彭静旋异国他乡只为传播中华文化", "date": "2020-01-14T17:58",
        "first": "前段时间，在某平台举办的“美好奇妙夜晚会”", "last": "只为传播中华文化。"},
    "tests/cjddsb/1.html": {
        "title": "常德市金融系统积极开展“金融知识普及月 金融知识进万家”活动", "date": "2019-09-23T14:34:05",
        "first": "为持续推动金融消费者教育和金融知识普及工作", "last": "(文/图 刘玺东 易赛楠)"},
    "tests/cjn/1.html": {
        "title": "外媒眼中的武汉长假：蓬勃发展，欢声笑语", "date": "2020-10-04T20:30",
        "first": "长江网10月4日讯（记者陈智 整合）", "last": "今年中国经济增速将达2%。",
        "author": "陈智", "editor": "姚昊"},
    "tests/cmse/1.html": {  # a press-conference statement: it opens with its date and speaker
        "title": "天宫一号与神舟九号载人交会对接任务第二场新闻发布会", "date": "2012-06-24",
        "first": "2012年6月24日", "last": "下面，我愿意回答大家的提问。"},
    "tests/csdn/1.html": {  # the 摘要 box above repeats the first sentence; not in the body
        "title": "第三届知道安全论坛鸟巢举办 知道创宇发布新版ZoomEye", "date": "2014-08-24T21:30",
        "first": "2014年8月22日，由北京知道创宇联合知乎网主办", "last": "余弦骄傲地说道。"},
    "tests/ednchina/1.html": {  # headline is an <h4>; <title> adds '-EDN 电子技术设计';
        # the text ends at '责编：Demi Xia' (the '综合整理自…' source note follows it)
        "title": "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU", "date": "2019-09-25",
        "first": "刚刚，在阿里2019云栖大会上", "last": "阿里成为软硬件一体化协同发展的公司。"},
    "tests/gamersky/gamersky.html": {  # page 1 of 2; ends before '相关资讯请关注:逆水寒专区'
        "title": "逆水寒再按照这个速度研发下去 应该马上就要收到律师函了！", "date": "2019-09-05T11:10",
        "first": "《逆水寒》每周的版本更新都安排在周四", "last": "所以本周新增了一个“你清醒一下”的花哨动作。”"},
    "tests/gsc/1.html": {  # <title> is '新闻动态--中国地理学会官网'; the headline is an <h5>
        "title": "2019年中国人文地理学术年会在重庆•西南大学成功举行！", "date": "2019-05-18",
        "first": "5月10-12日，2019年中国人文地理学术年会", "last": "充分展示了人文地理学的最新研究成果和学科发展盛况。"},
    "tests/guancha/2.html": {
        "title": "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心",
        "date": "2019-09-07T15:14:21",
        "first": "9月3日，在第二届全球IC企业家大会", "last": "封测则有30%由外资以及台资在大陆的企业贡献。"},
    "tests/guancha/guancha.html": {  # page 1 of 2 (下一页)
        "title": "王文：中美贸易“持久战”，中国人的斗志被激发", "date": "2019-09-07T09:27:48",
        "first": "“中美贸易战正在变成一场持久战，但我们已有准备。”", "last": "中国无惧“比拼耐力”。",
        "author": "王文"},
    "tests/gzggw/1.html": {  # one paragraph; the page shows the day only
        "title": "1-10月德清县固定资产投资结构趋稳趋优", "date": "2016-11-22",
        "first": "1-10月，全县固定资产投资完成246.79亿元", "last": "（德清县发改局）"},
    "tests/hexun/1.html": {
        "title": "交通运输部：着力打造京津冀区域综合立体交通网络", "date": "2019-09-26T10:56:28",
        "first": "据财联社9月26日消息", "last": "基本实现“1.5小时交通圈”。"},
    "tests/huanqiu/1.html": {  # '执笔/…' credit line and '图片均来自网络' are not the text
        "title": "补壹刀：别笑！18人的“新八国联军”今天成立了", "date": "2020-06-05T20:35",
        "first": "西方世界的一些反华分子正试图串联起来。", "last": "自信一点，理性一点，可以吗。",
        "editor": "薛艺磊"},
    "tests/ifeng/1.html": {
        "title": "女童眼睛被塞几十片纸，“无法用科学解释”", "date": "2019-11-25T16:04:30",
        "first": "7岁小花（化名）“眼睛被塞纸”事件，仍有许多疑问。", "last": "（实习生王金茹对此文亦有贡献）",
        "source": "澎湃新闻网"},
    "tests/ifeng/2.html": {
        "title": "他放弃百万年薪来到这里 唯一的要求竟是……", "date": "2019-09-09T18:13:22",
        "first": "杭州市学军中学校长陈立群要退休了", "last": "老师，您辛苦了。", "source": "新华网"},
    "tests/ifeng/3.html": {  # '来源：商讯' (advertorial) is no author
        "title": "疫情防控常态化下，长春市的新经济之路", "date": "2020-09-11T18:05",
        "first": "2020年，因为疫情影响", "last": "它就是长春！", "editor": "刘斌", "author": None},
    "tests/mingridapan/1.html": {  # a view counter with an icon glyph sits above the text
        "title": "最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%", "date": "2019-09-26T10:09:11",
        "first": "联合国贸发会议发布了《2019年贸易和发展报告》", "last": "全球贸易增长也将严重减缓。"},
    "tests/njxfhn/1.html": {  # a content-farm copy of a 南方都市报 story; the spam prefix is
        # part of the page's own <h1>. Ends before '返回富达' and another story's teaser
        "title": "[诗婷露雅化妆品]江门七旬阿婆接来电称其涉黑被骗上百万！冒充公检法电诈团伙被端",
        "date": "2019-09-11", "first": "冒充银行经理来电骗事主称其有巨额信用卡欠款",
        "last": "拿不准时可拨打110求证。"},
    "tests/other/1.html": {  # gov.cn gazette; an included header carries its own </html>.
        # The headline repeated in the body (over three <br> lines) is dropped
        "title": "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007　年末国债余额限额的决议",
        "date": "2007-08-20", "first": "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）",
        "last": "批准2007年末国债余额限额调整为53365.53亿元。"},
    "tests/qq/2.html": {  # last paragraph ends with a '返回腾讯网首页>>' link
        "title": "棱镜|数据业大整顿：爬虫与现金贷共生共荣，用户信息几元不等", "date": "2019-09-23T07:48",
        "first": "划重点：", "last": "第三方数据行业的整顿仍将持续。"},
    "tests/qq/qq.html": {
        "title": "儿歌一分钱被改成一元钱 原作者女儿：改成这样不觉得拗口吗？", "date": "2019-09-07T21:30",
        "first": "潘振声女儿马莉表示，改成这样，唱起来不觉得拗口吗？", "last": "等作品。", "author": "张楠"},
    "tests/readhub/readhub.html": {  # a topic summary; the page says only '昨天' (no fetch
        # time given here, so no date)
        "title": "运营商 5G 手机促销方式曝光，禁止提供购机补贴", "date": None,
        "first": "根据运营商内部人士透露", "last": "无法对用户购买 5G 手机直接进行补贴。"},
    "tests/shanxi/1.html": {  # opens with a photo caption
        "title": "山西品牌丝路行（南美站）正式启动", "date": "2019-09-18",
        "first": "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）", "last": "阿根廷举行。（张巨峰）",
        "author": "张巨峰", "source": "山西日报"},
    "tests/sina/1.html": {  # a video player's caption ('视频-…') above the text is not text
        "title": "中国人习以为常的地方 为何老外却说“了不得”？", "date": "2019-11-25T18:57",
        "first": "“你们将开始明白为什么我这么喜欢中国", "last": "400多座“老年人运动场”。（BBC）",
        "editor": "张迪"},
    "tests/sina/3.html": {  # a WeChat repost: the '原创： …' account line is not text
        "title": "债券市场是否存在泡沫？世界知名首席投资官们这么说", "date": "2019-09-09T20:52",
        "first": "随着低增长、低利率、低通胀成为新的常态", "last": "重启量化宽松。（完）",
        "editor": "郭明煜"},
    "tests/sina/4.html": {  # the 新浪众测 ad, the player bar and '相关新闻：' sit above the text
        "title": "苹果发布新iPhone 11：64GB售5499元 256GB售6799元", "date": "2019-09-11T01:53",
        "first": "新浪科技讯 北京时间9月11日凌晨消息", "last": "实现轻松换新iPhone。(李楠)"},
    "tests/sina/5.html": {  # ends before '此前报道：…' and '点击进入专题：聚焦香港局势'
        "title": "陈同佳刑满出狱 向潘晓颖家人鞠躬致歉", "date": "2019-10-23T09:05",
        "first": "出狱了。据港媒刚刚消息", "last": "说完这些话后，陈同佳上车离开了现场。",
        "editor": "吴金明"},
    "tests/sxmu/1.html": {  # <title> '中华人民共和国监察法-纪检'; the law's text
        "title": "中华人民共和国监察法", "date": "2018-05-17",
        "first": "《中华人民共和国监察法》是为了推进全面依法治国", "last": "《中华人民共和国行政监察法》同时废止。"},
    "tests/thepaper/1.html": {  # opens with a photo caption
        "title": "共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性", "date": "2019-09-24T09:10",
        "first": "共享充电宝。视觉中国 资料", "last": "（原题为《是“收割韭菜”还是“回归理性”》）",
        "editor": "张珺"},
    # thepaper/2 and /4 and visible_test/thepaper/1 are one 澎湃号 repost of a WeChat post:
    # the page's own <h1> is cut with '...'; the post's credits, the account's reply menu
    # and the 在看 prompt after '开始搓搓手了！！！' are not text
    "tests/thepaper/2.html": {
        "title": "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免...", "date": "2019-08-13T14:07",
        "first": "搭地铁去坐邮轮玩转东南亚！", "last": "开始搓搓手了！！！"},
    "tests/thepaper/4.html": {
        "title": "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免...", "date": "2019-08-13T14:07",
        "first": "搭地铁去坐邮轮玩转东南亚！", "last": "开始搓搓手了！！！"},
    "visible_test/thepaper/1.html": {
        "title": "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免...", "date": "2019-08-13T14:07",
        "first": "搭地铁去坐邮轮玩转东南亚！", "last": "开始搓搓手了！！！"},
    "tests/thepaper/3.html": {
        "title": "新年伊始，习近平的重要文章谈了啥？", "date": "2020-01-03T18:13",
        "first": "【编前语】2020年1月1日出版的《求是》杂志", "last": "（原题为《新年伊始，习近平的重要文章谈了啥？》）",
        "editor": "柴敏懿"},
    "tests/toutiao/2.html": {  # a gallery, not an article: only picture 1/10's caption is in
        # the HTML (the rest loads by script); the '原创' label is not in the headline
        "title": "最不愁吃肉的国家：顿顿有肉吃，却要靠中国运输蔬菜水果", "date": "2019-09-08T11:42:03",
        "first": "当全世界绝大部分国家都在为能够吸引中国游客到来而绞尽脑汁的时候", "last": "世界第二大内陆国的蒙古国。"},
    "tests/toutiao/3.html": {
        "title": "海螺沟寻子一个月：儿子消失在眼前十几米，搜寻无果母亲不舍离去", "date": "2019-09-09T16:01:46",
        "first": "8岁儿子在四川海螺沟景区失联的第32天", "last": "“是我的孩子，他一定会回来的。”",
        "author": "林子沛"},
    "tests/toutiao/4.html": {
        "title": "较强冷空气来袭 全国多地开启“抖抖抖”模式", "date": "2019-11-25T10:37:31",
        "first": "综合消息，近日，较强冷空气袭击多地", "last": "雨天出行注意交通安全。"},
    "tests/toutiao/5.html": {
        "title": "顺丰小哥汪勇连升3级，国家授予特别奖：时代永远在奖励解决问题的摆渡人", "date": "2020-03-09T18:14:21",
        "first": "最近，武汉一个顺丰小哥汪勇直升3级", "last": "我希望能多陪陪家人”。——汪勇"},
    "tests/toutiao/toutiao.html": {
        "title": "英国独立游戏，经典游戏规则与RPG成长冒险元素结合体验", "date": "2019-09-04T22:18:34",
        "first": "FreeCell Quest是一款以经典纸牌游戏空当接龙为核心玩法", "last": "暂时没有简体中文"},
    # WeChat shows '昨天'/'前天'; the time is the page script's 'var ct' (unix seconds)
    "tests/wechat/1.html": {
        "title": "三星 Galaxy S20 系列手机正式发布", "date": "2020-02-12T22:17:54",
        "first": "今天凌晨，三星在美国旧金山举行发布会", "last": "拥有黑、金、紫三色可选。"},
    "tests/wechat/2.html": {  # opens with a photo ('摄影：产品经理') and its caption
        "title": "一日一技：在 Python 中实现延迟调用", "date": "2020-02-11T18:47:50",
        "first": "产品经理的生日餐", "last": "确保始终增加一条日期数据。", "author": "kingname"},
    "tests/xds/1.html": {  # a roundup of items, each under its source tag
        "title": "【资讯汇总】9月26日盘中重要资讯汇总 准确把握市场走向", "date": "2019-09-26T15:10",
        "first": "收盘播报", "last": "债券资金使用情况是良好的。", "source": "天天基金网"},
    "tests/zsnews/1.html": {  # '发布日期：2019-03-06' under the text; 2月27日 is the event
        "title": "顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作", "date": "2019-03-06",
        "first": "2019年2月27日下午，佛山顺德区大良街道", "last": "为中山经济发展提供创新驱动力。",
        "editor": "龙慧"},
    "tests/zyyfy/1.html": {  # '作者：医技药剂党支部' is a party branch, not a person
        "title": "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛",
        "date": "2019-10-31T23:00", "first": "本站讯（职工通讯员 李琴雯 刘会）",
        "last": "提高医院的药学服务水平。", "author": None},
    "visible_test/021news/1.html": {  # broken page: the body text has lost its digits and
        # carries escaped markup ('pcms-style=\\"font-L\\">'), so only headline and time
        "title": "大牛股东山精密突然放量跌停 实控人减持后机构出货", "date": "2019-09-26T07:19:52"},
    "visible_test/163/1.html": {  # ends before '图片来自网络，如有侵权，请联系删除。'
        "title": "广西省发生了一起事件，位置在来宾市，画面曝光", "date": "2021-02-18T07:02:10",
        "first": "这几天，来宾市兴宾区飞龙路附近几十辆轿车被砸车窗", "last": "目前此案还在进一步。"},
    "visible_test/cmse/1.html": {
        "title": "载人航天工程全线备战空间站建造任务", "date": "2021-01-05",
        "first": "元旦佳节，当千家万户团聚喜迎新年时", "last": "续写辉煌篇章！", "editor": "周雁"},
    "visible_test/mydrivers/1.html": {  # ends before '- THE END -' and '转载请注明出处'
        "title": "首次采样带回 嫦娥五号为什么是中国航天史上最复杂任务？一图看懂", "date": "2020-11-23T10:22:14",
        "first": "这个月底，国内还有一次重要的航天发射任务", "last": "四部分组成。", "author": "宪瑞"},
}

_WS = re.compile(r"\s+")
_TEXT_URL = re.compile(rb'<text id="(https?://[^"]+)"')


def char_prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(_WS.sub("", pred or "")), Counter(_WS.sub("", gold or ""))
    inter = sum((p & g).values())
    if not inter:
        return 0.0, 0.0, 0.0
    P, R = inter / sum(p.values()), inter / sum(g.values())
    return P, R, 2 * P * R / (P + R)


def _gold_date(s: str):
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?\s*$", s)
    if not m:
        return None
    return tuple(int(x) for x in m.groups() if x is not None)


def _pred_date(s):
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", str(s))
    return tuple(int(x) for x in m.groups() if x is not None) if m else None


def date_right(pred, gold, day_only=False) -> bool:
    g, p = _gold_date(gold), _pred_date(pred)
    if not g or not p:
        return False
    n = min(len(g), 3) if day_only else len(g)
    return len(p) >= n and p[:n] == g[:n]


def _norm_name(s):
    return re.sub(r"[\s、,，;；/·]", "", s or "")


def author_right(pred, gold) -> bool:
    p, g = _norm_name(pred), _norm_name(gold)
    return bool(p and g and (p == g or (len(p) >= 2 and (p in g or g in p))))


# ---------------------------------------------------------------- tools
def run_ours(raw, url):
    r = extract(raw, url=url)
    return {"body": r["body"], "date": r["published_at"], "author": r["author"],
            "source": r["source"], "title": r["title"]}


def run_trafilatura(raw, url):
    import trafilatura
    d = trafilatura.bare_extraction(raw, url=url, with_metadata=True) or {}
    if not isinstance(d, dict):
        d = d.as_dict()
    return {"body": d.get("text") or "", "date": d.get("date"), "author": d.get("author"),
            "title": d.get("title")}


def run_readability(raw, url):
    import lxml.html
    from readability import Document
    doc = Document(raw, url=url)
    html = doc.summary(html_partial=True)
    text = lxml.html.fromstring(html).text_content() if html.strip() else ""
    return {"body": text, "date": None, "author": None, "title": doc.short_title()}


def run_gne(raw, url):
    from gne import GeneralNewsExtractor
    text, _ = decode(raw)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    d = GeneralNewsExtractor().extract(text)
    return {"body": d.get("content") or "", "date": d.get("publish_time"), "author": d.get("author"),
            "title": d.get("title")}


TOOLS = {"ours": run_ours, "trafilatura": run_trafilatura, "readability": run_readability, "gne": run_gne}


def _safe(fn, raw, url):
    t0 = time.perf_counter()
    try:
        r = fn(raw, url)
    except Exception as e:  # a peer crashing on a page scores an empty body there
        r = {"body": "", "date": None, "author": None, "title": None, "error": repr(e)[:80]}
    return r, time.perf_counter() - t0


# ---------------------------------------------------------------- datasets
def cwced_pages(base: Path):
    d = base / "html" / "cwced"
    for f in sorted((d / "original").glob("*.html")):
        pid = f.stem
        raw = f.read_bytes()
        m = _TEXT_URL.search(raw[:2000])  # the dataset wraps each page with its URL
        rd = lambda sub: (d / sub / f"{pid}.txt").read_text("utf-8", "replace").strip() if (d / sub / f"{pid}.txt").exists() else ""
        yield pid, raw, (m.group(1).decode() if m else None), rd("cleaned"), rd("date"), rd("author")


def readability_pages(base: Path):
    import lxml.html
    d = base / "html" / "readability"
    for sub in sorted(p for p in d.iterdir() if p.is_dir()):
        exp = lxml.html.fromstring((sub / "expected.html").read_bytes().decode("utf-8", "replace"))
        meta = json.loads((sub / "expected-metadata.json").read_text("utf-8"))
        yield sub.name, (sub / "source.html").read_bytes(), None, exp.text_content(), "", meta.get("byline") or ""


def evaluate(base: Path | None = None, tools=None, out=print) -> dict:
    base = Path(base or shared_data_dir())
    tools = tools or list(TOOLS)
    res: dict = {"tools": tools}
    for name, pages in (("cwced", list(cwced_pages(base))), ("readability", list(readability_pages(base)))):
        per = {t: {"f1": [], "p": [], "r": [], "empty": 0, "secs": 0.0, "date": [], "date_day": [],
                   "author": [], "byline": [], "pages": {}} for t in tools}
        for pid, raw, url, gold, gdate, gauthor in pages:
            for t in tools:
                r, secs = _safe(TOOLS[t], raw, url)
                s = per[t]
                s["secs"] += secs
                P, R, F = char_prf(r["body"], gold)
                s["p"].append(P), s["r"].append(R), s["f1"].append(F)
                s["pages"][pid] = (F, r)
                s["empty"] += not (r["body"] or "").strip()
                if _gold_date(gdate):
                    s["date"].append(date_right(r["date"], gdate))
                    s["date_day"].append(date_right(r["date"], gdate, day_only=True))
                if gauthor and gauthor.upper() not in ("UNKNOWN", "UNKNWON") and not _gold_date(gauthor):
                    s["author"].append(author_right(r["author"], gauthor))
                    s["byline"].append(author_right(r["author"], gauthor) or
                                       (not r["author"] and author_right(r.get("source"), gauthor)))
        n = len(pages)
        mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
        out(f"\n== {name}: {n} pages")
        out(f"{'tool':12} {'P':>6} {'R':>6} {'F1':>6} {'min':>5} {'empty':>5} {'date':>9} {'day':>6} "
            f"{'author':>9} {'ms/page':>8} {'ratio':>6}")
        peer_ms = [per[t]["secs"] / n * 1000 for t in tools if t != "ours"]
        fastest = min(peer_ms) if peer_ms else float("nan")
        for t in tools:
            s = per[t]
            ms = s["secs"] / n * 1000
            s.update(mean_f1=mean(s["f1"]), mean_p=mean(s["p"]), mean_r=mean(s["r"]), ms=ms,
                     ratio=ms / fastest if peer_ms else float("nan"),
                     date_acc=mean(s["date"]), author_acc=mean(s["author"]))
            dacc = f"{sum(s['date'])}/{len(s['date'])}" if s["date"] else "-"
            aacc = f"{sum(s['author'])}/{len(s['author'])}" if s["author"] else "-"
            out(f"{t:12} {s['mean_p']:6.3f} {s['mean_r']:6.3f} {s['mean_f1']:6.3f} {min(s['f1']):5.2f} "
                f"{s['empty']:5d} {dacc:>9} {mean(s['date_day']) if s['date_day'] else float('nan'):6.2f} "
                f"{aacc:>9} {ms:8.1f} {s['ratio']:6.2f}")
        if "ours" in per:
            s = per["ours"]
            if s["byline"]:
                out(f"ours byline (author, else 来源 source) matches gold author: {sum(s['byline'])}/{len(s['byline'])}")
            for pid, (F, r) in s["pages"].items():
                if F < FLOOR_PAGE:
                    why = next((v for k, v in GOLD_EXEMPT.items() if pid.startswith(k)), None)
                    out(f"  page {pid} F1={F:.2f} " + (f"EXEMPT: {why}" if why else "BELOW FLOOR"))
            if name == "cwced":
                misses = [pid for (pid, raw, url, gold, gdate, ga) in pages
                          if _gold_date(gdate) and not date_right(s["pages"][pid][1]["date"], gdate)]
                for pid in misses:
                    gd = next(p[4] for p in pages if p[0] == pid)
                    note = next((v for k, v in DATE_GOLD_NOTES.items() if pid.startswith(k)), None)
                    out(f"  date miss {pid}: ours={s['pages'][pid][1]['date']} gold={gd}" +
                        (f"  [gold note: {note}]" if note else ""))
                noted = [pid for pid in misses if any(pid.startswith(k) for k in DATE_GOLD_NOTES)]
                n_dated = len(s["date"]) - len(noted)
                s["date_acc_checked"] = (sum(s["date"])) / n_dated if n_dated else float("nan")
                out(f"ours date accuracy: raw {sum(s['date'])}/{len(s['date'])}; excluding the "
                    f"{len(noted)} noted gold disagreements {sum(s['date'])}/{n_dated}")
        if "ours" in per:
            s = per["ours"]
            amiss = [(pid, ga) for (pid, raw, url, gold, gdate, ga) in pages
                     if ga and ga.upper() not in ("UNKNOWN", "UNKNWON") and not _gold_date(ga)
                     and not author_right(s["pages"][pid][1]["author"], ga)]
            anoted = [pid for pid, _ in amiss if any(pid.startswith(k) for k in AUTHOR_GOLD_NOTES)]
            for pid, ga in amiss:
                note = next((v for k, v in AUTHOR_GOLD_NOTES.items() if pid.startswith(k)), None)
                out(f"  author miss {pid}: ours={s['pages'][pid][1]['author']!r} gold={ga!r}" +
                    (f"  [gold note: {note}]" if note else ""))
            n_auth = len(s["author"]) - len(anoted)
            s["author_acc_checked"] = sum(s["author"]) / n_auth if n_auth else float("nan")
            if s["author"]:
                out(f"ours author accuracy: raw {sum(s['author'])}/{len(s['author'])}; excluding the "
                    f"{len(anoted)} noted gold disagreements {sum(s['author'])}/{n_auth}")
        res[name] = per
    return res


def check_gne(base: Path | None = None, out=print) -> list[str]:
    """Run the hand-checked assertions on GNE pages; returns failure messages."""
    base = Path(base or shared_data_dir()) / "html" / "gne"
    fails = []
    for rel, exp in GNE_CHECKS.items():
        f = base / rel
        if not f.exists():
            fails.append(f"{rel}: missing")
            continue
        r = extract(f.read_bytes(), url=exp.get("url"), fetched_at=exp.get("fetched_at"))
        body = r["body"].split("\n")
        checks = [("title", r["title"] == exp["title"], r["title"])]
        if "date" in exp:
            checks.append(("date", r["published_at"] is None if exp["date"] is None else
                           (r["published_at"] or "").startswith(exp["date"]), r["published_at"]))
        if "first" in exp:
            checks.append(("first", body[0].startswith(exp["first"]), body[0][:40]))
        if "last" in exp:
            checks.append(("last", body[-1].endswith(exp["last"]), body[-1][-40:]))
        for field in ("editor", "author", "source"):
            if field in exp:
                checks.append((field, r[field] == exp[field], r[field]))
        for what, ok, got in checks:
            if not ok:
                fails.append(f"{rel}: {what} got {got!r}")
    out(f"\n== gne hand-checked pages: {len(GNE_CHECKS) - len({m.split(':')[0] for m in fails})}/{len(GNE_CHECKS)} pass")
    for m in fails:
        out("  FAIL " + m)
    return fails


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-peers", action="store_true", help="only our extractor")
    args = ap.parse_args(argv)
    base = shared_data_dir()
    if not (base / "html" / "cwced").exists():
        print(f"shared data not found at {base} (set P2PNEWS_SHARED_DATA)")
        return 2
    t0 = time.perf_counter()
    res = evaluate(base, ["ours"] if args.no_peers else None)
    fails = check_gne(base)
    s = res["cwced"]["ours"]
    print(f"\nfloors on cwced: mean F1 {s['mean_f1']:.3f} (>= {FLOOR_F1}), date {s['date_acc']:.3f} raw / "
          f"{s['date_acc_checked']:.3f} excl. noted gold (>= {FLOOR_DATE}), "
          f"speed ratio {s['ratio']:.2f} (<= {FLOOR_SPEED}); gne checks failed: {len(fails)}; "
          f"total {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
