"""The learned pick of a text's platforms among the names the tagger recognises: features,
fitting, the model file, and `platforms learn` / `tag` using it."""
import csv
import itertools

import numpy as np
import orjson
import pytest
from click.testing import CliRunner

from p2pnews.cli import main
from pipeline.tag import Gazetteer, tag_text
from pipeline.tag import name_pick

HEADS = "金木水火土天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
# a listed name a text mentions in passing (the labels never mark it) beside the one it is about
ASIDES = ["红岭创投", "人人贷", "陆金所"]
FRAMES = ["“{n}”是什么？朋友都在问{n}靠谱吗，{n}说一个月翻倍。听说和{a}一样。",
          "#{n}#已经无法提现，{n}的群也解散了，投资人称{n}跑路。据说{a}也有类似情况。",
          "{n}是什么来路？警方提醒：{n}涉嫌传销，{n}请勿参与。另外，{a}已良性退出。"]


def corpus(start, count):
    pairs = itertools.islice(itertools.permutations(HEADS, 2), start, start + count)
    rows = []
    for i, (a, b) in enumerate(pairs):
        name = a + b + "币"
        rows.append((FRAMES[i % len(FRAMES)].format(n=name, a=ASIDES[i % len(ASIDES)]), [name]))
    return rows


def _gz(rows):
    """The seed list (it holds the asides) and the made-up names, as a learned list would."""
    return Gazetteer.seed().add_rows({"name": n, "source": "learned:test"} for _, names in rows for n in names)


def test_features_tell_the_name_a_text_is_about_from_one_in_passing():
    text, (main_name,) = corpus(0, 1)[0]
    x = name_pick.features(text, None, [main_name, ASIDES[0]], Gazetteer.seed(), {})
    col = {f: i for i, f in enumerate(name_pick.FEATURES)}
    about, aside = x
    assert about[col["count"]] > aside[col["count"]]
    assert about[col["first_at"]] < aside[col["first_at"]]
    assert about[col["quoted"]] == 1 and aside[col["quoted"]] == 0
    assert about[col["asked"]] == 1
    assert aside[col["seed"]] == 1 and about[col["seed"]] == 0


def _samples(rows, gz, tables=None):
    out = []
    for text, gold in rows:
        names, recognised = name_pick.candidates(text, tag_text(text, gazetteer=gz)["platforms"])
        out.append((name_pick.features(text, None, names, gz, {}, tables, recognised), [n in gold for n in names],
                    len(gold), [name_pick.fold_chars(n) for n in names]))
    return out


def test_fit_then_pick_keeps_the_name_and_drops_the_aside():
    train_rows = corpus(0, 90)
    gz = _gz(train_rows)
    model = name_pick.fit(_samples(train_rows, gz))
    model["priors"], model["tables"] = {}, name_pick.spans.Tables()
    text, gold = corpus(200, 1)[0]
    gz2 = _gz([(text, gold)])
    recognised = tag_text(text, gazetteer=gz2)["platforms"]
    assert set(recognised) > set(gold)              # the aside is recognised ...
    assert name_pick.pick(model, text, None, recognised, gz2) == gold   # ... and not picked
    assert tag_text(text, gazetteer=gz2, name_pick=model)["platforms"] == gold


def test_pick_finds_a_name_no_list_holds_among_the_spans():
    """The made-up names end in 币 and stand before 是什么/靠谱吗: learned from labelled texts, the
    pick finds a new one that neither the gazetteer nor a recogniser marked."""
    train_rows = corpus(0, 90)
    # tables from other labelled texts, as cross-fitting gives them: none holds these names
    tables = name_pick.span_tables(corpus(400, 90))
    model = name_pick.fit(_samples(train_rows, Gazetteer.seed(), tables))   # names no list holds
    model["priors"], model["tables"] = {}, tables
    text, gold = corpus(250, 1)[0]
    recognised = tag_text(text, gazetteer=Gazetteer.seed())["platforms"]
    assert not set(gold) & set(recognised)          # nothing marks the new name ...
    assert name_pick.pick(model, text, None, recognised, Gazetteer.seed()) == gold   # ... the spans do


def test_fit_needs_names_of_both_kinds():
    x = np.ones((2, len(name_pick.FEATURES)))
    with pytest.raises(name_pick.NamePickError, match="names they mark and names they do not"):
        name_pick.fit([(x, [True, True], 2, ["a", "b"])])
    with pytest.raises(name_pick.NamePickError, match="no recognised names"):
        name_pick.fit([(np.zeros((0, len(name_pick.FEATURES))), [], 1, [])])


def test_choose_keeps_the_likeliest_then_the_sure_ones_that_nest_in_none():
    folded = ["团贷网", "团贷", "甲币", "乙币"]
    prob = np.array([0.5, 0.9, 0.7, 0.2])
    assert name_pick.choose(prob, folded, 0.3, 0.6) == [1, 2]     # 团贷网 nests 团贷; 乙币 is unsure
    assert name_pick.choose(prob, folded, 0.95, 0.6) == []       # not even the likeliest is sure enough
    assert name_pick.choose(prob, folded, 0.3, 0.1) == [1, 2, 3]


def test_cuts_count_the_names_no_candidate_matches():
    texts = [(np.array([0.9]), [True], ["甲"]), (np.array([0.6]), [False], ["乙"]),
             (np.array([0.55]), [False], ["丙"]), (np.array([0.5]), [False], ["丁"]),
             (np.array([0.3]), [True], ["戊"])]
    # the labels mark only these two: the sure one alone is best (F1 0.67 against 0.57 for all)
    assert name_pick.best_cuts(texts, 2)[0] > 0.6
    # eight more labelled names that no candidate matches: recall is scarce, keeping the unsure
    # true one is worth its three false ones (0.27 against 0.18)
    assert name_pick.best_cuts(texts, 10)[0] <= 0.3


def test_label_counts_are_texts_holding_and_marking_a_name():
    rows = [("甲币很火。ＡＢ币也是", ["甲币", "ab币"]), ("甲币跑路", []), ("乙币", ["乙币"])]
    assert name_pick.label_counts(rows) == {"甲币": (2, 1), "ab币": (1, 1), "乙币": (1, 1)}


def test_model_file_round_trip_and_damaged_file(tmp_path):
    train_rows = corpus(0, 60)
    model = name_pick.fit(_samples(train_rows, _gz(train_rows)))
    tables = name_pick.span_tables(train_rows)
    path = tmp_path / "m.pick.npz"
    name_pick.save(model, {"甲币": (3, 2)}, tables, path)
    back = name_pick.load(path)
    assert back["first_cut"] == model["first_cut"] and back["priors"] == {"甲币": (3, 2)}
    assert np.array_equal(back["node_value"], model["node_value"])
    assert back["tables"].lookup(["e1币"]) == tables.lookup(["e1币"])
    name_pick.save({**model, "version": name_pick.MODEL_VERSION - 1}, {}, tables, path)
    with pytest.raises(name_pick.NamePickError, match="made by another version"):
        name_pick.load(path)
    path.write_bytes(b"not a model")
    with pytest.raises(name_pick.NamePickError, match="train again with `p2pnews platforms learn`"):
        name_pick.load(path)
    with pytest.raises(name_pick.NamePickError, match="no name pick"):
        name_pick.load(tmp_path / "missing.npz")


def test_cli_learn_writes_the_pick_tag_uses_it_and_no_pick_removes_it(tmp_path):
    db = tmp_path / "p.duckdb"
    labelled = tmp_path / "l.csv"
    with open(labelled, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "unknownEntities"])
        w.writerows([i, t, ";".join(n)] for i, (t, n) in enumerate(corpus(0, 90)))
    run = CliRunner().invoke
    r = run(main, ["--db", str(db), "platforms", "learn", str(labelled), "--iterations", "30"])
    assert r.exit_code == 0, r.output
    assert "platforms pick" in r.output
    assert name_pick.pick_file(tmp_path / "models" / "names.crfsuite").is_file()
    text, gold = corpus(300, 1)[0]
    line = orjson.dumps({"id": 1, "text": text}).decode() + "\n"
    r = run(main, ["--db", str(db), "platforms", "discover", "-"], input=line)   # the new name, as a user would
    assert r.exit_code == 0, r.output
    r = run(main, ["--db", str(db), "tag"], input=line)
    assert r.exit_code == 0, r.output
    assert orjson.loads(r.output.splitlines()[-1])["platforms"] == gold
    r = run(main, ["--db", str(db), "tag", "--name-pick", str(tmp_path / "none.npz")], input=line)
    assert r.exit_code == 1 and "no name pick" in r.output
    # a listed name in passing that the labelled texts never hold (so not a not_name): picked out
    aside = orjson.dumps({"id": 2, "text": text + "另据报道，团贷网已被立案。"}).decode() + "\n"
    r = run(main, ["--db", str(db), "tag"], input=aside)
    assert orjson.loads(r.output.splitlines()[-1])["platforms"] == gold
    # --no-pick: the recogniser alone; the old pick would judge for it, so it goes
    r = run(main, ["--db", str(db), "platforms", "learn", str(labelled), "--iterations", "30", "--no-pick"])
    assert r.exit_code == 0, r.output
    assert "platforms pick" not in r.output
    assert not name_pick.pick_file(tmp_path / "models" / "names.crfsuite").exists()
    r = run(main, ["--db", str(db), "tag"], input=aside)
    assert orjson.loads(r.output.splitlines()[-1])["platforms"] == gold + ["团贷网"]


def test_a_damaged_pick_beside_the_database_is_left_out_with_a_warning(tmp_path, caplog):
    from p2pnews.paths import names_model
    from pipeline.gazetteer_db import load_name_pick

    db = tmp_path / "p.duckdb"
    assert load_name_pick(db) is None                       # none learned: every name
    path = name_pick.pick_file(names_model(db))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00 half a file")
    with caplog.at_level("WARNING"):
        assert load_name_pick(db) is None
    assert "train again with `p2pnews platforms learn`" in caplog.text
    assert "lists every recognised name" in caplog.text


def test_cli_learn_in_forked_workers_learns_what_one_process_learns(tmp_path):
    labelled = tmp_path / "l.csv"
    with open(labelled, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "unknownEntities"])
        w.writerows([i, t, ";".join(n)] for i, (t, n) in enumerate(corpus(0, 60)))
    learned = {}
    for jobs in ("1", "2"):
        db = tmp_path / jobs / "p.duckdb"
        r = CliRunner().invoke(main, ["--db", str(db), "platforms", "learn", str(labelled), "--iterations", "20",
                                      "--jobs", jobs])
        assert r.exit_code == 0, r.output
        model = db.parent / "models" / "names.crfsuite"
        learned[jobs] = (model.read_bytes(), name_pick.load(name_pick.pick_file(model)))
    (crf1, pick1), (crf2, pick2) = learned["1"], learned["2"]
    assert crf1 == crf2
    assert (pick1["first_cut"], pick1["more_cut"]) == (pick2["first_cut"], pick2["more_cut"])
    assert pick1["priors"] == pick2["priors"]
    for key in ("node_value", "node_num_threshold", "node_feature_idx", "tree_start"):
        assert np.array_equal(pick1[key], pick2[key]), key


def test_nesting_is_every_pair_compared():
    from hypothesis import given, strategies as st

    @given(st.lists(st.text(alphabet="甲乙丙ab", min_size=1, max_size=5), max_size=12))
    def check(names):
        inside, holds = name_pick._nesting(names)
        for n in names:
            others = [o for o in names if o != n]
            assert (n in inside) == any(n in o for o in others)
            assert (n in holds) == any(o in n for o in others)
    check()
