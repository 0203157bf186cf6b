"""Crisis bargaining as 2x2 games and alliance cooperation over time (Snyder & Diesing 1977; Axelrod 1984).

The documented entry point ``from models import crisis``: the Snyder & Diesing (1977)
catalogue (:mod:`models.crisis.catalogue`: ``crisis.GAMES["chicken"]``, ``classify``, ...)
and cooperation over time (:mod:`models.crisis.cooperation`: the alliance stage game and
:func:`alliance_collapse`); parameter bundles in :mod:`models.crisis.params`.
"""

from .catalogue import (
    GAMES,
    PLAYERS,
    PREDICTIONS,
    PREFERENCES,
    TITLES,
    CrisisClassification,
    UnknownGameError,
    catalogue,
    classify,
    equilibria,
    game_names,
    outcome_label,
    prediction,
)
from .cooperation import AllianceCollapse, alliance_collapse, alliance_game

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
    "alliance_game",
    "alliance_collapse",
    "AllianceCollapse",
]
