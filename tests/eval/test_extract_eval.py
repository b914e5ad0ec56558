"""Extraction floors on the shared evaluation data (skips when ../shared/data is absent)."""
import sys
from pathlib import Path

import pytest

from p2pnews.paths import shared_data_dir

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

DATA = shared_data_dir()
pytestmark = [pytest.mark.eval, pytest.mark.skipif(
    not (DATA / "html" / "cwced" / "original").is_dir(),
    reason=f"shared evaluation data not found at {DATA} (set P2PNEWS_SHARED_DATA)")]


@pytest.fixture(scope="module")
def results():
    import extract_eval
    return extract_eval, extract_eval.evaluate(DATA, out=lambda *a: None)


def test_body_f1_floor(results):
    mod, res = results
    s = res["cwced"]["ours"]
    assert s["mean_f1"] >= mod.FLOOR_F1
    low = [pid for pid, (f1, _) in s["pages"].items()
           if f1 < mod.FLOOR_PAGE and not any(pid.startswith(k) for k in mod.GOLD_EXEMPT)]
    assert not low, f"pages below {mod.FLOOR_PAGE} without a named reason: {low}"


def test_beats_peers(results):
    _, res = results
    for ds in ("cwced",):
        ours = res[ds]["ours"]["mean_f1"]
        for peer in ("trafilatura", "readability", "gne"):
            assert ours > res[ds][peer]["mean_f1"], (ds, peer)


def test_date_floor(results):
    mod, res = results
    assert res["cwced"]["ours"]["date_acc_checked"] >= mod.FLOOR_DATE


def test_speed_floor(results):
    mod, res = results
    assert res["cwced"]["ours"]["ratio"] <= mod.FLOOR_SPEED


def test_gne_hand_checks():
    import extract_eval
    assert extract_eval.check_gne(DATA, out=lambda *a: None) == []
