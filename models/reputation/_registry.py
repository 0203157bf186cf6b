"""Registry adapters of the reputation models: rows, parameter specs, registration.

The math lives in :mod:`models.reputation.chain`; the parameter specs come from the
bundles in :mod:`models.reputation.params`.
"""

from __future__ import annotations

from typing import Any

from ..parameters import parameters_of
from ..registry import Model, register
from .chain import chain_store
from .params import ChainStoreParams

_FAMILY = "reputation"


def _chain_rows(**p: Any) -> list[dict]:
    r = chain_store(**p)
    summary = {"first_entry": r.first_entry, "deterred_periods": r.deterred_periods, "weak_value": r.weak_value,
               "tough_value": r.tough_value}
    return [{**row, **summary} for row in r.rows()]


def _chain_solve(**p: Any) -> dict:
    return _chain_rows(**p)[0]


register(Model(
    name="chain-store", title="Chain store: reputation for toughness deters entry",
    source="Selten (1978); Kreps & Wilson (1982); Milgrom & Roberts (1982)",
    parameters=parameters_of(ChainStoreParams), solve_fn=_chain_solve, rows_fn=_chain_rows, family=_FAMILY,
    row_index=None,
    description=("Sequential equilibrium of the N-period chain-store game with a tough incumbent type; "
                 "table: one row per period along the reputation path (every entry that may happen is fought); "
                 "solve: the first period's row. Payoffs: incumbent a if unchallenged, 0 acquiesce, -1 fight; "
                 "entrant b accommodated, b - 1 fought, 0 out."),
    columns={
        "period": "the period t = 1..N (solve: the first)",
        "periods_left": "k = N - t + 1, the periods left including this one",
        "threshold": "b^k: entry is deterred while the reputation exceeds it",
        "reputation": "the entrants' belief that the incumbent is tough at the start of the period",
        "entry_probability": "the entrant's equilibrium probability of entering",
        "fight_probability": "the weak incumbent's probability of fighting an entry",
        "posterior_after_fight": "the reputation after the incumbent fights an entry",
        "first_entry": "the first period in which entry has positive probability (None: never)",
        "deterred_periods": "the number of opening periods in which entry is deterred for sure",
        "weak_value": "the weak incumbent's expected equilibrium payoff over the game",
        "tough_value": "the tough incumbent's expected equilibrium payoff over the game",
    },
))
