"""Equilibrium selection: payoff (Pareto) dominance and risk dominance.

Harsanyi & Selten (1988), *A General Theory of Equilibrium Selection in Games*:

* **Payoff dominance.**  Equilibrium ``e'`` Pareto-dominates ``e`` when every player
  gets at least as much in ``e'`` and one player strictly more (``strict=False``,
  the default); Harsanyi & Selten's own payoff dominance asks for strictly more for
  every player (``strict=True``).  :func:`payoff_dominant` returns the equilibria
  no other listed equilibrium dominates.
* **Risk dominance** between two strict pure equilibria ``(r1, c1)`` and ``(r2, c2)``
  of a two-player game: each equilibrium's *Nash product* is the product of the
  players' losses from deviating unilaterally to the other equilibrium's strategy,
  ``(u1(r1,c1) - u1(r2,c1)) * (u2(r1,c1) - u2(r1,c2))``; the equilibrium with the
  larger product risk-dominates (Harsanyi & Selten 1988, sec. 3.9).  For 2x2 games
  this is Harsanyi & Selten's definition; for larger two-player games it is the
  same criterion applied to the 2x2 game the two equilibria span (their general
  theory uses the tracing procedure, which this module does not implement).

Exact games compare exactly; float games treat player ``i``'s differences within ``game.tols[i]``
as ties.
"""

from __future__ import annotations

from typing import Any, Sequence


from ..equilibrium import Equilibrium, is_equilibrium, make_equilibrium
from ..errors import GameError, InvalidGameError, InvalidProfileError
from ..normal_form import NormalFormGame

__all__ = ["payoff_dominant", "risk_dominant", "nash_product"]


def _as_equilibrium(game: NormalFormGame, eq: Any, what: str) -> Equilibrium:
    if isinstance(eq, Equilibrium):
        strategies = eq.strategies
    else:
        strategies = eq
    try:
        prof = game.check_profile(list(strategies) if isinstance(strategies, tuple) else strategies)
    except (InvalidProfileError, TypeError) as exc:
        raise InvalidProfileError(f"{what} is not a strategy profile of this game: {exc}") from None
    if not is_equilibrium(game, [list(v) for v in prof]):
        raise GameError(f"{what} is not a Nash equilibrium of the game")
    if isinstance(eq, Equilibrium):
        return eq
    exact = all(v.dtype == object for v in prof)
    return make_equilibrium(game, [list(v) for v in prof], "given", exact=exact)


def _payoffs(game: NormalFormGame, eq: Equilibrium) -> tuple:
    return tuple(game.expected_payoffs([list(s) for s in eq.strategies]))


def _greater(a: Any, b: Any, tol: float) -> bool:
    return a > b if tol == 0 else float(a) > float(b) + tol


def payoff_dominant(
    game: NormalFormGame, equilibria: Sequence[Any], strict: bool = False
) -> list[Equilibrium]:
    """The equilibria not payoff-dominated by another one in ``equilibria``.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    equilibria : sequence
        Nash equilibria of ``game`` (:class:`Equilibrium` objects or profiles).
    strict : bool
        ``False`` (default): Pareto dominance (all players at least as well off, one
        strictly better); ``True``: Harsanyi & Selten's payoff dominance (every player
        strictly better).

    Returns
    -------
    list of Equilibrium
        The undominated ones, in the order given.

    Raises
    ------
    GameError
        An entry is not a Nash equilibrium of ``game``.

    References
    ----------
    Harsanyi, J. & Selten, R. (1988). A General Theory of Equilibrium Selection in
    Games. MIT Press.

    Examples
    --------
    In the stag hunt the stag equilibrium payoff-dominates the hare one:

    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    >>> [eq.payoffs for eq in gt.payoff_dominant(stag, gt.pure_equilibria(stag))]
    [(Fraction(4, 1), Fraction(4, 1))]
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"payoff_dominant needs a NormalFormGame; got {type(game).__name__}")
    if not isinstance(equilibria, (list, tuple)):
        raise GameError(f"equilibria must be a list of equilibria; got {type(equilibria).__name__}")
    eqs = [_as_equilibrium(game, e, f"equilibria[{k}]") for k, e in enumerate(equilibria)]
    pays = [_payoffs(game, e) for e in eqs]
    tols = (0,) * game.n_players if game.exact and all(e.exact for e in eqs) else game.tols

    def dominates(p: tuple, q: tuple) -> bool:
        better = [_greater(x, y, t) for x, y, t in zip(p, q, tols)]
        if strict:
            return all(better)
        at_least = [not _greater(y, x, t) for x, y, t in zip(p, q, tols)]
        return all(at_least) and any(better)

    return [e for e, p in zip(eqs, pays) if not any(dominates(q, p) for q in pays)]


def _strict_pure(game: NormalFormGame, e: Equilibrium, what: str) -> tuple[int, int]:
    prof = e.pure_profile
    if prof is None:
        raise GameError(f"{what} is a mixed equilibrium; risk dominance compares strict pure equilibria")
    A, B = game.payoffs
    r, c = prof
    t1, t2 = (0, 0) if game.exact else game.tols
    others_r = [k for k in range(game.shape[0]) if k != r]
    others_c = [k for k in range(game.shape[1]) if k != c]
    if any(not _greater(A[r, c], A[k, c], t1) for k in others_r) or any(
        not _greater(B[r, c], B[r, k], t2) for k in others_c
    ):
        raise GameError(f"{what} {prof} is not a strict equilibrium (a player has another best reply)")
    return r, c


def nash_product(game: NormalFormGame, eq: tuple[int, int], other: tuple[int, int]) -> Any:
    """Product of both players' losses from deviating from pure ``eq`` to ``other``'s strategies."""
    A, B = game.payoffs
    (r1, c1), (r2, c2) = eq, other
    return (A[r1, c1] - A[r2, c1]) * (B[r1, c1] - B[r1, c2])


def _product_slack(game: NormalFormGame, eq: tuple[int, int], other: tuple[int, int]) -> float:
    """How far a float Nash product a*b can move when each factor moves within its player's tol.

    ``t1 |b| + t2 |a| + t1 t2``: the tie band is in the product's own units, so rescaling
    one player's payoffs rescales it with the products (a per-player tolerance, no mixing
    of the players' scales).
    """
    A, B = game.payoffs
    (r1, c1), (r2, c2) = eq, other
    a, b = abs(float(A[r1, c1] - A[r2, c1])), abs(float(B[r1, c1] - B[r1, c2]))
    t1, t2 = game.tols
    return t1 * b + t2 * a + t1 * t2


def risk_dominant(game: NormalFormGame, eq1: Any, eq2: Any) -> Equilibrium | None:
    """The risk-dominant one of two strict pure equilibria of a two-player game, or None on a tie.

    Compares the Nash products of deviation losses.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    eq1, eq2
        Strict pure Nash equilibria: :class:`Equilibrium` objects or profiles (pure
        index tuples or probability vectors).

    Returns
    -------
    Equilibrium or None
        The winning argument itself when it was an :class:`Equilibrium`, otherwise
        ``Equilibrium(method="given")`` built from the profile; ``None`` when the Nash
        products tie.

    Raises
    ------
    GameError
        Unless both are strict pure Nash equilibria.

    References
    ----------
    Harsanyi, J. & Selten, R. (1988). A General Theory of Equilibrium Selection in
    Games. MIT Press.

    Examples
    --------
    In the stag hunt the hare equilibrium is risk-dominant (Nash products of the
    deviation losses: 1 at stag, 4 at hare):

    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    >>> gt.risk_dominant(stag, (0, 0), (1, 1)).payoffs
    (Fraction(2, 1), Fraction(2, 1))
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"risk_dominant needs a NormalFormGame; got {type(game).__name__}")
    if game.n_players != 2:
        raise InvalidGameError(f"risk_dominant needs a two-player game; this one has {game.n_players} players")
    eq1 = _as_equilibrium(game, eq1, "eq1")
    eq2 = _as_equilibrium(game, eq2, "eq2")
    p1 = _strict_pure(game, eq1, "eq1")
    p2 = _strict_pure(game, eq2, "eq2")
    if p1 == p2:
        raise GameError(f"eq1 and eq2 are the same equilibrium {p1}")
    n1 = nash_product(game, p1, p2)
    n2 = nash_product(game, p2, p1)
    if game.exact:
        if n1 == n2:
            return None
        return eq1 if n1 > n2 else eq2
    if abs(float(n1) - float(n2)) <= _product_slack(game, p1, p2) + _product_slack(game, p2, p1):
        return None
    return eq1 if n1 > n2 else eq2
