"""A patron's reputation for alliance reliability, built and lost over a sequence of crises.

A patron faces N crises in turn, each a challenge to one of its proteges.  Its resolve is
private: it is *resolute* with prior probability p and then defends a challenged protege
with probability r_H; an *irresolute* patron defends with probability r_L < r_H.  Challengers
(and proteges) see the record -- how many proteges it defended and how many it abandoned --
and update by Bayes' rule (after Alt, Calvert & Humes 1988 on a hegemon's reputation, and
Sartori 2005 on reputations that are lost when a state is caught not following through).

A challenger gains v if the protege is abandoned and loses w if the patron defends, so it is
deterred when the credibility (the probability of defense it expects) is at least
v / (v + w) (ties keep the status quo).  A deterred crisis reveals nothing, so a reputation
that deters once deters every later challenger.  The patron gets a for each crisis deterred
and pays c for each defense.

Reported: the credibility before and after one abandonment (the effect of a reversal on the
next challenger), how many abandonments the reputation can take (``abandonments_to_lose``)
and how many defenses a weak one needs, and the *reputation premium*: what defending now
rather than abandoning is worth to the irresolute patron in the crises that follow (defending
pays when the premium exceeds c).  Exact for exact input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import gametheory as gt
from gametheory.errors import InvalidGameError

from .params import ALLIANCE_REPUTATION as _P

__all__ = ["AllianceReputation", "alliance_reputation", "record_posterior", "MAX_CRISES"]

#: the largest number of crises accepted (the values are a recursion over the records)
MAX_CRISES = 200
#: the longest record counted for ``abandonments_to_lose`` and ``defenses_to_deter``
MAX_STEPS = 100_000


def _numbers(**named: Any) -> dict:
    vals, _ = gt.as_numbers(named)
    return vals


def record_posterior(prior_resolute: Any, reliability_resolute: Any, reliability_irresolute: Any,
                     defended: int, abandoned: int) -> Any:
    """The probability that the patron is resolute after a record of defenses and abandonments.

    Bayes' rule: p r_H^d (1 - r_H)^f / (p r_H^d (1 - r_H)^f + (1 - p) r_L^d (1 - r_L)^f); the
    order of the record does not matter.

    Parameters
    ----------
    prior_resolute : number
        p in [0, 1].
    reliability_resolute, reliability_irresolute : number
        r_H and r_L in [0, 1].
    defended, abandoned : int
        d and f, the numbers of proteges defended and abandoned.

    Returns
    -------
    Fraction or float
        The posterior; :class:`~gametheory.errors.InvalidGameError` for a record that
        neither type could have (probability 0).

    References
    ----------
    Alt, J. E., Calvert, R. L. & Humes, B. D. (1988). Reputation and hegemonic stability: a
    game-theoretic analysis. American Political Science Review 82(2), 445-466.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> record_posterior(F(1, 2), F(9, 10), F(1, 2), 0, 1)   # one abandonment: (1/10) / (1/10 + 1/2)
    Fraction(1, 6)
    """
    v = _numbers(prior_resolute=prior_resolute, reliability_resolute=reliability_resolute,
                 reliability_irresolute=reliability_irresolute)
    p, rh, rl = v["prior_resolute"], v["reliability_resolute"], v["reliability_irresolute"]
    for name, x in (("prior_resolute", p), ("reliability_resolute", rh), ("reliability_irresolute", rl)):
        if not 0 <= x <= 1:
            raise InvalidGameError(f"{name} (a probability) must lie in [0, 1]; got {x!r}")
    for name, n in (("defended", defended), ("abandoned", abandoned)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidGameError(f"{name} must be a whole number >= 0; got {n!r}")
    hi = p * rh**defended * (1 - rh) ** abandoned
    lo = (1 - p) * rl**defended * (1 - rl) ** abandoned
    if hi + lo == 0:
        raise InvalidGameError(f"a record of {defended} defenses and {abandoned} abandonments has probability 0")
    return hi / (hi + lo)


@dataclass(frozen=True)
class AllianceReputation:
    """A patron's reputation for reliability (see :func:`alliance_reputation`).

    ``threshold``: v / (v + w), the credibility that deters a challenger; ``credibility``
    and ``deterred``: at the prior; ``credibility_after_abandonment`` /
    ``deterred_after_abandonment`` and ``..._after_defense``: for the next challenger after
    one abandonment or one defense; ``abandonments_to_lose``: the fewest abandonments after
    which challengers are no longer deterred (0 if the prior does not deter, None if no
    number does); ``defenses_to_deter``: the fewest defenses after which they are (0 if the
    prior deters, None if no number does); ``reputation_premium``: the irresolute patron's
    value of the remaining N - 1 crises after a defense minus after an abandonment;
    ``value_resolute`` / ``value_irresolute``: each type's expected payoff over the N crises.
    """

    threshold: Any
    credibility: Any
    deterred: bool
    credibility_after_abandonment: Any
    deterred_after_abandonment: bool
    credibility_after_defense: Any
    deterred_after_defense: bool
    abandonments_to_lose: int | None
    defenses_to_deter: int | None
    reputation_premium: Any
    value_resolute: Any
    value_irresolute: Any


def _first(pred: Any, limit: int) -> int | None:
    for n in range(limit + 1):
        if pred(n):
            return n
    return None


def alliance_reputation(
    crises: int = _P.crises,
    prior_resolute: Any = _P.prior_resolute,
    reliability_resolute: Any = _P.reliability_resolute,
    reliability_irresolute: Any = _P.reliability_irresolute,
    challenger_gain: Any = _P.challenger_gain,
    challenger_cost: Any = _P.challenger_cost,
    deterrence_value: Any = _P.deterrence_value,
    defense_cost: Any = _P.defense_cost,
) -> AllianceReputation:
    """Reputation for alliance reliability over N crises: deterrence, reversals and the premium.

    Challengers update on the patron's record by Bayes' rule (:func:`record_posterior`) and
    are deterred when the credibility mu r_H + (1 - mu) r_L is at least v / (v + w).  Since
    r_H > r_L, each defense raises and each abandonment lowers the credibility, toward r_L
    after many abandonments: a reputation is lost for good only if r_L < v / (v + w).

    Parameters
    ----------
    crises : int
        N in 1..200.
    prior_resolute : number
        p in (0, 1).
    reliability_resolute, reliability_irresolute : number
        r_H > r_L, the types' probabilities of defending a challenged protege.
    challenger_gain, challenger_cost : number
        v > 0 and w > 0.
    deterrence_value, defense_cost : number
        a > 0 per crisis deterred and c >= 0 per defense.

    Returns
    -------
    AllianceReputation
        Fractions for exact input.

    Raises
    ------
    InvalidGameError
        For a parameter outside its range, r_H <= r_L, or a record too long to count.

    References
    ----------
    Alt, J. E., Calvert, R. L. & Humes, B. D. (1988). Reputation and hegemonic stability: a
    game-theoretic analysis. American Political Science Review 82(2), 445-466.
    Sartori, A. E. (2005). Deterrence by Diplomacy. Princeton University Press.

    Examples
    --------
    >>> from fractions import Fraction as F

    An even prior, r_H = 9/10, r_L = 1/5, v = w = 1 (threshold 1/2): the prior deters, one
    abandonment does not survive, and defending is worth far more than its cost c = 1/2:

    >>> r = alliance_reputation(5, F(1, 2), F(9, 10), F(1, 5), 1, 1)
    >>> r.credibility, r.deterred
    (Fraction(11, 20), True)
    >>> r.credibility_after_abandonment, r.deterred_after_abandonment   # posterior 1/9
    (Fraction(5, 18), False)
    >>> r.abandonments_to_lose, r.reputation_premium
    (1, Fraction(539, 125))
    """
    if isinstance(crises, bool) or not isinstance(crises, int) or not 1 <= crises <= MAX_CRISES:
        raise InvalidGameError(f"crises must be a whole number between 1 and {MAX_CRISES}; got {crises!r}")
    vals, exact = gt.as_numbers({
        "prior_resolute": prior_resolute, "reliability_resolute": reliability_resolute,
        "reliability_irresolute": reliability_irresolute, "challenger_gain": challenger_gain,
        "challenger_cost": challenger_cost, "deterrence_value": deterrence_value, "defense_cost": defense_cost})
    p, rh, rl = vals["prior_resolute"], vals["reliability_resolute"], vals["reliability_irresolute"]
    v, w, a, c = vals["challenger_gain"], vals["challenger_cost"], vals["deterrence_value"], vals["defense_cost"]
    if not 0 < p < 1:
        raise InvalidGameError(f"prior_resolute must lie strictly between 0 and 1 (else there is no reputation to "
                               f"build or lose); got {p!r}")
    for name in ("reliability_resolute", "reliability_irresolute"):
        if not 0 <= vals[name] <= 1:
            raise InvalidGameError(f"{name} (a probability) must lie in [0, 1]; got {vals[name]!r}")
    if not rh > rl:
        raise InvalidGameError(f"reliability_resolute must exceed reliability_irresolute; got {rh} <= {rl}")
    for name in ("challenger_gain", "challenger_cost", "deterrence_value"):
        if not vals[name] > 0:
            raise InvalidGameError(f"{name} must be positive; got {vals[name]!r}")
    if not c >= 0:
        raise InvalidGameError(f"defense_cost must be >= 0; got {c!r}")
    t = v / (v + w)
    tol = 0 if exact else gt.default_tol(1)

    def mu(d: int, f: int) -> Any:
        hi = p * rh**d * (1 - rh) ** f
        lo = (1 - p) * rl**d * (1 - rl) ** f
        return hi / (hi + lo) if hi + lo else None  # None: a record neither type can have

    def cred(d: int, f: int) -> Any:
        m = mu(d, f)
        return None if m is None else m * rh + (1 - m) * rl

    def deters(d: int, f: int) -> bool:
        x = cred(d, f)
        return x is not None and x >= t - tol

    @lru_cache(maxsize=None)
    def value(d: int, f: int, k: int, r: Any) -> Any:
        """A type that defends with probability r: its payoff over k crises from record (d, f)."""
        if k == 0:
            return 0 * a
        if deters(d, f):
            return a * k  # no challenge, so no news: every later challenger is deterred too
        total = 0 * a
        if r > 0:
            total += r * (-c + value(d + 1, f, k - 1, r))
        if r < 1:
            total += (1 - r) * value(d, f + 1, k - 1, r)
        return total

    lose = None if rl >= t - tol else _count(lambda f: not deters(0, f), p, (1 - rh) / (1 - rl), t, rh, rl)
    # defenses push the posterior toward 1 without reaching it (unless r_L = 0): exact input needs r_H > t
    reachable = rh > t if exact and rl > 0 else rh >= t - tol
    need = None if not reachable else _count(lambda d: deters(d, 0), p, rh / rl if rl else None, t, rh, rl)
    premium = value(1, 0, crises - 1, rl) - value(0, 1, crises - 1, rl)
    return AllianceReputation(
        t, cred(0, 0), deters(0, 0), cred(0, 1), deters(0, 1), cred(1, 0), deters(1, 0), lose, need, premium,
        value(0, 0, crises, rh), value(0, 0, crises, rl),
    )


def _count(pred: Any, p: Any, ratio: Any, t: Any, rh: Any, rl: Any) -> int:
    """The fewest steps n >= 0 with ``pred(n)``, where each step multiplies the posterior odds by
    ``ratio`` (None: one step makes the posterior 1); it exists when called.

    A float estimate from the odds (log(target odds / prior odds) / log(ratio)) is corrected by
    exact steps, so a long record is not walked one step at a time."""
    n = 0
    if ratio is not None and 0 < ratio != 1 and not pred(0):
        m = (t - rl) / (rh - rl)  # the posterior at which the credibility is exactly the threshold
        try:
            est = math.log(float(m / (1 - m)) / float(p / (1 - p))) / math.log(float(ratio))
            n = max(0, int(est) - 1)
        except (ValueError, ZeroDivisionError, OverflowError):
            n = 0
        if n > MAX_STEPS:
            raise InvalidGameError(f"the record needs about {n} steps to cross the threshold; more than {MAX_STEPS} "
                                   "are not counted (reliabilities too close together)")
        while n > 0 and pred(n - 1):
            n -= 1
    while not pred(n):
        n += 1
        if n > MAX_STEPS:
            raise InvalidGameError(f"the record needs more than {MAX_STEPS} steps to cross the threshold "
                                   "(reliabilities too close together)")
    return n
