"""Collective goods and burden sharing in alliances (Olson & Zeckhauser 1966).

:mod:`models.collective.goods` (allies' voluntary spending on a public good: Nash,
Samuelson and Lindahl; aggregation technologies; group size), :mod:`models.collective.games`
(threshold games, the volunteer's dilemma, cost sharing) and :mod:`models.collective.data`
(bundled NATO data, the exploitation test), :mod:`models.collective.joint_products` (Sandler's
joint products: a public and a private output of each ally's defence); :mod:`models.collective.params` holds their
parameter bundles.  :mod:`models.collective_goods` is the documented entry point.
"""

from .data import DATASETS, DataAlliance, data_alliance, exploitation_test, nato_cost_sharing, nato_data, select_members
from .games import (
    ThresholdGame,
    VolunteersDilemma,
    cost_sharing,
    simulate_volunteers,
    threshold_game,
    volunteers_dilemma,
    volunteers_dilemma_many,
)
from .joint_products import (
    JointCobbDouglas,
    JointCustom,
    JointProductAlliance,
    JointSymbolic,
    JointUtility,
    joint_products,
)
from .goods import (
    CES,
    Alliance,
    BestShot,
    CESBridging,
    CobbDouglas,
    Custom,
    EquilibriumSet,
    QuasiLinear,
    Summation,
    WeakestLink,
    WeightedSum,
    group_size,
    stylized_incomes,
)

__all__ = [
    "CobbDouglas", "CES", "QuasiLinear", "Custom",
    "Summation", "WeightedSum", "WeakestLink", "BestShot", "CESBridging",
    "Alliance", "EquilibriumSet", "group_size", "stylized_incomes",
    "volunteers_dilemma", "volunteers_dilemma_many", "simulate_volunteers", "VolunteersDilemma",
    "threshold_game", "ThresholdGame", "cost_sharing",
    "nato_data", "exploitation_test", "DATASETS", "select_members", "data_alliance", "DataAlliance",
    "nato_cost_sharing",
    "joint_products", "JointProductAlliance", "JointUtility", "JointCobbDouglas", "JointSymbolic", "JointCustom",
]
