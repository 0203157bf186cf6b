"""Richardson's arms race and its alliance version: equilibrium, stability, trajectories.

**Richardson (1960).**  Two states arm at the rates

    dx/dt = k y - a x + g,        dy/dt = l x - b y + h,

with *defense* coefficients k, l >= 0 (each arms in reaction to the other's arms), *fatigue*
coefficients a, b >= 0 (the burden of one's own arms) and *grievances* g, h of any sign.
Arms may become negative (Richardson read negative arms as cooperation, e.g. trade); no
bound is imposed.  The equilibrium solves the linear system a x - k y = g, -l x + b y = h:

    x* = (b g + k h) / (ab - kl),      y* = (a h + l g) / (ab - kl),

unique when ab != kl (otherwise ``equilibrium`` is None).  The system matrix
[[-a, k], [l, -b]] has trace -(a + b) <= 0 and determinant ab - kl, so the equilibrium is
asymptotically stable iff ab > kl ("the product of the fatigue coefficients exceeds the
product of the defense coefficients"); with ab < kl it is a saddle and arms run away (or
collapse into disarmament) from almost every start.

**Many states** (:func:`arms_race`).  dX/dt = K X - diag(fatigue) X + grievances, where
``K[i][j] >= 0`` is state i's reaction to state j's arms.  The system matrix M = K - diag(a)
is a Metzler matrix (off-diagonal entries >= 0), and such a matrix has every eigenvalue in
the open left half plane iff all leading principal minors of -M = diag(a) - K are positive
(the M-matrix criterion; Hawkins & Simon 1949; Berman & Plemmons 1994, Thm 6.2.3): that
is ``stable``, decided exactly for exact input.  For two states the minors are a and
ab - kl, which is Richardson's condition.  The equilibrium solves -M X = grievances by
Gauss-Jordan elimination in Fractions.

**The alliance version** (:func:`alliance_race`).  Following Richardson's treatment of the
1909-14 race between two blocs (the alliances' arms summed; Richardson 1960, ch. 6 and
Intriligator 1964), allies x and z face y, and y's threat is the alliance's total x + z:

    dx/dt = k y - a x + g,   dy/dt = l (x + z) - b y + h,   dz/dt = m y - c z + f.

The leading principal minors of -M (order x, y, z) are a, ab - kl and abc - l(am + ck), so
the race is stable iff ab > kl and abc > l(am + ck): an ally that reacts to y (m > 0)
makes a two-state race that was stable unstable once l m / c is large enough.

Trajectories from an initial point are integrated by :func:`scipy.integrate.solve_ivp`
(LSODA by default, with the exact Jacobian M) and reported at ``n_points`` equally spaced
times; they are floats whatever the input.

References
----------
Richardson, L. F. (1960). *Arms and Insecurity*. Boxwood Press.
Intriligator, M. D. (1964). Some simple models of arms races. *General Systems* 9, 143-147.
Hawkins, D. & Simon, H. A. (1949). Some conditions of macroeconomic stability. *Econometrica* 17.
Berman, A. & Plemmons, R. J. (1994). *Nonnegative Matrices in the Mathematical Sciences*. SIAM.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from gametheory import GameError, SolverError, as_number, as_numbers, default_tol

from .params import ALLIANCE_RACE, RICHARDSON

__all__ = ["ArmsRace", "Trajectory", "arms_race", "richardson", "alliance_race", "solve_linear"]


def solve_linear(matrix: Sequence[Sequence[Any]], rhs: Sequence[Any], tol: float = 0.0) -> tuple | None:
    """Solve ``matrix @ x = rhs`` by Gauss-Jordan elimination; None when the matrix is singular.

    Exact (Fraction) entries give the exact solution; with floats a pivot whose magnitude is at
    most ``tol`` counts as zero (partial pivoting).
    """
    n = len(matrix)
    rows = [list(matrix[i]) + [rhs[i]] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) <= tol:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        p = rows[col][col]
        rows[col] = [v / p for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[col])]
    return tuple(rows[i][n] for i in range(n))


def _det(matrix: list[list[Any]]) -> Any:
    """Determinant by elimination (exact for Fractions)."""
    n = len(matrix)
    rows = [list(r) for r in matrix]
    det = 1 if not rows or not isinstance(rows[0][0], float) else 1.0
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return 0 * det
        if pivot != col:
            rows[col], rows[pivot] = rows[pivot], rows[col]
            det = -det
        p = rows[col][col]
        det *= p
        for r in range(col + 1, n):
            factor = rows[r][col] / p
            rows[r] = [v - factor * w for v, w in zip(rows[r], rows[col])]
    return det


@dataclass(frozen=True)
class Trajectory:
    """A path of the arms race from an initial point, integrated by scipy's ``solve_ivp``.

    ``t`` holds the times, ``states[i]`` the arms of state ``names[i]`` at those times; each
    state is also an attribute (``traj.x``, ``traj.y``).  ``method`` is the integrator.
    """

    t: np.ndarray
    states: np.ndarray
    names: tuple
    method: str

    def __getattr__(self, name: str) -> np.ndarray:
        names = object.__getattribute__(self, "names")
        if name in names:
            return object.__getattribute__(self, "states")[names.index(name)]
        raise AttributeError(name)

    @property
    def final(self) -> tuple:
        """The arms of each state at the last time."""
        return tuple(float(v) for v in self.states[:, -1])


@dataclass(frozen=True)
class ArmsRace:
    """A linear (Richardson) arms race: dX/dt = M X + grievances.

    Attributes
    ----------
    names : tuple of str
        The states, in order.
    matrix : tuple of tuples
        The system matrix M (reactions off the diagonal, minus fatigue on it).
    grievances : tuple
        The constant terms.
    equilibrium : tuple or None
        The arms levels at which every rate is zero; exact for exact input; None when M is
        singular (no unique equilibrium: for two states, ab = kl).
    stable : bool
        Every eigenvalue of M has a negative real part (leading principal minors of -M
        positive): trajectories converge to the equilibrium from every start.
    minors : tuple
        The leading principal minors of -M (for two states: a and ab - kl).
    exact : bool
        True when the input was exact (ints/Fractions) and the results are Fractions.
    params : dict
        The parameters as given to the model function.
    """

    names: tuple
    matrix: tuple
    grievances: tuple
    equilibrium: tuple | None
    stable: bool
    minors: tuple
    exact: bool
    params: dict = field(default_factory=dict, repr=False)

    @property
    def determinant(self) -> Any:
        """det(-M): for two states ab - kl."""
        return self.minors[-1]

    @property
    def eigenvalues(self) -> np.ndarray:
        """The eigenvalues of M (numpy, complex)."""
        return np.linalg.eigvals(np.array(self.matrix, dtype=float)).astype(complex)

    @property
    def max_real_eigenvalue(self) -> float:
        """The largest real part of an eigenvalue of M (negative iff ``stable``, up to rounding)."""
        return float(np.max(self.eigenvalues.real))

    def rates(self, *arms: Any) -> tuple:
        """dX/dt at the arms levels ``arms`` (exact for exact input)."""
        if len(arms) != len(self.names):
            raise GameError(f"rates needs {len(self.names)} arms levels ({', '.join(self.names)}); got {len(arms)}")
        vals = [as_number(v, f"arms of {n}") for v, n in zip(arms, self.names)]
        return tuple(sum((mij * xj for mij, xj in zip(row, vals)), g) for row, g in zip(self.matrix, self.grievances))

    def trajectory(self, *initial: Any, t_max: Any = None, n_points: int = 201, method: str = "LSODA",
                   rtol: float = 1e-9, atol: float = 1e-9) -> Trajectory:
        """Integrate the race from ``initial`` (one arms level per state) over [0, t_max].

        ``t_max`` may also come last among the positional arguments:
        ``race.trajectory(x0, y0, t_max)``.  Uses :func:`scipy.integrate.solve_ivp` with the
        exact Jacobian; a failed integration raises :class:`gametheory.SolverError`.
        """
        from scipy.integrate import solve_ivp

        n = len(self.names)
        if t_max is None and len(initial) == n + 1:
            initial, t_max = initial[:-1], initial[-1]
        if t_max is None:
            raise GameError(f"trajectory needs {n} initial arms levels ({', '.join(self.names)}) and t_max")
        if len(initial) != n:
            raise GameError(f"trajectory needs {n} initial arms levels ({', '.join(self.names)}); got {len(initial)}")
        x0 = [float(as_number(v, f"initial arms of {name}")) for v, name in zip(initial, self.names)]
        t_end = float(as_number(t_max, "t_max"))
        if not t_end > 0:
            raise GameError(f"t_max must be positive; got {t_max}")
        if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or n_points < 2:
            raise GameError(f"n_points must be an integer >= 2; got {n_points!r}")
        M = np.array(self.matrix, dtype=float)
        c = np.array(self.grievances, dtype=float)
        t_eval = np.linspace(0.0, t_end, int(n_points))
        try:
            sol = solve_ivp(lambda t, x: M @ x + c, (0.0, t_end), x0, method=method, t_eval=t_eval,
                            rtol=rtol, atol=atol, **({"jac": lambda t, x: M} if method in ("LSODA", "BDF", "Radau") else {}))
        except ValueError as exc:  # an unknown method, bad tolerances
            raise GameError(f"trajectory: {exc}") from None
        if sol.status < 0 or not np.all(np.isfinite(sol.y)):
            raise SolverError(f"the arms-race integration failed ({method}): {sol.message}")
        return Trajectory(t=sol.t, states=sol.y, names=self.names, method=method)


def _check_names(names: Any, n: int) -> tuple:
    names = tuple(str(s) for s in names)
    if len(names) != n or len(set(names)) != n:
        raise GameError(f"names must be {n} distinct labels; got {names!r}")
    return names


def _check_coefficients(vals: dict, names: str) -> None:
    for name in names:
        if vals[name] < 0:
            raise GameError(f"parameter {name}={vals[name]} must be >= 0 (Richardson's coefficients are nonnegative)")


def arms_race(reactions: Sequence[Sequence[Any]], fatigue: Sequence[Any], grievances: Sequence[Any],
              names: Sequence[str] | None = None, params: dict | None = None) -> ArmsRace:
    """A Richardson arms race among n states: dX/dt = K X - diag(fatigue) X + grievances.

    Parameters
    ----------
    reactions : n x n array_like
        ``reactions[i][j] >= 0`` is state i's defense coefficient toward state j (the
        diagonal must be 0: a state's own arms enter through its fatigue).
    fatigue : sequence of n numbers >= 0
        The fatigue (expense) coefficients.
    grievances : sequence of n numbers
        The constant terms (any sign).
    names : sequence of str, optional
        The states' names (default x, y, z, ... or s1, s2, ...).

    Returns
    -------
    ArmsRace
        ``equilibrium`` (exact for exact input, None when singular), ``stable``, ``minors``,
        ``eigenvalues``, ``trajectory(...)``.

    Raises
    ------
    GameError
        Shapes that do not match, a negative coefficient, a nonzero diagonal, a non-number.

    References
    ----------
    Richardson, L. F. (1960). *Arms and Insecurity*. Boxwood Press.  Intriligator, M. D. (1964).
    Some simple models of arms races. *General Systems* 9.  Berman, A. & Plemmons, R. J. (1994).
    *Nonnegative Matrices in the Mathematical Sciences*, Thm 6.2.3.

    Examples
    --------
    >>> from models.arms_race import arms_race
    >>> race = arms_race([[0, 1, 0], [1, 0, 1], [0, 1, 0]], [3, 3, 3], [1, 1, 1])
    >>> race.equilibrium, race.stable
    ((Fraction(4, 7), Fraction(5, 7), Fraction(4, 7)), True)
    """
    try:
        K = [list(row) for row in reactions]
        a_list, g_list = list(fatigue), list(grievances)
    except TypeError:
        raise GameError("reactions must be a square table of numbers; fatigue and grievances sequences") from None
    n = len(K)
    if n == 0 or any(len(row) != n for row in K):
        raise GameError(f"reactions must be a square n x n table; got rows of lengths {[len(r) for r in K]}")
    if len(a_list) != n or len(g_list) != n:
        raise GameError(f"fatigue and grievances need {n} entries each; got {len(a_list)} and {len(g_list)}")
    if names is None:
        names = ("x", "y", "z")[:n] if n <= 3 else tuple(f"s{i + 1}" for i in range(n))
    names = _check_names(names, n)
    named = {f"reaction {names[i]}<-{names[j]}": K[i][j] for i in range(n) for j in range(n)}
    named.update({f"fatigue of {s}": v for s, v in zip(names, a_list)})
    named.update({f"grievance of {s}": v for s, v in zip(names, g_list)})
    vals, exact = as_numbers(named, "arms race")
    for key, v in vals.items():
        if not key.startswith("grievance") and v < 0:
            raise GameError(f"{key} = {v} must be >= 0 (Richardson's coefficients are nonnegative)")
    R = [[vals[f"reaction {names[i]}<-{names[j]}"] for j in range(n)] for i in range(n)]
    for i in range(n):
        if R[i][i] != 0:
            raise GameError(f"reactions[{i}][{i}] = {R[i][i]}: a state's own arms enter through its fatigue only")
    a = [vals[f"fatigue of {s}"] for s in names]
    g = tuple(vals[f"grievance of {s}"] for s in names)
    neg_m = [[(a[i] if i == j else 0 * a[i]) - R[i][j] for j in range(n)] for i in range(n)]  # -M = diag(a) - K
    # float input: a minor counts as zero within the engine's relative tolerance of its terms
    minors, signs = [], []
    for size in range(1, n + 1):
        sub = [row[:size] for row in neg_m[:size]]
        d = _det(sub)
        minors.append(d)
        scale = math.prod(max(abs(v) for v in row) for row in sub)
        signs.append(d > 0 if exact else d > default_tol(float(scale)))
    det = minors[-1]
    singular = det == 0 if exact else abs(det) <= default_tol(float(math.prod(max(abs(v) for v in row) for row in neg_m)))
    equilibrium = None if singular else solve_linear(neg_m, g)
    matrix = tuple(tuple(-v for v in row) for row in neg_m)
    return ArmsRace(names=names, matrix=matrix, grievances=g, equilibrium=equilibrium, stable=all(signs),
                    minors=tuple(minors), exact=exact, params=dict(params or {}))


def richardson(k: Any = RICHARDSON.k, l: Any = RICHARDSON.l, a: Any = RICHARDSON.a,  # noqa: E741
               b: Any = RICHARDSON.b, g: Any = RICHARDSON.g, h: Any = RICHARDSON.h) -> ArmsRace:
    """Richardson's two-state arms race dx/dt = k y - a x + g, dy/dt = l x - b y + h.

    Parameters
    ----------
    k, l : number >= 0
        Defense coefficients (x's reaction to y, y's reaction to x).
    a, b : number >= 0
        Fatigue coefficients of x and y.
    g, h : number
        Grievances of x and y (any sign).

    Returns
    -------
    ArmsRace
        ``equilibrium`` (x*, y*) = ((bg + kh)/(ab - kl), (ah + lg)/(ab - kl)), exact Fractions
        for exact input, None when ab = kl; ``stable`` (ab > kl); ``determinant`` (ab - kl);
        ``eigenvalues``; ``trajectory(x0, y0, t_max)`` integrates the race by scipy.

    Raises
    ------
    GameError
        A negative k, l, a or b, or a parameter that is not a finite number.

    References
    ----------
    Richardson, L. F. (1960). *Arms and Insecurity*. Boxwood Press.  Intriligator, M. D.
    (1964). Some simple models of arms races. *General Systems* 9.

    Examples
    --------
    >>> from models.arms_race import richardson
    >>> race = richardson(k=1, l=1, a=2, b=2, g=1, h=1)
    >>> race.equilibrium, race.stable
    ((Fraction(1, 1), Fraction(1, 1)), True)
    >>> richardson(k=3, l=2, a=1, b=1, g=1, h=1).stable        # ab < kl: a runaway race
    False
    >>> print(richardson(k=2, l=1, a=1, b=2, g=1, h=1).equilibrium)   # ab = kl
    None
    >>> traj = race.trajectory(0, 0, 20)          # x0, y0, t_max
    >>> [round(v, 6) for v in traj.final]
    [1.0, 1.0]
    """
    params = {"k": k, "l": l, "a": a, "b": b, "g": g, "h": h}
    vals, _ = as_numbers(params)
    _check_coefficients(vals, "klab")
    return arms_race([[0, vals["k"]], [vals["l"], 0]], [vals["a"], vals["b"]], [vals["g"], vals["h"]],
                     names=("x", "y"), params=params)


def alliance_race(k: Any = ALLIANCE_RACE.k, l: Any = ALLIANCE_RACE.l, m: Any = ALLIANCE_RACE.m,  # noqa: E741
                  a: Any = ALLIANCE_RACE.a, b: Any = ALLIANCE_RACE.b, c: Any = ALLIANCE_RACE.c,
                  g: Any = ALLIANCE_RACE.g, h: Any = ALLIANCE_RACE.h, f: Any = ALLIANCE_RACE.f) -> ArmsRace:
    """The alliance version: allies x and z against y, whose threat is the alliance's x + z.

    dx/dt = k y - a x + g,  dy/dt = l (x + z) - b y + h,  dz/dt = m y - c z + f.

    Parameters
    ----------
    k, l, m : number >= 0
        Defense coefficients of x (toward y), y (toward the alliance x + z) and z (toward y).
    a, b, c : number >= 0
        Fatigue coefficients of x, y and z.
    g, h, f : number
        Grievances of x, y and z.

    Returns
    -------
    ArmsRace
        States ``("x", "y", "z")``; ``equilibrium`` (x*, y*, z*) by an exact linear solve,
        ``stable`` iff ab > kl and abc > l(am + ck) (leading principal minors of -M).

    Raises
    ------
    GameError
        A negative coefficient, or a parameter that is not a finite number.

    References
    ----------
    Richardson, L. F. (1960). *Arms and Insecurity*, ch. 6 (the two alliances of 1909-14).
    Intriligator, M. D. (1964). Some simple models of arms races. *General Systems* 9.

    Examples
    --------
    >>> from models.arms_race import alliance_race, richardson
    >>> richardson(k=1, l=1, a=1, b=2, g=1, h=1).stable              # x alone against y
    True
    >>> alliance_race(k=1, l=1, m=2, a=1, b=2, c=1, g=1, h=1, f=1).stable   # y also faces z
    False
    >>> alliance_race().equilibrium
    (Fraction(4, 7), Fraction(5, 7), Fraction(4, 7))
    """
    params = {"k": k, "l": l, "m": m, "a": a, "b": b, "c": c, "g": g, "h": h, "f": f}
    v, _ = as_numbers(params)
    _check_coefficients(v, "klmabc")
    zero = 0 * v["k"]
    reactions = [[zero, v["k"], zero], [v["l"], zero, v["l"]], [zero, v["m"], zero]]
    return arms_race(reactions, [v["a"], v["b"], v["c"]], [v["g"], v["h"], v["f"]], names=("x", "y", "z"),
                     params=params)
