"""Span candidates and their tables (pipeline/tag/spans.py), and the trees kept as arrays
(pipeline/tag/trees.py) that the platforms pick weighs them with."""
import numpy as np

from pipeline.tag import spans, trees


def test_candidates_are_word_runs_that_cross_no_punctuation():
    low = "每日拼拼是什么？每日拼拼靠谱吗，ptfx普顿外汇"
    found = spans.candidates(low)
    assert "每日拼拼" in found and found["每日拼拼"] == [0, 8]
    assert "ptfx普顿外汇" in found or "ptfx普顿" in found
    assert not any("？" in s or "，" in s for s in found)
    assert all(spans.MIN_LEN <= len(s) <= spans.MAX_LEN for s in found)


def test_candidates_search_only_the_head():
    low = "开头" * (spans.HEAD // 2) + "，结尾的甲乙币"
    assert not any("甲乙" in s for s in spans.candidates(low))


def test_tables_rate_the_keys_the_labels_mark_above_the_rest():
    rows = [(f"{a}{b}币是什么？{a}{b}币靠谱吗", {f"{a}{b}币"}) for a in "金木水火" for b in "天地玄黄"]
    tables = spans.Tables.count(rows)
    ends_in_coin, asked_after = tables.lookup(["e1币"])[0], tables.lookup(["r1是"])[0]
    assert ends_in_coin > tables.rate and asked_after > tables.rate
    assert tables.lookup(["e1么"])[0] < tables.rate          # 是什么 is never marked
    arrays = tables.arrays(min_seen=1)
    back = spans.Tables.from_arrays(arrays["table_keys"], arrays["table_counts"], arrays["table_rate"])
    assert back.lookup(["e1币", "r1是"]) == tables.lookup(["e1币", "r1是"])


def test_describe_gives_one_row_per_string_with_its_places():
    low = "“甲乙币”是什么？甲乙币靠谱吗"
    x = spans.describe(low, [("甲乙币", spans.places(low, "甲乙币")), ("不在", [])], spans.Tables())
    col = {f: i for i, f in enumerate(spans.FEATURES)}
    assert x.shape == (2, len(spans.FEATURES))
    assert x[0, col["span_places"]] == 2 and x[0, col["span_quoted"]] == 1 and x[0, col["span_first"]] == 1
    assert not x[1].any()


def test_trees_as_arrays_predict_what_scikit_learn_predicts():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.random((3000, 5))
    y = x[:, 0] + 0.5 * x[:, 1] + rng.normal(0, 0.2, len(x)) > 0.8
    model = trees.fit(x, y)
    reference = HistGradientBoostingClassifier(**trees.PARAMS).fit(x, y).predict_proba(x)[:, 1]
    assert np.allclose(trees.probabilities(model, x), reference)
    # the compiled walk (scikit-learn's) and the numpy one agree
    assert "_walk" in model and model["_walk"] is not None
    assert np.allclose(trees._walk(model, x), model["_walk"](x))
    assert trees.probabilities(model, np.zeros((0, 5))).shape == (0,)
