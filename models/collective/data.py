"""Bundled NATO data and the exploitation test (part of :mod:`models.collective`).

Olson & Zeckhauser (1966) test the exploitation hypothesis with the Spearman rank correlation,
across NATO members, of economic size (GDP) against the defence burden (defence spending as a
share of GDP); they report about 0.49 for 1964.  Their own 1964 table is NOT bundled (no source
for it could be verified here); the two bundled sets are described in ``models/data/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from gametheory.errors import GameError

from .params import DATA_OZ, NATO_COST_SHARING

__all__ = ["DATASETS", "nato_data", "exploitation_test", "select_members", "data_alliance", "DataAlliance",
           "nato_cost_sharing"]

DATASETS = {
    "nato-2012-2019": "nato_defexp_passport_2012_2019.csv",
    "nato-wdi-1960-2018": "nato_milex_gdp_worldbank_1960_2019.csv",
}


def nato_data(name: str = "nato-2012-2019") -> pd.DataFrame:
    """A bundled data set as a DataFrame; its ``#`` source lines are in ``df.attrs['source']``.

    Parameters
    ----------
    name : str
        ``"nato-2012-2019"``: NATO PR/CP(2019)069 via the R package passport (constant
        2015 USD).  ``"nato-wdi-1960-2018"``: World Bank WDI (SIPRI military expenditure,
        current USD), members in each year of membership; the file runs to 2019 but has
        no military spending for 2019.

    Returns
    -------
    pandas.DataFrame
        One row per member and year; missing values stay NaN (never zeros).

    Raises
    ------
    GameError
        An unknown data set.

    References
    ----------
    NATO (2019). Defence Expenditure of NATO Countries (2012-2019), PR/CP(2019)069.
    World Bank, World Development Indicators (SIPRI military expenditure).

    Examples
    --------
    >>> from models import collective_goods as cg
    >>> df = cg.nato_data("nato-2012-2019")
    >>> df[["country", "year", "gdp_usd", "defense_pct_gdp"]].columns.tolist()
    ['country', 'year', 'gdp_usd', 'defense_pct_gdp']
    >>> int(df["year"].min()), int(df["year"].max())
    (2012, 2019)
    """
    if name not in DATASETS:
        raise GameError(f"unknown data set {name!r}; bundled: {', '.join(DATASETS)}")
    ref = resources.files("models").joinpath("data", DATASETS[name])
    with ref.open("r", encoding="utf-8") as fh:
        text = fh.read()
    source = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    with ref.open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, comment="#")
    df.attrs["source"] = "\n".join(source)
    df.attrs["name"] = name
    return df


def exploitation_test(df: pd.DataFrame, size: str = "gdp_usd", burden: str = "defense_pct_gdp",
                      min_n: int = 5) -> pd.DataFrame:
    """The exploitation hypothesis per year: do larger allies spend a larger share of GDP?

    Per year: number of members used, Spearman rho of GDP against defence share of GDP,
    p-value (``scipy.stats.spearmanr``, two-sided).  Members with a missing value or zero
    defence spending (Iceland: no armed forces) are excluded, and the ``excluded`` column
    names them.

    Parameters
    ----------
    df : pandas.DataFrame
        Member-year rows with ``year`` and the ``size`` and ``burden`` columns (as
        :func:`nato_data` returns).
    size, burden : str
        The columns of economic size and burden.
    min_n : int
        Years with fewer usable members are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``n``, ``rho``, ``p_value``, ``excluded``.

    Raises
    ------
    GameError
        Missing columns.

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. REStat 48.

    Examples
    --------
    >>> from models import collective_goods as cg
    >>> test = cg.exploitation_test(cg.nato_data("nato-2012-2019"))
    >>> test.columns.tolist()
    ['year', 'n', 'rho', 'p_value', 'excluded']
    >>> first = test.iloc[0]
    >>> int(first["year"]), int(first["n"]), first["excluded"], round(float(first["rho"]), 2)
    (2012, 28, 'ISL', 0.24)
    """
    need = {"year", size, burden}
    missing = need - set(df.columns)
    if missing:
        raise GameError(f"the data frame lacks column(s) {', '.join(sorted(missing))}")
    label = "iso3" if "iso3" in df.columns else ("country" if "country" in df.columns else None)
    rows = []
    for year, grp in df.groupby("year", sort=True):
        ok = grp[size].notna() & grp[burden].notna() & (grp[burden] > 0) & (grp[size] > 0)
        used = grp[ok]
        excluded = sorted(grp.loc[~ok, label].astype(str)) if label else []
        if len(used) < min_n:
            continue
        res = stats.spearmanr(used[size].to_numpy(float), used[burden].to_numpy(float))
        rows.append({"year": int(year), "n": int(len(used)), "rho": float(res.statistic),
                     "p_value": float(res.pvalue), "excluded": ", ".join(excluded)})
    out = pd.DataFrame(rows, columns=["year", "n", "rho", "p_value", "excluded"])
    out.attrs["method"] = f"Spearman rank correlation of {size} against {burden} (scipy.stats.spearmanr)"
    return out


_BN = 1e9  # the files hold US dollars; the models report US$ billions


def select_members(df: pd.DataFrame, year: Any, allies: str = NATO_COST_SHARING.allies,
                   need: tuple = ("gdp_usd", "defense_usd")) -> tuple[pd.DataFrame, list]:
    """The members of one year of a bundled data set, chosen by ``allies``.

    Parameters
    ----------
    df : pandas.DataFrame
        A data set as :func:`nato_data` returns it.
    year : int
        A year of the data set.
    allies : str
        ``"all"``; ``"top-K"`` (the K members with the largest GDP that year); or ISO3 codes
        separated by commas, ``+``, ``;`` or spaces (``"USA,DEU,FRA"``).
    need : tuple
        Columns a member must have (not missing) to be used.

    Returns
    -------
    tuple
        The chosen members' rows (largest GDP first) and the ISO3 codes of members left out
        for missing data (of those asked for).

    Raises
    ------
    GameError
        A year outside the data, an unknown or repeated ISO3 code, a malformed ``top-K``, or
        no member left.

    Examples
    --------
    >>> from models import collective_goods as cg
    >>> used, excluded = cg.select_members(cg.nato_data("nato-2012-2019"), 2018, "top-3")
    >>> used["iso3"].tolist(), excluded
    (['USA', 'DEU', 'GBR'], [])
    """
    years = sorted(int(y) for y in df["year"].unique())
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or int(year) not in years:
        raise GameError(f"year {year!r} is not in data set {df.attrs.get('name', '')!r} "
                        f"(years {years[0]}-{years[-1]})")
    grp = df[df["year"] == int(year)]
    ok = grp[list(need)].notna().all(axis=1) & (grp["gdp_usd"] > 0)
    spec = str(allies).strip()
    key = spec.lower()
    if key == "all":
        asked = grp
    elif key.startswith("top-"):
        k = key[4:]
        if not k.isdigit() or int(k) < 1:
            raise GameError(f"allies={allies!r}: write top-K with K a positive integer, e.g. top-5")
        asked = grp[ok].sort_values("gdp_usd", ascending=False).head(int(k))
    else:
        codes = [c.upper() for c in re.split(r"[\s,;+]+", spec) if c]
        known = set(grp["iso3"])
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise GameError(f"allies={allies!r}: {', '.join(unknown)} not a member in {int(year)}; "
                            f"members: {', '.join(sorted(known))}")
        if len(set(codes)) != len(codes):
            raise GameError(f"allies={allies!r} names an ally twice")
        asked = grp[grp["iso3"].isin(codes)]
    used = asked[ok.loc[asked.index]].sort_values("gdp_usd", ascending=False)
    excluded = sorted(asked.loc[~ok.loc[asked.index], "iso3"].astype(str))
    if used.empty:
        raise GameError(f"allies={allies!r}: no member with {', '.join(need)} in {int(year)}")
    return used, excluded


def _spearman(a: Any, b: Any) -> tuple[Any, Any, str]:
    """Spearman rho and p-value, or (None, None, why) when a side has no variation."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 3:
        return None, None, "fewer than 3 allies: Spearman rho undefined"
    if np.all(a == a[0]) or np.all(b == b[0]):
        return None, None, "no variation on one side: Spearman rho undefined"
    res = stats.spearmanr(a, b)
    return float(res.statistic), float(res.pvalue), ""


@dataclass(frozen=True)
class DataAlliance:
    """The Olson-Zeckhauser Nash equilibrium of an alliance with the members' real GDPs.

    ``members``: one row per member (largest GDP first) with ``ally`` (ISO3), ``country``,
    ``gdp_bn``, ``predicted_bn`` (Nash contribution), ``predicted_burden`` (q/GDP),
    ``actual_bn`` (defence spending), ``actual_burden`` (defence/GDP), ``contributes``.
    ``rho``/``p_value``: Spearman rank correlation of predicted against actual burden
    (``None`` with ``rho_note`` when undefined).
    """

    members: pd.DataFrame
    equilibrium: Any
    rho: Any
    p_value: Any
    rho_note: str
    excluded: list


def data_alliance(dataset: str = DATA_OZ.dataset, year: Any = DATA_OZ.year, alpha: Any = DATA_OZ.alpha,
                  allies: str = DATA_OZ.allies) -> DataAlliance:
    """Olson & Zeckhauser's alliance with the bundled data: incomes are the members' GDPs.

    Cobb-Douglas allies ``x^alpha G^(1-alpha)`` with incomes the members' GDP (US$ bn) in
    ``year``; their Nash equilibrium (:class:`models.collective.Alliance`) predicts who
    contributes and each member's burden q/GDP, set beside the actual burden (defence
    spending / GDP) with the Spearman rank correlation of the two.

    Parameters
    ----------
    dataset : str
        A key of :data:`DATASETS`.
    year : int
        A year of the data set.
    alpha : number
        Cobb-Douglas weight on private consumption, in (0, 1).
    allies : str
        Which members (see :func:`select_members`); members without GDP or defence data
        are left out and listed in ``excluded``.

    Returns
    -------
    DataAlliance

    Raises
    ------
    GameError
        An unknown data set or year, or a bad ``allies`` or ``alpha``.

    References
    ----------
    Olson, M. & Zeckhauser, R. (1966). An economic theory of alliances. REStat 48.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from models import collective_goods as cg
    >>> res = cg.data_alliance("nato-2012-2019", 2018, alpha=F(19, 20))
    >>> res.members["ally"].iloc[0], res.equilibrium.n_contributors
    ('USA', 1)
    """
    from .goods import Alliance, CobbDouglas

    df = nato_data(dataset)
    used, excluded = select_members(df, year, allies)
    gdp = used["gdp_usd"].to_numpy(float) / _BN
    alliance = Alliance(list(gdp), CobbDouglas(alpha))
    eq = alliance.nash()
    q = np.asarray(eq.contributions, float)
    actual = used["defense_usd"].to_numpy(float) / _BN
    members = pd.DataFrame({
        "ally": used["iso3"].astype(str).to_numpy(), "country": used["country"].astype(str).to_numpy(),
        "gdp_bn": gdp, "predicted_bn": q, "predicted_burden": q / gdp, "actual_bn": actual,
        "actual_burden": actual / gdp, "contributes": q > 0,
    })
    rho, p, note = _spearman(members["predicted_burden"], members["actual_burden"])
    return DataAlliance(members, eq, rho, p, note, excluded)


_REQUIREMENTS = ("defense", "infrastructure")


def nato_cost_sharing(dataset: str = NATO_COST_SHARING.dataset, year: Any = NATO_COST_SHARING.year,
                      allies: str = NATO_COST_SHARING.allies,
                      requirement: str = NATO_COST_SHARING.requirement) -> pd.DataFrame:
    """Common-funded alliance infrastructure as an airport game, with the bundled data.

    Each member's requirement r_i (US$ bn) is its defence spending (``"defense"``) or its
    infrastructure spending (``"infrastructure"``: defence spending x NATO's infrastructure
    share, ``nato-2012-2019`` only); a common system serving coalition S is built to the
    largest need, ``c(S) = max_{i in S} r_i`` (Littlechild & Owen 1973).  The cost c(N) is
    shared by GDP (NATO-style common funding), equally, by the Shapley value and by the
    nucleolus (:func:`models.collective.cost_sharing`).

    Parameters
    ----------
    dataset : str
        A key of :data:`DATASETS`.
    year : int
        A year of the data set.
    allies : str
        Which members (see :func:`select_members`).
    requirement : {"defense", "infrastructure"}
        What measures each member's need.

    Returns
    -------
    pandas.DataFrame
        One row per member (index ISO3): ``gdp_bn``, ``requirement`` and the rules ``by_gdp``,
        ``equal``, ``by_benefit``, ``shapley``, ``nucleolus`` (US$ bn); ``attrs``:
        ``in_core`` (rule -> bool), ``total_cost``, ``excluded``.

    Raises
    ------
    GameError
        An unknown data set, year, ally or requirement; ``infrastructure`` with a data set
        that has no infrastructure share.

    References
    ----------
    Littlechild, S. & Owen, G. (1973). Management Science 20.  Littlechild, S. (1974).
    IJGT 3.  Sandler, T. & Hartley, K. (2001). Economics of alliances. JEL 39.

    Examples
    --------
    >>> from models import collective_goods as cg
    >>> df = cg.nato_cost_sharing("nato-2012-2019", 2018, "top-5")
    >>> df.index.tolist(), df.attrs["in_core"]["shapley"], df.attrs["in_core"]["nucleolus"]
    (['USA', 'DEU', 'GBR', 'FRA', 'ITA'], True, True)
    """
    from .games import cost_sharing

    if requirement not in _REQUIREMENTS:
        raise GameError(f"requirement must be one of {', '.join(_REQUIREMENTS)}, got {requirement!r}")
    df = nato_data(dataset)
    need = ("gdp_usd", "defense_usd") + (("infrastructure_pct",) if requirement == "infrastructure" else ())
    if requirement == "infrastructure" and "infrastructure_pct" not in df.columns:
        raise GameError(f"data set {dataset!r} has no infrastructure share; use requirement=defense "
                        "or dataset=nato-2012-2019")
    used, excluded = select_members(df, year, allies, need)
    req = used["defense_usd"].to_numpy(float) / _BN
    if requirement == "infrastructure":
        req = req * used["infrastructure_pct"].to_numpy(float) / 100
    gdp = used["gdp_usd"].to_numpy(float) / _BN
    out = cost_sharing(list(req), gdp=list(gdp), players=list(used["iso3"].astype(str)))
    out.insert(0, "gdp_bn", gdp)
    out.attrs["excluded"] = excluded
    return out
