"""Numbers as text, both ways: one bounded parser for what users and files write, and
exact printing of numbers of any size.

## Reading

Gambit files (``.nfg``/``.efg``, precision ``R`` or ``D`` alike), JSON game documents,
CSV tables read back, model parameters given as strings and the CLI's ``--param`` /
``--grid`` values all turn text into numbers here, so they accept the same syntax and
refuse the same inputs with the same :class:`~gametheory.errors.ParseError`.

Syntax (ASCII only)::

    [+-] digits [. digits] [e|E [+-] digits] [/ digits]      e.g. 3  -2.50  1e-3  1/3  .5

The value is exact: a :class:`~fractions.Fraction` built from the digits, never through
a binary float, so ``0.1`` is 1/10 (as Gambit reads it).  Bounds, checked on the text
*before* any number is built, so an 11-byte token such as ``1e100000000`` costs
microseconds, not minutes:

* :data:`MAX_DIGITS` (20,000): the numerator and the denominator of the value may each
  have at most this many decimal digits, counting the zeros an exponent adds, and the
  exponent itself has at most five digits (so ``1e-19999`` is the smallest power of ten,
  and ``0e100000000`` is refused too).  Parsing stays below a millisecond or so at that
  length; exact results printed by this library (see Writing) stay readable.
* :data:`MAX_ABS` (``sys.float_info.max``, about 1.8e308): larger magnitudes are refused,
  because the solvers compare and scale payoffs in double precision too.

Digits outside ASCII (``²``, Arabic-Indic digits: accepted by ``str.isdigit`` and
``int``) are refused by name.

## Writing

Decimal text of exact numbers of any size, without touching interpreter state.

Python refuses ``str(n)`` for integers of more than ``sys.get_int_max_str_digits()``
digits (4,300 by default, settable down to 640; a guard against quadratic-time
conversion, CVE-2020-10735).  Exact results can be that long (a 5,000-digit payoff
stays a valid payoff), so every display of a result converts through
:mod:`decimal`, whose ``Decimal(int)`` and ``str(Decimal)`` are exact, fast
(libmpdec is sub-quadratic) and not subject to the limit.  The process-wide limit is
neither read nor changed.
"""

from __future__ import annotations

import decimal
import json
import numbers
import re
import secrets
import sys
from fractions import Fraction
from typing import Any

from .errors import ParseError

__all__ = [
    "MAX_DIGITS", "MAX_ABS", "parse_number", "parse_count", "is_number_text", "looks_numeric",
    "int_text", "rational_text", "num_text", "repr_text", "parse_int", "json_dumps", "json_loads",
]

MAX_DIGITS = 20_000
MAX_ABS = sys.float_info.max

_SYNTAX = re.compile(
    r"(?P<sign>[+-]?)(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]*))?(?:[eE](?P<exp>[+-]?[0-9]+))?(?:/(?P<den>[0-9]+))?",
    re.ASCII,
)
_MAX_ABS_INT = int(MAX_ABS)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:20] + "..." + text[-10:] + f" ({len(text)} characters)"


def _fail(text: str, why: str, what: str, line: int | None) -> ParseError:
    return ParseError(f"{what} {_shown(text)!r} {why}", line)


def is_number_text(text: str) -> bool:
    """Whether ``text`` has the syntax of a number (its bounds are checked by :func:`parse_number`)."""
    m = _SYNTAX.fullmatch(text.strip())
    return m is not None and bool(m["int"] or m["frac"])


def looks_numeric(text: str) -> bool:
    """Whether ``text`` tries to be a number: it starts (after a sign or point) with a digit,
    ASCII or not (``str.isdigit`` also accepts ``²`` and Arabic-Indic digits)."""
    t = text.strip().lstrip("+-").lstrip(".")
    return bool(t) and t[0].isdigit()


def parse_number(
    text: str, what: str = "a number", line: int | None = None, *, max_digits: int = MAX_DIGITS,
    bounded: bool = True,
) -> Fraction:
    """The exact value of a number written as text (syntax and bounds in the module docstring).

    Parameters
    ----------
    text : str
        An integer, decimal, ``p/q`` or scientific notation (``1e-3``).
    what : str
        What the number is, for the error message.
    line : int, optional
        The line of a file, carried by the error.
    max_digits : int
        Longest accepted digit string.
    bounded : bool
        ``False`` drops the magnitude bound (for reading back tables this library wrote,
        whose exact results may be longer than any input).

    Returns
    -------
    fractions.Fraction

    Raises
    ------
    ParseError
        Bad syntax, non-ASCII digits, a zero denominator, or a value beyond the bounds;
        names ``what`` and the text (and ``line`` when given).

    References
    ----------
    McKelvey, R., McLennan, A. & Turocy, T. (2016). Gambit: software tools for game
    theory (the number syntax of its files).

    Examples
    --------
    >>> from gametheory.io import parse_number
    >>> parse_number("3/4"), parse_number("0.1"), parse_number("-2e3")
    (Fraction(3, 4), Fraction(1, 10), Fraction(-2000, 1))
    >>> parse_number("abc", "a payoff", line=3)
    Traceback (most recent call last):
    ...
    gametheory.errors.ParseError: line 3: expected a payoff, found 'abc' (numbers look like 3, -2.5, 1e-3 or 1/3)
    """
    t = text.strip()
    m = _SYNTAX.fullmatch(t)
    if m is None or not (m["int"] or m["frac"]):
        if any(c.isdigit() and not ("0" <= c <= "9") for c in t):
            raise _fail(text, "has a non-ASCII digit; write numbers with the digits 0-9", what, line)
        raise ParseError(f"expected {what}, found {_shown(text)!r} (numbers look like 3, -2.5, 1e-3 or 1/3)", line)
    int_part, frac_part = m["int"], m["frac"] or ""
    mantissa_digits = (int_part + frac_part).lstrip("0")
    den_text = (m["den"] or "1").lstrip("0")
    if not den_text:
        raise ParseError(f"division by zero in {what} {_shown(text)!r}", line)
    exp_text = (m["exp"] or "0").lstrip("+-").lstrip("0")
    if len(mantissa_digits) > max_digits or len(den_text) > max_digits:
        raise _fail(text, f"has more than {max_digits} digits", what, line)
    if len(exp_text) > len(str(MAX_DIGITS)):
        raise _fail(text, f"has an exponent beyond +-{MAX_DIGITS}", what, line)
    if not mantissa_digits:
        return Fraction(0)
    exp = int(m["exp"] or 0) - len(frac_part)  # value = mantissa * 10**exp / den
    # the bounds, from digit counts alone: nothing large is built before they hold
    num_len = len(mantissa_digits) + max(exp, 0)
    den_len = len(den_text) + max(-exp, 0)
    if num_len > max_digits or den_len > max_digits:
        raise _fail(text, f"needs more than {max_digits} digits (numerator or denominator)", what, line)
    if bounded and num_len - den_len > 310:  # at least 10**309 > MAX_ABS
        raise _fail(text, "is too large (beyond +-1.8e308, the double-precision range)", what, line)
    num = parse_int(mantissa_digits) * 10 ** max(exp, 0)
    den = parse_int(den_text) * 10 ** max(-exp, 0)
    if bounded and num > _MAX_ABS_INT * den:
        raise _fail(text, "is too large (beyond +-1.8e308, the double-precision range)", what, line)
    x = Fraction(num, den)
    return -x if m["sign"] == "-" else x


def parse_count(text: str, what: str = "a count", line: int | None = None, low: int = 0) -> int:
    """A non-negative integer written with ASCII digits (at most 18 of them), at least ``low``."""
    t = text.strip()
    if not re.fullmatch(r"[0-9]+", t, re.ASCII):
        if any(c.isdigit() and not ("0" <= c <= "9") for c in t):
            raise _fail(text, "has a non-ASCII digit; write numbers with the digits 0-9", what, line)
        raise ParseError(f"expected {what} (a non-negative integer), found {_shown(text)!r}", line)
    if len(t.lstrip("0")) > 18:
        raise _fail(text, "is too large", what, line)
    k = int(t)
    if k < low:
        raise ParseError(f"{what} must be at least {low}; found {k}", line)
    return k


# ---------------------------------------------------------------- writing
# below this many bits str() is safe under any allowed limit (640 digits > 2,000 bits)
_SAFE_BITS = 2000


def int_text(n: int) -> str:
    """The decimal digits of an integer of any size (``str(n)`` without the digit limit)."""
    n = int(n)
    if n.bit_length() <= _SAFE_BITS:
        return str(n)
    # Decimal(int) is exact whatever the context precision; str() of an exponent-0 Decimal is plain digits
    return str(decimal.Decimal(n))


def rational_text(q: Fraction) -> str:
    """``"a/b"``, or ``"a"`` for an integer, for a Fraction of any size (``str(q)`` without the limit)."""
    if q.denominator == 1:
        return int_text(q.numerator)
    return f"{int_text(q.numerator)}/{int_text(q.denominator)}"


def num_text(x: Any) -> str:
    """``str(x)``, except that integers and Fractions of any size print fully."""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, Fraction):
        return rational_text(x)
    if isinstance(x, numbers.Integral):
        return int_text(int(x))
    return str(x)


def repr_text(x: Any) -> str:
    """``repr(x)`` for ints, Fractions and (nested) tuples, lists and dicts of them, at any size."""
    if isinstance(x, bool):
        return repr(x)
    if type(x) is int:
        return int_text(x)
    if type(x) is Fraction:
        return f"Fraction({int_text(x.numerator)}, {int_text(x.denominator)})"
    if type(x) is tuple:
        inner = ", ".join(repr_text(v) for v in x)
        return f"({inner},)" if len(x) == 1 else f"({inner})"
    if type(x) is list:
        return "[" + ", ".join(repr_text(v) for v in x) + "]"
    if type(x) is dict:
        return "{" + ", ".join(f"{repr_text(k)}: {repr_text(v)}" for k, v in x.items()) + "}"
    return repr(x)


def parse_int(text: str) -> int:
    """The integer written in decimal ``text`` (``int(text)`` without the digit limit).

    ``text`` must already match ``[+-]?[0-9]+`` (ASCII digits); callers validate it.
    """
    if len(text) <= 600:
        return int(text)
    return int(decimal.Decimal(text))


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` that writes integers of any size as exact JSON numbers.

    ``json`` prints integers through ``int.__repr__`` and so fails beyond the digit
    limit: such integers are swapped for unique placeholder strings first and their
    digits put in place afterwards.  Read the text back with :func:`json_loads`.
    """
    token = secrets.token_hex(8)
    digits: list[str] = []

    def swap(x: Any) -> Any:
        if type(x) is int and x.bit_length() > _SAFE_BITS:
            digits.append(int_text(x))
            return f"@int-{token}-{len(digits) - 1}@"
        if isinstance(x, dict):
            return {k: swap(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [swap(v) for v in x]
        return x

    text = json.dumps(swap(obj), **kwargs)
    if not digits:
        return text
    return re.sub(f'"@int-{token}-([0-9]+)@"', lambda m: digits[int(m.group(1))], text)


def json_loads(text: str) -> Any:
    """``json.loads`` that reads integers of any size (the inverse of :func:`json_dumps`)."""
    return json.loads(text, parse_int=parse_int)
