"""Backward induction: every pure subgame-perfect equilibrium of a perfect-information tree.

Zermelo (1913), Kuhn (1953), Selten (1965, 1975).  In a finite perfect-information
game (chance moves allowed) a pure profile is subgame perfect iff at every decision
node the mover's action maximizes her payoff given the continuation (one-shot
deviation principle).  Where the mover is indifferent, every maximizer starts an
SPE, and different maximizers can change what players upstream prefer, so the SPE
are enumerated exactly rather than by multiplying tie counts.

Algorithm.  One vectorized pass over the tree's levels, deepest first: at each level
``np.maximum.reduceat`` over the children gives every mover's best value, the first
maximizer and the number of maximizers (chance nodes take expectations).  A node
whose subgame has more than one SPE ("multi") is a tie node or an ancestor of one;
only those nodes are then revisited in Python: first the SPE are counted exactly
(grouping continuations by their payoff vector), and if the count is within
``limit`` they are listed.  Float games treat a player's payoffs within ``tree.tols[i]`` (that player's own tolerance) as ties.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from ..equilibrium import Equilibria
from ..errors import InvalidGameError, SolverError
from ._tree import DECISION, require_tree
from ._result import TreeEquilibrium

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = ["backward_induction", "count_subgame_perfect", "BIPass"]

DEFAULT_LIMIT = 10_000


class BIPass:
    """Values, first maximizers and the multi-SPE flags of one vectorized backward pass."""

    def __init__(self, tree: ExtensiveFormGame, progress: Callable[[int, int | None], Any] | None = None) -> None:
        c = tree.compiled
        self.tree = tree
        self.c = c
        self.progress = progress
        if c.deep:
            self._python_pass()
            return
        U = c.U.copy()
        choice = np.full(c.n, -1, dtype=np.int64)
        multi = np.zeros(c.n, dtype=bool)
        # each mover's ties on its own payoff scale (float games; exact games compare exactly)
        ptol = None if tree.exact else np.asarray(c.tols, dtype=float)
        is_dec_all = c.kind == DECISION
        n_levels = len(c.levels)
        for done, (internal, idx, offsets, rep) in enumerate(reversed(c.levels), 1):
            is_dec = is_dec_all[internal]
            mover = np.where(is_dec, c.player[internal], 0)
            vals = U[idx, mover[rep]]
            best = np.maximum.reduceat(vals, offsets)
            hit = vals == best[rep] if ptol is None else vals >= best[rep] - ptol[mover[rep]]
            pos = np.arange(idx.size)
            first_hit = np.minimum.reduceat(np.where(hit, pos, idx.size), offsets)
            n_hit = np.add.reduceat(hit.astype(np.int64), offsets)
            child_multi = np.logical_or.reduceat(multi[idx], offsets)
            dec_nodes = internal[is_dec]
            choice[dec_nodes] = first_hit[is_dec] - offsets[is_dec]
            U[dec_nodes] = U[idx[first_hit[is_dec]]]
            multi[internal] = child_multi | (is_dec & (n_hit > 1))
            if not is_dec.all():
                ch = ~is_dec
                w = c.prob[idx][:, None] * U[idx]
                sums = np.add.reduceat(w, offsets, axis=0)
                U[internal[ch]] = sums[ch]
            if progress is not None:
                progress(done, n_levels)
        self.U = U
        self.choice = choice
        self.multi = multi

    def _python_pass(self) -> None:
        """The same pass as a loop over nodes (children have larger ids), for deep, thin trees."""
        c = self.c
        tols = (0,) * c.n_players if self.tree.exact else c.tols
        rows = c.U.tolist()
        kind, player, first, nch = c.kind.tolist(), c.player.tolist(), c.first.tolist(), c.nch.tolist()
        prob = c.prob.tolist()
        choice = [-1] * c.n
        multi = [False] * c.n
        zero = Fraction(0) if c.U.dtype == object else 0
        report = self.progress
        for v in range(c.n - 1, -1, -1):
            if report is not None and v % 65536 == 0:
                report(c.n - v, c.n)
            k = nch[v]
            if not k:
                continue
            f = first[v]
            if kind[v] == DECISION:
                i = player[v]
                vals = [rows[f + j][i] for j in range(k)]
                m = max(vals)
                hits = [j for j, x in enumerate(vals) if (x >= m - tols[i] if tols[i] else x == m)]
                choice[v] = hits[0]
                rows[v] = rows[f + hits[0]]
                multi[v] = len(hits) > 1 or any(multi[f : f + k])
            else:
                rows[v] = [sum((prob[f + j] * rows[f + j][m] for j in range(k)), zero) for m in range(c.n_players)]
                multi[v] = any(multi[f : f + k])
        U = np.empty(c.U.shape, dtype=c.U.dtype)
        if U.dtype == object:
            for v, r in enumerate(rows):
                U[v] = r
        else:
            U[:] = rows
        self.U = U
        self.choice = np.array(choice, dtype=np.int64)
        self.multi = np.array(multi, dtype=bool)

    # ------------------------------------------------------------------ exact counting and listing
    def _value(self, v: int) -> tuple:
        return tuple(self.U[v].tolist())

    def _le(self, a: Any, b: Any, player: int) -> bool:
        """``a <= b`` for two payoffs of ``player``, up to that player's tolerance."""
        tol = 0 if self.tree.exact else self.c.tols[player]
        return a <= b + tol if tol else a <= b

    def count(self, cap: int | None = None) -> int:
        """Exact number of pure SPE; stops early (returning a number > cap) once it exceeds ``cap``."""
        if not self.multi[0]:
            return 1
        c = self.c
        groups: dict[int, dict[tuple, int]] = {}
        for v in sorted(np.flatnonzero(self.multi).tolist(), reverse=True):
            f, k = int(c.first[v]), int(c.nch[v])
            kids = [self._groups_of(u, groups) for u in range(f, f + k)]
            if c.kind[v] == DECISION:
                i = int(c.player[v])
                out: dict[tuple, int] = {}
                for j, gj in enumerate(kids):
                    for x, cnt in gj.items():
                        total = cnt
                        for jj, gjj in enumerate(kids):
                            if jj != j:
                                total *= sum(m for y, m in gjj.items() if self._le(y[i], x[i], i))
                                if not total:
                                    break
                        if total:
                            out[x] = out.get(x, 0) + total
            else:
                probs = [c.prob[u] for u in range(f, f + k)]
                size = 1
                for gj in kids:
                    size *= len(gj)
                if cap is not None and size > cap:
                    return cap + 1  # each combination continues at least one SPE: more than cap
                out = {}
                for combo in product(*[list(gj.items()) for gj in kids]):
                    x = tuple(sum((p * y[m] for p, (y, _) in zip(probs, combo)), Fraction(0) if self.c.exact else 0.0)
                              for m in range(c.n_players))
                    cnt = 1
                    for _, m in combo:
                        cnt *= m
                    out[x] = out.get(x, 0) + cnt
            for u in range(f, f + k):
                groups.pop(u, None)
            groups[v] = out
        return sum(groups[0].values())

    def _groups_of(self, u: int, groups: dict) -> dict:
        if self.multi[u]:
            return groups[u]
        return {self._value(u): 1}

    def enumerate(self) -> list[tuple[tuple, dict[int, int]]]:
        """Every SPE as (payoff vector, {multi decision node: chosen child offset})."""
        if not self.multi[0]:
            return [(self._value(0), {})]
        c = self.c
        sols: dict[int, list[tuple[tuple, Any]]] = {}
        for v in sorted(np.flatnonzero(self.multi).tolist(), reverse=True):
            f, k = int(c.first[v]), int(c.nch[v])
            kids = [sols.pop(u) if self.multi[u] else [(self._value(u), None)] for u in range(f, f + k)]
            # choices are kept as a shared tree (choice, sub-trees) so that a long chain of tie
            # nodes costs O(n) per equilibrium, not O(n^2) tuple copies
            out: list[tuple[tuple, Any]] = []
            if c.kind[v] == DECISION:
                i = int(c.player[v])
                for j, kj in enumerate(kids):
                    for x, ov in kj:
                        others = [[s for s in kjj if self._le(s[0][i], x[i], i)] for jj, kjj in enumerate(kids) if jj != j]
                        for combo in product(*others):
                            out.append((x, (v, j, (ov,) + tuple(s[1] for s in combo))))
            else:
                probs = [c.prob[u] for u in range(f, f + k)]
                zero = Fraction(0) if c.exact else 0.0
                for combo in product(*kids):
                    x = tuple(sum((p * s[0][m] for p, s in zip(probs, combo)), zero) for m in range(c.n_players))
                    out.append((x, (None, None, tuple(s[1] for s in combo))))
            sols[v] = out
        return [(x, _flatten_choices(ov)) for x, ov in sols[0]]


def _flatten_choices(tree: Any) -> dict[int, int]:
    out: dict[int, int] = {}
    stack = [tree]
    while stack:
        t = stack.pop()
        if t is None:
            continue
        v, j, parts = t
        if v is not None:
            out[v] = j
        stack.extend(parts)
    return out


def _payoff_tuple(x: tuple, exact: bool) -> tuple:
    if exact:
        return tuple(Fraction(int(v)) if isinstance(v, (int, np.integer)) else Fraction(v) for v in x)
    return tuple(float(v) for v in x)


def count_subgame_perfect(tree: ExtensiveFormGame) -> int:
    """Exact number of pure subgame-perfect equilibria of a perfect-information tree (no listing).

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree of perfect information.

    Returns
    -------
    int

    Raises
    ------
    InvalidGameError
        The tree has imperfect information.

    References
    ----------
    Kuhn, H. W. (1953); Selten, R. (1965).

    Examples
    --------
    With equal payoffs every action is a best reply at each of the 3 decision nodes: 2**3 SPE.

    >>> import gametheory as gt
    >>> flat = gt.complete_tree(2, 2, [[0, 0]] * 4)
    >>> gt.count_subgame_perfect(flat)
    8
    """
    _require_pi(tree, "count_subgame_perfect")
    return BIPass(tree).count()


def _require_pi(tree: Any, who: str) -> None:
    require_tree(tree, who)
    if not tree.is_perfect_information:
        raise InvalidGameError(
            f"{who} needs a perfect-information tree; this one has information sets with several nodes. "
            "Use gametheory.subgame_perfect_equilibria for imperfect information"
        )


def backward_induction(
    tree: ExtensiveFormGame,
    limit: int | None = DEFAULT_LIMIT,
    progress: Callable[[int, int | None], Any] | None = None,
) -> Equilibria:
    """ALL pure subgame-perfect equilibria of a perfect-information tree (chance moves allowed).

    Ties are enumerated, never broken: each SPE picks one maximizer at every decision node.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree of perfect information.
    limit : int or None
        Largest number of SPE listed (default 10,000); ``None`` lists them all.
        :func:`count_subgame_perfect` only counts.
    progress : callable, optional
        ``progress(done, total)`` during the backward pass, as in
        :mod:`gametheory.solvers.limits`: levels of the tree solved (nodes, for deep
        thin trees solved node by node), out of all of them.

    Returns
    -------
    Equilibria of TreeEquilibrium
        A list (``complete`` is True: all pure SPE); each has
        Each with ``payoffs``, ``path``, ``outcome`` and ``strategy``; exact for exact trees.

    Raises
    ------
    InvalidGameError
        The tree has imperfect information (use :func:`subgame_perfect_equilibria`).
    SolverError
        More than ``limit`` SPE (the message says how many).

    References
    ----------
    Zermelo, E. (1913); Kuhn, H. W. (1953); Selten, R. (1965).

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> [(eq.outcome, eq.payoffs) for eq in gt.backward_induction(t)]
    [('concession', (Fraction(1, 1), Fraction(0, 1)))]
    """
    _require_pi(tree, "backward_induction")
    if limit is not None and (not isinstance(limit, (int, np.integer)) or isinstance(limit, bool) or limit < 1):
        raise InvalidGameError(f"limit must be a positive int or None; got {limit!r}")
    if progress is not None and not callable(progress):
        raise InvalidGameError(f"progress must be a callable progress(done, total) or None; got {progress!r}")
    bi = BIPass(tree, progress)
    exact = tree.exact
    tol = tree.tol
    if not bi.multi[0]:
        only = TreeEquilibrium(tree, _payoff_tuple(bi._value(0), exact), "backward induction", exact, tol, {}, bi.choice)
        return Equilibria([only], game=tree, method="backward induction", exact=exact)
    n = bi.count(cap=limit)
    if limit is not None and n > limit:
        raise SolverError(
            f"the tree has {'more than ' + str(limit) if n == limit + 1 else n} pure subgame-perfect equilibria "
            f"(ties at {int(np.count_nonzero(bi.multi))} nodes multiply); raise limit= (or limit=None) to list them, "
            "or call count_subgame_perfect(tree)"
        )
    out = []
    for x, overrides in bi.enumerate():
        choice = bi.choice.copy()
        if overrides:
            nodes = np.fromiter(overrides.keys(), dtype=np.int64, count=len(overrides))
            choice[nodes] = np.fromiter(overrides.values(), dtype=np.int64, count=len(overrides))
        out.append(TreeEquilibrium(tree, _payoff_tuple(x, exact), "backward induction", exact, tol, {}, choice))
    return Equilibria(out, game=tree, method="backward induction", exact=exact)
