"""gt.is_consistent: Kreps-Wilson consistency of assessments, on textbook trees whose consistent
beliefs are derived by hand, on the engine's signaling-game PBE, and on random trees with fully
mixed profiles (where consistency is exactly Bayes' rule)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sequence_form import recall_trees

import gametheory as gt


def _horse():
    """Selten's horse (Selten 1975): 1 plays C or D; after C, 2 plays c (end) or d; 3 moves at
    {after D, after C d} without knowing which."""
    t = gt.ExtensiveFormGame(players=["1", "2", "3"])
    c, d = t.decision(t.root, "1", ["C", "D"])
    cc, cd = t.decision(c, "2", ["c", "d"])
    t.terminal(cc, [1, 1, 1])
    out = {}
    for v, name, pays in ((d, "D", ([3, 3, 2], [0, 0, 0])), (cd, "Cd", ([4, 4, 0], [0, 0, 1]))):
        l, r = t.decision(v, "3", ["L", "R"], infoset="3")
        t.terminal(l, pays[0])
        t.terminal(r, pays[1])
        out[name] = v
    return t, out


@pytest.mark.parametrize("belief_D", [F(0), F(1, 3), F(1)])
def test_horse_off_path_beliefs_are_all_consistent_when_1_and_2_continue(belief_D):
    # 3's nodes are reached by different deviations (1's D, 2's d): any belief is a limit
    t, n = _horse()
    play = {"1": {0: "C"}, "2": {1: "c"}, "3": {"3": "R"}}
    assert gt.is_consistent(t, play, {"3": {n["D"]: belief_D, n["Cd"]: 1 - belief_D}})


def test_horse_on_path_beliefs_must_be_bayes():
    t, n = _horse()
    play = {"1": {0: "D"}, "2": {1: {"c": F(2, 3), "d": F(1, 3)}}, "3": {"3": "L"}}
    assert gt.is_consistent(t, play, {"3": {n["D"]: 1, n["Cd"]: 0}})
    assert not gt.is_consistent(t, play, {"3": {n["D"]: F(1, 2), n["Cd"]: F(1, 2)}})
    # left out, a reached set gets Bayes' rule
    assert gt.is_consistent(t, play, {})


def _structural():
    """1 plays L (ends), M or R; 2 sees only that L was not played and plays l or r; after l, 3
    moves without seeing M or R.  Both of 2's and 3's sets follow the same deviation from L,
    and 3's also 2's deviation l: consistency ties 3's belief to 2's."""
    t = gt.ExtensiveFormGame(players=["1", "2", "3"])
    L, M, R = t.decision(t.root, "1", ["L", "M", "R"])
    t.terminal(L, [1, 1, 1])
    two, three = [], []
    for v in (M, R):
        l, r = t.decision(v, "2", ["l", "r"], infoset="2")
        t.terminal(r, [0, 0, 0])
        a, b = t.decision(l, "3", ["a", "b"], infoset="3")
        t.terminal(a, [0, 1, 0])
        t.terminal(b, [0, 0, 1])
        two.append(v)
        three.append(l)
    return t, two, three


def test_beliefs_after_a_common_deviation_must_agree():
    t, two, three = _structural()
    play = {"1": {0: "L"}, "2": {"2": "r"}, "3": {"3": "a"}}
    mu2 = {two[0]: F(1, 4), two[1]: F(3, 4)}
    assert gt.is_consistent(t, play, {"2": mu2, "3": {three[0]: F(1, 4), three[1]: F(3, 4)}})
    assert not gt.is_consistent(t, play, {"2": mu2, "3": {three[0]: F(1, 2), three[1]: F(1, 2)}})
    assert not gt.is_consistent(t, play, {"2": mu2, "3": {three[0]: 1, three[1]: 0}})
    # with 2 mixing, 3's belief is Bayes' rule on 2's belief (l equally likely at both nodes)
    mixed = {"1": {0: "L"}, "2": {"2": {"l": F(1, 2), "r": F(1, 2)}}, "3": {"3": "a"}}
    assert gt.is_consistent(t, mixed, {"2": mu2, "3": [F(1, 4), F(3, 4)]})
    assert not gt.is_consistent(t, mixed, {"2": mu2, "3": [F(3, 4), F(1, 4)]})


def test_a_second_deviation_is_infinitely_less_likely():
    # 1 stays out; after "in", 2 (a singleton) plays x; 3 cannot tell in-x from in-y:
    # in-y needs two deviations, so a consistent belief puts 0 on it
    t = gt.ExtensiveFormGame(players=["1", "2", "3"])
    out, enter = t.decision(t.root, "1", ["out", "in"])
    t.terminal(out, [0, 0, 0])
    x, y = t.decision(enter, "2", ["x", "y"])
    nodes = []
    for v in (x, y):
        a, b = t.decision(v, "3", ["a", "b"], infoset="3")
        t.terminal(a, [1, 1, 1])
        t.terminal(b, [0, 0, 0])
        nodes.append(v)
    play = {"1": {0: "out"}, "2": {enter: "x"}, "3": {"3": "a"}}
    assert gt.is_consistent(t, play, {"3": [1, 0]})
    assert not gt.is_consistent(t, play, {"3": [F(1, 2), F(1, 2)]})
    assert not gt.is_consistent(t, play, {"3": [0, 1]})
    assert gt.is_consistent(t, play, {"3": [1.0, 0.0]})


def test_prior_over_nature_must_survive_a_deviation():
    t = gt.ExtensiveFormGame(players=["1", "2"])
    t1, t2 = t.chance(t.root, ["t1", "t2"], [F(1, 3), F(2, 3)])
    nodes = []
    for v in (t1, t2):
        out, enter = t.decision(v, "1", ["out", "in"], infoset="1")
        t.terminal(out, [0, 0])
        a, b = t.decision(enter, "2", ["a", "b"], infoset="2")
        t.terminal(a, [1, 1])
        t.terminal(b, [-1, 0])
        nodes.append(enter)
    play = {"1": {"1": "out"}, "2": {"2": "a"}}
    assert gt.is_consistent(t, play, {"2": [F(1, 3), F(2, 3)]})
    assert not gt.is_consistent(t, play, {"2": [F(1, 2), F(1, 2)]})
    # floats: the same answers within tolerance
    assert gt.is_consistent(t, play, {"2": [1 / 3, 2 / 3]})
    assert not gt.is_consistent(t, play, {"2": [0.5, 0.5]})


def _signaling_tree(sg):
    t = gt.ExtensiveFormGame(players=["sender", "receiver"])
    kids = t.chance(t.root, list(sg.types), [sg.prior_of(x) for x in sg.types])
    where = {}
    for typ, v in zip(sg.types, kids):
        for m, u in zip(sg.messages, t.decision(v, "sender", list(sg.messages), infoset=f"type {typ}")):
            where[(typ, m)] = u
            for a, z in zip(sg.actions, t.decision(u, "receiver", list(sg.actions), infoset=f"after {m}")):
                t.terminal(z, [sg.sender_payoff(typ, m, a), sg.receiver_payoff(typ, m, a)])
    return t, where


def _beer_quiche():
    def sender(t, m, a):
        return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)

    def receiver(t, m, a):
        return 1 if (a == "fight") == (t == "weak") else 0

    return gt.SignalingGame(types=["weak", "strong"], prior=[F(1, 10), F(9, 10)], messages=["beer", "quiche"],
                            actions=["fight", "retreat"], sender_payoff=sender, receiver_payoff=receiver)


def test_every_pbe_of_beer_quiche_is_consistent():
    """The engine's PBE of a signaling game are sequential: off the path each type's deviation
    is its own action, so any belief is a limit (Fudenberg & Tirole 1991, 8.2)."""
    sg = _beer_quiche()
    t, where = _signaling_tree(sg)
    eqs = gt.perfect_bayesian_equilibria(sg)
    assert len(eqs) >= 2
    for eq in eqs:
        play = {"sender": {f"type {x}": eq.sender[x] for x in sg.types},
                "receiver": {f"after {m}": eq.receiver[m] for m in sg.messages}}
        beliefs = {f"after {m}": {where[(x, m)]: eq.beliefs[m][x] for x in sg.types} for m in sg.messages}
        assert gt.is_consistent(t, play, beliefs)
        on_path = set(eq.sender.values())
        m = next(iter(on_path))
        if len(on_path) == 1:  # pooling: the on-path belief is the prior, nothing else
            wrong = dict(beliefs, **{f"after {m}": {where[("weak", m)]: F(1, 2), where[("strong", m)]: F(1, 2)}})
            assert not gt.is_consistent(t, play, wrong)


def test_bad_beliefs_are_refused():
    t, _ = _horse()
    play = {"1": {0: "C"}, "2": {1: "c"}, "3": {"3": "R"}}
    with pytest.raises(gt.InvalidProfileError, match="does not reach"):
        gt.is_consistent(t, play, {})
    with pytest.raises(gt.InvalidProfileError, match="sum to"):
        gt.is_consistent(t, play, {"3": [F(1, 2), F(1, 3)]})
    with pytest.raises(gt.InvalidProfileError, match="negative"):
        gt.is_consistent(t, play, {"3": [F(3, 2), F(-1, 2)]})
    with pytest.raises(gt.InvalidProfileError, match="outside"):
        gt.is_consistent(t, play, {"3": {99: 1}})
    with pytest.raises(gt.InvalidGameError, match="ExtensiveFormGame"):
        gt.is_consistent(gt.NormalFormGame.from_bimatrix([[1]], [[1]]), play, {})


def _fully_mixed(t, weights):
    out = {p: {} for p in t.players}
    for h in t.infosets:
        out[t.players[h.player]][h.key] = {a: F(w, sum(weights[h.index])) for a, w in zip(h.actions, weights[h.index])}
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees(), st.data())
def test_fully_mixed_profiles_are_consistent_exactly_with_bayes(t, data):
    weights = {h.index: [data.draw(st.integers(1, 4)) for _ in h.actions] for h in t.infosets}
    play = _fully_mixed(t, weights)
    eq_probs = {}  # probability of reaching each node: Bayes' numerators
    for v in t.preorder():
        p = t.parent(v)
        if p is None:
            eq_probs[v] = F(1)
            continue
        j = t.children(p).index(v)
        if t.kind(p) == "chance":
            eq_probs[v] = eq_probs[p] * F(t.probs(p)[j])
        else:
            h = next(h for h in t.infosets if p in h.nodes)
            eq_probs[v] = eq_probs[p] * play[t.players[h.player]][h.key][h.actions[j]]
    beliefs = {}
    for h in t.infosets:
        if len(h.nodes) > 1:
            tot = sum(eq_probs[v] for v in h.nodes)
            beliefs[h.key] = {v: eq_probs[v] / tot for v in h.nodes}
    assert gt.is_consistent(t, play, beliefs)
    multi = [h for h in t.infosets if len(h.nodes) > 1 and len({beliefs[h.key][v] for v in h.nodes}) > 1]
    if multi:
        h = multi[0]
        vals = [beliefs[h.key][v] for v in h.nodes]
        wrong = dict(beliefs, **{h.key: dict(zip(h.nodes, vals[1:] + vals[:1]))})
        assert not gt.is_consistent(t, play, wrong)
