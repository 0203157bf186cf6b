"""The patron-protege-challenger commitment games (Snyder 1984; Benson 2012; Fang, Johnson & Leeds 2014).

Snyder's (1984) alliance security dilemma as a sequential game after Benson
(2012) and Fang, Johnson & Leeds (2014).  Patron A, protege P, challenger C; the
stake is worth 1 to P and C and ``value`` (beta) to A.

Reference game 9.1 (perfect information):

1. A chooses ``firm`` (a public pledge; breaking it costs ``audience_cost`` a) or ``loose``.
2. P chooses ``stand_firm`` or ``concede`` (C takes the stake; payoffs A 0, P 0, C 1).
3. After stand_firm, C chooses ``attack`` or ``back_down`` (A beta, P 1, C 0).
4. After attack, A chooses ``intervene`` (A beta p_I - c_A, P p_I - c_P, C 1 - p_I - c_C)
   or ``abandon`` (A beta p_N - a [firm], P p_N - c_P, C 1 - p_N - c_C).

:func:`commitment_game` lists *all* subgame perfect equilibria, solving the
game twice: by a direct closed-form backward induction (the fast path, also
vectorized in :func:`tripartite_map`) and, as the oracle, by building the tree
with :class:`gametheory.ExtensiveFormGame` (:func:`commitment_tree`) and
:func:`gametheory.backward_induction` (the tests compare the two).

With complete information entrapment never happens on the equilibrium path of 9.1:
a war A would fight at a loss (beta p_I - c_A < 0) is avoided by not pledging, since
a loose patron abandons at beta p_N >= 0.  It does happen with private resolve in the
tripartite game, where kappa is fixed before resolve is known.

Tie rules (9.1): C attacks only if attacking is strictly better than backing
down (so C's ties are *not* enumerated); every other tie (A's intervene/abandon,
P's stand_firm/concede, A's firm/loose) is enumerated, giving one SPE per
combination of tied best replies.  The list is ordered so that its first element
breaks every enumerated tie toward the first-listed action (intervene, stand_firm,
firm) -- the selection used by the vectorized map.

Floats: when any input is a float, payoffs are compared with the engine's tolerance
tol = 1e-9 * max |terminal payoff| (the ``tol`` that
:func:`gametheory.backward_induction` applies to :func:`commitment_tree`): values within
tol are ties and follow the tie rules above (C attacks only if better by more than tol),
so float inputs give the same SPE as the same numbers as Fractions.

The tripartite game (:func:`tripartite_commitment`) generalizes 9.1 and 9.2:
commitment strength kappa in [0, 1] makes abandonment cost ``audience_cost * kappa``
(none, probabilistic, unconditional), and the patron's resolve is private: with
prior ``reliability`` r it is resolved (always intervenes), otherwise it weighs
intervening against abandoning.  The patron fixes kappa ex ante (treaty design,
before its resolve in a crisis is realized), so kappa is not a signal and P's and
C's beliefs equal the prior at every information set: the perfect Bayesian
equilibrium is the backward induction solution with the chance move placed
before the patron's last decision.  Theory reproduced (Snyder 1984): a firmer
commitment lowers the risk of abandonment and, through the protege's moral hazard,
raises that of entrapment; a probabilistic commitment can deter the challenger
while restraining the protege (9.2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from gametheory.errors import GameError

from ..checks import Tol, as_float_array, check_prob, check_range, numbers, tolerance
from ..elementwise import is_grid, minimum, not_, tol_for, where, zero_of
from .params import COMMITMENT, PROBABILISTIC, TRIPARTITE

__all__ = [
    "CommitmentSPE",
    "commitment_game",
    "commitment_tree",
    "ProbabilisticCommitment",
    "probabilistic_commitment",
    "TripartiteResult",
    "tripartite_commitment",
    "tripartite_tree",
    "tripartite_map",
    "OUTCOMES",
    "commitment_symbolic",
    "tripartite_symbolic",
]

OUTCOMES = ("concede", "deterred", "war")


def _check_common(v: dict) -> None:
    if "value" in v:
        check_range("value", v["value"], 0)
    check_prob("p_intervene", v["p_intervene"])
    check_prob("p_abandon", v["p_abandon"])
    if not v["p_abandon"] < v["p_intervene"]:
        raise GameError(
            f"p_abandon={v['p_abandon']} must be below p_intervene={v['p_intervene']} "
            "(the patron's help must raise the protege's chance of winning)"
        )
    for k in ("cost_patron", "cost_protege", "cost_challenger", "audience_cost"):
        if k in v:
            check_range(k, v[k], 0)


# ---------------------------------------------------------------- 9.1 ----------


@dataclass(frozen=True)
class CommitmentSPE:
    """One subgame perfect equilibrium of the commitment game (9.1).

    ``strategy`` is the full profile: player -> {decision node -> action}; node
    names are ``"root"``, ``"firm"``/``"loose"`` (P's node after A's pledge),
    ``"firm/stand_firm"`` (C's node) and ``"firm/attack"`` (A's last node).
    """

    patron: str
    path: tuple
    outcome: str
    payoffs: tuple
    abandonment: bool
    entrapment: bool
    strategy: dict = field(default_factory=dict)

    @property
    def actions(self) -> tuple:
        return tuple(a for _, a in self.path)


def _commitment_tol(v: dict, exact: bool) -> Tol:
    """The engine's tol for :func:`commitment_tree` (max |payoff| over its terminals)."""
    b, pI, pN = v["value"], v["p_intervene"], v["p_abandon"]
    return tolerance(exact, 1, b, b * pI - v["cost_patron"], b * pN, b * pN - v["audience_cost"],
                     pI - v["cost_protege"], pN - v["cost_protege"],
                     1 - pI - v["cost_challenger"], 1 - pN - v["cost_challenger"])


def _sub_spes(v: dict, pledge: str, T: Tol = Tol()) -> list[dict]:
    """All SPE of the subgame after A's pledge, in tie order (first action first)."""
    b, pI, pN = v["value"], v["p_intervene"], v["p_abandon"]
    a_cost = v["audience_cost"] if pledge == "firm" else 0 * v["audience_cost"]
    ui, un = b * pI - v["cost_patron"], b * pN - a_cost
    a4 = T.best((("intervene", ui), ("abandon", un)))
    out = []
    for act in a4:
        p = pI if act == "intervene" else pN
        war = (ui if act == "intervene" else un, p - v["cost_protege"], 1 - p - v["cost_challenger"])
        attack = T.gt(war[2], 0)  # C attacks only if strictly better than backing down (0)
        sf = war if attack else (b, 1 + 0 * b, 0 * b)
        zero = 0 * b
        p_moves = T.best((("stand_firm", sf[1]), ("concede", zero)))
        for pm in p_moves:
            if pm == "concede":
                pay, outcome = (zero, zero, 1 + zero), "concede"
                path = [("P", "concede")]
            elif attack:
                pay, outcome = war, "war"
                path = [("P", "stand_firm"), ("C", "attack"), ("A", act)]
            else:
                pay, outcome = sf, "deterred"
                path = [("P", "stand_firm"), ("C", "back_down")]
            out.append(
                dict(
                    A4=act,
                    C="attack" if attack else "back_down",
                    P=pm,
                    payoffs=pay,
                    outcome=outcome,
                    path=path,
                    abandonment=outcome == "war" and act == "abandon",
                    entrapment=outcome == "war" and act == "intervene" and T.gt(0, ui),
                )
            )
    return out


def commitment_game(
    value: Any = COMMITMENT.value,
    p_intervene: Any = COMMITMENT.p_intervene,
    p_abandon: Any = COMMITMENT.p_abandon,
    cost_patron: Any = COMMITMENT.cost_patron,
    cost_protege: Any = COMMITMENT.cost_protege,
    cost_challenger: Any = COMMITMENT.cost_challenger,
    audience_cost: Any = COMMITMENT.audience_cost,
) -> list[CommitmentSPE]:
    """All subgame perfect equilibria of the commitment game (Snyder 1984; Fang, Johnson & Leeds 2014).

    Patron A pledges ``firm`` (breaking it costs ``audience_cost``) or ``loose``; protege P
    stands firm or concedes; challenger C attacks or backs down; after an attack A
    intervenes or abandons.  Exact (Fractions) for int/Fraction inputs; float inputs are
    compared with the engine's tolerance.  Tie rules: see the module docstring (C attacks
    only if attacking is strictly better).

    Parameters
    ----------
    value : number
        A's value of the stake (beta).
    p_intervene, p_abandon : number
        P's chance of winning a war with and without A (``p_abandon < p_intervene``).
    cost_patron, cost_protege, cost_challenger : number
        War costs, >= 0.
    audience_cost : number
        Cost to A of breaking a firm pledge, >= 0.

    Returns
    -------
    list of CommitmentSPE
        Each with ``.patron`` ("firm" or "loose"), ``.path``, ``.outcome``,
        ``.payoffs`` (A, P, C), ``.abandonment`` and ``.entrapment``.

    Raises
    ------
    GameError
        A parameter out of range or ``p_abandon >= p_intervene``.

    References
    ----------
    Snyder, G. (1984). The security dilemma in alliance politics. World Politics 36.
    Benson, B. (2012). Constructing International Security. Cambridge UP.
    Fang, S., Johnson, J. & Leeds, B. A. (2014). To concede or to resist? The
    restraining effect of military alliances. International Organization 68.

    Examples
    --------
    A firm pledge deters the challenger:

    >>> from models import alliance_dilemma as ad
    >>> [(spe.patron, spe.outcome, spe.payoffs) for spe in ad.commitment_game()]
    [('firm', 'deterred', (Fraction(1, 1), Fraction(1, 1), Fraction(0, 1)))]

    Without audience costs the pledge is cheap talk: A abandons and C attacks.

    >>> [(spe.patron, spe.outcome, spe.abandonment) for spe in ad.commitment_game(audience_cost=0)]
    [('firm', 'war', True), ('loose', 'war', True)]
    """
    v, exact = numbers(
        value=value, p_intervene=p_intervene, p_abandon=p_abandon, cost_patron=cost_patron,
        cost_protege=cost_protege, cost_challenger=cost_challenger, audience_cost=audience_cost,
    )
    _check_common(v)
    T = _commitment_tol(v, exact)
    subs = {x: _sub_spes(v, x, T) for x in ("firm", "loose")}
    out = []
    for sf, sl in product(subs["firm"], subs["loose"]):
        uf, ul = sf["payoffs"][0], sl["payoffs"][0]
        for root in T.best((("firm", uf), ("loose", ul))):
            s = sf if root == "firm" else sl
            strategy = {
                "A": {"root": root, "firm/attack": sf["A4"], "loose/attack": sl["A4"]},
                "P": {"firm": sf["P"], "loose": sl["P"]},
                "C": {"firm/stand_firm": sf["C"], "loose/stand_firm": sl["C"]},
            }
            out.append(
                CommitmentSPE(
                    patron=root,
                    path=tuple([("A", root)] + s["path"]),
                    outcome=s["outcome"],
                    payoffs=tuple(s["payoffs"]),
                    abandonment=s["abandonment"],
                    entrapment=s["entrapment"],
                    strategy=strategy,
                )
            )
    return out


def commitment_tree(
    value: Any = COMMITMENT.value,
    p_intervene: Any = COMMITMENT.p_intervene,
    p_abandon: Any = COMMITMENT.p_abandon,
    cost_patron: Any = COMMITMENT.cost_patron,
    cost_protege: Any = COMMITMENT.cost_protege,
    cost_challenger: Any = COMMITMENT.cost_challenger,
    audience_cost: Any = COMMITMENT.audience_cost,
):
    """The 9.1 game as a :class:`gametheory.ExtensiveFormGame` (players A, P, C).

    Information sets carry the node names used in :attr:`CommitmentSPE.strategy`.
    """
    import gametheory as gt

    v, _ = numbers(
        value=value, p_intervene=p_intervene, p_abandon=p_abandon, cost_patron=cost_patron,
        cost_protege=cost_protege, cost_challenger=cost_challenger, audience_cost=audience_cost,
    )
    _check_common(v)
    b, pI, pN = v["value"], v["p_intervene"], v["p_abandon"]
    t = gt.ExtensiveFormGame(players=["A", "P", "C"], title="commitment game (9.1)")
    firm, loose = t.decision(t.root, player="A", actions=["firm", "loose"], infoset="root")
    for node, pledge in ((firm, "firm"), (loose, "loose")):
        a_cost = v["audience_cost"] if pledge == "firm" else 0
        sf, con = t.decision(node, player="P", actions=["stand_firm", "concede"], infoset=pledge)
        t.terminal(con, payoffs=[0, 0, 1], label=f"{pledge}/concede")
        att, bd = t.decision(sf, player="C", actions=["attack", "back_down"], infoset=f"{pledge}/stand_firm")
        t.terminal(bd, payoffs=[b, 1, 0], label=f"{pledge}/back_down")
        iv, ab = t.decision(att, player="A", actions=["intervene", "abandon"], infoset=f"{pledge}/attack")
        t.terminal(iv, payoffs=[b * pI - v["cost_patron"], pI - v["cost_protege"], 1 - pI - v["cost_challenger"]],
                   label=f"{pledge}/intervene")
        t.terminal(ab, payoffs=[b * pN - a_cost, pN - v["cost_protege"], 1 - pN - v["cost_challenger"]],
                   label=f"{pledge}/abandon")
    return t


# ---------------------------------------------------------------- 9.2 ----------


@dataclass(frozen=True)
class ProbabilisticCommitment:
    """The perfect Bayesian equilibrium of 9.2.

    ``protege_threshold`` r_P = (c_P - p_N)/(p_I - p_N): P fights (stands firm when it
    expects an attack) iff r >= r_P.  ``challenger_threshold`` r_C = (1 - c_C - p_N)/(p_I - p_N):
    C is deterred iff r >= r_C.  P fights iff r >= r_P.  Thresholds are the raw formulas (they may lie outside
    [0, 1], meaning always/never).
    """

    outcome: str
    protege_threshold: Any
    challenger_threshold: Any
    reliability: Any
    attack: bool
    stand_firm: bool
    payoffs: tuple  # expected (P, C)
    deters_and_restrains: bool


def probabilistic_commitment(
    reliability: Any = PROBABILISTIC.reliability,
    p_intervene: Any = PROBABILISTIC.p_intervene,
    p_abandon: Any = PROBABILISTIC.p_abandon,
    cost_protege: Any = PROBABILISTIC.cost_protege,
    cost_challenger: Any = PROBABILISTIC.cost_challenger,
) -> ProbabilisticCommitment:
    """Probabilistic commitment (Benson 2012): stages 2-4 of the commitment game with private patron resolve.

    The patron is resolved (intervenes) with prior ``reliability`` r, else abandons; P and C
    share the prior, so beliefs at every node are the prior (no signaling move).
    C attacks iff r(1 - p_I - c_C) + (1 - r)(1 - p_N - c_C) > 0, i.e. r < r_C (attacks only if
    strictly better).  Facing an attack, P stands firm iff r p_I + (1 - r) p_N - c_P >= 0
    (tie rule: P stands firm when indifferent, as in the first SPE of 9.1).  Float inputs:
    payoffs within tol = 1e-9 * max |war payoff|) count as ties.

    Parameters
    ----------
    reliability : number
        Prior probability r that the patron intervenes, in [0, 1].
    p_intervene, p_abandon : number
        P's chance of winning with and without the patron.
    cost_protege, cost_challenger : number
        War costs, >= 0.

    Returns
    -------
    ProbabilisticCommitment
        ``.outcome`` ("concede", "war" or "deterred"), ``.protege_threshold`` r_P,
        ``.challenger_threshold`` r_C, ``.deters_and_restrains`` (the commitment deters C
        while P would concede rather than fight were it attacked, r_C <= r < r_P: the
        restraining use of a probabilistic commitment).

    Raises
    ------
    GameError
        A parameter out of range.

    References
    ----------
    Benson, B. (2012). Constructing International Security. Cambridge UP.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models import alliance_dilemma as ad
    >>> pc = ad.probabilistic_commitment(reliability=Fraction(1, 2))
    >>> pc.outcome, pc.challenger_threshold
    ('war', Fraction(5, 6))
    >>> ad.probabilistic_commitment(reliability=Fraction(9, 10)).outcome
    'deterred'
    """
    v, exact = numbers(reliability=reliability, p_intervene=p_intervene, p_abandon=p_abandon,
                       cost_protege=cost_protege, cost_challenger=cost_challenger)
    check_prob("reliability", v["reliability"])
    _check_common(v)
    r, pI, pN = v["reliability"], v["p_intervene"], v["p_abandon"]
    d = pI - pN
    r_p = (v["cost_protege"] - pN) / d
    r_c = (1 - v["cost_challenger"] - pN) / d
    p_war = r * pI + (1 - r) * pN
    u_p_war = p_war - v["cost_protege"]
    u_c_war = 1 - p_war - v["cost_challenger"]
    T = tolerance(exact, 1, pI - v["cost_protege"], pN - v["cost_protege"],
                  1 - pI - v["cost_challenger"], 1 - pN - v["cost_challenger"])
    attack = T.gt(u_c_war, 0)
    if not attack:
        outcome, pay, firm = "deterred", (1 + 0 * r, 0 * r), True
    elif T.ge(u_p_war, 0):
        outcome, pay, firm = "war", (u_p_war, u_c_war), True
    else:
        outcome, pay, firm = "concede", (0 * r, 1 + 0 * r), False
    return ProbabilisticCommitment(
        outcome=outcome, protege_threshold=r_p, challenger_threshold=r_c, reliability=r,
        attack=attack, stand_firm=firm, payoffs=pay, deters_and_restrains=(not attack) and T.gt(0, u_p_war),
    )


# ---------------------------------------------------------- tripartite ---------


@dataclass(frozen=True)
class TripartiteResult:
    """Equilibrium of the tripartite commitment game at one parameter point.

    ``support_prob`` pi: probability the patron intervenes if P is attacked.
    ``abandonment_risk`` = 1 - pi (Snyder's risk of abandonment, as P sees it).
    ``entrapment_risk`` = pi if P stands firm and the war is one A would not fight for
    its own sake (beta p_I - c_A < 0), else 0 (Snyder's risk of entrapment: being bound
    to fight the protege's war, through the protege's moral hazard).
    ``p_abandonment`` / ``p_entrapment``: the same events on the equilibrium path
    (war happens and A abandons / A intervenes at a war payoff below 0).  On the path,
    abandonment is also weakly decreasing in kappa (kappa only flips the unresolved type
    to support, after which pi = 1), but entrapment is not monotone: a firmer pledge can
    deter the challenger altogether and so end a war the patron was entrapped in.
    """

    outcome: str
    path: tuple
    kappa: Any
    support_prob: Any
    attack: bool
    stand_firm: bool
    p_war: Any
    p_abandonment: Any
    p_entrapment: Any
    abandonment_risk: Any
    entrapment_risk: Any
    payoffs: tuple  # expected (A, P, C)
    kappa_threshold: Any
    optimal_kappa: Any = None
    optimal_payoff: Any = None


def _tri_tol(v: dict, kappa: Any, exact: bool) -> Any:
    """The engine's tol for :func:`tripartite_tree` at this kappa (max |terminal payoff|; 0 when exact)."""
    b, pI, pN = v["value"], v["p_intervene"], v["p_abandon"]
    return tol_for(exact, 1, b, b * pI - v["cost_patron"], b * pN - v["audience_cost"] * kappa,
                   pI - v["cost_protege"], pN - v["cost_protege"],
                   1 - pI - v["cost_challenger"], 1 - pN - v["cost_challenger"])


def _tri_core(v: dict, k: Any, exact: bool, force: Any = False) -> dict:
    """The tripartite game's solution at kappa ``k``, for one point or a grid (:mod:`models.elementwise`).

    ``v`` maps parameter names to numbers (one point) or broadcast float arrays (a sweep).  Tie
    rules: the unresolved patron honours the pledge when indifferent (``force`` says kappa is
    the indifference point itself, so float rounding cannot break that tie the wrong way); C
    attacks only if strictly better; P stands firm when indifferent (as in 9.1's first SPE).
    ``code`` indexes :data:`OUTCOMES`.
    """
    b, pI, pN, r = v["value"], v["p_intervene"], v["p_abandon"], v["reliability"]
    zero = zero_of(b)
    tol = _tri_tol(v, k, exact)
    ui = b * pI - v["cost_patron"]
    un = b * pN - v["audience_cost"] * k
    sup = (ui >= un - tol) | force
    pi = r + (1 - r) * sup
    p_w = pi * pI + (1 - pi) * pN
    u_c = 1 - p_w - v["cost_challenger"]
    u_p = p_w - v["cost_protege"]
    attack = u_c > tol
    stand = where(attack, u_p, 1 + zero) >= -tol
    war = stand & attack
    code = where(not_(stand), 0, where(attack, 2, 1))
    u_a_war = r * ui + (1 - r) * where(sup, ui, un)
    entrap_flag = ui < -tol
    return {
        "outcome_code": code,
        "support_prob": pi,
        "p_war": where(war, 1 + zero, zero),
        "p_abandonment": where(war, 1 - pi, zero),
        "p_entrapment": where(war & entrap_flag, pi, zero),
        "abandonment_risk": 1 - pi,
        "entrapment_risk": where(stand & entrap_flag, pi, zero),
        "payoff_A": where(code == 0, zero, where(code == 1, b, u_a_war)),
        "u_p": u_p, "u_c": u_c, "attack": attack, "stand": stand,
    }


def _kappa_threshold(v: dict) -> Any:
    """kappa* = (c_A - beta (p_I - p_N))/a, where the unresolved patron is indifferent (any value where a = 0)."""
    a = v["audience_cost"]
    return (v["cost_patron"] - v["value"] * (v["p_intervene"] - v["p_abandon"])) / where(a > 0, a, 1)


def _tri_optimal(v: dict, exact: bool) -> tuple:
    """The patron's optimal kappa and payoff, for one point or a grid: 0 or kappa* (see tripartite_commitment)."""
    zero = zero_of(v["value"])
    kt = _kappa_threshold(v)
    tol1 = _tri_tol(v, 1 + zero, exact)
    valid = (v["audience_cost"] > 0) & (kt > tol1) & (kt <= 1 + tol1)
    u0 = _tri_core(v, zero, exact)["payoff_A"]
    if not is_grid(valid) and not valid:  # one point, kappa* out of range: only kappa = 0 (spare the solve)
        return zero, u0
    kt = minimum(kt, 1 + zero)
    ut = _tri_core(v, where(valid, kt, zero), exact, force=valid)["payoff_A"]
    better = valid & (ut > u0 + tol1)
    return where(better, kt, zero), where(better, ut, u0)


def _tri_point(v: dict, kappa: Any) -> TripartiteResult:
    exact = isinstance(v["value"], Fraction)
    c = _tri_core(v, kappa, exact)
    zero = 0 * v["value"]
    outcome = OUTCOMES[c["outcome_code"]]
    if outcome == "concede":
        pay, path = (zero, zero, 1 + zero), (("P", "concede"),)
    elif outcome == "war":
        pay, path = (c["payoff_A"], c["u_p"], c["u_c"]), (("P", "stand_firm"), ("C", "attack"))
    else:
        pay, path = (v["value"], 1 + zero, zero), (("P", "stand_firm"), ("C", "back_down"))
    return TripartiteResult(
        outcome=outcome, path=path, kappa=kappa, support_prob=c["support_prob"], attack=c["attack"],
        stand_firm=c["stand"], p_war=c["p_war"], p_abandonment=c["p_abandonment"],
        p_entrapment=c["p_entrapment"], abandonment_risk=c["abandonment_risk"],
        entrapment_risk=c["entrapment_risk"], payoffs=pay,
        kappa_threshold=_kappa_threshold(v) if v["audience_cost"] != 0 else None,
    )


def _tri_numbers(**kw: Any) -> dict:
    v, _ = numbers(**kw)
    _check_common(v)
    check_prob("reliability", v["reliability"])
    if "kappa" in v:
        check_prob("kappa", v["kappa"])
    return v


def tripartite_commitment(
    kappa: Any = TRIPARTITE.kappa,
    value: Any = TRIPARTITE.value,
    p_intervene: Any = TRIPARTITE.p_intervene,
    p_abandon: Any = TRIPARTITE.p_abandon,
    cost_patron: Any = TRIPARTITE.cost_patron,
    cost_protege: Any = TRIPARTITE.cost_protege,
    cost_challenger: Any = TRIPARTITE.cost_challenger,
    audience_cost: Any = TRIPARTITE.audience_cost,
    reliability: Any = TRIPARTITE.reliability,
) -> TripartiteResult:
    """Tripartite commitment game at commitment strength ``kappa`` (Snyder 1984; Benson 2012).

    After Snyder (1984), Benson (2012), Fang, Johnson & Leeds (2014).  ``reliability`` 0
    is complete information (SPE); r > 0 makes the patron's resolve private (PBE, see the
    module docstring).  Also returns the patron's optimal kappa in [0, 1] (the smallest
    maximizer of A's expected payoff; A's payoff is piecewise constant or decreasing in
    kappa with one break at kappa* = (c_A - beta (p_I - p_N))/a, so the optimum is 0 or kappa*).
    """
    v = _tri_numbers(kappa=kappa, value=value, p_intervene=p_intervene, p_abandon=p_abandon,
                     cost_patron=cost_patron, cost_protege=cost_protege, cost_challenger=cost_challenger,
                     audience_cost=audience_cost, reliability=reliability)
    res = _tri_point(v, v["kappa"])
    k_opt, u_opt = _tri_optimal(v, isinstance(v["value"], Fraction))
    return TripartiteResult(**{**res.__dict__, "optimal_kappa": k_opt, "optimal_payoff": u_opt})


def tripartite_tree(
    kappa: Any = TRIPARTITE.kappa,
    value: Any = TRIPARTITE.value,
    p_intervene: Any = TRIPARTITE.p_intervene,
    p_abandon: Any = TRIPARTITE.p_abandon,
    cost_patron: Any = TRIPARTITE.cost_patron,
    cost_protege: Any = TRIPARTITE.cost_protege,
    cost_challenger: Any = TRIPARTITE.cost_challenger,
    audience_cost: Any = TRIPARTITE.audience_cost,
    reliability: Any = TRIPARTITE.reliability,
):
    """The tripartite game at fixed kappa as an ExtensiveFormGame (chance draws resolve).

    Players A, P, C.  After C attacks, chance draws A's type (``resolved`` with probability r,
    who can only intervene) -- equivalent to private resolve because no one moves after A.
    With r = 0 the chance move is omitted.
    """
    import gametheory as gt

    v = _tri_numbers(kappa=kappa, value=value, p_intervene=p_intervene, p_abandon=p_abandon,
                     cost_patron=cost_patron, cost_protege=cost_protege, cost_challenger=cost_challenger,
                     audience_cost=audience_cost, reliability=reliability)
    b, pI, pN, r = v["value"], v["p_intervene"], v["p_abandon"], v["reliability"]
    war_i = [b * pI - v["cost_patron"], pI - v["cost_protege"], 1 - pI - v["cost_challenger"]]
    war_n = [b * pN - v["audience_cost"] * v["kappa"], pN - v["cost_protege"], 1 - pN - v["cost_challenger"]]
    t = gt.ExtensiveFormGame(players=["A", "P", "C"], title="tripartite commitment game")
    sf, con = t.decision(t.root, player="P", actions=["stand_firm", "concede"], infoset="P")
    t.terminal(con, payoffs=[0, 0, 1], label="concede")
    att, bd = t.decision(sf, player="C", actions=["attack", "back_down"], infoset="C")
    t.terminal(bd, payoffs=[b, 1, 0], label="deterred")
    if r > 0:
        res, unres = t.chance(att, actions=["resolved", "unresolved"], probs=[r, 1 - r])
        (iv_r,) = t.decision(res, player="A", actions=["intervene"], infoset="A resolved")
        t.terminal(iv_r, payoffs=war_i, label="war/resolved")
        att = unres
    iv, ab = t.decision(att, player="A", actions=["intervene", "abandon"], infoset="A")
    t.terminal(iv, payoffs=war_i, label="war/intervene")
    t.terminal(ab, payoffs=war_n, label="war/abandon")
    return t


def tripartite_map(
    kappa: Any,
    value: Any = TRIPARTITE.value,
    p_intervene: Any = TRIPARTITE.p_intervene,
    p_abandon: Any = TRIPARTITE.p_abandon,
    cost_patron: Any = TRIPARTITE.cost_patron,
    cost_protege: Any = TRIPARTITE.cost_protege,
    cost_challenger: Any = TRIPARTITE.cost_challenger,
    audience_cost: Any = TRIPARTITE.audience_cost,
    reliability: Any = TRIPARTITE.reliability,
) -> dict:
    """Vectorized :func:`tripartite_commitment` over broadcastable parameter arrays.

    Same tie rules as the point solver; returns a dict of arrays: ``outcome_code``
    (index into :data:`OUTCOMES`), ``support_prob``, ``p_war``, ``p_abandonment``,
    ``p_entrapment``, ``abandonment_risk``, ``entrapment_risk``, ``payoff_A``, and the
    patron's ``optimal_kappa`` and ``optimal_payoff``.
    """
    names = ("kappa", "value", "p_intervene", "p_abandon", "cost_patron", "cost_protege",
             "cost_challenger", "audience_cost", "reliability")
    vals = [kappa, value, p_intervene, p_abandon, cost_patron, cost_protege, cost_challenger,
            audience_cost, reliability]
    arrs = {n: as_float_array(n, x) for n, x in zip(names, vals)}
    try:
        arrs = dict(zip(names, np.broadcast_arrays(*arrs.values())))
    except ValueError:
        raise GameError("tripartite_map: parameter arrays do not broadcast to one shape") from None
    k, b, pI, pN = arrs["kappa"], arrs["value"], arrs["p_intervene"], arrs["p_abandon"]
    r = arrs["reliability"]
    for n in ("kappa", "p_intervene", "p_abandon", "reliability"):
        if np.any((arrs[n] < 0) | (arrs[n] > 1)):
            raise GameError(f"tripartite_map: {n} must lie in [0, 1]")
    if np.any(pN >= pI):
        raise GameError("tripartite_map: p_abandon must be below p_intervene everywhere")
    for n in ("value", "cost_patron", "cost_protege", "cost_challenger", "audience_cost"):
        if np.any(arrs[n] < 0):
            raise GameError(f"tripartite_map: {n} must be >= 0")
    out = _tri_core(arrs, k, exact=False)
    out = {key: out[key] for key in ("outcome_code", "support_prob", "p_war", "p_abandonment", "p_entrapment",
                                     "abandonment_risk", "entrapment_risk", "payoff_A")}
    out["outcome_code"] = out["outcome_code"].astype(np.int8)
    out["optimal_kappa"], out["optimal_payoff"] = _tri_optimal(arrs, exact=False)
    return out


def commitment_symbolic():
    """The 9.1 game as a :class:`gametheory.symbolic.SymbolicTree` in sympy symbols.

    Symbols: value, p_intervene, p_abandon, cost_patron, cost_protege, cost_challenger,
    audience_cost (real).  ``.conditions()`` gives, for every pure profile, the inequalities
    under which it is an SPE (all ties included, C's as well); ``.equilibria_at(**point)``
    evaluates them exactly.  Node names are action paths: ``()`` the root, ``("firm",)`` P's
    node, ``("firm", "stand_firm")`` C's, ``("firm", "stand_firm", "attack")`` A's.
    """
    import sympy as sp
    from gametheory.symbolic import SymbolicTree

    names = ("value", "p_intervene", "p_abandon", "cost_patron", "cost_protege", "cost_challenger", "audience_cost")
    b, pI, pN, cA, cP, cC, a = sp.symbols(" ".join(names), real=True)

    def branch(a_cost):
        return {"player": "P", "actions": {
            "stand_firm": {"player": "C", "actions": {
                "attack": {"player": "A", "actions": {
                    "intervene": (b * pI - cA, pI - cP, 1 - pI - cC),
                    "abandon": (b * pN - a_cost, pN - cP, 1 - pN - cC)}},
                "back_down": (b, 1, 0)}},
            "concede": (0, 0, 1)}}

    tree = {"player": "A", "actions": {"firm": branch(a), "loose": branch(0)}}
    return SymbolicTree(tree, players=["A", "P", "C"], params=[b, pI, pN, cA, cP, cC, a])


def tripartite_symbolic():
    """The tripartite game (fixed kappa, private resolve) as a SymbolicTree in sympy symbols.

    Symbols: value, p_intervene, p_abandon, cost_patron, cost_protege, cost_challenger,
    audience_cost, kappa, reliability.  Chance draws the patron's type after an attack
    (``resolved`` with probability reliability, who can only intervene).  Node names:
    ``()`` P, ``("stand_firm",)`` C, ``("stand_firm", "attack", "unresolved")`` A.
    With kappa = 0 and a patron that never gains from intervening this is 9.2.
    """
    import sympy as sp
    from gametheory.symbolic import SymbolicTree

    names = ("value", "p_intervene", "p_abandon", "cost_patron", "cost_protege", "cost_challenger",
             "audience_cost", "kappa", "reliability")
    b, pI, pN, cA, cP, cC, a, k, r = sp.symbols(" ".join(names), real=True)
    war_i = (b * pI - cA, pI - cP, 1 - pI - cC)
    war_n = (b * pN - a * k, pN - cP, 1 - pN - cC)
    tree = {"player": "P", "actions": {
        "stand_firm": {"player": "C", "actions": {
            "attack": {"chance": {
                "resolved": (r, {"player": "A", "actions": {"intervene": war_i}}),
                "unresolved": (1 - r, {"player": "A", "actions": {"intervene": war_i, "abandon": war_n}})}},
            "back_down": (b, 1, 0)}},
        "concede": (0, 0, 1)}}
    return SymbolicTree(tree, players=["A", "P", "C"], params=[b, pI, pN, cA, cP, cC, a, k, r])
