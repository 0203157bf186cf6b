"""Bulk construction of perfect-information game trees from numpy arrays.

:meth:`ExtensiveFormGame.from_arrays` (and :func:`complete_tree`, built on it) take numpy arrays
directly so trees of millions of nodes are built without a Python loop over nodes.
Part of :mod:`gametheory.extensive`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..errors import InvalidGameError
from ._tree import CHANCE, DECISION, TERMINAL, _to_fraction_array
from ..numbers import is_exact_number, to_exact

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame


def from_arrays(
    cls: type[ExtensiveFormGame],
    parent: Any,
    player: Any,
    payoffs: Any,
    probs: Any = None,
    players: Sequence[str] | None = None,
    title: str = "",
) -> ExtensiveFormGame:
    """The body of :meth:`ExtensiveFormGame.from_arrays` (documented there); ``cls`` is the class to build."""
    par = np.asarray(parent)
    if par.ndim != 1 or par.size == 0 or par.dtype.kind not in "iu":
        raise InvalidGameError(f"parent must be a non-empty 1-d integer array; got dtype {par.dtype}, shape {par.shape}")
    par = par.astype(np.int64)
    n = par.size
    if par[0] != -1:
        raise InvalidGameError(f"node 0 is the root: parent[0] must be -1; got {par[0]}")
    rest = par[1:]
    ids = np.arange(1, n)
    if np.any(rest < 0) or np.any(rest >= ids):
        bad = int(ids[(rest < 0) | (rest >= ids)][0])
        raise InvalidGameError(f"parent[{bad}] = {par[bad]}: every non-root node needs a parent with a smaller id")
    if np.any(np.diff(rest) < 0):
        bad = int(np.flatnonzero(np.diff(rest) < 0)[0]) + 2
        raise InvalidGameError(
            f"children must be numbered consecutively by parent: node {bad} has parent {par[bad]} after a sibling group of parent {par[bad - 1]}"
        )
    nch = np.bincount(rest, minlength=n).astype(np.int64)
    first = np.zeros(n, dtype=np.int64)
    has = nch > 0
    # the first child of p is the first index i >= 1 with parent p (parents are sorted)
    starts = np.searchsorted(rest, np.flatnonzero(has), side="left") + 1
    first[has] = starts
    pl = np.asarray(player)
    if pl.shape != (n,) or pl.dtype.kind not in "iu":
        raise InvalidGameError(f"player must be an integer array of shape ({n},); got dtype {pl.dtype}, shape {pl.shape}")
    pl = pl.astype(np.int64)
    U = np.asarray(payoffs)
    if U.ndim != 2:
        raise InvalidGameError(f"payoffs must be a 2-d array (nodes or leaves, players); got shape {U.shape}")
    n_players = U.shape[1]
    labels = tuple(players) if players is not None else None
    g = cls(players=labels if labels is not None else n_players, title=title)
    if g.n_players != n_players:
        raise InvalidGameError(f"payoffs have {n_players} columns but {g.n_players} players are named")
    internal = has
    if np.any(internal & ((pl < -1) | (pl >= n_players))):
        bad = int(np.flatnonzero(internal & ((pl < -1) | (pl >= n_players)))[0])
        raise InvalidGameError(f"unknown player index {pl[bad]} at node {bad}; the game has players 0..{n_players - 1} (and -1 for chance)")
    kind = np.full(n, TERMINAL, dtype=np.int8)
    kind[internal & (pl >= 0)] = DECISION
    kind[internal & (pl == -1)] = CHANCE
    pl = np.where(kind == DECISION, pl, -1)
    leaves = np.flatnonzero(~internal)
    if U.dtype.kind not in "iuf" and U.dtype != object:
        raise InvalidGameError(f"payoffs must be numeric; got dtype {U.dtype}")
    if U.shape[0] == leaves.size and U.shape[0] != n:
        full = np.zeros((n, n_players), dtype=U.dtype)
        if U.dtype == object:
            full[:] = 0
        full[leaves] = U
        U = full
    elif U.shape[0] != n:
        raise InvalidGameError(
            f"payoffs have {U.shape[0]} rows; give one per node ({n}) or one per leaf ({leaves.size})"
        )
    has_chance = bool(np.any(kind == CHANCE))
    prob = _bulk_probs(probs, par, kind, first, nch, n, has_chance)
    exact = U.dtype.kind in "iu" or (U.dtype == object and all(is_exact_number(x) for x in U[leaves].ravel()))
    if prob.dtype == float:
        exact = False
    if U.dtype == object:
        if exact:
            U = _to_fraction_array(U)
        else:
            U = np.array([[float(x) for x in row] for row in U], dtype=float)
    elif U.dtype.kind == "f":
        if not np.all(np.isfinite(U[leaves])):
            raise InvalidGameError("payoffs have a non-finite entry")
        U = U.astype(float)
    else:
        U = U.astype(np.int64)
    if not exact and U.dtype != float:
        U = U.astype(float)
    if not exact and prob.dtype != float:
        prob = prob.astype(float)
    if exact and has_chance and U.dtype != object:
        U = _to_fraction_array(U)
    U = U.copy()
    U[internal] = 0
    g._arrays = {
        "parent": par, "kind": kind, "player": pl, "first": first, "nch": nch,
        "payoffs": U, "prob": prob, "exact": bool(exact), "labels": None, "actions": None,
    }
    return g


def _bulk_probs(probs: Any, par, kind, first, nch, n: int, has_chance: bool) -> np.ndarray:
    if probs is None:
        if has_chance:
            raise InvalidGameError("the tree has chance nodes (player -1) but no probs were given")
        return np.ones(n, dtype=np.int64)
    pr = np.asarray(probs)
    if pr.shape != (n,):
        raise InvalidGameError(f"probs must have shape ({n},) (probability of the edge into each node); got {pr.shape}")
    chance_child = np.zeros(n, dtype=bool)
    chance_child[1:] = kind[par[1:]] == CHANCE
    if pr.dtype == object:
        exact = all(is_exact_number(x) for x in pr[chance_child])
        if exact:
            out = np.empty(n, dtype=object)
            out[:] = Fraction(1)
            out[chance_child] = [to_exact(x) for x in pr[chance_child]]
            vals = out
        else:
            out = np.ones(n, dtype=float)
            out[chance_child] = [float(x) for x in pr[chance_child]]
            vals = out
    elif pr.dtype.kind in "iu":
        vals = np.where(chance_child, pr, 1).astype(np.int64)
    elif pr.dtype.kind == "f":
        vals = np.where(chance_child, pr, 1.0).astype(float)
        if not np.all(np.isfinite(vals)):
            raise InvalidGameError("probs have a non-finite entry")
    else:
        raise InvalidGameError(f"probs must be numeric; got dtype {pr.dtype}")
    neg = chance_child & (vals < 0)
    if np.any(neg):
        bad = int(np.flatnonzero(neg)[0])
        raise InvalidGameError(f"probability {vals[bad]} of the edge into node {bad} is negative")
    cn = np.flatnonzero(kind == CHANCE)
    if cn.size:
        if vals.dtype == object:
            sums = [sum(vals[first[v] : first[v] + nch[v]], Fraction(0)) for v in cn]
            bad = [v for v, s in zip(cn, sums) if s != 1]
            if bad:
                raise InvalidGameError(f"probabilities at chance node {bad[0]} sum to {sums[list(cn).index(bad[0])]}, not 1")
        else:
            # sibling blocks tile nodes 1..n-1 in parent order, so one reduceat sums every block
            internal = np.flatnonzero(nch > 0)
            block_sums = np.add.reduceat(vals[1:].astype(float), first[internal] - 1)
            sums = block_sums[np.searchsorted(internal, cn)]
            tol = 0 if vals.dtype.kind in "iu" else 1e-9
            badm = np.abs(sums - 1.0) > tol
            if np.any(badm):
                v = int(cn[np.flatnonzero(badm)[0]])
                raise InvalidGameError(f"probabilities at chance node {v} sum to {sums[badm][0]!r}, not 1")
    return vals
