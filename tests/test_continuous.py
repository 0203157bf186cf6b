"""Aggregative public-goods solver: closed forms, equilibrium properties, cross-checks."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.continuous import (
    CES,
    AggregativeGame,
    CobbDouglas,
    ContinuousGame,
    Custom,
    PublicGoodsGame,
    QuasiLinear,
    solve_piecewise_linear,
)
from gametheory.errors import GameError

alphas = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
int_incomes = st.lists(st.integers(1, 60), min_size=1, max_size=8)
float_incomes = st.lists(st.floats(0.1, 100.0, allow_nan=False), min_size=2, max_size=7)


def brute_force_cd(incomes, a):
    """BBV (1986) by enumeration of 'the k richest contribute' (independent of the solver)."""
    srt = sorted(incomes, reverse=True)
    hits = []
    for k in range(1, len(srt) + 1):
        G = (1 - a) * sum(srt[:k]) / (1 + (k - 1) * a)
        cut = a * G / (1 - a)
        if all(I > cut for I in srt[:k]) and all(I <= cut for I in srt[k:]):
            hits.append(G)
    assert len(hits) == 1  # uniqueness of the contributor set
    return hits[0]


def test_textbook_example_exact():
    g = PublicGoodsGame([10, 6, 2], CobbDouglas(F(1, 2)))
    eq = g.nash()
    assert eq.exact and eq.total == F(16, 3)
    assert list(eq.contributions) == [F(14, 3), F(2, 3), 0]
    assert list(eq.burden_shares) == [F(7, 15), F(1, 9), 0]
    assert eq.contributors.tolist() == [0, 1]
    assert g.pareto().total == 9 and g.lindahl().total == 9
    assert list(g.lindahl().prices) == [F(5, 9), F(3, 9), F(1, 9)]


@given(int_incomes, alphas)
def test_cobb_douglas_closed_form_exact(incomes, a):
    eq = PublicGoodsGame(incomes, CobbDouglas(a)).nash()
    G = brute_force_cd([F(i) for i in incomes], a)
    assert eq.exact and eq.total == G
    for I, q in zip(incomes, eq.contributions):
        assert q == (I - a * G / (1 - a) if I > a * G / (1 - a) else 0)
    assert sum(eq.contributions) == eq.total


@given(int_incomes, alphas)
def test_float_path_matches_exact(incomes, a):
    ex = PublicGoodsGame(incomes, CobbDouglas(a)).nash()
    fl = PublicGoodsGame([float(i) for i in incomes], CobbDouglas(float(a))).nash()
    assert not fl.exact
    assert fl.total == pytest.approx(float(ex.total), rel=1e-12)
    assert np.allclose(fl.contributions, np.array(ex.contributions, float), rtol=1e-11, atol=1e-11 * max(incomes))


def _pref(kind, n, data):
    if kind == "cd":
        return CobbDouglas([data.draw(st.floats(0.1, 0.9)) for _ in range(n)])
    if kind == "ces":
        return CES([data.draw(st.floats(0.2, 0.8)) for _ in range(n)], rho=data.draw(st.sampled_from([-2.0, -0.5, 0.5])))
    return QuasiLinear([data.draw(st.floats(0.5, 20.0)) for _ in range(n)])


@given(float_incomes, st.sampled_from(["cd", "ces", "ql"]), st.floats(0.0, 1.0), st.data())
def test_no_profitable_deviation(incomes, kind, phi, data):
    n = len(incomes)
    if kind == "ql" and phi > 0.98:
        phi = 1.0  # the correspondence case is covered too
    g = PublicGoodsGame(incomes, _pref(kind, n, data), spillover=phi)
    eq = g.nash()
    q = np.asarray(eq.contributions, float)
    assert np.all(q >= 0) and np.all(q <= np.asarray(incomes) + 1e-12)
    u = g.payoff(q, np.full(n, q.sum()))
    reg = g.regret(q)
    assert np.all(reg <= 1e-8 * (1 + np.abs(u))), (reg, q)


@given(st.lists(st.integers(1, 80), min_size=2, max_size=8, unique=True), alphas, st.sampled_from(["cd", "ces"]))
def test_contributors_are_richest_and_burden_increasing(incomes, a, kind):
    pref = CobbDouglas(a) if kind == "cd" else CES(a, rho=F(-1))
    eq = PublicGoodsGame(incomes, pref).nash()
    inc = np.array(incomes, float)
    contributes = np.asarray(eq.contributions, float) > 0
    if contributes.any():
        assert inc[contributes].min() > inc[~contributes].max(initial=0)
    order = np.argsort(inc)
    bs = np.asarray(eq.burden_shares, float)[order]
    assert np.all(np.diff(bs) >= -1e-12)  # exploitation hypothesis with identical preferences


@given(float_incomes, st.data())
def test_nash_below_lindahl_heterogeneous_cd(incomes, data):
    n = len(incomes)
    pref = CobbDouglas([data.draw(st.floats(0.1, 0.9)) for _ in range(n)])
    g = PublicGoodsGame(incomes, pref)
    eq = g.nash()
    lin = g.lindahl()
    assert float(sum(lin.prices)) == pytest.approx(1.0)
    if eq.n_contributors >= 2:
        assert eq.total < lin.total * (1 - 1e-12)
    else:
        assert eq.total <= lin.total * (1 + 1e-12)


@given(int_incomes, alphas, st.sampled_from(["cd", "ces"]))
def test_nash_below_pareto_identical(incomes, a, kind):
    pref = CobbDouglas(a) if kind == "cd" else CES(a, rho=F(-1, 2))
    g = PublicGoodsGame(incomes, pref)
    eq, par = g.nash(), g.pareto()
    if eq.n_contributors >= 2:
        assert eq.total < par.total
    # Samuelson condition at the optimum
    x = np.asarray(par.private, float)
    assert float(np.sum(g.pref.mrs(x, np.full(len(incomes), float(par.total))))) == pytest.approx(1.0, rel=1e-9)


@given(st.lists(st.integers(1, 50), min_size=2, max_size=7), alphas, st.data())
def test_transfer_neutrality_exact(incomes, a, data):
    g = PublicGoodsGame(incomes, CobbDouglas(a))
    eq = g.nash()
    C = eq.contributors.tolist()
    assume(len(C) >= 2)
    i, j = data.draw(st.sampled_from([(x, y) for x in C for y in C if x != y]))
    amount = eq.contributions[i] * data.draw(st.fractions(0, 1, max_denominator=7))
    inc = [F(v) for v in incomes]
    inc[i] -= amount
    inc[j] += amount
    eq2 = PublicGoodsGame(inc, CobbDouglas(a)).nash()
    if eq2.contributors.tolist() == C:
        assert eq2.total == eq.total
        assert list(eq2.private) == list(eq.private)  # every private consumption unchanged


def test_transfer_that_changes_contributor_set_is_not_neutral():
    eq = PublicGoodsGame([10, 6, 2], CobbDouglas(F(1, 2))).nash()
    # a contributor's gift to a non-contributor is not neutral either: provision falls
    eq2 = PublicGoodsGame([8, 6, 4], CobbDouglas(F(1, 2))).nash()
    assert eq2.contributors.tolist() == [0, 1] and eq2.total == F(14, 3) < eq.total
    eq3 = PublicGoodsGame([5, 6, 7], CobbDouglas(F(1, 2))).nash()
    assert len(eq3.contributors) == 3 and eq3.total != eq.total


@given(st.integers(10, 120), st.integers(0, 10**6), st.sampled_from([1.0, 0.6, 0.0]), st.sampled_from(["cd", "ces"]))
@example(10, 195, 0.6, "ces")  # the KKT root at q ~ 0 (complements) was returned with a gain of 1.74
def test_replacement_matches_generic_root_solver(n, seed, phi, kind):
    rng = np.random.default_rng(seed)
    inc = rng.lognormal(0, 1, n)
    a = rng.uniform(0.2, 0.9, n)
    pref = CobbDouglas(a) if kind == "cd" else CES(a, rho=-0.7)
    g = PublicGoodsGame(inc, pref, spillover=phi)
    e1 = g.nash()
    e2 = g.nash(method="root")
    assert e2.total == pytest.approx(e1.total, rel=1e-9)
    assert np.max(np.abs(e1.contributions - e2.contributions)) <= 1e-9 * e1.total


def test_best_response_iteration_small_alliance():
    g = PublicGoodsGame([10.0, 6.0, 2.0], CobbDouglas(0.5), spillover=0.5)
    e = g.nash(method="best-response")
    assert e.total == pytest.approx(6.4, rel=1e-9)


@given(float_incomes, st.floats(0.2, 0.8), st.floats(0.0, 1.0))
def test_custom_utility_matches_closed_form(incomes, a, phi):
    cd = PublicGoodsGame(incomes, CobbDouglas(a), spillover=phi).nash()
    cu = PublicGoodsGame(incomes, Custom(lambda x, z: x**a * z ** (1 - a)), spillover=phi).nash()
    assert cu.total == pytest.approx(cd.total, rel=1e-6)
    assert np.allclose(cu.contributions, cd.contributions, atol=1e-6 * cd.total)


def test_custom_scalar_callable_and_lindahl():
    import math

    fn = lambda x, z: math.log(x) + 2 * math.log(z) if x > 0 and z > 0 else -1e300  # noqa: E731
    g = PublicGoodsGame([9.0, 3.0], Custom(fn))
    ref = PublicGoodsGame([9.0, 3.0], CobbDouglas(1 / 3))
    assert g.nash().total == pytest.approx(ref.nash().total, rel=1e-6)
    assert g.lindahl().total == pytest.approx(8.0, rel=1e-6)  # sum (1 - a) I


def test_quasilinear_exact_and_ties():
    eq = PublicGoodsGame([10, 6, 2], QuasiLinear([3, 5, 5])).nash()
    assert eq.total == 5 and not eq.unique and "split" in eq.note
    eq = PublicGoodsGame([10, 6, 2], QuasiLinear([3, 5, 4])).nash()
    assert eq.total == 5 and eq.unique and list(eq.contributions) == [0, 5, 0]
    eq = PublicGoodsGame([10, 2, 1], QuasiLinear([3, 5, 4])).nash()  # capped by income
    assert eq.total == 3 and list(eq.contributions) == [0, 2, 1]
    eq = PublicGoodsGame([10, 6, 2], QuasiLinear([3, 5, 5]), spillover=F(1, 2)).nash()
    assert eq.total == 6 and list(eq.contributions) == [0, 4, 2]
    g = PublicGoodsGame([10, 6, 2], QuasiLinear([3, 5, 5]))
    assert g.pareto().total == 13 and g.lindahl().total == 13


def test_impure_cd_exact_formula():
    # q_i = ((1-a) I_i - a phi G)/(1 - a phi): with a = 1/2, phi = 1/2 and incomes 10, 6, 2
    eq = PublicGoodsGame([10, 6, 2], CobbDouglas(F(1, 2)), spillover=F(1, 2)).nash()
    a, phi, G = F(1, 2), F(1, 2), eq.total
    for I, q in zip([10, 6, 2], eq.contributions):
        assert q == max(F(0), ((1 - a) * I - a * phi * G) / (1 - a * phi))
    assert G == F(32, 5)


def test_phi_zero_is_private_good():
    eq = PublicGoodsGame([10, 6, 2], CobbDouglas(F(1, 4)), spillover=0).nash()
    assert list(eq.contributions) == [F(30, 4), F(18, 4), F(6, 4)]


def test_piecewise_linear_solver_exact_vs_float():
    rng = np.random.default_rng(3)
    for _ in range(30):
        n = int(rng.integers(1, 9))
        A = [F(int(x)) for x in rng.integers(-5, 30, n)]
        B = [F(int(x), 4) for x in rng.integers(0, 9, n)]
        U = [F(int(x)) for x in rng.integers(0, 20, n)]
        G = solve_piecewise_linear(A, B, U, exact=True)
        R = sum(min(max(a - b * G, 0), u) for a, b, u in zip(A, B, U))
        assert R == G
        Gf = solve_piecewise_linear([float(a) for a in A], [float(b) for b in B], [float(u) for u in U])
        assert Gf == pytest.approx(float(G), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    "make",
    [
        lambda: PublicGoodsGame([10, -1], CobbDouglas(F(1, 2))),
        lambda: PublicGoodsGame([], CobbDouglas(F(1, 2))),
        lambda: PublicGoodsGame([10, 5], CobbDouglas(F(1, 2)), spillover=F(3, 2)),
        lambda: PublicGoodsGame([10, 5], CobbDouglas(F(1, 2)), spillover=-0.1),
        lambda: PublicGoodsGame([10, 5], CobbDouglas(1)),
        lambda: PublicGoodsGame([10, 5], CobbDouglas([0.5, 0])),
        lambda: PublicGoodsGame([10, 5], QuasiLinear([1, 0])),
        lambda: PublicGoodsGame([10, 5], CES(0.5, rho=1)),
        lambda: PublicGoodsGame([10, 5], Custom(lambda x, z: x - z)),
        lambda: PublicGoodsGame([10, float("nan")], CobbDouglas(0.5)),
        lambda: PublicGoodsGame([10, "a"], CobbDouglas(0.5)),
        lambda: PublicGoodsGame([10, 5], CobbDouglas([0.5, 0.5, 0.5])),
        lambda: PublicGoodsGame([10, 5], "cobb-douglas"),
    ],
)
def test_bad_input_raises_game_error(make):
    with pytest.raises(GameError):
        make()


def test_cournot_as_aggregative_game():
    # u_i = q_i (a - Q) - c_i q_i: Q* = (n a - sum c)/(n + 1), q_i = a - c_i - Q*
    a, c = 20.0, np.array([1.0, 2.0, 3.0, 4.0])
    game = AggregativeGame(lambda q, Q: q * (a - Q) - (c if np.ndim(q) == 1 else c[:, None]) * q, upper=np.full(4, 20.0))
    Q = (4 * a - c.sum()) / 5
    for method in ("replacement", "root", "best-response"):
        eq = game.nash(method=method)
        assert eq.aggregate == pytest.approx(Q, rel=1e-8)
        assert np.allclose(eq.actions, a - c - Q, atol=1e-7)
        assert eq.max_regret <= 1e-9


def test_list_of_payoffs_and_bad_method():
    game = AggregativeGame([lambda q, Q: q * (10 - Q), lambda q, Q: q * (10 - Q) - q], upper=[10, 10])
    eq = game.nash()
    assert np.allclose(eq.actions, [11 / 3, 8 / 3], atol=1e-8)
    with pytest.raises(GameError):
        game.nash(method="magic")


def test_continuous_game_fallbacks():
    def payoff(q):
        x, y = q
        return np.array([-(x - y / 2 - 1) ** 2, -(y - x / 2) ** 2])

    game = ContinuousGame(payoff, lower=[-5, -5], upper=[5, 5])
    for method in ("root", "best-response"):
        eq = game.nash(method=method)
        assert np.allclose(eq.actions, [4 / 3, 2 / 3], atol=1e-7)
        assert eq.max_regret < 1e-10
    assert gt.AggregativeGame is AggregativeGame


# ---------------------------------------------------------------------- public coefficients
def test_preference_coefficients_are_public_once_bound():
    cd = CobbDouglas([F(1, 2), F(1, 3)])
    assert cd.alphas is None and cd.exact_alphas is None  # not bound to a game yet
    g = PublicGoodsGame([10, 6], cd)
    assert g.pref.exact_alphas == [F(1, 2), F(1, 3)]
    np.testing.assert_array_equal(g.pref.alphas, [0.5, 1 / 3])
    ces = PublicGoodsGame([4, 4], CES(alpha=F(1, 2), rho=F(-1))).pref
    assert ces.exact_alphas == [F(1, 2)] * 2 and ces.exact_rho == F(-1)
    assert PublicGoodsGame([4, 4], CES(alpha=0.5, rho=-0.5)).pref.exact_rho is None
    ql = PublicGoodsGame([10, 10], QuasiLinear([3, 1])).pref
    assert ql.exact_values == [F(3), F(1)]
    np.testing.assert_array_equal(ql.values, [3.0, 1.0])
    assert PublicGoodsGame([10.0, 10.0], QuasiLinear([0.3, 0.1])).pref.exact_values is None
    # a list handed out is a copy: the game's own coefficients stay as they were
    g.pref.exact_alphas.append(F(9, 10))
    assert g.pref.exact_alphas == [F(1, 2), F(1, 3)]


def test_replacement_nash_is_the_point_nash_reports():
    def u(x, z):
        return np.sqrt(np.maximum(x, 0)) + 2 * np.sqrt(np.maximum(z, 0))

    g = PublicGoodsGame([10.0, 6.0, 2.0], Custom(u))
    q, G = g.replacement_nash()
    eq = g.nash()
    np.testing.assert_allclose(np.asarray(eq.contributions, float), q, rtol=0, atol=1e-12)
    assert abs(float(eq.total) - G) <= 1e-9 * max(1.0, G)
