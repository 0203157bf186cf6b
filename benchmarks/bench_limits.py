"""Timings that the test suite used to assert and now only checks functionally (run on demand:
python benchmarks/bench_limits.py).

1. Vectorized ``solve_many`` of two closed-form registry models (repeated PD thresholds;
   alliance cooperation, Snyder 1984) over 10^6 parameter points each.
2. ``to_table(..., format="csv")`` of a 200,000-row numeric frame.
3. The Gambit parsers: a header declaring 10^15 cells (refused before anything is allocated)
   and the slowest of a few thousand randomly mutated valid files.

The 10^6-point sweep of the volunteer's dilemma is timed in bench_sweep.py.  Wall-clock figures
depend on the machine and its load, so tests never assert them; this script prints them, with
the process CPU time beside each (less sensitive to other load).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import gametheory as gt  # noqa: E402
from gametheory.errors import ParseError  # noqa: E402
from gametheory.io.gambit import format_efg, format_nfg, parse_efg, parse_nfg  # noqa: E402
from models.registry import MODELS  # noqa: E402


def timed(f, *a, **k):
    """(result, wall seconds, CPU seconds)."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = f(*a, **k)
    return out, time.perf_counter() - t0, time.process_time() - c0


def report(what: str, wall: float, cpu: float) -> None:
    print(f"{what:<58} {wall:8.3f} s wall {cpu:8.3f} s CPU")


def bench_solve_many(n: int) -> None:
    rng = np.random.default_rng(0)
    _, w, c = timed(MODELS["repeated-pd"].solve_many, T=np.full(n, 5.0), R=np.full(n, 3.0), P=np.full(n, 1.0),
                    S=np.zeros(n), delta=rng.random(n))
    report(f"repeated-pd solve_many, {n:,} points", w, c)
    _, w, c = timed(MODELS["alliance-cooperation"].solve_many, threat=rng.uniform(0.05, 2, n), cost=np.ones(n),
                    capability=rng.uniform(0.05, 0.95, n), delta=rng.random(n))
    report(f"alliance-cooperation solve_many, {n:,} points", w, c)


def bench_csv(n: int) -> None:
    df = pd.DataFrame({"x": np.linspace(0, 1, n), "k": np.arange(n), "y": np.where(np.arange(n) % 7 == 0, np.nan, 1.5)})
    _, w, c = timed(gt.to_table, df, format="csv")
    report(f"to_table csv, {n:,} rows", w, c)


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(max(1, len(text)))
        op = rng.choice(["delete", "insert", "replace", "truncate", "duplicate"])
        if op == "delete":
            text = text[:i] + text[i + rng.randint(0, 8):]
        elif op == "insert":
            text = text[:i] + "".join(rng.choice('{}"0123456789/.,- \nptcRDNFGe') for _ in range(rng.randint(0, 6))) + text[i:]
        elif op == "replace":
            text = text[:i] + rng.choice('{}"9/0-\n ptc') + text[i + 1:]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + text[i:i + 30] + text[i:]
    return text


def _slowest(parse, valid: str, n: int) -> tuple[float, float]:
    rng = random.Random(0)
    worst = (0.0, 0.0)
    for _ in range(n):
        text = _mutate(valid, rng)
        c0, t0 = time.process_time(), time.perf_counter()
        try:
            parse(text)
        except ParseError:
            pass
        worst = max(worst, (time.perf_counter() - t0, time.process_time() - c0))
    return worst


def bench_parsers(n: int) -> None:
    def huge():
        try:
            parse_nfg('NFG 1 R "t" { "a" "b" "c" }\n{ 100000 100000 100000 }\n1 2 3')
        except ParseError:
            pass

    _, w, c = timed(huge)
    report("parse_nfg, header declaring 10^15 cells", w, c)
    nfg = format_nfg(gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    t = gt.ExtensiveFormGame(players=["A", "B"])
    x, y = t.decision(t.root, "A", ["L", "R"])
    for v in t.decision(x, "B", ["l", "r"], infoset="H") + t.decision(y, "B", ["l", "r"], infoset="H"):
        t.terminal(v, [1, 2])
    efg = format_efg(t)
    report(f"parse_nfg, slowest of {n:,} mutated files", *_slowest(parse_nfg, nfg, n))
    report(f"parse_efg, slowest of {n:,} mutated files", *_slowest(parse_efg, efg, n))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = ap.parse_args()
    bench_solve_many(10**5 if args.quick else 10**6)
    bench_csv(2 * 10**4 if args.quick else 2 * 10**5)
    bench_parsers(200 if args.quick else 3000)


if __name__ == "__main__":
    main()
