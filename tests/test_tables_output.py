"""Output never fails on valid results: huge exact numbers print in full; labels cannot break
Markdown rows or LaTeX, nor run as spreadsheet formulas in CSV."""

from __future__ import annotations

import io
import json
import re
import sys
from fractions import Fraction as F

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.numbers import int_text, json_loads, parse_int
from gametheory.io.gambit import format_nfg
from gametheory.io.json import equilibria_to_json, game_from_json, game_to_json
from gametheory.tables import format_value, read_csv

# 5,000 digits, beyond Python's default 4,300-digit str() limit; built from text pieces
# each under the limit, so the expected digits are known without converting the integer
DIGITS = ("3141592653" * 500).lstrip("0")
BIG = int(DIGITS[:4000]) * 10 ** (len(DIGITS) - 4000) + int(DIGITS[4000:])
DEN = DIGITS[:-1] + str(int(DIGITS[-1]) + 1)  # BIG + 1: coprime to BIG, so BIG/BIG_DEN is in lowest terms
BIG_DEN = BIG + 1
assert DIGITS[-1] != "9"
FORMATS = ("markdown", "csv", "latex", "json")


@pytest.fixture(autouse=True)
def _limit_untouched():
    before = sys.get_int_max_str_digits()
    yield
    assert sys.get_int_max_str_digits() == before  # the library never changes it


def test_the_test_numbers_are_beyond_the_limit():
    with pytest.raises(ValueError):
        str(BIG)
    assert int_text(BIG) == DIGITS and int_text(-BIG) == "-" + DIGITS
    assert parse_int(DIGITS) == BIG and parse_int("-" + DEN) == -BIG_DEN and F(BIG, BIG_DEN).numerator == BIG
    assert int_text(12) == "12" and int_text(-(10**700)) == "-1" + "0" * 700


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_print_huge_integers_and_fractions_in_full(fmt):
    q = F(BIG, BIG_DEN)
    df = pd.DataFrame({"n": [BIG, -BIG, 3], "q": [q, -q, F(1, 2)], "t": [(q, 1 - q), (F(0), F(1)), (1, 0)]})
    text = gt.to_table(df, format=fmt)
    assert text.count(DIGITS) == 5 and text.count(DEN) == 4  # n: 2, q: 2, t: q and 1 - q = 1/BIG_DEN
    if fmt == "latex":
        assert f"$-\\frac{{{DIGITS}}}{{{DEN}}}$" in text
    elif fmt == "json":
        rows = json_loads(text)
        assert [r["n"] for r in rows] == [BIG, -BIG, 3]
        assert [r["q"] for r in rows] == [f"{DIGITS}/{DEN}", f"-{DIGITS}/{DEN}", "1/2"]
    elif fmt == "csv":
        back = read_csv(text)
        assert back.n.tolist() == [BIG, -BIG, 3] and back.q.tolist() == [q, -q, F(1, 2)]
        assert back.t.tolist()[0] == (q, 1 - q)
    else:
        assert f"| {DIGITS} | {DIGITS}/{DEN} |" in text
    assert format_value(q, fmt if fmt != "json" else "csv") in (f"{DIGITS}/{DEN}", f"$\\frac{{{DIGITS}}}{{{DEN}}}$")


def _huge_game():
    x = F(BIG + 1, BIG)  # a payoff just above 1 whose numerator has 5,000 digits
    return gt.NormalFormGame.from_bimatrix([[x, 0], [0, 1]], [[1, 0], [0, x]]), x


def test_equilibria_of_a_game_with_huge_exact_payoffs_print_everywhere():
    g, x = _huge_game()
    eqs = gt.solve(g)
    assert len(eqs) == 3
    num = int_text(x.numerator)
    pure = [e for e in eqs if e.is_pure and e.pure_profile == (0, 0)][0]
    assert f"payoffs=({num}/{DIGITS}, 1)" in repr(pure) and num in pure._repr_html_()
    for fmt in FORMATS:
        assert num in gt.to_table(eqs, format=fmt)
    back = read_csv(gt.to_table(eqs, format="csv"))
    assert [(a, b) for a, b in zip(back["P1: s1"], back["P1: s2"])] == [tuple(e.strategies[0]) for e in eqs]
    # game files and JSON documents of such games, and back
    assert game_from_json(game_to_json(g)) == g
    assert num in equilibria_to_json(eqs) and num in format_nfg(g)


def test_tree_equilibrium_repr_with_huge_payoffs():
    t = gt.ExtensiveFormGame(players=["1", "2"])
    left, right = t.decision(t.root, "1", ["L", "R"])
    t.terminal(left, [BIG, 0], label="L")
    t.terminal(right, [F(1, BIG_DEN), 1], label="R")
    (e,) = gt.backward_induction(t)
    assert DIGITS in repr(e) and DIGITS in e._repr_html_()
    assert DIGITS in gt.to_table([e], format="markdown")


def test_json_documents_of_huge_integers_use_exact_numbers():
    text = gt.to_table(pd.DataFrame({"n": [BIG]}), format="json")
    assert re.search(rf'"n": {DIGITS}\n', text)
    assert json.loads(text, parse_int=parse_int) == [{"n": BIG}]


# ---------------------------------------------------------------------- Markdown
def _md_cells(line: str) -> list[str]:
    """The cells of a GFM table row: split at pipes not escaped by a backslash."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells, cur, k, body = [], "", 0, line[2:-2]
    while k < len(body):
        c = body[k]
        if c == "\\" and k + 1 < len(body):
            cur += body[k : k + 2]
            k += 2
            continue
        if body.startswith(" | ", k):
            cells.append(cur)
            cur, k = "", k + 3
            continue
        cur += c
        k += 1
    cells.append(cur)
    return [re.sub(r"\\(.)", r"\1", c.replace("<br>", "\n")) for c in cells]


LABEL_CHARS = "ab |\\\n\r=-+@'&%$#_{}~^<>"


@given(st.lists(st.text(alphabet=LABEL_CHARS, min_size=1, max_size=8), min_size=1, max_size=5))
def test_markdown_rows_survive_any_label(labels):
    labels = [f"x{s}y" for s in labels]  # cell text is trimmed in Markdown: keep ends visible
    df = pd.DataFrame({"label|\\\n": labels, "n": range(len(labels))})
    lines = gt.to_table(df, format="markdown").splitlines()
    assert len(lines) == len(labels) + 2
    assert _md_cells(lines[0]) == ["label|\\\n", "n"]
    for line, label, n in zip(lines[2:], labels, range(len(labels))):
        want = label.replace("\r\n", "\n").replace("\r", "\n")
        assert _md_cells(line) == [want, str(n)]


def test_markdown_escapes_concrete_cases():
    df = pd.DataFrame({"who": ["a|b", "two\nlines", "back\\", "c\\|d"]})
    rows = gt.to_table(df).splitlines()[2:]
    assert rows == ["| a\\|b |", "| two<br>lines |", "| back\\\\ |", "| c\\\\\\|d |"]


# ---------------------------------------------------------------------- LaTeX
_UNESCAPE = [
    (r"\textbackslash{}", "\\"),
    (r"\textasciitilde{}", "~"),
    (r"\textasciicircum{}", "^"),
    (r"\textless{}", "<"),
    (r"\textgreater{}", ">"),
    (r"\textbar{}", "|"),
]


def _latex_text(s: str) -> str:
    out, k = "", 0
    while k < len(s):
        for esc, c in _UNESCAPE:
            if s.startswith(esc, k):
                out, k = out + c, k + len(esc)
                break
        else:
            if s[k] == "\\":
                assert s[k + 1] in "&%$#_{}", s  # only escaped specials remain
                out, k = out + s[k + 1], k + 2
            else:
                assert s[k] not in "&%$#_{}~^\\<>|\n\r", s
                out, k = out + s[k], k + 1
    return out


@given(st.lists(st.text(alphabet=LABEL_CHARS, min_size=1, max_size=8), min_size=1, max_size=5))
def test_latex_rows_survive_any_label(labels):
    df = pd.DataFrame({"label": labels, "n": range(len(labels))})
    text = gt.to_table(df, format="latex", caption="a_b & 50%\n\nc")
    lines = text.splitlines()
    assert "" not in lines  # a blank line would end the tabular's paragraph
    body = lines[lines.index("\\midrule") + 1 : lines.index("\\bottomrule")]
    assert len(body) == len(labels)
    for line, label, n in zip(body, labels, range(len(labels))):
        cell, num = line[: -len(r" \\")].rsplit(" & ", 1)
        assert _latex_text(cell) == re.sub(r"\r\n|\r|\n", " ", label) and num == str(n)
    assert "\\caption{a\\_b \\& 50\\%  c}" in text


# ---------------------------------------------------------------------- CSV
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]


@given(
    st.lists(
        st.tuples(st.sampled_from(FORMULA_STARTS + ["'", "''", "a", "(", " "]), st.text(max_size=6)),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.integers(-(10**6), 10**6), min_size=6, max_size=6),
)
def test_csv_text_cells_never_start_a_formula_and_read_back(parts, ints):
    labels = [p + "x" + s for p, s in parts]
    ints = ints[: len(labels)]
    df = pd.DataFrame({"label": labels, "n": ints, "f": [-0.5] * len(labels), "q": [F(-1, 3)] * len(labels)})
    text = gt.to_table(df, format="csv")
    # a spreadsheet (pandas as its stand-in) sees no cell of text that starts a formula ...
    seen = pd.read_csv(io.StringIO(text), keep_default_na=False)
    for cell, label in zip(seen.label, labels):
        assert not cell.startswith(tuple(FORMULA_STARTS)), cell
        assert cell == (("'" + label) if label.startswith(tuple(FORMULA_STARTS) + ("'",)) else label)
    # ... while numbers stay numbers
    assert seen.n.dtype.kind == "i" and seen.n.tolist() == ints
    assert seen.f.tolist() == [-0.5] * len(labels) and set(seen.q) == {"-1/3"}
    # and the library reads every label back as written
    back = read_csv(text)
    assert back.label.tolist() == labels and back.n.tolist() == ints and set(back.q) == {F(-1, 3)}


def test_csv_quotes_a_lone_carriage_return_and_reads_huge_integers_back():
    df = pd.DataFrame({"label": ["a\rb", "c\nd", ""], "n": [2**70, -(2**64), 1]})
    text = gt.to_table(df, format="csv")
    assert '"a\rb",1180591620717411303424\n' in text
    back = read_csv(text)
    assert back.label.tolist() == ["a\rb", "c\nd", None] and back.n.tolist() == [2**70, -(2**64), 1]
    assert pd.read_csv(io.StringIO(text), keep_default_na=False).label.tolist() == ["a\rb", "c\nd", ""]
    assert gt.to_table(pd.DataFrame({"only": [None, "x"]}), format="csv") == 'only\n""\nx\n'


def test_csv_negative_numbers_stay_numbers_and_headers_are_protected():
    df = pd.DataFrame({"=HYPERLINK(\"http://x\")": ["@SUM(A1)"], "payoff": [-1], "p": [F(-1, 2)], "x": [-2.5]})
    text = gt.to_table(df, format="csv")
    assert text.splitlines() == ['"\'=HYPERLINK(""http://x"")",payoff,p,x', "'@SUM(A1),-1,-1/2,-2.5"]
    seen = pd.read_csv(io.StringIO(text))
    assert seen.payoff.tolist() == [-1] and seen.x.tolist() == [-2.5]
    back = read_csv(text)
    assert list(back.columns)[0] == '=HYPERLINK("http://x")' and back.iloc[0, 0] == "@SUM(A1)"
    assert back.payoff.tolist() == [-1] and back.p.tolist() == [F(-1, 2)]


def test_csv_of_symbolic_values_protects_expressions_not_numbers():
    import sympy

    a = sympy.Symbol("a")
    text = gt.to_table(pd.DataFrame({"v": [-a - 1, sympy.Rational(-1, 3), sympy.Float(-0.5)]}), format="csv")
    assert text.splitlines()[1:] == ["'-a - 1", "-1/3", "-0.500000000000000"]
