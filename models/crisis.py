"""Crisis bargaining as 2x2 games and alliance cooperation over time (DESIGN section 6).

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

The first four are fixed by DESIGN 9.6.  Leader and Hero are Rapoport's (1967)
games (Rapoport & Guyer's games 68 and 69), which Snyder & Diesing adopt: in Leader the player who stands firm gets the
most (4) and the one who follows 3; in Hero the one who stands firm gets 3 and lets
the other have 4.  Called Bluff pits a Chicken player (the bluffer, row) against a
player with Prisoner's Dilemma preferences, who stands firm whatever happens; in
Bully the column player (the bully) has Deadlock preferences.  ``PREFERENCES``
records each player's order.

Each game's equilibria come from :func:`gametheory.solve`; ``classify`` places any
2x2 game in its ordinal class (:mod:`gametheory.ordinal`) and names the crisis game
of that class, if any.  The second half of the module covers cooperation over time:
the repeated prisoner's dilemma (grim trigger and tit-for-tat thresholds) and
:func:`alliance_collapse`, the boundary at which an alliance held together by
repeated cooperation dissolves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from fractions import Fraction
from typing import Any, Iterator

import numpy as np

import gametheory as gt
from gametheory import ordinal, repeated
from gametheory.errors import GameError
from gametheory.normal_form import DEFAULT_TOL as _DEFAULT_TOL
from models.registry import Model, Parameter, register

__all__ = [
    "GAMES",
    "PREFERENCES",
    "PREDICTIONS",
    "PLAYERS",
    "game_names",
    "equilibria",
    "prediction",
    "classify",
    "CrisisClassification",
    "catalogue",
    "outcome_label",
    "alliance_game",
    "alliance_collapse",
    "AllianceCollapse",
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
    """The crisis games by name: name -> NormalFormGame (DESIGN 9.6).

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
def _exact_or_float(*xs: Any) -> list:
    if all(isinstance(x, (int, Fraction)) and not isinstance(x, bool) for x in xs):
        return [Fraction(x) for x in xs]
    try:
        return [float(x) for x in xs]
    except (TypeError, ValueError):
        raise GameError(f"parameters must be numbers; got {xs!r}") from None


def _check_alliance(threat: Any, cost: Any, capability: Any) -> list:
    th, c, s = _exact_or_float(threat, cost, capability)
    if not th > 0:
        raise GameError(f"threat must be positive; got {threat!r}")
    if not c > 0:
        raise GameError(f"cost must be positive; got {cost!r}")
    if not 0 < s < 1:
        raise GameError(f"capability (ally 1's share of joint capability) must lie strictly between 0 and 1; got {capability!r}")
    return [th, c, s]


def alliance_game(threat: Any, cost: Any, capability: Any) -> gt.NormalFormGame:
    """The stage game of alliance cooperation (a linear public good; after Olson & Zeckhauser 1966).

    Ally 1 holds share ``capability`` = k_1 of the allies' joint capability, ally 2
    k_2 = 1 - k_1.  Cooperating (C) commits an ally's capability to joint defense at
    cost ``cost * k_i``; committed capability protects both against a threat worth
    ``threat`` per unit: ``u_i = threat * (k_1 x_1 + k_2 x_2) - cost * k_i x_i``.
    Hence R_i = threat - cost k_i, T_i = threat k_j, P_i = 0, S_i = (threat - cost) k_i:
    a prisoner's dilemma for both allies iff ``cost * max(k) < threat < cost``; for
    ``threat >= cost`` cooperating is dominant (no dilemma); for ``threat <= cost * k_i``
    ally i prefers mutual defection to mutual cooperation.
    """
    th, c, s = _check_alliance(threat, cost, capability)
    k = (s, 1 - s)

    def u(i: int, x1: int, x2: int) -> Any:
        x = (x1, x2)
        return th * (k[0] * x[0] + k[1] * x[1]) - c * k[i] * x[i]

    A = [[u(0, 1, 1), u(0, 1, 0)], [u(0, 0, 1), u(0, 0, 0)]]
    B = [[u(1, 1, 1), u(1, 1, 0)], [u(1, 0, 1), u(1, 0, 0)]]
    return gt.NormalFormGame.from_bimatrix(A, B, player_labels=("Ally 1", "Ally 2"),
                                           strategy_labels=[("C", "D"), ("C", "D")], title="alliance cooperation")


@dataclass(frozen=True)
class AllianceCollapse:
    """Where an alliance sustained by grim-trigger cooperation holds or dissolves.

    ``delta_threshold``: the lowest shadow of the future that sustains cooperation
    (0 when cooperating is dominant; a value >= 1 means no delta < 1 does);
    ``threat_threshold``: the lowest threat that sustains it at this delta;
    ``max_capability_share``: the largest share of the stronger ally that still
    sustains it at this threat and delta (1 when any split does; a value below 1/2
    means no split does); ``reason`` says in words what holds or fails.
    """

    threat: Any
    cost: Any
    capability: Any
    delta: Any
    stage_game: str
    sustainable: bool
    delta_threshold: Any
    threat_threshold: Any
    max_capability_share: Any
    reason: str


def alliance_collapse(threat: Any, cost: Any, capability: Any, delta: Any) -> AllianceCollapse:
    """The parameter boundary at which alliance cooperation stops being an equilibrium.

    In the repeated :func:`alliance_game` with grim trigger (Friedman 1971; Axelrod &
    Keohane 1985 on the shadow of the future), ally i's threshold is
    ``(T_i - R_i)/(T_i - P_i) = (k_i/k_j)(cost - threat)/threat``, so with
    ``r = max(k)/min(k)``:

    * delta* = r (cost - threat)/threat - cooperation collapses when delta falls below it;
    * threat* = r cost/(delta + r) - ... or when the threat falls below this;
    * capabilities: it holds while ``max(k) <= rho/(1 + rho)`` with ``rho = delta threat/(cost - threat)``
      - the stronger ally, which pays more and gains more from defecting, leaves first.

    Exact for exact inputs; float inputs compare with the engine's tolerance
    1e-9 * max(1, threat, cost), so a delta exactly at the threshold is sustainable
    whether given as a float or a Fraction.  :class:`GameError` for threat <= 0, cost <= 0,
    a share outside (0, 1) or delta outside [0, 1).
    """
    th, c, s = _check_alliance(threat, cost, capability)
    d = repeated.check_delta(delta)
    if isinstance(d, float) and isinstance(th, Fraction):
        th, c, s = float(th), float(c), float(s)
    big, small = max(s, 1 - s), min(s, 1 - s)
    r = big / small
    one = Fraction(1) if isinstance(th, Fraction) else 1.0
    tol = 0 if isinstance(th, Fraction) else _DEFAULT_TOL * max(1.0, abs(th), abs(c))
    if th >= c - tol:
        delta_thr = 0 * one
        stage = "harmony (cooperating is dominant)" if th > c + tol else "weak harmony (cooperating weakly dominant)"
    else:
        delta_thr = r * (c - th) / th
        if th > c * big + tol:
            stage = "prisoner's dilemma"
        else:
            stage = "deadlock for the stronger ally (it prefers mutual defection)"
    threat_thr = r * c / (d + r)
    if th >= c - tol:
        max_share = one
    else:
        rho = d * th / (c - th)
        max_share = rho / (1 + rho)
    sustainable = delta_thr <= d + tol
    if sustainable:
        reason = "cooperation is an equilibrium"
    elif delta_thr < 1 - tol:
        reason = f"cooperation collapses: the shadow of the future {d} is below the threshold {delta_thr}"
    else:
        reason = "cooperation collapses at every delta < 1: the threat is too small for the stronger ally"
    return AllianceCollapse(th, c, s, d, stage, bool(sustainable), delta_thr, threat_thr, max_share, reason)


def _alliance_many(threat, cost, capability, delta) -> dict:
    th, c, s, d = (np.asarray(x, dtype=float) for x in (threat, cost, capability, delta))
    th, c, s, d = np.broadcast_arrays(th, c, s, d)
    bad = ~((th > 0) & (c > 0) & (s > 0) & (s < 1) & (d >= 0) & (d < 1))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise GameError(
            f"point {i}: need threat > 0, cost > 0, 0 < capability < 1, 0 <= delta < 1; got "
            f"threat={th.ravel()[i]}, cost={c.ravel()[i]}, capability={s.ravel()[i]}, delta={d.ravel()[i]}"
        )
    big = np.maximum(s, 1 - s)
    r = big / (1 - big)
    tol = _DEFAULT_TOL * np.maximum(1.0, np.maximum(np.abs(th), np.abs(c)))  # as alliance_collapse
    harmony = th >= c - tol
    thr = np.where(harmony, 0.0, r * (c - th) / th)
    # rho/(1 + rho) with rho = delta threat/(cost - threat), written without the infinite rho of threat >= cost
    share = np.where(harmony, 1.0, d * th / np.where(harmony, 1.0, c - th + d * th))
    return {
        "delta_threshold": thr,
        "sustainable": thr <= d + tol,
        "threat_threshold": r * c / (d + r),
        "max_capability_share": share,
    }


# ---------------------------------------------------------------------- registration
def _catalogue_solve(game: str) -> dict:
    if game == "all":
        rows = catalogue()
        return {
            "n_games": len(rows),
            "dilemmas": ", ".join(r["game"] for r in rows if r["dilemma"]),
            "ordinal_classes": ", ".join(str(r["ordinal_class"]) for r in rows),
        }
    row = next(r for r in catalogue() if r["game"] == _key(game))
    return {k: v for k, v in row.items() if k != "game"}


def _catalogue_rows(game: str) -> list[dict]:
    if game == "all":
        return catalogue()
    g = GAMES[game]
    out = []
    for e in gt.solve(g):
        out.append(
            {
                "profile": _eq_text(g, e),
                "payoff_row": e.payoffs[0],
                "payoff_column": e.payoffs[1],
                "outcome": outcome_label(g, e),
            }
        )
    return out


def _pd_solve(T, R, P, S, delta) -> dict:
    if not (T > R > P > S):
        raise GameError(f"a prisoner's dilemma needs T > R > P > S; got T={T}, R={R}, P={P}, S={S}")
    g = gt.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])
    d = repeated.check_delta(delta)
    grim = repeated.grim_trigger_threshold(g)
    tft = repeated.tit_for_tat_threshold(g)
    tol = 0 if g.exact else g.tol  # float payoffs: a delta within tol of a threshold meets it
    return {
        "grim_threshold": grim,
        "tft_threshold": tft,
        "grim_sustainable": bool(d >= grim - tol),
        "tft_stable": bool(d >= tft - tol),
    }


def _pd_many(T, R, P, S, delta) -> dict:
    T, R, P, S, d = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (T, R, P, S, delta)))
    bad = ~((T > R) & (R > P) & (P > S) & (d >= 0) & (d < 1))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise GameError(
            f"point {i}: need T > R > P > S and 0 <= delta < 1; got T={T.ravel()[i]}, R={R.ravel()[i]}, "
            f"P={P.ravel()[i]}, S={S.ravel()[i]}, delta={d.ravel()[i]}"
        )
    grim = (T - R) / (T - P)
    tft = np.maximum(grim, (T - R) / (R - S))
    tol = _DEFAULT_TOL * np.maximum(1.0, np.max(np.abs(np.stack([T, R, P, S])), axis=0))  # as _pd_solve (game.tol)
    return {"grim_threshold": grim, "tft_threshold": tft, "grim_sustainable": d >= grim - tol,
            "tft_stable": d >= tft - tol}


def _alliance_solve(threat, cost, capability, delta) -> dict:
    res = alliance_collapse(threat, cost, capability, delta)
    return {
        "stage_game": res.stage_game,
        "delta_threshold": res.delta_threshold,
        "sustainable": res.sustainable,
        "threat_threshold": res.threat_threshold,
        "max_capability_share": res.max_capability_share,
    }


register(
    Model(
        name="crisis-catalogue",
        title="Snyder & Diesing's 2x2 crisis games",
        source="Snyder & Diesing (1977), Conflict Among Nations, ch. 2; Rapoport & Guyer (1966)",
        parameters={
            "game": Parameter(default="all", kind=str, choices=("all",) + tuple(_CELLS),
                              description="a crisis game, or 'all' for the catalogue (one row per game)"),
        },
        solve_fn=_catalogue_solve,
        rows_fn=_catalogue_rows,
        description="Ordinal crisis games with their equilibria, outcomes and what each predicts.",
        family="crisis",
    )
)

def _taxonomy_solve() -> dict:
    cls = ordinal.classes()
    return {
        "strict_games": len(ordinal.all_strict_games()),
        "classes": ordinal.class_count(),
        "classes_without_player_swaps": ordinal.class_count(swap_players=False),
        "symmetric": sum(c.symmetric for c in cls),
        "no_conflict": sum(c.no_conflict for c in cls),
        "dilemmas": sum(c.dilemma for c in cls),
    }


def _taxonomy_rows() -> list[dict]:
    return [
        {
            "rg_number": c.index,
            "name": c.name or "",
            "canonical_form": " ".join(f"({a},{b})" for a, b in c.cells),
            "games_in_class": c.size,
            "symmetric": c.symmetric,
            "no_conflict": c.no_conflict,
            "pure_equilibria": len(c.pure_equilibria),
            "dilemma": c.dilemma,
        }
        for c in ordinal.classes()
    ]


register(
    Model(
        name="ordinal-2x2",
        title="The 78 strict ordinal 2x2 games",
        source="Rapoport & Guyer (1966), A taxonomy of 2x2 games, General Systems 11",
        parameters={},
        solve_fn=_taxonomy_solve,
        rows_fn=_taxonomy_rows,
        description="Counts computed by enumerating the 576 games; rows: one per Rapoport-Guyer class.",
        family="crisis",
    )
)

register(
    Model(
        name="repeated-pd",
        title="Repeated prisoner's dilemma: grim trigger and tit-for-tat",
        source="Friedman (1971); Axelrod (1984), The Evolution of Cooperation, Prop. 2",
        parameters={
            "T": Parameter(5, description="temptation payoff"),
            "R": Parameter(3, description="reward for mutual cooperation"),
            "P": Parameter(1, description="punishment for mutual defection"),
            "S": Parameter(0, description="sucker's payoff"),
            "delta": Parameter(Fraction(9, 10), 0, 1, "discount factor / continuation probability, in [0, 1)",
                               high_open=True),
        },
        solve_fn=_pd_solve,
        solve_many=_pd_many,
        description="delta* = (T-R)/(T-P) for grim trigger; max of that and (T-R)/(R-S) for tit-for-tat.",
        family="crisis",
    )
)

register(
    Model(
        name="alliance-cooperation",
        title="Alliance cooperation under a shadow of the future (why alliances collapse)",
        source="Axelrod & Keohane (1985); Snyder (1997), Alliance Politics; grim trigger after Friedman (1971)",
        parameters={
            "threat": Parameter(Fraction(3, 4), 0, None, "value per unit of committed capability against the threat (> 0)",
                                low_open=True),
            "cost": Parameter(1, 0, None, "cost per unit of capability committed (> 0)", low_open=True),
            "capability": Parameter(Fraction(1, 2), 0, 1, "ally 1's share of joint capability, in (0, 1)",
                                    low_open=True, high_open=True),
            "delta": Parameter(Fraction(9, 10), 0, 1, "shadow of the future, in [0, 1)", high_open=True),
        },
        solve_fn=_alliance_solve,
        solve_many=_alliance_many,
        description=(
            "Grim-trigger cooperation between two allies; reports the delta, threat and capability "
            "boundaries at which cooperation stops being an equilibrium (delta_threshold >= 1: no delta "
            "sustains it; max_capability_share < 1/2: no split of capabilities does)."
        ),
        family="crisis",
    )
)
