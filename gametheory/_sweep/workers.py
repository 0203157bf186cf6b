"""Worker processes for sweeps: pools whose workers end with their parent, and how
many batches an executor should hold at once.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

#: seconds between two checks of a pool worker that its parent is still alive
WATCH_INTERVAL = 0.5


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


def exit_with_parent(parent_pid: int) -> None:
    """Process-pool initializer: the worker ends itself once ``parent_pid`` has died.

    A worker blocked on its task queue (or busy with a point) would otherwise outlive
    a killed sweep for as long as its work lasts, or forever.  A daemon thread checks
    every :data:`WATCH_INTERVAL` seconds both that ``parent_pid`` runs and that the
    worker was not re-parented (which covers the fork, spawn and forkserver start methods).
    """
    ppid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            if os.getppid() != ppid or not _alive(parent_pid):
                os._exit(70)

    threading.Thread(target=watch, name="gametheory-parent-watch", daemon=True).start()


def process_pool(max_workers: int | None = None, **kwargs: Any) -> ProcessPoolExecutor:
    """A :class:`~concurrent.futures.ProcessPoolExecutor` whose workers exit when this process dies.

    Use it instead of a plain ``ProcessPoolExecutor`` for sweeps that may be killed
    (``kill -9``, a cluster's time limit): the workers then stop within about a
    second instead of finishing (or waiting for) work nobody will collect.
    """
    if "initializer" in kwargs:
        raise TypeError("process_pool sets its own initializer")
    return ProcessPoolExecutor(max_workers=max_workers, initializer=exit_with_parent, initargs=(os.getpid(),), **kwargs)


def in_flight_limit(executor: Executor) -> int:
    """How many batches to hand an executor before saving finished ones: twice its workers.

    Enough to keep every worker busy while finished batches are saved, few enough
    that a kill loses little: at most this many batches are computed but not saved.
    """
    n = getattr(executor, "_max_workers", None)  # thread and process pools
    client = getattr(executor, "_client", None)  # dask.distributed's ClientExecutor
    if n is None and client is not None:
        try:
            n = sum(client.nthreads().values())
        except Exception:  # an unreachable scheduler: fall back to the local core count
            n = None
    if n is None and getattr(executor, "runs_inline", False):
        n = 1
    if not isinstance(n, int) or n < 1:
        n = os.cpu_count() or 1
    return 2 * n
