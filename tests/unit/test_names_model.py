"""The learned name recogniser: labelled-file reading, labels, a fit on a small made-up
corpus, discovery, and the `p2pnews platforms learn|discover` commands."""
import csv
import itertools
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from p2pnews.cli import main
from pipeline.tag import Gazetteer
from pipeline.tag.repeats import repeats_file
from tests.unit.test_repeats import rows as repeat_rows
from pipeline.tag.names_model import NameModel, bio_labels, discover_names, merge_by_text, read_labelled, train

HEADS = "金木水火土天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
TAILS = ["币", "钱包", "商城"]
FRAMES = ["最近{n}很火，大家都在问{n}靠谱吗？", "朋友拉我投{n}，说一个月翻倍。", "{n}已经无法提现，群也解散了。",
          "有人知道{n}是什么来路吗", "警方提醒：{n}涉嫌传销，请勿参与。"]


def corpus(start, count):
    """Rows whose names are two made-up characters and a trade word (天宇币, 洪荒钱包 ...)."""
    pairs = itertools.islice(itertools.permutations(HEADS, 2), start, start + count)
    rows = []
    for i, (a, b) in enumerate(pairs):
        name = a + b + TAILS[i % len(TAILS)]
        rows.append((FRAMES[i % len(FRAMES)].format(n=name), [name]))
    return rows


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "names.crfsuite"
    train(corpus(0, 120), path, Gazetteer.seed(), iterations=60)
    return NameModel(path, Gazetteer.seed())


def test_read_labelled_takes_each_layout(tmp_path):
    for col in ("unknownEntities", "entity", "subject"):
        p = tmp_path / f"{col}.csv"
        with open(p, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([["id", "text", col], ["1", "甲币[[+_+]]乙商城", "甲币;乙商城; ;x"]])
        assert read_labelled(p) == [("甲币\n乙商城", ["甲币", "乙商城"])]


def test_read_labelled_skips_missing_value_markers(tmp_path):
    # CCKS writes an event without a subject as NaN: no name
    p = tmp_path / "ccks.csv"
    with open(p, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "text", "event_type", "subject"], ["1", "甲币跑路", "失联跑路", "甲币"],
                                 ["2", "行业整顿", "其他", "NaN"]])
    assert read_labelled(p) == [("甲币跑路", ["甲币"]), ("行业整顿", [])]


def test_read_labelled_names_the_missing_columns(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a 'text' column"):
        read_labelled(p)


def test_rows_of_one_text_are_learned_as_one():
    # an event set has a row per event: the text about 甲贷 and 乙宝 comes twice, once per name
    rows = [("甲贷和乙宝被立案", ["甲贷"]), ("丙币跑路", ["丙币"]), ("甲贷和乙宝被立案", ["乙宝", "甲贷"])]
    assert merge_by_text(rows) == [("甲贷和乙宝被立案", ["甲贷", "乙宝"]), ("丙币跑路", ["丙币"])]


def test_labels_mark_every_occurrence_longest_first():
    assert bio_labels("米袋理财和米袋", ["米袋", "米袋理财"]) == list("BIIIOBI")


def test_labels_of_overlapping_names_do_not_depend_on_the_hash_seed():
    # 乙丙 and 甲乙 overlap in 甲乙丙: whichever is marked first keeps the shared character
    import subprocess
    import sys
    code = "from pipeline.tag.names_model import bio_labels; print(''.join(bio_labels('甲乙丙', ['甲乙', '乙丙'])))"
    root = Path(__file__).resolve().parents[2]
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout.strip() for seed in range(8)}
    assert seen == {"OBI"}   # 乙丙 first: the lower code point


def test_model_finds_names_it_never_saw(model):
    held_out = corpus(400, 40)
    found = sum(any(text[s:e] == names[0] for s, e, _ in model.spans(text)) for text, names in held_out)
    assert found >= 0.8 * len(held_out)


def test_confidence_is_a_probability(model):
    spans = model.spans("最近宙洪币很火，大家都在问宙洪币靠谱吗？")
    assert spans and all(0.0 < c <= 1.0 for _, _, c in spans)
    assert model.spans("") == []


def test_discover_counts_texts_and_skips_known_names(model):
    texts = ["最近宙洪币很火，大家都在问宙洪币靠谱吗？", "朋友拉我投宙洪币，说一个月翻倍。", "红岭创投很火"]
    found = discover_names(texts, model, min_confidence=0.3)
    assert found["宙洪币"]["texts"] == 2
    assert not any("红岭" in n for n in found)


def test_missing_model_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="platforms learn"):
        NameModel(tmp_path / "none.crfsuite", Gazetteer.seed())


def test_a_model_of_other_features_is_refused(model, tmp_path):
    old = tmp_path / "old.crfsuite"
    old.write_bytes(Path(model.path).read_bytes())          # a model from before the version file
    with pytest.raises(ValueError, match="train it again"):
        NameModel(old, Gazetteer.seed())


def _write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "unknownEntities"])
        w.writerows([i, t, ";".join(n)] for i, (t, n) in enumerate(rows))


def test_cli_learn_then_discover_adds_names(tmp_path):
    db = tmp_path / "p.duckdb"
    labelled, texts = tmp_path / "l.csv", tmp_path / "t.jsonl"
    _write_rows(labelled, corpus(0, 120))
    texts.write_bytes(b"".join(orjson.dumps({"id": i, "text": t}) + b"\n" for i, (t, _) in enumerate(corpus(400, 10))))
    run = CliRunner().invoke
    r = run(main, ["--db", str(db), "platforms", "learn", str(labelled), "--iterations", "60"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "models" / "names.crfsuite").is_file()
    r = run(main, ["--db", str(db), "platforms", "discover", str(texts), "--dry-run"])
    assert r.exit_code == 0 and "\t" in r.output
    r = run(main, ["--db", str(db), "platforms", "discover", str(texts)])
    assert r.exit_code == 0, r.output
    r = run(main, ["--db", str(db), "sql", "SELECT count(*) FROM platforms WHERE source LIKE 'learned:%'", "--format", "csv"])
    assert int(r.output.strip().splitlines()[-1]) >= 8
    r = run(main, ["--db", str(db), "sql", "SELECT count(*) FROM platforms WHERE source = 'labelled:l.csv'", "--format", "csv"])
    assert int(r.output.strip().splitlines()[-1]) == 120     # every name of the labelled file


def test_learning_again_after_learn_and_discover_gives_the_same_models(tmp_path):
    # the names learn and discover added to platforms must not become the gazetteer the
    # models learn with (the CRF would learn that a name is what the gazetteer marks)
    db = tmp_path / "p.duckdb"
    labelled, texts = tmp_path / "l.csv", tmp_path / "t.jsonl"
    # names the repeats model learns too, and a name the rules find that the labels never mark
    # (a not_name: held back, it is no candidate the next time round)
    unmarked = [(f"第{i}期：投资人反映，“鑫福财富”平台近日出现提现困难。", []) for i in range(3)]
    _write_rows(labelled, corpus(0, 60) + repeat_rows(0, 60) + unmarked)
    texts.write_bytes(b"".join(orjson.dumps({"id": i, "text": t}) + b"\n"
                               for i, (t, _) in enumerate(corpus(400, 10) + repeat_rows(400, 10))))
    run = CliRunner().invoke
    model = tmp_path / "models" / "names.crfsuite"
    learned = []
    for _ in range(2):
        r = run(main, ["--db", str(db), "platforms", "learn", str(labelled), "--iterations", "30", "--no-pick"])
        assert r.exit_code == 0, r.output
        r = run(main, ["--db", str(db), "sql", "SELECT name FROM not_names ORDER BY name", "--format", "csv"])
        learned.append((model.read_bytes(), repeats_file(model).read_bytes(), r.output))
        r = run(main, ["--db", str(db), "platforms", "discover", str(texts)])
        assert r.exit_code == 0, r.output
    r = run(main, ["--db", str(db), "sql", "SELECT count(*) FROM platforms WHERE source LIKE 'learned:%'", "--format", "csv"])
    assert int(r.output.strip().splitlines()[-1]) >= 5   # the second learn did see names to leave out
    assert "鑫福财富" in learned[0][2]
    assert learned[0] == learned[1]


def test_model_names_leave_the_gazetteer_the_models_learn_with():
    from pipeline.tag.names_model import without_model_names
    gz = Gazetteer.from_rows([{"name": "甲乙币", "source": "labelled:l.csv"}, {"name": "丙丁商城", "source": "learned:names.crfsuite"},
                              {"name": "戊己贷", "source": "names:list.txt+labelled:l.csv"}, {"name": "庚辛宝"}])
    gz.not_names = {"靠谱"}
    kept = without_model_names(gz)
    assert {"戊己贷", "庚辛宝", "团贷网"} <= set(kept.entries) and not {"甲乙币", "丙丁商城"} & set(kept.entries)
    assert kept.not_names == set()   # learn's own output too: it finds them again


def test_labelled_names_are_names_where_the_labels_mostly_mark_them():
    from pipeline.tag.names_model import labelled_names

    gz = Gazetteer.from_rows([{"name": "天宇币"}], seed=False)
    rows = [(f"第{i}条：宙洪币、日月宝和天宇币都在涨", ["天宇币", "宙洪币"] + (["日月宝"] if i == 0 else [])) for i in range(4)]
    assert labelled_names(rows, gz) == {"宙洪币": (4, 4)}    # 天宇币 is listed; 日月宝 marked in 1 of 4


def test_cli_errors_are_one_line_and_exit_1(tmp_path):
    run = CliRunner().invoke
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,x\n", encoding="utf-8")
    r = run(main, ["--db", str(tmp_path / "p.duckdb"), "platforms", "learn", str(bad)])
    assert r.exit_code == 1 and "needs a 'text' column" in r.output
    r = run(main, ["--db", str(tmp_path / "p.duckdb"), "platforms", "discover", str(bad)])
    assert r.exit_code == 1 and "error" in r.output
    r = run(main, ["--db", str(tmp_path / "p.duckdb"), "platforms", "discover", "-"], input='{"text": "x"}\n')
    assert r.exit_code == 1 and "platforms learn" in r.output


def test_listed_words_the_labels_never_name_are_not_names():
    from pipeline.tag import tag_text
    from pipeline.tag.names_model import not_names

    gz = Gazetteer.from_rows([{"name": "宙洪币"}, {"name": "天宇币"}])
    rows = [(f"第{i}条：宙洪币和天宇币都在涨", ["天宇币"] if i else []) for i in range(4)]
    assert not_names(rows, gz) == {"宙洪币": (4, 0)}     # 天宇币: labelled in 3 of 4
    gz.not_names = set(not_names(rows, gz))
    out = tag_text("宙洪币和天宇币都在涨", gazetteer=gz)
    assert "天宇币" in out["platforms"] and "宙洪币" not in out["platforms"]


def test_features_mark_runs_the_text_repeats():
    from pipeline.tag.names_model import features
    text = "每日拼拼是什么？每日拼拼靠谱吗？每日拼拼！"
    f = features(text, Gazetteer.from_rows([]))
    assert "rs4x" in f[0] and "re4x" in f[3]          # 每日拼拼, three times
    assert "rs2x" in f[2] and "rs3" not in f[4]       # 拼拼 recurs; 是什么 does not
    assert not any(x.startswith(("rs", "re")) for x in f[7])   # ？ is no part of a run


def test_discovery_never_takes_a_lexicon_word_for_a_name():
    """A trigger, authority or place the model marks (a #非法集资# hashtag it read as a name)
    would hide that word from the tagger once in `platforms`."""
    class Marks:
        gazetteer = Gazetteer.from_rows([], seed=False)
        repeats = None

        def spans(self, text):
            return [(m.start(), m.end(), 0.9) for m in __import__("re").finditer("非法集资|公安部|天津|天宇币", text)]

    found = discover_names(["#非法集资#天宇币被公安部通报，天津投资人报案"], Marks())
    assert set(found) == {"天宇币"}


def test_the_model_keeps_its_labelled_texts(model):
    assert len(model.labelled) == 120 and model.labelled[0][1] and model.labelled[0][1][0] in model.labelled[0][0]


def test_discovery_leaves_out_a_name_its_labelled_texts_hold_unmarked():
    from pipeline.tag.names_model import unmarked_names

    class Marks:
        gazetteer = Gazetteer.from_rows([], seed=False)
        repeats = None
        labelled = [("宇宙币很火，天宇币也火", ["天宇币"]), ("宇宙币又涨了，天宇币也涨", ["天宇币"]), ("洪荒币来了", [])]

        def spans(self, text):
            return [(m.start(), m.end(), 0.9) for m in __import__("re").finditer("宇宙币|天宇币|洪荒币", text)]

    found = discover_names(["宇宙币、天宇币和洪荒币都涨了"], Marks())
    assert set(found) == {"宇宙币", "天宇币", "洪荒币"}
    # 宇宙币: in two labelled texts, marked in neither; 洪荒币: in one only, too few to tell
    assert unmarked_names(found, Marks()) == {"宇宙币": (2, 0)}


def test_names_the_rules_find_are_checked_against_the_labels_too():
    from pipeline.tag.names_model import not_names, rule_names

    gz = Gazetteer.from_rows([{"name": "天宇币"}], seed=False)
    rows = [(f"第{i}条：天宇币涉嫌传销，“宙洪宝”平台也被立案。", ["天宇币"]) for i in range(3)]
    found = rule_names(rows, gz)
    assert "宙洪宝" in found
    assert not_names(rows, gz) == {}
    assert not_names(rows, gz, found) == {"宙洪宝": (3, 0)}


def test_damaged_labelled_texts_beside_the_model_say_what_to_do(model, tmp_path):
    copy = tmp_path / "names.crfsuite"
    for suffix in ("", ".version"):
        Path(str(copy) + suffix).write_bytes(Path(str(model.path) + suffix).read_bytes())
    Path(str(copy) + ".labelled.jsonl.gz").write_bytes(Path(str(model.path) + ".labelled.jsonl.gz").read_bytes()[:100])
    with pytest.raises(ValueError, match="platforms learn"):
        NameModel(copy, Gazetteer.seed())
