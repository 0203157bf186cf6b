"""The sequence form of a two-player game tree with perfect recall.

A *sequence* of a player is the list of her own actions on the path to a node; with
perfect recall it is fixed by its last action (an information set and an action there), and
the empty sequence starts every list.  A behavior strategy becomes a *realization plan*
``x`` (the probability of playing each of her sequences when the others let her), which
satisfies the linear constraints ``E x = e``: ``x[empty] = 1`` and, at each information set
``h`` entered by sequence ``s_h``, ``sum_a x[s_h a] = x[s_h]``.  Expected payoffs are
bilinear: ``x^T A y`` with ``A[s, t]`` the sum over the leaves reached by the sequences
``s`` and ``t`` of chance probability times payoff (Koller, Megiddo & von Stengel 1996;
von Stengel 1996).  The form has one row and column per sequence, so it grows linearly in
the tree, where the reduced normal form grows exponentially.

Part of :mod:`gametheory.extensive`; :mod:`._sequence` solves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InvalidGameError
from ._tree import CHANCE, DECISION, TERMINAL, require_tree

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame


@dataclass
class SequenceForm:
    """Sequences, constraints and sparse payoffs of a two-player tree (see the module docstring).

    ``seq[i][(h, a)]``: the id of player ``i``'s sequence ending with action ``a`` at her
    information set ``h`` (0 is the empty sequence); ``last[i][s]``: the ``(h, a)`` of
    sequence ``s`` (None for the empty one); ``isets[i]``: her information sets in tree
    order (each after the one its entering sequence ends at); ``parent[h]``: the sequence
    entering ``h``.  ``leaves`` maps a pair of sequences to ``[chance weight, payoff 1,
    payoff 2]`` summed over the leaves they reach (chance-weighted payoffs).
    """

    tree: Any
    exact: bool
    seq: tuple[dict, dict]
    last: tuple[list, list]
    isets: tuple[list, list]
    parent: dict[int, int]
    leaves: dict[tuple[int, int], list] = field(default_factory=dict)

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.last[0]), len(self.last[1])

    def actions(self, h: int) -> range:
        return range(len(self.tree.infosets[h].actions))

    # ------------------------------------------------------------------ matrices
    def payoff_matrices(self, dtype: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Dense ``A``, ``B`` (chance-weighted payoffs) and ``P`` (chance weight of the leaves)."""
        n1, n2 = self.sizes
        out = []
        for k in range(3):
            M = np.zeros((n1, n2), dtype=dtype)
            if dtype is object:
                M[:] = Fraction(0)
            for (s, t), vals in self.leaves.items():
                M[s, t] = vals[k] if dtype is object else float(vals[k])
            out.append(M)
        return out[1], out[2], out[0]

    def constraints(self, i: int, dtype: Any = float) -> np.ndarray:
        """``E`` of player ``i``: one row for the empty sequence, one per information set."""
        n = len(self.last[i])
        E = np.zeros((1 + len(self.isets[i]), n), dtype=dtype if dtype is not object else object)
        if dtype is object:
            E[:] = 0
        E[0, 0] = 1
        for r, h in enumerate(self.isets[i], start=1):
            E[r, self.parent[h]] = -1
            for a in self.actions(h):
                E[r, self.seq[i][(h, a)]] = 1
        return E

    # ------------------------------------------------------------------ strategies
    def behavior(self, i: int, plan: Any) -> tuple[dict[int, tuple], list[int]]:
        """Behavior of player ``i`` from a realization plan; also the sets the plan leaves open.

        At a set the plan enters with mass 0 any behavior is realization equivalent: the
        uniform one is reported and the set listed."""
        beh: dict[int, tuple] = {}
        arbitrary = []
        for h in self.isets[i]:
            xs = [plan[self.seq[i][(h, a)]] for a in self.actions(h)]
            mass = sum(xs)
            m = len(xs)
            if mass > 0:
                beh[h] = tuple(Fraction(v) / mass if self.exact else float(v) / float(mass) for v in xs)
            else:
                arbitrary.append(h)
                beh[h] = tuple(Fraction(1, m) if self.exact else 1.0 / m for _ in range(m))
        return beh, arbitrary

    def plan(self, i: int, beh: dict[int, tuple]) -> list:
        """The realization plan of player ``i``'s behavior strategy ``beh`` (set -> probabilities)."""
        one = Fraction(1) if self.exact else 1.0
        x = [one * 0] * len(self.last[i])
        x[0] = one
        for h in self.isets[i]:
            for a in self.actions(h):
                x[self.seq[i][(h, a)]] = x[self.parent[h]] * beh[h][a]
        return x

    def expected(self, x: list, y: list) -> tuple:
        """Both players' expected payoffs ``x^T A y``, ``x^T B y``."""
        zero = Fraction(0) if self.exact else 0.0
        u1 = u2 = zero
        for (s, t), (_, a, b) in self.leaves.items():
            w = x[s] * y[t]
            if w:
                u1 += w * a
                u2 += w * b
        return u1, u2

    def best_response_value(self, i: int, other: list) -> Any:
        """Player ``i``'s best payoff against the other's realization plan (backward over her sets)."""
        zero = Fraction(0) if self.exact else 0.0
        V = [zero] * len(self.last[i])
        for (s, t), (_, a, b) in self.leaves.items():
            if i == 0:
                if other[t]:
                    V[s] += a * other[t]
            elif other[s]:
                V[t] += b * other[s]
        for h in reversed(self.isets[i]):
            V[self.parent[h]] += max(V[self.seq[i][(h, a)]] for a in self.actions(h))
        return V[0]

    def regrets(self, x: list, y: list) -> tuple:
        """Each player's gain from her best response (0 at an equilibrium)."""
        u1, u2 = self.expected(x, y)
        return self.best_response_value(0, y) - u1, self.best_response_value(1, x) - u2


def sequence_form_of(tree: ExtensiveFormGame, who: str) -> SequenceForm:
    """The :class:`SequenceForm` of ``tree``; :class:`InvalidGameError` unless it is a finished
    two-player tree with perfect recall."""
    require_tree(tree, who)
    if tree.n_players != 2:
        raise InvalidGameError(
            f"{who} needs a two-player game; this tree has {tree.n_players} player(s) {list(tree.players)}"
        )
    tree.validate()
    tree.check_perfect_recall()
    c = tree.compiled
    infosets = tree.infosets
    iset = tree.infoset_of_node()
    seq: tuple[dict, dict] = ({}, {})
    last: tuple[list, list] = ([None], [None])
    isets: tuple[list, list] = ([], [])
    for h in infosets:
        isets[h.player].append(h.index)
        for a in range(len(h.actions)):
            seq[h.player][(h.index, a)] = len(last[h.player])
            last[h.player].append((h.index, a))
    parent: dict[int, int] = {}
    exact = tree.exact
    one = Fraction(1) if exact else 1.0
    leaves: dict[tuple[int, int], list] = {}
    kind, first, nch, player = c.kind, c.first, c.nch, c.player
    U, prob = c.U, c.prob
    stack = [(0, 0, 0, one)]
    while stack:
        v, s1, s2, w = stack.pop()
        k = kind[v]
        if k == TERMINAL:
            if w:
                vals = leaves.get((s1, s2))
                u = (Fraction(U[v, 0]), Fraction(U[v, 1])) if exact else (float(U[v, 0]), float(U[v, 1]))
                if vals is None:
                    leaves[(s1, s2)] = [w, w * u[0], w * u[1]]
                else:
                    vals[0] += w
                    vals[1] += w * u[0]
                    vals[2] += w * u[1]
            continue
        f, n = int(first[v]), int(nch[v])
        if k == DECISION:
            h = int(iset[v])
            i = int(player[v])
            parent.setdefault(h, s1 if i == 0 else s2)
            for a in range(n):
                s = seq[i][(h, a)]
                stack.append((f + a, s, s2, w) if i == 0 else (f + a, s1, s, w))
        elif k == CHANCE:
            for a in range(n):
                p = prob[f + a]
                stack.append((f + a, s1, s2, w * (Fraction(p) if exact else float(p))))
    return SequenceForm(tree, exact, seq, last, isets, parent, leaves)
