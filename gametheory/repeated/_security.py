"""Security values and the feasible individually rational set of a stage game (von Neumann 1928; Fudenberg & Maskin 1986).

Part of :mod:`gametheory.repeated`, whose docstring states the definitions and results.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import DegenerateGameError, SolverError
from ..normal_form import NormalFormGame
from ._inputs import Number, _check_game


# ---------------------------------------------------------------------- security values
@dataclass(frozen=True)
class SecurityValue:
    """A minmax or maxmin value with the strategy that attains it.

    Attributes
    ----------
    player : int
        The player whose value it is.
    kind : str
        "minmax" or "maxmin".
    value
        The value (a Fraction for exact games).
    strategy
        The punishers' strategy for ``kind == "minmax"`` (a mixed vector for two players;
        for more, a joint distribution of shape of the others' strategy counts) and the
        player's own mixed strategy for ``kind == "maxmin"``.
    exact : bool
        Whether it was computed exactly.
    punishers : str
        "independent" (two players) or "correlated".

    References
    ----------
    Fudenberg, D. & Maskin, E. (1986). Econometrica 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> sv = repeated.minmax(pd, 1)
    >>> sv.kind, sv.value, sv.punishers
    ('minmax', Fraction(1, 1), 'independent')
    """

    player: int
    kind: str
    value: Number
    strategy: Any
    exact: bool
    punishers: str


def _player_matrix(game: NormalFormGame, player: int) -> np.ndarray:
    """Player's payoffs as a matrix: rows = own strategies, columns = the others' joint profiles."""
    arr = np.moveaxis(game.payoff_array(player), player, 0)  # payoff_array checks the index
    return arr.reshape(game.shape[player], -1)


def _lp_value(M: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Value of the matrix game M (row maximizes), and optimal row / column mixtures, by linprog.

    One LP for the minimizer, min v s.t. M y <= v, sum y = 1; the row player's optimal
    mixture is its dual (HiGHS marginals of the inequality rows).
    """
    from scipy.optimize import linprog

    m, k = M.shape
    c = np.zeros(k + 1)
    c[-1] = 1.0
    A_ub = np.hstack([M, -np.ones((m, 1))])
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    if res.status != 0:
        raise SolverError(f"linprog failed on the security-value LP: {res.message}")
    y = np.clip(res.x[:k], 0, None)
    x = np.clip(-np.asarray(res.ineqlin.marginals, dtype=float), 0, None)
    if not x.sum() > 0:  # pragma: no cover - strong duality makes the duals a distribution
        raise SolverError("linprog returned no dual solution for the security-value LP")
    return float(res.x[-1]), x / x.sum(), y / y.sum()


def _exact_solve_system(A: list[list[Fraction]], b: list[Fraction], guess: list[float]) -> list[Fraction] | None:
    """A solution of A z = b in Fractions (Gauss-Jordan; free variables set near ``guess``), or None if inconsistent."""
    rows, cols = len(A), len(A[0]) if A else 0
    M = [list(r) + [bb] for r, bb in zip(A, b)]
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        piv = next((i for i in range(r, rows) if M[i][c] != 0), None)
        if piv is None:
            continue
        M[r], M[piv] = M[piv], M[r]
        inv = 1 / M[r][c]
        M[r] = [x * inv for x in M[r]]
        for i in range(rows):
            if i != r and M[i][c] != 0:
                f = M[i][c]
                M[i] = [x - f * y for x, y in zip(M[i], M[r])]
        pivots.append(c)
        r += 1
        if r == rows:
            break
    if any(all(x == 0 for x in M[i][:cols]) and M[i][cols] != 0 for i in range(rows)):
        return None
    free = [c for c in range(cols) if c not in pivots]
    z = [Fraction(0)] * cols
    for c in free:
        z[c] = Fraction(guess[c]).limit_denominator(10**6)
    for i, c in enumerate(pivots):
        z[c] = M[i][cols] - sum(M[i][f] * z[f] for f in free)
    return z


def _exact_value(M: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float = 1e-7):
    """Recover the exact value and optimal mixtures from the float LP's supports; None on failure."""
    m, k = M.shape
    Mf = M.astype(float)
    v = float(x @ Mf @ y)
    Sx = [r for r in range(m) if x[r] > tol]
    Sy = [c for c in range(k) if y[c] > tol]
    Tr = [r for r in range(m) if (Mf @ y)[r] >= v - tol * max(1.0, abs(v))]
    Tc = [c for c in range(k) if (x @ Mf)[c] <= v + tol * max(1.0, abs(v))]
    # y on Sy with M[r, Sy] y = v for the tight rows, sum y = 1 (unknowns y_Sy, v); x likewise
    # on the tight columns.  The result is verified exactly below, so a wrong guess of the
    # supports can only send us to the fallback, never to a wrong answer.
    A = [[Fraction(M[r, c]) for c in Sy] + [Fraction(-1)] for r in Tr] + [[Fraction(1)] * len(Sy) + [Fraction(0)]]
    b = [Fraction(0)] * len(Tr) + [Fraction(1)]
    zy = _exact_solve_system(A, b, [float(y[c]) for c in Sy] + [v])
    A = [[Fraction(M[r, c]) for r in Sx] + [Fraction(-1)] for c in Tc] + [[Fraction(1)] * len(Sx) + [Fraction(0)]]
    zx = _exact_solve_system(A, [Fraction(0)] * len(Tc) + [Fraction(1)], [float(x[r]) for r in Sx] + [v])
    if zy is None or zx is None:
        return None
    ye = [Fraction(0)] * k
    for c, val in zip(Sy, zy):
        ye[c] = val
    xe = [Fraction(0)] * m
    for r, val in zip(Sx, zx):
        xe[r] = val
    if any(p < 0 for p in ye + xe) or sum(ye) != 1 or sum(xe) != 1:
        return None
    Mx = [[Fraction(M[r, c]) for c in range(k)] for r in range(m)]
    upper = max(sum(Mx[r][c] * ye[c] for c in range(k)) for r in range(m))
    lower = min(sum(Mx[r][c] * xe[r] for r in range(m)) for c in range(k))
    if upper != lower:
        return None
    return upper, xe, ye


def _security(game: NormalFormGame, player: int) -> tuple[Number, Any, Any, bool]:
    M = _player_matrix(game, player)
    if game.exact:
        # the float LP only locates the supports; the exact step works on M itself
        _, x, y = _lp_value(M.astype(float))
        ex = _exact_value(M, x, y)
        if ex is None:
            ex = _exact_by_solver(M)
        value, xe, ye = ex
        return value, tuple(xe), tuple(ye), True
    val, x, y = _lp_value(M)
    return float(val), tuple(float(p) for p in x), tuple(float(p) for p in y), False


def _exact_by_solver(M: np.ndarray):
    """Fallback for degenerate LP optima: an exact equilibrium of the zero-sum game (M, -M)."""
    from ..solvers.dispatch import solve

    g = NormalFormGame.from_bimatrix(M.tolist(), (-M).tolist())
    eqs = solve(g)
    if not eqs:
        raise SolverError("could not recover the exact security value of this game")
    e = eqs[0]
    return e.payoffs[0], list(e.strategies[0]), list(e.strategies[1])


def _punishers(game: NormalFormGame) -> str:
    return "independent" if game.n_players == 2 else "correlated"


def minmax(game: NormalFormGame, player: int) -> SecurityValue:
    """The minmax value of ``player``: ``min over the others' strategies of max_{s_i} u_i``.

    Two players: the punisher mixes (exact for exact games).  More players: the
    punishers may correlate (an LP; see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    player : int
        The punished player's index.

    Returns
    -------
    SecurityValue
        ``value`` and the punishers' ``strategy``.

    Raises
    ------
    InvalidGameError
        A player index out of range.

    References
    ----------
    Fudenberg, D. & Maskin, E. (1986). The folk theorem in repeated games with
    discounting or with incomplete information. Econometrica 54.  von Neumann, J.
    (1928). Zur Theorie der Gesellschaftsspiele. Math. Annalen 100.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> mm = repeated.minmax(pd, 0)
    >>> mm.value, mm.strategy
    (Fraction(1, 1), (Fraction(0, 1), Fraction(1, 1)))
    """
    game = _check_game(game)
    value, _x, y, exact = _security(game, player)
    others = tuple(m for j, m in enumerate(game.shape) if j != player)
    strat = y if game.n_players == 2 else np.array(y, dtype=object if exact else float).reshape(others)
    return SecurityValue(player, "minmax", value, strat, exact, _punishers(game))


def maxmin(game: NormalFormGame, player: int) -> SecurityValue:
    """The maxmin (security) value of ``player``.

    ``max over its mixed strategies of min over the others' pure profiles``; equals the
    (correlated) minmax by the minimax theorem.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    player : int
        The player's index.

    Returns
    -------
    SecurityValue
        ``value`` and the player's own mixed ``strategy``.

    Raises
    ------
    InvalidGameError
        A player index out of range.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. Math. Annalen 100.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.maxmin(pd, 0).value
    Fraction(1, 1)
    """
    game = _check_game(game)
    value, x, _y, exact = _security(game, player)
    return SecurityValue(player, "maxmin", value, x, exact, _punishers(game))


def minmax_values(game: NormalFormGame) -> tuple:
    """Every player's minmax value (Fractions for exact games).

    Parameters
    ----------
    game : NormalFormGame
        The stage game.

    Returns
    -------
    tuple
        One value per player.

    References
    ----------
    Fudenberg, D. & Maskin, E. (1986). Econometrica 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.minmax_values(pd)
    (Fraction(1, 1), Fraction(1, 1))
    """
    game = _check_game(game)
    return tuple(minmax(game, i).value for i in range(game.n_players))


# ---------------------------------------------------------------------- feasible IR set
def _clip(poly: list[tuple], axis: int, bound: Number) -> list[tuple]:
    """Sutherland-Hodgman clip of a convex polygon (in order) to u[axis] >= bound; exact for Fractions."""
    out: list[tuple] = []
    n = len(poly)
    for k in range(n):
        cur, nxt = poly[k], poly[(k + 1) % n]
        cin, nin = cur[axis] >= bound, nxt[axis] >= bound
        if cin:
            out.append(cur)
        if cin != nin:
            t = (bound - cur[axis]) / (nxt[axis] - cur[axis])
            out.append(tuple(c + t * (d - c) for c, d in zip(cur, nxt)))
        if n == 1:
            break
    # drop repeated points, keep order
    clean: list[tuple] = []
    for p in out:
        if not clean or p != clean[-1]:
            clean.append(p)
    if len(clean) > 1 and clean[0] == clean[-1]:
        clean.pop()
    return clean


def _hull_2d(points: list[tuple]) -> list[tuple]:
    """Vertices of the convex hull of 2-D points in counter-clockwise order (collinear and single-point cases too)."""
    from scipy.spatial import ConvexHull, QhullError

    uniq = sorted(set(points))
    if len(uniq) <= 2:
        return uniq
    arr = np.array([[float(a), float(b)] for a, b in uniq])
    try:
        hull = ConvexHull(arr)
    except QhullError:
        # all points on a line: the two extreme points along it
        return [uniq[0], uniq[-1]]
    return [uniq[i] for i in hull.vertices]


def feasible_ir_set(game: NormalFormGame) -> tuple[tuple, ...]:
    """Vertices of the feasible, individually rational payoff set.

    The convex hull of the pure payoff vectors intersected with ``u_i >= minmax_i``.
    Two players: exact (Fractions for exact games), vertices in counter-clockwise
    order (a point or a segment when the set is degenerate).  Three or more players:
    floats, with correlated punishers (see :func:`minmax`): the hull is taken in the
    affine span of the payoff vectors and intersected with
    ``scipy.spatial.HalfspaceIntersection``, or, when the set has no interior, by
    enumerating the feasible intersections of the constraint hyperplanes.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.

    Returns
    -------
    tuple of tuple
        The vertices, one payoff vector each.

    References
    ----------
    Fudenberg, D. & Maskin, E. (1986). Econometrica 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> [tuple(map(str, v)) for v in repeated.feasible_ir_set(pd)]
    [('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
    """
    game = _check_game(game)
    v = minmax_values(game)
    cells = list(itertools.product(*(range(m) for m in game.shape)))
    pts = [tuple(game.payoffs[i][c] for i in range(game.n_players)) for c in cells]
    if not game.exact:
        pts = [tuple(float(x) for x in p) for p in pts]
    if game.n_players == 1:
        return ((max(p[0] for p in pts),),)
    if game.n_players == 2:
        poly = _hull_2d(pts)
        for axis in range(2):
            poly = _clip(poly, axis, v[axis])
        return tuple(poly)
    return _feasible_ir_nd(pts, [float(x) for x in v])


def _feasible_ir_nd(pts: list[tuple], v: list[float]) -> tuple[tuple, ...]:
    """Vertices of conv(pts) with u >= v, in the affine hull of the points (handles flat hulls)."""
    from scipy.optimize import linprog
    from scipy.spatial import ConvexHull, HalfspaceIntersection, QhullError

    arr = np.unique(np.array(pts, dtype=float), axis=0)
    scale = max(1.0, float(np.abs(arr).max()))
    tol = 1e-9 * scale
    x0 = arr.mean(axis=0)
    _, sing, vt = np.linalg.svd(arr - x0)
    r = int(np.sum(sing > 1e-10 * scale))
    if r == 0:
        return (tuple(float(x) for x in arr[0]),)
    basis = vt[:r]
    Y = (arr - x0) @ basis.T
    if r == 1:
        hull_H = np.array([[-1.0, Y.min()], [1.0, -Y.max()]])
    else:
        try:
            hull_H = ConvexHull(Y).equations
        except QhullError as exc:  # pragma: no cover - r is the true dimension, so Qhull succeeds
            raise DegenerateGameError(f"convex hull of the payoff vectors failed: {exc}") from None
    # IR: x0_i + basis[:, i] . y >= v_i  ->  -basis[:, i] . y + (v_i - x0_i) <= 0
    ir_H = np.hstack([-basis.T, (np.asarray(v) - x0)[:, None]])
    H = np.vstack([hull_H, ir_H])
    A, b = H[:, :-1], H[:, -1]
    norms = np.linalg.norm(A, axis=1)
    keep = norms > 1e-12
    if np.any(b[~keep] > tol):
        raise SolverError("the individually rational constraints exclude every feasible payoff (numerical failure)")
    A, b, norms = A[keep], b[keep], norms[keep]
    res = linprog(np.r_[np.zeros(r), -1.0], A_ub=np.hstack([A, norms[:, None]]), b_ub=-b,
                  bounds=[(None, None)] * r + [(0, None)], method="highs")
    if res.status != 0:
        raise SolverError(f"linprog failed while locating the feasible IR set: {res.message}")
    if r >= 2 and res.x[-1] > 1e-7 * scale:
        verts = HalfspaceIntersection(np.hstack([A, b[:, None]]), res.x[:r]).intersections
    else:
        # no interior (or one dimension): every feasible intersection of r constraint hyperplanes
        found = []
        for S in itertools.combinations(range(len(A)), r):
            M = A[list(S)]
            if abs(np.linalg.det(M)) < 1e-12:
                continue
            y = np.linalg.solve(M, -b[list(S)])
            if np.all(A @ y + b <= 1e-8 * scale):
                found.append(y)
        if not found:
            raise SolverError("no vertex of the feasible individually rational set was found (numerical failure)")
        verts = np.array(found)
    U = x0 + verts @ basis
    U = np.unique(np.round(U, 10) + 0.0, axis=0)
    return tuple(tuple(float(x) for x in p) for p in U)
