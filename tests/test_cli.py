"""The ``gametheory`` command through subprocess: every command, every format, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.cli import parse_grid_spec
from gametheory.errors import GameError
from gametheory.tables import read_csv
from models.registry import MODELS

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
ENV.pop("GAMETHEORY_DEBUG", None)
EXE = shutil.which("gametheory") or ""

# Runs the CLI in a fresh interpreter with a small test model registered first, so these
# tests do not depend on the models other engineers write.
PRELUDE = textwrap.dedent(
    """
    import sys
    from fractions import Fraction as F
    import models.registry
    from models.registry import Model, Parameter, register

    models.registry._loaded = True  # only the test models below: independent of the real ones

    def coord(a, b):
        # 2x2 coordination game: (a, a) on (0, 0), (b, b) on (1, 1); mixed p = b / (a + b)
        a, b = F(a), F(b)
        return [
            {"p": F(1), "q": F(1), "payoff": a, "outcome": "top"},
            {"p": F(0), "q": F(0), "payoff": b, "outcome": "bottom"},
            {"p": b / (a + b), "q": b / (a + b), "payoff": a * b / (a + b), "outcome": "mixed"},
        ]

    def risk(a, b):
        # risk-dominant equilibrium of the coordination game (Harsanyi & Selten 1988)
        mixed = F(b) / (F(a) + F(b)) if a + b > 0 else None
        # the exact number comes first: plot must pick the label column, not this one
        return {"mixed_p": mixed, "risk_dominant": "top" if a > b else ("bottom" if b > a else "tie")}

    def top(a, b):
        return coord(a, b)[0]

    P = {"a": Parameter(2, 0, 10, "payoff on top"), "b": Parameter(1, 0, 10, "payoff on bottom")}
    Q = {**P, "label": Parameter("x", choices=("x", "y")), "scale": Parameter(1, 0)}
    register(Model("test-coordination", "Coordination (test)", "textbook", P, top, rows_fn=coord))
    register(Model("test-risk", "Risk dominance (test)", "Harsanyi & Selten (1988)", P, risk))
    register(Model("test-ranges", "Ranges (test)", "none", Q, lambda a, b, label, scale: {"s": a * scale}))
    from gametheory.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE, *args], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=120
    )


def run_exe(*args: str, cwd=None) -> subprocess.CompletedProcess:
    cmd = [EXE, *args] if EXE else [sys.executable, "-m", "gametheory.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=cwd, timeout=120)


def assert_one_line_error(res: subprocess.CompletedProcess, match: str, code: int = 1) -> None:
    assert res.returncode == code, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert match in lines[0], lines[0]


def test_models_lists_the_test_models():
    res = run("models", "--format", "csv")
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    row = df[df.model == "test-risk"].iloc[0]
    assert row.source == "Harsanyi & Selten (1988)"
    assert row.parameters == "a=2 [0, 10]; b=1 [0, 10]"
    row = df[df.model == "test-ranges"].iloc[0]
    assert row.parameters == "a=2 [0, 10]; b=1 [0, 10]; label=x in {x, y}; scale=1 (>= 0)"


@pytest.mark.parametrize("fmt", ["markdown", "csv", "latex", "json"])
def test_table_every_format(fmt):
    res = run("table", "test-coordination", "--param", "a=3", "--param", "b=1/2", "--format", fmt)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    if fmt == "markdown":
        assert out.splitlines()[0] == "| a | b | equilibrium | p | q | payoff | outcome |"
        assert "| 3 | 1/2 | 2 | 1/7 | 1/7 | 3/7 | mixed |" in out
    elif fmt == "csv":
        df = read_csv(out)
        assert df["p"].tolist() == [1, 0, F(1, 7)] and df["equilibrium"].tolist() == [0, 1, 2]
    elif fmt == "latex":
        assert "\\toprule" in out and "$\\frac{1}{7}$" in out and "$\\frac{3}{7}$" in out
    else:
        recs = json.loads(out)
        assert recs[2]["payoff"] == "3/7" and recs[0]["b"] == "1/2"


def test_table_to_a_file(tmp_path):
    out = tmp_path / "t.tex"
    res = run("table", "test-risk", "--format", "latex", "-o", str(out))
    assert res.returncode == 0 and res.stdout == ""
    assert "risk\\_dominant" in out.read_text()
    assert os.listdir(tmp_path) == ["t.tex"]


def test_sweep_grid_and_checkpoint(tmp_path):
    ck = tmp_path / "s.sqlite"
    args = ["sweep", "test-risk", "--grid", "a=0:2:5", "--grid", "b=1,2", "--checkpoint", str(ck), "--format", "csv"]
    res = run(*args)
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert len(df) == 10
    assert df["a"].tolist() == [0, 0, F(1, 2), F(1, 2), 1, 1, F(3, 2), F(3, 2), 2, 2]
    assert df["risk_dominant"].tolist()[-2:] == ["top", "tie"]
    assert df["mixed_p"].tolist()[:2] == [1, 1]
    again = run(*args)  # resumed from the finished checkpoint
    assert again.stdout == res.stdout


def test_sweep_workers_equal_serial():
    base = ["sweep", "test-coordination", "--grid", "a=1:3:3", "--grid", "b=1/2,1", "--format", "json"]
    one = run(*base, "--workers", "1")
    two = run(*base, "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert len(json.loads(one.stdout)) == 3 * 2 * 3


def test_plot_region_map(tmp_path):
    fig = tmp_path / "map.png"
    res = run("plot", "test-risk", "--x", "a=0:2:9", "--y", "b=0:2:9", "-o", str(fig), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = read_csv(res.stdout)
    counts = dict(zip(summary["risk_dominant"], summary["points"]))
    assert counts == {"top": 36, "bottom": 36, "tie": 9}


def test_plot_pdf(tmp_path):
    fig = tmp_path / "map.pdf"
    res = run("plot", "test-risk", "--x", "a=1:2:3", "--y", "b=1:2:3", "--outcome", "risk_dominant", "-o", str(fig))
    assert res.returncode == 0, res.stderr
    assert fig.read_bytes()[:5] == b"%PDF-"


def test_solve_nfg_every_format(tmp_path):
    # battle of the sexes: two pure equilibria and a mixed one
    g = gt.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], player_labels=["He", "She"],
        strategy_labels=[["Opera", "Fight"], ["Opera", "Fight"]],
    )
    path = tmp_path / "bos.nfg"
    gt.write_gambit(g, path)
    res = run_exe("solve", str(path), "--format", "csv")
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert len(df) == 3
    # columns named by the players in the file, as for .efg trees
    assert list(df.columns)[:5] == ["equilibrium", "strategy He", "strategy She", "payoff He", "payoff She"]
    assert sorted(df["payoff He"].tolist()) == [F(2, 3), 1, 2]
    assert "Opera: 2/3, Fight: 1/3" in df["strategy He"].tolist()
    for fmt in ("markdown", "latex", "json"):
        r = run_exe("solve", str(path), "--format", fmt, "--method", "support")
        assert r.returncode == 0 and r.stdout.strip()


def test_solve_efg(tmp_path):
    t = gt.ExtensiveFormGame(players=["Challenger", "Defender"])
    sq, ch = t.decision(t.root, player="Challenger", actions=["status quo", "challenge"])
    t.terminal(sq, payoffs=[0, 1])
    r, c = t.decision(ch, player="Defender", actions=["resist", "concede"])
    t.terminal(r, payoffs=[-1, F(-1, 2)])
    t.terminal(c, payoffs=[1, 0])
    path = tmp_path / "d.efg"
    gt.write_gambit(t, path)
    res = run_exe("solve", str(path), "--format", "json")
    assert res.returncode == 0, res.stderr
    recs = json.loads(res.stdout)
    assert len(recs) == 1
    assert recs[0]["payoff Challenger"] == 1 and recs[0]["path"] == "Challenger: challenge > Defender: concede"


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "args, match, code",
    [
        (["table", "no-such-model"], "unknown model 'no-such-model'", 1),
        (["table", "test-risk", "--param", "c=1"], "has no parameter(s) c", 1),
        (["table", "test-risk", "--param", "a"], "expected NAME=VALUE", 1),
        (["table", "test-risk", "--param", "a=11"], "above its range", 1),
        (["table", "test-risk", "--param", "a=x"], "not a number", 1),
        (["table", "test-risk", "--param", "a=nan"], "not a finite number", 1),
        (["sweep", "test-risk", "--grid", "a=0:1"], "START:STOP:COUNT", 1),
        (["sweep", "test-risk", "--grid", "a=0:1:0"], "COUNT must be a positive integer", 1),
        (["sweep", "test-risk", "--grid", "zz=0:1:3"], "unknown grid parameter", 1),
        (["sweep", "test-risk"], "give at least one --grid", 1),
        (["sweep", "test-risk", "--grid", "a=1,2", "--workers", "0"], "--workers must be at least 1", 1),
        (["plot", "test-risk", "--x", "a=0:1:3", "--y", "b=0:1:3", "-o", "fig.gif"], ".png, .pdf or .svg", 1),
        (["plot", "test-risk", "--x", "a=0:1:3", "--y", "a=0:1:3", "-o", "f.png"], "both vary", 1),
        (["table", "test-risk", "--format", "html"], "invalid choice", 2),
        (["frobnicate"], "invalid choice", 2),
        ([], "required", 2),
    ],
)
def test_bad_input_is_one_line_and_nonzero(args, match, code, tmp_path):
    assert_one_line_error(run(*args, cwd=tmp_path), match, code)


def test_bad_files(tmp_path):
    assert_one_line_error(run_exe("solve", str(tmp_path / "missing.nfg")), "cannot read")
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n1 2 3\n')
    assert_one_line_error(run_exe("solve", str(bad)), "line 3: 8 payoffs expected")
    bad.write_text('NFG 1 R "x" { "a" "b" }\n{ 2 2 }\n1 2 3 4 5 6 7 8 }\n')
    assert_one_line_error(run_exe("solve", str(bad)), "line 3")
    assert_one_line_error(run_exe("solve", str(tmp_path)), "cannot read")
    ok = tmp_path / "ok.nfg"
    ok.write_text('NFG 1 R "x" { "a" "b" } { 1 1 }\n1 2\n')
    assert_one_line_error(run_exe("solve", str(ok), "--method", "magic"), "unknown method 'magic'")
    missing = str(tmp_path / "no" / "dir" / "t.md")
    assert_one_line_error(run("table", "test-risk", "-o", missing), f"cannot write {missing!r}")


def test_solve_imperfect_information_efg_from_gambit_syntax(tmp_path):
    # matching pennies as a tree; B's second node names neither its information set nor its actions
    path = tmp_path / "mp.efg"
    path.write_text(
        'EFG 2 R "pennies" { "A" "B" }\n""\n'
        'p "" 1 1 "" { "H" "T" } 0\n'
        'p "" 2 1 "B" { "h" "t" } 0\n'
        't "" 1 "HH" { 1, -1 }\nt "" 2 "HT" { -1, 1 }\n'
        'p "" 2 1 0\n'
        't "" 3 "TH" { -1, 1 }\nt "" 4 "TT" { 1, -1 }\n'
    )
    import pygambit

    assert pygambit.read_efg(str(path)).title == "pennies"
    res = run_exe("solve", str(path), "--format", "json")
    assert res.returncode == 0, res.stderr
    (eq,) = json.loads(res.stdout)
    assert eq["path"] == "A: (H 1/2, T 1/2) > B: (h 1/2, t 1/2) > B: (h 1/2, t 1/2)"
    # a random outcome is one flat cell, written like a mixed step of the path
    assert eq["payoff A"] == 0 and eq["outcome"] == "(HH 1/4, HT 1/4, TH 1/4, TT 1/4)"


def test_help_exits_zero():
    res = run_exe("--help")
    assert res.returncode == 0 and "sweep" in res.stdout


def test_parse_grid_spec_exact():
    assert parse_grid_spec("x=0:1:5") == ("x", [0, F(1, 4), F(1, 2), F(3, 4), 1])
    assert parse_grid_spec("x=0.1:0.3:3") == ("x", [F(1, 10), F(1, 5), F(3, 10)])
    assert parse_grid_spec("k=a,b") == ("k", ["a", "b"])
    assert parse_grid_spec("x=2:2:1") == ("x", [2])
    with pytest.raises(GameError):
        parse_grid_spec("x=a:b:3")


# ---------------------------------------------------------------------- the real models (integration)
def test_olson_zeckhauser_table_end_to_end():
    res = run_exe("table", "olson-zeckhauser", "--format", "csv")
    assert res.returncode == 0, res.stderr
    df = read_csv(res.stdout)
    assert len(df) >= 1 and "n" in df.columns


def test_olson_zeckhauser_sweep_end_to_end(tmp_path):
    out = tmp_path / "oz.csv"
    res = run_exe("sweep", "olson-zeckhauser", "--grid", "alpha=1/4:3/4:3", "--format", "csv", "-o", str(out))
    assert res.returncode == 0, res.stderr
    df = read_csv(out)
    assert sorted(set(df["alpha"])) == [F(1, 4), F(1, 2), F(3, 4)]
    direct = gt.sweep(MODELS["olson-zeckhauser"], {"alpha": [F(1, 4), F(1, 2), F(3, 4)]})
    assert len(df) == len(direct)


def test_olson_zeckhauser_bad_param():
    assert_one_line_error(run_exe("table", "olson-zeckhauser", "--param", "no_such=1"), "has no parameter")
