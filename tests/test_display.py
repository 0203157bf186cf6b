"""How games, results and tables show themselves: print, notebook HTML and LaTeX.

Every ``_repr_latex_`` is checked by a structural parser (tests/latex_check.py, always) and
compiled by a TeX engine when one is on PATH (CI has none: those tests skip there).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.numbers import num_text
from gametheory.errors import UnknownLabelError
from latex_check import check_latex
from test_result_convention import INSTANCES


# ---------------------------------------------------------------------- samples of every _repr_latex_
def _games():
    bos = gt.NormalFormGame.from_bimatrix(
        [[2, F(-1, 3)], [0, 1]], [[1, 0], [0, F(5, 2)]], player_labels=["Row_1", "Col & co"],
        strategy_labels=[["Opera", "stand_firm"], ["50%", "x^2 {y} ~ \\ $"]], title="BoS",
    )
    three = gt.NormalFormGame([np.arange(12).reshape(2, 3, 2) * k for k in (1, 2, 3)])
    one = gt.NormalFormGame([[1.5, 2e-20]])
    floats = gt.NormalFormGame.from_bimatrix([[0.1 + 0.2, 1e300], [-2.5, 3]], [[1, 0], [0, 1]])
    big = gt.NormalFormGame.from_bimatrix(np.ones((60, 60)), np.ones((60, 60)))
    return {"bos": bos, "three": three, "one": one, "floats": floats, "big": big}


def _latex_samples():
    games = _games()
    out = {f"game {k}": g._repr_latex_() for k, g in games.items()}
    for name, g in [("bos", games["bos"]), ("three", games["three"])]:
        eqs = gt.solve(g)
        out[f"equilibria {name}"] = eqs._repr_latex_()
        out[f"equilibrium {name}"] = eqs[0]._repr_latex_()
    out["equilibria empty"] = gt.Equilibria([], method="pure", game=games["bos"])._repr_latex_()
    for r, _ in INSTANCES:
        out[f"result {type(r).__name__}"] = r._repr_latex_()
    frame = pd.DataFrame({"a_b": [F(1, 3), F(-7, 2)], "x%": [1e-30, float("nan")], "t": ["&", "#1"], "ok": [True, False]})
    out["table"] = gt.to_table(frame, format="latex")
    out["table float"] = gt.to_table(frame, format="latex", caption="A & B", label="tab:x")
    return out


SAMPLES = _latex_samples()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_latex_is_well_formed(name):
    assert check_latex(SAMPLES[name]) == [], SAMPLES[name]


def test_the_checker_catches_the_old_bugs():
    # the bugs of the old display: "\hline" glued to a label, and a row with a missing cell
    assert check_latex("$\\begin{array}{r|cc}\n & a & b \\\\ \\hline" + "s1 & 1 & 2 \\\\\n\\end{array}$")
    assert check_latex("$\\begin{array}{r|cc} & a & b \\\\ \\hline\ns1 & 1 \\\\ \\end{array}$")
    assert check_latex("\\begin{tabular}{ll} a & b \\\\ \\end{array}")
    assert check_latex("$\\text{a}")
    assert check_latex("\\text{a")


_TEX = shutil.which("pdflatex") or shutil.which("latex")
_PREAMBLE = (
    "\\documentclass{article}\\usepackage{amsmath}\n"
    # booktabs is not in every minimal TeX install; its rules as plain \hline keep the check meaningful
    "\\IfFileExists{booktabs.sty}{\\usepackage{booktabs}}"
    "{\\newcommand{\\toprule}{\\hline}\\newcommand{\\midrule}{\\hline}\\newcommand{\\bottomrule}{\\hline}}\n"
    "\\begin{document}\n"
)


@pytest.mark.skipif(_TEX is None, reason="no TeX engine on PATH (the structural check above still runs)")
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_latex_compiles(name, tmp_path):
    (tmp_path / "doc.tex").write_text(_PREAMBLE + SAMPLES[name] + "\n\\end{document}\n")
    run = subprocess.run(
        [_TEX, "-halt-on-error", "-interaction=nonstopmode", "doc.tex"], cwd=tmp_path, capture_output=True,
        text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]


_LABEL = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=8)
_NUM = st.one_of(st.integers(-50, 50), st.fractions(max_denominator=12).filter(lambda x: abs(x) < 100))


@st.composite
def labelled_games(draw, max_players=3):
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    arrays = [np.array(draw(st.lists(_NUM, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))), dtype=object).reshape(shape)
              for _ in range(n)]
    players = draw(st.lists(_LABEL, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(_LABEL, min_size=m, max_size=m, unique=True)) for m in shape]
    return gt.NormalFormGame(arrays, player_labels=players, strategy_labels=strategies)


@given(labelled_games())
def test_any_game_displays_well_formed_latex_and_escaped_html(game):
    assert check_latex(game._repr_latex_()) == []
    page = game._repr_html_()
    for label in {s for labels in game.strategy_labels for s in labels}:
        assert html.escape(label) in page
    assert "<script" not in page.lower() or "&lt;script" in page.lower()


# ---------------------------------------------------------------------- print(game)
def _grid_rows(text: str) -> list[list[str]]:
    return [re.split(r" {2,}", line.strip()) for line in text.splitlines()]


@given(labelled_games(max_players=2))
def test_print_shows_every_payoff_with_its_labels(game):
    # labels without runs of spaces, so the printed grid splits back into its cells
    if any("  " in s or s != s.strip() for lab in game.strategy_labels for s in lab) or game.n_players != 2:
        game = gt.NormalFormGame(list(game.payoffs)) if game.n_players == 2 else game
    text = str(game)
    assert text.splitlines()[0] == repr(game)
    if game.n_players != 2:
        for r, lab in enumerate(game.strategy_labels[0]):
            assert any(line.startswith(lab) and line.rstrip().endswith(num_text(game.payoffs[0][r])) for line in text.splitlines())
        return
    rows = _grid_rows(text)[1:]
    assert rows[0] == [f"{game.player_labels[0]} \\ {game.player_labels[1]}", *game.strategy_labels[1]]
    for r, lab in enumerate(game.strategy_labels[0]):
        line = rows[2 + r]
        assert line[0] == lab
        want = [", ".join(num_text(a[r, c]) for a in game.payoffs) for c in range(game.shape[1])]
        assert line[1:] == want


def test_print_shows_fractions_labels_and_slices():
    bos = _games()["bos"]
    text = str(bos)
    assert "Row_1 \\ Col & co" in text and "-1/3, 0" in text and "1, 5/2" in text and "stand_firm" in text
    three = str(_games()["three"])
    assert three.count("P3 = s1:") == 1 and three.count("P3 = s2:") == 1
    # slice P3 = s2, row s2, column s3: index (1, 2, 1) of arange(12).reshape(2, 3, 2) = 11
    second = three.split("P3 = s2:")[1]
    assert "11, 22, 33" in second.splitlines()[3 + 1]
    assert "1.5" in str(_games()["one"]) and "2e-20" in str(_games()["one"])
    assert "payoffs not shown" in str(_games()["big"])


# ---------------------------------------------------------------------- notebook HTML
def test_tables_display_as_html_not_raw_booktabs():
    frame = pd.DataFrame({"p": [F(1, 3)], "name": ["<b>x</b>"]})
    tex = gt.to_table(frame, format="latex")
    page = tex._repr_html_()
    assert page.startswith("<table>") and "\\toprule" not in page and "1/3" in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert tex._repr_latex_() == str(tex)  # a LaTeX export still gets the booktabs source
    assert gt.to_table(frame)._repr_html_().startswith("<table>")
    assert gt.to_table(frame, format="csv")._repr_html_() is None


def test_solve_result_displays_its_equilibria_completeness_and_method():
    bos = _games()["bos"]
    eqs = gt.solve(bos)
    page = eqs._repr_html_()
    assert "3 equilibria by vertex (complete, exact)" in page and page.count("<tr>") == 4
    assert "not necessarily complete" in gt.solve(bos, method="lemke-howson")._repr_html_()
    assert "3 equilibria by vertex (complete, exact)" in eqs._repr_latex_()


def test_game_html_escapes_labels():
    g = gt.NormalFormGame.from_bimatrix([[1]], [[2]], strategy_labels=[["<i>a</i>"], ["b&c"]])
    page = g._repr_html_()
    assert "&lt;i&gt;a&lt;/i&gt;" in page and "b&amp;c" in page and "<i>" not in page


# ---------------------------------------------------------------------- indexing by label
def test_equilibrium_indexed_by_player_and_strategy_label():
    g = gt.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], player_labels=["Challenger", "Defender"],
        strategy_labels=[["fight", "yield"], ["fight", "yield"]],
    )
    for eq in gt.solve(g):
        for i, who in enumerate(g.player_labels):
            for k, s in enumerate(g.strategy_labels[i]):
                assert eq[who][s] == eq[i][k] == eq.strategies[i][k]
                assert type(eq[who][s]) is F
            assert dict(eq[who]) == dict(zip(g.strategy_labels[i], eq.strategies[i]))
    eq = gt.solve(g)[2]
    assert eq["Challenger"]["fight"] == F(2, 3) and eq[-1][-1] == F(2, 3)
    with pytest.raises(UnknownLabelError, match=r"Challenger has no strategy 'retreat'; its strategies are 'fight', 'yield'"):
        eq["Challenger"]["retreat"]
    with pytest.raises(KeyError):
        eq["Chalenger"]
    with pytest.raises(gt.GameError, match=r"no player 2; the players are 'Challenger', 'Defender'"):
        eq[2]
    with pytest.raises(UnknownLabelError):
        eq[0][True]
    with pytest.raises(TypeError):
        iter(eq)  # indexing by label does not make a result a sequence


def test_tree_equilibrium_indexed_by_player_infoset_and_action():
    t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1])
    fight, concede = t.decision(ch, player="Defender", actions=["fight", "concede"], infoset="after challenge")
    t.terminal(fight, payoffs=[-1, -1])
    t.terminal(concede, payoffs=[1, 0])
    eq = gt.backward_induction(t)[0]
    assert eq["Defender"]["after challenge"]["concede"] == 1 and eq["Defender"]["after challenge"]["fight"] == 0
    assert eq[1][0][1] == 1 and eq["Challenger"]["root"]["challenge"] == 1
    assert set(eq["Defender"]) == {"after challenge"}
    with pytest.raises(UnknownLabelError, match="information set 'after challenge' has no action 'resist'"):
        eq["Defender"]["after challenge"]["resist"]
    with pytest.raises(UnknownLabelError, match="the players are 'Challenger', 'Defender'"):
        eq["Entrant"]
    # mixed behavior: agent QRE probabilities by label
    q = gt.agent_qre(t, 1.0)
    assert q["Defender"]["after challenge"]["fight"] + q["Defender"]["after challenge"]["concede"] == pytest.approx(1)


def test_a_table_survives_pickle_and_copy_with_its_display():
    import copy
    import pickle

    t = gt.to_table([{"a": F(1, 3)}], format="latex")
    for u in (pickle.loads(pickle.dumps(t)), copy.copy(t)):
        assert u == t and u.format == "latex" and u._repr_html_() == t._repr_html_()
