"""Game trees as TikZ pictures for papers (plain TikZ, no extra package).

Layout: leaves equally spaced left to right in tree order, every internal node
centred over its children, one level per move (the top-down drawing of Osborne &
Rubinstein 1994).  Decision nodes are filled dots labelled with the mover; chance
nodes are hollow; actions label the edges (chance edges with their probabilities);
payoff vectors sit under the terminals; nodes of one information set are joined by
a dashed line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import GameError
from ..tables import format_value, latex_escape

if TYPE_CHECKING:
    from ..extensive import ExtensiveFormGame

__all__ = ["tree_to_tikz", "tree_layout"]


def _esc(s: Any) -> str:
    return latex_escape(str(s))


def _num(x: Any) -> str:
    s = format_value(x, "latex")
    return s[1:-1] if s.startswith("$") and s.endswith("$") else s


def tree_layout(game: ExtensiveFormGame, order: list[int] | None = None) -> tuple[dict[int, float], dict[int, int]]:
    """Node -> horizontal position and node -> depth, for drawing a tree top-down.

    Leaves are equally spaced (0, 1, 2, ...) in tree order and every internal node is
    centred over its children (Osborne & Rubinstein 1994); ``order`` is the preorder of
    the nodes when the caller already has it.  Shared by the TikZ export and
    :func:`gametheory.plot.plot_tree`.
    """
    order = game.preorder() if order is None else order
    depth = {game.root: 0}
    for v in order:
        for c in game.children(v):
            depth[c] = depth[v] + 1
    x: dict[int, float] = {}
    leaf = 0
    for v in order:
        if not game.children(v):
            x[v] = float(leaf)
            leaf += 1
    for v in reversed(order):
        kids = game.children(v)
        if kids:
            x[v] = sum(x[c] for c in kids) / len(kids)
    return x, depth


def tree_to_tikz(game: ExtensiveFormGame, caption: str | None = None, x_unit: float = 1.6, y_unit: float = 1.5) -> str:
    """A ``tikzpicture`` of an :class:`~gametheory.extensive.ExtensiveFormGame`."""
    game.validate()
    order = game.preorder()
    if len(order) > 2000:
        raise GameError(f"the tree has {len(order)} nodes; a TikZ drawing is only legible for small trees")
    x, depth = tree_layout(game, order)
    out = []
    if caption:
        out += ["\\begin{figure}[htbp]", "\\centering"]
    out.append("\\begin{tikzpicture}[")
    out.append("  decision/.style={circle, fill, inner sep=1.5pt},")
    out.append("  chance/.style={circle, draw, inner sep=1.5pt},")
    out.append("  terminal/.style={inner sep=0pt, minimum size=0pt},")
    out.append("  every label/.style={font=\\small}]")
    for v in order:
        kind = game.kind(v)
        pos = f"({x[v] * x_unit:.3f}, {-depth[v] * y_unit:.3f})"
        if kind == "decision":
            out.append(f"\\node[decision, label=above:{{{_esc(game.player(v))}}}] (n{v}) at {pos} {{}};")
        elif kind == "chance":
            out.append(f"\\node[chance, label=above:{{chance}}] (n{v}) at {pos} {{}};")
        else:
            pay = ", ".join(_num(u) for u in game.payoffs(v))
            out.append(f"\\node[terminal, label=below:{{$({pay})$}}] (n{v}) at {pos} {{}};")
    for v in order:
        kids = game.children(v)
        if not kids:
            continue
        acts = game.actions(v)
        probs = game.probs(v) if game.kind(v) == "chance" else None
        for k, c in enumerate(kids):
            side = "left" if x[c] < x[v] else ("right" if x[c] > x[v] else "")
            where = f"above {side}".strip() if side else "right"
            text = _esc(acts[k]) + (f" (${_num(probs[k])}$)" if probs is not None else "")
            out.append(f"\\draw (n{v}) -- node[{where}, font=\\small] {{{text}}} (n{c});")
    for h in game.infosets:
        if len(h.nodes) > 1:
            nodes = sorted(h.nodes, key=lambda v: x[v])
            path = " -- ".join(f"(n{v})" for v in nodes)
            out.append(f"\\draw[dashed] {path};")
    out.append("\\end{tikzpicture}")
    if caption:
        out += [f"\\caption{{{_esc(caption)}}}", "\\end{figure}"]
    return "\n".join(out) + "\n"
