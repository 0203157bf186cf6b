"""Bayesian games (Harsanyi 1967-68) and signaling games.

A Bayesian game has players ``i = 1..n``, finite type sets ``T_i``, a common prior
``p`` over type profiles ``T_1 x ... x T_n``, finite action sets ``A_i`` and payoffs
``u_i(t, a)``.  A (pure) strategy of player ``i`` maps types to actions.  A Bayesian
Nash equilibrium is a Nash equilibrium of

* the **ex-ante normal form**: strategies are maps ``T_i -> A_i`` and payoffs are
  ``U_i(s) = sum_t p(t) u_i(t, s(t))`` (Harsanyi 1967-68); or of
* the **agent normal form**: one agent per (player, type) of positive probability,
  each with the interim payoff ``sum_{t_-i} p(t_-i | t_i) u_i(t, a)`` (Selten 1975).

Both have the same equilibria in behavior strategies; the ex-ante form keeps a
two-player game two-player (so ``gametheory.solve`` lists all its equilibria),
the agent form is smaller when types are many.  Equilibria are reported as
behavior strategies: for each player and type, a distribution over actions
(Kuhn 1953 for the conversion).

Signaling games, their perfect Bayesian equilibria and the intuitive criterion
live in :mod:`gametheory.bayesian._signaling` and :mod:`gametheory.bayesian._semisep`
and are re-exported here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from ..equilibrium import Equilibria, Result, add_column
from ._signaling import check_labels
from ..errors import InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ..numbers import as_number

__all__ = ["BayesianGame", "BayesianEquilibrium", "bayesian_nash_equilibria"]


class BayesianGame:
    """A finite Bayesian game with a common prior over type profiles.

    Parameters
    ----------
    types : sequence of sequence
        One list of type labels per player.
    prior : dict or array_like
        The joint distribution over type profiles: a dict ``type-profile tuple ->
        probability`` (missing profiles have probability 0) or a nested array of
        shape ``(|T_1|, ..., |T_n|)``.  Use :meth:`independent` for independent types.
    actions : sequence of sequence
        One list of action labels per player.
    payoff : callable
        ``(types, actions) -> sequence of n payoffs`` where ``types`` and ``actions``
        are tuples of labels, one per player.
    players : sequence of str, optional
        Player labels (default ``P1..Pn``).
    title : str
        An optional name.

    Raises
    ------
    InvalidGameError
        A prior that is not a probability distribution, labels that repeat, payoffs
        that are not finite numbers.

    References
    ----------
    Harsanyi, J. (1967-68). Games with incomplete information played by "Bayesian"
    players. Management Science 14.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def payoff(types, actions):  # P1 wants (a, x); P2 wants x exactly when its type is "hi"
    ...     return (int(actions == ("a", "x")), int((actions[1] == "x") == (types[1] == "hi")))
    >>> bg = gt.BayesianGame(types=[["t"], ["hi", "lo"]],
    ...                      prior={("t", "hi"): Fraction(1, 2), ("t", "lo"): Fraction(1, 2)},
    ...                      actions=[["a", "b"], ["x", "y"]], payoff=payoff)
    >>> eq = gt.bayesian_nash_equilibria(bg, method="pure")[0]
    >>> eq.strategies["P2"]
    {'hi': {'x': Fraction(1, 1), 'y': Fraction(0, 1)}, 'lo': {'x': Fraction(0, 1), 'y': Fraction(1, 1)}}
    """

    def __init__(
        self,
        types: Sequence[Sequence[Any]],
        prior: Any,
        actions: Sequence[Sequence[Any]],
        payoff: Callable[[tuple, tuple], Sequence[Any]],
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        if isinstance(types, (str, bytes)) or not hasattr(types, "__iter__"):
            raise InvalidGameError(f"types must be one list of type labels per player; got {types!r}")
        self.types = tuple(check_labels(ts, f"types of player {i}") for i, ts in enumerate(types))
        n = len(self.types)
        if n == 0:
            raise InvalidGameError("a Bayesian game needs at least one player")
        if isinstance(actions, (str, bytes)) or not hasattr(actions, "__iter__"):
            raise InvalidGameError(f"actions must be one list of action labels per player; got {actions!r}")
        self.actions = tuple(check_labels(a, f"actions of player {i}") for i, a in enumerate(actions))
        if len(self.actions) != n:
            raise InvalidGameError(f"actions given for {len(self.actions)} players but types for {n}")
        if players is None:
            players = [f"P{i + 1}" for i in range(n)]
        self.players = tuple(str(p) for p in players)
        if len(self.players) != n or len(set(self.players)) != n:
            raise InvalidGameError(f"players must be {n} distinct labels; got {list(players)!r}")
        if not callable(payoff):
            raise InvalidGameError(f"payoff must be a callable (types, actions) -> payoffs; got {payoff!r}")
        self.title = str(title)
        self.prior = self._check_prior(prior)
        self._tables = self._payoff_tables(payoff)
        values = [p for p in self.prior.values()] + [v for tab in self._tables for v in tab.ravel()]
        self.exact: bool = all(isinstance(v, Fraction) for v in values)
        if not self.exact:
            self.prior = {k: float(v) for k, v in self.prior.items()}
            self._tables = [tab.astype(float) for tab in self._tables]
        self.payoff = payoff

    @classmethod
    def independent(
        cls,
        types: Sequence[Sequence[Any]],
        marginals: Sequence[Sequence[Any]],
        actions: Sequence[Sequence[Any]],
        payoff: Callable[[tuple, tuple], Sequence[Any]],
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> "BayesianGame":
        """A Bayesian game whose players' types are independent with the given marginals."""
        if len(marginals) != len(types):
            raise InvalidGameError(f"{len(marginals)} marginals given for {len(types)} players")
        margs = []
        for i, (ts, ps) in enumerate(zip(types, marginals)):
            ps = [as_number(p, f"marginal of player {i}") for p in ps]
            if len(ps) != len(ts):
                raise InvalidGameError(f"player {i} has {len(ts)} types but {len(ps)} marginal probabilities")
            margs.append(ps)
        prior = {}
        for combo in itertools.product(*[range(len(ts)) for ts in types]):
            p = Fraction(1) if all(isinstance(x, Fraction) for m in margs for x in m) else 1.0
            for i, k in enumerate(combo):
                p = p * margs[i][k]
            prior[tuple(types[i][k] for i, k in enumerate(combo))] = p
        return cls(types, prior, actions, payoff, players, title)

    # ------------------------------------------------------------------ validation
    def _check_prior(self, prior: Any) -> dict:
        shape = tuple(len(ts) for ts in self.types)
        out: dict = {}
        if isinstance(prior, dict):
            for k, v in prior.items():
                key = k if isinstance(k, tuple) else (k,)
                if len(key) != len(self.types) or any(x not in ts for x, ts in zip(key, self.types)):
                    raise InvalidGameError(
                        f"prior key {k!r} is not a type profile (one type per player from {list(map(list, self.types))})"
                    )
                out[key] = as_number(v, f"prior of {k!r}")
        else:
            try:
                arr = np.asarray(prior, dtype=object)
            except Exception:
                raise InvalidGameError(f"prior must be a dict or an array; got {prior!r}") from None
            if arr.shape != shape:
                raise InvalidGameError(f"prior array has shape {arr.shape}; the type sets need shape {shape}")
            for idx in itertools.product(*[range(m) for m in shape]):
                out[tuple(self.types[i][k] for i, k in enumerate(idx))] = as_number(arr[idx], f"prior at {idx}")
        for k, v in out.items():
            if v < 0:
                raise InvalidGameError(f"prior of {k!r} is negative ({v})")
        total = sum(out.values())
        exact = all(isinstance(v, Fraction) for v in out.values())
        if (total != 1) if exact else abs(total - 1) > 1e-9:
            raise InvalidGameError(f"prior must sum to 1; it sums to {total}")
        for idx in itertools.product(*self.types):
            out.setdefault(idx, Fraction(0))
        return {k: out[k] for k in itertools.product(*self.types)}

    def _payoff_tables(self, payoff: Callable) -> list[np.ndarray]:
        n = len(self.types)
        shape = tuple(len(ts) for ts in self.types) + tuple(len(a) for a in self.actions)
        tabs = [np.empty(shape, dtype=object) for _ in range(n)]
        for ti in itertools.product(*[range(len(ts)) for ts in self.types]):
            tl = tuple(self.types[i][k] for i, k in enumerate(ti))
            for ai in itertools.product(*[range(len(a)) for a in self.actions]):
                al = tuple(self.actions[i][k] for i, k in enumerate(ai))
                try:
                    vals = payoff(tl, al)
                except Exception as exc:
                    raise InvalidGameError(f"payoff({tl!r}, {al!r}) raised {type(exc).__name__}: {exc}") from exc
                if isinstance(vals, (str, bytes)) or not hasattr(vals, "__len__") or len(vals) != n:
                    raise InvalidGameError(f"payoff({tl!r}, {al!r}) must return {n} numbers; got {vals!r}")
                for i, v in enumerate(vals):
                    tabs[i][ti + ai] = as_number(v, f"payoff of player {i} at types {tl!r}, actions {al!r}")
        return tabs

    @property
    def n_players(self) -> int:
        return len(self.types)

    def marginal(self, i: int, t: Any) -> Any:
        """Prior probability that player ``i`` has type ``t``."""
        return sum(p for k, p in self.prior.items() if k[i] == t)

    def __repr__(self) -> str:
        kind = "exact" if getattr(self, "exact", True) else "float"
        ts = "x".join(str(len(t)) for t in self.types)
        acts = "x".join(str(len(a)) for a in self.actions)
        return f"<BayesianGame: {self.n_players} players, types {ts}, actions {acts}, {kind}>"

    # ------------------------------------------------------------------ normal forms
    def pure_strategies(self, i: int) -> list[tuple]:
        """Player ``i``'s pure strategies: tuples of actions, one per type (in type order)."""
        return list(itertools.product(self.actions[i], repeat=len(self.types[i])))

    def _strategy_label(self, i: int, strat: tuple) -> str:
        return "; ".join(f"{t}: {a}" for t, a in zip(self.types[i], strat))

    def to_normal_form(self, form: str = "ex-ante", max_cells: int = 10_000_000) -> NormalFormGame:
        """The ex-ante (``form="ex-ante"``) or agent (``form="agent"``) normal form.

        Ex-ante: player ``i``'s strategies are maps type -> action (labelled
        ``"t1: a; t2: b"``), payoff ``sum_t p(t) u_i(t, s(t))``.  Agent: one player per
        (player, type) with positive probability, labelled ``"P1[t]"``, payoff the
        interim expectation.  Raises :class:`SolverError` above ``max_cells`` payoff cells.
        Source: Harsanyi (1967-68); Selten (1975).
        """
        if form not in ("ex-ante", "agent"):
            raise InvalidGameError(f"form must be 'ex-ante' or 'agent'; got {form!r}")
        if form == "ex-ante":
            sizes = [len(self.actions[i]) ** len(self.types[i]) for i in range(self.n_players)]
        else:
            sizes = [len(self.actions[i]) for i, _ in self.agents()]
        cells = 1
        for m in sizes:
            cells *= m
        if cells > max_cells:
            raise SolverError(
                f"the {form} normal form would have {cells} cells (strategy counts {sizes}), more than "
                f"max_cells={max_cells}"
            )
        if form == "ex-ante":
            return self._ex_ante()
        if form == "agent":
            return self._agent()
        raise InvalidGameError(f"form must be 'ex-ante' or 'agent'; got {form!r}")

    def _ex_ante(self) -> NormalFormGame:
        n = self.n_players
        strats = [self.pure_strategies(i) for i in range(n)]
        shape = tuple(len(s) for s in strats)
        zero = Fraction(0) if self.exact else 0.0
        arrays = [np.full(shape, zero, dtype=object if self.exact else float) for _ in range(n)]
        for ti in itertools.product(*[range(len(ts)) for ts in self.types]):
            p = self.prior[tuple(self.types[i][k] for i, k in enumerate(ti))]
            if p == 0:
                continue
            # action index each strategy of each player takes at its type in ti
            idx = [np.array([self.actions[i].index(s[ti[i]]) for s in strats[i]]) for i in range(n)]
            for j in range(n):
                arrays[j] = arrays[j] + p * self._tables[j][ti][np.ix_(*idx)]
        labels = [[self._strategy_label(i, s) for s in strats[i]] for i in range(n)]
        return NormalFormGame(arrays, self.players, labels, exact=self.exact, title=self.title)

    def agents(self) -> list[tuple[int, Any]]:
        """The agents of the agent normal form: (player index, type) with positive probability."""
        return [(i, t) for i in range(self.n_players) for t in self.types[i] if self.marginal(i, t) != 0]

    def _agent(self) -> NormalFormGame:
        agents = self.agents()
        shape = tuple(len(self.actions[i]) for i, _ in agents)
        zero = Fraction(0) if self.exact else 0.0
        arrays = []
        pos = {ag: k for k, ag in enumerate(agents)}
        for i, t in agents:
            arr = np.full(shape, zero, dtype=object if self.exact else float)
            marg = self.marginal(i, t)
            for tp, p in self.prior.items():
                if tp[i] != t or p == 0:
                    continue
                cond = p / marg
                ti = tuple(self.types[j].index(tp[j]) for j in range(self.n_players))
                # the action profile of the underlying game is read from the agents of tp
                axes = [pos[(j, tp[j])] for j in range(self.n_players)]
                tab = self._tables[i][ti]  # shape (|A_1|, ..., |A_n|)
                # broadcast tab over the agent axes: agent axes[j] carries player j's action
                view_shape = [1] * len(agents)
                for j in range(self.n_players):
                    view_shape[axes[j]] = len(self.actions[j])
                arr = arr + cond * tab.reshape(view_shape)
            arrays.append(arr)
        labels = [list(self.actions[i]) for i, _ in agents]
        names = [f"{self.players[i]}[{t}]" for i, t in agents]
        return NormalFormGame(arrays, names, labels, exact=self.exact, title=self.title)


@dataclass(frozen=True, eq=False, repr=False)
class BayesianEquilibrium(Result):
    """A Bayesian Nash equilibrium in behavior strategies.

    Attributes
    ----------
    strategies : dict
        player -> type -> action -> probability.
    payoffs : tuple
        Ex-ante expected payoffs.
    interim_payoffs : dict
        player -> type -> expected payoff given the type (types of probability 0 are omitted).
    is_pure : bool
        Whether every type plays a pure action.
    normal_form_equilibrium : Equilibrium
        The equilibrium of the normal form it came from.

    method, exact, tol, params, game
        The result convention (:class:`gametheory.equilibrium.Result`); ``game`` is the :class:`BayesianGame`.

    ``to_row()`` gives one column ``"<player> <type>: <action>"`` per behavior probability,
    ``"payoff <player>"`` (ex ante) per player, then ``method`` and ``exact``.

    References
    ----------
    Harsanyi, J. (1967-68). Games with incomplete information played by "Bayesian"
    players. Management Science 14.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def payoff(types, actions):
    ...     return (int(actions == ("a", "x")), int((actions[1] == "x") == (types[1] == "hi")))
    >>> bg = gt.BayesianGame(types=[["t"], ["hi", "lo"]],
    ...                      prior={("t", "hi"): Fraction(1, 2), ("t", "lo"): Fraction(1, 2)},
    ...                      actions=[["a", "b"], ["x", "y"]], payoff=payoff)
    >>> eq = gt.bayesian_nash_equilibria(bg, method="pure")[0]
    >>> eq.is_pure, eq.interim_payoffs["P2"]
    (True, {'hi': Fraction(1, 1), 'lo': Fraction(1, 1)})
    """

    strategies: dict
    payoffs: tuple
    interim_payoffs: dict
    is_pure: bool
    normal_form_equilibrium: Any = field(repr=False, default=None)
    method: str = ""
    exact: bool = False
    tol: float = 0.0
    params: Any = field(default_factory=dict)
    game: Any = field(default=None, repr=False)

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for pl, by_type in self.strategies.items():
            for t, dist in by_type.items():
                for a, p in dist.items():
                    add_column(row, f"{pl} {t}: {a}", p)
        players = getattr(self.game, "players", None) or list(self.strategies)
        for pl, u in zip(players, self.payoffs):
            add_column(row, f"payoff {pl}", u)
        return self.finish_row(row)

    def pure_strategy(self) -> dict | None:
        """dict player -> dict type -> action when pure, else None."""
        if not self.is_pure:
            return None
        return {pl: {t: next(a for a, p in d.items() if p == 1) for t, d in st.items()} for pl, st in self.strategies.items()}


def _behavior_from_ex_ante(game: BayesianGame, eq: Any) -> dict:
    out = {}
    for i in range(game.n_players):
        strats = game.pure_strategies(i)
        probs = eq.strategies[i]
        per_type = {}
        for k, t in enumerate(game.types[i]):
            zero = Fraction(0) if eq.exact else 0.0
            d = {a: zero for a in game.actions[i]}
            for s, p in zip(strats, probs):
                d[s[k]] = d[s[k]] + p
            per_type[t] = d
        out[game.players[i]] = per_type
    return out


def _behavior_from_agent(game: BayesianGame, eq: Any) -> dict:
    out: dict = {pl: {} for pl in game.players}
    agents = game.agents()
    for (i, t), probs in zip(agents, eq.strategies):
        out[game.players[i]][t] = dict(zip(game.actions[i], probs))
    return out


def _interim(game: BayesianGame, beh: dict, exact: bool) -> tuple[dict, tuple]:
    """Interim and ex-ante expected payoffs of a behavior profile (types of probability 0 get none)."""
    n = game.n_players
    zero = Fraction(0) if exact else 0.0
    ex_ante = [zero] * n
    interim = {pl: {} for pl in game.players}
    acc = [{t: zero for t in game.types[i]} for i in range(n)]
    for tp, p in game.prior.items():
        if p == 0:
            continue
        ti = tuple(game.types[j].index(tp[j]) for j in range(n))
        dists = []
        for j in range(n):
            d = beh[game.players[j]].get(tp[j])
            dists.append(np.array([d[a] for a in game.actions[j]], dtype=object if exact else float))
        for i in range(n):
            val = game._tables[i][ti]
            for j in range(n - 1, -1, -1):
                val = np.tensordot(val, dists[j], axes=([j], [0]))
            v = val.item() if hasattr(val, "item") else val
            ex_ante[i] += p * v
            acc[i][tp[i]] += p * v
    for i in range(n):
        for t in game.types[i]:
            m = game.marginal(i, t)
            if m != 0:
                interim[game.players[i]][t] = acc[i][t] / m
    return interim, tuple(ex_ante)


def bayesian_nash_equilibria(game: BayesianGame, method: str = "auto", form: str = "ex-ante", **options: Any) -> Equilibria:
    """Bayesian Nash equilibria of ``game`` through its normal form.

    Equilibria that coincide in behavior strategies (e.g. differ only at types of
    probability 0 or in how a mixed strategy is composed) are reported once.

    Parameters
    ----------
    game : BayesianGame
        The game.
    method : str
        Any method of :func:`gametheory.solve` (``"pure"`` for the pure equilibria only).
    form : {"ex-ante", "agent"}
        ``"ex-ante"`` (default; a two-player game stays two-player, so ``method="auto"``
        lists all equilibria by vertex enumeration) or ``"agent"`` (one player per type).
    **options
        Passed to :func:`gametheory.solve`.

    Returns
    -------
    Equilibria of BayesianEquilibrium
        A list carrying the normal-form solve's ``method`` and ``complete``; each has
        ``strategies`` (player -> type -> action -> probability), ex-ante ``payoffs`` and
        ``interim_payoffs``.

    Raises
    ------
    InvalidGameError
        An unknown ``form``.

    References
    ----------
    Harsanyi, J. (1967-68). Management Science 14.  Kuhn, H. W. (1953).

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def payoff(types, actions):  # P1 wants (a, x); P2 wants x exactly when its type is "hi"
    ...     return (int(actions == ("a", "x")), int((actions[1] == "x") == (types[1] == "hi")))
    >>> bg = gt.BayesianGame(types=[["t"], ["hi", "lo"]],
    ...                      prior={("t", "hi"): Fraction(1, 2), ("t", "lo"): Fraction(1, 2)},
    ...                      actions=[["a", "b"], ["x", "y"]], payoff=payoff)
    >>> [eq.payoffs for eq in gt.bayesian_nash_equilibria(bg, method="pure")]
    [(Fraction(1, 2), Fraction(1, 1))]
    """
    from ..solvers import solve

    if not isinstance(game, BayesianGame):
        raise InvalidGameError(f"expected a BayesianGame; got {type(game).__name__}")
    nf = game.to_normal_form(form)
    eqs = solve(nf, method=method, **options)
    out: list[BayesianEquilibrium] = []
    seen: list = []
    for eq in eqs:
        beh = _behavior_from_ex_ante(game, eq) if form == "ex-ante" else _behavior_from_agent(game, eq)
        # types of probability 0 carry no restriction in the ex-ante form; drop them from the key
        key = tuple(
            (pl, t, tuple(beh[pl][t][a] for a in game.actions[i]))
            for i, pl in enumerate(game.players)
            for t in game.types[i]
            if t in beh[pl] and game.marginal(i, t) != 0
        )
        if not eq.exact:
            key = tuple((pl, t, tuple(round(float(x), 9) + 0.0 for x in v)) for pl, t, v in key)
        if key in seen:
            continue
        seen.append(key)
        interim, ex_ante = _interim(game, beh, eq.exact)
        pure = all(any(p == 1 for p in d.values()) for st in beh.values() for d in st.values())
        out.append(BayesianEquilibrium(beh, ex_ante, interim, pure, eq, eq.method, eq.exact, eq.tol, {"form": form}, game))
    return Equilibria(out, game=game, method=eqs.method, complete=eqs.complete, params={"form": form, **eqs.params})
