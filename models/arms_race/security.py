"""The security dilemma as a game: the arms game (Jervis 1978) and reassurance (Kydd 1997, 2005).

**The arms game** (:func:`security_dilemma`).  Two states each restrain or arm.  Arming costs
``arms_cost`` c > 0; a state that arms while the other restrains gains ``exploit_gain`` e
(Jervis's gain from exploiting the other's restraint, larger when offense has the
advantage); a state that restrains while the other arms loses ``exploited_cost`` d (the cost
of being exploited).  Payoffs (row, column), mutual restraint normalized to 0:

    ============  =============  =============
                  restrain       arm
    ============  =============  =============
    restrain      (0, 0)         (-d, e - c)
    arm           (e - c, -d)    (-c, -c)
    ============  =============  =============

The game is classified by :func:`gametheory.ordinal.classify` (Rapoport & Guyer 1966), and its
equilibria come from :func:`gametheory.solve`.  Jervis's two worlds of the security dilemma
fall out of the inequalities: e > c and d > c make arming dominant, the Prisoner's Dilemma
(the arms race happens though both prefer mutual restraint); e < c < d gives the Stag Hunt
(assurance): mutual restraint is an equilibrium, but so is the arms race, and each state
arms if it fears the other will.  e < c and d < c gives a no-conflict game (restraint
dominant); e > c > d, Chicken.  With ties (e = c or d = c) the game is not strict ordinal and
``classification`` reports the ties.

**Reassurance** (:func:`reassurance`; Kydd 1997, 2005 ch. 7).  State A is a *security
seeker* (prior ``prior_secure`` p) or *greedy*.  A may send a costly reassurance signal
(arms reduction, withdrawal) of cost m = ``signal_cost``; then B trusts (cooperates) or
distrusts.  Being trusted is worth v_S = ``value_secure`` to a security seeker and
v_G = ``value_greedy`` to a greedy state; B gains r = ``gain_trust`` from trusting a
security seeker and loses s = ``loss_exploited`` by trusting a greedy state (distrust: 0).
B trusts iff its belief that A is a security seeker is at least the *trust threshold*

    mu* = s / (r + s).

The pure perfect Bayesian equilibria (p in (0, 1); v_S, v_G, r, s > 0; m >= 0), with the
off-path beliefs as intervals of B's belief that A is a security seeker:

* separating (security seeker reassures, greedy does not; B trusts the signal only) iff
  v_G <= m <= v_S: the signal separates exactly when its cost lies between the types'
  values of trust (Kydd 2005, ch. 7);
* pooling on no signal: with trust iff p >= mu* (off path, a signal may meet trust or
  distrust), with distrust iff p <= mu* (a signal meets distrust, or trust when
  m >= max(v_S, v_G));
* pooling on the signal: with trust iff p >= mu* and m <= min(v_S, v_G) (no signal meets
  distrust; with m = 0 also trust); with distrust only when m = 0 and p <= mu*.

A greedy state never separates by signalling alone (it would rather save m and be
distrusted anyway).  So when m lies outside [v_G, v_S] every PBE is pooling, and trust
then rests on the prior: B trusts iff p >= mu*.  Exact for rational input; float input
compares within the engine's tolerance (:func:`gametheory.default_tol`).  The same game as a
:class:`gametheory.SignalingGame` is :func:`reassurance_game`; the tests check that
:func:`gametheory.perfect_bayesian_equilibria` finds exactly these equilibria.

References
----------
Jervis, R. (1978). Cooperation under the security dilemma. *World Politics* 30(2), 167-214.
Kydd, A. (1997). Game theory and the spiral model. *World Politics* 49(3), 371-400.
Kydd, A. (2005). *Trust and Mistrust in International Relations*. Princeton University Press.
Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. *General Systems* 11.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gametheory as gt
from gametheory import GameError, as_numbers, ordinal

from ..checks import tolerance
from .params import REASSURANCE, SECURITY_DILEMMA

__all__ = [
    "SecurityDilemma", "security_dilemma", "ReassurancePBE", "Reassurance", "reassurance", "reassurance_game",
    "TYPES", "MESSAGES", "ACTIONS",
]

ARMS_STRATEGIES = ("restrain", "arm")
TYPES = ("security_seeker", "greedy")
MESSAGES = ("reassure", "none")
ACTIONS = ("trust", "distrust")


@dataclass(frozen=True)
class SecurityDilemma:
    """The arms game of the security dilemma: the game, its ordinal class and equilibria.

    ``game`` (:class:`gametheory.NormalFormGame`, strategies restrain/arm),
    ``classification`` (:func:`gametheory.ordinal.classify`), ``name`` (the class's name,
    e.g. "Prisoner's Dilemma" or "Stag Hunt", else its label), ``equilibria``
    (:func:`gametheory.solve`), ``pure_outcomes`` (the pure equilibria as strategy labels),
    ``restraint_equilibrium`` (mutual restraint is a Nash equilibrium) and ``arms_race``
    (mutual arming is one).
    """

    game: Any
    classification: Any
    equilibria: Any
    exact: bool
    params: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.classification.name or self.classification.label

    @property
    def pure_outcomes(self) -> tuple:
        return tuple((ARMS_STRATEGIES[i], ARMS_STRATEGIES[j]) for i, j in self.classification.pure_equilibria)

    @property
    def restraint_equilibrium(self) -> bool:
        return ("restrain", "restrain") in self.pure_outcomes

    @property
    def arms_race(self) -> bool:
        return ("arm", "arm") in self.pure_outcomes


def security_dilemma(exploit_gain: Any = SECURITY_DILEMMA.exploit_gain,
                     exploited_cost: Any = SECURITY_DILEMMA.exploited_cost,
                     arms_cost: Any = SECURITY_DILEMMA.arms_cost) -> SecurityDilemma:
    """The security dilemma as a symmetric 2x2 arms game (Jervis 1978).

    Parameters
    ----------
    exploit_gain : number >= 0
        e: what a state gains by arming while the other restrains.
    exploited_cost : number >= 0
        d: what a state loses by restraining while the other arms.
    arms_cost : number > 0
        c: the cost of arming.

    Returns
    -------
    SecurityDilemma
        ``game``, ``classification`` (ordinal class), ``name``, ``equilibria``,
        ``pure_outcomes``, ``restraint_equilibrium``, ``arms_race``.

    Raises
    ------
    GameError
        A negative gain or loss, a cost that is not positive, a non-number.

    References
    ----------
    Jervis, R. (1978). Cooperation under the security dilemma. *World Politics* 30(2).
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. *General Systems* 11.

    Examples
    --------
    >>> from models.arms_race import security_dilemma
    >>> security_dilemma(exploit_gain=2, exploited_cost=3, arms_cost=1).name
    "Prisoner's Dilemma"
    >>> sh = security_dilemma(exploit_gain=1, exploited_cost=3, arms_cost=2)
    >>> sh.name, sh.pure_outcomes
    ('Stag Hunt', (('restrain', 'restrain'), ('arm', 'arm')))
    """
    params = {"exploit_gain": exploit_gain, "exploited_cost": exploited_cost, "arms_cost": arms_cost}
    v, exact = as_numbers(params)
    for name in ("exploit_gain", "exploited_cost"):
        if v[name] < 0:
            raise GameError(f"parameter {name}={v[name]} must be >= 0")
    if not v["arms_cost"] > 0:
        raise GameError(f"parameter arms_cost={v['arms_cost']} must be > 0")
    e, d, c = v["exploit_gain"], v["exploited_cost"], v["arms_cost"]
    zero = 0 * c
    A = [[zero, -d], [e - c, -c]]
    game = gt.NormalFormGame.from_bimatrix(A, [list(r) for r in zip(*A)], player_labels=["A", "B"],
                                           strategy_labels=[list(ARMS_STRATEGIES)] * 2, title="security dilemma")
    return SecurityDilemma(game=game, classification=ordinal.classify(game), equilibria=gt.solve(game),
                           exact=exact, params=params)


@dataclass(frozen=True)
class ReassurancePBE:
    """One pure PBE of the reassurance game.

    ``kind`` ("separating" or "pooling"), ``sender`` (type -> message), ``receiver``
    (message -> action), ``beliefs`` (on-path message -> B's probability that A is a
    security seeker), ``belief_sets`` (off-path message -> (lo, hi), the beliefs that support
    B's reply).
    """

    kind: str
    sender: dict
    receiver: dict
    beliefs: dict
    belief_sets: dict

    @property
    def trust_probability(self) -> Any:
        """Probability that B trusts on the equilibrium path (prior-weighted over A's types)."""
        p = self.prior_secure
        return sum((q for t, q in zip(TYPES, (p, 1 - p)) if self.receiver[self.sender[t]] == "trust"), 0 * p)

    prior_secure: Any = field(default=None, repr=False)


@dataclass(frozen=True)
class Reassurance:
    """Kydd's reassurance game solved: the trust threshold and every pure PBE.

    ``trust_threshold`` mu* = s/(r + s); ``equilibria`` (tuple of :class:`ReassurancePBE`);
    ``separating`` (a separating PBE exists: v_G <= m <= v_S); ``kinds``; ``trust_probability``
    (the highest probability of trust on the path over the PBE); ``exact``.
    """

    trust_threshold: Any
    equilibria: tuple
    exact: bool
    params: dict = field(default_factory=dict, repr=False)

    @property
    def separating(self) -> bool:
        return any(e.kind == "separating" for e in self.equilibria)

    @property
    def kinds(self) -> tuple:
        return tuple(sorted({e.kind for e in self.equilibria}))

    @property
    def trust_probability(self) -> Any:
        return max(e.trust_probability for e in self.equilibria)


def _reassurance_values(**params: Any) -> tuple[dict, bool]:
    v, exact = as_numbers(params)
    if not 0 < v["prior_secure"] < 1:
        raise GameError(f"parameter prior_secure={v['prior_secure']} must be strictly between 0 and 1")
    for name in ("value_secure", "value_greedy", "gain_trust", "loss_exploited"):
        if not v[name] > 0:
            raise GameError(f"parameter {name}={v[name]} must be > 0")
    if v["signal_cost"] < 0:
        raise GameError(f"parameter signal_cost={v['signal_cost']} must be >= 0")
    return v, exact


def reassurance_game(prior_secure: Any = REASSURANCE.prior_secure, value_secure: Any = REASSURANCE.value_secure,
                     value_greedy: Any = REASSURANCE.value_greedy, signal_cost: Any = REASSURANCE.signal_cost,
                     gain_trust: Any = REASSURANCE.gain_trust,
                     loss_exploited: Any = REASSURANCE.loss_exploited) -> gt.SignalingGame:
    """The reassurance game as a :class:`gametheory.SignalingGame` (types security_seeker and
    greedy, messages reassure and none, actions trust and distrust)."""
    v, _ = _reassurance_values(prior_secure=prior_secure, value_secure=value_secure, value_greedy=value_greedy,
                               signal_cost=signal_cost, gain_trust=gain_trust, loss_exploited=loss_exploited)
    value = {"security_seeker": v["value_secure"], "greedy": v["value_greedy"]}
    zero = 0 * v["signal_cost"]

    def sender(t: str, m: str, a: str) -> Any:
        return (value[t] if a == "trust" else zero) - (v["signal_cost"] if m == "reassure" else zero)

    def receiver(t: str, m: str, a: str) -> Any:
        if a == "distrust":
            return zero
        return v["gain_trust"] if t == "security_seeker" else -v["loss_exploited"]

    p = v["prior_secure"]
    return gt.SignalingGame(types=list(TYPES), prior=[p, 1 - p], messages=list(MESSAGES), actions=list(ACTIONS),
                            sender_payoff=sender, receiver_payoff=receiver, title="reassurance (Kydd 2005)")


def reassurance(prior_secure: Any = REASSURANCE.prior_secure, value_secure: Any = REASSURANCE.value_secure,
                value_greedy: Any = REASSURANCE.value_greedy, signal_cost: Any = REASSURANCE.signal_cost,
                gain_trust: Any = REASSURANCE.gain_trust, loss_exploited: Any = REASSURANCE.loss_exploited) -> Reassurance:
    """Every pure PBE of Kydd's reassurance game, in closed form (see the module docstring).

    Parameters
    ----------
    prior_secure : number in (0, 1)
        B's prior that A is a security seeker.
    value_secure, value_greedy : number > 0
        What being trusted is worth to a security seeker (v_S) and to a greedy state (v_G).
    signal_cost : number >= 0
        m, the cost of the reassurance signal.
    gain_trust, loss_exploited : number > 0
        B's gain from trusting a security seeker (r) and loss from trusting a greedy state (s).

    Returns
    -------
    Reassurance
        ``trust_threshold`` s/(r + s), ``equilibria``, ``separating`` (iff v_G <= m <= v_S),
        ``kinds``, ``trust_probability``.

    Raises
    ------
    GameError
        A parameter outside its range or not a finite number.

    References
    ----------
    Kydd, A. (1997). Game theory and the spiral model. *World Politics* 49(3).  Kydd, A.
    (2005). *Trust and Mistrust in International Relations*, ch. 7. Princeton UP.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models.arms_race import reassurance
    >>> r = reassurance(prior_secure=Fraction(1, 2), value_secure=3, value_greedy=1, signal_cost=2,
    ...                 gain_trust=1, loss_exploited=2)
    >>> r.trust_threshold, r.separating, r.kinds, r.trust_probability
    (Fraction(2, 3), True, ('pooling', 'separating'), Fraction(1, 2))
    >>> reassurance(signal_cost=4).separating      # dearer than the security seeker's value
    False
    """
    params = {"prior_secure": prior_secure, "value_secure": value_secure, "value_greedy": value_greedy,
              "signal_cost": signal_cost, "gain_trust": gain_trust, "loss_exploited": loss_exploited}
    v, exact = _reassurance_values(**params)
    p, vs, vg, m = v["prior_secure"], v["value_secure"], v["value_greedy"], v["signal_cost"]
    r, s = v["gain_trust"], v["loss_exploited"]
    threshold = s / (r + s)
    # the sender's comparisons are of its payoffs (values, m, their differences); B's of its own
    T = tolerance(exact, vs, vg, m, vs - m, vg - m)
    B = tolerance(exact, p * r, (1 - p) * s)
    zero, one = 0 * p, 1 + 0 * p
    trusts_prior, distrusts_prior = B.ge(p * r, (1 - p) * s), B.ge((1 - p) * s, p * r)
    free = T.ge(0, m)  # a costless signal (m = 0 up to tol)
    low, high = (threshold, one), (zero, threshold)  # beliefs supporting trust / distrust
    eqs = []

    def add(kind: str, msgs: tuple, replies: tuple) -> None:
        sender = dict(zip(TYPES, msgs))
        receiver = dict(zip(MESSAGES, replies))
        used = set(msgs)
        beliefs, sets = {}, {}
        for msg in MESSAGES:
            if msg in used:
                beliefs[msg] = p if kind == "pooling" else (one if sender["security_seeker"] == msg else zero)
            else:
                sets[msg] = low if receiver[msg] == "trust" else high
        eqs.append(ReassurancePBE(kind, sender, receiver, beliefs, sets, prior_secure=p))

    if T.ge(m, vg) and T.ge(vs, m):
        add("separating", ("reassure", "none"), ("trust", "distrust"))
    if trusts_prior:  # pooling on no signal, trusted; a signal may meet trust or distrust
        add("pooling", ("none", "none"), ("trust", "trust"))
        add("pooling", ("none", "none"), ("distrust", "trust"))
    if distrusts_prior:
        add("pooling", ("none", "none"), ("distrust", "distrust"))
        if T.ge(m, vs) and T.ge(m, vg):
            add("pooling", ("none", "none"), ("trust", "distrust"))
    if trusts_prior and T.ge(vs, m) and T.ge(vg, m):
        add("pooling", ("reassure", "reassure"), ("trust", "distrust"))
    if trusts_prior and free:
        add("pooling", ("reassure", "reassure"), ("trust", "trust"))
    if distrusts_prior and free:
        add("pooling", ("reassure", "reassure"), ("distrust", "distrust"))
    return Reassurance(trust_threshold=threshold, equilibria=tuple(eqs), exact=exact, params=params)
