"""Bounded enumeration: the ``limit``, ``on_limit`` and ``progress`` options of the enumerators.

A game can have exponentially many equilibria (the ``k x k`` identity game has
``2^k - 1``), so every enumerator (``support_enumeration``, ``vertex_enumeration``,
``pure_equilibria``, ``polynomial_equilibria`` and ``solve``) takes, like
:func:`gametheory.backward_induction`:

``limit`` (default ``DEFAULT_LIMIT`` = 10,000, the same as backward induction's)
    More equilibria than ``limit`` raise :class:`EquilibriumLimitError` (a
    :class:`gametheory.SolverError`) naming the count, or "more than ``limit``" when the
    enumeration stopped early; ``limit=None`` lists them all.
    :func:`gametheory.count_equilibria` counts without listing.
``on_limit="warn"``
    Instead of raising, return ``limit`` of them (a subset of the full set, each with
    ``params["complete"] = False``) with an :class:`IncompleteResultWarning`.
``progress``
    ``progress(done, total)`` is called from time to time with a non-decreasing count of
    work units done (support profiles, support pairs, polytope vertices, as each method
    documents) and ``total`` (``None`` while unknown).
"""

from __future__ import annotations

import math
import sys
import time
import warnings
from typing import Any, Callable, TextIO

from ..errors import InvalidGameError, SolverError

#: The default ``limit`` of every enumerator; equal to backward induction's (a test checks).
DEFAULT_LIMIT = 10_000

__all__ = [
    "DEFAULT_LIMIT",
    "ON_LIMIT",
    "EquilibriumLimitError",
    "IncompleteResultWarning",
    "ProgressLine",
    "eta_text",
    "check_limit",
    "check_on_limit",
    "check_progress",
    "over_limit",
    "apply_limit",
]

ON_LIMIT = ("raise", "warn")

Progress = Callable[[int, "int | None"], Any]


class IncompleteResultWarning(UserWarning):
    """A solver returned some equilibria but not necessarily all (``complete=False``).

    References
    ----------
    See :mod:`gametheory.solvers.limits` (bounded enumeration).

    Examples
    --------
    The 4 x 4 identity game has 15 equilibria; ``on_limit="warn"`` returns 5 of them:

    >>> import warnings
    >>> import gametheory as gt
    >>> eye = [[int(i == j) for j in range(4)] for i in range(4)]
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     eqs = gt.solve(gt.NormalFormGame.from_bimatrix(eye, eye), limit=5, on_limit="warn")
    >>> len(eqs), caught[0].category.__name__, eqs[0].params["complete"]
    (5, 'IncompleteResultWarning', False)
    """


class EquilibriumLimitError(SolverError):
    """A game has more equilibria than the ``limit`` passed to the enumerator.

    A :class:`SolverError`; ``limit`` and ``count`` (None when the enumeration stopped
    early: "more than") are attributes.

    Parameters
    ----------
    message : str
        The message.
    limit : int
        The limit passed.
    count : int or None
        The number of equilibria, when known.

    References
    ----------
    See :mod:`gametheory.solvers.limits` (bounded enumeration).

    Examples
    --------
    >>> import gametheory as gt
    >>> eye = [[int(i == j) for j in range(4)] for i in range(4)]
    >>> try:
    ...     gt.solve(gt.NormalFormGame.from_bimatrix(eye, eye), limit=5)
    ... except gt.EquilibriumLimitError as exc:
    ...     print(exc.limit, exc.count)
    5 15
    """

    def __init__(self, message: str, limit: int, count: int | None) -> None:
        super().__init__(message)
        self.limit = limit
        #: the exact number of equilibria, or None when only "more than limit" is known
        self.count = count


def check_limit(limit: Any) -> None:
    """``limit`` is a positive int or None (the rule of :func:`backward_induction`)."""
    import numpy as np

    if limit is not None and (not isinstance(limit, (int, np.integer)) or isinstance(limit, bool) or limit < 1):
        raise InvalidGameError(f"limit must be a positive int or None; got {limit!r}")


def check_on_limit(on_limit: Any) -> None:
    if on_limit not in ON_LIMIT:
        raise InvalidGameError(f"on_limit must be one of {ON_LIMIT}; got {on_limit!r}")


def check_progress(progress: Any) -> None:
    if progress is not None and not callable(progress):
        raise InvalidGameError(f"progress must be a callable progress(done, total) or None; got {progress!r}")


def check_options(limit: Any, on_limit: Any, progress: Any) -> None:
    check_limit(limit)
    check_on_limit(on_limit)
    check_progress(progress)


def over_limit(who: str, limit: int, count: int | None, on_limit: str, kept: list) -> list:
    """Raise :class:`EquilibriumLimitError`, or warn and return ``kept`` flagged incomplete."""
    many = f"more than {limit}" if count is None else str(count)
    msg = (
        f"{who}: the game has {many} equilibria (limit={limit}); raise limit= (or limit=None) to list them, "
        "count them with gametheory.count_equilibria(game), or pass on_limit='warn' to get "
        f"{limit} of them"
    )
    if on_limit == "raise":
        raise EquilibriumLimitError(msg, limit, count)
    warnings.warn(f"{msg}; returning {limit} of them (complete=False)", IncompleteResultWarning, stacklevel=3)
    for e in kept:
        e.params["complete"] = False
    return kept


def apply_limit(eqs: list, who: str, limit: int | None, on_limit: str) -> list:
    """``eqs`` if within ``limit``; otherwise :func:`over_limit` with the exact count."""
    if limit is None or len(eqs) <= limit:
        return eqs
    return over_limit(who, limit, len(eqs), on_limit, eqs[:limit])


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m{int(seconds % 60):02d}s"
    return f"{int(seconds // 3600)}h{int(seconds % 3600 // 60):02d}m"


def eta_text(elapsed: float, done: int, total: int | None, start: int = 0) -> str:
    """``"ETA 12.3s"`` from the rate so far, or ``"ETA --"`` while it cannot be known.

    The rate counts the work done in this run (``done - start``: points resumed from a
    checkpoint cost no time), so nothing done yet, no elapsed time or no ``total`` give
    ``"ETA --"``, never a NaN or an infinity.
    """
    if total is None or total <= 0:
        return "ETA --"
    if done >= total:
        return "ETA 0.0s"
    work = done - start
    if work <= 0 or not (math.isfinite(elapsed) and elapsed > 0):
        return "ETA --"
    return f"ETA {_duration(elapsed * (total - done) / work)}"


class ProgressLine:
    """A ``progress(done, total)`` callback drawing one updating line on a stream (stderr).

    At most five redraws a second, with an ETA once ``total`` is known; ``close()`` ends
    the line.  No dependency.
    """

    def __init__(self, label: str = "solve", unit: str = "steps", stream: TextIO | None = None) -> None:
        self.label, self.unit = label, unit
        self.stream = stream if stream is not None else sys.stderr
        self.t0 = time.monotonic()
        self.last = -1.0
        self.drawn = False
        self.width = 0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and (total is None or done < total):
            return
        self.last = now
        of = f"/{total}" if total else ""
        pct = f" ({100 * done / total:.0f}%)" if total else ""
        eta = f", {eta_text(now - self.t0, done, total)}" if total else ""
        text = f"{self.label}: {done}{of} {self.unit}{pct}, {now - self.t0:.1f}s elapsed{eta}"
        # spaces wipe the rest of a longer previous line (no terminal escape codes: stderr may be a file)
        self.stream.write(f"\r{text}{' ' * max(0, self.width - len(text))}")
        self.width = len(text)
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
