"""Signaling games with symbolic payoffs and prior: perfect Bayesian equilibrium conditions per
pure candidate, off-path beliefs as a disjunction over the vertices of the belief polytope
(private module; re-exported by :mod:`gametheory.symbolic`).
"""

from __future__ import annotations

import itertools
from typing import Any, Mapping, Sequence

import sympy

from ..errors import GameError, InvalidGameError
from ._conditions import simplify_condition
from ._parse import parameters, to_expression
from ._parse import parse_value
from ._regions import _Conditions


class SymbolicSignalingGame(_Conditions):
    """A signaling game with symbolic payoffs (and prior): PBE conditions per pure candidate.

    Candidates are keyed ``(sender, receiver)``: the messages of the types in order and
    the actions after the messages in order.

    Parameters
    ----------
    types, messages, actions
        As for :class:`gametheory.SignalingGame`.
    prior : sequence
        Probabilities of the types; entries may be expressions (they must sum to 1
        identically and are assumed positive).
    sender_payoff, receiver_payoff : callable
        ``(type, message, action) ->`` a number or a sympy expression in ``params``.
    params
        Symbols or names of the parameters.
    max_candidates : int
        Refuse games with more pure candidates than this.

    Raises
    ------
    InvalidGameError
        A prior that does not sum to 1, a refused expression string.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991). Game Theory, 8.2; Cho, I.-K. & Kreps, D. (1987)
    for the game form.

    Examples
    --------
    Beer-quiche with P(weak) = p: pooling on beer with the receiver fighting after
    quiche needs p <= 1/2.

    >>> import sympy
    >>> from gametheory.symbolic import SymbolicSignalingGame
    >>> p = sympy.Symbol("p", positive=True)
    >>> def sender(t, m, a):
    ...     return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "retreat" else 0)
    >>> def receiver(t, m, a):
    ...     return 1 if (a == "fight") == (t == "weak") else 0
    >>> sg = SymbolicSignalingGame(["weak", "strong"], [p, 1 - p], ["beer", "quiche"],
    ...                            ["fight", "retreat"], sender, receiver, params=[p])
    >>> sg.conditions()[(("beer", "beer"), ("retreat", "fight"))]
    [p <= 1/2]
    """

    def __init__(
        self,
        types: Sequence[Any],
        prior: Sequence[Any],
        messages: Sequence[Any],
        actions: Sequence[Any],
        sender_payoff: Any,
        receiver_payoff: Any,
        params: Any = None,
        max_candidates: int = 100_000,
    ) -> None:
        from ..bayesian import check_labels

        plist = parameters(params) if params is not None else None
        self.types = check_labels(types, "types")
        self.messages = check_labels(messages, "messages")
        self.actions = check_labels(actions, "actions")
        if isinstance(prior, Mapping):
            prior = [prior.get(t, 0) for t in self.types]
        prior = list(prior)
        if len(prior) != len(self.types):
            raise InvalidGameError(f"prior has {len(prior)} entries but there are {len(self.types)} types")
        self.prior = tuple(to_expression(p, f"prior of type {t!r}", plist) for p, t in zip(prior, self.types))
        for t, p in zip(self.types, self.prior):
            if p.is_negative or p.is_zero:
                raise InvalidGameError(f"prior of type {t!r} must be positive; got {p}")
        if sympy.simplify(sympy.Add(*self.prior) - 1) != 0:
            raise InvalidGameError(f"prior must sum to 1; it sums to {sympy.simplify(sympy.Add(*self.prior))}")
        tables = []
        for name, fn in (("sender_payoff", sender_payoff), ("receiver_payoff", receiver_payoff)):
            if not callable(fn):
                raise InvalidGameError(f"{name} must be a callable (type, message, action) -> expression")
            tab = {}
            for t, m, a in itertools.product(self.types, self.messages, self.actions):
                try:
                    v = fn(t, m, a)
                except Exception as exc:
                    raise InvalidGameError(f"{name}({t!r}, {m!r}, {a!r}) raised {type(exc).__name__}: {exc}") from exc
                tab[(t, m, a)] = to_expression(v, f"{name}({t!r}, {m!r}, {a!r})", plist)
            tables.append(tab)
        self.f, self.g = tables
        if plist is None:
            syms = set().union(*[e.free_symbols for tab in tables for e in tab.values()], *[p.free_symbols for p in self.prior])
            plist = tuple(sorted(syms, key=lambda x: x.name))
        self.params: tuple = plist
        n = len(self.messages) ** len(self.types) * len(self.actions) ** len(self.messages)
        if n > max_candidates:
            raise GameError(f"the game has {n} pure candidates, more than max_candidates={max_candidates}")
        self._conds = None
        self._comp = None

    def label(self, key: Any) -> str:
        s, r = key
        return ", ".join(f"{t}->{m}" for t, m in zip(self.types, s)) + " | " + ", ".join(
            f"{m}->{a}" for m, a in zip(self.messages, r)
        )

    def belief_condition(self, m: Any, a: Any) -> Any:
        """The condition that some belief over the types makes ``a`` a best reply to ``m``."""
        k = len(self.types)
        rows = []
        for b in self.actions:
            if b == a:
                continue
            row = [sympy.expand(self.g[(t, m, a)] - self.g[(t, m, b)]) for t in self.types]
            if all(x == 0 for x in row):
                continue
            rows.append(row)
        rows += [[sympy.Integer(1 if j == i else 0) for j in range(k)] for i in range(k)]
        cands = []
        for combo in itertools.combinations(rows, k - 1):
            mat = sympy.Matrix(list(combo) + [[1] * k])
            det = sympy.expand(mat.det())
            if det == 0:
                continue
            num = mat.adjugate()[:, k - 1]
            conds = [] if det.is_number else [sympy.Ne(det, 0)]
            ok = True
            for row in rows:
                # many of these per message: skip factoring (readability only) to keep it fast
                c = simplify_condition(sympy.expand(sum((x * y for x, y in zip(row, num)), sympy.Integer(0)) * det), factor=False)
                if c is sympy.false:
                    ok = False
                    break
                if c is not sympy.true:
                    conds.append(c)
            if not ok:
                continue
            if not conds:
                return sympy.true
            cands.append(sympy.And(*conds))
        return sympy.Or(*cands) if cands else sympy.false

    def conditions(self) -> dict:
        """dict (sender messages, receiver actions) -> list of PBE conditions
        (``[]``: always a PBE; ``[false]``: never)."""
        if self._conds is not None:
            return self._conds
        cache: dict = {}
        beliefs: dict = {}

        def cond(diff: sympy.Expr) -> Any:
            diff = sympy.expand(diff)
            c = cache.get(diff)
            if c is None:
                c = cache[diff] = simplify_condition(diff)
            return c

        out = {}
        for s in itertools.product(self.messages, repeat=len(self.types)):
            sender = dict(zip(self.types, s))
            for r in itertools.product(self.actions, repeat=len(self.messages)):
                reply = dict(zip(self.messages, r))
                conds: list = []
                never = False

                def add(c: Any) -> bool:
                    if c is sympy.false:
                        return False
                    if c is not sympy.true and c not in conds:
                        conds.append(c)
                    return True

                for t in self.types:
                    own = self.f[(t, sender[t], reply[sender[t]])]
                    for m in self.messages:
                        if m != sender[t] and not add(cond(own - self.f[(t, m, reply[m])])):
                            never = True
                            break
                    if never:
                        break
                for m in self.messages if not never else ():
                    senders = [t for t in self.types if sender[t] == m]
                    if senders:
                        for b in self.actions:
                            if b == reply[m]:
                                continue
                            if len(senders) == 1:  # the prior is positive: it cancels out
                                t = senders[0]
                                d = self.g[(t, m, reply[m])] - self.g[(t, m, b)]
                            else:
                                d = sympy.Add(*[self.prior[self.types.index(t)] * (self.g[(t, m, reply[m])] - self.g[(t, m, b)]) for t in senders])
                            if not add(cond(d)):
                                never = True
                                break
                    else:
                        key = (m, reply[m])
                        if key not in beliefs:
                            beliefs[key] = self.belief_condition(m, reply[m])
                        if not add(beliefs[key]):
                            never = True
                    if never:
                        break
                out[(s, r)] = [sympy.false] if never else conds
        self._conds = out
        return out

    def substitute(self, **values: Any):
        """The numeric :class:`gametheory.SignalingGame` at one parameter point."""
        from ..bayesian import SignalingGame

        missing = [p.name for p in self.params if p.name not in values]
        if missing:
            raise GameError(f"values are missing for parameters {missing}")
        subs = {p: parse_value(values[p.name], f"the value of {p.name}") for p in self.params}

        def num(e: sympy.Expr) -> Any:
            v = e.subs(subs)
            return v if v.is_Rational else float(v)

        f = {k: num(v) for k, v in self.f.items()}
        g = {k: num(v) for k, v in self.g.items()}
        return SignalingGame(
            self.types,
            [num(p) for p in self.prior],
            self.messages,
            self.actions,
            lambda t, m, a: f[(t, m, a)],
            lambda t, m, a: g[(t, m, a)],
        )
