"""The ``gametheory`` command: models, tables, sweeps, Gambit files and plots.

::

    gametheory models
    gametheory table MODEL [--param k=v ...]
    gametheory sweep MODEL --grid k=a:b:n [--grid k=v1,v2] [--checkpoint f.sqlite] [--workers N] [--float] [-o FILE]
    gametheory solve FILE.nfg|FILE.efg [--method METHOD]
    gametheory plot MODEL --x k=a:b:n --y k=a:b:n [--outcome COLUMN] -o fig.png

Every command takes ``--format markdown|csv|latex|json``.  Errors are one line on
stderr and a non-zero exit status (1 for bad input, 2 for bad usage); set
``GAMETHEORY_DEBUG=1`` to see the traceback.  This is the only module of
:mod:`gametheory` that imports :mod:`models`.
"""

from __future__ import annotations

import argparse
import os
import sys
from fractions import Fraction
from typing import Any, Sequence

from .numbers import is_number_text, looks_numeric, parse_number
from .errors import GameError
from .numbers import check_finite

__all__ = ["main", "parse_assignment", "parse_grid_spec", "build_parser"]

FORMATS = ("markdown", "csv", "latex", "json")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        raise _UsageError(f"{self.prog}: {message}")


# ---------------------------------------------------------------------- parsing values
def _scalar(text: str) -> Any:
    """A command-line value: int, exact rational (``1/3``, ``0.25``, ``1e-3``), bool, or the string."""
    t = text.strip()
    low = t.lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    # one number parser for files and command line: bounded before anything is built,
    # so --param x=1e100000000 is refused at once
    if is_number_text(t) or (looks_numeric(t) and not t.isascii()):
        x = parse_number(t, "value")
        return int(x) if x.denominator == 1 else x
    if low.lstrip("+-") in ("nan", "inf", "infinity"):
        raise GameError(f"value {text!r} is not a finite number")
    return t


def parse_assignment(text: str) -> tuple[str, str]:
    """Split ``k=v`` (a usage error names the bad argument)."""
    if "=" not in text:
        raise GameError(f"expected NAME=VALUE, got {text!r}")
    k, v = text.split("=", 1)
    k = k.strip()
    if not k or not v.strip():
        raise GameError(f"expected NAME=VALUE, got {text!r}")
    return k, v


def _grid_size(text: str) -> int:
    """The number of values of a ``--grid`` spec, found without building them."""
    k, v = parse_assignment(text)
    if ":" in v:
        parts = v.split(":")
        if len(parts) != 3:
            raise GameError(f"grid {text!r}: a range is START:STOP:COUNT, e.g. {k}=0:1:11")
        n = _scalar(parts[2])
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise GameError(f"grid {text!r}: COUNT must be a positive integer, got {parts[2]!r}")
        return n
    parts = v.split(",")
    if any(not p.strip() for p in parts):
        raise GameError(f"grid {text!r} has an empty value; write {k}=V1,V2,... with no empty item")
    return len(parts)


def parse_grid_spec(text: str) -> tuple[str, list]:
    """``k=a:b:n`` (n evenly spaced values from a to b, exact when a and b are) or ``k=v1,v2``.

    Empty items (``k=1,,2``) and non-finite values are errors, and a range holds at most
    :data:`gametheory.sweep.MAX_POINTS` values (checked before they are built).
    """
    from .sweep import check_grid_size

    k, v = parse_assignment(text)
    check_grid_size([_grid_size(text)], f"grid {text!r}")
    if ":" in v:
        parts = v.split(":")
        for p in parts:
            check_finite(k, p)
        a, b, n = (_scalar(p) for p in parts)
        for x, p in ((a, parts[0]), (b, parts[1])):
            if not isinstance(x, (int, Fraction)) or isinstance(x, bool):
                raise GameError(f"grid {text!r}: {p!r} is not a number")
        if n == 1:
            vals = [a]
        else:
            step = (Fraction(b) - Fraction(a)) / (n - 1)
            vals = [Fraction(a) + step * i for i in range(n)]
        return k, [int(x) if isinstance(x, Fraction) and x.denominator == 1 else x for x in vals]
    vals = [_scalar(check_finite(k, p)) for p in v.split(",")]
    return k, vals


def _model(name: str) -> Any:
    from models.registry import MODELS

    return MODELS[name]


def _params(model: Any, items: Sequence[str] | None) -> dict:
    out = _fixed(model, items)
    if hasattr(model, "check_params"):
        return model.check_params(out)
    return out


# ---------------------------------------------------------------------- output
def _emit(text: str, out: str | None) -> None:
    if out is not None:  # -o "" is an error (from write_atomic), not stdout
        from .io import write_atomic

        write_atomic(out, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _table(df: Any, fmt: str, out: str | None) -> None:
    from .tables import to_table

    _emit(str(to_table(df, format=fmt)), out)


# ---------------------------------------------------------------------- commands
def _cmd_models(args: argparse.Namespace) -> None:
    from models.registry import MODELS

    rows = []
    for name in MODELS:
        m = MODELS[name]
        params = "; ".join(f"{k}={p.default}{_range_text(p)}" for k, p in m.parameters.items())
        rows.append(
            {
                "model": name,
                "title": m.title,
                "source": m.source,
                "vectorized": m.solve_many is not None,
                "parameters": params,
            }
        )
    import pandas as pd

    cols = ["model", "title", "source", "vectorized", "parameters"]
    _table(pd.DataFrame.from_records(rows, columns=cols), args.format, args.output)


def _range_text(p: Any) -> str:
    if p.choices:
        return " in {" + ", ".join(map(str, p.choices)) + "}"
    text = p.range_text()
    return f" {text}" if text else ""


def _cmd_table(args: argparse.Namespace) -> None:
    import pandas as pd

    model = _model(args.model)
    params = _params(model, args.param)
    rows = model.rows(**params) if hasattr(model, "rows") else [model.solve(**params)]
    _table(pd.DataFrame.from_records(rows), args.format, args.output)


def _grid(specs: Sequence[str] | None, fixed: dict, flag: str) -> dict:
    """The sweep grid of ``--grid`` specs and ``--param`` values; its size is checked
    (:func:`gametheory.sweep.check_grid_size`) before any axis is built."""
    from .sweep import check_grid_size

    specs = list(specs or [])
    keys = [parse_assignment(spec)[0] for spec in specs]
    for i, k in enumerate(keys):
        if k in keys[:i]:
            raise GameError(f"{flag} {k} is given twice")
        if k in fixed:
            raise GameError(f"parameter {k!r} is given both as {flag} and as --param; give it once")
    check_grid_size([_grid_size(spec) for spec in specs])
    grid: dict[str, list] = dict(parse_grid_spec(spec) for spec in specs)
    for k, v in fixed.items():
        grid[k] = [v]
    return grid


def _executor(workers: int | None) -> Any:
    from .sweep import InlineExecutor, process_pool

    if workers is None:
        return None
    if workers < 1:
        raise GameError(f"--workers must be at least 1; got {workers}")
    # the pool's workers exit when this command is killed; registered models reach
    # them by name (models.registry pickles a registered Model as its name)
    return InlineExecutor() if workers == 1 else process_pool(workers)


def _fixed(model: Any, items: Sequence[str] | None) -> dict:
    out: dict[str, Any] = {}
    for it in items or []:
        k, v = parse_assignment(it)
        if k in out:
            raise GameError(f"parameter {k!r} is given twice")
        out[k] = _scalar(check_finite(k, v))
    return out


def _run_sweep(model: Any, grid: dict, args: argparse.Namespace) -> Any:
    from .sweep import sweep

    if not grid:
        raise GameError("give at least one --grid NAME=START:STOP:COUNT or NAME=V1,V2")
    ex = _executor(args.workers)
    try:
        return sweep(
            model,
            grid,
            executor=ex,
            checkpoint=args.checkpoint,
            progress=True if args.progress else None,
            exact=not getattr(args, "float", False),
        )
    finally:
        if ex is not None:
            ex.shutdown()


def _cmd_sweep(args: argparse.Namespace) -> None:
    model = _model(args.model)
    grid = _grid(args.grid, _fixed(model, args.param), "--grid")
    df = _run_sweep(model, grid, args)
    _table(df, args.format, args.output)


def _limit_arg(text: str) -> int | None:
    """``--limit N`` (a positive int) or ``--limit none``."""
    if text.strip().lower() == "none":
        return None
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"--limit takes a positive integer or 'none'; got {text!r}")
    return n


def _solve_bounded(solve: Any, game: Any, args: argparse.Namespace) -> list:
    """``solve`` with ``--limit``, showing progress on stderr only when it is a terminal."""
    from .solvers.dispatch import ENUMERATORS, resolve_method
    from .solvers.limits import DEFAULT_LIMIT, ProgressLine

    method = args.method or "auto"
    kwargs: dict[str, Any] = {}
    if resolve_method(game, method, "solve") in ENUMERATORS:
        kwargs["limit"] = DEFAULT_LIMIT if args.limit is _DEFAULT else args.limit
        line = ProgressLine("solve", "steps") if sys.stderr.isatty() else None
        kwargs["progress"] = line
    elif args.limit is not _DEFAULT:
        raise GameError(f"--limit applies to the enumerating methods; method {method!r} returns a few equilibria")
    else:
        line = None
    from .solvers.limits import EquilibriumLimitError

    try:
        return solve(game, method=method, **kwargs)
    except EquilibriumLimitError as exc:
        many = f"more than {exc.limit}" if exc.count is None else str(exc.count)
        raise GameError(
            f"the game has {many} equilibria, more than --limit {exc.limit}; pass a larger --limit N "
            "or --limit none to list them all"
        ) from None
    finally:
        if line is not None:
            line.close()


_DEFAULT: Any = object()


def _cmd_solve(args: argparse.Namespace) -> None:
    import pandas as pd

    from .io.gambit import read_gambit
    from .normal_form import NormalFormGame

    game = read_gambit(args.file)
    if isinstance(game, NormalFormGame):
        from .solvers.dispatch import solve

        eqs = _solve_bounded(solve, game, args)
        labels = game.strategy_labels
        players = game.player_labels
        # one readable column per player ("Opera: 2/3, Fight: 1/3"), named as for .efg trees
        digits = 12 if args.format in ("csv", "json") else 6
        rows = [
            {
                "equilibrium": k,
                **{f"strategy {who}": _named_strategy(e.strategies[i], labels[i], digits) for i, who in enumerate(players)},
                **{f"payoff {who}": e.payoffs[i] for i, who in enumerate(players)},
                "method": e.method,
            }
            for k, e in enumerate(eqs)
        ]
        df = pd.DataFrame(rows) if rows else pd.DataFrame({"equilibrium": []})
        _table(df, args.format, args.output)
        return
    from . import extensive

    if args.method not in (None, "auto", "spe", "backward-induction"):
        raise GameError(f"method {args.method!r} does not apply to an extensive-form game; use 'spe'")
    if getattr(game, "is_perfect_information", False):
        eqs = extensive.backward_induction(game, **({} if args.limit is _DEFAULT else {"limit": args.limit}))
    else:
        eqs = extensive.subgame_perfect_equilibria(game)
    from .tables import equilibria_frame

    _table(equilibria_frame(eqs) if eqs else pd.DataFrame({"equilibrium": []}), args.format, args.output)


def _named_strategy(s: Sequence[Any], labels: Sequence[str], digits: int = 6) -> str:
    from .tables import format_value

    parts = [f"{lab}: {format_value(p, digits=digits)}" for lab, p in zip(labels, s) if p != 0]
    return ", ".join(parts)


def _cmd_plot(args: argparse.Namespace) -> None:

    from .plot import region_map

    if args.output is None:
        raise GameError("plot needs -o FILE (.png, .pdf or .svg)")
    ext = os.path.splitext(args.output)[1].lower()
    if ext not in (".png", ".pdf", ".svg"):
        raise GameError(f"plot writes .png, .pdf or .svg files; got {args.output!r}")
    model = _model(args.model)
    xk, yk = parse_assignment(args.x)[0], parse_assignment(args.y)[0]
    if xk == yk:
        raise GameError(f"--x and --y both vary {xk!r}")
    fixed = _fixed(model, args.param)
    for k, flag in ((xk, "--x"), (yk, "--y")):
        if k in fixed:
            raise GameError(f"parameter {k!r} is given both as {flag} and as --param; give it once")
    from .sweep import check_grid_size

    check_grid_size([_grid_size(args.x), _grid_size(args.y)])
    (xk, xv), (yk, yv) = parse_grid_spec(args.x), parse_grid_spec(args.y)
    grid = {xk: xv, yk: yv, **{k: [v] for k, v in fixed.items()}}
    df = _run_sweep(model, grid, args)
    outcome = args.outcome or _outcome_column(df, set(grid) | set(getattr(model, "parameters", {})))
    region_map(df, xk, yk, outcome, path=args.output, title=getattr(model, "title", None))
    summary = df.groupby(outcome, dropna=False, sort=True).size().reset_index(name="points")
    summary.insert(0, "figure", args.output)
    from .tables import to_table

    sys.stdout.write(str(to_table(summary, format=args.format)))


def _outcome_column(df: Any, params: set) -> str:
    """The first result column whose values are labels (strings or booleans), not numbers."""
    for c in df.columns:
        if c in params or c == "equilibrium":
            continue
        vals = [v for v in df[c].tolist() if v is not None and v == v]
        if vals and all(isinstance(v, (str, bool)) for v in vals):
            return c
    raise GameError("the model has no categorical outcome column; name one with --outcome COLUMN")


# ---------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gametheory`` command."""
    p = _Parser(prog="gametheory", description="Solve games of alliance politics and deterrence.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    sub.required = True

    def common(sp: argparse.ArgumentParser, output: bool = True) -> None:
        sp.add_argument("--format", choices=FORMATS, default="markdown", help="output format (default markdown)")
        if output:
            sp.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")

    sp = sub.add_parser("models", help="list the registered models")
    common(sp)
    sp.set_defaults(func=_cmd_models)

    sp = sub.add_parser("table", help="equilibrium table of a model")
    sp.add_argument("model")
    sp.add_argument("--param", action="append", metavar="NAME=VALUE", help="parameter value (repeatable)")
    common(sp)
    sp.set_defaults(func=_cmd_table)

    def sweep_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--param", action="append", metavar="NAME=VALUE", help="fixed parameter (repeatable)")
        sp.add_argument("--checkpoint", metavar="FILE.sqlite", help="SQLite checkpoint: resume an interrupted sweep")
        sp.add_argument("--workers", type=int, metavar="N", help="worker processes (1 = this process)")
        sp.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
        sp.add_argument(
            "--float",
            action="store_true",
            help="vectorized models compute every point in floating point (faster; by default exact "
            "values such as 1/3 give the same exact rows as `gametheory table`)",
        )

    sp = sub.add_parser("sweep", help="sweep a model over a parameter grid")
    sp.add_argument("model")
    sp.add_argument("--grid", action="append", metavar="NAME=A:B:N|NAME=V1,V2", help="grid axis (repeatable)")
    sweep_opts(sp)
    common(sp)
    sp.set_defaults(func=_cmd_sweep)

    sp = sub.add_parser("solve", help="solve a Gambit .nfg or .efg file")
    sp.add_argument("file")
    sp.add_argument("--method", help="auto (default), support, vertex, lemke-howson, pure, polynomial, qre; trees: spe")
    sp.add_argument("--limit", type=_limit_arg, default=_DEFAULT, metavar="N|none",
                    help="stop with an error when there are more than N equilibria (default 10000; 'none': no limit); "
                    "progress is shown on stderr when it is a terminal")
    common(sp)
    sp.set_defaults(func=_cmd_solve)

    sp = sub.add_parser("plot", help="equilibrium-region map of a model over two parameters")
    sp.add_argument("model")
    sp.add_argument("--x", required=True, metavar="NAME=A:B:N")
    sp.add_argument("--y", required=True, metavar="NAME=A:B:N")
    sp.add_argument("--outcome", metavar="COLUMN", help="categorical result column to map (default: the first)")
    sweep_opts(sp)
    common(sp)
    sp.set_defaults(func=_cmd_plot)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` console script; returns the exit status."""
    parser = build_parser()
    debug = bool(os.environ.get("GAMETHEORY_DEBUG"))
    try:
        args = parser.parse_args(argv)
        if getattr(args, "output", None) is not None:
            from .io import check_output_path

            check_output_path(args.output)  # before a long sweep, not after it
        args.func(args)
        return 0
    except _UsageError as exc:
        print(f"{exc} (see gametheory --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        print("gametheory: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (GameError, OSError) as exc:
        if debug:
            raise
        msg = str(exc).strip().replace("\n", " ") or type(exc).__name__
        if isinstance(exc, OSError) and exc.filename and exc.strerror:
            msg = f"{exc.filename}: {exc.strerror}"
        print(f"gametheory: error: {msg}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, but say so
        if debug:
            raise
        print(
            f"gametheory: internal error: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''} "
            "(set GAMETHEORY_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
