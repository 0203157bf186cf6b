"""Nash equilibria of a two-player game by the Lemke-Howson algorithm.

Complementary pivoting on the best-response polytopes (Lemke & Howson 1964; Shapley 1974;
von Stengel 2007, ch. 3 of *Algorithmic Game Theory*).  With payoffs mapped by a positive
affine change to positive matrices ``A'``, ``B'`` the two tableaux are::

    A' y + r = 1   (basis r: labels 0..m-1 are r_i, labels m..m+n-1 are y_j)
    B'^T x + s = 1 (basis s: labels 0..m-1 are x_i, labels m..m+n-1 are s_j)

Starting from the artificial equilibrium ``(0, 0)``, label ``k`` is dropped by letting the
variable with label ``k`` enter; the leaving variable's label is duplicated, so its
complement enters the other tableau, until label ``k`` is picked up again.  The leaving
row is chosen by the *lexicographic* minimum-ratio test (the rows of ``(rhs, B^-1)``
scaled by the pivot column), which makes every step well defined in degenerate games
and excludes cycling, so each path ends at an equilibrium.

Labels are numbered ``0..m-1`` for the row player's strategies and ``m..m+n-1`` for the
column player's.  ``initial_label=None`` runs a path from every label and returns the
distinct equilibria found, each with ``params["initial_labels"]`` (the labels whose paths
end there); these need not be all equilibria (use support or vertex enumeration).

Exact games: integer tableaux with fraction-free (Bareiss-style) pivoting, so every step
is exact and the result is in Fractions.  Float games: float64 tableaux with pivot
threshold ``1e-12`` and ratio ties within ``1e-12`` (relative); each result is checked
to have each player's regret at most its ``game.tols`` entry, and a path whose float result fails the check is
re-run exactly on the game's floats (exact binary rationals).  ``max_iter`` bounds the
pivots per path; reaching it raises :class:`gametheory.SolverError`.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from operator import mul
from typing import Any

import numpy as np

from ..equilibrium import Equilibrium, make_equilibrium, returns_equilibria
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import check_two_player, normalized

__all__ = ["lemke_howson"]

_EPS = 1e-12
#: Games with at most this many strategies per player pivot on Python lists (no numpy call per
#: step: a pivot of a 3 x 3 game is a few dozen float operations); larger ones on numpy arrays.
_SMALL = 7


@returns_equilibria("lemke-howson", complete=False)
def lemke_howson(
    game: NormalFormGame,
    initial_label: int | None = None,
    max_iter: int = 100_000,
    **opts: Any,
) -> list[Equilibrium]:
    """Equilibria reached by Lemke-Howson paths (from ``initial_label``, or from every label).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    initial_label : int, optional
        The label dropped first (0 .. m + n - 1); default: every label in turn.
    max_iter : int
        Pivot limit per path.
    **opts
        Reserved; unknown options are an :class:`InvalidGameError`.

    Returns
    -------
    list of Equilibrium
        The distinct equilibria found (method ``"lemke-howson"``), exact for exact games;
        not necessarily all of them.

    Raises
    ------
    InvalidGameError
        Not a two-player game, or a label out of range.
    SolverError
        A path exceeded ``max_iter`` pivots.

    References
    ----------
    Lemke, C. & Howson, J. (1964). Equilibrium points of bimatrix games. J. SIAM 12.
    von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.lemke_howson(bos, initial_label=0)[0].payoffs
    (Fraction(2, 1), Fraction(1, 1))
    """
    check_two_player(game, "lemke_howson")
    if opts:
        raise InvalidGameError(f"lemke_howson got unknown options: {', '.join(sorted(opts))}")
    m, n = game.shape
    if initial_label is None:
        labels = list(range(m + n))
    else:
        if isinstance(initial_label, (bool, np.bool_)) or not isinstance(initial_label, (int, np.integer)) \
                or not 0 <= initial_label < m + n:
            raise InvalidGameError(
                f"initial_label must be an int in 0..{m + n - 1} (0..{m - 1} row strategies, "
                f"{m}..{m + n - 1} column strategies); got {initial_label!r}"
            )
        labels = [int(initial_label)]
    if isinstance(max_iter, (bool, np.bool_)) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InvalidGameError(f"max_iter must be a positive int; got {max_iter!r}")

    found: list[tuple[tuple, tuple]] = []
    origins: list[list[int]] = []
    pivots: list[int] = []
    small = max(m, n) <= _SMALL
    if game.exact:
        Ai, Bi = _integer_matrices(game)
        run_exact = _lh_exact_small if small else _lh_exact
        for k in labels:
            prof, steps = run_exact(Ai, Bi, k, int(max_iter))
            _collect(found, origins, pivots, prof, k, steps, exact=True)
    else:
        An, Bn = _normalized_lists(game) if small else normalized(game)
        run_float = _lh_float_small if small else _lh_float
        regret = _float_regret_small if small else _float_regret
        exact_game = None
        for k in labels:
            prof, steps = run_float(An, Bn, k, int(max_iter))
            if prof is None or any(r > t for r, t in zip(regret(game, prof), game.tols)):
                # numerically unreliable path: redo it exactly on the binary rationals
                exact_game = exact_game or game.as_exact()
                Ai, Bi = _integer_matrices(exact_game)
                xe, ye = _lh_exact(Ai, Bi, k, int(max_iter))[0]
                prof = (np.array(xe, float), np.array(ye, float))
            _collect(found, origins, pivots, prof, k, steps, exact=False)
    out = []
    for prof, labs, steps in zip(found, origins, pivots):
        out.append(make_equilibrium(
            game, [list(prof[0]), list(prof[1])], "lemke-howson", exact=game.exact,
            initial_labels=tuple(labs), pivots=steps,
        ))
    return out


def _collect(found, origins, pivots, prof, k, steps, exact):
    if exact:
        key = (tuple(prof[0]), tuple(prof[1]))
        for i, f in enumerate(found):
            if f == key:
                origins[i].append(k)
                return
        found.append(key)
    else:
        key = (tuple(float(v) for v in prof[0]), tuple(float(v) for v in prof[1]))
        if found:
            flat = np.concatenate([np.asarray(prof[0], float), np.asarray(prof[1], float)])
            dist = np.abs(np.array([np.concatenate(f) for f in found]) - flat).max(axis=1)
            i = int(np.argmin(dist))
            if dist[i] <= 1e-8:
                origins[i].append(k)
                return
        found.append(key)
    origins.append([k])
    pivots.append(steps)


def _float_regret(game: NormalFormGame, prof) -> tuple[float, float]:
    A, B = game.bimatrix
    x, y = prof
    Ay, xB = A @ y, x @ B
    return float(Ay.max() - x @ Ay), float(xB.max() - xB @ y)


def _float_regret_small(game: NormalFormGame, prof) -> tuple[float, float]:
    """:func:`_float_regret` in Python floats (a tolerance check: summation order may differ)."""
    A, B = game.bimatrix
    x, y = prof[0].tolist(), prof[1].tolist()
    Ay = [sum(map(mul, row, y)) for row in A.tolist()]
    xB = [sum(map(mul, col, x)) for col in B.T.tolist()]
    return max(Ay) - sum(map(mul, x, Ay)), max(xB) - sum(map(mul, xB, y))


def _normalized_lists(game: NormalFormGame) -> tuple[list, list]:
    """:func:`._bimatrix.normalized` as nested lists of floats, by the same IEEE operations."""
    out = []
    for M in game.bimatrix:
        rows = np.asarray(M, dtype=float).tolist()
        flat = [v for row in rows for v in row]
        lo, hi = min(flat), max(flat)
        rng = hi - lo
        out.append([[1.0] * len(row) for row in rows] if rng == 0 else [[(v - lo) / rng + 1.0 for v in row] for row in rows])
    return out[0], out[1]


# ----------------------------------------------------------------------------- float
def _lex_row_float(T: np.ndarray, e: int, slack: range) -> int | None:
    col = T[:, e]
    scale = max(1.0, float(np.abs(col).max()))
    rows = np.flatnonzero(col > _EPS * scale)
    if len(rows) == 0:
        return None
    piv = col[rows]
    for c in [T.shape[1] - 1, *slack]:
        q = T[rows, c] / piv
        qmin = q.min()
        keep = q <= qmin + _EPS * max(1.0, abs(qmin))
        rows, piv = rows[keep], piv[keep]
        if len(rows) == 1:
            break
    return int(rows[0])


def _basic_values(T: Any, basis: list, m: int, n: int, zero: Any) -> tuple[list, list]:
    """The unnormalized x (labels below m, basic in tableau 1) and y (basic in tableau 0),
    read off each tableau's last column at the end of a path; every kernel shares this."""
    x, y = [zero] * m, [zero] * n
    for row, lab in enumerate(basis[1]):
        if lab < m:
            x[lab] = T[1][row][-1]
    for row, lab in enumerate(basis[0]):
        if lab >= m:
            y[lab - m] = T[0][row][-1]
    return x, y


def _lh_float(An: np.ndarray, Bn: np.ndarray, k: int, max_iter: int):
    m, n = An.shape
    T = [np.hstack([np.eye(m), An, np.ones((m, 1))]), np.hstack([Bn.T, np.eye(n), np.ones((n, 1))])]
    basis = [list(range(m)), list(range(m, m + n))]
    slack = [range(0, m), range(m, m + n)]
    t = 1 if k < m else 0
    enter = k
    for step in range(1, max_iter + 1):
        Tt = T[t]
        r = _lex_row_float(Tt, enter, slack[t])
        if r is None:
            return None, step
        Tt[r] /= Tt[r, enter]
        col = Tt[:, enter].copy()
        col[r] = 0.0
        Tt -= np.outer(col, Tt[r])
        leave = basis[t][r]
        basis[t][r] = enter
        if leave == k:
            x, y = (np.clip(np.array(v, dtype=float), 0, None) for v in _basic_values(T, basis, m, n, 0.0))
            if x.sum() <= 0 or y.sum() <= 0:
                return None, step
            return (x / x.sum(), y / y.sum()), step
        enter = leave
        t = 1 - t
    raise SolverError(f"lemke_howson: no equilibrium after max_iter={max_iter} pivots from label {k}")


def _lex_row_small(T: list, e: int, slack: range) -> int | None:
    """:func:`_lex_row_float` on a list tableau, operation for operation."""
    col = [row[e] for row in T]
    scale = max(1.0, max(abs(v) for v in col))
    rows = [i for i, v in enumerate(col) if v > _EPS * scale]
    if not rows:
        return None
    last = len(T[0]) - 1
    for c in (last, *slack):
        q = [T[i][c] / col[i] for i in rows]
        qmin = min(q)
        thr = qmin + _EPS * max(1.0, abs(qmin))
        rows = [i for i, v in zip(rows, q) if v <= thr]
        if len(rows) == 1:
            break
    return rows[0]


def _lh_float_small(An: Any, Bn: Any, k: int, max_iter: int):
    """:func:`_lh_float` on Python lists: the same IEEE operations in the same order, so the
    same path and the same floats, without numpy's per-call overhead on tiny tableaux."""
    if isinstance(An, np.ndarray):
        An, Bn = An.tolist(), Bn.tolist()
    m, n = len(An), len(An[0])
    T = [
        [[1.0 if c == i else 0.0 for c in range(m)] + An[i] + [1.0] for i in range(m)],
        [[row[j] for row in Bn] + [1.0 if c == j else 0.0 for c in range(n)] + [1.0] for j in range(n)],
    ]
    basis = [list(range(m)), list(range(m, m + n))]
    slack = [range(0, m), range(m, m + n)]
    t = 1 if k < m else 0
    enter = k
    for step in range(1, max_iter + 1):
        Tt = T[t]
        r = _lex_row_small(Tt, enter, slack[t])
        if r is None:
            return None, step
        p = Tt[r][enter]
        prow = [v / p for v in Tt[r]]
        Tt[r] = prow
        for i, row in enumerate(Tt):
            if i != r:
                f = row[enter]
                Tt[i] = [a - f * b for a, b in zip(row, prow)]
        leave = basis[t][r]
        basis[t][r] = enter
        if leave == k:
            x, y = ([max(v, 0.0) for v in vals] for vals in _basic_values(T, basis, m, n, 0.0))
            sx, sy = sum(x), sum(y)
            if sx <= 0 or sy <= 0:
                return None, step
            return (np.array(x) / sx, np.array(y) / sy), step
        enter = leave
        t = 1 - t
    raise SolverError(f"lemke_howson: no equilibrium after max_iter={max_iter} pivots from label {k}")


# ----------------------------------------------------------------------------- exact
def _integer_matrices(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """Positive integer matrices that are positive affine images of A and B."""
    out = []
    for M in game.bimatrix:
        vals = [Fraction(v) for v in M.flat]
        L = lcm(*{v.denominator for v in vals})
        ints = [v.numerator * (L // v.denominator) for v in vals]  # integer arithmetic only
        lo = min(ints)
        Mi = np.empty(len(ints), dtype=object)
        Mi[:] = [v - lo + 1 for v in ints]
        out.append(Mi.reshape(M.shape))
    return out[0], out[1]


def _lex_row_exact(T: np.ndarray, e: int, slack: range) -> int | None:
    rows = [i for i in range(T.shape[0]) if T[i, e] > 0]
    if not rows:
        return None
    for c in [T.shape[1] - 1, *slack]:
        q = {i: Fraction(T[i, c], T[i, e]) for i in rows}
        qmin = min(q.values())
        rows = [i for i in rows if q[i] == qmin]
        if len(rows) == 1:
            break
    return rows[0]


def _exact_profile(x: list, y: list) -> tuple[list, list]:
    """Normalize the integer basic values of the fraction-free tableaux; their common
    denominators (the last pivots) cancel, so no division by them is needed."""
    sx, sy = sum(x), sum(y)
    return [Fraction(int(v), sx) for v in x], [Fraction(int(v), sy) for v in y]


def _lh_exact_small(Ai: np.ndarray, Bi: np.ndarray, k: int, max_iter: int):
    """:func:`_lh_exact` on lists of Python ints; ratios compared by cross-multiplication
    (every candidate pivot is positive), so no Fraction is built until the end."""
    m, n = Ai.shape
    T = [
        [[1 if c == i else 0 for c in range(m)] + [int(v) for v in Ai[i]] + [1] for i in range(m)],
        [[int(v) for v in Bi[:, j]] + [1 if c == j else 0 for c in range(n)] + [1] for j in range(n)],
    ]
    det = [1, 1]
    basis = [list(range(m)), list(range(m, m + n))]
    slack = [range(0, m), range(m, m + n)]
    t = 1 if k < m else 0
    enter = k
    for step in range(1, max_iter + 1):
        Tt = T[t]
        rows = [i for i, row in enumerate(Tt) if row[enter] > 0]
        if not rows:  # pragma: no cover - cannot happen for positive matrices
            raise SolverError(f"lemke_howson: unbounded ray from label {k}")
        for c in (len(Tt[0]) - 1, *slack[t]):
            best = rows[0]
            for i in rows[1:]:  # T[i][c] / T[i][e] < T[best][c] / T[best][e]
                if Tt[i][c] * Tt[best][enter] < Tt[best][c] * Tt[i][enter]:
                    best = i
            bc, be = Tt[best][c], Tt[best][enter]
            rows = [i for i in rows if Tt[i][c] * be == bc * Tt[i][enter]]
            if len(rows) == 1:
                break
        r = rows[0]
        prow = Tt[r]
        p, d = prow[enter], det[t]
        # fraction-free update: every entry stays an integer (Bareiss 1968)
        for i, row in enumerate(Tt):
            if i != r:
                f = row[enter]
                Tt[i] = [(a * p - f * b) // d for a, b in zip(row, prow)]
        det[t] = p
        leave = basis[t][r]
        basis[t][r] = enter
        if leave == k:
            return _exact_profile(*_basic_values(T, basis, m, n, 0)), step
        enter = leave
        t = 1 - t
    raise SolverError(f"lemke_howson: no equilibrium after max_iter={max_iter} pivots from label {k}")


def _lh_exact(Ai: np.ndarray, Bi: np.ndarray, k: int, max_iter: int):
    m, n = Ai.shape

    def tab(M: np.ndarray, left: bool) -> np.ndarray:
        r = M.shape[0]
        eye = np.empty((r, r), dtype=object)
        eye[...] = [[1 if a == b else 0 for b in range(r)] for a in range(r)]
        ones = np.empty((r, 1), dtype=object)
        ones[...] = 1
        return np.hstack([eye, M, ones] if left else [M, eye, ones])

    T = [tab(Ai, True), tab(Bi.T.copy(), False)]
    det = [1, 1]
    basis = [list(range(m)), list(range(m, m + n))]
    slack = [range(0, m), range(m, m + n)]
    t = 1 if k < m else 0
    enter = k
    for step in range(1, max_iter + 1):
        Tt = T[t]
        r = _lex_row_exact(Tt, enter, slack[t])
        if r is None:  # pragma: no cover - cannot happen for positive matrices
            raise SolverError(f"lemke_howson: unbounded ray from label {k}")
        p = Tt[r, enter]
        prow = Tt[r].copy()
        # fraction-free update: every entry stays an integer (Bareiss 1968)
        Tt = (Tt * p - np.outer(Tt[:, enter], prow)) // det[t]
        Tt[r] = prow
        T[t] = Tt
        det[t] = p
        leave = basis[t][r]
        basis[t][r] = enter
        if leave == k:
            return _exact_profile(*_basic_values(T, basis, m, n, 0)), step
        enter = leave
        t = 1 - t
    raise SolverError(f"lemke_howson: no equilibrium after max_iter={max_iter} pivots from label {k}")


# ----------------------------------------------------------------------------- float, a stack of games
def lh_float_batch(An: np.ndarray, Bn: np.ndarray, k: int, max_iter: int = 100_000):
    """The path from label ``k`` in every game of a stack ``(N, m, n)`` (payoffs on ``[1, 2]``), pivoted together.

    Each pivot does the arithmetic of :func:`_lh_float` in the same order, so a game's path and
    result are bit for bit those of the one-game solver; a ratio tie is resolved by that solver's
    own lexicographic test.  Returns ``(X, Y, steps, ok)``; ``ok[g]`` is False for a path that
    stopped without an equilibrium (an unbounded ray or a zero strategy from roundoff, or
    ``max_iter``): the caller re-runs those games one at a time.
    """
    N, m, n = An.shape
    C = m + n + 1
    T = [np.empty((N, m, C)), np.empty((N, n, C))]
    T[0][:, :, :m] = np.eye(m)
    T[0][:, :, m:m + n] = An
    T[0][:, :, -1] = 1.0
    T[1][:, :, :m] = np.swapaxes(Bn, 1, 2)
    T[1][:, :, m:m + n] = np.eye(n)
    T[1][:, :, -1] = 1.0
    basis = [np.tile(np.arange(m), (N, 1)), np.tile(np.arange(m, m + n), (N, 1))]
    slack = [range(0, m), range(m, m + n)]
    side = np.full(N, 1 if k < m else 0)
    enter = np.full(N, k)
    steps = np.zeros(N, dtype=np.int64)
    active = np.ones(N, dtype=bool)
    ok = np.zeros(N, dtype=bool)
    done = np.zeros(N, dtype=bool)
    for _ in range(max_iter):
        if not active.any():
            break
        for t in (0, 1):
            G = np.flatnonzero(active & (side == t))
            if not len(G):
                continue
            Tt = T[t][G]
            e = enter[G]
            ar = np.arange(len(G))
            col = Tt[ar, :, e]
            scale = np.maximum(1.0, np.abs(col).max(axis=1))
            cand = col > _EPS * scale[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                q = np.where(cand, Tt[:, :, -1] / col, np.inf)
            qmin = q.min(axis=1)
            tie = cand & (q <= (qmin + _EPS * np.maximum(1.0, np.abs(qmin)))[:, None])
            ntie = tie.sum(axis=1)
            r = np.argmax(tie, axis=1)
            for i in np.flatnonzero(ntie > 1):  # rare: the one-game lexicographic test decides
                r[i] = _lex_row_float(Tt[i], int(e[i]), slack[t])
            stuck = ntie == 0
            if stuck.any():
                active[G[stuck]] = False
                keep = ~stuck
                G, Tt, e, r = G[keep], Tt[keep], e[keep], r[keep]
                ar = np.arange(len(G))
            prow = Tt[ar, r, :] / Tt[ar, r, e][:, None]
            Tt[ar, r, :] = prow
            c = Tt[ar, :, e].copy()
            c[ar, r] = 0.0
            Tt -= c[:, :, None] * prow[:, None, :]
            T[t][G] = Tt
            leave = basis[t][G, r]
            basis[t][G, r] = e
            steps[G] += 1
            fin = leave == k
            done[G[fin]] = True
            active[G[fin]] = False
            cont = ~fin
            enter[G[cont]] = leave[cont]
            side[G[cont]] = 1 - t
    X = np.zeros((N, m))
    Y = np.zeros((N, n))
    g = np.repeat(np.arange(N), n)
    lab = basis[1].ravel()
    sel = lab < m
    X[g[sel], lab[sel]] = T[1][:, :, -1].ravel()[sel]
    g = np.repeat(np.arange(N), m)
    lab = basis[0].ravel()
    sel = lab >= m
    Y[g[sel], lab[sel] - m] = T[0][:, :, -1].ravel()[sel]
    X, Y = np.clip(X, 0, None), np.clip(Y, 0, None)
    sx, sy = X.sum(axis=1), Y.sum(axis=1)
    ok = done & (sx > 0) & (sy > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        X, Y = X / sx[:, None], Y / sy[:, None]
    return X, Y, steps, ok
