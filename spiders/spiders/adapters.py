"""Adapters: the few lines of code a source needs beyond its sources-file entry.

An adapter subclasses SourceSpider (without a `name`; the sources file gives it one through
`adapter = "spiders.spiders.adapters:Class"`) and overrides a policy hook.
"""
from __future__ import annotations

import re

from spiders.spiders.source import SourceSpider

_EASTMONEY_OLD = re.compile(r"^https?://(\w+)\.eastmoney\.com/news/\d+,(\d{18})\.html")  # 17-digit 2016 codes: no known new form


class EastmoneySpider(SourceSpider):
    """东方财富 moved news/<column>,<code>.html to a/<code>.html with the same code (sites.md §3):
    fetch and remember the current form, so one article is one URL in the seen set."""

    def article_url(self, url: str) -> str:
        url = super().article_url(url)
        m = _EASTMONEY_OLD.match(url)
        return f"https://{m.group(1)}.eastmoney.com/a/{m.group(2)}.html" if m else url
