"""Normal form of trees, Kuhn's theorem, subgame perfection with imperfect information, threats."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings

import gametheory as gt
from gametheory.extensive import (
    behavior_to_mixed,
    mixed_to_behavior,
    non_credible_threats,
    subgame_perfect_equilibria,
    subgame_roots,
)
from gametheory.solvers.pure import pure_equilibria

from test_extensive_helpers import centipede, entry_game, imperfect_trees, pi_trees


def bos_after_outside_option(outside=F(3, 2), hh=(2, 1)):
    """Player 1 takes an outside option or plays battle of the sexes (1 moves first, 2 does not see it).

    The BoS subgame has equilibria (H,h) -> (2,1), (T,t) -> (1,2) and a mixed one: 1 plays H with
    2/3, 2 plays h with 1/3, worth 2/3 to player 1 (Osborne 2004, ch. 7 exercise on BoS with an
    outside option).
    """
    hh_pay = hh
    t = gt.ExtensiveFormGame(players=["1", "2"], title="BoS with outside option")
    out, inn = t.decision(t.root, "1", ["out", "in"])
    t.terminal(out, [outside, 0], label="out")
    H, T = t.decision(inn, "1", ["H", "T"])
    hh, ht = t.decision(H, "2", ["h", "t"], infoset="2 moves")
    th, tt = t.decision(T, "2", ["h", "t"], infoset="2 moves")
    t.terminal(hh, list(hh_pay), label="Hh")
    t.terminal(ht, [0, 0], label="Ht")
    t.terminal(th, [0, 0], label="Th")
    t.terminal(tt, [1, 2], label="Tt")
    return t, inn


def matching_pennies_after_entry():
    """Entrant stays out (payoff 0) or enters a matching-pennies fight worth 0 to it in
    expectation; ties at the root are enumerated: both 'out' and 'in' start an SPE."""
    t = gt.ExtensiveFormGame(players=["E", "I"])
    out, inn = t.decision(t.root, "E", ["out", "in"])
    t.terminal(out, [0, 3], label="out")
    h, tl = t.decision(inn, "E", ["H", "T"])
    for node, sign in ((h, 1), (tl, -1)):
        a, b = t.decision(node, "I", ["h", "t"], infoset="I")
        t.terminal(a, [sign, -sign])
        t.terminal(b, [-sign, sign])
    return t


# ---------------------------------------------------------------------- normal form
def test_entry_game_normal_form_and_threat():
    t = entry_game()
    g = t.to_normal_form()
    assert g.strategy_labels == (("out", "in"), ("fight", "accommodate"))
    assert g.payoffs[0].tolist() == [[0, 0], [-1, 1]]
    assert g.payoffs[1].tolist() == [[2, 2], [-1, 1]]
    pure = {e.pure_profile for e in pure_equilibria(g)}
    assert pure == {(0, 0), (1, 1)}
    (threat,) = non_credible_threats(t)
    assert threat.path == [("Entrant", "out")] and threat.outcome == "out"
    assert threat.strategy == {"Entrant": {0: "out"}, "Incumbent": {2: "fight"}}
    (d,) = threat.threats
    assert d["node"] == 2 and d["player"] == "Incumbent" and d["action"] == "fight"
    assert d["best_actions"] == ["accommodate"] and d["loss"] == 2
    assert "fight" in repr(threat)


def test_centipede_reduced_normal_form():
    t = centipede(4)
    g = t.to_normal_form()
    assert g.strategy_labels[0] == ("take/*", "pass/take", "pass/pass")
    assert g.strategy_labels[1] == ("take/*", "pass/take", "pass/pass")
    full = t.to_normal_form(reduced=False)
    assert full.shape == (4, 4)
    # every Nash equilibrium of the centipede ends at once (Rosenthal 1981) ...
    for e in pure_equilibria(g):
        assert e.payoffs == (4, 1)
    # ... and the one whose second mover passes later is propped up by nothing credible:
    assert all(th.outcome == "take1" for th in non_credible_threats(t))


def test_chain_of_threats_reports_the_deepest_non_best_reply():
    # 1: out or in; 2: fight or share; after share, 1: grab (hurts 2) or split
    t = gt.ExtensiveFormGame(players=["1", "2"])
    out, inn = t.decision(t.root, "1", ["out", "in"])
    t.terminal(out, [1, 5])
    fight, share = t.decision(inn, "2", ["fight", "share"])
    t.terminal(fight, [0, 0])
    grab, split = t.decision(share, "1", ["grab", "split"])
    t.terminal(grab, [4, 1])
    t.terminal(split, [3, 3])
    (spe,) = gt.backward_induction(t)
    assert spe.path == [("1", "in"), ("2", "share"), ("1", "grab")]
    threats = non_credible_threats(t)
    assert threats, "(out, fight) is a Nash equilibrium that is not subgame perfect"
    for th in threats:
        assert {d["action"] for d in th.threats} <= {"fight", "split"}
    assert any(th.outcome == out and th.threats[0]["action"] == "fight" for th in threats)


def test_normal_form_with_chance_is_expected_payoff():
    t = gt.ExtensiveFormGame(players=["1", "2"])
    x, y = t.chance(t.root, ["x", "y"], [F(1, 4), F(3, 4)])
    a, b = t.decision(x, "1", ["a", "b"], infoset="blind")
    c, d = t.decision(y, "1", ["a", "b"], infoset="blind")
    t.terminal(a, [4, 0])
    t.terminal(b, [0, 4])
    t.terminal(c, [0, 4])
    t.terminal(d, [4, 0])
    g = t.to_normal_form()
    assert g.strategy_labels == (("a", "b"), ("(no move)",))
    assert g.payoffs[0].tolist() == [[1], [3]]
    (e,) = subgame_perfect_equilibria(t)
    assert e.strategy["1"]["blind"] == "b" and e.payoffs == (3, 1)


def test_imperfect_recall_is_detected():
    # absent-minded-free forgetting: 1 forgets her own first move
    t = gt.ExtensiveFormGame(players=["1"])
    l, r = t.decision(t.root, "1", ["L", "R"])
    for v in (l, r):
        a, b = t.decision(v, "1", ["a", "b"], infoset="forgot")
        t.terminal(a, [1])
        t.terminal(b, [0])
    assert not t.has_perfect_recall()
    with pytest.raises(gt.InvalidGameError, match="imperfect recall"):
        t.check_perfect_recall()
    with pytest.raises(gt.InvalidGameError, match="imperfect recall"):
        subgame_perfect_equilibria(t)
    with pytest.raises(gt.InvalidGameError, match="imperfect recall"):
        behavior_to_mixed(t, {"1": {0: "L", "forgot": "a"}})
    # the normal form itself is still defined (strategies are choices per information set)
    assert t.to_normal_form().shape == (4,)


# ---------------------------------------------------------------------- subgame perfection
def test_spe_needs_the_mixed_bos_equilibrium():
    t, inn = bos_after_outside_option(F(3, 2))
    assert subgame_roots(t) == [0, inn]
    spes = subgame_perfect_equilibria(t)
    got = {(e.strategy["1"][0], str(e.strategy["1"][inn]), str(e.strategy["2"]["2 moves"]), e.payoffs) for e in spes}
    mixed = [e for e in spes if not e.is_pure]
    assert len(spes) == 3 and len(mixed) == 1
    m = mixed[0]
    assert m.behavior["1"][inn] == {"H": F(2, 3), "T": F(1, 3)}
    assert m.behavior["2"]["2 moves"] == {"h": F(1, 3), "t": F(2, 3)}
    assert m.outcome == "out" and m.payoffs == (F(3, 2), 0) and m.path == [("1", "out")]
    assert ("in", "H", "h", (2, 1)) in got and ("out", "T", "t", (F(3, 2), 0)) in got
    # the Nash equilibria of the whole normal form include non-SPE ones; every SPE is Nash
    g = t.to_normal_form()
    for e in spes:
        assert gt.is_equilibrium(g, behavior_to_mixed(t, e))


def test_spe_with_low_outside_option_enters_in_every_equilibrium_of_value_above():
    t, inn = bos_after_outside_option(F(1, 2))
    spes = subgame_perfect_equilibria(t)
    # outside option 1/2 < 2/3: even the mixed continuation makes entry optimal
    assert sorted(e.strategy["1"][0] for e in spes) == ["in", "in", "in"]
    mixed = [e for e in spes if not e.is_pure][0]
    assert mixed.payoffs == (F(2, 3), F(2, 3))
    assert mixed.terminal_probabilities == {"out": 0, "Hh": F(2, 9), "Ht": F(4, 9), "Th": F(1, 9), "Tt": F(2, 9)}
    assert mixed.outcome == {"Hh": F(2, 9), "Ht": F(4, 9), "Th": F(1, 9), "Tt": F(2, 9)}


def test_spe_with_matching_pennies_tie_at_the_root():
    t = matching_pennies_after_entry()
    spes = subgame_perfect_equilibria(t)
    assert sorted(e.strategy["E"][0] for e in spes) == ["in", "out"]
    for e in spes:
        assert e.behavior["I"]["I"] == {"h": F(1, 2), "t": F(1, 2)}
        assert e.payoffs[0] == 0


def test_spe_on_perfect_information_equals_backward_induction():
    t = entry_game()
    (e,) = subgame_perfect_equilibria(t)
    (b,) = gt.backward_induction(t)
    assert e.strategy == b.strategy and e.payoffs == b.payoffs


def test_three_player_tree_where_two_move_in_the_subgame():
    # 3 chooses to let 1 and 2 play matching pennies, or not; 3's payoff is 1's
    t = gt.ExtensiveFormGame(players=["1", "2", "3"])
    skip, play = t.decision(t.root, "3", ["skip", "play"])
    t.terminal(skip, [0, 0, F(1, 3)])
    H, T = t.decision(play, "1", ["H", "T"])
    for node, s in ((H, 1), (T, -1)):
        a, b = t.decision(node, "2", ["h", "t"], infoset="2")
        t.terminal(a, [s, -s, s + 1])
        t.terminal(b, [-s, s, -s + 1])
    (e,) = subgame_perfect_equilibria(t)
    assert e.strategy["3"][0] == "play" and e.payoffs == (0, 0, 1)


# ---------------------------------------------------------------------- Kuhn's theorem
def test_behavior_mixed_round_trip_on_bos():
    t, inn = bos_after_outside_option()
    beh = {"1": {0: {"out": F(1, 4), "in": F(3, 4)}, inn: {"H": F(1, 3), "T": F(2, 3)}}, "2": {"2 moves": {"h": F(1, 2), "t": F(1, 2)}}}
    mixed = behavior_to_mixed(t, beh)
    g = t.to_normal_form()
    assert g.strategy_labels[0] == ("out/*", "in/H", "in/T")
    assert mixed[0] == (F(1, 4), F(1, 4), F(1, 2))
    back = mixed_to_behavior(t, mixed)
    assert back.behavior["1"][inn] == {"H": F(1, 3), "T": F(2, 3)}
    assert back.behavior["1"][0] == {"out": F(1, 4), "in": F(3, 4)}
    assert back.payoffs == g.expected_payoffs(mixed)
    assert back.params["arbitrary_infosets"] == []
    # a strategy that never reaches an information set leaves it undetermined (reported)
    out_only = mixed_to_behavior(t, [[1, 0, 0], [F(1, 2), F(1, 2)]])
    assert out_only.params["arbitrary_infosets"] == [inn]


def test_behavior_profile_errors():
    t, inn = bos_after_outside_option()
    with pytest.raises(gt.InvalidProfileError, match="no choice"):
        behavior_to_mixed(t, {"1": {0: "out"}, "2": {"2 moves": "h"}})
    with pytest.raises(gt.InvalidProfileError, match="not an action"):
        behavior_to_mixed(t, {"1": {0: "stay", inn: "H"}, "2": {"2 moves": "h"}})
    with pytest.raises(gt.InvalidProfileError, match="sum to"):
        behavior_to_mixed(t, {"1": {0: {"out": F(1, 2)}, inn: "H"}, "2": {"2 moves": "h"}})
    with pytest.raises(gt.InvalidProfileError):
        mixed_to_behavior(t, [[1, 0], [1, 0]])


@given(pi_trees(max_players=2))
def test_every_spe_is_a_nash_equilibrium_of_the_normal_form(t):
    g = t.to_normal_form()
    pure = {e.pure_profile for e in pure_equilibria(g)}
    for e in gt.backward_induction(t, limit=None):
        mixed = behavior_to_mixed(t, e)
        assert all(sum(m) == 1 for m in mixed)
        prof = tuple(m.index(1) for m in mixed)  # a pure SPE induces a pure reduced strategy
        assert prof in pure
        assert g.pure_payoffs(prof) == e.payoffs
        # Kuhn: the behavior recovered from the mixed profile reaches the same terminals
        back = mixed_to_behavior(t, mixed)
        assert back.terminal_probabilities == e.terminal_probabilities


@given(pi_trees(max_players=3))
@settings(max_examples=40)
def test_non_credible_threats_are_exactly_nash_minus_spe(t):
    g = t.to_normal_form()
    spe_profiles = set()
    for e in gt.backward_induction(t, limit=None):
        mixed = behavior_to_mixed(t, e)
        spe_profiles.add(tuple(m.index(1) for m in mixed))
    nash = {e.pure_profile for e in pure_equilibria(g)}
    threats = non_credible_threats(t)
    got = {th.equilibrium.pure_profile for th in threats}
    assert got == nash - spe_profiles
    for th in threats:
        for d in th.threats:
            assert d["loss"] > 0 and d["action"] not in d["best_actions"]


def test_full_and_reduced_forms_agree_on_pure_equilibrium_outcomes():
    t = centipede(3)
    full, red = t.to_normal_form(reduced=False), t.to_normal_form()
    pay_full = {e.payoffs for e in pure_equilibria(full)}
    pay_red = {e.payoffs for e in pure_equilibria(red)}
    assert pay_full == pay_red == {(4, 1)}


def test_too_many_strategies_is_an_error():
    t = gt.complete_tree(2, 5, np.zeros((32, 1), dtype=np.int64)) if hasattr(gt, "complete_tree") else None
    from gametheory.extensive import complete_tree

    t = complete_tree(2, 5, np.zeros((32, 1), dtype=np.int64), movers=[0, 0, 0, 0, 0])
    with pytest.raises(gt.SolverError, match="max_strategies"):
        t.to_normal_form(reduced=False, max_strategies=1000)
    assert t.to_normal_form(reduced=True).shape == (32,)


@given(imperfect_trees())
@settings(max_examples=30)
def test_spe_are_nash_in_every_subgame(t):
    """Each composed SPE is an exact Nash equilibrium of the whole game's reduced normal form and,
    restricted to every proper subgame, of that subgame's normal form (Selten 1965)."""
    import warnings

    from gametheory.extensive._normal import _normal_form_data

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate subgames: extreme equilibria, as documented
        spes = subgame_perfect_equilibria(t)
    assert spes
    g = t.to_normal_form()
    # each subgame's normal form, built once (not once per equilibrium)
    subgames = [(r, _normal_form_data(t, root=r, reduced=True, movers_only=True)) for r in subgame_roots(t) if _has_moves(t, r)]
    for e in spes:
        assert e.exact
        mixed = behavior_to_mixed(t, e)
        assert gt.is_equilibrium(g, mixed)
        assert g.expected_payoffs(mixed) == e.payoffs
        assert sum(e.terminal_probabilities.values()) == 1
        for r, data in subgames:
            sub = []
            for a, _ in enumerate(data.players):
                vec = []
                for s in data.strategies[a]:
                    p = F(1)
                    for h, act in zip(data.infosets[a], s):
                        if act != -1:
                            p *= e.infoset_probs(h)[act]
                    vec.append(p)
                sub.append(vec)
            assert gt.is_equilibrium(data.game, sub), f"not a Nash equilibrium in the subgame at node {r}"


def _has_moves(t, r):
    stack = [r]
    while stack:
        v = stack.pop()
        if t.kind(v) == "decision":
            return True
        stack.extend(t.children(v))
    return False


@given(imperfect_trees(payoff_max=3))
@settings(max_examples=30)
def test_non_credible_threats_imperfect_information_match_subgame_perfection(t):
    """Pure Nash equilibria flagged as non-credible are exactly those whose reduced profile no
    (pure) subgame-perfect equilibrium induces."""
    import warnings

    g = t.to_normal_form()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spes = subgame_perfect_equilibria(t)
    spe_pure = set()
    for e in spes:
        mixed = behavior_to_mixed(t, e)
        if all(sorted(m)[-1] == 1 for m in mixed):
            spe_pure.add(tuple(m.index(1) for m in mixed))
    nash = {e.pure_profile for e in pure_equilibria(g)}
    threats = non_credible_threats(t)
    assert {th.equilibrium.pure_profile for th in threats} == nash - spe_pure
    for th in threats:
        assert th.threats and all(d["loss"] > 0 for d in th.threats)


def test_non_credible_threat_in_a_simultaneous_move_subgame():
    # entrant: out, or in and then a simultaneous game where fighting (F) is strictly dominated
    t = gt.ExtensiveFormGame(players=["E", "I"])
    out, inn = t.decision(t.root, "E", ["out", "in"])
    t.terminal(out, [0, 2], label="out")
    a, b = t.decision(inn, "E", ["a", "b"])
    for node, pays in ((a, [(-1, -1), (1, 1)]), (b, [(-2, -1), (0, 0)])):
        f, acc = t.decision(node, "I", ["F", "A"], infoset="I")
        t.terminal(f, list(pays[0]))
        t.terminal(acc, list(pays[1]))
    (th,) = non_credible_threats(t)
    assert th.outcome == "out" and th.strategy == {"E": {0: "out"}, "I": {"I": "F"}}
    assert th.threats == [{"node": inn, "player": "I", "infoset": "I", "action": "F", "best_actions": ["A"], "loss": 2}]
    (spe,) = subgame_perfect_equilibria(t)
    assert spe.path == [("E", "in"), ("E", "a"), ("I", "A")]


def test_threat_check_allows_a_mixed_completion_off_the_path():
    # (Out, c0) is subgame perfect only with player 1 mixing r0/r1 half-half after In (which her own
    # Out excludes): no pure completion makes c0 a best reply, yet a subgame-perfect equilibrium exists
    t = gt.ExtensiveFormGame(players=["1", "2"])
    out, inn = t.decision(t.root, "1", ["Out", "In"])
    t.terminal(out, [2, 0])
    rows = t.decision(inn, "1", ["r0", "r1"])
    p2 = {0: [0, 1, -2], 1: [0, -2, 1]}
    for k, r in enumerate(rows):
        for j, z in enumerate(t.decision(r, "2", ["c0", "c1", "c2"], infoset="h")):
            t.terminal(z, [1 if j == 0 else 0, p2[k][j]])
    g = t.to_normal_form()
    out_c0 = (g.strategy_labels[0].index("Out/*"), g.strategy_labels[1].index("c0"))
    assert out_c0 in {e.pure_profile for e in pure_equilibria(g)}
    spes = subgame_perfect_equilibria(t)
    h = next(info.index for info in t.infosets if info.key == "h")
    assert any(e.path == [("1", "Out")] and e.infoset_probs(h)[0] == 1 for e in spes)
    assert out_c0 not in {th.equilibrium.pure_profile for th in non_credible_threats(t)}
