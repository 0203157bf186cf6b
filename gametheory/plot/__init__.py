"""Figures for papers: region maps of equilibrium regimes, labelled scatters, reaction curves, game trees.

Every function draws on a :class:`matplotlib.figure.Figure` on the Agg canvas (no
pyplot state, no GUI backend: safe in scripts, servers and notebooks), returns it, and
with ``path=`` also saves it atomically as PNG, PDF or SVG (the format follows the
extension).  Every function takes ``style`` (``"default"``, or ``"paper"``: serif fonts,
thin lines, the colour-blind-safe Okabe-Ito palette, 300 dpi), ``width`` and ``height``
(inches) and ``dpi``.

The engine stays model-agnostic: charts take DataFrames (a sweep, a data set) and a
``labels`` mapping column -> readable text; :func:`labels_of` builds it from any object
with parameter and column descriptions, such as a registered model.

- :func:`region_map`: regimes (the set of equilibrium outcomes at each grid point) over two parameters
- :func:`scatter`, :func:`burden_scatter`: one point per row, names placed without overlaps
- :func:`reaction_curves`, :func:`intersections`: best-response curves of two-player continuous games
- :func:`plot_tree`: an extensive-form game with its equilibrium path
- :func:`new_figure`, :func:`save_figure`, :data:`STYLES`, :data:`OKABE_ITO`

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/

Examples
--------
>>> import pandas as pd
>>> from gametheory import plot
>>> df = pd.DataFrame({"a": [0, 1, 0, 1], "b": [0, 0, 1, 1], "outcome": ["war", "peace", "peace", "peace"]})
>>> fig = plot.region_map(df, "a", "b", "outcome", style="paper", width=3.5, height=2.5)
>>> fig.get_size_inches().tolist(), fig.dpi
([3.5, 2.5], 300)
"""

from __future__ import annotations

from ._charts import burden_scatter, intersections, reaction_curves, region_map, scatter
from ._labels import labels_of
from ._style import OKABE_ITO, STYLES, new_figure, save_figure
from ._tree import plot_tree

__all__ = [
    "region_map",
    "scatter",
    "burden_scatter",
    "reaction_curves",
    "intersections",
    "plot_tree",
    "labels_of",
    "new_figure",
    "save_figure",
    "STYLES",
    "OKABE_ITO",
]
