"""Iterated dominance: textbook reductions, exact certificates, equilibria kept."""

from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from scipy.optimize import linprog
from hypothesis import given, settings, strategies as st

import gametheory as gt
from gametheory.solvers.dominance import iterated_dominance
from gametheory.solvers.pure import pure_equilibria


def test_prisoners_dilemma_is_dominance_solvable():
    g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 2]], [[3, 4], [1, 2]], strategy_labels=[["C", "D"], ["C", "D"]])
    r = iterated_dominance(g)
    assert r.survivors == ((1,), (1,)) and r.solved and r.rounds == 1
    assert r.game.strategy_labels == (("D",), ("D",))
    assert [(e.round, e.player, e.strategy, e.dominator) for e in r.log] == [(1, 0, 0, {1: 1}), (1, 1, 0, {1: 1})]


def test_mixed_domination():
    # M is dominated only by the mixture 1/2 T + 1/2 B (Myerson 1991, sec. 3.9 style)
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]])
    r = iterated_dominance(g)
    assert r.survivors == ((0, 2), (0, 1))
    (e,) = r.log
    assert e.strategy == 1 and not e.by_pure and e.kind == "strict"
    assert sum(e.dominator.values()) == 1 and all(isinstance(p, F) for p in e.dominator.values())
    assert iterated_dominance(g, mixed=False).survivors == ((0, 1, 2), (0, 1))


def test_mixed_domination_boundary_is_exact():
    # 1/2 T + 1/2 B gives exactly (3/2, 3/2): M = (3/2, 3/2) is NOT strictly dominated,
    # M = (3/2 - 1/10**12, ...) is; a float slip would get one of them wrong
    for m, dominated in ((F(3, 2), False), (F(3, 2) - F(1, 10**12), True)):
        g = gt.NormalFormGame.from_bimatrix([[3, 0], [m, m], [0, 3]], [[0, 0], [0, 0], [0, 0]])
        assert (1 not in iterated_dominance(g).survivors[0]) == dominated


def test_multi_round_elimination():
    # Gibbons (1992), fig. 1.1.1: Up/Down vs Left/Middle/Right reduces to (Up, Middle)
    A = [[1, 1, 0], [0, 0, 2]]
    B = [[0, 2, 1], [3, 1, 0]]
    r = iterated_dominance(gt.NormalFormGame.from_bimatrix(A, B))
    assert r.survivors == ((0,), (1,))
    assert [(e.round, e.player, e.strategy) for e in r.log] == [(1, 1, 2), (2, 0, 1), (3, 1, 0)]


def test_weak_dominance_order_documented():
    # rows T, B; cols L, R: B weakly dominated by T, R weakly dominated by L, removed together
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    r = iterated_dominance(g, strict=False)
    assert r.survivors == ((0,), (0,))
    assert {(e.round, e.player, e.strategy) for e in r.log} == {(1, 0, 1), (1, 1, 1)}
    assert all(e.kind == "weak" for e in r.log)
    assert iterated_dominance(g).survivors == ((0, 1), (0, 1))  # nothing strictly dominated


def test_weak_duplicates_are_kept():
    g = gt.NormalFormGame.from_bimatrix([[1, 2], [1, 2], [0, 0]], [[0, 0], [0, 0], [0, 0]])
    assert iterated_dominance(g, strict=False).survivors[0] == (0, 1)


def test_weak_logged_dominator_survives():
    # s0 weakly dominated by s1, s1 weakly dominated by s2: both go in round 1, each by s2
    g = gt.NormalFormGame([[[0, 0], [0, 1], [1, 1]], [[0, 0], [0, 0], [0, 0]]])
    r = iterated_dominance(g, strict=False)
    assert r.survivors[0] == (2,)
    assert all(e.dominator == {2: 1} for e in r.log if e.player == 0)


def test_three_player_and_float():
    rng = np.random.default_rng(3)
    u = [rng.random((2, 3, 2)) for _ in range(3)]
    u[1][:, 2, :] = u[1][:, 0, :] - 0.5  # player 1's third strategy strictly dominated
    r = iterated_dominance(gt.NormalFormGame(u))
    assert 2 not in r.survivors[1]
    assert not r.game.exact


def test_bad_input():
    g = gt.NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]])
    with pytest.raises(gt.GameError, match="NormalFormGame"):
        iterated_dominance([[1, 2]])
    with pytest.raises(gt.GameError, match="strict"):
        iterated_dominance(g, strict="yes")


def exact_margin(D, s, x):
    return [sum(p * D[k][t] for k, p in x.items()) - D[s][t] for t in range(len(D[0]))]


def undominated_oracle(D, s):
    """Zero-sum game value of (other rows - row s) by HiGHS, in the dual (column) form.

    Entries are integers in [-8, 8] and at most 3 x 9, so a nonzero value is a ratio of
    integer determinants of absolute value at least 1 / 8**9: a 1e-9 threshold decides
    the sign exactly.  Row s is strictly dominated iff the value is positive.
    """
    M = np.array([[float(D[k][t] - D[s][t]) for t in range(len(D[0]))] for k in range(len(D)) if k != s])
    K, T = M.shape
    # column player: min v s.t. M q <= v, q in simplex
    c = np.r_[np.zeros(T), 1.0]
    res = linprog(c, A_ub=np.c_[M, -np.ones(K)], b_ub=np.zeros(K), A_eq=[np.r_[np.ones(T), 0.0]], b_eq=[1.0],
                  bounds=[(0, None)] * T + [(None, None)], method="highs")
    assert res.status == 0 and abs(res.fun) > 1e-9 or abs(res.fun) < 1e-12
    return res.fun <= 1e-9


def matrices(g, alive):
    out = []
    for i in range(g.n_players):
        arr = np.moveaxis(g.payoffs[i][np.ix_(*alive)], i, 0)
        out.append(arr.reshape(arr.shape[0], -1).tolist())
    return out


@st.composite
def int_games(draw, n=2, max_m=3, lo=-4, hi=4):
    shape = tuple(draw(st.lists(st.integers(1, max_m), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    return gt.NormalFormGame(
        [np.array(draw(st.lists(st.integers(lo, hi), min_size=size, max_size=size))).reshape(shape) for _ in range(n)]
    )


@given(st.one_of(int_games(2, 4), int_games(3, 3)), st.booleans())
def test_certificates_and_survivors_exact(g, strict):
    r = iterated_dominance(g, strict=strict)
    alive = [list(range(m)) for m in g.shape]
    for rnd in range(1, r.rounds + 1):
        mats = matrices(g, alive)
        for e in (e for e in r.log if e.round == rnd):
            D = mats[e.player]
            pos = {k: alive[e.player].index(k) for k in alive[e.player]}
            assert sum(e.dominator.values()) == 1 and e.strategy not in e.dominator
            m = exact_margin(D, pos[e.strategy], {pos[k]: p for k, p in e.dominator.items()})
            assert min(m) > 0 if strict else (min(m) >= 0 and max(m) > 0)
        for e in (e for e in r.log if e.round == rnd):
            alive[e.player].remove(e.strategy)
    assert tuple(map(tuple, alive)) == r.survivors
    if strict:  # nothing left is strictly dominated (exact sympy LP as oracle)
        for i, D in enumerate(matrices(g, alive)):
            if len(D) > 1:
                assert all(undominated_oracle(D, s) for s in range(len(D)))


def embed(strats, survivors, shape):
    out = []
    for s, surv, m in zip(strats, survivors, shape):
        v = [F(0)] * m
        for k, p in zip(surv, s):
            v[k] = F(p)
        out.append(v)
    return out


@given(st.one_of(int_games(2, 4), int_games(3, 3), int_games(4, 2)))
def test_strict_elimination_keeps_pure_equilibria(g):
    r = iterated_dominance(g)
    full = sorted(e.pure_profile for e in pure_equilibria(g))
    reduced = sorted(tuple(r.survivors[i][k] for i, k in enumerate(e.pure_profile)) for e in pure_equilibria(r.game))
    assert full == reduced


def nash_set(A, B):
    with np.errstate(all="ignore"):
        eqs = list(nashpy.Game(A, B).vertex_enumeration())
    return sorted(tuple(np.round(np.concatenate(e), 6)) for e in eqs)


@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_strict_elimination_keeps_mixed_equilibria_nashpy(m, n, seed):
    # random real payoffs: nondegenerate with probability one, so nashpy lists all equilibria
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    A[-1] = A[0] - 0.3 * rng.random(n)  # make a dominated row appear
    g = gt.NormalFormGame.from_bimatrix(A, B)
    r = iterated_dominance(g)
    rA, rB = r.game.bimatrix
    full = nash_set(A, B)
    red = []
    if min(rA.shape) == 1:  # nashpy needs two strategies each; without ties the reply is unique
        reduced = [e.strategies for e in pure_equilibria(r.game)]
    else:
        with np.errstate(all="ignore"):
            reduced = list(nashpy.Game(rA, rB).vertex_enumeration())
    assert reduced
    for x, y in reduced:
        e = embed([x, y], r.survivors, g.shape)
        red.append(tuple(np.round(np.array([float(p) for s in e for p in s]), 6)))
    assert sorted(red) == full
    assert (m - 1) not in r.survivors[0]


def test_exact_simplex_against_highs():
    from gametheory.solvers.dominance import _exact_simplex

    rng = np.random.default_rng(0)
    for _ in range(200):
        n, m1, m2 = int(rng.integers(1, 5)), int(rng.integers(0, 5)), int(rng.integers(0, 3))
        c, A, b = rng.integers(-3, 4, n), rng.integers(-3, 4, (m1, n)), rng.integers(-2, 5, m1)
        Ae, be = rng.integers(-3, 4, (m2, n)), rng.integers(-2, 4, m2)
        status, val, x = _exact_simplex(c.tolist(), A.tolist(), b.tolist(), Ae.tolist(), be.tolist())
        res = linprog(-c, A_ub=A if m1 else None, b_ub=b if m1 else None, A_eq=Ae if m2 else None,
                      b_eq=be if m2 else None, bounds=[(0, None)] * n, method="highs")
        assert status == {0: "optimal", 2: "infeasible", 3: "unbounded"}[res.status]
        if status == "optimal":
            assert abs(float(val) + res.fun) < 1e-9
            assert all(v >= 0 for v in x)
            assert all(sum(int(a) * v for a, v in zip(row, x)) <= bb for row, bb in zip(A, b))
            assert all(sum(int(a) * v for a, v in zip(row, x)) == bb for row, bb in zip(Ae, be))


def embedded_set(eqs, survivors, shape):
    return sorted(tuple(tuple(v) for v in embed(e.strategies, survivors, shape)) for e in eqs)


@settings(max_examples=25)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_strict_elimination_keeps_all_equilibria_exact_two_player(m, n, seed):
    # wide-range integers: nondegenerate with high probability; gt.solve lists all, exactly
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-10**6, 10**6, (m, n)), rng.integers(-10**6, 10**6, (m, n))
    A[-1] = A[0] - rng.integers(1, 10**5, n)  # a dominated row
    g = gt.NormalFormGame.from_bimatrix(A, B)
    r = iterated_dominance(g)
    full = gt.solve(g)
    assert all(e.exact for e in full)
    assert embedded_set(full, [range(k) for k in g.shape], g.shape) == embedded_set(gt.solve(r.game), r.survivors, g.shape)


@settings(max_examples=8)
@given(st.integers(0, 2**32 - 1))
def test_strict_elimination_keeps_all_equilibria_three_player(seed):
    from gametheory.solvers.polynomial import polynomial_equilibria

    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-10**4, 10**4, (2, 3, 2)) for _ in range(3)]
    arrays[1][:, 2, :] = arrays[1][:, 0, :] - 1  # player 1's third strategy strictly dominated
    g = gt.NormalFormGame(arrays)
    r = iterated_dominance(g)
    assert 2 not in r.survivors[1]
    full = polynomial_equilibria(g)
    reduced = polynomial_equilibria(r.game)
    everything = [range(k) for k in g.shape]

    def isolated(eqs):
        return [e for e in eqs if not e.params.get("continuum")]

    # isolated equilibria are the same points; a continuum is reported by one sample point,
    # which may differ between the two games (seed 6100): compare continua by their embedded
    # supports, and check every sample is an equilibrium of the full game
    ours = embedded_set(isolated(reduced), r.survivors, g.shape)
    theirs = embedded_set(isolated(full), everything, g.shape)
    assert len(ours) == len(theirs)  # irrational equilibria are floats: compared within 1e-9
    assert all(max(abs(float(x) - float(y)) for sa, sb in zip(a, b) for x, y in zip(sa, sb)) < 1e-9 for a, b in zip(ours, theirs))

    def continua(eqs, survivors):
        return sorted(
            tuple(tuple(survivors[i][j] for j in sup) for i, sup in enumerate(e.params["support"]))
            for e in eqs if e.params.get("continuum")
        )

    assert continua(reduced, r.survivors) == continua(full, everything)
    for e in reduced:
        profile = embed(e.strategies, r.survivors, g.shape)
        assert gt.is_equilibrium(g, profile if e.exact else [[float(x) for x in v] for v in profile])


def test_narrow_mixed_domination_exact():
    # M is strictly dominated only by x T + (1 - x) B with x in (0.5000015, 0.5000085):
    # tiny margins that float rounding of the LP certificate cannot settle alone
    T, B, M = F(1, 1000003), F(1, 999983), F(1, 2000000)
    g = gt.NormalFormGame.from_bimatrix([[T, 0], [0, B], [M, M]], [[0, 0]] * 3)
    r = iterated_dominance(g)
    assert r.survivors[0] == (0, 1)
    (e,) = r.log
    x = e.dominator[0]
    assert x * T > M and (1 - x) * B > M
    # M = T B / (T + B) lies exactly on the boundary (x = B / (T + B) ties it): not strictly dominated
    g2 = gt.NormalFormGame.from_bimatrix([[T, 0], [0, B], [T * B / (T + B), T * B / (T + B)]], [[0, 0]] * 3)
    assert iterated_dominance(g2).survivors[0] == (0, 1, 2)
