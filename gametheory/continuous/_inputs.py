"""Input checks shared by the continuous-game modules: numbers (exact or float), per-player
parameters, and broadcasting of per-player arrays (private; see :mod:`gametheory.continuous`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError
from ..numbers import as_number


def _numbers(values: Any, name: str) -> tuple[list | None, np.ndarray]:
    """(exact Fractions or None, float array) of a 1-D sequence; InvalidGameError on bad entries."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu" and values.ndim == 1:
        arr = values.astype(float)
        # one reduction instead of an elementwise mask: the sum is finite when every entry is
        # (a finite sum that overflows is rechecked entry by entry)
        if values.dtype.kind == "f" and not np.isfinite(arr.sum()) and not np.all(np.isfinite(arr)):
            k = int(np.flatnonzero(~np.isfinite(arr))[0])
            as_number(values[k], f"{name}[{k}]")  # raises the one non-finite message
        if values.dtype.kind in "iu":
            return [Fraction(int(v)) for v in values.tolist()] if values.size <= 100_000 else None, arr
        return None, arr
    if isinstance(values, (str, bytes)):
        raise InvalidGameError(f"{name} must be a sequence of numbers, got {values!r}")
    try:
        seq = list(values)
    except TypeError:
        raise InvalidGameError(f"{name} must be a sequence of numbers, got {values!r}") from None
    vals = [as_number(v, f"{name}[{k}]") for k, v in enumerate(seq)]
    arr = np.array([float(v) for v in vals], dtype=float)
    return (vals if all(type(v) is Fraction for v in vals) else None), arr


def _scalar(value: Any, name: str) -> tuple[Fraction | None, float]:
    """(exact Fraction or None, float) of one number; InvalidGameError naming ``name`` otherwise."""
    v = as_number(value, name)
    return (v, float(v)) if type(v) is Fraction else (None, v)


def _per_player(value: Any, n: int, name: str) -> tuple[list | None, np.ndarray]:
    """A scalar or a length-n sequence, as (exact list or None, float array)."""
    if np.ndim(value) == 0 and not isinstance(value, (list, tuple)):
        ex, fv = _scalar(value, name)
        # a read-only view of the one value: no n-element array is written for a scalar
        return ([ex] * n if ex is not None and n <= 200_000 else None), np.broadcast_to(np.float64(fv), (n,))
    ex, arr = _numbers(value, name)
    if arr.shape != (n,):
        raise InvalidGameError(f"{name} has {arr.size} entries but there are {n} players")
    return ex, arr


def _col(p: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Per-player parameters shaped to broadcast against arrays with players on axis 0."""
    like = np.asarray(like)
    if like.ndim <= 1:
        return p
    return p.reshape((-1,) + (1,) * (like.ndim - 1))
