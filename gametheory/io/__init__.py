"""Game files (Gambit ``.nfg``/``.efg``, JSON, TikZ) and the number-text parser they share.

:func:`parse_number` is the one parser that turns text into an exact number for every
reader and the command line (syntax and bounds: :mod:`gametheory.numbers`).
"""

from ..numbers import MAX_DIGITS, parse_number

__all__ = ["parse_number", "MAX_DIGITS"]
