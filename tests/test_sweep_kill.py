"""Checkpointed sweeps killed mid-way (SIGKILL) with every executor kind save as they go,
resume to the uninterrupted table, and leave no pool worker behind (issue 12, section 1)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from fractions import Fraction as F

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

_SCRIPT = textwrap.dedent(
    """
    import json, os, sys, time
    from concurrent.futures import ThreadPoolExecutor
    from fractions import Fraction
    import gametheory as gt
    from gametheory.sweep import InlineExecutor, process_pool

    KIND, CK, LOG, OUT = sys.argv[1:5]

    def f(x, y):
        with open(LOG, "a") as fh:
            fh.write(f"{x},{y},{os.getpid()}\\n")
        time.sleep(0.005)
        return {"z": Fraction(x, y + 1), "w": x / (y + 1), "label": "even" if (x + y) % 2 == 0 else "odd"}

    def run(ex):
        df = gt.sweep(f, {"x": range(100), "y": range(5)}, executor=ex, checkpoint=CK, batch_size=7)
        with open(OUT + ".tmp", "w") as fh:
            json.dump([list(df.columns)] + [[repr(v) for v in row] for row in df.itertuples(index=False)], fh)
        os.replace(OUT + ".tmp", OUT)

    if __name__ == "__main__":
        if KIND == "none":
            run(None)
        elif KIND == "inline":
            run(InlineExecutor())
        elif KIND == "thread":
            with ThreadPoolExecutor(2) as ex:
                run(ex)
        elif KIND == "process":
            with process_pool(2) as ex:
                run(ex)
        elif KIND == "dask":
            from distributed import Client, LocalCluster
            with LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as c, Client(c) as cl:
                run(cl.get_executor())
    """
)
N_POINTS, BATCH = 500, 7
N_BATCHES = -(-N_POINTS // BATCH)
WORKERS = {"inline": 1, "thread": 2, "process": 2, "dask": 2}


def _expected() -> list:
    rows = [
        [repr(x), repr(y), repr(F(x, y + 1)), repr(x / (y + 1)), repr("even" if (x + y) % 2 == 0 else "odd")]
        for x in range(100)
        for y in range(5)
    ]
    return [["x", "y", "z", "w", "label"]] + rows


def _committed(path) -> set[int]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return {r[0] for r in db.execute("SELECT batch FROM batches")}
    except sqlite3.Error:
        return set()


def _lines(path) -> list[str]:
    try:
        return [ln for ln in path.read_text().splitlines() if ln.count(",") == 2]
    except FileNotFoundError:
        return []


def _env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


@pytest.mark.parametrize("kind", ["inline", "thread", "process", "dask"])
def test_kill_loses_at_most_the_batches_in_flight_and_resume_completes(tmp_path, kind):
    if kind == "dask":
        pytest.importorskip("distributed")
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    ck, log, out = tmp_path / "c.sqlite", tmp_path / "log.txt", tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, str(script), kind, str(ck), str(log), str(out)], env=_env())
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_committed(ck)) < 3 and proc.poll() is None:
            time.sleep(0.01)
        # while it runs: the points computed so far exceed the saved ones by at most the
        # batches in flight (2 x workers) and the one being read
        before = len(_committed(ck))
        computed = len(_lines(log))
        after = len(_committed(ck))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not out.exists(), "the sweep finished before it was killed; the test did not test anything"
    assert before >= 3, "no batch was saved while the sweep ran"
    limit = 2 * WORKERS[kind]
    assert computed <= BATCH * (after + limit + 1), (computed, after)
    committed = _committed(ck)
    assert 0 < len(committed) < N_BATCHES
    helpers = {int(ln.split(",")[2]) for ln in _lines(log)} - {proc.pid}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(p) for p in helpers):
        time.sleep(0.05)  # pool workers end with their parent (see the test below)
    first = _lines(log)
    log.write_text("")
    res = subprocess.run([sys.executable, str(script), "none", str(ck), str(log), str(out)], env=_env(), timeout=300)
    assert res.returncode == 0
    assert json.loads(out.read_text()) == _expected()
    recomputed = [tuple(map(int, ln.split(",")[:2])) for ln in _lines(log)]
    assert all((x * 5 + y) // BATCH not in committed for x, y in recomputed)  # saved batches are not redone
    assert len(recomputed) == N_POINTS - sum(min(N_POINTS, (b + 1) * BATCH) - b * BATCH for b in committed)
    assert len(first) >= BATCH * len(committed)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except OSError:
        return True


def test_pool_workers_exit_when_the_sweep_is_killed(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    ck, log, out = tmp_path / "c.sqlite", tmp_path / "log.txt", tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, str(script), "process", str(ck), str(log), str(out)], env=_env())
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            time.sleep(0.02)
            workers = {int(ln.split(",")[2]) for ln in _lines(log)} - {proc.pid}
        assert len(workers) == 2, "the pool's two workers never ran a point"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not out.exists()
    # poll (do not time): every worker must be gone well within 30 s
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(p) for p in workers):
        time.sleep(0.1)
    alive = [p for p in workers if _running(p)]
    for p in alive:  # do not leave them behind even when the test fails
        os.kill(p, signal.SIGKILL)
    assert not alive, f"pool workers {alive} outlived the killed sweep"


@pytest.mark.parametrize("workers", [1, 2])
def test_batches_are_saved_while_later_ones_run(tmp_path, workers):
    """In process: when a point of batch b runs, all but the last 2 x workers batches are saved."""
    from concurrent.futures import ThreadPoolExecutor

    import gametheory as gt
    from gametheory.sweep import InlineExecutor

    ck = tmp_path / "c.sqlite"
    lag = []

    def f(x):
        lag.append(x // 5 - len(_committed(ck)))  # batches begun but not saved, this one included
        return {"y": x}

    ex = InlineExecutor() if workers == 1 else ThreadPoolExecutor(workers)
    with ex:
        df = gt.sweep(f, {"x": range(100)}, executor=ex, checkpoint=ck, batch_size=5, key="f")
    assert df["y"].tolist() == list(range(100)) and len(_committed(ck)) == 20
    assert max(lag) < 2 * workers  # (submitting every batch first: up to 19 unsaved)
