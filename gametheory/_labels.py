"""Looking results up by label: ``eq["Challenger"]["fight"]`` as in pygambit's profiles.

A :class:`LabelMap` is a read-only mapping label -> value that also takes a position
(``eq[0][1]``); an unknown label or an index out of range is an
:class:`~gametheory.errors.UnknownLabelError` naming it and the valid ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator, Sequence

import numpy as np

from ._numtext import repr_text
from .errors import UnknownLabelError

__all__ = ["LabelMap", "label_index"]

_SHOWN = 20  # labels listed in an error message before "..."


def label_index(key: Any, labels: Sequence[str], what: str, owner: str | None = None) -> int:
    """Position of ``key`` in ``labels``: a label (str) or an index (int).

    ``what`` names the kind of label (``"player"``, ``"strategy"``), ``owner`` whose
    labels they are (a player's name; ``None``: the game's).
    """
    n = len(labels)
    if isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_)):
        k = int(key)
        if -n <= k < n:
            return k % n
    elif isinstance(key, str):
        for k, lab in enumerate(labels):
            if lab == key:
                return k
    shown = ", ".join(repr(str(x)) for x in labels[:_SHOWN]) + (", ..." if n > _SHOWN else "")
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    whose = f"{owner} has" if owner is not None else "the game has"
    their = "its" if owner is not None else "the"
    raise UnknownLabelError(f"{whose} no {what} {key!r}; {their} {plural} are {shown} (or an index 0 to {n - 1})")


class LabelMap(Mapping):
    """A read-only mapping label -> value that also accepts a position.

    ``m["fight"]`` and ``m[1]`` (the second entry) give the same value; iteration,
    ``keys()``, ``items()`` and ``dict(m)`` use the labels.
    """

    __slots__ = ("_labels", "_values", "_what", "_owner")

    def __init__(self, labels: Sequence[str], values: Sequence[Any], what: str, owner: str | None = None) -> None:
        self._labels = tuple(labels)
        self._values = tuple(values)
        self._what = what
        self._owner = owner

    def __getitem__(self, key: Any) -> Any:
        return self._values[label_index(key, self._labels, self._what, self._owner)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, key: object) -> bool:
        return key in self._labels

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: {repr_text(v) if not isinstance(v, LabelMap) else repr(v)}" for k, v in self.items()) + "}"
