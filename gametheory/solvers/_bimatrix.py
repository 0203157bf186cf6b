"""Shared machinery of the two-player solvers: input checks, the degeneracy warning, payoffs
normalized to ``[1, 2]`` (a positive affine change, which leaves the equilibria unchanged), an
exact linear solve, and turning polytope points into sorted, deduplicated equilibria.

The best-response polytopes themselves belong to vertex enumeration (:mod:`._polytope`).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import DegenerateGameError, InvalidGameError
from ..equilibrium import Equilibrium
from ..normal_form import NormalFormGame

__all__ = [
    "DegenerateGameWarning",
    "check_two_player",
    "normalized",
    "exact_point",
    "normalize_pair",
    "dedupe_float",
    "sort_equilibria",
]


class DegenerateGameWarning(UserWarning):
    """The two-player game is degenerate: the solver reports the extreme equilibria only.

    References
    ----------
    von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.  Avis, D. et al. (2010).
    Enumeration of Nash equilibria for two-player games. Economic Theory 42.

    Examples
    --------
    >>> import warnings
    >>> import gametheory as gt
    >>> deg = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     eqs = gt.solve(deg, method="support")
    >>> [w.category.__name__ for w in caught]
    ['DegenerateGameWarning']
    """



ON_DEGENERATE = ("warn", "raise", "ignore")


def check_two_player(game: Any, method: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"{method} needs a NormalFormGame; got {type(game).__name__}")
    if game.n_players != 2:
        raise InvalidGameError(f"{method} needs a two-player game; this one has {game.n_players} players")


def check_no_options(method: str, opts: dict) -> None:
    if opts:
        raise InvalidGameError(f"{method} got unknown options: {', '.join(sorted(opts))}")


def check_on_degenerate(on_degenerate: Any) -> None:
    if on_degenerate not in ON_DEGENERATE:
        raise InvalidGameError(f"on_degenerate must be one of {ON_DEGENERATE}; got {on_degenerate!r}")


def report_degenerate(method: str, on_degenerate: str) -> None:
    msg = (
        f"{method}: the game is degenerate (a mixed strategy has more pure best responses than its "
        "support size); reporting the extreme equilibria of every component (all completely "
        "labeled vertex pairs of the best-response polytopes, as Gambit's enummixed does)"
    )
    if on_degenerate == "raise":
        raise DegenerateGameError(msg)
    if on_degenerate == "warn":
        warnings.warn(msg, DegenerateGameWarning, stacklevel=3)


def _normalize_one(M: np.ndarray, exact: bool) -> np.ndarray:
    if exact:
        lo, hi = min(M.flat), max(M.flat)
        rng = hi - lo
        if rng == 0:
            out = np.empty(M.shape, dtype=object)
            out[...] = Fraction(1)
            return out
        return (M - lo) / rng + 1
    M = np.asarray(M, dtype=float)
    lo, hi = float(M.min()), float(M.max())
    rng = hi - lo
    if rng == 0:
        return np.ones(M.shape)
    return (M - lo) / rng + 1.0


def normalized(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(An, Bn)``: each player's payoffs mapped affinely onto ``[1, 2]`` (Fractions if exact)."""
    A, B = game.bimatrix
    return _normalize_one(A, game.exact), _normalize_one(B, game.exact)


# --------------------------------------------------------------------------- exact solves
def exact_point(rows: list, rhs: list, order: Sequence[int], d: int) -> list | None:
    """Solve ``rows[l] . z = rhs[l]`` for the first independent rows in ``order`` (rank d).

    Incremental Gaussian elimination over Fractions; None when the chosen rows have rank < d.
    """
    pivots: dict[int, tuple[list, Fraction]] = {}
    for l in order:
        r = list(rows[l])
        b = rhs[l]
        for col, (prow, pb) in pivots.items():
            f = r[col]
            if f:
                r = [a - f * p for a, p in zip(r, prow)]
                b = b - f * pb
        col = next((c for c in range(d) if r[c] != 0), None)
        if col is None:
            continue
        f = r[col]
        r = [a / f for a in r]
        b = b / f
        for c2, (prow, pb) in list(pivots.items()):
            g = prow[col]
            if g:
                pivots[c2] = ([a - g * p for a, p in zip(prow, r)], pb - g * b)
        pivots[col] = (r, b)
        if len(pivots) == d:
            break
    if len(pivots) < d:
        return None
    return [pivots[c][1] for c in range(d)]


def normalize_pair(zx: Sequence, zy: Sequence, exact: bool) -> tuple[list, list]:
    """Mixed strategies from polytope points (divide by the coordinate sums)."""
    if exact:
        sx, sy = sum(zx, Fraction(0)), sum(zy, Fraction(0))
        return [v / sx for v in zx], [v / sy for v in zy]
    x, y = np.clip(np.asarray(zx, float), 0, None), np.clip(np.asarray(zy, float), 0, None)
    return (x / x.sum()).tolist(), (y / y.sum()).tolist()


def dedupe_float(profiles: list, tol: float) -> list[int]:
    """Indices of the first occurrence of each profile (entries within tol count as equal)."""
    keep: list[int] = []
    flat = [np.concatenate([np.asarray(s, float) for s in p]) for p in profiles]
    for i, f in enumerate(flat):
        if all(np.max(np.abs(f - flat[j])) > tol for j in keep):
            keep.append(i)
    return keep


def sort_equilibria(eqs: list[Equilibrium]) -> list[Equilibrium]:
    """Deterministic order: by support size, then lexicographically by strategies (descending)."""
    return sorted(eqs, key=lambda e: (sum(len(s) for s in e.supports), [-float(p) for s in e.strategies for p in s]))
