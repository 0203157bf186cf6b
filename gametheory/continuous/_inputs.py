"""Input checks shared by the continuous-game modules: numbers (exact or float), per-player
parameters, and broadcasting of per-player arrays (private; see :mod:`gametheory.continuous`).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError
from ..normal_form import is_exact_number, to_exact


def _numbers(values: Any, name: str) -> tuple[list | None, np.ndarray]:
    """(exact Fractions or None, float array) of a 1-D sequence; GameError on bad entries."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu" and values.ndim == 1:
        arr = values.astype(float)
        if not np.all(np.isfinite(arr)):
            raise InvalidGameError(f"{name} contains NaN or infinite values")
        if values.dtype.kind in "iu":
            return [Fraction(int(v)) for v in values.tolist()] if values.size <= 100_000 else None, arr
        return None, arr
    try:
        seq = list(values)
    except TypeError:
        raise InvalidGameError(f"{name} must be a sequence of numbers, got {values!r}") from None
    exact = all(is_exact_number(v) for v in seq)
    if exact:
        ex = [to_exact(v, f"{name}[{k}]") for k, v in enumerate(seq)]
        return ex, np.array([float(v) for v in ex], dtype=float)
    out = []
    for k, v in enumerate(seq):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, Fraction, np.number)) and not is_exact_number(v):
            raise InvalidGameError(f"{name}[{k}] is not a number: {v!r}")
        fv = float(v)
        if not math.isfinite(fv):
            raise InvalidGameError(f"{name}[{k}] is not finite ({v!r})")
        out.append(fv)
    return None, np.array(out, dtype=float)


def _scalar(value: Any, name: str) -> tuple[Fraction | None, float]:
    if isinstance(value, (bool, np.bool_)):
        raise InvalidGameError(f"{name} must be a number, got {value!r}")
    if is_exact_number(value):
        ex = to_exact(value, name)
        return ex, float(ex)
    try:
        fv = float(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(fv):
        raise InvalidGameError(f"{name} is not finite ({value!r})")
    return None, fv


def _per_player(value: Any, n: int, name: str) -> tuple[list | None, np.ndarray]:
    """A scalar or a length-n sequence, as (exact list or None, float array)."""
    if np.ndim(value) == 0 and not isinstance(value, (list, tuple)):
        ex, fv = _scalar(value, name)
        return ([ex] * n if ex is not None and n <= 200_000 else None), np.full(n, fv)
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
