"""The one rule for numbers (gametheory.numbers): what is accepted, what is exact, what is finite,
the one float tolerance, and the one error message every part of the library gives."""

import math
import re
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory import numbers as num
from gametheory.continuous import CobbDouglas, PublicGoodsGame
from gametheory.cooperative import AirportGame
from models import alliance_dilemma as ad
from models.collective import games as cgg
from models import crisis  # noqa: F401  (registers the crisis models)
from models.deterrence import games as dg
from models.registry import MODELS

HUGE = 10**5000  # beyond Python's 4,300-digit str() limit and the float range

# ---------------------------------------------------------------------- accepted and refused
EXACT = [
    (3, F(3)),
    (-7, F(-7)),
    (np.int64(5), F(5)),
    (np.uint8(200), F(200)),
    (F(1, 3), F(1, 3)),
    (Decimal("0.1"), F(1, 10)),
    (sympy.Rational(2, 3), F(2, 3)),
    (HUGE, F(HUGE)),
]
FLOAT = [
    (0.5, 0.5),
    (np.float64(0.25), 0.25),
    (np.float32(0.1), float(np.float32(0.1))),
    (sympy.sqrt(2), math.sqrt(2)),
]
NOT_REAL = [True, False, np.bool_(True), None, "1", b"1", 1j, np.complex128(1), sympy.Symbol("x"), [1], object()]
NOT_FINITE = [math.nan, math.inf, -math.inf, np.float64("nan"), np.float32("-inf"), Decimal("NaN"), Decimal("-Infinity")]


@pytest.mark.parametrize("x, want", EXACT, ids=lambda v: type(v).__name__)
def test_exact_numbers_are_accepted_as_fractions(x, want):
    assert num.is_exact_number(x) and not num.is_float_number(x)
    got = gt.as_number(x, "u")
    assert type(got) is F and got == want
    assert gt.to_exact(x) == want


@pytest.mark.parametrize("x, want", FLOAT, ids=lambda v: type(v).__name__)
def test_float_numbers_are_accepted_as_floats(x, want):
    assert not num.is_exact_number(x)
    got = gt.as_number(x, "u")
    assert type(got) is float and got == want


def test_to_exact_of_a_float_is_the_binary_rational_it_denotes():
    assert gt.to_exact(0.1) == F(0.1) != F(1, 10)
    assert gt.to_exact(np.float32(0.5)) == F(1, 2)


@pytest.mark.parametrize("x", NOT_REAL, ids=lambda v: type(v).__name__)
def test_non_numbers_bools_complex_strings_and_symbols_are_refused(x):
    assert not num.is_exact_number(x) and not num.is_float_number(x)
    for check in (gt.as_number, gt.to_exact):
        with pytest.raises(gt.InvalidGameError, match=rf"^cost=.* is not a real number \(type {type(x).__name__}\)"):
            check(x, "cost")


def test_symbolic_payoffs_point_to_gametheory_symbolic():
    with pytest.raises(gt.InvalidGameError, match="use gametheory.symbolic"):
        gt.as_number(sympy.Symbol("x") + 1, "payoff")


@pytest.mark.parametrize("x", NOT_FINITE, ids=repr)
def test_nan_and_infinities_are_refused(x):
    assert num.is_non_finite(x)
    for check in (gt.as_number, gt.to_exact):
        with pytest.raises(gt.InvalidGameError, match=r"^cost=\S+ is not a finite number$"):
            check(x, "cost")
    with pytest.raises(gt.InvalidGameError, match=r"^parameter cost=\S+ is not a finite number$"):
        gt.check_finite("cost", x)


def test_finiteness_of_text_huge_ints_and_arrays():
    for text in ["inf", "-Infinity", "+nan", " NaN ", "snan"]:
        assert num.is_non_finite(text) and num.non_finite_float(text) is not None
    assert num.non_finite_float("-inf") == -math.inf and math.isnan(num.non_finite_float("nan"))
    for ok in ["1", "info", "--inf", "", "nan1"]:
        assert not num.is_non_finite(ok) and num.non_finite_float(ok) is None
    assert gt.check_finite("n", HUGE) == HUGE  # an int too large for a float is still finite
    assert not num.is_non_finite(True)
    num.check_finite_array("x", np.array([1, 2]))
    with pytest.raises(gt.InvalidGameError, match=r"^parameter x=inf is not a finite number$"):
        num.check_finite_array("x", np.array([1.0, np.inf]))


def test_error_messages_cut_huge_values_and_long_text():
    with pytest.raises(gt.InvalidGameError) as exc:
        gt.as_number("x" * 10_000, "label")
    assert len(str(exc.value)) < 200 and "10002 characters" in str(exc.value)


def test_as_numbers_is_exact_in_exact_out():
    vals, exact = gt.as_numbers({"a": 1, "b": F(1, 2), "c": np.int32(3)})
    assert exact and vals == {"a": 1, "b": F(1, 2), "c": 3} and all(type(v) is F for v in vals.values())
    vals, exact = gt.as_numbers({"a": 1, "b": 0.5})
    assert not exact and vals == {"a": 1.0, "b": 0.5} and all(type(v) is float for v in vals.values())
    with pytest.raises(gt.InvalidGameError, match=r"^parameter b=True is not a real number \(type bool\)$"):
        gt.as_numbers({"a": 1, "b": True})


@given(st.one_of(st.integers(), st.fractions(), st.floats(allow_nan=False, allow_infinity=False)))
def test_as_number_keeps_the_value(x):
    got = gt.as_number(x, "x")
    assert got == x and (type(got) is F) == (not isinstance(x, float))


# ---------------------------------------------------------------------- the tolerance rule
def test_tolerance_formula():
    assert gt.DEFAULT_TOL == 1e-9
    assert gt.default_tol([0.5, -0.25]) == pytest.approx(5e-10)
    assert gt.default_tol([3e12, 1]) == pytest.approx(3e3)
    assert gt.default_tol([0.0, 0.0]) == 1e-9 and gt.default_tol() == 1e-9  # nothing to scale by
    assert gt.default_tol([1e-12, 0], [-2e-12]) == pytest.approx(2e-21)  # no floor at 1
    got = gt.default_tols(np.array([0.0, 1e-12, 5.0]), np.array([0.0, -3e-12, 1.0]))
    assert got == pytest.approx([1e-9, 3e-21, 5e-9], rel=1e-12)


def test_games_trees_and_signaling_games_use_the_rule_per_player():
    from gametheory.normal_form import (  # the old public place still works
        DEFAULT_TOL,
        payoff_scale,
    )

    assert DEFAULT_TOL == gt.DEFAULT_TOL and payoff_scale([0, -4.0]) == 4.0
    A, B = [[2e-12, 0.0], [3e-12, 1e-12]], [[5.0, 7.0], [0.0, 1.0]]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    assert g.tols == (gt.default_tol(A), gt.default_tol(B))
    t = gt.ExtensiveFormGame(players=["A", "B"])
    a, b = t.decision(t.root, "A", ["l", "r"])
    t.terminal(a, [2e-12, 5.0])
    t.terminal(b, [0.0, -7.0])
    assert t.tols == (gt.default_tol([2e-12, 0.0]), gt.default_tol([5.0, -7.0]))


PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # prisoner's dilemma: unique equilibrium (defect, defect)


def _pure(g, **kw):
    return sorted(e.pure_profile for e in gt.solve(g, method="pure", **kw))


@pytest.mark.parametrize("unit", [1e-10, 1e-3, 1.0, 1e10])
def test_tiny_payoffs_keep_their_verdicts(unit):
    """Where the two old formulas disagree (all payoffs below 1): the relative rule gives the exact verdict."""
    A, B = ([[x * unit for x in row] for row in m] for m in PD)
    g = gt.NormalFormGame.from_bimatrix(A, B)
    exact = _pure(g.as_exact())  # the oracle: the binary rationals the floats denote
    assert exact == [(1, 1)] and _pure(g) == exact
    floor = [1e-9 * max(1.0, float(np.abs(m).max())) for m in (A, B)]
    if unit <= 1e-10:  # 1e-9 * max(1, max |u|) calls every gain of 1e-10 a tie: every profile "an equilibrium"
        assert _pure(g, tol=floor) == [(0, 0), (0, 1), (1, 0), (1, 1)] != exact


def test_all_zero_game_every_profile_is_an_equilibrium():
    g = gt.NormalFormGame.from_bimatrix([[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]])
    assert g.tols == (1e-9, 1e-9)
    assert _pure(g) == _pure(g.as_exact()) == [(0, 0), (0, 1), (1, 0), (1, 1)]


@pytest.mark.parametrize("unit", [1e-10, 1.0])
def test_model_with_tiny_payoffs_gets_the_exact_verdict(unit):
    # C challenges iff (1 - p) u_dc + p u_dd > u_sq: (3/4) 3u - (1/4) u = 2u > u, so C is not deterred
    kw = dict(u_dc=3 * unit, u_sq=unit, u_dd=-unit, credibility=0.25)
    exact = dg.unilateral_deterrence(**{k: F(v) for k, v in kw.items()})
    assert not exact.deterred
    assert dg.unilateral_deterrence(**kw).deterred == exact.deterred


def test_vectorized_model_uses_the_point_solvers_tolerance():
    # repeated-pd: the point solver compares delta with game.tol (1e-9 max |u|); the vectorized
    # path used 1e-9 max(1, max |u|), so for payoffs below 1 the two disagreed near the threshold
    m = MODELS["repeated-pd"]
    T, R, P, S = 0.5, 0.3, 0.1, 0.0  # grim threshold (T - R)/(T - P) = 1/2; game.tol = 5e-10
    for delta in (0.5 - 7e-10, 0.5 - 3e-10, 0.5):
        one = m.solve_fn(T=T, R=R, P=P, S=S, delta=delta)
        assert one["grim_sustainable"] == (delta >= 0.5 - 5e-10)  # a delta within game.tol meets the threshold
        many = m.solve_many(T=np.array([T]), R=np.array([R]), P=np.array([P]), S=np.array([S]), delta=np.array([delta]))
        assert bool(many["grim_sustainable"][0]) == one["grim_sustainable"]
        assert bool(many["tft_stable"][0]) == one["tft_stable"]


# ---------------------------------------------------------------------- one message from every checker
def _ok(t, m, a):
    return 0


def _signaling(bad):
    gt.SignalingGame(types=["a", "b"], prior=[F(1, 2), F(1, 2)], messages=["m"], actions=["x"],
                     sender_payoff=lambda t, m, a: bad, receiver_payoff=_ok)


def _tree(bad):
    t = gt.ExtensiveFormGame(players=["A", "B"])
    t.terminal(t.root, [bad, 1])


CHECKERS = {  # where the value goes -> (call, the argument the message must name)
    "signaling payoff": (_signaling, "sender_payoff('a', 'm', 'x')"),
    "tree payoff": (_tree, "payoff of 'A' at node 0"),
    "continuous parameter": (lambda bad: PublicGoodsGame([10, 6], CobbDouglas(), spillover=bad), "spillover"),
    "deterrence model parameter": (lambda bad: dg.unilateral_deterrence(u_dc=bad), "parameter u_dc"),
    "alliance model parameter": (lambda bad: ad.commitment_game(value=bad), "parameter value"),
    "discount factor": (lambda bad: gt.repeated.check_delta(bad), "delta"),
    "collective-goods model parameter": (lambda bad: cgg.volunteers_dilemma(benefit=bad), "benefit"),
}
SHAPE = re.compile(r"^(?P<what>.+?)=(?P<value>.+) is not a (?P<kind>real|finite) number(?: \(type (?P<type>\w+)\))?")


@pytest.mark.parametrize("bad", [math.nan, -math.inf, np.float32("nan"), True, np.bool_(False), "high", 1j, None,
                                 sympy.Symbol("z")], ids=repr)
def test_every_checker_gives_the_same_message_for_the_same_bad_value(bad):
    seen = set()
    for where, (call, what) in CHECKERS.items():
        with pytest.raises(gt.InvalidGameError) as exc:
            call(bad)
        m = SHAPE.match(str(exc.value))
        assert m is not None, (where, str(exc.value))
        assert m["what"] == what, where
        seen.add((m["value"], m["kind"], m["type"]))
    assert len(seen) == 1, seen


def test_checks_that_used_to_let_values_through():
    # airport costs: NaN passed the old test (nan < 0 is False); continuous parameters: text passed float()
    with pytest.raises(gt.InvalidGameError, match=r"^airport cost=nan is not a finite number$"):
        AirportGame([1, math.nan])
    with pytest.raises(gt.InvalidGameError, match=r"^spillover='0.5' is not a real number \(type str\)$"):
        PublicGoodsGame([10, 6], CobbDouglas(), spillover="0.5")
    with pytest.raises(gt.InvalidGameError, match=r"^allocation entry=True is not a real number"):
        gt.in_core([1, 2], lambda s: len(s), [True, 1])
    assert PublicGoodsGame([10, 6], CobbDouglas(), spillover=Decimal("0.5")).phi == 0.5


def test_checkpoint_ints_use_the_shared_text_helpers_and_read_old_hex():
    from gametheory._sweep.store import decode_value, encode_value

    for v in (HUGE, -HUGE, F(HUGE, 7), F(-1, 3), 12):
        enc = encode_value(v)
        assert decode_value(json_roundtrip(enc)) == v
    assert encode_value(-HUGE) == {"int": num.int_text(-HUGE)}  # decimal digits, not hex
    assert decode_value({"int": "-0x10"}) == -16 and decode_value({"frac": "0x10/3"}) == F(16, 3)  # schema-2 files


def json_roundtrip(x):
    return num.json_loads(num.json_dumps(x))


def test_tables_read_back_non_finite_words_with_the_shared_rule():
    from gametheory.tables import parse_value

    assert parse_value("-Infinity") == -math.inf and math.isnan(parse_value("NaN")) and parse_value("+inf") == math.inf
    assert parse_value("info") == "info"
