"""Numbers: what the library accepts as one, exact or float, finite, and the one tolerance rule.

Every part of the engine (normal-form games, trees, signaling and Bayesian games,
continuous, cooperative and repeated games, sweeps, the command line) and every model
checks numbers here, so they accept the same inputs and refuse the rest with the same
:class:`~gametheory.errors.InvalidGameError` messages, which name the offending argument::

    WHAT=VALUE is not a real number (type T)
    WHAT=VALUE is not a finite number

(``WHAT`` is the caller's description: ``parameter cost``, ``payoff 1 at node 4``, ...).

What counts as a number
-----------------------
*Exact* numbers (:func:`is_exact_number`): ``int``, numpy integers, :class:`fractions.Fraction`
and any other :class:`numbers.Rational`, a finite :class:`decimal.Decimal` and sympy
``Rational``.  Integers of any size are exact numbers (a game may still bound them: a
strategic-form game keeps payoffs within +-1.8e308).  :func:`to_exact` turns them, and
finite floats (the binary rationals they denote), into Fractions.

*Float* numbers: ``float``, numpy floating scalars, and any other :class:`numbers.Real`
(sympy real constants such as ``sqrt(2)`` become floats).  They must be finite.

Refused: ``bool`` and ``numpy.bool_`` (``True`` as a payoff is almost always a comparison
written where a number was meant, and ``True == 1`` would silently make it one), ``None``,
strings (text is parsed on purpose by :func:`parse_number`, never by accident), complex
numbers, sympy expressions with free symbols (use :mod:`gametheory.symbolic`), NaN and
infinities.  :func:`as_number` applies this rule to one value, :func:`as_numbers` to named
values with the library's "exact in, exact out" convention: all exact gives Fractions, one
float makes every value a float.

The tolerance rule
------------------
Float comparisons that decide a verdict (is this a best reply, is this a tie) use, per
player or per quantity, ``tol = DEFAULT_TOL * max |u|`` over the values compared
(:func:`default_tol`, :func:`default_tols`), with ``DEFAULT_TOL = 1e-9`` and ``1e-9`` when
every value is 0.  It has no floor at 1: double rounding error is relative to the
magnitude of the numbers (float64 keeps about 16 significant digits whatever the
units), so a relative tolerance gives the same verdicts when payoffs are rescaled
(stated in dollars or in trillions of dollars).  A floor ``max(1, max |u|)`` would make
every payoff difference below 1e-9 a tie: a Prisoner's Dilemma with payoffs of order
1e-10 would have every profile as an equilibrium.  Exact games use no tolerance.  The
numerical slack inside solvers (pivoting, LP feasibility, screens whose answers are
verified afterwards) is a property of those algorithms, not this verdict tolerance.

Number text
-----------
Gambit files, JSON game documents, CSV tables read back, model parameters given as
strings and the command line's ``--param``/``--grid`` values all read numbers with
:func:`parse_number`: ASCII syntax ``[+-] digits [. digits] [e|E [+-] digits] [/ digits]``
(``3``, ``-2.50``, ``1e-3``, ``1/3``, ``.5``), read exactly (``0.1`` is 1/10), at most
:data:`MAX_DIGITS` digits in numerator and denominator and magnitude at most
:data:`MAX_ABS` (1.8e308), both checked on the text before any number is built.
:func:`int_text`, :func:`rational_text`, :func:`num_text`, :func:`repr_text` and
:func:`json_dumps` print exact numbers of any size (past Python's 4,300-digit ``str``
limit) without changing interpreter state.  These are implemented in the private
module ``gametheory._numtext`` and are public through this module.

References
----------
Goldberg, D. (1991). What every computer scientist should know about floating-point
arithmetic. ACM Computing Surveys 23(1).

Examples
--------
>>> from gametheory import numbers
>>> numbers.parse_number("0.1")  # number text is read exactly
Fraction(1, 10)
>>> numbers.as_numbers({"cost": 1, "value": 0.5})  # one float makes every value a float
({'cost': 1.0, 'value': 0.5}, False)
"""

from __future__ import annotations

import decimal
import math
import sys
from fractions import Fraction
from numbers import Rational, Real
from typing import Any, Mapping

import numpy as np

from ._numtext import (
    MAX_ABS,
    MAX_DIGITS,
    int_text,
    is_number_text,
    json_dumps,
    json_loads,
    looks_numeric,
    num_text,
    parse_count,
    parse_int,
    parse_number,
    rational_text,
    repr_text,
)
from .errors import InvalidGameError

__all__ = [
    "DEFAULT_TOL",
    "is_exact_number",
    "is_float_number",
    "to_exact",
    "as_number",
    "as_numbers",
    "is_non_finite",
    "non_finite_float",
    "check_finite",
    "check_finite_array",
    "payoff_scale",
    "default_tol",
    "default_tols",
    # number text (implemented in gametheory._numtext)
    "MAX_DIGITS",
    "MAX_ABS",
    "parse_number",
    "parse_count",
    "parse_int",
    "is_number_text",
    "looks_numeric",
    "int_text",
    "rational_text",
    "num_text",
    "repr_text",
    "json_dumps",
    "json_loads",
]

#: Relative float tolerance of every verdict: ``tol = DEFAULT_TOL * max |u|`` (see :func:`default_tol`).
DEFAULT_TOL = 1e-9


def _sympy() -> Any:
    """sympy if it is already imported (an object can only be a sympy number if it is), else None."""
    return sys.modules.get("sympy")


def _shown(x: Any) -> str:
    """A short, safe display of a value for an error message (huge ints and long text cut)."""
    if isinstance(x, (float, np.floating)) and not isinstance(x, bool):
        text = repr(float(x))
    elif isinstance(x, (decimal.Decimal, str)):
        text = str(x).strip() if isinstance(x, decimal.Decimal) or is_non_finite(x) else repr(x)
    else:
        try:
            text = num_text(x) if isinstance(x, (int, Fraction)) else repr(x)
        except Exception:  # noqa: BLE001 - a display must never fail
            text = f"<{type(x).__name__}>"
    return text if len(text) <= 60 else text[:30] + "..." + text[-10:] + f" ({len(text)} characters)"


def _not_real(what: str, x: Any, hint: str = "") -> InvalidGameError:
    return InvalidGameError(f"{what}={_shown(x)} is not a real number (type {type(x).__name__}){hint}")


def _not_finite(what: str, x: Any) -> InvalidGameError:
    return InvalidGameError(f"{what}={_shown(x)} is not a finite number")


# ---------------------------------------------------------------------- what is a number
def is_exact_number(x: Any) -> bool:
    """Whether ``x`` is an exact number: int, numpy integer, Fraction/Rational, finite Decimal or
    sympy Rational (never a bool or a float).

    Parameters
    ----------
    x : object
        Any value.

    Returns
    -------
    bool
        True for the exact number types listed; False for floats, bools and non-numbers.

    References
    ----------
    Knuth, D. E. (1997). The Art of Computer Programming, vol. 2, 3rd ed., section 4.5
    (rational arithmetic).

    Examples
    --------
    >>> from fractions import Fraction
    >>> import gametheory as gt
    >>> gt.is_exact_number(Fraction(1, 3)), gt.is_exact_number(2), gt.is_exact_number(0.5)
    (True, True, False)
    >>> gt.is_exact_number(True)  # a bool is a comparison, not a payoff
    False
    """
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, (int, np.integer, Rational)):
        return True
    if isinstance(x, decimal.Decimal):  # a finite Decimal is a rational
        return x.is_finite()
    sp = _sympy()
    return sp is not None and isinstance(x, sp.Rational)


def is_float_number(x: Any) -> bool:
    """Whether ``x`` is a float number (float, numpy floating, other real non-rational), finite or not."""
    if isinstance(x, (bool, np.bool_)) or is_exact_number(x):
        return False
    if isinstance(x, (float, np.floating, Real)):
        return True
    return isinstance(x, decimal.Decimal)  # a NaN or infinite Decimal


def to_exact(x: Any, what: str = "value") -> Fraction:
    """``x`` as an exact :class:`~fractions.Fraction` (a finite float as the binary rational it is).

    Parameters
    ----------
    x : number
        An exact number or a finite float.
    what : str
        How error messages name the value.

    Returns
    -------
    Fraction
        The exact value (``0.1`` becomes the binary rational 3602879701896397/36028797018963968).

    Raises
    ------
    InvalidGameError
        Naming ``what``, for anything that is not a finite real number.

    References
    ----------
    Knuth, D. E. (1997). The Art of Computer Programming, vol. 2, 3rd ed., section 4.5
    (rational arithmetic).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.to_exact(3), gt.to_exact(0.5)
    (Fraction(3, 1), Fraction(1, 2))
    >>> gt.to_exact(float("nan"), "cost")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: cost=nan is not a finite number
    """
    if type(x) is Fraction:
        return x
    if isinstance(x, (bool, np.bool_)):
        raise _not_real(what, x)
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise _not_finite(what, x)
        # bound the exponent before Fraction builds 10**exponent (Decimal("1e100000000") is tiny)
        if x and (x.adjusted() > 4000 or x.as_tuple().exponent < -4000):
            raise InvalidGameError(f"{what}={x:.3e} has an exponent beyond +-4000")
        return Fraction(x)
    if isinstance(x, Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    sp = _sympy()
    if sp is not None and isinstance(x, sp.Rational):
        return Fraction(int(x.p), int(x.q))
    if isinstance(x, (float, np.floating)):
        if not math.isfinite(x):
            raise _not_finite(what, x)
        return Fraction(float(x))
    raise _not_real(what, x)


def as_number(x: Any, what: str = "value") -> Fraction | float:
    """The one check for a real number given as input: a Fraction for exact input, a finite float otherwise.

    Accepts and refuses exactly what the module docstring lists.

    Parameters
    ----------
    x : object
        The value to check.
    what : str
        How error messages name the value (``"parameter cost"``).

    Returns
    -------
    Fraction or float
        A Fraction for exact input, a finite float otherwise.

    Raises
    ------
    InvalidGameError
        ``WHAT=VALUE is not a real number (type T)`` or ``WHAT=VALUE is not a finite number``.

    References
    ----------
    Goldberg, D. (1991). What every computer scientist should know about floating-point
    arithmetic. ACM Computing Surveys 23(1).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.as_number(2), gt.as_number(0.25)
    (Fraction(2, 1), 0.25)
    >>> gt.as_number("2", "parameter cost")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: parameter cost='2' is not a real number (type str)
    """
    if isinstance(x, (float, np.floating)):  # the common float case first: no further type tests
        if not math.isfinite(x):
            raise _not_finite(what, x)
        return float(x)
    if is_exact_number(x):
        return to_exact(x, what)
    if isinstance(x, decimal.Decimal):  # not exact, so NaN or infinite
        raise _not_finite(what, x)
    sp = _sympy()
    if sp is not None and isinstance(x, sp.Basic):
        if x.free_symbols:
            raise _not_real(what, x, "; use gametheory.symbolic for parametric games")
        if x.is_number and x.is_real:
            return as_number(float(x), what)
        raise _not_real(what, x)
    if isinstance(x, Real) and not isinstance(x, (bool, np.bool_)):
        return as_number(float(x), what)
    raise _not_real(what, x)


def as_numbers(named: Mapping[str, Any], what: str = "parameter") -> tuple[dict[str, Fraction | float], bool]:
    """Check named real numbers (``as_numbers({"cost": c})``); ``(values, exact)``.

    ``exact`` is True when every value is exact: the values are then Fractions; one float makes
    every value a float (exact in, exact out).

    Parameters
    ----------
    named : mapping
        Name -> value.
    what : str
        Prefix of the names in error messages (``"{what} {name}"``).

    Returns
    -------
    tuple
        ``(values, exact)``: a dict name -> Fraction (all exact) or float, and the flag.

    Raises
    ------
    InvalidGameError
        For the first value that is not a finite real number, naming it.

    References
    ----------
    Goldberg, D. (1991). What every computer scientist should know about floating-point
    arithmetic. ACM Computing Surveys 23(1).

    Examples
    --------
    >>> from fractions import Fraction
    >>> import gametheory as gt
    >>> gt.as_numbers({"cost": 1, "value": Fraction(1, 2)})
    ({'cost': Fraction(1, 1), 'value': Fraction(1, 2)}, True)
    >>> gt.as_numbers({"cost": 1, "value": 0.5})
    ({'cost': 1.0, 'value': 0.5}, False)
    """
    vals = {k: as_number(v, f"{what} {k}") for k, v in named.items()}
    exact = all(type(v) is Fraction for v in vals.values())
    if not exact:
        vals = {k: float(v) for k, v in vals.items()}
    return vals, exact


# ---------------------------------------------------------------------- finiteness
_WORDS = {"inf": math.inf, "infinity": math.inf, "nan": math.nan, "snan": math.nan}


def non_finite_float(text: str) -> float | None:
    """The float named by ``inf``, ``-Infinity``, ``nan`` (any case, optional sign), else None."""
    t = text.strip().lower()
    sign = -1.0 if t[:1] == "-" else 1.0
    v = _WORDS.get(t[1:] if t[:1] in "+-" else t)
    return None if v is None else sign * v


def is_non_finite(value: Any) -> bool:
    """Whether ``value`` is an infinite or NaN number, or a string naming one (as typed on a command line)."""
    if isinstance(value, str):
        return non_finite_float(value) is not None
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, decimal.Decimal):
        return not value.is_finite()
    if isinstance(value, (Real, np.floating, np.integer)):
        try:
            return not math.isfinite(value)
        except (OverflowError, TypeError, ValueError):  # ints too large for a float are finite
            return False
    return False


def check_finite(name: str, value: Any) -> Any:
    """``value`` unchanged, or :class:`InvalidGameError` ``parameter NAME=VALUE is not a finite number``.

    For parameter values of sweeps, the command line and the model registry, which may be
    any type (non-numbers are checked by the model); only inf, -inf and nan, in any form
    (float, numpy, Decimal, text), are refused here.

    Parameters
    ----------
    name : str
        The parameter's name, for the message.
    value : object
        The value.

    Returns
    -------
    object
        ``value`` unchanged.

    Raises
    ------
    InvalidGameError
        ``parameter NAME=VALUE is not a finite number``.

    References
    ----------
    IEEE 754-2019, Standard for Floating-Point Arithmetic (infinities and NaN).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.check_finite("cost", 2)
    2
    >>> gt.check_finite("cost", "-inf")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: parameter cost=-inf is not a finite number
    """
    if is_non_finite(value):
        raise _not_finite(f"parameter {name}", value)
    return value


def check_finite_array(name: str, values: Any) -> None:
    """:func:`check_finite` for every element of an array or sequence (numpy-fast for numeric dtypes)."""
    if not isinstance(values, np.ndarray):
        for v in values:
            check_finite(name, v)
        return
    a = values
    if a.dtype.kind in "fc":
        bad = ~np.isfinite(a)
        if bad.any():
            raise _not_finite(f"parameter {name}", a[bad].ravel()[0])
        return
    if a.dtype.kind in "biu":
        return
    for v in a.ravel():
        check_finite(name, v)


# ---------------------------------------------------------------------- the tolerance rule
def payoff_scale(*values: Any) -> float:
    """``max |u|`` over all given values (scalars or arrays), or 1 when all are 0 or none are given."""
    try:
        parts = [np.abs(np.asarray(v, dtype=float)).ravel() for v in values]
    except OverflowError:  # an exact value beyond float range: exact games never use the tolerance
        return float(np.finfo(float).max)
    scale = max((float(p.max()) for p in parts if p.size), default=0.0)
    return scale if scale > 0 else 1.0


def default_tol(*values: Any) -> float:
    """The float tolerance for comparing the given values: ``DEFAULT_TOL * max |u|`` (``1e-9`` if all are 0).

    See the module docstring for why the rule is relative, with no floor.

    Parameters
    ----------
    *values : number or array
        The values to be compared (payoffs of one player, a model's utilities).

    Returns
    -------
    float
        The tolerance.

    References
    ----------
    Goldberg, D. (1991). What every computer scientist should know about floating-point
    arithmetic. ACM Computing Surveys 23(1).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.default_tol(3, -4), gt.default_tol(0, 0)
    (4e-09, 1e-09)
    >>> gt.default_tol(2e-10, 1e-10) < 1e-18  # relative: tiny payoffs keep their differences
    True
    """
    return DEFAULT_TOL * payoff_scale(*values)


def default_tols(*arrays: Any) -> np.ndarray:
    """:func:`default_tol` elementwise over broadcastable arrays (one tolerance per point of a sweep).

    Parameters
    ----------
    *arrays : array_like
        Broadcastable arrays of values compared at each point.

    Returns
    -------
    numpy.ndarray
        One tolerance per point.

    References
    ----------
    Goldberg, D. (1991). What every computer scientist should know about floating-point
    arithmetic. ACM Computing Surveys 23(1).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.default_tols([1.0, 0.0, 5.0], [2.0, 0.0, -1.0]).tolist()
    [2e-09, 1e-09, 5e-09]
    """
    arrs = np.broadcast_arrays(*[np.abs(np.asarray(x, dtype=float)) for x in arrays])
    scale = np.max(np.stack(arrs), axis=0)
    return DEFAULT_TOL * np.where(scale > 0, scale, 1.0)
