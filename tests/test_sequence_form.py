"""gt.sequence_form: the sequence-form LP (zero-sum) and Lemke's algorithm on the sequence-form
LCP (general-sum) for two-player trees with perfect recall (Koller, Megiddo & von Stengel 1996).

Oracles: Kuhn poker's known value -1/18; the reduced normal form of the same tree (same value
for zero-sum games; the LCP's behavior profile, as a mixed profile, has exact regret 0 there);
pygambit 16.7's lp_solve / lcp_solve on random trees and on Gambit's catalogue files."""

from __future__ import annotations

import glob
import io
import os
from fractions import Fraction as F

import pygambit as gbt
import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from pygambit_oracle import run_oracle

import gametheory as gt
from gametheory.extensive import leduc_poker
from gametheory.io.gambit import format_efg


# ---------------------------------------------------------------------- random trees
@st.composite
def recall_trees(draw, zero_sum: bool = False, chance: bool = True, max_nodes: int = 40, floats: bool = False):
    """Two-player trees with chance and perfect recall: a new decision node joins an information
    set of its player that has the same own history and number of actions, or starts one."""
    t = gt.ExtensiveFormGame(players=["1", "2"])
    sets: dict[tuple, list] = {}
    count = [0]

    def pay():
        if floats:
            u = draw(st.floats(-4, 4, allow_nan=False).map(lambda v: round(v, 3)))
            w = -u if zero_sum else draw(st.floats(-4, 4, allow_nan=False).map(lambda v: round(v, 3)))
        else:
            u = draw(st.integers(-4, 4))
            w = -u if zero_sum else draw(st.integers(-4, 4))
        return [u, w]

    stack = [(t.root, 0, ((), ()))]
    while stack:
        v, depth, hist = stack.pop()
        if depth >= 4 or t.n_nodes >= max_nodes or (depth > 0 and draw(st.integers(0, 3)) == 0):
            t.terminal(v, pay())
            continue
        kinds = ["1", "2", "c"] if chance else ["1", "2"]
        kind = draw(st.sampled_from(kinds))
        k = draw(st.integers(2, 3))
        acts = [f"a{j}" for j in range(k)]
        if kind == "c":
            w = [draw(st.integers(1, 3)) for _ in range(k)]
            kids = t.chance(v, acts, [F(x, sum(w)) for x in w])
            for u in kids:
                stack.append((u, depth + 1, hist))
            continue
        i = int(kind) - 1
        key = (i, hist[i], k)
        known = sets.setdefault(key, [])
        pick = draw(st.integers(0, len(known)))
        if pick == len(known):
            count[0] += 1
            known.append(f"{kind}.{count[0]}")
        label = known[pick]
        kids = t.decision(v, kind, acts, infoset=label)
        for j, u in enumerate(kids):
            h = list(hist)
            h[i] = hist[i] + ((label, j),)
            stack.append((u, depth + 1, tuple(h)))
    return t


def _nf_regret(t, eq):
    nf = t.to_normal_form()
    return gt.regret(nf, gt.behavior_to_mixed(t, eq.behavior))


# ---------------------------------------------------------------------- Kuhn poker
@pytest.mark.parametrize("method", ["auto", "lp", "lcp"])
def test_kuhn_poker_value_is_minus_one_eighteenth(method):
    eqs = gt.sequence_form(gt.kuhn_poker(), method=method)
    assert len(eqs) == 1 and eqs.complete is False and eqs.exact
    eq = eqs[0]
    assert eq.payoffs == (F(-1, 18), F(1, 18))
    assert eq.method == ("sequence-form lcp" if method == "lcp" else "sequence-form lp")
    assert all(isinstance(p, F) for probs in eq.behavior_by_infoset.values() for p in probs)
    assert _nf_regret(gt.kuhn_poker(), eq) == (0, 0)
    if method != "lcp":
        assert eq.params["value"] == F(-1, 18)


def test_kuhn_poker_result_follows_the_result_convention():
    eq = gt.sequence_form(gt.kuhn_poker())[0]
    row = eq.to_row()
    assert row["payoff P1"] == F(-1, 18) and row["method"] == "sequence-form lp" and row["exact"] is True
    # P2 with the king always bets after a check and calls a bet, in every equilibrium
    assert row["P2 at P2 K check"] == "bet" and row["P2 at P2 K bet"] == "call"
    assert eq.game is not None and eq.tol == 0.0


def test_kuhn_poker_float_game_gives_float_result():
    from gametheory.io.gambit import parse_efg

    tf = parse_efg(format_efg(gt.kuhn_poker()), exact=False)  # the same tree, float payoffs
    eq = gt.sequence_form(tf)[0]
    assert not eq.exact and abs(eq.payoffs[0] - (-1 / 18)) < 1e-9
    eq2 = gt.sequence_form(tf, method="lcp")[0]
    assert abs(eq2.payoffs[0] - (-1 / 18)) < 1e-9


def test_leduc_hold_em_is_solved_exactly():
    t = leduc_poker()
    eq = gt.sequence_form(t)[0]
    v = eq.params["value"]
    assert isinstance(v, F) and eq.payoffs == (v, -v)
    # the value is the published -0.0856 (Southey et al. 2005 report -0.08560)
    assert abs(float(v) + 0.0856064) < 1e-6
    # the float LP on the same tree agrees
    from gametheory.io.gambit import parse_efg

    ef = gt.sequence_form(parse_efg(format_efg(t), exact=False))[0]
    assert abs(ef.payoffs[0] - float(v)) < 1e-9


# ---------------------------------------------------------------------- errors
def test_refuses_what_it_cannot_solve():
    three = gt.ExtensiveFormGame(players=3)
    a, b = three.decision(three.root, "P1", ["l", "r"])
    three.terminal(a, [1, 0, 0])
    three.terminal(b, [0, 1, 0])
    with pytest.raises(gt.InvalidGameError, match="two-player"):
        gt.sequence_form(three)
    forget = gt.ExtensiveFormGame(players=["1", "2"])
    l, r = forget.decision(forget.root, "1", ["l", "r"])
    for v in (l, r):
        x, y = forget.decision(v, "1", ["x", "y"], infoset="forgot")
        forget.terminal(x, [1, 0])
        forget.terminal(y, [0, 1])
    with pytest.raises(gt.InvalidGameError, match="imperfect recall"):
        gt.sequence_form(forget)
    with pytest.raises(gt.InvalidGameError, match="ExtensiveFormGame"):
        gt.sequence_form(gt.NormalFormGame.from_bimatrix([[1]], [[1]]))
    with pytest.raises(gt.InvalidGameError, match="method"):
        gt.sequence_form(gt.kuhn_poker(), method="simplex")
    pd = gt.ExtensiveFormGame(players=["1", "2"])
    c, d = pd.decision(pd.root, "1", ["c", "d"])
    for v, pays in ((c, ([3, 3], [0, 4])), (d, ([4, 0], [1, 1]))):
        x, y = pd.decision(v, "2", ["c", "d"], infoset="2")
        pd.terminal(x, pays[0])
        pd.terminal(y, pays[1])
    with pytest.raises(gt.InvalidGameError, match="zero-sum"):
        gt.sequence_form(pd, method="lp")
    eq = gt.sequence_form(pd)[0]
    assert eq.payoffs == (1, 1) and eq.method == "sequence-form lcp"
    with pytest.raises(gt.InvalidGameError, match="max_iter"):
        gt.sequence_form(pd, max_iter=0)


# ---------------------------------------------------------------------- reduced normal form oracle
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees(zero_sum=True))
def test_zero_sum_value_equals_the_reduced_normal_form_value(t):
    eq = gt.sequence_form(t)[0]
    assert eq.method == "sequence-form lp"
    nf_eq = gt.lemke_howson(t.to_normal_form(), initial_label=0)[0]
    assert eq.payoffs[0] == nf_eq.payoffs[0] == eq.params["value"]
    assert _nf_regret(t, eq) == (0, 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees())
def test_lcp_equilibrium_is_an_equilibrium_of_the_reduced_normal_form(t):
    eq = gt.sequence_form(t, method="lcp")[0]
    mixed = gt.behavior_to_mixed(t, eq.behavior)
    nf = t.to_normal_form()
    assert gt.regret(nf, mixed) == (0, 0)
    # realization equivalent: the mixed profile has the behavior profile's payoffs
    assert nf.expected_payoffs(mixed) == eq.payoffs


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees(floats=True))
def test_float_trees_give_equilibria_within_tolerance(t):
    eq = gt.sequence_form(t)[0]
    assert not eq.exact
    reg = _nf_regret(t, eq)
    assert all(r <= tol for r, tol in zip(reg, t.tols))


# ---------------------------------------------------------------------- pygambit oracle
def _path(t, v):
    out = []
    while v != t.root:
        p = t.parent(v)
        out.append(t.actions(p)[t.children(p).index(v)])
        v = p
    return tuple(reversed(out))


def _by_members(t, eq):
    """Our behavior keyed by the set of member nodes' action paths (pygambit relabels sets)."""
    return {frozenset(_path(t, v) for v in h.nodes): tuple(eq.infoset_probs(h.index)) for h in t.infosets}


def _gambit_path(node):
    out = []
    while node.parent is not None:
        out.append(node.prior_action.label)
        node = node.parent
    return tuple(reversed(out))


def _gambit_run(efg_text, probs, zero_sum):
    """In a child process: our profile's max regret in pygambit, and pygambit's own solution."""
    g = gbt.read_efg(io.StringIO(efg_text))
    prof = g.mixed_behavior_profile(rational=True)
    for infoset in g.infosets:
        ours = probs[frozenset(_gambit_path(n) for n in infoset.members)]
        for a, p in zip(infoset.actions, ours):
            prof[a] = gbt.Rational(p.numerator, p.denominator)
    our_regret = str(prof.max_regret())

    def is_profile(p):
        return all(sum(p[a] for a in i.actions) == 1 for i in g.infosets)

    # pygambit 16.7's lp_solve can return all-zero "strategies" (seen when every leaf pays the
    # same): not a profile.  Then its lcp_solve answers (every equilibrium of a zero-sum game
    # has the value); the last entry says which solver answered.
    which = "lp" if zero_sum else "lcp"
    theirs = (gbt.nash.lp_solve if zero_sum else gbt.nash.lcp_solve)(g, rational=True, use_strategic=False).equilibria[0]
    if not is_profile(theirs):
        which = "lcp"
        theirs = gbt.nash.lcp_solve(g, rational=True, use_strategic=False).equilibria[0]
    return str(theirs.payoff(list(g.players)[0])), our_regret, str(theirs.max_regret()), which


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees(zero_sum=True), st.booleans())
def test_matches_pygambit_on_random_trees(t, zero_sum_method):
    method = "lp" if zero_sum_method else "lcp"
    eq = gt.sequence_form(t, method=method)[0]
    text = format_efg(t)
    note(text)
    their_value, our_regret, their_regret, which = run_oracle(_gambit_run, text, _by_members(t, eq), True)
    event(f"pygambit answered with {which}_solve")
    assert F(our_regret) == 0 and F(their_regret) == 0
    assert F(their_value) == eq.payoffs[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recall_trees())
def test_general_sum_equilibrium_has_zero_regret_in_pygambit(t):
    eq = gt.sequence_form(t)[0]
    _, our_regret, their_regret, _ = run_oracle(_gambit_run, format_efg(t), _by_members(t, eq), False)
    assert F(our_regret) == 0 and F(their_regret) == 0  # lcp_solve's profile: an equilibrium too


CATALOG = sorted(glob.glob(os.path.join(os.path.dirname(gbt.__file__), "catalog_data", "**", "*.efg"), recursive=True))


def _two_player_recall(path):
    t = gt.read_gambit(path)
    return t if t.n_players == 2 and t.has_perfect_recall() else None


@pytest.mark.parametrize("path", CATALOG, ids=[p.split("catalog_data")[-1] for p in CATALOG])
def test_gambit_catalogue_games(path):
    t = _two_player_recall(path)
    if t is None:
        with pytest.raises(gt.InvalidGameError):
            gt.sequence_form(gt.read_gambit(path))
        return
    eq = gt.sequence_form(t)[0]
    zero_sum = eq.method == "sequence-form lp"
    their_value, our_regret, their_regret, _ = run_oracle(_gambit_run, format_efg(t), _by_members(t, eq), zero_sum)
    assert F(our_regret) == 0 and F(their_regret) == 0
    if zero_sum:
        assert F(their_value) == eq.payoffs[0]
    assert _nf_regret(t, eq) == (0, 0)


def test_trees_where_a_player_never_moves():
    t = gt.ExtensiveFormGame(players=["a", "b"])
    t.terminal(t.root, [1, 2])
    assert gt.sequence_form(t)[0].payoffs == (1, 2)
    t = gt.ExtensiveFormGame(players=["a", "b"])
    h, tails = t.chance(t.root, ["h", "t"], [F(1, 2), F(1, 2)])
    t.terminal(h, [1, -1])
    t.terminal(tails, [3, -3])
    assert gt.sequence_form(t)[0].payoffs == gt.sequence_form(t, method="lcp")[0].payoffs == (2, -2)
    t = gt.ExtensiveFormGame(players=["a", "b"])
    x, y = t.decision(t.root, "a", ["l", "r"])
    t.terminal(x, [1, 0])
    t.terminal(y, [3, 5])
    eq = gt.sequence_form(t)[0]
    assert eq.payoffs == (3, 5) and eq.strategies["a"]["root"] == "r"
