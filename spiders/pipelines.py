"""Item pipeline: each article page the spiders yield is extracted, tagged and stored in
batches through the same function `p2pnews ingest` uses (pipeline.process)."""
from __future__ import annotations

import logging

from pipeline.process import process_record
from spiders.store import CrawlStore

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, store: CrawlStore, stats):
        self.store = store
        self.stats = stats
        self.gazetteer = None
        self.risk_model = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(CrawlStore.for_crawler(crawler), crawler.stats)

    def open_spider(self, spider=None):
        from pipeline.gazetteer_db import load_gazetteer, load_risk_model

        self.gazetteer = load_gazetteer(self.store.db_path)
        self.risk_model = load_risk_model(self.store.db_path)

    def process_item(self, item, spider=None):
        self.stats.inc_value("p2pnews/article_pages")
        try:
            outcome = process_record(item, gazetteer=self.gazetteer, risk_model=self.risk_model)
        except Exception as exc:  # one bad page never stops the crawl; the WARC keeps it
            log.exception("failed to process %s", item.get("url"))
            self.stats.inc_value("p2pnews/dropped/error")
            outcome = None
            reason = f"{type(exc).__name__}"
        if outcome is not None and outcome.kind == "article":
            self.store.add_article(outcome.article, outcome.events)
            self.stats.inc_value("p2pnews/articles")
            self.stats.inc_value("p2pnews/events", len(outcome.events))
        elif outcome is not None:
            reason = outcome.reason
            self.store.add_dropped(item.get("final_url") or item.get("url"))
            self.stats.inc_value(f"p2pnews/dropped/{reason.split(':')[0]}")
            log.debug("dropped %s: %s", item.get("url"), reason)
        # Items are not exported: the body bytes stay in the WARC, the rows in DuckDB.
        return {"url": item.get("url"), "stored": outcome is not None and outcome.kind == "article",
                "reason": None if outcome and outcome.kind == "article" else reason}
