"""Registry adapters of the deterrence models: rows, parameter specs, registration.

The math lives in :mod:`models.deterrence.games`, :mod:`~models.deterrence.signaling` and
:mod:`~models.deterrence.estimation`; the parameter specs come from the bundles in
:mod:`models.deterrence.params`.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..parameters import parameters_of
from ..registry import Model, register
from .estimation import OUTCOME_LABELS, choice_probabilities, outcome_probabilities
from .games import (
    alliance_secrecy,
    brinkmanship,
    deterrence_game,
    extended_deterrence,
    unilateral_deterrence,
    unilateral_deterrence_map,
)
from .params import (
    BrinkmanshipParams,
    BudgetParams,
    DeterrenceGameParams,
    ExtendedDeterrenceParams,
    QREParams,
    SecrecyParams,
    SinkingCostsParams,
    TyingHandsParams,
    UnilateralParams,
)
from .signaling import (
    SignalEquilibrium,
    budget_signaling,
    sinking_costs,
    sinking_costs_map,
    tying_hands,
    tying_hands_map,
)

_FAMILY = "extended_deterrence"
_SIGNAL_KINDS = ("no signal", "pooling", "semi-separating", "separating")


def _solve_unilateral(**p: Any) -> dict:
    r = unilateral_deterrence(**p)
    return {"deterred": r.deterred, "threshold": r.threshold}


def _solve_brink(**p: Any) -> dict:
    r = brinkmanship(**p)
    return {"q_low": r.q_low, "q_high": r.q_high, "effectiveness_bound": r.effectiveness_bound,
            "acceptability_bound": r.acceptability_bound}


def _signal_row(r: SignalEquilibrium) -> dict:
    return {"kind": r.kind, "deterred": r.deterred, "cutoff": r.cutoff, "war_probability": r.war_probability,
            "challenge_probability": r.challenge_probability}


def _solve_tying(**p: Any) -> dict:
    return _signal_row(tying_hands(**p))


def _solve_sinking(**p: Any) -> dict:
    return _signal_row(sinking_costs(**p))


def _with_kind_labels(fn: Callable[..., dict]) -> Callable[..., dict]:
    """A vectorized signaling map whose ``kind_code`` column becomes the ``kind`` labels."""

    def solve_many(**arrays: Any) -> dict:
        out = fn(**arrays)
        out["kind"] = np.asarray(_SIGNAL_KINDS, dtype=object)[out.pop("kind_code")]
        return out

    return solve_many


_SIGNAL_COLUMNS = {
    "kind": "the PBE: no signal, pooling, semi-separating or separating",
    "deterred": "whether the challenger is deterred by a signal that is sent",
    "cutoff": "the lowest defender type that signals (None without a signal)",
    "war_probability": "probability of war",
    "challenge_probability": "probability that the challenger challenges",
}


def _solve_budget(**p: Any) -> dict:
    r = budget_signaling(**p)
    return {"b_star": r.b_star, "wtp_high": r.wtp_high, "wtp_low": r.wtp_low,
            "separating_exists": r.separating_exists, "prior_deters": r.prior_deters,
            "kinds": "; ".join(sorted({e.kind for e in r.equilibria}))}


def _solve_deterrence(**p: Any) -> dict:
    spes = deterrence_game(**p)
    e = spes[0]
    return {"outcome": e.outcome, "path": " > ".join(a for _, a in e.path), "payoff_C": e.payoffs[0],
            "payoff_D": e.payoffs[1], "n_spe": len(spes)}


def _deterrence_rows(**p: Any) -> list[dict]:
    spes = deterrence_game(**p)
    return [{"outcome": e.outcome, "path": " > ".join(a for _, a in e.path), "payoff_C": e.payoffs[0],
             "payoff_D": e.payoffs[1], "n_spe": len(spes)} for e in spes]


def _solve_ext(**p: Any) -> dict:
    r = extended_deterrence(**p)
    return {"outcome": r.outcome, "capable": r.capable, "credible": r.credible,
            "perfect_deterrence": r.perfect_deterrence, "deterred": r.deterred}


def _solve_secrecy(**p: Any) -> dict:
    r = alliance_secrecy(**p)
    return {"believed_credibility": r.believed_credibility, "threshold": r.threshold, "deterred": r.deterred,
            "war_probability": r.war_probability}


def _solve_qre(**u: Any) -> dict:
    p = choice_probabilities(**u)
    probs = outcome_probabilities(**u)
    row = {k: float(v) for k, v in p.items()}
    row.update({f"p_{lab}": float(x) for lab, x in zip(OUTCOME_LABELS, probs)})
    return row


def _solve_qre_many(**u: Any) -> dict:
    p = choice_probabilities(**u)
    probs = outcome_probabilities(**u)
    out = dict(p)
    out.update({f"p_{lab}": probs[..., i] for i, lab in enumerate(OUTCOME_LABELS)})
    return out


register(Model(
    name="unilateral-deterrence", title="Unilateral deterrence with uncertain credibility",
    source="Kilgour & Zagare (1991)", parameters=parameters_of(UnilateralParams),
    solve_fn=_solve_unilateral, solve_many=unilateral_deterrence_map, family=_FAMILY, description="Kilgour & Zagare (1991): deterred iff credibility reaches the threshold.",
    columns={
        "deterred": "the challenger keeps the status quo (credibility >= threshold)",
        "threshold": "the credibility (u_dc - u_sq)/(u_dc - u_dd) at and above which the challenger is deterred",
    },
))
register(Model(
    name="brinkmanship", title="Brinkmanship: the effective range of a probabilistic threat",
    source="Schelling (1960); Dixit & Skeath (Cuban missile crisis)", parameters=parameters_of(BrinkmanshipParams),
    solve_fn=_solve_brink, family=_FAMILY, description="Schelling (1960), Dixit & Skeath: the effective range of the probabilistic threat.",
    columns={
        "q_low": "lowest effective war risk q (soft-liners withdraw); None when the range is empty",
        "q_high": "highest acceptable war risk q (the US prefers the threat); None when the range is empty",
        "effectiveness_bound": "the effectiveness bound on q (3/5: soft-liners withdraw at or above it)",
        "acceptability_bound": "the acceptability bound on q, 3(1 - p_hardline)/(8 p_hardline)",
    },
))
register(Model(
    name="tying-hands", title="Tying hands: audience costs as signals", source="Fearon (1994, 1997)",
    parameters=parameters_of(TyingHandsParams), solve_fn=_solve_tying, solve_many=_with_kind_labels(tying_hands_map),
    family=_FAMILY, description="Fearon (1997): perfect Bayesian equilibrium of the tying-hands game.", columns=_SIGNAL_COLUMNS,
))
register(Model(
    name="sinking-costs", title="Sinking costs: costly signals of resolve", source="Fearon (1997)",
    parameters=parameters_of(SinkingCostsParams), solve_fn=_solve_sinking,
    solve_many=_with_kind_labels(sinking_costs_map), family=_FAMILY, description="Fearon (1997): perfect Bayesian equilibrium of the sinking-costs game.",
    columns=_SIGNAL_COLUMNS,
))
register(Model(
    name="budget-signaling", title="Defense budgets as costly signals of resolve",
    source="Spence (1973); Fearon (1997)", parameters=parameters_of(BudgetParams), solve_fn=_solve_budget,
    family=_FAMILY,
    description="Separating threshold b*, pooling and semi-separating equilibria, budget transparency.",
    columns={
        "b_star": "separating threshold b* = WTP of the low type",
        "wtp_high": "the high type's willingness to pay for deterrence, theta w_H / k_H",
        "wtp_low": "the low type's willingness to pay for deterrence, theta w_L / k_L",
        "separating_exists": "a separating PBE exists at this budget (WTP_L <= b <= WTP_H)",
        "prior_deters": "the prior alone deters the challenger",
        "kinds": "the kinds of PBE found, joined by '; '",
    },
))
register(Model(
    name="deterrence-game", title="Deterrence game (complete information)",
    source="Zagare & Kilgour (2000); Signorino (1999)", parameters=parameters_of(DeterrenceGameParams),
    solve_fn=_solve_deterrence, rows_fn=_deterrence_rows, family=_FAMILY, description="All SPE (ties enumerated).",
    columns={
        "outcome": "status_quo, concession, backdown or war (first SPE)",
        "path": "the equilibrium path, actions joined by ' > '",
        "payoff_C": "challenger's payoff",
        "payoff_D": "defender's payoff",
        "n_spe": "number of subgame perfect equilibria (ties enumerated)",
    },
    version="2",  # 2: largest_ally_share exact / table rows carry payoffs and n_spe
))
register(Model(
    name="extended-deterrence", title="Extended deterrence of a challenge to a protege",
    source="Zagare & Kilgour (2003); Huth (1988)",
    parameters=parameters_of(ExtendedDeterrenceParams, exclude=("reliability",)),
    solve_fn=_solve_ext, family=_FAMILY, description="Perfect-deterrence conditions.",
    columns={
        "outcome": "the equilibrium outcome (status_quo, protege_abandoned, challenger_backs_down or war)",
        "capable": "the threat is capable: war is no better for the challenger than the status quo",
        "credible": "the threat is credible: the defender prefers fighting to deserting the protege",
        "perfect_deterrence": "capable and credible: the perfect-deterrence conditions hold",
        "deterred": "the challenger does not challenge",
    },
))
register(Model(
    name="alliance-secrecy", title="Open, partly secret and secret alliances", source="Morrow (2000); Kuo (2020); Kilgour & Zagare (1991)",
    parameters=parameters_of(SecrecyParams), solve_fn=_solve_secrecy, family=_FAMILY,
    description="Deterrence value is highest when open.",
    columns={
        "believed_credibility": "the challenger's belief that the ally will fight",
        "threshold": "the credibility at and above which the challenger is deterred",
        "deterred": "the challenger keeps the status quo",
        "war_probability": "probability of war",
    },
))
register(Model(
    name="deterrence-qre", title="Deterrence game: agent logit QRE (strategic estimation model)",
    source="Signorino (1999); McKelvey & Palfrey (1998)", parameters=parameters_of(QREParams), solve_fn=_solve_qre,
    solve_many=_solve_qre_many, family=_FAMILY,
    description="Choice and outcome probabilities of the 3-stage deterrence game with agent logit errors.",
    columns={
        "p_challenge": "probability that the challenger challenges",
        "p_resist": "probability that the defender resists",
        "p_fight": "probability that the challenger fights after resistance",
        **{f"p_{lab}": f"probability of the outcome {lab}" for lab in OUTCOME_LABELS},
    },
))
