"""Sample-equilibrium methods against pygambit, interleaved in one run.

    python benchmarks/bench_samplers.py [--games N] [--timeout S] [--out FILE]

On random integer games (payoffs in -99..99) of shapes 3x3x3, 5x5x5 and 4x4x4x4, each
game is solved in turn by our ``gnm``, pygambit's ``gnm_solve``, our ``simpdiv`` and
pygambit's ``simpdiv_solve`` (so machine load hits all four alike).  pygambit runs in a
forked child process killed after ``--timeout`` seconds (its simpdiv works in exact
rationals and can take many minutes); a timeout counts as a failure and its time as the
timeout.  A call succeeds when it returns at least one profile and every profile it
returns has max regret <= 1e-6 x the game's payoff range (regret computed here, by
``gametheory.regret`` on the float game, for both libraries).  Prints a markdown report
(command, load average, median times, ratios, success rates) and writes it to ``--out``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import gametheory as gt  # noqa: E402

SHAPES = [(3, 3, 3), (5, 5, 5), (4, 4, 4, 4)]


def _pygambit_child(conn, arrays, which):
    import pygambit as gbt

    g = gbt.Game.from_arrays(*arrays)
    t = time.perf_counter()
    if which == "gnm":
        res = gbt.nash.gnm_solve(g)
    else:
        res = gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True))
    dt = time.perf_counter() - t
    conn.send((dt, [[[float(e[s]) for s in p.strategies] for p in g.players] for e in res.equilibria]))
    conn.close()


def pygambit_call(arrays, which, timeout):
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_pygambit_child, args=(send, arrays, which), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            return timeout, None
        try:
            return recv.recv()
        except EOFError:
            return float("nan"), None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()


def ours_call(game, method):
    t = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eqs = gt.solve(game, method=method)
        profiles = [[list(map(float, s)) for s in e.strategies] for e in eqs]
    except gt.GameError:
        profiles = None
    return time.perf_counter() - t, profiles


def success(game, profiles, scale):
    if not profiles:
        return False
    gf = game.as_float()
    return all(float(max(gt.regret(gf, p))) <= 1e-6 * scale for p in profiles)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    import pygambit  # noqa: F401  (imported before the children fork, as our modules are below)

    warm = gt.NormalFormGame([np.arange(8).reshape(2, 2, 2) % 3 for _ in range(3)])
    for method in ("gnm", "simpdiv"):  # imports (scipy) out of the timings
        ours_call(warm, method)
    load_before = os.getloadavg()
    rng = np.random.default_rng(args.seed)
    rows = []
    for shape in SHAPES:
        rec = {k: [] for k in ("gnm", "pg-gnm", "simpdiv", "pg-simpdiv")}
        ok = {k: 0 for k in rec}
        n_eq = {"gnm": [], "pg-gnm": []}
        for _ in range(args.games):
            arrays = [rng.integers(-99, 100, shape) for _ in shape]
            game = gt.NormalFormGame(arrays)
            farrays = [np.asarray(a, dtype=float) for a in arrays]
            scale = max(float(np.ptp(a)) for a in farrays)
            for key in ("gnm", "pg-gnm", "simpdiv", "pg-simpdiv"):
                if key.startswith("pg-"):
                    dt, profs = pygambit_call(farrays, key[3:], args.timeout)
                else:
                    dt, profs = ours_call(game, key)
                rec[key].append(dt)
                ok[key] += success(game, profs, scale)
                if key in n_eq:
                    n_eq[key].append(len(profs or []))
            print(shape, {k: round(v[-1], 3) for k, v in rec.items()}, flush=True)
        med = {k: statistics.median(v) for k, v in rec.items()}
        rows.append((shape, med, ok, n_eq))
    load_after = os.getloadavg()
    cmd = "python benchmarks/bench_samplers.py " + " ".join(sys.argv[1:])
    lines = [
        "# Sample-equilibrium methods vs pygambit (gnm_solve, simpdiv_solve)",
        "",
        f"Command: `{cmd.strip()}` (pygambit {__import__('pygambit').__version__}, numpy {np.__version__}).",
        f"Load average (1, 5, 15 min): before {tuple(round(x, 2) for x in load_before)}, "
        f"after {tuple(round(x, 2) for x in load_after)}; 2 cores shared with other jobs, so the "
        "four solvers run interleaved game by game and the ratios are what counts.",
        "",
        f"{args.games} random integer games per shape (payoffs -99..99, seed {args.seed}). Success: at least one "
        "profile returned and every returned profile has max regret <= 1e-6 x payoff range. pygambit runs in a "
        f"child process killed after {args.timeout:g} s (a timeout is a failure, timed at the timeout).",
        "",
        "| game | ours gnm (s) | pygambit gnm (s) | ratio | ours simpdiv (s) | pygambit simpdiv (s) | ratio "
        "| success gnm ours / pg | success simpdiv ours / pg | equilibria per gnm path ours / pg (median) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for shape, med, ok, n_eq in rows:
        n = args.games
        lines.append(
            f"| {'x'.join(map(str, shape))} | {med['gnm']:.3f} | {med['pg-gnm']:.3f} | {med['gnm'] / med['pg-gnm']:.1f} "
            f"| {med['simpdiv']:.3f} | {med['pg-simpdiv']:.3f} | {med['simpdiv'] / med['pg-simpdiv']:.2f} "
            f"| {ok['gnm']}/{n} / {ok['pg-gnm']}/{n} | {ok['simpdiv']}/{n} / {ok['pg-simpdiv']}/{n} "
            f"| {statistics.median(n_eq['gnm']):g} / {statistics.median(n_eq['pg-gnm']):g} |"
        )
    lines.append("")
    lines.append("Ratio = our median time / pygambit's median time (below 1: ours faster).")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
