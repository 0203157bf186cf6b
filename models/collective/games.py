"""Binary-contribution games and alliance cost sharing (part of :mod:`models.collective`).

* Threshold (step-level) public goods (Palfrey & Rosenthal 1984): n allies each decide to
  contribute (cost c) or not; the good, worth v to every ally, is provided iff at least k
  contribute; contributions are not refunded.  Pure equilibria: nobody contributes (k >= 2) and
  every profile with exactly k contributors (c < v).  Symmetric mixed equilibria: the p in
  (0, 1) with ``c = v C(n-1, k-1) p^(k-1) (1-p)^(n-k)`` (a contributor is pivotal).
* Volunteer's dilemma (Diekmann 1985): k = 1; ``p* = 1 - (c/v)^(1/(n-1))`` and the
  probability that nobody volunteers, ``(c/v)^(n/(n-1))``, rises with n.
* Alliance cost sharing: common-funding rules (by GDP, equal, by benefit) against the
  Shapley value (Littlechild & Owen 1973 closed form), nucleolus and core of the airport-type
  cost game ``c(S) = max_{i in S} r_i`` of a shared system built to the largest requirement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import pandas as pd
import sympy

import gametheory as gt
from gametheory.cooperative import AirportGame
from gametheory.errors import GameError
from gametheory import as_number, is_exact_number, to_exact

from .params import THRESHOLD, VOLUNTEERS

__all__ = [
    "VolunteersDilemma",
    "volunteers_dilemma",
    "volunteers_dilemma_many",
    "simulate_volunteers",
    "ThresholdGame",
    "threshold_game",
    "cost_sharing",
]


def _num(x: Any, name: str) -> Any:
    return as_number(x, name)


def _int(x: Any, name: str, low: int) -> int:
    if isinstance(x, (bool, np.bool_)) or int(x) != x or x < low:
        raise GameError(f"{name} must be an integer >= {low}, got {x!r}")
    return int(x)


def _exact_root(q: Fraction, k: int) -> Fraction | None:
    """The rational k-th root of q >= 0 if it exists."""
    def iroot(m: int) -> int | None:
        if m <= 1:
            return m
        if m.bit_length() <= k:  # 2^k > m: no integer root >= 2 (and no 2^(10^9) power tried)
            return None
        r = round(m ** (1.0 / k))
        for c in (r - 1, r, r + 1):
            if c >= 0 and c**k == m:
                return c
        return None

    a, b = iroot(q.numerator), iroot(q.denominator)
    return None if a is None or b is None else Fraction(a, b)


@dataclass(frozen=True)
class VolunteersDilemma:
    """Diekmann's (1985) volunteer's dilemma: the symmetric mixed equilibrium and the pure ones."""

    n: int
    benefit: Any
    cost: Any
    p: Any  # probability that each ally volunteers in the symmetric mixed equilibrium
    p_nobody: Any  # probability that nobody volunteers
    payoff: Any  # each ally's expected payoff in the mixed equilibrium (= benefit - cost)
    exact: bool
    pure: Sequence[int] = ()  # pure equilibria: exactly one volunteer (its index); a lazy range

    def game(self) -> "gt.NormalFormGame":
        """The n-player normal form (strategy 0 = volunteer, 1 = abstain), n <= 10."""
        if self.n > 10:
            raise GameError("the normal form has 2^n cells; build it for n <= 10")
        v, c, n = self.benefit, self.cost, self.n
        shape = (2,) * n
        arrays = [np.empty(shape, dtype=object if self.exact else float) for _ in range(n)]
        for idx in np.ndindex(*shape):
            someone = any(s == 0 for s in idx)
            for i in range(n):
                arrays[i][idx] = (v - c) if idx[i] == 0 else (v if someone else 0 * v)
        return gt.NormalFormGame(arrays)

    def profile(self) -> list:
        return [[self.p, 1 - self.p] for _ in range(self.n)]


def volunteers_dilemma(n: int = VOLUNTEERS.n, benefit: Any = VOLUNTEERS.benefit,
                       cost: Any = VOLUNTEERS.cost) -> VolunteersDilemma:
    """The volunteer's dilemma: the symmetric mixed equilibrium.

    Each of ``n`` allies volunteers with probability ``p* = 1 - (c/v)^(1/(n-1))``; the
    good is provided if anyone volunteers.

    Parameters
    ----------
    n : int
        Number of allies, >= 2.
    benefit : number
        Value of the good to each ally, ``v > 0``.
    cost : number
        Cost of volunteering, ``0 < c < v``.

    Returns
    -------
    VolunteersDilemma
        ``.p`` (symmetric mixed), ``.p_nobody`` (probability nobody volunteers),
        ``.payoff``; exact Fractions when the root is rational.

    Raises
    ------
    GameError
        ``n < 2`` or not ``0 < cost < benefit``.

    References
    ----------
    Diekmann, A. (1985). Volunteer's dilemma. Journal of Conflict Resolution 29.

    Examples
    --------
    >>> from models import collective_goods as cg
    >>> vd = cg.volunteers_dilemma(n=3, benefit=4, cost=1)
    >>> vd.p, vd.p_nobody
    (Fraction(1, 2), Fraction(1, 8))
    """
    n = _int(n, "n", 2)
    v = _num(benefit, "benefit")
    c = _num(cost, "cost")
    if not 0 < c < v:
        raise GameError(f"the volunteer's dilemma needs 0 < cost < benefit, got cost={cost}, benefit={benefit}")
    exact = isinstance(v, Fraction) and isinstance(c, Fraction)
    root = _exact_root(c / v, n - 1) if exact else None
    if root is not None:
        p = 1 - root
        p_nobody = root**n
    else:
        exact = False
        v, c = float(v), float(c)
        p, p_nobody = (float(x) for x in _vd_float(n, v, c))
    # range, not tuple: n may be 10^9 allies
    return VolunteersDilemma(n, v, c, p, p_nobody, v - c, exact, range(n))


def volunteers_dilemma_many(n: Any, benefit: Any, cost: Any) -> dict:
    """Vectorized twin of :func:`volunteers_dilemma` over arrays (floats)."""
    n = np.asarray(n, float)
    v = np.asarray(benefit, float)
    c = np.asarray(cost, float)
    n, v, c = np.broadcast_arrays(n, v, c)
    if np.any(n < 2) or np.any(n != np.round(n)):
        raise GameError("n must be an integer >= 2")
    if np.any(c <= 0) or np.any(c >= v):
        raise GameError("the volunteer's dilemma needs 0 < cost < benefit")
    p, p_nobody = _vd_float(n, v, c)
    return {"p": p, "p_nobody": p_nobody, "payoff": v - c, "pure_equilibria": n.astype(int)}


def _vd_float(n: Any, v: Any, c: Any) -> tuple:
    """The volunteer's dilemma in floats, for one point or a grid: (p*, P(nobody volunteers)).

    The exact path of :func:`volunteers_dilemma` takes rational roots instead (a float
    formula cannot know that (1/8)^(1/3) is 1/2); tests/test_fast_paths_agree.py ties the two.
    """
    r = (c / v) ** (1.0 / (n - 1))
    return -np.expm1(np.log(c / v) / (n - 1)), r**n  # 1 - r without cancellation at large n


def simulate_volunteers(n: int, p: float, trials: int = 200_000, seed: int = 0) -> dict:
    """Monte Carlo of the mixed profile: frequency that nobody volunteers and each player's
    mean gain from deviating to volunteer / abstain, by seeded sampling."""
    rng = np.random.default_rng(seed)
    others = rng.random((trials, n - 1)) < float(p)
    someone_else = others.any(axis=1)
    me = rng.random(trials) < float(p)
    return {
        "p_nobody": float(np.mean(~(someone_else | me))),
        "p_someone_else": float(np.mean(someone_else)),
    }


@dataclass(frozen=True)
class ThresholdGame:
    """Palfrey & Rosenthal (1984) threshold game: all pure and symmetric mixed equilibria."""

    n: int
    k: int
    cost: Any
    value: Any
    pure: tuple  # (description, number of contributors, count of such profiles)
    mixed: tuple  # symmetric mixed equilibria: probabilities p in (0, 1)
    exact: bool
    mixed_exact: tuple = field(default=())  # sympy expressions of the mixed p

    def provision_probability(self, p: Any) -> float:
        """P(at least k of n contribute) when each contributes with probability p."""
        from scipy.stats import binom

        return float(binom.sf(self.k - 1, self.n, float(p)))

    def equilibria(self) -> list[dict]:
        rows = []
        for desc, m, count in self.pure:
            rows.append({"kind": "pure", "profile": desc, "contributors": m, "profiles": count, "p": None,
                         "provision_probability": 1.0 if m >= self.k else 0.0})
        for p in self.mixed:
            rows.append({"kind": "symmetric mixed", "profile": f"each contributes with p = {p if isinstance(p, Fraction) else format(p, '.6g')}", "contributors": None,
                         "profiles": 1, "p": p, "provision_probability": self.provision_probability(p)})
        return rows


def threshold_game(n: int = THRESHOLD.n, k: int = THRESHOLD.k, cost: Any = THRESHOLD.cost,
                   value: Any = THRESHOLD.value) -> ThresholdGame:
    """Threshold public good: the good is provided when at least ``k`` of ``n`` allies contribute.

    Pure equilibria and every symmetric mixed equilibrium (roots of
    ``v C(n-1,k-1) p^(k-1)(1-p)^(n-k) = c`` in (0, 1), found exactly with sympy;
    Fractions when rational, else floats).

    Parameters
    ----------
    n : int
        Number of allies.
    k : int
        Contributions needed, ``1 <= k <= n``.
    cost : number
        Cost of contributing, > 0.
    value : number
        Value of the good to each ally, > 0.

    Returns
    -------
    ThresholdGame
        ``.pure`` (descriptions of the pure equilibria), ``.mixed`` (the symmetric mixed
        probabilities), ``.mixed_exact`` (sympy roots).

    Raises
    ------
    GameError
        ``k > n`` or non-positive cost or value.

    References
    ----------
    Palfrey, T. & Rosenthal, H. (1984). Participation and the provision of discrete
    public goods. J. Public Econ. 24.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models import collective_goods as cg
    >>> tg = cg.threshold_game(n=3, k=2, cost=Fraction(1, 4), value=1)
    >>> [name for name, *_ in tg.pure]
    ['nobody contributes', 'exactly 2 contribute']
    >>> tg.mixed_exact
    (1/2 - sqrt(2)/4, sqrt(2)/4 + 1/2)
    """
    n = _int(n, "n", 1)
    k = _int(k, "k", 1)
    if k > n:
        raise GameError(f"threshold k={k} exceeds the number of allies n={n}")
    c = _num(cost, "cost")
    v = _num(value, "value")
    if c <= 0 or v <= 0:
        raise GameError("cost and value must be positive")
    exact = isinstance(c, Fraction) and isinstance(v, Fraction)
    pure = []
    # nobody: a lone deviator is pivotal only when k = 1, and then gains v - c
    if k >= 2 or c >= v:
        pure.append(("nobody contributes" + (" (weak: joining gains v - c = 0)" if k == 1 and c == v else ""), 0, 1))
    # exactly k: each contributor is pivotal and keeps v - c >= 0; more than k is never stable
    if c <= v:
        pure.append((f"exactly {k} contribute" + (" (weak: contributors indifferent)" if c == v else ""), k, math.comb(n, k)))
    mixed, mixed_ex = [], []
    if n >= 2:
        P = sympy.symbols("p")
        cs = sympy.Rational(c.numerator, c.denominator) if isinstance(c, Fraction) else sympy.nsimplify(c)
        vs = sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else sympy.nsimplify(v)
        poly = sympy.Poly(vs * math.comb(n - 1, k - 1) * P ** (k - 1) * (1 - P) ** (n - k) - cs, P)
        # multiple=False: a double root (tangency, e.g. 2p(1 - p) = 1/2) is one equilibrium
        for r, _mult in poly.real_roots(multiple=False):
            if 0 < r < 1:
                mixed_ex.append(r)
                if exact and r.is_Rational:
                    mixed.append(Fraction(int(r.p), int(r.q)))
                else:
                    mixed.append(float(r.evalf(30)))
    return ThresholdGame(n, k, c, v, tuple(pure), tuple(mixed), exact, tuple(mixed_ex))


def cost_sharing(requirements: Sequence[Any], gdp: Sequence[Any] | None = None, benefits: Sequence[Any] | None = None,
                 players: Sequence[Any] | None = None) -> pd.DataFrame:
    """Common-funding rules against cooperative solutions of the alliance cost game.

    The cost game is the airport game ``c(S) = max_{i in S} requirements_i`` (a shared system
    sized for the most demanding member; Littlechild & Owen 1973).  Rules: ``by_gdp``
    (NATO-style common funding by GNI/GDP share), ``equal``, ``by_benefit`` (proportional to
    ``benefits``, default the requirements), ``shapley``, ``nucleolus``; the last rows say
    whether each allocation lies in the core (``in_core``).
    """
    reqs = list(requirements)
    n = len(reqs)
    if n == 0:
        raise GameError("the alliance is empty")
    for r in reqs:
        if _num(r, "requirement") < 0:
            raise GameError("requirements must be nonnegative")
    names = list(players) if players is not None else [f"ally {i + 1}" for i in range(n)]
    game = AirportGame(reqs, names)
    total = game(frozenset(names))
    exact = all(is_exact_number(r) for r in reqs)

    def shares(w, what):
        w = list(w)
        if len(w) != n:
            raise GameError(f"{what} has {len(w)} entries for {n} allies")
        if any(_num(x, what) < 0 for x in w) or sum(w) <= 0:
            raise GameError(f"{what} must be nonnegative with a positive sum")
        tot = sum(w)
        if exact and all(is_exact_number(x) for x in w):
            return [Fraction(total) * to_exact(x) / to_exact(tot) for x in w]
        return [float(total) * float(x) / float(tot) for x in w]

    rules = {
        "by_gdp": shares(gdp if gdp is not None else [1] * n, "gdp"),
        "equal": shares([1] * n, "equal"),
        "by_benefit": shares(benefits if benefits is not None else reqs, "benefits"),
        "shapley": list(gt.shapley_value(names, game).values()),
        "nucleolus": list(gt.nucleolus(names, game).values()),
    }
    df = pd.DataFrame(rules, index=names)
    df.index.name = "ally"
    df["requirement"] = reqs
    core = {r: gt.in_core(names, game, vals) for r, vals in rules.items()}
    df.attrs["in_core"] = core
    df.attrs["total_cost"] = total
    return df
