"""Backward induction on big perfect-information trees, against pygambit.

Run:  python benchmarks/bench_extensive.py [--quick]

1. gametheory: a complete tree of 10^6+ nodes (branching 10, depth 6, float payoffs, two
   players alternating) built from arrays and solved by ``backward_induction`` (best of 3).
   Also a binary tree of depth 19 (2^20 - 1 nodes), an integer (exact) tree, a tree with
   chance levels, and the agent QRE closed form on the same 10^6-node tree.
2. pygambit 16.7: it has no backward-induction routine; its two-player tree solver is
   ``lcp_solve(use_strategic=False)`` (sequence-form LCP), which grows steeply with the
   tree (about 20 s and over 10 GB at 255 nodes / 21,845 nodes respectively here), so the
   solve is compared on binary trees of 63-255 nodes (identical payoffs; root payoffs
   printed for both) and tree building (append_move / add_outcome, one node at a time)
   on a 10^4-node tree.
"""

from __future__ import annotations

import sys
import time

import numpy as np

import gametheory as gt
from gametheory.extensive import complete_tree


def best_of(f, repeat=3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def ours(branching, depth, payoffs, movers=None, repeat=3):
    t_build, tree = best_of(lambda: complete_tree(branching, depth, payoffs, movers=movers), repeat)

    def solve():
        tree._compiled = None  # include compiling the level structure in the solve time
        return gt.backward_induction(tree)

    t_solve, spes = best_of(solve, repeat)
    return tree, t_build, t_solve, spes


def pygambit_tree(branching, depth, payoffs):
    import pygambit as gbt

    g = gbt.Game.new_tree(players=["1", "2"])
    frontier = [g.root]
    acts = [f"a{j + 1}" for j in range(branching)]
    for d in range(depth):
        player = list(g.players)[d % 2]
        nxt = []
        for node in frontier:
            g.append_move(node, player, acts)
            nxt.extend(node.children)
        frontier = nxt
    for k, (node, row) in enumerate(zip(frontier, payoffs)):
        out = g.add_outcome(f"z{k}", [float(row[0]), float(row[1])])
        g.set_outcome(node, out)
    return g


def check_pygambit_profile(tree, g, eq) -> str:
    """Is pygambit's behavior profile a Nash equilibrium of the tree, and is it subgame perfect?

    Nash: no player gains by a best reply (one backward pass per player with the other's
    behavior fixed).  Subgame perfect: at every decision node the mover's probability mass is
    on actions that maximize her continuation payoff under the profile (one-shot deviations).
    """
    c = tree.compiled
    # pygambit nodes in the same breadth-first order as complete_tree's ids
    order, frontier = [], [g.root]
    while frontier:
        order.extend(frontier)
        frontier = [ch for nd in frontier for ch in nd.children]
    beh = np.zeros(c.n)
    for v, nd in enumerate(order[1:], start=1):
        beh[v] = float(eq[nd.prior_action])
    U = c.U.astype(float)
    value = U.copy()
    spe = True
    for v in range(c.n - 1, -1, -1):
        k = int(c.nch[v])
        if k:
            f = int(c.first[v])
            i = int(c.player[v])
            kids = value[f : f + k]
            if np.any((beh[f : f + k] > 1e-9) & (kids[:, i] < kids[:, i].max() - 1e-9)):
                spe = False
            value[v] = beh[f : f + k] @ kids
    nash = True
    for i in range(2):
        best = U.copy()
        for v in range(c.n - 1, -1, -1):
            k = int(c.nch[v])
            if k:
                f = int(c.first[v])
                best[v] = best[f + int(np.argmax(best[f : f + k, i]))] if c.player[v] == i else beh[f : f + k] @ best[f : f + k]
        nash &= best[0, i] <= value[0, i] + 1e-9
    return f"Nash equilibrium: {nash}, subgame perfect: {spe}"


def main(quick: bool = False) -> None:
    rng = np.random.default_rng(2026)
    print("== gametheory backward induction (best of 3) ==")
    cases = [(10, 6, "float"), (2, 19, "float"), (10, 6, "int")]
    if quick:
        cases = [(10, 5, "float")]
    for b, d, kind in cases:
        leaves = b**d
        U = rng.random((leaves, 2)) if kind == "float" else rng.integers(0, 10**9, size=(leaves, 2))
        tree, tb, ts, spes = ours(b, d, U)
        n = tree.n_nodes
        print(
            f"complete tree b={b} d={d} ({kind}): {n:,} nodes; build {tb * 1e3:.1f} ms, "
            f"backward induction {ts * 1e3:.1f} ms ({ts / n * 1e9:.0f} ns/node); {len(spes)} SPE, "
            f"root payoffs {tuple(round(float(x), 6) for x in spes[0].payoffs)}"
        )
    if not quick:
        U = rng.random((10**6, 2))
        tree, tb, ts, spes = ours(10, 6, U, movers=[0, -1, 1, -1, 0, 1], repeat=2)
        print(f"with chance levels (depths 1 and 3): {tree.n_nodes:,} nodes; solve {ts * 1e3:.1f} ms")
        tree = complete_tree(10, 6, rng.random((10**6, 2)))
        tq, batch = best_of(lambda: gt.agent_qre_batch(tree, 5.0), 2)
        print(f"agent QRE closed form on {tree.n_nodes:,} nodes: {tq * 1e3:.1f} ms")

    print("\n== against pygambit 16.7 ==")
    import pygambit as gbt

    # pygambit has no backward-induction routine; its tree solver for two players is the
    # sequence-form LCP, whose cost grows steeply (about 20 s at 255 nodes on this machine),
    # so the solve comparison uses small binary trees and the build comparison a 10^4-node tree.
    sizes = [5, 6] if quick else [5, 6, 7]
    for d in sizes:
        U = rng.random((2**d, 2))
        tree, tb, ts, spes = ours(2, d, U)
        g = pygambit_tree(2, d, U)
        t0 = time.perf_counter()
        res = gbt.nash.lcp_solve(g, rational=False, use_strategic=False)
        pg_solve = time.perf_counter() - t0
        pg_pay = tuple(float(res.equilibria[0].payoff(p)) for p in g.players)
        ours_pay = tuple(float(x) for x in spes[0].payoffs)
        same = np.allclose(pg_pay, ours_pay, atol=1e-9)
        print(
            f"binary tree depth {d} ({tree.n_nodes} nodes): gametheory solve {ts * 1e3:.2f} ms, "
            f"pygambit lcp_solve {pg_solve * 1e3:.1f} ms, ratio {pg_solve / ts:.0f}x; "
            f"root payoffs equal: {same} (gametheory {tuple(round(x, 6) for x in ours_pay)}, pygambit {tuple(round(x, 6) for x in pg_pay)}); "
            f"pygambit's profile: {check_pygambit_profile(tree, g, res.equilibria[0])}"
        )
    b, d = (10, 4) if not quick else (10, 3)
    U = rng.random((b**d, 2))
    tree, tb, ts, spes = ours(b, d, U)
    t0 = time.perf_counter()
    g = pygambit_tree(b, d, U)
    pg_build = time.perf_counter() - t0
    n = tree.n_nodes
    print(
        f"building a {n:,}-node tree: pygambit {pg_build * 1e3:.0f} ms ({pg_build / n * 1e6:.1f} us/node), "
        f"gametheory complete_tree {tb * 1e3:.2f} ms ({tb / n * 1e6:.3f} us/node), ratio {pg_build / tb:.0f}x"
    )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
