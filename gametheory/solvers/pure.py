"""Pure-strategy Nash equilibria of n-player games.

A pure profile ``a = (a_0, ..., a_{n-1})`` is a Nash equilibrium when every player's
strategy is a best response: ``u_i(a) = max_k u_i(k, a_{-i})`` for all ``i`` (Nash 1951).
The test is vectorized over the whole payoff array: for each player ``i`` the
payoff array is compared with its maximum along axis ``i``; the equilibria are the
cells where every player's comparison holds.  No Python loop runs over profiles.

Exact games are compared exactly (payoffs scaled to integers when they fit in
int64, otherwise as Fractions).  Float games accept a cell when each player ``i``'s
regret there is at most ``game.tols[i]`` (relative to player ``i``'s own payoff
scale), the tolerances :func:`is_equilibrium` uses.  A one-player game returns the
maximizers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from ..equilibrium import Equilibrium, returns_equilibria
from ..errors import InvalidGameError
from ..normal_form import NormalFormGame
from .limits import DEFAULT_LIMIT, check_options, over_limit

__all__ = ["pure_equilibria", "pure_equilibrium_mask", "best_response_mask", "exact_integer_payoffs"]

_INT64_SAFE = 2**62


def exact_integer_payoffs(arr: np.ndarray) -> np.ndarray:
    """An exact payoff array (object array of Fractions) scaled to integers.

    Multiplying by the positive common denominator preserves every comparison, so
    best responses can be found with fast int64 arithmetic when the scaled values
    fit; otherwise an object array of Python ints is returned.
    """
    arr = np.frompyfunc(Fraction, 1, 1)(arr) if arr.size and not isinstance(arr.flat[0], Fraction) else arr
    dens = np.frompyfunc(lambda x: x.denominator, 1, 1)(arr)
    den = 1
    for d in set(dens.ravel().tolist()):  # few distinct denominators in practice
        den = math.lcm(den, int(d))
    ints = np.frompyfunc(lambda x: x.numerator * (den // x.denominator), 1, 1)(arr)
    big = max(abs(int(ints.max())), abs(int(ints.min()))) if ints.size else 0
    if big < _INT64_SAFE:
        return ints.astype(np.int64)
    return ints


def best_response_mask(game: NormalFormGame, player: int, tol: float | None = None) -> np.ndarray:
    """Boolean array of shape ``game.shape``: True where ``player``'s strategy is a best reply.

    Exact for exact games; for float games a strategy within ``tol`` (default
    ``game.tols[player]``) of the best counts as a best reply.
    """
    arr = game.payoffs[player]
    if game.exact:
        arr = exact_integer_payoffs(arr)
        best = arr.max(axis=player, keepdims=True)
        return np.asarray(arr == best, dtype=bool)
    tol = game.tols[player] if tol is None else float(tol)
    best = arr.max(axis=player, keepdims=True)
    return arr >= best - tol


def pure_equilibrium_mask(game: NormalFormGame, tol: float | Sequence[float] | None = None,
                          progress: Callable[[int, int | None], Any] | None = None) -> np.ndarray:
    """Boolean array of shape ``game.shape``: True at the pure Nash equilibria.

    ``tol`` as in :func:`pure_equilibria`; ``progress(i, n)`` is called after each of
    the ``n`` players' best-response masks.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"pure_equilibria needs a NormalFormGame; got {type(game).__name__}")
    tols = game.player_tols(tol)
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        mask &= best_response_mask(game, i, tols[i])
        if progress is not None:
            progress(i + 1, game.n_players)
    return mask


@returns_equilibria("pure", complete=True)
def pure_equilibria(
    game: NormalFormGame,
    tol: float | Sequence[float] | None = None,
    limit: int | None = DEFAULT_LIMIT,
    on_limit: str = "raise",
    progress: Callable[[int, int | None], Any] | None = None,
) -> list[Equilibrium]:
    """All pure-strategy Nash equilibria of an n-player game.

    Returned in row-major order of the profiles, each with ``method="pure"``; exact
    (Fraction strategies and payoffs) for exact games.  With one player, the maximizers
    of its payoff.  The equilibria are counted before any is built, so a limit error
    names their exact number.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    tol : float or sequence of float, optional
        Float games: the largest regret accepted (default ``game.tols``; a number for
        every player or one per player).
    limit, on_limit, progress
        As in :mod:`gametheory.solvers.limits` (progress: one unit per player).

    Returns
    -------
    list of Equilibrium

    Raises
    ------
    EquilibriumLimitError
        More pure equilibria than ``limit``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [eq.strategies for eq in gt.pure_equilibria(bos)]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
    """
    check_options(limit, on_limit, progress)
    mask = pure_equilibrium_mask(game, tol, progress)
    tols = game.player_tols(tol)
    count = int(np.count_nonzero(mask))
    keep = count if limit is None else min(count, limit)
    out = []
    one, zero = (Fraction(1), Fraction(0)) if game.exact else (1.0, 0.0)
    # row-major order; only the first ``keep`` cells are ever materialized
    cells = np.flatnonzero(mask.ravel())[:keep]
    for flat in cells:
        prof = tuple(int(k) for k in np.unravel_index(int(flat), game.shape))
        strategies = tuple(tuple(one if k == c else zero for k in range(m)) for c, m in zip(prof, game.shape))
        # payoffs are the cell's entries: no expected-payoff contraction over the whole array
        payoffs = tuple(Fraction(a[prof]) if game.exact else float(a[prof]) for a in game.payoffs)
        out.append(
            Equilibrium(
                strategies=strategies,
                payoffs=payoffs,
                method="pure",
                exact=game.exact,
                tol=0.0 if game.exact else max(tols),
                params={"profile": prof},
                labels=game.strategy_labels,
                tols=(0.0,) * game.n_players if game.exact else tols,
                game=game,
            )
        )
    if keep < count:
        return over_limit("pure_equilibria", limit, count, on_limit, out)
    return out
