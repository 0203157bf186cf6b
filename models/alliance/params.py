"""Parameter bundles of the alliance models: each default, range and meaning once.

The model functions read their defaults from these instances (``COMMITMENT.value``, ...)
and the registry builds its parameter specs from the same fields
(:func:`models.parameters.parameters_of`).  The commitment games (Snyder 1984; Benson 2012), the
tripartite game and the pledge game share the seven fields of :class:`CommitmentParams`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param, same_as

__all__ = [
    "AllianceGameParams", "CommitmentParams", "ProbabilisticParams", "TripartiteParams", "PledgeParams",
    "FormationParams", "ALLIANCE_GAME", "COMMITMENT", "PROBABILISTIC", "TRIPARTITE", "PLEDGE", "FORMATION",
    "PLEDGES",
]

PLEDGES = ("conditional", "unconditional")


@dataclass(frozen=True)
class AllianceGameParams:
    """The two-ally commit/hedge game (Snyder 1984)."""

    value: Any = param(3, None, None, "value of a cohesive alliance V")
    entrapment_cost: Any = param(1, 0, None, "cost of entrapment E borne by a committed ally")
    abandonment_cost: Any = param(2, 0, None, "cost A to each ally when both hedge")
    # None: the hedger gets the alliance value V (the registry sweeps it as a number, V's default)
    hedge_value: Any = param(None, None, None, "hedger's payoff against a committed partner H")


@dataclass(frozen=True)
class CommitmentParams:
    """The patron-protege-challenger commitment game (Snyder 1984; Benson 2012; Fang, Johnson & Leeds 2014)."""

    value: Any = param(1, 0, None, "patron's value of the protege's stake (beta)")
    # p_abandon < p_intervene forces p_intervene > 0 and p_abandon < 1
    p_intervene: Any = param(Fraction(4, 5), 0, 1, "protege's chance of winning with the patron's help (> p_abandon)",
                             low_open=True)
    p_abandon: Any = param(Fraction(1, 5), 0, 1, "protege's chance of winning alone (< p_intervene)", high_open=True)
    cost_patron: Any = param(Fraction(9, 10), 0, None, "patron's cost of war")
    cost_protege: Any = param(Fraction(1, 10), 0, None, "protege's cost of war")
    cost_challenger: Any = param(Fraction(3, 10), 0, None, "challenger's cost of war")
    audience_cost: Any = param(1, 0, None, "cost to the patron of breaking a public pledge")


@dataclass(frozen=True)
class ProbabilisticParams:
    """Probabilistic commitment (Benson 2012): private patron resolve."""

    reliability: Any = param(Fraction(1, 2), 0, 1, "prior that the patron intervenes")
    p_intervene: Any = same_as(CommitmentParams, "p_intervene")
    p_abandon: Any = same_as(CommitmentParams, "p_abandon")
    cost_protege: Any = same_as(CommitmentParams, "cost_protege")
    cost_challenger: Any = same_as(CommitmentParams, "cost_challenger")


@dataclass(frozen=True)
class TripartiteParams(CommitmentParams):
    """The tripartite commitment game: 9.1's parameters, commitment strength and private resolve."""

    kappa: Any = param(1, 0, 1, "commitment strength/clarity (abandonment costs audience_cost*kappa)")
    reliability: Any = param(0, 0, 1, "prior that the patron is resolved (0: complete information)")


@dataclass(frozen=True)
class PledgeParams(CommitmentParams):
    """Conditional vs unconditional pledges (Benson 2012): 9.1's parameters and the protege's gain."""

    pledge: Any = param("conditional", choices=PLEDGES, kind=str,
                        description="conditional (defensive) or unconditional pledge")
    provocation_gain: Any = param(Fraction(1, 5), 0, None, "protege's gain from an unanswered provocation")


@dataclass(frozen=True)
class FormationParams:
    """Alliance formation with a contest success function (balancing or bandwagoning)."""

    capability: Any = param(1, 0, None, "swing state's capability")
    threat_capability: Any = param(3, 0, None, "revisionist's capability")
    defender_capability: Any = param(2, 0, None, "status-quo state's capability")
    spoils: Any = param(1, 0, None, "spoils shared by the victorious revisionist side")
    threat: Any = param(1, 0, None, "threat a victorious revisionist poses to everyone")
    loss: Any = param(1, 0, None, "loss of the defeated side")
    m: Any = param(1, 0, None, "decisiveness exponent of the contest success function")


ALLIANCE_GAME = AllianceGameParams()
COMMITMENT = CommitmentParams()
PROBABILISTIC = ProbabilisticParams()
TRIPARTITE = TripartiteParams()
PLEDGE = PledgeParams()
FORMATION = FormationParams()
