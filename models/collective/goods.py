"""Collective goods and burden sharing in alliances (Olson & Zeckhauser 1966).

Allies i = 1..n with incomes (GDP) I_i choose defence spending q_i >= 0 and consume
x_i = I_i - q_i; security is produced by an aggregation technology of all spending.

* Pure public good (Olson & Zeckhauser 1966; Bergstrom, Blume & Varian 1986): G = sum q_j;
  unique Nash equilibrium found by replacement functions (Cornes & Hartley 2007), see
  :mod:`gametheory.continuous`; contributors are the richest; with identical preferences the
  burden share q_i/I_i is weakly increasing in income (the exploitation hypothesis); G is below
  the Samuelson level; Lindahl prices and allocation.
* Impure public good / joint products (Sandler 1977; Murdoch & Sandler 1984):
  Z_i = q_i + phi sum_{j != i} q_j with spillover phi in [0, 1] (``spillover=phi``, or
  ``private_share=1 - phi``).  Exploitation weakens as private benefits grow.
* Aggregation technologies (Hirshleifer 1983): ``"sum"``, ``WeightedSum(weights)``,
  ``"weakest-link"`` (a continuum of equilibria, reported as an interval), ``"best-shot"`` (all
  pure equilibria: one provider each), ``CESBridging(r)`` with r <= 1, r != 0 (r < 0: toward the
  weakest link, with the all-zero equilibrium besides the positive one; Cornes 1993).
* Group size (Olson 1965), transfers and their neutrality (Warr 1983; BBV 1986), subsidy /
  matching schemes (Andreoni & Bergstrom 1996), threshold games and the volunteer's dilemma
  (Palfrey & Rosenthal 1984; Diekmann 1985), cost-sharing rules against Shapley/nucleolus/core
  (Littlechild & Owen 1973), NATO data and the exploitation test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

import gametheory as gt
from gametheory.continuous import (
    CES,
    AggregativeGame,
    CobbDouglas,
    Custom,
    Preference,
    PublicGoodsEquilibrium,
    PublicGoodsGame,
    QuasiLinear,
)
from gametheory.errors import GameError
from gametheory import is_exact_number, to_exact

from .params import GROUP_SIZE, OLSON_ZECKHAUSER

__all__ = [
    "CobbDouglas", "CES", "QuasiLinear", "Custom",
    "Summation", "WeightedSum", "WeakestLink", "BestShot", "CESBridging",
    "Alliance", "EquilibriumSet", "group_size", "stylized_incomes",
]


# ----------------------------------------------------------------------------------------
# aggregation technologies (Hirshleifer 1983)
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summation:
    """G = sum_j q_j."""

    name: str = "sum"


@dataclass(frozen=True)
class WeightedSum:
    """G = sum_j w_j q_j (w_j > 0: ally j's effectiveness)."""

    weights: tuple = ()
    name: str = "weighted"


@dataclass(frozen=True)
class WeakestLink:
    """G = min_j q_j."""

    name: str = "weakest-link"


@dataclass(frozen=True)
class BestShot:
    """G = max_j q_j."""

    name: str = "best-shot"


@dataclass(frozen=True)
class CESBridging:
    """G = (sum_j q_j^r)^(1/r), r <= 1, r != 0 (r = 1 is summation; r -> -inf the weakest link).

    ``nash()`` returns one equilibrium for 0 < r <= 1 and, for r < 0, an :class:`EquilibriumSet`
    (nobody contributes; the positive equilibrium)."""

    r: Any = Fraction(1, 2)
    name: str = "ces"


_AGG_NAMES = {"sum": Summation, "summation": Summation, "weakest-link": WeakestLink, "min": WeakestLink,
              "weakest": WeakestLink, "best-shot": BestShot, "max": BestShot, "best": BestShot}


def _aggregation(agg: Any, weights: Any) -> Any:
    if isinstance(agg, str):
        key = agg.lower().replace("_", "-")
        if key == "weighted":
            if weights is None:
                raise GameError("aggregation='weighted' needs weights=[...]")
            return WeightedSum(tuple(weights))
        if key in ("ces", "ces-bridging"):
            return CESBridging()
        if key not in _AGG_NAMES:
            raise GameError(f"unknown aggregation {agg!r}; use sum, weighted, weakest-link, best-shot or CESBridging(r)")
        return _AGG_NAMES[key]()
    if isinstance(agg, (Summation, WeightedSum, WeakestLink, BestShot, CESBridging)):
        return agg
    raise GameError(f"unknown aggregation {agg!r}")


# ----------------------------------------------------------------------------------------
# results for technologies with several equilibria
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class EquilibriumSet:
    """Several Nash equilibria: a continuum (weakest link) or a finite list (best shot).

    ``interval`` is (lowest, highest) common contribution for the weakest link, whose
    equilibria are all profiles with q_1 = ... = q_n = g for g in the interval.
    ``equilibria`` lists representative equilibria (weakest link: both ends; best shot: all).
    ``best`` is the Pareto-best equilibrium (highest G).
    """

    kind: str
    equilibria: tuple
    interval: tuple | None = None
    note: str = ""

    @property
    def best(self) -> PublicGoodsEquilibrium:
        return max(self.equilibria, key=lambda e: float(e.total))

    @property
    def total(self) -> Any:
        """The interval of totals (weakest link) or the tuple of totals (best shot)."""
        return self.interval if self.interval is not None else tuple(e.total for e in self.equilibria)

    @property
    def unique(self) -> bool:
        return False if self.interval is not None else len(self.equilibria) == 1

    def __len__(self) -> int:
        return len(self.equilibria)


# ----------------------------------------------------------------------------------------
# the alliance
# ----------------------------------------------------------------------------------------


def _exact_vec(values: Sequence[Any]) -> bool:
    return all(is_exact_number(v) for v in values)


class Alliance:
    """An alliance of n allies with incomes and preferences over (private goods, security).

    ``nash()``, ``pareto()``, ``lindahl()``, ``report()`` (per ally),
    ``transfer(giver, receiver, amount)`` (a new Alliance) and ``subsidized_nash(rate)``.

    Parameters
    ----------
    incomes : sequence
        Each ally's income (GDP), > 0; ints/Fractions give exact results where the
        model has a closed form.
    utility : Preference, optional
        ``CobbDouglas(alpha)`` (default alpha 1/2), ``CES``, ``QuasiLinear(values)`` or
        ``Custom(callable)``.
    spillover : number, optional
        ``phi`` in [0, 1] (default 1, the pure public good); ``Z_i = q_i + phi sum_{j != i} q_j``.
    aggregation : str or object
        ``"sum"`` (default), ``WeightedSum(weights)``, ``"weakest-link"``, ``"best-shot"``,
        ``CESBridging(r)``.
    weights : sequence, optional
        Weights of a weighted sum.
    private_share : number, optional
        ``1 - phi``, an alternative to ``spillover``.

    Raises
    ------
    InvalidGameError
        Non-positive incomes, a spillover outside [0, 1].
    GameError
        An unknown aggregation or inconsistent arguments.

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. REStat 48.
    Bergstrom, T., Blume, L. & Varian, H. (1986). On the private provision of public
    goods. J. Public Econ. 29.  Sandler, T. (1977). Impurity of defense. Kyklos 30.
    Hirshleifer, J. (1983). From weakest-link to best-shot. Public Choice 41.

    Examples
    --------
    The richest allies carry a disproportionate share of the burden (exploitation):

    >>> from fractions import Fraction as F
    >>> from models import collective_goods as cg
    >>> alliance = cg.Alliance(incomes=[10, 6, 2], utility=cg.CobbDouglas(alpha=F(1, 2)))
    >>> eq = alliance.nash()
    >>> eq.total, eq.burden_shares.tolist()
    (Fraction(16, 3), [Fraction(7, 15), Fraction(1, 9), Fraction(0, 1)])
    >>> alliance.pareto().total  # the Samuelson optimum
    Fraction(9, 1)
    """

    def __init__(self, incomes: Sequence[Any], utility: Preference | None = None, spillover: Any = None,
                 aggregation: Any = "sum", weights: Any = None, private_share: Any = None):
        if utility is None:
            utility = CobbDouglas(Fraction(1, 2))
        if not isinstance(utility, Preference):
            raise GameError("utility must be CobbDouglas(...), CES(...), QuasiLinear(...) or Custom(fn)")
        if spillover is not None and private_share is not None:
            raise GameError("give spillover or private_share, not both (spillover = 1 - private_share)")
        if private_share is not None:
            if isinstance(private_share, (bool, np.bool_)):
                raise GameError("private_share must be a number")
            spillover = 1 - (to_exact(private_share) if is_exact_number(private_share) else float(private_share))
            if not 0 <= spillover <= 1:
                raise GameError(f"private_share must lie in [0, 1], got {private_share}")
        self.spillover = 1 if spillover is None else spillover
        self.aggregation = _aggregation(aggregation, weights)
        if isinstance(self.aggregation, WeightedSum):
            weights = list(self.aggregation.weights)
        elif weights is not None:
            raise GameError("weights are only used with aggregation='weighted'")
        self.utility = utility
        self.weights = weights
        self._incomes_in = incomes
        # the summation game validates incomes, preferences and the spillover in every case
        self.game = PublicGoodsGame(incomes, utility, spillover=self.spillover, weights=weights)
        self.n = self.game.n
        if not isinstance(self.aggregation, (Summation, WeightedSum)) and self.game.phi != 1:
            raise GameError("spillovers (phi < 1) are modelled for summation technologies only")
        if isinstance(self.aggregation, CESBridging):
            r = self.aggregation.r
            if isinstance(r, (bool, np.bool_)) or not math.isfinite(float(r)) or float(r) == 0 or float(r) > 1:
                raise GameError(f"CES bridging needs r <= 1 and r != 0 (finite), got r={r} "
                                "(r > 1: use best-shot; r -> -inf: use weakest-link)")

    @property
    def incomes(self) -> np.ndarray:
        g = self.game
        return np.array(g.incomes_exact, dtype=object) if g.exact else g.incomes

    @property
    def exact(self) -> bool:
        return self.game.exact

    def __repr__(self) -> str:
        return (f"Alliance(n={self.n}, utility={self.utility!r}, spillover={self.spillover}, "
                f"aggregation={self.aggregation.name})")

    # -- Nash ------------------------------------------------------------------------------
    def nash(self, method: str = "replacement") -> PublicGoodsEquilibrium | EquilibriumSet:
        """The Nash equilibrium (summation: unique, by replacement functions); a set for the
        weakest link (interval) and best shot (all pure equilibria)."""
        agg = self.aggregation
        if isinstance(agg, (Summation, WeightedSum)):
            return self.game.nash(method=method)
        if isinstance(agg, WeakestLink):
            return self._weakest_link()
        if isinstance(agg, BestShot):
            return self._best_shot()
        r = float(agg.r)
        return self._ces_bridging(r) if r > 0 else self._ces_weaker_link(r)

    def stand_alone(self) -> np.ndarray:
        """Each ally's contribution if it alone produced security: argmax_q U_i(I_i - q, q)."""
        g = self.game
        pref = g.pref
        if isinstance(pref, CobbDouglas) and g.exact:
            return np.array([(1 - a) * I for a, I in zip(pref.exact_alphas, g.incomes_exact)], dtype=object)
        I = g.incomes
        lo = np.zeros(g.n)
        hi = I.copy()
        for _ in range(200):  # MRS(I - q, q) - 1 decreases in q for normal goods
            mid = (lo + hi) / 2
            with np.errstate(all="ignore"):
                d = pref.mrs(I - mid, mid) - 1.0
            d = np.where(np.isnan(d), 1.0, d)
            up = d > 0
            lo = np.where(up, mid, lo)
            hi = np.where(up, hi, mid)
        return (lo + hi) / 2

    def _profile(self, q: Any, total: Any, method: str, unique: bool = False, note: str = "") -> PublicGoodsEquilibrium:
        exact = self.exact and all(is_exact_number(v) for v in np.atleast_1d(q))
        q = np.array(list(q), dtype=object) if exact else np.asarray(q, float)
        inc = self.incomes if exact else np.asarray(self.game.incomes, float)
        return PublicGoodsEquilibrium(total, q, inc, "nash", method, exact, unique, None, note)

    def _weakest_link(self) -> EquilibriumSet:
        qhat = self.stand_alone()
        high = min(qhat)
        zero = Fraction(0) if self.exact else 0.0
        top = self._profile([high] * self.n, high, "weakest-link")
        if self.n == 1:  # a lone ally is no weakest link: it chooses its stand-alone level
            return EquilibriumSet("weakest-link", (top,), (high, high), "one ally: its stand-alone level")
        bottom = self._profile([zero] * self.n, zero, "weakest-link")
        note = ("every profile q_1 = ... = q_n = g with 0 <= g <= min_i q_hat_i is a Nash equilibrium "
                "(q_hat_i: ally i's stand-alone level); no other profile is")
        return EquilibriumSet("weakest-link", (bottom, top), (zero, high), note)

    def _best_shot(self) -> EquilibriumSet:
        qhat = self.stand_alone()
        qf = np.asarray(qhat, float)
        I = self.game.incomes
        pref = self.game.pref
        with np.errstate(all="ignore"):
            own = pref.utility(I - qf, qf)  # what ally i gets providing its own level
        eqs = []
        zero = Fraction(0) if self.exact else 0.0
        for j in range(self.n):
            G = qf[j]
            with np.errstate(all="ignore"):
                ride = pref.utility(I, np.full(self.n, G))
            # ally i would outbid only if its own stand-alone level is higher and pays off
            outbid = (qf > G) & (own > ride * (1 + 1e-12) + 1e-300)
            outbid[j] = False
            if not outbid.any():
                q = [zero] * self.n
                q[j] = qhat[j]
                eqs.append(self._profile(q, qhat[j], "best-shot"))
        note = "pure equilibria: exactly one ally provides its stand-alone level and no other ally prefers to outbid it"
        return EquilibriumSet("best-shot", tuple(eqs), None, note)

    def _ces_bridging(self, r: float) -> PublicGoodsEquilibrium:
        # actions y_i = q_i^r make the aggregate S = sum y_i linear: an aggregative game in y
        I = np.asarray(self.game.incomes, float)
        pref = self.game.pref

        def payoff(y, S):
            y = np.asarray(y, float)
            q = np.power(np.maximum(y, 0), 1 / r)
            Ib = I if y.ndim == 1 else I.reshape(-1, *[1] * (y.ndim - 1))
            return pref.utility(Ib - q, np.power(np.maximum(S, 0), 1 / r))

        def marginal(y, S):
            y = np.asarray(y, float)
            q = np.power(np.maximum(y, 0), 1 / r)
            with np.errstate(all="ignore"):
                m = pref.mrs(I - q, np.power(S, 1 / r))
                d = m * np.power(S, 1 / r - 1) - np.power(y, 1 / r - 1)
            return np.where(np.isnan(d), -np.inf, d)

        use_marginal = None if isinstance(pref, Custom) else marginal
        game = AggregativeGame(payoff, np.power(I, r), marginal=use_marginal)
        eq = game.nash(method="replacement", check=False)
        q = np.power(eq.actions, 1 / r)
        G = float(np.sum(eq.actions) ** (1 / r))
        return self._profile(q, G, f"ces-bridging(r={r})", unique=True)

    def _ces_weaker_link(self, r: float) -> EquilibriumSet:
        """CES bridging with r < 0, between summation and the weakest link (Hirshleifer 1983;
        Cornes 1993).  A zero contribution makes G = 0, so ``q = 0`` for all is an equilibrium
        (n >= 2).  In the positive one G <= q_i <= I_i and ally i's first-order condition is
        ``MRS_i(I_i - q_i, G) (q_i / G)^(r - 1) = 1`` (dG/dq_i = (q_i/G)^(r-1)); its left side
        falls in q_i, giving the replacement q_i(G) (= G when the condition is <= 1 already at
        q_i = G), and the equilibrium G solves ``sum_i (q_i(G) / G)^r = 1`` (brentq).  With
        concave U (Cobb-Douglas, CES) the payoff is concave in q_i, so the FOC is a best reply."""
        I = np.asarray(self.game.incomes, float)
        pref = self.game.pref

        def foc(q, G):
            with np.errstate(all="ignore"):
                d = pref.mrs(I - q, np.full(self.n, G)) * np.power(q / G, r - 1) - 1.0
            return np.where(np.isnan(d), -1.0, d)

        def repl(G):
            lo = np.full(self.n, G)
            hi = I.copy()
            corner = foc(lo, G) <= 0
            for _ in range(200):
                mid = (lo + hi) / 2
                up = foc(mid, G) > 0
                lo = np.where(up, mid, lo)
                hi = np.where(up, hi, mid)
                if np.all(hi - lo <= 4 * np.finfo(float).eps * hi):
                    break
            return np.where(corner, G, (lo + hi) / 2)

        def h(G):
            return float(np.sum(np.power(repl(G) / G, r))) - 1.0

        gmax = float(I.min())
        if self.n == 1 or h(gmax) <= 0:  # one ally: G = q, an ordinary stand-alone choice
            G = gmax if self.n > 1 else float(self.stand_alone()[0])
        else:
            glo = gmax * 1e-3
            while h(glo) >= 0 and glo > gmax * 1e-300:
                glo *= 1e-3
            G = optimize.brentq(h, glo, gmax, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
        q = repl(G) if self.n > 1 else np.array([G])
        top = self._profile(q, self.aggregate(q), f"ces-bridging(r={r})")
        if self.n == 1:
            return EquilibriumSet("ces-bridging", (top,), None, "one ally: its stand-alone level")
        zero = Fraction(0) if self.exact else 0.0
        bottom = self._profile([zero] * self.n, zero, f"ces-bridging(r={r})")
        note = ("r < 0: nobody contributing is an equilibrium (one zero makes G = 0); the other listed "
                "equilibrium, from the replacement function, has every ally contributing")
        return EquilibriumSet("ces-bridging", (bottom, top), None, note)

    def aggregate(self, q: Any) -> float:
        """G for a contribution profile under this alliance's technology."""
        q = np.asarray(q, float)
        agg = self.aggregation
        if isinstance(agg, Summation):
            return float(q.sum())
        if isinstance(agg, WeightedSum):
            return float(np.asarray(self.game.weights) @ q)
        if isinstance(agg, WeakestLink):
            return float(q.min())
        if isinstance(agg, BestShot):
            return float(q.max())
        r = float(agg.r)
        return float(np.sum(q**r) ** (1 / r))

    def _aggregate_if(self, q: np.ndarray, d: np.ndarray) -> np.ndarray:
        """G when ally i alone changes its contribution to d[i, k] (others as in q)."""
        agg = self.aggregation
        n = self.n
        others = np.array([np.delete(q, i) for i in range(n)]) if n > 1 else np.zeros((1, 0))
        if isinstance(agg, WeakestLink):
            rest = others.min(axis=1, initial=np.inf)
            return np.minimum(rest[:, None], d)
        if isinstance(agg, BestShot):
            rest = others.max(axis=1, initial=0.0)
            return np.maximum(rest[:, None], d)
        r = float(agg.r)
        rest = np.sum(others**r, axis=1)
        return (rest[:, None] + d**r) ** (1 / r)

    def regret(self, q: Any, grid: int = 801) -> np.ndarray:
        """Each ally's largest gain from a unilateral deviation (grid over [0, I_i] plus local
        refinement), under this alliance's technology and spillover: an independent check."""
        q = np.asarray(q, float)
        g = self.game
        if isinstance(self.aggregation, (Summation, WeightedSum)):
            return g.regret(q, grid)
        I = g.incomes
        with np.errstate(all="ignore"):
            base = g.pref.utility(I - q, np.full(self.n, self.aggregate(q)))
            d = I[:, None] * np.linspace(0.0, 1.0, grid)[None, :]
            vals = g.pref.utility(I[:, None] - d, self._aggregate_if(q, d))
        out = np.zeros(self.n)
        for i in range(self.n):
            k = int(np.nanargmax(vals[i]))
            best = vals[i, k]
            a, b = d[i, max(k - 1, 0)], d[i, min(k + 1, grid - 1)]
            if b > a:
                def neg(x, i=i):
                    dd = np.zeros((self.n, 1))
                    dd[i, 0] = x
                    with np.errstate(all="ignore"):
                        return -float(g.pref.utility(I[:, None] - dd, self._aggregate_if(q, dd))[i, 0])
                res = optimize.minimize_scalar(neg, bounds=(a, b), method="bounded")
                best = max(best, -res.fun)
            out[i] = max(0.0, float(best) - float(base[i]))
        return out

    # -- efficiency --------------------------------------------------------------------------
    def pareto(self, shares: Any = None) -> PublicGoodsEquilibrium:
        """Samuelson optimum along a cost-share rule q_i = s_i T (default: income shares for
        summation and CES bridging, equal shares for the weakest link, the richest ally alone
        for the best shot): ``sum_i MRS_i(I_i - s_i T, f(s) T) f(s) = 1`` with G = f(s) T."""
        agg = self.aggregation
        if isinstance(agg, Summation):
            return self.game.pareto(shares)
        if isinstance(agg, WeightedSum):
            raise GameError("the Pareto benchmark is implemented for unweighted technologies")
        g = self.game
        exact = self.exact
        if shares is None:
            if isinstance(agg, WeakestLink):
                s = [Fraction(1, self.n)] * self.n
            elif isinstance(agg, BestShot):
                j = int(np.argmax(g.incomes))
                s = [Fraction(int(i == j)) for i in range(self.n)]
            else:
                s = [I / sum(g.incomes_exact) for I in g.incomes_exact] if exact else list(g.incomes / g.incomes.sum())
        else:
            s = list(shares)
            if len(s) != self.n or any(float(x) < 0 for x in s) or abs(float(sum(s)) - 1) > 1e-12:
                raise GameError("cost shares must be n nonnegative numbers summing to 1")
        exact = exact and all(is_exact_number(x) for x in s)
        if isinstance(agg, WeakestLink):
            f = min(s)
        elif isinstance(agg, BestShot):
            f = max(s)
        else:
            r = agg.r
            f = float(sum(float(x) ** float(r) for x in s) ** (1 / float(r)))
            exact = False
        pref = g.pref
        if isinstance(pref, CobbDouglas) and exact:
            k = [(1 - a) / a for a in pref.exact_alphas]
            T = sum(ki * I for ki, I in zip(k, g.incomes_exact)) / (1 + sum(ki * Fraction(si) for ki, si in zip(k, s)))
            q = np.array([Fraction(si) * T for si in s], dtype=object)
            G = f * T
        else:
            sf = np.array([float(x) for x in s])
            ff = float(f)
            I = g.incomes

            def h(T):
                with np.errstate(all="ignore"):
                    return float(np.sum(pref.mrs(I - sf * T, np.full(self.n, ff * T)))) * ff - 1.0

            Tmax = float(np.min(np.where(sf > 0, I / np.where(sf > 0, sf, 1), np.inf)))
            T = optimize.brentq(h, Tmax * 1e-12, Tmax * (1 - 1e-12), xtol=1e-300, rtol=1e-14)
            q = sf * T
            G = ff * T
            exact = False
        inc = self.incomes if exact else np.asarray(g.incomes, float)
        return PublicGoodsEquilibrium(G, q, inc, "pareto", f"samuelson-{agg.name}", exact)

    def lindahl(self) -> PublicGoodsEquilibrium:
        """Lindahl equilibrium (pure public good, summation only)."""
        if not isinstance(self.aggregation, Summation):
            raise GameError("the Lindahl equilibrium is defined here for summation (pure public good) only")
        return self.game.lindahl()

    # -- per-ally report ----------------------------------------------------------------------
    def report(self) -> pd.DataFrame:
        """One row per ally: income, Nash contribution, burden share, benchmark (Lindahl where
        defined, else Pareto) contribution, free-riding gap = benchmark - Nash, contributes."""
        eq = self.nash()
        if isinstance(eq, EquilibriumSet):
            eq = eq.best
        try:
            bench, bname = self.lindahl(), "lindahl"
        except GameError:
            bench, bname = self.pareto(), "pareto"
        try:
            pareto = self.pareto() if bname == "lindahl" else bench
        except GameError:
            pareto = None
        q = list(eq.contributions)
        rows = []
        for i in range(self.n):
            rows.append({
                "ally": i,
                "income": self.incomes[i],
                "contribution": q[i],
                "burden_share": eq.burden_shares[i],
                "pareto_contribution": None if pareto is None else pareto.contributions[i],
                f"{bname}_contribution": bench.contributions[i],
                "free_riding_gap": bench.contributions[i] - q[i],
                "contributes": bool(q[i] > 0),
            })
        df = pd.DataFrame(rows)
        df.attrs.update({"nash_total": eq.total, f"{bname}_total": bench.total, "benchmark": bname})
        return df

    # -- policies --------------------------------------------------------------------------------
    def transfer(self, giver: int, receiver: int, amount: Any) -> "Alliance":
        """A new alliance after ``amount`` of income moves from ``giver`` to ``receiver``
        (defence aid, credits).  Neutral (Warr 1983; BBV 1986) when both contribute before and
        after and the contributor set is unchanged."""
        for who, nm in ((giver, "giver"), (receiver, "receiver")):
            if isinstance(who, (bool, np.bool_)) or not isinstance(who, (int, np.integer)) or not 0 <= who < self.n:
                raise GameError(f"{nm} must be an ally index in 0..{self.n - 1}, got {who!r}")
        if giver == receiver:
            raise GameError("giver and receiver must differ")
        if isinstance(amount, (bool, np.bool_)):
            raise GameError("amount must be a number")
        inc = list(self.incomes)
        if amount < 0:
            raise GameError("the transfer amount must be nonnegative (swap giver and receiver)")
        if amount >= inc[giver]:
            raise GameError(f"the giver's income {inc[giver]} does not cover a transfer of {amount}")
        inc[giver] = inc[giver] - amount
        inc[receiver] = inc[receiver] + amount
        if not self.exact:
            inc = [float(v) for v in inc]
        agg = self.aggregation
        return Alliance(inc, self.utility, spillover=self.spillover, aggregation=agg)

    def subsidized_nash(self, rate: Any, financing: str = "external") -> PublicGoodsEquilibrium:
        """Nash equilibrium when every unit an ally contributes is matched at ``rate`` (each
        unit of own spending buys 1 + rate units of security).  ``financing="external"``: a
        patron pays the match; ``"income"``: the match is financed by lump-sum taxes in
        proportion to income, which allies take as given (Andreoni & Bergstrom 1996).
        Pure public good (summation, phi = 1) with Cobb-Douglas or CES preferences."""
        if not isinstance(self.aggregation, Summation) or self.game.phi != 1:
            raise GameError("matching schemes are implemented for the pure public good (summation, spillover 1)")
        pref = self.game.pref
        if not pref.homothetic:
            raise GameError("matching schemes are implemented for Cobb-Douglas and CES preferences")
        if isinstance(rate, (bool, np.bool_)) or float(rate) < 0:
            raise GameError("the matching rate must be a nonnegative number")
        if financing not in ("external", "income"):
            raise GameError("financing must be 'external' or 'income'")
        g = self.game
        exact = self.exact and is_exact_number(rate) and pref.ratio_exact([Fraction(1)] * self.n) is not None
        w = (1 + to_exact(rate)) if exact else 1 + float(rate)
        # security bought per unit: w; FOC MRS = 1/w gives Z = m x; with lump-sum tax
        # tau_i = theta_i * rate * (own-funded total), incomes fall linearly in G.
        if exact:
            m = pref.ratio_exact([1 / w] * self.n)
            inc = g.incomes_exact
            tot = sum(inc)
            theta = [I / tot for I in inc] if financing == "income" else [Fraction(0)] * self.n
            # G = w * sum q; x_i = I_i - tau_i - q_i, tau_i = theta_i * (w - 1) * G / w
            A = [w * mi * I / mi for mi, I in zip(m, inc)]
            B = [w * (1 / mi + th * (w - 1) / w) for mi, th in zip(m, theta)]
            G = gt_solve_linear(A, B, True)
            q = [max(a - b * G, Fraction(0)) / w for a, b in zip(A, B)]
            res_q = np.array(q, dtype=object)
            incomes = np.array(inc, dtype=object)
        else:
            m = pref.ratio(np.full(self.n, 1 / float(w)))
            inc = g.incomes
            theta = inc / inc.sum() if financing == "income" else np.zeros(self.n)
            A = float(w) * inc
            B = float(w) * (1 / m + theta * (float(w) - 1) / float(w))
            G = gt_solve_linear(A, B, False)
            res_q = np.maximum(A - B * G, 0) / float(w)
            incomes = inc
        return PublicGoodsEquilibrium(G, res_q, incomes, "nash", f"matching(rate={rate}, {financing})", exact,
                                      params={"rate": rate, "financing": financing})


def gt_solve_linear(A, B, exact):
    from gametheory.continuous import solve_piecewise_linear

    return solve_piecewise_linear(A, B, None, exact=exact)


# ----------------------------------------------------------------------------------------
# group size, stylized alliances
# ----------------------------------------------------------------------------------------


def stylized_incomes(n: int = OLSON_ZECKHAUSER.n, spread: Any = 2) -> list:
    """Incomes of a stylized alliance: ally k (k = 0..n-1) has income spread^(-k) relative to
    the largest (1, 1/2, 1/4, ... for spread 2), scaled so the largest is 100."""
    if isinstance(n, (bool, np.bool_)) or int(n) != n or n < 1:
        raise GameError("n must be a positive integer")
    if isinstance(spread, (bool, np.bool_)) or not float(spread) >= 1:
        raise GameError("spread must be at least 1")
    s = to_exact(spread) if is_exact_number(spread) else float(spread)
    return [100 / s**k if isinstance(s, float) else Fraction(100) / s**k for k in range(int(n))]


def group_size(sizes: Sequence[int] = (1, 2, 3, 5, 10, 20, 50), utility: Preference | None = None,
               income: Any = GROUP_SIZE.income) -> pd.DataFrame:
    """Olson (1965): n identical allies; Nash total, per-capita contribution, Samuelson total and
    the ratio Nash/Pareto for each n (Cobb-Douglas: 1 / (1 + (n-1) a); default a = 1/2)."""
    utility = utility or CobbDouglas(GROUP_SIZE.alpha)
    rows = []
    for n in sizes:
        if isinstance(n, (bool, np.bool_)) or int(n) != n or n < 1:
            raise GameError("group sizes must be positive integers")
        a = Alliance([income] * int(n), utility)
        eq = a.nash()
        p = a.pareto()
        rows.append({"n": int(n), "nash_total": eq.total, "per_capita": eq.total / int(n), "pareto_total": p.total,
                     "provision_ratio": eq.total / p.total, "underprovision": p.total - eq.total})
    return pd.DataFrame(rows)


_NO_RANK_VARIATION = "burden shares all equal: Spearman rho undefined, reported as 0"


def _exploitation(eq: PublicGoodsEquilibrium) -> dict:
    """How much the large exploit the small in one Nash equilibrium (Olson & Zeckhauser 1966).

    ``exploitation_ratio`` (the headline, cardinal): the largest ally's burden share q/I divided
    by the alliance's aggregate burden sum(q)/sum(I); 1 means burdens proportional to income, 2
    means the largest ally carries twice the average burden.  It falls as private benefits grow
    (lower spillover phi; Sandler 1977; Murdoch & Sandler 1984) and equals 1 at phi = 0.
    ``largest_ally_share``: the largest ally's share of total spending.
    ``rho_burden_income``: Spearman rank correlation of income and burden share, the statistic
    of O&Z's cross-country test.  It is ORDINAL: any strictly increasing burden profile gives 1
    however mild the exploitation, and ties at zero lower it, so it does not measure the degree
    of exploitation across parameters.  Undefined without variation; then 0 with ``rho_note``.
    """
    inc = np.asarray(eq.incomes, float)
    bs = np.asarray(eq.burden_shares, float)
    big = int(np.argmax(inc))
    q = eq.contributions
    total_q, total_i = sum(q), sum(eq.incomes)
    ratio = (q[big] / eq.incomes[big]) / (total_q / total_i)
    if not eq.exact:
        ratio = float(ratio)
    note = ""
    if len(inc) < 2 or np.all(bs == bs[0]) or np.all(inc == inc[0]):
        rho = 0.0
        note = _NO_RANK_VARIATION if len(inc) >= 2 else "one ally: Spearman rho undefined, reported as 0"
    else:
        rho = float(stats.spearmanr(inc, bs).statistic)
    share = q[big] / total_q
    if not eq.exact:
        share = float(share)
    return {"exploitation_ratio": ratio, "largest_ally_share": share,
            "rho_burden_income": rho, "rho_note": note}
