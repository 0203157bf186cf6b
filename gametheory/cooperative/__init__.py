"""Transferable-utility cooperative games: Shapley value (Shapley 1953), nucleolus
(Schmeidler 1969), core membership; airport games (Littlechild & Owen 1973; Littlechild 1974).
"""

from __future__ import annotations

from ._tu_games import (
    TUGame,
    AirportGame,
    shapley_value,
    airport_shapley,
    airport_nucleolus,
    nucleolus,
    in_core,
    core_is_empty,
    MAX_PLAYERS,
)

__all__ = [
    "TUGame",
    "AirportGame",
    "shapley_value",
    "airport_shapley",
    "airport_nucleolus",
    "nucleolus",
    "in_core",
    "core_is_empty",
    "MAX_PLAYERS",
]
