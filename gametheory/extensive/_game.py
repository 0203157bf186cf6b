"""Finite games in extensive form (game trees).

A tree has decision nodes (owned by a player, grouped into information sets),
chance nodes (a lottery over their children) and terminal nodes (one payoff per
player) (Kuhn 1953; von Neumann & Morgenstern 1944).  Node 0 is the root.

Storage is flat (after Gambit and quantecon): parent, kind, player, first child
and number of children per node, with the children of a node numbered
consecutively and after their parent.  The builder methods append to Python
lists; :meth:`ExtensiveFormGame.from_arrays` and :func:`complete_tree` take numpy
arrays directly so trees of millions of nodes are built without a Python loop,
and the solvers work on the compiled numpy arrays level by level.

Exactness: payoffs and chance probabilities that are all ints / Fractions make
an *exact* game (solvers return Fractions); any float makes a float game whose
comparisons use per-player tolerances ``tree.tols`` (player ``i``: ``1e-9 * max |u_i|``; ``tree.tol``
is their maximum).

This module holds the :class:`ExtensiveFormGame` class (builder, accessors, display);
node kinds, information sets and the compiled numpy view live in ``_tree``,
bulk construction in ``_build``, and validation (numbers, unfinished leaves,
perfect recall) in ``_validate``.
"""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np

from . import _build, _validate
from ..errors import InvalidGameError
from ._tree import (
    _KIND_NAMES,
    CHANCE,
    DECISION,
    TERMINAL,
    UNFINISHED,
    GameTree,
    InfoSet,
    CompiledTree,
    TreeStorage,
)
from ..numbers import as_number

__all__ = ["ExtensiveFormGame"]


class ExtensiveFormGame(GameTree):
    """A finite game tree with n >= 1 players, chance moves and information sets.

    Nodes are ints (the root is 0); ``decision`` and ``chance`` return the ids of the
    new children, one per action; ``terminal`` sets a leaf's payoffs.  Information sets
    are given by a hashable label shared by the nodes of one player; ``infoset=None``
    makes a singleton.

    Parameters
    ----------
    players : sequence of str or int
        Player names, or their number (names ``P1..Pn``); default 2.
    title : str
        An optional name (written to Gambit files).

    Raises
    ------
    InvalidGameError
        On building: an unknown node or player, a node given two roles, probabilities
        that do not sum to 1, information sets whose nodes differ in player or actions,
        payoffs that are not finite numbers.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. Contributions
    to the Theory of Games II.

    Examples
    --------
    Build it top-down (a challenger, then a defender who resists or concedes):

    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> t.n_players, len(t.terminals)
    (2, 3)
    >>> gt.backward_induction(t)[0].outcome
    'concession'
    """

    def __init__(self, players: Sequence[str] | int = 2, title: str = "") -> None:
        if isinstance(players, (int, np.integer)) and not isinstance(players, bool):
            if players < 1:
                raise InvalidGameError(f"a game needs at least one player; got players={players}")
            labels = tuple(f"P{i + 1}" for i in range(int(players)))
        else:
            if isinstance(players, (str, bytes)) or not isinstance(players, Iterable):
                raise InvalidGameError(f"players must be a list of labels or a count; got {players!r}")
            labels = tuple(str(p) for p in players)
            if not labels:
                raise InvalidGameError("a game needs at least one player; got an empty list of players")
            if len(set(labels)) != len(labels):
                raise InvalidGameError(f"player labels must be distinct; got {labels}")
        self.players: tuple[str, ...] = labels
        self.title = str(title)
        self._arrays: dict | None = None
        self._parent: list[int] = [-1]
        self._kind: list[int] = [UNFINISHED]
        self._player: list[int] = [-1]
        self._first: list[int] = [0]
        self._nch: list[int] = [0]
        self._actions: dict[int, tuple[str, ...]] = {}
        self._probs: dict[int, tuple] = {}
        self._payoffs: dict[int, tuple] = {}
        self._labels: dict[int, Hashable] = {}
        self._node_infoset: dict[int, Hashable] = {}  # decision node -> explicit label
        self._infoset_nodes: dict[Hashable, list[int]] = {}
        self._infoset_player: dict[Hashable, int] = {}
        self._float_inputs = False
        self._compiled: CompiledTree | None = None
        self._infosets: tuple[InfoSet, ...] | None = None
        self._tol: float | None = None

    # ------------------------------------------------------------------ basic accessors
    @property
    def root(self) -> int:
        return 0

    @property
    def n_nodes(self) -> int:
        return len(self._parent) if self._arrays is None else int(self._arrays["parent"].size)

    @property
    def nodes(self) -> range:
        """All node ids (the root is 0)."""
        return range(self.n_nodes)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def exact(self) -> bool:
        """True when every payoff and chance probability is an int or Fraction."""
        if self._arrays is not None:
            return self._arrays["exact"]
        return not self._float_inputs

    @property
    def tol(self) -> float:
        """The largest of :attr:`tols` (0 for an exact game); comparisons use each player's own."""
        if self.exact:
            return 0.0
        return self.compiled.tol

    @property
    def tols(self) -> tuple[float, ...]:
        """Per-player tolerances of a float game: ``1e-9 * max |u_i|`` over the terminals (0 when exact)."""
        if self.exact:
            return (0,) * self.n_players  # int 0 keeps Fraction comparisons exact
        return self.compiled.tols

    def check_node(self, node: Any) -> int:
        """``node`` as an int node id; :class:`InvalidGameError` unless it is a node of this tree."""
        # fast path first: the per-node accessors call this once per node on 10^5-node trees
        if type(node) is int and 0 <= node < (len(self._parent) if self._arrays is None else self._arrays["parent"].size):
            return node
        if isinstance(node, (bool, np.bool_)) or not isinstance(node, (int, np.integer)):
            raise InvalidGameError(f"a node is an int id; got {node!r}")
        if not 0 <= node < self.n_nodes:
            raise InvalidGameError(f"node {node} does not exist (the tree has nodes 0..{self.n_nodes - 1})")
        return int(node)

    def kind(self, node: int) -> str:
        """'decision', 'chance', 'terminal' or 'unfinished'."""
        k = int(self._kind_of(self.check_node(node)))
        return {UNFINISHED: "unfinished", DECISION: "decision", CHANCE: "chance", TERMINAL: "terminal"}[k]

    @property
    def storage(self) -> TreeStorage:
        """The flat node storage, for the compiler, validator and results of this package.

        The game's own lists and arrays, not copies (the mappings are read-only proxies):
        read them, never change them.
        """
        a = self._arrays
        if a is not None:
            empty: Mapping = MappingProxyType({})
            return TreeStorage(a["parent"], a["kind"], a["player"], a["first"], a["nch"],
                               empty, empty, empty, MappingProxyType(a), self._actions_of)
        return TreeStorage(self._parent, self._kind, self._player, self._first, self._nch,
                           MappingProxyType(self._payoffs), MappingProxyType(self._probs),
                           MappingProxyType(self._node_infoset), None, self._actions_of)

    def _kind_of(self, v: int) -> int:
        return self._kind[v] if self._arrays is None else int(self._arrays["kind"][v])

    def children(self, node: int) -> tuple[int, ...]:
        v = self.check_node(node)
        f, k = self._first_nch(v)
        return tuple(range(f, f + k))

    def _first_nch(self, v: int) -> tuple[int, int]:
        if self._arrays is None:
            return self._first[v], self._nch[v]
        return int(self._arrays["first"][v]), int(self._arrays["nch"][v])

    def parent(self, node: int) -> int | None:
        v = self.check_node(node)
        p = self._parent[v] if self._arrays is None else int(self._arrays["parent"][v])
        return None if p < 0 else p

    def player(self, node: int) -> str | None:
        """Label of the player who moves at ``node`` (None at chance and terminal nodes)."""
        v = self.check_node(node)
        i = self._player[v] if self._arrays is None else int(self._arrays["player"][v])
        return None if i < 0 else self.players[i]

    def actions(self, node: int) -> tuple[str, ...]:
        """Action labels at a decision or chance node (empty at a leaf)."""
        v = self.check_node(node)
        return self._actions_of(v)

    def _actions_of(self, v: int) -> tuple[str, ...]:
        if self._arrays is not None:
            acts = self._arrays.get("actions")
            k = int(self._arrays["nch"][v])
            if acts is not None and acts(v) is not None:
                return acts(v)
            return tuple(f"a{j + 1}" for j in range(k))
        return self._actions.get(v, ())

    def probs(self, node: int) -> tuple:
        """Probabilities of a chance node's actions."""
        v = self.check_node(node)
        if self._kind_of(v) != CHANCE:
            raise InvalidGameError(f"node {v} is a {_KIND_NAMES[self._kind_of(v)]}, not a chance node")
        if self._arrays is not None:
            f, k = self._first_nch(v)
            return tuple(self._arrays["prob"][f : f + k])
        return self._probs[v]

    def payoffs(self, node: int) -> tuple:
        """Payoff vector of a terminal node."""
        v = self.check_node(node)
        if self._kind_of(v) != TERMINAL:
            raise InvalidGameError(f"node {v} is a {_KIND_NAMES[self._kind_of(v)]}, not a terminal node")
        if self._arrays is not None:
            row = self._arrays["payoffs"][v]
            return tuple(Fraction(int(x)) if isinstance(x, (int, np.integer)) else x for x in row)
        return self._payoffs[v]

    def label(self, node: int) -> Hashable:
        """The terminal's label if one was given, else its node id."""
        v = self.check_node(node)
        if self._arrays is not None:
            labels = self._arrays.get("labels")
            return labels.get(v, v) if labels else v
        return self._labels.get(v, v)

    @property
    def terminals(self) -> tuple[int, ...]:
        return tuple(int(t) for t in self.compiled.terminals) if self._is_finished() else tuple(
            v for v in self.nodes if self._kind_of(v) == TERMINAL
        )

    # ------------------------------------------------------------------ builder
    def _player_index(self, player: Any) -> int:
        if isinstance(player, str):
            if player in self.players:
                return self.players.index(player)
            raise InvalidGameError(f"unknown player {player!r}; the players are {list(self.players)}")
        if isinstance(player, (int, np.integer)) and not isinstance(player, (bool, np.bool_)):
            if 0 <= player < self.n_players:
                return int(player)
            raise InvalidGameError(f"unknown player index {player}; the game has players 0..{self.n_players - 1}")
        raise InvalidGameError(f"unknown player {player!r}; give a label from {list(self.players)} or an index")

    def _touch(self) -> None:
        if self._arrays is not None:
            self._materialize()
        self._compiled = None
        self._infosets = None
        self._tol = None

    def _open_leaf(self, node: Any, what: str) -> int:
        v = self.check_node(node)
        k = self._kind_of(v)
        if k == TERMINAL:
            raise InvalidGameError(f"node {v} is a terminal node (payoffs {self.payoffs(v)}); it cannot get {what}")
        if k != UNFINISHED:
            raise InvalidGameError(
                f"node {v} is already a {_KIND_NAMES[k]} with actions {list(self._actions_of(v))}; it cannot get {what}"
            )
        return v

    @staticmethod
    def _check_actions(actions: Any, v: int) -> tuple[str, ...]:
        if isinstance(actions, (str, bytes)) or not isinstance(actions, Iterable):
            raise InvalidGameError(f"actions at node {v} must be a list of labels; got {actions!r}")
        acts = tuple(str(a) for a in actions)
        if not acts:
            raise InvalidGameError(f"node {v} needs at least one action")
        if len(set(acts)) != len(acts):
            raise InvalidGameError(f"action labels at node {v} must be distinct; got {list(acts)}")
        return acts

    def _add_children(self, v: int, k: int) -> tuple[int, ...]:
        start = len(self._parent)
        self._parent.extend([v] * k)
        self._kind.extend([UNFINISHED] * k)
        self._player.extend([-1] * k)
        self._first.extend([0] * k)
        self._nch.extend([0] * k)
        self._first[v] = start
        self._nch[v] = k
        return tuple(range(start, start + k))

    def decision(self, node: int, player: Any, actions: Sequence[str], infoset: Hashable = None) -> tuple[int, ...]:
        """Make ``node`` a decision node of ``player``; return the new children, one per action.

        ``infoset``: a hashable label; the decision nodes sharing it form one information
        set (same player, same actions).  None: a singleton.  A node may follow another of
        its own set (absent-mindedness, Piccione & Rubinstein 1997): such a tree is valid but
        has imperfect recall, which the solvers that need perfect recall refuse
        (:meth:`has_perfect_recall`).
        """
        self._touch()
        v = self._open_leaf(node, "actions")
        i = self._player_index(player)
        acts = self._check_actions(actions, v)
        if infoset is not None:
            try:
                hash(infoset)
            except TypeError:
                raise InvalidGameError(f"infoset label must be hashable; got {infoset!r}") from None
            if infoset in self._infoset_nodes:
                other = self._infoset_nodes[infoset][0]
                owner = self._infoset_player[infoset]
                if owner != i:
                    raise InvalidGameError(
                        f"information set {infoset!r} belongs to {self.players[owner]!r} (node {other}); "
                        f"node {v} cannot join it as a node of {self.players[i]!r}"
                    )
                if self._actions[other] != acts:
                    raise InvalidGameError(
                        f"information set {infoset!r}: node {other} offers actions {list(self._actions[other])} "
                        f"but node {v} offers {list(acts)}; the nodes of one information set must offer the same actions"
                    )
        self._kind[v] = DECISION
        self._player[v] = i
        self._actions[v] = acts
        if infoset is not None:
            self._node_infoset[v] = infoset
            self._infoset_nodes.setdefault(infoset, []).append(v)
            self._infoset_player[infoset] = i
        return self._add_children(v, len(acts))

    def chance(self, node: int, actions: Sequence[str], probs: Sequence[Any]) -> tuple[int, ...]:
        """Make ``node`` a chance node; ``probs`` (one per action) must be >= 0 and sum to 1.

        Exact probabilities must sum to exactly 1; floats within 1e-9.
        """
        self._touch()
        v = self._open_leaf(node, "a chance move")
        acts = self._check_actions(actions, v)
        if isinstance(probs, (str, bytes)) or not isinstance(probs, Iterable):
            raise InvalidGameError(f"probs at chance node {v} must be a list of numbers; got {probs!r}")
        ps = [as_number(p, f"probability of {a!r} at chance node {v}") for p, a in zip(probs, acts)]
        probs = list(probs)
        if len(probs) != len(acts):
            raise InvalidGameError(f"chance node {v} has {len(acts)} actions but {len(probs)} probabilities")
        for p, a in zip(ps, acts):
            if p < 0:
                raise InvalidGameError(f"probability of {a!r} at chance node {v} is negative ({p})")
        if all(isinstance(p, Fraction) for p in ps):
            total = sum(ps, Fraction(0))
            if total != 1:
                raise InvalidGameError(f"probabilities at chance node {v} sum to {total}, not 1 (exact probabilities must sum to exactly 1)")
        else:
            total = float(sum(float(p) for p in ps))
            if abs(total - 1.0) > 1e-9:
                raise InvalidGameError(f"probabilities at chance node {v} sum to {total!r}, not 1 (tolerance 1e-9)")
            self._float_inputs = True
        self._kind[v] = CHANCE
        self._actions[v] = acts
        self._probs[v] = tuple(ps)
        return self._add_children(v, len(acts))

    def terminal(self, node: int, payoffs: Sequence[Any], label: Hashable = None) -> int:
        """Make ``node`` terminal with one payoff per player (ints/Fractions exact; floats float)."""
        self._touch()
        v = self._open_leaf(node, "payoffs")
        if isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Iterable):
            raise InvalidGameError(f"payoffs at node {v} must be a list with one number per player; got {payoffs!r}")
        pay = list(payoffs.values()) if isinstance(payoffs, dict) else list(payoffs)
        if isinstance(payoffs, dict):
            missing = [p for p in self.players if p not in payoffs]
            if missing or len(payoffs) != self.n_players:
                raise InvalidGameError(f"payoffs at node {v} must name every player {list(self.players)}; got {list(payoffs)}")
            pay = [payoffs[p] for p in self.players]
        if len(pay) != self.n_players:
            raise InvalidGameError(
                f"payoffs at node {v} have {len(pay)} entries; the game has {self.n_players} players {list(self.players)}"
            )
        vals = tuple(as_number(x, f"payoff of {p!r} at node {v}") for x, p in zip(pay, self.players))
        if any(isinstance(x, float) for x in vals):
            self._float_inputs = True
        self._kind[v] = TERMINAL
        self._payoffs[v] = vals
        if label is not None:
            self._labels[v] = label
        return v

    # ------------------------------------------------------------------ bulk construction
    @classmethod
    def from_arrays(
        cls,
        parent: Any,
        player: Any,
        payoffs: Any,
        probs: Any = None,
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> "ExtensiveFormGame":
        """A perfect-information tree from flat arrays (no Python loop over nodes).

        ``parent[v]``: parent of node v (-1 for the root, node 0); children of a node must be
        numbered consecutively and after their parent.  ``player[v]``: mover's index at an
        internal node, -1 for a chance node (ignored at leaves).  ``payoffs``: shape
        ``(n_nodes, n_players)`` (rows of internal nodes ignored) or ``(n_leaves, n_players)``
        in node order.  ``probs[v]``: probability of the edge into v from a chance parent.
        Integer payoffs (and probabilities) keep the game exact; floats make it float.
        """
        return _build.from_arrays(cls, parent, player, payoffs, probs=probs, players=players, title=title)

    def _materialize(self) -> None:
        """Turn an array-built tree into builder lists (before an edit)."""
        a = self._arrays
        assert a is not None
        self._parent = a["parent"].tolist()
        self._kind = a["kind"].tolist()
        self._player = a["player"].tolist()
        self._first = a["first"].tolist()
        self._nch = a["nch"].tolist()
        self._actions = {}
        self._probs = {}
        self._payoffs = {}
        for v in np.flatnonzero(a["nch"] > 0):
            v = int(v)
            self._actions[v] = self._actions_of(v)
        for v in np.flatnonzero(a["kind"] == CHANCE):
            f, k = self._first[v], self._nch[v]
            self._probs[int(v)] = tuple(Fraction(x) if a["exact"] else float(x) for x in a["prob"][f : f + k])
        for v in np.flatnonzero(a["kind"] == TERMINAL):
            self._payoffs[int(v)] = self.payoffs(int(v))
        self._float_inputs = not a["exact"]
        self._arrays = None

    # ------------------------------------------------------------------ structure
    def _is_finished(self) -> bool:
        if self._arrays is not None:
            return True
        return UNFINISHED not in self._kind

    @property
    def compiled(self) -> CompiledTree:
        """The numpy view of the finished tree that the solvers work on (validated, cached,
        rebuilt after an edit): node arrays, payoffs, probabilities, information sets."""
        if self._compiled is None:
            self.validate()
            self._compiled = CompiledTree(self)
        return self._compiled

    def validate(self) -> None:
        """Raise :class:`InvalidGameError` naming every leaf without payoffs (other checks run as
        the tree is built: probabilities, information sets, players, payoff lengths)."""
        _validate.validate(self)

    @property
    def infosets(self) -> tuple[InfoSet, ...]:
        """All information sets, in order of their first node."""
        if self._infosets is None:
            self.validate()
            out: list[InfoSet] = []
            seen: dict[Hashable, int] = {}
            kind = self.compiled.kind
            player = self.compiled.player
            for v in np.flatnonzero(kind == DECISION):
                v = int(v)
                lab = self._node_infoset.get(v) if self._arrays is None else None
                if lab is None:
                    out.append(InfoSet(len(out), int(player[v]), None, (v,), self._actions_of(v)))
                elif lab not in seen:
                    seen[lab] = len(out)
                    nodes = tuple(sorted(self._infoset_nodes[lab]))
                    out.append(InfoSet(len(out), int(player[v]), lab, nodes, self._actions_of(v)))
            self._infosets = tuple(out)
        return self._infosets

    def infoset_of_node(self) -> np.ndarray:
        """Array mapping each node to the index of its information set (-1 if not a decision node)."""
        c = self.compiled
        if not hasattr(c, "iset"):
            iset = np.full(c.n, -1, dtype=np.int64)
            for h in self.infosets:
                iset[list(h.nodes)] = h.index
            c.iset = iset
        return c.iset

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        if self._arrays is not None:
            return True
        return all(len(nodes) == 1 for nodes in self._infoset_nodes.values())

    def own_history(self, node: int) -> tuple[tuple[int, int], ...]:
        """The (information set index, action index) pairs of the mover's own earlier moves."""
        return _validate.own_history(self, node)

    def has_perfect_recall(self) -> bool:
        try:
            self.check_perfect_recall()
        except InvalidGameError:
            return False
        return True

    def check_perfect_recall(self) -> None:
        """Raise :class:`InvalidGameError` if some player forgets what they knew or did (Kuhn 1953)."""
        _validate.check_perfect_recall(self)

    def preorder(self, root: int = 0) -> list[int]:
        """Node ids in depth-first (tree) order below ``root``."""
        c = self.compiled
        out: list[int] = []
        stack = [int(root)]
        while stack:
            v = stack.pop()
            out.append(v)
            k = int(c.nch[v])
            if k:
                f = int(c.first[v])
                stack.extend(range(f + k - 1, f - 1, -1))
        return out

    # ------------------------------------------------------------------ conversions
    def to_normal_form(self, reduced: bool = True, max_strategies: int = 100_000) -> Any:
        """The (reduced) normal form as a :class:`NormalFormGame` with strategy labels.

        A pure strategy picks an action at each of the player's information sets; the
        reduced form merges strategies that differ only at information sets the player's
        own moves exclude ("*" in labels).  Source: Kuhn (1953); Osborne & Rubinstein (1994), 6.1.
        """
        from ._normal import to_normal_form

        return to_normal_form(self, reduced=reduced, max_strategies=max_strategies)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        kind = "exact" if self.exact else "float"
        info = "perfect information" if self.is_perfect_information else "imperfect information"
        name = f" {self.title!r}" if self.title else ""
        return f"<ExtensiveFormGame{name}: {self.n_players} players {list(self.players)}, {self.n_nodes} nodes, {info}, {kind}>"

    def _node_text(self, v: int) -> str:
        k = self._kind_of(v)
        if k == DECISION:
            lab = self._node_infoset.get(v) if self._arrays is None else None
            s = f"{self.players[self._player[v] if self._arrays is None else int(self._arrays['player'][v])]}"
            return s + (f" [{lab}]" if lab is not None else "")
        if k == CHANCE:
            return "chance"
        if k == TERMINAL:
            lab = self.label(v)
            pay = ", ".join(str(x) for x in self.payoffs(v))
            return (f"{lab}: " if lab != v else "") + f"({pay})"
        return "(unfinished)"

    def _repr_html_(self) -> str:
        import html

        if self.n_nodes > 400:
            return f"<pre>{html.escape(repr(self))}</pre>"

        def rec(v: int, via: str) -> str:
            f, k = self._first_nch(v)
            acts = self._actions_of(v)
            probs = self._probs.get(v) if self._arrays is None else None
            head = html.escape(via + self._node_text(v))
            if not k:
                return f"<li>{head}</li>"
            items = []
            for j in range(k):
                lab = acts[j] + (f" ({probs[j]})" if probs else "")
                items.append(rec(f + j, f"{lab} \u2192 "))
            return f"<li>{head}<ul>{''.join(items)}</ul></li>"

        return f"<div><b>{html.escape(self.title or 'game tree')}</b> players: {html.escape(', '.join(self.players))}<ul>{rec(0, '')}</ul></div>"
