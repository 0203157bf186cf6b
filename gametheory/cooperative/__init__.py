"""Transferable-utility cooperative games: Shapley value (Shapley 1953), nucleolus
(Schmeidler 1969), core membership; airport games (Littlechild & Owen 1973; Littlechild 1974); voting power in
weighted voting games (Shapley & Shubik 1954; Banzhaf 1965).
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
from ._voting import MAX_ENUMERATION_PLAYERS, MAX_TABLE_CELLS, POWER_INDICES, voting_power

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
    "voting_power",
    "POWER_INDICES",
    "MAX_TABLE_CELLS",
    "MAX_ENUMERATION_PLAYERS",
]
