"""LaTeX text: escaping for text mode, and text inside math mode.

One place for the rules that tables (booktabs), notebook displays (``_repr_latex_`` of games
and results) and the LaTeX/TikZ writers share.
"""

from __future__ import annotations

from typing import Any

__all__ = ["latex_escape", "latex_text"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # OT1-encoded fonts print these as other glyphs (¡ ¿ —) in text mode
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def latex_escape(s: str) -> str:
    """Text for LaTeX: special characters escaped, line breaks as spaces (a blank line would end the row)."""
    s = s.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return "".join(_LATEX_SPECIAL.get(c, c) for c in s)


def latex_text(s: Any) -> str:
    """``s`` as text inside math mode: ``\\text{...}`` with the specials escaped."""
    return r"\text{" + latex_escape(str(s)) + "}"
