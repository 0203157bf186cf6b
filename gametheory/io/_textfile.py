"""Reading a user's text file safely: regular files only, with a size cap.

Every reader of the library (Gambit files, JSON games, CSV tables) reads through
:func:`read_text`, so ``/dev/zero`` cannot exhaust memory and a FIFO cannot block the
process forever: the path is checked with :func:`os.stat` before it is opened, opened
non-blocking (a FIFO swapped in after the check still cannot block), checked again on
the open descriptor, and read up to the cap only.

The cap is :data:`DEFAULT_MAX_BYTES` (64 MiB) unless the environment variable
``GAMETHEORY_MAX_FILE_BYTES`` sets another number of bytes, or the caller passes
``max_bytes``.
"""

from __future__ import annotations

import os
import stat

from ..numbers import parse_count
from ..errors import GameError, ParseError

__all__ = ["DEFAULT_MAX_BYTES", "max_file_bytes", "read_text"]

DEFAULT_MAX_BYTES = 64 * 2**20
_ENV = "GAMETHEORY_MAX_FILE_BYTES"


def max_file_bytes() -> int:
    """The size cap in bytes: ``GAMETHEORY_MAX_FILE_BYTES`` if set, else 64 MiB."""
    env = os.environ.get(_ENV, "").strip()
    if not env:
        return DEFAULT_MAX_BYTES
    return parse_count(env, f"{_ENV} (a number of bytes)")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_text(path: str | os.PathLike | bytes, max_bytes: int | None = None) -> str:
    """The UTF-8 text of the regular file ``path``, at most ``max_bytes`` bytes long.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file.
    max_bytes : int, optional
        The size cap (default: the library's file cap).

    Returns
    -------
    str
        The text.

    Raises
    ------
    GameError
        The path is missing, unreadable, not a regular file (directory, FIFO, device
        such as ``/dev/zero``, socket) or larger than the cap.
    ParseError
        The bytes are not UTF-8 text.

    References
    ----------
    The Unicode Standard, section 3.9 (UTF-8).

    Examples
    --------
    >>> from gametheory.io import read_text
    >>> read_text("/dev/zero")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: ...
    """
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError:
        raise GameError(f"expected a file path; got {type(path).__name__}") from None
    cap = max_file_bytes() if max_bytes is None else int(max_bytes)
    try:
        st = os.stat(name)
    except OSError as exc:
        raise GameError(f"cannot read {name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise GameError(f"cannot read {name}: it is {_kind(st.st_mode)}, not a regular file")
    if st.st_size > cap:
        raise GameError(f"cannot read {name}: {st.st_size} bytes is over the {cap}-byte cap (set {_ENV} to raise it)")
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise GameError(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped after the check above
            raise GameError(f"cannot read {name}: it is {_kind(st.st_mode)}, not a regular file")
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(fd, min(cap + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise GameError(f"cannot read {name}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > cap:
        raise GameError(f"cannot read {name}: it is over the {cap}-byte cap (set {_ENV} to raise it)")
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(f"{name} is not a UTF-8 text file (byte {exc.start})", line) from None
