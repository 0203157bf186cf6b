"""gametheory: the model-agnostic equilibrium engine of deterrence-games.

Public names are loaded lazily so that ``import gametheory`` stays fast and a
failure in one optional part (plots, say) never breaks the rest.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:  # the names __getattr__ loads, spelled out for type checkers (tested to match)
    from . import numbers, ordinal, repeated, symbolic
    from .bayesian import (
        BayesianGame,
        SignalingGame,
        bayesian_nash_equilibria,
        intuitive_criterion,
        perfect_bayesian_equilibria,
        semi_separating_equilibria,
    )
    from .continuous import AggregativeGame
    from .cooperative import core_is_empty, in_core, nucleolus, shapley_value, voting_power
    from .equilibrium import Equilibria, Equilibrium, Result, is_equilibrium, regret, support
    from .errors import (
        DegenerateGameError,
        GameError,
        InvalidGameError,
        InvalidProfileError,
        ParseError,
        SolverError,
        UnknownLabelError,
    )
    from .extensive import (
        ExtensiveFormGame,
        TreeEquilibrium,
        agent_qre,
        agent_qre_batch,
        agent_qre_path,
        backward_induction,
        behavior_to_mixed,
        complete_tree,
        count_subgame_perfect,
        mixed_to_behavior,
        non_credible_threats,
        subgame_perfect_equilibria,
        sequence_form,
        kuhn_poker,
        is_consistent,
    )
    from .interop import (
        from_nashpy,
        from_openspiel,
        from_pygambit,
        from_quantecon,
        to_nashpy,
        to_openspiel,
        to_pygambit,
        to_quantecon,
    )
    from .io.gambit import read_gambit, write_gambit
    from .io.sweep_data import read_sweep_json, sweep_to_json, sweep_to_xarray
    from .normal_form import NormalFormGame
    from .numbers import (
        DEFAULT_TOL,
        as_number,
        as_numbers,
        check_finite,
        default_tol,
        default_tols,
        is_exact_number,
        to_exact,
    )
    from .solvers import DegenerateGameWarning
    from .solvers.batch import BatchEquilibria, solve_batch
    from .solvers.dispatch import IncompleteResultWarning, count_equilibria, solve
    from .solvers.dominance import iterated_dominance
    from .solvers.lemke_howson import lemke_howson
    from .solvers.limits import EquilibriumLimitError
    from .solvers.polynomial import polynomial_equilibria
    from .solvers.pure import pure_equilibria
    from .solvers.qre import logit_qre, qre_equilibrium, qre_path
    from .solvers.selection import payoff_dominant, risk_dominant
    from .solvers.support_enumeration import support_enumeration
    from .solvers.vertex_enumeration import vertex_enumeration
    from .sweep import SweepPointError, sweep
    from .tables import csv_converters, to_table
    from .tables import read_csv as read_table_csv
    from . import plot
    from .plot import plot_tree


# public name -> (module, attribute); attribute None means the module itself
_EXPORTS: dict[str, tuple[str, str | None]] = {
    # errors
    "GameError": ("errors", "GameError"),
    "InvalidGameError": ("errors", "InvalidGameError"),
    "InvalidProfileError": ("errors", "InvalidProfileError"),
    "DegenerateGameError": ("errors", "DegenerateGameError"),
    "SolverError": ("errors", "SolverError"),
    "ParseError": ("errors", "ParseError"),
    "UnknownLabelError": ("errors", "UnknownLabelError"),
    # normal form
    "NormalFormGame": ("normal_form", "NormalFormGame"),
    "Equilibrium": ("equilibrium", "Equilibrium"),
    "Equilibria": ("equilibrium", "Equilibria"),
    "Result": ("equilibrium", "Result"),
    "regret": ("equilibrium", "regret"),
    "is_equilibrium": ("equilibrium", "is_equilibrium"),
    "support": ("equilibrium", "support"),
    "solve": ("solvers.dispatch", "solve"),
    "count_equilibria": ("solvers.dispatch", "count_equilibria"),
    "solve_batch": ("solvers.batch", "solve_batch"),
    "BatchEquilibria": ("solvers.batch", "BatchEquilibria"),
    "EquilibriumLimitError": ("solvers.limits", "EquilibriumLimitError"),
    "pure_equilibria": ("solvers.pure", "pure_equilibria"),
    "support_enumeration": ("solvers.support_enumeration", "support_enumeration"),
    "vertex_enumeration": ("solvers.vertex_enumeration", "vertex_enumeration"),
    "lemke_howson": ("solvers.lemke_howson", "lemke_howson"),
    "DegenerateGameWarning": ("solvers", "DegenerateGameWarning"),
    "polynomial_equilibria": ("solvers.polynomial", "polynomial_equilibria"),
    "qre_equilibrium": ("solvers.qre", "qre_equilibrium"),
    "logit_qre": ("solvers.qre", "logit_qre"),
    "qre_path": ("solvers.qre", "qre_path"),
    "iterated_dominance": ("solvers.dominance", "iterated_dominance"),
    "payoff_dominant": ("solvers.selection", "payoff_dominant"),
    "risk_dominant": ("solvers.selection", "risk_dominant"),
    # trees, Bayesian and signaling games, symbolic conditions
    "ExtensiveFormGame": ("extensive", "ExtensiveFormGame"),
    "backward_induction": ("extensive", "backward_induction"),
    "subgame_perfect_equilibria": ("extensive", "subgame_perfect_equilibria"),
    "sequence_form": ("extensive", "sequence_form"),
    "kuhn_poker": ("extensive", "kuhn_poker"),
    "is_consistent": ("extensive", "is_consistent"),
    "non_credible_threats": ("extensive", "non_credible_threats"),
    "agent_qre": ("extensive", "agent_qre"),
    "agent_qre_path": ("extensive", "agent_qre_path"),
    "agent_qre_batch": ("extensive", "agent_qre_batch"),
    "behavior_to_mixed": ("extensive", "behavior_to_mixed"),
    "mixed_to_behavior": ("extensive", "mixed_to_behavior"),
    "complete_tree": ("extensive", "complete_tree"),
    "count_subgame_perfect": ("extensive", "count_subgame_perfect"),
    "TreeEquilibrium": ("extensive", "TreeEquilibrium"),
    "BayesianGame": ("bayesian", "BayesianGame"),
    "SignalingGame": ("bayesian", "SignalingGame"),
    "perfect_bayesian_equilibria": ("bayesian", "perfect_bayesian_equilibria"),
    "bayesian_nash_equilibria": ("bayesian", "bayesian_nash_equilibria"),
    "intuitive_criterion": ("bayesian", "intuitive_criterion"),
    "semi_separating_equilibria": ("bayesian", "semi_separating_equilibria"),
    "symbolic": ("symbolic", None),
    # continuous and cooperative games
    "AggregativeGame": ("continuous", "AggregativeGame"),
    "shapley_value": ("cooperative", "shapley_value"),
    "nucleolus": ("cooperative", "nucleolus"),
    "in_core": ("cooperative", "in_core"),
    "core_is_empty": ("cooperative", "core_is_empty"),
    "voting_power": ("cooperative", "voting_power"),
    "repeated": ("repeated", None),
    "ordinal": ("ordinal", None),
    # numbers: what counts as one, exactness, finiteness, the one float tolerance rule
    "numbers": ("numbers", None),
    "DEFAULT_TOL": ("numbers", "DEFAULT_TOL"),
    "is_exact_number": ("numbers", "is_exact_number"),
    "to_exact": ("numbers", "to_exact"),
    "as_number": ("numbers", "as_number"),
    "as_numbers": ("numbers", "as_numbers"),
    "check_finite": ("numbers", "check_finite"),
    "default_tol": ("numbers", "default_tol"),
    "default_tols": ("numbers", "default_tols"),
    # workflow
    "sweep": ("sweep", "sweep"),
    "SweepPointError": ("sweep", "SweepPointError"),
    "IncompleteResultWarning": ("solvers.dispatch", "IncompleteResultWarning"),
    "to_table": ("tables", "to_table"),
    "read_gambit": ("io.gambit", "read_gambit"),
    "write_gambit": ("io.gambit", "write_gambit"),
    # results as data, and the peer libraries (imported only when a converter is called)
    "read_table_csv": ("tables", "read_csv"),
    "csv_converters": ("tables", "csv_converters"),
    "sweep_to_xarray": ("io.sweep_data", "sweep_to_xarray"),
    "sweep_to_json": ("io.sweep_data", "sweep_to_json"),
    "read_sweep_json": ("io.sweep_data", "read_sweep_json"),
    "to_nashpy": ("interop", "to_nashpy"),
    "from_nashpy": ("interop", "from_nashpy"),
    "to_quantecon": ("interop", "to_quantecon"),
    "from_quantecon": ("interop", "from_quantecon"),
    "to_pygambit": ("interop", "to_pygambit"),
    "from_pygambit": ("interop", "from_pygambit"),
    "to_openspiel": ("interop", "to_openspiel"),
    "from_openspiel": ("interop", "from_openspiel"),
    "plot": ("plot", None),
    "plot_tree": ("plot", "plot_tree"),
}

__all__ = sorted(_EXPORTS) + ["__version__"]

# what dir(gametheory) shows besides __all__: the attributes every module is expected to have
_DUNDERS = {"__all__", "__doc__", "__file__", "__loader__", "__name__", "__package__", "__path__", "__spec__"}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'gametheory' has no attribute {name!r}") from None
    mod = importlib.import_module(f".{module}", __name__)
    value = mod if attr is None else getattr(mod, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names and the module's dunder essentials (no helpers, no loaded submodules)."""
    return sorted(set(__all__) | (_DUNDERS & set(globals())))


class _Facade(types.ModuleType):
    """The package's module type: a public function outranks a submodule of the same name.

    The import system binds a submodule as an attribute of its package (``import
    gametheory.sweep`` sets ``gametheory.sweep`` to the module), which would shadow the
    public function ``gametheory.sweep`` for the rest of the session.  Such a binding is
    refused here; the module stays importable (``import gametheory.sweep``,
    ``from gametheory.sweep import ...``, ``sys.modules``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name, ("", None))[1] is not None:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade
