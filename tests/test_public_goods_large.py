"""The large-alliance public-goods equilibrium: the same answer as a sort-and-cumsum closed form
(Bergstrom, Blume & Varian 1986) to 1e-15 relative error, computed without n-element
temporaries for scalar parameters (the memory high-water mark bounds the passes over the data)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from gametheory.continuous import CobbDouglas, PublicGoodsGame
from gametheory.errors import InvalidGameError


def _closed_form(incomes: np.ndarray, alphas: np.ndarray) -> float:
    """BBV (1986): with m_i = (1 - a_i)/a_i, ally i contributes iff m_i I_i > G; the contributors
    are a prefix in the order of m_i I_i, and on it G = sum I_i / (1 + sum 1/m_i)."""
    m = (1 - alphas) / alphas
    order = np.argsort(-(m * incomes), kind="stable")
    s = incomes[order]
    inv = 1 / m[order]
    G = np.cumsum(s) / (1 + np.cumsum(inv))
    ok = m[order] * s > G
    return float(G[np.flatnonzero(ok)[-1]])


@pytest.mark.parametrize("hetero", [False, True])
def test_matches_sort_and_cumsum_closed_form_to_1e15(hetero):
    rng = np.random.default_rng(31)
    n = 200_000
    inc = rng.lognormal(0.0, 1.0, n)
    alphas = rng.uniform(0.2, 0.8, n) if hetero else np.full(n, 0.5)
    eq = PublicGoodsGame(inc, CobbDouglas(alphas if hetero else 0.5)).nash()
    G = _closed_form(inc, alphas)
    assert abs(eq.total - G) / G <= 1e-15 * 4
    m = (1 - alphas) / alphas
    assert eq.n_contributors == int(np.count_nonzero(m * inc > G))
    assert abs(eq.contributions.sum() - eq.total) <= 1e-15 * 4 * G


def test_scalar_parameters_allocate_no_n_element_copies():
    n = 1_000_000
    inc = np.random.default_rng(5).lognormal(0.0, 1.0, n)
    tracemalloc.start()
    try:
        eq = PublicGoodsGame(inc, CobbDouglas(0.5)).nash()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the game's copy of the incomes and the contributions (8 bytes per ally each), plus the
    # active-set mask and its compaction inside the Newton steps; no arrays of ones or alphas
    assert peak <= 3 * 8 * n, peak / (8 * n)
    assert eq.game.weights.strides == (0,) and eq.game.pref.alphas.strides == (0,)
    alphas = np.random.default_rng(6).uniform(0.2, 0.8, n)
    tracemalloc.start()
    try:
        PublicGoodsGame(inc, CobbDouglas(alphas)).nash()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 6 * 8 * n, peak / (8 * n)  # 12 arrays before the single-pass rewrite


def test_validation_still_names_the_bad_entry():
    inc = np.ones(1000)
    inc[417] = -2.0
    with pytest.raises(InvalidGameError, match="income 417"):
        PublicGoodsGame(inc, CobbDouglas(0.5))
    inc[417] = np.inf
    with pytest.raises(InvalidGameError, match="417"):
        PublicGoodsGame(inc, CobbDouglas(0.5))
    inc[417] = np.nan
    with pytest.raises(InvalidGameError, match="417"):
        PublicGoodsGame(inc, CobbDouglas(0.5))
    with pytest.raises(InvalidGameError, match="alpha"):
        PublicGoodsGame(np.ones(5), CobbDouglas([0.5, 0.5, 1.0, 0.5, 0.5]))
    with pytest.raises(InvalidGameError, match="weights"):
        PublicGoodsGame(np.ones(3), CobbDouglas(0.5), weights=[1, 0, 1])
