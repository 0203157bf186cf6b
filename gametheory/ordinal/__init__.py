"""The ordinal taxonomy of 2x2 games (Rapoport & Guyer 1966): all 78 strict ordinal
games, canonical forms and classification.

References
----------
Rapoport, A. & Guyer, M. (1966). A taxonomy of 2 x 2 games. General Systems 11.

Examples
--------
>>> import gametheory as gt
>>> stag = gt.NormalFormGame.from_bimatrix([[4, 1], [3, 2]], [[4, 3], [1, 2]])
>>> gt.ordinal.classify(stag).ordinal_class.name
'Stag Hunt'
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
