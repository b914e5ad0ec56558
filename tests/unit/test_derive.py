import datetime as dt

import db
from db import derive, writer
from pipeline.dedup import fingerprint

STORY = "".join([
    "3月28日晚，东莞市公安局发布警情通报，团贷网实际控制人唐军到公安机关投案自首。",
    "警方已对东莞团贷网互联网科技服务有限公司涉嫌非法吸收公众存款案立案侦查，涉及出借人约22万人。",
    "通报称，公安机关已对唐军等人依法采取刑事强制措施，并对涉案资产进行查封、冻结和扣押。",
    "据网贷行业数据，团贷网待收余额约145亿元，是今年以来规模最大的问题平台之一。",
    "业内人士表示，平台高管主动投案有助于追赃挽损工作的推进，出借人应通过合法途径登记维权。",
    "东莞市金融工作局表示，将配合公安机关做好资产清查工作，依法保障出借人的合法权益。",
    "此前，团贷网母公司派生科技集团曾尝试引入战略投资，但相关谈判最终未能达成。",
])


def _art(aid, when, body):
    exact, near = fingerprint(body)
    return {"article_id": aid, "url": f"http://x/{aid}", "canonical_url": f"http://x/{aid}",
            "published_at": when.isoformat(), "body": body, "body_hash": exact, "simhash": near}


def test_copies_link_to_the_earliest_within_the_window(db_path):
    con = db.connect(db_path)
    t0 = dt.datetime(2019, 3, 29, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    rows = [
        _art("orig", t0, STORY),
        _art("copy", t0 + dt.timedelta(hours=5), "原标题：团贷网实控人投案\n" + STORY + "\n（本文转载自示例日报）"),
        _art("late_near", t0 + dt.timedelta(days=40), "原标题：旧闻重发\n" + STORY),
        _art("late_exact", t0 + dt.timedelta(days=90), STORY),
        _art("other", t0, "".join(reversed([c for c in STORY]))),
    ]
    writer.write_articles(con, rows, [])
    assert derive.link_duplicates(con) == 2
    got = dict(con.execute("SELECT article_id, duplicate_of FROM articles").fetchall())
    assert got == {"orig": None, "copy": "orig", "late_exact": "orig", "late_near": None, "other": None}
