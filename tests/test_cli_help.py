"""The command line explains itself: --version, python -m gametheory, help for every argument,
examples in every --help that parse and name real models, bash completion, ETA text."""

from __future__ import annotations

import argparse
import io
import re
import shlex
import shutil
import subprocess
import sys

import pytest
from test_cli import ENV  # noqa: E402  (tests/ is on sys.path under pytest)

import gametheory as gt
from gametheory.cli import build_parser
from gametheory.solvers.limits import ProgressLine, eta_text


def python_m(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gametheory", *args], capture_output=True, text=True, env=ENV,
                          timeout=120)


def test_version_and_python_m():
    res = python_m("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"gametheory {gt.__version__}"
    res = python_m("--help")
    assert res.returncode == 0 and "examples:" in res.stdout and "usage: gametheory" in res.stdout


def _parsers():
    p = build_parser()
    return {"gametheory": p, **{f"gametheory {k}": sp for k, sp in p.commands.items()}}


def test_every_argument_and_subcommand_has_help():
    parsers = _parsers()
    assert set(parsers) == {"gametheory", *(f"gametheory {c}" for c in ("models", "table", "sweep", "solve", "plot",
                                                                          "completion"))}
    for name, p in parsers.items():
        for action in p._actions:  # every action argparse knows, not only the recorded ones
            assert action.help and action.help.strip() and action.help != argparse.SUPPRESS, (name, action.dest)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help and choice.help.strip(), choice.dest
        # completion sees every argument (the subcommand slot is listed as p.commands)
        assert [a for a in p._actions if not isinstance(a, argparse._SubParsersAction)] == p.arguments


def _examples(text: str) -> list[list[str]]:
    block = text.split("examples:", 1)[1]
    block = re.sub(r"\\\n\s*", " ", block)  # continued lines
    return [shlex.split(line.strip()) for line in block.splitlines() if line.strip().startswith("gametheory ")]


def test_every_help_has_examples_that_parse_and_name_real_models_and_parameters():
    from models.registry import MODELS

    checked = 0
    for name, p in _parsers().items():
        text = p.format_help()
        assert "examples:" in text, name
        for argv in _examples(text):
            args = build_parser().parse_args(argv[1:])  # a usage error raises
            checked += 1
            model = getattr(args, "model", None)
            if model is None or model.endswith(".efg"):
                continue
            assert model in MODELS, argv
            params = MODELS[model].parameters
            given = [s.split("=")[0] for s in (args.param or []) + (getattr(args, "grid", None) or [])]
            if getattr(args, "kind", None) in (None, "map"):
                given += [s.split("=")[0] for s in (getattr(args, "x", None), getattr(args, "y", None)) if s]
            assert all(k in params for k in given), (argv, given)
    assert checked >= 15


def test_help_examples_of_the_scatter_name_real_columns():
    from models.registry import MODELS

    rows = MODELS["olson-zeckhauser-data"].rows(year=2018)
    assert {"gdp_bn", "actual_burden", "ally"} <= set(rows[0])


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("words, expected", [
    ("gametheory pl", {"plot"}),
    ("gametheory plot olson-zeckhauser-d", {"olson-zeckhauser-data"}),
    ("gametheory plot extended-deterrence --sty", {"--style"}),
    ("gametheory plot extended-deterrence --style ", {"default", "paper"}),
    ("gametheory solve g.nfg --for", {"--format"}),
    ("gametheory --ver", {"--version"}),
])
def test_bash_completion(tmp_path, words, expected):
    res = python_m("completion", "bash", "-o", str(tmp_path / "gt.bash"))
    assert res.returncode == 0, res.stderr
    parts = words.split(" ")
    script = (f"source {shlex.quote(str(tmp_path / 'gt.bash'))}; COMP_WORDS=({' '.join(map(shlex.quote, parts))}); "
              f"COMP_CWORD={len(parts) - 1}; _gametheory; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert set(out.stdout.split()) == expected


@pytest.mark.parametrize("elapsed, done, total, start, text", [
    (0.0, 0, 10, 0, "ETA --"),      # nothing done, no time: unknown, not nan
    (0.0, 5, 10, 0, "ETA --"),      # work done in zero time: unknown, not inf
    (2.0, 0, 10, 0, "ETA --"),
    (2.0, 5, 10, 5, "ETA --"),      # all of it resumed from a checkpoint: no rate yet
    (2.0, 5, 10, 0, "ETA 2.0s"),
    (2.0, 6, 10, 4, "ETA 4.0s"),    # rate from this run's 2 points
    (60.0, 1, 3, 0, "ETA 2m00s"),
    (1.0, 1, 10_000, 0, "ETA 2h46m"),
    (1.0, 10, 10, 0, "ETA 0.0s"),
    (1.0, 3, None, 0, "ETA --"),
    (float("nan"), 3, 10, 0, "ETA --"),
])
def test_eta_text(elapsed, done, total, start, text):
    assert eta_text(elapsed, done, total, start) == text


def test_progress_line_shows_an_eta_and_wipes_a_longer_line():
    buf = io.StringIO()
    line = ProgressLine("solve", "steps", stream=buf)
    line(0, 100)
    line.last = -1.0
    line(3, None)
    line.close()
    first, second = buf.getvalue().strip("\n").split("\r")[1:]
    assert first.endswith("ETA --") and "nan" not in buf.getvalue()
    assert len(second) == len(first)  # padded over the longer previous text


def test_the_paper_figures_in_the_docs_name_the_commands_that_made_them():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "docs" / "figures" / "README.md").read_text()
    commands = [shlex.split(line) for line in readme.splitlines() if line.startswith("gametheory plot ")]
    made = set()
    for argv in commands:
        args = build_parser().parse_args(argv[1:])
        assert args.style == "paper"
        made.add(args.output)
        assert (root / args.output).is_file(), args.output
    # every figure file has its command, each in PNG and PDF
    files = {f"docs/figures/{p.name}" for p in (root / "docs" / "figures").iterdir() if p.suffix in (".png", ".pdf")}
    assert files == made and len(files) >= 2
    assert {Path(f).suffix for f in files} == {".png", ".pdf"}


def test_solve_method_help_lists_every_registered_method():
    from gametheory.solvers.dispatch import METHODS

    # wide enough that argparse never splits "lemke-howson" at its hyphen
    env = {**ENV, "COLUMNS": "400"}
    out = subprocess.run([sys.executable, "-m", "gametheory", "solve", "--help"], capture_output=True, text=True, check=True, env=env).stdout
    flat = " ".join(out.split())
    assert all(m in flat for m in METHODS), [m for m in METHODS if m not in flat]
