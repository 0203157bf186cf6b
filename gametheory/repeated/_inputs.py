"""Input checks shared by the repeated-game modules: the stage game and the discount factor.

Part of :mod:`gametheory.repeated` (the public facade).
"""

from __future__ import annotations

from typing import Any


from ..errors import GameError, InvalidGameError
from ..normal_form import NormalFormGame
from ..numbers import as_number

Number = Any


def _check_game(game: Any) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame; got {type(game).__name__}")
    return game


def check_delta(delta: Any) -> Number:
    """Validate a discount factor / continuation probability in [0, 1).

    Parameters
    ----------
    delta : number
        The discount factor.

    Returns
    -------
    Fraction or float
        A Fraction when exact, else a float.

    Raises
    ------
    GameError
        A value outside [0, 1) (1 and above would make discounted sums diverge) or not a
        finite number.

    References
    ----------
    Axelrod, R. (1984). The Evolution of Cooperation (the "shadow of the future").

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.repeated import check_delta
    >>> check_delta(Fraction(9, 10)), check_delta(0.5)
    (Fraction(9, 10), 0.5)
    """
    d = as_number(delta, "delta")
    if not 0 <= d < 1:
        raise GameError(f"delta must lie in [0, 1) (a discount factor / continuation probability); got {delta!r}")
    return d
