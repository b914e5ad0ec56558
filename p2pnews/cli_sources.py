"""`p2pnews sources`: the sources file as the operator sees it, and a check that its rules
still match the live sites (the tool for the day a site changes its layout)."""
from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import click


def _catalog(path):
    from spiders import sources as sources_mod

    try:
        return sources_mod.load(path)
    except sources_mod.SourcesError as exc:
        click.echo(f"p2pnews: error: {exc}", err=True)
        sys.exit(1)


@click.group(invoke_without_command=True)
@click.option("--sources-file", metavar="TOML", help="Sources file (default: $P2PNEWS_SOURCES or spiders/sources.toml).")
@click.pass_context
def sources(ctx, sources_file):
    """List the news sources with their status and crawl history."""
    ctx.ensure_object(dict)
    ctx.obj["sources_file"] = sources_file
    if ctx.invoked_subcommand is not None:
        return
    catalog = _catalog(sources_file)
    seen, runs = {}, {}
    db_path = ctx.obj.get("db")
    if db_path and Path(db_path).exists():
        seen, runs = _history(db_path)
    click.echo(f"{'source':<13} {'name':<18} {'status':<10} {'starts':<24} {'seen':>7}  last run")
    for key, s in catalog.sources.items():
        kinds = {}
        for st in s.start:
            kinds[st.type] = kinds.get(st.type, 0) + 1
        starts = " ".join(f"{k}×{n}" if n > 1 else k for k, n in kinds.items())
        n_seen = seen.get(key, (0, None))[0]
        run = runs.get(key)
        last = f"{run[0]:%Y-%m-%d %H:%M} {run[1]} ({run[2] or 0} articles)" if run else "never"
        click.echo(f"{key:<13} {_pad(s.name, 18)} {s.status:<10} {starts:<24} {n_seen:>7}  {last}")


def _pad(text: str, width: int) -> str:
    """Pad by display width: CJK characters take two columns."""
    w = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(0, width - w)


def _history(db_path):
    import db
    from spiders.seen import seen_counts

    try:
        seen = seen_counts(db_path)
        with db.session(db_path, read_only=True) as con:
            rows = con.execute("""SELECT spider, arg_max(started_at, started_at), arg_max(status, started_at),
                                         arg_max(stats->>'p2pnews/articles', started_at)
                                  FROM crawl_runs GROUP BY spider""").fetchall()
    except db.DatabaseUnavailable:
        return {}, {}
    return seen, {r[0]: r[1:] for r in rows}


# -- check -----------------------------------------------------------------------------------
def _fetch(url: str, method: str = "GET", body: str | None = None, headers: dict | None = None, timeout: float = 20):
    """One polite fetch (our User-Agent, robots.txt obeyed); returns a Scrapy response or an error string."""
    from protego import Protego
    from scrapy.http import TextResponse
    from scrapy.responsetypes import responsetypes

    from spiders import settings as project

    ua = project.USER_AGENT
    parts = urlsplit(url)
    try:
        req = urllib.request.Request(f"{parts.scheme}://{parts.netloc}/robots.txt", headers={"User-Agent": ua})
        robots = urllib.request.urlopen(req, timeout=timeout).read().decode("utf-8", "replace")
        if not Protego.parse(robots).can_fetch(url, ua):
            return "disallowed by robots.txt"
    except (urllib.error.URLError, OSError, ValueError):
        pass  # no robots.txt: allowed
    req = urllib.request.Request(url, data=body.encode() if body else None, method=method,
                                 headers={"User-Agent": ua, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data, status, final, hdrs = resp.read(), resp.status, resp.geturl(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"unreachable ({getattr(exc, 'reason', exc)})"
    cls = responsetypes.from_args(headers={k: v for k, v in hdrs.items()}, url=final, body=data)
    if not issubclass(cls, TextResponse):
        cls = TextResponse
    return cls(url=final, status=status, headers=hdrs, body=data)


def check_source(source, catalog) -> dict:
    """Fetch one list page and one article of `source`; report which of its rules match."""
    from spiders.spiders import listing
    from spiders.spiders.source import make_spider_class

    spider = make_spider_class(source).__new__(make_spider_class(source))  # only its URL policy is used
    spider.source, spider.start_hosts = source, set()
    report = {"source": source.key, "ok": False, "list": None, "links": 0, "articles": [], "article": None,
              "hints": {}, "problems": []}
    for st in source.start:
        kw = (st.keywords or catalog.keywords or [""])[0] if st.type == "search" else ""
        url = st.page_url(st.first_page, keyword=kw)
        resp = _fetch(url, st.method if st.type == "api" else "GET", st.page_body(st.first_page, kw) if st.type == "api" else None,
                      st.headers if st.type == "api" else None)
        if isinstance(resp, str):
            report["problems"].append(f"{st.type} {url}: {resp}")
            continue
        if st.type == "feed":
            entries = listing.feed_entries(resp.body, resp.url)
        elif st.type == "sitemap":
            what, entries = listing.sitemap_entries(resp.body, resp.url)
            if what == "index" and entries:
                child = _fetch(entries[0][0])
                entries = [] if isinstance(child, str) else listing.sitemap_entries(child.body, child.url)[1]
        elif st.type == "api":
            entries = listing.api_entries(resp.text, resp.url, st)
        else:
            if source.encoding:
                resp = resp.replace(encoding=source.encoding)
            entries = [(u, None) for u in listing.html_links(resp, st.link_selector, st.links_in_scripts)]
        arts = list(dict.fromkeys(spider.article_url(u) for u, _ in entries if source.is_article(spider.article_url(u))))
        report.update(list=url, links=len(entries), articles=arts)
        if arts:
            break
        report["problems"].append(f"{st.type} {url}: {len(entries)} links, none matches article_patterns")
    target = report["articles"][:1] or ([source.check_article] if source.check_article else [])
    if not target:
        return report
    resp = _fetch(target[0])
    report["article"] = target[0]
    if isinstance(resp, str):
        report["problems"].append(f"article {target[0]}: {resp}")
        return report
    if not source.is_article(spider.article_url(resp.url)):
        report["problems"].append(f"article redirected to {resp.url}, which article_patterns do not match")
    report["hints"] = _hints(resp, source.extract)
    report["extracted"] = _extract(resp)
    report["ok"] = not any(k.startswith("article") for k in report["problems"]) and bool(report["extracted"].get("body"))
    if not report["extracted"].get("body"):
        report["problems"].append("extractor found no body")
    return report


def _hints(resp, hints: dict) -> dict:
    out = {}
    for key, sel in hints.items():
        if key == "json":  # a script holding the article: a selector or a variable name
            out[key] = (sel in resp.text) if not sel.startswith(("script", "#")) else bool(resp.css(sel))
            continue
        try:
            out[key] = any((n.xpath("string()").get() or "").strip() or n.attrib.get("content") for n in resp.css(sel))
        except Exception:  # a selector cssselect cannot parse is a broken rule
            out[key] = False
    return out


def _extract(resp) -> dict:
    from pipeline.extract import ExtractError, extract

    try:
        art = extract(resp.body, url=resp.url, headers={k.decode().lower(): v[0].decode("latin-1") for k, v in resp.headers.items()})
    except ExtractError:
        return {}
    return {"title": art.get("title"), "published_at": art.get("published_at"), "body": len(art.get("body") or "")}


@sources.command("check")
@click.argument("names", nargs=-1)
@click.pass_context
def check(ctx, names):
    """Fetch one list page and one article per source; report whether its rules still match."""
    catalog = _catalog(ctx.obj.get("sources_file"))
    try:
        chosen = [catalog.get(n) for n in names] if names else list(catalog.sources.values())
    except KeyError as exc:
        click.echo(f"p2pnews: error: {str(exc).strip(chr(34) + chr(39))}", err=True)
        sys.exit(1)
    bad = 0
    for source in chosen:
        r = check_source(source, catalog)
        bad += not r["ok"]
        click.echo(f"{'OK  ' if r['ok'] else 'FAIL'} {source.key}: list {r['list'] or '-'} "
                   f"({r['links']} links, {len(r['articles'])} articles)")
        if r["article"]:
            ex = r.get("extracted") or {}
            hints = " ".join(f"{k}{'✓' if v else '✗'}" for k, v in r["hints"].items())
            click.echo(f"     article {r['article']}: title={ex.get('title')!r} time={ex.get('published_at')} "
                       f"body={ex.get('body', 0)} chars; hints {hints or '-'}")
        for p in r["problems"]:
            click.echo(f"     problem: {p}")
    if bad:
        sys.exit(1)
