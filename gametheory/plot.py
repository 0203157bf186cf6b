"""Figures for papers: reaction curves, equilibrium-region maps, burden-share scatters.

Every function draws on a :class:`matplotlib.figure.Figure` built with the Agg
canvas (no pyplot state, no GUI backend, safe in scripts, servers and notebooks),
returns it, and with ``path=`` also saves it atomically as PNG, PDF or SVG (the
format follows the extension).

The engine stays model-agnostic: reaction curves take best-response functions as
callables, region maps and scatters take DataFrames (a sweep result, a data set).
"""

from __future__ import annotations

import io
import os
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .errors import GameError
from .io import check_output_path, write_atomic

__all__ = ["reaction_curves", "region_map", "burden_scatter", "save_figure", "new_figure", "intersections"]

_EXTS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}


def new_figure(figsize: tuple[float, float] = (5.5, 4.5)) -> tuple[Any, Any]:
    """A Figure on the Agg canvas and its axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def save_figure(fig: Any, path: str | os.PathLike, dpi: int = 150) -> None:
    """Save a figure atomically (see :func:`gametheory.io._atomic.write_atomic`).

    The path is checked before the figure is rendered; an unwritable path raises
    :class:`GameError` naming it.
    """
    path = check_output_path(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in _EXTS:
        raise GameError(f"figures are saved as .png, .pdf or .svg; got {path!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format=_EXTS[ext], dpi=dpi)
    write_atomic(path, buf.getvalue())


def _finish(fig: Any, path: str | os.PathLike | None) -> Any:
    if path is not None:
        save_figure(fig, path)
    return fig


def intersections(br1: Callable[[float], float], br2: Callable[[float], float], lo: float, hi: float, n: int = 2001) -> list[tuple[float, float]]:
    """Fixed points ``q1 = br1(br2(q1))`` on ``[lo, hi]``: the crossings of two reaction curves.

    Sign changes of ``br1(br2(q1)) - q1`` on an ``n``-point grid are refined by
    Brent's method (scipy); exact grid zeros are kept as they are.
    """
    from scipy.optimize import brentq

    def gap(q1: float) -> float:
        return float(br1(float(br2(q1)))) - q1

    xs = np.linspace(lo, hi, n)
    gs = np.array([gap(x) for x in xs])
    if not np.all(np.isfinite(gs)):
        raise GameError("a best-response function returned a non-finite value")
    scale = max(1.0, float(np.max(np.abs(xs))))
    out: list[float] = []
    for k in range(n):
        if abs(gs[k]) <= 1e-12 * scale:
            out.append(float(xs[k]))
        elif k + 1 < n and gs[k] * gs[k + 1] < 0:
            out.append(float(brentq(gap, xs[k], xs[k + 1], xtol=1e-14 * scale)))
    merged: list[float] = []
    for x in sorted(out):
        if not merged or abs(x - merged[-1]) > 1e-9 * scale:
            merged.append(x)
    return [(x, float(br2(x))) for x in merged]


def reaction_curves(
    br1: Callable[[float], float],
    br2: Callable[[float], float],
    q_max: float,
    labels: Sequence[str] = ("ally 1", "ally 2"),
    equilibrium: Sequence[float] | None = None,
    n: int = 400,
    ax: Any = None,
    path: str | os.PathLike | None = None,
    title: str | None = None,
) -> Any:
    """Reaction curves of a two-player continuous game and their crossing(s).

    ``br1(q2)`` is player 1's best response to player 2's action and ``br2(q1)`` the
    reverse; both curves are drawn on ``[0, q_max]`` in the (q1, q2) plane.  The Nash
    equilibria are the crossings: ``equilibrium=(q1, q2)`` marks a known one,
    otherwise they are found by :func:`intersections`.  For the two-ally public-goods
    game these are the contribution reaction functions of Olson & Zeckhauser (1966)
    and Cornes & Sandler (1996, ch. 6).
    """
    if not (callable(br1) and callable(br2)):
        raise GameError("reaction_curves needs two best-response functions (callables)")
    if not (np.isfinite(q_max) and q_max > 0):
        raise GameError(f"q_max must be a positive number; got {q_max!r}")
    if ax is None:
        fig, ax = new_figure()
    else:
        fig = ax.figure
    grid = np.linspace(0.0, float(q_max), int(n))
    try:
        c1 = np.array([float(br1(q2)) for q2 in grid])
        c2 = np.array([float(br2(q1)) for q1 in grid])
    except (TypeError, ValueError) as exc:
        raise GameError(f"a best-response function failed: {exc}") from None
    ax.plot(c1, grid, label=f"{labels[0]}'s best response", color="tab:blue")
    ax.plot(grid, c2, label=f"{labels[1]}'s best response", color="tab:orange")
    points = [tuple(equilibrium)] if equilibrium is not None else intersections(br1, br2, 0.0, float(q_max))
    for k, (x, y) in enumerate(points):
        ax.plot([x], [y], "o", color="black", zorder=5, label="Nash equilibrium" if k == 0 else None)
        ax.annotate(f"({x:.3g}, {y:.3g})", (x, y), textcoords="offset points", xytext=(6, 6))
    ax.set_xlabel(f"{labels[0]}'s contribution")
    ax.set_ylabel(f"{labels[1]}'s contribution")
    ax.set_xlim(0, q_max)
    ax.set_ylim(0, q_max)
    ax.legend(loc="best", fontsize="small")
    if title:
        ax.set_title(title)
    return _finish(fig, path)


def _outcome_labels(df: pd.DataFrame, x: str, y: str, outcome: str) -> pd.DataFrame:
    """One label per (x, y) point; several equilibria at a point are joined with ' + '."""

    def join(vals: pd.Series) -> str:
        labs = sorted({("n/a" if _missing(v) else str(v)) for v in vals})
        return " + ".join(labs)

    return df.groupby([x, y], sort=True)[outcome].agg(join).reset_index()


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def region_map(
    df: pd.DataFrame,
    x: str,
    y: str,
    outcome: str,
    ax: Any = None,
    path: str | os.PathLike | None = None,
    title: str | None = None,
    colors: Sequence[str] | None = None,
) -> Any:
    """Equilibrium regions over two parameters from a sweep DataFrame.

    Each grid point gets the category in column ``outcome`` (points with several
    equilibria get the joined label, e.g. ``"deterred + war"``); each category is a
    colored region with a legend entry.  The grid may be uneven; cells are centred
    on the grid values.  After the parameter-space maps of Snyder & Diesing (1977)
    and Fearon (1997).
    """
    if not isinstance(df, pd.DataFrame):
        raise GameError(f"region_map needs a DataFrame; got {type(df).__name__}")
    for c in (x, y, outcome):
        if c not in df.columns:
            raise GameError(f"column {c!r} is not in the table; columns: {', '.join(map(str, df.columns))}")
    if df.empty:
        raise GameError("region_map got an empty table")
    lab = _outcome_labels(df, x, y, outcome)
    try:
        xs = np.array(sorted(set(float(v) for v in lab[x])))
        ys = np.array(sorted(set(float(v) for v in lab[y])))
    except (TypeError, ValueError):
        raise GameError(f"columns {x!r} and {y!r} must be numeric to draw a map") from None
    cats = sorted(set(lab[outcome]))
    code = {c: k for k, c in enumerate(cats)}
    Z = np.full((len(ys), len(xs)), np.nan)
    xi = {v: k for k, v in enumerate(xs)}
    yi = {v: k for k, v in enumerate(ys)}
    for xv, yv, o in zip(lab[x], lab[y], lab[outcome]):
        Z[yi[float(yv)], xi[float(xv)]] = code[o]
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    palette = list(colors) if colors else _palette(len(cats))
    if len(palette) < len(cats):
        raise GameError(f"{len(cats)} outcome categories but only {len(palette)} colors")
    cmap = ListedColormap(palette[: len(cats)]).with_extremes(bad="white")
    norm = BoundaryNorm(np.arange(len(cats) + 1) - 0.5, len(cats))
    if ax is None:
        fig, ax = new_figure((6.5, 4.5))
    else:
        fig = ax.figure
    ax.pcolormesh(_edges(xs), _edges(ys), np.ma.masked_invalid(Z), cmap=cmap, norm=norm, shading="flat")
    handles = [Patch(facecolor=palette[k], edgecolor="black", label=str(c)) for k, c in enumerate(cats)]
    ax.legend(handles=handles, title=outcome, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title)
    return _finish(fig, path)


def _edges(v: np.ndarray) -> np.ndarray:
    if len(v) == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = (v[:-1] + v[1:]) / 2
    return np.concatenate([[v[0] - (mid[0] - v[0])], mid, [v[-1] + (v[-1] - mid[-1])]])


def _palette(k: int) -> list[str]:
    from matplotlib import colormaps

    base = colormaps["tab10"].colors if k <= 10 else colormaps["tab20"].colors
    if k > len(base):
        cmap = colormaps["viridis"]
        return [cmap(i / max(1, k - 1)) for i in range(k)]
    return list(base[:k])


def burden_scatter(
    df: pd.DataFrame,
    gdp: str = "gdp",
    burden: str = "burden",
    label: str | None = None,
    ax: Any = None,
    path: str | os.PathLike | None = None,
    logx: bool = True,
    title: str | None = None,
) -> Any:
    """Burden share (e.g. defense spending / GDP) against GDP, one point per ally.

    The exploitation hypothesis of Olson & Zeckhauser (1966) predicts a positive
    rank correlation; the Spearman rho (scipy) and its p-value are printed on the
    figure.  ``label`` names a column of point labels (country codes).
    """
    from scipy.stats import spearmanr

    if not isinstance(df, pd.DataFrame):
        raise GameError(f"burden_scatter needs a DataFrame; got {type(df).__name__}")
    for c in [gdp, burden] + ([label] if label else []):
        if c not in df.columns:
            raise GameError(f"column {c!r} is not in the table; columns: {', '.join(map(str, df.columns))}")
    data = df[[gdp, burden] + ([label] if label else [])].dropna(subset=[gdp, burden])
    if len(data) < 2:
        raise GameError("burden_scatter needs at least two allies with GDP and burden")
    try:
        xs = data[gdp].astype(float).to_numpy()
        ys = data[burden].astype(float).to_numpy()
    except (TypeError, ValueError):
        raise GameError(f"columns {gdp!r} and {burden!r} must be numeric") from None
    if logx and np.any(xs <= 0):
        raise GameError("a log GDP axis needs positive GDP values; pass logx=False")
    if ax is None:
        fig, ax = new_figure()
    else:
        fig = ax.figure
    ax.scatter(xs, ys, color="tab:blue", edgecolor="black", zorder=3)
    if label:
        for xv, yv, t in zip(xs, ys, data[label]):
            ax.annotate(str(t), (xv, yv), textcoords="offset points", xytext=(4, 3), fontsize="x-small")
    if logx:
        ax.set_xscale("log")
    rho, p = spearmanr(xs, ys)
    ax.text(
        0.02, 0.97, f"Spearman rho = {rho:.2f} (p = {p:.3g}, n = {len(xs)})",
        transform=ax.transAxes, va="top", fontsize="small",
    )
    ax.set_xlabel(gdp)
    ax.set_ylabel(burden)
    if title:
        ax.set_title(title)
    return _finish(fig, path)
