"""Exceptions raised by the engine.

Every public entry point validates its input and raises a subclass of
:class:`GameError` (itself a :class:`ValueError`) whose message names what is wrong,
so research code can catch one type and users never see a traceback from deep
inside numpy.
"""

from __future__ import annotations

__all__ = [
    "GameError",
    "InvalidGameError",
    "InvalidProfileError",
    "DegenerateGameError",
    "SolverError",
    "ParseError",
    "UnknownLabelError",
]


class GameError(ValueError):
    """Base class of every error the library raises on bad input or failed solves.

    Catch it to handle any of them; the subclasses say what kind of failure it was.

    Examples
    --------
    >>> import gametheory as gt
    >>> try:
    ...     gt.solve(gt.NormalFormGame.from_bimatrix([[1]], [[1]]), method="simplex")
    ... except gt.GameError as exc:
    ...     print(exc)
    unknown method 'simplex'; choose one of auto, support, vertex, ...
    """


class InvalidGameError(GameError):
    """The game itself is malformed: shapes, payload types, NaN/inf, empty sets.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.NormalFormGame([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: payoff array of player 1 has shape (1,), but player 0's has shape (2,)
    """


class InvalidProfileError(GameError):
    """A strategy profile is not a list of probability vectors matching the game.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.regret(bos, [[1, 0]])
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidProfileError: the profile has 1 strategies for a 2-player game
    """


class DegenerateGameError(GameError):
    """A two-player game is degenerate and the requested method cannot list all equilibria.

    Raised with ``on_degenerate="raise"``; by default a :class:`DegenerateGameWarning`
    is issued instead and the extreme equilibria are returned.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic
    and extensive form. In Algorithmic Game Theory, ch. 3 (degenerate games).

    Examples
    --------
    >>> import gametheory as gt
    >>> deg = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> gt.solve(deg, method="support", on_degenerate="raise")
    Traceback (most recent call last):
    ...
    gametheory.errors.DegenerateGameError: support_enumeration: the game is degenerate ...
    """


class SolverError(GameError):
    """A solver failed (did not converge, cycled, hit its iteration limit) or a bound on the
    work was exceeded.

    Examples
    --------
    Equal payoffs make every action a best reply: 8 SPE, more than ``limit=2``.

    >>> import gametheory as gt
    >>> gt.backward_induction(gt.complete_tree(2, 2, [[0, 0]] * 4), limit=2)
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: the tree has 8 pure subgame-perfect equilibria ...
    """


class ParseError(GameError):
    """A game file could not be parsed; the message names the line (also in ``line``).

    Parameters
    ----------
    message : str
        What is wrong.
    line : int, optional
        The line of the file.

    References
    ----------
    McKelvey, R., McLennan, A. & Turocy, T. (2016). Gambit: software tools for game
    theory (the file formats).

    Examples
    --------
    >>> from gametheory.errors import ParseError
    >>> from gametheory.io import parse_number
    >>> try:
    ...     parse_number("x", "a payoff", line=3)
    ... except ParseError as exc:
    ...     print(exc.line)
    3
    """

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


class UnknownLabelError(GameError, KeyError):
    """A player, strategy, information-set or action label (or index) that the game does not have.

    Also a :class:`KeyError`, so code that looks results up like a mapping can catch it as one.
    The message names the label and the valid ones.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> gt.solve(bos)[0]["P3"]
    Traceback (most recent call last):
    ...
    gametheory.errors.UnknownLabelError: the game has no player 'P3'; the players are 'P1', 'P2' (or an index 0 to 1)
    """

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""
