"""Where things live on disk. Every path can be overridden by a flag or environment variable."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "p2pnews.duckdb"
DEMO_WARC = REPO_ROOT / "demo" / "demo.warc.gz"


def db_path(cli_value: str | None = None) -> Path:
    """--db, else $P2PNEWS_DB, else data/p2pnews.duckdb (relative to the working directory)."""
    return Path(cli_value or os.environ.get("P2PNEWS_DB") or DEFAULT_DB)


def data_dir(db: Path) -> Path:
    """Archives and job state live beside the database they feed."""
    return db.resolve().parent


def models_dir(db: Path) -> Path:
    """Learned models belong to the database whose gazetteer shaped what they learned from."""
    return data_dir(db) / "models"


def names_model(db: Path) -> Path:
    """The name recogniser `platforms learn` trains for a database (its pick sits beside it)."""
    return models_dir(db) / "names.crfsuite"


def warc_dir(db: Path) -> Path:
    return data_dir(db) / "warc"


def shared_data_dir() -> Path:
    """Outside evaluation data: $P2PNEWS_SHARED_DATA, else ../shared/data next to the repo."""
    env = os.environ.get("P2PNEWS_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def stored_name(path: str | Path, data_dir: Path) -> str:
    """How a WARC path is recorded: relative to the data directory when inside it, else absolute."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(data_dir))
    except ValueError:
        return str(p)


def resolve_stored(name: str, data_dir: Path) -> Path:
    p = Path(name)
    return p if p.is_absolute() else data_dir / p
