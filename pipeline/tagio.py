"""The `p2pnews tag` stream contract: JSON lines in, exactly one JSON line out per line in."""
from __future__ import annotations

import orjson

from pipeline import tag as tag_stage
from pipeline.tag.mentions import caller_names


class RecordError(ValueError):
    """The input line is not a valid record (no text, names not a list of strings …)."""


def tag_record(obj: dict, gazetteer=None, risk_model=None, name_pick=None) -> dict:
    text = obj.get("text")
    if not isinstance(text, str):
        raise RecordError('record has no "text" string')
    try:
        names = caller_names(obj.get("names"))
    except ValueError as exc:
        raise RecordError(str(exc)) from None
    result = tag_stage.tag_text(text, title=obj.get("title"), published_at=obj.get("published_at"),
                                gazetteer=gazetteer, names=names, risk_model=risk_model,
                                name_pick=name_pick)
    return {"id": obj.get("id"), "events": result["events"], "platforms": result["platforms"],
            "risk_names": result["risk_names"]}


def tag_stream(infile, outfile, gazetteer=None, risk_model=None, name_pick=None) -> dict:
    """Tag every line of `infile`; a bad line is answered with an "error" field, never skipped.
    A line the tagger itself fails on is answered the same way (and counted as failed), so one
    record never stops a batch."""
    lines = bad = failed = 0
    for line in infile:
        if not line.strip():
            continue
        lines += 1
        rec_id = None
        try:
            obj = orjson.loads(line)
            if not isinstance(obj, dict):
                raise RecordError("line is not a JSON object")
            rec_id = obj.get("id")
            out = tag_record(obj, gazetteer, risk_model, name_pick)
        except (RecordError, orjson.JSONDecodeError) as exc:
            bad += 1
            out = {"id": rec_id, "events": [], "platforms": [], "risk_names": [], "error": str(exc)}
        except Exception as exc:   # noqa: BLE001 - a tagger bug must not lose the rest of the batch
            failed += 1
            out = {"id": rec_id, "events": [], "platforms": [], "risk_names": [],
                   "error": f"the tagger failed on this record ({type(exc).__name__}: {exc}); please report it"}
        outfile.write(orjson.dumps(out, default=str).decode() + "\n")
    outfile.flush()
    return {"lines": lines, "bad": bad, "failed": failed}
