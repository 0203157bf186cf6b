"""Storage of a game tree: node kinds, information sets and the compiled numpy view.

Storage is flat (after Gambit and quantecon): parent, kind, player, first child
and number of children per node, with the children of a node numbered
consecutively and after their parent.  :class:`CompiledTree` is the numpy view of a
finished tree that the solvers work on level by level.  Part of
:mod:`gametheory.extensive` (the class is :class:`~gametheory.extensive.ExtensiveFormGame`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Hashable, Mapping, Sequence

import numpy as np

from ..errors import InvalidGameError
from ..numbers import default_tol

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

UNFINISHED, DECISION, CHANCE, TERMINAL = 0, 1, 2, 3
_KIND_NAMES = {UNFINISHED: "unfinished leaf", DECISION: "decision node", CHANCE: "chance node", TERMINAL: "terminal node"}
CHANCE_LABEL = "chance"


class GameTree:
    """Base class of :class:`~gametheory.extensive.ExtensiveFormGame`.

    The solver modules of this package check their argument against it, so they need not
    import the builder class, whose methods call them (``tree.to_normal_form()``).
    """

    __slots__ = ()


def require_tree(tree: object, who: str) -> None:
    """Raise :class:`InvalidGameError` unless ``tree`` is an ``ExtensiveFormGame``."""
    if not isinstance(tree, GameTree):
        raise InvalidGameError(f"{who} needs an ExtensiveFormGame; got {type(tree).__name__}")


@dataclass(frozen=True)
class InfoSet:
    """An information set: its player index, label (None for a singleton), nodes and actions.

    Attributes
    ----------
    index : int
        Position in ``tree.infosets``.
    player : int
        The mover's index.
    label : hashable or None
        The label given when building (None for a singleton).
    nodes : tuple of int
        The decision nodes in the set.
    actions : tuple of str
        The actions available at every node of the set.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.complete_tree(2, 1, [[1, 0], [0, 1]])  # P1 picks a1 or a2, then the game ends
    >>> t.infosets[0].nodes, t.infosets[0].actions
    ((0,), ('a1', 'a2'))
    """

    index: int
    player: int
    label: Hashable
    nodes: tuple[int, ...]
    actions: tuple[str, ...]

    @property
    def key(self) -> Hashable:
        """The key used in strategy dicts: the label, or the node id of an unlabeled singleton."""
        return self.nodes[0] if self.label is None else self.label


@dataclass(frozen=True)
class TreeStorage:
    """What a game tree stores, as :attr:`ExtensiveFormGame.storage` hands it out.

    The fields are the game's own containers, not copies (the compiler reads them once per
    build, and 10^6-node trees are common): read them, never change them.  A tree built by
    :meth:`~ExtensiveFormGame.from_arrays` keeps numpy arrays (``arrays`` is then the mapping
    of them and ``payoffs``/``probs``/``infoset_labels`` are empty); a tree built node by
    node keeps Python lists and dicts (``arrays`` is None).

    Attributes
    ----------
    parent, kind, player, first, nch : sequence of int
        Per node: parent id (-1 at the root), kind code (``UNFINISHED``, ``DECISION``,
        ``CHANCE``, ``TERMINAL``), mover index (-1 if none), first child id, number of children.
    payoffs : mapping
        Terminal node -> payoff tuple (node-by-node trees).
    probs : mapping
        Chance node -> tuple of action probabilities (node-by-node trees).
    infoset_labels : mapping
        Decision node -> the information-set label given when building (unlabeled nodes absent).
    arrays : mapping or None
        The arrays of a tree built from arrays (``"payoffs"``, ``"prob"``, ...), else None.
    actions_of : callable
        ``actions_of(v)``: the action labels at node ``v`` (empty at a leaf), as
        :meth:`ExtensiveFormGame.actions` without checking ``v``, for per-node loops.
    """

    parent: Sequence[int]
    kind: Sequence[int]
    player: Sequence[int]
    first: Sequence[int]
    nch: Sequence[int]
    payoffs: Mapping[int, tuple]
    probs: Mapping[int, tuple]
    infoset_labels: Mapping[int, Hashable]
    arrays: Mapping[str, Any] | None
    actions_of: Callable[[int], tuple[str, ...]]


class CompiledTree:
    """Numpy view of a finished tree, shared by the solvers (rebuilt after any edit)."""

    def __init__(self, g: "ExtensiveFormGame") -> None:
        s = g.storage
        self.n = g.n_nodes
        self.n_players = len(g.players)
        # arrays of a tree built from arrays already have these dtypes: asarray does not copy them
        self.parent = np.asarray(s.parent, dtype=np.int64)
        self.kind = np.asarray(s.kind, dtype=np.int8)
        self.player = np.asarray(s.player, dtype=np.int64)
        self.first = np.asarray(s.first, dtype=np.int64)
        self.nch = np.asarray(s.nch, dtype=np.int64)
        self.exact = g.exact
        self.has_chance = bool(np.any(self.kind == CHANCE))
        self.terminals = np.flatnonzero(self.kind == TERMINAL)
        self._levels: list | None = None
        self._measure_depth()
        self._build_payoffs(s)
        self._build_probs(s)

    def _measure_depth(self) -> None:
        """Depth of every node by pointer jumping (log-many vectorized passes, no level loop).

        A tree with many levels and few nodes per level ("deep", e.g. a long centipede) is
        solved by a plain loop over nodes instead of per-level numpy calls, whose fixed cost
        would dominate."""
        par = self.parent
        d = (par >= 0).astype(np.int64)
        jump = np.where(par >= 0, par, 0)
        while np.any(jump):
            d = d + d[jump]
            jump = jump[jump]
        self.depth = d
        self.max_depth = int(d.max()) if d.size else 0
        self.deep = self.max_depth > max(64, self.n // 64)

    @property
    def levels(self) -> list:
        if self._levels is None:
            self._build_levels()
        return self._levels

    def _build_levels(self) -> None:
        """Breadth-first levels: per depth, the internal nodes, their children and segment offsets."""
        levels = []
        frontier = np.array([0], dtype=np.int64)
        while frontier.size:
            internal = frontier[self.nch[frontier] > 0]
            if internal.size == 0:
                break
            counts = self.nch[internal]
            offsets = np.zeros(internal.size, dtype=np.int64)
            np.cumsum(counts[:-1], out=offsets[1:])
            total = int(offsets[-1] + counts[-1])
            rep = np.repeat(np.arange(internal.size, dtype=np.int64), counts)
            idx = np.arange(total, dtype=np.int64) - offsets[rep] + self.first[internal][rep]
            levels.append((internal, idx, offsets, rep))
            frontier = idx
        self._levels = levels

    def _build_payoffs(self, s: TreeStorage) -> None:
        p = self.n_players
        if s.arrays is not None:
            U = s.arrays["payoffs"]
        else:
            vals = s.payoffs
            if self.exact:
                flat = [x for t in self.terminals for x in vals[t]]
                ints = all(x.denominator == 1 and abs(x.numerator) < 2**53 for x in flat)
                if ints and not self.has_chance:
                    U = np.zeros((self.n, p), dtype=np.int64)
                    if len(self.terminals):
                        U[self.terminals] = np.array([[int(x) for x in vals[t]] for t in self.terminals], dtype=np.int64)
                else:
                    U = np.empty((self.n, p), dtype=object)
                    U[:] = Fraction(0)
                    for t in self.terminals:
                        U[t] = list(vals[t])
            else:
                U = np.zeros((self.n, p), dtype=float)
                if len(self.terminals):
                    U[self.terminals] = np.array([[float(x) for x in vals[t]] for t in self.terminals], dtype=float)
        if self.exact and self.has_chance and U.dtype != object:
            U = _to_fraction_array(U)
        self.U = U
        if self.exact:
            self.tols: tuple = (0,) * p  # int 0: Fraction - 0 stays a Fraction (Fraction - 0.0 is a float)
        else:  # per player, on that player's own payoff scale (as NormalFormGame.tols)
            self.tols = tuple(default_tol(U[self.terminals, i]) for i in range(p))
        self.tol = float(max(self.tols, default=0.0))

    def _build_probs(self, s: TreeStorage) -> None:
        """``prob[c]``: probability of the edge into c when its parent is a chance node (else 1)."""
        if s.arrays is not None:
            self.prob = s.arrays["prob"]
            return
        if self.exact and self.has_chance:
            prob = np.empty(self.n, dtype=object)
            prob[:] = Fraction(1)
        else:
            prob = np.ones(self.n, dtype=float)
        for v in np.flatnonzero(self.kind == CHANCE):
            f, k = self.first[v], self.nch[v]
            prob[f : f + k] = list(s.probs[v]) if prob.dtype == object else [float(x) for x in s.probs[v]]
        self.prob = prob


def _to_fraction_array(a: np.ndarray) -> np.ndarray:
    out = np.empty(a.shape, dtype=object)
    out.ravel()[:] = [Fraction(int(x)) if isinstance(x, (int, np.integer)) else Fraction(x) for x in a.ravel()]
    return out
