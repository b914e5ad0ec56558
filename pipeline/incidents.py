"""Event mentions -> incidents: one real-world happening (platform + code family + time
window), linked to every mention of it across articles and sites.

Incident ids are stable under re-tagging: an id is derived from the platform, the family and
the date bucket of the incident's first mention, never from event ids or row order, so a
re-run that finds the same mentions (or a few more later ones) keeps the ids.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date, datetime

# Families: codes that describe the same happening from different angles. A collapse is
# reported as 跑路 by one site and 经侦介入 by another; both are the one incident.
FAMILIES = {
    "platform.absconded": "collapse", "platform.withdrawal_halt": "collapse",
    "platform.shutdown": "collapse", "platform.police_case": "collapse",
    "investor.protest": "collapse",
    "person.detained": "person", "person.fled": "person", "person.sentenced": "court",
    "platform.orderly_exit": "exit", "platform.transformation": "exit",
    "compliance.filing": "compliance", "compliance.custody": "compliance",
    "compliance.rectification": "compliance", "regulator.action": "regulator",
    "regulator.policy": "policy", "recovery.repayment": "recovery",
    "recovery.collection": "recovery", "recovery.blacklist": "recovery",
    "recovery.asset_sale": "recovery", "business.funding": "business",
    "business.ownership": "business",
}
WINDOW_DAYS = {"collapse": 30, "person": 30, "court": 14, "exit": 60, "compliance": 30,
               "regulator": 14, "policy": 14, "recovery": 60, "business": 30}
BUCKET_DAYS = 30   # the first date is bucketed so a slightly earlier re-found mention keeps the id


def family(code: str) -> str:
    return FAMILIES.get(code, code.split(".")[0])


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def incident_id(platform: str, fam: str, first: date) -> str:
    bucket = first.toordinal() // BUCKET_DAYS
    return hashlib.sha1(f"{platform}|{fam}|{bucket}".encode("utf-8")).hexdigest()[:16]


def _largest(values):
    return max((v for v in values if v is not None), default=None)


def group_incidents(mentions) -> tuple[list[dict], dict[str, str]]:
    """mentions: dicts with event_id, platform (or subject), event_type, event_date or
    published_at, article_id, site, polarity, amount_yuan, investor_count (the last three
    optional). Mentions without a platform or a date, and denied mentions, join no incident
    (a denial is not a happening). An incident's size is the largest figure of its mentions.
    Returns (incident rows, {event_id: incident_id})."""
    groups = defaultdict(list)
    for m in mentions:
        platform = m.get("platform") or (m.get("subject") if m.get("subject_kind") != "person" else None)
        when = _day(m.get("event_date")) or _day(m.get("published_at"))
        if not platform or when is None or m.get("polarity") == "denied":
            continue
        groups[(platform, family(m["event_type"]))].append((when, m))
    incidents, mapping = [], {}
    for (platform, fam), items in sorted(groups.items()):
        items.sort(key=lambda x: (x[0], str(x[1].get("event_id"))))
        window = WINDOW_DAYS.get(fam, 30)
        clusters, cur = [], []
        for when, m in items:
            # a new incident starts when the gap to the previous mention exceeds the window
            if cur and (when - cur[-1][0]).days > window:
                clusters.append(cur)
                cur = []
            cur.append((when, m))
        if cur:
            clusters.append(cur)
        for cl in clusters:
            first, last = cl[0][0], cl[-1][0]
            iid = incident_id(platform, fam, first)
            types = Counter(m["event_type"] for _, m in cl)
            pols = Counter(m.get("polarity") or "affirmed" for _, m in cl)
            incidents.append({
                "incident_id": iid, "platform": platform, "family": fam,
                "event_type": types.most_common(1)[0][0],
                "first_seen": first.isoformat(), "last_seen": last.isoformat(),
                "source_count": len({m.get("site") or m.get("article_id") for _, m in cl}),
                "article_count": len({m.get("article_id") for _, m in cl}),
                "mention_count": len(cl),
                "affirmed_count": pols.get("affirmed", 0), "possible_count": pols.get("possible", 0),
                "polarity": "affirmed" if pols.get("affirmed") else "possible",
                "max_amount_yuan": _largest(m.get("amount_yuan") for _, m in cl),
                "max_investor_count": _largest(m.get("investor_count") for _, m in cl),
            })
            for _, m in cl:
                mapping[m["event_id"]] = iid
    return incidents, mapping
