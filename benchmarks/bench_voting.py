"""Time gt.voting_power (generating functions over integer weights) against brute force.

    PYTHONPATH=. python benchmarks/bench_voting.py [--repeat R]

Brute force enumerates the 2^n coalitions (pure Python, as a careful user would write it) and
is run for n = 15 only, where it still finishes; the generating-function path is timed for
n = 15, 30, 50 and 100 members with random integer weights 1..100 and a 2/3 quota, and for
unequal weights on a 1,000-vote scale (the NATO model's default), and checked against brute
force at n = 15.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from fractions import Fraction

import gametheory as gt


def brute_force(weights, quota):
    """Shapley-Shubik by enumerating every coalition of the others for every player."""
    n = len(weights)
    fact = [math.factorial(k) for k in range(n + 1)]
    out = []
    for i in range(n):
        others = [w for j, w in enumerate(weights) if j != i]
        total = 0
        for mask in range(1 << (n - 1)):
            w = s = 0
            for k in range(n - 1):
                if mask >> k & 1:
                    w += others[k]
                    s += 1
            if quota - weights[i] <= w < quota:
                total += fact[s] * fact[n - 1 - s]
        out.append(Fraction(total, fact[n]))
    return tuple(out)


def timed(f, *args, repeat=1, **kw):
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        out = f(*args, **kw)
        best = min(best, time.perf_counter() - t)
    return out, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(2026)
    print("| members | weights | quota | index | generating function (ms) | brute force (ms) | same |")
    print("|---:|---|---:|---|---:|---:|---|")
    for n in (15, 30, 50, 100):
        weights = [rng.randint(1, 100) for _ in range(n)]
        quota = math.ceil(Fraction(2, 3) * sum(weights))
        for index in ("shapley-shubik", "banzhaf"):
            ours, t = timed(gt.voting_power, weights, quota, index, repeat=args.repeat)
            brute, tb, same = None, None, ""
            if n == 15 and index == "shapley-shubik":
                brute, tb = timed(brute_force, weights, quota)
                same = "yes" if brute == ours else "NO"
            print(f"| {n} | 1..100 | {quota} | {index} | {1e3 * t:.1f} | "
                  f"{'' if tb is None else f'{1e3 * tb:.0f}'} | {same} |")
    for n in (30, 50):
        raw = sorted((rng.paretovariate(1.2) for _ in range(n)), reverse=True)
        votes = [max(1, round(1000 * w / sum(raw))) for w in raw]
        quota = math.ceil(Fraction(2, 3) * sum(votes))
        _, t = timed(gt.voting_power, votes, quota, repeat=args.repeat)
        print(f"| {n} | Pareto, {sum(votes)} votes | {quota} | shapley-shubik | {1e3 * t:.1f} |  |  |")


if __name__ == "__main__":
    main()
