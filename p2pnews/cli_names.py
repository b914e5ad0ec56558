"""`p2pnews platforms learn|discover`: the learned name recogniser (pipeline.tag.names_model)
as the operator drives it: train it on labelled texts, then let it add the names it finds in
a corpus to the `platforms` table, where tagging picks them up."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
import orjson

from p2pnews import paths


def default_model(db_path) -> Path:
    """The model belongs to the database whose gazetteer it was trained with."""
    return paths.names_model(Path(db_path))


def _gazetteer(db_path):
    from pipeline.gazetteer_db import load_gazetteer
    from pipeline.tag import Gazetteer

    return load_gazetteer(db_path) or Gazetteer.seed()


def read_labelled_files(files, reader) -> list:
    """Every row of the labelled files, or a one-line error naming the file and what it lacks."""
    rows = []
    for f in files:
        try:
            rows += reader(f)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            _fail(f"{f}: {exc}")
    if not rows:
        _fail("no labelled rows in " + ", ".join(files))
    return rows


def _fail(message):
    from p2pnews.cli import fail   # the CLI's one-line error (imported late: cli imports this module)

    fail(message)


@click.command("learn")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--model", type=click.Path(), help="Where to write the model (default: models/names.crfsuite beside the database).")
@click.option("--iterations", type=int, default=100, show_default=True, help="Training passes (more: slower, rarely better).")
@click.option("--pick/--no-pick", default=True, show_default=True,
              help="Also learn which recognised names go in a text's `platforms` (three more trainings); "
                   "--no-pick removes the model's pick file, so `platforms` lists every recognised name.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Trainings side by side with the pick, in forked processes (default: the cores this machine gives).")
@click.pass_context
def learn(ctx, files, model, iterations, pick, jobs):
    """Train the name recogniser on labelled CSV files (text + names columns, e.g. BDCI 2019);
    the names they mark (in at least half the texts that hold them) join `platforms`."""
    from rich.progress import Progress

    import db
    from db.writer import replace_not_names, upsert_platforms
    from pipeline.tag import forked, name_pick
    from pipeline.tag.repeats import repeats_file
    from pipeline.tag.names_model import (labelled_names, merge_by_text, names_per_text, not_names, read_labelled, train,
                                          without_model_names)

    rows = merge_by_text(read_labelled_files(files, read_labelled))
    model = Path(model) if model else default_model(ctx.obj["db"])
    # learning again on this database gives the same models as the first time
    gz = without_model_names(_gazetteer(ctx.obj["db"]))
    jobs = jobs or forked.default_jobs()
    with Progress(console=_stderr(), transient=True) as bar:
        if pick:
            # the recogniser, and the pick of each text's platforms: every text tagged once as
            # listed, then once per part by a recogniser that never saw its labels
            task = bar.add_task(f"learning the recogniser and {name_pick.PARTS} more on parts of the texts "
                                f"({min(jobs, name_pick.PARTS + 1)} at a time)", total=3 * len(rows))
            model.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=model.parent) as work:
                try:
                    samples, candidates, summary = name_pick.cross_fitted_samples(
                        rows, gz, work, iterations, progress=lambda n: bar.advance(task, n), jobs=jobs,
                        alongside=lambda: train(rows, model, gz, iterations))
                except forked.WorkerDied as exc:
                    _fail(str(exc))
        else:
            task = bar.add_task("reading texts", total=2 * len(rows))
            summary = train(rows, model, gz, iterations, progress=lambda n: bar.advance(task, n))
            candidates = set().union(*names_per_text(rows, gz, progress=lambda n: bar.advance(task, n)))
    pick = _learn_pick(samples, rows, model) if pick else _drop_pick(model)
    words = not_names(rows, gz, candidates)
    marked = labelled_names(rows, gz)
    source = "labelled:" + ",".join(Path(f).name for f in files)
    try:
        with db.session(ctx.obj["db"]) as con:
            replace_not_names(con, [{"name": n, "seen": seen, "labelled": lab, "source": f"learned:{model.name}"}
                                    for n, (seen, lab) in sorted(words.items())])
            added = upsert_platforms(con, [{"name": n, "source": source} for n in sorted(marked)], overwrite=False)
    except db.DatabaseUnavailable as exc:
        _fail(str(exc))
    click.echo(f"name model: {summary['rows']} texts, {summary['names']} labelled names, "
               f"{len(gz)} gazetteer names -> {model}; {added} labelled names added to platforms; "
               f"{len(words)} listed or rule-found names are words in these texts (table not_names)"
               + (f"; repeats -> {repeats_file(model).name}" if repeats_file(model).is_file() else "")
               + (f"; platforms pick -> {name_pick.pick_file(model).name} (threshold {pick['threshold']:.2f})" if pick else ""),
               err=True)


def _learn_pick(samples, rows, model: Path):
    """The pick fitted and written beside the model, or None (said on stderr) where the samples
    cannot fit one: the recogniser stands and `tag` lists every recognised name."""
    from pipeline.tag import name_pick

    try:
        pick = name_pick.fit(samples)
        name_pick.save(pick, name_pick.label_counts(rows), name_pick.pick_file(model))
        return pick
    except name_pick.NamePickError as exc:
        click.echo(f"p2pnews: no pick of platforms learned ({exc})", err=True)
        return _drop_pick(model)


def _drop_pick(model: Path):
    """An older pick beside a retrained recogniser would judge names it never saw: removed."""
    from pipeline.tag import name_pick

    name_pick.pick_file(model).unlink(missing_ok=True)
    return None


def _texts(ctx, sources):
    """Texts to search: JSON lines files ({"text","title"?}, '-' = stdin), else the articles."""
    if not sources:
        import db

        try:
            with db.session(ctx.obj["db"], read_only=True) as con:
                rows = con.execute("SELECT coalesce(title, '') || '\n' || coalesce(body, '') FROM articles").fetchall()
        except (FileNotFoundError, db.DatabaseUnavailable) as exc:
            _fail(str(exc))
        return [r[0] for r in rows]
    texts = []
    for src in sources:
        try:
            stream = sys.stdin.buffer if src == "-" else open(src, "rb")
        except OSError as exc:
            _fail(f"{src}: {exc}")
        with stream:
            for n, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    obj = orjson.loads(line)
                    texts.append(((obj.get("title") or "") + "\n" + obj["text"]).strip())
                except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
                    _fail(f"{src}:{n}: not a JSON object with a \"text\" string")
    return texts


@click.command("discover")
@click.argument("sources", nargs=-1, type=click.Path())
@click.option("--model", type=click.Path(), help="Model file (default: models/names.crfsuite beside the database).")
@click.option("--min-confidence", type=float, default=0.5, show_default=True,
              help="Keep a CRF name only if the model is at least this sure of it somewhere "
                   "(the repeats model's names need its own learned cut).")
@click.option("--dry-run", is_flag=True, help="Print the names (TSV: name, texts, confidence); change nothing.")
@click.pass_context
def discover(ctx, sources, model, min_confidence, dry_run):
    """Find new platform/product names in texts (JSON lines files, or the stored articles) and add them to `platforms`."""
    from rich.progress import Progress

    import db
    from db.writer import upsert_platforms
    from pipeline.tag.names_model import NameModel, discover_names, unmarked_names

    model = Path(model) if model else default_model(ctx.obj["db"])
    texts = _texts(ctx, sources)
    try:
        recogniser = NameModel(model, _gazetteer(ctx.obj["db"]))
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    with Progress(console=_stderr(), transient=True) as bar:
        task = bar.add_task("finding names", total=len(texts))
        found = discover_names(texts, recogniser, min_confidence, progress=lambda n: bar.advance(task, n))
    # a name the model's own labelled texts hold unmarked is a word of the trade (新闻网, 加密货币)
    unmarked = unmarked_names(found, recogniser)
    found = {n: info for n, info in found.items() if n not in unmarked}
    if dry_run:
        for name, info in sorted(found.items(), key=lambda kv: -kv[1]["texts"]):
            click.echo(f"{name}\t{info['texts']}\t{info['confidence']:.2f}")
        return
    rows = [{"name": name, "source": f"learned:{model.name}"} for name in found]
    try:
        with db.session(ctx.obj["db"]) as con:
            added = upsert_platforms(con, rows, overwrite=False)
    except db.DatabaseUnavailable as exc:
        _fail(str(exc))
    click.echo(f"{len(found)} new names in {len(texts)} texts ({len(unmarked)} more left out: its labelled texts "
               f"hold them unmarked); {added} added to platforms", err=True)


def _stderr():
    from p2pnews.cli import _stderr_console

    return _stderr_console()
