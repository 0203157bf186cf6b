"""What the sample-equilibrium methods (``"gnm"``, ``"simpdiv"``) share.

Float payoff contractions (each player's payoff to each pure strategy and their
derivatives), argument checks, and the finishing step: a float profile is polished by a
Newton solve on its support, an exact game's profile is made exact where its support
system is linear (at most two players mix) or rational, and each result records its
per-player regret in ``params["regret"]``.
"""

from __future__ import annotations

import string
import warnings
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..equilibrium import Equilibrium, clean_probabilities, make_equilibrium, regret
from ..errors import InvalidGameError
from ..normal_form import NormalFormGame
from .limits import IncompleteResultWarning

__all__ = ["Multilinear", "check_game", "check_cap", "finish", "normalized_payoffs"]


def check_game(game: Any, who: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"{who} needs a NormalFormGame; got {type(game).__name__}")
    return game


def check_cap(name: str, value: Any) -> int:
    """A positive integer iteration cap, or an :class:`InvalidGameError` naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise InvalidGameError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


def normalized_payoffs(game: NormalFormGame) -> list[np.ndarray]:
    """Each player's float payoffs mapped affinely onto [0, 1] (a constant player: all 0).

    The methods run on these, so they are invariant to positive affine changes of any
    player's payoffs (which leave the equilibria unchanged).
    """
    out = []
    for a in game.payoffs:
        a = np.asarray(a, dtype=float)
        lo, span = float(a.min()), float(np.ptp(a))
        out.append((a - lo) / span if span > 0 else np.zeros_like(a))
    return out


class Multilinear:
    """Payoff contractions of an n-player game (float arrays), by precomputed einsum."""

    def __init__(self, arrays: Sequence[np.ndarray]):
        self.u = [np.ascontiguousarray(a, dtype=float) for a in arrays]
        self.n = len(self.u)
        self.shape = self.u[0].shape
        self.off = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.N = int(self.off[-1])
        ax = string.ascii_letters[: self.n]
        self._one = [",".join([ax] + [ax[j] for j in range(self.n) if j != i]) + f"->{ax[i]}" for i in range(self.n)]
        self._two = {
            (i, j): ",".join([ax] + [ax[k] for k in range(self.n) if k not in (i, j)]) + f"->{ax[i]}{ax[j]}"
            for i in range(self.n) for j in range(self.n) if i != j
        }

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        return [x[self.off[i] : self.off[i + 1]] for i in range(self.n)]

    def values(self, prof: Sequence[np.ndarray]) -> np.ndarray:
        """Each player's payoff to each of its pure strategies, stacked (length N)."""
        return np.concatenate([
            np.einsum(self._one[i], self.u[i], *(prof[j] for j in range(self.n) if j != i)) for i in range(self.n)
        ])

    def jacobian(self, prof: Sequence[np.ndarray]) -> np.ndarray:
        """d values / d profile (N x N; the diagonal blocks are 0: own strategy does not enter)."""
        D = np.zeros((self.N, self.N))
        for (i, j), sub in self._two.items():
            D[self.off[i] : self.off[i + 1], self.off[j] : self.off[j + 1]] = np.einsum(
                sub, self.u[i], *(prof[k] for k in range(self.n) if k not in (i, j))
            )
        return D

    def regrets(self, prof: Sequence[np.ndarray]) -> np.ndarray:
        v = self.split(self.values(prof))
        return np.array([float(vi.max() - vi @ p) for vi, p in zip(v, prof)])


# ---------------------------------------------------------------------- finishing
def _solve_exact(A: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """Gaussian elimination over the rationals; None when the square system is singular."""
    n = len(A)
    M = [list(row) + [rhs] for row, rhs in zip(A, b)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[r][n] / M[r][r] for r in range(n)]


def _mixing_system(game: NormalFormGame, supp: list[list[int]], pure: list[int], a: int, b: int) -> list[Fraction] | None:
    """Player ``b``'s exact mixture on its support that makes player ``a`` indifferent on
    ``a``'s support (the others fixed at their pure strategies); None if not square or singular."""
    Sa, Sb = supp[a], supp[b]
    if len(Sa) != len(Sb):
        return None
    U = game.payoffs[a]
    rows = []
    for k in Sa:
        row = []
        for l in Sb:
            idx = list(pure)
            idx[a], idx[b] = k, l
            row.append(Fraction(U[tuple(idx)]))
        rows.append(row + [Fraction(-1)])
    rows.append([Fraction(1)] * len(Sb) + [Fraction(0)])
    rhs = [Fraction(0)] * len(Sa) + [Fraction(1)]
    sol = _solve_exact(rows, rhs)
    return None if sol is None else sol[:-1]


def _exact_candidates(game: NormalFormGame, prof: Sequence[np.ndarray]) -> list[list[list[Fraction]]]:
    """Exact profiles to try for a float equilibrium ``prof`` of an exact game."""
    supp = [[k for k, p in enumerate(s) if p > 1e-9] for s in prof]
    mixers = [i for i, s in enumerate(supp) if len(s) > 1]
    pure = [s[0] if len(s) == 1 else 0 for s in supp]
    cands = []
    if len(mixers) == 2:  # the support system is linear: each mixer's mixture solves the other's indifference
        a, b = mixers
        yb, ya = _mixing_system(game, supp, pure, a, b), _mixing_system(game, supp, pure, b, a)
        if ya is not None and yb is not None:
            strat = [[Fraction(int(k == pure[i])) for k in range(m)] for i, m in enumerate(game.shape)]
            for i, y in ((a, ya), (b, yb)):
                strat[i] = [Fraction(0)] * game.shape[i]
                for k, p in zip(supp[i], y):
                    strat[i][k] = p
            cands.append(strat)
    # rational equilibria (pure ones, one mixer, small denominators) read off the floats
    for den in (10**3, 10**6):
        strat = []
        for s in prof:
            r = [Fraction(float(p)).limit_denominator(den) for p in s]
            total = sum(r)
            strat.append([x / total for x in r] if total > 0 else r)
        cands.append(strat)
    return cands


def finish(game: NormalFormGame, prof: Sequence[np.ndarray], method: str, tol: Any, **params: Any) -> Equilibrium | None:
    """The :class:`Equilibrium` for a float profile found by a sampling method, or None if
    neither it nor its support polish has every player's regret within tolerance.

    Exact games: an exact equilibrium when one of the exact candidates checks exactly
    (regret 0 for everyone); otherwise a float one with its regrets.
    """
    from .qre import polish_on_support

    tols = game.player_tols(tol)
    gf = game.as_float()
    prof = [np.clip(np.asarray(p, dtype=float), 0.0, None) for p in prof]
    prof = [p / p.sum() for p in prof]
    regs = [float(r) for r in regret(gf, [list(p) for p in prof])]
    if any(r > t for r, t in zip(regs, tols)):
        polished = polish_on_support(game, tuple(prof), tols)
        if polished is None:
            return None
        prof = [np.asarray(p, dtype=float) for p in polished[0]]
    else:  # already an equilibrium; a support polish may still remove the path's roundoff
        polished = polish_on_support(game, tuple(prof), tols)
        if polished is not None:
            better = [np.asarray(p, dtype=float) for p in polished[0]]
            if max(regret(gf, [list(p) for p in better])) <= max(regs):
                prof = better
    if game.exact:
        for strat in _exact_candidates(game, prof):
            if any(p < 0 for s in strat for p in s):
                continue
            # the exact check is costly on large games: only for candidates the float check passes
            if any(float(r) > t for r, t in zip(regret(gf, [[float(p) for p in s] for s in strat]), tols)):
                continue
            if all(r == 0 for r in regret(game, strat)):
                return make_equilibrium(game, strat, method, exact=True, regret=(Fraction(0),) * game.n_players, **params)
    strat = [clean_probabilities([p])[0] for p in prof]
    regs = tuple(float(r) for r in regret(gf, [list(s) for s in strat]))
    if any(r > t for r, t in zip(regs, tols)):
        return None
    return make_equilibrium(game, [list(s) for s in strat], method, exact=False, tol=tols, clean=False, regret=regs, **params)

def warn_cap(who: str, what: str) -> None:
    warnings.warn(f"{who}: {what}; returning the equilibria found so far (complete=False)", IncompleteResultWarning, stacklevel=4)
