"""The event-tagging floors of issue 4 on the dev halves (skips without ../shared/data).

One test per floor. A floor the tagger does not meet yet is marked xfail(strict=True) with
the figure last measured, so the suite stays green but fails as soon as the floor is met
(then drop the mark)."""
import importlib.util
from pathlib import Path

import pytest

from p2pnews.paths import shared_data_dir

DATA = shared_data_dir()
pytestmark = pytest.mark.eval

if not (DATA / "events" / "ccks2019_dev.csv").exists():
    pytest.skip(f"no evaluation data at {DATA} (set P2PNEWS_SHARED_DATA)", allow_module_level=True)

spec = importlib.util.spec_from_file_location("events_eval", Path(__file__).resolve().parents[2] / "bench" / "events_eval.py")
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)


def _not_yet(figure):
    return pytest.mark.xfail(strict=True, reason=f"issue 4 floor not met yet: {figure}")


@pytest.fixture(scope="module")
def checks():
    # in-process (no CLI start-up), full dev sets: about 30 s on 2 cores
    res = ev.evaluate(DATA, use_cli=False)
    return ev.report(res, log=lambda *_: None)


def _floor(checks, name):
    assert checks[name] >= ev.FLOORS[name], f"{name} {checks[name]:.3f} below floor {ev.FLOORS[name]}"


def test_ccks_recall(checks):
    _floor(checks, "ccks_recall")


def test_neg_text_f1(checks):
    _floor(checks, "neg_text_f1")


@_not_yet("BDCI key-entity F1 0.86 < 0.90 by the rules (0.903 with the learned risk model, bench only; candidates given as the request's names, scored over them)")
def test_key_entity_f1(checks):
    _floor(checks, "key_entity_f1")


@_not_yet("BDCI entity recall 0.294 < 0.65 (0.521 with learned names and their pick, 0.574 without the pick, bench only)")
def test_entity_recall(checks):
    _floor(checks, "entity_recall")


@_not_yet("BDCI entity precision 0.328 < 0.65 with the imported lists in-process (0.675 with learned names and their pick, bench only)")
def test_entity_precision(checks):
    _floor(checks, "entity_precision")


def test_throughput_ratio(checks):
    _floor(checks, "throughput_ratio")


def test_learned_names_and_their_pick_raise_entity_recall_and_precision():
    """`platforms learn` + `platforms discover` + `tag` (2-fold: each half tagged with the
    recogniser and pick learned on the other half) against the imported lists alone, on the
    same BDCI entity rows."""
    sets = ev.load_sets(DATA)
    reqs = ev.to_requests(sets)
    first = len(sets["ccks"]) + len(sets["neg"])
    learned = ev.run_learned(sets, reqs, DATA, folds=2, log=lambda *_: None, entity_rows_only=True)
    assert learned is not None, "learn/discover/tag through the CLI failed (see stderr)"
    imported = ev.run_function(reqs[first:], ev.imported_gazetteer(DATA))
    p0, r0, _ = ev.score_entities(sets["ent"], imported)
    p1, r1, _ = ev.score_entities(sets["ent"], learned[first:])
    assert r1 >= r0 + 0.10, f"recall {r0:.3f} -> {r1:.3f}"
    # the pick `learn` also learns keeps the names each text is about: without it the learned
    # names' precision was 0.48 (5 folds), with it 0.685
    assert p1 >= p0 + 0.20, f"precision {p0:.3f} -> {p1:.3f}"


def test_learned_risk_model_raises_text_and_key_entity_f1():
    """`risk learn` in-process, 2-fold over the BDCI negative rows (reposts in one fold),
    against the rules' risk_names on the same answers: the text part's bad-news call and the
    name part's pick both do better than the rules."""
    sets = ev.load_sets(DATA)
    reqs = ev.to_requests(sets)
    first = len(sets["ccks"])
    answers = ev.run_function(reqs[first:first + len(sets["neg"])], ev.imported_gazetteer(DATA))
    (_, _, t0), (p0, _, f0) = ev.score_negative(sets["neg"], answers)
    (_, _, t1), (p1, _, f1) = ev.score_negative(sets["neg"], ev.risk_cross_validated(sets["neg"], answers, folds=2))
    assert t1 >= t0 + 0.01, f"text F1 {t0:.3f} -> {t1:.3f}"
    assert f1 >= f0 + 0.02 and p1 > p0, f"key-entity F1 {f0:.3f} -> {f1:.3f}, P {p0:.3f} -> {p1:.3f}"
    print(f"text F1 {t0:.3f} -> {t1:.3f}, key-entity F1 {f0:.3f} -> {f1:.3f}")
