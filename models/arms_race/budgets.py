"""Defense budgets as indicators of intentions: where a budget separates, pools or semi-separates.

The budget-signaling model of :func:`models.extended_deterrence.budget_signaling` (Spence 1973;
Fearon 1997) read as a question about intentions: a state of high resolve (or a
security seeker, in Kydd's terms a type that values being believed more) spends ``budget`` b to
be told apart.  With transparency theta (the probability that the budget is observed) a type
will pay up to its willingness to pay WTP_t = theta w_t / k_t, so the budget separates iff
WTP_L <= b <= WTP_H.  :func:`budget_regime` names the regime at one point; a sweep over
``transparency`` and the cost ``cost_low`` (the registered model ``budget-intentions``) tables
where budgets separate, only semi-separate or only pool:

* ``separating``: a separating PBE exists (WTP_L <= b <= WTP_H);
* ``semi-separating``: no separating PBE, but the semi-separating one (the low type mimics
  with a probability) exists;
* ``pooling``: only pooling PBE.

Raising transparency raises both types' willingness to pay: a budget that separated when few
observed it stops separating once the low type, too, finds mimicry worth b (WTP_L > b).

References
----------
Spence, M. (1973). Job market signaling. *QJE* 87.  Fearon, J. D. (1997). Signaling foreign
policy interests. *JCR* 41(1).  Kydd, A. (2005). *Trust and Mistrust in International
Relations*, ch. 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..deterrence.params import BUDGET
from ..extended_deterrence import budget_signaling

__all__ = ["BudgetRegime", "budget_regime"]


@dataclass(frozen=True)
class BudgetRegime:
    """The regime of a defense budget: ``regime`` (separating, semi-separating or pooling),
    ``kinds`` (the PBE kinds found), ``wtp_low``, ``wtp_high`` and the full ``signaling`` result."""

    regime: str
    kinds: tuple
    wtp_low: Any
    wtp_high: Any
    signaling: Any


def budget_regime(budget: Any = BUDGET.budget, prior_high: Any = BUDGET.prior_high,
                  value_high: Any = BUDGET.value_high, value_low: Any = BUDGET.value_low,
                  cost_high: Any = BUDGET.cost_high, cost_low: Any = BUDGET.cost_low,
                  cost_challenger: Any = BUDGET.cost_challenger,
                  transparency: Any = BUDGET.transparency) -> BudgetRegime:
    """Whether a defense budget separates, semi-separates or only pools (see the module docstring).

    Parameters
    ----------
    budget, prior_high, value_high, value_low, cost_high, cost_low, cost_challenger, transparency
        The parameters of :func:`models.extended_deterrence.budget_signaling`.

    Returns
    -------
    BudgetRegime
        ``regime``, ``kinds``, ``wtp_low``, ``wtp_high``, ``signaling``.

    Raises
    ------
    GameError
        A parameter outside its range (as :func:`~models.extended_deterrence.budget_signaling`).

    References
    ----------
    Spence, M. (1973). Job market signaling. *QJE* 87.  Fearon, J. D. (1997). Signaling
    foreign policy interests. *JCR* 41(1).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models.arms_race import budget_regime
    >>> budget_regime(transparency=Fraction(1, 4)).regime     # WTP_L = 1/2 <= 1 <= WTP_H = 1
    'separating'
    >>> budget_regime(transparency=1, cost_low=Fraction(1, 2)).regime   # WTP_L = 4 > 1: mimicry pays
    'semi-separating'
    """
    res = budget_signaling(budget=budget, prior_high=prior_high, value_high=value_high, value_low=value_low,
                           cost_high=cost_high, cost_low=cost_low, cost_challenger=cost_challenger,
                           transparency=transparency)
    kinds = tuple(sorted({e.kind for e in res.equilibria}))
    if res.separating_exists:
        regime = "separating"
    elif "semi-separating" in kinds:
        regime = "semi-separating"
    else:
        regime = "pooling"
    return BudgetRegime(regime=regime, kinds=kinds, wtp_low=res.wtp_low, wtp_high=res.wtp_high, signaling=res)
