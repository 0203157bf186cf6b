"""Collective-goods alliance models: contract, technologies, group size, transfers,
threshold and volunteer games, cost sharing, registry."""

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

alphas = st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10)


def test_contract_example():
    alliance = cg.Alliance(incomes=[10, 6, 2], utility=cg.CobbDouglas(alpha=F(1, 2)))
    eq = alliance.nash()
    assert eq.total == F(16, 3)
    assert list(eq.contributions) == [F(14, 3), F(2, 3), 0]
    assert list(eq.burden_shares) == [F(7, 15), F(1, 9), 0]
    assert eq.contributors.tolist() == [0, 1]
    assert alliance.pareto().total == 9
    assert alliance.lindahl().total == 9
    new = alliance.transfer(0, 1, 2)
    assert isinstance(new, cg.Alliance) and list(new.incomes) == [8, 8, 2]
    assert new.nash().total == eq.total  # neutral: both contribute before and after
    rep = alliance.report()
    assert list(rep["contributes"]) == [True, True, False]
    assert list(rep["free_riding_gap"]) == [F(1, 3), F(7, 3), 1]  # Lindahl (5, 3, 1) minus Nash


def test_private_share_alias_and_other_utilities():
    a = cg.Alliance([10, 6, 2], cg.CobbDouglas(F(1, 2)), private_share=F(1, 2))
    b = cg.Alliance([10, 6, 2], cg.CobbDouglas(F(1, 2)), spillover=F(1, 2))
    assert a.nash().total == b.nash().total == F(32, 5)
    assert cg.Alliance([10, 6, 2], cg.QuasiLinear(values=[3, 5, 4])).nash().total == 5
    assert cg.Alliance([10, 6, 2], cg.CES(alpha=F(1, 2), rho=-1)).nash().total == F(16, 3)
    assert cg.Alliance([10.0, 6.0, 2.0], cg.Custom(lambda x, z: np.sqrt(x * z))).nash().total == pytest.approx(16 / 3, rel=1e-7)


@given(st.lists(st.integers(1, 100), min_size=2, max_size=7), alphas,
       st.fractions(0, 1, max_denominator=8), st.fractions(0, 1, max_denominator=8))
def test_lower_spillover_weakens_exploitation(incomes, a, p1, p2):
    """Measure: the largest ally's share of total spending (falls as private benefits grow)."""
    lo, hi = sorted([p1, p2])
    big = int(np.argmax(incomes))

    def share(phi):
        q = cg.Alliance(incomes, cg.CobbDouglas(a), spillover=phi).nash().contributions
        return q[big] / sum(q)

    assert share(lo) <= share(hi)


@given(st.integers(1, 30), alphas, st.integers(1, 50))
def test_group_size_effects(n, a, income):
    df = cg.group_size([n, n + 1], cg.CobbDouglas(a), income)
    small, large = df.iloc[0], df.iloc[1]
    assert large["per_capita"] < small["per_capita"]
    assert large["provision_ratio"] < small["provision_ratio"]
    assert large["underprovision"] > small["underprovision"]
    assert small["provision_ratio"] == 1 / (1 + (n - 1) * a)  # Cobb-Douglas closed form


@given(st.lists(st.integers(1, 40), min_size=2, max_size=6), alphas)
def test_weakest_link_interval_and_best_shot_equilibria(incomes, a):
    wl = cg.Alliance(incomes, cg.CobbDouglas(a), aggregation="weakest-link")
    res = wl.nash()
    lo, hi = res.interval
    assert lo == 0 and hi == (1 - a) * min(incomes)
    for g in (lo, (lo + hi) / 2, hi):
        assert np.all(wl.regret([float(g)] * len(incomes)) <= 1e-9)
    # a profile above the interval is not an equilibrium
    assert wl.regret([float(hi) * 1.1 + 0.1] * len(incomes)).max() > 0
    bs = cg.Alliance(incomes, cg.CobbDouglas(a), aggregation="best-shot")
    eqs = bs.nash().equilibria
    assert len(eqs) >= 1
    providers = set()
    for e in eqs:
        assert e.n_contributors == 1
        providers.add(int(e.contributors[0]))
        assert np.all(bs.regret(np.asarray(e.contributions, float)) <= 1e-9)
    # every single-provider profile not listed has a profitable deviation
    for j in set(range(len(incomes))) - providers:
        q = np.zeros(len(incomes))
        q[j] = float((1 - a) * incomes[j])
        assert bs.regret(q).max() > 1e-12


@given(st.lists(st.floats(1.0, 50.0), min_size=2, max_size=5), st.floats(0.2, 0.8), st.sampled_from([0.3, 0.5, 1.0]))
def test_ces_bridging_is_equilibrium(incomes, a, r):
    al = cg.Alliance(incomes, cg.CobbDouglas(a), aggregation=cg.CESBridging(r))
    eq = al.nash()
    q = np.asarray(eq.contributions, float)
    if r < 1:
        assert np.all(q > 0)  # complementarity: everyone contributes
    else:
        ref = cg.Alliance(incomes, cg.CobbDouglas(a)).nash()
        assert eq.total == pytest.approx(ref.total, rel=1e-8)
    assert np.all(al.regret(q) <= 1e-7)


@given(st.lists(st.integers(1, 60), min_size=2, max_size=6), alphas, st.data())
def test_transfer_neutrality_and_its_limit(incomes, a, data):
    al = cg.Alliance(incomes, cg.CobbDouglas(a))
    eq = al.nash()
    C = eq.contributors.tolist()
    assume(len(C) >= 2)
    i, j = data.draw(st.sampled_from([(x, y) for x in C for y in C if x != y]))
    amount = eq.contributions[i] * data.draw(st.fractions(0, 1, max_denominator=5).filter(lambda f: f < 1))
    eq2 = al.transfer(i, j, amount).nash()
    assert eq2.contributors.tolist() == C  # a gift up to the giver's contribution keeps the set
    assert eq2.total == eq.total
    assert list(eq2.private) == list(eq.private)
    # moving income to a non-contributor lowers provision, unless that member sits exactly at
    # the margin (income = a G / (1 - a), BBV 1986): then it is a zero contributor and the gift
    # is neutral too (incomes [36, 60, 60], a = 3/7: G = 48 either way)
    cut = a * eq.total / (1 - a)
    for k in (k for k in range(len(incomes)) if k not in C):
        eq3 = al.transfer(C[0], k, eq.contributions[C[0]] / 2).nash()
        if incomes[k] < cut:
            assert eq3.total < eq.total
        else:
            assert incomes[k] == cut and eq3.total == eq.total


def test_gift_to_a_member_at_the_margin_is_neutral():
    """Incomes 36, 60, 60 with alpha 3/7: G = 48 and the cut a G / (1 - a) is 36, so member 0
    is a zero contributor at the margin; a gift of 12 to it makes it contribute 12 and G stays 48
    (the case that made the strict-decrease claim fail under random seeds)."""
    al = cg.Alliance([36, 60, 60], cg.CobbDouglas(F(3, 7)))
    eq = al.nash()
    assert eq.total == 48 and list(eq.contributions) == [0, 24, 24]
    eq3 = al.transfer(1, 0, 12).nash()
    assert eq3.total == 48 and list(eq3.contributions) == [12, 12, 24]
    # strictly below the margin the same gift lowers provision
    assert cg.Alliance([35, 60, 60], cg.CobbDouglas(F(3, 7))).transfer(1, 0, 12).nash().total < 48


@given(st.lists(st.integers(1, 60), min_size=2, max_size=6), alphas, st.fractions(F(1, 10), 2, max_denominator=10))
def test_matching_raises_provision(incomes, a, rate):
    al = cg.Alliance(incomes, cg.CobbDouglas(a))
    base = al.nash().total
    for financing in ("external", "income"):
        sub = al.subsidized_nash(rate, financing)
        assert sub.exact and sub.total > base
    ces = cg.Alliance([float(i) for i in incomes], cg.CES(float(a), rho=-1.0))
    assert ces.subsidized_nash(float(rate), "income").total > ces.nash().total


def test_volunteers_dilemma_exact_and_normal_form():
    vd = cg.volunteers_dilemma(n=3, benefit=4, cost=1)
    assert vd.exact and vd.p == F(1, 2) and vd.p_nobody == F(1, 8)
    game = vd.game()
    assert gt.is_equilibrium(game, vd.profile())  # exact regret check in the engine
    pure = [tuple(int(i) for i in e) for e in np.ndindex(*(2,) * 3)
            if gt.is_equilibrium(game, [[1 - s, s] for s in e])]
    assert sorted(pure) == [(0, 1, 1), (1, 0, 1), (1, 1, 0)]  # exactly one volunteer
    irr = cg.volunteers_dilemma(n=4, benefit=3, cost=1)
    assert not irr.exact and irr.p == pytest.approx(1 - 3 ** (-1 / 3))


@given(st.integers(2, 40), st.integers(2, 50), st.integers(1, 49))
def test_nobody_volunteers_rises_with_n(n, v, c):
    assume(c < v)
    a = cg.volunteers_dilemma(n, v, c)
    b = cg.volunteers_dilemma(n + 1, v, c)
    assert b.p < a.p and b.p_nobody > a.p_nobody
    many = cg.volunteers_dilemma_many([n, n + 1], v, c)
    assert many["p_nobody"] == pytest.approx([float(a.p_nobody), float(b.p_nobody)], rel=1e-12)


@pytest.mark.parametrize("n,v,c", [(2, 4, 1), (3, 4, 1), (5, 10, 3), (8, 2, 1)])
def test_volunteer_formula_matches_simulation(n, v, c):
    """Seeded Monte Carlo, 200000 draws, tolerance 5 standard errors: P(nobody) and the
    indifference of the mixed equilibrium (abstaining pays v P(someone else) = v - c)."""
    vd = cg.volunteers_dilemma(n, v, c)
    trials = 200_000
    sim = cg.simulate_volunteers(n, float(vd.p), trials=trials, seed=12345)
    pn = float(vd.p_nobody)
    assert abs(sim["p_nobody"] - pn) <= 5 * math.sqrt(pn * (1 - pn) / trials)
    ps = 1 - (1 - float(vd.p)) ** (n - 1)
    assert abs(sim["p_someone_else"] - ps) <= 5 * math.sqrt(ps * (1 - ps) / trials)
    assert abs(v * sim["p_someone_else"] - (v - c)) <= 5 * v * math.sqrt(ps * (1 - ps) / trials)


@given(st.integers(2, 7), st.integers(1, 7), st.fractions(F(1, 20), F(3, 2), max_denominator=20))
def test_threshold_game_equilibria(n, k, c):
    assume(k <= n)
    t = cg.threshold_game(n=n, k=k, cost=c, value=1)
    for p in t.mixed:
        pf = float(p)
        assert 0 < pf < 1
        assert math.comb(n - 1, k - 1) * pf ** (k - 1) * (1 - pf) ** (n - k) == pytest.approx(float(c), rel=1e-9)
    kinds = {m for _, m, _ in t.pure}
    assert (0 in kinds) == (k >= 2 or c >= 1)
    assert (k in kinds) == (c <= 1)
    if n <= 5:  # compare every pure profile against the engine's equilibrium check
        shape = (2,) * n
        arrays = [np.empty(shape, dtype=object) for _ in range(n)]
        for idx in np.ndindex(*shape):
            m = sum(1 for s in idx if s == 0)
            for i in range(n):
                arrays[i][idx] = (1 if m >= k else 0) - (c if idx[i] == 0 else 0)
        game = gt.NormalFormGame(arrays)
        counts = {}
        for idx in np.ndindex(*shape):
            if gt.is_equilibrium(game, [[1 - s, s] for s in idx]):
                m = sum(1 for s in idx if s == 0)
                counts[m] = counts.get(m, 0) + 1
        assert counts == {m: cnt for _, m, cnt in t.pure}
        for p in t.mixed:
            prof = [[float(p), 1 - float(p)] for _ in range(n)]
            assert gt.is_equilibrium(game.as_float(), prof, tol=1e-9)


def test_threshold_contract_example():
    t = cg.threshold_game(n=3, k=2, cost=F(1, 4), value=1)
    assert [m for _, m, _ in t.pure] == [0, 2]
    assert t.mixed == pytest.approx([0.5 - math.sqrt(2) / 4, 0.5 + math.sqrt(2) / 4])
    vd = cg.threshold_game(n=3, k=1, cost=1, value=4)
    assert vd.mixed == (F(1, 2),)  # k = 1 is the volunteer's dilemma


def test_cost_sharing_rules_against_core():
    df = cg.cost_sharing([1, 2, 3, 6], gdp=[40, 30, 20, 10])
    assert list(df["shapley"]) == [F(1, 4), F(7, 12), F(13, 12), F(49, 12)]
    assert list(df["nucleolus"]) == [F(1, 2), F(3, 4), F(7, 8), F(31, 8)]
    core = df.attrs["in_core"]
    assert core["shapley"] and core["nucleolus"] and core["by_benefit"]
    assert not core["by_gdp"] and not core["equal"]  # the small ally would pay more than its own need
    for col in ("by_gdp", "equal", "by_benefit", "shapley", "nucleolus"):
        assert sum(df[col]) == 6


@pytest.mark.parametrize(
    "call",
    [
        lambda: cg.Alliance([], cg.CobbDouglas(F(1, 2))),
        lambda: cg.Alliance([10, -5], cg.CobbDouglas(F(1, 2))),
        lambda: cg.Alliance([10, 5], cg.CobbDouglas(F(3, 2))),
        lambda: cg.Alliance([10, 5], cg.CobbDouglas(F(1, 2)), spillover=2),
        lambda: cg.Alliance([10, 5], cg.CobbDouglas(F(1, 2)), private_share=-1),
        lambda: cg.Alliance([10, 5], cg.Custom(lambda x, z: -x - z)),
        lambda: cg.Alliance([10, 5], aggregation="sideways"),
        lambda: cg.Alliance([10, 5], aggregation=cg.CESBridging(2)),
        lambda: cg.Alliance([10, 5], aggregation="weakest-link", spillover=F(1, 2)),
        lambda: cg.Alliance([10, 5]).transfer(0, 1, 10),
        lambda: cg.Alliance([10, 5]).transfer(0, 0, 1),
        lambda: cg.Alliance([10, 5]).transfer(0, 5, 1),
        lambda: cg.volunteers_dilemma(n=1, benefit=4, cost=1),
        lambda: cg.volunteers_dilemma(n=3, benefit=1, cost=4),
        lambda: cg.threshold_game(n=3, k=4),
        lambda: cg.nato_data("nato-1949"),
        lambda: cg.cost_sharing([]),
    ],
)
def test_bad_input(call):
    with pytest.raises(GameError):
        call()


def test_registered_models():
    for name in ("olson-zeckhauser", "impure-public-good", "volunteers-dilemma", "threshold-game", "group-size"):
        assert name in MODELS
        row = MODELS[name].solve()
        assert isinstance(row, dict) and row
    oz = MODELS["olson-zeckhauser"]
    rows = oz.rows()
    assert len(rows) == 5 and [r["ally"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["contributes"] and not rows[-1]["contributes"]
    row = oz.solve(n=5, spread="3/2", alpha="1/2")
    assert row["nash_total"] < row["pareto_total"] and row["provision_ratio"] < 1
    th = MODELS["threshold-game"].rows(n=3, k=2, cost="1/4", value=1)
    assert len(th) == 4  # nobody, exactly two (3 profiles), two mixed
    vd = MODELS["volunteers-dilemma"]
    many = vd.solve_many(n=np.array([2, 3, 10]), benefit=4.0, cost=1.0)
    assert many["p"] == pytest.approx([float(vd.solve(n=k)["p"]) for k in (2, 3, 10)])
    assert MODELS["group-size"].solve(n=10)["provision_ratio"] == F(2, 11)
    with pytest.raises(GameError):
        oz.solve(alpha=2)


@pytest.mark.parametrize("name", ["olson-zeckhauser", "aggregation-technology", "impure-public-good"])
def test_largest_ally_share_is_exact_where_the_equilibrium_is(name):
    # the share was converted to float while the rest of the row stayed exact (0.8 for 4/5)
    from models.registry import MODELS

    row = MODELS[name].solve()
    assert isinstance(row["exploitation_ratio"], F)
    assert isinstance(row["largest_ally_share"], F) and 0 < row["largest_ally_share"] <= 1
