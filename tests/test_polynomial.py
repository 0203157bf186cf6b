"""All equilibria of small n-player games by polynomial support enumeration."""

import warnings
from fractions import Fraction as F

import numpy as np
import pygambit
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import gametheory as gt
from gametheory.solvers.polynomial import ContinuumWarning, is_small_enough, polynomial_equilibria
from pygambit_oracle import OracleBudget, run_oracle


def gambit_222(outcomes):
    """A 2x2x2 game from Gambit's outcome list (player 1's strategy varies fastest)."""
    arrs = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for k, pay in enumerate(outcomes):
        for i in range(3):
            arrs[i][k % 2, (k // 2) % 2, k // 4] = pay[i]
    return gt.NormalFormGame(arrs)


# Gambit contrib/games/2x2x2.nfg: "2x2x2 Example from McKelvey-McLennan, with 9 Nash equilibria, 2 totally mixed"
MM = [(9, 8, 12), (0, 0, 0), (0, 0, 0), (9, 8, 2), (0, 0, 0), (3, 4, 6), (3, 4, 6), (0, 0, 0)]
# Gambit contrib/games/2x2x2-nau.nfg: "3 pure, 2 incompletely mixed, and a continuum of completely mixed NE"
NAU = [(0, 0, 2), (3, 0, 0), (0, 3, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (0, 0, 3)]


def _enumpoly(arrays):
    g = pygambit.Game.from_arrays(*arrays)
    res = pygambit.nash.enumpoly_solve(g)
    return [[[float(eq[p][s]) for s in p.strategies] for p in g.players] for eq in res.equilibria]


def pygambit_set(game, oracle=run_oracle):
    """pygambit's enumpoly equilibria, in a child process (enumpoly can hang: see pygambit_oracle)."""
    return oracle(_enumpoly, [np.asarray(a, dtype=float) for a in game.payoffs])


def close(a, b, tol=1e-6):
    return all(abs(float(x) - float(y)) <= tol for sa, sb in zip(a, b) for x, y in zip(sa, sb))


def same_sets(ours, theirs, tol=1e-6):
    return len(ours) == len(theirs) and all(any(close(o.strategies, t, tol) for o in ours) for t in theirs)


def test_mckelvey_mclennan_nine_equilibria():
    g = gambit_222(MM)
    eqs = polynomial_equilibria(g)
    assert len(eqs) == 9
    assert sum(1 for e in eqs if all(len(s) == 2 for s in e.supports)) == 2  # two totally mixed
    for e in eqs:
        assert e.exact and e.method == "polynomial" and e.params["complete"]
        assert all(r == 0 for r in gt.regret(g, e.strategies))  # exact check
    mixed = sorted(e.strategies for e in eqs if all(len(s) == 2 for s in e.supports))
    assert mixed == [((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))),
                     ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4)))]
    assert same_sets(eqs, pygambit_set(g))


def test_continuum_is_reported():
    g = gambit_222(NAU)
    with pytest.warns(ContinuumWarning, match="continuum"):
        eqs = polynomial_equilibria(g)
    pure = sorted(e.pure_profile for e in eqs if e.is_pure)
    assert pure == [(0, 1, 0), (1, 0, 0), (1, 1, 1)]
    cont = [e for e in eqs if e.params.get("continuum")]
    assert any(all(len(s) == 2 for s in e.supports) for e in cont)  # the completely mixed continuum
    # the completely mixed continuum r = 1/4, p = 3(1 - q)/(3 - q) ends at two partly mixed vertices
    assert {((1, 0), (0, 1), (F(1, 4), F(3, 4))), ((0, 1), (1, 0), (F(1, 4), F(3, 4)))} <= {e.strategies for e in eqs}
    for e in eqs:
        assert e.params["complete"] and e.params["degenerate"]  # vertices of every continuum, exactly
        assert all(r == 0 for r in gt.regret(g, e.strategies))


def irrational_game():
    """Player 1 indifferent iff q r = 1/2, player 2 iff r = p, player 3 iff p = q
    (p, q, r: probabilities of strategy 0): the mixed equilibrium is p = q = r = 1/sqrt(2)."""
    u1 = np.zeros((2, 2, 2), dtype=object)
    u2 = np.zeros((2, 2, 2), dtype=object)
    u3 = np.zeros((2, 2, 2), dtype=object)
    u1[0] = [[F(1, 2), F(-1, 2)], [F(-1, 2), F(-1, 2)]]
    u2[0, 0, 1], u2[1, 0, 0] = -1, 1
    u3[0, 1, 0], u3[1, 0, 0] = 1, -1
    return gt.NormalFormGame([u1, u2, u3])


def test_irrational_equilibrium():
    g = irrational_game()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ContinuumWarning)  # player 2 is indifferent at some pure profiles
        eqs = polynomial_equilibria(g)
    (irr,) = [e for e in eqs if e.params.get("irrational")]
    assert not irr.exact
    assert all(abs(s[0] - 2**-0.5) < 1e-12 for s in irr.strategies)
    # exact check of the algebraic values: every player indifferent, in sympy arithmetic
    vals = [[sp.sympify(x) for x in s] for s in irr.params["algebraic"]]
    for i in range(3):
        dev = []
        for k in range(2):
            tot = 0
            for b in range(2):
                for c in range(2):
                    cell = [k, b, c] if i == 0 else [b, k, c] if i == 1 else [b, c, k]
                    others = [cell[j] for j in range(3) if j != i]
                    pj = [vals[j] for j in range(3) if j != i]
                    tot += sp.Rational(g.payoffs[i][tuple(cell)]) * pj[0][others[0]] * pj[1][others[1]]
            dev.append(sp.simplify(tot))
        assert sp.simplify(dev[0] - dev[1]) == 0
    assert any(close(irr.strategies, t) for t in pygambit_set(g))


def test_three_player_games_agree_with_pygambit():
    # pygambit's enumpoly hangs on some of these games (--hypothesis-seed=3): those are
    # rejected, at most a quarter of them (OracleBudget), instead of stalling the run
    oracle = OracleBudget()

    @settings(max_examples=12)
    @given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 3, 2)]), st.booleans())
    def agree(seed, shape, integer):
        rng = np.random.default_rng(seed)
        if integer:
            arrays = [rng.integers(-9, 10, shape) for _ in shape]
        else:
            arrays = [rng.random(shape) for _ in shape]
        g = gt.NormalFormGame(arrays)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always", ContinuumWarning)
            eqs = polynomial_equilibria(g)
        for e in eqs:
            assert max(gt.regret(g.as_float(), e.strategies)) <= 1e-9
            if e.exact:
                assert all(r == 0 for r in gt.regret(g, e.strategies))
        theirs = pygambit_set(g, oracle)
        # everything pygambit finds, we find (pygambit 16.7's enumpoly sometimes misses a
        # totally mixed equilibrium; each extra one of ours has zero regret, checked above)
        assert all(any(close(o.strategies, t, 1e-5) for o in eqs) for t in theirs)
        if not integer and not w:
            # random real payoffs are generic: an odd number of equilibria (Wilson 1971)
            assert len(eqs) % 2 == 1

    agree()
    oracle.check()


def test_three_by_three_by_three():
    rng = np.random.default_rng(7)
    g = gt.NormalFormGame([rng.integers(-99, 100, (3, 3, 3)) for _ in range(3)])
    eqs = polynomial_equilibria(g)
    assert len(eqs) % 2 == 1 and all(e.params["complete"] for e in eqs)
    theirs = pygambit_set(g)
    assert all(any(close(o.strategies, t, 1e-5) for o in eqs) for t in theirs)
    assert all(max(gt.regret(g.as_float(), e.strategies)) <= 1e-9 for e in eqs)


def test_two_player_battle_of_sexes():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = polynomial_equilibria(g)
    assert sorted(e.strategies for e in eqs) == sorted(
        [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))]
    )


def test_dispatch_and_size():
    g = gambit_222(MM)
    assert is_small_enough(g)
    assert len(gt.solve(g)) == 9
    big = gt.NormalFormGame([np.zeros((4, 4, 4, 4))] * 4)
    assert not is_small_enough(big)
    with pytest.raises(gt.SolverError, match="support profiles"):
        polynomial_equilibria(gt.NormalFormGame([np.zeros((6, 6, 6))] * 3), max_support_profiles=100)
    with pytest.raises(gt.GameError, match="NormalFormGame"):
        polynomial_equilibria("game")


def test_one_player_and_tied_maxima():
    assert [e.strategies for e in polynomial_equilibria(gt.NormalFormGame([[1, 3, 2]]))] == [((0, 1, 0),)]
    with pytest.warns(ContinuumWarning, match=r"\(\(0, 2\),\)"):
        eqs = polynomial_equilibria(gt.NormalFormGame([[3, 1, 3]]))
    assert sorted(e.pure_profile for e in eqs if e.is_pure) == [(0,), (2,)]


def test_auto_dispatch_large_game_uses_qre():
    rng = np.random.default_rng(4)
    g = gt.NormalFormGame([rng.random((4, 4, 4)) for _ in range(3)])
    assert not is_small_enough(g)
    (e,) = gt.solve(g)
    assert e.method == "qre" and e.params["complete"] is False
    assert max(gt.regret(g, e.strategies)) <= g.tol
