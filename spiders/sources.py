"""Loading and validating the sources file (spiders/sources.toml, or $P2PNEWS_SOURCES).

Each source is data: where to start (HTML lists, feeds, sitemaps, keyword searches, JSON
list APIs), what its article URLs look like, how to page, its encoding and extraction
hints. Mistakes (a typo in a key, a regex that does not compile, a page template without
{page}) fail here with the source's name, not halfway through a nightly crawl.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent / "sources.toml"
START_TYPES = ("list", "feed", "sitemap", "search", "api")
STATUSES = ("active", "historical", "unverified")

_SOURCE_KEYS = {"name", "site", "status", "domains", "article_patterns", "exclude_patterns", "date_pattern",
                "encoding", "drop_query", "redirect_domains", "concurrency", "delay", "extract", "adapter",
                "notes", "start", "max_list_pages", "check_article"}
_START_KEYS = {"type", "url", "next", "max_pages", "first_page", "page_step", "items", "url_field",
               "date_field", "url_prefix", "item_url", "method", "body", "headers", "link_selector", "keywords",
               "links_in_scripts", "note"}
_EXTRACT_KEYS = {"title", "body", "time", "source", "author", "editor", "json"}


class SourcesError(ValueError):
    """The sources file is malformed; the message names the file, source and key."""


@dataclass
class Start:
    type: str
    url: str
    next: str | None = None          # "auto" (rel=next / 下一页) or a URL template with {page} / {offset}
    max_pages: int | None = None
    first_page: int = 1               # the number {page} takes on the first page
    page_step: int = 1                # {offset} = (page - first_page) * page_step
    items: str | None = None          # api: dotted path to the item list ("data.list"); "" = top level
    url_field: str | None = None      # api: item key holding the article URL
    date_field: str | None = None     # api: item key holding the publish time
    url_prefix: str | None = None     # api: base for relative item URLs
    item_url: str | None = None       # api: URL template over item fields, e.g. ".../newsDetail_forward_{contId}"
    method: str = "GET"
    body: str | None = None           # api: request body template (POST)
    headers: dict = field(default_factory=dict)
    link_selector: str | None = None  # list: CSS for the article links (default: every a[href])
    keywords: list[str] | None = None  # search: overrides the file's default keywords
    links_in_scripts: bool = False    # list: also find article URLs in inline scripts / JSON
    note: str | None = None

    def page_url(self, page: int, keyword: str = "") -> str:
        """URL of list page `page` (first_page is `url` itself unless `url` is a template)."""
        offset = (page - self.first_page) * self.page_step
        template = self.url if page == self.first_page or not self.next or self.next == "auto" else self.next
        return template.format(page=page, offset=offset, keyword=keyword)

    def page_body(self, page: int, keyword: str = "") -> str | None:
        if self.body is None:
            return None
        return self.body.format(page=page, offset=(page - self.first_page) * self.page_step, keyword=keyword)


@dataclass
class Source:
    key: str
    name: str
    site: str
    domains: list[str]
    article_patterns: list[re.Pattern]
    start: list[Start]
    status: str = "active"
    exclude_patterns: list[re.Pattern] = field(default_factory=list)
    date_pattern: re.Pattern | None = None
    encoding: str | None = None
    drop_query: bool = False
    redirect_domains: list[str] = field(default_factory=list)
    concurrency: int | None = None
    delay: float | None = None
    extract: dict = field(default_factory=dict)
    adapter: str | None = None
    notes: str = ""
    max_list_pages: int | None = None
    check_article: str | None = None   # a known article URL for `sources check` when lists yield none

    def is_article(self, url: str) -> bool:
        return any(p.search(url) for p in self.article_patterns) and not any(p.search(url) for p in self.exclude_patterns)

    def allows_host(self, host: str | None) -> bool:
        host = (host or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


@dataclass
class Catalog:
    sources: dict[str, Source]
    keywords: list[str]
    max_list_pages: int = 20
    backfill_max_pages: int = 2000
    path: Path | None = None

    def get(self, key: str) -> Source:
        try:
            return self.sources[key]
        except KeyError:
            raise KeyError(f"unknown source {key!r}; known: {', '.join(sorted(self.sources))}") from None


def sources_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("P2PNEWS_SOURCES") or DEFAULT_FILE)


def load(path: str | Path | None = None) -> Catalog:
    path = sources_path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"{path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: {exc}") from exc
    defaults = raw.get("defaults", {})
    sources = {}
    for key, entry in (raw.get("sources") or {}).items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise SourcesError(f"{path}: source key {key!r} must be lower-case letters, digits, _ (it is the spider name)")
        sources[key] = _source(key, entry, f"{path}: sources.{key}")
    return Catalog(sources=sources, keywords=list(defaults.get("keywords", [])),
                   max_list_pages=int(defaults.get("max_list_pages", 20)),
                   backfill_max_pages=int(defaults.get("backfill_max_pages", 2000)), path=path)


def _regex(value: str, where: str) -> re.Pattern:
    try:
        return re.compile(value)
    except re.error as exc:
        raise SourcesError(f"{where}: bad regex {value!r}: {exc}") from exc


def _source(key: str, e: dict, where: str) -> Source:
    unknown = set(e) - _SOURCE_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for req in ("name", "domains", "article_patterns"):
        if not e.get(req):
            raise SourcesError(f"{where}: {req} is required")
    status = e.get("status", "active")
    if status not in STATUSES:
        raise SourcesError(f"{where}: status must be one of {', '.join(STATUSES)}")
    if set(e.get("extract", {})) - _EXTRACT_KEYS:
        raise SourcesError(f"{where}.extract: unknown key(s) {', '.join(sorted(set(e['extract']) - _EXTRACT_KEYS))}")
    starts = [_start(s, f"{where}.start[{i}]") for i, s in enumerate(e.get("start", []))]
    if not starts:
        raise SourcesError(f"{where}: at least one [[sources.{key}.start]] entry is required")
    src = Source(
        key=key, name=e["name"], site=e.get("site", e["domains"][0]), domains=[d.lower() for d in e["domains"]],
        article_patterns=[_regex(p, f"{where}.article_patterns") for p in e["article_patterns"]],
        exclude_patterns=[_regex(p, f"{where}.exclude_patterns") for p in e.get("exclude_patterns", [])],
        date_pattern=_regex(e["date_pattern"], f"{where}.date_pattern") if e.get("date_pattern") else None,
        start=starts, status=status, encoding=e.get("encoding"), drop_query=bool(e.get("drop_query", False)),
        redirect_domains=[d.lower() for d in e.get("redirect_domains", [])],
        concurrency=e.get("concurrency"), delay=e.get("delay"), extract=dict(e.get("extract", {})),
        adapter=e.get("adapter"), notes=e.get("notes", ""), max_list_pages=e.get("max_list_pages"),
        check_article=e.get("check_article"),
    )
    if src.date_pattern is not None and not {"y", "m", "d"} <= set(src.date_pattern.groupindex):
        raise SourcesError(f"{where}.date_pattern: needs named groups y, m, d")
    if src.encoding:
        import codecs
        try:
            codecs.lookup(src.encoding)
        except LookupError:
            raise SourcesError(f"{where}.encoding: unknown encoding {src.encoding!r}") from None
    return src


def _start(s: dict, where: str) -> Start:
    unknown = set(s) - _START_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if not s.get("url"):
        raise SourcesError(f"{where}: url is required")
    start = Start(**{"type": "list", **s})
    if start.type not in START_TYPES:
        raise SourcesError(f"{where}: type must be one of {', '.join(START_TYPES)}")
    if start.type == "search" and "{keyword}" not in start.url:
        raise SourcesError(f"{where}: a search url needs {{keyword}}")
    if start.next and start.next != "auto" and not re.search(r"\{(page|offset)(:[^}]*)?\}", start.next):
        raise SourcesError(f"{where}: next must be 'auto' or a template with {{page}} or {{offset}}")
    try:
        start.page_url(start.first_page + 1, keyword="x")
        start.page_body(start.first_page + 1, keyword="x")
    except (KeyError, IndexError, ValueError) as exc:
        raise SourcesError(f"{where}: bad template: {exc!r} (use {{page}}, {{offset}}, {{keyword}}; "
                           "double other braces)") from exc
    return start
