"""NormalFormGame core: validation, exactness, regret and equilibrium checks."""

import decimal
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, strategies as st

import gametheory as gt
from gametheory.errors import InvalidGameError, InvalidProfileError

PD = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 2]], [[3, 4], [1, 2]])
BOS = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


@pytest.mark.parametrize(
    "payoffs,match",
    [
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], "ragged"),
        ([[[1, float("nan")], [0, 1]], [[1, 0], [0, 1]]], "non-finite"),
        ([[[1, float("inf")], [0, 1]], [[1, 0], [0, 1]]], "non-finite"),
        ([[[1, "a"], [0, 1]], [[1, 0], [0, 1]]], "non-numeric"),
        ([[[1, None], [0, 1]], [[1, 0], [0, 1]]], "non-numeric"),
        ([[[1, True], [0, 1]], [[1, 0], [0, 1]]], "bool"),
        ([[[1, 1j], [0, 1]], [[1, 0], [0, 1]]], "complex"),
        ([[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]], "shape"),
        ([[1, 2], [3, 4]], "axes"),
        ([np.zeros((2, 0)), np.zeros((2, 0))], "empty strategy set"),
        ([], "at least one player"),
        ("not a game", "list of arrays"),
        (np.zeros((3, 2, 4)), r"\(m_1, \.\.\., m_n, n\)"),
    ],
)
def test_bad_games_raise_named_errors(payoffs, match):
    with pytest.raises(InvalidGameError, match=match):
        gt.NormalFormGame(payoffs)


def test_errors_are_value_errors():
    assert issubclass(InvalidGameError, gt.GameError) and issubclass(gt.GameError, ValueError)
    with pytest.raises(ValueError):
        gt.NormalFormGame([[[1, float("nan")]]])


def test_bimatrix_and_labels_errors():
    with pytest.raises(InvalidGameError, match="B has shape"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="matrix"):
        gt.NormalFormGame.from_bimatrix([1, 2])
    with pytest.raises(InvalidGameError, match="strategy labels"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategy_labels=[["a"], ["x"]])
    with pytest.raises(InvalidGameError, match="distinct"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], player_labels=["A", "A"])


@pytest.mark.parametrize(
    "profile,match",
    [
        ([[1, 0]], "2-player game"),
        ([[1, 0], [F(1, 2), F(1, 3)]], "sum to 5/6"),
        ([[F(3, 2), F(-1, 2)], [1, 0]], "negative probability"),
        ([[0.5, 0.6], [1, 0]], "sum to"),
        ([[1, 0, 0], [1, 0]], "has 3 entries"),
        ([["a", "b"], [1, 0]], "non-numeric"),
        ([[float("nan"), 1.0], [1, 0]], "non-finite"),
        ([5, 0], "out of range"),
        ("xy", "list"),
        ([None, [1, 0]], "neither a vector"),
    ],
)
def test_bad_profiles_raise_named_errors(profile, match):
    with pytest.raises(InvalidProfileError, match=match):
        gt.regret(BOS, profile)
    with pytest.raises(InvalidProfileError):
        gt.is_equilibrium(BOS, profile)


def test_exactness_inference():
    assert gt.NormalFormGame.from_bimatrix([[1, 2]], [[F(1, 3), 0]]).exact
    assert gt.NormalFormGame([np.array([[1, 2], [3, 4]]), np.array([[1, 2], [3, 4]])]).exact
    assert gt.NormalFormGame.from_bimatrix([[decimal.Decimal("0.1"), 0]], [[sympy.Rational(1, 3), 0]]).exact
    assert not gt.NormalFormGame.from_bimatrix([[1, 2.0]], [[1, 2]]).exact
    assert not gt.NormalFormGame([np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]])]).exact
    g = gt.NormalFormGame.from_bimatrix([[0.5, 0.1]], [[1, 2]], exact=True)
    assert g.exact and g.payoffs[0][0, 0] == F(1, 2) and g.payoffs[0][0, 1] == F(0.1)
    f = gt.NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]], exact=False)
    assert not f.exact and f.payoffs[0].dtype == float
    d = gt.NormalFormGame.from_bimatrix([[decimal.Decimal("0.1"), 0]], [[1, 0]])
    assert d.payoffs[0][0, 0] == F(1, 10)


def test_default_tolerance_scales_with_payoffs():
    # relative to the largest |payoff|, so a change of units leaves every verdict unchanged
    assert gt.NormalFormGame.from_bimatrix([[0.5, 0.0]], [[0.1, 0.0]]).tol == pytest.approx(5e-10)
    assert gt.NormalFormGame.from_bimatrix([[1000.0, 0.0]], [[1.0, 0.0]]).tol == pytest.approx(1e-6)
    assert gt.NormalFormGame.from_bimatrix([[0.0, 0.0]], [[0.0, 0.0]]).tol == 1e-9


def test_tiny_payoffs_keep_their_equilibria():
    # battle of the sexes in units of 1e-10: two pure equilibria, not four
    g = gt.NormalFormGame.from_bimatrix([[3e-10, 0.0], [0.0, 2e-10]], [[2e-10, 0.0], [0.0, 3e-10]])
    assert len(gt.pure_equilibria(g)) == 2
    assert not gt.is_equilibrium(g, [0, 1])
    assert len(gt.solve(g)) == 3


def test_dataframe_payoffs_keep_their_labels():
    import pandas as pd

    a = pd.DataFrame([[3, 0], [0, 2]], index=["Ballet", "Soccer"], columns=["ballet", "soccer"])
    g = gt.NormalFormGame.from_bimatrix(a, a.T.values)
    assert g.exact and g.strategy_labels == (("Ballet", "Soccer"), ("ballet", "soccer"))
    assert len(gt.solve(g)) == 3


@pytest.mark.parametrize("tol", ["a", -1, float("nan"), True])
def test_is_equilibrium_rejects_a_bad_tolerance(tol):
    with pytest.raises(gt.GameError, match="tol"):
        gt.is_equilibrium(BOS, [0, 0], tol=tol)
    with pytest.raises(gt.GameError, match="NormalFormGame"):
        gt.is_equilibrium(None, [0, 0])
    with pytest.raises(InvalidGameError, match="tol"):
        gt.NormalFormGame.from_bimatrix([[1.0]], [[1.0]], tol=-1)


def test_regret_is_exact():
    mixed = [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]
    r = gt.regret(BOS, mixed)
    assert r == (0, 0) and all(isinstance(x, F) for x in r)
    assert gt.is_equilibrium(BOS, mixed)
    # off by 10**-30: exact check rejects it, the float check within tol accepts it
    off = [[F(2, 3) + F(1, 10**30), F(1, 3) - F(1, 10**30)], [F(1, 3), F(2, 3)]]
    assert not gt.is_equilibrium(BOS, off)
    assert gt.regret(BOS, off) == (0, F(2, 10**30))  # column 0 pays 2/3 + e, the mixture 2/3 - e
    assert gt.is_equilibrium(BOS, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    assert gt.is_equilibrium(BOS, [[0.5, 0.5], [0.5, 0.5]], tol=0.25)  # both regrets are 1/4
    assert not gt.is_equilibrium(BOS, [[0.5, 0.5], [0.5, 0.5]])


def test_regret_of_pure_profiles_by_index():
    assert gt.regret(PD, [0, 0]) == (1, 1)
    assert gt.regret(PD, [1, 1]) == (0, 0)
    assert gt.is_equilibrium(PD, [1, 1]) and not gt.is_equilibrium(PD, [0, 0])


def test_one_player_dispatch():
    g = gt.NormalFormGame([[3, 1, 3]])
    assert sorted(e.pure_profile for e in gt.solve(g)) == [(0,), (2,)]


small = st.integers(-5, 5)


@st.composite
def game_and_profile(draw):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    arrays = [np.array(draw(st.lists(small, min_size=size, max_size=size))).reshape(shape) for _ in range(n)]
    prof = []
    for m in shape:
        w = draw(st.lists(st.integers(0, 4), min_size=m, max_size=m).filter(lambda v: sum(v) > 0))
        prof.append([F(x, sum(w)) for x in w])
    return gt.NormalFormGame(arrays), prof


@given(game_and_profile(), st.fractions(F(1, 7), 7), st.fractions(-3, 3))
def test_regret_scales_under_affine_maps(gp, a, b):
    g, prof = gp
    r = gt.regret(g, prof)
    for i in range(g.n_players):
        assert gt.regret(g.affine(i, a, b), prof)[i] == a * r[i]
    assert min(r) >= 0


@given(game_and_profile(), st.data())
def test_regret_invariant_under_relabeling(gp, data):
    g, prof = gp
    r = gt.regret(g, prof)
    order = data.draw(st.permutations(range(g.n_players)))
    assert gt.regret(g.permute_players(order), [prof[k] for k in order]) == tuple(r[k] for k in order)
    i = data.draw(st.integers(0, g.n_players - 1))
    sorder = data.draw(st.permutations(range(g.shape[i])))
    p2 = list(prof)
    p2[i] = [prof[i][k] for k in sorder]
    assert gt.regret(g.permute_strategies(i, sorder), p2) == r


@given(game_and_profile())
def test_float_regret_matches_exact(gp):
    g, prof = gp
    exact = gt.regret(g, prof)
    approx = gt.regret(g.as_float(), [[float(p) for p in s] for s in prof])
    assert all(abs(float(x) - y) < 1e-9 for x, y in zip(exact, approx))


# ---------------------------------------------------------------------- public helpers for solvers
@given(st.lists(st.integers(-9, 9), min_size=12, max_size=12), st.lists(st.integers(1, 5), min_size=7, max_size=7))
def test_unchecked_deviation_payoffs_equal_the_checked_ones(vals, weights):
    g = gt.NormalFormGame([np.array(vals[:6]).reshape(2, 3), np.array(vals[6:]).reshape(2, 3)])
    profile = [[F(w, sum(weights[:2])) for w in weights[:2]], [F(w, sum(weights[2:5])) for w in weights[2:5]]]
    prof = g.check_profile(profile)
    for i in range(2):
        checked = g.deviation_payoffs(i, profile)
        fast = g.deviation_payoffs(i, prof, check=False)
        assert fast.dtype == object and list(fast) == list(checked)
        # the oracle: the expected payoff of each own pure strategy, summed by hand
        other = prof[1 - i]
        by_hand = [sum(g.pure_payoffs((s, t) if i == 0 else (t, s))[i] * other[t] for t in range(g.shape[1 - i]))
                   for s in range(g.shape[i])]
        assert list(checked) == by_hand


def test_deviation_payoffs_still_checks_by_default():
    with pytest.raises(InvalidGameError, match="player must be an index"):
        PD.deviation_payoffs(2, [[1, 0], [0, 1]])
    with pytest.raises(InvalidProfileError):
        PD.deviation_payoffs(0, [[1, 0], [2, 1]])


def test_label_checks_are_shared_functions():
    from gametheory.normal_form import check_player_labels, check_strategy_labels

    assert check_player_labels(None, 2) == ("P1", "P2")
    assert check_strategy_labels([["a", "b"], [1, 2, 3]], (2, 3)) == (("a", "b"), ("1", "2", "3"))
    with pytest.raises(InvalidGameError, match="distinct"):
        check_player_labels(["x", "x"], 2)
    with pytest.raises(InvalidGameError, match="player 1 has 3 strategies but 2"):
        check_strategy_labels([["a", "b"], ["c", "d"]], (2, 3))
    # the symbolic games use the same checks, so the same messages
    with pytest.raises(InvalidGameError, match="player labels must be distinct"):
        gt.symbolic.SymbolicGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], player_labels=["x", "x"])


def test_repr_latex_separates_rows_and_escapes_labels():
    # the old display glued "\hline" to the first row label ("\hlines1", "\hlineOpera": an
    # undefined control sequence) and put labels raw into math mode ("stand_firm" subscripts)
    import re

    g = gt.NormalFormGame.from_bimatrix(
        [[3, 0], [0, 2]], [[2, 0], [0, 3]], strategy_labels=[["Opera", "stand_firm"], ["x&y", "50%"]]
    )
    tex = g._repr_latex_()
    assert not re.search(r"\\hline[A-Za-z]", tex)
    for label in (r"\text{Opera}", r"\text{stand\_firm}", r"\text{x\&y}", r"\text{50\%}"):
        assert label in tex
    depth = 0
    for ch in tex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0 and tex.startswith("$") and tex.endswith("$")
    assert tex.count(r"\\") == 1 + g.shape[0]  # the header row and one per strategy row
