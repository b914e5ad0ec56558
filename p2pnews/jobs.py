"""The stages as callable jobs: crawl (Scrapy), ingest (WARC -> database). The CLI is a skin over these."""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import db
from db import derive, writer
from p2pnews import paths
from pipeline.process import process_record
from pipeline.warc import WarcReadError, iter_responses

log = logging.getLogger(__name__)


def scrapy_settings(overrides: dict):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(spider: str | list, db_path: Path, replay: list[str] | None = None, spider_args: dict | None = None,
              max_pages: int = 0, settings: dict | None = None, since: str | None = None,
              resume: bool = False) -> dict:
    """Run spiders to completion in this process (one reactor, one crawler each).

    `spider` is one name (returns that crawl's Scrapy stats, as before) or a list of names or
    (name, args) pairs (returns {name: stats}). `since` (YYYY-MM-DD) backfills; `resume`
    continues each source's unfinished frontier after re-indexing what a killed run archived.
    """
    from scrapy.crawler import CrawlerProcess

    runs = [spider] if isinstance(spider, str) else list(spider)
    runs = [(r, spider_args or {}) if isinstance(r, str) else (r[0], r[1]) for r in runs]
    with db.session(db_path):  # migrate now, and fail before any fetch if the file is unusable
        pass
    overrides = {"P2PNEWS_DB": str(db_path), "P2PNEWS_MAX_PAGES": max_pages, **(settings or {})}
    if since:
        overrides["P2PNEWS_SINCE"] = since
    if resume:
        overrides["P2PNEWS_RESUME"] = True
        for name, _ in runs:
            recover_interrupted(db_path, name)
    if replay:
        for w in replay:
            if not Path(w).is_file():
                raise FileNotFoundError(f"replay archive {w} does not exist")
        # Nothing to be polite to: the archive answers instantly.
        overrides.update({"P2PNEWS_REPLAY": [str(Path(w).resolve()) for w in replay],
                          "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
                          "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                          "P2PNEWS_RUN_KEY": replay_run_key(replay, runs[0][0], runs[0][1])})
    # Scrapy installs its own root log handler (LOG_LEVEL, LOG_FILE); drop the CLI's so lines print once.
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    process = CrawlerProcess(scrapy_settings(overrides))
    crawlers = []
    for name, args in runs:
        crawler = process.create_crawler(name)
        process.crawl(crawler, **args)
        crawlers.append((name, crawler))
    process.start()
    if isinstance(spider, str):
        return crawlers[0][1].stats.get_stats()
    return {name: crawler.stats.get_stats() for name, crawler in crawlers}


def recover_interrupted(db_path: Path, spider: str) -> list[str]:
    """Runs of `spider` still marked running were killed: index what their WARCs hold (pages and
    articles the dead process had not written yet), then mark them interrupted."""
    from spiders.seen import assert_source_idle

    assert_source_idle(db_path, spider)  # a run that is alive is not interrupted
    with db.session(db_path) as con:
        rows = con.execute("SELECT run_id, warc_file FROM crawl_runs WHERE spider = ? AND status = 'running' "
                           "AND mode = 'live'", [spider]).fetchall()
    done = []
    for run_id, warc in rows:
        path = paths.resolve_stored(warc, paths.data_dir(db_path)) if warc else None
        if path and path.is_file():
            log.info("recovering interrupted run %s from %s", run_id, path)
            ingest([str(path)], db_path)
        with db.session(db_path) as con:
            con.execute("UPDATE crawl_runs SET status = 'interrupted', finished_at = now() WHERE run_id = ?", [run_id])
        done.append(run_id)
    return done


def replay_run_key(replay: list[str], spider: str, args: dict | None) -> str:
    """A replay is a pure function of archive, spider and arguments: the same inputs are the same run."""
    h = hashlib.sha1()
    for w in replay:
        h.update(Path(w).resolve().read_bytes()[:1 << 20])
        h.update(str(Path(w).stat().st_size).encode())
    h.update(spider.encode())
    h.update(repr(sorted((args or {}).items())).encode())
    return h.hexdigest()[:10]


@dataclass
class IngestStats:
    records: int = 0
    articles: int = 0
    events: int = 0
    skipped: dict = field(default_factory=dict)
    failed: int = 0
    bad_files: list = field(default_factory=list)

    def skip(self, reason: str) -> None:
        key = reason.split(":")[0]
        self.skipped[key] = self.skipped.get(key, 0) + 1


def ingest(warcs: list[str], db_path: Path, batch: int = 200, progress=None) -> IngestStats:
    """Extract, tag and store every HTML response of the given WARC files (idempotent)."""
    from pipeline.gazetteer_db import load_gazetteer, load_risk_model

    stats = IngestStats()
    gazetteer = load_gazetteer(db_path)
    risk_model = load_risk_model(db_path)
    data_dir = paths.data_dir(db_path)
    run_id = f"ingest-{hashlib.sha1('|'.join(sorted(str(Path(w).resolve()) for w in warcs)).encode()).hexdigest()[:10]}"
    started = datetime.now(timezone.utc)
    with db.session(db_path) as con:
        writer.start_run(con, {"run_id": run_id, "spider": "ingest", "mode": "ingest",
                               "args": {"warcs": [str(w) for w in warcs]}, "started_at": started})
    pages, articles, events, dropped = [], [], [], []

    def flush():
        with db.session(db_path) as con:
            writer.write_pages(con, pages)
            writer.write_articles(con, articles, events, dropped)
        pages.clear(); articles.clear(); events.clear(); dropped.clear()

    for w in warcs:
        stored = paths.stored_name(w, data_dir)
        try:
            for rec in iter_responses(w, stored_name=stored):
                stats.records += 1
                pages.append({**rec, "run_id": run_id})
                try:
                    outcome = process_record(rec, gazetteer=gazetteer, risk_model=risk_model)
                except Exception as exc:  # counted, logged, and the batch goes on
                    log.error("%s: %s: %s", rec["url"], type(exc).__name__, exc)
                    stats.failed += 1
                    continue
                if outcome.kind == "article":
                    articles.append(outcome.article); events.extend(outcome.events)
                    stats.articles += 1; stats.events += len(outcome.events)
                elif outcome.kind == "failed":
                    stats.failed += 1
                    log.warning("%s: %s", rec["url"], outcome.reason)
                else:
                    stats.skip(outcome.reason)
                    dropped.append(rec["final_url"] or rec["url"])
                if progress:
                    progress(rec["url"])
                if len(articles) >= batch or len(pages) >= 5 * batch:
                    flush()
        except WarcReadError as exc:
            log.error("%s", exc)
            stats.bad_files.append(str(w))
    flush()
    with db.session(db_path) as con:
        derive.refresh(con)
        writer.finish_run(con, run_id, "finished" if not stats.bad_files else "partial",
                          {"records": stats.records, "articles": stats.articles, "events": stats.events,
                           "skipped": stats.skipped, "failed": stats.failed, "bad_files": stats.bad_files},
                          datetime.now(timezone.utc))
    return stats

