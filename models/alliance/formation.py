"""Alliance formation and capability aggregation (Riker 1962; Walt 1987) -- private helper.

A revisionist state R (capability ``threat_capability``) faces a status-quo
state S (``defender_capability``); swing states i with capabilities c_i choose to
join R's side (A) or S's side (B).  War outcomes follow the contest success
function (Tullock 1980; Hirshleifer 1989) of summed capabilities

    p_A = C_A^m / (C_A^m + C_B^m),     C_K = sum of capabilities on side K.

Payoffs of a swing state (all relative to the status quo):

* on R's side: p_A (spoils * c_i / C_A - threat) - (1 - p_A) loss
  (a share of the ``spoils`` in proportion to capability, but a victorious R is a
  ``threat`` to its own junior partners, whom it may turn on next: Walt's 1987
  balance of threat; if R loses its partners pay the ``loss``);
* on S's side: -p_A loss  (if R wins the defeated pay ``loss``; if S wins the
  status quo stands).

A *stable alignment* is an assignment of sides from which no swing state gains by
switching: a pure Nash equilibrium of the n-player alignment game, which is
built as a :class:`gametheory.NormalFormGame` and solved with
:func:`gametheory.pure_equilibria` (ties: a state indifferent between sides is
stable either way).  A state *balances* (Waltz 1979) when it joins the side that
is weaker without it, and *bandwagons* (Schweller 1994) when it joins the
stronger; it balances against threat (Walt 1987) when it joins S's side.  Result
reproduced: small spoils and a large threat make swing states balance; large
spoils relative to threat and loss make them bandwagon (Schweller 1994).

Riker's (1962) size principle as a check: with spoils divided among the winners
in proportion to capability, a member's share c_i / C_K is largest in the
lightest winning coalition containing it, so rational members form minimum
winning coalitions (:func:`minimum_winning_coalitions`).

Float inputs: payoff and weight comparisons use the engine's tolerance
1e-9 * max |value|, so ties (a state indifferent between sides, equally strong
sides, coalitions of equal weight, a coalition exactly at the quota) are ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from typing import Any, Sequence

import numpy as np

from gametheory.errors import GameError

from ..checks import Tol, check_range, numbers, tolerance
from ..elementwise import where
from .params import FORMATION

__all__ = [
    "contest_success",
    "AlignmentResult",
    "alignment_game",
    "stable_alignments",
    "swing_state_behavior",
    "minimal_winning_coalitions",
    "minimum_winning_coalitions",
]


def contest_success(c_a: Any, c_b: Any, m: Any = FORMATION.m) -> Any:
    """p = C_A^m / (C_A^m + C_B^m) (Tullock 1980; Hirshleifer 1989); 1/2 when both are 0.

    Works on scalars (exact for int/Fraction capabilities and integer m) and numpy arrays.
    """
    if isinstance(c_a, np.ndarray) or isinstance(c_b, np.ndarray):
        a = np.asarray(c_a, dtype=float) ** float(m)
        b = np.asarray(c_b, dtype=float) ** float(m)
        half: Any = 0.5
    else:
        a, b, half = _contest_powers(c_a, c_b, m)
    tot = a + b
    return where(tot > 0, a / where(tot > 0, tot, 1), half)


def _contest_powers(c_a: Any, c_b: Any, m: Any) -> tuple:
    """One point's C_A^m, C_B^m (exact for exact capabilities and integer m) and the tie value 1/2."""
    v, _ = numbers(c_a=c_a, c_b=c_b)
    c_a, c_b = v["c_a"], v["c_b"]
    if c_a < 0 or c_b < 0:
        raise GameError("capabilities must be >= 0")
    if isinstance(m, float) or (isinstance(m, Fraction) and m.denominator != 1):
        c_a, c_b, m = float(c_a), float(c_b), float(m)
    elif isinstance(m, Fraction):
        m = int(m)
    a, b = c_a ** m, c_b ** m
    return a, b, 0.5 if isinstance(a + b, float) else Fraction(1, 2)


def _swing_payoff(side: int, c_i: Any, c_a: Any, c_b: Any, v: dict) -> Any:
    """side 0 = R's side (A), 1 = S's side (B); c_a, c_b include state i's capability."""
    p = contest_success(c_a, c_b, v["m"])
    if side == 0:
        return p * (v["spoils"] * c_i / c_a - v["threat"]) - (1 - p) * v["loss"]
    return -p * v["loss"]


def _check(capabilities: Sequence[Any], kw: dict) -> tuple[list, dict]:
    if len(capabilities) == 0:
        raise GameError("alliance formation needs at least one swing state")
    caps, _ = numbers(**{f"capability[{i}]": c for i, c in enumerate(capabilities)})
    v, _ = numbers(**kw)
    caps = list(caps.values())
    for i, c in enumerate(caps):
        check_range(f"capability[{i}]", c, 0)
    for k in ("threat_capability", "defender_capability", "spoils", "threat", "loss"):
        check_range(k, v[k], 0)
    check_range("m", v["m"], 0)
    if isinstance(v["m"], Fraction) and v["m"].denominator != 1:
        v["m"] = float(v["m"])  # a non-integer power leaves the rationals
    elif isinstance(v["m"], Fraction):
        v["m"] = int(v["m"])
    if v["threat_capability"] + v["defender_capability"] + sum(caps) == 0:
        raise GameError("all capabilities are zero")
    return caps, v


@dataclass(frozen=True)
class AlignmentResult:
    """A stable alignment: ``sides[i]`` is "revisionist" or "status_quo" for swing state i."""

    sides: tuple
    behavior: tuple  # per state: "balance" | "bandwagon" | "neutral" (both sides equally strong without it)
    balances_threat: tuple  # per state: joined the status-quo side (Walt 1987)
    p_revisionist_wins: Any
    payoffs: tuple


def alignment_game(
    capabilities: Sequence[Any],
    threat_capability: Any = FORMATION.threat_capability,
    defender_capability: Any = FORMATION.defender_capability,
    spoils: Any = FORMATION.spoils,
    threat: Any = FORMATION.threat,
    loss: Any = FORMATION.loss,
    m: Any = FORMATION.m,
):
    """The n-player alignment game as a NormalFormGame (strategy 0: join R, 1: join S)."""
    import gametheory as gt

    caps, v = _check(capabilities, dict(threat_capability=threat_capability, defender_capability=defender_capability,
                                        spoils=spoils, threat=threat, loss=loss, m=m))
    n = len(caps)
    if n > 12:
        raise GameError(f"the alignment game has 2^n cells; n={n} swing states is too many (at most 12)")
    shape = (2,) * n
    exact = not isinstance(v["spoils"], float) and not isinstance(v["m"], float)
    arrays = [np.empty(shape, dtype=object if exact else float) for _ in range(n)]
    for prof in product((0, 1), repeat=n):
        c_a = v["threat_capability"] + sum(c for c, s in zip(caps, prof) if s == 0)
        c_b = v["defender_capability"] + sum(c for c, s in zip(caps, prof) if s == 1)
        for i in range(n):
            arrays[i][prof] = _swing_payoff(prof[i], caps[i], c_a, c_b, v) if (prof[i] == 1 or c_a > 0) else 0
    return gt.NormalFormGame(
        arrays, player_labels=[f"state{i + 1}" for i in range(n)],
        strategy_labels=[("revisionist", "status_quo")] * n, title="alignment game",
    )


def stable_alignments(
    capabilities: Sequence[Any],
    threat_capability: Any = FORMATION.threat_capability,
    defender_capability: Any = FORMATION.defender_capability,
    spoils: Any = FORMATION.spoils,
    threat: Any = FORMATION.threat,
    loss: Any = FORMATION.loss,
    m: Any = FORMATION.m,
) -> list[AlignmentResult]:
    """All stable alignments (pure Nash equilibria of :func:`alignment_game`)."""
    import gametheory as gt

    caps, v = _check(capabilities, dict(threat_capability=threat_capability, defender_capability=defender_capability,
                                        spoils=spoils, threat=threat, loss=loss, m=m))
    g = alignment_game(capabilities, threat_capability, defender_capability, spoils, threat, loss, m)
    out = []
    for eq in gt.pure_equilibria(g):
        prof = eq.pure_profile
        c_a = v["threat_capability"] + sum(c for c, s in zip(caps, prof) if s == 0)
        c_b = v["defender_capability"] + sum(c for c, s in zip(caps, prof) if s == 1)
        beh = []
        T = tolerance(g.exact, v["threat_capability"], v["defender_capability"], *caps)
        for i, s in enumerate(prof):
            wa = c_a - (caps[i] if s == 0 else 0)
            wb = c_b - (caps[i] if s == 1 else 0)
            joined_weaker = (s == 0 and T.gt(wb, wa)) or (s == 1 and T.gt(wa, wb))
            beh.append("neutral" if T.eq(wa, wb) else ("balance" if joined_weaker else "bandwagon"))
        out.append(
            AlignmentResult(
                sides=tuple("revisionist" if s == 0 else "status_quo" for s in prof),
                behavior=tuple(beh), balances_threat=tuple(s == 1 for s in prof),
                p_revisionist_wins=contest_success(c_a, c_b, v["m"]), payoffs=tuple(eq.payoffs),
            )
        )
    return out


def swing_state_behavior(
    capability: Any,
    threat_capability: Any = FORMATION.threat_capability,
    defender_capability: Any = FORMATION.defender_capability,
    spoils: Any = FORMATION.spoils,
    threat: Any = FORMATION.threat,
    loss: Any = FORMATION.loss,
    m: Any = FORMATION.m,
) -> dict:
    """One swing state's choice and the spoils level where balancing gives way to bandwagoning.

    Returns ``side``, ``behavior`` and ``spoils_threshold``: the spoils above which joining R
    beats joining S (payoffs are linear in spoils, so the boundary is
    s* = [p_A' threat + (1 - p_A') loss - p_A loss] C_A' / (p_A' c)), with p_A' the
    revisionist's win probability when the state joins it.  Ties go to the status-quo side.
    """
    caps, v = _check([capability], dict(threat_capability=threat_capability, defender_capability=defender_capability,
                                        spoils=spoils, threat=threat, loss=loss, m=m))
    c = caps[0]
    ca_join, cb_join = v["threat_capability"] + c, v["defender_capability"] + c
    u_r = _swing_payoff(0, c, ca_join, v["defender_capability"], v)
    u_s = _swing_payoff(1, c, v["threat_capability"], cb_join, v)
    T = tolerance(not isinstance(u_r, float), u_r, u_s, v["spoils"], v["threat"], v["loss"])
    side = "revisionist" if T.gt(u_r, u_s) else "status_quo"
    stronger_r = v["threat_capability"] > v["defender_capability"]
    if v["threat_capability"] == v["defender_capability"]:
        beh = "neutral"
    else:
        beh = "bandwagon" if (side == "revisionist") == stronger_r else "balance"
    p1 = contest_success(ca_join, v["defender_capability"], v["m"])
    p0 = contest_success(v["threat_capability"], cb_join, v["m"])
    thr = None
    if p1 > 0 and c > 0:
        thr = (p1 * v["threat"] + (1 - p1) * v["loss"] - p0 * v["loss"]) * ca_join / (p1 * c)
    return {"side": side, "behavior": beh, "payoff_revisionist": u_r, "payoff_status_quo": u_s, "spoils_threshold": thr}


def _weights_tol(w: list, quota: Any) -> Tol:
    exact = not any(isinstance(x, float) for x in w) and not isinstance(quota, float)
    return tolerance(exact, sum(w), quota)


def _winning(weights: Sequence[Any], quota: Any) -> list[frozenset]:
    n = len(weights)
    T = _weights_tol(list(weights), quota)
    return [frozenset(s) for k in range(1, n + 1) for s in combinations(range(n), k)
            if T.gt(sum(weights[i] for i in s), quota)]


def minimal_winning_coalitions(weights: Sequence[Any], quota: Any = None) -> list[frozenset]:
    """Winning coalitions (weight > quota, default half the total) in which every member is pivotal."""
    w, _ = numbers(**{f"weight[{i}]": x for i, x in enumerate(weights)})
    w = list(w.values())
    if not w or any(x < 0 for x in w):
        raise GameError("weights must be a non-empty list of numbers >= 0")
    q = sum(w) / 2 if quota is None else quota
    T = _weights_tol(w, q)
    return [s for s in _winning(w, q) if all(T.ge(q, sum(w[j] for j in s if j != i)) for i in s)]


def minimum_winning_coalitions(weights: Sequence[Any], quota: Any = None) -> list[frozenset]:
    """Riker's (1962) minimum winning coalitions: winning coalitions of the smallest total weight."""
    w, _ = numbers(**{f"weight[{i}]": x for i, x in enumerate(weights)})
    w = list(w.values())
    if not w or any(x < 0 for x in w):
        raise GameError("weights must be a non-empty list of numbers >= 0")
    q = sum(w) / 2 if quota is None else quota
    win = _winning(w, q)
    if not win:
        return []
    least = min(sum(w[i] for i in s) for s in win)
    T = _weights_tol(w, q)
    return [s for s in win if T.ge(least, sum(w[i] for i in s))]
