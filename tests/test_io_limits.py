"""Bounded input: every number read from text goes through one parser (gametheory.numbers)
with documented bounds, and every reader reads regular files only, up to a size cap.

Each failure is a ParseError naming the line (files) or a one-line CLI error; none is a
ValueError/OverflowError, none builds a huge number first, none hangs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.numbers import MAX_ABS, MAX_DIGITS, parse_count, parse_int, parse_number
from gametheory.cli import parse_grid_spec
from gametheory.errors import GameError, InvalidGameError, ParseError
from gametheory.io.gambit import parse_efg, parse_nfg
from gametheory.io.json import game_from_json, game_to_json
from gametheory.tables import read_csv

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT)] + [p for p in sys.path if p])}
ENV.pop("GAMETHEORY_DEBUG", None)
ENV.pop("GAMETHEORY_MAX_FILE_BYTES", None)

# (token, what the error says): every one of these raised ValueError/OverflowError, or took
# seconds to minutes of CPU, before the parser was bounded
BAD_NUMBERS = [
    ("1e400", "too large"),
    ("-1e400", "too large"),
    ("2e308", "too large"),
    ("1" * (MAX_DIGITS + 1), f"more than {MAX_DIGITS} digits"),
    ("0." + "0" * (MAX_DIGITS + 500) + "1", f"more than {MAX_DIGITS} digits"),
    ("1e10000000", "exponent"),  # 11 bytes, 12 s of CPU before
    ("1e100000000", "exponent"),  # over a minute before
    ("1e-100000000", "exponent"),
    ("0e100000000", "exponent"),
    ("1e" + "9" * 5000, "exponent"),
    (f"1e-{MAX_DIGITS}", f"more than {MAX_DIGITS} digits"),
    ("\u00b2", "non-ASCII digit"),  # '²': str.isdigit accepts it, int() does not
    ("\u0661\u0662", "non-ASCII digit"),  # Arabic-Indic 12
    ("1/0", "division by zero"),
]


@pytest.mark.parametrize("token, match", BAD_NUMBERS)
def test_parse_number_refuses_out_of_bound_text(token, match):
    with pytest.raises(ParseError, match=match) as info:
        parse_number(token, "a payoff", 7)
    assert info.value.line == 7 and len(str(info.value)) < 200


@pytest.mark.parametrize(
    "text, value",
    [
        ("3", 3), ("-2.50", F(-5, 2)), (".5", F(1, 2)), ("1e-3", F(1, 1000)), ("1/3", F(1, 3)),
        ("0.000000", 0), ("+1", 1), ("1E2", 100), ("1e308", 10**308), ("1e-3999", F(1, 10**3999)),
        ("1.7976931348623157e308", F(17976931348623157 * 10**292))
    ],
)
def test_parse_number_reads_exactly(text, value):
    x = parse_number(text)
    assert x == value and type(x) is F


@given(
    sign=st.sampled_from(["", "-", "+"]),
    digits=st.text("0123456789", min_size=1, max_size=30),
    frac=st.none() | st.text("0123456789", max_size=30),
    exp=st.none() | st.integers(-300, 280),
)
def test_parse_number_equals_the_exact_decimal(sign, digits, frac, exp):
    text = sign + digits + ("" if frac is None else "." + frac) + ("" if exp is None else f"e{exp}")
    exact = F(Decimal(text))  # Decimal holds the text's exact value
    if abs(exact) > F(MAX_ABS):  # 30 digits times 1e280 can pass the bound (seed 6100 of a helper)
        with pytest.raises(ParseError, match="too large"):
            parse_number(text)
    else:
        assert parse_number(text) == exact


def test_parse_count_is_ascii_and_bounded():
    assert parse_count("012", "a count") == 12
    for bad in ("\u00b2", "1" * 19, "-1", "1.0"):
        with pytest.raises(ParseError):
            parse_count(bad, "a count", 2)


# ---------------------------------------------------------------------- Gambit files
@pytest.mark.parametrize("header", ["R", "D"])
@pytest.mark.parametrize("token, match", BAD_NUMBERS)
def test_gambit_payoffs_and_probabilities_out_of_bounds_are_parse_errors_with_the_line(header, token, match):
    nfg = f'NFG 1 {header} "t" {{ "a" "b" }}\n{{ 1 2 }}\n1 2\n3 {token}\n'
    with pytest.raises(ParseError, match=match) as info:
        parse_nfg(nfg)
    assert info.value.line == 4
    efg = f'EFG 2 {header} "t" {{ "A" }}\n""\nc "" 1 "" {{ "a" {token} "b" 1/2 }} 0\nt "" 1 "x" {{ 1 }}\nt "" 2 "y" {{ 2 }}\n'
    with pytest.raises(ParseError, match=match) as info:
        parse_efg(efg)
    assert info.value.line == 3
    efg = f'EFG 2 {header} "t" {{ "A" }}\n""\np "" 1 1 "" {{ "a" "b" }} 0\nt "" 1 "x" {{ 1 }}\nt "" 2 "y" {{ {token} }}\n'
    with pytest.raises(ParseError, match=match) as info:
        parse_efg(efg)
    assert info.value.line == 5


@pytest.mark.parametrize("token", ["\u00b2", "1" * 5000, "99999999999999999999"])
def test_gambit_counts_and_indices_out_of_bounds_are_parse_errors(token):
    with pytest.raises(ParseError) as info:
        parse_nfg(f'NFG 1 R "t" {{ "a" "b" }}\n{{ {token} 1 }}\n1 2\n')
    assert info.value.line == 2
    with pytest.raises(ParseError) as info:
        parse_nfg(f'NFG 1 R "t" {{ "a" "b" }}\n{{ 1 1 }}\n{{ {{ "o" 1 2 }} }}\n{token}\n')
    assert info.value.line == 4
    with pytest.raises(ParseError) as info:
        parse_efg(f'EFG 2 R "t" {{ "A" }}\n""\np "" {token} 1 "" {{ "a" }} 0\nt "" 0\n')
    assert info.value.line == 3


# ---------------------------------------------------------------------- JSON and CSV
def test_json_numbers_out_of_bounds_are_parse_errors_with_the_line():
    text = game_to_json(gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[5, 6], [7, 8]]))
    assert game_from_json(text).exact
    for token, match in [("1e400", "too large"), ("1" * (MAX_DIGITS + 1), "digits"), ("NaN", "not a finite"),
                         ("Infinity", "not a finite"), ('"1e400"', "too large"), ('"1/0"', "division by zero")]:
        bad = text.replace(" 8\n", f" {token}\n")
        with pytest.raises(ParseError, match=match) as info:
            game_from_json(bad)
        assert info.value.line == bad[: bad.index(token)].count("\n") + 1


def test_csv_numbers_out_of_bounds_are_parse_errors_with_the_line():
    assert read_csv("a,b\n1,1/3\n2,0.5\n").b.tolist() == [F(1, 3), 0.5]
    # exact cells are results this library wrote, which may be longer than any input: they read back
    assert read_csv(f"a,b\n1,{'1' * 5000}\n3,3/{'7' * 5000}\n").b.tolist() == [parse_int("1" * 5000), F(3, parse_int("7" * 5000))]
    for cell in ("1" * 100_001, "1e400", "3/" + "7" * 100_001, "1e100000000"):
        with pytest.raises(ParseError) as info:
            read_csv(f"a,b\n1,2\n3,{cell}\n")
        assert info.value.line == 3
    # text that is not a number stays text
    assert read_csv("a\n\u00b2\n1st\n").a.tolist() == ["\u00b2", "1st"]


# ---------------------------------------------------------------------- non-text huge numbers
@pytest.mark.parametrize(
    "entry",
    [10**400, -(10**400), F(10**400, 3), 10**5000, np.array([10**400, 1], dtype=object)[0]],
    ids=["1e400", "-1e400", "1e400/3", "1e5000", "numpy-object"],
)
def test_huge_exact_payoffs_are_refused_naming_the_entry(entry):
    with pytest.raises(InvalidGameError, match=r"player 0 entry 3 .*1\.8e308"):
        gt.NormalFormGame.from_bimatrix([[1, 2], [3, entry]], [[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match=r"player 1 entry 0 .*1\.8e308"):
        gt.NormalFormGame.from_bimatrix([[1.5, 2], [3, 4]], [[entry, 2], [3, 4]])  # the float path


def test_huge_decimal_payoff_is_refused_before_it_is_built():
    with pytest.raises(InvalidGameError, match="exponent"):
        gt.NormalFormGame.from_bimatrix([[Decimal("1e100000000"), 2]], [[1, 2]])


def test_registry_parameter_strings_use_the_parser():
    from models.registry import Parameter

    p = Parameter(F(1, 2), 0, 1, "a probability")
    assert p.check("p", "1/3") == F(1, 3) and p.check("p", "0.25") == F(1, 4)
    for bad, match in [("1e100000000", "exponent"), ("\u00b2", "non-ASCII"), ("1" * (MAX_DIGITS + 1), "digits")]:
        with pytest.raises(GameError, match=match):
            p.check("p", bad)


# ---------------------------------------------------------------------- CLI values
def test_cli_grid_values_use_the_parser():
    assert parse_grid_spec("x=0:1/2:3") == ("x", [0, F(1, 4), F(1, 2)])
    assert parse_grid_spec("x=0.5,1e-3") == ("x", [F(1, 2), F(1, 1000)])
    for spec, match in [("x=0:1e100000000:3", "exponent"), ("x=1e400,1", "too large"),
                        ("x=\u00b2,1", "non-ASCII"), ("x=0:1:" + "9" * 5000, "too large|digits")]:
        with pytest.raises(GameError, match=match):
            parse_grid_spec(spec)


PRELUDE = textwrap.dedent(
    """
    import sys
    import models.registry
    from models.registry import Model, Parameter, register

    models.registry._loaded = True  # only the test model below
    register(Model("test-limits", "Limits (test)", "none", {"u_sq": Parameter(0, -10, 10, "a payoff")},
                   lambda u_sq: {"u_sq": u_sq}))
    from gametheory.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _cli(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE, *args], capture_output=True, text=True, env=env or ENV, timeout=120, cwd=ROOT
    )


def _one_line_error(res: subprocess.CompletedProcess, match: str) -> None:
    assert res.returncode == 1, (res.returncode, res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    assert lines[0].startswith("gametheory: error:") and match in lines[0], lines[0]


@pytest.mark.parametrize(
    "args, match",
    [
        (("table", "test-limits", "--param", "u_sq=1e100000000"), "exponent"),
        (("table", "test-limits", "--param", "u_sq=1e400"), "too large"),
        (("table", "test-limits", "--param", "u_sq=\u00b2"), "non-ASCII"),
        (("table", "test-limits", "--param", "u_sq=" + "1" * (MAX_DIGITS + 1)), "digits"),
        (("sweep", "test-limits", "--grid", "u_sq=0:1e100000000:3"), "exponent"),
        (("sweep", "test-limits", "--grid", "u_sq=1e-100000000,1"), "exponent"),
    ],
)
def test_cli_values_out_of_bounds_are_one_line_errors(args, match):
    _one_line_error(_cli(*args), match)


# ---------------------------------------------------------------------- files
posix = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX FIFO and /dev/zero")


def _api(reader: str, path: str) -> subprocess.CompletedProcess:
    """A reader called in a fresh interpreter (a hang is a timeout, not a stuck suite)."""
    code = textwrap.dedent(
        f"""
        import sys
        from gametheory.errors import GameError
        from gametheory.io.gambit import read_gambit
        from gametheory.io.json import read_json
        from gametheory.tables import read_csv
        try:
            {reader}({path!r})
        except GameError as exc:
            print(type(exc).__name__ + ": " + str(exc), file=sys.stderr)
            sys.exit(1)
        """
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=60, cwd=ROOT)


@posix
@pytest.mark.parametrize("reader", ["read_gambit", "read_json", "read_csv"])
def test_readers_refuse_dev_zero_and_a_fifo_without_hanging(reader, tmp_path):
    fifo = tmp_path / "pipe.nfg"
    os.mkfifo(fifo)
    for path, kind in (("/dev/zero", "character device"), (str(fifo), "FIFO"), (str(tmp_path), "directory")):
        res = _api(reader, path)
        assert res.returncode == 1, res.stderr
        (line,) = res.stderr.strip().splitlines()
        assert line.startswith("GameError: cannot read") and kind in line, line


@posix
def test_cli_solve_refuses_dev_zero_and_a_fifo_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.nfg"
    os.mkfifo(fifo)
    _one_line_error(_cli("solve", "/dev/zero"), "character device, not a regular file")
    _one_line_error(_cli("solve", str(fifo)), "FIFO (named pipe), not a regular file")


def test_size_cap_argument_and_environment(tmp_path):
    g = gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[4, 3], [2, 1]])
    p = tmp_path / "g.nfg"
    gt.write_gambit(g, p)
    size = p.stat().st_size
    assert gt.read_gambit(p, max_bytes=size) == g
    with pytest.raises(GameError, match=f"{size} bytes is over the {size - 1}-byte cap"):
        gt.read_gambit(p, max_bytes=size - 1)
    _one_line_error(_cli("solve", str(p), env={**ENV, "GAMETHEORY_MAX_FILE_BYTES": "10"}), "over the 10-byte cap")
    assert _cli("solve", str(p)).returncode == 0
    with pytest.raises(GameError, match="0-byte cap"):
        gt.read_gambit(p, max_bytes=0)


def test_read_errors_still_name_the_file(tmp_path):
    with pytest.raises(GameError, match="cannot read .*missing.nfg"):
        gt.read_gambit(tmp_path / "missing.nfg")
    (tmp_path / "bin.nfg").write_bytes(b"NFG 1 R\n\xff\xfe")
    with pytest.raises(ParseError, match="not a UTF-8 text file") as info:
        gt.read_gambit(tmp_path / "bin.nfg")
    assert info.value.line == 2
