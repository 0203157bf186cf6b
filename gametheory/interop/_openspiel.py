"""OpenSpiel games (Lanctot et al. 2019): matrix and tensor games, and game trees.

OpenSpiel computes in doubles, so payoffs and chance probabilities become floats there;
``max_denominator`` recovers fractions on the way back (as for nashpy).  A tree goes to
OpenSpiel as Gambit ``.efg`` text (its ``efg_game`` reads Gambit's format); any sequential
OpenSpiel game comes back by walking its states, information sets grouped by
``information_state_string``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import GameError, InvalidGameError
from ..extensive import ExtensiveFormGame
from ..io.gambit import format_efg
from ..normal_form import NormalFormGame
from ._common import payoff_arrays_back, require

__all__ = ["to_openspiel", "from_openspiel", "MAX_NODES"]

#: from_openspiel refuses trees with more histories than this (chess would never end).
MAX_NODES = 1_000_000


def to_openspiel(game: NormalFormGame | ExtensiveFormGame) -> Any:
    """``game`` as an OpenSpiel game: a ``MatrixGame`` (two players), a ``TensorGame``
    (other normal-form games) or an ``efg_game`` (a tree).

    Strategy and action labels are kept; payoffs and chance probabilities become floats
    (:func:`from_openspiel` with ``max_denominator`` recovers fractions).

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.

    Returns
    -------
    pyspiel.Game

    Raises
    ------
    GameError
        OpenSpiel (``pip install open_spiel``) is not installed, or not a game.

    References
    ----------
    Lanctot, M. et al. (2019). OpenSpiel: A framework for reinforcement learning in games.
    arXiv:1908.09453.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
    ...                                       strategy_labels=[["O", "F"], ["O", "F"]])
    >>> sg = gt.to_openspiel(bos)  # doctest: +SKIP
    >>> sg.num_rows(), sg.row_action_name(1), sg.player_utility(1, 1, 1)  # doctest: +SKIP
    (2, 'F', 2.0)
    """
    spiel = require("pyspiel", "to_openspiel")
    if isinstance(game, NormalFormGame):
        arrays = [np.asarray(a, dtype=float) for a in game.payoffs]
        name = game.title or "gametheory"
        labels = [list(s) for s in game.strategy_labels]
        if game.n_players == 2:
            return spiel.create_matrix_game(name, name, labels[0], labels[1], arrays[0].tolist(), arrays[1].tolist())
        return spiel.create_tensor_game(name, name, labels, [a.ravel().tolist() for a in arrays])
    if isinstance(game, ExtensiveFormGame):
        return spiel.load_efg_game(format_efg(game))
    raise GameError(f"to_openspiel needs a NormalFormGame or an ExtensiveFormGame; got {type(game).__name__}")


def _number(x: float, exact: bool | None, max_denominator: int | None) -> Any:
    if max_denominator is not None:
        return Fraction(float(x)).limit_denominator(max_denominator)
    return Fraction(float(x)) if exact else float(x)


def from_openspiel(
    openspiel_game: Any,
    exact: bool | None = None,
    max_denominator: int | None = None,
    player_labels: Sequence[str] | None = None,
) -> NormalFormGame | ExtensiveFormGame:
    """A gametheory game from an OpenSpiel game: a one-shot simultaneous game (matrix or
    tensor game) gives a :class:`NormalFormGame`, a sequential game an :class:`ExtensiveFormGame`.

    Parameters
    ----------
    openspiel_game : pyspiel.Game
        The game.
    exact, max_denominator
        As in :func:`gametheory.from_nashpy`: floats stay floats, unless ``exact=True``
        (their binary value) or ``max_denominator`` (the closest fraction, so 1/3 comes back).
    player_labels : sequence of str, optional
        OpenSpiel numbers its players; default ``P1``, ``P2``, ...

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    GameError
        OpenSpiel is not installed, the argument is not an OpenSpiel game, a simultaneous
        game with more than one move, or a tree of more than :data:`MAX_NODES` histories.

    References
    ----------
    Lanctot, M. et al. (2019). OpenSpiel: A framework for reinforcement learning in games.
    arXiv:1908.09453.

    Examples
    --------
    >>> import gametheory as gt
    >>> import pyspiel  # doctest: +SKIP
    >>> kuhn = gt.from_openspiel(pyspiel.load_game("kuhn_poker"), max_denominator=100)  # doctest: +SKIP
    >>> kuhn.n_players, len(kuhn.infosets)  # doctest: +SKIP
    (2, 12)
    """
    spiel = require("pyspiel", "from_openspiel")
    if not isinstance(openspiel_game, spiel.Game):
        raise GameError(f"from_openspiel needs a pyspiel.Game; got {type(openspiel_game).__name__}")
    if max_denominator is not None or exact is not None:
        payoff_arrays_back([], exact, max_denominator, "from_openspiel")  # the same argument checks
    if max_denominator is not None:
        exact = True
    n = openspiel_game.num_players()
    players = list(player_labels) if player_labels is not None else [f"P{i + 1}" for i in range(n)]
    if isinstance(openspiel_game, (spiel.MatrixGame, spiel.TensorGame)):
        return _normal_form(openspiel_game, n, players, exact, max_denominator)
    if openspiel_game.get_type().dynamics == spiel.GameType.Dynamics.SIMULTANEOUS:
        raise GameError(
            "from_openspiel reads one-shot matrix/tensor games and sequential games; convert a "
            "multi-stage simultaneous game first (pyspiel.convert_to_turn_based)"
        )
    return _tree(openspiel_game, spiel, n, players, exact, max_denominator)


def _normal_form(g: Any, n: int, players: list, exact: bool | None, max_denominator: int | None) -> NormalFormGame:
    if hasattr(g, "num_rows"):  # a MatrixGame
        shape = (int(g.num_rows()), int(g.num_cols()))
        labels = [[g.row_action_name(a) for a in range(shape[0])], [g.col_action_name(a) for a in range(shape[1])]]
        arrays = [np.array([[g.player_utility(i, r, c) for c in range(shape[1])] for r in range(shape[0])], dtype=float)
                  for i in range(2)]
    else:
        shape = tuple(int(m) for m in g.shape())
        labels = [[g.action_name(i, a) for a in range(m)] for i, m in enumerate(shape)]
        arrays = [np.empty(shape, dtype=float) for _ in range(n)]
        for idx in np.ndindex(*shape):
            for i in range(n):
                arrays[i][idx] = g.player_utility(i, list(idx))
    back, ex = payoff_arrays_back(arrays, exact, max_denominator, "from_openspiel")
    title = g.get_type().long_name if g.get_type().long_name not in ("", "gametheory") else ""
    return NormalFormGame(back, player_labels=players, strategy_labels=labels, exact=ex, title=title)


def _tree(g: Any, spiel: Any, n: int, players: list, exact: bool | None, max_denominator: int | None) -> ExtensiveFormGame:
    tree = ExtensiveFormGame(players=players, title=g.get_type().long_name)
    owner: dict[str, int] = {}
    count = 0
    stack = [(tree.root, g.new_initial_state())]
    while stack:
        node, state = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise GameError(f"from_openspiel: the game has more than {MAX_NODES} histories; too large to convert")
        if state.is_terminal():
            tree.terminal(node, payoffs=[_number(r, exact, max_denominator) for r in state.returns()])
            continue
        if state.is_chance_node():
            outcomes = state.chance_outcomes()
            probs = [_number(p, exact, max_denominator) for _, p in outcomes]
            if max_denominator is not None and sum(probs) != 1:
                raise InvalidGameError(
                    f"from_openspiel: the chance probabilities {[float(p) for p in probs]} do not come back as "
                    f"fractions summing to 1 with max_denominator={max_denominator}; raise it or pass exact=False"
                )
            acts = [state.action_to_string(spiel.PlayerId.CHANCE, a) for a, _ in outcomes]
            kids = tree.chance(node, actions=acts, probs=probs)
            moves = [a for a, _ in outcomes]
        else:
            i = state.current_player()
            moves = state.legal_actions()
            key = state.information_state_string(i)
            # one label per information set; a string two players share gets the player's name
            label = key if owner.setdefault(key, i) == i else f"{players[i]}: {key}"
            kids = tree.decision(node, player=i, actions=[state.action_to_string(i, a) for a in moves], infoset=label)
        for kid, a in zip(kids, moves):
            stack.append((kid, state.child(a)))
    tree.validate()
    return tree
