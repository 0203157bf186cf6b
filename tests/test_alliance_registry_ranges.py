"""Registry ranges match what the alliance/deterrence/crisis models accept (review finding 4).

For every parameter of every model in these families, each declared endpoint (exact and as a
float, the others at their defaults) is either rejected up front by the registry's range
check (an open bound) or solved without error -- so a sweep over the full declared range
never dies at a point the registry advertised.  Vectorized twins get the same endpoints.
"""

from fractions import Fraction as F

import numpy as np
import pytest

from gametheory.errors import GameError
from models.registry import MODELS

FAMILIES = ("models.alliance.", "models.deterrence.", "models.crisis.")
MINE = sorted(n for n in MODELS if MODELS[n].solve_fn.__module__.startswith(FAMILIES))


def test_the_walk_covers_every_model():
    assert {"alliance-cooperation", "repeated-pd", "commitment-game", "budget-signaling", "tripartite-commitment",
            "deterrence-qre", "extended-deterrence"} <= set(MINE)


def _endpoints(p):
    if p.choices:
        return list(p.choices)
    out = []
    for x in (p.low, p.high):
        if x is not None:
            out += [x, float(x)]
    return out


@pytest.mark.parametrize("name", MINE)
def test_declared_endpoints_run_or_are_rejected_up_front(name):
    m = MODELS[name]
    walked = 0
    for k, p in m.parameters.items():
        for x in _endpoints(p):
            try:
                m.check_params({k: x})
            except GameError:
                assert not p.choices and ((x == p.low and p.low_open) or (x == p.high and p.high_open)), (k, x)
                continue
            row = m.solve(**{k: x})  # must not raise: the registry advertised this point
            assert row[k] == x
            walked += 1
            if m.solve_many is not None and not p.choices and p.kind is not str:
                arrays = {kk: np.array([float(v)]) for kk, v in m.check_params({k: x}).items()
                          if not isinstance(v, str)}
                m.solve_many(**arrays)
    assert walked > 0 or all(p.low is None and p.high is None and not p.choices for p in m.parameters.values())


@pytest.mark.parametrize("name,param,value,inside", [
    ("alliance-cooperation", "delta", 1, F(99, 100)), ("alliance-cooperation", "capability", 0, F(1, 100)),
    ("alliance-cooperation", "capability", 1, F(99, 100)), ("alliance-cooperation", "threat", 0, F(1, 100)),
    ("alliance-cooperation", "cost", 0, F(1, 100)), ("repeated-pd", "delta", 1, F(99, 100)),
    ("commitment-game", "p_intervene", 0, F(1, 2)), ("commitment-game", "p_abandon", 1, F(1, 2)),
    ("budget-signaling", "budget", 0, F(1, 100)), ("budget-signaling", "cost_low", 0.0, 0.01),
])
def test_reviewer_points_are_open_bounds(name, param, value, inside):
    p = MODELS[name].parameters[param]
    assert p.low_open if value == p.low else p.high_open
    with pytest.raises(GameError, match="range"):
        MODELS[name].check_params({param: value})
    MODELS[name].solve(**{param: inside})  # just inside the bound the model runs
