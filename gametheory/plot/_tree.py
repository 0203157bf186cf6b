"""Game trees drawn as matplotlib figures (the figure twin of :func:`gametheory.io.tree_to_tikz`)."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from ..errors import GameError
from ..io.tikz import tree_layout
from ..tables import format_value
from ._labels import fit
from ._style import drawing, finish, palette

__all__ = ["plot_tree", "first_spe", "MAX_TREE_NODES"]

#: larger trees are not legible as one figure (the TikZ export has the same cap)
MAX_TREE_NODES = 2000


def _number(u: Any) -> str:
    return format_value(u, "markdown", digits=4)


def _highlight(game: Any, equilibrium: Any) -> Any:
    """The equilibrium to highlight: the one given, None for none, or the first SPE of a perfect-information tree."""
    if equilibrium is False:
        return None
    if equilibrium is not None:
        if getattr(equilibrium, "game", None) is not game:
            raise GameError("plot_tree: the equilibrium belongs to another game (pass one solved from this tree)")
        return equilibrium
    if not game.is_perfect_information:
        return None  # an imperfect-information tree: pass equilibrium= to highlight one
    return first_spe(game)


def first_spe(game: Any) -> Any:
    """The first subgame-perfect equilibrium of a perfect-information tree (backward induction)."""
    from ..extensive import backward_induction
    from ..errors import SolverError

    try:
        eqs = backward_induction(game)
    except SolverError:
        raise GameError("plot_tree: the tree has too many subgame-perfect equilibria to pick one; "
                        "pass equilibrium= (or equilibrium=False)") from None
    return eqs[0] if eqs else None


def plot_tree(
    game: Any,
    equilibrium: Any = None,
    ax: Any = None,
    path: str | os.PathLike | None = None,
    title: str | None = None,
    *,
    style: str = "default",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
) -> Any:
    """Draw a game tree: nodes, labelled actions, payoffs at the leaves, information sets, the equilibrium path.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree (at most :data:`MAX_TREE_NODES` nodes).
    equilibrium : TreeEquilibrium or False, optional
        The equilibrium whose path is drawn thick and whose choices off the path are drawn
        in colour.  Default: the first subgame-perfect equilibrium of a perfect-information
        tree (backward induction); none for an imperfect-information tree.  ``False``: none.
    ax, path, title
        Axes to draw on, a file to save to (.png, .pdf, .svg), a title (default: the game's).
    style, width, height, dpi
        ``"default"`` or ``"paper"``; size in inches (default: from the tree's size); resolution.

    Returns
    -------
    matplotlib.figure.Figure
        Decision nodes are filled dots with the mover's name, chance nodes hollow with the
        probabilities on their edges; nodes of one information set are joined by a dashed line.

    References
    ----------
    Osborne, M. J. & Rubinstein, A. (1994). A Course in Game Theory, ch. 6 and 11 (the drawing).
    Selten, R. (1975). Reexamination of the perfectness concept. Int. J. Game Theory 4.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1])
    >>> fight, yield_ = t.decision(ch, player="Defender", actions=["fight", "yield"])
    >>> _ = t.terminal(fight, payoffs=[-1, -1])
    >>> _ = t.terminal(yield_, payoffs=[1, 0])
    >>> fig = gt.plot_tree(t)
    >>> [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    ['equilibrium path']
    """
    from ..extensive import ExtensiveFormGame

    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"plot_tree needs an ExtensiveFormGame; got {type(game).__name__}")
    game.validate()
    order = game.preorder()
    if len(order) > MAX_TREE_NODES:
        raise GameError(f"the tree has {len(order)} nodes; a figure is only legible for trees of at most "
                        f"{MAX_TREE_NODES}")
    eq = _highlight(game, equilibrium)
    x, depth = tree_layout(game, order)
    n_leaves = sum(1 for v in order if not game.children(v))
    levels = max(depth.values())
    default = (float(np.clip(1.15 * n_leaves + 0.8, 4.0, 14.0)), float(np.clip(1.2 * levels + 1.6, 2.5, 10.0)))
    reach = edge = None
    if eq is not None:
        reach, edge = eq.reach, eq.edge_probabilities
    with drawing(ax, style, width, height, dpi, default) as (fig, ax):
        pal = palette(6, style)
        accent = pal[5] if style == "paper" else "tab:red"
        base_lw = 1.0 if style == "paper" else 1.2
        handles: dict[str, Any] = {}
        for v in order:
            kids = game.children(v)
            if not kids:
                continue
            acts = game.actions(v)
            chance = game.kind(v) == "chance"
            probs = game.probs(v) if chance else None
            for k, c in enumerate(kids):
                on_path = reach is not None and reach[c] > 0
                chosen = edge is not None and not chance and edge[c] > 0
                if on_path:
                    kw, key = {"color": accent, "lw": 3 * base_lw, "zorder": 2}, "equilibrium path"
                elif chosen:
                    kw, key = {"color": accent, "lw": base_lw, "zorder": 2}, "equilibrium choice off the path"
                else:
                    kw, key = {"color": "black", "lw": base_lw * 0.8, "zorder": 1}, None
                (line,) = ax.plot([x[v], x[c]], [-depth[v], -depth[c]], solid_capstyle="round", **kw)
                if key and key not in handles:
                    handles[key] = line
                text = str(acts[k]) + (f" ({_number(probs[k])})" if chance else "")
                mx, my = (x[v] + x[c]) / 2, -(depth[v] + depth[c]) / 2
                side = -1 if x[c] < x[v] else (1 if x[c] > x[v] else 0)
                ax.annotate(text, (mx, my), xytext=(6 * side if side else 6, 2), textcoords="offset points",
                            ha="left" if side >= 0 else "right", va="bottom", fontsize="small", zorder=4)
        for v in order:
            kind = game.kind(v)
            if kind == "decision":
                ax.plot([x[v]], [-depth[v]], "o", color="black", markersize=6, zorder=5)
                ax.annotate(str(game.player(v)), (x[v], -depth[v]), xytext=(0, 6), textcoords="offset points",
                            ha="center", va="bottom", fontsize="small", fontweight="bold", zorder=6,
                            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
            elif kind == "chance":
                ax.plot([x[v]], [-depth[v]], "o", markerfacecolor="white", markeredgecolor="black", markersize=7,
                        zorder=5)
                ax.annotate("chance", (x[v], -depth[v]), xytext=(0, 6), textcoords="offset points",
                            ha="center", va="bottom", fontsize="small", fontstyle="italic", zorder=6)
            else:
                pay = "(" + ", ".join(_number(u) for u in game.payoffs(v)) + ")"
                lab = game.label(v)
                text = pay if lab == v else f"{lab}\n{pay}"
                ax.annotate(text, (x[v], -depth[v]), xytext=(0, -5), textcoords="offset points",
                            ha="center", va="top", fontsize="small", zorder=6)
        for h in game.infosets:
            if len(h.nodes) > 1:
                nodes = sorted(h.nodes, key=lambda u: x[u])
                (line,) = ax.plot([x[u] for u in nodes], [-depth[u] for u in nodes], linestyle=(0, (4, 3)),
                                  color="0.35", lw=base_lw, zorder=3)
                handles.setdefault("information set", line)
        ax.set_xlim(-0.8, max(n_leaves - 1, 0) + 0.8)
        ax.set_ylim(-levels - 0.65, 0.45)
        ax.set_axis_off()
        if handles:
            names = [k for k in ("equilibrium path", "equilibrium choice off the path", "information set") if k in handles]
            ax.legend([handles[k] for k in names], names, loc="upper right", fontsize="small", frameon=False)
        heading = title if title is not None else (game.title or None)
        if heading:
            ax.set_title(fit(heading, 0.95 * fig.get_size_inches()[0], "axes.titlesize"))
    return finish(fig, path, style)
