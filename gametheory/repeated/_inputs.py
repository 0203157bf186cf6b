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
    """Validate a discount factor / continuation probability in [0, 1): Fraction when exact, else float.

    Raises :class:`GameError` naming the bad value (1 and above would make discounted
    sums diverge).
    """
    d = as_number(delta, "delta")
    if not 0 <= d < 1:
        raise GameError(f"delta must lie in [0, 1) (a discount factor / continuation probability); got {delta!r}")
    return d
