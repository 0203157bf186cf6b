"""From trees to the normal form and back: reduced normal form, Kuhn's theorem, subgame perfection.

- The normal form of a tree (Kuhn 1953): a pure strategy of player i picks an action at
  each of i's information sets; the payoff of a profile is the expectation over chance.
  The *reduced* normal form merges strategies that differ only at information sets the
  player's own earlier moves exclude (labelled "*"); Osborne & Rubinstein (1994), 6.1.
- Kuhn (1953): with perfect recall every mixed strategy has an outcome-equivalent behavior
  strategy and conversely: ``behavior_to_mixed`` / ``mixed_to_behavior``.
- Subgame perfection (Selten 1965, 1975): ``subgame_perfect_equilibria`` finds the proper
  subgames, solves the smallest ones with the normal-form engine (``gametheory.solve``),
  replaces each by its equilibrium payoffs and proceeds upward, enumerating every
  combination of subgame equilibria.
- ``non_credible_threats``: pure Nash equilibria of the reduced normal form that no
  subgame-perfect profile supports, with the off-path node and action that is not a best reply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from ..equilibrium import Equilibria
from ..errors import InvalidGameError, InvalidProfileError, SolverError
from ._tree import CHANCE, DECISION, TERMINAL, require_tree
from ._result import TreeEquilibrium
from ..normal_form import NormalFormGame

if TYPE_CHECKING:
    from ._game import ExtensiveFormGame

__all__ = [
    "to_normal_form",
    "behavior_to_mixed",
    "mixed_to_behavior",
    "subgame_perfect_equilibria",
    "subgame_roots",
    "non_credible_threats",
    "NonCredibleThreat",
]

UNREACHED = -1


# ---------------------------------------------------------------------- normal form of a (truncated) subtree
@dataclass
class _NFData:
    """A normal form with the map back to the tree: each strategy as a choice per information set."""

    game: NormalFormGame
    players: list[int]  # tree player index of each normal-form player
    infosets: list[list[int]]  # per normal-form player: the tree information sets, in tree order
    strategies: list[list[tuple[int, ...]]]  # per player: choice (action index or UNREACHED) per infoset
    hist: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # infoset -> own history


def _walk(tree: ExtensiveFormGame, root: int, cut: Mapping[int, tuple]) -> tuple:
    """Leaves (terminals or cut nodes) below ``root``: payoff, chance weight, per-player own moves;
    and every decision node's own history (the mover's earlier (infoset, action) pairs)."""
    c = tree.compiled
    iset = tree.infoset_of_node()
    exact = tree.exact
    one = Fraction(1) if exact else 1.0
    leaves, pays, weights, hists = [], [], [], []
    node_hist: dict[int, tuple] = {}
    order: list[int] = []  # decision nodes in tree order
    n = tree.n_players
    stack = [(int(root), one, tuple(() for _ in range(n)))]
    while stack:
        v, w, h = stack.pop()
        if v in cut or c.kind[v] == TERMINAL:
            leaves.append(v)
            pays.append(tuple(cut[v]) if v in cut else tree.payoffs(v))
            weights.append(w)
            hists.append(h)
            continue
        f, k = int(c.first[v]), int(c.nch[v])
        if c.kind[v] == CHANCE:
            for j in range(k - 1, -1, -1):
                p = c.prob[f + j]
                stack.append((f + j, w * (p if exact else float(p)), h))
        else:
            i = int(c.player[v])
            node_hist[v] = h[i]
            order.append(v)
            for j in range(k - 1, -1, -1):
                hh = list(h)
                hh[i] = h[i] + ((int(iset[v]), j),)
                stack.append((f + j, w, tuple(hh)))
    return leaves, pays, weights, hists, node_hist, order


def _strategy_label(tree: ExtensiveFormGame, isets: list[int], s: tuple[int, ...]) -> str:
    if not isets:
        return "(no move)"
    return "/".join("*" if a == UNREACHED else tree.infosets[h].actions[a] for h, a in zip(isets, s))


def _normal_form_data(
    tree: ExtensiveFormGame,
    root: int = 0,
    cut: Mapping[int, tuple] | None = None,
    reduced: bool = True,
    max_strategies: int = 100_000,
    movers_only: bool = False,
    with_payoffs: bool = True,
) -> _NFData:
    cut = dict(cut or {})
    c = tree.compiled
    iset = tree.infoset_of_node()
    leaves, pays, weights, hists, node_hist, order = _walk(tree, root, cut)
    n = tree.n_players
    isets: list[list[int]] = [[] for _ in range(n)]
    seen: set[int] = set()
    for v in order:
        h = int(iset[v])
        if h not in seen:
            seen.add(h)
            isets[int(c.player[v])].append(h)
    players = [i for i in range(n) if isets[i]] if movers_only else list(range(n))
    perfect_recall = tree.has_perfect_recall()
    strategies: list[list[tuple[int, ...]]] = []
    for i in players:
        hs = isets[i]
        sizes = [len(tree.infosets[h].actions) for h in hs]
        node_hists = {h: [node_hist[v] for v in tree.infosets[h].nodes if v in node_hist] for h in hs}
        if reduced and perfect_recall:
            strategies.append(_reduced_strategies(hs, sizes, {h: node_hists[h][0] for h in hs}, max_strategies, tree.players[i]))
        else:
            total = int(np.prod(sizes, dtype=object)) if sizes else 1
            if total > max_strategies:
                raise SolverError(
                    f"player {tree.players[i]!r} has {total} pure strategies (more than max_strategies={max_strategies})"
                )
            strats = list(product(*[range(m) for m in sizes]))
            if reduced:
                keyed: dict[tuple, None] = {}
                for s in strats:
                    choice = dict(zip(hs, s))
                    key = tuple(
                        a if any(all(choice[g] == b for g, b in hx) for hx in node_hists[h]) else UNREACHED
                        for h, a in zip(hs, s)
                    )
                    keyed.setdefault(key, None)
                strats = list(keyed)
            strategies.append([tuple(s) for s in strats])
    hist = {}
    for i in players:
        for h in isets[i]:
            v = tree.infosets[h].nodes[0]
            hist[h] = node_hist.get(v, tree.own_history(v))
    if not with_payoffs:
        return _NFData(None, players, [isets[i] for i in players], strategies, hist)  # type: ignore[arg-type]
    # realization: R_i[s, z] = 1 when s makes every own move on the path to z
    Z = len(leaves)
    shape = tuple(len(s) for s in strategies)
    cells = int(np.prod(shape, dtype=object)) * Z
    if cells > 50_000_000:
        raise SolverError(f"the normal form has {int(np.prod(shape, dtype=object))} profiles over {Z} outcomes; too large to build")
    tensor = np.ones(shape + (Z,), dtype=bool)
    for a, i in enumerate(players):
        pos = {h: k for k, h in enumerate(isets[i])}
        R = np.array([[all(s[pos[h]] == b for h, b in hists[z][i]) for z in range(Z)] for s in strategies[a]], dtype=bool)
        idx = [None] * len(players) + [slice(None)]
        idx[a] = slice(None)
        tensor &= R[tuple(idx)]
    flat = tensor.reshape(-1, Z)
    arrays = []
    for i in range(n):
        if tree.exact:
            arr = _exact_matvec(flat, [Fraction(w) * Fraction(p[i]) for w, p in zip(weights, pays)])
        else:
            vec = np.array([float(w) * float(p[i]) for w, p in zip(weights, pays)], dtype=float)
            arr = flat.astype(float) @ vec
        arrays.append(arr.reshape(shape))
    labels = []
    for a, i in enumerate(players):
        labs = [_strategy_label(tree, isets[i], s) for s in strategies[a]]
        if len(set(labs)) != len(labs):
            labs = [f"{k + 1}:{lab}" for k, lab in enumerate(labs)]
        labels.append(labs)
    if not players:
        raise InvalidGameError("the subtree has no decision nodes")
    arrays = [arrays[i] for i in players]
    game = NormalFormGame(
        arrays,
        player_labels=[tree.players[i] for i in players],
        strategy_labels=labels,
        exact=tree.exact,
        tol=None if tree.exact else [tree.tols[i] for i in players],  # the tree's, not the subgame's, scale
        title=tree.title,
    )
    return _NFData(game, players, [isets[i] for i in players], strategies, hist)


def _exact_matvec(flat: np.ndarray, vec: list) -> np.ndarray:
    """0/1 matrix times a Fraction vector, exactly: scaled to int64 when it fits (Fractions as a fallback)."""
    den = 1
    for x in vec:
        den = math.lcm(den, x.denominator)
    ints = [int(x * den) for x in vec]
    out = np.empty(flat.shape[0], dtype=object)
    if not vec:
        out[:] = Fraction(0)
        return out
    if sum(abs(v) for v in ints) < 2**62:
        sums = flat.astype(np.int64) @ np.array(ints, dtype=np.int64)
        out[:] = [Fraction(int(v), den) for v in sums]
        return out
    obj = np.array(vec, dtype=object)
    out[:] = list(flat.astype(object).dot(obj))
    return out


def _reduced_strategies(hs: list[int], sizes: list[int], hist: dict, max_strategies: int, who: str) -> list[tuple]:
    """Reduced strategies under perfect recall: branch only at information sets that the
    player's own earlier choices (the information set's own history) leave reachable."""
    out: list[tuple] = []
    pos = {h: k for k, h in enumerate(hs)}

    def rec(k: int, cur: list[int]) -> None:
        if len(out) > max_strategies:
            raise SolverError(f"player {who!r} has more than max_strategies={max_strategies} reduced strategies")
        if k == len(hs):
            out.append(tuple(cur))
            return
        h = hs[k]
        if all(g in pos and cur[pos[g]] == b for g, b in hist[h]):
            for a in range(sizes[k]):
                cur.append(a)
                rec(k + 1, cur)
                cur.pop()
        else:
            cur.append(UNREACHED)
            rec(k + 1, cur)
            cur.pop()

    rec(0, [])
    return out


def to_normal_form(tree: ExtensiveFormGame, reduced: bool = True, max_strategies: int = 100_000) -> NormalFormGame:
    """The (reduced) normal form of a tree.

    Strategy labels are "action/action/..." in tree order of the player's information
    sets ("*" where the reduced strategy leaves one unspecified).

    Parameters
    ----------
    tree : ExtensiveFormGame
        Any finite tree.
    reduced : bool
        Merge strategies that differ only at information sets their own moves exclude.
    max_strategies : int
        Refuse a player with more pure strategies than this.

    Returns
    -------
    NormalFormGame
        Expected payoffs (chance averaged); exact for exact trees.

    Raises
    ------
    SolverError
        A player with more than ``max_strategies`` strategies.

    References
    ----------
    Kuhn, H. W. (1953); Osborne, M. & Rubinstein, A. (1994). A Course in Game Theory,
    section 6.1.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> nf = gt.extensive.to_normal_form(t)
    >>> nf.strategy_labels
    (('status quo', 'challenge'), ('resist', 'concede'))
    >>> [eq.payoffs for eq in gt.pure_equilibria(nf)]
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))]
    """
    _check_tree(tree, "to_normal_form")
    return _normal_form_data(tree, reduced=reduced, max_strategies=max_strategies).game


def _check_tree(tree: Any, who: str) -> None:
    require_tree(tree, who)
    tree.validate()


# ---------------------------------------------------------------------- Kuhn's theorem
def _behavior_by_index(tree: ExtensiveFormGame, profile: Any) -> dict[int, tuple]:
    """Normalize a behavior profile (TreeEquilibrium, or player -> infoset key -> action / {action: p})."""
    if isinstance(profile, TreeEquilibrium):
        return {h.index: profile.infoset_probs(h.index) for h in tree.infosets}
    if not isinstance(profile, Mapping):
        raise InvalidProfileError("a behavior profile is a dict player -> {information set: action or {action: probability}}")
    out: dict[int, tuple] = {}
    exact = True
    raw: dict[int, list] = {}
    for h in tree.infosets:
        pl = tree.players[h.player]
        strat = profile.get(pl, profile.get(h.player))
        if strat is None or h.key not in strat:
            raise InvalidProfileError(f"the behavior profile gives no choice for {pl!r} at information set {h.key!r}")
        b = strat[h.key]
        if isinstance(b, str):
            if b not in h.actions:
                raise InvalidProfileError(f"{b!r} is not an action at information set {h.key!r}; actions {list(h.actions)}")
            raw[h.index] = [1 if a == b else 0 for a in h.actions]
            continue
        if isinstance(b, Mapping):
            unknown = [a for a in b if a not in h.actions]
            if unknown:
                raise InvalidProfileError(f"unknown action(s) {unknown} at information set {h.key!r}")
            vec = [b.get(a, 0) for a in h.actions]
        else:
            vec = list(b)
            if len(vec) != len(h.actions):
                raise InvalidProfileError(f"information set {h.key!r} has {len(h.actions)} actions; got {len(vec)} probabilities")
        raw[h.index] = vec
    for k, vec in raw.items():
        for x in vec:
            if isinstance(x, (bool, str)) or not isinstance(x, (int, float, Fraction, np.integer, np.floating)):
                raise InvalidProfileError(f"probability {x!r} at information set {tree.infosets[k].key!r} is not a number")
        if not all(isinstance(x, (int, Fraction, np.integer)) for x in vec):
            exact = False
    for k, vec in raw.items():
        v = [Fraction(int(x)) if isinstance(x, (int, np.integer)) else x for x in vec] if exact else [float(x) for x in vec]
        if any(x < 0 for x in v):
            raise InvalidProfileError(f"negative probability at information set {tree.infosets[k].key!r}: {v}")
        s = sum(v)
        if (s != 1) if exact else abs(s - 1) > 1e-9:
            raise InvalidProfileError(f"probabilities at information set {tree.infosets[k].key!r} sum to {s}, not 1")
        out[k] = tuple(v)
    return out


#: the behavior-profile parser, for the other modules of this package
behavior_by_index = _behavior_by_index


def behavior_to_mixed(tree: ExtensiveFormGame, profile: Any, reduced: bool = True) -> list[tuple]:
    """The mixed strategies equivalent to a behavior profile.

    Mixed over ``tree.to_normal_form(reduced)``'s strategies: P(s) = product over the
    information sets s specifies of the probability of s's action there.  Needs perfect
    recall.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with perfect recall.
    profile
        Behavior strategies, player -> information set -> action -> probability (as
        ``TreeEquilibrium.behavior``).
    reduced : bool
        Over the reduced normal form (default) or the full one.

    Returns
    -------
    list of tuple
        One probability vector per player.

    Raises
    ------
    InvalidGameError
        The tree lacks perfect recall or the profile does not fit it.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> eq = gt.backward_induction(t)[0]
    >>> gt.behavior_to_mixed(t, eq.behavior)
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))]
    """
    _check_tree(tree, "behavior_to_mixed")
    tree.check_perfect_recall()
    beh = _behavior_by_index(tree, profile)
    data = _normal_form_data(tree, reduced=reduced, with_payoffs=False)
    out = []
    for a, _ in enumerate(data.players):
        vec = []
        for s in data.strategies[a]:
            p: Any = 1
            for h, act in zip(data.infosets[a], s):
                if act != UNREACHED:
                    p = p * beh[h][act]
            vec.append(Fraction(p) if isinstance(p, int) else p)
        out.append(tuple(vec))
    return out


def _mixed_to_behavior_idx(data: _NFData, mixed: Sequence[Sequence[Any]], exact: bool) -> dict[int, tuple]:
    """Per information set h: (P(own strategy reaches h), {action: P(reaches h and plays it)})."""
    out: dict[int, tuple] = {}
    zero = Fraction(0) if exact else 0.0
    for a, _ in enumerate(data.players):
        hs = data.infosets[a]
        pos = {h: k for k, h in enumerate(hs)}
        for k, h in enumerate(hs):
            num: dict[int, Any] = {}
            den = zero
            for s, p in zip(data.strategies[a], mixed[a]):
                if p == 0 or s[k] == UNREACHED:
                    continue
                if all(s[pos[g]] == b for g, b in data.hist[h]):
                    num[s[k]] = num.get(s[k], zero) + p
                    den += p
            out[h] = (den, num)
    return out


def mixed_to_behavior(tree: ExtensiveFormGame, mixed: Any, reduced: bool = True) -> TreeEquilibrium:
    """The behavior profile outcome-equivalent to a mixed profile.

    At an information set the player's own strategy never reaches, the behavior is not
    determined; the uniform distribution is used and the set is listed in
    ``params["arbitrary_infosets"]``.  Needs perfect recall.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with perfect recall.
    mixed : sequence
        One probability vector per player over ``tree.to_normal_form(reduced)``'s strategies.
    reduced : bool
        Whether ``mixed`` is over the reduced normal form (default).

    Returns
    -------
    TreeEquilibrium
        With ``behavior`` and the outcome of the profile.

    Raises
    ------
    InvalidGameError
        The tree lacks perfect recall or the profile does not fit it.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> gt.mixed_to_behavior(t, [[0, 1], [0, 1]]).behavior["Defender"]
    {2: {'resist': Fraction(0, 1), 'concede': Fraction(1, 1)}}
    """
    _check_tree(tree, "mixed_to_behavior")
    tree.check_perfect_recall()
    data = _normal_form_data(tree, reduced=reduced)
    strategies = mixed.strategies if hasattr(mixed, "strategies") else mixed
    prof = data.game.check_profile([list(s) for s in strategies])
    exact = tree.exact and all(v.dtype == object for v in prof)
    beh, arbitrary = _behavior_from_mixed(tree, data, prof, exact)
    return _profile(tree, beh, "mixed_to_behavior", exact, {"arbitrary_infosets": [tree.infosets[h].key for h in arbitrary]})


def _behavior_from_mixed(tree: ExtensiveFormGame, data: _NFData, prof: Sequence[Sequence[Any]], exact: bool) -> tuple[dict, list]:
    raw = _mixed_to_behavior_idx(data, prof, exact)
    beh: dict[int, tuple] = {}
    arbitrary = []
    for h, (den, num) in raw.items():
        m = len(tree.infosets[h].actions)
        if den == 0:
            arbitrary.append(h)
            beh[h] = tuple(Fraction(1, m) if exact else 1.0 / m for _ in range(m))
        else:
            beh[h] = tuple((num.get(j, 0) / den) if exact else float(num.get(j, 0)) / float(den) for j in range(m))
            if exact:
                beh[h] = tuple(Fraction(x) for x in beh[h])
    return beh, arbitrary


def _profile(tree: ExtensiveFormGame, beh: dict[int, tuple], method: str, exact: bool, params: dict) -> TreeEquilibrium:
    """A TreeEquilibrium for a behavior profile, with its expected payoffs."""
    c = tree.compiled
    tmp = TreeEquilibrium(tree, (), method, exact, 0.0 if exact else tree.tol or 1e-9, params, None, beh)
    reach = tmp.reach
    pays = []
    for i in range(tree.n_players):
        if exact:
            pays.append(sum((Fraction(reach[z]) * Fraction(c.U[z, i]) for z in c.terminals.tolist()), Fraction(0)))
        else:
            pays.append(float(sum(float(reach[z]) * float(c.U[z, i]) for z in c.terminals.tolist())))
    return TreeEquilibrium(tree, tuple(pays), method, exact, tmp.tol, params, None, beh)


# ---------------------------------------------------------------------- subgames and subgame perfection
def subgame_roots(tree: ExtensiveFormGame) -> list[int]:
    """Roots of the proper subgames (and the root), in tree order.

    A proper subgame starts at a non-terminal node x that is alone in its information set
    and such that every information set meeting x's subtree lies inside it.

    Parameters
    ----------
    tree : ExtensiveFormGame
        Any finite tree.

    Returns
    -------
    list of int
        Node ids.

    References
    ----------
    Selten, R. (1965).

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> gt.extensive.subgame_roots(t)
    [0, 2]
    """
    _check_tree(tree, "subgame_roots")
    c = tree.compiled
    pre = tree.preorder()
    rank = np.empty(c.n, dtype=np.int64)
    rank[pre] = np.arange(c.n)
    size = np.ones(c.n, dtype=np.int64)
    for v in reversed(pre):
        if c.parent[v] >= 0:
            size[c.parent[v]] += size[v]
    return [int(v) for v in pre if c.kind[v] != TERMINAL and not _straddles(tree, int(v), rank, size)]


def _straddles(tree: ExtensiveFormGame, v: int, rank: np.ndarray, size: np.ndarray) -> bool:
    lo, hi = rank[v], rank[v] + size[v]
    for h in tree.infosets:
        if len(h.nodes) < 2:
            continue
        inside = [lo <= rank[u] < hi for u in h.nodes]
        if any(inside) and not all(inside):
            return True
    return False


def subgame_perfect_equilibria(
    tree: ExtensiveFormGame, method: str = "auto", limit: int | None = 10_000, **options: Any
) -> Equilibria:
    """Subgame-perfect equilibria in behavior strategies (Selten 1965, 1975).

    Perfect-information trees: all pure SPE by :func:`backward_induction`.  Otherwise the
    proper subgames are solved bottom-up: each smallest unsolved subgame, with the subgames
    below it replaced by their equilibrium payoffs, becomes a normal form (reduced) solved by
    ``gametheory.solve(game, method=method, **options)`` (all equilibria for "auto" with two
    movers; the extreme equilibria when they form a continuum); a subgame where one player
    moves contributes her optimal pure plans.  Every combination of subgame equilibria is
    composed, so the list is all SPE the normal-form method returns.  Needs perfect recall.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with perfect recall.
    method : str
        The :func:`gametheory.solve` method for each subgame's normal form.
    limit : int or None
        Caps the number of combinations.
    **options
        Passed to :func:`gametheory.solve`.

    Returns
    -------
    Equilibria of TreeEquilibrium
        A list, ``complete`` when every subgame's solve was; each has

    Raises
    ------
    InvalidGameError
        The tree lacks perfect recall.
    SolverError
        More than ``limit`` combinations.

    References
    ----------
    Selten, R. (1965); Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. IJGT 4.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> [eq.payoffs for eq in gt.subgame_perfect_equilibria(t)]
    [(Fraction(1, 1), Fraction(0, 1))]
    """
    _check_tree(tree, "subgame_perfect_equilibria")
    if tree.is_perfect_information:
        from ._backward import backward_induction

        spe = backward_induction(tree, limit=limit)
        return Equilibria(
            (
                TreeEquilibrium(e.game, e.payoffs, "subgame perfection (backward induction)", e.exact, e.tol, e.params, e.choice)
                for e in spe
            ),
            game=tree, method="subgame perfection (backward induction)", complete=spe.complete,
        )
    tree.check_perfect_recall()
    from ..solvers.dispatch import solve

    roots = subgame_roots(tree)
    below = _subgames_below(tree, roots)
    sols: dict[int, list[tuple[dict[int, tuple], tuple, list[int]]]] = {}
    incomplete: list[int] = []  # subgames whose normal-form solve was not complete
    for r in reversed(roots):  # descendants before ancestors
        kids = below[r]
        combos_n = 1
        for u in kids:
            combos_n *= len(sols[u])
        if limit is not None and combos_n > limit:
            raise SolverError(
                f"the subgame at node {r} has {combos_n} combinations of subgame equilibria below it (more than limit={limit})"
            )
        out = []
        for combo in product(*[sols[u] for u in kids]):
            cut = {u: s[1] for u, s in zip(kids, combo)}
            beh0: dict[int, tuple] = {}
            arb0: list[int] = []
            for s in combo:
                beh0.update(s[0])
                arb0.extend(s[2])
            for beh, pay, arb in _solve_truncated(tree, r, cut, solve, method, options, incomplete):
                merged = dict(beh0)
                merged.update(beh)
                out.append((merged, pay, arb0 + arb))
        if limit is not None and len(out) > limit:
            raise SolverError(f"more than limit={limit} subgame-perfect equilibria in the subgame at node {r}")
        for u in kids:
            del sols[u]
        sols[r] = out
    results = []
    for beh, pay, arb in sols[0]:
        exact = tree.exact and all(isinstance(x, Fraction) for probs in beh.values() for x in probs)
        e = _profile(tree, beh, "subgame perfection", exact, {"arbitrary_infosets": [tree.infosets[h].key for h in arb], "solver": method})
        results.append(e)
    return Equilibria(results, game=tree, method="subgame perfection", complete=not incomplete, params={"solver": method})


def _subgames_below(tree: ExtensiveFormGame, roots: list[int]) -> dict[int, list[int]]:
    """The nearest proper-subgame roots strictly below each root."""
    c = tree.compiled
    root_set = set(roots)
    below: dict[int, list[int]] = {r: [] for r in roots}
    for r in roots:
        stack = [int(c.first[r]) + j for j in range(int(c.nch[r]))]
        while stack:
            u = stack.pop()
            if u in root_set:
                below[r].append(u)
                continue
            stack.extend(int(c.first[u]) + j for j in range(int(c.nch[u])))
    return below


def _solve_truncated(
    tree: ExtensiveFormGame, r: int, cut: dict, solve: Any, method: str, options: dict, incomplete: list | None = None
) -> list[tuple]:
    """Equilibria of the subgame at r with the solved subgames in ``cut`` replaced by payoffs."""
    exact = tree.exact
    # does anyone move here?
    leaves, pays, weights, _, node_hist, order = _walk(tree, r, cut)
    if not order:
        zero = Fraction(0) if exact else 0.0
        pay = tuple(sum((w * p[i] for w, p in zip(weights, pays)), zero) for i in range(tree.n_players))
        return [({}, pay, [])]
    data = _normal_form_data(tree, root=r, cut=cut, reduced=True, movers_only=True)
    g = data.game
    if g.n_players == 1:
        u = g.payoffs[0]
        best = max(u.tolist())
        tol = 0 if g.exact else g.tols[0]
        eqs = [[[1 if j == k else 0 for j in range(g.shape[0])]] for k in range(g.shape[0]) if u[k] >= best - tol]
        profiles = [[np.array([Fraction(x) for x in e[0]], dtype=object) if g.exact else np.array(e[0], dtype=float)] for e in eqs]
    else:
        found = solve(g, method=method, **options)
        if incomplete is not None and not found.complete:
            incomplete.append(r)
        profiles = [g.check_profile([list(s) for s in e.strategies]) for e in found]
        if not profiles:
            raise SolverError(f"the normal-form solver ({method!r}) returned no equilibrium for the subgame at node {r}")
    out = []
    for prof in profiles:
        ex = exact and all(v.dtype == object for v in prof)
        beh, arb = _behavior_from_mixed(tree, data, prof, ex)
        pay = _expected_in_subgame(tree, r, cut, beh, ex)
        out.append((beh, pay, arb))
    return out


def _expected_in_subgame(tree: ExtensiveFormGame, r: int, cut: dict, beh: dict, exact: bool) -> tuple:
    """Expected payoffs of every player from node r under behavior ``beh`` (cut nodes as leaves)."""
    c = tree.compiled
    iset = tree.infoset_of_node()
    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    total = [zero] * tree.n_players
    stack = [(int(r), one)]
    while stack:
        v, w = stack.pop()
        if w == 0:
            continue
        if v in cut or c.kind[v] == TERMINAL:
            p = cut[v] if v in cut else tree.payoffs(v)
            for i in range(tree.n_players):
                total[i] += w * (p[i] if exact else float(p[i]))
            continue
        f, k = int(c.first[v]), int(c.nch[v])
        if c.kind[v] == CHANCE:
            probs = [c.prob[f + j] if exact else float(c.prob[f + j]) for j in range(k)]
        else:
            probs = beh[int(iset[v])]
        for j in range(k):
            stack.append((f + j, w * probs[j]))
    return tuple(total)


# ---------------------------------------------------------------------- non-credible threats
@dataclass(frozen=True)
class NonCredibleThreat:
    """A pure Nash equilibrium that no subgame-perfect profile supports, and why.

    Attributes
    ----------
    equilibrium : Equilibrium
        The Nash equilibrium of the reduced normal form.
    strategy : dict
        player -> information set -> action (reduced: own-excluded sets omitted).
    threats : list of dict
        Each with the off-path ``node`` (perfect information: the decision node; otherwise
        the root of the deepest subgame where the profile is not a Nash equilibrium), the
        ``player``, the ``infoset`` key, the ``action`` the profile prescribes there, the
        ``best_actions`` (best replies) and the ``loss`` from carrying out the threat.
    path, outcome
        Of the equilibrium.
    payoffs : tuple
        The equilibrium payoffs.

    References
    ----------
    Selten, R. (1965, 1975); Gibbons, R. (1992). Game Theory for Applied Economists, 2.1.

    Examples
    --------
    See :func:`non_credible_threats`.

    >>> import gametheory as gt
    >>> t = gt.complete_tree(2, 2, [[0, 1], [0, 1], [-1, -1], [1, 0]])
    >>> threat = gt.non_credible_threats(t)[0].threats[0]
    >>> threat["action"], threat["best_actions"], threat["loss"]
    ('a1', ['a2'], Fraction(1, 1))
    """

    equilibrium: Any
    strategy: dict
    threats: list
    path: list
    outcome: Any
    payoffs: tuple

    def __repr__(self) -> str:
        t = "; ".join(f"{d['player']} would play {d['action']!r} at node {d['node']} (best: {d['best_actions']})" for d in self.threats)
        return f"NonCredibleThreat(path={self.path!r}, outcome={self.outcome!r}, threats=[{t}])"


def non_credible_threats(tree: ExtensiveFormGame, max_strategies: int = 100_000, limit: int = 10_000) -> list[NonCredibleThreat]:
    """The pure Nash equilibria of the reduced normal form that are not subgame perfect, each
    with the non-credible threat that props it up.

    A reduced profile leaves the information sets a player's own moves exclude unspecified;
    it counts as subgame perfect when some completion of it is.  Perfect information (chance
    allowed): each threat is an off-path decision node whose prescribed action is not a best
    reply whatever subgame-perfect continuation follows (exact, by backward induction over
    the sets of continuation payoffs).  Imperfect information (perfect recall): the completions
    (at most ``limit``) are checked subgame by subgame; each threat names the deepest proper
    subgame (``node`` = its root) where the profile is not a Nash equilibrium, the player, the
    information set and action she would not carry out, and her best deviation there.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree with perfect recall.
    max_strategies : int
        Largest reduced normal form built.
    limit : int
        Largest number of completions checked (imperfect information).

    Returns
    -------
    list of NonCredibleThreat

    Raises
    ------
    SolverError
        The normal form or the completions exceed their bounds.

    References
    ----------
    Selten, R. (1965, 1975); Gibbons, R. (1992). Game Theory for Applied Economists,
    2.1 and 2.4.

    Examples
    --------
    The defender's threat to resist deters the challenge in a Nash equilibrium, but it
    is not credible:

    >>> import gametheory as gt
    >>> t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    >>> sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    >>> _ = t.terminal(sq, payoffs=[0, 1], label="SQ")
    >>> resist, concede = t.decision(ch, player="Defender", actions=["resist", "concede"])
    >>> _ = t.terminal(resist, payoffs=[-1, -1], label="war")
    >>> _ = t.terminal(concede, payoffs=[1, 0], label="concession")
    >>> nct = gt.non_credible_threats(t)
    >>> nct[0].outcome
    'SQ'
    >>> nct[0].threats[0]["action"], nct[0].threats[0]["best_actions"]
    ('resist', ['concede'])
    """
    _check_tree(tree, "non_credible_threats")
    from ..solvers.pure import pure_equilibria

    perfect = tree.is_perfect_information
    if not perfect:
        tree.check_perfect_recall()
    data = _normal_form_data(tree, reduced=True, max_strategies=max_strategies)
    g = data.game
    one, zero = (Fraction(1), Fraction(0)) if tree.exact else (1.0, 0.0)
    cache: dict = {}  # subgame normal forms and per-subgame verdicts, shared by all equilibria
    out = []
    for eq in pure_equilibria(g, limit=None):
        prof = eq.pure_profile
        spec_h: dict[int, int] = {}
        for a, _ in enumerate(data.players):
            for h, act in zip(data.infosets[a], data.strategies[a][prof[a]]):
                if act != UNREACHED:
                    spec_h[h] = act
        if perfect:
            threats = _threats(tree, {tree.infosets[h].nodes[0]: act for h, act in spec_h.items()})
        else:
            threats = _threats_imperfect(tree, spec_h, max_strategies, limit, cache)
        if not threats:
            continue
        # information sets the profile leaves open are off the path: any action serves for path and outcome
        beh = {
            h.index: tuple(one if j == spec_h.get(h.index, 0) else zero for j in range(len(h.actions))) for h in tree.infosets
        }
        view = TreeEquilibrium(tree, eq.payoffs, "nash", tree.exact, tree.tol, {}, None, beh)
        strategy: dict[str, dict] = {p: {} for p in tree.players}
        for h, act in spec_h.items():
            info = tree.infosets[h]
            strategy[tree.players[info.player]][info.key] = info.actions[act]
        out.append(NonCredibleThreat(eq, strategy, threats, view.path, view.outcome, eq.payoffs))
    return out


def _threats_imperfect(
    tree: ExtensiveFormGame, spec_h: dict[int, int], max_strategies: int, limit: int, cache: dict
) -> list[dict]:
    """Check every completion of a reduced pure profile subgame by subgame; [] if one is subgame
    perfect, else the failures of the completion with the fewest, at the deepest subgames."""
    c = tree.compiled
    if "sub" not in cache:
        roots = [r for r in subgame_roots(tree) if any(c.kind[v] == DECISION for v in tree.preorder(r))]
        cache["sub"] = {
            r: _normal_form_data(tree, root=r, reduced=False, max_strategies=max_strategies, movers_only=True) for r in roots
        }
        cache["index"] = {r: [{st: k for k, st in enumerate(d.strategies[a])} for a in range(len(d.players))] for r, d in cache["sub"].items()}
        cache["verdict"] = {}
    sub, index, verdict = cache["sub"], cache["index"], cache["verdict"]
    free = [h.index for h in tree.infosets if h.index not in spec_h]
    sizes = [len(tree.infosets[h].actions) for h in free]
    total = int(np.prod(sizes, dtype=object)) if sizes else 1
    if total > limit:
        raise SolverError(f"a Nash equilibrium leaves {len(free)} information sets open: {total} completions (more than limit={limit})")
    tols = tree.tols  # each player's gain against its own tolerance (all 0 when exact)
    best_fails: list | None = None
    best_key: tuple = ()
    best_full: dict = {}
    for comp in product(*[range(m) for m in sizes]):
        full = dict(spec_h)
        full.update(zip(free, comp))
        fails = []
        for r, data in sub.items():
            prof = tuple(index[r][a][tuple(full[h] for h in data.infosets[a])] for a in range(len(data.players)))
            if (r, prof) not in verdict:
                found = []
                for a, i in enumerate(data.players):
                    idx = list(prof)
                    idx[a] = slice(None)
                    dev = data.game.payoffs[a][tuple(idx)]
                    k = max(range(len(dev)), key=lambda j: dev[j])
                    gain = dev[k] - dev[prof[a]]
                    if gain > tols[i]:
                        found.append((r, data, a, i, k, gain))
                verdict[(r, prof)] = found
            fails.extend(verdict[(r, prof)])
        if not fails:
            return []
        # prefer completions whose open information sets are best replies, so that what fails
        # is an action the profile itself prescribes (the threat), not an arbitrary completion
        free_only = sum(
            1
            for r, data, a, i, k, gain in fails
            if all(h not in spec_h or spec_h[h] == b for h, b in zip(data.infosets[a], data.strategies[a][k]))
        )
        key = (free_only, len(fails))
        if best_fails is None or key < best_key:
            best_fails, best_key, best_full = fails, key, full
    assert best_fails is not None
    if _mixed_completion_is_spe(tree, spec_h, limit, cache):
        return []
    failing = {f[0] for f in best_fails}

    def has_failing_below(r: int) -> bool:
        return any(u != r and u in failing for u in tree.preorder(r))

    threats: list[dict] = []
    for prescribed_only in (True, False):
        for r, data, a, i, k, gain in best_fails:
            if has_failing_below(r):
                continue
            for h, b in zip(data.infosets[a], data.strategies[a][k]):
                info = tree.infosets[h]
                full_act = spec_h.get(h) if prescribed_only else best_full[h]
                if full_act is None or full_act == b:
                    continue
                threats.append(
                    {
                        "node": r,
                        "player": tree.players[i],
                        "infoset": info.key,
                        "action": info.actions[full_act],
                        "best_actions": [info.actions[b]],
                        "loss": gain,
                    }
                )
        if threats:
            break
    return threats


def _mixed_completion_is_spe(tree: ExtensiveFormGame, spec_h: dict[int, int], limit: int, cache: dict) -> bool:
    """Whether some subgame-perfect equilibrium, mixed at the open information sets, has the
    reduced pure profile ``spec_h`` as its image.

    A behavior profile has image ``spec_h`` iff it plays ``spec_h`` at every specified set (the
    open ones are exactly those the owner's own specified moves exclude).  Say player i is
    *pinned* in the subgame at r when her specified moves above r lead to r: then all her sets
    in that subgame that are open are excluded by her own moves inside it, and her strategy in
    the subgame's reduced normal form must be the pure strategy ``spec_h`` names; otherwise every
    set of hers in the subgame is open and her strategy there is free.  A profile is subgame
    perfect iff, bottom-up, each subgame truncated at the subgames below (replaced by their
    equilibrium values) is in equilibrium (Selten 1965).  So, bottom-up, we keep the value
    vectors of the equilibria of each truncated subgame whose pinned players play their pure
    strategy, over every combination of the values kept below; the profile is supported iff
    the root keeps one.

    Why the engine's extreme equilibria suffice for the pin (two movers): the equilibria of a
    bimatrix game are the union of its maximal Nash subsets C1 x C2, C1 and C2 polytopes whose
    vertex pairs are the extreme equilibria vertex enumeration lists (Avis et al. 2010).  A
    pure strategy s is a vertex of the simplex, so s lies in C1 only as one of C1's vertices:
    an equilibrium with player 1 pinned to s exists iff an extreme one does.  Why the extreme
    values suffice for the parents: on C1 x C2 player 1's value is x'Ay for any x in C1, linear
    in y alone, and player 2's is linear in x alone, so the values form a box whose corners are
    the values of the extreme equilibria; the conditions a parent puts on a child's value
    compare each coordinate with the other branches, and an extreme coordinate serves them.
    Limits: where a free mover mixes between branches whose values tie in her coordinate at a
    non-corner point, or with three or more movers (whose equilibrium components the engine
    represents by finitely many points), the search can miss a supporting equilibrium and the
    threat is then reported, as before this check.
    """
    from ..solvers.dispatch import solve

    c = tree.compiled
    iset = tree.infoset_of_node()
    if "roots" not in cache:
        roots = subgame_roots(tree)
        cache["roots"] = (roots, _subgames_below(tree, roots))
        cache["truncated"] = {}
    roots, below = cache["roots"]
    # pinned[r]: the players whose specified moves lead to r
    pinned: dict[int, set[int]] = {}
    for r in roots:
        ok = set(range(tree.n_players))
        v = int(r)
        while c.parent[v] >= 0:
            u = int(c.parent[v])
            if c.kind[u] == DECISION:
                h = int(iset[u])
                if spec_h.get(h) != v - int(c.first[u]):
                    ok.discard(int(c.player[u]))
            v = u
        pinned[r] = ok
    tol = 0 if tree.exact else 1e-9
    values: dict[int, set[tuple]] = {}
    import warnings

    for r in reversed(roots):
        kids = below[r]
        combos = 1
        for u in kids:
            combos *= len(values[u])
        if combos > limit:
            raise SolverError(f"the subgame at node {r} has {combos} combinations of subgame values below it (more than limit={limit})")
        keep: set[tuple] = set()
        for combo in product(*[sorted(values[u]) for u in kids]):
            cut = dict(zip(kids, combo))
            key = (r, tuple(sorted(cut.items())))
            if key not in cache["truncated"]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # degenerate subgames: the extreme equilibria are what is needed
                    cache["truncated"][key] = _solve_truncated(tree, r, cut, solve, "auto", {})
            for beh, pay, arb in cache["truncated"][key]:
                if all(
                    h not in arb and beh[h][a] >= 1 - tol
                    for h, a in spec_h.items()
                    if h in beh and tree.infosets[h].player in pinned[r]
                ):
                    keep.add(tuple(pay))
        if not keep:
            return False
        values[r] = keep
    return True


def _threats(tree: ExtensiveFormGame, spec: dict[int, int]) -> list[dict]:
    """Bottom-up sets of value vectors reachable by subgame-perfect completions of ``spec``;
    a specified node whose set becomes empty (while its children's are not) is a threat."""
    c = tree.compiled
    tols = tree.tols  # per player; all 0 for an exact game, which compares Fractions with no float slack
    S: dict[int, set] = {}
    threats = []
    exact = tree.exact
    for v in sorted(range(c.n), reverse=True):
        k = int(c.nch[v])
        if c.kind[v] == TERMINAL:
            S[v] = {tuple(tree.payoffs(v))}
            continue
        f = int(c.first[v])
        kids = [S[f + j] for j in range(k)]
        if any(not s for s in kids):
            S[v] = set()
            continue
        if c.kind[v] == CHANCE:
            probs = [c.prob[f + j] if exact else float(c.prob[f + j]) for j in range(k)]
            zero = Fraction(0) if exact else 0.0
            S[v] = {
                tuple(sum((p * x[m] for p, x in zip(probs, combo)), zero) for m in range(tree.n_players))
                for combo in product(*kids)
            }
            continue
        i = int(c.player[v])
        tol = tols[i]
        floor = [min(x[i] for x in s) for s in kids]
        if v in spec:
            a = spec[v]
            keep = {x for x in kids[a] if all(x[i] >= fl - tol for fl in floor)}
            if not keep:
                best_here = max(max(x[i] for x in s) for s in kids)
                best_actions = [tree.actions(v)[j] for j, s in enumerate(kids) if any(x[i] >= best_here - tol for x in s)]
                threats.append(
                    {
                        "node": v,
                        "player": tree.players[i],
                        "infoset": tree.infosets[int(tree.infoset_of_node()[v])].key,
                        "action": tree.actions(v)[a],
                        "best_actions": best_actions,
                        "loss": best_here - max(x[i] for x in kids[a]),
                    }
                )
            S[v] = keep
        else:
            S[v] = {x for s in kids for x in s if all(x[i] >= fl - tol for fl in floor)}
    return threats
