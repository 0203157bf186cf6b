"""Airport games in closed form (Littlechild & Owen 1973; Littlechild 1974): the nucleolus and
the core without enumerating coalitions, checked against the general LP nucleolus and the
general core test (which see the same costs as a plain callable, not as an AirportGame)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cooperative import AirportGame, airport_nucleolus, airport_shapley
from gametheory.errors import InvalidGameError

costs_st = st.lists(st.integers(0, 12), min_size=1, max_size=6).filter(lambda c: max(c) > 0)


def _plain(c):
    return lambda S: max((c[i] for i in S), default=0)


@settings(max_examples=60, deadline=None)
@given(costs_st)
def test_closed_form_nucleolus_equals_the_lp_nucleolus(c):
    n = len(c)
    assert airport_nucleolus(c) == list(gt.nucleolus(n, _plain(c)).values())
    assert list(gt.nucleolus(n, AirportGame(c)).values()) == airport_nucleolus(c)


@settings(max_examples=60, deadline=None)
@given(costs_st, st.lists(st.integers(-2, 2), min_size=6, max_size=6))
def test_airport_core_test_agrees_with_the_general_one(c, shift):
    n = len(c)
    base = airport_nucleolus(c)
    # a perturbation that keeps the budget: some of these leave the core, some do not
    d = [F(s, 4) for s in shift[:n]]
    d[-1] -= sum(d)
    for x in (base, airport_shapley(c), [a + b for a, b in zip(base, d)], [F(max(c), n)] * n):
        assert gt.in_core(n, AirportGame(c), x) == gt.in_core(n, _plain(c), x)


def test_nucleolus_and_shapley_of_a_large_airport_game_are_in_the_core():
    c = [F(k * k, 7) for k in range(1, 41)]  # 40 players: far beyond coalition enumeration
    game = AirportGame(c)
    for alloc in (gt.nucleolus(40, game), gt.shapley_value(40, game)):
        assert sum(alloc.values()) == max(c) and gt.in_core(40, game, alloc)
    assert not gt.in_core(40, game, [max(c) / 40] * 40)  # equal shares overcharge the small


def test_airport_nucleolus_refuses_bad_costs():
    with pytest.raises(InvalidGameError, match="at least one"):
        airport_nucleolus([])
    with pytest.raises(InvalidGameError, match="nonnegative"):
        airport_nucleolus([1, -1])
    with pytest.raises(InvalidGameError, match="entries"):
        gt.in_core(3, AirportGame([1, 2, 3]), [1, 2])
