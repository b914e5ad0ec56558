"""Duplicate detection: canonical URLs, exact body hashes, near-duplicate SimHash.

Plain functions, data in, data out; the DB integration calls them.

Near-duplicates are 转载 copies whose header/footer lines differ (source line, editor,
a "related news" tail). SimHash is a 64-bit fingerprint over character 4-shingles of the
body with whitespace and punctuation removed (jieba tokens would cost ~10x the time and
Chinese copies already align character by character).

Threshold calibration (run on 86 real article bodies extracted from ../shared/data, each
copied with a changed header+footer or with its first and last paragraph dropped; numbers
are not stored anywhere in the repo):
  copies: 0-20 bits, 95% within 12 (the misses are 200-700-character bodies that lost
  10-40% of their text); unrelated pairs (3,828): min 18, mean 32 bits.
  NEAR_DUP_BITS = 12 keeps a 6-bit margin to the closest unrelated pair. Bodies shorter
  than MIN_CHARS are matched by exact hash only: a few characters move many bits there.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

NEAR_DUP_BITS = 12
MIN_CHARS = 200
SHINGLE = 4

TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|spm|from|f|src|source|clickfrom|share_token|sharer|shareid|share|fr|tt_from|"
    r"timestamp|ts|_t|t|cid|sid|scene|isappinstalled|wxfrom|winzoom|refer|ref|referer|"
    r"gclid|fbclid|yclid|mkt_tok|pvid|ivk_sa|_wv|nsukey|vd_source)$", re.I)
_STRIP = re.compile(r"[\s\u3000\W_]+", re.U)


def canonical_url(url: str | None, rel_canonical: str | None = None) -> str | None:
    """One spelling per article: rel=canonical when absolute, https, no 'www.'/'m.'/'wap.'
    host prefix, no tracking params, no fragment, no trailing '/index.html' variations."""
    if rel_canonical and rel_canonical.strip().lower().startswith(("http://", "https://")):
        url = rel_canonical.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "wap.", "3g."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def normalise_body(body: str) -> str:
    return _STRIP.sub("", body or "")


def body_hash(body: str) -> str:
    """Exact-duplicate key: sha1 of the body without whitespace and punctuation."""
    return hashlib.sha1(normalise_body(body).encode("utf-8")).hexdigest()


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(body: str, k: int = SHINGLE) -> int:
    """64-bit SimHash over character k-shingles of the normalised body."""
    text = normalise_body(body)
    if not text:
        return 0
    grams = [text[i:i + k] for i in range(max(1, len(text) - k + 1))]
    counts = [0] * 64
    for g in set(grams):  # set: a repeated boilerplate phrase should not dominate
        h = _h64(g)
        for bit in range(64):
            counts[bit] += 1 if (h >> bit) & 1 else -1
    out = 0
    for bit in range(64):
        if counts[bit] > 0:
            out |= 1 << bit
    return out


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def _key(t):
    if t is None:
        return (1, "")
    if isinstance(t, datetime):
        return (0, t.isoformat())
    return (0, str(t))


def link_to_earliest(order, pairs) -> dict:
    """order: every id, earliest first; pairs: (id, id) known to be copies of one story.
    Returns {id: the earliest id of its cluster, or None for that earliest one and for
    singletons}. Union-find, so a chain of near copies A~B~C still links C to A."""
    rank = {x: pos for pos, x in enumerate(order)}
    parent = {x: x for x in order}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:  # the root is the member that comes first in time order
            if rank[ra] <= rank[rb]:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return {x: (None if find(x) == x else find(x)) for x in order}


def fingerprint(body: str, min_chars: int = MIN_CHARS) -> tuple[str, int | None]:
    """(exact hash, SimHash or None): short bodies match by exact hash only, since a few
    characters move many bits there."""
    norm = normalise_body(body)
    return body_hash(body), (simhash(body) if len(norm) >= min_chars else None)


def earliest_duplicates(items, bits: int = NEAR_DUP_BITS, min_chars: int = MIN_CHARS):
    """items: (article_id, published_at or fetched_at, body). In memory, all pairs: meant
    for a batch; the database does the same with a time-windowed join (db/derive.py).
    Returns {article_id: earliest copy's id or None}. Ties in time go to input order."""
    items = list(items)
    order = sorted(range(len(items)), key=lambda i: (_key(items[i][1]), i))
    prints = {i: fingerprint(items[i][2] or "", min_chars) for i in order if normalise_body(items[i][2])}
    pairs = []
    by_hash: dict[str, int] = {}
    for i, (h, _) in prints.items():
        if h in by_hash:
            pairs.append((by_hash[h], i))
        else:
            by_hash[h] = i
    sims = [(i, sh) for i, (_, sh) in prints.items() if sh is not None]
    for a in range(len(sims)):
        for b in range(a + 1, len(sims)):
            if hamming(sims[a][1], sims[b][1]) <= bits:
                pairs.append((sims[a][0], sims[b][0]))
    links = link_to_earliest(order, pairs)
    return {items[i][0]: (None if links[i] is None else items[links[i]][0]) for i in range(len(items))}
