"""Result objects of the tree solvers: a strategy profile of a game tree and what it induces.

A :class:`TreeEquilibrium` holds either a pure profile (the chosen action at every
decision node, as a flat array, so results of million-node trees stay cheap) or a
behavior profile (a probability vector per information set, Kuhn 1953).  Path,
outcome and terminal probabilities are derived on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Hashable, Mapping

import numpy as np

from ..equilibrium import LabelMap, label_index, PROB_ZERO, Result, format_cell, add_column
from ..numbers import DEFAULT_TOL, num_text, repr_text
from ._tree import CHANCE, DECISION

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = ["TreeEquilibrium"]


@dataclass(frozen=True, eq=False, repr=False)
class TreeEquilibrium(Result):
    """An equilibrium (or QRE) of a game tree.

    Attributes
    ----------
    game : ExtensiveFormGame
        The tree.
    payoffs : tuple
        Expected payoff of each player (Fractions when exact).
    method : str
        How it was found ("backward induction", "subgame perfection", "agent qre", ...).
    exact, tol
        Exactness and the tolerance of the comparisons (0 when exact).
    params : mapping
        Anything else the solver records (lambda, arbitrary information sets, ...).

    Derived (computed on first use): ``strategy`` (player -> node -> action),
    ``behavior`` (player -> information set -> action -> probability), ``path``,
    ``outcome``, ``terminal_probabilities``, ``reach``.

    Information sets are named by their label, an unlabeled decision node by the actions
    that lead to it from the root (``"challenge/resist"``; the root is ``"root"``), so
    ``strategies``, ``to_row()`` and ``repr`` tell apart equilibria that differ only off
    the path.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfragetraegheit. Z. ges. Staatswiss. 121.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> eq = gt.backward_induction(t)[0]
    >>> eq.path
    [('Challenger', 'challenge'), ('Defender', 'concede')]
    >>> eq.outcome, eq.payoffs
    ('concession', (Fraction(1, 1), Fraction(0, 1)))
    >>> eq.strategy
    {'Challenger': {0: 'challenge'}, 'Defender': {2: 'concede'}}

    A player's behavior by label (or index), as in pygambit:

    >>> eq["Defender"]["challenge"]["concede"], eq[0][0][1]
    (Fraction(1, 1), Fraction(1, 1))
    """

    game: ExtensiveFormGame
    payoffs: tuple
    method: str = ""
    exact: bool = False
    tol: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict)
    choice: np.ndarray | None = field(default=None, repr=False)  # pure: child offset per node, -1 elsewhere
    behavior_by_infoset: Mapping[int, tuple] | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ profile views
    @property
    def is_pure(self) -> bool:
        if self.choice is not None:
            return True
        return all(sum(1 for p in probs if p != 0) == 1 for probs in self.behavior_by_infoset.values())

    def infoset_probs(self, h: int) -> tuple:
        """Probability of each action at information set ``h`` (its index in ``game.infosets``)."""
        if self.choice is not None:
            info = self.game.infosets[h]
            k = int(self.choice[info.nodes[0]])
            one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
            return tuple(one if j == k else zero for j in range(len(info.actions)))
        return self.behavior_by_infoset[h]

    @cached_property
    def behavior(self) -> dict[str, dict[Hashable, dict[str, Any]]]:
        """player label -> information-set key -> {action: probability}."""
        out: dict[str, dict] = {p: {} for p in self.game.players}
        for h in self.game.infosets:
            probs = self.infoset_probs(h.index)
            out[self.game.players[h.player]][h.key] = dict(zip(h.actions, probs))
        return out

    @cached_property
    def strategy(self) -> dict[str, dict[Hashable, Any]]:
        """player label -> information-set key (label, or node id of a singleton) -> action label.

        Where the behavior strategy mixes, the entry is a dict action -> probability.
        """
        g = self.game
        out: dict[str, dict] = {p: {} for p in g.players}
        if self.choice is not None and g.is_perfect_information:
            c = g.compiled
            dec = np.flatnonzero(c.kind == DECISION)
            s = g.storage
            labels, actions_of = s.infoset_labels, s.actions_of
            for v, i, k in zip(dec.tolist(), c.player[dec].tolist(), self.choice[dec].tolist()):
                out[g.players[i]][labels.get(v, v)] = actions_of(v)[k]
            return out
        for h in g.infosets:
            probs = self.infoset_probs(h.index)
            out[g.players[h.player]][h.key] = _pure_or_dict(h.actions, probs)
        return out

    def infoset_name(self, h: int) -> str:
        """Readable name of information set ``h``: its label, else the actions leading to its node."""
        info = self.game.infosets[h]
        if info.label is not None:
            return str(info.label)
        return _history(self.game, info.nodes[0])

    @cached_property
    def strategies(self) -> dict[str, dict[str, Any]]:
        """player label -> information-set name -> action (a dict action -> probability where it mixes).

        The protocol name (:class:`gametheory.equilibrium.Result`); like ``strategy`` but
        keyed by readable names (see the class docstring) instead of node ids.
        """
        g = self.game
        out: dict[str, dict] = {p: {} for p in g.players}
        for h in g.infosets:
            add_column(out[g.players[h.player]], self.infoset_name(h.index), _pure_or_dict(h.actions, self.infoset_probs(h.index)))
        return out

    def __getitem__(self, player: Any) -> Any:
        """Player ``player``'s behavior strategy: information-set name -> action label -> probability.

        ``player`` is a player label or an index; information sets are named as in
        ``strategies`` (their label, else the actions leading to the node), and both
        levels also take an index, as in pygambit's ``profile[player][infoset][action]``.
        Probabilities are exact for an exact result.  An unknown label is an
        :class:`~gametheory.errors.UnknownLabelError` (a ``KeyError``) naming the valid ones.
        """
        g = self.game
        i = label_index(player, g.players, "player")
        names: dict[str, Any] = {}
        for h in g.infosets:
            if h.player == i:
                add_column(names, self.infoset_name(h.index), LabelMap(h.actions, self.infoset_probs(h.index), "action", f"information set {self.infoset_name(h.index)!r}"))
        return LabelMap(list(names), list(names.values()), "information set", g.players[i])

    # indexing by label does not make a result a sequence: ``iter(eq)`` stays a TypeError
    __iter__ = None  # type: ignore[assignment]

    def to_row(self) -> dict[str, Any]:
        """``path``, ``outcome``, ``payoff <player>``, one ``"<player> at <information set>"``
        column per information set (the action, or ``(a p, b q)`` where it mixes), ``method``, ``exact``."""
        row: dict[str, Any] = {"path": " > ".join(f"{p}: {_action_text(a)}" for p, a in self.path)}
        out = self.outcome
        row["outcome"] = _action_text(out) if isinstance(out, dict) else out
        for who, u in zip(self.game.players, self.payoffs):
            add_column(row, f"payoff {who}", u)
        for who, strat in self.strategies.items():
            for name, a in strat.items():
                add_column(row, f"{who} at {name}", _action_text(a))
        return self.finish_row(row)

    # ------------------------------------------------------------------ what the profile induces
    @cached_property
    def edge_probabilities(self) -> np.ndarray:
        """Probability of the edge into each node given its parent is reached (root: 1)."""
        c = self.game.compiled
        n = c.n
        par = c.parent
        if self.choice is not None and not c.has_chance:
            edge = np.ones(n, dtype=np.int64)
            nonroot = np.arange(1, n)
            edge[1:] = (nonroot - c.first[par[1:]]) == self.choice[par[1:]]
            return edge
        dtype = object if self.exact else float
        edge = np.empty(n, dtype=dtype)
        one = Fraction(1) if self.exact else 1.0
        edge[:] = one
        if c.has_chance:
            ch = np.flatnonzero(c.kind[par[1:]] == CHANCE) + 1
            edge[ch] = c.prob[ch] if self.exact else c.prob[ch].astype(float)
        dec_children = np.flatnonzero(c.kind[par[1:]] == DECISION) + 1
        if self.choice is not None:
            pick = (dec_children - c.first[par[dec_children]]) == self.choice[par[dec_children]]
            zero = Fraction(0) if self.exact else 0.0
            vals = np.empty(dec_children.size, dtype=dtype)
            vals[:] = zero
            vals[pick] = one
            edge[dec_children] = vals
        else:
            iset = self.game.infoset_of_node()
            for v in dec_children.tolist():
                p = int(par[v])
                edge[v] = self.behavior_by_infoset[int(iset[p])][v - int(c.first[p])]
        return edge

    @cached_property
    def reach(self) -> np.ndarray:
        """Probability that each node is reached."""
        c = self.game.compiled
        edge = self.edge_probabilities
        if c.deep:
            # parents have smaller ids: one loop instead of one numpy call per level
            par, e = c.parent.tolist(), edge.tolist()
            r = [e[0]]
            for v in range(1, c.n):
                r.append(r[par[v]] * e[v])
            out = np.empty(c.n, dtype=edge.dtype)
            out[:] = r
            return out
        reach = np.empty(c.n, dtype=edge.dtype)
        reach[0] = edge[0]
        for internal, idx, offsets, rep in c.levels:
            reach[idx] = reach[internal][rep] * edge[idx]
        return reach

    @cached_property
    def terminal_probabilities(self) -> dict[Hashable, Any]:
        """Terminal label (or node id when unlabeled) -> probability of ending there.

        Terminals that share a label are pooled (their probabilities added).
        """
        g = self.game
        out: dict[Hashable, Any] = {}
        reach = self.reach
        zero = Fraction(0) if self.exact else 0.0
        for t in g.compiled.terminals.tolist():
            p = reach[t]
            p = Fraction(int(p)) if self.exact and isinstance(p, (int, np.integer)) else (p if self.exact else float(p))
            lab = g.label(t)
            out[lab] = out.get(lab, zero) + p
        return out

    @cached_property
    def outcome(self) -> Any:
        """The terminal label reached for sure, or a dict label -> probability of those reached."""
        # probabilities are unitless: float thresholds are the probability ones, not the payoff tol
        reached = {k: p for k, p in self.terminal_probabilities.items() if p > (0 if self.exact else PROB_ZERO)}
        if len(reached) == 1:
            (k, p), = reached.items()
            if (p == 1) if self.exact else abs(p - 1.0) <= DEFAULT_TOL:
                return k
        return reached

    @cached_property
    def path(self) -> list[tuple[str, Any]]:
        """(player, action) at every decision node reached with positive probability, in tree order.

        Where the behavior strategy mixes, the action is a dict action -> probability.
        """
        g = self.game
        c = g.compiled
        reach = self.reach
        eps = 0 if self.exact else PROB_ZERO
        out = []
        stack = [0]
        while stack:
            v = stack.pop()
            k = int(c.nch[v])
            if not k:
                continue
            f = int(c.first[v])
            if c.kind[v] == DECISION:
                probs = [self.edge_probabilities[f + j] for j in range(k)]
                out.append((g.players[int(c.player[v])], _pure_or_dict(g.actions(v), probs)))
            stack.extend(u for u in range(f + k - 1, f - 1, -1) if reach[u] > eps)
        return out

    # ------------------------------------------------------------------ display
    def _strategy_text(self) -> str:
        """Every player's choice at every information set (a count beyond 50 information sets)."""
        if len(self.game.infosets) > _SHOWN_INFOSETS:
            return f"<{len(self.game.infosets)} information sets>"
        return "; ".join(
            f"{who}: " + ", ".join(f"{name} -> {_action_text(a)}" for name, a in strat.items())
            for who, strat in self.strategies.items()
            if strat
        )

    def __repr__(self) -> str:
        pay = ", ".join(format_cell(p) for p in self.payoffs)
        out = self.outcome
        out_s = repr_text(out) if not isinstance(out, dict) else "{" + ", ".join(f"{k!r}: {format_cell(p)}" for k, p in out.items()) + "}"
        return (
            f"TreeEquilibrium(path={repr_text(self.path)}, outcome={out_s}, payoffs=({pay}), "
            f"strategies={{{self._strategy_text()}}}, method={self.method!r})"
        )

    def _repr_html_(self) -> str:
        import html

        rows = []
        many = len(self.game.infosets) > _SHOWN_INFOSETS
        for p, strat in (self.strategy if many else self.strategies).items():
            if many:
                shown = f"{len(strat)} information sets"
            else:
                shown = "; ".join(f"{k}: {_action_text(a)}" for k, a in strat.items())
            rows.append(f"<tr><td>{html.escape(p)}</td><td>{html.escape(shown)}</td></tr>")
        path = " \u2192 ".join(f"{p}: {a}" for p, a in self.path)
        pay = ", ".join(format_cell(x) for x in self.payoffs)
        return (
            f"<table><tr><th>player</th><th>strategy</th></tr>{''.join(rows)}</table>"
            f"<p>path: {html.escape(path)}<br>outcome: {html.escape(num_text(self.outcome))}<br>payoffs: ({html.escape(pay)})</p>"
            f"<small>method={html.escape(self.method)}, exact={self.exact}, tol={self.tol}</small>"
        )


#: repr and HTML list every choice up to this many information sets, a count beyond
_SHOWN_INFOSETS = 50


def _history(g: ExtensiveFormGame, v: int) -> str:
    """The actions from the root to node ``v``, joined by ``/`` (``"root"`` for the root)."""
    c = g.compiled
    steps = []
    while v != 0:
        p = int(c.parent[v])
        steps.append(str(g.actions(p)[v - int(c.first[p])]))
        v = p
    return "/".join(reversed(steps)) if steps else "root"


def _action_text(a: Any) -> Any:
    """An action as a table cell; a mixed choice (action -> probability) as ``(h 1/2, t 1/2)``."""
    if isinstance(a, Mapping):
        return "(" + ", ".join(f"{k} {num_text(v) if not isinstance(v, float) else format_cell(v)}" for k, v in a.items() if v != 0) + ")"
    return a


def _pure_or_dict(actions: tuple, probs: Any) -> Any:
    nz = [j for j, p in enumerate(probs) if p != 0]
    if len(nz) == 1 and probs[nz[0]] == 1:
        return actions[nz[0]]
    return {a: p for a, p in zip(actions, probs)}
