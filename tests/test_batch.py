"""gt.solve_batch: a stack of games solved at once equals solving each game with gt.solve,
degenerate games are flagged (never answered wrongly in silence), and nashpy agrees."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gametheory as gt
from gametheory.errors import DegenerateGameError, InvalidGameError


def _quiet_solve(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return gt.solve(game, **kw)


def _quiet_batch(A, B=None, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return gt.solve_batch(A, B, **kw)


def _profiles(eqs):
    return sorted((tuple(map(float, e.strategies[0])), tuple(map(float, e.strategies[1]))) for e in eqs)


def _assert_same(got, ref, exact):
    """Same equilibria (as sets), same payoffs; exactly equal for exact games."""
    assert len(got) == len(ref), (list(got), list(ref))
    if exact:
        key = lambda e: e.strategies  # noqa: E731
        assert sorted(got, key=key) == sorted(ref, key=key)
        assert sorted((e.strategies, e.payoffs) for e in got) == sorted((e.strategies, e.payoffs) for e in ref)
        assert all(e.exact for e in got)
    else:
        a, b = _profiles(got), _profiles(ref)
        for (x1, y1), (x2, y2) in zip(a, b):
            assert np.allclose(x1, x2, atol=1e-9) and np.allclose(y1, y2, atol=1e-9)
    for e in got:
        assert gt.is_equilibrium(e.game, e)


def _sample_200():
    """A fixed sample: 150 random float 3x3 games and 50 degenerate ones (small integer payoffs, as floats)."""
    rng = np.random.default_rng(20261207)
    A, B = rng.random((2, 150, 3, 3))
    Ad, Bd = rng.integers(0, 3, (2, 50, 3, 3)).astype(float)
    return np.concatenate([A, Ad]), np.concatenate([B, Bd])


def test_fixed_sample_of_200_float_games_equals_per_game_solve():
    A, B = _sample_200()
    res = _quiet_batch(A, B)
    assert len(res) == 200 and res.method == "support" and not res.exact
    n_degenerate = 0
    for g in range(200):
        ref = _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g], B[g]))
        _assert_same(res[g], ref, exact=False)
        ref_degenerate = any(e.params.get("degenerate") for e in ref)
        assert res.degenerate[g] == ref_degenerate, g
        n_degenerate += ref_degenerate
    assert n_degenerate >= 20  # the sample does exercise degenerate games
    assert res.counts.tolist() == [len(res[g]) for g in range(200)]


def test_fixed_sample_against_nashpy_support_enumeration():
    A, B = _sample_200()
    res = _quiet_batch(A, B)
    checked = 0
    for g in np.flatnonzero(~res.degenerate):
        game = nashpy.Game(A[g], B[g])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            oracle = list(game.support_enumeration())
        if caught:  # nashpy's own alarm (an even count: its strict float tests missed one): its vertex enumeration
            oracle = list(game.vertex_enumeration())
        else:
            checked += 1
        assert len(oracle) == res.counts[g], g
        ours = _profiles(res[g])
        theirs = sorted((tuple(x), tuple(y)) for x, y in oracle)
        for (x1, y1), (x2, y2) in zip(ours, theirs):
            assert np.allclose(x1, x2, atol=1e-8) and np.allclose(y1, y2, atol=1e-8)
    assert checked >= 140


def test_exact_integer_stack_is_exact_and_equals_per_game_solve():
    rng = np.random.default_rng(7)
    A, B = rng.integers(-2, 3, (2, 200, 3, 3))
    res = _quiet_batch(A, B)
    assert res.exact and res.tol == 0.0
    assert res.degenerate.sum() > 50
    for g in range(200):
        ref = _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist()))
        _assert_same(res[g], ref, exact=True)
        assert res.degenerate[g] == any(e.params.get("degenerate") for e in ref)


def test_nondegenerate_exact_games_are_solved_in_the_vectorized_pass():
    # the vectorized pass itself (no per-game fallback) must be exact: Fractions equal to gt.solve's
    rng = np.random.default_rng(11)
    A, B = rng.integers(-1000, 1000, (2, 60, 3, 3))
    res = _quiet_batch(A, B)
    assert (res.solved_singly == res.degenerate).all() and (~res.solved_singly).sum() >= 55
    for g in range(60):
        _assert_same(res[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist())), exact=True)


def test_large_integers_use_python_integers():
    rng = np.random.default_rng(3)
    A, B = rng.integers(-(10**12), 10**12, (2, 10, 3, 3))
    A[3, 0, 0], A[3, 1, 1], B[5, 2, 2] = 2**62, -(2**62), -(2**63) + 1  # near the int64 limits
    res = _quiet_batch(A, B)
    for g in range(10):
        _assert_same(res[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist())), exact=True)


def test_list_of_games_with_fractions():
    games = [
        gt.NormalFormGame.from_bimatrix([[Fraction(1, 3), 0, 1], [0, Fraction(2, 7), 0], [1, 0, Fraction(1, 2)]],
                                        [[Fraction(1, 2), 0, 0], [0, 1, Fraction(5, 3)], [0, 1, 0]]),
        gt.NormalFormGame.from_bimatrix([[3, 0, 1], [5, 1, 0], [0, 2, 2]], [[3, 5, 0], [0, 1, 2], [1, 1, 4]]),
    ]
    res = _quiet_batch(games)
    assert res.exact
    for g, game in enumerate(games):
        assert res[g].game is game
        _assert_same(res[g], _quiet_solve(game), exact=True)


def test_degenerate_game_is_flagged_warned_and_listed_by_extreme_equilibria():
    rng = np.random.default_rng(5)
    A, B = rng.random((2, 5, 3, 3))
    # game 2: column player indifferent between columns 0 and 1 everywhere (a continuum of equilibria)
    A[2] = [[3, 3, 0], [1, 1, 2], [0, 0, 1]]
    B[2] = [[2, 2, 0], [2, 2, 0], [1, 1, 3]]
    with pytest.warns(gt.DegenerateGameWarning, match="1 of 5 games"):
        res = gt.solve_batch(A, B)
    assert res.degenerate.tolist() == [False, False, True, False, False]
    assert res.solved_singly[2]
    _assert_same(res[2], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[2], B[2])), exact=False)
    assert all(e.params["degenerate"] for e in res[2])
    with pytest.raises(DegenerateGameError):
        gt.solve_batch(A, B, on_degenerate="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gt.solve_batch(A, B, on_degenerate="ignore").degenerate[2]


def test_near_degenerate_float_game_is_not_decided_by_the_loose_batch_test():
    # payoffs tied up to 1e-8 (inside the batch's degeneracy tolerance, outside the per-game one)
    A = np.array([[[1.0, 0.0, 0.3], [1.0 + 1e-8, 0.2, 0.1], [0.0, 1.0, 0.5]]])
    B = np.array([[[0.5, 1.0, 0.0], [0.2, 0.0, 1.0], [1.0, 0.3, 0.2]]])
    res = _quiet_batch(A, B)
    assert res.solved_singly[0]
    _assert_same(res[0], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[0], B[0])), exact=False)


settings_shapes = st.sampled_from([(2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (4, 3)])


@given(data=st.data(), shape=settings_shapes)
def test_property_integer_stacks_equal_per_game_solve(data, shape):
    N = data.draw(st.integers(1, 6))
    A = data.draw(hnp.arrays(np.int64, (N, *shape), elements=st.integers(-4, 4)))
    B = data.draw(hnp.arrays(np.int64, (N, *shape), elements=st.integers(-4, 4)))
    res = _quiet_batch(A, B)
    for g in range(N):
        ref = _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist()))
        _assert_same(res[g], ref, exact=True)
        assert res.degenerate[g] == any(e.params.get("degenerate") for e in ref)


@given(data=st.data(), shape=settings_shapes)
def test_property_float_stacks_equal_per_game_solve(data, shape):
    N = data.draw(st.integers(1, 6))
    vals = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
    A = data.draw(hnp.arrays(np.float64, (N, *shape), elements=vals))
    B = data.draw(hnp.arrays(np.float64, (N, *shape), elements=vals))
    res = _quiet_batch(A, B)
    for g in range(N):
        ref = _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g], B[g]))
        _assert_same(res[g], ref, exact=False)


def test_pure_method_equals_per_game_pure():
    rng = np.random.default_rng(2)
    A, B = rng.integers(0, 3, (2, 100, 3, 4))
    res = gt.solve_batch(A, B, method="pure")
    for g in range(100):
        _assert_same(res[g], gt.solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist()), method="pure"), True)
    Af, Bf = rng.random((2, 100, 3, 2))
    res = gt.solve_batch(Af, Bf, method="pure")
    for g in range(100):
        _assert_same(res[g], gt.solve(gt.NormalFormGame.from_bimatrix(Af[g], Bf[g]), method="pure"), False)


def test_2x2_method_equals_per_game_solve():
    rng = np.random.default_rng(4)
    A, B = rng.integers(-5, 6, (2, 100, 2, 2))
    res = _quiet_batch(A, B, method="2x2")
    for g in range(100):
        _assert_same(res[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist())), True)
    Af, Bf = rng.random((2, 100, 2, 2))
    res = gt.solve_batch(Af, Bf, method="2x2")
    for g in range(100):
        _assert_same(res[g], gt.solve(gt.NormalFormGame.from_bimatrix(Af[g], Bf[g])), False)


@pytest.mark.parametrize("label", range(6))
def test_lemke_howson_batch_equals_per_game_path_bit_for_bit(label):
    rng = np.random.default_rng(label)
    A, B = rng.random((2, 150, 3, 3))
    A[:10] = np.round(A[:10] * 2) / 2  # a few games with ties (degenerate, lexicographic pivoting)
    res = gt.solve_batch(A, B, method="lemke-howson", initial_label=label)
    assert not res.complete and res.params["initial_label"] == label
    for g in range(150):
        ref = gt.lemke_howson(gt.NormalFormGame.from_bimatrix(A[g], B[g]), initial_label=label)
        got = res[g]
        assert [e.strategies for e in got] == [e.strategies for e in ref]
        assert got[0].params == ref[0].params


def test_lemke_howson_batch_agrees_with_nashpy():
    rng = np.random.default_rng(9)
    A, B = rng.random((2, 60, 3, 4))
    for label in range(7):
        res = gt.solve_batch(A, B, method="lemke-howson", initial_label=label)
        for g in range(60):
            x, y = nashpy.Game(A[g], B[g]).lemke_howson(initial_dropped_label=label)
            (ex,) = res[g]
            assert np.allclose(ex.strategies[0], x, atol=1e-9) and np.allclose(ex.strategies[1], y, atol=1e-9)


def test_lemke_howson_exact_stack():
    rng = np.random.default_rng(12)
    A, B = rng.integers(0, 9, (2, 20, 3, 3))
    res = gt.solve_batch(A, B, method="lemke-howson", initial_label=4)
    for g in range(20):
        ref = gt.lemke_howson(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist()), initial_label=4)
        assert res[g] == ref and res[g][0].exact


def test_frame_rows_are_the_equilibria():
    rng = np.random.default_rng(6)
    for A, B, exact in ((*rng.random((2, 30, 3, 3)), False), (*rng.integers(-2, 3, (2, 30, 3, 3)), True)):
        res = _quiet_batch(A, B)
        df = res.to_frame()
        assert len(df) == res.counts.sum()
        assert list(df.columns[:2]) == ["game", "equilibrium"]
        for g in range(30):
            rows = df[df["game"] == g]
            assert rows["equilibrium"].tolist() == list(range(len(res[g])))
            want = [tuple(e.to_row().values())[:8] for e in res[g]]  # in the same order
            got = [tuple(r)[2:10] for r in rows.itertuples(index=False)]
            if exact:
                assert got == want
            else:
                assert np.allclose(np.array(got, float), np.array(want, float), atol=1e-12)
        assert df["degenerate"].tolist() == [bool(res.degenerate[g]) for g in df["game"]]
    row = res.to_row()
    assert row["games"] == 30 and row["method"] == "support" and row["exact"] is True


def test_zero_sum_default_and_single_matrix():
    res = gt.solve_batch([[1, -1], [-1, 1]])
    assert len(res) == 1 and res[0][0].strategies == ((Fraction(1, 2), Fraction(1, 2)),) * 2


@pytest.mark.parametrize(
    "A, B, kw, match",
    [
        (np.zeros((2, 3, 3)), np.zeros((2, 3, 2)), {}, "shape"),
        (np.zeros((2, 2, 3, 3)), None, {}, "shape"),
        (np.zeros((2, 3, 3), dtype=bool), None, {}, "dtype"),
        (np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2)), {}, "finite"),
        (np.array([[["a", "b"]]], dtype=object), None, {}, "numbers"),
        (np.zeros((1, 2, 2)), None, {"method": "simplex"}, "unknown batch method"),
        (np.zeros((1, 3, 3)), None, {"method": "2x2"}, "2 x 2"),
        (np.ones((1, 3, 3)), None, {"method": "lemke-howson", "initial_label": 6}, "initial_label"),
        (np.ones((1, 3, 3)), None, {"on_degenerate": "loud"}, "on_degenerate"),
    ],
)
def test_bad_input_is_a_game_error(A, B, kw, match):
    with pytest.raises(InvalidGameError, match=match):
        gt.solve_batch(A, B, **kw)


def test_games_of_different_shapes_and_bad_indices():
    g1 = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    g2 = gt.NormalFormGame.from_bimatrix([[1, 0, 2], [0, 1, 0]], [[1, 0, 1], [0, 1, 0]])
    with pytest.raises(InvalidGameError, match="one shape"):
        gt.solve_batch([g1, g2])
    res = gt.solve_batch([g1])
    with pytest.raises(InvalidGameError, match="out of range"):
        res[1]
    with pytest.raises(InvalidGameError, match="game number"):
        res["0"]
    assert res[-1] == res[0]


@pytest.mark.parametrize("shape", [(0, 3, 3), (4, 1, 1), (4, 1, 3), (4, 3, 1), (3, 5, 5), (3, 2, 6)])
def test_edge_shapes_equal_per_game_solve(shape):
    rng = np.random.default_rng(sum(shape))
    A, B = rng.random((2, *shape))
    Ai, Bi = rng.integers(-3, 4, (2, *shape))
    res, resi = _quiet_batch(A, B), _quiet_batch(Ai, Bi)
    assert len(res) == len(resi) == shape[0] and len(res.to_frame()) == res.counts.sum()
    for g in range(shape[0]):
        _assert_same(res[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g], B[g])), exact=False)
        _assert_same(resi[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(Ai[g].tolist(), Bi[g].tolist())), exact=True)


def test_games_keep_their_own_tolerances():
    # row 2 beats row 1 by 1e-6 against column 1: (row 1, column 1) is an equilibrium only with a loose tol
    A = np.array([[1.0, 0.0], [1.0 + 1e-6, 0.0]])
    B = np.array([[1.0, 0.0], [1.0, 0.0]])
    loose = gt.NormalFormGame.from_bimatrix(A, B, tol=1e-3)
    strict = gt.NormalFormGame.from_bimatrix(A, B)
    res = gt.solve_batch([loose, strict], method="pure")
    assert len(res[0]) == 2 and len(res[1]) == 1
    assert res[0] == gt.solve(loose, method="pure") and res[1] == gt.solve(strict, method="pure")
    assert res.tol == 1e-3


def test_2x2_at_the_int64_limits():
    A = np.array([[[-(2**63), 0], [0, 1]], [[3, 0], [5, 1]]], dtype=np.int64)
    B = np.array([[[1, 0], [0, 2**63 - 1]], [[3, 5], [0, 1]]], dtype=np.int64)
    for method in ("2x2", "auto"):
        res = _quiet_batch(A, B, method=method)
        for g in range(2):
            _assert_same(res[g], _quiet_solve(gt.NormalFormGame.from_bimatrix(A[g].tolist(), B[g].tolist())), exact=True)
