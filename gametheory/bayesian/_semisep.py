"""Semi-separating (hybrid) equilibria of two-type signaling games (private helper of bayesian.py).

In a semi-separating equilibrium one type ``t_p`` sends a message ``m1`` for sure
while the other type ``t_m`` randomizes: ``m1`` with probability ``q`` and ``m2``
with probability ``1 - q`` (Fudenberg & Tirole 1991, 8.2.2; Gibbons 1992, 4.2).
After ``m2`` the receiver knows the type is ``t_m`` and plays a pure best reply
``b``.  After ``m1`` the posterior is ``mu(t_p) = p_p / (p_p + p_m q)``; the
receiver mixes over two actions ``a, a'`` (probability ``r`` on ``a``), which needs

* receiver indifference at ``mu``:  ``mu D(t_p) + (1 - mu) D(t_m) = 0`` with
  ``D = g(., m1, a) - g(., m1, a')``, which pins down ``mu`` and so ``q``;
* sender indifference of ``t_m``:  ``r f(t_m, m1, a) + (1 - r) f(t_m, m1, a') = f(t_m, m2, b)``,
  which pins down ``r``;

and both are solved exactly (Fractions for exact games).  Kept are the solutions
with ``0 < q < 1`` and ``0 < r < 1`` in which no other action beats ``a`` at ``mu``,
``t_p`` does not prefer ``m2``, and every unused message has a reply supported by
some belief that neither type prefers to its equilibrium payoff.

Not covered (documented limits): both types mixing, a type mixing over three or
more messages, and mixed replies after the separating message or off the path.
Non-generic games in which these indifference conditions leave a continuum
(``q`` or ``r`` free in an interval) are reported with a
:class:`DegenerateSignalingWarning` and not listed.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..numbers import num_text
from ._signaling import SignalingGame, _check_game, _signaling_row
from ..equilibrium import Equilibria, Result
from ..errors import InvalidGameError

__all__ = ["SemiSeparatingEquilibrium", "semi_separating_equilibria", "DegenerateSignalingWarning"]


class DegenerateSignalingWarning(UserWarning):
    """A signaling game has a continuum of hybrid equilibria that is not listed.

    Issued by :func:`semi_separating_equilibria` when an indifference condition holds
    identically, so the hybrid equilibria form a continuum.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.2.

    Examples
    --------
    >>> import warnings
    >>> from gametheory.bayesian import DegenerateSignalingWarning
    >>> issubclass(DegenerateSignalingWarning, UserWarning)
    True
    """


@dataclass(frozen=True, eq=False)
class SemiSeparatingEquilibrium(Result):
    """A hybrid PBE of a two-type signaling game.

    Attributes
    ----------
    sender : dict
        type -> message -> probability.
    receiver : dict
        message -> action -> probability.
    beliefs : dict
        message -> type -> probability (off path: a supporting belief).
    belief_sets : dict
        off-path message -> :class:`BeliefSet`.
    mixing_type
        The type that randomizes.
    pooled_message, separating_message
        The message both types send, and the one only the mixing type sends.
    q
        Probability that ``mixing_type`` sends the pooled message.
    r
        Probability of the first of the two actions the receiver mixes after it.
    payoffs : tuple
        (type -> sender payoff, receiver expected payoff).

    strategies : dict
        ``{"sender": sender, "receiver": receiver}``, the result convention's name for the pair.
    method, exact, tol, params, game
        The result convention (:class:`gametheory.equilibrium.Result`); ``game`` is the :class:`SignalingGame`.

    ``to_row()``: ``kind``, ``mixing type``, ``q``, ``r``, ``"sender <type>: <message>"``
    and ``"receiver <message>: <action>"`` probabilities, ``"belief <message>: <type>"``,
    payoffs, ``method``, ``exact``.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.  Cho, I.-K. & Kreps, D. (1987).
    Signaling games and stable equilibria. QJE 102.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(2, 3), Fraction(1, 3)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> eq = gt.semi_separating_equilibria(sg)[0]
    >>> eq.sender["weak"], eq.receiver["beer"]
    ({'beer': Fraction(1, 2), 'quiche': Fraction(1, 2)}, {'fight': Fraction(1, 2), 'retreat': Fraction(1, 2)})
    """

    sender: dict
    receiver: dict
    beliefs: dict
    belief_sets: dict
    mixing_type: Any
    pooled_message: Any
    separating_message: Any
    q: Any
    r: Any
    payoffs: tuple
    exact: bool = True
    kind: str = "semi-separating"
    method: str = "indifference conditions"
    tol: float = 0.0
    params: Any = field(default_factory=dict, repr=False)
    game: Any = field(default=None, repr=False)

    @property
    def strategies(self) -> dict:
        return {"sender": self.sender, "receiver": self.receiver}

    def to_row(self) -> dict[str, Any]:
        head = {"kind": self.kind, "mixing type": str(self.mixing_type), "q": self.q, "r": self.r}
        return self.finish_row(_signaling_row(self, head, {}))

    def __repr__(self) -> str:
        off = ", ".join(f"{m!r} -> {next(iter(self.receiver[m]))!r}" for m in self.belief_sets)
        return (
            f"SemiSeparating({self.mixing_type!r} sends {self.pooled_message!r} w.p. {num_text(self.q)}, "
            f"else {self.separating_message!r}; receiver after {self.pooled_message!r}: "
            f"{self.receiver[self.pooled_message]}" + (f"; off path: {off}" if off else "") + ")"
        )


def semi_separating_equilibria(sg: SignalingGame) -> Equilibria:
    """All semi-separating equilibria of a two-type signaling game in which one type mixes
    over two messages and the receiver mixes over two actions after the pooled message.

    Indifference conditions are solved exactly.  See the module docstring for the
    conditions and the cases not covered.

    Parameters
    ----------
    sg : SignalingGame
        A signaling game with two types.

    Returns
    -------
    Equilibria of SemiSeparatingEquilibrium
        A list; ``complete=False`` when a :class:`DegenerateSignalingWarning` said a
        continuum is not listed.  Each has
        Each with the ``mixing_type``, its probability ``q`` of the pooled message and
        the receiver's probability ``r`` of the first action it mixes.

    Raises
    ------
    InvalidGameError
        The game does not have two types.

    Warns
    -----
    DegenerateSignalingWarning
        A continuum of hybrid equilibria that is not listed.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.2.  Gibbons, R. (1992). Game
    Theory for Applied Economists, 4.2.

    Examples
    --------
    Beer-quiche with a weak type of prior 2/3: the weak type mixes over beer and quiche.

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):  # 1 for the preferred breakfast, 2 if the receiver retreats
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):  # 1 for fighting a weak type or retreating from a strong one
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(2, 3), Fraction(1, 3)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> eq = gt.semi_separating_equilibria(sg)[0]
    >>> eq.mixing_type, eq.pooled_message, eq.q, eq.r
    ('weak', 'beer', Fraction(1, 2), Fraction(1, 2))
    """
    _check_game(sg)
    if len(sg.types) != 2:
        raise InvalidGameError(
            f"semi_separating_equilibria handles two sender types; this game has {len(sg.types)}"
        )
    tol, rtol = sg.sender_tol, sg.receiver_tol  # f (sender) and g (receiver) differences on their own scales
    zero = sg.zero
    one = Fraction(1) if sg.exact else 1.0
    f, g = sg.sender_table, sg.receiver_table
    out: list[SemiSeparatingEquilibrium] = []
    unlisted = False  # a DegenerateSignalingWarning: some hybrid equilibria are not listed
    offpath_sets = {m: {a: sg.belief_set(m, a) for a in sg.actions} for m in sg.messages}
    for t_m, t_p in (sg.types, sg.types[::-1]):
        p_m, p_p = sg.prior_of(t_m), sg.prior_of(t_p)
        if p_m == 0 or p_p == 0:
            continue
        for m1, m2 in itertools.permutations(sg.messages, 2):
            sep_belief = {t_m: one, t_p: zero}
            for b in sg.best_responses(m2, sep_belief):
                z = f[t_m][m2][b]
                unlisted |= _warn_pure_continuum(sg, t_m, t_p, m1, m2, b, z)
                for a, a2 in itertools.combinations(sg.actions, 2):
                    d_p = g[t_p][m1][a] - g[t_p][m1][a2]
                    d_m = g[t_m][m1][a] - g[t_m][m1][a2]
                    if abs(d_p - d_m) <= rtol:
                        if abs(d_p) <= rtol and abs(f[t_m][m1][a] - f[t_m][m1][a2]) > tol:
                            unlisted = True
                            warnings.warn(
                                f"actions {a!r} and {a2!r} tie for the receiver after {m1!r} at every belief; "
                                "hybrid equilibria with a free posterior are not listed",
                                DegenerateSignalingWarning,
                                stacklevel=2,
                            )
                        continue
                    mu_p = d_m / (d_m - d_p)
                    if not (p_p < mu_p < 1):
                        continue
                    q = p_p * (1 - mu_p) / (mu_p * p_m)
                    belief = {t_p: mu_p, t_m: 1 - mu_p}
                    br = sg.best_responses(m1, belief)
                    if a not in br or a2 not in br:
                        continue
                    x, y = f[t_m][m1][a], f[t_m][m1][a2]
                    if abs(x - y) <= tol:
                        if abs(z - x) <= tol:
                            unlisted = True
                            warnings.warn(
                                f"type {t_m!r} is indifferent between {a!r} and {a2!r} after {m1!r} and "
                                f"{m2!r}: the receiver's mixture is not pinned down; not listed",
                                DegenerateSignalingWarning,
                                stacklevel=2,
                            )
                        continue
                    r = (z - y) / (x - y)
                    if not (0 < r < 1):
                        continue
                    u_p = r * f[t_p][m1][a] + (1 - r) * f[t_p][m1][a2]
                    u_m = z
                    if f[t_p][m2][b] > u_p + tol:
                        continue
                    eq_pay = {t_p: u_p, t_m: u_m}
                    others = [m for m in sg.messages if m not in (m1, m2)]
                    options = [
                        [c for c in sg.actions if offpath_sets[m][c] and all(f[t][m][c] <= eq_pay[t] + tol for t in sg.types)]
                        for m in others
                    ]
                    for offs in itertools.product(*options):
                        receiver = {m1: {a: r, a2: 1 - r}, m2: {b: one}}
                        sets = {}
                        beliefs = {m1: {t: belief[t] for t in sg.types}, m2: {t: sep_belief[t] for t in sg.types}}
                        for m, c in zip(others, offs):
                            receiver[m] = {c: one}
                            sets[m] = offpath_sets[m][c]
                            beliefs[m] = sets[m].point
                        sender = {t_p: {m1: one}, t_m: {m1: q, m2: 1 - q}}
                        sender = {t: sender[t] for t in sg.types}
                        pay_r = zero
                        for t in sg.types:
                            for m, pm in sender[t].items():
                                for c, pc in receiver[m].items():
                                    pay_r += sg.prior_of(t) * pm * pc * g[t][m][c]
                        out.append(
                            SemiSeparatingEquilibrium(
                                sender,
                                {m: receiver[m] for m in sg.messages},
                                {m: beliefs[m] for m in sg.messages},
                                sets,
                                t_m,
                                m1,
                                m2,
                                q,
                                r,
                                ({t: eq_pay[t] for t in sg.types}, pay_r),
                                sg.exact,
                                tol=tol,
                                game=sg,
                            )
                        )
    return Equilibria(out, game=sg, method="indifference conditions", complete=not unlisted, exact=sg.exact)


def _warn_pure_continuum(sg: SignalingGame, t_m, t_p, m1, m2, b, z) -> bool:
    """Warn when ``t_m`` is exactly indifferent between m1 (pure reply) and m2: q is then free.
    Returns whether it warned."""
    tol = sg.sender_tol  # sender payoffs only
    warned = False
    for a in sg.actions:
        if abs(sg.sender_table[t_m][m1][a] - z) > tol:
            continue
        s = sg.belief_set(m1, a)
        if s.interval is None:
            continue
        lo, hi = s.interval
        # posteriors mu(t_p) reachable with 0 < q < 1 form (p_p, 1); interval is in the first type's probability
        first_is_p = sg.types[0] == t_p
        lo_p, hi_p = (lo, hi) if first_is_p else (1 - hi, 1 - lo)
        if hi_p > sg.prior_of(t_p) and lo_p < 1:
            if sg.sender_table[t_p][m2][b] <= sg.sender_table[t_p][m1][a] + tol:
                warnings.warn(
                    f"type {t_m!r} is indifferent between {m1!r} (reply {a!r}) and {m2!r} (reply {b!r}): "
                    "a continuum of hybrid equilibria with a pure reply exists and is not listed",
                    DegenerateSignalingWarning,
                    stacklevel=3,
                )
                warned = True
    return warned
