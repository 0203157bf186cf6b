"""What every converter shares: importing a peer on demand, and payoffs across the float boundary."""

from __future__ import annotations

import importlib
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import GameError, InvalidGameError
from ..normal_form import NormalFormGame

__all__ = ["require", "check_normal_form", "float_arrays", "payoff_arrays_back", "FLOAT_NOTE"]

# the pip name of each peer (what the error message tells the user to install)
_PIP = {"nashpy": "nashpy", "quantecon": "quantecon", "pygambit": "pygambit", "pyspiel": "open_spiel", "xarray": "xarray"}

FLOAT_NOTE = (
    "payoffs become float64 there (an exact Fraction such as 1/3 becomes the nearest double); "
    "max_denominator recovers such fractions on the way back"
)


def require(module: str, who: str) -> Any:
    """Import a peer library when a converter is called (never when gametheory is imported)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise GameError(
            f"{who} needs {module}, which is not installed ({exc}); install it with "
            f"'pip install {_PIP.get(module, module)}' or 'pip install deterrence-games[interop]'"
        ) from None


def check_normal_form(game: Any, who: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise GameError(f"{who} needs a gametheory.NormalFormGame; got {type(game).__name__}")
    return game


def float_arrays(game: NormalFormGame) -> list[np.ndarray]:
    """Each player's payoffs as float64 (exact payoffs to the nearest double)."""
    return [np.asarray(a, dtype=float) for a in game.payoffs]


def _back(x: Any, max_denominator: int | None) -> Any:
    f = Fraction(x) if not isinstance(x, (float, np.floating)) else Fraction(float(x))
    return f.limit_denominator(max_denominator) if max_denominator is not None else f


def payoff_arrays_back(
    arrays: Sequence[Any], exact: bool | None, max_denominator: int | None, who: str
) -> tuple[list[np.ndarray], bool | None]:
    """Payoff arrays read from a peer, and the ``exact`` flag for :class:`NormalFormGame`.

    ``exact=None``: integer arrays stay exact, float arrays stay floats.  ``exact=True``:
    floats become the Fractions they denote (binary fractions such as 0.1 ->
    3602879701896397/36028797018963968), or with ``max_denominator`` the closest Fraction
    with at most that denominator (0.1 -> 1/10; see :func:`gametheory.interop.to_nashpy`).
    ``max_denominator`` alone implies ``exact=True``.
    """
    if max_denominator is not None:
        if isinstance(max_denominator, bool) or not isinstance(max_denominator, (int, np.integer)) or max_denominator < 1:
            raise GameError(f"{who}: max_denominator must be a positive integer; got {max_denominator!r}")
        if exact is False:
            raise GameError(f"{who}: max_denominator recovers exact payoffs, so it cannot go with exact=False")
        exact = True
    out = []
    for i, a in enumerate(arrays):
        arr = np.asarray(a)
        if arr.dtype.kind not in "iufO":
            raise InvalidGameError(f"{who}: the payoffs of player {i} are not numbers (dtype {arr.dtype})")
        if exact and arr.dtype.kind in "fO":
            conv = np.empty(arr.shape, dtype=object)
            for idx, x in np.ndenumerate(arr):
                if isinstance(x, (float, np.floating)) and not np.isfinite(x):
                    raise InvalidGameError(f"{who}: player {i} has a non-finite payoff {x!r} at {idx}")
                conv[idx] = _back(x, max_denominator)
            arr = conv
        elif arr.dtype.kind in "iu":
            # Python ints (exact); floats only when asked
            arr = arr.astype(float) if exact is False else arr.astype(object)
        out.append(arr)
    return out, exact
