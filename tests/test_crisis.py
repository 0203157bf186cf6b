"""Crisis catalogue, classify, registered models and the alliance-collapse boundary."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

import gametheory as gt
from gametheory import repeated as rp
from gametheory.errors import GameError
from models import crisis
from models.registry import MODELS

CELLS = ((0, 0), (0, 1), (1, 0), (1, 1))


def cells(g):
    A, B = g.bimatrix
    return tuple((int(A[r, c]), int(B[r, c])) for r, c in CELLS)


def test_keys_aliases_and_design_payoffs():
    assert set(crisis.GAMES) == {"chicken", "called-bluff", "leader", "hero", "prisoners-dilemma",
                                 "deadlock", "bully", "stag-hunt"}
    assert cells(crisis.GAMES["prisoners-dilemma"]) == ((3, 3), (1, 4), (4, 1), (2, 2))
    assert cells(crisis.GAMES["chicken"]) == ((3, 3), (2, 4), (4, 2), (1, 1))
    assert cells(crisis.GAMES["stag-hunt"]) == ((4, 4), (1, 3), (3, 1), (2, 2))
    assert cells(crisis.GAMES["deadlock"]) == ((2, 2), (1, 4), (4, 1), (3, 3))
    assert crisis.GAMES["prisoners_dilemma"] is crisis.GAMES["prisoners-dilemma"]
    assert crisis.GAMES["Stag Hunt"] is crisis.GAMES["assurance"] is crisis.GAMES["stag-hunt"]
    assert "pd" in crisis.GAMES and "nonsense" not in crisis.GAMES
    with pytest.raises(KeyError):
        crisis.GAMES["nonsense"]
    with pytest.raises(GameError):
        crisis.GAMES["nonsense"]
    for k, g in crisis.GAMES.items():
        assert isinstance(g, gt.NormalFormGame) and g.exact and g.shape == (2, 2)
        assert g.strategy_labels == (("C", "D"), ("C", "D"))
        for p in range(2):  # ordinal: each player's payoffs are exactly the ranks 1..4
            assert sorted(int(x) for x in g.payoffs[p].ravel()) == [1, 2, 3, 4]
    assert crisis.GAMES["bully"].player_labels == ("Bullied", "Bully")


def _rank_of(pref: str, own_first_cell: str) -> int:
    order = [x.strip() for x in pref.split("(")[0].split(">")]
    return 4 - order.index(own_first_cell)


def test_documented_preference_orders_match_the_matrices():
    """PREFERENCES (own move first) regenerates every payoff: the documentation is the game."""
    for k, g in crisis.GAMES.items():
        A, B = g.bimatrix
        prow, pcol = crisis.PREFERENCES[k]
        for r, c in CELLS:
            assert A[r, c] == _rank_of(prow, "CD"[r] + "CD"[c])
            assert B[r, c] == _rank_of(pcol, "CD"[c] + "CD"[r])


def test_bully_and_called_bluff_pair_the_documented_types():
    ch = crisis.PREFERENCES["chicken"][0]
    assert crisis.PREFERENCES["bully"][0].startswith(ch)
    assert crisis.PREFERENCES["bully"][1].startswith(crisis.PREFERENCES["deadlock"][0])
    assert crisis.PREFERENCES["called-bluff"][0].startswith(ch)
    assert crisis.PREFERENCES["called-bluff"][1].startswith(crisis.PREFERENCES["prisoners-dilemma"][0])


EXPECTED_PURE = {
    "chicken": {(0, 1), (1, 0)},
    "called-bluff": {(0, 1)},
    "leader": {(0, 1), (1, 0)},
    "hero": {(0, 1), (1, 0)},
    "prisoners-dilemma": {(1, 1)},
    "deadlock": {(1, 1)},
    "bully": {(0, 1)},
    "stag-hunt": {(0, 0), (1, 1)},
}
EXPECTED_MIXED = {"chicken": 1, "leader": 1, "hero": 1, "stag-hunt": 1}


@pytest.mark.parametrize("name", sorted(EXPECTED_PURE))
def test_textbook_equilibria_checked_against_nashpy(name):
    g = crisis.GAMES[name]
    eqs = crisis.equilibria(name)
    pure = {e.pure_profile for e in eqs if e.is_pure}
    assert pure == EXPECTED_PURE[name]
    assert sum(e.is_mixed for e in eqs) == EXPECTED_MIXED.get(name, 0)
    A, B = (np.array(x, dtype=float) for x in g.bimatrix)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).support_enumeration())
    assert len(theirs) == len(eqs)
    for x, y in theirs:
        assert any(np.allclose(np.array(e.strategies[0], float), x) and np.allclose(np.array(e.strategies[1], float), y)
                   for e in eqs)
    for e in eqs:
        assert e.exact and gt.is_equilibrium(g, e)


def test_chicken_mixed_equilibrium_and_war_risk():
    mixed = [e for e in crisis.equilibria("chicken") if e.is_mixed]
    assert mixed[0].strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert crisis.outcome_label(crisis.GAMES["chicken"], mixed[0]).endswith("1/4")
    # stag hunt: row mixes so that the column is indifferent: 4p + (1 - p) = 3p + 2(1 - p) -> p = 1/2
    sh = [e for e in crisis.equilibria("stag-hunt") if e.is_mixed][0]
    assert sh.strategies[0] == (F(1, 2), F(1, 2))


def test_catalogue_rows():
    rows = crisis.catalogue()
    assert [r["game"] for r in rows] == list(crisis.GAMES)
    by = {r["game"]: r for r in rows}
    assert by["prisoners-dilemma"]["dilemma"] and by["stag-hunt"]["dilemma"]
    assert not by["chicken"]["dilemma"] and not by["deadlock"]["dilemma"]
    assert by["prisoners-dilemma"]["equilibria"] == "(D, D)"
    assert by["bully"]["outcome"] == "Bullied backs down"
    assert by["called-bluff"]["outcome"] == "Bluffer backs down"
    assert not by["bully"]["symmetric"] and by["chicken"]["symmetric"]
    assert len({r["ordinal_class"] for r in rows}) == 8
    assert all(r["prediction"] == crisis.prediction(r["game"]) for r in rows)
    assert crisis.prediction("prisoners_dilemma") == crisis.PREDICTIONS["prisoners-dilemma"]
    with pytest.raises(GameError):
        crisis.prediction("poker")


def ordinal_name(key):
    return crisis.TITLES[key]


def _relabel(g, sp, sr, sc):
    if sp:
        g = g.permute_players([1, 0])
    if sr:
        g = g.permute_strategies(0, [1, 0])
    if sc:
        g = g.permute_strategies(1, [1, 0])
    return g


@given(st.sampled_from(sorted(EXPECTED_PURE)), st.booleans(), st.booleans(), st.booleans(),
       st.lists(st.integers(-100, 100), min_size=4, max_size=4, unique=True))
def test_classify_names_crisis_games_up_to_relabeling(name, sp, sr, sc, vals):
    g = _relabel(crisis.GAMES[name], sp, sr, sc)
    res = crisis.classify(g)
    assert res.crisis_game == name and name in res.label
    assert res.strict and res.name == ordinal_name(name) and len(res.equilibria) == len(crisis.equilibria(name))
    # cardinal payoffs with the same ranks: same crisis game
    vals = sorted(vals)
    A, B = g.bimatrix
    h = gt.NormalFormGame.from_bimatrix([[vals[int(a) - 1] for a in row] for row in A], B.tolist())
    assert crisis.classify(h).crisis_game == name


def test_classify_other_games_and_ties():
    pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert crisis.classify(pd).crisis_game == "prisoners-dilemma"
    # matching-pennies-like cyclic game: no crisis game
    mp = gt.NormalFormGame.from_bimatrix([[4, 1], [2, 3]], [[1, 4], [3, 2]])
    r = crisis.classify(mp)
    assert r.crisis_game is None and r.index is not None
    # a tie between Chicken's (D, D) and Prisoner's Dilemma-like (C, D) for both players
    tied = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 1]], [[3, 4], [1, 1]])
    t = crisis.classify(tied)
    assert t.crisis_game is None and not t.ordinal.strict
    assert set(t.compatible_crisis_games) >= {"chicken", "prisoners-dilemma"}
    with pytest.raises(GameError):
        crisis.classify(gt.NormalFormGame.from_bimatrix(np.eye(3, dtype=int), np.eye(3, dtype=int)))


# ---------------------------------------------------------------------- registered models
def test_models_registered():
    for name in ("crisis-catalogue", "repeated-pd", "alliance-cooperation"):
        assert name in MODELS
        assert MODELS[name].source
    rows = MODELS["crisis-catalogue"].rows()
    assert len(rows) == 8 and {r["game"] for r in rows} == set(crisis.GAMES)
    assert MODELS["crisis-catalogue"].solve()["n_games"] == 8
    ch = MODELS["crisis-catalogue"].rows(game="chicken")
    assert [r["profile"] for r in ch] == ["(C, D)", "(D, C)", "(C w.p. 1/2, C w.p. 1/2)"]
    assert MODELS["crisis-catalogue"].solve(game="deadlock")["equilibria"] == "(D, D)"
    with pytest.raises(GameError):
        MODELS["crisis-catalogue"].solve(game="poker")


def test_ordinal_taxonomy_model():
    m = MODELS["ordinal-2x2"]
    row = m.solve()
    assert row["strict_games"] == 576 and row["classes"] == 78 and row["classes_without_player_swaps"] == 144
    assert row["symmetric"] == 12 and row["no_conflict"] == 21
    rows = m.rows()
    assert [r["rg_number"] for r in rows] == list(range(1, 79))
    assert sum(r["games_in_class"] for r in rows) == 576
    assert rows[11]["name"] == "Prisoner's Dilemma" and rows[65]["name"] == "Chicken"
    assert sum(r["dilemma"] for r in rows) == row["dilemmas"]


def test_repeated_pd_model_exact_and_errors():
    m = MODELS["repeated-pd"]
    row = m.solve()
    assert row["grim_threshold"] == F(1, 2) and row["tft_threshold"] == F(2, 3)
    assert row["grim_sustainable"] and row["tft_stable"]
    row = m.solve(delta=F(3, 5))
    assert row["grim_sustainable"] and not row["tft_stable"]
    # the DESIGN 9.6 ordinal PD: T, R, P, S = 4, 3, 2, 1
    assert m.solve(T=4, R=3, P=2, S=1)["grim_threshold"] == gt.repeated.grim_trigger_threshold(crisis.GAMES["pd"]) == F(1, 2)
    with pytest.raises(GameError):
        m.solve(T=3, R=5, P=1, S=0)
    with pytest.raises(GameError):
        m.solve(delta=1)


@given(st.lists(st.floats(-10, 10, allow_nan=False), min_size=4, max_size=4, unique=True), st.floats(0, 0.999))
def test_repeated_pd_vectorized_matches_scalar(vals, d):
    S, P, R, T = sorted(vals)
    assume(min(T - R, R - P, P - S) > 1e-6)
    m = MODELS["repeated-pd"]
    many = m.solve_many(T=np.array([T]), R=np.array([R]), P=np.array([P]), S=np.array([S]), delta=np.array([d]))
    one = m.solve(T=T, R=R, P=P, S=S, delta=d)
    for k in ("grim_threshold", "tft_threshold"):
        assert many[k][0] == pytest.approx(float(one[k]), rel=1e-12)
    assert bool(many["grim_sustainable"][0]) == one["grim_sustainable"]


def test_vectorized_sweeps_of_a_million_points():
    # timings: benchmarks/bench_limits.py (reported there, never asserted)
    n = 10**6
    rng = np.random.default_rng(0)
    out = MODELS["repeated-pd"].solve_many(T=np.full(n, 5.0), R=np.full(n, 3.0), P=np.full(n, 1.0),
                                           S=np.zeros(n), delta=rng.random(n))
    out2 = MODELS["alliance-cooperation"].solve_many(threat=rng.uniform(0.05, 2, n), cost=np.ones(n),
                                                     capability=rng.uniform(0.05, 0.95, n), delta=rng.random(n))
    assert out["grim_threshold"].shape == (n,) and out2["sustainable"].shape == (n,)
    assert not np.isnan(out2["delta_threshold"]).any() and not np.isnan(out2["max_capability_share"]).any()
    with pytest.raises(GameError):
        MODELS["repeated-pd"].solve_many(T=np.array([1.0]), R=np.array([3.0]), P=np.array([1.0]),
                                         S=np.array([0.0]), delta=np.array([0.5]))
    with pytest.raises(GameError):
        MODELS["alliance-cooperation"].solve_many(threat=np.array([0.0]), cost=np.array([1.0]),
                                                  capability=np.array([0.5]), delta=np.array([0.5]))


# ---------------------------------------------------------------------- alliance collapse
pos = st.fractions(min_value=F(1, 20), max_value=3, max_denominator=40)
share = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=40)
disc = st.fractions(min_value=0, max_value=F(39, 40), max_denominator=40)


@given(pos, pos, share, disc)
def test_alliance_thresholds_match_the_stage_game(threat, cost, cap, delta):
    res = crisis.alliance_collapse(threat, cost, cap, delta)
    g = crisis.alliance_game(threat, cost, cap)
    big = max(cap, 1 - cap)
    if cost * big < threat < cost:
        # a prisoner's dilemma: the grim threshold of the stage game is the closed form
        assert res.stage_game == "prisoner's dilemma"
        assert rp.grim_trigger_threshold(g) == res.delta_threshold
        assert rp.trigger_threshold(g, (0, 0), (1, 1)).delta == res.delta_threshold
    elif threat >= cost:
        assert res.delta_threshold == 0 and res.sustainable
    else:
        assert res.delta_threshold >= 1 and not res.sustainable
        with pytest.raises(GameError):
            rp.grim_trigger_threshold(g)
    assert res.sustainable == (res.delta_threshold <= delta)
    assert isinstance(res.delta_threshold, F) and isinstance(res.threat_threshold, F)
    # the three boundaries describe one region: sustainable iff threat >= threat* iff max share <= share*
    assert res.sustainable == (threat >= res.threat_threshold)
    assert res.sustainable == (big <= res.max_capability_share)


@given(pos, share, st.fractions(min_value=F(1, 40), max_value=F(39, 40), max_denominator=40))
def test_alliance_boundaries_are_exact(cost, cap, delta):
    # at the threat boundary the delta threshold equals delta exactly
    thr = crisis.alliance_collapse(1, cost, cap, delta).threat_threshold
    at = crisis.alliance_collapse(thr, cost, cap, delta)
    assert at.delta_threshold == delta and at.sustainable
    assert not crisis.alliance_collapse(thr * F(999, 1000), cost, cap, delta).sustainable
    # and at the capability boundary
    threat = cost * F(9, 10)
    s_max = crisis.alliance_collapse(threat, cost, F(1, 2), delta).max_capability_share
    if s_max < 1:
        assume(F(1, 2) <= s_max)
        assert crisis.alliance_collapse(threat, cost, s_max, delta).delta_threshold == delta


def test_alliance_collapse_comparative_statics_and_errors():
    base = crisis.alliance_collapse(F(3, 4), 1, F(1, 2), F(9, 10))
    assert base.sustainable and base.delta_threshold == F(1, 3)
    assert not crisis.alliance_collapse(F(1, 2), 1, F(1, 2), F(9, 10)).sustainable  # the threat falls
    assert not crisis.alliance_collapse(F(3, 4), 1, F(4, 5), F(9, 10)).sustainable  # capabilities shift
    assert not crisis.alliance_collapse(F(3, 4), 1, F(1, 2), F(1, 4)).sustainable  # shadow shortens
    assert crisis.alliance_collapse(2, 1, F(1, 10), 0).sustainable  # harmony: no dilemma at all
    assert isinstance(crisis.alliance_collapse(0.75, 1.0, 0.5, 0.9).delta_threshold, float)
    for bad in ((0, 1, F(1, 2), F(1, 2)), (1, 0, F(1, 2), F(1, 2)), (1, 1, 1, F(1, 2)), (1, 1, F(1, 2), 1),
                (1, 1, F(1, 2), -0.1), ("x", 1, F(1, 2), F(1, 2))):
        with pytest.raises(GameError):
            crisis.alliance_collapse(*bad)
    row = MODELS["alliance-cooperation"].solve()
    assert row["delta_threshold"] == F(1, 3) and row["sustainable"]


@given(pos, pos, share, disc)
def test_alliance_vectorized_matches_exact(threat, cost, cap, delta):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no divide-by-zero or invalid-value warnings either
        many = MODELS["alliance-cooperation"].solve_many(
            threat=np.array([float(threat)]), cost=np.array([float(cost)]),
            capability=np.array([float(cap)]), delta=np.array([float(delta)]))
    one = crisis.alliance_collapse(threat, cost, cap, delta)
    for k in ("delta_threshold", "threat_threshold", "max_capability_share"):
        assert many[k][0] == pytest.approx(float(getattr(one, k)), rel=1e-9, abs=1e-12)
    # the float comparison may differ from the exact one only at the boundary itself
    if one.delta_threshold != delta:
        assert bool(many["sustainable"][0]) == one.sustainable
