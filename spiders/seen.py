"""The seen-URL set and the frontier, kept in DuckDB (`seen_urls`, `crawl_frontier`, migration 002).

Scrapy's dupefilter is an in-memory set that grows without bound on recurring crawls
(scrapy#5307); a nightly crawler that remembers years of URLs keeps them on disk instead.
Memory here is bounded: lookups go to the database one batch (one list page) at a time,
a bounded LRU answers repeats, and the only per-run set holds requests still queued,
which Scrapy's scheduler holds anyway.

Durability: every state change is first appended to a small journal file, so a crawl
killed with SIGKILL loses nothing it had fetched; the journal is copied into the database
in batches (short sessions, so analysts' read-only connections only delay us) and replayed
on the next start if the process died before that.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path

import orjson
import pyarrow as pa
from w3lib.url import canonicalize_url

import db

log = logging.getLogger(__name__)


def seen_key(url: str) -> str:
    """The spelling a URL is remembered under: fragment dropped, query sorted."""
    return canonicalize_url(url.strip(), keep_fragments=False)


def url_hash(url: str) -> int:
    return int.from_bytes(hashlib.sha1(seen_key(url).encode("utf-8")).digest()[:8], "big")


NOT_FETCHED = -1  # status of a URL we decided not to fetch (robots.txt, offsite redirect)


def counts_as_seen(status: int | None) -> bool:
    """A lasting answer: a fetch below 500 but 429, or a policy refusal (NOT_FETCHED), which
    would otherwise look new every night and keep list paging going. 429/5xx and network
    errors (None) are worth another try."""
    return status is not None and status < 500 and status != 429


class SourceBusy(RuntimeError):
    """Another process is crawling the same source."""


def assert_source_idle(db_path: str | Path, source: str) -> None:
    """Raise SourceBusy if a live process holds the source's journal."""
    from p2pnews import paths

    journal = paths.data_dir(Path(db_path)) / "state" / f"{source}.journal"
    if not journal.exists():
        return
    with open(journal, "rb") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SourceBusy(f"source {source} is being crawled by another process ({journal} is locked)") from None
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class SeenStore:
    def __init__(self, db_path: str | Path, source: str, state_dir: str | Path,
                 lru_size: int = 100_000, batch: int = 200):
        self.db_path = Path(db_path)
        self.source = source
        self.lru_size = lru_size
        self.batch = batch
        self.run_id: str | None = None
        self.queued: set[int] = set()          # scheduled in this run, not yet answered
        self._lru: OrderedDict[int, None] = OrderedDict()
        self._ops: list[dict] = []             # journal entries not yet in the database
        self._flush_at = batch
        state_dir = Path(state_dir)
        state_dir.mkdir(parents=True, exist_ok=True)
        self.journal_path = state_dir / f"{source}.journal"
        self._journal = open(self.journal_path, "a+b")
        try:  # one crawl per source at a time: two would interleave one journal
            fcntl.flock(self._journal.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._journal.close()
            raise SourceBusy(f"source {source} is being crawled by another process ({self.journal_path} is locked)")
        self._recover()

    # -- journal ---------------------------------------------------------------------------
    def _recover(self) -> None:
        """Copy what a killed run journaled but never wrote into the database."""
        self._journal.seek(0)
        ops = []
        for line in self._journal.read().splitlines():
            try:
                ops.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                break  # a line cut by the kill: everything before it is whole
        if ops:
            log.info("seen set %s: replaying %d journal entries of an interrupted run", self.source, len(ops))
            self._ops = ops
            self.flush(wait=120.0)

    def _append(self, op: dict) -> None:
        self._journal.write(orjson.dumps(op) + b"\n")
        self._journal.flush()  # in the OS after this: survives SIGKILL
        self._ops.append(op)
        if len(self._ops) >= self._flush_at:
            # While the database is locked, try again a batch later, not on every entry.
            self._flush_at = len(self._ops) + self.batch if not self.flush(wait=0.5) else self.batch

    # -- the set ---------------------------------------------------------------------------
    def _remember(self, h: int) -> None:
        self._lru[h] = None
        self._lru.move_to_end(h)
        if len(self._lru) > self.lru_size:
            self._lru.popitem(last=False)

    def filter_new(self, urls: list[str]) -> list[str]:
        """The URLs neither fetched before (by any run) nor already queued in this one, in order."""
        keyed = {}
        for u in urls:
            keyed.setdefault(url_hash(u), u)
        unknown = [h for h in keyed if h not in self.queued and h not in self._lru]
        known = self._lookup(unknown) if unknown else set()
        for h in known:
            self._remember(h)
        fresh = set(unknown) - known
        return [u for h, u in keyed.items() if h in fresh]

    def is_new(self, url: str) -> bool:
        return bool(self.filter_new([url]))

    def _lookup(self, hashes: list[int]) -> set[int]:
        pending = {op["h"] for op in self._ops if op["op"] == "d" and counts_as_seen(op.get("st"))}
        found = {h for h in hashes if h in pending}
        try:
            with db.session(self.db_path, wait=60.0) as con:
                con.register("_seen_q", pa.table({"h": pa.array(hashes, pa.uint64())}))
                found |= {r[0] for r in con.execute(
                    "SELECT url_hash FROM seen_urls WHERE url_hash IN (SELECT h FROM _seen_q)").fetchall()}
        except db.DatabaseUnavailable as exc:  # fail open: a refetch is cheaper than a stalled crawl
            log.warning("seen lookup skipped: %s", exc)
        return found

    def queue(self, url: str, kind: str, spec: int | None = None, page: int | None = None,
              keyword: str | None = None) -> None:
        h = url_hash(url)
        self.queued.add(h)
        self._append({"op": "q", "h": h, "u": url, "k": kind, "s": spec, "p": page, "w": keyword,
                      "t": _now(), "r": self.run_id})

    def done(self, url: str, kind: str, status: int | None) -> None:
        """The request was answered (status) or given up (None); lasting answers join the set."""
        h = url_hash(url)
        self.queued.discard(h)
        if counts_as_seen(status):
            self._remember(h)
        self._append({"op": "d", "h": h, "u": url, "k": kind, "st": status, "t": _now(), "r": self.run_id})

    # -- frontier --------------------------------------------------------------------------
    def frontier(self) -> list[dict]:
        """Requests an earlier run of this source scheduled and never finished, oldest first."""
        self.flush(wait=120.0)
        with db.session(self.db_path, wait=120.0) as con:
            rows = con.execute("SELECT url, kind, spec, page, keyword FROM crawl_frontier WHERE source = ? "
                               "ORDER BY added_at", [self.source]).fetchall()
        return [{"url": u, "kind": k, "spec": s, "page": p, "keyword": w} for u, k, s, p, w in rows]

    def clear_frontier(self) -> None:
        self.flush(wait=120.0)
        with db.session(self.db_path, wait=120.0) as con:
            con.execute("DELETE FROM crawl_frontier WHERE source = ?", [self.source])

    # -- writing ---------------------------------------------------------------------------
    def flush(self, wait: float = 30.0) -> bool:
        if not self._ops:
            return True
        last: dict[int, dict] = {}
        for op in self._ops:
            last[op["h"]] = op
        adds = [op for op in last.values() if op["op"] == "q"]
        dones = [op for op in last.values() if op["op"] == "d"]
        seen = [op for op in dones if counts_as_seen(op.get("st"))]
        try:
            with db.session(self.db_path, wait=wait) as con:
                con.execute("BEGIN")
                if adds:
                    con.register("_fr_add", _table(adds, self.source))
                    con.execute("INSERT INTO crawl_frontier SELECT src, h, u, k, s, p, w, t, r FROM _fr_add "
                                "ON CONFLICT DO NOTHING")
                if dones:
                    con.register("_fr_done", _table(dones, self.source))
                    con.execute("DELETE FROM crawl_frontier WHERE source = ? AND url_hash IN "
                                "(SELECT h FROM _fr_done)", [self.source])
                if seen:
                    con.register("_seen_add", _table(seen, self.source))
                    con.execute("""INSERT INTO seen_urls SELECT h, u, src, k, st, t, t, r FROM _seen_add
                                   ON CONFLICT (url_hash) DO UPDATE SET last_seen = excluded.last_seen,
                                   status = excluded.status, run_id = excluded.run_id, kind = excluded.kind""")
                con.execute("COMMIT")
        except db.DatabaseLocked as exc:
            log.warning("%s; %d seen-set entries stay in the journal until the next write", exc, len(self._ops))
            return False
        self._ops = []
        self._journal.truncate(0)  # all of it is in the database now
        return True

    def close(self) -> None:
        self.flush(wait=120.0)
        self._journal.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _table(ops: list[dict], source: str) -> pa.Table:
    return pa.table({
        "src": pa.array([source] * len(ops), pa.string()),
        "h": pa.array([op["h"] for op in ops], pa.uint64()),
        "u": pa.array([op["u"] for op in ops], pa.string()),
        "k": pa.array([op.get("k") for op in ops], pa.string()),
        "s": pa.array([op.get("s") for op in ops], pa.int32()),
        "p": pa.array([op.get("p") for op in ops], pa.int32()),
        "w": pa.array([op.get("w") for op in ops], pa.string()),
        "st": pa.array([op.get("st") for op in ops], pa.int16()),
        "t": pa.array([datetime.fromisoformat(op["t"]) for op in ops], pa.timestamp("us", tz="UTC")),
        "r": pa.array([op.get("r") for op in ops], pa.string()),
    })


def seen_counts(db_path: str | Path) -> dict[str, tuple[int, object]]:
    """source -> (URLs seen, last fetch); for `p2pnews sources`."""
    with db.session(db_path, read_only=True) as con:
        try:
            rows = con.execute("SELECT source, count(*), max(last_seen) FROM seen_urls GROUP BY source").fetchall()
        except Exception:  # a database from before migration 002, opened read-only
            return {}
    return {s: (n, t) for s, n, t in rows}
