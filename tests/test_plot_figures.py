"""Every figure kind renders (Agg), is not blank, and shows the expected texts; paper style,
sizes, dpi, labels from descriptions, non-overlapping point names, game trees."""

from __future__ import annotations

import warnings
from fractions import Fraction as F
from types import SimpleNamespace as NS

import numpy as np
import pandas as pd
import pytest

import gametheory as gt
from gametheory import plot
from gametheory.errors import GameError
from gametheory.plot._repel import boxes_overlap


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(float)


def assert_not_blank(fig):
    img = pixels(fig)
    assert img.var() > 100.0, "the figure is (almost) one colour"
    # some ink: at least 0.5% of the pixels are clearly darker than the background
    assert (img.mean(axis=2) < 128).mean() > 0.005


def all_texts(fig):
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()] + [t.get_text() for t in ax.texts]
        leg = ax.get_legend()
        if leg is not None:
            out += [t.get_text() for t in leg.get_texts()] + [leg.get_title().get_text()]
    return [t for t in out if t]


def legend_texts(fig):
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def deterrence_tree():
    t = gt.ExtensiveFormGame(players=["Challenger", "Defender"], title="Deterrence")
    sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1], label="status quo")
    r, c = t.decision(ch, player="Defender", actions=["resist", "concede"])
    t.terminal(r, payoffs=[-1, F(-1, 2)], label="war")
    t.terminal(c, payoffs=[1, 0], label="concession")
    return t


# ---------------------------------------------------------------------- labels from descriptions
MODEL = NS(
    title="Extended deterrence (test)",
    parameters={
        "backdown_cost": NS(description="challenger's cost of backing down"),
        "capability": NS(description="ally 1's share of joint capability, in (0, 1)"),
        "threat": NS(description="value per unit of committed capability against the threat (> 0)"),
        "c": NS(description="weight of the private output q_i; b + c must be > 0"),
        "gdp": NS(description="GDP (US$ bn)"),
    },
    columns={"outcome": "the equilibrium outcome (status_quo, war)"},
    extra={"row_columns": {"burden": "defence burden (share of GDP)"}},
)


def test_labels_of_reads_descriptions_and_drops_range_conditions_not_units():
    lab = plot.labels_of(MODEL)
    assert lab["backdown_cost"] == "Challenger's cost of backing down"
    assert lab["capability"] == "Ally 1's share of joint capability"
    assert lab["threat"] == "Value per unit of committed capability against the threat"
    assert lab["c"] == "Weight of the private output q_i"
    assert lab["gdp"] == "GDP (US$ bn)"  # a unit stays
    assert lab["outcome"] == "The equilibrium outcome (status_quo, war)"
    assert lab["burden"] == "Defence burden (share of GDP)"
    assert plot.labels_of(object()) == {}


def test_every_registered_model_gets_a_label_for_every_parameter():
    from models.registry import MODELS

    for name in MODELS:
        m = MODELS[name]
        lab = plot.labels_of(m)
        for k in m.parameters:
            assert lab.get(k) and "_" not in lab[k].split(" ")[0], (name, k, lab.get(k))


# ---------------------------------------------------------------------- region maps
def _regimes(backdown_cost, capability):
    if capability > backdown_cost:
        return {"outcome": "status_quo"}
    if capability < backdown_cost:
        return {"outcome": "war"}
    return [{"outcome": "war"}, {"outcome": "status_quo"}]


def test_region_map_renders_regimes_with_a_named_legend_and_described_axes(tmp_path):
    df = gt.sweep(_regimes, {"backdown_cost": [0, 1, 2, 3], "capability": [0, 1, 2]})
    fig = plot.region_map(df, "backdown_cost", "capability", "outcome", labels=plot.labels_of(MODEL),
                          title=MODEL.title, path=tmp_path / "m.png")
    assert_not_blank(fig)
    ax = fig.axes[0]
    assert legend_texts(fig) == ["status quo", "status quo + war", "war"]
    assert ax.get_legend().get_title().get_text() == "The equilibrium outcome"
    assert ax.get_xlabel() == "Challenger's cost of backing down"
    assert ax.get_ylabel() == "Ally 1's share of joint capability"
    assert ax.get_title() == MODEL.title
    assert "backdown_cost" not in " ".join(all_texts(fig))


def test_region_map_without_labels_keeps_readable_names():
    df = gt.sweep(_regimes, {"backdown_cost": [0, 1], "capability": [0, 1]})
    fig = plot.region_map(df, "backdown_cost", "capability", "outcome")
    assert fig.axes[0].get_xlabel() == "backdown cost"


@pytest.mark.parametrize("style", ["default", "paper"])
def test_style_size_and_dpi_of_the_saved_file(tmp_path, style):
    from PIL import Image

    df = gt.sweep(_regimes, {"backdown_cost": [0, 1, 2], "capability": [0, 1, 2]})
    path = tmp_path / "m.png"
    fig = plot.region_map(df, "backdown_cost", "capability", "outcome", style=style, width=3.5, height=2.5,
                          dpi=200, path=path)
    assert fig.get_size_inches().tolist() == [3.5, 2.5]
    with Image.open(path) as im:
        assert im.size == (700, 500)
    assert_not_blank(fig)
    family = fig.axes[0].xaxis.label.get_fontfamily()
    assert (family == ["serif"]) == (style == "paper")


def test_paper_style_uses_okabe_ito_and_its_default_dpi():
    df = pd.DataFrame({"a": [0, 1], "b": [0, 0], "o": ["x", "y"]})
    fig = plot.region_map(df, "a", "b", "o", style="paper")
    assert fig.dpi == 300
    from matplotlib.colors import to_hex

    faces = [to_hex(h.get_facecolor()) for h in fig.axes[0].get_legend().legend_handles]
    assert faces == [c.lower() for c in plot.OKABE_ITO[:2]]


@pytest.mark.parametrize("kw, match", [
    ({"style": "fancy"}, "style must be one of"),
    ({"dpi": 0}, "dpi must be"),
    ({"dpi": float("nan")}, "dpi must be"),
    ({"width": -1}, "width must be"),
    ({"height": float("inf")}, "height must be"),
    ({"width": 90, "dpi": 2000}, "too large"),
])
def test_bad_style_size_or_dpi_is_a_game_error(kw, match):
    df = pd.DataFrame({"a": [0, 1], "b": [0, 0], "o": ["x", "y"]})
    with pytest.raises(GameError, match=match):
        plot.region_map(df, "a", "b", "o", **kw)


# ---------------------------------------------------------------------- scatters with names
def _overlaps(fig, names):
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    texts = [t for t in fig.axes[0].texts if t.get_text() in names]
    assert sorted(t.get_text() for t in texts) == sorted(names)
    boxes = np.array([t.get_window_extent(r).extents for t in texts])
    return boxes_overlap(boxes), boxes, fig.axes[0].get_window_extent(r).extents


def test_boxes_overlap_finds_exactly_the_intersecting_pairs():
    boxes = np.array([[0, 0, 2, 2], [1, 1, 3, 3], [2, 0, 4, 1.5], [5, 5, 6, 6]])
    assert boxes_overlap(boxes) == [(0, 1), (1, 2)]  # 0 and 2 only touch


def test_nato_burden_scatter_names_never_overlap(tmp_path):
    from models.registry import MODELS

    m = MODELS["olson-zeckhauser-data"]
    df = pd.DataFrame(m.rows())
    fig = plot.burden_scatter(df, "gdp_bn", "actual_burden", label="ally", labels=plot.labels_of(m),
                              title=m.title, style="paper", width=6, height=4.2, path=tmp_path / "nato.pdf")
    assert_not_blank(fig)
    pairs, boxes, axbox = _overlaps(fig, df["ally"].tolist())
    assert pairs == []
    assert len(boxes) == len(df) == 28
    assert fig.axes[0].get_xlabel() == "GDP (US$ bn)"
    assert fig.axes[0].get_ylabel() == "Actual defence burden (share of GDP)"
    assert any(t.startswith("Spearman rho") for t in all_texts(fig))
    # inside the axes, so they cannot collide with tick labels either
    assert (boxes[:, 0] >= axbox[0] - 1).all() and (boxes[:, 2] <= axbox[2] + 1).all()


def test_a_dense_cluster_of_names_is_spread_out_with_leader_lines():
    # 12 points within 1% of each other: the old fixed offset stacked every name on one spot
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": 1 + rng.uniform(0, 0.01, 12), "y": 1 + rng.uniform(0, 0.01, 12),
                       "name": [f"Country{i}" for i in range(12)]})
    df = pd.concat([df, pd.DataFrame({"x": [0.0, 2.0], "y": [0.0, 2.0], "name": ["lo", "hi"]})])
    fig = plot.scatter(df, "x", "y", label="name")
    pairs, _, _ = _overlaps(fig, df["name"].tolist())
    assert pairs == []
    assert any(ln.get_gid() == "label-leader" for ln in fig.axes[0].get_lines())


def test_names_keep_clear_of_the_statistics_line():
    df = pd.DataFrame({"gdp": [1.0, 1.05, 1.1, 50.0], "burden": [0.05, 0.05, 0.049, 0.01], "ally": list("ABCD")})
    fig = plot.burden_scatter(df, label="ally", width=3, height=2.5)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    texts = fig.axes[0].texts
    stat = next(t for t in texts if t.get_text().startswith("Spearman"))
    boxes = np.array([stat.get_window_extent(r).extents] + [t.get_window_extent(r).extents for t in texts
                                                             if t is not stat])
    assert boxes_overlap(boxes) == []


def test_label_placement_is_deterministic():
    df = pd.DataFrame({"x": [1.0, 1.01, 1.02, 1.03], "y": [1.0, 1.0, 1.0, 1.0], "n": ["AAA", "BBB", "CCC", "DDD"]})
    a = [t.get_position() for t in plot.scatter(df, "x", "y", label="n").axes[0].texts]
    b = [t.get_position() for t in plot.scatter(df, "x", "y", label="n").axes[0].texts]
    assert a == b


def test_too_many_names_for_the_axes_warn_instead_of_hanging():
    n = 150
    df = pd.DataFrame({"x": np.arange(n) % 15, "y": np.arange(n) // 15, "n": [f"LongName{i}" for i in range(n)]})
    with pytest.warns(UserWarning, match="too small"):
        plot.scatter(df, "x", "y", label="n", width=2, height=2, dpi=50)


def test_scatter_errors():
    df = pd.DataFrame({"x": [1.0, -1.0], "y": [1.0, 2.0]})
    with pytest.raises(GameError, match="log axis"):
        plot.scatter(df, "x", "y", logx=True)
    with pytest.raises(GameError, match="not in the table"):
        plot.scatter(df, "x", "z")
    with pytest.raises(GameError, match="DataFrame"):
        plot.scatter([1, 2], "x", "y")


# ---------------------------------------------------------------------- reaction curves
def test_reaction_curves_render_in_paper_style():
    fig = plot.reaction_curves(lambda q: max(0.0, 5 - q / 2), lambda q: max(0.0, 3 - q / 2), q_max=10,
                               labels=("USA", "DEU"), style="paper", title="Reaction curves",
                               xlabel="USA's defence spending (US$ bn)")
    assert_not_blank(fig)
    assert legend_texts(fig) == ["USA's best response", "DEU's best response", "Nash equilibrium"]
    assert fig.axes[0].get_xlabel() == "USA's defence spending (US$ bn)"
    assert fig.axes[0].get_ylabel() == "DEU's contribution"


# ---------------------------------------------------------------------- trees
def test_tree_shows_players_actions_payoffs_and_the_spe_path(tmp_path):
    t = deterrence_tree()
    fig = plot.plot_tree(t, path=tmp_path / "tree.svg", style="paper")
    assert_not_blank(fig)
    texts = all_texts(fig)
    for s in ("Challenger", "Defender", "status quo", "challenge", "resist", "concede", "war\n(-1, -1/2)",
              "concession\n(1, 0)", "Deterrence"):
        assert s in texts, s
    assert legend_texts(fig) == ["equilibrium path"]
    # the thick edges are exactly the backward-induction path: challenge, then concede
    ax = fig.axes[0]
    widths = [ln.get_linewidth() for ln in ax.get_lines() if len(ln.get_xdata()) == 2]
    thick = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2 and ln.get_linewidth() == max(widths)]
    assert len(thick) == 2
    eq = gt.backward_induction(t)[0]
    assert eq.path == [("Challenger", "challenge"), ("Defender", "concede")]


def test_tree_marks_information_sets_and_choices_off_the_path():
    g = gt.ExtensiveFormGame(players=["A", "B"])
    x, y = g.decision(g.root, player="A", actions=["L", "R"])
    l1, r1 = g.decision(x, player="B", actions=["l", "r"], infoset="b")
    l2, r2 = g.decision(y, player="B", actions=["l", "r"], infoset="b")
    for node, pay in zip([l1, r1, l2, r2], [[1, 1], [0, 0], [0, 0], [2, 2]]):
        g.terminal(node, payoffs=pay)
    eq = next(e for e in gt.subgame_perfect_equilibria(g) if e.payoffs == (1, 1))
    fig = plot.plot_tree(g, equilibrium=eq)
    assert_not_blank(fig)
    assert legend_texts(fig) == ["equilibrium path", "equilibrium choice off the path", "information set"]
    dashed = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() not in ("-", "None")]
    assert len(dashed) == 1
    # without an equilibrium, an imperfect-information tree is drawn plain
    assert plot.plot_tree(g).axes[0].get_legend_handles_labels()[1] == []
    assert legend_texts(plot.plot_tree(g, equilibrium=False)) == ["information set"]


def test_tree_with_chance_shows_probabilities():
    t = gt.ExtensiveFormGame(players=["Defender"])
    hi, lo = t.chance(t.root, actions=["resolved", "irresolute"], probs=[F(1, 3), F(2, 3)])
    for node in (hi, lo):
        a, b = t.decision(node, player="Defender", actions=["fight", "fold"])
        t.terminal(a, payoffs=[1 if node == hi else -1])
        t.terminal(b, payoffs=[0])
    fig = plot.plot_tree(t)
    assert_not_blank(fig)
    texts = all_texts(fig)
    assert "resolved (1/3)" in texts and "irresolute (2/3)" in texts and "chance" in texts


def test_tree_errors():
    with pytest.raises(GameError, match="ExtensiveFormGame"):
        plot.plot_tree("tree")
    big = gt.complete_tree(2, 11, np.zeros((2**11, 2), dtype=int))
    with pytest.raises(GameError, match="at most 2000"):
        plot.plot_tree(big)
    t = deterrence_tree()
    other = gt.backward_induction(deterrence_tree())[0]
    with pytest.raises(GameError, match="another game"):
        plot.plot_tree(t, equilibrium=other)


def test_gt_plot_and_plot_tree_are_public():
    assert gt.plot_tree is plot.plot_tree
    assert gt.plot.region_map is plot.region_map


def test_long_labels_and_titles_are_wrapped_to_fit_the_figure():
    long = {"a": "defender's domestic cost of backing away from its pledge to the protege in a crisis",
            "b": "probability that the defender and its protege win a war against the challenger"}
    df = pd.DataFrame({"a": [0, 1, 0, 1], "b": [0, 0, 1, 1], "o": ["x", "y", "y", "y"]})
    fig = plot.region_map(df, "a", "b", "o", labels=long, title="A long title " * 8, width=3.5, height=2.6,
                          style="paper", dpi=100)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    page = fig.bbox.extents
    ax = fig.axes[0]
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title):
        x0, y0, x1, y1 = text.get_window_extent(r).extents
        assert x0 >= page[0] - 1 and y0 >= page[1] - 1 and x1 <= page[2] + 1 and y1 <= page[3] + 1, text.get_text()
        assert "\n" in text.get_text()


@pytest.mark.parametrize("description, label", [
    ("nash_total / n", "nash_total / n"),                  # a formula keeps its identifiers' case
    ("c / (b + c): the private share", "c / (b + c): the private share"),
    ("challenger's cost of war (> 0)", "Challenger's cost of war"),
    ("probability of war, in [0, 1)", "Probability of war"),
    ("GDP (US$ bn)", "GDP (US$ bn)"),
])
def test_description_to_label(description, label):
    assert plot.labels_of(NS(columns={"k": description}))["k"] == label


def test_tree_layout_is_shared_with_the_tikz_export():
    from gametheory.io.tikz import tree_layout, tree_to_tikz

    t = deterrence_tree()
    x, depth = tree_layout(t)
    assert x == {0: 0.75, 1: 0.0, 2: 1.5, 3: 1.0, 4: 2.0} and depth == {0: 0, 1: 1, 2: 1, 3: 2, 4: 2}
    assert "(n0) at (1.200, 0.000)" in tree_to_tikz(t)  # the root at x = 0.75 * x_unit
