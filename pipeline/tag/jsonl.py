"""The `p2pnews tag` stream: JSON lines in, exactly one JSON line out per input line."""
from __future__ import annotations

import sys

import orjson

from .gazetteer import Gazetteer, resolve


def tag_jsonl(infile=None, outfile=None, gazetteer=None) -> int:
    """Read {"id","text","title"?,"published_at"?} lines, write {"id","events","platforms"}.
    A line that cannot be parsed still gets an output line (with "error"), so the output
    lines always pair with the input lines. Returns the number of lines written."""
    from .tagger import tag_text
    infile = infile or sys.stdin
    outfile = outfile or sys.stdout
    gz = resolve(gazetteer) if not isinstance(gazetteer, Gazetteer) else gazetteer
    binary_out = "b" in getattr(outfile, "mode", "")
    n = 0
    for line in infile:
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
            res = tag_text(row.get("text") or "", row.get("title"), row.get("published_at"), gz)
            out = {"id": row.get("id"), **res}
        except Exception as exc:   # one bad row must not shift every later answer
            rid = None
            try:
                rid = orjson.loads(line).get("id")
            except Exception:
                pass
            out = {"id": rid, "events": [], "platforms": [], "error": f"{type(exc).__name__}: {exc}"}
        data = orjson.dumps(out) + b"\n"
        if binary_out:
            outfile.write(data)
        else:
            outfile.write(data.decode("utf-8"))
        n += 1
    outfile.flush()
    return n
