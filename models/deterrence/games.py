"""Deterrence games: 9.3, 9.4, the three-stage deterrence game, extended deterrence
with a protege and open/secret alliances -- part of
:mod:`models.deterrence` (:mod:`models.extended_deterrence` documents the models).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from gametheory.errors import GameError

from ..checks import as_float_array, check_prob, check_range, numbers, tolerance
from ..elementwise import not_, tol_for
from .params import (
    BRINKMANSHIP,
    DETERRENCE_GAME,
    EXTENDED_DETERRENCE,
    INCOMPLETE_DETERRENCE,
    OPENNESS,
    SECRECY,
    UNILATERAL,
)

__all__ = [
    "UnilateralDeterrence", "unilateral_deterrence", "unilateral_deterrence_map", "unilateral_symbolic",
    "Brinkmanship", "brinkmanship",
    "DeterrenceSPE", "deterrence_game", "deterrence_tree",
    "DeterrencePBE", "deterrence_game_incomplete",
    "ExtendedDeterrence", "extended_deterrence", "extended_deterrence_tree", "extended_deterrence_symbolic",
    "deterrence_symbolic",
    "SecrecyResult", "alliance_secrecy", "OPENNESS",
]


# ------------------------------------------------------------------ 9.3 -------------------------


@dataclass(frozen=True)
class UnilateralDeterrence:
    deterred: bool
    threshold: Any
    challenge_payoff: Any
    status_quo_payoff: Any


def unilateral_deterrence(u_dc: Any = UNILATERAL.u_dc, u_sq: Any = UNILATERAL.u_sq, u_dd: Any = UNILATERAL.u_dd,
                          credibility: Any = UNILATERAL.credibility) -> UnilateralDeterrence:
    """Unilateral deterrence with uncertain credibility (Kilgour & Zagare 1991).

    C challenges iff (1 - p) u(DC) + p u(DD) > u(SQ) (strictly), p = ``credibility``;
    so C is deterred iff p >= threshold = (u(DC) - u(SQ)) / (u(DC) - u(DD)).  Float inputs:
    a challenge within tol = 1e-9 * max |u|) of the status quo is a tie (deterred).

    Parameters
    ----------
    u_dc, u_sq, u_dd : number
        C's utilities of D conceding, the status quo and D resisting, ``u_dc > u_sq > u_dd``.
    credibility : number
        Probability that D is hard (resists), in [0, 1].

    Returns
    -------
    UnilateralDeterrence
        ``.deterred`` (bool) and the credibility ``.threshold``.

    Raises
    ------
    GameError
        Utilities not ordered ``u_dc > u_sq > u_dd``, credibility outside [0, 1].

    References
    ----------
    Kilgour, D. M. & Zagare, F. (1991). Credibility, uncertainty, and deterrence.
    American Journal of Political Science 35.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models import extended_deterrence as ed
    >>> res = ed.unilateral_deterrence(u_dc=1, u_sq=0, u_dd=-1, credibility=Fraction(1, 2))
    >>> res.deterred, res.threshold
    (True, Fraction(1, 2))
    """
    v, exact = numbers(u_dc=u_dc, u_sq=u_sq, u_dd=u_dd, credibility=credibility)
    check_prob("credibility", v["credibility"])
    if not v["u_dc"] > v["u_sq"] > v["u_dd"]:
        raise GameError(f"need u_dc > u_sq > u_dd; got u_dc={v['u_dc']}, u_sq={v['u_sq']}, u_dd={v['u_dd']}")
    deterred, threshold, ch = _unilateral(v["u_dc"], v["u_sq"], v["u_dd"], v["credibility"], exact)
    return UnilateralDeterrence(deterred=bool(deterred), threshold=threshold,
                                challenge_payoff=ch, status_quo_payoff=v["u_sq"])


def _unilateral(dc: Any, sq: Any, dd: Any, p: Any, exact: bool) -> tuple:
    """9.3's closed form, for one point or a grid (:mod:`models.elementwise`).

    Returns (deterred, threshold, challenge payoff).  C challenges only if strictly better
    than the status quo by more than tol (the engine's, 0 when exact): ties deter.
    """
    ch = (1 - p) * dc + p * dd
    tol = tol_for(exact, dc, sq, dd)
    return not_(ch > sq + tol), (dc - sq) / (dc - dd), ch


def unilateral_deterrence_map(u_dc: Any, u_sq: Any, u_dd: Any, credibility: Any) -> dict:
    """Vectorized :func:`unilateral_deterrence` over broadcastable arrays (floats).

    Same tie rule as the point solver (a challenge within its tolerance of the status quo
    deters); returns the arrays ``deterred`` and ``threshold``.
    """
    dc, sq, dd, p = np.broadcast_arrays(*(as_float_array(k, x) for k, x in
                                          (("u_dc", u_dc), ("u_sq", u_sq), ("u_dd", u_dd), ("credibility", credibility))))
    if not np.all((dc > sq) & (sq > dd)):
        raise GameError("need u_dc > u_sq > u_dd at every point")
    if np.any((p < 0) | (p > 1)):
        raise GameError("credibility must lie in [0, 1]")
    deterred, threshold, _ = _unilateral(dc, sq, dd, p, exact=False)
    return {"deterred": deterred, "threshold": threshold}


def unilateral_symbolic():
    """9.3 as a :class:`gametheory.symbolic.SymbolicTree` (chance draws the defender's type).

    Symbols u_dc, u_sq, u_dd, credibility; the status-quo profile's condition is
    credibility u_dd + (1 - credibility) u_dc <= u_sq.
    """
    import sympy as sp
    from gametheory.symbolic import SymbolicTree

    u_dc, u_sq, u_dd, p = sp.symbols("u_dc u_sq u_dd credibility", real=True)
    tree = {"player": "C", "actions": {
        "status_quo": (u_sq,),
        "challenge": {"chance": {"hard": (p, (u_dd,)), "soft": (1 - p, (u_dc,))}}}}
    return SymbolicTree(tree, players=["C"], params=[u_dc, u_sq, u_dd, p])


# ------------------------------------------------------------------ 9.4 -------------------------


@dataclass(frozen=True)
class Brinkmanship:
    q_low: Any
    q_high: Any
    effectiveness_bound: Any
    acceptability_bound: Any
    p_hardline: Any

    @property
    def empty(self) -> bool:
        return self.q_low is None


def brinkmanship(p_hardline: Any = BRINKMANSHIP.p_hardline) -> Brinkmanship:
    """Effective range of the probabilistic threat q (Schelling 1960; Dixit & Skeath 2004).

    Payoffs (US, USSR): no threat (-2, 2); withdrawal (1, -4); defiance: war with
    probability q (-10, -8 for a soft-liner), else (-2, 2).  A soft-liner withdraws iff
    -4 >= -8q + 2(1 - q), i.e. q >= 3/5 (effectiveness; it withdraws when indifferent).
    Given effectiveness, the US prefers the threat iff p(-2 - 8q) + (1 - p) >= -2, i.e.
    q <= 3(1 - p)/(8p) (acceptability; weakly).  ``acceptability_bound`` and ``q_high``
    are both capped at 1 (a probability; the raw bound is unbounded at p = 0 and exceeds 1
    for p < 3/11).  Exact Fractions for exact input.

    Parameters
    ----------
    p_hardline : number
        Probability that the USSR is hard-line (always defies), in [0, 1].

    Returns
    -------
    Brinkmanship
        ``.q_low`` (soft-liners withdraw) and ``.q_high`` (the US prefers the threat to
        no threat); both None when the range is empty (acceptability bound below the
        effectiveness bound by more than the float tolerance 1e-9 * 10, the payoff scale).

    Raises
    ------
    GameError
        ``p_hardline`` outside [0, 1].

    References
    ----------
    Schelling, T. (1960). The Strategy of Conflict. Harvard UP.  Dixit, A. & Skeath, S.
    Games of Strategy (the Cuban missile crisis).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models import extended_deterrence as ed
    >>> b = ed.brinkmanship(p_hardline=Fraction(1, 3))
    >>> b.q_low, b.q_high
    (Fraction(3, 5), Fraction(3, 4))
    >>> ed.brinkmanship(p_hardline=Fraction(9, 10)).q_low is None  # no effective threat
    True
    """
    v, exact = numbers(p_hardline=p_hardline)
    p = v["p_hardline"]
    check_prob("p_hardline", p)
    one = 1 + 0 * p
    # from the stated payoffs, not hard-coded: solve the two linear conditions
    w_sq, w_war, w_withdraw = 2 * one, -8 * one, -4 * one  # soft-line USSR
    q_low = (w_sq - w_withdraw) / (w_sq - w_war)
    us_sq, us_war, us_withdraw = -2 * one, -10 * one, 1 * one
    # p (us_sq + q (us_war - us_sq)) + (1 - p) us_withdraw >= us_sq
    slope = p * (us_war - us_sq)
    rhs = us_sq - p * us_sq - (1 - p) * us_withdraw
    acc = one if slope == 0 else min(rhs / slope, one)  # slope < 0: q <= rhs/slope
    q_high = acc
    T = tolerance(exact, us_war)
    if T.gt(q_low, q_high):
        return Brinkmanship(None, None, q_low, acc, p)
    return Brinkmanship(q_low, q_high, q_low, acc, p)


# -------------------------------------------------------- three-stage deterrence game ---------

_OUTCOMES = ("status_quo", "concession", "backdown", "war")


@dataclass(frozen=True)
class DeterrenceSPE:
    strategy: dict
    path: tuple
    outcome: str
    payoffs: tuple  # (C, D)


def _deterrence_values(**kw: Any) -> dict:
    v, _ = numbers(**kw)
    return v


def deterrence_game(
    u_sq: Any = DETERRENCE_GAME.u_sq,
    u_concede: Any = DETERRENCE_GAME.u_concede,
    u_backdown: Any = DETERRENCE_GAME.u_backdown,
    u_war: Any = DETERRENCE_GAME.u_war,
    d_sq: Any = DETERRENCE_GAME.d_sq,
    d_concede: Any = DETERRENCE_GAME.d_concede,
    d_backdown: Any = DETERRENCE_GAME.d_backdown,
    d_war: Any = DETERRENCE_GAME.d_war,
) -> list[DeterrenceSPE]:
    """All SPE of the complete-information deterrence game (ties enumerated).

    Challenger C: ``status_quo`` or ``challenge``; defender D: ``concede`` or ``resist``;
    C: ``back_down`` or ``fight``.  u_* are C's utilities and d_* D's for the outcomes
    status quo, concession, backdown and war (Zagare & Kilgour 2000; Signorino 1999).
    Every tie is enumerated (one SPE per combination of tied best replies), matching
    :func:`gametheory.backward_induction`; float payoffs within the engine's tol
    (1e-9 * max |payoff|) are ties.
    """
    v = _deterrence_values(u_sq=u_sq, u_concede=u_concede, u_backdown=u_backdown, u_war=u_war,
                           d_sq=d_sq, d_concede=d_concede, d_backdown=d_backdown, d_war=d_war)
    pay = {o: (v[f"u_{k}"], v[f"d_{k}"]) for o, k in zip(_OUTCOMES, ("sq", "concede", "backdown", "war"))}
    T = tolerance(isinstance(v["u_sq"], Fraction), *v.values())
    out = []
    c3 = T.best((a, pay[o][0]) for a, o in (("back_down", "backdown"), ("fight", "war")))
    for a3 in c3:
        after_resist = "war" if a3 == "fight" else "backdown"
        d2 = T.best((a, pay[o][1]) for a, o in (("concede", "concession"), ("resist", after_resist)))
        for a2 in d2:
            after_ch = "concession" if a2 == "concede" else after_resist
            c1 = T.best((a, pay[o][0]) for a, o in (("status_quo", "status_quo"), ("challenge", after_ch)))
            for a1 in c1:
                outcome = "status_quo" if a1 == "status_quo" else after_ch
                path = [("C", a1)]
                if a1 == "challenge":
                    path.append(("D", a2))
                    if a2 == "resist":
                        path.append(("C", a3))
                out.append(DeterrenceSPE(
                    strategy={"C": {"C1": a1, "C3": a3}, "D": {"D2": a2}},
                    path=tuple(path), outcome=outcome, payoffs=pay[outcome],
                ))
    return out


def deterrence_tree(
    u_sq: Any = DETERRENCE_GAME.u_sq,
    u_concede: Any = DETERRENCE_GAME.u_concede,
    u_backdown: Any = DETERRENCE_GAME.u_backdown,
    u_war: Any = DETERRENCE_GAME.u_war,
    d_sq: Any = DETERRENCE_GAME.d_sq,
    d_concede: Any = DETERRENCE_GAME.d_concede,
    d_backdown: Any = DETERRENCE_GAME.d_backdown,
    d_war: Any = DETERRENCE_GAME.d_war,
):
    """The deterrence game as a :class:`gametheory.ExtensiveFormGame` (players C, D)."""
    import gametheory as gt

    v = _deterrence_values(u_sq=u_sq, u_concede=u_concede, u_backdown=u_backdown, u_war=u_war,
                           d_sq=d_sq, d_concede=d_concede, d_backdown=d_backdown, d_war=d_war)
    t = gt.ExtensiveFormGame(players=["C", "D"], title="deterrence game")
    sq, ch = t.decision(t.root, player="C", actions=["status_quo", "challenge"], infoset="C1")
    t.terminal(sq, payoffs=[v["u_sq"], v["d_sq"]], label="status_quo")
    con, res = t.decision(ch, player="D", actions=["concede", "resist"], infoset="D2")
    t.terminal(con, payoffs=[v["u_concede"], v["d_concede"]], label="concession")
    bd, war = t.decision(res, player="C", actions=["back_down", "fight"], infoset="C3")
    t.terminal(bd, payoffs=[v["u_backdown"], v["d_backdown"]], label="backdown")
    t.terminal(war, payoffs=[v["u_war"], v["d_war"]], label="war")
    return t


def deterrence_symbolic():
    """The deterrence game as a :class:`gametheory.symbolic.SymbolicTree` (symbols u_*, d_*).

    Node names: ``()`` C's first move, ``("challenge",)`` D's, ``("challenge", "resist")`` C's last.
    """
    import sympy as sp
    from gametheory.symbolic import SymbolicTree

    u_sq, u_c, u_b, u_w, d_sq, d_c, d_b, d_w = sp.symbols(
        "u_sq u_concede u_backdown u_war d_sq d_concede d_backdown d_war", real=True)
    tree = {"player": "C", "actions": {
        "status_quo": (u_sq, d_sq),
        "challenge": {"player": "D", "actions": {
            "concede": (u_c, d_c),
            "resist": {"player": "C", "actions": {"back_down": (u_b, d_b), "fight": (u_w, d_w)}}}}}}
    return SymbolicTree(tree, players=["C", "D"], params=[u_sq, u_c, u_b, u_w, d_sq, d_c, d_b, d_w])


@dataclass(frozen=True)
class DeterrencePBE:
    """A pure PBE of the deterrence game with private defender resolve."""

    challenger: str  # first move
    defender: dict  # type -> "concede" | "resist"
    response: str  # C's move after resistance
    belief_resist: Any  # P(hard | resist) (on path: Bayes; off path: a supporting belief)
    belief_set: Any  # off path: (low, high) supporting beliefs; None on path
    outcome_probabilities: dict
    payoffs: tuple  # (C expected, D hard, D soft)
    kind: str = "pure"  # "pure" | "semi-separating"
    resist_prob: dict | None = None  # type -> probability of resisting
    fight_prob: Any = None  # probability C fights after resistance


def deterrence_game_incomplete(
    p_hard: Any = INCOMPLETE_DETERRENCE.p_hard,
    u_sq: Any = INCOMPLETE_DETERRENCE.u_sq,
    u_concede: Any = INCOMPLETE_DETERRENCE.u_concede,
    u_backdown: Any = INCOMPLETE_DETERRENCE.u_backdown,
    u_war_hard: Any = INCOMPLETE_DETERRENCE.u_war_hard,
    u_war_soft: Any = INCOMPLETE_DETERRENCE.u_war_soft,
    d_sq: Any = INCOMPLETE_DETERRENCE.d_sq,
    d_concede: Any = INCOMPLETE_DETERRENCE.d_concede,
    d_backdown: Any = INCOMPLETE_DETERRENCE.d_backdown,
    d_war_hard: Any = INCOMPLETE_DETERRENCE.d_war_hard,
    d_war_soft: Any = INCOMPLETE_DETERRENCE.d_war_soft,
) -> list[DeterrencePBE]:
    """All PBE (pure, and semi-separating) of the deterrence game with private defender resolve.

    D is ``hard`` with prior ``p_hard``; the types differ in D's war utility (d_war_hard vs
    d_war_soft) and in what war is worth to C (u_war_hard vs u_war_soft), so C's response to
    resistance depends on its belief (Bayes' rule on path; off path any belief that supports
    the response, reported as an interval).  C moves first knowing only the prior; it
    challenges only if strictly better (ties: status quo).  After Kilgour & Zagare (1991),
    Zagare & Kilgour (2000).  The resistance stage is a signaling game: the tests check it
    against :func:`gametheory.perfect_bayesian_equilibria`.  Semi-separating PBE (one type
    mixes, C mixes after resistance) are appended with ``kind="semi-separating"``; with
    generic payoffs the list is then complete and never empty.  Float inputs: payoffs within
    tol = 1e-9 * max |utility| are ties.
    """
    v, exact = numbers(p_hard=p_hard, u_sq=u_sq, u_concede=u_concede, u_backdown=u_backdown, u_war_hard=u_war_hard,
                   u_war_soft=u_war_soft, d_sq=d_sq, d_concede=d_concede, d_backdown=d_backdown,
                   d_war_hard=d_war_hard, d_war_soft=d_war_soft)
    p = v["p_hard"]
    check_prob("p_hard", p)
    T = tolerance(exact, *v.values())
    zero = 0 * p
    prior = {"hard": p, "soft": 1 - p}
    u_war = {"hard": v["u_war_hard"], "soft": v["u_war_soft"]}
    d_war = {"hard": v["d_war_hard"], "soft": v["d_war_soft"]}

    def c_val(mu: Any, act: str) -> Any:
        if act == "back_down":
            return v["u_backdown"]
        return mu * u_war["hard"] + (1 - mu) * u_war["soft"]

    out = []
    for moves in product(("concede", "resist"), repeat=2):
        d = dict(zip(("hard", "soft"), moves))
        for resp in ("back_down", "fight"):
            d_resist = {t: v["d_backdown"] if resp == "back_down" else d_war[t] for t in d}
            if any(T.gt(max(v["d_concede"], d_resist[t]), v["d_concede"] if d[t] == "concede" else d_resist[t])
                   for t in d):
                continue
            resisters = [t for t in d if d[t] == "resist" and prior[t] > 0]
            if resisters:
                mass = sum(prior[t] for t in resisters)
                mu = (prior["hard"] if "hard" in resisters else zero) / mass
                if T.gt(max(c_val(mu, a) for a in ("back_down", "fight")), c_val(mu, resp)):
                    continue
                bset = None
            else:
                other = "fight" if resp == "back_down" else "back_down"
                lo = c_val(zero, resp) - c_val(zero, other)
                hi = c_val(1 + zero, resp) - c_val(1 + zero, other)
                if T.gt(0, lo) and T.gt(0, hi):
                    continue
                if T.ge(lo, 0) and T.ge(hi, 0):
                    bset = (zero, 1 + zero)
                elif T.ge(lo, 0):
                    bset = (zero, lo / (lo - hi))
                else:
                    bset = (lo / (lo - hi), 1 + zero)
                mu = bset[0]
            probs = {o: zero for o in _OUTCOMES}
            c_ch = zero
            for t in d:
                if d[t] == "concede":
                    probs["concession"] += prior[t]
                    c_ch += prior[t] * v["u_concede"]
                elif resp == "back_down":
                    probs["backdown"] += prior[t]
                    c_ch += prior[t] * v["u_backdown"]
                else:
                    probs["war"] += prior[t]
                    c_ch += prior[t] * u_war[t]
            first = "challenge" if T.gt(c_ch, v["u_sq"]) else "status_quo"
            if first == "status_quo":
                probs = {o: (1 + zero if o == "status_quo" else zero) for o in _OUTCOMES}
                pay = (v["u_sq"], v["d_sq"], v["d_sq"])
            else:
                dp = {t: v["d_concede"] if d[t] == "concede" else d_resist[t] for t in d}
                pay = (c_ch, dp["hard"], dp["soft"])
            out.append(DeterrencePBE(first, d, resp, mu, bset, probs, pay,
                                     resist_prob={t: 1 + zero if d[t] == "resist" else zero for t in d},
                                     fight_prob=1 + zero if resp == "fight" else zero))
    out.extend(_semi_separating(v, prior, u_war, d_war, T))
    return out


def _semi_separating(v: dict, prior: dict, u_war: dict, d_war: dict, T: Any) -> list:
    """Semi-separating PBE: one type mixes between conceding and resisting, C mixes after resistance.

    The mixer is indifferent, d_concede = phi d_war[t] + (1 - phi) d_backdown, which fixes C's
    fight probability phi; C is indifferent after resistance, mu u_war_hard + (1 - mu) u_war_soft
    = u_backdown, which fixes its belief mu; Bayes' rule with the other type resisting for
    sure then fixes the mixing probability.  (With generic payoffs these and the pure PBE are
    all the PBE: any other mixing needs a payoff tie.)
    """
    zero = 0 * v["p_hard"]
    den_c = u_war["hard"] - u_war["soft"]
    if T.eq(den_c, 0) or prior["hard"] in (0, 1):
        return []
    mu = (v["u_backdown"] - u_war["soft"]) / den_c
    if not (T.gt(mu, 0) and T.gt(1, mu)):
        return []
    out = []
    for mixer, other in (("soft", "hard"), ("hard", "soft")):
        den = v["d_backdown"] - d_war[mixer]
        if T.eq(den, 0):
            continue
        phi = (v["d_backdown"] - v["d_concede"]) / den
        if not (T.gt(phi, 0) and T.gt(1, phi)):
            continue
        other_resist = phi * d_war[other] + (1 - phi) * v["d_backdown"]
        if T.gt(v["d_concede"], other_resist):
            continue  # the other type would concede: the posterior after resistance is pure
        # mu = P(hard | resist) with the other type resisting for sure
        if mixer == "soft":
            lam = prior["hard"] * (1 - mu) / (prior["soft"] * mu)
        else:
            lam = prior["soft"] * mu / (prior["hard"] * (1 - mu))
        if not (T.gt(lam, 0) and T.gt(1, lam)):
            continue
        rp = {mixer: lam, other: 1 + zero}
        p_res = prior[mixer] * lam + prior[other]
        c_ch = (1 - p_res) * v["u_concede"] + p_res * v["u_backdown"]  # C indifferent after resistance
        probs = {o: zero for o in _OUTCOMES}
        if T.gt(c_ch, v["u_sq"]):
            first = "challenge"
            probs["concession"] = 1 - p_res
            for t in ("hard", "soft"):
                probs["war"] += prior[t] * rp[t] * phi
                probs["backdown"] += prior[t] * rp[t] * (1 - phi)
            d_res = {t: phi * d_war[t] + (1 - phi) * v["d_backdown"] for t in ("hard", "soft")}
            pay = (c_ch, max(v["d_concede"], d_res["hard"]), max(v["d_concede"], d_res["soft"]))
        else:
            first = "status_quo"
            probs["status_quo"] = 1 + zero
            pay = (v["u_sq"], v["d_sq"], v["d_sq"])
        out.append(DeterrencePBE(first, {mixer: "mix", other: "resist"}, "mix", mu, None, probs, pay,
                                 kind="semi-separating", resist_prob=rp, fight_prob=phi))
    return out


# ------------------------------------------------- extended deterrence with a protege ---------


@dataclass(frozen=True)
class ExtendedDeterrence:
    """Equilibrium of the extended-deterrence game (challenger C, defender D, protege P)."""

    outcome: str  # "status_quo" | "protege_abandoned" | "challenger_backs_down" | "war"
    path: tuple
    capable: bool
    credible: bool
    perfect_deterrence: bool
    deterred: bool
    support_prob: Any
    payoffs: tuple  # (C, D, P)
    strategy: dict = field(default_factory=dict)


def _ext_values(**kw: Any) -> dict:
    v, exact = numbers(**kw)
    v["_exact"] = exact
    check_prob("capability", v["capability"])
    check_prob("reliability", v["reliability"])
    for k in ("interest", "alignment", "audience_cost", "cost_defender", "cost_challenger", "cost_protege",
              "backdown_cost"):
        check_range(k, v[k], 0)
    return v


def _ext_payoffs(v: dict) -> dict:
    k = v["capability"]
    return {
        "status_quo": (0 * k, v["interest"], 1 + 0 * k),
        "protege_abandoned": (1 + 0 * k, -v["alignment"] - v["audience_cost"], 0 * k),
        "challenger_backs_down": (-v["backdown_cost"], v["interest"], 1 + 0 * k),
        "war": ((1 - k) - v["cost_challenger"], k * v["interest"] - v["cost_defender"], k - v["cost_protege"]),
    }


def extended_deterrence(
    capability: Any = EXTENDED_DETERRENCE.capability,
    interest: Any = EXTENDED_DETERRENCE.interest,
    alignment: Any = EXTENDED_DETERRENCE.alignment,
    audience_cost: Any = EXTENDED_DETERRENCE.audience_cost,
    cost_defender: Any = EXTENDED_DETERRENCE.cost_defender,
    cost_challenger: Any = EXTENDED_DETERRENCE.cost_challenger,
    cost_protege: Any = EXTENDED_DETERRENCE.cost_protege,
    backdown_cost: Any = EXTENDED_DETERRENCE.backdown_cost,
    reliability: Any = EXTENDED_DETERRENCE.reliability,
) -> ExtendedDeterrence:
    """Extended deterrence of a challenge to a protege (Zagare & Kilgour 2003; Huth 1988).

    C challenges the protege or not; D supports the protege or stays out; after support C
    backs down or fights.  Payoffs (C, D, P): status quo (0, interest, 1); protege
    abandoned (1, -alignment - audience_cost, 0) -- ``alignment`` is the reputational cost of
    deserting an aligned protege, ``audience_cost`` the domestic cost of backing away from a
    public commitment (Fearon 1994); C backs down (-backdown_cost, interest, 1); war, won by D and P with
    probability ``capability`` ((1 - k) - c_C, k interest - c_D, k - c_P).
    Perfect-deterrence conditions (Zagare & Kilgour 2000): the threat is *capable* if war
    is no better for C than the status quo, (1 - k) - c_C <= 0, and *credible* if D
    prefers fighting to deserting, k interest - c_D >= -(alignment + audience_cost).  In the SPE (ties: D
    supports, C challenges/fights only if strictly better) the status quo survives iff the
    threat is capable and (credible or C would back down rather than fight).  With
    ``reliability`` r given, D's credibility is private: C believes D supports with
    probability r (Huth's 1988 probabilistic credibility) and challenges iff
    r max(war, backdown) + (1 - r) > 0.  Float inputs: payoffs within the engine's tol
    (1e-9 * max |payoff|) are ties and follow these tie rules.
    """
    v = _ext_values(capability=capability, interest=interest, alignment=alignment, audience_cost=audience_cost,
                    cost_defender=cost_defender,
                    cost_challenger=cost_challenger, cost_protege=cost_protege, backdown_cost=backdown_cost,
                    reliability=0 if reliability is None else reliability)
    pay = _ext_payoffs(v)
    T = tolerance(v["_exact"], *(x for p in pay.values() for x in p))
    fights = T.gt(pay["war"][0], pay["challenger_backs_down"][0])
    after_support = "war" if fights else "challenger_backs_down"
    credible = T.ge(pay["war"][1], pay["protege_abandoned"][1])
    capable = not T.gt(pay["war"][0], pay["status_quo"][0])
    if reliability is None:
        supports = T.ge(pay[after_support][1], pay["protege_abandoned"][1])
        pi = 1 if supports else 0
    else:
        pi = v["reliability"]
        supports = None
    c_challenge = pi * pay[after_support][0] + (1 - pi) * pay["protege_abandoned"][0]
    challenge = T.gt(c_challenge, pay["status_quo"][0])
    if not challenge:
        outcome, path = "status_quo", (("C", "status_quo"),)
    elif reliability is not None:
        outcome, path = ("contested", (("C", "challenge"),))
    elif supports:
        outcome = after_support
        path = (("C", "challenge"), ("D", "support"), ("C", "fight" if fights else "back_down"))
    else:
        outcome, path = "protege_abandoned", (("C", "challenge"), ("D", "stay_out"))
    if outcome == "contested":
        z = 0 * v["capability"]
        pays = tuple(pi * pay[after_support][i] + (1 - pi) * pay["protege_abandoned"][i] for i in range(3))
    else:
        pays = pay[outcome]
    strategy = {"C": {"C1": "challenge" if challenge else "status_quo", "C3": "fight" if fights else "back_down"}}
    if supports is not None:
        strategy["D"] = {"D2": "support" if supports else "stay_out"}
    return ExtendedDeterrence(outcome=outcome, path=path, capable=capable, credible=credible,
                              perfect_deterrence=capable and credible, deterred=not challenge,
                              support_prob=pi, payoffs=pays, strategy=strategy)


def extended_deterrence_tree(
    capability: Any = EXTENDED_DETERRENCE.capability,
    interest: Any = EXTENDED_DETERRENCE.interest,
    alignment: Any = EXTENDED_DETERRENCE.alignment,
    audience_cost: Any = EXTENDED_DETERRENCE.audience_cost,
    cost_defender: Any = EXTENDED_DETERRENCE.cost_defender,
    cost_challenger: Any = EXTENDED_DETERRENCE.cost_challenger,
    cost_protege: Any = EXTENDED_DETERRENCE.cost_protege,
    backdown_cost: Any = EXTENDED_DETERRENCE.backdown_cost,
):
    """Complete-information extended deterrence as an ExtensiveFormGame (players C, D, P)."""
    import gametheory as gt

    v = _ext_values(capability=capability, interest=interest, alignment=alignment, audience_cost=audience_cost,
                    cost_defender=cost_defender,
                    cost_challenger=cost_challenger, cost_protege=cost_protege, backdown_cost=backdown_cost,
                    reliability=0)
    pay = _ext_payoffs(v)
    t = gt.ExtensiveFormGame(players=["C", "D", "P"], title="extended deterrence")
    sq, ch = t.decision(t.root, player="C", actions=["status_quo", "challenge"], infoset="C1")
    t.terminal(sq, payoffs=list(pay["status_quo"]), label="status_quo")
    sup, out = t.decision(ch, player="D", actions=["support", "stay_out"], infoset="D2")
    t.terminal(out, payoffs=list(pay["protege_abandoned"]), label="protege_abandoned")
    bd, war = t.decision(sup, player="C", actions=["back_down", "fight"], infoset="C3")
    t.terminal(bd, payoffs=list(pay["challenger_backs_down"]), label="challenger_backs_down")
    t.terminal(war, payoffs=list(pay["war"]), label="war")
    return t


def extended_deterrence_symbolic():
    """Complete-information extended deterrence as a SymbolicTree in its parameters.

    Symbols: capability, interest, alignment, audience_cost, cost_defender, cost_challenger,
    cost_protege, backdown_cost.  The status-quo profiles' conditions are the
    perfect-deterrence inequalities in closed form.
    """
    import sympy as sp
    from gametheory.symbolic import SymbolicTree

    names = ("capability", "interest", "alignment", "audience_cost", "cost_defender", "cost_challenger",
             "cost_protege", "backdown_cost")
    k, i, al, a, cd, cc, cp, bc = sp.symbols(" ".join(names), real=True)
    tree = {"player": "C", "actions": {
        "status_quo": (0, i, 1),
        "challenge": {"player": "D", "actions": {
            "support": {"player": "C", "actions": {
                "back_down": (-bc, i, 1), "fight": ((1 - k) - cc, k * i - cd, k - cp)}},
            "stay_out": (1, -al - a, 0)}}}}
    return SymbolicTree(tree, players=["C", "D", "P"], params=[k, i, al, a, cd, cc, cp, bc])


# ------------------------------------------------------ open / secret alliances ----------


@dataclass(frozen=True)
class SecrecyResult:
    """Open/secret alliance result; ``deterred`` is the verdict for this challenger, while
    ``share_deterred_uniform`` is the share deterred among challengers with U[0, 1] thresholds."""

    openness: str
    believed_credibility: Any
    threshold: Any
    deterred: bool
    share_deterred_uniform: Any
    war_probability: Any


def alliance_secrecy(
    openness: str = SECRECY.openness,
    reliability: Any = SECRECY.reliability,
    prior_alliance: Any = SECRECY.prior_alliance,
    prior_terms: Any = SECRECY.prior_terms,
    u_dc: Any = SECRECY.u_dc,
    u_sq: Any = SECRECY.u_sq,
    u_dd: Any = SECRECY.u_dd,
) -> SecrecyResult:
    """Open, partly secret and secret alliances (Morrow 2000; Kuo 2020).

    An alliance exists and covers the contingency; the ally honours it with probability
    ``reliability``.  What the challenger believes: *open* -- existence and terms known,
    believed credibility = reliability; *partly secret* -- existence known, terms (the
    casus foederis) secret: reliability * ``prior_terms``; *secret* -- neither known:
    reliability * ``prior_alliance`` * ``prior_terms``.  The challenger then plays 9.3
    (deterred iff believed credibility >= (u_dc - u_sq)/(u_dc - u_dd)).
    ``deterred`` is the verdict for this challenger (its threshold from u_dc, u_sq, u_dd);
    ``share_deterred_uniform`` is a different quantity: the share of a population of
    challengers that would be deterred if their thresholds were uniform on [0, 1]
    (= believed credibility); ``war_probability``: the challenge is met
    by the ally (probability reliability) if C is not deterred.  Deterrence value is
    highest when the alliance is open (believed credibility is largest).
    """
    if openness not in OPENNESS:
        raise GameError(f"openness={openness!r} must be one of {tuple(OPENNESS)}")
    v, _ = numbers(reliability=reliability, prior_alliance=prior_alliance, prior_terms=prior_terms)
    for k in v:
        check_prob(k, v[k])
    r = v["reliability"]
    if openness == "open":
        cred = r
    elif openness == "partly_secret":
        cred = r * v["prior_terms"]
    else:
        cred = r * v["prior_alliance"] * v["prior_terms"]
    u = unilateral_deterrence(u_dc=u_dc, u_sq=u_sq, u_dd=u_dd, credibility=cred)
    return SecrecyResult(openness=openness, believed_credibility=cred, threshold=u.threshold, deterred=u.deterred,
                         share_deterred_uniform=cred, war_probability=0 * r if u.deterred else r)
