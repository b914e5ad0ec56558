"""Platform lists -> rows for the `platforms` table (name, aliases, company, province, city,
status, status_date, launched, url, source).

Formats:
  wdzj   the 网贷之家 CSV exports (problem platforms 2017, platform details 2017, status 2018);
         the kind of file is recognised from its header. Several files merge by name.
  names  one name per line, or jieba user-dictionary lines `name freq tag`.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

COLUMNS = ("name", "aliases", "company", "province", "city", "status", "status_date",
           "launched", "url", "source")
# platStatus codes of the details files (wdzj_fields_glossary.txt)
WDZJ_STATUS = {"1": "正常", "2": "停业", "3": "提现困难", "5": "跑路", "6": "经侦介入", "8": "转型"}
_STATUS_2018 = {"normal": "正常"}


def parse_file(path, fmt: str = "names") -> list[dict]:
    path = Path(path)
    if fmt == "names":
        return parse_names(path)
    if fmt == "wdzj":
        return parse_wdzj(path)
    raise ValueError(f"unknown platform list format {fmt!r} (wdzj|names)")


read_platform_file = parse_file   # the name `p2pnews platforms import` calls


def parse_files(paths, fmt: str) -> list[dict]:
    merged: dict[str, dict] = {}
    for p in paths:
        for row in parse_file(p, fmt):
            merge_row(merged, row)
    return list(merged.values())


def parse_names(path: Path) -> list[dict]:
    rows, seen = [], set()
    source = f"names:{path.name}"
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        # jieba userdict: `name [freq] [tag]`; a name itself may contain a space
        if len(parts) >= 2 and parts[-1].isdigit():
            parts = parts[:-1]
        elif len(parts) >= 3 and parts[-2].isdigit():
            parts = parts[:-2]
        name, aliases = clean_name(" ".join(parts).strip())
        if not name or name in seen:
            continue
        seen.add(name)
        rows.append(_row(name=name, aliases=aliases, source=source))
    return rows


_BAL = {"（": "）", "(": ")"}
_TAIL_WORDS = ("旗下", "平台", "公司平台")


def clean_name(raw: str) -> tuple[str | None, list[str]]:
    """A listed name as the list writes it -> (name, aliases). Lists harvested from text carry
    the text's furniture: X(简称Y) / X简称Y -> X with alias Y; a trailing 旗下 or 平台 is no part
    of a name; names with unbalanced brackets, or without a Chinese character or a letter,
    are fragments and dropped."""
    name = (raw or "").strip().strip("“”\"'《》【】#")
    aliases: list[str] = []
    m = re.match(r"^(.+?)[（(]?(?:以下)?(?:简称|下称)[“\"]?([^）)”\"]+)[”\"]?[）)]?$", name)
    if m:
        name, alias = m.group(1).strip(), m.group(2).strip()
        if len(alias) >= 2:
            aliases.append(alias)
    for w in _TAIL_WORDS:
        if name.endswith(w) and len(name) - len(w) >= 2:
            name = name[: -len(w)]
            break
    if name.count("（") != name.count("）") or name.count("(") != name.count(")"):
        return None, []
    if len(name) < 2 or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
        return None, []
    return name, [a for a in aliases if a != name]


def parse_wdzj(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = set(reader.fieldnames or [])
        if {"platName", "juridicalPerson"} <= header:
            conv, source = _details_row, "wdzj_details_2017"
        elif {"platName", "problemTime", "type"} <= header:
            conv, source = _problem_row, "wdzj_problem_2017"
        elif {"name", "register_location", "status"} <= header:
            conv, source = _status2018_row, "wdzj_status_2018"
        else:
            raise ValueError(f"{path}: not a wdzj export this parser knows (header {sorted(header)[:6]}…)")
        merged: dict[str, dict] = {}
        for r in reader:
            row = conv(r)
            if row and row["name"]:
                row["source"] = source
                merge_row(merged, row)
    return list(merged.values())


def _problem_row(r):
    return _row(name=r.get("platName"), province=r.get("area"), status=r.get("type"),
                status_date=_date(r.get("problemTime")), launched=_date(r.get("onlineTime")))


def _details_row(r):
    alias = (r.get("aliasName") or "").strip()
    name = (r.get("platName") or "").strip()
    status = WDZJ_STATUS.get((r.get("platStatus") or "").strip())
    return _row(name=name, aliases=[alias] if alias and alias != name else [],
                company=r.get("companyName"), province=r.get("locationAreaName"),
                city=r.get("locationCityName"), status=status,
                status_date=_date(r.get("problemTime")) if status and status != "正常" else None,
                launched=_date(r.get("onlineDate")), url=r.get("platUrl"))


def _status2018_row(r):
    loc = (r.get("register_location") or "").split("|")
    st = (r.get("status") or "").strip()
    return _row(name=r.get("name"), province=loc[0] if loc and loc[0] else None,
                city=loc[1] if len(loc) > 1 and loc[1] else None,
                status=_STATUS_2018.get(st, st) or None, launched=_date(r.get("register_time")))


def _row(**kw) -> dict:
    row = {c: None for c in COLUMNS}
    row["aliases"] = []
    for k, v in kw.items():
        if isinstance(v, str):
            v = v.strip() or None
        row[k] = v if v is not None else row[k]
    return row


_DATE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def _date(value):
    m = _DATE.search(value or "")
    if not m or m.group(1) in ("0000", "1970", "1900"):
        return None
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3) or 1):02d}"


def merge_row(merged: dict, row: dict) -> None:
    """Merge by name: fill empty fields, union aliases, keep the most recently dated status."""
    name = row["name"]
    cur = merged.get(name)
    if cur is None:
        merged[name] = dict(row, aliases=list(row.get("aliases") or []))
        return
    for alias in row.get("aliases") or []:
        if alias not in cur["aliases"] and alias != name:
            cur["aliases"].append(alias)
    newer = row.get("status") and (not cur.get("status") or (row.get("status_date") or "") > (cur.get("status_date") or ""))
    for c in COLUMNS:
        if c in ("name", "aliases"):
            continue
        if c in ("status", "status_date"):
            if newer:
                cur[c] = row.get(c)
        elif not cur.get(c) and row.get(c):
            cur[c] = row[c]
    srcs = set((cur.get("source") or "").split("+")) | {row.get("source") or ""}
    cur["source"] = "+".join(sorted(s for s in srcs if s))
