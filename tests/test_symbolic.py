"""Symbolic equilibrium conditions: textbook games, agreement with the numeric solvers, region maps."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.symbolic import SymbolicGame, SymbolicTree, evaluate, simplify_condition, tree_conditions

a, b, c = sp.symbols("a b c", real=True)


# ----------------------------------------------------------------------------- textbook
def test_prisoners_dilemma_conditions():
    """Symmetric 2x2 with R (reward), S (sucker), T (temptation), P (punishment):
    (D, D) is an equilibrium iff P >= S, (C, C) iff R >= T."""
    R, S, T, P = sp.symbols("R S T P", real=True)
    g = SymbolicGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], params=[R, S, T, P], strategy_labels=[["C", "D"]] * 2)
    conds = g.conditions()
    assert conds[("C", "C")] == [sp.Ge(R, T, evaluate=False)]
    assert conds[("D", "D")] == [sp.Ge(P, S, evaluate=False)]
    assert set(conds[("C", "D")]) == {sp.Ge(S, P, evaluate=False), sp.Ge(T, R, evaluate=False)}
    # the PD ordering T > R > P > S leaves only (D, D)
    assert g.equilibria_at(T=4, R=3, P=2, S=1) == [("D", "D")]
    # Stag hunt ordering R > T > P > S: both symmetric profiles
    assert g.equilibria_at(T=3, R=4, P=2, S=1) == [("C", "C"), ("D", "D")]
    assert g.condition(("C", "C")) == sp.Ge(R, T, evaluate=False)


def test_one_parameter_conditions_are_intervals_and_assumptions_are_used():
    x = sp.Symbol("x", positive=True)
    g = SymbolicGame([[[x**2, 0], [4, 1]], [[1, 0], [0, 1]]], params=[x])
    conds = g.conditions()
    assert conds[("s1", "s1")] == [sp.Ge(x, 2)]  # x**2 >= 4 with x > 0
    assert conds[("s2", "s2")] == []  # 1 >= 0 always
    assert conds[("s1", "s2")] == [sp.false]
    assert simplify_condition(x + 1) is sp.true
    assert simplify_condition(-x - 1) is sp.false
    assert simplify_condition(3 * a - 6) == sp.Ge(a, 2)
    assert simplify_condition(x * (a - b)) == sp.Ge(a, b, evaluate=False)  # positive factor x dropped


def test_chicken_region_map_and_vectorized_evaluation():
    # Chicken with the cost of a crash c: swerving pays 0, daring a swerver 1, a crash -c
    g = SymbolicGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]], params=[c], strategy_labels=[["swerve", "dare"]] * 2)
    conds = g.conditions()
    # swerving against a darer (-1) beats a crash (-c) iff c >= 1; both daring needs c <= 1
    assert [str(x) for x in conds[("swerve", "dare")]] == ["c >= 1"]
    assert conds[("dare", "swerve")] == conds[("swerve", "dare")]
    assert [str(x) for x in conds[("dare", "dare")]] == ["c <= 1"]
    assert conds[("swerve", "swerve")] == [sp.false]
    vals = np.linspace(-3, 3, 7)
    mask = g.evaluate(c=vals)
    assert mask[("dare", "dare")].tolist() == [True] * 5 + [False] * 2
    assert mask[("swerve", "dare")].tolist() == [False] * 4 + [True] * 3
    assert not mask[("swerve", "swerve")].any()
    assert evaluate(conds[("dare", "dare")], c=np.array([1.0, 1.5])).tolist() == [True, False]


def test_region_map_labels_and_layout():
    g = SymbolicGame.from_bimatrix([[a, 0], [0, b]], [[1, 0], [0, 1]], params=[a, b], strategy_labels=[["L", "R"]] * 2)
    xs, ys = np.array([-1.0, 1.0]), np.array([-1.0, 1.0, 2.0])
    rm = g.region_map(x=("a", xs), y=("b", ys))
    assert rm.shape == (3, 2)
    lab = np.asarray(rm)
    assert lab[0, 0] == "none"  # a < 0, b < 0
    assert lab[0, 1] == "(L, L)"
    assert lab[2, 1] == "(L, L) & (R, R)"
    assert lab[1, 0] == "(R, R)"
    assert sum(rm.counts().values()) == 6


def test_entry_deterrence_tree_conditions():
    """Selten (1978): the entrant stays out (0, m) or enters; the incumbent fights (-f, -k) or
    accommodates (1, d).  SPE: enter/accommodate iff d >= -k; (out, fight) iff also f >= 0 and -k >= d."""
    f_, k, d = sp.symbols("f k d", real=True)
    tree = {"player": "E", "actions": {"out": (0, 5), "enter": {"player": "I", "actions": {"fight": (-f_, -k), "accommodate": (1, d)}}}}
    st_ = SymbolicTree(tree, params=[f_, k, d])
    conds = st_.conditions()
    key_acc = (((), "enter"), (("enter",), "accommodate"))
    key_out = (((), "out"), (("enter",), "fight"))
    assert [str(x) for x in conds[key_acc]] == ["d + k >= 0"]
    assert sorted(str(x) for x in conds[key_out]) == ["d + k <= 0", "f >= 0"]
    assert st_.path(key_acc) == [("E", "enter"), ("I", "accommodate")]
    assert st_.strategy(key_out) == {"E": {(): "out"}, "I": {("enter",): "fight"}}
    assert st_.payoffs(key_acc) == (1, d)
    assert st_.equilibria_at(f=1, k=1, d=0) == [key_acc]
    assert tree_conditions(tree, params=[f_, k, d]) == conds


def test_tree_with_chance_and_extensive_form_game():
    p = sp.Symbol("p", real=True)
    t = gt.ExtensiveFormGame(players=["C", "D"])
    sq, ch = t.decision(t.root, player="C", actions=["sq", "challenge"])
    t.terminal(sq, payoffs=[0, 0], label="SQ")
    hard, soft = t.chance(ch, actions=["hard", "soft"], probs=[F(1, 2), F(1, 2)])
    r1, c1 = t.decision(hard, player="D", actions=["resist", "concede"])
    t.terminal(r1, payoffs=[0, 0], label="war-h")
    t.terminal(c1, payoffs=[0, 0], label="con-h")
    r2, c2 = t.decision(soft, player="D", actions=["resist", "concede"])
    t.terminal(r2, payoffs=[0, 0], label="war-s")
    t.terminal(c2, payoffs=[0, 0], label="con-s")
    pays = {"SQ": (0, 1), "war-h": (-1, p), "con-h": (1, 0), "war-s": (-1, -1), "con-s": (2, 0)}
    st_ = SymbolicTree(t, payoffs=pays, params=[p])
    # the hard defender resists iff p >= 0, the soft one concedes; then challenging pays 1/2 > 0
    key = ((0, "challenge"), (hard, "resist"), (soft, "concede"))
    assert [str(x) for x in st_.conditions()[key]] == ["p >= 0"]
    assert st_.conditions()[((0, "sq"), (hard, "resist"), (soft, "concede"))] == [sp.false]
    assert st_.payoffs(key) == (sp.Rational(1, 2), p / 2)
    eqs = st_.equilibria_at(p=1)
    assert len(eqs) == 1
    strat = dict(eqs[0])
    assert strat[hard] == "resist" and strat[soft] == "concede" and strat[0] == "challenge"


# ----------------------------------------------------------------------------- hypothesis
coef = st.integers(-2, 2)
rational = st.builds(F, st.integers(-6, 6), st.integers(1, 3))


@st.composite
def linear_expr(draw, nonlinear=False):
    e = draw(st.integers(-3, 3)) + draw(coef) * a + draw(coef) * b + draw(coef) * c
    if nonlinear and draw(st.booleans()):
        e += draw(coef) * a * b + draw(coef) * c**2
    return e


@st.composite
def symbolic_games(draw):
    shape = draw(st.sampled_from([(2, 2), (2, 3), (3, 3), (4, 4), (2, 2, 2)]))
    nonlinear = draw(st.booleans())
    arrays = []
    for _ in shape:
        vals = [draw(linear_expr(nonlinear)) for _ in range(int(np.prod(shape)))]
        arrays.append(np.array(vals, dtype=object).reshape(shape).tolist())
    return SymbolicGame(arrays, params=[a, b, c])


@given(symbolic_games(), rational, rational, rational)
@settings(max_examples=40)
def test_symbolic_agrees_with_numeric_pure_equilibria(g, va, vb, vc):
    point = dict(a=va, b=vb, c=vc)
    numeric = g.substitute(**point)
    assert numeric.exact
    expected = sorted(g.profile_key(e.pure_profile) for e in gt.pure_equilibria(numeric))
    assert sorted(g.equilibria_at(**point)) == expected
    # lambdified float evaluation agrees (weak inequalities hold within tol on boundaries)
    masks = g.evaluate(a=float(va), b=float(vb), c=float(vc))
    assert sorted(k for k, m in masks.items() if bool(m)) == expected


@st.composite
def nested_trees(draw, depth=0):
    if depth >= 3 or (depth > 0 and draw(st.integers(0, 3)) == 0):
        return (draw(linear_expr()), draw(linear_expr()))
    if depth > 0 and draw(st.integers(0, 4)) == 0:
        return {"chance": {"h": (sp.Rational(1, 3), draw(nested_trees(depth + 1))), "t": (sp.Rational(2, 3), draw(nested_trees(depth + 1)))}}
    n = draw(st.integers(2, 3)) if depth == 0 else 2  # keeps the number of profiles small
    return {"player": draw(st.sampled_from(["A", "B"])), "actions": {f"x{k}": draw(nested_trees(depth + 1)) for k in range(n)}}


def _build(tree, gtree, node, point, payoffs):
    if isinstance(tree, tuple):
        vals = [sp.sympify(e).subs(point) for e in tree]
        lab = f"T{node}"
        gtree.terminal(node, payoffs=[F(int(v.p), int(v.q)) for v in vals], label=lab)
        payoffs[lab] = tree
    elif "chance" in tree:
        kids = gtree.chance(node, actions=list(tree["chance"]), probs=[F(int(p.p), int(p.q)) for p, _ in tree["chance"].values()])
        for kid, (_, sub) in zip(kids, tree["chance"].values()):
            _build(sub, gtree, kid, point, payoffs)
    else:
        kids = gtree.decision(node, player=tree["player"], actions=list(tree["actions"]))
        for kid, sub in zip(kids, tree["actions"].values()):
            _build(sub, gtree, kid, point, payoffs)


@given(nested_trees(), rational, rational, rational)
@settings(max_examples=40)
def test_tree_conditions_agree_with_backward_induction(tree, va, vb, vc):
    point = {a: sp.Rational(va.numerator, va.denominator), b: sp.Rational(vb.numerator, vb.denominator), c: sp.Rational(vc.numerator, vc.denominator)}
    gtree = gt.ExtensiveFormGame(players=["A", "B"])
    payoffs: dict = {}
    _build(tree, gtree, gtree.root, point, payoffs)
    spes = gt.backward_induction(gtree)
    numeric = sorted(sorted((node, act) for d in e.strategy.values() for node, act in d.items()) for e in spes)
    st_ = SymbolicTree(gtree, payoffs=payoffs, params=[a, b, c])
    symbolic = sorted(sorted(k) for k in st_.equilibria_at(a=va, b=vb, c=vc))
    assert symbolic == numeric
    masks = st_.evaluate(a=float(va), b=float(vb), c=float(vc))
    assert sorted(sorted(k) for k, m in masks.items() if bool(m)) == numeric


# ----------------------------------------------------------------------------- bad input
def test_bad_input():
    with pytest.raises(gt.InvalidGameError, match="not among the parameters"):
        SymbolicGame([[[a, 0], [0, b]], [[1, 0], [0, 1]]], params=[a])
    with pytest.raises(gt.InvalidGameError, match="axes"):
        SymbolicGame([[a, 0], [[1, 0], [0, 1]]])
    with pytest.raises(gt.InvalidGameError, match="shape"):
        SymbolicGame([[[a, 0], [0, b]], [[1, 0, 2], [0, 1, 2]]])
    with pytest.raises(gt.InvalidGameError, match="not finite"):
        SymbolicGame([[[sp.oo, 0], [0, 1]], [[1, 0], [0, 1]]])
    with pytest.raises(gt.InvalidGameError, match="bool"):
        SymbolicGame([[[True, 0], [0, 1]], [[1, 0], [0, 1]]])
    with pytest.raises(gt.InvalidGameError, match="Symbols or names"):
        SymbolicGame([[[a, 0], [0, 1]], [[1, 0], [0, 1]]], params=[3])
    with pytest.raises(gt.InvalidGameError, match="not a number or sympy expression"):
        SymbolicGame([[[object(), 0], [0, 1]], [[1, 0], [0, 1]]])
    g = SymbolicGame.from_bimatrix([[a, 0], [0, b]], [[1, 0], [0, 1]], params=[a, b])
    with pytest.raises(gt.GameError, match="unknown parameters"):
        g.evaluate(a=1, b=2, z=3)
    with pytest.raises(gt.GameError, match="missing"):
        g.evaluate(a=1)
    with pytest.raises(gt.GameError, match="broadcast"):
        g.evaluate(a=np.zeros(3), b=np.zeros(4))
    with pytest.raises(gt.GameError, match="finite"):
        g.evaluate(a=np.nan, b=1)
    with pytest.raises(gt.GameError, match="different parameters"):
        g.region_map(x=("a", [1]), y=("a", [1]))
    with pytest.raises(gt.GameError, match="pair"):
        g.region_map(x="a", y=("b", [1]))
    with pytest.raises(gt.GameError, match="unknown strategy"):
        g.condition(("s1", "zz"))
    with pytest.raises(gt.InvalidGameError, match="sum to"):
        SymbolicTree({"chance": {"h": (sp.Rational(1, 2), (0,)), "t": (sp.Rational(1, 3), (1,))}}, players=["A"])
    with pytest.raises(gt.InvalidGameError, match="unknown player"):
        SymbolicTree({"player": "Z", "actions": {"x": (0,)}}, players=["A"])
    with pytest.raises(gt.InvalidGameError, match="neither"):
        SymbolicTree({"player": "A", "actions": {"x": 5}})
    with pytest.raises(gt.InvalidGameError, match="payoffs for"):
        SymbolicTree({"player": "A", "actions": {"x": (0, 1)}}, players=["A"]).conditions()
    with pytest.raises(gt.GameError, match="max_profiles"):
        deep = (0,)
        for _ in range(12):
            deep = {"player": "A", "actions": {"l": deep, "r": deep}}
        SymbolicTree(deep, max_profiles=1000)


# ----------------------------------------------------------------------------- signaling
def test_beer_quiche_with_symbolic_prior():
    from gametheory.symbolic import SymbolicSignalingGame

    p = sp.Symbol("p", real=True)

    def f(t, m, x):
        return (1 if (t == "strong") == (m == "beer") else 0) + (2 if x == "not" else 0)

    def g(t, m, x):
        return 1 if (t == "weak") == (x == "duel") else 0

    sg = SymbolicSignalingGame(["strong", "weak"], [p, 1 - p], ["beer", "quiche"], ["duel", "not"], f, g, params=[p])
    conds = sg.conditions()
    # both pooling PBE exist iff P(strong) >= 1/2 (the receiver then does not duel on the path)
    assert [str(x) for x in conds[(("beer", "beer"), ("not", "duel"))]] == ["p >= 1/2"]
    assert [str(x) for x in conds[(("quiche", "quiche"), ("duel", "not"))]] == ["p >= 1/2"]
    live = [k for k, v in conds.items() if v != [sp.false]]
    assert sorted(live) == [(("beer", "beer"), ("not", "duel")), (("quiche", "quiche"), ("duel", "not"))]
    assert sg.equilibria_at(p=sp.Rational(1, 3)) == []
    assert sg.label(live[0]) == "strong->beer, weak->beer | beer->not, quiche->duel"
    numeric = sg.substitute(p=F(9, 10))
    assert sorted((tuple(q.sender.values()), tuple(q.receiver.values())) for q in gt.perfect_bayesian_equilibria(numeric)) == sorted(
        sg.equilibria_at(p=F(9, 10))
    )


@st.composite
def symbolic_signaling(draw):
    from gametheory.symbolic import SymbolicSignalingGame

    n_t = draw(st.sampled_from([2, 2, 3]))
    n_m = 2
    n_a = draw(st.integers(2, 3)) if n_t == 2 else 2
    types = [f"t{i}" for i in range(n_t)]
    msgs = [f"m{i}" for i in range(n_m)]
    acts = [f"x{i}" for i in range(n_a)]
    w = draw(st.lists(st.integers(1, 4), min_size=n_t, max_size=n_t))
    prior = [sp.Rational(x, sum(w)) for x in w]
    cells = list(itertools.product(types, msgs, acts))
    fs = {cell: draw(linear_expr()) for cell in cells}
    gs = {cell: draw(linear_expr()) for cell in cells}
    return SymbolicSignalingGame(types, prior, msgs, acts, lambda t, m, x: fs[(t, m, x)], lambda t, m, x: gs[(t, m, x)], params=[a, b, c])


@given(symbolic_signaling(), rational, rational, rational)
@settings(max_examples=30)
def test_symbolic_pbe_conditions_agree_with_numeric_solver(sg, va, vb, vc):
    point = dict(a=va, b=vb, c=vc)
    numeric = sg.substitute(**point)
    assert numeric.exact
    expected = sorted(
        (tuple(q.sender[t] for t in sg.types), tuple(q.receiver[m] for m in sg.messages))
        for q in gt.perfect_bayesian_equilibria(numeric)
    )
    assert sorted(sg.equilibria_at(**point)) == expected
    masks = sg.evaluate(a=float(va), b=float(vb), c=float(vc))
    assert sorted(k for k, m in masks.items() if bool(m)) == expected


def test_symbolic_signaling_bad_input():
    from gametheory.symbolic import SymbolicSignalingGame

    z = lambda t, m, x: 0  # noqa: E731
    with pytest.raises(gt.InvalidGameError, match="sum to 1"):
        SymbolicSignalingGame(["s", "w"], [a, a], ["m"], ["x"], z, z)
    with pytest.raises(gt.InvalidGameError, match="positive"):
        SymbolicSignalingGame(["s", "w"], [0, 1], ["m"], ["x"], z, z)
    with pytest.raises(gt.InvalidGameError, match="raised"):
        SymbolicSignalingGame(["s", "w"], [a, 1 - a], ["m"], ["x"], lambda t, m, x: {}[t], z)
    with pytest.raises(gt.InvalidGameError, match="distinct"):
        SymbolicSignalingGame(["s", "s"], [a, 1 - a], ["m"], ["x"], z, z)
    with pytest.raises(gt.GameError, match="max_candidates"):
        SymbolicSignalingGame(["s", "w"], [a, 1 - a], list("mnopq"), list("xyzuv"), z, z, max_candidates=100)


def test_signaling_region_map_over_prior_and_cost():
    """Job-market signaling with prior p of the high type and education cost k for the low type
    (the high type's cost is 1/2): the separating PBE holds iff k >= 1."""
    from gametheory.symbolic import SymbolicSignalingGame

    p, k = sp.symbols("p k", real=True)
    wage = {"w2": 2, "w1": 1}

    def f(t, m, x):
        return wage[x] - ((sp.Rational(1, 2) if t == "high" else k) if m == "edu" else 0)

    def g(t, m, x):
        return 0 if wage[x] == (2 if t == "high" else 1) else -1

    sg = SymbolicSignalingGame(["high", "low"], [p, 1 - p], ["edu", "none"], ["w2", "w1"], f, g, params=[p, k])
    sep = (("edu", "none"), ("w2", "w1"))
    assert [str(x) for x in sg.conditions()[sep]] == ["k >= 1"]
    ps, ks = np.linspace(0.05, 0.95, 19), np.linspace(0, 2, 21)
    rm = sg.region_map(x=("p", ps), y=("k", ks))
    has_sep = np.vectorize(lambda lab: sg.label(sep) in lab)(rm.labels)
    assert (has_sep == (ks[:, None] >= 1 - 1e-12) & np.ones_like(ps, dtype=bool)[None, :]).all()


@pytest.mark.parametrize("m", [2, 5, 8])  # 4, 25 and 64 candidates: the three encodings of region codes
def test_region_map_matches_direct_evaluation(m):
    rng = np.random.default_rng(m)
    arrays = [(rng.integers(-2, 3, (m, m)) * a + rng.integers(-2, 3, (m, m)) * b + rng.integers(-2, 3, (m, m))).tolist() for _ in range(2)]
    g = SymbolicGame(arrays, params=[a, b])
    xs, ys = np.linspace(-2, 2, 41), np.linspace(-2, 2, 31)
    rm = g.region_map(x=("a", xs), y=("b", ys))
    masks = g.evaluate(a=xs[None, :], b=ys[:, None])
    for j in range(ys.size):
        for i in range(xs.size):
            assert set(rm.regions[rm.codes[j, i]]) == {k for k, v in masks.items() if v[j, i]}
    assert len(set(rm.regions)) == len(rm.regions)


def test_parameter_names_match_symbols_with_other_assumptions():
    plain = sp.Symbol("a")  # no assumptions, unlike the module-level real ``a``
    g = SymbolicGame.from_bimatrix([[plain, 0], [0, 1]], [[1, 0], [0, 1]], params=["a"])
    assert [str(x) for x in g.conditions()[("s1", "s1")]] == ["a >= 0"]
    assert g.equilibria_at(a=0.5) == [("s1", "s1"), ("s2", "s2")]
    assert g.equilibria_at(a=-1) == [("s2", "s2")]
