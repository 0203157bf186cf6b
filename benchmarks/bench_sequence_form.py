"""Sequence form (``gt.sequence_form``) against pygambit's ``lp_solve`` / ``lcp_solve`` and
against this project's reduced-normal-form path, on trees of increasing size.

Run:  PYTHONPATH=. python benchmarks/bench_sequence_form.py [--quick] [--out FILE]

Games: Kuhn poker, random two-player trees with chance and perfect recall (zero-sum and
general-sum, 20 to 2000 nodes), Leduc hold'em.  Per game, interleaved in one run (the machine
is shared, so ratios matter more than times): ours (``method="auto"``: the LP for zero-sum
games, Lemke for general-sum ones), pygambit 16.7 on the same tree (``lp_solve`` for
zero-sum, ``lcp_solve`` otherwise, ``use_strategic=False``: its sequence-form solvers), both
in exact arithmetic and in floats, and our reduced normal form (``to_normal_form`` then
``lemke_howson``) where it has at most 2000 strategies per player.  Every pygambit call runs
in a forked child with a time limit.  Each answer is checked: equal values for zero-sum games,
our profile an equilibrium otherwise (the solver certifies it exactly).
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import platform
import sys
import time
from fractions import Fraction

import numpy as np

import gametheory as gt
from gametheory.extensive import leduc_poker
from gametheory.io.gambit import format_efg, parse_efg

TIMEOUT = 120.0
EXACT_LCP_NODES = 250  # exact Lemke (ours and pygambit's) takes tens of seconds beyond this


def random_tree(seed: int, target: int, zero_sum: bool, exact: bool = True) -> gt.ExtensiveFormGame:
    """A two-player tree with chance and perfect recall, about ``target`` nodes: a new decision
    node joins a random information set of its player with the same own history and number of
    actions, or starts one."""
    rng = np.random.default_rng(seed)
    t = gt.ExtensiveFormGame(players=["1", "2"])
    sets: dict[tuple, list] = {}
    frontier = [(t.root, ((), ()))]
    while frontier:
        idx = int(rng.integers(len(frontier)))
        v, hist = frontier.pop(idx)
        if t.n_nodes + len(frontier) >= target or (v and rng.random() < 0.15):
            u = int(rng.integers(-9, 10))
            w = -u if zero_sum else int(rng.integers(-9, 10))
            t.terminal(v, [u, w] if exact else [u + 0.5 * rng.random(), w + 0.5 * rng.random()])
            continue
        k = int(rng.integers(2, 4))
        acts = [f"a{j}" for j in range(k)]
        r = rng.random()
        if r < 0.15:
            ws = rng.integers(1, 4, k)
            for u in t.chance(v, acts, [Fraction(int(x), int(ws.sum())) for x in ws]):
                frontier.append((u, hist))
            continue
        i = 0 if r < 0.575 else 1
        known = sets.setdefault((i, hist[i], k), [])
        pick = int(rng.integers(len(known) + 1))
        if pick == len(known):
            known.append(f"{i + 1}.{sum(len(x) for x in sets.values())}")
        label = known[pick]
        for j, u in enumerate(t.decision(v, str(i + 1), acts, infoset=label)):
            h = list(hist)
            h[i] = hist[i] + ((label, j),)
            frontier.append((u, tuple(h)))
    return t


def _child(conn, text, zero_sum, rational):
    import pygambit as gbt

    g = gbt.read_efg(io.StringIO(text))
    t0 = time.perf_counter()
    solver = gbt.nash.lp_solve if zero_sum else gbt.nash.lcp_solve
    res = solver(g, rational=rational, use_strategic=False)
    dt = time.perf_counter() - t0
    eq = res.equilibria[0]
    conn.send((dt, float(eq.payoff(list(g.players)[0])), len(res.equilibria)))
    conn.close()


def gambit(text: str, zero_sum: bool, rational: bool):
    """pygambit's solve time (excluding reading the file), its value for player 1, #equilibria."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, text, zero_sum, rational), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(TIMEOUT):
            return None
        return recv.recv()
    except EOFError:
        return None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def timed(f):
    t0 = time.perf_counter()
    out = f()
    return time.perf_counter() - t0, out


def reduced_nf(t):
    try:
        nf = t.to_normal_form(max_strategies=2000)
    except gt.GameError:
        return None
    return gt.lemke_howson(nf, initial_label=0)[0]


def run(games, out_rows):
    for name, t in games:
        zero_sum = _zero_sum(t)
        text = format_efg(t)
        tf = parse_efg(text, exact=False)  # the same numbers as floats; pygambit reads the exact text
        n1 = sum(len(h.actions) for h in t.infosets if h.player == 0) + 1
        n2 = sum(len(h.actions) for h in t.infosets if h.player == 1) + 1
        row = {"game": name, "nodes": t.n_nodes, "sequences": f"{n1}+{n2}", "kind": "zero-sum" if zero_sum else "general-sum"}
        for label, tree, rational in (("exact", t, True), ("float", tf, False)):
            if label == "exact" and not zero_sum and t.n_nodes > EXACT_LCP_NODES:
                row["ours exact"] = row["gambit exact"] = None
                row["agree exact"] = ""
                continue
            tree._compiled = None
            dt, eqs = timed(lambda: gt.sequence_form(tree))
            g = gambit(text, zero_sum, rational)
            ours_v = float(eqs[0].payoffs[0])
            row[f"ours {label}"] = dt
            row[f"gambit {label}"] = None if g is None else g[0]
            agree = "" if g is None else ("yes" if (abs(g[1] - ours_v) <= 1e-6 * max(1, abs(ours_v)) or not zero_sum) else "NO")
            row[f"agree {label}"] = agree
        if t.n_nodes <= 400:
            dt, eq = timed(lambda: reduced_nf(t))
            row["reduced NF"] = None if eq is None else dt
        else:
            row["reduced NF"] = None
        out_rows.append(row)
        print(row, flush=True)


def _zero_sum(t):
    c = t.compiled
    s = c.U[c.terminals, 0] + c.U[c.terminals, 1]
    return bool(np.all(s == s[0]))


def fmt(x):
    if x is None:
        return "-"
    return f"{x * 1000:.1f}" if x < 10 else f"{x:.1f} s"


def report(rows: list[dict], load: tuple, load_end: tuple, quick: bool) -> str:
    head = (f"# Sequence form vs pygambit, {time.strftime('%Y-%m-%d')} (2 cores, shared: load average "
            f"{load[0]:.1f} at start, {load_end[0]:.1f} at end)\n\n"
            f"Command: `PYTHONPATH=. python benchmarks/bench_sequence_form.py{' --quick' if quick else ''}` "
            f"(one run per cell, interleaved per game). machine: {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, numpy {np.__version__}.\n\n"
            "Times in ms (s where marked). ours: `gt.sequence_form(tree)` (auto: LP for zero-sum, Lemke otherwise); "
            "gambit: pygambit 16.7 `lp_solve`/`lcp_solve(use_strategic=False)`, rational=True (exact) or False "
            "(float); ratio = gambit / ours (above 1: ours faster); reduced NF: `to_normal_form()` + "
            "`lemke_howson(initial_label=0)`, exact, trees up to 400 nodes; exact general-sum solves up to "
            f"{EXACT_LCP_NODES} nodes; '-': not run, or pygambit over {TIMEOUT:.0f} s.\n\n")
    lines = ["| game | nodes | sequences | kind | ours exact | gambit exact | ratio | ours float | gambit float | ratio | reduced NF exact | values agree |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        def ratio(k):
            g, o = r[f"gambit {k}"], r[f"ours {k}"]
            return "-" if g is None or o is None else f"{g / o:.2f}"
        agree = ", ".join(x for x in (r["agree exact"], r["agree float"]) if x) or "-"
        lines.append(f"| {r['game']} | {r['nodes']} | {r['sequences']} | {r['kind']} | {fmt(r['ours exact'])} | "
                     f"{fmt(r['gambit exact'])} | {ratio('exact')} | {fmt(r['ours float'])} | {fmt(r['gambit float'])} | "
                     f"{ratio('float')} | {fmt(r['reduced NF'])} | {agree} |")
    return head + "\n".join(lines) + "\n"


def main():
    quick = "--quick" in sys.argv
    out = None
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
    load = os.getloadavg()
    games = [("Kuhn poker", gt.kuhn_poker())]
    sizes = [20, 60, 200] if quick else [20, 60, 200, 600, 2000]
    for n in sizes:
        for zs in (True, False):
            games.append((f"random {'zero' if zs else 'general'}-sum", random_tree(n, n, zs)))
    if not quick:
        games.append(("Leduc hold'em", leduc_poker()))
    if "--only" in sys.argv:  # e.g. --only "Leduc hold'em"
        keep = sys.argv[sys.argv.index("--only") + 1]
        games = [g for g in games if g[0] == keep]
    rows: list[dict] = []
    run(games, rows)
    text = report(rows, load, os.getloadavg(), quick)
    print(text)
    if out:
        with open(out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
