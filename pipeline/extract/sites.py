"""Per-site rules, kept as data in sites/*.json (one file per portal).

A rule applies when the URL host ends with one of its hosts. Each field is a list of
simple CSS selectors (tag, #id, .class, descendant space; ',' for alternatives) tried in
order. Layouts change, so a rule's body is used only if it still looks like an article
(enough text, sentence punctuation, few links); otherwise the caller falls back to the
generic algorithm.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

SITES_DIR = Path(__file__).with_name("sites")
_SIMPLE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*|\*)?((?:[#.][\w\-]+)*)$")
_PUNCT = re.compile(r"[，。！？；]")
MIN_BODY_CHARS = 60


def css_to_xpath(sel: str) -> str:
    """Translate the small CSS subset used in rule files to XPath 1.0."""
    alts = []
    for alt in sel.split(","):
        steps = []
        for part in alt.split():
            m = _SIMPLE.match(part)
            if not m:
                raise ValueError(f"unsupported selector {part!r}")
            tag = m.group(1) or "*"
            conds = []
            for kind, name in re.findall(r"([#.])([\w\-]+)", m.group(2)):
                if kind == "#":
                    conds.append(f"@id='{name}'")
                else:
                    conds.append(f"contains(concat(' ',normalize-space(@class),' '),' {name} ')")
            steps.append(tag + "".join(f"[{c}]" for c in conds))
        alts.append("//" + "//".join(steps))
    return " | ".join(alts)


@lru_cache(maxsize=1)
def load_rules() -> tuple:
    rules = []
    for path in sorted(SITES_DIR.glob("*.json")):
        rule = json.loads(path.read_text(encoding="utf-8"))
        rule.setdefault("name", path.stem)
        compiled = {}
        for key in ("title", "body", "date", "source", "author", "editor", "drop"):
            compiled[key] = [etree.XPath(css_to_xpath(s)) for s in rule.get(key, [])]
        rule["_xp"] = compiled
        rules.append(rule)
    return tuple(rules)


def rule_for(url: str | None):
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    for rule in load_rules():
        for h in rule["hosts"]:
            if host == h or host.endswith("." + h):
                return rule
    return None


def _first(doc, xps):
    for xp in xps:
        try:
            found = xp(doc)
        except etree.XPathError:
            continue
        if found:
            return found[0]
    return None


def _text(el):
    return " ".join(el.text_content().split()) if el is not None else None


def plausible(el) -> bool:
    """Does the selected body still look like an article (layout unchanged)?"""
    text = el.text_content()
    n = len("".join(text.split()))
    if n < MIN_BODY_CHARS or len(_PUNCT.findall(text)) < 2:
        return False
    link = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return link < 0.5 * n


def _strip_label(s):
    if not s:
        return None
    s = re.sub(r"^.*?(?:来源|作者|责任编辑|责编|编辑)\s*[：:]\s*", "", s).strip(" ()（）【】[]|")
    return s or None


def apply(rule, doc) -> dict:
    """Fields found by the rule; 'body' is None when the rule no longer matches the page."""
    xp = rule["_xp"]
    out = {"body": None}
    t = _first(doc, xp["title"])
    out["title"] = _text(t) if t is not None else None
    d = _first(doc, xp["date"])
    out["date"] = _text(d)
    for key in ("source", "author", "editor"):  # read before 'drop' removes editor boxes
        e = _first(doc, xp[key])
        out[key] = _strip_label(_text(e)) if e is not None else None
    el = _first(doc, xp["body"])
    if el is not None:
        for d in xp["drop"]:
            for junk in d(el):
                if junk is not el:
                    junk.drop_tree()
        if plausible(el):
            out["body"] = el
    return out
