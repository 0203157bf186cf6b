"""The one list of models: ``MODELS`` maps a name to a :class:`Model`.

Tables, sweeps, the CLI and plots use only this interface, so a model registered
here gets all of them for free.  Each family's adapter module (``models/<family>/_registry.py``,
listed in :data:`MODEL_MODULES`) calls :func:`register` at import; ``MODELS`` imports
them all the first time it is read, and an adapter that fails to import raises.
The engine never imports this module: callers hand ``MODELS`` (or a model) to
:func:`gametheory.sweep`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from gametheory.errors import GameError

from .parameters import Parameter

__all__ = ["Model", "Parameter", "MODELS", "register", "get_model", "MODEL_MODULES", "UnknownModelError"]

#: the modules that register the models (each family's adapters, apart from its math)
MODEL_MODULES = (
    "models.collective._registry",
    "models.alliance._registry",
    "models.deterrence._registry",
    "models.crisis._registry",
    "models.arms_race._registry",
    "models.voting._registry",
    "models.reputation._registry",
)


@dataclass(frozen=True)
class Model:
    """A registered model: ``solve(**params) -> dict`` returns one flat table row.

    ``solve_many(**arrays) -> dict of arrays`` is an optional vectorized twin used by
    sweeps over large grids.  ``rows(**params) -> list[dict]`` optionally returns one
    row per equilibrium when a point has several (numbered in the column ``row_index``;
    ``None`` when the rows carry their own identifier, e.g. one row per ally).

    ``columns`` maps every column that ``solve`` adds to the parameters to a one-line
    description (the column dictionary of the reference docs); ``row_columns`` does the
    same for the columns of ``rows`` that ``columns`` does not describe (a table with one
    row per ally, member or class, as ``gametheory table`` prints it).

    ``version`` names the model's current formulas: bump it whenever a change alters
    any result, so that sweep checkpoints written by the old code are refused rather
    than mixed with new rows.  A registered model pickles as its name (and version):
    a worker process (a process pool, dask) looks it up in its own registry, so no
    closure has to travel.
    """

    name: str
    title: str
    source: str
    parameters: Mapping[str, Parameter]
    solve_fn: Callable[..., dict]
    solve_many: Callable[..., dict] | None = None
    rows_fn: Callable[..., list] | None = None
    description: str = ""
    family: str = ""
    row_index: str | None = "equilibrium"
    extra: Mapping[str, Any] = field(default_factory=dict)
    version: str = "1"
    columns: Mapping[str, str] = field(default_factory=dict)
    row_columns: Mapping[str, str] = field(default_factory=dict)

    def __reduce_ex__(self, protocol: Any) -> Any:
        module = getattr(self.solve_fn, "__module__", None)
        if _REGISTRY.get(self.name) is self and module not in (None, "__main__"):
            return _registered_model, (self.name, self.version, module)
        return super().__reduce_ex__(protocol)

    def defaults(self) -> dict[str, Any]:
        return {k: p.default for k, p in self.parameters.items()}

    def check_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(params) - set(self.parameters)
        if unknown:
            raise GameError(
                f"model {self.name!r} has no parameter(s) {', '.join(sorted(unknown))}; "
                f"its parameters are {', '.join(self.parameters)}"
            )
        full = self.defaults()
        for k, v in params.items():
            full[k] = self.parameters[k].check(k, v)
        return full

    def solve(self, **params: Any) -> dict:
        """One flat row: parameter values, equilibrium values, outcome labels."""
        full = self.check_params(params)
        row = dict(full)
        row.update(self.solve_fn(**full))
        return row

    def rows(self, **params: Any) -> list[dict]:
        """One row per equilibrium (with an ``equilibrium`` index) where the model has several."""
        full = self.check_params(params)
        if self.rows_fn is None:
            return [self.solve(**full)]
        out = []
        for k, r in enumerate(self.rows_fn(**full)):
            row = dict(full)
            if self.row_index is not None:
                row[self.row_index] = k
            row.update(r)
            out.append(row)
        return out


class UnknownModelError(GameError, KeyError):
    """No model is registered under that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


_REGISTRY: dict[str, Model] = {}
_loaded = False


def register(model: Model) -> Model:
    """Add a model to the registry (called by model modules at import)."""
    if model.name in _REGISTRY and _REGISTRY[model.name] is not model:
        existing = _REGISTRY[model.name]
        if existing.solve_fn.__qualname__ != model.solve_fn.__qualname__:
            raise GameError(f"two models are registered under the name {model.name!r}")
    _REGISTRY[model.name] = model
    return model


def _load_all() -> None:
    """Import every model module once; a module that fails to import raises (never skipped)."""
    global _loaded
    if _loaded:
        return
    for mod in MODEL_MODULES:
        importlib.import_module(mod)
    _loaded = True


class _Models(Mapping):
    def __getitem__(self, name: str) -> Model:
        _load_all()
        try:
            return _REGISTRY[name]
        except KeyError:
            raise UnknownModelError(f"unknown model {name!r}; known models: {', '.join(sorted(_REGISTRY))}") from None

    def __iter__(self) -> Iterator[str]:
        _load_all()
        return iter(sorted(_REGISTRY))

    def __len__(self) -> int:
        _load_all()
        return len(_REGISTRY)

    def __contains__(self, name: object) -> bool:
        _load_all()
        return name in _REGISTRY


MODELS: Mapping[str, Model] = _Models()


def _registered_model(name: str, version: str, module: str) -> Model:
    """A registered model in a worker process, by name (what a pickled registered model holds)."""
    _load_all()
    if name not in _REGISTRY:
        importlib.import_module(module)  # a model registered outside MODEL_MODULES registers on import
    model = MODELS[name]
    if model.version != version:
        raise GameError(
            f"model {name!r}: this worker has version {model.version!r} but the sweep runs version {version!r}; "
            "install the same models package everywhere"
        )
    return model


def get_model(name: str) -> Model:
    """The registered model called ``name`` (a :class:`GameError` if unknown)."""
    return MODELS[name]
