"""``gametheory.solve``: one entry point that picks an algorithm for a game.

Methods
-------
``"auto"`` (default)
    Two players: vertex enumeration (all equilibria; exact for exact games; degenerate
    games are handled as documented in :mod:`gametheory.solvers.vertex_enumeration`).
    One player: the pure maximizers.  Three or more players: support enumeration over
    polynomial systems (all isolated equilibria) whenever the number of support profiles
    is small enough to enumerate (for example 3 players x 3 strategies), float games
    included; float payoffs that are short decimals (0.1, 2.75) are read as the rationals
    they denote, other floats as their exact binary values (slower, still complete).
    Larger games get a sample equilibrium by logit-QRE path following, flagged
    ``complete=False`` and announced by an :class:`IncompleteResultWarning`.
``"support"``, ``"vertex"``
    All equilibria of a two-player game.
``"lemke-howson"``
    Lemke-Howson from every starting label (or ``initial_label=k``); the distinct
    equilibria found, which need not be all of them.
``"pure"``
    All pure-strategy equilibria of an n-player game.
``"polynomial"``
    All equilibria of a small n-player game (isolated ones; see the module).
``"qre"``
    One equilibrium as the limit of the logit quantal response path (McKelvey & Palfrey 1995).
"""

from __future__ import annotations

import warnings
from typing import Any, Callable

from ..errors import GameError, InvalidGameError
from ..normal_form import NormalFormGame
from ._limits import IncompleteResultWarning

__all__ = ["solve", "METHODS", "IncompleteResultWarning"]


METHODS = ("auto", "support", "vertex", "lemke-howson", "pure", "polynomial", "qre")


def _method(name: str) -> Callable[..., list]:
    if name == "support":
        from .support_enumeration import support_enumeration as f
    elif name == "vertex":
        from .vertex_enumeration import vertex_enumeration as f
    elif name == "lemke-howson":
        from .lemke_howson import lemke_howson as f
    elif name == "pure":
        from .pure import pure_equilibria as f
    elif name == "polynomial":
        from .polynomial import polynomial_equilibria as f
    elif name == "qre":
        from .qre import qre_equilibrium as f
    else:  # pragma: no cover - guarded by solve
        raise AssertionError(name)
    return f


def solve(game: NormalFormGame, method: str = "auto", **options: Any) -> list:
    """Nash equilibria of ``game`` by ``method`` (see the module docstring).

    Returns a list of :class:`gametheory.Equilibrium`, each recording its method,
    exactness and tolerance.  Source: Nash (1951); algorithms as cited per module.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"solve needs a NormalFormGame; got {type(game).__name__}. "
            "Trees go to gametheory.backward_induction, signaling games to perfect_bayesian_equilibria"
        )
    if not isinstance(method, str) or method not in METHODS:
        raise GameError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if method == "auto":
        if game.n_players == 2:
            method = "vertex"
        elif game.n_players == 1:
            method = "pure"
        else:
            from .polynomial import enumerable

            if enumerable(game.shape):
                method = "polynomial"
            else:
                warnings.warn(
                    f"solve: a {'x'.join(map(str, game.shape))} game has too many supports to enumerate; "
                    "returning one equilibrium from the logit-QRE path (complete=False)",
                    IncompleteResultWarning,
                    stacklevel=2,
                )
                method = "qre"
    if method in ("support", "vertex", "lemke-howson") and game.n_players != 2:
        raise InvalidGameError(f"method {method!r} needs a two-player game; this one has {game.n_players} players")
    return _method(method)(game, **options)
