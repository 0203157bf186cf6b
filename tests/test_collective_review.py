"""Regression tests for the models/theory review of the collective-goods models
(/work/notes/review_models.md, findings 2-8)."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from models import collective_goods as cg
from models.registry import MODELS

# ---------------------------------------------------------------------------------------------
# finding 3: Custom utilities written with math.* must never be evaluated outside the budget set
# ---------------------------------------------------------------------------------------------


def _strict(fn, incomes):
    """Wrap a scalar utility so any evaluation outside [0, max I] x [0, inf) fails loudly."""
    top = max(incomes)

    def u(x, G):
        if not (0 <= x <= top and G >= 0):
            raise AssertionError(f"evaluated outside the budget set at x={x!r}, Z={G!r}")
        return fn(x, G)

    return u


@pytest.mark.parametrize("fn", [lambda x, G: math.sqrt(x * G), lambda x, G: math.log(x) + math.log(G)],
                         ids=["sqrt", "log"])
def test_custom_math_utility_matches_cobb_douglas(fn):
    inc = [10, 6, 2]
    eq = cg.Alliance(incomes=inc, utility=cg.Custom(_strict(fn, inc))).nash()
    # Cobb-Douglas alpha = 1/2 closed form (BBV 1986): G = 16/3, q = (14/3, 2/3, 0)
    assert float(eq.total) == pytest.approx(16 / 3, rel=1e-8)
    assert np.allclose(np.asarray(eq.contributions, float), [14 / 3, 2 / 3, 0], atol=1e-7)
    assert eq.n_contributors == 2


def test_custom_math_utility_with_spillover_and_benchmarks():
    inc = [10, 6, 2]
    u = cg.Custom(_strict(lambda x, G: math.sqrt(x * G), inc))
    eq = cg.Alliance(inc, u, spillover=F(1, 2)).nash()
    # Sandler joint products, phi = 1/2 (hand solution in the review): G = 32/5, q = (68/15, 28/15, 0)
    assert float(eq.total) == pytest.approx(32 / 5, rel=1e-7)
    assert np.allclose(np.asarray(eq.contributions, float), [68 / 15, 28 / 15, 0], atol=1e-6)
    a = cg.Alliance(inc, u)
    assert float(a.pareto().total) == pytest.approx(9, rel=1e-8)
    assert float(a.lindahl().total) == pytest.approx(9, rel=1e-8)


# ---------------------------------------------------------------------------------------------
# findings 2 and 6: a cardinal exploitation measure that follows the theory; rho never NaN
# ---------------------------------------------------------------------------------------------


def test_exploitation_ratio_hand_values():
    m = MODELS["impure-public-good"]
    r0 = m.solve(spillover=0)
    # phi = 0: every ally spends the same share (1 - a) of income, so burdens are proportional
    assert r0["exploitation_ratio"] == 1
    assert r0["rho_burden_income"] == 0 and "undefined" in r0["rho_note"]
    r1 = m.solve(spillover=1)
    # phi = 1, a = 1/2, incomes 100, 200/3, 400/9, ... (sum 21100/81): the two largest contribute,
    # G = (1/2)(500/3)/(3/2) = 500/9 (BBV 1986), q_1 = 100 - 500/9 = 400/9
    assert r1["nash_total"] == F(500, 9)
    assert r1["exploitation_ratio"] == (F(400, 9) / 100) / (F(500, 9) / F(21100, 81)) == F(844, 405)
    assert r1["largest_ally_share"] == pytest.approx(0.8)
    assert r1["rho_note"] == ""


@given(
    n=st.integers(2, 7),
    spread=st.fractions(min_value=F(11, 10), max_value=3, max_denominator=10),
    alpha=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10),
    phis=st.tuples(*[st.fractions(min_value=0, max_value=1, max_denominator=20)] * 2),
)
def test_exploitation_weakens_as_spillover_falls(n, spread, alpha, phis):
    """Sandler (1977), Murdoch & Sandler (1984): lowering phi (more private benefit) weakens
    exploitation; the headline measure must move that way (the ordinal rho need not)."""
    lo, hi = sorted(phis)
    assume(lo < hi)
    m = MODELS["impure-public-good"]
    a = m.solve(spillover=lo, n=n, spread=spread, alpha=alpha)
    b = m.solve(spillover=hi, n=n, spread=spread, alpha=alpha)
    assert a["exploitation_ratio"] <= b["exploitation_ratio"]
    assert a["largest_ally_share"] <= b["largest_ally_share"] + 1e-12
    assert a["exploitation_ratio"] >= 1  # the largest ally never bears less than the average burden
    for r in (a, b):
        assert not math.isnan(r["rho_burden_income"])


def test_spillover_sweep_reads_the_theory_and_has_no_blank_cells():
    m = MODELS["impure-public-good"]
    rows = [m.solve(spillover=F(k, 5)) for k in range(6)]
    ratios = [r["exploitation_ratio"] for r in rows]
    assert ratios == sorted(ratios) and ratios[0] == 1 and ratios[-1] > 2
    # the ordinal statistic moves the other way here (1 at phi = 1/5, 0.89 at phi = 1): kept, documented
    assert rows[1]["rho_burden_income"] > rows[-1]["rho_burden_income"]
    assert "ordinal" in m.description.lower() and "ordinal" in MODELS["olson-zeckhauser"].description.lower()
    for r in rows:
        assert all(v is not None and not (isinstance(v, float) and math.isnan(v)) for v in r.values())
    oz = MODELS["olson-zeckhauser"]
    for params in ({"spread": 1}, {"n": 1}, {}):
        r = oz.solve(**params)
        assert not math.isnan(r["rho_burden_income"])
        assert (r["rho_note"] != "") == bool(params)


# ---------------------------------------------------------------------------------------------
# finding 4: every declared endpoint either runs or is rejected up front by the range check
# ---------------------------------------------------------------------------------------------

# joint conditions no single range can express (documented in the model descriptions)
_JOINT = {("threshold-game", "n", 1): "exceeds", ("threshold-game", "k", 100): "exceeds",
          # the year range spans both data sets; the default one starts in 2012
          ("exploitation-test", "year", 1960): "no usable data in 'nato-2012-2019'",
          ("nato-cost-sharing", "year", 1960): "not in data set", ("olson-zeckhauser-data", "year", 1960): "not in data set"}


def _endpoints():
    for name in MODELS:
        m = MODELS[name]
        if m.family != "collective goods":
            continue
        for pname, p in m.parameters.items():
            for end, is_open in ((p.low, p.low_open), (p.high, p.high_open)):
                if end is not None:
                    yield pytest.param(name, pname, end, is_open, id=f"{name}-{pname}={end}")


@pytest.mark.parametrize("name,pname,end,is_open", list(_endpoints()))
def test_declared_endpoints_run_or_are_rejected_up_front(name, pname, end, is_open):
    m = MODELS[name]
    if is_open:
        with pytest.raises(GameError, match="range"):
            m.check_params({pname: end})
        return
    m.check_params({pname: end})  # a closed endpoint passes the range check ...
    if (name, pname, end) in _JOINT:
        with pytest.raises(GameError, match=_JOINT[name, pname, end]):
            m.rows(**{pname: end})
        return
    rows = m.rows(**{pname: end})  # ... and then solves
    row = m.solve(**{pname: end})
    assert rows
    for r in [row, *rows]:
        assert not any(isinstance(v, float) and math.isnan(v) for v in r.values())


def test_range_flags_of_collective_goods_models():
    assert MODELS["group-size"].parameters["alpha"].range_text() == "(0, 1)"
    assert MODELS["group-size"].parameters["income"].range_text() == "(> 0)"
    vd = MODELS["volunteers-dilemma"]
    assert vd.parameters["cost"].range_text() == "(> 0)" and "cost < benefit" in vd.description
    with pytest.raises(GameError, match="cost < benefit"):
        vd.solve(cost=4, benefit=4)
    assert "k <= n" in MODELS["threshold-game"].description


# ---------------------------------------------------------------------------------------------
# finding 7: a double root of the threshold condition is one equilibrium
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n,k", [(3, 2), (4, 2), (4, 3), (5, 3), (6, 4)])
def test_threshold_tangency_root_listed_once(n, k):
    # the pivot probability C(n-1,k-1) p^(k-1) (1-p)^(n-k) peaks at p* = (k-1)/(n-1): with c equal
    # to that peak the condition has a double root at p*, one symmetric mixed equilibrium
    p = F(k - 1, n - 1)
    peak = math.comb(n - 1, k - 1) * p ** (k - 1) * (1 - p) ** (n - k)
    t = cg.threshold_game(n=n, k=k, cost=peak, value=1)
    assert t.mixed == (p,)
    tf = cg.threshold_game(n=n, k=k, cost=float(peak), value=1.0)
    assert len(tf.mixed) == 1 and tf.mixed[0] == pytest.approx(float(p), abs=1e-6)


def test_threshold_review_example_and_distinct_roots():
    assert cg.threshold_game(n=3, k=2, cost=F(1, 2), value=1).mixed == (F(1, 2),)
    for n in range(2, 8):
        for k in range(1, n + 1):
            for c in (F(1, 10), F(1, 4), F(1, 2)):
                ps = cg.threshold_game(n=n, k=k, cost=c, value=1).mixed
                assert len(set(ps)) == len(ps)
                # each listed p satisfies the indifference condition (Palfrey & Rosenthal 1984)
                for p in ps:
                    piv = math.comb(n - 1, k - 1) * float(p) ** (k - 1) * (1 - float(p)) ** (n - k)
                    assert piv == pytest.approx(float(c), abs=1e-12)


# ---------------------------------------------------------------------------------------------
# finding 8: CES with exact inputs gives Fractions when the closed form is rational
# ---------------------------------------------------------------------------------------------


def test_ces_review_example_is_exact():
    eq = cg.Alliance([10, 6, 2], cg.CES(alpha=F(1, 5), rho=-1)).nash()
    assert eq.exact and eq.total == 8 and list(eq.contributions) == [6, 2, 0]
    assert all(isinstance(v, F) for v in eq.contributions) and "rational" in eq.note
    irr = cg.Alliance([10, 6, 2], cg.CES(alpha=F(1, 3), rho=-1)).nash()  # ratio sqrt(2)
    assert not irr.exact and "irrational" in irr.note
    assert irr.total == pytest.approx(float(irr.contributions.sum()))


@given(
    s=st.fractions(min_value=F(1, 4), max_value=4, max_denominator=6),
    rho=st.sampled_from([F(-1), F(-2), F(1, 2), F(-1, 2), F(2, 3)]),
    incomes=st.lists(st.integers(1, 30), min_size=1, max_size=5),
)
def test_ces_exact_when_ratio_rational_matches_float_closed_form(s, rho, incomes):
    e = 1 / (1 - rho)
    alpha = 1 / (1 + s**e.denominator)  # (1 - a)/a = s^q, so ((1 - a)/a)^(p/q) = s^p is rational
    eq = cg.Alliance(incomes, cg.CES(alpha=alpha, rho=rho)).nash()
    assert eq.exact and isinstance(eq.total, F) and eq.method == "replacement-exact"
    ref = cg.Alliance([float(i) for i in incomes], cg.CES(alpha=float(alpha), rho=float(rho))).nash()
    assert float(eq.total) == pytest.approx(float(ref.total), rel=1e-9)
    assert np.allclose(np.asarray(eq.contributions, float), np.asarray(ref.contributions, float), atol=1e-9)
    # the homothetic first-order condition Z/x = s^p holds exactly for every contributor
    for q, inc in zip(eq.contributions, incomes):
        if q > 0:
            assert eq.total / (inc - q) == s**e.numerator


# ---------------------------------------------------------------------------------------------
# finding 5: CES bridging with r < 0 (between summation and the weakest link)
# ---------------------------------------------------------------------------------------------


def _no_profitable_deviation(incomes, alpha, r, q):
    """Independent check: each ally's best reply by bounded scalar optimization of
    U = x^a G^(1-a) with G = (sum q^r)^(1/r) (Cornes 1993 bridging technology)."""
    from scipy import optimize

    inc = np.asarray(incomes, float)
    a = float(alpha)

    def u(i, qi):
        qq = q.copy()
        qq[i] = qi
        G = np.sum(qq**r) ** (1 / r)
        return (inc[i] - qi) ** a * G ** (1 - a)

    for i in range(len(inc)):
        res = optimize.minimize_scalar(lambda t: -u(i, t), bounds=(1e-12, inc[i]), method="bounded",
                                       options={"xatol": 1e-12})
        assert -res.fun <= u(i, q[i]) * (1 + 1e-9) + 1e-12
        assert res.x == pytest.approx(q[i], rel=1e-5, abs=1e-9)


@given(
    incomes=st.lists(st.integers(1, 50), min_size=2, max_size=5),
    alpha=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10),
    r=st.sampled_from([-0.25, -0.5, -1.0, -2.0, -5.0, -12.0]),
)
def test_ces_bridging_negative_r_is_equilibrium(incomes, alpha, r):
    al = cg.Alliance(incomes, cg.CobbDouglas(alpha), aggregation=cg.CESBridging(r=r))
    res = al.nash()
    assert isinstance(res, cg.EquilibriumSet) and len(res) == 2
    bottom, top = res.equilibria
    assert bottom.total == 0 and all(v == 0 for v in bottom.contributions)
    q = np.asarray(top.contributions, float)
    assert np.all(q > 0) and np.all(q <= np.asarray(incomes, float))
    G = float(top.total)
    assert G == pytest.approx(float(np.sum(q**r) ** (1 / r)), rel=1e-12)
    assert G <= q.min() * (1 + 1e-12)  # r < 0: the aggregate is below every contribution
    _no_profitable_deviation(incomes, alpha, r, q)
    assert al.regret(np.zeros(len(incomes))).max() == 0  # one zero keeps G = 0 whatever i does


def test_ces_bridging_negative_r_hand_value():
    # two allies with income 5, a = 1/2, r = -1/2: symmetric q, G = q/4, dG/dq = (q/G)^(r-1) = 1/8;
    # FOC (5 - q)/G * 1/8 = 1 gives q = 5/3, G = 5/12
    top = cg.Alliance([5, 5], cg.CobbDouglas(F(1, 2)), aggregation=cg.CESBridging(r=-0.5)).nash().best
    assert float(top.total) == pytest.approx(5 / 12, rel=1e-12)
    assert np.allclose(np.asarray(top.contributions, float), [5 / 3, 5 / 3], rtol=1e-12)
    with pytest.raises(GameError, match="r != 0"):
        cg.Alliance([5, 5], aggregation=cg.CESBridging(r=0)).nash()
