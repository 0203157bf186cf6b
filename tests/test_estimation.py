"""Tests of models.deterrence.estimation: Signorino's strategic logit for the deterrence game."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError
from models.deterrence import estimation as est

u_val = st.floats(min_value=-3, max_value=3, allow_nan=False)


@given(*[u_val] * 7)
def test_closed_form_matches_engine_agent_qre(a, b, c, d, e, f, g):
    u = dict(u1_sq=a, u1_concede=b, u1_backdown=c, u1_war=d, u2_concede=e, u2_backdown=f, u2_war=g)
    p = est.choice_probabilities(**u)
    q = gt.agent_qre(est.deterrence_qre_tree(**u), 1.0)
    s = q.strategy
    assert s["1"]["1a"]["challenge"] == pytest.approx(float(p["p_challenge"]), abs=1e-9)
    assert s["2"]["2"]["resist"] == pytest.approx(float(p["p_resist"]), abs=1e-9)
    assert s["1"]["1b"]["war"] == pytest.approx(float(p["p_fight"]), abs=1e-9)
    probs = est.outcome_probabilities(**u)
    assert probs.sum() == pytest.approx(1.0)
    for lab, x in zip(est.OUTCOME_LABELS, probs):
        assert q.terminal_probabilities[lab] == pytest.approx(float(x), abs=1e-9)


def _design(n, rng):
    x, z = rng.normal(size=n), rng.normal(size=n)
    one = np.ones(n)
    return {"u1_sq": np.column_stack([one, x]), "u1_war": np.column_stack([one, z]),
            "u2_backdown": one, "u2_war": np.column_stack([one, x])}


TRUE = {"u1_sq": [-0.3, 0.5], "u1_war": [-0.5, 0.8], "u2_backdown": [1.0], "u2_war": [-0.3, -0.7]}


def test_analytic_gradient_matches_finite_differences():
    rng = np.random.default_rng(5)
    d = _design(400, rng)
    y = est.simulate_deterrence(d, TRUE, seed=2)
    theta = rng.normal(size=7) * 0.5
    f = lambda t: est.log_likelihood(y, d, t)
    from models.deterrence.estimation import _Problem, _design as mk, _outcome_codes

    mats, names = mk(d, None, 400)
    _, g = _Problem(_outcome_codes(y, None), mats, names).loglik_grad(theta)
    num = np.array([(f(theta + h) - f(theta - h)) / 2e-6 for h in np.eye(7) * 1e-6])
    assert np.allclose(g, num, atol=1e-4)


def test_coverage_of_confidence_intervals():
    """Parameters that generated 5,000 crises lie in their 95% intervals in most replications."""
    rng = np.random.default_rng(2024)
    n, reps = 5000, 60
    truth = np.concatenate([TRUE[k] for k in est.UTILITIES if k in TRUE])
    d = _design(n, rng)
    hits = np.zeros_like(truth)
    for r in range(reps):
        y = est.simulate_deterrence(d, TRUE, seed=1000 + r)
        fit = est.fit_deterrence(y, d)
        assert fit.converged
        ci = fit.conf_int(0.95)
        hits += (ci[:, 0] <= truth) & (truth <= ci[:, 1])
    coverage = hits / reps
    # nominal 95%; with 60 replications the binomial sd is about 2.8 points
    assert coverage.mean() >= 0.88, coverage
    assert coverage.min() >= 0.8, coverage


def test_dataframe_interface_and_summary():
    rng = np.random.default_rng(1)
    n = 3000
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    design = {"u1_sq": ["const", "x"], "u1_war": ["const", "z"], "u2_backdown": ["const"], "u2_war": ["const", "x"]}
    df["y"] = est.simulate_deterrence(design, TRUE, data=df, seed=3)
    fit = est.fit_deterrence("y", design, data=df)
    tab = fit.summary()
    assert list(tab.index) == ["u1_sq:const", "u1_sq:x", "u1_war:const", "u1_war:z", "u2_backdown:const",
                               "u2_war:const", "u2_war:x"]
    assert (tab["std_error"] > 0).all()
    assert fit.coef["u1_war"]["z"] == pytest.approx(0.8, abs=4 * tab.loc["u1_war:z", "std_error"])
    pred = fit.predict(design, data=df)
    assert pred.shape == (n, 4) and np.allclose(pred.sum(axis=1), 1)
    freq = np.bincount(df["y"], minlength=5)[1:] / n
    assert np.allclose(pred.mean(axis=0), freq, atol=0.02)  # ML fits reproduce the marginal shares
    assert est.fit is est.fit_deterrence and est.simulate is est.simulate_deterrence
    labels = np.asarray(est.OUTCOME_LABELS, dtype=object)[df["y"].to_numpy() - 1]
    fit2 = est.fit_deterrence(labels, design, data=df)
    assert np.allclose(fit.params, fit2.params)


def test_bad_data_errors():
    rng = np.random.default_rng(0)
    d = _design(100, rng)
    y = est.simulate_deterrence(d, TRUE, seed=0)
    with pytest.raises(GameError, match="not an outcome"):
        est.fit_deterrence(np.r_[y[:-1], 7], d)
    with pytest.raises(GameError, match="not an outcome"):
        est.fit_deterrence(list(y[:-1]) + ["peace"], d)
    bad = dict(d)
    bad["u1_sq"] = d["u1_sq"].copy()
    bad["u1_sq"][3, 1] = np.nan
    with pytest.raises(GameError, match="NaN"):
        est.fit_deterrence(y, bad)
    with pytest.raises(GameError, match="unknown utilities"):
        est.fit_deterrence(y, {"u3_war": np.ones(100)})
    with pytest.raises(GameError, match="rows"):
        est.fit_deterrence(y[:50], d)
    with pytest.raises(GameError, match="not in the data"):
        est.fit_deterrence("y", {"u1_sq": ["nope"]}, data=pd.DataFrame({"y": y}))
    # a duplicated regressor makes the Hessian singular
    dup = dict(d)
    dup["u1_war"] = np.column_stack([d["u1_war"], d["u1_war"][:, 1]])
    with pytest.raises(GameError, match="singular"):
        est.fit_deterrence(y, dup)
    with pytest.raises(GameError, match="coef"):
        est.simulate_deterrence(d, {"u1_sq": [1, 2]}, seed=0)


def test_simulation_is_seeded_and_matches_probabilities():
    rng = np.random.default_rng(9)
    n = 40000
    one = np.ones(n)
    d = {"u1_sq": one, "u1_war": one, "u2_war": one}
    coef = {"u1_sq": [-0.5], "u1_war": [0.3], "u2_war": [0.4]}
    y1 = est.simulate_deterrence(d, coef, seed=11)
    assert np.array_equal(y1, est.simulate_deterrence(d, coef, seed=11))
    p = est.outcome_probabilities(u1_sq=-0.5, u1_war=0.3, u2_war=0.4)
    freq = np.bincount(y1, minlength=5)[1:] / n
    assert np.allclose(freq, p, atol=0.01)


def test_registered_model():
    from models.registry import MODELS

    row = MODELS["deterrence-qre"].solve()
    assert row["p_sq"] + row["p_concede"] + row["p_backdown"] + row["p_war"] == pytest.approx(1.0)
    many = MODELS["deterrence-qre"].solve_many(u1_war=np.linspace(-2, 2, 5))
    assert np.all(np.diff(many["p_fight"]) > 0)


def test_egame12_two_move_game():
    rng = np.random.default_rng(4)
    n = 5000
    x = rng.normal(size=n)
    one = np.ones(n)
    design = {"u1_sq": np.column_stack([one, x]), "u1_war": one, "u2_war": np.column_stack([one, x])}
    coef = {"u1_sq": [-0.2, 0.6], "u1_war": [0.4], "u2_war": [0.3, -0.9]}
    y = est.simulate_deterrence(design, coef, seed=8, game="egame12")
    assert not np.any(y == 3)  # no backdown in egame12
    fit = est.fit_deterrence(y, design, game="egame12")
    truth = np.array([-0.2, 0.6, 0.4, 0.3, -0.9])
    assert np.all(np.abs(fit.params - truth) < 4 * fit.se)
    # closed form against the engine's agent QRE on the two-move tree
    t = gt.ExtensiveFormGame(players=["1", "2"])
    sq, ch = t.decision(t.root, player="1", actions=["sq", "challenge"], infoset="1")
    t.terminal(sq, payoffs=[0.1, 0.0], label="sq")
    con, war = t.decision(ch, player="2", actions=["concede", "war"], infoset="2")
    t.terminal(con, payoffs=[0.7, -0.2], label="concede")
    t.terminal(war, payoffs=[-0.4, 0.5], label="war")
    q = gt.agent_qre(t, 1.0)
    p = est.choice_probabilities("egame12", u1_sq=0.1, u1_concede=0.7, u1_war=-0.4, u2_concede=-0.2, u2_war=0.5)
    assert q.strategy["1"]["1"]["challenge"] == pytest.approx(float(p["p_challenge"]))
    assert q.strategy["2"]["2"]["war"] == pytest.approx(float(p["p_resist"]))
    with pytest.raises(GameError, match="egame12"):
        est.fit_deterrence(np.r_[y[:-1], 3], design, game="egame12")
    with pytest.raises(GameError, match="backdown"):
        est.fit_deterrence(y, {"u1_backdown": one}, game="egame12")
    with pytest.raises(GameError, match="game="):
        est.fit_deterrence(y, design, game="egame99")
