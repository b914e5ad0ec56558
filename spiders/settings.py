"""Scrapy settings for p2pnews. `scrapy crawl NAME` and `p2pnews crawl` both use these."""
import os

BOT_NAME = "p2pnews"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

# Who we are: operators set P2PNEWS_CONTACT (an e-mail or URL) so site owners can reach them.
P2PNEWS_CONTACT = os.environ.get("P2PNEWS_CONTACT", "set P2PNEWS_CONTACT")
USER_AGENT = f"p2pnews/0.1 (+news research crawler; contact: {P2PNEWS_CONTACT})"
ROBOTSTXT_OBEY = True

# Politeness: few parallel requests per site, adaptive delay.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Resilience: bounded retries, bounded downloads. Retries are BackoffMiddleware's (it waits
# before retrying, per host, honouring Retry-After); Scrapy's RetryMiddleware re-sends at once.
RETRY_ENABLED = True
RETRY_TIMES = 3
P2PNEWS_BACKOFF_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
P2PNEWS_BACKOFF_BASE = 5.0          # seconds; doubles with each consecutive failure of a host
P2PNEWS_BACKOFF_MAX = 300.0         # cap on one pause
P2PNEWS_RETRY_AFTER_MAX = 3600.0    # a Retry-After longer than this is clipped to it
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.politeness.BackoffMiddleware": 560,
    # process_response runs before RedirectMiddleware's (600): sees the 3xx first.
    "spiders.middlewares.politeness.OffsiteRedirectMiddleware": 610,
    # Close to the downloader: sees every raw response (before redirects/retries/decompression).
    "spiders.middlewares.archive.ArchiveMiddleware": 950,
    # Last before the network: in replay mode answers from the WARC instead.
    "spiders.middlewares.replay.ReplayMiddleware": 960,
}
ITEM_PIPELINES = {
    "spiders.pipelines.StorePipeline": 300,
}

# p2pnews settings (overridden by the CLI):
P2PNEWS_DB = None            # database path; None: $P2PNEWS_DB or data/p2pnews.duckdb
P2PNEWS_REPLAY = []          # WARC files to serve every request from (no network)
P2PNEWS_FLUSH_ITEMS = 200    # articles per database write
P2PNEWS_MAX_PAGES = 0        # article pages per crawl, 0 = no limit
P2PNEWS_SOURCES = None       # sources file; None: $P2PNEWS_SOURCES or spiders/sources.toml
P2PNEWS_SINCE = None         # YYYY-MM-DD: backfill, page lists until articles are older
P2PNEWS_RESUME = False       # continue the source's unfinished frontier
P2PNEWS_SEEN_LRU = 100_000   # seen-URL hashes cached in memory per crawl

TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
