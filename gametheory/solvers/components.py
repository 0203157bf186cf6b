"""Components of the Nash equilibrium set, as objects (not one sample per continuum).

Pieces.  For sets of strategies ``S_i`` (allowed support) and ``B_i`` (required best
responses) let ``E(S, B)`` be the profiles with ``supp p_i`` in ``S_i`` and every strategy
of ``B_i`` a best response of player ``i``.  Every such set consists of equilibria when
``S_i`` is within ``B_i``, and the equilibrium set is their union.  Membership is an exact
test (zero probabilities, equal expected payoffs), so :meth:`NashSubset.contains` and
:meth:`Component.contains` are exact for exact games and profiles.

Two players (Avis, Rosenberg, Savani & von Stengel 2010; Jansen 1981; lrsnash, Gambit).
Vertex enumeration gives the *extreme equilibria*: completely labeled pairs ``(x, y)`` of
vertices of the best-response polytopes.  They form a bipartite graph (``x`` joined to
``y`` when ``(x, y)`` is an equilibrium); a maximal clique ``X' x Y'`` (every ``x`` of
``X'`` with every ``y`` of ``Y'``) is a *maximal Nash subset* ``conv X' x conv Y'``, a
product of polytopes.  It equals ``E(S, B)`` with ``S`` the union of the supports and ``B``
the best responses common to all its vertices (the labels shared by ``X'``, resp. ``Y'``,
define a face of the polytope whose vertices are exactly ``X'``), which is how
``contains`` tests it exactly.  A component is a connected union of cliques (cliques
sharing a vertex), i.e. a connected component of the bipartite graph.  Its dimension is the
largest ``dim conv X' + dim conv Y'``.  In a nondegenerate game every component is a
single equilibrium (dimension 0).

n players (small games).  :func:`gametheory.polynomial_equilibria` returns a point of every
non-empty stratum ``{supp p = S, best responses = B}`` (its vertices and one point of each
continuum), so ``E(T, T)`` is non-empty exactly when one of those points lies in it.  Each
non-empty ``E(T, T)`` is written as a polynomial system in the probabilities (indifferences
within ``T``, weak inequalities for strategies outside ``T``); its equations are factored and
every choice of one factor per equation is a branch, whose reduced Groebner basis tells
whether it is empty, finite (isolated points, which the polynomial solver returned) or
positive-dimensional.  A branch whose equations are affine is solved exactly; an inequality
that is then a product of affine factors is split into its sign cases; every resulting
system of affine inequalities is a polytope whose vertices are computed exactly
(``is_polytope`` True).  Any other positive-dimensional branch is kept as a curved piece
(``is_polytope`` False) with the known equilibria in it as samples; its dimension is that of
the solution set at the samples (unknowns minus the rank of the Jacobian there), and its
connectedness is not decided (it is taken as one piece).  Two pieces belong to one component
when a known point lies in both, or when the union of their two systems has a non-empty
polytope case (decided exactly).  ``contains`` tests a piece's own system exactly, so it is
exact for curved pieces too.  Float n-player games are not handled (solve the exact game).

Index.  See :mod:`gametheory.solvers.equilibrium_index` (``Equilibrium.index``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..equilibrium import PROB_ZERO, Equilibria, Equilibrium
from ..errors import SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import DegenerateGameWarning
from ._component_sets import Component, NashSubset, affine_rank, stratum_contains

__all__ = ["Component", "NashSubset", "components_of", "maximal_bicliques", "stratum_contains"]


def components_of(eqs: Equilibria) -> list[Component]:
    """The components of the equilibrium set of ``eqs.game`` (see the module docstring).

    Uses the equilibria of ``eqs`` when they are the complete output of vertex
    enumeration (two players) or of the polynomial solver (n players); otherwise those are
    computed first.  Raises :class:`SolverError` for games this cannot handle.
    """
    game = eqs.game
    if not isinstance(game, NormalFormGame):
        raise SolverError("components need the equilibria of a NormalFormGame")
    if game.n_players == 2:
        if eqs.method == "vertex" and eqs.complete:
            extreme = list(eqs)
        else:
            from .vertex_enumeration import vertex_enumeration

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                extreme = list(vertex_enumeration(game, on_degenerate="ignore", limit=None))
        return _two_player(game, extreme)
    if game.n_players == 1:
        from .pure import pure_equilibria

        pts = list(eqs) if eqs.method == "pure" and eqs.complete else list(pure_equilibria(game, limit=None))
        return _one_player(game, pts)
    if not game.exact:
        raise SolverError("components of n-player games need exact payoffs (ints or Fractions); "
                          "this game has floats: solve game.as_exact()")
    from ._components_n import n_player_components

    return n_player_components(game, eqs)


# --------------------------------------------------------------------------- one player
def _one_player(game: NormalFormGame, pts: list[Equilibrium]) -> list[Component]:
    """One player: the maximizers' simplex, one polytope component."""
    best = tuple(sorted(e.pure_profile[0] for e in pts))
    piece = NashSubset(game, (best,), (best,), vertices=tuple(e.strategies for e in pts), extreme_points=pts,
                       dimension=len(best) - 1, sample=_barycenter([e.strategies for e in pts], game.exact))
    return [Component(game, [piece], pts, False)]


# --------------------------------------------------------------------------- two players
#: Float vertex strategies closer than this (entrywise) are one vertex (vertex enumeration's de-duplication tolerance).
SAME_VERTEX = 1e-8


def _vertex_id(s: Sequence[Any], ids: dict, vecs: list, exact: bool) -> int:
    """The index of vertex strategy ``s`` among ``vecs`` (added if new); float vertices
    within ``SAME_VERTEX`` of a known one are that one."""
    if exact:
        key = tuple(s)
        if key not in ids:
            ids[key] = len(vecs)
            vecs.append(s)
        return ids[key]
    v = np.asarray(s, dtype=float)
    for k, w in enumerate(vecs):
        if np.max(np.abs(v - np.asarray(w, dtype=float))) <= SAME_VERTEX:
            return k
    vecs.append(s)
    return len(vecs) - 1


def _two_player(game: NormalFormGame, extreme: list[Equilibrium]) -> list[Component]:
    exact = game.exact and all(e.exact for e in extreme)
    xs: dict[tuple, int] = {}
    ys: dict[tuple, int] = {}
    xvec, yvec, edge = [], [], {}
    for e in extreme:
        a = _vertex_id(e.strategies[0], xs, xvec, exact)
        b = _vertex_id(e.strategies[1], ys, yvec, exact)
        edge[a, b] = e
    adj: list[set[int]] = [set() for _ in xvec]
    for a, b in edge:
        adj[a].add(b)
    nbr = [frozenset(s) for s in adj]
    cliques = maximal_bicliques(nbr)
    # connected components of the bipartite graph = unions of cliques sharing a vertex
    parent = list(range(len(cliques)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner_x: dict[int, int] = {}
    owner_y: dict[int, int] = {}
    for c, (X, Y) in enumerate(cliques):
        for owner, verts in ((owner_x, X), (owner_y, Y)):
            for v in verts:
                if v in owner:
                    parent[find(c)] = find(owner[v])
                else:
                    owner[v] = c
    groups: dict[int, list[int]] = {}
    for c in range(len(cliques)):
        groups.setdefault(find(c), []).append(c)
    order = {id(e): k for k, e in enumerate(extreme)}
    A, B = game.bimatrix
    # each vertex's best responses, once: player 2's against an x vertex, player 1's against a y vertex
    if exact:  # positive scalings keep best responses: integer arithmetic throughout
        Ai, Bti = _integers(A), _integers(B.T)
        brx = [_best([sum(map(int.__mul__, row, xi)) for row in Bti], 0, True) for xi in _integers(xvec)]
        bry = [_best([sum(map(int.__mul__, row, yi)) for row in Ai], 0, True) for yi in _integers(yvec)]
    else:
        brx = [_best(np.asarray(x, dtype=float) @ np.asarray(B, float), game.tols[1], False) for x in xvec]
        bry = [_best(np.asarray(A, float) @ np.asarray(y, dtype=float), game.tols[0], False) for y in yvec]
    out = []
    for members in groups.values():
        pieces = [_nash_subset(game, X, Y, xvec, yvec, brx, bry, edge, exact) for X, Y in (cliques[c] for c in members)]
        pts = sorted({id(e): e for p in pieces for e in p.extreme_points}.values(), key=lambda e: order[id(e)])
        out.append(Component(game, pieces, pts, True))
    out.sort(key=lambda c: order[id(c.extreme_points[0])])
    return out


def maximal_bicliques(nbr: Sequence[frozenset]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques ``(X', Y')`` of a bipartite graph given by each left vertex's
    neighbours: the closed pairs ``Y' = N(X')``, ``X' = N(Y')`` (the intents are the
    non-empty intersections of neighbourhoods)."""
    intents: set[frozenset] = set()
    for s in nbr:
        if not s:
            continue
        new = {s} | {s & t for t in intents}
        intents |= {t for t in new if t}
    out = []
    for Y in intents:
        X = tuple(x for x, s in enumerate(nbr) if Y <= s)
        out.append((X, tuple(sorted(Y))))
    out.sort()
    return out


def _nash_subset(game, X, Y, xvec, yvec, brx, bry, edge, exact) -> NashSubset:
    VX, VY = [xvec[i] for i in X], [yvec[j] for j in Y]
    zero = 0 if exact else PROB_ZERO
    Sx = tuple(k for k in range(game.shape[0]) if any(v[k] > zero for v in VX))
    Sy = tuple(k for k in range(game.shape[1]) if any(v[k] > zero for v in VY))
    # best responses common to the vertices: of player 2 against every x, of player 1 against every y
    J = tuple(sorted(frozenset.intersection(*(brx[i] for i in X))))
    I = tuple(sorted(frozenset.intersection(*(bry[j] for j in Y))))
    pts = [edge[i, j] for i in X for j in Y]
    dim = _affine_dim(VX, exact) + _affine_dim(VY, exact)
    sample = (_barycenter([(x,) for x in VX], exact)[0], _barycenter([(y,) for y in VY], exact)[0])
    return NashSubset(game, (Sx, Sy), (I, J), vertices=(tuple(VX), tuple(VY)), extreme_points=pts,
                      dimension=dim, sample=sample)


def _integers(M: Any) -> list[list[int]]:
    """An exact matrix times one positive common denominator: integer rows."""
    rows = [[Fraction(v) for v in row] for row in M]
    den = math.lcm(*(v.denominator for row in rows for v in row))
    return [[int(v * den) for v in row] for row in rows]


def _best(u: np.ndarray, tol: float, exact: bool) -> frozenset:
    """The pure best responses given the payoff vector ``u`` (within ``tol`` for floats)."""
    best = max(u)
    return frozenset(k for k, w in enumerate(u) if (w == best if exact else best - w <= tol))


def _barycenter(profiles: list, exact: bool) -> tuple:
    """The mean of a list of profiles (each a sequence of vectors), exact where possible."""
    k = len(profiles)
    out = []
    for i in range(len(profiles[0])):
        if exact:
            out.append(tuple(sum((Fraction(p[i][s]) for p in profiles), Fraction(0)) / k for s in range(len(profiles[0][i]))))
        else:
            out.append(tuple(float(np.mean([float(p[i][s]) for p in profiles])) for s in range(len(profiles[0][i]))))
    return tuple(out)


def _affine_dim(vertices, exact) -> int:
    return affine_rank([list(v) for v in vertices], exact)


