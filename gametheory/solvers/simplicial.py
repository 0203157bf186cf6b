"""A sample Nash equilibrium of an n-player game by simplicial subdivision.

A Nash equilibrium is a fixed point of the continuous map ``G(s) = r(s + V(s))`` on the
product of the players' simplices (``V``: each pure strategy's payoff against ``s``;
``r``: Euclidean projection of each player's block onto its simplex), and a fixed point
is a zero of ``f(x) = G(x) - x``.  Simplicial algorithms find approximate zeros
combinatorially: triangulate the space with a grid of mesh ``delta``, give each vertex an
integer label from the sign pattern of ``f`` there, and pivot from simplex to adjacent
simplex until one carries every label; refining the grid and restarting from the point
found converges to a fixed point.

This module implements Merrill's (1972) restart algorithm, in the form of Todd (1976,
ch. 5): the space is ``R^d x [0, 1]`` with Freudenthal's (Kuhn's) triangulation, vertices
on layer 0 are labelled by the artificial map ``v - x`` (whose one completely labelled
simplex surrounds the restart point ``v``), vertices on layer 1 by ``f``; a vertex gets
label 0 when every component of its map is <= 0 and label ``1 + argmax`` otherwise.  The
path of completely labelled facets leaves layer 0 at the start and ends at a completely
labelled facet of layer 1, whose vertices approximate a zero of ``f``.  Each mixed
strategy is written in cumulative coordinates (``c_k = p_1 + ... + p_k``), so the product
of simplices is a union of Freudenthal simplices; points outside it are mapped in by
clipping and sorting, which keeps ``f`` continuous and pointing inwards far away, so the
path stays bounded.  Grid vertices are integer vectors and ``delta`` a power of 1/2, so
the pivoting itself is exact; only the labels evaluate payoffs in floating point.

The grid is halved after each restart (as in Gambit's ``simpdiv``, van der Laan, Talman &
van der Heyden 1987, which uses a different, variable-dimension path); once the regret
of the point found is small, it is polished by a Newton solve on its support.  The
result is exact for exact games when its support system allows (at most two players
mix, or a rational point), and carries each player's regret in ``params["regret"]``.
Payoffs are mapped onto [0, 1] player by player first, so positive affine payoff changes
do not change the result.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..equilibrium import Equilibrium, returns_equilibria
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ._sampling import Multilinear, check_cap, check_game, finish, normalized_payoffs
from .global_newton import project_simplex

__all__ = ["simpdiv_equilibrium"]


class _Labels:
    """The labelling of one restart: the grid, its restart point and the payoff map."""

    def __init__(self, ml: Multilinear, v: np.ndarray, delta: float, alpha: float = 1.0):
        self.ml, self.v, self.delta, self.alpha = ml, v, delta, alpha
        self.dims = [m - 1 for m in ml.shape]
        self.d = sum(self.dims)
        # the restart point is the barycenter of the layer-0 facet of the first simplex,
        # in grid units w_j = (d - j) / (d + 1); labels on layer 0 compare integers
        self.w_num = np.arange(self.d, 0, -1)
        self.cache: dict[tuple, int] = {}

    def point(self, y: np.ndarray) -> np.ndarray:
        return self.v + self.delta * (y[:-1] - self.w_num / (self.d + 1))

    def profile(self, x: np.ndarray) -> list[np.ndarray]:
        """The profile of cumulative coordinates ``x`` (clipped and sorted into the space)."""
        out, k = [], 0
        for dk in self.dims:
            c = np.sort(np.clip(x[k : k + dk], 0.0, 1.0))
            out.append(np.diff(np.concatenate([[0.0], c, [1.0]])))
            k += dk
        return out

    def f(self, x: np.ndarray) -> np.ndarray:
        prof = self.profile(x)
        vals = self.ml.split(self.ml.values(prof))
        image = [project_simplex(p + self.alpha * vi)[0] for p, vi in zip(prof, vals)]
        return np.concatenate([np.cumsum(q)[:-1] for q in image]) - x

    def label(self, y: np.ndarray) -> int:
        key = tuple(y.tolist())
        lab = self.cache.get(key)
        if lab is None:
            if y[-1] == 0:  # artificial layer: v - x in units of delta / (d + 1), exact
                fx = self.w_num - (self.d + 1) * y[:-1]
            else:
                fx = self.f(self.point(y))
            j = int(np.argmax(fx))
            lab = 0 if fx[j] <= 0 else j + 1
            self.cache[key] = lab
        return lab


def _restart(lab: _Labels, max_pivots: int) -> tuple[list[np.ndarray], int]:
    """One run of Merrill's algorithm; the layer-1 vertices of the final simplex and the pivots used."""
    d = lab.d
    D = d + 1  # dimension of the strip; axis d is the layer
    base = np.zeros(D, dtype=np.int64)
    perm = list(range(D))  # vertex k = base + unit vectors of perm[:k]; the layer axis last

    def vertices() -> list[np.ndarray]:
        out = [base.copy()]
        for a in perm:
            nxt = out[-1].copy()
            nxt[a] += 1
            out.append(nxt)
        return out

    verts = vertices()
    labels = [lab.label(y) for y in verts]
    entering = D  # the vertex just added: the layer-1 vertex on top of the start facet
    for pivots in range(1, max_pivots + 1):
        # the entering vertex's label is carried by exactly one other vertex: drop that one
        k = next(i for i in range(D + 1) if i != entering and labels[i] == labels[entering])
        if k == 0:
            if perm[0] == d:  # the remaining facet is all on layer 1: done
                return [lab.point(y) for y in verts[1:]], pivots
            a = perm.pop(0)
            perm.append(a)
            base[a] += 1
            y = verts[-1].copy()
            y[a] += 1
            verts = verts[1:] + [y]
            labels = labels[1:] + [lab.label(y)]
            entering = D
        elif k == D:
            if perm[-1] == d:  # back on layer 0 at another complete facet (degenerate labels)
                raise SolverError("simpdiv: the path returned to the artificial layer")
            a = perm.pop()
            perm.insert(0, a)
            base[a] -= 1
            verts = [base.copy()] + verts[:-1]
            labels = [lab.label(verts[0])] + labels[:-1]
            entering = 0
        else:
            perm[k - 1], perm[k] = perm[k], perm[k - 1]
            y = verts[k - 1].copy()
            y[perm[k - 1]] += 1
            verts[k] = y
            labels[k] = lab.label(y)
            entering = k
    raise _PivotCap(pivots)


class _PivotCap(Exception):
    pass


def _interpolated_zero(lab: _Labels, corners: list[np.ndarray]) -> np.ndarray:
    """The point where the affine interpolation of ``f`` on the simplex ``corners`` vanishes."""
    X = np.array(corners)
    F = np.array([lab.f(x) for x in corners])
    A = np.vstack([F.T, np.ones(len(corners))])
    b = np.zeros(A.shape[0])
    b[-1] = 1.0
    weights = np.linalg.lstsq(A, b, rcond=None)[0]
    return weights @ X


def _cumulative(prof: Sequence[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.cumsum(p)[:-1] for p in prof])


def _start(game: NormalFormGame, start: Any) -> list[np.ndarray]:
    if start is None:
        return [np.full(m, 1.0 / m) for m in game.shape]
    try:
        prof = game.check_profile(start)
    except Exception as exc:  # InvalidProfileError is a GameError; keep its message
        raise InvalidGameError(f"simpdiv: bad start profile: {exc}") from None
    return [np.asarray(p, dtype=float) for p in prof]


@returns_equilibria("simpdiv", complete=False)
def simpdiv_equilibrium(
    game: NormalFormGame,
    start: Sequence[Sequence[Any]] | None = None,
    grid: int = 4,
    max_refinements: int = 60,
    max_pivots: int = 1_000_000,
    tol: float | Sequence[float] | None = None,
) -> list[Equilibrium]:
    """One Nash equilibrium by simplicial subdivision with restarts; see the module docstring.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    start : sequence of sequences, optional
        The first restart point (a mixed profile); default: every player uniform.
    grid : int
        The first grid has mesh ``1 / grid`` (in cumulative probability); each restart halves it.
    max_refinements : int
        Cap on restarts (grid halvings).
    max_pivots : int
        Cap on pivots over all restarts.
    tol : float or sequence of float, optional
        Regret accepted per player (default ``game.tols``).

    Returns
    -------
    list of Equilibrium
        One equilibrium (method ``"simpdiv"``, ``params["regret"]`` per player,
        ``params["refinements"]``, ``params["pivots"]``); as :class:`Equilibria` with
        ``complete=False``.

    Raises
    ------
    InvalidGameError
        Not a normal-form game, a bad start profile, or a cap or grid that is not a
        positive integer.
    SolverError
        No equilibrium within the caps.

    References
    ----------
    Merrill, O. H. (1972). Applications and extensions of an algorithm that computes fixed
    points of certain upper semi-continuous point to set mappings. PhD thesis, University
    of Michigan.  Todd, M. J. (1976). The Computation of Fixed Points and Applications.
    Springer.  van der Laan, G., Talman, A. J. J. & van der Heyden, L. (1987). Simplicial
    variable dimension algorithms for solving the nonlinear complementarity problem on a
    product of unit simplices using a general labelling. Mathematics of Operations Research 12.

    Examples
    --------
    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = gt.solve(mp, method="simpdiv")
    >>> eqs[0].strategies, eqs[0].exact, eqs.complete
    (((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), True, False)
    """
    check_game(game, "simpdiv")
    grid = check_cap("grid", grid)
    max_refinements = check_cap("max_refinements", max_refinements)
    max_pivots = check_cap("max_pivots", max_pivots)
    tols = game.player_tols(tol)
    ml = Multilinear(normalized_payoffs(game))
    prof = _start(game, start)
    if sum(m - 1 for m in game.shape) == 0:  # every player has one strategy
        eq = finish(game, prof, "simpdiv", tols, complete=False, refinements=0, pivots=0)
        return [eq]
    delta, used = 1.0 / grid, 0
    best = None
    for refinement in range(1, max_refinements + 1):
        lab = _Labels(ml, _cumulative(prof), delta)
        try:
            corners, pivots = _restart(lab, max_pivots - used)
        except _PivotCap:
            raise SolverError(f"simpdiv: no equilibrium within max_pivots={max_pivots} pivots") from None
        used += pivots
        # restart from the zero of the affine interpolation of f on the completely labelled
        # simplex (better than any corner where f is smooth), or from its best corner
        cands = [lab.profile(x) for x in corners] + [lab.profile(_interpolated_zero(lab, corners))]
        regs = [float(ml.regrets(p).max()) for p in cands]
        prof = cands[int(np.argmin(regs))]
        if best is None or min(regs) < best[0]:
            best = (min(regs), prof)
        if min(regs) < 0.05:  # perhaps close enough for Newton on the support to take over
            eq = finish(game, prof, "simpdiv", tols, complete=False, refinements=refinement, pivots=used)
            if eq is not None:
                return [eq]
        delta /= 2
    raise SolverError(
        f"simpdiv: no equilibrium within max_refinements={max_refinements} grid refinements "
        f"(best normalized regret {best[0]:.3g})"
    )
