"""Payoff dominance and risk dominance (Harsanyi & Selten 1988)."""

from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

import gametheory as gt
from gametheory.solvers.selection import payoff_dominant, risk_dominant
from gametheory.solvers.pure import pure_equilibria

# stag hunt with the usual cardinal payoffs: stag (4, 4), hare safe at 3
STAG = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]], strategy_labels=[["stag", "hare"]] * 2)


def test_stag_hunt():
    stag, hare = pure_equilibria(STAG)
    assert stag.pure_profile == (0, 0) and hare.pure_profile == (1, 1)
    assert payoff_dominant(STAG, [stag, hare]) == [stag]
    assert risk_dominant(STAG, stag, hare) is hare  # Nash products 1 < 9
    assert risk_dominant(STAG, hare, stag) is hare
    won = risk_dominant(STAG, (0, 0), (1, 1))  # profiles work too, and give an Equilibrium
    assert isinstance(won, gt.Equilibrium) and won.pure_profile == (1, 1) and won == hare
    assert won.method == "given" and won.exact and won.payoffs == (3, 3)
    raw = risk_dominant(STAG, [[1, 0], [1, 0]], [[0, 1], [0, 1]])  # the review's reproducer
    assert isinstance(raw, gt.Equilibrium) and raw.pure_profile == (1, 1)
    assert risk_dominant(STAG, stag, [[0, 1], [0, 1]]).pure_profile == (1, 1)


def test_ordinal_stag_hunt_is_a_tie():
    # DESIGN 9.6 ordinal stag hunt (4,4) (1,3) (3,1) (2,2): both Nash products are 1
    g = gt.NormalFormGame.from_bimatrix([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    assert risk_dominant(g, (0, 0), (1, 1)) is None


def test_battle_of_sexes_pareto():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    mixed = [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]
    eqs = pure_equilibria(g) + [mixed]
    kept = payoff_dominant(g, eqs)
    assert [e.pure_profile for e in kept] == [(0, 0), (1, 1)]  # the mixed one is dominated
    # both pure equilibria are strict; Nash products 2 * 1 = 1 * 2: a tie
    assert risk_dominant(g, (0, 0), (1, 1)) is None


def test_weak_versus_strict_payoff_dominance():
    # (1,1) vs (1,0): weakly Pareto dominated but not with every player strictly better
    g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 0]])
    eqs = pure_equilibria(g)
    assert [e.pure_profile for e in payoff_dominant(g, eqs)] == [(0, 0)]
    assert len(payoff_dominant(g, eqs, strict=True)) == 2


def test_three_player_payoff_dominance():
    import numpy as np

    u = np.zeros((2, 2, 2), dtype=int)
    u[0, 0, 0], u[1, 1, 1] = 2, 1  # coordination game: all-0 better for all
    g = gt.NormalFormGame([u, u, u])
    kept = payoff_dominant(g, pure_equilibria(g))
    assert [e.pure_profile for e in kept] == [(0, 0, 0)]


def test_errors():
    with pytest.raises(gt.GameError, match="not a Nash equilibrium"):
        payoff_dominant(STAG, [(0, 1)])
    with pytest.raises(gt.GameError, match="not a Nash equilibrium"):
        risk_dominant(STAG, (0, 1), (1, 1))
    with pytest.raises(gt.GameError, match="mixed"):
        risk_dominant(STAG, [[F(3, 4), F(1, 4)], [F(3, 4), F(1, 4)]], (1, 1))
    weak = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 1]], [[1, 0], [1, 1]])
    with pytest.raises(gt.GameError, match="not a strict equilibrium"):
        risk_dominant(weak, (0, 0), (1, 1))
    with pytest.raises(gt.GameError, match="two-player"):
        risk_dominant(gt.NormalFormGame([[[[1]]]] * 3), (0, 0, 0), (0, 0, 0))
    with pytest.raises(gt.GameError, match="same equilibrium"):
        risk_dominant(STAG, (0, 0), (0, 0))
    with pytest.raises(gt.GameError, match="profile"):
        payoff_dominant(STAG, [(0, 0, 0)])


coord = st.integers(-10, 10)


def _profile(winner):
    """The pure profile of risk_dominant's answer (always an Equilibrium, or None on a tie)."""
    if winner is None:
        return None
    assert isinstance(winner, gt.Equilibrium)
    return winner.pure_profile


@st.composite
def coordination_games(draw):
    """Symmetric 2x2 games with strict equilibria on the diagonal: a > c, d > b."""
    c, b = draw(coord), draw(coord)
    a = c + draw(st.integers(1, 10))
    d = b + draw(st.integers(1, 10))
    return a, b, c, d


@given(coordination_games())
def test_risk_dominance_is_best_reply_to_uniform_belief(abcd):
    # symmetric 2x2: (0,0) risk-dominates iff row 0 is the best reply to a 50-50 belief
    a, b, c, d = abcd
    g = gt.NormalFormGame.from_bimatrix([[a, b], [c, d]], [[a, c], [b, d]])
    winner = risk_dominant(g, (0, 0), (1, 1))
    half = F(a + b, 2) - F(c + d, 2)
    assert _profile(winner) == ((0, 0) if half > 0 else (1, 1) if half < 0 else None)


@given(coordination_games(), coordination_games(), st.fractions(F(1, 10), 10), st.fractions(-5, 5), st.fractions(F(1, 10), 10))
def test_risk_dominance_affine_invariant(abcd, abcd2, s1, t1, s2):
    a, b, c, d = abcd
    a2, b2, c2, d2 = abcd2  # player 2 gets its own coordination payoffs: an asymmetric game
    g = gt.NormalFormGame.from_bimatrix([[a, b], [c, d]], [[a2, c2], [b2, d2]])
    h = g.affine(0, s1, t1).affine(1, s2, 0)
    assert _profile(risk_dominant(g, (0, 0), (1, 1))) == _profile(risk_dominant(h, (0, 0), (1, 1)))
    assert _profile(risk_dominant(g, (0, 0), (1, 1))) == _profile(risk_dominant(g, (1, 1), (0, 0)))
    # Nash products by hand
    n00, n11 = (a - c) * (a2 - c2), (d - b) * (d2 - b2)
    assert _profile(risk_dominant(g, (0, 0), (1, 1))) == ((0, 0) if n00 > n11 else (1, 1) if n11 > n00 else None)
