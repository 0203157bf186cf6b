"""Equilibrium results and the checks every solver's output must pass.

An :class:`Equilibrium` records a strategy profile, its expected payoffs and how
it was found (method, exactness, tolerance, parameters), after pygambit's result
objects, so every table row says how it was computed.

``regret`` is each player's largest gain from a unilateral deviation to a pure
strategy (Nash 1951); a profile is a Nash equilibrium iff every regret is zero.
For exact games and exact profiles the check is exact (Fractions, tolerance 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ._numtext import num_text
from .errors import InvalidProfileError
from .normal_form import NormalFormGame

__all__ = ["Equilibrium", "regret", "is_equilibrium", "support", "make_equilibrium", "same_profile"]


def _fmt(x: Any) -> str:
    """A payoff or probability for display: floats to 6 significant digits, exact values in full."""
    if isinstance(x, float):
        return f"{x:.6g}"
    return num_text(x)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A Nash equilibrium (or another solution) of a normal-form game.

    Attributes
    ----------
    strategies : tuple of tuples
        One probability vector per player (Fractions for exact games).
    payoffs : tuple
        Expected payoff of each player.
    method : str
        The algorithm that found it ("support", "vertex", "lemke-howson", ...).
    exact : bool
        Whether strategies and payoffs are exact rationals.
    tol : float
        Tolerance used in the equilibrium check (0 when exact).
    params : mapping
        Anything else the solver records (starting label, lambda, warnings ...).
    """

    strategies: tuple
    payoffs: tuple
    method: str = ""
    exact: bool = False
    tol: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict)
    labels: tuple = ()

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for p in s if p != 0) == 1 for s in self.strategies)

    @property
    def is_mixed(self) -> bool:
        return not self.is_pure

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        return tuple(tuple(k for k, p in enumerate(s) if (p > 0 if self.exact else p > self.tol)) for s in self.strategies)

    @property
    def pure_profile(self) -> tuple[int, ...] | None:
        """Strategy indices if the equilibrium is pure, else None."""
        if not self.is_pure:
            return None
        return tuple(next(k for k, p in enumerate(s) if p != 0) for s in self.strategies)

    def as_float(self) -> tuple[np.ndarray, ...]:
        return tuple(np.asarray(s, dtype=float) for s in self.strategies)

    def key(self, digits: int = 9) -> tuple:
        """A hashable key for de-duplication (exact tuples, or rounded floats)."""
        if self.exact:
            return tuple(tuple(s) for s in self.strategies)
        return tuple(tuple(round(float(p), digits) + 0.0 for p in s) for s in self.strategies)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return same_profile(self.strategies, other.strategies, tol=max(self.tol, other.tol, 0.0))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        strat = "; ".join("(" + ", ".join(_fmt(p) for p in s) + ")" for s in self.strategies)
        pay = ", ".join(_fmt(p) for p in self.payoffs)
        return f"Equilibrium([{strat}], payoffs=({pay}), method={self.method!r})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{i + 1}</td><td>{', '.join(_fmt(p) for p in s)}</td><td>{_fmt(u)}</td></tr>"
            for i, (s, u) in enumerate(zip(self.strategies, self.payoffs))
        )
        return (
            f"<table><tr><th>player</th><th>strategy</th><th>payoff</th></tr>{rows}</table>"
            f"<small>method={self.method}, exact={self.exact}, tol={self.tol}</small>"
        )


def same_profile(a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]], tol: float = 0.0) -> bool:
    """Whether two profiles are equal (exactly when tol is 0, else within tol entrywise)."""
    if len(a) != len(b):
        return False
    for sa, sb in zip(a, b):
        if len(sa) != len(sb):
            return False
        for x, y in zip(sa, sb):
            if tol == 0:
                if x != y:
                    return False
            elif abs(float(x) - float(y)) > tol:
                return False
    return True


def regret(game: NormalFormGame, profile: Any) -> tuple:
    """Each player's largest gain from deviating to a pure strategy.

    Exact (Fractions) when the game and the profile are exact.
    Source: Nash (1951).
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidProfileError(f"regret needs a NormalFormGame; got {type(game).__name__}")
    prof = game.check_profile(_strategies_of(profile))
    out = []
    for i in range(game.n_players):
        dev = game._deviation_payoffs(i, prof)
        current = np.dot(dev, prof[i])
        best = max(dev)
        out.append(best - current)
    return tuple(out)


def _strategies_of(profile: Any) -> Any:
    return profile.strategies if isinstance(profile, Equilibrium) else profile


def is_equilibrium(game: NormalFormGame, profile: Any, tol: float | None = None) -> bool:
    """True if no player gains more than ``tol`` by deviating.

    ``tol`` defaults to 0 for an exact game with an exact profile (an exact check)
    and to ``game.tol`` otherwise.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidProfileError(f"is_equilibrium needs a NormalFormGame; got {type(game).__name__}")
    prof = game.check_profile(_strategies_of(profile))
    exact = game.exact and all(v.dtype == object for v in prof)
    if tol is None:
        tol = 0 if exact else game.tol
    elif isinstance(tol, (bool, np.bool_)) or not isinstance(tol, (int, float, Fraction, np.integer, np.floating)):
        raise InvalidProfileError(f"tol must be a non-negative number; got {tol!r}")
    elif not (tol >= 0 and np.isfinite(float(tol))):
        raise InvalidProfileError(f"tol must be a finite non-negative number; got {tol!r}")
    r = regret(game, [list(v) for v in prof])
    return all(x <= tol for x in r)


def support(profile: Any, tol: float = 0.0) -> tuple[tuple[int, ...], ...]:
    """Indices of strategies played with probability above ``tol``, per player."""
    strategies = _strategies_of(profile)
    return tuple(tuple(k for k, p in enumerate(s) if p > tol) for s in strategies)


def make_equilibrium(
    game: NormalFormGame,
    strategies: Sequence[Sequence[Any]],
    method: str,
    exact: bool | None = None,
    tol: float | None = None,
    **params: Any,
) -> Equilibrium:
    """Build an :class:`Equilibrium`, computing its payoffs; used by every solver."""
    if exact is None:
        exact = game.exact and all(isinstance(p, (int, Fraction)) for s in strategies for p in s)
    if exact:
        strat = tuple(tuple(Fraction(p) for p in s) for s in strategies)
    else:
        strat = tuple(tuple(float(p) for p in s) for s in strategies)
    prof = game.check_profile([list(s) for s in strat]) if exact else tuple(np.asarray(s, dtype=float) for s in strat)
    payoffs = tuple(np.dot(game._deviation_payoffs(i, prof), prof[i]) for i in range(game.n_players))
    payoffs = tuple(Fraction(p) if exact else float(p) for p in payoffs)
    return Equilibrium(
        strategies=strat,
        payoffs=payoffs,
        method=method,
        exact=bool(exact),
        tol=0.0 if exact else (game.tol if tol is None else float(tol)),
        params=dict(params),
        labels=game.strategy_labels,
    )
