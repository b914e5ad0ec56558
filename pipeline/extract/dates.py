"""Publish-time parsing. Every result is an aware datetime in Asia/Shanghai.

Why the fetch time matters: '08-01 07:21', '昨天 09:30' and '3小时前' are relative to when
the page was fetched, not to when we parse it. Without a fetch time such forms yield None:
guessing would store the crawl/parse time as the publish time (a known pitfall).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")

_SEP = r"\s*[-/.年月]\s*"
# Full dates: 2018年08月01日 07:21, 2018-08-01 07:21:34, 2018/8/1, 2018.08.01 07:21
FULL_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?(?:\s*([AaPp][Mm]))?)?")
# US style seen on old blog/BBS software: 9/17/2004 5:54:13 AM
US_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")
# Year-month only (magazine issues: 1998年3月号) -> first of the month, lowest priority
YM_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
# Month-day without year: 08-01 07:21, 8月1日 07:21 (time required: a bare '08-01' is
# too often a page number or a score)
MD_RE = re.compile(r"(?<![\d\-/年])(\d{1,2})\s*(?:-|/|月)\s*(\d{1,2})\s*日?\s*(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)")
# two-digit year after a date label (baijiahao: '发布时间：18-03-08 23:16')
YY_RE = re.compile(r"(?:时间|日期)\s*[：:]\s*(\d{2})-(\d{1,2})-(\d{1,2})\s*(\d{1,2}):(\d{2})(?!\d)")
REL_DAY_RE = re.compile(r"(今天|昨天|前天)\s*(\d{1,2})\s*[:：]\s*(\d{2})")
AGO_RE = re.compile(r"(\d+)\s*(秒|分钟|小时|天)前|(刚刚)")
ISO_RE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*"
                    r"(Z|[+-]\d{2}:?\d{2})?")


def _mk(y, mo, d, h=0, mi=0, s=0, ampm=None):
    if ampm and h is not None:
        h = int(h) % 12 + (12 if ampm.lower() == "pm" else 0)
    try:
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=TZ)
    except (ValueError, TypeError):
        return None
    return dt if 1990 <= dt.year <= 2100 else None


def _anchor(fetched_at):
    if fetched_at is None:
        return None
    if isinstance(fetched_at, str):
        fetched_at = parse_iso(fetched_at)
        if fetched_at is None:
            return None
    if fetched_at.tzinfo is None:
        return fetched_at.replace(tzinfo=TZ)  # naive crawl times are local (Shanghai)
    return fetched_at.astimezone(TZ)


def parse_iso(s: str):
    """ISO-ish machine dates from JSON-LD/meta; naive ones are Shanghai local time."""
    m = ISO_RE.search(s or "")
    if not m:
        m2 = FULL_RE.search(s or "")
        if not m2:
            return None
        return _mk(*m2.group(1, 2, 3), m2.group(4), m2.group(5), m2.group(6))
    y, mo, d, h, mi, sec, tz = m.groups()
    if tz:
        tzs = "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
        try:
            dt = datetime.fromisoformat(f"{y}-{mo}-{d}T{h}:{mi}:{sec or '00'}{tzs}")
        except ValueError:
            return None
        return dt.astimezone(TZ)
    return _mk(y, mo, d, h, mi, sec)


def find_in_text(text: str, fetched_at=None):
    """First date in a text line: (datetime, has_time) or None."""
    if not text:
        return None
    m = FULL_RE.search(text)
    if m:
        dt = _mk(*m.group(1, 2, 3), m.group(4), m.group(5), m.group(6), m.group(7))
        if dt:
            return dt, m.group(4) is not None
    m = US_RE.search(text)
    if m:
        mo, d, y, h, mi, sec, ampm = m.groups()
        dt = _mk(y, mo, d, h, mi, sec, ampm)
        if dt:
            return dt, True
    m = YY_RE.search(text)
    if m:
        dt = _mk(2000 + int(m.group(1)), *m.group(2, 3, 4, 5))
        if dt:
            return dt, True
    anchor = _anchor(fetched_at)
    if anchor is None:
        return None
    m = REL_DAY_RE.search(text)
    if m:
        back = {"今天": 0, "昨天": 1, "前天": 2}[m.group(1)]
        day = anchor - timedelta(days=back)
        dt = _mk(day.year, day.month, day.day, m.group(2), m.group(3))
        return (dt, True) if dt else None
    m = AGO_RE.search(text)
    if m:
        if m.group(3):
            return anchor.replace(second=0, microsecond=0), True
        n = int(m.group(1))
        unit = {"秒": "seconds", "分钟": "minutes", "小时": "hours", "天": "days"}[m.group(2)]
        if n > 100000:
            return None
        return (anchor - timedelta(**{unit: n})).replace(second=0, microsecond=0), True
    m = MD_RE.search(text)
    if m:
        dt = _mk(anchor.year, m.group(1), m.group(2), m.group(3), m.group(4))
        if dt and dt > anchor + timedelta(days=1):  # '12-31' fetched on Jan 2: last year
            dt = _mk(anchor.year - 1, m.group(1), m.group(2), m.group(3), m.group(4))
        return (dt, True) if dt else None
    return None


_URL_RES = [
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})/"),                  # sina, hexun, caixin
    re.compile(r"/((?:19|20)\d{2})-(\d{2})/(\d{2})/"),                  # xinhuanet
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),                   # people n1/, stcn
    re.compile(r"[/_t]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_A-Z]|\d{10}\.html)"),  # cs.com.cn, qq
]
_URL_163 = re.compile(r"163\.com/(\d{2})/(\d{2})(\d{2})/(\d{2})/[0-9A-Z]{16}\.html")


def from_url(url: str | None):
    """Date (midnight, or the hour for 163) encoded in an article URL, or None."""
    if not url:
        return None
    m = _URL_163.search(url)
    if m:
        return _mk("20" + m.group(1), m.group(2), m.group(3), m.group(4))
    for rx in _URL_RES:
        m = rx.search(url)
        if m:
            dt = _mk(*m.groups())
            if dt:
                return dt
    return None


def year_month(text: str):
    m = YM_RE.search(text or "")
    return _mk(m.group(1), m.group(2), 1) if m else None


def iso(dt) -> str | None:
    return dt.astimezone(TZ).isoformat() if dt else None
