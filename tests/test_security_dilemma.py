"""The security dilemma (Jervis 1978) as a 2x2 arms game and Kydd's (1997, 2005) reassurance
game: classes against the game's inequalities, pure equilibria against a brute-force check,
and every pure PBE of the reassurance game against gt.perfect_bayesian_equilibria."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.tables import read_csv
from models.arms_race import MESSAGES, reassurance, reassurance_game, security_dilemma
from models.registry import MODELS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
grid = st.sampled_from([F(0), F(1, 2), F(1), F(3, 2), F(2), F(3), F(7, 2)])
positive = st.sampled_from([F(1, 2), F(1), F(3, 2), F(2), F(3)])
prior = st.sampled_from([F(1, 5), F(1, 3), F(1, 2), F(2, 3), F(4, 5)])


def _brute_force_pure(e, d, c):
    u = {("restrain", "restrain"): 0, ("restrain", "arm"): -d, ("arm", "restrain"): e - c, ("arm", "arm"): -c}
    s = ("restrain", "arm")
    return {(a, b) for a in s for b in s
            if all(u[(a, b)] >= u[(x, b)] for x in s) and all(u[(b, a)] >= u[(y, a)] for y in s)}


@settings(max_examples=120, deadline=None)
@given(grid, grid, positive)
def test_arms_game_class_and_equilibria_follow_jervis_inequalities(e, d, c):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        r = security_dilemma(e, d, c)
    assert set(r.pure_outcomes) == _brute_force_pure(e, d, c)
    values = [0, -d, e - c, -c]  # the four payoffs of a player: strict iff distinct
    assert r.classification.strict == (len(set(values)) == 4)
    if not r.classification.strict:
        return
    expected = {(True, True): "Prisoner's Dilemma", (False, True): "Stag Hunt", (True, False): "Chicken"}
    key = (e > c, d > c)
    if key in expected:
        assert r.name == expected[key]
    else:  # restraint dominant: no conflict, never a dilemma
        assert r.pure_outcomes == (("restrain", "restrain"),) and not r.classification.dilemma
    assert r.arms_race == (d >= c)  # the arms race is an equilibrium iff being exploited is worse than arming
    assert r.restraint_equilibrium == (e <= c)


def test_jervis_two_worlds():
    pd = security_dilemma(exploit_gain=2, exploited_cost=3, arms_cost=1)
    assert pd.name == "Prisoner's Dilemma" and pd.pure_outcomes == (("arm", "arm"),) and pd.classification.dilemma
    assert len(pd.equilibria) == 1
    # a defense advantage (smaller exploitation gain) turns the same race into a Stag Hunt
    sh = security_dilemma(exploit_gain=F(1, 2), exploited_cost=3, arms_cost=1)
    assert sh.name == "Stag Hunt" and sh.restraint_equilibrium and sh.arms_race
    mixed = [eq for eq in sh.equilibria if not eq.is_pure]
    # the mixed equilibrium restrains with probability q making the other indifferent:
    # 0 q - d (1 - q) = (e - c) q - c (1 - q)  ->  q = (d - c)/(d - e) = 2/(5/2) = 4/5
    assert [eq.strategies[0][0] for eq in mixed] == [F(4, 5)]


def _key(eq):
    return tuple(eq.sender.items()), tuple(eq.receiver.items())


def _check_against_oracle(p, vs, vg, m, r, s):
    mine = reassurance(p, vs, vg, m, r, s)
    oracle = gt.perfect_bayesian_equilibria(reassurance_game(p, vs, vg, m, r, s))
    assert sorted(map(_key, mine.equilibria)) == sorted(map(_key, oracle))
    by_key = {_key(e): e for e in oracle}
    for e in mine.equilibria:
        o = by_key[_key(e)]
        assert e.kind == o.kind
        for msg, mu in e.beliefs.items():
            assert o.beliefs[msg]["security_seeker"] == mu
        assert set(e.belief_sets) == set(o.belief_sets)
        for msg, iv in e.belief_sets.items():
            assert tuple(o.belief_sets[msg].interval) == iv
    return mine


@settings(max_examples=150, deadline=None)
@given(prior, positive, positive, grid, positive, positive)
def test_reassurance_pbe_are_the_engines_pbe(p, vs, vg, m, r, s):
    _check_against_oracle(p, vs, vg, m, r, s)


def test_reassurance_at_the_trust_threshold_and_free_signals():
    # prior exactly at the threshold: B is indifferent, both replies appear; m = 0 at the edges
    for m in (0, 1, 3, 5):
        _check_against_oracle(F(2, 3), 3, 1, m, 1, 2)
        _check_against_oracle(F(2, 3), 1, 1, m, 1, 2)


@settings(max_examples=150, deadline=None)
@given(prior, positive, positive, grid, positive, positive)
def test_separation_iff_cost_between_the_types_values(p, vs, vg, m, r, s):
    res = reassurance(p, vs, vg, m, r, s)
    assert res.separating == (vg <= m <= vs)
    if not res.separating:
        assert res.kinds == ("pooling",)
    assert res.equilibria  # a pure PBE always exists
    # trust: with separation a security seeker is always trusted; otherwise only the prior counts
    prior_trusts = p >= res.trust_threshold
    assert res.trust_probability == (1 if prior_trusts else (p if res.separating else 0))


@settings(max_examples=100, deadline=None)
@given(prior, positive, positive, grid, positive, positive)
def test_comparative_statics_of_trust(p, vs, vg, m, r, s):
    base = reassurance(p, vs, vg, m, r, s)
    assert base.trust_threshold == s / (r + s)
    # a worse loss from being exploited raises the threshold; a larger gain from trust lowers it
    assert reassurance(p, vs, vg, m, r, s + 1).trust_threshold > base.trust_threshold
    assert reassurance(p, vs, vg, m, r + 1, s).trust_threshold < base.trust_threshold
    # trust never falls with a more favourable prior
    higher = min(F(9, 10), p + F(1, 10))
    assert reassurance(higher, vs, vg, m, r, s).trust_probability >= base.trust_probability
    # a security seeker that values trust more separates over a wider range of costs
    if base.separating:
        assert reassurance(p, vs + 1, vg, m, r, s).separating


def test_textbook_separation_interval():
    # v_G = 1, v_S = 3: a signal costing m in [1, 3] separates, outside it only pooling
    assert [reassurance(signal_cost=m).separating for m in (0, F(1, 2), 1, 2, 3, F(7, 2))] == [
        False, False, True, True, True, False]
    sep = next(e for e in reassurance(signal_cost=2).equilibria if e.kind == "separating")
    assert sep.sender == {"security_seeker": "reassure", "greedy": "none"}
    assert sep.receiver == {"reassure": "trust", "none": "distrust"} and sep.beliefs == {"reassure": 1, "none": 0}


def test_float_input_agrees_with_exact():
    exact = reassurance(F(1, 2), 3, 1, 1, 1, 2)
    floats = reassurance(0.5, 3.0, 1.0, 1.0, 1.0, 2.0)
    assert not floats.exact and [_key(e) for e in floats.equilibria] == [_key(e) for e in exact.equilibria]
    assert floats.trust_threshold == pytest.approx(float(exact.trust_threshold))


@pytest.mark.parametrize("call, match", [
    (lambda: security_dilemma(arms_cost=0), "arms_cost=0 must be > 0"),
    (lambda: security_dilemma(exploit_gain=-1), "exploit_gain=-1 must be >= 0"),
    (lambda: security_dilemma(exploited_cost=float("inf")), "not a finite number"),
    (lambda: reassurance(prior_secure=1), "strictly between 0 and 1"),
    (lambda: reassurance(value_greedy=0), "value_greedy=0 must be > 0"),
    (lambda: reassurance(signal_cost=-1), "signal_cost=-1 must be >= 0"),
    (lambda: reassurance_game(loss_exploited="x"), "loss_exploited"),
])
def test_bad_input_is_a_game_error(call, match):
    with pytest.raises(gt.GameError, match=match):
        call()


def test_registered_rows():
    row = MODELS["security-dilemma"].solve(exploit_gain=F(1, 2))
    assert row["game"] == "Stag Hunt" and row["restraint_equilibrium"] and row["n_equilibria"] == 3
    row = MODELS["reassurance"].solve(signal_cost=F(1, 2))
    assert row["separating"] is False and row["kinds"] == "pooling" and row["trust_probability"] == 0
    assert MODELS["reassurance"].solve()["trust_probability"] == F(1, 2)


@pytest.mark.parametrize("model", ["security-dilemma", "reassurance"])
def test_cli_table_csv(model):
    res = subprocess.run([sys.executable, "-m", "gametheory", "table", model, "--format", "csv"],
                         capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert set(MODELS[model].columns) <= set(df.columns) and len(df) == 1
