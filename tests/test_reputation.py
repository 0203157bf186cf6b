"""The chain-store game with incomplete information (models.reputation; issue 14, part 1).

Oracle: :func:`_verify` checks the model's strategies on the full game tree of N <= 5 periods,
history by history, without the closed form: beliefs follow Bayes' rule from the prior and the
weak type's fighting probabilities along each history; each entrant's action is a best reply
to its belief (entry for sure if b exceeds the probability of a fight, none if below, anything
at a tie); each incumbent type's choice after an entry is a best reply to the continuation
play, its continuation values summed over every history that follows (the weak type mixes
only when indifferent).  The two types' values at the root must equal the model's.

Textbook values (Kreps & Wilson 1982, Journal of Economic Theory 27, 253-279, section 3;
Fudenberg & Tirole 1991, Game Theory, section 9.2; Selten 1978):

* entry is deterred while the reputation exceeds b^k with k periods left, so with b = 1/2 and
  p = 1/10 (1/8 >= 1/10 > 1/16) entry begins with 3 periods left, whatever N >= 3;
* at the threshold b^k the entrant enters with probability 1 - 1/a (1/2 for a = 2), and the
  weak type fights with probability p (1 - b^(k-1)) / ((1 - p) b^(k-1)) (1/3 at p = 1/10,
  b = 1/2, k = 3), which lifts the posterior after a fight to b^(k-1);
* p = 0 (complete information, Selten's chain-store paradox): entry in every period, the
  weak incumbent never fights;
* the number of periods with entry is bounded independently of N (Kreps & Wilson's
  resolution of the paradox).
"""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction as F
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError
from models import reputation
from models.registry import MODELS

ROOT = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------------------- the oracle
def _verify(n, p, b, a):
    """Check the model's strategy profile on the game tree; return the (weak, tough) root values."""

    @lru_cache(maxsize=None)
    def belief(h):
        """Bayes' rule along the history h (a tuple of 'O', 'F', 'A'), from the prior."""
        mu = p
        for t, x in enumerate(h):
            k = n - t
            if x == "A":
                mu = F(0)  # the tough type never acquiesces
            elif x == "F" and mu > 0:
                beta = reputation.fight_probability(mu, k, b)
                mu = mu / (mu + (1 - mu) * beta)
        return mu

    def enter(h):
        return reputation.entry_probability(belief(h), n - len(h), b, a)

    def fight(h):
        return reputation.fight_probability(belief(h), n - len(h), b)

    @lru_cache(maxsize=None)
    def value(h, tough):
        if len(h) == n:
            return F(0)
        e = enter(h)
        if tough:
            after = value(h + ("F",), True)  # pays 0 for a fight
        else:
            beta = fight(h)
            after = beta * (-1 + value(h + ("F",), False)) + (1 - beta) * value(h + ("A",), False)
        return e * after + (1 - e) * (a + value(h + ("O",), tough))

    def check(h):
        if len(h) == n:
            return
        k = n - len(h)
        mu = belief(h)
        beta, e = fight(h), enter(h)
        assert 0 <= beta <= 1 and 0 <= e <= 1
        # the model's posterior after a fight is Bayes' rule (1 in the last period: only the tough type fights)
        if mu > 0:
            assert reputation.posterior_after_fight(mu, k, b) == mu / (mu + (1 - mu) * beta)
        # the entrant best-replies to its belief
        gain = b - (mu + (1 - mu) * beta)
        if gain > 0:
            assert e == 1, (h, mu, gain)
        elif gain < 0:
            assert e == 0, (h, mu, gain)
        # the weak type best-replies after an entry; it mixes only when indifferent
        u_fight = -1 + value(h + ("F",), False)
        u_acq = value(h + ("A",), False)
        if beta == 1:
            assert u_fight >= u_acq, (h, u_fight, u_acq)
        elif beta == 0:
            assert u_acq >= u_fight, (h, u_fight, u_acq)
        else:
            assert u_fight == u_acq, (h, u_fight, u_acq)
        # the tough type (0 for a fight, -1 for acquiescing) fights
        assert value(h + ("F",), True) >= -1 + value(h + ("A",), True)
        for x in "OFA":
            check(h + (x,))

    check(())
    return value((), False), value((), True)


def _first_entry_from_tree(n, p, b):
    """The first period on the all-out path at which entering is a best reply (ties included)."""
    for t in range(n):
        k = n - t
        fight_prob = p + (1 - p) * reputation.fight_probability(p, k, b)
        if b - fight_prob >= 0:
            return t + 1
    return None


fractions01 = st.fractions(min_value=0, max_value=1, max_denominator=60)
gains = st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50)
incumbent = st.fractions(min_value=F(21, 20), max_value=6, max_denominator=20)


@st.composite
def priors(draw, b_and_n):
    """A random prior, or (often) a threshold b^j exactly, where the entrant mixes."""
    b, n = b_and_n
    if draw(st.booleans()):
        return b ** draw(st.integers(1, n + 1))
    return draw(fractions01)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 5), gains, incumbent)
def test_the_equilibrium_passes_the_game_tree_oracle(data, n, b, a):
    p = data.draw(priors((b, n)))
    r = reputation.chain_store(n, p, b, a)
    weak, tough = _verify(n, p, b, a)
    assert (r.weak_value, r.tough_value) == (weak, tough)
    assert r.first_entry == _first_entry_from_tree(n, p, b)
    assert all(type(x) is F for x in (*r.thresholds, *r.reputation, *r.entry_probability, *r.fight_probability,
                                      *r.posterior_after_fight, r.weak_value, r.tough_value))


def test_the_oracle_rejects_a_wrong_equilibrium(monkeypatch):
    """The oracle is not vacuous: a weak type that always fights (no mixing) fails it."""
    real = reputation.fight_probability
    monkeypatch.setattr(reputation, "fight_probability", lambda mu, k, b: real(mu, k, b) if k == 1 else F(1))
    with pytest.raises(AssertionError):
        _verify(4, F(1, 10), F(1, 2), 2)


# ----------------------------------------------------------------------------- textbook values
def test_textbook_values():
    r = reputation.chain_store(10, F(1, 10), F(1, 2), 2)
    assert r.thresholds == tuple(F(1, 2**k) for k in range(10, 0, -1))
    assert r.first_entry == 8 and r.deterred_periods == 7  # 3 periods left: 1/8 >= 1/10 > 1/16
    assert r.entry_probability == (0,) * 7 + (1, F(1, 2), F(1, 2))
    assert r.fight_probability[7:] == (F(1, 3), F(1, 3), 0)
    assert r.reputation[7:] == (F(1, 10), F(1, 4), F(1, 2))
    assert r.posterior_after_fight[7:9] == (F(1, 4), F(1, 2))
    assert r.weak_value == 14  # a = 2 in each of 7 deterred periods, then indifferent (0)
    # the entrant at the threshold enters with probability 1 - 1/a
    assert reputation.chain_store(4, F(1, 8), F(1, 2), 5).entry_probability[1] == F(4, 5)


def test_selten_paradox_with_complete_information():
    r = reputation.chain_store(6, 0, F(1, 3), 3)
    assert r.first_entry == 1 and r.deterred_periods == 0
    assert set(r.entry_probability) == {1} and set(r.fight_probability) == {0}
    assert set(r.reputation) == {0} and r.weak_value == 0


def test_a_sure_tough_incumbent_is_never_challenged():
    r = reputation.chain_store(6, 1, F(9, 10), 3)
    assert r.first_entry is None and r.deterred_periods == 6
    assert r.weak_value == r.tough_value == 18


def test_entry_periods_are_bounded_independently_of_the_horizon():
    for n in (3, 4, 10, 50, 200):
        r = reputation.chain_store(n, F(1, 10), F(1, 2))
        assert n - r.deterred_periods == 3


# ----------------------------------------------------------------------------- comparative statics
@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), fractions01, gains)
def test_the_deterrence_threshold_rises_toward_one_as_fewer_periods_are_left(n, p, b):
    t = reputation.chain_store(n, p, b).thresholds
    assert list(t) == sorted(t) and len(set(t)) == n and t[-1] == b < 1
    # one period fewer left: the threshold of the next period is the old one over b
    assert all(t[i + 1] == t[i] / b for i in range(n - 1))


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), fractions01, fractions01, gains)
def test_a_higher_prior_deters_longer(n, p1, p2, b):
    lo, hi = sorted((p1, p2))
    r_lo, r_hi = reputation.chain_store(n, lo, b), reputation.chain_store(n, hi, b)
    assert r_lo.deterred_periods <= r_hi.deterred_periods
    # first_entry is monotone in the prior (None: never, i.e. after every period)
    key = (lambda r: n + 1 if r.first_entry is None else r.first_entry)
    assert key(r_lo) <= key(r_hi)
    assert r_lo.weak_value <= r_hi.weak_value


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), fractions01, gains, gains)
def test_a_more_attractive_entry_is_deterred_less(n, p, b1, b2):
    lo, hi = sorted((b1, b2))
    assert reputation.chain_store(n, p, hi).deterred_periods <= reputation.chain_store(n, p, lo).deterred_periods


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), fractions01, gains)
def test_a_longer_horizon_adds_deterred_periods_in_front(n1, n2, p, b):
    lo, hi = sorted((n1, n2))
    r_lo, r_hi = reputation.chain_store(lo, p, b), reputation.chain_store(hi, p, b)
    left_lo, left_hi = lo - r_lo.deterred_periods, hi - r_hi.deterred_periods  # periods left at first entry
    assert left_lo <= left_hi
    if left_lo < lo:  # entry begins in the short game's horizon: the long game adds deterred periods in front
        assert left_hi == left_lo
        assert r_hi.entry_probability[hi - lo:] == r_lo.entry_probability
        assert r_hi.reputation[hi - lo:] == r_lo.reputation


def test_float_input_matches_exact_input():
    exact = reputation.chain_store(8, F(1, 8), F(1, 2), F(3, 2))
    fl = reputation.chain_store(8, 0.125, 0.5, 1.5)
    assert fl.first_entry == exact.first_entry
    assert fl.entry_probability == pytest.approx([float(x) for x in exact.entry_probability])
    assert fl.fight_probability == pytest.approx([float(x) for x in exact.fight_probability])
    assert fl.weak_value == pytest.approx(float(exact.weak_value))
    assert isinstance(fl.weak_value, float)


@pytest.mark.parametrize("args, match", [
    ((0, F(1, 2), F(1, 2)), "periods"),
    ((2.5, F(1, 2), F(1, 2)), "whole number"),
    ((True, F(1, 2), F(1, 2)), "whole number"),
    ((10**6, F(1, 2), F(1, 2)), "between 1 and"),
    ((3, F(3, 2), F(1, 2)), "prior_tough"),
    ((3, F(1, 2), 1), "entrant_gain"),
    ((3, F(1, 2), 0), "entrant_gain"),
    ((3, float("nan"), F(1, 2)), "prior_tough"),
    ((3, "1/2", F(1, 2)), "prior_tough"),
])
def test_bad_input_is_a_game_error(args, match):
    with pytest.raises(GameError, match=match):
        reputation.chain_store(*args)


def test_incumbent_gain_must_exceed_one():
    with pytest.raises(GameError, match="incumbent_gain"):
        reputation.chain_store(3, F(1, 2), F(1, 2), 1)


def test_the_entry_point_stays_the_function_after_every_module_is_imported():
    """``models.reputation.chain_store`` is the function DESIGN fixes, not a submodule of that name."""
    import importlib
    import pkgutil

    import models

    for info in pkgutil.walk_packages(models.__path__, prefix="models."):
        importlib.import_module(info.name)
    import models.reputation

    assert callable(models.reputation.chain_store)
    assert models.reputation.chain_store(2, 1, F(1, 2)).first_entry is None


# ----------------------------------------------------------------------------- registry and CLI
def test_registered_rows_are_the_periods():
    model = MODELS["chain-store"]
    rows = model.rows(periods=4, prior_tough=F(1, 10), entrant_gain=F(1, 2))
    r = reputation.chain_store(4, F(1, 10), F(1, 2))
    assert [row["period"] for row in rows] == [1, 2, 3, 4]
    assert [row["threshold"] for row in rows] == list(r.thresholds)
    assert {row["first_entry"] for row in rows} == {r.first_entry} == {2}
    assert model.solve(periods=4, prior_tough=F(1, 10), entrant_gain=F(1, 2)) == rows[0]


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
ENV.pop("GAMETHEORY_DEBUG", None)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True, env=ENV,
                          cwd=ROOT, timeout=300)


def test_cli_lists_the_model():
    res = _cli("models")
    assert res.returncode == 0, res.stderr
    assert "chain-store" in res.stdout and "Kreps & Wilson (1982)" in res.stdout


@pytest.mark.parametrize("fmt, marker, b5, beta", [
    ("markdown", "| period", "1/32", "| 1/3 |"),
    ("csv", "period,", "1/32", ",1/3,"),
    ("latex", "\\begin{tabular}", "\\frac{1}{32}", "\\frac{1}{3}"),
    ("json", '"period"', '"1/32"', '"1/3"'),
])
def test_cli_table_every_format(fmt, marker, b5, beta):
    res = _cli("table", "chain-store", "--param", "periods=5", "--param", "prior_tough=1/10", "--format", fmt)
    assert res.returncode == 0, res.stderr
    assert marker in res.stdout
    assert b5 in res.stdout  # the first threshold b^5, exact
    assert beta in res.stdout  # the weak type's mixing with 3 periods left


def test_cli_table_bad_parameter_is_one_line():
    res = _cli("table", "chain-store", "--param", "entrant_gain=1")
    assert res.returncode != 0 and "entrant_gain" in res.stderr and "Traceback" not in res.stderr
