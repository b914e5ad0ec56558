"""Is an article about P2P lending? Only relevant articles are stored; the rest stay in the WARC."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

MIN_TERMS = 3


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    text = resources.files("pipeline").joinpath("data/relevance.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def relevance(title: str | None, body: str | None, tagged: dict | None = None) -> tuple[bool, str]:
    """(relevant, reason). `tagged` is the tagger's output for the text, when already computed."""
    text = f"{title or ''}\n{body or ''}"
    terms = {t for t in vocabulary() if t in text}
    tagged = tagged or {}
    platform_events = [e for e in tagged.get("events", []) if e.get("platform") and e.get("polarity") != "denied"]
    if platform_events and terms:
        return True, "platform event"
    if tagged.get("platforms") and terms:
        return True, "platform named with P2P vocabulary"
    if len(terms) >= MIN_TERMS:
        return True, f"{len(terms)} P2P terms"
    return False, f"only {len(terms)} P2P terms, no platform"
