"""The event benchmark's scorers on hand-made rows (no outside data needed)."""
import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("events_eval", Path(__file__).resolve().parents[2] / "bench" / "events_eval.py")
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)


def _row(entity, key, negative="1"):
    return {"entity": entity, "key_entity": key, "negative": negative}


def test_key_entity_pairs_are_scored_as_given():
    rows = [_row("资易贷;资易贷(北京)金融信息服务有限公司;恒丰银行", "资易贷;资易贷(北京)金融信息服务有限公司"),
            _row("甲贷;甲贷科技有限公司", "甲贷科技有限公司")]
    answers = [{"risk_names": ["资易贷", "资易贷(北京)金融信息服务有限公司", "某某公司"]},   # 某某公司: no candidate, not scored
               {"risk_names": ["甲贷", "甲贷科技有限公司"]}]
    (tp, tr, tf), (kp, kr, kf) = ev.score_negative(rows, answers)
    assert (tp, tr) == (1.0, 1.0)
    # a name inside a longer one of ours is kept: both right in the first text, 甲贷 wrong in the second
    assert (kp, kr) == (3 / 4, 1.0)


def test_text_f1_counts_a_text_with_any_risk_name():
    rows = [_row("甲贷", "甲贷"), _row("乙贷", "", negative="0"), _row("丙贷", "丙贷")]
    answers = [{"risk_names": ["甲贷"]}, {"risk_names": ["乙贷"]}, {"risk_names": []}]
    (tp, tr, _), (kp, kr, _) = ev.score_negative(rows, answers)
    assert (tp, tr) == (1 / 2, 1 / 2)
    assert (kp, kr) == (1 / 2, 1 / 2)


def test_the_rows_of_one_text_share_a_fold_and_empty_subjects_teach_nothing():
    rows = [{"text": "甲贷和乙宝被立案", "subject": "甲贷"}, {"text": "丙币跑路", "subject": "丙币"},
            {"text": "甲贷和乙宝被立案", "subject": "乙宝"}, {"text": "丁商城", "subject": "NaN"}]
    folds = ev.text_folds(rows, 2)
    assert folds[0] == folds[2] and folds[0] != folds[1]
    assert ev.subjects_labelled(rows) == [{"text": "甲贷和乙宝被立案", "unknownEntities": "甲贷"},
                                          {"text": "丙币跑路", "unknownEntities": "丙币"},
                                          {"text": "甲贷和乙宝被立案", "unknownEntities": "乙宝"}]
