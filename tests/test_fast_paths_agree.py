"""Each model's vectorized sweep path agrees with its exact per-point solver (issue 13: one formula).

The fast paths now call the same closed form as the point solvers (models/elementwise.py);
these properties tie every output column of each fast path, over a whole grid of rational
points at once (many of them moved onto exact ties at a threshold), to the exact answer of the
per-point solver given the same points as Fractions.  Where the formula is not shared (the
PD thresholds belong to the engine; the volunteer's dilemma's exact path takes rational roots)
the test is the tie.  contest_success (alliance formation) shares its ratio the same way.
"""

from fractions import Fraction as F

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory import repeated
from models import alliance_dilemma as ad
from models import collective_goods as cg
from models import crisis
from models import extended_deterrence as ed
from models.crisis.cooperation import _alliance_many, _pd_many

grid = st.integers(0, 20).map(lambda k: F(k, 10))
prob = st.integers(0, 10).map(lambda k: F(k, 10))
pos = st.integers(1, 20).map(lambda k: F(k, 10))


def points(strategy):
    return st.lists(strategy, min_size=1, max_size=12)


def columns(rows):
    """Float arrays, one per parameter, from a list of exact parameter dicts."""
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def same(x, ref):
    """A fast-path float against the exact value (None / NaN: nobody signals)."""
    if ref is None:
        return np.isnan(x)
    return abs(float(x) - float(ref)) <= 1e-9 * max(1.0, abs(float(ref)))


@st.composite
def tripartite_point(draw):
    i = draw(st.integers(1, 10))  # p_abandon < p_intervene by construction (no filtering of whole grids)
    p_i, p_n = F(i, 10), F(draw(st.integers(0, i - 1)), 10)
    d = dict(kappa=draw(prob), value=draw(grid), p_intervene=p_i, p_abandon=p_n, cost_patron=draw(grid),
             cost_protege=draw(grid), cost_challenger=draw(grid), audience_cost=draw(grid), reliability=draw(prob))
    ties = draw(st.sets(st.sampled_from(["A", "kappa", "P", "C"])))
    if "A" in ties:  # the unresolved patron indifferent at kappa: beta p_I - c_A = beta p_N - a kappa
        d["cost_patron"] = d["value"] * (p_i - p_n) + d["audience_cost"] * d["kappa"]
    if "kappa" in ties and d["audience_cost"] > 0:  # kappa exactly at kappa*
        kt = (d["cost_patron"] - d["value"] * (p_i - p_n)) / d["audience_cost"]
        if 0 <= kt <= 1:
            d["kappa"] = kt
    p_war = draw(st.sampled_from([p_i, p_n, d["reliability"] * p_i + (1 - d["reliability"]) * p_n]))
    if "P" in ties:
        d["cost_protege"] = p_war
    if "C" in ties:
        d["cost_challenger"] = 1 - p_war
    return d


@given(points(tripartite_point()))
def test_tripartite_map_equals_exact_point_solver(rows):
    m = ad.tripartite_map(**columns(rows))
    for i, row in enumerate(rows):
        a = ad.tripartite_commitment(**row)
        assert ad.OUTCOMES[int(m["outcome_code"][i])] == a.outcome
        for k in ("support_prob", "p_war", "p_abandonment", "p_entrapment", "abandonment_risk", "entrapment_risk",
                  "optimal_kappa", "optimal_payoff"):
            assert same(m[k][i], getattr(a, k)), (k, row)
        assert same(m["payoff_A"][i], a.payoffs[0])


@st.composite
def alliance_point(draw):
    d = dict(threat=draw(pos), cost=draw(pos), capability=draw(st.integers(1, 9).map(lambda k: F(k, 10))),
             delta=draw(st.integers(0, 9).map(lambda k: F(k, 10))))
    tie = draw(st.sampled_from([None, "delta", "harmony"]))
    if tie == "harmony":  # threat = cost: weak harmony
        d["threat"] = d["cost"]
    elif tie == "delta":  # delta exactly at r (cost - threat)/threat
        big = max(d["capability"], 1 - d["capability"])
        thr = big / (1 - big) * (d["cost"] - d["threat"]) / d["threat"]
        if 0 <= thr < 1:
            d["delta"] = thr
    return d


@given(points(alliance_point()))
def test_alliance_many_equals_alliance_collapse(rows):
    m = _alliance_many(**columns(rows))
    for i, row in enumerate(rows):
        a = crisis.alliance_collapse(**row)
        assert bool(m["sustainable"][i]) == a.sustainable
        for k in ("delta_threshold", "threat_threshold", "max_capability_share"):
            assert same(m[k][i], getattr(a, k)), (k, row)


@st.composite
def pd_point(draw):
    vals = draw(st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True))
    S, P, R, T = (F(v, 10) for v in sorted(vals))
    d = dict(T=T, R=R, P=P, S=S, delta=draw(st.integers(0, 9).map(lambda k: F(k, 10))))
    tie = draw(st.sampled_from([None, "grim", "tft"]))
    g = gt.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])
    thr = {None: None, "grim": repeated.grim_trigger_threshold(g), "tft": repeated.tit_for_tat_threshold(g)}[tie]
    if thr is not None and thr < 1:
        d["delta"] = thr
    return d


@given(points(pd_point()))
def test_pd_many_equals_the_engine_thresholds(rows):
    # _pd_many restates the engine's thresholds (see its comment): the engine, on the exact game, is the oracle
    m = _pd_many(**columns(rows))
    for i, row in enumerate(rows):
        g = gt.NormalFormGame.from_bimatrix([[row["R"], row["S"]], [row["T"], row["P"]]],
                                            [[row["R"], row["T"]], [row["S"], row["P"]]])
        grim, tft = repeated.grim_trigger_threshold(g), repeated.tit_for_tat_threshold(g)
        assert same(m["grim_threshold"][i], grim) and same(m["tft_threshold"][i], tft)
        assert bool(m["grim_sustainable"][i]) == (row["delta"] >= grim)
        assert bool(m["tft_stable"][i]) == (row["delta"] >= tft)


@st.composite
def vd_point(draw):
    n = draw(st.integers(2, 12))
    v = draw(pos)
    if draw(st.booleans()):  # a rational root: c/v = q^(n-1), so p* is exact
        q = draw(st.integers(1, 9).map(lambda k: F(k, 10)))
        return dict(n=n, benefit=v, cost=v * q ** (n - 1))
    return dict(n=n, benefit=v, cost=v * F(draw(st.integers(1, 19)), 20))  # 0 < cost < benefit


@given(points(vd_point()))
def test_volunteers_dilemma_many_equals_point_solver(rows):
    # the exact path takes rational roots where they exist, the fast path floats: tied here
    m = cg.volunteers_dilemma_many(**columns(rows))
    for i, row in enumerate(rows):
        a = cg.volunteers_dilemma(**row)
        for k in ("p", "p_nobody", "payoff"):
            assert same(m[k][i], getattr(a, k)), (k, row)
        assert m["pure_equilibria"][i] == len(a.pure)


@st.composite
def unilateral_point(draw):
    u = sorted(draw(st.sets(st.integers(-20, 20).map(lambda k: F(k, 10)), min_size=3, max_size=3)))
    dd, sq, dc = u
    p = (dc - sq) / (dc - dd) if draw(st.booleans()) else draw(prob)  # often exactly at the threshold
    return dict(u_dc=dc, u_sq=sq, u_dd=dd, credibility=p)


@given(points(unilateral_point()))
def test_unilateral_map_equals_exact_point_solver(rows):
    m = ed.unilateral_deterrence_map(**columns(rows))
    for i, row in enumerate(rows):
        a = ed.unilateral_deterrence(**row)
        assert bool(m["deterred"][i]) == a.deterred and same(m["threshold"][i], a.threshold)


_KINDS = ("no signal", "pooling", "semi-separating", "separating")


def _check_signal(m, i, a):
    assert _KINDS[int(m["kind_code"][i])] == a.kind
    assert bool(m["deterred"][i]) == a.deterred
    assert same(m["cutoff"][i], a.cutoff)
    assert same(m["war_probability"][i], a.war_probability)
    assert same(m["challenge_probability"][i], a.challenge_probability)


@st.composite
def tying_point(draw):
    a, c_d, c_c = draw(grid), draw(grid), draw(grid)
    ties = draw(st.sets(st.sampled_from(["pool", "top", "cD", "prior"])))
    if "cD" in ties:
        c_d = F(1)
    if "top" in ties:
        c_d = a + 1  # t1 = 1 exactly
    if "pool" in ties and 0 < c_d - a < 1:  # vhat = 0
        c_c = (c_d - a) / (1 - (c_d - a))
    if "prior" in ties and 0 < c_d < 1:  # the prior exactly deters
        c_c = c_d / (1 - c_d)
    return dict(audience_cost=a, cost_defender=c_d, cost_challenger=c_c)


@given(points(tying_point()))
def test_tying_hands_map_equals_exact_point_solver(rows):
    m = ed.tying_hands_map(**columns(rows))
    for i, row in enumerate(rows):
        _check_signal(m, i, ed.tying_hands(**row))


@st.composite
def sinking_point(draw):
    m, c_d, c_c = draw(grid), draw(prob), draw(grid)
    ties = draw(st.sets(st.sampled_from(["vc0", "m_vc", "m_t0"])))
    vc = c_d - c_c * (1 - c_d)
    if "vc0" in ties and c_d < 1:
        c_c = c_d / (1 - c_d)
    elif "m_vc" in ties and vc > 0:
        m = vc
    if "m_t0" in ties:
        m = c_d
    return dict(signal_cost=m, cost_defender=c_d, cost_challenger=c_c)


@given(points(sinking_point()))
def test_sinking_costs_map_equals_exact_point_solver(rows):
    m = ed.sinking_costs_map(**columns(rows))
    for i, row in enumerate(rows):
        _check_signal(m, i, ed.sinking_costs(**row))


@given(points(st.tuples(st.integers(0, 20).map(lambda k: F(k, 10)), st.integers(0, 20).map(lambda k: F(k, 10)))),
       st.integers(1, 3))
def test_contest_success_on_arrays_equals_exact_point(pairs, m):
    pairs = pairs + [(F(0), F(0))]  # the tie: no capability on either side gives 1/2
    p = ad.contest_success(np.array([float(a) for a, _ in pairs]), np.array([float(b) for _, b in pairs]), m)
    for i, (a, b) in enumerate(pairs):
        assert same(p[i], ad.contest_success(a, b, m))
