"""Decisions inside an alliance: who has power (issue 14, part 3).

:mod:`models.voting.power` compares consensus (unanimity: every member a veto player, all
equally powerful) with hypothetical weighted voting rules whose votes follow the members' GDP
or defence spending in the bundled NATO data, measuring power with the Shapley-Shubik and
Banzhaf indices (:func:`gametheory.voting_power`); :mod:`models.voting.params` holds the
parameter bundle of the registered model ``nato-voting-power``.
"""

from .power import WEIGHT_COLUMNS, AllianceVoting, alliance_voting_power, apportion, nato_voting_power

__all__ = ["AllianceVoting", "alliance_voting_power", "nato_voting_power", "apportion", "WEIGHT_COLUMNS"]
