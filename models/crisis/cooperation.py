"""Cooperation over time: the repeated prisoner's dilemma and why alliances collapse (Axelrod 1984; Snyder & Diesing 1977).

:func:`alliance_game` is the stage game of alliance cooperation (a linear public good);
:func:`alliance_collapse` is the boundary at which an alliance held together by repeated
(grim-trigger) cooperation dissolves (Axelrod & Keohane 1985; Snyder 1997).  The
vectorized twins serve sweeps over large grids.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

import gametheory as gt
from gametheory import repeated
from gametheory.errors import GameError

from ..elementwise import maximum, tol_for, where, zero_of

__all__ = ["alliance_game", "alliance_collapse", "AllianceCollapse"]


def _check_alliance(threat: Any, cost: Any, capability: Any) -> list:
    th, c, s = gt.as_numbers({"threat": threat, "cost": cost, "capability": capability})[0].values()
    if not th > 0:
        raise GameError(f"threat must be positive; got {threat!r}")
    if not c > 0:
        raise GameError(f"cost must be positive; got {cost!r}")
    if not 0 < s < 1:
        raise GameError(f"capability (ally 1's share of joint capability) must lie strictly between 0 and 1; got {capability!r}")
    return [th, c, s]


def alliance_game(threat: Any, cost: Any, capability: Any) -> gt.NormalFormGame:
    """The stage game of alliance cooperation (a linear public good; after Olson & Zeckhauser 1966).

    Ally 1 holds share ``capability`` = k_1 of the allies' joint capability, ally 2
    k_2 = 1 - k_1.  Cooperating (C) commits an ally's capability to joint defense at
    cost ``cost * k_i``; committed capability protects both against a threat worth
    ``threat`` per unit: ``u_i = threat * (k_1 x_1 + k_2 x_2) - cost * k_i x_i``.
    Hence R_i = threat - cost k_i, T_i = threat k_j, P_i = 0, S_i = (threat - cost) k_i:
    a prisoner's dilemma for both allies iff ``cost * max(k) < threat < cost``; for
    ``threat >= cost`` cooperating is dominant (no dilemma); for ``threat <= cost * k_i``
    ally i prefers mutual defection to mutual cooperation.
    """
    th, c, s = _check_alliance(threat, cost, capability)
    k = (s, 1 - s)

    def u(i: int, x1: int, x2: int) -> Any:
        x = (x1, x2)
        return th * (k[0] * x[0] + k[1] * x[1]) - c * k[i] * x[i]

    A = [[u(0, 1, 1), u(0, 1, 0)], [u(0, 0, 1), u(0, 0, 0)]]
    B = [[u(1, 1, 1), u(1, 1, 0)], [u(1, 0, 1), u(1, 0, 0)]]
    return gt.NormalFormGame.from_bimatrix(A, B, player_labels=("Ally 1", "Ally 2"),
                                           strategy_labels=[("C", "D"), ("C", "D")], title="alliance cooperation")


@dataclass(frozen=True)
class AllianceCollapse:
    """Where an alliance sustained by grim-trigger cooperation holds or dissolves.

    ``delta_threshold``: the lowest shadow of the future that sustains cooperation
    (0 when cooperating is dominant; a value >= 1 means no delta < 1 does);
    ``threat_threshold``: the lowest threat that sustains it at this delta;
    ``max_capability_share``: the largest share of the stronger ally that still
    sustains it at this threat and delta (1 when any split does; a value below 1/2
    means no split does); ``reason`` says in words what holds or fails.
    """

    threat: Any
    cost: Any
    capability: Any
    delta: Any
    stage_game: str
    sustainable: bool
    delta_threshold: Any
    threat_threshold: Any
    max_capability_share: Any
    reason: str


def alliance_collapse(threat: Any, cost: Any, capability: Any, delta: Any) -> AllianceCollapse:
    """The parameter boundary at which alliance cooperation stops being an equilibrium.

    In the repeated :func:`alliance_game` with grim trigger (Friedman 1971; Axelrod &
    Keohane 1985 on the shadow of the future), ally i's threshold is
    ``(T_i - R_i)/(T_i - P_i) = (k_i/k_j)(cost - threat)/threat``, so with
    ``r = max(k)/min(k)``:

    * delta* = r (cost - threat)/threat - cooperation collapses when delta falls below it;
    * threat* = r cost/(delta + r) - ... or when the threat falls below this;
    * capabilities: it holds while ``max(k) <= rho/(1 + rho)`` with ``rho = delta threat/(cost - threat)``
      - the stronger ally, which pays more and gains more from defecting, leaves first.

    Exact for exact inputs; float inputs compare with the engine's tolerance
    1e-9 * max(threat, cost) (:func:`gametheory.default_tol`), so a delta exactly at the threshold is sustainable
    whether given as a float or a Fraction.  :class:`GameError` for threat <= 0, cost <= 0,
    a share outside (0, 1) or delta outside [0, 1).
    """
    th, c, s = _check_alliance(threat, cost, capability)
    d = repeated.check_delta(delta)
    if isinstance(d, float) and isinstance(th, Fraction):
        th, c, s = float(th), float(c), float(s)
    exact = isinstance(th, Fraction)
    r = _alliance(th, c, s, d, exact)
    tol, delta_thr = r["tol"], r["delta_threshold"]
    if r["harmony"]:
        stage = "harmony (cooperating is dominant)" if th > c + tol else "weak harmony (cooperating weakly dominant)"
    elif th > c * r["big"] + tol:
        stage = "prisoner's dilemma"
    else:
        stage = "deadlock for the stronger ally (it prefers mutual defection)"
    threat_thr, max_share = r["threat_threshold"], r["max_capability_share"]
    sustainable = r["sustainable"]
    if sustainable:
        reason = "cooperation is an equilibrium"
    elif delta_thr < 1 - tol:
        reason = f"cooperation collapses: the shadow of the future {d} is below the threshold {delta_thr}"
    else:
        reason = "cooperation collapses at every delta < 1: the threat is too small for the stronger ally"
    return AllianceCollapse(th, c, s, d, stage, bool(sustainable), delta_thr, threat_thr, max_share, reason)


def _alliance_many(threat, cost, capability, delta) -> dict:
    th, c, s, d = (np.asarray(x, dtype=float) for x in (threat, cost, capability, delta))
    th, c, s, d = np.broadcast_arrays(th, c, s, d)
    bad = ~((th > 0) & (c > 0) & (s > 0) & (s < 1) & (d >= 0) & (d < 1))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise GameError(
            f"point {i}: need threat > 0, cost > 0, 0 < capability < 1, 0 <= delta < 1; got "
            f"threat={th.ravel()[i]}, cost={c.ravel()[i]}, capability={s.ravel()[i]}, delta={d.ravel()[i]}"
        )
    r = _alliance(th, c, s, d, exact=False)
    return {k: r[k] for k in ("delta_threshold", "sustainable", "threat_threshold", "max_capability_share")}


def _alliance(th: Any, c: Any, s: Any, d: Any, exact: bool) -> dict:
    """The grim-trigger boundary of alliance cooperation, for one point or a grid (:mod:`models.elementwise`).

    Formulas in :func:`alliance_collapse`; the tolerance is 1e-9 * max(threat, cost) for floats
    (0 when exact), so a delta at the threshold is sustainable on both paths.
    """
    big = maximum(s, 1 - s)
    r = big / (1 - big)
    tol = tol_for(exact, th, c)
    harmony = th >= c - tol
    zero = zero_of(th)
    thr = where(harmony, zero, r * (c - th) / th)
    # rho/(1 + rho) with rho = delta threat/(cost - threat), written without the infinite rho of threat >= cost
    share = where(harmony, 1 + zero, d * th / where(harmony, 1 + zero, c - th + d * th))
    return {"delta_threshold": thr, "sustainable": thr <= d + tol, "threat_threshold": r * c / (d + r),
            "max_capability_share": share, "harmony": harmony, "big": big, "tol": tol}


def _pd_many(T, R, P, S, delta) -> dict:
    T, R, P, S, d = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (T, R, P, S, delta)))
    bad = ~((T > R) & (R > P) & (P > S) & (d >= 0) & (d < 1))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise GameError(
            f"point {i}: need T > R > P > S and 0 <= delta < 1; got T={T.ravel()[i]}, R={R.ravel()[i]}, "
            f"P={P.ravel()[i]}, S={S.ravel()[i]}, delta={d.ravel()[i]}"
        )
    # The thresholds are the engine's (gametheory.repeated.grim_trigger_threshold and
    # tit_for_tat_threshold, which _pd_solve calls on the game [[R, S], [T, P]]): the engine
    # owns them for any 2x2 PD, symmetric or not, and has no array form, so this is their
    # symmetric special case over a grid, tied to the engine by tests/test_fast_paths_agree.py.
    grim = (T - R) / (T - P)
    tft = np.maximum(grim, (T - R) / (R - S))
    tol = gt.default_tols(T, R, P, S)  # as _pd_solve (game.tol)
    return {"grim_threshold": grim, "tft_threshold": tft, "grim_sustainable": d >= grim - tol,
            "tft_stable": d >= tft - tol}
