"""Exact solution of a sparse linear system in Fractions (rows as dicts column -> value).

Incremental echelon form: each new row is reduced by the pivot rows found so far and, if
anything is left, becomes a pivot row; back substitution then sets the free unknowns to 0.
The sequence-form systems are tree-shaped and stay sparse, which dense elimination would not
exploit.  Part of :mod:`gametheory.extensive`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction


def solve_sparse(rows: Iterable[tuple[dict[int, Fraction], Fraction]], n: int) -> tuple[list[Fraction], int] | None:
    """A solution of the rows ``sum_j a_j x_j = b`` (free unknowns 0) and the rank; None if inconsistent."""
    pivots: list[tuple[int, dict[int, Fraction], Fraction]] = []
    where: dict[int, int] = {}
    for a, b in rows:
        a = {j: Fraction(v) for j, v in a.items() if v}
        b = Fraction(b)
        while True:
            # the earliest pivot row first: its elimination brings in only later pivots
            k = min((where[j] for j in a if j in where), default=None)
            if k is None:
                break
            pc, prow, pb = pivots[k]
            f = a[pc] / prow[pc]
            for j, v in prow.items():
                nv = a.get(j, 0) - f * v
                if nv:
                    a[j] = nv
                else:
                    a.pop(j, None)
            b -= f * pb
        if not a:
            if b != 0:
                return None
            continue
        pc = min(a)
        where[pc] = len(pivots)
        pivots.append((pc, a, b))
    x = [Fraction(0)] * n
    for pc, a, b in reversed(pivots):
        s = b - sum((v * x[j] for j, v in a.items() if j != pc), Fraction(0))
        x[pc] = s / a[pc]
    return x, len(pivots)
