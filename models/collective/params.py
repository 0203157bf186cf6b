"""Parameter bundles of the collective-goods models: each default, range and meaning once.

The model functions read their defaults from these instances and the registry builds
its parameter specs from the same fields (:func:`models.parameters.parameters_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..parameters import param, same_as

__all__ = ["OlsonZeckhauserParams", "ImpurePublicGoodParams", "VolunteersParams", "ThresholdParams",
           "GroupSizeParams", "AggregationParams", "ExploitationTestParams", "CostSharingParams", "DataOZParams",
           "JointProductsParams", "OLSON_ZECKHAUSER", "IMPURE_PUBLIC_GOOD", "VOLUNTEERS", "THRESHOLD", "GROUP_SIZE",
           "AGGREGATION", "EXPLOITATION_TEST", "NATO_COST_SHARING", "DATA_OZ", "JOINT_PRODUCTS"]


@dataclass(frozen=True)
class OlsonZeckhauserParams:
    """A stylized alliance of Cobb-Douglas allies (Olson & Zeckhauser 1966)."""

    n: Any = param(5, 1, 100, "number of allies", kind=int)
    spread: Any = param(Fraction(3, 2), 1, 100, "income ratio between consecutive allies (largest = 100)")
    alpha: Any = param(Fraction(1, 2), 0, 1, "Cobb-Douglas weight on private consumption", low_open=True,
                       high_open=True)


@dataclass(frozen=True)
class ImpurePublicGoodParams:
    """Joint products: a spillover phi on top of the stylized alliance (Sandler 1977)."""

    spillover: Any = param(Fraction(1, 2), 0, 1, "share phi of allies' spending that benefits ally i")
    n: Any = same_as(OlsonZeckhauserParams, "n")
    spread: Any = same_as(OlsonZeckhauserParams, "spread", description="income ratio between consecutive allies")
    alpha: Any = same_as(OlsonZeckhauserParams, "alpha")


@dataclass(frozen=True)
class VolunteersParams:
    """The volunteer's dilemma (Diekmann 1985)."""

    n: Any = param(3, 2, 10**9, "number of allies", kind=int)
    benefit: Any = param(4, 0, None, "value of the good to each ally", low_open=True)
    cost: Any = param(1, 0, None, "cost of volunteering; must also be below benefit", low_open=True)


@dataclass(frozen=True)
class ThresholdParams:
    """The threshold public good (Palfrey & Rosenthal 1984)."""

    n: Any = param(3, 1, 100, "number of allies", kind=int)
    k: Any = param(2, 1, 100, "contributors needed; must also be at most n", kind=int)
    cost: Any = param(Fraction(1, 4), 0, None, "cost of contributing", low_open=True)
    value: Any = param(1, 0, None, "value of the good", low_open=True)


@dataclass(frozen=True)
class GroupSizeParams:
    """Identical Cobb-Douglas allies (Olson 1965)."""

    n: Any = param(5, 1, 10**4, "number of identical allies", kind=int)
    alpha: Any = same_as(OlsonZeckhauserParams, "alpha")
    income: Any = param(1, 0, None, "income of each ally", low_open=True)


@dataclass(frozen=True)
class AggregationParams:
    """Aggregation technologies on the stylized alliance (Hirshleifer 1983; Cornes 1993)."""

    aggregation: Any = param("weakest-link", description="how spending makes security: G = sum, min (weakest "
                             "link), max (best shot) or (sum q^r)^(1/r) (ces)",
                             choices=("weakest-link", "best-shot", "ces", "sum"))
    r: Any = param(Fraction(1, 2), -100, 1, "CES bridging exponent (used only when aggregation = ces; r != 0)")
    n: Any = same_as(OlsonZeckhauserParams, "n")
    spread: Any = same_as(OlsonZeckhauserParams, "spread")
    alpha: Any = same_as(OlsonZeckhauserParams, "alpha")


# the keys of models.collective.data.DATASETS (a test checks that they agree)
_DATASETS = ("nato-2012-2019", "nato-wdi-1960-2018")


@dataclass(frozen=True)
class ExploitationTestParams:
    """Olson & Zeckhauser's (1966) exploitation test on a bundled NATO data set."""

    dataset: Any = param("nato-2012-2019", description="bundled data set", choices=_DATASETS)
    year: Any = param("all", 1960, 2019, "year of the data (2012-2019 or 1960-2018 by data set), or all",
                      kind=int, words=("all",))


@dataclass(frozen=True)
class CostSharingParams:
    """Common-funded alliance infrastructure as an airport game (Littlechild & Owen 1973)."""

    dataset: Any = same_as(ExploitationTestParams, "dataset")
    year: Any = same_as(ExploitationTestParams, "year", default=2018, words=(),
                        description="year of the data (2012-2019 or 1960-2018 by data set)")
    allies: Any = param("all", description="all, top-K (largest GDP) or ISO3 codes joined by , + ; or spaces",
                        kind=str)
    requirement: Any = param("defense", description="each ally's need: its defence spending, or its "
                             "infrastructure spending (nato-2012-2019 only)", choices=("defense", "infrastructure"))


@dataclass(frozen=True)
class DataOZParams:
    """Olson-Zeckhauser with the members' real GDPs as incomes (bundled data)."""

    dataset: Any = same_as(ExploitationTestParams, "dataset")
    year: Any = same_as(CostSharingParams, "year")
    alpha: Any = same_as(OlsonZeckhauserParams, "alpha", default=Fraction(19, 20))
    allies: Any = same_as(CostSharingParams, "allies")


@dataclass(frozen=True)
class JointProductsParams:
    """Cobb-Douglas joint products a ln x + b ln Q + c ln q on the stylized alliance (Sandler 1977)."""

    a: Any = param(Fraction(1, 2), 0, None, "weight of private (civilian) consumption x_i", low_open=True)
    b: Any = param(Fraction(1, 4), 0, None, "weight of alliance-wide deterrence Q (the public output)")
    c: Any = param(Fraction(1, 4), 0, None, "weight of the ally-specific private output q_i; b + c must be > 0")
    n: Any = same_as(OlsonZeckhauserParams, "n")
    spread: Any = same_as(OlsonZeckhauserParams, "spread", description="income ratio between consecutive allies")


OLSON_ZECKHAUSER = OlsonZeckhauserParams()
IMPURE_PUBLIC_GOOD = ImpurePublicGoodParams()
VOLUNTEERS = VolunteersParams()
THRESHOLD = ThresholdParams()
GROUP_SIZE = GroupSizeParams()
AGGREGATION = AggregationParams()
EXPLOITATION_TEST = ExploitationTestParams()
NATO_COST_SHARING = CostSharingParams()
DATA_OZ = DataOZParams()
JOINT_PRODUCTS = JointProductsParams()
