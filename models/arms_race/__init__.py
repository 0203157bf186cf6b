"""Defense budgets, arms races and the security dilemma (issue 14, part 2).

:mod:`~models.arms_race.dynamics` (Richardson's 1960 arms race, its n-state and alliance
versions: exact equilibrium, stability, trajectories by scipy) and
:mod:`~models.arms_race.security` (Jervis's 1978 security dilemma as a 2x2 game; Kydd's
1997/2005 reassurance game), :mod:`~models.arms_race.budgets` (where defense budgets separate,
semi-separate or pool); parameter bundles in :mod:`~models.arms_race.params`.

References
----------
Richardson, L. F. (1960). *Arms and Insecurity*. Boxwood Press.
Jervis, R. (1978). Cooperation under the security dilemma. *World Politics* 30(2).
Kydd, A. (1997). Game theory and the spiral model. *World Politics* 49(3).
Kydd, A. (2005). *Trust and Mistrust in International Relations*. Princeton University Press.

Examples
--------
>>> from models import arms_race
>>> arms_race.richardson(k=1, l=1, a=2, b=2, g=1, h=1).equilibrium
(Fraction(1, 1), Fraction(1, 1))
"""

from .budgets import BudgetRegime, budget_regime
from .dynamics import ArmsRace, Trajectory, alliance_race, arms_race, richardson, solve_linear
from .security import (
    ACTIONS,
    MESSAGES,
    TYPES,
    Reassurance,
    ReassurancePBE,
    SecurityDilemma,
    reassurance,
    reassurance_game,
    security_dilemma,
)

__all__ = [
    "ArmsRace", "Trajectory", "arms_race", "richardson", "alliance_race", "solve_linear",
    "SecurityDilemma", "security_dilemma", "Reassurance", "ReassurancePBE", "reassurance", "reassurance_game",
    "TYPES", "MESSAGES", "ACTIONS", "BudgetRegime", "budget_regime",
]
