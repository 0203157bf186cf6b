"""Gambit .nfg/.efg and JSON files: round trips against pygambit, exactness, parse errors, fuzzing."""

from __future__ import annotations

import os
import tracemalloc
from fractions import Fraction as F

import numpy as np
import pygambit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, ParseError
from gametheory.io.gambit import format_efg, format_nfg, parse_efg, parse_nfg
from gametheory.io.json import equilibria_to_json, game_from_json, game_to_json, read_json, write_json



def _frac(x) -> F:
    return F(str(x))


exact_numbers = st.one_of(
    st.integers(-50, 50),
    st.fractions(min_value=-20, max_value=20, max_denominator=12),
    st.decimals(min_value=-10, max_value=10, places=2, allow_nan=False, allow_infinity=False).map(F),
)


@st.composite
def exact_games(draw, max_players=3):
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    arrays = []
    for _ in range(n):
        vals = draw(st.lists(exact_numbers, min_size=size, max_size=size))
        a = np.empty(size, dtype=object)
        a[:] = vals
        arrays.append(a.reshape(shape))
    labels = [[f"s{i}{k}" for k in range(m)] for i, m in enumerate(shape)]
    title = draw(st.sampled_from(["", "crisis", 'a "quoted" title']))
    return gt.NormalFormGame(arrays, strategy_labels=labels, title=title)


def _pygambit_arrays(g):
    """Payoff arrays of a pygambit game, as Fractions, indexed like ours."""
    players = list(g.players)
    shape = tuple(len(p.strategies) for p in players)
    out = [np.empty(shape, dtype=object) for _ in players]
    for idx in np.ndindex(*shape):
        prof = [list(p.strategies)[k] for p, k in zip(players, idx)]
        for i, p in enumerate(players):
            out[i][idx] = _frac(g[prof][p])
    return out


@given(game=exact_games())
def test_nfg_round_trip_through_pygambit(game, tmp_path_factory):
    d = tmp_path_factory.mktemp("nfg")
    path = d / "g.nfg"
    gt.write_gambit(game, path)
    ours_back = gt.read_gambit(path)
    assert ours_back == game and ours_back.exact
    assert ours_back.strategy_labels == game.strategy_labels and ours_back.title == game.title
    theirs = pygambit.read_nfg(str(path))
    for a, b in zip(_pygambit_arrays(theirs), game.payoffs):
        assert (a == b).all()
    # pygambit writes the outcome version; we read it back to the same game
    (d / "p.nfg").write_text(theirs.to_nfg())
    again = gt.read_gambit(d / "p.nfg")
    assert again == game
    assert [list(s) for s in again.strategy_labels] == [list(s) for s in game.strategy_labels]


def test_float_game_round_trip_reads_the_written_decimals_and_pygambit_reads_it(tmp_path):
    g = gt.NormalFormGame.from_bimatrix([[0.1, 2.5], [1 / 3, -4.0]], [[1.0, 0.0], [0.0, 1.0]])
    p = tmp_path / "f.nfg"
    gt.write_gambit(g, p)
    # a D file's decimals are exact, as Gambit reads them: 0.1 is 1/10, and each rounds to the float written
    back = gt.read_gambit(p)
    assert back.exact and back.payoffs[0][0, 0] == F(1, 10)
    assert [float(x) for x in back.payoffs[0].ravel()] == g.payoffs[0].ravel().tolist()
    floats = gt.read_gambit(p, exact=False)
    assert not floats.exact
    np.testing.assert_array_equal(floats.payoffs[0], g.payoffs[0])
    theirs = pygambit.read_nfg(str(p))
    assert [float(x) for x in _pygambit_arrays(theirs)[0].ravel()] == pytest.approx(g.payoffs[0].ravel().tolist())


def test_exact_values_fractions_and_decimals_are_kept():
    text = 'NFG 1 R "x" { "A" "B" } { 2 1 }\n1/3 0.1\n-2.50 1e-2\n'
    g = parse_nfg(text)
    assert g.exact
    assert g.payoffs[0].tolist() == [[F(1, 3)], [F(-5, 2)]]
    assert g.payoffs[1].tolist() == [[F(1, 10)], [F(1, 100)]]


def test_outcome_version_with_null_outcomes_and_comment():
    text = """NFG 1 R "Outcome game" { "Row" "Col" }
{ { "U" "D" } { "L" "R" } }
"a comment"
{
{ "win" 1, -1 }
{ "lose" -1 1 }
}
1 0 2 1
"""
    g = parse_nfg(text)
    assert g.player_labels == ("Row", "Col") and g.strategy_labels == (("U", "D"), ("L", "R"))
    # profiles in Gambit order: (U,L), (D,L), (U,R), (D,R)
    # (U,L) -> win, (D,L) -> no outcome, (U,R) -> lose, (D,R) -> win
    assert g.payoffs[0].tolist() == [[1, -1], [0, 1]]
    assert g.payoffs[1].tolist() == [[-1, 1], [0, -1]]


def test_empty_and_repeated_labels_become_default_labels():
    g = parse_nfg('NFG 1 R "" { "" "" } { { "" "" } { "x" "x" } }\n""\n1 2 3 4 5 6 7 8\n')
    assert g.player_labels == ("P1", "P2")
    assert g.strategy_labels == (("s1", "s2"), ("s1", "s2"))


def test_solve_a_file_written_by_pygambit(tmp_path):
    # Matching pennies: the unique equilibrium is (1/2, 1/2) for both
    g = pygambit.Game.from_arrays(np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]]))
    p = tmp_path / "mp.nfg"
    p.write_text(g.to_nfg())
    eqs = gt.solve(gt.read_gambit(p))
    assert len(eqs) == 1 and eqs[0].strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))


@pytest.mark.parametrize(
    "text, line, match",
    [
        ("", 1, "ends"),
        ("XYZ 1 R", 1, "not a Gambit"),
        ('NFG 2 R "t" { "a" }', 1, "version"),
        ('NFG 1 Q "t" { "a" }', 1, "precision"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3', 3, "8 payoffs expected"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4 5 6 7 x', 3, "expected a payoff"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 0 }\n', 2, "at least 1"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 1 }\n1 1/0', 3, "division by zero"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 1 }\n{ { "o" 1 } }\n1', 3, "1 payoffs for 2 players"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 1 }\n{ { "o" 1 2 } }\n\n7', 5, "refers to none"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 1 }\n1 2 3', 3, "unexpected '3'"),
        ('NFG 1 R "t\n{ "a" }', 2, "unterminated|expected"),
        ('NFG 1 R "t" { }', 1, "no players"),
    ],
)
def test_parse_errors_name_the_line(text, line, match):
    with pytest.raises(ParseError, match=match) as info:
        parse_nfg(text)
    assert info.value.line == line
    assert str(info.value).startswith(f"line {line}:")


VALID = format_nfg(gt.NormalFormGame.from_bimatrix([[3, F(1, 2)], [0, 2]], [[1, 0], [F(-1, 3), 4]], title="g"))


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_fuzz_malformed_nfg_gives_parse_error_not_a_crash(data):
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        i = data.draw(st.integers(0, max(0, len(text) - 1)))
        if op == "delete":
            j = data.draw(st.integers(i, min(len(text), i + 8)))
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + data.draw(st.text(alphabet='{}"0123456789/.,- \nRDNFGe\\x', max_size=6)) + text[i:]
        elif op == "replace":
            text = text[:i] + data.draw(st.sampled_from(list('{}"9/.-\n x'))) + text[i + 1 :]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + text[i : i + 20] + text[i:]
    try:
        g = parse_nfg(text)
    except ParseError as exc:
        assert exc.line is None or 1 <= exc.line <= text.count("\n") + 1
    else:
        assert isinstance(g, gt.NormalFormGame)


def _efg_text():
    t = gt.ExtensiveFormGame(players=["A", "B"], title="fuzz")
    x, y = t.decision(t.root, player="A", actions=["L", "R"])
    u, v = t.decision(x, player="B", actions=["l", "r"], infoset="H")
    w, z = t.decision(y, player="B", actions=["l", "r"], infoset="H")
    h, k = t.chance(u, actions=["h", "t"], probs=[F(1, 3), F(2, 3)])
    for node, pay in ((h, [1, F(1, 2)]), (k, [0, 2]), (v, [3, -1]), (w, [F(-5, 2), 0]), (z, [2, 2])):
        t.terminal(node, payoffs=pay, label=f"n{node}")
    return format_efg(t)


VALID_EFG = _efg_text()


def test_the_efg_fuzz_seed_is_valid():
    tree = parse_efg(VALID_EFG)
    assert not tree.is_perfect_information and len(tree.infosets) == 2
    assert [tree.kind(v) for v in tree.preorder()].count("chance") == 1
    assert [tree.payoffs(v) for v in tree.preorder() if tree.kind(v) == "terminal"][0] == (1, F(1, 2))


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_fuzz_malformed_efg_gives_parse_error_not_a_crash(data):
    text = VALID_EFG
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        i = data.draw(st.integers(0, max(0, len(text) - 1)))
        if op == "delete":
            text = text[:i] + text[data.draw(st.integers(i, min(len(text), i + 8))):]
        elif op == "insert":
            text = text[:i] + data.draw(st.text(alphabet='{}"0123456789/.,- \nptc', max_size=6)) + text[i:]
        elif op == "replace":
            text = text[:i] + data.draw(st.sampled_from(list('{}"9/0-\n ptc'))) + text[i + 1 :]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + text[i : i + 30] + text[i:]
    try:
        tree = parse_efg(text)
    except ParseError:
        pass
    else:
        assert isinstance(tree, gt.ExtensiveFormGame)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_random_text(text):
    for parse in (parse_nfg, parse_efg):
        try:
            parse(text)
        except ParseError:
            pass


def test_huge_declared_sizes_fail_before_allocating():
    # 10**15 declared cells: refused from the header, with no table of that size built
    # (bounded by memory, which is deterministic, not by wall-clock time)
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match="payoffs expected"):
            parse_nfg('NFG 1 R "t" { "a" "b" "c" }\n{ 100000 100000 100000 }\n1 2 3')
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20


def test_read_errors(tmp_path):
    with pytest.raises(GameError, match="cannot read"):
        gt.read_gambit(tmp_path / "missing.nfg")
    (tmp_path / "bin.nfg").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(ParseError):
        gt.read_gambit(tmp_path / "bin.nfg")
    with pytest.raises(GameError):
        gt.write_gambit("not a game", tmp_path / "x.nfg")


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path):
    g = gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[4, 3], [2, 1]])
    p = tmp_path / "g.nfg"
    p.write_text("old content")
    gt.write_gambit(g, p)
    assert gt.read_gambit(p) == g
    assert sorted(os.listdir(tmp_path)) == ["g.nfg"]


# ---------------------------------------------------------------------- .efg
def _random_tree(draw, imperfect: bool):
    n = draw(st.integers(1, 3))
    t = gt.ExtensiveFormGame(players=[f"P{i}" for i in range(n)], title=draw(st.sampled_from(["", "tree"])))
    frontier = [(t.root, 0)]
    budget = draw(st.integers(1, 6))
    iset_used = False
    while frontier:
        node, depth = frontier.pop(0)
        if budget > 0 and depth < 3 and draw(st.booleans()):
            budget -= 1
            k = draw(st.integers(1, 3))
            if draw(st.integers(0, 4)) == 0:
                probs = [F(1, k)] * k
                kids = t.chance(node, actions=[f"c{j}" for j in range(k)], probs=probs)
            else:
                pl = draw(st.integers(0, n - 1))
                kids = t.decision(node, player=pl, actions=[f"a{j}" for j in range(k)])
                # an information set across the children of a chance/decision node of another player
                if imperfect and not iset_used and k >= 2 and n >= 2:
                    other = (pl + 1) % n
                    t.decision(kids[0], player=other, actions=["x", "y"], infoset="H")
                    t.decision(kids[1], player=other, actions=["x", "y"], infoset="H")
                    iset_used = True
                    for c in t.children(kids[0]) + t.children(kids[1]):
                        frontier.append((c, depth + 2))
                    kids = kids[2:]
            frontier.extend((c, depth + 1) for c in kids)
        else:
            t.terminal(node, payoffs=[draw(exact_numbers) for _ in range(n)], label=draw(st.sampled_from([None, "end"])))
    return t


@st.composite
def trees(draw):
    return _random_tree(draw, imperfect=draw(st.booleans()))


def _structure(tree):
    rows = []
    for v in tree.preorder():
        kind = tree.kind(v)
        if kind == "terminal":
            rows.append(("t", tuple(tree.payoffs(v))))
        elif kind == "chance":
            rows.append(("c", tree.actions(v), tuple(tree.probs(v))))
        else:
            rows.append(("p", tree.player(v), tree.actions(v)))
    sets = sorted(sorted(tree.preorder().index(v) for v in h.nodes) for h in tree.infosets)
    return rows, sets


@given(tree=trees())
def test_efg_round_trip_through_pygambit(tree, tmp_path_factory):
    d = tmp_path_factory.mktemp("efg")
    p = d / "t.efg"
    gt.write_gambit(tree, p)
    back = gt.read_gambit(p)
    assert _structure(back) == _structure(tree)
    assert back.exact == tree.exact and back.players == tree.players
    theirs = pygambit.read_efg(str(p))
    assert len(list(theirs.nodes)) == tree.n_nodes
    assert len(list(theirs.players)) == tree.n_players
    # terminal payoffs in tree order agree with pygambit's
    ours = [tree.payoffs(v) for v in tree.preorder() if tree.kind(v) == "terminal"]
    mine = [
        tuple(_frac(nd.outcome[pl]) if nd.outcome is not None else F(0) for pl in theirs.players)
        for nd in theirs.nodes
        if nd.is_terminal
    ]
    assert mine == [tuple(u) for u in ours]
    (d / "p.efg").write_text(theirs.to_efg())
    again = gt.read_gambit(d / "p.efg")
    assert _structure(again) == _structure(tree)


def test_efg_outcomes_on_internal_nodes_add_up():
    text = """EFG 2 R "sum" { "A" "B" }
""
p "" 1 1 "" { "L" "R" } 1 "toll" { 1, -1 }
t "" 2 "x" { 2, 2 }
t "" 0
"""
    t = parse_efg(text)
    term = [t.payoffs(v) for v in t.preorder() if t.kind(v) == "terminal"]
    assert term == [(3, 1), (1, -1)]


def test_efg_backward_induction_of_a_pygambit_tree(tmp_path):
    # entry deterrence: E enters or stays out (0, 2); I fights (-1, -1) or accommodates (1, 1)
    g = pygambit.Game.new_tree(players=["E", "I"])
    g.append_move(g.root, "E", ["out", "in"])
    out_node, in_node = list(g.root.children)
    g.set_outcome(out_node, g.add_outcome("out", [0, 2]))
    g.append_move(in_node, "I", ["fight", "accommodate"])
    fight, acc = list(in_node.children)
    g.set_outcome(fight, g.add_outcome("war", [-1, -1]))
    g.set_outcome(acc, g.add_outcome("share", [1, 1]))
    p = tmp_path / "entry.efg"
    p.write_text(g.to_efg())
    spe = gt.backward_induction(gt.read_gambit(p))
    assert len(spe) == 1 and spe[0].payoffs == (1, 1)


@pytest.mark.parametrize(
    "text, match",
    [
        ('EFG 2 R "t" { "A" }\n""\nq "" 1', "node type"),
        ('EFG 2 R "t" { "A" }\n""\np "" 2 1 "" { "a" } 0\nt "" 0', "player 2 does not exist"),
        ('EFG 2 R "t" { "A" }\n""\np "" 1 1 "" { "a" "b" } 0\nt "" 0', "ends"),
        ('EFG 2 R "t" { "A" }\n""\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 0\nt "" 0', "invalid game"),
        ('EFG 2 R "t" { "A" }\n""\nt "" 3', "used before"),
        ('EFG 2 R "t" { "A" }\n""\nt "" 0\nt "" 0', "after the last node"),
    ],
)
def test_efg_parse_errors(text, match):
    with pytest.raises(ParseError, match=match):
        parse_efg(text)


# ---------------------------------------------------------------------- JSON
@given(exact_games())
def test_json_round_trip(game):
    back = game_from_json(game_to_json(game))
    assert back == game and back.strategy_labels == game.strategy_labels and back.title == game.title


def test_json_files_and_equilibria(tmp_path):
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    write_json(g, tmp_path / "g.json")
    assert read_json(tmp_path / "g.json") == g
    text = equilibria_to_json(gt.solve(g))
    assert '"1/2"' in text
    with pytest.raises(ParseError):
        game_from_json("{not json")
    with pytest.raises(ParseError, match="normal_form"):
        game_from_json('{"type": "tree"}')


def test_format_efg_rejects_other_objects():
    with pytest.raises(GameError):
        format_efg(gt.NormalFormGame.from_bimatrix([[1]], [[1]]))
