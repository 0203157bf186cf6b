"""Two-player solvers: hypothesis invariants and cross-checks against pygambit and nashpy.

Invariants (Nash 1951; von Stengel 2007): every returned profile has zero regret, exactly
for exact games; the equilibrium set is unchanged by positive affine changes of either
player's payoffs and moves with permutations of strategies and the swap of the players.
Cross-checks: on random games support enumeration, vertex enumeration and pygambit's
enummixed (rational) give the same set; every equilibrium nashpy reports (support and
vertex enumeration; nashpy may miss some) and every Lemke-Howson result lies in it.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.equilibrium import same_profile
from gametheory.solvers.lemke_howson import lemke_howson
from gametheory.solvers.support_enumeration import support_enumeration
from gametheory.solvers.vertex_enumeration import DegenerateGameWarning, vertex_enumeration

from test_two_player import gambit_set, profiles

# degenerate games are expected among random integer games; the flag is checked explicitly
pytestmark = pytest.mark.filterwarnings("ignore::gametheory.solvers._bimatrix.DegenerateGameWarning")


@st.composite
def int_games(draw, max_dim=4, lo=-5, hi=5):
    m = draw(st.integers(1, max_dim))
    n = draw(st.integers(1, max_dim))
    cell = st.integers(lo, hi)
    A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    return A, B


def solve_all(g):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return vertex_enumeration(g), support_enumeration(g), lemke_howson(g)


@given(int_games())
def test_zero_regret_and_agreement_with_gambit(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    ve, se, lh = solve_all(g)
    for e in ve + se + lh:
        assert e.exact and gt.regret(g, e) == (0, 0)
    # degenerate or not, the extreme equilibria agree with Gambit's enummixed
    assert profiles(ve) == profiles(se) == gambit_set(A, B)
    assert profiles(lh) <= profiles(ve)
    assert len(ve) == len(profiles(ve))
    assert len({e.params["degenerate"] for e in ve + se}) == 1


def _permuted(eq, rows, cols):
    x, y = eq
    return tuple(x[k] for k in rows), tuple(y[k] for k in cols)


@given(int_games(), st.data())
def test_invariance(game, data):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    m, n = g.shape
    ve, se, lh = solve_all(g)
    base = profiles(ve)
    degenerate = ve[0].params["degenerate"]

    a = data.draw(st.fractions(F(1, 7), 9), label="scale 0")
    c = data.draw(st.fractions(F(1, 7), 9), label="scale 1")
    b = data.draw(st.integers(-20, 20), label="shift 0")
    d = data.draw(st.integers(-20, 20), label="shift 1")
    g2 = g.affine(0, a, b).affine(1, c, d)
    ve2, se2, lh2 = solve_all(g2)
    assert profiles(ve2) == profiles(se2) == base
    if not degenerate:
        assert profiles(lh2) == profiles(lh)

    rows = data.draw(st.permutations(range(m)), label="rows")
    cols = data.draw(st.permutations(range(n)), label="cols")
    g3 = g.permute_strategies(0, rows).permute_strategies(1, cols)
    ve3, se3, lh3 = solve_all(g3)
    want = {_permuted(p, rows, cols) for p in base}
    assert profiles(ve3) == profiles(se3) == want
    if not degenerate:
        assert profiles(lh3) == {_permuted(p, rows, cols) for p in profiles(lh)}

    g4 = g.permute_players([1, 0])
    ve4, se4, lh4 = solve_all(g4)
    assert profiles(ve4) == profiles(se4) == {(y, x) for x, y in base}
    if not degenerate:
        assert profiles(lh4) == {(y, x) for x, y in profiles(lh)}


@settings(max_examples=25)
@given(int_games(max_dim=5, lo=0, hi=1000), st.integers(0, 2**32 - 1))
def test_float_games_match_exact(game, seed):
    """Float solves agree, within the tolerance, with exact solves of the same numbers."""
    A, B = game
    rng = np.random.default_rng(seed)
    Af = np.array(A, float) / 1000 + rng.random(np.shape(A)) * 1e-3
    Bf = np.array(B, float) / 1000 + rng.random(np.shape(B)) * 1e-3
    gf = gt.NormalFormGame.from_bimatrix(Af, Bf)
    ge = gf.as_exact()
    exact = profiles(solve_all(ge)[0])
    for eqs in solve_all(gf)[:2]:
        assert len(eqs) == len(exact)
        for e in eqs:
            assert gt.is_equilibrium(gf, e)
            assert any(same_profile(e.strategies, p, tol=1e-9) for p in exact)


# ----------------------------------------------------------------------------- random cross-checks
SIZES = [(2, 2), (2, 3), (3, 2), (3, 3), (3, 4), (4, 4), (4, 5), (5, 5)]
PER_SIZE = 25


def _nashpy_sets(A, B):
    gm = nashpy.Game(np.array(A, float), np.array(B, float))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sup = list(gm.support_enumeration(non_degenerate=True))
        ver = list(gm.vertex_enumeration())
    return sup, ver


def _in(prof, exact_set, tol=1e-7):
    return any(same_profile(prof, p, tol=tol) for p in exact_set)


@pytest.mark.parametrize("size", SIZES, ids=[f"{m}x{n}" for m, n in SIZES])
def test_random_nondegenerate_games_cross_checked(size):
    """PER_SIZE random nondegenerate integer games per size against pygambit and nashpy."""
    m, n = size
    rng = np.random.default_rng(1000 * m + n)
    checked = 0
    skipped_degenerate = 0
    while checked < PER_SIZE:
        A = rng.integers(-50, 51, (m, n)).tolist()
        B = rng.integers(-50, 51, (m, n)).tolist()
        g = gt.NormalFormGame.from_bimatrix(A, B)
        ve, se, lh = solve_all(g)
        if ve[0].params["degenerate"]:
            # degenerate: the extreme equilibria still agree with Gambit's
            assert profiles(ve) == profiles(se) == gambit_set(A, B)
            skipped_degenerate += 1
            continue
        ours = profiles(ve)
        assert ours == profiles(se) == gambit_set(A, B)
        assert len(ours) % 2 == 1  # nondegenerate games have an odd number (Shapley 1974)
        assert profiles(lh) <= ours
        sup, ver = _nashpy_sets(A, B)
        for prof in sup + ver:
            assert _in(prof, ours), (A, B, prof)
        union = {tuple(tuple(round(float(p), 9) for p in s) for s in prof) for prof in sup + ver}
        assert len(union) <= len(ours)
        # float versions of the same games
        gf = gt.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
        for eqs in solve_all(gf)[:2]:
            assert len(eqs) == len(ours) and all(_in(e.strategies, ours, 1e-9) for e in eqs)
        checked += 1
    print(f"\n{m}x{n}: {checked} nondegenerate games cross-checked (and {skipped_degenerate} degenerate ones against gambit only)")
    assert checked == PER_SIZE


def test_random_uniform_float_games_against_gambit():
    """Games with payoffs uniform on [0, 1): float results against gambit's exact enummixed."""
    rng = np.random.default_rng(99)
    count = 0
    for n in (3, 4, 5, 6):
        for _ in range(5):
            A, B = rng.random((n, n)), rng.random((n, n))
            gf = gt.NormalFormGame.from_bimatrix(A, B)
            ge = gf.as_exact()
            want = gambit_set(ge.payoffs[0].tolist(), ge.payoffs[1].tolist())
            ve, se, lh = solve_all(gf)
            assert len(ve) == len(se) == len(want)
            for e in ve + se + lh:
                assert gt.is_equilibrium(gf, e) and _in(e.strategies, want, 1e-9)
            exact = vertex_enumeration(ge)
            assert profiles(exact) == want
            count += 1
    assert count == 20


def _random_nondegenerate(rng, count, max_dim=5):
    out = []
    while len(out) < count:
        m, n = (int(v) for v in rng.integers(2, max_dim + 1, size=2))
        A, B = rng.integers(-50, 51, (m, n)), rng.integers(-50, 51, (m, n))
        g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
        if not vertex_enumeration(g)[0].params["degenerate"]:
            out.append((A, B, g))
    return out


def test_lemke_howson_float_and_exact_paths_end_alike():
    """In a nondegenerate game the path from each label is unique: float and exact agree."""
    rng = np.random.default_rng(31)
    for A, B, g in _random_nondegenerate(rng, 25):
        gf = gt.NormalFormGame.from_bimatrix(A.astype(float), B.astype(float))
        for k in range(sum(g.shape)):
            (e,) = lemke_howson(g, initial_label=k)
            (f,) = lemke_howson(gf, initial_label=k)
            assert same_profile(f.strategies, e.strategies, tol=1e-9)


def test_lemke_howson_endpoints_match_quantecon():
    """Each path's endpoint against quantecon's lemke_howson (init_pivot = dropped label)."""
    import quantecon.game_theory as qg  # a test extra

    rng = np.random.default_rng(11)
    for A, B, g in _random_nondegenerate(rng, 20):
        qgame = qg.NormalFormGame((qg.Player(A), qg.Player(B.T)))
        for k in range(sum(g.shape)):
            (e,) = lemke_howson(g, initial_label=k)
            xq, yq = qg.lemke_howson(qgame, init_pivot=k)
            assert same_profile(e.strategies, (xq, yq), tol=1e-9)
