"""Voting power in weighted voting games: Shapley-Shubik and Banzhaf indices, exact.

A weighted voting game ``[q; w_1, ..., w_n]`` is the simple game in which a coalition S wins
when ``w(S) >= q``.  Player i *swings* in a coalition S not containing it when S loses and
``S + i`` wins, i.e. ``q - w_i <= w(S) < q``.

* Shapley-Shubik (1954): the share of the n! orderings in which i is pivotal,
  ``phi_i = sum_S |S|! (n-|S|-1)! / n!`` over the coalitions S in which i swings.
* Banzhaf (1965), absolute (Dubey & Shapley 1979): ``beta'_i = eta_i / 2^(n-1)``, with
  ``eta_i`` the number of such S; normalized: ``beta_i = eta_i / sum_j eta_j``.

Both need only the number of coalitions of the other players by size and weight, which the
generating function ``prod_j (1 + y x^{w_j})`` holds (Mann & Shapley 1962; Brams & Affuso
1976; Bilbao, Fernandez, Jimenez Losada & Lopez 2000).  Weights are scaled to integers (exact
Fractions, floats read as the decimals they print as) and divided by their gcd; the table of
coalition counts by size and weight is kept only below the quota (heavier coalitions never
become losing again), built once with numpy, and one player is divided out of it per distinct
weight, so the cost is ``O(n^2 q)`` arithmetic on integers and 50 members are instantaneous.
When the quota in those integer units is too large for the table but the players are few, the
2^n coalitions are enumerated instead.
"""

from __future__ import annotations

import math
from fractions import Fraction
from collections.abc import Iterable, Mapping, Set as AbstractSet
from typing import Any

import numpy as np

from ..errors import GameError, InvalidGameError
from ..numbers import as_number, parse_number

__all__ = ["voting_power", "POWER_INDICES", "MAX_TABLE_CELLS", "MAX_ENUMERATION_PLAYERS"]

#: the power indices :func:`voting_power` computes
POWER_INDICES = ("shapley-shubik", "banzhaf", "banzhaf-absolute")
#: largest (players + 1) x quota table of coalition counts (integer units after scaling)
MAX_TABLE_CELLS = 5_000_000
#: beyond this many players the 2^n coalitions are never enumerated
MAX_ENUMERATION_PLAYERS = 20
# coalition counts are at most C(n, s) < 2^62 up to 62 players: int64 holds them
_INT64_PLAYERS = 62


def _exact(x: Any, what: str) -> Fraction:
    v = as_number(x, what)  # refuses bools, strings, None, complex, NaN and infinities by name
    if isinstance(v, float):
        # A vote turns on exact ties at the quota: 0.7 + 0.1 falls short of 0.8 in binary
        # floating point.  A float is read as the decimal it prints as (0.1 is 1/10), as the
        # command line reads number text.
        return parse_number(repr(v), what)
    return v


def _check(weights: Any, quota: Any, index: Any) -> tuple[list[Fraction], Fraction]:
    if not isinstance(index, str) or index not in POWER_INDICES:
        raise GameError(f"unknown power index {index!r}; choose one of {', '.join(POWER_INDICES)}")
    if isinstance(weights, np.ndarray):
        if weights.ndim != 1:
            raise InvalidGameError(
                f"weights must be one-dimensional (one weight per player), got shape {weights.shape}")
        items = weights.tolist()
    elif isinstance(weights, (str, bytes, Mapping, AbstractSet)) or not isinstance(weights, Iterable):
        # a mapping or a set has no player order to report the indices in
        raise InvalidGameError(
            f"weights must be a sequence of numbers in player order, got {type(weights).__name__}")
    else:
        items = list(weights)
    ws = [_exact(w, f"weight {k}") for k, w in enumerate(items)]
    if not ws:
        raise InvalidGameError("a weighted voting game needs at least one player (weights is empty)")
    for k, w in enumerate(ws):
        if w < 0:
            raise InvalidGameError(f"weight {k}={w} is negative; voting weights must be >= 0")
    q = _exact(quota, "quota")
    total = sum(ws)
    if q <= 0:
        raise InvalidGameError(f"quota={q} must be positive (with quota <= 0 the empty coalition would win)")
    if q > total:
        raise InvalidGameError(f"quota={q} exceeds the total weight {total}: no coalition could win")
    return ws, q


def _integer_game(ws: list[Fraction], q: Fraction) -> tuple[list[int], int]:
    """The same simple game with integer weights, gcd 1, each weight capped at the quota."""
    den = math.lcm(q.denominator, *(w.denominator for w in ws))
    W = [int(w * den) for w in ws]
    Q = int(q * den)
    g = math.gcd(*W)  # > 0: the total weight is >= quota > 0
    W = [w // g for w in W]
    Q = -(-Q // g)  # w(S) >= Q/g  <=>  w(S) >= ceil(Q/g) for integer w(S)
    return [min(w, Q) for w in W], Q  # a weight >= quota wins alone either way


def _swings_table(W: list[int], Q: int) -> dict[int, list[int]]:
    """weight -> swings by coalition size (of the others), by the generating function."""
    n = len(W)
    dtype: Any = np.int64 if n <= _INT64_PLAYERS else object
    # C[s, v]: coalitions of size s and weight v < Q (heavier ones never lose again)
    C = np.zeros((n + 1, Q), dtype=dtype)
    C[0, 0] = 1
    for j, w in enumerate(W):
        if w < Q:  # multiply by (1 + y x^w), keeping x-degrees below Q
            C[1:j + 2, w:] += C[0:j + 1, :Q - w].copy()
    out: dict[int, list[int]] = {}
    for w in set(W):
        if w == 0:
            out[w] = [0] * n
            continue
        # divide (1 + y x^w) back out: the counts of the other n-1 players
        D = np.empty((n, Q), dtype=dtype)
        D[0] = C[0]
        for s in range(1, n):
            D[s] = C[s]
            if w < Q:
                D[s, w:] -= D[s - 1, :Q - w]
        out[w] = [int(x) for x in D[:, Q - w:].sum(axis=1)]
    return out


def _swings_enumerated(W: list[int], Q: int) -> dict[int, list[int]]:
    """The same counts by enumerating the 2^n coalitions (few players, weights too fine for a table)."""
    n = len(W)
    dtype: Any = np.int64 if sum(W) < 2**62 else object
    sums = np.zeros(1, dtype=dtype)
    sizes = np.zeros(1, dtype=np.int64)
    for w in W:  # bit j of a coalition's index = player j
        sums = np.concatenate([sums, sums + w])
        sizes = np.concatenate([sizes, sizes + 1])
    idx = np.arange(1 << n, dtype=np.int64)
    out: dict[int, list[int]] = {}
    for i, w in enumerate(W):
        if w in out:
            continue
        others = (idx >> i) & 1 == 0
        swing = others & (sums >= Q - w) & (sums < Q)
        out[w] = np.bincount(sizes[swing], minlength=n)[:n].tolist()
    return out


def voting_power(weights: Any, quota: Any, index: str = "shapley-shubik") -> tuple[Fraction, ...]:
    """Power index of each player in the weighted voting game ``[quota; weights]``, exact.

    A coalition wins when its total weight is at least ``quota``; ``quota`` equal to the total
    weight is unanimity (every player has a veto).  Player i swings in a losing coalition S
    that ``S + i`` makes winning.

    Computed from the generating function of coalition counts by size and weight (Mann &
    Shapley 1962; Brams & Affuso 1976; Bilbao et al. 2000) over integer weights, in
    ``O(n^2 q)`` integer arithmetic: 50 members take milliseconds.  Rational weights are
    scaled to integers and divided by their gcd; a float is read as the decimal it prints as
    (``0.1`` is 1/10), since a vote turns on exact ties at the quota.

    Parameters
    ----------
    weights : sequence of numbers
        Each player's weight (votes), ``>= 0``: ints, Fractions, Decimals or floats.
    quota : number
        Weight a coalition needs to win, ``0 < quota <= sum(weights)``.
    index : {"shapley-shubik", "banzhaf", "banzhaf-absolute"}
        ``"shapley-shubik"``: the share of orderings in which the player is pivotal;
        ``"banzhaf"``: swings normalized to sum to 1; ``"banzhaf-absolute"``: swings /
        2^(n-1), the probability of being decisive when the others vote independently with
        probability 1/2.

    Returns
    -------
    tuple of Fraction
        One index per player, in the order of ``weights``.  Shapley-Shubik and normalized
        Banzhaf sum to 1.

    Raises
    ------
    InvalidGameError
        No players, a weight that is not a finite real number (bools, strings) or is negative,
        a quota <= 0 or above the total weight.
    GameError
        An unknown ``index``; weights so fine-grained (after scaling to integers) that more
        than 20 players would need a counting table of more than ``MAX_TABLE_CELLS`` cells:
        give the weights in coarser units (integer votes).

    References
    ----------
    Shapley, L. S. & Shubik, M. (1954). A method for evaluating the distribution of power in
    a committee system. American Political Science Review 48(3).
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. Rutgers Law
    Review 19.  Dubey, P. & Shapley, L. S. (1979). Mathematical properties of the Banzhaf
    power index. Mathematics of Operations Research 4(2).
    Mann, I. & Shapley, L. S. (1962). Values of large games VI: evaluating the Electoral
    College exactly. RAND RM-3158.  Brams, S. J. & Affuso, P. J. (1976). Power and size: a
    new paradox. Theory and Decision 7.  Bilbao, J. M., Fernandez, J. R., Jimenez Losada, A.
    & Lopez, J. J. (2000). Generating functions for computing power indices efficiently. TOP 8(2).

    Examples
    --------
    The Council of Ministers of the EEC (1958): France, Germany, Italy 4 votes, Belgium and
    the Netherlands 2, Luxembourg 1, quota 12.  Luxembourg never swings.

    >>> import gametheory as gt
    >>> gt.voting_power([4, 4, 4, 2, 2, 1], 12)
    (Fraction(7, 30), Fraction(7, 30), Fraction(7, 30), Fraction(3, 20), Fraction(3, 20), Fraction(0, 1))
    >>> gt.voting_power([4, 4, 4, 2, 2, 1], 12, index="banzhaf-absolute")[:4]
    (Fraction(5, 16), Fraction(5, 16), Fraction(5, 16), Fraction(3, 16))
    >>> gt.voting_power([1, 1, 1], 3)  # unanimity: equal power
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """
    ws, q = _check(weights, quota, index)
    n = len(ws)
    W, Q = _integer_game(ws, q)
    if (n + 1) * Q <= MAX_TABLE_CELLS:
        by_weight = _swings_table(W, Q)
    elif n <= MAX_ENUMERATION_PLAYERS:
        by_weight = _swings_enumerated(W, Q)
    else:
        raise GameError(
            f"{n} players whose weights scale to integers with quota {Q}: exact counting would need "
            f"a table of {(n + 1) * Q:,} cells (limit {MAX_TABLE_CELLS:,}); give the weights in "
            f"coarser units (integer votes)")
    swings = [by_weight[w] for w in W]
    if index == "shapley-shubik":
        f = [math.factorial(k) for k in range(n + 1)]
        coef = [f[s] * f[n - 1 - s] for s in range(n)]
        return tuple(Fraction(sum(c * x for c, x in zip(coef, sw)), f[n]) for sw in swings)
    eta = [sum(sw) for sw in swings]
    den = sum(eta) if index == "banzhaf" else 1 << (n - 1)
    return tuple(Fraction(e, den) for e in eta)
