"""Games and equilibria as JSON, exact values kept exact.

Fractions are written as strings ``"a/b"`` (JSON numbers cannot hold them) and
read back as Fractions; floats stay JSON numbers.  A game document is::

    {"type": "normal_form", "title": ..., "players": [...], "strategies": [[...], ...],
     "exact": true, "payoffs": [<nested lists, one array per player>]}
"""

from __future__ import annotations

import json
import re
import os
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..numbers import json_dumps, parse_number, rational_text
from ._textfile import read_text
from ..errors import GameError, ParseError
from ..normal_form import NormalFormGame

__all__ = ["game_to_json", "game_from_json", "equilibria_to_json", "read_json", "write_json", "encode", "decode"]


_RATIONAL = re.compile(r"([+-]?[0-9]+)/([0-9]+)")


def encode(x: Any) -> Any:
    """A JSON-ready value: Fractions as ``"a/b"`` strings, arrays as lists."""
    if isinstance(x, Fraction):
        return int(x.numerator) if x.denominator == 1 else rational_text(x)
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            return None
        return float(x)
    if isinstance(x, np.ndarray):
        return [encode(v) for v in x.tolist()] if x.dtype != object else [encode(v) for v in x]
    if isinstance(x, (list, tuple)):
        return [encode(v) for v in x]
    if isinstance(x, dict):
        return {str(k): encode(v) for k, v in x.items()}
    return x


def decode(x: Any) -> Any:
    """Inverse of :func:`encode` for numbers: ``"a/b"`` strings become Fractions
    (through :func:`gametheory.numbers.parse_number`; other strings stay strings)."""
    if isinstance(x, str) and "/" in x:
        try:
            return parse_number(x)
        except ParseError:
            return x
    if isinstance(x, list):
        return [decode(v) for v in x]
    return x


class _BadNumber(Exception):
    def __init__(self, token: str, error: ParseError):
        self.token, self.error = token, error


def _number_hook(exact: bool):
    def hook(token: str) -> Any:
        try:
            x = parse_number(token, "a number")
        except ParseError as exc:
            raise _BadNumber(token, exc) from None
        if not exact:
            return float(x)
        return int(x) if x.denominator == 1 else x

    return hook


def _refuse_constant(token: str) -> Any:
    raise _BadNumber(token, ParseError(f"{token} is not a finite number"))


def _line_of(text: str, token: str) -> int | None:
    at = text.find(token)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _strict_decode(x: Any, text: str) -> Any:
    if isinstance(x, str):
        try:
            return parse_number(x, "a payoff")
        except ParseError as exc:
            raise ParseError(str(exc), _line_of(text, f'"{x}"')) from None
    if isinstance(x, list):
        return [_strict_decode(v, text) for v in x]
    return x


def game_to_json(game: NormalFormGame) -> str:
    """JSON text of a normal-form game (exact payoffs as ``"a/b"`` strings)."""
    if not isinstance(game, NormalFormGame):
        raise GameError(f"game_to_json needs a NormalFormGame; got {type(game).__name__}")
    doc = {
        "type": "normal_form",
        "title": game.title,
        "players": list(game.player_labels),
        "strategies": [list(s) for s in game.strategy_labels],
        "exact": game.exact,
        "payoffs": [encode(a) for a in game.payoffs],
    }
    return json_dumps(doc, indent=1) + "\n"


def game_from_json(text: str) -> NormalFormGame:
    """A normal-form game from :func:`game_to_json` output."""
    try:
        # JSON numbers go through the library's bounded parser: ints with more digits
        # than Python converts, 1e400 (inf) and NaN/Infinity are ParseErrors, not crashes
        doc = json.loads(
            text, parse_int=_number_hook(True), parse_float=_number_hook(True), parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except _BadNumber as bad:
        raise ParseError(str(bad.error), _line_of(text, bad.token)) from None
    except RecursionError:
        raise ParseError("the JSON document is nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("type") != "normal_form":
        raise ParseError("not a normal-form game document (need \"type\": \"normal_form\")")
    for key in ("players", "strategies", "payoffs"):
        if key not in doc:
            raise ParseError(f"the game document has no {key!r}")
    exact = bool(doc.get("exact", False))
    payoffs = _strict_decode(doc["payoffs"], text)
    if not exact:  # a float game's JSON numbers: read exactly above, rounded once here
        payoffs = _to_float(payoffs)
    return NormalFormGame(
        payoffs,
        player_labels=doc["players"],
        strategy_labels=doc["strategies"],
        exact=exact,
        title=str(doc.get("title", "")),
    )


def _to_float(x: Any) -> Any:
    if isinstance(x, list):
        return [_to_float(v) for v in x]
    return float(x) if isinstance(x, (int, Fraction)) and not isinstance(x, bool) else x


def equilibria_to_json(equilibria: Sequence[Any]) -> str:
    """JSON list of equilibria: strategies, payoffs, method, exactness, tolerance."""
    out = []
    for k, eq in enumerate(equilibria):
        out.append(
            {
                "equilibrium": k,
                "strategies": encode(eq.strategies),
                "payoffs": encode(eq.payoffs),
                "method": getattr(eq, "method", ""),
                "exact": bool(getattr(eq, "exact", False)),
                "tol": float(getattr(eq, "tol", 0.0)),
            }
        )
    return json_dumps(out, indent=1) + "\n"


def read_json(path: str | os.PathLike) -> NormalFormGame:
    """Read a game written by :func:`write_json` (regular files only, 64 MiB cap: see
    :mod:`gametheory.io._textfile`)."""
    return game_from_json(read_text(path))


def write_json(game: NormalFormGame, path: str | os.PathLike) -> None:
    """Write a game as JSON, atomically."""
    from ._atomic import write_atomic

    write_atomic(path, game_to_json(game))
