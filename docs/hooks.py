"""MkDocs hook: docstring-layout warnings from griffe are reported, not fatal.

``mkdocs build --strict`` should fail on what breaks the site (a missing page, a dead
link, a module that cannot be found).  The numpy-docstring parser also warns about
free text after a ``Parameters`` section ("Source: ..." lines, which this project puts
in every public docstring); those warnings are downgraded to INFO here so that a
citation line in a docstring never breaks the build.
"""

from __future__ import annotations

import logging

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
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from models.registry import MODELS

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
            out.append("| output column | description |\n|---|---|")
            for col, desc in columns.items():
                out.append(f"| `{col}` | {_cell(desc)} |")
            out.append("")
        else:
            out.append("Output columns: not documented in the registry for this model.\n")
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if CATALOGUE_MARKER in markdown:
        return markdown.replace(CATALOGUE_MARKER, model_catalogue())
    return markdown
