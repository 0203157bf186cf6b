"""Round trips with the peer libraries (nashpy, quantecon, pygambit, OpenSpiel), and sweep
results as xarray, JSON and CSV read back exactly."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import warnings
from fractions import Fraction as F

import nashpy
import numpy as np
import pandas as pd
import pygambit
import pytest
import quantecon.game_theory as qe
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.io.gambit import format_efg
from test_io_efg_round_trip import GAMBIT_LABELS, structure, trees
from pygambit_oracle import run_oracle

SMALL = st.one_of(st.integers(-20, 20), st.fractions(min_value=-50, max_value=50, max_denominator=12))
LABEL = st.text("abcxyz_ -&%", min_size=1, max_size=5)


@st.composite
def games(draw, n_players=None, number=SMALL, max_strategies=3, label=LABEL):
    n = draw(st.integers(1, 3)) if n_players is None else n_players
    shape = tuple(draw(st.integers(1, max_strategies)) for _ in range(n))
    size = int(np.prod(shape))
    arrays = [np.array(draw(st.lists(number, min_size=size, max_size=size)), dtype=object).reshape(shape) for _ in range(n)]
    players = draw(st.lists(label, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(label, min_size=m, max_size=m, unique=True)) for m in shape]
    return gt.NormalFormGame(arrays, player_labels=players, strategy_labels=strategies, title=draw(st.sampled_from(["", "G"])))


def _same_game(a, b):
    assert a.exact and b.exact and a.shape == b.shape
    for x, y in zip(a.payoffs, b.payoffs):
        assert x.tolist() == y.tolist() and all(type(v) is F for v in y.ravel())


def _labels(g):
    return {"player_labels": g.player_labels, "strategy_labels": g.strategy_labels, "title": g.title}


# ---------------------------------------------------------------------- nashpy
@given(games(n_players=2))
def test_nashpy_round_trip_is_exact_and_equilibria_agree(g):
    ng = gt.to_nashpy(g)
    for ours, theirs in zip(g.payoffs, ng.payoff_matrices):
        assert theirs.dtype == float and theirs.tolist() == np.asarray(ours, dtype=float).tolist()
    back = gt.from_nashpy(ng, max_denominator=10**6, **_labels(g))
    _same_game(g, back)
    assert back == g and back.strategy_labels == g.strategy_labels and back.player_labels == g.player_labels
    # every equilibrium of ours is one of nashpy's game (nashpy's own is_best_response compares
    # floats with ==, so the regret is computed from its matrices here), and what nashpy's
    # support enumeration finds in its game is an equilibrium of ours
    A, B = ng.payoff_matrices
    for eq in gt.solve(g):
        sr, sc = eq.as_float()
        assert max(A @ sc) - sr @ A @ sc <= 1e-9 * (1 + abs(A).max())
        assert max(sr @ B) - sr @ B @ sc <= 1e-9 * (1 + abs(B).max())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        found = list(ng.support_enumeration())
    for sr, sc in found:
        assert gt.is_equilibrium(g.as_float(), [sr, sc])


def test_nashpy_floats_come_back_as_floats_or_as_their_binary_value():
    ng = nashpy.Game(np.array([[0.1, 1.0], [2.0, 3.0]]), np.array([[1, 0], [0, 1]]))
    assert not gt.from_nashpy(ng).exact
    assert gt.from_nashpy(ng, exact=True).payoffs[0][0, 0] == F(0.1) != F(1, 10)
    assert gt.from_nashpy(ng, max_denominator=100).payoffs[0][0, 0] == F(1, 10)
    assert gt.from_nashpy(nashpy.Game([[1, 2]], [[3, 4]])).exact  # integer matrices stay exact
    with pytest.raises(gt.GameError, match="two players"):
        gt.to_nashpy(gt.NormalFormGame([[1, 2]]))
    with pytest.raises(gt.GameError, match="max_denominator must be a positive integer"):
        gt.from_nashpy(ng, max_denominator=0)
    with pytest.raises(gt.GameError, match="cannot go with exact=False"):
        gt.from_nashpy(ng, exact=False, max_denominator=10)
    with pytest.raises(gt.GameError, match="needs a nashpy.Game"):
        gt.from_nashpy([[1, 2]])


# ---------------------------------------------------------------------- quantecon
@given(games(number=st.integers(-30, 30)))
def test_quantecon_round_trip_keeps_integers_exact_and_pure_equilibria_agree(g):
    qg = gt.to_quantecon(g)
    assert qg.nums_actions == g.shape and qg.N == g.n_players
    for idx in np.ndindex(*g.shape):  # quantecon's payoff profile at every pure profile
        assert qg.payoff_profile_array[idx].tolist() == [int(a[idx]) for a in g.payoffs]
    back = gt.from_quantecon(qg, **_labels(g))
    _same_game(g, back)
    if g.n_players >= 2:
        ours = sorted(eq.pure_profile for eq in gt.pure_equilibria(g))
        assert ours == sorted(tuple(int(a) for a in p) for p in qe.pure_nash_brute(qg))


@given(games(n_players=3, max_strategies=2))
def test_quantecon_round_trip_of_fractions_and_mixed_equilibria(g):
    qg = gt.to_quantecon(g)
    _same_game(g, gt.from_quantecon(qg, max_denominator=10**6, **_labels(g)))
    for eq in gt.solve(g):
        assert qg.is_nash(tuple(eq.as_float()), tol=1e-9)


# ---------------------------------------------------------------------- pygambit
def _gambit_equilibria(nfg_text):
    pg = pygambit.read_nfg(io.StringIO(nfg_text))
    res = pygambit.nash.enummixed_solve(pg, rational=True)
    return [[[F(str(p[s])) for s in pl.strategies] for pl in pg.players] for p in res.equilibria]


GAMBIT_LABEL = LABEL.filter(lambda s: s == s.strip() and "  " not in s)


@given(games(label=GAMBIT_LABEL))
def test_pygambit_normal_form_round_trip_is_exact_with_labels(g):
    pg = gt.to_pygambit(g)
    assert [p.label for p in pg.players] == list(g.player_labels) and pg.title == g.title
    assert [[s.label for s in p.strategies] for p in pg.players] == [list(s) for s in g.strategy_labels]
    for idx in np.ndindex(*g.shape):
        assert [F(str(pg[list(idx)][p])) for p in pg.players] == [a[idx] for a in g.payoffs]
    back = gt.from_pygambit(pg)
    _same_game(g, back)
    assert (back.player_labels, back.strategy_labels, back.title) == (g.player_labels, g.strategy_labels, g.title)
    if g.n_players == 2:
        from gametheory.io.gambit import format_nfg

        for profile in run_oracle(_gambit_equilibria, format_nfg(g)):
            assert gt.is_equilibrium(g, profile)  # exact check
        for eq in gt.solve(g):
            prof = pg.mixed_strategy_profile(rational=True, data=[[pygambit.Rational(str(p)) for p in s] for s in eq.strategies])
            assert prof.max_regret() == 0


def test_pygambit_refuses_a_label_gambit_cannot_hold():
    g = gt.NormalFormGame.from_bimatrix([[1]], [[2]], strategy_labels=[["a  b"], ["c"]])
    with pytest.raises(gt.GameError, match="strategy of P1 label 'a  b'"):
        gt.to_pygambit(g)


@given(trees(labels=GAMBIT_LABELS))
def test_pygambit_tree_round_trip_keeps_chance_information_sets_and_labels(tree):
    pg = gt.to_pygambit(tree)
    assert pg.is_tree and len(list(pg.nodes)) == tree.n_nodes and len(list(pg.infosets)) == len(tree.infosets)
    back = gt.from_pygambit(pg)
    ours, theirs = structure(tree), structure(back)
    # Gambit 16.7 keeps outcome names unique: a repeated or missing terminal label comes back
    # renamed (war_1, war_2; _1); a unique one comes back as it was
    labels = [r[2] for r in ours[3] if r[0] == "t"]
    for a, b in zip(ours[3], theirs[3]):
        if a[0] == "t":
            assert a[:2] == b[:2]
            assert b[2] == a[2] if a[2] is not None and labels.count(a[2]) == 1 else b[2] is not None
        else:
            assert a == b
    assert ours[:3] == theirs[:3] and ours[4] == theirs[4]


def test_our_subgame_perfect_equilibrium_has_no_regret_in_pygambit():
    tree = _entry_deterrence()
    pg = gt.to_pygambit(tree)
    assert gt.from_pygambit(pg).to_normal_form() == tree.to_normal_form()
    spe = gt.subgame_perfect_equilibria(tree)
    assert spe and all(eq["Incumbent"]["fight?"]["accommodate"] == 1 for eq in spe)
    for eq in spe:
        data = [[[pygambit.Rational(str(eq[p.label][k][a])) for a in range(len(h.actions))]
                 for k, h in enumerate(p.infosets)] for p in pg.players]
        prof = pg.mixed_behavior_profile(data=data, rational=True)
        assert prof.max_regret() == 0
        assert tuple(F(str(prof.payoff(p))) for p in pg.players) == eq.payoffs


def _entry_deterrence():
    t = gt.ExtensiveFormGame(players=["Entrant", "Incumbent"], title="entry")
    out, enter = t.decision(t.root, "Entrant", ["stay out", "enter"])
    t.terminal(out, [0, 2], label="out")
    nature = t.chance(enter, ["weak", "strong"], [F(1, 3), F(2, 3)])
    for k, v in enumerate(nature):
        fight, acc = t.decision(v, "Incumbent", ["fight", "accommodate"], infoset="fight?")
        t.terminal(fight, [-1, F(-1, 2) + k], label=f"war {k}")
        t.terminal(acc, [1, 1], label=f"peace {k}")
    return t


# ---------------------------------------------------------------------- OpenSpiel (optional extra)
def test_openspiel_round_trips():
    pyspiel = pytest.importorskip("pyspiel")
    bos = gt.NormalFormGame.from_bimatrix([[2, F(1, 3)], [0, 1]], [[1, 0], [0, 2]],
                                          strategy_labels=[["O", "F"], ["o", "f"]], title="BoS")
    sg = gt.to_openspiel(bos)
    assert sg.num_rows() == 2 and sg.col_action_name(1) == "f" and sg.player_utility(0, 0, 1) == 1 / 3
    back = gt.from_openspiel(sg, max_denominator=1000)
    _same_game(bos, back)
    assert back.strategy_labels == bos.strategy_labels and back.title == "BoS"
    three = gt.NormalFormGame([np.arange(8).reshape(2, 2, 2) * k for k in (1, 2, 3)])
    _same_game(three, gt.from_openspiel(gt.to_openspiel(three), exact=True))
    tree = _entry_deterrence()
    tback = gt.from_openspiel(gt.to_openspiel(tree), max_denominator=1000, player_labels=tree.players)
    ours, theirs = tree.to_normal_form(), tback.to_normal_form()
    assert [a.tolist() for a in ours.payoffs] == [a.tolist() for a in theirs.payoffs]
    assert ours.strategy_labels == theirs.strategy_labels
    kuhn = gt.from_openspiel(pyspiel.load_game("kuhn_poker"), max_denominator=100)
    assert kuhn.n_nodes == 58 and len(kuhn.infosets) == 12 and kuhn.exact
    deal = kuhn.probs(kuhn.root)
    assert deal == (F(1, 3),) * 3
    with pytest.raises(gt.GameError, match="pyspiel.Game"):
        gt.from_openspiel(bos)


# ---------------------------------------------------------------------- no peer at import time
def test_gametheory_imports_no_peer_and_a_missing_peer_is_a_clear_error(monkeypatch):
    code = (
        "import sys, gametheory as gt; gt.to_nashpy, gt.to_quantecon, gt.to_pygambit, gt.to_openspiel, gt.sweep_to_xarray; "
        "print(sorted(m for m in ('nashpy', 'quantecon', 'pygambit', 'pyspiel', 'xarray') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    monkeypatch.setitem(sys.modules, "nashpy", None)  # what an uninstalled package looks like to import
    with pytest.raises(gt.GameError, match="pip install nashpy"):
        gt.to_nashpy(gt.NormalFormGame.from_bimatrix([[1]], [[1]]))
    monkeypatch.setitem(sys.modules, "xarray", None)
    with pytest.raises(gt.GameError, match="pip install xarray"):
        gt.sweep_to_xarray(gt.sweep(lambda x: {"y": x}, {"x": [1]}))


# ---------------------------------------------------------------------- sweeps: xarray and JSON
CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.fractions(max_denominator=10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=6),
    st.tuples(st.integers(-5, 5), st.fractions(max_denominator=5)),
)


@st.composite
def frames(draw):
    n = draw(st.integers(0, 5))
    cols = {
        "g": pd.Series(draw(st.lists(st.integers(-2**62, 2**62), min_size=n, max_size=n)), dtype="int64"),
        "f": pd.Series(draw(st.lists(st.floats(), min_size=n, max_size=n)), dtype="float64"),
        "b": pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype="bool"),
        "o": pd.Series(draw(st.lists(CELLS, min_size=n, max_size=n)), dtype=object),
        "q": pd.Series(draw(st.lists(st.fractions(), min_size=n, max_size=n)), dtype=object),
    }
    df = pd.DataFrame(cols)
    df.attrs["grid"] = ["g"]
    return df


def _cells_equal(a, b):
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(_cells_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@given(frames())
def test_sweep_json_round_trip_keeps_values_types_and_dtypes(df):
    back = gt.read_sweep_json(gt.sweep_to_json(df))
    assert list(back.columns) == list(df.columns) and list(back.dtypes) == list(df.dtypes)
    assert back.attrs["grid"] == ["g"]
    for c in df.columns:
        for x, y in zip(df[c].tolist(), back[c].tolist()):
            assert _cells_equal(x, y), (c, x, y)


def test_sweep_json_refuses_what_it_cannot_keep(tmp_path):
    with pytest.raises(gt.GameError, match="column 'x' holds a object"):
        gt.sweep_to_json(pd.DataFrame({"x": [object()]}))
    (tmp_path / "bad.json").write_text('{"format": "other"}')
    with pytest.raises(gt.ParseError, match="not a gametheory sweep document"):
        gt.read_sweep_json(tmp_path / "bad.json")


def test_sweep_to_xarray_uses_the_grid_and_keeps_fractions():
    def model(a, b):
        return [{"p": F(1, a + b + k), "x": float(a)} for k in range(a)]  # a equilibria at a point

    df = gt.sweep(model, {"a": [1, 2], "b": [0, 1, 2]})
    assert df.attrs["grid"] == ["a", "b"]
    ds = gt.sweep_to_xarray(df)
    assert dict(ds.sizes) == {"a": 2, "b": 3, "equilibrium": 2}
    for row in df.itertuples():
        assert ds["p"].sel(a=row.a, b=row.b, equilibrium=row.equilibrium).item() == row.p
        assert type(ds["p"].sel(a=row.a, b=row.b, equilibrium=row.equilibrium).item()) is F
    assert math.isnan(ds["p"].sel(a=1, b=0, equilibrium=1).item())  # one equilibrium only at a=1
    floats = gt.sweep_to_xarray(df, exact=False)
    assert floats["p"].dtype == float and floats["p"].sel(a=2, b=1, equilibrium=1).item() == pytest.approx(1 / 4)
    with pytest.raises(gt.GameError, match="share the dims"):
        gt.sweep_to_xarray(df, dims=["a", "b"])
    with pytest.raises(gt.GameError, match="pass dims"):
        gt.sweep_to_xarray(pd.DataFrame({"a": [1]}))


# ---------------------------------------------------------------------- CSV tables through pandas.read_csv
TEXT = st.text(min_size=0, max_size=6).map(lambda s: "t" + s)


@given(st.lists(st.tuples(st.fractions(), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False), TEXT),
                min_size=1, max_size=5))
def test_csv_tables_read_back_exactly_with_pandas(rows):
    df = pd.DataFrame(rows, columns=["p", "n", "x", "s"])
    text = gt.to_table(df, format="csv", digits=17)
    with_pandas = pd.read_csv(io.StringIO(str(text)), converters=gt.csv_converters(df.columns))
    ours = gt.read_table_csv(str(text))
    for back in (with_pandas, ours):
        # exact: whole numbers come back as ints, the others as Fractions
        assert back["p"].tolist() == df["p"].tolist()
        assert all(type(v) is F if v.denominator != 1 else type(v) in (int, F) for v in back["p"])
        assert [int(v) for v in back["n"]] == df["n"].tolist()
        assert back["x"].tolist() == df["x"].tolist()
        assert back["s"].tolist() == df["s"].tolist()


def test_csv_converters_read_the_header_of_a_file(tmp_path):
    path = tmp_path / "t.csv"
    gt.to_table([{"p": F(-2, 3), "=s": "=1+1"}], format="csv", path=path)
    back = pd.read_csv(path, converters=gt.csv_converters(path))
    assert back.iloc[0, 0] == F(-2, 3) and back.iloc[0, 1] == "=1+1"


def _catalog():
    try:
        return list(pygambit.catalog.games()["Game"])
    except Exception:  # an older pygambit without the catalog
        return []


@pytest.mark.parametrize("slug", _catalog())
def test_every_pygambit_catalog_game_converts_both_ways(slug):
    theirs = pygambit.catalog.load(slug)
    ours = gt.from_pygambit(theirs)
    again = gt.from_pygambit(gt.to_pygambit(ours))
    if theirs.is_tree:
        assert isinstance(ours, gt.ExtensiveFormGame)
        assert ours.n_nodes == len(list(theirs.nodes)) and len(ours.infosets) == len(list(theirs.infosets))
        assert [p.label for p in theirs.players] == list(ours.players)
        def unlabelled(tree):  # Gambit renames repeated outcome names, so terminal labels may differ
            return [r[:2] if r[0] == "t" else r for r in structure(tree)[3]]

        assert unlabelled(again) == unlabelled(ours)

        def their_payoffs(node):  # Gambit adds the outcomes met on the way down
            total = [F(0)] * len(theirs.players)
            while node is not None:
                try:
                    outcome = node.outcome
                    total = [t + F(str(outcome[p])) for t, p in zip(total, theirs.players)]
                except KeyError:  # pygambit's way of saying the node has no outcome
                    pass
                node = node.parent
            return tuple(total)

        want = sorted(their_payoffs(n) for n in theirs.nodes if n.is_terminal)
        assert sorted(tuple(ours.payoffs(v)) for v in ours.terminals) == want
    else:
        assert isinstance(ours, gt.NormalFormGame) and again == ours
        assert ours.strategy_labels == tuple(tuple(s.label for s in p.strategies) for p in theirs.players)
        for idx in np.ndindex(*ours.shape):
            assert [F(str(theirs[list(idx)][p])) for p in theirs.players] == [a[idx] for a in ours.payoffs]
