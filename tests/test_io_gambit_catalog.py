"""Gambit catalogue games: decimal payoffs read exactly (R and D files alike, checked against
pygambit's rational answers), and imperfect-recall trees read and refused where perfect
recall is needed.  The games are texts of Gambit's catalogue (pygambit's ``catalog_data``)."""

from __future__ import annotations

import itertools
import re
import warnings
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pygambit
import pytest

import gametheory as gt
from gametheory import extensive as ex
from gametheory.io.gambit import format_efg, parse_efg, parse_nfg

# ---------------------------------------------------------------------- catalogue texts
SHAPLEY1974_FIG2 = """NFG 1 R "Fig 2 from 'A Note on the Lemke-Howson Algorithm' (Shapley 1974)" { "1" "2" }

{ { "1" "2" "3" }
{ "1" "2" "3" }
}
""

{
{ "" 2, 3 }
{ "" 0, 0 }
{ "" 3, 0 }
{ "" 2, 0 }
{ "" 3, 3 }
{ "" 0, 0 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
}
1 2 3 4 5 6 7 8 9
"""

NAU2004_SEC3 = """NFG 1 R "Battle of the Sexes" { "Player 1" "Player 2" }

{ { "Top" "Bottom" }
{ "Left" "Right" }
}
"The coordination game known as Battle of the Sexes (section 3 of Nau 2004)."

{
{ "" 3, 2 }
{ "" 0, 0 }
{ "" 0, 0 }
{ "" 2, 3 }
}
1 2 3 4
"""

BAGWELL1995 = """EFG 2 R "Bagwell (GEB 1995) commitment and (un)observability" { "Player 1" "Player 2" }
""

p "" 1 1 "" { "S" "C" } 0
c "" 1 "" { "s" 99/100 "c" 1/100 } 0
p "" 2 1 "" { "S" "C" } 0
t "" 1 "SS" { 5, 2 }
t "" 2 "SC" { 3, 1 }
p "" 2 2 "" { "S" "C" } 0
t "" 1 "SS" { 5, 2 }
t "" 2 "SC" { 3, 1 }
c "" 2 "" { "s" 1/100 "c" 99/100 } 0
p "" 2 1 "" { "S" "C" } 0
t "" 3 "CS" { 6, 3 }
t "" 4 "CC" { 4, 4 }
p "" 2 2 "" { "S" "C" } 0
t "" 3 "CS" { 6, 3 }
t "" 4 "CC" { 4, 4 }
"""

MYERSON1991_POKER = """EFG 2 R "A simple Poker game" { "Fred" "Alice" }
""

c "" 1 "" { "Red" 1/2 "Black" 1/2 } 0
p "" 1 1 "" { "Raise" "Fold" } 0
p "" 2 1 "" { "Meet" "Pass" } 0
t "" 1 "Win Big" { 2, -2 }
t "" 2 "Win" { 1, -1 }
t "" 2 "Win" { 1, -1 }
p "" 1 2 "" { "Raise" "Fold" } 0
p "" 2 1 "" { "Meet" "Pass" } 0
t "" 3 "Lose Big" { -2, 2 }
t "" 2 "Win" { 1, -1 }
t "" 4 "Lose" { -1, 1 }
"""

# imperfect recall: absent-mindedness
GILBOA1997_FIG1 = """EFG 2 R "Absent-Minded Driver (Gilboa 1997, GEB, Figure 2)" { "Player 1" }
"The original absent-minded driver problem"

p "" 1 1 "" { "B" "E" } 0
p "" 1 1 "" { "B" "E" } 0
t "" 1 "Outcome 1" { 1 }
t "" 2 "Outcome 2" { 4 }
t "" 3 "Outcome 3" { 0 }
"""

SLB2008_FIG5_12 = """EFG 2 R "Fig 5.12 from Shoham and Leyton-Brown (2008)" { "1" "2" }
"A game with imperfect recall, in particular absent-mindedness."

p "" 1 1 "" { "L" "R" } 0
p "" 1 1 0
t "" 1 "" { 1 0 }
t "" 2 "" { 100 100 }
p "" 2 2 "" { "U" "D" } 0
t "" 3 "" { 5 1 }
t "" 4 "" { 2 2 }
"""

# imperfect recall without absent-mindedness: the driver forgets the first exit (two selves)
GILBOA1997_FIG2 = """EFG 2 R "Two-Selves Absent-Minded Driver (Gilboa 1997)" { "Player 1" }
""

c "" 1 "" { "1" 1/2 "2" 1/2 } 0
p "" 1 1 "" { "E" "B" } 0
t "" 1 "" { 0 }
p "" 1 2 "" { "B" "E" } 0
t "" 2 "" { 1 }
t "" 3 "" { 4 }
p "" 1 2 "" { "B" "E" } 0
p "" 1 1 "" { "E" "B" } 0
t "" 4 "" { 4 }
t "" 5 "" { 1 }
t "" 6 "" { 0 }
"""

_NUM = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d+(?:/\d+)?)')


def _decimal_text(x: F, style: int) -> str:
    """x (a terminating decimal) written as Gambit-catalogue-style decimal text."""
    d = Decimal(x.numerator) / Decimal(x.denominator)
    if style == 0:
        return f"{d:.6f}"  # 0.375000, as Gambit's own writers print
    if style == 1:
        return f"{d:.6e}".replace("e+", "e")  # 3.750000e-1 (Gambit takes no '+' in exponents)
    s = f"{d.normalize():f}"
    return s.replace("0.", ".", 1) if s.lstrip("-").startswith("0.") else s  # .375


def decimalize(text: str, header: str, scale: F = F(1, 8)) -> str:
    """The catalogue text with payoffs scaled by ``scale`` and every payoff and chance
    probability written as decimal text, under the precision ``header`` (``R`` or ``D``)."""
    out = []
    for k, line in enumerate(text.split("\n")):
        if k == 0:
            line = re.sub(r"^(NFG 1|EFG 2) [RD]", lambda m: f"{m.group(1)} {header}", line)
        elif line.startswith(("t ", "c ", '{ "')) and "{" in line:
            i, j = line.index("{"), line.rindex("}")  # payoffs / probabilities (quoted names skipped)
            chance = line.startswith("c ")
            position = itertools.count()

            def repl(m: re.Match) -> str:
                if m.group(1) is None:
                    return m.group(0)
                x = F(m.group(1)) * (1 if chance else scale)
                # the style varies, but a repeated outcome is written the same (Gambit checks)
                return _decimal_text(x, (next(position) + x.numerator) % 3)

            line = line[:i] + _NUM.sub(repl, line[i:j]) + line[j:]
        out.append(line)
    return "\n".join(out)


def _frac(x) -> F:
    return F(str(x))


def _pygambit_game(text: str, tmp_path, name: str):
    p = tmp_path / name
    p.write_text(text)
    return (pygambit.read_efg if name.endswith(".efg") else pygambit.read_nfg)(str(p)), p


def _pygambit_equilibria(arrays) -> set:
    """pygambit's exact (rational) extreme equilibria of a bimatrix game."""
    g = pygambit.Game.from_arrays(*[np.vectorize(lambda x: pygambit.Rational(str(x)))(a) for a in arrays])
    res = pygambit.nash.enummixed_solve(g, rational=True)
    return {tuple(tuple(_frac(e[s]) for s in p.strategies) for p in g.players) for e in res.equilibria}


def _ours(game) -> set:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        eqs = gt.solve(game)
    for e in eqs:
        assert all(type(x) is F for s in e.strategies for x in s), e
    return {tuple(tuple(s) for s in e.strategies) for e in eqs}


# ---------------------------------------------------------------------- decimals
def test_decimalize_writes_decimal_text():
    text = decimalize(NAU2004_SEC3, "D")
    assert text.startswith("NFG 1 D") and '{ "" 2.500000e-1, 3.750000e-1 }' in text and ".25 }" in text
    assert "99/100" not in decimalize(BAGWELL1995, "D") and "0.990000" in decimalize(BAGWELL1995, "D")


@pytest.mark.parametrize("header", ["R", "D"])
@pytest.mark.parametrize("source", [SHAPLEY1974_FIG2, NAU2004_SEC3], ids=["shapley1974", "nau2004"])
def test_decimal_nfg_solves_exactly_as_pygambit(source, header, tmp_path):
    text = decimalize(source, header)
    theirs, path = _pygambit_game(text, tmp_path, "g.nfg")
    game = gt.read_gambit(path)
    assert game.exact
    # every payoff is the exact value of its decimal text, as pygambit reads it
    for ours_a, their_a in zip(game.payoffs, theirs.to_arrays()):
        assert ours_a.tolist() == np.vectorize(_frac)(their_a).tolist()
    expected = _pygambit_equilibria(theirs.to_arrays())
    assert _ours(game) == expected
    # and the decimals are the catalogue game scaled by 1/8: the same equilibria
    assert _ours(parse_nfg(source)) == expected


@pytest.mark.parametrize("header", ["R", "D"])
@pytest.mark.parametrize("source", [BAGWELL1995, MYERSON1991_POKER], ids=["bagwell1995", "myerson1991"])
def test_decimal_efg_solves_exactly_as_pygambit(source, header, tmp_path):
    text = decimalize(source, header)
    theirs, path = _pygambit_game(text, tmp_path, "t.efg")
    tree = gt.read_gambit(path)
    assert tree.exact
    chance = [p for v in tree.preorder() if tree.kind(v) == "chance" for p in tree.probs(v)]
    assert all(type(p) is F for p in chance) and sum(chance) == len(chance) // 2
    # the reduced normal form is Gambit's, exactly, and so are its equilibria
    nf = tree.to_normal_form()
    arrays = [np.vectorize(_frac)(a) for a in theirs.to_arrays()]
    for ours_a, their_a in zip(nf.payoffs, arrays):
        assert ours_a.tolist() == their_a.tolist()
    assert _ours(nf) == _pygambit_equilibria(arrays)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        spe = ex.subgame_perfect_equilibria(tree)
    assert spe and all(type(x) is F for e in spe for x in e.payoffs)


def test_exact_false_gives_a_float_game():
    g = parse_nfg(decimalize(NAU2004_SEC3, "D"), exact=False)
    assert not g.exact and g.payoffs[0][0, 0] == 0.375
    t = parse_efg(decimalize(BAGWELL1995, "R"), exact=False)
    assert not t.exact and t.probs(1) == (0.99, 0.01)


# ---------------------------------------------------------------------- imperfect recall
IMPERFECT = {"gilboa1997-fig1": GILBOA1997_FIG1, "slb2008-fig5.12": SLB2008_FIG5_12, "gilboa1997-fig2": GILBOA1997_FIG2}


@pytest.mark.parametrize("name", list(IMPERFECT))
def test_imperfect_recall_files_are_read_and_their_normal_form_is_gambits(name, tmp_path):
    theirs, path = _pygambit_game(IMPERFECT[name], tmp_path, "ir.efg")
    tree = gt.read_gambit(path)
    assert not theirs.is_perfect_recall
    assert not tree.has_perfect_recall()
    # what does not need perfect recall keeps working: the strategic form (Gambit's, exactly)
    nf = tree.to_normal_form()
    for ours_a, their_a in zip(nf.payoffs, theirs.to_arrays()):
        assert ours_a.tolist() == np.vectorize(_frac)(their_a).tolist()
    assert _ours(nf)
    # ... agent QRE (the agent form is defined without perfect recall) and writing the file
    assert ex.agent_qre(tree, 1.0).payoffs
    assert parse_efg(format_efg(tree)).has_perfect_recall() is False


@pytest.mark.parametrize("name", list(IMPERFECT))
def test_imperfect_recall_is_refused_by_what_needs_perfect_recall(name):
    tree = parse_efg(IMPERFECT[name])
    pure = [[1] + [0] * (len(s) - 1) for s in tree.to_normal_form().strategy_labels]
    calls = {
        "subgame_perfect_equilibria": lambda: ex.subgame_perfect_equilibria(tree),
        "behavior_to_mixed": lambda: ex.behavior_to_mixed(tree, {}),
        "mixed_to_behavior": lambda: ex.mixed_to_behavior(tree, pure),
        "non_credible_threats": lambda: ex.non_credible_threats(tree),
        "check_perfect_recall": tree.check_perfect_recall,
    }
    for what, call in calls.items():
        with pytest.raises(gt.GameError, match="imperfect recall") as info:
            call()
        assert str(info.value).startswith("imperfect recall"), what
    # backward induction needs perfect information, and says so
    with pytest.raises(gt.GameError, match="perfect-information"):
        ex.backward_induction(tree)


def test_absent_minded_driver_keeps_its_information_set():
    tree = parse_efg(GILBOA1997_FIG1)
    (h,) = tree.infosets
    assert h.nodes == (0, 1) and tree.parent(1) == 0
    assert tree.to_normal_form().payoffs[0].tolist() == [1, 0]  # always B: 1; E at once: 0
