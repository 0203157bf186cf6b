"""gametheory.tables: Markdown, LaTeX, CSV, JSON; exact values; missing values; round trips."""

from __future__ import annotations

import json
import math
import os
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, ParseError
from gametheory.io.latex import game_to_latex
from gametheory.tables import Table, equilibria_frame, format_value, parse_value, read_csv


@pytest.fixture
def df():
    return pd.DataFrame(
        {
            "cost_ratio": [F(1, 3), F(-2, 5), 2],
            "p": [0.123456789012, float("nan"), 1e-12],
            "outcome": ["war & peace", "deterred", None],
            "strategy": [(F(1, 2), F(1, 2)), (F(1), F(0)), (0.25, 0.75)],
            "stable": [True, False, True],
        }
    )


def test_markdown(df):
    md = gt.to_table(df)
    lines = md.splitlines()
    assert lines[0] == "| cost_ratio | p | outcome | strategy | stable |"
    assert lines[1] == "| ---: | ---: | :--- | :--- | :--- |"
    assert lines[2] == "| 1/3 | 0.123457 | war & peace | (1/2, 1/2) | yes |"
    assert lines[3] == "| -2/5 | n/a | deterred | (1, 0) | no |"
    assert lines[4] == "| 2 | 1e-12 | n/a | (0.25, 0.75) | yes |"


def test_latex_is_booktabs_with_fractions_and_no_nan(df):
    tex = gt.to_table(df, format="latex")
    assert tex.startswith("\\begin{tabular}{rrlll}\n\\toprule\n")
    assert "cost\\_ratio & p & outcome & strategy & stable \\\\" in tex
    assert "$\\frac{1}{3}$" in tex and "$-\\frac{2}{5}$" in tex
    assert "$(\\frac{1}{2}, \\frac{1}{2})$" in tex
    assert "war \\& peace" in tex
    assert "$1 \\times 10^{-12}$" in tex
    assert "nan" not in tex.lower().replace("\\textit{n/a}", "")
    assert tex.count("\\textit{n/a}") == 2
    assert tex.rstrip().endswith("\\bottomrule\n\\end{tabular}")
    # every body row has one & fewer than columns
    body = tex.split("\\midrule\n")[1].split("\\bottomrule")[0].strip().splitlines()
    assert len(body) == 3 and all(r.count(" & ") == 4 for r in body)


def test_latex_table_float_with_caption_and_label(df):
    tex = gt.to_table(df, format="latex", caption="Results 100%", label="tab:r")
    assert tex.startswith("\\begin{table}[htbp]\n\\centering\n\\caption{Results 100\\%}\n\\label{tab:r}")
    assert tex.rstrip().endswith("\\end{table}")


def test_json(df):
    recs = json.loads(gt.to_table(df, format="json"))
    assert recs[0]["cost_ratio"] == "1/3" and recs[2]["cost_ratio"] == 2
    assert recs[1]["p"] is None and recs[2]["outcome"] is None
    assert recs[0]["strategy"] == ["1/2", "1/2"] and recs[0]["stable"] is True


def test_json_of_fractions_with_numpy_integer_parts():
    x = F(np.int64(3), np.int64(1))  # solvers working on numpy arrays can produce these
    assert json.loads(gt.to_table([{"a": x, "b": F(np.int64(1), np.int64(4))}], format="json")) == [{"a": 3, "b": "1/4"}]


def test_csv_round_trip_keeps_fractions(df, tmp_path):
    path = tmp_path / "t.csv"
    text = gt.to_table(df, format="csv", path=path)
    assert path.read_text() == text
    back = read_csv(path)
    assert back["cost_ratio"].tolist() == [F(1, 3), F(-2, 5), 2]
    assert back["p"].tolist()[0] == 0.123456789012 and math.isnan(back["p"].tolist()[1])
    assert back["outcome"].tolist() == ["war & peace", "deterred", None]
    assert back["strategy"].tolist() == [(F(1, 2), F(1, 2)), (1, 0), (0.25, 0.75)]
    assert back["stable"].tolist() == [True, False, True]


cells = st.one_of(
    st.integers(-10**6, 10**6),
    st.fractions(max_denominator=1000),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(alphabet="abc xyz,\"'|&_", min_size=1, max_size=8).filter(lambda s: parse_value(s) == s and s.strip() == s),
    st.none(),
)


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=8))
def test_csv_round_trip_property(rows):
    df = pd.DataFrame(rows, columns=["a", "b"], dtype=object)
    back = read_csv(gt.to_table(df, format="csv", digits=17))  # 17 digits: every float exact
    assert back.shape == df.shape
    for c in df.columns:
        for x, y in zip(df[c], back[c]):
            if x is None:
                assert y is None or (isinstance(y, float) and math.isnan(y))
            elif isinstance(x, F) and x.denominator == 1:
                assert y == x
            else:
                assert y == x and type(y) is type(x)


def test_several_equilibria_are_rows_with_an_index():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # battle of the sexes
    eqs = gt.solve(g)
    md = gt.to_table(eqs)
    lines = md.splitlines()
    # one column per player/strategy entry (Equilibrium.to_row), named by the game's labels
    assert lines[0].startswith("| equilibrium | P1: s1 | P1: s2 | P2: s1 | P2: s2 | payoff P1 | payoff P2")
    assert len(lines) == 2 + 3
    assert "| 2 | 2/3 | 1/3 | 1/3 | 2/3 | 2/3 | 2/3 |" in md
    frame = equilibria_frame(eqs, stakes=1)
    assert frame["equilibrium"].tolist() == [0, 1, 2] and (frame["stakes"] == 1).all()


def test_list_of_dicts_and_errors():
    assert "| 1 | x |" in gt.to_table([{"a": 1, "b": "x"}])
    with pytest.raises(GameError, match="unknown table format"):
        gt.to_table(pd.DataFrame({"a": [1]}), format="html")
    with pytest.raises(GameError, match="needs a DataFrame"):
        gt.to_table(42)
    with pytest.raises(GameError, match="digits"):
        gt.to_table(pd.DataFrame({"a": [1]}), digits=0)
    with pytest.raises(ParseError, match="line 3"):
        read_csv("a,b\n1,2\n3\n")


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    p = tmp_path / "t.md"
    p.write_text("old")
    gt.to_table(pd.DataFrame({"a": [F(1, 2)]}), path=p)
    assert p.read_text().splitlines()[2] == "| 1/2 |"
    assert os.listdir(tmp_path) == ["t.md"]
    with pytest.raises(GameError, match="dir.md.*does not exist"):
        gt.to_table(pd.DataFrame({"a": [1]}), path=tmp_path / "no" / "such" / "dir.md")
    assert os.listdir(tmp_path) == ["t.md"]


def test_jupyter_display():
    t = gt.to_table(pd.DataFrame({"a": [1]}))
    assert isinstance(t, Table) and isinstance(t, str)
    assert t._repr_markdown_() == str(t) and t._repr_latex_() is None
    tl = gt.to_table(pd.DataFrame({"a": [1]}), format="latex")
    assert tl._repr_latex_() == str(tl) and tl._repr_markdown_() is None


def test_format_value_details():
    assert format_value(F(6, 3)) == "2"
    assert format_value(np.int64(3)) == "3"
    assert format_value(float("inf"), "latex") == "$\\infty$"
    assert format_value(2 / 3, digits=3) == "0.667"
    assert format_value("a_b#", "latex") == "a\\_b\\#"
    assert format_value({"strong": F(1, 3)}, "markdown") == "{strong: 1/3}"


def test_game_to_latex_two_players():
    g = gt.NormalFormGame.from_bimatrix(
        [[3, 1], [4, 2]], [[3, 4], [F(1, 2), 2]], strategy_labels=[["C", "D"], ["C", "D"]], player_labels=["Row", "Col"]
    )
    tex = game_to_latex(g)
    assert tex.splitlines() == [
        "\\begin{tabular}{r|cc}",
        "Row\\textbackslash{}Col & C & D \\\\ \\hline",
        "C & $3, 3$ & $1, 4$ \\\\",
        "D & $4, \\frac{1}{2}$ & $2, 2$ \\\\",
        "\\end{tabular}",
    ]


def test_game_to_latex_three_players_and_errors():
    A = np.arange(8).reshape(2, 2, 2)
    g = gt.NormalFormGame([A, A, -A])
    tex = game_to_latex(g, caption="Three")
    assert tex.count("\\begin{tabular}") == 2 and "P3 plays s2" in tex and "\\caption{Three}" in tex
    with pytest.raises(GameError):
        game_to_latex("chicken")


def test_game_to_latex_tree():
    t = gt.ExtensiveFormGame(players=["C", "D"])
    sq, ch = t.decision(t.root, player="C", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1])
    a, b = t.decision(ch, player="D", actions=["resist", "concede"])
    t.terminal(a, payoffs=[-1, F(-1, 2)])
    t.terminal(b, payoffs=[1, 0])
    tex = game_to_latex(t)
    assert tex.startswith("\\begin{tikzpicture}") and tex.rstrip().endswith("\\end{tikzpicture}")
    assert tex.count("\\node[decision") == 2 and tex.count("\\node[terminal") == 3
    assert "$(-1, -\\frac{1}{2})$" in tex and "{status quo}" in tex
    assert tex.count("\\draw (n") == 4


def test_tables_of_tree_and_signaling_equilibria():
    # entry deterrence tree: the unique SPE is (challenge, concede)
    t = gt.ExtensiveFormGame(players=["C", "D"])
    sq, ch = t.decision(t.root, player="C", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1], label="SQ")
    r, c = t.decision(ch, player="D", actions=["resist", "concede"])
    t.terminal(r, payoffs=[-1, F(-1, 2)], label="war")
    t.terminal(c, payoffs=[1, 0], label="concession")
    md = gt.to_table(gt.backward_induction(t))
    assert "| 0 | C: challenge > D: concede | concession | 1 | 0 |" in md

    # beer-quiche (Cho & Kreps 1987): two pooling PBE, only the beer one is intuitive
    def sender(ty, m, a):
        return (1 if (ty == "strong") == (m == "beer") else 0) + (2 if a == "not" else 0)

    def receiver(ty, m, a):
        return 1 if (a == "duel") == (ty == "weak") else 0

    sg = gt.SignalingGame(types=["strong", "weak"], prior=[F(9, 10), F(1, 10)], messages=["beer", "quiche"],
                          actions=["duel", "not"], sender_payoff=sender, receiver_payoff=receiver)
    frame = equilibria_frame(gt.perfect_bayesian_equilibria(sg))
    assert frame["kind"].tolist() == ["pooling", "pooling"]
    beer = frame[frame["sender strong"] == "beer"].iloc[0]
    assert beer["intuitive"] and (beer["belief beer: strong"], beer["belief beer: weak"]) == (F(9, 10), F(1, 10))
    assert beer["payoff sender strong"] == 3 and beer["payoff receiver"] == F(9, 10)
    quiche = frame[frame["sender strong"] == "quiche"].iloc[0]
    assert not quiche["intuitive"]
    tex = gt.to_table(gt.perfect_bayesian_equilibria(sg), format="latex")
    assert "\\frac{9}{10}" in tex and "belief beer: strong" in tex


def test_large_numeric_tables_render():
    # timing: benchmarks/bench_limits.py (reported there, never asserted)
    n = 200_000
    df = pd.DataFrame({"x": np.linspace(0, 1, n), "k": np.arange(n), "y": np.where(np.arange(n) % 7 == 0, np.nan, 1.5)})
    text = gt.to_table(df, format="csv")
    back = read_csv(text)
    # CSV floats carry 12 significant digits (DATA_DIGITS); digits=17 would be exact
    want = np.array([float(f"{v:.12g}") for v in df["x"]])
    assert np.array_equal(back["x"].to_numpy(), want) and back["k"].tolist() == df["k"].tolist()
    np.testing.assert_allclose(back["x"].to_numpy(), df["x"].to_numpy(), rtol=5e-12, atol=0)
    assert back["y"].isna().sum() == df["y"].isna().sum()


def test_symbolic_conditions_print_as_latex():
    import sympy as sp

    a, b = sp.symbols("a b", real=True)
    g = gt.symbolic.SymbolicGame([[[a, 0], [0, 1]], [[1, 0], [0, b]]], params=[a, b])
    rows = [{"profile": k, "conditions": tuple(v)} for k, v in g.conditions().items()]
    tex = gt.to_table(rows, format="latex")
    assert "a \\geq 0" in tex and "\\text{s1}" in tex
    md = gt.to_table(rows)
    assert "(a >= 0)" in md
    assert json.loads(gt.to_table([{"x": sp.Rational(1, 3), "c": a >= 0}], format="json")) == [{"x": "1/3", "c": "a >= 0"}]
