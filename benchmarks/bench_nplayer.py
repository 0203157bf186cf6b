"""Time the n-player solvers against pygambit in one run and print the ratios.

    python benchmarks/bench_nplayer.py [--games N] [--seed S] [--write FILE] [--extras]

polynomial_equilibria vs pygambit.nash.enumpoly_solve (all equilibria) on random games of
five shapes (2x2x2, 2x2x2x2, 3x2x2, 3x3x2, 3x3x3), integer payoffs (-99..99) and float
payoffs (uniform on [0, 1)): ten classes.  Per game the two solvers run back to back, in
alternating order, each timed around its own call (pygambit's in a forked child, so a
game on which enumpoly hangs costs a timeout instead of the run); the table gives the
median time of each and the median of the per-game ratios ours / pygambit, and counts
the equilibria only one side found (ours are all checked by regret; pygambit's extra
ones are reported with their regret).  ``--extras``: qre_equilibrium vs
pygambit.nash.logit_solve and pure_equilibria on a large game, as before.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import time
import warnings

import numpy as np
import pygambit

import gametheory as gt
from gametheory.solvers.polynomial import ContinuumWarning, polynomial_equilibria
from gametheory.solvers.pure import pure_equilibria
from gametheory.solvers.qre import qre_equilibrium

SHAPES = [(2, 2, 2), (2, 2, 2, 2), (3, 2, 2), (3, 3, 2), (3, 3, 3)]
KINDS = ["int", "float"]
TIMEOUT = 60.0


def pg(g):
    return pygambit.Game.from_arrays(*[np.asarray(a, dtype=float) for a in g.payoffs])


def timed(f, *a, **k):
    t = time.perf_counter()
    out = f(*a, **k)
    return out, time.perf_counter() - t


def _enumpoly_child(arrays, conn):
    game = pygambit.Game.from_arrays(*arrays)
    t = time.perf_counter()
    res = pygambit.nash.enumpoly_solve(game)
    dt = time.perf_counter() - t
    eqs = [[[float(e[p][s]) for s in p.strategies] for p in res.game.players] for e in res.equilibria]
    conn.send((dt, eqs))


def enumpoly(g):
    """pygambit's time (measured in the child around the call) and equilibria, or None on timeout."""
    parent, child = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_enumpoly_child, args=([np.asarray(a, dtype=float) for a in g.payoffs], child))
    proc.start()
    got = parent.recv() if parent.poll(TIMEOUT) else None
    proc.join(1)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return got


def ours(g):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        return timed(polynomial_equilibria, g)


def close(a, b):
    return max(abs(float(x) - y) for sa, sb in zip(a, b) for x, y in zip(sa, sb)) < 1e-5


def poly_class(shape, kind, n_games, rng):
    rows = []
    for k in range(n_games):
        arrays = [rng.integers(-99, 100, shape) for _ in shape] if kind == "int" else [rng.random(shape) for _ in shape]
        g = gt.NormalFormGame(arrays)
        if k % 2 == 0:
            (eqs, t1), got = ours(g), enumpoly(g)
        else:
            got = enumpoly(g)
            eqs, t1 = ours(g)
        if got is None:
            rows.append((t1, None, len(eqs), 0, 0, 0.0))
            continue
        t2, theirs = got
        missing = [t for t in theirs if not any(close(e.strategies, t) for e in eqs)]
        their_regret = max((float(max(gt.regret(g.as_float(), t))) for t in missing), default=0.0)
        extra = 0
        for e in eqs:
            assert max(gt.regret(g.as_float(), e.strategies)) <= 1e-9
            if not any(close(e.strategies, t) for t in theirs):
                extra += 1
        rows.append((t1, t2, len(eqs), extra, len(missing), their_regret))
    timed_rows = [r for r in rows if r[1] is not None]
    return {
        "class": f"{'x'.join(map(str, shape))} {kind}",
        "games": len(rows),
        "timeouts": len(rows) - len(timed_rows),
        "ours_ms": 1e3 * statistics.median(r[0] for r in rows),
        "theirs_ms": 1e3 * statistics.median(r[1] for r in timed_rows) if timed_rows else float("nan"),
        "ratio": statistics.median(r[0] / r[1] for r in timed_rows) if timed_rows else float("nan"),
        "equilibria": sum(r[2] for r in rows),
        "only_ours": sum(r[3] for r in timed_rows),
        "only_theirs": sum(r[4] for r in timed_rows),
        "their_regret": max((r[5] for r in timed_rows), default=0.0),
    }


def table(results) -> str:
    lines = [
        "| class | games | ours median ms | pygambit median ms | median ratio ours/pygambit | equilibria (ours) | only ours | only pygambit | pygambit timeouts |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        theirs = f"{r['only_theirs']}" + (f" (max regret {r['their_regret']:.2g})" if r["only_theirs"] else "")
        lines.append(
            f"| {r['class']} | {r['games']} | {r['ours_ms']:.1f} | {r['theirs_ms']:.1f} | {r['ratio']:.2f} |"
            f" {r['equilibria']} | {r['only_ours']} | {theirs} | {r['timeouts']} |"
        )
    return "\n".join(lines)


def qre_row(shape, n_games, rng):
    ours_t = theirs_t = 0.0
    worst = 0.0
    for _ in range(n_games):
        g = gt.NormalFormGame([rng.random(shape) for _ in shape])
        (e,), t1 = timed(qre_equilibrium, g)
        res, t2 = timed(pygambit.nash.logit_solve, pg(g))
        ours_t, theirs_t = ours_t + t1, theirs_t + t2
        th = [[float(res.equilibria[0][p][s]) for s in p.strategies] for p in res.game.players]
        worst = max(worst, max(abs(x - y) for sa, sb in zip(e.strategies, th) for x, y in zip(sa, sb)))
    print(f"qre        {'x'.join(map(str, shape)):14s} {n_games:4d} games: ours {1e3 * ours_t / n_games:9.1f} ms"
          f"  pygambit logit {1e3 * theirs_t / n_games:7.1f} ms  ratio {ours_t / theirs_t:7.2f}  max |diff| {worst:.1e}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=15)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--write", default=None, help="write the table (markdown) to this file")
    ap.add_argument("--extras", action="store_true")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    load = os.getloadavg()
    results = []
    for shape in SHAPES:
        for kind in KINDS:
            r = poly_class(shape, kind, args.games, rng)
            results.append(r)
            print(f"{r['class']:14s} ours {r['ours_ms']:8.1f} ms  pygambit {r['theirs_ms']:7.1f} ms  median ratio {r['ratio']:6.2f}"
                  f"  only ours {r['only_ours']}  only pygambit {r['only_theirs']}  timeouts {r['timeouts']}", flush=True)
    load_after = os.getloadavg()
    text = table(results)
    print(text)
    print(f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    if args.write:
        with open(args.write, "w") as fh:
            fh.write(text + "\n")
    if args.extras:
        for shape in [(3, 3, 3), (5, 5, 5), (2, 2, 2, 2, 2), (10, 10)]:
            qre_row(shape, args.games, rng)
        g = gt.NormalFormGame([rng.integers(0, 1000, (60, 60, 60)) for _ in range(3)])
        eqs, t = timed(pure_equilibria, g)
        print(f"pure_equilibria 60x60x60 exact: {1e3 * t:.1f} ms, {len(eqs)} equilibria")
        eqs, t = timed(pure_equilibria, g.as_float())
        print(f"pure_equilibria 60x60x60 float: {1e3 * t:.1f} ms, {len(eqs)} equilibria")


if __name__ == "__main__":
    main()
