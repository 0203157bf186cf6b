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
  who need it (:func:`airport_shapley`); its nucleolus has the closed form of Littlechild
  (1974) (:func:`airport_nucleolus`) and its core a linear description, so airport games of
  any size are solved without enumerating coalitions.
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

from ..equilibrium import Result, add_column
from ..errors import GameError, InvalidGameError, SolverError
from ..numbers import as_number, is_exact_number, to_exact


MAX_PLAYERS = 20
_TOL = 1e-9


class AirportGame:
    """The airport cost game: ``c(S) = max_{i in S} costs[i]``.

    Callable on frozensets of player indices 0..n-1 (or of ``players`` if given), so it can be
    passed to every function here; :func:`shapley_value` recognizes it and uses the closed form.

    Parameters
    ----------
    costs : sequence
        Each player's own cost (the runway it needs).
    players : sequence, optional
        Player labels (default ``0..n-1``).

    References
    ----------
    Littlechild, S. & Owen, G. (1973). A simple expression for the Shapley value in a
    special case. Management Science 20.

    Examples
    --------
    >>> from gametheory.cooperative import AirportGame
    >>> ap = AirportGame([1, 2, 4])
    >>> ap(frozenset({0, 1}))
    2
    """

    def __init__(self, costs: Sequence[Any], players: Sequence[Hashable] | None = None):
        self.costs = list(costs)
        if not self.costs:
            raise InvalidGameError("the airport game needs at least one player")
        self.players = tuple(range(len(self.costs))) if players is None else tuple(players)
        if len(self.players) != len(self.costs):
            raise InvalidGameError("give one cost per player")
        for c in self.costs:
            if as_number(c, "airport cost") < 0:
                raise InvalidGameError(f"airport costs must be nonnegative numbers, got {c!r}")
        self._index = {p: k for k, p in enumerate(self.players)}

    def __call__(self, coalition: frozenset) -> Any:
        if not coalition:
            return 0
        return max(self.costs[self._index[p]] for p in coalition)


class Allocation(Result, dict):
    """A cooperative solution: the dict ``{player: share}`` it always was, plus the result
    convention (:class:`gametheory.equilibrium.Result`).

    ``payoffs`` is the shares as a tuple in player order; a cooperative solution has no
    strategies, so ``strategies`` is the allocation itself (a plain dict).  ``method`` is
    ``"shapley"``, ``"airport shapley"`` or ``"nucleolus"``; ``game`` the :class:`TUGame` (or
    :class:`AirportGame`), ``exact`` whether the shares are exact, ``tol`` the tolerance
    behind them (0 when exact).  ``to_row()``: ``"share <player>"`` per player, ``method``, ``exact``.
    """

    def __init__(self, shares: Mapping[Hashable, Any], *, game: Any, method: str, exact: bool, tol: float = 0.0,
                 params: Mapping[str, Any] | None = None) -> None:
        dict.__init__(self, shares)
        self.game = game
        self.method = method
        self.exact = bool(exact)
        self.tol = 0.0 if exact else float(tol)
        self.params = dict(params or {})

    @property
    def payoffs(self) -> tuple:  # type: ignore[override]
        return tuple(self.values())

    @property
    def strategies(self) -> dict:  # type: ignore[override]
        return dict(self)

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for p, v in self.items():
            add_column(row, f"share {p}", v)
        return self.finish_row(row)

    def __reduce__(self) -> tuple:  # keep the attributes through pickling (sweep workers)
        return (_allocation, (dict(self), self.game, self.method, self.exact, self.tol, self.params))


def _airport_players(players: Any, cost: AirportGame) -> tuple:
    plist = tuple(range(players)) if isinstance(players, int) else tuple(players)
    if set(plist) != set(cost.players) or len(plist) != len(cost.players):
        raise InvalidGameError("the players do not match the airport game's players")
    return plist


def _allocation(shares: dict, game: Any, method: str, exact: bool, tol: float, params: dict) -> Allocation:
    return Allocation(shares, game=game, method=method, exact=exact, tol=tol, params=params)


def _exact_values(values: Sequence[Any]) -> bool:
    return all(isinstance(v, (int, Fraction)) and not isinstance(v, bool) for v in values)


class TUGame:
    """A TU game stored as the vector of its 2^n coalition values (bit k = player k).

    The functions of this package build one from ``players`` and ``cost``; build it
    yourself to reuse the values.

    Parameters
    ----------
    players : int or sequence
        The players: their number (labels ``0..n-1``) or their labels.
    cost : callable or mapping
        The characteristic function: a callable on frozensets of players, or a dict
        frozenset -> value (every coalition must have a value).
    game : {"cost", "value"}
        Whether ``cost`` gives costs to be shared (default) or values to be divided.

    Raises
    ------
    GameError
        More than ``MAX_PLAYERS`` (20) players, or ``game`` not "cost"/"value".
    InvalidGameError
        No players, repeated labels, a coalition without a value, a non-finite value.

    References
    ----------
    Shapley, L. (1953). A value for n-person games.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> glove = TUGame(3, lambda S: 1 if 0 in S and (1 in S or 2 in S) else 0, game="value")
    >>> glove.values  # coalition k = the players whose bits are set in k
    [0, 0, 0, 1, 0, 1, 0, 1]
    """

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
            as_number(v, "allocation entry")
        return x


def _game(players: Any, cost: Any, game: str) -> TUGame:
    if isinstance(players, TUGame):
        return players
    return TUGame(players, cost, game)


def airport_shapley(costs: Sequence[Any]) -> list:
    """Shapley value of the airport game in closed form.

    Each cost increment ``c_(j) - c_(j-1)`` is shared equally by the ``n - j + 1`` players
    who need at least ``c_(j)``.

    Parameters
    ----------
    costs : sequence
        Each player's own cost.

    Returns
    -------
    list
        Each player's share, in the order of ``costs`` (exact for exact costs).

    References
    ----------
    Littlechild, S. & Owen, G. (1973). Management Science 20.

    Examples
    --------
    >>> from gametheory.cooperative import airport_shapley
    >>> airport_shapley([1, 2, 4])
    [Fraction(1, 3), Fraction(5, 6), Fraction(17, 6)]
    """
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


def airport_nucleolus(costs: Sequence[Any]) -> list:
    """Nucleolus of the airport game in closed form (no enumeration of coalitions).

    Sort the costs ``c_1 <= ... <= c_n``.  The players up to the index k minimizing
    ``c_k / (k + 1)`` (k < n) each pay that minimum; with X paid by the first K players, the
    next group up to the k minimizing ``(c_k - X) / (k - K + 1)`` each pay that; the player
    with the largest cost pays the rest.  Linear after sorting, so it serves alliances far
    beyond the 20 players of the general nucleolus.

    Parameters
    ----------
    costs : sequence
        Each player's own cost (nonnegative).

    Returns
    -------
    list
        Each player's share, in the order of ``costs`` (exact for exact costs).

    Raises
    ------
    InvalidGameError
        No costs, or a negative or non-numeric cost.

    References
    ----------
    Littlechild, S. (1974). A simple expression for the nucleolus in a special case.
    International Journal of Game Theory 3.

    Examples
    --------
    >>> from gametheory.cooperative import airport_nucleolus
    >>> airport_nucleolus([1, 2, 3, 6])
    [Fraction(1, 2), Fraction(3, 4), Fraction(7, 8), Fraction(31, 8)]
    """
    cs, exact = _airport_costs(costs)
    n = len(cs)
    order = sorted(range(n), key=lambda i: cs[i])
    c = [cs[i] for i in order]
    out: list = [None] * n
    K = 0  # players order[0..K-1] are settled
    paid = Fraction(0) if exact else 0.0
    while K < n - 1:
        best, arg = None, None
        for k in range(K + 1, n):  # 1-based k: the group order[K..k-1]
            val = (Fraction(c[k - 1] - paid) if exact else c[k - 1] - paid) / (k - K + 1)
            if best is None or val <= best:  # ties: the largest group (same shares either way)
                best, arg = val, k
        for j in range(K, arg):
            out[order[j]] = best
        paid += best * (arg - K)
        K = arg
    out[order[n - 1]] = c[n - 1] - paid
    return out


def _airport_costs(costs: Sequence[Any]) -> tuple[list, bool]:
    costs = list(costs)
    if not costs:
        raise InvalidGameError("the airport game needs at least one player")
    for c in costs:
        if as_number(c, "airport cost") < 0:
            raise InvalidGameError(f"airport costs must be nonnegative numbers, got {c!r}")
    exact = all(is_exact_number(c) for c in costs)
    return ([to_exact(c, "cost") for c in costs] if exact else [float(c) for c in costs]), exact


def _airport_in_core(game: AirportGame, x: list, tol: float) -> bool:
    """Core of the airport game: x >= 0, sum x = max cost, and the players whose cost is at
    most c pay at most c together (every other coalition constraint follows from these)."""
    cs, exact = _airport_costs(game.costs)
    exact = exact and all(is_exact_number(v) for v in x)
    xs = [to_exact(v) for v in x] if exact else [float(v) for v in x]
    cs = cs if exact else [float(c) for c in cs]
    slack = 0 if exact else tol * (1 + max(abs(c) for c in cs))
    if any(v < -slack for v in xs) or abs(sum(xs) - max(cs)) > slack:
        return False
    order = sorted(range(len(cs)), key=lambda i: cs[i])
    acc = 0
    for j, i in enumerate(order):
        acc += xs[i]
        last_of_level = j == len(order) - 1 or cs[order[j + 1]] != cs[i]
        if last_of_level and acc > cs[i] + slack:
            return False
    return True


def shapley_value(players: Sequence[Hashable] | int, cost: Callable | Mapping, game: str = "cost") -> Allocation:
    """The Shapley value as ``{player: share}``: exact Fractions for exact values.

    The dict is an :class:`Allocation`, which also records ``method``, ``exact`` and ``game``.

    Enumerates the 2^n coalitions with numpy (n <= 20); the airport game
    (:class:`AirportGame`) uses the closed form of Littlechild & Owen (1973).

    Parameters
    ----------
    players : int or sequence
        The players: their number (labels ``0..n-1``) or their labels.
    cost : callable or mapping
        The characteristic function: a callable on frozensets of players, or a dict
        frozenset -> value (every coalition must have a value).
    game : {"cost", "value"}
        Whether ``cost`` gives costs to be shared (default) or values to be divided.

    Returns
    -------
    dict
        player -> share (Fractions for exact data, floats otherwise).

    Raises
    ------
    GameError
        More than ``MAX_PLAYERS`` (20) players, or ``game`` not "cost"/"value".
    InvalidGameError
        No players, repeated labels, a coalition without a value, a non-finite value.

    References
    ----------
    Shapley, L. (1953). A value for n-person games. Contributions to the Theory of
    Games II.  Littlechild, S. & Owen, G. (1973). A simple expression for the Shapley
    value in a special case. Management Science 20.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = lambda S: 1 if 0 in S and (1 in S or 2 in S) else 0  # one left glove, two right
    >>> dict(gt.shapley_value(3, glove, game="value"))
    {0: Fraction(2, 3), 1: Fraction(1, 6), 2: Fraction(1, 6)}
    >>> dict(gt.shapley_value(3, gt.cooperative.AirportGame([1, 2, 4])))  # runway costs
    {0: Fraction(1, 3), 1: Fraction(5, 6), 2: Fraction(17, 6)}
    """
    if isinstance(cost, AirportGame) and not isinstance(players, TUGame):
        plist = _airport_players(players, cost)
        sh = airport_shapley(cost.costs)
        by = dict(zip(cost.players, sh))
        return Allocation({p: by[p] for p in plist}, game=cost, method="airport shapley", exact=_exact_values(sh), tol=_TOL)
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
    return Allocation(g.as_dict(out), game=g, method="shapley", exact=g.exact, tol=_TOL)


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
    """Whether ``allocation`` is in the core.

    Cost game: ``sum x = c(N)`` and ``x(S) <= c(S)`` for all S; value game:
    ``sum x = v(N)`` and ``x(S) >= v(S)``.  For the airport game (:class:`AirportGame`)
    n + 1 of these constraints imply the rest (x >= 0 and, for each cost level c, the
    players needing at most c pay at most c), so any number of players is checked.

    Parameters
    ----------
    players : int or sequence
        The players: their number (labels ``0..n-1``) or their labels.
    cost : callable or mapping
        The characteristic function: a callable on frozensets of players, or a dict
        frozenset -> value (every coalition must have a value).
    game : {"cost", "value"}
        Whether ``cost`` gives costs to be shared (default) or values to be divided.
    allocation : mapping or sequence
        player -> share, or the shares in the order of the players.
    tol : float
        Float data: tolerance scaled by the largest coalition value (exact data are
        checked exactly).

    Returns
    -------
    bool

    Raises
    ------
    GameError
        More than ``MAX_PLAYERS`` (20) players, or ``game`` not "cost"/"value".
    InvalidGameError
        No players, repeated labels, a coalition without a value, a non-finite value.

    References
    ----------
    Gillies, D. (1959). Solutions to general non-zero-sum games. Contributions to the
    Theory of Games IV.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = lambda S: 1 if 0 in S and (1 in S or 2 in S) else 0  # one left glove, two right
    >>> gt.in_core(3, glove, [1, 0, 0], game="value"), gt.in_core(3, glove, [0, 1, 0], game="value")
    (True, False)
    """
    if isinstance(cost, AirportGame) and not isinstance(players, TUGame) and game == "cost":
        plist = _airport_players(players, cost)
        if isinstance(allocation, Mapping):
            missing = [p for p in plist if p not in allocation]
            if missing:
                raise InvalidGameError(f"the allocation has no entry for player(s) {missing}")
            x = [allocation[p] for p in cost.players]
        else:
            x = list(allocation)
            if len(x) != len(plist):
                raise InvalidGameError(f"the allocation has {len(x)} entries for {len(plist)} players")
            by = dict(zip(plist, x))
            x = [by[p] for p in cost.players]
        for v in x:
            as_number(v, "allocation entry")
        return _airport_in_core(cost, x, tol)
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
    """Whether the core is empty (the Bondareva-Shapley test).

    The core is empty iff ``min sum x s.t. x(S) >= v(S)`` (value form; ``x(S) <= c(S)``
    maximized for cost games) misses the grand-coalition value.

    Parameters
    ----------
    players : int or sequence
        The players: their number (labels ``0..n-1``) or their labels.
    cost : callable or mapping
        The characteristic function: a callable on frozensets of players, or a dict
        frozenset -> value (every coalition must have a value).
    game : {"cost", "value"}
        Whether ``cost`` gives costs to be shared (default) or values to be divided.
    tol : float
        Tolerance of the HiGHS linear program, relative to the largest value.

    Returns
    -------
    bool

    Raises
    ------
    GameError
        More than ``MAX_PLAYERS`` (20) players, or ``game`` not "cost"/"value".
    InvalidGameError
        No players, repeated labels, a coalition without a value, a non-finite value.

    References
    ----------
    Bondareva, O. (1963). Some applications of linear programming methods to the theory
    of cooperative games. Problemy Kibernetiki 10.  Shapley, L. (1967). On balanced
    sets and cores. Naval Research Logistics Quarterly 14.

    Examples
    --------
    Three-player majority voting has an empty core; the glove game does not:

    >>> import gametheory as gt
    >>> glove = lambda S: 1 if 0 in S and (1 in S or 2 in S) else 0  # one left glove, two right
    >>> majority = lambda S: int(len(S) >= 2)
    >>> gt.core_is_empty(3, majority, game="value"), gt.core_is_empty(3, glove, game="value")
    (True, False)
    """
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


def nucleolus(players: Any, cost: Any, game: str = "cost") -> Allocation:
    """The nucleolus as ``{player: share}``, by sequential linear programs.

    For a cost game, the allocation of costs that lexicographically minimizes the
    largest excesses ``x(S) - c(S)`` (for a value game, ``v(S) - x(S)``).  The airport
    game (:class:`AirportGame`) uses the closed form of Littlechild (1974)
    (:func:`airport_nucleolus`), with no limit on the number of players.

    Parameters
    ----------
    players : int or sequence
        The players: their number (labels ``0..n-1``) or their labels.
    cost : callable or mapping
        The characteristic function: a callable on frozensets of players, or a dict
        frozenset -> value (every coalition must have a value).
    game : {"cost", "value"}
        Whether ``cost`` gives costs to be shared (default) or values to be divided.

    Returns
    -------
    dict
        player -> share: exact Fractions when the data are exact (the final linear
        system is re-solved in rationals and checked), floats otherwise.

    Raises
    ------
    GameError
        More than ``MAX_PLAYERS`` (20) players, or ``game`` not "cost"/"value".
    InvalidGameError
        No players, repeated labels, a coalition without a value, a non-finite value.
    SolverError
        A linear program failed.

    References
    ----------
    Schmeidler, D. (1969). The nucleolus of a characteristic function game. SIAM J.
    Appl. Math. 17.  Maschler, M., Peleg, B. & Shapley, L. (1979). Geometric properties
    of the kernel, nucleolus, and related solution concepts. Math. Oper. Res. 4.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = lambda S: 1 if 0 in S and (1 in S or 2 in S) else 0  # one left glove, two right
    >>> dict(gt.nucleolus(3, glove, game="value"))
    {0: Fraction(1, 1), 1: Fraction(0, 1), 2: Fraction(0, 1)}
    """
    if isinstance(cost, AirportGame) and not isinstance(players, TUGame) and game == "cost":
        plist = _airport_players(players, cost)
        nu = airport_nucleolus(cost.costs)
        by = dict(zip(cost.players, nu))
        return Allocation({p: by[p] for p in plist}, game=cost, method="airport nucleolus",
                          exact=_exact_values(nu), tol=_TOL)
    g = _game(players, cost, game)
    n = g.n
    v = g.value_game()  # value form: excess e(S, x) = v(S) - x(S)
    vN = v[g.grand]
    if n == 1:
        x = [g.values[g.grand]]
        return Allocation(g.as_dict(x), game=g, method="nucleolus", exact=g.exact, tol=_TOL)
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
            return Allocation(g.as_dict(out), game=g, method="nucleolus", exact=True)
    out = [-float(a) for a in xf] if g.kind == "cost" else [float(a) for a in xf]
    return Allocation(g.as_dict(out), game=g, method="nucleolus", exact=False, tol=_TOL)


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
