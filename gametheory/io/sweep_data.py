"""Sweep results as xarray datasets and as JSON that reads back to the same DataFrame.

A sweep (:func:`gametheory.sweep`) returns a DataFrame with one row per grid point (per
equilibrium where a point has several) and records its grid parameters in
``df.attrs["grid"]``.  :func:`sweep_to_xarray` turns the grid into dimensions;
:func:`sweep_to_json` and :func:`read_sweep_json` write and read the frame losslessly:
exact Fractions as ``{"q": "a/b"}``, floats at full precision (non-finite ones tagged),
column dtypes and the grid names kept, so ``read_sweep_json(sweep_to_json(df))`` equals
``df`` value for value and type for type.
"""

from __future__ import annotations

import math
import os
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..errors import GameError, ParseError
from ..numbers import json_dumps, json_loads, parse_number, rational_text
from ._atomic import write_atomic
from ._textfile import read_text

__all__ = ["sweep_to_xarray", "sweep_to_json", "read_sweep_json", "FORMAT"]

#: The ``format`` field of a sweep JSON document.
FORMAT = "gametheory-sweep"
_VERSION = 1
_KEPT_DTYPES = ("int64", "float64", "bool", "str", "string")


def _grid_dims(df: pd.DataFrame, dims: Sequence[str] | None) -> list[str]:
    if dims is None:
        grid = df.attrs.get("grid")
        if grid is None:
            raise GameError(
                "the frame does not say which columns are the grid (df.attrs['grid'], set by gametheory.sweep); "
                "pass dims=[...]"
            )
        dims = list(grid) + (["equilibrium"] if "equilibrium" in df.columns else [])
    dims = [str(d) for d in dims] if not isinstance(dims, str) else [dims]
    missing = [d for d in dims if d not in df.columns]
    if missing:
        raise GameError(f"dims {missing} are not columns of the frame; its columns are {list(df.columns)}")
    return dims


def sweep_to_xarray(df: pd.DataFrame, dims: Sequence[str] | None = None, exact: bool = True) -> Any:
    """A sweep result as an ``xarray.Dataset`` with the grid parameters as dimensions.

    Parameters
    ----------
    df : pandas.DataFrame
        A sweep result (or any frame whose ``dims`` columns identify its rows).
    dims : sequence of str, optional
        The dimension columns; default the sweep's grid (``df.attrs["grid"]``) plus
        ``equilibrium`` where present.
    exact : bool
        ``True`` keeps exact Fractions (object arrays); ``False`` converts every numeric
        column to float64 (for xarray's arithmetic and plotting).

    Returns
    -------
    xarray.Dataset
        One variable per other column; points a sweep did not produce (fewer equilibria
        at one point than at another) are NaN.

    Raises
    ------
    GameError
        xarray is not installed (``pip install xarray``), ``dims`` are not columns, or two
        rows share the same ``dims`` values.

    References
    ----------
    Hoyer, S. & Hamman, J. (2017). xarray: N-D labeled arrays and datasets in Python.
    Journal of Open Research Software 5(1), 10.

    Examples
    --------
    >>> import gametheory as gt
    >>> df = gt.sweep(lambda x, y: {"total": x + y}, {"x": [1, 2], "y": [10, 20, 30]})
    >>> ds = gt.sweep_to_xarray(df)
    >>> dict(ds.sizes), ds["total"].sel(x=2, y=30).item()
    ({'x': 2, 'y': 3}, 32)
    """
    try:
        import xarray  # noqa: F401  (an optional extra: imported only here)
    except ImportError:
        raise GameError("sweep_to_xarray needs xarray: pip install xarray (or deterrence-games[xarray])") from None
    if not isinstance(df, pd.DataFrame):
        raise GameError(f"sweep_to_xarray needs a DataFrame; got {type(df).__name__}")
    dims = _grid_dims(df, dims)
    dup = df.duplicated(subset=dims)
    if dup.any():
        row = df.loc[dup.idxmax(), dims].to_dict()
        raise GameError(f"two rows share the dims {dims} (e.g. {row}); add a dimension such as 'equilibrium'")
    frame = df
    if not exact:
        frame = df.copy()
        for c in frame.columns:
            if c not in dims and frame[c].dtype == object:
                vals = [v for v in frame[c] if v is not None and not (isinstance(v, float) and math.isnan(v))]
                if vals and all(isinstance(v, (int, float, Fraction, np.integer, np.floating)) and not isinstance(v, bool) for v in vals):
                    frame[c] = [np.nan if v is None else float(v) for v in frame[c]]
    ds = frame.set_index(dims).to_xarray()
    ds.attrs["grid"] = list(df.attrs.get("grid", dims))
    return ds


# ---------------------------------------------------------------------- JSON
def _encode(x: Any, col: str) -> Any:
    if x is None or x is pd.NA:
        return None
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, Fraction):
        return {"q": rational_text(x)}
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return x if math.isfinite(x) else {"float": repr(x)}
    if isinstance(x, str):
        return x
    if isinstance(x, tuple):
        return {"tuple": [_encode(v, col) for v in x]}
    if isinstance(x, list):
        return [_encode(v, col) for v in x]
    raise GameError(f"sweep_to_json: column {col!r} holds a {type(x).__name__} ({x!r:.60}), which JSON cannot keep")


def _decode(x: Any, line: str) -> Any:
    if isinstance(x, dict):
        if set(x) == {"q"} and isinstance(x["q"], str):
            return parse_number(x["q"], f"the fraction in {line}", max_digits=100_000, bounded=False)
        if set(x) == {"float"} and x["float"] in ("inf", "-inf", "nan"):
            return float(x["float"])
        if set(x) == {"tuple"} and isinstance(x["tuple"], list):
            return tuple(_decode(v, line) for v in x["tuple"])
        raise ParseError(f"{line}: unknown cell {x!r:.80}")
    if isinstance(x, list):
        return [_decode(v, line) for v in x]
    return x


def sweep_to_json(df: pd.DataFrame, path: str | os.PathLike | None = None) -> str:
    """A sweep result as JSON text that :func:`read_sweep_json` reads back to an equal frame.

    Parameters
    ----------
    df : pandas.DataFrame
        The frame (a sweep result or any frame of numbers, text, booleans and tuples).
    path : str or os.PathLike, optional
        Also write the text there, atomically.

    Returns
    -------
    str
        ``{"format": "gametheory-sweep", "version": 1, "grid": [...], "columns": [...],
        "dtypes": [...], "rows": [[...], ...]}``; a Fraction is ``{"q": "a/b"}``, a float
        a JSON number at full precision (``{"float": "inf"}`` when not finite), a missing
        value ``null``.

    Raises
    ------
    GameError
        A cell that JSON cannot keep (an arbitrary object), or a file that cannot be written.

    References
    ----------
    Bray, T. (2017). The JavaScript Object Notation (JSON) Data Interchange Format, RFC 8259.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> df = gt.sweep(lambda a: {"p": Fraction(1, a), "x": 1 / a}, {"a": [2, 3]})
    >>> back = gt.read_sweep_json(gt.sweep_to_json(df))
    >>> back["p"].tolist(), back.equals(df), back.attrs["grid"]
    ([Fraction(1, 2), Fraction(1, 3)], True, ['a'])
    """
    if not isinstance(df, pd.DataFrame):
        raise GameError(f"sweep_to_json needs a DataFrame; got {type(df).__name__}")
    cols = [str(c) for c in df.columns]
    if len(set(cols)) != len(cols):
        raise GameError(f"sweep_to_json: the column names repeat ({cols})")
    dtypes = [str(t) if str(t) in _KEPT_DTYPES else "object" for t in df.dtypes]
    rows = []
    for rec in df.itertuples(index=False, name=None):
        row = []
        for c, t, v in zip(cols, dtypes, rec):
            row.append(None if t == "float64" and isinstance(v, float) and math.isnan(v) else _encode(v, c))
        rows.append(row)
    doc = {"format": FORMAT, "version": _VERSION, "grid": [str(g) for g in df.attrs.get("grid", [])],
           "columns": cols, "dtypes": dtypes, "rows": rows}
    text = json_dumps(doc, allow_nan=False) + "\n"
    if path is not None:
        write_atomic(path, text)
    return text


def read_sweep_json(path_or_text: str | os.PathLike) -> pd.DataFrame:
    """Read what :func:`sweep_to_json` wrote: the same columns, dtypes, values and grid.

    Parameters
    ----------
    path_or_text : str or os.PathLike
        A file, or the JSON text itself (a string starting with ``{``).

    Returns
    -------
    pandas.DataFrame
        With ``attrs["grid"]`` restored.

    Raises
    ------
    ParseError
        Not JSON, not a sweep document, or a malformed cell.

    References
    ----------
    Bray, T. (2017). The JavaScript Object Notation (JSON) Data Interchange Format, RFC 8259.

    Examples
    --------
    >>> import gametheory as gt
    >>> df = gt.sweep(lambda x: {"y": x * x}, {"x": [1, 2]})
    >>> _ = gt.sweep_to_json(df, "sweep.json")
    >>> gt.read_sweep_json("sweep.json").to_dict("list")
    {'x': [1, 2], 'y': [1, 4]}
    """
    text = str(path_or_text)
    if isinstance(path_or_text, os.PathLike) or not text.lstrip().startswith("{"):
        text = read_text(path_or_text)
    try:
        doc = json_loads(text)
    except ValueError as exc:
        raise ParseError(f"not JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ParseError(f"not a gametheory sweep document (its 'format' field is not {FORMAT!r})")
    if doc.get("version") != _VERSION:
        raise ParseError(f"sweep document version {doc.get('version')!r}; this library reads version {_VERSION}")
    cols, dtypes, rows = doc.get("columns"), doc.get("dtypes"), doc.get("rows")
    if not (isinstance(cols, list) and isinstance(dtypes, list) and isinstance(rows, list) and len(cols) == len(dtypes)):
        raise ParseError("a sweep document needs 'columns', 'dtypes' (as many) and 'rows' lists")
    data: dict[str, list] = {c: [] for c in cols}
    for k, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(cols):
            raise ParseError(f"row {k} has {len(row) if isinstance(row, list) else 'no'} cells for {len(cols)} columns")
        for c, v in zip(cols, row):
            data[c].append(_decode(v, f"row {k}, column {c!r}"))
    series = {}
    for c, t in zip(cols, dtypes):
        vals = data[c]
        if t == "float64":
            series[c] = pd.Series([np.nan if v is None else v for v in vals], dtype="float64")
        elif t in _KEPT_DTYPES:
            series[c] = pd.Series(vals, dtype=t)
        else:
            s = pd.Series(vals, dtype=object)
            series[c] = s
    df = pd.DataFrame(series, columns=cols)
    df.attrs["grid"] = list(doc.get("grid") or [])
    return df
