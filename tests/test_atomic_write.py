"""Written files behave like ``open(path, "w")``: umask modes, kept modes, symlinks, temp cleanup, clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from fractions import Fraction as F

import pandas as pd
import pytest

import gametheory as gt
from gametheory.io import _atomic
from gametheory.io._atomic import default_file_mode, write_atomic
from gametheory.errors import GameError
from gametheory.io.json import write_json
from gametheory.plot import new_figure, save_figure

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAME = gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[4, 3], [2, 1]])


def _table(p):
    gt.to_table(pd.DataFrame({"a": [F(1, 2)]}), path=p)


def _figure(p):
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    save_figure(fig, p)


# every public writer of the library, with a file name it accepts
WRITERS = {
    "table": ("t.md", _table),
    "figure": ("f.png", _figure),
    "gambit": ("g.nfg", lambda p: gt.write_gambit(GAME, p)),
    "json": ("g.json", lambda p: write_json(GAME, p)),
    "helper": ("h.txt", lambda p: write_atomic(p, "text")),
}


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


class _Umask:
    def __init__(self, mask: int):
        self.mask = mask

    def __enter__(self):
        self.old = os.umask(self.mask)

    def __exit__(self, *exc):
        os.umask(self.old)


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_umask_mode(tmp_path, writer, mask, expected):
    name, write = WRITERS[writer]
    with _Umask(mask):
        write(tmp_path / name)
        assert default_file_mode() == expected
    assert _mode(tmp_path / name) == expected
    assert os.listdir(tmp_path) == [name]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_overwriting_keeps_the_mode_of_the_file(tmp_path, writer):
    name, write = WRITERS[writer]
    p = tmp_path / name
    p.write_text("old")
    for mode in (0o640, 0o644, 0o604):
        os.chmod(p, mode)
        with _Umask(0o077):  # the kept mode does not come from the umask
            write(p)
        assert _mode(p) == mode
        assert p.read_bytes() != b"old"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_writing_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, writer):
    name, write = WRITERS[writer]
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / name
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / name
    link.symlink_to(real)
    write(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old" and _mode(real) == 0o640
    assert sorted(os.listdir(tmp_path)) == sorted([name, "real"])
    assert os.listdir(real_dir) == [name]
    # a dangling link creates its target, as open(link, "w") does
    dangling = tmp_path / ("d" + name)
    dangling.symlink_to(real_dir / ("new" + name))
    write(dangling)
    assert dangling.is_symlink() and (real_dir / ("new" + name)).is_file()


def test_a_fifo_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    _table(fifo)
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and b"1/2" in got[0]


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from gametheory.io._atomic import write_atomic
    real_replace = os.replace

    def killed(src, dst):  # the process dies between writing the temp file and renaming it
        os.kill(os.getpid(), signal.SIGKILL)

    def paused(src, dst):  # a concurrent writer, still busy
        print("ready", flush=True)
        sys.stdin.readline()
        real_replace(src, dst)

    os.replace = killed if sys.argv[2] == "kill" else paused
    write_atomic(sys.argv[1], "child")
    """
)


def _child(target, how: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD.format(root=ROOT), str(target), how], text=True, **kw)


def test_temp_file_of_a_killed_write_is_removed_at_the_next_write(tmp_path):
    target = tmp_path / "t.md"
    target.write_text("old")
    (tmp_path / "other.md.tmp-x").write_text("not ours")  # a foreign file is never touched
    proc = _child(target, "kill")
    assert proc.wait(60) == -9
    leftovers = [n for n in os.listdir(tmp_path) if n.startswith(".t.md.tmp-")]
    assert len(leftovers) == 1, os.listdir(tmp_path)  # the temp name names its target
    assert target.read_text() == "old"
    # a write of another file in the folder leaves it alone: cleanup is per target
    write_atomic(tmp_path / "u.md", "u")
    assert leftovers[0] in os.listdir(tmp_path)
    _table(target)
    assert sorted(os.listdir(tmp_path)) == ["other.md.tmp-x", "t.md", "u.md"]


def test_a_concurrent_writers_temp_file_is_not_removed(tmp_path):
    target = tmp_path / "t.md"
    proc = _child(target, "pause", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == "ready"
        busy = [n for n in os.listdir(tmp_path) if n.startswith(".t.md.tmp-")]
        assert len(busy) == 1
        write_atomic(target, "parent")
        assert busy[0] in os.listdir(tmp_path)
        assert target.read_text() == "parent"
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert target.read_text() == "child" and os.listdir(tmp_path) == ["t.md"]


def _tmp_name(target_name: str, host: str, pid: int, start: str) -> str:
    return f"{_atomic._tmp_prefix(target_name)}{host}-{pid}-{start}-0123abcd"


def test_stale_rules_for_reused_pids_other_hosts_and_this_process(tmp_path):
    me, start = os.getpid(), _atomic._my_start()
    host = _atomic._host_tag()
    other_host = "000000" if host != "000000" else "111111"
    names = {
        # this pid, but another process start time: the writer died and the pid was reused
        "reused": (_tmp_name("t.md", host, me, "1"), True),
        # this very process, not writing it now: left by an earlier failed write
        "mine": (_tmp_name("t.md", host, me, start), True),
        # written on another host (a shared folder) a moment ago: cannot be probed, kept
        "foreign fresh": (_tmp_name("t.md", other_host, 1, "5"), False),
        # ... and unmodified for two hours: abandoned
        "foreign old": (_tmp_name("t.md", other_host, 2, "5"), True),
    }
    if start == "0":  # no process start times on this platform: the reuse case cannot be told
        del names["reused"]
    for tmp, _ in names.values():
        (tmp_path / tmp).write_text("x")
    old = time.time() - 2 * _atomic.FOREIGN_STALE_SECONDS
    os.utime(tmp_path / names["foreign old"][0], (old, old))
    write_atomic(tmp_path / "t.md", "new")
    left = set(os.listdir(tmp_path))
    for what, (tmp, stale) in names.items():
        assert (tmp not in left) == stale, what


def test_a_temp_file_this_process_is_writing_in_another_thread_is_kept(tmp_path):
    busy = str(tmp_path / _tmp_name("t.md", _atomic._host_tag(), os.getpid(), _atomic._my_start()))
    open(busy, "w").close()
    with _atomic._active_lock:
        _atomic._active.add(busy)
    try:
        write_atomic(tmp_path / "t.md", "new")
    finally:
        with _atomic._active_lock:
            _atomic._active.discard(busy)
    assert os.path.exists(busy)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_unwritable_paths_are_game_errors_naming_the_given_path(tmp_path, writer, monkeypatch):
    name, write = WRITERS[writer]
    monkeypatch.chdir(tmp_path)
    missing = os.path.join("no", "such", name)
    with pytest.raises(GameError, match=f"cannot write '{missing}': the folder 'no/such' does not exist"):
        write(missing)
    os.mkdir("folder" + os.path.splitext(name)[1])
    with pytest.raises(GameError, match="it is a folder"):
        write("folder" + os.path.splitext(name)[1])
    assert sorted(os.listdir(tmp_path)) == ["folder" + os.path.splitext(name)[1]]


def test_empty_or_non_path_output_is_a_game_error(tmp_path):
    df = pd.DataFrame({"a": [1]})
    with pytest.raises(GameError, match="empty"):
        gt.to_table(df, path="")
    with pytest.raises(GameError, match="empty"):
        write_atomic("", "x")
    with pytest.raises(GameError, match="file name"):
        gt.to_table(df, path=3)
    with pytest.raises(GameError, match="NUL"):
        gt.to_table(df, path=str(tmp_path / "a\0b.md"))


def test_permission_denied_is_a_game_error_naming_the_path(tmp_path, monkeypatch):
    real_open = os.open

    def denied(path, flags, mode=0o777, **kw):  # as in a folder the user may not write (root may)
        if ".tmp-" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(GameError, match=r"cannot write '.*t\.md': Permission denied$"):
        _table(tmp_path / "t.md")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600)])
def test_checkpoint_files_follow_the_umask(tmp_path, mask, expected):
    ck = tmp_path / "ck.sqlite"
    with _Umask(mask):
        gt.sweep(lambda a: {"y": a}, {"a": [1, 2]}, checkpoint=ck)
    assert _mode(ck) == expected
