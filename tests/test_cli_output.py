"""`-o FILE` of every command: errors name the path the user gave; `-o ""` is an error; files get the umask's mode."""

from __future__ import annotations

import os
import stat

import pytest
from test_cli import assert_one_line_error, run  # noqa: E402  (tests/ is on sys.path under pytest)

NFG = 'NFG 1 R "x" { "a" "b" } { 2 2 }\n1 1 0 0 0 0 1 1\n'

COMMANDS = {
    "models": ["models"],
    "table": ["table", "test-risk"],
    "sweep": ["sweep", "test-risk", "--grid", "a=1:2:2"],
    "solve": ["solve", "GAME.nfg"],
    "plot": ["plot", "test-risk", "--x", "a=0:2:3", "--y", "b=0:2:3"],
}
EXT = {"plot": ".png"}


def _cmd(name: str, tmp_path) -> list[str]:
    game = tmp_path / "GAME.nfg"
    game.write_text(NFG)
    return [str(game) if a == "GAME.nfg" else a for a in COMMANDS[name]]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_into_a_missing_folder_names_the_given_path(tmp_path, name):
    given = os.path.join("no", "such", "out" + EXT.get(name, ".md"))
    res = run(*_cmd(name, tmp_path), "-o", given, cwd=tmp_path)
    assert_one_line_error(res, f"cannot write {given!r}: the folder 'no/such' does not exist")
    assert ".tmp-" not in res.stderr and res.stdout == ""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_onto_a_folder_names_the_given_path(tmp_path, name):
    folder = tmp_path / ("out" + EXT.get(name, ".md"))
    folder.mkdir()
    res = run(*_cmd(name, tmp_path), "-o", str(folder))
    assert_one_line_error(res, f"cannot write {str(folder)!r}: it is a folder")
    assert ".tmp-" not in res.stderr and res.stdout == ""
    assert os.listdir(folder) == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_empty_output_name_is_an_error_not_stdout(tmp_path, name):
    res = run(*_cmd(name, tmp_path), "-o", "")
    assert_one_line_error(res, "output file name is empty")
    assert res.stdout == ""


def test_output_files_get_the_umask_mode_and_keep_an_existing_mode(tmp_path):
    out = tmp_path / "t.md"
    old = os.umask(0o022)
    try:
        assert run("table", "test-risk", "-o", str(out)).returncode == 0
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
        os.chmod(out, 0o640)
        assert run("table", "test-risk", "--format", "csv", "-o", str(out)).returncode == 0
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    finally:
        os.umask(old)
    assert out.read_text().startswith("a,b,mixed_p") and os.listdir(tmp_path) == ["t.md"]
