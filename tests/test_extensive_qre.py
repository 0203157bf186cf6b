"""Agent logit QRE of trees: closed form on perfect information, continuation in general."""

from __future__ import annotations

from fractions import Fraction as F
from math import exp

import numpy as np
import pytest
from hypothesis import assume, given, settings

import gametheory as gt
from gametheory.extensive import agent_qre_batch, agent_qre_path, complete_tree, count_subgame_perfect
from gametheory.extensive._backward import BIPass
from gametheory.extensive._qre import _AgentMap, _trace

from test_extensive_helpers import entry_game, pi_trees
from test_extensive_imperfect import bos_after_outside_option


def test_entry_game_closed_form():
    lam = 1.5
    e = gt.agent_qre(entry_game(), lam)
    # incumbent: fight -1 vs accommodate 1
    q = 1 / (1 + exp(lam * 2))
    assert e.behavior["Incumbent"][2]["fight"] == pytest.approx(q)
    v_in = q * -1 + (1 - q) * 1
    p_in = exp(lam * v_in) / (exp(lam * v_in) + 1)
    assert e.behavior["Entrant"][0]["in"] == pytest.approx(p_in)
    assert e.payoffs[0] == pytest.approx(p_in * v_in)
    assert sum(e.terminal_probabilities.values()) == pytest.approx(1)


def test_lambda_zero_is_uniform_and_large_lambda_is_the_spe():
    t = entry_game()
    e0 = gt.agent_qre(t, 0)
    assert e0.behavior["Entrant"][0] == {"out": 0.5, "in": 0.5}
    big = gt.agent_qre(t, 200)
    assert big.behavior["Incumbent"][2]["accommodate"] == pytest.approx(1)
    assert big.behavior["Entrant"][0]["in"] == pytest.approx(1)


def test_batch_over_payoffs_and_player_specific_lambdas():
    t = entry_game()
    K = 5
    rng = np.random.default_rng(3)
    pay = rng.normal(size=(K, 3, 2))
    lam = rng.uniform(0.5, 3, size=(K, 2))
    b = agent_qre_batch(t, lam, payoffs=pay)
    assert b.terminal_probabilities.shape == (K, 3)
    assert np.allclose(b.terminal_probabilities.sum(axis=1), 1)
    for k in range(K):
        # terminals in node order: out (1), fight (3), accommodate (4)
        u = pay[k]
        qf = 1 / (1 + np.exp(lam[k, 1] * (u[2, 1] - u[1, 1])))
        v_in = qf * u[1, 0] + (1 - qf) * u[2, 0]
        p_in = 1 / (1 + np.exp(lam[k, 0] * (u[0, 0] - v_in)))
        assert b.action_probabilities(2)[k, 0] == pytest.approx(qf)
        assert b.action_probabilities(0)[k, 1] == pytest.approx(p_in)
        assert b.terminal_probabilities[k] == pytest.approx([1 - p_in, p_in * qf, p_in * (1 - qf)])


def test_batch_bad_input():
    t = entry_game()
    with pytest.raises(gt.InvalidGameError, match="shape"):
        agent_qre_batch(t, 1.0, payoffs=np.zeros((2, 4, 2)))
    with pytest.raises(gt.InvalidGameError, match="non-negative"):
        agent_qre_batch(t, -1.0)
    with pytest.raises(gt.InvalidGameError, match="lam"):
        gt.agent_qre(t, "big")
    imperfect, _ = bos_after_outside_option()
    with pytest.raises(gt.InvalidGameError, match="perfect-information"):
        agent_qre_batch(imperfect, 1.0)


def test_path_on_a_big_tree_is_vectorized():
    rng = np.random.default_rng(0)
    t = complete_tree(4, 8, rng.random((4**8, 2)))
    path = agent_qre_path(t, [0.0, 1.0, 10.0])
    assert [e.params["lam"] for e in path] == [0.0, 1.0, 10.0]
    assert path[0].payoffs == pytest.approx(tuple(t.compiled.U[t.compiled.terminals].astype(float).mean(axis=0)))


def test_general_continuation_matches_closed_form_on_perfect_information():
    t = entry_game()
    amap = _AgentMap(t)
    lams = [0.3, 2.0, 7.0]
    sols = _trace(amap, lams)
    for lam in lams:
        closed = gt.agent_qre(t, lam)
        beh = amap.to_behavior(sols[lam])
        for h in t.infosets:
            assert beh[h.index] == pytest.approx(closed.infoset_probs(h.index), abs=1e-9)


def test_imperfect_information_qre_approaches_the_mixed_spe():
    t, inn = bos_after_outside_option(F(3, 2))
    path = agent_qre_path(t, [1.0, 10.0, 100.0, 400.0])
    last = path[-1]
    assert last.behavior["1"][0]["out"] == pytest.approx(1, abs=1e-6)
    # the principal branch selects the mixed BoS equilibrium in the subgame
    assert last.behavior["1"][inn]["H"] == pytest.approx(2 / 3, abs=5e-3)
    assert last.behavior["2"]["2 moves"]["h"] == pytest.approx(1 / 3, abs=5e-3)
    # and its regret in the normal form vanishes along the path
    g = t.to_normal_form()
    regrets = [max(gt.regret(g, gt.extensive.behavior_to_mixed(t, e))) for e in path]
    assert regrets[-1] < 1e-2 and regrets[-1] < regrets[0]


@given(pi_trees(chance=True))
@settings(max_examples=40)
def test_qre_converges_to_the_unique_spe(t):
    """With a unique SPE the logit play puts almost all mass on the SPE action at every node
    once lam * (smallest strict payoff gap) is large."""
    assume(count_subgame_perfect(t) == 1)
    bi = BIPass(t)
    c = t.compiled
    gaps = []
    for v in np.flatnonzero(c.kind == 1):
        f, k = int(c.first[v]), int(c.nch[v])
        i = int(c.player[v])
        vals = sorted((bi.U[f + j, i] for j in range(k)), reverse=True)
        if k > 1:
            gaps.append(vals[0] - vals[1])
    lam = 60 / float(min(gaps)) if gaps else 1.0
    e = gt.agent_qre(t, lam)
    for v in np.flatnonzero(c.kind == 1):
        f = int(c.first[v])
        assert e.edge_probabilities[f + bi.choice[v]] > 0.999
    (spe,) = gt.backward_induction(t)
    assert np.allclose(e.payoffs, [float(x) for x in spe.payoffs], atol=1e-6)
