"""All Nash equilibria of many 2x2 bimatrix games at once, vectorized in numpy.

A 2x2 game is given by the row player's matrix ``A`` and the column player's ``B``.
Write ``p`` for the probability that the row player plays its first strategy and
``q`` for the column player's.  The row player's advantage of its first strategy is
the linear function ``dA(q) = (A00 - A10) q + (A01 - A11)(1 - q)`` and the column
player's ``dB(p) = (B00 - B01) p + (B10 - B11)(1 - p)``.  ``(p, q)`` is a Nash
equilibrium iff ``p`` is a best response to ``q`` and ``q`` to ``p`` (Nash 1951).

The vertices of the best-response polytopes of a 2x2 game have ``p`` in
``{0, 1, p*}`` and ``q`` in ``{0, 1, q*}``, where ``p*`` is the interior root of ``dB``
(when there is one) and ``q*`` that of ``dA`` (von Stengel 2007, *Algorithmic Game
Theory* ch. 3).  The *extreme* equilibria are the completely labeled vertex pairs, so
checking the nine candidates lists them all: in a nondegenerate game these are all
the equilibria; in a degenerate game (a player indifferent against a pure strategy,
i.e. ``dA`` or ``dB`` vanishing at 0 or 1) the equilibria form segments between
extreme ones and the game is flagged ``degenerate`` -- the convention of Gambit's
``enummixed`` and of :func:`gametheory.vertex_enumeration`.

Integer payoffs are solved exactly (``p*`` and ``q*`` as integer numerator and
denominator, every sign test in integer arithmetic: int64 for payoffs up to 2**20 in
absolute value, Python integers beyond); float payoffs use per-player tolerances, as
:class:`gametheory.NormalFormGame` does: the row player's advantages are compared with
``1e-9 * max |A|`` and the column player's with ``1e-9 * max |B|`` of each game (``1e-9``
when that player's payoffs are all 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError

__all__ = ["solve_2x2_batch", "Batch2x2", "solve_2x2_point", "EXACT_LIMIT"]

EXACT_LIMIT = 2**20
TOL = 1e-9


@dataclass(frozen=True)
class Batch2x2:
    """Extreme equilibria of N games: candidate slot k of game g is valid when ``mask[g, k]``.

    ``p[g, k]``, ``q[g, k]``: probability of the first strategy of the row and column
    player (NaN in invalid slots); ``u1``, ``u2``: expected payoffs; ``degenerate[g]``:
    the game's equilibrium set may contain segments between its extreme equilibria;
    ``exact``: the inputs were integers and ``p_num/p_den``, ``q_num/q_den`` hold the
    exact probabilities.
    """

    p: np.ndarray
    q: np.ndarray
    u1: np.ndarray
    u2: np.ndarray
    mask: np.ndarray
    degenerate: np.ndarray
    exact: bool
    p_num: np.ndarray | None = None
    p_den: np.ndarray | None = None
    q_num: np.ndarray | None = None
    q_den: np.ndarray | None = None

    @property
    def n_games(self) -> int:
        return self.mask.shape[0]

    @property
    def counts(self) -> np.ndarray:
        """Number of extreme equilibria of each game."""
        return self.mask.sum(axis=1)

    def equilibria(self, g: int) -> list[tuple[Any, Any]]:
        """The extreme equilibria ``(p, q)`` of game ``g`` (Fractions when exact)."""
        out = []
        for k in np.flatnonzero(self.mask[g]):
            if self.exact:
                out.append(
                    (Fraction(int(self.p_num[g, k]), int(self.p_den[g, k])), Fraction(int(self.q_num[g, k]), int(self.q_den[g, k])))
                )
            else:
                out.append((float(self.p[g, k]), float(self.q[g, k])))
        return out


def _as_batch(M: Any, name: str) -> np.ndarray:
    arr = np.asarray(M)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or arr.shape[1:] != (2, 2):
        raise InvalidGameError(f"{name} must have shape (N, 2, 2) or (2, 2); got {arr.shape}")
    if arr.dtype == object:
        if all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in arr.ravel()):
            return arr  # Python integers of any size: solved exactly
        raise InvalidGameError(f"{name} holds non-integer objects; give an integer or float array")
    if arr.dtype.kind not in "iuf":
        raise InvalidGameError(f"{name} must be an integer or float array; got dtype {arr.dtype}")
    return arr


def solve_2x2_batch(A: Any, B: Any) -> Batch2x2:
    """Extreme Nash equilibria of every game ``(A[g], B[g])``; arrays of shape (N, 2, 2).

    Integer arrays are solved exactly; float arrays with a relative tolerance of
    ``1e-9``.  Source: Nash (1951); vertex characterization after von Stengel (2007).
    """
    A = _as_batch(A, "A")
    B = _as_batch(B, "B")
    if A.shape != B.shape:
        raise InvalidGameError(f"A has shape {A.shape} but B has shape {B.shape}")
    exact = A.dtype.kind in "iuO" and B.dtype.kind in "iuO"
    if exact and (A.dtype == object or B.dtype == object):
        return _solve_int(A.astype(object), B.astype(object))
    if exact and max(_magnitude(A), _magnitude(B)) > EXACT_LIMIT:
        # products could overflow int64: the same exact arithmetic on Python ints (slower)
        return _solve_int(A.astype(object), B.astype(object))
    if not exact:
        A = A.astype(float)
        B = B.astype(float)
        if not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
            raise InvalidGameError("payoffs must be finite")
        return _solve_float(A, B)
    return _solve_int(A.astype(np.int64), B.astype(np.int64))


def _magnitude(M: np.ndarray) -> int:
    """The largest ``|entry|`` as a Python int (``np.abs`` of the most negative int64 overflows)."""
    return max(abs(int(M.max())), abs(int(M.min()))) if M.size else 0


def _coeffs(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, ...]:
    a1 = A[:, 0, 0] - A[:, 1, 0]  # dA at q = 1
    a0 = A[:, 0, 1] - A[:, 1, 1]  # dA at q = 0
    b1 = B[:, 0, 0] - B[:, 0, 1]  # dB at p = 1
    b0 = B[:, 1, 0] - B[:, 1, 1]  # dB at p = 0
    return a0, a1, b0, b1


def _solve_int(A: np.ndarray, B: np.ndarray) -> Batch2x2:
    a0, a1, b0, b1 = _coeffs(A, B)
    n = A.shape[0]
    # root of d(t) = d1 t + d0 (1 - t):  t* = d0 / (d0 - d1), interior iff d0, d1 of strictly opposite signs
    qs_ok = (a0 * a1) < 0
    ps_ok = (b0 * b1) < 0
    qn, qd = a0.copy(), a0 - a1
    pn, pd = b0.copy(), b0 - b1
    neg = qd < 0
    qn[neg], qd[neg] = -qn[neg], -qd[neg]
    neg = pd < 0
    pn[neg], pd[neg] = -pn[neg], -pd[neg]
    qd[~qs_ok] = 1
    pd[~ps_ok] = 1
    if A.dtype != object:
        g = np.gcd(qn, qd)
        qn, qd = qn // g, qd // g
        g = np.gcd(pn, pd)
        pn, pd = pn // g, pd // g
    itype = A.dtype
    one = np.ones(n, dtype=itype)
    zero = np.zeros(n, dtype=itype)
    # candidate coordinates: index 0 -> 0, 1 -> 1, 2 -> the interior root
    P_num = np.stack([zero, one, pn], axis=1)
    P_den = np.stack([one, one, pd], axis=1)
    Q_num = np.stack([zero, one, qn], axis=1)
    Q_den = np.stack([one, one, qd], axis=1)
    P_ok = np.stack([np.ones(n, bool), np.ones(n, bool), ps_ok], axis=1)
    Q_ok = np.stack([np.ones(n, bool), np.ones(n, bool), qs_ok], axis=1)
    # signs of dB(p) and dA(q) at each candidate, exactly: d(t) * den = d1 num + d0 (den - num)
    sB = np.sign(b1[:, None] * P_num + b0[:, None] * (P_den - P_num))
    sA = np.sign(a1[:, None] * Q_num + a0[:, None] * (Q_den - Q_num))
    kind = np.array([0, 1, 2])  # 0: strategy 2 pure, 1: strategy 1 pure, 2: interior
    mask = np.zeros((n, 9), dtype=bool)
    pnum = np.zeros((n, 9), itype)
    pden = np.ones((n, 9), itype)
    qnum = np.zeros((n, 9), itype)
    qden = np.ones((n, 9), itype)
    for i in range(3):
        for j in range(3):
            k = 3 * i + j
            row_best = _best(kind[i], sA[:, j])
            col_best = _best(kind[j], sB[:, i])
            mask[:, k] = P_ok[:, i] & Q_ok[:, j] & row_best & col_best
            pnum[:, k], pden[:, k] = P_num[:, i], P_den[:, i]
            qnum[:, k], qden[:, k] = Q_num[:, j], Q_den[:, j]
    p = np.where(mask, (pnum / pden).astype(float), np.nan)
    q = np.where(mask, (qnum / qden).astype(float), np.nan)
    u1, u2 = _payoffs(A.astype(float), B.astype(float), p, q)
    degenerate = (a0 == 0) | (a1 == 0) | (b0 == 0) | (b1 == 0)
    return Batch2x2(p, q, u1, u2, mask, degenerate, True, pnum, pden, qnum, qden)


def _best(kind: int, sign: np.ndarray) -> np.ndarray:
    """Whether a strategy of the given kind is a best response when the advantage has this sign."""
    if kind == 1:
        return sign >= 0
    if kind == 0:
        return sign <= 0
    return sign == 0


def _solve_float(A: np.ndarray, B: np.ndarray) -> Batch2x2:
    a0, a1, b0, b1 = _coeffs(A, B)
    n = A.shape[0]
    def player_tol(M: np.ndarray) -> np.ndarray:  # each player on its own scale, per game
        scale = np.abs(M).reshape(n, -1).max(axis=1)
        return TOL * np.where(scale > 0, scale, 1.0)

    tol_a, tol_b = player_tol(A), player_tol(B)

    def sgn(x: np.ndarray, tol: np.ndarray) -> np.ndarray:
        # int8 signs with the per-game tolerance; arrays laid out (candidate, game) for contiguous rows
        return (x > tol).astype(np.int8) - (x < -tol).astype(np.int8)

    sa0, sa1, sb0, sb1 = sgn(a0, tol_a), sgn(a1, tol_a), sgn(b0, tol_b), sgn(b1, tol_b)
    qs_ok = (sa0 * sa1) < 0
    ps_ok = (sb0 * sb1) < 0
    with np.errstate(divide="ignore", invalid="ignore"):
        qs = np.where(qs_ok, a0 / (a0 - a1), np.nan)
        ps = np.where(ps_ok, b0 / (b0 - b1), np.nan)
    # the column player's advantage at p = 0, 1 is b0, b1; at p* it vanishes by construction
    zero8 = np.zeros(n, np.int8)
    sB = (sb0, sb1, zero8)
    sA = (sa0, sa1, zero8)
    P_ok = (None, None, ps_ok)
    Q_ok = (None, None, qs_ok)
    mask = np.empty((9, n), dtype=bool)
    for i in range(3):
        for j in range(3):
            m = _best(i, sA[j]) & _best(j, sB[i])
            if P_ok[i] is not None:
                m &= P_ok[i]
            if Q_ok[j] is not None:
                m &= Q_ok[j]
            mask[3 * i + j] = m
    mask = mask.T
    P = np.stack([np.zeros(n), np.ones(n), ps], axis=1)
    Q = np.stack([np.zeros(n), np.ones(n), qs], axis=1)
    p = P[:, [0, 0, 0, 1, 1, 1, 2, 2, 2]]
    q = Q[:, [0, 1, 2, 0, 1, 2, 0, 1, 2]]
    p[~mask] = np.nan
    q[~mask] = np.nan
    u1, u2 = _payoffs(A, B, p, q)
    degenerate = (sa0 == 0) | (sa1 == 0) | (sb0 == 0) | (sb1 == 0)
    return Batch2x2(p, q, u1, u2, mask, degenerate, False)


def _payoffs(A: np.ndarray, B: np.ndarray, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected payoffs at the valid slots only (NaN elsewhere); few temporaries, as memory dominates."""
    g, k = np.nonzero(~np.isnan(p))
    pv, qv = p[g, k], q[g, k]

    def ev(M: np.ndarray) -> np.ndarray:
        m00, m01, m10, m11 = M[g, 0, 0], M[g, 0, 1], M[g, 1, 0], M[g, 1, 1]
        # bilinear form x^T M y with x = (p, 1-p), y = (q, 1-q)
        val = qv * (pv * (m00 - m01 - m10 + m11) + (m10 - m11)) + pv * (m01 - m11) + m11
        out = np.full(p.shape, np.nan)
        out[g, k] = val
        return out

    return ev(A), ev(B)


def solve_2x2_point(a11: Any, a12: Any, a21: Any, a22: Any, b11: Any, b12: Any, b21: Any, b22: Any) -> list[dict]:
    """Extreme equilibria of one 2x2 game as table rows (for sweeps over payoffs).

    Each row has ``p`` and ``q`` (probabilities of the first strategies; Fractions for
    integer payoffs), the payoffs ``u1``, ``u2`` and ``degenerate``.
    """
    vals = [a11, a12, a21, a22, b11, b12, b21, b22]
    ints = all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in vals)
    dtype = (np.int64 if max(abs(int(v)) for v in vals) <= EXACT_LIMIT else object) if ints else float
    A = np.array([[a11, a12], [a21, a22]], dtype=dtype)
    B = np.array([[b11, b12], [b21, b22]], dtype=dtype)
    res = solve_2x2_batch(A, B)
    rows = []
    for p, q in res.equilibria(0):
        u1 = p * q * a11 + p * (1 - q) * a12 + (1 - p) * q * a21 + (1 - p) * (1 - q) * a22
        u2 = p * q * b11 + p * (1 - q) * b12 + (1 - p) * q * b21 + (1 - p) * (1 - q) * b22
        rows.append({"p": p, "q": q, "u1": u1, "u2": u2, "degenerate": bool(res.degenerate[0])})
    return rows
