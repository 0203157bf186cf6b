"""The component objects of :mod:`gametheory.solvers.components` and their exact membership tests."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..equilibrium import PROB_ZERO, Equilibrium, make_equilibrium
from ..normal_form import NormalFormGame

__all__ = ["Component", "NashSubset", "affine_rank", "profile_equilibrium", "satisfies", "stratum_contains"]


def stratum_contains(game: NormalFormGame, profile: Any, S: Sequence[Sequence[int]], B: Sequence[Sequence[int]],
                     tol: float | None = None) -> bool:
    """Whether ``profile`` lies in ``E(S, B)``: support within ``S_i``, every ``B_i`` a best response.

    Exact for an exact game and an exact profile with ``tol=None``; otherwise probabilities
    up to ``tol`` (default ``PROB_ZERO``) count as 0 and payoffs within the player's
    tolerance (``game.player_tols(tol)``) as equal.
    """
    prof, exact = _profile(game, profile, tol)
    ptol = 0 if exact else (PROB_ZERO if tol is None else float(tol))
    utols = (0,) * game.n_players if exact else game.player_tols(tol)
    for i in range(game.n_players):
        if any(abs(p) > ptol for k, p in enumerate(prof[i]) if k not in S[i]):
            return False
        if B[i]:
            dev = game.deviation_payoffs(i, prof, check=False)
            best = max(dev)
            if any(best - dev[k] > utols[i] for k in B[i]):
                return False
    return True


def _profile(game: NormalFormGame, profile: Any, tol: Any) -> tuple[tuple, bool]:
    if isinstance(profile, Equilibrium):
        profile = profile.strategies
    prof = game.check_profile(profile)
    exact = tol is None and game.exact and all(v.dtype == object for v in prof)
    if not exact:
        prof = tuple(np.asarray(v, dtype=float) for v in prof)
    return prof, exact


class NashSubset:
    """A closed convex (or curved) set of equilibria inside one component.

    Two players: a maximal Nash subset ``conv X' x conv Y'`` (a maximal clique of the
    bipartite graph of extreme equilibria).  n players: one polytope or curved piece (see
    :mod:`gametheory.solvers.components`).

    Attributes
    ----------
    supports : tuple of tuple of int
        ``S``: each player's strategies that may be played.
    best_responses : tuple of tuple of int
        ``B``: strategies that are best responses throughout.
    vertices : tuple of tuple
        Two players: ``(X', Y')``, the players' vertex strategies (exact for exact games).
        n players: the vertex profiles of a polytope piece (empty for a curved one).
    extreme_points : list of Equilibrium
        The vertices as equilibria (two players: every pair of ``X' x Y'``).
    dimension : int
    is_polytope : bool
        False for a curved piece (then ``samples`` are known equilibria in it).
    samples : list of Equilibrium
    sample : tuple
        A profile in the set (the barycenter of its vertices for a polytope).
    """

    def __init__(self, game: NormalFormGame, supports: Any, best_responses: Any, *, vertices: tuple = (),
                 extreme_points: Sequence[Equilibrium] = (), dimension: int = 0, is_polytope: bool = True,
                 equations: Sequence[Any] = (), symbols: Sequence[Any] = (), samples: Sequence[Equilibrium] = (),
                 sample: Any = None, inequalities: Sequence[Any] = ()) -> None:
        self.game = game
        self.supports = tuple(tuple(s) for s in supports)
        self.best_responses = tuple(tuple(b) for b in best_responses)
        self.vertices = vertices
        self.extreme_points = list(extreme_points)
        self.dimension = int(dimension)
        self.is_polytope = bool(is_polytope)
        self.equations = tuple(equations)  # extra polynomial equations of an n-player branch
        self.inequalities = tuple(inequalities)  # and its sign case (each >= 0)
        self.symbols = tuple(symbols)
        self.samples = list(samples)
        self.sample = sample

    def contains(self, profile: Any, tol: float | None = None) -> bool:
        """Whether ``profile`` lies in this set (exact for exact input and ``tol=None``;
        see :func:`stratum_contains` for the float tolerances)."""
        if not stratum_contains(self.game, profile, self.supports, self.best_responses, tol):
            return False
        if not self.equations and not self.inequalities:
            return True
        prof, exact = _profile(self.game, profile, tol)
        return satisfies(self.equations, self.symbols, prof, exact, PROB_ZERO if tol is None else float(tol),
                         self.inequalities)

    def __repr__(self) -> str:
        kind = "polytope" if self.is_polytope else "curved"
        return f"NashSubset({kind}, dimension={self.dimension}, supports={self.supports}, best_responses={self.best_responses})"


class Component:
    """A connected component of the Nash equilibrium set.

    Attributes
    ----------
    game : NormalFormGame
    extreme_points : list of Equilibrium
        Two players: the extreme equilibria in the component (exact for exact games).
        n players: the vertices of its polytope pieces and the isolated or vertex
        equilibria the polynomial solver found in it.
    nash_subsets : list of NashSubset or None
        Two players: the maximal Nash subsets (cliques) whose union is the component.
    pieces : list of NashSubset
        The sets whose union is the component (the Nash subsets for two players).
    dimension : int
        The largest dimension of a piece.
    is_polytope : bool
        Whether every piece is a polytope with exact vertices (the component is a finite
        union of polytopes); False when a piece is curved.
    is_convex : bool
        Whether the component is one polytope (a single piece).
    sample : tuple
        A profile in the component (a point of its first piece).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> comps = gt.solve(g, on_degenerate="ignore").components
    >>> [(c.dimension, len(c.extreme_points)) for c in comps]
    [(1, 2)]
    """

    def __init__(self, game: NormalFormGame, pieces: Sequence[NashSubset], extreme_points: Sequence[Equilibrium],
                 two_player: bool) -> None:
        self.game = game
        self.pieces = list(pieces)
        self.nash_subsets = list(pieces) if two_player else None
        self.extreme_points = list(extreme_points)
        self.dimension = max((p.dimension for p in self.pieces), default=0)
        self.is_polytope = all(p.is_polytope for p in self.pieces)
        self.is_convex = self.is_polytope and len(self.pieces) == 1
        self.sample = self.pieces[0].sample if self.pieces else None

    def contains(self, profile: Any, tol: float | None = None) -> bool:
        """Whether ``profile`` is an equilibrium in this component (exact for exact input
        and ``tol=None``, else within ``tol``; see :func:`stratum_contains`)."""
        return any(p.contains(profile, tol) for p in self.pieces)

    def __repr__(self) -> str:
        return (f"Component(dimension={self.dimension}, extreme_points={len(self.extreme_points)}, "
                f"pieces={len(self.pieces)}, is_polytope={self.is_polytope})")


def satisfies(equations: Sequence[Any], symbols: Sequence[tuple], prof: tuple, exact: bool, tol: float,
              inequalities: Sequence[Any] = ()) -> bool:
    """Whether the profile's probabilities solve the polynomial ``equations`` and
    ``inequalities >= 0`` (exactly, or within ``tol`` times the largest coefficient)."""
    env = {s: (sp.Rational(Fraction(prof[i][k]).numerator, Fraction(prof[i][k]).denominator) if exact
               else sp.Float(float(prof[i][k]))) for s, i, k in symbols}
    syms = [s for s, _, _ in symbols]
    for e, equal in [(e, True) for e in equations] + [(g, False) for g in inequalities]:
        v = e.xreplace(env)
        if exact:
            if (v != 0) if equal else v < 0:
                return False
        else:
            scale = max([abs(float(c)) for c in sp.Poly(e, *syms).coeffs()] + [1.0]) if syms else 1.0
            if (abs(float(v)) if equal else -float(v)) > tol * scale:
                return False
    return True


def affine_rank(points: Sequence[Sequence[Any]], exact: bool) -> int:
    """Dimension of the affine hull of ``points`` (exact Gaussian elimination, or numpy's rank)."""
    if len(points) <= 1:
        return 0
    if not exact:
        P = np.asarray(points, float)
        return int(np.linalg.matrix_rank(P[1:] - P[0], tol=1e-9))
    # integer rows (each difference scaled by its common denominator): elimination on Python ints
    rows = []
    for p in points[1:]:
        diff = [Fraction(a) - Fraction(b) for a, b in zip(p, points[0])]
        den = math.lcm(*(d.denominator for d in diff))
        rows.append([int(d * den) for d in diff])
    rank, cols = 0, len(rows[0])
    for c in range(cols):
        piv = next((r for r in range(rank, len(rows)) if rows[r][c] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        pr = rows[rank]
        for r in range(rank + 1, len(rows)):
            if rows[r][c] != 0:
                f, g = pr[c], rows[r][c]
                row = [f * a - g * b for a, b in zip(rows[r], pr)]
                k = math.gcd(*row)
                rows[r] = [a // k for a in row] if k > 1 else row
        rank += 1
    return rank



def profile_equilibrium(game: NormalFormGame, profile: Any, method: str) -> Equilibrium:
    """An :class:`Equilibrium` for a vertex profile a components routine computed."""
    return make_equilibrium(game, [list(s) for s in profile], method, exact=game.exact)
