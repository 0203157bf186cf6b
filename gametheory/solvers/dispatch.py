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
``"simpdiv"``, ``"gnm"``
    Sample equilibria of games too large to enumerate: simplicial subdivision with restarts
    (:mod:`gametheory.solvers.simplicial`) and Govindan & Wilson's (2003) global Newton path
    (:mod:`gametheory.solvers.global_newton`); ``complete=False``, each with its regret.

Bounded enumeration.  The enumerating methods (``"support"``, ``"vertex"``, ``"pure"``,
``"polynomial"``, and ``"auto"`` when it enumerates) take ``limit`` (default 10,000, as
:func:`gametheory.backward_induction`), ``on_limit`` and ``progress``; see
:mod:`gametheory.solvers.limits`.  Above the limit a
:class:`gametheory.EquilibriumLimitError` says how many there are (or "more than"), or,
with ``on_limit="warn"``, ``limit`` of them come back flagged ``complete=False``.
:func:`count_equilibria` counts without listing.
"""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from ..equilibrium import Equilibria
from ..errors import GameError, InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import DegenerateGameWarning, check_no_options
from .limits import IncompleteResultWarning, check_progress

__all__ = ["solve", "count_equilibria", "METHODS", "IncompleteResultWarning"]


METHODS = ("auto", "support", "vertex", "lemke-howson", "pure", "polynomial", "qre",
           "simpdiv",
           "gnm")
#: The methods that list all equilibria, hence take ``limit``, ``on_limit``, ``progress``.
ENUMERATORS = ("support", "vertex", "pure", "polynomial")
_UNSET: Any = object()


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
    elif name == "simpdiv":
        from .simplicial import simpdiv_equilibrium as f
    elif name == "gnm":
        from .global_newton import gnm_equilibria as f
    else:  # pragma: no cover - guarded by solve
        raise AssertionError(name)
    return f


def solve(
    game: NormalFormGame,
    method: str = "auto",
    *,
    limit: int | None = _UNSET,
    on_limit: str = _UNSET,
    progress: Callable[[int, int | None], Any] | None = _UNSET,
    **options: Any,
) -> Equilibria:
    """Nash equilibria of ``game`` by ``method`` (see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        The game to solve.
    method : str
        One of ``METHODS``: ``"auto"`` (default: all equilibria where an algorithm can
        guarantee it), ``"support"``, ``"vertex"``, ``"lemke-howson"``, ``"pure"``,
        ``"polynomial"``, ``"qre"``.
    limit, on_limit, progress
        Bound the enumerating methods (default ``limit`` 10,000); see
        :mod:`gametheory.solvers.limits`.  They do not apply to ``"lemke-howson"`` and
        ``"qre"``.
    **options
        Passed to the method (``initial_label`` for Lemke-Howson, ``tol``, ...).

    Returns
    -------
    Equilibria
        A list of :class:`Equilibrium` recording the game, the method that ran, whether it
        is ``complete`` and ``exact``; each equilibrium records its method, exactness and
        tolerance (Fractions when the game is exact).

    Raises
    ------
    GameError
        An unknown method.
    InvalidGameError
        An option the method does not take.
    EquilibriumLimitError
        More equilibria than ``limit`` (with ``on_limit="raise"``).
    DegenerateGameError
        A degenerate game where the method cannot list all equilibria and was asked to
        refuse (``on_degenerate="raise"``).
    SolverError
        The algorithm failed (did not converge, cycled).

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54.
    The algorithms are cited in their modules (von Stengel 2007 for two-player games).

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = gt.solve(bos)
    >>> len(eqs)
    3
    >>> eqs[2].strategies
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    >>> [eq.payoffs for eq in gt.solve(bos, method="pure")]
    [(Fraction(2, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1))]
    """
    requested, method = method, resolve_method(game, method, "solve")
    bounds = {k: v for k, v in (("limit", limit), ("on_limit", on_limit), ("progress", progress)) if v is not _UNSET}
    if method in ENUMERATORS:
        options.update(bounds)
    elif bounds and requested != "auto":  # "auto" falling back to QRE already warns
        raise InvalidGameError(
            f"{', '.join(bounds)} only apply to the enumerating methods ({', '.join(ENUMERATORS)}); "
            f"method {method!r} returns a few equilibria"
        )
    eqs = _method(method)(game, **options)
    from .components import components_of

    eqs.component_finder = components_of
    if requested != method:
        eqs.params["requested"] = requested
    return eqs


def resolve_method(game: Any, method: Any, who: str) -> str:
    """The method ``solve`` would run for ``game`` (``"auto"`` resolved); ``who`` names the caller in errors."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"{who} needs a NormalFormGame; got {type(game).__name__}. "
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
            elif who == "count_equilibria":
                raise SolverError(
                    f"count_equilibria: a {'x'.join(map(str, game.shape))} game has too many support profiles "
                    "to enumerate; no method can count its equilibria"
                )
            else:
                warnings.warn(
                    f"solve: a {'x'.join(map(str, game.shape))} game has too many supports to enumerate; "
                    "returning one equilibrium from the logit-QRE path (complete=False)",
                    IncompleteResultWarning,
                    stacklevel=3,
                )
                method = "qre"
    if method in ("support", "vertex", "lemke-howson") and game.n_players != 2:
        raise InvalidGameError(f"method {method!r} needs a two-player game; this one has {game.n_players} players")
    return method


def count_equilibria(
    game: NormalFormGame,
    method: str = "auto",
    progress: Callable[[int, int | None], Any] | None = None,
    **options: Any,
) -> int:
    """The exact number of equilibria ``solve(game, method)`` would list with ``limit=None``.

    Two players ("auto", "vertex", "support"): the completely labeled vertex pairs of
    the best-response polytopes (the extreme equilibria of a degenerate game), counted by
    a streaming search that keeps no profile (``progress`` counts vertices visited); a
    game it cannot decide (degenerate, or roundoff too close to call) is counted by the
    batch path.  "pure": the pure equilibria, from one boolean array.  "polynomial":
    enumerated and counted (small games only).  Like
    :func:`gametheory.count_subgame_perfect` for trees.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    method : str
        ``"auto"``, ``"vertex"``, ``"support"``, ``"pure"`` or ``"polynomial"``.
    progress : callable, optional
        ``progress(done, total)``, as in :mod:`gametheory.solvers.limits`.
    **options
        Passed to the method.

    Returns
    -------
    int
        The number of equilibria.

    Raises
    ------
    InvalidGameError
        A method that cannot count (``"lemke-howson"``, ``"qre"``) or an unknown option.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic
    and extensive form. In Nisan et al., Algorithmic Game Theory, ch. 3.

    Examples
    --------
    The 3 x 3 identity game has 2^3 - 1 = 7 equilibria:

    >>> import gametheory as gt
    >>> eye = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    >>> gt.count_equilibria(gt.NormalFormGame.from_bimatrix(eye, eye))
    7
    """
    if method in ("lemke-howson", "qre", "simpdiv", "gnm"):
        raise InvalidGameError(f"count_equilibria needs an enumerating method ({', '.join(ENUMERATORS)}); got {method!r}")
    method = resolve_method(game, method, "count_equilibria")
    check_progress(progress)
    if method in ("vertex", "support"):
        check_no_options("count_equilibria", options)
        from ._vertex_stream import count_pairs

        n = count_pairs(game, progress)
        if n is not None:
            return n
        from .vertex_enumeration import vertex_enumeration

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            return len(vertex_enumeration(game, on_degenerate="ignore", limit=None))
    if method == "pure":
        from .pure import pure_equilibrium_mask

        return int(np.count_nonzero(pure_equilibrium_mask(game, progress=progress, **options)))
    from .polynomial import polynomial_equilibria

    return len(polynomial_equilibria(game, limit=None, progress=progress, **options))
