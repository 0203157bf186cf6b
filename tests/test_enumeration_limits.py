"""Bounded enumeration (issue 11, section 4): limit, on_limit, count_equilibria, progress."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidGameError, SolverError
from gametheory.solvers import _vertex_stream as vs
from gametheory.solvers.limits import (
    DEFAULT_LIMIT,
    EquilibriumLimitError,
    IncompleteResultWarning,
)

TWO_PLAYER = ("vertex", "support")


def identity(k: int) -> gt.NormalFormGame:
    eye = np.eye(k, dtype=int).tolist()
    return gt.NormalFormGame.from_bimatrix(eye, eye)


def key(e) -> tuple:
    return tuple(tuple(F(p) for p in s) for s in e.strategies)


@pytest.fixture
def streamed(monkeypatch):
    """Send every two-player game with a limit through the streaming search."""
    monkeypatch.setattr(vs, "STREAM_ABOVE", 0)


def test_default_limit_is_backward_inductions():
    from gametheory.extensive._backward import DEFAULT_LIMIT as TREE_LIMIT

    assert DEFAULT_LIMIT == TREE_LIMIT == 10_000
    assert issubclass(EquilibriumLimitError, SolverError)


def test_identity_50_default_limit_stops_with_error():
    # 2^50 - 1 equilibria; the stream visits at most limit + 2 vertices, so memory is bounded
    with pytest.raises(EquilibriumLimitError, match="more than 10000 equilibria") as info:
        gt.solve(identity(50))
    assert info.value.limit == DEFAULT_LIMIT and info.value.count is None


@pytest.mark.parametrize("method", TWO_PLAYER)
def test_identity_50_limit_raise_and_warn(method):
    g = identity(50)
    with pytest.raises(EquilibriumLimitError, match="more than 40 equilibria"):
        gt.solve(g, method=method, limit=40)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eqs = gt.solve(g, method=method, limit=40, on_limit="warn")
    assert [str(w.message).split(":")[0] for w in caught] == [f"{method}_enumeration"]
    assert issubclass(caught[0].category, IncompleteResultWarning) and "complete=False" in str(caught[0].message)
    assert len(eqs) == 40 and len({key(e) for e in eqs}) == 40
    for e in eqs:
        assert e.params["complete"] is False and e.exact
        assert gt.is_equilibrium(g, e.strategies)
        # an equilibrium of the identity game: both players uniform on one support
        x, y = e.strategies
        assert x == y and len({p for p in x if p}) == 1


def test_stream_budget_bounds_the_vertices_visited():
    visited = []
    with pytest.raises(vs.OverBudget):
        for _ in vs.stream_pairs(identity(50), progress=lambda d, t: visited.append(d), max_vertices=300):
            pass
    assert max(visited) <= 300


@pytest.mark.parametrize("k", range(1, 11))
def test_count_identity_closed_form(k):
    g = identity(k)
    assert vs.count_pairs(g) == 2**k - 1  # streamed, not the batch fallback
    for method in ("auto", *TWO_PLAYER):
        assert gt.count_equilibria(g, method=method) == 2**k - 1


def _nashpy_count(A: np.ndarray, B: np.ndarray) -> int:
    """The number of distinct equilibria nashpy's vertex enumeration finds.

    Not nashpy's support enumeration: on random float games it misses equilibria (the
    4x6 game of ``default_rng(6)``: 1 of the 3 that its vertex enumeration, its
    Lemke-Howson and ours find, all with zero regret), through float ties in its checks.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = nashpy.Game(A, B).vertex_enumeration()
        return len({tuple(np.round(np.concatenate(e), 7) + 0.0) for e in found})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 6), st.integers(2, 6), st.integers(0, 2**32 - 1))  # nashpy's qhull needs 2+
def test_count_equals_listing_and_nashpy_on_random_games(m, n, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))  # nondegenerate with probability one
    g = gt.NormalFormGame.from_bimatrix(A, B)
    count = gt.count_equilibria(g)
    eqs = gt.solve(g, limit=None)
    assert count == len(eqs) == _nashpy_count(A, B)
    assert all(gt.is_equilibrium(g, e.strategies) for e in eqs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_count_equals_listing_on_exact_games(m, n, seed):
    # small integer payoffs: often degenerate, then the count is the batch path's
    rng = np.random.default_rng(seed)
    g = gt.NormalFormGame.from_bimatrix(rng.integers(0, 4, (m, n)).tolist(), rng.integers(0, 4, (m, n)).tolist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        assert gt.count_equilibria(g) == len(gt.vertex_enumeration(g, limit=None))


@pytest.mark.parametrize("path", ["batch", "stream"])
@pytest.mark.parametrize("method", TWO_PLAYER)
@pytest.mark.parametrize("n", [1, 5, 62])
def test_limit_n_returns_n_of_the_equilibria(request, path, method, n):
    if path == "stream":
        request.getfixturevalue("streamed")
    g = identity(6)  # 63 equilibria
    full = {key(e) for e in gt.solve(g, method=method, limit=None)}
    assert len(full) == 63
    with pytest.raises(EquilibriumLimitError) as info:
        gt.solve(g, method=method, limit=n)
    assert info.value.count in (None, 63)
    with pytest.warns(IncompleteResultWarning):
        eqs = gt.solve(g, method=method, limit=n, on_limit="warn")
    assert len(eqs) == n and {key(e) for e in eqs} <= full and len({key(e) for e in eqs}) == n
    assert all(e.params["complete"] is False for e in eqs)


@pytest.mark.parametrize("path", ["batch", "stream"])
def test_limit_at_or_above_the_count_returns_everything(request, path):
    if path == "stream":
        request.getfixturevalue("streamed")
    rng = np.random.default_rng(7)
    g = gt.NormalFormGame.from_bimatrix(rng.random((5, 5)), rng.random((5, 5)))
    full = gt.solve(g, limit=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in TWO_PLAYER:
            eqs = gt.solve(g, method=method, limit=len(full))
            assert [key(e) for e in eqs] == [key(e) for e in gt.solve(g, method=method, limit=None)]
            assert all("complete" not in e.params for e in eqs)


def test_batch_path_names_the_exact_count():
    with pytest.raises(EquilibriumLimitError, match="has 63 equilibria") as info:
        gt.vertex_enumeration(identity(6), limit=10)
    assert info.value.count == 63


def test_pure_limit_counts_before_building():
    g = gt.NormalFormGame([np.zeros((30, 30, 30), dtype=int)] * 3)  # every cell: 27,000
    with pytest.raises(EquilibriumLimitError, match="has 27000 equilibria"):
        gt.pure_equilibria(g)
    with pytest.warns(IncompleteResultWarning):
        eqs = gt.pure_equilibria(g, limit=50, on_limit="warn")
    assert [e.params["profile"] for e in eqs] == [np.unravel_index(i, g.shape) for i in range(50)]
    assert gt.count_equilibria(g, method="pure") == 27000
    with pytest.raises(SolverError, match="too many support profiles"):
        gt.count_equilibria(g)  # auto: no complete method for a 30x30x30 game's mixed equilibria


def test_polynomial_limit_and_progress():
    # three-player coordination: two pure equilibria and one symmetric irrational mixed one
    u = np.zeros((2, 2, 2), dtype=int)
    u[0, 0, 0], u[1, 1, 1] = 3, 2
    g = gt.NormalFormGame([u, u, u])
    calls = []
    full = gt.polynomial_equilibria(g, limit=None, progress=lambda d, t: calls.append((d, t)))
    assert len(full) == 3
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and calls[-1][0] == calls[-1][1] == 27
    assert gt.count_equilibria(g, method="polynomial") == len(full)
    with pytest.raises(EquilibriumLimitError):
        gt.polynomial_equilibria(g, limit=2)
    with pytest.warns(IncompleteResultWarning):
        eqs = gt.solve(g, method="polynomial", limit=2, on_limit="warn")
    assert len(eqs) == 2 and {key(e) for e in eqs} <= {key(e) for e in full}


def _monotone(calls):
    dones = [d for d, _ in calls]
    return bool(calls) and dones == sorted(dones) and all(t is None or d <= t for d, t in calls)


def test_progress_support_pairs():
    calls = []
    gt.support_enumeration(identity(5), progress=lambda d, t: calls.append((d, t)))
    assert _monotone(calls) and calls[-1] == (251, 251)  # sum_k C(5, k)^2


def test_progress_stream_and_count(streamed):
    calls = []
    assert gt.count_equilibria(identity(10), progress=lambda d, t: calls.append((d, t))) == 1023
    assert _monotone(calls) and calls[-1] == (1024, 1024)
    calls.clear()
    with pytest.raises(EquilibriumLimitError):
        gt.vertex_enumeration(identity(12), limit=600, progress=lambda d, t: calls.append((d, t)))
    assert _monotone(calls) and calls[-1][0] <= 602


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_bad_limit_is_refused(bad):
    for f in (gt.vertex_enumeration, gt.support_enumeration, gt.pure_equilibria):
        with pytest.raises(InvalidGameError, match="limit must be a positive int or None"):
            f(identity(2), limit=bad)


def test_bad_options_are_refused():
    g = identity(2)
    with pytest.raises(InvalidGameError, match="on_limit"):
        gt.solve(g, on_limit="ignore")
    with pytest.raises(InvalidGameError, match="progress"):
        gt.solve(g, progress=3)
    for method in ("qre", "lemke-howson"):
        with pytest.raises(InvalidGameError, match="only apply to the enumerating methods"):
            gt.solve(g, method=method, limit=5)
        with pytest.raises(InvalidGameError, match="enumerating method"):
            gt.count_equilibria(g, method=method)
    with pytest.raises(InvalidGameError):
        gt.count_equilibria("not a game")


def test_cli_limit(tmp_path, capsys):
    from gametheory.cli import main
    from gametheory.io.gambit import write_gambit

    path = tmp_path / "identity.nfg"
    write_gambit(identity(6), path)
    assert main(["solve", str(path), "--limit", "5"]) == 1
    err = capsys.readouterr().err
    assert "63 equilibria, more than --limit 5" in err
    assert main(["solve", str(path), "--limit", "none", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 64
    assert "solve:" not in err  # stderr is not a terminal: no progress line
    assert main(["solve", str(path), "--limit", "0"]) == 2


def test_progress_stays_monotone_when_the_stream_hands_over(streamed, monkeypatch):
    # degenerate (A[1, 0] ties row 0): the stream visits 9 vertices, then the batch path decides
    monkeypatch.setattr(vs, "PROGRESS_EVERY", 1)
    A = np.eye(5, dtype=int)
    A[1, 0] = 1
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), np.eye(5, dtype=int).tolist())
    calls = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        eqs = gt.vertex_enumeration(g, progress=lambda d, t: calls.append((d, t)))
    assert eqs[0].params["route"] != "stream" and max(d for d, _ in calls) > 1
    assert _monotone(calls) and calls[-1][0] == calls[-1][1]
