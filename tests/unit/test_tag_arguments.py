import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tag import arguments as a


def test_amounts():
    assert a.amounts("涉案金额3.74万亿元") == [3.74e12]
    assert a.amounts("逾10亿元") == [1e9]
    assert a.amounts("非法吸收1.2亿余元") == [1.2e8]
    assert a.amounts("损失15亿美元") == []
    # exact to the fen, not binary floating point's 229999999.99999997
    assert a.amounts("资产包本金合计约2.3亿元") == [230000000.0]
    assert a.amounts("罚款0.57万元") == [5700.0]
    # a figure written across units
    assert a.amounts("利民网回款1亿5014万元") == [150140000.0]
    assert a.amounts("有11万2600元逾期没还") == [112600.0]
    assert a.amounts("罚款1亿，另有5000万元") == [5e7]


def test_investors():
    assert a.investor_count("涉及投资人2万余人") == 20000
    assert a.investor_count("现有48名投资人报案") == 48


def test_dates():
    pub = date(2018, 8, 2)
    assert a.event_date("7月30日，平台宣布清盘", 9, pub) == "2018-07-30"
    assert a.event_date("昨日平台宣布清盘", 5, pub) == "2018-08-01"
    assert a.event_date("上周平台宣布清盘", 5, pub) == "2018-07-26"
    assert a.event_date("12月30日平台清盘", 8, date(2019, 1, 3)) == "2018-12-30"
    assert a.event_date("平台清盘", 2, None) is None
    # a month without a day: the article's year, the part of the month's first day
    assert a.event_date("实控人已于7月初出逃境外", 10, pub) == "2018-07-01"
    assert a.event_date("7月中旬以来，平台出现兑付困难", 13, pub) == "2018-07-11"
    assert a.event_date("去年12月下旬，平台暂停提现", 12, pub) == "2017-12-21"
    assert a.event_date("12月，平台暂停提现", 7, date(2019, 1, 3)) == "2018-12-01"
    assert a.event_date("平台将在36个月内兑付", 9, pub) is None


def test_anonymised_names_keep_their_given_name_and_nothing_more():
    from pipeline.tag.arguments import persons
    names = lambda s: [p["name"] for p in persons(s)]
    assert names("实控人俞某超、股东俞某伟因涉嫌非法吸收公众存款罪被逮捕") == ["俞某超", "俞某伟"]
    assert names("公司实际控制人蔡某来，高管王某等6名犯罪嫌疑人被刑拘")[:2] == ["蔡某来", "王某"]
    assert names("董事长王某系公司创始人，已被刑拘") == ["王某"]
    assert names("法定代表人张某某被抓") == ["张某某"]
    assert names("董事长黄某等人被刑拘") == ["黄某"]


def test_a_name_after_a_role_ends_where_the_sentence_goes_on():
    from pipeline.tag.arguments import persons
    names = lambda s: [p["name"] for p in persons(s)]
    assert names("判处钰诚集团董事长丁宁无期徒刑，剥夺政治权利终身") == ["丁宁"]
    assert names("判处平台实际控制人严某无期徒刑") == ["严某"]
    assert names("判处被告人张小雷有期徒刑十五年") == ["张小雷"]
    assert names("警方对该公司法定代表人汪志三等12名犯罪嫌疑人采取强制措施") == ["汪志三"]
    assert names("被告人孙浩犯集资诈骗罪，判处有期徒刑") == ["孙浩"]
    assert names("法人代表郭某来黄浦公安分局投案") == ["郭某"]


def test_the_word_before_a_role_with_a_name_after_it_is_the_employer():
    from pipeline.tag.arguments import persons
    names = lambda s: [p["name"] for p in persons(s)]
    assert names("草根投资首席律师、万家乐董事长陈环已被逮捕") == ["陈环"]
    assert names("周世平董事长表示平台运营正常") == ["周世平"]


def test_names_listed_after_a_role_share_it():
    from pipeline.tag.arguments import persons
    found = persons("团贷网实际控制人唐军、张林于当日向公安机关投案自首")
    assert [(p["name"], p["role"]) for p in found] == [("唐军", "实控人"), ("张林", "实控人")]


def test_event_amount_is_not_capital_turnover_or_a_bound():
    assert a.amount_yuan("该案涉及集资参与人约90万人，未兑付本金约380亿元。") == 3.8e10
    # the firm's standing figures, a tier of a payout plan, a rule's bound, a product name
    assert a.amount_yuan("平台自称累计成交额超过30亿元，但其存管信息无法查到。") is None
    assert a.amount_yuan("i财富于2015年2月上线运营，注册资本3000万元。") is None
    assert a.amount_yuan("对于单笔出借金额在1万元以下的用户，平台承诺在30个工作日内完成兑付。") is None
    assert a.amount_yuan("转型为小贷公司，注册资本不低于人民币10亿元。") is None
    assert a.amount_yuan("联璧金融曾联合斐讯在京东推0元购活动。") is None
    # the largest figure left wins: the payout, not the turnover told before it
    assert a.amount_yuan("红岭创投累计成交额为4528.32亿元，待偿金额182.58亿元。") == 1.8258e10
    assert a.amount_yuan("涉案金额10亿元以上。") == 1e9


def test_each_name_owns_the_figures_after_it():
    by = a.amounts_by_name("国付宝被罚4646万元，联动优势被罚2600万元", [(0, "国付宝"), (11, "联动优势")], penalties=True)
    assert by == {"国付宝": 4.646e7, "联动优势": 2.6e7}
    by = a.amounts_by_name("钱宝网逾期5亿元，雅堂金融逾期3亿元", [(0, "钱宝网"), (10, "雅堂金融")])
    assert by == {"钱宝网": 5e8, "雅堂金融": 3e8}
    # one name, or one figure: the sentence's largest figure stands for all
    assert a.amounts_by_name("钱宝网逾期5亿元，涉案3亿元", [(0, "钱宝网")]) is None
    assert a.amounts_by_name("A平台和B平台涉案共计10亿元", [(0, "A平台"), (4, "B平台")]) is None


def test_a_fine_is_the_size_of_a_sentence_not_of_the_case():
    s = "法院以集资诈骗罪判处被告人张小雷有期徒刑十五年，并处没收个人财产人民币1亿元；"
    assert a.amount_yuan(s) is None and a.amount_yuan(s, penalties=True) == 1e8
    s = "对快鹿集团、东虹桥小贷公司分别判处罚金人民币15亿元、2亿元，涉案金额约300亿元"
    assert a.amount_yuan(s) == 3e10 and a.amount_yuan(s, penalties=True) == 3e10
    assert a.amounts(s) == [1.5e9, 2e8, 3e10]


def test_names_without_a_figure_share_the_next_ones_or_pair_them_by_fenbie():
    s = "A平台和B平台涉案共计10亿元，C平台涉案2亿元，D平台也已停业"
    by = a.amounts_by_name(s, [(s.index(n), n) for n in ("A平台", "B平台", "C平台", "D平台")])
    assert by == {"A平台": 1e9, "B平台": 1e9, "C平台": 2e8, "D平台": None}
    s = "对快鹿集团、东虹桥小贷公司分别判处罚金人民币15亿元、2亿元"
    by = a.amounts_by_name(s, [(s.index(n), n) for n in ("快鹿集团", "东虹桥小贷公司")], penalties=True)
    assert by == {"快鹿集团": 1.5e9, "东虹桥小贷公司": 2e8}
    # a name written twice owns the figures after each of its places
    s = "投诉海象理财，涉诉金额201元，去年投的海象理财2万元，不能提现"
    assert a.amounts_by_name(s, [(2, "海象理财"), (s.rindex("海象理财"), "海象理财")]) is None
    s = "投诉海象理财，涉诉金额201元，客服称红岭创投5000元，去年投的海象理财2万元"
    by = a.amounts_by_name(s, [(s.index(n), n) for n in ("海象理财", "红岭创投")] + [(s.rindex("海象理财"), "海象理财")])
    assert by == {"海象理财": 2e4, "红岭创投": 5000.0}


PIECES = ["甲平台", "乙平台", "丙金服", "5亿元", "3000万元", "11万2600元", "注册资本1亿元", "，", "、", "和",
          "分别", "逾期", "涉案", "罚金人民币", "。"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_amounts_by_name_gives_each_name_one_of_the_sentences_figures(pieces):
    sentence = "".join(pieces)
    names = [(m.start(), m.group()) for m in re.finditer("甲平台|乙平台|丙金服", sentence)]
    by = a.amounts_by_name(sentence, names)
    if by is None:
        return
    assert set(by) == {name for _, name in names}
    figures = {a.amount_yuan(sentence)} | set(a.amounts(sentence))
    assert all(v is None or v in figures for v in by.values())
