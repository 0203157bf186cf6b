"""Finite signaling games: all pure perfect Bayesian equilibria and the intuitive criterion.

A sender of type ``t`` (drawn from a common prior ``p``) sends a message ``m``;
the receiver sees ``m``, not ``t``, and chooses an action ``a``; payoffs are
``f(t, m, a)`` to the sender and ``g(t, m, a)`` to the receiver (Spence 1973;
Cho & Kreps 1987).

A pure perfect Bayesian equilibrium (Fudenberg & Tirole 1991, 8.2) is a sender
strategy ``s: T -> M``, a receiver strategy ``r: M -> A`` and beliefs ``mu(.|m)``
such that (i) every type's message is optimal given ``r``; (ii) after every
message ``r(m)`` maximizes the receiver's expected payoff under ``mu(.|m)``;
(iii) on the path (messages sent with positive probability) ``mu`` follows from
the prior by Bayes' rule.  Off the path the beliefs are free, so an equilibrium is
supported by a *set* of beliefs: the polytope of beliefs that make ``r(m)`` a best
response (an interval for two types, see :mod:`gametheory.bayesian._beliefs`).

:func:`perfect_bayesian_equilibria` enumerates every sender strategy, computes
the on-path beliefs, enumerates every best response on the path (ties are listed,
not broken) and every action supportable by some belief off the path, and keeps
the combinations in which no type wants to deviate.  The work grows as
``|M|^|T|`` times the product of the numbers of candidate replies.

The intuitive criterion (Cho & Kreps 1987): for an unused message ``m`` let
``J(m)`` be the types whose equilibrium payoff exceeds the best they could get
from ``m`` under any reply that is a best response to some belief.  The
equilibrium fails if some type ``t`` would get more than its equilibrium payoff
from ``m`` under *every* reply that is a best response to some belief on the types
outside ``J(m)``.  (If ``J(m)`` holds every type, ``m`` cannot break the equilibrium.)

Exactness: when the prior and every payoff are ints/Fractions the whole
computation is exact; any float makes it floating point with one tolerance per
player, on that player's own payoff scale: ``sender_tol = 1e-9 * max |sender payoff|``
and ``receiver_tol = 1e-9 * max |receiver payoff|`` (``1e-9`` for all-zero payoffs);
``tol`` is the larger of the two.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

from ..numbers import num_text
from ._beliefs import BeliefSet, belief_set
from ..equilibrium import Equilibria, Result, add_column
from ..errors import InvalidGameError, SolverError
from ..numbers import as_number, default_tol

__all__ = [
    "SignalingGame",
    "PerfectBayesianEquilibrium",
    "IntuitiveFailure",
    "IntuitiveCheck",
    "perfect_bayesian_equilibria",
    "intuitive_criterion",
]


def check_labels(values: Any, what: str) -> tuple:
    """``values`` as a tuple of distinct hashable labels (types, messages, actions).

    Shared by the Bayesian, signaling and symbolic signaling games.

    Parameters
    ----------
    values : iterable
        The labels.
    what : str
        How errors name them (``"types"``).

    Returns
    -------
    tuple
        The labels.

    Raises
    ------
    InvalidGameError
        Naming ``what``: not a list, empty, unhashable or repeated labels.

    References
    ----------
    Harsanyi, J. (1967-68). Games with incomplete information played by "Bayesian"
    players. Management Science 14 (types as labels).

    Examples
    --------
    >>> from gametheory.bayesian import check_labels
    >>> check_labels(["weak", "strong"], "types")
    ('weak', 'strong')
    >>> check_labels(["a", "a"], "types")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: ...
    """
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise InvalidGameError(f"{what} must be a list of labels; got {values!r}")
    out = tuple(values)
    if not out:
        raise InvalidGameError(f"{what} must not be empty")
    try:
        distinct = len(set(out)) == len(out)
    except TypeError:
        raise InvalidGameError(f"{what} must be hashable labels; got {out!r}") from None
    if not distinct:
        dup = sorted({repr(x) for x in out if out.count(x) > 1})
        raise InvalidGameError(f"{what} must be distinct; repeated: {', '.join(dup)}")
    return out


class SignalingGame:
    """A finite sender-receiver game with a common prior over the sender's types.

    Parameters
    ----------
    types : sequence
        Sender types (distinct hashable labels).
    prior : sequence or dict
        Probability of each type, in the order of ``types`` (or a dict type -> probability).
    messages, actions : sequence
        The sender's messages and the receiver's actions (distinct labels).
    sender_payoff, receiver_payoff : callable
        ``(type, message, action) -> number``; ints/Fractions keep the game exact.
    title : str
        An optional name.

    Raises
    ------
    InvalidGameError
        Duplicate labels, a prior that is not a probability vector, payoffs that are not
        finite numbers.

    References
    ----------
    Spence, M. (1973). Job market signaling. QJE 87.  Cho, I.-K. & Kreps, D. (1987).
    Signaling games and stable equilibria. QJE 102.  Fudenberg, D. & Tirole, J. (1991).
    Game Theory, 8.2.

    Examples
    --------
    Cho & Kreps's beer-quiche game:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):  # 1 for the preferred breakfast, 2 if the receiver retreats
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):  # 1 for fighting a weak type or retreating from a strong one
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> [(eq.sender, eq.kind) for eq in gt.perfect_bayesian_equilibria(sg)]  # doctest: +NORMALIZE_WHITESPACE
    [({'weak': 'beer', 'strong': 'beer'}, 'pooling'),
     ({'weak': 'quiche', 'strong': 'quiche'}, 'pooling')]
    """

    def __init__(
        self,
        types: Sequence[Any],
        prior: Any,
        messages: Sequence[Any],
        actions: Sequence[Any],
        sender_payoff: Callable[[Any, Any, Any], Any],
        receiver_payoff: Callable[[Any, Any, Any], Any],
        title: str = "",
    ) -> None:
        self.types = check_labels(types, "types")
        self.messages = check_labels(messages, "messages")
        self.actions = check_labels(actions, "actions")
        self.title = str(title)
        if isinstance(prior, dict):
            unknown = [k for k in prior if k not in self.types]
            if unknown:
                raise InvalidGameError(f"prior names unknown types {unknown!r}; types are {list(self.types)!r}")
            prior = [prior.get(t, 0) for t in self.types]
        if isinstance(prior, (str, bytes)) or not hasattr(prior, "__iter__"):
            raise InvalidGameError(f"prior must be a probability vector over the types; got {prior!r}")
        prior = list(prior)
        if len(prior) != len(self.types):
            raise InvalidGameError(f"prior has {len(prior)} entries but there are {len(self.types)} types")
        pr = [as_number(p, f"prior of type {t!r}") for p, t in zip(prior, self.types)]
        for t, p in zip(self.types, pr):
            if p < 0:
                raise InvalidGameError(f"prior of type {t!r} is negative ({p})")
        for name, fn in (("sender_payoff", sender_payoff), ("receiver_payoff", receiver_payoff)):
            if not callable(fn):
                raise InvalidGameError(f"{name} must be a callable (type, message, action) -> number; got {fn!r}")
        tables = []
        for name, fn in (("sender_payoff", sender_payoff), ("receiver_payoff", receiver_payoff)):
            tab: dict = {}
            for t in self.types:
                tab[t] = {}
                for m in self.messages:
                    tab[t][m] = {}
                    for a in self.actions:
                        try:
                            v = fn(t, m, a)
                        except Exception as exc:  # the user's callable; report where it failed
                            raise InvalidGameError(
                                f"{name}({t!r}, {m!r}, {a!r}) raised {type(exc).__name__}: {exc}"
                            ) from exc
                        tab[t][m][a] = as_number(v, f"{name}({t!r}, {m!r}, {a!r})")
            tables.append(tab)
        values = pr + [v for tab in tables for t in tab for m in tab[t] for v in tab[t][m].values()]
        self.exact: bool = all(isinstance(v, Fraction) for v in values)
        conv = (lambda v: v) if self.exact else float
        self.prior: tuple = tuple(conv(p) for p in pr)
        self.sender_table: dict = {t: {m: {a: conv(v) for a, v in d.items()} for m, d in tm.items()} for t, tm in tables[0].items()}
        self.receiver_table: dict = {t: {m: {a: conv(v) for a, v in d.items()} for m, d in tm.items()} for t, tm in tables[1].items()}
        # per player on its own payoff scale; an int 0 keeps Fraction comparisons exact
        # (Fraction - 0.0 would become a float)
        self.sender_tol, self.receiver_tol = (
            (0, 0) if self.exact else
            tuple(default_tol([v for t in tab for m in tab[t] for v in tab[t][m].values()]) for tab in tables)
        )
        self.tol: float = max(self.sender_tol, self.receiver_tol)
        total = sum(self.prior, Fraction(0) if self.exact else 0.0)
        if (total != 1) if self.exact else abs(total - 1) > 1e-9:
            raise InvalidGameError(f"prior must sum to 1; it sums to {total}")
        self._prior = dict(zip(self.types, self.prior))
        self.sender_payoff = sender_payoff
        self.receiver_payoff = receiver_payoff

    def prior_of(self, t: Any) -> Any:
        return self._prior[t]

    @property
    def zero(self) -> Any:
        return Fraction(0) if self.exact else 0.0

    def __repr__(self) -> str:
        kind = "exact" if self.exact else "float"
        name = f" {self.title!r}" if self.title else ""
        return (
            f"<SignalingGame{name}: {len(self.types)} types, {len(self.messages)} messages, "
            f"{len(self.actions)} actions, {kind}>"
        )

    def to_normal_form(self) -> Any:
        """The two-player (ex-ante) normal form: the sender picks a message per type, the
        receiver an action per message; payoffs are prior expectations (Harsanyi 1967-68).

        Strategy labels are ``"t1: m; t2: m'"`` and ``"m: a; m': a'"``.  Every PBE is a
        Nash equilibrium of this game; a Nash equilibrium that sends every message is a PBE.
        """
        from ..normal_form import NormalFormGame

        senders = list(itertools.product(self.messages, repeat=len(self.types)))
        replies = list(itertools.product(self.actions, repeat=len(self.messages)))
        zero = self.zero
        arrs = [[[zero] * len(replies) for _ in senders] for _ in range(2)]
        for i, s in enumerate(senders):
            for j, r in enumerate(replies):
                reply = dict(zip(self.messages, r))
                for t, m in zip(self.types, s):
                    p = self._prior[t]
                    arrs[0][i][j] += p * self.sender_table[t][m][reply[m]]
                    arrs[1][i][j] += p * self.receiver_table[t][m][reply[m]]
        labels = [
            ["; ".join(f"{t}: {m}" for t, m in zip(self.types, s)) for s in senders],
            ["; ".join(f"{m}: {a}" for m, a in zip(self.messages, r)) for r in replies],
        ]
        return NormalFormGame(arrs, ["Sender", "Receiver"], labels, exact=self.exact, title=self.title)

    # ------------------------------------------------------------- receiver side
    def expected_receiver(self, m: Any, belief: dict) -> dict:
        """Receiver's expected payoff of each action after ``m`` under ``belief``."""
        return {a: sum((belief.get(t, 0) * self.receiver_table[t][m][a] for t in self.types), self.zero) for a in self.actions}

    def best_responses(self, m: Any, belief: dict) -> tuple:
        """All receiver best responses to ``m`` under ``belief`` (ties listed)."""
        ev = self.expected_receiver(m, belief)
        best = max(ev.values())
        return tuple(a for a in self.actions if ev[a] >= best - self.receiver_tol)

    def belief_set(self, m: Any, a: Any, support: Sequence[Any] | None = None) -> BeliefSet:
        """Beliefs (over ``support``, default all types) under which ``a`` is a best reply to ``m``."""
        values = {t: self.receiver_table[t][m] for t in self.types}
        return belief_set(m, a, self.types, self.actions, values, support, self.exact, self.receiver_tol)

    def posterior(self, sender: dict, m: Any) -> dict | None:
        """Bayes' rule: belief after ``m`` given the pure sender strategy; None if ``m`` has probability 0."""
        mass = sum((self._prior[t] for t in self.types if sender[t] == m), self.zero)
        if mass == 0:
            return None
        return {t: (self._prior[t] / mass if sender[t] == m else self.zero) for t in self.types}


@dataclass(frozen=True)
class IntuitiveFailure:
    """Why an equilibrium fails the intuitive criterion.

    ``type`` would deviate to the unused ``message``: every reply that is a best response
    to some belief on the types outside ``excluded_types`` (those for whom ``message`` is
    equilibrium-dominated) gives it at least ``worst_deviation_payoff``, more than its
    ``equilibrium_payoff``.

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
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> failure = gt.perfect_bayesian_equilibria(sg)[1].intuitive_failure
    >>> failure.type, failure.message, failure.excluded_types
    ('strong', 'beer', ('weak',))
    >>> failure.equilibrium_payoff, failure.worst_deviation_payoff
    (Fraction(2, 1), Fraction(3, 1))
    """

    type: Any
    message: Any
    equilibrium_payoff: Any
    worst_deviation_payoff: Any
    excluded_types: tuple
    responses: tuple

    @property
    def explanation(self) -> str:
        excl = ", ".join(map(str, self.excluded_types)) or "none"
        return (
            f"type {self.type!r} would deviate to {self.message!r}: the receiver should not attribute "
            f"{self.message!r} to {excl} (equilibrium-dominated), and every reasonable reply "
            f"({', '.join(map(str, self.responses))}) gives {self.type!r} at least "
            f"{num_text(self.worst_deviation_payoff)} > its equilibrium payoff {num_text(self.equilibrium_payoff)}"
        )

    def __str__(self) -> str:
        return self.explanation


@dataclass(frozen=True)
class IntuitiveCheck:
    """Result of :func:`intuitive_criterion`: ``passes`` (also its truth value) and every failure found.

    Attributes
    ----------
    passes : bool
        Whether the equilibrium survives.
    failures : tuple of IntuitiveFailure
        Every (type, unused message) pair that breaks it.

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
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> beer, quiche = gt.perfect_bayesian_equilibria(sg)
    >>> bool(gt.intuitive_criterion(sg, beer)), gt.intuitive_criterion(sg, quiche).passes
    (True, False)
    """

    passes: bool
    failures: tuple

    def __bool__(self) -> bool:
        return self.passes


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibrium(Result):
    """A pure perfect Bayesian equilibrium of a :class:`SignalingGame`.

    Attributes
    ----------
    sender : dict
        type -> message.
    receiver : dict
        message -> action.
    beliefs : dict
        message -> type -> probability: Bayes' rule on the path; off the path one
        supporting belief (interior to the set).
    belief_sets : dict
        off-path message -> :class:`BeliefSet`, all beliefs that make the receiver's
        action a best response (``.interval`` for two types).
    kind : str
        "pooling", "separating" or "partial".
    intuitive : bool
        Whether it survives the Cho-Kreps intuitive criterion.
    intuitive_failure : IntuitiveFailure or None
        The type that would deviate and to which message, when ``intuitive`` is False.
    payoffs : tuple
        (type -> sender payoff, receiver expected payoff).

    strategies : dict
        ``{"sender": sender, "receiver": receiver}``, the result convention's name for the pair.
    method, exact, tol, params, game
        The result convention (:class:`gametheory.equilibrium.Result`); ``game`` is the :class:`SignalingGame`, ``tol`` the sender tolerance of the deviation check.

    ``to_row()``: ``kind``, ``"sender <type>"`` (message), ``"receiver <message>"``
    (reply), ``"belief <message>: <type>"``, ``intuitive``, ``"payoff sender <type>"``,
    ``"payoff receiver"``, ``method``, ``exact``.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.  Cho, I.-K. & Kreps, D. (1987).
    Signaling games and stable equilibria. QJE 102.

    Examples
    --------
    Beer-quiche (Cho & Kreps 1987), pooling on beer:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> eq = gt.perfect_bayesian_equilibria(sg)[0]
    >>> eq.kind, eq.beliefs["beer"], eq.belief_sets["quiche"].interval
    ('pooling', {'weak': Fraction(1, 10), 'strong': Fraction(9, 10)}, (Fraction(1, 2), Fraction(1, 1)))
    """

    sender: dict
    receiver: dict
    beliefs: dict
    belief_sets: dict
    kind: str
    intuitive: bool
    intuitive_failure: IntuitiveFailure | None
    payoffs: tuple
    exact: bool = True
    intuitive_failures: tuple = field(default=(), repr=False)
    method: str = "pure PBE enumeration"
    tol: float = 0.0
    params: Any = field(default_factory=dict, repr=False)
    game: Any = field(default=None, repr=False)

    @property
    def strategies(self) -> dict:
        return {"sender": self.sender, "receiver": self.receiver}

    def to_row(self) -> dict[str, Any]:
        return self.finish_row(_signaling_row(self, {"kind": self.kind}, {"intuitive": bool(self.intuitive)}))

    @property
    def sender_payoffs(self) -> dict:
        return self.payoffs[0]

    @property
    def receiver_payoff(self) -> Any:
        return self.payoffs[1]

    @property
    def on_path(self) -> tuple:
        return tuple(m for m in self.receiver if m not in self.belief_sets)

    def __repr__(self) -> str:
        s = ", ".join(f"{t}->{m}" for t, m in self.sender.items())
        r = ", ".join(f"{m}->{a}" for m, a in self.receiver.items())
        return f"PBE({self.kind}; sender: {s}; receiver: {r}; intuitive={self.intuitive})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{t}</td><td>{m}</td><td>{self.receiver[m]}</td><td>{num_text(self.payoffs[0][t])}</td></tr>"
            for t, m in self.sender.items()
        )
        off = "".join(
            f"<li>{m} &rarr; {self.receiver[m]}: {bs.describe()}</li>" for m, bs in self.belief_sets.items()
        )
        note = "passes" if self.intuitive else f"fails: {self.intuitive_failure}"
        return (
            f"<b>{self.kind} PBE</b><table><tr><th>type</th><th>message</th><th>reply</th><th>payoff</th></tr>"
            f"{rows}</table>receiver payoff {num_text(self.payoffs[1])}"
            + (f"<br>off-path beliefs:<ul>{off}</ul>" if off else "")
            + f"<small>intuitive criterion: {note}</small>"
        )


def _signaling_row(eq: Any, head: dict, middle: dict) -> dict[str, Any]:
    """The flat row of a signaling equilibrium: strategies (a mixed choice as one column per
    option), beliefs, ``middle``, payoffs."""
    row = dict(head)
    for side, strat in (("sender", eq.sender), ("receiver", eq.receiver)):
        for who, choice in strat.items():
            if isinstance(choice, dict):
                for option, p in choice.items():
                    add_column(row, f"{side} {who}: {option}", p)
            else:
                add_column(row, f"{side} {who}", choice)
    for m, belief in eq.beliefs.items():
        for t, p in belief.items():
            add_column(row, f"belief {m}: {t}", p)
    row.update(middle)
    for t, u in eq.payoffs[0].items():
        add_column(row, f"payoff sender {t}", u)
    add_column(row, "payoff receiver", eq.payoffs[1])
    return row


def _kind(sg: SignalingGame, sender: dict) -> str:
    used = [sender[t] for t in sg.types]
    if len(set(used)) == 1:
        return "pooling"
    if len(set(used)) == len(used):
        return "separating"
    return "partial"


def _check_game(sg: Any) -> SignalingGame:
    if not isinstance(sg, SignalingGame):
        raise InvalidGameError(f"expected a SignalingGame; got {type(sg).__name__}")
    return sg


def _sender_payoff_of(sg: SignalingGame, sender: dict, receiver: dict) -> dict:
    return {t: sg.sender_table[t][sender[t]][receiver[sender[t]]] for t in sg.types}


def intuitive_criterion(sg: SignalingGame, pbe: PerfectBayesianEquilibrium) -> IntuitiveCheck:
    """The Cho & Kreps intuitive criterion applied to a pure PBE of ``sg``.

    Parameters
    ----------
    sg : SignalingGame
        The game.
    pbe : PerfectBayesianEquilibrium
        One of its pure PBE.

    Returns
    -------
    IntuitiveCheck
        Truthy when the equilibrium passes; ``failures`` lists every (type, unused
        message) pair that breaks it.

    References
    ----------
    Cho, I.-K. & Kreps, D. (1987). Signaling games and stable equilibria. QJE 102.

    Examples
    --------
    In beer-quiche, pooling on quiche fails: the strong type would drink beer.

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):  # 1 for the preferred breakfast, 2 if the receiver retreats
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):  # 1 for fighting a weak type or retreating from a strong one
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> quiche = gt.perfect_bayesian_equilibria(sg)[1]
    >>> check = gt.intuitive_criterion(sg, quiche)
    >>> bool(check), check.failures[0].type, check.failures[0].message
    (False, 'strong', 'beer')
    """
    _check_game(sg)
    if not isinstance(pbe, PerfectBayesianEquilibrium):
        raise InvalidGameError(f"expected a PerfectBayesianEquilibrium; got {type(pbe).__name__}")
    tol = sg.sender_tol  # every comparison below is of sender payoffs
    eq_pay = _sender_payoff_of(sg, pbe.sender, pbe.receiver)
    used = set(pbe.sender.values())
    failures = []
    for m in sg.messages:
        if m in used:
            continue
        br_all = [a for a in sg.actions if sg.belief_set(m, a)]
        dominated = tuple(
            t for t in sg.types if eq_pay[t] > max(sg.sender_table[t][m][a] for a in br_all) + tol
        )
        rest = tuple(t for t in sg.types if t not in dominated)
        if not rest:
            continue
        br_rest = tuple(a for a in sg.actions if sg.belief_set(m, a, support=rest))
        for t in sg.types:
            worst = min(sg.sender_table[t][m][a] for a in br_rest)
            if worst > eq_pay[t] + tol:
                failures.append(IntuitiveFailure(t, m, eq_pay[t], worst, dominated, br_rest))
    return IntuitiveCheck(not failures, tuple(failures))


def perfect_bayesian_equilibria(
    sg: SignalingGame, intuitive: bool | None = None, max_sender_strategies: int = 1_000_000
) -> Equilibria:
    """ALL pure perfect Bayesian equilibria of a finite signaling game.

    Receiver ties are enumerated (each best response gives its own equilibrium); each
    off-path message carries the set of beliefs that supports the action.

    Parameters
    ----------
    sg : SignalingGame
        The game.
    intuitive : bool or None
        ``True`` keeps only the equilibria that pass the intuitive criterion, ``False``
        only those that fail it; ``None`` (default) keeps all.
    max_sender_strategies : int
        More sender strategies (``|M|^|T|``) than this raise instead of running for hours.

    Returns
    -------
    Equilibria of PerfectBayesianEquilibrium
        A list (complete: all pure PBE, or all that pass/fail the criterion); each has
        Each with ``sender`` (type -> message), ``receiver`` (message -> action),
        ``beliefs``, ``belief_sets``, ``kind`` ("pooling", "separating", "partial") and
        ``intuitive``.

    Raises
    ------
    SolverError
        More than ``max_sender_strategies`` sender strategies.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2.  Cho, I.-K. & Kreps, D. (1987).
    Signaling games and stable equilibria. QJE 102.

    Examples
    --------
    Cho & Kreps's beer-quiche game:

    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> def sender(t, m, a):  # 1 for the preferred breakfast, 2 if the receiver retreats
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):  # 1 for fighting a weak type or retreating from a strong one
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = gt.SignalingGame(types=["weak", "strong"], prior=[Fraction(1, 10), Fraction(9, 10)],
    ...                       messages=["beer", "quiche"], actions=["fight", "retreat"],
    ...                       sender_payoff=sender, receiver_payoff=receiver)
    >>> for eq in gt.perfect_bayesian_equilibria(sg):
    ...     print(eq.sender["strong"], eq.receiver, eq.intuitive)
    beer {'beer': 'retreat', 'quiche': 'fight'} True
    quiche {'beer': 'fight', 'quiche': 'retreat'} False
    >>> len(gt.perfect_bayesian_equilibria(sg, intuitive=True))
    1
    """
    _check_game(sg)
    if intuitive not in (None, True, False):
        raise InvalidGameError(f"intuitive must be None, True or False; got {intuitive!r}")
    n_strats = len(sg.messages) ** len(sg.types)
    if n_strats > max_sender_strategies:
        raise SolverError(
            f"{len(sg.messages)} messages and {len(sg.types)} types give {n_strats} sender strategies to enumerate, "
            f"more than max_sender_strategies={max_sender_strategies}; raise the limit to proceed"
        )
    tol = sg.sender_tol  # the sender's deviation check; receiver ties use receiver_tol inside sg
    # Off-path supports do not depend on the sender strategy: compute them once.
    offpath_sets = {m: {a: sg.belief_set(m, a) for a in sg.actions} for m in sg.messages}
    offpath_choices = {m: [a for a in sg.actions if offpath_sets[m][a]] for m in sg.messages}
    out: list[PerfectBayesianEquilibrium] = []
    for combo in itertools.product(sg.messages, repeat=len(sg.types)):
        sender = dict(zip(sg.types, combo))
        beliefs: dict = {}
        choices: list[list] = []
        for m in sg.messages:
            post = sg.posterior(sender, m)
            if post is not None:
                beliefs[m] = post
                choices.append(list(sg.best_responses(m, post)))
            else:
                choices.append(offpath_choices[m])
        for reply in itertools.product(*choices):
            receiver = dict(zip(sg.messages, reply))
            ok = True
            for t in sg.types:
                own = sg.sender_table[t][sender[t]][receiver[sender[t]]]
                if any(sg.sender_table[t][m][receiver[m]] > own + tol for m in sg.messages):
                    ok = False
                    break
            if not ok:
                continue
            sets = {m: offpath_sets[m][receiver[m]] for m in sg.messages if m not in beliefs}
            full_beliefs = {m: (beliefs[m] if m in beliefs else sets[m].point) for m in sg.messages}
            pay_s = _sender_payoff_of(sg, sender, receiver)
            pay_r = sum(
                (sg.prior_of(t) * sg.receiver_table[t][sender[t]][receiver[sender[t]]] for t in sg.types),
                sg.zero,
            )
            draft = PerfectBayesianEquilibrium(
                sender, receiver, full_beliefs, sets, _kind(sg, sender), True, None, (pay_s, pay_r), sg.exact
            )
            check = intuitive_criterion(sg, draft)
            pbe = PerfectBayesianEquilibrium(
                sender,
                receiver,
                full_beliefs,
                sets,
                draft.kind,
                check.passes,
                check.failures[0] if check.failures else None,
                (pay_s, pay_r),
                sg.exact,
                check.failures,
                tol=tol,
                game=sg,
            )
            if intuitive is None or pbe.intuitive == intuitive:
                out.append(pbe)
    return Equilibria(out, game=sg, method="pure PBE enumeration", exact=sg.exact, params={"intuitive": intuitive})
