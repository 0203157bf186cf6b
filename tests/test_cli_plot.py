"""`gametheory plot`: region maps, scatters of a model's table and game trees; style, size, dpi,
labels from the registry's descriptions; and the progress lines of `sweep` and `solve`."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from scipy.stats import spearmanr
from test_cli import ENV, assert_one_line_error, run  # noqa: E402  (tests/ is on sys.path under pytest)

import gametheory as gt
from gametheory.tables import read_csv


def gametheory(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The real command (real models), as `python -m gametheory` runs it."""
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True, env=ENV,
                          cwd=cwd, timeout=300)


def not_blank(path) -> bool:
    with Image.open(path) as im:
        px = np.asarray(im.convert("L"), dtype=float)
    return px.var() > 100 and (px < 128).mean() > 0.005


def test_map_axis_labels_title_and_legend_come_from_the_descriptions(tmp_path):
    fig = tmp_path / "map.svg"
    res = run("plot", "test-risk", "--x", "a=0:2:5", "--y", "b=0:2:5", "--style", "paper", "-o", str(fig))
    assert res.returncode == 0, res.stderr
    svg = fig.read_text()
    # the paper style keeps text as text in SVG, so the labels can be read back
    for text in ("Payoff on top", "Payoff on bottom", "Risk dominance (test)", "top", "bottom", "tie"):
        assert f">{text}<" in svg, text
    assert ">a<" not in svg and ">b<" not in svg  # never the raw identifiers
    assert "font-family" in svg and "serif" in svg


def test_map_size_dpi_and_title_options(tmp_path):
    fig = tmp_path / "map.png"
    res = run("plot", "test-risk", "--x", "a=0:2:5", "--y", "b=0:2:5", "--width", "3", "--height", "2",
              "--dpi", "100", "--title", "", "-o", str(fig))
    assert res.returncode == 0, res.stderr
    with Image.open(fig) as im:
        assert im.size == (300, 200)
    assert not_blank(fig)


def test_scatter_of_the_nato_data_model(tmp_path):
    from models.registry import MODELS

    fig = tmp_path / "nato.png"
    res = gametheory("plot", "olson-zeckhauser-data", "--kind", "scatter", "--x", "gdp_bn", "--y", "actual_burden",
                     "--label", "ally", "--logx", "--spearman", "--param", "year=2018", "--style", "paper",
                     "--dpi", "100", "-o", str(fig), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert not_blank(fig)
    rows = pd.DataFrame(MODELS["olson-zeckhauser-data"].rows(year=2018))
    rho, p = spearmanr(rows["gdp_bn"], rows["actual_burden"])
    summary = read_csv(res.stdout)
    assert summary["points"].tolist() == [len(rows)] == [28]
    assert float(summary["spearman_rho"][0]) == pytest.approx(rho, abs=1e-9)


def _deterrence_efg(tmp_path):
    t = gt.ExtensiveFormGame(players=["Challenger", "Defender"], title="Deterrence")
    sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1])
    r, c = t.decision(ch, player="Defender", actions=["resist", "concede"])
    t.terminal(r, payoffs=[-1, F(-1, 2)])
    t.terminal(c, payoffs=[1, 0])
    path = tmp_path / "deterrence.efg"
    gt.write_gambit(t, path)
    return path


def test_tree_of_an_efg_file(tmp_path):
    fig = tmp_path / "tree.svg"
    res = run("plot", str(_deterrence_efg(tmp_path)), "--style", "paper", "-o", str(fig), "--format", "csv")
    assert res.returncode == 0, res.stderr
    summary = read_csv(res.stdout)
    assert summary["equilibrium path"].tolist() == ["Challenger: challenge > Defender: concede"]
    assert summary["nodes"].tolist() == [5]
    svg = fig.read_text()
    for text in ("Challenger", "Defender", "resist", "concede", "(-1, -1/2)", "equilibrium path"):
        assert text in svg, text


@pytest.mark.parametrize("args, match", [
    (["--kind", "scatter", "--x", "a"], "--kind scatter needs --x and --y"),
    (["--x", "a=0:1:3"], "--kind map needs --x and --y"),
    (["--x", "a=0:1:3", "--y", "b=0:1:3", "--label", "a"], "--label applies to --kind scatter"),
    (["--kind", "scatter", "--x", "a", "--y", "nope"], "--y 'nope' is not a column"),
    (["--kind", "scatter", "--x", "a", "--y", "b", "--outcome", "x"], "--outcome applies to --kind map"),
    (["--x", "a", "--y", "b"], "a region map varies a parameter"),
    (["--kind", "tree"], "--kind tree draws a Gambit .efg file"),
    (["--x", "a=0:1:3", "--y", "b=0:1:3", "--dpi", "0"], "dpi must be"),
    (["--x", "a=0:1:3", "--y", "b=0:1:3", "--width", "nan"], "width must be"),
])
def test_plot_option_errors_are_one_line(tmp_path, args, match):
    res = run("plot", "test-risk", *args, "-o", str(tmp_path / "f.png"))
    assert_one_line_error(res, match)
    assert not (tmp_path / "f.png").exists()


def test_unknown_style_is_a_usage_error(tmp_path):
    res = run("plot", "test-risk", "--x", "a=0:1:3", "--y", "b=0:1:3", "--style", "fancy", "-o", str(tmp_path / "f.png"))
    assert_one_line_error(res, "invalid choice: 'fancy'", code=2)


# ---------------------------------------------------------------------- progress
def test_sweep_progress_never_prints_nan():
    res = run("sweep", "test-risk", "--grid", "a=0:2:3", "--grid", "b=0:2:3", "--progress")
    assert res.returncode == 0, res.stderr
    assert "points" in res.stderr and "ETA" in res.stderr
    assert "nan" not in res.stderr.lower() and "inf" not in res.stderr.lower()


def test_solve_progress_on_request_reports_enumeration_with_an_eta(tmp_path):
    # 6x6 identity game: 63 equilibria found by support enumeration, counted in support pairs
    eye = [[int(i == j) for j in range(6)] for i in range(6)]
    path = tmp_path / "eye.nfg"
    gt.write_gambit(gt.NormalFormGame.from_bimatrix(eye, eye), path)
    res = run("solve", str(path), "--method", "support", "--progress", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert len(read_csv(res.stdout)) == 63
    assert "solve: read" in res.stderr and "steps" in res.stderr and "ETA" in res.stderr
    assert "63 equilibria" in res.stderr
    assert "nan" not in res.stderr.lower()
    quiet = run("solve", str(path), "--method", "support", "--format", "csv")
    assert quiet.stderr == "" and quiet.stdout == res.stdout  # not a terminal, not asked: silent


def test_solve_progress_for_a_tree_reports_its_stages(tmp_path):
    res = run("solve", str(_deterrence_efg(tmp_path)), "--progress")
    assert res.returncode == 0, res.stderr
    # (text mode reads the \r of a redrawn line as a line end)
    lines = [ln.strip() for ln in res.stderr.splitlines() if ln.strip()]
    assert lines[0].startswith("solve: read ") and "5 nodes" in lines[0]
    assert lines[-2].startswith("solve: backward induction: 2/2 levels (100%)") and "ETA" in lines[-2]
    assert lines[-1].startswith("solve: 1 subgame-perfect equilibria")
    assert "nan" not in res.stderr.lower()


def test_solve_progress_for_a_three_player_game_counts_support_profiles(tmp_path):
    # an n-player game goes to polynomial enumeration, which reports support profiles
    rng = np.random.default_rng(3)  # generic payoffs: finitely many equilibria
    g = gt.NormalFormGame([rng.integers(-9, 10, size=(2, 2, 2)) for _ in range(3)])
    path = tmp_path / "three.nfg"
    gt.write_gambit(g, path)
    res = run("solve", str(path), "--method", "polynomial", "--progress", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert "steps" in res.stderr and "ETA" in res.stderr and "nan" not in res.stderr.lower()
    assert len(read_csv(res.stdout)) == len(gt.polynomial_equilibria(g))
