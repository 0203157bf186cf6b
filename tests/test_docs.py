"""The documentation: its code examples run, its API pages name real modules, and it builds."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def _blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(), flags=re.S | re.M)


def test_pages_exist():
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"index.md", "getting-started.md", "workflow.md", "cli.md"} <= names
    assert {f"models/{m}.md" for m in ("collective-goods", "alliance-dilemma", "extended-deterrence", "crisis-catalogue",
                                       "voting-power")} <= names


def test_every_page_is_in_the_nav_and_every_nav_entry_exists():
    nav = re.findall(r":\s*([\w./-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(), flags=re.M)
    assert sorted(nav) == sorted(p.relative_to(DOCS).as_posix() for p in PAGES)


def test_api_pages_name_importable_objects():
    targets = [t for p in PAGES for t in re.findall(r"^::: ([\w.]+)", p.read_text(), flags=re.M)]
    assert len(targets) >= 20
    for t in targets:
        importlib.import_module(t)  # every reference target is a module


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p)], ids=lambda p: p.relative_to(DOCS).as_posix())
def test_code_examples_run(page):
    ns: dict = {"__name__": "__docs__"}
    for k, block in enumerate(_blocks(page)):
        exec(compile(block, f"{page.name}[block {k}]", "exec"), ns)


def _require_docs_extra() -> None:
    """The 'docs' extra (README: pip install ".[test,docs]"): missing, the build tests fail here
    with the module's name rather than being skipped."""
    import mkdocs  # noqa: F401
    import mkdocstrings  # noqa: F401
    import mkdocstrings_handlers.python  # noqa: F401


def test_mkdocs_build_strict(tmp_path):
    _require_docs_extra()
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    html = (tmp_path / "site" / "reference" / "sweep-tables" / "index.html").read_text()
    assert "gametheory.sweep.sweep" in html and "to_table" in html
    from models.registry import MODELS

    catalogue = (tmp_path / "site" / "reference" / "models" / "catalogue" / "index.html").read_text()
    assert all(name in catalogue for name in MODELS)
    models_page = (tmp_path / "site" / "reference" / "models" / "alliance-dilemma" / "index.html").read_text()
    assert "models.alliance_dilemma.commitment_game" in models_page


def test_strict_build_still_fails_on_a_missing_module(tmp_path):
    _require_docs_extra()
    # the hook that quiets docstring-layout warnings must not hide real errors
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs" / "reference" / "extensive.md").write_text("# Broken\n\n::: gametheory.no_such_module\n")
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
    )
    assert res.returncode != 0
    assert "no_such_module" in res.stderr


def _targets() -> list[str]:
    return [t for p in PAGES for t in re.findall(r"^::: ([\w.]+)", p.read_text(), flags=re.M)]


def test_api_pages_point_at_public_modules_and_cover_every_facade():
    targets = _targets()
    private = [t for t in targets if any(part.startswith("_") for part in t.split("."))]
    assert private == []  # a reference page documents public facades, never a private module
    facades = {f"gametheory.{s}" for s in ("extensive", "bayesian", "continuous", "cooperative", "repeated",
                                            "symbolic", "ordinal", "io", "solvers")}
    models = {f"models.{m}" for m in ("collective_goods", "alliance_dilemma", "extended_deterrence", "crisis", "registry")}
    assert facades | models <= set(targets)


def test_model_catalogue_lists_every_model_parameter_and_column(monkeypatch):
    sys.path.insert(0, str(DOCS))
    try:
        import hooks
    finally:
        sys.path.remove(str(DOCS))
    from models.registry import MODELS

    page = (DOCS / "reference" / "models" / "catalogue.md").read_text()
    assert hooks.CATALOGUE_MARKER in page
    text = hooks.model_catalogue()
    for name, model in MODELS.items():
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        assert all(f"`{p}`" in section for p in model.parameters), name
        assert all(f"`{c}`" in section for c in getattr(model, "columns", {}) or {}), name
    # a model that documents its output columns gets them listed (the registry's ``columns``)
    import dataclasses

    first = next(iter(MODELS))
    model = MODELS[first]
    fake = type("M", (), {**{f.name: getattr(model, f.name) for f in dataclasses.fields(model)},
                          "columns": {"burden_share": "contribution / income"}})()
    monkeypatch.setattr("models.registry.MODELS", {first: fake})
    assert "| `burden_share` | contribution / income |" in hooks.model_catalogue()
