"""Numbers written as text: the one parser behind every reader and the command line.

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

* :data:`MAX_DIGITS` (4000): the numerator and the denominator of the value may each
  have at most this many decimal digits, counting the zeros an exponent adds, and the
  exponent itself has at most four digits (so ``1e-3999`` is the smallest power of ten,
  and ``0e100000000`` is refused too).  Python refuses to print integers above 4,300
  digits; every number read here can be printed.
* :data:`MAX_ABS` (``sys.float_info.max``, about 1.8e308): larger magnitudes are refused,
  because the solvers compare and scale payoffs in double precision too.

Digits outside ASCII (``²``, Arabic-Indic digits: accepted by ``str.isdigit`` and
``int``) are refused by name.
"""

from __future__ import annotations

import re
import sys
from fractions import Fraction

from .errors import ParseError

__all__ = ["MAX_DIGITS", "MAX_ABS", "parse_number", "parse_count", "is_number_text", "looks_numeric"]

MAX_DIGITS = 4000
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


def parse_number(text: str, what: str = "a number", line: int | None = None) -> Fraction:
    """The exact value of a number written as text (syntax and bounds in the module docstring).

    Raises :class:`ParseError` (carrying ``line`` when given) naming ``what`` and the text
    for bad syntax, non-ASCII digits, a zero denominator, or a value beyond the bounds.
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
    if len(mantissa_digits) > MAX_DIGITS or len(den_text) > MAX_DIGITS:
        raise _fail(text, f"has more than {MAX_DIGITS} digits", what, line)
    if len(exp_text) > len(str(MAX_DIGITS)):
        raise _fail(text, f"has an exponent beyond +-{MAX_DIGITS}", what, line)
    if not mantissa_digits:
        return Fraction(0)
    exp = int(m["exp"] or 0) - len(frac_part)  # value = mantissa * 10**exp / den
    # the bounds, from digit counts alone: nothing large is built before they hold
    num_len = len(mantissa_digits) + max(exp, 0)
    den_len = len(den_text) + max(-exp, 0)
    if num_len > MAX_DIGITS or den_len > MAX_DIGITS:
        raise _fail(text, f"needs more than {MAX_DIGITS} digits (numerator or denominator)", what, line)
    if num_len - den_len > 310:  # at least 10**309 > MAX_ABS
        raise _fail(text, "is too large (beyond +-1.8e308, the double-precision range)", what, line)
    num = int(mantissa_digits) * 10 ** max(exp, 0)
    den = int(den_text) * 10 ** max(-exp, 0)
    if num > _MAX_ABS_INT * den:
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
