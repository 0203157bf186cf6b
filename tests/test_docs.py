"""The documentation: its code examples run and print what the pages show, its API pages name
real modules, its notebooks execute, and it builds strictly with rendered maths."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
NOTEBOOKS = sorted((DOCS / "notebooks").glob("*.ipynb"))

# a fenced block at the start of a line: its fence, language and body
_FENCE = re.compile(r"^(`{3,})([\w-]*)[^\n]*\n(.*?)^\1[ \t]*$", flags=re.S | re.M)


@dataclass(frozen=True)
class Example:
    """One runnable block of a page: ``python`` (with the ``text`` block right after it, if any,
    as its expected output), ``pycon`` (doctest) or ``console`` (``$ gametheory ...`` lines)."""

    lang: str
    code: str
    expected: str | None
    line: int


def _examples(page: Path) -> list[Example]:
    text = page.read_text()
    fences = list(_FENCE.finditer(text))
    out = []
    for k, m in enumerate(fences):
        lang, line = m.group(2), text.count("\n", 0, m.start()) + 1
        if lang == "python":
            expected = None
            nxt = fences[k + 1] if k + 1 < len(fences) else None
            # the output a page shows is the text block that follows with nothing but blank lines between
            if nxt is not None and nxt.group(2) == "text" and not text[m.end():nxt.start()].strip():
                expected = nxt.group(3)
            out.append(Example("python", m.group(3), expected, line))
        elif lang in ("pycon", "console"):
            out.append(Example(lang, m.group(3), None, line))
    return out


def _blocks(page: Path) -> list[str]:
    return [e.code for e in _examples(page) if e.lang == "python"]


def _same_output(got: str, expected: str) -> bool:
    norm = lambda s: [ln.rstrip() for ln in s.strip("\n").splitlines()]
    return norm(got) == norm(expected)


def _run_console(block: str) -> list[tuple[str, str, str]]:
    """Run each ``$ gametheory ...`` line of a console block (in this process, through the console
    script's entry point ``gametheory.cli.main``); (command, expected, got) per line."""
    from gametheory.cli import main

    runs, cmd, expected = [], None, []
    for ln in block.splitlines() + ["$ "]:
        if ln.startswith("$ "):
            if cmd:
                argv = shlex.split(cmd)
                assert argv[0] == "gametheory", f"console blocks run the gametheory command only, not {cmd!r}"
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    status = main(argv[1:])
                assert status == 0, f"{cmd}: exit status {status}: {err.getvalue()}"
                runs.append((cmd, "\n".join(expected), out.getvalue()))
            cmd, expected = ln[2:].strip(), []
        else:
            expected.append(ln)
    return runs


@pytest.mark.parametrize("page", [p for p in PAGES if _examples(p)], ids=lambda p: p.relative_to(DOCS).as_posix())
def test_code_examples_run_and_print_what_the_page_shows(page, tmp_path, monkeypatch):
    """Every python block runs (in order, one namespace per page); what it prints must be the
    ``text`` block that follows it, and a block that prints with no such block fails (printed
    output a reader cannot compare is output nobody checks). ``pycon`` blocks run as doctests,
    ``console`` blocks as ``gametheory`` commands whose output follows each ``$`` line."""
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    ns: dict = {"__name__": "__docs__"}
    for k, ex in enumerate(_examples(page)):
        where = f"{page.relative_to(DOCS)}:{ex.line}"
        if ex.lang == "python":
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(ex.code, f"{page.name}[block {k}]", "exec"), ns)
            got = buf.getvalue()
            if ex.expected is None:
                assert got == "", f"{where}: the block prints output the page does not show:\n{got}"
            else:
                assert _same_output(got, ex.expected), f"{where}: printed\n{got}\nbut the page shows\n{ex.expected}"
        elif ex.lang == "pycon":
            test = doctest.DocTestParser().get_doctest(ex.code, ns, where, str(page), ex.line)
            runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
            report = io.StringIO()
            runner.run(test, out=report.write, clear_globs=False)
            assert runner.failures == 0, report.getvalue()
        else:
            for cmd, expected, got in _run_console(ex.code):
                assert _same_output(got, expected), f"{where}: `{cmd}` printed\n{got}\nbut the page shows\n{expected}"


def test_output_checking_catches_a_wrong_or_unshown_output(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("```python\nprint(1 + 1)\n```\n\n```text\n3\n```\n\n```python\nx = 1\n```\n")
    (good_code, wrong), (quiet, none) = [(e.code, e.expected) for e in _examples(page)]
    assert wrong == "3\n" and none is None and quiet == "x = 1\n"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(good_code, {})
    assert not _same_output(buf.getvalue(), wrong) and _same_output(buf.getvalue(), "2\n")
    # a text block separated from its code by prose is not that code's output
    page.write_text("```python\nprint(2)\n```\nSome prose.\n```text\n2\n```\n")
    assert _examples(page)[0].expected is None


def test_output_blocks_are_compared_somewhere():
    # the docs show printed output, and every shown output belongs to a python block
    shown = [e for p in PAGES for e in _examples(p) if e.expected is not None]
    assert len(shown) >= 10
    for p in PAGES:
        text = p.read_text()
        fences = list(_FENCE.finditer(text))
        for k, m in enumerate(fences):
            if m.group(2) == "text":
                prev = fences[k - 1] if k else None
                assert prev is not None and prev.group(2) == "python" and not text[prev.end():m.start()].strip(), \
                    f"{p.relative_to(DOCS)}: a text block that follows no python block is never checked"


def _require_docs_extra() -> None:
    """The 'docs' extra (README: pip install ".[test,docs]"): missing, the build tests fail here
    with the module's name rather than being skipped."""
    import mkdocs  # noqa: F401
    import mkdocstrings  # noqa: F401
    import mkdocstrings_handlers.python  # noqa: F401


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built once per test module with ``mkdocs build --strict`` (no network needed)."""
    _require_docs_extra()
    out = tmp_path_factory.mktemp("site")
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return out


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text()


def test_mkdocs_build_strict(site):
    html = _html(site, "reference/sweep-tables")
    assert "gametheory.sweep.sweep" in html and "to_table" in html
    from models.registry import MODELS

    catalogue = _html(site, "reference/models/catalogue")
    assert all(name in catalogue for name in MODELS)
    models_page = _html(site, "reference/models/alliance-dilemma")
    assert "models.alliance_dilemma.commitment_game" in models_page
    assert "models.deterrence.estimation.fit_deterrence" in _html(site, "reference/models/estimation")


def test_every_registered_models_output_columns_are_in_the_built_reference(site):
    # generated from Model.columns at build time: the catalogue and the model's family reference page
    from models.registry import MODELS

    family_pages = {}
    for page in (DOCS / "reference" / "models").glob("*.md"):
        for fam in re.findall(r"<!-- model-columns: ([\w -]+?) -->", page.read_text()):
            family_pages[fam] = page.relative_to(DOCS).with_suffix("").as_posix()
    assert {m.family for m in MODELS.values()} <= set(family_pages)  # a new family needs a reference page
    catalogue = _html(site, "reference/models/catalogue")
    for name, model in MODELS.items():
        assert model.columns, f"{name} documents no output columns"
        family_html = _html(site, family_pages[model.family])
        assert f"Output columns of <code>{name}</code>" in family_html
        for col in {**model.columns, **model.row_columns}:
            cell = f"<td><code>{col}</code></td>"
            assert cell in catalogue and cell in family_html, (name, col)


def test_maths_is_rendered_by_arithmatex_and_mathjax(site):
    import pymdownx.arithmatex  # noqa: F401  (the docs extra declares pymdown-extensions)

    html = _html(site, "explanation/collective-goods")
    # $...$ became MathJax-delimited spans, $$...$$ a displayed block; no raw dollar maths is left
    assert re.search(r'<span class="arithmatex">\\\(.*?\\\)</span>', html)
    assert re.search(r'<div class="arithmatex">\\\[.*?\\\]</div>', html, flags=re.S)
    assert "$G = " not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any(s.endswith("javascripts/mathjax.js") for s in scripts)
    assert any(re.search(r"mathjax@3/es5/tex-[\w-]+\.js$", s) for s in scripts)
    # the configuration typesets exactly the arithmatex output
    config = (site / "javascripts" / "mathjax.js").read_text()
    assert 'processHtmlClass: "arithmatex"' in config


def test_no_page_shows_raw_dollar_maths(site):
    # maths arithmatex did not take (e.g. $$ inside a list item) shows as dollars beside a span
    for html_file in site.rglob("index.html"):
        html = html_file.read_text()
        prose = re.sub(r"<(pre|code|script)\b.*?</\1>", "", html, flags=re.S)
        bad = re.search(r"\$<span class=\"arithmatex\"|</span>\$|\$\$|\$\\[a-zA-Z]", prose)
        assert bad is None, f"{html_file.relative_to(site)}: unrendered maths near {prose[bad.start() - 60:bad.end() + 60]!r}"


def test_moved_model_pages_redirect_to_their_explanation(site):
    sys.path.insert(0, str(DOCS))
    try:
        import hooks
    finally:
        sys.path.remove(str(DOCS))
    for old, new in hooks.REDIRECTS.items():
        assert (DOCS / f"{new}.md").exists()
        html = _html(site, old)
        assert f'url=../../{new}/"' in html and (site / new / "index.html").exists()


def test_notebooks_are_pages_of_the_site(site):
    for nb in NOTEBOOKS:
        stem = nb.relative_to(DOCS).with_suffix("").as_posix()
        html = _html(site, stem)
        cells = json.loads(nb.read_text())["cells"]
        first_code = next(c for c in cells if c["cell_type"] == "code")
        assert "".join(first_code["source"]).splitlines()[0].split()[0] in html
        assert (site / nb.relative_to(DOCS)).exists()  # the notebook itself is downloadable


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


# --- notebooks ---------------------------------------------------------------------------------


def _require_test_extra_notebooks():
    """nbclient, nbformat and ipykernel are in the 'test' extra; missing, the test fails naming them."""
    import ipykernel  # noqa: F401
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401


def _shown(outputs: list) -> list[str]:
    """The text a notebook cell shows: stdout and plain-text results. Images are not compared,
    nor stderr (warnings, matplotlib's font-cache notice on a fresh machine), which the stored
    notebooks do not keep (:func:`update_notebook`). The kernel may send one print in several
    chunks, so the stdout between two results counts as one output."""
    out: list[str] = []
    in_stdout = False
    for o in outputs:
        if o["output_type"] == "stream":
            if o.get("name") == "stdout":
                text = o["text"] if isinstance(o["text"], str) else "".join(o["text"])
                if in_stdout:
                    out[-1] += text
                else:
                    out.append(text)
                in_stdout = True
        elif o["output_type"] in ("execute_result", "display_data"):
            in_stdout = False
            if "image/png" not in o["data"]:
                t = o["data"].get("text/plain", "")
                out.append(t if isinstance(t, str) else "".join(t))
    return out


def test_notebook_outputs_compare_stdout_however_it_was_chunked():
    one = [{"output_type": "stream", "name": "stdout", "text": "a\nb\n"}]
    two = [{"output_type": "stream", "name": "stdout", "text": "a\nb"},
           {"output_type": "stream", "name": "stderr", "text": "Matplotlib is building the font cache"},
           {"output_type": "stream", "name": "stdout", "text": ["\n"]}]
    assert _shown(one) == _shown(two) == ["a\nb\n"]
    assert _shown(one) != _shown([{"output_type": "stream", "name": "stdout", "text": "a\nc\n"}])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_asserts_in_every_cell_and_shows_current_outputs(path):
    _require_test_extra_notebooks()
    import nbformat
    from nbclient import NotebookClient

    stored = nbformat.read(path, as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert len(code) >= 3
    assert not any(o["output_type"] == "stream" and o.get("name") == "stderr" for c in code for o in c.outputs)
    for c in code:  # each cell checks what it computed, so a wrong result fails the run
        assert re.search(r"^\s*assert\b", c.source, flags=re.M), f"{path.name}: a cell asserts nothing:\n{c.source}"
    fresh = nbformat.read(path, as_version=4)
    for c in fresh.cells:
        if c.cell_type == "code":
            c.outputs = []
    # the kernel starts in the repository root, so it imports this checkout's packages
    NotebookClient(fresh, timeout=120, startup_timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}, allow_errors=False).execute()
    for old, new in zip((c for c in stored.cells if c.cell_type == "code"),
                        (c for c in fresh.cells if c.cell_type == "code")):
        assert _shown(new.outputs) == _shown(old.outputs), f"{path.name}: stored output is stale for\n{old.source}"


# --- updating what the docs show (for authors: `python tests/test_docs.py --update FILE ...`) ---


def update_page(page: Path) -> bool:
    """Rewrite the ``text`` block after each python block of ``page`` to what the block prints
    (added where it prints and has none, removed where it prints nothing); True if changed.
    Review the diff: the test compares against what the page shows, so a wrong output accepted
    here is a wrong output in the docs."""
    text = page.read_text()
    fences = list(_FENCE.finditer(text))
    ns: dict = {"__name__": "__docs__"}
    out, pos, skip = [], 0, set()
    cwd = os.getcwd()
    import tempfile

    os.chdir(tempfile.mkdtemp())
    try:
        for k, m in enumerate(fences):
            if k in skip or m.group(2) != "python":
                continue
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(m.group(3), f"{page.name}[block {k}]", "exec"), ns)
            got = buf.getvalue().rstrip()
            nxt = fences[k + 1] if k + 1 < len(fences) else None
            shown = nxt is not None and nxt.group(2) == "text" and not text[m.end():nxt.start()].strip()
            out.append(text[pos:m.end()])
            pos = m.end()
            if shown:
                skip.add(k + 1)
                pos = nxt.end()
            if got:
                out.append(f"\n\n```text\n{got}\n```")
    finally:
        os.chdir(cwd)
    out.append(text[pos:])
    new = "".join(out)
    if new != text:
        page.write_text(new)
    return new != text


def update_notebook(path: Path) -> None:
    """Execute a notebook in the repository root and store its fresh outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, startup_timeout=180, kernel_name="python3", coalesce_streams=True,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    for c in nb.cells:
        if c.cell_type == "code":
            c.metadata = {}
            c.outputs = [o for o in c.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
    nbformat.write(nb, path)


def test_update_page_writes_what_the_blocks_print(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# P\n\n```python\nprint(6 * 7)\n```\n\n```text\n41\n```\n\nProse.\n\n```python\nx = 1\n```\n\n"
                    "```python\nprint('new')\n```\nEnd.\n")
    assert update_page(page)
    examples = _examples(page)
    assert [e.expected for e in examples] == ["42\n", None, "new\n"]
    assert "Prose." in page.read_text() and page.read_text().endswith("End.\n")
    assert not update_page(page)  # idempotent


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Update the outputs the docs show (then review the diff).")
    parser.add_argument("--update", nargs="+", type=Path, metavar="FILE", required=True,
                        help="Markdown pages (.md) or notebooks (.ipynb) under docs/")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    for f in args.update:
        if f.suffix == ".ipynb":
            update_notebook(f.resolve())
            print("executed", f)
        else:
            print(("updated " if update_page(f.resolve()) else "unchanged ") + str(f))


def test_console_blocks_run_the_command_and_compare_its_output():
    (cmd, expected, got), = _run_console("$ gametheory table brinkmanship --format csv\nnot this output\n")
    assert cmd.startswith("gametheory table") and "q_low" in got and not _same_output(got, expected)
    with pytest.raises(AssertionError, match="gametheory command only"):
        _run_console("$ rm -rf /\n")
