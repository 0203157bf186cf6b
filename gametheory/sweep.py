"""Parameter sweeps: a model (or any function) over a grid, one row per point.

``sweep(model_or_fn, grid)`` evaluates a model (anything with ``parameters`` and
``solve``, optionally ``solve_many`` and ``rows``: :class:`SweepModel`), a model name
looked up in the ``registry=`` mapping its caller passes (the engine never imports a
models package), or a plain function ``fn(**point) -> dict`` (or a list of dicts, one per equilibrium) at every
point of a grid and returns a :class:`pandas.DataFrame` with the parameter columns
followed by the result columns.

* **Grids**: a dict ``name -> values`` (the Cartesian product, first name varying
  slowest) or a DataFrame whose rows are the points.
* **Executors**: any :class:`concurrent.futures.Executor` (thread or process pools;
  a ``dask.distributed`` ``Client.get_executor()`` scales out to a cluster).  Work
  is sent in batches of ``batch_size`` points.
* **Vectorized fast path**: a model with ``solve_many(**arrays) -> dict of arrays``
  is evaluated a batch at a time in numpy (floating point) at points given in floats;
  exact points (ints, Fractions) stay exact through the per-point path unless
  ``exact=False`` asks for floats.
* **Size**: a grid holds at most :data:`MAX_POINTS` points (the product of its axis
  lengths, checked before anything is allocated).
* **Checkpoints**: ``checkpoint="sweep.sqlite"`` stores every finished batch in one
  SQLite transaction as checksummed JSON (never pickles: a checkpoint is data and
  cannot run code).  Batches are handed to the executor a few at a time (twice its
  workers) and saved as they finish, so a sweep killed at any moment (even by
  SIGKILL) loses at most the batches in flight; started again with the same
  arguments it loads the finished batches and computes only the rest.  A checkpoint
  of another sweep (another model version, function code, ``key=``, grid or
  ``errors=`` mode) or one that was changed is refused with a :class:`GameError`.
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import math
import os
import pickle
import sys
import time
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from typing import Any, Callable, Protocol, Sequence, runtime_checkable

import numpy as np
import pandas as pd

from ._sweep.identity import target_identity
from ._sweep.store import Checkpoint
from ._sweep.workers import in_flight_limit, process_pool
from .errors import GameError
from .numbers import check_finite_array, is_exact_number
from .solvers.limits import eta_text

__all__ = [
    "sweep",
    "grid_points",
    "resolve_target",
    "SweepModel",
    "Progress",
    "InlineExecutor",
    "SweepPointError",
    "process_pool",
]

#: per-point grids with at least this many points run in a process pool by default
PROCESS_THRESHOLD = 20_000


class InlineExecutor(Executor):
    """An executor that runs each task at once in the calling process (serial sweeps)."""

    runs_inline = True  # one task at a time: sweeps hand it two batches before saving

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, as a pool would
            fut.set_exception(exc)
        return fut


class SweepPointError(GameError):
    """The model or function failed at one grid point (``sweep(..., errors="raise")``).

    The message names the point's index and parameter values and the original
    exception (its type and message); ``index``, ``point``, ``original_type`` and
    ``original_message`` hold the same.  In the calling process the original
    exception is chained as ``__cause__``; from worker processes only its type and
    message travel (exceptions cross process boundaries by pickling).

    Parameters
    ----------
    message : str
        The message.
    index : int, optional
        The point's position in the grid.
    point : dict, optional
        The point's parameter values.
    original_type, original_message : str, optional
        The original exception's type name and message.

    Examples
    --------
    >>> import gametheory as gt
    >>> def fn(x):
    ...     if x > 1:
    ...         raise ValueError("too big")
    ...     return {"y": x}
    >>> try:
    ...     gt.sweep(fn, {"x": [1, 2]})
    ... except gt.SweepPointError as exc:
    ...     print(exc.index, exc.point, exc.original_type)
    1 {'x': 2} ValueError
    """

    def __init__(
        self,
        message: str,
        index: int | None = None,
        point: dict | None = None,
        original_type: str | None = None,
        original_message: str | None = None,
    ):
        super().__init__(message)
        self.index, self.point = index, point
        self.original_type, self.original_message = original_type, original_message


def _describe(exc: BaseException) -> str:
    """The text of a failure at a point: GameErrors by message, anything else by type too."""
    return str(exc) if isinstance(exc, GameError) else f"{type(exc).__name__}: {exc}"


# ---------------------------------------------------------------------- targets
class _Target:
    """What a sweep evaluates: a model (duck-typed) or a plain function."""

    def __init__(self, obj: Any):
        self.obj = obj
        self.is_model = isinstance(obj, SweepModel) and not inspect.isroutine(obj)
        if not self.is_model and not callable(obj):
            raise GameError(f"sweep needs a model, a model name (with registry=) or a function; got {type(obj).__name__}")
        self.name = getattr(obj, "name", None) or getattr(obj, "__qualname__", type(obj).__name__)
        self.solve_many = getattr(obj, "solve_many", None) if self.is_model else None

    # names the target accepts; None when it takes **kwargs
    def accepted(self) -> set[str] | None:
        if self.is_model:
            return set(self.obj.parameters)
        try:
            sig = inspect.signature(self.obj)
        except (TypeError, ValueError):
            return None
        if any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
            return None
        return {n for n, p in sig.parameters.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}

    def check_value(self, name: str, value: Any) -> Any:
        if self.is_model:
            return self.obj.parameters[name].check(name, value)
        return value

    def rows(self, point: dict) -> list[dict]:
        if self.is_model:
            if getattr(self.obj, "rows_fn", None) is not None and hasattr(self.obj, "rows"):
                return list(self.obj.rows(**point))
            return [self.obj.solve(**point)]
        out = self.obj(**point)
        if isinstance(out, Mapping):
            return [{**point, **out}]
        if isinstance(out, (list, tuple)):
            rows = []
            for k, r in enumerate(out):
                if not isinstance(r, Mapping):
                    raise GameError(f"the sweep function returned a list holding {type(r).__name__}; want dicts")
                rows.append({**point, "equilibrium": k, **r})
            return rows
        raise GameError(f"the sweep function must return a dict or a list of dicts; got {type(out).__name__}")


@runtime_checkable
class SweepModel(Protocol):
    """What :func:`sweep` needs of a model (a registered ``models.registry.Model`` is one).

    ``parameters`` maps each parameter name to its spec: an object with ``default`` and
    ``check(name, value)`` (the validated value or a :class:`GameError`), optionally
    ``low``/``high``/``kind``/``choices``/``below``/``above``/``range_text`` for fast range
    checks of DataFrame grids.  ``solve(**point) -> dict`` returns one flat row.
    Optional: ``name`` and ``version`` (checkpoint identity), ``solve_many(**arrays) ->
    dict of arrays`` (the vectorized path) and ``rows(**point) -> list[dict]`` with a
    non-None ``rows_fn`` (one row per equilibrium).
    """

    parameters: Mapping[str, Any]

    def solve(self, **params: Any) -> dict: ...


def resolve_target(model_or_fn: Any, registry: Mapping[str, Any] | None = None) -> Any:
    """The model a sweep runs: a name is looked up in ``registry``; anything else is returned unchanged.

    The engine never imports a models package: the caller hands it the registry
    (``registry=models.registry.MODELS``) or the model object itself.
    """
    if registry is not None and not isinstance(registry, Mapping):
        raise GameError(f"registry must be a mapping name -> model; got {type(registry).__name__}")
    if not isinstance(model_or_fn, str):
        return model_or_fn
    if registry is None:
        raise GameError(
            f"sweep got the model name {model_or_fn!r} but no registry to look it up in: pass the model "
            "itself or the registry, e.g. gt.sweep(name, grid, registry=models.registry.MODELS)"
        )
    try:
        return registry[model_or_fn]
    except KeyError as exc:
        msg = exc.args[0] if exc.args and isinstance(exc.args[0], str) and "unknown model" in exc.args[0] else None
        raise GameError(msg or f"unknown model {model_or_fn!r}; known models: {', '.join(sorted(registry))}") from None


# ---------------------------------------------------------------------- grids
#: most points a grid may have (the product of its axis lengths); checked before any
#: allocation, because a sweep's result table holds at least one row per point
MAX_POINTS = 10_000_000


def check_grid_size(sizes: Sequence[int], what: str = "the grid") -> int:
    """The number of points of a grid with these axis lengths; a :class:`GameError` naming
    the size and the bound :data:`MAX_POINTS` when it is larger."""
    total = math.prod(int(k) for k in sizes)
    if total > MAX_POINTS:
        shape = " x ".join(f"{int(k):,}" for k in sizes)
        raise GameError(
            f"{what} has {shape} = {total:,} points, more than the bound of {MAX_POINTS:,} points "
            "(gametheory.sweep.MAX_POINTS); sweep it in parts"
        )
    return total


def _length(values: Any) -> int | None:
    """The number of values of one axis without materializing it (None if unknown)."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        return 1
    try:
        return len(values)
    except TypeError:  # a generator: counted when read, never beyond the bound
        return None


def _values(name: str, values: Any) -> list:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        return [values]
    if isinstance(values, np.ndarray):
        vals = values.tolist()
    else:
        vals = list(itertools.islice(values, MAX_POINTS + 1))
    if not vals:
        raise GameError(f"grid parameter {name!r} has no values")
    check_grid_size([len(vals)], f"grid parameter {name!r}")
    return vals


def grid_points(grid: Any, target: Any = None) -> tuple[list[str], list[list], pd.DataFrame | None]:
    """Validate a grid; return (names, per-name values, DataFrame of points or None).

    For a dict grid the points are the Cartesian product of the value lists (the
    DataFrame is not built, so huge products stay cheap); for a DataFrame grid the
    rows are the points.  Raises :class:`GameError` for unknown parameters, empty
    value lists and values out of a model parameter's range.
    """
    tgt = target if isinstance(target, _Target) or target is None else _Target(target)
    if isinstance(grid, pd.DataFrame):
        if grid.shape[0] == 0 or grid.shape[1] == 0:
            raise GameError("the grid DataFrame has no points")
        check_grid_size([grid.shape[0]], "the grid DataFrame")
        names = [str(c) for c in grid.columns]
        for n in grid.columns:
            check_finite_array(str(n), grid[n].to_numpy())
        frame = grid.reset_index(drop=True).copy()
        frame.columns = names
        per = [[] for _ in names]  # a DataFrame grid is its rows; per-name values are not used
    elif isinstance(grid, Mapping):
        if not grid:
            raise GameError("the grid is empty; give at least one parameter with values")
        names = [str(k) for k in grid]
        sizes = [_length(v) for v in grid.values()]
        check_grid_size([k for k in sizes if k is not None])  # before any axis is read
        per = [_values(n, v) for n, v in zip(names, grid.values())]
        check_grid_size([len(v) for v in per])
        for n, vals in zip(names, per):
            check_finite_array(n, vals)
        frame = None
    else:
        raise GameError(f"grid must be a dict name -> values or a DataFrame of points; got {type(grid).__name__}")
    if len(set(names)) != len(names):
        raise GameError(f"grid names a parameter twice: {names}")
    if tgt is not None:
        ok = tgt.accepted()
        if ok is not None:
            unknown = [n for n in names if n not in ok]
            if unknown:
                raise GameError(
                    f"unknown grid parameter(s) {', '.join(unknown)} for {tgt.name}; "
                    f"known: {', '.join(sorted(ok)) or '(none)'}"
                )
        if tgt.is_model:
            per = [[tgt.check_value(n, v) for v in vals] for n, vals in zip(names, per)]
            if frame is not None:
                for n in names:
                    if not _check_numeric_column(tgt.obj.parameters[n], n, frame[n]):
                        frame[n] = [tgt.check_value(n, v) for v in frame[n]]
    return names, per, frame


def _check_numeric_column(param: Any, name: str, col: pd.Series) -> bool:
    """Range checks of a numeric column in numpy; False when the per-value check must run."""
    if getattr(param, "choices", ()) or getattr(param, "kind", float) not in (int, float) or col.dtype.kind not in "iuf":
        return False
    a = col.to_numpy()  # inf/nan were refused for every column in grid_points
    low, high = getattr(param, "low", None), getattr(param, "high", None)
    rng = param.range_text() if hasattr(param, "range_text") else f"[{low}, {high}]"
    if low is not None:
        bad = param.below(a) if hasattr(param, "below") else a < low
        if bad.any():
            raise GameError(f"parameter {name}={a[bad][0]} is below its range {rng}")
    if high is not None:
        bad = param.above(a) if hasattr(param, "above") else a > high
        if bad.any():
            raise GameError(f"parameter {name}={a[bad][0]} is above its range {rng}")
    if param.kind is int and a.dtype.kind == "f":
        if (a != np.round(a)).any():
            raise GameError(f"parameter {name}={a[a != np.round(a)][0]} must be an integer")
        return False  # integral floats: let the model's own check convert them to ints
    return True


class _Points:
    """Random access to the points of a grid without materializing a product."""

    def __init__(self, names: list[str], per: list[list], frame: pd.DataFrame | None):
        self.names, self.per, self.frame = names, per, frame
        self.sizes = [len(v) for v in per]
        self.n = frame.shape[0] if frame is not None else math.prod(self.sizes)
        self._exact: dict[str, np.ndarray] = {}  # per axis (or column): which values are exact

    def point(self, k: int) -> dict:
        if self.frame is not None:
            return {n: _plain(self.frame[n].iat[k]) for n in self.names}
        idx = np.unravel_index(k, self.sizes)
        return {n: vals[i] for n, vals, i in zip(self.names, self.per, idx)}

    def slice(self, start: int, stop: int) -> list[dict]:
        return [self.point(k) for k in range(start, stop)]

    def arrays(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter arrays of points start..stop-1 (for vectorized models)."""
        if self.frame is not None:
            return {n: _numeric(self.frame[n].to_numpy()[start:stop], n) for n in self.names}
        idx = np.unravel_index(np.arange(start, stop), self.sizes)
        return {n: _numeric(np.asarray(vals, dtype=object), n)[i] for n, vals, i in zip(self.names, self.per, idx)}

    def exact_mask(self, start: int, stop: int, real: Sequence[str]) -> np.ndarray:
        """Whether each point start..stop-1 has exact values (ints, Fractions) on every
        axis among ``real`` (the real-valued parameters; floats make a point inexact)."""
        mask = np.ones(stop - start, dtype=bool)
        cache = self._exact
        if self.frame is not None:
            for n in (n for n in self.names if n in real):
                if n not in cache:
                    col = self.frame[n]
                    kind = col.dtype.kind
                    cache[n] = np.ones(len(col), bool) if kind in "iu" else (
                        np.zeros(len(col), bool) if kind in "fc" else np.array([is_exact_number(v) for v in col], dtype=bool))
                mask &= cache[n][start:stop]
            return mask
        idx = np.unravel_index(np.arange(start, stop), self.sizes)
        for n, vals, i in zip(self.names, self.per, idx):
            if n in real:
                if n not in cache:
                    cache[n] = np.array([is_exact_number(v) for v in vals], dtype=bool)
                mask &= cache[n][i]
        return mask

    def any_exact(self, real: Sequence[str]) -> bool:
        """Whether some point is exact in the sense of :meth:`exact_mask` (without building the product)."""
        if self.frame is not None:
            return bool(self.exact_mask(0, self.n, real).any())
        return all(any(is_exact_number(v) for v in vals) for n, vals in zip(self.names, self.per) if n in real)

    def fingerprint(self, target_name: str) -> str:
        h = hashlib.sha256(str(target_name).encode())
        h.update(repr(self.names).encode())
        if self.frame is not None:
            for n in self.names:
                col = self.frame[n]
                data = col.to_numpy().tobytes() if col.dtype.kind in "biuf" else repr(list(map(repr, col))).encode()
                h.update(n.encode() + str(col.dtype).encode() + data)
        else:
            h.update(repr([list(map(repr, v)) for v in self.per]).encode())
        return h.hexdigest()


def _real_parameters(model: Any) -> set[str]:
    """The names of a model's real-valued parameters (not integer, boolean or choice parameters)."""
    return {
        k for k, p in model.parameters.items()
        if getattr(p, "kind", float) not in (int, bool) and not getattr(p, "choices", ())
    }


def _plain(x: Any) -> Any:
    return x.item() if isinstance(x, np.generic) else x


def _numeric(arr: np.ndarray, name: str) -> np.ndarray:
    """Grid values as a numeric array for a vectorized model (ints stay ints)."""
    if arr.dtype.kind in "biuf":
        return arr
    vals = list(arr)
    if all(isinstance(v, (bool, np.bool_)) for v in vals):
        return np.asarray(vals, dtype=bool)
    if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in vals):
        return np.asarray(vals, dtype=np.int64)
    try:
        return np.asarray([float(v) for v in vals], dtype=float)
    except (TypeError, ValueError):
        return np.asarray(vals, dtype=object)


# ---------------------------------------------------------------------- work units
def _run_points(target: _Target, points: list[dict], start: int, errors: str) -> list[tuple[int, dict]]:
    out: list[tuple[int, dict]] = []
    for k, p in enumerate(points, start):
        try:
            rows = target.rows(p)
        except Exception as exc:  # any failure of user code at a point (not KeyboardInterrupt)
            text = _describe(exc)
            if errors == "raise":
                raise SweepPointError(
                    f"at grid point {k} {_show(p)}: {text}", k, dict(p), type(exc).__name__, str(exc)
                ) from exc
            rows = [{**p, "error": text}]
        out.extend((k, r) for r in rows)
    return out


def _run_vector(target: _Target, arrays: dict[str, np.ndarray], defaults: dict, n: int) -> pd.DataFrame | None:
    full = {k: np.full(n, v) if not isinstance(v, np.ndarray) else v for k, v in defaults.items()}
    full.update(arrays)
    try:
        res = target.solve_many(**full)
    except Exception:  # solve_many failed somewhere in the batch: the caller redoes it point by point
        return None
    if not isinstance(res, Mapping):
        raise GameError(f"{target.name}.solve_many returned {type(res).__name__}; want a dict of arrays")
    cols: dict[str, Any] = dict(full)
    for k, v in res.items():
        a = np.asarray(v)
        if a.ndim == 0:
            a = np.full(n, a.item(), dtype=a.dtype if a.dtype != object else object)
        if a.shape[0] != n:
            raise GameError(f"{target.name}.solve_many returned {a.shape[0]} values of {k!r} for {n} points")
        cols[k] = a
    return pd.DataFrame(cols)


def _run_vector_batch(
    target: _Target, pts: _Points, start: int, stop: int, defaults: dict, errors: str, exact: bool
) -> pd.DataFrame:
    """One batch of a vectorized sweep.  With ``exact``, points whose real-valued parameters
    are all exact (grid values and defaults) take the per-point path, so their rows equal
    ``solve``/``rows`` at that point; the others go through ``solve_many`` in floats."""
    n = stop - start
    real = _real_parameters(target.obj)
    if exact and all(is_exact_number(v) for k, v in defaults.items() if k in real):
        mask = pts.exact_mask(start, stop, real)
    else:
        mask = np.zeros(n, dtype=bool)
    if mask.all():
        return _rows_frame(_point_rows(target, pts, range(start, stop), errors), None)
    arrays = pts.arrays(start, stop)
    fast = np.flatnonzero(~mask)
    if mask.any():
        arrays = {k: v[fast] for k, v in arrays.items()}
    part = _run_vector(target, arrays, defaults, fast.size)
    if part is None:
        # solve_many raised: the per-point solve finds (and names or records) the failing point
        return _rows_frame(_point_rows(target, pts, range(start, stop), errors), None)
    if not mask.any():
        return part
    exact_rows = _point_rows(target, pts, (start + int(k) for k in np.flatnonzero(mask)), errors)
    return _rows_frame(exact_rows, (part, start + fast))


def _point_rows(target: _Target, pts: _Points, ks: Any, errors: str) -> list[tuple[int, dict]]:
    out: list[tuple[int, dict]] = []
    for k in ks:
        out.extend(_run_points(target, [pts.point(k)], k, errors))
    return out


def _rows_frame(rows: list[tuple[int, dict]], vector: tuple[pd.DataFrame, np.ndarray] | None) -> pd.DataFrame:
    """Per-point rows (and a vectorized part with its point indices) as one frame in point order."""
    df = pd.DataFrame.from_records([r for _, r in rows])
    if vector is None:
        return df
    part, ks = vector
    df["__point"] = [k for k, _ in rows]
    part = part.assign(__point=ks)
    both = pd.concat([part, df], ignore_index=True)
    return both.sort_values("__point", kind="stable").drop(columns="__point").reset_index(drop=True)


def _show(p: dict) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in p.items()) + ")"


# ---------------------------------------------------------------------- progress
class Progress:
    """A one-line progress bar on stderr (no dependency); silent when disabled."""

    def __init__(self, total: int, enabled: bool, label: str = "sweep", stream: Any = None):
        self.total, self.enabled, self.label = total, enabled, label
        self.stream = stream or sys.stderr
        self.t0 = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.resumed = 0  # points loaded from a checkpoint: done, but not in this run's rate

    def resume(self, n: int) -> None:
        """Count ``n`` points finished by an earlier run (not in the ETA's rate)."""
        self.resumed += n
        self.update(n)

    def update(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2 and self.done < self.total:
            return
        self.last = now
        frac = self.done / self.total if self.total else 1.0
        elapsed = now - self.t0
        bar = "#" * int(30 * frac)
        self.stream.write(
            f"\r{self.label}: [{bar:<30}] {self.done}/{self.total} points ({100 * frac:.0f}%), "
            f"{elapsed:.1f}s elapsed, {eta_text(elapsed, self.done, self.total, self.resumed)}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------------- sweep
def sweep(
    model_or_fn: Any,
    grid: Mapping[str, Sequence[Any]] | pd.DataFrame,
    executor: Executor | None = None,
    checkpoint: str | os.PathLike | None = None,
    batch_size: int | None = None,
    progress: bool | None = None,
    vectorized: bool | None = None,
    errors: str = "raise",
    exact: bool = True,
    key: str | None = None,
    registry: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Evaluate a model or function at every point of a grid; one row per point.

    Parameters
    ----------
    model_or_fn
        A model (see :class:`SweepModel`; e.g. ``models.registry.MODELS["brinkmanship"]``),
        a model name together with ``registry=``, or ``fn(**point) -> dict`` (or a list
        of dicts, one per equilibrium; those rows get an ``equilibrium`` index).
    grid
        ``{name: values}`` (Cartesian product, first name slowest) or a DataFrame of points.
    executor
        Any :class:`concurrent.futures.Executor`.  ``None``: the vectorized path or
        the calling process, or a process pool for per-point grids of at least
        ``PROCESS_THRESHOLD`` points whose function can be pickled.  The vectorized
        path runs in the calling process (numpy already uses the machine well there).
        At most twice the executor's workers batches are in flight at once.  A
        registered model reaches worker processes (a process pool, dask) by its
        registry name: the worker looks it up in its own registry.  :func:`process_pool`
        makes a pool whose workers exit when this process is killed.
    checkpoint
        Path of a SQLite file (new, empty, or a checkpoint of this same sweep);
        finished batches are committed there as checksummed JSON and a rerun with the
        same arguments resumes from it.  The checkpoint records what defines the
        results: the model's registry name, ``version`` and parameter defaults, or a
        function's code (with its defaults, closure values, the global data it reads
        and the functions of its module it calls; for ``functools.partial`` its
        arguments), the grid, ``errors`` and the gametheory version.  A checkpoint
        of another sweep, or one whose batches were changed, is refused with a
        :class:`GameError` before any point runs.  Other files (an unrelated SQLite
        database, a text file) are refused and left unchanged.
    key
        A name for the function and its version (e.g. ``key="payoff v2"``) that
        identifies it in the checkpoint instead of its code.  Needed when the code
        cannot be read (a builtin or C function, a callable object, a closure over an
        object without a stable description); then change the key whenever the
        function changes.  For a model it is added to the name and version.
    registry
        A mapping name -> model in which a model name is looked up (e.g.
        ``models.registry.MODELS``); a bare name without it is a :class:`GameError`,
        since the engine never imports a models package itself.
    batch_size
        Points per unit of work (and per checkpoint commit).
    progress
        ``True`` forces a progress bar on stderr, ``False`` hides it; ``None`` shows
        it for sweeps longer than a couple of seconds when stderr is a terminal.
    vectorized
        Use ``solve_many`` (default: whenever the model has one) for points given in floats.
    exact
        ``True`` (default): a point whose real-valued parameters are all exact (ints and
        Fractions, on the grid and among the defaults) is computed by the per-point
        ``solve``/``rows``, so its row equals ``gametheory table`` at that point exactly
        (``1/3`` stays ``1/3``); only points with a float go through ``solve_many``.
        ``False``: every point goes through ``solve_many`` in floating point (exact
        values are converted to floats), which is much faster for large exact grids
        (CLI ``--float``).
    errors
        What an exception raised by the model or function at a point does (any
        :class:`Exception`, not only :class:`GameError`).  ``"raise"`` (default):
        the sweep stops with a :class:`SweepPointError` (a :class:`GameError`)
        naming the grid point and the original exception's type and message, which
        is chained as its cause.  ``"record"``: the sweep goes on and that point's
        row gets an ``error`` column, the message of a :class:`GameError` or
        ``"TypeName: message"`` for any other exception; ``error`` is missing on
        the rows that succeeded.  When a vectorized ``solve_many`` raises, its
        batch is redone point by point with ``solve``, so the failing point is
        named (or recorded) the same way.

    Returns
    -------
    pandas.DataFrame
        The parameter columns, then the result columns; one row per point (per
        equilibrium where a point has several).

    Raises
    ------
    GameError
        A bad argument (unknown model, empty or too large grid, a value outside a
        model parameter's range, a checkpoint of another sweep).
    SweepPointError
        The model or function failed at a point (``errors="raise"``).

    Notes
    -----
    A parallel map over a parameter grid; checkpoints rely on SQLite's atomic
    commit (Hipp, SQLite documentation, "Atomic Commit In SQLite").

    References
    ----------
    Hipp, D. R. SQLite documentation, "Atomic Commit In SQLite".

    Examples
    --------
    >>> import gametheory as gt
    >>> df = gt.sweep(lambda x, y: {"total": x + y}, {"x": [1, 2], "y": [10]})
    >>> df.to_dict("list")
    {'x': [1, 2], 'y': [10, 10], 'total': [11, 12]}

    A function may return one row per equilibrium; exact inputs stay exact:

    >>> bos = lambda a: gt.NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> df = gt.sweep(lambda a: [{"p": eq.strategies[0][0]} for eq in gt.solve(bos(a))], {"a": [2]})
    >>> df.to_dict("list")
    {'a': [2, 2, 2], 'equilibrium': [0, 1, 2], 'p': [Fraction(1, 1), Fraction(0, 1), Fraction(2, 3)]}
    """
    if errors not in ("raise", "record"):
        raise GameError(f"errors must be 'raise' or 'record'; got {errors!r}")
    if executor is not None and not isinstance(executor, Executor) and not hasattr(executor, "submit"):
        raise GameError(f"executor must be a concurrent.futures.Executor; got {type(executor).__name__}")
    target = _Target(resolve_target(model_or_fn, registry))
    names, per, frame = grid_points(grid, target)
    pts = _Points(names, per, frame)
    use_vec = target.solve_many is not None if vectorized is None else bool(vectorized)
    if use_vec and target.solve_many is None:
        raise GameError(f"{target.name} has no vectorized solve_many")
    if not isinstance(exact, (bool, np.bool_)):
        raise GameError(f"exact must be True or False; got {exact!r}")
    if use_vec:
        defaults = {k: p.default for k, p in target.obj.parameters.items() if k not in names}
        real = _real_parameters(target.obj)
        # exact points run one by one (see _run_vector_batch): batch them as the per-point path does
        per_point = exact and all(is_exact_number(v) for k, v in defaults.items() if k in real) and pts.any_exact(real)
    if batch_size is None:
        batch_size = 200_000 if use_vec and not per_point else max(1, min(1000, pts.n // 64 or 1))
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise GameError(f"batch_size must be a positive integer; got {batch_size!r}")

    ckpt = None
    if checkpoint is not None:
        components = {
            "target": target_identity(target.obj, target.is_model, key, target.name),
            "grid": pts.fingerprint(""),
            "errors": errors,
            "mode": ("vectorized exact" if exact else "vectorized float") if use_vec else "points",
            "library": _library_version(),
        }
        ckpt = Checkpoint(os.fspath(checkpoint), components, pts.n, int(batch_size), use_vec)
        batch_size = ckpt.batch_size
    elif key is not None and (not isinstance(key, str) or not key.strip()):
        raise GameError(f"key must be a non-empty string naming the function and its version; got {key!r}")
    n_batches = -(-pts.n // batch_size)
    bounds = [(b, b * batch_size, min(pts.n, (b + 1) * batch_size)) for b in range(n_batches)]
    try:
        # every stored batch is verified before any point runs
        results: dict[int, Any] = ckpt.load() if ckpt is not None else {}
    except BaseException:
        ckpt.close()
        raise
    todo = [bd for bd in bounds if bd[0] not in results]

    show = progress if progress is not None else (sys.stderr.isatty() and pts.n >= (10**6 if use_vec else 2000))
    bar = Progress(pts.n, bool(show))
    bar.resume(sum(stop - start for b, start, stop in bounds if b in results))

    def finish(b: int, start: int, stop: int, res: Any) -> None:
        results[b] = ckpt.save(b, start, stop, res) if ckpt is not None else res
        bar.update(stop - start)

    own_pool = None
    try:
        if use_vec:
            for b, start, stop in todo:
                finish(b, start, stop, _run_vector_batch(target, pts, start, stop, defaults, errors, exact))
        else:
            if executor is None and pts.n >= PROCESS_THRESHOLD and len(todo) > 1 and _picklable(target.obj):
                own_pool = executor = process_pool(os.cpu_count() or 1)
            if isinstance(executor, ProcessPoolExecutor) and executor is not own_pool and not _picklable(target.obj):
                raise GameError(
                    f"{target.name} cannot be sent to worker processes (it does not pickle: define its functions "
                    "at module level, not as lambdas or closures), or run it in this process"
                )
            if executor is None:
                for b, start, stop in todo:
                    finish(b, start, stop, _run_points(target, pts.slice(start, stop), start, errors))
            else:
                _run_windowed(executor, target, pts, todo, errors, finish)
    finally:
        bar.close()
        if own_pool is not None:
            own_pool.shutdown(cancel_futures=True)
        if ckpt is not None:
            ckpt.close()

    ordered = [results[b] for b, _, _ in bounds]
    if use_vec:
        df = pd.concat(ordered, ignore_index=True) if ordered else pd.DataFrame(columns=names)
    else:
        rows = [r for part in ordered for _, r in part]
        df = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(columns=names)
    return _order_columns(df, names)


def _run_windowed(
    executor: Executor, target: _Target, pts: _Points, todo: list, errors: str, finish: Callable[..., None]
) -> None:
    """Hand batches to the executor a window at a time and save each as it finishes.

    Submitting everything first would, with an executor that runs work when it is
    handed over, compute the whole grid before saving anything; a bounded window
    keeps the work at risk from a kill to the batches in flight.
    """
    limit = in_flight_limit(executor)
    pending: dict[Future, tuple[int, int, int]] = {}
    queue = iter(todo)
    try:
        while True:
            for b, start, stop in queue:
                pending[executor.submit(_run_points, target, pts.slice(start, stop), start, errors)] = (b, start, stop)
                if len(pending) >= limit:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: pending[f][0]):
                b, start, stop = pending.pop(fut)
                finish(b, start, stop, fut.result())
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise


def _library_version() -> str:
    from . import __version__

    return f"gametheory {__version__}"


def _order_columns(df: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    first = [c for c in names if c in df.columns]
    if "equilibrium" in df.columns:
        first.append("equilibrium")
    rest = [c for c in df.columns if c not in first]
    out = df[first + rest]
    out.attrs["grid"] = list(names)  # which columns are the grid (gametheory.io.sweep_data reads it)
    return out


def _picklable(obj: Any) -> bool:
    try:
        pickle.dumps(obj)
        return True
    except Exception:  # any pickling failure means: run in this process
        return False
