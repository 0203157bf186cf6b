"""Validation of game trees: numbers given to the builder, unfinished leaves, perfect recall.

Part of :mod:`gametheory.extensive`; the methods :meth:`ExtensiveFormGame.validate`,
:meth:`~ExtensiveFormGame.own_history` and :meth:`~ExtensiveFormGame.check_perfect_recall`
call these.  Source: Kuhn (1953) (perfect recall).
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from ..errors import InvalidGameError
from ._tree import DECISION, UNFINISHED

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame


def validate(g: ExtensiveFormGame) -> None:
    """Raise :class:`InvalidGameError` naming every leaf without payoffs (other checks run as
    the tree is built: probabilities, information sets, players, payoff lengths)."""
    s = g.storage
    if s.arrays is not None:  # from_arrays makes every leaf a terminal
        return
    missing = [v for v, k in enumerate(s.kind) if k == UNFINISHED]
    if missing:
        shown = ", ".join(str(v) for v in missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise InvalidGameError(
            f"{len(missing)} leaf node(s) have no payoffs (unfinished): {shown}; call terminal(node, payoffs) on each"
        )


def own_history(g: ExtensiveFormGame, node: int) -> tuple[tuple[int, int], ...]:
    """The (information set index, action index) pairs of the mover's own earlier moves."""
    c = g.compiled
    iset = g.infoset_of_node()
    v = g.check_node(node)
    i = c.player[v]
    out = []
    child = v
    a = int(c.parent[v])
    while a >= 0:
        if c.kind[a] == DECISION and c.player[a] == i:
            out.append((int(iset[a]), int(child - c.first[a])))
        child, a = a, int(c.parent[a])
    return tuple(reversed(out))


def check_perfect_recall(g: ExtensiveFormGame) -> None:
    """Raise :class:`InvalidGameError` if some player forgets what they knew or did (Kuhn 1953)."""
    for h in g.infosets:
        if len(h.nodes) < 2:
            continue
        hist = {v: g.own_history(v) for v in h.nodes}
        first = h.nodes[0]
        members = set(h.nodes)
        for v in h.nodes[1:]:
            a = g.parent(v)
            while a is not None and a not in members:
                a = g.parent(a)
            if a is not None:
                raise InvalidGameError(
                    f"imperfect recall (absent-mindedness): player {g.players[h.player]!r} cannot tell node {v} "
                    f"from node {a} before it on the same path (information set {h.key!r}); this needs perfect recall"
                )
            if hist[v] != hist[first]:
                raise InvalidGameError(
                    f"imperfect recall: player {g.players[h.player]!r} cannot tell nodes {first} and {v} "
                    f"apart (information set {h.key!r}), but reached them through different own moves "
                    f"{_describe_history(g, hist[first])} and {_describe_history(g, hist[v])}; this needs perfect recall"
                )


def _describe_history(g: ExtensiveFormGame, hist: tuple) -> str:
    if not hist:
        return "(none)"
    return "[" + ", ".join(f"{g.infosets[h].actions[a]!r} at {g.infosets[h].key!r}" for h, a in hist) + "]"
