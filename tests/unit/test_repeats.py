"""The repeats model: maximal repeats as candidates, a fit on made-up texts, files, and its
names in discovery beside the CRF's."""
import itertools

import numpy as np
import pytest

from pipeline.tag import Gazetteer, repeats
from pipeline.tag.names_model import NameModel, discover_names, train

HEADS = "金木水火土天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
# every text repeats its scheme's name and a common phrase; only the name is labelled
FRAMES = ["{n}是什么？{n}靠谱吗？今天我们来聊聊，今天的话题就是{n}。",
          "最近{n}很火，朋友都在问{n}，我们下面分析一下，下面先看模式。",
          "{n}APP怎么样？很多人说{n}能赚钱，其实大家要小心，大家记住风险。"]


def names(start, count):
    pairs = itertools.islice(itertools.permutations(HEADS, 2), start, start + count)
    return [a + b + "拼拼" for a, b in pairs]


def rows(start, count):
    return [(FRAMES[i % len(FRAMES)].format(n=n), [n]) for i, n in enumerate(names(start, count))]


@pytest.fixture(scope="module")
def model():
    return repeats.Repeats(repeats.train(rows(0, 90)))


def test_candidates_are_the_maximal_repeats():
    found = repeats.candidates("每日拼拼是什么？每日拼拼靠谱吗？")
    assert found["每日拼拼"] == [0, 8]
    # 每日拼 always goes on with 拼: it is part of the longer repeat, not one of its own
    assert "每日拼" not in found and "日拼拼" not in found
    assert "是什么" not in found   # written once


def test_candidates_fold_writing_forms_but_keep_places():
    low = repeats._fold_chars("ＰＰｍｏｎｅｙ好，PPmoney")
    assert len(low) == len("ＰＰｍｏｎｅｙ好，PPmoney")
    assert repeats.candidates(low)["ppmoney"] == [0, 9]


def test_model_finds_a_repeated_name_it_never_saw_and_not_the_common_words(model):
    held = rows(200, 30)
    hits = [dict(model.find(text)) for text, _ in held]
    assert sum(gold[0] in h for h, (_, gold) in zip(hits, held)) >= 25
    assert not any("今天" in h or "下面" in h or "大家" in h for h in hits)


def test_find_gives_the_name_as_written_with_its_probability(model):
    found = dict(model.find("ＡＢ拼拼是什么？ＡＢ拼拼靠谱吗？今天我们来聊聊，今天的话题就是ＡＢ拼拼。"))
    assert "ＡＢ拼拼" in found and model.cut <= found["ＡＢ拼拼"] <= 1.0


def test_labels_without_a_repeated_name_teach_nothing():
    with pytest.raises(repeats.RepeatsError, match="repeated strings"):
        repeats.train([("甲币跑路了", ["甲币"]), ("乙商城没了", ["乙商城"])])


def test_files_round_trip_and_refuse_damage_and_other_versions(tmp_path):
    fitted = repeats.train(rows(0, 30))
    path = tmp_path / "m.repeats.npz"
    repeats.save(fitted, path)
    text = rows(100, 1)[0][0]
    assert repeats.load(path).find(text) == repeats.Repeats(fitted).find(text)
    assert repeats.load(tmp_path / "none.npz") is None
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(repeats.RepeatsError, match="damaged"):
        repeats.load(tmp_path / "bad.npz")
    repeats.save(dict(fitted, version=np.int64(repeats.MODEL_VERSION + 1)), tmp_path / "old.npz")
    with pytest.raises(repeats.RepeatsError, match="another version"):
        repeats.load(tmp_path / "old.npz")


def test_learning_the_recogniser_learns_repeats_and_discovery_uses_them(tmp_path):
    path = tmp_path / "names.crfsuite"
    train(rows(0, 90), path, Gazetteer.seed(), iterations=30)
    assert repeats.repeats_file(path).is_file()
    recogniser = NameModel(path, Gazetteer.seed())
    assert recogniser.repeats is not None
    held = rows(300, 20)
    crf_only = NameModel(path, Gazetteer.seed())
    crf_only.repeats = None
    both = discover_names([t for t, _ in held], recogniser)
    alone = discover_names([t for t, _ in held], crf_only)
    assert set(alone) <= set(both)
    # with the CRF's names at an impossible confidence, the repeats still find the schemes
    only_repeats = discover_names([t for t, _ in held], recogniser, min_confidence=1.01)
    assert sum(gold[0] in only_repeats for _, gold in held) >= 15


def test_a_recogniser_whose_texts_teach_no_repeats_has_none(tmp_path):
    path = tmp_path / "names.crfsuite"
    repeats.repeats_file(path).write_bytes(b"an older model")
    train([("甲币跑路了", ["甲币"]), ("乙商城没了", ["乙商城"])], path, Gazetteer.seed(), iterations=5)
    assert not repeats.repeats_file(path).exists()
    assert NameModel(path, Gazetteer.seed()).repeats is None
