"""The platforms pick's second look (span_pick): where the pick keeps none of a text's
recognised names, trees over those names and the spans at the text's head."""
import numpy as np
import pytest

from pipeline.tag import Gazetteer, name_pick, span_pick, tag_text

# names of common words no list holds, written the way texts about a scheme write them
WORDS = ["未来", "集市", "每日", "拼拼", "快乐", "农场", "阳光", "花园", "星光", "宝盒",
         "森林", "果园", "彩虹", "小屋", "海洋", "牧场", "钻石", "城堡", "月亮", "口袋"]
FRAMES = ["{n}是什么？朋友都在问{n}靠谱吗，说一个月翻倍。",
          "曝光：{n}已经无法提现，群也解散了，投资人称平台跑路。",
          "#{n}#到底是不是骗局？警方提醒请勿参与。"]


def unlisted(start, count):
    pairs = [(a, b) for a in WORDS for b in WORDS if a != b][start:start + count]
    return [(FRAMES[i % len(FRAMES)].format(n=a + b), [a + b]) for i, (a, b) in enumerate(pairs)]


@pytest.fixture(scope="module")
def learned():
    return _fitted(unlisted(0, 240))


def _fitted(rows):
    """The second look learned as `platforms learn` learns it: each text described by the
    tables of texts other than it (in-sample tables would mark every labelled string)."""
    gz = Gazetteer.seed()
    halves = (rows[0::2], rows[1::2])
    samples = [span_pick.sample(t, gold, tag_text(t, gazetteer=gz)["platforms"], gz, {},
                                span_pick.span_tables(halves[1 - h]))
               for h in (0, 1) for t, gold in halves[h]]
    model = span_pick.fit(samples, [(0, 0)] * len(rows), sum(len(g) for _, g in rows), min_precision=0.0)
    model["tables"] = span_pick.span_tables(rows)
    return model, gz


def test_second_look_finds_names_made_of_common_words(learned):
    model, gz = learned
    hits = 0
    for text, gold in unlisted(300, 30):
        names = tag_text(text, gazetteer=gz)["platforms"]
        assert not set(gold) & set(names)       # no recogniser marks them ...
        hits += span_pick.second_look(model, text, None, names, gz, {}) == gold
    assert hits >= 24                          # ... the second look finds most


def test_best_cut_weighs_the_second_look_beside_the_pick():
    tops = [(0.9, True), (0.8, True), (0.6, False), (0.5, False), (0.45, False), (0.4, True)]
    # the pick keeps 10 names, 8 right, of 20 labelled: the two sure ones are worth adding
    # (F1 0.53 -> 0.63), the rest are not (0.61)
    assert 0.6 < span_pick.best_cut(tops, 10, 8, 20) <= 0.8
    # the pick right in 2 of 10: recall is scarce, all six are worth adding (0.25 -> 0.28)
    assert span_pick.best_cut(tops, 10, 2, 20) <= 0.4


def test_best_cut_keeps_precision_at_its_floor():
    tops = [(0.9, True), (0.8, True), (0.6, False), (0.5, False), (0.45, False), (0.4, True)]
    assert 0.6 < span_pick.best_cut(tops, 10, 8, 20, min_precision=0.8) <= 0.8   # 10 of 12 right
    assert span_pick.best_cut(tops, 10, 8, 20, min_precision=0.9) == span_pick.NEVER
    assert span_pick.best_cut(tops, 10, 2, 20, min_precision=0.3) <= 0.4         # 5 of 16
    assert span_pick.best_cut(tops, 10, 2, 20, min_precision=0.5) == span_pick.NEVER


def test_fit_needs_strings_of_both_kinds():
    width = len(span_pick.feature_names())
    with pytest.raises(span_pick.SpanPickError, match="strings they mark and strings they do not"):
        span_pick.fit([(np.ones((2, width)), [False, False])], [(0, 0)], 1)
    with pytest.raises(span_pick.SpanPickError, match="no candidate strings"):
        span_pick.fit([(np.zeros((0, width)), [])], [(0, 0)], 1)


def _logistic(threshold):
    width = len(name_pick.FEATURES)
    return {"coef": np.zeros(width), "bias": 0.0, "mean": np.zeros(width), "scale": np.ones(width),
            "threshold": threshold, "version": name_pick.MODEL_VERSION, "priors": {}}


def test_pick_takes_the_second_look_only_where_it_keeps_nothing(learned):
    second, gz = learned
    text, gold = unlisted(310, 1)[0]
    text += "另据报道，团贷网已被立案。"
    names = tag_text(text, gazetteer=gz)["platforms"]
    assert "团贷网" in names
    keeps_all, keeps_none = _logistic(0.4), _logistic(0.9)   # every probability is 0.5
    assert name_pick.pick({**keeps_all, "second_look": second}, text, None, names, gz) == names
    assert name_pick.pick({**keeps_none, "second_look": None}, text, None, names, gz) == []
    assert name_pick.pick({**keeps_none, "second_look": second}, text, None, names, gz) == gold


def test_model_files_round_trip_and_a_damaged_second_look(tmp_path, learned):
    second, _ = learned
    path = tmp_path / "names.crfsuite.pick.npz"
    assert span_pick.model_file(path).name == "names.crfsuite.pick.spans.npz"
    name_pick.save(_logistic(0.4), {"甲币": (3, 2)}, path)
    assert name_pick.load(path)["second_look"] is None        # an older pick: none beside it
    span_pick.save(second, second["tables"], span_pick.model_file(path))
    back = name_pick.load(path)["second_look"]
    assert back["cut"] == second["cut"]
    x = np.random.default_rng(1).random((50, len(span_pick.feature_names())))
    assert np.allclose(span_pick.trees.probabilities(back, x), span_pick.trees.probabilities(second, x))
    assert back["tables"].lookup(["e2集市", "s1未"]) == second["tables"].lookup(["e2集市", "s1未"])
    span_pick.model_file(path).write_bytes(b"half a file")
    with pytest.raises(name_pick.NamePickError, match="train again with `p2pnews platforms learn`"):
        name_pick.load(path)
    span_pick.save({**second, "version": 0}, second["tables"], span_pick.model_file(path))
    with pytest.raises(name_pick.NamePickError, match="made by another version"):
        name_pick.load(path)


def test_samples_line_up_with_the_candidates():
    text, gold = unlisted(0, 1)[0]
    text += "另据报道，团贷网已被立案。"
    gz = Gazetteer.seed()
    names = tag_text(text, gazetteer=gz)["platforms"]
    x, marked = span_pick.sample(text, gold, names, gz, {}, span_pick.span_tables([]))
    found, recognised = span_pick.candidates(text, names)
    assert x.shape == (len(found), len(span_pick.feature_names())) and len(marked) == len(found)
    assert [f for f, m in zip(found, marked) if m] == gold
    assert names and recognised[:len(names)] == [True] * len(names) and not any(recognised[len(names):])
