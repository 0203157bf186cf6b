"""Charts of tables: reaction curves, equilibrium-region maps and labelled scatters.

Each function draws on a :class:`matplotlib.figure.Figure` on the Agg canvas, returns
it, and with ``path=`` saves it atomically (PNG, PDF or SVG by the extension).  Axis
labels come from ``labels`` (column -> text, e.g. :func:`labels_of` of a registered
model), so figures read "Challenger's cost of backing down", not ``backdown_cost``.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import GameError
from ._labels import category_text, fit, label_for, wrap
from ._repel import place_labels
from ._style import drawing, finish, palette

__all__ = ["reaction_curves", "region_map", "scatter", "burden_scatter", "intersections"]

Labels = Mapping[str, str] | None
PathLike = str | os.PathLike | None


def intersections(br1: Callable[[float], float], br2: Callable[[float], float], lo: float, hi: float, n: int = 2001) -> list[tuple[float, float]]:
    """Fixed points ``q1 = br1(br2(q1))`` on ``[lo, hi]``: the crossings of two reaction curves.

    Parameters
    ----------
    br1, br2 : callable
        Best responses: ``br1(q2)`` of player 1, ``br2(q1)`` of player 2.
    lo, hi : float
        The interval of player 1's action searched.
    n : int
        Grid points; sign changes of ``br1(br2(q1)) - q1`` between them are refined by
        Brent's method (scipy), exact grid zeros are kept.

    Returns
    -------
    list of (float, float)
        The crossings ``(q1, q2)``, increasing in ``q1``.

    References
    ----------
    Brent, R. P. (1973). Algorithms for Minimization without Derivatives, ch. 4.

    Examples
    --------
    >>> br = lambda q: max(0.0, (10 - q) / 2)   # Cournot duopoly, inverse demand 10 - Q
    >>> [(round(a, 6), round(b, 6)) for a, b in intersections(br, br, 0, 10)]
    [(3.333333, 3.333333)]
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
    path: PathLike = None,
    title: str | None = None,
    *,
    xlabel: str | None = None,
    ylabel: str | None = None,
    style: str = "default",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
) -> Any:
    """Reaction curves of a two-player continuous game and their crossing(s).

    Parameters
    ----------
    br1, br2 : callable
        ``br1(q2)`` is player 1's best response to player 2's action, ``br2(q1)`` the reverse.
    q_max : float
        Both curves are drawn on ``[0, q_max]`` in the (q1, q2) plane.
    labels : pair of str
        The players' names (legend entries and default axis labels).
    equilibrium : (float, float), optional
        A known equilibrium to mark; otherwise the crossings found by :func:`intersections`.
    n : int
        Points per curve.
    ax, path, title
        Axes to draw on (a new figure otherwise), a file to save to, a title.
    xlabel, ylabel : str, optional
        Axis labels (default: "<player>'s contribution").
    style, width, height, dpi
        ``"default"`` or ``"paper"``; figure size in inches; resolution of saved files.

    Returns
    -------
    matplotlib.figure.Figure

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. Rev. Econ. Stat. 48(3).
    Cornes, R. & Sandler, T. (1996). The Theory of Externalities, Public Goods and Club Goods, ch. 6.

    Examples
    --------
    >>> fig = reaction_curves(lambda q: max(0.0, 5 - q / 2), lambda q: max(0.0, 3 - q / 2), q_max=10)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ["ally 1's best response", "ally 2's best response", 'Nash equilibrium']
    """
    if not (callable(br1) and callable(br2)):
        raise GameError("reaction_curves needs two best-response functions (callables)")
    if not (np.isfinite(q_max) and q_max > 0):
        raise GameError(f"q_max must be a positive number; got {q_max!r}")
    with drawing(ax, style, width, height, dpi, (5.5, 4.5)) as (fig, ax):
        grid = np.linspace(0.0, float(q_max), int(n))
        try:
            c1 = np.array([float(br1(q2)) for q2 in grid])
            c2 = np.array([float(br2(q1)) for q1 in grid])
        except (TypeError, ValueError) as exc:
            raise GameError(f"a best-response function failed: {exc}") from None
        colors = palette(2, style)
        ax.plot(c1, grid, label=f"{labels[0]}'s best response", color=colors[0])
        ax.plot(grid, c2, label=f"{labels[1]}'s best response", color=colors[1], linestyle="--" if style == "paper" else "-")
        points = [tuple(equilibrium)] if equilibrium is not None else intersections(br1, br2, 0.0, float(q_max))
        for k, (x, y) in enumerate(points):
            ax.plot([x], [y], "o", color="black", zorder=5, label="Nash equilibrium" if k == 0 else None)
            ax.annotate(f"({x:.3g}, {y:.3g})", (x, y), textcoords="offset points", xytext=(6, 6))
        ax.set_xlabel(xlabel or f"{labels[0]}'s contribution")
        ax.set_ylabel(ylabel or f"{labels[1]}'s contribution")
        ax.set_xlim(0, q_max)
        ax.set_ylim(0, q_max)
        ax.legend(loc="best", fontsize="small")
        if title:
            ax.set_title(fit(title, 0.95 * fig.get_size_inches()[0], "axes.titlesize"))
    return finish(fig, path, style)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def _outcome_labels(df: pd.DataFrame, x: str, y: str, outcome: str) -> pd.DataFrame:
    """One regime per (x, y) point: the set of outcomes of its equilibria, joined with ' + '."""

    def join(vals: pd.Series) -> str:
        labs = sorted({("n/a" if _missing(v) else str(v)) for v in vals})
        return " + ".join(labs)

    return df.groupby([x, y], sort=True)[outcome].agg(join).reset_index()


def _check_columns(df: Any, who: str, cols: Sequence[str]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise GameError(f"{who} needs a DataFrame; got {type(df).__name__}")
    for c in cols:
        if c not in df.columns:
            raise GameError(f"column {c!r} is not in the table; columns: {', '.join(map(str, df.columns))}")


def region_map(
    df: pd.DataFrame,
    x: str,
    y: str,
    outcome: str,
    ax: Any = None,
    path: PathLike = None,
    title: str | None = None,
    colors: Sequence[str] | None = None,
    *,
    labels: Labels = None,
    style: str = "default",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
) -> Any:
    """Equilibrium regimes over two parameters, as filled regions with a legend naming them.

    Parameters
    ----------
    df : pandas.DataFrame
        A sweep (one row per grid point, or per equilibrium where a point has several).
    x, y : str
        The two parameter columns (numeric; the grid may be uneven, cells are centred on it).
    outcome : str
        The categorical column.  A point's regime is the set of its equilibria's outcomes
        (``"deterred + war"`` where both are equilibria); each regime is one colour and
        one legend entry (underscores read as spaces).
    ax, path, title, colors
        Axes to draw on, a file to save to, a title, colours for the regimes.
    labels : mapping, optional
        Column -> readable label for the axes and legend title (:func:`labels_of`).
    style, width, height, dpi
        ``"default"`` or ``"paper"`` (Okabe-Ito colours, serif fonts); size in inches; resolution.

    Returns
    -------
    matplotlib.figure.Figure

    References
    ----------
    Snyder, G. H. & Diesing, P. (1977). Conflict Among Nations. Princeton UP.
    Fearon, J. D. (1997). Signaling foreign policy interests. J. Conflict Resolut. 41(1).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"cost": [0, 1, 0, 1], "value": [0, 0, 1, 1],
    ...                    "outcome": ["war", "status_quo", "war", "war"]})
    >>> fig = region_map(df, "cost", "value", "outcome", labels={"cost": "Cost of war"})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()], fig.axes[0].get_xlabel()
    (['status quo', 'war'], 'Cost of war')
    """
    _check_columns(df, "region_map", (x, y, outcome))
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

    pal = list(colors) if colors else palette(len(cats), style)
    if len(pal) < len(cats):
        raise GameError(f"{len(cats)} outcome categories but only {len(pal)} colors")
    cmap = ListedColormap(pal[: len(cats)]).with_extremes(bad="white")
    norm = BoundaryNorm(np.arange(len(cats) + 1) - 0.5, len(cats))
    with drawing(ax, style, width, height, dpi, (6.5, 4.5)) as (fig, ax):
        ax.pcolormesh(_edges(xs), _edges(ys), np.ma.masked_invalid(Z), cmap=cmap, norm=norm, shading="flat",
                      rasterized=True)
        handles = [Patch(facecolor=pal[k], edgecolor="black", linewidth=0.5, label=category_text(c))
                   for k, c in enumerate(cats)]
        legend_title = wrap(_short(label_for(outcome, labels)), 28)
        ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small")
        w, h = fig.get_size_inches()
        ax.set_xlabel(fit(label_for(x, labels), 0.6 * w))  # the legend takes the rest of the width
        ax.set_ylabel(fit(label_for(y, labels), 0.7 * h))
        if title:
            ax.set_title(fit(title, 0.95 * w, "axes.titlesize"))
    return finish(fig, path, style)


def _short(text: str) -> str:
    """A legend title: a long description without its trailing parenthesis (the values it lists)."""
    if len(text) > 28 and text.endswith(")") and "(" in text:
        return text[: text.rindex("(")].rstrip()
    return text


def _edges(v: np.ndarray) -> np.ndarray:
    if len(v) == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = (v[:-1] + v[1:]) / 2
    return np.concatenate([[v[0] - (mid[0] - v[0])], mid, [v[-1] + (v[-1] - mid[-1])]])


def scatter(
    df: pd.DataFrame,
    x: str,
    y: str,
    label: str | None = None,
    ax: Any = None,
    path: PathLike = None,
    title: str | None = None,
    *,
    logx: bool = False,
    logy: bool = False,
    spearman: bool = False,
    labels: Labels = None,
    style: str = "default",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
) -> Any:
    """One point per row, optionally named, with point names that never overlap.

    Parameters
    ----------
    df : pandas.DataFrame
        The table (rows with a missing ``x`` or ``y`` are left out).
    x, y : str
        Numeric columns.
    label : str, optional
        A column of point names (country codes); they are placed so that no two overlap
        (a deterministic greedy placement, with leader lines where a name had to move).
    ax, path, title
        Axes to draw on, a file to save to, a title.
    logx, logy : bool
        Logarithmic axes (the values must then be positive).
    spearman : bool
        Print Spearman's rank correlation of ``x`` and ``y`` (scipy) with its p-value.
    labels : mapping, optional
        Column -> readable axis label (:func:`labels_of`).
    style, width, height, dpi
        ``"default"`` or ``"paper"``; size in inches; resolution of saved files.

    Returns
    -------
    matplotlib.figure.Figure

    References
    ----------
    Christensen, J., Marks, J. & Shieber, S. (1995). An empirical study of algorithms for
    point-feature label placement. ACM Trans. Graphics 14(3).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"gdp": [1.0, 1.01, 1.02, 5.0], "share": [2.0, 2.0, 2.01, 1.0],
    ...                    "ally": ["AAA", "BBB", "CCC", "DDD"]})
    >>> fig = scatter(df, "gdp", "share", label="ally", labels={"gdp": "GDP (US$ bn)"})
    >>> fig.axes[0].get_xlabel(), sorted(t.get_text() for t in fig.axes[0].texts)
    ('GDP (US$ bn)', ['AAA', 'BBB', 'CCC', 'DDD'])
    """
    from scipy.stats import spearmanr

    _check_columns(df, "scatter", [x, y] + ([label] if label else []))
    data = df[list(dict.fromkeys([x, y] + ([label] if label else [])))].dropna(subset=[x, y])
    if len(data) < (2 if spearman else 1):
        raise GameError(f"scatter needs at least {2 if spearman else 1} rows with {x} and {y}")
    try:
        xs = data[x].astype(float).to_numpy()
        ys = data[y].astype(float).to_numpy()
    except (TypeError, ValueError):
        raise GameError(f"columns {x!r} and {y!r} must be numeric") from None
    if logx and np.any(xs <= 0):
        raise GameError(f"a log axis needs positive values of {x!r}; drop the log scale")
    if logy and np.any(ys <= 0):
        raise GameError(f"a log axis needs positive values of {y!r}; drop the log scale")
    with drawing(ax, style, width, height, dpi, (6.0, 4.5)) as (fig, ax):
        color = palette(5, style)[4] if style == "paper" else "tab:blue"
        ax.scatter(xs, ys, color=color, edgecolor="black", linewidths=0.4, s=16 if style == "paper" else 30, zorder=3)
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
        _pad_limits(ax, xs, ys, logx, logy)
        obstacles = []
        if spearman:
            rho, p = spearmanr(xs, ys)
            obstacles.append(ax.text(0.02, 0.97, f"Spearman rho = {rho:.2f} (p = {p:.3g}, n = {len(xs)})",
                                     transform=ax.transAxes, va="top", fontsize="small"))
        w, h = fig.get_size_inches()
        ax.set_xlabel(fit(label_for(x, labels), 0.8 * w))
        ax.set_ylabel(fit(label_for(y, labels), 0.7 * h))
        if title:
            ax.set_title(fit(title, 0.95 * w, "axes.titlesize"))
        if label:
            place_labels(ax, xs, ys, [str(t) for t in data[label]], obstacles=obstacles)
    return finish(fig, path, style)


def _pad_limits(ax: Any, xs: np.ndarray, ys: np.ndarray, logx: bool, logy: bool) -> None:
    """Room around the points for their names (8% a side, in the axis' own scale)."""
    for vals, log, setter in ((xs, logx, ax.set_xlim), (ys, logy, ax.set_ylim)):
        v = np.log10(vals) if log else vals
        lo, hi = float(v.min()), float(v.max())
        span = hi - lo if hi > lo else max(1.0, abs(hi))
        lo, hi = lo - 0.08 * span, hi + 0.12 * span
        setter(*((10 ** lo, 10 ** hi) if log else (lo, hi)))


def burden_scatter(
    df: pd.DataFrame,
    gdp: str = "gdp",
    burden: str = "burden",
    label: str | None = None,
    ax: Any = None,
    path: PathLike = None,
    logx: bool = True,
    title: str | None = None,
    *,
    labels: Labels = None,
    style: str = "default",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
) -> Any:
    """Burden share (defence spending / GDP) against GDP, one point per ally, with Spearman's rho.

    The exploitation hypothesis of Olson & Zeckhauser (1966) predicts a positive rank
    correlation; rho and its p-value are printed on the figure.  ``label`` names a column
    of point labels (country codes), placed without overlaps (see :func:`scatter`).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per ally.
    gdp, burden : str
        The GDP and burden columns.
    label : str, optional
        A column of point names.
    ax, path, logx, title
        Axes, file, log GDP axis (default), title.
    labels : mapping, optional
        Column -> readable axis label.
    style, width, height, dpi
        ``"default"`` or ``"paper"``; size in inches; resolution of saved files.

    Returns
    -------
    matplotlib.figure.Figure

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. Rev. Econ. Stat. 48(3).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"gdp": [10.0, 5.0, 1.0], "burden": [0.04, 0.02, 0.01]})
    >>> fig = burden_scatter(df)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['Spearman rho = 1.00 (p = 0, n = 3)']
    """
    _check_columns(df, "burden_scatter", [gdp, burden] + ([label] if label else []))
    if len(df.dropna(subset=[gdp, burden])) < 2:
        raise GameError("burden_scatter needs at least two allies with GDP and burden")
    try:
        gdp_values = df[gdp].dropna().astype(float)
    except (TypeError, ValueError):
        raise GameError(f"columns {gdp!r} and {burden!r} must be numeric") from None
    if logx and (gdp_values <= 0).any():
        raise GameError("a log GDP axis needs positive GDP values; pass logx=False")
    return scatter(df, gdp, burden, label=label, ax=ax, path=path, title=title, logx=logx, spearman=True,
                   labels=labels, style=style, width=width, height=height, dpi=dpi)
