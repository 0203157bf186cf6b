"""Sample-equilibrium methods for n-player games: simplicial subdivision ("simpdiv") and
global Newton ("gnm"); pygambit's simpdiv_solve/gnm_solve as oracle."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import example, HealthCheck, given, settings, strategies as st

import gametheory as gt
from gametheory.equilibrium import same_profile
from gametheory.solvers.global_newton import gnm_equilibria
from gametheory.solvers.simplicial import simpdiv_equilibrium
from pygambit_oracle import run_oracle

METHODS = ("simpdiv", "gnm")


def random_game(shape, seed, exact=True):
    rng = np.random.default_rng(seed)
    if exact:
        return gt.NormalFormGame([rng.integers(-9, 10, shape) for _ in shape])
    return gt.NormalFormGame([rng.normal(size=shape) for _ in shape])


def independent_regret_ok(game, eq):
    """The regret check done here, not by the solver: exact games exactly, floats by game.tols."""
    r = gt.regret(game, [list(s) for s in eq.strategies])
    if eq.exact:
        return all(x == 0 for x in r)
    return all(float(x) <= t for x, t in zip(r, game.tols))


def check_result(game, eqs, method):
    assert isinstance(eqs, gt.Equilibria) and eqs.method == method and eqs.complete is False
    assert len(eqs) >= 1
    for eq in eqs:
        assert independent_regret_ok(game, eq), eq
        reg = eq.params["regret"]
        assert len(reg) == game.n_players and all(r <= t for r, t in zip(reg, eq.tols))
        assert eq.exact or eq.tol == max(game.tols)


# ---------------------------------------------------------------------- regret below tolerance
game_shapes = st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 2, 2, 2)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=game_shapes, seed=st.integers(0, 10**6), exact=st.booleans(), method=st.sampled_from(METHODS))
# a path that crosses lam = 0, then cannot pass a change of support: the crossing is kept
@example(shape=(3, 2, 2, 2), seed=1133, exact=True, method="gnm")
def test_every_returned_profile_has_regret_below_tolerance(shape, seed, exact, method):
    game = random_game(shape, seed, exact)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.IncompleteResultWarning)
        eqs = gt.solve(game, method=method)
    check_result(game, eqs, method)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("shape,seed", [((3, 3, 3), 0), ((3, 3, 3), 1), ((4, 4, 4), 2), ((2, 3, 2, 3), 3)])
def test_larger_games(method, shape, seed):
    game = random_game(shape, seed)
    check_result(game, gt.solve(game, method=method), method)


def test_gnm_finds_several_equilibria_on_one_path():
    # the path crosses lam = 0 an odd number of times; this game's path crosses more than once
    game = random_game((3, 3, 3), 3)
    eqs = gnm_equilibria(game)
    assert len(eqs) >= 2
    assert len({eq.key() for eq in eqs}) == len(eqs)


# ---------------------------------------------------------------------- exactness
def test_exact_game_two_mixers_gives_exact_equilibrium():
    # matching pennies between players 0 and 1; player 2 has a dominant strategy
    A = np.zeros((2, 2, 2), dtype=int)
    B = np.zeros((2, 2, 2), dtype=int)
    C = np.zeros((2, 2, 2), dtype=int)
    for a in range(2):
        for b in range(2):
            A[a, b, :] = 3 if a == b else -1
            B[a, b, :] = -1 if a == b else 1
            C[a, b, :] = [0, 2]
    game = gt.NormalFormGame([A, B, C])
    for method in METHODS:
        (eq,) = gt.solve(game, method=method)
        assert eq.exact
        assert eq.strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), (F(0), F(1)))
        assert eq.params["regret"] == (0, 0, 0)


def test_float_game_gives_float_equilibrium_with_regret():
    game = random_game((3, 3, 3), 5, exact=False)
    for method in METHODS:
        for eq in gt.solve(game, method=method):
            assert not eq.exact and all(isinstance(r, float) for r in eq.params["regret"])


# ---------------------------------------------------------------------- uniqueness and oracle
def jordan_game(scales=(1, 1, 1), shifts=(0, 0, 0)):
    """Jordan's (1993) three-player matching pennies: 1 matches 2, 2 matches 3, 3 mismatches 1.
    Its only equilibrium is every player mixing 1/2-1/2."""
    A, B, C = (np.zeros((2, 2, 2), dtype=object) for _ in range(3))
    for a in range(2):
        for b in range(2):
            for c in range(2):
                A[a, b, c] = 1 if a == b else -1
                B[a, b, c] = 1 if b == c else -1
                C[a, b, c] = -1 if c == a else 1
    arrays = [F(s) * X + F(t) for X, s, t in zip((A, B, C), scales, shifts)]
    return gt.NormalFormGame(arrays)


def dominance_solvable(shape, seed):
    """A random game where each player has a strictly dominant strategy (its unique equilibrium)."""
    rng = np.random.default_rng(seed)
    arrays = []
    for i, m in enumerate(shape):
        u = rng.integers(-5, 6, shape)
        bonus = np.zeros(shape, dtype=int)
        idx = [slice(None)] * len(shape)
        idx[i] = int(rng.integers(m))
        bonus[tuple(idx)] = 11
        arrays.append(u + bonus)
    return gt.NormalFormGame(arrays)


def _gambit_points(arrays, which):
    import pygambit as gbt

    g = gbt.Game.from_arrays(*[np.asarray(a, dtype=float) for a in arrays])
    if which == "simpdiv":
        res = gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True))
    else:
        res = gbt.nash.gnm_solve(g)
    return [[[float(e[s]) for s in p.strategies] for p in g.players] for e in res.equilibria]


def _gambit_regret(arrays, profile):
    import pygambit as gbt

    g = gbt.Game.from_arrays(*[np.asarray(a, dtype=float) for a in arrays])
    prof = g.mixed_strategy_profile()
    for p, s in zip(g.players, profile):
        for strat, x in zip(p.strategies, s):
            prof[strat] = float(x)
    return float(prof.max_regret())


def arrays_of(game):
    return [np.asarray(a, dtype=float) for a in game.payoffs]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pygambit_agrees_ours_are_equilibria(method, seed):
    game = random_game((3, 3, 3), seed)
    scale = max(float(np.ptp(a)) for a in arrays_of(game))
    for eq in gt.solve(game, method=method):
        assert run_oracle(_gambit_regret, arrays_of(game), [list(map(float, s)) for s in eq.strategies]) <= 1e-9 * scale


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "game",
    [jordan_game(), jordan_game((2, F(1, 3), 5), (-7, 1, F(5, 2))), dominance_solvable((3, 3, 3), 0),
     dominance_solvable((2, 3, 2, 3), 1)],
    ids=["jordan", "jordan-affine", "dominant-333", "dominant-2323"],
)
def test_unique_equilibrium_is_the_point_pygambit_finds(method, game):
    (ours,) = gt.solve(game, method=method)
    theirs = run_oracle(_gambit_points, arrays_of(game), method)
    assert theirs
    for prof in theirs:
        assert max(abs(float(p) - q) for s, t in zip(ours.strategies, prof) for p, q in zip(s, t)) < 1e-5
    assert ours.exact  # the unique equilibria here are rational


# ---------------------------------------------------------------------- invariance
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [3, 4])
def test_invariant_to_positive_affine_payoff_changes(method, seed):
    game = random_game((3, 3, 2), seed, exact=False)
    moved = game
    for i, (a, b) in enumerate([(3.0, -2.0), (0.25, 10.0), (7.0, 0.5)]):
        moved = moved.affine(i, a, b)
    base, other = gt.solve(game, method=method), gt.solve(moved, method=method)
    assert len(base) == len(other)
    for e, f in zip(base, other):
        assert same_profile(e.strategies, f.strategies, tol=1e-8)


# ---------------------------------------------------------------------- bad input and caps
@pytest.mark.parametrize("bad", [0, -3, 1.5, "10", True, None])
def test_non_positive_or_non_integer_caps_are_rejected(bad):
    game = jordan_game()
    with pytest.raises(gt.InvalidGameError, match="max_steps"):
        gnm_equilibria(game, max_steps=bad)
    for name in ("grid", "max_refinements", "max_pivots"):
        with pytest.raises(gt.InvalidGameError, match=name):
            simpdiv_equilibrium(game, **{name: bad})


def test_wrong_types_are_rejected():
    with pytest.raises(gt.InvalidGameError, match="NormalFormGame"):
        gnm_equilibria([[1, 2], [3, 4]])
    with pytest.raises(gt.InvalidGameError, match="NormalFormGame"):
        simpdiv_equilibrium("game")
    game = jordan_game()
    with pytest.raises(gt.InvalidGameError, match="perturbation"):
        gnm_equilibria(game, perturbation=[[1, 0], [1, 0]])
    with pytest.raises(gt.InvalidGameError, match="unique"):
        gnm_equilibria(game, perturbation=[[1, 1], [1, 0], [0, 1]])
    with pytest.raises(gt.InvalidGameError, match="seed"):
        gnm_equilibria(game, seed="x")
    with pytest.raises(gt.InvalidGameError, match="start"):
        simpdiv_equilibrium(game, start=[[1, 0]])
    with pytest.raises(gt.InvalidGameError, match="tol"):
        gt.solve(game, method="gnm", tol=-1)
    with pytest.raises(gt.InvalidGameError, match="limit"):
        gt.solve(game, method="simpdiv", limit=3)
    with pytest.raises(gt.InvalidGameError):
        gt.count_equilibria(game, method="gnm")


def test_caps_stop_the_search_with_a_clear_error():
    game = random_game((3, 3, 3), 1)
    with pytest.raises(gt.SolverError, match="max_pivots=5"):
        simpdiv_equilibrium(game, max_pivots=5)
    with pytest.raises(gt.SolverError, match="max_refinements=1"):
        simpdiv_equilibrium(game, max_refinements=1, grid=1)
    with pytest.raises(gt.SolverError, match="max_steps=3"):
        gnm_equilibria(game, max_steps=3)


def test_cap_after_an_equilibrium_warns_and_returns_it():
    game = random_game((3, 3, 3), 3)
    full = gnm_equilibria(game)
    assert len(full) >= 2
    last = max(eq.params["step"] for eq in full)  # cut the path before its last crossing
    with pytest.warns(gt.IncompleteResultWarning, match="max_steps"):
        cut = gnm_equilibria(game, max_steps=last - 1)
    assert 1 <= len(cut) < len(full)
    check_result(game, cut, "gnm")


def test_explicit_perturbation_and_start_are_used():
    game = random_game((2, 2, 2), 7)
    eqs = gnm_equilibria(game, perturbation=[[0, 1], [1, 0], [0.3, 1]])
    check_result(game, eqs, "gnm")
    eqs = simpdiv_equilibrium(game, start=[[1, 0], [0, 1], [F(1, 2), F(1, 2)]])
    check_result(game, eqs, "simpdiv")


def test_gnm_stops_when_the_tracer_closes_a_loop():
    # on this 5x5x5 game the tracer slips onto a closed loop after its ninth crossing; it used
    # to go round it until max_steps (minutes); now it stops there with a warning
    rng = np.random.default_rng(2026)
    for shape in [(3, 3, 3)] * 5 + [(5, 5, 5)]:  # the sixth game drawn as in benchmarks/bench_samplers.py
        arrays = [rng.integers(-99, 100, shape) for _ in shape]
    game = gt.NormalFormGame(arrays)
    with pytest.warns(gt.IncompleteResultWarning, match="loop"):
        eqs = gnm_equilibria(game)
    assert max(e.params["path_steps"] for e in eqs) < 1000
    check_result(game, eqs, "gnm")
