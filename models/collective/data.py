"""Bundled NATO data and the exploitation test (part of :mod:`models.collective`).

Olson & Zeckhauser (1966) test the exploitation hypothesis with the Spearman rank correlation,
across NATO members, of economic size (GDP) against the defence burden (defence spending as a
share of GDP); they report about 0.49 for 1964.  Their own 1964 table is NOT bundled (no source
for it could be verified here); the two bundled sets are described in ``models/data/README.md``.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd
from scipy import stats

from gametheory.errors import GameError

__all__ = ["DATASETS", "nato_data", "exploitation_test"]

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
