"""Point labels that do not overlap: a deterministic greedy placement in display space.

Each label is tried at candidate positions around its point, nearest first (a spiral of
offsets in pixels), and takes the first one that overlaps no label placed before it, no
point marker and no fixed obstacle (the statistics line, a legend) and stays inside the
axes.  Crowded labels are placed first, so they get the nearest free spots; a label
moved away from its point is joined to it by a thin leader line.  The placement is
vectorized with numpy, with no random state: the same figure always gets the same labels.
(The candidate-position approach of Christensen, Marks & Shieber 1995, greedy variant.)
"""

from __future__ import annotations

import warnings
from typing import Any, Sequence

import numpy as np

__all__ = ["place_labels", "boxes_overlap"]

_PAD = 1.5  # pixels kept free around each label
_CHUNK = 256  # candidate positions tested at a time


def boxes_overlap(boxes: np.ndarray) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of boxes ``[x0, y0, x1, y1]`` (rows) whose interiors intersect."""
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    ox = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    oy = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    hit = (ox > 1e-9) & (oy > 1e-9)
    i, j = np.nonzero(np.triu(hit, 1))
    return list(zip(i.tolist(), j.tolist()))


def _offsets(step: float, rings: int) -> np.ndarray:
    """Candidate centre offsets, nearest first; among equals, counter-clockwise from straight up."""
    k = np.arange(-rings, rings + 1)
    gx, gy = np.meshgrid(k, k)
    off = np.column_stack([gx.ravel(), gy.ravel()]).astype(float) * step
    d = np.hypot(off[:, 0], off[:, 1])
    angle = np.mod(np.arctan2(off[:, 1], off[:, 0]) - np.pi / 2, 2 * np.pi)
    return off[np.lexsort((angle, d))]


def _free(cand: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Which candidate boxes (rows) overlap none of ``placed``."""
    if len(placed) == 0:
        return np.ones(len(cand), dtype=bool)
    ox = np.minimum(cand[:, None, 2], placed[None, :, 2]) - np.maximum(cand[:, None, 0], placed[None, :, 0])
    oy = np.minimum(cand[:, None, 3], placed[None, :, 3]) - np.maximum(cand[:, None, 1], placed[None, :, 1])
    return ~np.any((ox > 0) & (oy > 0), axis=1)


def _layout(anchors: np.ndarray, sizes: np.ndarray, marker: float, obstacles: np.ndarray,
            bounds: tuple[float, float, float, float]) -> tuple[np.ndarray, bool]:
    """Label centres (pixels) for the anchors; ``ok`` is False when a label found no free spot."""
    n = len(anchors)
    x0, y0, x1, y1 = bounds
    step = max(2.0, float(np.median(sizes[:, 1])) / 2)
    rings = int(np.ceil(max(x1 - x0, y1 - y0) / step / 3)) + 2
    offsets = _offsets(step, min(rings, 60))
    marks = np.column_stack([anchors - marker, anchors + marker])
    fixed = np.vstack([marks, obstacles]) if len(obstacles) else marks
    # crowded first: the number of other points within two label heights
    d = np.hypot(*(anchors[:, None, :] - anchors[None, :, :]).transpose(2, 0, 1))
    crowd = (d < 2 * float(np.max(sizes[:, 1]))).sum(axis=1)
    order = sorted(range(n), key=lambda i: (-crowd[i], i))
    centres = np.zeros((n, 2))
    placed = np.zeros((0, 4))
    ok = True
    for i in order:
        w, h = sizes[i] / 2 + _PAD
        # the default spot: centred just above the marker
        base = anchors[i] + np.array([0.0, h + 0.5 * marker])
        pick, fallback = None, None
        for start in range(0, len(offsets), _CHUNK):  # nearest candidates first; most labels stop at once
            cand_c = base + offsets[start:start + _CHUNK]
            cand = np.column_stack([cand_c[:, 0] - w, cand_c[:, 1] - h, cand_c[:, 0] + w, cand_c[:, 1] + h])
            inside = (cand[:, 0] >= x0) & (cand[:, 1] >= y0) & (cand[:, 2] <= x1) & (cand[:, 3] <= y1)
            apart = inside & _free(cand, placed)
            good = apart & _free(cand, fixed)
            if good.any():
                pick = cand[int(np.argmax(good))]
                break
            if fallback is None and apart.any():  # may cover a marker, never another label
                fallback = cand[int(np.argmax(apart))]
        if pick is None:
            pick = fallback
        if pick is None:
            ok = False
            pick = np.concatenate([base - (w, h), base + (w, h)])
        centres[i] = (pick[:2] + pick[2:]) / 2
        placed = np.vstack([placed, pick])
    return centres, ok


def place_labels(ax: Any, xs: Sequence[float], ys: Sequence[float], texts: Sequence[str],
                 obstacles: Sequence[Any] = (), fontsize: Any = "x-small", marker_points: float = 3.5) -> list:
    """Annotate the points ``(xs[i], ys[i])`` of ``ax`` with ``texts[i]``, no two labels overlapping.

    ``obstacles`` are artists (texts, legends) the labels keep clear of.  Needs the
    final axes limits and scales (set them first).  When the axes are too small for all
    labels the font shrinks (down to 5 points) before a warning says labels may overlap.
    Returns the annotation artists.
    """
    from matplotlib.font_manager import FontProperties

    fig = ax.figure
    size_pt = FontProperties(size=fontsize).get_size_in_points()
    anns = [ax.annotate(str(t), (x, y), xytext=(0, 0), textcoords="offset points", ha="center", va="center",
                        fontsize=size_pt, annotation_clip=False) for x, y, t in zip(xs, ys, texts)]
    for a in anns:
        a.set_in_layout(False)  # the layout is settled without them, so placing them cannot move the axes
    if not anns:
        return anns
    while True:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        scale = fig.dpi / 72.0
        anchors = ax.transData.transform(np.column_stack([np.asarray(xs, float), np.asarray(ys, float)]))
        sizes = np.array([[b.width, b.height] for b in (a.get_window_extent(renderer) for a in anns)])
        obs = np.array([list(o.get_window_extent(renderer).extents) for o in obstacles]).reshape(-1, 4)
        bounds = tuple(ax.get_window_extent(renderer).extents)
        centres, ok = _layout(anchors, sizes, marker_points * scale, obs, bounds)
        if ok or size_pt <= 5:
            break
        size_pt = max(5.0, size_pt * 0.85)
        for a in anns:
            a.set_fontsize(size_pt)
    if not ok:
        warnings.warn("the axes are too small for every point label; some labels may overlap (enlarge the figure)",
                      UserWarning, stacklevel=3)
    inverse = ax.transData.inverted()
    final = []
    for a, (x, y, t), anchor, c, sz in zip(anns, zip(xs, ys, texts), anchors, centres, sizes):
        a.remove()
        cx, cy = inverse.transform(c)
        # a white ground hides leader lines that pass behind other names
        text = ax.text(cx, cy, str(t), ha="center", va="center", fontsize=size_pt, zorder=4,
                       bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        text.set_in_layout(False)
        final.append(text)
        if np.hypot(*(c - anchor)) > 0.5 * float(np.hypot(*sz)) + 3 * marker_points * scale:
            # a leader line from the point to the nearest edge of the label's box
            half = sz / 2 + _PAD
            d = anchor - c
            t_edge = 1.0 / max(abs(d[0]) / half[0], abs(d[1]) / half[1], 1e-12)
            end = inverse.transform(c + d * min(1.0, t_edge))
            (line,) = ax.plot([x, end[0]], [y, end[1]], color="0.4", lw=0.4, zorder=2)
            line.set_gid("label-leader")
    return final
