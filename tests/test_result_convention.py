"""One result convention (issue 13): every solver result follows ``gametheory.Result`` and
every solving call returns ``gametheory.Equilibria``; tables read rows from ``to_row()`` only."""

from __future__ import annotations

import json
import numbers
import pickle
import warnings
from collections.abc import Mapping
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
import gametheory.bayesian
import gametheory.continuous
import gametheory.cooperative
import gametheory.extensive
import gametheory.repeated
from gametheory.equilibrium import Equilibria, Result
from gametheory.tables import equilibria_frame


# ---------------------------------------------------------------------- small games
def bos():
    return gt.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], player_labels=["He", "She"], strategy_labels=[["O", "F"], ["O", "F"]]
    )


def deterrence_tree():
    t = gt.ExtensiveFormGame(players=["C", "D"])
    sq, ch = t.decision(t.root, player="C", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1], label="SQ")
    r, c = t.decision(ch, player="D", actions=["resist", "concede"])
    t.terminal(r, payoffs=[-1, F(-1, 2)], label="war")
    t.terminal(c, payoffs=[1, 0], label="concession")
    return t


def off_path_tie_tree():
    """Two SPE with the same path (A: L) that differ only in B's choice after R, where B is indifferent."""
    t = gt.ExtensiveFormGame(players=["A", "B"])
    left, right = t.decision(t.root, player="A", actions=["L", "R"])
    t.terminal(left, payoffs=[2, 2], label="stay")
    a, b = t.decision(right, player="B", actions=["a", "b"])
    t.terminal(a, payoffs=[0, 0], label="ra")
    t.terminal(b, payoffs=[1, 0], label="rb")
    return t


def pennies_tree():
    """Matching pennies as a tree; B's two nodes form the information set labelled "guess"."""
    t = gt.ExtensiveFormGame(players=["A", "B"])
    h, tl = t.decision(t.root, player="A", actions=["H", "T"])
    hh, ht = t.decision(h, player="B", actions=["h", "t"], infoset="guess")
    th, tt = t.decision(tl, player="B", actions=["h", "t"], infoset="guess")
    for node, u in ((hh, 1), (ht, -1), (th, -1), (tt, 1)):
        t.terminal(node, payoffs=[u, -u])
    return t


def bos_uncertain():
    """Osborne (2004), 9.2: BoS where player 2 wants to meet or avoid player 1 (the issue's ``bos``)."""
    meet = {("B", "B"): (2, 1), ("S", "S"): (1, 2), ("B", "S"): (0, 0), ("S", "B"): (0, 0)}
    avoid = {("B", "B"): (2, 0), ("S", "S"): (1, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1)}
    return gt.BayesianGame(
        types=[["x"], ["meet", "avoid"]],
        prior={("x", "meet"): F(1, 2), ("x", "avoid"): F(1, 2)},
        actions=[["B", "S"], ["B", "S"]],
        payoff=lambda ty, acts: (meet if ty[1] == "meet" else avoid)[acts],
        players=["P1", "P2"],
    )


def beer_quiche(p_strong):
    def sender(ty, m, a):
        return (1 if (ty == "strong") == (m == "beer") else 0) + (2 if a == "not" else 0)

    def receiver(ty, m, a):
        return 1 if (a == "duel") == (ty == "weak") else 0

    return gt.SignalingGame(types=["strong", "weak"], prior=[p_strong, 1 - p_strong], messages=["beer", "quiche"],
                            actions=["duel", "not"], sender_payoff=sender, receiver_payoff=receiver)


def prisoners_dilemma():
    return gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


# one instance of every result class, each built by actually solving a game: (result, players)
def _instances():
    cont = gametheory.continuous.ContinuousGame(
        lambda q: np.array([-(q[0] - q[1] / 2 - 1) ** 2, -(q[1] - q[0] / 2) ** 2]), lower=[-5, -5], upper=[5, 5]
    )
    cournot = gametheory.continuous.AggregativeGame(
        [lambda q, Q: q * (10 - Q), lambda q, Q: q * (10 - Q) - q], upper=[10, 10]
    )
    pg = gametheory.continuous.PublicGoodsGame([10, 6, 2], gametheory.continuous.CobbDouglas(F(1, 2)))
    airport = gametheory.cooperative.AirportGame([1, 2, 3, 6])
    return [
        (gt.solve(bos())[2], 2),
        (gt.backward_induction(deterrence_tree())[0], 2),
        (gt.subgame_perfect_equilibria(pennies_tree())[0], 2),
        (gt.bayesian_nash_equilibria(bos_uncertain())[0], 2),
        (gt.perfect_bayesian_equilibria(beer_quiche(F(9, 10)))[0], 2),
        (gt.semi_separating_equilibria(beer_quiche(F(1, 3)))[0], 2),
        (cont.nash(), 2),
        (cournot.nash(), 2),
        (pg.nash(), 3),
        (pg.pareto(), 3),
        (gt.shapley_value(["a", "b", "c"], {("a",): 1, ("b",): 2, ("c",): 3, ("a", "b"): 2, ("a", "c"): 3,
                                             ("b", "c"): 3, ("a", "b", "c"): 3}), 3),
        (gt.nucleolus(4, airport), 4),
        (gt.shapley_value(4, airport), 4),
        (gametheory.repeated.trigger_threshold(prisoners_dilemma(), (0, 0)), 2),
    ]


INSTANCES = _instances()


def _all_result_classes():
    out, todo = set(), [Result]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("gametheory."):
                out.add(sub)
            todo.append(sub)
    return out


def test_every_result_class_is_covered_below():
    assert _all_result_classes() <= {type(r) for r, _ in INSTANCES}


def _balanced(tex: str) -> bool:
    depth, k = 0, 0
    while k < len(tex):
        if tex[k] == "\\":  # \{ and \} are literal braces; any other command name is skipped by the next chars
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(tex[k], 0)
        if depth < 0:
            return False
        k += 1
    return depth == 0


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, bool, numbers.Number, np.bool_))


@pytest.mark.parametrize("result, n_players", INSTANCES, ids=lambda x: type(x).__name__ if isinstance(x, Result) else "")
def test_result_protocol(result, n_players):
    assert isinstance(result, Result)
    for name in ("payoffs", "strategies", "method", "exact", "tol", "params", "game"):
        assert hasattr(result, name), name
    assert result.game is not None
    assert isinstance(result.payoffs, tuple) and len(result.payoffs) == n_players
    assert isinstance(result.method, str) and result.method
    assert isinstance(result.exact, bool)
    assert isinstance(result.tol, numbers.Real) and (result.tol == 0 or not result.exact)
    assert isinstance(result.params, Mapping)
    row = result.to_row()
    assert isinstance(row, dict) and row
    assert all(isinstance(k, str) for k in row)
    assert all(_scalar(v) for v in row.values()), {k: v for k, v in row.items() if not _scalar(v)}
    assert row["method"] == result.method and row["exact"] == result.exact
    assert list(row)[-2:] == ["method", "exact"]
    for text in (repr(result), result._repr_html_(), result._repr_latex_()):
        assert isinstance(text, str) and text.strip()
    tex = result._repr_latex_()
    assert tex.startswith("$") and tex.endswith("$") and _balanced(tex), tex
    # a table of one result is exactly its row
    frame = equilibria_frame([result])
    assert list(frame.columns) == ["equilibrium", *row]


def test_exact_results_say_so():
    eq = gt.solve(bos())[2]
    assert eq.exact and eq.tol == 0 and eq.payoffs == (F(2, 3), F(2, 3))
    assert eq.to_row() == {"He: O": F(2, 3), "He: F": F(1, 3), "She: O": F(1, 3), "She: F": F(2, 3),
                           "payoff He": F(2, 3), "payoff She": F(2, 3), "method": "vertex", "exact": True}
    assert eq.game is not None and eq.game.player_labels == ("He", "She")


def test_existing_attributes_still_work():
    pbe = gt.perfect_bayesian_equilibria(beer_quiche(F(9, 10)))[0]
    assert pbe.strategies == {"sender": pbe.sender, "receiver": pbe.receiver}
    assert pbe.sender_payoffs is pbe.payoffs[0]
    shap = gt.shapley_value(4, gametheory.cooperative.AirportGame([1, 2, 3, 6]))
    assert shap == dict(enumerate(gametheory.cooperative.airport_shapley([1, 2, 3, 6]))) and isinstance(shap, dict)
    assert shap.payoffs == tuple(shap.values()) and shap.exact and shap.method == "airport shapley"
    back = pickle.loads(pickle.dumps(shap))
    assert back == shap and back.method == shap.method and back.exact
    cont = gametheory.continuous.AggregativeGame([lambda q, Q: q * (10 - Q), lambda q, Q: q * (10 - Q) - q],
                                                 upper=[10, 10]).nash()
    assert isinstance(cont.actions, np.ndarray) and cont.strategies == tuple(cont.actions.tolist())
    assert cont.payoffs == pytest.approx((cont.actions[0] * (10 - cont.aggregate),
                                          cont.actions[1] * (10 - cont.aggregate) - cont.actions[1]))


# ---------------------------------------------------------------------- the container
def _check(eqs, method, complete, exact, game):
    assert isinstance(eqs, Equilibria) and isinstance(eqs, list)
    assert eqs.method == method and eqs.complete is complete and eqs.exact is exact and eqs.game is game
    assert eqs == list(eqs)  # compares as the list it always was
    html = eqs._repr_html_()
    assert method in html and ("complete" in html) and "<table>" in html


@pytest.mark.parametrize(
    "method, complete",
    [("auto", True), ("vertex", True), ("support", True), ("pure", True), ("polynomial", True),
     ("lemke-howson", False)],
)
def test_solve_returns_the_container(method, complete):
    g = bos()
    eqs = gt.solve(g, method=method)
    _check(eqs, "vertex" if method == "auto" else method, complete, True, g)
    if method == "auto":
        assert eqs.params["requested"] == "auto"


def test_qre_and_cut_enumerations_are_incomplete():
    g = bos()
    qre = gt.solve(g, method="qre")
    _check(qre, "qre", False, False, g)
    with pytest.warns(gt.IncompleteResultWarning):
        cut = gt.solve(g, limit=1, on_limit="warn")
    _check(cut, "vertex", False, True, g)
    assert len(cut) == 1


def test_dispatched_solvers_return_the_container_directly():
    from gametheory.solvers.vertex_enumeration import vertex_enumeration

    g = bos()
    _check(vertex_enumeration(g), "vertex", True, True, g)
    fg = g.as_float()
    _check(gt.solve(fg), "vertex", True, False, fg)


def test_tree_calls_return_the_container():
    t = deterrence_tree()
    _check(gt.backward_induction(t), "backward induction", True, True, t)
    _check(gt.subgame_perfect_equilibria(t), "subgame perfection (backward induction)", True, True, t)
    p = pennies_tree()
    _check(gt.subgame_perfect_equilibria(p), "subgame perfection", True, True, p)
    _check(gt.subgame_perfect_equilibria(p, method="lemke-howson"), "subgame perfection", False, True, p)


def test_bayesian_and_signaling_calls_return_the_container():
    b = bos_uncertain()
    _check(gt.bayesian_nash_equilibria(b), "vertex", True, True, b)
    _check(gt.bayesian_nash_equilibria(b, method="lemke-howson"), "lemke-howson", False, True, b)
    sg = beer_quiche(F(9, 10))
    _check(gt.perfect_bayesian_equilibria(sg), "pure PBE enumeration", True, True, sg)
    low = beer_quiche(F(1, 3))
    _check(gt.semi_separating_equilibria(low), "indifference conditions", True, True, low)
    assert gt.perfect_bayesian_equilibria(low) == []
    degenerate = gt.SignalingGame(
        ["h", "l"], [F(1, 2), F(1, 2)], ["m1", "m2"], ["x", "y"],
        lambda t, m, a: (1 if a == "x" else 0) if t == "h" else 1,
        lambda t, m, a: (1 if a == "x" else 0) if t == "h" else (1 if a == "y" else 0),
    )
    with pytest.warns(gt.bayesian.DegenerateSignalingWarning):
        hyb = gt.semi_separating_equilibria(degenerate)
    _check(hyb, "indifference conditions", False, True, degenerate)


def test_container_survives_pickling_and_renders():
    eqs = gt.solve(bos())
    back = pickle.loads(pickle.dumps(eqs))
    assert back == eqs and (back.method, back.complete, back.exact) == (eqs.method, eqs.complete, eqs.exact)
    assert "3 equilibria by vertex (complete, exact)" in eqs._repr_html_()
    assert "\\toprule" in eqs._repr_latex_()
    assert list(eqs.to_frame().columns[:3]) == ["equilibrium", "He: O", "He: F"]
    empty = Equilibria([], game=bos(), method="pure")
    assert empty.exact and "0 equilibria" in empty._repr_html_() and _balanced(empty._repr_latex_())


# ---------------------------------------------------------------------- tables
def test_bayesian_equilibria_table_has_one_column_per_player_type_action():
    # the bug of issue 13: tables.py told results apart with hasattr, so the strategies
    # dict of a Bayesian equilibrium was read as a tuple: strategy_1 = ('P', '1')
    game = bos_uncertain()
    eqs = gt.bayesian_nash_equilibria(game)
    frame = equilibria_frame(eqs)
    assert "strategy_1" not in frame.columns
    for pl, i in (("P1", 0), ("P2", 1)):
        for t in game.types[i]:
            for a in game.actions[i]:
                assert frame[f"{pl} {t}: {a}"].tolist() == [e.strategies[pl][t][a] for e in eqs]
        assert frame[f"payoff {pl}"].tolist() == [e.payoffs[i] for e in eqs]
    chars = {tuple(p) for p in game.players}
    assert not any(v in chars for col in frame.columns for v in frame[col] if isinstance(v, tuple))
    md = gt.to_table(eqs)
    assert "| P1 x: B |" in md and "('P', '1')" not in md and "(P, 1)" not in md


def test_tables_never_guess_a_results_kind():
    class Impostor:  # has every attribute the old hasattr checks looked for, but no to_row()
        payoffs = (1, 2)
        strategies = ((1,), (1,))
        path = ()
        sender = receiver = {}

    with pytest.raises(gt.GameError, match="not an equilibrium"):
        equilibria_frame([Impostor()])
    with pytest.raises(gt.GameError):
        gt.to_table([Impostor()])


def test_spe_that_differ_off_the_path_print_differently():
    t = off_path_tie_tree()
    spe = gt.backward_induction(t)
    assert len(spe) == 2 and spe[0].path == spe[1].path and spe[0].outcome == spe[1].outcome == "stay"
    rows = [e.to_row() for e in spe]
    assert {r["B at R"] for r in rows} == {"a", "b"}  # named by the actions leading to the node
    assert rows[0] != rows[1] and repr(spe[0]) != repr(spe[1])
    assert spe[0]._repr_html_() != spe[1]._repr_html_() and spe[0]._repr_latex_() != spe[1]._repr_latex_()
    for fmt in ("markdown", "latex", "csv"):
        rows_text = gt.to_table(spe, format=fmt).splitlines()[-2:] if fmt == "csv" else None
        if fmt == "markdown":
            rows_text = [ln.split("|", 2)[-1] for ln in gt.to_table(spe).splitlines()[2:]]
        if fmt == "latex":
            rows_text = [ln.split("&", 1)[-1] for ln in gt.to_table(spe, format=fmt).splitlines() if ln[:1].isdigit()]
        if fmt == "csv":
            rows_text = [ln.split(",", 1)[-1] for ln in rows_text]
        assert len(rows_text) == 2 and rows_text[0] != rows_text[1], fmt  # the rows differ, index aside
    recs = json.loads(gt.to_table(spe, format="json"))
    first, second = ({k: v for k, v in r.items() if k != "equilibrium"} for r in recs)
    assert first != second and {first["B at R"], second["B at R"]} == {"a", "b"}
    df = equilibria_frame(spe)
    assert df.drop(columns="equilibrium").drop_duplicates().shape[0] == 2
    assert spe[0].strategies["A"] == {"root": "L"}


def test_labelled_information_sets_are_named_by_their_label():
    (eq,) = gt.subgame_perfect_equilibria(pennies_tree())
    assert eq.strategies["B"] == {"guess": {"h": F(1, 2), "t": F(1, 2)}}
    row = eq.to_row()
    assert row["B at guess"] == "(h 1/2, t 1/2)" and row["A at root"] == "(H 1/2, T 1/2)"
    assert row["outcome"] == "(0 1/4, 1 1/4, 2 1/4, 3 1/4)" or row["outcome"].count("1/4") == 4


def test_rows_stay_flat_when_labels_are_not_text():
    # a terminal labelled by a tuple: the outcome cell is its text, never a container
    t = gt.ExtensiveFormGame(players=["A", "B"])
    x, y = t.decision(t.root, player="A", actions=["x", "y"])
    t.terminal(x, payoffs=[1, 0], label=("war", 1))
    t.terminal(y, payoffs=[0, 1], label=("peace", 2))
    (eq,) = gt.backward_induction(t)
    assert eq.outcome == ("war", 1) and eq.to_row()["outcome"] == "('war', 1)"
    assert "war" in gt.to_table([eq]) and _balanced(eq._repr_latex_())
