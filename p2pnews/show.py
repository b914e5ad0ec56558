"""Printing query results for people (rich tables) and for pipes (CSV, JSON lines)."""
from __future__ import annotations

import csv
import sys

import orjson

_PIPED_WIDTH = 1000


def print_result(cur, fmt: str = "table", limit: int = 1000) -> None:
    cols = [d[0] for d in cur.description] if cur.description else []
    rows = cur.fetchall()
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(orjson.dumps(dict(zip(cols, r)), default=str).decode() + "\n")
    else:
        print_table(cols, rows[:limit])
        if len(rows) > limit:
            print(f"… {len(rows) - limit} more rows (use --format csv for all)", file=sys.stderr)


def print_table(cols, rows, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(str(c), overflow="fold")
    for r in rows:
        table.add_row(*["" if v is None else str(v) for v in r])
    console = Console()
    if not console.is_terminal:
        # piped to a file or a log, where nothing folds lines: rows stay whole at the
        # table's own width instead of rich's 80 columns (a table never grows to fill it)
        console = Console(width=_PIPED_WIDTH)
    console.print(table)
