"""Lemke-Howson per call, ours against quantecon, for the gametheory package under a given directory.

    git archive main gametheory | tar -x -C /tmp/main_src
    python benchmarks/bench_lh_versions.py /tmp/main_src      # main's code
    python benchmarks/bench_lh_versions.py .                  # this checkout

Run the two alternately (the machine is shared); each prints ours and quantecon's median time
per call in the same process, and their ratio.
"""

import statistics
import sys
import time
sys.path.insert(0, sys.argv[1])
import numpy as np
import quantecon.game_theory as qe
import gametheory as gt
rng = np.random.default_rng(99)
out = []
for m, exact in ((3, False), (6, False), (3, True)):
    mats = [rng.integers(-50, 51, (2, m, m)) if exact else rng.random((2, m, m)) for _ in range(100)]
    games = [gt.NormalFormGame.from_bimatrix(a.tolist(), b.tolist()) if exact else gt.NormalFormGame.from_bimatrix(a, b) for a, b in mats]
    qg = [qe.NormalFormGame((qe.Player(np.asarray(a, float)), qe.Player(np.asarray(b, float).T))) for a, b in mats]
    qe.lemke_howson(qg[0])
    to, tq = [], []
    for r in range(5):
        t = time.perf_counter(); [gt.lemke_howson(g, initial_label=0) for g in games]; to.append(time.perf_counter() - t)
        t = time.perf_counter(); [qe.lemke_howson(g, init_pivot=0) for g in qg]; tq.append(time.perf_counter() - t)
    o, q = statistics.median(to) / 100, statistics.median(tq) / 100
    out.append(f"{m}x{m} {'exact' if exact else 'float'}: ours {o*1e6:.0f} us, qe {q*1e6:.1f} us, ratio {o/q:.0f}x")
print(" | ".join(out))
