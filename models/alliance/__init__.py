"""Alliance politics: abandonment and entrapment, pledges, alliance formation (Snyder 1984, 1997).

:mod:`~models.alliance.game` (the two-ally commit/hedge game), :mod:`~models.alliance.commitment`
(Snyder 1984; Benson 2012; the tripartite game of Fang, Johnson & Leeds 2014), :mod:`~models.alliance.pledges` (Benson 2012),
:mod:`~models.alliance.formation` (balancing or bandwagoning); parameter bundles in
:mod:`~models.alliance.params`.  :mod:`models.alliance_dilemma` is the documented entry point.
"""

from .commitment import (
    OUTCOMES,
    CommitmentSPE,
    ProbabilisticCommitment,
    TripartiteResult,
    commitment_game,
    commitment_symbolic,
    commitment_tree,
    probabilistic_commitment,
    tripartite_commitment,
    tripartite_map,
    tripartite_symbolic,
    tripartite_tree,
)
from .formation import (
    AlignmentResult,
    alignment_game,
    contest_success,
    minimal_winning_coalitions,
    minimum_winning_coalitions,
    stable_alignments,
    swing_state_behavior,
)
from .game import AllianceGame, alliance_game, classify_symmetric
from .pledges import PledgeResult, pledge_game, pledge_tree

__all__ = [
    "AllianceGame", "alliance_game", "classify_symmetric",
    "CommitmentSPE", "commitment_game", "commitment_tree", "commitment_symbolic",
    "ProbabilisticCommitment", "probabilistic_commitment",
    "TripartiteResult", "tripartite_commitment", "tripartite_tree", "tripartite_map", "tripartite_symbolic",
    "OUTCOMES",
    "PledgeResult", "pledge_game", "pledge_tree",
    "AlignmentResult", "alignment_game", "stable_alignments", "swing_state_behavior", "contest_success",
    "minimal_winning_coalitions", "minimum_winning_coalitions",
]
