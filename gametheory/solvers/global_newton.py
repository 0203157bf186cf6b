"""Sample Nash equilibria of an n-player game by the global Newton method.

Govindan & Wilson (2003) follow the equilibria of the perturbed games ``G + lam * g``
(player ``i`` gets a bonus ``lam * g_ik`` for playing ``k``, whatever the others do) from
a large ``lam``, where the game has one equilibrium (each player plays its largest
bonus), down to ``lam = 0``.  By Kohlberg & Mertens' structure theorem the equilibria
are parametrized by ``z`` in R^N: with ``r`` the Euclidean projection of each player's
block of ``z`` onto its simplex and ``V(s)`` the payoff of each pure strategy against the
profile ``s``, the path is the solution set of

    H(z, lam) = z - r(z) - V(r(z)) - lam * g = 0,

a curve in R^(N+1) that is smooth between changes of support and, for almost every ``g``,
a one-manifold from the start to ``lam -> -infinity``.  Each crossing of ``lam = 0`` is an
equilibrium ``r(z)`` of ``G``; there is an odd number of them and all are returned.

Here the curve is followed by a predictor-corrector (Allgower & Georg 1990): an Euler
step along the tangent (the kernel of ``DH``, oriented by the sign of the augmented
determinant, so the direction survives support changes where ``DH`` jumps) and a
Newton corrector; each crossing of ``lam = 0`` is refined by Newton with ``lam = 0`` held
fixed.  Payoffs are first mapped onto [0, 1] player by player, so the result does not
change under positive affine payoff transformations.  The path stops once
``lam < -lam0``: there the bonus makes each player's smallest-bonus strategy dominant,
so no further crossing exists.  Each equilibrium is finished as in the other sampling
methods (:mod:`gametheory.solvers.simplicial`): support polish, exact when the game is
exact and the support system allows it, per-player regret in ``params["regret"]``.

This is an implementation from the paper's homotopy, not a port of Gambit's (gametracer's)
code; it follows a different path than pygambit's ``gnm_solve`` when ``g`` differs.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..equilibrium import Equilibrium, returns_equilibria
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ._sampling import Multilinear, check_cap, check_game, finish, normalized_payoffs, warn_cap

__all__ = ["gnm_equilibria"]


def project_simplex(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Euclidean projection of ``z`` onto the probability simplex, and its support mask."""
    u = np.sort(z)[::-1]
    css = np.cumsum(u) - 1.0
    k = np.arange(1, z.size + 1)
    rho = int(np.nonzero(u - css / k > 0)[0][-1]) + 1
    v = css[rho - 1] / rho
    s = z - v
    mask = s > 0
    return np.where(mask, s, 0.0), mask


class _Path:
    """H(z, lam) on one cell (a fixed support per player, where ``r`` is affine) and the
    cell's boundary: ``slack >= 0`` inside, one entry per strategy."""

    def __init__(self, ml: Multilinear, g: np.ndarray):
        self.ml, self.g, self.N = ml, g, ml.N
        self._R: dict[bytes, np.ndarray] = {}  # the retraction's derivative depends on the cell only

    def cell_of(self, z: np.ndarray) -> np.ndarray:
        return np.concatenate([project_simplex(zi)[1] for zi in self.ml.split(z)])

    def _v(self, z: np.ndarray, cell: np.ndarray) -> np.ndarray:
        """Each player's projection threshold on this cell, repeated over its strategies."""
        out = np.empty(self.N)
        for i in range(self.ml.n):
            sl = slice(self.ml.off[i], self.ml.off[i + 1])
            out[sl] = (z[sl][cell[sl]].sum() - 1.0) / np.count_nonzero(cell[sl])
        return out

    def retract(self, z: np.ndarray, cell: np.ndarray) -> list[np.ndarray]:
        return self.ml.split(np.where(cell, z - self._v(z, cell), 0.0))

    def R(self, cell: np.ndarray) -> np.ndarray:
        key = cell.tobytes()
        if key in self._R:
            return self._R[key]
        R = np.zeros((self.N, self.N))
        for i in range(self.ml.n):
            idx = self.ml.off[i] + np.flatnonzero(cell[self.ml.off[i] : self.ml.off[i + 1]])
            R[np.ix_(idx, idx)] = np.eye(idx.size) - 1.0 / idx.size
        self._R[key] = R
        return R

    def slack(self, w: np.ndarray, cell: np.ndarray) -> np.ndarray:
        d = w[:-1] - self._v(w[:-1], cell)
        return np.where(cell, d, -d)

    def slack_grad(self, k: int, cell: np.ndarray) -> np.ndarray:
        i = int(np.searchsorted(self.ml.off, k, side="right")) - 1
        grad = np.zeros(self.N + 1)
        sl = slice(self.ml.off[i], self.ml.off[i + 1])
        grad[sl] = np.where(cell[sl], -1.0 / np.count_nonzero(cell[sl]), 0.0)
        grad[k] += 1.0
        return grad if cell[k] else -grad

    def H(self, w: np.ndarray, cell: np.ndarray) -> np.ndarray:
        prof = self.retract(w[:-1], cell)
        return w[:-1] - np.concatenate(prof) - self.ml.values(prof) - w[-1] * self.g

    def J(self, w: np.ndarray, cell: np.ndarray, DV: np.ndarray | None = None) -> np.ndarray:
        R = self.R(cell)
        if DV is None:
            DV = self.ml.jacobian(self.retract(w[:-1], cell))
        return np.hstack([np.eye(self.N) - R - DV @ R, -self.g[:, None]])


def _kernel(Jm: np.ndarray) -> np.ndarray:
    return np.linalg.svd(Jm)[2][-1]


def _correct(path: _Path, w: np.ndarray, cell: np.ndarray, tol: float, extra: int | None = None,
             maxit: int = 10) -> tuple[np.ndarray, bool]:
    """Newton back onto H = 0 on ``cell`` (minimum-norm steps), or with ``extra`` onto the
    point where that slack is 0 too (a square system)."""
    prev = None
    DV = path.ml.jacobian(path.retract(w[:-1], cell))  # payoff derivatives held at the predictor (chord Newton)
    for _ in range(maxit):
        h = path.H(w, cell)
        Jm = path.J(w, cell, DV)
        if extra is not None:
            h = np.append(h, path.slack(w, cell)[extra])
            Jm = np.vstack([Jm, path.slack_grad(extra, cell)])
        if not np.all(np.isfinite(h)):
            return w, False
        if np.max(np.abs(h)) < tol:
            return w, True
        try:  # minimum-norm Newton step J^T (J J^T)^-1 h (or the square solve with ``extra``)
            dw = np.linalg.solve(Jm, h) if extra is not None else Jm.T @ np.linalg.solve(Jm @ Jm.T, h)
        except np.linalg.LinAlgError:
            dw = np.linalg.lstsq(Jm, h, rcond=None)[0]
        w = w - dw
        step = float(np.linalg.norm(dw))
        if prev is not None and step > 0.5 * prev:
            return w, False
        prev = step
    return w, False


def _at_zero(path: _Path, w: np.ndarray, cell: np.ndarray, tol: float) -> list[np.ndarray]:
    """Newton on H(z, 0) = 0 from ``w``'s z: the equilibrium where the path crosses lam = 0."""
    w = np.append(w[:-1], 0.0)
    for _ in range(30):
        cell = path.cell_of(w[:-1])
        h = path.H(w, cell)
        if np.max(np.abs(h)) < tol:
            break
        w[:-1] -= np.linalg.lstsq(path.J(w, cell)[:, :-1], h, rcond=None)[0]
    return path.retract(w[:-1], path.cell_of(w[:-1]))


def _bonus(game: NormalFormGame, perturbation: Any, seed: Any) -> np.ndarray:
    N = sum(game.shape)
    if perturbation is None:
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
            raise InvalidGameError(f"seed must be an integer or None; got {seed!r}")
        rng = np.random.default_rng(seed)
        blocks = []
        for m in game.shape:  # one clear favourite per player, the rest well below it
            b = rng.uniform(0.0, 0.5, m)
            b[rng.integers(m)] = 1.0
            blocks.append(b)
        return np.concatenate(blocks)
    try:
        flat = np.concatenate([np.asarray(b, dtype=float).ravel() for b in perturbation])
    except (TypeError, ValueError):
        raise InvalidGameError(f"perturbation must give one number per strategy of each player; got {perturbation!r}") from None
    if flat.size != N or not np.all(np.isfinite(flat)):
        raise InvalidGameError(f"perturbation needs {N} finite numbers (one per strategy, player by player); got {flat.size}")
    off = np.concatenate([[0], np.cumsum(game.shape)])
    for i in range(game.n_players):
        b = np.sort(flat[off[i] : off[i + 1]])
        if b.size > 1 and b[-1] - b[-2] <= 0:
            raise InvalidGameError(f"perturbation: player {i}'s largest bonus must be unique")
    return flat / np.abs(flat).max()


@returns_equilibria("gnm", complete=False)
def gnm_equilibria(
    game: NormalFormGame,
    perturbation: Sequence[Sequence[float]] | None = None,
    seed: int | None = 0,
    max_steps: int = 10_000,
    tol: float | Sequence[float] | None = None,
) -> list[Equilibrium]:
    """Equilibria on one global Newton path (Govindan & Wilson 2003); see the module docstring.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game (solved in floating point; exact games get exact equilibria
        where the support system allows, see :mod:`gametheory.solvers.simplicial`).
    perturbation : sequence of sequences of float, optional
        The bonus vector ``g``, one number per strategy of each player, each player's
        largest entry unique.  Default: random (from ``seed``).
    seed : int or None
        Seed of the random bonus vector (default 0, so results are reproducible).
    max_steps : int
        Cap on predictor-corrector steps (default 10,000); reaching it, or a tracking
        error that closes the path into a loop, returns what was found with an
        :class:`IncompleteResultWarning` (or raises if nothing was).
    tol : float or sequence of float, optional
        Regret accepted per player (default ``game.tols``).

    Returns
    -------
    list of Equilibrium
        The distinct equilibria where the path crosses ``lam = 0`` (method ``"gnm"``,
        ``params["regret"]`` per player, ``params["step"]`` the path step of the crossing);
        as :class:`Equilibria` with ``complete=False``.

    Raises
    ------
    InvalidGameError
        Not a normal-form game, a bad ``perturbation``, ``seed`` or ``max_steps``.
    SolverError
        The path could not be followed, or no equilibrium was reached within ``max_steps``.

    References
    ----------
    Govindan, S. & Wilson, R. (2003). A global Newton method to compute Nash equilibria.
    Journal of Economic Theory 110, 65-86.  Kohlberg, E. & Mertens, J.-F. (1986). On the
    strategic stability of equilibria. Econometrica 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eqs = gt.solve(pd, method="gnm")
    >>> eqs[0].strategies, eqs.complete
    (((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))), False)
    """
    check_game(game, "gnm")
    max_steps = check_cap("max_steps", max_steps)
    tols = game.player_tols(tol)
    g = _bonus(game, perturbation, seed)
    ml = Multilinear(normalized_payoffs(game))
    path = _Path(ml, g)
    gaps = []
    for b in ml.split(g):
        s = np.sort(b)
        gaps.append(s[-1] - s[-2] if s.size > 1 else 1.0)
    lam0 = 2.0 / min(gaps)  # payoffs span at most 1: the favourite strictly dominates
    start = [np.eye(m)[int(np.argmax(b))] for m, b in zip(game.shape, ml.split(g))]
    w = np.append(np.concatenate(start) + ml.values(start) + lam0 * g, lam0)
    cell = path.cell_of(w[:-1])
    t = _kernel(path.J(w, cell))
    t = -t if t[-1] > 0 else t  # start by lowering lam
    h, hmax, ctol = 0.05, 0.25, 1e-11
    found: list[tuple[list[np.ndarray], int]] = []
    seen: set[tuple] = set()
    steps = 0

    def crossing(a: np.ndarray, b: np.ndarray) -> None:
        if (a[-1] > 0) != (b[-1] > 0):  # lam crossed 0: an equilibrium of G
            frac = a[-1] / (a[-1] - b[-1])
            found.append((_at_zero(path, a + frac * (b - a), cell, ctol), steps))

    while w[-1] > -lam0:
        steps += 1
        if steps > max_steps:
            if not found:
                raise SolverError(f"gnm: no equilibrium within max_steps={max_steps} path steps (at lambda={w[-1]:.4g})")
            warn_cap("gnm", f"the path was cut at max_steps={max_steps} (lambda={w[-1]:.4g})")
            break
        pred = w + h * t
        new, ok = _correct(path, pred, cell, ctol)
        if ok and np.linalg.norm(new - pred) <= 0.5 * h:
            nt = _kernel(path.J(new, cell))
            nt = nt if nt @ t > 0 else -nt
            ok = nt @ t >= 0.9  # inside one smooth piece the tangent turns slowly
        else:
            ok = False
        if not ok:
            h /= 2
            if h < 1e-12:
                if found:
                    warn_cap("gnm", f"the path stalled at lambda={w[-1]:.6g}")
                    break
                raise SolverError(f"gnm: the path stalled at lambda={w[-1]:.6g}")
            continue
        sl_new = path.slack(new, cell)
        if sl_new.min() >= 0:
            crossing(w, new)
            w, t = new, nt
            h = min(1.5 * h, hmax)
            continue
        # the step left the cell: stop on its boundary, then continue in the neighbouring cell
        sl_old = np.maximum(path.slack(w, cell), 0.0)
        out = np.flatnonzero(sl_new < 0)
        fracs = sl_old[out] / (sl_old[out] - sl_new[out])
        k = int(out[np.argmin(fracs)])
        bnd, ok = _correct(path, w + float(fracs.min()) * (new - w), cell, ctol, extra=k)
        if not ok or np.linalg.norm(bnd - w) > 2 * h:
            h /= 2
            continue
        J_old = path.J(bnd, cell)
        d_old = np.linalg.det(np.vstack([J_old, t]))
        nxt = cell.copy()
        nxt[k] = not nxt[k]
        J_new = path.J(bnd, nxt)
        nt = _kernel(J_new)
        nt = nt if path.slack_grad(k, nxt) @ nt > 0 else -nt  # into the new cell
        # the orientation (sign of the augmented determinant) is kept across a boundary
        # (Eaves 1976); when it disagrees, the step met two boundaries at once: shorten it
        if d_old * np.linalg.det(np.vstack([J_new, nt])) <= 0:
            h /= 2
            if h < 1e-12:
                if found:  # as for a stall: keep what the path found, say where it stopped
                    warn_cap("gnm", f"the path could not pass a change of support at lambda={w[-1]:.6g}")
                    break
                raise SolverError(f"gnm: the path could not pass a change of support at lambda={w[-1]:.6g}")
            continue
        # a path never meets itself: the same change of support at the same point means the
        # tracer slipped onto a closed loop, which no further stepping leaves
        key = (k, nxt.tobytes(), tuple(np.round(bnd, 7)))
        if key in seen:
            if found:
                warn_cap("gnm", f"the path closed a loop at lambda={bnd[-1]:.4g} (a tracking error)")
                break
            raise SolverError(f"gnm: the path closed a loop at lambda={bnd[-1]:.4g} before reaching an equilibrium")
        seen.add(key)
        crossing(w, bnd)
        cell, t = nxt, nt
        w = bnd
    eqs: list[Equilibrium] = []
    for k, (prof, step) in enumerate(found):
        eq = finish(game, prof, "gnm", tols, complete=False, crossing=k, step=step, path_steps=steps)
        if eq is not None and not any(eq == e for e in eqs):
            eqs.append(eq)
    if not eqs:
        raise SolverError("gnm: the path's end points could not be polished to equilibria within tolerance")
    return eqs
