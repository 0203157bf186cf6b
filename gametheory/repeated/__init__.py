"""Infinitely repeated games with discounting.

A stage game is played in periods t = 0, 1, 2, ...; a player's payoff is the
discounted sum ``sum_t delta^t u_t`` with ``0 <= delta < 1``.  Read as a continuation
probability, ``delta`` is Axelrod's (1984) "shadow of the future": the expected
total payoff of a game that continues after each round with probability ``delta``
equals the discounted sum.

Security values (von Neumann 1928; Fudenberg & Maskin 1986)
    ``minmax(game, i)``: the lowest payoff the others can hold player ``i`` to,
    ``min_{sigma_-i} max_{s_i} u_i``; ``maxmin(game, i)``: the most ``i`` can guarantee,
    ``max_{sigma_i} min_{s_-i} u_i``.  Both are linear programs solved with
    ``scipy.optimize.linprog`` (HiGHS).  With two players they are equal (minimax
    theorem) and the punisher mixes independently.  With three or more players the
    punishers are allowed to *correlate* their punishment (a joint distribution over
    their pure profiles): that minmax is an LP and equals ``maxmin``; the minmax
    against *independent* punishers can be higher and is not computed here.  Exact
    games get exact values: the LP's supports are re-solved in Fractions and the
    result is verified exactly (min over columns equals max over rows), falling back
    to an exact equilibrium of the zero-sum game when the LP optimum is degenerate.
    Float games get HiGHS's accuracy (feasibility tolerance about 1e-7 relative).

Feasible individually rational payoffs (Fudenberg & Maskin 1986)
    ``feasible_ir_set(game)``: vertices of the convex hull of the pure payoff vectors
    intersected with ``u_i >= minmax_i``.  Two players: exact polygon clipping of the
    ``scipy.spatial.ConvexHull``; more players: ``scipy.spatial.HalfspaceIntersection``
    (floats).

Trigger strategies (Friedman 1971)
    ``trigger_threshold(game, cooperative, punishment)``: the profile that plays
    ``cooperative`` until someone deviates and ``punishment`` for ever after is a
    subgame-perfect equilibrium for ``delta >= delta* = max_i (d_i - c_i)/(d_i - p_i)``
    when the punishment is a stage Nash equilibrium (Nash reversion); ``d_i`` is ``i``'s
    best one-shot deviation payoff, ``c_i`` its cooperative payoff, ``p_i`` its
    punishment payoff.  In the prisoner's dilemma with payoffs T > R > P > S, grim
    trigger needs ``delta >= (T - R)/(T - P)``; tit-for-tat is collectively stable iff
    ``delta >= max((T - R)/(T - P), (T - R)/(R - S))`` (Axelrod 1984, Proposition 2).

Play between named strategies (Axelrod 1984; Nowak & Sigmund 1993)
    Strategies are finite automata, so the expected discounted payoff of two of
    them, with implementation noise (an intended action flips with probability
    ``noise``), solves the linear system ``V = r + delta P V`` of the Markov chain on
    their joint state: exact for exact inputs.  :func:`simulate` samples one play with
    a seeded generator; :func:`tournament` runs a round robin.

The implementation lives in ``repeated_inputs``, ``repeated_security``, ``repeated_thresholds``
and ``repeated_play``; this module is the public facade.

References
----------
Friedman, J. (1971). A non-cooperative equilibrium for supergames. REStud 38.
Axelrod, R. (1984). The Evolution of Cooperation. Basic Books.
Fudenberg, D. & Maskin, E. (1986). The folk theorem in repeated games with
discounting or with incomplete information. Econometrica 54.
Nowak, M. & Sigmund, K. (1993). A strategy of win-stay, lose-shift that outperforms
tit-for-tat. Nature 364.

Examples
--------
>>> import gametheory as gt
>>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> gt.repeated.grim_trigger_threshold(pd)  # (T - R)/(T - P)
Fraction(1, 2)
"""

from __future__ import annotations

from ._inputs import check_delta
from ._play import (
    STRATEGIES,
    PlayResult,
    Simulation,
    Strategy,
    expected_payoffs,
    get_strategy,
    simulate,
    tournament,
)
from ._security import (
    SecurityValue,
    feasible_ir_set,
    maxmin,
    minmax,
    minmax_values,
)
from ._thresholds import (
    TriggerThreshold,
    deviation_gains,
    grim_trigger_threshold,
    pd_payoffs,
    tit_for_tat_threshold,
    trigger_threshold,
)

__all__ = [
    "check_delta",
    "SecurityValue",
    "minmax",
    "maxmin",
    "minmax_values",
    "feasible_ir_set",
    "pd_payoffs",
    "grim_trigger_threshold",
    "tit_for_tat_threshold",
    "TriggerThreshold",
    "trigger_threshold",
    "deviation_gains",
    "STRATEGIES",
    "Strategy",
    "get_strategy",
    "PlayResult",
    "expected_payoffs",
    "simulate",
    "Simulation",
    "tournament",
]
