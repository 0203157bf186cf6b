"""How NormalFormGame reads a single payoff array: never by a guess when two layouts fit."""

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import InvalidGameError

# (n, middle...) of every colliding class (n, m_1.., n): players-first and players-last both fit
COLLIDING = [
    (1, ()),  # (1, 1): a one-player game with one strategy
    (2, (2,)),  # a 2x2 game stacked as (2, 2, 2)
    (2, (3,)),  # (2, 3, 2): 3x2 per player, or 2x3 payoff vectors
    (2, (1,)),
    (3, (2, 2)),
    (3, (3, 2)),
    (3, (1, 4)),
    (4, (2, 2, 2)),
    (4, (3, 1, 2)),
]


def _arrays(n, shape, seed):
    rng = np.random.default_rng(seed)
    return [rng.integers(-9, 10, shape) for _ in range(n)]


@pytest.mark.parametrize("n,middle", COLLIDING)
def test_ambiguous_single_arrays_are_refused_with_the_fix(n, middle):
    stack_shape = (n, *middle, n)
    arr = np.arange(int(np.prod(stack_shape))).reshape(stack_shape)
    with pytest.raises(InvalidGameError, match="ambiguous") as info:
        gt.NormalFormGame(arr)
    msg = str(info.value)
    assert "layout='players_first'" in msg and "from_bimatrix" in msg and "list" in msg


@pytest.mark.parametrize("n,middle", COLLIDING)
def test_explicit_layouts_and_lists_mean_what_they_say(n, middle):
    shape = (*middle, n)  # each player's array in the per-player reading
    arrays = _arrays(n, shape, seed=n * 10 + len(middle))
    as_list = gt.NormalFormGame(arrays)  # a python list [A, B, ...] is always per player
    assert as_list.shape == shape
    assert gt.NormalFormGame(np.stack(arrays), layout="players_first") == as_list
    assert gt.NormalFormGame(tuple(arrays)) == as_list
    assert gt.NormalFormGame([a.tolist() for a in arrays]) == as_list
    # the players-last reading of the same numbers is a different game, reached only on request
    last = gt.NormalFormGame(np.stack(arrays), layout="players_last")
    assert last.shape == (n, *middle)
    assert all(np.array_equal(last.payoffs[i], np.stack(arrays)[..., i]) for i in range(n))


def test_the_issue_example_2x2_stack():
    A, B = np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])  # prisoner's dilemma
    pd = gt.NormalFormGame.from_bimatrix(A, B)
    with pytest.raises(InvalidGameError, match="ambiguous"):
        gt.NormalFormGame(np.stack([A, B]))
    assert gt.NormalFormGame(np.stack([A, B]), layout="players_first") == pd
    assert gt.NormalFormGame(np.stack([A, B], axis=-1), layout="players_last") == pd
    assert gt.NormalFormGame([A, B]) == pd
    assert [e.pure_profile for e in gt.solve(gt.NormalFormGame([A, B]))] == [(1, 1)]


@pytest.mark.parametrize("shape", [(2, 3, 3), (3, 2, 2, 2), (4, 2, 1, 3, 2)])
def test_unambiguous_players_first_stack_is_read_per_player(shape):
    n = shape[0]
    arrays = _arrays(n, shape[1:], seed=len(shape))
    assert gt.NormalFormGame(np.stack(arrays)) == gt.NormalFormGame(arrays)


@pytest.mark.parametrize("shape", [(3, 3, 2), (2, 2, 2, 3), (2, 1, 3, 2, 4)])
def test_unambiguous_players_last_array_is_read_as_payoff_vectors(shape):
    n = shape[-1]
    arrays = _arrays(n, shape[:-1], seed=len(shape))
    g = gt.NormalFormGame(np.stack(arrays, axis=-1))
    assert g == gt.NormalFormGame(arrays)
    assert np.array_equal(g.stacked(), np.stack(arrays, axis=-1))


def test_players_last_nested_list_keeps_exact_entries():
    vecs = [[[F(1, 3), 0], [0, 1]], [[1, 2], [F(2, 3), F(1, 2)]]]  # a 2x2 grid of payoff pairs
    g = gt.NormalFormGame(vecs, layout="players_last")
    assert g.exact and g.shape == (2, 2)
    assert g.pure_payoffs((0, 0)) == (F(1, 3), 0) and g.pure_payoffs((1, 1)) == (F(2, 3), F(1, 2))


@pytest.mark.parametrize(
    "payoffs,layout,match",
    [
        (np.zeros((2, 2, 3)), "players_last", r"\(m_1, \.\.\., m_n, n\)"),
        (np.zeros((3, 2, 2)), "players_first", r"\(n, m_1, \.\.\., m_n\)"),
        (np.zeros((2, 2, 2)), "rows", "layout must be"),
        (np.zeros(3), None, "single payoff array"),
    ],
)
def test_layout_that_does_not_fit_is_a_named_error(payoffs, layout, match):
    with pytest.raises(InvalidGameError, match=match):
        gt.NormalFormGame(payoffs, layout=layout)
