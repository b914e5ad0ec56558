"""Per-crawl bookkeeping shared by the archive middleware and the item pipeline:
the crawl_runs row, the run's WARC file, and buffered batches for the database.

Writes open a short connection per batch (db.session) so an analyst's read-only session
only delays the crawl. If the database stays locked, batches wait in memory and the WARC
still holds every page, so `p2pnews ingest` can rebuild anything not written.
"""
from __future__ import annotations

import logging
import secrets
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals

import db
from db import derive, writer
from p2pnews import paths
from pipeline.warc import WarcFile

log = logging.getLogger(__name__)


class CrawlStore:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = paths.db_path(settings.get("P2PNEWS_DB"))
        self.data_dir = paths.data_dir(self.db_path)
        self.replay = [str(p) for p in settings.getlist("P2PNEWS_REPLAY")]
        self.flush_items = settings.getint("P2PNEWS_FLUSH_ITEMS", 200)
        self.run_id = None
        self.warc: WarcFile | None = None
        self.pages: list[dict] = []
        self.articles: list[dict] = []
        self.events: list[dict] = []
        self.dropped: list[str] = []   # article pages judged irrelevant or empty this time
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def for_crawler(cls, crawler) -> "CrawlStore":
        store = getattr(crawler, "_p2pnews_store", None)
        if store is None:
            store = crawler._p2pnews_store = cls(crawler)
        return store

    def stored_name(self, path: str | Path) -> str:
        """WARC paths are kept relative to the data directory when they live inside it."""
        return paths.stored_name(path, self.data_dir)

    def spider_opened(self, spider):
        now = datetime.now(timezone.utc)
        key = self.crawler.settings.get("P2PNEWS_RUN_KEY")
        # A replay of the same archive is the same run (so re-running the demo changes no counts).
        self.run_id = f"replay-{spider.name}-{key}" if key else f"{now:%Y%m%dT%H%M%S}-{spider.name}-{secrets.token_hex(2)}"
        warc_name = None
        if not self.replay:
            warc_path = paths.warc_dir(self.db_path) / f"{self.run_id}.warc.gz"
            self.warc = WarcFile(warc_path)
            warc_name = self.stored_name(warc_path)
        args = {k: v for k, v in vars(spider).items() if isinstance(v, (str, int, float, list)) and not k.startswith("_")}
        with db.session(self.db_path) as con:
            writer.start_run(con, {"run_id": self.run_id, "spider": spider.name,
                                   "mode": "replay" if self.replay else "live", "args": args,
                                   "warc_file": warc_name, "started_at": now})
        log.info("crawl run %s: database %s, archive %s", self.run_id, self.db_path,
                 warc_name or f"replaying {', '.join(self.replay)}")

    def add_page(self, row: dict) -> None:
        self.pages.append({**row, "run_id": self.run_id})
        if len(self.pages) >= self.flush_items:
            self.flush(wait=0.5)

    def add_dropped(self, url: str) -> None:
        self.dropped.append(url)

    def add_article(self, article: dict, events: list[dict]) -> None:
        self.articles.append(article)
        self.events.extend(events)
        if len(self.articles) >= self.flush_items:
            self.flush(wait=0.5)

    def flush(self, wait: float = 30.0) -> bool:
        if not (self.pages or self.articles):
            return True
        try:
            with db.session(self.db_path, wait=wait) as con:
                writer.write_pages(con, self.pages)
                writer.write_articles(con, self.articles, self.events, self.dropped)
        except db.DatabaseLocked as exc:
            log.warning("%s; keeping %d pages and %d articles in memory until the next write",
                        exc, len(self.pages), len(self.articles))
            return False
        self.pages, self.articles, self.events, self.dropped = [], [], [], []
        return True

    def spider_closed(self, spider, reason):
        if self.warc:
            self.warc.close()
        stats = self.crawler.stats.get_stats()
        ok = self.flush(wait=120.0)
        finished = datetime.now(timezone.utc)
        try:
            with db.session(self.db_path, wait=120.0) as con:
                writer.finish_run(con, self.run_id, reason if ok else "unsaved", stats, finished)
                derive.refresh(con)
        except db.DatabaseLocked as exc:
            log.error("%s. The pages are safe in the archive: run `p2pnews ingest %s` when the database is free.",
                      exc, self.warc.path if self.warc else " ".join(self.replay))
