"""The `p2pnews tag` stream contract: JSON lines in, exactly one JSON line out per line in."""
from __future__ import annotations

import orjson

from pipeline import tag as tag_stage


def tag_record(obj: dict, gazetteer=None) -> dict:
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('record has no "text" string')
    result = tag_stage.tag_text(text, title=obj.get("title"), published_at=obj.get("published_at"),
                                gazetteer=gazetteer, names=obj.get("names"))
    return {"id": obj.get("id"), "events": result.get("events", []), "platforms": result.get("platforms", [])}


def tag_stream(infile, outfile, gazetteer=None) -> dict:
    """Tag every line of `infile`; a bad line is answered with an "error" field, never skipped."""
    lines = bad = 0
    for line in infile:
        if not line.strip():
            continue
        lines += 1
        rec_id = None
        try:
            obj = orjson.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("line is not a JSON object")
            rec_id = obj.get("id")
            out = tag_record(obj, gazetteer)
        except (ValueError, orjson.JSONDecodeError) as exc:
            bad += 1
            out = {"id": rec_id, "events": [], "platforms": [], "error": str(exc)}
        outfile.write(orjson.dumps(out, default=str).decode() + "\n")
    outfile.flush()
    return {"lines": lines, "bad": bad}
