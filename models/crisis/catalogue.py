"""Crisis bargaining as 2x2 games: the Snyder & Diesing catalogue (Snyder & Diesing 1977).

Snyder & Diesing (1977, *Conflict Among Nations*, ch. 2) model a crisis between two
states as a 2x2 game in which each chooses to **C**onciliate (cooperate, back down)
or to stand firm (**D**efect).  Payoffs are ordinal, 4 > 3 > 2 > 1, and the cells are
listed in the order (row C, col C), (C, D), (D, C), (D, D).  A preference order is
written with the player's own move first: "DC > CC > CD > DD" means the player likes
best to stand firm while the other backs down.

``GAMES`` (keys are hyphenated; ``"prisoners_dilemma"``, ``"Stag Hunt"``,
``"assurance"`` and ``"pd"`` are accepted as aliases):

=====================  ===========================  ==================================
key                    row / column preferences      cells CC, CD, DC, DD
=====================  ===========================  ==================================
``chicken``            DC > CC > CD > DD (both)      (3,3) (2,4) (4,2) (1,1)
``prisoners-dilemma``  DC > CC > DD > CD (both)      (3,3) (1,4) (4,1) (2,2)
``stag-hunt``          CC > DC > DD > CD (both)      (4,4) (1,3) (3,1) (2,2)
``deadlock``           DC > DD > CC > CD (both)      (2,2) (1,4) (4,1) (3,3)
``leader``             DC > CD > CC > DD (both)      (2,2) (3,4) (4,3) (1,1)
``hero``               CD > DC > CC > DD (both)      (2,2) (4,3) (3,4) (1,1)
``called-bluff``       row Chicken, column PD        (3,3) (2,4) (4,1) (1,2)
``bully``              row Chicken, column Deadlock  (3,2) (2,4) (4,1) (1,3)
=====================  ===========================  ==================================

The first four are the standard orders (Snyder & Diesing 1977, ch. 2).  Leader and Hero are Rapoport's (1967)
games (Rapoport & Guyer's games 68 and 69), which Snyder & Diesing adopt: in Leader the player who stands firm gets the
most (4) and the one who follows 3; in Hero the one who stands firm gets 3 and lets
the other have 4.  Called Bluff pits a Chicken player (the bluffer, row) against a
player with Prisoner's Dilemma preferences, who stands firm whatever happens; in
Bully the column player (the bully) has Deadlock preferences.  ``PREFERENCES``
records each player's order.

Each game's equilibria come from :func:`gametheory.solve`; ``classify`` places any
2x2 game in its ordinal class (:mod:`gametheory.ordinal`) and names the crisis game
of that class, if any.  Cooperation over time (the repeated prisoner's dilemma, why alliances
collapse) is in :mod:`models.crisis.cooperation`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

import numpy as np

import gametheory as gt
from gametheory import ordinal
from gametheory.errors import GameError

__all__ = [
    "GAMES",
    "PREFERENCES",
    "PREDICTIONS",
    "PLAYERS",
    "TITLES",
    "UnknownGameError",
    "game_names",
    "equilibria",
    "prediction",
    "classify",
    "CrisisClassification",
    "catalogue",
    "outcome_label",
]

_CELLS = {
    "chicken": ((3, 3), (2, 4), (4, 2), (1, 1)),
    "called-bluff": ((3, 3), (2, 4), (4, 1), (1, 2)),
    "leader": ((2, 2), (3, 4), (4, 3), (1, 1)),
    "hero": ((2, 2), (4, 3), (3, 4), (1, 1)),
    "prisoners-dilemma": ((3, 3), (1, 4), (4, 1), (2, 2)),
    "deadlock": ((2, 2), (1, 4), (4, 1), (3, 3)),
    "bully": ((3, 2), (2, 4), (4, 1), (1, 3)),
    "stag-hunt": ((4, 4), (1, 3), (3, 1), (2, 2)),
}

TITLES = {
    "chicken": "Chicken",
    "called-bluff": "Called Bluff",
    "leader": "Leader",
    "hero": "Hero",
    "prisoners-dilemma": "Prisoner's Dilemma",
    "deadlock": "Deadlock",
    "bully": "Bully",
    "stag-hunt": "Stag Hunt",
}

PLAYERS = {
    "called-bluff": ("Bluffer", "Caller"),
    "bully": ("Bullied", "Bully"),
}

PREFERENCES: dict[str, tuple[str, str]] = {
    "chicken": ("DC > CC > CD > DD", "DC > CC > CD > DD"),
    "called-bluff": ("DC > CC > CD > DD (Chicken)", "DC > CC > DD > CD (Prisoner's Dilemma)"),
    "leader": ("DC > CD > CC > DD", "DC > CD > CC > DD"),
    "hero": ("CD > DC > CC > DD", "CD > DC > CC > DD"),
    "prisoners-dilemma": ("DC > CC > DD > CD", "DC > CC > DD > CD"),
    "deadlock": ("DC > DD > CC > CD", "DC > DD > CC > CD"),
    "bully": ("DC > CC > CD > DD (Chicken)", "DC > DD > CC > CD (Deadlock)"),
    "stag-hunt": ("CC > DC > DD > CD", "CC > DC > DD > CD"),
}

PREDICTIONS: dict[str, str] = {
    "chicken": (
        "Each would rather back down than go to war but most wants the other to back down. "
        "One side capitulates in either pure equilibrium; which one is a contest of resolve, "
        "so states commit, threaten and manipulate risk (brinkmanship); the mixed equilibrium "
        "carries a real chance of war."
    ),
    "called-bluff": (
        "The caller stands firm whatever happens (a dominant strategy) and the bluffer, who "
        "prefers capitulation to war, backs down: the bluff is called and the crisis ends in "
        "the bluffer's defeat without war."
    ),
    "leader": (
        "Someone must take the initiative: each prefers to lead but would rather follow than "
        "collide. Either side standing firm while the other follows is stable; the crisis "
        "turns on who moves first, and miscoordination (both firm) is the worst outcome."
    ),
    "hero": (
        "Each prefers that the other stand firm while it conciliates, and would rather stand "
        "firm itself than have both hold back. Stability needs one side to take the costly "
        "firm role for the benefit of the other; both firm is worst."
    ),
    "prisoners-dilemma": (
        "Standing firm is dominant for both, so the crisis escalates to mutual firmness even "
        "though mutual conciliation is better for both: fear of exploitation drives it. A "
        "settlement needs repeated interaction (a long shadow of the future) or enforcement."
    ),
    "deadlock": (
        "Both prefer mutual firmness to any compromise: the unique equilibrium is a standoff "
        "or war that neither side regrets. There is no bargaining space, so diplomacy cannot "
        "settle the crisis."
    ),
    "bully": (
        "The bully stands firm whatever happens (Deadlock preferences); the bullied side, "
        "preferring capitulation to war, gives in. The crisis ends in the bully's victory "
        "without war."
    ),
    "stag-hunt": (
        "Both prefer mutual conciliation, and each stands firm only if it expects the other "
        "to. Two stable outcomes, mutual conciliation and mutual firmness, plus a mixed one: "
        "the crisis turns on trust and reassurance (the security dilemma)."
    ),
}

_ALIASES = {
    "pd": "prisoners-dilemma",
    "prisoner's-dilemma": "prisoners-dilemma",
    "prisoners-dilemma": "prisoners-dilemma",
    "assurance": "stag-hunt",
    "stag": "stag-hunt",
    "calledbluff": "called-bluff",
}


def _key(name: str) -> str:
    if not isinstance(name, str):
        raise GameError(f"a crisis game is named by a string; got {name!r}")
    k = name.strip().lower().replace("_", "-").replace(" ", "-")
    k = _ALIASES.get(k, k)
    if k not in _CELLS:
        raise GameError(f"unknown crisis game {name!r}; known: {', '.join(_CELLS)}")
    return k


def _build(key: str) -> gt.NormalFormGame:
    cells = _CELLS[key]
    A = [[cells[0][0], cells[1][0]], [cells[2][0], cells[3][0]]]
    B = [[cells[0][1], cells[1][1]], [cells[2][1], cells[3][1]]]
    return gt.NormalFormGame.from_bimatrix(
        A, B,
        player_labels=PLAYERS.get(key, ("Row", "Column")),
        strategy_labels=[("C", "D"), ("C", "D")],
        title=TITLES[key],
    )


class UnknownGameError(GameError, KeyError):
    """No crisis game has that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class _Games(Mapping):
    """The crisis games by name: name -> NormalFormGame (Snyder & Diesing 1977).

    Iterates the hyphenated keys ("prisoners-dilemma", "stag-hunt", ...) and accepts
    the aliases (any case, spaces or underscores, "PD").  Ordinal payoffs 4 > 3 > 2 > 1,
    strategies C and D.

    Raises
    ------
    UnknownGameError
        (a :class:`GameError` and a ``KeyError``) for an unknown name, listing the known ones.

    References
    ----------
    Snyder, G. & Diesing, P. (1977). Conflict Among Nations. Princeton UP.
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> import gametheory as gt
    >>> from models import crisis
    >>> list(crisis.GAMES)  # doctest: +NORMALIZE_WHITESPACE
    ['chicken', 'called-bluff', 'leader', 'hero', 'prisoners-dilemma', 'deadlock',
     'bully', 'stag-hunt']
    >>> chicken = crisis.GAMES["Chicken"]
    >>> chicken.payoffs[0].tolist()  # row player: (C, C) 3, (C, D) 2, (D, C) 4, (D, D) 1
    [[Fraction(3, 1), Fraction(2, 1)], [Fraction(4, 1), Fraction(1, 1)]]
    >>> [eq.payoffs for eq in gt.pure_equilibria(chicken)]
    [(Fraction(2, 1), Fraction(4, 1)), (Fraction(4, 1), Fraction(2, 1))]
    """

    def __init__(self) -> None:
        self._games = {k: _build(k) for k in _CELLS}

    def __getitem__(self, name: str) -> gt.NormalFormGame:
        try:
            return self._games[_key(name)]
        except GameError as exc:
            raise UnknownGameError(str(exc)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._games)

    def __len__(self) -> int:
        return len(self._games)

    def __contains__(self, name: object) -> bool:
        try:
            return _key(name) in self._games  # type: ignore[arg-type]
        except GameError:
            return False


GAMES: Mapping[str, gt.NormalFormGame] = _Games()


def game_names() -> tuple[str, ...]:
    """The hyphenated keys of ``GAMES``."""
    return tuple(GAMES)


def equilibria(name: str) -> list:
    """All Nash equilibria of the named crisis game (exact), by :func:`gametheory.solve`."""
    return gt.solve(GAMES[_key(name)])


def prediction(name: str) -> str:
    """What the named crisis game predicts for a crisis (after Snyder & Diesing 1977, ch. 2)."""
    return PREDICTIONS[_key(name)]


def outcome_label(game: gt.NormalFormGame, eq: Any) -> str:
    """Crisis reading of an equilibrium: who backs down, compromise, war, or the mixed war risk."""
    prof = eq.pure_profile
    names = game.player_labels
    if prof is not None:
        r, c = prof
        if (r, c) == (0, 0):
            return "compromise (both conciliate)"
        if (r, c) == (1, 1):
            return "war / standoff (both stand firm)"
        loser = names[0] if r == 0 else names[1]
        return f"{loser} backs down"
    p_war = eq.strategies[0][1] * eq.strategies[1][1]
    return f"mixed: war (both firm) with probability {p_war}"


@dataclass(frozen=True)
class CrisisClassification:
    """:func:`classify` result: the ordinal classification and the crisis game(s) of the class."""

    ordinal: ordinal.Classification
    crisis_game: str | None
    compatible_crisis_games: tuple[str, ...]

    @property
    def index(self) -> int | None:
        """Rapoport & Guyer's class number (None for a game with ties)."""
        return self.ordinal.index

    def __getattr__(self, name: str) -> Any:
        # strict, ties, compatible, pure_equilibria, equilibria, dilemma, symmetric, name ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.ordinal, name)

    @property
    def label(self) -> str:
        base = self.ordinal.label
        if self.crisis_game:
            return f"{base}: crisis game {self.crisis_game!r}"
        if self.compatible_crisis_games:
            return f"{base}; compatible crisis games: {', '.join(self.compatible_crisis_games)}"
        return base


@lru_cache(maxsize=None)
def _class_of_key() -> dict[int, str]:
    out = {}
    for k in _CELLS:
        idx = ordinal.classify(GAMES[k]).index
        out[idx] = k
    return out


def _as_two_by_two(game: Any) -> Any:
    """A 2x2 game from cells, a pair (A, B) or a NormalFormGame (see :func:`classify`)."""
    if isinstance(game, gt.NormalFormGame) or not isinstance(game, (list, tuple, np.ndarray)):
        return game
    try:
        arr = np.asarray(game, dtype=object)
    except (TypeError, ValueError):
        raise GameError("classify: the payoffs are not a 2x2 grid of cells or a pair of 2x2 matrices") from None
    if arr.shape != (2, 2, 2):
        if isinstance(game, np.ndarray):
            raise GameError(f"classify: a payoff array must have shape (2, 2, 2) (cells); got {arr.shape}")
        return game  # a pair of matrices of another shape: ordinal.classify names the problem
    tuple_cells = not isinstance(game, np.ndarray) and all(
        isinstance(row, (list, tuple)) and all(isinstance(c, tuple) for c in row) for row in game)
    pair = not tuple_cells and not isinstance(game, np.ndarray) and (
        isinstance(game, tuple) or all(isinstance(m, np.ndarray) for m in game))
    if pair:
        return gt.NormalFormGame.from_bimatrix(game[0], game[1])
    a = [[arr[i, j, 0] for j in range(2)] for i in range(2)]
    b = [[arr[i, j, 1] for j in range(2)] for i in range(2)]
    return gt.NormalFormGame.from_bimatrix(a, b)


def classify(game: Any) -> CrisisClassification:
    """Ordinal class of a 2x2 game (Rapoport & Guyer 1966) and the Snyder-Diesing crisis game it is, if any.

    Accepts a 2x2 :class:`gametheory.NormalFormGame`, a 2x2 grid of cells
    ``[[(3, 3), (1, 4)], [(4, 1), (2, 2)]]`` (each cell (row payoff, column payoff), as
    Snyder & Diesing 1977 print them; also a numpy array of shape (2, 2, 2)), or a pair
    of payoff matrices ``(A, B)``.  A (2, 2, 2) nested list is ambiguous; it is read as
    cells unless it is a tuple ``(A, B)`` or its two entries are numpy arrays, which are
    read as the pair (A, B).  Ties are reported as in :func:`gametheory.ordinal.classify`.
    """
    c = ordinal.classify(_as_two_by_two(game))
    by_class = _class_of_key()
    compat = tuple(by_class[x.index] for x in c.compatible if x.index in by_class)
    return CrisisClassification(c, by_class.get(c.index) if c.strict else None, compat)


def catalogue() -> list[dict]:
    """One row per crisis game: name, class, equilibria, outcomes, dilemma flag, prediction."""
    rows = []
    for k in _CELLS:
        g = GAMES[k]
        eqs = gt.solve(g)
        c = ordinal.classify(g)
        rows.append(
            {
                "game": k,
                "title": TITLES[k],
                "ordinal_class": c.index,
                "symmetric": c.symmetric,
                "row_preferences": PREFERENCES[k][0],
                "column_preferences": PREFERENCES[k][1],
                "n_equilibria": len(eqs),
                "equilibria": "; ".join(_eq_text(g, e) for e in eqs),
                "outcome": "; ".join(outcome_label(g, e) for e in eqs),
                "dilemma": c.dilemma,
                "prediction": PREDICTIONS[k],
            }
        )
    return rows


def _eq_text(g: gt.NormalFormGame, e: Any) -> str:
    prof = e.pure_profile
    if prof is not None:
        return "(" + ", ".join(g.strategy_labels[i][s] for i, s in enumerate(prof)) + ")"
    return "(" + ", ".join(f"C w.p. {s[0]}" for s in e.strategies) + ")"


# ---------------------------------------------------------------------- alliance cooperation
