"""Count the numpydoc sections and doctest examples of the public entry points.

``python tests/numpydoc_stats.py`` prints, for the public entry points (every name in
``gametheory.__all__``, the ``__all__`` of the subpackage facades and the model entry points of
DESIGN.md sections 2 and 9), how many have each numpydoc section, and the number of doctest
examples found in ``gametheory`` and ``models``.  ``tests/test_doctests.py`` imports it.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECTIONS = ("Parameters", "Returns", "Raises", "References", "Examples")
FACADES = ("extensive", "bayesian", "continuous", "cooperative", "repeated", "symbolic", "ordinal", "io", "interop",
           "plot")
# DESIGN.md sections 2 and 9: the model entry points research code calls directly
MODEL_ENTRY_POINTS = {
    "models.collective_goods": ("Alliance", "volunteers_dilemma", "threshold_game", "nato_data", "exploitation_test",
                                "joint_products"),
    "models.alliance_dilemma": ("commitment_game", "probabilistic_commitment"),
    "models.extended_deterrence": ("unilateral_deterrence", "brinkmanship", "tying_hands", "sinking_costs"),
    "models.crisis": ("GAMES",),
    "models.arms_race": ("richardson", "alliance_race", "arms_race", "security_dilemma", "reassurance", "budget_regime"),
    "models.voting": ("alliance_voting_power", "nato_voting_power", "apportion"),
    "models.reputation": ("chain_store",),
}
# modules never imported for doctests (the CLI entry point runs on import)
SKIP_MODULES = {"gametheory.__main__"}


def entry_points() -> dict[str, object]:
    """Qualified name -> object for every public entry point that can carry a docstring
    (functions, classes, modules, and mappings such as ``crisis.GAMES``); plain constants
    (numbers, tuples, dicts) are left out."""
    import gametheory

    named: dict[str, object] = {}
    for name, (module, attr) in sorted(gametheory._EXPORTS.items()):
        # resolved through the export table, not getattr: ``import gametheory.sweep`` makes
        # ``gametheory.sweep`` the (callable) module, whose docstring is the module's
        mod = importlib.import_module(f"gametheory.{module}")
        named[f"gametheory.{name}"] = mod if attr is None else getattr(mod, attr)
    for sub in FACADES:
        mod = importlib.import_module(f"gametheory.{sub}")
        for name in mod.__all__:
            named[f"gametheory.{sub}.{name}"] = getattr(mod, name)
    for modname, names in MODEL_ENTRY_POINTS.items():
        mod = importlib.import_module(modname)
        for name in names:
            named[f"{modname}.{name}"] = getattr(mod, name)
    out: dict[str, object] = {}
    seen: set[int] = set()
    for qual, obj in named.items():
        documented = (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj)
                      or qual == "models.crisis.GAMES")
        if not documented or id(obj) in seen:
            continue
        seen.add(id(obj))
        out[qual] = obj
    return out


def sections(obj: object) -> set[str]:
    doc = inspect.getdoc(obj) or ""
    return {s for s in SECTIONS if re.search(rf"^{s}\n-{{3,}}$", doc, flags=re.M)}


def has_doctest(obj: object) -> bool:
    return ">>> " in (inspect.getdoc(obj) or "")


def modules() -> list:
    """Every importable module of gametheory and models (private ones included: that is where
    the implementation, and so the docstrings, live)."""
    mods = []
    for pkg_name in ("gametheory", "models"):
        pkg = importlib.import_module(pkg_name)
        mods.append(pkg)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg_name}."):
            if info.name not in SKIP_MODULES:
                mods.append(importlib.import_module(info.name))
    return mods


def doctests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests: dict[str, doctest.DocTest] = {}
    for mod in modules():
        for t in finder.find(mod):
            if t.examples:
                tests.setdefault(t.name, t)
    return sorted(tests.values(), key=lambda t: t.name)


def report() -> str:
    eps = entry_points()
    lines = [f"public entry points: {len(eps)}"]
    for s in SECTIONS:
        lines.append(f"  with {s}: {sum(s in sections(o) for o in eps.values())}")
    lines.append(f"  with all five sections: {sum(set(SECTIONS) <= sections(o) for o in eps.values())}")
    lines.append(f"  with a doctest: {sum(has_doctest(o) for o in eps.values())}")
    tests = doctests()
    lines.append(f"doctests (docstrings with examples): {len(tests)}; examples: {sum(len(t.examples) for t in tests)}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
    if "-v" in sys.argv:
        for qual, obj in entry_points().items():
            print(f"{qual:55s} {' '.join(sorted(sections(obj)))}{'  [doctest]' if has_doctest(obj) else ''}")
