"""Closed-form conditions (sympy) of the deterrence reference results 9.3-9.5."""

from __future__ import annotations

__all__ = ["symbolic_conditions"]


def symbolic_conditions() -> dict:
    """Closed-form conditions (sympy) of the reference results 9.3-9.5.

    Keys: ``"unilateral_deterrence"`` (deterred iff credibility >= threshold),
    ``"brinkmanship"`` (q_low, q_high and the non-emptiness condition),
    ``"tying_hands_semi_separating"`` (cutoff and challenge probability),
    ``"sinking_costs_separating"`` (the interval of m).  Each value is a dict of sympy
    expressions / relations in named symbols.
    """
    import sympy as sp

    u_dc, u_sq, u_dd, p = sp.symbols("u_dc u_sq u_dd credibility", real=True)
    thr = sp.solve(sp.Eq((1 - p) * u_dc + p * u_dd, u_sq), p)[0]
    q, ph = sp.symbols("q p_hardline", positive=True)
    q_low = sp.solve(sp.Eq(-4, q * (-8) + (1 - q) * 2), q)[0]
    q_high = sp.solve(sp.Eq(ph * (q * (-10) + (1 - q) * (-2)) + (1 - ph) * 1, -2), q)[0]
    a, c_d, c_c, m = sp.symbols("audience_cost cost_defender cost_challenger signal_cost", positive=True)
    t1 = c_d - a
    vhat = t1 - c_c * (1 - t1)
    vc = c_d - c_c * (1 - c_d)
    return {
        "unilateral_deterrence": {"threshold": sp.simplify(thr), "deterred": sp.Ge(p, sp.simplify(thr))},
        "brinkmanship": {"q_low": q_low, "q_high": sp.simplify(q_high),
                         "nonempty": sp.Ge(sp.simplify(q_high), q_low),
                         "nonempty_in_p": sp.Le(ph, sp.solve(sp.Eq(q_high, q_low), ph)[0])},
        "tying_hands_semi_separating": {"cutoff": sp.expand(vhat), "challenge_after_signal": vhat / (vhat + a),
                                        "pooling_deters": sp.Le(vhat, 0)},
        "sinking_costs_separating": {"cutoff": m, "condition": sp.And(sp.Ge(m, sp.expand(vc)), sp.Lt(m, c_d))},
    }
