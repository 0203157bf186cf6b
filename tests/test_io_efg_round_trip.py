""".efg write -> read -> write is idempotent, and read(write(tree)) is the tree: structure,
payoffs, chance probabilities, information sets and labels (terminal and information set)."""

from __future__ import annotations

from fractions import Fraction as F

import pygambit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.io.gambit import format_efg, parse_efg

NAMES = [None, None, "end", "war", 'say "no"', "x y", "1/2", "o1", "P1#1"]
LABELS = st.sampled_from(NAMES + ["a\\b"])
# Gambit reads a backslash in a name differently from its writer; only '\"' round-trips there
GAMBIT_LABELS = st.sampled_from(NAMES)
EXACT = st.one_of(st.integers(-9, 9), st.fractions(min_value=-5, max_value=5, max_denominator=7))
FLOAT = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def trees(draw, exact: bool = True, labels=LABELS):
    """Random trees: decision, chance and terminal nodes; multi-node information sets (some
    absent-minded), labelled and unlabelled terminals with repeated labels."""
    n = draw(st.integers(1, 3))
    t = gt.ExtensiveFormGame(players=[f"P{i}" for i in range(n)], title=draw(st.sampled_from(["", "tree", 'a "t"'])))
    number = EXACT if exact else FLOAT
    sets: dict[str, tuple[int, list[str]]] = {}  # label -> (player, actions)
    frontier = [(t.root, 0)]
    budget = draw(st.integers(0, 8))
    while frontier:
        node, depth = frontier.pop(draw(st.integers(0, len(frontier) - 1)))
        move = draw(st.sampled_from(["t", "p", "c"])) if budget > 0 and depth < 4 else "t"
        if move == "t":
            t.terminal(node, payoffs=[draw(number) for _ in range(n)], label=draw(labels))
            continue
        budget -= 1
        if move == "c":
            k = draw(st.integers(1, 3))
            probs = [F(1, k)] * k if exact else [1.0 / k] * (k - 1) + [1.0 - (k - 1) * (1.0 / k)]
            kids = t.chance(node, actions=[f"c{j}" for j in range(k)], probs=probs)
        else:
            label = draw(st.sampled_from([None, None, "H", "J", "K"]))
            if label in sets:
                pl, acts = sets[label]
            else:
                pl, acts = draw(st.integers(0, n - 1)), [f"a{j}" for j in range(draw(st.integers(1, 3)))]
                if label is not None:
                    sets[label] = (pl, acts)
            kids = t.decision(node, player=pl, actions=acts, infoset=label)
        frontier.extend((c, depth + 1) for c in kids)
    return t


def _label(tree, v):
    lab = tree.label(v)
    return None if lab == v else str(lab)


def structure(tree):
    """Everything a .efg file holds, in tree order (node ids may differ between builds)."""
    order = tree.preorder()
    pos = {v: k for k, v in enumerate(order)}
    rows = []
    for v in order:
        kind = tree.kind(v)
        if kind == "terminal":
            rows.append(("t", tuple(tree.payoffs(v)), _label(tree, v)))
        elif kind == "chance":
            rows.append(("c", tree.actions(v), tuple(tree.probs(v))))
        else:
            rows.append(("p", tree.player(v), tree.actions(v)))
    sets = sorted((tuple(sorted(pos[v] for v in h.nodes)), None if h.label is None else str(h.label)) for h in tree.infosets)
    return tree.players, tree.title, tree.exact, rows, sets


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees())
def test_exact_efg_round_trip_is_idempotent_and_faithful(tree):
    text = format_efg(tree)
    back = parse_efg(text)
    assert format_efg(back) == text
    assert structure(back) == structure(tree)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees(exact=False))
def test_float_efg_round_trip_is_idempotent_with_exact_false(tree):
    text = format_efg(tree)
    back = parse_efg(text, exact=False)
    assert format_efg(back) == text
    assert structure(back) == structure(tree)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees(labels=GAMBIT_LABELS))
def test_written_efg_is_valid_gambit(tree, tmp_path_factory):
    path = tmp_path_factory.mktemp("efg") / "t.efg"
    gt.write_gambit(tree, path)
    theirs = pygambit.read_efg(str(path))  # Gambit refuses repeated node names: none are written
    assert len(list(theirs.nodes)) == tree.n_nodes
    assert [n.label for n in theirs.nodes if n.is_terminal] == [
        lab if lab is not None and [_label(tree, u) for u in tree.terminals].count(lab) == 1 else ""
        for lab in (_label(tree, v) for v in tree.preorder() if tree.kind(v) == "terminal")
    ]


def test_unlabelled_terminals_stay_unlabelled_and_repeated_labels_are_kept():
    t = gt.ExtensiveFormGame(players=["A", "B"])
    a, b, c = t.decision(t.root, "A", ["x", "y", "z"])
    t.terminal(a, [1, 2])  # no label
    t.terminal(b, [3, 4], label="war")
    t.terminal(c, [5, 6], label="war")
    back = parse_efg(format_efg(t))
    assert [back.label(v) for v in back.terminals] == [back.terminals[0], "war", "war"]
    assert back.infosets[0].label is None
