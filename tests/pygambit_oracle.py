"""pygambit as a test oracle, run in a child process with a bounded wait.

pygambit's solvers can run for minutes or never return on some random games
(``enumpoly_solve`` under ``--hypothesis-seed=3`` of test_polynomial). The loop is in
C++, which no in-process signal interrupts, so the oracle runs in a forked child that is
killed when its time is up. A typical call takes well under 0.1 s; the default wait is
two orders of magnitude above that, far below pytest-timeout's 300 s last resort.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import Counter
from typing import Any, Callable

from hypothesis import assume, event

ORACLE_TIMEOUT = float(os.environ.get("GT_ORACLE_TIMEOUT", "10"))


class OracleTimeout(Exception):
    """The oracle did not answer within its wait; its child process was killed."""


def _child(conn, fn, args):
    try:
        conn.send((True, fn(*args)))
    except BaseException as exc:  # the parent re-raises it with the oracle's message
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_oracle(fn: Callable[..., Any], *args: Any, timeout: float = ORACLE_TIMEOUT) -> Any:
    """``fn(*args)`` in a child process; its (picklable) result, or OracleTimeout after `timeout` s.

    `fn` must build its pygambit objects itself: pygambit games do not cross processes.
    """
    # fork keeps the child start cheap (pygambit is already imported); spawn where there is no fork
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise OracleTimeout(f"{getattr(fn, '__name__', fn)} gave no answer within {timeout} s")
        try:
            ok, value = recv.recv()
        except EOFError:
            raise RuntimeError(f"the oracle's process died (exit code {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()
    if not ok:
        raise RuntimeError(f"the oracle raised {value}")
    return value


class OracleBudget:
    """Timed-out oracle calls in a hypothesis test: each is a rejected example, counted.

    ``check()`` after the hypothesis run fails if more than `max_fraction` of the oracle
    calls timed out, so the test cannot pass while cross-checking (almost) nothing. Once
    over budget the oracle is not called again (each timeout costs the full wait).
    """

    def __init__(self, max_fraction: float = 0.25, timeout: float = ORACLE_TIMEOUT):
        self.max_fraction, self.timeout, self.tally = max_fraction, timeout, Counter()

    def _over(self) -> bool:
        return self.tally["timed out"] > max(1, self.max_fraction * self.tally["called"])

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Any:
        """The oracle's answer; a timeout rejects the current example (hypothesis ``assume``)."""
        if self._over():
            event("pygambit not called: timeout budget exhausted")
            assume(False)
        self.tally["called"] += 1
        try:
            return run_oracle(fn, *args, timeout=self.timeout)
        except OracleTimeout:
            self.tally["timed out"] += 1
            event("pygambit timed out")
            assume(False)

    def check(self) -> None:
        """Fail if too many oracle calls timed out for the run to count as a cross-check."""
        assert self.tally["called"] > 0, "the oracle was never called"
        assert not self._over(), f"pygambit timed out on {self.tally['timed out']} of {self.tally['called']} games"
