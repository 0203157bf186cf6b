"""Safe parsing of expression strings for symbolic games (private module).

``sympy.sympify`` and ``parse_expr`` run Python ``eval`` on their input, so a payoff or a
parameter value typed as ``"__import__('os').system(...)"`` would run.  Strings are
instead read by :func:`parse_expression`: Python's own parser (``ast.parse``, which builds a
syntax tree and evaluates nothing) followed by a whitelist check of the *whole* tree before
any sympy object is built.  Allowed:

* numbers: integers (at most :data:`MAX_DIGITS` digits) and decimals such as ``0.25`` or
  ``1.5e-3``, read exactly as rationals (decimal exponent at most :data:`MAX_EXPONENT`);
* names: the game's parameters (any identifier when the game has no fixed parameter
  list), and the constants ``pi`` and ``E``;
* ``+ - * / ** ^`` (``^`` is a power, as in sympy) and parentheses;
* calls of :data:`FUNCTIONS` (``Rational(1, 3)``, ``sqrt(a)``, ...) with positional
  arguments.

Everything else (attribute access, subscripts, dunder or private names, lambda,
comprehensions, keyword arguments, strings, calls of any other name) is an
:class:`~gametheory.errors.InvalidGameError` raised before anything is evaluated.
"""

from __future__ import annotations

import ast
import numbers
import math
import re
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from ..errors import InvalidGameError

#: longest expression string accepted
MAX_LENGTH = 10_000
#: most digits of an integer literal (Python's own int-from-text limit)
MAX_DIGITS = 4_300
#: largest decimal exponent of a number literal (``1e400`` is fine, ``1e10000000`` is not)
MAX_EXPONENT = 4_300
#: most digits of a number built by ``**`` from two numbers
MAX_POWER_DIGITS = 10_000

#: functions a string may call (name -> sympy callable)
FUNCTIONS: Mapping[str, Any] = {
    "Rational": sympy.Rational,
    "sqrt": sympy.sqrt,
    "exp": sympy.exp,
    "log": sympy.log,
    "Abs": sympy.Abs,
    "abs": sympy.Abs,
    "Min": sympy.Min,
    "Max": sympy.Max,
}
#: constants a string may name (a parameter of the same name takes precedence)
CONSTANTS: Mapping[str, Any] = {"pi": sympy.pi, "E": sympy.E}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_DECIMAL = re.compile(r"(\d[\d_]*)?(?:\.(\d[\d_]*)?)?(?:[eE]([+-]?\d+))?")
_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.BitXor)


def parse_expression(text: str, what: str, symbols: Mapping[str, sympy.Symbol] | None) -> sympy.Expr:
    """Parse ``text`` into a sympy expression without evaluating any Python.

    ``symbols`` maps the allowed names to their symbols; ``None`` allows any plain
    identifier (a new ``sympy.Symbol``).  Raises :class:`InvalidGameError` naming
    ``what`` and the offending part for anything outside the whitelist.
    """
    if len(text) > MAX_LENGTH:
        raise InvalidGameError(f"{what}: the expression is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        msg = exc.msg if isinstance(exc, SyntaxError) else type(exc).__name__
        raise InvalidGameError(f"{what} is not a valid expression: {text!r} ({msg})") from None
    try:
        _check(tree.body, text, what, symbols)  # the whole tree, before anything is built
        return _build(tree.body, text, what, symbols)
    except RecursionError:
        raise InvalidGameError(f"{what}: the expression {text!r} is nested too deeply") from None


def _refuse(what: str, text: str, part: str) -> InvalidGameError:
    return InvalidGameError(f"{what}: {part} is not allowed in an expression ({text!r}); "
                            "use numbers, parameter names, + - * / ** and " + ", ".join(FUNCTIONS))


def _check(node: ast.AST, text: str, what: str, symbols: Mapping[str, sympy.Symbol] | None) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise _refuse(what, text, f"the literal {ast.get_source_segment(text.strip(), node) or node.value!r}")
        return
    if isinstance(node, ast.Name):
        _name(node.id, text, what, symbols)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        _check(node.operand, text, what, symbols)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, _BINOPS):
        _check(node.left, text, what, symbols)
        _check(node.right, text, what, symbols)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            callee = node.func.id if isinstance(node.func, ast.Name) else ast.get_source_segment(text.strip(), node.func)
            raise _refuse(what, text, f"calling {callee!r}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise _refuse(what, text, f"keyword or starred arguments of {node.func.id}")
        for a in node.args:
            _check(a, text, what, symbols)
        return
    raise _refuse(what, text, f"{type(node).__name__} ({ast.get_source_segment(text.strip(), node)!r})")


def _name(name: str, text: str, what: str, symbols: Mapping[str, sympy.Symbol] | None) -> Any:
    if symbols is not None and name in symbols:
        return symbols[name]
    if name in CONSTANTS:
        return CONSTANTS[name]
    if symbols is None and _NAME.fullmatch(name) and name not in FUNCTIONS:
        return sympy.Symbol(name)
    if symbols is not None and _NAME.fullmatch(name) and name not in FUNCTIONS:
        raise InvalidGameError(
            f"{what} uses symbols {name} that are not among the parameters ({', '.join(symbols) or 'none'})"
        )
    raise _refuse(what, text, f"the name {name!r}")


def _number(node: ast.Constant, text: str, what: str) -> sympy.Rational:
    src = (ast.get_source_segment(text.strip(), node) or "").replace("_", "")
    m = _DECIMAL.fullmatch(src)
    if isinstance(node.value, int) and not isinstance(node.value, bool):
        if len(str(abs(node.value))) > MAX_DIGITS:
            raise InvalidGameError(f"{what}: an integer has more than {MAX_DIGITS} digits")
        return sympy.Integer(node.value)
    if m is None or not src:
        raise _refuse(what, text, f"the number {src!r}")
    whole, frac, exp = m.group(1) or "0", m.group(2) or "", int(m.group(3) or 0)
    if abs(exp) > MAX_EXPONENT or len(whole) + len(frac) > MAX_DIGITS:
        raise InvalidGameError(
            f"{what}: the number {src[:40]!r} is out of range (at most {MAX_DIGITS} digits, exponent at most {MAX_EXPONENT})"
        )
    x = Fraction(int(whole + frac), 10 ** len(frac)) * Fraction(10) ** exp
    return sympy.Rational(x.numerator, x.denominator)


def _digits(x: sympy.Rational) -> float:
    """Decimal digits of numerator and denominator together (logarithms: no huge str())."""
    return math.log10(abs(int(x.p))) + math.log10(int(x.q)) + 1


def _build(node: ast.AST, text: str, what: str, symbols: Mapping[str, sympy.Symbol] | None) -> Any:
    if isinstance(node, ast.Constant):
        return _number(node, text, what)
    if isinstance(node, ast.Name):
        return _name(node.id, text, what, symbols)
    if isinstance(node, ast.UnaryOp):
        v = _build(node.operand, text, what, symbols)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a = _build(node.left, text, what, symbols)
        b = _build(node.right, text, what, symbols)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Div):
            return a / b
        # ** and ^: a power; bound exact numeric powers before sympy computes them
        if isinstance(b, sympy.Integer) and isinstance(a, sympy.Rational) and a not in (0, 1, -1):
            if abs(int(b)) * _digits(a) > MAX_POWER_DIGITS:
                raise InvalidGameError(f"{what}: the power in {text!r} has more than {MAX_POWER_DIGITS} digits")
        return a**b
    if isinstance(node, ast.Call):
        args = [_build(a, text, what, symbols) for a in node.args]
        try:
            return FUNCTIONS[node.func.id](*args)
        except (TypeError, ValueError) as exc:
            raise InvalidGameError(f"{what}: {node.func.id}{tuple(args)} is not valid ({exc})") from None
    raise _refuse(what, text, type(node).__name__)  # unreachable: _check ran first


_RELATIONS = {ast.Lt: sympy.Lt, ast.LtE: sympy.Le, ast.Gt: sympy.Gt, ast.GtE: sympy.Ge}


def parse_relation(text: str, what: str, symbols: Mapping[str, sympy.Symbol] | None = None) -> Any:
    """A condition string ``"lhs >= rhs"`` (one of ``< <= > >=``, sides as in
    :func:`parse_expression`) as a sympy relation, without evaluating any Python."""
    if len(text) > MAX_LENGTH:
        raise InvalidGameError(f"{what}: the condition is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        msg = exc.msg if isinstance(exc, SyntaxError) else type(exc).__name__
        raise InvalidGameError(f"{what} is not a valid condition: {text!r} ({msg})") from None
    node = tree.body
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _RELATIONS):
        raise InvalidGameError(f"{what} must be one comparison LHS <, <=, > or >= RHS; got {text!r}")
    try:
        for side in (node.left, node.comparators[0]):
            _check(side, text, what, symbols)
        lhs = _build(node.left, text, what, symbols)
        rhs = _build(node.comparators[0], text, what, symbols)
    except RecursionError:
        raise InvalidGameError(f"{what}: the condition {text!r} is nested too deeply") from None
    return _RELATIONS[type(node.ops[0])](lhs, rhs)


def parse_value(x: Any, what: str) -> Any:
    """A parameter value to substitute: floats stay floats; anything else (ints, Fractions,
    sympy numbers, expression strings) becomes an exact sympy number, strings through
    :func:`parse_expression` with no names allowed."""
    if isinstance(x, float):
        return x
    return to_expression(x, what, ())


def parameters(params: Any) -> tuple[sympy.Symbol, ...]:
    """Parameter names or Symbols as a tuple of distinct sympy Symbols (names become real symbols)."""
    if params is None:
        return ()
    if isinstance(params, (str, sympy.Symbol)):
        params = [params]
    out = []
    for p in params:
        if isinstance(p, str):
            out.append(sympy.Symbol(p, real=True))
        elif isinstance(p, sympy.Symbol):
            out.append(p)
        else:
            raise InvalidGameError(f"parameters must be sympy Symbols or names; got {p!r}")
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        raise InvalidGameError(f"parameter names must be distinct; got {names}")
    return tuple(out)


def to_expression(x: Any, what: str, params: Sequence[sympy.Symbol] | None) -> sympy.Expr:
    """A payoff, probability or value as a finite real sympy expression in ``params`` (``None``:
    any symbols); strings through :func:`parse_expression`, never ``sympify``."""
    if isinstance(x, bool):
        raise InvalidGameError(f"{what} is a bool ({x!r}); give a number or a sympy expression")
    if isinstance(x, float):
        x = sympy.nsimplify(x, rational=True) if np.isfinite(x) else x
    if isinstance(x, str):
        # never sympify a string: it runs Python eval (see symbolic_parse)
        e = parse_expression(x, what, None if params is None else {p.name: p for p in params})
    elif isinstance(x, (sympy.Basic, numbers.Number)) or hasattr(x, "_sympy_"):
        try:
            e = sympy.sympify(x, strict=True)
        except (sympy.SympifyError, TypeError, ValueError) as exc:
            raise InvalidGameError(f"{what} is not a number or sympy expression: {x!r} ({exc})") from None
    else:
        # containers are refused too: sympify evaluates strings nested in a tuple even when strict
        raise InvalidGameError(
            f"{what} is not a number or sympy expression (or expression string): {type(x).__name__} {x!r}"
        )
    if not isinstance(e, sympy.Expr):
        raise InvalidGameError(f"{what} is not an algebraic expression: {e!r}")
    if e.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        raise InvalidGameError(f"{what} is not finite: {e}")
    if e.is_real is False:
        raise InvalidGameError(f"{what} is not real: {e}")
    if params is not None:
        # a Symbol("a") in the payoffs and the parameter "a" (real) are the same parameter
        by_name = {p.name: p for p in params}
        rep = {x: by_name[x.name] for x in e.free_symbols if x.name in by_name and x != by_name[x.name]}
        if rep:
            e = e.xreplace(rep)
        unknown = e.free_symbols - set(params)
        if unknown:
            names = ", ".join(sorted(str(s) for s in unknown))
            raise InvalidGameError(
                f"{what} uses symbols {names} that are not among the parameters "
                f"({', '.join(p.name for p in params) or 'none'})"
            )
    return e
