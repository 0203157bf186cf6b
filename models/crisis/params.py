"""Parameter bundles of the crisis models: each default, range and meaning once."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param
from .catalogue import game_names

__all__ = ["CatalogueParams", "RepeatedPDParams", "AllianceCooperationParams", "CATALOGUE", "REPEATED_PD",
           "ALLIANCE_COOPERATION"]

_SHADOW = "in [0, 1)"


@dataclass(frozen=True)
class CatalogueParams:
    """Which crisis game of the catalogue (Snyder & Diesing 1977)."""

    game: Any = param("all", kind=str, choices=("all",) + game_names(),
                      description="a crisis game, or 'all' for the catalogue (one row per game)")


@dataclass(frozen=True)
class RepeatedPDParams:
    """The repeated prisoner's dilemma (Friedman 1971; Axelrod 1984)."""

    T: Any = param(5, description="temptation payoff")
    R: Any = param(3, description="reward for mutual cooperation")
    P: Any = param(1, description="punishment for mutual defection")
    S: Any = param(0, description="sucker's payoff")
    delta: Any = param(Fraction(9, 10), 0, 1, f"discount factor / continuation probability, {_SHADOW}",
                       high_open=True)


@dataclass(frozen=True)
class AllianceCooperationParams:
    """Alliance cooperation under a shadow of the future (Axelrod & Keohane 1985)."""

    threat: Any = param(Fraction(3, 4), 0, None, "value per unit of committed capability against the threat (> 0)",
                        low_open=True)
    cost: Any = param(1, 0, None, "cost per unit of capability committed (> 0)", low_open=True)
    capability: Any = param(Fraction(1, 2), 0, 1, "ally 1's share of joint capability, in (0, 1)",
                            low_open=True, high_open=True)
    delta: Any = param(Fraction(9, 10), 0, 1, f"shadow of the future, {_SHADOW}", high_open=True)


CATALOGUE = CatalogueParams()
REPEATED_PD = RepeatedPDParams()
ALLIANCE_COOPERATION = AllianceCooperationParams()
