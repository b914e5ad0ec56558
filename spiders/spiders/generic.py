"""The generic news spider: list pages in, article pages out.

It starts from list pages, follows links that match the article URL pattern to article
pages, and follows pagination (rel=next, 下一页) and links that match the list pattern.
Article pages become items for the store pipeline; everything fetched is archived.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy

NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下页|后一页|next|Next|›|>>|»)\s*$")


def _as_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v]
    return list(value)


def page_record(response) -> dict:
    """What the store pipeline needs to turn a response into an article (see pipeline.process)."""
    warc_file, offset = response.meta.get("warc_location", (None, None))
    return {
        "url": response.request.url if response.request else response.url,
        "final_url": response.url, "status": response.status,
        "headers": {k.decode("latin-1").lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v},
        "body": response.body, "fetched_at": response.meta.get("fetched_at"),
        "warc_file": warc_file, "warc_offset": offset,
        "content_hash": response.meta.get("content_hash"),  # as indexed in `pages`
    }


class GenericSpider(scrapy.Spider):
    name = "generic"

    def __init__(self, start_urls=None, article_pattern=None, list_pattern=None, max_pages=0, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = _as_list(start_urls) or list(getattr(self, "start_urls", []))
        if not self.start_urls:
            raise ValueError("the generic spider needs start_urls (comma-separated), e.g. "
                             "-a start_urls=https://example.com/list.html -a article_pattern='/a/\\d+'")
        self.article_re = re.compile(article_pattern or getattr(self, "article_pattern", r"/\d{4}[-/]?\d{2}[-/]?\d{2}/|/a/|/article/"))
        lp = list_pattern or getattr(self, "list_pattern", None)
        self.list_re = re.compile(lp) if lp else None
        self.max_pages = int(max_pages or 0)
        self.allowed_domains = sorted({urlsplit(u).hostname for u in self.start_urls if urlsplit(u).hostname})
        self._articles_requested = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        kwargs.setdefault("max_pages", crawler.settings.getint("P2PNEWS_MAX_PAGES", 0))
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self):
        for url in self.start_urls:
            if self.article_re.search(url):
                yield scrapy.Request(url, callback=self.parse_article)
            else:
                yield scrapy.Request(url, callback=self.parse)

    def parse(self, response):
        if not hasattr(response, "css"):
            return
        for link in response.css("a[href]"):
            href = link.attrib.get("href", "").strip()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = response.urljoin(href)
            if self.article_re.search(url):
                if self.max_pages and self._articles_requested >= self.max_pages:
                    continue
                self._articles_requested += 1
                yield response.follow(url, callback=self.parse_article)
            elif self._is_list_link(link, url):
                yield response.follow(url, callback=self.parse)

    def _is_list_link(self, link, url: str) -> bool:
        if self.max_pages and self._articles_requested >= self.max_pages:
            return False
        if link.attrib.get("rel") == "next" or NEXT_PAGE_TEXT.match(" ".join(link.css("::text").getall())):
            return True
        return bool(self.list_re and self.list_re.search(url))

    def parse_article(self, response):
        yield page_record(response)
