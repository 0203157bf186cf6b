"""Benchmark: many games at once (issue 15, item 4), interleaved with the peers in one run.

    python benchmarks/bench_batch.py [--games 100000] [--repeat 3] [--out benchmarks/results/batch_<date>.md]

Reports, in one run (the machine is shared, so every comparison is timed in alternating rounds
and the load average is recorded):

1. 10^5 random 3x3 float bimatrix games: ``gt.solve_batch`` (all equilibria; and one
   Lemke-Howson equilibrium per game) against quantecon's numba ``lemke_howson`` looped over
   the games (one equilibrium each; games built before timing, and with construction), and the
   per-game ``gt.solve`` path on a subset (extrapolated); an integer stack (exact); agreement of
   the batch with ``gt.solve`` on a sample of 200 games.
2. The 10^6-ally public-goods Nash equilibrium against the bare numpy sort-and-cumsum
   reference (benchmarks/bench_aggregative.py), with the relative difference in G.
3. Lemke-Howson on single games (label 0): ours (list kernel for small games), ours through the
   previous numpy kernel, and quantecon's numba ``lemke_howson``, per call, several sizes.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import quantecon.game_theory as qe  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.continuous import CobbDouglas, PublicGoodsGame  # noqa: E402
from gametheory.solvers import lemke_howson as lh_mod  # noqa: E402

from bench_aggregative import bare_numpy  # noqa: E402


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def qe_game(A, B):
    return qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))


def rounds(fns: dict, repeat: int) -> dict:
    """Times of each function, called in alternating order ``repeat`` times."""
    out = {k: [] for k in fns}
    for r in range(repeat):
        for k, f in (fns.items() if r % 2 == 0 else reversed(list(fns.items()))):
            t = time.perf_counter()
            f()
            out[k].append(time.perf_counter() - t)
    return out


def fmt(t: float) -> str:
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.1f} ms"
    return f"{t * 1e6:.1f} us"


def item1(N: int, repeat: int, lines: list) -> None:
    rng = np.random.default_rng(2026)
    A, B = rng.random((2, N, 3, 3))
    qgames = [qe_game(A[g], B[g]) for g in range(N)]
    qe.lemke_howson(qgames[0])  # compile
    Ai, Bi = rng.integers(-1000, 1001, (2, N, 3, 3))

    def qe_loop():
        for g in qgames:
            qe.lemke_howson(g, init_pivot=0)

    def qe_loop_built():
        for g in range(N):
            qe.lemke_howson(qe_game(A[g], B[g]), init_pivot=0)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        times = rounds({
            "quantecon lemke_howson loop (games prebuilt)": qe_loop,
            "quantecon lemke_howson loop (incl. NormalFormGame)": qe_loop_built,
            "gt.solve_batch, all equilibria": lambda: gt.solve_batch(A, B),
            "gt.solve_batch, all equilibria + to_frame()": lambda: gt.solve_batch(A, B).to_frame(),
            "gt.solve_batch, Lemke-Howson label 0": lambda: gt.solve_batch(A, B, method="lemke-howson"),
            "gt.solve_batch, integer stack (exact), all equilibria": lambda: gt.solve_batch(Ai, Bi),
        }, repeat)
        res = gt.solve_batch(A, B)
        resi = gt.solve_batch(Ai, Bi)
        k = 300
        t = time.perf_counter()
        for g in range(k):
            gt.solve(gt.NormalFormGame.from_bimatrix(A[g], B[g]))
        per_game = (time.perf_counter() - t) / k * N
        # agreement on a sample of 200 games (150 random, 50 with payoffs in {0, 1, 2}: degenerate ones)
        Ad, Bd = rng.integers(0, 3, (2, 50, 3, 3)).astype(float)
        SA, SB = np.concatenate([A[:150], Ad]), np.concatenate([B[:150], Bd])
        sample = gt.solve_batch(SA, SB)
        bad = 0
        for g in range(200):
            ref = gt.solve(gt.NormalFormGame.from_bimatrix(SA[g], SB[g]))
            a = sorted(tuple(np.round(np.concatenate(e.strategies), 9)) for e in ref)
            b = sorted(tuple(np.round(np.concatenate(e.strategies), 9)) for e in sample[g])
            bad += a != b
    base = min(times["quantecon lemke_howson loop (games prebuilt)"])
    lines += [f"## 1. {N:,} random 3x3 bimatrix games (uniform [0, 1) floats)", "",
              "| what | best | median | best / quantecon loop |", "|---|---|---|---|"]
    for name, ts in times.items():
        lines.append(f"| {name} | {fmt(min(ts))} | {fmt(statistics.median(ts))} | {min(ts) / base:.2f}x |")
    lines.append(f"| per-game gt.solve loop (300 games timed, extrapolated) | {fmt(per_game)} | | {per_game / base:.1f}x |")
    lines += ["",
              f"Equilibria found: {int(res.counts.sum()):,} (float stack; counts {np.bincount(res.counts).tolist()} "
              f"games with 0, 1, 2, ... equilibria), {int(res.solved_singly.sum())} games flagged and solved singly; "
              f"integer stack: {int(resi.counts.sum()):,} equilibria, {int(resi.degenerate.sum())} degenerate games "
              f"(flagged, solved singly).",
              f"Sample of 200 games (50 degenerate-prone, {int(sample.degenerate.sum())} degenerate): "
              f"{bad} disagreements between gt.solve_batch and per-game gt.solve.", ""]


def item2(n: int, repeat: int, lines: list) -> None:
    rng = np.random.default_rng(2024)
    inc = rng.lognormal(0.0, 1.0, n)
    a = 0.5
    out = {}

    def ours():
        out["eq"] = PublicGoodsGame(inc, CobbDouglas(a)).nash()

    def ref():
        out["G"] = bare_numpy(inc, a)

    times = rounds({"bare numpy sort + cumsum": ref, "PublicGoodsGame(...).nash()": ours}, repeat)
    tb, ts = times["bare numpy sort + cumsum"], times["PublicGoodsGame(...).nash()"]
    rel = abs(out["eq"].total - out["G"]) / out["G"]
    lines += [f"## 2. Public-goods Nash equilibrium, {n:,} allies (Cobb-Douglas alpha = 0.5, lognormal incomes)", "",
              "| what | best | median |", "|---|---|---|",
              f"| bare numpy sort + cumsum | {fmt(min(tb))} | {fmt(statistics.median(tb))} |",
              f"| PublicGoodsGame(...).nash(), game construction included | {fmt(min(ts))} | {fmt(statistics.median(ts))} |",
              "",
              f"Ratio ours / reference: best {min(ts) / min(tb):.2f}x, median {statistics.median(ts) / statistics.median(tb):.2f}x; "
              f"|dG|/G = {rel:.1e}.", ""]


def item3(repeat: int, lines: list) -> None:
    lines += ["## 3. Lemke-Howson on one game (label 0), median time per call", "",
              "| game | ours | ours, previous numpy kernel | ours, pivoting kernel only | quantecon (numba) "
              "| ours / quantecon | previous / quantecon | kernel / quantecon |",
              "|---|---|---|---|---|---|---|---|"]
    rng = np.random.default_rng(99)
    for m, exact in ((3, False), (6, False), (10, False), (3, True), (6, True)):
        if exact:
            mats = [rng.integers(-50, 51, (2, m, m)) for _ in range(100)]
            games = [gt.NormalFormGame.from_bimatrix(a.tolist(), b.tolist()) for a, b in mats]
        else:
            mats = [rng.random((2, m, m)) for _ in range(100)]
            games = [gt.NormalFormGame.from_bimatrix(a, b) for a, b in mats]
        qgames = [qe_game(np.asarray(a, float), np.asarray(b, float)) for a, b in mats]
        qe.lemke_howson(qgames[0])

        def ours():
            for g in games:
                gt.lemke_howson(g, initial_label=0)

        def previous():
            small = lh_mod._SMALL
            lh_mod._SMALL = 0  # every game through the numpy / object-array kernel this module had
            try:
                ours()
            finally:
                lh_mod._SMALL = small

        def quantecon():
            for g in qgames:
                qe.lemke_howson(g, init_pivot=0)

        if exact:
            prepared = [lh_mod._integer_matrices(g) for g in games]
            run = lh_mod._lh_exact_small if m <= lh_mod._SMALL else lh_mod._lh_exact
        else:
            prepared = [lh_mod._normalized_lists(g) if m <= lh_mod._SMALL else lh_mod.normalized(g) for g in games]
            run = lh_mod._lh_float_small if m <= lh_mod._SMALL else lh_mod._lh_float

        def kernel():
            for a, b in prepared:
                run(a, b, 0, 100_000)

        times = rounds({"ours": ours, "previous": previous, "kernel": kernel, "qe": quantecon}, 2 * repeat + 1)
        o, p, kk, q = (statistics.median(times[k]) / len(games) for k in ("ours", "previous", "kernel", "qe"))
        lines.append(f"| {m}x{m} {'integer (exact)' if exact else 'float'} | {fmt(o)} | {fmt(p)} | {fmt(kk)} | {fmt(q)} | "
                     f"{o / q:.1f}x | {p / q:.1f}x | {kk / q:.1f}x |")
    lines += ["", "Quantecon computes in floats only (also for the integer games); ours is exact there. "
              "\"ours\" is the whole public call (input checks, the regret check, and the result object "
              "with payoffs built by gametheory.equilibrium.make_equilibrium), as is quantecon's; \"kernel "
              "only\" is the pivoting from prepared matrices. \"previous\" runs today's code with every game "
              "sent through the numpy / object-array kernels that were the only ones before.", ""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=100_000)
    ap.add_argument("--allies", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=f"benchmarks/results/batch_{datetime.date.today().isoformat()}.md")
    args = ap.parse_args()
    before = load()
    lines: list[str] = []
    item1(args.games, args.repeat, lines)
    item2(args.allies, 2 * args.repeat + 1, lines)
    item3(args.repeat, lines)
    head = [f"# Many games at once, {datetime.date.today().isoformat()} ({os.cpu_count()} cores, shared machine)", "",
            f"Command: `python benchmarks/bench_batch.py {' '.join(sys.argv[1:])}`".replace(" `", " `", 1), "",
            f"Python {platform.python_version()}, numpy {np.__version__}, quantecon {qe.__name__ and __import__('quantecon').__version__}. "
            f"Load average (1, 5, 15 min) before: {before}; after: {load()}. Every comparison was timed in "
            "alternating rounds in this one run, so the ratios are fairer than the absolute times.", ""]
    text = "\n".join(head + lines) + "\n"
    print(text)
    Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
