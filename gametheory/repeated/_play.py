"""Repeated-game strategies as automata: exact expected payoffs, simulation and tournaments (Axelrod 1984; Nowak & Sigmund 1993).

Part of :mod:`gametheory.repeated`, whose docstring states the definitions and results.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import GameError, InvalidGameError, SolverError
from ..normal_form import NormalFormGame
from ..numbers import as_number
from ._inputs import Number, _check_game, check_delta
from ._security import _exact_solve_system

# ---------------------------------------------------------------------- strategies as automata
C, D = 0, 1


@dataclass(frozen=True)
class Strategy:
    """A repeated-game strategy as a finite automaton.

    ``cooperate(state)`` is the probability of C; ``transition(state, own, other)`` the
    next state after the realized actions (0 = C, 1 = D).  The named strategies are in
    ``STRATEGIES`` (:func:`get_strategy`).

    Parameters
    ----------
    name : str
        The strategy's name.
    initial
        The initial state.
    cooperate : callable
        ``state -> probability of C``.
    transition : callable
        ``(state, own, other) -> next state``.
    description : str
        One line for listings.

    References
    ----------
    Rubinstein, A. (1986). Finite automata play the repeated prisoner's dilemma. JET 39.

    Examples
    --------
    Tit-for-tat: the state is the opponent's last action.

    >>> from gametheory.repeated import Strategy
    >>> tft = Strategy("tft", initial=0, cooperate=lambda s: 1 - s,
    ...                transition=lambda s, own, other: other)
    >>> tft.cooperate(tft.initial), tft.cooperate(tft.transition(tft.initial, 0, 1))
    (1, 0)
    """

    name: str
    initial: Any
    cooperate: Callable[[Any], Fraction]
    transition: Callable[[Any, int, int], Any]
    description: str = ""


_ONE, _ZERO, _HALF = Fraction(1), Fraction(0), Fraction(1, 2)

STRATEGIES: dict[str, Strategy] = {
    s.name: s
    for s in (
        Strategy("always-cooperate", 0, lambda s: _ONE, lambda s, a, b: 0, "C in every round"),
        Strategy("always-defect", 0, lambda s: _ZERO, lambda s, a, b: 0, "D in every round"),
        Strategy("grim", C, lambda s: _ONE if s == C else _ZERO,
                 lambda s, a, b: D if (s == D or b == D) else C,
                 "C until the other defects once, then D for ever (Friedman 1971)"),
        Strategy("tit-for-tat", C, lambda s: _ONE if s == C else _ZERO, lambda s, a, b: b,
                 "C first, then copy the other's last action (Rapoport; Axelrod 1984)"),
        Strategy("suspicious-tit-for-tat", D, lambda s: _ONE if s == C else _ZERO, lambda s, a, b: b,
                 "D first, then copy the other's last action"),
        Strategy("tit-for-two-tats", 0, lambda s: _ZERO if s >= 2 else _ONE,
                 lambda s, a, b: min(s + 1, 2) if b == D else 0,
                 "D only after two consecutive defections by the other (Axelrod 1984)"),
        Strategy("pavlov", C, lambda s: _ONE if s == C else _ZERO, lambda s, a, b: C if a == b else D,
                 "win-stay, lose-shift: C iff both chose the same action last round (Nowak & Sigmund 1993)"),
        Strategy("random", 0, lambda s: _HALF, lambda s, a, b: 0, "C with probability 1/2 each round"),
    )
}
_ALIASES = {
    "all-c": "always-cooperate", "allc": "always-cooperate", "always_cooperate": "always-cooperate",
    "all-d": "always-defect", "alld": "always-defect", "always_defect": "always-defect",
    "grim-trigger": "grim", "tft": "tit-for-tat", "tit_for_tat": "tit-for-tat", "tf2t": "tit-for-two-tats",
    "tit_for_two_tats": "tit-for-two-tats", "win-stay-lose-shift": "pavlov", "wsls": "pavlov",
    "stft": "suspicious-tit-for-tat",
}


def get_strategy(name: str | Strategy) -> Strategy:
    """A named strategy (see ``STRATEGIES``; aliases like "tft", "wsls", "all-d" work).

    Parameters
    ----------
    name : str or Strategy
        A name or alias (a Strategy is returned unchanged).

    Returns
    -------
    Strategy

    Raises
    ------
    GameError
        An unknown name (the message lists the known ones).

    References
    ----------
    Axelrod, R. (1984); Nowak, M. & Sigmund, K. (1993). A strategy of win-stay,
    lose-shift that outperforms tit-for-tat. Nature 364.

    Examples
    --------
    >>> from gametheory.repeated import get_strategy
    >>> get_strategy("tft").name, get_strategy("wsls").name
    ('tit-for-tat', 'pavlov')
    """
    if isinstance(name, Strategy):
        return name
    if not isinstance(name, str):
        raise GameError(f"a strategy is given by name; got {name!r}")
    key = name.strip().lower().replace(" ", "-")
    key = _ALIASES.get(key, key)
    if key not in STRATEGIES:
        raise GameError(f"unknown strategy {name!r}; known: {', '.join(STRATEGIES)}")
    return STRATEGIES[key]


def _stage(game: Any, cooperate: int | None) -> tuple[NormalFormGame, list[list]]:
    """The 2x2 stage game with C first: u[i][a][b] = player i's payoff when row plays a, column b."""
    g = _check_game(game)
    if g.n_players != 2 or g.shape != (2, 2):
        raise InvalidGameError(f"repeated play between named strategies needs a 2x2 stage game; got shape {g.shape}")
    if cooperate is None:
        labs = g.strategy_labels
        cooperate = 0
        if all("C" in l and "D" in l for l in labs) and labs[0].index("C") == labs[1].index("C"):
            cooperate = labs[0].index("C")
    if cooperate not in (0, 1):
        raise GameError(f"cooperate must be the index (0 or 1) of the cooperative strategy; got {cooperate!r}")
    order = [cooperate, 1 - cooperate]
    A, B = g.payoffs
    conv = (lambda x: x) if g.exact else float
    u = [[[conv(A[order[a], order[b]]) for b in range(2)] for a in range(2)],
         [[conv(B[order[a], order[b]]) for b in range(2)] for a in range(2)]]
    return g, u


def _check_noise(noise: Any) -> Number:
    e = as_number(noise, "noise")
    if not 0 <= e <= 0.5:
        raise GameError(f"noise must be a probability in [0, 1/2]; got {noise!r}")
    return e


@dataclass(frozen=True)
class PlayResult:
    """Expected payoffs of two strategies in the repeated game.

    Attributes
    ----------
    strategies : tuple of str
        The two strategy names.
    delta, noise
        The discount factor and the noise.
    payoffs : tuple
        Expected discounted totals ``E sum_t delta^t u_t`` (= expected total payoff when
        ``delta`` is a continuation probability).
    average : tuple
        The same times ``1 - delta`` (per-round units, comparable with stage payoffs).
    exact : bool
        Whether the numbers are exact.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> res = repeated.expected_payoffs(pd, "grim", "grim", Fraction(1, 2))
    >>> res.payoffs, res.average
    ((Fraction(6, 1), Fraction(6, 1)), (Fraction(3, 1), Fraction(3, 1)))
    """

    strategies: tuple[str, str]
    delta: Number
    noise: Number
    payoffs: tuple
    average: tuple
    exact: bool


def expected_payoffs(game: NormalFormGame, row: str | Strategy, column: str | Strategy, delta: Number,
                     noise: Number = 0, cooperate: int | None = None) -> PlayResult:
    """Expected discounted payoffs of ``row`` against ``column`` in the repeated 2x2 ``game``.

    Solves ``V = r + delta P V`` on the joint automaton states (exact when the game,
    ``delta`` and ``noise`` are exact).

    Parameters
    ----------
    game : NormalFormGame
        A 2x2 stage game.
    row, column : str or Strategy
        The two strategies.
    delta : number
        Discount factor (continuation probability), in [0, 1).
    noise : number
        Probability that an intended action flips.
    cooperate : int, optional
        Index of C (default: 0, unless labels "C"/"D" say otherwise).

    Returns
    -------
    PlayResult
        ``payoffs`` (expected discounted totals) and ``average`` (times ``1 - delta``).

    Raises
    ------
    GameError
        A game that is not 2x2, an unknown strategy, delta or noise out of range.

    References
    ----------
    Axelrod, R. (1984); Nowak, M. & Sigmund, K. (1993). Nature 364.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> res = repeated.expected_payoffs(pd, "tft", "all-d", Fraction(1, 2))
    >>> res.payoffs, res.average
    ((Fraction(1, 1), Fraction(6, 1)), (Fraction(1, 2), Fraction(3, 1)))
    """
    g, u = _stage(game, cooperate)
    delta = check_delta(delta)
    noise = _check_noise(noise)
    sa, sb = get_strategy(row), get_strategy(column)
    exact = g.exact and isinstance(delta, Fraction) and isinstance(noise, Fraction)
    conv = (lambda x: Fraction(x)) if exact else float
    eps = conv(noise)
    index: dict = {}
    states: list = []
    trans: list = []
    start = (sa.initial, sb.initial)
    index[start] = 0
    states.append(start)
    k = 0
    while k < len(states):
        xa, xb = states[k]
        pa, pb = conv(sa.cooperate(xa)), conv(sb.cooperate(xb))
        pa = (1 - eps) * pa + eps * (1 - pa)
        pb = (1 - eps) * pb + eps * (1 - pb)
        outs = []
        for a, b in itertools.product((C, D), repeat=2):
            prob = (pa if a == C else 1 - pa) * (pb if b == C else 1 - pb)
            if prob == 0:
                continue
            nxt = (sa.transition(xa, a, b), sb.transition(xb, b, a))
            if nxt not in index:
                index[nxt] = len(states)
                states.append(nxt)
            outs.append((prob, a, b, index[nxt]))
        trans.append(outs)
        k += 1
    n = len(states)
    values = []
    for player in range(2):
        r = [sum(prob * u[player][a][b] for prob, a, b, _ in outs) for outs in trans]
        if exact:
            M = [[Fraction(int(s == t)) for t in range(n)] for s in range(n)]
            for s, outs in enumerate(trans):
                for prob, a, b, t in outs:
                    M[s][t] -= delta * prob
            sol = _exact_solve_system(M, r, [0.0] * n)
            if sol is None:  # pragma: no cover - I - delta P is nonsingular for delta < 1
                raise SolverError("the value equations of the strategy pair are singular")
            values.append(sol[0])
        else:
            M = np.eye(n)
            for s, outs in enumerate(trans):
                for prob, a, b, t in outs:
                    M[s, t] -= float(delta) * float(prob)
            values.append(float(np.linalg.solve(M, np.array(r, dtype=float))[0]))
    avg = tuple(v * (1 - delta) for v in values) if exact else tuple(v * (1 - float(delta)) for v in values)
    return PlayResult((sa.name, sb.name), delta, noise, tuple(values), avg, exact)


@dataclass(frozen=True)
class Simulation:
    """One sampled play: the realized actions ("C"/"D"), stage payoffs and their totals.

    With ``rounds=None`` the game stops after each round with probability ``1 - delta``
    and ``total`` (the plain sum) is an unbiased estimate of the expected discounted
    payoff; with a fixed number of rounds ``total`` is the discounted sum over them.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation. Basic Books.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [4, 1]], [[3, 4], [0, 1]])
    >>> sim = gt.repeated.simulate(pd, "tit-for-tat", "tit-for-tat", delta=0.9, rounds=3)
    >>> sim.history
    (('C', 'C'), ('C', 'C'), ('C', 'C'))
    """

    history: tuple[tuple[str, str], ...]
    stage_payoffs: tuple[tuple, ...]
    total: tuple
    truncated: bool


def simulate(game: NormalFormGame, row: str | Strategy, column: str | Strategy, delta: Number,
             noise: Number = 0, seed: int | None = None, rounds: int | None = None,
             max_rounds: int = 1_000_000, cooperate: int | None = None) -> Simulation:
    """Sample one play of the repeated game between two named strategies (seeded, reproducible).

    Parameters
    ----------
    game : NormalFormGame
        A 2x2 stage game.
    row, column : str or Strategy
        The two strategies.
    delta : number
        Continuation probability, in [0, 1): the random horizon when ``rounds`` is None.
    noise : number
        Probability that an intended action flips.
    seed : int, optional
        Seed of the random generator.
    rounds : int, optional
        A fixed number of rounds instead of a random horizon.
    max_rounds : int
        Cap on a random horizon.
    cooperate : int, optional
        Index of C.

    Returns
    -------
    Simulation
        ``history`` (labels per round), ``stage_payoffs``, discounted ``total``;
        ``truncated`` is True when a random horizon hit ``max_rounds``.

    Raises
    ------
    GameError
        Bad strategy names or parameters.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> repeated.simulate(pd, "tft", "all-d", Fraction(9, 10), seed=1, rounds=3).history
    (('C', 'D'), ('D', 'D'), ('D', 'D'))
    """
    g, u = _stage(game, cooperate)
    delta = check_delta(delta)
    noise = float(_check_noise(noise))
    if rounds is not None and (isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds < 1):
        raise GameError(f"rounds must be a positive integer or None; got {rounds!r}")
    sa, sb = get_strategy(row), get_strategy(column)
    rng = np.random.default_rng(seed)
    xa, xb = sa.initial, sb.initial
    hist, pays = [], []
    tot = [0.0, 0.0]
    disc = 1.0
    t = 0
    limit = rounds if rounds is not None else max_rounds
    truncated = False
    while True:
        pa, pb = float(sa.cooperate(xa)), float(sb.cooperate(xb))
        a = C if rng.random() < pa else D
        b = C if rng.random() < pb else D
        if noise and rng.random() < noise:
            a = 1 - a
        if noise and rng.random() < noise:
            b = 1 - b
        stage = (float(u[0][a][b]), float(u[1][a][b]))
        hist.append(("CD"[a], "CD"[b]))
        pays.append(stage)
        w = disc if rounds is not None else 1.0
        tot[0] += w * stage[0]
        tot[1] += w * stage[1]
        disc *= float(delta)
        xa, xb = sa.transition(xa, a, b), sb.transition(xb, b, a)
        t += 1
        if t >= limit:
            truncated = rounds is None
            break
        if rounds is None and rng.random() >= float(delta):
            break
    return Simulation(tuple(hist), tuple(pays), tuple(tot), truncated)


def tournament(game: NormalFormGame, strategies: Sequence[str] = tuple(STRATEGIES), delta: Number = Fraction(9, 10),
               noise: Number = 0, self_play: bool = True, cooperate: int | None = None):
    """Round-robin tournament: every pair plays the repeated game once.

    Parameters
    ----------
    game : NormalFormGame
        A 2x2 stage game.
    strategies : sequence of str
        Strategy names (default: the eight of ``STRATEGIES``).
    delta : number
        Discount factor, in [0, 1).
    noise : number
        Probability that an intended action flips.
    self_play : bool
        Include each strategy's match against itself, as Axelrod did.
    cooperate : int, optional
        Index of C.

    Returns
    -------
    pandas.DataFrame
        One row per strategy: its expected average (per-round) payoff against each
        opponent (columns) and its ``mean`` score, sorted by ``mean`` (highest first).

    Raises
    ------
    GameError
        Bad strategy names or parameters.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> from gametheory import repeated
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategy_labels=[["C", "D"], ["C", "D"]])
    >>> table = repeated.tournament(pd, ["tit-for-tat", "always-defect", "always-cooperate"],
    ...                             delta=Fraction(1, 2))
    >>> [(name, str(score)) for name, score in table["mean"].items()]
    [('always-defect', '3'), ('tit-for-tat', '13/6'), ('always-cooperate', '2')]
    """
    import pandas as pd

    names = [get_strategy(s).name for s in strategies]
    if len(set(names)) != len(names):
        raise GameError(f"strategies listed twice: {names}")
    table = {}
    for a in names:
        row = {}
        for b in names:
            if a == b and not self_play:
                continue
            row[b] = expected_payoffs(game, a, b, delta, noise, cooperate).average[0]
        table[a] = row
    df = pd.DataFrame.from_dict(table, orient="index")[names] if self_play else pd.DataFrame.from_dict(table, orient="index")
    df["mean"] = [sum(r.values()) / len(r) for r in table.values()]
    return df.sort_values("mean", ascending=False, kind="stable")
