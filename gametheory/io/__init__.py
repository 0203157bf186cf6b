"""Game files (Gambit ``.nfg``/``.efg``, JSON, TikZ, LaTeX) and the file handling they share.

:func:`parse_number` is the one parser that turns text into an exact number for every
reader and the command line (syntax and bounds: :mod:`gametheory.numbers`).
:func:`read_text` reads a bounded text file; :func:`write_atomic` replaces a file atomically
after :func:`check_output_path`; tables, plots and the command line write through them.
"""

from ..numbers import MAX_DIGITS, parse_number
from ._atomic import check_output_path, write_atomic
from ._textfile import read_text

__all__ = ["parse_number", "MAX_DIGITS", "read_text", "write_atomic", "check_output_path"]
