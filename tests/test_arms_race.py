"""Richardson's arms race (Richardson 1960) and its alliance version: exact equilibria against
sympy's solve of the linear system, stability against numpy's eigenvalues, trajectories against
the matrix exponential, and the comparative statics of the equilibrium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import scipy.linalg
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.tables import read_csv
from models import arms_race
from models.arms_race import alliance_race, richardson
from models.registry import MODELS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}

coef = st.fractions(min_value=0, max_value=10, max_denominator=7)
grievance = st.fractions(min_value=-10, max_value=10, max_denominator=7)
small = st.integers(1, 8)


def _sympy_equilibrium(k, l, a, b, g, h):  # noqa: E741
    x, y = sympy.symbols("x y")
    R = sympy.Rational
    sol = sympy.solve([R(k) * y - R(a) * x + R(g), R(l) * x - R(b) * y + R(h)], [x, y], dict=True)
    return sol


@settings(max_examples=80, deadline=None)
@given(coef, coef, coef, coef, grievance, grievance)
def test_equilibrium_is_sympys_solution_of_the_linear_system(k, l, a, b, g, h):  # noqa: E741
    race = richardson(k, l, a, b, g, h)
    sols = _sympy_equilibrium(k, l, a, b, g, h)
    if a * b == k * l:
        assert race.equilibrium is None and not race.stable
        assert len(sols) != 1 or len(sols[0]) < 2  # no unique solution (none, or a line)
    else:
        x, y = sympy.symbols("x y")
        expect = (sols[0][x], sols[0][y])
        assert race.equilibrium == tuple(F(int(v.p), int(v.q)) for v in expect)
        assert all(type(v) is F for v in race.equilibrium)
        assert race.rates(*race.equilibrium) == (0, 0)


@settings(max_examples=60, deadline=None)
@given(coef, coef, coef, coef, coef, coef, grievance, grievance, grievance)
def test_alliance_equilibrium_is_sympys_linear_solve(k, l, m, a, b, c, g, h, f):  # noqa: E741
    race = alliance_race(k, l, m, a, b, c, g, h, f)
    x, y, z = sympy.symbols("x y z")
    R = sympy.Rational
    eqs = [R(k) * y - R(a) * x + R(g), R(l) * (x + z) - R(b) * y + R(h), R(m) * y - R(c) * z + R(f)]
    M = sympy.Matrix([[-R(a), R(k), 0], [R(l), -R(b), R(l)], [0, R(m), -R(c)]])
    if M.det() == 0:
        assert race.equilibrium is None
        return
    sol = sympy.solve(eqs, [x, y, z], dict=True)[0]
    assert race.equilibrium == tuple(F(int(sol[v].p), int(sol[v].q)) for v in (x, y, z))
    assert race.determinant == -M.det()


@settings(max_examples=100, deadline=None)
@given(small, small, small, small)
def test_stable_iff_every_numpy_eigenvalue_has_a_negative_real_part(k, l, a, b):  # noqa: E741
    assume(a * b != k * l)
    race = richardson(k, l, a, b, 1, 1)
    eig = np.linalg.eigvals(np.array([[-a, k], [l, -b]], dtype=float))
    assert race.stable == bool(np.all(eig.real < 0))
    assert race.max_real_eigenvalue == pytest.approx(float(np.max(eig.real)))


@settings(max_examples=100, deadline=None)
@given(coef, coef, coef, coef, grievance, grievance)
def test_unstable_iff_ab_below_kl(k, l, a, b, g, h):  # noqa: E741
    """Richardson (1960): the race is stable iff ab > kl, so unstable (a saddle: a positive
    eigenvalue) iff ab < kl; at ab = kl there is no unique equilibrium."""
    race = richardson(k, l, a, b, g, h)
    assert race.stable == (a * b > k * l)
    assert race.determinant == a * b - k * l
    if a * b < k * l:
        assert race.max_real_eigenvalue > 0


@settings(max_examples=60, deadline=None)
@given(small, small, small, small, small, small)
def test_alliance_stability_is_the_minors_condition_and_numpys_eigenvalues(k, l, m, a, b, c):  # noqa: E741
    race = alliance_race(k, l, m, a, b, c, 1, 1, 1)
    formula = a * b > k * l and a * b * c > l * (a * m + c * k)
    assert race.stable == formula
    eig = np.linalg.eigvals(np.array([[-a, k, 0], [l, -b, l], [0, m, -c]], dtype=float))
    if race.determinant != 0:
        assert race.stable == bool(np.all(eig.real < 0))


@settings(max_examples=40, deadline=None)
@given(small, small, small, small, small)
def test_an_ally_that_reacts_can_only_destabilise(k, l, a, b, c):  # noqa: E741
    """With m = 0 the ally does not react and the x-y race is Richardson's; any m > 0 keeps
    or loses stability, never gains it."""
    alone = richardson(k, l, a, b, 1, 1).stable
    assert alliance_race(k, l, 0, a, b, c, 1, 1, 1).stable == alone
    for m in (1, 3, 10):
        assert not (alliance_race(k, l, m, a, b, c, 1, 1, 1).stable and not alone)


def _expm_path(race, x0, t):
    M = np.array(race.matrix, dtype=float)
    star = np.array([float(v) for v in race.equilibrium])
    return star + scipy.linalg.expm(M * t) @ (np.asarray(x0, dtype=float) - star)


@settings(max_examples=25, deadline=None)
@given(small, small, small, small, st.integers(-5, 5), st.integers(-5, 5))
def test_trajectories_converge_to_the_equilibrium_iff_stable(k, l, a, b, g, h):  # noqa: E741
    assume(a * b != k * l)
    race = richardson(k, l, a, b, g, h)
    star = np.array([float(v) for v in race.equilibrium])
    # start off the equilibrium along (1, 1): positive, so it has a component on the Perron
    # (unstable) direction of a saddle, and the path cannot stay on the stable manifold
    x0 = star + 1.0
    rate = abs(race.max_real_eigenvalue)
    t_max = 20 / rate
    traj = race.trajectory(*x0, t_max=t_max, n_points=11)
    dist = np.linalg.norm(np.array(traj.final) - star)
    if race.stable:
        assert dist < 1e-6
    else:
        assert dist > 1e6
    exact = _expm_path(race, x0, t_max)
    assert np.allclose(traj.final, exact, rtol=1e-5, atol=1e-6)


def test_trajectory_of_the_alliance_race_matches_the_matrix_exponential():
    race = alliance_race()
    traj = race.trajectory(0, 2, 5, t_max=4, n_points=5)
    assert traj.names == ("x", "y", "z") and traj.states.shape == (3, 5)
    for i, t in enumerate(traj.t):
        assert np.allclose(traj.states[:, i], _expm_path(race, (0, 2, 5), t), rtol=1e-6, atol=1e-8)
    assert np.allclose(traj.z, traj.states[2])


@settings(max_examples=80, deadline=None)
@given(small, small, small, small, st.integers(0, 6), st.integers(0, 6))
def test_comparative_statics(k, l, a, b, g, h):  # noqa: E741
    """Stable race: dx*/dg = b/(ab - kl) > 0, dx*/dh = k/(ab - kl) > 0, and with grievances
    >= 0 more reaction (k) raises x* and more fatigue (a) lowers it.  An unstable race has the
    opposite sign (Samuelson's correspondence principle): raising g lowers x*."""
    assume(a * b != k * l)
    base = richardson(k, l, a, b, g, h).equilibrium
    up_g = richardson(k, l, a, b, g + 1, h).equilibrium
    up_h = richardson(k, l, a, b, g, h + 1).equilibrium
    stable = a * b > k * l
    if stable:
        assert up_g[0] > base[0] and up_g[1] > base[1]
        assert up_h[0] > base[0] and up_h[1] > base[1]
        if g + h > 0:
            assert richardson(k, l, a + 1, b, g, h).equilibrium[0] < base[0]
            if (a * b - (k + 1) * l) > 0:
                assert richardson(k + 1, l, a, b, g, h).equilibrium[0] > base[0]
    else:
        assert up_g[0] < base[0] and up_h[1] < base[1]
    assert up_g[0] - base[0] == F(b, a * b - k * l)


def test_textbook_values():
    # Richardson (1960): with a = b = 2, k = l = 1, g = h = 1 the race settles at x* = y* = 1
    race = arms_race.richardson(k=1, l=1, a=2, b=2, g=1, h=1)
    assert race.equilibrium == (1, 1) and race.stable
    assert sorted(race.eigenvalues.real) == pytest.approx([-3, -1])
    # ab < kl: the saddle; ab = kl: no unique equilibrium
    assert not arms_race.richardson(k=3, l=2, a=1, b=1, g=1, h=1).stable
    flat = arms_race.richardson(k=2, l=1, a=1, b=2, g=1, h=1)
    assert flat.equilibrium is None and flat.determinant == 0 and not flat.stable


def test_float_input_matches_exact_at_the_boundary():
    exact = richardson(k=F(1, 10), l=3, a=F(3, 10), b=1, g=1, h=1)
    floats = richardson(k=0.1, l=3.0, a=0.3, b=1.0, g=1.0, h=1.0)  # 0.1 * 3 != 0.3 in binary
    assert exact.equilibrium is None and floats.equilibrium is None
    assert exact.stable is floats.stable is False
    f = richardson(k=1.0, l=1, a=2, b=2, g=1, h=1)
    assert not f.exact and isinstance(f.equilibrium[0], float) and f.equilibrium == pytest.approx((1, 1))


@pytest.mark.parametrize("call, match", [
    (lambda: richardson(k=-1), "parameter k=-1 must be >= 0"),
    (lambda: richardson(a=float("nan")), "parameter a=nan is not a finite number"),
    (lambda: richardson(g="x"), "parameter g"),
    (lambda: alliance_race(m=-2), "parameter m=-2 must be >= 0"),
    (lambda: richardson().trajectory(0, t_max=1), "needs 2 initial arms levels"),
    (lambda: richardson().trajectory(0, 0), "and t_max"),
    (lambda: richardson().trajectory(0, 0, 1, 2), "needs 2 initial arms levels"),
    (lambda: richardson().trajectory(0, 0, t_max=0), "t_max must be positive"),
    (lambda: richardson().trajectory(0, 0, t_max=float("inf")), "t_max"),
    (lambda: richardson().trajectory(0, 0, t_max=1, n_points=1), "n_points"),
    (lambda: richardson().trajectory(0, 0, t_max=1, method="nope"), "trajectory"),
    (lambda: arms_race.arms_race([[1, 1], [1, 0]], [1, 1], [0, 0]), "own arms"),
    (lambda: arms_race.arms_race([[0, 1]], [1], [0]), "square"),
    (lambda: arms_race.arms_race([[0, 1], [1, 0]], [1], [0, 0]), "2 entries each"),
])
def test_bad_input_is_a_game_error(call, match):
    with pytest.raises(gt.GameError, match=match):
        call()


def test_solve_linear_singular_and_exact():
    assert arms_race.solve_linear([[1, 2], [2, 4]], [1, 2]) is None
    assert arms_race.solve_linear([[F(2), F(1)], [F(1), F(3)]], [F(1), F(2)]) == (F(1, 5), F(3, 5))


def test_registered_rows_match_the_functions():
    row = MODELS["richardson"].solve(k=3, l=2, a=1, b=1, g=1, h=1)
    race = richardson(3, 2, 1, 1, 1, 1)
    assert (row["x_star"], row["y_star"]) == race.equilibrium and row["stable"] is False
    row = MODELS["richardson-alliance"].solve()
    assert (row["x_star"], row["y_star"], row["z_star"]) == alliance_race().equilibrium


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True,
                          env=ENV, cwd=ROOT, timeout=300)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "latex", "json"])
def test_cli_table_every_format(fmt):
    res = _cli("table", "richardson", "--param", "k=1/2", "--param", "l=3", "--format", fmt)
    assert res.returncode == 0, res.stderr
    # x* = (bg + kh)/(ab - kl) = (2 + 1/2)/(4 - 3/2) = 1, y* = (ah + lg)/(ab - kl) = 5/(5/2) = 2
    if fmt == "markdown":
        assert res.stdout.splitlines()[0].startswith("| k | l | a | b | g | h | x_star | y_star |")
        assert "| 1/2 | 3 | 2 | 2 | 1 | 1 | 1 | 2 | 5/2 | yes |" in res.stdout
    elif fmt == "csv":
        df = read_csv(res.stdout)
        assert df["x_star"].tolist() == [1] and df["y_star"].tolist() == [2] and df["determinant"].tolist() == [F(5, 2)]
    elif fmt == "latex":
        assert "\\toprule" in res.stdout and "$\\frac{5}{2}$" in res.stdout
    else:
        rec = json.loads(res.stdout)[0]
        assert rec["k"] == "1/2" and rec["determinant"] == "5/2" and rec["stable"] is True


def test_cli_lists_the_models_and_refuses_bad_parameters():
    res = _cli("models", "--format", "csv")
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert {"richardson", "richardson-alliance"} <= set(df["model"])
    bad = _cli("table", "richardson", "--param", "k=-1")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "below its range" in bad.stderr


def test_docs_page_is_in_the_nav_and_the_reference_documents_the_package():
    nav = (ROOT / "mkdocs.yml").read_text()
    assert "explanation/arms-race.md" in nav and "reference/models/arms-race.md" in nav
    page = (ROOT / "docs" / "explanation" / "arms-race.md").read_text()
    assert "Richardson (1960)" in page and "Kydd" in page and "```python" in page
    assert "::: models.arms_race" in (ROOT / "docs" / "reference" / "models" / "arms-race.md").read_text()


def test_trajectory_takes_t_max_by_position_or_keyword():
    race = richardson(k=1, l=1, a=2, b=2, g=1, h=1)
    by_position = race.trajectory(3, -1, 5, n_points=6)
    by_keyword = race.trajectory(3, -1, t_max=5, n_points=6)
    assert np.array_equal(by_position.states, by_keyword.states) and by_position.t[-1] == 5
    assert np.allclose(by_position.final, _expm_path(race, (3, -1), 5), rtol=1e-7)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=16, max_size=16), st.lists(st.integers(1, 9), min_size=4, max_size=4))
def test_n_state_stability_criterion_against_numpy_eigenvalues(entries, fatigue):
    """The leading-principal-minor test on a 4-state race agrees with numpy's eigenvalues."""
    K = [[0 if i == j else entries[4 * i + j] for j in range(4)] for i in range(4)]
    race = arms_race.arms_race(K, fatigue, [1, 1, 1, 1])
    M = np.array(K, dtype=float) - np.diag(np.array(fatigue, dtype=float))
    eig = np.linalg.eigvals(M)
    assume(np.min(np.abs(eig.real)) > 1e-9)  # no eigenvalue on the imaginary axis
    assert race.stable == bool(np.all(eig.real < 0))
    if race.equilibrium is not None:
        assert np.allclose(M @ np.array([float(v) for v in race.equilibrium]) + 1, 0)


def test_sweep_over_the_defense_coefficient_crosses_the_stability_boundary():
    df = gt.sweep(MODELS["richardson"], {"k": [F(1), F(3), F(4), F(5)]})  # a = b = 2, l = 1: kl = ab at k = 4
    assert df["stable"].tolist() == [True, True, False, False]
    # x* = (bg + kh)/(ab - kl) = (2 + k)/(4 - k)
    assert df["x_star"].tolist()[:2] == [F(2 + 1, 4 - 1), F(2 + 3, 4 - 3)] and df["x_star"].tolist()[3] == -7
    assert df["x_star"].isna().tolist()[2]
