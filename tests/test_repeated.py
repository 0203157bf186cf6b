"""Repeated games: thresholds vs closed forms, minmax vs brute force, one-shot deviations, play."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

import gametheory as gt
from gametheory import repeated as rp
from gametheory.repeated import _security
from gametheory.errors import GameError, InvalidGameError

warnings.filterwarnings("ignore", category=UserWarning)


def pd_game(T, R, P, S):
    return gt.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                           strategy_labels=[("C", "D"), ("C", "D")])


payoff = st.fractions(min_value=-20, max_value=20, max_denominator=12)


@st.composite
def pd_payoffs(draw):
    vals = draw(st.lists(payoff, min_size=4, max_size=4, unique=True))
    S, P, R, T = sorted(vals)
    return T, R, P, S


# ---------------------------------------------------------------------- thresholds
@given(pd_payoffs(), st.booleans())
def test_grim_and_tft_thresholds_match_closed_forms(p, d_first):
    T, R, P, S = p
    g = pd_game(T, R, P, S)
    if d_first:  # D listed first: the dominant strategy is found, not assumed
        g = g.permute_strategies(0, [1, 0]).permute_strategies(1, [1, 0])
    grim = rp.grim_trigger_threshold(g)
    assert isinstance(grim, F) and grim == (T - R) / (T - P)
    assert rp.tit_for_tat_threshold(g) == max((T - R) / (T - P), (T - R) / (R - S))
    assert rp.pd_payoffs(g) == ((T, R, P, S), (T, R, P, S))
    # grim trigger is the Nash-reversion trigger profile of the PD
    coop = (1, 1) if d_first else (0, 0)
    assert rp.trigger_threshold(g, coop).delta == grim


@given(pd_payoffs(), pd_payoffs())
def test_asymmetric_pd_threshold_is_the_larger_players(p1, p2):
    (T1, R1, P1, S1), (T2, R2, P2, S2) = p1, p2
    g = gt.NormalFormGame.from_bimatrix([[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]])
    assert rp.grim_trigger_threshold(g) == max((T1 - R1) / (T1 - P1), (T2 - R2) / (T2 - P2))


def test_float_pd_threshold():
    g = pd_game(5.0, 3.0, 1.0, 0.0)
    assert rp.grim_trigger_threshold(g) == pytest.approx(0.5)
    assert rp.tit_for_tat_threshold(g) == pytest.approx(2 / 3)


def test_threshold_on_non_pd_raises():
    chicken = gt.NormalFormGame.from_bimatrix([[3, 2], [4, 1]], [[3, 4], [2, 1]])
    stag = gt.NormalFormGame.from_bimatrix([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    deadlock = gt.NormalFormGame.from_bimatrix([[2, 1], [4, 3]], [[2, 4], [1, 3]])
    for g in (chicken, stag, deadlock):
        with pytest.raises(GameError):
            rp.grim_trigger_threshold(g)
        with pytest.raises(GameError):
            rp.tit_for_tat_threshold(g)
    with pytest.raises(InvalidGameError):
        rp.grim_trigger_threshold(gt.NormalFormGame.from_bimatrix(np.eye(3, dtype=int), np.eye(3, dtype=int)))
    with pytest.raises(InvalidGameError):
        rp.grim_trigger_threshold([[3, 0], [5, 1]])


def _discounted(first, rest, delta, horizon=6000):
    """Truncated discounted sum: ``first`` at t = 0, then ``rest`` for t = 1..horizon (floats)."""
    return float(first) + float(rest) * float(np.sum(float(delta) ** np.arange(1, horizon)))


def _one_shot_gain_by_sums(game, coop, pun_profile, delta):
    """Best one-shot deviation gain in the cooperative phase, by explicit discounted sums."""
    prof = game.check_profile(list(pun_profile))
    gains = []
    for i in range(game.n_players):
        c = game.pure_payoffs(coop)[i]
        p = float(np.dot(game.deviation_payoffs(i, [list(s) for s in prof]), prof[i].astype(float)))
        best = 0.0
        for k in range(game.shape[i]):
            if k == coop[i]:
                continue
            idx = list(coop)
            idx[i] = k
            dev = game.payoffs[i][tuple(idx)]
            best = max(best, _discounted(dev, p, delta) - _discounted(c, c, delta))
        gains.append(best)
    return gains


def _pure_nash(g):
    """Pure Nash equilibria by brute force over profiles (an oracle independent of the solvers)."""
    out = []
    for prof in itertools.product(*(range(m) for m in g.shape)):
        ok = True
        for i in range(g.n_players):
            idx = list(prof)
            best = max(g.payoffs[i][tuple(idx[:i] + [k] + idx[i + 1:])] for k in range(g.shape[i]))
            ok = ok and g.payoffs[i][prof] == best
        if ok:
            out.append(prof)
    return out


stage_games = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda s: st.tuples(
        st.lists(st.lists(st.integers(-6, 6), min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0]),
        st.lists(st.lists(st.integers(-6, 6), min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0]),
    )
)


@given(stage_games, st.data())
def test_trigger_profile_one_shot_deviation_principle(ab, data):
    A, B = ab
    g = gt.NormalFormGame.from_bimatrix(A, B)
    pure = _pure_nash(g)
    assume(pure)
    pun = pure[0]
    cells = list(itertools.product(range(g.shape[0]), range(g.shape[1])))
    coop = data.draw(st.sampled_from(cells))
    try:
        res = rp.trigger_threshold(g, coop, list(pun))
    except GameError:
        # punishment not below cooperation for a player who gains by deviating: then no delta works
        gains = _one_shot_gain_by_sums(g, coop, list(pun), F(99, 100))
        assert max(gains) > 0
        return
    assert res.nash_reversion
    ds = res.delta
    assert 0 <= ds < 1
    above = ds + (1 - ds) / 3
    gains = _one_shot_gain_by_sums(g, coop, list(pun), above)
    assert max(gains) <= 1e-9
    assert max(rp.deviation_gains(g, coop, list(pun), above)["cooperation"]) <= 0
    if ds > 0:
        below = ds * 2 / 3
        gains = _one_shot_gain_by_sums(g, coop, list(pun), below)
        assert max(gains) > 1e-9
        assert max(rp.deviation_gains(g, coop, list(pun), below)["cooperation"]) > 0
    # in the punishment phase (a stage Nash equilibrium) nobody gains
    assert max(rp.deviation_gains(g, coop, list(pun), above)["punishment"]) == 0


@given(st.lists(st.integers(-4, 4), min_size=24, max_size=24), st.integers(0, 7))
def test_three_player_trigger_profile_one_shot_deviations(vals, coop_code):
    arrays = [np.array(vals[8 * i: 8 * i + 8]).reshape(2, 2, 2) for i in range(3)]
    g = gt.NormalFormGame(arrays)
    pure = _pure_nash(g)
    assume(pure)
    pun = list(pure[0])
    coop = tuple(int(x) for x in np.unravel_index(coop_code, (2, 2, 2)))
    try:
        res = rp.trigger_threshold(g, coop, pun)
    except GameError:
        assert max(_one_shot_gain_by_sums(g, coop, pun, F(99, 100))) > 0
        return
    above = res.delta + (1 - res.delta) / 3
    assert max(_one_shot_gain_by_sums(g, coop, pun, above)) <= 1e-9
    if res.delta > 0:
        assert max(_one_shot_gain_by_sums(g, coop, pun, res.delta * 2 / 3)) > 1e-9


def test_trigger_threshold_errors_and_labels():
    g = pd_game(5, 3, 1, 0)
    res = rp.trigger_threshold(g, ("C", "C"), ("D", "D"))
    assert res.delta == F(1, 2) and res.deviation == (5, 5) and res.punishment_payoffs == (1, 1)
    with pytest.raises(GameError, match="not below"):
        rp.trigger_threshold(g, ("C", "C"), ("C", "C"))  # p = c = 3 < d = 5: nothing deters
    with pytest.raises(GameError, match="above"):
        rp.trigger_threshold(g, ("C", "C"), ("C", "D"))  # the column player's "punishment" pays 5 > 3
    # a non-Nash punishment is allowed but flagged
    chicken = gt.NormalFormGame.from_bimatrix([[3, 2], [4, 1]], [[3, 4], [2, 1]])
    r = rp.trigger_threshold(chicken, (0, 0), (1, 1))
    assert not r.nash_reversion and r.delta == F(1, 3)
    # Nash reversion: each pure equilibrium rewards one player above cooperation (4 > 3), so only the
    # mixed one (5/2 each) serves: (4 - 3)/(4 - 5/2) = 2/3
    r = rp.trigger_threshold(chicken, (0, 0))
    assert r.delta == F(2, 3) and r.nash_reversion and r.punishment_payoffs == (F(5, 2), F(5, 2))
    with pytest.raises(GameError):
        rp.trigger_threshold(g, (0, 5), (1, 1))
    with pytest.raises(GameError):
        rp.trigger_threshold(g, ("C", "X"), (1, 1))
    for bad in (1, 1.5, -0.1, F(3, 2), "0.5", True, float("nan")):
        with pytest.raises(GameError):
            rp.deviation_gains(g, (0, 0), (1, 1), bad)


# ---------------------------------------------------------------------- security values
def _grid_minmax(M, steps):
    """min over a grid of the punisher's mixtures of max over rows (an upper bound on the value)."""
    k = M.shape[1]
    w = np.array([c for c in itertools.product(range(steps + 1), repeat=k - 1) if sum(c) <= steps], dtype=float)
    Y = np.hstack([w, steps - w.sum(axis=1, keepdims=True)]) / steps
    return float((M @ Y.T).max(axis=0).min())


def _grid_maxmin(M, steps):
    return -_grid_minmax(-M.T, steps)


# a bimatrix game: both matrices of one shape
pairs = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda s: st.tuples(*[st.lists(st.lists(st.integers(-9, 9), min_size=s[1], max_size=s[1]),
                                   min_size=s[0], max_size=s[0])] * 2)
)


@given(pairs)
def test_minmax_matches_brute_force_grid_and_nashpy(AB):
    A, B = (np.array(x) for x in AB)
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    for i, M in ((0, A), (1, B.T)):
        mm = rp.minmax(g, i)
        mx = rp.maxmin(g, i)
        assert mm.exact and isinstance(mm.value, F)
        assert mm.value == mx.value  # minimax theorem, exactly
        steps = 120
        grid_hi = _grid_minmax(M.astype(float), steps)
        grid_lo = _grid_maxmin(M.astype(float), steps)
        assert grid_lo - 1e-9 <= float(mm.value) <= grid_hi + 1e-9
        assert grid_hi - float(mm.value) <= 20 / steps  # the grid converges to the value
        # the returned strategies attain the value exactly
        y = np.array(mm.strategy, dtype=object)
        x = np.array(mx.strategy, dtype=object)
        assert max(M.astype(object) @ y) == mm.value
        assert min(x @ M.astype(object)) == mx.value
        # nashpy: value of the zero-sum game with matrix M (its support enumeration finds none in
        # some degenerate games; the grid sandwich above covers those)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = next(nashpy.Game(M.astype(float)).support_enumeration(), None)
        if found is not None:
            xs, ys = found
            assert float(xs @ M @ ys) == pytest.approx(float(mm.value), abs=1e-9)


def test_known_minmax_values():
    mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert rp.minmax_values(mp) == (0, 0)
    assert rp.minmax(mp, 0).strategy == (F(1, 2), F(1, 2))
    pd = pd_game(5, 3, 1, 0)
    assert rp.minmax_values(pd) == (1, 1)
    # degenerate: a constant row player, and a float game
    g = gt.NormalFormGame.from_bimatrix([[2, 2], [2, 2]], [[0, 1], [1, 0]])
    assert rp.minmax_values(g) == (2, F(1, 2))
    gf = gt.NormalFormGame.from_bimatrix([[1.5, -1.0], [-1.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]])
    assert rp.minmax(gf, 0).value == pytest.approx((1.5 * 1.0 - 1.0) / (1.5 + 1.0 + 1.0 + 1.0))  # (ad - bc)/(a + d - b - c)
    with pytest.raises(InvalidGameError):
        rp.minmax(pd, 2)
    with pytest.raises(InvalidGameError, match="player must be an index"):
        rp.maxmin(pd, -1)  # not read as the last player


def test_exact_recovery_fallback_agrees_with_lp():
    """The degenerate-optimum fallback (an exact equilibrium of the zero-sum game) gives the LP value."""
    rng = np.random.default_rng(5)
    for _ in range(20):
        M = rng.integers(-3, 4, (3, 3))
        g = gt.NormalFormGame.from_bimatrix(M.tolist(), (-M).tolist())
        value, x, y = _security._exact_by_solver(np.array(M.tolist(), dtype=object))
        assert value == rp.minmax(g, 0).value
        assert max(M.astype(object) @ np.array(y, dtype=object)) == value
        assert min(np.array(x, dtype=object) @ M.astype(object)) == value


@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8), st.lists(st.integers(-5, 5), min_size=8, max_size=8),
       st.lists(st.integers(-5, 5), min_size=8, max_size=8))
def test_three_player_correlated_minmax_equals_maxmin_grid(a, b, c):
    g = gt.NormalFormGame([np.array(a).reshape(2, 2, 2), np.array(b).reshape(2, 2, 2), np.array(c).reshape(2, 2, 2)])
    for i in range(3):
        mm = rp.minmax(g, i)
        assert mm.punishers == "correlated" and mm.strategy.shape == (2, 2)
        assert sum(mm.strategy.ravel()) == 1
        # own mixture x (two strategies) against the worst joint pure profile of the others
        M = np.moveaxis(g.payoffs[i], i, 0).reshape(2, -1).astype(float)
        x = np.linspace(0, 1, 2001)[:, None]
        grid = float((x * M[0] + (1 - x) * M[1]).min(axis=1).max())
        assert float(mm.value) == pytest.approx(grid, abs=1e-2)
        assert float(mm.value) >= grid - 1e-12
        assert rp.maxmin(g, i).value == mm.value


# ---------------------------------------------------------------------- feasible IR set
def test_feasible_ir_set_of_the_pd():
    verts = rp.feasible_ir_set(pd_game(5, 3, 1, 0))
    assert set(verts) == {(1, 1), (F(13, 3), 1), (3, 3), (1, F(13, 3))}
    mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert rp.feasible_ir_set(mp) == ((0, 0),)


@given(pairs)
def test_feasible_ir_vertices_are_feasible_and_ir(AB):
    A, B = (np.array(x) for x in AB)
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    v = rp.minmax_values(g)
    verts = rp.feasible_ir_set(g)
    assert verts
    pts = np.stack([A.ravel(), B.ravel()], axis=1).astype(float)
    from scipy.optimize import linprog

    for p in verts:
        assert p[0] >= v[0] and p[1] >= v[1]
        # p is a convex combination of the payoff vectors
        res = linprog(np.zeros(len(pts)), A_eq=np.vstack([pts.T, np.ones(len(pts))]),
                      b_eq=[float(p[0]), float(p[1]), 1.0], bounds=[(0, None)] * len(pts), method="highs")
        assert res.status == 0
    # every pure payoff vector that is IR lies in the returned polygon (checked by LP on its vertices)
    V = np.array([[float(x) for x in p] for p in verts])
    for q in pts:
        if q[0] >= v[0] and q[1] >= v[1]:
            res = linprog(np.zeros(len(V)), A_eq=np.vstack([V.T, np.ones(len(V))]), b_eq=[q[0], q[1], 1.0],
                          bounds=[(0, None)] * len(V), method="highs")
            assert res.status == 0


def _support_function_check(g, verts, n_dirs=12, seed=0):
    """max w.u over the IR set, by LP over mixtures of the payoff vectors, equals max over the vertices."""
    from scipy.optimize import linprog

    v = np.array([float(x) for x in rp.minmax_values(g)])
    pts = np.stack([np.asarray(a, dtype=float).ravel() for a in g.payoffs], axis=1)  # (cells, n)
    V = np.array([[float(x) for x in p] for p in verts])
    rng = np.random.default_rng(seed)
    for _ in range(n_dirs):
        w = rng.normal(size=pts.shape[1])
        res = linprog(-(pts @ w), A_ub=-pts.T, b_ub=-v, A_eq=np.ones((1, len(pts))), b_eq=[1.0],
                      bounds=[(0, None)] * len(pts), method="highs")
        assert res.status == 0
        assert float(-res.fun) == pytest.approx(float((V @ w).max()), abs=1e-7)


@settings(max_examples=24)
@given(st.integers(0, 10**6), st.sampled_from(["uniform", "integer", "constant-sum"]))
def test_three_player_feasible_ir_set(seed, kind):
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        arrays = [rng.uniform(-1, 1, (2, 2, 2)) for _ in range(3)]
    elif kind == "integer":
        arrays = [rng.integers(0, 4, (2, 2, 2)) for _ in range(3)]
    else:  # payoff vectors on a plane: the hull has no interior in R^3
        a, b = rng.integers(0, 5, (2, 2, 2)), rng.integers(0, 5, (2, 2, 2))
        arrays = [a, b, 10 - a - b]
    g = gt.NormalFormGame(arrays)
    v = rp.minmax_values(g)
    verts = rp.feasible_ir_set(g)
    assert verts
    for p in verts:
        assert all(p[i] >= float(v[i]) - 1e-9 for i in range(3))
        if kind == "constant-sum":
            assert sum(p) == pytest.approx(10)
    _support_function_check(g, verts, seed=seed)


# ---------------------------------------------------------------------- play between strategies
PD = pd_game(5, 3, 1, 0)


@given(pd_payoffs(), st.fractions(min_value=0, max_value=F(49, 50), max_denominator=50))
def test_expected_payoffs_closed_forms(p, d):
    T, R, P, S = p
    g = pd_game(T, R, P, S)
    assert rp.expected_payoffs(g, "grim", "tft", d).payoffs == (R / (1 - d), R / (1 - d))
    assert rp.expected_payoffs(g, "tft", "all-d", d).payoffs == (S + d * P / (1 - d), T + d * P / (1 - d))
    assert rp.expected_payoffs(g, "pavlov", "all-d", d).payoffs[0] == (S + d * P) / (1 - d**2)
    assert rp.expected_payoffs(g, "tf2t", "all-d", d).payoffs[0] == S + d * S + d**2 * P / (1 - d)
    assert rp.expected_payoffs(g, "tft", "suspicious-tit-for-tat", d).payoffs[0] == (S + d * T) / (1 - d**2)
    # noise 1/2 makes every action a fair coin: the average of the four cells each round
    res = rp.expected_payoffs(g, "grim", "pavlov", d, noise=F(1, 2))
    assert res.payoffs[0] == (T + R + P + S) / 4 / (1 - d)
    assert res.average[0] == (T + R + P + S) / 4


def test_simulation_agrees_with_exact_expectation():
    d, noise = F(4, 5), F(1, 10)
    exact = rp.expected_payoffs(PD, "tft", "pavlov", d, noise=noise).payoffs
    totals = np.array([rp.simulate(PD, "tft", "pavlov", float(d), noise=float(noise), seed=s).total for s in range(3000)])
    mean, se = totals.mean(axis=0), totals.std(axis=0) / np.sqrt(len(totals))
    assert np.all(np.abs(mean - np.array([float(x) for x in exact])) < 4 * se)
    # seeded runs repeat; a fixed number of rounds gives the discounted sum
    assert rp.simulate(PD, "random", "tft", 0.9, seed=7) == rp.simulate(PD, "random", "tft", 0.9, seed=7)
    sim = rp.simulate(PD, "grim", "all-d", 0.5, rounds=3)
    assert sim.history == (("C", "D"), ("D", "D"), ("D", "D"))
    assert sim.total == (0 + 0.5 + 0.25, 5 + 0.5 + 0.25)


def test_tournament_and_bad_input():
    df = rp.tournament(PD, ["all-c", "all-d", "tft", "grim"], delta=F(9, 10))
    assert list(df.columns) == ["always-cooperate", "always-defect", "tit-for-tat", "grim", "mean"]
    assert df.loc["always-defect", "always-cooperate"] == 5
    assert df.loc["tit-for-tat", "tit-for-tat"] == 3
    assert list(df["mean"]) == sorted(df["mean"], reverse=True)
    assert df.loc["always-cooperate", "mean"] == F(3 + 0 + 3 + 3, 4)
    with pytest.raises(GameError):
        rp.expected_payoffs(PD, "tft", "nonsense", F(1, 2))
    with pytest.raises(GameError):
        rp.expected_payoffs(PD, "tft", "grim", 1)
    with pytest.raises(GameError):
        rp.expected_payoffs(PD, "tft", "grim", F(1, 2), noise=F(3, 4))
    with pytest.raises(GameError):
        rp.simulate(PD, "tft", "grim", -0.2)
    with pytest.raises(GameError):
        rp.simulate(PD, "tft", "grim", 0.5, rounds=0)
    with pytest.raises(InvalidGameError):
        rp.expected_payoffs(gt.NormalFormGame.from_bimatrix(np.eye(3, dtype=int), np.eye(3, dtype=int)), "tft", "grim", F(1, 2))
    with pytest.raises(GameError):
        rp.tournament(PD, ["tft", "tit-for-tat"])
