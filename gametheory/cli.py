"""The ``gametheory`` command: models, tables, sweeps, Gambit files and plots.

::

    gametheory models
    gametheory table MODEL [--param k=v ...]
    gametheory sweep MODEL --grid k=a:b:n [--grid k=v1,v2] [--checkpoint f.sqlite] [--workers N] [--float] [-o FILE]
    gametheory solve FILE.nfg|FILE.efg [--method METHOD] [--limit N|none] [--progress]
    gametheory plot MODEL --x k=a:b:n --y k=a:b:n [--outcome COLUMN] [--style paper] -o fig.png
    gametheory plot MODEL --kind scatter --x COLUMN --y COLUMN [--label COLUMN] -o fig.png
    gametheory plot FILE.efg -o tree.png
    gametheory completion bash

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
from .solvers.dispatch import METHODS

__all__ = ["main", "parse_assignment", "parse_grid_spec", "build_parser"]

FORMATS = ("markdown", "csv", "latex", "json")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """One-line usage errors; records its arguments (``.arguments``) for shell completion."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        self.arguments: list[argparse.Action] = []  # before argparse adds -h through add_argument
        self.commands: dict[str, argparse.ArgumentParser] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        self.arguments.append(action)
        return action

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


def _progress_line(args: argparse.Namespace) -> Any:
    """A progress line on stderr: with ``--progress`` always, otherwise only on a terminal."""
    from .solvers.limits import ProgressLine

    return ProgressLine("solve", "steps") if getattr(args, "progress", False) or sys.stderr.isatty() else None


def _solve_bounded(solve: Any, game: Any, args: argparse.Namespace) -> list:
    """``solve`` with ``--limit``, showing progress on stderr (``--progress``, or a terminal)."""
    from .solvers.dispatch import ENUMERATORS, resolve_method
    from .solvers.limits import DEFAULT_LIMIT

    method = args.method or "auto"
    kwargs: dict[str, Any] = {}
    if resolve_method(game, method, "solve") in ENUMERATORS:
        kwargs["limit"] = DEFAULT_LIMIT if args.limit is _DEFAULT else args.limit
        line = _progress_line(args)
        kwargs["progress"] = line
    elif args.limit is not _DEFAULT:
        raise GameError(f"--limit applies to the enumerating methods; method {method!r} returns a few equilibria")
    else:
        line = None
        if args.progress:
            _stage(args, f"method {resolve_method(game, method, 'solve')} reports no progress count")
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


def _stage(args: argparse.Namespace, text: str, t0: float | None = None) -> None:
    """With ``--progress``: one line on stderr per stage of a solve (reading, solving), timed."""
    if getattr(args, "progress", False):
        import time

        took = f" ({time.monotonic() - t0:.1f}s)" if t0 is not None else ""
        print(f"solve: {text}{took}", file=sys.stderr, flush=True)


_DEFAULT: Any = object()


def _cmd_solve(args: argparse.Namespace) -> None:
    import time

    import pandas as pd

    from .io.gambit import read_gambit
    from .normal_form import NormalFormGame

    t0 = time.monotonic()
    game = read_gambit(args.file)
    size = f"{game.n_nodes} nodes" if hasattr(game, "n_nodes") else "x".join(map(str, game.shape)) + " strategies"
    _stage(args, f"read {args.file}: {size}", t0)
    if isinstance(game, NormalFormGame):
        from .solvers.dispatch import solve

        t0 = time.monotonic()
        eqs = _solve_bounded(solve, game, args)
        _stage(args, f"{len(eqs)} equilibria", t0)
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
    t0 = time.monotonic()
    if getattr(game, "is_perfect_information", False):
        from .solvers.limits import ProgressLine

        # the backward pass reports the levels it has solved (nodes, for deep thin trees)
        unit = "nodes" if game.compiled.deep else "levels"
        line = ProgressLine("solve: backward induction", unit) if args.progress or sys.stderr.isatty() else None
        try:
            eqs = extensive.backward_induction(game, progress=line,
                                               **({} if args.limit is _DEFAULT else {"limit": args.limit}))
        finally:
            if line is not None:
                line.close()
    else:
        _stage(args, "subgame-perfect equilibria through the normal forms of the subgames ...")
        eqs = extensive.subgame_perfect_equilibria(game)
    _stage(args, f"{len(eqs)} subgame-perfect equilibria", t0)
    from .tables import equilibria_frame

    _table(equilibria_frame(eqs) if eqs else pd.DataFrame({"equilibrium": []}), args.format, args.output)


def _named_strategy(s: Sequence[Any], labels: Sequence[str], digits: int = 6) -> str:
    from .tables import format_value

    parts = [f"{lab}: {format_value(p, digits=digits)}" for lab, p in zip(labels, s) if p != 0]
    return ", ".join(parts)


def _cmd_plot(args: argparse.Namespace) -> None:
    from . import _cli_plot as figures

    if args.output is None:
        raise GameError("plot needs -o FILE (.png, .pdf or .svg)")
    ext = os.path.splitext(args.output)[1].lower()
    if ext not in (".png", ".pdf", ".svg"):
        raise GameError(f"plot writes .png, .pdf or .svg files; got {args.output!r}")
    kind = args.kind or figures.default_kind(args.model)
    _check_plot_options(args, kind)
    if kind == "tree":
        from .io.gambit import read_gambit

        summary = figures.plot_tree_file(args.model, args, read_gambit)
    elif kind == "scatter":
        model = _model(args.model)
        params = _params(model, args.param)
        rows = model.rows(**params) if hasattr(model, "rows") else [model.solve(**params)]
        summary = figures.plot_scatter(model, rows, args)
    else:
        summary = _plot_map(args, figures)
    from .tables import to_table

    sys.stdout.write(str(to_table(summary, format=args.format)))


# the options that only some kinds of figure take
_ONLY = {
    "map": ("outcome", "checkpoint", "workers", "float"),
    "scatter": ("label", "logx", "logy", "spearman"),
}


def _check_plot_options(args: argparse.Namespace, kind: str) -> None:
    for owner, names in _ONLY.items():
        if owner == kind:
            continue
        for name in names:
            if getattr(args, name) not in (None, False):
                raise GameError(f"--{name} applies to --kind {owner}, not to --kind {kind}")
    if kind in ("map", "scatter") and (args.x is None or args.y is None):
        what = "NAME=START:STOP:COUNT grids" if kind == "map" else "table columns"
        raise GameError(f"--kind {kind} needs --x and --y ({what})")
    if kind == "tree":
        for flag in ("x", "y", "param"):
            if getattr(args, flag):
                raise GameError(f"--{flag} does not apply to --kind tree")
    if kind != "map" and args.progress:
        raise GameError(f"--progress applies to --kind map (a sweep), not to --kind {kind}")


def _plot_map(args: argparse.Namespace, figures: Any) -> Any:
    model = _model(args.model)
    for flag, spec in (("--x", args.x), ("--y", args.y)):
        if "=" not in spec:
            raise GameError(f"{flag} {spec!r}: a region map varies a parameter, NAME=START:STOP:COUNT "
                            f"(for table columns use --kind scatter)")
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
    return figures.plot_map(model, df, xk, yk, outcome, args)


def _cmd_completion(args: argparse.Namespace) -> None:
    from models.registry import MODELS

    from ._completion import bash_script

    _emit(bash_script(build_parser(), list(MODELS)), args.output)


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
_EPILOG = """\
examples:
  gametheory models
  gametheory table olson-zeckhauser --param n=3 --format latex -o oz.tex
  gametheory sweep volunteers-dilemma --grid n=2:50:49 --grid cost=1/10:3:30 --format csv -o vd.csv
  gametheory solve game.nfg --method support --progress
  gametheory plot extended-deterrence --x capability=0:1:21 --y backdown_cost=0:1:21 --style paper -o map.pdf
  gametheory plot olson-zeckhauser-data --kind scatter --x gdp_bn --y actual_burden --label ally --logx -o nato.png
  gametheory plot deterrence.efg -o tree.png

Errors are one line on stderr, with exit status 1 (bad input) or 2 (bad usage).
Set GAMETHEORY_DEBUG=1 to see the traceback of an unexpected error.
"""

_EPILOGS = {
    "models": """\
examples:
  gametheory models
  gametheory models --format csv -o models.csv
""",
    "table": """\
examples:
  gametheory table olson-zeckhauser
  gametheory table crisis-catalogue --param game=chicken
  gametheory table extended-deterrence --param capability=3/4 --format latex -o ed.tex
""",
    "sweep": """\
examples:
  gametheory sweep volunteers-dilemma --grid n=2:50:49 --grid cost=1/10:3:30 --format csv -o vd.csv
  gametheory sweep extended-deterrence --grid capability=0:1:21 --grid backdown_cost=0,1/2,1 \\
      --checkpoint ed.sqlite --workers 2 --progress

NAME=A:B:N is N evenly spaced values from A to B inclusive (exact when A and B are);
NAME=V1,V2,... lists values.  Several --grid options form a Cartesian product.
""",
    "solve": """\
examples:
  gametheory solve game.nfg
  gametheory solve game.nfg --method support --limit none --format json
  gametheory solve big.nfg --method polynomial --progress
  gametheory solve deterrence.efg --progress
""",
    "plot": """\
examples:
  region map of a model's regimes over two parameter grids (the default for a model):
    gametheory plot extended-deterrence --x capability=0:1:41 --y backdown_cost=0:1:41 -o map.png
    gametheory plot tripartite-commitment --x kappa=0:1:41 --y reliability=0:1:41 --style paper \\
        --width 3.5 --height 2.6 --dpi 600 -o commitment.pdf
  scatter of the rows of a model's table, names placed without overlaps:
    gametheory plot olson-zeckhauser-data --kind scatter --x gdp_bn --y actual_burden --label ally \\
        --logx --spearman --param year=2018 -o nato.png
  game tree of a Gambit .efg file, its subgame-perfect path highlighted (the default for .efg):
    gametheory plot deterrence.efg -o tree.pdf

Axis labels, legend titles and the title come from the model's own parameter and column
descriptions (see `gametheory models`).
""",
    "completion": """\
examples:
  source <(gametheory completion bash)
  gametheory completion bash -o ~/.local/share/bash-completion/completions/gametheory
""",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gametheory`` command.

    Every subcommand has help text for each of its arguments and examples in its
    ``--help``; the parser records its subcommands (``.commands``) and arguments
    (``.arguments``), which :mod:`gametheory._completion` reads.
    """
    from . import __version__
    from ._cli_plot import KINDS
    from .plot import STYLES

    p = _Parser(prog="gametheory", description="Solve games of alliance politics and deterrence: registered models,\n"
                "parameter sweeps, Gambit game files and figures for papers.", epilog=_EPILOG)
    p.add_argument("--version", action="version", version=f"gametheory {__version__}",
                   help="print the version of gametheory and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND",
                           help="one of the commands below (gametheory COMMAND --help for its options)")
    sub.required = True

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".", epilog=_EPILOGS[name])
        p.commands[name] = sp
        return sp

    def common(sp: argparse.ArgumentParser, output: bool = True) -> None:
        sp.add_argument("--format", choices=FORMATS, default="markdown",
                        help="format of the table printed: markdown (default), csv, latex or json")
        if output:
            sp.add_argument("-o", "--output", metavar="FILE", help="write to this file (atomically) instead of stdout")

    def model_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("model", metavar="MODEL", help="name of a registered model (list them with `gametheory models`)")

    sp = command("models", "list the registered models, their sources and parameters")
    common(sp)
    sp.set_defaults(func=_cmd_models)

    sp = command("table", "equilibrium table of a model at its default or given parameter values")
    model_arg(sp)
    sp.add_argument("--param", action="append", metavar="NAME=VALUE",
                    help="a parameter value, exact where it looks exact (1/3, 0.25); repeatable")
    common(sp)
    sp.set_defaults(func=_cmd_table)

    def sweep_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--param", action="append", metavar="NAME=VALUE", help="fixed parameter (repeatable)")
        sp.add_argument("--checkpoint", metavar="FILE.sqlite", help="SQLite checkpoint: resume an interrupted sweep")
        sp.add_argument("--workers", type=int, metavar="N", help="worker processes (1 = this process)")
        sp.add_argument("--progress", action="store_true", help="show a progress bar with an ETA on stderr")
        sp.add_argument(
            "--float",
            action="store_true",
            help="vectorized models compute every point in floating point (faster; by default exact "
            "values such as 1/3 give the same exact rows as `gametheory table`)",
        )

    sp = command("sweep", "sweep a model over a parameter grid")
    model_arg(sp)
    sp.add_argument("--grid", action="append", metavar="NAME=A:B:N|NAME=V1,V2",
                    help="grid axis: N values from A to B, or the listed values (repeatable)")
    sweep_opts(sp)
    common(sp)
    sp.set_defaults(func=_cmd_sweep)

    sp = command("solve", "solve a Gambit .nfg or .efg file")
    sp.add_argument("file", metavar="FILE.nfg|FILE.efg", help="a Gambit strategic-form (.nfg) or game-tree (.efg) file")
    sp.add_argument("--method", help="normal form: " + ", ".join(m + (" (default)" if m == "auto" else "") for m in METHODS)
                    + " (simpdiv and gnm return sample equilibria of large n-player games); trees: spe")
    sp.add_argument("--limit", type=_limit_arg, default=_DEFAULT, metavar="N|none",
                    help="stop with an error when there are more than N equilibria (default 10000; 'none': no limit)")
    sp.add_argument("--progress", action="store_true",
                    help="report progress on stderr even when it is not a terminal: reading, the work units of "
                    "the enumerating methods or the levels of backward induction (with an ETA), the count found")
    common(sp)
    sp.set_defaults(func=_cmd_solve)

    sp = command("plot", "figure of a model (region map, scatter) or of a game tree (.efg file)")
    sp.add_argument("model", metavar="MODEL|FILE.efg",
                    help="a registered model (see `gametheory models`), or a Gambit .efg file to draw as a tree")
    sp.add_argument("--kind", choices=KINDS,
                    help="map: regimes over the --x and --y parameter grids (default for a model); "
                    "scatter: one point per row of the model's table, --x and --y name columns; "
                    "tree: the game tree of a .efg file (default for a .efg file)")
    sp.add_argument("--x", metavar="NAME=A:B:N|COLUMN",
                    help="map: the horizontal parameter and its grid (NAME=START:STOP:COUNT or NAME=V1,V2,...); "
                    "scatter: the table column on the horizontal axis")
    sp.add_argument("--y", metavar="NAME=A:B:N|COLUMN",
                    help="map: the vertical parameter and its grid; scatter: the table column on the vertical axis")
    sp.add_argument("--outcome", metavar="COLUMN",
                    help="map: the categorical result column whose regimes are drawn (default: the first one)")
    sp.add_argument("--label", metavar="COLUMN", help="scatter: the column naming each point (e.g. ally)")
    sp.add_argument("--logx", action="store_true", help="scatter: logarithmic horizontal axis")
    sp.add_argument("--logy", action="store_true", help="scatter: logarithmic vertical axis")
    sp.add_argument("--spearman", action="store_true",
                    help="scatter: print Spearman's rank correlation of x and y on the figure and in the summary")
    sp.add_argument("--style", choices=tuple(STYLES), default="default",
                    help="default, or paper: serif fonts, thin lines, colour-blind-safe Okabe-Ito colours, 300 dpi")
    sp.add_argument("--width", type=float, metavar="INCHES", help="figure width in inches (default: by kind)")
    sp.add_argument("--height", type=float, metavar="INCHES", help="figure height in inches (default: by kind)")
    sp.add_argument("--dpi", type=float, metavar="N",
                    help="resolution of the file in dots per inch (default 150; 300 in the paper style)")
    sp.add_argument("--title", metavar="TEXT",
                    help="figure title (default: the model's title or the game's; --title '' for none)")
    sweep_opts(sp)
    common(sp)
    sp.set_defaults(func=_cmd_plot)

    sp = command("completion", "print a bash completion script for gametheory")
    sp.add_argument("shell", choices=("bash",), help="the shell (bash; zsh can load it with bashcompinit)")
    sp.add_argument("-o", "--output", metavar="FILE", help="write the script to this file instead of stdout")
    sp.set_defaults(func=_cmd_completion)
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
