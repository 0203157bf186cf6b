"""The best-response polytopes of vertex enumeration: their vertices and labels.

For a bimatrix game ``(A, B)`` with ``m`` rows and ``n`` columns, payoffs are first mapped
by a positive affine change (which leaves the equilibria unchanged) to matrices ``An``,
``Bn`` with entries in ``[1, 2]`` (:func:`._bimatrix.normalized`).  The best-response polytopes (von Stengel 2007,
"Equilibrium computation for two-player games in strategic and extensive form", ch. 3 of
*Algorithmic Game Theory*) are::

    P = {x in R^m : x >= 0, Bn^T x <= 1}      Q = {y in R^n : An y <= 1, y >= 0}

Labels are numbered ``0..m-1`` (row strategies) and ``m..m+n-1`` (column strategies).
``x in P`` has label ``i`` if ``x_i = 0`` and label ``m+j`` if ``(Bn^T x)_j = 1``;
``y in Q`` has label ``i`` if ``(An y)_i = 1`` and label ``m+j`` if ``y_j = 0``.
``(x, y) != (0, 0)`` is completely labeled (every label present in x or y) iff
``(x / sum x, y / sum y)`` is a Nash equilibrium.  The game is nondegenerate iff no
point of P has more than ``m`` labels and no point of Q more than ``n`` (von Stengel 2007,
ch. 3: equivalently, no mixed strategy with support size k has more than k pure best
responses); it suffices to check the vertices, as every face of a polytope has one.

Floating-point vertex enumeration uses qhull (Barber, Dobkin & Huhdanpaa 1996) through
:class:`scipy.spatial.ConvexHull` on the polar of each polytope; labels are slacks within
``LABEL_TOL`` (on the normalized ``[1, 2]`` payoff scale).  For exact games every
candidate found in floating point is re-solved and checked with Fractions, and an exact
enumeration (a depth-first search over the feasible bases of each polytope, Fraction
pivoting) replaces the float pass whenever that pass is ill-conditioned.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from ..normal_form import NormalFormGame
from ._bimatrix import exact_point, normalized

__all__ = ["LABEL_TOL", "IllConditioned", "ExactPolytope", "bimatrix_vertices", "exact_route_for_float"]

#: Slack below which a constraint counts as tight in the float pass (payoffs scaled to [1, 2]).
LABEL_TOL = 1e-9


class IllConditioned(Exception):
    """Internal: the floating-point pass cannot be trusted; use exact arithmetic."""


# --------------------------------------------------------------------------- float vertices
def _float_vertices(C: np.ndarray) -> np.ndarray:
    """Vertices of ``{z >= 0 : C z <= 1}`` (``C`` positive, shape ``k x d``) by qhull."""
    k, d = C.shape
    if d == 1:
        return np.array([[0.0], [1.0 / C.max()]])
    # an interior point on the diagonal; translate it to the origin and take the polar
    c = 0.5 / C.sum(axis=1).max()
    z0 = np.full(d, c)
    rhs = 1.0 - C @ z0
    points = np.empty((d + k, d))
    points[:d] = 0.0
    points[:d].flat[:: d + 1] = -1.0 / c
    np.divide(C, rhs[:, None], out=points[d:])
    eq = _hull_equations(points)
    if np.abs(eq[:, -1]).min() < 1e-12:
        raise IllConditioned("a polar facet passes through the interior point")
    return -eq[:, :-1] / eq[:, -1:] + z0


def _hull_equations(points: np.ndarray) -> np.ndarray:
    """Facet equations of the convex hull of ``points`` (qhull with scipy's ConvexHull options).

    scipy's ConvexHull also computes the hull's volume and area (10-20% of the run time in
    10-15 dimensions, and unused here), so qhull is called through scipy's internal
    ``_Qhull`` with ConvexHull's own options ("Qx" above 4 dimensions, "Qt" always); if that
    internal interface is missing or changed, ConvexHull itself is used.
    """
    global _LEAN_QHULL
    if _LEAN_QHULL:
        try:
            from scipy.spatial import _qhull

            opts = b"Qx" if points.shape[1] > 4 else b""
            q = _qhull._Qhull(b"i", points, opts, required_options=b"Qt")
            try:
                q.triangulate()
                eq = q.get_simplex_facet_array()[2]
            finally:
                q.close()
            if isinstance(eq, np.ndarray) and eq.ndim == 2 and eq.shape[1] == points.shape[1] + 1:
                return eq
        except (ImportError, AttributeError, TypeError, IndexError):
            pass
        _LEAN_QHULL = False
    from scipy.spatial import ConvexHull

    return ConvexHull(points).equations


_LEAN_QHULL = True


def _slacks_P(Z: np.ndarray, Bn: np.ndarray) -> np.ndarray:
    m = Z.shape[1]
    S = np.empty((Z.shape[0], m + Bn.shape[1]))
    S[:, :m] = Z
    np.matmul(Z, Bn, out=S[:, m:])
    np.subtract(1.0, S[:, m:], out=S[:, m:])
    return S


def _slacks_Q(Z: np.ndarray, An: np.ndarray) -> np.ndarray:
    m = An.shape[0]
    S = np.empty((Z.shape[0], m + Z.shape[1]))
    S[:, m:] = Z
    np.matmul(Z, An.T, out=S[:, :m])
    np.subtract(1.0, S[:, :m], out=S[:, :m])
    return S


class ExactPolytope:
    """Exact constraints ``a_l . z <= b_l`` of P or Q, indexed by label."""

    def __init__(self, Mn: np.ndarray, kind: str):
        # kind "P": Mn = Bn (m x n), z = x; kind "Q": Mn = An (m x n), z = y
        m, n = Mn.shape
        self.kind = kind
        zero, one = Fraction(0), Fraction(1)
        if kind == "P":
            d = m
            coord = [[-one if c == i else zero for c in range(d)] for i in range(m)]
            cons = [[Fraction(Mn[i, j]) for i in range(m)] for j in range(n)]
            self.rows = coord + cons
            self.rhs = [zero] * m + [one] * n
        else:
            d = n
            cons = [[Fraction(Mn[i, j]) for j in range(n)] for i in range(m)]
            coord = [[-one if c == j else zero for c in range(d)] for j in range(n)]
            self.rows = cons + coord
            self.rhs = [one] * m + [zero] * n
        self.d = d
        self.nlab = m + n

    def solve(self, order: Sequence[int]) -> tuple[tuple, frozenset] | None:
        """The point where the rows in ``order`` are tight (first d independent), if feasible."""
        z = exact_point(self.rows, self.rhs, order, self.d)
        if z is None:
            return None
        labels = []
        for l in range(self.nlab):
            s = self.rhs[l] - sum((a * v for a, v in zip(self.rows[l], z) if a and v), Fraction(0))
            if s < 0:
                return None
            if s == 0:
                labels.append(l)
        return tuple(z), frozenset(labels)


# --------------------------------------------------------------------------- exact enumeration
def _exact_vertices(C: list[list[Fraction]]) -> dict[tuple, None]:
    """All vertices of ``{z >= 0 : C z <= 1}`` (C positive, k x d) by a depth-first search over feasible bases.

    Fraction tableau ``C z + s = 1``; from each basis every entering variable and every row
    attaining the minimum ratio is tried, so all feasible bases (hence all vertices, also
    degenerate ones) are reached: the graph of feasible bases of a polytope is connected.
    """
    k, d = len(C), len(C[0])
    one, zero = Fraction(1), Fraction(0)
    T0 = [list(C[r]) + [one if c == r else zero for c in range(k)] + [one] for r in range(k)]
    start = tuple(range(d, d + k))
    seen = {frozenset(start)}
    stack = [(start, T0)]
    verts: dict[tuple, None] = {}
    while stack:
        basis, T = stack.pop()
        z = [zero] * d
        for r, v in enumerate(basis):
            if v < d:
                z[v] = T[r][-1]
        verts[tuple(z)] = None
        nonbasic = [v for v in range(d + k) if v not in basis]
        for e in nonbasic:
            best = None
            rows = []
            for r in range(k):
                a = T[r][e]
                if a > 0:
                    q = T[r][-1] / a
                    if best is None or q < best:
                        best, rows = q, [r]
                    elif q == best:
                        rows.append(r)
            for r in rows:
                nb = list(basis)
                nb[r] = e
                key = frozenset(nb)
                if key in seen:
                    continue
                seen.add(key)
                piv = T[r][e]
                prow = [a / piv for a in T[r]]
                NT = []
                for i in range(k):
                    if i == r:
                        NT.append(prow)
                    else:
                        f = T[i][e]
                        NT.append([a - f * p for a, p in zip(T[i], prow)] if f else T[i])
                stack.append((tuple(nb), NT))
    return verts


def exact_extreme_pairs(An: np.ndarray, Bn: np.ndarray) -> tuple[list[tuple[tuple, tuple]], bool]:
    """All completely labeled vertex pairs (exact), and whether the game is degenerate."""
    m, n = An.shape
    PP, QQ = ExactPolytope(Bn, "P"), ExactPolytope(An, "Q")
    CP = [[Fraction(Bn[i, j]) for i in range(m)] for j in range(n)]
    CQ = [[Fraction(An[i, j]) for j in range(n)] for i in range(m)]

    def labelled(poly: ExactPolytope, verts: dict) -> list[tuple[tuple, frozenset]]:
        out = []
        for z in verts:
            labs = [l for l in range(poly.nlab)
                    if poly.rhs[l] - sum((a * v for a, v in zip(poly.rows[l], z) if a and v), Fraction(0)) == 0]
            out.append((z, frozenset(labs)))
        return out

    VP = labelled(PP, _exact_vertices(CP))
    VQ = labelled(QQ, _exact_vertices(CQ))
    degenerate = any(len(L) > m for _, L in VP) or any(len(L) > n for _, L in VQ)
    full = frozenset(range(m + n))
    pairs = []
    for zx, Lx in VP:
        if not any(zx):
            continue
        for zy, Ly in VQ:
            if any(zy) and Lx | Ly == full:
                pairs.append((zx, zy))
    return pairs, degenerate


# --------------------------------------------------------------------------- float pass
#: Build P and Q concurrently in two threads (qhull releases the GIL) for games with
#: at least _THREAD_MIN strategies in all, when this process may use more than one CPU
#: and one of them looks idle (1-minute load average below the CPU count minus 1/2);
#: set False to stay on one thread.  A hand-off to the worker thread costs about 20-50
#: microseconds, against about 0.25 ms per hull at 8x8 (0.05 ms at 6x6), so smaller games
#: stay on one thread.  Measured on a 2-CPU machine under a load average near 4, the
#: threaded build was no faster (median time ratio threads/serial 0.92-1.19 at 8x8-14x14,
#: 1.29 at 6x6), hence the load test.
PARALLEL_HULLS = True
_THREAD_MIN = 16
_EXECUTOR = None


def _usable_cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


_CPUS = _usable_cpus()


def _spare_cpu() -> bool:
    """Whether a second CPU is likely idle (so a second qhull thread can run at once)."""
    if _CPUS < 2:
        return False
    try:
        import os

        return os.getloadavg()[0] < _CPUS - 0.5
    except (AttributeError, OSError):  # pragma: no cover - no load average on this platform
        return True


def _executor():
    global _EXECUTOR
    if _EXECUTOR is None:
        from concurrent.futures import ThreadPoolExecutor

        _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gametheory-qhull")
    return _EXECUTOR


def _keys(L: np.ndarray) -> np.ndarray:
    """A uint64 bitmask per boolean label row (bit l set iff label l; Python ints above 64 labels)."""
    k, w = L.shape
    if w <= 52:
        # a float product is exact below 2**53 and faster than packbits on small arrays
        return (L.astype(np.float64) @ np.exp2(np.arange(w, dtype=np.float64))).astype(np.uint64)
    if w > 64:
        return np.array([_bits(r) for r in L], dtype=object)
    packed = np.zeros((k, 8), np.uint8)
    packed[:, : (w + 7) // 8] = np.packbits(L, axis=1, bitorder="little")
    return packed.view("<u8").ravel()


def label_counts(L: np.ndarray, K: np.ndarray | None = None) -> np.ndarray:
    """Number of labels of each vertex (a popcount of the bitmask keys ``K`` when given)."""
    if K is not None and K.dtype == np.uint64:
        return np.bitwise_count(K) if hasattr(np, "bitwise_count") else np.count_nonzero(L, axis=1)
    return np.count_nonzero(L, axis=1)


def match_labels(LP: np.ndarray, LQ: np.ndarray, m: int, n: int,
                 KP: np.ndarray | None = None, KQ: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Index pairs ``(p, q)`` whose label rows together hold every label (zero vertex excluded).

    Vertices with exactly their dimension's count of labels are joined on the complementary
    label set (uint64 bitmask keys, a sort and a search); vertices with more labels are
    checked against every vertex of the other polytope with a vectorized subset test.
    ``KP``, ``KQ`` are the keys of all rows (``_keys``) when already computed.
    """
    if KP is None or KQ is None or KP.dtype != np.uint64:
        KP = KQ = None
    if KP is not None:
        zP = np.uint64((1 << m) - 1)
        zQ = np.uint64(((1 << n) - 1) << m)
        okP = (KP & zP) != zP
        okQ = (KQ & zQ) != zQ
    else:
        okP = ~LP[:, :m].all(axis=1)
        okQ = ~LQ[:, m:].all(axis=1)
    cntP = label_counts(LP, KP)
    cntQ = label_counts(LQ, KQ)
    pairs: set[tuple[int, int]] = set()
    sP = np.flatnonzero(okP & (cntP == m))
    sQ = np.flatnonzero(okQ & (cntQ == n))
    if len(sP) and len(sQ):
        if m + n > 64:
            full = (1 << (m + n)) - 1
            index: dict = {}
            for q in sQ:
                index.setdefault(_bits(LQ[q]), []).append(int(q))
            for p in sP:
                for q in index.get(full ^ _bits(LP[p]), ()):
                    pairs.add((int(p), q))
        else:
            full = np.uint64((1 << (m + n)) - 1)
            kP = (_keys(LP[sP]) if KP is None else KP[sP]) ^ full
            kQ = _keys(LQ[sQ]) if KQ is None else KQ[sQ]
            joined = _sorted_join(kQ, kP, m + n)
            if joined is not None:
                iq, ip = joined
                return _with_surplus(sorted(zip(sP[ip].tolist(), sQ[iq].tolist())), LP, LQ, okP, okQ, cntP, cntQ, m, n)
            order = np.argsort(kQ, kind="stable")
            ks = kQ[order]
            lo = np.searchsorted(ks, kP, "left")
            hi = np.searchsorted(ks, kP, "right")
            hit = hi > lo
            for p, a, b in zip(sP[hit], lo[hit], hi[hit]):
                for q in sQ[order[a:b]]:
                    pairs.add((int(p), int(q)))
    return _with_surplus(sorted(pairs), LP, LQ, okP, okQ, cntP, cntQ, m, n)


def _with_surplus(pairs, LP, LQ, okP, okQ, cntP, cntQ, m, n):
    """Add the pairs involving a vertex with surplus labels (a vectorized subset test each)."""
    extra: set[tuple[int, int]] = set()
    for p in np.flatnonzero(okP & (cntP > m)):
        need = ~LP[p]
        hit = okQ & LQ[:, need].all(axis=1)
        extra.update((int(p), int(q)) for q in np.flatnonzero(hit))
    for q in np.flatnonzero(okQ & (cntQ > n)):
        need = ~LQ[q]
        hit = okP & LP[:, need].all(axis=1)
        extra.update((int(p), int(q)) for p in np.flatnonzero(hit))
    if not extra:
        return pairs
    return sorted(set(pairs) | extra)


def _sorted_join(kQ: np.ndarray, kP: np.ndarray, nbits: int):
    """Positions ``(iq, ip)`` with ``kQ[iq] == kP[ip]``, by one sort of tagged keys; None if unsure.

    Each key is shifted left and tagged with its position and side (Q before P), so a
    plain value sort (much faster than an argsort) brings equal keys together.  Returns
    None when the tagged keys would not fit in 64 bits or a key occurs more than once on
    either side of a match (the caller then joins with a general search).
    """
    b = max(len(kQ), len(kP)).bit_length()
    if nbits + b + 1 > 64:
        return None
    # tag = key | side (0 for Q, 1 for P) | position: Q sorts before P within a key
    sh, side = np.uint64(b + 1), np.uint64(1 << b)
    tq = (kQ << sh) | np.arange(len(kQ), dtype=np.uint64)
    tp = (kP << sh) | side | np.arange(len(kP), dtype=np.uint64)
    c = np.sort(np.concatenate([tq, tp]))
    key = c >> sh
    same = key[1:] == key[:-1]
    if len(same) > 1 and (same[1:] & same[:-1]).any():
        return None  # three or more equal keys: leave it to the general join
    i = np.flatnonzero(same)
    lo, hi = c[i], c[i + 1]
    cross = ((lo & side) == 0) & ((hi & side) != 0)
    posmask = side - np.uint64(1)
    iq = (lo[cross] & posmask).astype(np.intp)
    ip = (hi[cross] & posmask).astype(np.intp)
    return iq, ip


def _bits(row: np.ndarray) -> int:
    return int("".join("1" if b else "0" for b in row[::-1]), 2)


def float_polytopes(Anf: np.ndarray, Bnf: np.ndarray, tol: float = LABEL_TOL):
    """Float vertices, slacks, labels and label keys (``_keys``) of P and Q.

    Returns ``(ZP, SP, LP, ZQ, SQ, LQ, KP, KQ)``; raises IllConditioned on qhull trouble.
    """
    from scipy.spatial import QhullError

    m, n = Anf.shape
    try:
        if PARALLEL_HULLS and m + n >= _THREAD_MIN and _spare_cpu():
            # qhull releases the GIL: build the two polytopes concurrently
            fut = _executor().submit(_float_vertices, Anf)
            try:
                ZP = _float_vertices(Bnf.T)
            finally:
                ZQ = fut.result()
        else:
            ZP = _float_vertices(Bnf.T)
            ZQ = _float_vertices(Anf)
    except (QhullError, ValueError, FloatingPointError) as exc:  # pragma: no cover - qhull failure
        raise IllConditioned(str(exc)) from None
    SP, SQ = _slacks_P(ZP, Bnf), _slacks_Q(ZQ, Anf)
    # a vertex is feasible (slacks >= -tol) and has at least its dimension's count of tight
    # constraints; anything else means qhull's roundoff exceeds the label tolerance
    if SP.min() < -1e3 * tol or SQ.min() < -1e3 * tol:
        raise IllConditioned("a computed vertex lies outside its polytope")
    LP, LQ = np.abs(SP) <= tol, np.abs(SQ) <= tol
    KP, KQ = _keys(LP), _keys(LQ)
    cP, cQ = label_counts(LP, KP), label_counts(LQ, KQ)
    if cP.min() < m or cQ.min() < n:
        raise IllConditioned("a computed vertex has fewer tight constraints than its dimension")
    ZP, SP, LP, KP = _dedupe_surplus(ZP, SP, LP, KP, cP > m)
    ZQ, SQ, LQ, KQ = _dedupe_surplus(ZQ, SQ, LQ, KQ, cQ > n)
    return ZP, SP, LP, ZQ, SQ, LQ, KP, KQ


def _dedupe_surplus(Z, S, L, K, is_surplus):
    """Drop repeats of vertices with surplus labels (qhull triangulates their polar facets)."""
    surplus = np.flatnonzero(is_surplus)
    if len(surplus) < 2:
        return Z, S, L, K
    _, first = np.unique(np.round(Z[surplus], 9), axis=0, return_index=True)
    keep = np.ones(len(Z), bool)
    keep[surplus] = False
    keep[surplus[first]] = True
    return Z[keep], S[keep], L[keep], K[keep]


# --------------------------------------------------------------------------- main entry
def bimatrix_vertices(game: NormalFormGame) -> tuple[list[tuple[tuple, tuple]], bool, str]:
    """Completely labeled vertex pairs ``(x, y)`` (unnormalized) and the degeneracy flag.

    Exact games give Fraction tuples (each candidate from the float pass re-solved and its
    labels checked exactly, with exact enumeration as the fallback); float games give
    float tuples.  The third item names the route taken ("float", "float+exact" or "exact").
    """
    An, Bn = normalized(game)
    m, n = game.shape
    if game.exact:
        Anf, Bnf = An.astype(float), Bn.astype(float)
        try:
            pairs, degenerate = _float_then_exact(An, Bn, Anf, Bnf)
            if not degenerate and len(pairs) % 2 == 0:
                # a nondegenerate game has an odd number of equilibria (Shapley 1974)
                raise IllConditioned("even number of equilibria")
            return pairs, degenerate, "float+exact"
        except IllConditioned:
            pairs, degenerate = exact_extreme_pairs(An, Bn)
            return pairs, degenerate, "exact"
    try:
        ZP, SP, LP, ZQ, SQ, LQ, KP, KQ = float_polytopes(An, Bn)
        degenerate = bool((label_counts(LP, KP) > m).any() or (label_counts(LQ, KQ) > n).any())
        pairs = match_labels(LP, LQ, m, n, KP, KQ)
        if not degenerate and len(pairs) % 2 == 0:
            raise IllConditioned("even number of equilibria")
    except IllConditioned:
        return exact_route_for_float(game)
    return [(ZP[p], ZQ[q]) for p, q in pairs], degenerate, "float"


def exact_route_for_float(game: NormalFormGame) -> tuple[list[tuple[tuple, tuple]], bool, str]:
    """Extreme equilibria of a float game computed exactly (its floats are binary rationals)."""
    exact = game.as_exact()
    Ae, Be = normalized(exact)
    epairs, degenerate = exact_extreme_pairs(Ae, Be)
    return [(tuple(map(float, x)), tuple(map(float, y))) for x, y in epairs], degenerate, "exact"


def _float_then_exact(An, Bn, Anf, Bnf):
    m, n = An.shape
    ZP, SP, LP, ZQ, SQ, LQ, KP, KQ = float_polytopes(Anf, Bnf)
    PP, QQ = ExactPolytope(Bn, "P"), ExactPolytope(An, "Q")
    cache: dict[tuple[str, int], tuple] = {}

    def exact_vertex(kind: str, idx: int):
        key = (kind, idx)
        if key not in cache:
            Z, S, L, poly = (ZP, SP, LP, PP) if kind == "P" else (ZQ, SQ, LQ, QQ)
            labs = np.flatnonzero(L[idx])
            order = labs[np.argsort(np.abs(S[idx, labs]), kind="stable")]
            res = poly.solve([int(l) for l in order])
            if res is None or np.max(np.abs(np.array(res[0], dtype=float) - Z[idx])) > 1e-7:
                raise IllConditioned(f"vertex {idx} of {kind} does not re-solve exactly")
            cache[key] = res
        return cache[key]

    # vertices with surplus labels in floating point: degenerate only if exactly so
    degenerate = False
    for kind, L, K, d in (("P", LP, KP, m), ("Q", LQ, KQ, n)):
        for idx in np.flatnonzero(label_counts(L, K) > d):
            if len(exact_vertex(kind, int(idx))[1]) > d:
                degenerate = True
    full = frozenset(range(m + n))
    pairs = []
    seen = set()
    for p, q in match_labels(LP, LQ, m, n, KP, KQ):
        zx, Lx = exact_vertex("P", p)
        zy, Ly = exact_vertex("Q", q)
        if Lx | Ly == full and any(zx) and any(zy) and (zx, zy) not in seen:
            seen.add((zx, zy))
            pairs.append((zx, zy))
    return pairs, degenerate
