"""Registry adapters of the alliance models: rows, parameter specs, registration.

The math lives in :mod:`models.alliance.game`, :mod:`~models.alliance.commitment`,
:mod:`~models.alliance.pledges` and :mod:`~models.alliance.formation`; the parameter
specs come from the bundles in :mod:`models.alliance.params`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..parameters import parameters_of
from ..registry import Model, register
from .commitment import (
    OUTCOMES,
    CommitmentSPE,
    TripartiteResult,
    commitment_game,
    probabilistic_commitment,
    tripartite_commitment,
    tripartite_map,
)
from .formation import swing_state_behavior
from .game import alliance_game
from .params import (
    ALLIANCE_GAME,
    AllianceGameParams,
    CommitmentParams,
    FormationParams,
    PledgeParams,
    ProbabilisticParams,
    TripartiteParams,
)
from .pledges import pledge_game

_FAMILY = "alliance_dilemma"
# the registry sweeps hedge_value as a number: its default is the alliance value's (H = V)
_ALLIANCE_PARAMETERS = parameters_of(AllianceGameParams, hedge_value={"default": ALLIANCE_GAME.value})


def _solve_alliance(**p: Any) -> dict:
    g = alliance_game(**p)
    return {"game_class": g.game_class, "R": g.R, "S": g.S, "T": g.T, "P": g.P,
            "pure_equilibria": "; ".join(f"({a}, {b})" for a, b in g.pure_equilibria)}


def _spe_row(e: CommitmentSPE) -> dict:
    return {"patron": e.patron, "path": " > ".join(a for _, a in e.path), "outcome": e.outcome,
            "payoff_A": e.payoffs[0], "payoff_P": e.payoffs[1], "payoff_C": e.payoffs[2],
            "abandonment": e.abandonment, "entrapment": e.entrapment}


_SPE_COLUMNS = {
    "patron": "the patron's pledge: firm or loose",
    "path": "the equilibrium path, actions joined by ' > '",
    "outcome": "concede, deterred or war",
    "payoff_A": "patron's payoff",
    "payoff_P": "protege's payoff",
    "payoff_C": "challenger's payoff",
    "abandonment": "war on the path and the patron abandons",
    "entrapment": "war on the path and the patron intervenes at a payoff below 0 (what it gets if P concedes)",
}


def _solve_commitment(**p: Any) -> dict:
    spes = commitment_game(**p)
    row = _spe_row(spes[0])
    row["n_spe"] = len(spes)
    row["outcomes"] = "; ".join(sorted({e.outcome for e in spes}))
    return row


def _commitment_rows(**p: Any) -> list[dict]:
    return [_spe_row(e) for e in commitment_game(**p)]


def _solve_prob(**p: Any) -> dict:
    r = probabilistic_commitment(**p)
    return {"outcome": r.outcome, "protege_threshold": r.protege_threshold,
            "challenger_threshold": r.challenger_threshold, "deters_and_restrains": r.deters_and_restrains}


def _tri_row(r: TripartiteResult) -> dict:
    return {"outcome": r.outcome, "path": " > ".join(a for _, a in r.path), "support_prob": r.support_prob,
            "p_war": r.p_war, "p_abandonment": r.p_abandonment, "p_entrapment": r.p_entrapment,
            "abandonment_risk": r.abandonment_risk, "entrapment_risk": r.entrapment_risk,
            "payoff_A": r.payoffs[0], "optimal_kappa": r.optimal_kappa, "optimal_payoff": r.optimal_payoff}


def _solve_tri(**p: Any) -> dict:
    return _tri_row(tripartite_commitment(**p))


def _solve_tri_many(**arrays: Any) -> dict:
    out = tripartite_map(**arrays)
    out["outcome"] = np.asarray(OUTCOMES, dtype=object)[out.pop("outcome_code")]
    return out


def _solve_pledge(**p: Any) -> dict:
    r = pledge_game(**p)
    return {"protege": r.protege, "outcome": r.outcome, "war": r.war, "abandonment": r.abandonment,
            "entrapment": r.entrapment, "deterred_unprovoked": r.deterred_unprovoked,
            "deterred_provoked": r.deterred_provoked}


def _solve_swing(**p: Any) -> dict:
    return swing_state_behavior(**p)


register(Model(
    name="alliance-game", title="Alliance game: commit or hedge", source="Snyder (1984)",
    parameters=_ALLIANCE_PARAMETERS, solve_fn=_solve_alliance, family=_FAMILY,
    description="Two allies commit or hedge; the module names the ordinal class (PD, Chicken, Stag Hunt, ...).",
    columns={
        "game_class": "the ordinal class of the symmetric 2x2 game (Prisoner's Dilemma, Chicken, Stag Hunt, ...)",
        "R": "payoff of mutual commitment, value - entrapment_cost",
        "S": "payoff of committing against a hedger, -entrapment_cost",
        "T": "payoff of hedging against a committed partner, hedge_value",
        "P": "payoff of mutual hedging, -abandonment_cost",
        "pure_equilibria": "the pure Nash equilibria as (ally 1, ally 2) action pairs",
    },
))
register(Model(
    name="commitment-game", title="Commitment game (patron, protege, challenger)",
    source="Snyder (1984); Benson (2012); Fang, Johnson & Leeds (2014)",
    parameters=parameters_of(CommitmentParams), solve_fn=_solve_commitment, rows_fn=_commitment_rows,
    family=_FAMILY,
    description="All subgame perfect equilibria (first row: ties broken toward the first action).",
    columns={
        **_SPE_COLUMNS,
        "n_spe": "number of subgame perfect equilibria (ties enumerated)",
        "outcomes": "the distinct outcomes over all SPE, joined by '; '",
    },
))
register(Model(
    name="probabilistic-commitment", title="Probabilistic commitment (private patron resolve)",
    source="Snyder (1984); Benson (2012)",
    parameters=parameters_of(ProbabilisticParams), solve_fn=_solve_prob, family=_FAMILY,
    description="Perfect Bayesian equilibrium with private patron resolve.",
    columns={
        "outcome": "concede, war or deterred",
        "protege_threshold": "reliability r_P = (c_P - p_N)/(p_I - p_N) at and above which the protege fights",
        "challenger_threshold": "reliability r_C = (1 - c_C - p_N)/(p_I - p_N) at and above which C is deterred",
        "deters_and_restrains": "C is deterred while P would concede if attacked (r_C <= r < r_P)",
    },
))
register(Model(
    name="tripartite-commitment", title="Tripartite commitment game (kappa, moral hazard, private resolve)",
    source="Snyder (1984); Benson (2012); Fang, Johnson & Leeds (2014)",
    parameters=parameters_of(TripartiteParams), solve_fn=_solve_tri, solve_many=_solve_tri_many, family=_FAMILY,
    description="Equilibrium path, probabilities of abandonment and entrapment, patron's optimal kappa.",
    columns={
        "outcome": "concede, deterred or war",
        "path": "the equilibrium path, actions joined by ' > '",
        "support_prob": "probability pi that the patron intervenes if the protege is attacked",
        "p_war": "probability of war on the equilibrium path",
        "p_abandonment": "probability that war happens and the patron abandons",
        "p_entrapment": "probability that war happens and the patron intervenes at a loss",
        "abandonment_risk": "1 - support_prob (Snyder's risk of abandonment)",
        "entrapment_risk": "support_prob if the protege stands firm in a war the patron would not fight alone, else 0",
        "payoff_A": "patron's expected payoff",
        "optimal_kappa": "the patron's payoff-maximizing commitment strength in [0, 1]",
        "optimal_payoff": "the patron's expected payoff at optimal_kappa",
    },
    # 2: the per-point row also carries optimal_payoff, as the vectorized rows always did
    version="2",
))
register(Model(
    name="alliance-pledges", title="Conditional vs unconditional pledges", source="Benson (2012)",
    parameters=parameters_of(PledgeParams), solve_fn=_solve_pledge, family=_FAMILY,
    description="A defensive pledge restrains the protege and lowers entrapment at some cost in deterrence.",
    columns={
        "protege": "the protege's move: provoke or restrain",
        "outcome": "'<protege move>/peace' or '<protege move>/war'",
        "war": "the challenger attacks on the path",
        "abandonment": "war on the path and the patron abandons",
        "entrapment": "war after a provocation with the patron supporting",
        "deterred_unprovoked": "the challenger does not attack a restrained protege",
        "deterred_provoked": "the challenger does not attack after a provocation",
    },
))
register(Model(
    name="alliance-formation", title="Balancing or bandwagoning (contest success function)",
    source="Waltz (1979); Walt (1987); Schweller (1994); Riker (1962)",
    parameters=parameters_of(FormationParams), solve_fn=_solve_swing, family=_FAMILY,
    description="A swing state's side, balance/bandwagon, and the spoils where it switches.",
    columns={
        "side": "the side the swing state joins: revisionist or status_quo",
        "behavior": "balance, bandwagon or neutral (both sides equally strong without it)",
        "payoff_revisionist": "the swing state's payoff from joining the revisionist",
        "payoff_status_quo": "the swing state's payoff from joining the status-quo side",
        "spoils_threshold": "the spoils above which joining the revisionist beats joining the status-quo side",
    },
))
