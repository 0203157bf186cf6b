"""Sandler's joint-product alliance U_i = U(x_i, Q, q_i) (models.collective.joint_products).

Oracles: the first-order condition a/(I - q) = b/Q + c/q checked exactly in Fractions; the
general numerical path (bisection replies, sympy marginals) against the closed forms; the pure
public good ``cg.Alliance`` at c = 0; equilibria built backwards from chosen rational spending;
each ally's regret (grid + bounded search)."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st

from gametheory.errors import GameError, InvalidGameError, SolverError
from gametheory.tables import read_csv
from models import collective_goods as cg
from models.collective.goods import _exploitation
from models.registry import MODELS

weights = st.fractions(F(1, 10), 3, max_denominator=12)
incomes = st.lists(st.fractions(1, 100, max_denominator=6), min_size=1, max_size=5)


# ---------------------------------------------------------------------- textbook values
def test_textbook_symmetric_value_30_7():
    """a = 1/2, b = c = 1/4, two allies of income 10: q = (b/2 + c) I / (a + b/2 + c) = 30/7."""
    alliance = cg.joint_products([10, 10], F(1, 2), F(1, 4), F(1, 4))
    eq = alliance.nash()
    assert eq.exact and eq.contributions.tolist() == [F(30, 7), F(30, 7)]
    assert eq.total == F(60, 7) and eq.burden_shares.tolist() == [F(3, 7), F(3, 7)]
    assert list(eq.contributors) == [0, 1]
    assert alliance.marginal_gains(eq.contributions) == [0, 0]  # a/(I-q) = b/Q + c/q exactly


@given(st.integers(1, 8), st.fractions(1, 100, max_denominator=6), weights, weights, weights)
def test_symmetric_closed_form_satisfies_the_foc_exactly(n, income, a, b, c):
    alliance = cg.joint_products([income] * n, a, b, c)
    eq = alliance.nash()
    assert eq.exact and all(type(v) is F for v in eq.contributions)
    assert alliance.marginal_gains(eq.contributions) == [0] * n
    assert all(0 < v < income for v in eq.contributions)


@given(st.lists(st.fractions(F(1, 2), 6, max_denominator=4), min_size=1, max_size=5), weights, weights, weights)
def test_rational_equilibria_built_backwards_are_found_exactly(spend, a, b, c):
    """Choose each ally's spending q_i, set I_i = q_i + a / (b/Q + c/q_i): the unique equilibrium of
    those incomes is q, and nash() returns it in Fractions (a rational root verified exactly)."""
    Q = sum(spend)
    inc = [q + a / (b / Q + c / q) for q in spend]
    eq = cg.joint_products(inc, a, b, c).nash()
    assert eq.exact
    assert eq.contributions.tolist() == spend


# ---------------------------------------------------------------------- the numerical path
@given(incomes, weights, weights, st.one_of(st.just(F(0)), weights))
def test_closed_form_and_cobb_douglas_reply_agree_with_the_general_numerical_path(inc, a, b, c):
    """c = 0 included: there the numerical path must find the corners (small allies spend 0)."""
    alliance = cg.joint_products(inc, a, b, c)
    eq = alliance.nash()
    num = alliance.nash(method="numerical")
    assert not num.exact
    np.testing.assert_allclose(np.asarray(num.contributions, float), np.asarray(eq.contributions, float),
                               rtol=1e-8, atol=1e-10 * float(sum(inc)))
    assert np.all(alliance.regret(num.contributions) <= 1e-8 * (1 + np.abs(alliance.payoff(num.contributions, num.total))))


@given(incomes, weights, weights, weights)
def test_sympy_utility_matches_the_cobb_douglas_model(inc, a, b, c):
    x, Q, q = sp.symbols("x Q q", positive=True)
    expr = sp.Rational(a.numerator, a.denominator) * sp.log(x) + sp.Rational(b.numerator, b.denominator) * sp.log(Q) \
        + sp.Rational(c.numerator, c.denominator) * sp.log(q)
    symbolic = cg.JointProductAlliance(inc, cg.JointSymbolic(expr, x, Q, q)).nash()
    closed = cg.joint_products(inc, a, b, c).nash()
    np.testing.assert_allclose(np.asarray(symbolic.contributions, float), np.asarray(closed.contributions, float),
                               rtol=1e-8, atol=1e-10 * float(sum(inc)))


def test_custom_utility_with_and_without_analytic_marginals():
    def u(x, Q, q):
        return np.log(x) + np.sqrt(Q) + np.log(q)

    def gain(x, Q, q):
        return -1 / x + 0.5 / np.sqrt(Q) + 1 / q

    inc = [10.0, 4.0, 1.0]
    exact_marg = cg.JointProductAlliance(inc, cg.JointCustom(u, gain)).nash()
    fd = cg.JointProductAlliance(inc, cg.JointCustom(u)).nash()
    # the first-order condition of the analytic version holds to rounding
    q = np.asarray(exact_marg.contributions, float)
    assert np.max(np.abs(gain(np.array(inc) - q, q.sum(), q))) < 1e-9
    np.testing.assert_allclose(np.asarray(fd.contributions, float), q, rtol=1e-7)


def test_regret_detects_a_profile_that_is_not_an_equilibrium():
    alliance = cg.joint_products([10, 6, 2], F(1, 2), F(1, 4), F(1, 4))
    eq = alliance.nash()
    assert np.all(alliance.regret(eq.contributions) < 1e-12)
    off = np.asarray(eq.contributions, float) * np.array([1.2, 1.0, 1.0])
    assert alliance.regret(off)[0] > 1e-3


def test_a_non_concave_utility_is_refused_not_answered():
    # convex in own spending: the first-order condition finds a minimum, the regret check refuses it
    u = cg.JointCustom(lambda x, Q, q: np.log(x) + np.log(Q) + (q - 3) ** 2)
    with pytest.raises(SolverError):
        cg.JointProductAlliance([10, 10], u).nash()


# ---------------------------------------------------------------------- theory
@given(st.lists(st.fractions(1, 100, max_denominator=6), min_size=1, max_size=6), weights, weights)
def test_c_zero_is_the_pure_public_good(inc, a, b):
    """U = a ln x + b ln Q is Cobb-Douglas x^alpha Q^(1-alpha) with alpha = a / (a + b)."""
    jp = cg.joint_products(inc, a, b, 0).nash()
    oracle = cg.Alliance(inc, utility=cg.CobbDouglas(a / (a + b))).nash()
    assert jp.exact and oracle.exact
    assert jp.contributions.tolist() == oracle.contributions.tolist()
    assert jp.total == oracle.total


@given(incomes, weights, weights, weights)
def test_with_a_private_output_every_ally_spends(inc, a, b, c):
    """c ln q_i makes the marginal private benefit unbounded at q_i = 0: no corner solutions."""
    eq = cg.joint_products(inc, a, b, c).nash()
    assert eq.n_contributors == len(inc)
    assert all(0 < q < I for q, I in zip(eq.contributions, inc))


@given(st.lists(st.integers(1, 100), min_size=2, max_size=6), weights, weights,
       st.lists(st.fractions(0, 1, max_denominator=10), min_size=2, max_size=2, unique=True))
def test_a_larger_private_share_weakens_exploitation(inc, a, benefit, shares):
    """Holding b + c fixed, a larger private share c/(b + c) brings burden shares closer to
    income shares (Sandler 1977; Sandler & Hartley 2001): the largest ally's relative burden and
    the spread of burden shares both fall."""
    assume(len(set(inc)) > 1)
    lo, hi = sorted(shares)
    eqs = [cg.joint_products(inc, a, benefit * (1 - s), benefit * s).nash() for s in (lo, hi)]
    ratio = [float(_exploitation(e)["exploitation_ratio"]) for e in eqs]
    spread = [float(np.ptp(np.asarray(e.burden_shares, float))) for e in eqs]
    assert ratio[1] <= ratio[0] * (1 + 1e-9)
    assert spread[1] <= spread[0] + 1e-12
    if hi == 1:  # no public output: burden shares proportional, q_i = c I_i / (a + c)
        assert ratio[1] == 1 and spread[1] == 0


def test_bigger_allies_carry_weakly_larger_burdens():
    eq = cg.joint_products([100, 50, 20, 5], F(1, 2), F(1, 4), F(1, 4)).nash()
    bs = np.asarray(eq.burden_shares, float)
    assert np.all(np.diff(bs) < 0)  # incomes decrease, so burden shares decrease


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize("args, match", [
    (([10, 10], 0, 1, 1), "must be positive"),
    (([10, 10], 1, -1, 1), "nonnegative"),
    (([10, 10], 1, 0, 0), "b = c = 0"),
    (([10, 10], 1, float("nan"), 1), "not a finite number"),
    (([10, -1], 1, 1, 1), "income 1 is -1"),
    (([], 1, 1, 1), "empty"),
    (("10", 1, 1, 1), "sequence of numbers"),
    (([10, "x"], 1, 1, 1), "incomes\\[1\\]"),
])
def test_bad_input_raises_game_errors(args, match):
    with pytest.raises(InvalidGameError, match=match):
        cg.joint_products(*args)


def test_bad_utilities_and_methods():
    x, Q, q = sp.symbols("x Q q", positive=True)
    with pytest.raises(GameError, match="never parsed"):
        cg.JointSymbolic("log(x)", x, Q, q)
    with pytest.raises(GameError, match="other than x, Q, q"):
        cg.JointSymbolic(sp.log(x) + sp.Symbol("z"), x, Q, q)
    with pytest.raises(GameError, match="callable"):
        cg.JointCustom(3)
    with pytest.raises(GameError, match="utility must be"):
        cg.JointProductAlliance([1, 2], cg.CobbDouglas(F(1, 2)))
    with pytest.raises(GameError, match="method"):
        cg.joint_products([1, 2]).nash(method="newton")
    with pytest.raises(GameError, match="3 allies"):
        cg.joint_products([1, 2, 3]).marginal_gains([1, 1])


# ---------------------------------------------------------------------- registry and CLI
def test_registered_model_row():
    row = MODELS["joint-products"].solve(n=2, spread=1)  # two allies of income 100
    assert row["nash_total"] == 2 * 10 * F(30, 7) and row["exact"] and row["burden_spread"] == 1
    pure = MODELS["joint-products"].solve(c=0)
    oz = MODELS["olson-zeckhauser"].solve(alpha=F(2, 3))  # a = 1/2, b = 1/4: alpha = 2/3
    assert pure["nash_total"] == oz["nash_total"] and pure["contributors"] == oz["contributors"]
    with pytest.raises(GameError, match="b = c = 0"):
        MODELS["joint-products"].solve(b=0, c=0)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "latex", "json"])
def test_table_joint_products_every_format(fmt):
    res = _cli("table", "joint-products", "--format", fmt, "--param", "n=2", "--param", "spread=1")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    q = cg.joint_products([100, 100]).nash().contributions[0]  # 10 times the textbook 30/7
    assert q == F(300, 7)
    if fmt == "csv":
        df = read_csv(out)
        assert list(df["contribution"]) == [q, q]
    elif fmt == "json":
        rows = json.loads(out)
        assert [r["contribution"] for r in rows] == ["300/7", "300/7"]
    else:
        assert out.count("300/7") + out.count("\\frac{300}{7}") >= 2, out


def test_table_joint_products_bad_parameters_is_one_line():
    res = _cli("table", "joint-products", "--param", "b=0", "--param", "c=0")
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "b = c = 0" in res.stderr


# ---------------------------------------------------------------------- efficiency
@given(incomes, weights, weights, st.one_of(st.just(F(0)), weights))
def test_pareto_meets_the_samuelson_condition_with_joint_products_exactly(inc, a, b, c):
    """sum_j U_Q^j / U_x^j + U_q^i / U_x^i = 1 for every ally (Cobb-Douglas: (b/Q) x_j / a and
    (c/q_i) x_i / a), checked in Fractions; Nash spending falls short of it when n >= 2."""
    alliance = cg.joint_products(inc, a, b, c)
    p = alliance.pareto()
    assert p.exact and p.concept == "pareto"
    q, Q = p.contributions.tolist(), p.total
    x = [I - qi for I, qi in zip(inc, q)]
    for i in range(len(inc)):
        assert sum(b / Q * xj / a for xj in x) + c / q[i] * x[i] / a == 1
    nash = alliance.nash()
    if len(inc) >= 2:
        assert float(nash.total) < float(Q)
    else:  # one ally internalizes everything
        assert float(nash.total) == pytest.approx(float(Q), rel=1e-12)


@given(st.lists(st.fractions(1, 100, max_denominator=6), min_size=1, max_size=6), weights, weights)
def test_pareto_at_c_zero_is_the_pure_public_good_samuelson_level(inc, a, b):
    ours = cg.joint_products(inc, a, b, 0).pareto()
    oracle = cg.Alliance(inc, utility=cg.CobbDouglas(a / (a + b))).pareto()
    assert ours.total == oracle.total and ours.contributions.tolist() == oracle.contributions.tolist()


def test_pareto_needs_cobb_douglas():
    u = cg.JointCustom(lambda x, Q, q: np.log(x) + np.log(Q) + np.log(q))
    with pytest.raises(GameError, match="JointCobbDouglas"):
        cg.JointProductAlliance([1, 2], u).pareto()
