"""Perfect-information game trees with symbolic payoffs: subgame-perfect equilibrium
conditions by the one-shot deviation principle (Kuhn 1953; Selten 1965) (private module;
re-exported by :mod:`gametheory.symbolic`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np
import sympy

from ..errors import GameError, InvalidGameError
from ._conditions import simplify_condition
from ._parse import parameters, to_expression
from ..extensive import ExtensiveFormGame
from ._regions import _Conditions


@dataclass
class _Node:
    kind: str  # "decision" | "chance" | "terminal"
    key: Hashable = None  # node id (path tuple or tree node id)
    player: int = -1
    actions: tuple = ()
    children: tuple = ()
    probs: tuple = ()
    payoffs: tuple = ()


class SymbolicTree(_Conditions):
    """A perfect-information game tree with symbolic payoffs; SPE conditions per pure profile.

    ``tree`` is either a :class:`gametheory.ExtensiveFormGame` of perfect information
    together with ``payoffs`` (dict terminal label or node id -> sequence of sympy
    payoffs, overriding the tree's numeric payoffs), or a nested description::

        {"player": "Challenger", "actions": {
            "status quo": (0, 1),                                   # a terminal: payoffs
            "challenge": {"player": "Defender", "actions": {
                "resist": ("-c", "v - d"), "concede": (1, 0)}}}}
        {"chance": {"hard": (p, subtree), "soft": (1 - p, subtree)}}

    Nodes of a nested tree are named by their path of actions from the root (a tuple).

    Parameters
    ----------
    tree
        The tree, as above.
    players : sequence of str, optional
        Player order (default: order of first appearance).
    params
        Symbols or names of the parameters.
    payoffs : mapping, optional
        Terminal payoffs overriding those of an ``ExtensiveFormGame``.
    max_profiles : int
        Refuse trees with more pure profiles than this.

    Raises
    ------
    InvalidGameError
        A malformed description, imperfect information, a refused expression string.

    References
    ----------
    Kuhn, H. W. (1953); Selten, R. (1965).

    Examples
    --------
    >>> import sympy
    >>> from gametheory.symbolic import SymbolicTree, tree_conditions
    >>> tree = {"player": "Challenger", "actions": {
    ...     "status quo": (0, 1),
    ...     "challenge": {"player": "Defender", "actions": {"resist": ("-c", "v - d"), "concede": (1, 0)}}}}
    >>> params = sympy.symbols("c v d", positive=True)
    >>> SymbolicTree(tree, params=params).equilibria_at(c=1, v=2, d=1)
    [(((), 'status quo'), (('challenge',), 'resist'))]
    """

    def __init__(
        self,
        tree: Any,
        players: Sequence[str] | None = None,
        params: Any = None,
        payoffs: Mapping[Hashable, Sequence[Any]] | None = None,
        max_profiles: int = 200_000,
    ) -> None:
        plist = parameters(params) if params is not None else None
        self._plist = plist
        self._players: list[str] = list(players) if players is not None else []
        self._fixed_players = players is not None
        if isinstance(tree, ExtensiveFormGame):
            self._players = list(tree.players)
            self._fixed_players = True
            tree.validate()
            if not tree.is_perfect_information:
                raise InvalidGameError("tree_conditions needs a perfect-information tree (singleton information sets)")
            self.root = self._from_tree(tree, tree.root, dict(payoffs or {}))
        else:
            if payoffs is not None:
                raise InvalidGameError("payoffs= is for ExtensiveFormGame trees; a nested tree carries its payoffs")
            self.root = self._from_nested(tree, ())
        if plist is None:
            syms: set = set()
            for n in self._walk(self.root):
                for e in n.payoffs + n.probs:
                    syms |= e.free_symbols
            plist = tuple(sorted(syms, key=lambda s: s.name))
        self.params: tuple = plist
        self.players: tuple = tuple(self._players)
        self.decision_nodes: tuple = tuple(n for n in self._walk(self.root) if n.kind == "decision")
        count = 1
        for n in self.decision_nodes:
            count *= len(n.actions)
        if count > max_profiles:
            raise GameError(f"the tree has {count} pure strategy profiles, more than max_profiles={max_profiles}")
        self._conds = None
        self._comp = None

    # -- construction
    def _player_index(self, p: Any, where: Any) -> int:
        if isinstance(p, (int, np.integer)) and not isinstance(p, bool) and self._fixed_players:
            if not 0 <= p < len(self._players):
                raise InvalidGameError(f"player index {p} at node {where!r} is out of range")
            return int(p)
        p = str(p)
        if p not in self._players:
            if self._fixed_players:
                raise InvalidGameError(f"unknown player {p!r} at node {where!r}; players: {self._players}")
            self._players.append(p)
        return self._players.index(p)

    def _expr(self, x: Any, what: str) -> sympy.Expr:
        return to_expression(x, what, self._plist)

    def _from_nested(self, t: Any, path: tuple) -> _Node:
        if isinstance(t, Mapping):
            if "chance" in t:
                branches = t["chance"]
                if not isinstance(branches, Mapping) or not branches:
                    raise InvalidGameError(f"chance node {path!r} needs a non-empty dict action -> (probability, subtree)")
                acts, probs, kids = [], [], []
                for a, br in branches.items():
                    if not (isinstance(br, (tuple, list)) and len(br) == 2):
                        raise InvalidGameError(f"chance branch {a!r} at {path!r} must be (probability, subtree)")
                    acts.append(a)
                    probs.append(self._expr(br[0], f"probability of {a!r} at {path!r}"))
                    kids.append(self._from_nested(br[1], path + (a,)))
                total = sympy.simplify(sympy.Add(*probs) - 1)
                if total != 0:
                    raise InvalidGameError(f"chance probabilities at {path!r} sum to {sympy.Add(*probs)}, not 1")
                for a, p in zip(acts, probs):
                    if p.is_negative:
                        raise InvalidGameError(f"probability of {a!r} at {path!r} is negative ({p})")
                return _Node("chance", path, -1, tuple(acts), tuple(kids), tuple(probs))
            if "player" not in t or "actions" not in t:
                raise InvalidGameError(f"node {path!r} must have 'player' and 'actions' (or 'chance'); got keys {list(t)}")
            acts = t["actions"]
            if not isinstance(acts, Mapping) or not acts:
                raise InvalidGameError(f"node {path!r} needs a non-empty dict action -> subtree")
            pl = self._player_index(t["player"], path)
            kids = tuple(self._from_nested(sub, path + (a,)) for a, sub in acts.items())
            return _Node("decision", path, pl, tuple(acts), kids)
        if isinstance(t, (tuple, list)):
            pays = tuple(self._expr(x, f"payoff {k} at {path!r}") for k, x in enumerate(t))
            return _Node("terminal", path, payoffs=pays)
        raise InvalidGameError(f"node {path!r} is neither a dict (decision/chance) nor a payoff tuple: {t!r}")

    def _from_tree(self, tree: Any, v: int, payoffs: dict) -> _Node:
        kind = tree.kind(v)
        if kind == "terminal":
            lab = tree.label(v)
            vals = payoffs.get(lab, payoffs.get(v))
            if vals is None:
                vals = tree.payoffs(v)
            pays = tuple(self._expr(x, f"payoff {k} at terminal {lab!r}") for k, x in enumerate(vals))
            return _Node("terminal", v, payoffs=pays)
        kids = tuple(self._from_tree(tree, c, payoffs) for c in tree.children(v))
        if kind == "chance":
            probs = tuple(self._expr(p, f"probability at node {v}") for p in tree.probs(v))
            return _Node("chance", v, -1, tree.actions(v), kids, probs)
        return _Node("decision", v, self._players.index(tree.player(v)), tree.actions(v), kids)

    def _walk(self, n: _Node) -> Iterable[_Node]:
        yield n
        for c in n.children:
            yield from self._walk(c)

    def _check_lengths(self) -> None:
        for n in self._walk(self.root):
            if n.kind == "terminal" and len(n.payoffs) != len(self.players):
                raise InvalidGameError(f"terminal {n.key!r} has {len(n.payoffs)} payoffs for {len(self.players)} players")

    # -- conditions
    def label(self, key: Any) -> str:
        return ", ".join(f"{self.players[self._mover[node]]}@{self._node_name(node)}: {a}" for node, a in key)

    @staticmethod
    def _node_name(node: Any) -> str:
        if isinstance(node, tuple):
            return "/".join(map(str, node)) or "root"
        return str(node)

    def _value(self, n: _Node, strat: dict) -> tuple:
        if n.kind == "terminal":
            return n.payoffs
        if n.kind == "decision":
            return self._value(n.children[n.actions.index(strat[n.key])], strat)
        vals = [self._value(c, strat) for c in n.children]
        return tuple(sympy.Add(*[p * v[i] for p, v in zip(n.probs, vals)]) for i in range(len(self.players)))

    def conditions(self) -> dict:
        """dict strategy profile -> list of simplified SPE conditions.

        A profile is a tuple of ``(node, action)`` pairs, one per decision node in
        preorder; ``[]`` means always an SPE, ``[false]`` never.  Built bottom-up: each
        subtree's strategies carry their continuation values and conditions, so a
        value is computed once per sub-strategy, not once per full profile."""
        if self._conds is not None:
            return self._conds
        self._check_lengths()
        self._mover = {n.key: n.player for n in self.decision_nodes}
        cache: dict = {}
        n_pl = len(self.players)

        def cond_of(diff: sympy.Expr) -> Any:
            diff = sympy.expand(diff)
            c = cache.get(diff)
            if c is None:
                c = cache[diff] = simplify_condition(diff)
            return c

        def merge(parts: Sequence[tuple]) -> dict | None:
            conds: dict = {}  # an insertion-ordered set (hashing beats sympy __eq__ scans)
            for p in parts:
                if p[2] is None:
                    return None
                conds.update(p[2])
            return conds

        def solve(n: _Node) -> list:
            # entries: (choices in preorder, values, conditions or None when never an SPE)
            if n.kind == "terminal":
                return [((), n.payoffs, {})]
            subs = [solve(ch) for ch in n.children]
            out = []
            for combo in itertools.product(*subs):
                base = merge(combo)
                choices = tuple(x for part in combo for x in part[0])
                if n.kind == "chance":
                    vals = tuple(sympy.expand(sympy.Add(*[p * part[1][i] for p, part in zip(n.probs, combo)])) for i in range(n_pl))
                    out.append((choices, vals, base))
                    continue
                i = n.player
                for k, act in enumerate(n.actions):
                    conds = None if base is None else dict(base)
                    if conds is not None:
                        for j, part in enumerate(combo):
                            if j == k:
                                continue
                            c = cond_of(combo[k][1][i] - part[1][i])
                            if c is sympy.false:
                                conds = None
                                break
                            if c is not sympy.true:
                                conds[c] = None
                    out.append(((act,) + choices, combo[k][1], conds))
            return out

        keys = [n.key for n in self.decision_nodes]
        out = {}
        for choices, _, conds in solve(self.root):
            out[tuple(zip(keys, choices))] = [sympy.false] if conds is None else list(conds)
        self._conds = out
        return out

    def strategy(self, key: tuple) -> dict:
        """dict player -> dict node -> action for a profile key."""
        self.conditions()
        out: dict = {p: {} for p in self.players}
        for node, a in key:
            out[self.players[self._mover[node]]][node] = a
        return out

    def path(self, key: tuple) -> list:
        """(player, action) along the play of a profile (chance nodes are skipped over, first branch)."""
        self.conditions()
        strat = dict(key)
        out = []
        n = self.root
        while n.kind != "terminal":
            if n.kind == "decision":
                a = strat[n.key]
                out.append((self.players[n.player], a))
                n = n.children[n.actions.index(a)]
            else:
                n = n.children[0]
        return out

    def payoffs(self, key: tuple) -> tuple:
        """Symbolic expected payoffs of a profile."""
        self.conditions()
        return tuple(sympy.simplify(v) for v in self._value(self.root, dict(key)))


def tree_conditions(
    tree: Any,
    players: Sequence[str] | None = None,
    params: Any = None,
    payoffs: Mapping[Hashable, Sequence[Any]] | None = None,
) -> dict:
    """Conditions under which each pure strategy profile of a perfect-information tree with
    symbolic payoffs is a subgame-perfect equilibrium (see :class:`SymbolicTree`).

    Parameters
    ----------
    tree, players, params, payoffs
        As for :class:`SymbolicTree`.

    Returns
    -------
    dict
        Profile (one (node, action) choice per decision node) -> list of conditions
        (``[False]`` when the profile is never an SPE).

    Raises
    ------
    InvalidGameError
        As for :class:`SymbolicTree`.

    References
    ----------
    Kuhn, H. W. (1953); Selten, R. (1965) (one-shot deviation principle).

    Examples
    --------
    Resisting deters the challenge iff the defender values the stake above the war cost:

    >>> import sympy
    >>> from gametheory.symbolic import SymbolicTree, tree_conditions
    >>> tree = {"player": "Challenger", "actions": {
    ...     "status quo": (0, 1),
    ...     "challenge": {"player": "Defender", "actions": {"resist": ("-c", "v - d"), "concede": (1, 0)}}}}
    >>> params = sympy.symbols("c v d", positive=True)
    >>> cond = tree_conditions(tree, params=params)
    >>> cond[(((), "status quo"), (("challenge",), "resist"))]
    [v >= d]
    """
    return SymbolicTree(tree, players=players, params=params, payoffs=payoffs).conditions()
