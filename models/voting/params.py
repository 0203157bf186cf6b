"""Parameter bundles of the voting-power models: each default, range and meaning once.

The model functions read their defaults from these instances and the registry builds its
parameter specs from the same fields (:func:`models.parameters.parameters_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametheory.cooperative import POWER_INDICES

from ..collective.data import DATASETS
from ..parameters import param

__all__ = ["NatoVotingParams", "NATO_VOTING"]


@dataclass(frozen=True)
class NatoVotingParams:
    """NATO under a hypothetical weighted voting rule (Shapley & Shubik 1954; Banzhaf 1965)."""

    dataset: Any = param("nato-2012-2019", choices=tuple(DATASETS), kind=str,
                         description="bundled data set (models.collective_goods.nato_data)")
    year: Any = param(2019, 1960, 2019, "year of the data (must be in the data set)", kind=int)
    basis: Any = param("gdp", choices=("gdp", "defense"), kind=str,
                       description="votes in proportion to GDP or to defence spending")
    quota_share: Any = param(Fraction(2, 3), 0, 1, "share of all votes a decision needs (1 = unanimity of the votes)",
                             low_open=True)
    index: Any = param("shapley-shubik", choices=POWER_INDICES, kind=str,
                       description="power index: shapley-shubik, banzhaf (normalized) or banzhaf-absolute")
    # (members + 1) x (votes + members x basic_votes) stays below gametheory.cooperative.MAX_TABLE_CELLS
    votes: Any = param(1000, 1, 100_000, "votes apportioned in proportion to the weights (largest remainders)",
                       kind=int)
    basic_votes: Any = param(0, 0, 1000, "votes every member holds whatever its weight", kind=int)


NATO_VOTING = NatoVotingParams()
