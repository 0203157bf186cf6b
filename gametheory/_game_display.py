"""How a normal-form game shows itself: ``print(game)``, notebook HTML and LaTeX.

Two players: one bimatrix grid (rows: the first player's strategies, columns: the
second's, each cell ``u_1, u_2``), as nashpy and quantecon print their games.  More
players: one such grid per profile of the third and later players (a *slice*, titled
``P3 = s1``).  Exact payoffs print as fractions (``1/3``), floats to 6 significant
digits.  Games beyond :data:`MAX_CELLS` cells show a summary instead of every payoff.
"""

from __future__ import annotations

import html
import itertools
from typing import Any, Iterator

import numpy as np

from ._latex import latex_text
from .numbers import num_text

__all__ = ["game_text", "game_html", "game_latex", "MAX_CELLS"]

#: Larger games print a one-line summary (their payoffs stay in ``game.payoffs``).
MAX_CELLS = 2500


def _num(x: Any) -> str:
    """Floats to 6 significant digits, exact values in full (as results display)."""
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    return num_text(x)


def _cell(game: Any, idx: tuple[int, ...]) -> str:
    return ", ".join(_num(a[idx]) for a in game.payoffs)


def _slices(game: Any) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(title, indices of players 2..n-1) for every slice; one untitled slice for <= 2 players."""
    rest = game.shape[2:]
    for prof in itertools.product(*(range(m) for m in rest)):
        title = ", ".join(f"{game.player_labels[2 + j]} = {game.strategy_labels[2 + j][k]}" for j, k in enumerate(prof))
        yield title, prof


def _too_big(game: Any) -> bool:
    return _size(game) > MAX_CELLS


def _size(game: Any) -> int:
    n = 1
    for m in game.shape:
        n *= m
    return n


def _grid(game: Any, rest: tuple[int, ...]) -> tuple[list[str], list[str], list[list[str]]]:
    """Row labels, column labels and payoff cells of one slice."""
    rows = list(game.strategy_labels[0])
    if game.n_players == 1:
        return rows, ["payoff"], [[_cell(game, (r,))] for r in range(game.shape[0])]
    cols = list(game.strategy_labels[1])
    cells = [[_cell(game, (r, c, *rest)) for c in range(game.shape[1])] for r in range(game.shape[0])]
    return rows, cols, cells


def _corner(game: Any) -> str:
    return game.player_labels[0] if game.n_players == 1 else f"{game.player_labels[0]} \\ {game.player_labels[1]}"


def game_text(game: Any) -> str:
    """``str(game)``: the title line, then the payoff grid(s) with labels."""
    head = repr(game)
    if _too_big(game):
        return f"{head}\n(payoffs not shown: {_size(game)} profiles; see game.payoffs)"
    out = [head]
    for title, rest in _slices(game):
        rows, cols, cells = _grid(game, rest)
        table = [[_corner(game), *cols], *[[r, *c] for r, c in zip(rows, cells)]]
        widths = [max(len(line[j]) for line in table) for j in range(len(table[0]))]
        if title:
            out.append(("\n" if len(out) > 1 else "") + title + ":")
        for k, line in enumerate(table):
            out.append("  ".join(s.ljust(w) for s, w in zip(line, widths)).rstrip())
            if k == 0:
                out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def game_html(game: Any) -> str:
    """The payoff grid(s) as HTML tables (labels escaped)."""
    e = html.escape
    if _too_big(game):
        return f"<pre>{e(game_text(game))}</pre>"
    parts = []
    for title, rest in _slices(game):
        rows, cols, cells = _grid(game, rest)
        cap = f"<caption>{e(title)}</caption>" if title else (f"<caption>{e(game.title)}</caption>" if game.title else "")
        head = f"<tr><th>{e(_corner(game))}</th>" + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr>"
        body = "".join(
            f"<tr><th>{e(r)}</th>" + "".join(f"<td>{e(x)}</td>" for x in line) + "</tr>" for r, line in zip(rows, cells)
        )
        parts.append(f"<table>{cap}{head}{body}</table>")
    return "".join(parts)


def _latex_num(x: Any) -> str:
    from .tables import format_value

    s = format_value(x, "latex")
    return s[1:-1] if s.startswith("$") and s.endswith("$") else s


def game_latex(game: Any) -> str:
    """The payoff grid(s) as ``array`` environments in one math group (MathJax and LaTeX read it)."""
    if _too_big(game):
        return "$" + latex_text(repr(game)) + "$"
    arrays = []
    for title, rest in _slices(game):
        rows, cols, _ = _grid(game, rest)
        n_cols = len(cols)
        # rows end with a line break, so "\hline" is never glued to the next row's label
        head = " & " + " & ".join(latex_text(c) for c in cols) + r" \\ \hline"
        body = []
        for r, lab in enumerate(rows):
            idx = [(r,)] if game.n_players == 1 else [(r, c, *rest) for c in range(n_cols)]
            cells = ["(" + ", ".join(_latex_num(a[i]) for a in game.payoffs) + ")" for i in idx]
            body.append(latex_text(lab) + " & " + " & ".join(cells) + r" \\")
        arr = r"\begin{array}{r|" + "c" * n_cols + "}\n" + head + "\n" + "\n".join(body) + "\n" + r"\end{array}"
        arrays.append((latex_text(title) + r"\quad " if title else "") + arr)
    return "$" + "\n\\qquad\n".join(arrays) + "$"
