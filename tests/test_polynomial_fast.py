"""The fast n-player support enumeration (issue 15, item 1): vectorized support screen,
resultant/Cramer elimination in python-flint, certified root isolation.  Checked against
independent oracles: the Groebner-basis path of the previous implementation run on every
support profile, pygambit's enumpoly, exact regret, and exact algebraic values."""

import itertools
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from pygambit_oracle import run_oracle

import gametheory as gt
from gametheory.solvers import polynomial as P
from gametheory.solvers._supports import subsets, viable_profiles
from gametheory.solvers.polynomial import ContinuumWarning, polynomial_equilibria
from gametheory.solvers.pure import exact_integer_payoffs


def quiet(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        return polynomial_equilibria(game, **kw)


def groebner_oracle(game):
    """Every support profile solved by the previous implementation's Groebner-basis path
    (sympy lex bases, no screen, no resultants)."""
    arrays = P._exact_arrays(game)
    out = P._Found(game, game.player_tols(None), [exact_integer_payoffs(a) for a in arrays])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)
        for supp in itertools.product(*(subsets(m) for m in game.shape)):
            P._groebner_support(arrays, game.shape, supp, out, out.game_f)
        return out.finish()


def near(a, b, tol=1e-9):
    return all(abs(float(x) - float(y)) <= tol for sa, sb in zip(a, b) for x, y in zip(sa, sb))


def same_set(ours, theirs, tol=1e-9):
    return len(ours) == len(theirs) and all(any(near(o.strategies, t.strategies, tol) for o in ours) for t in theirs)


def random_game(seed, shape, kind):
    rng = np.random.default_rng(seed)
    if kind == "int":
        return gt.NormalFormGame([rng.integers(-99, 100, shape) for _ in shape])
    return gt.NormalFormGame([rng.random(shape) for _ in shape])


def exact_value_check(game, e):
    """The algebraic values of an irrational equilibrium: probabilities sum to one and every
    support strategy is a best reply, evaluated at 60 digits from the exact expressions."""
    vals = [[sp.sympify(x) for x in s] for s in e.params["algebraic"]]
    num = [[sp.N(x, 60) for x in s] for s in vals]
    for i in range(game.n_players):
        assert abs(sum(num[i]) - 1) < 1e-50
        dev = []
        for k in range(game.shape[i]):
            total = 0
            for cell in itertools.product(*(range(m) for m in game.shape)):
                if cell[i] != k:
                    continue
                w = sp.Rational(game.payoffs[i][cell])
                for j in range(game.n_players):
                    if j != i:
                        w *= num[j][cell[j]]
                total += w
            dev.append(total)
        best = max(dev)
        assert all(abs(dev[k] - best) < 1e-40 for k in e.supports[i])
        assert all(abs(float(x) - float(y)) < 1e-12 for x, y in zip(num[i], e.strategies[i]))


CORPUS = [
    *[(s, (2, 2, 2), "int") for s in range(4)],
    *[(s, (2, 2, 2), "float") for s in range(2)],
    *[(s, (3, 2, 2), "int") for s in range(3)],
    *[(s, (3, 2, 2), "float") for s in range(1)],
    *[(s, (2, 2, 2, 2), "int") for s in range(2)],
    *[(s, (3, 3, 2), "int") for s in range(2)],
    (0, (3, 3, 3), "int"),
]


@pytest.mark.parametrize("seed, shape, kind", CORPUS)
def test_same_equilibria_as_groebner_path_on_every_support(seed, shape, kind):
    g = random_game(seed, shape, kind)
    ours = quiet(g)
    oracle = groebner_oracle(g)
    assert same_set(ours, oracle)
    for e in ours:
        if e.exact:
            assert all(r == 0 for r in gt.regret(g, e.strategies))
        else:
            assert max(gt.regret(g.as_float(), e.strategies)) <= 1e-9
            if e.params.get("irrational"):
                exact_value_check(g, e)
    # random real payoffs are generic: an odd number of equilibria (Wilson 1971)
    if kind == "float":
        assert len(ours) % 2 == 1


def test_screen_keeps_every_equilibrium_support():
    """Conditional weak dominance never drops a support that carries an equilibrium, and
    for pure profiles it is exactly the Nash condition."""
    for seed in range(30):
        rng = np.random.default_rng(seed)
        shape = [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)][seed % 3]
        arrays = [rng.integers(-3, 4, shape) for _ in shape]
        g = gt.NormalFormGame(arrays)
        viable = set(viable_profiles(arrays))
        for e in quiet(g, prune=False):
            assert e.supports in viable
        pure = {p for p in viable if all(len(s) == 1 for s in p)}
        nash = {tuple((s,) for s in e.pure_profile) for e in gt.pure_equilibria(g)}
        assert pure == nash


def _enumpoly(arrays):
    import pygambit

    game = pygambit.Game.from_arrays(*arrays)
    res = pygambit.nash.enumpoly_solve(game)
    return [[[float(eq[p][s]) for s in p.strategies] for p in game.players] for eq in res.equilibria]


@pytest.mark.parametrize("seed", [0, 1])
def test_irrational_equilibrium_pygambit_misses(seed):
    # 3x3x2 games with payoffs -9..9 (numpy seeds 0 and 1) whose irrational equilibrium
    # enumpoly (pygambit 16.7) does not report; we return it with exact algebraic values
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-9, 10, (3, 3, 2)) for _ in range(3)]
    g = gt.NormalFormGame(arrays)
    eqs = quiet(g)
    theirs = run_oracle(_enumpoly, [np.asarray(a, dtype=float) for a in arrays])
    assert all(any(near(e.strategies, t, 1e-5) for e in eqs) for t in theirs)
    extra = [e for e in eqs if not any(near(e.strategies, t, 1e-5) for t in theirs)]
    assert extra and all(e.params.get("irrational") for e in extra)
    for e in extra:
        exact_value_check(g, e)
    assert same_set(eqs, groebner_oracle(g))


def test_irrational_point_of_a_two_dimensional_hidden_block():
    """3x3x3: equilibria in supports where two players mix over three strategies go through
    Cramer's rule on 2x2 blocks; the irrational ones keep exact values (seed 10: one in
    support ((0, 2), (0, 1, 2), (0, 1, 2)))."""
    g = random_game(10, (3, 3, 3), "int")
    eqs = quiet(g)
    irr = [e for e in eqs if e.params.get("irrational")]
    assert any(sum(len(s) == 3 for s in e.supports) >= 2 for e in irr)
    for e in irr:
        exact_value_check(g, e)


# ---------------------------------------------------------------- properties

SHAPES = st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 2, 2)])


def key_set(eqs):
    return sorted(tuple(round(float(x), 9) for s in e.strategies for x in s) for e in eqs)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), SHAPES)
def test_no_profitable_deviation(seed, shape):
    rng = np.random.default_rng(seed)
    g = gt.NormalFormGame([rng.integers(-20, 21, shape) for _ in shape])
    eqs = quiet(g)
    assert eqs  # Nash (1951)
    for e in eqs:
        if e.exact:
            assert all(r == 0 for r in gt.regret(g, e.strategies))
            assert all(all(e.strategies[i][k] > 0 for k in e.supports[i]) for i in range(g.n_players))
        else:
            assert max(gt.regret(g.as_float(), e.strategies)) <= 1e-9


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), SHAPES, st.data())
def test_invariant_under_affine_payoff_changes(seed, shape, data):
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-20, 21, shape) for _ in shape]
    scale = [data.draw(st.fractions(F(1, 7), 9)) for _ in shape]
    shift = [data.draw(st.integers(-50, 50)) for _ in shape]
    moved = []
    for a, c, d in zip(arrays, scale, shift):
        b = np.empty(a.size, dtype=object)
        b[:] = [c * F(int(x)) + d for x in a.ravel()]
        moved.append(b.reshape(a.shape))
    ours = quiet(gt.NormalFormGame(arrays))
    theirs = quiet(gt.NormalFormGame(moved))
    assert key_set(ours) == key_set(theirs)
    assert sorted(e.strategies for e in ours if e.exact) == sorted(e.strategies for e in theirs if e.exact)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), SHAPES, st.data())
def test_invariant_under_relabeling(seed, shape, data):
    rng = np.random.default_rng(seed)
    n = len(shape)
    arrays = [rng.integers(-20, 21, shape) for _ in shape]
    order = data.draw(st.permutations(range(n)))  # new player r is old player order[r]
    perms = [data.draw(st.permutations(range(m))) for m in shape]  # new strategy t of i is old perms[i][t]
    relabeled = []
    for r in range(n):
        a = arrays[order[r]]
        for i in range(n):
            a = np.take(a, perms[i], axis=i)
        relabeled.append(np.transpose(a, order))
    ours = quiet(gt.NormalFormGame(arrays))
    theirs = quiet(gt.NormalFormGame(relabeled))
    mapped = []
    for e in ours:
        strat = [[e.strategies[order[r]][perms[order[r]][t]] for t in range(shape[order[r]])] for r in range(n)]
        mapped.append(tuple(round(float(x), 9) for s in strat for x in s))
    assert sorted(mapped) == key_set(theirs)


def test_float_three_by_three_by_three_is_small_enough():
    # the float cap (4 unknowns) is gone: such games now solve in well under a second
    g = random_game(3, (3, 3, 3), "float")
    assert P.is_small_enough(g)
    eqs = quiet(g)
    assert len(eqs) % 2 == 1
    assert all(max(gt.regret(g, e.strategies)) <= 1e-9 for e in eqs)
