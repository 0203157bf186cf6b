"""The index of a nondegenerate equilibrium of a two-player game (Shapley 1974).

For an equilibrium ``(x, y)`` with supports ``I`` and ``J`` of equal size ``k``, at which
the pure best responses are exactly the supports (a regular equilibrium), the index is

    (-1)^(k+1) * sign(det [[A_IJ, 1], [1^T, 0]]) * sign(det [[B_IJ, 1], [1^T, 0]]).

This is Shapley's ``(-1)^(k+1) sign(det A_IJ det B_IJ)`` for payoff matrices with positive
entries (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45, sec. 7; Balthasar 2009):
bordering the submatrix by ones makes the sign invariant to adding a constant to a player's
payoffs, and for a positive matrix ``det [[M, 1], [1^T, 0]] = -det(M) 1^T M^{-1} 1`` with
``1^T M^{-1} 1 = 1/u > 0`` (``u`` the equilibrium payoff), so the two formulas agree.
In a nondegenerate game every equilibrium is regular and the indices sum to +1.

Signs are computed exactly (floats are the binary rationals they are), so the index of a
float game is never decided by roundoff.  This module imports no other part of the
engine, so :class:`gametheory.Equilibrium` can compute ``eq.index`` lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["bimatrix_index"]


def bimatrix_index(A: Any, B: Any, x: Sequence[Any], y: Sequence[Any], *, zero: float = 0.0,
                   payoff_tols: tuple[float, float] = (0.0, 0.0)) -> int | None:
    """The index (+1 or -1) of the equilibrium ``(x, y)`` of the bimatrix game ``(A, B)``,
    or None when it is not regular (unequal support sizes, a best response outside the
    support, or a singular bordered submatrix), where the formula does not apply.

    ``zero`` is the largest probability counted as 0 and ``payoff_tols`` the payoff gap
    within which a strategy counts as a best response (0 for exact profiles).

    References
    ----------
    Shapley, L. S. (1974). A note on the Lemke-Howson algorithm. Mathematical Programming
    Study 1, 175-189.  von Stengel, B. (2002). Computing equilibria for two-person games.
    Handbook of Game Theory 3, ch. 45.  Balthasar, A. (2009). Geometry and equilibria in
    bimatrix games. PhD thesis, LSE.

    Examples
    --------
    >>> bimatrix_index([[2, 0], [0, 1]], [[1, 0], [0, 2]], [1, 0], [1, 0])
    1
    >>> from fractions import Fraction as F
    >>> bimatrix_index([[2, 0], [0, 1]], [[1, 0], [0, 2]], [F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)])
    -1
    """
    A = [[Fraction(v) for v in row] for row in A]
    B = [[Fraction(v) for v in row] for row in B]
    m, n = len(A), len(A[0])
    I = [i for i in range(m) if x[i] > zero]
    J = [j for j in range(n) if y[j] > zero]
    if len(I) != len(J) or not I:
        return None
    # regular: the pure best responses are exactly the supports
    ay = [sum(A[i][j] * Fraction(y[j]) for j in J) for i in range(m)]
    xb = [sum(B[i][j] * Fraction(x[i]) for i in I) for j in range(n)]
    for vals, supp, tol in ((ay, I, payoff_tols[0]), (xb, J, payoff_tols[1])):
        best = max(vals)
        if [k for k, v in enumerate(vals) if best - v <= tol] != supp:
            return None
    da = _det(_bordered([[A[i][j] for j in J] for i in I]))
    db = _det(_bordered([[B[i][j] for j in J] for i in I]))
    if da == 0 or db == 0:
        return None
    sign = (1 if da > 0 else -1) * (1 if db > 0 else -1)
    return sign if len(I) % 2 == 1 else -sign


def _bordered(M: list[list[Fraction]]) -> list[list[Fraction]]:
    k = len(M)
    return [row + [Fraction(1)] for row in M] + [[Fraction(1)] * k + [Fraction(0)]]


def _det(M: list[list[Fraction]]) -> Fraction:
    """Exact determinant by Gaussian elimination over Fractions."""
    M = [list(r) for r in M]
    d = len(M)
    det = Fraction(1)
    for c in range(d):
        p = next((r for r in range(c, d) if M[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            M[c], M[p] = M[p], M[c]
            det = -det
        det *= M[c][c]
        for r in range(c + 1, d):
            f = M[r][c] / M[c][c]
            if f:
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return det
