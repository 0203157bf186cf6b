"""Which support profiles of an n-player game can carry a Nash equilibrium: one
vectorized screen over all of them before any algebra.

A support profile ``S`` is dropped when some player ``i`` has a strategy ``l`` in
``S_i`` and a strategy ``k`` (in or out of ``S_i``) with ``u_i(k, s) >= u_i(l, s)`` for
every pure opponent profile ``s`` in ``S_{-i}`` and ``>`` for at least one.  At every
profile whose opponents put positive probability on exactly ``S_{-i}``, each such ``s``
has positive weight, so ``k`` then pays strictly more than ``l`` and ``l`` is not a
best reply: no equilibrium has support ``S``.  This is the conditional dominance of
Porter, Nudelman & Shoham (2008), with weak dominance, which is valid because the
opponents' supports are exact.  For a pure profile the screen is exactly the Nash
condition.  Comparisons are exact: integers, or IEEE floats (whose ``>`` is exact).
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

__all__ = ["subsets", "viable_profiles"]


def subsets(m: int) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``range(m)``, smallest first (the enumeration order)."""
    return [s for size in range(1, m + 1) for s in itertools.combinations(range(m), size)]


@functools.cache
def _membership(m: int) -> np.ndarray:
    subs = subsets(m)
    out = np.zeros((len(subs), m), dtype=np.int64)
    for r, s in enumerate(subs):
        out[r, list(s)] = 1
    return out


@functools.lru_cache(maxsize=64)
def _opponents(shape: tuple, i: int) -> np.ndarray:
    """Membership of opponent pure profiles (columns) in opponent support profiles (rows)."""
    opp = np.ones((1, 1), dtype=np.int64)
    for j, m in enumerate(shape):
        if j != i:
            opp = np.kron(opp, _membership(m))
    return opp.T.copy()


def viable_profiles(arrays: list[np.ndarray]) -> list[tuple[tuple[int, ...], ...]]:
    """Support profiles (in ``itertools.product`` order of :func:`subsets`) that survive
    conditional weak dominance; ``arrays`` are exact integers or floats, one per player."""
    shape = arrays[0].shape
    n = len(shape)
    mem = [_membership(m) for m in shape]
    bad = []
    for i, m in enumerate(shape):
        u = np.moveaxis(np.asarray(arrays[i]), i, 0).reshape(m, -1)
        gt = (u[:, None, :] > u[None, :, :]).astype(np.int64).reshape(m * m, -1)
        lt = (u[:, None, :] < u[None, :, :]).astype(np.int64).reshape(m * m, -1)
        opp = _opponents(shape, i)
        dominated = ((lt @ opp) == 0) & ((gt @ opp) > 0)  # [k * m + l, T]: k beats l on T
        bad_l = dominated.reshape(m, m, -1).any(axis=0)  # [l, T]
        bad.append((mem[i] @ bad_l.astype(np.int64)) > 0)  # [S_i, T]
    counts = [len(b) for b in bad]
    grid = np.indices(counts).reshape(n, -1)
    ok = np.ones(grid.shape[1], dtype=bool)
    for i in range(n):
        rest = [j for j in range(n) if j != i]
        t = np.ravel_multi_index([grid[j] for j in rest], [counts[j] for j in rest]) if rest else np.zeros_like(grid[i])
        ok &= ~bad[i][grid[i], t]
    subs = [subsets(m) for m in shape]
    return [tuple(subs[i][grid[i, c]] for i in range(n)) for c in np.flatnonzero(ok)]
