"""Normal-form games with sympy payoffs: the conditions for each pure Nash equilibrium
(Nash 1951) (private module; re-exported by :mod:`gametheory.symbolic`).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy

from ..errors import GameError, InvalidGameError
from ..normal_form import check_player_labels, check_strategy_labels
from ._conditions import simplify_condition
from ._parse import parameters, to_expression
from ._parse import parse_value
from ._regions import _Conditions


class SymbolicGame(_Conditions):
    """A normal-form game with sympy payoffs; the conditions for each pure Nash equilibrium.

    Parameters
    ----------
    payoffs
        One array (nested lists) per player of shape ``(m_1, ..., m_n)`` whose entries are
        numbers, sympy expressions or expression strings such as ``"a + 1"`` (read by a
        whitelist parser, never by ``sympify``/``eval``: see :mod:`gametheory.symbolic`).
    params
        The parameters: sympy Symbols (their assumptions, e.g. ``positive=True``, are
        used in simplification) or names (real symbols).  Default: the free symbols.
    player_labels, strategy_labels
        Optional names, as for :class:`gametheory.NormalFormGame`.
    title
        An optional name.

    Raises
    ------
    InvalidGameError
        Shapes that do not match, or a string the whitelist parser refuses.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. Annals of Mathematics 54; conditions as in
    any textbook treatment of parametric games (e.g. the crisis games of Snyder &
    Diesing 1977).

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame
    >>> g = SymbolicGame.from_bimatrix([["a", 0], [1, "b"]], [["a", 1], [0, "b"]], params=["a", "b"])
    >>> g.conditions()[("s1", "s1")]
    [a >= 1]
    >>> g.equilibria_at(a=2, b=1)
    [('s1', 's1'), ('s2', 's2')]
    """

    def __init__(
        self,
        payoffs: Any,
        params: Any = None,
        player_labels: Sequence[str] | None = None,
        strategy_labels: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None:
        if not isinstance(payoffs, (list, tuple)) or not payoffs:
            raise InvalidGameError("payoffs must be a non-empty list with one payoff array per player")
        plist = parameters(params) if params is not None else None
        arrays = []
        for i, arr in enumerate(payoffs):
            a = np.array(arr, dtype=object)
            if a.ndim != len(payoffs):
                raise InvalidGameError(
                    f"payoff array of player {i} has {a.ndim} axes; a {len(payoffs)}-player game needs {len(payoffs)} (or it is ragged)"
                )
            out = np.empty(a.shape, dtype=object)
            for idx in np.ndindex(*a.shape):
                out[idx] = to_expression(a[idx], f"payoff of player {i} at {idx}", plist)
            arrays.append(out)
        shape = arrays[0].shape
        for i, a in enumerate(arrays):
            if a.shape != shape:
                raise InvalidGameError(f"payoff array of player {i} has shape {a.shape}, player 0's has {shape}")
            if 0 in a.shape:
                raise InvalidGameError("every player needs at least one strategy")
        if plist is None:
            syms = set().union(*[e.free_symbols for a in arrays for e in a.ravel()])
            plist = tuple(sorted(syms, key=lambda s: s.name))
        self.params: tuple = plist
        self.payoffs: tuple = tuple(arrays)
        self.shape: tuple = tuple(int(m) for m in shape)
        self.n_players: int = len(arrays)
        self.player_labels = check_player_labels(player_labels, self.n_players)
        self.strategy_labels = check_strategy_labels(strategy_labels, self.shape)
        self.title = str(title)
        self._conds = None
        self._comp = None

    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, params: Any = None, **kwargs: Any) -> "SymbolicGame":
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``."""
        return cls([A, B], params, **kwargs)

    def profile_key(self, idx: Sequence[int]) -> tuple:
        return tuple(self.strategy_labels[i][k] for i, k in enumerate(idx))

    def label(self, key: Any) -> str:
        return "(" + ", ".join(str(s) for s in key) + ")"

    def conditions(self) -> dict:
        """dict profile (tuple of strategy labels) -> list of simplified sympy conditions
        under which the pure profile is a Nash equilibrium (``[]``: always; ``[false]``: never)."""
        if self._conds is not None:
            return self._conds
        cache: dict = {}
        out = {}
        for idx in np.ndindex(*self.shape):
            conds: list = []
            seen = set()
            never = False
            for i in range(self.n_players):
                for k in range(self.shape[i]):
                    if k == idx[i]:
                        continue
                    dev = idx[:i] + (k,) + idx[i + 1 :]
                    diff = self.payoffs[i][idx] - self.payoffs[i][dev]
                    c = cache.get(diff)
                    if c is None:
                        c = cache[diff] = simplify_condition(diff)
                    if c is sympy.true:
                        continue
                    if c is sympy.false:
                        never = True
                        break
                    if c not in seen:
                        seen.add(c)
                        conds.append(c)
                if never:
                    break
            out[self.profile_key(idx)] = [sympy.false] if never else conds
        self._conds = out
        return out

    def condition(self, profile: Sequence[Any]) -> Any:
        """The conjunction (sympy And) of the conditions of one profile (labels or indices)."""
        key = self._key_of(profile)
        return sympy.And(*self.conditions()[key])

    def _key_of(self, profile: Sequence[Any]) -> tuple:
        if len(profile) != self.n_players:
            raise GameError(f"a profile needs {self.n_players} strategies; got {profile!r}")
        key = []
        for i, s in enumerate(profile):
            if isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s not in self.strategy_labels[i]:
                if not 0 <= s < self.shape[i]:
                    raise GameError(f"strategy index {s} of player {i} is out of range")
                key.append(self.strategy_labels[i][s])
            elif s in self.strategy_labels[i]:
                key.append(s)
            else:
                raise GameError(f"unknown strategy {s!r} of player {i}; strategies: {self.strategy_labels[i]}")
        return tuple(key)

    def substitute(self, **values: Any):
        """The numeric :class:`gametheory.NormalFormGame` at one parameter point
        (exact when the values are ints/Fractions and the payoffs rational there)."""
        from ..normal_form import NormalFormGame

        subs = {p: parse_value(values[p.name], f"the value of {p.name}") for p in self.params if p.name in values}
        missing = [p.name for p in self.params if p.name not in values]
        if missing:
            raise GameError(f"values are missing for parameters {missing}")
        arrays = []
        for a in self.payoffs:
            out = np.empty(a.shape, dtype=object)
            for idx in np.ndindex(*a.shape):
                v = a[idx].subs(subs)
                if not v.is_number:
                    raise GameError(f"payoff {a[idx]} did not become a number")
                out[idx] = v if v.is_Rational else float(v)
            arrays.append(out)
        return NormalFormGame(list(arrays), self.player_labels, self.strategy_labels, title=self.title)

    def __repr__(self) -> str:
        dims = "x".join(map(str, self.shape))
        return f"<SymbolicGame: {self.n_players} players, {dims}, parameters {[p.name for p in self.params]}>"
