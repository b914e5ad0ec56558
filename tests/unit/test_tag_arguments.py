from datetime import date

from pipeline.tag import arguments as a


def test_amounts():
    assert a.amounts("涉案金额3.74万亿元") == [3.74e12]
    assert a.amounts("逾10亿元") == [1e9]
    assert a.amounts("非法吸收1.2亿余元") == [1.2e8]
    assert a.amounts("损失15亿美元") == []


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


def test_anonymised_names_keep_their_given_name_and_nothing_more():
    from pipeline.tag.arguments import persons
    names = lambda s: [p["name"] for p in persons(s)]
    assert names("实控人俞某超、股东俞某伟因涉嫌非法吸收公众存款罪被逮捕") == ["俞某超"]
    assert names("公司实际控制人蔡某来，高管王某等6名犯罪嫌疑人被刑拘")[:2] == ["蔡某来", "王某"]
    assert names("董事长王某系公司创始人，已被刑拘") == ["王某"]
    assert names("法定代表人张某某被抓") == ["张某某"]
    assert names("董事长黄某等人被刑拘") == ["黄某"]
