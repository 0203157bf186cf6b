"""Lemke-Howson's fast kernels (Python lists for small games, integer cross-multiplied ratio
tests for exact ones) follow the same paths as the numpy kernels they replace, and every
result is an equilibrium; nashpy's lemke_howson is the oracle on nondegenerate games."""

from __future__ import annotations

import warnings

import nashpy
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gametheory as gt
from gametheory.solvers import lemke_howson as lh
from gametheory.solvers._bimatrix import normalized


def _corpus():
    """Random float games of several shapes, plus games with ties (degenerate: lexicographic pivots)."""
    rng = np.random.default_rng(2026)
    games = []
    for m, n in ((2, 2), (3, 3), (3, 4), (4, 2), (5, 5), (7, 6)):
        for _ in range(12):
            games.append(rng.random((2, m, n)))
        for _ in range(8):
            games.append(rng.integers(0, 3, (2, m, n)).astype(float))
    return games


@pytest.mark.parametrize("idx", range(120))
def test_list_kernel_equals_numpy_kernel_bit_for_bit(idx):
    A, B = _corpus()[idx]
    game = gt.NormalFormGame.from_bimatrix(A, B)
    An, Bn = normalized(game)
    m, n = A.shape
    for k in range(m + n):
        fast, steps_fast = lh._lh_float_small(An, Bn, k, 10_000)
        ref, steps_ref = lh._lh_float(An, Bn, k, 10_000)
        assert steps_fast == steps_ref
        if ref is None:
            assert fast is None
        else:
            assert fast[0].tolist() == ref[0].tolist() and fast[1].tolist() == ref[1].tolist()


@pytest.mark.parametrize("seed", range(8))
def test_exact_list_kernel_equals_object_array_kernel(seed):
    rng = np.random.default_rng(seed)
    for m, n in ((2, 3), (3, 3), (4, 4), (5, 3)):
        for hi in (2, 50):  # small ranges give ties (lexicographic test), large ones long integers
            game = gt.NormalFormGame.from_bimatrix(rng.integers(-hi, hi, (m, n)).tolist(), rng.integers(-hi, hi, (m, n)).tolist())
            Ai, Bi = lh._integer_matrices(game)
            for k in range(m + n):
                assert lh._lh_exact_small(Ai, Bi, k, 10_000) == lh._lh_exact(Ai, Bi, k, 10_000)


def test_integer_matrices_are_positive_affine_images():
    from fractions import Fraction as F

    game = gt.NormalFormGame.from_bimatrix([[F(1, 3), -2], [F(5, 6), 0]], [[F(-7, 4), 1], [2, F(1, 2)]])
    for M, Mi in zip(game.bimatrix, lh._integer_matrices(game)):
        assert Mi.min() == 1 and all(type(v) is int for v in Mi.flat)
        scales = {F(int(a) - 1) / (b - M.min()) for a, b in zip(Mi.flat, M.flat) if b != M.min()}
        assert len(scales) == 1 and scales.pop() > 0  # one positive scale for the whole matrix


def test_every_label_agrees_with_nashpy_on_nondegenerate_games():
    rng = np.random.default_rng(77)
    for m, n in ((3, 3), (4, 3), (5, 5)):
        for _ in range(15):
            A, B = rng.random((2, m, n))
            game = gt.NormalFormGame.from_bimatrix(A, B)
            for k in range(m + n):
                (eq,) = gt.lemke_howson(game, initial_label=k)
                x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=k)
                assert np.allclose(eq.strategies[0], x, atol=1e-9) and np.allclose(eq.strategies[1], y, atol=1e-9)


def test_exact_games_agree_with_nashpy_and_are_exact_equilibria():
    rng = np.random.default_rng(78)
    for _ in range(20):
        A, B = rng.integers(-1000, 1000, (2, 3, 4))
        game = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
        for k in range(7):
            (eq,) = gt.lemke_howson(game, initial_label=k)
            assert eq.exact and gt.regret(game, eq) == (0, 0)
            x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=k)
            assert np.allclose(np.array(eq.strategies[0], float), x) and np.allclose(np.array(eq.strategies[1], float), y)


@given(data=st.data(), m=st.integers(1, 4), n=st.integers(1, 4), exact=st.booleans())
def test_property_every_result_is_an_equilibrium(data, m, n, exact):
    elems = st.integers(-3, 3) if exact else st.floats(-5, 5, allow_nan=False)
    dtype = np.int64 if exact else np.float64
    A = data.draw(hnp.arrays(dtype, (m, n), elements=elems))
    B = data.draw(hnp.arrays(dtype, (m, n), elements=elems))
    game = gt.NormalFormGame.from_bimatrix(A.tolist() if exact else A, B.tolist() if exact else B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = gt.lemke_howson(game)
    assert eqs and all(gt.is_equilibrium(game, e) for e in eqs)
    labels = sorted(k for e in eqs for k in e.params["initial_labels"])
    assert labels == list(range(m + n))


def test_small_regret_equals_numpy_regret():
    rng = np.random.default_rng(5)
    for m, n in ((1, 3), (3, 3), (4, 7)):
        A, B = rng.normal(size=(2, m, n)) * 100
        game = gt.NormalFormGame.from_bimatrix(A, B)
        for _ in range(20):
            x, y = rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))
            assert np.allclose(lh._float_regret_small(game, (x, y)), lh._float_regret(game, (x, y)), rtol=0, atol=1e-12)
            assert np.allclose(lh._float_regret_small(game, (x, y)), gt.regret(game, [x, y]), rtol=0, atol=1e-12)
