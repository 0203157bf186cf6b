"""Figure styles, sizes and saving: the one place where a figure is made and written.

Two styles: ``"default"`` (matplotlib's look) and ``"paper"`` (serif fonts, thin lines,
the colour-blind-safe Okabe-Ito palette, 300 dpi files).  Every drawing function of
:mod:`gametheory.plot` takes ``style``, ``width``/``height`` (inches) and ``dpi``.
"""

from __future__ import annotations

import io
import math
import os
from contextlib import contextmanager
from typing import Any, Iterator

from ..errors import GameError
from ..io import check_output_path, write_atomic

__all__ = ["STYLES", "OKABE_ITO", "palette", "new_figure", "save_figure", "drawing", "finish", "check_dpi"]

_EXTS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}

#: Okabe & Ito (2008) colour-universal-design palette (black last: it is the ink colour)
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")

_PAPER = {
    "font.family": "serif",
    "font.serif": ["DejaVu Serif", "Times New Roman", "Times", "Nimbus Roman", "serif"],
    "mathtext.fontset": "dejavuserif",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.0,
    "lines.markersize": 4,
    "patch.linewidth": 0.5,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.direction": "out",
    "ytick.direction": "out",
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # text stays text: TrueType in PDF (journals refuse Type 3 fonts), editable in SVG
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}

#: style name -> (matplotlib rc settings, default dpi of saved files)
STYLES: dict[str, tuple[dict[str, Any], int]] = {"default": ({}, 150), "paper": (_PAPER, 300)}

_MAX_PIXELS = 30_000  # per side: Agg refuses images above 2**16 pixels; stay well below


def palette(k: int, style: str = "default") -> list:
    """``k`` distinguishable colours: Okabe-Ito in the paper style, tab10/tab20 otherwise."""
    from matplotlib import colormaps

    if style == "paper" and k <= len(OKABE_ITO):
        return list(OKABE_ITO[:k])
    base = colormaps["tab10"].colors if k <= 10 else colormaps["tab20"].colors
    if k > len(base):
        cmap = colormaps["viridis"]
        return [cmap(i / max(1, k - 1)) for i in range(k)]
    return list(base[:k])


def _check_style(style: Any) -> str:
    if style not in STYLES:
        raise GameError(f"style must be one of {', '.join(map(repr, STYLES))}; got {style!r}")
    return style


def check_dpi(dpi: Any, style: str = "default") -> int:
    """``dpi`` as a positive int (``None``: the style's default)."""
    if dpi is None:
        return STYLES[_check_style(style)][1]
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not math.isfinite(dpi) or not 10 <= dpi <= 2400:
        raise GameError(f"dpi must be a number from 10 to 2400; got {dpi!r}")
    return int(dpi)


def _check_size(width: Any, height: Any, default: tuple[float, float]) -> tuple[float, float]:
    out = []
    for name, v, d in (("width", width, default[0]), ("height", height, default[1])):
        if v is None:
            out.append(float(d))
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0.5 <= v <= 100:
            raise GameError(f"{name} must be a number of inches from 0.5 to 100; got {v!r}")
        out.append(float(v))
    return out[0], out[1]


def new_figure(figsize: tuple[float, float] = (5.5, 4.5), dpi: int = 100) -> tuple[Any, Any]:
    """A Figure on the Agg canvas (no pyplot state, no GUI) and its axes.

    Parameters
    ----------
    figsize : (float, float)
        Width and height in inches.
    dpi : int
        Resolution of the canvas.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        A figure with constrained layout and its one axes.

    References
    ----------
    Hunter, J. D. (2007). Matplotlib: a 2D graphics environment. Comput. Sci. Eng. 9(3).

    Examples
    --------
    >>> fig, ax = new_figure((4, 3))
    >>> fig.get_size_inches().tolist(), type(fig.canvas).__name__
    ([4.0, 3.0], 'FigureCanvasAgg')
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


@contextmanager
def drawing(ax: Any, style: str, width: Any, height: Any, dpi: Any, default: tuple[float, float]) -> Iterator[tuple[Any, Any]]:
    """A figure and axes made, and drawn on, under ``style``'s settings (new unless ``ax`` is given).

    Fonts and line widths are read when an artist is created, so the whole drawing
    happens inside the style's ``rc_context``.
    """
    import matplotlib

    rc, _ = STYLES[_check_style(style)]
    size = _check_size(width, height, default)
    resolution = check_dpi(dpi, style)
    if size[0] * resolution > _MAX_PIXELS or size[1] * resolution > _MAX_PIXELS:
        raise GameError(f"a {size[0]:g} x {size[1]:g} inch figure at {resolution} dpi is too large "
                        f"(at most {_MAX_PIXELS} pixels a side)")
    with matplotlib.rc_context(rc):
        if ax is None:
            fig, ax = new_figure(size, resolution)
        else:
            fig = ax.figure
        yield fig, ax


def save_figure(fig: Any, path: str | os.PathLike, dpi: int | None = None) -> None:
    """Save a figure atomically (see :func:`gametheory.io.write_atomic`) as PNG, PDF or SVG.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or path-like
        ``.png``, ``.pdf`` or ``.svg``; checked before the figure is rendered.
    dpi : int, optional
        Resolution (default: the figure's own, which the ``style`` sets).

    Raises
    ------
    GameError
        Another extension, or a path that cannot be written (naming it).

    References
    ----------
    Hunter, J. D. (2007). Matplotlib: a 2D graphics environment. Comput. Sci. Eng. 9(3).

    Examples
    --------
    >>> fig, ax = new_figure((2, 2))
    >>> save_figure(fig, "empty.png", dpi=50)
    >>> open("empty.png", "rb").read(4)
    b'\\x89PNG'
    """
    path = check_output_path(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in _EXTS:
        raise GameError(f"figures are saved as .png, .pdf or .svg; got {path!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format=_EXTS[ext], dpi=check_dpi(dpi) if dpi is not None else fig.dpi)
    write_atomic(path, buf.getvalue())


def finish(fig: Any, path: str | os.PathLike | None, style: str = "default") -> Any:
    """Save ``fig`` to ``path`` when one is given (under the style's settings); return it."""
    if path is not None:
        import matplotlib

        with matplotlib.rc_context(STYLES[style][0]):
            save_figure(fig, path)
    return fig
