"""Discount-factor thresholds of trigger strategies in repeated games (Friedman 1971; Axelrod 1984).

Part of :mod:`gametheory.repeated`, whose docstring states the definitions and results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ..equilibrium import Result, add_column
from ..errors import GameError, InvalidGameError, InvalidProfileError
from ..normal_form import NormalFormGame
from ._inputs import Number, _check_game, check_delta


# ---------------------------------------------------------------------- thresholds
def _two_by_two(game: Any) -> NormalFormGame:
    game = _check_game(game)
    if game.n_players != 2 or game.shape != (2, 2):
        raise InvalidGameError(f"a prisoner's dilemma is a 2x2 two-player game; got {game.n_players} players, shape {game.shape}")
    return game


def pd_payoffs(game: NormalFormGame) -> tuple[tuple[Number, Number, Number, Number], ...]:
    """Each player's ``(T, R, P, S)`` in a prisoner's dilemma.

    Defection D is each player's strictly dominant strategy (found, whatever its label or
    position) and mutual cooperation beats mutual defection for both (R > P); so
    T > R > P > S.  2R > T + S is not required.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.

    Returns
    -------
    tuple
        ``(T, R, P, S)`` per player.

    Raises
    ------
    GameError
        The game is not a prisoner's dilemma.

    References
    ----------
    Rapoport, A. & Chammah, A. (1965). Prisoner's Dilemma. University of Michigan Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> [tuple(map(int, tp)) for tp in repeated.pd_payoffs(pd)]
    [(5, 3, 1, 0), (5, 3, 1, 0)]
    """
    g = _two_by_two(game)
    A, B = g.payoffs
    u = [A, B.T]  # u[i][own, other]
    out = []
    dom = []
    for i in range(2):
        M = u[i]
        if all(M[1, k] > M[0, k] for k in range(2)):
            d = 1
        elif all(M[0, k] > M[1, k] for k in range(2)):
            d = 0
        else:
            raise GameError(f"not a prisoner's dilemma: player {i} has no strictly dominant strategy")
        dom.append(d)
    for i in range(2):
        M = u[i]
        d_own, d_oth = dom[i], dom[1 - i]
        c_own, c_oth = 1 - d_own, 1 - d_oth
        T, R, P, S = M[d_own, c_oth], M[c_own, c_oth], M[d_own, d_oth], M[c_own, d_oth]
        if not R > P:
            raise GameError(
                f"not a prisoner's dilemma: for player {i} mutual cooperation ({R}) is not better than mutual defection ({P})"
            )
        out.append(tuple(x if g.exact else float(x) for x in (T, R, P, S)))
    return tuple(out)


def grim_trigger_threshold(game: NormalFormGame) -> Number:
    """Lowest discount factor at which grim trigger sustains cooperation in a prisoner's dilemma.

    ``delta* = (T - R)/(T - P)``; for an asymmetric PD the larger of the two players'
    thresholds.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.

    Returns
    -------
    number
        An exact Fraction for exact games.

    Raises
    ------
    GameError
        The game is not a prisoner's dilemma.

    References
    ----------
    Friedman, J. (1971). A non-cooperative equilibrium for supergames. REStud 38.

    Examples
    --------
    The prisoner's dilemma with T, R, P, S = 5, 3, 1, 0:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.grim_trigger_threshold(pd)  # (5 - 3)/(5 - 1)
    Fraction(1, 2)
    """
    return max((T - R) / (T - P) for T, R, P, S in pd_payoffs(game))


def tit_for_tat_threshold(game: NormalFormGame) -> Number:
    """Lowest discount factor at which tit-for-tat is collectively stable.

    ``max((T - R)/(T - P), (T - R)/(R - S))``: neither always-defect nor alternating
    defection and cooperation invades.  A value >= 1 means no discount factor works
    (this happens exactly when 2R <= T + S).

    Parameters
    ----------
    game : NormalFormGame
        The stage game.

    Returns
    -------
    number
        An exact Fraction for exact games.

    Raises
    ------
    GameError
        The game is not a prisoner's dilemma.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation, Proposition 2.

    Examples
    --------
    The prisoner's dilemma with T, R, P, S = 5, 3, 1, 0:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.tit_for_tat_threshold(pd)  # max(2/4, 2/3)
    Fraction(2, 3)
    """
    return max(max((T - R) / (T - P), (T - R) / (R - S)) for T, R, P, S in pd_payoffs(game))


@dataclass(frozen=True, repr=False)
class TriggerThreshold(Result):
    """Result of :func:`trigger_threshold`.

    Attributes
    ----------
    delta
        The threshold.
    per_player : tuple
        Each player's own threshold.
    deviation, cooperation, punishment_payoffs : tuple
        The payoffs ``d``, ``c``, ``p`` per player.
    cooperative, punishment
        The two profiles.
    nash_reversion : bool
        Whether the punishment is a stage Nash equilibrium (then the trigger profile is
        subgame perfect for every discount factor at or above ``delta``).

    payoffs, strategies, game
        The result convention (:class:`gametheory.equilibrium.Result`): ``payoffs`` the stage
        payoffs on the cooperative path, ``strategies`` the pair
        ``{"cooperative": ..., "punishment": ...}``, ``game`` the stage game.

    ``to_row()``: ``delta``, per player ``"threshold <player>"``, ``"cooperation <player>"``,
    ``"deviation <player>"``, ``"punishment <player>"``, then ``nash reversion``,
    ``method``, ``exact``.

    References
    ----------
    Friedman, J. (1971). REStud 38.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> th = repeated.trigger_threshold(pd, ("C", "C"))
    >>> th.deviation, th.cooperation, th.punishment_payoffs
    ((Fraction(5, 1), Fraction(5, 1)), (Fraction(3, 1), Fraction(3, 1)), (Fraction(1, 1), Fraction(1, 1)))
    """

    delta: Number
    per_player: tuple
    deviation: tuple
    cooperation: tuple
    punishment_payoffs: tuple
    cooperative: tuple
    punishment: tuple
    nash_reversion: bool
    method: str = "trigger strategies"
    exact: bool = False
    tol: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    game: Any = field(default=None, compare=False)

    @property
    def payoffs(self) -> tuple:
        return self.cooperation

    @property
    def strategies(self) -> dict:
        return {"cooperative": self.cooperative, "punishment": self.punishment}

    def to_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"delta": self.delta}
        players = getattr(self.game, "player_labels", None) or tuple(f"P{i + 1}" for i in range(len(self.per_player)))
        for name, values in (("threshold", self.per_player), ("cooperation", self.cooperation),
                             ("deviation", self.deviation), ("punishment", self.punishment_payoffs)):
            for who, v in zip(players, values):
                add_column(row, f"{name} {who}", v)
        row["nash reversion"] = bool(self.nash_reversion)
        return self.finish_row(row)


def _pure_profile(game: NormalFormGame, profile: Any, what: str) -> tuple[int, ...]:
    if not isinstance(profile, (list, tuple)) or len(profile) != game.n_players:
        raise InvalidProfileError(f"{what} must be a pure profile with one strategy per player; got {profile!r}")
    out = []
    for i, s in enumerate(profile):
        if isinstance(s, str):
            if s not in game.strategy_labels[i]:
                raise InvalidProfileError(f"{what}: player {i} has no strategy {s!r}; its strategies are {game.strategy_labels[i]}")
            s = game.strategy_labels[i].index(s)
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, np.integer)) or not 0 <= s < game.shape[i]:
            raise InvalidProfileError(f"{what}: strategy {s!r} of player {i} is not an index in 0..{game.shape[i] - 1}")
        out.append(int(s))
    return tuple(out)


def _punishment_profile(game: NormalFormGame, punishment: Any) -> tuple[np.ndarray, ...]:
    if isinstance(punishment, (list, tuple)) and any(isinstance(s, str) for s in punishment):
        punishment = list(_pure_profile(game, punishment, "punishment"))
    return game.check_profile(list(punishment))


def _trigger_parts(game: NormalFormGame, coop: tuple[int, ...], pun: tuple[np.ndarray, ...]):
    c = game.pure_payoffs(coop)
    d = []
    for i in range(game.n_players):
        idx = list(coop)
        best = None
        for k in range(game.shape[i]):
            idx[i] = k
            val = game.payoffs[i][tuple(idx)]
            best = val if best is None or val > best else best
        d.append(best)
    p = tuple(np.dot(game.deviation_payoffs(i, pun, check=False), pun[i]) for i in range(game.n_players))
    if not game.exact or any(v.dtype != object for v in pun):
        c, d, p = tuple(float(x) for x in c), [float(x) for x in d], tuple(float(x) for x in p)
    return tuple(d), tuple(c), p


def _threshold_from_parts(d: tuple, c: tuple, p: tuple, tols: tuple, shape: tuple) -> tuple:
    out = []
    for i, (di, ci, pi, tol) in enumerate(zip(d, c, p, tols)):  # each player's payoffs on its own scale
        zero = Fraction(0) if isinstance(di - ci, Fraction) else 0.0
        if ci - pi > tol:
            out.append(zero if di - ci <= tol else (di - ci) / (di - pi))
        elif pi - ci > tol and shape[i] > 1:
            # the "punishment" rewards i, who then deviates on purpose once delta is large enough
            raise GameError(
                f"player {i}'s punishment payoff {pi} is above its cooperative payoff {ci}: it would deviate "
                "to trigger the punishment, so no threshold delta* sustains this profile"
            )
        elif di - ci > tol:
            raise GameError(
                f"player {i} gains from deviating ({di} > {ci}) but the punishment payoff {pi} is not below "
                f"the cooperative payoff {ci}: no discount factor sustains this profile"
            )
        else:
            out.append(zero)
    return tuple(out)


def trigger_threshold(game: NormalFormGame, cooperative: Sequence, punishment: Any = None) -> TriggerThreshold:
    """Discount threshold of the trigger profile "play ``cooperative``; after any deviation
    play ``punishment`` for ever".

    ``delta* = max_i (d_i - c_i)/(d_i - p_i)`` over the players who gain from a one-shot
    deviation; a player who does not gain (d_i = c_i) contributes 0.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    cooperative : sequence
        A pure profile (indices or labels).
    punishment : optional
        A profile (pure or mixed); ``None`` for Nash reversion to the stage Nash
        equilibrium (from :func:`gametheory.solve`) that gives the lowest threshold.

    Returns
    -------
    TriggerThreshold
        ``delta``, ``per_player``, the payoffs ``deviation``, ``cooperation``,
        ``punishment_payoffs`` and whether the punishment is a stage Nash equilibrium.

    Raises
    ------
    GameError
        The punishment is not below cooperation for a player who could deviate: if it
        gains from deviating no delta deters it, and if the punishment pays it more than
        cooperation it deviates to trigger it once delta is high (so no threshold of the
        form delta >= delta* exists).

    References
    ----------
    Friedman, J. (1971). REStud 38.  Fudenberg, D. & Tirole, J. (1991). Game Theory, ch. 5.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> th = repeated.trigger_threshold(pd, ("C", "C"))
    >>> th.delta, th.nash_reversion
    (Fraction(1, 2), True)
    """
    game = _check_game(game)
    coop = _pure_profile(game, cooperative, "cooperative")
    tol = (0,) * game.n_players if game.exact else game.tols
    if punishment is None:
        from ..solvers.dispatch import solve

        best = None
        errors = []
        for eq in solve(game):
            pun = game.check_profile([list(s) for s in eq.strategies])
            d, c, p = _trigger_parts(game, coop, pun)
            try:
                per = _threshold_from_parts(d, c, p, tol, game.shape)
            except GameError as exc:
                errors.append(str(exc))
                continue
            cand = TriggerThreshold(max(per), per, d, c, p, coop, tuple(tuple(s) for s in eq.strategies), True,
                                    "trigger strategies (Nash reversion)", game.exact, max(tol), {}, game)
            if best is None or cand.delta < best.delta:
                best = cand
        if best is None:
            raise GameError("no stage Nash equilibrium punishes every player below its cooperative payoff: " + "; ".join(errors))
        return best
    pun = _punishment_profile(game, punishment)
    d, c, p = _trigger_parts(game, coop, pun)
    per = _threshold_from_parts(d, c, p, tol, game.shape)
    from ..equilibrium import is_equilibrium

    nash = is_equilibrium(game, [list(s) for s in pun])
    return TriggerThreshold(max(per), per, d, c, p, coop, tuple(tuple(s) for s in pun), bool(nash),
                            "trigger strategies", game.exact, max(tol), {}, game)


def deviation_gains(game: NormalFormGame, cooperative: Sequence, punishment: Any, delta: Number) -> dict[str, tuple]:
    """Each player's gain from its best one-shot deviation under the trigger profile, in
    discounted totals.

    ``"cooperation"``: ``d_i + delta p_i/(1 - delta) - c_i/(1 - delta)`` (deviate once,
    then be punished for ever, against cooperating for ever); ``"punishment"``: the stage
    regret at the punishment profile (the punishment continues whatever one does).  By
    the one-shot deviation principle the profile is subgame perfect iff every gain is <= 0.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    cooperative : sequence
        A pure profile (indices or labels).
    punishment
        A profile (pure or mixed).
    delta : number
        The discount factor, in [0, 1).

    Returns
    -------
    dict
        ``{"cooperation": gains, "punishment": gains}``, one gain per player each.

    Raises
    ------
    GameError
        A delta outside [0, 1) or profiles that do not fit the game.

    References
    ----------
    Blackwell, D. (1965). Discounted dynamic programming. Ann. Math. Stat. 36.
    Fudenberg, D. & Tirole, J. (1991). Game Theory, Theorem 4.2.

    Examples
    --------
    At the grim-trigger threshold delta = 1/2, deviating gains exactly nothing:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.deviation_gains(pd, ("C", "C"), ("D", "D"), Fraction(1, 2))["cooperation"]
    (Fraction(0, 1), Fraction(0, 1))
    """
    game = _check_game(game)
    delta = check_delta(delta)
    coop = _pure_profile(game, cooperative, "cooperative")
    pun = _punishment_profile(game, punishment)
    d, c, p = _trigger_parts(game, coop, pun)
    coop_gain = tuple(di + delta * pi / (1 - delta) - ci / (1 - delta) for di, ci, pi in zip(d, c, p))
    pun_gain = []
    for i in range(game.n_players):
        dev = game.deviation_payoffs(i, pun, check=False)
        gain = max(dev) - np.dot(dev, pun[i])
        pun_gain.append(gain if isinstance(gain, Fraction) else float(gain))
    return {"cooperation": coop_gain, "punishment": tuple(pun_gain)}
