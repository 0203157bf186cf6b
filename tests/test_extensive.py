"""Game-tree builder, validation and backward induction (all pure SPE)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.extensive import complete_tree, count_subgame_perfect

from test_extensive_helpers import brute_force_spe, centipede, entry_game, pi_trees


# ---------------------------------------------------------------------- textbook results
def test_entry_game_spe_is_enter_accommodate():
    (e,) = gt.backward_induction(entry_game())
    assert e.strategy == {"Entrant": {0: "in"}, "Incumbent": {2: "accommodate"}}
    assert e.path == [("Entrant", "in"), ("Incumbent", "accommodate")]
    assert e.outcome == "accommodate"
    assert e.payoffs == (1, 1) and all(isinstance(x, F) for x in e.payoffs)
    assert e.terminal_probabilities == {"out": 0, "fight": 0, "accommodate": 1}
    assert e.exact and e.tol == 0


@pytest.mark.parametrize("rounds", [1, 2, 5, 8])
def test_centipede_takes_at_once(rounds):
    (e,) = gt.backward_induction(centipede(rounds))
    assert e.path == [("A", "take")]
    assert e.outcome == "take1"
    assert e.payoffs == (4, 1)
    # off the path every mover takes too (Rosenthal 1981)
    assert set(e.strategy["A"].values()) == {"take"}
    assert set(e.strategy.get("B", {}).values()) <= {"take"}


def test_ties_enumerate_two_spe():
    t = gt.ExtensiveFormGame(players=["1", "2"])
    left, right = t.decision(t.root, "1", ["L", "R"])
    t.terminal(left, [1, 0], label="L")
    a, b = t.decision(right, "2", ["a", "b"])
    t.terminal(a, [2, 1], label="Ra")
    t.terminal(b, [0, 1], label="Rb")
    spes = gt.backward_induction(t)
    got = {(e.strategy["1"][0], e.strategy["2"][right], e.outcome, e.payoffs) for e in spes}
    assert got == {("R", "a", "Ra", (2, 1)), ("L", "b", "L", (1, 0))}
    assert count_subgame_perfect(t) == 2


def test_ties_multiply_across_independent_subgames():
    # three independent indifferent movers after a chance move: 2*2*2 SPE
    t = gt.ExtensiveFormGame(players=["1", "2", "3"])
    kids = t.chance(t.root, ["x", "y", "z"], [F(1, 3)] * 3)
    for i, v in enumerate(kids):
        a, b = t.decision(v, i, ["a", "b"])
        t.terminal(a, [1, 1, 1])
        t.terminal(b, [1, 1, 1])
    assert len(gt.backward_induction(t)) == 8
    assert count_subgame_perfect(t) == 8


def test_limit_guards_explosion():
    t = complete_tree(2, 12, np.zeros((2**12, 2), dtype=np.int64))  # every node tied: 2^(2^12-1) SPE
    with pytest.raises(gt.SolverError, match="subgame-perfect equilibria"):
        gt.backward_induction(t)
    assert count_subgame_perfect(complete_tree(2, 3, np.zeros((8, 2), dtype=np.int64))) == 2**7


def test_chance_nodes_exact_expectations():
    # nature picks a hard (1/3) or soft (2/3) defender; the challenger sees it
    t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    hard, soft = t.chance(t.root, ["hard", "soft"], [F(1, 3), F(2, 3)])
    for node, war in ((hard, -2), (soft, 1)):
        sq, ch = t.decision(node, "Challenger", ["status quo", "challenge"])
        t.terminal(sq, [0, 1], label=f"SQ|{'hard' if node == hard else 'soft'}")
        t.terminal(ch, [war, -1], label=f"challenge|{'hard' if node == hard else 'soft'}")
    (e,) = gt.backward_induction(t)
    assert e.strategy["Challenger"] == {hard: "status quo", soft: "challenge"}
    assert e.payoffs == (F(2, 3), F(-1, 3))
    assert e.outcome == {"SQ|hard": F(1, 3), "challenge|soft": F(2, 3)}
    assert e.terminal_probabilities["challenge|hard"] == 0
    assert e.path == [("Challenger", "status quo"), ("Challenger", "challenge")]


def test_chance_ties_downstream_change_expectation():
    # an indifferent mover after a chance move changes the other player's expected payoff upstream
    t = gt.ExtensiveFormGame(players=["1", "2"])
    stop, go = t.decision(t.root, "1", ["stop", "go"])
    t.terminal(stop, [F(1, 2), 0])
    x, y = t.chance(go, ["x", "y"], [F(1, 2), F(1, 2)])
    a, b = t.decision(x, "2", ["a", "b"])
    t.terminal(a, [1, 0])
    t.terminal(b, [0, 0])
    t.terminal(y, [0, 0])
    spes = gt.backward_induction(t)
    got = sorted((e.strategy["1"][0], e.strategy["2"][x], e.payoffs) for e in spes)
    # go gives 1/2 (tie with stop) if 2 plays a, 0 if b
    assert got == [("go", "a", (F(1, 2), 0)), ("stop", "a", (F(1, 2), 0)), ("stop", "b", (F(1, 2), 0))]


def test_float_game_tolerance_ties():
    t = gt.ExtensiveFormGame(players=["1", "2"])
    a, b = t.decision(t.root, "1", ["a", "b"])
    t.terminal(a, [0.1 + 0.2, 0.0])
    t.terminal(b, [0.3, 1.0])
    assert not t.exact
    spes = gt.backward_induction(t)
    assert len(spes) == 2 and all(isinstance(x, float) for e in spes for x in e.payoffs)


def test_infoset_labels_are_strategy_keys_and_repr():
    t = entry_game()
    (e,) = gt.backward_induction(t)
    assert "accommodate" in repr(e) and "<table>" in e._repr_html_()
    assert "Entrant" in t._repr_html_() and "perfect information" in repr(t)


def test_one_player_tree_and_single_node():
    t = gt.ExtensiveFormGame(players=["solo"])
    t.terminal(t.root, [5])
    (e,) = gt.backward_induction(t)
    assert e.payoffs == (5,) and e.path == [] and e.outcome == 0


# ---------------------------------------------------------------------- bulk trees
def test_complete_tree_matches_builder():
    rng = np.random.default_rng(1)
    U = rng.integers(-5, 6, size=(27, 2))
    bulk = complete_tree(3, 3, U)
    t = gt.ExtensiveFormGame(players=2)
    leaves = []

    def grow(v, d):
        if d == 3:
            leaves.append(v)
            return
        for u in t.decision(v, d % 2, ["a1", "a2", "a3"]):
            grow(u, d + 1)

    grow(t.root, 0)
    # builder leaves come in depth-first order; bulk leaves are breadth-first, which for a complete
    # tree is the same left-to-right order
    for v, row in zip(leaves, U):
        t.terminal(v, list(row))
    a, b = gt.backward_induction(bulk, limit=None), gt.backward_induction(t, limit=None)
    assert sorted(e.payoffs for e in a) == sorted(e.payoffs for e in b)
    assert sorted(tuple(a2 for _, a2 in e.path) for e in a) == sorted(tuple(a2 for _, a2 in e.path) for e in b)


def test_from_arrays_with_chance_and_float():
    parent = np.array([-1, 0, 0, 1, 1, 2, 2])
    player = np.array([-1, 0, 1, -1, -1, -1, -1])
    U = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 1.0], [2.0, 5.0]])
    probs = np.array([1, 0.25, 0.75, 1, 1, 1, 1])
    t = gt.ExtensiveFormGame.from_arrays(parent, player, U, probs=probs)
    (e,) = gt.backward_induction(t)
    assert e.payoffs == pytest.approx((0.25 * 1.0 + 0.75 * 2.0, 0.25 * 0.0 + 0.75 * 5.0))


def test_from_arrays_exact_with_fraction_probs():
    parent = np.array([-1, 0, 0])
    player = np.array([-1, -1, -1])
    probs = np.array([1, F(1, 3), F(2, 3)], dtype=object)
    t = gt.ExtensiveFormGame.from_arrays(parent, player, np.array([[3], [6]]), probs=probs)
    assert t.exact
    (e,) = gt.backward_induction(t)
    assert e.payoffs == (F(5),)


@pytest.mark.parametrize(
    "parent,player,U,probs,msg",
    [
        ([0, 0], [0, -1], [[1]], None, "parent\\[0\\] must be -1"),
        ([-1, 0, 2], [0, -1, -1], [[1], [2]], None, "smaller id"),
        ([-1, 0, 1, 0], [0, 0, -1, -1], [[1], [2]], None, "consecutively"),
        ([-1, 0, 0], [5, -1, -1], [[1], [2]], None, "unknown player"),
        ([-1, 0, 0], [-1, -1, -1], [[1], [2]], None, "no probs"),
        ([-1, 0, 0], [-1, -1, -1], [[1], [2]], [1, 0.5, 0.6], "sum to"),
        ([-1, 0, 0], [-1, -1, -1], [[1], [2]], [1, -0.5, 1.5], "negative"),
        ([-1, 0, 0], [0, -1, -1], [[1]], None, "rows"),
    ],
)
def test_from_arrays_bad_input(parent, player, U, probs, msg):
    with pytest.raises(gt.InvalidGameError, match=msg):
        gt.ExtensiveFormGame.from_arrays(np.array(parent), np.array(player), np.array(U), probs=None if probs is None else np.array(probs))


# ---------------------------------------------------------------------- validation of the builder
def _two_player():
    return gt.ExtensiveFormGame(players=["A", "B"])


def test_bad_chance_probabilities():
    t = _two_player()
    with pytest.raises(gt.InvalidGameError, match="sum to 5/6"):
        t.chance(t.root, ["x", "y"], [F(1, 2), F(1, 3)])
    with pytest.raises(gt.InvalidGameError, match="negative"):
        t.chance(t.root, ["x", "y"], [F(3, 2), F(-1, 2)])
    with pytest.raises(gt.InvalidGameError, match="tolerance"):
        t.chance(t.root, ["x", "y"], [0.5, 0.49])
    with pytest.raises(gt.InvalidGameError, match="2 actions but 3"):
        t.chance(t.root, ["x", "y"], [F(1, 3)] * 3)
    t.chance(t.root, ["x", "y"], [0.5, 0.5 + 1e-12])  # within the float tolerance


def test_infoset_with_different_actions_or_players():
    t = _two_player()
    a, b = t.decision(t.root, "A", ["l", "r"])
    t.decision(a, "B", ["x", "y"], infoset="h")
    with pytest.raises(gt.InvalidGameError, match="same actions"):
        t.decision(b, "B", ["x", "z"], infoset="h")
    with pytest.raises(gt.InvalidGameError, match="belongs to 'B'"):
        t.decision(b, "A", ["x", "y"], infoset="h")


def test_infoset_node_preceding_another_is_absent_minded_imperfect_recall():
    # absent-mindedness (Piccione & Rubinstein 1997) is a valid tree with imperfect recall
    t = _two_player()
    a, b = t.decision(t.root, "B", ["x", "y"], infoset="h")
    t.decision(a, "B", ["x", "y"], infoset="h")
    for v in (b, *t.children(a)):
        t.terminal(v, [0, 1])
    assert [h.nodes for h in t.infosets] == [(0, 1)]
    assert not t.has_perfect_recall()
    with pytest.raises(gt.InvalidGameError, match="imperfect recall"):
        t.check_perfect_recall()


def test_missing_payoffs_wrong_length_unknown_player_terminal_children():
    t = _two_player()
    a, b = t.decision(t.root, "A", ["l", "r"])
    t.terminal(a, [1, 2])
    with pytest.raises(gt.InvalidGameError, match="no payoffs"):
        t.validate()
    with pytest.raises(gt.InvalidGameError, match="no payoffs"):
        gt.backward_induction(t)
    with pytest.raises(gt.InvalidGameError, match="3 entries"):
        t.terminal(b, [1, 2, 3])
    with pytest.raises(gt.InvalidGameError, match="unknown player 'C'"):
        t.decision(b, "C", ["x"])
    with pytest.raises(gt.InvalidGameError, match="unknown player index 2"):
        t.decision(b, 2, ["x"])
    with pytest.raises(gt.InvalidGameError, match="terminal node"):
        t.decision(a, "B", ["x"])
    with pytest.raises(gt.InvalidGameError, match="already a decision node"):
        t.decision(t.root, "B", ["x"])
    with pytest.raises(gt.InvalidGameError, match="does not exist"):
        t.terminal(99, [1, 2])


def test_bad_payload_values():
    t = _two_player()
    with pytest.raises(gt.InvalidGameError, match="not a finite number"):
        t.terminal(t.root, [float("nan"), 1])
    with pytest.raises(gt.InvalidGameError, match="not a real number"):
        t.terminal(t.root, ["x", 1])
    with pytest.raises(gt.InvalidGameError, match="distinct"):
        t.decision(t.root, "A", ["x", "x"])
    with pytest.raises(gt.InvalidGameError, match="at least one action"):
        t.decision(t.root, "A", [])
    with pytest.raises(gt.InvalidGameError, match="at least one player"):
        gt.ExtensiveFormGame(players=[])
    with pytest.raises(gt.InvalidGameError, match="distinct"):
        gt.ExtensiveFormGame(players=["a", "a"])


def test_backward_induction_rejects_imperfect_information_and_bad_limit():
    t = _two_player()
    a, b = t.decision(t.root, "A", ["l", "r"])
    for v in (a, b):
        x, y = t.decision(v, "B", ["x", "y"], infoset="h")
        t.terminal(x, [1, 0])
        t.terminal(y, [0, 1])
    with pytest.raises(gt.InvalidGameError, match="subgame_perfect_equilibria"):
        gt.backward_induction(t)
    with pytest.raises(gt.InvalidGameError, match="limit"):
        gt.backward_induction(entry_game(), limit=0)
    with pytest.raises(gt.InvalidGameError, match="ExtensiveFormGame"):
        gt.backward_induction("tree")


# ---------------------------------------------------------------------- properties
def _as_key(choice_map, values):
    return (tuple(sorted(choice_map.items())), values)


def _thirds_tie_tree():
    """Player 0 is indifferent between two 1/3-2/3 lotteries worth exactly 2/3 each: a tie that
    only an exact comparison sees (2/3 is not a binary float)."""
    t = gt.ExtensiveFormGame(players=2)
    for v in t.decision(t.root, 0, ["a", "b"]):
        lo, hi = t.chance(v, ["lo", "hi"], [F(1, 3), F(2, 3)])
        t.terminal(lo, [0, 0])
        t.terminal(hi, [1, 1])
    return t


@given(pi_trees())
@example(_thirds_tie_tree())
def test_backward_induction_equals_brute_force_spe(t):
    """The listed SPE are exactly the pure profiles with no profitable deviation in any subgame."""
    brute = brute_force_spe(t)
    spes = gt.backward_induction(t, limit=None)
    c = t.compiled
    dec = [v for v in range(c.n) if c.kind[v] == 1]
    got = sorted(_as_key({v: int(e.choice[v]) for v in dec}, e.payoffs) for e in spes)
    want = sorted(_as_key(ch, val) for ch, val in brute)
    assert got == want
    assert count_subgame_perfect(t) == len(brute)
    for e in spes:
        tp = e.terminal_probabilities
        assert sum(tp.values()) == 1
        # expected payoffs agree with the terminal distribution
        for i in range(t.n_players):
            assert e.payoffs[i] == sum(p * t.payoffs(z)[i] for z, p in zip(c.terminals.tolist(), [e.reach[z] for z in c.terminals]))


@given(pi_trees(floats=True, chance=True))
@settings(max_examples=30)
def test_backward_induction_float_trees_match_brute_force(t):
    brute = brute_force_spe(t)
    spes = gt.backward_induction(t, limit=None)
    assert len(spes) == len(brute)
    for e in spes:
        assert any(np.allclose(e.payoffs, val) for _, val in brute)


@given(st.integers(1, 4), st.integers(1, 5), st.integers(0, 10**6))
@settings(max_examples=20)
def test_vectorized_pass_matches_builder_tree_on_random_complete_trees(b, d, seed):
    rng = np.random.default_rng(seed)
    U = rng.random((b**d, 3))
    (e,) = gt.backward_induction(complete_tree(b, d, U))
    # reference: recursive maximization over the leaves' block structure
    vals = U
    for level in range(d - 1, -1, -1):
        mover = level % 3
        vals = vals.reshape(-1, b, 3)
        best = np.argmax(vals[:, :, mover], axis=1)
        vals = vals[np.arange(vals.shape[0]), best]
    assert np.allclose(e.payoffs, vals[0])


@given(pi_trees())
@settings(max_examples=40)
def test_deep_tree_loop_agrees_with_level_vectorized_pass(t):
    """Deep, thin trees use a per-node loop instead of per-level numpy calls: same results."""
    from gametheory.extensive._backward import BIPass

    c = t.compiled
    c.deep = False
    vec = BIPass(t)
    vec_spes = gt.backward_induction(t, limit=None)
    vec_tp = [e.terminal_probabilities for e in vec_spes]
    c.deep = True
    loop = BIPass(t)
    assert np.array_equal(vec.choice, loop.choice) and np.array_equal(vec.multi, loop.multi)
    assert vec.U.tolist() == loop.U.tolist()
    loop_spes = gt.backward_induction(t, limit=None)
    assert [e.terminal_probabilities for e in loop_spes] == vec_tp


def test_long_centipede_uses_the_loop_and_takes_at_once():
    t = centipede(3000)
    assert t.compiled.deep
    (e,) = gt.backward_induction(t)
    assert e.path == [("A", "take")] and e.outcome == "take1"
    assert e.terminal_probabilities["take1"] == 1 and e.terminal_probabilities["end"] == 0


# ---------------------------------------------------------------------- public storage accessors
def test_check_node_accepts_node_ids_and_names_what_is_wrong():
    t = entry_game()
    assert t.check_node(2) == 2 and t.check_node(np.int64(2)) == 2
    assert type(t.check_node(np.int64(2))) is int
    for bad, match in [(True, "int id"), (np.bool_(False), "int id"), (1.0, "int id"), ("1", "int id"),
                       (-1, "does not exist"), (t.n_nodes, "does not exist")]:
        with pytest.raises(gt.InvalidGameError, match=match):
            t.check_node(bad)


def test_storage_is_a_read_only_view_without_copies():
    t = entry_game()
    s = t.storage
    assert s.arrays is None and list(s.kind) == [t.storage.kind[v] for v in t.nodes]
    assert s.payoffs[t.children(0)[0]] == t.payoffs(t.children(0)[0])
    with pytest.raises(TypeError):
        s.payoffs[0] = (0, 0)  # a mapping proxy: the game's dicts cannot be changed through it
    a = complete_tree(3, 3, np.arange(54).reshape(27, 2))
    s, c = a.storage, a.compiled
    # the compiled view of an array-built tree works on the stored arrays themselves
    assert all(getattr(c, k) is s.arrays[k] for k in ("parent", "kind", "player", "first", "nch"))
    assert c.U is s.arrays["payoffs"] and c.prob is s.arrays["prob"]
    assert not s.payoffs and not s.infoset_labels


def test_labelled_singletons_key_the_perfect_information_strategy():
    # strategy's fast path reads the information-set labels through storage
    t = gt.ExtensiveFormGame(2)
    l, r = t.decision(t.root, 0, ["L", "R"], infoset="root")
    t.terminal(l, [1, 0])
    a, b = t.decision(r, 1, ["a", "b"])
    t.terminal(a, [0, 2])
    t.terminal(b, [2, 1])
    eq = gt.backward_induction(t)[0]
    assert t.is_perfect_information
    assert eq.strategy == {"P1": {"root": "L"}, "P2": {r: "a"}}  # P2 takes a (2 > 1), so P1 stops (1 > 0)
