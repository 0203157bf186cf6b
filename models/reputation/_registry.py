"""Registry adapters of the reputation models: rows, parameter specs, registration.

The math lives in :mod:`models.reputation.chain` and :mod:`models.reputation.reliability`; the parameter specs come from the
bundles in :mod:`models.reputation.params`.
"""

from __future__ import annotations

from typing import Any

from ..parameters import parameters_of
from ..registry import Model, register
from .chain import chain_store
from .params import AllianceReputationParams, ChainStoreParams
from .reliability import alliance_reputation

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


def _alliance_solve(**p: Any) -> dict:
    r = alliance_reputation(**p)
    return dict(vars(r))


register(Model(
    name="alliance-reputation", title="Reputation for alliance reliability over a sequence of crises",
    source="Alt, Calvert & Humes (1988); Sartori (2005)",
    parameters=parameters_of(AllianceReputationParams), solve_fn=_alliance_solve, family=_FAMILY,
    description=("A patron of private resolve (resolute: defends w.p. r_H; irresolute: r_L) faces N challenges; "
                 "challengers update on its record by Bayes' rule and are deterred at credibility >= v/(v+w)."),
    columns={
        "threshold": "v/(v + w): the credibility at and above which a challenger is deterred",
        "credibility": "the probability of defense a challenger expects at the prior",
        "deterred": "the first challenger is deterred",
        "credibility_after_abandonment": "the next challenger's expected probability of defense after one abandonment",
        "deterred_after_abandonment": "the next challenger is deterred after one abandonment",
        "credibility_after_defense": "the next challenger's expected probability of defense after one defense",
        "deterred_after_defense": "the next challenger is deterred after one defense",
        "abandonments_to_lose": "the fewest abandonments that end deterrence (0: the prior does not deter; None: none do)",
        "defenses_to_deter": "the fewest defenses that make deterrence (0: the prior deters; None: none do)",
        "reputation_premium": "irresolute patron: value of the other N - 1 crises after a defense minus after an abandonment",
        "value_resolute": "the resolute patron's expected payoff over the N crises",
        "value_irresolute": "the irresolute patron's expected payoff over the N crises",
    },
))
