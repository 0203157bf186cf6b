"""Registry adapters of the crisis models: rows, parameter specs, registration.

The math lives in :mod:`models.crisis.catalogue` and :mod:`models.crisis.cooperation`; the
parameter specs come from the bundles in :mod:`models.crisis.params`.
"""

from __future__ import annotations

import gametheory as gt
from gametheory import ordinal, repeated
from gametheory.errors import GameError

from ..parameters import parameters_of
from ..registry import Model, register
from .catalogue import GAMES, _eq_text, _key, catalogue, outcome_label
from .cooperation import _alliance_many, _pd_many, alliance_collapse
from .params import AllianceCooperationParams, CatalogueParams, RepeatedPDParams

_FAMILY = "crisis"


def _catalogue_solve(game: str) -> dict:
    if game == "all":
        rows = catalogue()
        return {
            "n_games": len(rows),
            "dilemmas": ", ".join(r["game"] for r in rows if r["dilemma"]),
            "ordinal_classes": ", ".join(str(r["ordinal_class"]) for r in rows),
        }
    row = next(r for r in catalogue() if r["game"] == _key(game))
    return {k: v for k, v in row.items() if k != "game"}


def _catalogue_rows(game: str) -> list[dict]:
    if game == "all":
        return catalogue()
    g = GAMES[game]
    out = []
    for e in gt.solve(g):
        out.append(
            {
                "profile": _eq_text(g, e),
                "payoff_row": e.payoffs[0],
                "payoff_column": e.payoffs[1],
                "outcome": outcome_label(g, e),
            }
        )
    return out


def _pd_solve(T, R, P, S, delta) -> dict:
    if not (T > R > P > S):
        raise GameError(f"a prisoner's dilemma needs T > R > P > S; got T={T}, R={R}, P={P}, S={S}")
    g = gt.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])
    d = repeated.check_delta(delta)
    grim = repeated.grim_trigger_threshold(g)
    tft = repeated.tit_for_tat_threshold(g)
    tol = 0 if g.exact else g.tol  # float payoffs: a delta within tol of a threshold meets it
    return {
        "grim_threshold": grim,
        "tft_threshold": tft,
        "grim_sustainable": bool(d >= grim - tol),
        "tft_stable": bool(d >= tft - tol),
    }


def _alliance_solve(threat, cost, capability, delta) -> dict:
    res = alliance_collapse(threat, cost, capability, delta)
    return {
        "stage_game": res.stage_game,
        "delta_threshold": res.delta_threshold,
        "sustainable": res.sustainable,
        "threat_threshold": res.threat_threshold,
        "max_capability_share": res.max_capability_share,
    }




def _taxonomy_solve() -> dict:
    cls = ordinal.classes()
    return {
        "strict_games": len(ordinal.all_strict_games()),
        "classes": ordinal.class_count(),
        "classes_without_player_swaps": ordinal.class_count(swap_players=False),
        "symmetric": sum(c.symmetric for c in cls),
        "no_conflict": sum(c.no_conflict for c in cls),
        "dilemmas": sum(c.dilemma for c in cls),
    }


def _taxonomy_rows() -> list[dict]:
    return [
        {
            "rg_number": c.index,
            "name": c.name or "",
            "canonical_form": " ".join(f"({a},{b})" for a, b in c.cells),
            "games_in_class": c.size,
            "symmetric": c.symmetric,
            "no_conflict": c.no_conflict,
            "pure_equilibria": len(c.pure_equilibria),
            "dilemma": c.dilemma,
        }
        for c in ordinal.classes()
    ]


register(Model(
    name="crisis-catalogue",
    title="Snyder & Diesing's 2x2 crisis games",
    source="Snyder & Diesing (1977), Conflict Among Nations, ch. 2; Rapoport & Guyer (1966)",
    parameters=parameters_of(CatalogueParams),
    solve_fn=_catalogue_solve,
    rows_fn=_catalogue_rows,
    description="Ordinal crisis games with their equilibria, outcomes and what each predicts.",
    family=_FAMILY,
    # game="all" gives the first three columns; a single game its catalogue row (the others)
    columns={
        "n_games": "game=all: number of crisis games in the catalogue",
        "dilemmas": "game=all: the games with a Pareto-dominated pure equilibrium, joined by ', '",
        "ordinal_classes": "game=all: each game's Rapoport-Guyer class number, joined by ', '",
        "title": "one game: its name",
        "ordinal_class": "one game: its Rapoport-Guyer class number",
        "symmetric": "one game: the game is symmetric after some relabelling",
        "row_preferences": "one game: the row player's preference order over CC, CD, DC, DD",
        "column_preferences": "one game: the column player's preference order",
        "n_equilibria": "one game: number of Nash equilibria",
        "equilibria": "one game: the equilibria, joined by '; '",
        "outcome": "one game: the outcome of each equilibrium, joined by '; '",
        "dilemma": "one game: some pure equilibrium is Pareto-dominated by another outcome",
        "prediction": "one game: what the game predicts for the crisis (Snyder & Diesing 1977)",
    },
    row_columns={
        "profile": "one game: the equilibrium profile (mixed probabilities written out)",
        "payoff_row": "one game: the row player's payoff in this equilibrium",
        "payoff_column": "one game: the column player's payoff in this equilibrium",
    },
))
register(Model(
    name="ordinal-2x2",
    title="The 78 strict ordinal 2x2 games",
    source="Rapoport & Guyer (1966), A taxonomy of 2x2 games, General Systems 11",
    parameters={},
    solve_fn=_taxonomy_solve,
    rows_fn=_taxonomy_rows,
    description="Counts computed by enumerating the 576 games; rows: one per Rapoport-Guyer class.",
    family=_FAMILY,
    columns={
        "strict_games": "number of strict ordinal 2x2 games (576)",
        "classes": "number of classes up to relabelling strategies and swapping players (78)",
        "classes_without_player_swaps": "number of classes up to relabelling strategies only",
        "symmetric": "number of symmetric classes",
        "no_conflict": "number of no-conflict classes (both players' best cell is the same)",
        "dilemmas": "number of classes with a Pareto-dominated pure equilibrium",
    },
    row_columns={
        "rg_number": "Robinson & Goforth (2005) class number", "name": "the class's name where it has one",
        "canonical_form": "payoff cells (row, column) of the class's canonical game",
        "games_in_class": "number of strict ordinal games in the class",
        "pure_equilibria": "number of pure Nash equilibria", "dilemma": "the equilibrium is Pareto-dominated",
    },
))
register(Model(
    name="repeated-pd",
    title="Repeated prisoner's dilemma: grim trigger and tit-for-tat",
    source="Friedman (1971); Axelrod (1984), The Evolution of Cooperation, Prop. 2",
    parameters=parameters_of(RepeatedPDParams),
    solve_fn=_pd_solve,
    solve_many=_pd_many,
    description="delta* = (T-R)/(T-P) for grim trigger; max of that and (T-R)/(R-S) for tit-for-tat.",
    family=_FAMILY,
    columns={
        "grim_threshold": "lowest delta at which grim trigger sustains cooperation, (T - R)/(T - P)",
        "tft_threshold": "lowest delta at which tit-for-tat is an equilibrium, max of grim and (T - R)/(R - S)",
        "grim_sustainable": "delta >= grim_threshold",
        "tft_stable": "delta >= tft_threshold",
    },
))
register(Model(
    name="alliance-cooperation",
    title="Alliance cooperation under a shadow of the future (why alliances collapse)",
    source="Axelrod & Keohane (1985); Snyder (1997), Alliance Politics; grim trigger after Friedman (1971)",
    parameters=parameters_of(AllianceCooperationParams),
    solve_fn=_alliance_solve,
    solve_many=_alliance_many,
    description=(
        "Grim-trigger cooperation between two allies; reports the delta, threat and capability "
        "boundaries at which cooperation stops being an equilibrium (delta_threshold >= 1: no delta "
        "sustains it; max_capability_share < 1/2: no split of capabilities does)."
    ),
    family=_FAMILY,
    columns={
        "stage_game": "the stage game's kind (prisoner's dilemma, harmony, deadlock for the stronger ally)",
        "delta_threshold": "lowest shadow of the future that sustains cooperation (>= 1: none does)",
        "sustainable": "cooperation is an equilibrium at this delta",
        "threat_threshold": "lowest threat that sustains cooperation at this delta",
        "max_capability_share": "largest capability share of the stronger ally that still sustains cooperation",
    },
))
