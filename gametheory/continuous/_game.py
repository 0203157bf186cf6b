"""Generic continuous games with interval actions and their Nash equilibria (private module;
the public names are re-exported by :mod:`gametheory.continuous`).

Damped best-response iteration, or a root of the box-constrained first-order (KKT)
conditions in nested Fischer-Burmeister form (Billups 1995) with :func:`scipy.optimize.root`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np
from scipy import optimize

from ..equilibrium import Result, add_column
from ..errors import GameError, InvalidGameError, SolverError


@dataclass(frozen=True, eq=False)
class ContinuousEquilibrium(Result):
    """A Nash equilibrium of a continuous game: actions, payoffs, how it was found.

    Attributes
    ----------
    actions : numpy.ndarray
        One action per player.
    payoffs : tuple of float
        One payoff per player.
    strategies : tuple
        The actions (the result convention's name).
    method : str
        The algorithm ("replacement", "root", "best-response").
    max_regret : float
        The largest gain from a deviation found by the grid check.
    params : mapping
        Anything else the solver records.

    exact, tol, game
        The result convention (:class:`gametheory.equilibrium.Result`): ``exact`` is False,
        ``tol`` the solver's stopping tolerance, ``game`` the game solved.

    ``to_row()``: ``"action <i>"`` and ``"payoff <i>"`` per player (players numbered
    from 1), ``aggregate`` when there is one, ``max regret``, ``method``, ``exact``.

    References
    ----------
    Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    >>> import gametheory as gt
    >>> eq = gt.AggregativeGame(lambda q, G: q * (1 - G), upper=[1, 1]).nash()
    >>> eq.method, [round(float(u), 6) for u in eq.payoffs]
    ('replacement', [0.111111, 0.111111])
    """

    actions: np.ndarray
    payoffs: tuple
    method: str
    max_regret: float = float("nan")
    params: Mapping[str, Any] = field(default_factory=dict)
    tol: float = 0.0
    game: Any = field(default=None, repr=False)
    exact: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "payoffs", tuple(float(u) for u in np.asarray(self.payoffs, dtype=float).ravel()))

    @property
    def aggregate(self) -> Any:
        return self.params.get("aggregate")

    @property
    def strategies(self) -> tuple:
        return tuple(float(a) for a in np.asarray(self.actions, dtype=float).ravel())

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for i, a in enumerate(self.strategies):
            add_column(row, f"action {i + 1}", a)
        for i, u in enumerate(self.payoffs):
            add_column(row, f"payoff {i + 1}", u)
        if self.aggregate is not None:
            row["aggregate"] = float(self.aggregate)
        row["max regret"] = float(self.max_regret)
        return self.finish_row(row)

    def __repr__(self) -> str:
        return f"ContinuousEquilibrium(actions={self.actions!r}, method={self.method!r}, max_regret={self.max_regret:.3g})"



def _bounds(lower: Any, upper: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    lo = np.broadcast_to(np.asarray(lower, float), (n,)).copy()
    hi = np.broadcast_to(np.asarray(upper, float), (n,)).copy()
    if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))):
        raise InvalidGameError("action bounds must be finite")
    if np.any(hi < lo):
        raise InvalidGameError("every upper bound must be at least the lower bound")
    return lo, hi


def _fb(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fischer-Burmeister function: zero iff a >= 0, b >= 0, a b = 0."""
    with np.errstate(invalid="ignore", over="ignore"):
        return a + b - np.sqrt(a * a + b * b)


def _kkt_residual(q: np.ndarray, d: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Box-constrained first-order conditions: q at lo with d <= 0, at hi with d >= 0, else d = 0."""
    # nested Fischer-Burmeister for a box (Billups 1995)
    return _fb(q - lo, -_fb(hi - q, d))


class ContinuousGame:
    """n-player game with actions in intervals and payoffs ``payoff(q) -> array of n``.

    Used for games that are not aggregative; the Nash equilibrium is found by damped
    best-response iteration or by a root of the first-order conditions (scipy).  Payoffs
    should be concave in the own action for the first-order conditions to characterize
    best responses; every result is checked by a grid search for profitable deviations.

    Parameters
    ----------
    payoff : callable
        ``payoff(q) -> array of n payoffs`` for an action profile ``q`` of shape (n,).
    lower, upper : number or sequence
        The action intervals.
    n : int, optional
        The number of players (default: from ``lower``/``upper``).

    Raises
    ------
    InvalidGameError
        Bounds that are not finite or with ``lower > upper``.

    References
    ----------
    Nash, J. (1951); Fudenberg, D. & Tirole, J. (1991). Game Theory, 1.2.

    Examples
    --------
    The Cournot duopoly again, without the aggregative structure:

    >>> import numpy as np
    >>> from gametheory.continuous import ContinuousGame
    >>> duopoly = ContinuousGame(lambda q: q * (1 - q.sum()), lower=[0, 0], upper=[1, 1])
    >>> np.round(duopoly.nash().actions, 6).tolist()
    [0.333333, 0.333333]
    """

    def __init__(self, payoff: Callable[[np.ndarray], Any], lower: Any, upper: Any, n: int | None = None):
        if not callable(payoff):
            raise InvalidGameError("payoff must be a callable q -> payoffs of all players")
        if n is None:
            n = int(np.size(lower)) if np.ndim(lower) else int(np.size(upper))
        if n < 1:
            raise InvalidGameError("a game needs at least one player")
        self.n = n
        self.lower, self.upper = _bounds(lower, upper, n)
        self._payoff = payoff

    def payoffs(self, q: Any) -> np.ndarray:
        out = np.asarray(self._payoff(np.asarray(q, float)), dtype=float)
        if out.shape != (self.n,):
            raise InvalidGameError(f"payoff must return {self.n} values, got shape {out.shape}")
        return out

    def _own(self, i: int, q: np.ndarray, qi: float) -> float:
        p = q.copy()
        p[i] = qi
        return float(self.payoffs(p)[i])

    def marginals(self, q: np.ndarray) -> np.ndarray:
        """d u_i / d q_i for every i (central differences inside the box)."""
        q = np.asarray(q, float)
        d = np.empty(self.n)
        for i in range(self.n):
            h = 1e-6 * (1 + abs(q[i]))
            a = max(self.lower[i], q[i] - h)
            b = min(self.upper[i], q[i] + h)
            d[i] = (self._own(i, q, b) - self._own(i, q, a)) / (b - a) if b > a else 0.0
        return d

    def best_response(self, i: int, q: np.ndarray, grid: int = 101) -> float:
        """Player i's best action against q (grid search refined by bounded scalar search)."""
        xs = np.linspace(self.lower[i], self.upper[i], grid)
        vals = np.array([self._own(i, q, x) for x in xs])
        k = int(np.nanargmax(vals))
        a = xs[max(k - 1, 0)]
        b = xs[min(k + 1, grid - 1)]
        if b <= a:
            return float(xs[k])
        res = optimize.minimize_scalar(lambda x: -self._own(i, q, x), bounds=(a, b), method="bounded",
                                       options={"xatol": 1e-12 * (1 + abs(b))})
        return float(res.x) if -res.fun >= vals[k] else float(xs[k])

    def regret(self, q: Any, grid: int = 201) -> np.ndarray:
        """Each player's largest gain from a unilateral deviation (grid + local refinement)."""
        q = np.asarray(q, float)
        base = self.payoffs(q)
        return np.array([max(0.0, self._own(i, q, self.best_response(i, q, grid)) - base[i]) for i in range(self.n)])

    def nash(self, method: str = "root", start: Any = None, tol: float = 1e-10, max_iter: int = 2000,
             damping: float = 0.5) -> ContinuousEquilibrium:
        """A Nash equilibrium by ``"root"`` (KKT residual, scipy.optimize.root) or ``"best-response"``."""
        q0 = (self.lower + self.upper) / 2 if start is None else np.asarray(start, float).copy()
        if method == "root":
            sol = optimize.root(lambda q: _kkt_residual(q, self.marginals(q), self.lower, self.upper), q0,
                                method="hybr", tol=tol)
            q = np.clip(sol.x, self.lower, self.upper)
            if not sol.success and np.max(np.abs(_kkt_residual(q, self.marginals(q), self.lower, self.upper))) > 1e-6:
                raise SolverError(f"root finding on the first-order conditions failed: {sol.message}")
        elif method == "best-response":
            q = q0
            for it in range(max_iter):
                new = q.copy()
                for i in range(self.n):
                    new[i] = self.best_response(i, new)
                step = np.max(np.abs(new - q))
                q = (1 - damping) * q + damping * new
                if step <= tol * (1 + np.max(np.abs(q))):
                    break
            else:
                raise SolverError(f"best-response iteration did not converge in {max_iter} rounds")
        else:
            raise GameError(f"unknown method {method!r}; use 'root' or 'best-response'")
        reg = self.regret(q)
        return ContinuousEquilibrium(q, self.payoffs(q), method, float(reg.max()), tol=tol, game=self)
