"""n-player enumeration on degenerate games: supports whose indifference system is
positive-dimensional (issue 11, section 3), checked against an independent exact oracle."""

import itertools
import os
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

import gametheory as gt
from gametheory.solvers.polynomial import ContinuumWarning, polynomial_equilibria

# player 1 chooses the first index, player 2 the second, player 3 the third
U1 = [[[2, 0], [0, 0]], [[0, 1], [0, 0]]]
U2 = [[[0, 1], [2, 0]], [[0, 0], [0, 0]]]
U3 = [[[0, 0], [1, 0]], [[1, 0], [1, 0]]]


def solve_quietly(game, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        eqs = polynomial_equilibria(game, **kw)
    return eqs, [x.category for x in w]


# ---------------------------------------------------------------- the independent oracle


def deviation_payoffs(arrays, prof, i):
    """u_i(k, prof_{-i}) for each k, by brute force over pure profiles (sympy numbers)."""
    n = len(arrays)
    out = []
    for k in range(arrays[i].shape[i]):
        total = sp.Integer(0)
        for cell in itertools.product(*(range(m) for m in arrays[i].shape)):
            if cell[i] != k:
                continue
            w = sp.Integer(int(arrays[i][cell]))
            for j in range(n):
                if j != i:
                    w *= prof[j][cell[j]]
            total += w
        out.append(total)
    return out


def is_exact_equilibrium(arrays, prof):
    """Zero regret exactly for a rational profile; below 1e-20 (at 50 digits) otherwise."""
    rational = all(sp.sympify(x).is_Rational for row in prof for x in row)
    for i in range(len(arrays)):
        dev = deviation_payoffs(arrays, prof, i)
        cur = sum(d * p for d, p in zip(dev, prof[i]))
        for d in dev:
            gain = sp.expand(d - cur)
            if rational:
                if gain > 0:
                    return False
            elif sp.N(gain, 50) > 1e-20:
                return False
    return True


def real_points(eqs, unknowns, q):
    """The real solutions of a zero-dimensional system (none if it is not zero-dimensional),
    as profiles: rational ones exactly, the others to 50 digits.  From the exact lex
    Groebner basis, solved variable by variable (roots at 60 digits, each kept only if
    every basis polynomial vanishes there)."""
    if not unknowns:
        return [[list(row) for row in q]]
    G = sp.groebner(eqs, *unknowns, order="lex")
    if list(G.exprs) == [1] or not G.is_zero_dimensional:
        return []
    points = [{}]
    for x in reversed(unknowns):
        nxt = []
        for pt in points:
            done = set(pt) | {x}
            polys = [sp.Poly(g.xreplace(pt), x) for g in G.exprs if g.free_symbols <= done and x in g.free_symbols]
            polys = [p for p in polys if max(abs(c) for c in p.all_coeffs()) > 1e-40]
            if not polys:
                continue
            low = min(polys, key=lambda p: p.degree())
            for r in sp.Poly(low.as_expr(), x).nroots(n=60, maxsteps=200):
                if abs(sp.im(r)) > 1e-25:
                    continue
                r = sp.re(r)
                if all(abs(p.eval(r)) < 1e-20 for p in polys):
                    nxt.append({**pt, x: r})
        points = nxt
    out = []
    for pt in points:
        exact = {x: sp.nsimplify(v, rational=True, tolerance=1e-30) for x, v in pt.items()}
        if all(sp.expand(e.xreplace(exact)) == 0 for e in eqs):
            pt = exact
        out.append([[sp.sympify(x).xreplace(pt) for x in row] for row in q])
    return out


def oracle_vertices(arrays):
    """Every equilibrium that is an isolated solution of the system of some pair (S, B):
    p_i supported on S_i, and u_i(k, p_{-i}) equal for all k in B_i (S_i within B_i),
    every pair enumerated by brute force.  Each vertex (extreme point) of the
    equilibrium set is such a point.  Solved exactly with sympy.solve_poly_system."""
    shape = arrays[0].shape
    n = len(shape)

    def subsets(m):
        return [s for r in range(1, m + 1) for s in itertools.combinations(range(m), r)]

    found = []
    for supp in itertools.product(*(subsets(m) for m in shape)):
        # q_ik = 0 off the support; the last support probability is 1 minus the others
        q, unknowns = [], []
        for i, m in enumerate(shape):
            row = [sp.Integer(0)] * m
            for k in supp[i][:-1]:
                row[k] = sp.Symbol(f"q{i}_{k}")
                unknowns.append(row[k])
            row[supp[i][-1]] = sp.Integer(1) - sum((row[k] for k in supp[i][:-1]), sp.Integer(0))
            q.append(row)
        devs = [deviation_payoffs(arrays, q, i) for i in range(n)]
        choices = [[b for b in subsets(m) if set(supp[i]) <= set(b)] for i, m in enumerate(shape)]
        for best in itertools.product(*choices):
            eqs = [sp.expand(devs[i][k] - devs[i][best[i][0]]) for i in range(n) for k in best[i][1:]]
            eqs = [e for e in eqs if e != 0]
            if any(e.is_number for e in eqs) or len(eqs) < len(unknowns):
                continue  # inconsistent, or (Krull) too few equations to isolate a point
            for prof in real_points(eqs, unknowns, q):
                if all(sp.N(x, 50) >= -1e-40 for row in prof for x in row) and is_exact_equilibrium(arrays, prof):
                    if not any(near(prof, other) for other in found):
                        found.append(prof)
    return found


def near(a, b, tol=1e-9):
    return all(abs(float(x) - float(y)) <= tol for sa, sb in zip(a, b) for x, y in zip(sa, sb))


def check_against_oracle(arrays):
    """Returns (number of oracle vertices, whether the game had a continuum)."""
    game = gt.NormalFormGame([np.asarray(a, dtype=object) for a in arrays])
    eqs, cats = solve_quietly(game)
    # (b) every returned profile is an equilibrium: zero regret exactly
    for e in eqs:
        if e.exact:
            assert all(r == 0 for r in gt.regret(game, e.strategies)), e
        else:
            vals = [[sp.sympify(x) for x in s] for s in e.params["algebraic"]]
            assert is_exact_equilibrium(arrays, vals), e
    # (a) every oracle vertex is returned
    vertices = oracle_vertices(arrays)
    missing = [v for v in vertices if not any(near(e.strategies, v) for e in eqs)]
    complete = all(e.params["complete"] for e in eqs)
    # (c) complete=True only when nothing is missing (and the flag is the same on every result)
    assert not missing or not complete, f"missed {missing} yet complete=True"
    assert complete, "an unresolved system in a small game"
    assert len({e.params["complete"] for e in eqs}) <= 1
    # a continuum point lies in a positive-dimensional family of its (S, B) system
    cont = [e for e in eqs if e.params.get("continuum")]
    assert bool(cont) == (ContinuumWarning in cats)
    for e in cont:
        assert not any(near(e.strategies, v) for v in vertices)
    return len(vertices), bool(cont)


# ---------------------------------------------------------------- tests


def test_isolated_equilibrium_in_identically_indifferent_support():
    """Issue 11: player 3 is indifferent whatever she plays when players 1 and 2 play their
    first strategies, so the support's system holds identically; only r = 1/3 keeps both
    other players' first strategies best replies."""
    game = gt.NormalFormGame([U1, U2, U3])
    target = ((F(1), F(0)), (F(1), F(0)), (F(1, 3), F(2, 3)))
    assert gt.regret(game, target) == (0, 0, 0)
    # one step either way breaks it: r = 1/3 is isolated
    assert max(gt.regret(game, [(1, 0), (1, 0), (F(1, 3) + F(1, 100), F(2, 3) - F(1, 100))])) > 0
    assert max(gt.regret(game, [(1, 0), (1, 0), (F(1, 3) - F(1, 100), F(2, 3) + F(1, 100))])) > 0
    eqs, cats = solve_quietly(game)
    assert target in [e.strategies for e in eqs]
    assert all(e.params["complete"] for e in eqs)
    # player 1 mixing freely against (second, first) is a continuum; both ends are returned
    assert ContinuumWarning in cats
    ends = {((F(1), F(0)), (F(0), F(1)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1)), (F(1), F(0)))}
    assert ends <= {e.strategies for e in eqs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        assert target in [e.strategies for e in gt.solve(game)]  # method="auto" reaches it
        floats = [e.strategies for e in gt.solve(game.as_float())]
    assert any(all(abs(x - float(y)) < 1e-12 for s, t in zip(f, target) for x, y in zip(s, t)) for f in floats)
    check_against_oracle([np.array(U, dtype=object) for U in (U1, U2, U3)])


def test_continuum_warning_is_a_degenerate_game_warning():
    assert issubclass(ContinuumWarning, gt.DegenerateGameWarning)
    with pytest.warns(gt.DegenerateGameWarning):
        polynomial_equilibria(gt.NormalFormGame([U1, U2, U3]))


# GT_ORACLE_SCALE=8 runs eight times as many random games (192, 32 and 8) for a larger check;
# the default keeps this file near a minute
SCALE = int(os.environ.get("GT_ORACLE_SCALE", "1"))


def random_arrays(seed, shape):
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 3, shape).astype(object) for _ in shape]


@pytest.mark.parametrize("seed", range(24 * SCALE))
def test_random_222_against_oracle(seed):
    check_against_oracle(random_arrays(seed, (2, 2, 2)))


@pytest.mark.parametrize("seed", range(4 * SCALE))
def test_random_322_against_oracle(seed):
    check_against_oracle(random_arrays(1000 + seed, (3, 2, 2)))


@pytest.mark.parametrize("seed", range(SCALE))
def test_random_2222_against_oracle(seed):
    check_against_oracle(random_arrays(2000 + seed, (2, 2, 2, 2)))


def test_unresolved_stratum_gives_complete_false(monkeypatch):
    """When a positive-dimensional stratum cannot be decided, every result says
    complete=False and an IncompleteResultWarning explains why."""
    from gametheory.solvers import _semialgebraic

    monkeypatch.setattr(_semialgebraic, "MAX_CELLS", 0)
    with pytest.warns(gt.IncompleteResultWarning, match="too many cells"):
        eqs = polynomial_equilibria(gt.NormalFormGame([U1, U2, U3]))
    assert eqs and not any(e.params["complete"] for e in eqs)


def test_open_sample_decides_emptiness_exactly():
    from gametheory.solvers._semialgebraic import open_sample

    x, y = sp.symbols("x y")
    box = [x, 1 - x, y, 1 - y]
    # a single point (x = 1/3) is no open set: proved empty, not missed by a grid
    assert open_sample([x, 1 - x, 3 * x - 1, 1 - 3 * x], [], [x]) is None
    # a thin region between two curves: found exactly
    pt = open_sample(box + [x * y - F(1, 4) + F(1, 10**6), F(1, 4) - x * y], [], [x, y])
    assert pt is not None and F(1, 4) - F(1, 10**6) < pt[x] * pt[y] < F(1, 4)
    assert open_sample(box + [x * y - F(1, 4), F(1, 4) - x * y], [], [x, y]) is None
    # irrational boundaries: x^2 < 2 - y, y > x^2 + 1/2
    pt = open_sample(box + [2 - y - x**2, y - x**2 - F(1, 2)], [x - y], [x, y])
    assert pt is not None and pt[x] ** 2 < 2 - pt[y] and pt[y] > pt[x] ** 2 + F(1, 2) and pt[x] != pt[y]


def test_decompose_splits_on_vanishing_coefficient():
    from gametheory.solvers._semialgebraic import decompose

    x, y, z = sp.symbols("x y z")
    # x (2y - 1) = 0 with x > 0: only y = 1/2 survives; z stays free
    dec = decompose([x * (2 * y - 1)], [x, y, z], [x, 1 - x, y, 1 - y, z, 1 - z])
    assert dec.resolved and not dec.zero_dim
    assert [leaf.values for leaf in dec.leaves] == [{y: F(1, 2)}]
    # x y + z y - z = 0 has no constant pivot: x = z (1 - y) / y where y != 0, and the
    # branch y = 0 forces z = 0, which z > 0 rules out
    dec = decompose([x * y + z * y - z], [x, y, z], [x, y, z])
    assert dec.resolved and len(dec.leaves) == 1
    (leaf,) = dec.leaves
    assert leaf.side == [y] and sp.simplify(leaf.values[x] - z * (1 - y) / y) == 0


# games in which the old enumeration missed a vertex yet said complete=True (found by the
# oracle run over random games with payoffs 0..2), with the missed equilibrium
OLD_COMPLETE_BUT_MISSING = [
    (
        [[[[0, 2], [1, 0]], [[1, 1], [0, 2]]], [[[0, 1], [2, 2]], [[1, 0], [2, 0]]], [[[2, 1], [0, 2]], [[0, 1], [2, 0]]]],
        ((0, 1), (F(2, 3), F(1, 3)), (0, 1)),
    ),
    (
        [
            [[[2, 2], [2, 0]], [[2, 1], [0, 2]], [[1, 1], [1, 0]]],
            [[[0, 2], [0, 1]], [[1, 0], [1, 0]], [[0, 1], [1, 1]]],
            [[[1, 2], [1, 1]], [[1, 2], [2, 0]], [[2, 1], [1, 2]]],
        ],
        ((0, 1, 0), (F(2, 3), F(1, 3)), (0, 1)),
    ),
]


@pytest.mark.parametrize("payoffs, missed", OLD_COMPLETE_BUT_MISSING)
def test_previously_missed_while_complete(payoffs, missed):
    game = gt.NormalFormGame(payoffs)
    assert gt.regret(game, missed) == (0, 0, 0)
    eqs, _ = solve_quietly(game)
    assert tuple(tuple(F(x) for x in s) for s in missed) in [e.strategies for e in eqs]
    assert all(e.params["complete"] for e in eqs)
    check_against_oracle([np.array(a, dtype=object) for a in payoffs])


# a 2x2x2x2 game (numpy.random.default_rng(30018), payoffs 0..2) on which sympy's
# solve_poly_system ran for minutes inside one zero-dimensional support system whose lex
# basis is not in shape position (pygambit's enumpoly does not finish on it either)
OFF_SHAPE_2222 = [
    [[[[2, 2], [2, 0]], [[1, 0], [1, 2]]], [[[0, 1], [0, 0]], [[1, 0], [1, 0]]]],
    [[[[2, 2], [0, 2]], [[0, 1], [2, 1]]], [[[2, 1], [1, 0]], [[0, 0], [1, 0]]]],
    [[[[1, 1], [1, 0]], [[0, 1], [0, 0]]], [[[2, 0], [2, 2]], [[0, 0], [0, 1]]]],
    [[[[1, 1], [2, 2]], [[2, 1], [1, 1]]], [[[1, 2], [2, 0]], [[0, 2], [2, 1]]]],
]


def test_zero_dimensional_system_off_shape_position():
    check_against_oracle([np.array(a, dtype=object) for a in OFF_SHAPE_2222])


# rng 30031, payoffs 0..2: a root of the totally mixed support's stratum made a leaf's
# denominator vanish, and the NaN coordinates raised TypeError("Invalid NaN comparison")
NAN_LEAF_2222 = [
    [[[[0, 2], [1, 1]], [[1, 0], [1, 1]]], [[[2, 0], [1, 1]], [[1, 2], [2, 1]]]],
    [[[[2, 1], [1, 0]], [[1, 0], [2, 0]]], [[[0, 2], [0, 2]], [[2, 1], [2, 1]]]],
    [[[[2, 0], [0, 0]], [[1, 2], [0, 2]]], [[[1, 1], [0, 1]], [[0, 2], [1, 2]]]],
    [[[[1, 2], [0, 0]], [[1, 0], [2, 2]]], [[[1, 0], [1, 0]], [[0, 0], [1, 1]]]],
]


def test_leaf_denominator_vanishing_at_a_root():
    check_against_oracle([np.array(a, dtype=object) for a in NAN_LEAF_2222])


def test_candidates_of_a_lex_basis_off_shape_position():
    """Real points of a zero-dimensional system whose lex basis is not x - g(y), h(y)
    (three x for one y, a double root, complex points): exact, each once, complex ones dropped."""
    from gametheory.solvers.polynomial import _candidates, _is_shape

    x, y = sp.symbols("x y")
    G = sp.groebner([(x**2 - 2) * (x - 1), (y - F(1, 3)) ** 2 * (y**2 + 1)], x, y, order="lex")
    assert not _is_shape(list(G.exprs), [x, y])
    got = [(approx, exact()) for approx, exact in _candidates(G, [x, y])]
    want = [(-sp.sqrt(2), sp.Rational(1, 3)), (sp.Integer(1), sp.Rational(1, 3)), (sp.sqrt(2), sp.Rational(1, 3))]
    got.sort(key=lambda p: p[0][x])
    assert len(got) == len(want)
    for (approx, ex), (wx, wy) in zip(got, want):
        assert sp.simplify(ex[x] - wx) == 0 and ex[y] == wy and set(ex) == {x, y}
        assert approx == pytest.approx({x: float(wx), y: float(wy)})
