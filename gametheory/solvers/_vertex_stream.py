"""A streaming enumeration of the equilibria of a nondegenerate two-player game.

The batch path of :mod:`gametheory.solvers._polytope` builds every vertex of both
best-response polytopes at once (qhull), so its memory grows with the number of
vertices: the ``k x k`` identity game has ``2^k`` of them.  This module visits the
vertices of ``P = {x >= 0 : Bn^T x <= 1}`` one at a time instead, by a depth-first
search over its edge graph (each vertex is the set of ``m`` tight constraints; moving
off one of them along the edge reaches the neighbour where the ratio test makes another
one tight), and for each vertex ``x`` with label set ``L`` solves for the only vertex
``y`` of ``Q`` that can complete it: the one where the ``n`` constraints of the
complementary labels are tight (von Stengel 2007, ch. 3; the "enumerate one polytope,
match in the other" scheme of Avis, Rosenberg, Savani & von Stengel 2010).  Each
completely labeled pair is yielded as soon as it is found, so a caller that stops after
``limit`` pairs holds ``limit`` pairs; the search itself keeps one integer key (a
bitmask of tight constraints) per vertex visited and a stack of such keys.

The pairs are exactly those of the batch path in a nondegenerate game.  Whenever the
search meets degeneracy (a vertex with more tight constraints than its dimension, a
tie in a ratio test, a singular matching system) or roundoff it cannot vouch for, it
raises :class:`Fallback` and the caller uses the batch path, which handles those games.
Exact games: every pair that is returned is re-solved and its labels checked in exact
integer arithmetic (:func:`exact_pairs`); pairs that are only counted are trusted to
the float decisions, each made with a margin (see ``MARGIN``, ``MAX_COND``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable, Iterator

import numpy as np

from ..normal_form import NormalFormGame
from ._bimatrix import normalized
from ._polytope import LABEL_TOL, ExactPolytope

__all__ = ["Fallback", "stream_pairs", "exact_pairs", "bounded_pairs", "to_pairs", "count_pairs", "use_stream"]

#: Report progress every this many vertices of P.
PROGRESS_EVERY = 256
#: A slack below LABEL_TOL is a label; a positive slack must exceed the vertex's error
#: bound, ``max(MARGIN, 100 * cond * eps)`` (``cond`` the basis's 1-norm condition
#: number, at most MAX_COND); a slack in between is too close to call and the batch path
#: takes over.
MARGIN = 1e-8
MAX_COND = 1e8
_EPS = float(np.finfo(float).eps)


class Fallback(Exception):
    """Internal: the streaming search cannot decide this game; use the batch path."""


class OverBudget(Fallback):
    """Internal: the search visited more vertices than it was allowed."""


#: Two-player games with more than this many strategies in all (``m + n``) are first
#: explored by the stream when a ``limit`` is set (smaller ones have few enough
#: vertices for the batch path to be safe and faster).
STREAM_ABOVE = 24


def use_stream(game: NormalFormGame, limit: int | None) -> bool:
    return limit is not None and sum(game.shape) > STREAM_ABOVE


def bounded_pairs(game: NormalFormGame, limit: int, progress: Callable | None) -> tuple[list, bool] | None:
    """Completely labeled pairs found by the stream, and whether there are more than ``limit``.

    Visits at most ``limit + 2`` vertices of P (enough to see ``limit + 1`` equilibria
    where nearly every vertex is one, as in the identity game).  Returns ``limit + 1``
    raw pairs ``(key, x, y)`` and True when the limit is exceeded, all of them and False
    when P was exhausted, and None when the batch path must decide (budget spent,
    degeneracy, roundoff).  :func:`to_pairs` turns raw pairs into the batch path's pairs.
    """
    found = []
    try:
        for item in stream_pairs(game, progress, max_vertices=limit + 2):
            found.append(item)
            if len(found) > limit:
                return found, True
    except Fallback:
        return None
    return found, False


def to_pairs(game: NormalFormGame, found: list) -> list[tuple[tuple, tuple]]:
    """Pairs ``(x, y)`` as the batch path gives them: Fractions re-solved exactly for exact
    games (raises :class:`Fallback` if one does not re-solve), floats otherwise."""
    if game.exact:
        resolve = exact_pairs(game)
        return [resolve(key) for key, _, _ in found]
    return [(tuple(x.tolist()), tuple(y.tolist())) for _, x, y in found]


def count_pairs(game: NormalFormGame, progress: Callable | None = None) -> int | None:
    """The number of completely labeled pairs, streamed (None when the batch path must count)."""
    try:
        return sum(1 for _ in stream_pairs(game, progress))
    except Fallback:
        return None


def _constraints(Mn: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``G`` and right-hand sides ``h`` of ``G z <= h``, indexed by label."""
    m, n = Mn.shape
    if kind == "P":  # labels 0..m-1: -x_i <= 0; labels m+j: (Bn^T x)_j <= 1
        G = np.vstack([-np.eye(m), Mn.T])
        h = np.concatenate([np.zeros(m), np.ones(n)])
    else:  # labels 0..m-1: (An y)_i <= 1; labels m+j: -y_j <= 0
        G = np.vstack([Mn, -np.eye(n)])
        h = np.concatenate([np.ones(m), np.zeros(n)])
    return G, h


def _key(labels) -> int:
    k = 0
    for l in labels:
        k |= 1 << int(l)
    return k


def _labels(key: int, total: int) -> list[int]:
    return [l for l in range(total) if key >> l & 1]


def stream_pairs(
    game: NormalFormGame,
    progress: Callable[[int, int | None], None] | None = None,
    max_vertices: int | None = None,
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Completely labeled vertex pairs ``(key, x, y)`` (unnormalized floats), one at a time.

    ``key`` is the bitmask of ``x``'s labels (``exact_pairs`` re-solves it exactly).
    Raises :class:`Fallback` on degeneracy or ill-conditioning (possibly after some
    pairs were yielded).  Every decision is made with a margin of ``MARGIN`` over
    roundoff on bases of condition at most ``MAX_COND``, so the pairs (and their
    count) are those of the exact polytopes.
    ``progress(vertices_visited, None)`` is called every ``PROGRESS_EVERY`` vertices
    (and ``(n, n)`` at the end); more than ``max_vertices`` vertices raise :class:`OverBudget`.
    """
    An, Bn = normalized(game)
    m, n = game.shape
    Anf, Bnf = np.asarray(An, float), np.asarray(Bn, float)
    GP, hP = _constraints(Bnf, "P")
    GQ, hQ = _constraints(Anf, "Q")
    total = m + n
    full = (1 << total) - 1
    start = (1 << m) - 1  # x = 0: every coordinate constraint tight
    seen = {start}
    stack = [start]
    visited = 0
    while stack:
        key = stack.pop()
        S = _labels(key, total)
        M = GP[S]
        try:
            D = -np.linalg.inv(M)  # column t: the edge leaving constraint S[t]
        except np.linalg.LinAlgError:
            raise Fallback("singular basis") from None
        cond = _cond(M, D)
        x = -D @ hP[S]
        slack = hP - GP @ x
        _check_slacks(slack, m, "P", cond)
        visited += 1
        if max_vertices is not None and visited > max_vertices:
            raise OverBudget(f"more than {max_vertices} vertices")
        if progress is not None and visited % PROGRESS_EVERY == 0:
            progress(visited, None)
        if key != start:
            y = _match(key, full, m, n, GQ, hQ)
            if y is not None:
                yield key, x, y
        # neighbours: along each edge, the first constraint to become tight
        rates = GP @ D  # rates[r, t]: growth of constraint r's left side along edge t
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(rates > LABEL_TOL, slack[:, None] / rates, np.inf)
        ratio[S] = np.inf
        best = ratio.min(axis=0)
        if not np.isfinite(best).all():
            raise Fallback("an unbounded edge")  # P is bounded: roundoff
        near = ratio <= best + LABEL_TOL * np.maximum(1.0, best)
        if (np.count_nonzero(near, axis=0) != 1).any():
            raise Fallback("a tie in the ratio test (degenerate game)")
        enter = np.argmax(near, axis=0)
        for l, r in zip(S, enter.tolist()):
            nxt = (key & ~(1 << l)) | (1 << r)
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    if progress is not None:
        progress(visited, visited)


def _cond(M: np.ndarray, Minv: np.ndarray) -> float:
    cond = float(np.abs(M).sum(axis=0).max() * np.abs(Minv).sum(axis=0).max())
    if not cond <= MAX_COND:
        raise Fallback("an ill-conditioned basis")
    return cond


def _check_slacks(slack: np.ndarray, d: int, name: str, cond: float) -> None:
    """Every slack is clearly zero (``d`` of them) or clearly positive, else Fallback."""
    if slack.min() < -LABEL_TOL:
        raise Fallback(f"a vertex outside {name} within roundoff")
    tight = slack <= LABEL_TOL
    if np.count_nonzero(tight) != d:
        raise Fallback(f"a vertex of {name} with surplus labels (degenerate game)")
    if (slack[~tight] < max(MARGIN, 100 * cond * _EPS)).any():
        raise Fallback(f"a constraint of {name} within roundoff of tight")


def _match(key, full, m, n, GQ, hQ):
    """The vertex ``y`` of Q completing ``x`` (tight exactly on the complementary labels)."""
    K = _labels(full ^ key, m + n)
    M = GQ[K]
    try:
        Minv = np.linalg.inv(M)
    except np.linalg.LinAlgError:
        raise Fallback("a singular matching system (degenerate game)") from None
    cond = _cond(M, Minv)
    y = Minv @ hQ[K]
    slack = hQ - GQ @ y
    if slack.min() < -max(MARGIN, 100 * cond * _EPS):
        return None  # clearly infeasible
    _check_slacks(slack, n, "Q", cond)
    return y


def exact_pairs(game: NormalFormGame) -> Callable[[int], tuple[tuple, tuple]]:
    """``key -> (x, y)`` in Fractions for an exact game, re-solved and label-checked exactly."""
    An, Bn = normalized(game)
    m, n = game.shape
    full = (1 << (m + n)) - 1
    PP, QQ = _IntPolytope(Bn, "P"), _IntPolytope(An, "Q")

    def resolve(key: int) -> tuple[tuple, tuple]:
        rx, ry = PP.solve(_labels(key, m + n)), QQ.solve(_labels(full ^ key, m + n))
        if rx is None or ry is None or rx[1] != key or ry[1] != full ^ key:
            raise Fallback("a float vertex does not re-solve exactly")
        return rx[0], ry[0]

    return resolve


class _IntPolytope:
    """``P`` or ``Q`` with each constraint scaled to integers, for exact vertex checks."""

    def __init__(self, Mn: np.ndarray, kind: str) -> None:
        poly = ExactPolytope(Mn, kind)
        self.rows, self.rhs = [], []
        for row, b in zip(poly.rows, poly.rhs):
            den = math.lcm(*(Fraction(v).denominator for v in row), Fraction(b).denominator)
            self.rows.append([int(Fraction(v) * den) for v in row])
            self.rhs.append(int(Fraction(b) * den))

    def solve(self, tight: list[int]) -> tuple[tuple, int] | None:
        """The exact point where the constraints ``tight`` hold with equality, and its label key."""
        res = _bareiss([self.rows[l] for l in tight], [self.rhs[l] for l in tight])
        if res is None:
            return None
        det, num = res
        key = 0
        for l, (row, b) in enumerate(zip(self.rows, self.rhs)):
            s = b * det - sum(a * v for a, v in zip(row, num) if a)
            if s < 0:
                return None
            if s == 0:
                key |= 1 << l
        return tuple(Fraction(v, det) for v in num), key


def _bareiss(M: list[list[int]], b: list[int]) -> tuple[int, list[int]] | None:
    """``(det, det * z)`` with ``M z = b``, ``det > 0``, by fraction-free Gauss-Jordan
    elimination (Bareiss 1968): every division is exact, so integers stay integers."""
    d = len(M)
    T = [list(r) + [v] for r, v in zip(M, b)]
    prev = 1
    for k in range(d):
        p = next((i for i in range(k, d) if T[i][k] != 0), None)
        if p is None:
            return None
        T[k], T[p] = T[p], T[k]
        akk, rowk = T[k][k], T[k]
        for i in range(d):
            if i != k:
                aik, rowi = T[i][k], T[i]
                T[i] = [(akk * u - aik * w) // prev for u, w in zip(rowi, rowk)]
        prev = akk
    det = T[0][0]  # every diagonal entry is the determinant (up to row order)
    if det < 0:
        return -det, [-r[d] for r in T]
    return det, [r[d] for r in T]
