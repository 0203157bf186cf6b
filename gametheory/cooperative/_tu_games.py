"""Transferable-utility (TU) cooperative games: Shapley value, nucleolus, core.

A TU game is a player set N and a characteristic function on coalitions, given as a callable
on ``frozenset`` of players or as a dict ``frozenset -> number`` (the empty coalition is worth
0 and may be omitted).  Every function takes ``game="cost"`` (the default: ``cost(S)`` is what
coalition S would pay on its own, e.g. an alliance's joint defence cost) or ``game="value"``
(``v(S)`` is what S can earn).

Sign convention
---------------
* cost game ``c``: an allocation ``x`` (what each player pays) is in the core iff
  ``sum_N x = c(N)`` and ``x(S) <= c(S)`` for every coalition S (no coalition pays more than
  its stand-alone cost).
* value game ``v``: ``x`` is in the core iff ``sum_N x = v(N)`` and ``x(S) >= v(S)``.
A cost game ``c`` is the value game ``-c`` with allocations negated, and the Shapley value and
nucleolus commute with that map.

Definitions
-----------
* Shapley (1953): ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! [v(S+i) - v(S)]``,
  computed by enumerating all 2^n coalitions with numpy (n <= 20); exact (Fractions) when the
  values are exact.  The airport game ``c(S) = max_{i in S} c_i`` has the closed form of
  Littlechild & Owen (1973): sort the costs, split each increment equally among the players
  who need it (:func:`airport_shapley`).
* Nucleolus (Schmeidler 1969): the imputation that lexicographically minimizes the sorted
  vector of excesses ``e(S, x) = v(S) - x(S)``; computed by the sequence of linear programs of
  Maschler, Peleg & Shapley (1979) with :func:`scipy.optimize.linprog` (HiGHS), fixing at each
  round the coalitions whose dual price is positive.  With exact data the final linear system is
  re-solved in rationals and the result verified exactly; otherwise the tolerance is 1e-9.
* Core emptiness by the Bondareva (1963) / Shapley (1967) linear program
  ``min sum x s.t. x(S) >= v(S)``: the core is empty iff the minimum exceeds v(N).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Hashable, Mapping, Sequence

import numpy as np
from scipy import optimize

from ..errors import GameError, InvalidGameError, SolverError
from ..normal_form import is_exact_number, to_exact


MAX_PLAYERS = 20
_TOL = 1e-9


class AirportGame:
    """The airport cost game (Littlechild & Owen 1973): ``c(S) = max_{i in S} costs[i]``.

    Callable on frozensets of player indices 0..n-1 (or of ``players`` if given), so it can be
    passed to every function here; :func:`shapley_value` recognizes it and uses the closed form.
    """

    def __init__(self, costs: Sequence[Any], players: Sequence[Hashable] | None = None):
        self.costs = list(costs)
        if not self.costs:
            raise InvalidGameError("the airport game needs at least one player")
        self.players = tuple(range(len(self.costs))) if players is None else tuple(players)
        if len(self.players) != len(self.costs):
            raise InvalidGameError("give one cost per player")
        for c in self.costs:
            if not (is_exact_number(c) or isinstance(c, (float, np.floating))) or c < 0:
                raise InvalidGameError(f"airport costs must be nonnegative numbers, got {c!r}")
        self._index = {p: k for k, p in enumerate(self.players)}

    def __call__(self, coalition: frozenset) -> Any:
        if not coalition:
            return 0
        return max(self.costs[self._index[p]] for p in coalition)


class TUGame:
    """A TU game stored as the vector of its 2^n coalition values (bit k = player k)."""

    def __init__(self, players: Sequence[Hashable] | int, cost: Callable | Mapping, game: str = "cost"):
        if game not in ("cost", "value"):
            raise GameError(f"game must be 'cost' or 'value', got {game!r}")
        if isinstance(players, (int, np.integer)) and not isinstance(players, bool):
            players = tuple(range(int(players)))
        self.players = tuple(players)
        n = len(self.players)
        if n == 0:
            raise InvalidGameError("a cooperative game needs at least one player")
        if len(set(self.players)) != n:
            raise InvalidGameError("player labels must be distinct")
        if n > MAX_PLAYERS:
            raise GameError(f"{n} players: coalition enumeration is limited to {MAX_PLAYERS} players (2^n coalitions)")
        self.n = n
        self.kind = game
        self.fn = cost
        size = 1 << n
        if isinstance(cost, Mapping):
            table = {frozenset(k): v for k, v in cost.items()}

            def get(S: frozenset) -> Any:
                if S in table:
                    return table[S]
                if not S:
                    return 0
                raise InvalidGameError(f"the characteristic function has no value for coalition {set(S)}")
        elif callable(cost):
            get = cost
        else:
            raise InvalidGameError("the characteristic function must be a callable on frozensets or a dict")
        vals = []
        sets = [frozenset()]
        for mask in range(1, size):  # each coalition = a smaller one plus its lowest player
            low = (mask & -mask).bit_length() - 1
            sets.append(sets[mask & (mask - 1)] | {self.players[low]})
        for S in sets:
            try:
                v = get(S)
            except GameError:
                raise
            except Exception as exc:
                raise InvalidGameError(f"the characteristic function failed on {set(S)}: {exc}") from exc
            vals.append(v)
        del sets
        if all(type(v) is int for v in vals):  # fast path: plain ints are exact already
            self.exact = True
        else:
            self.exact = all(is_exact_number(v) for v in vals)
            if self.exact:
                vals = [to_exact(v, "coalition value") for v in vals]
        if self.exact:
            self.values = vals
            if self.values[0] != 0:
                raise InvalidGameError("the empty coalition must be worth 0")
        else:
            try:
                arr = np.array([float(v) for v in vals])
            except (TypeError, ValueError):
                raise InvalidGameError("coalition values must be numbers") from None
            if not np.all(np.isfinite(arr)):
                raise InvalidGameError("coalition values must be finite")
            if arr[0] != 0:
                raise InvalidGameError("the empty coalition must be worth 0")
            self.values = arr
        if self.exact:
            try:
                self.fvalues = np.array(self.values, dtype=float)
            except OverflowError:
                self.fvalues = np.array([float(v) for v in self.values])
        else:
            self.fvalues = self.values
        self.masks = np.arange(size, dtype=np.int64)
        self.sizes = np.zeros(size, dtype=np.int64)
        for k in range(n):
            self.sizes += (self.masks >> k) & 1
        self.grand = size - 1

    def value_game(self) -> np.ndarray:
        """The float values of the equivalent value game (negated for cost games)."""
        return -self.fvalues if self.kind == "cost" else self.fvalues

    def as_dict(self, x: Sequence[Any]) -> dict:
        return {p: v for p, v in zip(self.players, x)}

    def allocation(self, allocation: Any) -> list:
        if isinstance(allocation, Mapping):
            missing = [p for p in self.players if p not in allocation]
            if missing:
                raise InvalidGameError(f"the allocation has no entry for player(s) {missing}")
            x = [allocation[p] for p in self.players]
        else:
            x = list(allocation)
            if len(x) != self.n:
                raise InvalidGameError(f"the allocation has {len(x)} entries for {self.n} players")
        for v in x:
            if isinstance(v, (bool, np.bool_)) or not (is_exact_number(v) or isinstance(v, (float, np.floating))):
                raise InvalidGameError(f"allocation entries must be numbers, got {v!r}")
            if isinstance(v, (float, np.floating)) and not math.isfinite(v):
                raise InvalidGameError("allocation entries must be finite")
        return x


def _game(players: Any, cost: Any, game: str) -> TUGame:
    if isinstance(players, TUGame):
        return players
    return TUGame(players, cost, game)


def airport_shapley(costs: Sequence[Any]) -> list:
    """Shapley value of the airport game, Littlechild & Owen (1973): each cost increment
    c_(j) - c_(j-1) is shared equally by the n - j + 1 players who need at least c_(j)."""
    n = len(costs)
    if n == 0:
        raise InvalidGameError("the airport game needs at least one player")
    exact = all(is_exact_number(c) for c in costs)
    cs = [to_exact(c, "cost") for c in costs] if exact else [float(c) for c in costs]
    order = sorted(range(n), key=lambda i: cs[i])
    out = [None] * n
    acc = Fraction(0) if exact else 0.0
    prev = Fraction(0) if exact else 0.0
    for j, i in enumerate(order):
        acc += (cs[i] - prev) / (n - j) if not exact else Fraction(cs[i] - prev) / (n - j)
        prev = cs[i]
        out[i] = acc
    return out


def shapley_value(players: Sequence[Hashable] | int, cost: Callable | Mapping, game: str = "cost") -> dict:
    """Shapley (1953) value as ``{player: share}``: exact Fractions for exact values.

    Enumerates the 2^n coalitions with numpy (n <= 20); the airport game
    (:class:`AirportGame`) uses the closed form of Littlechild & Owen (1973).
    """
    if isinstance(cost, AirportGame) and not isinstance(players, TUGame):
        plist = tuple(range(players)) if isinstance(players, int) else tuple(players)
        if set(plist) != set(cost.players) or len(plist) != len(cost.players):
            raise InvalidGameError("the players do not match the airport game's players")
        sh = airport_shapley(cost.costs)
        by = dict(zip(cost.players, sh))
        return {p: by[p] for p in plist}
    g = _game(players, cost, game)
    n = g.n
    masks, sizes = g.masks, g.sizes
    fact = [math.factorial(k) for k in range(n + 1)]
    weights = np.array([fact[s] * fact[n - s - 1] if s < n else 0 for s in range(n + 1)], dtype=object)
    out = []
    if g.exact:
        den = 1
        if not all(type(v) is int for v in g.values):
            for v in g.values:
                den = den * v.denominator // math.gcd(den, v.denominator)
        ints = np.array([v if den == 1 else int(v * den) for v in g.values], dtype=object)
        for k in range(n):
            S = masks[(masks >> k) & 1 == 0]
            diff = ints[S | (1 << k)] - ints[S]
            total = int(np.dot(weights[sizes[S]], diff)) if S.size else 0
            out.append(Fraction(total, fact[n] * den))
    else:
        wf = np.array([float(w) / fact[n] for w in weights])
        for k in range(n):
            S = masks[(masks >> k) & 1 == 0]
            out.append(float(np.dot(wf[sizes[S]], g.values[S | (1 << k)] - g.values[S])))
    return g.as_dict(out)


def _coalition_matrix(g: TUGame) -> np.ndarray:
    """Incidence rows of the proper nonempty coalitions (masks 1 .. 2^n - 2)."""
    m = g.masks[1:g.grand]
    return ((m[:, None] >> np.arange(g.n)[None, :]) & 1).astype(float)


def _exact_check_core(g: TUGame, x: list) -> bool:
    vals = g.values
    n = g.n
    total = sum(x)
    if total != vals[g.grand]:
        return False
    for mask in range(1, g.grand):
        s = sum(x[k] for k in range(n) if mask >> k & 1)
        if g.kind == "cost" and s > vals[mask]:
            return False
        if g.kind == "value" and s < vals[mask]:
            return False
    return True


def in_core(players: Any, cost: Any, allocation: Any, game: str = "cost", tol: float = _TOL) -> bool:
    """Whether ``allocation`` is in the core (cost game: sum x = c(N), x(S) <= c(S) for all S;
    value game: sum x = v(N), x(S) >= v(S)).  Exact for exact data, else with tolerance ``tol``
    scaled by the largest coalition value."""
    g = _game(players, cost, game)
    x = g.allocation(allocation)
    if g.exact and all(is_exact_number(v) for v in x):
        return _exact_check_core(g, [to_exact(v) for v in x])
    xf = np.array([float(v) for v in x])
    scale = tol * (1 + float(np.max(np.abs(g.fvalues))))
    sums = _coalition_matrix(g) @ xf
    if abs(xf.sum() - g.fvalues[g.grand]) > scale:
        return False
    other = g.fvalues[1:g.grand]
    return bool(np.all(sums <= other + scale) if g.kind == "cost" else np.all(sums >= other - scale))


def core_is_empty(players: Any, cost: Any, game: str = "cost", tol: float = _TOL) -> bool:
    """Bondareva-Shapley test: the core is empty iff ``min sum x s.t. x(S) >= v(S)`` (value
    form; ``x(S) <= c(S)`` maximized for cost games) misses the grand-coalition value.
    Decided by a HiGHS LP with tolerance ``tol`` (relative to the largest value)."""
    g = _game(players, cost, game)
    if g.n == 1:
        return False
    v = g.value_game()
    M = _coalition_matrix(g)
    res = optimize.linprog(np.ones(g.n), A_ub=-M, b_ub=-v[1:g.grand], bounds=[(None, None)] * g.n, method="highs")
    if res.status != 0:
        raise SolverError(f"the core LP failed: {res.message}")
    scale = tol * (1 + float(np.max(np.abs(v))))
    return bool(res.fun > v[g.grand] + scale)


def _rank(rows: list[np.ndarray]) -> int:
    return int(np.linalg.matrix_rank(np.array(rows))) if rows else 0


def _exact_solve(A: list[list[Fraction]], b: list[Fraction], nvar: int) -> list[Fraction] | None:
    """Unique solution of A y = b in rationals (Gauss-Jordan), or None."""
    rows = [list(r) + [bi] for r, bi in zip(A, b)]
    piv_cols = []
    r = 0
    for c in range(nvar):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            return None
        rows[r], rows[p] = rows[p], rows[r]
        pv = rows[r][c]
        rows[r] = [v / pv for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * bb for a, bb in zip(rows[i], rows[r])]
        piv_cols.append(c)
        r += 1
    if any(row[-1] != 0 for row in rows[r:]):
        return None
    return [rows[k][-1] for k in range(nvar)]


def nucleolus(players: Any, cost: Any, game: str = "cost") -> dict:
    """Nucleolus (Schmeidler 1969) as ``{player: share}`` by the sequential LPs of Maschler,
    Peleg & Shapley (1979).  For a cost game, the allocation of costs that lexicographically
    minimizes the largest excesses ``x(S) - c(S)``.  Exact Fractions when the data are exact
    (the final linear system is re-solved in rationals and checked), floats otherwise."""
    g = _game(players, cost, game)
    n = g.n
    v = g.value_game()  # value form: excess e(S, x) = v(S) - x(S)
    vN = v[g.grand]
    if n == 1:
        x = [g.values[g.grand]]
        return g.as_dict(x)
    singles = np.array([v[1 << k] for k in range(n)])
    if singles.sum() > vN + _TOL * (1 + abs(vN)):
        raise GameError("the imputation set is empty (the players' stand-alone values exceed the grand coalition's)")
    M = _coalition_matrix(g)
    vals = v[1:g.grand]
    free = list(range(M.shape[0]))
    fixed: list[tuple[int, int]] = []  # (row, round)
    fixed_rows: list[np.ndarray] = [np.ones(n)]
    fixed_rhs: list[float] = [vN]
    levels: list[float] = []
    x = None
    for rnd in range(M.shape[0] + 1):
        # variables (x_1..x_n, t): minimize t s.t. v(S) - x(S) <= t (free S), fixed S at their level
        c = np.zeros(n + 1)
        c[-1] = 1.0
        A_ub = np.hstack([-M[free], -np.ones((len(free), 1))])
        b_ub = -vals[free]
        A_eq = np.array([np.append(r, 0.0) for r in fixed_rows])
        b_eq = np.array(fixed_rhs)
        bounds = [(singles[k], None) for k in range(n)] + [(None, None)]
        res = optimize.linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status != 0:
            raise SolverError(f"nucleolus LP {rnd + 1} failed: {res.message}")
        t = float(res.x[-1])
        x = res.x[:n]
        levels.append(t)
        duals = -np.asarray(res.ineqlin.marginals)
        tight = [free[j] for j in np.flatnonzero(duals > 1e-9)]
        if not tight:  # degenerate duals: fix the coalitions at the optimum level
            e = vals[free] - M[free] @ x
            tight = [free[j] for j in np.flatnonzero(e >= t - 1e-9)]
        for row in tight:
            fixed.append((row, rnd))
            fixed_rows.append(M[row])
            fixed_rhs.append(vals[row] - t)
        free = [r for r in free if r not in set(tight)]
        if _rank(fixed_rows) >= n or not free:
            break
        # coalitions whose excess is now determined drop out
        base = _rank(fixed_rows)
        free = [r for r in free if _rank(fixed_rows + [M[r]]) > base]
        if not free:
            break
    xf = np.asarray(x, float)
    if g.exact:
        xe = _nucleolus_exact(g, fixed, levels)
        if xe is not None and np.max(np.abs(np.array([float(a) for a in xe]) - xf)) <= 1e-6 * (1 + np.max(np.abs(xf))):
            out = [-a for a in xe] if g.kind == "cost" else xe
            return g.as_dict(out)
    out = [-float(a) for a in xf] if g.kind == "cost" else [float(a) for a in xf]
    return g.as_dict(out)


def _nucleolus_exact(g: TUGame, fixed: list[tuple[int, int]], levels: list[float]) -> list[Fraction] | None:
    """Rationalize the LP levels t_j, re-solve the fixed equalities x(S) = v(S) - t_j and
    x(N) = v(N) in rationals, and verify the excess structure exactly: the coalitions fixed in
    round j have excess t_j, every other coalition has excess <= t_1 (the minimized maximum), and x is
    an imputation.  None when any check fails (then floats are returned)."""
    n = g.n
    sign = -1 if g.kind == "cost" else 1
    vals = [sign * val for val in g.values]
    t = [Fraction(lv).limit_denominator(10**7) for lv in levels]
    A = [[Fraction(1)] * n]
    b = [vals[g.grand]]
    for row, rnd in fixed:
        mask = row + 1
        A.append([Fraction(mask >> k & 1) for k in range(n)])
        b.append(vals[mask] - t[rnd])
    x = _exact_solve(A, b, n)
    if x is None:
        return None
    if any(x[k] < vals[1 << k] for k in range(n)):
        return None
    round_of = {row: rnd for row, rnd in fixed}
    for mask in range(1, g.grand):
        e = vals[mask] - sum(x[k] for k in range(n) if mask >> k & 1)
        rnd = round_of.get(mask - 1)
        if rnd is not None and e != t[rnd]:
            return None
        if rnd is None and e > t[0]:
            return None
    return x
