"""The public-goods (alliance) economy: voluntary contributions with spillovers, and the Nash,
Samuelson/Pareto and Lindahl allocations (private module; re-exported by
:mod:`gametheory.continuous`).

Sources: Olson & Zeckhauser (1966); Sandler (1977); Bergstrom, Blume & Varian (1986);
Samuelson (1954); Lindahl (1919).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Mapping

import numpy as np
from scipy import optimize

from ._aggregative import AggregativeGame, setup_validated
from ._inputs import _col, _numbers, _per_player, _scalar
from ._piecewise import solve_piecewise_linear
from ._utilities import CES, CobbDouglas, Custom, Preference, QuasiLinear
from ..equilibrium import Result, add_column
from ..errors import GameError, InvalidGameError


@dataclass(frozen=True, eq=False)
class PublicGoodsEquilibrium(Result):
    """An allocation of a public-goods economy (Nash, Pareto or Lindahl).

    Attributes
    ----------
    total
        The public good G.
    contributions, incomes : numpy.ndarray
        Per ally (object arrays of Fractions when ``exact``); ``private`` is
        ``incomes - contributions`` and ``burden_shares`` is ``contributions / incomes``.
    contributors
        The indices with a strictly positive contribution.
    concept : str
        "nash", "pareto" or "lindahl".
    method : str
        How it was computed.
    exact : bool
        Whether the numbers are exact.
    unique : bool
        Whether the equilibrium is unique.
    prices : numpy.ndarray or None
        Lindahl prices.

    strategies, payoffs, tol, game
        The result convention (:class:`gametheory.equilibrium.Result`): ``strategies`` the
        contributions as a tuple, ``payoffs`` each ally's utility at the allocation (floats:
        utilities are generally irrational even when the allocation is exact), ``tol`` the
        solver tolerance, ``game`` the :class:`PublicGoodsGame`.

    ``to_row()``: ``concept``, ``total``, ``"contribution <i>"`` and ``"payoff <i>"`` per ally
    (numbered from 1), ``contributors``, ``unique``, ``method``, ``exact``.

    References
    ----------
    Bergstrom, T., Blume, L. & Varian, H. (1986). J. Public Econ. 29.  Lindahl, E. (1919).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.continuous import CobbDouglas, PublicGoodsGame
    >>> game = PublicGoodsGame([10, 6, 2], CobbDouglas(Fraction(1, 2)))
    >>> game.nash().private.tolist()
    [Fraction(16, 3), Fraction(16, 3), Fraction(2, 1)]
    >>> game.lindahl().prices.tolist()
    [Fraction(5, 9), Fraction(1, 3), Fraction(1, 9)]
    """

    total: Any
    contributions: np.ndarray
    incomes: np.ndarray
    concept: str
    method: str
    exact: bool
    unique: bool = True
    prices: np.ndarray | None = None
    note: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    game: Any = field(default=None, repr=False)
    tol: float = 0.0

    @property
    def strategies(self) -> tuple:
        return tuple(self.contributions.tolist())

    @cached_property
    def payoffs(self) -> tuple:  # type: ignore[override]
        """Each ally's utility at the allocation (empty without a game)."""
        if self.game is None:
            return ()
        q = np.asarray(self.contributions, dtype=float)
        return tuple(float(u) for u in self.game.payoff(q, np.full(len(q), float(self.total))))

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"concept": self.concept, "total": self.total}
        for i, q in enumerate(self.strategies):
            add_column(row, f"contribution {i + 1}", q)
        for i, u in enumerate(self.payoffs):
            add_column(row, f"payoff {i + 1}", u)
        row["contributors"] = self.n_contributors
        row["unique"] = bool(self.unique)
        return self.finish_row(row)

    @property
    def private(self) -> np.ndarray:
        """Private consumption x_i = I_i - q_i."""
        return self.incomes - self.contributions

    @property
    def burden_shares(self) -> np.ndarray:
        """q_i / I_i (the defence burden: spending as a share of income)."""
        return self.contributions / self.incomes

    @property
    def contributors(self) -> np.ndarray:
        return np.flatnonzero(np.asarray(self.contributions > 0, dtype=bool))

    @property
    def n_contributors(self) -> int:
        return int(np.count_nonzero(np.asarray(self.contributions > 0, dtype=bool)))

    def __repr__(self) -> str:
        n = len(self.contributions)
        shown = list(self.contributions[:6])
        more = ", ..." if n > 6 else ""
        return (
            f"PublicGoodsEquilibrium({self.concept}, total={self.total}, contributions={shown}{more}, "
            f"contributors={self.n_contributors}/{n}, method={self.method!r}, exact={self.exact})"
        )


class PublicGoodsGame(AggregativeGame):
    """Voluntary contributions to a (pure or impure) public good.

    Ally i has income ``I_i > 0``, contributes ``q_i`` in [0, I_i], consumes
    ``x_i = I_i - q_i`` and enjoys ``Z_i = (1 - phi) w_i q_i + phi G`` with
    ``G = sum_j w_j q_j``.  :meth:`nash` (replacement functions), :meth:`pareto`
    (Samuelson) and :meth:`lindahl` solve it.

    Parameters
    ----------
    incomes : sequence
        ``I_i > 0``; ints/Fractions give exact closed-form solutions.
    utility : Preference
        :class:`CobbDouglas`, :class:`CES`, :class:`QuasiLinear` or :class:`Custom`.
    spillover : number
        ``phi`` in [0, 1]; 1 (default) is the pure public good.
    weights : sequence, optional
        ``w_i`` (default 1).

    Raises
    ------
    InvalidGameError
        Non-positive incomes, a spillover outside [0, 1], weights of the wrong length.

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. REStat 48.
    Bergstrom, T., Blume, L. & Varian, H. (1986). On the private provision of public
    goods. J. Public Econ. 29.  Sandler, T. (1977). Impurity of defense. Kyklos 30.
    Murdoch, J. & Sandler, T. (1984). J. Public Econ. 25.  Cornes, R. & Hartley, R.
    (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.continuous import CobbDouglas, PublicGoodsGame
    >>> game = PublicGoodsGame([10, 6, 2], CobbDouglas(Fraction(1, 2)))
    >>> eq = game.nash()
    >>> eq.total, eq.contributions.tolist(), [int(i) for i in eq.contributors]
    (Fraction(16, 3), [Fraction(14, 3), Fraction(2, 3), Fraction(0, 1)], [0, 1])
    >>> game.pareto().total  # the Samuelson level is higher
    Fraction(9, 1)
    """

    def __init__(self, incomes: Any, utility: Preference, spillover: Any = 1, weights: Any = None):
        ex, inc = _numbers(incomes, "incomes")
        n = inc.size
        if n == 0:
            raise InvalidGameError("the alliance is empty: give at least one income")
        if not inc.min() > 0:  # one reduction; the offending entry is located only on failure
            bad = int(np.flatnonzero(inc <= 0)[0])
            raise InvalidGameError(f"incomes must be positive; income {bad} is {inc[bad]}")
        if not isinstance(utility, Preference):
            raise InvalidGameError("utility must be CobbDouglas(...), CES(...), QuasiLinear(...) or Custom(fn)")
        self.pref = utility.bind(n)
        phi_ex, phi = _scalar(spillover, "spillover")
        if not 0 <= phi <= 1:
            raise InvalidGameError(f"spillover phi must lie in [0, 1], got {spillover}")
        w_ex = None
        self._unit_weights = weights is None
        if weights is None:
            w = np.broadcast_to(1.0, (n,))  # a read-only view: no n-element array of ones
            w_ex = [Fraction(1)] * n if ex is not None else None
        else:
            w_ex, w = _per_player(weights, n, "weights")
            if not w.min() > 0:
                raise InvalidGameError("aggregation weights must be positive")
        self.incomes_exact = ex
        self.phi, self.phi_exact = phi, phi_ex
        self.weights_exact = w_ex
        self.exact = ex is not None and phi_ex is not None and w_ex is not None and self.pref.exact
        pref, self_phi = self.pref, phi

        def payoff(q, G):
            q = np.asarray(q, float)
            return pref.utility(_col(inc, q) - q, (1 - self_phi) * _col(w, q) * q + self_phi * G)

        setup_validated(self, payoff, inc, w, None, None)  # inc and w are validated above
        self.incomes = inc
        if isinstance(self.pref, Custom):
            self._check_increasing()

    def _check_increasing(self) -> None:
        I = self.incomes
        t = np.linspace(0.05, 1.0, 8)
        x = I[:, None] * t[None, :]
        z = (I.max() * t)[None, :] * np.ones_like(x)
        u = self.pref.utility(x, z)
        ux = u - self.pref.utility(x * (1 - 1e-4), z)  # backward: x = I is the top of the budget set
        uz = self.pref.utility(x, z + 1e-4 * (1 + z)) - u
        if not np.all(np.isfinite(u)):
            raise InvalidGameError("the utility is not finite at some positive (x, Z)")
        if np.any(ux <= 0) or np.any(uz <= 0):
            which = "private consumption" if np.any(ux <= 0) else "security"
            raise InvalidGameError(f"the utility must increase in both goods; it does not increase in {which}")

    # -- closed forms -----------------------------------------------------------------------
    def _linear(self, exact: bool):
        """(A, B, U) of the piecewise-linear replacement functions in G units, or None."""
        pref = self.pref
        if pref.homothetic:
            if exact:
                m = pref.ratio_exact([1 / w for w in self.weights_exact])
                if m is None:
                    return None
                phi = self.phi_exact
                A, B = [], []
                for mi, wi, Ii in zip(m, self.weights_exact, self.incomes_exact):
                    den = mi + (1 - phi) * wi
                    A.append(wi * mi * Ii / den)
                    B.append(wi * phi / den)
                return A, B, None
            if self._unit_weights and self.phi == 1:
                # r_i = I_i - G / m_i; with one alpha the slope is one number for every ally
                m = pref.ratio(1.0)
                return self.incomes, (np.divide(1.0, m, out=m) if isinstance(m, np.ndarray) else 1.0 / m), None
            m = pref.ratio(1 / self.weights)
            if self.phi == 1:  # pure public good: r_i = w_i I_i - (w_i / m_i) G
                return self.weights * self.incomes, self.weights / m, None
            den = m + (1 - self.phi) * self.weights
            return self.weights * m * self.incomes / den, self.weights * self.phi / den, None
        if isinstance(pref, QuasiLinear) and self.phi < 1:
            if exact:
                phi = self.phi_exact
                A = [b * w / (1 - phi) for b, w in zip(pref.exact_values, self.weights_exact)]
                B = [phi / (1 - phi)] * self.n
                U = [w * I for w, I in zip(self.weights_exact, self.incomes_exact)]
                return A, B, U
            return pref.values * self.weights / (1 - self.phi), np.full(self.n, self.phi / (1 - self.phi)), self.weights * self.incomes
        return None

    def marginal(self, q: Any, G: Any) -> np.ndarray:
        """w_i MRS_i - 1: the marginal payoff of q_i divided by U_x > 0 (same sign, same roots)."""
        if isinstance(self.pref, Custom):
            return super().marginal(q, G)
        q = np.asarray(q, float)
        w = _col(self.weights, q)
        x = _col(self.incomes, q) - q
        z = (1 - self.phi) * w * q + self.phi * np.asarray(G, float)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = w * self.pref.mrs(x, z) - 1.0
        # at x = 0 or Z = 0 the MRS is 0/0 or infinite: the sign follows the limit
        return np.where(np.isnan(d), np.where(z <= 0, np.inf, -np.inf), d)

    def replacement(self, G: float) -> np.ndarray:
        lin = self._linear(False)
        if lin is not None:
            A, B, U = lin
            v = A - B * G
            if U is not None:
                v = np.minimum(v, U)
            return np.maximum(v, 0.0) / self.weights
        return super().replacement(G)

    def nash(self, method: str = "replacement", start: Any = None, tol: float = 1e-12, **kw: Any) -> PublicGoodsEquilibrium:  # type: ignore[override]
        """The Nash equilibrium (unique: BBV 1986; Cornes & Hartley 2007).

        Closed-form replacement functions for Cobb-Douglas, CES and quasi-linear utility
        (exact with exact inputs), numerical ones for a Custom utility.  ``method="root"`` or
        ``"best-response"`` use the generic solvers of :class:`AggregativeGame` instead.
        """
        if method != "replacement":
            eq = AggregativeGame.nash(self, method=method, start=start, tol=tol, check=False, **kw)
            return self._result(eq.actions, "nash", f"aggregative-{method}", False)
        if isinstance(self.pref, QuasiLinear) and self.phi == 1:
            return self._nash_quasilinear_pure()
        exact = self.exact
        lin = self._linear(exact)
        if lin is None and exact:  # a CES root that is irrational only at a weighted price
            exact = False
            lin = self._linear(False)
        note = ""
        if isinstance(self.pref, CES) and self.pref.exact_alphas is not None and self.pref.exact_rho is not None:
            note = ("exact: the CES ratio ((1 - a)/a)^(1/(1 - rho)) is rational" if exact else
                    "floats: the CES ratio ((1 - a)/a)^(1/(1 - rho)) is irrational")
        if lin is not None:
            A, B, U = lin
            G = solve_piecewise_linear(A, B, U, exact=exact)
            if exact:
                q = []
                for a, b, u, w in zip(A, B, U or [None] * self.n, self.weights_exact):
                    v = a - b * G
                    v = v if (u is None or v < u) else u
                    q.append(max(v, Fraction(0)) / w)
                return self._result(np.array(q, dtype=object), "nash", "replacement-exact", True, total=G, note=note)
            v = np.multiply(B, G, out=np.empty(np.shape(A)))  # A - B G: one new array, updated in place
            np.subtract(A, v, out=v)
            if U is not None:
                np.minimum(v, U, out=v)
            q = np.maximum(v, 0.0, out=v)
            if not self._unit_weights:
                q /= self.weights
            total = float(q.sum()) if self._unit_weights else float(self.weights @ q)
            return self._result(q, "nash", "replacement-closed-form", False, total=total, note=note)
        q, G = self.replacement_nash(tol)
        return self._result(q, "nash", "replacement-numerical", False, total=float(self.weights @ q))

    def _nash_quasilinear_pure(self) -> PublicGoodsEquilibrium:
        """x + b ln G, phi = 1: each ally wants the total g_i = b_i w_i; contributions are a
        correspondence, so the total is unique but the split among allies with the same
        g_i = G* is not."""
        exact = self.exact
        if exact:
            g = [b * w for b, w in zip(self.pref.exact_values, self.weights_exact)]
            cap = [w * I for w, I in zip(self.weights_exact, self.incomes_exact)]
            zero = Fraction(0)
        else:
            g = list(self.pref.values * self.weights)
            cap = list(self.weights * self.incomes)
            zero = 0.0
        order = sorted(range(self.n), key=lambda i: -g[i])
        above = zero  # sum of caps of allies whose g exceeds the candidate level
        k = 0
        G = None
        while k < self.n:
            level = g[order[k]]
            tie = [order[j] for j in range(k, self.n) if g[order[j]] == level]
            if above >= level:  # the allies above already supply more than this ally wants
                G = above
                break
            if above + sum(cap[i] for i in tie) >= level:
                G = level
                break
            above += sum(cap[i] for i in tie)
            k += len(tie)
        if G is None:
            G = above
        r = [zero] * self.n
        share_left = G
        tied = []
        for i in order:
            if g[i] > G:
                r[i] = cap[i]
                share_left -= cap[i]
            elif g[i] == G:
                tied.append(i)
        unique = len(tied) <= 1 or share_left == 0
        if tied and share_left > 0:
            tot = sum(cap[i] for i in tied)
            for i in tied:
                r[i] = share_left * cap[i] / tot
        if exact:
            q = np.array([ri / w for ri, w in zip(r, self.weights_exact)], dtype=object)
        else:
            q = np.array(r, float) / self.weights
        note = "" if unique else (
            f"{len(tied)} allies want exactly G = {G}; any split of their {share_left} among them is an equilibrium "
            "(shown: proportional to capacity)")
        return self._result(q, "nash", "quasi-linear-correspondence", exact, total=G, unique=unique, note=note)

    def _result(self, q, concept, method, exact, total=None, unique=True, prices=None, note="", **params):
        inc = np.array(self.incomes_exact, dtype=object) if exact else self.incomes
        if total is None:
            total = sum(w * qi for w, qi in zip(self.weights_exact, q)) if exact else float(self.weights @ q)
        return PublicGoodsEquilibrium(total, q, inc, concept, method, exact, unique, prices, note, params, game=self)

    # -- efficiency benchmarks -------------------------------------------------------------
    def _need_unweighted(self, what: str) -> None:
        if np.any(self.weights != 1):
            raise GameError(f"{what} is implemented for unweighted summation (all weights 1)")

    def pareto(self, shares: Any = None) -> PublicGoodsEquilibrium:
        """Samuelson (1954) optimum along the cost-share rule ``q_i = s_i G`` (default: shares
        proportional to income): ``sum_i MRS_i(x_i, Z_i) dZ_i/dG = 1`` with
        ``dZ_i/dG = (1 - phi) s_i + phi`` (= 1 for a pure public good)."""
        self._need_unweighted("the Pareto optimum")
        exact = self.exact
        if shares is None:
            if exact:
                tot = sum(self.incomes_exact)
                s_ex = [I / tot for I in self.incomes_exact]
            else:
                s_ex = None
            s = self.incomes / self.incomes.sum()
        else:
            s_ex, s = _per_player(shares, self.n, "shares")
            if np.any(s < 0) or abs(s.sum() - 1) > 1e-12:
                raise GameError("cost shares must be nonnegative and sum to 1")
            if s_ex is not None and sum(s_ex) != 1:
                raise GameError("cost shares must sum to 1")
            exact = exact and s_ex is not None
        pref = self.pref
        if isinstance(pref, CobbDouglas):
            # sum_i k_i (I_i - s_i G)/G = 1 for every phi (Z_i = c_i G cancels dZ_i/dG)
            if exact:
                k = [(1 - a) / a for a in pref.exact_alphas]
                G = sum(ki * I for ki, I in zip(k, self.incomes_exact)) / (1 + sum(ki * si for ki, si in zip(k, s_ex)))
            else:
                k = (1 - pref.alphas) / pref.alphas
                G = float(k @ self.incomes / (1 + k @ s))
        elif isinstance(pref, QuasiLinear):
            G = sum(pref.exact_values) if exact else float(pref.values.sum())
        else:
            exact = False
            c = (1 - self.phi) * s + self.phi

            def f(G):
                return float(np.sum(pref.mrs(self.incomes - s * G, c * G) * c)) - 1.0

            Gmax = float(np.min(np.where(s > 0, self.incomes / np.where(s > 0, s, 1), np.inf)))
            G = optimize.brentq(f, Gmax * 1e-12, Gmax * (1 - 1e-12), xtol=1e-300, rtol=1e-14)
        if exact:
            q = np.array([si * G for si in s_ex], dtype=object)
        else:
            q = s * float(G)
            G = float(G)
        res = self._result(q, "pareto", "samuelson", exact, total=G)
        if np.any(np.asarray(res.private, float) < 0):
            raise GameError("the Samuelson optimum under these cost shares needs more than some ally's income")
        return res

    def lindahl(self) -> PublicGoodsEquilibrium:
        """Lindahl (1919) equilibrium: prices p_i with sum p_i = 1 at which each ally, paying
        p_i G, demands the same G; pure public good only (phi = 1, unit weights)."""
        self._need_unweighted("the Lindahl equilibrium")
        if self.phi != 1:
            raise GameError("the Lindahl equilibrium is implemented for a pure public good (spillover 1)")
        pref, exact = self.pref, self.exact
        if isinstance(pref, CobbDouglas):
            if exact:
                q = [(1 - a) * I for a, I in zip(pref.exact_alphas, self.incomes_exact)]
                G = sum(q)
                p = [qi / G for qi in q]
            else:
                q = (1 - pref.alphas) * self.incomes
                G = float(q.sum())
                p = q / G
        elif isinstance(pref, QuasiLinear):
            G = sum(pref.exact_values) if exact else float(pref.values.sum())
            p = [b / G for b in pref.exact_values] if exact else pref.values / G
            q = [pi * G for pi in p] if exact else p * G
        else:
            exact = False
            I = self.incomes

            def prices(G):
                # p_i solves p = MRS_i(I_i - p G, G); p - MRS is increasing in p
                lo = np.zeros(self.n)
                hi = I / G
                for _ in range(200):
                    mid = (lo + hi) / 2
                    pos = mid - pref.mrs(I - mid * G, np.full(self.n, G)) > 0
                    hi = np.where(pos, mid, hi)
                    lo = np.where(pos, lo, mid)
                return (lo + hi) / 2

            G = optimize.brentq(lambda G: prices(G).sum() - 1.0, 1e-12 * I.sum(), I.sum(), xtol=1e-300, rtol=1e-13)
            p = prices(G)
            q = p * G
        if exact:
            return self._result(np.array(q, dtype=object), "lindahl", "lindahl", True, total=G,
                                prices=np.array(p, dtype=object))
        return self._result(np.asarray(q, float), "lindahl", "lindahl", False, total=float(G), prices=np.asarray(p, float))
