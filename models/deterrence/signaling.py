"""Signals of resolve: tying hands, sinking costs (9.5) and defense budgets -- private helper.

**Tying hands and sinking costs (Fearon 1997).**  The defender D values
the status quo at v ~ U[0, 1] (private).  D may send a signal; the challenger C
then challenges or not; if challenged D fights (D: v - c_D, C: -c_C) or backs
down (D: -a after a public threat (tying hands) else 0; C: 1).  Status quo: D v,
C 0.  Sinking costs: the signal costs D ``signal_cost`` m up front, whatever follows.
Float inputs: every comparison below uses the tolerance 1e-9 * max |parameter|
(the engine's ``tol``), so a float point at a boundary gets the exact point's answer.

Let F(x) = min(max(x, 0), 1) (the U[0,1] distribution function).  A challenged D
fights iff v >= c_D, or, having tied its hands, iff v >= t1 = c_D - a.

*Tying hands* (a > 0).  Write T1 = F(c_D - a).  If everybody signals, C is deterred
iff backing-down types are few enough: T1 - c_C (1 - T1) <= 0.  Then the PBE is
pooling on the threat (cutoff 0, C never challenges, no war; off path a silent D
is taken to be weak).  Otherwise, if T1 < 1, the PBE is semi-separating: types
v >= v^ = T1 - c_C (1 - T1) signal, the rest do not and are challenged (and all
back down); C challenges a signaller with probability sigma = v^/(v^ + a), which
leaves type v^ indifferent ((1 - sigma) v^ - sigma a = 0); and v^ leaves C
indifferent after a signal (mass T1 - v^ backs down, 1 - T1 fights:
(T1 - v^) - c_C (1 - T1) = 0).  War probability sigma (1 - T1).  A type's gain from
signalling, tau min(c_D, v) - sigma min(c_D, v + a), is increasing in v, so the
cutoff form is without loss.  If T1 = 1 nobody who signals would fight, and
nobody signals.  With a = 0 the threat is cheap talk and carries no information.

*Sinking costs* (m > 0).  Write T0 = F(c_D) and v_c = T0 - c_C (1 - T0).  If v_c <= 0
the prior alone deters and nobody pays m.  If c_D >= 1 nobody would fight and
nobody signals.  If m < v_c: semi-separating, cutoff v_c, C challenges a signaller
with probability sigma = 1 - m/v_c, war probability sigma (1 - T0).  If
v_c <= m < c_D: separating, cutoff m (the marginal type pays m to avoid being
challenged and backing down: m = v), C is deterred by the signal, no war.
If m >= c_D: the signal is too dear, nobody signals, C challenges, and the types
above c_D fight: war probability 1 - T0.

These are the equilibria in which the signal is used; the uninformative PBE in
which nobody signals (a signal taken to come from a weak type) also exists.
``.deterred``: some types signal and C never challenges a signaller.

**Defense budgets as costly signals** (:func:`budget_signaling`).  Types high (H,
prior rho) and low (L) resolve; H fights if challenged (C: -c_C), L concedes
(C: 1); no challenge: C 0.  Type t values deterrence (not being challenged) at
w_t and pays k_t per unit of budget.  The adversary observes the budget with
probability ``transparency`` theta; otherwise it acts on the prior (challenge iff
1 - rho (1 + c_C) > 0).  A type's willingness to pay for being seen as high is
WTP_t = theta w_t / k_t.  The separating threshold b* = WTP_L (the least budget L
will not mimic): a separating PBE at budget b (H spends b, L nothing) exists
exactly when WTP_L <= b <= WTP_H (Spence 1973; Fearon 1997).  Pooling at 0 always
exists (pessimistic off-path beliefs); pooling at b exists iff the prior deters
and b <= min(WTP_L, WTP_H); the semi-separating PBE (L spends b with probability
rho c_C/(1 - rho), C challenges at b with probability 1 - k_L b/(theta w_L))
exists iff 0 < b < WTP_L <= WTP_H, rho > 0, c_C > 0 and the prior does not deter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from gametheory.errors import GameError

from ..checks import check_prob, check_range, numbers, tolerance
from ..elementwise import clip, not_, tol_for, where, zero_of
from .params import BUDGET, SINKING_COSTS, TYING_HANDS

__all__ = [
    "SignalEquilibrium", "tying_hands", "sinking_costs", "tying_hands_map", "sinking_costs_map",
    "BudgetEquilibrium", "BudgetSignaling", "budget_signaling", "budget_signaling_game",
]


@dataclass(frozen=True)
class SignalEquilibrium:
    """PBE of the tying-hands or sinking-costs game (Fearon 1997)."""

    kind: str  # "pooling" | "semi-separating" | "separating" | "no signal"
    deterred: bool
    cutoff: Any  # lowest type that signals (None if nobody does)
    war_probability: Any
    challenge_after_signal: Any  # sigma (None if no signal is sent)
    challenge_after_no_signal: Any  # tau (None if everybody signals)
    challenge_probability: Any
    fight_threshold: Any  # lowest type that fights after a signal (clipped to [0, 1])


def tying_hands(audience_cost: Any = TYING_HANDS.audience_cost, cost_defender: Any = TYING_HANDS.cost_defender,
                cost_challenger: Any = TYING_HANDS.cost_challenger) -> SignalEquilibrium:
    """PBE of the tying-hands game (Fearon 1997); derivation in the module docstring.

    The defender's value v ~ U[0, 1] is private; a public threat costs it
    ``audience_cost`` if it later backs down.

    Parameters
    ----------
    audience_cost : number
        a >= 0, paid by a defender that threatened and backs down.
    cost_defender, cost_challenger : number
        War costs c_D and c_C, >= 0.

    Returns
    -------
    SignalEquilibrium
        ``.kind`` ("pooling", "semi-separating", "separating", "no signal"),
        ``.deterred`` (whether C is deterred by a signal that is sent), ``.cutoff`` (the
        lowest type that signals), ``.war_probability`` and the challenge probabilities.

    Raises
    ------
    GameError
        A negative cost or parameter out of range.

    References
    ----------
    Fearon, J. (1997). Signaling foreign policy interests: tying hands versus sinking
    costs. Journal of Conflict Resolution 41.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from models import extended_deterrence as ed
    >>> eq = ed.tying_hands(audience_cost=F(1, 2), cost_defender=F(1, 2), cost_challenger=F(1, 2))
    >>> eq.kind, eq.deterred, eq.cutoff, eq.war_probability
    ('pooling', True, Fraction(0, 1), Fraction(0, 1))
    >>> eq = ed.tying_hands(audience_cost=F(1, 10), cost_defender=F(1, 2), cost_challenger=F(1, 10))
    >>> eq.kind, eq.cutoff, eq.war_probability
    ('semi-separating', Fraction(17, 50), Fraction(51, 110))
    """
    v, exact = numbers(audience_cost=audience_cost, cost_defender=cost_defender, cost_challenger=cost_challenger)
    for k in v:
        check_range(k, v[k], 0)
    return _package(_tying_hands(v["audience_cost"], v["cost_defender"], v["cost_challenger"], exact))


def sinking_costs(signal_cost: Any = SINKING_COSTS.signal_cost, cost_defender: Any = SINKING_COSTS.cost_defender,
                  cost_challenger: Any = SINKING_COSTS.cost_challenger) -> SignalEquilibrium:
    """PBE of the sinking-costs game (Fearon 1997); derivation in the module docstring.

    The defender's value v ~ U[0, 1] is private; the signal costs it ``signal_cost`` up
    front, whatever follows.

    Parameters
    ----------
    signal_cost : number
        m >= 0, paid when signalling.
    cost_defender, cost_challenger : number
        War costs c_D and c_C, >= 0.

    Returns
    -------
    SignalEquilibrium
        ``.kind`` ("pooling", "semi-separating", "separating", "no signal"),
        ``.deterred`` (whether C is deterred by a signal that is sent), ``.cutoff`` (the
        lowest type that signals), ``.war_probability`` and the challenge probabilities.

    Raises
    ------
    GameError
        A negative cost or parameter out of range.

    References
    ----------
    Fearon, J. (1997). Signaling foreign policy interests: tying hands versus sinking
    costs. Journal of Conflict Resolution 41.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from models import extended_deterrence as ed
    >>> eq = ed.sinking_costs(signal_cost=F(1, 5), cost_defender=F(1, 2), cost_challenger=F(1, 2))
    >>> eq.kind, eq.cutoff, eq.war_probability
    ('semi-separating', Fraction(1, 4), Fraction(1, 10))
    """
    v, exact = numbers(signal_cost=signal_cost, cost_defender=cost_defender, cost_challenger=cost_challenger)
    for k in v:
        check_range(k, v[k], 0)
    return _package(_sinking_costs(v["signal_cost"], v["cost_defender"], v["cost_challenger"], exact))


_KINDS = ("no signal", "pooling", "semi-separating", "separating")


def _prior_challenge(t0: Any, c_c: Any, tol: Any) -> Any:
    """Whether C challenges on the prior (types >= t0 fight): only if strictly better."""
    return t0 - c_c * (1 - t0) > tol


def _tying_hands(a: Any, c_d: Any, c_c: Any, exact: bool) -> dict:
    """Tying hands' closed form (module docstring), for one point or a grid (:mod:`models.elementwise`).

    Returns the kind code (index into ``_KINDS``) and the numbers :func:`_package` needs; the
    tolerance is the engine's (0 when exact), so a float at a boundary gets the exact answer.
    """
    tol = tol_for(exact, 1, a, c_d, c_c)
    zero = zero_of(a)
    t0, t1 = clip(c_d, 0, 1), clip(c_d - a, 0, 1)
    vhat = t1 - c_c * (1 - t1)
    # no signal: a cheap-talk threat, or nobody who signals would fight (T1 = 1)
    nosig = (a <= tol) | ((vhat > tol) & (t1 >= 1 - tol))
    pool = not_(nosig) & (vhat <= tol)
    semi = not_(nosig) & not_(pool)
    sigma = where(semi, vhat / where(semi, vhat + a, 1), zero)
    return {"code": where(nosig, 0, where(pool, 1, 2)), "deterred": pool, "t0": t0, "fight": where(nosig, t0, t1),
            "cutoff": where(pool, zero, vhat), "sigma": sigma, "prior_challenge": _prior_challenge(t0, c_c, tol),
            "war_semi": sigma * (1 - t1), "chp_signal": where(pool, zero, vhat + (1 - vhat) * sigma)}


def _sinking_costs(m: Any, c_d: Any, c_c: Any, exact: bool) -> dict:
    """Sinking costs' closed form (module docstring), for one point or a grid; as :func:`_tying_hands`."""
    tol = tol_for(exact, 1, m, c_d, c_c)
    zero = zero_of(m)
    t0 = clip(c_d, 0, 1)
    vc = t0 - c_c * (1 - t0)
    prior_ch = vc > tol
    nosig = not_(prior_ch) | (t0 >= 1 - tol) | (m <= tol) | (m >= t0 - tol)
    semi = not_(nosig) & (vc > m + tol)
    sep = not_(nosig) & not_(semi)
    sigma = where(semi, 1 - m / where(semi, vc, 1), zero)
    return {"code": where(nosig, 0, where(semi, 2, 3)), "deterred": sep, "t0": t0, "fight": t0,
            "cutoff": where(semi, vc, m), "sigma": sigma, "prior_challenge": prior_ch,
            "war_semi": sigma * (1 - t0), "chp_signal": where(semi, vc + (1 - vc) * sigma, m)}


def _war_and_challenge(r: dict) -> tuple:
    """War and challenge probabilities from a closed form's result (either path)."""
    nosig, prior_ch, zero = r["code"] == 0, r["prior_challenge"], zero_of(r["t0"])
    war = where(nosig, where(prior_ch, 1 - r["t0"], zero), r["war_semi"])
    chp = where(nosig, where(prior_ch, 1 + zero, zero), r["chp_signal"])
    return war, chp


def _package(r: dict) -> SignalEquilibrium:
    """One point's :class:`SignalEquilibrium` from :func:`_tying_hands` / :func:`_sinking_costs`."""
    kind = _KINDS[r["code"]]
    war, chp = _war_and_challenge(r)
    zero = 0 * r["t0"]
    if kind == "no signal":
        ch = 1 + zero if r["prior_challenge"] else zero
        return SignalEquilibrium(kind=kind, deterred=False, cutoff=None, war_probability=war,
                                 challenge_after_signal=None, challenge_after_no_signal=ch,
                                 challenge_probability=chp, fight_threshold=r["fight"])
    return SignalEquilibrium(
        kind=kind, deterred=bool(r["deterred"]), cutoff=r["cutoff"], war_probability=war,
        challenge_after_signal=r["sigma"], challenge_after_no_signal=None if kind == "pooling" else 1 + zero,
        challenge_probability=chp, fight_threshold=r["fight"],
    )


# ------------------------------------------------------------------ budgets -------------------


@dataclass(frozen=True)
class BudgetEquilibrium:
    """One PBE of the budget-signaling game.

    ``spend``: type -> probability of spending the budget; ``challenge``: observed message
    ("budget" / "no_budget") -> probability C challenges; ``beliefs``: message -> P(high);
    ``belief_sets``: off-path message -> (low, high) interval of supporting beliefs.
    """

    kind: str
    spend: dict
    challenge: dict
    beliefs: dict
    belief_sets: dict = field(default_factory=dict)


@dataclass(frozen=True)
class BudgetSignaling:
    b_star: Any
    wtp_high: Any
    wtp_low: Any
    prior_deters: bool
    separating_exists: bool
    equilibria: tuple


def _budget_values(**kw: Any) -> dict:
    v, exact = numbers(**kw)
    for k in ("budget", "value_high", "value_low", "cost_challenger"):
        check_range(k, v[k], 0)
    for k in ("cost_high", "cost_low"):
        if not v[k] > 0:
            raise GameError(f"{k}={v[k]} must be > 0 (the marginal cost of a defense budget)")
    check_prob("prior_high", v["prior_high"])
    check_prob("transparency", v["transparency"])
    if v["budget"] == 0:
        raise GameError("budget must be > 0 (a zero budget is no signal)")
    v["_T"] = tolerance(exact, *(x for k, x in v.items() if k != "budget"),
                        v["cost_high"] * v["budget"], v["cost_low"] * v["budget"])
    return v


def _budget_payoffs(v: dict):
    theta, rho, c_c = v["transparency"], v["prior_high"], v["cost_challenger"]
    d0 = v["_T"].gt(1 - rho * (1 + c_c), 0)  # C challenges on the prior alone (strictly better)
    w = {"high": v["value_high"], "low": v["value_low"]}
    k = {"high": v["cost_high"], "low": v["cost_low"]}

    def sender(t: str, msg: str, act: str) -> Any:
        spent = k[t] * v["budget"] if msg == "budget" else 0
        p_ch = theta * (1 if act == "challenge" else 0) + (1 - theta) * (1 if d0 else 0)
        return -spent - p_ch * w[t]

    def receiver(t: str, msg: str, act: str) -> Any:
        if act == "not":
            return 0 * c_c
        return -c_c if t == "high" else 1 + 0 * c_c

    return sender, receiver, d0


def budget_signaling_game(
    budget: Any = BUDGET.budget,
    prior_high: Any = BUDGET.prior_high,
    value_high: Any = BUDGET.value_high,
    value_low: Any = BUDGET.value_low,
    cost_high: Any = BUDGET.cost_high,
    cost_low: Any = BUDGET.cost_low,
    cost_challenger: Any = BUDGET.cost_challenger,
    transparency: Any = BUDGET.transparency,
):
    """The budget game as a :class:`gametheory.SignalingGame` (sender payoffs averaged over observation)."""
    import gametheory as gt

    v = _budget_values(budget=budget, prior_high=prior_high, value_high=value_high, value_low=value_low,
                       cost_high=cost_high, cost_low=cost_low, cost_challenger=cost_challenger,
                       transparency=transparency)
    f, g, _ = _budget_payoffs(v)
    return gt.SignalingGame(types=["high", "low"], prior=[v["prior_high"], 1 - v["prior_high"]],
                            messages=["no_budget", "budget"], actions=["challenge", "not"],
                            sender_payoff=f, receiver_payoff=g)


def budget_signaling(
    budget: Any = BUDGET.budget,
    prior_high: Any = BUDGET.prior_high,
    value_high: Any = BUDGET.value_high,
    value_low: Any = BUDGET.value_low,
    cost_high: Any = BUDGET.cost_high,
    cost_low: Any = BUDGET.cost_low,
    cost_challenger: Any = BUDGET.cost_challenger,
    transparency: Any = BUDGET.transparency,
) -> BudgetSignaling:
    """All pure PBE (by enumeration) and the semi-separating PBE of the budget game.

    See the module docstring for the model and the conditions.
    """
    v = _budget_values(budget=budget, prior_high=prior_high, value_high=value_high, value_low=value_low,
                       cost_high=cost_high, cost_low=cost_low, cost_challenger=cost_challenger,
                       transparency=transparency)
    f, g, d0 = _budget_payoffs(v)
    T = v["_T"]
    rho = v["prior_high"]
    prior = {"high": rho, "low": 1 - rho}
    types, msgs, acts = ("high", "low"), ("no_budget", "budget"), ("challenge", "not")
    zero = 0 * rho

    def r_val(mu: Any, m: str, a: str) -> Any:
        return mu * g("high", m, a) + (1 - mu) * g("low", m, a)

    eqs = []
    for strat in product(msgs, repeat=2):
        s = dict(zip(types, strat))
        for resp in product(acts, repeat=2):
            r = dict(zip(msgs, resp))
            # senders best respond
            if any(T.gt(max(f(t, m, r[m]) for m in msgs), f(t, s[t], r[s[t]])) for t in types):
                continue
            beliefs, bsets, ok = {}, {}, True
            for m in msgs:
                senders = [t for t in types if s[t] == m and prior[t] > 0]
                if senders:  # on path (a message sent only by zero-prior types is off path)
                    mass = sum(prior[t] for t in senders)
                    mu = (prior["high"] if "high" in senders else zero) / mass
                    beliefs[m] = mu
                    if T.gt(max(r_val(mu, m, a) for a in acts), r_val(mu, m, r[m])):
                        ok = False
                else:  # off path: the response must be a best reply to some belief (linear in mu)
                    good = [mu for mu in (zero, 1 + zero) if T.ge(r_val(mu, m, r[m]), max(r_val(mu, m, a) for a in acts))]
                    if not good:
                        ok = False
                    else:
                        # the supporting beliefs form an interval; find it exactly
                        other = "not" if r[m] == "challenge" else "challenge"
                        d_lo = r_val(zero, m, r[m]) - r_val(zero, m, other)
                        d_hi = r_val(1 + zero, m, r[m]) - r_val(1 + zero, m, other)
                        if T.ge(d_lo, 0) and T.ge(d_hi, 0):
                            iv = (zero, 1 + zero)
                        elif T.ge(d_lo, 0):
                            iv = (zero, d_lo / (d_lo - d_hi))
                        else:
                            iv = (d_lo / (d_lo - d_hi), 1 + zero)
                        bsets[m] = iv
                        beliefs[m] = iv[0] if r[m] == "challenge" else iv[1]
            if not ok:
                continue
            kind = "pooling" if s["high"] == s["low"] else "separating"
            eqs.append(BudgetEquilibrium(
                kind=kind, spend={t: 1 + zero if s[t] == "budget" else zero for t in types},
                challenge={m: 1 + zero if r[m] == "challenge" else zero for m in msgs},
                beliefs=beliefs, belief_sets=bsets,
            ))
    theta, c_c = v["transparency"], v["cost_challenger"]
    wtp_h = theta * v["value_high"] / v["cost_high"]
    wtp_l = theta * v["value_low"] / v["cost_low"]
    b = v["budget"]
    if d0 and T.gt(b, 0) and T.gt(wtp_l, b) and T.ge(wtp_h, wtp_l) and T.gt(c_c, 0) and T.gt(rho, 0):
        lam = rho * c_c / (1 - rho)
        if T.gt(1, lam):
            eqs.append(BudgetEquilibrium(
                kind="semi-separating", spend={"high": 1 + zero, "low": lam},
                challenge={"budget": 1 - v["cost_low"] * b / (theta * v["value_low"]), "no_budget": 1 + zero},
                beliefs={"budget": 1 / (1 + c_c), "no_budget": zero},
            ))
    sep = any(e.kind == "separating" and e.spend["high"] == 1 and e.spend["low"] == 0 for e in eqs)
    return BudgetSignaling(b_star=wtp_l, wtp_high=wtp_h, wtp_low=wtp_l, prior_deters=not d0,
                           separating_exists=sep, equilibria=tuple(eqs))


def _arrays(**kw: Any) -> dict:
    import numpy as np

    from ..checks import as_float_array

    arrs = {k: as_float_array(k, v) for k, v in kw.items()}
    try:
        b = np.broadcast_arrays(*arrs.values())
    except ValueError:
        raise GameError("parameter arrays do not broadcast to one shape") from None
    out = dict(zip(arrs, b))
    for k, v in out.items():
        if np.any(v < 0):
            raise GameError(f"{k} must be >= 0")
    return out


def tying_hands_map(audience_cost: Any, cost_defender: Any, cost_challenger: Any) -> dict:
    """Vectorized :func:`tying_hands` (floats): arrays ``kind_code`` (index into
    ("no signal", "pooling", "semi-separating", "separating")), ``deterred``, ``cutoff`` (NaN
    when nobody signals), ``war_probability``, ``challenge_probability``."""
    import numpy as np

    v = _arrays(audience_cost=audience_cost, cost_defender=cost_defender, cost_challenger=cost_challenger)
    return _map_columns(_tying_hands(v["audience_cost"], v["cost_defender"], v["cost_challenger"], exact=False))


def sinking_costs_map(signal_cost: Any, cost_defender: Any, cost_challenger: Any) -> dict:
    """Vectorized :func:`sinking_costs` (floats); same keys as :func:`tying_hands_map`."""
    import numpy as np

    v = _arrays(signal_cost=signal_cost, cost_defender=cost_defender, cost_challenger=cost_challenger)
    return _map_columns(_sinking_costs(v["signal_cost"], v["cost_defender"], v["cost_challenger"], exact=False))


def _map_columns(r: dict) -> dict:
    import numpy as np

    war, chp = _war_and_challenge(r)
    return {"kind_code": r["code"].astype(np.int8), "deterred": r["deterred"],
            "cutoff": np.where(r["code"] == 0, np.nan, r["cutoff"]), "war_probability": war,
            "challenge_probability": chp}
