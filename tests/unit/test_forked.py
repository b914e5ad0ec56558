"""Tasks side by side in forked workers: results in order, errors raised, a dead worker said."""
import os

import pytest

from pipeline.tag import forked

STATE = {"base": 10}   # module state a forked worker inherits (nothing is pickled but results)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_task_order_and_each_finish_is_reported(jobs):
    finished = []
    tasks = [lambda k=k: (STATE["base"] + k, os.getpid()) for k in range(5)]
    out = forked.run_all(tasks, jobs=jobs, done=finished.append)
    assert [v for v, _ in out] == [10, 11, 12, 13, 14]
    assert sorted(finished) == [0, 1, 2, 3, 4]
    pids = {pid for _, pid in out}
    assert (os.getpid() in pids) == (jobs == 1)   # jobs=2 runs nothing here


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_task_error_is_raised_in_the_caller(jobs):
    def bad():
        raise ValueError("no labelled rows")
    with pytest.raises(ValueError, match="no labelled rows"):
        forked.run_all([lambda: 1, bad], jobs=jobs)


def test_a_worker_that_dies_is_reported_not_waited_for():
    with pytest.raises(forked.WorkerDied, match="--jobs 1"):
        forked.run_all([lambda: 1, lambda: os._exit(3)], jobs=2)
