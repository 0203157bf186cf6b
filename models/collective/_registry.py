"""Registry adapters of the collective-goods models: rows, parameter specs, registration.

The math lives in :mod:`models.collective.goods` and :mod:`models.collective.games`; this
module only turns their results into flat table rows and registers the models in
:data:`models.registry.MODELS`.
"""

from __future__ import annotations

from typing import Any

from gametheory.errors import GameError

from ..parameters import parameters_of
from ..registry import Model, register
from .games import threshold_game, volunteers_dilemma, volunteers_dilemma_many
from .goods import Alliance, CobbDouglas, _exploitation, group_size, stylized_incomes
from .joint_products import joint_products
from .params import (
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
