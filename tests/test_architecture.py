"""The package's shape, read from the source with ast (tests/_architecture.py holds the reader).

No import cycles, no private module or name taken across a package boundary, gametheory never
imports models, no new reads of another module's private attributes; the public facade
(``gt.sweep`` stays the function, ``dir(gametheory)``) and the typing marker files.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

import pytest

import _architecture as arch

ROOT = arch.ROOT
FILES = arch.module_files()
FOUND = arch.imports(FILES)

# Number helpers that lived in private places before gametheory/numbers.py: none remain.
NUMBER_MODULES_PENDING: set[str] = set()
NUMBER_NAMES_PENDING: set[tuple[str, str]] = set()

# DESIGN.md section 1: "only cli.py (the top layer) imports models/" (the command names models).
CLI = "gametheory.cli"

# Modules allowed to import models besides the CLI: none (sweeps get the registry from their caller).
MODELS_IMPORT_PENDING: set[str] = set()

# Private attributes read from another module of ours (module, attribute): none remain; each
# piece of state has a public accessor on its owner (ExtensiveFormGame.storage/check_node,
# the preferences' alphas/values, NormalFormGame.deviation_payoffs(check=False), ...).
FOREIGN_ATTRIBUTES_PENDING: set[tuple[str, str]] = set()

# Private names of *other libraries*, read on purpose (module, attribute), each with its reason.
# The reader cannot tell whose attribute it sees, so these are listed; a new one fails the test.
THIRD_PARTY_PRIVATE = {
    # scipy.spatial._qhull._Qhull: qhull without ConvexHull's unused volume/area pass (10-20%
    # of the run time in 10-15 dimensions); falls back to ConvexHull if scipy changes it
    ("gametheory.solvers._polytope", "_Qhull"),
}


def _where(imp: arch.Import) -> str:
    what = f"{imp.target}.{imp.name}" if imp.name else imp.target
    return f"{imp.importer} (line {imp.lineno}) imports {what}"


def test_the_reader_finds_every_kind_of_import(tmp_path):
    # relative, absolute, submodule-by-from, inside a function; TYPE_CHECKING imports left out
    pkg = tmp_path / "gametheory"
    (pkg / "sub").mkdir(parents=True)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import _hidden\n")
    (pkg / "sub" / "__init__.py").write_text("from . import _hidden\n")
    (pkg / "sub" / "_hidden.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from gametheory import c\n"
        "def f():\n    import gametheory.b\n"
    )
    (pkg / "b.py").write_text("from gametheory.sub._hidden import f\nfrom .a import _x\n")
    (pkg / "c.py").write_text("import models\n")
    files = arch.module_files(tmp_path)
    found = arch.imports(files)
    edges = arch.graph(files, found)
    assert edges["gametheory.a"] == {"gametheory.sub._hidden"}
    assert edges["gametheory.sub._hidden"] == {"gametheory.b"}  # not c: TYPE_CHECKING only
    assert {tuple(c) for c in arch.cycles(edges)} == {("gametheory.a", "gametheory.b", "gametheory.sub._hidden")}
    cross = {(i.importer, i.target, i.name) for i in arch.cross_package_private(files, found)}
    assert cross == {
        ("gametheory.a", "gametheory.sub._hidden", None),
        ("gametheory.b", "gametheory.sub._hidden", "f"),
    }
    assert [(i.importer, i.name) for i in arch.private_name_imports(files, found)] == [("gametheory.b", "_x")]


def test_no_import_cycles():
    edges = arch.graph(FILES, FOUND)
    found = [" -> ".join(arch.cycle_path(c, edges)) for c in arch.cycles(edges)]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_no_private_module_or_name_crosses_a_package_boundary():
    # a package's _modules serve that package; a module's _names serve that package's modules
    bad = [
        _where(i)
        for i in arch.cross_package_private(FILES, FOUND)
        if arch._known(i.target, FILES) not in NUMBER_MODULES_PENDING
        and (arch._known(i.target, FILES), i.name) not in NUMBER_NAMES_PENDING
    ]
    assert not bad, "private imports across packages:\n" + "\n".join(bad)


def test_gametheory_never_imports_models():
    bad = [
        _where(i) for i in FOUND
        if i.importer.startswith("gametheory") and i.importer != CLI and i.target.split(".")[0] == "models"
    ]
    # importlib.import_module("models...") or __import__("models...") hide the import in a string
    for mod, path in FILES.items():
        if not mod.startswith("gametheory") or mod == CLI or mod in MODELS_IMPORT_PENDING:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and str(node.args[0].value).split(".")[0] == "models"
            ):
                bad.append(f"{mod} (line {node.lineno}) imports {node.args[0].value!r} by name")
    assert not bad, "\n".join(bad)


def test_models_import_only_public_gametheory_names():
    bad = [
        _where(i)
        for i in FOUND
        if i.importer.startswith("models") and i.target.startswith("gametheory")
        and (any(p.startswith("_") for p in i.target.split(".")) or (i.name or "").startswith("_"))
    ]
    assert not bad, "\n".join(bad)


def test_the_attribute_reader_flags_a_foreign_private_read(tmp_path):
    pkg = tmp_path / "gametheory"
    pkg.mkdir()
    (tmp_path / "models").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "owner.py").write_text(
        "class Tree:\n    def __init__(self):\n        self._kind = []\n"
        "    def _check(self):\n        return self._kind\n"
    )
    (pkg / "reader.py").write_text(
        "def f(tree, other):\n    tree._check()\n    other._rows = 1\n    x = other._rows\n"
        "    return tree._kind, tree._repr_html_(), tree.__dict__\n"
    )
    found = sorted((mod, attr) for mod, _line, attr in arch.foreign_private_attributes(arch.module_files(tmp_path)))
    # _check and _kind belong to owner.py; _rows is assigned in reader.py itself; dunders and
    # the IPython display protocol are nobody's private state
    assert found == [("gametheory.reader", "_check"), ("gametheory.reader", "_kind")]


def test_no_new_reads_of_another_modules_private_attributes():
    found = {(mod, attr) for mod, _line, attr in arch.foreign_private_attributes(FILES)}
    new = sorted(found - FOREIGN_ATTRIBUTES_PENDING - THIRD_PARTY_PRIVATE)
    assert not new, f"private attributes read from another module: {new}"
    # the lists only shrink: an entry that no longer occurs is removed from them
    stale = (FOREIGN_ATTRIBUTES_PENDING | THIRD_PARTY_PRIVATE) - found
    assert not stale, sorted(stale)


def _python(code: str) -> str:
    res = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def test_gt_sweep_is_the_function_after_the_module_was_imported():
    # the CLI imports gametheory.sweep; before the fix gt.sweep was then the module
    out = _python("""
        import gametheory.sweep
        import gametheory as gt
        from gametheory.sweep import MAX_POINTS
        import sys
        assert callable(gt.sweep) and gt.sweep.__module__ == "gametheory.sweep", gt.sweep
        assert sys.modules["gametheory.sweep"].MAX_POINTS == MAX_POINTS
        print(gt.sweep.__name__)
    """)
    assert out == "sweep"
    # the other order: the public name first, then the module
    out = _python("""
        import gametheory as gt
        f = gt.sweep
        import gametheory.sweep
        import gametheory.cli
        assert gt.sweep is f
        print(type(gt.sweep).__name__)
    """)
    assert out == "function"


def test_no_other_public_name_collides_with_a_submodule():
    # a public function named like a submodule is shadowed by that submodule once it is
    # imported; the root facade guards gametheory.sweep, every other facade must not collide
    import gametheory as gt

    for pkg in [m for m, p in FILES.items() if p.name == "__init__.py" and m.startswith("gametheory")]:
        module = __import__(pkg, fromlist=["*"])
        names = set(getattr(module, "__all__", []))
        subs = {m.rsplit(".", 1)[1] for m in FILES if m.rpartition(".")[0] == pkg}
        for name in names & subs:
            if pkg == "gametheory":
                exported = gt._EXPORTS[name]
                assert exported[1] is None or name == "sweep", (pkg, name)
            else:
                raise AssertionError(f"{pkg}.{name} is both a public name and a submodule")


def test_facade_loads_public_modules_and_spells_its_names_for_type_checkers():
    import gametheory as gt

    assert not [m for m, _ in gt._EXPORTS.values() if any(p.startswith("_") for p in m.split("."))]
    tree = ast.parse(FILES["gametheory"].read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    spelled = {}
    for node in block.body:
        for alias in node.names:
            spelled[alias.asname or alias.name] = (node.module, None if node.module is None else alias.name)
    expected = {n: (m if a is not None else None, a) for n, (m, a) in gt._EXPORTS.items()}
    assert spelled == expected


def test_dir_lists_public_names_only():
    out = _python("""
        import gametheory as gt
        gt.solve, gt.ExtensiveFormGame, gt.sweep  # load a few submodules first
        print(",".join(dir(gt)))
    """)
    import gametheory as gt

    listed = set(out.split(","))
    assert set(gt.__all__) <= listed
    extra = listed - set(gt.__all__)
    assert all(n.startswith("__") and n.endswith("__") for n in extra), extra
    assert "__version__" in listed and "__doc__" in listed


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_typed_marker_files_ship():
    config = _pyproject()
    data = config["tool"]["setuptools"]["package-data"]
    for pkg in ("gametheory", "models"):
        assert (ROOT / pkg / "py.typed").is_file()
        assert "py.typed" in data[pkg]


def test_nashpy_is_not_a_runtime_dependency():
    # the runtime never imports nashpy; tests and benchmarks compare against it
    config = _pyproject()
    runtime = [d.split(">")[0].split("=")[0].strip() for d in config["project"]["dependencies"]]
    assert "nashpy" not in runtime
    assert any(d.startswith("nashpy") for d in config["project"]["optional-dependencies"]["test"])
    for path in FILES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module and not n.level}
        assert "nashpy" not in names, path
