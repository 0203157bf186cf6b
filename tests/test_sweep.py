"""gametheory.sweep: grids, executors, the vectorized path, checkpoints (kill and resume)."""

from __future__ import annotations

import importlib
import math
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from gametheory.sweep import InlineExecutor, grid_points
from models.registry import Model, Parameter


# A closed-form test model: the volunteer's dilemma (Diekmann 1985), symmetric mixed
# equilibrium p* = 1 - (c/v)^(1/(n-1)); probability that nobody volunteers (1 - p*)^n.
def _vd(n, benefit, cost):
    if cost >= benefit:
        return {"p": 0.0, "p_nobody": 1.0, "outcome": "nobody"}
    p = 1 - (cost / benefit) ** (1 / (n - 1))
    return {"p": p, "p_nobody": (1 - p) ** n, "outcome": "mixed"}


def _vd_many(n, benefit, cost):
    n = np.asarray(n, dtype=float)
    ratio = np.asarray(cost, dtype=float) / np.asarray(benefit, dtype=float)
    p = np.where(ratio >= 1, 0.0, 1 - np.minimum(ratio, 1) ** (1 / (n - 1)))
    return {"p": p, "p_nobody": (1 - p) ** n, "outcome": np.where(ratio >= 1, "nobody", "mixed")}


VD = Model(
    name="test-volunteers-dilemma",
    title="Volunteer's dilemma (test)",
    source="Diekmann (1985)",
    parameters={
        "n": Parameter(3, 2, 1000, "players", kind=int),
        "benefit": Parameter(4, 0, None, "value of the good"),
        "cost": Parameter(1, 0, None, "cost of volunteering"),
    },
    solve_fn=_vd,
    solve_many=_vd_many,
)
VD_SLOW = Model(VD.name + "-pp", VD.title, VD.source, VD.parameters, _vd)


# A 2x2 coordination game with several equilibria per point, solved exactly by hand:
# payoffs (a, a) on (0, 0), (1, 1) on (1, 1), 0 elsewhere; mixed p(strategy 0) = 1/(1+a).
def _coord_rows(a):
    a = F(a)
    m = 1 / (1 + a)
    return [
        {"s1": (F(1), F(0)), "u1": a, "kind": "pure"},
        {"s1": (F(0), F(1)), "u1": F(1), "kind": "pure"},
        {"s1": (m, 1 - m), "u1": a * m, "kind": "mixed"},
    ]


COORD = Model(
    name="test-coordination",
    title="Coordination (test)",
    source="textbook",
    parameters={"a": Parameter(2, F(1, 100), 100, "payoff of (0, 0)")},
    solve_fn=lambda a: _coord_rows(a)[0],
    rows_fn=_coord_rows,
)


def add(a, b):
    return {"sum": a + b, "prod": a * b}


def test_cartesian_order_and_columns():
    df = gt.sweep(add, {"a": [1, 2, 3], "b": [10, 20]})
    assert list(df.columns) == ["a", "b", "sum", "prod"]
    assert list(zip(df.a, df.b)) == [(1, 10), (1, 20), (2, 10), (2, 20), (3, 10), (3, 20)]
    assert list(df["sum"]) == [11, 21, 12, 22, 13, 23]


def test_model_rows_include_defaults_and_exact_values():
    df = gt.sweep(VD_SLOW, {"cost": [F(1), F(4)], "n": [2]})
    # n = 2: p* = 1 - c/v exactly with Fraction inputs
    assert df["p"].tolist()[0] == pytest.approx(0.75)
    assert set(df.columns) >= {"n", "cost", "benefit", "p", "p_nobody"}
    assert (df["benefit"] == 4).all()
    assert df["outcome"].tolist() == ["mixed", "nobody"]


def test_several_equilibria_are_rows_with_an_index():
    df = gt.sweep(COORD, {"a": [F(1, 2), 3]})
    assert len(df) == 6
    assert df["equilibrium"].tolist() == [0, 1, 2, 0, 1, 2]
    mixed = df[df.kind == "mixed"]
    assert mixed["s1"].tolist() == [(F(2, 3), F(1, 3)), (F(1, 4), F(3, 4))]


def test_function_returning_lists_gets_equilibrium_index():
    df = gt.sweep(lambda k: [{"x": j} for j in range(k)], {"k": [1, 3]})
    assert df[["k", "equilibrium", "x"]].values.tolist() == [[1, 0, 0], [3, 0, 0], [3, 1, 1], [3, 2, 2]]


def test_dataframe_grid_is_a_list_of_points():
    pts = pd.DataFrame({"a": [5, 1, 5], "b": [1, 2, 3]})
    df = gt.sweep(add, pts)
    assert df[["a", "b", "sum"]].values.tolist() == [[5, 1, 6], [1, 2, 3], [5, 3, 8]]


def test_model_by_name_unknown_is_game_error():
    from models.registry import MODELS

    with pytest.raises(GameError, match="unknown model"):
        gt.sweep("no-such-model-xyz", {"a": [1]}, registry=MODELS)


@pytest.mark.parametrize(
    "grid, match",
    [
        ({"nope": [1]}, "unknown grid parameter"),
        ({"cost": []}, "no values"),
        ({"n": [1]}, "below its range"),
        ({"n": [2.5]}, "integer"),
        ({}, "empty"),
        (pd.DataFrame(), "no points"),
        ([1, 2], "dict"),
        ({"cost": [float("nan")]}, "not a finite number"),
    ],
)
def test_bad_grids_raise_game_error(grid, match):
    with pytest.raises(GameError, match=match):
        gt.sweep(VD, grid)


@pytest.mark.parametrize(
    "frame, match",
    [
        (pd.DataFrame({"n": [2, 1]}), "below its range"),
        (pd.DataFrame({"n": [2.0, 2.5]}), "integer"),
        (pd.DataFrame({"cost": [0.5, float("nan")]}), "not a finite number"),
        (pd.DataFrame({"cost": [-1.0]}), "below its range"),
    ],
)
def test_bad_dataframe_grids_raise_game_error(frame, match):
    with pytest.raises(GameError, match=match):
        gt.sweep(VD, frame)


def test_dataframe_grid_of_integral_floats_for_an_int_parameter():
    df = gt.sweep(VD_SLOW, pd.DataFrame({"n": [2.0, 3.0]}))
    assert df["n"].tolist() == [2, 3] and df["p"].tolist() == pytest.approx([0.75, 0.5])


def test_unknown_parameter_of_a_plain_function():
    with pytest.raises(GameError, match="unknown grid parameter"):
        gt.sweep(add, {"a": [1], "c": [2]})


def test_point_errors_raise_or_are_recorded():
    def f(x):
        if x == 2:
            raise GameError("x may not be 2")
        return {"y": x}

    with pytest.raises(GameError, match=r"grid point 1 \(x=2\): x may not be 2"):
        gt.sweep(f, {"x": [1, 2, 3]})
    df = gt.sweep(f, {"x": [1, 2, 3]}, errors="record")
    assert df["error"].isna().tolist() == [True, False, True]
    assert df["y"].tolist()[0] == 1 and math.isnan(df["y"].tolist()[1])


def test_bad_return_type():
    with pytest.raises(GameError, match="dict or a list of dicts"):
        gt.sweep(lambda a: 3, {"a": [1]})


def test_vectorized_equals_per_point():
    grid = {"n": [2, 3, 7, 50], "cost": np.linspace(0.1, 5, 37), "benefit": [1, 4]}
    fast = gt.sweep(VD, grid)
    slow = gt.sweep(VD_SLOW, grid)
    assert len(fast) == len(slow) == 4 * 37 * 2
    assert fast[["n", "cost", "benefit"]].values.tolist() == slow[["n", "cost", "benefit"]].values.tolist()
    np.testing.assert_allclose(fast["p"].astype(float), slow["p"].astype(float), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(fast["p_nobody"].astype(float), slow["p_nobody"].astype(float), rtol=1e-12)
    assert fast["outcome"].tolist() == slow["outcome"].tolist()


def test_vectorized_million_points():
    # timing: benchmarks/bench_sweep.py (reported there, never asserted)
    df = gt.sweep(VD, {"n": np.arange(2, 102), "cost": np.linspace(0.01, 3.99, 10_000)})
    assert len(df) == 10**6
    # Diekmann's comparative static: P(nobody volunteers) rises with n at fixed c/v
    sub = df[np.isclose(df["cost"], df["cost"].iloc[5000])].sort_values("n")
    assert np.all(np.diff(sub["p_nobody"].to_numpy()) > 0)


@given(
    a=st.lists(st.integers(-5, 5), min_size=1, max_size=4, unique=True),
    b=st.lists(st.fractions(), min_size=1, max_size=4, unique=True),
    batch=st.integers(1, 7),
)
def test_executors_and_batches_give_the_serial_table(a, b, batch):
    serial = gt.sweep(add, {"a": a, "b": b})
    with ThreadPoolExecutor(2) as ex:
        threaded = gt.sweep(add, {"a": a, "b": b}, executor=ex, batch_size=batch)
    inline = gt.sweep(add, {"a": a, "b": b}, executor=InlineExecutor(), batch_size=batch)
    pd.testing.assert_frame_equal(serial, threaded)
    pd.testing.assert_frame_equal(serial, inline)
    assert len(serial) == len(a) * len(b)


def test_process_pool_equals_serial():
    from concurrent.futures import ProcessPoolExecutor

    from gametheory.solvers.batch2x2 import solve_2x2_point

    grid = {"a11": [0, 1, 3], "a12": [0, 2], "a21": [1, 2], "a22": [0, 3], "b11": [1], "b12": [0, 2], "b21": [2], "b22": [1]}
    serial = gt.sweep(solve_2x2_point, grid)
    with ProcessPoolExecutor(2) as ex:
        par = gt.sweep(solve_2x2_point, grid, executor=ex, batch_size=5)
    pd.testing.assert_frame_equal(serial, par)


def test_unpicklable_function_with_a_process_pool_is_a_clear_error():
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as ex, pytest.raises(GameError, match="does not pickle"):
        gt.sweep(lambda a: {"b": a}, {"a": [1, 2]}, executor=ex)


def _pid(k):
    return {"pid": os.getpid()}


def test_large_per_point_grids_use_processes_by_default(monkeypatch):
    # `import gametheory.sweep as m` would bind the public function gt.sweep (the name the
    # package gives it), not the module: patch the module itself
    sweep_module = importlib.import_module("gametheory.sweep")
    monkeypatch.setattr(sweep_module, "PROCESS_THRESHOLD", 50)
    df = gt.sweep(_pid, {"k": range(60)}, batch_size=10)
    assert os.getpid() not in set(df["pid"]) and df["k"].tolist() == list(range(60))
    small = gt.sweep(_pid, {"k": range(40)}, batch_size=10)
    assert set(small["pid"]) == {os.getpid()}
    lam = gt.sweep(lambda k: {"pid": os.getpid()}, {"k": range(60)}, batch_size=10)  # cannot pickle: stays here
    assert set(lam["pid"]) == {os.getpid()}


def test_dask_local_cluster_equals_serial():
    import distributed

    grid = {"n": [2, 3, 5], "cost": [F(1, 2), 1, 3, 5]}
    serial = gt.sweep(VD_SLOW, grid)
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        dist = gt.sweep(VD_SLOW, grid, executor=client.get_executor(), batch_size=3)
    pd.testing.assert_frame_equal(serial, dist)


def test_progress_bar_when_forced(capsys):
    gt.sweep(add, {"a": range(50), "b": [1]}, progress=True, batch_size=10)
    err = capsys.readouterr().err
    assert "50/50 points (100%)" in err
    gt.sweep(add, {"a": range(50), "b": [1]}, progress=False)
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------------- checkpoints
def test_checkpoint_resume_in_process(tmp_path):
    ck = tmp_path / "s.sqlite"
    calls = []

    def f(x):
        calls.append(x)
        if x == 37 and len(calls) < 100:
            raise KeyboardInterrupt  # an interruption in the middle of batch 3
        return {"y": F(x, 7)}

    # f closes over `calls`, which changes between the runs: key= vouches that f is the same
    with pytest.raises(KeyboardInterrupt):
        gt.sweep(f, {"x": range(100)}, checkpoint=ck, batch_size=10, key="f v1")
    assert sorted(calls) == list(range(38))
    calls.clear()
    calls.extend([None] * 100)  # let x = 37 pass now
    df = gt.sweep(f, {"x": range(100)}, checkpoint=ck, batch_size=10, key="f v1")
    recomputed = [c for c in calls if c is not None]
    assert sorted(recomputed) == list(range(30, 100))  # batches 0-2 were not recomputed
    assert df["x"].tolist() == list(range(100))
    assert df["y"].tolist() == [F(x, 7) for x in range(100)]


def test_checkpoint_of_another_sweep_is_refused(tmp_path):
    ck = tmp_path / "s.sqlite"
    gt.sweep(add, {"a": [1, 2], "b": [1]}, checkpoint=ck)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(add, {"a": [1, 3], "b": [1]}, checkpoint=ck)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(GameError, match="not a usable SQLite"):
        gt.sweep(add, {"a": [1], "b": [1]}, checkpoint=bad)


def test_vectorized_checkpoint_resumes(tmp_path):
    ck = tmp_path / "v.sqlite"
    grid = {"n": [2, 3, 4], "cost": np.linspace(0.5, 2, 10)}
    first = gt.sweep(VD, grid, checkpoint=ck, batch_size=7)
    again = gt.sweep(VD, grid, checkpoint=ck, batch_size=7)
    pd.testing.assert_frame_equal(first, again)
    with sqlite3.connect(ck) as db:
        assert db.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 5


_SCRIPT = textwrap.dedent(
    """
    import sys, time, pickle
    from fractions import Fraction
    import gametheory as gt

    LOG = sys.argv[2]

    def f(x, y):
        with open(LOG, "a") as fh:
            fh.write(f"{x},{y}\\n")
        time.sleep(0.003)
        return {"z": Fraction(x, y + 1), "label": "even" if (x + y) % 2 == 0 else "odd"}

    df = gt.sweep(f, {"x": range(100), "y": range(5)}, checkpoint=sys.argv[1], batch_size=7)
    with open(sys.argv[3], "wb") as fh:
        pickle.dump(df, fh)
    """
)


def _done_batches(path):
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return [r[0] for r in db.execute("SELECT batch FROM batches")]
    except sqlite3.Error:
        return []


@pytest.mark.parametrize("kill_after", [0.0, 0.25, 0.6])
def test_sigkill_then_resume_gives_the_uninterrupted_table(tmp_path, kill_after):
    import pickle

    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    ck, log, out = tmp_path / "c.sqlite", tmp_path / "log.txt", tmp_path / "out.pkl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(script), str(ck), str(log), str(out)], env=env)
    # wait for the first committed batch (or the given time), then kill without warning
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _done_batches(ck):
        time.sleep(0.01)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "the sweep finished before it was killed; the test did not test anything"
    committed = set(_done_batches(ck))
    assert committed
    first_log = log.read_text().splitlines()
    log.write_text("")
    res = subprocess.run([sys.executable, str(script), str(ck), str(log), str(out)], env=env, timeout=120)
    assert res.returncode == 0
    with open(out, "rb") as fh:
        resumed = pickle.load(fh)
    recomputed = [tuple(map(int, line.split(","))) for line in log.read_text().splitlines()]
    # nothing from a committed batch was computed again
    for x, y in recomputed:
        assert (x * 5 + y) // 7 not in committed
    assert len(recomputed) + 7 * len(committed) >= 500 - 6
    assert len(first_log) >= 7 * len(committed)
    expected = pd.DataFrame(
        [{"x": x, "y": y, "z": F(x, y + 1), "label": "even" if (x + y) % 2 == 0 else "odd"} for x in range(100) for y in range(5)]
    )
    pd.testing.assert_frame_equal(resumed, expected)
    assert not resumed.duplicated(["x", "y"]).any()


def test_grid_points_validates_against_model():
    names, per, frame = grid_points({"cost": ["1/2", 2]}, VD)
    assert names == ["cost"] and per == [[F(1, 2), 2]] and frame is None
