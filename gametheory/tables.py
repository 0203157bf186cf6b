"""Result tables: Markdown, LaTeX (booktabs), CSV and JSON from sweep rows.

``to_table(df, format=...)`` renders a DataFrame (or a list of row dicts, or a list
of :class:`~gametheory.equilibrium.Equilibrium`) for a paper or a notebook:

* exact values stay exact: Fractions print as ``a/b`` (LaTeX ``\\frac{a}{b}``), and
  CSV/JSON keep them as ``"a/b"`` strings that :func:`read_csv` parses back;
* floats print rounded to ``digits`` significant digits: by default 6 in Markdown
  and LaTeX (:data:`DISPLAY_DIGITS`) and 12 in CSV and JSON
  (:data:`DATA_DIGITS`), written there as the shortest text that reads back as
  the rounded value (``repr``), so float-arithmetic noise such as
  ``1.2000000000000002`` prints as ``1.2`` and any float of at most 12
  significant digits round-trips exactly; pass ``digits=17`` for an exact
  round trip of every float;
* a table with columns but no rows is a header-only table in every format (an
  empty JSON list); data with no columns at all raises :class:`GameError`;
* missing values (None, NaN) print as ``n/a`` in Markdown and LaTeX, as an empty
  field in CSV and ``null`` in JSON -- never a silent ``nan``;
* several equilibria at one point are several rows with an ``equilibrium`` index;
* exact numbers of any size print in full (beyond Python's 4,300-digit ``str``
  limit, without changing it); JSON writes such integers as exact numbers, which
  Python reads back with ``json.loads(text, parse_int=lambda s: int(decimal.Decimal(s)))``;
* text cannot break a table: Markdown cells escape ``\\`` and ``|`` and show line
  breaks as ``<br>``; LaTeX escapes its special characters and turns line breaks
  into spaces; CSV quotes per RFC 4180 and prefixes ``'`` to text that a
  spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return; OWASP "CSV injection") or that starts with ``'``.
  :func:`read_csv` removes that one ``'`` again; numbers are never prefixed, so
  ``-1`` stays a number for every reader.

LaTeX tables use booktabs rules (Fear 2005, the booktabs package) and are ready to
``\\input``; :func:`gametheory.io.latex.game_to_latex` typesets a game itself.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import os
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ._latex import latex_escape
from .io import read_text, write_atomic
from .numbers import int_text, is_number_text, json_dumps, non_finite_float, parse_number, rational_text
from .errors import GameError, ParseError

__all__ = [
    "to_table",
    "Table",
    "read_csv",
    "csv_converters",
    "parse_value",
    "format_value",
    "equilibria_frame",
    "FORMATS",
    "DISPLAY_DIGITS",
    "DATA_DIGITS",
]

FORMATS = ("markdown", "latex", "csv", "json")
MISSING = "n/a"
#: significant digits of floats in Markdown and LaTeX when ``digits`` is not given
DISPLAY_DIGITS = 6
#: significant digits of floats in CSV and JSON when ``digits`` is not given
DATA_DIGITS = 12


def _default_digits(style: str, digits: int | None) -> int:
    if digits is not None:
        return digits
    return DATA_DIGITS if style in ("csv", "json") else DISPLAY_DIGITS


def _round_float(x: float, digits: int) -> float:
    """``x`` rounded to ``digits`` significant digits (an exact float stays itself at 17)."""
    return float(f"{x:.{digits}g}")


class Table(str):
    """The rendered table: a ``str`` that also displays itself in Jupyter.

    Markdown and LaTeX tables display as an HTML table of the same cells in a notebook
    (front ends cannot typeset booktabs); ``print(table)`` shows the text itself, and a
    LaTeX export (nbconvert) still gets the booktabs source through ``_repr_latex_``.
    """

    format: str = "markdown"
    _cells: tuple | None = None

    def __new__(cls, text: str, format: str = "markdown", cells: tuple | None = None) -> "Table":
        obj = super().__new__(cls, text)
        obj.format = format
        obj._cells = cells  # (header, rows) as display text, for the notebook's HTML
        return obj

    def _repr_html_(self) -> str | None:
        if self._cells is None or self.format not in ("markdown", "latex"):
            return None
        import html

        head, rows = self._cells
        th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"

    def _repr_markdown_(self) -> str | None:
        return str(self) if self.format == "markdown" else None

    def _repr_latex_(self) -> str | None:
        return str(self) if self.format == "latex" else None

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(str(self))


# ---------------------------------------------------------------------- values
def _is_missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    if isinstance(x, (float, np.floating)):
        return math.isnan(x)
    return False


def format_value(x: Any, style: str = "markdown", digits: int | None = None) -> str:
    """One cell as text: Fractions exact, floats to ``digits`` significant digits.

    ``style`` is ``"markdown"``, ``"latex"`` or ``"csv"``.  ``digits`` defaults to
    :data:`DISPLAY_DIGITS` (6) for Markdown and LaTeX and :data:`DATA_DIGITS` (12)
    for CSV, where the rounded float is written as its shortest ``repr``.
    """
    digits = _default_digits(style, digits)
    if _is_missing(x):
        return "" if style == "csv" else (r"\textit{n/a}" if style == "latex" else MISSING)
    if isinstance(x, (bool, np.bool_)):
        if style == "csv":
            return "true" if x else "false"
        return "yes" if x else "no"
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return int_text(x.numerator)
        if style == "latex":
            sign = "-" if x < 0 else ""
            return f"${sign}\\frac{{{int_text(abs(x.numerator))}}}{{{int_text(x.denominator)}}}$"
        return rational_text(x)
    if isinstance(x, (int, np.integer)):
        return int_text(int(x))
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isinf(x):
            return ("inf" if x > 0 else "-inf") if style != "latex" else ("$\\infty$" if x > 0 else "$-\\infty$")
        if style == "csv":
            return repr(_round_float(x, digits))
        s = f"{x:.{digits}g}"
        if style == "latex" and "e" in s:
            mant, exp = s.split("e")
            return f"${mant} \\times 10^{{{int(exp)}}}$"
        return s
    if isinstance(x, numbers.Rational):
        return format_value(Fraction(int(x.numerator), int(x.denominator)), style, digits)
    if isinstance(x, Mapping):
        key = (lambda k: "\\text{" + latex_escape(str(k)) + "}") if style == "latex" else str
        inner = ", ".join(f"{key(k)}: {_inner(v, style, digits)}" for k, v in x.items())
        return _wrap(inner, "{", "}", style)
    if isinstance(x, (list, tuple, np.ndarray)) and not isinstance(x, (str, bytes)):
        items = list(x)
        inner = ", ".join(_inner(v, style, digits) for v in items)
        return _wrap(inner, "(", ")", style)
    if _is_result(x):  # an equilibrium in a cell: its strategies
        return format_value(_strategies_value(x.strategies), style, digits)
    if type(x).__module__.startswith("sympy"):  # a symbolic value or condition (gametheory.symbolic)
        if getattr(x, "is_Rational", False):  # sympy prints its big integers through str(int)
            return format_value(Fraction(int(x.p), int(x.q)), style, digits)
        if style == "latex":
            import sympy

            return "$" + sympy.latex(x) + "$"
        text = str(x)
        return _csv_text(text) if style == "csv" and not getattr(x, "is_Number", False) else text
    text = str(x)
    if style == "latex":
        return latex_escape(text)
    return _csv_text(text) if style == "csv" else text


def _strategies_value(strategies: Any) -> Any:
    """A result's strategies as plain tuples and dicts (numpy rows become tuples)."""
    if isinstance(strategies, Mapping):
        return {k: _strategies_value(v) for k, v in strategies.items()}
    if isinstance(strategies, (list, tuple, np.ndarray)):
        return tuple(_strategies_value(v) for v in strategies)
    return strategies


def _inner(v: Any, style: str, digits: int) -> str:
    # inside a tuple the LaTeX math of a fraction is merged into one math group below
    if style == "latex":
        s = format_value(v, "latex", digits)
        return s[1:-1] if s.startswith("$") and s.endswith("$") else _escape_math_text(s)
    return format_value(v, style, digits)


def _wrap(inner: str, left: str, right: str, style: str) -> str:
    if style == "latex":
        lb, rb = ("\\{", "\\}") if left == "{" else (left, right)
        return f"${lb}{inner}{rb}$"
    return f"{left}{inner}{right}"


def _escape_math_text(s: str) -> str:
    if re.fullmatch(r"-?[0-9.]+", s):
        return s
    return "\\text{" + s + "}"


def _markdown_text(s: str) -> str:
    """A Markdown table cell: ``\\`` and ``|`` escaped, line breaks as ``<br>`` (a newline ends the row)."""
    s = s.replace("\\", "\\\\").replace("|", "\\|")
    return s.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# injection"); the fullwidth forms are read as formulas by some locales' Excel.
_FORMULA_START = tuple("=+-@\t\r") + ("\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_text(s: str) -> str:
    """A text cell for CSV: one ``'`` prefixed where a spreadsheet would run it as a formula.

    Text that starts with ``'`` gets one too, so :func:`parse_value` can drop exactly
    one leading ``'`` and every string reads back as written.  Numbers are never
    prefixed: they are formatted before this point.
    """
    return "'" + s if s.startswith(_FORMULA_START) or s.startswith("'") else s


def _unprotect(s: str) -> str:
    """Inverse of :func:`_csv_text`."""
    return s[1:] if s.startswith("'") else s


# a table this library wrote holds exact results, which may be longer than any input
_READ_BACK_DIGITS = 100_000


def parse_value(s: Any, line: int | None = None) -> Any:
    """Inverse of the CSV cell format: ``"1/3"`` -> Fraction, ``"2"`` -> int, floats, booleans.

    Numbers go through :func:`gametheory.numbers.parse_number`.  Exact cells (integers and
    fractions) of any length up to 100,000 digits read back exactly, since exact results
    can be longer than any input; a decimal (float) cell beyond 1.8e308 or a longer number
    is a :class:`ParseError` naming ``line``; text that is not a number (``"1st"``, ``"²"``,
    ``"1/0"``) stays a string.
    """
    if not isinstance(s, str):
        return s
    if s.startswith("'"):  # text that to_table protected from spreadsheet formulas (see _csv_text)
        return _unprotect(s)
    t = s.strip()
    if t == "":
        return None
    if is_number_text(t):
        try:
            x = parse_number(t, "the cell", line, max_digits=_READ_BACK_DIGITS, bounded=False)
        except ParseError:
            if "/" in t and t.partition("/")[2].strip("0") == "":  # "1/0": text, as before
                return s
            raise
        if "/" in t:
            return x
        if x.denominator == 1 and t.lstrip("+-").isdigit():
            return x.numerator
        try:
            return float(x)
        except OverflowError:
            raise ParseError(f"the cell {t[:40]!r} is beyond the float range (+-1.8e308)", line) from None
    nonfinite = non_finite_float(t)
    if nonfinite is not None:
        return nonfinite
    if t in ("true", "false"):
        return t == "true"
    if len(t) >= 2 and t[0] == "(" and t[-1] == ")":
        parts = [p for p in t[1:-1].split(",")] if t[1:-1].strip() else []
        vals = [parse_value(p, line) for p in parts]
        if all(isinstance(v, (int, Fraction, float)) and not isinstance(v, bool) for v in vals):
            return tuple(vals)
        return s
    return s


def read_csv(path_or_text: str | os.PathLike) -> pd.DataFrame:
    """Read a CSV written by :func:`to_table` back, with Fractions restored (``gt.read_table_csv``).

    Parameters
    ----------
    path_or_text : str or os.PathLike
        A path, or the CSV text itself (anything containing a newline).

    Returns
    -------
    pandas.DataFrame
        ``"1/3"`` cells as Fractions, integers as ints (an int64 column where all fit),
        decimals as floats, ``true``/``false`` as booleans, empty cells as missing, text
        as written (the ``'`` that protected it from spreadsheet formulas removed).

    Raises
    ------
    ParseError
        A row with the wrong number of fields, or an empty file.

    References
    ----------
    Shafranovich, Y. (2005). Common Format and MIME Type for Comma-Separated Values (CSV)
    Files, RFC 4180.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> _ = gt.to_table([{"a": 2, "p": Fraction(1, 3)}], format="csv", path="t.csv")
    >>> gt.read_table_csv("t.csv")["p"].tolist()
    [Fraction(1, 3)]
    """
    text = str(path_or_text)
    if isinstance(path_or_text, os.PathLike) or "\n" not in text:
        text = read_text(path_or_text)  # regular files only, with a size cap
    reader = csv.reader(io.StringIO(text))
    try:
        header = [_unprotect(h) for h in next(reader)]
    except StopIteration:
        raise ParseError("the CSV is empty", 1) from None
    rows = []
    for k, rec in enumerate(reader, start=2):
        if len(rec) != len(header):
            raise ParseError(f"{len(rec)} fields where the header has {len(header)}", k)
        rows.append([parse_value(v, k) for v in rec])
    cols = {}
    for j, name in enumerate(header):
        vals = [r[j] for r in rows]
        present = [v for v in vals if v is not None]
        if present and len(present) == len(vals) and all(type(v) is int and -(2**63) <= v < 2**63 for v in vals):
            cols[name] = pd.Series(vals, dtype="int64")
        elif present and all(type(v) is float for v in present):
            cols[name] = pd.Series([np.nan if v is None else float(v) for v in vals], dtype="float64")
        else:
            cols[name] = pd.Series(vals, dtype=object)
    return pd.DataFrame(cols, columns=header) if cols else pd.DataFrame(columns=header)



def csv_converters(columns: Any) -> dict[str, Any]:
    """``converters`` for :func:`pandas.read_csv` that read this library's CSV cells exactly.

    Parameters
    ----------
    columns : sequence of str, or a path
        The column names, or a CSV file (its header names them).

    Returns
    -------
    dict
        Column name -> :func:`parse_value` (``"1/3"`` -> ``Fraction(1, 3)``, ``"2"`` -> 2,
        ``"0.5"`` -> 0.5, ``"true"`` -> True, ``""`` -> None, text as written).

    Raises
    ------
    ParseError
        An empty file.

    References
    ----------
    The pandas development team. ``pandas.read_csv`` (its ``converters`` argument).

    Examples
    --------
    >>> import pandas as pd
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> _ = gt.to_table([{"p": Fraction(2, 3), "q": 0.25}], format="csv", path="t.csv")
    >>> df = pd.read_csv("t.csv", converters=gt.csv_converters("t.csv"))
    >>> df["p"].tolist(), df["q"].tolist()
    ([Fraction(2, 3)], [0.25])
    """
    if isinstance(columns, (str, os.PathLike)):
        try:
            header = next(csv.reader(io.StringIO(read_text(columns))))
        except StopIteration:
            raise ParseError("the CSV is empty", 1) from None
        columns = header  # as pandas reads them (a protected "'=x" name keeps its quote there)
    return {str(c): parse_value for c in columns}

# ---------------------------------------------------------------------- rows
def _is_result(x: Any) -> bool:
    """A solver result: it follows :class:`gametheory.equilibrium.Result` and so has ``to_row()``.

    Tables never guess a result's kind from its other attributes; the result says what
    its row is.
    """
    return not isinstance(x, type) and callable(getattr(x, "to_row", None))


def _result_row(eq: Any, k: int) -> dict:
    row = eq.to_row()
    bad = [c for c, v in row.items() if isinstance(v, (Mapping, list, tuple, set, np.ndarray))]
    if bad:  # a row is flat: one column per entry (a result class that breaks this is a bug)
        raise GameError(f"entry {k}: {type(eq).__name__}.to_row() is not flat (columns {bad[:3]} hold containers)")
    return {"equilibrium": k, **row}


def equilibria_frame(equilibria: Sequence[Any], **params: Any) -> pd.DataFrame:
    """One row per equilibrium, with an ``equilibrium`` index.

    Each row is the result's own ``to_row()`` (see :class:`gametheory.equilibrium.Result`):
    one column per player/strategy entry named by the game's labels (a normal-form
    equilibrium's ``"<player>: <strategy>"`` probabilities, a tree equilibrium's choice
    at each information set, a PBE's ``"sender <type>"``, ``"receiver <message>"`` and
    ``"belief <message>: <type>"``), the payoffs, ``method`` and ``exact``.  ``params``
    are prepended as columns (the parameter point the equilibria belong to).
    """
    rows = []
    for k, eq in enumerate(equilibria):
        if not _is_result(eq):
            raise GameError(f"entry {k} is a {type(eq).__name__}, not an equilibrium")
        rows.append({**params, **_result_row(eq, k)})
    return pd.DataFrame(rows)


def _as_frame(data: Any) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame()
    if isinstance(data, Mapping):
        return pd.DataFrame([data])
    if isinstance(data, (list, tuple)):
        if not data:
            return pd.DataFrame()
        if all(_is_result(x) for x in data):
            return equilibria_frame(data)
        if all(isinstance(x, Mapping) for x in data):
            return pd.DataFrame.from_records(list(data))
    raise GameError(
        f"to_table needs a DataFrame, a list of row dicts or a list of equilibria; got {type(data).__name__}"
    )


def _numeric_column(col: pd.Series) -> bool:
    vals = [v for v in col if not _is_missing(v)]
    return bool(vals) and all(
        isinstance(v, (int, float, Fraction, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
        for v in vals
    )


# ---------------------------------------------------------------------- renderers
def _column_text(col: pd.Series, style: str, digits: int) -> list[str]:
    """Every cell of a column as text; numeric numpy columns skip the per-cell dispatch."""
    a = col.to_numpy()
    if a.dtype.kind in "iu":
        return [str(x) for x in a.tolist()]
    if a.dtype.kind == "f":
        nan = "" if style == "csv" else (r"\textit{n/a}" if style == "latex" else MISSING)
        out = []
        for x in a.tolist():
            if x != x:
                out.append(nan)
            elif style != "latex" and x not in (float("inf"), float("-inf")):
                out.append(repr(_round_float(x, digits)) if style == "csv" else f"{x:.{digits}g}")
            else:
                out.append(format_value(x, style, digits))
        return out
    return [format_value(v, style, digits) for v in a]


def _cells(df: pd.DataFrame, style: str, digits: int) -> list[tuple[str, ...]]:
    cols = [_column_text(df.iloc[:, j], style, digits) for j in range(df.shape[1])]
    return list(zip(*cols)) if cols else [() for _ in range(len(df))]


def _markdown(df: pd.DataFrame, digits: int) -> str:
    head = [_markdown_text(str(c)) for c in df.columns]
    body = [[_markdown_text(v) for v in row] for row in _cells(df, "markdown", digits)]
    align = ["---:" if _numeric_column(df[c]) else ":---" for c in df.columns]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines) + "\n"


def _latex(df: pd.DataFrame, digits: int, caption: str | None, label: str | None) -> str:
    spec = "".join("r" if _numeric_column(df[c]) else "l" for c in df.columns)
    out = []
    if caption or label:
        out.append("\\begin{table}[htbp]\n\\centering")
        if caption:
            out.append(f"\\caption{{{latex_escape(caption)}}}")
        if label:
            out.append(f"\\label{{{label}}}")
    out.append(f"\\begin{{tabular}}{{{spec}}}")
    out.append("\\toprule")
    out.append(" & ".join(latex_escape(str(c)) for c in df.columns) + r" \\")
    out.append("\\midrule")
    for row in _cells(df, "latex", digits):
        out.append(" & ".join(row) + r" \\")
    out.append("\\bottomrule")
    out.append("\\end{tabular}")
    if caption or label:
        out.append("\\end{table}")
    return "\n".join(out) + "\n"


def _csv_field(s: str) -> str:
    # RFC 4180 quoting; unlike csv.writer with "\n" line ends, a lone "\r" is quoted too
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def _csv_row(cells: Sequence[str]) -> str:
    if len(cells) == 1 and cells[0] == "":
        return '""\n'  # a bare empty line would be skipped by readers, losing the row
    return ",".join(_csv_field(c) for c in cells) + "\n"


def _csv(df: pd.DataFrame, digits: int) -> str:
    rows = [[_csv_text(str(c)) for c in df.columns], *_cells(df, "csv", digits)]
    return "".join(_csv_row(r) for r in rows)


def _json_value(x: Any, digits: int = DATA_DIGITS) -> Any:
    if _is_missing(x):
        return None
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, Fraction):
        return int(x.numerator) if x.denominator == 1 else rational_text(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return _round_float(float(x), digits) if math.isfinite(x) else ("inf" if x > 0 else "-inf")
    if isinstance(x, Mapping):
        return {str(k): _json_value(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [_json_value(v, digits) for v in x]
    if _is_result(x):
        return {"strategies": _json_value(_strategies_value(x.strategies), digits), "payoffs": _json_value(x.payoffs, digits)}
    if isinstance(x, numbers.Rational):
        return _json_value(Fraction(int(x.numerator), int(x.denominator)))
    if type(x).__module__.startswith("sympy") and getattr(x, "is_Rational", False):
        return _json_value(Fraction(int(x.p), int(x.q)))
    return str(x)


def _json(df: pd.DataFrame, digits: int) -> str:
    recs = [{str(c): _json_value(v, digits) for c, v in zip(df.columns, row)} for row in df.itertuples(index=False)]
    return json_dumps(recs, indent=2, allow_nan=False) + "\n"


def to_table(
    df: Any,
    format: str = "markdown",
    path: str | os.PathLike | None = None,
    digits: int | None = None,
    caption: str | None = None,
    label: str | None = None,
) -> Table:
    """Render rows as a Markdown, LaTeX (booktabs), CSV or JSON table.

    A DataFrame with columns but no rows gives a header-only table (JSON: ``[]``).

    Parameters
    ----------
    df : pandas.DataFrame or list
        A DataFrame (a sweep result), a list of row dicts or a list of equilibria (one
        row each, with an ``equilibrium`` index).
    format : {"markdown", "latex", "csv", "json"}
        The output format.
    path : str or os.PathLike, optional
        Also write the text there, atomically.
    digits : int, optional
        Significant digits of floats (1 to 17) in every format; by default 6 in Markdown
        and LaTeX and 12 in CSV and JSON (shortest ``repr`` of the rounded value;
        ``digits=17`` keeps every float exactly).  Fractions and integers are always exact.
    caption, label : str, optional
        Wrap LaTeX output in a ``table`` float.

    Returns
    -------
    Table
        The text (a ``str`` that renders itself in Jupyter).

    Raises
    ------
    GameError
        Data without columns (``pd.DataFrame()``, ``[]``), which no table format can show,
        an unknown format, or ``digits`` out of range.

    References
    ----------
    Fear, S. (2005). Publication quality tables in LaTeX (the booktabs package).

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> print(gt.to_table([{"n": 2, "p": Fraction(3, 4)}, {"n": 3, "p": Fraction(1, 2)}]))
    | n | p |
    | ---: | ---: |
    | 2 | 3/4 |
    | 3 | 1/2 |
    """
    if format not in FORMATS:
        raise GameError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    if digits is not None and (
        not isinstance(digits, (int, np.integer)) or isinstance(digits, (bool, np.bool_)) or not 1 <= digits <= 17
    ):
        raise GameError(f"digits must be an integer from 1 to 17; got {digits!r}")
    digits = _default_digits(format, None if digits is None else int(digits))
    frame = _as_frame(df)
    if frame.index.name is not None or isinstance(frame.index, pd.MultiIndex):
        frame = frame.reset_index()
    if frame.shape[1] == 0:
        raise GameError(
            f"to_table: the data has no columns ({frame.shape[0]} rows), so there is no table to render; "
            "give a DataFrame with at least one column (it may have no rows)"
        )
    if format == "markdown":
        text = _markdown(frame, digits)
    elif format == "latex":
        text = _latex(frame, digits, caption, label)
    elif format == "csv":
        text = _csv(frame, digits)
    else:
        text = _json(frame, digits)
    if path is not None:
        write_atomic(path, text)
    cells = None
    if format in ("markdown", "latex"):
        cells = (tuple(str(c) for c in frame.columns), tuple(_cells(frame, "markdown", digits)))
    return Table(text, format, cells)
