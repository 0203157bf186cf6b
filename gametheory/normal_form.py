"""Finite n-player games in normal (strategic) form.

A game with players ``0..n-1`` where player ``i`` has ``m_i`` pure strategies is
stored as one payoff array per player, each of shape ``(m_0, ..., m_{n-1})``
(von Neumann & Morgenstern 1944; Nash 1951).

Exactness: a game whose payoffs are all ints or :class:`fractions.Fraction` (or
anything exactly convertible, like numpy integers, ``decimal.Decimal`` or sympy
rationals) is *exact*: payoffs are held as Fractions in object arrays and every
solver returns Fractions.  Any float payoff makes a *float* game (float64), whose
equilibrium checks use one tolerance per player, ``game.tols``: by default player
``i``'s is ``1e-9 * max |u_i|`` (``1e-9`` for a player whose payoffs are all 0; the
library's one rule, :func:`gametheory.numbers.default_tol`), so a
player's gains are judged on that player's own payoff scale, the scale at which the
float64 rounding of that player's expected payoffs lives.  A player whose payoffs
are in units of 1e12 therefore never makes another player's gain of 1 look like a
tie, and rescaling one player's payoffs leaves every verdict unchanged.  A shift
``u_i + c`` changes ``max |u_i|``; verdicts stay the same as long as the payoff
differences that matter exceed ``1e-9 * max |u_i + c|``.  ``exact=True`` converts
floats to the Fractions they denote; ``exact=False`` forces floating point.
"""

from __future__ import annotations

import decimal
import numbers
import sys
from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np

from .errors import InvalidGameError, InvalidProfileError
from .numbers import DEFAULT_TOL, default_tol, is_exact_number, payoff_scale, to_exact

__all__ = ["NormalFormGame", "DEFAULT_TOL", "LAYOUTS", "payoff_scale", "to_exact", "is_exact_number"]

#: Values of ``NormalFormGame(..., layout=...)``: which axis of a single payoff array holds the players.
LAYOUTS = ("players_first", "players_last")


_MAX_ABS_INT = int(sys.float_info.max)


def _check_double_range(f: Fraction, what: str) -> None:
    """Payoffs of a strategic-form game stay within +-1.8e308: its tolerances and the float
    solvers work in double precision, so a larger exact payoff would overflow there."""
    if abs(f.numerator) > _MAX_ABS_INT * f.denominator:
        digits = int(abs(f.numerator).bit_length() * 0.30103) - int(f.denominator.bit_length() * 0.30103)
        raise InvalidGameError(f"{what} is about 1e{digits}, beyond +-1.8e308 (the double-precision range)")


def _plain_array(obj: Any) -> Any:
    """A pandas DataFrame/Series as the numpy array of its values; anything else as is."""
    if type(obj).__module__.startswith("pandas") and hasattr(obj, "to_numpy"):
        return obj.to_numpy()
    return obj


def _nested_shape(obj: Any, path: str) -> tuple[int, ...]:
    """Shape of a nested list, raising a clear error when it is ragged."""
    obj = _plain_array(obj)
    if isinstance(obj, np.ndarray):
        return obj.shape
    if isinstance(obj, (list, tuple)):
        if len(obj) == 0:
            return (0,)
        shapes = [_nested_shape(o, f"{path}[{k}]") for k, o in enumerate(obj)]
        first = shapes[0]
        for k, s in enumerate(shapes):
            if s != first:
                raise InvalidGameError(
                    f"ragged payoff array at {path}: entry 0 has shape {first}, entry {k} has shape {s}"
                )
        return (len(obj),) + first
    return ()


def _flatten(obj: Any) -> list:
    obj = _plain_array(obj)
    if isinstance(obj, np.ndarray):
        return list(obj.ravel())
    if isinstance(obj, (list, tuple)):
        out: list = []
        for o in obj:
            out.extend(_flatten(o))
        return [*out]
    return [obj]


def _as_payoff_array(arr: Any, name: str, exact: bool | None) -> tuple[np.ndarray, bool]:
    """Validate one payoff array; return it and whether it is exact."""
    arr = _plain_array(arr)
    shape = _nested_shape(arr, name)
    flat = _flatten(arr)
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "fc" and exact is None:
        exact_here = False
    else:
        exact_here = all(is_exact_number(v) for v in flat)
    for k, v in enumerate(flat):
        if isinstance(v, (bool, np.bool_)):
            raise InvalidGameError(f"{name} has a bool entry ({v!r}) at flat index {k}; give numbers")
        if isinstance(v, (str, bytes)) or not (
            isinstance(v, numbers.Number) or is_exact_number(v) or isinstance(v, decimal.Decimal)
        ):
            import sympy  # deferred: a hard dependency, but slow to import

            if isinstance(v, sympy.Basic):
                if v.free_symbols:
                    raise InvalidGameError(
                        f"{name} has a symbolic entry {v} at flat index {k}; use gametheory.symbolic for parametric games"
                    )
                continue
            raise InvalidGameError(
                f"{name} has a non-numeric entry {v!r} (type {type(v).__name__}) at flat index {k}"
            )
        if isinstance(v, complex) or isinstance(v, np.complexfloating):
            raise InvalidGameError(f"{name} has a complex entry {v!r} at flat index {k}")
    want_exact = exact_here if exact is None else exact
    if want_exact:
        vals = [to_exact(v, f"{name} entry {k}") for k, v in enumerate(flat)]
        for k, v in enumerate(vals):
            _check_double_range(v, f"{name} entry {k}")
        out = np.empty(len(vals), dtype=object)
        out[:] = vals
        return out.reshape(shape), True
    try:
        out = np.array([float(v) for v in flat], dtype=float).reshape(shape)
    except (TypeError, ValueError) as exc:
        raise InvalidGameError(f"{name} has an entry that is not a real number: {exc}") from None
    except OverflowError:  # an int or Fraction beyond the double range: name it
        for k, v in enumerate(flat):
            if is_exact_number(v):
                _check_double_range(to_exact(v, f"{name} entry {k}"), f"{name} entry {k}")
        raise InvalidGameError(f"{name} has an entry beyond +-1.8e308 (the double-precision range)") from None
    bad = ~np.isfinite(out)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise InvalidGameError(f"{name} has a non-finite entry {float(out[idx])!r} at index {idx}")
    return out, False


def check_player_labels(labels: Sequence[str] | None, n: int) -> tuple[str, ...]:
    """``n`` distinct player labels as strings (``P1``, ``P2``, ... when ``labels`` is None);
    :class:`InvalidGameError` for a wrong count or a repeated label.  Shared with the
    symbolic games."""
    if labels is None:
        return tuple(f"P{i + 1}" for i in range(n))
    labels = tuple(str(x) for x in labels)
    if len(labels) != n:
        raise InvalidGameError(f"{len(labels)} player labels given for {n} players")
    if len(set(labels)) != n:
        raise InvalidGameError(f"player labels must be distinct; got {labels}")
    return labels


def check_strategy_labels(labels: Any, shape: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    """Distinct strategy labels per player, one per strategy of ``shape`` (``s1``, ``s2``, ...
    when ``labels`` is None); :class:`InvalidGameError` for a wrong count or a repeated label.
    Shared with the symbolic games."""
    if labels is None:
        return tuple(tuple(f"s{k + 1}" for k in range(m)) for m in shape)
    labels = [tuple(str(x) for x in lab) for lab in labels]
    if len(labels) != len(shape):
        raise InvalidGameError(f"strategy labels given for {len(labels)} players; the game has {len(shape)}")
    for i, (lab, m) in enumerate(zip(labels, shape)):
        if len(lab) != m:
            raise InvalidGameError(f"player {i} has {m} strategies but {len(lab)} strategy labels")
        if len(set(lab)) != m:
            raise InvalidGameError(f"strategy labels of player {i} must be distinct; got {lab}")
    return tuple(labels)


class NormalFormGame:
    """An n-player finite game in strategic form.

    Parameters
    ----------
    payoffs
        A list (or tuple) with one payoff array per player, each of shape
        ``(m_0, ..., m_{n-1})``: ``[A, B]`` always means player 0's array, then player
        1's.  A single numpy array is read by its shape: ``(n, m_0, ..., m_{n-1})`` is
        the per-player stack (``np.stack([A, B])``); ``(m_0, ..., m_{n-1}, n)`` has the
        payoff vectors in the last axis (as quantecon and Gambit lay them out).  When
        both readings fit (shape ``(n, ..., n)``: a 2x2 game stacked as ``(2, 2, 2)``,
        any ``(2, m, 2)``, ``(3, m_1, m_2, 3)``, ...) the array is refused with an
        :class:`InvalidGameError`: pass a list, ``from_bimatrix(A, B)`` or ``layout``.
    player_labels, strategy_labels
        Optional names; defaults ``"P1".."Pn"`` and ``"s1".."sm"``.
    exact
        ``None`` (default) infers exactness from the entries; ``True`` converts to
        Fractions; ``False`` forces float64.
    tol
        Float games only: the largest gain from a deviation that still counts as none.
        ``None`` (default): per player, ``1e-9 * max |u_i|`` (relative to that player's
        payoff scale; ``1e-9`` if all its payoffs are 0).  A number: that absolute
        tolerance for every player.  A sequence of ``n`` numbers: one per player.
        Stored as ``game.tols``; ``game.tol`` is their maximum (for display only:
        checks use each player's own entry).
    title
        An optional name for the game (printed in tables and Gambit files).
    layout
        ``None`` (default): read a single array by its shape as above.
        ``"players_first"`` or ``"players_last"`` says which axis holds the players,
        for a single array or a nested list; it must fit the shape.

    Raises
    ------
    InvalidGameError
        Shapes that do not match, an ambiguous single array, NaN or infinite payoffs,
        entries that are not numbers, labels of the wrong length.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54, 286-295.

    Examples
    --------
    The prisoner's dilemma with ints is an exact game; so are its equilibria:

    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pd.n_players, pd.shape, pd.exact
    (2, (2, 2), True)
    >>> [eq.payoffs for eq in gt.solve(pd)]
    [(Fraction(1, 1), Fraction(1, 1))]
    """

    def __init__(
        self,
        payoffs: Any,
        player_labels: Sequence[str] | None = None,
        strategy_labels: Sequence[Sequence[str]] | None = None,
        exact: bool | None = None,
        tol: float | Sequence[float] | None = None,
        title: str = "",
        layout: str | None = None,
    ) -> None:
        arrays = self._split_payoffs(payoffs, layout)
        n = len(arrays)
        if n == 0:
            raise InvalidGameError("a game needs at least one player; got an empty list of payoff arrays")
        converted = []
        exact_flags = []
        for i, a in enumerate(arrays):
            arr, ex = _as_payoff_array(a, f"payoff array of player {i}", exact)
            converted.append(arr)
            exact_flags.append(ex)
        is_exact = all(exact_flags) if exact is None else bool(exact)
        if exact is None and not is_exact:
            converted = [np.asarray(a, dtype=float) if a.dtype == object else a for a in converted]
        shape = converted[0].shape
        for i, a in enumerate(converted):
            if a.shape != shape:
                raise InvalidGameError(
                    f"payoff array of player {i} has shape {a.shape}, but player 0's has shape {shape}"
                )
        if len(shape) != n:
            raise InvalidGameError(
                f"{n} payoff array{'s were' if n != 1 else ' was'} given, so each must have {n} "
                f"ax{'es' if n != 1 else 'is'} (one per player); got shape {shape}"
            )
        for i, m in enumerate(shape):
            if m == 0:
                raise InvalidGameError(f"player {i} has an empty strategy set")
        self._payoffs = tuple(converted)
        for a in self._payoffs:
            a.setflags(write=False)
        self.exact: bool = is_exact
        self.n_players: int = n
        self.shape: tuple[int, ...] = tuple(int(m) for m in shape)
        self.title = str(title)
        self.player_labels: tuple[str, ...] = check_player_labels(player_labels, n)
        self.strategy_labels: tuple[tuple[str, ...], ...] = check_strategy_labels(strategy_labels, self.shape)
        if tol is None:
            tol = [default_tol(a) for a in self._payoffs]
        self.tols: tuple[float, ...] = self.player_tols(tol)
        self.tol: float = max(self.tols)

    def player_tols(self, tol: Any = None) -> tuple[float, ...]:
        """Per-player tolerances: ``game.tols`` for ``None``, a number for every player, or one per player.

        Raises :class:`InvalidGameError` for a negative, non-finite or wrongly sized ``tol``.
        """
        if tol is None:
            return self.tols
        if isinstance(tol, np.ndarray):
            tol = tol.tolist()
        values = list(tol) if isinstance(tol, (list, tuple)) else [tol] * self.n_players
        if len(values) != self.n_players:
            raise InvalidGameError(f"tol has {len(values)} entries for {self.n_players} players; give one number or one per player")
        for v in values:
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, Fraction, np.integer, np.floating)) \
                    or not (np.isfinite(float(v)) and v >= 0):
                raise InvalidGameError(f"tol must be a finite non-negative number (or one per player); got {tol!r}")
        return tuple(float(v) for v in values)

    # ------------------------------------------------------------------ construction
    @staticmethod
    def _split_payoffs(payoffs: Any, layout: str | None = None) -> list:
        if layout is not None and layout not in LAYOUTS:
            raise InvalidGameError(f"layout must be one of {', '.join(map(repr, LAYOUTS))} or None; got {layout!r}")
        if isinstance(payoffs, NormalFormGame):
            return list(payoffs._payoffs)
        if isinstance(payoffs, (list, tuple)):
            if layout != "players_last":
                return list(payoffs)  # a list is one payoff array per player, whatever its shape
            shape = _nested_shape(payoffs, "payoffs")
            arr = np.empty(int(np.prod(shape)), dtype=object)
            arr[:] = _flatten(payoffs)
            payoffs = arr.reshape(shape)
        if not isinstance(payoffs, np.ndarray):
            raise InvalidGameError(
                f"payoffs must be a list of arrays (one per player); got {type(payoffs).__name__}"
            )
        shape, d = payoffs.shape, payoffs.ndim
        first = d >= 2 and shape[0] == d - 1
        last = d >= 2 and shape[-1] == d - 1
        if layout is None:
            if first and last:
                # (n, ..., n) fits both readings; a guess would silently solve another game
                raise InvalidGameError(
                    f"a single payoff array of shape {shape} is ambiguous: it could be one "
                    f"{'x'.join(map(str, shape[1:]))} array per player (players first, as np.stack([A, B]) "
                    f"gives) or a {'x'.join(map(str, shape[:-1]))} array of payoff vectors (players last). "
                    "Pass a list [A, B] (one array per player), NormalFormGame.from_bimatrix(A, B), or "
                    "layout='players_first' / layout='players_last'"
                )
            layout = "players_first" if first else "players_last" if last else None
        if layout == "players_first" and first:
            return list(payoffs)
        if layout == "players_last" and last:
            return [payoffs[..., i] for i in range(shape[-1])]
        want = {
            "players_first": "(n, m_1, ..., m_n)",
            "players_last": "(m_1, ..., m_n, n)",
            None: "(n, m_1, ..., m_n) or (m_1, ..., m_n, n)",
        }[layout]
        raise InvalidGameError(
            f"a single payoff array must have shape {want}; got shape {shape}. "
            "Otherwise pass a list with one payoff array per player"
        )

    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any | None = None,
        **kwargs: Any,
    ) -> "NormalFormGame":
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``.

        ``B`` defaults to ``-A`` (a zero-sum game).  pandas DataFrames are accepted; their
        index and columns become the strategy labels unless ``strategy_labels`` is given.
        """
        if "strategy_labels" not in kwargs and hasattr(A, "index") and hasattr(A, "columns"):
            kwargs["strategy_labels"] = [list(map(str, A.index)), list(map(str, A.columns))]
        A = _plain_array(A)
        B = _plain_array(B)
        shape_a = _nested_shape(A, "A")
        if len(shape_a) != 2:
            raise InvalidGameError(f"A must be a matrix (2 axes); got shape {shape_a}")
        if B is None:
            a_arr, ex = _as_payoff_array(A, "A", kwargs.get("exact"))
            B = -a_arr
        shape_b = _nested_shape(B, "B")
        if shape_b != shape_a:
            raise InvalidGameError(f"A has shape {shape_a} but B has shape {shape_b}; they must match")
        return cls([A, B], **kwargs)

    # ------------------------------------------------------------------ accessors
    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """One read-only payoff array per player (object arrays of Fractions when exact)."""
        return self._payoffs

    def payoff_array(self, player: int) -> np.ndarray:
        """Payoff array of ``player``, shape ``self.shape``."""
        self._check_player(player)
        return self._payoffs[player]

    @property
    def num_strategies(self) -> tuple[int, ...]:
        return self.shape

    @property
    def is_two_player(self) -> bool:
        return self.n_players == 2

    @property
    def bimatrix(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` for a two-player game."""
        if self.n_players != 2:
            raise InvalidGameError(f"bimatrix needs a two-player game; this one has {self.n_players} players")
        return self._payoffs[0], self._payoffs[1]

    def _check_player(self, player: int) -> None:
        if not isinstance(player, (int, np.integer)) or not 0 <= player < self.n_players:
            raise InvalidGameError(f"player must be an index in 0..{self.n_players - 1}; got {player!r}")

    def as_float(self) -> "NormalFormGame":
        """The same game in floating point."""
        if not self.exact:
            return self
        return NormalFormGame(
            [a.astype(float) for a in self._payoffs],
            self.player_labels,
            self.strategy_labels,
            exact=False,
            title=self.title,
        )

    def as_exact(self) -> "NormalFormGame":
        """The same game with payoffs converted to the Fractions they denote."""
        if self.exact:
            return self
        return NormalFormGame(list(self._payoffs), self.player_labels, self.strategy_labels, exact=True, title=self.title)

    def stacked(self) -> np.ndarray:
        """Payoffs as one array of shape ``(m_0, ..., m_{n-1}, n)``."""
        return np.stack(self._payoffs, axis=-1)

    # ------------------------------------------------------------------ transformations
    def permute_strategies(self, player: int, order: Sequence[int]) -> "NormalFormGame":
        """The game with ``player``'s strategies reordered: new strategy k is old ``order[k]``."""
        self._check_player(player)
        order = list(order)
        if sorted(order) != list(range(self.shape[player])):
            raise InvalidGameError(f"order must be a permutation of 0..{self.shape[player] - 1}; got {order}")
        arrays = [np.take(a, order, axis=player) for a in self._payoffs]
        labels = [list(l) for l in self.strategy_labels]
        labels[player] = [self.strategy_labels[player][k] for k in order]
        return NormalFormGame(arrays, self.player_labels, labels, exact=self.exact, title=self.title)

    def permute_players(self, order: Sequence[int]) -> "NormalFormGame":
        """The game with players reordered: new player k is old player ``order[k]``."""
        order = list(order)
        if sorted(order) != list(range(self.n_players)):
            raise InvalidGameError(f"order must be a permutation of 0..{self.n_players - 1}; got {order}")
        arrays = [np.transpose(self._payoffs[k], order) for k in order]
        return NormalFormGame(
            arrays,
            [self.player_labels[k] for k in order],
            [self.strategy_labels[k] for k in order],
            exact=self.exact,
            title=self.title,
        )

    def affine(self, player: int, scale: Any, shift: Any = 0) -> "NormalFormGame":
        """The game with ``player``'s payoffs replaced by ``scale * u + shift`` (``scale > 0``)."""
        self._check_player(player)
        if self.exact and is_exact_number(scale) and is_exact_number(shift):
            scale, shift = to_exact(scale), to_exact(shift)
        if not scale > 0:
            raise InvalidGameError(f"scale must be positive; got {scale!r}")
        arrays = list(self._payoffs)
        arrays[player] = arrays[player] * scale + shift
        return NormalFormGame(arrays, self.player_labels, self.strategy_labels, exact=None, title=self.title)

    # ------------------------------------------------------------------ profiles and payoffs
    def check_profile(self, profile: Any, exact: bool | None = None) -> tuple[np.ndarray, ...]:
        """Validate a mixed-strategy profile; return one probability vector per player.

        Each entry may be a probability vector or an int (a pure strategy index).
        Exact games keep exact entries exact; a float entry makes the profile float.
        Raises :class:`InvalidProfileError` naming the problem.
        """
        if isinstance(profile, np.ndarray) and profile.dtype != object and profile.ndim == 2 and self.n_players > 0:
            profile = list(profile)
        if not isinstance(profile, (list, tuple)):
            raise InvalidProfileError(f"a profile must be a list with one strategy per player; got {type(profile).__name__}")
        if len(profile) != self.n_players:
            raise InvalidProfileError(f"the profile has {len(profile)} strategies for a {self.n_players}-player game")
        vecs = []
        for i, s in enumerate(profile):
            m = self.shape[i]
            if isinstance(s, (int, np.integer)) and not isinstance(s, (bool, np.bool_)):
                if not 0 <= s < m:
                    raise InvalidProfileError(f"pure strategy {s} of player {i} is out of range 0..{m - 1}")
                v = np.zeros(m, dtype=object)
                v[:] = [Fraction(0)] * m
                v[int(s)] = Fraction(1)
                vecs.append(v)
                continue
            try:
                entries = list(s)
            except TypeError:
                raise InvalidProfileError(f"strategy of player {i} is neither a vector nor a pure index: {s!r}") from None
            if len(entries) != m:
                raise InvalidProfileError(f"strategy of player {i} has {len(entries)} entries; player {i} has {m} strategies")
            ex = all(is_exact_number(x) for x in entries)
            for x in entries:
                if isinstance(x, (bool, np.bool_, str, bytes)) or not isinstance(x, numbers.Number) and not is_exact_number(x):
                    raise InvalidProfileError(f"strategy of player {i} has a non-numeric entry {x!r}")
            if ex:
                v = np.empty(m, dtype=object)
                v[:] = [to_exact(x) for x in entries]
                total = sum(v, Fraction(0))
                if any(x < 0 for x in v):
                    raise InvalidProfileError(f"strategy of player {i} has a negative probability: {list(v)}")
                if total != 1:
                    raise InvalidProfileError(f"probabilities of player {i} sum to {total}, not 1")
            else:
                try:
                    v = np.array([float(x) for x in entries], dtype=float)
                except (TypeError, ValueError):
                    raise InvalidProfileError(f"strategy of player {i} has an entry that is not real: {entries}") from None
                if not np.all(np.isfinite(v)):
                    raise InvalidProfileError(f"strategy of player {i} has a non-finite entry: {entries}")
                ptol = DEFAULT_TOL  # probabilities are unitless: not the payoff tolerance
                if np.any(v < -ptol):
                    raise InvalidProfileError(f"strategy of player {i} has a negative probability: {entries}")
                if abs(v.sum() - 1.0) > ptol * max(1, m):
                    raise InvalidProfileError(f"probabilities of player {i} sum to {v.sum()!r}, not 1")
            vecs.append(v)
        all_exact = all(v.dtype == object for v in vecs)
        if exact is True or (exact is None and self.exact and all_exact):
            return tuple(np.array([to_exact(x) for x in v], dtype=object) for v in vecs)
        return tuple(np.asarray(v, dtype=float) for v in vecs)

    def _payoff_arrays_for(self, profile: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
        exact = all(v.dtype == object for v in profile) and self.exact
        return self._payoffs if exact else tuple(a.astype(float) for a in self._payoffs)

    def deviation_payoffs(self, player: int, profile: Any, *, check: bool = True) -> np.ndarray:
        """Expected payoff of each pure strategy of ``player`` against the others' mixed strategies.

        ``check=False`` skips validating ``player`` and ``profile``, for solvers' inner loops:
        ``profile`` must then be what :meth:`check_profile` returns (a tuple of 1-d arrays).
        """
        if check:
            self._check_player(player)
            profile = self.check_profile(profile)
        arr = self._payoff_arrays_for(profile)[player]
        # contract the other players' axes from the last to the first so axis numbers stay valid
        for j in range(self.n_players - 1, -1, -1):
            if j == player:
                continue
            arr = np.tensordot(arr, profile[j], axes=([j], [0]))
        return arr

    def expected_payoffs(self, profile: Any) -> tuple:
        """Expected payoff of every player under a mixed profile (Fractions when all exact)."""
        prof = self.check_profile(profile)
        out = []
        for i in range(self.n_players):
            dev = self.deviation_payoffs(i, prof, check=False)
            out.append(np.dot(dev, prof[i]))
        return tuple(out)

    def pure_payoffs(self, profile: Sequence[int]) -> tuple:
        """Payoffs at a pure profile given as strategy indices."""
        idx = tuple(int(k) for k in profile)
        if len(idx) != self.n_players or any(not 0 <= k < m for k, m in zip(idx, self.shape)):
            raise InvalidProfileError(f"pure profile {profile!r} does not fit strategy counts {self.shape}")
        return tuple(a[idx] for a in self._payoffs)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        kind = "exact" if self.exact else "float"
        dims = "x".join(str(m) for m in self.shape)
        name = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{name}: {self.n_players} players, {dims}, {kind}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.shape == other.shape
            and self.exact == other.exact
            and all(np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs))
        )

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        """The payoffs with their labels: a bimatrix grid per slice (see :mod:`gametheory._game_display`)."""
        from ._game_display import game_text

        return game_text(self)

    def _repr_html_(self) -> str:
        from ._game_display import game_html

        return game_html(self)

    def _repr_latex_(self) -> str:
        from ._game_display import game_latex

        return game_latex(self)


def iter_pure_profiles(shape: Iterable[int]):
    """All pure profiles of a game with the given strategy counts (row-major order)."""
    return np.ndindex(*tuple(shape))
