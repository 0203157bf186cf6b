"""`gametheory solve FILE.nfg`: the file's player/strategy labels name the columns; floats print cleanly."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction as F

import pygambit
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.tables import read_csv


def _solve(capsys, *args):
    code = main(["solve", *map(str, args)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_pygambit_file_labels_name_the_columns(tmp_path, capsys):
    g = pygambit.Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], title="battle of the sexes")
    players = list(g.players)
    players[0].label, players[1].label = "He", "She"
    for pl in players:
        opera, fight = list(pl.strategies)
        opera.label, fight.label = "Opera", "Fight"
    p = tmp_path / "bos.nfg"
    p.write_text(g.to_nfg())
    df = read_csv(_solve(capsys, p, "--format", "csv"))
    assert list(df.columns) == ["equilibrium", "strategy He", "strategy She", "payoff He", "payoff She", "method"]
    # oracle: pygambit's own enumeration of the same file
    def text(eq, pl):
        return ", ".join(f"{s.label}: {F(str(x))}" for s, x in eq[pl] if F(str(x)) != 0)

    want = {(text(eq, players[0]), text(eq, players[1])) for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria}
    assert len(df) == len(want) == 3
    assert set(zip(df["strategy He"], df["strategy She"])) == want
    assert sorted(df["payoff She"].tolist()) == [F(2, 3), 1, 2]
    assert "Opera: 2/3, Fight: 1/3" in df["strategy He"].tolist()
    assert "Fight: 1" in df["strategy She"].tolist()
    md = _solve(capsys, p)
    assert md.splitlines()[0].startswith("| equilibrium | strategy He | strategy She | payoff He | payoff She |")


def _float_fields(text):
    rows = list(csv.reader(io.StringIO(text)))
    fields = []
    for row in rows[1:]:
        for cell in row:
            for part in cell.replace("(", " ").replace(")", " ").replace(",", " ").replace(":", " ").split():
                try:
                    float(part)
                except ValueError:
                    continue
                if "." in part or "e" in part:
                    fields.append(part)
    return fields


# (a Gambit file's decimals are read exactly, so only QRE, a float method, prints floats for a file)
@pytest.mark.parametrize("method", ["qre"])
def test_float_solve_csv_has_no_float_noise(tmp_path, capsys, method):
    g = gt.NormalFormGame.from_bimatrix(
        [[0.3 * 10, 0.0], [0.0, 0.1 + 0.2]], [[0.1 * 12, 0.0], [0.0, 3.3]], player_labels=["Row", "Col"]
    )
    p = tmp_path / "f.nfg"
    gt.write_gambit(g, p)
    out = _solve(capsys, p, "--method", method, "--format", "csv")
    assert read_csv(out).columns[1] == "strategy Row"
    fields = _float_fields(out)
    assert fields, out
    for f in fields:  # at most 12 significant digits, written shortest
        assert f == repr(float(f)) or f == format(float(f), ".12g"), f
        assert float(f) == float(f"{float(f):.12g}"), f
    assert "0000000000" not in out and "9999999999" not in out
    recs = json.loads(_solve(capsys, p, "--method", method, "--format", "json"))
    assert all(isinstance(r["payoff Col"], float) and r["payoff Col"] == float(f"{r['payoff Col']:.12g}") for r in recs)
