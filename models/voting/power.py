"""Who has power inside an alliance: consensus against weighted voting rules.

NATO decides by consensus: every member can block, so every member has the same voting
power.  A weighted rule would give each member votes in proportion to its economic weight
(GDP) or its contribution (defence spending) and let a coalition holding a quota of the
votes decide.  :func:`alliance_voting_power` computes each member's power under such a rule
(Shapley & Shubik 1954; Banzhaf 1965; with :func:`gametheory.voting_power`) next to its
power under consensus; :func:`nato_voting_power` takes the weights from the bundled NATO data.

Votes are whole numbers, as in every weighted voting body: the weights are apportioned to
``votes`` votes by the largest-remainder (Hamilton) method, on top of ``basic_votes`` that every
member holds whatever its weight (as in the IMF's basic votes).  Without basic votes a member
whose share rounds to no vote is a dummy, like Luxembourg in the 1958 EEC Council.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral
from typing import Any, Sequence

import gametheory as gt
from gametheory.errors import GameError, InvalidGameError

from ..collective.data import nato_data
from .params import NATO_VOTING

__all__ = ["WEIGHT_COLUMNS", "apportion", "AllianceVoting", "alliance_voting_power", "nato_voting_power"]

#: weight basis -> column of the bundled NATO data sets
WEIGHT_COLUMNS = {"gdp": "gdp_usd", "defense": "defense_usd"}


def apportion(weights: Sequence[Any], votes: int) -> tuple[int, ...]:
    """``votes`` whole votes in proportion to ``weights``, by the largest-remainder method.

    Each member first gets the integer part of its exact quota ``votes * w_i / sum(w)``; the
    votes left over go to the largest remainders (ties: larger weight first, then the earlier
    member).  Every member gets the floor or the ceiling of its quota and the votes sum to
    ``votes`` exactly.  Float weights are used as the binary rationals they are.

    Parameters
    ----------
    weights : sequence of numbers
        Nonnegative weights, not all zero.
    votes : int
        Total number of votes to hand out (>= 1).

    Returns
    -------
    tuple of int
        Each member's votes, in the order of ``weights``.

    Raises
    ------
    InvalidGameError
        No weights, a negative or non-numeric weight, all weights zero, ``votes`` not a
        positive integer.

    References
    ----------
    Balinski, M. L. & Young, H. P. (2001). Fair Representation: Meeting the Ideal of One Man,
    One Vote, 2nd ed. Brookings (Hamilton's method).

    Examples
    --------
    >>> from models.voting import apportion
    >>> apportion([50, 30, 20], 10)
    (5, 3, 2)
    >>> apportion([2, 1, 1], 3)  # quotas 1.5, 0.75, 0.75: the largest remainders win
    (1, 1, 1)
    """
    if isinstance(votes, bool) or not isinstance(votes, Integral) or votes < 1:
        raise InvalidGameError(f"votes={votes!r} must be a positive integer")
    votes = int(votes)
    ws = [gt.to_exact(w, f"weight {k}") for k, w in enumerate(weights)]
    if not ws:
        raise InvalidGameError("no members to apportion votes to")
    for k, w in enumerate(ws):
        if w < 0:
            raise InvalidGameError(f"weight {k}={float(w):g} is negative")
    total = sum(ws)
    if total == 0:
        raise InvalidGameError("every weight is zero: there is nothing to apportion votes by")
    quotas = [votes * w / total for w in ws]
    seats = [math.floor(q) for q in quotas]
    left = votes - sum(seats)
    order = sorted(range(len(ws)), key=lambda k: (-(quotas[k] - seats[k]), -ws[k], k))
    for k in order[:left]:
        seats[k] += 1
    return tuple(seats)


@dataclass(frozen=True)
class AllianceVoting:
    """Members' power under a weighted rule and under consensus.

    ``votes`` are each member's votes (its basic votes included); ``power`` is the index under
    the weighted rule (a coalition wins with at least ``quota_share`` of the votes),
    ``consensus_power`` under consensus (every member a veto player), both exact Fractions in
    member order; ``veto`` marks the members whose votes alone block every decision.
    """

    members: tuple[str, ...]
    weights: tuple[Any, ...]
    votes: tuple[int, ...]
    basic_votes: int
    quota_share: Fraction
    index: str
    power: tuple[Fraction, ...]
    consensus_power: tuple[Fraction, ...]
    veto: tuple[bool, ...]
    excluded: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def total_votes(self) -> int:
        return sum(self.votes)

    @property
    def quota_votes(self) -> int:
        """The fewest votes that win: ``ceil(quota_share * total_votes)``."""
        return math.ceil(self.quota_share * self.total_votes)

    def summary(self) -> dict[str, Any]:
        """One table row: the alliance under the weighted rule against consensus."""
        n = len(self.members)
        top = max(range(n), key=lambda k: (self.power[k], self.votes[k]))
        total_power = sum(self.power)
        shares = [Fraction(v, self.total_votes) for v in self.votes]
        gap = sum(abs(p / total_power - s) for p, s in zip(self.power, shares)) / 2
        return {
            "members": n,
            "excluded": ", ".join(self.excluded),
            "total_votes": self.total_votes,
            "quota_votes": self.quota_votes,
            "largest_member": self.members[top],
            "largest_vote_share": shares[top],
            "largest_power": self.power[top],
            "consensus_power": self.consensus_power[top],
            "veto_players": sum(self.veto),
            "dummies": sum(1 for p in self.power if p == 0),
            "power_vote_gap": gap,
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per member, most votes first."""
        order = sorted(range(len(self.members)), key=lambda k: (-self.votes[k], -self.weights[k], self.members[k]))
        out = []
        for k in order:
            row = {"member": self.members[k]}
            if self.labels:
                row["iso3"] = self.labels[k]
            row.update({
                "weight": self.weights[k],
                "member_votes": self.votes[k],
                "vote_share": Fraction(self.votes[k], self.total_votes),
                "power": self.power[k],
                "consensus_power": self.consensus_power[k],
                "power_ratio": self.power[k] / self.consensus_power[k],
                "veto": self.veto[k],
            })
            out.append(row)
        return out


def alliance_voting_power(members: Sequence[str], weights: Sequence[Any], *,
                          quota_share: Any = NATO_VOTING.quota_share, index: str = NATO_VOTING.index,
                          votes: int = NATO_VOTING.votes, basic_votes: int = NATO_VOTING.basic_votes,
                          ) -> AllianceVoting:
    """Each member's power when votes follow ``weights``, against its power under consensus.

    The weights are apportioned to ``votes`` whole votes (:func:`apportion`), and each member
    also holds ``basic_votes``; a coalition wins with at least ``quota_share`` of all the votes.
    ``quota_share = 1`` is unanimity of the votes: it is consensus when every member has a
    vote (``basic_votes >= 1``), while a member without votes has no say.

    Parameters
    ----------
    members : sequence of str
        Member names, distinct.
    weights : sequence of numbers
        Each member's weight (GDP, defence spending, ...), ``>= 0``.
    quota_share : number
        Share of the votes a decision needs, in (0, 1].
    index : {"shapley-shubik", "banzhaf", "banzhaf-absolute"}
        The power index (:func:`gametheory.voting_power`).
    votes : int
        Number of votes apportioned in proportion to the weights.
    basic_votes : int
        Votes each member holds whatever its weight (``>= 0``).

    Returns
    -------
    AllianceVoting
        ``power``, ``consensus_power``, ``votes``, ``veto`` per member; ``summary()`` and
        ``rows()`` for tables.

    Raises
    ------
    InvalidGameError
        Mismatched or repeated members, bad weights, a quota share outside (0, 1].
    GameError
        An unknown index.

    References
    ----------
    Shapley, L. S. & Shubik, M. (1954). American Political Science Review 48(3).
    Banzhaf, J. F. (1965). Rutgers Law Review 19.  Felsenthal, D. S. & Machover, M. (1998).
    The Measurement of Voting Power. Edward Elgar.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from models.voting import alliance_voting_power
    >>> r = alliance_voting_power(["A", "B", "C"], [60, 30, 10], quota_share=Fraction(1, 2), votes=10)
    >>> r.votes, r.power, r.consensus_power
    ((6, 3, 1), (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    members = tuple(str(m) for m in members)
    if len(members) != len(weights):
        raise InvalidGameError(f"{len(members)} members but {len(weights)} weights")
    if len(set(members)) != len(members):
        raise InvalidGameError("member names must be distinct")
    q = gt.to_exact(quota_share, "quota_share")
    if not 0 < q <= 1:
        raise InvalidGameError(f"quota_share={quota_share} must be in (0, 1]")
    if isinstance(basic_votes, bool) or not isinstance(basic_votes, Integral) or basic_votes < 0:
        raise InvalidGameError(f"basic_votes={basic_votes!r} must be a nonnegative integer")
    v = tuple(x + int(basic_votes) for x in apportion(weights, votes))
    total = sum(v)
    power = gt.voting_power(v, q * total, index)
    consensus = gt.voting_power([1] * len(v), len(v), index)
    veto = tuple(total - x < q * total for x in v)  # the others alone fall short of the quota
    return AllianceVoting(members=members, weights=tuple(weights), votes=v, basic_votes=int(basic_votes),
                          quota_share=q, index=index, power=power, consensus_power=consensus, veto=veto)


def nato_voting_power(dataset: str = NATO_VOTING.dataset, year: int = NATO_VOTING.year,
                      basis: str = NATO_VOTING.basis, *, quota_share: Any = NATO_VOTING.quota_share,
                      index: str = NATO_VOTING.index, votes: int = NATO_VOTING.votes,
                      basic_votes: int = NATO_VOTING.basic_votes) -> AllianceVoting:
    """NATO members' power under a weighted rule with weights from the bundled data.

    The members of ``year`` in ``dataset`` (:func:`models.collective_goods.nato_data`) with
    votes in proportion to their GDP (``basis="gdp"``) or defence spending (``"defense"``),
    against consensus.  Members without a value for that year are left out and named in
    ``excluded``.

    Parameters
    ----------
    dataset : str
        ``"nato-2012-2019"`` (NATO, constant 2015 USD) or ``"nato-wdi-1960-2018"`` (World Bank
        WDI, current USD).
    year : int
        A year of the data set.
    basis : {"gdp", "defense"}
        What votes are proportional to.
    quota_share, index, votes, basic_votes
        As in :func:`alliance_voting_power`.

    Returns
    -------
    AllianceVoting
        With ``labels`` (ISO3 codes), the weights in US dollars and ``excluded``.

    Raises
    ------
    GameError
        An unknown data set or basis, a year outside the data, no member with data.

    References
    ----------
    NATO (2019). Defence Expenditure of NATO Countries (2012-2019), PR/CP(2019)069.
    World Bank, World Development Indicators.  Shapley, L. S. & Shubik, M. (1954).

    Examples
    --------
    >>> from models.voting import nato_voting_power
    >>> r = nato_voting_power("nato-2012-2019", 2019, "gdp")
    >>> len(r.members), r.total_votes, r.quota_votes
    (29, 1000, 667)
    >>> r.members[r.power.index(max(r.power))], r.consensus_power[0]
    ('United States', Fraction(1, 29))
    """
    if basis not in WEIGHT_COLUMNS:
        raise GameError(f"unknown weight basis {basis!r}; choose one of {', '.join(WEIGHT_COLUMNS)}")
    df = nato_data(dataset)
    years = sorted(int(y) for y in df["year"].unique())
    if isinstance(year, bool) or not isinstance(year, Integral) or int(year) not in years:
        raise GameError(f"year={year!r} is not in {dataset} (years {years[0]}-{years[-1]})")
    col = WEIGHT_COLUMNS[basis]
    rows = df[df["year"] == int(year)]
    ok = rows[col].notna()
    used = rows[ok]
    if used.empty:
        raise GameError(f"{dataset} has no {col} for {year}: no member can be given votes")
    excluded = tuple(sorted(rows.loc[~ok, "country"].astype(str)))
    r = alliance_voting_power(used["country"].astype(str).tolist(), used[col].astype(float).tolist(),
                              quota_share=quota_share, index=index, votes=votes, basic_votes=basic_votes)
    return dataclasses.replace(r, excluded=excluded, labels=tuple(used["iso3"].astype(str)))
