"""Iterated elimination of dominated strategies in n-player games.

Definitions (Fudenberg & Tirole 1991, sec. 2.1; Myerson 1991, sec. 3.9).  Let ``T``
be the set of the opponents' remaining pure profiles and ``u_i(k, t)`` player
``i``'s payoff.  Strategy ``s`` of player ``i`` is

* *strictly dominated* by a mixture ``x`` of ``i``'s other remaining strategies when
  ``sum_k x_k u_i(k, t) > u_i(s, t)`` for every ``t`` in ``T``;
* *weakly dominated* when ``>=`` holds for every ``t`` and ``>`` for at least one.

With ``mixed=True`` dominating mixtures are found by linear programs
(``scipy.optimize.linprog``, HiGHS); with ``mixed=False`` only pure dominators count.

Certificates.  Each verdict comes with a certificate: a dominating mixture ``x``,
or a belief ``q`` over ``T`` against which ``s`` is a best reply (``q >= 0`` for
strict dominance; ``q > 0`` everywhere for weak dominance, Pearce 1984, Lemma 4).
For exact games the float LP's certificate is rounded to Fractions (or, for a
belief, recomputed exactly from the LP vertex's binding constraints, a crossover)
and verified exactly; when that fails an exact rational simplex (Bland's rule)
decides, so no floating-point mistake can remove or keep a strategy wrongly.  Float games decide with the
tolerance of the player owning ``s``, ``game.tols[i]`` (on that player's payoff scale):
``s`` counts as dominated only when the margin exceeds it.

Elimination order.  Strict dominance is order independent (Gilboa, Kalai & Zemel
1990), and so is the result here.  Weak elimination is order dependent; this module
removes, in each round, *all* strategies of *all* players that are dominated in the
game at the start of the round (simultaneous elimination; sound because every
dominated strategy is dominated by a mixture of undominated ones, which is the
dominator logged).  Payoff-equivalent duplicates do not dominate each other (the
definition needs a strict gain somewhere), so both are kept.  Rounds repeat until
nothing is dominated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog

from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame

__all__ = ["iterated_dominance", "DominanceResult", "Elimination", "dominating_strategy"]


@dataclass(frozen=True)
class Elimination:
    """One removed strategy: in ``round`` (1-based), ``player``'s ``strategy``
    (original index; label ``label``) was dominated by the mixture ``dominator``
    (original strategy index -> probability); ``kind`` is "strict" or "weak"."""

    round: int
    player: int
    strategy: int
    label: str
    dominator: dict
    kind: str

    @property
    def by_pure(self) -> bool:
        return len(self.dominator) == 1

    def __str__(self) -> str:
        if self.by_pure:
            by = f"pure strategy {next(iter(self.dominator))}"
        else:
            by = "mixture " + ", ".join(f"{k}: {p}" for k, p in self.dominator.items())
        return f"round {self.round}: player {self.player} strategy {self.strategy} ({self.label}) {self.kind}ly dominated by {by}"


@dataclass(frozen=True)
class DominanceResult:
    """Outcome of :func:`iterated_dominance`.

    ``game`` is the reduced game (labels kept), ``survivors`` the remaining strategy
    indices per player in the original numbering, ``log`` the eliminations in order.
    """

    game: NormalFormGame
    survivors: tuple
    log: tuple
    strict: bool
    mixed: bool
    rounds: int
    params: dict = field(default_factory=dict)

    @property
    def solved(self) -> bool:
        """True when exactly one strategy per player survives (dominance solvable)."""
        return all(len(s) == 1 for s in self.survivors)


def _as_matrix(game: NormalFormGame, player: int, alive: list[list[int]]) -> np.ndarray:
    """Player's payoffs restricted to the alive strategies: rows own, columns opponent profiles."""
    arr = game.payoffs[player][np.ix_(*alive)]
    arr = np.moveaxis(arr, player, 0)
    return arr.reshape(arr.shape[0], -1)


def _exact_margins(D: np.ndarray, s: int, x: dict[int, Fraction]) -> list[Fraction]:
    return [sum((p * D[k, t] for k, p in x.items()), Fraction(0)) - D[s, t] for t in range(D.shape[1])]


def _rationalize(v: np.ndarray, limit: int = 10**6) -> list[Fraction]:
    vals = [Fraction(float(max(x, 0.0))).limit_denominator(limit) for x in v]
    return vals


def _float_dominator(D: np.ndarray, s: int, others: list[int], strict: bool) -> tuple[float, np.ndarray] | None:
    """LP for a mixture of ``others`` dominating row ``s``; returns (margin, weights) or None.

    Strict: maximize eps s.t. x.D[others] - D[s] >= eps.  Weak: x.D[others] >= D[s]
    and maximize the total surplus.
    """
    M, unit = _unit_scaled(D[others].astype(float) - D[s].astype(float))  # (len(others), T)
    n, T = M.shape
    if strict:
        # variables (x_1..x_n, eps); minimize -eps; -M^T x + eps <= 0
        c = np.zeros(n + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-M.T, np.ones((T, 1))])
        b_ub = np.zeros(T)
        A_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
        bounds = [(0, None)] * n + [(None, None)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        if res.status != 0:
            raise SolverError(f"dominance LP failed: {res.message}")
        return float(res.x[-1]) * unit, res.x[:n]
    c = -M.sum(axis=1)
    res = linprog(c, A_ub=-M.T, b_ub=np.zeros(T), A_eq=np.ones((1, n)), b_eq=[1.0], bounds=[(0, None)] * n, method="highs")
    if res.status == 2:  # infeasible: nothing covers s
        return None
    if res.status != 0:
        raise SolverError(f"dominance LP failed: {res.message}")
    return float(-res.fun) * unit, res.x


def _unit_scaled(M: np.ndarray) -> tuple[np.ndarray, float]:
    """``M / max |M|`` and that scale: the LPs' solutions do not change under a positive
    rescaling, and HiGHS refuses coefficients of 1e15 and more (a player's payoffs in
    large units), so the LPs see numbers of order 1."""
    unit = float(np.abs(M).max()) if M.size else 0.0
    unit = unit if unit > 0 else 1.0
    return M / unit, unit


def _float_belief(D: np.ndarray, s: int, others: list[int], strict: bool) -> np.ndarray | None:
    """A belief over columns making row ``s`` a best reply (``q >= 1`` entrywise when weak)."""
    M, _ = _unit_scaled(D[others].astype(float) - D[s].astype(float))
    n, T = M.shape
    if strict:
        res = linprog(np.zeros(T), A_ub=M, b_ub=np.zeros(n), A_eq=np.ones((1, T)), b_eq=[1.0], bounds=[(0, None)] * T, method="highs")
    else:
        res = linprog(np.ones(T), A_ub=M, b_ub=np.zeros(n), bounds=[(1, None)] * T, method="highs")
    return res.x if res.status == 0 else None


def _exact_simplex(c: list, A_ub: list, b_ub: list, A_eq: list, b_eq: list) -> tuple[str, Fraction | None, list]:
    """Maximize ``c.x`` s.t. ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``x >= 0`` in exact arithmetic.

    Two-phase tableau simplex with Bland's rule (Bland 1977), so it cannot cycle.
    Written here because sympy 1.14's rational simplex failed on small instances
    ("Oscillating system"); sizes here are a few dozen variables at most.
    Returns (status, value, x) with status "optimal", "infeasible" or "unbounded".
    """
    nvar = len(c)
    rows = [(list(map(Fraction, a)), Fraction(b), True) for a, b in zip(A_ub, b_ub)]
    rows += [(list(map(Fraction, a)), Fraction(b), False) for a, b in zip(A_eq, b_eq)]
    m = len(rows)
    n_slack = len(A_ub)
    ncol = nvar + n_slack + m  # originals, slacks, artificials
    T = []
    slack = 0
    for i, (a, b, ub) in enumerate(rows):
        row = a + [Fraction(0)] * (n_slack + m) + [b]
        if ub:
            row[nvar + slack] = Fraction(1)
            slack += 1
        if b < 0:
            row = [-v for v in row]
        row[nvar + n_slack + i] = Fraction(1)
        T.append(row)
    basis = [nvar + n_slack + i for i in range(m)]

    def run(cost: list, allowed: int) -> str:
        while True:
            cb = [cost[b] for b in basis]
            enter = None
            for j in range(allowed):
                if j in basis:
                    continue
                red = cost[j] - sum((cb[i] * T[i][j] for i in range(m) if T[i][j]), Fraction(0))
                if red > 0:
                    enter = j
                    break
            if enter is None:
                return "optimal"
            best = None
            for i in range(m):
                if T[i][enter] > 0:
                    ratio = T[i][-1] / T[i][enter]
                    if best is None or ratio < best[0] or (ratio == best[0] and basis[i] < basis[best[1]]):
                        best = (ratio, i)
            if best is None:
                return "unbounded"
            pivot(best[1], enter)

    def pivot(r: int, j: int) -> None:
        pv = T[r][j]
        T[r] = [v / pv for v in T[r]]
        for i in range(m):
            if i != r and T[i][j]:
                f = T[i][j]
                T[i] = [v - f * w for v, w in zip(T[i], T[r])]
        basis[r] = j

    phase1 = [Fraction(0)] * (nvar + n_slack) + [Fraction(-1)] * m
    run(phase1, ncol)
    if any(basis[i] >= nvar + n_slack and T[i][-1] != 0 for i in range(m)):
        return "infeasible", None, []
    for i in range(m):  # drive zero-level artificials out of the basis
        if basis[i] >= nvar + n_slack:
            j = next((j for j in range(nvar + n_slack) if T[i][j] != 0 and j not in basis), None)
            if j is not None:
                pivot(i, j)
    # rows whose artificial could not leave are redundant: zero them so they never bind
    for i in range(m):
        if basis[i] >= nvar + n_slack:
            T[i] = [Fraction(0)] * ncol + [Fraction(0)]
            T[i][basis[i]] = Fraction(1)
    cost = [Fraction(v) for v in c] + [Fraction(0)] * (n_slack + m)
    status = run(cost, nvar + n_slack)
    if status != "optimal":
        return status, None, []
    x = [Fraction(0)] * nvar
    for i, b in enumerate(basis):
        if b < nvar:
            x[b] = T[i][-1]
    return "optimal", sum((cv * xv for cv, xv in zip(map(Fraction, c), x)), Fraction(0)), x


def _exact_decide(D: np.ndarray, s: int, others: list[int], strict: bool) -> dict[int, Fraction] | None:
    """Exact LP: a mixture of ``others`` dominating row ``s``, or None if there is none."""
    M = [[Fraction(D[k, t]) - Fraction(D[s, t]) for t in range(D.shape[1])] for k in others]
    n, T = len(others), D.shape[1]
    if strict:
        # variables x (n) and eps = e1 - e2; maximize eps <= 1 with x.M[:, t] >= eps
        c = [0] * n + [1, -1]
        A = [[-M[k][t] for k in range(n)] + [1, -1] for t in range(T)] + [[0] * n + [1, -1]]
        status, val, x = _exact_simplex(c, A, [0] * T + [1], [[1] * n + [0, 0]], [1])
        if status != "optimal":
            raise SolverError(f"exact dominance LP ended {status}")
        ok = val > 0
    else:
        c = [sum(M[k]) for k in range(n)]
        A = [[-M[k][t] for k in range(n)] for t in range(T)]
        status, val, x = _exact_simplex(c, A, [0] * T, [[1] * n], [1])
        if status == "infeasible":
            return None
        if status != "optimal":
            raise SolverError(f"exact dominance LP ended {status}")
        ok = val > 0
    return {others[k]: x[k] for k in range(n) if x[k] != 0} if ok else None


def _crossover_belief(D: np.ndarray, s: int, others: list[int], q: np.ndarray, strict: bool) -> list[Fraction] | None:
    """Exact belief from the float LP vertex: keep entries at their bound (0, or 1 when weak),
    solve the binding best-reply equalities for the rest in Fractions (an LP crossover)."""
    import sympy

    bound = 0.0 if strict else 1.0
    T = D.shape[1]
    free = [t for t in range(T) if q[t] > bound + 1e-9]
    Df = D.astype(float)
    gaps = [(Df[k] - Df[s]) @ q for k in others]
    scale = max(1.0, float(np.abs(Df).max()) * max(1.0, float(q.sum())))
    binding = [k for k, g in zip(others, gaps) if abs(g) <= 1e-9 * scale]
    rows, rhs = [], []
    for k in binding:
        diff = [Fraction(D[k, t]) - Fraction(D[s, t]) for t in range(T)]
        rows.append([diff[t] for t in free])
        rhs.append(-sum((diff[t] * Fraction(bound) for t in range(T) if t not in free), Fraction(0)))
    if strict:
        rows.append([Fraction(1)] * len(free))
        rhs.append(Fraction(1))
    if not free or not rows:
        return None
    try:
        sol, params = sympy.Matrix(rows).gauss_jordan_solve(sympy.Matrix(rhs))
    except ValueError:  # inconsistent: the float vertex was not exact enough
        return None
    if params.shape[0]:
        sol = sol.subs({p: 0 for p in params})
    out = [Fraction(bound)] * T
    for t, v in zip(free, sol):
        v = sympy.Rational(v)
        out[t] = Fraction(int(v.p), int(v.q))
    return out


def _check_dominator(D: np.ndarray, s: int, x: dict[int, Fraction], strict: bool) -> bool:
    margins = _exact_margins(D, s, x)
    if strict:
        return min(margins) > 0
    return min(margins) >= 0 and max(margins) > 0


def _check_belief(D: np.ndarray, s: int, others: list[int], q: list[Fraction], strict: bool) -> bool:
    if strict and (sum(q) == 0 or any(v < 0 for v in q)):
        return False
    if not strict and any(v <= 0 for v in q):
        return False
    base = sum((qt * D[s, t] for t, qt in enumerate(q)), Fraction(0))
    return all(sum((qt * D[k, t] for t, qt in enumerate(q)), Fraction(0)) <= base for k in others)


def _pure_dominator(D: np.ndarray, s: int, others: list[int], strict: bool, tol: float) -> int | None:
    for k in others:
        diff = D[k] - D[s]
        if strict and all(d > tol for d in diff):
            return k
        if not strict and all(d >= -tol for d in diff) and any(d > tol for d in diff):
            return k
    return None


def dominating_strategy(
    D: np.ndarray, s: int, others: list[int], strict: bool, mixed: bool, exact: bool, tol: float
) -> dict[int, Any] | None:
    """A (pure or mixed) strategy dominating row ``s`` of ``D`` among rows ``others``, or None.

    ``D`` has the player's own strategies as rows and the opponents' profiles as
    columns.  Exact matrices (Fractions) get an exactly verified answer.
    """
    if not others:
        return None
    k = _pure_dominator(D, s, others, strict, 0 if exact else tol)
    if k is not None:
        return {k: Fraction(1) if exact else 1.0}
    if not mixed or len(others) < 2:
        return None
    found = _float_dominator(D, s, others, strict)
    if not exact:
        if found is None:
            return None
        margin, x = found
        # weak: the LP keeps the covering constraints to HiGHS's feasibility tolerance;
        # require them within tol and a surplus above it
        if strict and margin > tol:
            return {k: float(p) for k, p in zip(others, x) if p > 1e-12}
        if not strict:
            surplus = x @ (D[others].astype(float) - D[s].astype(float))
            if surplus.min() >= -tol and surplus.max() > tol:
                return {k: float(p) for k, p in zip(others, x) if p > 1e-12}
        return None
    # exact game: verify a rounded certificate either way, else decide by exact LP
    if found is not None:
        margin, x = found
        if margin > 0:
            q = _rationalize(x)
            if sum(q) > 0:
                total = sum(q)
                cand = {k: p / total for k, p in zip(others, q) if p != 0}
                if _check_dominator(D, s, cand, strict):
                    return cand
    belief = _float_belief(D, s, others, strict)
    if belief is not None:
        q = _rationalize(belief)
        if _check_belief(D, s, others, q, strict):
            return None
        q = _crossover_belief(D, s, others, belief, strict)
        if q is not None and _check_belief(D, s, others, q, strict):
            return None
    return _exact_decide(D, s, others, strict)


def _validate(game: Any, strict: Any, mixed: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"iterated_dominance needs a NormalFormGame; got {type(game).__name__}")
    for name, v in (("strict", strict), ("mixed", mixed)):
        if not isinstance(v, (bool, np.bool_)):
            raise InvalidGameError(f"{name} must be True or False; got {v!r}")


def iterated_dominance(game: NormalFormGame, strict: bool = True, mixed: bool = True) -> DominanceResult:
    """Iterated elimination of strictly (or weakly, ``strict=False``) dominated strategies.

    Weak elimination removes all weakly dominated strategies of all players
    simultaneously each round (see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    strict : bool
        Strict (default) or weak dominance.
    mixed : bool
        Whether domination by mixed strategies counts (linear programs; exact
        verification for exact games).

    Returns
    -------
    DominanceResult
        ``game`` (the reduced game), ``survivors`` (indices per player in the original
        numbering), ``log`` (the eliminations in order), ``solved``.

    References
    ----------
    Luce, R. D. & Raiffa, H. (1957). Games and Decisions.  Pearce, D. (1984).
    Rationalizable strategic behavior. Econometrica 52.  Gilboa, I., Kalai, E. & Zemel,
    E. (1990). On the order of eliminating dominated strategies. OR Letters 9.

    Examples
    --------
    In the prisoner's dilemma defection strictly dominates:

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> res = gt.iterated_dominance(pd)
    >>> res.survivors, res.solved
    (((1,), (1,)), True)
    """
    _validate(game, strict, mixed)
    strict, mixed = bool(strict), bool(mixed)
    alive = [list(range(m)) for m in game.shape]
    log: list[Elimination] = []
    rnd = 0
    kind = "strict" if strict else "weak"
    while True:
        rnd += 1
        removals: list[tuple[int, int, dict]] = []
        for i in range(game.n_players):
            if len(alive[i]) < 2:
                continue
            D = _as_matrix(game, i, alive)
            rows = range(len(alive[i]))
            found = {}
            for r in rows:
                dom = dominating_strategy(D, r, [k for k in rows if k != r], strict, mixed, game.exact, game.tols[i])
                if dom is not None:
                    found[r] = dom
            if len(found) == len(alive[i]):  # only possible through float tolerance
                found.pop(min(found))
            # a dominated strategy is also dominated by a mixture of undominated ones
            # (the order is transitive and the simplex compact), so removing them all
            # at once is sound; log that surviving dominator when it is found
            keep = [k for k in rows if k not in found]
            for r, dom in found.items():
                if any(k in found for k in dom):
                    alt = dominating_strategy(D, r, keep, strict, mixed, game.exact, game.tols[i])
                    dom = alt if alt is not None else dom
                removals.append((i, alive[i][r], {alive[i][k]: p for k, p in dom.items()}))
        if not removals:
            break
        for i, s, dom in removals:
            log.append(Elimination(rnd, i, s, game.strategy_labels[i][s], dom, kind))
        for i in range(game.n_players):
            gone = {s for (j, s, _) in removals if j == i}
            alive[i] = [s for s in alive[i] if s not in gone]
    sub = [a[np.ix_(*alive)] for a in game.payoffs]
    labels = [[game.strategy_labels[i][s] for s in alive[i]] for i in range(game.n_players)]
    reduced = NormalFormGame(sub, game.player_labels, labels, exact=game.exact, tol=game.tols, title=game.title)
    return DominanceResult(
        game=reduced,
        survivors=tuple(tuple(a) for a in alive),
        log=tuple(log),
        strict=strict,
        mixed=mixed,
        rounds=rnd - 1,
    )
