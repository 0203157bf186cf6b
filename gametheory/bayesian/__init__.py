"""Bayesian games (Harsanyi 1967-68) and signaling games: pure Bayesian Nash and
perfect Bayesian equilibria, the intuitive criterion (Cho & Kreps 1987), semi-separating
equilibria.

The implementation lives in the private modules of this package; this facade holds the
public names.
"""

from __future__ import annotations

from ._games import (
    BayesianGame,
    BayesianEquilibrium,
    bayesian_nash_equilibria,
    SignalingGame,
    PerfectBayesianEquilibrium,
    perfect_bayesian_equilibria,
    intuitive_criterion,
    IntuitiveCheck,
    IntuitiveFailure,
    semi_separating_equilibria,
    SemiSeparatingEquilibrium,
    DegenerateSignalingWarning,
    BeliefSet,
    belief_set,
)
from ._signaling import check_labels

__all__ = [
    "BayesianGame",
    "BayesianEquilibrium",
    "bayesian_nash_equilibria",
    "SignalingGame",
    "PerfectBayesianEquilibrium",
    "perfect_bayesian_equilibria",
    "intuitive_criterion",
    "IntuitiveCheck",
    "IntuitiveFailure",
    "semi_separating_equilibria",
    "SemiSeparatingEquilibrium",
    "DegenerateSignalingWarning",
    "BeliefSet",
    "belief_set",
    "check_labels",
]
