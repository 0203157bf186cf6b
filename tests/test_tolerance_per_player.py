"""Float tolerances are per player: a player's gains are judged on that player's own payoff scale.

The oracle is the exact (Fraction) twin of each float game: a float game's floats are binary
rationals, and on games whose payoff differences are far above 1e-9 of each player's scale
the float verdicts must equal the exact ones, whatever the players' relative scales.
"""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, strategies as st

import gametheory as gt
from gametheory.errors import InvalidGameError, InvalidProfileError
from gametheory.solvers.dominance import iterated_dominance
from gametheory.solvers.selection import payoff_dominant, risk_dominant

ISSUE = ([[1e12, 1], [2, 3]], [[3, 2], [1, 0]])  # issue 11, section 3


def pure(g, **kw):
    return sorted(e.pure_profile for e in gt.solve(g, method="pure", **kw))


def agrees_with_regret(g, profile, tol=None):
    tols = g.player_tols(tol)
    return gt.is_equilibrium(g, profile, tol=tol) == all(r <= t for r, t in zip(gt.regret(g, profile), tols))


# ---------------------------------------------------------------------- the issue's game
def test_issue_example_has_one_pure_equilibrium():
    g = gt.NormalFormGame.from_bimatrix(*ISSUE)
    assert pure(g) == [(0, 0)] == pure(g.as_exact())
    assert g.tols == (pytest.approx(1e3), pytest.approx(3e-9))
    for prof, gains in [((0, 1), (2, 1)), ((1, 1), (0, 1))]:  # the two "equilibria" the old tolerance let in
        assert tuple(float(r) for r in gt.regret(g, list(prof))) == gains
        assert not gt.is_equilibrium(g, list(prof))
        assert agrees_with_regret(g, list(prof))
    assert [e.pure_profile for e in gt.solve(g)] == [(0, 0)]


def test_tols_default_explicit_and_per_player():
    g = gt.NormalFormGame.from_bimatrix([[0.5, 0.0]], [[0.1, 0.0]])
    assert g.tols == (pytest.approx(5e-10), pytest.approx(1e-10)) and g.tol == pytest.approx(5e-10)
    assert gt.NormalFormGame.from_bimatrix([[0.0, 0.0]], [[2.0, 0.0]]).tols == (1e-9, pytest.approx(2e-9))
    assert gt.NormalFormGame.from_bimatrix([[1.0, 0.0]], [[2.0, 0.0]], tol=0.1).tols == (0.1, 0.1)
    assert gt.NormalFormGame.from_bimatrix([[1.0, 0.0]], [[2.0, 0.0]], tol=[0.1, 0.2]).tols == (0.1, 0.2)
    for bad in ([0.1], [0.1, -1.0], float("nan"), "x", [0.1, True]):
        with pytest.raises(InvalidGameError, match="tol"):
            gt.NormalFormGame.from_bimatrix([[1.0, 0.0]], [[2.0, 0.0]], tol=bad)
    with pytest.raises(InvalidProfileError, match="tol"):
        gt.is_equilibrium(g, [0, 0], tol=[1.0])


def test_explicit_tol_applies_per_player_in_is_equilibrium_and_pure():
    g = gt.NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 1.0]], [[0.0, 2.0], [1.0, 0.0]])
    # at (0, 0) player 0 has no regret and player 1 regret 2
    assert gt.is_equilibrium(g, [0, 0], tol=[0.0, 2.0]) and not gt.is_equilibrium(g, [0, 0], tol=[2.0, 1.9])
    assert agrees_with_regret(g, [0, 0], tol=[0.0, 2.0]) and agrees_with_regret(g, [0, 0], tol=[2.0, 1.9])
    assert (0, 0) in pure(g, tol=[0.0, 2.0]) and (0, 0) not in pure(g, tol=[2.0, 1.9])


def test_probability_checks_do_not_use_the_payoff_tolerance():
    g = gt.NormalFormGame.from_bimatrix(*ISSUE)
    with pytest.raises(InvalidProfileError, match="negative"):
        gt.regret(g, [[-500.0, 501.0], [1.0, 0.0]])  # accepted while the tolerance was 1e3
    mixed = gt.NormalFormGame.from_bimatrix([[1e12, 0], [0, 1e12]], [[0, 1], [1, 0]])  # pennies, rescaled
    (e,) = gt.solve(mixed)
    assert e.supports == ((0, 1), (0, 1))
    assert e.strategies == ((0.5, 0.5), (0.5, 0.5))


# ---------------------------------------------------------------------- every consumer of the tolerance
def test_dominance_uses_the_owners_tolerance():
    # player 1's column 1 is dominated by a margin of 1; player 0's payoffs are in units of 1e12
    g = gt.NormalFormGame.from_bimatrix([[1e12, 0.0], [0.0, 1e12]], [[1.0, 0.0], [1.0, 0.0]])
    assert iterated_dominance(g).survivors == iterated_dominance(g.as_exact()).survivors == ((0,), (0,))


def test_selection_compares_each_players_payoffs_on_its_scale():
    # two pure equilibria; player 1 strictly prefers (1, 1) by 1 while player 0 is indifferent
    g = gt.NormalFormGame.from_bimatrix([[1e12, 0.0], [0.0, 1e12]], [[1.0, 0.0], [0.0, 2.0]])
    eqs = gt.solve(g, method="pure")
    best = payoff_dominant(g, eqs)
    assert [e.pure_profile for e in best] == [(1, 1)]
    assert [e.pure_profile for e in payoff_dominant(g.as_exact(), gt.solve(g.as_exact(), method="pure"))] == [(1, 1)]
    # risk dominance: Nash products 1e12 * 1 and 1e12 * 2 differ in the product's own units
    assert risk_dominant(g, eqs[0], eqs[1]).pure_profile == risk_dominant(g.as_exact(), [0, 0], [1, 1]).pure_profile


def test_ordinal_ties_per_player():
    from gametheory.ordinal import classify

    g = gt.NormalFormGame.from_bimatrix([[3e12, 1e12], [4e12, 2e12]], [[3.0, 4.0], [1.0, 2.0]])  # a PD
    c = classify(g)
    assert c.strict and c.name == classify(g.as_exact()).name == "Prisoner's Dilemma"


def test_backward_induction_per_player():
    t = gt.ExtensiveFormGame(players=["A", "B"])
    out, inn = t.decision(t.root, "A", ["out", "in"])
    t.terminal(out, [0.0, 5.0], label="out")
    x, y = t.decision(inn, "B", ["x", "y"])
    t.terminal(x, [1e12, 1.0], label="x")  # B prefers y by 1; A's payoffs are in units of 1e12
    t.terminal(y, [-1e12, 2.0], label="y")
    assert t.tols == (pytest.approx(1e3), pytest.approx(5e-9))
    (e,) = gt.backward_induction(t)
    assert e.outcome == "out"
    assert e.path == [("A", "out")]


def test_signaling_sender_and_receiver_tolerances():
    def f(t, m, a):  # the sender's payoffs are tiny: 1e-12 units
        return 1e-12 * ((1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "not" else 0))

    def g(t, m, a):  # the receiver's are huge
        return 1e12 * (1 if (t == "weak") == (a == "duel") else 0)

    def game(scale_f, scale_g, prior):
        return gt.SignalingGame(["strong", "weak"], prior, ["beer", "quiche"], ["duel", "not"],
                                lambda t, m, a: scale_f(f(t, m, a)), lambda t, m, a: scale_g(g(t, m, a)))

    sg = game(float, float, [0.9, 0.1])
    ex = game(F, F, [F(9, 10), F(1, 10)])
    assert sg.sender_tol == pytest.approx(3e-21) and sg.receiver_tol == pytest.approx(1e3)

    def key(p):
        return tuple(sorted(p.sender.items())), tuple(sorted(p.receiver.items()))

    assert sorted(map(key, gt.perfect_bayesian_equilibria(sg))) == sorted(map(key, gt.perfect_bayesian_equilibria(ex)))


# ---------------------------------------------------------------------- property tests
SCALES = st.sampled_from([1e-12, 1e-6, 1.0, 1e6, 1e12])


@st.composite
def scaled_games(draw, players=(2, 3)):
    """Integer games with payoffs 0..9, each player's payoffs multiplied by its own scale (floats)."""
    n = draw(st.sampled_from(players))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    ints = [np.array(draw(st.lists(st.integers(0, 9), min_size=size, max_size=size))).reshape(shape) for _ in range(n)]
    scales = [draw(SCALES) for _ in range(n)]
    return ints, scales, gt.NormalFormGame([a * s for a, s in zip(ints, scales)])


@given(scaled_games())
def test_pure_equilibria_equal_the_exact_twins(data):
    ints, scales, g = data
    assert not g.exact
    assert pure(g) == pure(g.as_exact()) == pure(gt.NormalFormGame(ints))


@given(scaled_games(), st.data())
def test_is_equilibrium_agrees_with_regret(data, draw):
    ints, scales, g = data
    for _ in range(3):
        prof = []
        for m in g.shape:
            w = np.array(draw.draw(st.lists(st.integers(0, 3), min_size=m, max_size=m).filter(any)), float)
            prof.append(list(w / w.sum()))
        assert agrees_with_regret(g, prof)
        exact_prof = [[F(p).limit_denominator(100) for p in s] for s in prof]
        exact_prof = [[p / sum(s) for p in s] for s in exact_prof]
        # the float game's verdict (per-player tol) is the integer game's; its exact binary twin
        # is not compared: scaling by 1e-6 in binary can break an exact tie (seed 7015)
        assert gt.is_equilibrium(gt.NormalFormGame(ints), exact_prof) == gt.is_equilibrium(
            g, [[float(p) for p in s] for s in exact_prof]
        )
    for e in gt.solve(g, method="pure"):
        assert gt.is_equilibrium(g, e) and agrees_with_regret(g, e)


@given(scaled_games(players=(2, 3)), st.integers(0, 2), st.integers(-40, 40), st.integers(-5, 5))
def test_verdicts_invariant_to_an_affine_map_of_one_player(data, who, log2a, shift):
    ints, scales, g = data
    i = who % g.n_players
    a = 2.0**log2a  # exact in binary, so the map itself adds no rounding
    h = g.affine(i, a, shift * a * scales[i])
    assert pure(h) == pure(g)
    assert iterated_dominance(h).survivors == iterated_dominance(g).survivors


@given(scaled_games(players=(2,)), st.integers(-40, 40), st.integers(-5, 5))
def test_two_player_equilibria_invariant_to_an_affine_map_of_one_player(data, log2a, shift):
    ints, scales, g = data
    # sort on values rounded to 1e-9: float noise (2/3 as ...666 or ...667) must not reorder
    # equilibria whose first coordinates tie (seed 8005)
    def key(e):
        return tuple(round(float(p), 9) for s in e.strategies for p in s)

    exact = [np.array(key(e)) for e in sorted(gt.solve(gt.NormalFormGame(ints)), key=key)]
    for i in range(2):
        a = 2.0**log2a
        h = g.affine(i, a, shift * a * scales[i])
        found = [np.array(key(e)) for e in sorted(gt.solve(h), key=key)]
        assert len(found) == len(exact)
        assert all(np.allclose(x, y, atol=1e-9) for x, y in zip(found, exact))
        for e in gt.solve(h):
            assert gt.is_equilibrium(h, e) and agrees_with_regret(h, e)


def test_batch_2x2_solver_uses_each_players_tolerance():
    from gametheory.solvers.batch2x2 import solve_2x2_batch

    A, B = ISSUE
    res = solve_2x2_batch(np.array([A], float), np.array([B], float))
    assert res.equilibria(0) == [(1.0, 1.0)]  # (row 1, column 1): the only equilibrium


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8), SCALES, SCALES)
def test_batch_2x2_scaled_players_equal_the_exact_batch(vals, sa, sb):
    from gametheory.solvers.batch2x2 import solve_2x2_batch

    A, B = np.array(vals[:4]).reshape(1, 2, 2), np.array(vals[4:]).reshape(1, 2, 2)
    exact = solve_2x2_batch(A, B)
    scaled = solve_2x2_batch(A * sa, B * sb)
    got = np.array(sorted(scaled.equilibria(0)), float).reshape(-1, 2)
    want = np.array(sorted((float(p), float(q)) for p, q in exact.equilibria(0)), float).reshape(-1, 2)
    assert got.shape == want.shape and np.allclose(got, want, atol=1e-12)
    assert bool(scaled.degenerate[0]) == bool(exact.degenerate[0])
