"""Bytes -> str for Chinese news pages.

Why not trust the declared charset: portals declare gb2312 and serve GBK/GB18030, declare
GBK and serve UTF-8, and the HTTP header and <meta> can disagree. Why not a statistical
detector: they guess wrong on short GBK text. What works: a page that decodes as strict
UTF-8 (and has non-ASCII bytes) is UTF-8 -- GBK text almost never validates as UTF-8.
Otherwise try the declared charsets (GB family widened to gb18030, a superset), keep the
one with the fewest decode errors, and decode leniently so a few corrupt bytes never
lose the page. Undecodable bytes are dropped rather than shown as U+FFFD.
"""
from __future__ import annotations

import codecs
import re

_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_XML_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.I)
_HDR_RE = re.compile(r"charset\s*=\s*[\"']?\s*([a-zA-Z0-9_\-]+)", re.I)

# GB2312/GBK are subsets of GB18030; decoding as the superset never loses characters.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312_80": "gb18030", "x-gbk": "gb18030",
          "hz_gb_2312": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030", "gb18030": "gb18030",
          "big5": "big5hkscs", "ascii": "utf-8", "latin_1": "cp1252", "iso8859_1": "cp1252"}


def normalise(name: str | None) -> str | None:
    """Python codec name for a declared charset (GB family -> gb18030); None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    codec = codec.replace("-", "_")
    return _WIDEN.get(codec, codec).replace("_", "-") if codec in _WIDEN else codec.replace("_", "-")


def header_charset(headers: dict | None) -> str | None:
    if not headers:
        return None
    for k, v in headers.items():
        k = k.decode("latin-1") if isinstance(k, bytes) else str(k)
        if k.lower() == "content-type":
            if isinstance(v, (list, tuple)):
                v = v[0] if v else ""
            v = v.decode("latin-1") if isinstance(v, bytes) else str(v)
            m = _HDR_RE.search(v)
            return m.group(1) if m else None
    return None


def declared_charsets(data: bytes, headers: dict | None = None) -> list[str]:
    """Declared charsets, in the order HTTP header, <meta>, <?xml?> (normalised, unique)."""
    head = data[:8192]
    found = [header_charset(headers)]
    found += [m.group(1).decode("ascii", "ignore") for m in _META_RE.finditer(head)]
    m = _XML_RE.search(head[:200])
    if m:
        found.append(m.group(1).decode("ascii", "ignore"))
    out: list[str] = []
    for name in found:
        codec = normalise(name)
        if codec and codec not in out:
            out.append(codec)
    return out


def _errors(data: bytes, codec: str) -> int:
    """Count undecodable bytes (sampled on big pages to stay fast)."""
    sample = data if len(data) <= 400_000 else data[:200_000] + data[-200_000:]
    text = sample.decode(codec, "replace")
    n = text.count("\ufffd") - sample.decode(codec, "ignore").count("\ufffd")
    return n


def decode(data: bytes, headers: dict | None = None) -> tuple[str, str]:
    """Return (text, codec name used)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec.replace("utf-16", "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"), "replace").replace("\ufffd", ""), codec
    if data.isascii():
        return data.decode("ascii"), "ascii"
    try:  # a U+FFFD saved into the page stands for a character lost before we got it
        return data.decode("utf-8").replace("\ufffd", ""), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = [c for c in declared_charsets(data, headers) if c != "utf-8"]
    candidates = declared + [c for c in ("gb18030", "utf-8", "big5hkscs") if c not in declared]
    best, best_err = None, None
    for codec in candidates:
        try:
            err = _errors(data, codec)
        except (LookupError, ValueError):
            continue
        # Ties go to the earlier (declared) candidate.
        if best_err is None or err < best_err:
            best, best_err = codec, err
        if err == 0:
            break
    best = best or "utf-8"
    # Corrupt bytes are dropped: a U+FFFD would be a character the page never had.
    return data.decode(best, "replace").replace("\ufffd", ""), best
