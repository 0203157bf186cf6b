"""Signaling games: beer-quiche, job-market signaling, PBE invariants, semi-separating equilibria."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory as gt
from gametheory.bayesian import intuitive_criterion, semi_separating_equilibria


# ----------------------------------------------------------------------------- games
def beer_quiche(prior_strong=F(9, 10)):
    """Cho & Kreps (1987): 1 for the preferred breakfast, 2 for avoiding the duel."""

    def f(t, m, a):
        return (1 if (t == "strong") == (m == "beer") else 0) + (2 if a == "not" else 0)

    def g(t, m, a):
        return 1 if (t == "weak") == (a == "duel") else 0

    return gt.SignalingGame(
        types=["strong", "weak"],
        prior=[prior_strong, 1 - prior_strong],
        messages=["beer", "quiche"],
        actions=["duel", "not"],
        sender_payoff=f,
        receiver_payoff=g,
    )


def job_market(p_high, cost_high, cost_low):
    """Discrete Spence (1973): productivity 2 (high) or 1 (low); the firm pays a wage of 2 or 1
    and loses 1 when the wage differs from productivity; education costs cost_high / cost_low."""
    prod = {"high": 2, "low": 1}
    wage = {"w2": 2, "w1": 1}

    def f(t, m, a):
        return wage[a] - ((cost_high if t == "high" else cost_low) if m == "educate" else 0)

    def g(t, m, a):
        return 0 if wage[a] == prod[t] else -1

    return gt.SignalingGame(
        types=["high", "low"],
        prior=[p_high, 1 - p_high],
        messages=["educate", "none"],
        actions=["w2", "w1"],
        sender_payoff=f,
        receiver_payoff=g,
    )


def key(p):
    return (tuple(sorted(p.sender.items())), tuple(sorted(p.receiver.items())))


# ----------------------------------------------------------------------------- beer-quiche
def test_beer_quiche_two_pooling_pbe_only_beer_is_intuitive():
    sg = beer_quiche()
    pbes = gt.perfect_bayesian_equilibria(sg)
    assert len(pbes) == 2
    assert all(p.kind == "pooling" for p in pbes)
    by_msg = {p.sender["strong"]: p for p in pbes}
    beer, quiche = by_msg["beer"], by_msg["quiche"]
    assert beer.sender == {"strong": "beer", "weak": "beer"}
    assert beer.receiver == {"beer": "not", "quiche": "duel"}
    assert quiche.receiver == {"beer": "duel", "quiche": "not"}
    # on-path beliefs are the prior (Bayes' rule under pooling)
    assert beer.beliefs["beer"] == {"strong": F(9, 10), "weak": F(1, 10)}
    # off-path: dueling after quiche needs P(strong) <= 1/2, exactly
    assert beer.belief_sets["quiche"].interval == (F(0), F(1, 2))
    assert quiche.belief_sets["beer"].interval == (F(0), F(1, 2))
    assert set(beer.belief_sets) == {"quiche"}
    assert beer.payoffs == ({"strong": F(3), "weak": F(2)}, F(9, 10))
    assert quiche.payoffs == ({"strong": F(2), "weak": F(3)}, F(9, 10))
    assert beer.intuitive and beer.intuitive_failure is None
    assert not quiche.intuitive
    fail = quiche.intuitive_failure
    assert (fail.type, fail.message) == ("strong", "beer")
    assert fail.excluded_types == ("weak",)
    assert fail.responses == ("not",)
    assert (fail.equilibrium_payoff, fail.worst_deviation_payoff) == (F(2), F(3))
    assert "strong" in fail.explanation and "beer" in fail.explanation
    assert gt.perfect_bayesian_equilibria(sg, intuitive=True)[0].sender["weak"] == "beer"
    assert len(gt.perfect_bayesian_equilibria(sg, intuitive=False)) == 1
    assert bool(intuitive_criterion(sg, beer)) and not intuitive_criterion(sg, quiche)


def test_beer_quiche_low_prior_has_no_pure_pbe_and_one_hybrid():
    """With P(strong) = 1/3 < 1/2 no pure PBE exists; in the hybrid equilibrium strong drinks
    beer, weak drinks beer w.p. 1/2 (posterior 1/2) and the receiver duels after beer w.p. 1/2."""
    sg = beer_quiche(F(1, 3))
    assert gt.perfect_bayesian_equilibria(sg) == []
    hyb = semi_separating_equilibria(sg)
    assert len(hyb) == 1
    h = hyb[0]
    assert h.mixing_type == "weak" and h.pooled_message == "beer" and h.separating_message == "quiche"
    assert h.sender == {"strong": {"beer": 1}, "weak": {"beer": F(1, 2), "quiche": F(1, 2)}}
    assert h.receiver == {"beer": {"duel": F(1, 2), "not": F(1, 2)}, "quiche": {"duel": 1}}
    assert h.beliefs["beer"] == {"strong": F(1, 2), "weak": F(1, 2)}
    assert h.payoffs[0] == {"strong": F(2), "weak": F(1)}
    _check_hybrid(sg, h)


def test_beer_quiche_float_matches_exact():
    sg = beer_quiche(0.9)
    assert not sg.exact
    pbes = gt.perfect_bayesian_equilibria(sg)
    assert sorted(key(p) for p in pbes) == sorted(key(p) for p in gt.perfect_bayesian_equilibria(beer_quiche()))
    lo, hi = next(p for p in pbes if p.sender["strong"] == "beer").belief_sets["quiche"].interval
    assert lo == 0.0 and hi == pytest.approx(0.5)


# ----------------------------------------------------------------------------- job market
@pytest.mark.parametrize(
    "p_high, c_high, c_low",
    [(F(1, 4), F(1, 2), F(3, 2)), (F(3, 4), F(1, 2), F(3, 2)), (F(1, 4), F(3, 2), F(2)), (F(1, 4), F(1, 2), F(3, 4))],
)
def test_job_market_signaling(p_high, c_high, c_low):
    sg = job_market(p_high, c_high, c_low)
    pbes = gt.perfect_bayesian_equilibria(sg)
    seps = [p for p in pbes if p.kind == "separating"]
    pools = [p for p in pbes if p.kind == "pooling"]
    # Spence: the high type separates by education iff it pays for it and the low type cannot mimic
    sep_exists = c_high <= 1 <= c_low
    assert bool(seps) == sep_exists
    for p in seps:
        assert p.sender == {"high": "educate", "low": "none"}
        assert p.receiver == {"educate": "w2", "none": "w1"}
        assert p.payoffs[0] == {"high": 2 - c_high, "low": F(1)}
        assert p.intuitive
    # pooling on no education always exists, supported by a low wage after education
    none_pool = [p for p in pools if p.sender["high"] == "none"]
    wage = "w2" if p_high > F(1, 2) else "w1"
    # a low wage after education always supports the pool; a high one only if no type gains from it
    w_val = 2 if wage == "w2" else 1
    replies = {"w1"} | ({"w2"} if 2 - min(c_high, c_low) <= w_val else set())
    assert {p.receiver["educate"] for p in none_pool} == replies and len(none_pool) == len(replies)
    assert all(p.receiver["none"] == wage for p in none_pool)
    pool = next(p for p in none_pool if p.receiver["educate"] == "w1")
    assert pool.belief_sets["educate"].interval == (F(0), F(1, 2))
    # Cho-Kreps: with a low wage at the pool, the high type breaks it iff education is dominated
    # for the low type only and the high type gains from a high wage net of its cost.
    if wage == "w2":
        # education is equilibrium-dominated for both types: the criterion holds vacuously
        assert all(p.intuitive for p in none_pool)
    if wage == "w1":
        assert pool.intuitive == (not (2 - c_low < 1 < 2 - c_high))
        if not pool.intuitive:
            assert pool.intuitive_failure.type == "high"
            assert pool.intuitive_failure.message == "educate"
    # pooling on education needs the low type to accept the cost: 2 - c_low >= 1 at most
    for p in pools:
        if p.sender["high"] == "educate":
            assert p.receiver["educate"] == "w2" and 2 - c_low >= 1


# ----------------------------------------------------------------------------- more than two types
def test_three_types_belief_polytope_exact_vertices():
    types = ["a", "b", "c"]

    def g(t, m, x):
        return {"a": [3, 0, 0], "b": [0, 3, 0], "c": [0, 0, 3]}[t][["x", "y", "z"].index(x)]

    sg = gt.SignalingGame(types, [F(1, 3)] * 3, ["m"], ["x", "y", "z"], lambda t, m, a: 0, g)
    bs = sg.belief_set("m", "x")
    # x is best iff mu(a) >= mu(b) and mu(a) >= mu(c): vertices (1,0,0), (1/2,1/2,0), (1/2,0,1/2), (1/3,1/3,1/3)
    verts = {tuple(v[t] for t in types) for v in bs.vertices}
    assert verts == {(1, 0, 0), (F(1, 2), F(1, 2), 0), (F(1, 2), 0, F(1, 2)), (F(1, 3), F(1, 3), F(1, 3))}
    assert bs.contains(bs.point) and bs.contains({"a": F(1, 2), "b": F(1, 4), "c": F(1, 4)})
    assert not bs.contains({"a": F(1, 4), "b": F(1, 2), "c": F(1, 4)})
    # with one message every type pools; receiver's best reply to the uniform prior: all three tie
    pbes = gt.perfect_bayesian_equilibria(sg)
    assert sorted(p.receiver["m"] for p in pbes) == ["x", "y", "z"]


def test_linprog_fallback_gives_a_verified_point(monkeypatch):
    import gametheory.bayesian._beliefs as bb

    monkeypatch.setattr(bb, "_MAX_VERTEX_COMBINATIONS", 0)
    vals = {"a": {"x": 3, "y": 0}, "b": {"x": 0, "y": 3}, "c": {"x": 1, "y": 1}}
    bs = bb.belief_set("m", "x", ["a", "b", "c"], ["x", "y"], vals)
    assert bs.method == "linprog" and bs.point is not None and bs.contains(bs.point)
    vals2 = {"a": {"x": -1, "y": 0}, "b": {"x": -1, "y": 0}, "c": {"x": -2, "y": 0}}
    assert bb.belief_set("m", "x", ["a", "b", "c"], ["x", "y"], vals2).is_empty


# ----------------------------------------------------------------------------- hypothesis
def _oracle_supportable(sg, m, a):
    """Independent check (float LP): is there a belief making ``a`` a best reply to ``m``?"""
    k = len(sg.types)
    rows = [[-(float(sg.receiver_table[t][m][a]) - float(sg.receiver_table[t][m][b])) for t in sg.types] for b in sg.actions if b != a]
    res = linprog(
        np.zeros(k),
        A_ub=np.array(rows) if rows else None,
        b_ub=np.full(len(rows), 1e-9) if rows else None,
        A_eq=np.ones((1, k)),
        b_eq=[1.0],
        bounds=[(0, 1)] * k,
        method="highs",
    )
    return res.status == 0


def _oracle_pbe(sg):
    """Brute force over all pure (sender, receiver) pairs, by the definition of a PBE."""
    found = set()
    for s in itertools.product(sg.messages, repeat=len(sg.types)):
        sender = dict(zip(sg.types, s))
        for r in itertools.product(sg.actions, repeat=len(sg.messages)):
            receiver = dict(zip(sg.messages, r))
            ok = all(
                sg.sender_table[t][sender[t]][receiver[sender[t]]] >= sg.sender_table[t][m][receiver[m]]
                for t in sg.types
                for m in sg.messages
            )
            for m in sg.messages:
                if not ok:
                    break
                senders = [t for t in sg.types if sender[t] == m and sg.prior_of(t) > 0]
                if senders:
                    ev = {a: sum(sg.prior_of(t) * sg.receiver_table[t][m][a] for t in senders) for a in sg.actions}
                    ok = ev[receiver[m]] == max(ev.values())
                else:
                    ok = _oracle_supportable(sg, m, receiver[m])
            if ok:
                found.add((tuple(sorted(sender.items())), tuple(sorted(receiver.items()))))
    return found


@st.composite
def signaling_games(draw, max_types=3):
    n_t = draw(st.integers(2, max_types))
    n_m = draw(st.integers(1, 3))
    n_a = draw(st.integers(2, 3))
    weights = draw(st.lists(st.integers(1, 6), min_size=n_t, max_size=n_t))
    prior = [F(w, sum(weights)) for w in weights]
    pay = st.integers(-3, 3)
    fs = draw(st.lists(pay, min_size=n_t * n_m * n_a, max_size=n_t * n_m * n_a))
    gs = draw(st.lists(pay, min_size=n_t * n_m * n_a, max_size=n_t * n_m * n_a))
    types = [f"t{i}" for i in range(n_t)]
    msgs = [f"m{i}" for i in range(n_m)]
    acts = [f"a{i}" for i in range(n_a)]

    def idx(t, m, a):
        return (types.index(t) * n_m + msgs.index(m)) * n_a + acts.index(a)

    return gt.SignalingGame(types, prior, msgs, acts, lambda t, m, a: fs[idx(t, m, a)], lambda t, m, a: gs[idx(t, m, a)])


@given(signaling_games())
@settings(max_examples=60)
def test_every_pbe_is_an_equilibrium_and_all_are_found(sg):
    pbes = gt.perfect_bayesian_equilibria(sg)
    keys = [key(p) for p in pbes]
    assert len(set(keys)) == len(keys)
    assert set(keys) == _oracle_pbe(sg)
    for p in pbes:
        for t in sg.types:
            own = sg.sender_table[t][p.sender[t]][p.receiver[p.sender[t]]]
            assert own == p.payoffs[0][t]
            assert all(own >= sg.sender_table[t][m][p.receiver[m]] for m in sg.messages)
        used = set(p.sender.values())
        assert set(p.belief_sets) == set(sg.messages) - used
        for m in sg.messages:
            mu = p.beliefs[m]
            assert sum(mu.values()) == 1 and all(x >= 0 for x in mu.values())
            ev = sg.expected_receiver(m, mu)
            assert ev[p.receiver[m]] == max(ev.values())
            if m in used:
                mass = sum(sg.prior_of(t) for t in sg.types if p.sender[t] == m)
                assert mu == {t: (sg.prior_of(t) / mass if p.sender[t] == m else 0) for t in sg.types}
            else:
                assert p.belief_sets[m].contains(mu)
        if not p.belief_sets:
            assert p.intuitive  # the criterion only restricts unused messages
        assert p.intuitive == (p.intuitive_failure is None)
        n_used = len(used)
        assert p.kind == ("pooling" if n_used == 1 else "separating" if n_used == len(sg.types) else "partial")


@given(signaling_games(max_types=3))
@settings(max_examples=40)
def test_intuitive_failures_are_real_deviations(sg):
    for p in gt.perfect_bayesian_equilibria(sg):
        for fail in p.intuitive_failures:
            rest = [t for t in sg.types if t not in fail.excluded_types]
            assert fail.type in rest and fail.message not in p.sender.values()
            for a in fail.responses:
                assert sg.belief_set(fail.message, a, support=rest)
                assert sg.sender_table[fail.type][fail.message][a] > p.payoffs[0][fail.type]
            for t in fail.excluded_types:
                best = max(sg.sender_table[t][fail.message][a] for a in sg.actions if sg.belief_set(fail.message, a))
                assert p.payoffs[0][t] > best


def _check_hybrid(sg, h):
    f, g = sg.sender_table, sg.receiver_table
    for m in sg.messages:
        assert sum(h.receiver[m].values()) == 1
        ev = sg.expected_receiver(m, h.beliefs[m])
        best = max(ev.values())
        assert all(ev[a] == best for a, p in h.receiver[m].items() if p > 0)
        mass = sum(sg.prior_of(t) * h.sender[t].get(m, 0) for t in sg.types)
        if mass > 0:
            assert h.beliefs[m] == {t: sg.prior_of(t) * h.sender[t].get(m, 0) / mass for t in sg.types}
        else:
            assert h.belief_sets[m].contains(h.beliefs[m])
    for t in sg.types:
        value = {m: sum(p * f[t][m][a] for a, p in h.receiver[m].items()) for m in sg.messages}
        best = max(value.values())
        assert h.payoffs[0][t] == best
        assert all(value[m] == best for m, p in h.sender[t].items() if p > 0)
    assert 0 < h.q < 1 and 0 < h.r < 1


@given(signaling_games(max_types=2))
@settings(max_examples=60)
def test_semi_separating_are_equilibria(sg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hyb = semi_separating_equilibria(sg)
    for h in hyb:
        _check_hybrid(sg, h)


# ----------------------------------------------------------------------------- bad input
def _ok(t, m, a):
    return 0


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(prior=[F(1, 2), F(1, 3)]), "sum to 1"),
        (dict(prior=[F(3, 2), F(-1, 2)]), "negative"),
        (dict(prior=[1]), "2 types"),
        (dict(prior="uniform"), "probability vector"),
        (dict(types=[]), "types must not be empty"),
        (dict(types=["a", "a"]), "distinct"),
        (dict(messages=[]), "messages must not be empty"),
        (dict(actions=["x", "x"]), "actions must be distinct"),
        (dict(sender_payoff=3), "callable"),
        (dict(sender_payoff=lambda t, m, a: "high"), "not a real number"),
        (dict(receiver_payoff=lambda t, m, a: float("nan")), "not a finite number"),
        (dict(receiver_payoff=lambda t, m, a: 1 / 0), "ZeroDivisionError"),
        (dict(prior={"a": F(1, 2), "zz": F(1, 2)}), "unknown types"),
        (dict(sender_payoff=lambda t, m, a: 1j), "not a real number"),
    ],
)
def test_bad_input(kwargs, match):
    base = dict(types=["a", "b"], prior=[F(1, 2), F(1, 2)], messages=["m", "n"], actions=["x", "y"], sender_payoff=_ok, receiver_payoff=_ok)
    base.update(kwargs)
    with pytest.raises(gt.InvalidGameError, match=match):
        gt.SignalingGame(**base)


def test_bad_solver_input():
    with pytest.raises(gt.GameError, match="SignalingGame"):
        gt.perfect_bayesian_equilibria("not a game")
    with pytest.raises(gt.GameError, match="two sender types"):
        semi_separating_equilibria(gt.SignalingGame(["a", "b", "c"], [F(1, 3)] * 3, ["m"], ["x"], _ok, _ok))
    with pytest.raises(gt.GameError, match="intuitive"):
        gt.perfect_bayesian_equilibria(beer_quiche(), intuitive="yes")


def test_dict_prior_and_sympy_numbers():
    import sympy

    sg = gt.SignalingGame(["a", "b"], {"a": sympy.Rational(1, 4), "b": F(3, 4)}, ["m"], ["x"], lambda t, m, a: sympy.Integer(2), _ok)
    assert sg.exact and sg.prior == (F(1, 4), F(3, 4))
    assert gt.perfect_bayesian_equilibria(sg)[0].payoffs[0] == {"a": 2, "b": 2}


def test_degenerate_hybrid_continuum_is_warned():
    # the low type is indifferent between its two messages whatever the reply: q is not pinned down
    sg = gt.SignalingGame(
        ["h", "l"],
        [F(1, 2), F(1, 2)],
        ["m1", "m2"],
        ["x", "y"],
        lambda t, m, a: (1 if a == "x" else 0) if t == "h" else 1,
        lambda t, m, a: (1 if a == "x" else 0) if t == "h" else (1 if a == "y" else 0),
    )
    with pytest.warns(gt.bayesian.DegenerateSignalingWarning):
        semi_separating_equilibria(sg)


def test_html_repr_names_the_failure():
    pbes = gt.perfect_bayesian_equilibria(beer_quiche())
    html = next(p for p in pbes if not p.intuitive)._repr_html_()
    assert "pooling PBE" in html and "fails" in html and "P(strong) in [0, 1/2]" in html


# ----------------------------------------------------------------------------- normal-form cross-checks
def _mixed_profile(sg, sender_beh, receiver_beh):
    """Product mixed strategies of the normal form from behavior strategies."""
    s_strats = list(itertools.product(sg.messages, repeat=len(sg.types)))
    r_strats = list(itertools.product(sg.actions, repeat=len(sg.messages)))
    xs = []
    for s in s_strats:
        w = F(1)
        for t, m in zip(sg.types, s):
            w *= F(sender_beh[t].get(m, 0))
        xs.append(w)
    ys = []
    for r in r_strats:
        w = F(1)
        for m, x in zip(sg.messages, r):
            w *= F(receiver_beh[m].get(x, 0))
        ys.append(w)
    return [xs, ys]


def test_normal_form_of_beer_quiche():
    nf = beer_quiche().to_normal_form()
    assert nf.shape == (4, 4) and nf.exact
    assert nf.strategy_labels[0][0] == "strong: beer; weak: beer"
    # pooling on beer, receiver not after beer / duel after quiche: (3*9/10 + 2/10, 9/10)
    j = nf.strategy_labels[1].index("beer: not; quiche: duel")
    assert nf.pure_payoffs((0, j)) == (F(29, 10), F(9, 10))


@given(signaling_games())
@settings(max_examples=40)
def test_pbe_are_nash_of_the_normal_form_and_full_support_nash_are_pbe(sg):
    nf = sg.to_normal_form()
    pbes = gt.perfect_bayesian_equilibria(sg)
    for p in pbes:
        prof = _mixed_profile(sg, {t: {m: 1} for t, m in p.sender.items()}, {m: {x: 1} for m, x in p.receiver.items()})
        assert gt.is_equilibrium(nf, prof)
    # a pure Nash equilibrium that uses every message has no off-path beliefs to choose: it is a PBE
    s_strats = list(itertools.product(sg.messages, repeat=len(sg.types)))
    r_strats = list(itertools.product(sg.actions, repeat=len(sg.messages)))
    full = set()
    for e in gt.pure_equilibria(nf):
        i, j = e.pure_profile
        if set(s_strats[i]) == set(sg.messages):
            full.add((tuple(sorted(zip(sg.types, s_strats[i]))), tuple(sorted(zip(sg.messages, r_strats[j])))))
    assert full == {key(p) for p in pbes if not p.belief_sets}


@given(signaling_games(max_types=2))
@settings(max_examples=40)
def test_hybrid_equilibria_are_nash_of_the_normal_form(sg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hyb = semi_separating_equilibria(sg)
    nf = sg.to_normal_form()
    for h in hyb:
        assert gt.is_equilibrium(nf, _mixed_profile(sg, h.sender, h.receiver))


def test_enumeration_limit_is_an_error_not_a_hang():
    sg = gt.SignalingGame([f"t{i}" for i in range(8)], [F(1, 8)] * 8, list("abcdefgh"), ["x"], _ok, _ok)
    with pytest.raises(gt.SolverError, match="max_sender_strategies"):
        gt.perfect_bayesian_equilibria(sg)


@given(signaling_games())
@settings(max_examples=30)
def test_float_game_has_the_same_pbe(sg):
    fl = gt.SignalingGame(
        sg.types,
        [float(p) for p in sg.prior],
        sg.messages,
        sg.actions,
        lambda t, m, a: float(sg.sender_table[t][m][a]),
        lambda t, m, a: float(sg.receiver_table[t][m][a]),
    )
    assert not fl.exact
    ex = {key(p): p for p in gt.perfect_bayesian_equilibria(sg)}
    fp = {key(p): p for p in gt.perfect_bayesian_equilibria(fl)}
    assert set(ex) == set(fp)
    for k, p in ex.items():
        assert p.intuitive == fp[k].intuitive
        for m, bs in p.belief_sets.items():
            if bs.interval is not None:
                assert fp[k].belief_sets[m].interval == pytest.approx(tuple(float(x) for x in bs.interval), abs=1e-9)
