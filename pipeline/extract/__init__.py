"""HTML -> article. CONTRACT (other stages rely on it):

extract(html: bytes | str, url: str | None = None, headers: dict | None = None,
        fetched_at: datetime | None = None) -> dict with keys
    url, canonical_url, title, published_at (ISO 8601 '+08:00' string or None),
    published_at_source ('jsonld'|'meta'|'text'|'url'|None), author, source, editor,
    body (paragraphs joined by '\n'), encoding, extractor_version
Raises ExtractError when the input is not an HTML page at all.
"""
from __future__ import annotations

EXTRACTOR_VERSION = "extract-0.0"


class ExtractError(ValueError):
    pass


def extract(html, url=None, headers=None, fetched_at=None) -> dict:  # v0 stub, replaced by the real extractor
    from bs4 import BeautifulSoup

    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    soup = BeautifulSoup(html, "lxml")
    title = soup.h1.get_text(strip=True) if soup.h1 else (soup.title.get_text(strip=True) if soup.title else None)
    paras = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
    return {"url": url, "canonical_url": url, "title": title, "published_at": None,
            "published_at_source": None, "author": None, "source": None, "editor": None,
            "body": "\n".join(p for p in paras if p), "encoding": "utf-8",
            "extractor_version": EXTRACTOR_VERSION}
