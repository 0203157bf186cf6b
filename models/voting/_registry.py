"""Registry adapter of the voting-power model: rows, parameter specs, registration.

The math lives in :mod:`models.voting.power`; the parameter specs come from the bundle in
:mod:`models.voting.params`.
"""

from __future__ import annotations

from ..parameters import parameters_of
from ..registry import Model, register
from .params import NatoVotingParams
from .power import nato_voting_power


def _solve(dataset, year, basis, quota_share, index, votes, basic_votes) -> dict:
    return nato_voting_power(dataset, year, basis, quota_share=quota_share, index=index, votes=votes,
                             basic_votes=basic_votes).summary()


def _rows(dataset, year, basis, quota_share, index, votes, basic_votes) -> list[dict]:
    return nato_voting_power(dataset, year, basis, quota_share=quota_share, index=index, votes=votes,
                             basic_votes=basic_votes).rows()


register(Model(
    name="nato-voting-power",
    title="NATO voting power: consensus against weighted rules (GDP or defence spending)",
    source=("Shapley & Shubik (1954); Banzhaf (1965); Felsenthal & Machover (1998); "
            "NATO PR/CP(2019)069; World Bank WDI"),
    parameters=parameters_of(NatoVotingParams),
    solve_fn=_solve, rows_fn=_rows, family="voting power", row_index=None,
    description=("votes apportioned to the members' GDP or defence spending in a year of the bundled data "
                 "(largest remainders), plus basic_votes for every member; a coalition with at least "
                 "quota_share of the votes decides; power under that rule against power under consensus "
                 "(every member a veto player); one row per member"),
    columns={
        "members": "number of members with data for the year",
        "excluded": "members left out for lack of data that year (empty if none)",
        "total_votes": "all votes: votes + members x basic_votes",
        "quota_votes": "fewest votes that decide: ceil(quota_share * total_votes)",
        "largest_member": "the member with the most power under the weighted rule",
        "largest_vote_share": "that member's share of the votes",
        "largest_power": "that member's power index under the weighted rule",
        "consensus_power": "each member's power index under consensus (equal for all)",
        "veto_players": "number of members whose votes alone block every decision",
        "dummies": "number of members with no power (never decisive)",
        "power_vote_gap": "half the sum over members of |power share - vote share| (power normalized to sum 1)",
    },
    row_columns={
        "member": "member state", "iso3": "ISO3 code", "weight": "the weight behind the votes (e.g. GDP)",
        "member_votes": "the member's votes", "vote_share": "votes / total votes",
        "power": "voting power index of the member", "power_ratio": "power / power under consensus (unanimity)",
        "veto": "the member can block any decision alone",
    },
))
