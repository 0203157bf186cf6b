"""nashpy and quantecon games: float payoff arrays without labels (Knight & Campbell 2018;
Sargent & Stachurski, QuantEcon)."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..errors import GameError
from ..normal_form import NormalFormGame
from ._common import check_normal_form, float_arrays, payoff_arrays_back, require

__all__ = ["to_nashpy", "from_nashpy", "to_quantecon", "from_quantecon"]


def to_nashpy(game: NormalFormGame) -> Any:
    """The two-player ``game`` as a ``nashpy.Game``.

    nashpy holds float payoff matrices and no labels: exact payoffs become the nearest
    float64 (1/3 -> 0.333...), and :func:`from_nashpy` with ``max_denominator`` (or
    ``exact=True`` for the exact binary value) recovers them; labels are given back to
    :func:`from_nashpy`.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.

    Returns
    -------
    nashpy.Game

    Raises
    ------
    GameError
        nashpy is not installed, or the game does not have two players.

    References
    ----------
    Knight, V. & Campbell, J. (2018). Nashpy: A Python library for the computation of Nash
    equilibria. Journal of Open Source Software 3(30), 904.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, Fraction(5, 2)]])
    >>> ng = gt.to_nashpy(g)
    >>> ng.payoff_matrices[1].tolist()
    [[1.0, 0.0], [0.0, 2.5]]
    >>> len(list(ng.support_enumeration())) == len(gt.solve(g))
    True
    """
    nash = require("nashpy", "to_nashpy")
    game = check_normal_form(game, "to_nashpy")
    if game.n_players != 2:
        raise GameError(f"nashpy games have two players; this game has {game.n_players}")
    A, B = float_arrays(game)
    return nash.Game(A, B)


def from_nashpy(
    nashpy_game: Any,
    exact: bool | None = None,
    max_denominator: int | None = None,
    player_labels: Sequence[str] | None = None,
    strategy_labels: Sequence[Sequence[str]] | None = None,
    title: str = "",
) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``nashpy.Game``.

    Parameters
    ----------
    nashpy_game : nashpy.Game
        The game (its ``payoff_matrices``).
    exact : bool, optional
        ``None``: integer matrices give an exact game, float matrices a float game.
        ``True``: floats become the Fractions they denote exactly (their binary value:
        0.1 -> 3602879701896397/36028797018963968).  ``False``: a float game.
    max_denominator : int, optional
        Each float becomes the closest Fraction with at most this denominator
        (``Fraction.limit_denominator``), so 0.333... -> 1/3.  A payoff p/q with
        ``q <= max_denominator`` comes back exactly whenever
        ``abs(p/q) * 2**-52 < 1 / (2 * max_denominator**2)`` (the float's error is below
        half the gap between two such fractions), e.g. every payoff below 1,000 in
        absolute value with denominators up to 10**6.  Implies ``exact=True``.
    player_labels, strategy_labels : optional
        Labels, which nashpy does not keep.
    title : str
        The game's title.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    GameError
        Not a nashpy game, nashpy not installed, or a bad ``max_denominator``.

    References
    ----------
    Knight, V. & Campbell, J. (2018). Nashpy: A Python library for the computation of Nash
    equilibria. Journal of Open Source Software 3(30), 904.

    Examples
    --------
    >>> import nashpy
    >>> import gametheory as gt
    >>> g = gt.from_nashpy(nashpy.Game([[1 / 3, 0], [0, 1]], [[1, 0], [0, 2]]), max_denominator=1000)
    >>> g.payoffs[0][0, 0], g.exact
    (Fraction(1, 3), True)
    """
    nash = require("nashpy", "from_nashpy")
    if not isinstance(nashpy_game, nash.Game):
        raise GameError(f"from_nashpy needs a nashpy.Game; got {type(nashpy_game).__name__}")
    arrays, exact = payoff_arrays_back(nashpy_game.payoff_matrices, exact, max_denominator, "from_nashpy")
    return NormalFormGame(arrays, player_labels=player_labels, strategy_labels=strategy_labels, exact=exact, title=title)


def _own_first(u: np.ndarray, i: int) -> np.ndarray:
    """Player ``i``'s payoff array with its own axis first and the others in cyclic order (quantecon's layout)."""
    n = u.ndim
    return np.transpose(u, [(i + k) % n for k in range(n)])


def _profile_order(a: np.ndarray, i: int) -> np.ndarray:
    """Inverse of :func:`_own_first`: axes back in player order."""
    n = a.ndim
    return np.transpose(a, [(k - i) % n for k in range(n)])


def to_quantecon(game: NormalFormGame) -> Any:
    """``game`` as a ``quantecon.game_theory.NormalFormGame`` (any number of players).

    quantecon holds numeric arrays and no labels: integer payoffs stay integers (exact
    within int64), others become float64 (:func:`from_quantecon` with
    ``max_denominator`` recovers fractions such as 1/3).

    Parameters
    ----------
    game : NormalFormGame
        The game.

    Returns
    -------
    quantecon.game_theory.NormalFormGame

    Raises
    ------
    GameError
        quantecon is not installed, or the argument is not a NormalFormGame.

    References
    ----------
    Sargent, T. & Stachurski, J. QuantEcon.py, ``quantecon.game_theory``
    (https://quanteconpy.readthedocs.io).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> qg = gt.to_quantecon(g)
    >>> qg.nums_actions, qg.payoff_profile_array[1, 1].tolist()
    ((2, 2), [1, 1])
    """
    qe = require("quantecon.game_theory", "to_quantecon")
    game = check_normal_form(game, "to_quantecon")
    ints = game.exact and all(
        all(x.denominator == 1 and -(2**63) <= x.numerator < 2**63 for x in np.asarray(a, dtype=object).ravel())
        for a in game.payoffs
    )
    arrays = [np.asarray(a, dtype=object).astype(np.int64) if ints else np.asarray(a, dtype=float) for a in game.payoffs]
    return qe.NormalFormGame([qe.Player(_own_first(a, i)) for i, a in enumerate(arrays)])


def from_quantecon(
    quantecon_game: Any,
    exact: bool | None = None,
    max_denominator: int | None = None,
    player_labels: Sequence[str] | None = None,
    strategy_labels: Sequence[Sequence[str]] | None = None,
    title: str = "",
) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``quantecon.game_theory.NormalFormGame``.

    Parameters
    ----------
    quantecon_game : quantecon.game_theory.NormalFormGame
        The game (its players' ``payoff_array``).
    exact, max_denominator
        As in :func:`from_nashpy`: integer arrays are exact, floats stay floats unless
        ``exact=True`` (their binary value) or ``max_denominator`` (the closest fraction).
    player_labels, strategy_labels : optional
        Labels, which quantecon does not keep.
    title : str
        The game's title.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    GameError
        Not a quantecon game, quantecon not installed, or a bad ``max_denominator``.

    References
    ----------
    Sargent, T. & Stachurski, J. QuantEcon.py, ``quantecon.game_theory``
    (https://quanteconpy.readthedocs.io).

    Examples
    --------
    >>> import numpy as np
    >>> import quantecon.game_theory as qe
    >>> import gametheory as gt
    >>> pd = qe.NormalFormGame(np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]]))
    >>> g = gt.from_quantecon(pd, strategy_labels=[["C", "D"], ["C", "D"]])
    >>> [eq.pure_profile for eq in gt.solve(g)], g.exact
    ([(1, 1)], True)
    """
    qe = require("quantecon.game_theory", "from_quantecon")
    if not isinstance(quantecon_game, qe.NormalFormGame):
        raise GameError(f"from_quantecon needs a quantecon.game_theory.NormalFormGame; got {type(quantecon_game).__name__}")
    players = quantecon_game.players
    raw = [_profile_order(np.asarray(p.payoff_array), i) for i, p in enumerate(players)]
    arrays, exact = payoff_arrays_back(raw, exact, max_denominator, "from_quantecon")
    return NormalFormGame(arrays, player_labels=player_labels, strategy_labels=strategy_labels, exact=exact, title=title)
