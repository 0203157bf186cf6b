"""Two-player solvers: textbook games with exact answers, degenerate games, bad input.

Oracles: closed forms worked by hand (cited per game), pygambit's enummixed (rational)
for the extreme equilibria of degenerate games, exact regret for every profile.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pygambit as gbt
import pytest

import gametheory as gt
from gametheory.equilibrium import same_profile
from gametheory.solvers import _bimatrix, _polytope
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.support_enumeration import support_enumeration
from gametheory.solvers.vertex_enumeration import DegenerateGameWarning, vertex_enumeration

ALL = [support_enumeration, vertex_enumeration]
H = F(1, 2)


def gambit_set(A, B) -> set:
    """Extreme equilibria by pygambit's enummixed, in exact arithmetic."""
    g = gbt.Game.from_arrays(np.array(A, dtype=object), np.array(B, dtype=object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(F(int(eq[p][s].numerator), int(eq[p][s].denominator)) for s in p.strategies) for p in g.players)
        for eq in res.equilibria
    }


def profiles(eqs) -> set:
    return {e.strategies for e in eqs}


def pure(m, i):
    return tuple(F(int(k == i)) for k in range(m))


# (A, B, exact equilibrium set); ordinal games as in DESIGN 9.6 (Snyder & Diesing 1977)
TEXTBOOK = {
    # Osborne & Rubinstein (1994), ex. 15.3: unique mixed equilibrium
    "matching pennies": ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], {((H, H), (H, H))}),
    # Osborne (2004) sec. 4.3: two pure equilibria and x = (3/5, 2/5), y = (2/5, 3/5)
    "battle of the sexes": (
        [[3, 0], [0, 2]],
        [[2, 0], [0, 3]],
        {(pure(2, 0), pure(2, 0)), (pure(2, 1), pure(2, 1)), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))},
    ),
    "rock-paper-scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        {((F(1, 3),) * 3, (F(1, 3),) * 3)},
    ),
    # (C,C)=(3,3) (C,D)=(1,4) (D,C)=(4,1) (D,D)=(2,2): D strictly dominates
    "prisoner's dilemma": ([[3, 1], [4, 2]], [[3, 4], [1, 2]], {(pure(2, 1), pure(2, 1))}),
    # (3,3) (2,4) (4,2) (1,1): 3q + 2(1-q) = 4q + (1-q) gives q = 1/2
    "chicken": (
        [[3, 2], [4, 1]],
        [[3, 4], [2, 1]],
        {(pure(2, 0), pure(2, 1)), (pure(2, 1), pure(2, 0)), ((H, H), (H, H))},
    ),
    # (4,4) (1,3) (3,1) (2,2): 4q + (1-q) = 3q + 2(1-q) gives q = 1/2
    "stag hunt": (
        [[4, 1], [3, 2]],
        [[4, 3], [1, 2]],
        {(pure(2, 0), pure(2, 0)), (pure(2, 1), pure(2, 1)), ((H, H), (H, H))},
    ),
}


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
@pytest.mark.parametrize("solver", ALL)
def test_textbook_exact(name, solver):
    A, B, expected = TEXTBOOK[name]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    eqs = solver(g)
    assert profiles(eqs) == expected
    assert len(eqs) == len(expected)
    for e in eqs:
        assert e.exact and e.tol == 0 and not e.params["degenerate"]
        assert all(isinstance(p, F) for s in e.strategies for p in s)
        assert gt.regret(g, e) == (0, 0)
    assert expected == gambit_set(A, B)


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_lemke_howson(name):
    A, B, expected = TEXTBOOK[name]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    eqs = lemke_howson(g)
    assert eqs and profiles(eqs) <= expected
    labels = sorted(k for e in eqs for k in e.params["initial_labels"])
    assert labels == list(range(sum(g.shape)))  # every path was run and ended somewhere
    for k in range(sum(g.shape)):
        (e,) = lemke_howson(g, initial_label=k)
        assert e.exact and e.method == "lemke-howson" and gt.regret(g, e) == (0, 0)
        assert e.strategies in expected


def test_battle_of_sexes_lemke_howson_pure_only():
    # the mixed equilibrium has index -1: no path from the artificial equilibrium reaches it
    A, B, _ = TEXTBOOK["battle of the sexes"]
    eqs = lemke_howson(gt.NormalFormGame.from_bimatrix(A, B))
    assert profiles(eqs) == {(pure(2, 0), pure(2, 0)), (pure(2, 1), pure(2, 1))}


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
@pytest.mark.parametrize("solver", ALL + [lemke_howson])
def test_textbook_float(name, solver):
    A, B, expected = TEXTBOOK[name]
    g = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
    eqs = solver(g)
    assert not g.exact
    for e in eqs:
        assert not e.exact and e.tol == g.tol
        assert gt.is_equilibrium(g, e)
        assert any(same_profile(e.strategies, p, tol=1e-12) for p in expected)
    if solver is not lemke_howson:
        assert len(eqs) == len(expected)


def test_dispatch_and_auto():
    A, B, expected = TEXTBOOK["chicken"]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    assert profiles(gt.solve(g)) == expected
    assert profiles(gt.solve(g, method="support")) == expected
    assert profiles(gt.solve(g, method="lemke-howson", initial_label=0)) <= expected
    assert all(e.method == "vertex" for e in gt.solve(g))


def test_one_strategy_players():
    g = gt.NormalFormGame.from_bimatrix([[1, 5, 3]], [[2, 7, 1]])
    for solver in ALL + [lemke_howson]:
        assert profiles(solver(g)) == {((F(1),), pure(3, 1))}
    g = gt.NormalFormGame.from_bimatrix([[1], [5], [3]], [[2], [7], [1]])
    for solver in ALL + [lemke_howson]:
        assert profiles(solver(g)) == {(pure(3, 1), (F(1),))}


def test_huge_payoff_range_is_exact():
    # payoffs 1 and 10**15 collapse in float64 after scaling; the exact route must take over
    big = 10**15
    g = gt.NormalFormGame.from_bimatrix([[big, 0], [0, 1]], [[1, 0], [0, big]])
    q = F(1, big + 1)
    expected = {(pure(2, 0), pure(2, 0)), (pure(2, 1), pure(2, 1)), ((1 - q, q), (q, 1 - q))}
    for solver in ALL:
        eqs = solver(g)
        assert profiles(eqs) == expected
        assert all(gt.regret(g, e) == (0, 0) for e in eqs)
    assert profiles(lemke_howson(g)) <= expected


# ----------------------------------------------------------------------------- degenerate games
DEGENERATE = {
    # the row player's first strategy is a best response to everything: a continuum
    "dominant row": ([[1, 1], [0, 0]], [[1, 1], [0, 0]]),
    # after von Stengel (2007), ch. 3: his 3x2 example with the column player's top-row
    # payoffs made equal, so x = (1, 0, 0) has two pure best responses
    "von Stengel": ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
    # every profile is an equilibrium: the extreme ones are the 6 pure profiles
    "all zero": ([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]),
    # a 3x3 game with a pure equilibrium and ties in the column player's payoffs
    "ties": ([[2, 0, 1], [0, 2, 1], [1, 1, 1]], [[1, 1, 0], [0, 1, 1], [1, 0, 1]]),
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
@pytest.mark.parametrize("solver", ALL)
def test_degenerate_extreme_equilibria_match_gambit(name, solver):
    A, B = DEGENERATE[name]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    with pytest.warns(DegenerateGameWarning):
        eqs = solver(g)
    assert profiles(eqs) == gambit_set(A, B)
    for e in eqs:
        assert e.params["degenerate"] is True
        assert gt.regret(g, e) == (0, 0)
    with pytest.raises(gt.DegenerateGameError, match="degenerate"):
        solver(g, on_degenerate="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert profiles(solver(g, on_degenerate="ignore")) == profiles(eqs)


def test_degenerate_warning_is_public_and_solve_warns():
    assert gt.DegenerateGameWarning is DegenerateGameWarning
    assert issubclass(DegenerateGameWarning, UserWarning)
    A, B = DEGENERATE["von Stengel"]
    with pytest.warns(gt.DegenerateGameWarning):
        eqs = gt.solve(gt.NormalFormGame.from_bimatrix(A, B))
    assert profiles(eqs) == gambit_set(A, B)


def test_degenerate_all_zero_counts():
    A, B = DEGENERATE["all zero"]
    with pytest.warns(DegenerateGameWarning):
        eqs = vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B))
    assert profiles(eqs) == {(pure(2, i), pure(3, j)) for i in range(2) for j in range(3)}


def test_degenerate_float_game():
    A, B = DEGENERATE["von Stengel"]
    g = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
    expected = gambit_set(A, B)
    with pytest.warns(DegenerateGameWarning):
        eqs = vertex_enumeration(g)
    assert len(eqs) == len(expected)
    for e in eqs:
        assert e.params["degenerate"] and gt.is_equilibrium(g, e)
        assert any(same_profile(e.strategies, p, tol=1e-9) for p in expected)


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_lemke_howson_degenerate_terminates_at_equilibria(name):
    # the lexicographic ratio test makes every path well defined despite degeneracy
    A, B = DEGENERATE[name]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    eqs = lemke_howson(g)
    assert eqs
    for e in eqs:
        assert gt.regret(g, e) == (0, 0)
    gf = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
    for e in lemke_howson(gf):
        assert gt.is_equilibrium(gf, e)


def test_exact_enumeration_fallback_agrees(monkeypatch):
    """The exact route (used when the float pass is ill-conditioned) gives the same sets."""
    rng = np.random.default_rng(7)
    games = [DEGENERATE[k] for k in sorted(DEGENERATE)] + [TEXTBOOK[k][:2] for k in sorted(TEXTBOOK)]
    games += [(rng.integers(-3, 4, (3, 4)).tolist(), rng.integers(-3, 4, (3, 4)).tolist()) for _ in range(6)]
    normal = []
    for A, B in games:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            normal.append(profiles(vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B))))

    def ill(*args, **kw):
        raise _polytope.IllConditioned("forced")

    monkeypatch.setattr(_polytope, "float_polytopes", ill)
    for (A, B), want in zip(games, normal):
        g = gt.NormalFormGame.from_bimatrix(A, B)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            eqs = vertex_enumeration(g)
        assert all(e.params["route"] == "exact" for e in eqs)
        assert profiles(eqs) == want == gambit_set(A, B)
        gf = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            feqs = vertex_enumeration(gf)
        assert len(feqs) == len(want)


# ----------------------------------------------------------------------------- bad input
def three_player():
    return gt.NormalFormGame([np.zeros((2, 2, 2), int)] * 3)


@pytest.mark.parametrize("solver", ALL + [lemke_howson])
def test_needs_two_players(solver):
    with pytest.raises(gt.InvalidGameError, match="two-player"):
        solver(three_player())
    with pytest.raises(gt.InvalidGameError, match="NormalFormGame"):
        solver([[1, 2], [3, 4]])


@pytest.mark.parametrize("method", ["support", "vertex", "lemke-howson"])
def test_dispatch_needs_two_players(method):
    with pytest.raises(gt.InvalidGameError, match="two-player"):
        gt.solve(three_player(), method=method)


def test_bad_options():
    g = gt.NormalFormGame.from_bimatrix(*TEXTBOOK["chicken"][:2])
    for solver in ALL:
        with pytest.raises(gt.GameError, match="on_degenerate"):
            solver(g, on_degenerate="shout")
        with pytest.raises(gt.GameError, match="unknown options: foo"):
            solver(g, foo=1)
    for bad in (4, -1, True, "0", 1.0):
        with pytest.raises(gt.GameError, match="initial_label"):
            lemke_howson(g, initial_label=bad)
    for bad in (0, -5, 2.5, None):
        with pytest.raises(gt.GameError, match="max_iter"):
            lemke_howson(g, max_iter=bad)
    with pytest.raises(gt.GameError, match="unknown options"):
        lemke_howson(g, tol=1e-3)


def test_max_iter_raises_solver_error():
    # from label 0 the battle of the sexes needs two pivots
    g = gt.NormalFormGame.from_bimatrix(*TEXTBOOK["battle of the sexes"][:2])
    with pytest.raises(gt.SolverError, match="max_iter=1"):
        lemke_howson(g, initial_label=0, max_iter=1)
    gf = gt.NormalFormGame.from_bimatrix(np.array([[3.0, 0], [0, 2]]), np.array([[2.0, 0], [0, 3]]))
    with pytest.raises(gt.SolverError):
        lemke_howson(gf, initial_label=0, max_iter=1)
    assert lemke_howson(g, initial_label=0, max_iter=2)


def test_lemke_howson_large_float_games_finish():
    rng = np.random.default_rng(2024)
    for n in (30, 100):
        g = gt.NormalFormGame.from_bimatrix(rng.random((n, n)), rng.random((n, n)))
        for k in (0, n, 2 * n - 1):
            (e,) = lemke_howson(g, initial_label=k)
            assert gt.is_equilibrium(g, e)


def test_consistency_fallbacks(monkeypatch):
    """A float pass that loses an equilibrium is caught and redone exactly, never returned short."""
    from gametheory.solvers import support_enumeration as se_mod

    A, B, expected = TEXTBOOK["battle of the sexes"]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    gf = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))

    real_match = _polytope.match_labels
    monkeypatch.setattr(_polytope, "match_labels", lambda *a: real_match(*a)[:-1])
    for game in (g, gf):
        eqs = vertex_enumeration(game)
        assert len(eqs) == 3 and all(e.params["route"] == "exact" for e in eqs)
    monkeypatch.setattr(_polytope, "match_labels", real_match)

    real_float, real_exact = se_mod._float_run, se_mod._exact_run
    monkeypatch.setattr(se_mod, "_float_run", lambda *a: real_float(*a)[:-1])
    eqs = support_enumeration(gf)
    assert len(eqs) == 3 and all(any(same_profile(e.strategies, p, 1e-12) for p in expected) for e in eqs)

    calls = []

    def lossy_once(game, An, Bn, tol, **kw):
        calls.append(tol)
        out = real_exact(game, An, Bn, tol, **kw)
        return out[:-1] if len(calls) == 1 else out

    monkeypatch.setattr(se_mod, "_exact_run", lossy_once)
    assert profiles(support_enumeration(g)) == expected and calls == [1e-7, 1e-3]

    monkeypatch.setattr(se_mod, "_exact_run", lambda *a, **k: [])
    with pytest.raises(gt.SolverError, match="support_enumeration found 0"):
        support_enumeration(g)


def test_float_results_meet_game_tolerance_or_go_exact():
    # with tol=0 no float rounding is tolerated, so the float pass hands over to exact arithmetic
    rng = np.random.default_rng(5)
    A, B = rng.random((5, 5)), rng.random((5, 5))
    normal = vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B))
    assert {e.params["route"] for e in normal} == {"float"} and len(normal) > 1
    strict = vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B, tol=0.0))
    assert {e.params["route"] for e in strict} == {"exact"}
    assert len(strict) == len(normal)
    for e in strict:
        assert any(same_profile(e.strategies, f.strategies, 1e-12) for f in normal)


def test_many_labels_path():
    # more than 52 labels: label sets are keyed by Python ints instead of float64
    rng = np.random.default_rng(8)
    A, B = rng.integers(-1000, 1001, (2, 60)), rng.integers(-1000, 1001, (2, 60))
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    ve, se = vertex_enumeration(g), support_enumeration(g)
    assert profiles(ve) == profiles(se) and len(ve) % 2 == 1
    assert all(gt.regret(g, e) == (0, 0) for e in ve)


@pytest.mark.parametrize("width", [1, 7, 8, 20, 52, 53, 60, 64, 65, 70])
def test_label_keys_are_bitmasks(width):
    """Each label row's key has bit l set iff label l (float, packbits and Python-int paths)."""
    rng = np.random.default_rng(width)
    L = rng.random((40, width)) < 0.5
    L[0] = True
    keys = _polytope._keys(L)
    want = [sum(1 << int(i) for i in np.flatnonzero(r)) for r in L]
    assert [int(k) for k in keys] == want
    assert list(_polytope.label_counts(L, keys)) == [int(r.sum()) for r in L]


def test_lean_qhull_matches_convexhull(monkeypatch):
    """The hull facets from scipy's internal qhull call equal ConvexHull's, and the fallback works."""
    from scipy.spatial import ConvexHull

    rng = np.random.default_rng(5)
    for d in (2, 4, 6):
        pts = rng.standard_normal((3 * d + 4, d))
        ref = ConvexHull(pts).equations
        got = _polytope._hull_equations(pts)
        order = lambda E: E[np.lexsort(np.round(E, 9).T)]  # noqa: E731
        assert got.shape == ref.shape and np.allclose(order(got), order(ref), atol=1e-12)
    monkeypatch.setattr(_polytope, "_LEAN_QHULL", False)
    assert np.allclose(_polytope._hull_equations(pts), ConvexHull(pts).equations)


def test_match_labels_against_brute_force(monkeypatch):
    """The sorted-key join, the general search join and the boolean path all give exactly the
    completely labeled pairs found by checking every vertex pair (degenerate games included)."""
    rng = np.random.default_rng(11)
    checked = 0
    for t in range(60):
        m, n = (int(v) for v in rng.integers(2, 8, 2))
        A, B = (rng.integers(-2, 3, (m, n)) if t % 2 else rng.random((m, n)) for _ in range(2))
        g = gt.NormalFormGame.from_bimatrix(np.asarray(A, float), np.asarray(B, float))
        An, Bn = _bimatrix.normalized(g)
        try:
            ZP, SP, LP, ZQ, SQ, LQ, KP, KQ = _polytope.float_polytopes(An, Bn)
        except _polytope.IllConditioned:
            continue
        brute = sorted((p, q) for p in range(len(LP)) for q in range(len(LQ))
                       if (LP[p] | LQ[q]).all() and not LP[p, :m].all() and not LQ[q, m:].all())
        assert _polytope.match_labels(LP, LQ, m, n, KP, KQ) == brute
        assert _polytope.match_labels(LP, LQ, m, n) == brute
        with monkeypatch.context() as mp:
            mp.setattr(_polytope, "_sorted_join", lambda *a: None)
            assert _polytope.match_labels(LP, LQ, m, n, KP, KQ) == brute
        checked += 1
    assert checked >= 50


def test_sorted_join_positions():
    """Equal keys are paired by position whatever the order of the inputs; repeats defer."""
    kQ = np.array([5, 9, 3, 7], dtype=np.uint64)
    kP = np.array([7, 1, 5, 8, 3], dtype=np.uint64)
    iq, ip = _polytope._sorted_join(kQ, kP, 4)
    assert sorted(zip(iq.tolist(), ip.tolist())) == [(0, 2), (2, 4), (3, 0)]
    assert _polytope._sorted_join(np.array([5, 5], dtype=np.uint64), np.array([5], dtype=np.uint64), 4) is None
    assert _polytope._sorted_join(kQ, kP, 62) is None  # tagged keys would not fit in 64 bits


def test_threaded_hulls_match_serial(monkeypatch):
    """Building the two polytopes in two threads gives exactly the serial result."""
    rng = np.random.default_rng(3)
    gs = [gt.NormalFormGame.from_bimatrix(rng.random((n, n + 1)), rng.random((n, n + 1))) for n in (3, 5, 7)]
    monkeypatch.setattr(_polytope, "PARALLEL_HULLS", False)
    serial = [[e.strategies for e in vertex_enumeration(g)] for g in gs]
    monkeypatch.setattr(_polytope, "PARALLEL_HULLS", True)
    monkeypatch.setattr(_polytope, "_THREAD_MIN", 0)
    monkeypatch.setattr(_polytope, "_spare_cpu", lambda: True)
    calls = []
    real = _polytope._executor
    monkeypatch.setattr(_polytope, "_executor", lambda: calls.append(1) or real())
    threaded = [[e.strategies for e in vertex_enumeration(g)] for g in gs]
    assert calls and threaded == serial
