"""NATO voting power (issue 14, part 3): consensus against weighted rules on the bundled data.

The apportionment is checked against its definition (every member gets the floor or the
ceiling of its exact quota, the votes add up), the powers against the engine's Shapley value of
the simple game (an independent path) and brute-force veto checks, the NATO rows against the
bundled data, and the registered model through ``python -m gametheory table`` in every format.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
from fractions import Fraction as F

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.tables import read_csv
from models import collective_goods as cg
from models.registry import MODELS
from models.voting import alliance_voting_power, apportion, nato_voting_power

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
ENV.pop("GAMETHEORY_DEBUG", None)


# ---------------------------------------------------------------------- apportionment
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=30), st.integers(1, 2000))
def test_apportionment_gives_floor_or_ceiling_of_each_quota_and_adds_up(weights, votes):
    assume(sum(weights) > 0)
    seats = apportion(weights, votes)
    assert sum(seats) == votes
    for w, s in zip(weights, seats):
        quota = F(votes * w, sum(weights))
        assert math.floor(quota) <= s <= math.ceil(quota)


@given(st.lists(st.integers(1, 1000), min_size=2, max_size=12), st.integers(1, 500))
def test_apportionment_never_gives_a_heavier_member_fewer_votes(weights, votes):
    seats = apportion(weights, votes)
    for i, j in itertools.combinations(range(len(weights)), 2):
        if weights[i] > weights[j]:
            assert seats[i] >= seats[j]


@pytest.mark.parametrize("weights, votes, match", [
    ([], 10, "no members"), ([0, 0], 10, "every weight is zero"), ([1, -2], 10, "weight 1=-2 is negative"),
    ([1, 2], 0, "votes=0 must be a positive integer"), ([1, 2], 2.5, "votes=2.5"),
    ([1, 2], True, "votes=True"), ([1, "x"], 3, "weight 1='x' is not a real number"),
])
def test_apportionment_refuses_bad_input(weights, votes, match):
    with pytest.raises(gt.InvalidGameError, match=match):
        apportion(weights, votes)


# ---------------------------------------------------------------------- small alliances
def simple_game_shapley(votes, quota):
    n = len(votes)
    phi = gt.shapley_value(n, lambda S: 1 if sum(votes[j] for j in S) >= quota else 0, game="value")
    return tuple(phi[k] for k in range(n))


def veto_by_brute_force(votes, quota):
    """Members in every winning coalition."""
    n = len(votes)
    winning = [set(S) for r in range(n + 1) for S in itertools.combinations(range(n), r)
               if sum(votes[j] for j in S) >= quota]
    return tuple(all(k in S for S in winning) for k in range(n))


alliances = st.tuples(
    st.lists(st.integers(0, 500), min_size=1, max_size=7),
    st.builds(F, st.integers(1, 12), st.just(12)),
    st.integers(1, 60),
    st.integers(0, 3),
)


@given(alliances)
def test_power_is_the_shapley_value_of_the_weighted_simple_game(a):
    weights, quota_share, votes, basic = a
    assume(sum(weights) > 0)
    names = [f"m{k}" for k in range(len(weights))]
    r = alliance_voting_power(names, weights, quota_share=quota_share, votes=votes, basic_votes=basic)
    quota = quota_share * sum(r.votes)
    assert r.votes == tuple(s + basic for s in apportion(weights, votes))
    assert r.power == simple_game_shapley(r.votes, quota)
    assert r.veto == veto_by_brute_force(r.votes, quota)
    assert sum(r.power) == 1 and r.consensus_power == (F(1, len(weights)),) * len(weights)


@given(alliances, st.sampled_from(gt.cooperative.POWER_INDICES))
def test_unanimity_of_the_votes_is_consensus_when_every_member_has_a_vote(a, index):
    weights, _, votes, basic = a
    assume(sum(weights) > 0)
    names = [f"m{k}" for k in range(len(weights))]
    r = alliance_voting_power(names, weights, quota_share=1, index=index, votes=votes, basic_votes=max(basic, 1))
    assert r.power == r.consensus_power and all(r.veto)


def test_a_member_without_votes_is_a_dummy():
    r = alliance_voting_power(["A", "B", "C", "D"], [50, 30, 19, 1], quota_share=F(1, 2), votes=10)
    assert r.votes == (5, 3, 2, 0)
    assert r.power[3] == 0 and r.consensus_power[3] == F(1, 4)
    assert r.summary()["dummies"] == 1


@pytest.mark.parametrize("kwargs, error, match", [
    ({"members": ["A", "B"], "weights": [1]}, gt.InvalidGameError, "2 members but 1 weights"),
    ({"members": ["A", "A"], "weights": [1, 1]}, gt.InvalidGameError, "distinct"),
    ({"quota_share": 0}, gt.InvalidGameError, r"quota_share=0 must be in \(0, 1\]"),
    ({"quota_share": F(3, 2)}, gt.InvalidGameError, r"quota_share=3/2 must be in \(0, 1\]"),
    ({"basic_votes": -1}, gt.InvalidGameError, "basic_votes=-1"),
    ({"index": "gini"}, gt.GameError, "unknown power index 'gini'"),
])
def test_alliance_voting_power_refuses_bad_input(kwargs, error, match):
    args = {"members": ["A", "B"], "weights": [2, 1], **kwargs}
    with pytest.raises(error, match=match):
        alliance_voting_power(args.pop("members"), args.pop("weights"), **args)


# ---------------------------------------------------------------------- the NATO data
def test_nato_2019_gdp_weighted_two_thirds_rule():
    r = nato_voting_power("nato-2012-2019", 2019, "gdp")
    df = cg.nato_data("nato-2012-2019")
    data = df[df["year"] == 2019]
    assert sorted(r.members) == sorted(data["country"]) and r.excluded == ()
    assert r.votes == apportion(data["gdp_usd"].tolist(), 1000) and r.total_votes == 1000
    assert r.power == gt.voting_power(r.votes, F(2000, 3))
    us = r.members.index("United States")
    # with about half of NATO's GDP the United States alone blocks a two-thirds rule, and only it
    assert r.veto == tuple(k == us for k in range(len(r.members)))
    assert max(r.power) == r.power[us] > F(1, 2)
    zero = {m for m, v in zip(r.members, r.votes) if v == 0}
    assert zero and {m for m, p in zip(r.members, r.power) if p == 0} == zero
    s = r.summary()
    assert (s["largest_member"], s["veto_players"], s["dummies"]) == ("United States", 1, len(zero))
    assert s["consensus_power"] == F(1, 29)


def test_missing_data_excludes_members_and_names_them():
    assert nato_voting_power("nato-2012-2019", 2019, "defense").excluded == ("Iceland",)  # no armed forces
    r = nato_voting_power("nato-wdi-1960-2018", 1965, "gdp")
    assert r.excluded == ("Denmark", "Germany") and len(r.members) == 13


@pytest.mark.parametrize("args, match", [
    (("nato-2012-2019", 2011, "gdp"), r"year=2011 is not in nato-2012-2019 \(years 2012-2019\)"),
    (("nato-wdi-1960-2018", 2019, "defense"), "has no defense_usd for 2019"),
    (("nato-2012-2019", 2019, "population"), "unknown weight basis 'population'"),
    (("no-such-data", 2019, "gdp"), "unknown data set 'no-such-data'"),
])
def test_nato_voting_power_refuses_what_the_data_cannot_answer(args, match):
    with pytest.raises(gt.GameError, match=match):
        nato_voting_power(*args)


def test_every_parameter_combination_at_its_largest_stays_exact_and_fast_enough():
    """votes and basic_votes at their upper bounds keep the counting table within the engine's limit."""
    r = nato_voting_power("nato-wdi-1960-2018", 2018, "gdp", votes=100_000, basic_votes=1000, quota_share=1)
    assert r.total_votes == 100_000 + 1000 * len(r.members)
    assert r.power == r.consensus_power


# ---------------------------------------------------------------------- registered model, CLI
def test_registered_rows_are_the_model_rows():
    model = MODELS["nato-voting-power"]
    rows = model.rows(basis="defense", index="banzhaf")
    direct = nato_voting_power("nato-2012-2019", 2019, "defense", index="banzhaf").rows()
    assert [{k: r[k] for k in d} for r, d in zip(rows, direct)] == direct
    assert all(r["votes"] == 1000 for r in rows)  # the parameter, not a member's votes
    assert sum(r["power"] for r in rows) == 1


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True,
                          env=ENV, timeout=120)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "latex", "json"])
def test_table_every_format(fmt):
    res = run_cli("table", "nato-voting-power", "--param", "basic_votes=1", "--format", fmt)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    expected = nato_voting_power(basic_votes=1)
    us = expected.power[expected.members.index("United States")]
    if fmt == "markdown":
        assert out.splitlines()[0].startswith("| dataset | year | basis | quota_share | index | votes | basic_votes |")
        assert f"| United States | USA |" in out and f"| {us.numerator}/{us.denominator} |" in out
    elif fmt == "csv":
        df = read_csv(out)
        assert len(df) == 29 and sum(df["power"]) == 1 and df["power"].iloc[0] == us
        assert df["member_votes"].sum() == 1029
    elif fmt == "latex":
        assert "\\toprule" in out and "United States" in out and "member\\_votes" in out
    else:
        recs = json.loads(out)
        assert len(recs) == 29 and recs[0]["member"] == "United States"
        assert F(recs[0]["power"]) == us


def test_table_bad_year_is_one_line(capsys):
    from gametheory.cli import main

    assert main(["table", "nato-voting-power", "--param", "year=2011"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "not in nato-2012-2019" in err
