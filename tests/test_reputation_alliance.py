"""A patron's reputation for alliance reliability (models.reputation.reliability; issue 14, part 1).

Oracle: Bayes' rule applied one observation at a time along every record (order included),
and each patron type's payoff summed over every sequence of crises of games up to five
crises -- neither uses the closed-form posterior of counts nor the model's recursion.

Results of the model (Alt, Calvert & Humes 1988; Sartori 2005): a defense raises and an
abandonment lowers the credibility; with an even prior, r_H = 9/10, r_L = 1/5 and a threshold
1/2 the prior deters (credibility 11/20) but one abandonment (posterior 1/9, credibility 5/18)
ends deterrence; a reputation is never lost when the irresolute type's own reliability deters
(r_L >= v/(v + w)).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError
from models import reputation
from models.registry import MODELS


def _posterior(p, rh, rl, record):
    """Bayes' rule, one observation ('D' defended, 'A' abandoned) at a time."""
    mu = p
    for x in record:
        lh, ll = (rh, rl) if x == "D" else (1 - rh, 1 - rl)
        mu = mu * lh / (mu * lh + (1 - mu) * ll)
    return mu




def _values(n, p, rh, rl, v, w, a, c):
    """Each type's expected payoff, by walking every record of crises (Bayes one step at a time)."""
    t = v / (v + w)

    def walk(record, r):
        k = n - len(record)
        if k == 0:
            return F(0)
        mu = _posterior(p, rh, rl, record)
        if mu * rh + (1 - mu) * rl >= t:  # deterred; nothing is learned, so every later crisis too
            return a * k
        out = F(0)
        if r > 0:
            out += r * (-c + walk(record + ["D"], r))
        if r < 1:
            out += (1 - r) * walk(record + ["A"], r)
        return out

    return walk([], rh), walk([], rl)


def _premium(n, p, rh, rl, v, w, a, c):
    """The irresolute type's value of the other n - 1 crises after a defense minus after an abandonment."""
    t = v / (v + w)

    def walk(record, k):
        if k == 0:
            return F(0)
        mu = _posterior(p, rh, rl, record)
        if mu * rh + (1 - mu) * rl >= t:
            return a * k
        out = F(0)
        if rl > 0:
            out += rl * (-c + walk(record + ["D"], k - 1))
        if rl < 1:
            out += (1 - rl) * walk(record + ["A"], k - 1)
        return out

    return walk(["D"], n - 1) - walk(["A"], n - 1)


probs = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
positive = st.fractions(min_value=F(1, 10), max_value=5, max_denominator=10)


@st.composite
def params(draw):
    rl, rh = sorted(draw(st.lists(st.fractions(0, 1, max_denominator=10), min_size=2, max_size=2, unique=True)))
    return dict(crises=draw(st.integers(1, 5)), prior_resolute=draw(probs), reliability_resolute=rh,
                reliability_irresolute=rl, challenger_gain=draw(positive), challenger_cost=draw(positive),
                deterrence_value=draw(positive), defense_cost=draw(st.fractions(0, 2, max_denominator=10)))


def _cred(q, record):
    p, rh, rl = q["prior_resolute"], q["reliability_resolute"], q["reliability_irresolute"]
    mu = _posterior(p, rh, rl, record)
    return mu * rh + (1 - mu) * rl


@settings(max_examples=60, deadline=None)
@given(params())
def test_the_model_agrees_with_bayes_along_every_record_and_every_sequence(q):
    r = reputation.alliance_reputation(**q)
    n, p, rh, rl = q["crises"], q["prior_resolute"], q["reliability_resolute"], q["reliability_irresolute"]
    v, w, a, c = q["challenger_gain"], q["challenger_cost"], q["deterrence_value"], q["defense_cost"]
    t = v / (v + w)
    assert r.threshold == t
    assert r.credibility == _cred(q, []) and r.deterred == (_cred(q, []) >= t)
    assert r.credibility_after_abandonment == _cred(q, ["A"]) and r.credibility_after_defense == _cred(q, ["D"])
    assert r.deterred_after_abandonment == (_cred(q, ["A"]) >= t)
    assert r.deterred_after_defense == (_cred(q, ["D"]) >= t)
    # the order of a record does not matter: every record of length 4
    for record in itertools.product("DA", repeat=4):
        if rh == 1 and "A" in record and rl == 0 and "D" in record:
            continue  # a record neither type can have
        assert reputation.record_posterior(p, rh, rl, record.count("D"), record.count("A")) == _posterior(
            p, rh, rl, record)
    # abandonments and defenses counted one at a time
    if r.abandonments_to_lose is None:
        assert rl >= t and all(_cred(q, ["A"] * f) >= t for f in range(8))
    else:
        f = r.abandonments_to_lose
        assert _cred(q, ["A"] * f) < t and all(_cred(q, ["A"] * g) >= t for g in range(f))
    if r.defenses_to_deter is None:
        assert rh < t or (rh == t and rl > 0)  # credibility tends to r_H from below
    else:
        d = r.defenses_to_deter
        assert _cred(q, ["D"] * d) >= t and all(_cred(q, ["D"] * g) < t for g in range(d))
    assert (r.value_resolute, r.value_irresolute) == _values(n, p, rh, rl, v, w, a, c)
    assert r.reputation_premium == _premium(n, p, rh, rl, v, w, a, c)


def test_reported_values():
    r = reputation.alliance_reputation(5, F(1, 2), F(9, 10), F(1, 5), 1, 1, 1, F(1, 2))
    assert reputation.record_posterior(F(1, 2), F(9, 10), F(1, 5), 0, 1) == F(1, 9)
    assert (r.credibility, r.credibility_after_abandonment, r.credibility_after_defense) == (
        F(11, 20), F(5, 18), F(17, 22))
    assert r.deterred and not r.deterred_after_abandonment and r.abandonments_to_lose == 1
    assert r.value_resolute == r.value_irresolute == 5  # the prior deters every crisis
    # a reputation the irresolute type's reliability sustains is never lost
    assert reputation.alliance_reputation(5, F(1, 2), F(9, 10), F(1, 2), 1, 1).abandonments_to_lose is None
    # no record deters a challenger whom even the resolute type's reliability does not, nor
    # one whom only certainty that the patron is resolute would deter (r_H = threshold)
    assert reputation.alliance_reputation(5, F(1, 2), F(2, 5), F(1, 5), 1, 1).defenses_to_deter is None
    assert reputation.alliance_reputation(5, F(1, 2), F(1, 2), F(1, 5), 1, 1).defenses_to_deter is None
    assert reputation.alliance_reputation(5, F(1, 2), F(1, 2), 0, 1, 1).defenses_to_deter == 1


def _inf(x):
    return float("inf") if x is None else x


@settings(max_examples=80, deadline=None)
@given(params(), probs)
def test_a_better_reputation_survives_more_abandonments_and_needs_fewer_defenses(q, p2):
    lo, hi = sorted((q["prior_resolute"], p2))
    r_lo = reputation.alliance_reputation(**{**q, "prior_resolute": lo})
    r_hi = reputation.alliance_reputation(**{**q, "prior_resolute": hi})
    assert _inf(r_lo.abandonments_to_lose) <= _inf(r_hi.abandonments_to_lose)
    assert _inf(r_hi.defenses_to_deter) <= _inf(r_lo.defenses_to_deter)
    assert r_lo.credibility <= r_hi.credibility and r_lo.value_irresolute <= r_hi.value_irresolute


@settings(max_examples=80, deadline=None)
@given(params())
def test_an_abandonment_lowers_credibility_and_the_premium_is_never_negative(q):
    r = reputation.alliance_reputation(**q)
    assert r.credibility_after_abandonment < r.credibility < r.credibility_after_defense
    assert r.reputation_premium >= 0
    if q["crises"] == 1:
        assert r.reputation_premium == 0  # no later crisis for a reputation to matter in


def test_long_records_are_counted_without_walking_them():
    p, rh, rl = F(999_999, 1_000_000), F(51, 100), F(1, 2)
    f = reputation.alliance_reputation(3, p, rh, rl, 1, F(99, 101)).abandonments_to_lose

    def cred(g):
        m = reputation.record_posterior(p, rh, rl, 0, g)
        return m * rh + (1 - m) * rl

    t = 1 / (1 + F(99, 101))
    assert f > 100 and cred(f) < t <= cred(f - 1)


def test_float_input_matches_exact_input():
    exact = reputation.alliance_reputation(4, F(1, 4), F(9, 10), F(1, 5), 1, 1)
    fl = reputation.alliance_reputation(4, 0.25, 0.9, 0.2, 1.0, 1.0)
    assert fl.defenses_to_deter == exact.defenses_to_deter == 1
    assert fl.reputation_premium == pytest.approx(float(exact.reputation_premium))
    assert isinstance(fl.reputation_premium, float)


@pytest.mark.parametrize("kw, match", [
    ({"crises": 0}, "crises"), ({"crises": 2.0}, "crises"), ({"prior_resolute": 0}, "prior_resolute"),
    ({"prior_resolute": 1}, "prior_resolute"), ({"reliability_resolute": F(1, 10)}, "must exceed"),
    ({"reliability_resolute": F(11, 10)}, "reliability_resolute"), ({"challenger_gain": 0}, "challenger_gain"),
    ({"defense_cost": -1}, "defense_cost"), ({"challenger_cost": float("inf")}, "challenger_cost"),
])
def test_bad_input_is_a_game_error(kw, match):
    with pytest.raises(GameError, match=match):
        reputation.alliance_reputation(**kw)


def test_registered():
    row = MODELS["alliance-reputation"].solve(prior_resolute=F(1, 4), crises=4)
    assert row["defenses_to_deter"] == 1 and row["credibility"] == F(3, 8)


def test_cli_table_every_format():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    env.pop("GAMETHEORY_DEBUG", None)
    expected = {"markdown": "5/18", "csv": "5/18", "latex": "\\frac{5}{18}", "json": '"5/18"'}
    for fmt, text in expected.items():
        res = subprocess.run([sys.executable, "-m", "gametheory", "table", "alliance-reputation", "--format", fmt],
                             capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parent.parent,
                             timeout=300)
        assert res.returncode == 0, res.stderr
        assert "abandonments_to_lose" in res.stdout.replace("\\_", "_") and text in res.stdout, fmt
