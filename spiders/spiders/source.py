"""One spider per sources-file entry: `scrapy crawl netease`, `p2pnews crawl netease sina`.

SourceSpider runs any entry of spiders/sources.toml: its start entries (HTML lists, feeds,
sitemaps, keyword searches, JSON list APIs) yield article URLs; those matching the source's
article patterns and not in the seen set are fetched and handed to the store pipeline.

Paging a list stops at the entry's page cap, or
  nightly (default): at the first page holding no article the seen set does not know;
  backfill (--since DATE): once every dated article on a page is older than DATE.
Every request is journaled in the frontier (spiders/seen.py) as it is scheduled and
finished as it is answered, so `--resume` restarts a killed crawl from what was left,
fetching nothing twice. Requests are rebuilt from data (kind, start entry, page), never
pickled, so callbacks need not be picklable.
"""
from __future__ import annotations

import importlib
import logging
from datetime import date
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from p2pnews import paths
from spiders import sources as sources_mod
from spiders.seen import NOT_FETCHED, SeenStore
from spiders.spiders import listing
from spiders.spiders.generic import page_record

log = logging.getLogger(__name__)


class SourceSpider(scrapy.Spider):
    name = None              # set per source by make_spider_class
    source_key: str = ""

    def __init__(self, since=None, resume=False, max_pages=0, sources_file=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = sources_mod.load(sources_file)
        self.source = self.catalog.get(self.source_key)
        self.since: date | None = date.fromisoformat(since) if since else None
        self.resume = str(resume).lower() in ("1", "true", "yes")
        self.max_pages = int(max_pages or 0)
        self._articles_requested = 0
        self._lists_done: set[str] = set()   # list pages of this run (bounded by page caps)
        self.start_hosts = {urlsplit(s.page_url(s.first_page, keyword="x")).hostname for s in self.source.start}
        self.seen: SeenStore | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        s = crawler.settings
        kwargs.setdefault("since", s.get("P2PNEWS_SINCE"))
        kwargs.setdefault("resume", s.getbool("P2PNEWS_RESUME"))
        kwargs.setdefault("max_pages", s.getint("P2PNEWS_MAX_PAGES", 0))
        kwargs.setdefault("sources_file", s.get("P2PNEWS_SOURCES"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        db_path = paths.db_path(s.get("P2PNEWS_DB"))
        spider.seen = SeenStore(db_path, spider.source_key, paths.data_dir(db_path) / "state",
                                lru_size=s.getint("P2PNEWS_SEEN_LRU", 100_000))
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _closed(self, spider, reason):
        self.seen.close()

    # -- policy hooks (adapters override these) ----------------------------------------------
    def article_url(self, url: str) -> str:
        """The spelling an article URL is fetched and remembered under."""
        return listing.clean_url(url, drop_query=self.source.drop_query)

    def host_allowed(self, host: str | None) -> bool:
        return self.source.allows_host(host) or host in self.start_hosts

    def redirect_allowed(self, host: str | None) -> bool:
        host = (host or "").lower()
        return self.host_allowed(host) or any(host == d or host.endswith("." + d) for d in self.source.redirect_domains)

    # -- requests ----------------------------------------------------------------------------
    def _run_id(self):
        store = getattr(self.crawler, "_p2pnews_store", None)
        return store.run_id if store else None

    def request(self, url: str, kind: str, spec: int | None = None, page: int | None = None,
                keyword: str | None = None) -> scrapy.Request:
        """Every request is built here, from data alone, and journaled in the frontier."""
        self.seen.run_id = self._run_id()
        self.seen.queue(url, kind, spec, page, keyword)
        callback = {"article": self.parse_article, "list": self.parse_list, "search": self.parse_list,
                    "feed": self.parse_feed, "sitemap": self.parse_sitemap, "api": self.parse_api}[kind]
        kw = {}
        if kind == "api" and spec is not None:
            st = self.source.start[spec]
            kw = {"method": st.method, "headers": st.headers or None, "body": st.page_body(page or st.first_page, keyword or "")}
        # dont_filter: the seen set and _lists_done dedupe; Scrapy's dupefilter would grow without bound.
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True,
                              meta={"p2p": (kind, spec, page, keyword), "p2p_url": url}, **kw)

    async def start(self):
        if self.resume:
            pending = self.seen.frontier()
            if pending:
                log.info("%s: resuming %d unfinished requests", self.name, len(pending))
                self.crawler.stats.set_value("p2pnews/resumed_requests", len(pending))
                for row in pending:
                    if row["kind"] != "article":
                        self._lists_done.add(row["url"])
                    yield self.request(row["url"], row["kind"], row["spec"], row["page"], row["keyword"])
                return
            log.info("%s: nothing to resume, starting afresh", self.name)
        self.seen.clear_frontier()
        for i, st in enumerate(self.source.start):
            keywords = (st.keywords or self.catalog.keywords) if st.type == "search" else [None]
            for kw in keywords:
                url = st.page_url(st.first_page, keyword=kw or "")
                if url not in self._lists_done:
                    self._lists_done.add(url)
                    yield self.request(url, st.type, i, st.first_page, kw)

    # -- callbacks ---------------------------------------------------------------------------
    def parse_article(self, response):
        self.seen.done(response.meta["p2p_url"], "article", response.status)
        record = page_record(response)
        record["source"] = self.source_key
        if self.source.encoding:  # the site's known charset quirk, for the extractor
            ctype = record["headers"].get("content-type", "text/html").split(";")[0]
            record["headers"]["content-type"] = f"{ctype}; charset={self.source.encoding}"
        yield record

    def parse_list(self, response):
        kind, spec, page, keyword = response.meta["p2p"]
        st = self.source.start[spec]
        if self.source.encoding and hasattr(response, "text"):
            response = response.replace(encoding=self.source.encoding)
        entries = []
        if hasattr(response, "css"):
            urls = listing.html_links(response, st.link_selector, st.links_in_scripts)
            entries = [(u, None) for u in urls]
        nxt = None
        if st.next and st.next != "auto":
            nxt = st.page_url(page + 1, keyword=keyword or "")
        elif hasattr(response, "css"):
            nxt = listing.next_link(response)
        yield from self._follow(response, entries, nxt)

    def parse_feed(self, response):
        yield from self._follow(response, listing.feed_entries(response.body, response.url), None)

    def parse_sitemap(self, response):
        kind, spec, page, keyword = response.meta["p2p"]
        what, entries = listing.sitemap_entries(response.body, response.url)
        if what == "index":  # child sitemaps: all of them, but not those entirely older than --since
            for url, when in entries:
                if self.since and when and when < self.since:
                    continue
                if url not in self._lists_done:
                    self._lists_done.add(url)
                    yield self.request(url, "sitemap", spec, (page or 1) + 1)
            self.seen.done(response.meta["p2p_url"], kind, response.status)
            return
        yield from self._follow(response, entries, None)

    def parse_api(self, response):
        kind, spec, page, keyword = response.meta["p2p"]
        st = self.source.start[spec]
        text = response.text if hasattr(response, "text") else response.body.decode("utf-8", "replace")
        entries = listing.api_entries(text, response.url, st)
        paged = bool(st.next) or "{page" in st.url or "{offset" in st.url
        nxt = st.page_url(page + 1, keyword=keyword or "") if paged else None
        yield from self._follow(response, entries, nxt)

    def on_error(self, failure):
        request = failure.request
        kind = request.meta.get("p2p", ("article",))[0]
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"http_{status}"
        elif failure.check(IgnoreRequest):
            status = NOT_FETCHED
            reason = "robots" if "robots" in str(failure.value) else "policy"
        else:
            reason = type(failure.value).__name__
        self.crawler.stats.inc_value(f"p2pnews/failed/{kind}/{reason}")
        self.seen.done(request.meta.get("p2p_url", request.url), kind, status)

    # -- the paging rule ---------------------------------------------------------------------
    def _follow(self, response, entries, next_url):
        kind, spec, page, keyword = response.meta["p2p"]
        stats = self.crawler.stats
        st = self.source.start[spec]
        articles, dates = [], {}
        for url, when in entries:
            if urlsplit(url).scheme not in ("http", "https"):
                continue
            url = self.article_url(url)
            if url in dates or not self.source.is_article(url) or not self.host_allowed(urlsplit(url).hostname):
                continue
            articles.append(url)
            dates[url] = when or listing.url_date(url, self.source.date_pattern)
        stats.inc_value("p2pnews/list/pages")
        stats.inc_value("p2pnews/list/article_links", len(articles))
        fresh = [u for u in articles if not (self.since and dates[u] and dates[u] < self.since)]
        if len(fresh) < len(articles):
            stats.inc_value("p2pnews/skipped/older_than_since", len(articles) - len(fresh))
        new = self.seen.filter_new(fresh)
        stats.inc_value("p2pnews/skipped/seen", len(fresh) - len(new))
        for url in new:
            if self.max_pages and self._articles_requested >= self.max_pages:
                stats.inc_value("p2pnews/skipped/max_pages")
                continue
            self._articles_requested += 1
            yield self.request(url, "article")
        stop = self._stop_reason(st, page, articles, new, dates, next_url)
        if stop:
            stats.inc_value(f"p2pnews/list/stop/{stop}")
        elif next_url not in self._lists_done:
            self._lists_done.add(next_url)
            yield self.request(next_url, kind, spec, page + 1, keyword)
        self.seen.done(response.meta["p2p_url"], kind, response.status)

    def _stop_reason(self, st, page, articles, new, dates, next_url) -> str | None:
        if not next_url:
            return "last_page"
        if self.max_pages and self._articles_requested >= self.max_pages:
            return "max_pages"
        cap = self.catalog.backfill_max_pages if self.since else (
            st.max_pages or self.source.max_list_pages or self.catalog.max_list_pages)
        if (page - st.first_page + 1) >= cap:
            return "page_cap"
        if not articles:
            return "no_articles"
        if self.since:
            dated = [dates[u] for u in articles if dates[u]]
            return "older_than_since" if dated and all(d < self.since for d in dated) else None
        return None if new else "only_seen"


def make_spider_class(source: sources_mod.Source, module_name: str = __name__) -> type:
    """A Scrapy spider class for one entry; the adapter's class, if it names one, is the base."""
    base = SourceSpider
    if source.adapter:
        module, _, cls = source.adapter.partition(":")
        base = getattr(importlib.import_module(module), cls)
        if not issubclass(base, SourceSpider):
            raise sources_mod.SourcesError(f"{source.key}: adapter {source.adapter} is not a SourceSpider")
    slots = {}
    if source.concurrency or source.delay is not None:
        for host in source.domains:
            slots[host] = {k: v for k, v in (("concurrency", source.concurrency), ("delay", source.delay)) if v is not None}
    attrs = {"name": source.key, "source_key": source.key, "__module__": module_name,
             "__doc__": f"{source.name} ({source.site}), from the sources file."}
    if slots:
        attrs["custom_settings"] = {"DOWNLOAD_SLOTS": slots}
    return type(f"{source.key.title().replace('_', '')}Spider", (base,), attrs)
