"""Preferences ``U(x, Z)`` over private consumption ``x`` and security ``Z`` (private module;
the public names are re-exported by :mod:`gametheory.continuous`).

Cobb-Douglas, CES, quasi-linear and user-supplied (:class:`Custom`) utilities, vectorized
over players, with the closed-form ratio ``Z / x`` of homothetic preferences used by the
replacement-function solver (Cornes & Hartley 2007).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from ._inputs import _col, _per_player, _scalar
from ..errors import InvalidGameError


class Preference:
    """Utility over private consumption ``x`` and security ``Z``, vectorized over players.

    Subclasses (:class:`CobbDouglas`, :class:`CES`, :class:`QuasiLinear`,
    :class:`Custom`) bind their per-player parameters with :meth:`bind` (a copy sized for
    n players); ``utility``, ``mrs`` (U_Z / U_x) then take arrays with players on axis 0.

    References
    ----------
    Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> from gametheory.continuous import CobbDouglas
    >>> cd = CobbDouglas(Fraction(1, 2)).bind(2)
    >>> cd.mrs(np.array([1.0, 2.0]), np.array([2.0, 2.0])).tolist()  # x / Z when alpha = 1/2
    [0.5, 1.0]
    """

    homothetic = False
    name = "preference"

    def bind(self, n: int) -> "Preference":  # pragma: no cover - abstract
        raise NotImplementedError

    def utility(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def mrs(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Marginal rate of substitution U_Z / U_x by finite differences (inside x >= 0, Z >= 0)."""
        x = np.asarray(x, float)
        z = np.asarray(z, float)
        hx = 1e-6 * (1.0 + np.abs(x))
        hz = 1e-6 * (1.0 + np.abs(z))
        # x = I - q may sit at the top of the budget set: second-order backward differences
        # (forward only where x < 2 hx), so x never rises above its value
        back = x >= 2 * hx
        s = np.where(back, -hx, hx)
        with np.errstate(all="ignore"):
            u0 = self.utility(x, z)
            ux = (3 * u0 - 4 * self.utility(x + s, z) + self.utility(x + 2 * s, z)) / (-2 * s)
        uz = (self.utility(x, z + hz) - self.utility(x, np.maximum(z - hz, 0))) / (hz + np.minimum(hz, z))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return uz / ux

    # homothetic preferences: Z / x at which MRS = price
    def ratio(self, price: np.ndarray) -> np.ndarray:  # pragma: no cover - homothetic only
        raise NotImplementedError

    def ratio_exact(self, price: list) -> list | None:
        return None

    def mrs_exact(self, x: list, z: list) -> list | None:
        return None

    @property
    def exact(self) -> bool:
        return False


def _scalar_alpha(param: Any, alphas: np.ndarray) -> float | None:
    """The one alpha of every player as a float (checked when the preference was made), or
    None for per-player alphas, which are checked here."""
    if np.ndim(param) == 0 and not isinstance(param, (list, tuple)):
        return float(alphas[0]) if alphas.size else None
    CobbDouglas._check(alphas)
    return None


class _AlphaWeights:
    """The per-player weights of private consumption, shared by Cobb-Douglas and CES."""

    _alpha: Any
    _alpha_ex: list | None
    _alpha_scalar: float | None = None

    @property
    def alphas(self) -> np.ndarray | None:
        """Each player's alpha as a float array once bound to a game, else None."""
        return self._alpha

    @property
    def exact_alphas(self) -> list | None:
        """Each player's alpha as a Fraction once bound to a game with exact input, else None."""
        return None if self._alpha_ex is None else list(self._alpha_ex)


class CobbDouglas(_AlphaWeights, Preference):
    """Cobb-Douglas ``U_i = x^alpha_i Z^(1 - alpha_i)``, alpha_i in (0, 1) (scalar or per ally).

    Homothetic: MRS = ((1 - a)/a) x / Z, so the replacement function is piecewise linear
    and exact inputs give exact equilibria.

    Parameters
    ----------
    alpha : number or sequence
        The weight of private consumption, in (0, 1); one value or one per ally.

    Raises
    ------
    InvalidGameError
        An alpha outside (0, 1).

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966); Bergstrom, Blume & Varian (1986).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.continuous import CobbDouglas, PublicGoodsGame
    >>> game = PublicGoodsGame([10, 6, 2], CobbDouglas(Fraction(1, 2)))
    >>> game.nash().total
    Fraction(16, 3)
    """

    homothetic = True
    name = "cobb-douglas"

    def __init__(self, alpha: Any = Fraction(1, 2)):
        self.alpha_param = alpha
        self._alpha_ex: list | None = None
        self._alpha = None
        if np.ndim(alpha) == 0 and not isinstance(alpha, (list, tuple)):
            self._check(_scalar(alpha, "alpha")[1])

    @staticmethod
    def _check(a: Any) -> None:
        a = np.asarray(a, float)
        if a.size and not (a.min() > 0 and a.max() < 1):
            raise InvalidGameError("Cobb-Douglas alpha must lie strictly between 0 and 1")

    def bind(self, n: int) -> "CobbDouglas":
        new = CobbDouglas.__new__(CobbDouglas)
        new.alpha_param = self.alpha_param
        new._alpha_ex, new._alpha = _per_player(self.alpha_param, n, "alpha")
        new._alpha_scalar = _scalar_alpha(self.alpha_param, new._alpha)
        return new

    @property
    def exact(self) -> bool:
        return self._alpha_ex is not None

    def utility(self, x, z):
        a = _col(self._alpha, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.power(np.maximum(x, 0), a) * np.power(np.maximum(z, 0), 1 - a)

    def mrs(self, x, z):
        a = _col(self._alpha, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (1 - a) / a * np.asarray(x, float) / np.asarray(z, float)

    def mrs_exact(self, x, z):
        return [(1 - a) / a * xi / zi for a, xi, zi in zip(self._alpha_ex, x, z)]

    def ratio(self, price):
        if self._alpha_scalar is not None:
            a = self._alpha_scalar
            return (1 - a) / a / price
        r = 1 - self._alpha  # (1 - a) / a / p, in place after the first array
        r /= self._alpha
        r /= price
        return r

    def ratio_exact(self, price):
        if self._alpha_ex is None:
            return None
        return [(1 - a) / a / p for a, p in zip(self._alpha_ex, price)]

    def __repr__(self) -> str:
        return f"CobbDouglas(alpha={self.alpha_param!r})"


def _rational_root(x: Fraction, k: int) -> Fraction | None:
    """The k-th root of x > 0 if it is rational (numerator and denominator are perfect powers)."""
    def iroot(m: int) -> int | None:
        if m <= 1:
            return m
        if m.bit_length() <= k:  # m < 2^k: no integer root >= 2
            return None
        r = round(m ** (1.0 / k)) if m.bit_length() < 1000 else round(math.exp(math.log(m) / k))
        for c in (r - 1, r, r + 1):
            if c >= 0 and c**k == m:
                return c
        return None

    if k == 1:
        return x
    a, b = iroot(x.numerator), iroot(x.denominator)
    return None if a is None or b is None else Fraction(a, b)


class CES(_AlphaWeights, Preference):
    """CES ``U_i = (a_i x^rho + (1 - a_i) Z^rho)^(1/rho)``, a_i in (0, 1), rho < 1, rho != 0.

    Elasticity of substitution 1/(1 - rho); rho -> 0 is Cobb-Douglas, for which use
    :class:`CobbDouglas`.  Homothetic: MRS = ((1 - a)/a) (x / Z)^(1 - rho).

    Parameters
    ----------
    alpha : number or sequence
        Weights in (0, 1).
    rho : number
        Substitution parameter, rho < 1 and rho != 0.

    Raises
    ------
    InvalidGameError
        A parameter out of range.

    References
    ----------
    Arrow, K., Chenery, H., Minhas, B. & Solow, R. (1961). Capital-labor substitution
    and economic efficiency. REStat 43.

    Examples
    --------
    With equal incomes and alpha = 1/2 the allies split the public good equally:

    >>> from gametheory.continuous import CES, PublicGoodsGame
    >>> eq = PublicGoodsGame([4, 4], CES(alpha=0.5, rho=-1)).nash()
    >>> round(float(eq.contributions[0] - eq.contributions[1]), 12)
    0.0
    """

    homothetic = True
    name = "ces"

    def __init__(self, alpha: Any = Fraction(1, 2), rho: Any = Fraction(-1)):
        self.alpha_param = alpha
        self._rho_ex, self.rho = _scalar(rho, "rho")
        if not self.rho < 1:
            raise InvalidGameError("CES rho must be below 1 (rho = 1 makes x and Z perfect substitutes)")
        if self.rho == 0:
            raise InvalidGameError("CES rho = 0 is Cobb-Douglas: use CobbDouglas(alpha)")
        self._alpha_ex = None
        self._alpha = None
        if np.ndim(alpha) == 0 and not isinstance(alpha, (list, tuple)):
            CobbDouglas._check(_scalar(alpha, "alpha")[1])

    def bind(self, n: int) -> "CES":
        new = CES.__new__(CES)
        new.alpha_param, new._rho_ex, new.rho = self.alpha_param, self._rho_ex, self.rho
        new._alpha_ex, new._alpha = _per_player(self.alpha_param, n, "alpha")
        new._alpha_scalar = _scalar_alpha(self.alpha_param, new._alpha)
        return new

    @property
    def exact_rho(self) -> Fraction | None:
        """rho as a Fraction when it was given exactly, else None."""
        return self._rho_ex

    def _exponent(self) -> Fraction | None:
        return None if self._rho_ex is None else 1 / (1 - self._rho_ex)

    @property
    def exact(self) -> bool:
        """True when the closed form is rational: Z/x = ((1 - a)/a)^(1/(1 - rho)) is a rational
        number for every ally at a unit price (then results are Fractions, else floats)."""
        return self._alpha_ex is not None and self.ratio_exact([Fraction(1)] * len(self._alpha_ex)) is not None

    def utility(self, x, z):
        a = _col(self._alpha, x)
        r = self.rho
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x = np.maximum(np.asarray(x, float), 0)
            z = np.maximum(np.asarray(z, float), 0)
            inner = a * np.power(x, r) + (1 - a) * np.power(z, r)
            out = np.power(inner, 1 / r)
        if r < 0:
            out = np.where((x == 0) | (z == 0), 0.0, out)
        return out

    def mrs(self, x, z):
        a = _col(self._alpha, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (1 - a) / a * np.power(np.asarray(x, float) / np.asarray(z, float), 1 - self.rho)

    def ratio(self, price):
        a = self._alpha if self._alpha_scalar is None else self._alpha_scalar
        return np.power((1 - a) / a / price, 1 / (1 - self.rho))

    def ratio_exact(self, price):
        """Z/x = ((1 - a)/(a p))^(1/(1 - rho)) as Fractions when every one is rational, else None."""
        e = self._exponent()
        if self._alpha_ex is None or e is None:
            return None
        out = []
        for a, p in zip(self._alpha_ex, price):
            root = _rational_root(Fraction((1 - a) / a / p), e.denominator)
            if root is None:
                return None
            out.append(root**e.numerator)
        return out

    def __repr__(self) -> str:
        return f"CES(alpha={self.alpha_param!r}, rho={self.rho!r})"


class QuasiLinear(Preference):
    """Quasi-linear ``U_i = x + b_i ln Z`` with b_i > 0 (``values``; scalar or per ally).

    MRS = b_i / Z: the desired security level b_i w_i does not depend on income, so income
    effects are absent and the replacement function is capped at the income.

    Parameters
    ----------
    values : number or sequence
        ``b_i > 0``.

    Raises
    ------
    InvalidGameError
        A non-positive value.

    References
    ----------
    Bergstrom, Blume & Varian (1986).

    Examples
    --------
    Only the ally with the highest value contributes, up to its desired level:

    >>> from gametheory.continuous import PublicGoodsGame, QuasiLinear
    >>> eq = PublicGoodsGame([10, 10], QuasiLinear([3, 1])).nash()
    >>> eq.total, [int(i) for i in eq.contributors]
    (Fraction(3, 1), [0])
    """

    name = "quasi-linear"

    def __init__(self, values: Any = 1):
        self.values_param = values
        self._b_ex = None
        self._b = None
        if np.ndim(values) == 0 and not isinstance(values, (list, tuple)):
            self._check(_scalar(values, "values")[1])

    @staticmethod
    def _check(b: Any) -> None:
        if np.any(np.asarray(b, float) <= 0):
            raise InvalidGameError("quasi-linear values b_i must be positive (utility must increase in security)")

    def bind(self, n: int) -> "QuasiLinear":
        new = QuasiLinear.__new__(QuasiLinear)
        new.values_param = self.values_param
        new._b_ex, new._b = _per_player(self.values_param, n, "values")
        self._check(new._b)
        return new

    @property
    def exact(self) -> bool:
        return self._b_ex is not None

    @property
    def values(self) -> np.ndarray | None:
        """Each player's b_i as a float array once bound to a game, else None."""
        return self._b

    @property
    def exact_values(self) -> list | None:
        """Each player's b_i as a Fraction once bound to a game with exact input, else None."""
        return None if self._b_ex is None else list(self._b_ex)

    def utility(self, x, z):
        b = _col(self._b, x)
        with np.errstate(divide="ignore"):
            return np.asarray(x, float) + b * np.log(np.asarray(z, float))

    def mrs(self, x, z):
        b = _col(self._b, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return b / np.asarray(z, float) * np.ones_like(np.asarray(x, float))

    def mrs_exact(self, x, z):
        return [b / zi for b, zi in zip(self._b_ex, z)]

    def __repr__(self) -> str:
        return f"QuasiLinear(values={self.values_param!r})"


class Custom(Preference):
    """Any utility ``fn(x, Z)`` (or one callable per ally), solved numerically.

    The callable should accept numpy arrays (it is then called once for all players); a
    scalar-only callable is wrapped with :func:`numpy.vectorize`.  It must increase in both
    arguments and describe normal goods (quasi-concave); monotonicity is checked on a grid
    when the game is built.

    Parameters
    ----------
    fn : callable or sequence of callable
        ``fn(x, Z) -> utility``.

    Raises
    ------
    InvalidGameError
        A callable that is not increasing on the check grid.

    References
    ----------
    Cornes, R. & Hartley, R. (2007). Aggregative public good games. JPET 9.

    Examples
    --------
    The Cobb-Douglas utility given as a callable gives the closed-form answer, in floats:

    >>> import numpy as np
    >>> from gametheory.continuous import Custom, PublicGoodsGame
    >>> eq = PublicGoodsGame([10, 6, 2], Custom(lambda x, Z: np.sqrt(x * Z))).nash()
    >>> round(float(eq.total), 6)
    5.333333
    """

    name = "custom"

    def __init__(self, fn: Callable | Sequence[Callable]):
        if callable(fn):
            self.fns: tuple | None = None
            self.fn = fn
        else:
            fns = tuple(fn)
            if not fns or not all(callable(f) for f in fns):
                raise InvalidGameError("Custom needs a callable fn(x, Z) or a list of them (one per ally)")
            self.fns, self.fn = fns, None
        self._n = None

    def bind(self, n: int) -> "Custom":
        new = Custom.__new__(Custom)
        new.fns, new.fn, new._n = self.fns, self.fn, n
        if self.fns is not None and len(self.fns) != n:
            raise InvalidGameError(f"Custom has {len(self.fns)} utility functions but there are {n} allies")
        new._vec = None
        return new

    def _call(self, f: Callable, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            try:
                out = np.asarray(f(x, z), dtype=float)
                if out.shape == np.broadcast(x, z).shape:
                    return out
            except Exception:  # scalar-only callables: fall back to vectorize below
                pass
            def at(xi: float, zi: float) -> float:
                try:
                    return f(xi, zi)
                except (ValueError, ZeroDivisionError):
                    # math.log(0) and the like on the boundary x = 0 or Z = 0: the utility's
                    # limit there is its infimum (it increases in both goods)
                    if xi == 0 or zi == 0:
                        return -math.inf
                    raise

            try:
                return np.asarray(np.vectorize(at, otypes=[float])(x, z), dtype=float)
            except Exception as exc:
                raise InvalidGameError(f"the utility callable failed on (x, Z) arrays: {exc}") from exc

    def utility(self, x, z):
        x = np.asarray(x, float)
        z = np.asarray(z, float)
        x, z = np.broadcast_arrays(x, z)
        if self.fns is None:
            return self._call(self.fn, x, z)
        out = np.empty(x.shape, float)
        for i, f in enumerate(self.fns):
            out[i] = self._call(f, x[i], z[i])
        return out

    def __repr__(self) -> str:
        return f"Custom({self.fn or self.fns!r})"
