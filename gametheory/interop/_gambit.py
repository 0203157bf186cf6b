"""pygambit games, both forms, through Gambit's own file formats (exact rationals kept).

A :class:`NormalFormGame` travels as ``.nfg`` text and an :class:`ExtensiveFormGame` as
``.efg`` text (:mod:`gametheory.io.gambit` writes and reads them): pygambit keeps rational
payoffs and chance probabilities, player, strategy, action, information-set and outcome
labels, so the round trip is exact (Savani & Turocy 2024).
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import GameError
from ..extensive import ExtensiveFormGame
from ..io.gambit import format_efg, format_nfg, parse_efg, parse_nfg
from ..normal_form import NormalFormGame
from ._common import require

__all__ = ["to_pygambit", "from_pygambit"]


def to_pygambit(game: NormalFormGame | ExtensiveFormGame) -> Any:
    """``game`` as a ``pygambit.Game``: a strategic-form table or a game tree.

    Exact payoffs and chance probabilities stay exact (Gambit rationals); player,
    strategy, action and information-set labels are kept, and so are terminal labels
    that are unique: Gambit 16 keeps outcome names unique, so terminals that share a label
    or have none come back from :func:`from_pygambit` with Gambit's names (``war_1``,
    ``war_2``; ``_1``).  Float payoffs are written as their shortest decimal text, which
    Gambit reads as that decimal.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.

    Returns
    -------
    pygambit.Game

    Raises
    ------
    GameError
        pygambit is not installed, the argument is not a game, or a label Gambit cannot
        hold (printable ASCII with single spaces, none at either end).

    References
    ----------
    Savani, R. & Turocy, T. (2024). Gambit: The package for computation in game theory,
    version 16.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> g = gt.NormalFormGame.from_bimatrix([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, 2]],
    ...                                     player_labels=["Row", "Col"])
    >>> pg = gt.to_pygambit(g)
    >>> [p.label for p in pg.players], str(pg[[0, 0]]["Row"])
    (['Row', 'Col'], '1/3')
    """
    gbt = require("pygambit", "to_pygambit")
    if isinstance(game, NormalFormGame):
        labels = [("player", p) for p in game.player_labels]
        labels += [(f"strategy of {p}", s) for p, ss in zip(game.player_labels, game.strategy_labels) for s in ss]
        _check_labels(labels)
        read, text = gbt.read_nfg, format_nfg(game)
    elif isinstance(game, ExtensiveFormGame):
        game.validate()
        labels = [("player", p) for p in game.players]
        labels += [("action", a) for v in game.preorder() if game.kind(v) != "terminal" for a in game.actions(v)]
        labels += [("information set", h.label) for h in game.infosets if h.label is not None]
        _check_labels(labels)
        read, text = gbt.read_efg, format_efg(game)
    else:
        raise GameError(f"to_pygambit needs a NormalFormGame or an ExtensiveFormGame; got {type(game).__name__}")
    try:
        return read(io.StringIO(text))
    except ValueError as exc:  # pygambit's own checks, beyond the labels checked above
        raise GameError(f"pygambit refuses the game: {exc}") from None


def _check_labels(labels: list) -> None:
    """Gambit 16's rule for labels: printable ASCII and single spaces, no space at either end."""
    for what, lab in labels:
        s = str(lab)
        if s != s.strip(" ") or "  " in s or any(not (32 <= ord(c) < 127) for c in s):
            raise GameError(
                f"pygambit cannot hold the {what} label {s!r}: Gambit labels are printable ASCII with "
                "single spaces and no space at either end; rename it"
            )


def from_pygambit(pygambit_game: Any, exact: bool = True) -> NormalFormGame | ExtensiveFormGame:
    """A gametheory game from a ``pygambit.Game``: a tree gives an :class:`ExtensiveFormGame`,
    a table a :class:`NormalFormGame`.

    Parameters
    ----------
    pygambit_game : pygambit.Game
        The game.
    exact : bool
        Exact payoffs (default: Gambit's rationals and decimals as Fractions) or floats.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    GameError
        pygambit is not installed or the argument is not a pygambit game.

    References
    ----------
    Savani, R. & Turocy, T. (2024). Gambit: The package for computation in game theory,
    version 16.

    Examples
    --------
    >>> import pygambit
    >>> import gametheory as gt
    >>> pd = pygambit.Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")
    >>> g = gt.from_pygambit(pd)
    >>> g.title, g.shape, g.exact
    ('PD', (2, 2), True)
    """
    gbt = require("pygambit", "from_pygambit")
    if not isinstance(pygambit_game, gbt.Game):
        raise GameError(f"from_pygambit needs a pygambit.Game; got {type(pygambit_game).__name__}")
    if pygambit_game.is_tree:
        return parse_efg(pygambit_game.to_efg(), exact)
    return parse_nfg(pygambit_game.to_nfg(), exact)
