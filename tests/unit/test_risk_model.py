"""The learned pick of risk names (pipeline.tag.risk_model) and `p2pnews risk learn`, on
made-up labelled texts: a platform that vanished and the custodian bank the text also names."""
import csv
import subprocess
import sys

import orjson
import pytest

from pipeline.tag import risk_model as rm
from pipeline.tag import tag_text

PLATFORMS = ["金鹰贷", "银狐理财", "青松金服", "蓝海钱包", "鼎信宝", "华创贷", "云帆理财", "恒远金服",
             "北辰钱包", "紫荆宝", "长河贷", "星火理财", "远航金服", "海棠钱包", "锦程宝", "明月贷"]
BANKS = ["甲银行", "乙银行", "丙银行", "丁银行", "戊银行", "己银行", "庚银行", "辛银行"]
TEMPLATES = ["{p}平台跑路，存管银行{b}表示不知情。", "{p}爆雷，投资人质疑存管银行{b}失职。",
             "据报道，{p}平台失联，其存管银行{b}称资金安全。"]


def rows(n, offset=0):
    out = []
    for i in range(n):
        p, b = PLATFORMS[(i + offset) % len(PLATFORMS)], BANKS[(i * 3 + offset) % len(BANKS)]
        out.append({"title": "", "text": TEMPLATES[i % len(TEMPLATES)].format(p=p, b=b),
                    "entity": f"{p};{b}", "key_entity": p})
    return out


def write_csv(path, items):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["title", "text", "entity", "key_entity"])
        w.writeheader()
        w.writerows(items)


def test_without_a_model_risk_names_are_the_names_of_affirmed_risk_events():
    res = tag_text("甲乙理财平台跑路，存管银行丙丁银行表示不知情。", names=["甲乙理财", "丙丁银行"])
    assert res["risk_names"] == ["甲乙理财", "丙丁银行"]   # the rules attribute the text to both
    assert tag_text("甲乙理财平台跑路了吗？", names=["甲乙理财"])["risk_names"] == []   # asked, not affirmed


def test_a_model_learns_that_the_custodian_bank_is_not_the_one_in_trouble(tmp_path):
    path = tmp_path / "neg.csv"
    write_csv(path, rows(48))
    labelled = rm.read_labelled(path)
    model = rm.train(rm.examples(labelled, None))
    rm.save(model, tmp_path / "m.npz")
    model = rm.load(tmp_path / "m.npz")
    text = "消息称，天工贷平台跑路，存管银行子银行表示不知情。"   # names it never saw
    res = tag_text(text, names=["天工贷", "子银行"], risk_model=model)
    assert res["risk_names"] == ["天工贷"]
    assert tag_text("天工贷平台跑路了吗？", names=["天工贷"], risk_model=model)["risk_names"] == []


# bad news no trigger of the lexicon tells (the rules find no risk event), and good news
QUIET_BAD = ["{p}的网站已经打不开了，客服电话也无人接听。", "{p}的投资人已经三个月拿不到一分钱了。"]
GOOD = ["{p}获得新一轮融资，投资人信心十足。", "{p}举办周年庆活动，投资人踊跃参加。"]


def test_the_text_part_learns_bad_news_the_rules_do_not_see():
    labelled = []
    for i, p in enumerate(PLATFORMS):
        b = BANKS[i % len(BANKS)]
        labelled.append({"title": "", "text": QUIET_BAD[i % 2].format(p=p) + f"存管银行为{b}。", "entity": f"{p};{b}",
                         "key_entity": p, "negative": "1"})
        labelled.append({"title": "", "text": GOOD[i % 2].format(p=p) + f"存管银行为{b}。", "entity": f"{p};{b}",
                         "key_entity": "", "negative": "0"})
    labelled = [rm.labelled_row(r) for r in labelled + rows(32)]
    model = rm.train(rm.examples(labelled, None))
    assert model["text_coef"].size                        # both kinds of text: the text part is learned
    quiet = "天工贷的网站已经打不开了，客服电话也无人接听。存管银行为子银行。"
    assert tag_text(quiet, names=["天工贷", "子银行"])["risk_names"] == []   # the rules see nothing
    assert tag_text(quiet, names=["天工贷", "子银行"], risk_model=model)["risk_names"] == ["天工贷"]
    good = "天工贷获得新一轮融资，投资人信心十足。存管银行为子银行。"
    assert tag_text(good, names=["天工贷", "子银行"], risk_model=model)["risk_names"] == []
    # written in other forms than the caller's list: full-width letters, ????-prefixed names
    assert tag_text(quiet.replace("天工贷", "ＴＧ贷"), names=["????TG贷", "子银行"], risk_model=model)["risk_names"] == ["????TG贷"]


def test_bad_labelled_files_and_models_say_what_to_do(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,unknownEntities\n甲,乙\n", encoding="utf-8")
    with pytest.raises(ValueError, match="key_entity"):
        rm.read_labelled(bad)
    with pytest.raises(rm.RiskModelError, match="p2pnews risk learn"):
        rm.load(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a model")
    with pytest.raises(rm.RiskModelError, match="train it again"):
        rm.load(junk)
    import numpy as np
    np.savez_compressed(tmp_path / "v1.npz", coef=np.zeros(rm.N_FEATURES, np.float32), bias=0.0, threshold=0.4, version=1)
    with pytest.raises(rm.RiskModelError, match="another version"):   # before the text part
        rm.load(tmp_path / "v1.npz")
    with pytest.raises(rm.RiskModelError, match="both"):
        rm.train([{"text": {"a": 1.0}, "negative": True, "names": [({"a": 1.0}, True), ({"b": 1.0}, True)]}])


def cli(db, *args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "p2pnews.cli", "--db", str(db), *args], input=stdin,
                          capture_output=True)


def test_cli_learns_a_model_beside_the_database_and_tag_uses_it(tmp_path):
    db = tmp_path / "p.duckdb"
    write_csv(tmp_path / "neg.csv", rows(48))
    p = cli(db, "risk", "learn", str(tmp_path / "neg.csv"))
    assert p.returncode == 0, p.stderr.decode()
    assert (tmp_path / "models" / "risk_names.npz").exists()
    line = orjson.dumps({"id": 1, "text": "天工贷平台跑路，存管银行子银行表示不知情。", "names": ["天工贷", "子银行"]})
    out = orjson.loads(cli(db, "tag", stdin=line + b"\n").stdout)
    assert out["risk_names"] == ["天工贷"]
    p = cli(db, "tag", "--risk-model", str(tmp_path / "none.npz"), stdin=line + b"\n")
    assert p.returncode == 1 and b"p2pnews risk learn" in p.stderr
    (tmp_path / "models" / "risk_names.npz").write_bytes(b"damaged")   # the default one: warn, use the rules
    p = cli(db, "tag", stdin=line + b"\n")
    assert p.returncode == 0 and b"fall back to the rules" in p.stderr
    assert orjson.loads(p.stdout)["risk_names"] == ["天工贷", "子银行"]
    (tmp_path / "bad.csv").write_text("text\n甲\n", encoding="utf-8")
    p = cli(db, "risk", "learn", str(tmp_path / "bad.csv"))
    assert p.returncode == 1 and b"key_entity" in p.stderr


def test_articles_store_the_pick_of_the_model_beside_the_database(tmp_path, caplog):
    import db
    from db import writer
    from pipeline.gazetteer_db import load_risk_model
    from pipeline.process import process_record

    db_path = tmp_path / "p.duckdb"
    assert load_risk_model(db_path) is None                 # no model: the rules pick
    rm.model_beside(db_path).parent.mkdir()
    rm.model_beside(db_path).write_bytes(b"damaged")
    assert load_risk_model(db_path) is None and "fall back to the rules" in caplog.text
    rm.save(rm.train(rm.examples(rm_rows(), None)), rm.model_beside(db_path))
    model = load_risk_model(db_path)
    from pipeline.tag import Gazetteer
    gz = Gazetteer.from_rows([{"name": "天工贷"}, {"name": "子银行"}])
    body = "消息称，天工贷平台跑路，存管银行子银行表示不知情。" * 4
    html = f"<html><head><title>天工贷平台跑路</title></head><body><article><p>{body}</p></article></body></html>"
    record = {"url": "http://x/a1", "status": 200, "headers": {"content-type": "text/html"},
              "body": html.encode("utf-8"), "fetched_at": "2019-07-01T00:00:00+00:00"}
    rules = process_record(record, gazetteer=gz)
    learned = process_record(record, gazetteer=gz, risk_model=model)
    assert rules.kind == learned.kind == "article"
    assert "子银行" in rules.article["risk_names"] and learned.article["risk_names"] == ["天工贷"]
    con = db.connect(db_path)
    writer.write_articles(con, [learned.article], learned.events)
    assert con.execute("SELECT risk_names FROM articles").fetchone()[0] == ["天工贷"]


def rm_rows():
    return [rm.labelled_row(r) for r in rows(48)]
