"""Joint products in their canonical form (Sandler 1977; Murdoch & Sandler 1984).

Ally i's defence activity q_i produces two outputs at once: a pure public output, the
alliance-wide deterrence Q = sum_j q_j, and an ally-specific private output, q_i itself
(protection of its own territory, overseas interests, internal security).  Ally i chooses
q_i in [0, I_i] to maximize U_i(x_i, Q, q_i) with x_i = I_i - q_i.

The first-order condition along ally i's own spending is ``-U_x + U_Q + U_q = 0``.  As in the
pure public good (Cornes & Hartley 2007) the equilibrium is found by replacement functions:
for each total Q, r_i(Q) is the q_i that satisfies ally i's condition at total Q; the
equilibrium total solves ``sum_i r_i(Q) = Q``, a one-dimensional root.

Cobb-Douglas ``U_i = a ln x_i + b ln Q + c ln q_i`` (a > 0, b, c >= 0, b + c > 0):
``a / (I_i - q_i) = b / Q + c / q_i``, so r_i(Q) is the positive root of
``b q^2 + ((a + c) Q - b I_i) q - c Q I_i = 0``.  It falls in Q, so the equilibrium is unique.
With c > 0 the marginal private benefit c / q_i is unbounded near q_i = 0: every ally spends
a positive amount and there are no corner solutions.  With c = 0 the model is the pure public
good (Cobb-Douglas alpha = a / (a + b)), whose small allies may free ride completely.
Closed forms (exact for exact input): symmetric incomes I,
``q = (b/n + c) I / (a + b/n + c)``; c = 0, Olson-Zeckhauser's piecewise-linear solution;
b = 0, ``q_i = c I_i / (a + c)``.  Otherwise the total is an algebraic number found by a
bracketing root finder, returned exactly when it is rational (verified in Fractions).

A general utility is a :class:`JointUtility`: :class:`JointCobbDouglas`,
:class:`JointSymbolic` (a sympy expression built in code; its marginals by sympy
differentiation, so no finite-difference error) or :class:`JointCustom` (a callable, with
marginals if known, else central differences).  Numerical solutions are checked by each
ally's regret (its best unilateral gain, by a grid and a bounded search).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
from scipy import optimize

import gametheory as gt
from gametheory.continuous import PublicGoodsEquilibrium, solve_piecewise_linear
from gametheory.errors import GameError, InvalidGameError, SolverError

from .params import JOINT_PRODUCTS

__all__ = ["JointUtility", "JointCobbDouglas", "JointSymbolic", "JointCustom", "JointProductAlliance",
           "joint_products"]

_REGRET_TOL = 1e-8  # relative to 1 + |U_i|: the numerical path's equilibrium check


class JointUtility:
    """A utility ``U(x, Q, q)`` over private consumption, the alliance's public output and the
    ally's own private output, vectorized over numpy arrays.

    ``value(x, Q, q)`` and ``own_marginal(x, Q, q) = -U_x + U_Q + U_q`` (the gain from one
    more unit of own spending, which lowers x and raises Q and q together).
    """

    name = "joint utility"

    def value(self, x: np.ndarray, Q: np.ndarray, q: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def own_marginal(self, x: np.ndarray, Q: np.ndarray, q: np.ndarray) -> np.ndarray:
        """-U_x + U_Q + U_q by central differences along own spending (subclasses with analytic
        marginals override it); the step stays inside x > 0, q > 0."""
        x, Q, q = (np.asarray(v, float) for v in (x, Q, q))
        h = np.minimum(1e-6 * (1.0 + np.abs(q)), 0.5 * np.minimum(x, q))
        with np.errstate(all="ignore"):
            up = self.value(x - h, Q + h, q + h)
            down = self.value(x + h, Q - h, q - h)
            return (up - down) / (2 * h)


class JointCobbDouglas(JointUtility):
    """Cobb-Douglas joint products ``U = a ln x + b ln Q + c ln q`` (Sandler 1977).

    The private share of the activity's benefits is ``c / (b + c)``; c = 0 is the pure public
    good (:class:`~gametheory.continuous.CobbDouglas` with alpha = a / (a + b)).

    Parameters
    ----------
    a, b, c : number
        Weights of private consumption (a > 0), deterrence (b >= 0) and the private output
        (c >= 0), with b + c > 0.  Exact numbers keep the closed forms exact.

    Raises
    ------
    InvalidGameError
        A weight that is not a finite number, a <= 0, b < 0, c < 0 or b = c = 0.

    References
    ----------
    Sandler, T. (1977). Impurity of defense. Kyklos 30.  Murdoch, J. & Sandler, T. (1984).
    Complementarity, free riding, and the military expenditures of NATO allies. J. Public
    Econ. 25.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> u = JointCobbDouglas(F(1, 2), F(1, 4), F(1, 4))
    >>> u.private_share
    Fraction(1, 2)
    >>> abs(float(u.own_marginal(6.0, 12.0, 4.0))) < 1e-15  # -1/2/6 + 1/4/12 + 1/4/4 = 0
    True
    """

    name = "cobb-douglas"

    def __init__(self, a: Any, b: Any, c: Any):
        vals, self.exact = gt.as_numbers({"a": a, "b": b, "c": c}, "joint-products weight")
        self.a, self.b, self.c = vals["a"], vals["b"], vals["c"]
        if not self.a > 0:
            raise InvalidGameError(f"the weight a of private consumption must be positive, got a={a}")
        if self.b < 0 or self.c < 0:
            raise InvalidGameError(f"the weights b (deterrence) and c (private output) must be nonnegative, got b={b}, c={c}")
        if self.b == 0 and self.c == 0:
            raise InvalidGameError("b = c = 0: defence spending then yields nothing; give b > 0 or c > 0")

    @property
    def private_share(self) -> Any:
        """c / (b + c): the share of the activity's benefit weight that is private."""
        return self.c / (self.b + self.c)

    def value(self, x, Q, q):
        a, b, c = float(self.a), float(self.b), float(self.c)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = a * np.log(x)
            if b:
                out = out + b * np.log(Q)
            if c:
                out = out + c * np.log(q)
        return out

    def own_marginal(self, x, Q, q):
        a, b, c = float(self.a), float(self.b), float(self.c)
        x, Q, q = (np.asarray(v, float) for v in (x, Q, q))
        with np.errstate(divide="ignore", invalid="ignore"):
            return -a / x + (b / Q if b else 0.0) + (c / q if c else 0.0)

    def __repr__(self) -> str:
        return f"JointCobbDouglas(a={self.a}, b={self.b}, c={self.c})"


class JointSymbolic(JointUtility):
    """A utility given as a sympy expression in three symbols, built in code (strings are not
    parsed); the marginals are its exact sympy derivatives, compiled with ``sympy.lambdify``.

    Parameters
    ----------
    expr : sympy.Expr
        The utility.
    x, Q, q : sympy.Symbol
        The symbols of private consumption, the public output and the private output.

    Raises
    ------
    GameError
        A string instead of an expression, arguments that are not symbols, or free symbols
        other than x, Q, q.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. PeerJ CS 3.

    Examples
    --------
    >>> import sympy as sp
    >>> x, Q, q = sp.symbols("x Q q", positive=True)
    >>> u = JointSymbolic(sp.log(x) / 2 + sp.log(Q) / 4 + sp.log(q) / 4, x, Q, q)
    >>> u.marginal_expr  # -U_x + U_Q + U_q, by sympy differentiation
    -1/(2*x) + 1/(4*q) + 1/(4*Q)
    >>> abs(float(u.own_marginal(6.0, 12.0, 4.0))) < 1e-15
    True
    """

    name = "symbolic"

    def __init__(self, expr: Any, x: Any, Q: Any, q: Any):
        import sympy

        if isinstance(expr, (str, bytes)):
            raise GameError("build the utility as a sympy expression in code (strings are never parsed)")
        if not isinstance(expr, sympy.Expr):
            raise GameError(f"the utility must be a sympy expression, got {type(expr).__name__}")
        for nm, s in (("x", x), ("Q", Q), ("q", q)):
            if not isinstance(s, sympy.Symbol):
                raise GameError(f"{nm} must be a sympy Symbol, got {s!r}")
        extra = expr.free_symbols - {x, Q, q}
        if extra:
            raise GameError(f"the utility has symbols other than x, Q, q: {sorted(map(str, extra))}")
        self.expr = expr
        self.symbols = (x, Q, q)
        marginal = sympy.diff(expr, Q) + sympy.diff(expr, q) - sympy.diff(expr, x)
        self.marginal_expr = sympy.simplify(marginal)
        self._value = sympy.lambdify(self.symbols, expr, modules="numpy")
        self._marginal = sympy.lambdify(self.symbols, self.marginal_expr, modules="numpy")

    def value(self, x, Q, q):
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self._value(x, Q, q), float), np.broadcast(x, Q, q).shape)

    def own_marginal(self, x, Q, q):
        x, Q, q = (np.asarray(v, float) for v in (x, Q, q))
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self._marginal(x, Q, q), float), np.broadcast(x, Q, q).shape)

    def __repr__(self) -> str:
        return f"JointSymbolic({self.expr})"


class JointCustom(JointUtility):
    """A utility given as a numpy-vectorized callable ``fn(x, Q, q)``; ``own_marginal`` (if
    known) is ``-U_x + U_Q + U_q`` as a callable of the same arguments, else central
    differences are used (relative error about 1e-10).

    Parameters
    ----------
    fn : callable
        ``fn(x, Q, q)`` on numpy arrays.
    own_marginal : callable, optional
        The analytic ``-U_x + U_Q + U_q``.

    Raises
    ------
    GameError
        ``fn`` (or ``own_marginal``) is not callable.

    References
    ----------
    Sandler, T. & Hartley, K. (2001). Economics of alliances: the lessons for collective
    action. J. Econ. Lit. 39.

    Examples
    --------
    >>> import numpy as np
    >>> u = JointCustom(lambda x, Q, q: np.log(x) + np.sqrt(Q) + np.log(q))
    >>> round(float(u.own_marginal(2.0, 4.0, 1.0)), 6)  # -1/2 + 1/4 + 1
    0.75
    """

    name = "custom"

    def __init__(self, fn: Callable[..., Any], own_marginal: Callable[..., Any] | None = None):
        if not callable(fn) or (own_marginal is not None and not callable(own_marginal)):
            raise GameError("JointCustom needs a callable fn(x, Q, q) (and optionally a callable own_marginal)")
        self.fn = fn
        self._marginal = own_marginal

    def _call(self, f, x, Q, q):
        x, Q, q = (np.asarray(v, float) for v in (x, Q, q))
        shape = np.broadcast(x, Q, q).shape
        with np.errstate(all="ignore"):
            try:
                out = np.asarray(f(x, Q, q), float)
            except (TypeError, ValueError):  # a scalar-only callable: call it point by point
                out = np.vectorize(lambda *v: float(f(*v)))(x, Q, q)
        if out.shape != shape:
            out = np.broadcast_to(out, shape)
        return out

    def value(self, x, Q, q):
        return self._call(self.fn, x, Q, q)

    def own_marginal(self, x, Q, q):
        if self._marginal is None:
            return super().own_marginal(x, Q, q)
        return self._call(self._marginal, x, Q, q)

    def __repr__(self) -> str:
        return f"JointCustom({getattr(self.fn, '__name__', self.fn)!r})"


# ----------------------------------------------------------------------------------------
# exact helpers of the Cobb-Douglas case
# ----------------------------------------------------------------------------------------


def _rational_sqrt(x: Fraction) -> Fraction | None:
    if x < 0:
        return None
    n, d = math.isqrt(x.numerator), math.isqrt(x.denominator)
    return Fraction(n, d) if n * n == x.numerator and d * d == x.denominator else None


def _cd_reply_exact(a, b, c, I: Fraction, Q: Fraction) -> Fraction | None:
    """r_i(Q) in Fractions when it is rational (b > 0, c > 0), else None."""
    B = (a + c) * Q - b * I
    root = _rational_sqrt(B * B + 4 * b * c * Q * I)
    return None if root is None else (root - B) / (2 * b)


def _cd_reply(a: float, b: float, c: float, I: np.ndarray, Q: float) -> np.ndarray:
    """r_i(Q), the positive root of b q^2 + ((a + c) Q - b I) q - c Q I (b > 0, c > 0), in the
    form without cancellation on either sign of (a + c) Q - b I."""
    B = (a + c) * Q - b * I
    disc = np.sqrt(B * B + 4 * b * c * Q * I)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(B > 0, 2 * c * Q * I / (B + disc), (disc - B) / (2 * b))


# ----------------------------------------------------------------------------------------
# the alliance
# ----------------------------------------------------------------------------------------


class JointProductAlliance:
    """An alliance whose allies' defence produces a public and a private output (joint products).

    Ally i maximizes ``U(I_i - q_i, Q, q_i)`` with Q = sum_j q_j.  :meth:`nash` returns the
    (unique, for Cobb-Douglas) Nash equilibrium as a
    :class:`~gametheory.continuous.PublicGoodsEquilibrium` (``total`` is Q); :meth:`pareto`
    the Samuelson benchmark with joint products (Cobb-Douglas).

    Parameters
    ----------
    incomes : sequence
        Each ally's income, > 0; exact numbers give exact closed forms where they exist.
    utility : JointUtility
        :class:`JointCobbDouglas`, :class:`JointSymbolic` or :class:`JointCustom`.

    Raises
    ------
    InvalidGameError
        No allies or an income that is not a positive finite number.
    GameError
        A utility that is not a :class:`JointUtility`.

    References
    ----------
    Sandler, T. (1977). Impurity of defense. Kyklos 30.  Murdoch, J. & Sandler, T. (1984).
    J. Public Econ. 25.  Sandler, T. & Hartley, K. (2001). Economics of alliances. J. Econ.
    Lit. 39.  Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    >>> import numpy as np
    >>> u = JointCustom(lambda x, Q, q: np.log(x) + np.log(Q) / 2 + np.log(q) / 2)
    >>> eq = JointProductAlliance([10, 10], u).nash()
    >>> [round(float(v), 6) for v in eq.contributions]  # the closed form is 30/7
    [4.285714, 4.285714]
    """

    def __init__(self, incomes: Sequence[Any], utility: JointUtility):
        if isinstance(incomes, (str, bytes)) or not hasattr(incomes, "__iter__"):
            raise InvalidGameError(f"incomes must be a sequence of numbers, got {incomes!r}")
        vals = [gt.as_number(v, f"incomes[{k}]") for k, v in enumerate(incomes)]
        if not vals:
            raise InvalidGameError("the alliance is empty: give at least one income")
        for k, v in enumerate(vals):
            if not v > 0:
                raise InvalidGameError(f"incomes must be positive; income {k} is {v}")
        if not isinstance(utility, JointUtility):
            raise GameError("utility must be JointCobbDouglas(a, b, c), JointSymbolic(expr, x, Q, q) or JointCustom(fn)")
        self.utility = utility
        self.n = len(vals)
        self.exact = all(type(v) is Fraction for v in vals) and bool(getattr(utility, "exact", False))
        self.incomes = np.array(vals, dtype=object) if self.exact else np.array([float(v) for v in vals])

    def __repr__(self) -> str:
        return f"JointProductAlliance(n={self.n}, utility={self.utility!r})"

    # -- payoffs and checks ---------------------------------------------------------------
    def payoff(self, q: Any, Q: Any) -> np.ndarray:
        """Each ally's utility U(I_i - q_i, Q, q_i) (floats)."""
        q = np.asarray(q, float)
        return self.utility.value(np.asarray(self.incomes, float) - q, np.broadcast_to(np.asarray(Q, float), q.shape), q)

    def marginal_gains(self, q: Sequence[Any]) -> list:
        """Each ally's ``-U_x + U_Q + U_q`` at the profile q: zero at an interior equilibrium.
        Exact Fractions for exact Cobb-Douglas profiles (a / x = b / Q + c / q checked exactly)."""
        q = list(q)
        if len(q) != self.n:
            raise GameError(f"the profile has {len(q)} contributions but the alliance has {self.n} allies")
        u = self.utility
        if self.exact and isinstance(u, JointCobbDouglas) and all(gt.is_exact_number(v) for v in q):
            q = [Fraction(v) for v in q]
            Q = sum(q)
            return [-u.a / (I - qi) + (u.b / Q if u.b else 0) + (u.c / qi if u.c else 0)
                    for I, qi in zip(self.incomes, q)]
        qf = np.asarray(q, float)
        return list(u.own_marginal(np.asarray(self.incomes, float) - qf, np.full(self.n, qf.sum()), qf))

    def regret(self, q: Sequence[Any], grid: int = 401) -> np.ndarray:
        """Each ally's largest gain from changing its own spending (others fixed): a grid over
        (0, I_i) refined by a bounded scalar search.  An independent check of :meth:`nash`."""
        qf = np.asarray(q, float)
        if qf.shape != (self.n,):
            raise GameError(f"the profile has {qf.size} contributions but the alliance has {self.n} allies")
        I = np.asarray(self.incomes, float)
        Q = qf.sum()
        base = self.payoff(qf, Q)
        out = np.zeros(self.n)
        for i in range(self.n):
            rest = Q - qf[i]

            def u(t, i=i, rest=rest):
                with np.errstate(all="ignore"):
                    return self.utility.value(I[i] - t, rest + t, t)

            t = I[i] * np.linspace(0.0, 1.0, grid)[1:-1]
            vals = np.where(np.isnan(u(t)), -np.inf, u(t))
            k = int(np.argmax(vals))
            best = vals[k]
            lo, hi = t[max(k - 1, 0)], t[min(k + 1, t.size - 1)]
            if hi > lo:
                res = optimize.minimize_scalar(lambda s: -float(u(s)), bounds=(lo, hi), method="bounded",
                                               options={"xatol": 1e-12 * I[i]})
                if np.isfinite(res.fun):
                    best = max(best, -res.fun)
            # q_i = 0 is a feasible deviation (it matters when the private output is worthless)
            zero = float(u(0.0)) if rest > 0 else -np.inf
            best = max(best, zero if np.isfinite(zero) else -np.inf)
            out[i] = max(0.0, float(best - base[i]))
        return out

    # -- Nash ------------------------------------------------------------------------------
    def nash(self, method: str = "auto") -> PublicGoodsEquilibrium:
        """The Nash equilibrium: a closed form where one exists (``"auto"``), else the
        replacement-function root; ``method="numerical"`` forces the general path (used to
        check the closed forms).  Numerical results pass the regret check or raise SolverError."""
        if method not in ("auto", "numerical"):
            raise GameError(f"method must be 'auto' or 'numerical', got {method!r}")
        u = self.utility
        if method == "auto" and isinstance(u, JointCobbDouglas):
            if self.exact:
                found = self._cd_exact()
                if found is not None:
                    return found
            return self._cd_float()
        return self._numerical()

    def _result(self, q: Any, total: Any, method: str, exact: bool, tol: float = 0.0) -> PublicGoodsEquilibrium:
        if exact:
            qv = np.array([Fraction(v) for v in q], dtype=object)
            inc = np.array(list(self.incomes), dtype=object)
        else:
            qv = np.asarray(q, float)
            inc = np.asarray(self.incomes, float)
            total = float(total)
        params = {"utility": repr(self.utility)}
        if isinstance(self.utility, JointCobbDouglas):
            params["private_share"] = self.utility.private_share
        return PublicGoodsEquilibrium(total, qv, inc, "nash", method, exact, True, None,
                                      "joint products: U(I_i - q_i, Q, q_i)", params, self, tol)

    def _cd_exact(self) -> PublicGoodsEquilibrium | None:
        u = self.utility
        a, b, c = u.a, u.b, u.c
        inc = list(self.incomes)
        n = self.n
        if c == 0:  # the pure public good: q_i = max(0, I_i - a Q / b)
            Q = solve_piecewise_linear(inc, [a / b] * n, None, exact=True)
            q = [max(I - a * Q / b, Fraction(0)) for I in inc]
            return self._result(q, Q, "closed-form (c = 0: pure public good)", True)
        if b == 0:  # no public output: each ally buys its private output alone
            q = [c * I / (a + c) for I in inc]
            return self._result(q, sum(q), "closed-form (b = 0: private good)", True)
        if all(I == inc[0] for I in inc):
            share = (b / n + c) / (a + b / n + c)
            q = [share * I for I in inc]
            return self._result(q, sum(q), "closed-form (symmetric)", True)
        # asymmetric: Q is algebraic; return it exactly when the float root is a rational that
        # satisfies every first-order condition in Fractions (the equilibrium is unique)
        approx = self._cd_total(float(a), float(b), float(c), np.asarray(inc, float))
        Q = Fraction(approx).limit_denominator(10**6)
        if Q <= 0:
            return None
        q = [_cd_reply_exact(a, b, c, I, Q) for I in inc]
        if any(v is None for v in q) or sum(q) != Q:
            return None
        return self._result(q, Q, "closed-form (rational root, verified)", True)

    @staticmethod
    def _cd_total(a: float, b: float, c: float, I: np.ndarray) -> float:
        S = float(I.sum())
        if c == 0:
            return float(solve_piecewise_linear(I, np.full(I.size, a / b), None, exact=False))
        if b == 0:
            return float(np.sum(c * I / (a + c)))
        # sum_i r_i(Q) - Q falls strictly from sum I (Q -> 0) to below 0 (Q = sum I)
        return optimize.brentq(lambda Q: float(_cd_reply(a, b, c, I, Q).sum()) - Q, S * 1e-300 + 1e-300, S,
                               xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)

    def _cd_float(self) -> PublicGoodsEquilibrium:
        u = self.utility
        a, b, c = float(u.a), float(u.b), float(u.c)
        I = np.asarray(self.incomes, float)
        Q = self._cd_total(a, b, c, I)
        if c == 0:
            q = np.maximum(I - a * Q / b, 0.0)
        elif b == 0:
            q = c * I / (a + c)
        else:
            q = _cd_reply(a, b, c, I, Q)
        return self._result(q, q.sum(), "replacement (Cobb-Douglas reply, brentq)", False, 4 * np.finfo(float).eps)

    # -- efficiency ------------------------------------------------------------------------
    def pareto(self) -> PublicGoodsEquilibrium:
        """The Pareto optimum reached without income transfers: every ally's spending meets the
        Samuelson condition with joint products, ``sum_j U_Q^j / U_x^j + U_q^i / U_x^i = 1``
        (the alliance-wide benefit of a unit of q_i plus its private benefit to i equals its
        cost).  Cobb-Douglas: ``q_i = (b + c) I_i / (a + b + c)``, exact for exact input; at
        c = 0 it is ``Alliance.pareto()`` with income shares.  Sandler & Hartley (2001)."""
        u = self.utility
        if not isinstance(u, JointCobbDouglas):
            raise GameError("pareto() is implemented for JointCobbDouglas utilities")
        share = (u.b + u.c) / (u.a + u.b + u.c)
        q = [share * I for I in self.incomes]
        res = self._result(q, sum(q), "samuelson (joint products, no transfers)", self.exact)
        return PublicGoodsEquilibrium(res.total, res.contributions, res.incomes, "pareto", res.method, res.exact,
                                      True, None, res.note, res.params, self, 0.0)

    # -- the general numerical path --------------------------------------------------------
    def _reply(self, Q: float) -> np.ndarray:
        """r_i(Q): ally i's spending at which its marginal gain vanishes when the total is Q,
        in [0, I_i] (vectorized bisection: the gain falls in own spending for concave U).  Not
        capped at Q: a cap q_i <= Q would make sum_i r_i(Q) - Q flat (zero) on whole intervals
        where one ally's cap binds and the others are at 0, a continuum of false roots."""
        I = np.asarray(self.incomes, float)
        cap = I
        u = self.utility
        Qv = np.full(self.n, Q)

        def gain(t):
            g = u.own_marginal(I - t, Qv, t)
            return np.where(np.isnan(g), -np.inf, g)

        eps = cap * 1e-14
        lo, hi = eps.copy(), cap * (1 - 1e-14)
        g_lo, g_hi = gain(lo), gain(hi)
        for _ in range(120):
            mid = (lo + hi) / 2
            up = gain(mid) > 0
            lo = np.where(up, mid, lo)
            hi = np.where(up, hi, mid)
        r = (lo + hi) / 2
        r = np.where(g_lo <= 0, 0.0, r)
        return np.where(g_hi >= 0, cap, r)

    def _numerical(self) -> PublicGoodsEquilibrium:
        I = np.asarray(self.incomes, float)
        S = float(I.sum())
        u = self.utility
        if self.n == 1:  # one ally: Q = q; the gain of U(I - t, t, t) falls in t for concave U
            lo, hi = I[0] * 1e-14, I[0] * (1 - 1e-14)
            g_lo, g_hi = (float(u.own_marginal(I[0] - t, t, t)) for t in (lo, hi))
            for _ in range(120):
                mid = (lo + hi) / 2
                if u.own_marginal(I[0] - mid, mid, mid) > 0:
                    lo = mid
                else:
                    hi = mid
            t = 0.0 if not g_lo > 0 else (I[0] if g_hi >= 0 else (lo + hi) / 2)
            q = np.array([t])
        else:
            def excess(Q):
                return float(self._reply(Q).sum()) - Q

            lo = S * 1e-12
            if not excess(lo) > 0 or not excess(S) <= 0:
                raise SolverError("could not bracket the equilibrium total in (0, sum of incomes): "
                                  "is U concave and increasing in Q and q?")
            Q = optimize.brentq(excess, lo, S, xtol=1e-15 * S, rtol=4 * np.finfo(float).eps, maxiter=500)
            q = self._reply(Q)
        reg = self.regret(q)
        here = self.payoff(q, q.sum())
        scale = 1.0 + np.abs(here)
        # an infinite utility at the solution (ln 0) has no scale to measure regret against
        bad = np.flatnonzero(~np.isfinite(here) | ~(reg <= _REGRET_TOL * scale))
        if bad.size:
            i = int(bad[0])
            raise SolverError(f"the numerical solution fails the equilibrium check: ally {i} gains {reg[i]:.3g} "
                              "by changing its spending (is U concave in own spending?)")
        return self._result(q, q.sum(), "replacement (general utility, bisection + brentq)", False,
                            float(_REGRET_TOL * scale.max()))


def joint_products(incomes: Sequence[Any], a: Any = JOINT_PRODUCTS.a, b: Any = JOINT_PRODUCTS.b,
                   c: Any = JOINT_PRODUCTS.c) -> JointProductAlliance:
    """The Cobb-Douglas joint-product alliance ``U_i = a ln x_i + b ln Q + c ln q_i`` (Sandler 1977).

    Each ally's defence q_i yields alliance-wide deterrence Q = sum_j q_j (weight b) and a
    private output q_i (weight c); ``a / (I_i - q_i) = b / Q + c / q_i`` at the equilibrium.
    With c > 0 every ally spends (no corners); c = 0 is the pure public good.

    Parameters
    ----------
    incomes : sequence
        Each ally's income, > 0.
    a, b, c : number
        a > 0, b >= 0, c >= 0, b + c > 0 (defaults 1/2, 1/4, 1/4).

    Returns
    -------
    JointProductAlliance
        ``.nash()`` gives ``.contributions``, ``.total``, ``.burden_shares``,
        ``.contributors`` and ``.exact`` (Fractions where the closed form is rational).

    Raises
    ------
    InvalidGameError
        Bad incomes or weights.

    References
    ----------
    Sandler, T. (1977). Impurity of defense: an application to the economics of alliances.
    Kyklos 30.  Murdoch, J. & Sandler, T. (1984). J. Public Econ. 25.  Sandler, T. & Hartley,
    K. (2001). Economics of alliances: the lessons for collective action. J. Econ. Lit. 39.

    Examples
    --------
    Two allies with income 10, a = 1/2, b = c = 1/4: q = (b/2 + c) I / (a + b/2 + c) = 30/7.

    >>> from fractions import Fraction as F
    >>> from models import collective_goods as cg
    >>> eq = cg.joint_products([10, 10], F(1, 2), F(1, 4), F(1, 4)).nash()
    >>> eq.contributions.tolist(), eq.total, eq.exact
    ([Fraction(30, 7), Fraction(30, 7)], Fraction(60, 7), True)
    """
    return JointProductAlliance(incomes, JointCobbDouglas(a, b, c))
