"""MkDocs hooks: quiet docstring-layout warnings, generate pages from the registry and notebooks.

- docstring-layout warnings from griffe are reported, not fatal (below);
- the model catalogue and each family's output columns come from ``models.registry`` at build
  time (``<!-- model-catalogue -->``, ``<!-- model-columns: FAMILY -->``), so they never drift;
- each notebook ``docs/notebooks/NAME.ipynb`` becomes the page ``notebooks/NAME.md`` with its
  stored outputs (no kernel, no network at build time; ``tests/test_docs.py`` executes the
  notebooks and checks that the stored outputs are current);
- the model pages that moved to ``explanation/`` keep their old URLs as redirects.

``mkdocs build --strict`` should fail on what breaks the site (a missing page, a dead
link, a module that cannot be found).  The numpy-docstring parser also warns about
free text after a ``Parameters`` section ("Source: ..." lines, which this project puts
in every public docstring); those warnings are downgraded to INFO here so that a
citation line in a docstring never breaks the build.
"""

from __future__ import annotations

import logging
import re

_COSMETIC = (
    "Could not parse line",
    "does not appear in the function signature",
    "No types or annotations for",
    "No type or annotation for",
    "Failed to get 'name: description' pair",
    "Empty ",
)


class _Downgrade(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and any(s in record.getMessage() for s in _COSMETIC):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(command: str, dirty: bool) -> None:
    for name in ("griffe", "mkdocs.plugins.griffe", "mkdocs.plugins.mkdocstrings_handlers.python"):
        logging.getLogger(name).addFilter(_Downgrade())


# --- the generated model catalogue ------------------------------------------------------------
# docs/reference/model-catalogue.md holds this marker; the page is filled from the registry at
# build time, so it lists exactly the models that ``models.registry.MODELS`` registers.
CATALOGUE_MARKER = "<!-- model-catalogue -->"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def model_catalogue() -> str:
    """Markdown for every registered model: title, source, parameters and output columns.

    Output columns come from the model's ``columns`` mapping (column -> description) when it
    has one; a model without it shows none.
    """
    MODELS = _models()
    out = []
    for name in sorted(MODELS):
        model = MODELS[name]
        out.append(f"## `{name}`\n")
        out.append(f"**{_cell(model.title)}**. Source: {_cell(model.source)}.\n")
        if getattr(model, "description", ""):
            out.append(_cell(model.description) + "\n")
        params = getattr(model, "parameters", {})
        if params:
            out.append("| parameter | default | range | description |\n|---|---|---|---|")
            for pname, p in params.items():
                rng = p.range_text() if hasattr(p, "range_text") else ""
                if getattr(p, "choices", ()):
                    rng = "one of " + ", ".join(f"`{c}`" for c in p.choices)
                out.append(f"| `{pname}` | `{_cell(p.default)}` | {_cell(rng)} | {_cell(p.description)} |")
            out.append("")
        columns = getattr(model, "columns", {}) or {}
        if columns:
            out.extend(_column_table("output column", columns))
        else:
            out.append("Output columns: not documented in the registry for this model.\n")
        row_columns = getattr(model, "row_columns", {}) or {}
        if row_columns:
            out.extend(_column_table("table column (`gametheory table`)", row_columns))
    return "\n".join(out)


def _column_table(header: str, columns: dict) -> list[str]:
    """A Markdown table of column -> description, then a blank line."""
    rows = (f"| `{col}` | {_cell(desc)} |" for col, desc in columns.items())
    return [f"| {header} | description |\n|---|---|", *rows, ""]


COLUMNS_MARKER = re.compile(r"<!-- model-columns: ([\w -]+?) -->")


def model_columns(family: str) -> str:
    """Markdown: the output columns of every registered model of ``family`` (``Model.family``)."""
    models = _models()
    names = sorted(n for n, m in models.items() if m.family == family)
    if not names:
        raise ValueError(f"no registered model has family {family!r}")
    out = []
    for name in names:
        model = models[name]
        out.append(f"### Output columns of `{name}`\n")
        out.append(f"{_cell(model.title)} ([catalogue](catalogue.md#{name})).\n")
        out.extend(_column_table("output column", model.columns or {}))
        row_columns = getattr(model, "row_columns", {}) or {}
        if row_columns:
            out.append("Columns of its table (one row per ally, member, class or equilibrium):\n")
            out.extend(_column_table("table column", row_columns))
    return "\n".join(out)


def _models():
    _import_root()
    from models.registry import MODELS

    return MODELS


def _import_root() -> None:
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if CATALOGUE_MARKER in markdown:
        markdown = markdown.replace(CATALOGUE_MARKER, model_catalogue())
    return COLUMNS_MARKER.sub(lambda m: model_columns(m.group(1)), markdown)


# --- notebooks as pages -----------------------------------------------------------------------
NOTEBOOK_DIR = "notebooks"


def _text(x: object) -> str:
    return "".join(x) if isinstance(x, list) else str(x)


def _fence(text: str, lang: str) -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}\n"


def notebook_markdown(nb: dict, name: str) -> str:
    """Markdown for a notebook (nbformat 4 JSON): its cells and stored outputs, in order.

    Markdown cells pass through (their maths included); code cells become ``python`` blocks;
    outputs become ``text`` blocks (streams, plain results), raw HTML (tables) or PNG images.
    Read as JSON, so the docs build needs neither nbformat nor a kernel.
    """
    out = []
    for cell in nb.get("cells", []):
        src = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            out.append(src.rstrip() + "\n")
        elif cell.get("cell_type") == "code" and src.strip():
            out.append(_fence(src, "python"))
            for o in cell.get("outputs", []):
                kind = o.get("output_type")
                if kind == "stream" and o.get("name") == "stdout":
                    out.append(_fence(_text(o.get("text", "")), "text"))
                elif kind in ("execute_result", "display_data"):
                    data = o.get("data", {})
                    if "image/png" in data:
                        png = _text(data["image/png"]).replace("\n", "")
                        out.append(f'<p class="nb-output"><img alt="figure" src="data:image/png;base64,{png}"></p>\n')
                    elif "text/html" in data:
                        out.append('<div class="nb-output">\n' + _text(data["text/html"]).strip() + "\n</div>\n")
                    elif "text/plain" in data:
                        out.append(_fence(_text(data["text/plain"]), "text"))
                elif kind == "error":
                    raise ValueError(f"notebook {name} holds an error output ({o.get('ename')}); re-run it")
    out.append(f"---\n\nThis page is the notebook `docs/{NOTEBOOK_DIR}/{name}` with its stored outputs; the test "
               f"suite executes it and checks them. [Download the notebook]({name}).\n")
    return "\n".join(out)


def on_files(files, config):
    import json

    from mkdocs.structure.files import File

    for f in list(files):
        if f.src_uri.startswith(NOTEBOOK_DIR + "/") and f.src_uri.endswith(".ipynb"):
            with open(f.abs_src_path, encoding="utf-8") as fh:
                nb = json.load(fh)
            name = f.src_uri.rsplit("/", 1)[1]
            files.append(File.generated(config, f.src_uri[: -len(".ipynb")] + ".md",
                                        content=notebook_markdown(nb, name)))
    return files


# --- redirects for moved pages ----------------------------------------------------------------
#: old page (without .md) -> new page: the model pages became the explanation section
REDIRECTS = {
    "models/collective-goods": "explanation/collective-goods",
    "models/alliance-dilemma": "explanation/alliance-dilemma",
    "models/extended-deterrence": "explanation/extended-deterrence",
    "models/crisis-catalogue": "explanation/crisis-bargaining",
    "models/arms-race": "explanation/arms-race",
    "models/voting-power": "explanation/voting-power",
    "models/reputation": "explanation/reputation",
}

_REDIRECT_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Redirecting</title>
<link rel="canonical" href="{url}"><meta http-equiv="refresh" content="0; url={url}">
</head><body>This page moved to <a href="{url}">{url}</a>.</body></html>
"""


def on_post_build(config) -> None:
    import os

    for old, new in REDIRECTS.items():
        if config.use_directory_urls:
            path, url = os.path.join(old, "index.html"), "../../" + new + "/"
        else:
            path, url = old + ".html", "../" + new + ".html"
        target = os.path.join(config.site_dir, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(_REDIRECT_HTML.format(url=url))
