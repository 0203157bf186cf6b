"""Shared builders for the extensive-form tests: textbook trees and a hypothesis tree strategy."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import numpy as np
from hypothesis import strategies as st

import gametheory as gt


def entry_game():
    """Selten's (1978) chain-store stage game: entrant out/in, incumbent fight/accommodate."""
    t = gt.ExtensiveFormGame(players=["Entrant", "Incumbent"], title="entry deterrence")
    out, inn = t.decision(t.root, "Entrant", ["out", "in"])
    t.terminal(out, [0, 2], label="out")
    fight, acc = t.decision(inn, "Incumbent", ["fight", "accommodate"])
    t.terminal(fight, [-1, -1], label="fight")
    t.terminal(acc, [1, 1], label="accommodate")
    return t


def centipede(rounds: int = 6):
    """Rosenthal's (1981) centipede: pot grows, the mover who takes gets the larger share."""
    t = gt.ExtensiveFormGame(players=["A", "B"], title="centipede")
    node = t.root
    for r in range(rounds):
        mover = r % 2
        take, pas = t.decision(node, mover, ["take", "pass"])
        big, small = 2 ** (r + 2), 2**r
        t.terminal(take, [big, small] if mover == 0 else [small, big], label=f"take{r + 1}")
        node = pas
    t.terminal(node, [3 * 2 ** (rounds - 1), 3 * 2 ** (rounds - 1)], label="end")
    return t


def brute_force_spe(t):
    """All pure SPE of a perfect-information tree by checking every pure profile (one-shot deviations)."""
    c = t.compiled
    dec = [v for v in range(c.n) if c.kind[v] == 1]
    out = []
    order = sorted(range(c.n), reverse=True)  # children have larger ids than parents
    # exact trees compare exactly: Fraction + a float tol would round 2/3 to a float
    better = (lambda a, b: a > b) if t.exact else (lambda a, b: a > b + t.tol)
    for combo in product(*[range(int(c.nch[v])) for v in dec]):
        choice = dict(zip(dec, combo))
        val = {}
        ok = True
        for v in order:
            k = int(c.nch[v])
            if c.kind[v] == 3:
                val[v] = tuple(F(x) if t.exact else float(x) for x in t.payoffs(v))
            elif c.kind[v] == 2:
                f = int(c.first[v])
                val[v] = tuple(sum(c.prob[f + j] * val[f + j][m] for j in range(k)) for m in range(c.n_players))
            else:
                f = int(c.first[v])
                i = int(c.player[v])
                chosen = val[f + choice[v]][i]
                if any(better(val[f + j][i], chosen) for j in range(k)):
                    ok = False
                    break
                val[v] = val[f + choice[v]]
        if ok:
            out.append((choice, val[0]))
    return out


@st.composite
def pi_trees(draw, max_depth: int = 4, max_players: int = 3, payoff_max: int = 3, chance: bool = True, floats: bool = False):
    """Small random perfect-information trees with many ties (small integer payoffs)."""
    n_players = draw(st.integers(1, max_players))
    t = gt.ExtensiveFormGame(players=n_players)
    budget = [draw(st.integers(3, 14))]

    def pay():
        if floats:
            return [draw(st.integers(0, payoff_max)) / 2 for _ in range(n_players)]
        return [draw(st.integers(0, payoff_max)) for _ in range(n_players)]

    def grow(v, depth):
        if depth >= max_depth or budget[0] <= 0 or draw(st.integers(0, 3)) == 0:
            t.terminal(v, pay())
            return
        k = draw(st.integers(1, 3))
        budget[0] -= k
        if chance and draw(st.integers(0, 4)) == 0:
            raw = [draw(st.integers(1, 4)) for _ in range(k)]
            if floats:
                probs = [r / sum(raw) for r in raw]
                probs[-1] = 1.0 - sum(probs[:-1])
            else:
                probs = [F(r, sum(raw)) for r in raw]
            kids = t.chance(v, [f"c{j}" for j in range(k)], probs)
        else:
            kids = t.decision(v, draw(st.integers(0, n_players - 1)), [f"a{j}" for j in range(k)])
        for u in kids:
            grow(u, depth + 1)

    grow(t.root, 0)
    return t


def to_pygambit(t):
    """The same tree in pygambit (the oracle): returns (game, our node id -> pygambit node)."""
    import pygambit as gbt

    g = gbt.Game.new_tree(players=list(t.players))
    players = list(g.players)
    where = {t.root: g.root}
    pg_infoset = {}
    iset = t.infoset_of_node()
    for v in t.preorder():
        node = where[v]
        kind = t.kind(v)
        if kind == "terminal":
            out = g.add_outcome(f"z{v}", [F(x) if t.exact else float(x) for x in t.payoffs(v)])
            g.set_outcome(node, out)
            continue
        if kind == "chance":
            g.append_move(node, g.players.chance, list(t.actions(v)))
            probs = [F(p).limit_denominator(10**6) for p in t.probs(v)]  # pygambit wants an exact sum of 1
            probs[-1] = 1 - sum(probs[:-1])
            g.set_chance_probs(node.infoset, probs)
        else:
            h = int(iset[v])
            if h in pg_infoset:
                g.append_infoset(node, pg_infoset[h])
            else:
                g.append_move(node, players[t.players.index(t.player(v))], list(t.actions(v)))
                pg_infoset[h] = node.infoset
        for u, child in zip(t.children(v), node.children):
            where[u] = child
    return g, where, pg_infoset


@st.composite
def imperfect_trees(draw, payoff_max: int = 4, max_subgames: int = 4):
    """Two-player trees with proper subgames that are simultaneous-move games: player 1 (or
    chance) chooses among 1-3 branches; each branch is a terminal or a 2x2 / 2x3 / 3x2 game in
    which player 2 does not see player 1's move; some branches nest once more."""
    t = gt.ExtensiveFormGame(players=["1", "2"])
    counter = [0]

    def pay():
        return [draw(st.integers(0, payoff_max)) for _ in range(2)]

    def simultaneous(v):
        if counter[0] >= max_subgames:
            # the number of SPE multiplies across subgames (3 each is common): a cap keeps
            # every example's exact checks to seconds
            t.terminal(v, pay())
            return
        m = draw(st.integers(2, 3))
        n = draw(st.integers(2, 3 if m == 2 else 2))
        counter[0] += 1
        label = f"h{counter[0]}"
        rows = t.decision(v, "1", [f"r{j}" for j in range(m)])
        for r in rows:
            for z in t.decision(r, "2", [f"c{j}" for j in range(n)], infoset=label):
                t.terminal(z, pay())

    def branch(v, depth):
        kind = draw(st.integers(0, 2))
        if kind == 0 or depth >= 2:
            simultaneous(v) if kind and depth < 3 else t.terminal(v, pay())
            return
        k = draw(st.integers(1, 3))
        if draw(st.booleans()):
            raw = [draw(st.integers(1, 3)) for _ in range(k)]
            kids = t.chance(v, [f"n{j}" for j in range(k)], [F(r, sum(raw)) for r in raw])
        else:
            kids = t.decision(v, draw(st.sampled_from(["1", "2"])), [f"b{j}" for j in range(k)])
        for u in kids:
            branch(u, depth + 1)

    branch(t.root, 0)
    return t


def test_backward_induction_reports_its_levels_to_progress():
    import pytest

    import gametheory as gt

    t = gt.complete_tree(2, 6, [[i * 7 % 67, i * 13 % 71] for i in range(2**6)])
    calls = []
    eqs = gt.backward_induction(t, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 6) for k in range(1, 7)]
    assert [e.payoffs for e in eqs] == [e.payoffs for e in gt.backward_induction(t)]
    with pytest.raises(gt.InvalidGameError, match="progress must be a callable"):
        gt.backward_induction(t, progress=3)
