"""lrsnash (lrslib) as an oracle for the extreme equilibria and Nash subsets of two-player games.

lrsnash (Avis, Rosenberg, Savani & von Stengel 2010) prints, for every vertex ``x`` of
player 1's best-response polytope that is part of an equilibrium, a block of lines
``2 y_1 ... y_n u`` (the vertices ``y`` of player 2 that complete it) followed by
``1 x_1 ... x_m v``: every pair ``(x, y)`` of a block is an extreme equilibrium and
``{x} x conv(Y_x)`` is a set of equilibria.  The maximal cliques (maximal Nash subsets)
of the bipartite graph of these pairs are computed here by brute force over subsets of
the ``x`` vertices, independently of ``gametheory.solvers.components``.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import tempfile
from fractions import Fraction


def game_text(A, B) -> str:
    """lrsnash's input format: ``m n``, then A's rows, then B's rows."""
    m, n = len(A), len(A[0])
    rows = lambda M: "\n".join(" ".join(str(v) for v in r) for r in M)
    return f"{m} {n}\n\n{rows(A)}\n\n{rows(B)}\n"


def run(A, B) -> str:
    """lrsnash's raw output for the game (lrsnash must be on PATH)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(game_text(A, B))
        path = f.name
    try:
        return subprocess.run(["lrsnash", path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)


def parse(out: str, m: int, n: int) -> list[tuple[list[tuple], list[tuple]]]:
    """lrsnash's blocks as ``(xs, ys)`` lists of exact strategies."""
    blocks, ys, xs = [], [], []
    for line in out.splitlines():
        tok = line.split()
        if not tok or tok[0] not in ("1", "2"):
            continue
        if tok[0] == "2":
            if xs:
                blocks.append((xs, ys))
                xs, ys = [], []
            ys.append(tuple(Fraction(t) for t in tok[1:1 + n]))
        else:
            xs.append(tuple(Fraction(t) for t in tok[1:1 + m]))
    if xs:
        blocks.append((xs, ys))
    return blocks


def edges(blocks) -> set[tuple[tuple, tuple]]:
    return {(x, y) for xs, ys in blocks for x in xs for y in ys}


def maximal_cliques(pairs: set) -> set[tuple[frozenset, frozenset]]:
    """Maximal bicliques ``(X', Y')`` of the bipartite graph with edge set ``pairs``, by brute force."""
    X = sorted({x for x, _ in pairs})
    Y = sorted({y for _, y in pairs})
    found = set()
    for r in range(1, len(X) + 1):
        for sub in itertools.combinations(X, r):
            common = frozenset(y for y in Y if all((x, y) in pairs for x in sub))
            if not common:
                continue
            closed = frozenset(x for x in X if all((x, y) in pairs for y in common))
            if closed == frozenset(sub):
                found.add((closed, common))
    return found


def components(pairs: set) -> set[frozenset]:
    """Connected components of the bipartite graph, each as its set of edges."""
    comps = []
    for e in sorted(pairs):
        comps.append({e})
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(range(len(comps)), 2):
            va = {x for x, _ in comps[a]} | {("y",) + y for _, y in comps[a]}
            vb = {x for x, _ in comps[b]} | {("y",) + y for _, y in comps[b]}
            if va & vb:
                comps[a] |= comps.pop(b)
                merged = True
                break
    return {frozenset(c) for c in comps}


CLASSICS = [
    # row player's first strategy is a best response to everything: a segment of equilibria
    ([[1, 1], [0, 0]], [[1, 1], [0, 0]]),
    ([[1, 1], [0, 1], [1, 0]], [[2, 1], [0, 1], [1, 0]]),
    ([[1, 1, 1], [0, 0, 0]], [[1, 1, 0], [1, 1, 0]]),
    ([[0, 0], [0, 0]], [[0, 0], [0, 0]]),  # every profile is an equilibrium
    ([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]),  # von Stengel 2007, fig. 3.3 (degenerate variant)
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 1, 0], [0, 1, 1], [1, 0, 1]]),
]


def degenerate_games(count: int = 40, seed: int = 2026) -> list[tuple[list, list]]:
    """The fixture games: the classics above, then random ``m x n`` games (2 to 5
    strategies) with payoffs in ``0..2`` (ties make most of them degenerate)."""
    rng = random.Random(seed)
    games = [(A, B) for A, B in CLASSICS]
    while len(games) < count:
        m, n = rng.randint(2, 5), rng.randint(2, 5)
        hi = rng.choice([1, 2, 2, 3])
        A = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
        B = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
        games.append((A, B))
    return games
