"""The two-ally alliance game of Snyder (1984): commit or hedge, named by its ordinal class.

Payoffs (row player; symmetric) from the alliance ``value`` V, the ``entrapment_cost`` E and
the ``abandonment_cost`` A, and the ``hedge_value`` H (what a hedger gets from a committed
partner: its protection without entanglement; default V):

    (commit, commit) R = V - E     (commit, hedge) S = -E
    (hedge, commit)  T = H         (hedge, hedge)  P = -A

The ordinal ranking of R, S, T, P names the game (Snyder 1984 reads the alliance game as a
Prisoner's Dilemma; with abandonment feared more than entrapment, A > E, it is Chicken; when
hedging pays less than a cohesive alliance, H < V - E, and E > A > -H, it is a Stag Hunt).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gametheory.errors import GameError

from ..checks import numbers, tolerance
from .params import ALLIANCE_GAME

__all__ = ["AllianceGame", "alliance_game", "classify_symmetric"]

# Orderings of a symmetric 2x2 game's payoffs (R, S, T, P) and their names (Rapoport & Guyer
# 1966; Snyder & Diesing 1977): each key lists the four letters from best to worst.
_SYMMETRIC_NAMES = {
    "TRPS": "Prisoner's Dilemma",
    "TRSP": "Chicken",
    "RTPS": "Stag Hunt",
    "TPRS": "Deadlock",
    "TSRP": "Leader",
    "STRP": "Hero",
    "RTSP": "Harmony",
}
# R > S > T > P is no-conflict too, but the engine's taxonomy (gametheory.ordinal) gives it no
# name; calling it "Harmony" here made the two taxonomies disagree on one game.


def classify_symmetric(R: Any, S: Any, T: Any, P: Any) -> str:
    """Name of the symmetric 2x2 game with payoffs R (C,C), S (C,D), T (D,C), P (D,D).

    Uses the strict ordinal ranking; a game with tied payoffs is reported as
    ``"tied (...)"``; strict orderings without a conventional name as ``"ordinal TRSP"``-style.
    Float payoffs within tol = 1e-9 * max |payoff| count as tied (Rapoport & Guyer 1966).
    """
    vals = {"R": R, "S": S, "T": T, "P": P}
    exact = not any(isinstance(x, (float, np.floating)) for x in vals.values())
    tol = tolerance(exact, *vals.values())
    xs = list(vals.values())
    if any(tol.eq(xs[i], xs[j]) for i in range(4) for j in range(i + 1, 4)):
        return "tied (" + ", ".join(f"{k}={v}" for k, v in vals.items()) + ")"
    order = "".join(sorted(vals, key=lambda k: vals[k], reverse=True))
    return _SYMMETRIC_NAMES.get(order, f"ordinal {order}")


@dataclass(frozen=True)
class AllianceGame:
    """The two-ally alliance game: the NormalFormGame, its class and its pure equilibria."""

    game: Any
    game_class: str
    R: Any
    S: Any
    T: Any
    P: Any
    pure_equilibria: tuple  # strategy-label pairs

    def equilibria(self) -> list:
        """All Nash equilibria (gametheory.solve)."""
        import gametheory as gt

        return gt.solve(self.game)


def alliance_game(
    value: Any = ALLIANCE_GAME.value,
    entrapment_cost: Any = ALLIANCE_GAME.entrapment_cost,
    abandonment_cost: Any = ALLIANCE_GAME.abandonment_cost,
    hedge_value: Any = ALLIANCE_GAME.hedge_value,
) -> AllianceGame:
    """The two-ally commit/hedge game of Snyder (1984), named by its ordinal class."""
    import gametheory as gt

    v, _ = numbers(value=value, entrapment_cost=entrapment_cost, abandonment_cost=abandonment_cost,
                   hedge_value=value if hedge_value is None else hedge_value)
    for k in ("entrapment_cost", "abandonment_cost"):
        if v[k] < 0:
            raise GameError(f"{k}={v[k]} must be >= 0")
    R, S, T, P = v["value"] - v["entrapment_cost"], -v["entrapment_cost"], v["hedge_value"], -v["abandonment_cost"]
    A = [[R, S], [T, P]]
    g = gt.NormalFormGame.from_bimatrix(A, [[R, T], [S, P]], player_labels=["ally 1", "ally 2"],
                                        strategy_labels=[["commit", "hedge"], ["commit", "hedge"]],
                                        title="alliance game")
    labels = ("commit", "hedge")
    pure = tuple((labels[e.pure_profile[0]], labels[e.pure_profile[1]]) for e in gt.pure_equilibria(g))
    return AllianceGame(game=g, game_class=classify_symmetric(R, S, T, P), R=R, S=S, T=T, P=P, pure_equilibria=pure)
