"""Bayesian games (Harsanyi 1967-68) and signaling games: pure Bayesian Nash and
perfect Bayesian equilibria, the intuitive criterion (Cho & Kreps 1987), semi-separating
equilibria.

The implementation lives in the private modules of this package; this facade holds the
public names.
"""

from __future__ import annotations

from ._beliefs import BeliefSet, belief_set
from ._games import BayesianEquilibrium, BayesianGame, bayesian_nash_equilibria
from ._semisep import DegenerateSignalingWarning, SemiSeparatingEquilibrium, semi_separating_equilibria
from ._signaling import (
    IntuitiveCheck,
    IntuitiveFailure,
    PerfectBayesianEquilibrium,
    SignalingGame,
    check_labels,
    intuitive_criterion,
    perfect_bayesian_equilibria,
)

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
