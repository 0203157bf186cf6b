"""Agent logit quantal response equilibrium of game trees (McKelvey & Palfrey 1998).

At each information set h the mover (an "agent" of her player) chooses action a with
probability proportional to ``exp(lam * Q_h(a))``, where ``Q_h(a)`` is her expected payoff
from a at h given the behavior everywhere else, with the nodes of h weighted by their
probability of being reached (Bayes' rule; logit play reaches every node unless chance
excludes it, in which case the nodes are weighted equally).

Perfect-information trees have no beliefs to form, so the agent QRE is computed in closed
form by one backward pass (the logit analogue of backward induction), vectorized over the
tree's levels and over a batch of parameter values: :func:`agent_qre_batch` takes arrays of
terminal payoffs and lambdas, which is what strategic estimation needs (Signorino 1999).
General trees are solved by following the fixed point from lam = 0 (uniform play) with
scipy's ``root`` at each step (natural-parameter continuation, step halving on failure).
Where the logit branch bifurcates (games with a symmetry, e.g. a symmetric battle of the
sexes, pitchfork near lam = 1.37), the continuation stays on the branch through the
bifurcation (the symmetric one); Gambit's arc-length tracer may take a side branch instead.
Both are agent QRE; the tests check each is a fixed point.  A fold in lam stops the
continuation with a :class:`SolverError` rather than jumping silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
from scipy.optimize import root

from ..errors import InvalidGameError, SolverError
from ._tree import DECISION, require_tree
from ._result import TreeEquilibrium

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = ["agent_qre", "agent_qre_path", "agent_qre_batch", "QREBatch"]


@dataclass(frozen=True, eq=False)
class QREBatch:
    """Agent QRE of a perfect-information tree for K parameter points.

    Attributes
    ----------
    tree : ExtensiveFormGame
        The tree.
    lam : numpy.ndarray
        ``lam[k, i]``: player i's precision at point k.
    edge_probabilities : numpy.ndarray
        ``[k, v]``: probability of the edge into node v (the choice or chance probability).
    reach : numpy.ndarray
        ``[k, v]``: probability that v is reached.
    values : numpy.ndarray
        ``[k, v, i]``: player i's expected payoff from node v on.
    terminals : numpy.ndarray
        The terminal node ids; ``terminal_probabilities[k, j]`` is the probability of
        ``terminals[j]``.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1998). Quantal response equilibria for extensive form
    games. Experimental Economics 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.complete_tree(2, 1, [[1, 0], [0, 1]])  # P1 picks a1 or a2, then the game ends
    >>> batch = gt.agent_qre_batch(t, [0.0, 1.0])
    >>> batch.reach.round(3).tolist()
    [[1.0, 0.5, 0.5], [1.0, 0.731, 0.269]]
    """

    tree: ExtensiveFormGame
    lam: np.ndarray
    edge_probabilities: np.ndarray
    reach: np.ndarray
    values: np.ndarray
    terminals: np.ndarray

    @property
    def terminal_probabilities(self) -> np.ndarray:
        return self.reach[:, self.terminals]

    @property
    def payoffs(self) -> np.ndarray:
        """Expected payoffs at the root, shape (K, n_players)."""
        return self.values[:, 0, :]

    def action_probabilities(self, node: int) -> np.ndarray:
        """Choice probabilities at ``node``, shape (K, number of actions)."""
        kids = self.tree.children(node)  # consecutive ids: the edges into them
        f = kids[0] if kids else 0
        return self.edge_probabilities[:, f : f + len(kids)]


def _lam_matrix(lam: Any, n_players: int, K: int | None) -> np.ndarray:
    arr = np.asarray(lam, dtype=float)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise InvalidGameError(f"lam must be finite and non-negative; got {lam!r}")
    if arr.ndim == 0:
        return np.full((K or 1, n_players), float(arr))
    if arr.ndim == 1:
        if K is not None and arr.size not in (1, K):
            raise InvalidGameError(f"lam has {arr.size} values but the payoffs have {K} points")
        return np.repeat(arr[:, None], n_players, axis=1) if arr.size != 1 or K is None else np.full((K, n_players), arr[0])
    if arr.ndim == 2 and arr.shape[1] == n_players:
        return arr
    raise InvalidGameError(f"lam must be a number, a (K,) array or a (K, n_players) array; got shape {arr.shape}")


def agent_qre_batch(tree: ExtensiveFormGame, lam: Any, payoffs: Any = None) -> QREBatch:
    """Agent logit QRE of a perfect-information tree at K points at once (closed form).

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree of perfect information.
    lam : float or array_like
        A number, shape (K,), or (K, n_players) (a precision per player, as in
        Signorino's (1999) agent-specific errors).
    payoffs : array_like, optional
        Terminal payoffs of shape (K, n_terminals, n_players) (terminals in
        ``tree.terminals`` order), replacing the tree's own; with it the tree gives only
        the structure.

    Returns
    -------
    QREBatch
        Arrays indexed by point: ``edge_probabilities``, ``reach``, ``values``,
        ``terminal_probabilities``.

    Raises
    ------
    InvalidGameError
        Imperfect information, or arrays of the wrong shape.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1998); Signorino, C. (1999). Strategic interaction and
    the statistical analysis of international conflict. APSR 93.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> gt.agent_qre_batch(t, [0.0, 1.0]).terminal_probabilities.round(4)
    array([[0.5   , 0.25  , 0.25  ],
           [0.3865, 0.165 , 0.4485]])
    """
    require_tree(tree, "agent_qre_batch")
    if not tree.is_perfect_information:
        raise InvalidGameError("agent_qre_batch needs a perfect-information tree; use agent_qre for imperfect information")
    c = tree.compiled
    p = c.n_players
    terms = c.terminals
    if payoffs is None:
        base = np.asarray(c.U[terms], dtype=float)
        K0 = None
        L = _lam_matrix(lam, p, K0)
        K = L.shape[0]
        Uterm = np.broadcast_to(base[None], (K,) + base.shape)
    else:
        Uterm = np.asarray(payoffs, dtype=float)
        if Uterm.ndim == 2:
            Uterm = Uterm[None]
        if Uterm.ndim != 3 or Uterm.shape[1:] != (terms.size, p):
            raise InvalidGameError(
                f"payoffs must have shape (K, {terms.size} terminals, {p} players); got {np.shape(payoffs)}"
            )
        if not np.all(np.isfinite(Uterm)):
            raise InvalidGameError("payoffs have a non-finite entry")
        K = Uterm.shape[0]
        L = _lam_matrix(lam, p, K)
        if L.shape[0] != K:
            if L.shape[0] == 1:
                L = np.repeat(L, K, axis=0)
            else:
                raise InvalidGameError(f"lam has {L.shape[0]} points but payoffs have {K}")
    if Uterm.shape[0] != L.shape[0]:
        Uterm = np.broadcast_to(Uterm, (L.shape[0],) + Uterm.shape[1:])
    K = L.shape[0]
    # node-major layout (n, p, K) keeps each level's gathers contiguous
    V = np.zeros((c.n, p, K))
    V[terms] = np.transpose(Uterm, (1, 2, 0))
    P = np.ones((c.n, K))
    Lt = L.T  # (p, K)
    prob = np.asarray(c.prob, dtype=float)
    is_dec_all = c.kind == DECISION
    for internal, idx, offsets, rep in reversed(c.levels):
        is_dec = is_dec_all[internal]
        mover = np.where(is_dec, c.player[internal], 0)[rep]
        z = V[idx, mover, :] * Lt[mover]
        m = np.maximum.reduceat(z, offsets, axis=0)
        e = np.exp(z - m[rep])
        s = np.add.reduceat(e, offsets, axis=0)
        pr = e / s[rep]
        chance_edge = ~is_dec[rep]
        if chance_edge.any():
            pr[chance_edge] = prob[idx[chance_edge]][:, None]
        P[idx] = pr
        V[internal] = np.add.reduceat(pr[:, None, :] * V[idx], offsets, axis=0)
    R = np.ones((c.n, K))
    for internal, idx, offsets, rep in c.levels:
        R[idx] = R[internal][rep] * P[idx]
    return QREBatch(tree, L, P.T.copy(), R.T.copy(), np.transpose(V, (2, 0, 1)).copy(), terms)


def _batch_to_results(tree: ExtensiveFormGame, batch: QREBatch, lams: Sequence[float]) -> list[TreeEquilibrium]:
    out = []
    c = tree.compiled
    for k, lam in enumerate(lams):
        beh = {}
        for h in tree.infosets:
            v = h.nodes[0]
            f, n = int(c.first[v]), int(c.nch[v])
            beh[h.index] = tuple(float(x) for x in batch.edge_probabilities[k, f : f + n])
        pay = tuple(float(x) for x in batch.values[k, 0])
        out.append(TreeEquilibrium(tree, pay, "agent qre", False, 1e-9, {"lam": lam}, None, beh))
    return out


# ---------------------------------------------------------------------- general trees
class _AgentMap:
    """The agent logit response map of a general tree, on log-probabilities."""

    def __init__(self, tree: ExtensiveFormGame) -> None:
        c = tree.compiled
        self.tree, self.c = tree, c
        self.isets = tree.infosets
        self.sizes = [len(h.actions) for h in self.isets]
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)
        self.iset = tree.infoset_of_node()
        self.U = np.asarray(c.U, dtype=float)
        self.prob = np.asarray(c.prob, dtype=float)
        par = c.parent
        nonroot = np.arange(1, c.n)
        self.dec_child = nonroot[c.kind[par[1:]] == DECISION]
        p = par[self.dec_child]
        # position of each decision edge in the flat behavior vector
        self.edge_pos = self.starts[self.iset[p]] + (self.dec_child - c.first[p])

    def evaluate(self, x: np.ndarray, lam: float) -> np.ndarray:
        c = self.c
        b = np.exp(x)
        edge = self.prob.copy()
        edge[0] = 1.0
        edge[self.dec_child] = b[self.edge_pos]
        reach = np.ones(c.n)
        for internal, idx, offsets, rep in c.levels:
            reach[idx] = reach[internal][rep] * edge[idx]
        V = self.U.copy()
        for internal, idx, offsets, rep in reversed(c.levels):
            V[internal] = np.add.reduceat(edge[idx][:, None] * V[idx], offsets, axis=0)
        out = np.empty_like(x)
        for h in self.isets:
            nodes = list(h.nodes)
            w = reach[nodes]
            if w.sum() <= 0:
                w = np.ones(len(nodes))
            w = w / w.sum()
            k = self.sizes[h.index]
            Q = np.zeros(k)
            for wt, v in zip(w, nodes):
                f = int(c.first[v])
                Q += wt * V[f : f + k, h.player]
            z = lam * Q
            z = z - z.max()
            out[self.starts[h.index] : self.starts[h.index] + k] = z - np.log(np.exp(z).sum())
        return out

    def uniform(self) -> np.ndarray:
        return np.concatenate([np.full(k, -np.log(k)) for k in self.sizes]) if self.sizes else np.zeros(0)

    def to_behavior(self, x: np.ndarray) -> dict[int, tuple]:
        b = np.exp(x)
        return {h.index: tuple(float(v) for v in b[self.starts[h.index] : self.starts[h.index + 1]]) for h in self.isets}


def _trace(amap: _AgentMap, targets: Sequence[float], max_step: float = 0.5, tol: float = 1e-10) -> dict[float, np.ndarray]:
    """Follow the fixed point x = response(x, lam) from lam = 0 through the sorted targets."""
    x = amap.uniform()
    lam = 0.0
    out: dict[float, np.ndarray] = {}
    for target in sorted(set(float(t) for t in targets)):
        step = min(max_step, max(target - lam, 0.0)) or 0.0
        while lam < target:
            nxt = min(target, lam + step)
            # larger steps as the path straightens (lam grows), capped relative to lam
            sol = root(lambda y: y - amap.evaluate(y, nxt), x, method="hybr", options={"xtol": 1e-12})
            resid = np.max(np.abs(sol.x - amap.evaluate(sol.x, nxt))) if sol.x.size else 0.0
            if sol.success and resid < 1e-8:
                x, lam = sol.x, nxt
                step = min(step * 1.5, max(max_step, 0.25 * lam))
            else:
                step /= 2
                if step < 1e-7:
                    raise SolverError(
                        f"agent QRE continuation stalled at lam={lam:.6g} (the logit path may turn back there); "
                        "try agent_qre_path with a finer grid"
                    )
        if x.size:
            sol = root(lambda y: y - amap.evaluate(y, target), x, method="hybr", options={"xtol": 1e-13})
            if sol.success and np.max(np.abs(sol.x - amap.evaluate(sol.x, target))) < 1e-8:
                x = sol.x
        out[target] = x.copy()
    return out


def agent_qre_path(tree: ExtensiveFormGame, lams: Sequence[float]) -> list[TreeEquilibrium]:
    """Agent logit QRE at each lambda in ``lams``, in the given order.

    Perfect information: closed form, all lambdas in one vectorized pass.  Otherwise the
    branch that starts at uniform play (lam = 0) is followed through the sorted lambdas.

    Parameters
    ----------
    tree : ExtensiveFormGame
        Any finite tree.
    lams : sequence of float
        Precisions, each >= 0.

    Returns
    -------
    list of TreeEquilibrium

    Raises
    ------
    InvalidGameError
        A negative or non-finite lambda.

    References
    ----------
    McKelvey, R. & Palfrey, T. (1998). Experimental Economics 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> [round(float(q.payoffs[0]), 4) for q in gt.agent_qre_path(t, [0, 1])]
    [0.0, 0.2835]
    """
    require_tree(tree, "agent_qre_path")
    lam_arr = np.asarray(lams, dtype=float).ravel()
    if lam_arr.size == 0:
        return []
    if not np.all(np.isfinite(lam_arr)) or np.any(lam_arr < 0):
        raise InvalidGameError(f"lambdas must be finite and non-negative; got {list(lams)!r}")
    tree.validate()
    if tree.is_perfect_information:
        return _batch_to_results(tree, agent_qre_batch(tree, lam_arr), [float(l) for l in lam_arr])
    amap = _AgentMap(tree)
    sols = _trace(amap, lam_arr)
    out = []
    for lam in lam_arr:
        x = sols[float(lam)]
        beh = amap.to_behavior(x)
        from ._normal import _profile

        e = _profile(tree, beh, "agent qre", False, {"lam": float(lam)})
        out.append(e)
    return out


def agent_qre(tree: ExtensiveFormGame, lam: float) -> TreeEquilibrium:
    """The agent logit QRE at precision ``lam`` (behavior strategies).

    ``lam = 0`` is uniform play; as lam grows the profile approaches a (sequential, hence
    subgame-perfect) equilibrium.

    Parameters
    ----------
    tree : ExtensiveFormGame
        Any finite tree.
    lam : float
        The precision, >= 0.

    Returns
    -------
    TreeEquilibrium
        ``behavior`` gives player -> information set -> action -> probability (floats).

    Raises
    ------
    InvalidGameError
        A negative or non-finite ``lam``.
    SolverError
        The branch could not be followed (imperfect information).

    References
    ----------
    McKelvey, R. & Palfrey, T. (1998). Quantal response equilibria for extensive form
    games. Experimental Economics 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> gt.agent_qre(t, 0.0).behavior["Defender"]
    {2: {'resist': 0.5, 'concede': 0.5}}
    >>> round(gt.agent_qre(t, 2.0).behavior["Defender"][2]["concede"], 4)
    0.8808
    """
    if isinstance(lam, (bool, np.bool_)) or not isinstance(lam, (int, float, np.integer, np.floating)):
        raise InvalidGameError(f"lam must be a non-negative number; got {lam!r}")
    return agent_qre_path(tree, [float(lam)])[0]
