"""Deterrence and credibility (Schelling 1960; Kilgour & Zagare 1991; Fearon 1997) and strategic estimation.

:mod:`~models.deterrence.games` (9.3, 9.4, the three-stage deterrence game, extended
deterrence, open/secret alliances), :mod:`~models.deterrence.signaling` (9.5 and defense
budgets as signals), :mod:`~models.deterrence.conditions` (closed-form conditions) and
:mod:`~models.deterrence.estimation` (Signorino's strategic logit of the deterrence game, an
estimator of the same game, hence here); parameter bundles in :mod:`~models.deterrence.params`.
:mod:`models.extended_deterrence` is the documented entry point.
"""

from .conditions import symbolic_conditions
from .games import (
    OPENNESS,
    Brinkmanship,
    DeterrencePBE,
    DeterrenceSPE,
    ExtendedDeterrence,
    SecrecyResult,
    UnilateralDeterrence,
    alliance_secrecy,
    brinkmanship,
    deterrence_game,
    deterrence_game_incomplete,
    deterrence_symbolic,
    deterrence_tree,
    extended_deterrence,
    extended_deterrence_symbolic,
    extended_deterrence_tree,
    unilateral_deterrence,
    unilateral_deterrence_map,
    unilateral_symbolic,
)
from .signaling import (
    BudgetEquilibrium,
    BudgetSignaling,
    SignalEquilibrium,
    budget_signaling,
    budget_signaling_game,
    sinking_costs,
    sinking_costs_map,
    tying_hands,
    tying_hands_map,
)

__all__ = [
    "UnilateralDeterrence", "unilateral_deterrence", "unilateral_deterrence_map", "unilateral_symbolic",
    "Brinkmanship", "brinkmanship",
    "SignalEquilibrium", "tying_hands", "sinking_costs", "tying_hands_map", "sinking_costs_map",
    "BudgetEquilibrium", "BudgetSignaling", "budget_signaling", "budget_signaling_game",
    "DeterrenceSPE", "deterrence_game", "deterrence_tree", "DeterrencePBE", "deterrence_game_incomplete",
    "ExtendedDeterrence", "extended_deterrence", "extended_deterrence_tree", "extended_deterrence_symbolic",
    "deterrence_symbolic",
    "SecrecyResult", "alliance_secrecy", "OPENNESS", "symbolic_conditions",
]
