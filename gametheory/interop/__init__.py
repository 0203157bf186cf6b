"""Conversion to and from the peer libraries: nashpy, QuantEcon, pygambit and OpenSpiel.

None of them is imported with gametheory: each converter imports its peer when called and
raises a :class:`~gametheory.errors.GameError` naming the package to install when it is
missing (``pip install deterrence-games[interop]``; OpenSpiel: ``[openspiel]``).

What survives the trip:

==============  ===========================  ===================  ==========================
peer            games                        labels               payoffs
==============  ===========================  ===================  ==========================
pygambit        normal form and trees        all (players,        exact rationals both ways
                (chance, information sets)   strategies, actions,
                                             information sets,
                                             outcomes)
nashpy          two-player normal form       none (given back     float64; ``max_denominator``
                                             to ``from_nashpy``)  recovers fractions
quantecon       n-player normal form         none (given back)    int64 stays exact, else float64
OpenSpiel       normal form (matrix/tensor)  strategies, actions  float64; ``max_denominator``
                and trees (via ``.efg``)
==============  ===========================  ===================  ==========================

Sources: Savani & Turocy (2024, Gambit 16); Knight & Campbell (2018, nashpy); Sargent &
Stachurski (QuantEcon.py); Lanctot et al. (2019, OpenSpiel).
"""

from __future__ import annotations

from ._gambit import from_pygambit, to_pygambit
from ._openspiel import from_openspiel, to_openspiel
from ._peers import from_nashpy, from_quantecon, to_nashpy, to_quantecon

__all__ = [
    "to_nashpy",
    "from_nashpy",
    "to_quantecon",
    "from_quantecon",
    "to_pygambit",
    "from_pygambit",
    "to_openspiel",
    "from_openspiel",
]
