"""A checkpoint is data, verified, and never code (issue 12, section 2)."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import multiprocessing
import os
import pickle
import sqlite3
import stat
import sys
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory._sweep.store import decode_value, encode_value
from gametheory.errors import GameError
from models.registry import Model, Parameter

GRID = {"a": [1, 2, 3, 4, 5], "b": [F(1, 3), 2]}


def square(a, b):
    return {"y": a * a * b, "half": F(a, 2), "f": a / 3, "ok": a % 2 == 0, "none": None}


def _rows(ck):
    with sqlite3.connect(ck) as db:
        return db.execute("SELECT batch, start, stop, n_rows, data, sha256 FROM batches ORDER BY batch").fetchall()


def _exec(ck, sql, *args):
    db = sqlite3.connect(ck)
    with db:
        db.execute(sql, args)
    db.close()


# ---------------------------------------------------------------------- the format
_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**20000), 2**20000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.text(),
    st.complex_numbers(allow_nan=False),
    st.decimals(allow_nan=False),
    st.binary(max_size=8),
    st.integers(-(2**63), 2**63 - 1).map(np.int64),
    st.floats(width=32).map(np.float32),
    st.booleans().map(np.bool_),
)
_values = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), inner, max_size=3),
    ),
    max_leaves=10,
)


def _same(a, b):
    assert type(a) is type(b)
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b) and all(_same(x, y) is None for x, y in zip(a, b))
    elif isinstance(a, dict):
        assert list(a) == list(b) and all(_same(a[k], b[k]) is None for k in a)
    elif isinstance(a, (float, np.floating)) and math.isnan(a):
        assert math.isnan(b)
    else:
        # repr tells -0.0 from 0.0; ints and Fractions compare exactly (and repr fails beyond 4,300 digits)
        assert a == b and (isinstance(a, (int, F)) or repr(a) == repr(b))


@given(_values)
def test_every_stored_value_comes_back_exactly_with_its_type(v):
    text = json.dumps(encode_value(v), allow_nan=False)  # plain JSON: no NaN literals, no code
    _same(decode_value(json.loads(text)), v)


def test_a_fraction_beyond_the_repr_digit_limit_comes_back_exactly():
    # seed 7010 drew one; hypothesis cannot take it as an @example (it reprs examples)
    v = F(2**20000, 3)
    _same(decode_value(json.loads(json.dumps(encode_value(v)))), v)


def test_fractions_are_stored_as_text_and_stay_exact(tmp_path):
    ck = tmp_path / "c.sqlite"
    df = gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    texts = [r[4] for r in _rows(ck)]
    assert all(isinstance(t, str) for t in texts) and '{"frac":"1/3"}' in texts[0]
    again = gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    pd.testing.assert_frame_equal(df, again)
    assert again["y"].tolist() == [a * a * b for a in GRID["a"] for b in GRID["b"]]


def _odd_many(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = 1 / (a - 2)
    return {
        "r": r,  # inf at a = 2
        "nan": np.where(a > 3, np.nan, -0.0),
        "n": (a * 3).astype(np.int64),
        "u8": (a % 3).astype(np.uint8),
        "big": np.full(a.shape, 2**62, dtype=np.int64),
        "f32": a.astype(np.float32) / 3,
        "c": a + 1j,
        "flag": a > 2,
        "label": np.where(a > 2, "high", "low"),
        "exact": np.array([F(int(x), 3) for x in a], dtype=object),
    }


ODD = Model("test-odd", "t", "s", {"a": Parameter(1)}, lambda a: {}, solve_many=_odd_many)


def test_vectorized_batches_come_back_with_their_dtypes_and_special_values(tmp_path):
    ck = tmp_path / "v.sqlite"
    grid = {"a": [0, 1, 2, 3, 4, 5, 6]}
    first = gt.sweep(ODD, grid, checkpoint=ck, batch_size=3, exact=False)
    again = gt.sweep(ODD, grid, checkpoint=ck, batch_size=3, exact=False)
    pd.testing.assert_frame_equal(first, again)
    assert np.signbit(again["nan"].iloc[0]) and again["r"].iloc[2] == np.inf
    assert again["exact"].tolist() == [F(x, 3) for x in grid["a"]]
    assert list(again.dtypes.astype(str)) == list(first.dtypes.astype(str))


def test_values_the_format_cannot_hold_are_a_clear_error(tmp_path):
    with pytest.raises(GameError, match="cannot store a result value of type object"):
        gt.sweep(lambda a: {"o": object()}, {"a": [1]}, checkpoint=tmp_path / "c.sqlite")


# ---------------------------------------------------------------------- tampering
class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))  # unpickling this creates the marker file


def _fresh(tmp_path):
    ck = tmp_path / "c.sqlite"
    gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    return ck


def test_a_malicious_pickle_in_a_checkpoint_runs_nothing(tmp_path, monkeypatch):
    ck = _fresh(tmp_path)
    marker = tmp_path / "pwned"
    _exec(ck, "UPDATE batches SET data = ? WHERE batch = 1", pickle.dumps(_Evil(str(marker))))
    loads = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: loads.append(a))
    ran = []
    monkeypatch.setattr(sys.modules["gametheory.sweep"], "_run_points", lambda *a, **k: ran.append(a))
    with pytest.raises(GameError, match="batch 1 is not checksummed JSON text"):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    assert not marker.exists() and loads == [] and ran == []


def test_an_old_checkpoint_of_pickles_is_refused_unread(tmp_path):
    ck = tmp_path / "old.sqlite"
    marker = tmp_path / "pwned"
    db = sqlite3.connect(ck)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("CREATE TABLE batches (batch INTEGER PRIMARY KEY, start INTEGER, stop INTEGER, n_rows INTEGER, data BLOB)")
    db.execute("INSERT INTO meta VALUES ('schema', '1')")
    db.execute("INSERT INTO batches VALUES (0, 0, 3, 3, ?)", (pickle.dumps(_Evil(str(marker))),))
    db.commit()
    db.close()
    with pytest.raises(GameError, match="older gametheory that stored pickled rows"):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    assert not marker.exists()


def _edit_text(ck, batch, old, new):
    (text,) = [r[4] for r in _rows(ck) if r[0] == batch]
    assert old in text
    _exec(ck, "UPDATE batches SET data = ? WHERE batch = ?", text.replace(old, new, 1), batch)


@pytest.mark.parametrize(
    "tamper, match",
    [
        (lambda ck: _edit_text(ck, 0, '"frac":"1/3"', '"frac":"1/4"'), "fails its SHA-256 checksum"),
        (lambda ck: _exec(ck, "UPDATE batches SET stop = stop + 1 WHERE batch = 0"), "claims points 0..4"),
        (lambda ck: _exec(ck, "UPDATE batches SET start = 3, stop = 6 WHERE batch = 0"), "claims points 3..6"),
        (lambda ck: _exec(ck, "UPDATE batches SET n_rows = 2 WHERE batch = 2"), "holds 3 rows, not the 2"),
        (lambda ck: _exec(ck, "UPDATE batches SET batch = 7 WHERE batch = 3"), "outside this sweep's 4 batches"),
        (lambda ck: _exec(ck, "UPDATE batches SET sha256 = 'x' WHERE batch = 1"), "checksum"),
    ],
)
def test_a_changed_checkpoint_is_refused_before_any_point_runs(tmp_path, monkeypatch, tamper, match):
    ck = _fresh(tmp_path)
    tamper(ck)
    ran = []
    monkeypatch.setattr(sys.modules["gametheory.sweep"], "_run_points", lambda *a, **k: ran.append(a))
    with pytest.raises(GameError, match=match):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    assert ran == []


def test_swapped_batches_are_refused(tmp_path):
    ck = tmp_path / "c.sqlite"
    gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    rows = {r[0]: r for r in _rows(ck)}
    # the payloads (with their valid checksums) of batches 0 and 1 trade places
    _exec(ck, "UPDATE batches SET data = ?, sha256 = ? WHERE batch = 0", rows[1][4], rows[1][5])
    _exec(ck, "UPDATE batches SET data = ?, sha256 = ? WHERE batch = 1", rows[0][4], rows[0][5])
    with pytest.raises(GameError, match="batch 0 does not decode .*header"):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    # whole rows moved to other indices: their ranges give them away
    _exec(ck, "DELETE FROM batches")
    for b, start, stop, n, data, sha in rows.values():
        _exec(ck, "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?)", 3 - b, start, stop, n, data, sha)
    with pytest.raises(GameError, match="claims points"):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)


def test_a_batch_from_another_sweep_fails_its_checksum(tmp_path):
    ck, other = tmp_path / "c.sqlite", tmp_path / "o.sqlite"
    gt.sweep(square, GRID, checkpoint=ck, batch_size=3)
    gt.sweep(square, {"a": [1, 2, 3, 4, 9], "b": GRID["b"]}, checkpoint=other, batch_size=3)
    foreign = [r for r in _rows(other) if r[0] == 3][0]
    _exec(ck, "UPDATE batches SET data = ?, sha256 = ? WHERE batch = 3", foreign[4], foreign[5])
    with pytest.raises(GameError, match="batch 3 fails its SHA-256 checksum"):
        gt.sweep(square, GRID, checkpoint=ck, batch_size=3)


# ---------------------------------------------------------------------- fingerprint
def test_a_changed_lambda_is_refused(tmp_path):
    ck = tmp_path / "c.sqlite"
    gt.sweep(lambda a: {"y": a * a}, {"a": [1, 2, 3]}, checkpoint=ck)
    with pytest.raises(GameError, match="different sweep .*function"):
        gt.sweep(lambda a: {"y": -a}, {"a": [1, 2, 3]}, checkpoint=ck)
    # the same code made again (a new function object, another line) resumes
    again = gt.sweep(lambda a: {"y": a * a}, {"a": [1, 2, 3]}, checkpoint=ck)
    assert again["y"].tolist() == [1, 4, 9]


def scaled(a, k):
    return {"y": a * k}


def test_partial_arguments_are_part_of_the_fingerprint(tmp_path):
    ck = tmp_path / "c.sqlite"
    gt.sweep(functools.partial(scaled, k=1), {"a": [1, 2]}, checkpoint=ck)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(functools.partial(scaled, k=2), {"a": [1, 2]}, checkpoint=ck)
    assert gt.sweep(functools.partial(scaled, k=1), {"a": [1, 2]}, checkpoint=ck)["y"].tolist() == [1, 2]


def test_closures_and_defaults_are_part_of_the_fingerprint(tmp_path):
    def make(k):
        return lambda a: {"y": a * k}

    def with_default(a, k=1):
        return {"y": a * k}

    ck, ck2 = tmp_path / "c.sqlite", tmp_path / "d.sqlite"
    gt.sweep(make(1), {"a": [1]}, checkpoint=ck)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(make(2), {"a": [1]}, checkpoint=ck)
    gt.sweep(with_default, {"a": [1]}, checkpoint=ck2)
    with_default.__defaults__ = (2,)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(with_default, {"a": [1]}, checkpoint=ck2)


FACTOR = 3


def uses_global(a):
    return {"y": a * FACTOR}


def test_global_data_the_function_reads_is_part_of_the_fingerprint(tmp_path, monkeypatch):
    ck = tmp_path / "c.sqlite"
    gt.sweep(uses_global, {"a": [1]}, checkpoint=ck)
    monkeypatch.setitem(globals(), "FACTOR", 4)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(uses_global, {"a": [1]}, checkpoint=ck)


def test_the_errors_mode_is_part_of_the_fingerprint(tmp_path):
    ck = tmp_path / "c.sqlite"
    df = gt.sweep(lambda x: {"y": 1 / x}, {"x": [0, 1]}, checkpoint=ck, errors="record")
    assert df["error"].notna().tolist() == [True, False]
    with pytest.raises(GameError, match="errors= mode"):
        gt.sweep(lambda x: {"y": 1 / x}, {"x": [0, 1]}, checkpoint=ck, errors="raise")


def _vd(n, cost):
    return {"p": 1 - cost ** (1 / (n - 1))}


def _model(version):
    return Model("test-vd", "t", "s", {"n": Parameter(3, 2, 10, kind=int), "cost": Parameter(F(1, 2), 0, 1)}, _vd, version=version)


def test_a_model_version_is_part_of_the_fingerprint(tmp_path):
    ck = tmp_path / "c.sqlite"
    gt.sweep(_model("1"), {"n": [2, 3]}, checkpoint=ck)
    gt.sweep(_model("1"), {"n": [2, 3]}, checkpoint=ck)
    with pytest.raises(GameError, match="different sweep .*model"):
        gt.sweep(_model("2"), {"n": [2, 3]}, checkpoint=ck)
    other_default = Model("test-vd", "t", "s", {"n": Parameter(3, 2, 10, kind=int), "cost": Parameter(F(1, 3), 0, 1)}, _vd)
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(other_default, {"n": [2, 3]}, checkpoint=ck)


class _Lock:
    pass


def test_a_function_without_readable_code_needs_a_key(tmp_path):
    ck = tmp_path / "c.sqlite"
    with pytest.raises(GameError, match="pass key="):
        gt.sweep(dict, {"a": [1, 2]}, checkpoint=ck)  # a builtin: no Python code
    assert gt.sweep(dict, {"a": [1, 2]}, checkpoint=ck, key="dict")["a"].tolist() == [1, 2]
    lock = _Lock()
    with pytest.raises(GameError, match="_Lock value .*pass key="):
        gt.sweep(lambda a: {"y": a, "l": id(lock)}, {"a": [1]}, checkpoint=tmp_path / "d.sqlite")
    with pytest.raises(GameError, match="different sweep"):
        gt.sweep(dict, {"a": [1, 2]}, checkpoint=ck, key="dict v2")
    with pytest.raises(GameError, match="key must be a non-empty string"):
        gt.sweep(dict, {"a": [1, 2]}, checkpoint=ck, key="")


# ---------------------------------------------------------------------- files
def test_an_unrelated_sqlite_database_is_refused_and_left_unchanged(tmp_path):
    db_path = tmp_path / "research.sqlite"
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE survey (id INTEGER, answer TEXT)")
    db.execute("INSERT INTO survey VALUES (1, 'yes')")
    db.commit()
    db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(GameError, match="not a sweep checkpoint .*survey"):
        gt.sweep(square, GRID, checkpoint=db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(tmp_path)) == ["research.sqlite"]
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    with pytest.raises(GameError, match="not a usable SQLite file"):
        gt.sweep(square, GRID, checkpoint=text)
    assert text.read_text() == "my notes\n"
    with pytest.raises(GameError, match="does not exist"):
        gt.sweep(square, GRID, checkpoint=tmp_path / "missing" / "c.sqlite")


def test_an_empty_file_becomes_a_checkpoint(tmp_path):
    ck = tmp_path / "c.sqlite"
    ck.touch()
    df = gt.sweep(square, GRID, checkpoint=ck)
    pd.testing.assert_frame_equal(df, gt.sweep(square, GRID))
    assert _rows(ck)


def test_a_checkpoint_is_created_under_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        gt.sweep(square, GRID, checkpoint=tmp_path / "c.sqlite")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "c.sqlite").st_mode) == 0o644


# ---------------------------------------------------------------------- two writers
def slow_square(a, b):
    import time

    time.sleep(0.002)
    return square(a, b)


BIG = {"a": list(range(60)), "b": [F(1, 3), 2, 5]}


def _writer(ck, batch_size, barrier, out):
    barrier.wait()
    try:
        df = gt.sweep(slow_square, BIG, checkpoint=ck, batch_size=batch_size)
        out.put((batch_size, [[repr(v) for v in row] for row in df.itertuples(index=False)]))
    except GameError as exc:
        out.put((batch_size, str(exc)))


@pytest.mark.parametrize("round_", range(5))
def test_two_sweeps_started_together_on_a_new_checkpoint(tmp_path, monkeypatch, round_):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    ck = str(tmp_path / "c.sqlite")
    sizes = (7, 11, 13, 17)
    barrier, out = ctx.Barrier(len(sizes)), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(ck, bs, barrier, out)) for bs in sizes]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    expected = [[repr(v) for v in row] for row in gt.sweep(square, BIG).itertuples(index=False)]
    for _, res in results:
        assert res == expected or (isinstance(res, str) and "checkpoint" in res)
    assert any(res == expected for _, res in results)
    # the file holds exactly the grid, once, in one batch size
    with sqlite3.connect(ck) as db:
        stored = db.execute("SELECT start, stop, n_rows FROM batches ORDER BY start").fetchall()
    sizes = {stop - start for start, stop, _ in stored if stop != 180}
    assert len(sizes) == 1 and sum(n for *_, n in stored) == 180
    assert [start for start, _, _ in stored] == [stop for _, stop, _ in [(0, 0, 0)] + stored[:-1]]  # no overlap, no gap
    monkeypatch.setattr(sys.modules["gametheory.sweep"], "_run_points", lambda *a, **k: pytest.fail("a stored point ran again"))
    again = gt.sweep(slow_square, BIG, checkpoint=ck, batch_size=99)  # loads everything
    assert [[repr(v) for v in row] for row in again.itertuples(index=False)] == expected


def test_a_batch_another_writer_committed_first_is_the_one_kept(tmp_path):
    from gametheory._sweep.store import Checkpoint

    comps = {"target": "t", "grid": "g", "errors": "raise", "mode": "points", "library": "x"}
    path = str(tmp_path / "c.sqlite")
    one, two = Checkpoint(path, comps, 4, 2, False), Checkpoint(path, comps, 4, 99, False)
    assert two.batch_size == 2  # the second opener adopts the first one's batch size
    mine = [(0, {"x": 0, "y": F(1, 3)}), (1, {"x": 1, "y": 0.5})]
    theirs = [(0, {"x": 0, "y": F(2, 3)}), (1, {"x": 1, "y": 0.25})]
    assert one.save(0, 0, 2, mine) == mine
    assert two.save(0, 0, 2, theirs) == mine  # the checkpoint's rows win, so both tables agree
    with pytest.raises(GameError, match="batch 1 covers points 0..2"):
        two.save(1, 0, 2, theirs)  # bounds are checked against the stored batch size
    one.close(), two.close()
