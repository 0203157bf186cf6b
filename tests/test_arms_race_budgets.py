"""Defense budgets as indicators of intentions (issue 14, part 2): where budgets separate, pool or
semi-separate over transparency and budget cost, against the Spence/Fearon willingness-to-pay bounds."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.tables import read_csv
from models.arms_race import budget_regime
from models.registry import MODELS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
frac = st.fractions(min_value=F(1, 8), max_value=4, max_denominator=8)
prob = st.fractions(min_value=0, max_value=1, max_denominator=8)


@settings(max_examples=120, deadline=None)
@given(prob, frac, frac, frac)
def test_regime_follows_the_willingness_to_pay_bounds(transparency, cost_low, cost_high, budget):
    r = budget_regime(transparency=transparency, cost_low=cost_low, cost_high=cost_high, budget=budget)
    wtp_low, wtp_high = transparency * 2 / cost_low, transparency * 4 / cost_high  # value_low 2, value_high 4
    assert (r.wtp_low, r.wtp_high) == (wtp_low, wtp_high)
    assert (r.regime == "separating") == (wtp_low <= budget <= wtp_high)
    if budget > max(wtp_low, wtp_high):  # nobody pays b to be believed: only pooling
        assert r.regime == "pooling" and r.kinds == ("pooling",)


@settings(max_examples=60, deadline=None)
@given(frac, st.lists(prob, min_size=2, max_size=6, unique=True))
def test_more_transparency_moves_a_budget_from_pooling_to_separating_to_semi_separating(budget, thetas):
    """With WTP_H > WTP_L (here value_high 4 > value_low 2, equal unit costs) both willingness-to-pay
    bounds grow with transparency, so the regimes come in this order and never go back."""
    order = {"pooling": 0, "separating": 1, "semi-separating": 2}
    seen = [order[budget_regime(budget=budget, transparency=t).regime] for t in sorted(thetas)]
    assert seen == sorted(seen)


def test_sweep_tables_all_three_regimes():
    df = gt.sweep(MODELS["budget-intentions"], {"transparency": [F(1, 8), F(1, 4), 1], "cost_low": [F(1, 2), 2]})
    assert set(df["regime"]) == {"pooling", "separating", "semi-separating"}
    first = df[(df["transparency"] == F(1, 8)) & (df["cost_low"] == 2)]["regime"].tolist()
    assert first == ["pooling"]  # WTP_H = 1/2 < b = 1


def test_cli_sweep_over_transparency_and_budget_cost():
    res = subprocess.run([sys.executable, "-m", "gametheory", "sweep", "budget-intentions", "--grid",
                          "transparency=1/4:1:4", "--grid", "cost_low=1/2,2", "--format", "csv"],
                         capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert len(df) == 8 and set(df["regime"]) <= {"pooling", "separating", "semi-separating"}
    for _, row in df.iterrows():
        assert (row["regime"] == "separating") == (row["wtp_low"] <= row["budget"] <= row["wtp_high"])
