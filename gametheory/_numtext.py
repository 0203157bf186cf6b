"""Decimal text of exact numbers of any size, without touching interpreter state.

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
from fractions import Fraction
from typing import Any

__all__ = ["int_text", "rational_text", "num_text", "repr_text", "parse_int", "json_dumps", "json_loads"]

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
