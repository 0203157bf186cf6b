"""The figures of ``gametheory plot``: a region map, a scatter of a model's table, a game tree.

Kept apart from :mod:`gametheory.cli` (which parses the command line and looks models up in
the registry): these functions get the model object and the parsed options, draw with
:mod:`gametheory.plot` and return the summary table the command prints.
"""

from __future__ import annotations

import os
from typing import Any, Callable

import pandas as pd

from .errors import GameError

__all__ = ["KINDS", "figure_options", "plot_map", "plot_scatter", "plot_tree_file", "default_kind"]

KINDS = ("map", "scatter", "tree")


def default_kind(target: str) -> str:
    """``tree`` for a Gambit ``.efg`` file, ``map`` for a model name."""
    return "tree" if target.lower().endswith(".efg") else "map"


def figure_options(args: Any, title: str | None) -> dict[str, Any]:
    """The keyword arguments shared by every figure: style, size, dpi, title, file."""
    heading = title if args.title is None else (args.title or None)  # --title "" drops it
    return {"style": args.style, "width": args.width, "height": args.height, "dpi": args.dpi, "title": heading,
            "path": args.output}


def plot_map(model: Any, df: pd.DataFrame, x: str, y: str, outcome: str, args: Any) -> pd.DataFrame:
    """Regions of ``outcome`` over the ``x`` and ``y`` grids; the number of points per regime."""
    from .plot import labels_of, region_map

    region_map(df, x, y, outcome, labels=labels_of(model), **figure_options(args, getattr(model, "title", None)))
    summary = df.groupby(outcome, dropna=False, sort=True).size().reset_index(name="points")
    summary.insert(0, "figure", args.output)
    return summary


def plot_scatter(model: Any, rows: list[dict], args: Any) -> pd.DataFrame:
    """One point per row of the model's table (``--x``/``--y`` name columns)."""
    from .plot import labels_of, scatter

    df = pd.DataFrame.from_records(rows)
    for flag, col in (("--x", args.x), ("--y", args.y), ("--label", args.label)):
        if col is not None and col not in df.columns:
            raise GameError(f"{flag} {col!r} is not a column of the table of {getattr(model, 'name', 'the model')}; "
                            f"its columns: {', '.join(map(str, df.columns))}")
    scatter(df, args.x, args.y, label=args.label, logx=args.logx, logy=args.logy, spearman=args.spearman,
            labels=labels_of(model), **figure_options(args, getattr(model, "title", None)))
    out: dict[str, Any] = {"figure": args.output, "points": int(df[[args.x, args.y]].dropna().shape[0])}
    if args.spearman:
        from scipy.stats import spearmanr

        data = df[[args.x, args.y]].dropna().astype(float)
        rho, p = spearmanr(data[args.x], data[args.y])
        out.update({"spearman_rho": float(rho), "p_value": float(p)})
    return pd.DataFrame([out])


def plot_tree_file(path: str, args: Any, read: Callable[[str], Any]) -> pd.DataFrame:
    """Draw the game tree of a Gambit ``.efg`` file with its first subgame-perfect path."""
    from .extensive import ExtensiveFormGame
    from .plot import plot_tree

    if not path.lower().endswith(".efg"):
        raise GameError(f"--kind tree draws a Gambit .efg file; got {path!r}")
    game = read(path)
    if not isinstance(game, ExtensiveFormGame):  # pragma: no cover - read_gambit returns a tree for .efg
        raise GameError(f"{path!r} is not a game tree")
    eq = None
    if game.is_perfect_information:
        from .errors import SolverError
        from .extensive import backward_induction

        try:
            eqs = backward_induction(game)
        except SolverError:
            raise GameError(f"{path!r} has too many subgame-perfect equilibria to highlight one") from None
        eq = eqs[0] if eqs else None
    plot_tree(game, equilibrium=eq if eq is not None else False,
              **figure_options(args, game.title or os.path.basename(path)))
    path_text = " > ".join(f"{p}: {a}" for p, a in eq.path) if eq is not None else ""
    return pd.DataFrame([{"figure": args.output, "nodes": game.n_nodes, "equilibrium path": path_text}])
