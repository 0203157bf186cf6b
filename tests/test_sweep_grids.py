"""Grid values: finite everywhere (one message), exact on every path, bounded in size."""

from __future__ import annotations

import dataclasses
import importlib
import io
import itertools
import math
import re
import sys
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest

import gametheory as gt
from gametheory.cli import main, parse_grid_spec
from gametheory.errors import GameError
from models.registry import MODELS

SWEEP = importlib.import_module("gametheory.sweep")  # the module (gametheory.sweep is also the function)
NON_FINITE = re.compile(r"parameter (\w+)=(\S+) is not a finite number$")

BAD_VALUES = [
    float("inf"),
    float("-inf"),
    float("nan"),
    np.float64("inf"),
    np.float32("nan"),
    Decimal("Infinity"),
    Decimal("NaN"),
    "inf",
    "-Infinity",
    "nan",
]


def _assert_non_finite(exc: BaseException, name: str) -> None:
    m = NON_FINITE.search(str(exc))
    assert m is not None and m.group(1) == name, str(exc)


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# ---------------------------------------------------------------------- 1. finite values
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_non_finite_grid_values_are_refused_with_one_message(bad):
    with pytest.raises(GameError) as exc:
        gt.sweep("volunteers-dilemma", {"benefit": [4, bad]}, registry=MODELS)
    _assert_non_finite(exc.value, "benefit")
    with pytest.raises(GameError) as exc:  # a plain function has no ranges: still refused
        gt.sweep(lambda x: {"y": 1}, {"x": [1, bad]})
    _assert_non_finite(exc.value, "x")
    with pytest.raises(GameError) as exc:  # a one-value axis is how a fixed parameter is swept
        gt.sweep("volunteers-dilemma", {"benefit": [4, 5], "cost": [bad]}, registry=MODELS)
    _assert_non_finite(exc.value, "cost")


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_non_finite_dataframe_grid_values_are_refused(bad):
    frame = pd.DataFrame({"benefit": [4, bad]})
    with pytest.raises(GameError) as exc:
        gt.sweep("volunteers-dilemma", frame, registry=MODELS)
    _assert_non_finite(exc.value, "benefit")
    with pytest.raises(GameError) as exc:
        gt.sweep(lambda x: {"y": 1}, pd.DataFrame({"x": [1.0, bad]}))
    _assert_non_finite(exc.value, "x")


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_registry_parameters_refuse_non_finite_values(bad):
    for name in ("volunteers-dilemma", "unilateral-deterrence", "repeated-pd"):
        model = MODELS[name]
        real = [k for k, p in model.parameters.items() if p.kind is float]
        with pytest.raises(GameError) as exc:
            model.check_params({real[0]: bad})
        _assert_non_finite(exc.value, real[0])
        with pytest.raises(GameError) as exc:  # unbounded parameters too (no range to catch it)
            model.solve(**{real[-1]: bad})
        _assert_non_finite(exc.value, real[-1])


@pytest.mark.parametrize("text", ["inf", "-inf", "+Infinity", "nan", "NaN"])
def test_cli_refuses_non_finite_values_everywhere(capsys, tmp_path, text):
    fig = str(tmp_path / "f.png")
    calls = [
        ("benefit", ["table", "volunteers-dilemma", "--param", f"benefit={text}"]),
        ("benefit", ["sweep", "volunteers-dilemma", "--grid", f"benefit=4,{text}"]),
        ("benefit", ["sweep", "volunteers-dilemma", "--grid", f"benefit={text}:5:3"]),
        ("cost", ["sweep", "volunteers-dilemma", "--grid", "benefit=4,5", "--param", f"cost={text}"]),
        ("cost", ["plot", "volunteers-dilemma", "--x", "benefit=4:5:3", "--y", "n=2:4:3", "--param", f"cost={text}", "-o", fig]),
        ("benefit", ["plot", "volunteers-dilemma", "--x", f"benefit=4:{text}:3", "--y", "n=2:4:3", "-o", fig]),
    ]
    for name, args in calls:
        code, out, err = _cli(capsys, *args)
        assert code == 1 and out == "", (args, out)
        assert err.startswith("gametheory: error: ") and err.count("\n") == 1, err
        _assert_non_finite(err.strip(), name)


def test_finite_values_still_pass():
    df = gt.sweep("volunteers-dilemma", {"benefit": [np.float32(4), Decimal("5"), 6, F(13, 2)], "cost": [10**400 // 10**399 - 9]}, registry=MODELS)
    assert len(df) == 4


# ---------------------------------------------------------------------- 2. exact grids stay exact
VECTORIZED = [name for name in MODELS if MODELS[name].solve_many is not None]


def _exact_grid(model) -> dict:
    """Every parameter at its default made exact; the first two real parameters also at a
    nearby non-integer Fraction inside their range (so 1/3-like values appear)."""
    grid = {}
    bumped = 0
    for k, p in model.parameters.items():
        d = F(p.default) if p.kind is not int else int(p.default)
        vals = [d]
        if p.kind is float and bumped < 2:
            for cand in (d + F(1, 3), d - F(1, 3), d / 3, F(1, 3)):
                try:
                    p.check(k, cand)
                except GameError:
                    continue
                if cand != d:
                    vals.append(cand)
                    bumped += 1
                    break
        grid[k] = vals
    assert bumped == 2
    return grid


def _per_point(model, grid) -> list[dict]:
    """The ``gametheory table`` rows of every grid point, in grid order (errors as rows)."""
    rows = []
    names = list(grid)
    for combo in itertools.product(*grid.values()):
        point = dict(zip(names, combo))
        try:
            rows.extend(model.rows(**point))
        except GameError as exc:
            rows.append({**point, "error": str(exc)})
    return rows


def _typed(v):
    if isinstance(v, float) and math.isnan(v):
        return ("nan",)
    if isinstance(v, (bool, np.bool_)):
        return (bool, bool(v))
    return (type(v), v)


@pytest.mark.parametrize("name", VECTORIZED)
def test_exact_grids_equal_the_per_point_table_exactly(name):
    assert len(VECTORIZED) >= 8  # every registered model with a solve_many is covered
    model = MODELS[name]
    grid = _exact_grid(model)
    table = _per_point(model, grid)
    df = gt.sweep(model, grid, errors="record")
    assert len(df) == len(table)
    assert any(isinstance(v, F) and v.denominator > 1 for r in table for v in r.values())
    assert sum("error" not in r for r in table) >= 2  # real results, not only refusals
    for got, want in zip(df.to_dict("records"), table):
        assert {k: _typed(got[k]) for k in want} == {k: _typed(v) for k, v in want.items()}


@pytest.mark.parametrize("name", VECTORIZED)
def test_float_flag_uses_floats_and_agrees_within_tolerance(name):
    model = MODELS[name]
    grid = _exact_grid(model)
    table = _per_point(model, grid)
    df = gt.sweep(model, grid, errors="record", exact=False)
    assert len(df) == len(table)
    for got, want in zip(df.to_dict("records"), table):
        # solve_many may return fewer columns than solve (labels it does not compute)
        for k, v in ((k, v) for k, v in want.items() if k in got):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                assert got[k] is None or (isinstance(got[k], float) and math.isnan(got[k])), (k, got[k])
            elif isinstance(v, (bool, np.bool_, str)):
                assert got[k] == v, (k, got[k], v)
            elif k not in grid:
                assert not isinstance(got[k], F), (k, got[k])  # the float path really ran
                assert float(got[k]) == pytest.approx(float(v), rel=1e-9, abs=1e-12), k


def test_cli_sweep_prints_what_table_prints(capsys):
    code, out_table, _ = _cli(capsys, "table", "unilateral-deterrence", "--param", "credibility=1/3", "--format", "csv")
    assert code == 0
    code, out_sweep, _ = _cli(capsys, "sweep", "unilateral-deterrence", "--grid", "credibility=1/3,1/2", "--format", "csv")
    assert code == 0
    t = pd.read_csv(io.StringIO(out_table), dtype=str).iloc[0].to_dict()
    s = pd.read_csv(io.StringIO(out_sweep), dtype=str).iloc[0].to_dict()
    assert s == t and s["credibility"] == "1/3"
    code, out_float, _ = _cli(capsys, "sweep", "unilateral-deterrence", "--grid", "credibility=1/3,1/2", "--format", "csv", "--float")
    f = pd.read_csv(io.StringIO(out_float)).iloc[0]
    assert code == 0 and f["credibility"] == pytest.approx(1 / 3)


def test_mixed_batches_keep_point_order_and_exactness():
    """Float points take the vectorized path, exact points the per-point path, in one batch."""
    grid = {"credibility": [0.25, F(1, 3), F(3, 4), 0.9], "u_dc": [1, F(3, 2)]}
    df = gt.sweep("unilateral-deterrence", grid, batch_size=3, registry=MODELS)
    model = MODELS["unilateral-deterrence"]
    points = list(itertools.product(*grid.values()))
    assert list(zip(df["credibility"], df["u_dc"])) == points
    for (c, u), row in zip(points, df.to_dict("records")):
        want = model.solve(credibility=c, u_dc=u)
        if isinstance(c, float):
            assert row["threshold"] == pytest.approx(float(want["threshold"]))
        else:
            assert type(row["threshold"]) is type(want["threshold"]) and row["threshold"] == want["threshold"]
        assert bool(row["deterred"]) == bool(want["deterred"])


def test_float_grids_still_take_the_vectorized_path():
    calls = []
    model = MODELS["volunteers-dilemma"]

    def spy(**arrays):
        calls.append(len(next(iter(arrays.values()))))
        return model.solve_many(**arrays)

    spied = dataclasses.replace(model, solve_many=spy)
    gt.sweep(spied, {"benefit": np.linspace(2, 5, 50), "n": [2, 3]})
    assert calls == [100]
    gt.sweep(spied, {"benefit": [2, F(5, 2)], "n": [2, 3]})  # exact: never through solve_many
    assert calls == [100]
    with pytest.raises(GameError, match="exact must be True or False"):
        gt.sweep(spied, {"benefit": [2]}, exact="no")


# ---------------------------------------------------------------------- 3. bounded grids
def test_grid_size_is_bounded_before_anything_is_built():
    def boom(**kw):
        raise AssertionError("no point may run")

    with pytest.raises(GameError) as exc:
        gt.sweep(boom, {"a": range(1, 10_001), "b": range(1, 10_001)})
    assert "10,000 x 10,000 = 100,000,000 points" in str(exc.value) and f"{SWEEP.MAX_POINTS:,}" in str(exc.value)
    with pytest.raises(GameError, match="1,000,000,000,000 points"):  # never listed (8 TB)
        gt.sweep(boom, {"a": range(10**12)})


def test_generator_axes_and_frames_are_bounded(monkeypatch):
    monkeypatch.setattr(SWEEP, "MAX_POINTS", 1000)
    with pytest.raises(GameError, match="more than the bound of 1,000 points"):
        gt.sweep(lambda a: {"y": a}, {"a": itertools.count()})  # endless: read only up to the bound
    with pytest.raises(GameError, match="1,001 points"):
        gt.sweep(lambda a: {"y": a}, pd.DataFrame({"a": range(1001)}))
    with pytest.raises(GameError, match="40 x 30 = 1,200 points"):
        gt.sweep(lambda a, b: {"y": a}, {"a": (x for x in range(40)), "b": list(range(30))})
    assert len(gt.sweep(lambda a, b: {"y": a}, {"a": range(40), "b": range(25)})) == 1000


def test_cli_grid_size_is_bounded(capsys):
    code, out, err = _cli(capsys, "sweep", "volunteers-dilemma", "--grid", "benefit=1:2:10000", "--grid", "cost=0:1:10000")
    assert code == 1 and out == ""
    assert "10,000 x 10,000 = 100,000,000 points" in err and "10,000,000" in err
    code, _, err = _cli(capsys, "sweep", "volunteers-dilemma", "--grid", "benefit=1:2:100000000000")
    assert code == 1 and "100,000,000,000 points" in err
    code, _, err = _cli(capsys, "plot", "volunteers-dilemma", "--x", "benefit=1:2:10000", "--y", "cost=0:1:10000", "-o", "x.png")
    assert code == 1 and "100,000,000 points" in err


@pytest.mark.parametrize("spec", ["n=2,,3", "n=2,3,", "n=,2", "n=2, ,3"])
def test_empty_grid_values_are_errors(capsys, spec):
    with pytest.raises(GameError, match="empty value"):
        parse_grid_spec(spec)
    code, out, err = _cli(capsys, "sweep", "volunteers-dilemma", "--grid", spec)
    assert code == 1 and out == "" and "empty value" in err


def test_param_naming_a_gridded_parameter_is_an_error(capsys, tmp_path):
    code, out, err = _cli(capsys, "sweep", "volunteers-dilemma", "--grid", "n=2,3", "--param", "n=4")
    assert code == 1 and out == "" and "'n' is given both as --grid and as --param" in err
    fig = str(tmp_path / "f.png")
    code, out, err = _cli(capsys, "plot", "volunteers-dilemma", "--x", "benefit=4:5:3", "--y", "n=2:4:3", "--param", "n=7", "-o", fig)
    assert code == 1 and "'n' is given both as --y and as --param" in err
    code, out, err = _cli(capsys, "sweep", "volunteers-dilemma", "--grid", "n=2,3", "--param", "cost=1", "--param", "cost=2")
    assert code == 1 and "given twice" in err
