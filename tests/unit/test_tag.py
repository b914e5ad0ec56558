"""Tagger unit tests on hand-written sentences (no outside data)."""


from pipeline.tag import TAGGER_VERSION, Gazetteer, tag_text
from pipeline.tag.polarity import polarity
from pipeline.tag.segment import lcut, add_names
from pipeline.tag.arguments import persons

KEYS = {"event_type", "polarity", "subject", "subject_kind", "platform", "trigger", "evidence",
        "confidence", "extractor_version", "persons", "amount_yuan", "investor_count", "location",
        "authority", "event_date", "company"}


def events(text, **kw):
    return tag_text(text, **kw)["events"]


def polarities(text, code, **kw):
    """The polarity of each event of this code, in order."""
    return [e["polarity"] for e in events(text, **kw) if e["event_type"] == code]


def test_contract_shape_and_offsets():
    text = "据报道，红岭创投昨日宣布清盘。"
    res = tag_text(text, published_at="2018-08-02T10:00:00+08:00")
    assert "红岭创投" in res["platforms"]
    ev = res["events"][0]
    assert KEYS <= set(ev)
    assert ev["event_type"] == "platform.shutdown" and ev["subject"] == "红岭创投"
    assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["sentence"]
    assert ev["event_date"] == "2018-08-01"
    assert ev["extractor_version"] == TAGGER_VERSION and 0 <= ev["confidence"] <= 1


def test_denial_is_not_a_collapse():
    evs = events("红岭创投辟谣：平台并未跑路，运营一切正常。")
    assert evs and all(e["polarity"] == "denied" for e in evs if e["event_type"] == "platform.absconded")


def test_possible():
    evs = events("网传e租宝或将清盘。")
    assert evs[0]["polarity"] == "possible" and evs[0]["subject"] == "e租宝"


def test_subject_is_the_platform_the_sentence_names_not_every_name():
    evs = events("与陆金所不同，团贷网已被立案侦查。")
    subs = {e["subject"] for e in evs if e["event_type"] == "platform.police_case"}
    assert subs == {"团贷网"}


def test_coordinated_subjects():
    evs = events("善林金融、e租宝和钱宝网均涉嫌非法集资。")
    assert {e["subject"] for e in evs} == {"善林金融", "e租宝", "钱宝网"}


def test_company_with_platform_in_brackets_and_arguments():
    text = ("2018年7月2日，上海市公安局松江分局根据群众举报，对上海驹秀网络科技有限公司（金蛐蛐平台）"
            "涉嫌非法吸收公众存款案立案侦查，涉案金额逾10亿元，涉及投资人2万余人。")
    res = tag_text(text, published_at="2018-08-01")
    ev = [e for e in res["events"] if e["event_type"] == "platform.police_case"][0]
    assert ev["subject"] == "上海驹秀网络科技有限公司" and ev["platform"] == "金蛐蛐"
    assert ev["amount_yuan"] == 1e9 and ev["investor_count"] == 20000
    assert ev["authority"].startswith("上海市公安局") and ev["location"] == "上海"
    assert ev["event_date"] == "2018-07-02"


def test_person_event():
    evs = events("善林金融实际控制人周伯云向上海市公安局浦东分局投案自首。")
    ev = [e for e in evs if e["event_type"] == "person.detained"][0]
    assert ev["subject"] == "周伯云" and ev["subject_kind"] == "person" and ev["platform"] == "善林金融"
    assert {"name": "周伯云", "role": "实控人"} in ev["persons"]


def test_person_named_again_without_role():
    # 张小雷 has his role (被告人) in the first sentence only; the second names him bare
    evs = events("法院以集资诈骗罪判处钱宝网被告人张小雷有期徒刑十五年。钱宝网案发于2017年12月，当时张小雷向南京警方投案自首。")
    ev = [e for e in evs if e["event_type"] == "person.detained"][0]
    assert ev["subject"] == "张小雷" and ev["platform"] == "钱宝网"
    assert ev["persons"] == [{"name": "张小雷", "role": "被告人"}]
    # a known two-character name inside a longer one is someone else
    evs = events("钱宝网实际控制人张林已被刑事拘留。据悉张林峰已向警方投案自首。")
    ev = [e for e in evs if e["event_type"] == "person.detained" and "据悉" in e["evidence"]["sentence"]][0]
    assert ev["persons"] == [] and ev["subject"] == "钱宝网"


def test_person_events_of_two_names():
    # 唐军 works for 团贷网; 红岭创投's executives go unnamed, so its event is about the platform
    evs = [e for e in events("团贷网实际控制人唐军投案自首，红岭创投也有多名高管被刑事拘留。")
           if e["event_type"] == "person.detained"]
    assert {(e["subject"], e["platform"]) for e in evs} == {("唐军", "团贷网"), ("红岭创投", "红岭创投")}
    assert [e["persons"] for e in evs if e["subject"] == "红岭创投"] == [[]]


def test_person_event_per_person():
    evs = [e for e in events("团贷网实际控制人唐军、张林于当日向公安机关投案自首。") if e["event_type"] == "person.detained"]
    assert {(e["subject"], e["platform"]) for e in evs} == {("唐军", "团贷网"), ("张林", "团贷网")}


def test_person_event_per_person_without_a_platform():
    evs = [e for e in events("公司实际控制人张某、李某已被刑事拘留。") if e["event_type"] == "person.detained"]
    assert sorted(e["subject"] for e in evs) == ["张某", "李某"] and all(e["platform"] is None for e in evs)


def test_a_later_clause_with_its_own_person_trigger_keeps_its_person():
    evs = events("红岭创投高管张某等4人已被批准逮捕，高管赵某扬已被取保候审。")
    arrested = [e for e in evs if e["trigger"] == "逮捕"]
    assert [p["name"] for e in arrested for p in e["persons"]] == ["张某"]
    assert any(e["trigger"] == "取保候审" and e["subject"] == "赵某扬" for e in evs)
    # an earlier clause's person is the one caught
    evs = events("红岭创投实际控制人张某外逃，后被警方抓获。")
    assert any(e["trigger"] == "抓获" and e["subject"] == "张某" for e in evs)


def test_an_earlier_clause_with_its_own_person_trigger_keeps_its_person():
    # 易德勤 surrendered; the two who ran are the later clause's own persons
    evs = events("红岭创投实际控制人易德勤投案自首，团贷网董事长余刚、董事兼CEO张玉丰跑路。")
    fled = [e for e in evs if e["event_type"] == "person.fled"]
    assert sorted(e["subject"] for e in fled) == ["余刚", "张玉丰"]
    assert all(p["name"] != "易德勤" for e in fled for p in e["persons"])
    assert any(e["trigger"] == "投案自首" and e["subject"] == "易德勤" for e in evs)


def test_persons_named_before_take_a_trigger_whose_person_is_another_triggers():
    # 邬再平 vanished (a role, a name and an aside before 失联); the surrender is 陶蕾's and 卢伟's,
    # named with their roles a sentence before and bare here
    evs = events("团贷网董事长陶蕾、总裁卢伟投案自首。知情人士称，自首的陶蕾及卢伟均为外聘高管，"
                 "实控人邬再平（又名邬战）已失联。")
    second = [e for e in evs if "邬再平" in e["evidence"]["sentence"]]
    surrendered = sorted(e["subject"] for e in second if e["event_type"] == "person.detained")
    assert surrendered == ["卢伟", "陶蕾"]
    assert [e["subject"] for e in second if e["event_type"] == "person.fled"] == ["邬再平"]


def test_a_trigger_in_an_aside_on_a_name_is_that_persons():
    evs = events("经审理查明，被告人李维、聂辉与王某（在逃）三人共同出资成立了汇金宝公司。")
    assert [e["subject"] for e in evs if e["event_type"] == "person.fled"] == ["王某"]


def test_a_less_common_surname_beside_a_role_opens_a_name():
    assert persons("银票网实际控制人易德勤投案自首") == [{"name": "易德勤", "role": "实控人"}]
    assert persons("南京公安局对犯罪嫌疑人颜炳青批准逮捕") == [{"name": "颜炳青", "role": "犯罪嫌疑人"}]
    # a word that opens with a surname is no name
    assert persons("该平台实控人凌晨被抓") == []
    assert persons("警方称该平台老板庞大的资产已被查封") == []


def test_an_executive_named_before_the_vanishing_fled():
    evs = events("由于团贷网实际控制人李永刚失联，资金暂无法兑付。")
    assert any(e["event_type"] == "person.fled" and e["subject"] == "李永刚" for e in evs)
    assert not any(e["event_type"] == "platform.absconded" for e in evs)


def test_firm_name_before_role_is_no_person():
    # 万家乐董事长: 万家乐 is the company's short name (以下简称), the chairman goes unnamed
    evs = events("万家乐董事长失联，广东万家乐股份有限公司(以下简称：万家乐)发布公告，称其子公司办公场所被查。")
    fled = [e for e in evs if e["event_type"] == "person.fled"]
    assert fled and all(e["persons"] == [] and e["platform"] == "万家乐" for e in fled)


def test_names_with_latin_and_digits_stay_whole():
    add_names(["e租宝", "PPmoney", "91金融", "i财富"])
    toks = lcut("e租宝、PPmoney、91金融和i财富都是平台")
    for name in ("e租宝", "PPmoney", "91金融", "i财富"):
        assert name in toks
    assert "PPmoney" in tag_text("PPmoney宣布良性退出。")["platforms"]


def test_gazetteer_from_rows_links_company():
    gz = Gazetteer.from_rows([{"name": "测试贷", "aliases": ["测贷"], "company": "测试科技有限公司"}])
    evs = events("测试科技有限公司已被立案侦查。", gazetteer=gz)
    assert evs[0]["platform"] == "测试贷"


def test_discovery_of_unknown_platform():
    res = tag_text("投资人反映，“鑫福财富”平台近日出现提现困难。")
    assert "鑫福财富" in res["platforms"]
    assert res["events"][0]["platform"] == "鑫福财富"


def test_unknown_platform_named_after_the_kind_of_platform_it_is():
    def subjects(text):
        return [(e["event_type"], e["subject"]) for e in tag_text(text)["events"]]
    assert subjects("上海网贷平台沪融网9月19日发布公告称，平台自即日起停止运营。") == [("platform.shutdown", "沪融网")]
    assert subjects("近日，有消息称南京网贷平台钱多多金服或将清盘。") == [("platform.shutdown", "钱多多金服")]
    # jieba glues 贷|官 here: the name still ends before 官网
    assert subjects("浙江宁波的网贷平台聚源e贷官网无法访问，平台疑似跑路。") == [("platform.absconded", "聚源e贷")]
    # jieba leaves a rare name in single characters and tags 泓 a measure word (一泓清泉)
    assert tag_text("数百名泓源理财的出借人聚集在公司总部楼下，要求平台给出兑付时间表。")["platforms"] == ["泓源理财"]
    # a clause or common words after 网贷平台 are no name
    assert tag_text("网贷平台监管政策趋严以及行业风险事件集中暴露。")["platforms"] == []
    assert tag_text("今年是理财平台的多事之年，网贷平台数量持续减少。")["platforms"] == []


def test_document_level_risk_reaches_the_salient_platforms():
    from pipeline.tag import tag_text
    res = tag_text("#团贷网#投资人反映平台已经逾期三个月，无法提现。", title="团贷网与红岭创投")
    subj = {e["platform"] for e in res["events"] if e["event_type"] == "platform.withdrawal_halt" and e["polarity"] == "affirmed"}
    assert "红岭创投" in subj
    doc = [e for e in res["events"] if e["evidence"].get("field") == "document"]
    assert doc and all(e["confidence"] <= 0.45 for e in doc)
    # no affirmed risk event: nothing is propagated
    res = tag_text("#团贷网#平台否认跑路传闻。", title="团贷网与红岭创投")
    assert not [e for e in res["events"] if e["evidence"].get("field") == "document"]


def test_circulating_rumour_is_possible_and_loan_statistics_are_no_halt():
    res = tag_text("近日，网络上流传一则“测试贷老板已跑路”的消息，在投资人群中被大量转发。")
    fled = [e for e in res["events"] if e["event_type"] == "platform.absconded"]
    assert fled and all(e["polarity"] == "possible" for e in fled)
    res = tag_text("测试贷公布运营数据：当月成交额约3.6亿元，项目逾期率为0.57%，与此前数月相比无明显波动。")
    assert not [e for e in res["events"] if e["event_type"] == "platform.withdrawal_halt"]


def test_listed_fragment_grows_to_the_name_the_text_gives():
    # an imported list holds a short tail (鑫源财富 inside 鼎泓鑫源财富); the text names the longer word
    gz = Gazetteer.from_rows([{"name": "鑫源财富"}])
    out = tag_text("警方通报，鼎泓鑫源财富涉嫌非法集资被立案侦查。", gazetteer=gz)
    assert {e["subject"] for e in out["events"] if e["event_type"] == "platform.police_case"} == {"鼎泓鑫源财富"}


def test_subject_is_canonical_and_the_name_as_written_is_kept():
    gz = Gazetteer.from_rows([{"name": "测试贷金融", "aliases": ["测试贷"]}])
    out = tag_text("测试贷涉嫌非法吸收公众存款被立案。", gazetteer=gz)
    ev = next(e for e in out["events"] if e["event_type"] == "platform.police_case")
    assert (ev["subject"], ev["subject_text"], ev["platform"]) == ("测试贷金融", "测试贷", "测试贷金融")
    out = tag_text("“测试贷系”涉嫌集资诈骗被立案侦查。", gazetteer=gz)
    assert "测试贷" in {e["subject_text"] for e in out["events"] if e["event_type"] == "platform.police_case"}


def test_platforms_list_an_alias_as_written_beside_its_platform():
    gz = Gazetteer.from_rows([{"name": "农信国投", "aliases": ["酒掌柜"]}, {"name": "PPmoney", "aliases": ["ppmoney"]}])
    assert tag_text("酒掌柜银行存管正式上线，酒掌柜宣布与银行签署合作协议。", gazetteer=gz)["platforms"] == ["农信国投", "酒掌柜"]
    # a name written otherwise only in width or case is no other name
    assert tag_text("ppmoney银行存管正式上线。", gazetteer=gz)["platforms"] == ["PPmoney"]


def test_company_keeps_the_province_jieba_split():
    out = tag_text("警方通报江苏联丰订单信息科技有限公司涉嫌非法集资犯罪。")
    assert "江苏联丰订单信息科技有限公司" in {e["subject"] for e in out["events"]}


def test_company_before_the_bracket_naming_its_platform_is_a_subject_too():
    # the bracket says the company runs the platform: one case, the company its subject and
    # the platform its platform
    gz = Gazetteer.from_rows([{"name": "测融通"}])
    out = tag_text("警方通报了安徽测融咨询服务有限公司（运营平台“测融通”）非法吸收公众存款案。", gazetteer=gz)
    cases = {(e["subject"], e["platform"], e["company"]) for e in out["events"] if e["event_type"] == "platform.police_case"}
    assert cases == {("安徽测融咨询服务有限公司", "测融通", "安徽测融咨询服务有限公司")}


def test_siblings_across_a_bracketed_alias():
    gz = Gazetteer.from_rows([{"name": n} for n in ("甲乙贷", "丙丁宝", "戊己金服")])
    out = tag_text("甲乙贷(丙丁宝)、戊己金服等平台均涉嫌集资诈骗。", gazetteer=gz)
    subs = {e["subject"] for e in out["events"] if e["event_type"] == "platform.police_case"}
    assert {"甲乙贷", "丙丁宝", "戊己金服"} <= subs


def test_listed_place_plus_listed_name_is_that_platform():
    gz = Gazetteer.from_rows([{"name": "测易贷"}, {"name": "北京测易贷"}])
    out = tag_text("北京测易贷涉嫌非法吸收公众存款被立案侦查。", gazetteer=gz)
    ev = next(e for e in out["events"] if e["event_type"] == "platform.police_case")
    assert (ev["subject"], ev["subject_text"], ev["platform"]) == ("测易贷", "北京测易贷", "测易贷")


def test_a_common_word_before_a_listed_name_is_not_grown_into_it():
    gz = Gazetteer.from_rows([{"name": "测宝网"}])
    out = tag_text("网友:揭秘测宝网圈钱内幕，涉嫌非法集资。", gazetteer=gz)
    assert "测宝网" in {e["subject"] for e in out["events"]}


def test_a_pronoun_adverb_or_xiacheng_before_a_listed_name_is_not_grown_into_it():
    gz = Gazetteer.from_rows([{"name": "测白条"}, {"name": "测金科"}, {"name": "测金融"}])
    for text, name in (("，我不测白条也能借到钱", "测白条"), ("，并去测白条借了五千", "测白条"),
                       ("（下称测金科）已被立案", "测金科"), ("，均由测金融兜底", "测金融")):
        out = tag_text(text, gazetteer=gz)
        assert out["platforms"] == [name], text


def test_company_with_xiawen_jiancheng_alias_is_the_subject():
    out = tag_text("有人反映：上海测信金融信息服务(集团)有限公司(下文简称测信金服集团)开设分公司从事非法集资活动。")
    ev = next(e for e in out["events"] if e["event_type"] == "platform.police_case")
    assert (ev["subject"], ev["platform"]) == ("上海测信金融信息服务(集团)有限公司", "测信金服集团")
    assert "下文简称测信金服集团" not in out["platforms"]


def test_events_carry_the_company_the_text_names():
    text = ("杭州慧信行网络科技有限公司（51帮你平台）实控人俞某超被批准逮捕。"
            "目前51帮你平台已大面积逾期，投资人无法提现。")
    evs = events(text)
    person = [e for e in evs if e["event_type"] == "person.detained"][0]
    assert person["platform"] == "51帮你" and person["company"] == "杭州慧信行网络科技有限公司"
    later = [e for e in evs if e["event_type"] == "platform.withdrawal_halt"][0]
    assert later["company"] == "杭州慧信行网络科技有限公司"
    assert events("红岭创投昨日宣布清盘。")[0]["company"] is None


def test_a_distributive_clause_spreads_the_event_over_the_names_before_it():
    text = "诸如2015年的E租宝，2017年的测试金服以及上半年发生的善林金融，均打着P2P的名义干着非法集资的勾当。"
    gz = Gazetteer.from_rows([{"name": "E租宝"}, {"name": "测试金服"}, {"name": "善林金融"}])
    subjects = {e["subject"] for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"}
    assert subjects == {"E租宝", "测试金服", "善林金融"}
    # without 均 only the nearest name is the subject
    subjects = {e["subject"] for e in events(text.replace("，均", "，"), gazetteer=gz)
                if e["event_type"] == "platform.police_case"}
    assert "E租宝" not in subjects


def test_forbidden_or_fought_is_no_event():
    gz = Gazetteer.from_rows([{"name": "测试贷"}])
    text = "测试贷表示，平台不得设立资金池，严禁非法吸收公众存款，并上线了反欺诈系统。"
    assert not [e for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"]
    assert [e for e in events("测试贷涉嫌非法吸收公众存款。", gazetteer=gz) if e["event_type"] == "platform.police_case"]
    # what a firm avoids or resists did not happen to it
    text = "测试贷坚决抵制非法集资，确保从根本上避免欺诈行为的出现。"
    assert not [e for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"]
    assert not [e for e in events("为避免逾期，请确保测试贷账户金额充足。", gazetteer=gz)
                if e["event_type"] == "platform.withdrawal_halt"]


def test_a_suspect_under_arrest_is_no_doubt():
    text = "警方对测试贷立案侦查，并对公司高管王某等6名犯罪嫌疑人依法采取刑事强制措施。"
    gz = Gazetteer.from_rows([{"name": "测试贷"}])
    detained = [e for e in events(text, gazetteer=gz) if e["event_type"] == "person.detained"]
    assert detained and all(e["polarity"] == "affirmed" for e in detained)
    doubt = [e for e in events("测试贷存在自融嫌疑。", gazetteer=gz) if e["event_type"] == "platform.police_case"]
    assert doubt and doubt[0]["polarity"] == "possible"


def test_a_group_is_named_by_its_platform():
    ev = [e for e in events("2018年5月初，“爱晚系”平台因资金链断裂无法兑付，实际控制人曹斌铭潜逃境外。")
          if e["event_type"] in ("platform.withdrawal_halt", "person.fled")]
    assert {e["platform"] for e in ev} == {"爱晚"}
    halt = next(e for e in ev if e["event_type"] == "platform.withdrawal_halt")
    assert (halt["subject"], halt["subject_text"]) == ("爱晚", "爱晚系")


def test_jun_right_before_the_trigger_spreads_it_over_the_names_before():
    text = "甲乙金融信息服务有限公司(测试宝平台)和丙丁金融信息服务有限公司旗下平台(测试贷)均因涉嫌集资诈骗被移送审查起诉。"
    gz = Gazetteer.from_rows([{"name": "测试宝"}, {"name": "测试贷"}])
    subjects = {e["subject"] for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"}
    assert "甲乙金融信息服务有限公司" in subjects and "测试贷" in subjects


def test_siblings_across_a_place_of_the_next_name():
    gz = Gazetteer.from_rows([{"name": n} for n in ("投之家", "贸金所", "钱富宝", "礼德财富")])
    text = "目前已有投之家、贸金所、钱富宝以及广州的礼德财富至少4家被定性为涉嫌集资诈骗。"
    subjects = {e["subject"] for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"}
    assert subjects == {"投之家", "贸金所", "钱富宝", "礼德财富"}


def test_a_short_company_form_names_its_platform_but_a_kind_of_firm_does_not():
    ev = events("9月25日牛牛通宝公司股东马某因涉嫌组织、领导传销活动罪被批准逮捕。")
    assert {e["platform"] for e in ev} == {"牛牛通宝"}
    assert next(e for e in ev if e["event_type"] == "platform.police_case")["subject_text"] == "牛牛通宝公司"
    ev = events("多家贷款公司涉嫌非法集资被立案。")
    assert "贷款" not in {e["platform"] for e in ev}


def test_leaving_the_lending_market_is_an_orderly_exit_and_a_regulator_is_no_platform():
    res = tag_text("陆金所退出网贷市场，10%业务被放弃！")
    assert ("platform.orderly_exit", "陆金所") in {(e["event_type"], e["subject"]) for e in res["events"]}
    assert "日本金融" not in tag_text("币安无证经营被日本金融厅警告。")["platforms"]


def test_a_defendant_organisation_in_a_verdict_has_a_police_case():
    ev = events("法院以非法吸收公众存款罪，判处被告单位源大公司罚金人民币20万元、被告单位赛雅公司罚金人民币15万元。")
    assert {"源大公司", "赛雅公司"} <= {e["subject"] for e in ev if e["event_type"] == "platform.police_case"}


def test_a_named_criminal_case_is_a_police_case_against_its_name_and_a_civil_suit_is_not():
    ev = events("2018年爆发“善林金融案”、“上海唐小僧案”,“联璧金融案”等典型非法集资加金融传销系列犯罪。")
    assert "善林金融" in {e["subject"] for e in ev if e["event_type"] == "platform.police_case"}
    gz = Gazetteer.from_rows([{"name": "甲理财"}])
    ev = events("法院审理了甲理财诉乙公司合同纠纷一案。", gazetteer=gz)
    assert not [e for e in ev if e["event_type"] == "platform.police_case"]


def test_a_kind_of_firm_is_no_subject():
    out = tag_text("也有平台将逾期债权打包转让给资产管理公司，并委托催收公司催收。")
    assert not {"资产管理公司", "催收公司"} & ({e["subject"] for e in out["events"]} | set(out["platforms"]))
    out = tag_text("平台已与一家地方资产管理公司签订协议，将逾期债权打包转让。")
    assert "地方资产管理公司" not in {e["subject"] for e in out["events"]} | set(out["platforms"])


def test_a_clause_after_qixia_is_no_platform_of_the_company():
    out = tag_text("记者获悉，陆金所控股旗下网贷平台已停止新增P2P业务，存量业务将逐步结清。")
    assert not any("停止" in n for n in out["platforms"])
    out = tag_text("上海测资邦元达投资管理有限公司旗下测小僧平台被立案侦查。")
    assert "测小僧" in out["platforms"]


def test_a_licensed_kind_of_firm_is_no_name():
    out = tag_text("该平台宣布转型为持牌金融科技公司，存量业务将在两年内清退完毕。")
    assert out["platforms"] == [] and {e["subject"] for e in out["events"]} == {None}


def test_an_executive_vanishing_is_the_person_fleeing_not_the_platform():
    codes = {e["event_type"] for e in tag_text("测试贷董事长失联，投资人纷纷报案。")["events"]}
    assert "person.fled" in codes and "platform.absconded" not in codes
    codes = {e["event_type"] for e in tag_text("测试贷实控人已跑路。")["events"]}
    assert "person.fled" in codes and "platform.absconded" not in codes
    codes = {e["event_type"] for e in tag_text("测试贷已失联，投资人纷纷报案。")["events"]}
    assert "platform.absconded" in codes and "person.fled" not in codes


def test_a_person_event_names_its_person_where_no_platform_is_named():
    fled = [e for e in tag_text("公司法人、董事长胡立勇已与公司失联。")["events"] if e["event_type"] == "person.fled"]
    assert fled and fled[0]["subject"] == "胡立勇" and fled[0]["subject_kind"] == "person"
    assert fled[0]["platform"] is None


def test_a_verdict_finding_names_the_firm_its_responsible_manager_answers_for():
    text = "被告人张某作为甲乙公司直接负责的主管人员，其行为均构成非法吸收公众存款罪。"
    sentenced = [e for e in tag_text(text)["events"] if e["event_type"] == "person.sentenced"]
    assert sentenced and sentenced[0]["platform"] == "甲乙公司"


def test_a_numbered_item_is_a_statement_of_its_own_but_a_date_list_is_not():
    from pipeline.tag.sentences import sentences
    text = "特大案件4、甲宝网：未兑付金额达300亿元5、乙亚：430亿元。2018年1、2月间20:14分"
    assert [text[a:b] for a, b in sentences(text)] == [
        "特大案件", "4、甲宝网：未兑付金额达300亿元", "5、乙亚：430亿元。", "2018年1、2月间20:14分"]
    halts = {e["subject"] for e in tag_text(text, gazetteer=Gazetteer.from_rows([{"name": "甲宝网"}, {"name": "乙亚"}]))["events"]
             if e["event_type"] == "platform.withdrawal_halt"}
    assert halts == {"甲宝网"}


def test_an_item_numbered_in_chinese_is_a_statement_of_its_own():
    from pipeline.tag.sentences import sentences
    text = "八.甲县乙丙电子商务有限公司原因：涉嫌非法集资九.丁市戊己工贸有限公司原因：未公示年度报告。这是唯一.二者"
    assert [text[a:b] for a, b in sentences(text)] == [
        "八.甲县乙丙电子商务有限公司原因：涉嫌非法集资", "九.丁市戊己工贸有限公司原因：未公示年度报告。", "这是唯一.二者"]


def test_a_role_word_before_a_company_is_no_part_of_its_name():
    case = [e for e in events("公开披露，邻家便利店出资方高通盛融财富投资集团有限公司高层涉嫌非法吸收公众存款。")
            if e["event_type"] == "platform.police_case"]
    assert case and case[0]["subject"] == "高通盛融财富投资集团有限公司"


def test_the_name_before_de_is_what_a_complaint_is_about():
    gz = Gazetteer.from_rows([{"name": "甲多多"}, {"name": "丙商城"}])
    text = "数据显示，2016年甲多多的投诉量占行业13.12%，丙商城次之。"
    protests = {e["subject"] for e in tag_text(text, gazetteer=gz)["events"] if e["event_type"] == "investor.protest"}
    assert protests == {"甲多多"}


def test_self_guarantee_is_a_red_flag_and_a_person_holding_shares_no_firm():
    evs = tag_text("考虑上述担保方均与张培峰有着千丝万缕的联系，甲钱帮在张培峰控股期间，似乎有“自担保”的嫌疑。",
                   gazetteer=Gazetteer.from_rows([{"name": "甲钱帮"}]))["events"]
    assert {e["subject"] for e in evs if e["event_type"] == "platform.police_case"} == {"甲钱帮"}


def test_paying_old_lenders_with_new_money_is_a_red_flag():
    codes = {e["event_type"] for e in tag_text("测试贷长期借新还旧，投资人担忧。")["events"]}
    assert "platform.police_case" in codes


def test_quoted_names_with_a_comma_between_share_the_event():
    text = "经警方查实，凌正等人利用旗下P2P平台“甲捷财富”，“乙佳金服”发布虚假标的，设立资金池，涉嫌非法集资。"
    cases = {e["subject"] for e in tag_text(text)["events"] if e["event_type"] == "platform.police_case"}
    assert {"甲捷财富", "乙佳金服"} <= cases


def test_a_firm_listed_by_the_regulator_as_unreachable_has_vanished():
    evs = tag_text("2018年6月12日，测试贷因被公示为失联机构满三个月未主动联系中基协，已被注销登记。")["events"]
    assert "platform.absconded" in {e["event_type"] for e in evs if e["subject"] == "测试贷"}


def test_a_stock_exchange_is_an_authority_not_the_firm_it_halts():
    evs = events("亿邦国际上市被港交所叫停，疑因卷入5.2亿非法集资案。")
    case = [e for e in evs if e["event_type"] == "platform.police_case"]
    assert case and all(e["subject"] == "亿邦国际" for e in case)
    assert all(e["subject"] != "港交所" and e["authority"] == "港交所" for e in evs)


def test_the_seed_list_knows_which_company_ran_tang_xiaoseng():
    cases = [e for e in events("法院以集资诈骗罪判处被告单位上海资邦元达投资管理有限公司罚金人民币2亿元。")
             if e["event_type"] == "platform.police_case"]
    assert cases and cases[0]["platform"] == "唐小僧"


def test_a_count_of_firms_before_a_platform_word_is_no_name():
    res = tag_text("另有二十余家平台被警方立案侦查。")
    assert not any("二十余家" in (e["subject"] or "") for e in res["events"])
    assert not any("二十余家" in p for p in res["platforms"])


def test_an_authority_stays_one_word_so_its_place_makes_no_name():
    res = tag_text("北京网贷平台甲信宝日前被北京市金融工作局约谈，并在30日内完成整改。",
                   gazetteer=Gazetteer.from_rows([{"name": "甲信宝"}]))
    assert {e["subject"] for e in res["events"]} == {"甲信宝"}
    assert not any("北京市" in p for p in res["platforms"])


def _names(text):
    res = tag_text(text)
    return set(res["platforms"]) | {e["subject"] for e in res["events"] if e["subject"]}


def test_words_around_a_platform_word_that_make_no_name():
    assert not _names("聚源e贷官网无法打开 客服失联 平台疑似跑路")                       # …贷官|网: 官网
    assert not _names("一位深圳网贷从业者表示，谣言对平台的杀伤力极大，一条假消息就可能引发挤兑。")   # 深圳网|贷
    assert not _names("从问题类型看，失联跑路类平台约有30家。")                        # …类平台: a kind
    assert not _names("平台此前已对接某城商行存管系统。")                             # a kind of bank
    assert "并称公司" not in _names("甲乙宝发布辟谣声明，否认平台跑路，并称公司高管均在岗正常工作。")


def test_the_exchange_a_firm_lists_on_is_no_subject():
    evs = events("北京时间10月30日晚，陆金所控股正式在美国纽约证券交易所挂牌上市。")
    assert evs and all("交易所" not in (e["subject"] or "") for e in evs)


def test_police_paying_out_seized_money_is_a_recovery_not_the_platform_exiting():
    # 资金清退 by the police after a criminal case hands victims what was recovered; a
    # platform's own 清退 is its orderly exit (events.md: 清退 vs 清退兑付)
    case = "记者从北京市公安局获悉，e租宝案第二次资金清退工作于6月16日正式启动，清退款将直接转入集资参与人的账户。"
    later = "北京警方表示，对新追缴的资产依法处置后，将及时组织后续清退。"
    exit_ = "红岭创投宣布清退，将在三年内兑付出借人本金。"
    for text in (case, later):
        codes = {e["event_type"] for e in events(text)}
        assert "recovery.repayment" in codes and "platform.orderly_exit" not in codes, text
    # the payout's share of what the victims lost is no new halt
    share = "善林金融案首批清退资金已开始发放，清退比例为集资参与人未兑付本金的10%。"
    assert {e["event_type"] for e in events(share)} == {"recovery.repayment"}
    assert "platform.orderly_exit" in {e["event_type"] for e in events(exit_)}
    # a platform named as a case (e租宝案, “e租宝”案件) is the cue by itself, for every 清退 of the sentence
    for text in ("此前，e租宝案已于2019年进行了首次资金清退，清退比例约为25%。", "“e租宝”案件已于2019年进行了首次清退。"):
        assert {e["event_type"] for e in events(text)} == {"recovery.repayment"}, text
    assert "platform.orderly_exit" in {e["event_type"] for e in events("e租宝案例说明，红岭创投宣布清退。")}
    # the next sentence goes on about the payout where it names no platform of its own
    codes = [(e["event_type"], e["evidence"]["sentence"]) for e in
             events("e租宝案已进行首次资金清退。两次清退合计比例超过28%。红岭创投宣布清退。")]
    assert ("recovery.repayment", "两次清退合计比例超过28%。") in codes
    assert ("platform.orderly_exit", "红岭创投宣布清退。") in codes


def test_a_warning_against_a_crime_to_come_is_no_report_of_it():
    # 谨防 governs its whole clause, however far the crime it warns of stands from it
    assert set(polarities("警方提醒，谨防不法分子以“代办清退”为名实施诈骗。", "platform.police_case")) == {"possible"}
    # after the report it is advice to others: the halt itself stays reported
    assert polarities("测试贷网贷业务提现困难，谨防波及外汇跟单投资人。", "platform.withdrawal_halt")[:1] == ["affirmed"]


def test_advice_on_how_to_do_a_thing_is_no_report_of_it():
    assert polarities("警方提醒，集资参与人应通过官方网站查询测试贷的清退信息。", "recovery.repayment") == ["possible"]


def test_not_yet_is_no_event_but_still_unpaid_is_a_halt():
    assert polarities("该平台尚未备案，暂时不批准其入股。", "compliance.filing")[:1] == ["denied"]
    assert polarities("测试贷案目前法院尚未判决。", "person.sentenced")[:1] == ["denied"]
    assert polarities("测试贷至今尚未兑付出借人本金。", "platform.withdrawal_halt")[:1] == ["affirmed"]


def test_a_sentence_about_many_platforms_takes_no_subject_from_the_article():
    text = ("唐小僧平台出现提现困难，投资人报案。"
            "业内人士分析称，近期网贷行业风险事件集中暴露，部分平台资金池、自融问题突出。"
            "据悉，该平台已被立案侦查，多家平台也有新进展。")
    evs = events(text)
    selfdealing = [e for e in evs if e["trigger"] == "自融"]
    assert selfdealing and selfdealing[0]["subject"] is None
    # many platforms named after the trigger leave the article's platform its subject
    case = [e for e in evs if e["trigger"] == "被立案"]
    assert case and case[0]["subject"] == "唐小僧"
    # a head count of platforms, a few words before the platform word
    counted = events("PPmoney宣布银行存管上线。截至8月底，全国已有数百家正常运营平台被警方立案。")
    assert [e["subject"] for e in counted if e["event_type"] == "platform.police_case"] == [None]


def test_listed_company_and_financing_nouns_are_no_funding_event():
    def funding(text):
        return [(e["subject"], e["polarity"]) for e in tag_text(text)["events"]
                if e["event_type"] == "business.funding"]
    assert funding("不少出借人表示，投之家曾宣称与多家上市公司开展合作。") == []
    assert funding("红岭创投是一家金融资产交易服务商，提供融资融券咨询。") == []
    assert funding("北京时间10月30日晚，陆金所正式在美国纽约证券交易所挂牌上市。") == [("陆金所", "affirmed")]
    assert funding("团贷网的关联公司还曾谋求在境外上市。") == [("团贷网", "possible")]
    assert polarities("此前，人人贷等头部平台寻求转型助贷。", "platform.transformation") == ["possible"]


def test_a_firm_reporting_to_the_police_is_no_investor_protest():
    def protests(text):
        return [e["subject"] for e in tag_text(text)["events"] if e["event_type"] == "investor.protest"]
    assert protests("对此，红岭创投发布声明称，公司已就相关谣言向深圳警方报案。") == []
    assert protests("红岭创投已向警方报案。") == []
    assert protests("鑫汇财富的投资人已向警方报案。") == ["鑫汇财富"]
    # the platform as a place the investors go to is not its actor
    assert protests("鑫汇财富失联后，投资人应向平台注册地公安机关报案。") == ["鑫汇财富"]


def test_as_far_as_possible_is_no_policy_deadline():
    events = tag_text("嘉定警方表示，将依法追赃挽损，最大限度减少投资人损失。")["events"]
    assert "regulator.policy" not in {e["event_type"] for e in events}


def test_the_laws_threat_and_advice_are_no_affirmed_case():
    text = ("杭州开展打击逃废债专项行动，其中包括牛板金等平台的逾期借款。"
            "情节严重、涉嫌犯罪的，将依法追究刑事责任。业内人士提醒，出借人应及时向公安机关报案。")
    affirmed = [(e["event_type"], e["subject"]) for e in tag_text(text)["events"] if e["polarity"] == "affirmed"]
    assert not [a for a in affirmed if a[0] in ("platform.police_case", "person.sentenced", "investor.protest")]
    # a report of an act stays affirmed
    events = tag_text("牛板金涉嫌非法吸收公众存款，已被警方立案侦查。")["events"]
    assert {e["polarity"] for e in events if e["event_type"] == "platform.police_case"} == {"affirmed"}


def test_a_platform_named_as_an_example_is_not_the_articles_topic():
    body = ("杭州开展打击逃废债专项行动，已有300余名借款人主动还款。累计回款超过8000万元，其中包括牛板金等平台的部分逾期借款。"
            "对于恶意逃废债的老赖，将纳入黑名单。")
    gz = Gazetteer.from_rows([{"name": "牛板金"}])
    last = tag_text(body, title="杭州集中打击网贷逃废债", gazetteer=gz)["events"][-1]
    assert last["event_type"] == "recovery.blacklist" and last["subject"] is None
    # named as itself, the platform is the topic again
    named = tag_text(body.replace("其中包括牛板金等平台的部分逾期借款", "牛板金是杭州的一家网贷平台"),
                     title="杭州集中打击网贷逃废债", gazetteer=gz)["events"][-1]
    assert named["subject"] == "牛板金"


def test_borrowers_in_default_are_no_payout_halt():
    text = "红岭创投负责人表示，公司已对200多名恶意拖欠的借款人提起诉讼。"
    assert "platform.withdrawal_halt" not in {e["event_type"] for e in tag_text(text)["events"]}
    halted = tag_text("红岭创投拖欠出借人本息，无法提现。")["events"]
    assert "platform.withdrawal_halt" in {e["event_type"] for e in halted}


def test_money_that_does_not_come_back_is_a_halt_and_a_sold_loan_book_no_halt():
    late = {e["event_type"] for e in events("有出借人反映，其在测试贷的多笔投资无法按期回款。")}
    assert "platform.withdrawal_halt" in late and "recovery.collection" not in late
    sale = {e["event_type"] for e in events("测试贷发布公告称，将首批逾期债权打包转让给一家资产管理公司。")}
    assert sale == {"recovery.asset_sale"}


def test_advice_for_when_a_platform_fails_is_no_report_that_it_did():
    assert polarities("业内人士提醒，测试贷失联后投资人应及时保存证据。", "platform.absconded")[:1] == ["possible"]
    # a time clause that reports what followed stays a report
    assert polarities("测试贷失联后，警方已立案侦查。", "platform.absconded")[:1] == ["affirmed"]


def test_an_observers_general_remark_takes_no_subject_from_the_article():
    text = ("红岭创投9月4日宣布，平台的银行存管系统已完成升级。业内人士表示，存管是备案的硬性条件之一。"
            "业内人士表示，该平台已完成备案。")
    filing = [(e["subject"], e["evidence"]["sentence"]) for e in events(text) if e["event_type"] == "compliance.filing"]
    assert (None, "业内人士表示，存管是备案的硬性条件之一。") in filing
    assert ("红岭创投", "业内人士表示，该平台已完成备案。") in filing


def test_a_parent_group_the_seed_list_holds_resolves_to_its_platform():
    sentenced = [e for e in events("法院判处钰诚集团董事长丁宁无期徒刑。") if e["event_type"] == "person.sentenced"]
    assert sentenced and sentenced[0]["platform"] == "e租宝"


def test_each_platform_of_a_sentence_gets_its_own_amount():
    def sentenced(text):
        return {e["subject"]: e["amount_yuan"] for e in events(text) if e["event_type"] == "person.sentenced"}
    assert sentenced("法院判处被告单位源大公司罚金人民币20万元、被告单位赛雅公司罚金人民币15万元。") \
        == {"源大公司": 2e5, "赛雅公司": 1.5e5}
    text = "对快鹿集团、东虹桥小贷公司、东虹桥担保公司分别以集资诈骗罪判处罚金人民币15亿元、2亿元、2亿元。"
    assert sentenced(text) == {"快鹿集团": 1.5e9, "东虹桥小贷公司": 2e8, "东虹桥担保公司": 2e8}
    # the fines are the sentence's size, not the police case's
    assert {e["amount_yuan"] for e in events(text) if e["event_type"] == "platform.police_case"} == {None}
    ev = events("钱宝网逾期金额5亿元，雅堂金融被立案侦查，涉案3亿元。")
    assert {(e["subject"], e["amount_yuan"]) for e in ev} >= {("雅堂金融", 3e8)}
    # a platform named after every figure has none of them
    ev = events("钱宝网逾期金额5亿元，雅堂金融逾期金额3亿元，唐小僧也出现逾期。")
    assert [(e["subject"], e["amount_yuan"]) for e in ev] == [("唐小僧", None)]


def test_a_document_level_event_takes_no_size_or_name_of_the_event_it_copies():
    res = tag_text("#团贷网#投资人反映平台已经逾期，涉及金额5亿元，无法提现。", title="团贷网与红岭创投")
    doc = [e for e in res["events"] if e["evidence"].get("field") == "document"]
    assert doc and {e["subject_text"] for e in doc} == {"红岭创投"}
    assert all(e["amount_yuan"] is None and e["investor_count"] is None for e in doc)
    assert any(e["amount_yuan"] == 5e8 for e in res["events"] if e["subject"] == "团贷网")


def test_a_rule_right_after_the_act_is_no_report_of_it():
    assert polarities("律师提醒，团贷网出借人维权应通过合法途径进行。", "investor.protest") == ["possible"]
    assert polarities("团贷网投资人维权要求退款。", "investor.protest") == ["affirmed"]
    assert polarities("信融财富宣布良性退出，应付总计超22亿元。", "platform.orderly_exit") == ["affirmed"]


def test_advice_is_no_report_of_what_it_advises():
    text = "业内人士提醒，平台失联后投资人应及时保存投资合同等证据，并向团贷网注册地公安机关报案。"
    assert polarities(text, "investor.protest") == ["possible"]
    # the report comes before the advice
    assert polarities("团贷网投资人已向警方报案，律师建议投资人应及时保存证据。", "investor.protest") == ["affirmed"]


def test_a_call_to_protest_within_the_law_is_advice_and_a_warning_against_rumours_denies_nothing():
    text = "警方呼吁，团贷网涉案投资人可通过官方平台进行登记，请勿听信谣言，依法理性维权。"
    assert polarities(text, "investor.protest") == ["possible"]
    # a denial beside the warning still denies
    assert polarities("团贷网跑路纯属谣言，请勿听信谣言。", "platform.absconded") == ["denied"]


def test_what_follows_a_contrast_stands_against_a_denial_before_it():
    text = "测试贷曾在社交媒体辟谣，但是警方调查发现测试贷涉嫌非法集资。"
    assert polarities(text, "platform.police_case") == ["affirmed"]
    # a denial after the contrast, or with none between, still denies
    assert polarities("网传测试贷跑路，但测试贷辟谣称运营正常。", "platform.absconded") == ["denied"]
    assert polarities("测试贷辟谣称，测试贷涉嫌非法集资一事不实。", "platform.police_case") == ["denied"]
    # nor does a fear after it report anything
    assert polarities("测试贷已辟谣，但投资人仍担心测试贷跑路。", "platform.absconded") == ["possible"]


def test_hearsay_is_possible():
    assert polarities("据传测试贷已经跑路。", "platform.absconded") == ["possible"]


def test_a_not_right_before_the_trigger_denies_it_but_had_to_and_a_not_b_do_not():
    # a platform's promise not to abscond is no collapse
    assert polarities("测试贷发布公告，表示出现逾期并承诺不跑路、不失联。", "platform.absconded") == ["denied"]
    assert polarities("警方对测试贷一直不立案。", "platform.police_case") == ["denied"]
    assert polarities("测试贷投资人报案后，至今未立案。", "platform.police_case") == ["denied"]
    assert polarities("测试贷尚未兑付出借人本金。", "platform.withdrawal_halt") == ["affirmed"]
    assert polarities("测试贷最终不得不清盘。", "platform.shutdown") == ["affirmed"]
    assert polarities("测试贷跑不跑路", "platform.absconded") == ["possible"]
    # a 不 that opens the sentence has nothing before it to repeat
    assert polarity("不跑路，才跑", 0, 1, 3)[0] == "denied"


def test_a_question_or_condition_right_before_the_trigger_makes_it_possible():
    # the longest cue touching the trigger is its word: 有没有 asks, 除非 sets a condition
    assert polarities("投资人关心测试贷有没有跑路。", "platform.absconded") == ["possible"]
    assert polarities("警方将核实测试贷是否涉嫌非法集资。", "platform.police_case") == ["possible"]
    assert polarities("测试贷表示，除非清盘，资金不会受影响。", "platform.shutdown") == ["possible"]
    assert polarities("测试贷莫非跑路了。", "platform.absconded") == ["possible"]
    assert polarities("万一测试贷跑路，投资人该怎么维权。", "platform.absconded") == ["possible"]
    assert polarities("大家都在问测试贷是不是跑路了。", "platform.absconded") == ["possible"]
    assert polarities("测试贷会不会清盘，目前还不清楚。", "platform.shutdown") == ["possible"]
    # a bare 没 still denies
    assert polarities("测试贷没跑路。", "platform.absconded") == ["denied"]


def test_a_cases_payout_in_the_title_is_no_orderly_exit():
    res = tag_text("记者从北京市公安局获悉，第二次资金清退工作于6月16日正式启动。",
                   title="e租宝案启动第二次资金清退 清退比例约为3.5%")
    assert {e["event_type"] for e in res["events"] if e["subject"] == "e租宝"} == {"recovery.repayment"}


def test_neither_confirmed_nor_denied_is_no_denial():
    gz = Gazetteer.from_rows([{"name": "钱多多金服"}])
    text = "对于清盘传闻，钱多多金服客服人员既未确认也未否认。"
    assert polarities(text, "platform.shutdown", gazetteer=gz) == ["possible"]
    assert polarities("对于清盘传闻，钱多多金服予以否认。", "platform.shutdown", gazetteer=gz) == ["denied"]


def test_lenders_gathering_is_a_protest():
    ev = events("数百名泓源理财的出借人聚集在公司总部楼下，要求平台给出兑付时间表。")
    assert ("investor.protest", "泓源理财") in {(e["event_type"], e["subject"]) for e in ev}
