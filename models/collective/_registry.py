"""Registry adapters of the collective-goods models: rows, parameter specs, registration.

The math lives in :mod:`models.collective.goods` and :mod:`models.collective.games`; this
module only turns their results into flat table rows and registers the models in
:data:`models.registry.MODELS`.
"""

from __future__ import annotations

import statistics
from typing import Any

from gametheory.errors import GameError

from ..parameters import parameters_of
from ..registry import Model, register

from .data import data_alliance, exploitation_test, nato_cost_sharing, nato_data
from .games import threshold_game, volunteers_dilemma, volunteers_dilemma_many
from .goods import Alliance, CESBridging, CobbDouglas, EquilibriumSet, _exploitation, group_size, stylized_incomes
from .joint_products import joint_products
from .params import (
    AggregationParams,
    CostSharingParams,
    DataOZParams,
    ExploitationTestParams,
    GroupSizeParams,
    ImpurePublicGoodParams,
    JointProductsParams,
    OlsonZeckhauserParams,
    ThresholdParams,
    VolunteersParams,
)

_SRC_OZ = "Olson & Zeckhauser (1966); Bergstrom, Blume & Varian (1986); Cornes & Hartley (2007)"

# the exploitation measures of one Nash equilibrium (see goods._exploitation)
_EXPLOITATION = {
    "exploitation_ratio": "largest ally's burden q/I over the aggregate burden sum(q)/sum(I) (1 = proportional)",
    "largest_ally_share": "largest ally's share of total defence spending",
    "rho_burden_income": "Spearman rank correlation of income and burden share (ordinal)",
    "rho_note": "why rho_burden_income is reported as 0 when it is undefined (empty otherwise)",
}


def _oz_alliance(n, spread, alpha, spillover=1):
    return Alliance(stylized_incomes(n, spread), CobbDouglas(alpha), spillover=spillover)


def _oz_solve(n, spread, alpha):
    a = _oz_alliance(n, spread, alpha)
    eq = a.nash()
    p = a.pareto()
    return {"nash_total": eq.total, "pareto_total": p.total, "provision_ratio": eq.total / p.total,
            "contributors": eq.n_contributors, **_exploitation(eq)}


def _oz_rows(n, spread, alpha):
    a = _oz_alliance(n, spread, alpha)
    df = a.report()
    out = []
    for r in df.to_dict("records"):
        out.append({"ally": r["ally"] + 1, "income": r["income"], "contribution": r["contribution"],
                    "burden_share": r["burden_share"], "pareto_contribution": r["pareto_contribution"],
                    "lindahl_contribution": r["lindahl_contribution"], "free_riding_gap": r["free_riding_gap"],
                    "contributes": r["contributes"]})
    return out


def _impure_solve(spillover, n, spread, alpha):
    a = _oz_alliance(n, spread, alpha, spillover)
    eq = a.nash()
    p = a.pareto()
    return {"nash_total": eq.total, "pareto_total": p.total, "contributors": eq.n_contributors, **_exploitation(eq)}


def _jp_solve(a, b, c, n, spread):
    alliance = joint_products(stylized_incomes(n, spread), a, b, c)
    eq = alliance.nash()
    p = alliance.pareto()
    bs = list(eq.burden_shares)
    ratio = eq.total / p.total
    return {"nash_total": eq.total, "pareto_total": p.total, "provision_ratio": ratio if eq.exact else float(ratio),
            "private_share": eq.params["private_share"], "contributors": eq.n_contributors,
            "burden_spread": (max(bs) / min(bs) if eq.exact else float(max(bs) / min(bs))) if min(bs) > 0 else None, **_exploitation(eq),
            "exact": bool(eq.exact)}


def _jp_rows(a, b, c, n, spread):
    eq = joint_products(stylized_incomes(n, spread), a, b, c).nash()
    q, inc = list(eq.contributions), list(eq.incomes)
    return [{"ally": i + 1, "income": inc[i], "contribution": q[i], "burden_share": q[i] / inc[i],
             "income_share": inc[i] / sum(inc), "spending_share": q[i] / eq.total} for i in range(len(q))]


def _vd_solve(n, benefit, cost):
    if not cost < benefit:
        raise GameError("the volunteer's dilemma needs cost < benefit")
    r = volunteers_dilemma(n, benefit, cost)
    return {"p": r.p, "p_nobody": r.p_nobody, "payoff": r.payoff, "pure_equilibria": r.n}


def _th_rows(n, k, cost, value):
    if k > n:
        raise GameError(f"threshold k={k} exceeds n={n}")
    t = threshold_game(n, k, cost, value)
    return [{"kind": e["kind"], "profile": e["profile"], "p": e["p"], "provision_probability": e["provision_probability"],
             "profiles": e["profiles"]} for e in t.equilibria()]


def _th_solve(n, k, cost, value):
    rows = _th_rows(n, k, cost, value)
    mixed = [r["p"] for r in rows if r["kind"] == "symmetric mixed"]
    return {"pure_equilibria": sum(r["profiles"] for r in rows if r["kind"] == "pure"),
            "mixed_equilibria": len(mixed), "p_low": min(mixed) if mixed else None, "p_high": max(mixed) if mixed else None}


def _gs_solve(n, alpha, income):
    eq_row = group_size([n], CobbDouglas(alpha), income).iloc[0].to_dict()
    eq_row.pop("n")
    return eq_row


register(Model(
    name="olson-zeckhauser",
    title="Olson-Zeckhauser alliance: voluntary defence spending as a public good",
    source=_SRC_OZ,
    parameters=parameters_of(OlsonZeckhauserParams),
    solve_fn=_oz_solve, rows_fn=_oz_rows, family="collective goods", row_index=None,
    description=("Cobb-Douglas allies with incomes 100, 100/spread, ...; Nash vs Samuelson/Lindahl; per-ally rows. "
                 "Exploitation: exploitation_ratio = largest ally's burden q/I over the aggregate burden "
                 "sum(q)/sum(I) (cardinal; 1 = proportional burdens); rho_burden_income is Spearman's rank "
                 "correlation (ordinal only; 0 with rho_note when undefined)"),
    columns={
        "nash_total": "total defence spending in the Nash equilibrium",
        "pareto_total": "total spending at the Samuelson (Pareto) optimum",
        "provision_ratio": "nash_total / pareto_total",
        "contributors": "number of allies that contribute in the Nash equilibrium",
        **_EXPLOITATION,
    },
    row_columns={
        "ally": "ally number (from 1, in the order of the incomes)", "income": "the ally's income",
        "contribution": "the ally's contribution in the Nash equilibrium", "burden_share": "contribution / income",
        "pareto_contribution": "contribution in the Pareto-optimal (Samuelson) provision",
        "lindahl_contribution": "contribution at Lindahl prices",
        "free_riding_gap": "benchmark contribution (Lindahl where defined, else Pareto) minus Nash contribution",
        "contributes": "contributes a positive amount in the Nash equilibrium",
    },
    version="2",  # 2: largest_ally_share exact / table rows carry payoffs and n_spe
))
register(Model(
    name="impure-public-good",
    title="Joint products: defence with private benefits (spillover phi)",
    source="Sandler (1977); Murdoch & Sandler (1984)",
    parameters=parameters_of(ImpurePublicGoodParams),
    solve_fn=_impure_solve, family="collective goods",
    description=("Headline exploitation measure: exploitation_ratio = largest ally's burden q/I over the "
                 "aggregate burden sum(q)/sum(I) (cardinal; 1 at phi = 0, rising with phi); "
                 "largest_ally_share = its share of total spending; rho_burden_income is Spearman's rank "
                 "correlation, ordinal only (it cannot rank degrees of exploitation across phi; 0 with "
                 "rho_note when burden shares do not vary)"),
    columns={
        "nash_total": "total defence spending in the Nash equilibrium",
        "pareto_total": "total spending at the Samuelson (Pareto) optimum",
        "contributors": "number of allies that contribute in the Nash equilibrium",
        **_EXPLOITATION,
    },
    version="2",  # 2: largest_ally_share exact / table rows carry payoffs and n_spe
))
register(Model(
    name="joint-products",
    title="Joint products in canonical form: a ln x + b ln Q + c ln q (public and private outputs)",
    source="Sandler (1977); Murdoch & Sandler (1984); Sandler & Hartley (2001)",
    parameters=parameters_of(JointProductsParams),
    solve_fn=_jp_solve, rows_fn=_jp_rows, family="collective goods", row_index=None,
    description=("each ally's defence q_i yields deterrence Q = sum q (weight b) and a private output q_i "
                 "(weight c) on the stylized alliance (incomes 100, 100/spread, ...); first-order condition "
                 "a/(I_i - q_i) = b/Q + c/q_i.  Exact closed forms for c = 0, b = 0 or n = 1; otherwise a "
                 "float root.  With c > 0 every ally spends.  Needs b + c > 0 (a GameError otherwise).  "
                 "table: one row per ally"),
    columns={
        "nash_total": "alliance-wide deterrence Q = total defence spending in the Nash equilibrium",
        "pareto_total": "total spending at the Pareto optimum without transfers (q_i = (b + c) I_i / (a + b + c))",
        "provision_ratio": "nash_total / pareto_total",
        "private_share": "c / (b + c): the private share of the benefit weight of defence",
        "contributors": "number of allies that spend (all of them when c > 0)",
        "burden_spread": "largest over smallest burden share q/I (1 = proportional; None when an ally spends 0)",
        **_EXPLOITATION,
        "exact": "whether the equilibrium is exact (a closed form with exact input)",
    },
    row_columns={
        "ally": "ally number (from 1, in the order of the incomes)", "income": "the ally's income",
        "contribution": "the ally's defence spending in the Nash equilibrium", "burden_share": "contribution / income",
        "income_share": "the ally's share of total income", "spending_share": "the ally's share of total defence spending",
    },
))
register(Model(
    name="volunteers-dilemma",
    title="Volunteer's dilemma: symmetric mixed equilibrium",
    source="Diekmann (1985)",
    parameters=parameters_of(VolunteersParams),
    solve_fn=_vd_solve, solve_many=volunteers_dilemma_many, family="collective goods",
    description=("needs cost < benefit, a joint condition no single range can express: a point with "
                 "cost >= benefit raises a GameError naming it"),
    columns={
        "p": "probability that each ally volunteers in the symmetric mixed equilibrium",
        "p_nobody": "probability that nobody volunteers",
        "payoff": "each ally's expected payoff in the mixed equilibrium (benefit - cost)",
        "pure_equilibria": "number of pure equilibria (exactly one volunteer: n)",
    },
))
register(Model(
    name="threshold-game",
    title="Threshold public good: pure and symmetric mixed equilibria",
    source="Palfrey & Rosenthal (1984)",
    parameters=parameters_of(ThresholdParams),
    solve_fn=_th_solve, rows_fn=_th_rows, family="collective goods",
    description=("needs k <= n, a joint condition no single range can express: a point with k > n "
                 "raises a GameError naming it"),
    columns={
        "pure_equilibria": "number of pure equilibria (profiles)",
        "mixed_equilibria": "number of symmetric mixed equilibria",
        "p_low": "smallest symmetric mixed contribution probability (None without one)",
        "p_high": "largest symmetric mixed contribution probability (None without one)",
    },
    row_columns={
        "kind": "pure or symmetric mixed", "profile": "who contributes (pure) or the mixing probability (mixed)",
        "p": "each ally's probability of contributing (symmetric mixed equilibria; None for pure)",
        "provision_probability": "probability that at least k allies contribute",
        "profiles": "number of pure profiles of this kind (allies are interchangeable)",
    },
))
register(Model(
    name="group-size",
    title="Group size and under-provision (identical Cobb-Douglas allies)",
    source="Olson (1965)",
    parameters=parameters_of(GroupSizeParams),
    solve_fn=_gs_solve, family="collective goods",
    columns={
        "nash_total": "total spending in the Nash equilibrium",
        "per_capita": "nash_total / n",
        "pareto_total": "total spending at the Samuelson (Pareto) optimum",
        "provision_ratio": "nash_total / pareto_total (1 / (1 + (n-1) alpha))",
        "underprovision": "pareto_total - nash_total",
    },
))


# ---------------------------------------------------------------------- aggregation technologies
_AGG_LABELS = {"weakest-link": "weakest link", "best-shot": "best shot", "ces": "CES bridging", "sum": "summation"}


def _agg_alliance(aggregation, r, n, spread, alpha):
    if aggregation == "ces" and r == 0:
        raise GameError("CES bridging needs r != 0 (r -> 0 is not a limit this model reports)")
    agg = CESBridging(r) if aggregation == "ces" else aggregation
    return Alliance(stylized_incomes(n, spread), CobbDouglas(alpha), aggregation=agg)


def _agg_equilibria(a):
    """The Pareto-best equilibrium, the lowest equilibrium total and a label of the set."""
    res = a.nash()
    if not isinstance(res, EquilibriumSet):
        return res, res.total, "unique"
    best = res.best
    if res.interval is not None:
        lo, hi = res.interval
        label = "unique" if lo == hi else "continuum: q_1 = ... = q_n = g for 0 <= g <= total"
        return best, lo, label
    low = min((e.total for e in res.equilibria), key=float)
    if res.kind == "best-shot":
        label = "unique" if len(res) == 1 else f"{len(res)} pure, one provider each"
    else:
        label = "unique" if len(res) == 1 else "nobody contributes, or every ally contributes"
    return best, low, label


def _agg_solve(aggregation, r, n, spread, alpha):
    a = _agg_alliance(aggregation, r, n, spread, alpha)
    best, low, label = _agg_equilibria(a)
    s = Alliance(stylized_incomes(n, spread), CobbDouglas(alpha)).nash()
    ex, sx = _exploitation(best), _exploitation(s)
    return {"equilibria": label, "total": best.total, "total_low": low, "contributors": best.n_contributors,
            "exploitation_ratio": ex["exploitation_ratio"], "largest_ally_share": ex["largest_ally_share"],
            "pareto_total": a.pareto().total, "sum_total": s.total, "sum_contributors": s.n_contributors,
            "sum_exploitation_ratio": sx["exploitation_ratio"], "total_vs_sum": best.total / s.total}


def _agg_rows(aggregation, r, n, spread, alpha):
    a = _agg_alliance(aggregation, r, n, spread, alpha)
    best, _, _ = _agg_equilibria(a)
    s = Alliance(stylized_incomes(n, spread), CobbDouglas(alpha)).nash()
    return [{"ally": i + 1, "income": a.incomes[i], "contribution": best.contributions[i],
             "burden_share": best.burden_shares[i], "sum_contribution": s.contributions[i],
             "sum_burden_share": s.burden_shares[i], "contributes": bool(best.contributions[i] > 0)}
            for i in range(a.n)]


register(Model(
    name="aggregation-technology",
    title="Aggregation technologies: weakest link, best shot, CES bridging against summation",
    source="Hirshleifer (1983); Cornes (1993); Sandler (1992); Sandler & Hartley (2001)",
    parameters=parameters_of(AggregationParams),
    solve_fn=_agg_solve, rows_fn=_agg_rows, family="collective goods", row_index=None,
    description=("Cobb-Douglas allies with incomes 100, 100/spread, ... produce security G by the chosen "
                 "technology; the Pareto-best Nash equilibrium against the summation (pure public good) "
                 "equilibrium of the same alliance. Weakest link: every ally provides the same amount (a "
                 "continuum of equilibria up to the smallest stand-alone level); best shot: one provider; CES "
                 "bridging moves from summation (r = 1) toward the weakest link (r -> -inf). Rows: one per ally."),
    columns={
        "equilibria": "the equilibrium set: unique, a continuum (weakest link), several pure (best shot), or "
                      "nobody / everybody (CES with r < 0)",
        "total": "security G in the Pareto-best Nash equilibrium (the one reported)",
        "total_low": "security G in the lowest Nash equilibrium (0 when nobody contributing is one)",
        "contributors": "number of allies that contribute in the reported equilibrium",
        "exploitation_ratio": "largest ally's burden q/I over the aggregate burden sum(q)/sum(I) (1 = proportional)",
        "largest_ally_share": "largest ally's share of total defence spending",
        "pareto_total": "security at the Samuelson optimum of this technology (its default cost-share rule)",
        "sum_total": "security in the summation (pure public good) Nash equilibrium of the same alliance",
        "sum_contributors": "number of contributors under summation",
        "sum_exploitation_ratio": "exploitation_ratio under summation",
        "total_vs_sum": "total / sum_total",
    },
    row_columns={
        "ally": "ally number (from 1, in the order of the incomes)", "income": "the ally's income",
        "contribution": "the ally's contribution under this aggregation technology",
        "burden_share": "contribution / income", "sum_contribution": "the ally's contribution under summation",
        "sum_burden_share": "burden share under summation", "contributes": "contributes a positive amount",
    },
    version="2",  # 2: largest_ally_share exact / table rows carry payoffs and n_spe
))


# ---------------------------------------------------------------------- the exploitation test on data
def _et_rows(dataset, year):
    t = exploitation_test(nato_data(dataset))
    if year != "all":
        if year not in set(t["year"]):
            years = t["year"].tolist()
            raise GameError(f"year {year} has no usable data in {dataset!r}; years with data: "
                            f"{years[0]}-{years[-1]}" if years else f"no usable year in {dataset!r}")
        t = t[t["year"] == year]
    return [{"year": int(r["year"]), "n": int(r["n"]), "rho": float(r["rho"]), "p_value": float(r["p_value"]),
             "excluded": r["excluded"]} for r in t.to_dict("records")]


def _et_solve(dataset, year):
    rows = _et_rows(dataset, year)
    one = rows[0] if year != "all" else {}
    rhos = [r["rho"] for r in rows]
    return {"years": len(rows), "n": one.get("n"), "rho": one.get("rho"), "p_value": one.get("p_value"),
            "excluded": one.get("excluded"), "rho_median": statistics.median(rhos), "rho_min": min(rhos),
            "rho_max": max(rhos), "positive_years": sum(r > 0 for r in rhos),
            "significant_years": sum(r["rho"] > 0 and r["p_value"] < 0.05 for r in rows)}


register(Model(
    name="exploitation-test",
    title="Exploitation test on the bundled NATO data: GDP against defence burden",
    source="Olson & Zeckhauser (1966); data: NATO PR/CP(2019)069, World Bank WDI (SIPRI)",
    parameters=parameters_of(ExploitationTestParams),
    solve_fn=_et_solve, rows_fn=_et_rows, family="collective goods", row_index=None,
    description=("Per year: Spearman rank correlation of members' GDP against defence spending as a share of "
                 "GDP (scipy.stats.spearmanr, two-sided), members with missing data or no defence spending "
                 "excluded and named. year = all: one row per year (table), and solve() summarizes them"),
    columns={
        "years": "number of years tested",
        "n": "members used in that year (None when year = all: see the per-year rows)",
        "rho": "Spearman rho of GDP against defence share of GDP (None when year = all)",
        "p_value": "two-sided p-value of rho (None when year = all)",
        "excluded": "members left out for missing data or zero defence spending (None when year = all)",
        "rho_median": "median rho over the years tested",
        "rho_min": "smallest rho over the years tested",
        "rho_max": "largest rho over the years tested",
        "positive_years": "years with rho > 0 (the exploitation hypothesis' sign)",
        "significant_years": "years with rho > 0 and p < 0.05",
    },
))


# ---------------------------------------------------------------------- cost sharing with data
_RULES = ("by_gdp", "equal", "by_benefit", "shapley", "nucleolus")


def _cs_rows(dataset, year, allies, requirement):
    df = nato_cost_sharing(dataset, year, allies, requirement)
    return [{"ally": ally, "gdp_bn": float(r["gdp_bn"]), "need_bn": float(r["requirement"]),
             **{k: float(r[k]) for k in _RULES}} for ally, r in df.iterrows()]


def _cs_solve(dataset, year, allies, requirement):
    df = nato_cost_sharing(dataset, year, allies, requirement)
    total = float(df.attrs["total_cost"])
    top = df["requirement"].idxmax()
    core = df.attrs["in_core"]
    return {"members": " ".join(df.index), "n": len(df), "excluded": " ".join(df.attrs["excluded"]),
            "total_cost": total, "largest": top,
            **{f"largest_pays_{k}": float(df.loc[top, k]) / total for k in ("by_gdp", "shapley", "nucleolus")},
            **{f"{k}_in_core": bool(core[k]) for k in _RULES},
            "overcharged_by_gdp": int((df["by_gdp"] > df["requirement"]).sum())}


register(Model(
    name="nato-cost-sharing",
    title="Alliance infrastructure cost sharing: Shapley value, nucleolus and core against GDP shares",
    source="Littlechild & Owen (1973); Littlechild (1974); Sandler & Hartley (2001); data: NATO PR/CP(2019)069, "
           "World Bank WDI (SIPRI)",
    parameters=parameters_of(CostSharingParams),
    solve_fn=_cs_solve, rows_fn=_cs_rows, family="collective goods", row_index=None,
    description=("Airport game c(S) = max requirement in S (US$ bn; requirement = defence or infrastructure "
                 "spending from the data): a common system built to the largest need, its cost shared by GDP "
                 "(NATO-style common funding), equally, by requirement, by the Shapley value (Littlechild-Owen "
                 "closed form) and by the nucleolus (Littlechild 1974 closed form). Rows: one per ally (ally, gdp_bn, "
                 "need_bn = its requirement, and each rule's payment in US$ bn)"),
    columns={
        "members": "ISO3 codes of the allies used, largest GDP first",
        "n": "number of allies",
        "excluded": "allies asked for but left out for missing data (space-separated)",
        "total_cost": "cost of the common system c(N) = the largest requirement (US$ bn)",
        "largest": "ISO3 code of the ally with the largest requirement",
        "largest_pays_by_gdp": "share of total_cost the largest ally pays under GDP shares",
        "largest_pays_shapley": "share of total_cost the largest ally pays under the Shapley value",
        "largest_pays_nucleolus": "share of total_cost the largest ally pays under the nucleolus",
        "by_gdp_in_core": "whether GDP-proportional shares lie in the core",
        "equal_in_core": "whether equal shares lie in the core",
        "by_benefit_in_core": "whether shares proportional to requirements lie in the core",
        "shapley_in_core": "whether the Shapley value lies in the core (always: the game is concave)",
        "nucleolus_in_core": "whether the nucleolus lies in the core (always: the core is never empty)",
        "overcharged_by_gdp": "allies whose GDP share exceeds their own requirement (they would build alone)",
    },
    row_columns={
        "ally": "ISO3 code of the member", "gdp_bn": "GDP (US$ bn)",
        "need_bn": "the member's own defence requirement, its runway length in the airport game (US$ bn)",
        "by_gdp": "charge in proportion to GDP (US$ bn)", "equal": "equal charge (US$ bn)",
        "by_benefit": "charge in proportion to benefit (US$ bn)", "shapley": "Shapley value charge (US$ bn)",
        "nucleolus": "nucleolus charge (US$ bn)",
    },
))


# ---------------------------------------------------------------------- Olson-Zeckhauser with data
def _doz_rows(dataset, year, alpha, allies):
    res = data_alliance(dataset, year, alpha, allies)
    return [{k: (bool(v) if k == "contributes" else v if isinstance(v, str) else float(v)) for k, v in r.items()}
            for r in res.members.to_dict("records")]


def _doz_solve(dataset, year, alpha, allies):
    res = data_alliance(dataset, year, alpha, allies)
    m = res.members
    return {"n": len(m), "excluded": " ".join(res.excluded), "contributors": int(m["contributes"].sum()),
            "contributor_list": " ".join(m.loc[m["contributes"], "ally"]),
            "nash_total_bn": float(res.equilibrium.total), "actual_total_bn": float(m["actual_bn"].sum()),
            "rho": res.rho, "p_value": res.p_value, "rho_note": res.rho_note}


register(Model(
    name="olson-zeckhauser-data",
    title="Olson-Zeckhauser alliance with the members' real GDPs: predicted against actual burdens",
    source="Olson & Zeckhauser (1966); data: NATO PR/CP(2019)069, World Bank WDI (SIPRI)",
    parameters=parameters_of(DataOZParams),
    solve_fn=_doz_solve, rows_fn=_doz_rows, family="collective goods", row_index=None,
    description=("Cobb-Douglas allies whose incomes are the members' GDPs (US$ bn) in the chosen year; the "
                 "Nash equilibrium's burdens q/GDP beside the actual defence/GDP, with their Spearman rank "
                 "correlation. Rows: one per member (ally, country, gdp_bn, predicted_bn, predicted_burden, "
                 "actual_bn, actual_burden, contributes)"),
    columns={
        "n": "number of members used",
        "excluded": "members left out for missing GDP or defence data (space-separated)",
        "contributors": "number of members that contribute in the Nash equilibrium",
        "contributor_list": "ISO3 codes of the contributors",
        "nash_total_bn": "total defence spending in the Nash equilibrium (US$ bn)",
        "actual_total_bn": "actual total defence spending of the members used (US$ bn)",
        "rho": "Spearman rank correlation of predicted and actual burden (None when undefined)",
        "p_value": "two-sided p-value of rho (None when undefined)",
        "rho_note": "why rho is None (empty otherwise)",
    },
    row_columns={
        "ally": "ISO3 code of the member", "country": "member", "gdp_bn": "GDP (US$ bn)",
        "predicted_bn": "predicted defence spending (US$ bn)", "predicted_burden": "predicted defence burden (share of GDP)",
        "actual_bn": "actual defence spending (US$ bn)", "actual_burden": "actual defence burden (share of GDP)",
        "contributes": "contributes in the Nash equilibrium",
    },
))
