"""`p2pnews risk learn`: train the model that picks which names a text is bad news about
(pipeline.tag.risk_model) on labelled texts; `p2pnews tag` uses it from then on."""
from __future__ import annotations

from pathlib import Path

import click

from p2pnews.cli_names import _fail, _gazetteer, _stderr, read_labelled_files


@click.group()
def risk():
    """The learned pick of the names a text is bad news about."""


@risk.command("learn")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--model", type=click.Path(), help="Where to write the model (default: models/risk_names.npz beside the database).")
@click.pass_context
def learn(ctx, files, model):
    """Train on labelled CSV files with text, entity, key_entity and (optional) negative columns
    (BDCI 2019 negative layout)."""
    from rich.progress import Progress

    from pipeline.tag import risk_model as rm

    rows = read_labelled_files(files, rm.read_labelled)
    model = Path(model) if model else rm.model_beside(ctx.obj["db"])
    gz = _gazetteer(ctx.obj["db"])
    with Progress(console=_stderr(), transient=True) as bar:
        task = bar.add_task("tagging labelled texts", total=len(rows))
        ex = rm.examples(rows, gz, progress=lambda n: bar.advance(task, n))
    try:
        trained = rm.train(ex)
    except rm.RiskModelError as exc:
        _fail(str(exc))
    rm.save(trained, model)
    negative = [x for x in ex if x["negative"]]
    names = sum(len(x["names"]) for x in negative)
    keys = sum(y for x in negative for _, y in x["names"])
    which = "learned" if trained["text_coef"].size else "the rules' (the labelled texts are all of one kind)"
    click.echo(f"risk model: {len(rows)} texts ({len(negative)} negative, with {names} candidate names, {keys} key); "
               f"bad-news call: {which} -> {model}", err=True)
