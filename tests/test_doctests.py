"""The examples in the docstrings of gametheory and models run and print what they show.

Every docstring example (``>>>``) of every module of both packages is one test; the
public entry points (tests/numpydoc_stats.py) must carry numpydoc sections with examples.
``python tests/numpydoc_stats.py`` prints the counts.
"""

from __future__ import annotations

import doctest
import inspect
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpydoc_stats  # noqa: E402

sys.path.pop(0)

OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
TESTS = numpydoc_stats.doctests()


def test_there_are_doctests():
    assert len(TESTS) >= 130


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.name)
def test_docstring_example(test, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    out: list[str] = []
    with np.printoptions(precision=8, suppress=False, linewidth=75, legacy=False):
        test.globs = dict(test.globs)  # a fresh namespace per run, as doctest itself does
        result = runner.run(test, out=out.append, clear_globs=True)
    assert result.failed == 0, "".join(out)


ENTRY_POINTS = numpydoc_stats.entry_points()


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_public_entry_point_has_a_doctested_example(name):
    obj = ENTRY_POINTS[name]
    assert "Examples" in numpydoc_stats.sections(obj), f"{name}: no numpydoc Examples section"
    assert numpydoc_stats.has_doctest(obj), f"{name}: the Examples section has no >>> example"


@pytest.mark.parametrize("name", sorted(n for n, o in ENTRY_POINTS.items() if inspect.isfunction(o)))
def test_public_function_has_numpydoc_sections(name):
    fn = ENTRY_POINTS[name]
    found = numpydoc_stats.sections(fn)
    needed = {"References", "Examples"}
    if inspect.signature(fn).parameters:
        needed.add("Parameters")
    if inspect.signature(fn).return_annotation not in (None, "None"):
        needed.add("Returns")
    assert needed <= found, f"{name}: missing {sorted(needed - found)}"


@pytest.mark.parametrize("name", sorted(n for n, o in ENTRY_POINTS.items()
                                        if not (inspect.isclass(o) and issubclass(o, (BaseException, Warning)))))
def test_public_entry_point_cites_its_source(name):
    assert "References" in numpydoc_stats.sections(ENTRY_POINTS[name]), f"{name}: no References section"
