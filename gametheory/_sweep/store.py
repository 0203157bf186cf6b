"""Sweep checkpoints: finished batches as verified JSON text in SQLite, never code.

A checkpoint file holds two tables, ``meta`` (what sweep it belongs to) and
``batches`` (one row per finished batch: its index, point range, row count, the
batch as canonical JSON text and the SHA-256 of that text bound to the sweep's
fingerprint).  Values are tagged JSON (``{"frac": "1/3"}``, ``{"float": "nan"}``,
...), so reading a checkpoint only parses data: a file from someone else cannot run
code, and a changed, damaged, swapped or foreign batch fails its checksum or its
range check and is a :class:`GameError`, never a table.

The metadata is created in one ``BEGIN IMMEDIATE`` transaction (SQLite's write
lock), so two sweeps started together on a new file agree on one batch size; every
batch is committed in its own transaction (Hipp, SQLite documentation, "Atomic
Commit In SQLite"), so a kill leaves each batch whole or absent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import sqlite3
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ..errors import GameError
from ..numbers import int_text, parse_int

MAGIC = "gametheory-sweep-checkpoint"
SCHEMA = 2
_SQLITE_HEADER = b"SQLite format 3\x00"
_TABLES = {"meta", "batches"}
_FRAC = re.compile(r"(-?)(0x[0-9a-f]+|[0-9]+)/(0x[0-9a-f]+|[0-9]+)")
_NP_KINDS = "biufcU"  # numpy scalar/array kinds stored by value (no object, void or datetime)
_BIG = 12_000  # bits: larger ints go as decimal text (json prints ints through the capped int.__repr__)


class _Unstorable(Exception):
    """A value the checkpoint format does not hold (raised while encoding)."""


# ---------------------------------------------------------------------- value codec
def encode_value(v: Any) -> Any:
    """A JSON-ready form of one cell value; exact types survive the round trip."""
    t = type(v)
    if v is None or t is bool or t is str:
        return v
    if t is int:
        return v if v.bit_length() <= _BIG else {"int": int_text(v)}
    if t is float:
        if math.isfinite(v):
            return v
        return {"float": "nan" if v != v else ("inf" if v > 0 else "-inf")}
    if t is Fraction:
        return {"frac": f"{int_text(v.numerator)}/{int_text(v.denominator)}"}
    if isinstance(v, np.generic):
        if v.dtype.kind not in _NP_KINDS:
            raise _Unstorable(f"numpy {v.dtype}")
        return {"np": [v.dtype.str, encode_value(v.item())]}
    if t is tuple:
        return {"tuple": [encode_value(x) for x in v]}
    if t is list:
        return [encode_value(x) for x in v]
    if t is dict:
        return {"dict": [[encode_value(k), encode_value(x)] for k, x in v.items()]}
    if t is complex:
        return {"complex": [encode_value(v.real), encode_value(v.imag)]}
    if t is Decimal:
        return {"decimal": str(v)}
    if t is bytes:
        return {"bytes": v.hex()}
    if v is pd.NA:
        return {"na": None}
    if t is np.ndarray:
        if v.dtype.kind not in _NP_KINDS:
            raise _Unstorable(f"numpy array of {v.dtype}")
        return {"ndarray": [v.dtype.str, list(v.shape), [encode_value(x) for x in v.ravel().tolist()]]}
    raise _Unstorable(t.__name__)


def _dtype(text: Any) -> np.dtype:
    if not isinstance(text, str):
        raise ValueError("a dtype must be text")
    dt = np.dtype(text)  # a type string is parsed, never evaluated
    if dt.kind not in _NP_KINDS:
        raise ValueError(f"dtype {text!r} is not stored by value")
    return dt


def _parse_int(text: str) -> int:
    """A stored integer: decimal digits, or the hex (``0x...``) that schema-2 files used for huge ones."""
    neg = text.startswith("-")
    body = text[1:] if neg else text
    n = int(body, 16) if body.startswith("0x") else parse_int(body)
    return -n if neg else n


def decode_value(x: Any) -> Any:
    """The value :func:`encode_value` encoded; ``ValueError`` for anything else."""
    t = type(x)
    if x is None or t in (bool, str, int, float):
        return x
    if t is list:
        return [decode_value(e) for e in x]
    if t is not dict or len(x) != 1:
        raise ValueError("an unknown value encoding")
    ((tag, body),) = x.items()
    if tag == "float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "frac" and isinstance(body, str):
        m = _FRAC.fullmatch(body)
        if not m:
            raise ValueError("a malformed fraction")
        num, den = _parse_int(m.group(2)), _parse_int(m.group(3))
        return Fraction(-num if m.group(1) else num, den)
    if tag == "int" and isinstance(body, str) and re.fullmatch(r"-?(0x[0-9a-f]+|[0-9]+)", body):
        return _parse_int(body)
    if tag == "np" and type(body) is list and len(body) == 2:
        return _dtype(body[0]).type(decode_value(body[1]))
    if tag == "tuple" and type(body) is list:
        return tuple(decode_value(e) for e in body)
    if tag == "dict" and type(body) is list:
        return {decode_value(k): decode_value(v) for k, v in (_pair(p) for p in body)}
    if tag == "complex" and type(body) is list and len(body) == 2:
        return complex(decode_value(body[0]), decode_value(body[1]))
    if tag == "decimal" and isinstance(body, str):
        return Decimal(body)
    if tag == "na" and body is None:
        return pd.NA
    if tag == "bytes" and isinstance(body, str):
        return bytes.fromhex(body)
    if tag == "ndarray" and type(body) is list and len(body) == 3:
        dt, shape, data = _dtype(body[0]), body[1], body[2]
        if type(shape) is not list or not all(type(s) is int and s >= 0 for s in shape) or type(data) is not list:
            raise ValueError("a malformed array")
        return np.array([decode_value(e) for e in data], dtype=dt).reshape(shape)
    raise ValueError(f"an unknown value tag {tag!r}")


def _pair(p: Any) -> tuple:
    if type(p) is not list or len(p) != 2:
        raise ValueError("a malformed pair")
    return p[0], p[1]


# ---------------------------------------------------------------------- batch codec
_STRING_DTYPES = ("str", "string")  # pandas' string columns (pandas >= 3 makes them by default)


def _encode_column(name: Any, col: pd.Series) -> list:
    dt = col.dtype
    if isinstance(dt, pd.StringDtype) and str(dt) in _STRING_DTYPES:
        values = col.tolist()
        if col.isna().any():
            values = [encode_value(v) for v in values]
        return [encode_value(name), str(dt), values]
    if not isinstance(dt, np.dtype) or dt.kind not in "biufcO":
        raise _Unstorable(f"column dtype {dt}")
    a = col.to_numpy()
    if dt.kind == "O":
        return [encode_value(name), dt.str, [encode_value(v) for v in a]]
    # numbers as their little-endian bytes in base64: exact (NaN and -0.0 too) and fast
    le = dt.newbyteorder("<")
    raw = np.ascontiguousarray(a, dtype=le).tobytes()
    return [encode_value(name), le.str, {"raw": base64.b64encode(raw).decode("ascii")}]


def _decode_column(item: Any, n: int) -> tuple[Any, Any]:
    if type(item) is not list or len(item) != 3:
        raise ValueError("a malformed column")
    name, dt_text, values = decode_value(item[0]), item[1], item[2]
    if type(values) is dict:
        dt = _dtype(dt_text)
        if set(values) != {"raw"} or type(values["raw"]) is not str or dt.kind == "U":
            raise ValueError("a malformed numeric column")
        raw = base64.b64decode(values["raw"], validate=True)
        if len(raw) != n * dt.itemsize:
            raise ValueError(f"a numeric column of {len(raw)} bytes for {n} values")
        return name, np.frombuffer(raw, dtype=dt.newbyteorder("<")).astype(dt.newbyteorder("="))
    if type(values) is not list or len(values) != n:
        raise ValueError("a malformed column")
    if dt_text in _STRING_DTYPES:
        if not all(type(v) is str for v in values):
            values = [decode_value(v) for v in values]
            if not all(type(v) is str or v is pd.NA or (type(v) is float and v != v) for v in values):
                raise ValueError("a string column holds other values")
        return name, pd.Series(values, dtype=dt_text)
    if dt_text in ("|O", "O"):
        arr = np.empty(n, dtype=object)
        for i, v in enumerate(values):
            arr[i] = decode_value(v)
        return name, arr
    raise ValueError(f"a column of dtype {dt_text!r} stored as a list")


def encode_batch(result: Any, vectorized: bool) -> Any:
    """The JSON-ready form of a batch result: a DataFrame or a list of (point index, row)."""
    if vectorized:
        return {"n": int(result.shape[0]), "columns": [_encode_column(c, result[c]) for c in result.columns]}
    return [[int(k), [[encode_value(c), encode_value(v)] for c, v in row.items()]] for k, row in result]


def decode_batch(data: Any, vectorized: bool) -> Any:
    if vectorized:
        if type(data) is not dict or set(data) != {"n", "columns"} or type(data["n"]) is not int:
            raise ValueError("a malformed table")
        cols = [_decode_column(item, data["n"]) for item in data["columns"]]
        if len({repr(c) for c, _ in cols}) != len(cols):
            raise ValueError("a column twice")
        return pd.DataFrame(dict(cols), index=pd.RangeIndex(data["n"]))
    if type(data) is not list:
        raise ValueError("malformed rows")
    out = []
    for item in data:
        if type(item) is not list or len(item) != 2 or type(item[0]) is not int or type(item[1]) is not list:
            raise ValueError("a malformed row")
        out.append((item[0], {decode_value(k): decode_value(v) for k, v in (_pair(p) for p in item[1])}))
    return out


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _digest(fingerprint: str, text: str) -> str:
    return hashlib.sha256(f"{MAGIC}\n{fingerprint}\n{text}".encode("utf-8")).hexdigest()


def _describe_components(components: dict[str, str]) -> dict[str, str]:
    return {k: hashlib.sha256(v.encode("utf-8")).hexdigest() for k, v in components.items()}


# what a differing fingerprint component means, for the refusal message
_WHAT = {
    "target": "the model (its name, version or parameter defaults) or the function (its code, defaults, "
    "the values it closes over or reads, or the key= given)",
    "grid": "the grid",
    "errors": "the errors= mode",
    "mode": "vectorized vs per-point evaluation",
    "library": "the gametheory version",
    "n_points": "the number of grid points",
}


# ---------------------------------------------------------------------- the file
class Checkpoint:
    """Finished batches of one sweep in a SQLite file (see the module docstring)."""

    def __init__(
        self, path: str, components: dict[str, str], n_points: int, batch_size: int, vectorized: bool
    ) -> None:
        self.path, self.vectorized, self.n_points = path, vectorized, n_points
        comps = {**_describe_components(components), "n_points": str(n_points)}
        self.fingerprint = hashlib.sha256(_canonical(comps).encode()).hexdigest()
        new = _refuse_foreign_file(path)
        try:
            self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        except sqlite3.Error as exc:
            raise GameError(f"checkpoint {path!r} cannot be opened: {exc}") from None
        try:
            self.db.execute("PRAGMA synchronous=FULL")
            if new:
                # write-ahead log: readers (a progress monitor) never see a half-written batch
                # and a killed writer leaves nothing a read-only reader must roll back
                self.db.execute("PRAGMA journal_mode=WAL")
            self.batch_size = self._open(comps, batch_size)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise GameError(f"checkpoint {path!r} is not a usable SQLite file: {exc}") from None
        except BaseException:
            self.db.close()
            raise
        self.n_batches = -(-n_points // self.batch_size)

    def _open(self, comps: dict[str, str], batch_size: int) -> int:
        # one write transaction: of two sweeps starting together on a new file, the
        # second waits here and then finds (and adopts) the first one's metadata
        self.db.execute("BEGIN IMMEDIATE")
        try:
            names = {
                r[0] for r in self.db.execute("SELECT name FROM sqlite_master") if not r[0].startswith("sqlite_autoindex_")
            }
            if not names:
                self.db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self.db.execute(
                    "CREATE TABLE batches (batch INTEGER PRIMARY KEY, start INTEGER NOT NULL, stop INTEGER NOT NULL, "
                    "n_rows INTEGER NOT NULL, data TEXT NOT NULL, sha256 TEXT NOT NULL)"
                )
                meta = {"format": MAGIC, "schema": str(SCHEMA), "batch_size": str(batch_size), **comps}
                self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
                self.db.execute("COMMIT")
                return batch_size
            meta = self._meta(names)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        differs = [k for k in _WHAT if meta.get(k) != comps.get(k)]
        if differs:
            raise GameError(
                f"checkpoint {self.path!r} belongs to a different sweep ({'; '.join(_WHAT[k] for k in differs)} "
                "differs); delete it or give another path"
            )
        size = meta.get("batch_size", "")
        if not size.isdigit() or int(size) < 1:
            raise GameError(f"checkpoint {self.path!r} has a malformed batch size {size!r}; delete it")
        return int(size)

    def _meta(self, names: set[str]) -> dict[str, str]:
        meta: dict[str, str] = {}
        if "meta" in names:
            try:
                meta = {str(k): str(v) for k, v in self.db.execute("SELECT key, value FROM meta")}
            except sqlite3.DatabaseError:
                meta = {}
        if names == _TABLES and meta.get("format") != MAGIC and meta.get("schema") == "1":
            raise GameError(
                f"checkpoint {self.path!r} was written by an older gametheory that stored pickled rows, "
                "which are never loaded (they could run code); delete it and run the sweep again"
            )
        if names != _TABLES or meta.get("format") != MAGIC:
            raise GameError(
                f"{self.path!r} is a SQLite database but not a sweep checkpoint (it holds "
                f"{', '.join(sorted(names))}); it is left unchanged: give the path of a new file"
            )
        if meta.get("schema") != str(SCHEMA):
            raise GameError(
                f"checkpoint {self.path!r} has format version {meta.get('schema')!r}; this gametheory "
                f"reads version {SCHEMA}: delete it and run the sweep again"
            )
        return meta

    # ------------------------------------------------------------------ batches
    def bounds(self, b: int) -> tuple[int, int]:
        start = b * self.batch_size
        return start, min(self.n_points, start + self.batch_size)

    def _bad(self, b: Any, why: str) -> GameError:
        return GameError(
            f"checkpoint {self.path!r}: batch {b} {why}; the checkpoint was changed or damaged and "
            "none of it is used (delete it to start over)"
        )

    def load(self) -> dict[int, Any]:
        """Every stored batch, verified: checksum, point range, rows.  GameError on any mismatch."""
        out: dict[int, Any] = {}
        try:
            rows = self.db.execute("SELECT batch, start, stop, n_rows, data, sha256 FROM batches").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GameError(f"checkpoint {self.path!r} cannot be read: {exc}") from None
        for b, start, stop, n_rows, text, digest in rows:
            out[b] = self._verify(b, start, stop, n_rows, text, digest)
        return out

    def _verify(self, b: Any, start: Any, stop: Any, n_rows: Any, text: Any, digest: Any) -> Any:
        if type(b) is not int or not 0 <= b < self.n_batches:
            raise self._bad(b, f"is outside this sweep's {self.n_batches} batches")
        if (start, stop) != self.bounds(b):
            raise self._bad(b, f"claims points {start}..{stop}, not {self.bounds(b)[0]}..{self.bounds(b)[1]}")
        if type(text) is not str or type(digest) is not str:
            raise self._bad(b, "is not checksummed JSON text")
        if _digest(self.fingerprint, text) != digest:
            raise self._bad(b, "fails its SHA-256 checksum")
        try:
            obj = json.loads(text)
            if type(obj) is not dict or set(obj) != {"batch", "start", "stop", "rows"}:
                raise ValueError("a malformed batch")
            if (obj["batch"], obj["start"], obj["stop"]) != (b, start, stop):
                raise ValueError("a batch header that does not match its row")
            result = decode_batch(obj["rows"], self.vectorized)
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise self._bad(b, f"does not decode ({exc})") from None
        n = result.shape[0] if self.vectorized else len(result)
        if n != n_rows:
            raise self._bad(b, f"holds {n} rows, not the {n_rows} recorded")
        if not self.vectorized:
            ks = [k for k, _ in result]
            if ks != sorted(ks) or (ks and not (start <= ks[0] and ks[-1] < stop)):
                raise self._bad(b, "holds rows of points outside its range")
        return result

    def save(self, b: int, start: int, stop: int, result: Any) -> Any:
        """Commit a finished batch; returns what the checkpoint holds for it.

        When another sweep on the same file committed this batch first, its (verified)
        stored result is returned, so both sweeps' tables equal the checkpoint.
        """
        if (start, stop) != self.bounds(b) or not 0 <= b < self.n_batches:
            raise GameError(f"internal error: batch {b} covers points {start}..{stop}, not {self.bounds(b)}")
        try:
            rows = encode_batch(result, self.vectorized)
        except _Unstorable as exc:
            raise GameError(
                f"checkpoint {self.path!r} cannot store a result value of type {exc}; return numbers "
                "(int, float, Fraction), strings, booleans, None, or tuples/lists/dicts of them, or sweep "
                "without a checkpoint"
            ) from None
        text = _canonical({"batch": b, "start": start, "stop": stop, "rows": rows})
        digest = _digest(self.fingerprint, text)
        n = result.shape[0] if self.vectorized else len(result)
        # one transaction per batch: a kill leaves either the whole batch or none of it
        self.db.execute("BEGIN IMMEDIATE")
        try:
            got = self.db.execute("SELECT start, stop, n_rows, data, sha256 FROM batches WHERE batch = ?", (b,)).fetchone()
            if got is None:
                self.db.execute("INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?)", (b, start, stop, n, text, digest))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        if got is None or got[4] == digest:
            return result
        return self._verify(b, *got)

    def close(self) -> None:
        self.db.close()


def _refuse_foreign_file(path: str) -> bool:
    """A non-empty file that is not SQLite is never opened as a checkpoint (nor changed).

    Returns whether the file is new (missing or empty)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise GameError(f"checkpoint {path!r}: the folder {folder!r} does not exist") from None
        return True
    except IsADirectoryError:
        raise GameError(f"checkpoint {path!r} is a folder; give a file path") from None
    except OSError as exc:
        raise GameError(f"checkpoint {path!r} cannot be read: {exc.strerror or exc}") from None
    if head and head != _SQLITE_HEADER:
        raise GameError(
            f"checkpoint {path!r} is not a usable SQLite file (it is some other file; it is left unchanged)"
        )
    return not head
