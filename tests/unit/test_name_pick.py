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


def test_fit_then_pick_keeps_the_name_and_drops_the_aside():
    train_rows = corpus(0, 90)
    gz = _gz(train_rows)
    samples = []
    for text, gold in train_rows:
        names = tag_text(text, gazetteer=gz)["platforms"]
        samples.append((name_pick.features(text, None, names, gz, {}), [n in gold for n in names], len(gold)))
    model = name_pick.fit(samples)
    model["priors"] = {}
    text, gold = corpus(200, 1)[0]
    gz2 = _gz([(text, gold)])
    recognised = tag_text(text, gazetteer=gz2)["platforms"]
    assert set(recognised) > set(gold)              # the aside is recognised ...
    assert name_pick.pick(model, text, None, recognised, gz2) == gold   # ... and not picked
    assert tag_text(text, gazetteer=gz2, name_pick=model)["platforms"] == gold


def test_fit_needs_names_of_both_kinds():
    x = np.ones((2, len(name_pick.FEATURES)))
    with pytest.raises(name_pick.NamePickError, match="names they mark and names they do not"):
        name_pick.fit([(x, [True, True], 2)])
    with pytest.raises(name_pick.NamePickError, match="no recognised names"):
        name_pick.fit([(np.zeros((0, len(name_pick.FEATURES))), [], 1)])


def test_threshold_counts_the_names_no_candidate_matches():
    prob = np.array([0.9, 0.6, 0.5, 0.4, 0.3])
    y = np.array([True, False, False, False, True])
    # the labels mark only these two: the sure one alone is best (F1 0.67 against 0.57 for all)
    assert name_pick.best_threshold(prob, y, 2) > 0.6
    # eight more labelled names that no recognised name matches: recall is scarce, keeping
    # the unsure true one is worth its three false ones (0.27 against 0.18)
    assert name_pick.best_threshold(prob, y, 10) <= 0.3


def test_label_counts_are_texts_holding_and_marking_a_name():
    rows = [("甲币很火。ＡＢ币也是", ["甲币", "ab币"]), ("甲币跑路", []), ("乙币", ["乙币"])]
    assert name_pick.label_counts(rows) == {"甲币": (2, 1), "ab币": (1, 1), "乙币": (1, 1)}


def test_model_file_round_trip_and_damaged_file(tmp_path):
    model = {"coef": np.arange(len(name_pick.FEATURES), dtype=float), "bias": -1.0,
             "mean": np.zeros(len(name_pick.FEATURES)), "scale": np.ones(len(name_pick.FEATURES)),
             "threshold": 0.4, "version": name_pick.MODEL_VERSION}
    path = tmp_path / "m.pick.npz"
    name_pick.save(model, {"甲币": (3, 2)}, path)
    back = name_pick.load(path)
    assert back["threshold"] == 0.4 and back["priors"] == {"甲币": (3, 2)}
    assert np.array_equal(back["coef"], model["coef"])
    name_pick.save({**model, "coef": np.zeros(3)}, {}, path)   # features of another version
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
    line = orjson.dumps({"id": 1, "text": text, "names": gold}).decode() + "\n"
    r = run(main, ["--db", str(db), "tag"], input=line)
    assert r.exit_code == 0, r.output
    assert orjson.loads(r.output.splitlines()[-1])["platforms"] == gold
    r = run(main, ["--db", str(db), "tag", "--name-pick", str(tmp_path / "none.npz")], input=line)
    assert r.exit_code == 1 and "no name pick" in r.output
    # a listed name in passing that the labelled texts never hold (so not a not_name): picked out
    aside = orjson.dumps({"id": 2, "text": text + "另据报道，团贷网已被立案。", "names": gold}).decode() + "\n"
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
    assert pick1["threshold"] == pick2["threshold"] and pick1["priors"] == pick2["priors"]
    for key in ("coef", "bias", "mean", "scale"):
        assert np.array_equal(pick1[key], pick2[key]), key
