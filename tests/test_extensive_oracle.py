"""Cross-checks against pygambit 16.7 on random trees: reduced normal form, pure equilibria,
agent logit QRE (pygambit.qre.logit_solve_lambda)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pygambit as gbt
import pytest
from hypothesis import assume, given, settings

import gametheory as gt
from gametheory.solvers.pure import pure_equilibria

from test_extensive_helpers import pi_trees, to_pygambit
from test_extensive_imperfect import bos_after_outside_option, matching_pennies_after_entry


def _pg_pure_payoffs(g):
    res = gbt.nash.enumpure_solve(g)
    return sorted(tuple(F(eq.payoff(p)) for p in g.players) for eq in res.equilibria)


@given(pi_trees(max_players=3, max_depth=3))
@settings(max_examples=25)
def test_reduced_normal_form_matches_pygambit(t):
    g, _, _ = to_pygambit(t)
    ours = t.to_normal_form(reduced=True)
    pg_counts = tuple(len(p.strategies) for p in g.players)
    assert ours.shape == pg_counts
    assert sorted(tuple(F(x) for x in e.payoffs) for e in pure_equilibria(ours)) == _pg_pure_payoffs(g)


def _pg_behavior(t, g, pg_infoset, res):
    """pygambit's logit result is a flat vector over players, their information sets, actions."""
    offset, k = {}, 0
    for p in g.players:
        for h in p.infosets:
            offset[(p.label, h.number)] = k
            k += len(h.actions)
    out = {}
    for h in t.infosets:
        pg = pg_infoset[h.index]
        start = offset[(pg.player.label, pg.number)]
        out[h.index] = tuple(float(res[start + j]) for j in range(len(h.actions)))
    return out


@given(pi_trees(max_players=2, max_depth=3, floats=True))
@settings(max_examples=15)
def test_agent_qre_matches_pygambit_on_perfect_information(t):
    assume(t.infosets)  # a tree without a decision has no QRE to compare
    g, _, pg_infoset = to_pygambit(t)
    lams = [0.5, 2.0]
    pg = gbt.qre.logit_solve_lambda(g, lam=lams, use_strategic=False)
    for lam, res in zip(lams, pg):
        ours = gt.agent_qre(t, lam)
        theirs = _pg_behavior(t, g, pg_infoset, res)
        for h in t.infosets:
            assert ours.infoset_probs(h.index) == pytest.approx(theirs[h.index], abs=1e-5)


@pytest.mark.parametrize("build", [lambda: bos_after_outside_option(hh=(3, 1))[0], matching_pennies_after_entry])
def test_agent_qre_matches_pygambit_on_imperfect_information(build):
    """Generic games (the symmetric BoS of test_extensive_imperfect has a pitchfork bifurcation
    on its logit branch at lam ~ 1.37 where pygambit turns to a pure equilibrium while the
    continuation here stays on the symmetric branch; both are QRE, see the next test)."""
    t = build()
    g, _, pg_infoset = to_pygambit(t)
    lams = [0.3, 1.5, 6.0]
    pg = gbt.qre.logit_solve_lambda(g, lam=lams, use_strategic=False)
    for e, res in zip(gt.agent_qre_path(t, lams), pg):
        theirs = _pg_behavior(t, g, pg_infoset, res)
        for h in t.infosets:
            assert e.infoset_probs(h.index) == pytest.approx(theirs[h.index], abs=1e-5)


def test_symmetric_bos_branches_are_both_fixed_points():
    t, inn = bos_after_outside_option()
    g, _, pg_infoset = to_pygambit(t)
    res = gbt.qre.logit_solve_lambda(g, lam=[6.0], use_strategic=False)[0]
    from gametheory.extensive._qre import _AgentMap

    amap = _AgentMap(t)
    theirs = _pg_behavior(t, g, pg_infoset, res)
    x = np.log(np.concatenate([theirs[h.index] for h in t.infosets]))
    assert np.abs(x - amap.evaluate(x, 6.0)).max() < 1e-8
    ours = gt.agent_qre(t, 6.0)
    y = np.log(np.concatenate([ours.infoset_probs(h.index) for h in t.infosets]))
    assert np.abs(y - amap.evaluate(y, 6.0)).max() < 1e-10
    # ours is the symmetric one: P(H) for 1 equals P(t) for 2
    assert ours.behavior["1"][inn]["H"] == pytest.approx(ours.behavior["2"]["2 moves"]["t"], abs=1e-9)
