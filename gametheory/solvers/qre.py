"""Logit quantal response equilibrium and its principal branch.

A logit QRE at precision ``lam >= 0`` is a profile with
``p_ik = exp(lam v_ik) / sum_l exp(lam v_il)``, where ``v_ik`` is player ``i``'s
expected payoff from pure strategy ``k`` against the others (McKelvey & Palfrey
1995).  At ``lam = 0`` it is the centroid; the *principal branch* is the curve of
QRE that starts there, and as ``lam -> infinity`` it converges to a Nash
equilibrium (the logit-limit or "tracing" equilibrium) in generic games.

The branch is traced by predictor-corrector continuation (Turocy 2005; Allgower &
Georg 1990) in the unknowns ``(ln p, lam)``: an Euler step along the tangent of
``H(ln p, lam) = 0`` and a Newton corrector orthogonal to it, with the arc length
as parameter so the branch may bend back in ``lam``.  The equations per player are
``ln p_ik - ln p_i0 - lam (v_ik - v_i0) = 0`` (``k >= 1``) and ``sum_k p_ik = 1``.

:func:`qre_equilibrium` follows the branch to ``lam_max`` and polishes the end point
with a Newton solve of the indifference equations on its support, returning one
Nash equilibrium with ``method="qre"``, ``exact=False`` and ``complete=False``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from scipy.optimize import root

from ..equilibrium import Equilibrium, make_equilibrium, regret, returns_equilibria
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ..numbers import as_number, payoff_scale

__all__ = ["logit_qre", "qre_path", "qre_equilibrium", "QREPoint"]


@dataclass(frozen=True)
class QREPoint:
    """One point of the logit QRE branch: precision ``lam`` and the profile there."""

    lam: float
    strategies: tuple


class _Branch:
    """The homotopy map H and its Jacobian for one game (float payoffs)."""

    def __init__(self, game: NormalFormGame):
        self.game = game
        self.u = [np.asarray(a, dtype=float) for a in game.payoffs]
        self.shape = game.shape
        self.n = game.n_players
        self.off = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.N = int(self.off[-1])

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        return [x[self.off[i] : self.off[i + 1]] for i in range(self.n)]

    def _contract(self, i: int, prof: list[np.ndarray], keep: tuple[int, ...]) -> np.ndarray:
        arr = self.u[i]
        for j in range(self.n - 1, -1, -1):
            if j not in keep:
                arr = np.tensordot(arr, prof[j], axes=([j], [0]))
        return arr

    def values(self, prof: list[np.ndarray]) -> list[np.ndarray]:
        return [self._contract(i, prof, (i,)) for i in range(self.n)]

    def H(self, z: np.ndarray) -> np.ndarray:
        x, lam = z[:-1], z[-1]
        logs = self.split(x)
        prof = [np.exp(l) for l in logs]
        v = self.values(prof)
        out = np.empty(self.N)
        for i in range(self.n):
            o = self.off[i]
            out[o] = prof[i].sum() - 1.0
            out[o + 1 : self.off[i + 1]] = logs[i][1:] - logs[i][0] - lam * (v[i][1:] - v[i][0])
        return out

    def J(self, z: np.ndarray) -> np.ndarray:
        x, lam = z[:-1], z[-1]
        prof = [np.exp(l) for l in self.split(x)]
        v = self.values(prof)
        Jm = np.zeros((self.N, self.N + 1))
        for i in range(self.n):
            o, m = self.off[i], self.shape[i]
            Jm[o, o : o + m] = prof[i]
            for k in range(1, m):
                Jm[o + k, o + k] += 1.0
                Jm[o + k, o] -= 1.0
            Jm[o + 1 : o + m, -1] = -(v[i][1:] - v[i][0])
            for j in range(self.n):
                if j == i:
                    continue
                M = self._contract(i, prof, tuple(sorted((i, j))))
                if i > j:
                    M = M.T  # rows: player i's strategies
                oj = self.off[j]
                D = (M[1:] - M[0]) * prof[j][None, :]
                Jm[o + 1 : o + m, oj : oj + self.shape[j]] = -lam * D
        return Jm

    def start(self) -> np.ndarray:
        return np.concatenate([np.full(m, -np.log(m)) for m in self.shape] + [[0.0]])

    def profile(self, z: np.ndarray) -> tuple[np.ndarray, ...]:
        return tuple(np.exp(l) / np.exp(l).sum() for l in self.split(z[:-1]))


def _tangent(Jm: np.ndarray, prev: np.ndarray | None) -> np.ndarray:
    _, _, vt = np.linalg.svd(Jm)
    t = vt[-1]
    if prev is None:
        return t if t[-1] > 0 else -t
    return t if t @ prev > 0 else -t


def _correct(br: _Branch, z: np.ndarray, tol: float = 1e-10, maxit: int = 8) -> tuple[np.ndarray, bool]:
    tol = tol * max(1.0, abs(float(z[-1])))  # log p grows like lam: keep the test relative
    # a predictor step that overshoots can overflow exp(); that is a failed step, not an error
    prev_step = None
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(maxit):
            h = br.H(z)
            if not np.all(np.isfinite(h)):
                return z, False
            if np.max(np.abs(h)) < tol:
                return z, True
            Jm = br.J(z)
            if not np.all(np.isfinite(Jm)):
                return z, False
            try:
                dz = np.linalg.lstsq(Jm, h, rcond=None)[0]
            except np.linalg.LinAlgError:
                return z, False
            z = z - dz
            if not np.all(np.isfinite(z)):
                return z, False
            # Newton must contract fast (Allgower & Georg 1990, sec. 6.1); slow contraction
            # means the predictor landed near another branch
            step = float(np.linalg.norm(dz))
            if prev_step is not None and step > 0.5 * prev_step:
                return z, False
            prev_step = step
        h = br.H(z)
        return z, bool(np.all(np.isfinite(h)) and np.max(np.abs(h)) < tol)


def _scale(game: NormalFormGame) -> float:
    span = max(float(np.ptp(np.asarray(a, dtype=float))) for a in game.payoffs)
    return span if span > 0 else 1.0


def _validate(game: Any, what: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"{what} needs a NormalFormGame; got {type(game).__name__}")


def _trace(
    game: NormalFormGame,
    lam_max: float,
    targets: Sequence[float] = (),
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_steps: int = 100_000,
) -> tuple[list[QREPoint], list[QREPoint], np.ndarray]:
    """Follow the principal branch to ``lam_max``; return visited points, points at ``targets``,
    and the last state."""
    br = _Branch(game)
    z = br.start()
    t = _tangent(br.J(z), None)
    h = first_step
    path = [QREPoint(0.0, br.profile(z))]
    hits: list[QREPoint] = []
    pending = sorted(float(l) for l in targets)
    while pending and pending[0] <= 0:
        hits.append(QREPoint(pending.pop(0), br.profile(z)))
    steps = 0
    while z[-1] < lam_max:
        steps += 1
        if steps > max_steps:
            raise SolverError(f"QRE path did not reach lambda={lam_max} in {max_steps} steps (at lambda={z[-1]:.4g})")
        pred = z + h * t
        new, ok = _correct(br, pred)
        if ok:
            nt = _tangent(br.J(new), t)
            # reject steps that jump too far from the predictor or turn too sharply
            # (the principal branch never returns to lam <= 0: only the centroid is a QRE there)
            moved = max(float(np.abs(a - b).max()) for a, b in zip(br.profile(new), br.profile(z)))
            if np.linalg.norm(new - pred) > 0.3 * h or nt @ t < 0.95 or new[-1] <= 0 or moved > 0.05:
                ok = False
        if not ok:
            h /= 2
            if h < 1e-12:
                raise SolverError(f"QRE path following stalled at lambda={z[-1]:.6g}")
            continue
        # targets crossed on this step: land on each exactly with lam held fixed
        while pending and z[-1] < pending[0] <= new[-1]:
            lam = pending.pop(0)
            frac = (lam - z[-1]) / (new[-1] - z[-1])
            guess = z + frac * (new - z)
            hits.append(QREPoint(lam, _fixed_lambda(br, guess[:-1], lam)))
        z, t = new, nt
        path.append(QREPoint(float(z[-1]), br.profile(z)))
        # the branch grows linearly in lam (log p of inferior strategies ~ -lam * gap), so
        # steps may grow with lam but not faster: this keeps the corrector on this branch
        h = min(h * max_accel, 0.25 * (1.0 + abs(z[-1])))
    return path, hits, z


def _fixed_lambda(br: _Branch, x: np.ndarray, lam: float) -> tuple[np.ndarray, ...]:
    z = np.concatenate([x, [lam]])
    for _ in range(20):
        h = br.H(z)
        if np.max(np.abs(h)) < 1e-12:
            break
        dx = np.linalg.solve(br.J(z)[:, :-1], h)
        z[:-1] -= dx
    return br.profile(z)


def qre_path(
    game: NormalFormGame,
    lams: Sequence[float] | None = None,
    lam_max: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.1,
) -> list[QREPoint]:
    """Points of the principal logit-QRE branch.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    lams : sequence of float, optional
        Non-negative precisions: the QRE on the branch at each of them (the first
        crossing, if the branch bends back), in increasing order.  Default: every point
        the predictor-corrector visited up to ``lam_max``.
    lam_max : float, optional
        End of the trace (default ``1e4 / payoff range``).
    first_step, max_accel : float
        Step control of the predictor-corrector.

    Returns
    -------
    list of QREPoint
        Each with ``lam`` and ``strategies``.

    Raises
    ------
    InvalidGameError
        A negative or non-finite precision.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1995), GEB 10; Turocy, T. (2005), GEB 51.

    Examples
    --------
    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [(pt.lam, pt.strategies[0].tolist()) for pt in gt.qre_path(mp, lams=[0, 1])]
    [(0.0, [0.5, 0.5]), (1.0, [0.5, 0.5])]
    """
    _validate(game, "qre_path")
    if lams is not None:
        lams = [float(l) for l in lams]
        if any(not np.isfinite(l) or l < 0 for l in lams):
            raise InvalidGameError(f"lams must be finite and non-negative; got {lams}")
        top = max(lams, default=0.0)
        _, hits, _ = _trace(game, top + 1e-9 if top > 0 else 0.0, lams, first_step, max_accel)
        return hits
    lam_max = 1e4 / _scale(game) if lam_max is None else float(lam_max)
    if not np.isfinite(lam_max) or lam_max <= 0:
        raise InvalidGameError(f"lam_max must be positive and finite; got {lam_max!r}")
    path, _, _ = _trace(game, lam_max, (), first_step, max_accel)
    return path


def logit_qre(game: NormalFormGame, lam: float) -> tuple[np.ndarray, ...]:
    """The logit QRE at precision ``lam`` on the principal branch.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    lam : float
        The precision (0: uniform play; larger: closer to best responses).

    Returns
    -------
    tuple of numpy.ndarray
        One mixed strategy per player (floats).

    Raises
    ------
    InvalidGameError
        A negative or non-finite ``lam``.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1995). Quantal response equilibria for normal form
    games. GEB 10.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [p.round(4).tolist() for p in gt.logit_qre(pd, 0.0)]
    [[0.5, 0.5], [0.5, 0.5]]
    >>> bool(gt.logit_qre(pd, 2.0)[0][1] > 0.9)  # defection is the better reply
    True
    """
    _validate(game, "logit_qre")
    if as_number(lam, "lam") < 0:
        raise InvalidGameError(f"lam must be a finite non-negative number; got {lam!r}")
    (pt,) = qre_path(game, [float(lam)])
    return pt.strategies


def polish_on_support(game: NormalFormGame, prof: tuple[np.ndarray, ...], tol: Any) -> tuple[list, float] | None:
    """Newton solve of the indifference equations on the profile's support; None if no equilibrium.

    Accepted when every player's regret is within its own tolerance (``tol``: per player).
    """
    gf = game.as_float()
    tols = game.player_tols(tol)
    best = None
    # candidate supports: strategies above a probability threshold, or within a payoff
    # gap of the best reply (the second catches near-ties the first misses)
    values = [gf.deviation_payoffs(i, tuple(prof), check=False) for i in range(gf.n_players)]
    scales = [payoff_scale(a) for a in gf.payoffs]  # each player's near-ties on its own scale
    cands = [[np.flatnonzero(p > thr * p.max()) for p in prof] for thr in (1e-3, 1e-6, 1e-9)]
    cands += [[np.flatnonzero(v >= v.max() - gap * sc) for v, sc in zip(values, scales)] for gap in (1e-3, 1e-5, 1e-7)]
    for supp in cands:

        def unpack(y: np.ndarray) -> list[np.ndarray]:
            out, k = [], 0
            for s, m in zip(supp, game.shape):
                v = np.zeros(m)
                v[s[:-1]] = y[k : k + len(s) - 1]
                v[s[-1]] = 1.0 - y[k : k + len(s) - 1].sum()
                k += len(s) - 1
                out.append(v)
            return out

        def F(y: np.ndarray) -> np.ndarray:
            p = unpack(y)
            res = []
            for i, s in enumerate(supp):
                v = gf.deviation_payoffs(i, tuple(p), check=False)
                res.extend(v[s[1:]] - v[s[0]])
            return np.array(res)

        y0 = np.concatenate([p[s[:-1]] / p[s].sum() for p, s in zip(prof, supp)])
        if y0.size:
            sol = root(F, y0, method="hybr", options={"xtol": 1e-14})
            y = sol.x
        else:
            y = y0
        cand = unpack(y)
        if any(np.any(c < -1e-12) for c in cand):
            continue
        cand = [np.clip(c, 0, None) / np.clip(c, 0, None).sum() for c in cand]
        regs = [float(x) for x in regret(gf, [list(c) for c in cand])]
        # regret in units of each player's tolerance: <= 1 for everyone means an equilibrium
        excess = max(x / t if t > 0 else (0.0 if x <= 0 else np.inf) for x, t in zip(regs, tols))
        if best is None or excess < best[2]:
            best = (cand, max(regs), excess)
        if excess <= 1:
            return best[0], best[1]
    return (best[0], best[1]) if best is not None and best[2] <= 1 else None


@returns_equilibria("qre", complete=False)
def qre_equilibrium(
    game: NormalFormGame,
    lam_max: float | None = None,
    tol: float | Sequence[float] | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.1,
) -> list[Equilibrium]:
    """One Nash equilibrium of any n-player game: the limit of the logit QRE branch.

    Traces the principal branch to ``lam_max``, then polishes the end point by a
    Newton solve on its support and checks each player's regret against its tolerance;
    if that fails, the trace goes on to 100 times ``lam_max``.  If polishing fails the
    unpolished point is returned with a warning and its regret in ``params``.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game (solved in floating point).
    lam_max : float, optional
        End of the trace (default ``1e4 / payoff range``).
    tol : float or sequence of float, optional
        Regret accepted per player (default ``game.tols``).
    first_step, max_accel : float
        Step control of the predictor-corrector.

    Returns
    -------
    list of Equilibrium
        One equilibrium with ``method="qre"``, ``exact=False`` and
        ``params["complete"] = False`` (other equilibria may exist).

    Raises
    ------
    SolverError
        The path could not be followed.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1995). Quantal response equilibria for normal form
    games. GEB 10.  Turocy, T. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. GEB 51.

    Examples
    --------
    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eq = gt.qre_equilibrium(mp)[0]
    >>> [round(float(p), 6) for p in eq.strategies[0]], eq.exact
    ([0.5, 0.5], False)
    """
    _validate(game, "qre_equilibrium")
    lam_max = 1e4 / _scale(game) if lam_max is None else float(lam_max)
    if not np.isfinite(lam_max) or lam_max <= 0:
        raise InvalidGameError(f"lam_max must be positive and finite; got {lam_max!r}")
    tol = game.player_tols(tol)
    br = _Branch(game)
    # near-ties between a support strategy and an unused one need a larger lambda before
    # the support shows: go on tracing (x100 twice) until the polish succeeds
    for attempt in range(2):
        _, _, z = _trace(game, lam_max * 100.0**attempt, (), first_step, max_accel)
        prof = br.profile(z)
        polished = polish_on_support(game, prof, tol)
        if polished is not None:
            break
    if polished is not None:
        strategies, r = polished
        ok = True
    else:
        strategies = list(prof)
        r = max(regret(game.as_float(), [list(p) for p in prof]))
        ok = False
        warnings.warn(
            f"QRE end point at lambda={z[-1]:.4g} could not be polished to an equilibrium; regret {r:.3g}",
            RuntimeWarning,
            stacklevel=2,
        )
    eq = make_equilibrium(
        game,
        [list(map(float, s)) for s in strategies],
        "qre",
        exact=False,
        tol=tol if ok else max(max(tol), float(r)),
        clean=ok,  # a polished end point is an equilibrium on a support; the raw QRE point is interior
        lam_max=float(z[-1]),
        complete=False,
        polished=ok,
        regret=float(r),
    )
    return [eq]
