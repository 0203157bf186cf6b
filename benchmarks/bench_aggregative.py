"""Benchmark: Nash equilibrium of large public-goods alliances (run on demand).

    python benchmarks/bench_aggregative.py [--n 1000000] [--repeat 5]

Reports, in one run (with the load average; the solver and the numpy reference are timed in
alternating rounds, so their ratio is fair on a loaded machine):
* n = 10^6 heterogeneous allies (lognormal incomes), Cobb-Douglas with one alpha: the
  replacement-function solver (gametheory.continuous.PublicGoodsGame, game construction
  included) against a bare numpy solution (sort incomes, cumulative sums, pick the contributor
  set), with the ratio; also heterogeneous alphas and an impure public good (phi = 0.7);
* n = 10^3: the same solver against an independent generic scipy solver (scipy.optimize.root
  on the Fischer-Burmeister form of every ally's first-order condition), with the largest
  relative difference in G and in the contributions (target 1e-9) and the time ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy import optimize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's gametheory, not installed

from gametheory.continuous import CobbDouglas, PublicGoodsGame  # noqa: E402


def bare_numpy(incomes: np.ndarray, a: float) -> float:
    """BBV (1986) closed form: the k richest contribute, G_k = (1-a) S_k / (1 + (k-1) a)."""
    s = np.sort(incomes)[::-1]
    k = np.arange(1, s.size + 1)
    G = (1 - a) * np.cumsum(s) / (1 + (k - 1) * a)
    ok = s > a * G / (1 - a)
    return float(G[np.flatnonzero(ok)[-1]])


def scipy_generic(incomes: np.ndarray, alpha: np.ndarray, phi: float) -> np.ndarray:
    """Independent solver: every ally's KKT condition as one system, scipy.optimize.root."""
    n = incomes.size

    def marginal(q):
        q = np.clip(q, 0, incomes)
        G = q.sum()
        z = (1 - phi) * q + phi * G
        return (1 - alpha) / alpha * (incomes - q) / z - 1.0  # MRS - 1

    def fb(q):
        a, b = q, -marginal(q)
        return a + b - np.sqrt(a * a + b * b)

    best = None
    for method in ("df-sane", "hybr"):
        sol = optimize.root(fb, incomes / (2 * n), method=method, tol=1e-14)
        err = np.max(np.abs(fb(sol.x)))
        if best is None or err < best[1]:
            best = (sol.x, err)
        if err < 1e-12:
            break
    q = np.clip(best[0], 0, incomes)
    return np.where(q < 1e-13 * incomes.max(), 0.0, q)


def interleaved(fa, fb, repeat):
    """Best and median times of two functions called in alternating order (a loaded machine
    slows both alike), and their last results."""
    ta, tb, out = [], [], [None, None]
    for r in range(repeat):
        for k, (f, ts) in enumerate(((fa, ta), (fb, tb)) if r % 2 == 0 else ((fb, tb), (fa, ta))):
            t = time.perf_counter()
            res = f()
            ts.append(time.perf_counter() - t)
            out[0 if f is fa else 1] = res
    return (min(ta), float(np.median(ta)), out[0]), (min(tb), float(np.median(tb)), out[1])


def timed(fn, repeat):
    ts, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return min(ts), float(np.median(ts)), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10**6)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    inc = rng.lognormal(0.0, 1.0, args.n)
    a = 0.5

    print(f"load average (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    (tb, tbm, Gb), (ts, tsm, eq) = interleaved(
        lambda: bare_numpy(inc, a), lambda: PublicGoodsGame(inc, CobbDouglas(a)).nash(), args.repeat)
    print(f"n = {args.n:,} allies, Cobb-Douglas alpha = {a}, lognormal incomes (seed {args.seed}), timed interleaved")
    print(f"  bare numpy (sort + cumsum)      : best {tb:.4f} s  median {tbm:.4f} s  G = {Gb:.12g}")
    print(f"  replacement functions (Newton)  : best {ts:.4f} s  median {tsm:.4f} s  G = {eq.total:.12g}"
          f"  contributors = {eq.n_contributors}")
    print(f"  ratio solver / bare numpy       : best {ts / tb:.2f}x  median {tsm / tbm:.2f}x"
          f"  |dG|/G = {abs(eq.total - Gb) / Gb:.2e}")
    alphas = rng.uniform(0.2, 0.8, args.n)
    th, thm, eqh = timed(lambda: PublicGoodsGame(inc, CobbDouglas(alphas)).nash(), args.repeat)
    print(f"  heterogeneous alpha             : best {th:.4f} s  median {thm:.4f} s  contributors = {eqh.n_contributors}")
    ti, tim, eqi = timed(lambda: PublicGoodsGame(inc, CobbDouglas(alphas), spillover=0.7).nash(), args.repeat)
    print(f"  impure public good, phi = 0.7   : best {ti:.4f} s  median {tim:.4f} s  contributors = {eqi.n_contributors}")

    m = 1000
    inc3 = rng.lognormal(0.0, 1.0, m)
    al3 = rng.uniform(0.2, 0.8, m)
    print(f"\nn = {m} allies, heterogeneous alpha: replacement functions vs generic scipy root")
    for phi in (1.0, 0.7):
        t1, _, e = timed(lambda: PublicGoodsGame(inc3, CobbDouglas(al3), spillover=phi).nash(), 3)
        t2, _, q = timed(lambda: scipy_generic(inc3, al3, phi), 1)
        dG = abs(q.sum() - e.total) / e.total
        dq = np.max(np.abs(q - e.contributions)) / e.total
        print(f"  phi = {phi}: replacement {t1:.5f} s, scipy root {t2:.4f} s, ratio scipy/replacement {t2 / t1:.0f}x; "
              f"|dG|/G = {dG:.1e}, max|dq|/G = {dq:.1e}, contributors {e.n_contributors} vs {int((q > 0).sum())}"
              f"  {'OK' if max(dG, dq) <= 1e-9 else 'MISMATCH'}")


if __name__ == "__main__":
    main()
