"""Package metadata agrees with itself: one version, one licence, files a user and a citation need."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import gametheory

if sys.version_info >= (3, 11):
    import tomllib
else:  # the test extra installs tomli on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_has_one_home():
    project = _pyproject()["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert _pyproject()["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "gametheory.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", gametheory.__version__)


def test_citation_and_changelog_name_the_current_version():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r'^version: "?%s"?$' % re.escape(gametheory.__version__), cff, re.M)
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.M)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{gametheory.__version__}]" in changelog
    # the release date in the citation is the changelog's date for that version
    date = re.search(r'^date-released: "?([\d-]+)"?$', cff, re.M).group(1)
    assert f"## [{gametheory.__version__}] - {date}" in changelog


def test_licence_file_matches_the_declared_licence():
    project = _pyproject()["project"]
    assert project["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "license: MIT" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_typed_markers_are_shipped():
    data = _pyproject()["tool"]["setuptools"]["package-data"]
    for pkg in ("gametheory", "models"):
        assert (ROOT / pkg / "py.typed").exists()
        assert "py.typed" in data[pkg]
