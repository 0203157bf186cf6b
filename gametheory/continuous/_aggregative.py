"""Aggregative games ``u_i(q_i, G)`` with ``G = sum_j w_j q_j`` and the replacement-function
solver (Cornes & Hartley 2007) (private module; re-exported by :mod:`gametheory.continuous`).
"""

from __future__ import annotations

import warnings
from typing import Any, Callable, Sequence

import numpy as np
from scipy import optimize

from ._game import ContinuousEquilibrium, _kkt_residual
from ._inputs import _col, _numbers, _per_player
from ..errors import GameError, InvalidGameError, SolverError


class AggregativeGame:
    """Aggregative game: ``q_i`` in [0, upper_i], ``G = sum_j w_j q_j``, payoff ``u_i(q_i, G)``.

    ``nash()`` finds the equilibrium by the replacement-function method: the equilibrium
    aggregate is the root of ``sum_i w_i r_i(G) = G``.

    Parameters
    ----------
    payoff : callable or sequence of callable
        ``payoff(q, G)`` takes arrays with players on axis 0 (``q`` of shape (n,) or
        (n, k) and a matching ``G``) and returns each player's payoff; a list of n scalar
        callables ``u_i(q_i, G)`` is accepted too.
    upper : number or sequence
        Upper bounds of the actions.
    weights : sequence, optional
        ``w_i`` (default 1).
    marginal : callable, optional
        ``D_i(q, G) = du_i/dq_i + w_i du_i/dG``; default: numerical differences.
    replacement : callable, optional
        The vectorized replacement function; otherwise computed from the marginal payoff
        by vectorized bisection, which assumes that D_i decreases in q (the regularity
        behind uniqueness).

    Raises
    ------
    InvalidGameError
        Bounds or weights of the wrong shape or not finite.

    References
    ----------
    Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    A Cournot duopoly with inverse demand ``1 - G`` and no cost: each firm sells 1/3.

    >>> import gametheory as gt
    >>> cournot = gt.AggregativeGame(lambda q, G: q * (1 - G), upper=[1, 1])
    >>> eq = cournot.nash()
    >>> [round(float(x), 6) for x in eq.actions]
    [0.333333, 0.333333]
    """

    def __init__(self, payoff: Callable | Sequence[Callable], upper: Any, weights: Any = None,
                 marginal: Callable | None = None, replacement: Callable | None = None):
        _, up = _numbers(np.atleast_1d(upper) if np.ndim(upper) else [upper], "upper")
        n = up.size
        if n < 1:
            raise InvalidGameError("an aggregative game needs at least one player")
        if up.min() < 0:
            raise InvalidGameError("upper bounds must be nonnegative (actions are in [0, upper])")
        if weights is None:
            w = np.broadcast_to(1.0, (n,))
        else:
            _, w = _per_player(weights, n, "weights")
            if not w.min() > 0:
                raise InvalidGameError("aggregation weights must be positive")
        setup_validated(self, payoff, up, w, marginal, replacement)

    # -- payoffs and marginals ------------------------------------------------------------
    def payoff(self, q: Any, G: Any) -> np.ndarray:
        return np.asarray(self._payoff(np.asarray(q, float), np.asarray(G, float)), dtype=float)

    def marginal(self, q: Any, G: Any) -> np.ndarray:
        """Total derivative of u_i along the own action: du/dq + w du/dG."""
        q = np.asarray(q, float)
        G = np.broadcast_to(np.asarray(G, float), q.shape)
        if self._marginal is not None:
            return np.asarray(self._marginal(q, G), dtype=float)
        w = _col(self.weights, q)
        top = _col(self.upper, q)
        h = 1e-6 * (1 + np.abs(q))
        # never step outside the action set [0, upper] or below a zero aggregate: a utility
        # written with math.sqrt / math.log is defined only there (one-sided at the bounds)
        hi = np.clip(np.minimum(h, top - q), 0.0, None)
        lo = np.clip(np.minimum(np.minimum(h, q), G / w), 0.0, None)
        den = hi + lo
        with np.errstate(all="ignore"):
            up = self.payoff(q + hi, G + w * hi)
            dn = self.payoff(q - lo, G - w * lo)
            d = (up - dn) / den
        return np.where(den > 0, d, 0.0)

    def replacement(self, G: float) -> np.ndarray:
        """r_i(G): the action consistent with a best response when the aggregate is G."""
        if self._replacement is not None:
            return np.asarray(self._replacement(G), dtype=float)
        return self._bisect_actions(lambda q: self.marginal(q, np.full(self.n, G)))

    def _bisect_actions(self, marginal: Callable[[np.ndarray], np.ndarray], iters: int = 200) -> np.ndarray:
        lo = np.zeros(self.n)
        hi = self.upper.copy()
        d_lo = marginal(lo)
        d_hi = marginal(hi)
        out = np.where(d_lo <= 0, 0.0, np.where(d_hi >= 0, hi, np.nan))
        todo = np.isnan(out)
        a, b = lo[todo], hi[todo]
        idx = np.flatnonzero(todo)
        if idx.size:
            for _ in range(iters):
                mid = (a + b) / 2
                qq = np.where(todo, 0.0, out)
                qq[idx] = mid
                d = marginal(qq)[idx]
                pos = d > 0
                a = np.where(pos, mid, a)
                b = np.where(pos, b, mid)
                if np.all(b - a <= 4 * np.finfo(float).eps * (1 + np.abs(b))):
                    break
            out[idx] = (a + b) / 2
        return out

    def best_responses(self, q: Any) -> np.ndarray:
        """Every player's best response to the others' actions (bisection on the marginal)."""
        q = np.asarray(q, float)
        others = np.maximum(self.weights @ q - self.weights * q, 0.0)  # no rounding below 0
        return self._bisect_actions(lambda x: self.marginal(x, others + self.weights * x))

    def regret(self, q: Any, grid: int = 401) -> np.ndarray:
        """Largest gain of each player from a unilateral deviation, by a grid over [0, upper_i]
        plus the first-order best response (an independent check of any solver's output)."""
        q = np.asarray(q, float)
        G = float(self.weights @ q)
        others = np.maximum(G - self.weights * q, 0.0)  # no rounding below 0
        base = self.payoff(q, np.full(self.n, G))
        t = np.linspace(0.0, 1.0, grid)
        devs = self.upper[:, None] * t[None, :]
        with np.errstate(all="ignore"):
            vals = self.payoff(devs, others[:, None] + self.weights[:, None] * devs)
            br = self.best_responses(q)
            vbr = self.payoff(br, others + self.weights * br)
        best = np.maximum(np.nanmax(vals, axis=1), np.nan_to_num(vbr, nan=-np.inf))
        return np.maximum(best - base, 0.0)

    # -- equilibrium ------------------------------------------------------------------------
    def nash(self, method: str = "replacement", start: Any = None, tol: float = 1e-12,
             max_iter: int = 10_000, damping: float = 0.5, check: bool = True) -> ContinuousEquilibrium:
        """Nash equilibrium by ``"replacement"`` (Cornes & Hartley 2007), ``"root"`` (KKT
        residual with scipy.optimize.root) or ``"best-response"`` (damped Jacobi iteration,
        which can diverge when many players' actions are strategic substitutes)."""
        if method == "replacement":
            q, G = self.replacement_nash(tol)
        elif method == "root":
            q = self._verified(lambda s: self._nash_root(s, tol), start, "root")
        elif method == "best-response":
            q = self._verified(lambda s: self._nash_br(s, tol, max_iter, damping), start, "best-response")
        else:
            raise GameError(f"unknown method {method!r}; use 'replacement', 'root' or 'best-response'")
        G = float(self.weights @ q)
        reg = self.regret(q) if check and self.n <= 5000 else np.array([np.nan])
        return ContinuousEquilibrium(q, self.payoff(q, np.full(self.n, G)), method, float(np.nanmax(reg)) if check and self.n <= 5000 else float("nan"),
                                     {"aggregate": G}, tol=tol, game=self)

    def _verified(self, run: Any, start: Any, name: str) -> np.ndarray:
        """A generic solver's point, checked by :meth:`regret`: a KKT root can be spurious
        (with complements, CES rho < 0, the first-order conditions also vanish near q = 0), so a
        point with a profitable deviation is retried from other starts and never returned."""
        if self.n > 5000:  # the grid check would cost n x 401 payoff evaluations
            return run(start)
        starts = [start] if start is not None else [None, self.upper / 2, self.upper * 0.9]
        worst = np.nan
        for s in starts:
            try:
                q = run(s)
            except SolverError:
                continue
            G = float(self.weights @ q)
            scale = 1.0 + float(np.nanmax(np.abs(self.payoff(q, np.full(self.n, G)))))
            worst = float(np.nanmax(self.regret(q)))
            if worst <= 1e-6 * scale:
                return q
        raise SolverError(
            f"method={name!r} found no point without a profitable deviation (largest gain {worst:.3g}); "
            "use method='replacement' (Cornes & Hartley 2007)"
        )

    def replacement_nash(self, tol: float = 1e-12) -> tuple[np.ndarray, float]:
        """Actions and aggregate ``(q, G)`` at the fixed point ``G = sum_i w_i r_i(G)`` of the
        replacement functions (Cornes & Hartley 2007), by Brent's method with relative
        tolerance ``tol``; :meth:`nash` wraps it in a result."""
        w = self.weights

        def f(G):
            return float(w @ self.replacement(G)) - G

        scale = float(w @ self.upper)
        if scale == 0:
            return np.zeros(self.n), 0.0
        lo = 1e-12 * scale
        if f(lo) <= 0:
            q = self.replacement(lo)
            return q, float(w @ q)
        hi = scale
        if f(hi) >= 0:
            G = hi
        else:
            G = optimize.brentq(f, lo, hi, xtol=1e-300, rtol=max(tol, 4 * np.finfo(float).eps), maxiter=1000)
        return self.replacement(G), G

    def _nash_root(self, start: Any, tol: float) -> np.ndarray:
        w = self.weights
        lo = np.zeros(self.n)
        q0 = self.upper / (2 * self.n) if start is None else np.asarray(start, float)

        def res(q):
            qc = np.clip(q, lo, self.upper)
            d = self.marginal(qc, np.full(self.n, float(w @ qc)))
            return _kkt_residual(q, d, lo, self.upper)

        def safe(q):
            r = res(q)
            return np.where(np.isfinite(r), r, 1e6)

        ok = 1e-10 * (1 + np.max(self.upper))
        best, msg = None, ""
        for m in ("df-sane", "hybr", "lm"):  # cheap spectral method first, then Powell and LM
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    sol = optimize.root(safe, q0, method=m, tol=min(tol, 1e-13))
            except (ValueError, FloatingPointError) as exc:  # pragma: no cover - scipy internals
                msg = str(exc)
                continue
            q = np.clip(sol.x, lo, self.upper)
            err = float(np.max(np.abs(safe(q))))
            if best is None or err < best[1]:
                best = (q, err)
            msg = sol.message
            if err <= ok:
                break
        q, err = best
        if err > 1e-7 * (1 + np.max(self.upper)):
            raise SolverError(f"root finding on the first-order conditions failed: {msg}")
        # a corner solution is reached only up to rounding; snap it
        return np.where(q <= 1e-12 * (1 + np.max(self.upper)), 0.0, q)

    def _nash_br(self, start: Any, tol: float, max_iter: int, damping: float) -> np.ndarray:
        q = self.upper / (2 * self.n) if start is None else np.asarray(start, float).copy()
        for _ in range(max_iter):
            new = self.best_responses(q)
            step = np.max(np.abs(new - q))
            q = (1 - damping) * q + damping * new
            if step <= tol * (1 + np.max(np.abs(q))):
                return new
        raise SolverError(f"best-response iteration did not converge in {max_iter} rounds (try method='replacement')")


def setup_validated(game: "AggregativeGame", payoff: Any, upper: np.ndarray, weights: np.ndarray,
                    marginal: Callable | None, replacement: Callable | None) -> None:
    """Store validated bounds (float array) and weights (positive float array) on ``game``
    (subclasses that validated them already call this directly, so no second pass runs)."""
    n = upper.size
    game.n = n
    game.upper = upper
    game.weights = weights
    if callable(payoff):
        game._payoff = payoff
    else:
        fns = list(payoff)
        if len(fns) != n or not all(callable(f) for f in fns):
            raise InvalidGameError(f"give one payoff callable per player ({n})")

        def vec(q, G, fns=fns):
            q = np.asarray(q, float)
            G = np.broadcast_to(np.asarray(G, float), q.shape)
            out = np.empty(q.shape)
            for i, f in enumerate(fns):
                out[i] = np.vectorize(f, otypes=[float])(q[i], G[i])
            return out

        game._payoff = vec
    game._marginal = marginal
    game._replacement = replacement
