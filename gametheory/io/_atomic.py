"""Atomic file writes that behave like a plain ``open(path, "w")`` for the user.

Every file the library writes (tables, figures, Gambit/JSON games) goes through
:func:`write_atomic`: the bytes go to a temporary file next to the target, which is
then renamed over it (``os.replace``), so a reader or a kill never sees half a file.
Around that core the result is what a user of ``open`` expects:

* a new file gets the mode the user's umask gives (0644 under umask 022), because
  the temporary file is created with ``0o666`` and the kernel applies the umask;
* an existing file keeps its mode (and, where permitted, its owner and group);
* a symlink is followed: its target is rewritten and the link stays a link;
* an existing target that is not a regular file (``/dev/null``, a FIFO) is written
  in place, since renaming over it would replace the device;
* temporary files are named ``.{name}.tmp-{host}-{pid}-{start}-{random}`` after
  their target, so a write cleans up what an earlier, killed write of the same
  target left behind (see :func:`_is_stale`), never a concurrent writer's file;
* every failure is a :class:`~gametheory.errors.GameError` naming the path the user
  gave, not the temporary file.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
import stat
import tempfile
import threading
import time

from ..errors import GameError

__all__ = ["write_atomic", "default_file_mode", "check_output_path"]

#: a temporary file of another host (a shared network folder), whose writer cannot be
#: probed, counts as abandoned once it is this old; a live write takes milliseconds
FOREIGN_STALE_SECONDS = 3600.0

_TMP_MARK = ".tmp-"
# base names longer than this are replaced by a hash in temp names (NAME_MAX is 255)
_MAX_NAME_IN_TMP = 180
_active: set[str] = set()  # temp files this process is writing now (any thread)
_active_lock = threading.Lock()
_start_cache: dict[int, str] = {}


def default_file_mode() -> int:
    """The mode a new file gets under the current umask (``0o666 & ~umask``).

    Read without changing the process umask (``os.umask`` would, if only for a
    moment, affect every other thread): from ``/proc/self/status`` on Linux, else by
    creating a probe file in the temporary directory.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    probe = os.path.join(tempfile.gettempdir(), f".gametheory-umask-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.close(fd)
        return stat.S_IMODE(os.stat(probe).st_mode)
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass


def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def _start_time(pid: int) -> str:
    """The start time of process ``pid`` (clock ticks since boot, Linux), "0" if unknown.

    With the pid it identifies a process even after the pid is reused.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
        # the command name (field 2) may hold spaces and parentheses: split after the last ")"
        return data[data.rindex(b")") + 2 :].split()[19].decode("ascii")
    except (OSError, ValueError, IndexError):
        return "0"


def _my_start() -> str:
    pid = os.getpid()  # not cached across fork: a child has its own pid
    if pid not in _start_cache:
        _start_cache[pid] = _start_time(pid)
    return _start_cache[pid]


def _tmp_prefix(name: str) -> str:
    if len(name) > _MAX_NAME_IN_TMP:
        name = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()
    return f".{name}{_TMP_MARK}"


_TMP_TAIL = re.compile(r"([0-9a-f]{6})-(\d+)-(\d+)-[0-9a-f]{8}\Z")


def _pid_alive(pid: int) -> bool | None:
    """Whether a process ``pid`` exists here; None where it cannot be probed safely."""
    if os.name != "posix" or pid <= 0:
        return None  # on Windows os.kill(pid, 0) would terminate the process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    except OSError:
        return None
    return True


def _is_stale(tmp_path: str, tail: str, now: float) -> bool:
    """Whether a temporary file was left by a writer that no longer runs.

    A writer is identified by host, pid and process start time.  On this host a
    temp file is stale when its pid is gone, or the pid now belongs to a process
    that started at another time (pid reuse, e.g. a rerun in a container), or it is
    this very process's and no thread of it is writing the file now.  Where the
    writer cannot be probed (another host, or no start time on this platform) the
    file counts as stale only when unmodified for :data:`FOREIGN_STALE_SECONDS`.
    """
    m = _TMP_TAIL.fullmatch(tail)
    if m is None:
        return False  # not a name this module makes: leave it alone
    host, pid, start = m.group(1), int(m.group(2)), m.group(3)

    def old() -> bool:
        try:
            return now - os.lstat(tmp_path).st_mtime > FOREIGN_STALE_SECONDS
        except OSError:
            return False

    if host != _host_tag():
        return old()
    if pid == os.getpid() and start == _my_start():
        with _active_lock:
            return tmp_path not in _active
    alive = _pid_alive(pid)
    if alive is False:
        return True
    if alive is None:
        return old()
    if start != "0":
        now_start = _start_time(pid)
        if now_start != "0":
            return now_start != start
    return old()


def _clean_stale(directory: str, name: str) -> None:
    prefix = _tmp_prefix(name)
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if entry.startswith(prefix):
            p = os.path.join(directory, entry)
            if _is_stale(p, entry[len(prefix) :], now):
                try:
                    os.unlink(p)
                except OSError:
                    pass  # gone already (another cleaner) or not ours to remove


def check_output_path(path: str | os.PathLike) -> str:
    """Check that ``path`` can be written as a file and return it as a ``str``.

    A command can so refuse a bad output name before doing long work.

    Parameters
    ----------
    path : str or os.PathLike
        The file to be written.

    Returns
    -------
    str
        ``path`` as text.

    Raises
    ------
    GameError
        Naming ``path``, if it is empty, names a folder, or its folder does not exist.

    References
    ----------
    POSIX.1-2017, ``rename()``: the replacement of the target is atomic.

    Examples
    --------
    >>> from gametheory.io import check_output_path
    >>> check_output_path("table.md")
    'table.md'
    >>> check_output_path("")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: the output file name is empty; give a file name
    """
    try:
        user = os.fsdecode(os.fspath(path))
    except TypeError:
        raise GameError(f"an output path must be a file name; got {type(path).__name__}") from None
    if user == "":
        raise GameError("the output file name is empty; give a file name")
    if "\0" in user:
        raise GameError(f"cannot write {user!r}: the file name contains a NUL character")
    target = os.path.realpath(user)
    if os.path.isdir(target):
        raise GameError(f"cannot write {user!r}: it is a folder, not a file")
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        given = os.path.dirname(user)
        if given and not os.path.isdir(given):
            raise GameError(f"cannot write {user!r}: the folder {given!r} does not exist")
        raise GameError(f"cannot write {user!r}: the folder {folder!r} it leads to does not exist")
    return user


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` atomically.

    A temporary file in the target's folder is renamed over the target, so the
    file is either the old or the new content, never a mix.  New files get the
    umask's mode, an existing file keeps its mode, a symlink's target is written
    (the link stays), and temporary files of killed earlier writes of the same
    target are removed.

    Parameters
    ----------
    path : str or os.PathLike
        The target file.
    data : str or bytes
        The new content.

    Raises
    ------
    GameError
        Naming ``path``, when it cannot be written.

    References
    ----------
    POSIX.1-2017, ``rename()``: the replacement of the target is atomic.

    Examples
    --------
    >>> from gametheory.io import read_text, write_atomic
    >>> write_atomic("note.txt", "exact: 1/3")
    >>> read_text("note.txt")
    'exact: 1/3'
    """
    user = check_output_path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    target = os.path.realpath(user)
    try:
        try:
            st: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            # a device or FIFO (-o /dev/stdout): renaming over it would replace it
            with open(target, "wb") as fh:
                fh.write(payload)
            return
        directory, name = os.path.split(target)
        _clean_stale(directory, name)
        tmp = os.path.join(
            directory, f"{_tmp_prefix(name)}{_host_tag()}-{os.getpid()}-{_my_start()}-{secrets.token_hex(4)}"
        )
        with _active_lock:
            _active.add(tmp)
        try:
            # 0o666: the kernel applies the umask, as for open(path, "w")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            try:
                with os.fdopen(fd, "wb") as fh:
                    if st is not None:
                        _keep_attributes(fh.fileno(), st)
                    fh.write(payload)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        finally:
            with _active_lock:
                _active.discard(tmp)
        _sync_folder(directory)
    except IsADirectoryError:
        raise GameError(f"cannot write {user!r}: it is a folder, not a file") from None
    except FileNotFoundError:
        raise GameError(f"cannot write {user!r}: its folder does not exist") from None
    except OSError as exc:
        raise GameError(f"cannot write {user!r}: {exc.strerror or exc}") from None



def _keep_attributes(fd: int, st: os.stat_result) -> None:
    """Give the new file the replaced file's mode and, where allowed, owner and group."""
    if hasattr(os, "fchown"):
        for uid in (st.st_uid, -1):
            try:
                os.fchown(fd, uid, st.st_gid)
                break
            except OSError:
                continue  # not allowed to give it away: keep at least the group, if we may
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _sync_folder(directory: str) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
