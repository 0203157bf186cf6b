"""Lemke's algorithm for a linear complementarity problem, exact or in floats.

Find ``z >= 0`` with ``w = q + M z >= 0`` and ``z^T w = 0``.  The problem is augmented
with a covering vector ``d > 0`` and an artificial variable ``z0``
(``w = q + M z + d z0``); starting at ``z = 0, z0 = max(-q_i / d_i)``, complementary
pivots follow a path of almost complementary basic solutions until ``z0`` leaves the basis
(Lemke 1965; Cottle, Pang & Stone 1992, 4.4).  The leaving row is the *lexicographic*
minimum ratio of the rows of ``(rhs, B^-1)``, which is unique in every degenerate problem
and excludes cycling.  A path can end on a ray (no row limits the entering variable); that
is reported, not guessed around.

Exact problems use integer tableaux with fraction-free pivoting (entries stay integers;
each division by the previous pivot is exact, Bareiss 1968); float problems use float64
with relative pivot and tie thresholds ``1e-12``.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from ..errors import SolverError

__all__ = ["exact_basic_solution", "lemke", "lemke_float_basis"]

_EPS = 1e-12
_REFACTOR = 100  # float pivots between refactorizations of the basis


class RayTermination(SolverError):
    """Lemke's path ended on a ray: the entering variable can grow without bound."""


def lemke(M: Any, q: Any, d: Any = None, exact: bool = True, max_iter: int = 100_000) -> tuple[list, int]:
    """A solution ``z`` of the LCP ``(q, M)`` and the number of pivots.

    ``M``: n x n, ``q``: n, ``d``: the covering vector (default all ones; positive).  Exact:
    entries are ints/Fractions and ``z`` is a list of Fractions.  Raises
    :class:`RayTermination` when the path ends on a ray, :class:`SolverError` after
    ``max_iter`` pivots.
    """
    n = len(q)
    if d is None:
        d = [1] * n
    if exact:
        return _lemke_exact(M, q, d, max_iter)
    z, pivots, _ = _lemke_float(np.asarray(M, float), np.asarray(q, float), np.asarray(d, float), max_iter)
    return z, pivots


def lemke_float_basis(M: Any, q: Any, d: Any = None, max_iter: int = 100_000) -> tuple[list, int, list[int]]:
    """The float path's solution, pivots and final basis (variables: ``w`` 0..n-1, ``z`` n..2n-1)."""
    n = len(q)
    dd = np.ones(n) if d is None else np.asarray(d, float)
    return _lemke_float(np.asarray(M, float), np.asarray(q, float), dd, max_iter)


def exact_basic_solution(M: Any, q: Any, basis: list[int]) -> list | None:
    """The exact ``z`` of a complementary basis (``z0`` out), or None unless it is a solution.

    Solves ``w - M z = q`` in Fractions for the basic variables (the others 0) and checks
    that every basic value is >= 0: then ``z >= 0``, ``w = q + M z >= 0`` and, the basis being
    complementary, ``z^T w = 0``.  This certifies a basis found in floats exactly."""
    n = len(q)
    if len(basis) != n or 2 * n in basis or len({b % n for b in basis}) != n:
        return None
    pos = {var: k for k, var in enumerate(basis)}
    rows: list[dict] = [{} for _ in range(n)]
    for var, k in pos.items():
        if var < n:
            rows[var][k] = Fraction(1)
        else:
            j = var - n
            for i in range(n):
                v = M[i][j]
                if v:
                    rows[i][k] = -Fraction(v)
    from ._exactlin import solve_sparse

    sol = solve_sparse(zip(rows, (Fraction(v) for v in q)), n)
    if sol is None or sol[1] < n or min(sol[0]) < 0:
        return None
    return _solution(basis, sol[0], n, Fraction(0))


def _solution(basis: list[int], rhs: list, n: int, zero: Any) -> list:
    z = [zero] * n
    for r, var in enumerate(basis):
        if n <= var < 2 * n:
            z[var - n] = rhs[r]
    return z


# ----------------------------------------------------------------------------- exact
def _lemke_exact(M: Any, q: Any, d: Any, max_iter: int) -> tuple[list, int]:
    n = len(q)
    Mf = [[Fraction(v) for v in row] for row in M]
    qf = [Fraction(v) for v in q]
    df = [Fraction(v) for v in d]
    if min(qf) >= 0:
        return [Fraction(0)] * n, 0
    L = lcm(*(v.denominator for row in Mf for v in row), *(v.denominator for v in qf), *(v.denominator for v in df))
    # columns: w (0..n-1), z (n..2n-1), z0 (2n), rhs (2n+1); rows say w' - L M z - L d z0 = L q
    # with w' = L w: integer entries and an identity basis, so Bareiss's divisions are exact
    T = np.empty((n, 2 * n + 2), dtype=object)
    T[:] = 0
    for i in range(n):
        T[i, i] = 1
        for j in range(n):
            T[i, n + j] = int(-Mf[i][j] * L)
        T[i, 2 * n] = int(-df[i] * L)
        T[i, 2 * n + 1] = int(qf[i] * L)
    det = 1  # the basic columns are det * identity: Bareiss pivoting keeps them so
    basis = list(range(n))
    z0, rhs = 2 * n, 2 * n + 1

    def lex_min(rows: list[int], col: int, sign: int) -> int:
        # lexicographic minimum of (rhs, B^-1) rows divided by sign * T[i, col] (> 0)
        for c in [rhs, *range(n)]:
            q_ = {i: Fraction(T[i, c], sign * T[i, col]) for i in rows}
            best = min(q_.values())
            rows = [i for i in rows if q_[i] == best]
            if len(rows) == 1:
                break
        return rows[0]

    def pivot(r: int, col: int) -> None:
        nonlocal T, det
        p = T[r, col]
        colv = T[:, col].copy()
        row = T[r].copy()
        T = (T * p - np.outer(colv, row)) // det
        T[r] = row
        det = p
        if det < 0:
            T = -T
            det = -det

    # z0 enters at the row minimizing (q_i, e_i) / d_i: afterwards every row is lexico-positive
    r = lex_min([i for i in range(n) if T[i, z0] != 0], z0, -1)
    pivot(r, z0)
    leaving = basis[r]
    basis[r] = z0
    for step in range(1, max_iter + 1):
        enter = leaving + n if leaving < n else leaving - n
        rows = [i for i in range(n) if T[i, enter] > 0]
        if not rows:
            raise RayTermination(f"Lemke's algorithm ended on a ray after {step} pivots")
        r = lex_min(rows, enter, 1)
        pivot(r, enter)
        leaving = basis[r]
        basis[r] = enter
        if leaving == z0:
            vals = [Fraction(T[i, rhs], det) for i in range(n)]
            return _solution(basis, vals, n, Fraction(0)), step + 1
    raise SolverError(f"Lemke's algorithm: no solution after max_iter={max_iter} pivots")


# ----------------------------------------------------------------------------- float
def _lex_row_float(rhs: np.ndarray, Binv: np.ndarray, col: np.ndarray, rows: np.ndarray) -> int:
    """Lexicographic minimum ratio of the rows ``(rhs, B^-1)`` over ``col`` (ties within 1e-12)."""
    piv = col[rows]
    q = rhs[rows] / piv
    for c in range(-1, Binv.shape[1]):
        if c >= 0:
            q = Binv[rows, c] / piv
        qmin = q.min()
        keep = q <= qmin + _EPS * max(1.0, abs(qmin))
        rows, piv = rows[keep], piv[keep]
        if len(rows) == 1:
            break
    return int(rows[0])


def _lemke_float(M: np.ndarray, q: np.ndarray, d: np.ndarray, max_iter: int) -> tuple[list, int, list[int]]:
    """Revised form: ``B^-1`` and ``B^-1 q`` are updated, the entering column is ``B^-1`` times
    the (sparse) original column, so a pivot costs one rank-one update of ``B^-1``."""
    n = q.size
    if q.min() >= 0:
        return [0.0] * n, 0, list(range(n))
    nz = [np.flatnonzero(M[:, j]) for j in range(n)]
    Binv = np.eye(n)
    rhs = q.astype(float).copy()
    basis = list(range(n))
    z0 = 2 * n

    def original(var: int) -> np.ndarray:
        if var < n:
            a = np.zeros(n)
            a[var] = 1.0
            return a
        return -M[:, var - n] if var < z0 else -d

    def column(var: int) -> np.ndarray:
        if var < n:
            return Binv[:, var].copy()
        if var < z0:
            idx = nz[var - n]
            return -(Binv[:, idx] @ M[idx, var - n])
        return -(Binv @ d)

    def pivot(r: int, col: np.ndarray) -> None:
        p = col[r]
        Binv[r] /= p
        rhs[r] /= p
        c = col.copy()
        c[r] = 0.0
        rhs[:] -= c * rhs[r]
        Binv[:] -= np.outer(c, Binv[r])

    col = column(z0)
    rows = np.flatnonzero(col != 0)
    r = _lex_row_float(rhs, Binv, -col, rows)
    pivot(r, col)
    leaving = basis[r]
    basis[r] = z0
    for step in range(1, max_iter + 1):
        enter = leaving + n if leaving < n else leaving - n
        col = column(enter)
        scale = max(1.0, float(np.abs(col).max()))
        rows = np.flatnonzero(col > _EPS * scale)
        if rows.size == 0:
            raise RayTermination(f"Lemke's algorithm ended on a ray after {step} pivots")
        r = _lex_row_float(rhs, Binv, col, rows)
        pivot(r, col)
        leaving = basis[r]
        basis[r] = enter
        if step % _REFACTOR == 0:
            # long paths drift: recompute B^-1 from the original columns of the basis
            B = np.column_stack([original(v) for v in basis])
            Binv[:] = np.linalg.inv(B)
            rhs[:] = Binv @ q
        if leaving == z0:
            vals = [max(0.0, float(v)) for v in rhs]
            return _solution(basis, vals, n, 0.0), step + 1, basis
    raise SolverError(f"Lemke's algorithm: no solution after max_iter={max_iter} pivots")
