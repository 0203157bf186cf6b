"""The ordinal taxonomy of 2x2 games (Rapoport & Guyer 1966): all 78 strict ordinal
games, canonical forms and classification.
"""

from __future__ import annotations

from ._games import (
    CELLS,
    OrdinalClass,
    Classification,
    all_strict_games,
    canonical_form,
    class_count,
    classes,
    get_class,
    classify,
    NAMED_GAMES,
    RAPOPORT_GUYER,
)

__all__ = [
    "CELLS",
    "OrdinalClass",
    "Classification",
    "all_strict_games",
    "canonical_form",
    "class_count",
    "classes",
    "get_class",
    "classify",
    "NAMED_GAMES",
    "RAPOPORT_GUYER",
]
