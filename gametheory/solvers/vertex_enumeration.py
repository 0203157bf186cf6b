"""All Nash equilibria of a two-player game by vertex enumeration of the best-response polytopes.

Definitions (von Stengel 2007, ch. 3 of *Algorithmic Game Theory*; Avis, Rosenberg,
Savani & von Stengel 2010 for lrsnash): with payoffs scaled affinely onto ``[1, 2]``,
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``.  A pair of vertices
``(x, y) != (0, 0)`` that is *completely labeled* (every pure strategy of either player
is unplayed or a best response) gives the equilibrium ``(x / sum x, y / sum y)``; in a
nondegenerate game these are all the equilibria.

Floating point (float games): qhull (scipy.spatial.ConvexHull on the polar polytopes)
lists the vertices; a constraint is tight when its slack is at most ``LABEL_TOL = 1e-9``
on the normalized ``[1, 2]`` scale; labels are matched with vectorized numpy.  Each
reported profile has each player's regret at most ``game.tols[i]``.  If qhull's vertices are not accurate
to the label tolerance (a vertex with fewer tight constraints than its dimension, or
outside its polytope) the game's floats, which are exact binary rationals, are
enumerated exactly instead.

Exact games (ints, Fractions): the same float pass proposes candidate vertex pairs; each
vertex is then re-solved with Fractions from its tight constraints and its labels are
recomputed exactly, so every reported equilibrium is exact and verified.  When the
float pass is ill-conditioned (as above, or a vertex does not re-solve to within 1e-7 of
qhull's) the polytopes are enumerated exactly (a search over all feasible bases).

A nondegenerate game has an odd number of equilibria (Shapley 1974); an even count from
the float pass is taken as a sign of trouble and the exact enumeration is used instead.

Degenerate games (some vertex has more labels than its dimension, exactly for exact
games, within the tolerance for float games): the equilibria form components that may
be continua.  The solver then reports the *extreme equilibria*: every completely labeled
pair of vertices, which is what Gambit's ``enummixed`` reports (every equilibrium is a
convex combination of extreme ones within a component).  It emits a
:class:`DegenerateGameWarning` and records ``params["degenerate"] = True`` on each
equilibrium; ``on_degenerate="raise"`` raises :class:`gametheory.DegenerateGameError`
instead and ``"ignore"`` only records the flag.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..equilibrium import Equilibrium, clean_probabilities, make_equilibrium, returns_equilibria
from ..normal_form import NormalFormGame
from ._bimatrix import (
    DegenerateGameWarning,
    check_no_options,
    check_on_degenerate,
    check_two_player,
    dedupe_float,
    normalize_pair,
    report_degenerate,
    sort_equilibria,
)
from ._polytope import LABEL_TOL, bimatrix_vertices, exact_route_for_float
from ._vertex_stream import Fallback, bounded_pairs, to_pairs, use_stream
from .limits import DEFAULT_LIMIT, apply_limit, check_options, over_limit

__all__ = ["vertex_enumeration", "DegenerateGameWarning", "LABEL_TOL"]


@returns_equilibria("vertex", complete=True)
def vertex_enumeration(
    game: NormalFormGame,
    on_degenerate: str = "warn",
    limit: int | None = DEFAULT_LIMIT,
    on_limit: str = "raise",
    progress: Callable[[int, int | None], Any] | None = None,
    **opts: Any,
) -> list[Equilibrium]:
    """All equilibria of a two-player game (the extreme ones if it is degenerate).

    See the module docstring for tolerances and degenerate games.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    on_degenerate : {"warn", "raise", "ignore"}
        What a degenerate game does (see :func:`support_enumeration`).
    limit, on_limit, progress
        As in :mod:`gametheory.solvers.limits`; progress units are vertices of the row
        player's polytope.

    Returns
    -------
    list of Equilibrium
        Exact (Fractions, verified) for exact games; floats with each player's regret at
        most ``game.tols[i]`` for float games.

    Raises
    ------
    InvalidGameError
        The game does not have two players.
    DegenerateGameError
        A degenerate game with ``on_degenerate="raise"``.
    EquilibriumLimitError
        More equilibria than ``limit``.

    References
    ----------
    Mangasarian, O. (1964). Equilibrium points of bimatrix games. J. SIAM 12.
    von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.
    Avis, D., Rosenberg, G., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. Economic Theory 42.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.vertex_enumeration(bos)[2].strategies
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    """
    check_two_player(game, "vertex_enumeration")
    check_on_degenerate(on_degenerate)
    check_options(limit, on_limit, progress)
    check_no_options("vertex_enumeration", opts)
    seen = [0]  # vertices the stream visited: the batch path's final report must not go back

    def tracked(done: int, total: int | None) -> None:
        seen[0] = max(seen[0], done)
        progress(done, total)

    if use_stream(game, limit):
        out = _streamed(game, limit, on_limit, tracked if progress is not None else None)
        if out is not None:
            return out
    pairs, degenerate, route = bimatrix_vertices(game)
    if progress is not None:  # the batch pass (qhull) can only say when it is done
        progress(max(seen[0], 1), max(seen[0], 1))
    if not game.exact:
        out, degenerate = _float_equilibria(game, pairs, degenerate, route)
        if degenerate:
            report_degenerate("vertex_enumeration", on_degenerate)
        return apply_limit(out, "vertex_enumeration", limit, on_limit)
    if degenerate:
        report_degenerate("vertex_enumeration", on_degenerate)
    return apply_limit(_exact_equilibria(game, pairs, degenerate, route), "vertex_enumeration", limit, on_limit)


def _exact_equilibria(game: NormalFormGame, pairs: list, degenerate: bool, route: str) -> list[Equilibrium]:
    params: dict[str, Any] = {"degenerate": degenerate, "route": route}
    out = []
    for zx, zy in pairs:
        x, y = normalize_pair(zx, zy, True)
        out.append(make_equilibrium(game, [x, y], "vertex", exact=True, **params))
    return sort_equilibria(out)


def _streamed(game: NormalFormGame, limit: int, on_limit: str, progress: Any) -> list[Equilibrium] | None:
    """The equilibria from the streaming search (see _vertex_stream), or None for the batch path."""
    res = bounded_pairs(game, limit, progress)
    if res is None:
        return None
    found, over = res
    if over and on_limit == "raise":
        over_limit("vertex_enumeration", limit, None, on_limit, [])
    try:
        pairs = to_pairs(game, found[:limit])
        if game.exact:
            out = _exact_equilibria(game, pairs, False, "stream")
        else:
            out = _float_equilibria(game, pairs, False, "stream")[0]
    except Fallback:
        return None
    return over_limit("vertex_enumeration", limit, None, on_limit, out) if over else out


def _float_arrays(pairs: list, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Mixed strategies (rows) from polytope points: clip roundoff below 0, divide by the sums."""
    X = np.clip(np.array([p[0] for p in pairs], float).reshape(-1, m), 0.0, None)
    Y = np.clip(np.array([p[1] for p in pairs], float).reshape(-1, n), 0.0, None)
    X /= X.sum(axis=1, keepdims=True)
    Y /= Y.sum(axis=1, keepdims=True)
    return X, Y


def _float_equilibria(game: NormalFormGame, pairs: list, degenerate: bool, route: str) -> tuple[list[Equilibrium], bool]:
    """Sorted equilibria of a float game and the degeneracy flag, built with array arithmetic.

    Payoffs are ``x^T A y`` and ``x^T B y``; the regret of each profile is computed from the
    same products ``A y`` and ``x^T B``.
    """
    m, n = game.shape
    A, B = (np.asarray(M, float) for M in game.bimatrix)
    X, Y = _float_arrays(pairs, m, n)
    X, Y = clean_probabilities(X), clean_probabilities(Y)
    AY, XB = Y @ A.T, X @ B
    u1, u2 = np.einsum("ki,ki->k", X, AY), np.einsum("kj,kj->k", XB, Y)
    if route in ("float", "stream") and len(pairs):
        if float((AY.max(axis=1) - u1).max()) > game.tols[0] or float((XB.max(axis=1) - u2).max()) > game.tols[1]:
            if route == "stream":
                raise Fallback("regret above a player's tolerance")
            # a label within LABEL_TOL that is not tight enough for a player's tolerance: solve exactly
            pairs, degenerate, route = exact_route_for_float(game)
            return _float_equilibria(game, pairs, degenerate, route)
    # distinct vertices of a nondegenerate game give distinct equilibria; only degenerate
    # games (a vertex listed once per triangulated polar facet) need de-duplication
    if degenerate:
        keep = np.array(dedupe_float(list(zip(X, Y)), 1e-8), dtype=np.intp)
        X, Y, u1, u2 = X[keep], Y[keep], u1[keep], u2[keep]
    # the order of sort_equilibria: support size, then the strategies descending lexicographically
    size = np.count_nonzero(X, axis=1) + np.count_nonzero(Y, axis=1)
    XY = np.hstack([X, Y]).tolist()
    order = sorted(range(len(XY)), key=lambda i: (int(size[i]), [-p for p in XY[i]]))
    labels = game.strategy_labels
    out = []
    for i in order:
        out.append(Equilibrium(
            strategies=(tuple(XY[i][:m]), tuple(XY[i][m:])),
            payoffs=(float(u1[i]), float(u2[i])),
            method="vertex",
            exact=False,
            tol=game.tol,
            params={"degenerate": degenerate, "route": route},
            labels=labels,
            tols=game.tols,
            game=game,
        ))
    return out, degenerate
