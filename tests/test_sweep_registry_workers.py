"""Every registered model runs on worker processes by its registry name (issue 12, section 1)."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

import gametheory as gt
from gametheory.cli import main
from models.registry import MODELS, Model, Parameter


def _grid_arg(model) -> str:
    """Two points of the model's first parameter (its default, or its first two choices)."""
    name, p = next(iter(model.parameters.items()))
    values = list(p.choices[:2]) if p.choices else [p.default, p.default]
    return f"{name}={','.join(str(v) for v in values)}"


def _cli(capsys, *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


# a model without parameters (ordinal-2x2, one fixed catalogue) has no grid to sweep
@pytest.mark.parametrize("name", [n for n in MODELS if MODELS[n].parameters])
def test_every_registered_model_sweeps_with_two_worker_processes(name, capsys):
    args = ["sweep", name, "--grid", _grid_arg(MODELS[name]), "--format", "csv"]
    assert _cli(capsys, *args, "--workers", "2") == _cli(capsys, *args, "--workers", "1")


def test_a_registered_model_pickles_as_its_name():
    for name in MODELS:
        model = MODELS[name]
        blob = pickle.dumps(model)
        assert len(blob) < 300 and pickle.loads(blob) is model
    # an unregistered model (here with module-level functions) still pickles by value
    local = Model("test-unregistered", "t", "s", {"a": Parameter(1)}, _solve)
    assert pickle.loads(pickle.dumps(local)) == local


def _solve(a):
    return {"b": a}


def test_a_worker_with_another_model_version_refuses():
    from models.registry import _registered_model

    model = MODELS["alliance-game"]
    assert _registered_model(model.name, model.version, "models.alliance._registry") is model
    with pytest.raises(gt.GameError, match="version"):
        _registered_model(model.name, model.version + "-other", "models.alliance._registry")


def test_registered_models_on_a_dask_cluster_of_processes():
    distributed = pytest.importorskip("distributed")
    names = ["alliance-game", "extended-deterrence", "tying-hands", "deterrence-qre"]
    with distributed.LocalCluster(
        processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        for name in names:
            model = MODELS[name]
            p, par = next(iter(model.parameters.items()))
            grid = {p: [par.default] * 3}
            serial = gt.sweep(model, grid, vectorized=False)
            dist = gt.sweep(model, grid, executor=client.get_executor(), vectorized=False, batch_size=1)
            pd.testing.assert_frame_equal(serial, dist)
