"""The registry is handed to sweeps by their caller; gametheory never imports models (issue 13)."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys
from fractions import Fraction as F

import pandas as pd
import pytest

import gametheory as gt
from gametheory.errors import GameError

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_a_bare_model_name_without_a_registry_is_refused():
    with pytest.raises(GameError, match=r"registry=models\.registry\.MODELS"):
        gt.sweep("brinkmanship", {"p_hardline": [F(1, 4)]})


def test_a_name_with_a_registry_equals_the_model_object():
    from models.registry import MODELS

    grid = {"p_hardline": [F(1, 4), F(1, 3), F(1, 2)]}
    by_name = gt.sweep("brinkmanship", grid, registry=MODELS)
    pd.testing.assert_frame_equal(by_name, gt.sweep(MODELS["brinkmanship"], grid))
    # the rows are the model's own solve at each point
    assert by_name.to_dict("records") == [MODELS["brinkmanship"].solve(p_hardline=p) for p in grid["p_hardline"]]


def test_any_mapping_is_a_registry_and_unknown_names_are_named():
    from models.registry import MODELS

    mine = {"vd": MODELS["volunteers-dilemma"]}
    df = gt.sweep("vd", {"benefit": [4, 5]}, registry=mine)
    assert df["benefit"].tolist() == [4, 5]
    with pytest.raises(GameError, match="unknown model 'nope'.*vd"):
        gt.sweep("nope", {"benefit": [4]}, registry=mine)
    with pytest.raises(GameError, match="registry must be a mapping"):
        gt.sweep("vd", {"benefit": [4]}, registry=["vd"])


class _DuckModel:
    """A model that is not a models.registry.Model: only the SweepModel interface."""

    name = "duck"

    class _P:
        default = 1

        def check(self, name, value):
            if value < 0:
                raise GameError(f"parameter {name}={value} is below its range")
            return value

    parameters = {"a": _P()}

    def solve(self, **p):
        return {**p, "twice": 2 * p["a"]}


def test_a_duck_typed_model_sweeps_through_the_protocol():
    from gametheory.sweep import SweepModel

    assert isinstance(_DuckModel(), SweepModel)
    df = gt.sweep(_DuckModel(), {"a": [1, 2]})
    assert df.to_dict("records") == [{"a": 1, "twice": 2}, {"a": 2, "twice": 4}]
    with pytest.raises(GameError, match="below its range"):
        gt.sweep(_DuckModel(), {"a": [-1]})
    with pytest.raises(GameError, match="registry="):
        gt.sweep("duck", {"a": [1]})


def test_importing_gametheory_and_every_submodule_never_imports_models():
    code = (
        "import importlib, pkgutil, sys\n"
        "import gametheory\n"
        "for m in pkgutil.walk_packages(gametheory.__path__, 'gametheory.'):\n"
        "    if m.name != 'gametheory.cli' and not m.name.startswith('gametheory.__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "import gametheory as gt\n"
        "gt.sweep(lambda a: {'b': a}, {'a': [1, 2]})\n"
        "try:\n"
        "    gt.sweep('brinkmanship', {'p_hardline': [0.5]})\n"
        "except gt.GameError:\n"
        "    pass\n"
        "bad = sorted(m for m in sys.modules if m == 'models' or m.startswith('models.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr


def _imports_of_models(tree: ast.AST) -> list[str]:
    """Import statements and import_module/__import__ calls that name the models package."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "models"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "models":
            found.append(node.module)
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            if name in ("import_module", "__import__") and node.args:
                arg = node.args[0]
                text = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else ast.unparse(arg)
                if "models" in text:
                    found.append(text)
    return found


def test_the_ast_scan_sees_every_form_of_import():
    src = "import models\nfrom models.registry import MODELS\nimportlib.import_module('models.registry')\n__import__('models')"
    assert len(_imports_of_models(ast.parse(src))) == 4


def test_no_gametheory_module_but_the_cli_imports_models():
    offenders = {}
    for path in sorted((ROOT / "gametheory").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        found = _imports_of_models(ast.parse(path.read_text(encoding="utf-8")))
        if found and rel != "gametheory/cli.py":  # the top layer: DESIGN 1 lets it import models
            offenders[rel] = found
    assert not offenders
