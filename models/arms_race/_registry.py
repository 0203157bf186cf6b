"""Registry adapters of the arms-race models: rows, parameter specs, registration.

The math lives in :mod:`models.arms_race.dynamics` and :mod:`models.arms_race.security`;
the parameter specs come from the bundles in :mod:`models.arms_race.params`.
"""

from __future__ import annotations

from typing import Any

from ..parameters import parameters_of
from ..registry import Model, register
from .dynamics import ArmsRace, alliance_race, richardson
from .params import AllianceRaceParams, RichardsonParams

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
