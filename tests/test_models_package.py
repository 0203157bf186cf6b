"""The shape of the models package (issue 13): facades, parameter bundles, the registry.

* The DESIGN section 9 entry points stay importable where DESIGN names them, as thin
  facades over the subpackages, with every public name they had before the split.
* Every default lives once, in a parameter bundle: the model functions' signatures and the
  registry's parameter specs read the same bundle.
* The registry imports every family's adapters and never skips one that fails to import.
* Every registered model documents the columns its ``solve`` returns (``Model.columns``).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pathlib
import subprocess
import sys
from fractions import Fraction as F

import pytest

import gametheory as gt
from models.registry import MODELS

ROOT = pathlib.Path(__file__).resolve().parents[1]

# the public names (``__all__``) of the four entry points before they became facades
BEFORE = {
    "models.collective_goods": {
        "Alliance", "BestShot", "CES", "CESBridging", "CobbDouglas", "Custom", "DATASETS", "EquilibriumSet",
        "QuasiLinear", "Summation", "ThresholdGame", "VolunteersDilemma", "WeakestLink", "WeightedSum",
        "cost_sharing", "exploitation_test", "group_size", "nato_data", "simulate_volunteers", "stylized_incomes",
        "threshold_game", "volunteers_dilemma", "volunteers_dilemma_many"},
    "models.alliance_dilemma": {
        "AlignmentResult", "AllianceGame", "CommitmentSPE", "OUTCOMES", "PledgeResult", "ProbabilisticCommitment",
        "TripartiteResult", "alignment_game", "alliance_game", "classify_symmetric", "commitment_game",
        "commitment_symbolic", "commitment_tree", "contest_success", "minimal_winning_coalitions",
        "minimum_winning_coalitions", "pledge_game", "pledge_tree", "probabilistic_commitment", "stable_alignments",
        "swing_state_behavior", "tripartite_commitment", "tripartite_map", "tripartite_symbolic", "tripartite_tree"},
    "models.extended_deterrence": {
        "Brinkmanship", "BudgetEquilibrium", "BudgetSignaling", "DeterrencePBE", "DeterrenceSPE",
        "ExtendedDeterrence", "OPENNESS", "SecrecyResult", "SignalEquilibrium", "UnilateralDeterrence",
        "alliance_secrecy", "brinkmanship", "budget_signaling", "budget_signaling_game", "deterrence_game",
        "deterrence_game_incomplete", "deterrence_symbolic", "deterrence_tree", "extended_deterrence",
        "extended_deterrence_symbolic", "extended_deterrence_tree", "sinking_costs", "sinking_costs_map",
        "symbolic_conditions", "tying_hands", "tying_hands_map", "unilateral_deterrence", "unilateral_symbolic"},
    "models.crisis": {
        "AllianceCollapse", "CrisisClassification", "GAMES", "PLAYERS", "PREDICTIONS", "PREFERENCES",
        "alliance_collapse", "alliance_game", "catalogue", "classify", "equilibria", "game_names", "outcome_label",
        "prediction", "TITLES", "UnknownGameError"},
}
PACKAGE = {"models.collective_goods": "models.collective", "models.alliance_dilemma": "models.alliance",
           "models.extended_deterrence": "models.deterrence", "models.crisis": "models.crisis"}


@pytest.mark.parametrize("facade", sorted(BEFORE))
def test_each_entry_point_keeps_its_public_names_as_the_package_objects(facade):
    mod = importlib.import_module(facade)
    pkg = importlib.import_module(PACKAGE[facade])
    assert BEFORE[facade] <= set(mod.__all__)
    for name in mod.__all__:
        assert getattr(mod, name) is getattr(pkg, name), name


def test_the_design_section_2_and_9_calls_work_through_the_facades():
    from models import alliance_dilemma as ad
    from models import collective_goods as cg
    from models import crisis
    from models import extended_deterrence as ed

    alliance = cg.Alliance(incomes=[10, 6, 2], utility=cg.CobbDouglas(alpha=F(1, 2)))
    eq = alliance.nash()
    assert sum(eq.contributions) == eq.total and alliance.pareto().total > eq.total
    assert cg.volunteers_dilemma(n=3, benefit=4, cost=1).p == F(1, 2)
    assert isinstance(crisis.GAMES["chicken"], gt.NormalFormGame)
    spes = ad.commitment_game(value=1, p_intervene=F(4, 5), p_abandon=F(1, 5), cost_patron=F(9, 10),
                              cost_protege=F(1, 10), cost_challenger=F(3, 10), audience_cost=1)
    assert spes and all(e.patron in ("firm", "loose") for e in spes)
    r = ad.probabilistic_commitment(reliability=F(1, 2), p_intervene=F(4, 5), p_abandon=F(1, 5),
                                    cost_protege=F(1, 10), cost_challenger=F(3, 10))
    assert r.outcome in ("concede", "war", "deterred")
    assert ed.unilateral_deterrence(u_dc=1, u_sq=0, u_dd=-1, credibility=F(1, 2)).threshold == F(1, 2)
    assert ed.brinkmanship(p_hardline=F(1, 3)).q_low == F(3, 5)
    assert ed.tying_hands(audience_cost=F(1, 2), cost_defender=F(1, 2), cost_challenger=F(1, 2)).kind
    assert ed.sinking_costs(signal_cost=F(1, 5), cost_defender=F(1, 2), cost_challenger=F(1, 2)).kind


def _bundles():
    out = []
    for fam in ("collective", "alliance", "deterrence", "crisis", "arms_race", "voting", "reputation"):
        params = importlib.import_module(f"models.{fam}.params")
        for name in params.__all__:
            obj = getattr(params, name)
            if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
                out.append(obj)
    return out


def test_every_function_default_that_a_bundle_holds_is_read_from_the_bundle():
    """No literal default duplicates a bundle's: a signature default equal to a bundle field of
    the same name must be that field's object (so it is written only in the bundle)."""
    fields = {}
    for b in _bundles():
        for f in dataclasses.fields(b):
            fields.setdefault(f.name, []).append(getattr(b, f.name))
    checked = 0
    for path in sorted((ROOT / "models").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            a = node.args
            pairs = list(zip(a.args[len(a.args) - len(a.defaults):], a.defaults))
            pairs += [(x, d) for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
            for arg, default in pairs:
                if arg.arg not in fields:
                    continue
                checked += 1
                if isinstance(default, ast.Attribute):
                    continue  # BUNDLE.field
                try:
                    value = ast.literal_eval(default) if not isinstance(default, ast.Call) else eval(
                        ast.unparse(default), {"Fraction": F})
                except (ValueError, NameError, SyntaxError):
                    continue
                assert value not in fields[arg.arg], f"{path.name}:{node.name}: {arg.arg}={ast.unparse(default)}"
    assert checked > 50


@pytest.mark.parametrize("fn_path, bundle_path", [
    ("models.alliance_dilemma.commitment_game", "models.alliance.params.COMMITMENT"),
    ("models.alliance_dilemma.commitment_tree", "models.alliance.params.COMMITMENT"),
    ("models.alliance_dilemma.tripartite_commitment", "models.alliance.params.TRIPARTITE"),
    ("models.alliance_dilemma.tripartite_map", "models.alliance.params.TRIPARTITE"),
    ("models.alliance_dilemma.pledge_game", "models.alliance.params.PLEDGE"),
    ("models.alliance_dilemma.probabilistic_commitment", "models.alliance.params.PROBABILISTIC"),
    ("models.extended_deterrence.extended_deterrence", "models.deterrence.params.EXTENDED_DETERRENCE"),
    ("models.extended_deterrence.budget_signaling", "models.deterrence.params.BUDGET"),
    ("models.collective_goods.volunteers_dilemma", "models.collective.params.VOLUNTEERS"),
    ("models.reputation.chain_store", "models.reputation.params.CHAIN_STORE"),
])
def test_signature_defaults_are_the_bundle_defaults(fn_path, bundle_path):
    def load(path):
        mod, name = path.rsplit(".", 1)
        return getattr(importlib.import_module(mod), name)

    fn, bundle = load(fn_path), load(bundle_path)
    sig = inspect.signature(fn)
    shared = [f.name for f in dataclasses.fields(bundle) if f.name in sig.parameters]
    assert len(shared) >= 3
    for name in shared:
        if sig.parameters[name].default is not inspect.Parameter.empty:
            assert sig.parameters[name].default is getattr(bundle, name), name


@pytest.mark.parametrize("model, bundle", [
    ("commitment-game", "models.alliance.params.CommitmentParams"),
    ("tripartite-commitment", "models.alliance.params.TripartiteParams"),
    ("alliance-pledges", "models.alliance.params.PledgeParams"),
    ("budget-signaling", "models.deterrence.params.BudgetParams"),
    ("threshold-game", "models.collective.params.ThresholdParams"),
    ("repeated-pd", "models.crisis.params.RepeatedPDParams"),
    ("chain-store", "models.reputation.params.ChainStoreParams"),
])
def test_registry_parameters_are_the_bundle_fields(model, bundle):
    mod, name = bundle.rsplit(".", 1)
    cls = getattr(importlib.import_module(mod), name)
    specs = MODELS[model].parameters
    assert list(specs) == [f.name for f in dataclasses.fields(cls)]
    for f in dataclasses.fields(cls):
        assert specs[f.name] == f.metadata["parameter"] and specs[f.name].default == f.default


def test_shared_fields_are_one_spec():
    from models.alliance import params as ap

    commit = {f.name: f.metadata["parameter"] for f in dataclasses.fields(ap.CommitmentParams)}
    for cls in (ap.TripartiteParams, ap.PledgeParams, ap.ProbabilisticParams):
        for f in dataclasses.fields(cls):
            if f.name in commit:
                assert f.metadata["parameter"] == commit[f.name], (cls.__name__, f.name)


def test_parameters_of_refuses_unknown_names():
    from models.alliance.params import CommitmentParams
    from models.parameters import parameters_of, same_as

    with pytest.raises(KeyError, match="no_such"):
        parameters_of(CommitmentParams, no_such={"default": 1})
    with pytest.raises(KeyError, match="no_such"):
        same_as(CommitmentParams, "no_such")
    assert "value" not in parameters_of(CommitmentParams, exclude=("value",))


def test_a_model_module_that_fails_to_import_is_not_skipped():
    """The registry imports every adapter module; a missing one raises instead of vanishing."""
    code = (
        "import models.registry as r\n"
        "r.MODEL_MODULES = r.MODEL_MODULES + ('models.no_such_family._registry',)\n"
        "try:\n"
        "    len(r.MODELS)\n"
        "except ModuleNotFoundError as exc:\n"
        "    print('raised', exc.name)\n"
        "else:\n"
        "    print('skipped')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.stdout.strip() == "raised models.no_such_family", res.stdout + res.stderr


def _points(model):
    """The defaults, and the defaults with each choice of every choice parameter."""
    yield {}
    for k, p in model.parameters.items():
        for c in p.choices:
            yield {k: c}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_model_documents_exactly_the_columns_it_returns(name):
    model = MODELS[name]
    assert model.columns, f"{name} has no column dictionary"
    for col, text in model.columns.items():
        assert isinstance(text, str) and text.strip() and "\n" not in text, col
    assert not set(model.columns) & set(model.parameters)
    seen = set()
    for point in _points(model):
        row = model.solve(**point)
        extra = set(row) - set(model.parameters) - set(model.columns)
        assert not extra, f"{name} at {point}: undocumented columns {sorted(extra)}"
        seen |= set(row) - set(model.parameters)
    assert seen == set(model.columns), f"{name}: documented but never returned: {sorted(set(model.columns) - seen)}"


def test_the_vectorized_twins_return_documented_columns():
    import numpy as np

    for name in MODELS:
        model = MODELS[name]
        if model.solve_many is None:
            continue
        arrays = {k: np.array([float(v)]) for k, v in model.defaults().items() if not isinstance(v, str)}
        assert set(model.solve_many(**arrays)) <= set(model.columns), name


def test_tripartite_rows_carry_optimal_payoff_on_the_exact_and_the_vectorized_path():
    """The vectorized rows always had optimal_payoff; exact rows lacked it (NaN in a mixed sweep)."""
    from models.alliance_dilemma import tripartite_commitment

    df = gt.sweep(MODELS["tripartite-commitment"], {"kappa": [F(1, 2), 0.25]})
    assert df["optimal_payoff"].notna().all()
    assert df["optimal_payoff"].iloc[0] == tripartite_commitment(kappa=F(1, 2)).optimal_payoff
    assert df["optimal_payoff"].iloc[1] == pytest.approx(float(tripartite_commitment(kappa=0.25).optimal_payoff))


@pytest.mark.parametrize("name", sorted(n for n in MODELS if MODELS[n].rows_fn is not None))
def test_table_rows_document_every_column_they_print(name):
    """`gametheory table` prints ``rows()``: each of its columns is described in ``columns`` or
    ``row_columns`` (per-ally, per-member or per-class tables were undocumented), and every
    ``row_columns`` entry is a column the rows really have."""
    model = MODELS[name]
    for text in model.row_columns.values():
        assert isinstance(text, str) and text.strip() and "\n" not in text
    assert not set(model.row_columns) & set(model.parameters)
    seen = set()
    for point in _points(model):
        for row in model.rows(**point):
            seen |= set(row) - set(model.parameters) - {model.row_index}
    undocumented = seen - set(model.columns) - set(model.row_columns)
    assert not undocumented, f"{name}: table columns without a description: {sorted(undocumented)}"
    assert set(model.row_columns) <= seen, f"{name}: row_columns never printed: {sorted(set(model.row_columns) - seen)}"


def test_deterrence_game_table_rows_carry_each_spe_payoffs_and_the_count():
    # rows() printed outcome and path only, though the model documents payoff_C, payoff_D, n_spe
    from models.extended_deterrence import deterrence_game

    model = MODELS["deterrence-game"]
    rows = model.rows()
    spes = deterrence_game(**model.defaults())
    assert [(r["payoff_C"], r["payoff_D"]) for r in rows] == [tuple(e.payoffs[:2]) for e in spes]
    assert {r["n_spe"] for r in rows} == {len(spes)} == {model.solve()["n_spe"]}
