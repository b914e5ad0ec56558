"""Article text -> events. CONTRACT (other stages rely on it):

tag_text(text, title=None, published_at=None, gazetteer=None, names=None, risk_model=None, name_pick=None)
    -> {"events": [...], "platforms": [...], "risk_names": [...]}
Each event: event_type, polarity, subject (canonical name when the gazetteer knows it),
    subject_text (the name as the text writes it), subject_kind, platform, company (the
    legal entity as the text names it, X有限公司, when the text names one), trigger,
    evidence {sentence, start, end}, confidence, extractor_version,
    persons [{name, role}], amount_yuan, investor_count, location, authority, event_date.
`platforms` lists every platform name recognised (canonical where the gazetteer knows it), or,
given name_pick= (a model of pipeline.tag.name_pick), those of them the pick keeps.
gazetteer: None = the shipped seed list; a Gazetteer; or platform rows (dicts as in the
`platforms` table) which are added to the seed list. Build a Gazetteer once when tagging
many texts (Gazetteer.from_rows) rather than passing rows per call.
names: the caller's own names for this text (a watch-list, another recogniser's output);
    they are matched as written, count as listed names, and win over listed names they
    overlap, so events name them as the caller cut them. A string is refused (ValueError).
A name written right after @ (a Weibo addressee) is never an event's subject.
Evidence offsets index `text`; an event found only in the title has start/end None and
evidence.field == "title".

The `p2pnews tag` stream (JSON lines in, one line out per line in) is pipeline.tagio.
"""
from __future__ import annotations

from .gazetteer import Gazetteer, default_gazetteer
from .tagger import TAGGER_VERSION, tag_text

__all__ = ["TAGGER_VERSION", "tag_text", "Gazetteer", "default_gazetteer"]
