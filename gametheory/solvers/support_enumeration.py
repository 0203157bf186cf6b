"""All Nash equilibria of a nondegenerate two-player game by support enumeration.

In a nondegenerate bimatrix game every equilibrium has supports ``I`` (rows) and ``J``
(columns) of equal size ``k``, and is the unique solution of the indifference systems
(Dickhaut & Kaplan 1991; Nisan et al. 2007, ch. 3, von Stengel)::

    A[I, J] y_J = v 1,  sum y_J = 1,      B[I, J]^T x_I = u 1,  sum x_I = 1,

with ``x, y >= 0`` and no pure strategy outside the supports doing better.  All
``sum_k C(m, k) C(n, k)`` support pairs are tried, size by size, with batched numpy
solves of the bordered systems (payoffs first scaled affinely onto ``[1, 2]``).

Tolerances.  Float games: a support pair is accepted when its probabilities are at least
``-1e-9`` and no outside strategy gains more than ``1e-9`` on the normalized scale, and
every reported profile is then checked to have each player's regret at most ``game.tols[i]``.  Exact games:
the float pass only proposes candidates (with the looser ``1e-7``, and every pair whose
system is numerically singular), and each candidate is solved and verified with
Fractions, so a float tolerance never decides whether an equilibrium is reported.

Consistency: in a nondegenerate game the number found must equal the number of completely
labeled vertex pairs that the degeneracy check (a vertex enumeration) finds; if it does not,
the float filter is widened (exact games) or the game's floats are solved exactly (float
games), and :class:`gametheory.SolverError` is raised rather than a short list returned.

Degenerate games (see :mod:`gametheory.solvers.vertex_enumeration`, which also detects
degeneracy): equilibria need not have equal-size supports and may form continua, so
support enumeration defers to vertex enumeration and reports the extreme equilibria of
every component, with a :class:`DegenerateGameWarning` and ``params["degenerate"] =
True`` and ``params["via"] = "vertex"`` (``on_degenerate="raise"`` raises
:class:`gametheory.DegenerateGameError`).  The cost grows like ``C(m + n, m)``: about a
second at 10 x 10.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, islice
from math import comb
from typing import Any, Callable, Iterator

import numpy as np

from ..equilibrium import Equilibrium, make_equilibrium, returns_equilibria
from ..errors import SolverError
from ..normal_form import NormalFormGame
from ._bimatrix import (
    DegenerateGameWarning,
    check_no_options,
    check_on_degenerate,
    check_two_player,
    dedupe_float,
    exact_point,
    normalize_pair,
    normalized,
    report_degenerate,
    sort_equilibria,
)
from ._polytope import bimatrix_vertices
from ._vertex_stream import bounded_pairs, use_stream
from .limits import (
    DEFAULT_LIMIT,
    IncompleteResultWarning,
    apply_limit,
    check_options,
    over_limit,
)

__all__ = ["support_enumeration", "DegenerateGameWarning"]

_CHUNK = 20000


@returns_equilibria("support", complete=True)
def support_enumeration(
    game: NormalFormGame,
    on_degenerate: str = "warn",
    limit: int | None = DEFAULT_LIMIT,
    on_limit: str = "raise",
    progress: Callable[[int, int | None], Any] | None = None,
    **opts: Any,
) -> list[Equilibrium]:
    """All equilibria of a nondegenerate two-player game (extreme ones if degenerate).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    on_degenerate : {"warn", "raise", "ignore"}
        What a degenerate game does: a :class:`DegenerateGameWarning` (default), a
        :class:`DegenerateGameError`, or nothing.
    limit, on_limit, progress
        As in :mod:`gametheory.solvers.limits`; progress counts support pairs tried, out
        of ``sum_k C(m, k) C(n, k)``.

    Returns
    -------
    list of Equilibrium
        Exact (Fractions, verified) for exact games; floats with each player's regret at
        most ``game.tols[i]`` otherwise.

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
    Dickhaut, J. & Kaplan, T. (1991). A program for finding Nash equilibria.
    Mathematica Journal 1.  von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [eq.payoffs for eq in gt.support_enumeration(bos)]  # doctest: +NORMALIZE_WHITESPACE
    [(Fraction(2, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1)),
     (Fraction(2, 3), Fraction(2, 3))]
    """
    check_two_player(game, "support_enumeration")
    check_on_degenerate(on_degenerate)
    check_options(limit, on_limit, progress)
    check_no_options("support_enumeration", opts)
    n_pairs = None
    if use_stream(game, limit):
        res = bounded_pairs(game, limit, None)
        if res is not None:
            found, over = res
            if over:
                if on_limit == "raise":
                    over_limit("support_enumeration", limit, None, on_limit, [])
                import warnings

                from .vertex_enumeration import vertex_enumeration

                with warnings.catch_warnings():  # warned once below, in support's name
                    warnings.simplefilter("ignore", IncompleteResultWarning)
                    eqs = vertex_enumeration(game, on_degenerate="ignore", limit=limit, on_limit="warn")
                return over_limit("support_enumeration", limit, None, on_limit, [
                    make_equilibrium(game, [list(s) for s in e.strategies], "support", exact=e.exact, tol=e.tols,
                                     degenerate=False, via="stream")
                    for e in eqs
                ])
            n_pairs = len(found)  # P exhausted, nondegenerate: the exact number of equilibria
    if n_pairs is None:
        pairs, degenerate, _route = bimatrix_vertices(game)
        if degenerate:
            report_degenerate("support_enumeration", on_degenerate)
            import warnings

            from .vertex_enumeration import vertex_enumeration

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                eqs = vertex_enumeration(game, on_degenerate="ignore", limit=None)
            return apply_limit([
                make_equilibrium(game, [list(s) for s in e.strategies], "support", exact=e.exact, tol=e.tols,
                                 degenerate=True, via="vertex")
                for e in eqs
            ], "support_enumeration", limit, on_limit)
        n_pairs = len(pairs)
    tick = _Ticker(progress, game.shape)
    An, Bn = normalized(game)
    if game.exact:
        out = _exact_run(game, An, Bn, tol=1e-7, tick=tick)
        if len(out) != n_pairs:
            # the vertex pass disagrees: widen the float filter (exact checks decide)
            out = _exact_run(game, An, Bn, tol=1e-3, tick=tick.again())
    else:
        out = _float_run(game, An, Bn, tick)
        if len(out) != n_pairs:
            exact = game.as_exact()
            Ae, Be = normalized(exact)
            out = [
                make_equilibrium(game, [[float(p) for p in s] for s in e.strategies], "support", exact=False,
                                 degenerate=False)
                for e in _exact_run(exact, Ae, Be, tol=1e-3, tick=tick.again())
            ]
    if len(out) != n_pairs:  # a bug if reached; never return a short list
        raise SolverError(
            f"support_enumeration found {len(out)} equilibria but vertex enumeration {n_pairs}; "
            "please report this game"
        )
    return apply_limit(sort_equilibria(out), "support_enumeration", limit, on_limit)


class _Ticker:
    """Reports support pairs tried to ``progress(done, total)``, non-decreasing across passes."""

    def __init__(self, progress: Callable | None, shape: tuple[int, int]) -> None:
        m, n = shape
        self.progress = progress
        self.total = sum(comb(m, k) * comb(n, k) for k in range(1, min(m, n) + 1))
        self.passes = 1
        self.done = 0

    def again(self) -> _Ticker:
        """A second pass over all pairs (the total grows by one pass)."""
        self.passes += 1
        return self

    def __call__(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total * self.passes)


def _exact_run(game: NormalFormGame, An: np.ndarray, Bn: np.ndarray, tol: float, tick: Any = None) -> list[Equilibrium]:
    cands = _candidates(An.astype(float), Bn.astype(float), tol=tol, keep_singular=True, tick=tick)
    out = []
    seen = set()
    for I, J in cands:
        res = _exact_support(An, Bn, I, J)
        if res is not None and res not in seen:
            seen.add(res)
            out.append(make_equilibrium(game, list(res), "support", exact=True, degenerate=False))
    return out


def _float_run(game: NormalFormGame, An: np.ndarray, Bn: np.ndarray, tick: Any = None) -> list[Equilibrium]:
    out_profiles = []
    for I, J in _candidates(An, Bn, tol=1e-9, keep_singular=False, tick=tick):
        res = _float_support(An, Bn, I, J)
        if res is not None:
            out_profiles.append(res)
    out = []
    for i in dedupe_float(out_profiles, 1e-8):
        eq = make_equilibrium(game, list(out_profiles[i]), "support", exact=False, degenerate=False)
        if all(r <= t for r, t in zip(_regret_float(game, eq), game.tols)):
            out.append(eq)
    return out


def _regret_float(game: NormalFormGame, eq: Equilibrium) -> tuple[float, float]:
    A, B = (np.asarray(M, float) for M in game.bimatrix)
    x, y = (np.asarray(s, float) for s in eq.strategies)
    Ay, xB = A @ y, x @ B
    return float(Ay.max() - x @ Ay), float(xB.max() - xB @ y)


def _bordered(M: np.ndarray) -> np.ndarray:
    """Batch of ``[[M, -1], [1, 0]]`` for a batch of square matrices M (shape p x k x k)."""
    p, k, _ = M.shape
    out = np.zeros((p, k + 1, k + 1))
    out[:, :k, :k] = M
    out[:, :k, k] = -1.0
    out[:, k, :k] = 1.0
    return out


def _batch_solve(S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solutions of ``S z = e_last`` and a mask of systems that are numerically singular."""
    p, k1, _ = S.shape
    rhs = np.zeros((p, k1, 1))
    rhs[:, -1, 0] = 1.0
    try:
        z = np.linalg.solve(S, rhs)[..., 0]
        sing = ~np.isfinite(z).all(axis=1)
    except np.linalg.LinAlgError:
        det = np.linalg.det(S)
        sing = np.abs(det) < 1e-12
        z = np.full((p, k1), np.nan)
        if (~sing).any():
            z[~sing] = np.linalg.solve(S[~sing], rhs[~sing])[..., 0]
    # a tiny determinant means the float solution may be far from the exact one
    det = np.linalg.det(S)
    sing |= np.abs(det) < 1e-10
    return z, sing


def _chunks(it: Iterator[tuple], size: int) -> Iterator[np.ndarray]:
    """Arrays of up to ``size`` combinations at a time (never all of them: C(50, 25) is 1e14)."""
    while True:
        block = list(islice(it, size))
        if not block:
            return
        yield np.array(block, dtype=np.intp)


def _pair_blocks(m: int, n: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """``(k, I, J)``: blocks of at most about ``_CHUNK`` support pairs of size k, k = 1, 2, ..."""
    for k in range(1, min(m, n) + 1):
        jstep = min(comb(n, k), _CHUNK)
        step = max(1, _CHUNK // jstep)
        for Ib in _chunks(combinations(range(m), k), step):
            for Jc in _chunks(combinations(range(n), k), jstep):
                yield k, np.repeat(Ib, len(Jc), axis=0), np.tile(Jc, (len(Ib), 1))


def _candidates(An: np.ndarray, Bn: np.ndarray, tol: float, keep_singular: bool,
                tick: Any = None) -> Iterator[tuple[tuple, tuple]]:
    """Support pairs whose float indifference solutions pass the checks within ``tol``.

    Memory stays bounded: support pairs are generated ``_CHUNK`` at a time.
    """
    m, n = An.shape
    for k, I, J in _pair_blocks(m, n):
        if tick is not None:
            tick(len(I))
        rows, cols = I[:, :, None], J[:, None, :]
        zy, sy = _batch_solve(_bordered(An[rows, cols]))
        zx, sx = _batch_solve(_bordered(np.swapaxes(Bn[rows, cols], 1, 2)))
        y, v = zy[:, :k], zy[:, k]
        x, u = zx[:, :k], zx[:, k]
        with np.errstate(invalid="ignore"):
            ok = (y >= -tol).all(axis=1) & (x >= -tol).all(axis=1)
            # payoff of every pure strategy against the candidate: A[:, J] y and B[I, :]^T x
            Ay = np.einsum("pik,pk->pi", An[:, J].transpose(1, 0, 2), y)
            xB = np.einsum("pkj,pk->pj", Bn[I, :], x)
            ok &= (Ay <= v[:, None] + tol).all(axis=1) & (xB <= u[:, None] + tol).all(axis=1)
        if keep_singular:
            ok |= sy | sx
        for p in np.flatnonzero(ok):
            yield tuple(int(i) for i in I[p]), tuple(int(j) for j in J[p])


def _exact_support(An: np.ndarray, Bn: np.ndarray, I: tuple, J: tuple) -> tuple[tuple, tuple] | None:
    """The exact equilibrium with supports within ``I, J``, if the support pair gives one."""
    m, n = An.shape
    k = len(I)
    one, zero = Fraction(1), Fraction(0)
    rows_y = [[An[i, j] for j in J] + [-one] for i in I] + [[one] * k + [zero]]
    rows_x = [[Bn[i, j] for i in I] + [-one] for j in J] + [[one] * k + [zero]]
    rhs = [zero] * k + [one]
    sy = exact_point(rows_y, rhs, range(k + 1), k + 1)
    sx = exact_point(rows_x, rhs, range(k + 1), k + 1)
    if sy is None or sx is None:
        return None
    y_s, v = sy[:k], sy[k]
    x_s, u = sx[:k], sx[k]
    if any(p < 0 for p in y_s) or any(p < 0 for p in x_s):
        return None
    y = [zero] * n
    x = [zero] * m
    for j, p in zip(J, y_s):
        y[j] = p
    for i, p in zip(I, x_s):
        x[i] = p
    for i in range(m):
        if sum((An[i, j] * p for j, p in zip(J, y_s)), zero) > v:
            return None
    for j in range(n):
        if sum((Bn[i, j] * p for i, p in zip(I, x_s)), zero) > u:
            return None
    return tuple(x), tuple(y)


def _float_support(An: np.ndarray, Bn: np.ndarray, I: tuple, J: tuple) -> tuple[list, list] | None:
    m, n = An.shape
    k = len(I)
    Sy = _bordered(An[np.ix_(I, J)][None])[0]
    Sx = _bordered(Bn[np.ix_(I, J)].T[None])[0]
    e = np.zeros(k + 1)
    e[-1] = 1.0
    try:
        zy, zx = np.linalg.solve(Sy, e), np.linalg.solve(Sx, e)
    except np.linalg.LinAlgError:
        return None
    x = np.zeros(m)
    y = np.zeros(n)
    x[list(I)] = np.clip(zx[:k], 0, None)
    y[list(J)] = np.clip(zy[:k], 0, None)
    if x.sum() <= 0 or y.sum() <= 0:
        return None
    return normalize_pair(x, y, False)
