"""Scrapy finds spiders as classes in a module's namespace: this module holds one per entry of
the sources file (spiders/sources.toml, or $P2PNEWS_SOURCES), built by make_spider_class."""
from __future__ import annotations

import logging

from spiders import sources
from spiders.spiders.source import make_spider_class

log = logging.getLogger(__name__)


def _register() -> None:
    try:
        catalog = sources.load()
    except sources.SourcesError as exc:  # `scrapy list` and the generic spider keep working
        log.error("sources file not loaded, no source spiders: %s", exc)
        return
    for source in catalog.sources.values():
        cls = make_spider_class(source, __name__)
        globals()[cls.__name__] = cls


_register()
