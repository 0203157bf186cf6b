"""Game trees: perfect and imperfect information, chance moves, and their solutions.

Public names (the implementation lives in the private ``_*`` modules of this package):

- :class:`ExtensiveFormGame` (builder, validation, ``to_normal_form``), :func:`complete_tree`
- :func:`backward_induction`, :func:`count_subgame_perfect`: all pure SPE of perfect-information trees
- :class:`TreeEquilibrium`: the result object (strategy, path, outcome, terminal probabilities)
- :func:`subgame_perfect_equilibria`, :func:`subgame_roots`: imperfect information, via the normal form
- :func:`to_normal_form` (also ``tree.to_normal_form``), :func:`behavior_to_mixed`, :func:`mixed_to_behavior`
- :func:`non_credible_threats`: Nash equilibria that are not subgame perfect, with the threat
- :func:`agent_qre`, :func:`agent_qre_path`, :func:`agent_qre_batch`: agent logit QRE
- :func:`sequence_form`: an equilibrium of a two-player tree by the sequence form (LP / Lemke)
- :func:`is_consistent`: Kreps-Wilson consistency of an assessment (sequential equilibrium beliefs)
- :func:`kuhn_poker`, :func:`leduc_poker`: two poker games as trees

Sources: Kuhn (1953); Selten (1965, 1975); Osborne & Rubinstein (1994), ch. 6 and 11.
"""

from __future__ import annotations

from ._backward import backward_induction, count_subgame_perfect
from ._complete import complete_tree
from ._consistency import is_consistent
from ._game import ExtensiveFormGame
from ._normal import (
    NonCredibleThreat,
    behavior_to_mixed,
    mixed_to_behavior,
    non_credible_threats,
    subgame_perfect_equilibria,
    subgame_roots,
    to_normal_form,
)
from ._poker import kuhn_poker, leduc_poker
from ._qre import QREBatch, agent_qre, agent_qre_batch, agent_qre_path
from ._result import TreeEquilibrium
from ._sequence import sequence_form
from ._tree import InfoSet

__all__ = [
    "ExtensiveFormGame",
    "InfoSet",
    "complete_tree",
    "TreeEquilibrium",
    "backward_induction",
    "count_subgame_perfect",
    "subgame_perfect_equilibria",
    "subgame_roots",
    "to_normal_form",
    "behavior_to_mixed",
    "mixed_to_behavior",
    "non_credible_threats",
    "NonCredibleThreat",
    "agent_qre",
    "agent_qre_path",
    "agent_qre_batch",
    "QREBatch",
    "sequence_form",
    "kuhn_poker",
    "leduc_poker",
    "is_consistent",
]
