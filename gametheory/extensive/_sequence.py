"""Equilibria of two-player game trees through the sequence form.

Zero-sum games: the sequence-form linear program (Koller, Megiddo & von Stengel 1996,
von Stengel 1996).  Player 1 maximizes ``q_0`` over her realization plan ``x`` and the
dual prices ``q`` of player 2's constraints: ``F^T q <= A^T x``, ``E x = e``, ``x >= 0``;
the prices of the first block are player 2's optimal plan.  It is solved by HiGHS
(scipy); for an exact game the supports it finds are re-solved exactly in Fractions and the
pair is *certified*: each plan's guaranteed payoff (the opponent's best response,
computed exactly) must equal the other's, which proves both optimal (von Neumann's
minimax theorem).  If the certificate fails (a degenerate vertex), the exact LCP below
gives the optimal pair instead.

General-sum games: Lemke's algorithm on the sequence-form linear complementarity problem
(Koller, Megiddo & von Stengel 1996, section 4).  Payoffs are made costs that are positive
at every leaf (``K - u``), the plans' equations relaxed to ``E x >= e`` with nonnegative
duals, and Lemke's path from the covering vector of ones is followed.  For an exact game
the path is first followed in floats and its final basis solved in Fractions (certified when
every basic value is >= 0); only if that fails is the path re-followed with exact
fraction-free pivoting.  The complementary solution's plans, normalized at every information
set, are then checked exactly: each player's regret (her best response's payoff, by backward
induction over her sequences, minus her payoff) must be 0.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..equilibrium import Equilibria
from ..errors import InvalidGameError, SolverError
from ._exactlin import solve_sparse
from ._lemke import RayTermination, exact_basic_solution, lemke, lemke_float_basis
from ._result import TreeEquilibrium
from ._seqform import SequenceForm, sequence_form_of

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = ["sequence_form"]

_METHODS = ("auto", "lp", "lcp")


def sequence_form(game: ExtensiveFormGame, method: str = "auto", max_iter: int = 100_000) -> Equilibria:
    """An equilibrium of a two-player game tree with perfect recall, by the sequence form.

    The sequence form has one variable per sequence of own moves, so it grows linearly with
    the tree where the reduced normal form grows exponentially (Koller, Megiddo & von
    Stengel 1996; von Stengel 1996).  Chance moves are allowed.

    Parameters
    ----------
    game : ExtensiveFormGame
        A finished two-player tree with perfect recall.
    method : {"auto", "lp", "lcp"}
        ``"lp"``: the sequence-form linear program of a zero-sum (or constant-sum) game;
        ``"lcp"``: Lemke's algorithm on the sequence-form linear complementarity problem
        (any two-player game); ``"auto"``: ``"lp"`` when every leaf's payoffs have the same
        sum, else ``"lcp"``.
    max_iter : int
        Pivot limit of Lemke's algorithm.

    Returns
    -------
    Equilibria
        One :class:`TreeEquilibrium` (``complete=False``; ``method`` ``"sequence-form lp"``
        or ``"sequence-form lcp"``) in behavior strategies, with each player's expected
        ``payoffs`` (Fractions for an exact game).  For ``"lp"`` it is a pair of optimal
        (maximin) behavior strategies and ``params["value"]`` is player 1's value; every
        pair of optimal strategies is an equilibrium with that value, and others may
        exist.  For ``"lcp"`` it is the equilibrium Lemke's path reaches
        (``params["pivots"]``; ``params["exact_from"] == "float basis"`` when an exact
        game's answer is the float path's basis solved exactly).  ``params["arbitrary_infosets"]`` lists the information sets
        a player's own moves exclude, where the reported (uniform) behavior is arbitrary.

    Raises
    ------
    InvalidGameError
        Not an ExtensiveFormGame, not two players, imperfect recall, an unknown method,
        ``"lp"`` for a game that is not zero-sum.
    SolverError
        Lemke's path ended on a ray or exceeded ``max_iter`` pivots.

    References
    ----------
    Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of equilibria
    for extensive two-person games. Games and Economic Behavior 14, 247-259.
    von Stengel, B. (1996). Efficient computation of behavior strategies. Games and
    Economic Behavior 14, 220-246.
    Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical programming.
    Management Science 11, 681-689.

    Examples
    --------
    Kuhn poker (Kuhn 1950): the dealer's value is -1/18.

    >>> import gametheory as gt
    >>> eq = gt.sequence_form(gt.kuhn_poker())[0]
    >>> eq.payoffs, eq.method
    ((Fraction(-1, 18), Fraction(1, 18)), 'sequence-form lp')
    >>> eq.behavior["P2"]["P2 K check"]
    {'check': Fraction(0, 1), 'bet': Fraction(1, 1)}
    """
    if not isinstance(method, str) or method not in _METHODS:
        raise InvalidGameError(f"sequence_form: method must be one of {list(_METHODS)}; got {method!r}")
    if isinstance(max_iter, (bool, np.bool_)) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InvalidGameError(f"sequence_form: max_iter must be a positive int; got {max_iter!r}")
    sf = sequence_form_of(game, "sequence_form")
    zero_sum = _constant_sum(game)
    if method == "auto":
        method = "lp" if zero_sum is not None else "lcp"
    if method == "lp":
        if zero_sum is None:
            raise InvalidGameError(
                "sequence_form: method='lp' needs a zero-sum (constant-sum) game; the leaves' payoff sums differ "
                "(use method='lcp')"
            )
        beh, params = _solve_lp(sf, zero_sum, int(max_iter))
    else:
        beh, params = _solve_lcp(sf, int(max_iter))
    name = f"sequence-form {method}"
    payoffs = sf.expected(sf.plan(0, beh), sf.plan(1, beh))
    tol = 0.0 if game.exact else (game.tol or 1e-9)
    eq = TreeEquilibrium(game, tuple(payoffs), name, game.exact, tol, params, None, beh)
    return Equilibria([eq], game=game, method=name, complete=False, params={"requested": method})


def _constant_sum(game: ExtensiveFormGame) -> Any:
    """The common payoff sum of the leaves, or None when they differ."""
    c = game.compiled
    sums = c.U[c.terminals, 0] + c.U[c.terminals, 1]
    if sums.size == 0:
        return 0
    if game.exact:
        s0 = sums[0]
        return s0 if all(s == s0 for s in sums) else None
    sums = sums.astype(float)
    return float(sums[0]) if float(np.ptp(sums)) <= game.tol else None


def _finish(sf: SequenceForm, x: list, y: list, params: dict) -> tuple[dict, dict]:
    """Behavior strategies of both plans and the sets left open."""
    b1, open1 = sf.behavior(0, x)
    b2, open2 = sf.behavior(1, y)
    beh = {**b1, **b2}
    params["arbitrary_infosets"] = [sf.tree.infosets[h].key for h in open1 + open2]
    return beh, params


def _regret_ok(sf: SequenceForm, beh: dict) -> bool:
    x, y = sf.plan(0, beh), sf.plan(1, beh)
    r1, r2 = sf.regrets(x, y)
    if sf.exact:
        return r1 == 0 and r2 == 0
    t1, t2 = sf.tree.tols
    return r1 <= t1 and r2 <= t2


def _exact_copy(sf: SequenceForm) -> SequenceForm:
    """The same sequence form with the float payoffs and weights as exact binary rationals."""
    leaves = {k: [Fraction(v) for v in vals] for k, vals in sf.leaves.items()}
    return SequenceForm(sf.tree, True, sf.seq, sf.last, sf.isets, sf.parent, leaves)


def _to_float(beh: dict) -> dict:
    return {h: tuple(float(p) for p in probs) for h, probs in beh.items()}


# ----------------------------------------------------------------------------- LCP
def _lcp_data(sf: SequenceForm) -> tuple[list, list]:
    """``(M, q)`` of the relaxed sequence-form LCP in cost form, z = (x, y, u, v)."""
    exact = sf.exact
    n1, n2 = sf.sizes
    E, F = sf.constraints(0, object if exact else float), sf.constraints(1, object if exact else float)
    m1, m2 = E.shape[0], F.shape[0]
    A, B, P = sf.payoff_matrices(object if exact else float)
    # costs positive at every leaf: K - u with K above every payoff (a constant per player
    # changes no best response, since every pair of plans gives the leaves total weight 1)
    K1 = max([v[1] / v[0] for v in sf.leaves.values() if v[0]], default=0) + 1
    K2 = max([v[2] / v[0] for v in sf.leaves.values() if v[0]], default=0) + 1
    C = K1 * P - A
    D = K2 * P - B
    n = n1 + n2 + m1 + m2
    M = np.zeros((n, n), dtype=object if exact else float)
    if exact:
        M[:] = 0
    x0, y0, u0, v0 = 0, n1, n1 + n2, n1 + n2 + m1
    M[x0:y0, y0:u0] = C
    M[x0:y0, u0:v0] = -E.T
    M[y0:u0, x0:y0] = D.T
    M[y0:u0, v0:] = -F.T
    M[u0:v0, x0:y0] = E
    M[v0:, y0:u0] = F
    q = [0] * n
    q[u0] = -1
    q[v0] = -1
    return M.tolist(), q


def _solve_lcp(sf: SequenceForm, max_iter: int) -> tuple[dict, dict]:
    n1, n2 = sf.sizes
    M, q = _lcp_data(sf)
    if sf.exact:
        found = _float_then_exact(sf, M, q, max_iter)
        if found is not None:
            return found
    try:
        z, pivots = lemke(M, q, exact=sf.exact, max_iter=max_iter)
    except RayTermination:
        if sf.exact:  # Koller, Megiddo & von Stengel: the path ends at a solution
            raise SolverError("sequence_form: Lemke's path ended on a ray (please report this game)") from None
        z = None
    if z is not None:
        beh, params = _finish(sf, z[:n1], z[n1:n1 + n2], {"pivots": pivots})
        if _regret_ok(sf, beh):
            return beh, params
        if sf.exact:  # the certificate failed: a bug, not a property of the game
            raise SolverError("sequence_form: Lemke's solution is not an equilibrium (please report this game)")
    # float roundoff along the path: redo it exactly on the floats' binary rationals
    ex = _exact_copy(sf)
    M, q = _lcp_data(ex)
    z, pivots = lemke(M, q, exact=True, max_iter=max_iter)
    beh, params = _finish(ex, z[:n1], z[n1:n1 + n2], {"pivots": pivots, "refined": "exact"})
    return _to_float(beh), params


def _float_then_exact(sf: SequenceForm, M: list, q: list, max_iter: int) -> tuple[dict, dict] | None:
    """Lemke's path in floats, its final basis solved and certified in Fractions (None if not)."""
    n1, n2 = sf.sizes
    try:
        _, pivots, basis = lemke_float_basis(M, q, max_iter=max_iter)
    except SolverError:
        return None
    z = exact_basic_solution(M, q, basis)
    if z is None:
        return None
    beh, params = _finish(sf, z[:n1], z[n1:n1 + n2], {"pivots": pivots, "exact_from": "float basis"})
    return (beh, params) if _regret_ok(sf, beh) else None


# ----------------------------------------------------------------------------- LP
def _sparse_payoffs(sf: SequenceForm) -> Any:
    from scipy.sparse import coo_matrix

    n1, n2 = sf.sizes
    keys = list(sf.leaves)
    rows = [s for s, _ in keys]
    cols = [t for _, t in keys]
    vals = [float(sf.leaves[k][1]) for k in keys]
    return coo_matrix((vals, (rows, cols)), shape=(n1, n2)).tocsr()


def _sparse_constraints(sf: SequenceForm, i: int) -> Any:
    from scipy.sparse import coo_matrix

    rows, cols, vals = [0], [0], [1.0]
    for r, h in enumerate(sf.isets[i], start=1):
        rows.append(r)
        cols.append(sf.parent[h])
        vals.append(-1.0)
        for a in sf.actions(h):
            rows.append(r)
            cols.append(sf.seq[i][(h, a)])
            vals.append(1.0)
    return coo_matrix((vals, (rows, cols)), shape=(1 + len(sf.isets[i]), len(sf.last[i]))).tocsr()


def _float_lp(G: Any, Emine: Any, Eother: Any) -> tuple[np.ndarray, np.ndarray, float]:
    """One player's side by HiGHS: max ``q_0`` s.t. ``Eother^T q <= G^T x``, ``Emine x = e``, ``x >= 0``.

    Returns her optimal plan ``x`` (a vertex: dual simplex), the slacks ``G^T x - Eother^T q``
    and the value.  ``G`` is her payoff matrix (her sequences by the other's)."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack

    n, m_other = G.shape[0], Eother.shape[0]
    m = Emine.shape[0]
    A_ub = hstack([-G.T, Eother.T]).tocsr()
    A_eq = hstack([Emine, csr_matrix((m, m_other))]).tocsr()
    c = np.zeros(n + m_other)
    c[n] = -1.0
    e = np.zeros(m)
    e[0] = 1.0
    bounds = [(0, None)] * n + [(None, None)] * m_other
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(G.shape[1]), A_eq=A_eq, b_eq=e, bounds=bounds, method="highs-ds")
    if res.status != 0:
        raise SolverError(f"sequence_form: the sequence-form LP failed ({res.message})")
    x = np.clip(res.x[:n], 0.0, None)
    return x, np.asarray(res.slack, dtype=float), float(-res.fun)


def _exact_plan(sf: SequenceForm, i: int, x: np.ndarray, slack: np.ndarray) -> list | None:
    """Player ``i``'s exact plan at the LP vertex: the float plan's zeros and tight rows, in Fractions."""
    mine, other = sf.constraints(i, object), sf.constraints(1 - i, object)
    sign = 1 if i == 0 else -1  # player 2 maximizes -A
    S = [s for s in range(mine.shape[1]) if x[s] > 1e-9]
    scale = max(1.0, float(np.abs(slack).max(initial=0.0)))
    tight = [t for t in range(other.shape[1]) if abs(slack[t]) <= 1e-9 * scale]
    pay: dict[int, dict[int, Fraction]] = {}  # the other's sequence -> mine -> my payoff
    for (s1, s2), vals in sf.leaves.items():
        if vals[1]:
            s, t = (s1, s2) if i == 0 else (s2, s1)
            pay.setdefault(t, {})[s] = sign * vals[1]
    k = len(S)
    pos = {s: a for a, s in enumerate(S)}
    rows = []
    for r in range(mine.shape[0]):
        rows.append(({pos[s]: Fraction(mine[r, s]) for s in S if mine[r, s]}, Fraction(1 if r == 0 else 0)))
    for t in tight:  # the other's sequences whose constraint is tight at the vertex
        a: dict[int, Fraction] = {pos[s]: v for s, v in pay.get(t, {}).items() if s in pos}
        for r in range(other.shape[0]):
            if other[r, t]:
                a[k + r] = a.get(k + r, 0) - Fraction(other[r, t])
        rows.append((a, Fraction(0)))
    sol = solve_sparse(rows, k + other.shape[0])
    if sol is None:
        return None
    out = [Fraction(0)] * mine.shape[1]
    for s, a in pos.items():
        out[s] = sol[0][a]
    return out if min(out) >= 0 else None


def _lp_sides(sf: SequenceForm) -> tuple[tuple, tuple]:
    """Both players' LP vertices: (plan, slacks, value) each."""
    A = _sparse_payoffs(sf)
    E, F = _sparse_constraints(sf, 0), _sparse_constraints(sf, 1)
    return _float_lp(A, E, F), _float_lp(-A.T.tocsr(), F, E)


def _solve_lp(sf: SequenceForm, total: Any, max_iter: int) -> tuple[dict, dict]:
    (x, xslack, value), (y, yslack, _) = _lp_sides(sf)
    if not sf.exact:
        beh, params = _finish(sf, list(x), list(y), {"value": value})
        if _regret_ok(sf, beh):
            return beh, params
        ex = _exact_copy(sf)
        beh, params = _solve_lp(ex, Fraction(total), max_iter)
        params["refined"] = "exact"
        params["value"] = float(params["value"])
        return _to_float(beh), params
    xe, ye = _exact_plan(sf, 0, x, xslack), _exact_plan(sf, 1, y, yslack)
    if xe is not None and ye is not None:
        beh, params = _finish(sf, xe, ye, {})
        xt, yt = sf.plan(0, beh), sf.plan(1, beh)
        # certificate: what x guarantees (against player 2's best reply) equals what y concedes
        lower = total - sf.best_response_value(1, xt)
        upper = sf.best_response_value(0, yt)
        if lower == upper:
            params["value"] = lower
            return beh, params
    beh, params = _solve_lcp(sf, max_iter)
    params["value"] = sf.expected(sf.plan(0, beh), sf.plan(1, beh))[0]
    params["exact_from"] = "lcp"
    return beh, params
