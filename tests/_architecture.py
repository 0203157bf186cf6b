"""Static import graph of ``gametheory`` and ``models``, read with :mod:`ast` (nothing is imported).

Used by ``tests/test_architecture.py``; ``python tests/_architecture.py`` prints the counts.

Rules the test enforces (the conventions of issue 13):

* A module-private name (``_name``) is used only in the module that defines it: it is never
  imported from another module.  A helper that two modules share gets a public name in a
  private module of its package (``solvers/_polytope.py: exact_point``).
* A package-private module (``pkg/_mod.py`` or ``pkg/_sub/``) is imported only by modules of
  ``pkg`` itself (and by modules inside ``_mod``/``_sub``); every other package goes through
  ``pkg``'s public facade or a public module.  The root package ``gametheory`` counts like any
  other package: its private modules (``gametheory/_sweep/``) serve its top-level modules
  (``sweep.py``, ``cli.py``), not the subpackages; a subpackage is not "inside" the root.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("gametheory", "models")


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    target: str  # dotted module name of what is imported (a module, or the module holding `name`)
    name: str | None  # the name taken from `target` by `from target import name`, else None
    lineno: int


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the two packages."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _is_package(mod: str, files: dict[str, Path]) -> bool:
    return files[mod].name == "__init__.py"


def package_of(mod: str, files: dict[str, Path]) -> str:
    """The package a module belongs to (a package ``__init__`` belongs to itself)."""
    return mod if _is_package(mod, files) else mod.rpartition(".")[0]


def _resolve(importer: str, level: int, module: str | None, files: dict[str, Path]) -> str:
    if level == 0:
        return module or ""
    base = package_of(importer, files).split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:`` (annotations only; never executed)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            out |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return out


def imports(files: dict[str, Path]) -> list[Import]:
    """Every import statement of the two packages, at any depth (inside functions too).

    Imports under ``if TYPE_CHECKING:`` are left out: they never run, and a type may name the
    class whose methods call the module (``ExtensiveFormGame.to_normal_form``) without making
    an import cycle.
    """
    found = []
    for mod, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.append(Import(mod, alias.name, None, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(mod, node.level, node.module, files)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in files:  # `from pkg import submodule`
                        found.append(Import(mod, sub, None, node.lineno))
                    else:
                        found.append(Import(mod, target, alias.name, node.lineno))
    return [i for i in found if i.target.split(".")[0] in PACKAGES]


def _known(target: str, files: dict[str, Path]) -> str:
    """The longest prefix of ``target`` that is a module of ours (``import a.b.c`` -> a.b.c)."""
    parts = target.split(".")
    while parts and ".".join(parts) not in files:
        parts.pop()
    return ".".join(parts)


def graph(files: dict[str, Path], found: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in files}
    for imp in found:
        target = _known(imp.target, files)
        if target and target != imp.importer:
            edges[imp.importer].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def cycle_path(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """One concrete cycle a -> b -> ... -> a inside a strongly connected component."""
    comp = set(component)
    start = component[0]
    # breadth-first search back to start, within the component
    prev = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges[v] & comp):
                if w == start:
                    path = [v]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    return list(reversed(path)) + [start]
                if w not in prev:
                    prev[w] = v
                    nxt.append(w)
        frontier = nxt
    return component


def private_name_imports(files: dict[str, Path], found: list[Import]) -> list[Import]:
    """``from other_module import _name``: a module-private name used outside its module."""
    return [
        i
        for i in found
        if i.name is not None and i.name.startswith("_") and not i.name.startswith("__")
        and _known(i.target, files) != i.importer
    ]


def private_module_imports(files: dict[str, Path], found: list[Import]) -> list[Import]:
    """Imports of a package-private module (``pkg._mod``) from outside ``pkg``."""
    bad = []
    for i in found:
        parts = _known(i.target, files).split(".")
        importer_pkg = package_of(i.importer, files)
        for k, part in enumerate(parts):
            if not part.startswith("_") or part.startswith("__"):
                continue
            owner = ".".join(parts[:k])
            inside = ".".join(parts[: k + 1])
            if importer_pkg != owner and not (
                i.importer == inside or i.importer.startswith(inside + ".")
            ):
                bad.append(i)
                break
    return bad


def cross_package_private(files: dict[str, Path], found: list[Import]) -> list[Import]:
    """Private names or modules taken across a package boundary (the issue's headline count)."""
    by_name = [
        i for i in private_name_imports(files, found)
        if package_of(_known(i.target, files), files) != package_of(i.importer, files)
    ]
    return sorted(set(by_name) | set(private_module_imports(files, found)),
                  key=lambda i: (i.importer, i.lineno))


def foreign_private_attributes(files: dict[str, Path]) -> list[tuple[str, int, str]]:
    """``obj._attr`` reads where no class of this module defines ``_attr``.

    Cheap and conservative: ``self._x``/``cls._x`` are the module's own; anything else whose
    attribute name is not assigned (``self._x = ``, a class-level ``_x = ``, a ``def _x``) in
    the same module is another module's private state.
    """
    out = []
    for mod, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                own.add(node.target.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                own.add(node.value)  # __slots__ = ("_x", ...), object.__setattr__(self, "_x", ...)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.attr not in own
                and node.attr not in ALLOWED_ATTRIBUTES
            ):
                out.append((mod, node.lineno, node.attr))
    return out


# Private attributes of *other libraries* that are their public API by convention.
ALLOWED_ATTRIBUTES = {
    "_replace", "_asdict", "_fields",  # collections.namedtuple
    "_repr_html_", "_repr_latex_",  # IPython display protocol
    "_exit",  # os._exit in worker processes
}


def report(root: Path = ROOT) -> dict[str, int]:
    files = module_files(root)
    found = imports(files)
    edges = graph(files, found)
    top = [m for m in files if m.count(".") == 1 and m.startswith("gametheory.")]
    return {
        "top-level gametheory modules": len([m for m in top if not _is_package(m, files)]),
        "import cycles": len(cycles(edges)),
        "modules in cycles": sum(len(c) for c in cycles(edges)),
        "cross-module _name imports": len(private_name_imports(files, found)),
        "cross-package private imports": len(cross_package_private(files, found)),
        "foreign private attribute reads": len(foreign_private_attributes(files)),
    }


if __name__ == "__main__":  # pragma: no cover - a measuring aid
    import sys

    args = [a for a in sys.argv[1:] if a != "-v"]
    root = Path(args[0]) if args else ROOT
    for key, value in report(root).items():
        print(f"{key}: {value}")
    files = module_files(root)
    found = imports(files)
    edges = graph(files, found)
    for comp in cycles(edges):
        print("cycle:", " -> ".join(cycle_path(comp, edges)), f"({len(comp)} modules)")
    if "-v" in sys.argv:
        for i in cross_package_private(files, found):
            print("xpkg", i)
        for i in private_name_imports(files, found):
            print("name", i)
        for a in foreign_private_attributes(files):
            print("attr", a)
