"""Expression strings in symbolic games are parsed by a whitelist, never evaluated as Python."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

import gametheory as gt
from gametheory.symbolic import SymbolicGame, SymbolicSignalingGame, SymbolicTree, simplify_condition

a, b = sp.symbols("a b", real=True)


def _attacks(path) -> list[str]:
    """Strings that create ``path`` if anything evaluates them as Python."""
    p = str(path)
    return [
        f"__import__('pathlib').Path({p!r}).touch()",
        f"open({p!r}, 'w')",
        f"a.__class__.__mro__[1].__subclasses__() or open({p!r}, 'w')",
        f"(lambda: open({p!r}, 'w'))()",
        f"[open({p!r}, 'w') for _ in (1,)]",
        f"exec(\"open({p!r}, 'w')\")",
        f"Rational(1, 3).__class__ and open({p!r}, 'w')",
        f"sqrt.__globals__['__builtins__']['open']({p!r}, 'w')",
        f"Symbol('x') + open({p!r}, 'w')",
        f"a + 1 if open({p!r}, 'w') else 0",
    ]


def test_from_bimatrix_refuses_code_and_runs_none(tmp_path):
    target = tmp_path / "pwned"
    for text in _attacks(target):
        with pytest.raises(gt.GameError):
            SymbolicGame.from_bimatrix([[text, 0], [0, 1]], [[0, 0], [0, 0]], params=["a"])
        with pytest.raises(gt.GameError):
            SymbolicGame.from_bimatrix([[text, 0], [0, 1]], [[0, 0], [0, 0]])  # no fixed parameter list
        assert not target.exists(), text


def test_values_refuse_code_and_run_none(tmp_path):
    target = tmp_path / "pwned"
    g = SymbolicGame.from_bimatrix([[a, 0], [0, b]], [[1, 0], [0, 1]], params=[a, b])
    for text in _attacks(target):
        with pytest.raises(gt.GameError):
            g.equilibria_at(a=text, b=1)
        with pytest.raises(gt.GameError):
            g.substitute(a=text, b=1)
        with pytest.raises(gt.GameError):
            simplify_condition(text)
        assert not target.exists(), text


def test_trees_and_signaling_games_refuse_code(tmp_path):
    target = tmp_path / "pwned"
    text = _attacks(target)[0]
    with pytest.raises(gt.GameError):
        SymbolicTree({"player": "A", "actions": {"x": (text,), "y": (0,)}}, params=["a"])
    with pytest.raises(gt.GameError):
        SymbolicSignalingGame(["s", "w"], [text, "1/2"], ["m"], ["x"], lambda t, m, x: 0, lambda t, m, x: 0)
    sg = SymbolicSignalingGame(["s", "w"], ["a", "1 - a"], ["m"], ["x"], lambda t, m, x: 0, lambda t, m, x: 0, params=["a"])
    with pytest.raises(gt.GameError):
        sg.substitute(a=text)
    assert not target.exists()


def test_tuples_holding_strings_are_refused(tmp_path):
    """sympify(strict=True) still evaluates strings nested in a tuple."""
    target = tmp_path / "pwned"
    with pytest.raises(gt.GameError, match="not a number or sympy expression"):
        SymbolicTree({"player": "A", "actions": {"x": ((f"open({str(target)!r}, 'w')",),), "y": (0,)}})
    assert not target.exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a+1", a + 1),
        ("2*b/3", 2 * b / 3),
        ("a**2", a**2),
        ("a^2", a**2),
        ("-(a - b) * 3", -3 * (a - b)),
        ("Rational(1, 3)", sp.Rational(1, 3)),
        ("0.1", sp.Rational(1, 10)),
        ("1.5e-3", sp.Rational(3, 2000)),
        ("1e400", sp.Integer(10) ** 400),
        ("sqrt(a) + exp(0) + log(1) + Abs(-2) + Min(a, b) + Max(1, 2)", sp.sqrt(a) + 1 + 2 + sp.Min(a, b) + 2),
        ("pi*a", sp.pi * a),
    ],
)
def test_valid_strings_still_work(text, expected):
    g = SymbolicGame.from_bimatrix([[text, 0], [0, 1]], [[0, 0], [0, 0]], params=[a, b])
    assert sp.simplify(g.payoffs[0][0, 0] - expected) == 0


def test_string_values_are_exact():
    g = SymbolicGame.from_bimatrix([["a", 0], [0, "b"]], [[1, 0], [0, 1]], params=["a", "b"])
    num = g.substitute(a="1/3", b="0.1")
    assert num.payoffs[0][0, 0] == F(1, 3) and num.payoffs[0][1, 1] == F(1, 10)
    assert g.equilibria_at(a="1/3", b="2*Rational(1, 4)") == g.equilibria_at(a=F(1, 3), b=F(1, 2))


@pytest.mark.parametrize(
    "text, match",
    [
        ("c + 1", "not among the parameters"),
        ("foo(a)", "calling 'foo'"),
        ("a.real", "Attribute"),
        ("__a", "name '__a'"),
        ("2**10**9", "digits"),
        ("1e100000000", "out of range"),
        ("9" * 5000, "digits"),
        ("(" * 4000 + "a" + ")" * 4000, "nested|valid expression"),
        ("-" * 9000 + "a", "nested|valid expression"),
        ("a" * 20_000, "longer than"),
        ("1 +", "not a valid expression"),
        ("'a'", "literal"),
        ("1j", "literal"),
        ("Rational(1, q=2)", "keyword"),
        ("Rational(a, b)", "Rational"),
    ],
)
def test_bad_strings_name_the_problem(text, match):
    with pytest.raises(gt.InvalidGameError, match=match):
        SymbolicGame.from_bimatrix([[text, 0], [0, 1]], [[0, 0], [0, 0]], params=[a, b])


def test_evaluate_reads_string_conditions_safely(tmp_path):
    import numpy as np

    from gametheory.symbolic import evaluate

    target = tmp_path / "pwned"
    for text in _attacks(target) + [f"open({str(target)!r}, 'w') >= 1"]:
        with pytest.raises(gt.GameError):
            evaluate(text)
        with pytest.raises(gt.GameError):
            evaluate({"k": [text]})
        assert not target.exists(), text
    a_vals = np.array([0, F(1, 2), 2], dtype=object)
    assert evaluate("a >= 1/2", a=a_vals).tolist() == evaluate(sp.Ge(a, sp.Rational(1, 2)), a=a_vals).tolist()
    assert evaluate({"k": ["a >= 1/2", "b < a"]}, a=a_vals, b=1)["k"].tolist() == [False, False, True]
