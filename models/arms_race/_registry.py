"""Registry adapters of the arms-race models: rows, parameter specs, registration.

The math lives in :mod:`models.arms_race.dynamics` and :mod:`models.arms_race.security`;
the parameter specs come from the bundles in :mod:`models.arms_race.params`.
"""

from __future__ import annotations

from typing import Any

from ..parameters import parameters_of
from ..registry import Model, register
from ..deterrence.params import BudgetParams
from .budgets import budget_regime
from .dynamics import ArmsRace, alliance_race, richardson
from .params import AllianceRaceParams, ReassuranceParams, RichardsonParams, SecurityDilemmaParams
from .security import reassurance, security_dilemma

_FAMILY = "arms_race"


def _race_row(race: ArmsRace) -> dict:
    eq = race.equilibrium or (None,) * len(race.names)
    row = {f"{s}_star": v for s, v in zip(race.names, eq)}
    row.update({"determinant": race.determinant, "stable": race.stable,
                "max_real_eigenvalue": race.max_real_eigenvalue})
    return row


def _solve_richardson(**p: Any) -> dict:
    return _race_row(richardson(**p))


def _solve_alliance_race(**p: Any) -> dict:
    return _race_row(alliance_race(**p))


_RACE_COLUMNS = {
    "determinant": "det of the fatigue-minus-reaction matrix (two states: ab - kl); 0 means no unique equilibrium",
    "stable": "every eigenvalue of the system matrix has a negative real part (two states: ab > kl)",
    "max_real_eigenvalue": "largest real part of an eigenvalue of the system matrix (float)",
}

register(Model(
    name="richardson", title="Richardson arms race", source="Richardson (1960)",
    parameters=parameters_of(RichardsonParams), solve_fn=_solve_richardson, family=_FAMILY,
    description="dx/dt = k y - a x + g, dy/dt = l x - b y + h: equilibrium and stability (ab > kl).",
    columns={
        "x_star": "equilibrium arms of x, (bg + kh)/(ab - kl); None when ab = kl",
        "y_star": "equilibrium arms of y, (ah + lg)/(ab - kl); None when ab = kl",
        **_RACE_COLUMNS,
    },
))
register(Model(
    name="richardson-alliance", title="Richardson arms race between an alliance and a rival",
    source="Richardson (1960); Intriligator (1964)", parameters=parameters_of(AllianceRaceParams),
    solve_fn=_solve_alliance_race, family=_FAMILY,
    description="Allies x and z against y, whose threat is x + z; stable iff ab > kl and abc > l(am + ck).",
    columns={
        "x_star": "equilibrium arms of the ally x; None when the system is singular",
        "y_star": "equilibrium arms of the rival y; None when the system is singular",
        "z_star": "equilibrium arms of the ally z; None when the system is singular",
        **_RACE_COLUMNS,
    },
))


def _solve_security(**p: Any) -> dict:
    r = security_dilemma(**p)
    return {"game": r.name, "ordinal_class": r.classification.index, "dilemma": r.classification.dilemma,
            "pure_equilibria": "; ".join(f"{a}/{b}" for a, b in r.pure_outcomes),
            "restraint_equilibrium": r.restraint_equilibrium, "arms_race": r.arms_race,
            "n_equilibria": len(r.equilibria)}


def _solve_reassurance(**p: Any) -> dict:
    r = reassurance(**p)
    return {"trust_threshold": r.trust_threshold, "separating": r.separating, "kinds": "; ".join(r.kinds),
            "n_pbe": len(r.equilibria), "trust_probability": r.trust_probability,
            "prior_trusted": r.params["prior_secure"] >= r.trust_threshold}


register(Model(
    name="security-dilemma", title="The security dilemma as a 2x2 arms game", source="Jervis (1978)",
    parameters=parameters_of(SecurityDilemmaParams), solve_fn=_solve_security, family=_FAMILY,
    description="Restrain or arm: Prisoner's Dilemma when e > c and d > c, Stag Hunt when e < c < d.",
    columns={
        "game": "the ordinal class's name (Rapoport & Guyer 1966), or the ties of a non-strict game",
        "ordinal_class": "Rapoport & Guyer's class number (None with ties)",
        "dilemma": "some pure equilibrium is Pareto-dominated by another outcome",
        "pure_equilibria": "the pure Nash equilibria as row/column strategies, joined by '; '",
        "restraint_equilibrium": "mutual restraint is a Nash equilibrium",
        "arms_race": "mutual arming is a Nash equilibrium",
        "n_equilibria": "number of Nash equilibria (pure and mixed) found by gametheory.solve",
    },
))
register(Model(
    name="reassurance", title="Reassurance under uncertain intentions: costly signals of a security seeker",
    source="Kydd (1997, 2005)", parameters=parameters_of(ReassuranceParams), solve_fn=_solve_reassurance,
    family=_FAMILY,
    description="Pure PBE: separating iff value_greedy <= signal_cost <= value_secure; trust threshold s/(r + s).",
    columns={
        "trust_threshold": "belief that A is a security seeker at and above which B trusts, s/(r + s)",
        "separating": "a separating PBE exists (the security seeker reassures, the greedy state does not)",
        "kinds": "the kinds of pure PBE, joined by '; '",
        "n_pbe": "number of pure PBE (off-path replies enumerated)",
        "trust_probability": "highest probability, over the PBE, that B trusts on the equilibrium path",
        "prior_trusted": "the prior alone makes B trust (prior_secure >= trust_threshold)",
    },
))


def _solve_budget_regime(**p: Any) -> dict:
    r = budget_regime(**p)
    return {"regime": r.regime, "kinds": "; ".join(r.kinds), "wtp_low": r.wtp_low, "wtp_high": r.wtp_high}


register(Model(
    name="budget-intentions", title="Defense budgets as indicators of intentions: separate, pool or semi-separate",
    source="Spence (1973); Fearon (1997); Kydd (2005)", parameters=parameters_of(BudgetParams),
    solve_fn=_solve_budget_regime, family=_FAMILY,
    description="Sweep transparency and cost_low to table where a budget separates (WTP_L <= b <= WTP_H).",
    columns={
        "regime": "separating (a separating PBE exists), semi-separating (only the mixed one informs) or pooling",
        "kinds": "the kinds of PBE found, joined by '; '",
        "wtp_low": "the low type's willingness to pay, transparency * value_low / cost_low",
        "wtp_high": "the high type's willingness to pay, transparency * value_high / cost_high",
    },
))
