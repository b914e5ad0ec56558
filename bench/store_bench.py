"""Batched Arrow writes (db.writer) against row-at-a-time INSERTs, same rows, same run.

Prints rows/s for both and their ratio; the row-at-a-time side is what a naive pipeline
does and is the bound this design is meant to beat.
    .venv/bin/python bench/store_bench.py [N]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import db  # noqa: E402
from db import writer  # noqa: E402


def make_events(n: int, prefix: str) -> list[dict]:
    return [{"event_id": f"{prefix}{i}", "article_id": f"a{i % 500}", "event_type": "platform.absconded",
             "polarity": "affirmed", "subject": "示例平台", "subject_kind": "platform", "platform": "示例平台",
             "trig": "跑路", "sentence": "示例平台跑路，涉及投资人2万余人。", "start_offset": i, "end_offset": i + 18,
             "confidence": 0.9, "persons": [{"name": "张某", "role": "实控人"}], "amount_yuan": 1.2e8,
             "investor_count": 20000, "location": "浙江/杭州", "authority": "经侦", "event_date": "2018-07-30",
             "extractor_version": "bench"} for i in range(n)]


def main(n: int = 20000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        batch = make_events(n, "b")
        t0 = time.perf_counter()
        writer._insert(con, "events", batch, writer.EVENT_COLUMNS)
        t_batch = time.perf_counter() - t0

        rows = make_events(max(n // 10, 200), "r")  # fewer rows: the slow path is the point
        arrow = writer._arrow(rows, writer.EVENT_COLUMNS).to_pylist()
        cols = ", ".join(writer.EVENT_COLUMNS)
        marks = ", ".join("?" for _ in writer.EVENT_COLUMNS)
        t0 = time.perf_counter()
        for r in arrow:
            con.execute(f"INSERT INTO events ({cols}) VALUES ({marks})", [r[c] for c in writer.EVENT_COLUMNS])
        t_rows = time.perf_counter() - t0
        con.close()
    batch_rps, row_rps = n / t_batch, len(rows) / t_rows
    print(f"batched Arrow INSERT … SELECT: {batch_rps:>10,.0f} rows/s ({n} rows)")
    print(f"row-at-a-time INSERT:          {row_rps:>10,.0f} rows/s ({len(rows)} rows)")
    print(f"ratio: {batch_rps / row_rps:.0f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
