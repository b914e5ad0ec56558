"""Dedup: canonical URLs, exact hashes, SimHash near-duplicates linked to the earliest copy."""
import random
from datetime import datetime

from pipeline import dedup

random.seed(7)
# synthetic Chinese text from a fixed vocabulary (no outside data)
VOCAB = ("平台 出借人 兑付 逾期 监管 清退 立案 调查 投资人 维权 资金 存管 银行 公告 经侦 "
         "退出 网贷 借款 利息 本金 逾期率 风险 备案 合规 整改 延期 项目 债权 催收 法院").split()


def article(n_sent=20, seed=None):
    rnd = random.Random(seed)
    sents = ["".join(rnd.choice(VOCAB) for _ in range(rnd.randint(6, 12))) + "。" for _ in range(n_sent)]
    return "\n".join("".join(sents[i:i + 3]) for i in range(0, n_sent, 3))


def test_canonical_url_variants():
    a = dedup.canonical_url("http://www.163.com/money/article/GJM85863002580S6.html?clickfrom=w_yw_money#p=1")
    b = dedup.canonical_url("https://m.163.com/money/article/GJM85863002580S6.html")
    assert a == b == "https://163.com/money/article/GJM85863002580S6.html"
    assert dedup.canonical_url("http://x.cn/a?id=3&utm_source=wx&spm=1.2") == "https://x.cn/a?id=3"
    assert dedup.canonical_url("http://x.cn/a?id=3", rel_canonical="https://www.x.cn/b") == "https://x.cn/b"
    assert dedup.canonical_url(None) is None


def test_body_hash_ignores_whitespace_and_punctuation():
    assert dedup.body_hash("你好，世界。\n 第二段") == dedup.body_hash("你好世界 第二段！")
    assert dedup.body_hash("甲") != dedup.body_hash("乙")


def test_simhash_threshold_separates_copies_from_unrelated():
    near, far = [], []
    for s in range(30):
        body = article(seed=s)
        copy = "来源：某某财经网\n" + body + "\n责任编辑：张三\n相关阅读：某平台爆雷"
        near.append(dedup.hamming(dedup.simhash(body), dedup.simhash(copy)))
        other = article(seed=1000 + s)
        far.append(dedup.hamming(dedup.simhash(body), dedup.simhash(other)))
    assert max(near) <= dedup.NEAR_DUP_BITS < min(far)


def test_earliest_duplicates_links_to_earliest_copy():
    a, c = article(seed=1), article(seed=2)
    items = [
        ("late_copy", datetime(2019, 1, 3), "转载自某报\n" + a + "\n（编辑：李四）"),
        ("orig", datetime(2019, 1, 1), a),
        ("exact", "2019-01-02T08:00:00+08:00", a.replace("\n", "\n\n")),
        ("other", datetime(2019, 1, 2), c),
        ("short1", None, "短讯。"),
        ("short2", None, "短讯，"),  # exact after normalisation
        ("empty", None, ""),
    ]
    items[2] = ("exact", datetime(2019, 1, 2, 8), items[2][2])
    out = dedup.earliest_duplicates(items)
    assert out["orig"] is None
    assert out["late_copy"] == "orig"
    assert out["exact"] == "orig"
    assert out["other"] is None
    assert out["short1"] is None and out["short2"] == "short1"
    assert out["empty"] is None


def test_short_bodies_not_near_matched():
    items = [("a", 1, "平台公告：暂停出借业务。"), ("b", 2, "平台公告：恢复出借业务。")]
    assert dedup.earliest_duplicates(items) == {"a": None, "b": None}
