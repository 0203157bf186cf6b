"""Equilibrium results and the checks every solver's output must pass.

An :class:`Equilibrium` records a strategy profile, its expected payoffs and how
it was found (method, exactness, tolerance, parameters), after pygambit's result
objects, so every table row says how it was computed.

``regret`` is each player's largest gain from a unilateral deviation to a pure
strategy (Nash 1951); a profile is a Nash equilibrium iff every regret is zero.
For exact games and exact profiles the check is exact (Fractions, tolerance 0).
Float checks give each player its own tolerance (``game.tols``: relative to that
player's payoff scale), and :func:`is_equilibrium` is by definition
``all(regret_i <= tol_i)``, so the two never disagree.

Float results are cleaned in one place, :func:`clean_probabilities`: a probability
within ``PROB_ZERO = 1e-12`` of 0 (solver roundoff, typically 1e-17) becomes exactly
``0.0`` and the rest are renormalized to sum to 1.  Zeroing a probability of at most
1e-12 moves any player's expected payoffs by at most ``2e-12 * max |u_j|`` per entry,
far inside that player's tolerance ``1e-9 * max |u_j|``, so a cleaned equilibrium
still passes the check.  QRE points are interior (every probability positive by
construction) and are not cleaned; polished QRE end points are.
"""

from __future__ import annotations

import html
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from ._labels import LabelMap, label_index
from ._latex import latex_text
from .numbers import DEFAULT_TOL, num_text
from .errors import GameError, InvalidProfileError, SolverError
from .normal_form import NormalFormGame

__all__ = [
    "Result", "Equilibria", "Equilibrium", "regret", "is_equilibrium", "support", "make_equilibrium", "same_profile",
    "clean_probabilities", "PROB_ZERO", "LabelMap", "label_index",
]

#: Float probabilities at most this far from 0 are solver roundoff and become exactly 0.0.
PROB_ZERO = 1e-12


def clean_probabilities(rows: Any) -> np.ndarray:
    """Mixed strategies as float rows (a 2-D array), roundoff removed.

    Entries with ``|p| <= PROB_ZERO`` become exactly ``0.0`` and each row is divided by
    its sum, so a pure strategy is exactly ``(0.0, ..., 1.0, ..., 0.0)``.  The one
    place float equilibria are cleaned (see the module docstring for why the check
    still holds).
    """
    X = np.array(rows, dtype=float, ndmin=2)
    X[np.abs(X) <= PROB_ZERO] = 0.0
    sums = X.sum(axis=1, keepdims=True)
    np.divide(X, sums, out=X, where=sums > 0)
    return X


def format_cell(x: Any) -> str:
    """A payoff or probability for display: floats to 6 significant digits, exact values in full."""
    if isinstance(x, float):
        return f"{x:.6g}"
    return num_text(x)


# ---------------------------------------------------------------------- the result convention
class Result:
    """The protocol every solver result follows (normal-form, tree, Bayesian, signaling,
    continuous, public-goods equilibria, cooperative solutions, trigger thresholds).

    Attributes
    ----------
    payoffs : tuple
        One entry per player (for a signaling game: the sender's payoff per type, then
        the receiver's expected payoff).
    strategies
        What each player does; a class documents its own shape (and may keep a more
        natural name as well, e.g. a PBE's ``sender``/``receiver``).
    method : str
        How it was computed.
    exact : bool
        Whether the result is exact rationals.
    tol : float
        Tolerance of the checks behind it (0 when exact).
    params : mapping
        Anything else the solver records.
    game
        The game it solves (None where a result was built without one).

    ``to_row()`` is the flat dict a table uses: one column per player/strategy entry,
    labelled by the game's own names, scalar values only, then ``method`` and ``exact``.
    ``repr``, ``_repr_html_`` and ``_repr_latex_`` display it; by default they list
    ``to_row()`` (a class may show more), so two results that differ in any entry display
    differently.

    References
    ----------
    Savani, R. & Turocy, T. (2024). Gambit: The package for computation in game theory
    (the ``MixedStrategyProfile``/``NashComputationResult`` conventions followed here).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]])
    >>> eq = gt.solve(pd)[0]
    >>> isinstance(eq, gt.Result), eq.method, eq.exact
    (True, 'vertex', True)
    >>> eq.to_row()["P1: s2"], eq.to_row()["payoff P1"]
    (Fraction(1, 1), Fraction(1, 1))
    """

    # Annotations only: each result class defines these (as dataclass fields or
    # properties); a class-level default here would leak into its dataclass fields.
    payoffs: tuple
    strategies: Any
    method: str
    exact: bool
    tol: float
    params: Mapping[str, Any]
    game: Any

    def to_row(self) -> dict[str, Any]:
        """The flat dict a table shows for this result (column name -> scalar)."""
        raise NotImplementedError(f"{type(self).__name__} does not define to_row()")

    def finish_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with the ``method`` and ``exact`` columns every result ends with; a label
        that is not a scalar (a tuple used as a terminal or message label) becomes its text,
        so the row stays flat."""
        for k, v in row.items():
            if not _is_scalar(v):
                row[k] = str(v)
        row["method"] = self.method
        row["exact"] = bool(self.exact)
        return row

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={format_cell(v)}" for k, v in self.to_row().items())
        return f"{type(self).__name__}({items})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(k))}</td><td>{html.escape(format_cell(v))}</td></tr>" for k, v in self.to_row().items()
        )
        return f"<table><caption>{html.escape(type(self).__name__)}</caption>{rows}</table>"

    def _repr_latex_(self) -> str:
        rows = r" \\ ".join(f"{latex_text(k)} & {_latex_value(v)}" for k, v in self.to_row().items())
        return "$" + latex_text(type(self).__name__) + r"\quad\begin{array}{ll} " + rows + r" \end{array}$"


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, bool, numbers.Number, np.generic))




def _latex_value(v: Any) -> str:
    """A cell of :meth:`Result._repr_latex_` inside math mode."""
    from .tables import format_value

    if isinstance(v, str):
        return latex_text(v)
    if v is None or (isinstance(v, float) and v != v):
        return latex_text("n/a")
    s = format_value(v, "latex")
    if s.startswith("$") and s.endswith("$"):
        return s[1:-1]
    return s if s.lstrip("-").replace(".", "", 1).isdigit() else latex_text(s)


def add_column(row: dict[str, Any], key: str, value: Any) -> None:
    """Add a column; a name that is already taken (labels that collide) gets a ``#2``, ``#3`` suffix."""
    k, n = key, 1
    while k in row:
        n += 1
        k = f"{key} #{n}"
    row[k] = value


class Equilibria(list):
    """The equilibria one solving call returns: a list that knows how it was made.

    Behaves as a plain ``list`` of results (indexing, ``len``, iteration, ``==`` with a
    list) and records the whole solve (after pygambit's ``NashComputationResult``).

    Attributes
    ----------
    game
        The game solved.
    method : str
        The algorithm (after ``"auto"`` was resolved).
    complete : bool
        Whether the list holds every equilibrium the method is meant to find (all Nash
        equilibria, all pure SPE, all pure PBE, ...); False for methods that find some
        (Lemke-Howson, QRE) and for enumerations cut at ``limit``.
    exact : bool
        Whether every entry is exact (an empty list: whether the game is exact).
    params : dict
        Anything else the call records (``requested``: the method asked for).
    components : list of Component
        The connected components of the equilibrium set (on what :func:`gametheory.solve` returns).

    In a notebook it displays as a table of the equilibria (``to_row()`` of each) with
    its method and completeness.  ``to_frame()`` is :func:`gametheory.equilibria_frame`.

    References
    ----------
    Savani, R. & Turocy, T. (2024). Gambit: The package for computation in game theory
    (``NashComputationResult``).

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = gt.solve(bos)
    >>> len(eqs), eqs.method, eqs.complete, eqs.exact
    (3, 'vertex', True, True)
    >>> gt.solve(bos, method="lemke-howson").complete
    False
    """

    def __init__(
        self,
        items: Iterable[Any] = (),
        *,
        game: Any = None,
        method: str = "",
        complete: bool = True,
        exact: bool | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(items)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        if exact is None:
            exact = all(e.exact for e in self) if len(self) else bool(getattr(game, "exact", False))
        self.exact = bool(exact)
        self.params = dict(params or {})
        #: ``f(self) -> list of Component``, set by :func:`gametheory.solve` (see ``components``).
        self.component_finder: Callable[["Equilibria"], list] | None = None
        self._components: list | None = None

    @property
    def components(self) -> list:
        """The connected components of the game's equilibrium set, each with its extreme
        points, dimension, ``contains`` and a sample point (see
        :mod:`gametheory.solvers.components`); computed once, on the result of
        :func:`gametheory.solve`."""
        if self._components is None:
            if self.component_finder is None:
                raise SolverError("components are computed for what gametheory.solve(game) returns; "
                                  "call gametheory.solve(game).components")
            self._components = self.component_finder(self)
        return self._components

    def to_frame(self, **params: Any) -> Any:
        """One row per equilibrium (:func:`gametheory.tables.equilibria_frame`)."""
        from .tables import equilibria_frame

        return equilibria_frame(self, **params)

    def _summary(self) -> str:
        n = len(self)
        noun = "equilibrium" if n == 1 else "equilibria"
        whole = "complete" if self.complete else "not necessarily complete"
        return f"{n} {noun} by {self.method or 'an unnamed method'} ({whole}, {'exact' if self.exact else 'float'})"

    def _repr_html_(self) -> str:
        rows = [e.to_row() if isinstance(e, Result) else {"entry": repr(e)} for e in self]
        cols: list[str] = []
        for r in rows:
            cols += [c for c in r if c not in cols]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in ["#", *cols])
        body = "".join(
            "<tr>" + f"<td>{k}</td>" + "".join(f"<td>{html.escape(format_cell(r[c])) if c in r else ''}</td>" for c in cols) + "</tr>"
            for k, r in enumerate(rows)
        )
        return f"<p>{html.escape(self._summary())}</p><table><tr>{head}</tr>{body}</table>"

    def _repr_latex_(self) -> str:
        from .tables import to_table

        if not self:
            return "$" + latex_text(self._summary()) + "$"
        return to_table(self.to_frame(), format="latex", caption=self._summary())


def equilibria_of(items: Iterable[Any], game: Any, method: str, complete: bool = True, **params: Any) -> Equilibria:
    """An :class:`Equilibria` of ``items``; ``complete`` is also False when an entry says
    ``params["complete"] = False`` (an enumeration cut at its limit, an unresolved system)."""
    items = list(items)
    complete = complete and not any(getattr(e, "params", {}).get("complete") is False for e in items)
    return Equilibria(items, game=game, method=method, complete=complete, params=params)


def returns_equilibria(method: str, complete: bool = True) -> Callable[[Callable[..., list]], Callable[..., Equilibria]]:
    """Decorator for a normal-form solver ``f(game, ...)``: its list comes back as :class:`Equilibria`."""
    import functools

    def wrap(f: Callable[..., list]) -> Callable[..., Equilibria]:
        @functools.wraps(f)
        def solver(*args: Any, **kwargs: Any) -> Equilibria:
            out = f(*args, **kwargs)
            game = args[0] if args else kwargs.get("game")
            return equilibria_of(out, game, method, complete)

        return solver

    return wrap


@dataclass(frozen=True, eq=False, repr=False)
class Equilibrium(Result):
    """A Nash equilibrium (or another solution) of a normal-form game.

    Solvers build it; user code reads it.

    Attributes
    ----------
    strategies : tuple of tuples
        One probability vector per player (Fractions for exact games).
    payoffs : tuple
        Expected payoff of each player.
    method : str
        The algorithm that found it ("support", "vertex", "lemke-howson", ...).
    exact : bool
        Whether strategies and payoffs are exact rationals.
    tol : float
        Tolerance used in the equilibrium check (0 when exact); the largest of ``tols``.
    tols : tuple of float
        The tolerance of each player's regret (relative to that player's payoff scale).
    params : mapping
        Anything else the solver records (starting label, lambda, warnings ...).
    labels : tuple of tuples
        The strategy labels of each player.
    game : NormalFormGame or None
        The game it is an equilibrium of.
    index : int or None
        Shapley's index of a regular two-player equilibrium (+1 or -1), else None.

    ``to_row()`` gives one column ``"<player>: <strategy>"`` per strategy (its
    probability), ``"payoff <player>"`` per player, then ``method`` and ``exact``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54, 286-295.

    Examples
    --------
    >>> import gametheory as gt
    >>> mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eq = gt.solve(mp)[0]
    >>> eq.strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> eq.payoffs, eq.exact, eq.method
    ((Fraction(0, 1), Fraction(0, 1)), True, 'vertex')

    A player's strategy by label or index, as in pygambit:

    >>> eq["P1"]["s2"], eq[1][0]
    (Fraction(1, 2), Fraction(1, 2))
    """

    strategies: tuple
    payoffs: tuple
    method: str = ""
    exact: bool = False
    tol: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict)
    labels: tuple = ()
    tols: tuple = ()
    game: Any = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.tols:  # built with a single tolerance: every player gets it
            object.__setattr__(self, "tols", (float(self.tol),) * len(self.strategies))

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for p in s if p != 0) == 1 for s in self.strategies)

    @property
    def is_mixed(self) -> bool:
        return not self.is_pure

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        # probabilities, not payoffs: the float threshold is the cleaning rule's, whatever the payoff scale
        return tuple(tuple(k for k, p in enumerate(s) if (p > 0 if self.exact else p > PROB_ZERO)) for s in self.strategies)

    @property
    def index(self) -> int | None:
        """Shapley's (1974) index (+1 or -1) of a regular equilibrium of a two-player game,
        None otherwise (see :mod:`gametheory.solvers.equilibrium_index`)."""
        if self.game is None or len(self.strategies) != 2:
            return None
        from .solvers.equilibrium_index import bimatrix_index

        A, B = self.game.bimatrix
        return bimatrix_index(A.tolist(), B.tolist(), *self.strategies, zero=0.0 if self.exact else PROB_ZERO,
                              payoff_tols=(0.0, 0.0) if self.exact else self.tols[:2])

    @property
    def pure_profile(self) -> tuple[int, ...] | None:
        """Strategy indices if the equilibrium is pure, else None."""
        if not self.is_pure:
            return None
        return tuple(next(k for k, p in enumerate(s) if p != 0) for s in self.strategies)

    def as_float(self) -> tuple[np.ndarray, ...]:
        return tuple(np.asarray(s, dtype=float) for s in self.strategies)

    def key(self, digits: int = 9) -> tuple:
        """A hashable key for de-duplication (exact tuples, or rounded floats)."""
        if self.exact:
            return tuple(tuple(s) for s in self.strategies)
        return tuple(tuple(round(float(p), digits) + 0.0 for p in s) for s in self.strategies)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        exact = self.exact and other.exact
        return same_profile(self.strategies, other.strategies, tol=0.0 if exact else DEFAULT_TOL)

    __hash__ = None  # type: ignore[assignment]

    def __getitem__(self, player: Any) -> Any:
        """Player ``player``'s mixed strategy as a mapping strategy label -> probability.

        ``player`` is a player label or an index; the mapping also takes a strategy index,
        so ``eq["P1"]["Opera"]`` and ``eq[0][0]`` are the same (exact) probability, as in
        pygambit's ``profile[player][strategy]``.  An unknown label is an
        :class:`~gametheory.errors.UnknownLabelError` (a ``KeyError``) naming the valid ones.
        """
        i = label_index(player, self.player_labels(), "player")
        s = self.strategies[i]
        names = self.labels[i] if i < len(self.labels) else tuple(f"s{k + 1}" for k in range(len(s)))
        return LabelMap(names, s, "strategy", self.player_labels()[i])

    # indexing by label does not make a result a sequence: ``iter(eq)`` stays a TypeError
    __iter__ = None  # type: ignore[assignment]

    def player_labels(self) -> tuple[str, ...]:
        game_labels = getattr(self.game, "player_labels", None)
        return tuple(game_labels) if game_labels else tuple(f"P{i + 1}" for i in range(len(self.strategies)))

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        players = self.player_labels()
        for i, s in enumerate(self.strategies):
            names = self.labels[i] if i < len(self.labels) else tuple(str(k + 1) for k in range(len(s)))
            for name, p in zip(names, s):
                add_column(row, f"{players[i]}: {name}", p)
        for who, u in zip(players, self.payoffs):
            add_column(row, f"payoff {who}", u)
        return self.finish_row(row)

    def __repr__(self) -> str:
        strat = "; ".join("(" + ", ".join(format_cell(p) for p in s) + ")" for s in self.strategies)
        pay = ", ".join(format_cell(p) for p in self.payoffs)
        return f"Equilibrium([{strat}], payoffs=({pay}), method={self.method!r})"

    def _repr_html_(self) -> str:
        players = self.player_labels()
        rows = "".join(
            f"<tr><td>{html.escape(players[i])}</td><td>{html.escape(', '.join(format_cell(p) for p in s))}</td>"
            f"<td>{html.escape(format_cell(u))}</td></tr>"
            for i, (s, u) in enumerate(zip(self.strategies, self.payoffs))
        )
        return (
            f"<table><tr><th>player</th><th>strategy</th><th>payoff</th></tr>{rows}</table>"
            f"<small>method={self.method}, exact={self.exact}, tol={self.tol}</small>"
        )


def same_profile(a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]], tol: float = 0.0) -> bool:
    """Whether two profiles are equal (exactly when tol is 0, else within tol entrywise)."""
    if len(a) != len(b):
        return False
    for sa, sb in zip(a, b):
        if len(sa) != len(sb):
            return False
        for x, y in zip(sa, sb):
            if tol == 0:
                if x != y:
                    return False
            elif abs(float(x) - float(y)) > tol:
                return False
    return True


def regret(game: NormalFormGame, profile: Any) -> tuple:
    """Each player's largest gain from deviating to a pure strategy.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence
        One probability vector per player.

    Returns
    -------
    tuple
        One gain per player; exact (Fractions) when the game and the profile are exact.

    Raises
    ------
    InvalidProfileError
        The profile is not one probability vector per player of the right length.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.regret(bos, [[Fraction(1, 2), Fraction(1, 2)], [1, 0]])
    (Fraction(1, 1), Fraction(1, 2))
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidProfileError(f"regret needs a NormalFormGame; got {type(game).__name__}")
    prof = game.check_profile(_strategies_of(profile))
    out = []
    for i in range(game.n_players):
        dev = game.deviation_payoffs(i, prof, check=False)
        current = np.dot(dev, prof[i])
        best = max(dev)
        out.append(best - current)
    return tuple(out)


def _strategies_of(profile: Any) -> Any:
    return profile.strategies if isinstance(profile, Equilibrium) else profile


def is_equilibrium(game: NormalFormGame, profile: Any, tol: Any = None) -> bool:
    """True if no player ``i`` gains more than its tolerance ``tol_i`` by deviating.

    Exactly ``all(r_i <= tol_i for r_i in regret(game, profile))``.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence
        One probability vector per player.
    tol : float or sequence of float, optional
        Defaults to 0 for an exact game with an exact profile (an exact check) and to
        ``game.tols`` (each player's tolerance on its own payoff scale) otherwise; a
        number applies to every player, a sequence gives one per player.

    Returns
    -------
    bool

    Raises
    ------
    InvalidProfileError
        The profile does not fit the game.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.is_equilibrium(bos, [[1, 0], [1, 0]]), gt.is_equilibrium(bos, [[0, 1], [1, 0]])
    (True, False)
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidProfileError(f"is_equilibrium needs a NormalFormGame; got {type(game).__name__}")
    prof = game.check_profile(_strategies_of(profile))
    exact = game.exact and all(v.dtype == object for v in prof)
    if tol is None:
        tols: tuple = (0,) * game.n_players if exact else game.tols
    else:
        try:
            tols = game.player_tols(tol)
        except GameError as exc:
            raise InvalidProfileError(str(exc)) from None
        if exact:  # keep an exact tolerance exact so the comparison with exact regrets stays exact
            values = list(tol) if isinstance(tol, (list, tuple, np.ndarray)) else [tol] * game.n_players
            tols = tuple(Fraction(v) if isinstance(v, (int, Fraction, np.integer)) else v for v in values)
    r = regret(game, [list(v) for v in prof])
    return all(x <= t for x, t in zip(r, tols))


def support(profile: Any, tol: float = 0.0) -> tuple[tuple[int, ...], ...]:
    """Indices of strategies played with probability above ``tol``, per player.

    Parameters
    ----------
    profile : sequence
        One probability vector per player.
    tol : float
        Probabilities at or below ``tol`` count as zero (default 0).

    Returns
    -------
    tuple of tuple of int

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.support([[0.6, 0.4, 0.0], [0.0, 1.0]])
    ((0, 1), (1,))
    """
    strategies = _strategies_of(profile)
    return tuple(tuple(k for k, p in enumerate(s) if p > tol) for s in strategies)


def make_equilibrium(
    game: NormalFormGame,
    strategies: Sequence[Sequence[Any]],
    method: str,
    exact: bool | None = None,
    tol: Any = None,
    clean: bool = True,
    **params: Any,
) -> Equilibrium:
    """Build an :class:`Equilibrium`, computing its payoffs; used by every solver.

    ``tol`` (float results): ``None`` for ``game.tols``, a number for every player or one
    per player.  Float strategies go through :func:`clean_probabilities` unless
    ``clean=False`` (QRE points, profiles a user gave).
    """
    if exact is None:
        exact = game.exact and all(isinstance(p, (int, Fraction)) for s in strategies for p in s)
    if exact:
        strat = tuple(tuple(Fraction(p) for p in s) for s in strategies)
    elif clean:
        strat = tuple(tuple(clean_probabilities([[float(p) for p in s]])[0].tolist()) for s in strategies)
    else:
        strat = tuple(tuple(float(p) for p in s) for s in strategies)
    prof = game.check_profile([list(s) for s in strat]) if exact else tuple(np.asarray(s, dtype=float) for s in strat)
    payoffs = tuple(np.dot(game.deviation_payoffs(i, prof, check=False), prof[i]) for i in range(game.n_players))
    payoffs = tuple(Fraction(p) if exact else float(p) for p in payoffs)
    tols = (0.0,) * game.n_players if exact else game.player_tols(tol)
    return Equilibrium(
        strategies=strat,
        payoffs=payoffs,
        method=method,
        exact=bool(exact),
        tol=max(tols),
        params=dict(params),
        labels=game.strategy_labels,
        tols=tols,
        game=game,
    )
