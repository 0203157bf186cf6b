"""Benchmark: which game sizes are practical for enumerating all equilibria of two-player games.

Run on demand (not a test)::

    python benchmarks/bench_enumeration_sizes.py                      # 8, 12, 16, 20
    python benchmarks/bench_enumeration_sizes.py --sizes 25 --cap 600 # larger, longer cap
    python benchmarks/bench_enumeration_sizes.py --out results.md     # also write a table

Games: one random n x n bimatrix game per size with float payoffs uniform on [0, 1)
(numpy default_rng, seed 2026 + n), as ``gt.NormalFormGame.from_bimatrix(A, B)``.
Calls: ``gt.solve(g, method="vertex", limit=None)``, ``gt.solve(g, method="support",
limit=None)`` and ``gt.count_equilibria(g)``.  Each call runs in a forked child with a
wall-time cap (``--cap`` seconds); a call that exceeds it is reported as "> cap" and that
method is not run at larger sizes.  One run per cell (these are long calls), wall time.
BLAS threads are pinned to one; the
solvers are warmed up (imports) before the children fork.  The number of equilibria and, for support enumeration,
the number of support pairs ``sum_k C(n, k)^2`` are printed alongside.
"""

from __future__ import annotations

import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import multiprocessing as mp  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from math import comb  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import gametheory as gt  # noqa: E402

METHODS = ("vertex", "support", "count")


def game(n: int) -> gt.NormalFormGame:
    rng = np.random.default_rng(2026 + n)
    return gt.NormalFormGame.from_bimatrix(rng.random((n, n)), rng.random((n, n)))


def _run(method: str, n: int, q: mp.Queue) -> None:
    g = game(n)
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    if method == "count":
        k = gt.count_equilibria(g)
    else:
        k = len(gt.solve(g, method=method, limit=None))
    q.put((time.perf_counter() - t0, k))


def timed(method: str, n: int, cap: float) -> tuple[float | None, int | None]:
    """(seconds, number of equilibria), or (None, None) past the cap."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(method, n, q))
    p.start()
    p.join(cap)
    if p.is_alive():
        p.kill()
        p.join()
        return None, None
    return q.get() if not q.empty() else (None, None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[8, 12, 16, 20])
    ap.add_argument("--cap", type=float, default=300.0, help="seconds per call")
    ap.add_argument("--only", nargs="+", choices=METHODS, default=list(METHODS))
    ap.add_argument("--out", help="also write the table (Markdown) here")
    args = ap.parse_args()
    # warm up (imports of scipy.spatial, sympy) in the parent, so no child pays for them
    for method in ("vertex", "support", "count"):
        _run(method, 3, mp.get_context("fork").Queue())
    head = (f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"numpy {np.__version__}; load average at start {os.getloadavg()[0]:.1f}")
    lines = [head, "", "| n x n | method | seconds | equilibria | support pairs |", "|---|---|---|---|---|"]
    print(head, flush=True)
    dead: set[str] = set()
    for n in args.sizes:
        pairs = sum(comb(n, k) ** 2 for k in range(1, n + 1))
        for method in args.only:
            if method in dead:
                row = f"| {n}x{n} | {method} | not run (slower size capped) | | {pairs:,} |"
            else:
                sec, k = timed(method, n, args.cap)
                if sec is None:
                    dead.add(method)
                    row = f"| {n}x{n} | {method} | > {args.cap:.0f} | | {pairs:,} |"
                else:
                    row = f"| {n}x{n} | {method} | {sec:.1f} | {k} | {pairs:,} |"
            lines.append(row)
            print(row, flush=True)
    if args.out:
        with open(args.out, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
