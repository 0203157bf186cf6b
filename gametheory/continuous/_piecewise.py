"""Piecewise-linear replacement functions: the root of ``sum_i clip(A_i - B_i G, 0, U_i) = G``
(private module; :func:`solve_piecewise_linear` is re-exported by :mod:`gametheory.continuous`).

Exact bisection over the breakpoints for Fractions; monotone Newton steps or
:func:`scipy.optimize.brentq` polished on the active set for floats (Cornes & Hartley 2007).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from scipy import optimize


def _pl_value_exact(A, B, U, G) -> Fraction:
    s = Fraction(0)
    for a, b, u in zip(A, B, U):
        v = a - b * G
        if v > 0:
            s += v if (u is None or v < u) else u
    return s


def _newton_convex(A: np.ndarray, B: np.ndarray, max_iter: int = 200) -> float | None:
    """Newton's method for sum_i max(0, A_i - B_i G) = G without caps.

    The left side minus G is convex, decreasing and piecewise linear, so Newton's method from
    G = 0 rises monotonically to the root and stops when the active set repeats; allies that
    drop out never return, so each step scans only the previous step's active set."""
    if np.ndim(B) == 0:
        return _newton_uniform(A, float(B), max_iter)
    if A.size and A.min() > 0:
        a, b = A, B  # every intercept positive: no copies
    else:
        idx = np.flatnonzero(A > 0)
        if idx.size == 0:
            return 0.0
        a, b = A[idx], B[idx]
    G = 0.0
    for _ in range(max_iter):
        G_new = a.sum() / (1.0 + b.sum())
        t = np.multiply(b, G_new)
        keep = np.subtract(a, t, out=t) > 0
        if keep.all():
            return float(G_new)
        if G_new < G:  # rounding at a kink: G is already the root to working precision
            return float(G)
        a, b, G = a[keep], b[keep], G_new
        if a.size == 0:
            return float(G_new)
    return None


def _newton_uniform(A: np.ndarray, b: float, max_iter: int) -> float | None:
    """:func:`_newton_convex` with one slope ``b`` for every player: each step is a sum, one
    comparison with the threshold ``b G`` and the compaction of the active set."""
    a = A if A.size and A.min() > 0 else A[A > 0]  # no copy when every intercept is positive
    G = 0.0
    for _ in range(max_iter):
        if a.size == 0:
            return float(G)
        G_new = a.sum() / (1.0 + b * a.size)
        keep = a > b * G_new  # a_i - b G > 0, without the temporary a - b G
        k = int(np.count_nonzero(keep))
        if k == a.size:
            return float(G_new)
        if G_new < G:  # rounding at a kink: G is already the root to working precision
            return float(G)
        a, G = a[keep], G_new
    return None


def solve_piecewise_linear(A: Any, B: Any, U: Any = None, exact: bool = False) -> Any:
    """Root of ``sum_i clip(A_i - B_i G, 0, U_i) = G`` over G >= 0 (B_i >= 0, U_i >= 0).

    The left side is continuous and nonincreasing, so the root is unique.  Exact mode
    (lists of Fractions) bisects over the sorted breakpoints and solves the linear piece;
    float mode uses monotone Newton steps when there are no caps (the function is then convex)
    and :func:`scipy.optimize.brentq` polished on the active set otherwise.

    Parameters
    ----------
    A, B : sequence
        Intercepts and slopes (``B_i >= 0``).
    U : sequence, optional
        Caps (``U_i >= 0``; default none).
    exact : bool
        Solve in Fractions.

    Returns
    -------
    number
        The root G (a Fraction when ``exact``).

    References
    ----------
    Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    ``(4 - G) + (2 - G) = G`` at G = 2:

    >>> from fractions import Fraction
    >>> from gametheory.continuous import solve_piecewise_linear
    >>> solve_piecewise_linear([Fraction(4), Fraction(2)], [Fraction(1), Fraction(1)], exact=True)
    Fraction(2, 1)
    """
    if exact:
        A = list(A)
        B = list(B)
        U = [None] * len(A) if U is None else list(U)
        bps = {Fraction(0)}
        for a, b, u in zip(A, B, U):
            if b > 0:
                if a > 0:
                    bps.add(a / b)
                if u is not None and a - u > 0:
                    bps.add((a - u) / b)
        bps = sorted(bps)

        def f(G):
            return _pl_value_exact(A, B, U, G) - G

        if f(Fraction(0)) <= 0:
            return Fraction(0)
        lo, hi = 0, len(bps)  # invariant: f(bps[lo]) > 0; f(bps[hi]) <= 0 or hi == len
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if f(bps[mid]) > 0:
                lo = mid
            else:
                hi = mid
        left = bps[lo]
        probe = (left + bps[hi]) / 2 if hi < len(bps) else left + 1
        const, slope_a, slope_b = Fraction(0), Fraction(0), Fraction(0)
        for a, b, u in zip(A, B, U):
            v = a - b * probe
            if v <= 0:
                continue
            if u is not None and v >= u:
                const += u
            else:
                slope_a += a
                slope_b += b
        return (const + slope_a) / (1 + slope_b)
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    capped = U is not None
    if capped:
        U = np.asarray(U, float)
        B = np.broadcast_to(B, A.shape)
    else:
        G = _newton_convex(A, B)
        if G is not None:
            return G

    def R(G):
        v = A - B * G
        if capped:
            v = np.minimum(v, U)
        return np.maximum(v, 0.0).sum()

    f0 = R(0.0)
    if f0 <= 0:
        return 0.0
    hi = f0  # R is nonincreasing, so R(f0) - f0 <= 0
    if R(hi) - hi >= 0:
        G = hi
    else:
        G = optimize.brentq(lambda g: R(g) - g, 0.0, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    # polish: the equilibrium solves a linear equation on its active set
    v = A - B * G
    interior = v > 0
    const = 0.0
    if capped:
        cap = v >= U
        interior &= ~cap
        const = U[cap].sum()
    G2 = (const + A[interior].sum()) / (1.0 + B[interior].sum())
    if abs(R(G2) - G2) <= abs(R(G) - G):
        G = G2
    return float(G)
