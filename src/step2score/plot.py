"""matplotlib figures of one evaluation and of a cohort (matplotlib is imported only when used).

Both functions return a :class:`matplotlib.figure.Figure` built without pyplot, so nothing
is shown or kept in global state: display it in a notebook, or ``fig.savefig(...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from step2score._validate import SCALE_MAX, check_instance
from step2score.evaluation import Evaluation
from step2score.tiers import Tier, TierScheme, default_tier_scheme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_cohort", "plot_evaluation"]

_BAND_COLOURS = {Tier.FAIL: "#f4cccc", Tier.PASS: "#fff2cc", Tier.COMPETITIVE: "#d9ead3", Tier.EXCEPTIONAL: "#cfe2f3"}


def _bands(ax: Axes, minimum: int, scheme: TierScheme, low: float, high: float) -> None:
    edges = [
        (Tier.FAIL, low, minimum),
        (Tier.PASS, minimum, scheme.competitive),
        (Tier.COMPETITIVE, scheme.competitive, scheme.exceptional),
        (Tier.EXCEPTIONAL, scheme.exceptional, high),
    ]
    for tier, start, end in edges:
        if end > start:
            ax.axvspan(start, end, color=_BAND_COLOURS[tier], alpha=0.6, zorder=0, label=f"{tier.value} band")


def plot_evaluation(evaluation: Evaluation, /) -> Figure:
    """One evaluation: the score against the passing minimum, the tier bands, the target and every specialty's mean.

    >>> fig = plot_evaluation(evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img"))
    >>> fig.axes[0].get_title()
    'Step 2 CK 241 (taken 2025-09-15): pass'
    """
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra, imported on use

    check_instance(evaluation, Evaluation, field="evaluation")
    rows = sorted(evaluation.comparisons, key=lambda c: (c.value, c.specialty))
    fig = Figure(figsize=(8, 1.5 + 0.3 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    score, minimum = evaluation.score.value, evaluation.standard.minimum
    lowest = min([score, minimum, *(c.value for c in rows)]) - 10
    _bands(ax, minimum, evaluation.tier_scheme, lowest, SCALE_MAX)
    if evaluation.target is not None:
        target = evaluation.target
        ax.axvspan(
            target.low - 0.5,
            target.high + 0.5,
            color="#999999",
            alpha=0.35,
            zorder=1,
            label=f"target {target.low}" + ("" if target.low == target.high else f" to {target.high}"),
        )
    ax.scatter(
        [c.value for c in rows],
        range(len(rows)),
        color="#333333",
        zorder=3,
        label=f"matched {rows[0].statistic.value if rows else 'figure'} ({evaluation.edition})",
    )
    ax.set_yticks(range(len(rows)), [c.specialty for c in rows])
    ax.axvline(minimum, color="#cc0000", linestyle="--", zorder=2, label=f"passing minimum {minimum}")
    ax.axvline(score, color="#1155cc", linewidth=2.5, zorder=4, label=f"score {score}")
    ax.set_xlim(lowest, SCALE_MAX)
    ax.set_xlabel("Step 2 CK score")
    ax.set_title(f"Step 2 CK {score} (taken {evaluation.taken_on.isoformat()}): {evaluation.tier.value}")
    fig.legend(loc="outside lower center", ncols=3, fontsize="small")
    return fig


def plot_cohort(results: pd.DataFrame, /, *, tier_scheme: TierScheme | None = None, bins: int = 30) -> Figure:
    """A cohort: the distribution of an :func:`~step2score.evaluate_frame` result's scores, minimum and tier bands.

    Args:
        results: The output of :func:`~step2score.evaluate_frame` (its ``score`` and ``minimum`` columns are used).
        tier_scheme: The thresholds to shade; the packaged 245/255 by default.
        bins: The number of histogram bins.

    >>> import pandas as pd
    >>> results = evaluate_frame(pd.DataFrame({"score": [212, 230, 245, 251, 262]}), fixed={"taken_on": "2025-09-15"})
    >>> plot_cohort(results).axes[0].get_title()
    'Step 2 CK scores of 5 students (1 below the minimum)'
    """
    import pandas as pd  # noqa: PLC0415 - optional extra, imported on use
    from matplotlib.figure import Figure  # noqa: PLC0415

    check_instance(results, pd.DataFrame, field="results")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    scores = results["score"].dropna().astype(int)
    minimums = sorted(int(m) for m in results["minimum"].dropna().unique())
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.add_subplot()
    low = min([*scores, *minimums, scheme.competitive]) - 10
    _bands(ax, minimums[-1] if minimums else low, scheme, low, SCALE_MAX)
    ax.hist(scores, bins=bins, range=(low, SCALE_MAX), color="#1155cc", zorder=2, label="students")
    for minimum in minimums:
        ax.axvline(minimum, color="#cc0000", linestyle="--", zorder=3, label=f"passing minimum {minimum}")
    failed = int((results["passed"] == False).sum())  # noqa: E712 - a nullable boolean column
    ax.set_xlim(low, SCALE_MAX)
    ax.set_xlabel("Step 2 CK score")
    ax.set_ylabel("students")
    ax.set_title(f"Step 2 CK scores of {len(scores)} students ({failed} below the minimum)")
    ax.legend(loc="upper left", fontsize="small")
    return fig
