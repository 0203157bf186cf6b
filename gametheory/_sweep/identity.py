"""What a checkpoint's results depend on: a canonical description of the swept target.

A registered model is identified by its name, its ``version`` and its parameter
defaults.  A Python function by its code (bytecode, constants and names of the
function and of the functions nested in it), its default arguments, the values it
closes over, the data it reads from module globals and, recursively, the functions
of its own module that it calls; ``functools.partial`` and bound methods add their
arguments.  Comments, formatting, the function's name and its position in the file
do not count.  A callable that has no Python code (a builtin, a C extension, an
instance with ``__call__``) or closes over a value that cannot be described needs an
explicit ``key=`` from the user, which then stands for the function's identity.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import sys
import types
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ..errors import GameError


class _NoIdentity(Exception):
    """The target (or something it depends on) cannot be described; key= is needed."""


def model_identity(obj: Any) -> list:
    """A registered model: its name, version and parameter defaults."""
    params = getattr(obj, "parameters", {}) or {}
    defaults = [[str(k), _value(getattr(p, "default", None), set())] for k, p in params.items()]
    return ["model", str(getattr(obj, "name", "")), str(getattr(obj, "version", "")), defaults]


def target_identity(obj: Any, is_model: bool, key: str | None, label: str) -> str:
    """The canonical text that identifies ``obj`` for a checkpoint (GameError if it cannot)."""
    if key is not None:
        if not isinstance(key, str) or not key.strip():
            raise GameError(f"key must be a non-empty string naming the function and its version; got {key!r}")
        base = model_identity(obj) if is_model else []
        return json.dumps(["key", key, base], sort_keys=True)
    if is_model:
        return json.dumps(model_identity(obj), sort_keys=True)
    try:
        try:
            desc = _callable(obj, set())
        except RecursionError:
            raise _NoIdentity("it depends on values nested too deeply to describe") from None
    except _NoIdentity as exc:
        raise GameError(
            f"cannot checkpoint {label}: {exc}, so a changed function could not be told apart from this one; "
            "pass key='...' naming the function and its version (e.g. key='payoff v2') and change the key "
            "whenever the function changes"
        ) from None
    return json.dumps(["python", list(sys.version_info[:2]), desc], sort_keys=True)


def _callable(fn: Any, seen: set[int]) -> Any:
    if id(fn) in seen:
        return ["recursive", getattr(fn, "__qualname__", "?")]
    seen = seen | {id(fn)}
    if isinstance(fn, functools.partial):
        kw = [[k, _value(v, seen)] for k, v in sorted(fn.keywords.items())]
        return ["partial", _callable(fn.func, seen), [_value(a, seen) for a in fn.args], kw]
    if isinstance(fn, types.MethodType):
        return ["method", _callable(fn.__func__, seen), _value(fn.__self__, seen)]
    if hasattr(fn, "parameters") and hasattr(fn, "solve") and not isinstance(fn, types.FunctionType):
        return model_identity(fn)
    if not isinstance(fn, types.FunctionType):
        raise _NoIdentity(f"{getattr(fn, '__qualname__', type(fn).__name__)} has no Python code to read")
    code = fn.__code__
    closure = [_cell(c, seen) for c in (fn.__closure__ or ())]
    kwdefaults = [[k, _value(v, seen)] for k, v in sorted((fn.__kwdefaults__ or {}).items())]
    globals_ = []
    for name in sorted(_names(code)):
        if name in fn.__globals__:
            desc = _global(fn.__globals__[name], fn.__globals__, seen)
            if desc is not None:
                globals_.append([name, desc])
    return ["function", _code(code), _value(fn.__defaults__, seen), kwdefaults, closure, globals_]


def _cell(cell: Any, seen: set[int]) -> Any:
    try:
        value = cell.cell_contents
    except ValueError:  # an empty cell (a name assigned after the function was made)
        return ["empty"]
    return _value(value, seen)


def _names(code: types.CodeType) -> set[str]:
    out = set(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            out |= _names(c)
    return out


def _code(code: types.CodeType) -> list:
    return [
        code.co_code.hex(),
        [_const(c) for c in code.co_consts],
        list(code.co_names),
        list(code.co_varnames),
        list(code.co_freevars),
        list(code.co_cellvars),
        code.co_argcount,
        code.co_kwonlyargcount,
    ]


def _const(c: Any) -> Any:
    if isinstance(c, types.CodeType):
        return ["code", _code(c)]
    if isinstance(c, (tuple, frozenset)):
        items = [_const(x) for x in c]
        if isinstance(c, frozenset):  # set order depends on string hashing, which varies per process
            items = sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        return [type(c).__name__, items]
    return [type(c).__name__, repr(c)]


def _global(value: Any, module_globals: dict, seen: set[int]) -> Any:
    """A global the function reads: data by value, same-module functions by code; None to skip."""
    if isinstance(value, types.ModuleType):
        return ["module", value.__name__]
    if isinstance(value, type):
        return ["class", value.__module__, value.__qualname__]
    if isinstance(value, types.FunctionType):
        if value.__globals__ is module_globals:
            try:
                return _callable(value, seen)
            except _NoIdentity:
                pass
        return ["function", value.__module__, value.__qualname__]  # library code: its version counts
    if callable(value) and not isinstance(value, functools.partial):
        return ["callable", getattr(value, "__module__", None), getattr(value, "__qualname__", type(value).__name__)]
    try:
        return _value(value, seen)
    except _NoIdentity:
        return None  # an object without a stable description (a logger, a cache): not part of the results


def _value(v: Any, seen: set[int]) -> Any:
    if v is None or isinstance(v, (bool, int, float, complex, str, bytes, Fraction, Decimal)):
        return [type(v).__name__, repr(v)]
    if isinstance(v, np.generic):
        return ["numpy", v.dtype.str, repr(v.item())]
    if isinstance(v, np.ndarray):
        if v.dtype.kind == "O":
            return ["ndarray", list(v.shape), [_value(x, seen) for x in v.ravel()]]
        return ["ndarray", v.dtype.str, list(v.shape), hashlib.sha256(np.ascontiguousarray(v).tobytes()).hexdigest()]
    if isinstance(v, (pd.DataFrame, pd.Series)):
        h = hashlib.sha256(pd.util.hash_pandas_object(v, index=True).to_numpy().tobytes())
        cols = list(map(str, v.columns)) if isinstance(v, pd.DataFrame) else [str(v.name)]
        return ["pandas", cols, [str(d) for d in (v.dtypes if isinstance(v, pd.DataFrame) else [v.dtype])], h.hexdigest()]
    if id(v) in seen:
        return ["recursive"]
    if isinstance(v, (tuple, list)):
        return [type(v).__name__, [_value(x, seen | {id(v)}) for x in v]]
    if isinstance(v, dict):
        return ["dict", [[_value(k, seen), _value(x, seen | {id(v)})] for k, x in v.items()]]
    if isinstance(v, (set, frozenset)):
        items = [_value(x, seen) for x in v]
        return [type(v).__name__, sorted(items, key=lambda x: json.dumps(x, sort_keys=True))]
    if isinstance(v, enum.Enum):
        return ["enum", type(v).__module__, type(v).__qualname__, v.name]
    if isinstance(v, types.ModuleType):
        return ["module", v.__name__]
    if isinstance(v, type):
        return ["class", v.__module__, v.__qualname__]
    if isinstance(v, (types.FunctionType, functools.partial, types.MethodType)):
        return _callable(v, seen)
    if hasattr(v, "parameters") and hasattr(v, "solve"):
        return model_identity(v)
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        fields = [[f.name, _value(getattr(v, f.name), seen | {id(v)})] for f in dataclasses.fields(v)]
        return ["dataclass", type(v).__module__, type(v).__qualname__, fields]
    raise _NoIdentity(f"it depends on a {type(v).__name__} value that has no stable description")
