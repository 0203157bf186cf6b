"""Model parameters: each default, range and meaning written once.

A :class:`Parameter` is one parameter's spec (default, allowed range, description).
A *parameter bundle* is a frozen dataclass whose fields are made with :func:`param`:
it holds the defaults of one parameter set once, for the model functions (their
signatures read the defaults from the bundle instance) and for the registry
(:func:`parameters_of` turns the fields into :class:`Parameter` specs).  Sets that
share parameters share the fields (:func:`same_as`), so no default or range is
written twice.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from gametheory.errors import GameError
from gametheory import check_finite

__all__ = ["Parameter", "param", "same_as", "parameters_of"]


@dataclass(frozen=True)
class Parameter:
    """A model parameter: its default, allowed range and meaning.

    The range is closed unless ``low_open``/``high_open`` say a bound itself is excluded
    (a discount factor in [0, 1), a cost share in (0, 1)); the CLI lists it that way and
    sweeps reject a grid that reaches an excluded bound before running any point.
    ``kind=str`` is free text that the model parses (a list of allies); ``words`` are text
    values accepted besides the numeric range (a year, or ``"all"``).
    """

    default: Any
    low: Any = None
    high: Any = None
    description: str = ""
    kind: type = float
    choices: tuple = ()
    low_open: bool = False
    high_open: bool = False
    words: tuple = ()

    def range_text(self) -> str:
        """The range in interval notation, e.g. ``[0, 1)`` or ``(> 0)``."""
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        if self.kind is str:
            text = "text"
        elif self.low is not None and self.high is not None:
            text = f"{lo}{self.low}, {self.high}{hi}"
        elif self.low is not None:
            text = f"({'>' if self.low_open else '>='} {self.low})"
        elif self.high is not None:
            text = f"({'<' if self.high_open else '<='} {self.high})"
        else:
            text = ""
        return " or ".join(t for t in (text, *self.words) if t)

    def below(self, value: Any) -> Any:
        """Whether ``value`` (a number or a numpy array) falls below the range."""
        return value <= self.low if self.low_open else value < self.low

    def above(self, value: Any) -> Any:
        """Whether ``value`` (a number or a numpy array) falls above the range."""
        return value >= self.high if self.high_open else value > self.high

    def check(self, name: str, value: Any) -> Any:
        if self.choices:
            if value not in self.choices:
                raise GameError(f"parameter {name}={value!r} must be one of {self.choices}")
            return value
        if self.kind is str:  # free text (e.g. a list of allies): the model parses and checks it
            if not isinstance(value, str) or not value.strip():
                raise GameError(f"parameter {name}={value!r} must be a non-empty text")
            return value.strip()
        if isinstance(value, str) and value.strip().lower() in self.words:
            return value.strip().lower()
        check_finite(name, value)  # the one rule for inf/nan, shared with sweeps and the CLI
        try:
            if self.kind is bool:
                return bool(value)
            if isinstance(value, str):
                from gametheory.io import parse_number

                if not any(c.isdigit() for c in value):
                    raise GameError(f"parameter {name}={value!r} is not a number")
                x = parse_number(value, f"a number for parameter {name}")
                value = int(x) if x.denominator == 1 else x
        except GameError:
            raise
        except (TypeError, ValueError):
            raise GameError(f"parameter {name}={value!r} is not a number") from None
        check_finite(name, value)
        if self.low is not None and self.below(value):
            raise GameError(f"parameter {name}={value} is below its range {self.range_text()}")
        if self.high is not None and self.above(value):
            raise GameError(f"parameter {name}={value} is above its range {self.range_text()}")
        if self.kind is int and int(value) != value:
            raise GameError(f"parameter {name}={value} must be an integer")
        return int(value) if self.kind is int else value


def param(
    default: Any,
    low: Any = None,
    high: Any = None,
    description: str = "",
    *,
    kind: type = float,
    choices: tuple = (),
    low_open: bool = False,
    high_open: bool = False,
    words: tuple = (),
) -> Any:
    """A bundle field: ``default`` with its range and meaning (the arguments of :class:`Parameter`)."""
    spec = Parameter(default, low, high, description, kind=kind, choices=choices, low_open=low_open,
                     high_open=high_open, words=words)
    return dataclasses.field(default=default, metadata={"parameter": spec})


def same_as(bundle: type, name: str, **changes: Any) -> Any:
    """A field of another bundle, reused (``changes`` replace parts of its spec, e.g. ``default``)."""
    spec = dataclasses.replace(_spec(bundle, name), **changes)
    return dataclasses.field(default=spec.default, metadata={"parameter": spec})


def _spec(bundle: Any, name: str) -> Parameter:
    for f in dataclasses.fields(bundle):
        if f.name == name:
            return f.metadata["parameter"]
    raise KeyError(f"{getattr(bundle, '__name__', bundle)!r} has no parameter {name!r}")


def parameters_of(bundle: Any, *, exclude: tuple = (), **changes: dict) -> dict[str, Parameter]:
    """The registry's parameter specs of a bundle, in field order.

    ``exclude`` leaves fields out (e.g. an optional parameter whose default is
    ``None``); ``name={"default": x}`` changes a field's spec for the registry.
    """
    out = {}
    for f in dataclasses.fields(bundle):
        if f.name in exclude:
            continue
        spec = f.metadata["parameter"]
        out[f.name] = dataclasses.replace(spec, **changes.get(f.name, {}))
    unknown = set(changes) - set(out)
    if unknown:
        raise KeyError(f"parameters_of: no parameter(s) {sorted(unknown)}")
    return out
