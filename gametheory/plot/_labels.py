"""Readable axis labels, legend titles and titles from a model's own descriptions.

The engine does not know the models; it reads any object with ``parameters`` (name ->
spec with a ``description``), ``columns`` (output column -> description) and optionally
``row_columns`` (the columns of its per-row table), as the registry's models
have, and turns the descriptions into labels.  A column with no description keeps its
name with the underscores written as spaces.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Mapping

__all__ = ["labels_of", "label_for", "wrap", "fit", "category_text"]

# a trailing range condition, not a unit: "(> 0)", "(< p_intervene)", ", in [0, 1)", "; b + c must be > 0"
_CONDITION = re.compile(
    r"(\s*\((?:[<>]=?|!=|in )[^()]*\)|,\s*in\s*[\[(][^\])]*[\])]|;\s*[^;]*\bmust\b[^;]*)\s*$"
)


def _clean(text: str) -> str:
    text = " ".join(str(text).split())
    prev = None
    while prev != text:
        prev, text = text, _CONDITION.sub("", text).rstrip(" ,;")
    words = text.split(" ")
    first = words[0]
    symbol = len(first) == 1 and len(words) > 1 and not words[1][:1].isalpha()  # "c / (b + c)"
    if symbol or not first.replace("'", "").replace("-", "").isalpha():
        return text  # it starts with a symbol or a formula ("nash_total / n", "c / (b + c)"): keep its case
    return text[:1].upper() + text[1:]


def labels_of(model: Any) -> dict[str, str]:
    """Column name -> readable label, from a model's parameter and column descriptions.

    Parameters
    ----------
    model : object
        Anything with ``parameters`` (name -> spec with ``description``) and/or
        ``columns`` (name -> description), such as a registered model of
        :mod:`models.registry`; ``row_columns`` (or ``extra["row_columns"]``) adds the
        columns of its table rows.

    Returns
    -------
    dict
        Name -> label: the description with its first letter capitalized and a trailing
        range condition (``(> 0)``, ``, in [0, 1)``) left out; units stay.

    References
    ----------
    Labelling from a data dictionary, as in Wickham (2016), ggplot2, ch. 8.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> m = NS(parameters={"cost": NS(description="challenger's cost of war (> 0)")},
    ...        columns={"outcome": "the equilibrium outcome"})
    >>> labels_of(m)
    {'cost': "Challenger's cost of war", 'outcome': 'The equilibrium outcome'}
    """
    out: dict[str, str] = {}
    for name, spec in (getattr(model, "parameters", None) or {}).items():
        desc = getattr(spec, "description", "")
        if desc:
            out[str(name)] = _clean(desc)
    sources = [getattr(model, "columns", None) or {}, getattr(model, "row_columns", None) or {},
               (getattr(model, "extra", None) or {}).get("row_columns", {})]
    for mapping in sources:
        for name, desc in mapping.items():
            if desc and str(name) not in out:
                out[str(name)] = _clean(desc)
    return out


def label_for(name: str, labels: Mapping[str, str] | None) -> str:
    """The label of column ``name``: ``labels[name]``, else the name with spaces for underscores."""
    if labels and name in labels and str(labels[name]).strip():
        return str(labels[name])
    return str(name).replace("_", " ")


def wrap(text: str | None, width: int) -> str | None:
    """``text`` broken into lines of at most ``width`` characters (None stays None)."""
    if text is None:
        return None
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def category_text(value: Any) -> str:
    """A category value as a legend entry: identifiers such as ``status_quo`` read ``status quo``."""
    return str(value).replace("_", " ")


def fit(text: str | None, inches: float, role: str = "axes.labelsize") -> str | None:
    """``text`` wrapped to lines that fit ``inches`` at the current font size of ``role``.

    A serif or sans character is about 0.55 em wide on average; the font size is read
    from matplotlib's current settings (the style's, inside a drawing).
    """
    if text is None:
        return None
    import matplotlib
    from matplotlib.font_manager import FontProperties

    size = FontProperties(size=matplotlib.rcParams[role]).get_size_in_points()
    return wrap(text, max(12, int(inches * 72 / (0.55 * size))))
