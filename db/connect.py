"""Opening the database: migrations on open, and a clear answer when another process holds it.

DuckDB allows one read-write process or many read-only ones, never both (duckdb#1119).
Writers therefore keep their connections short (`session`), and retry for a while when
someone else holds the file, instead of failing the nightly job on an analyst's notebook.
"""
from __future__ import annotations

import contextlib
import logging
import os
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)

# How long a writer waits for another process to let go of the file ($P2PNEWS_LOCK_WAIT).
LOCK_WAIT_SECONDS = float(os.environ.get("P2PNEWS_LOCK_WAIT", "30"))


class DatabaseUnavailable(RuntimeError):
    """The database file is there but cannot be used now; the message says what to do."""


class DatabaseLocked(DatabaseUnavailable):
    """Another process holds the database file."""


class DatabaseOutdated(DatabaseUnavailable):
    """A database an older version made, which a reader cannot open to migrate (writers
    migrate as they open, so only readers meet this)."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text or "held" in text)


@lru_cache(maxsize=1)
def _migrations() -> tuple[tuple[int, str, str], ...]:
    # read once per process: writers open a session per batch, and readers check them too
    found = []
    for entry in resources.files("db.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet recorded in schema_version; return the names applied."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ DEFAULT now())")
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    for version, name, sql in _migrations():
        if version in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    # db/event_types.tsv is edited without a migration (a status label, a rank): a database
    # made before the edit takes it up the next time a writer opens it
    if applied or _event_types_changed(con):
        _seed_reference_data(con)
    return applied


_EVENT_TYPE_COLUMNS = "code, family, name_zh, description, status, status_rank"


@lru_cache(maxsize=1)
def _event_type_rows() -> tuple[tuple, ...]:
    from db.reference import load_event_types

    return tuple((t["code"], t["family"], t["name_zh"], t["description"], t["status"] or None,
                  int(t["status_rank"]) if t["status_rank"] else None) for t in load_event_types())


def _event_types_changed(con: duckdb.DuckDBPyConnection) -> bool:
    return set(con.execute(f"SELECT {_EVENT_TYPE_COLUMNS} FROM event_types").fetchall()) != set(_event_type_rows())


def _seed_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    from db.reference import load_seed_platforms

    con.execute("DELETE FROM event_types")
    con.executemany(f"INSERT INTO event_types ({_EVENT_TYPE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", list(_event_type_rows()))
    load_seed_platforms(con)


def _behind(con: duckdb.DuckDBPyConnection) -> bool:
    """True if migrations of this version are missing from a p2pnews database. A file
    without schema_version is no p2pnews database: a reader leaves it as it is."""
    try:
        done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    except duckdb.CatalogException:
        return False
    return any(version not in done for version, _, _ in _migrations())


def connect(path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open (and for writers, migrate) the database, waiting up to `wait` seconds for a lock.
    A reader of a database that an older version made migrates it first, as a writer would:
    its queries name the new columns."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no database at {path}: run `p2pnews demo` or `p2pnews crawl` first, or pass --db")
    if read_only:
        con = _open(path, True, wait)
        if not _behind(con):
            return con
        con.close()
        log.info("database %s was made by an older p2pnews: applying its migrations", path)
        try:
            _open(path, False, wait).close()
        except duckdb.Error as exc:
            raise DatabaseOutdated(
                f"database {path} was made by an older p2pnews and needs its migrations, which takes "
                f"write access ({exc}): run a command that writes to it once (`p2pnews ingest`, `p2pnews "
                "platforms import`) where the file is writable, or point --db elsewhere.") from exc
        return _open(path, True, wait)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _open(path, False, wait)


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(
                    f"database {path} is locked by another process ({exc}). Close the other "
                    "connection (a notebook or `p2pnews sql` session), or point --db elsewhere, then retry."
                ) from exc
            log.info("database %s is locked, retrying in %.1fs", path, delay)
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    con.execute("SET TimeZone='Asia/Shanghai'")
    con.execute("SET enable_progress_bar = false")  # our commands report progress themselves
    if not read_only:
        migrate(con)
    return con


@contextlib.contextmanager
def session(path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS):
    """A short-lived connection: open, yield, close, so other processes get their turn."""
    con = connect(path, read_only=read_only, wait=wait)
    try:
        yield con
    finally:
        con.close()
