"""Lemke's algorithm (gametheory/extensive/_lemke.py): exact and float paths solve LCPs whose
solutions are checked by definition (z >= 0, w = q + M z >= 0, z^T w = 0), degenerate problems
are resolved by the lexicographic rule, a float basis is certified exactly, and a ray is
reported.  The sequence form's exact pivoting (used when the float basis does not certify)
still gives Kuhn poker's -1/18."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.extensive import _sequence
from gametheory.extensive._lemke import (
    RayTermination,
    exact_basic_solution,
    lemke,
    lemke_float_basis,
)


def _check(M, q, z, tol=0):
    w = [q[i] + sum(M[i][j] * z[j] for j in range(len(z))) for i in range(len(q))]
    assert min(z) >= -tol and min(w) >= -tol
    assert abs(sum(a * b for a, b in zip(z, w))) <= tol * (1 + len(z))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.integers(0, 6), min_size=n, max_size=n), min_size=n, max_size=n),
    st.lists(st.integers(-4, 3), min_size=n, max_size=n))))
def test_nonnegative_lcps_are_solved_exactly_and_in_floats(data):
    # M >= 0 with a positive diagonal is copositive-plus and strictly semimonotone: Lemke's
    # path ends at a solution for every q; zeros in q and M make many problems degenerate
    M, q = data
    M = [[v + (3 if i == j else 0) for j, v in enumerate(row)] for i, row in enumerate(M)]
    z, _ = lemke(M, q)
    assert all(isinstance(v, F) for v in z)
    _check(M, q, z)
    zf, _, basis = lemke_float_basis(M, q)
    _check(M, q, zf, tol=1e-9)
    ze = exact_basic_solution(M, q, basis)
    assert ze is not None
    _check(M, q, ze)


def test_a_ray_is_reported_not_guessed():
    with pytest.raises(RayTermination):
        lemke([[-1]], [-1])
    with pytest.raises(gt.SolverError):  # RayTermination is a SolverError
        lemke([[-1]], [-1], exact=False)


def test_an_uncertified_basis_is_refused():
    M, q = [[2, 1], [1, 2]], [-1, -1]
    assert exact_basic_solution(M, q, [2, 3]) == [F(1, 3), F(1, 3)]
    assert exact_basic_solution(M, q, [0, 3]) is None  # w_1 = -1/2 < 0 at that basis
    assert exact_basic_solution(M, q, [0, 2]) is None  # not complementary


def test_sequence_form_exact_pivoting_when_the_float_basis_fails(monkeypatch):
    monkeypatch.setattr(_sequence, "_float_then_exact", lambda *a, **k: None)
    eq = gt.sequence_form(gt.kuhn_poker(), method="lcp")[0]
    assert eq.payoffs == (F(-1, 18), F(1, 18)) and "exact_from" not in eq.params
    assert eq.params["pivots"] > 0


def test_sequence_form_uses_the_certified_float_basis_for_exact_trees():
    eq = gt.sequence_form(gt.kuhn_poker(), method="lcp")[0]
    assert eq.params["exact_from"] == "float basis" and eq.payoffs[0] == F(-1, 18)
