"""Kreps-Wilson consistency of an assessment (behavior profile and beliefs) in a game tree.

An assessment ``(b, mu)`` is *consistent* (Kreps & Wilson 1982) when it is the limit of
fully mixed profiles ``b_n -> b`` with the beliefs ``mu_n -> mu`` that Bayes' rule gives
under ``b_n``.  By curve selection the perturbations can be taken of the form
``b_eps(a) = c_a eps^k_a`` for every action ``a`` that ``b`` plays with probability 0
(``k_a > 0``, ``c_a > 0``); then a node ``v`` is reached with probability
``w(v) C(v) eps^K(v) (1 + o(1))``, where ``w(v)`` is the product of the positive chance and
behavior probabilities on its path, and ``K(v)``, ``C(v)`` sum the orders and multiply the
coefficients of its zero-probability actions (Kohlberg & Reny 1997; Perea, Jansen &
Peters 1997).  So ``mu`` is consistent iff at every information set

- the nodes ``mu`` supports have the same, smallest order ``K`` (a linear program in the
  orders ``k``, with ``k_a >= 1`` and the other nodes' orders at least 1 higher), and
- ``log C(v) - log C(v0) = log(mu(v) / w(v)) - log(mu(v0) / w(v0))`` for the supported nodes
  (a linear system in ``log c``, with an integer matrix: it is solvable iff every integer
  vector of its left null space multiplies the ratios ``(mu / w)`` to exactly 1, which is
  decided in Fractions for exact assessments).

The two conditions share no unknowns, so they are checked separately.  Nodes behind a
chance move of probability 0 are never reached: they must get belief 0, and a set made of
them only is unconstrained.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm, log
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InvalidProfileError
from ._normal import behavior_by_index
from ._tree import CHANCE, DECISION, require_tree

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = ["is_consistent"]


def is_consistent(game: ExtensiveFormGame, profile: Any, beliefs: Mapping[Any, Any]) -> bool:
    """Whether the assessment ``(profile, beliefs)`` is consistent (Kreps & Wilson 1982).

    Consistency (beliefs are the limit of Bayes' rule under fully mixed perturbations of
    the profile) is what a sequential equilibrium adds to sequential rationality; weak
    perfect Bayesian equilibria can fail it (for instance with off-path beliefs that differ
    from the prior over nature's moves, or that differ at two sets reached by the same
    deviation).  The check is exact for exact profiles and beliefs; see the module
    docstring for the characterization used.

    Parameters
    ----------
    game : ExtensiveFormGame
        Any finished tree (any number of players, chance moves).
    profile
        A behavior profile: a :class:`TreeEquilibrium`, or player -> information set key ->
        action or {action: probability} (as ``TreeEquilibrium.behavior``).
    beliefs : mapping
        Information set key -> {node id: probability} (or a sequence of probabilities in
        the order of ``infoset.nodes``).  Singleton sets may be left out, and so may sets
        the profile reaches (they get Bayes' rule).

    Returns
    -------
    bool
        True when some fully mixed perturbations of ``profile`` give ``beliefs`` in the limit.

    Raises
    ------
    InvalidProfileError
        The profile does not fit the tree, or beliefs for a set with several nodes are
        missing at a set the profile does not reach, negative, not summing to 1 or naming
        nodes outside the set.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. Econometrica 50, 863-894.
    Kohlberg, E. & Reny, P. (1997). Independence on relative probability spaces and
    consistent assessments in game trees. Journal of Economic Theory 75, 280-313.

    Examples
    --------
    Nature picks a type (1/3, 2/3) that player 1 does not see; she stays out, and player 2,
    who does not see the type either, must believe the prior after the deviation ``in``:

    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> t = gt.ExtensiveFormGame(players=["1", "2"])
    >>> t1, t2 = t.chance(t.root, ["t1", "t2"], [F(1, 3), F(2, 3)])
    >>> nodes = []
    >>> for v in (t1, t2):
    ...     out, enter = t.decision(v, "1", ["out", "in"], infoset="1")
    ...     _ = t.terminal(out, [0, 0])
    ...     a, b = t.decision(enter, "2", ["a", "b"], infoset="2")
    ...     _, _ = t.terminal(a, [1, 1]), t.terminal(b, [-1, 0])
    ...     nodes.append(enter)
    >>> play = {"1": {"1": "out"}, "2": {"2": "a"}}
    >>> gt.is_consistent(t, play, {"2": {nodes[0]: F(1, 3), nodes[1]: F(2, 3)}})
    True
    >>> gt.is_consistent(t, play, {"2": {nodes[0]: F(1, 2), nodes[1]: F(1, 2)}})
    False
    """
    require_tree(game, "is_consistent")
    game.validate()
    beh = behavior_by_index(game, profile)
    exact = game.exact and all(isinstance(p, Fraction) for probs in beh.values() for p in probs)
    mu = _beliefs(game, beliefs, exact)
    exact = exact and all(isinstance(p, Fraction) for m in mu.values() for p in m.values())
    weight, zeros, possible = _paths(game, beh, exact)
    order_rows: list[tuple[dict, dict]] = []  # (supported node's actions, other node's actions)
    same_rows: list[tuple[dict, dict]] = []
    ratio_rows: list[tuple[dict, Any]] = []
    for h in game.infosets:
        if len(h.nodes) < 2:
            continue
        live = [v for v in h.nodes if possible[v]]
        if not live:
            continue
        m = mu.get(h.index)
        if m is None:
            reached = [v for v in live if not zeros[v]]
            if not reached:
                raise InvalidProfileError(
                    f"no beliefs given at information set {h.key!r} (nodes {list(h.nodes)}), which the profile does not reach"
                )
            total = sum(weight[v] for v in reached)
            m = {v: (weight[v] / total if v in reached else 0) for v in h.nodes}
        if any(m[v] > 0 for v in h.nodes if not possible[v]):
            return False
        eps = 0 if exact else 1e-12
        support = [v for v in live if m[v] > eps]
        v0 = support[0]
        for v in support[1:]:
            same_rows.append((zeros[v], zeros[v0]))
            rel = (m[v] / weight[v]) / (m[v0] / weight[v0])
            ratio_rows.append((_difference(zeros[v], zeros[v0]), rel))
        for v in live:
            if v not in support:
                order_rows.append((zeros[v], zeros[v0]))
    return _orders_feasible(same_rows, order_rows) and _ratios_solvable(ratio_rows, exact)


def _beliefs(game: ExtensiveFormGame, beliefs: Any, exact: bool) -> dict[int, dict[int, Any]]:
    """Beliefs per set index with several nodes (node -> probability), checked."""
    if not isinstance(beliefs, Mapping):
        raise InvalidProfileError("beliefs are a dict information set key -> {node: probability}")
    out: dict[int, dict[int, Any]] = {}
    for h in game.infosets:
        if len(h.nodes) == 1:  # a singleton's belief is 1
            continue
        if h.key not in beliefs:  # Bayes' rule where the profile reaches the set, else an error
            continue
        b = beliefs[h.key]
        if isinstance(b, Mapping):
            extra = [v for v in b if v not in h.nodes]
            if extra:
                raise InvalidProfileError(f"beliefs at {h.key!r} name nodes {extra} outside the set {list(h.nodes)}")
            vals = {v: b.get(v, 0) for v in h.nodes}
        else:
            vals = dict(zip(h.nodes, list(b)))
            if len(vals) != len(list(b)) or len(vals) != len(h.nodes):
                raise InvalidProfileError(f"beliefs at {h.key!r} need one probability per node {list(h.nodes)}")
        for v, p in vals.items():
            if isinstance(p, (bool, str)) or not isinstance(p, (int, float, Fraction, np.integer, np.floating)):
                raise InvalidProfileError(f"belief {p!r} at node {v} of {h.key!r} is not a number")
            if p < 0:
                raise InvalidProfileError(f"belief {p} at node {v} of {h.key!r} is negative")
        conv = {v: (Fraction(p) if isinstance(p, (int, np.integer, Fraction)) else float(p)) for v, p in vals.items()}
        total = sum(conv.values())
        exact_here = all(isinstance(p, Fraction) for p in conv.values())
        if (total != 1) if exact_here else abs(float(total) - 1.0) > 1e-9:
            raise InvalidProfileError(f"beliefs at {h.key!r} sum to {total}, not 1")
        out[h.index] = conv
    return out


def _paths(game: ExtensiveFormGame, beh: dict[int, tuple], exact: bool) -> tuple[list, list, list]:
    """Per node: product of positive probabilities on its path, its zero-probability actions
    ((set, action) -> count), and whether no chance move of probability 0 precedes it."""
    c = game.compiled
    iset = game.infoset_of_node()
    n = c.n
    one = Fraction(1) if exact else 1.0
    weight: list = [one] * n
    zeros: list[dict] = [{} for _ in range(n)]
    possible = [True] * n
    for v in range(n):  # parents have smaller ids
        k = int(c.nch[v])
        if not k:
            continue
        f = int(c.first[v])
        for j in range(k):
            u = f + j
            weight[u], zeros[u], possible[u] = weight[v], zeros[v], possible[v]
            if c.kind[v] == CHANCE:
                p = Fraction(c.prob[u]) if exact else float(c.prob[u])
                if p == 0:
                    possible[u] = False
                else:
                    weight[u] = weight[v] * p
            elif c.kind[v] == DECISION:
                h = int(iset[v])
                p = beh[h][j]
                if p == 0:
                    zeros[u] = {**zeros[v], (h, j): zeros[v].get((h, j), 0) + 1}
                else:
                    weight[u] = weight[v] * (p if exact else float(p))
    return weight, zeros, possible


def _difference(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) - v
    return {k: v for k, v in out.items() if v}


def _orders_feasible(same: list, higher: list) -> bool:
    """Orders ``k >= 1`` with ``K(v) = K(v0)`` for the ``same`` pairs and ``K(v) >= K(v0) + 1`` for ``higher``."""
    rows_eq = [_difference(a, b) for a, b in same]
    rows_ge = [_difference(a, b) for a, b in higher]
    if any(not r for r in rows_ge):
        return False  # a node outside the support with exactly the support's own deviations
    rows_eq = [r for r in rows_eq if r]
    if not rows_ge and not rows_eq:
        return True
    keys = sorted({k for r in rows_eq + rows_ge for k in r})
    col = {k: j for j, k in enumerate(keys)}

    def mat(rows: list) -> np.ndarray:
        M = np.zeros((len(rows), len(keys)))
        for i, r in enumerate(rows):
            for k, v in r.items():
                M[i, col[k]] = v
        return M

    from scipy.optimize import linprog

    A_ub = -mat(rows_ge) if rows_ge else None
    b_ub = -np.ones(len(rows_ge)) if rows_ge else None
    A_eq = mat(rows_eq) if rows_eq else None
    b_eq = np.zeros(len(rows_eq)) if rows_eq else None
    res = linprog(np.zeros(len(keys)), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                  bounds=[(1, None)] * len(keys), method="highs")
    return res.status == 0


def _ratios_solvable(rows: list[tuple[dict, Any]], exact: bool) -> bool:
    """Whether ``sum_a G[r, a] log c_a = log rel_r`` has a solution (``G`` has integer entries)."""
    if not rows:
        return True
    import sympy

    keys = sorted({k for r, _ in rows for k in r})
    col = {k: j for j, k in enumerate(keys)}
    G = sympy.zeros(len(rows), max(1, len(keys)))
    for i, (r, _) in enumerate(rows):
        for k, v in r.items():
            G[i, col[k]] = v
    for y in G.T.nullspace():  # y^T G = 0: the combination y of the equations must have rhs 0
        scale = lcm(*(int(sympy.Rational(e).q) for e in y))
        ints = [int(e * scale) for e in y]
        if exact:
            prod = Fraction(1)
            for k, (_, rel) in zip(ints, rows):
                prod *= Fraction(rel) ** k
            if prod != 1:
                return False
        else:
            s = sum(k * log(float(rel)) for k, (_, rel) in zip(ints, rows))
            if abs(s) > 1e-9 * max(1, sum(abs(k) for k in ints)):
                return False
    return True
