"""Driver analysis (Interdependenzen zu Wirkungsgrößen): how strongly each touchpoint's
satisfaction goes together with an outcome — overall satisfaction, the recommendation (NPS
question) or loyalty — across respondents, set beside the importance the room stated in step 1.

    >>> found = drivers(answers, outcome)        # answers: respondent × touchpoint, outcome: respondent
    >>> found.rows                               # per touchpoint: r, p, n, beta, beta_p
    >>> found.r2, found.n_complete               # the joint model's fit and its respondents
    >>> findings(found.rows, stated)             # "hidden_driver" / "overrated" / "agree"

Method: the derived importance of a touchpoint is Pearson's correlation between its
satisfaction and the outcome over the respondents who answered both (scipy), with its p-value;
a joint linear model (statsmodels OLS) of the outcome on every touchpoint's satisfaction over
the respondents who answered all of them gives the standardised weights and R². Limits: a
correlation is not a cause; touchpoints answered together share their effect (the model's
weights are unstable when they correlate strongly); below ``MIN_PAIRS`` respondents a
touchpoint is not analysed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MIN_PAIRS = 30  # respondents who answered both, for a correlation to be shown
ALPHA = 0.05


@dataclass
class Drivers:
    rows: list[dict] = field(default_factory=list)  # per touchpoint, strongest first
    r2: float = math.nan
    n_complete: int = 0


def drivers(answers: pd.DataFrame, outcome: pd.Series) -> Drivers:
    """``answers``: one row per respondent, one column per touchpoint (its satisfaction, NaN
    where not answered); ``outcome``: the outcome per respondent (same index)."""
    from scipy import stats as sp

    found = Drivers()
    data = answers.join(outcome.rename("__outcome"), how="inner")
    data = data[data["__outcome"].notna()]
    usable = []
    for tp in answers.columns:
        pair = data[[tp, "__outcome"]].dropna()
        n = len(pair)
        row = {"touchpoint": tp, "n": n, "r": math.nan, "p": math.nan, "performance": math.nan,
               "beta": math.nan, "beta_p": math.nan}  # fmt: skip
        if n:
            row["performance"] = float(pair[tp].mean())
        if n >= MIN_PAIRS and pair[tp].nunique() > 1 and pair["__outcome"].nunique() > 1:
            result = sp.pearsonr(pair[tp], pair["__outcome"])
            row["r"], row["p"] = float(result.statistic), float(result.pvalue)
            usable.append(tp)
        found.rows.append(row)
    complete = data[[*usable, "__outcome"]].dropna()
    if usable and len(complete) >= max(MIN_PAIRS, len(usable) + 2):
        found.r2, betas, ps = _joint_model(complete, usable)
        found.n_complete = len(complete)
        for row in found.rows:
            if row["touchpoint"] in betas:
                row["beta"], row["beta_p"] = betas[row["touchpoint"]], ps[row["touchpoint"]]
    found.rows.sort(key=lambda r: (math.isnan(r["r"]), -(r["r"] if not math.isnan(r["r"]) else 0)))
    return found


def _joint_model(data: pd.DataFrame, columns: list) -> tuple[float, dict, dict]:
    """OLS of the standardised outcome on the standardised satisfactions: R², weights, p."""
    from statsmodels.regression.linear_model import OLS

    z = (data - data.mean()) / data.std(ddof=1).replace(0, np.nan)
    z = z.dropna(axis=1, how="all")
    kept = [c for c in columns if c in z.columns]
    x = np.column_stack([np.ones(len(z)), z[kept].to_numpy(dtype=float)])
    fit = OLS(z["__outcome"].to_numpy(dtype=float), x).fit()
    betas = {c: float(b) for c, b in zip(kept, fit.params[1:], strict=True)}
    ps = {c: float(p) for c, p in zip(kept, fit.pvalues[1:], strict=True)}
    return float(fit.rsquared), betas, ps


def _rank(values: dict) -> dict:
    """1 for the largest; NaN values are not ranked."""
    ordered = sorted((v, k) for k, v in values.items() if v is not None and not math.isnan(v))
    return {k: len(ordered) - i for i, (_, k) in enumerate(ordered)}


def findings(rows: list[dict], stated: dict) -> dict:
    """Per touchpoint with both a derived (significant or not) and a stated importance:
    ``hidden_driver`` when it drives the outcome strongly (top half of the significant
    correlations) but the room ranked it in the bottom half; ``overrated`` when the room ranked it
    in the top half but its correlation is not significant or in the bottom half; else ``agree``."""
    derived = {r["touchpoint"]: r["r"] for r in rows if not math.isnan(r["r"])}
    both = [tp for tp in derived if stated.get(tp) is not None and not math.isnan(stated[tp])]
    if len(both) < 2:
        return {}
    d_rank = _rank({tp: derived[tp] for tp in both})
    s_rank = _rank({tp: stated[tp] for tp in both})
    k = len(both)
    significant = {r["touchpoint"] for r in rows if r["p"] < ALPHA}
    out = {}
    for tp in both:
        derived_top = d_rank[tp] <= k / 2 and tp in significant
        derived_low = d_rank[tp] > (k + 1) / 2 or tp not in significant
        stated_top, stated_low = s_rank[tp] <= k / 2, s_rank[tp] > (k + 1) / 2
        if derived_top and stated_low:
            out[tp] = "hidden_driver"
        elif stated_top and derived_low:
            out[tp] = "overrated"
        else:
            out[tp] = "agree"
    return out
