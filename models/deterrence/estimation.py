"""Strategic estimation of the deterrence game (Signorino 1999; R package ``games``).

The three-stage deterrence game (challenger 1: status quo or challenge; defender 2:
concede or resist; challenger 1: back down or fight -- the structure of ``games``'
``egame123``) has four outcomes, coded 1-4 as in ``games``:

    1 status quo (``"sq"``), 2 concession (``"concede"``), 3 challenger backs down
    (``"backdown"``), 4 war (``"war"``).

Utilities, each linear in its own regressors, u = X b:
``u1_sq, u1_concede, u1_backdown, u1_war`` (challenger) and
``u2_concede, u2_backdown, u2_war`` (defender; its status-quo utility never enters a
choice).  Utilities not given a design are fixed at 0 -- the identification
normalization is the user's choice, as in ``games`` (a sensible default fixes
u1_backdown and u2_concede at 0).

Agent error (Signorino 1999; McKelvey & Palfrey 1998's agent logit QRE with
precision 1): each action at each node carries an iid type-I extreme-value shock, so
by backward recursion

    p4 = P(fight)     = L(u1_war - u1_backdown)
    p2 = P(resist)    = L(p4 u2_war + (1 - p4) u2_backdown - u2_concede)
    p1 = P(challenge) = L((1 - p2) u1_concede + p2 (p4 u1_war + (1 - p4) u1_backdown) - u1_sq)

with L the logistic function; outcome probabilities 1 - p1, p1 (1 - p2),
p1 p2 (1 - p4), p1 p2 p4.  :func:`fit_deterrence` maximizes the log-likelihood with
scipy's BFGS and an analytic gradient (backpropagated through the recursion); the
covariance is the inverse of the negative Hessian (by central differences of the
analytic gradient), and a Hessian that is singular or not negative definite is
reported as a :class:`gametheory.GameError` naming the unidentified direction.
The two-move game of ``games``' ``egame12`` (challenge; concede or resist, resistance
meaning war) is the special case ``game="egame12"``: p4 = 1, no backdown outcome, and
the utilities u1_backdown and u2_backdown do not enter.  Outcome codes are the
positions in :data:`OUTCOME_LABELS` (1 sq, 2 concede, 3 backdown, 4 war) for both games.
This module is specific to the deterrence game (hence in ``models``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Mapping, Sequence

import numpy as np

from gametheory.errors import GameError

from .params import QREParams

__all__ = [
    "UTILITIES", "OUTCOME_LABELS", "choice_probabilities", "outcome_probabilities", "log_likelihood",
    "simulate_deterrence", "fit_deterrence", "simulate", "fit", "StrategicFit", "deterrence_qre_tree", "GAMES",
]

#: the deterrence game's utilities, in the order of their parameter bundle
UTILITIES = tuple(f.name for f in fields(QREParams))
OUTCOME_LABELS = ("sq", "concede", "backdown", "war")


GAMES = ("egame123", "egame12")
DEFAULT_GAME = GAMES[0]  # the full three-stage game


def _check_game(game: str, utilities: Any = ()) -> None:
    if game not in GAMES:
        raise GameError(f"game={game!r} must be one of {GAMES}")
    if game == "egame12":
        bad = {"u1_backdown", "u2_backdown"} & set(utilities)
        if bad:
            raise GameError(f"egame12 has no backdown outcome; drop {sorted(bad)}")


def _sig(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def choice_probabilities(game: str = DEFAULT_GAME, **utilities: Any) -> dict:
    """Agent logit QRE choice probabilities p1 (challenge), p2 (resist), p4 (fight).

    Keyword arguments: any of :data:`UTILITIES` (scalars or arrays; missing ones are 0).
    ``game="egame12"``: resistance is war (p4 = 1).
    """
    _check_game(game, utilities)
    u = _utility_arrays(utilities)
    p4 = _sig(u["u1_war"] - u["u1_backdown"]) if game == "egame123" else np.ones(np.broadcast(*u.values()).shape)
    p2 = _sig(p4 * u["u2_war"] + (1 - p4) * u["u2_backdown"] - u["u2_concede"])
    e1 = p4 * u["u1_war"] + (1 - p4) * u["u1_backdown"]
    p1 = _sig((1 - p2) * u["u1_concede"] + p2 * e1 - u["u1_sq"])
    return {"p_challenge": p1, "p_resist": p2, "p_fight": p4}


def outcome_probabilities(game: str = DEFAULT_GAME, **utilities: Any) -> np.ndarray:
    """Probabilities of the outcomes (sq, concede, backdown, war), last axis of length 4."""
    p = choice_probabilities(game, **utilities)
    p1, p2, p4 = p["p_challenge"], p["p_resist"], p["p_fight"]
    return np.stack([1 - p1, p1 * (1 - p2), p1 * p2 * (1 - p4), p1 * p2 * p4], axis=-1)


def _utility_arrays(utilities: Mapping[str, Any]) -> dict:
    bad = set(utilities) - set(UTILITIES)
    if bad:
        raise GameError(f"unknown utilities {sorted(bad)}; the deterrence game's utilities are {UTILITIES}")
    out = {}
    for k in UTILITIES:
        x = np.asarray(utilities.get(k, 0.0), dtype=float)
        if not np.all(np.isfinite(x)):
            raise GameError(f"utility {k} has NaN or infinite values")
        out[k] = x
    return out


def deterrence_qre_tree(**utilities: Any):
    """The deterrence game tree at scalar utilities (for :func:`gametheory.agent_qre`)."""
    import gametheory as gt

    u = {k: float(v) for k, v in _utility_arrays(utilities).items()}
    t = gt.ExtensiveFormGame(players=["1", "2"], title="deterrence game (egame123)")
    sq, ch = t.decision(t.root, player="1", actions=["sq", "challenge"], infoset="1a")
    t.terminal(sq, payoffs=[u["u1_sq"], 0.0], label="sq")
    con, res = t.decision(ch, player="2", actions=["concede", "resist"], infoset="2")
    t.terminal(con, payoffs=[u["u1_concede"], u["u2_concede"]], label="concede")
    bd, war = t.decision(res, player="1", actions=["backdown", "war"], infoset="1b")
    t.terminal(bd, payoffs=[u["u1_backdown"], u["u2_backdown"]], label="backdown")
    t.terminal(war, payoffs=[u["u1_war"], u["u2_war"]], label="war")
    return t


# ----------------------------------------------------------------- data handling ------------


def _design(design: Mapping[str, Any], data: Any, n: int | None) -> tuple[dict, dict]:
    """Design matrices per utility and their column names.

    ``design[u]``: an (n, k) array, a 1-D array (one regressor), or a list of column names of
    ``data`` (a pandas DataFrame or dict of arrays); the name ``"1"`` or ``"const"`` (if not a
    column) is an intercept.
    """
    if not isinstance(design, Mapping) or not design:
        raise GameError("design must be a non-empty dict: utility name -> regressors")
    bad = set(design) - set(UTILITIES)
    if bad:
        raise GameError(f"unknown utilities {sorted(bad)} in design; choose from {UTILITIES}")
    mats, names = {}, {}
    for u, spec in design.items():
        if isinstance(spec, (list, tuple)) and all(isinstance(c, str) for c in spec):
            if not spec:
                raise GameError(f"design for {u} lists no regressors")
            cols = []
            for c in spec:
                if data is not None and c in data:
                    cols.append(np.asarray(data[c], dtype=float))
                elif c in ("1", "const", "(Intercept)"):
                    if n is None and data is None:
                        raise GameError("an intercept needs the data (or n) to know its length")
                    length = n if n is not None else len(next(iter(data.values())) if isinstance(data, dict) else data)
                    cols.append(np.ones(length))
                else:
                    raise GameError(f"design for {u}: column {c!r} is not in the data")
            X = np.column_stack(cols)
            nm = [f"{u}:{c}" for c in spec]
        else:
            try:
                X = np.asarray(spec, dtype=float)
            except (TypeError, ValueError):
                raise GameError(f"design for {u} is not numeric") from None
            if X.ndim == 1:
                X = X[:, None]
            if X.ndim != 2:
                raise GameError(f"design for {u} must be a matrix (n, k); got shape {X.shape}")
            nm = [f"{u}:x{j}" for j in range(X.shape[1])]
        if not np.all(np.isfinite(X)):
            rows = np.flatnonzero(~np.all(np.isfinite(X), axis=1))
            raise GameError(f"design for {u} has NaN or infinite regressors (rows {rows[:5].tolist()}...)")
        mats[u], names[u] = X, nm
    lengths = {u: X.shape[0] for u, X in mats.items()}
    if len(set(lengths.values())) != 1:
        raise GameError(f"design matrices have different numbers of rows: {lengths}")
    return mats, names


def _outcome_codes(outcomes: Any, data: Any, game: str = DEFAULT_GAME) -> np.ndarray:
    if isinstance(outcomes, str):
        if data is None or outcomes not in data:
            raise GameError(f"outcome column {outcomes!r} is not in the data")
        outcomes = data[outcomes]
    arr = np.asarray(outcomes, dtype=object).ravel()
    codes = np.empty(arr.size, dtype=np.int64)
    lab = {k: i for i, k in enumerate(OUTCOME_LABELS)}
    for i, y in enumerate(arr):
        if isinstance(y, str) and y in lab:
            codes[i] = lab[y]
        elif isinstance(y, (int, np.integer, float, np.floating)) and not isinstance(y, bool) and y in (1, 2, 3, 4):
            codes[i] = int(y) - 1
        else:
            raise GameError(
                f"outcome {y!r} (row {i}) is not an outcome of the deterrence game; use 1-4 or one of {OUTCOME_LABELS}"
            )
    if game == "egame12" and np.any(codes == 2):
        i = int(np.flatnonzero(codes == 2)[0])
        raise GameError(f"outcome 3/'backdown' (row {i}) is not an outcome of egame12 (sq, concede, war)")
    return codes


# ----------------------------------------------------------------- likelihood ---------------


class _Problem:
    def __init__(self, y: np.ndarray, mats: dict, names: dict, game: str = DEFAULT_GAME):
        self.y = y
        self.two_move = game == "egame12"
        self.mats = mats
        self.order = [u for u in UTILITIES if u in mats]
        self.slices = {}
        k = 0
        for u in self.order:
            d = mats[u].shape[1]
            self.slices[u] = slice(k, k + d)
            k += d
        self.k = k
        self.names = [nm for u in self.order for nm in names[u]]
        self.n = y.size
        self.oh = np.eye(4)[y]

    def utilities(self, theta: np.ndarray) -> dict:
        u = {k: np.zeros(self.n) for k in UTILITIES}
        for name in self.order:
            u[name] = self.mats[name] @ theta[self.slices[name]]
        return u

    def loglik_grad(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        u = self.utilities(theta)
        a3 = u["u1_war"] - u["u1_backdown"]
        p4 = np.ones(self.n) if self.two_move else _sig(a3)
        a2 = p4 * u["u2_war"] + (1 - p4) * u["u2_backdown"] - u["u2_concede"]
        p2 = _sig(a2)
        e1 = p4 * u["u1_war"] + (1 - p4) * u["u1_backdown"]
        a1 = (1 - p2) * u["u1_concede"] + p2 * e1 - u["u1_sq"]
        p1 = _sig(a1)
        y = self.y
        lp = lambda a: -np.logaddexp(0.0, -a)  # log L(a)
        ll = np.where(y == 0, lp(-a1), lp(a1))
        ll = ll + np.where(y == 1, lp(-a2), 0.0) + np.where(y >= 2, lp(a2), 0.0)
        if not self.two_move:
            ll = ll + np.where(y == 2, lp(-a3), 0.0) + np.where(y == 3, lp(a3), 0.0)
        # direct derivatives with respect to the node indices
        g1 = (y != 0) - p1
        g2 = np.where(y >= 1, (y >= 2) - p2, 0.0)
        g3 = np.zeros(self.n) if self.two_move else np.where(y >= 2, (y == 3) - p4, 0.0)
        G1 = g1
        G2 = g2 + G1 * (e1 - u["u1_concede"]) * p2 * (1 - p2)
        G3 = g3 + (G1 * p2 * (u["u1_war"] - u["u1_backdown"]) + G2 * (u["u2_war"] - u["u2_backdown"])) * p4 * (1 - p4)
        du = {
            "u1_sq": -G1, "u1_concede": G1 * (1 - p2), "u1_backdown": G1 * p2 * (1 - p4) - G3,
            "u1_war": G1 * p2 * p4 + G3, "u2_concede": -G2, "u2_backdown": G2 * (1 - p4), "u2_war": G2 * p4,
        }
        grad = np.zeros(self.k)
        for name in self.order:
            grad[self.slices[name]] = self.mats[name].T @ du[name]
        return float(ll.sum()), grad


def log_likelihood(outcomes: Any, design: Mapping[str, Any], coef: Any, data: Any = None,
                   game: str = DEFAULT_GAME) -> float:
    """Log-likelihood of the outcomes at coefficients ``coef`` (flat, in :data:`UTILITIES` order)."""
    _check_game(game, design)
    y = _outcome_codes(outcomes, data, game)
    mats, names = _design(design, data, y.size)
    prob = _Problem(y, mats, names, game)
    theta = np.asarray(coef, dtype=float).ravel()
    if theta.size != prob.k:
        raise GameError(f"coef has {theta.size} entries; the design has {prob.k} coefficients")
    return prob.loglik_grad(theta)[0]


# ----------------------------------------------------------------- simulation ---------------


def simulate_deterrence(design: Mapping[str, Any], coef: Mapping[str, Any], data: Any = None,
                        n: int | None = None, seed: Any = None, game: str = DEFAULT_GAME) -> np.ndarray:
    """Draw outcomes (codes 1-4) from the agent-error model.

    ``coef``: utility name -> coefficient vector (matching its design's columns).
    ``seed``: anything :func:`numpy.random.default_rng` accepts.
    """
    _check_game(game, design)
    mats, _ = _design(design, data, n)
    if set(coef) != set(mats):
        raise GameError(f"coef must give coefficients for exactly the designed utilities {sorted(mats)}")
    u = {}
    for k, X in mats.items():
        b = np.asarray(coef[k], dtype=float).ravel()
        if b.size != X.shape[1]:
            raise GameError(f"coef[{k!r}] has {b.size} entries; its design has {X.shape[1]} columns")
        u[k] = X @ b
    probs = outcome_probabilities(game, **u)
    rng = np.random.default_rng(seed)
    cum = np.cumsum(probs, axis=-1)
    draws = rng.random(probs.shape[0])[:, None]
    return (draws > cum[:, :-1]).sum(axis=1) + 1


# ----------------------------------------------------------------- fitting ------------------


@dataclass(frozen=True)
class StrategicFit:
    """Maximum-likelihood fit of the deterrence game (Signorino 1999)."""

    names: tuple
    params: np.ndarray
    cov: np.ndarray
    loglik: float
    n: int
    converged: bool
    message: str
    design_names: dict = field(default_factory=dict)

    @property
    def se(self) -> np.ndarray:
        return np.sqrt(np.diag(self.cov))

    @property
    def coef(self) -> dict:
        """utility -> {regressor name -> estimate}."""
        out: dict = {}
        for nm, b in zip(self.names, self.params):
            u, c = nm.split(":", 1)
            out.setdefault(u, {})[c] = float(b)
        return out

    def conf_int(self, level: float = 0.95) -> np.ndarray:
        """Wald intervals, shape (k, 2)."""
        from scipy.stats import norm

        z = norm.ppf(0.5 + level / 2)
        return np.column_stack([self.params - z * self.se, self.params + z * self.se])

    def summary(self):
        import pandas as pd
        from scipy.stats import norm

        z = self.params / self.se
        return pd.DataFrame({"estimate": self.params, "std_error": self.se, "z": z,
                             "p_value": 2 * norm.sf(np.abs(z))}, index=list(self.names))

    @property
    def aic(self) -> float:
        return -2 * self.loglik + 2 * len(self.params)

    game: str = DEFAULT_GAME

    def predict(self, design: Mapping[str, Any], data: Any = None, n: int | None = None) -> np.ndarray:
        """Outcome probabilities (n, 4) at the estimates for new regressors (same design layout)."""
        mats, _ = _design(design, data, n)
        if set(mats) != set(self.design_names):
            raise GameError(f"predict needs designs for exactly {sorted(self.design_names)}")
        u = {}
        for k, X in mats.items():
            b = np.array([self.params[self.names.index(nm)] for nm in self.design_names[k]])
            if X.shape[1] != b.size:
                raise GameError(f"design for {k} has {X.shape[1]} columns; the fit has {b.size}")
            u[k] = X @ b
        return outcome_probabilities(self.game, **u)


def fit_deterrence(outcomes: Any, design: Mapping[str, Any], data: Any = None, start: Any = None,
                   maxiter: int = 500, game: str = DEFAULT_GAME) -> StrategicFit:
    """Fit the deterrence game's utilities to outcomes by maximum likelihood (Signorino 1999).

    ``outcomes``: codes 1-4 or labels ("sq", "concede", "backdown", "war"), or a column name
    of ``data``.  ``design``: utility -> regressors (see :func:`_design`); utilities not listed
    are fixed at 0.  Standard errors: inverse negative Hessian.  Errors (GameError): bad
    outcomes, NaN regressors, mismatched lengths, an outcome category needed for
    identification that never occurs, a singular Hessian.
    """
    from scipy.optimize import minimize

    _check_game(game, design)
    y = _outcome_codes(outcomes, data, game)
    mats, names = _design(design, data, y.size)
    if next(iter(mats.values())).shape[0] != y.size:
        raise GameError(f"{y.size} outcomes but the design has {next(iter(mats.values())).shape[0]} rows")
    prob = _Problem(y, mats, names, game)
    x0 = np.zeros(prob.k) if start is None else np.asarray(start, dtype=float).ravel()
    if x0.size != prob.k or not np.all(np.isfinite(x0)):
        raise GameError(f"start must be {prob.k} finite numbers")

    n = prob.n

    def f(theta):  # the mean keeps BFGS's tolerances independent of the sample size
        ll, g = prob.loglik_grad(theta)
        return -ll / n, -g / n

    def hessian(theta):  # central differences of the analytic gradient
        k = prob.k
        H = np.empty((k, k))
        for j in range(k):
            h = 1e-5 * max(1.0, abs(theta[j]))
            e = np.zeros(k)
            e[j] = h
            H[:, j] = (prob.loglik_grad(theta + e)[1] - prob.loglik_grad(theta - e)[1]) / (2 * h)
        return 0.5 * (H + H.T)

    res = minimize(f, x0, jac=True, method="BFGS", options={"maxiter": maxiter, "gtol": 1e-7})
    theta = res.x
    H = hessian(theta)
    w, V = np.linalg.eigh(-H)
    if w.min() > 1e-8 * max(1.0, w.max()):
        # polish with Newton steps (BFGS often stops on precision loss near the optimum)
        for _ in range(5):
            g = prob.loglik_grad(theta)[1]
            if np.max(np.abs(g)) / n < 1e-9:
                break
            theta = theta + np.linalg.solve(-H, g)
            H = hessian(theta)
            w, V = np.linalg.eigh(-H)
            if w.min() <= 0:
                break
    grad_max = float(np.max(np.abs(prob.loglik_grad(theta)[1]))) / n
    converged = bool(res.success) or grad_max < 1e-7
    if w.min() <= 1e-8 * max(1.0, w.max()):
        j = int(np.argmax(np.abs(V[:, 0])))
        raise GameError(
            "the Hessian of the log-likelihood is singular (or not negative definite) at the estimate: "
            f"the parameters are not identified; the flattest direction loads most on {prob.names[j]!r} "
            "(fix a utility at 0, drop a collinear regressor, or check that every outcome occurs)"
        )
    cov = (V / w) @ V.T
    return StrategicFit(names=tuple(prob.names), params=theta, cov=cov, loglik=prob.loglik_grad(theta)[0], n=prob.n,
                        converged=converged, message=f"{res.message} (max |mean gradient| {grad_max:.1e})",
                        design_names=names, game=game)


simulate = simulate_deterrence  # short names, as in the brief of the ``games`` package's users
fit = fit_deterrence
