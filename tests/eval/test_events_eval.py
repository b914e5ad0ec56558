"""The event-tagging floors on the dev halves (skips without ../shared/data)."""
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


@pytest.fixture(scope="module")
def checks():
    # in-process (no CLI start-up), full dev sets: about 30 s on 2 cores
    res = ev.evaluate(DATA, use_cli=False)
    return ev.report(res, log=lambda *_: None)


@pytest.mark.parametrize("name", sorted(ev.FLOORS))
def test_floor(checks, name):
    assert checks[name] >= ev.FLOORS[name], f"{name} {checks[name]:.3f} below floor {ev.FLOORS[name]}"
