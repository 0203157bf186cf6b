"""Abandonment and entrapment: Snyder's (1984) alliance security dilemma (DESIGN 4, 9.1-9.2).

Games in this module (each registered in :data:`models.registry.MODELS`):

* :func:`alliance_game` -- two allies each ``commit`` strongly or ``hedge``.  Payoffs
  (row player; symmetric) from the alliance ``value`` V, the ``entrapment_cost`` E and
  the ``abandonment_cost`` A, and the ``hedge_value`` H (what a hedger gets from a
  committed partner: its protection without entanglement; default V):

      (commit, commit) R = V - E     (commit, hedge) S = -E
      (hedge, commit)  T = H         (hedge, hedge)  P = -A

  The ordinal ranking of R, S, T, P names the game (Snyder 1984 reads the alliance game
  as a Prisoner's Dilemma; with abandonment feared more than entrapment, A > E, it is
  Chicken; when hedging pays less than a cohesive alliance, H < V - E, and E > A > -H, it
  is a Stag Hunt).
* :func:`commitment_game` (9.1, all SPE), :func:`probabilistic_commitment` (9.2, PBE),
  :func:`tripartite_commitment` (commitment strength kappa, private patron resolve) and
  its vectorized twin :func:`tripartite_map` -- see :mod:`models.alliance_commitment`.
* :func:`pledge_game` -- conditional (defensive) vs unconditional pledges (Benson 2012),
  see :mod:`models.alliance_pledges`.
* :func:`stable_alignments`, :func:`swing_state_behavior` -- alliance formation with a
  contest success function, balancing vs bandwagoning (Waltz 1979; Walt 1987; Schweller
  1994), and Riker's (1962) minimum winning coalitions -- see :mod:`models.alliance_formation`.

Symbolic conditions through the engine: :func:`commitment_symbolic` (9.1) and
:func:`tripartite_symbolic` (kappa, private resolve; 9.2 as a special case) return
:class:`gametheory.symbolic.SymbolicTree` objects whose ``.conditions()`` are the sympy
inequalities under which each pure profile is subgame perfect.

Why alliances collapse (the repeated-game boundary) lives in :mod:`models.crisis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from gametheory.errors import GameError

from .alliance_commitment import (
    OUTCOMES,
    CommitmentSPE,
    ProbabilisticCommitment,
    TripartiteResult,
    commitment_game,
    commitment_symbolic,
    commitment_tree,
    probabilistic_commitment,
    tripartite_commitment,
    tripartite_map,
    tripartite_symbolic,
    tripartite_tree,
)
from .alliance_formation import (
    AlignmentResult,
    alignment_game,
    contest_success,
    minimal_winning_coalitions,
    minimum_winning_coalitions,
    stable_alignments,
    swing_state_behavior,
)
from .alliance_pledges import PledgeResult, pledge_game, pledge_tree
from .deterrence_exact import numbers, tolerance

__all__ = [
    "AllianceGame", "alliance_game", "classify_symmetric",
    "CommitmentSPE", "commitment_game", "commitment_tree", "commitment_symbolic",
    "ProbabilisticCommitment", "probabilistic_commitment",
    "TripartiteResult", "tripartite_commitment", "tripartite_tree", "tripartite_map", "tripartite_symbolic",
    "OUTCOMES",
    "PledgeResult", "pledge_game", "pledge_tree",
    "AlignmentResult", "alignment_game", "stable_alignments", "swing_state_behavior", "contest_success",
    "minimal_winning_coalitions", "minimum_winning_coalitions",
]

# Orderings of a symmetric 2x2 game's payoffs (R, S, T, P) and their names (Rapoport & Guyer
# 1966; Snyder & Diesing 1977): each key lists the four letters from best to worst.
_SYMMETRIC_NAMES = {
    "TRPS": "Prisoner's Dilemma",
    "TRSP": "Chicken",
    "RTPS": "Stag Hunt",
    "TPRS": "Deadlock",
    "TSRP": "Leader",
    "STRP": "Hero",
    "RTSP": "Harmony",
}
# R > S > T > P is no-conflict too, but the engine's taxonomy (gametheory.ordinal) gives it no
# name; calling it "Harmony" here made the two taxonomies disagree on one game.


def classify_symmetric(R: Any, S: Any, T: Any, P: Any) -> str:
    """Name of the symmetric 2x2 game with payoffs R (C,C), S (C,D), T (D,C), P (D,D).

    Uses the strict ordinal ranking; a game with tied payoffs is reported as
    ``"tied (...)"``; strict orderings without a conventional name as ``"ordinal TRSP"``-style.
    Float payoffs within tol = 1e-9 * max |payoff| count as tied (Rapoport & Guyer 1966).
    """
    vals = {"R": R, "S": S, "T": T, "P": P}
    exact = not any(isinstance(x, (float, np.floating)) for x in vals.values())
    tol = tolerance(exact, *vals.values())
    xs = list(vals.values())
    if any(tol.eq(xs[i], xs[j]) for i in range(4) for j in range(i + 1, 4)):
        return "tied (" + ", ".join(f"{k}={v}" for k, v in vals.items()) + ")"
    order = "".join(sorted(vals, key=lambda k: vals[k], reverse=True))
    return _SYMMETRIC_NAMES.get(order, f"ordinal {order}")


@dataclass(frozen=True)
class AllianceGame:
    """The two-ally alliance game: the NormalFormGame, its class and its pure equilibria."""

    game: Any
    game_class: str
    R: Any
    S: Any
    T: Any
    P: Any
    pure_equilibria: tuple  # strategy-label pairs

    def equilibria(self) -> list:
        """All Nash equilibria (gametheory.solve)."""
        import gametheory as gt

        return gt.solve(self.game)


def alliance_game(
    value: Any = 3,
    entrapment_cost: Any = 1,
    abandonment_cost: Any = 2,
    hedge_value: Any = None,
) -> AllianceGame:
    """The two-ally commit/hedge game of Snyder (1984), named by its ordinal class."""
    import gametheory as gt

    v, _ = numbers(value=value, entrapment_cost=entrapment_cost, abandonment_cost=abandonment_cost,
                   hedge_value=value if hedge_value is None else hedge_value)
    for k in ("entrapment_cost", "abandonment_cost"):
        if v[k] < 0:
            raise GameError(f"{k}={v[k]} must be >= 0")
    R, S, T, P = v["value"] - v["entrapment_cost"], -v["entrapment_cost"], v["hedge_value"], -v["abandonment_cost"]
    A = [[R, S], [T, P]]
    g = gt.NormalFormGame.from_bimatrix(A, [[R, T], [S, P]], player_labels=["ally 1", "ally 2"],
                                        strategy_labels=[["commit", "hedge"], ["commit", "hedge"]],
                                        title="alliance game")
    labels = ("commit", "hedge")
    pure = tuple((labels[e.pure_profile[0]], labels[e.pure_profile[1]]) for e in gt.pure_equilibria(g))
    return AllianceGame(game=g, game_class=classify_symmetric(R, S, T, P), R=R, S=S, T=T, P=P, pure_equilibria=pure)


# ------------------------------------------------------------------ registry ----------------


def _register() -> None:
    from .registry import Model, Parameter, register

    F = Fraction
    common = {
        "value": Parameter(1, 0, None, "patron's value of the protege's stake (beta)"),
        # p_abandon < p_intervene forces p_intervene > 0 and p_abandon < 1
        "p_intervene": Parameter(F(4, 5), 0, 1, "protege's chance of winning with the patron's help (> p_abandon)",
                                 low_open=True),
        "p_abandon": Parameter(F(1, 5), 0, 1, "protege's chance of winning alone (< p_intervene)", high_open=True),
        "cost_patron": Parameter(F(9, 10), 0, None, "patron's cost of war"),
        "cost_protege": Parameter(F(1, 10), 0, None, "protege's cost of war"),
        "cost_challenger": Parameter(F(3, 10), 0, None, "challenger's cost of war"),
        "audience_cost": Parameter(1, 0, None, "cost to the patron of breaking a public pledge"),
    }

    def solve_alliance(**p: Any) -> dict:
        g = alliance_game(**p)
        return {"game_class": g.game_class, "R": g.R, "S": g.S, "T": g.T, "P": g.P,
                "pure_equilibria": "; ".join(f"({a}, {b})" for a, b in g.pure_equilibria)}

    register(Model(
        name="alliance-game", title="Alliance game: commit or hedge", source="Snyder (1984)",
        parameters={
            "value": Parameter(3, None, None, "value of a cohesive alliance V"),
            "entrapment_cost": Parameter(1, 0, None, "cost of entrapment E borne by a committed ally"),
            "abandonment_cost": Parameter(2, 0, None, "cost A to each ally when both hedge"),
            "hedge_value": Parameter(3, None, None, "hedger's payoff against a committed partner H"),
        },
        solve_fn=solve_alliance, family="alliance_dilemma",
        description="Two allies commit or hedge; the module names the ordinal class (PD, Chicken, Stag Hunt, ...).",
    ))

    def _spe_row(e: CommitmentSPE) -> dict:
        return {"patron": e.patron, "path": " > ".join(a for _, a in e.path), "outcome": e.outcome,
                "payoff_A": e.payoffs[0], "payoff_P": e.payoffs[1], "payoff_C": e.payoffs[2],
                "abandonment": e.abandonment, "entrapment": e.entrapment}

    def solve_commitment(**p: Any) -> dict:
        spes = commitment_game(**p)
        row = _spe_row(spes[0])
        row["n_spe"] = len(spes)
        row["outcomes"] = "; ".join(sorted({e.outcome for e in spes}))
        return row

    register(Model(
        name="commitment-game", title="Commitment game (patron, protege, challenger)",
        source="Snyder (1984); Benson (2012); Fang, Johnson & Leeds (2014)",
        parameters=dict(common), solve_fn=solve_commitment,
        rows_fn=lambda **p: [_spe_row(e) for e in commitment_game(**p)], family="alliance_dilemma",
        description="DESIGN 9.1: all subgame perfect equilibria (first row: ties broken toward the first action).",
    ))

    def solve_prob(**p: Any) -> dict:
        r = probabilistic_commitment(**p)
        return {"outcome": r.outcome, "protege_threshold": r.protege_threshold,
                "challenger_threshold": r.challenger_threshold, "deters_and_restrains": r.deters_and_restrains}

    register(Model(
        name="probabilistic-commitment", title="Probabilistic commitment (private patron resolve)",
        source="Snyder (1984); Benson (2012)",
        parameters={
            "reliability": Parameter(F(1, 2), 0, 1, "prior that the patron intervenes"),
            "p_intervene": common["p_intervene"], "p_abandon": common["p_abandon"],
            "cost_protege": common["cost_protege"], "cost_challenger": common["cost_challenger"],
        },
        solve_fn=solve_prob, family="alliance_dilemma", description="DESIGN 9.2 (PBE).",
    ))

    tri_params = dict(common)
    tri_params["kappa"] = Parameter(1, 0, 1, "commitment strength/clarity (abandonment costs audience_cost*kappa)")
    tri_params["reliability"] = Parameter(0, 0, 1, "prior that the patron is resolved (0: complete information)")

    def _tri_row(r: TripartiteResult) -> dict:
        return {"outcome": r.outcome, "path": " > ".join(a for _, a in r.path), "support_prob": r.support_prob,
                "p_war": r.p_war, "p_abandonment": r.p_abandonment, "p_entrapment": r.p_entrapment,
                "abandonment_risk": r.abandonment_risk, "entrapment_risk": r.entrapment_risk,
                "payoff_A": r.payoffs[0], "optimal_kappa": r.optimal_kappa}

    def solve_tri(**p: Any) -> dict:
        return _tri_row(tripartite_commitment(**p))

    def solve_tri_many(**arrays: Any) -> dict:
        out = tripartite_map(**arrays)
        out["outcome"] = np.asarray(OUTCOMES, dtype=object)[out.pop("outcome_code")]
        return out

    register(Model(
        name="tripartite-commitment", title="Tripartite commitment game (kappa, moral hazard, private resolve)",
        source="Snyder (1984); Benson (2012); Fang, Johnson & Leeds (2014)",
        parameters=tri_params, solve_fn=solve_tri, solve_many=solve_tri_many, family="alliance_dilemma",
        description="Equilibrium path, probabilities of abandonment and entrapment, patron's optimal kappa.",
    ))

    def solve_pledge(**p: Any) -> dict:
        r = pledge_game(**p)
        return {"protege": r.protege, "outcome": r.outcome, "war": r.war, "abandonment": r.abandonment,
                "entrapment": r.entrapment, "deterred_unprovoked": r.deterred_unprovoked,
                "deterred_provoked": r.deterred_provoked}

    pledge_params = dict(common)
    pledge_params["pledge"] = Parameter("conditional", choices=("conditional", "unconditional"), kind=str,
                                        description="conditional (defensive) or unconditional pledge")
    pledge_params["provocation_gain"] = Parameter(F(1, 5), 0, None, "protege's gain from an unanswered provocation")
    register(Model(
        name="alliance-pledges", title="Conditional vs unconditional pledges", source="Benson (2012)",
        parameters=pledge_params, solve_fn=solve_pledge, family="alliance_dilemma",
        description="A defensive pledge restrains the protege and lowers entrapment at some cost in deterrence.",
    ))

    def solve_swing(**p: Any) -> dict:
        return swing_state_behavior(**p)

    register(Model(
        name="alliance-formation", title="Balancing or bandwagoning (contest success function)",
        source="Waltz (1979); Walt (1987); Schweller (1994); Riker (1962)",
        parameters={
            "capability": Parameter(1, 0, None, "swing state's capability"),
            "threat_capability": Parameter(3, 0, None, "revisionist's capability"),
            "defender_capability": Parameter(2, 0, None, "status-quo state's capability"),
            "spoils": Parameter(1, 0, None, "spoils shared by the victorious revisionist side"),
            "threat": Parameter(1, 0, None, "threat a victorious revisionist poses to everyone"),
            "loss": Parameter(1, 0, None, "loss of the defeated side"),
            "m": Parameter(1, 0, None, "decisiveness exponent of the contest success function"),
        },
        solve_fn=solve_swing, family="alliance_dilemma",
        description="A swing state's side, balance/bandwagon, and the spoils where it switches.",
    ))


_register()
