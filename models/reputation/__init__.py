"""Reputation and credibility over time (issue 14, part 1).

The documented entry point ``from models import reputation``: the chain-store game with
incomplete information (:mod:`models.reputation.chain`: Selten 1978; Kreps & Wilson
1982; Milgrom & Roberts 1982) -- entry is deterred while the incumbent's reputation exceeds
b^k with k periods left -- and a patron's reputation for alliance reliability
(:mod:`models.reputation.reliability`: Alt, Calvert & Humes 1988; Sartori 2005), built by
defending proteges and lost by abandoning them.  Parameter bundles in
:mod:`models.reputation.params`; the registered models are ``chain-store`` and
``alliance-reputation``.
"""

from .chain import (
    MAX_PERIODS,
    ChainStore,
    chain_store,
    deterrence_thresholds,
    entry_probability,
    fight_probability,
    posterior_after_fight,
)
from .reliability import MAX_CRISES, AllianceReputation, alliance_reputation, record_posterior

__all__ = [
    "ChainStore", "chain_store", "deterrence_thresholds", "entry_probability", "fight_probability",
    "posterior_after_fight", "MAX_PERIODS",
    "AllianceReputation", "alliance_reputation", "record_posterior", "MAX_CRISES",
]
