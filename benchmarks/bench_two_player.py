"""Benchmark: two-player equilibrium solvers against nashpy, quantecon, pygambit and lrsnash.

Run on demand (not a test)::

    python benchmarks/bench_two_player.py            # n = 4..15, LH on 30x30 and 100x100
    python benchmarks/bench_two_player.py --quick    # n = 4..10, fewer games
    python benchmarks/bench_two_player.py --sizes 8 10 12 15 --games 5 \
        --only "ours vertex" "quantecon vertex" --no-lh       # a subset

Games: random n x n bimatrix games with payoffs uniform on [0, 1) (numpy default_rng,
seed 12345 + n).  Exact solvers get the same draws as integers ``floor(u * 10**6)``
(every exact solver, ours, pygambit rational and lrsnash, gets these same integers).
Each cell is the median over the games of one call's wall time (the best of three
repeats for calls under 0.2 s), game construction included.  Peer calls that may be slow
or never return (nashpy, pygambit, lrsnash) run in a forked child with a time cap;
a solver that exceeds its cap is not run at larger n.  BLAS threads are pinned to one
(OPENBLAS_NUM_THREADS=1) for every solver alike, as small matrix products are much
slower with threads on a shared machine.  "ours vertex" builds the two polytopes in two
threads (qhull releases the GIL) from 8x8 up when a second CPU looks idle (1-minute
load average below the CPU count minus 1/2); "ours vertex (1 thread)" never does.
"""

from __future__ import annotations

import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import multiprocessing as mp  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

import gametheory as gt  # noqa: E402

warnings.filterwarnings("ignore")

SCALE = 10**6


# ----------------------------------------------------------------------------- solvers
def ours_vertex(A, B):
    return len(gt.vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B)))


def ours_vertex_1thread(A, B):
    from gametheory.solvers import _polytope

    _polytope.PARALLEL_HULLS = False
    try:
        return len(gt.vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B)))
    finally:
        _polytope.PARALLEL_HULLS = True


def ours_support(A, B):
    return len(gt.support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)))


def ours_lh0(A, B):
    return len(gt.lemke_howson(gt.NormalFormGame.from_bimatrix(A, B), initial_label=0))


def ours_lh_all(A, B):
    return len(gt.lemke_howson(gt.NormalFormGame.from_bimatrix(A, B)))


def _qe_game(A, B):
    import quantecon.game_theory as qg

    return qg.NormalFormGame((qg.Player(np.asarray(A, float)), qg.Player(np.asarray(B, float).T)))


def qe_vertex(A, B):
    import quantecon.game_theory as qg

    return len(qg.vertex_enumeration(_qe_game(A, B)))


def qe_support(A, B):
    import quantecon.game_theory as qg

    return len(qg.support_enumeration(_qe_game(A, B)))


def qe_lh(A, B):
    import quantecon.game_theory as qg

    qg.lemke_howson(_qe_game(A, B), init_pivot=0)
    return 1


def nashpy_support(A, B):
    import nashpy

    return len(list(nashpy.Game(A, B).support_enumeration()))


def nashpy_vertex(A, B):
    import nashpy

    return len(list(nashpy.Game(A, B).vertex_enumeration()))


def nashpy_lh(A, B):
    import nashpy

    nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    return 1


def _gbt(A, B, rational):
    import pygambit as gbt

    if rational:
        return gbt.Game.from_arrays(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    return gbt.Game.from_arrays(np.asarray(A, float), np.asarray(B, float))


def gambit_enummixed_float(A, B):
    import pygambit as gbt

    return len(gbt.nash.enummixed_solve(_gbt(A, B, False), rational=False).equilibria)


def gambit_enummixed_rational(A, B):
    import pygambit as gbt

    return len(gbt.nash.enummixed_solve(_gbt(A, B, True), rational=True).equilibria)


def gambit_lcp1(A, B):
    import pygambit as gbt

    return len(gbt.nash.lcp_solve(_gbt(A, B, False), rational=False, stop_after=1).equilibria)


def gambit_lcp_all(A, B):
    import pygambit as gbt

    return len(gbt.nash.lcp_solve(_gbt(A, B, False), rational=False).equilibria)


def lrsnash(A, B):
    m, n = np.shape(A)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(f"{m} {n}\n\n")
        f.write("\n".join(" ".join(str(int(v)) for v in row) for row in A) + "\n\n")
        f.write("\n".join(" ".join(str(int(v)) for v in row) for row in B) + "\n")
        path = f.name
    try:
        out = subprocess.run(["lrsnash", path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    for line in out.splitlines():
        if "Number of equilibria found" in line:
            return int(line.split(":")[1])
    raise RuntimeError("lrsnash output not understood")


# ----------------------------------------------------------------------------- timing
def _child(fn, A, B, q):
    t = time.perf_counter()
    try:
        r = fn(A, B)
        q.put((time.perf_counter() - t, r))
    except Exception as exc:  # report failures as such
        q.put((None, f"error: {exc}"))


def run_capped(fn, A, B, cap):
    """(seconds, result) of one call in a forked child; (None, 'cap') past ``cap`` seconds."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(fn, A, B, q))
    p.start()
    p.join(cap)
    if p.is_alive():
        p.kill()
        p.join()
        return None, "cap"
    return q.get() if not q.empty() else (None, "crashed")


def run_inline(fn, A, B):
    t = time.perf_counter()
    r = fn(A, B)
    best = time.perf_counter() - t
    if best < 0.2:
        for _ in range(2):
            t = time.perf_counter()
            fn(A, B)
            best = min(best, time.perf_counter() - t)
    return best, r


# name -> (function, exact input?, capped in a child?, largest n)
SOLVERS = {
    "ours vertex": (ours_vertex, False, False, 15),
    "ours vertex (1 thread)": (ours_vertex_1thread, False, False, 15),
    "ours vertex exact": (ours_vertex, True, False, 15),
    "ours support": (ours_support, False, False, 10),
    "ours support exact": (ours_support, True, False, 10),
    "ours LH (label 0)": (ours_lh0, False, False, 15),
    "ours LH exact (label 0)": (ours_lh0, True, False, 15),
    "ours LH (all labels)": (ours_lh_all, False, False, 15),
    "quantecon vertex": (qe_vertex, False, False, 15),
    "quantecon support": (qe_support, False, False, 10),
    "quantecon LH": (qe_lh, False, False, 15),
    "nashpy support": (nashpy_support, False, True, 8),
    "nashpy vertex": (nashpy_vertex, False, True, 15),
    "nashpy LH": (nashpy_lh, False, True, 15),
    "gambit enummixed float": (gambit_enummixed_float, False, True, 15),
    "gambit enummixed rational": (gambit_enummixed_rational, True, True, 9),
    "gambit lcp (1 eq)": (gambit_lcp1, False, True, 15),
    "gambit lcp (all)": (gambit_lcp_all, False, True, 15),
    "lrsnash": (lrsnash, True, True, 15),
}

RATIOS = [
    ("ours vertex", "quantecon vertex"),
    ("ours vertex (1 thread)", "quantecon vertex"),
    ("ours vertex", "gambit enummixed float"),
    ("ours vertex", "nashpy vertex"),
    ("ours vertex exact", "lrsnash"),
    ("ours vertex exact", "gambit enummixed rational"),
    ("ours support", "nashpy support"),
    ("ours support", "quantecon support"),
    ("ours LH (label 0)", "quantecon LH"),
    ("ours LH (label 0)", "gambit lcp (1 eq)"),
    ("ours LH (label 0)", "nashpy LH"),
    ("ours LH (all labels)", "gambit lcp (all)"),
]


def games(n, count):
    rng = np.random.default_rng(12345 + n)
    out = []
    for _ in range(count):
        A, B = rng.random((n, n)), rng.random((n, n))
        out.append((A, B, np.floor(A * SCALE).astype(int), np.floor(B * SCALE).astype(int)))
    return out


def warm_up(solvers=SOLVERS):
    """Import every package and compile quantecon's numba code before any timing.

    Capped calls run in forked children, which inherit these imports.
    """
    import importlib

    for mod in ("nashpy", "pygambit", "quantecon.game_theory", "scipy.spatial"):
        importlib.import_module(mod)
    A, B, Ai, Bi = games(3, 1)[0]
    for name, (fn, exact, capped, _) in solvers.items():
        if name in ("lrsnash", "nashpy LH"):  # a subprocess; may not terminate
            continue
        fn(Ai, Bi) if exact else fn(A, B)


def fmt(t):
    if t is None:
        return "-"
    if isinstance(t, str):
        return t
    return f"{t * 1e3:.3g} ms" if t < 1 else f"{t:.3g} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="n = 4..10 and fewer games")
    ap.add_argument("--cap", type=float, default=30.0, help="seconds allowed per capped peer call")
    ap.add_argument("--sizes", type=int, nargs="+", help="square game sizes to time (default 4..15)")
    ap.add_argument("--games", type=int, help="games per size (default 3 up to 10x10, then 2)")
    ap.add_argument("--only", nargs="+", help="time only the solvers with these exact names")
    ap.add_argument("--no-lh", action="store_true", help="skip the large Lemke-Howson table")
    args = ap.parse_args()
    sizes = args.sizes or (range(4, 11) if args.quick else range(4, 16))
    have_lrs = shutil.which("lrsnash") is not None
    solvers = {k: v for k, v in SOLVERS.items() if k != "lrsnash" or have_lrs}
    if args.only:
        unknown = set(args.only) - set(SOLVERS)
        if unknown:
            ap.error(f"unknown solvers {sorted(unknown)}; choose from {list(SOLVERS)}")
        solvers = {k: v for k, v in solvers.items() if k in args.only}
    if not have_lrs:
        print("lrsnash not found (Debian package lrslib): skipped")
    warm_up(solvers)
    table: dict[int, dict[str, object]] = {}
    counts: dict[int, dict[str, list]] = {}
    dead: set[str] = set()
    for n in sizes:
        count = 3 if n <= 10 else 2
        if args.quick:
            count = 2
        if args.games:
            count = args.games
        gs = games(n, count)
        table[n], counts[n] = {}, {}
        for name, (fn, exact, capped, nmax) in solvers.items():
            if n > nmax or name in dead:
                table[n][name] = None
                continue
            times, res = [], []
            for A, B, Ai, Bi in gs:
                a, b = (Ai, Bi) if exact else (A, B)
                t, r = run_capped(fn, a, b, args.cap) if capped else run_inline(fn, a, b)
                if t is None:
                    table[n][name] = f"> {args.cap:g} s" if r == "cap" else str(r)
                    dead.add(name)
                    break
                times.append(t)
                res.append(r)
            else:
                table[n][name] = statistics.median(times)
            counts[n][name] = res
        print(f"n={n} done", flush=True)

    names = list(solvers)
    print("\n## Median wall time per call\n")
    print("| solver | " + " | ".join(f"{n}x{n}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in names:
        print(f"| {name} | " + " | ".join(fmt(table[n].get(name)) for n in sizes) + " |")
    print("\n## Ratios (ours / peer; below 1 means ours is faster)\n")
    print("| ours / peer | " + " | ".join(f"{n}x{n}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for a, b in RATIOS:
        if a not in names or b not in names:
            continue
        cells = []
        for n in sizes:
            ta, tb = table[n].get(a), table[n].get(b)
            cells.append(f"{ta / tb:.2g}" if isinstance(ta, float) and isinstance(tb, float) else "-")
        print(f"| {a} / {b} | " + " | ".join(cells) + " |")
    print("\n## Number of equilibria found per game (all-equilibria solvers)\n")
    for n in sizes:
        row = {k: counts[n].get(k) for k in names if "LH" not in k and "lcp" not in k and counts[n].get(k)}
        print(f"{n}x{n}: " + "; ".join(f"{k}={v}" for k, v in row.items()))
    if args.no_lh:
        return

    print("\n## Lemke-Howson on large games (median over 3 games)\n")
    lh_solvers = {
        "ours LH (label 0)": (ours_lh0, False, False),
        "ours LH exact (label 0)": (ours_lh0, True, False),
        "ours LH (all labels)": (ours_lh_all, False, False),
        "quantecon LH": (qe_lh, False, False),
        "gambit lcp (1 eq)": (gambit_lcp1, False, True),
        "nashpy LH": (nashpy_lh, False, True),
    }
    print("| solver | 30x30 | 100x100 |")
    print("|---|---|---|")
    big = {n: games(n, 3) for n in (30, 100)}
    res: dict[str, list] = {}
    for name, (fn, exact, capped) in lh_solvers.items():
        cells = []
        for n in (30, 100):
            times = []
            for A, B, Ai, Bi in big[n]:
                a, b = (Ai, Bi) if exact else (A, B)
                t, _ = run_capped(fn, a, b, args.cap) if capped else run_inline(fn, a, b)
                if t is None:
                    times = None
                    break
                times.append(t)
            cells.append(statistics.median(times) if times else f"> {args.cap:g} s")
        res[name] = cells
        print(f"| {name} | " + " | ".join(fmt(c) for c in cells) + " |", flush=True)
    for peer in ("quantecon LH", "gambit lcp (1 eq)", "nashpy LH"):
        r = [f"{a / b:.2g}" if isinstance(a, float) and isinstance(b, float) else "-"
             for a, b in zip(res["ours LH (label 0)"], res[peer])]
        print(f"| ratio ours LH (label 0) / {peer} | " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
