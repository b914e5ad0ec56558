"""Independent pieces of work side by side in forked processes. crfsuite trains on one core,
and `platforms learn` with its pick trains four recognisers that need nothing of each other.

The tasks are closures over this process's state (rows, gazetteer): forked workers inherit
them, so nothing but each task's result is pickled. Where fork is missing (Windows, or jobs
of 1) the same tasks run here one after another, with the same results."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

class WorkerDied(RuntimeError):
    """A worker process ended without a result (killed, out of memory)."""


_tasks: list[Callable] = []   # what the forked workers inherit; set only while a pool runs


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _run(i: int):
    return _tasks[i]()


def run_all(tasks: list[Callable], jobs: int = 1, done: Callable[[int], None] | None = None) -> list:
    """Each task's result, in the order of `tasks`; done(i) as task i finishes. A task's
    exception is raised here; a worker that dies raises WorkerDied."""
    global _tasks
    tasks = list(tasks)
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for i, task in enumerate(tasks):
            out.append(task())
            if done:
                done(i)
        return out
    results: list = [None] * len(tasks)
    _tasks = tasks
    try:
        with ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=multiprocessing.get_context("fork")) as pool:
            pending = {pool.submit(_run, i): i for i in range(len(tasks))}
            for future in as_completed(pending):
                i = pending[future]
                results[i] = future.result()
                if done:
                    done(i)
    except BrokenProcessPool as exc:
        raise WorkerDied(f"a worker process died ({exc}); run again with --jobs 1 to see why") from exc
    finally:
        _tasks = []
    return results
