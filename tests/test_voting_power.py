"""Voting power (issue 14, part 3): ``gt.voting_power`` against independent oracles.

Oracles: brute force over all orderings (Shapley-Shubik as the share of orderings in which a
player is pivotal), over all coalitions (swings), the engine's own ``gt.shapley_value`` on the
simple game's characteristic function, and, for 30-70 members, a count over the sizes of two
weight classes with binomial coefficients.  Textbook values: the EEC Council of Ministers (1958)
and the UN Security Council.
"""

from __future__ import annotations

import decimal
import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cooperative import _voting

INDICES = ("shapley-shubik", "banzhaf", "banzhaf-absolute")


# ---------------------------------------------------------------------- oracles
def ss_by_orderings(weights, quota):
    """Shapley & Shubik (1954) literally: count the orderings in which each player is pivotal."""
    n = len(weights)
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        acc = 0
        for i in order:
            acc += weights[i]
            if acc >= quota:
                pivots[i] += 1
                break
    return tuple(F(p, math.factorial(n)) for p in pivots)


def by_coalitions(weights, quota, index):
    """Every coalition S of the others in which i swings (w(S) < quota <= w(S) + w_i)."""
    n = len(weights)
    swings = [[0] * n for _ in range(n)]  # swings[i][|S|]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for r in range(n):
            for S in itertools.combinations(others, r):
                w = sum((weights[j] for j in S), F(0))
                if w < quota <= w + weights[i]:
                    swings[i][r] += 1
    if index == "shapley-shubik":
        return tuple(sum(F(math.factorial(s) * math.factorial(n - 1 - s), math.factorial(n)) * c
                         for s, c in enumerate(sw)) for sw in swings)
    eta = [sum(sw) for sw in swings]
    den = sum(eta) if index == "banzhaf" else 2 ** (n - 1)
    return tuple(F(e, den) for e in eta)


def by_shapley_value(weights, quota):
    """The Shapley value of the simple game v(S) = 1 if w(S) >= quota (the engine's TU path)."""
    n = len(weights)
    phi = gt.shapley_value(n, lambda S: 1 if sum((weights[j] for j in S), F(0)) >= quota else 0, game="value")
    return tuple(phi[i] for i in range(n))


def two_classes(a, A, b, B, quota, index):
    """Power of a class-A and a class-B player when a players weigh A and b weigh B, by counting
    the coalitions of the others over the numbers (i, j) of A- and B-players they hold."""
    n = a + b

    def power(na, nb, w):  # the other players: na of weight A, nb of weight B; own weight w
        ss, eta = F(0), 0
        for i in range(na + 1):
            for j in range(nb + 1):
                if quota - w <= i * A + j * B < quota:
                    count = math.comb(na, i) * math.comb(nb, j)
                    eta += count
                    s = i + j
                    ss += F(count * math.factorial(s) * math.factorial(n - 1 - s), math.factorial(n))
        return ss, eta

    (ssa, ea), (ssb, eb) = power(a - 1, b, A), power(a, b - 1, B)
    if index == "shapley-shubik":
        return ssa, ssb
    if index == "banzhaf":
        total = a * ea + b * eb
        return F(ea, total), F(eb, total)
    return F(ea, 2 ** (n - 1)), F(eb, 2 ** (n - 1))


# ---------------------------------------------------------------------- strategies
@st.composite
def games(draw, max_n=8, fractions=True):
    n = draw(st.integers(1, max_n))
    ints = st.integers(0, 12)
    fracs = st.builds(F, st.integers(0, 12), st.integers(1, 4))
    weights = draw(st.lists(st.one_of(ints, fracs) if fractions else ints, min_size=n, max_size=n))
    total = sum(weights, F(0))
    assume(total > 0)
    # quotas at a coalition's exact weight (the ties that decide a vote), or anywhere in (0, total]
    subset = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    at_subset = sum((w for w, b in zip(weights, subset) if b), F(0))
    quota = at_subset if at_subset > 0 and draw(st.booleans()) else total * F(draw(st.integers(1, 60)), 60)
    return weights, quota


# ---------------------------------------------------------------------- the oracles agree
@given(games(max_n=6))
def test_shapley_shubik_is_the_share_of_orderings_in_which_a_player_is_pivotal(g):
    weights, quota = g
    assert gt.voting_power(weights, quota) == ss_by_orderings(weights, quota)


@given(games(), st.sampled_from(INDICES))
def test_every_index_matches_brute_force_over_coalitions(g, index):
    weights, quota = g
    got = gt.voting_power(weights, quota, index=index)
    assert got == by_coalitions(weights, quota, index)
    assert all(type(x) is F for x in got)


@given(games())
def test_shapley_shubik_is_the_engines_shapley_value_of_the_simple_game(g):
    weights, quota = g
    assert gt.voting_power(weights, quota, "shapley-shubik") == by_shapley_value(weights, quota)


@given(games(max_n=8), st.sampled_from(INDICES))
def test_the_enumeration_path_agrees_with_the_generating_function(g, index):
    weights, quota = g
    table = gt.voting_power(weights, quota, index)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_voting, "MAX_TABLE_CELLS", 0)  # force the 2^n enumeration
        assert gt.voting_power(weights, quota, index) == table


@given(games(max_n=8, fractions=False), st.sampled_from(INDICES))
def test_huge_weights_are_counted_exactly(g, index):
    """Weights of order 10^30 leave no common factor to divide out: the enumeration path (and its
    object arithmetic past int64) answers, the same as brute force."""
    weights, quota = g
    big = 10**30
    bw = [w * big + 1 for w in weights]
    bq = F(quota) * big + F(1, 2)
    assert gt.voting_power(bw, bq, index) == by_coalitions(bw, bq, index)


def test_object_arithmetic_beyond_62_players_matches_int64(monkeypatch):
    weights = [(7 * k) % 11 + 1 for k in range(30)]
    quota = sum(weights) * 2 // 3
    fast = [gt.voting_power(weights, quota, i) for i in INDICES]
    monkeypatch.setattr(_voting, "_INT64_PLAYERS", 0)
    assert [gt.voting_power(weights, quota, i) for i in INDICES] == fast


# ---------------------------------------------------------------------- properties
@given(games(), st.sampled_from(("shapley-shubik", "banzhaf")))
def test_normalized_indices_sum_to_one(g, index):
    weights, quota = g
    assert sum(gt.voting_power(weights, quota, index)) == 1


@given(games(max_n=7), st.sampled_from(INDICES))
def test_a_dummy_gets_zero_and_leaves_the_others_unchanged(g, index):
    weights, quota = g
    with_dummy = gt.voting_power([*weights, 0], quota, index)
    assert with_dummy[-1] == 0
    assert with_dummy[:-1] == gt.voting_power(weights, quota, index)


@given(games(), st.sampled_from(INDICES))
def test_a_player_who_never_swings_gets_zero(g, index):
    weights, quota = g
    got = gt.voting_power(weights, quota, index)
    swings = by_coalitions(weights, quota, "banzhaf-absolute")
    assert [x == 0 for x in got] == [s == 0 for s in swings]


@given(games(), st.sampled_from(INDICES))
def test_equal_weights_equal_power_and_more_weight_no_less_power(g, index):
    weights, quota = g
    got = gt.voting_power(weights, quota, index)
    for i, j in itertools.combinations(range(len(weights)), 2):
        if weights[i] == weights[j]:
            assert got[i] == got[j]
        elif weights[i] > weights[j]:
            assert got[i] >= got[j]


@given(games(), st.sampled_from(INDICES), st.randoms(use_true_random=False))
def test_relabeling_the_players_permutes_their_power(g, index, rnd):
    weights, quota = g
    order = list(range(len(weights)))
    rnd.shuffle(order)
    got = gt.voting_power(weights, quota, index)
    assert gt.voting_power([weights[k] for k in order], quota, index) == tuple(got[k] for k in order)


@given(games(), st.sampled_from(INDICES), st.builds(F, st.integers(1, 50), st.integers(1, 50)))
def test_rescaling_weights_and_quota_changes_nothing(g, index, c):
    weights, quota = g
    assert gt.voting_power([w * c for w in weights], quota * c, index) == gt.voting_power(weights, quota, index)


@pytest.mark.parametrize("n", [1, 2, 5, 30, 50])
@pytest.mark.parametrize("index", INDICES)
def test_unanimity_is_the_quota_at_the_total_weight(n, index):
    weights = [k % 4 + 1 for k in range(n)]  # unequal weights: under unanimity each is a veto player
    got = gt.voting_power(weights, sum(weights), index)
    expected = F(1, 2 ** (n - 1)) if index == "banzhaf-absolute" else F(1, n)
    assert got == (expected,) * n


# ---------------------------------------------------------------------- textbook cases
EEC = [4, 4, 4, 2, 2, 1]  # France, Germany, Italy, Belgium, Netherlands, Luxembourg; quota 12


def test_eec_council_1958_shapley_shubik():
    assert gt.voting_power(EEC, 12) == tuple(F(k, 60) for k in (14, 14, 14, 9, 9, 0))


@pytest.mark.parametrize("index", INDICES)
def test_eec_council_1958_luxembourg_has_no_power(index):
    got = gt.voting_power(EEC, 12, index)
    assert got[5] == 0 and got == by_coalitions(EEC, 12, index)


def test_eec_banzhaf_values():
    # swings: 10 for each large member, 6 for Belgium and the Netherlands (Felsenthal & Machover 1998)
    assert gt.voting_power(EEC, 12, "banzhaf-absolute") == tuple(F(k, 32) for k in (10, 10, 10, 6, 6, 0))
    assert gt.voting_power(EEC, 12, "banzhaf") == tuple(F(k, 42) for k in (10, 10, 10, 6, 6, 0))


UNSC = [7] * 5 + [1] * 10  # 9 votes including all 5 permanent members: 5*7 + 4 = 39


def test_un_security_council():
    ss = gt.voting_power(UNSC, 39)
    assert ss == (F(421, 2145),) * 5 + (F(4, 2145),) * 10
    assert float(ss[0]) == pytest.approx(0.19627, abs=5e-6) and float(ss[5]) == pytest.approx(0.00186, abs=5e-6)


@pytest.mark.parametrize("index", INDICES)
def test_un_security_council_as_two_weight_classes(index):
    assert gt.voting_power(UNSC, 39, index)[4:6] == two_classes(5, 7, 10, 1, 39, index)


@pytest.mark.parametrize("a, A, b, B, quota_share", [
    (5, 7, 25, 1, F(2, 3)), (10, 3, 40, 1, F(1, 2)), (1, 20, 49, 1, F(1, 2)), (20, 5, 50, 2, F(3, 4)),
])
@pytest.mark.parametrize("index", INDICES)
def test_30_to_70_members_against_the_two_class_count(a, A, b, B, quota_share, index):
    weights = [A] * a + [B] * b
    quota = quota_share * sum(weights)
    got = gt.voting_power(weights, quota, index)
    pa, pb = two_classes(a, A, b, B, math.ceil(quota), index)
    assert got == (pa,) * a + (pb,) * b


# ---------------------------------------------------------------------- number types
def test_exact_types_are_read_exactly():
    expected = gt.voting_power([1, 1, 1], 2)
    assert gt.voting_power([F(1, 3)] * 3, F(2, 3)) == expected
    assert gt.voting_power([decimal.Decimal("0.5")] * 3, decimal.Decimal("1.0")) == expected
    assert gt.voting_power(np.array([2, 2, 2]), np.int64(4)) == expected
    assert gt.voting_power((w for w in [1, 1, 1]), 2) == expected


def test_floats_are_read_as_the_decimals_they_print_as():
    # in binary floating point 0.7 + 0.1 < 0.8: read as a binary rational, {0, 1} would lose
    assert 0.7 + 0.1 < 0.8
    assert gt.voting_power([0.7, 0.1, 0.2], 0.8) == gt.voting_power([7, 1, 2], 8) == (F(2, 3), F(1, 6), F(1, 6))
    assert gt.voting_power(np.array([0.7, 0.1, 0.2]), 0.8, "banzhaf") == gt.voting_power([7, 1, 2], 8, "banzhaf")


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize("weights, quota, index, error, match", [
    ([1, -1, 2], 1, "shapley-shubik", gt.InvalidGameError, "weight 1=-1 is negative"),
    ([1, 2], 0, "shapley-shubik", gt.InvalidGameError, "quota=0 must be positive"),
    ([1, 2], -1, "banzhaf", gt.InvalidGameError, "quota=-1 must be positive"),
    ([1, 2], 4, "shapley-shubik", gt.InvalidGameError, "exceeds the total weight 3"),
    ([0, 0], 1, "shapley-shubik", gt.InvalidGameError, "exceeds the total weight 0"),
    ([], 1, "shapley-shubik", gt.InvalidGameError, "at least one player"),
    ([1, "2"], 1, "shapley-shubik", gt.InvalidGameError, "weight 1='2' is not a real number"),
    ([1, None], 1, "shapley-shubik", gt.InvalidGameError, "weight 1=None is not a real number"),
    ([True, 1], 1, "shapley-shubik", gt.InvalidGameError, "weight 0=True is not a real number"),
    ([1, 1], True, "shapley-shubik", gt.InvalidGameError, "quota=True is not a real number"),
    ([1, float("nan")], 1, "shapley-shubik", gt.InvalidGameError, "weight 1=nan is not a finite number"),
    ([1, 1], float("inf"), "shapley-shubik", gt.InvalidGameError, "quota=inf is not a finite number"),
    ([1, 1j], 1, "shapley-shubik", gt.InvalidGameError, "is not a real number"),
    ("12", 1, "shapley-shubik", gt.InvalidGameError, "sequence of numbers in player order, got str"),
    (5, 1, "shapley-shubik", gt.InvalidGameError, "sequence of numbers in player order, got int"),
    ({"a": 1}, 1, "shapley-shubik", gt.InvalidGameError, "got dict"),
    ({1, 2}, 1, "shapley-shubik", gt.InvalidGameError, "got set"),
    (np.ones((2, 2)), 1, "shapley-shubik", gt.InvalidGameError, "one-dimensional"),
    ([1, 1], 1, "shapley", gt.GameError, "unknown power index 'shapley'"),
    ([1, 1], 1, None, gt.GameError, "unknown power index None"),
])
def test_bad_input_is_refused_by_name(weights, quota, index, error, match):
    with pytest.raises(error, match=match.replace("(", r"\(").replace(")", r"\)")):
        gt.voting_power(weights, quota, index)


def test_weights_too_fine_for_exact_counting_are_refused_with_advice():
    weights = [10**12 + k for k in range(25)]  # no common factor; 25 players cannot be enumerated
    with pytest.raises(gt.GameError, match="integer votes"):
        gt.voting_power(weights, sum(weights) // 2)
    # the same game in few players is enumerated instead
    assert sum(gt.voting_power(weights[:12], sum(weights[:12]) // 2)) == 1

