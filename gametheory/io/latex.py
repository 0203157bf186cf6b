"""LaTeX of a whole game: a payoff matrix (normal form) or a TikZ tree (extensive form).

Tables of results are :func:`gametheory.tables.to_table`'s job; this module typesets the game
itself, with the same number formatting (:func:`gametheory.tables.format_value`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import GameError
from ..extensive import ExtensiveFormGame
from ..normal_form import NormalFormGame
from ..tables import format_value, latex_escape
from .tikz import tree_to_tikz

__all__ = ["game_to_latex"]


def _num_latex(x: Any) -> str:
    s = format_value(x, "latex")
    return s[1:-1] if s.startswith("$") and s.endswith("$") else s


def game_to_latex(game: NormalFormGame | ExtensiveFormGame, caption: str | None = None) -> str:
    """LaTeX of a game: a payoff matrix (normal form) or a TikZ tree (extensive form).

    Two-player normal-form games give one ``tabular`` with row player's strategies as
    rows and cells ``u_1, u_2``; with more players there is one matrix per profile
    of players 3..n.  Extensive-form games give a ``tikzpicture`` tree (plain TikZ,
    drawn top-down as in Osborne & Rubinstein 1994; information sets dashed).
    """
    if isinstance(game, NormalFormGame):
        return _nfg_latex(game, caption)
    if isinstance(game, ExtensiveFormGame):
        return tree_to_tikz(game, caption)
    raise GameError(f"game_to_latex needs a NormalFormGame or an ExtensiveFormGame; got {type(game).__name__}")


def _matrix(game: Any, rest: tuple[int, ...]) -> list[str]:
    A = game.payoffs
    cols = "c" * game.shape[1]
    lines = [f"\\begin{{tabular}}{{r|{cols}}}"]
    lines.append(
        f"{latex_escape(game.player_labels[0])}\\textbackslash{{}}{latex_escape(game.player_labels[1])} & "
        + " & ".join(latex_escape(s) for s in game.strategy_labels[1])
        + r" \\ \hline"
    )
    for r, rs in enumerate(game.strategy_labels[0]):
        cells = []
        for c in range(game.shape[1]):
            idx = (r, c) + rest
            cells.append("$" + ", ".join(_num_latex(a[idx]) for a in A) + "$")
        lines.append(latex_escape(rs) + " & " + " & ".join(cells) + r" \\")
    lines.append("\\end{tabular}")
    return lines


def _nfg_latex(game: Any, caption: str | None) -> str:
    if game.n_players < 2:
        raise GameError("game_to_latex draws games of two or more players")
    out = []
    if caption:
        out += ["\\begin{table}[htbp]", "\\centering", f"\\caption{{{latex_escape(caption)}}}"]
    rest_shapes = game.shape[2:]
    for rest in np.ndindex(*rest_shapes) if rest_shapes else [()]:
        if rest:
            who = ", ".join(
                f"{latex_escape(game.player_labels[2 + j])} plays {latex_escape(game.strategy_labels[2 + j][k])}"
                for j, k in enumerate(rest)
            )
            out.append(f"\\par\\medskip\\noindent {who}:\\par")
        out += _matrix(game, tuple(int(k) for k in rest))
    if caption:
        out.append("\\end{table}")
    return "\n".join(out) + "\n"
