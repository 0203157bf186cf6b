"""The collective-goods models registered in issue 14 (section 4): aggregation technologies,
alliance cost sharing with the bundled data, the exploitation test and Olson-Zeckhauser with
the members' real GDPs.  Data values are always read from the bundled files (cg.nato_data),
never written into the tests."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import gametheory as gt
from gametheory.errors import GameError
from gametheory.tables import read_csv
from models import collective_goods as cg
from models.collective import params as cp
from models.registry import MODELS

NEW = ("aggregation-technology", "exploitation-test", "nato-cost-sharing", "olson-zeckhauser-data")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}

spreads = st.sampled_from([F(1), F(6, 5), F(3, 2), F(2), F(3)])
alphas = st.sampled_from([F(1, 5), F(1, 3), F(1, 2), F(2, 3), F(4, 5)])
sizes = st.integers(2, 6)


# ---------------------------------------------------------------------- aggregation technologies
AGG = MODELS["aggregation-technology"]


@settings(max_examples=40, deadline=None)
@given(sizes, spreads, alphas)
def test_weakest_link_equilibrium_has_equal_provision_and_no_exploitation_of_the_large(n, spread, alpha):
    rows = AGG.rows(aggregation="weakest-link", n=n, spread=spread, alpha=alpha)
    q = [r["contribution"] for r in rows]
    assert len(set(q)) == 1 and q[0] > 0  # everybody provides the same amount
    incomes = [r["income"] for r in rows]
    burden = [r["burden_share"] for r in rows]
    # richer allies never carry a larger burden q/I: the small cannot exploit the large
    order = sorted(range(n), key=lambda i: incomes[i])
    assert all(burden[order[k]] >= burden[order[k + 1]] for k in range(n - 1))
    row = AGG.solve(aggregation="weakest-link", n=n, spread=spread, alpha=alpha)
    assert row["contributors"] == n and row["exploitation_ratio"] <= 1 <= row["sum_exploitation_ratio"]
    assert row["total_low"] == 0 and row["total"] == q[0]
    # the reported profile is a Nash equilibrium (an independent grid search over deviations)
    a = cg.Alliance(incomes, cg.CobbDouglas(alpha), aggregation="weakest-link")
    assert max(a.regret([float(x) for x in q])) <= 1e-9 * max(1.0, float(max(incomes)))


@settings(max_examples=40, deadline=None)
@given(sizes, spreads, alphas)
def test_best_shot_has_one_provider(n, spread, alpha):
    row = AGG.solve(aggregation="best-shot", n=n, spread=spread, alpha=alpha)
    assert row["contributors"] == 1
    rows = AGG.rows(aggregation="best-shot", n=n, spread=spread, alpha=alpha)
    providers = [r["ally"] for r in rows if r["contributes"]]
    assert len(providers) == 1
    top = max(rows, key=lambda r: r["income"])["income"]
    assert rows[providers[0] - 1]["income"] == top  # the Pareto-best equilibrium: a richest ally provides
    assert row["largest_ally_share"] == 1
    a = cg.Alliance([r["income"] for r in rows], cg.CobbDouglas(alpha), aggregation="best-shot")
    for eq in a.nash().equilibria:  # every pure equilibrium: exactly one provider
        assert eq.n_contributors == 1


@settings(max_examples=15, deadline=None)
@given(st.integers(3, 5), spreads.filter(lambda s: s > 1), alphas)
def test_ces_bridging_interpolates_between_summation_and_the_weakest_link(n, spread, alpha):
    at_one = AGG.solve(aggregation="ces", r=1, n=n, spread=spread, alpha=alpha)
    assert float(at_one["total"]) == pytest.approx(float(at_one["sum_total"]), rel=1e-9)
    # as r falls, contributions become more equal (max/min -> 1, the weakest link's equal provision)
    disp = []
    for r in (1, F(1, 2), F(1, 4), F(-1, 2), -1, -3, -10, -50):
        q = [float(x["contribution"]) for x in AGG.rows(aggregation="ces", r=r, n=n, spread=spread, alpha=alpha)]
        disp.append(max(q) / min(q) if min(q) > 0 else math.inf)
    assert all(a >= b for a, b in zip(disp, disp[1:])), disp
    assert disp[-1] < 1.25
    # near the weakest link the equilibrium lies in the weakest-link continuum [0, top]
    wl = AGG.solve(aggregation="weakest-link", n=n, spread=spread, alpha=alpha)["total"]
    assert 0 < AGG.solve(aggregation="ces", r=-50, n=n, spread=spread, alpha=alpha)["total"] <= float(wl)


def test_one_ally_is_no_weakest_link_and_ces_needs_r_nonzero():
    row = AGG.solve(aggregation="weakest-link", n=1)
    assert row["equilibria"] == "unique" and row["total_low"] == row["total"] == row["sum_total"]
    with pytest.raises(GameError, match="r != 0"):
        AGG.solve(aggregation="ces", r=0)


# ---------------------------------------------------------------------- cost sharing with the data
CS = MODELS["nato-cost-sharing"]


def _requirements(dataset, year, codes, requirement="defense"):
    df = cg.nato_data(dataset)
    d = df[df["year"] == year].set_index("iso3")
    req = d.loc[codes, "defense_usd"] / 1e9
    if requirement == "infrastructure":
        req = req * d.loc[codes, "infrastructure_pct"] / 100
    return [float(x) for x in req]


@pytest.mark.parametrize("dataset, year, allies, requirement", [
    ("nato-2012-2019", 2018, "all", "defense"),
    ("nato-2012-2019", 2012, "top-7", "infrastructure"),
    ("nato-wdi-1960-2018", 1970, "all", "defense"),
    ("nato-wdi-1960-2018", 2018, "usa, deu;fra+gbr ita", "defense"),
])
def test_cost_sharing_shares_sum_to_the_cost_and_shapley_is_the_littlechild_owen_form(dataset, year, allies,
                                                                                      requirement):
    rows = CS.rows(dataset=dataset, year=year, allies=allies, requirement=requirement)
    row = CS.solve(dataset=dataset, year=year, allies=allies, requirement=requirement)
    codes = [r["ally"] for r in rows]
    req = _requirements(dataset, year, codes, requirement)
    assert [r["need_bn"] for r in rows] == pytest.approx(req, rel=1e-12)
    total = max(req)
    assert row["total_cost"] == pytest.approx(total, rel=1e-12) and row["n"] == len(codes)
    for rule in ("by_gdp", "equal", "by_benefit", "shapley", "nucleolus"):
        assert sum(r[rule] for r in rows) == pytest.approx(total, rel=1e-9), rule
    # Littlechild & Owen (1973): sort the needs; each increment is split among those needing it
    order = sorted(range(len(req)), key=lambda i: req[i])
    shap, acc, prev = [0.0] * len(req), 0.0, 0.0
    for j, i in enumerate(order):
        acc += (req[i] - prev) / (len(req) - j)
        prev = req[i]
        shap[i] = acc
    assert [r["shapley"] for r in rows] == pytest.approx(shap, rel=1e-9)
    # GDP shares computed from the file's GDP column
    gdp = cg.nato_data(dataset).query("year == @year").set_index("iso3").loc[codes, "gdp_usd"]
    assert [r["by_gdp"] for r in rows] == pytest.approx(list(total * gdp / gdp.sum()), rel=1e-9)
    # the airport game's core is never empty: the Shapley value and nucleolus lie in it
    assert row["shapley_in_core"] and row["nucleolus_in_core"]


@pytest.mark.parametrize("allies", ["top-6", "top-8", "USA,TUR,POL,NOR,EST"])
def test_cost_sharing_agrees_with_the_general_shapley_nucleolus_and_core(allies):
    """Against the coalition-enumerating Shapley value, LP nucleolus and core test (a plain
    callable, so no airport closed form is used)."""
    rows = CS.rows(year=2016, allies=allies)
    codes = [r["ally"] for r in rows]
    req = _requirements("nato-2012-2019", 2016, codes)
    plain = lambda S: max((req[i] for i in S), default=0.0)  # noqa: E731
    n = len(req)
    assert [r["shapley"] for r in rows] == pytest.approx(list(gt.shapley_value(n, plain).values()), rel=1e-9)
    nu = list(gt.nucleolus(n, plain).values())
    assert [r["nucleolus"] for r in rows] == pytest.approx(nu, rel=1e-7, abs=1e-9 * max(req))
    assert not gt.core_is_empty(n, plain)
    assert gt.in_core(n, plain, [r["nucleolus"] for r in rows])
    row = CS.solve(year=2016, allies=allies)
    for rule in ("by_gdp", "equal", "by_benefit"):
        assert row[f"{rule}_in_core"] == gt.in_core(n, plain, [r[rule] for r in rows]), rule
    assert row["overcharged_by_gdp"] == sum(r["by_gdp"] > r["need_bn"] for r in rows)


@pytest.mark.parametrize("kwargs, match", [
    ({"allies": "USA,XYZ"}, "XYZ not a member"),
    ({"allies": "USA,USA"}, "twice"),
    ({"allies": "top-0"}, "top-K"),
    ({"allies": "top-x"}, "top-K"),
    ({"year": 1990, "dataset": "nato-2012-2019"}, "years 2012-2019"),
    ({"dataset": "nato-wdi-1960-2018", "requirement": "infrastructure"}, "no infrastructure share"),
    ({"dataset": "nato-wdi-1960-2018", "year": 1990, "allies": "POL"}, "POL not a member in 1990"),
])
def test_cost_sharing_bad_input_names_the_problem(kwargs, match):
    with pytest.raises(GameError, match=match):
        CS.solve(**kwargs)


# ---------------------------------------------------------------------- the exploitation test
ET = MODELS["exploitation-test"]


@pytest.mark.parametrize("dataset", sorted(cg.DATASETS))
def test_exploitation_test_model_is_the_function_on_the_bundled_data(dataset):
    direct = cg.exploitation_test(cg.nato_data(dataset))
    rows = ET.rows(dataset=dataset)  # year = all: one row per year
    assert [r["year"] for r in rows] == direct["year"].tolist()
    assert [r["rho"] for r in rows] == direct["rho"].tolist()
    assert [r["p_value"] for r in rows] == direct["p_value"].tolist()
    summary = ET.solve(dataset=dataset)
    assert summary["years"] == len(direct) and summary["rho"] is None
    assert summary["positive_years"] == int((direct["rho"] > 0).sum())
    assert summary["rho_median"] == pytest.approx(float(direct["rho"].median()))
    year = int(direct["year"].iloc[-1])
    one = ET.solve(dataset=dataset, year=year)
    used = cg.nato_data(dataset).query("year == @year and defense_pct_gdp > 0 and gdp_usd > 0")
    used = used.dropna(subset=["gdp_usd", "defense_pct_gdp"])
    res = stats.spearmanr(used["gdp_usd"], used["defense_pct_gdp"])
    assert one["n"] == len(used) and one["years"] == 1
    assert one["rho"] == pytest.approx(res.statistic) and one["p_value"] == pytest.approx(res.pvalue)


def test_exploitation_test_refuses_a_year_without_data():
    with pytest.raises(GameError, match="no usable data"):
        ET.solve(dataset="nato-wdi-1960-2018", year=2019)
    with pytest.raises(GameError, match="below its range"):
        ET.solve(year=1900)
    with pytest.raises(GameError, match="not a number"):
        ET.solve(year="every")


# ---------------------------------------------------------------------- Olson-Zeckhauser with data
OZD = MODELS["olson-zeckhauser-data"]


@pytest.mark.parametrize("dataset, year, alpha", [
    ("nato-2012-2019", 2018, F(19, 20)), ("nato-2012-2019", 2012, F(1, 2)), ("nato-wdi-1960-2018", 1965, F(9, 10)),
])
def test_data_olson_zeckhauser_is_the_nash_equilibrium_of_the_real_gdps(dataset, year, alpha):
    rows = OZD.rows(dataset=dataset, year=year, alpha=alpha)
    d = cg.nato_data(dataset).query("year == @year").dropna(subset=["gdp_usd", "defense_usd"])
    d = d.sort_values("gdp_usd", ascending=False)
    assert [r["ally"] for r in rows] == d["iso3"].tolist()
    gdp = (d["gdp_usd"] / 1e9).tolist()
    eq = cg.Alliance(gdp, cg.CobbDouglas(alpha)).nash()
    assert [r["predicted_bn"] for r in rows] == pytest.approx([float(q) for q in eq.contributions], rel=1e-9, abs=1e-9)
    assert [r["actual_burden"] for r in rows] == pytest.approx(list(d["defense_usd"] / d["gdp_usd"]), rel=1e-12)
    # the richest contribute: the contributor set is a prefix of the GDP ranking
    flags = [r["contributes"] for r in rows]
    assert flags == sorted(flags, reverse=True) and flags[0]
    row = OZD.solve(dataset=dataset, year=year, alpha=alpha)
    res = stats.spearmanr([r["predicted_burden"] for r in rows], [r["actual_burden"] for r in rows])
    assert row["rho"] == pytest.approx(res.statistic) and row["p_value"] == pytest.approx(res.pvalue)
    assert row["contributors"] == sum(flags) and row["nash_total_bn"] == pytest.approx(float(eq.total))
    assert row["actual_total_bn"] == pytest.approx(float(d["defense_usd"].sum() / 1e9))


def test_data_olson_zeckhauser_without_variation_reports_no_rho():
    row = OZD.solve(allies="USA,DEU")
    assert row["rho"] is None and "fewer than 3" in row["rho_note"]


# ---------------------------------------------------------------------- parameters, registry, CLI
def test_dataset_choices_are_the_bundled_data_sets():
    assert set(cp.ExploitationTestParams.__dataclass_fields__["dataset"].metadata["parameter"].choices) == set(
        cg.DATASETS)


def test_text_and_word_parameters():
    year = ET.parameters["year"]
    assert year.check("year", "ALL") == "all" and year.check("year", 2015) == 2015
    assert year.range_text() == "[1960, 2019] or all"
    allies = CS.parameters["allies"]
    assert allies.check("allies", " USA,DEU ") == "USA,DEU"
    with pytest.raises(GameError, match="non-empty text"):
        allies.check("allies", 3)


def test_the_new_models_sweep():
    """A sweep takes a model's rows: one per year (all years for "all"), one per ally."""
    direct = cg.exploitation_test(cg.nato_data("nato-2012-2019"))
    df = gt.sweep(ET, {"year": [2012, 2019, "all"]})
    assert df["year"].tolist() == [2012, 2019] + direct["year"].tolist()
    df = gt.sweep(AGG, {"aggregation": ["weakest-link", "best-shot"], "alpha": [F(1, 2)]})
    assert df.groupby("aggregation")["contributes"].sum().to_dict() == {"weakest-link": 5, "best-shot": 1}


@pytest.mark.parametrize("name", NEW)
@pytest.mark.parametrize("fmt", ["markdown", "csv", "latex", "json"])
def test_table_works_in_every_format(name, fmt):
    res = subprocess.run([sys.executable, "-m", "gametheory", "table", name, "--format", fmt],
                         capture_output=True, text=True, env=ENV, timeout=300)
    assert res.returncode == 0, res.stderr
    rows = MODELS[name].rows()
    out = res.stdout
    if fmt == "csv":
        assert len(read_csv(out)) == len(rows)
    elif fmt == "json":
        assert len(json.loads(out)) == len(rows)
    elif fmt == "markdown":
        assert len(out.strip().splitlines()) == len(rows) + 2
    else:
        assert "\\toprule" in out


def test_models_lists_the_new_models():
    res = subprocess.run([sys.executable, "-m", "gametheory", "models", "--format", "csv"], capture_output=True,
                         text=True, env=ENV, timeout=300)
    assert res.returncode == 0, res.stderr
    listed = set(read_csv(res.stdout)["model"])
    assert set(NEW) <= listed
