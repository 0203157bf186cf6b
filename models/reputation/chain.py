"""The chain-store game with incomplete information: reputation for toughness (Kreps & Wilson 1982).

An incumbent meets N entrants in turn, one per period; each entrant stays out or enters, and
the incumbent fights or acquiesces in an entry.  With complete information the weak incumbent
acquiesces in every period (Selten's 1978 chain-store paradox).  Kreps & Wilson (1982) and
Milgrom & Roberts (1982) add a *tough* type, with prior probability p, for which fighting is
dominant; the weak type then fights early entrants to keep the entrants' belief (its
*reputation*) high.

Payoffs (Kreps & Wilson's normalization, kept throughout): the weak incumbent gets a > 1 in
a period without entry, 0 when it acquiesces and -1 when it fights; the tough incumbent gets a
without entry, 0 when it fights and -1 when it acquiesces (so it always fights); an entrant
gets b in (0, 1) when accommodated, b - 1 when fought and 0 when it stays out.

The sequential equilibrium, with k periods left (the current one included) and reputation
p_k (the entrants' belief that the incumbent is tough):

* the entrant stays out if p_k > b^k, enters if p_k < b^k, and at p_k = b^k enters with
  probability 1 - 1/a (which makes the weak type indifferent one period earlier);
* the weak type, after an entry, fights for sure if p_k >= b^(k-1); otherwise fights with
  the probability beta = p_k (1 - b^(k-1)) / ((1 - p_k) b^(k-1)) that lifts its reputation
  after a fight to exactly b^(k-1) (Bayes' rule); in the last period it acquiesces;
* beliefs: unchanged without entry, max(p_k, b^(k-1)) after a fight, 0 after acquiescence
  (and 0 forever once 0).

So entry is deterred while the reputation exceeds b^k: with a constant prior p the first
entrant to enter with positive probability is the one with k* periods left, the largest k
with b^k >= p.  The equilibrium is exact (Fractions) for exact input; float input compares
a belief with a threshold within :func:`gametheory.default_tol`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import gametheory as gt
from gametheory.errors import InvalidGameError

from .params import CHAIN_STORE

__all__ = [
    "ChainStore", "chain_store", "deterrence_thresholds", "entry_probability", "fight_probability",
    "posterior_after_fight", "MAX_PERIODS",
]

#: the largest number of periods accepted (the exact thresholds b^N grow with N)
MAX_PERIODS = 10_000


def _check_periods(periods: Any, what: str = "periods") -> int:
    if isinstance(periods, bool) or not isinstance(periods, int) and not (
            isinstance(periods, Fraction) and periods.denominator == 1):
        raise InvalidGameError(f"{what} must be a whole number of periods; got {periods!r}")
    n = int(periods)
    if not 1 <= n <= MAX_PERIODS:
        raise InvalidGameError(f"{what} must lie between 1 and {MAX_PERIODS}; got {n}")
    return n


def _check(belief: Any, entrant_gain: Any, incumbent_gain: Any = None) -> tuple[Any, Any, Any, Any]:
    named = {"prior_tough": belief, "entrant_gain": entrant_gain}
    if incumbent_gain is not None:
        named["incumbent_gain"] = incumbent_gain
    vals, exact = gt.as_numbers(named)
    p, b = vals["prior_tough"], vals["entrant_gain"]
    a = vals.get("incumbent_gain")
    if not 0 <= p <= 1:
        raise InvalidGameError(f"prior_tough (a probability) must lie in [0, 1]; got {belief!r}")
    if not 0 < b < 1:
        raise InvalidGameError(f"entrant_gain b must lie strictly between 0 and 1; got {entrant_gain!r}")
    if a is not None and not a > 1:
        raise InvalidGameError(f"incumbent_gain a must exceed 1 (Kreps & Wilson's normalization); got {incumbent_gain!r}")
    # an int 0 for exact input: Fraction + 0.0 would round the threshold to a float
    return p, b, a, (0 if exact else gt.default_tol(1))


def _compare(p: Any, t: Any, tol: Any) -> int:
    """-1, 0 or 1 as p is below, at or above t (within tol for floats)."""
    if p > t + tol:
        return 1
    if p < t - tol:
        return -1
    return 0


def deterrence_thresholds(periods: int, entrant_gain: Any) -> tuple:
    """The reputations b^k above which entry is deterred, for k = N, ..., 1 periods left.

    Parameters
    ----------
    periods : int
        N, the number of periods.
    entrant_gain : number
        b in (0, 1).

    Returns
    -------
    tuple
        ``(b^N, ..., b^1)``, first period first (Fractions for exact input).

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. Journal of
    Economic Theory 27, 253-279.

    Examples
    --------
    >>> from fractions import Fraction
    >>> deterrence_thresholds(3, Fraction(1, 2))
    (Fraction(1, 8), Fraction(1, 4), Fraction(1, 2))
    """
    n = _check_periods(periods)
    _, b, _, _ = _check(0, entrant_gain)
    return tuple(b**k for k in range(n, 0, -1))


def entry_probability(belief: Any, periods_left: int, entrant_gain: Any, incumbent_gain: Any) -> Any:
    """The entrant's equilibrium probability of entering at reputation ``belief`` with k periods left.

    0 above b^k, 1 below, and 1 - 1/a at b^k (Kreps & Wilson 1982).

    Parameters
    ----------
    belief : number
        The entrants' belief p_k that the incumbent is tough, in [0, 1].
    periods_left : int
        k, the periods left including the current one.
    entrant_gain, incumbent_gain : number
        b in (0, 1) and a > 1.

    Returns
    -------
    Fraction or float
        The probability of entry.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. Journal of
    Economic Theory 27, 253-279.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> entry_probability(F(1, 4), 2, F(1, 2), 2), entry_probability(F(1, 3), 2, F(1, 2), 2)
    (Fraction(1, 2), Fraction(0, 1))
    """
    k = _check_periods(periods_left, "periods_left")
    p, b, a, tol = _check(belief, entrant_gain, incumbent_gain)
    side = _compare(p, b**k, tol)
    one = a / a
    return 0 * one if side > 0 else one if side < 0 else 1 - 1 / a


def fight_probability(belief: Any, periods_left: int, entrant_gain: Any) -> Any:
    """The weak incumbent's equilibrium probability of fighting an entry at reputation ``belief``.

    0 in the last period; 1 if p_k >= b^(k-1); otherwise p_k (1 - b^(k-1)) / ((1 - p_k) b^(k-1)),
    which makes the posterior after a fight b^(k-1) (Kreps & Wilson 1982).

    Parameters
    ----------
    belief : number
        The reputation p_k in [0, 1].
    periods_left : int
        k, the periods left including the current one.
    entrant_gain : number
        b in (0, 1).

    Returns
    -------
    Fraction or float
        The weak type's probability of fighting.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. Journal of
    Economic Theory 27, 253-279.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> fight_probability(F(1, 4), 2, F(1, 2))   # (1/4)(1/2) / ((3/4)(1/2))
    Fraction(1, 3)
    """
    k = _check_periods(periods_left, "periods_left")
    p, b, _, tol = _check(belief, entrant_gain)
    one = b / b
    if k == 1:
        return 0 * one
    t = b ** (k - 1)
    if _compare(p, t, tol) >= 0:
        return one
    return p * (1 - t) / ((1 - p) * t)


def posterior_after_fight(belief: Any, periods_left: int, entrant_gain: Any) -> Any:
    """The reputation after the incumbent fights an entry: max(p_k, b^(k-1)) by Bayes' rule.

    1 in the last period (only the tough type fights there) and 0 once the reputation is 0.

    Parameters
    ----------
    belief : number
        The reputation p_k before the entry, in [0, 1].
    periods_left : int
        k, the periods left including the current one.
    entrant_gain : number
        b in (0, 1).

    Returns
    -------
    Fraction or float
        The posterior that the incumbent is tough.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. Journal of
    Economic Theory 27, 253-279.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> posterior_after_fight(F(1, 4), 2, F(1, 2))
    Fraction(1, 2)
    """
    k = _check_periods(periods_left, "periods_left")
    p, b, _, tol = _check(belief, entrant_gain)
    if p == 0:
        return p
    if k == 1:
        return b / b
    t = b ** (k - 1)
    return p if _compare(p, t, tol) >= 0 else t


@dataclass(frozen=True)
class ChainStore:
    """The sequential equilibrium of the chain-store game, period by period (first period first).

    ``thresholds``: b^k with k periods left; ``first_entry``: the 1-based period at which entry
    first has positive probability on the path where entrants have stayed out (None if never).
    The per-period tuples follow the *reputation path*: the path on which every entrant that
    enters with positive probability does and is fought (the reputation stays at the prior
    while entry is deterred, then rises to b^(k-1) after each fight).  ``reputation``: the
    belief at the start of each period; ``entry_probability``: the entrant's probability of
    entering; ``fight_probability``: the weak type's probability of fighting an entry;
    ``posterior_after_fight``: the belief after a fight.  ``weak_value`` and ``tough_value``
    are the two incumbent types' expected equilibrium payoffs over the whole game (the tough
    type's is a times its expected number of periods without entry).
    """

    periods: int
    prior_tough: Any
    entrant_gain: Any
    incumbent_gain: Any
    thresholds: tuple
    first_entry: int | None
    reputation: tuple
    entry_probability: tuple
    fight_probability: tuple
    posterior_after_fight: tuple
    weak_value: Any
    tough_value: Any

    @property
    def deterred_periods(self) -> int:
        """The number of opening periods in which entry is deterred for sure."""
        return self.periods if self.first_entry is None else self.first_entry - 1

    def rows(self) -> list[dict]:
        """One dict per period: the period, periods left and the per-period values."""
        return [
            {"period": t + 1, "periods_left": self.periods - t, "threshold": self.thresholds[t],
             "reputation": self.reputation[t], "entry_probability": self.entry_probability[t],
             "fight_probability": self.fight_probability[t],
             "posterior_after_fight": self.posterior_after_fight[t]}
            for t in range(self.periods)
        ]


def _tough_values(n: int, a: Any) -> tuple[list, list]:
    """T_j (reputation exactly b^j) and U_j (below b^j): the tough type's value with j periods left.

    The tough type fights every entry (payoff 0), so its value is a times the expected number
    of periods without entry."""
    zero = 0 * a
    T, U = [zero], [zero]
    for _ in range(n):
        T_next = (a + U[-1]) / a + (1 - 1 / a) * T[-1]  # out w.p. 1/a, else entry fought: reputation b^(j-1)
        U.append(T[-1])  # entry for sure, fought: reputation b^(j-1) next
        T.append(T_next)
    return T, U


def chain_store(periods: int = CHAIN_STORE.periods, prior_tough: Any = CHAIN_STORE.prior_tough,
                entrant_gain: Any = CHAIN_STORE.entrant_gain,
                incumbent_gain: Any = CHAIN_STORE.incumbent_gain) -> ChainStore:
    """The sequential equilibrium of the N-period chain-store game with a tough incumbent type.

    Kreps & Wilson's (1982) equilibrium (see the module docstring): entry is deterred while
    the reputation exceeds b^k with k periods left; the weak type mixes to keep the posterior
    after a fight at b^(k-1); the entrant at b^k enters with probability 1 - 1/a.  Payoffs:
    weak incumbent a > 1 if unchallenged, 0 if it acquiesces, -1 if it fights (the tough type:
    0 if it fights, -1 if it acquiesces); entrant b if accommodated, b - 1 if fought, 0 if out.

    Parameters
    ----------
    periods : int
        N >= 1, the number of entrants.
    prior_tough : number
        p in [0, 1], the prior that the incumbent is tough (p = 0 is Selten's paradox:
        entry in every period).
    entrant_gain : number
        b in (0, 1).
    incumbent_gain : number
        a > 1, the incumbent's payoff in a period without entry.

    Returns
    -------
    ChainStore
        ``thresholds`` (b^N, ..., b^1), ``first_entry`` (1-based, or None), the reputation
        path with the entry and fighting probabilities, and both types' values; Fractions
        for exact input.

    Raises
    ------
    InvalidGameError
        For periods outside 1..10000 or not whole, p outside [0, 1], b outside (0, 1) or a <= 1.

    References
    ----------
    Selten, R. (1978). The chain store paradox. Theory and Decision 9, 127-159.
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. Journal of
    Economic Theory 27, 253-279.
    Milgrom, P. & Roberts, J. (1982). Predation, reputation, and entry deterrence. Journal of
    Economic Theory 27, 280-312.

    Examples
    --------
    With b = 1/2 and p = 1/10 entry is deterred until b^k >= 1/10, i.e. k = 3 periods left:

    >>> from fractions import Fraction as F
    >>> from models import reputation
    >>> r = reputation.chain_store(5, F(1, 10), F(1, 2))
    >>> r.thresholds
    (Fraction(1, 32), Fraction(1, 16), Fraction(1, 8), Fraction(1, 4), Fraction(1, 2))
    >>> r.first_entry
    3
    >>> r.reputation
    (Fraction(1, 10), Fraction(1, 10), Fraction(1, 10), Fraction(1, 4), Fraction(1, 2))
    >>> r.fight_probability[2]   # (1/10)(3/4) / ((9/10)(1/4))
    Fraction(1, 3)
    """
    n = _check_periods(periods)
    p, b, a, tol = _check(prior_tough, entrant_gain, incumbent_gain)
    thresholds = tuple(b**k for k in range(n, 0, -1))
    reputation, entry, fight, post = [], [], [], []
    r = p
    first = None
    for t in range(n):
        k = n - t
        e = entry_probability(r, k, b, a)
        f = fight_probability(r, k, b)
        q = posterior_after_fight(r, k, b)
        reputation.append(r)
        entry.append(e)
        fight.append(f)
        post.append(q)
        if e > 0:
            if first is None:
                first = t + 1
            r = q  # the reputation path: this entry happens and is fought
    T, U = _tough_values(n, a)
    if first is None:
        weak, tough = a * n, a * n
    elif p == 0:  # a fight never restores a reputation of 0: every entrant enters
        weak, tough = 0 * a, 0 * a
    else:
        k0 = n - first + 1
        at = _compare(p, b**k0, tol) == 0 and p > 0
        weak = a * (first - 1) + (a / a if at else 0 * a)
        tough = a * (first - 1) + (T[k0] if at else U[k0])
    return ChainStore(n, p, b, a, thresholds, first, tuple(reputation), tuple(entry), tuple(fight), tuple(post),
                      weak, tough)
