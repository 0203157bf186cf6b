"""The ordinal taxonomy of 2x2 games (Rapoport & Guyer 1966).

A *strict ordinal* 2x2 game gives each player the ranks 1 < 2 < 3 < 4 (4 best) over
the four outcomes, with no ties.  There are ``4! * 4! = 576`` of them.  Two games are
*strategically equivalent* when one is obtained from the other by relabeling the
row player's strategies, the column player's strategies and/or swapping the two
players: a group of order 8 (the dihedral group of the square).  Rapoport & Guyer
(1966, "A taxonomy of 2x2 games", General Systems 11) count 78 equivalence classes;
here that number is *computed* by enumerating the 576 games and taking orbits
(:func:`class_count`).  With player swaps left out (players keep their roles) the
same enumeration gives the 144 games of Robinson & Goforth's (2005) "periodic
table", ``class_count(swap_players=False)``; Robinson & Goforth also order their
table by payoff swaps, which is a different arrangement of the same 144 games.

Numbering.  Classes carry Rapoport & Guyer's (1966) numbers 1-78 (``index``).  Their
listing was taken from two independent reproductions that agree on every game both
print legibly: Albrecht, Christianos & Schaefer (2024, *Multi-Agent Reinforcement
Learning*, section 11.2, which corrects a typo in RG's game 23) and Albrecht &
Ramamoorthy (2012, AAMAS; one typo in game 61).  The table ``RAPOPORT_GUYER`` stores
each number with the class's canonical form (below), and the import checks that the
78 numbers cover the 78 computed classes exactly once.  Anchors from the wider
literature agree: the Prisoner's Dilemma is game 12, Chicken 66, Leader 68, Hero 69.
Games 1-6, 22-30 and 58-63 are RG's *no-conflict* games (some outcome is best for
both: ``no_conflict``).

The *canonical form* of a class is its lexicographically largest member written as
``(a_CC, a_CD, a_DC, a_DD, b_CC, b_CD, b_DC, b_DD)`` over the 8 equivalent games (``a``
the row player's ranks, ``b`` the column's; cells in the order (row 1, col 1), (1, 2),
(2, 1), (2, 2)).  The well-known games carry their names (Prisoner's Dilemma,
Chicken, Stag Hunt, Deadlock, Leader, Hero, Harmony, and Snyder & Diesing's 1977
asymmetric Called Bluff and Bully); a name is attached by classifying that game's
standard matrix, not typed in by number.

Properties of a class (all invariant under the 8 relabelings, and ordinal, so they
hold for any game whose payoffs have those ranks):

* ``pure_equilibria`` - pure Nash equilibria (Nash 1951);
* ``dilemma`` - some pure equilibrium is Pareto-dominated by another outcome (a
  Pareto-deficient equilibrium: the Prisoner's Dilemma's (D, D), and the Stag Hunt's
  (D, D) equilibrium).  Mixed equilibria are left out of this
  test because whether they are dominated depends on the cardinal payoffs, not on the
  ranks (Chicken's mixed equilibrium is dominated under the 1-4 payoffs, but its pure
  equilibria are Pareto optimal, so Chicken is not flagged);
* ``symmetric`` - the class contains a symmetric game (``B = A^T`` after relabeling).

Games with ties are not strict ordinal games: :func:`classify` reports each tie and
the set of strict classes compatible with breaking the ties in every possible way.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidGameError
from ..normal_form import NormalFormGame


CELLS = ((0, 0), (0, 1), (1, 0), (1, 1))

# Standard matrices (row payoff, column payoff) in the cell order (C,C), (C,D), (D,C), (D,D);
# the names are attached to whatever class these matrices fall in.
NAMED_GAMES: dict[str, tuple[tuple[int, int], ...]] = {
    # Rapoport & Chammah (1965); Snyder & Diesing (1977)
    "Prisoner's Dilemma": ((3, 3), (1, 4), (4, 1), (2, 2)),
    # Russell (1959), Snyder & Diesing (1977)
    "Chicken": ((3, 3), (2, 4), (4, 2), (1, 1)),
    # Rousseau; Skyrms (2004): also called Assurance
    "Stag Hunt": ((4, 4), (1, 3), (3, 1), (2, 2)),
    # Snyder & Diesing (1977)
    "Deadlock": ((2, 2), (1, 4), (4, 1), (3, 3)),
    # Rapoport (1967): the one who moves gets most
    "Leader": ((2, 2), (3, 4), (4, 3), (1, 1)),
    # Rapoport (1967): the one who moves gets less than the other (Battle of the Sexes family)
    "Hero": ((2, 2), (4, 3), (3, 4), (1, 1)),
    # no conflict: mutual cooperation is best for both and an equilibrium in dominant strategies
    "Harmony": ((4, 4), (2, 3), (3, 2), (1, 1)),
    # Snyder & Diesing (1977): a Chicken player (row) against a Prisoner's Dilemma player
    "Called Bluff": ((3, 3), (2, 4), (4, 1), (1, 2)),
    # Snyder & Diesing (1977): a Chicken player (row) against a Deadlock player (the bully)
    "Bully": ((3, 2), (2, 4), (4, 1), (1, 3)),
}


# Rapoport & Guyer (1966) number -> canonical form of its class, as the digits
# a_CC b_CC a_CD b_CD a_DC b_DC a_DD b_DD (see the module docstring for the sources).
RAPOPORT_GUYER: dict[int, str] = {
    1: "44332211", 2: "44331221", 3: "44322311", 4: "44312312", 5: "44311322", 6: "44233211",
    7: "42331124", 8: "42332114", 9: "41332214", 10: "41321324", 11: "41322314", 12: "41223314",
    13: "43322411", 14: "43312412", 15: "43321421", 16: "41342213", 17: "42312413", 18: "42311423",
    19: "43342112", 20: "43341122", 21: "43243112", 22: "44332112", 23: "44331122", 24: "44322113",
    25: "44321123", 26: "44233112", 27: "44223113", 28: "44312213", 29: "44311223", 30: "44213213",
    31: "43312214", 32: "43311224", 33: "43322114", 34: "43321124", 35: "42312314", 36: "42311324",
    37: "43213214", 38: "43223114", 39: "42213314", 40: "41341322", 41: "41342312", 42: "41331422",
    43: "41332412", 44: "41243312", 45: "41321423", 46: "41322413", 47: "41233412", 48: "41223413",
    49: "43341221", 50: "43342211", 51: "42341321", 52: "42342311", 53: "42331421", 54: "42332411",
    55: "43243211", 56: "42243311", 57: "42233411", 58: "44231132", 59: "44221133", 60: "44211233",
    61: "44133122", 62: "44123123", 63: "44122133", 64: "43211234", 65: "42211334", 66: "42113324",
    67: "43113224", 68: "43112234", 69: "43221134", 70: "43241231", 71: "42143321", 72: "43143221",
    73: "42231431", 74: "42241331", 75: "41231432", 76: "42142331", 77: "41221433", 78: "41133422",
}


# ---------------------------------------------------------------------- the group
def _as_array(t: Sequence[int]) -> np.ndarray:
    """8-tuple -> array [player, row, col]."""
    return np.asarray(t, dtype=np.int64).reshape(2, 2, 2)


def _images(g: np.ndarray) -> np.ndarray:
    """The 8 relabelings of games ``g`` of shape (..., 2, 2, 2) -> shape (8, ..., 2, 2, 2).

    Order of the images: (player swap, row swap, column swap) as bits, so image k is
    the game with ``k & 1`` row swap, ``k & 2`` column swap, ``k & 4`` player swap.
    """
    out = []
    for k in range(8):
        h = g
        if k & 4:  # new row player is the old column player: A' = B^T, B' = A^T
            h = np.stack([np.swapaxes(h[..., 1, :, :], -1, -2), np.swapaxes(h[..., 0, :, :], -1, -2)], axis=-3)
        if k & 1:
            h = h[..., ::-1, :]
        if k & 2:
            h = h[..., :, ::-1]
        out.append(h)
    return np.stack(out)


def _codes(g: np.ndarray) -> np.ndarray:
    """Base-5 integer code of (a00, a01, a10, a11, b00, b01, b10, b11): lexicographic order."""
    flat = g.reshape(g.shape[:-3] + (8,))
    weights = 5 ** np.arange(7, -1, -1)
    return flat @ weights


def _decode(code: int) -> tuple[int, ...]:
    digits = []
    for _ in range(8):
        code, d = divmod(int(code), 5)
        digits.append(d)
    return tuple(reversed(digits))


def all_strict_games() -> np.ndarray:
    """All 576 strict ordinal 2x2 games as an int array of shape (576, 2, 2, 2) [game, player, row, col].

    Returns
    -------
    numpy.ndarray
        Ranks 1..4 (4 best).

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> ordinal.all_strict_games().shape
    (576, 2, 2, 2)
    """
    perms = np.array(list(itertools.permutations((1, 2, 3, 4))), dtype=np.int64).reshape(24, 2, 2)
    a = np.repeat(perms, 24, axis=0)
    b = np.tile(perms, (24, 1, 1))
    return np.stack([a, b], axis=1)


def _canonical_codes(g: np.ndarray, swap_players: bool = True) -> np.ndarray:
    imgs = _images(g)
    if not swap_players:
        imgs = imgs[:4]
    return _codes(imgs).max(axis=0)


def class_count(swap_players: bool = True) -> int:
    """Number of strategic-equivalence classes of the 576 strict ordinal 2x2 games, by enumeration.

    Parameters
    ----------
    swap_players : bool
        Count games that differ by exchanging the players as one class.

    Returns
    -------
    int
        78 with player swaps; 144 without.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.
    Robinson, D. & Goforth, D. (2005). The Topology of the 2x2 Games. Routledge.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> ordinal.class_count(), ordinal.class_count(swap_players=False)
    (78, 144)
    """
    return int(np.unique(_canonical_codes(all_strict_games(), swap_players)).size)


def canonical_form(ranks: Any) -> tuple[tuple[tuple[int, int], ...], tuple[bool, bool, bool]]:
    """Canonical representative of a strict ordinal game and the relabeling that reaches it.

    Parameters
    ----------
    ranks : array_like
        A (2, 2, 2) array [player, row, col] of ranks 1..4.

    Returns
    -------
    tuple
        The canonical cells ``((a_CC, b_CC), (a_CD, b_CD), (a_DC, b_DC), (a_DD, b_DD))`` and
        ``(swap_players, swap_rows, swap_cols)``, applied in that order.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> pd = [[[3, 1], [4, 2]], [[3, 4], [1, 2]]]  # prisoner's dilemma ranks
    >>> ordinal.canonical_form(pd)
    (((4, 1), (2, 2), (3, 3), (1, 4)), (False, True, False))
    """
    g = np.asarray(ranks, dtype=np.int64).reshape(2, 2, 2)
    imgs = _images(g)
    codes = _codes(imgs)
    k = int(np.argmax(codes))
    c = imgs[k]
    cells = tuple((int(c[0][r, s]), int(c[1][r, s])) for r, s in CELLS)
    return cells, (bool(k & 4), bool(k & 1), bool(k & 2))


# ---------------------------------------------------------------------- classes
def _pure_nash(g: np.ndarray) -> tuple[tuple[int, int], ...]:
    a, b = g[0], g[1]
    return tuple(
        (r, s) for r, s in CELLS if a[r, s] >= a[1 - r, s] and b[r, s] >= b[r, 1 - s]
    )


def _dominated(g: np.ndarray, cell: tuple[int, int]) -> bool:
    a, b = g[0], g[1]
    r, s = cell
    return any(
        a[x, y] >= a[r, s] and b[x, y] >= b[r, s] and (a[x, y] > a[r, s] or b[x, y] > b[r, s])
        for x, y in CELLS
    )


def _is_symmetric(g: np.ndarray) -> bool:
    return any(np.array_equal(h[0], h[1].T) for h in _images(g))


@dataclass(frozen=True)
class OrdinalClass:
    """One of the 78 classes of strict ordinal 2x2 games.

    Attributes
    ----------
    index : int
        Rapoport & Guyer's number.
    cells : tuple
        The canonical form, (a, b) per cell in the order (1,1), (1,2), (2,1), (2,2).
    size : int
        The number of the 576 strict games in the class (8 divided by the order of its
        stabilizer).
    name : str or None
        The common name, if it has one.
    symmetric : bool
        Whether the game is symmetric.
    pure_equilibria : tuple
        The pure equilibria of the canonical form.
    dilemma : bool
        Some pure equilibrium is Pareto-dominated.
    no_conflict : bool
        Both players rank the same outcome best.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> pd = ordinal.get_class("Prisoner's Dilemma")
    >>> pd.index, pd.dilemma, pd.symmetric
    (12, True, True)
    """

    index: int
    cells: tuple[tuple[int, int], ...]
    size: int
    name: str | None
    symmetric: bool
    pure_equilibria: tuple[tuple[int, int], ...]
    dilemma: bool
    no_conflict: bool = False

    @property
    def ranks(self) -> np.ndarray:
        """The canonical form as an int array [player, row, col]."""
        return _as_array([c[0] for c in self.cells] + [c[1] for c in self.cells])

    def game(self) -> NormalFormGame:
        """The canonical game with payoffs equal to the ranks (exact)."""
        r = self.ranks
        return NormalFormGame(
            [r[0].tolist(), r[1].tolist()],
            title=f"ordinal class {self.index}" + (f" ({self.name})" if self.name else ""),
        )

    def equilibria(self) -> list:
        """All Nash equilibria of the canonical game (payoffs = ranks), by :func:`gametheory.solve`."""
        from ..solvers.dispatch import solve

        return solve(self.game())

    def __str__(self) -> str:
        cells = " ".join(f"({a},{b})" for a, b in self.cells)
        name = f" {self.name}" if self.name else ""
        return f"class {self.index}{name}: {cells}"

    def _repr_html_(self) -> str:
        c = self.cells
        flags = ", ".join(f for f, on in (("symmetric", self.symmetric), ("no conflict", self.no_conflict),
                                           ("dilemma", self.dilemma)) if on)
        return (
            f"<b>Rapoport-Guyer game {self.index}</b>{' (' + self.name + ')' if self.name else ''}"
            f"<table><tr><td>{c[0][0]}, {c[0][1]}</td><td>{c[1][0]}, {c[1][1]}</td></tr>"
            f"<tr><td>{c[2][0]}, {c[2][1]}</td><td>{c[3][0]}, {c[3][1]}</td></tr></table>"
            f"<small>{len(self.pure_equilibria)} pure equilibria{'; ' + flags if flags else ''}</small>"
        )


@lru_cache(maxsize=None)
def _table() -> tuple[tuple[OrdinalClass, ...], dict[int, int]]:
    games = all_strict_games()
    canon = _canonical_codes(games)
    codes, counts = np.unique(canon, return_counts=True)
    names: dict[int, str] = {}
    for name, cells in NAMED_GAMES.items():
        g = _as_array([c[0] for c in cells] + [c[1] for c in cells])
        code = int(_codes(_images(g)).max())
        if code in names:  # two names for one class would be a bug in NAMED_GAMES
            raise AssertionError(f"{name} and {names[code]} fall in the same class")
        names[code] = name
    rg_of: dict[int, int] = {}
    for number, digits in RAPOPORT_GUYER.items():
        d = [int(x) for x in digits]
        rg_of[int(_codes(_as_array(d[0::2] + d[1::2])))] = number
    if sorted(rg_of) != sorted(int(c) for c in codes) or sorted(rg_of.values()) != list(range(1, len(codes) + 1)):
        raise AssertionError("the Rapoport-Guyer table does not match the computed classes")
    out = []
    index_of: dict[int, int] = {}
    for pos in sorted(range(len(codes)), key=lambda p: rg_of[int(codes[p])]):
        code = int(codes[pos])
        idx = rg_of[code]
        t = _decode(code)
        g = _as_array(t)
        cells = tuple((int(g[0][r, s]), int(g[1][r, s])) for r, s in CELLS)
        eqs = _pure_nash(g)
        out.append(
            OrdinalClass(
                index=idx,
                cells=cells,
                size=int(counts[pos]),
                name=names.get(code),
                symmetric=_is_symmetric(g),
                pure_equilibria=eqs,
                dilemma=any(_dominated(g, e) for e in eqs),
                no_conflict=any(g[0][r, c] == 4 and g[1][r, c] == 4 for r, c in CELLS),
            )
        )
        index_of[code] = idx
    return tuple(out), index_of


def classes() -> tuple[OrdinalClass, ...]:
    """All 78 classes of strict ordinal 2x2 games, in Rapoport & Guyer's order.

    Returns
    -------
    tuple of OrdinalClass
        ``classes()[k - 1].index == k``.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> len(ordinal.classes()), ordinal.classes()[0].index
    (78, 1)
    """
    return _table()[0]


def get_class(key: int | str) -> OrdinalClass:
    """A class by its Rapoport & Guyer number (1..78) or by name ("Chicken", "Prisoner's Dilemma", ...).

    Parameters
    ----------
    key : int or str
        The number or the name.

    Returns
    -------
    OrdinalClass

    Raises
    ------
    InvalidGameError
        An unknown number or name.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> from gametheory import ordinal
    >>> chicken = ordinal.get_class("Chicken")
    >>> chicken.index, chicken.pure_equilibria
    (66, ((0, 0), (1, 1)))
    """
    table = classes()
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if not 1 <= key <= len(table):
            raise InvalidGameError(f"class index must be in 1..{len(table)}; got {key}")
        return table[int(key) - 1]
    if isinstance(key, str):
        want = key.strip().lower().replace("_", " ").replace("-", " ").replace("'", "")
        for c in table:
            if c.name and c.name.lower().replace("-", " ").replace("'", "") == want:
                return c
        known = ", ".join(c.name for c in table if c.name)
        raise InvalidGameError(f"no class is named {key!r}; named classes: {known}")
    raise InvalidGameError(f"a class is looked up by index or name; got {key!r}")


# ---------------------------------------------------------------------- classification
@dataclass(frozen=True)
class Classification:
    """The ordinal classification of a 2x2 game.

    Attributes
    ----------
    strict : bool
        True when neither player has ties (a strict ordinal game).
    ranks : numpy array [player, row, col]
        Each player's ranks of the four outcomes (1 worst); tied outcomes share the
        lowest rank of their group.
    ties : tuple of str
        One description per tied pair of outcomes ("row player: (1,1) ~ (2,2)").
    ordinal_class : OrdinalClass or None
        The class of a strict game; None when there are ties.
    compatible : tuple of OrdinalClass
        The classes reachable by breaking the ties in every way (just the class when strict).
    transform : tuple of bool or None
        (swap_players, swap_rows, swap_cols) taking the game to its canonical form (strict only).
    pure_equilibria : tuple of (row, col)
        Pure Nash equilibria of the game as given.
    dilemma : bool
        Some pure equilibrium is Pareto-dominated by another outcome of the game.
    symmetric : bool
        The game is symmetric after some relabeling (with ties: on the ranks).
    game : NormalFormGame
        The game as given.
    equilibria : list
        All Nash equilibria of the game as given, by :func:`gametheory.solve`
        (computed on first access, so classifying many games stays fast).

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    A tie makes the game non-strict; the compatible classes are listed:

    >>> import gametheory as gt
    >>> from gametheory import ordinal
    >>> c = ordinal.classify(gt.NormalFormGame.from_bimatrix([[3, 1], [3, 2]], [[3, 4], [1, 2]]))
    >>> c.strict, c.ordinal_class, len(c.compatible) >= 1
    (False, None, True)
    """

    strict: bool
    ranks: np.ndarray = field(repr=False)
    ties: tuple[str, ...]
    ordinal_class: OrdinalClass | None
    compatible: tuple[OrdinalClass, ...]
    transform: tuple[bool, bool, bool] | None
    pure_equilibria: tuple[tuple[int, int], ...]
    dilemma: bool
    symmetric: bool
    game: NormalFormGame = field(repr=False)

    @cached_property
    def equilibria(self) -> list:
        from ..solvers.dispatch import solve

        return solve(self.game)

    @property
    def index(self) -> int | None:
        return None if self.ordinal_class is None else self.ordinal_class.index

    @property
    def name(self) -> str | None:
        return None if self.ordinal_class is None else self.ordinal_class.name

    def _repr_html_(self) -> str:
        return f"<p>{self.label}</p>" + (self.ordinal_class._repr_html_() if self.ordinal_class else "")

    @property
    def label(self) -> str:
        """A one-line description: the class, or the ties and the compatible classes."""
        if self.ordinal_class is not None:
            c = self.ordinal_class
            return f"class {c.index}" + (f" ({c.name})" if c.name else "")
        comp = ", ".join(str(c.index) + (f" ({c.name})" if c.name else "") for c in self.compatible)
        return f"not strict ordinal (ties: {'; '.join(self.ties)}); compatible classes: {comp}"


def _ranks_with_ties(values: list, tol: float) -> tuple[list[int], list[tuple[int, int]]]:
    """Rank 1..4 (ties share the lowest rank of the group) and the tied index pairs."""
    n = len(values)
    ties = [(i, j) for i in range(n) for j in range(i + 1, n) if abs(values[i] - values[j]) <= tol]
    ranks = [1 + sum(1 for j in range(n) if values[j] < values[i] - tol) for i in range(n)]
    return ranks, ties


def _tie_breakings(values: list, tol: float) -> list[tuple[int, ...]]:
    """Every strict ranking (permutation of 1..4) consistent with the strict comparisons."""
    out = []
    for perm in itertools.permutations((1, 2, 3, 4)):
        ok = True
        for i in range(4):
            for j in range(4):
                if values[i] < values[j] - tol and not perm[i] < perm[j]:
                    ok = False
        if ok:
            out.append(perm)
    return out


def _two_by_two(game: Any) -> NormalFormGame:
    if isinstance(game, NormalFormGame):
        g = game
    elif isinstance(game, (list, tuple)) and len(game) == 2:
        g = NormalFormGame.from_bimatrix(game[0], game[1])
    else:
        raise InvalidGameError(
            f"classify needs a 2x2 NormalFormGame (or a pair of 2x2 matrices); got {type(game).__name__}"
        )
    if g.n_players != 2 or g.shape != (2, 2):
        raise InvalidGameError(
            f"the ordinal taxonomy covers 2x2 games only; this game has {g.n_players} players and shape {g.shape}"
        )
    return g


def classify(game: Any) -> Classification:
    """Classify a 2x2 game into its ordinal class.

    Float payoffs of player ``i`` closer than ``game.tols[i]`` count as tied; exact
    payoffs are compared exactly.  A game with ties is reported as not strict, with the
    ties and the classes compatible with every way of breaking them.

    Parameters
    ----------
    game : NormalFormGame or array_like
        A 2x2 game.

    Returns
    -------
    Classification
        ``strict``, ``ordinal_class``, ``compatible``, ``pure_equilibria``, ``dilemma``, ...

    Raises
    ------
    InvalidGameError
        A game that is not two-player 2x2.

    References
    ----------
    Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory import ordinal
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 2]], [[3, 4], [1, 2]])
    >>> c = ordinal.classify(pd)
    >>> c.strict, c.ordinal_class.name, c.ordinal_class.index, c.dilemma
    (True, "Prisoner's Dilemma", 12, True)
    """
    g = _two_by_two(game)
    tols = (0, 0) if g.exact else g.tols  # each player's ties on its own payoff scale
    names = ("row player", "column player")
    rank_rows, ties, breakings = [], [], []
    for p in range(2):
        vals = [g.payoffs[p][c] if g.exact else float(g.payoffs[p][c]) for c in CELLS]
        if g.exact:
            vals = [Fraction(v) for v in vals]
        ranks, tp = _ranks_with_ties(vals, tols[p])
        rank_rows.append(ranks)
        ties.extend(f"{names[p]}: ({CELLS[i][0] + 1},{CELLS[i][1] + 1}) ~ ({CELLS[j][0] + 1},{CELLS[j][1] + 1})" for i, j in tp)
        breakings.append(_tie_breakings(vals, tols[p]))
    ranks = _as_array(rank_rows[0] + rank_rows[1])
    strict = not ties
    table, index_of = _table()
    compat_idx = sorted(
        {
            index_of[int(_codes(_images(_as_array(list(ra) + list(rb)))).max())]
            for ra in breakings[0]
            for rb in breakings[1]
        }
    )
    compatible = tuple(table[i - 1] for i in compat_idx)
    if strict:
        cls = compatible[0]
        _, transform = canonical_form(ranks)
    else:
        cls, transform = None, None
    eqs = _pure_nash(ranks)
    return Classification(
        strict=strict,
        ranks=ranks,
        ties=tuple(ties),
        ordinal_class=cls,
        compatible=compatible,
        transform=transform,
        pure_equilibria=eqs,
        dilemma=any(_dominated(ranks, e) for e in eqs),
        symmetric=_is_symmetric(ranks),
        game=g,
    )
