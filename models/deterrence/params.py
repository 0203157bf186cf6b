"""Parameter bundles of the deterrence models: each default, range and meaning once.

The model functions read their defaults from these instances and the registry builds
its parameter specs from the same fields (:func:`models.parameters.parameters_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param, same_as

__all__ = [
    "UnilateralParams", "BrinkmanshipParams", "DeterrenceGameParams", "IncompleteDeterrenceParams",
    "ExtendedDeterrenceParams", "SecrecyParams", "TyingHandsParams", "SinkingCostsParams", "BudgetParams",
    "QREParams", "OPENNESS",
    "UNILATERAL", "BRINKMANSHIP", "DETERRENCE_GAME", "INCOMPLETE_DETERRENCE", "EXTENDED_DETERRENCE", "SECRECY",
    "TYING_HANDS", "SINKING_COSTS", "BUDGET", "QRE",
]

#: what the challenger learns of an alliance: 1 (known), None (existence known, terms not), 0 (nothing)
OPENNESS = {"open": 1, "partly_secret": None, "secret": 0}


@dataclass(frozen=True)
class UnilateralParams:
    """Unilateral deterrence with uncertain credibility (Kilgour & Zagare 1991)."""

    u_dc: Any = param(1, None, None, "challenger's utility when the defender concedes")
    u_sq: Any = param(0, None, None, "challenger's utility of the status quo")
    u_dd: Any = param(-1, None, None, "challenger's utility of conflict")
    credibility: Any = param(Fraction(1, 2), 0, 1, "probability the defender resists")


@dataclass(frozen=True)
class BrinkmanshipParams:
    """Brinkmanship (Schelling 1960; Dixit & Skeath 2004)."""

    p_hardline: Any = param(Fraction(1, 3), 0, 1, "probability the USSR is hard-line")


@dataclass(frozen=True)
class DeterrenceGameParams:
    """The three-stage deterrence game with complete information (Zagare & Kilgour 2000)."""

    u_sq: Any = param(0, None, None, "challenger: status quo")
    u_concede: Any = param(1, None, None, "challenger: defender concedes")
    u_backdown: Any = param(-1, None, None, "challenger: backs down")
    u_war: Any = param(-2, None, None, "challenger: war")
    d_sq: Any = param(1, None, None, "defender: status quo")
    d_concede: Any = param(-1, None, None, "defender: concedes")
    d_backdown: Any = param(2, None, None, "defender: challenger backs down")
    d_war: Any = param(0, None, None, "defender: war")


@dataclass(frozen=True)
class IncompleteDeterrenceParams:
    """The deterrence game with private defender resolve: war utilities by the defender's type."""

    p_hard: Any = param(Fraction(1, 2), 0, 1, "prior that the defender is hard")
    u_sq: Any = same_as(DeterrenceGameParams, "u_sq")
    u_concede: Any = same_as(DeterrenceGameParams, "u_concede")
    u_backdown: Any = same_as(DeterrenceGameParams, "u_backdown")
    u_war_hard: Any = same_as(DeterrenceGameParams, "u_war", description="challenger: war against a hard defender")
    u_war_soft: Any = param(Fraction(-1, 2), None, None, "challenger: war against a soft defender")
    d_sq: Any = same_as(DeterrenceGameParams, "d_sq")
    d_concede: Any = same_as(DeterrenceGameParams, "d_concede")
    d_backdown: Any = same_as(DeterrenceGameParams, "d_backdown")
    d_war_hard: Any = same_as(DeterrenceGameParams, "d_war", description="hard defender: war")
    d_war_soft: Any = param(-2, None, None, "soft defender: war")


@dataclass(frozen=True)
class ExtendedDeterrenceParams:
    """Extended deterrence of a challenge to a protege (Zagare & Kilgour 2003; Huth 1988)."""

    capability: Any = param(Fraction(3, 5), 0, 1, "probability defender and protege win a war")
    interest: Any = param(Fraction(1, 2), 0, None, "defender's interest in the protege")
    alignment: Any = param(0, 0, None, "defender's reputational cost of deserting an aligned protege")
    audience_cost: Any = param(Fraction(1, 4), 0, None, "defender's domestic cost of backing away from its pledge")
    cost_defender: Any = param(Fraction(1, 2), 0, None, "defender's cost of war")
    cost_challenger: Any = param(Fraction(1, 2), 0, None, "challenger's cost of war")
    cost_protege: Any = param(Fraction(1, 10), 0, None, "protege's cost of war")
    backdown_cost: Any = param(Fraction(1, 5), 0, None, "challenger's cost of backing down")
    # None: the defender's support is decided by its payoffs (complete information)
    reliability: Any = param(None, 0, 1, "prior that the defender supports the protege (None: its payoffs decide)")


@dataclass(frozen=True)
class SecrecyParams:
    """Open, partly secret and secret alliances (Morrow 2000; Kuo 2020)."""

    openness: Any = param("open", choices=tuple(OPENNESS), kind=str, description="open, partly_secret or secret")
    reliability: Any = param(Fraction(4, 5), 0, 1, "probability the ally honours the alliance")
    prior_alliance: Any = param(Fraction(1, 4), 0, 1, "adversary's prior that a secret alliance exists")
    prior_terms: Any = param(Fraction(1, 2), 0, 1, "adversary's prior that secret terms cover this contingency")
    u_dc: Any = same_as(UnilateralParams, "u_dc", description="challenger: defender concedes")
    u_sq: Any = same_as(UnilateralParams, "u_sq", description="challenger: status quo")
    u_dd: Any = same_as(UnilateralParams, "u_dd", description="challenger: conflict")


@dataclass(frozen=True)
class TyingHandsParams:
    """Tying hands: audience costs as signals (Fearon 1997)."""

    audience_cost: Any = param(Fraction(1, 2), 0, None, "audience cost a of backing down")
    cost_defender: Any = param(Fraction(1, 2), 0, None, "defender's cost of war c_D")
    cost_challenger: Any = param(Fraction(1, 2), 0, None, "challenger's cost of war c_C")


@dataclass(frozen=True)
class SinkingCostsParams:
    """Sinking costs: costly signals of resolve (Fearon 1997)."""

    signal_cost: Any = param(Fraction(1, 5), 0, None, "sunk cost m of the signal")
    cost_defender: Any = same_as(TyingHandsParams, "cost_defender")
    cost_challenger: Any = same_as(TyingHandsParams, "cost_challenger")


@dataclass(frozen=True)
class BudgetParams:
    """Defense budgets as costly signals of resolve (Spence 1973; Fearon 1997)."""

    budget: Any = param(1, 0, None, "budget level b the high type may spend (> 0)", low_open=True)
    prior_high: Any = param(Fraction(1, 4), 0, 1, "prior probability of high resolve")
    value_high: Any = param(4, 0, None, "high type's value of deterrence")
    value_low: Any = param(2, 0, None, "low type's value of deterrence")
    cost_high: Any = param(1, 0, None, "high type's cost per unit of budget (> 0)", low_open=True)
    cost_low: Any = param(1, 0, None, "low type's cost per unit of budget (> 0)", low_open=True)
    cost_challenger: Any = param(1, 0, None, "challenger's cost of fighting a resolved defender")
    transparency: Any = param(1, 0, 1, "probability the adversary observes the budget")


@dataclass(frozen=True)
class QREParams:
    """Utilities of the deterrence game's agent logit QRE (Signorino 1999), as floats."""

    u1_sq: Any = param(0.0, None, None, "challenger: status quo")
    u1_concede: Any = param(1.0, None, None, "challenger: defender concedes")
    u1_backdown: Any = param(0.0, None, None, "challenger: backs down")
    u1_war: Any = param(-0.5, None, None, "challenger: war")
    u2_concede: Any = param(0.0, None, None, "defender: concedes")
    u2_backdown: Any = param(1.0, None, None, "defender: challenger backs down")
    u2_war: Any = param(-0.5, None, None, "defender: war")


UNILATERAL = UnilateralParams()
BRINKMANSHIP = BrinkmanshipParams()
DETERRENCE_GAME = DeterrenceGameParams()
INCOMPLETE_DETERRENCE = IncompleteDeterrenceParams()
EXTENDED_DETERRENCE = ExtendedDeterrenceParams()
SECRECY = SecrecyParams()
TYING_HANDS = TyingHandsParams()
SINKING_COSTS = SinkingCostsParams()
BUDGET = BudgetParams()
QRE = QREParams()
