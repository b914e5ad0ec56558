"""Name recognition rules added after error analysis (hand-written sentences, no outside data)."""
from pipeline.gazetteer import clean_name
from pipeline.tag import Gazetteer, tag_text


def events(text, **kw):
    return tag_text(text, **kw)["events"]


def test_emoji_debris_question_marks_are_not_a_question():
    ev = events("鑫利达平台爆雷，投资人无法提现 ?????")
    assert ev and all(e["polarity"] == "affirmed" for e in ev)
    assert events("鑫利达平台是跑路了吗？")[0]["polarity"] == "possible"


def test_question_in_a_later_clause_does_not_cover_the_trigger():
    ev = [e for e in events("鑫利达平台已经跑路，钱还能要回来吗？") if e["event_type"] == "platform.absconded"]
    assert ev and ev[0]["polarity"] == "affirmed"


def test_ambiguous_listed_names_need_a_marker():
    gz = Gazetteer.from_rows([{"name": "钱包"}, {"name": "金融集"}, {"name": "米袋"}])
    assert "钱包" not in tag_text("我的钱包丢了，里面有身份证。", gazetteer=gz)["platforms"]
    assert "金融集" not in tag_text("某金融集团宣布增资。", gazetteer=gz)["platforms"]
    assert "钱包" in tag_text("钱包平台已经逾期三个月，投资人报警。", gazetteer=gz)["platforms"]


def test_company_names_cross_verbs_and_start_at_place():
    ev = events("被执行人三门峡市兴河石油设备制造股份有限公司因涉嫌非法吸收公众存款被立案。")
    assert ev[0]["subject"] == "三门峡市兴河石油设备制造股份有限公司"
    ev = events("此后，超越集团涉嫌非法集资。")
    assert ev[0]["subject"] == "超越集团"


def test_company_with_alias_platform():
    res = tag_text("潘某为资易贷（北京）金融信息服务有限公司（简称“小资钱包”P2P平台）实控人，平台已大面积逾期。")
    assert "资易贷（北京）金融信息服务有限公司" in res["platforms"] and "小资钱包" in res["platforms"]


def test_clean_listed_names():
    assert clean_name("北京某某金融信息服务有限公司(简称某某钱包)") == ("北京某某金融信息服务有限公司", ["某某钱包"])
    assert clean_name("某某金融旗下")[0] == "某某金融"
    assert clean_name("北京)管理咨询有限公司") == (None, [])
    assert clean_name("1.") == (None, [])


def test_company_name_stops_at_the_phrase_before_its_trade_name():
    # a verb or an authority left of the trade name heads the phrase before the name
    assert events("警方正在调查鼎泰集团涉嫌非法集资一事。")[0]["subject"] == "鼎泰集团"
    ev = [e for e in events("上海市第二中级人民法院对鼎泰集团非法吸收公众存款案作出判决。")
          if e["event_type"] == "platform.police_case"]
    assert ev and ev[0]["subject"] == "鼎泰集团"
    # industry verbs inside the name stay (房地产开发)
    ev = events("兰州鼎泰房地产开发有限公司涉嫌非法吸收公众存款。")
    assert ev[0]["subject"] == "兰州鼎泰房地产开发有限公司"


def test_subject_slot_and_list_mates():
    ev = events("据悉，鑫鼎泰瑞涉嫌非法集资，已被立案侦查。")
    assert any(e["subject"] == "鑫鼎泰瑞" and e["event_type"] == "platform.police_case" for e in ev)
    # numbers and function characters glued by the HMM are no names
    ev = events("警方已抓获26人，涉嫌非法吸收公众存款。")
    assert not any(e["subject"] and "26" in e["subject"] for e in ev)
    res = tag_text("警方明确定性的有红岭创投、鑫鼎泰瑞、投之家等平台，均涉嫌非法吸收公众存款。")
    assert "鑫鼎泰瑞" in {e["subject"] for e in res["events"]}


def test_imported_dictionary_words_need_a_marker_but_seed_names_do_not():
    gz = Gazetteer.from_rows([{"name": "淘宝", "source": "names:list.txt"}, {"name": "鑫鼎泰瑞", "source": "names:list.txt"}])
    assert "淘宝" not in tag_text("我在淘宝买了一件衣服。", gazetteer=gz)["platforms"]
    assert "鑫鼎泰瑞" in tag_text("鑫鼎泰瑞平台逾期了。", gazetteer=gz)["platforms"]


def test_repeated_new_word_with_a_name_suffix():
    res = tag_text("鑫鼎泰瑞钱包最少5000就来这，鑫鼎泰瑞钱包是一款互联网借贷APP，投资人可以提现。")
    assert "鑫鼎泰瑞钱包" in res["platforms"]


def test_descriptions_before_platform_are_no_names():
    res = tag_text("这是一家正规的网贷信息中介平台，投资人可随时提现。")
    assert "信息中介" not in res["platforms"]
    res = tag_text("投资人反映，鑫鼎泰瑞黑平台无法提现。")
    assert "鑫鼎泰瑞黑" not in res["platforms"]


def test_person_event_goes_to_the_employer_named_before_the_role():
    ev = events("目前，“红岭创投”法定代表人周某某、“团贷网”负责人陶某某等8人已被执行逮捕。")
    det = {(e["platform"], e["subject"]) for e in ev if e["event_type"] == "person.detained"}
    assert ("红岭创投", "周某某") in det


def test_report_triggers_take_the_name_after_them():
    ev = events("南山警方接群众举报，深圳鑫鼎泰瑞科技有限公司存在非法集资的情况。")
    assert any(e["event_type"] == "investor.protest" and e["subject"] == "深圳鑫鼎泰瑞科技有限公司" for e in ev)


def test_company_with_short_name_is_the_subject():
    ev = events("检察院指控被告单位山东鑫鼎工贸有限公司（以下简称“鑫鼎公司”）犯非法吸收公众存款罪。")
    assert any(e["event_type"] == "platform.police_case" and e["subject"] == "山东鑫鼎工贸有限公司" for e in ev)


def test_authority_heads_are_no_platforms():
    res = tag_text("小资钱包涉嫌诈骗，北京石景山金融办不予受理，投资人维权无门。")
    assert not any(p.endswith("金融") and p.startswith("北京") or p == "石景山金融" for p in res["platforms"])


def test_hashtag_triggers_and_debris_question_marks():
    ev = [e for e in events("#鑫鼎泰瑞平台涉嫌诈骗# 投资人呼吁关注 @平安北京?") if e["event_type"] == "platform.police_case"]
    assert ev and ev[0]["polarity"] == "affirmed"
    ev = [e for e in events("鑫鼎泰瑞平台是不是跑路了？") if e["event_type"] == "platform.absconded"]
    assert ev and ev[0]["polarity"] != "affirmed"


def test_bare_credit_check_is_no_blacklisting():
    ev = events("红岭创投的借款会查看借款人征信，按时还款即可。")
    assert not any(e["event_type"] == "recovery.blacklist" for e in ev)


def test_counter_measures_are_no_events():
    assert not any(e["event_type"] == "platform.police_case" for e in events("红岭创投上线反欺诈系统，保护投资人。"))
    assert any(e["event_type"] == "platform.police_case" for e in events("红岭创投涉嫌欺诈，投资人报案。"))


def test_enumerations_and_quoted_lists_name_their_members():
    ev = events("警方依法查处“鑫鼎宝利来”及“鑫鼎易通商城”等平台涉嫌集资诈骗案。")
    assert {"鑫鼎宝利来", "鑫鼎易通商城"} <= {e["subject"] for e in ev if e["event_type"] == "platform.police_case"}
    ev = events("今年以来，包括杭州鼎泰公寓、上海瑞鑫公寓、北京昊鼎恒业等在内的多家长租公寓出现跑路现象。")
    assert "杭州鼎泰公寓" in {e["subject"] for e in ev if e["event_type"] == "platform.absconded"}


def test_subject_after_de():
    ev = events("据报案显示，涉嫌非法吸收公众存款的鑫鼎泰康，在胶州有2家门店。")
    assert any(e["subject"] == "鑫鼎泰康" and e["event_type"] == "platform.police_case" for e in ev)


def test_employer_named_only_before_the_role_and_blocked_triggers():
    ev = events("鑫鼎泰瑞实控人周某某等18名犯罪嫌疑人已被依法刑事拘留。")
    assert any(e["event_type"] == "person.detained" and e["platform"] == "鑫鼎泰瑞" for e in ev)
    # 融资平台 is a kind of company, not a funding round
    assert not any(e["event_type"] == "business.funding" for e in events("红岭创投等融资平台包装理财产品。"))


def test_company_named_after_a_known_platform_links_to_it():
    res = tag_text("北京红岭创投信息公司负责人失联，投资人报警。")
    ev = [e for e in res["events"] if e["event_type"] == "investor.protest" or e["event_type"] == "person.fled"
          or e["event_type"] == "platform.absconded"]
    assert any(e["platform"] == "红岭创投" for e in ev)


def test_trigger_as_relative_clause_on_the_name_after_de():
    ev = events("上线银行存管不满一个月就宣布清盘的红岭创投，被警方认定为涉嫌非法集资。")
    assert any(e["event_type"] == "platform.shutdown" and e["subject"] == "红岭创投" for e in ev)


def test_company_name_starts_after_glued_amounts_and_particles():
    ev = [e for e in events("近日涉资高达86亿的鼎泰恒集团非法吸收公众存款案宣判。") if e["event_type"] == "platform.police_case"]
    assert ev and ev[0]["subject"] == "鼎泰恒集团"


def test_caller_names_are_matched_as_written_and_win_over_listed_names():
    text = "涉案平台：北京资易贷金融信息服务有限公司（简称小资钱包），已被海淀经侦立案侦查。"
    gz = Gazetteer.from_rows([{"name": "北京资易贷"}, {"name": "小资钱包"}])
    plain = tag_text(text, gazetteer=gz)
    assert "资易贷金融信息服务有限公司" not in plain["platforms"]
    res = tag_text(text, gazetteer=gz, names=["资易贷金融信息服务有限公司", "小资钱包", "不在文中"])
    subjects = {e["subject"] for e in res["events"] if e["event_type"] == "platform.police_case"}
    assert "资易贷金融信息服务有限公司" in subjects
    assert "北京资易贷" not in res["platforms"] and "不在文中" not in res["platforms"]


def test_caller_names_must_be_a_list_of_strings():
    import pytest
    with pytest.raises(ValueError, match="names"):
        tag_text("鑫利达平台爆雷。", names="鑫利达")


def test_an_addressee_is_no_subject():
    gz = Gazetteer.from_rows([{"name": "小资钱包"}, {"name": "恒丰银行"}])
    ev = events("小资钱包涉嫌诈骗，已经立案 @恒丰银行 @海淀公安分局", gazetteer=gz)
    assert {e["subject"] for e in ev} == {"小资钱包"}
    ev = events("恒丰银行被曝涉嫌诈骗，已经立案。", gazetteer=gz)
    assert "恒丰银行" in {e["subject"] for e in ev}


def test_caller_names_share_the_texts_risk_event_at_document_level():
    gz = Gazetteer.from_rows([{"name": "小资钱包"}])
    text = "小资钱包已被海淀经侦立案侦查。投资人说，钱都转进了正聚源通鼎的账户。请关注 @恒丰银行"
    plain = {e["subject"] for e in events(text, gazetteer=gz)}
    assert "正聚源通鼎" not in plain
    ev = events(text, gazetteer=gz, names=["小资钱包", "正聚源通鼎", "恒丰银行"])
    doc = {e["subject"] for e in ev if e["evidence"].get("field") == "document"}
    assert "正聚源通鼎" in doc and "恒丰银行" not in {e["subject"] for e in ev}
    assert all(e["confidence"] <= 0.45 for e in ev if e["subject"] == "正聚源通鼎")


def test_latin_caller_names_match_in_any_case_but_not_inside_longer_runs():
    res = tag_text("消息发布后，WFEEX在OKEx上突然下跌，项目方跑路。", names=["okex", "fee"])
    assert res["platforms"] == ["okex"]   # as the caller writes it


def test_a_listed_company_name_grows_over_a_place_only():
    gz = Gazetteer.from_rows([{"name": "九斗鱼", "company": "星果时代信息技术有限公司"},
                              {"name": "祺天优贷", "company": "祺天优贷互联网金融服务有限公司"}])
    ev = events("公安机关正在办理星果时代信息技术有限公司涉嫌非法集资犯罪案件。", gazetteer=gz)
    assert {e["subject"] for e in ev} == {"星果时代信息技术有限公司"}
    ev = events("网传杭州祺天优贷互联网金融服务有限公司涉嫌非法吸收公众存款。", gazetteer=gz)
    assert {e["subject_text"] for e in ev} == {"杭州祺天优贷互联网金融服务有限公司"}


def test_company_names_keep_their_first_characters():
    subjects = lambda t: {e["subject"] for e in events(t)}
    # 中 opening a trade name after a verb or a place; a lone character right after the place
    assert "中海外能源集团有限公司" in subjects("本次收购方为中海外能源集团有限公司，该公司涉嫌非法集资。")
    assert "深圳中资信业互联网金融服务有限公司" in subjects("深圳中资信业互联网金融服务有限公司涉嫌非法集资。")
    assert "四川煜邦投资理财信息咨询有限公司" in subjects("包括四川煜邦投资理财信息咨询有限公司涉嫌非法集资。")
    # a long name with a bracketed place
    assert "中景博升（北京）股权投资基金管理有限公司" in subjects("投资的中景博升（北京）股权投资基金管理有限公司涉嫌集资诈骗。")


def test_labelled_fields_name_their_value():
    res = tag_text("NO1、手机号：18*****3777投诉对象：联通　　【我到营业厅更改资费被拒】")
    assert [e["subject"] for e in res["events"] if e["event_type"] == "investor.protest"] == ["联通"]
    res = tag_text("涉案平台：某某宝 案件侦查部门：北京海淀经侦")
    assert "某某宝" in res["platforms"]


def test_a_bracket_before_the_place_is_not_part_of_a_company_name():
    ev = events("遭举报(转载)北京中鑫汇达投资控股有限公司涉嫌集资诈骗。")
    assert {e["subject"] for e in ev} == {"北京中鑫汇达投资控股有限公司"}


def test_a_name_keeps_one_reading_through_the_text():
    # the list holds only 汇金; the first writing grows to 中经汇金 (it stands alone after ，)
    gz = Gazetteer.from_rows([{"name": "汇金"}])
    text = "据悉，中经汇金因失联被公示，已被注销登记中经汇金涉嫌非法集资。"
    subjects = {e["subject"] for e in events(text, gazetteer=gz)}
    assert "汇金" not in subjects and "中经汇金" in subjects


def test_a_slot_name_leaves_out_what_it_owns():
    subjects = lambda t: {e["subject"] for e in events(t)}
    assert "华帝" in subjects("由于华帝京津地区经销商跑路，记者对退款的可能性提出质疑。")
    assert "华赢凯来" in subjects("据报道，华赢凯来理财产品逾期。")


def test_quoted_names_before_de_pingtai_and_quoted_words_that_are_no_names():
    res = tag_text("通过一家叫“理想家园”的平台购买红酒，结果平台跑路了。")
    assert "理想家园" in res["platforms"]
    res = tag_text("盘点那些倒闭“跑路”的理财公司。")
    assert "跑路" not in res["platforms"]


def test_police_crackdown_before_de_names_the_platform():
    ev = events("涉嫌集资诈骗被警方查处的三三易通，也曾获得金融创新奖。")
    assert "三三易通" in {e["subject"] for e in ev if e["event_type"] == "platform.police_case"}


def test_the_word_before_a_role_names_an_organisation_for_any_trigger():
    ev = events("第三方理财也爆雷！嘉丰瑞德老板疑跑路，事涉300人。")
    assert "嘉丰瑞德" in {e["subject"] for e in ev if e["event_type"] == "platform.absconded"}


def test_guarantee_and_leasing_companies_and_anonymised_trade_names_stay_whole():
    subjects = lambda t: {e["subject"] for e in events(t)}
    assert "深圳市金某联融资担保有限公司" in subjects("深圳市金某联融资担保有限公司被起诉非法吸收公众存款。")
    assert "绿能宝融资租赁公司" in subjects("园区分局对绿能宝融资租赁公司以涉嫌非法吸收公众存款罪立案侦查。")


def test_segment_reset_forgets_added_names_and_the_tagger_reloads_its_list():
    from pipeline.tag import segment
    gz = Gazetteer.from_rows([{"name": "来理财"}])
    tag_text("据报道，来理财平台逾期。", gazetteer=gz)
    assert segment.word_tag("来理财") == "nz"
    segment.reset()
    assert segment.word_tag("来理财") is None
    assert "来理财" in tag_text("据报道，来理财平台逾期。", gazetteer=gz)["platforms"]
    assert segment.word_tag("来理财") == "nz"   # reloaded for the same gazetteer object
    segment.reset()


def test_a_quoted_name_swallows_a_listed_name_inside_it():
    gz = Gazetteer.from_rows([{"name": "金黄金"}])
    text = "南山公安发布关于“零钱罐”、“中金黄金”、“利民网”3家平台涉嫌非法吸收公众存款的案情通报。"
    subjects = {e["subject"] for e in events(text, gazetteer=gz) if e["event_type"] == "platform.police_case"}
    assert {"零钱罐", "中金黄金", "利民网"} <= subjects and "金黄金" not in subjects


def test_a_slot_name_drops_a_particle_jieba_glued_on():
    ev = events("9月25日，扬州警方通报了联宝非法集资案的最新消息。")
    assert {e["subject"] for e in ev if e["event_type"] == "platform.police_case"} == {"联宝"}


def test_a_place_plus_an_unknown_word_is_a_firm_not_a_person():
    res = tag_text("当天，浙江翰晟接到杭州市公安局余杭分局下发的立案告知书。")
    assert "浙江翰晟" in res["platforms"]
    assert "杭州李明" not in tag_text("杭州李明涉嫌诈骗被抓。")["platforms"]


def test_cached_segmentation_is_jiebas_and_a_new_name_empties_the_cache():
    from pipeline.tag import segment
    segment.reset()
    text = "据报道，兴隆宝理财平台逾期，兴隆宝理财平台的投资人报案。abc 123！"
    words = [w for _, _, w in segment.cut_with_spans(text, [])]
    assert words == list(segment.tokenizer().cut(text))
    assert [w for _, _, w in segment.cut_with_spans(text, [])] == words   # from the cache
    assert "兴隆宝" not in words
    segment.add_names(["兴隆宝"])
    assert "兴隆宝" in [w for _, _, w in segment.cut_with_spans(text, [])]
    segment.reset()


def test_a_caller_name_that_is_an_ordinary_word_counts_only_where_quoted():
    text = "上海警方对高额返利平台联璧金融非法集资案立案。"
    res = tag_text(text, names=["返利", "联璧金融"])
    assert "联璧金融" in res["platforms"] and "返利" not in res["platforms"]
    assert "返利" in tag_text("#返利#平台联璧金融被立案。", names=["返利"])["platforms"]


def test_a_crime_noun_before_de_keeps_the_name_after_it_the_subject():
    text = "16日晚，此前在泰国落网、涉嫌非法吸收公众存款犯罪的杭州腾信堂投资管理有限公司法定代表人朱某某被押解回国。"
    res = tag_text(text)
    assert {e["subject"] for e in res["events"] if e["event_type"] == "platform.police_case"} == {"杭州腾信堂投资管理有限公司"}
    assert "泰国落网" not in res["platforms"]


def test_an_enumeration_before_a_distributive_trigger_is_its_subject():
    ev = events("近年来，IGOFX、万象国际外汇、恒星外汇等相继跑路，投资者损失惨重。")
    assert {e["subject"] for e in ev if e["event_type"] == "platform.absconded"} == {"IGOFX", "万象国际外汇", "恒星外汇"}


def test_a_time_word_after_a_place_is_a_firms_trade_name_but_not_a_bare_date():
    from pipeline.tag.discover import discover
    from pipeline.tag.segment import cut_with_spans

    def companies(t):
        return {m.surface for m in discover(t, cut_with_spans(t, []), [], 0) if m.kind == "company"}
    assert "厦门当代贸易有限公司" in companies("看来厦门当代贸易有限公司是当代集团的自营企业")
    assert "上海当天资产管理有限公司" in companies("关于上海当天资产管理有限公司的刑事裁定书")
    assert "昨天贸易公司" not in companies("昨天贸易公司被查")


def test_the_name_right_after_a_complaint_is_its_object_but_not_a_person_or_a_pronoun():
    ev = events("唐女士拨打12315投诉金堂县阳光医院后，金堂县发改局进行了调查。")
    assert "金堂县阳光医院" in {e["subject"] for e in ev if e["event_type"] == "investor.protest"}
    for text in ("实名举报杨定平及其高管假借公司名义集资。", "我要曝光它充一次洗车卡就跑路。"):
        assert not {"杨定平", "它充"} & {e["subject"] for e in events(text)}


def test_a_head_count_before_a_role_leaves_the_employer_before_it():
    ev = events("权健18名实控人被刑拘。")
    assert ("person.detained", "权健") in {(e["event_type"], e["platform"]) for e in ev}


def test_a_one_character_name_suffix_stays_in_the_subject_slot():
    ev = events("嘉兴市公安局秀洲区分局发布关于浙商E贷涉嫌非法吸收公众存款案案情通报。")
    assert "浙商E贷" in {e["subject"] for e in ev if e["event_type"] == "platform.police_case"}


def test_a_determiner_before_a_company_word_is_no_name():
    # 整个公司 is "the whole company", not a firm called 整个
    for text in ("现在整个公司都在干催收。", "所有公司都被立案调查。"):
        assert not any(e["subject"] and e["subject"].endswith("公司") for e in events(text)), text


def test_a_platform_word_before_the_quotes_marks_a_name_but_not_an_ordinary_word():
    gz = Gazetteer.from_rows([{"name": "云惠富"}])
    res = tag_text("那里曾经是一个非法集资二级平台“云惠富通”所在地。", gazetteer=gz)
    assert "云惠富通" in res["platforms"] and "云惠富" not in res["platforms"]
    res = tag_text("该公司通过宜贷网平台“供应链”产品非法集资。")
    assert "供应链" not in res["platforms"]


def test_doubled_quotes_in_the_bracket_still_link_the_company_to_its_platform():
    text = ("警方依法对广州甲乙丙科技有限公司（““丁戊猫““平台）涉嫌非法吸收公众存款进行立案侦查，"
            "抓获该公司法人代表杨某等9名犯罪嫌疑人。")
    detained = [e for e in events(text) if e["event_type"] == "person.detained"]
    assert detained and detained[0]["platform"] == "丁戊猫" and detained[0]["company"] == "广州甲乙丙科技有限公司"



def test_a_bracket_saying_which_platform_the_company_runs_links_them():
    text = "上海甲乙金融信息服务有限公司（线上平台为“丙丁宝”）实际控制人李某向公安机关投案自首。"
    detained = [e for e in events(text) if e["event_type"] == "person.detained"]
    assert detained and detained[0]["platform"] == "丙丁宝" and detained[0]["company"] == "上海甲乙金融信息服务有限公司"


def test_a_company_that_goes_on_to_run_a_quoted_platform_is_linked_to_it():
    text = ("犯罪嫌疑人陈某某等人以浙江甲乙投资管理有限公司名义，租用办公场所，运营“丙丁理财”网络借贷平台，"
            "设立资金池，非法吸收公众存款。")
    case = [e for e in events(text) if e["event_type"] == "platform.police_case"]
    assert case and {(e["platform"], e["company"]) for e in case} == {("丙丁理财", "浙江甲乙投资管理有限公司")}
    # not across another company: the one nearer the platform runs it
    text = "甲乙投资管理有限公司的股东丙丁科技有限公司运营“戊己宝”平台，涉嫌非法吸收公众存款。"
    companies = {e["company"] for e in events(text) if e["platform"] == "戊己宝"}
    assert "甲乙投资管理有限公司" not in companies



def test_a_company_named_as_the_operator_of_a_quoted_platform_is_linked_to_it():
    text = "警方已对“甲小僧”网络借贷平台运营主体上海乙丙投资管理有限公司涉嫌非法吸收公众存款案立案侦查。"
    case = [e for e in events(text) if e["event_type"] == "platform.police_case"]
    assert case and {(e["platform"], e["company"]) for e in case} == {("甲小僧", "上海乙丙投资管理有限公司")}

def test_an_adverb_after_a_place_can_be_a_firms_trade_name():
    evs = events("何某某成立上海长久金融信息服务有限公司，设立“甲乙贷”线上平台，涉嫌非法吸收公众存款罪。")
    assert {e["company"] for e in evs if e["event_type"] == "platform.police_case"} == {"上海长久金融信息服务有限公司"}


def test_a_pronoun_before_the_suffix_refers_to_a_firm_and_names_none():
    res = tag_text("法定代表人周某向公安机关投案自首，称其公司通过设立“甲乙所”理财平台非法吸收公众存款。")
    names = set(res["platforms"]) | {e["subject"] for e in res["events"]} | {e["company"] for e in res["events"]}
    assert not any(n and n.endswith("其公司") for n in names)

def test_a_listed_brand_grows_over_the_ending_the_text_gives_its_full_name():
    # the same platform named in full: written 恒昌财富, still the listed 恒昌
    gz = Gazetteer.from_rows([{"name": "恒昌"}])
    evs = events("涉嫌非法集资的平台中就包括恒昌财富；", gazetteer=gz)
    assert {(e["subject"], e["subject_text"]) for e in evs} == {("恒昌", "恒昌财富")}
    # not over an ending that runs on into another word
    evs = events("恒昌财富管理公司涉嫌非法集资。", gazetteer=gz)
    assert "恒昌财富" not in {e.get("subject_text") for e in evs}


def test_a_latin_brand_glued_to_a_listed_name_is_part_of_it():
    gz = Gazetteer.from_rows([{"name": "金融圈"}, {"name": "普顿"}])
    assert {e["subject"] for e in events("Formax金融圈网贷业务提现困难。", gazetteer=gz)} == {"Formax金融圈"}
    assert {e["subject"] for e in events("PTFX普顿外汇骗局被立案。", gazetteer=gz)} == {"PTFX普顿"}
    # a word of the trade is no brand (generic_names.txt)
    assert {e["subject"] for e in events("P2P金融圈跑路。", gazetteer=gz)} == {"金融圈"}


def test_a_verb_heading_the_phrase_is_no_part_of_the_company_name():
    subjects = {e["subject"] for e in events("记者调查米袋集团拆分产品被指涉嫌非法集资。")}
    assert "米袋集团" in subjects and "调查米袋集团" not in subjects
    # a verb that is the trade name itself stays (鼎立|控股集团)
    subjects = {e["subject"] for e in events("鼎立控股集团股份有限公司涉嫌非法集资。")}
    assert "鼎立控股集团股份有限公司" in subjects


def test_a_firms_short_name_opening_the_clause_of_a_trigger_is_its_subject():
    subjects = {e["subject"] for e in events("与此同时，春晓资本也被爆出涉嫌关联融资甚至自融。")}
    assert "春晓资本" in subjects
    # from an earlier clause when no name stands between
    subjects = {e["subject"] for e in events("深圳证监局通报，德赋资产存在不配合监管等问题，涉嫌非法集资。")}
    assert "德赋资产" in subjects
    # not an ordinary word before the industry word (国际|科技), nor where the name runs on
    subjects = {e["subject"] for e in events("与此同时，国际科技也被爆出涉嫌自融。")}
    assert "国际科技" not in subjects


def test_who_issues_a_statement_opening_a_clause_is_a_subject_candidate():
    subjects = {e["platform"] for e in events("2018年5月30日，恒略智汇发布董事会公告称，董事长胡立勇可能因非法吸收公众存款在逃。")}
    assert "恒略智汇" in subjects
    # a person issuing a statement is no firm
    assert "胡立勇" not in {e["platform"] for e in events("胡立勇发布声明称，测试贷涉嫌非法集资。")}


def test_a_crime_right_after_the_quotes_marks_a_name_but_not_an_ordinary_word():
    subjects = {e["subject"] for e in events("2.“甲家”集资诈骗、非法吸收公众存款案。")}
    assert "甲家" in subjects
    assert "原始股" not in tag_text("警惕“原始股”诈骗，公安机关提醒投资者。")["platforms"] + \
        [e["subject"] for e in events("警惕“原始股”诈骗，公安机关提醒投资者。")]


def test_cooperatives_and_partnerships_are_firms_and_their_names_start_at_the_trade_name():
    subjects = {e["subject"] for e in events("打击非法集资行为，依法对禄润蔬菜农民专业合作社和保定润龙投资有限公司涉嫌非法集资问题立案。")}
    assert "禄润蔬菜农民专业合作社" in subjects
    subjects = {e["subject"] for e in events("为依法妥善做好天津活立木股权投资基金管理合伙企业涉嫌集资诈骗案善后处置工作。")}
    assert "天津活立木股权投资基金管理合伙企业" in subjects
    # the word before a bracketed place is the trade name: the verbs before it are not the name
    subjects = {e["subject"] for e in events("为依法妥善做好聚宝盆(天津)网络科技有限公司非法吸收公众存款案善后处置工作。")}
    assert "聚宝盆(天津)网络科技有限公司" in subjects


def test_a_legal_form_in_brackets_is_no_alias():
    res = tag_text("主要合伙人长城（德阳）投资基金合伙企业（有限合伙）涉嫌非法集资。")
    assert "有限合伙" not in res["platforms"] + [e["subject"] for e in res["events"]]


def test_a_quoted_name_followed_by_a_described_platform():
    subjects = {e["subject"] for e in events("该合同被发布到“鼎胜众筹”二手车众筹平台，面向公众募集资金，涉嫌非法集资。")}
    assert "鼎胜众筹" in subjects


def test_being_drawn_into_a_case_keeps_the_name_in_the_subject_slot():
    subjects = {e["subject"] for e in events("今年赴港递交招股书的亿邦国际也疑因卷入非法集资案被暂停了上市程序。")}
    assert "亿邦国际" in subjects


def test_a_speaker_several_clauses_before_the_trigger_is_still_its_subject():
    text = "恒略智汇在公告中称，公司法人、董事长胡立勇已与公司失联，根据相关媒体报道，胡立勇可能因非法吸收公众存款在逃。"
    cases = {e["platform"] for e in events(text) if e["event_type"] == "platform.police_case"}
    assert "恒略智汇" in cases


def test_a_place_before_its_police_is_no_platform_and_a_pronoun_starts_no_name():
    gz = Gazetteer.from_rows([{"name": "深圳南山"}])
    res = tag_text("深圳南山警方通报称，深圳甲银集团有限公司通过其官网发行“甲银币”进行集资诈骗。", gazetteer=gz)
    names = res["platforms"] + [e["subject"] for e in res["events"]]
    assert "深圳南山" not in names and "其官网" not in names
    assert "深圳甲银集团有限公司" in names


def test_defendants_branches_and_counted_firms_are_no_names():
    text = "法院公开宣判山东甲源工贸有限公司、于西明、苏银霞、山东乙雅服饰有限公司、张振永非法吸收公众存款案。"
    subjects = {e["subject"] for e in events(text)}
    assert {"山东甲源工贸有限公司", "山东乙雅服饰有限公司"} <= subjects
    assert not subjects & {"于西明", "苏银霞", "张振永"}
    subjects = {e["subject"] for e in events("“甲家租赁”萧山分公司的非法吸收公众存款案宣判，相关公司均被查处。")}
    assert not subjects & {"萧山分公司", "相关公司"}


def test_two_characters_jieba_glued_before_a_trigger_are_no_name():
    subjects = {e["subject"] for e in events("【详情】被指疑自融高息活期平台发布澄清公告。")}
    assert "指疑" not in subjects


def test_a_slogan_and_a_description_of_the_business_are_no_names():
    text = "打着“网络金融”旗号非法集资500多亿，“甲租宝”是下属的甲易融（北京）网络科技有限公司运营的网络平台。"
    names = {e["subject"] for e in events(text)} | set(tag_text(text)["platforms"])
    assert "网络金融" not in names
    text = "内江市甲天金融公司打着互联网金融P2P网络借贷平台的旗号集资诈骗2000多万。"
    names = {e["subject"] for e in events(text)} | set(tag_text(text)["platforms"])
    assert not any(n and n.startswith("互联网金融") for n in names)


def test_the_state_an_industry_word_or_a_concept_alone_name_no_firm():
    text = ("（三）集资诈骗罪虚构期权股认购项目，编造国家控股51%的央企甲斗和正科技有限公司和"
            "贵州吉祥数贸贸易股份有限公司合作，骗取500余人共计数千万元。")
    names = {e["subject"] for e in events(text)}
    assert "国家控股" not in names and "贵州吉祥数贸贸易股份有限公司" in names
    gz = Gazetteer.from_rows([{"name": "普惠金融"}])
    names = {e["subject"] for e in events("小牛普惠则提供普惠金融信贷，这家P2P平台疑似存在自融嫌疑。", gazetteer=gz)}
    assert "普惠金融信贷" not in names


def test_an_industry_word_alone_is_no_company_name():
    names = {e["subject"] for e in events("据通报，投资管理有限公司等机构涉嫌非法集资。")}
    assert "投资管理有限公司" not in names


def test_an_industry_named_as_a_kind_is_no_subject():
    # an imported list may hold the industry's name as if it were a platform
    gz = Gazetteer.from_rows([{"name": "共享单车"}, {"name": "悟空单车"}])
    names = {e["subject"] for e in events("去年秋天起，共享单车就面临着倒闭潮，先后倒闭的有甲拉单车、悟空单车等公司。", gazetteer=gz)}
    assert "共享单车" not in names


def test_a_list_mate_keeps_its_one_character_ending():
    gz = Gazetteer.from_rows([{"name": "小诸葛金服"}, {"name": "抢钱通"}])
    text = "投资人如在小诸葛金服、华融道、抢钱通等平台投资的，可直接至公安部非法集资案件投资人信息登记平台登记。"
    assert "华融道" in {e["subject"] for e in events(text, gazetteer=gz)}


def test_quoted_names_in_a_row_with_a_listed_one_are_all_names():
    gz = Gazetteer.from_rows([{"name": "聚富蛙"}, {"name": "钱内助"}])
    text = "警方通报涉集资诈骗7平台办案进展：“聚富蛙”“钱内助”“乾庄”“一财”“银狐”最近办案有新进展，涉嫌集资诈骗。"
    subjects = {e["subject"] for e in events(text, gazetteer=gz)}
    assert {"乾庄", "一财", "银狐"} <= subjects


def test_a_quoted_phrase_of_ordinary_words_after_pingtai_is_no_name():
    res = tag_text("与此前一些平台“先停业后失联”不同，沪融网在公告中列出了首期兑付时间表。",
                   title="网贷平台“全员催收”：回笼资金成了头等大事")
    names = set(res["platforms"]) | {e["subject"] for e in res["events"]}
    assert not names & {"先停业后失联", "全员催收"}


def test_a_rare_name_jieba_leaves_in_single_characters_keeps_them_before_its_suffix():
    # after 的 jieba's HMM cuts 鑫汇 into 鑫|汇: the run of characters is the name part
    text = "有投资人反映，位于南山区科技园的鑫汇财富办公室已人去楼空，平台疑似跑路。"
    res = tag_text(text)
    assert "鑫汇财富" in res["platforms"]
    assert any(e["event_type"] == "platform.absconded" and e["subject"] == "鑫汇财富" for e in res["events"])
    # a number is no part of it: 6|大|金融 stays no name
    assert not any("6大" in n for n in tag_text("P2P行业出现6大金融乱象，平台频频爆雷。")["platforms"])
