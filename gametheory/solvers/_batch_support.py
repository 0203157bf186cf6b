"""Vectorized support enumeration for a stack of small bimatrix games (the kernel of ``solve_batch``).

With each player's payoffs shifted to positive numbers, the best-response polytopes are
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` (von Stengel 2007, ch. 3 of
*Algorithmic Game Theory*).  Every vertex of ``P`` other than 0 solves
``B[I, J]^T x_I = 1`` with ``x`` zero outside ``I`` for one pair of equal-size supports
``(I, J)``, and likewise every vertex of ``Q`` solves ``A[I, J] y_J = 1``.  So one pass over
the ``sum_k C(m, k) C(n, k)`` equal-size support pairs (19 at 3 x 3), solving each small
system for all games at once by Cramer's rule, gives

* the equilibria of a nondegenerate game: the pairs where both solutions are positive and
  no pure strategy outside the supports does better (Dickhaut & Kaplan 1991), and
* the degeneracy test: a game is degenerate iff some vertex of ``P`` or ``Q`` has more
  labels than its dimension (a zero inside the support, or a strategy outside the support
  that is also a best response), and every point with surplus labels lies on a face whose
  vertices have them too.

Exact (integer) stacks decide every sign in integer arithmetic: int64 when the
determinants provably fit, Python integers otherwise.  Float stacks work on payoffs scaled
onto ``[1, 2]`` per game and player and call a label tight within ``DEGENERATE_TOL``,
which is looser than the per-game solvers' ``1e-9`` so that a game they might call
degenerate is flagged here; a support system whose determinant is below ``SINGULAR_TOL``
flags the game as ill-conditioned.  Flagged games are solved one at a time by the caller.
"""

from __future__ import annotations

from itertools import combinations, permutations
from math import factorial

import numpy as np

__all__ = ["support_pairs", "enumerate_supports", "DEGENERATE_TOL", "SINGULAR_TOL"]

DEGENERATE_TOL = 1e-7
SINGULAR_TOL = 1e-9
_INT64_SAFE = 2**62


def support_pairs(m: int, n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """All pairs of equal-size supports, smallest first."""
    return [(I, J) for k in range(1, min(m, n) + 1) for I in combinations(range(m), k) for J in combinations(range(n), k)]


def _perm_sign(p: tuple[int, ...]) -> int:
    s, seen = 1, list(p)
    for i in range(len(seen)):
        while seen[i] != i:
            j = seen[i]
            seen[i], seen[j] = seen[j], seen[i]
            s = -s
    return s


_PERMS: dict[int, list[tuple[int, tuple[int, ...]]]] = {}


def _det(M: np.ndarray) -> np.ndarray:
    """Determinants of a stack ``(N, k, k)`` by the Leibniz formula (exact for integer dtypes)."""
    k = M.shape[-1]
    if k == 1:
        return M[:, 0, 0].copy()
    if k == 2:
        return M[:, 0, 0] * M[:, 1, 1] - M[:, 0, 1] * M[:, 1, 0]
    perms = _PERMS.setdefault(k, [(_perm_sign(p), p) for p in permutations(range(k))])
    out = None
    for s, p in perms:
        term = M[:, 0, p[0]]
        for i in range(1, k):
            term = term * M[:, i, p[i]]
        out = term if out is None else (out + term if s > 0 else out - term)
    return out


def _cramer_ones(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(num, den)`` with ``M z = 1`` solved as ``z = num / den`` for each matrix of the stack."""
    den = _det(M)
    num = np.empty(M.shape[:2], dtype=M.dtype)
    for j in range(M.shape[-1]):
        Mj = M.copy()
        Mj[:, :, j] = 1
        num[:, j] = _det(Mj)
    return num, den


def int_dtype(A: np.ndarray, B: np.ndarray, k: int) -> type | np.dtype:
    """int64 when every determinant and comparison of the kernel fits, else object (Python ints)."""
    R = max(int(A.max(initial=1)), int(B.max(initial=1)))
    bound = (k + 1) * factorial(k) * R ** (k + 1)
    return np.int64 if bound < _INT64_SAFE else object


def enumerate_supports(A: np.ndarray, B: np.ndarray, exact: bool):
    """Equilibria of nondegenerate games of a stack, and which games need a per-game solve.

    ``A``, ``B``: (N, m, n) with positive entries (integers when ``exact``; floats scaled
    onto ``[1, 2]`` otherwise).  Returns ``(found, degenerate, unsure)``: ``found`` a list of
    ``(pair, games, x_num, x_den, y_num, y_den)`` (probabilities ``x_num / x_den`` on the
    pair's supports, one row per game in ``games``); ``degenerate[g]`` whether game ``g``
    has a vertex with surplus labels; ``unsure[g]`` (float stacks) a near-singular system.
    """
    N, m, n = A.shape
    degenerate = np.zeros(N, dtype=bool)
    unsure = np.zeros(N, dtype=bool)
    found = []
    for I, J in support_pairs(m, n):
        Iout = [i for i in range(m) if i not in I]
        Jout = [j for j in range(n) if j not in J]
        BIJ = B[:, I][:, :, J]
        AIJ = A[:, I][:, :, J]
        xn, xd = _cramer_ones(np.swapaxes(BIJ, 1, 2))  # B[I, J]^T x_I = 1
        yn, yd = _cramer_ones(AIJ)  # A[I, J] y_J = 1
        # make the denominators positive so that signs of numerators are signs of coordinates
        sx = np.where(xd < 0, -1, 1).astype(xd.dtype)
        sy = np.where(yd < 0, -1, 1).astype(yd.dtype)
        xn, xd = xn * sx[:, None], xd * sx
        yn, yd = yn * sy[:, None], yd * sy
        # outside strategies: B[I, j]^T x_I <= 1 and A[i, J] y_J <= 1, scaled by the denominators
        bx = (B[:, I][:, :, Jout] * xn[:, :, None]).sum(axis=1) if Jout else np.zeros((N, 0), xn.dtype)
        ay = (A[:, Iout][:, :, J] * yn[:, None, :]).sum(axis=2) if Iout else np.zeros((N, 0), yn.dtype)
        if exact:
            okx, oky = xd != 0, yd != 0
            # surplus labels at a vertex: a zero coordinate, or a tight outside constraint
            feas_x = okx & (xn >= 0).all(axis=1) & (bx <= xd[:, None]).all(axis=1)
            feas_y = oky & (yn >= 0).all(axis=1) & (ay <= yd[:, None]).all(axis=1)
            surplus_x = (xn == 0).any(axis=1) | (bx == xd[:, None]).any(axis=1)
            surplus_y = (yn == 0).any(axis=1) | (ay == yd[:, None]).any(axis=1)
            eq = feas_x & feas_y & (xn > 0).all(axis=1) & (yn > 0).all(axis=1)
        else:
            okx, oky = xd > SINGULAR_TOL, yd > SINGULAR_TOL
            unsure |= ~okx | ~oky
            with np.errstate(divide="ignore", invalid="ignore"):
                x = xn / xd[:, None]
                y = yn / yd[:, None]
                bxv = bx / xd[:, None]
                ayv = ay / yd[:, None]
            t = DEGENERATE_TOL
            feas_x = okx & (x >= -t).all(axis=1) & (bxv <= 1 + t).all(axis=1)
            feas_y = oky & (y >= -t).all(axis=1) & (ayv <= 1 + t).all(axis=1)
            surplus_x = (np.abs(x) <= t).any(axis=1) | (np.abs(bxv - 1) <= t).any(axis=1)
            surplus_y = (np.abs(y) <= t).any(axis=1) | (np.abs(ayv - 1) <= t).any(axis=1)
            eq = feas_x & feas_y & (x > t).all(axis=1) & (y > t).all(axis=1)
        degenerate |= (feas_x & surplus_x) | (feas_y & surplus_y)
        g = np.flatnonzero(eq)
        if len(g):
            xs = xn[g]
            ys = yn[g]
            found.append(((I, J), g, xs, xs.sum(axis=1), ys, ys.sum(axis=1)))
    return found, degenerate, unsure
