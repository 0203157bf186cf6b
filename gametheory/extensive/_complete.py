"""Complete perfect-information trees of any size, built from arrays in one step.

Part of :mod:`gametheory.extensive`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidGameError
from ._game import ExtensiveFormGame

__all__ = ["complete_tree"]


def complete_tree(
    branching: int,
    depth: int,
    payoffs: Any,
    players: Sequence[str] | None = None,
    movers: Sequence[int] | None = None,
    title: str = "",
) -> ExtensiveFormGame:
    """A complete perfect-information tree: every internal node has ``branching`` actions.

    Parameters
    ----------
    branching : int
        Actions per internal node (labelled ``a1, a2, ...``).
    depth : int
        Levels of moves.
    payoffs : array_like
        Shape ``(branching**depth, n_players)``, leaves in order.
    players : sequence of str, optional
        Player names (default ``P1..Pn``, n from ``payoffs``).
    movers : sequence of int, optional
        The mover at depth d is ``movers[d]`` (default: players in turn,
        ``d % n_players``; -1 is chance with equal probabilities).
    title : str
        An optional name.

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    InvalidGameError
        Payoffs of the wrong shape or a mover out of range.

    References
    ----------
    Kuhn, H. W. (1953).

    Examples
    --------
    >>> import gametheory as gt
    >>> ct = gt.complete_tree(2, 2, [[1, 0], [0, 1], [2, 2], [0, 0]])
    >>> eq = gt.backward_induction(ct)[0]
    >>> eq.path, eq.payoffs
    ([('P1', 'a2'), ('P2', 'a1')], (Fraction(2, 1), Fraction(2, 1)))
    """
    if not (isinstance(branching, (int, np.integer)) and branching >= 1):
        raise InvalidGameError(f"branching must be a positive int; got {branching!r}")
    if not (isinstance(depth, (int, np.integer)) and depth >= 0):
        raise InvalidGameError(f"depth must be a non-negative int; got {depth!r}")
    U = np.asarray(payoffs)
    n_leaves = int(branching) ** int(depth)
    if U.ndim != 2 or U.shape[0] != n_leaves:
        raise InvalidGameError(f"payoffs must have shape ({n_leaves}, n_players) for branching {branching}, depth {depth}; got {U.shape}")
    n_players = U.shape[1]
    sizes = [int(branching) ** d for d in range(depth + 1)]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    n = int(starts[-1])
    parent = np.empty(n, dtype=np.int64)
    parent[0] = -1
    player = np.full(n, -1, dtype=np.int64)
    if movers is None:
        movers = [d % n_players for d in range(depth)]
    if len(movers) != depth:
        raise InvalidGameError(f"movers must give one player per level ({depth}); got {len(movers)}")
    probs = None
    for d in range(depth):
        lo, hi = starts[d + 1], starts[d + 2]
        parent[lo:hi] = starts[d] + np.arange(hi - lo) // branching
        player[starts[d] : starts[d + 1]] = movers[d]
    if any(m == -1 for m in movers):
        probs = np.empty(n, dtype=object)
        probs[:] = Fraction(1, int(branching))
    full = U if n_leaves == n else None
    if full is None:
        full = np.zeros((n, n_players), dtype=U.dtype if U.dtype != object else object)
        full[starts[depth] :] = U
    return ExtensiveFormGame.from_arrays(parent, player, full, probs=probs, players=players, title=title)
