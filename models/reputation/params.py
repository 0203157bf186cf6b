"""Parameter bundles of the reputation models: each default, range and meaning once.

Payoff normalization of the chain-store game (Kreps & Wilson 1982): the weak incumbent gets
``incumbent_gain`` = a > 1 in a period whose entrant stays out, 0 if it acquiesces in an entry
and -1 if it fights one (the tough type: a, -1 and 0, so it always fights); an entrant gets
``entrant_gain`` = b in (0, 1) if it enters and is accommodated, b - 1 if it is fought and 0 if
it stays out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param

__all__ = ["ChainStoreParams", "CHAIN_STORE", "AllianceReputationParams", "ALLIANCE_REPUTATION"]


@dataclass(frozen=True)
class ChainStoreParams:
    """The chain-store game with a tough incumbent type (Kreps & Wilson 1982; Milgrom & Roberts 1982)."""

    periods: Any = param(10, 1, 10_000, "number of periods (entrants) N", kind=int)
    prior_tough: Any = param(Fraction(1, 10), 0, 1, "prior probability p that the incumbent is tough")
    entrant_gain: Any = param(Fraction(1, 2), 0, 1, "entrant's gain b if accommodated, in (0, 1)",
                              low_open=True, high_open=True)
    incumbent_gain: Any = param(2, 1, None, "incumbent's payoff a of a period without entry (> 1)",
                                low_open=True)


CHAIN_STORE = ChainStoreParams()


@dataclass(frozen=True)
class AllianceReputationParams:
    """A patron's reputation for reliability over a sequence of crises (Alt, Calvert & Humes 1988; Sartori 2005)."""

    crises: Any = param(5, 1, 200, "number of crises N (challenges to the patron's proteges)", kind=int)
    prior_resolute: Any = param(Fraction(1, 2), 0, 1, "prior probability p that the patron is resolute, in (0, 1)",
                                low_open=True, high_open=True)
    reliability_resolute: Any = param(Fraction(9, 10), 0, 1, "probability r_H that a resolute patron defends")
    reliability_irresolute: Any = param(Fraction(1, 5), 0, 1,
                                        "probability r_L < r_H that an irresolute patron defends")
    challenger_gain: Any = param(1, 0, None, "challenger's gain v if the protege is abandoned (> 0)", low_open=True)
    challenger_cost: Any = param(1, 0, None, "challenger's cost w if the patron defends (> 0)", low_open=True)
    deterrence_value: Any = param(1, 0, None, "patron's value a of a crisis deterred (> 0)", low_open=True)
    defense_cost: Any = param(Fraction(1, 2), 0, None, "patron's cost c of defending a protege")


ALLIANCE_REPUTATION = AllianceReputationParams()
