"""One rule for parameter values: numbers must be finite.

Sweeps (grids and fixed values), the command line (``--param``, ``--grid``) and the
model registry's range checks all call :func:`check_finite` (or its array twin
:func:`check_finite_array`), so ``inf``, ``-inf`` and ``nan`` are refused everywhere
with one message: ``parameter NAME=VALUE is not a finite number``.  Floats, numpy
scalars and arrays, :class:`decimal.Decimal` and the strings ``"inf"``,
``"-Infinity"``, ``"nan"`` (as typed on a command line) are covered.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .errors import GameError

__all__ = ["check_finite", "check_finite_array", "is_non_finite"]

_WORDS = {"inf", "infinity", "nan", "snan"}


def is_non_finite(value: Any) -> bool:
    """Whether ``value`` is an infinite or NaN number, or a string naming one."""
    if isinstance(value, str):
        return value.strip().lower().lstrip("+-") in _WORDS
    if isinstance(value, (bool, np.bool_)):
        return False
    if hasattr(value, "is_finite") and callable(value.is_finite):  # Decimal
        try:
            return not value.is_finite()
        except (TypeError, ValueError):
            return False
    if isinstance(value, (numbers.Real, np.floating, np.integer)):
        try:
            return not math.isfinite(value)
        except (OverflowError, TypeError, ValueError):  # ints too large for a float are finite
            return False
    return False


def _error(name: str, value: Any) -> GameError:
    return GameError(f"parameter {name}={value} is not a finite number")


def check_finite(name: str, value: Any) -> Any:
    """``value`` unchanged, or a :class:`GameError` if it is inf, -inf or nan (in any form)."""
    if is_non_finite(value):
        raise _error(name, value)
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
            raise _error(name, a[bad].ravel()[0])
        return
    if a.dtype.kind in "biu":
        return
    for v in a.ravel():
        check_finite(name, v)
