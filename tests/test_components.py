"""Components of the equilibrium set (gt.solve(game).components) and the index of equilibria.

Oracles: lrsnash's recorded output for degenerate two-player games (tests/data/README.md),
hand derivations for Selten's horse and the three-player threshold game, and the index
theorem (the indices of a nondegenerate game sum to +1; Shapley 1974).
"""

import itertools
import json
import warnings
from fractions import Fraction as F
from pathlib import Path

import lrsnash_oracle as lrs
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory as gt

DATA = json.loads((Path(__file__).parent / "data" / "lrsnash_components.json").read_text())
GAMES = DATA["games"]


def solve(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return gt.solve(game, **kw)


def pair(e):
    return tuple(e.strategies[0]), tuple(e.strategies[1])


def _recorded(k):
    rec = GAMES[k]
    A, B = rec["A"], rec["B"]
    E = lrs.edges(lrs.parse(rec["lrsnash"], len(A), len(A[0])))
    return gt.NormalFormGame.from_bimatrix(A, B), E


def _fractional(game):
    """The same game with Fraction payoffs whose denominators vary by entry."""
    return game.affine(0, F(2, 3), F(1, 7)).affine(1, F(3, 5), F(-1, 3))


# --------------------------------------------------------------------------- lrsnash oracle
@pytest.mark.parametrize("k", range(len(GAMES)))
def test_extreme_points_and_cliques_equal_recorded_lrsnash(k):
    game, E = _recorded(k)
    comps = solve(game).components
    ours = [pair(e) for c in comps for e in c.extreme_points]
    assert sorted(ours) == sorted(E)  # each extreme equilibrium once, exactly lrsnash's
    cliques = {(frozenset(p.vertices[0]), frozenset(p.vertices[1])) for c in comps for p in c.nash_subsets}
    assert cliques == lrs.maximal_cliques(E)
    assert {frozenset(pair(e) for e in c.extreme_points) for c in comps} == lrs.components(E)
    # every block lrsnash prints ({x} x conv Y_x) lies in one of our Nash subsets
    for xs, ys in lrs.parse(GAMES[k]["lrsnash"], *game.shape):
        for x in xs:
            assert any(x in X and set(ys) <= Y for X, Y in cliques)


def test_the_fixture_games_are_degenerate():
    flags = [any(e.params["degenerate"] for e in solve(_recorded(k)[0])) for k in range(len(GAMES))]
    assert sum(flags) >= 35


def test_a_segment_of_equilibria_is_one_component_of_dimension_one():
    # row's first strategy is a best response to everything; column is indifferent when row plays it
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    (c,) = solve(g).components
    assert c.dimension == 1 and c.is_convex and c.is_polytope
    assert sorted(pair(e) for e in c.extreme_points) == [((1, 0), (0, 1)), ((1, 0), (1, 0))]
    assert c.sample == ((1, 0), (F(1, 2), F(1, 2)))
    assert c.contains([[1, 0], [F(1, 3), F(2, 3)]]) and not c.contains([[F(1, 2), F(1, 2)], [1, 0]])


# --------------------------------------------------------------------------- contains
@settings(max_examples=30)
@given(st.integers(0, len(GAMES) - 1), st.data())
def test_contains_every_convex_combination_within_a_clique(k, data):
    game, _ = _recorded(k)
    if data.draw(st.booleans()):
        game = _fractional(game)
    comps = solve(game).components
    c = data.draw(st.sampled_from(comps))
    p = data.draw(st.sampled_from(c.nash_subsets))
    X, Y = p.vertices
    wx = data.draw(st.lists(st.integers(0, 5), min_size=len(X), max_size=len(X)).filter(any))
    wy = data.draw(st.lists(st.integers(0, 5), min_size=len(Y), max_size=len(Y)).filter(any))
    x = [sum(F(w, sum(wx)) * v[i] for w, v in zip(wx, X)) for i in range(game.shape[0])]
    y = [sum(F(w, sum(wy)) * v[i] for w, v in zip(wy, Y)) for i in range(game.shape[1])]
    assert p.contains([x, y]) and c.contains([x, y])
    assert gt.is_equilibrium(game, [x, y])
    assert not any(o.contains([x, y]) for o in comps if o is not c)  # components are disjoint
    # the float test agrees within its tolerance
    assert c.contains([[float(v) for v in x], [float(v) for v in y]], tol=1e-9)


@settings(max_examples=30)
@given(st.integers(0, len(GAMES) - 1), st.data())
def test_contains_is_false_off_the_equilibrium_set(k, data):
    game, _ = _recorded(k)
    if data.draw(st.booleans()):
        game = _fractional(game)
    m, n = game.shape
    wx = data.draw(st.lists(st.integers(0, 4), min_size=m, max_size=m).filter(any))
    wy = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n).filter(any))
    prof = [[F(w, sum(wx)) for w in wx], [F(w, sum(wy)) for w in wy]]
    inside = [c.contains(prof) for c in solve(game).components]
    assert sum(inside) == (1 if gt.is_equilibrium(game, prof) else 0)


def test_contains_rejects_a_profile_of_the_wrong_shape():
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    with pytest.raises(gt.InvalidProfileError):
        solve(g).components[0].contains([[1, 0, 0], [1, 0]])


# --------------------------------------------------------------------------- invariance
def _shape_of(comps, xmap=lambda v: v, ymap=lambda v: v):
    return {frozenset((tuple(xmap(e.strategies[0])), tuple(ymap(e.strategies[1]))) for e in c.extreme_points)
            for c in comps}, sorted(c.dimension for c in comps)


@settings(max_examples=20)
@given(st.integers(0, len(GAMES) - 1), st.integers(1, 5), st.integers(-3, 3), st.randoms(use_true_random=False))
def test_components_are_invariant_to_affine_payoffs_and_relabeling(k, scale, shift, rnd):
    game, _ = _recorded(k)
    base = _shape_of(solve(game).components)
    # Fraction payoffs with entry-dependent denominators (exact arithmetic must not rescale rows)
    moved = game.affine(0, F(scale, 3), F(shift, 7)).affine(1, F(1, scale), F(-shift, 5))
    assert _shape_of(solve(moved).components) == base
    m, n = game.shape
    pr, pc = list(range(m)), list(range(n))
    rnd.shuffle(pr)
    rnd.shuffle(pc)
    perm = game.permute_strategies(0, pr).permute_strategies(1, pc)
    # strategy k of the permuted game is strategy order[k] of the original
    back = lambda order: (lambda v: tuple(v[order.index(i)] for i in range(len(order))))
    assert _shape_of(solve(perm).components, back(pr), back(pc)) == base


@settings(max_examples=25)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_nondegenerate_components_are_the_isolated_equilibria(m, n, seed):
    rng = np.random.default_rng(seed)
    g = gt.NormalFormGame.from_bimatrix(rng.integers(0, 10**6, (m, n)).tolist(), rng.integers(0, 10**6, (m, n)).tolist())
    eqs = solve(g)
    assume(not any(e.params["degenerate"] for e in eqs))
    comps = eqs.components
    assert [c.dimension for c in comps] == [0] * len(eqs)
    assert [c.extreme_points for c in comps] == [[e] for e in eqs]
    assert all(c.sample == e.strategies for c, e in zip(comps, eqs))


@pytest.mark.parametrize("k", range(0, len(GAMES), 3))
def test_float_games_give_float_components_matching_the_exact_ones(k):
    game, E = _recorded(k)
    comps = solve(game.as_float()).components
    got = sorted(tuple(round(float(p), 9) for s in pair(e) for p in s) for c in comps for e in c.extreme_points)
    assert got == sorted(tuple(round(float(p), 9) for s in e for p in s) for e in E)
    assert sorted(len(c.extreme_points) for c in comps) == sorted(len(c) for c in lrs.components(E))
    assert sorted(len(c.nash_subsets) for c in comps) == sorted(
        sum(1 for X, Y in lrs.maximal_cliques(E) if any((x, y) in c for x in X for y in Y)) for c in lrs.components(E))
    assert all(not e.exact for c in comps for e in c.extreme_points)


def test_components_of_an_incomplete_solve_are_computed_completely():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    lh = solve(g, method="lemke-howson", initial_label=0)
    assert len(lh) == 1 and len(lh.components) == 3


def test_components_need_a_solve():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(gt.SolverError, match="gametheory.solve"):
        _ = gt.vertex_enumeration(g).components


# --------------------------------------------------------------------------- n players
def selten_horse():
    """Selten's horse (Selten 1975) in reduced normal form, 2 x 2 x 2.

    Player 1 plays A (across) or D (down); after A player 2 plays a (ends: 1, 1, 1) or d;
    player 3, not knowing whether D or (A, d) happened, plays L or R.  Payoffs: (D, L)
    3, 3, 2; (D, R) 0, 0, 0; (A, d, L) 4, 4, 0; (A, d, R) 0, 0, 1.  Strategy 0 is A, a, L.

    Components by hand, with p = P(A), q = P(a), r = P(L):
    * p = 1.  Player 3 is reached only through (A, d), with probability 1 - q.  If q < 1,
      player 3 strictly prefers R (1 > 0), so r = 0, and then player 2's d pays 4r = 0 < 1,
      so q = 1: a contradiction.  So q = 1, player 3 is unreached (any r), a needs
      1 >= 4r and A needs 1 >= 3r: component 1 = {A} x {a} x {r in [0, 1/4]}.
    * p = 0.  Player 3 is reached at the D node only: L pays 2, R pays 0, so r = 1.
      Player 2 is unreached (any q); D pays 3 and A pays q + 4(1 - q) = 4 - 3q, so
      q >= 1/3: component 2 = {D} x {q in [1/3, 1]} x {L}.
    * 0 < p < 1.  Player 1 is indifferent: 3r = q + 4r(1 - q).  Player 2 is reached:
      r < 1/4 forces q = 1 and 3r = 1; r > 1/4 forces q = 0 and 3r = 4r, r = 0;
      r = 1/4 gives 3/4 = 1.  All impossible.
    So the equilibria form two segments (two components of dimension 1).
    """
    arrs = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for c in itertools.product(range(2), repeat=3):
        s1, s2, s3 = c
        if s1 == 0 and s2 == 0:
            v = (1, 1, 1)
        elif s1 == 1:
            v = (3, 3, 2) if s3 == 0 else (0, 0, 0)
        else:
            v = (4, 4, 0) if s3 == 0 else (0, 0, 1)
        for i in range(3):
            arrs[i][c] = v[i]
    return gt.NormalFormGame(arrs)


# Gambit contrib/games/2x2x2-nau.nfg: "3 pure, 2 incompletely mixed, and a continuum of completely mixed NE"
NAU = [(0, 0, 2), (3, 0, 0), (0, 3, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (0, 0, 3)]


def gambit_222(outcomes):
    """A 2x2x2 game from Gambit's outcome list (player 1's strategy varies fastest)."""
    arrs = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for k, pay in enumerate(outcomes):
        for i in range(3):
            arrs[i][k % 2, (k // 2) % 2, k // 4] = pay[i]
    return gt.NormalFormGame(arrs)


def pr(p):
    return (F(p), 1 - F(p))


def test_selten_horse_has_the_two_hand_derived_segments():
    comps = solve(selten_horse()).components
    got = {frozenset(e.strategies for e in c.extreme_points): c.dimension for c in comps}
    A, D, a, L, R = pr(1), pr(0), pr(1), pr(1), pr(0)
    assert got == {
        frozenset({(A, a, R), (A, a, pr(F(1, 4)))}): 1,  # {A} x {a} x {P(L) in [0, 1/4]}
        frozenset({(D, pr(F(1, 3)), L), (D, a, L)}): 1,  # {D} x {P(a) in [1/3, 1]} x {L}
    }
    assert all(c.is_convex for c in comps)
    first = next(c for c in comps if c.contains((A, a, R)))
    assert first.contains((A, a, pr(F(1, 5)))) and not first.contains((A, a, pr(F(1, 3))))
    assert not first.contains((D, a, L))
    assert all(gt.is_equilibrium(selten_horse(), c.sample) for c in comps)


def threshold_game():
    """Three players each contribute (strategy 0, cost 1) or not; a good worth 2 to everyone
    is provided when at least two contribute.  With p, q the others' contribution
    probabilities, contributing gains 2 (p (1 - q) + q (1 - p)) - 1 = -(1 - 2p)(1 - 2q),
    so a player is indifferent iff another plays 1/2: the completely mixed equilibria are
    the three segments {(1/2, 1/2, t)}, {(1/2, t, 1/2)}, {(t, 1/2, 1/2)}, t in [0, 1], which
    meet at (1/2, 1/2, 1/2) (one component); the pure equilibria are nobody contributing
    and each pair contributing."""
    arrs = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for c in itertools.product(range(2), repeat=3):
        n = sum(1 for x in c if x == 0)
        for i in range(3):
            arrs[i][c] = (2 if n >= 2 else 0) - (1 if c[i] == 0 else 0)
    return gt.NormalFormGame(arrs)


def test_threshold_game_has_three_lines_through_the_centre():
    g = threshold_game()
    comps = solve(g).components
    line = [c for c in comps if c.dimension > 0]
    assert len(line) == 1 and len(comps) == 5
    (c,) = line
    h = pr(F(1, 2))
    ends = {tuple(h if j != i else pr(t) for j in range(3)) for i in range(3) for t in (0, 1)}
    assert {e.strategies for e in c.extreme_points} == ends
    assert len(c.pieces) == 3 and c.is_polytope and not c.is_convex and c.dimension == 1
    for t in (0, F(1, 7), F(1, 2), 1):
        for i in range(3):
            assert c.contains([pr(t) if j == i else h for j in range(3)])
    assert not c.contains([pr(F(1, 2)), pr(F(1, 3)), pr(F(1, 3))])
    assert sorted(e.pure_profile for d in comps if d.dimension == 0 for e in d.extreme_points) == [
        (0, 0, 1), (0, 1, 0), (1, 0, 0), (1, 1, 1)]


def test_a_curved_continuum_is_not_called_a_polytope():
    # Gambit's 2x2x2-nau: the completely mixed continuum r = 1/4, p = 3 (1 - q) / (3 - q)
    g = gambit_222(NAU)
    comps = solve(g).components
    curved = [c for c in comps if not c.is_polytope]
    assert len(curved) == 1
    (c,) = curved
    assert c.dimension == 1 and not c.is_convex
    for q in (F(1, 5), F(1, 2), F(2, 3)):
        p = 3 * (1 - q) / (3 - q)
        assert c.contains([pr(p), pr(q), pr(F(1, 4))])
        assert not c.contains([pr(p + F(1, 100)), pr(q), pr(F(1, 4))])
        fl = [[float(v) for v in pr(x)] for x in (p, q, F(1, 4))]
        assert c.contains(fl) and c.contains(fl, tol=1e-9)  # float input: within tolerance
        fl[0] = [fl[0][0] + 1e-6, fl[0][1] - 1e-6]
        assert not c.contains(fl)
    assert all(gt.is_equilibrium(g, e) for e in c.extreme_points)
    assert gt.is_equilibrium(g, c.sample)


def test_float_n_player_games_are_refused_clearly():
    with pytest.raises(gt.SolverError, match="exact payoffs"):
        _ = solve(selten_horse().as_float()).components


# --------------------------------------------------------------------------- index
def test_index_in_two_by_two_games():
    bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert [(e.is_pure, e.index) for e in solve(bos)] == [(True, 1), (True, 1), (False, -1)]
    mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert [e.index for e in solve(mp)] == [1]


def test_index_is_none_where_it_is_not_defined():
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert [e.index for e in solve(g)] == [None, None]
    assert solve(selten_horse())[0].index is None


@settings(max_examples=30)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_indices_of_a_nondegenerate_game_sum_to_one(m, n, seed, floats):
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-10**5, 10**5, (m, n)), rng.integers(-10**5, 10**5, (m, n))
    g = gt.NormalFormGame.from_bimatrix(*((A / 7.0, B / 3.0) if floats else (A.tolist(), B.tolist())))
    eqs = solve(g)
    assume(not any(e.params["degenerate"] for e in eqs))
    idx = [e.index for e in eqs]
    assert None not in idx and sum(idx) == 1
    # the index does not depend on the order of strategies or on positive affine changes
    moved = g.permute_strategies(0, list(range(m))[::-1]).affine(1, 3, -5)
    assert sorted(e.index for e in solve(moved)) == sorted(idx)


@settings(max_examples=30)
@given(st.lists(st.integers(-50, 50), min_size=4, max_size=4), st.lists(st.integers(1, 50), min_size=4, max_size=4))
def test_two_by_two_pure_equilibria_have_index_one_and_the_mixed_one_minus_one(base, gap):
    # a coordination structure: each player strictly prefers to match, so (0, 0), (1, 1) and a mixed one
    a, b, c, d = base
    A = [[a + gap[0], b], [a, b + gap[1]]]
    B = [[c + gap[2], c], [d, d + gap[3]]]
    eqs = solve(gt.NormalFormGame.from_bimatrix(A, B))
    assert [(e.is_pure, e.index) for e in eqs] == [(True, 1), (True, 1), (False, -1)]


def test_n_player_components_are_invariant_to_relabeling_and_affine_payoffs():
    g = selten_horse()
    base = {frozenset(e.strategies for e in c.extreme_points) for c in solve(g).components}
    moved = g.permute_strategies(2, [1, 0]).affine(0, 2, -7)
    flip = lambda s: (s[0], s[1], s[2][::-1])
    got = {frozenset(flip(e.strategies) for e in c.extreme_points) for c in solve(moved).components}
    assert got == base


@settings(max_examples=6)
@given(st.lists(st.integers(0, 1), min_size=24, max_size=24), st.data())
def test_n_player_components_partition_the_equilibria(pays, data):
    """Random degenerate 2x2x2 games: every equilibrium the solver lists is in exactly one
    component, convex combinations of a polytope piece's vertices are equilibria in it,
    and a random profile is in a component exactly when it is an equilibrium."""
    g = gt.NormalFormGame([np.array(pays[8 * i: 8 * i + 8]).reshape(2, 2, 2) for i in range(3)])
    eqs = solve(g)
    comps = eqs.components
    for e in eqs:
        assert sum(c.contains(e) for c in comps) == 1
    for c in comps:
        assert gt.is_equilibrium(g, c.sample) and all(gt.is_equilibrium(g, e) for e in c.extreme_points)
        for p in c.pieces:
            if p.is_polytope and len(p.vertices) > 1:
                w = data.draw(st.lists(st.integers(0, 4), min_size=len(p.vertices), max_size=len(p.vertices)).filter(any))
                prof = [[sum(F(wi, sum(w)) * v[i][s] for wi, v in zip(w, p.vertices)) for s in range(2)] for i in range(3)]
                assert gt.is_equilibrium(g, prof) and p.contains(prof)
                assert sum(d.contains(prof) for d in comps) == 1
    for _ in range(4):
        prof = [pr(F(data.draw(st.integers(0, 4)), 4)) for _ in range(3)]
        assert sum(c.contains(prof) for c in comps) == (1 if gt.is_equilibrium(g, prof) else 0)


def test_a_bilinear_best_response_region_is_split_into_polytopes():
    # player 1 gets 1 for matching (strategy 0) or mismatching (strategy 1) players 2 and 3, who
    # are indifferent: strategy 0 is a best response iff (2q - 1)(2r - 1) >= 0, two squares
    g = gt.NormalFormGame([np.array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]), np.zeros((2, 2, 2), int),
                           np.ones((2, 2, 2), int)])
    (c,) = solve(g).components
    assert c.is_polytope and not c.is_convex and c.dimension == 2
    assert c.contains([pr(1), pr(F(1, 3)), pr(F(1, 4))]) and not c.contains([pr(1), pr(F(1, 3)), pr(F(3, 4))])
    assert c.contains([pr(0), pr(F(1, 3)), pr(F(3, 4))]) and c.contains([pr(F(1, 5)), pr(F(1, 2)), pr(F(3, 4))])


def test_fraction_payoffs_with_different_denominators_per_row():
    # row 0 strictly dominates row 1 (1/2 > 1/3); a common rescaling of the rows must keep that
    g = gt.NormalFormGame.from_bimatrix([[F(1, 2), F(1, 2)], [F(1, 3), F(1, 3)]], [[1, 1], [1, 1]])
    (c,) = solve(g).components
    (subset,) = c.nash_subsets
    assert subset.best_responses == ((0,), (0, 1)) and c.dimension == 1
    assert c.contains([[1, 0], [F(1, 2), F(1, 2)]]) and not c.contains([[F(1, 2), F(1, 2)], [1, 0]])
