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

# Resilience: bounded retries, bounded downloads.
RETRY_ENABLED = True
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

DOWNLOADER_MIDDLEWARES = {
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

TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
