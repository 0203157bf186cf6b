"""Two textbook poker games as game trees: Kuhn poker and Leduc hold'em.

Both are two-player zero-sum games with chance and imperfect information, the standard
test cases of the sequence form.  Kuhn (1950): three cards, one betting round, value -1/18
to the first player.  Leduc hold'em (Southey et al. 2005): six cards (two of each of three
ranks), a private card each, a public card between two betting rounds (bets 2 then 4, at
most a bet and a raise per round); a pair with the public card wins, else the higher card.
Cards of one rank are dealt as one chance outcome (their suits never matter).
"""

from __future__ import annotations

from fractions import Fraction

from ._game import ExtensiveFormGame

__all__ = ["kuhn_poker", "leduc_poker"]

_KUHN_CARDS = ("J", "Q", "K")


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker as an exact two-player game tree.

    Each player antes 1 and gets one of J < Q < K.  Player ``P1`` checks or bets 1; after a
    check ``P2`` checks (showdown) or bets, and ``P1`` then folds or calls; after a bet
    ``P2`` folds or calls.  The higher card wins the pot at a showdown.  Information sets
    are labelled ``"P1 J"``, ``"P2 Q check"``, ``"P2 Q bet"``, ``"P1 J check-bet"``.

    Returns
    -------
    ExtensiveFormGame
        55 nodes, 12 information sets, exact; the value to ``P1`` is -1/18.

    References
    ----------
    Kuhn, H. W. (1950). A simplified two-person poker. Contributions to the Theory of
    Games I, 97-103.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.kuhn_poker()
    >>> t.n_nodes, len(t.infosets)
    (55, 12)
    """
    t = ExtensiveFormGame(players=["P1", "P2"], title="Kuhn poker")
    deals = [(a, b) for a in _KUHN_CARDS for b in _KUHN_CARDS if a != b]
    kids = t.chance(t.root, [f"{a}{b}" for a, b in deals], [Fraction(1, 6)] * 6)
    for (c1, c2), v in zip(deals, kids):
        win = 1 if _KUHN_CARDS.index(c1) > _KUHN_CARDS.index(c2) else -1
        check, bet = t.decision(v, "P1", ["check", "bet"], infoset=f"P1 {c1}")
        cc, cb = t.decision(check, "P2", ["check", "bet"], infoset=f"P2 {c2} check")
        t.terminal(cc, [win, -win])
        fold, call = t.decision(cb, "P1", ["fold", "call"], infoset=f"P1 {c1} check-bet")
        t.terminal(fold, [-1, 1])
        t.terminal(call, [2 * win, -2 * win])
        fold, call = t.decision(bet, "P2", ["fold", "call"], infoset=f"P2 {c2} bet")
        t.terminal(fold, [1, -1])
        t.terminal(call, [2 * win, -2 * win])
    return t


def leduc_poker() -> ExtensiveFormGame:
    """Leduc hold'em as an exact two-player game tree (see the module docstring).

    Antes 1; bets of 2 in the first round and 4 in the second, at most one bet and one
    raise per round; ``P1`` acts first in both rounds.  Information sets are labelled by
    the player, her card, the public card (second round) and the betting so far
    (``k`` check, ``b`` bet, ``c`` call, ``r`` raise; ``/`` ends the first round).

    Returns
    -------
    ExtensiveFormGame
        An exact zero-sum tree with 9 private deals (ranks) and chance at the public card.

    References
    ----------
    Southey, F., Bowling, M., Larson, B., Piccione, C., Burch, N., Billings, D. & Rayner, C.
    (2005). Bayes' bluff: opponent modelling in poker. UAI 2005.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.extensive import leduc_poker
    >>> t = leduc_poker()
    >>> t.n_players, t.exact, len(t.infosets)
    (2, True, 288)
    """
    t = ExtensiveFormGame(players=["P1", "P2"], title="Leduc hold'em")
    ranks = _KUHN_CARDS
    deals, probs = [], []
    for a in ranks:
        for b in ranks:
            deals.append((a, b))
            probs.append(Fraction(1, 3) * Fraction(1 if a == b else 2, 5))
    kids = t.chance(t.root, [f"{a}{b}" for a, b in deals], probs)
    for (c1, c2), v in zip(deals, kids):
        _leduc_round(t, v, (c1, c2), None, "", 0, [1, 1], 0, 0)
    return t


def _leduc_round(t: ExtensiveFormGame, v: int, cards: tuple, public: str | None, hist: str,
                 rnd: int, pot: list, mover: int, raises: int, facing: bool = False, checked: bool = False) -> None:
    """Grow the betting of round ``rnd`` (0 or 1) at node ``v``; ``pot``: each player's stake."""
    size = 2 if rnd == 0 else 4
    who = ("P1", "P2")[mover]
    label = f"{who} {cards[mover]}" + (f" {public}" if public else "") + f" {hist or '-'}"
    if facing:
        acts = ["fold", "call"] + (["raise"] if raises < 2 else [])
    else:
        acts = ["check", "bet"]
    nodes = t.decision(v, who, acts, infoset=label)
    for act, u in zip(acts, nodes):
        stake = list(pot)
        if act == "fold":
            gain = stake[mover]
            t.terminal(u, [-gain, gain] if mover == 0 else [gain, -gain])
        elif act == "check":
            if checked:
                _leduc_next(t, u, cards, public, hist + "k", rnd, stake)
            else:
                _leduc_round(t, u, cards, public, hist + "k", rnd, stake, 1 - mover, raises, False, True)
        elif act == "call":
            stake[mover] = stake[1 - mover]
            _leduc_next(t, u, cards, public, hist + "c", rnd, stake)
        else:  # bet or raise
            stake[mover] = stake[1 - mover] + size
            _leduc_round(t, u, cards, public, hist + act[0], rnd, stake, 1 - mover, raises + 1, True)


def _leduc_next(t: ExtensiveFormGame, v: int, cards: tuple, public: str | None, hist: str, rnd: int, pot: list) -> None:
    """End of a betting round: deal the public card, or the showdown after the second round."""
    if rnd == 0:
        left = [2 - cards.count(r) for r in _KUHN_CARDS]
        ranks = [r for r, k in zip(_KUHN_CARDS, left) if k]
        kids = t.chance(v, ranks, [Fraction(k, 4) for k in left if k])
        for r, u in zip(ranks, kids):
            _leduc_round(t, u, cards, r, hist + "/", 1, list(pot), 0, 0)
        return
    score = [(2 if c == public else 1, _KUHN_CARDS.index(c)) for c in cards]
    win = (score[0] > score[1]) - (score[0] < score[1])
    t.terminal(v, [win * pot[1], -win * pot[1]])
