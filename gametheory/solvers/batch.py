"""Solve a stack of two-player games of one shape in one call (``gametheory.solve_batch``).

A parameter sweep over a game-valued model solves thousands of small games; looping over
:func:`gametheory.solve` spends most of its time in Python.  ``solve_batch`` takes the
games as arrays ``A``, ``B`` of shape ``(N, m, n)`` (or a list of
:class:`~gametheory.NormalFormGame` of one shape) and runs one vectorized pass:

``"auto"`` / ``"support"``
    All equilibria: vectorized support enumeration over the equal-size support pairs
    (19 at 3 x 3; see :mod:`gametheory.solvers._batch_support`), which also tests every
    game for degeneracy.  Games that are degenerate (exactly for integer stacks, within a
    tolerance looser than the per-game solvers' for float stacks), whose support systems
    are near-singular, whose count of equilibria is even (Shapley 1974) or whose float
    equilibria fail the regret check are *flagged* and solved one at a time by
    :func:`gametheory.solve` (vertex enumeration: the extreme equilibria of every
    component), so a batch answer is never a silent approximation of a degenerate game.
    Only shapes with ``min(m, n) <= 4`` are enumerated this way; larger shapes are solved
    game by game.
``"pure"``
    The pure equilibria of every game, from two boolean arrays.
``"2x2"``
    :func:`gametheory.solvers.batch2x2.solve_2x2_batch` (2 x 2 stacks only; its own
    tolerance rule, degenerate games reported by their extreme equilibria).
``"lemke-howson"``
    One equilibrium per game from ``initial_label`` (default 0), pivoting all float games
    together; a game whose path meets a ratio tie or whose result fails the regret check
    is re-run by :func:`gametheory.lemke_howson`, as are exact stacks.

Integer (and Fraction) stacks are exact: every sign is decided in integer arithmetic and
indexing gives Fractions.  Float stacks use each game's own tolerances (``1e-9`` times
each player's largest absolute payoff), as :class:`~gametheory.NormalFormGame` does.

The result, :class:`BatchEquilibria`, keeps the equilibria as arrays: ``result[g]`` builds
the :class:`~gametheory.Equilibria` of game ``g`` (equal to what ``gt.solve`` returns for
it), ``result.to_frame()`` is one row per equilibrium with a ``game`` column.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from math import lcm
from typing import Any, Iterator, Sequence

import numpy as np

from ..equilibrium import PROB_ZERO, Equilibria, clean_probabilities, make_equilibrium
from ..errors import InvalidGameError
from ..normal_form import NormalFormGame
from ..numbers import DEFAULT_TOL
from ._batch_support import enumerate_supports, int_dtype
from ._bimatrix import (
    DegenerateGameWarning,
    check_on_degenerate,
    report_degenerate,
    sort_equilibria,
)

__all__ = ["solve_batch", "BatchEquilibria", "BATCH_METHODS"]

BATCH_METHODS = ("auto", "support", "pure", "2x2", "lemke-howson")
_MAX_ENUMERATED = 4  # min(m, n) up to which support pairs are enumerated in one pass


# ----------------------------------------------------------------------------- the result
class BatchEquilibria:
    """The equilibria of a stack of ``N`` two-player games, kept as arrays.

    Follows the result convention of :class:`gametheory.Result` for the whole solve
    (``game``, ``method``, ``exact``, ``tol``, ``params``, ``to_row()``); indexing gives
    each game's :class:`~gametheory.Equilibria`.

    Attributes
    ----------
    game : tuple of numpy.ndarray
        The stack ``(A, B)``, each of shape ``(N, m, n)`` (as given).
    method : str
        The batch method that ran (``"support"``, ``"pure"``, ``"2x2"``, ``"lemke-howson"``).
    exact : bool
        Whether the stack is exact (integers or Fractions): results are Fractions.
    tol : float
        The largest per-player tolerance of the stack's games (0 when exact).
    complete : bool
        Whether each game's list holds all its equilibria (extreme ones for degenerate games).
    counts : numpy.ndarray
        Number of equilibria of each game.
    degenerate : numpy.ndarray
        Per game: found degenerate (its list holds the extreme equilibria of each component).
    solved_singly : numpy.ndarray
        Per game: flagged by the vectorized pass and solved by the per-game solver.
    params : dict
        Anything else the solve records (``requested`` method, ``initial_label``).

    References
    ----------
    von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> A = np.array([[[2, 0], [0, 1]], [[3, 0], [5, 1]]])
    >>> B = np.array([[[1, 0], [0, 2]], [[3, 5], [0, 1]]])
    >>> res = gt.solve_batch(A, B)
    >>> res.counts.tolist(), res.exact
    ([3, 1], True)
    >>> res[1][0].strategies
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """

    def __init__(self, stack: "_Stack", method: str, complete: bool, game_of: np.ndarray, X: np.ndarray,
                 Y: np.ndarray, exact_parts: tuple | None, singles: dict[int, Equilibria],
                 degenerate: np.ndarray, eq_params: dict[str, np.ndarray] | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self._stack = stack
        self.method = method
        self.exact = stack.exact
        self.complete = complete
        N = stack.N
        if method in ("support", "2x2") and len(game_of):
            # within a game, the order of gt.solve (sort_equilibria): support size, then the
            # probabilities in descending lexicographic order
            size = (X > PROB_ZERO).sum(axis=1) + (Y > PROB_ZERO).sum(axis=1)
            keys = [-Y[:, j] for j in range(Y.shape[1] - 1, -1, -1)] + [-X[:, i] for i in range(X.shape[1] - 1, -1, -1)]
            order = np.lexsort(keys + [size, game_of])
        else:
            order = np.argsort(game_of, kind="stable")
        self._game_of = game_of[order]
        self._X, self._Y = X[order], Y[order]
        self._exact_parts = None if exact_parts is None else tuple(p[order] for p in exact_parts)
        self._eq_params = {k: v[order] for k, v in (eq_params or {}).items()}
        self._offsets = np.searchsorted(self._game_of, np.arange(N + 1))
        self._singles = singles
        counts = np.diff(self._offsets)
        for g, eqs in singles.items():
            counts[g] = len(eqs)
        self.counts = counts
        self.degenerate = np.asarray(degenerate, dtype=bool)
        self.solved_singly = np.zeros(N, dtype=bool)
        self.solved_singly[list(singles)] = True
        self.params = dict(params or {})
        self.tol = 0.0 if stack.exact else float(np.max(stack.tols, initial=0.0))

    @property
    def game(self) -> tuple[np.ndarray, np.ndarray]:
        return self._stack.A_in, self._stack.B_in

    def __len__(self) -> int:
        return self._stack.N

    def __iter__(self) -> Iterator[Equilibria]:
        for g in range(len(self)):
            yield self[g]

    def __getitem__(self, g: int) -> Equilibria:
        if isinstance(g, (bool, np.bool_)) or not isinstance(g, (int, np.integer)):
            raise InvalidGameError(f"index a batch result with a game number; got {g!r}")
        N = len(self)
        if not -N <= g < N:
            raise InvalidGameError(f"game {g} is out of range for a batch of {N} games")
        g = int(g) % N
        if g in self._singles:
            return self._singles[g]
        game = self._stack.game(g)
        out = []
        for e in range(self._offsets[g], self._offsets[g + 1]):
            if self.exact:
                xn, xd, yn, yd = (p[e] for p in self._exact_parts)
                strat = [[Fraction(int(v), int(xd)) for v in xn], [Fraction(int(v), int(yd)) for v in yn]]
            else:
                strat = [self._X[e].tolist(), self._Y[e].tolist()]
            extra = {k: _param_value(v[e]) for k, v in self._eq_params.items()}
            if self.method != "lemke-howson":
                extra["degenerate"] = bool(self.degenerate[g])
            out.append(make_equilibrium(game, strat, self.method, exact=self.exact, **extra))
        if self.method in ("support", "2x2"):
            out = sort_equilibria(out)
        return Equilibria(out, game=game, method=self.method, complete=self.complete, exact=self.exact,
                          params={"batch": True})

    def to_row(self) -> dict[str, Any]:
        """A one-row summary of the solve (games, equilibria, degenerate and per-game counts)."""
        return {
            "games": len(self), "equilibria": int(self.counts.sum()), "degenerate": int(self.degenerate.sum()),
            "solved singly": int(self.solved_singly.sum()), "method": self.method, "exact": bool(self.exact),
        }

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={v}" for k, v in self.to_row().items())
        return f"BatchEquilibria({items})"

    def to_frame(self) -> Any:
        """One row per equilibrium: ``game``, ``equilibrium`` (its number within the game), the
        probability of each strategy, each player's payoff, ``method``, ``exact``, ``degenerate``."""
        import pandas as pd

        st = self._stack
        players, labels = st.labels
        cols = [f"{players[0]}: {s}" for s in labels[0]] + [f"{players[1]}: {s}" for s in labels[1]]
        pay = [f"payoff {players[0]}", f"payoff {players[1]}"]
        keep = ~np.isin(self._game_of, list(self._singles))
        gi = self._game_of[keep]
        if self.exact:
            xn, xd, yn, yd = (p[keep] for p in self._exact_parts)
            data = _fraction_columns(xn, xd) + _fraction_columns(yn, yd)
            u1, u2 = st.exact_payoffs(gi, xn, xd, yn, yd)
        else:
            # the cleaning make_equilibrium applies to each game's equilibria, here for all rows at once
            X, Y = clean_probabilities(self._X[keep]), clean_probabilities(self._Y[keep])
            data = [X[:, i] for i in range(X.shape[1])] + [Y[:, j] for j in range(Y.shape[1])]
            u1 = np.einsum("ei,eij,ej->e", X, st.A[gi], Y)
            u2 = np.einsum("ei,eij,ej->e", X, st.B[gi], Y)
        frame = pd.DataFrame({"game": gi, **dict(zip(cols, data)), pay[0]: u1, pay[1]: u2})
        frame["method"] = self.method
        parts = [frame]
        for g, eqs in sorted(self._singles.items()):
            rows = [{"game": g, **dict(zip(cols + pay, [*e.strategies[0], *e.strategies[1], *e.payoffs])),
                     "method": e.method} for e in eqs]
            if rows:
                parts.append(pd.DataFrame(rows))
        out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else frame
        out = out.sort_values("game", kind="stable").reset_index(drop=True)
        out.insert(1, "equilibrium", out.groupby("game").cumcount())
        out["exact"] = bool(self.exact)
        out["degenerate"] = self.degenerate[out["game"].to_numpy(dtype=np.intp)]
        return out


def _param_value(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return tuple(int(a) for a in v)
    return int(v) if isinstance(v, np.integer) else v


def _fraction_columns(num: np.ndarray, den: np.ndarray) -> list[list[Fraction]]:
    d = [int(v) for v in den]
    return [[Fraction(int(a), b) for a, b in zip(num[:, i], d)] for i in range(num.shape[1])]


# ----------------------------------------------------------------------------- the input
class _Stack:
    """The games of a batch: as given, as integers (exact stacks) or floats, and their tolerances."""

    def __init__(self, A: Any, B: Any) -> None:
        self.games: list[NormalFormGame] | None = None
        if B is None and isinstance(A, (list, tuple)) and A and all(isinstance(g, NormalFormGame) for g in A):
            self._from_games(list(A))
        else:
            self._from_arrays(A, B)
        self.N, self.m, self.n = self.A.shape
        if self.exact:
            self.tols = np.zeros((self.N, 2))
        elif self.games is not None:  # each game's own tolerances (a game may set its tol)
            self.tols = np.array([g.tols for g in self.games], dtype=float).reshape(self.N, 2)
        else:
            self.tols = np.stack([_tols(self.A), _tols(self.B)], axis=1)

    def _from_games(self, games: list[NormalFormGame]) -> None:
        for k, g in enumerate(games):
            if g.n_players != 2:
                raise InvalidGameError(f"solve_batch needs two-player games; game {k} has {g.n_players} players")
            if g.shape != games[0].shape:
                raise InvalidGameError(f"solve_batch needs games of one shape; game 0 is {games[0].shape}, game {k} is {g.shape}")
        self.games = games
        self.exact = all(g.exact for g in games)
        A = np.stack([g.bimatrix[0] for g in games])
        B = np.stack([g.bimatrix[1] for g in games])
        self.A_in, self.B_in = A, B
        self._set_arrays(A, B)
        self.labels = (games[0].player_labels, games[0].strategy_labels)

    def _from_arrays(self, A: Any, B: Any) -> None:
        A = _as_stack(A, "A")
        B = -A if B is None else _as_stack(B, "B")
        if A.shape != B.shape:
            raise InvalidGameError(f"A has shape {A.shape} but B has shape {B.shape}; they must match")
        self.exact = _is_exact(A) and _is_exact(B)
        self.A_in, self.B_in = A, B
        self._set_arrays(A, B)
        m, n = A.shape[1:]
        self.labels = (("P1", "P2"), (tuple(f"s{i + 1}" for i in range(m)), tuple(f"s{j + 1}" for j in range(n))))

    def _set_arrays(self, A: np.ndarray, B: np.ndarray) -> None:
        if self.exact:
            (self.A, self.scale_a), (self.B, self.scale_b) = _integers(A), _integers(B)
        else:
            self.A, self.B = A.astype(float), B.astype(float)
            if not (np.isfinite(self.A).all() and np.isfinite(self.B).all()):
                raise InvalidGameError("payoffs must be finite (no NaN or infinity)")

    def game(self, g: int) -> NormalFormGame:
        if self.games is not None:
            return self.games[g]
        return NormalFormGame.from_bimatrix(self.A_in[g], self.B_in[g], exact=self.exact)

    def exact_payoffs(self, gi: np.ndarray, xn, xd, yn, yd) -> tuple[list[Fraction], list[Fraction]]:
        out = []
        for M, scale in ((self.A, self.scale_a), (self.B, self.scale_b)):
            Mo = M[gi].astype(object)
            num = (xn.astype(object)[:, :, None] * Mo * yn.astype(object)[:, None, :]).sum(axis=(1, 2))
            out.append([Fraction(int(a), int(b) * int(c) * int(s))
                        for a, b, c, s in zip(num, xd, yd, scale[gi])])
        return out[0], out[1]


def _as_stack(M: Any, name: str) -> np.ndarray:
    arr = np.asarray(M)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or 0 in arr.shape[1:]:
        raise InvalidGameError(f"{name} must have shape (N, m, n) (a stack of payoff matrices); got {arr.shape}")
    if arr.dtype == object:
        ok = all(isinstance(v, (int, float, Fraction, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
                 for v in arr.flat)
        if not ok:
            raise InvalidGameError(f"{name} must hold numbers (int, float, Fraction)")
        if not all(isinstance(v, (int, Fraction, np.integer)) for v in arr.flat):
            arr = arr.astype(float)
    elif arr.dtype.kind not in "iuf":
        raise InvalidGameError(f"{name} must be an integer or float array; got dtype {arr.dtype}")
    return arr


def _is_exact(M: np.ndarray) -> bool:
    return M.dtype.kind in "iu" or M.dtype == object


def _integers(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each game's payoffs times the lcm of their denominators: ``(integers, lcm per game)``."""
    if M.dtype.kind in "iu":
        small = M.dtype.kind == "i" or int(M.max(initial=0)) < 2**62
        return (M.astype(np.int64) if small else M.astype(object)), np.ones(M.shape[0], dtype=np.int64)
    out = np.empty(M.shape, dtype=object)
    scale = np.empty(M.shape[0], dtype=object)
    for g in range(M.shape[0]):
        vals = [Fraction(v) for v in M[g].flat]
        L = lcm(*(v.denominator for v in vals))
        out[g] = np.array([int(v * L) for v in vals], dtype=object).reshape(M.shape[1:])
        scale[g] = L
    return out, scale


def _int_magnitude(M: np.ndarray) -> int:
    """The largest ``|entry|`` as a Python int (``np.abs`` of the most negative int64 overflows)."""
    return max(abs(int(M.max())), abs(int(M.min()))) if M.size else 0


def _tols(M: np.ndarray) -> np.ndarray:
    scale = np.abs(M).reshape(M.shape[0], M.shape[1] * M.shape[2]).max(axis=1, initial=0.0)
    return DEFAULT_TOL * np.where(scale > 0, scale, 1.0)


def _positive_int(M: np.ndarray) -> np.ndarray:
    """``M - min + 1`` per game: positive integers with the same best responses."""
    if M.dtype != object and M.size and int(M.max()) - int(M.min()) >= 2**62:
        M = M.astype(object)  # the shift itself would overflow int64
    return M - M.reshape(M.shape[0], M.shape[1] * M.shape[2]).min(axis=1)[:, None, None] + 1


def _unit_scaled(M: np.ndarray) -> np.ndarray:
    """Each game's payoffs mapped affinely onto [1, 2], as :func:`._bimatrix.normalized` does."""
    flat = M.reshape(M.shape[0], M.shape[1] * M.shape[2])
    lo, hi = flat.min(axis=1), flat.max(axis=1)
    rng = hi - lo
    safe = np.where(rng == 0, 1.0, rng)
    out = (M - lo[:, None, None]) / safe[:, None, None] + 1.0
    out[rng == 0] = 1.0
    return out


# ----------------------------------------------------------------------------- the solve
def solve_batch(
    A: Any,
    B: Any = None,
    method: str = "auto",
    *,
    on_degenerate: str = "warn",
    initial_label: int = 0,
) -> BatchEquilibria:
    """Equilibria of every game of a stack ``(A[g], B[g])`` of one shape, in one call.

    Parameters
    ----------
    A : array_like or list of NormalFormGame
        The row player's payoffs, shape ``(N, m, n)`` (a single ``(m, n)`` matrix is a
        stack of one); or a list of two-player games of one shape (then ``B`` is omitted).
    B : array_like, optional
        The column player's payoffs, same shape; default ``-A`` (zero-sum games).
    method : {"auto", "support", "pure", "2x2", "lemke-howson"}
        See the module docstring; ``"auto"`` is ``"support"`` (all equilibria).
    on_degenerate : {"warn", "raise", "ignore"}
        What degenerate games in the stack do (all-equilibria methods): one
        :class:`gametheory.DegenerateGameWarning` for the batch (default), a
        :class:`gametheory.DegenerateGameError`, or nothing; either way they are flagged
        in ``result.degenerate`` and listed by their extreme equilibria.
    initial_label : int
        The label Lemke-Howson drops first (``method="lemke-howson"``).

    Returns
    -------
    BatchEquilibria
        ``result[g]`` is game ``g``'s :class:`~gametheory.Equilibria` (the same equilibria
        :func:`gametheory.solve` returns for it); ``result.to_frame()`` one row per
        equilibrium; ``result.counts``, ``result.degenerate`` arrays per game.

    Raises
    ------
    InvalidGameError
        Arrays that are not stacks of one shape, non-numeric or non-finite payoffs, games
        of different shapes or not two-player, an unknown method, ``"2x2"`` on another shape.
    DegenerateGameError
        A degenerate game with ``on_degenerate="raise"``.

    References
    ----------
    Dickhaut, J. & Kaplan, T. (1991). A program for finding Nash equilibria. Mathematica
    Journal 1.  von Stengel, B. (2007), in Algorithmic Game Theory, ch. 3.  Lemke, C. &
    Howson, J. (1964). Equilibrium points of bimatrix games. J. SIAM 12.

    Examples
    --------
    Ten thousand random 3 x 3 games, all equilibria, in one call:

    >>> import numpy as np
    >>> import gametheory as gt
    >>> rng = np.random.default_rng(0)
    >>> A, B = rng.random((2, 10_000, 3, 3))
    >>> res = gt.solve_batch(A, B)
    >>> len(res), int(res.counts.min()), bool(res.counts.max() <= 7)
    (10000, 1, True)
    >>> len(res[0]) == len(gt.solve(gt.NormalFormGame.from_bimatrix(A[0], B[0])))
    True
    """
    if not isinstance(method, str) or method not in BATCH_METHODS:
        raise InvalidGameError(f"unknown batch method {method!r}; choose one of {', '.join(BATCH_METHODS)}")
    check_on_degenerate(on_degenerate)
    stack = _Stack(A, B)
    requested = method
    if method == "auto":
        method = "support"
    if method == "pure":
        res = _pure(stack)
    elif method == "2x2":
        res = _two_by_two(stack)
    elif method == "lemke-howson":
        res = _lemke_howson(stack, initial_label)
    else:
        res = _support(stack)
    res.params["requested"] = requested
    if method != "lemke-howson" and res.degenerate.any():
        k = int(res.degenerate.sum())
        report_degenerate(f"solve_batch ({k} of {len(res)} games)", on_degenerate)
    return res


def _empty(stack: _Stack) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(0, np.intp), np.zeros((0, stack.m)), np.zeros((0, stack.n))


def _solve_singly(stack: _Stack, games: Sequence[int], **options: Any) -> dict[int, Equilibria]:
    from .dispatch import solve

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        for g in games:
            out[int(g)] = solve(stack.game(int(g)), **options)
    return out


def _support(stack: _Stack) -> BatchEquilibria:
    N, m, n = stack.A.shape
    if min(m, n) > _MAX_ENUMERATED:
        singles = _solve_singly(stack, range(N), limit=None)
        return _with_singles(stack, singles, "support")
    if stack.exact:
        Ap, Bp = _positive_int(stack.A), _positive_int(stack.B)
        dt = int_dtype(Ap, Bp, min(m, n))
        Ap, Bp = Ap.astype(dt), Bp.astype(dt)
    else:
        Ap, Bp = _unit_scaled(stack.A), _unit_scaled(stack.B)
    found, degenerate, unsure = enumerate_supports(Ap, Bp, stack.exact)
    games, X, Y, parts = [], [], [], [[], [], [], []]
    for (I, J), g, xn, xd, yn, yd in found:
        games.append(g)
        Xf = np.zeros((len(g), m), dtype=xn.dtype)
        Yf = np.zeros((len(g), n), dtype=yn.dtype)
        Xf[:, I], Yf[:, J] = xn, yn
        if stack.exact:
            for store, v in zip(parts, (Xf, xd, Yf, yd)):
                store.append(v)
            X.append((Xf / xd[:, None]).astype(float))
            Y.append((Yf / yd[:, None]).astype(float))
        else:
            X.append(Xf / xd[:, None])
            Y.append(Yf / yd[:, None])
    game_of = np.concatenate(games) if games else np.zeros(0, np.intp)
    X = np.concatenate(X) if X else np.zeros((0, m))
    Y = np.concatenate(Y) if Y else np.zeros((0, n))
    flagged = degenerate | unsure
    counts = np.bincount(game_of, minlength=N)
    flagged |= (counts % 2 == 0)  # a nondegenerate game has an odd number (Shapley 1974)
    if not stack.exact and len(game_of):
        X, Y = clean_probabilities(X), clean_probabilities(Y)
        AY = np.einsum("eij,ej->ei", stack.A[game_of], Y)
        XB = np.einsum("ei,eij->ej", X, stack.B[game_of])
        r1 = AY.max(axis=1) - np.einsum("ei,ei->e", X, AY)
        r2 = XB.max(axis=1) - np.einsum("ej,ej->e", XB, Y)
        bad = (r1 > stack.tols[game_of, 0]) | (r2 > stack.tols[game_of, 1])
        flagged[game_of[bad]] = True
    singles = _solve_singly(stack, np.flatnonzero(flagged), method="vertex", limit=None)
    degenerate = np.zeros(N, dtype=bool)
    for g, eqs in singles.items():
        degenerate[g] = any(e.params.get("degenerate", False) for e in eqs)
    keep = ~flagged[game_of]
    exact_parts = None
    if stack.exact:
        exact_parts = tuple(np.concatenate(p)[keep] if p else np.zeros(0) for p in parts)
        if not parts[0]:
            exact_parts = (np.zeros((0, m), np.int64), np.zeros(0, np.int64), np.zeros((0, n), np.int64), np.zeros(0, np.int64))
    return BatchEquilibria(stack, "support", True, game_of[keep], X[keep], Y[keep], exact_parts, singles, degenerate)


def _with_singles(stack: _Stack, singles: dict[int, Equilibria], method: str, complete: bool = True) -> BatchEquilibria:
    g, X, Y = _empty(stack)
    parts = (np.zeros((0, stack.m), np.int64), np.zeros(0, np.int64), np.zeros((0, stack.n), np.int64), np.zeros(0, np.int64))
    degenerate = np.array([any(e.params.get("degenerate", False) for e in singles[k]) for k in range(stack.N)], dtype=bool)
    return BatchEquilibria(stack, method, complete, g, X, Y, parts if stack.exact else None, singles, degenerate)


def _pure(stack: _Stack) -> BatchEquilibria:
    A, B = stack.A, stack.B
    if stack.exact:
        mask = (A == A.max(axis=1, keepdims=True)) & (B == B.max(axis=2, keepdims=True))
    else:
        mask = (A >= A.max(axis=1, keepdims=True) - stack.tols[:, 0, None, None]) & \
               (B >= B.max(axis=2, keepdims=True) - stack.tols[:, 1, None, None])
    g, i, j = np.nonzero(np.asarray(mask, dtype=bool))
    E = len(g)
    X = np.zeros((E, stack.m))
    Y = np.zeros((E, stack.n))
    X[np.arange(E), i] = 1.0
    Y[np.arange(E), j] = 1.0
    parts = None
    if stack.exact:
        ones = np.ones(E, np.int64)
        parts = (X.astype(np.int64), ones, Y.astype(np.int64), ones)
    return BatchEquilibria(stack, "pure", True, g, X, Y, parts, {}, np.zeros(stack.N, dtype=bool))


def _two_by_two(stack: _Stack) -> BatchEquilibria:
    from .batch2x2 import EXACT_LIMIT, solve_2x2_batch

    if (stack.m, stack.n) != (2, 2):
        raise InvalidGameError(f"method '2x2' needs 2 x 2 games; these are {stack.m} x {stack.n}")
    A, B = stack.A, stack.B
    if stack.exact and A.dtype != object and max(_int_magnitude(A), _int_magnitude(B)) > EXACT_LIMIT:
        A, B = A.astype(object), B.astype(object)
    res = solve_2x2_batch(A, B)
    g, k = np.nonzero(res.mask)
    p, q = res.p[g, k], res.q[g, k]
    X = np.stack([p, 1 - p], axis=1)
    Y = np.stack([q, 1 - q], axis=1)
    parts = None
    if stack.exact:
        pn, pd_, qn, qd = res.p_num[g, k], res.p_den[g, k], res.q_num[g, k], res.q_den[g, k]
        parts = (np.stack([pn, pd_ - pn], axis=1), pd_, np.stack([qn, qd - qn], axis=1), qd)
    return BatchEquilibria(stack, "2x2", True, g, X, Y, parts, {}, res.degenerate)


def _lemke_howson(stack: _Stack, k: Any) -> BatchEquilibria:
    from .lemke_howson import lemke_howson, lh_float_batch

    m, n = stack.m, stack.n
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or not 0 <= k < m + n:
        raise InvalidGameError(f"initial_label must be an int in 0..{m + n - 1}; got {k!r}")
    k = int(k)
    params = {"initial_label": k}
    if stack.exact:
        singles = {g: lemke_howson(stack.game(g), initial_label=k) for g in range(stack.N)}
        out = _with_singles(stack, singles, "lemke-howson", complete=False)
        out.params.update(params)
        return out
    X, Y, steps, ok = lh_float_batch(_unit_scaled(stack.A), _unit_scaled(stack.B), k)
    # the one-game solver's regret check, on the profile before cleaning, as it does
    AY = np.einsum("gij,gj->gi", stack.A, Y)
    XB = np.einsum("gi,gij->gj", X, stack.B)
    ok &= (AY.max(axis=1) - np.einsum("gi,gi->g", X, AY) <= stack.tols[:, 0])
    ok &= (XB.max(axis=1) - np.einsum("gj,gj->g", XB, Y) <= stack.tols[:, 1])
    singles = {int(g): lemke_howson(stack.game(int(g)), initial_label=k) for g in np.flatnonzero(~ok)}
    g = np.flatnonzero(ok)
    labels = np.full((len(g), 1), k)
    return BatchEquilibria(stack, "lemke-howson", False, g, X[g], Y[g], None, singles, np.zeros(stack.N, dtype=bool),
                           eq_params={"initial_labels": labels, "pivots": steps[g]}, params=params)
