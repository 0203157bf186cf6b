"""Logit QRE: fixed point, principal branch, limit equilibrium; pygambit as oracle."""

from fractions import Fraction as F

import numpy as np
import pygambit
import pytest
from hypothesis import given, settings, strategies as st

import gametheory as gt
from gametheory.solvers.qre import logit_qre, qre_equilibrium, qre_path


def logit_response(game, prof, lam):
    out = []
    for i in range(game.n_players):
        v = game.as_float().deviation_payoffs(i, tuple(np.asarray(p, float) for p in prof), check=False)
        w = np.exp(lam * (v - v.max()))
        out.append(w / w.sum())
    return out


def pg_game(g):
    return pygambit.Game.from_arrays(*[np.asarray(a, dtype=float) for a in g.payoffs])


def as_lists(pg, prof):
    return [[float(prof[p][s]) for s in p.strategies] for p in pg.players]


def maxdiff(a, b):
    return max(abs(float(x) - float(y)) for sa, sb in zip(a, b) for x, y in zip(sa, sb))


def test_matching_pennies_qre_is_uniform_at_every_lambda():
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    for pt in qre_path(g, [0, 0.5, 3, 40, 500]):
        assert maxdiff(pt.strategies, [[0.5, 0.5], [0.5, 0.5]]) < 1e-12
    (e,) = qre_equilibrium(g)
    assert maxdiff(e.strategies, [[0.5, 0.5], [0.5, 0.5]]) < 1e-12
    assert e.method == "qre" and not e.exact and e.params["complete"] is False and e.params["polished"]


def test_centroid_at_zero_and_fixed_point():
    rng = np.random.default_rng(5)
    g = gt.NormalFormGame([rng.random((3, 2, 4)) for _ in range(3)])
    assert maxdiff(logit_qre(g, 0), [[1 / 3] * 3, [1 / 2] * 2, [1 / 4] * 4]) < 1e-15
    for lam in (0.7, 4.0, 25.0):
        prof = logit_qre(g, lam)
        assert maxdiff(prof, logit_response(g, prof, lam)) < 1e-10


@settings(max_examples=10)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3), (2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]))
def test_agrees_with_pygambit(seed, shape):
    rng = np.random.default_rng(seed)
    g = gt.NormalFormGame([rng.random(shape) for _ in shape])
    pg = pg_game(g)
    lams = [0.5, 3.0, 12.0]
    theirs = pygambit.qre.logit_solve_lambda(pg, lam=lams)
    for pt, th in zip(qre_path(g, lams), theirs):
        assert abs(pt.lam - th.lam) < 1e-6
        assert maxdiff(pt.strategies, as_lists(pg, th.profile)) < 1e-7
    (e,) = qre_equilibrium(g)
    assert max(gt.regret(g, e.strategies)) <= g.tol
    limit = as_lists(pg, pygambit.nash.logit_solve(pg).equilibria[0])
    # pygambit stops its path at a finite lambda and its end point is only an approximate
    # equilibrium; near a flat equilibrium a regret of 1e-8 is 2e-5 away (seeds 4076, 7014).
    # Both must be equilibria of the same branch: another equilibrium is O(0.01-1) away.
    assert max(gt.regret(g, limit)) < 1e-6
    assert maxdiff(e.strategies, limit) < 1e-3


def test_regret_falls_along_the_branch():
    rng = np.random.default_rng(11)
    g = gt.NormalFormGame([rng.random((3, 3, 3)) for _ in range(3)])
    lams = [1, 10, 100, 1000]
    regrets = [max(gt.regret(g, list(pt.strategies))) for pt in qre_path(g, lams)]
    assert all(a > b for a, b in zip(regrets, regrets[1:]))
    assert regrets[-1] < 0.01


def test_exact_game_and_dispatch():
    # battle of the sexes: the principal branch selects an equilibrium; it has zero regret
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    (e,) = gt.solve(g, method="qre")
    assert not e.exact and e.params["lam_max"] > 0
    assert max(gt.regret(g, e.strategies)) <= 1e-9
    assert any(maxdiff(e.strategies, o) < 1e-9 for o in ([[1, 0], [1, 0]], [[0, 1], [0, 1]], [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]))


def test_larger_game():
    rng = np.random.default_rng(2)
    g = gt.NormalFormGame([rng.random((4, 4, 4, 3)) for _ in range(4)])
    (e,) = qre_equilibrium(g)
    assert e.params["polished"] and max(gt.regret(g, e.strategies)) <= g.tol


def test_bad_input():
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    with pytest.raises(gt.GameError, match="lam"):
        logit_qre(g, -1)
    with pytest.raises(gt.GameError, match="lam"):
        logit_qre(g, float("nan"))
    with pytest.raises(gt.GameError, match="lams"):
        qre_path(g, [1, float("inf")])
    with pytest.raises(gt.GameError, match="lam_max"):
        qre_equilibrium(g, lam_max=0)
    with pytest.raises(gt.GameError, match="NormalFormGame"):
        qre_equilibrium([[1]])


def test_no_branch_jump_regression():
    # a 5-player game where larger predictor steps once landed on another QRE branch
    # near lambda = 12 (found by benchmarks/bench_nplayer.py); pygambit is the oracle
    rng = np.random.default_rng(2024)
    for shape in [(3, 3, 3), (5, 5, 5)]:
        for _ in range(20):
            [rng.random(shape) for _ in shape]
    for _ in range(5):
        arrays = [rng.random((2,) * 5) for _ in range(5)]
    g = gt.NormalFormGame(arrays)
    pg = pg_game(g)
    lams = [10.0, 15.0, 50.0]
    for pt, th in zip(qre_path(g, lams), pygambit.qre.logit_solve_lambda(pg, lam=lams)):
        assert maxdiff(pt.strategies, as_lists(pg, th.profile)) < 1e-7
    (e,) = qre_equilibrium(g)
    assert maxdiff(e.strategies, as_lists(pg, pygambit.nash.logit_solve(pg).equilibria[0])) < 1e-5
