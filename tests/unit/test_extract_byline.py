"""Byline rules (pipeline.extract.byline) on hand-written lines."""
import pytest

from pipeline.extract import byline as b


@pytest.mark.parametrize("line,author", [
    ("作者：王小明", "王小明"),
    ("文/王小明", "王小明"),
    ("作者︱春春", "春春"),
    ("本报记者 王小明 报道", "王小明"),
    ("记者 伊琳 李清芬", "伊琳、李清芬"),
    ("顶端新闻·河南商报记者马俊峰/文受访者供图", "马俊峰"),
    ("发布时间：2018-08-01 07:21　作者：记者 黄志强　来源：南方都市报", "黄志强"),
    ("作者： 放飞&心情 振威将军(从一品)", "放飞&心情"),
    ("发文机关：吉林省人民政府", "吉林省人民政府"),
    # words after 记者 that are not names
    ("本报记者注意到，早在去年", None),
    ("记者了解到，该平台", None),
    ("新华社记者看东北", None),
    ("作者单位：中国社会科学院研究生院", None),
    ("作者：责任编辑：肖春芳", None),
    ('作者： size="20" 来源： size="20"', None),
])
def test_labelled(line, author):
    assert b.labelled(line) == author


@pytest.mark.parametrize("text,last,author", [
    ("新京报快讯（记者 裴剑飞）今日（12月28日），铁路部门表示", False, "裴剑飞"),
    ("据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区获悉", False, "格桑边觉"),
    ("定期获得信息交流。(信报记者 蔡雪婧)", True, "蔡雪婧"),
    ("过一个温馨、廉洁的新春佳节。（常书香 马丹阳 ）", True, "常书香、马丹阳"),
    ("（袁源）", True, "袁源"),
    ("·精彩专题：关注北京首例个人集资盖房事件(房产)", True, None),  # a list item's section
    ("过一个温馨、廉洁的新春佳节。（常书香 马丹阳 ）", False, None),  # bare names: last line only
    ("该公司（王某）已被刑拘。", True, None),
])
def test_paren_byline(text, last, author):
    assert b.paren_byline(text, last) == author


@pytest.mark.parametrize("line,only", [
    ("（记者 周立峰）", True), ("记者 沈佳怡", True), ("新京报记者 程晨", True), ("文/王小明", True),
    ("王小明 报道", True), ("（袁源）", True),
    ("胡平", False),  # a bare name stays (it may be a one-word paragraph); it can still be the author
    ("记者注意到，早在", False), ("作者：记者 黄志强 来源：南方都市报", False),
])
def test_byline_only(line, only):
    assert b.byline_only(line) is only


def test_weak_names():
    assert b.bare_names("赵延东、风笑天") == "赵延东、风笑天"
    assert b.bare_names("关注") is None
    assert b.bracket_names("2004年7月16日08:19 [ 黄宇 ] 来源：[ 人民网 ]") == "黄宇"
    assert b.forum_author("本贴由大卫于2005年8月12日16:12:21在〖论坛〗发表") == "大卫"
    assert b.person_source("尹娟") == "尹娟"
    assert b.person_source("新华社") is None and b.person_source("第一财经") is None
