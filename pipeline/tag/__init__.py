"""Article text -> events. CONTRACT (other stages rely on it):

tag_text(text, title=None, published_at=None, gazetteer=None) -> {"events": [...], "platforms": [...]}
Each event: event_type, polarity, subject, subject_kind, platform, trigger,
    evidence {sentence, start, end}, confidence, extractor_version,
    persons [{name, role}], amount_yuan, investor_count, location, authority, event_date.
"""
from __future__ import annotations

TAGGER_VERSION = "tag-0.0"


def tag_text(text, title=None, published_at=None, gazetteer=None) -> dict:  # v0 stub
    return {"events": [], "platforms": []}
