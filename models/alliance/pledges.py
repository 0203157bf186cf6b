"""Defensive (conditional) versus unconditional pledges (Benson 2012).

The protege P chooses ``provoke`` (press its claims; worth ``provocation_gain`` g
to P and -g to C if unanswered) or ``restrain``; the challenger C then chooses
``attack`` or not; after an attack the patron A chooses ``support`` or
``abandon``.  War payoffs are those of the commitment game (Snyder 1984; Benson 2012) (P wins with p_I if A
supports, p_N if not); breaking a pledge that covers the attack costs A the
``audience_cost``.  An ``unconditional`` pledge covers every attack; a
``conditional`` (defensive, "casus foederis") pledge covers only unprovoked
attacks (after ``restrain``).

Tie rules: A supports when indifferent; C attacks only if strictly better; P
provokes only if strictly better.  Float inputs: payoffs within the engine's tol
(1e-9 * max |payoff|) are ties.

Result reproduced (Benson 2012; Snyder 1984): against the unconditional pledge
the conditional one weakly restrains the protege (it provokes in a subset of
parameter points) and weakly lowers entrapment (war after provocation with the
patron fighting), at a cost in deterrence: a provoked attack is deterred in a
subset of the points where it is deterred under the unconditional pledge.
(Proof sketch: the two pledges differ only at A's node after provocation, where
the conditional one removes the audience cost; so A supports there less often,
C attacks there more often and P's payoff from provoking is weakly lower, while
everything after ``restrain`` is identical.)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from gametheory.errors import GameError

from ..checks import check_prob, check_range, numbers, tolerance
from .params import PLEDGE, PLEDGES, PledgeParams

__all__ = ["PledgeResult", "pledge_game", "pledge_tree", "PLEDGES"]


@dataclass(frozen=True)
class PledgeResult:
    """The SPE (with the stated tie rules) of the pledge game."""

    pledge: str
    protege: str  # "provoke" | "restrain"
    outcome: str  # "<protege move>/peace" | "<protege move>/war"
    path: tuple
    strategy: dict
    payoffs: tuple  # (A, P, C)
    provoked: bool
    war: bool
    abandonment: bool
    entrapment: bool
    deterred_unprovoked: bool
    deterred_provoked: bool


def _values(kw: dict) -> dict:
    pledge = kw.pop("pledge")
    if pledge not in PLEDGES:
        raise GameError(f"pledge={pledge!r} must be one of {PLEDGES}")
    v, exact = numbers(**kw)
    v["_exact"] = exact
    check_prob("p_intervene", v["p_intervene"])
    check_prob("p_abandon", v["p_abandon"])
    if not v["p_abandon"] < v["p_intervene"]:
        raise GameError("p_abandon must be below p_intervene")
    for k in ("cost_patron", "cost_protege", "cost_challenger", "audience_cost", "provocation_gain"):
        check_range(k, v[k], 0)
    v["pledge"] = pledge
    return v


def _payoffs(v: dict) -> dict:
    b, pI, pN = v["value"], v["p_intervene"], v["p_abandon"]
    g = v["provocation_gain"]
    out = {}
    for move in ("restrain", "provoke"):
        covered = v["pledge"] == "unconditional" or move == "restrain"
        out[(move, "peace")] = (b, 1 + g if move == "provoke" else 1 + 0 * g, -g if move == "provoke" else 0 * g)
        out[(move, "support")] = (b * pI - v["cost_patron"], pI - v["cost_protege"], 1 - pI - v["cost_challenger"])
        out[(move, "abandon")] = (
            b * pN - (v["audience_cost"] if covered else 0),
            pN - v["cost_protege"],
            1 - pN - v["cost_challenger"],
        )
    return out


def pledge_game(
    pledge: str = PLEDGE.pledge,
    value: Any = PLEDGE.value,
    p_intervene: Any = PLEDGE.p_intervene,
    p_abandon: Any = PLEDGE.p_abandon,
    cost_patron: Any = PLEDGE.cost_patron,
    cost_protege: Any = PLEDGE.cost_protege,
    cost_challenger: Any = PLEDGE.cost_challenger,
    audience_cost: Any = PLEDGE.audience_cost,
    provocation_gain: Any = PLEDGE.provocation_gain,
) -> PledgeResult:
    """Solve the pledge game by backward induction (Benson 2012's conditional commitments)."""
    v = _values(dict(pledge=pledge, value=value, p_intervene=p_intervene, p_abandon=p_abandon,
                     cost_patron=cost_patron, cost_protege=cost_protege, cost_challenger=cost_challenger,
                     audience_cost=audience_cost, provocation_gain=provocation_gain))
    pay = _payoffs(v)
    T = tolerance(v["_exact"], *(x for p in pay.values() for x in p))
    strategy: dict = {"A": {}, "C": {}, "P": {}}
    sub = {}
    for move in ("restrain", "provoke"):
        sup, ab = pay[(move, "support")], pay[(move, "abandon")]
        a_act = "support" if T.ge(sup[0], ab[0]) else "abandon"
        war = pay[(move, a_act)]
        attack = T.gt(war[2], pay[(move, "peace")][2])
        strategy["A"][f"{move}/attack"] = a_act
        strategy["C"][move] = "attack" if attack else "no_attack"
        sub[move] = (war if attack else pay[(move, "peace")], attack, a_act)
    prov = T.gt(sub["provoke"][0][1], sub["restrain"][0][1])
    move = "provoke" if prov else "restrain"
    strategy["P"]["root"] = move
    payoffs, attack, a_act = sub[move]
    path = [("P", move), ("C", "attack" if attack else "no_attack")] + ([("A", a_act)] if attack else [])
    return PledgeResult(
        pledge=v["pledge"], protege=move, outcome=f"{move}/{'war' if attack else 'peace'}", path=tuple(path),
        strategy=strategy, payoffs=payoffs, provoked=prov, war=attack,
        abandonment=attack and a_act == "abandon",
        entrapment=attack and prov and a_act == "support",
        deterred_unprovoked=not sub["restrain"][1], deterred_provoked=not sub["provoke"][1],
    )


def pledge_tree(pledge: str = PLEDGE.pledge, **params: Any):
    """The pledge game as a :class:`gametheory.ExtensiveFormGame` (players A, P, C)."""
    import gametheory as gt

    defaults = {f.name: getattr(PLEDGE, f.name) for f in fields(PledgeParams) if f.name != "pledge"}
    unknown = set(params) - set(defaults)
    if unknown:
        raise GameError(f"pledge_tree: unknown parameter(s) {sorted(unknown)}")
    v = _values({"pledge": pledge, **defaults, **params})
    pay = _payoffs(v)
    t = gt.ExtensiveFormGame(players=["A", "P", "C"], title=f"{pledge} pledge game")
    r, p = t.decision(t.root, player="P", actions=["restrain", "provoke"], infoset="root")
    for node, move in ((r, "restrain"), (p, "provoke")):
        att, no = t.decision(node, player="C", actions=["attack", "no_attack"], infoset=move)
        t.terminal(no, payoffs=list(pay[(move, "peace")]), label=f"{move}/peace")
        s, a = t.decision(att, player="A", actions=["support", "abandon"], infoset=f"{move}/attack")
        t.terminal(s, payoffs=list(pay[(move, "support")]), label=f"{move}/support")
        t.terminal(a, payoffs=list(pay[(move, "abandon")]), label=f"{move}/abandon")
    return t
