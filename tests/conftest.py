"""Shared fixtures: a throwaway database path, the outside-data folder, the CLI as a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from p2pnews.paths import REPO_ROOT, shared_data_dir


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "p2pnews.duckdb"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if not d.is_dir():
        pytest.skip(f"outside data not found at {d}: set P2PNEWS_SHARED_DATA to run this evaluation")
    return d


def run_cli(*args, db=None, input=None, timeout=300, env=None) -> subprocess.CompletedProcess:
    """Run `p2pnews …` exactly as a user would, in a fresh process."""
    cmd = [sys.executable, "-m", "p2pnews.cli"]
    if db is not None:
        cmd += ["--db", str(db)]
    cmd += [str(a) for a in args]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("P2PNEWS_DB", None)
    return subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout,
                          cwd=REPO_ROOT, env=full_env)
