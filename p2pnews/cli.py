"""`p2pnews`: one command line over the library. Each command is a thin skin over a function
in p2pnews.jobs, pipeline or db; errors a user can cause get one line on stderr and exit 1."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
import orjson

from p2pnews import __version__, paths


def fail(message: str, code: int = 1):
    click.echo(f"p2pnews: error: {message}", err=True)
    sys.exit(code)


def open_db(ctx, read_only: bool = False):
    import db

    try:
        return db.connect(ctx.obj["db"], read_only=read_only)
    except FileNotFoundError as exc:
        fail(str(exc))
    except db.DatabaseUnavailable as exc:
        fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_opt", metavar="PATH", help="Database file (default: $P2PNEWS_DB, else data/p2pnews.duckdb).")
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail to stderr.")
@click.version_option(__version__)
@click.pass_context
def main(ctx, db_opt, verbose):
    """Chinese P2P-lending news: crawl, archive, extract, tag and query events."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"db": paths.db_path(db_opt)}


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--replay", multiple=True, metavar="WARC", help="Serve every request from these archives (no network).")
@click.option("--start-url", multiple=True, metavar="URL", help="Crawl from these list pages with the generic spider.")
@click.option("--article-pattern", metavar="REGEX", help="Article URLs match this (with --start-url).")
@click.option("--max-pages", type=int, default=0, help="Stop after this many article pages (0: no limit).")
@click.option("--since", metavar="DATE", help="Backfill: page lists deeper until articles are older than DATE (YYYY-MM-DD).")
@click.option("--resume", is_flag=True, help="Continue each source's interrupted crawl where it stopped.")
@click.option("--sources-file", metavar="TOML", help="Sources file (default: $P2PNEWS_SOURCES or spiders/sources.toml).")
@click.option("-s", "--set", "set_", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.pass_context
def crawl(ctx, sources, replay, start_url, article_pattern, max_pages, since, resume, sources_file, set_):
    """Crawl news sources (or --start-url pages) into the archive and the database."""
    import os
    from datetime import date

    from p2pnews import jobs

    if sources_file:  # the spider loader reads it when it imports the source spiders
        os.environ["P2PNEWS_SOURCES"] = str(Path(sources_file).resolve())
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            fail(f"--since {since!r}: expected YYYY-MM-DD")
    overrides = {}
    for item in set_:
        name, sep, value = item.partition("=")
        if not sep:
            fail(f"-s {item!r}: expected NAME=VALUE")
        overrides[name] = value
    runs = []
    if start_url:
        args = {"start_urls": ",".join(start_url)}
        if article_pattern:
            args["article_pattern"] = article_pattern
        runs.append(("generic", args))
    for name in sources:
        runs.append((name, {}))
    if not runs:
        fail("name a source (see `p2pnews sources`) or give --start-url URL")
    try:
        all_stats = jobs.run_crawl(runs, ctx.obj["db"], replay=list(replay), max_pages=max_pages,
                                   settings=overrides, since=since, resume=resume)
    except (FileNotFoundError, KeyError) as exc:
        fail(str(exc).strip("'\""))
    # db.DatabaseUnavailable, seen.SourceBusy, warc.WarcReadError: each message says what to do
    except RuntimeError as exc:
        fail(str(exc))
    ok = True
    for name, stats in all_stats.items():
        if len(all_stats) > 1:
            click.echo(f"{name}:", err=True)
        _print_crawl_stats(stats)
        ok &= stats.get("finish_reason") in ("finished", "closespider_pagecount", "closespider_itemcount")
        if stats.get("downloader/request_count") and not stats.get("response_received_count"):
            # an unattended nightly run must not report success when nothing could be fetched
            click.echo(f"p2pnews: error: {name}: no request got an answer (network, DNS or every URL "
                       "refused); see the log above, then `p2pnews sources check " + name + "`", err=True)
            ok = False
    if not ok:
        sys.exit(1)


def _print_crawl_stats(stats: dict) -> None:
    keys = ["downloader/request_count", "p2pnews/pages_archived", "p2pnews/article_pages", "p2pnews/articles",
            "p2pnews/events", "p2pnews/replay/miss"]
    shown = {k: stats.get(k, 0) for k in keys}
    shown.update({k: v for k, v in stats.items() if k.startswith("p2pnews/dropped/")})
    click.echo(" ".join(f"{k.split('/', 1)[-1]}={v}" for k, v in shown.items()), err=True)


@main.command()
@click.argument("warcs", nargs=-1, required=True, type=click.Path())
@click.pass_context
def ingest(ctx, warcs):
    """Extract, tag and store the HTML pages of WARC files (ours or Common Crawl's)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn
    import db
    from p2pnews import jobs

    missing = [w for w in warcs if not Path(w).is_file()]
    for w in missing:
        click.echo(f"p2pnews: error: {w}: no such file", err=True)
    present = [w for w in warcs if w not in missing]
    if not present:
        sys.exit(1)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True,
                  console=_stderr_console()) as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            stats = jobs.ingest(present, ctx.obj["db"], progress=lambda url: bar.update(task, description=url[:100]))
        except db.DatabaseUnavailable as exc:
            fail(str(exc))
    click.echo(f"records={stats.records} articles={stats.articles} events={stats.events} "
               f"failed={stats.failed} skipped={stats.skipped}", err=True)
    if missing or stats.bad_files:
        sys.exit(1)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--url", help="The page's URL (helps with dates, site rules and canonical URLs).")
def extract(files, url):
    """Extract title, time, author, source and body from saved HTML files: one JSON line each."""
    from pipeline.extract import ExtractError, extract as extract_page

    bad = 0
    for f in files:
        try:
            data = Path(f).read_bytes()
            art = extract_page(data, url=url)
        except OSError as exc:
            click.echo(f"p2pnews: error: {f}: {exc.strerror}", err=True); bad += 1; continue
        except ExtractError as exc:
            click.echo(f"p2pnews: error: {f}: not an article page ({exc})", err=True); bad += 1; continue
        out = {"path": f, "url": url or art.get("url"),
               **{k: art.get(k) for k in ("title", "published_at", "author", "source", "body")},
               **{k: v for k, v in art.items() if k in ("published_at_source", "editor", "canonical_url", "encoding")}}
        sys.stdout.write(orjson.dumps(out).decode() + "\n")
    if bad:
        sys.exit(1)


@main.command()
@click.option("--risk-model", type=click.Path(),
              help="Model that picks risk_names (default: models/risk_names.npz beside the database, if there).")
@click.option("--name-pick", type=click.Path(),
              help="Pick of each text's platforms among the names recognised (default: the one "
                   "`platforms learn` wrote beside the database, models/names.crfsuite.pick.npz, if there).")
@click.pass_context
def tag(ctx, risk_model, name_pick):
    """Tag events in JSON lines {"id","text","title"?,"published_at"?,"names"?} from stdin; one line out per line in."""
    from pipeline.tagio import tag_stream
    from pipeline.gazetteer_db import load_gazetteer, load_name_pick, load_risk_model
    from pipeline.tag import name_pick as picks
    from pipeline.tag import risk_model as rm

    gazetteer = load_gazetteer(ctx.obj["db"])
    if risk_model:   # asked for by name: it must load
        try:
            model = rm.load(Path(risk_model))
        except rm.RiskModelError as exc:
            fail(str(exc))
    else:            # the one beside the database, as ingest and crawl use it
        model = load_risk_model(ctx.obj["db"])
    if name_pick:
        try:
            pick = picks.load(Path(name_pick))
        except picks.NamePickError as exc:
            fail(str(exc))
    else:
        pick = load_name_pick(ctx.obj["db"])
    stats = tag_stream(sys.stdin, sys.stdout, gazetteer=gazetteer, risk_model=model, name_pick=pick)
    if stats["bad"]:
        click.echo(f"p2pnews: {stats['bad']} of {stats['lines']} input lines were not valid records "
                   "(each answered with an \"error\" field)", err=True)
    if stats["failed"]:
        click.echo(f"p2pnews: the tagger failed on {stats['failed']} of {stats['lines']} records (each answered "
                   "with an \"error\" field); please report them with the lines that caused it", err=True)
        sys.exit(1)


def _list_options(what: str):
    """The filters and output options `events` and `incidents` share."""
    def wrap(fn):
        for opt in reversed([
            click.option("--since", metavar="YYYY-MM-DD"),
            click.option("--until", metavar="YYYY-MM-DD"),
            click.option("--type", "types", multiple=True, metavar="CODE",
                         help="Event code, e.g. platform.absconded (repeatable)."),
            click.option("--platform", metavar="NAME"),
            click.option("--polarity", "polarities", multiple=True,
                         type=click.Choice(["affirmed", "denied", "possible"]),
                         help=f"Only {what} of this polarity (repeatable); e.g. affirmed leaves out "
                              "denials and rumours."),
            click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
                         show_default=True),
            click.option("--out", type=click.Path(), help="Write here instead of stdout (required for parquet)."),
        ]):
            fn = opt(fn)
        return fn
    return wrap


def _export(ctx, what: str, export, fmt: str, out, **filters):
    from db.export import ExportError

    con = open_db(ctx, read_only=True)
    try:
        n = export(con, fmt, out, **filters)
    except ExportError as exc:
        fail(str(exc))
    if out:
        click.echo(f"{n} {what} written to {out}", err=True)


@main.command()
@_list_options("events")
@click.pass_context
def events(ctx, since, until, types, platform, polarities, fmt, out):
    """Export events (with their article) as JSON lines, CSV or Parquet."""
    from db.export import export_events

    _export(ctx, "events", export_events, fmt, out, since=since, until=until, event_type=list(types),
            platform=platform, polarity=list(polarities))


@main.command()
@_list_options("incidents")
@click.option("--min-sources", type=click.IntRange(min=1), metavar="N",
              help="Only incidents reported by at least N sources.")
@click.pass_context
def incidents(ctx, since, until, types, platform, polarities, fmt, out, min_sources):
    """Export incidents (one happening, every article that reports it) as JSON lines, CSV or
    Parquet. --since/--until keep incidents seen in that range."""
    from db.export import export_incidents

    _export(ctx, "incidents", export_incidents, fmt, out, since=since, until=until, event_type=list(types),
            platform=platform, polarity=list(polarities), min_sources=min_sources)


@main.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.pass_context
def sql(ctx, query, fmt):
    """Run a read-only SQL query against the database."""
    import duckdb
    from p2pnews.show import print_result

    con = open_db(ctx, read_only=True)
    try:
        cur = con.execute(query)
    except duckdb.Error as exc:
        fail(f"SQL: {exc}")
    print_result(cur, fmt)


@main.group()
def platforms():
    """The platform gazetteer."""


@platforms.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["wdzj", "names"]), default="wdzj", show_default=True)
@click.pass_context
def platforms_import(ctx, files, fmt):
    """Load platform lists (网贷之家 CSV exports, or one name per line) into `platforms`."""
    from pipeline.gazetteer import merge_row, parse_file
    from pipeline.gazetteer_db import merge_platforms

    merged, bad = {}, 0
    for f in files:
        try:
            for row in parse_file(f, fmt):
                merge_row(merged, row)
        except (OSError, ValueError, KeyError) as exc:
            click.echo(f"p2pnews: error: {f}: {exc}", err=True); bad += 1
    con = open_db(ctx)
    n = merge_platforms(con, list(merged.values()))
    click.echo(f"{n} platforms imported from {len(files) - bad} file(s)", err=True)
    if bad:
        sys.exit(1)


@main.command()
@click.option("--max-pages", type=int, default=0)
@click.pass_context
def demo(ctx, max_pages):
    """Crawl the bundled demo archive (replay), run every stage, print a summary."""
    from p2pnews.demo import run_demo

    run_demo(ctx.obj["db"], max_pages=max_pages)


from p2pnews.cli_sources import sources  # noqa: E402  (the `sources` group lives in its own module)
from p2pnews.cli_names import discover, learn  # noqa: E402  (the learned name recogniser's commands)
from p2pnews.cli_risk import risk  # noqa: E402  (the learned risk-name pick)
main.add_command(sources)
main.add_command(risk)
platforms.add_command(learn)
platforms.add_command(discover)


if __name__ == "__main__":
    main()
