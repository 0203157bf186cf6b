"""Parameter bundles of the arms-race and security-dilemma models: each default, range and meaning once.

The model functions read their defaults from these instances and the registry builds its
parameter specs from the same fields (:func:`models.parameters.parameters_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param, same_as

__all__ = [
    "RichardsonParams", "AllianceRaceParams", "SecurityDilemmaParams", "ReassuranceParams",
    "RICHARDSON", "ALLIANCE_RACE", "SECURITY_DILEMMA", "REASSURANCE",
]


@dataclass(frozen=True)
class RichardsonParams:
    """Richardson's (1960) two-state arms race: dx/dt = k y - a x + g, dy/dt = l x - b y + h."""

    k: Any = param(1, 0, None, "defense coefficient of x: x's reaction to y's arms")
    l: Any = param(1, 0, None, "defense coefficient of y: y's reaction to x's arms")  # noqa: E741 (Richardson's letter)
    a: Any = param(2, 0, None, "fatigue (expense) coefficient of x")
    b: Any = param(2, 0, None, "fatigue (expense) coefficient of y")
    g: Any = param(1, None, None, "grievance of x (arms growth with no threat and no arms)")
    h: Any = param(1, None, None, "grievance of y")


@dataclass(frozen=True)
class AllianceRaceParams:
    """Richardson's race of two blocs: allies x and z against y, whose threat is x + z."""

    k: Any = same_as(RichardsonParams, "k")
    l: Any = same_as(RichardsonParams, "l", description="y's reaction to the alliance's arms x + z")  # noqa: E741
    m: Any = param(1, 0, None, "defense coefficient of the ally z: z's reaction to y's arms")
    a: Any = same_as(RichardsonParams, "a", default=3)
    b: Any = same_as(RichardsonParams, "b", default=3)
    c: Any = param(3, 0, None, "fatigue (expense) coefficient of the ally z")
    g: Any = same_as(RichardsonParams, "g")
    h: Any = same_as(RichardsonParams, "h")
    f: Any = param(1, None, None, "grievance of the ally z")


@dataclass(frozen=True)
class SecurityDilemmaParams:
    """Jervis's (1978) security dilemma as a 2x2 arms game (restrain or arm)."""

    exploit_gain: Any = param(2, 0, None, "gain from arming while the other restrains (offense advantage)")
    exploited_cost: Any = param(3, 0, None, "loss from restraining while the other arms")
    arms_cost: Any = param(1, 0, None, "cost of arming (> 0)", low_open=True)


@dataclass(frozen=True)
class ReassuranceParams:
    """Kydd's (1997, 2005) reassurance game: a costly signal by a security seeker or a greedy state."""

    prior_secure: Any = param(Fraction(1, 2), 0, 1, "prior that the signaller is a security seeker",
                              low_open=True, high_open=True)
    value_secure: Any = param(3, 0, None, "a security seeker's value of being trusted (> 0)", low_open=True)
    value_greedy: Any = param(1, 0, None, "a greedy state's value of being trusted (> 0)", low_open=True)
    signal_cost: Any = param(2, 0, None, "cost m of the reassurance signal")
    gain_trust: Any = param(1, 0, None, "receiver's gain from trusting a security seeker (> 0)", low_open=True)
    loss_exploited: Any = param(2, 0, None, "receiver's loss from trusting a greedy state (> 0)", low_open=True)


RICHARDSON = RichardsonParams()
ALLIANCE_RACE = AllianceRaceParams()
SECURITY_DILEMMA = SecurityDilemmaParams()
REASSURANCE = ReassuranceParams()
