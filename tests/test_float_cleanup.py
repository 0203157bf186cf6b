"""Float equilibria carry no roundoff noise: probabilities off the support are exactly 0.0.

Oracle: the exact (Fraction) twin of each float game.  On nondegenerate games every float
equilibrium matches one exact equilibrium, and wherever the exact probability is 0 the float
one must be exactly 0.0 (solver roundoff of 1e-17 used to survive there).  QRE points are
interior by construction (every probability positive) and are exempt; polished QRE end
points are Nash equilibria and are cleaned like the rest.
"""

import warnings

import numpy as np
import pytest

import gametheory as gt
from gametheory.equilibrium import PROB_ZERO, clean_probabilities
from gametheory.solvers.qre import qre_path


def assert_clean(e):
    for s in e.strategies:
        assert all(type(p) is float for p in s)
        assert all(p == 0.0 or p > PROB_ZERO for p in s), s
        assert abs(sum(s) - 1.0) <= 1e-12


def assert_matches_exact(float_eqs, exact_eqs):
    """Every float equilibrium is close to an exact one and exactly 0.0 off its support."""
    assert len(float_eqs) == len(exact_eqs)
    for e in float_eqs:
        assert_clean(e)
        flat = np.concatenate([np.array(s, float) for s in e.strategies])
        dists = [np.abs(flat - np.concatenate([np.array(s, float) for s in x.strategies])).max() for x in exact_eqs]
        twin = exact_eqs[int(np.argmin(dists))]
        assert min(dists) < 1e-9
        for s, t in zip(e.strategies, twin.strategies):
            assert all((p == 0.0) == (q == 0) for p, q in zip(s, t)), (s, t)


def random_games(kind, count, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = rng.integers(2, 6, 2)
        if kind == "uniform":  # nondegenerate with probability 1
            yield gt.NormalFormGame.from_bimatrix(rng.random((m, n)), rng.random((m, n)))
        else:  # short decimals with many ties: degenerate games
            yield gt.NormalFormGame.from_bimatrix(rng.integers(0, 3, (m, n)) / 10, rng.integers(0, 3, (m, n)) / 10)


def test_clean_probabilities_rule():
    X = clean_probabilities([[1.0, 2e-16, -1e-17], [0.25, 0.75 - 1e-13, 1e-13]])
    assert X[0].tolist() == [1.0, 0.0, 0.0]
    assert X[1].tolist()[2] == 0.0 and X[1].sum() == pytest.approx(1.0, abs=1e-15)
    legit = clean_probabilities([[1 - 1e-11, 1e-11]])  # above PROB_ZERO: a real probability stays
    assert legit[0, 1] == pytest.approx(1e-11)


@pytest.mark.parametrize("method", ["vertex", "support", "lemke-howson", "auto"])
def test_two_player_float_paths_on_nondegenerate_games(method):
    for g in random_games("uniform", 40, seed=7):
        found = gt.solve(g, method=method)
        exact = gt.solve(g.as_exact(), method="vertex")
        if method == "lemke-howson":  # a subset of the equilibria: match each one
            for e in found:
                assert_matches_exact([e], [min(exact, key=lambda x: max(
                    abs(float(p) - q) for s, t in zip(x.strategies, e.strategies) for p, q in zip(s, t)))])
        else:
            assert_matches_exact(found, exact)


@pytest.mark.parametrize("method", ["vertex", "support", "lemke-howson"])
def test_two_player_float_paths_on_degenerate_games(method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for g in random_games("decimal", 40, seed=11):
            eqs = gt.solve(g, method=method)
            assert eqs
            for e in eqs:
                assert_clean(e)
                assert gt.is_equilibrium(g, e)


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)])
def test_n_player_float_paths(shape):
    rng = np.random.default_rng(sum(shape))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k in range(6):
            # uniform floats (irrational / generic path) and short decimals (the rational-twin path)
            arrays = [rng.random(shape) for _ in shape] if k % 2 else [rng.integers(0, 5, shape) / 4 for _ in shape]
            g = gt.NormalFormGame(arrays)
            for method in ("polynomial", "auto"):
                for e in gt.solve(g, method=method):
                    assert_clean(e)
                    assert gt.is_equilibrium(g, e)


def test_pure_and_polished_qre_are_clean_but_qre_points_stay_interior():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])  # a PD
    (e,) = gt.solve(g, method="pure")
    assert e.strategies == ((0.0, 1.0), (0.0, 1.0))
    (q,) = gt.solve(g, method="qre")
    assert q.params["polished"] and q.strategies == ((0.0, 1.0), (0.0, 1.0))
    (pt,) = qre_path(g, [30.0])  # P(cooperate) = exp(-30) ~ 9e-14 < PROB_ZERO: kept, QRE points are exempt
    assert all(0 < s[0] < PROB_ZERO for s in pt.strategies)
