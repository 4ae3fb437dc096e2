"""matplotlib figures of one evaluation and of a cohort (matplotlib is imported only when used).

Both functions return a real :class:`matplotlib.figure.Figure`, built without pyplot, that a
notebook displays by itself: it has a PNG rich display, so no ``%matplotlib`` magic is needed.
Save it with ``fig.savefig(...)`` or add to its axes as usual. Each figure carries a caption
naming the sources and cohorts of what it draws.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import TYPE_CHECKING

from step2score._validate import SCALE_MAX, SCALE_MIN, check_instance, check_int_range
from step2score.benchmarks import BenchmarkEdition, edition_named
from step2score.errors import InvalidValueError, MissingExtraError, Step2ScoreError, bounded_repr
from step2score.evaluation import Evaluation
from step2score.standards import PassingStandard, StandardHistory, default_standards
from step2score.tiers import Tier, TierScheme, default_tier_scheme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from step2score.benchmarks import SpecialtyComparison
    from step2score.norms import PercentileRank
    from step2score.sources import Source
    from step2score.targets import Target

__all__ = ["plot_cohort", "plot_evaluation"]

_TIER_COLOURS = {Tier.COMPETITIVE: "#d9ead3", Tier.EXCEPTIONAL: "#cfe2f3"}
_FAIL_BAND = "#f4cccc"
_FAIL_HATCHES = ("", "////", "\\\\\\\\", "xx")
_PASSED = "#1155cc"
_FAILED = "#cc0000"
_SCORE = "#1155cc"
_HIGHLIGHT = "#ff9900"
_LEGEND_WIDTH = 30  # legend characters per line
_THIN_MARK = " (thin)"  # a specialty row of fewer than 30 matched applicants
_CAPTION_WIDTH = 13  # caption characters per inch of figure width at the caption's font size


def _missing(caller: str, module: str, extra: str) -> MissingExtraError:
    msg = f"{caller} needs {module}, which is not installed; the {bounded_repr(extra)} extra of step2score installs it"
    return MissingExtraError(
        msg, field=module, rule=f"installed (step2score[{extra}])", hint=f'pip install "step2score[{extra}]"'
    )


def _new_figure(caller: str, width: float, height: float) -> Figure:
    """A figure that displays itself, or an error naming the extra to install."""
    try:
        from step2score._figure import ShownFigure  # noqa: PLC0415 - the optional extra, imported on use
    except ModuleNotFoundError:
        raise _missing(caller, "matplotlib", "plot") from None
    return ShownFigure(figsize=(width, height), layout="constrained")


def _cite(source: Source) -> str:
    return f"{source.title} ({source.confidence.value})"


def _plain(text: str) -> str:
    r"""Text drawn as written: a ``$`` (in a user's edition or specialty name) is escaped, never read as mathtext.

    Every text a figure draws passes through here (the caption, the legend, the tick labels,
    the titles), so a name such as ``Costs $5 $`` neither raises when the figure is drawn nor
    turns into maths.
    """
    return text.replace("$", r"\$")


def _caption(fig: Figure, lines: list[str]) -> None:
    """Write ``lines`` under the figure, wrapped to its width, where constrained layout keeps room for them."""
    width = int(fig.get_figwidth() * _CAPTION_WIDTH)
    text = _plain("\n".join(textwrap.fill(line, width, subsequent_indent="  ") for line in lines))
    fig.supxlabel(text, x=0.01, ha="left", fontsize="small", linespacing=1.4, color="#333333")


def _legend(fig: Figure) -> None:
    """One legend to the right of the axes, each label wrapped so the data keeps the width."""
    ax = fig.axes[0]
    handles, labels = ax.get_legend_handles_labels()
    boxes = [i for i, label in enumerate(labels) if label.startswith("matched ") and "Q1 to Q3 (box)" in label]
    medians = [i for i, label in enumerate(labels) if label.startswith("median of matched ") and "(line" in label]
    if boxes and medians:  # the box before the line inside it
        handles.insert(medians[0], handles.pop(boxes[0]))
        labels.insert(medians[0], labels.pop(boxes[0]))
    wrapped = [_plain(textwrap.fill(label, _LEGEND_WIDTH, subsequent_indent="  ")) for label in labels]
    fig.legend(handles, wrapped, loc="outside right upper", fontsize="small", frameon=False, labelspacing=0.9)


def _tier_bands(ax: Axes, scheme: TierScheme, high: float, ranks: tuple[PercentileRank, PercentileRank]) -> None:
    """The tier bands, each labelled with its threshold's percentile rank so a tier never reads without it."""
    for tier, start, end, rank in (
        (Tier.COMPETITIVE, scheme.competitive, scheme.exceptional, ranks[0]),
        (Tier.EXCEPTIONAL, scheme.exceptional, high, ranks[1]),
    ):
        if end > start:
            threshold = f"{start}+"
            shown = rank.shown
            label = f"{tier.value} {threshold} (percentile rank {shown}; rule of thumb)"
            ax.axvspan(start, end, color=_TIER_COLOURS[tier], zorder=0, label=label)


def _in_force(standard: PassingStandard, history: StandardHistory) -> str:
    """``tests from 2022-07-01 to 2025-06-30``: the dates a standard judged."""
    start = standard.in_force_from
    later = sorted(s.in_force_from for s in history if s.in_force_from and start and s.in_force_from > start)
    text = "tests before the first dated standard" if start is None else f"tests from {start.isoformat()}"
    if later:
        text += f" to {(later[0] - dt.timedelta(days=1)).isoformat()}"
    return text


def plot_evaluation(evaluation: Evaluation, /, *, edition: BenchmarkEdition | None = None) -> Figure:
    """One evaluation: the score against the passing minimum, the tier bands, the target and every specialty.

    With an edition that publishes quartiles (Charting Outcomes 2026), each specialty's matched
    applicants are drawn as a box from Q1 to Q3 with a line at the median, so the score can be
    read against each one; with a means-only edition, each mean is a marker labelled "mean".
    The student's specialty (when given) is highlighted, and a caption names the sources and cohorts.

    Args:
        evaluation: The result of :func:`~step2score.evaluate`.
        edition: The edition the evaluation was compared against, when it is your own
            (a packaged edition is found by its name); without it, a user's edition is drawn
            from the evaluation's comparisons, without quartiles.

    Returns:
        A :class:`matplotlib.figure.Figure` that displays itself in a notebook.

    Raises:
        InvalidTypeError: An argument has the wrong type.
        InvalidValueError: ``edition`` is not the edition the evaluation used.
        MissingExtraError: matplotlib is not installed (the message names the extra; a ModuleNotFoundError).

    >>> fig = plot_evaluation(evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img"))
    >>> fig.axes[0].get_title()
    'Step 2 CK 241 (taken 2025-09-15): pass'
    """
    check_instance(evaluation, Evaluation, field="evaluation")
    table = _edition_of(evaluation, edition)
    rows = sorted(evaluation.comparisons, key=lambda c: (c.value, c.specialty))
    by_name = {} if table is None else {b.specialty: b for b in table}
    quartiles = {
        c.specialty: (b.q1, b.q3)
        for c in rows
        if (b := by_name.get(c.specialty)) is not None and b.q1 is not None and b.q3 is not None
    }
    fig = _new_figure("plot_evaluation", 10, max(2.8 + 0.3 * len(rows), 5.2))  # room for the legend beside few rows
    ax = fig.add_subplot()
    score, minimum = evaluation.score.value, evaluation.standard.minimum
    scheme = evaluation.tier_scheme
    band = evaluation.score_band
    points = [band.low, band.high, minimum, *(c.value for c in rows), *(q for pair in quartiles.values() for q in pair)]
    if evaluation.target is not None:
        points.append(evaluation.target.high)
    low = max(min(points) - 10, 0)
    high = min(max([*points, scheme.exceptional]) + 10, SCALE_MAX)
    ax.axvspan(low, minimum, color=_FAIL_BAND, zorder=0, label=f"fail: below {minimum}")
    _tier_bands(ax, scheme, high, evaluation.threshold_percentiles)
    mine = evaluation.profile.specialty
    where = {c.specialty: y for y, c in enumerate(rows)}
    if mine is not None and mine in where:
        mine_at = where[mine]
        ax.axhspan(
            mine_at - 0.45, mine_at + 0.45, color=_HIGHLIGHT, alpha=0.35, zorder=1, label=f"your specialty: {mine}"
        )
    ax.axvspan(
        band.low,
        band.high,
        facecolor="#99999955",
        edgecolor=_SCORE,
        linestyle=":",
        zorder=1,
        label=f"score band {band.low} to {band.high} (score ± 1 SEM of {band.sem.points:g})",
    )
    who = "applicants" if evaluation.figures_group is None else evaluation.figures_group.plural
    drawn = _specialties(ax, rows, quartiles, mine, edition=evaluation.edition, who=who)
    if evaluation.target is not None:
        _target(ax, evaluation.target, where.get(evaluation.target.profile.specialty or ""))
    ax.set_yticks(range(len(rows)), [_plain(f"{c.specialty}{_THIN_MARK if c.thin else ''}") for c in rows])
    for label in ax.get_yticklabels():
        if label.get_text().removesuffix(_THIN_MARK) == _plain(mine or ""):
            label.set_fontweight("bold")
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(minimum, color=_FAILED, linestyle="--", zorder=2, label=f"passing minimum {minimum}")
    ax.axvline(score, color=_SCORE, linewidth=2.5, zorder=6, label=f"score {score}")
    ax.set_xlim(low, high)
    ax.set_xlabel("Step 2 CK score")
    taken = evaluation.taken_on.isoformat()
    if evaluation.date_assumed:
        title = f"Step 2 CK {score}: {evaluation.tier.value}\n(no test date given: judged as of today, {taken})"
    else:
        title = f"Step 2 CK {score} (taken {taken}): {evaluation.tier.value}"
    ax.set_title(_plain(title))
    ax.grid(axis="x", color="#ffffff", linewidth=0.8, zorder=0.5)
    _legend(fig)
    _caption(fig, _evaluation_caption(evaluation, table, drawn))
    return fig


def _specialties(
    ax: Axes,
    rows: list[SpecialtyComparison],
    quartiles: dict[str, tuple[int, int]],
    mine: str | None,
    *,
    edition: str,
    who: str,
) -> str:
    """Draw each row: a Q1-Q3 box with a median line where quartiles are known, else a marker; say what was drawn."""
    boxed = [(y, c) for y, c in enumerate(rows) if c.specialty in quartiles]
    if boxed:
        ys = [y for y, _ in boxed]
        ax.barh(
            ys,
            [quartiles[c.specialty][1] - quartiles[c.specialty][0] for _, c in boxed],
            left=[quartiles[c.specialty][0] for _, c in boxed],
            height=0.56,
            color="#ffffff",
            edgecolor=["#000000" if c.specialty == mine else "#555555" for _, c in boxed],
            linewidth=[2.0 if c.specialty == mine else 1.0 for _, c in boxed],
            zorder=3,
            label=f"matched {who}, Q1 to Q3 (box), {edition}",
        )
        ax.vlines(
            [c.value for _, c in boxed],
            [y - 0.28 for y in ys],
            [y + 0.28 for y in ys],
            colors="#000000",
            linewidth=2.0,
            zorder=4,
            label=f"median of matched {who} (line in the box)",
        )
    marked = [(y, c) for y, c in enumerate(rows) if c.specialty not in quartiles]
    statistics = sorted({c.statistic for _, c in marked}, key=lambda statistic: statistic.value)
    for statistic in statistics:
        these = [(y, c) for y, c in marked if c.statistic is statistic]
        ax.scatter(
            [c.value for _, c in these],
            [y for y, _ in these],
            color=["#000000" if c.specialty == mine else "#555555" for _, c in these],
            s=[70 if c.specialty == mine else 35 for _, c in these],
            zorder=4,
            label=f"{statistic.value} of matched {who}, {edition}",
        )
    drawn = ["medians with Q1 to Q3 boxes"] if boxed else []
    drawn += [f"{statistic.value}s" for statistic in statistics]
    return " and ".join(drawn) or "no specialties"


def _target(ax: Axes, target: Target, row: int | None) -> None:
    """The target: a hatched bar on the student's row, or a band across every row when that row is not drawn."""
    whose = target.parts[0].label.partition(" in ")[0].partition(" of ")[2]  # "matched U.S. MD seniors"
    span = f"target {_points(target.low, target.high)}, from {whose}"
    if row is None:
        ax.axvspan(target.low - 0.5, target.high + 0.5, color="#999999", alpha=0.35, zorder=1, label=span)
        return
    ax.broken_barh(
        [(target.low - 0.5, target.high - target.low + 1)],
        (row - 0.2, 0.4),
        facecolors=_HIGHLIGHT,
        edgecolors="#333333",
        hatch="///",
        zorder=3.5,  # above the box, below the median line
        label=span,
    )


def _edition_of(evaluation: Evaluation, edition: BenchmarkEdition | None) -> BenchmarkEdition | None:
    """The edition the evaluation used: ``edition`` checked, or the packaged one of that name if it agrees."""
    if edition is not None:
        check_instance(edition, BenchmarkEdition, field="edition")
        if edition.name != evaluation.edition or not _agrees(evaluation, edition):
            msg = f"edition must be the edition the evaluation used, {bounded_repr(evaluation.edition)}; "
            msg += f"got {bounded_repr(edition.name)}, whose figures differ"
            raise InvalidValueError(msg)
        return edition
    try:
        packaged = edition_named(evaluation.edition)
    except Step2ScoreError:
        return None
    return packaged if _agrees(evaluation, packaged) else None


def _agrees(evaluation: Evaluation, edition: BenchmarkEdition) -> bool:
    """Whether every comparison of the evaluation is a row of ``edition`` with the same figure."""
    rows = {(b.specialty, b.statistic, b.value) for b in edition}
    return all((c.specialty, c.statistic, c.value) in rows for c in evaluation.comparisons)


def _points(low: int, high: int) -> str:
    return f"{low}" if low == high else f"{low} to {high}"


def _evaluation_caption(evaluation: Evaluation, edition: BenchmarkEdition | None, drawn: str) -> list[str]:
    standard = evaluation.standard
    cited = [standard.source]
    day = evaluation.taken_on.isoformat()
    when = (
        f"in force today, {day} (no test date was given)" if evaluation.date_assumed else f"in force for tests on {day}"
    )
    lines = [f"Passing minimum {standard.minimum}, {when}: {_cite(standard.source)}."]
    if edition is None:
        line = f"Specialties: {evaluation.edition} ({drawn}), a user's edition"
        if evaluation.benchmark is None:
            line += "."
        else:
            cited.append(evaluation.benchmark.source)
            line += f"; the {evaluation.benchmark.specialty} row: {_cite(evaluation.benchmark.source)}."
        lines.append(line)
    else:
        sources = [edition.source] if edition.source is not None else list(dict.fromkeys(b.source for b in edition))
        cited += sources
        lines.append(
            f"Specialties: {edition.name}, {edition.cohort} ({drawn}): {'; '.join(_cite(s) for s in sources)}."
        )
    band = evaluation.score_band
    lines.append(
        f"Score band {band.low} to {band.high}: {band.score} ± 1 standard error of measurement ({band.sem.points:g} "
        "points), which holds the true score about two times in three: "
        + ("an SEM given by the caller." if band.sem.source is None else f"{_cite(band.sem.source)}.")
    )
    if evaluation.position is not None:
        lines.append(f"Your score: {evaluation.position.describe()}.")
    elif evaluation.benchmark is not None and evaluation.benchmark.suppressed:
        lines.append(f"Your specialty: {evaluation.benchmark.describe()}; it has no box.")
    if any(c.thin for c in evaluation.comparisons):
        lines.append("(thin): fewer than 30 matched applicants stand behind the row, too few to lean on.")
    target = evaluation.target
    if target is not None:
        parts = " + ".join(f"{part.label} ({_points(part.low, part.high)})" for part in target.parts)
        line = f"Target {_points(target.low, target.high)} = {parts}."
        titles = {source.title for source in cited}
        for part in target.parts:
            if part.source is not None and part.source.title not in titles:
                titles.add(part.source.title)
                line += f" {_cite(part.source)}."
        lines.append(f"{line} {target.rarity()}.")
    left_out = [b.specialty for b in (edition or ()) if b.suppressed]
    if left_out:
        lines.append(f"Not drawn, the matched figures being suppressed by NRMP (fewer than 5): {', '.join(left_out)}.")
    scheme = evaluation.tier_scheme
    lines.append(_tiers_line(scheme, evaluation.threshold_percentiles))
    return lines


def _tiers_line(scheme: TierScheme, ranks: tuple[PercentileRank, PercentileRank]) -> str:
    """The tiers' source, and their thresholds' percentile ranks with the cohort."""
    shown = [rank.shown for rank in ranks]
    return (
        f"Tiers {scheme.competitive}+ and {scheme.exceptional}+: {_cite(scheme.source)}, a rule of thumb; "
        f"{scheme.competitive} is percentile rank {shown[0]} and {scheme.exceptional} percentile rank {shown[1]} "
        f"of {ranks[0].cohort}."
    )


def _default_ranks(scheme: TierScheme) -> tuple[PercentileRank, PercentileRank]:
    """The thresholds' percentile ranks in the packaged 2023-2026 norms."""
    from step2score.norms import percentile_of  # noqa: PLC0415 - beside the figure

    return percentile_of(scheme.competitive), percentile_of(scheme.exceptional)


def plot_cohort(
    results: pd.DataFrame,
    /,
    *,
    tier_scheme: TierScheme | None = None,
    standard_history: StandardHistory | None = None,
    binwidth: int = 5,
) -> Figure:
    """A cohort: how many students scored in each band, who failed, and the standards that judged them.

    Bars count whole students in bins of ``binwidth`` points aligned to its multiples
    (240 to 244, 245 to 249, ...), split into those who passed and those below the minimum
    in force on their own test date. Each passing standard applied in the data gets its
    own fail band, labelled with its minimum, its dates and how many students it judged.
    A caption names the sources of the minimums and the tier thresholds, and the students drawn.

    Args:
        results: The output of :func:`~step2score.evaluate_frame` (its ``score``,
            ``taken_on``, ``minimum`` and ``passed`` columns are used; rows without a score are left out).
        tier_scheme: The thresholds to shade; the packaged 245/255 by default.
        standard_history: The passing-standard history ``results`` was judged by, for the
            sources of its minimums; the packaged one by default.
        binwidth: The width of each bin, in points (1 to 50).

    Returns:
        A :class:`matplotlib.figure.Figure` that displays itself in a notebook.

    Raises:
        InvalidTypeError: An argument has the wrong type.
        InvalidValueError: ``results`` lacks a column, or its minimums differ from ``standard_history``.
        MissingExtraError: matplotlib or pandas is not installed (the message names the extra; a ModuleNotFoundError).

    >>> import pandas as pd
    >>> results = evaluate_frame(pd.DataFrame({"score": [212, 230, 245, 251, 262]}), fixed={"taken_on": "2025-09-15"})
    >>> plot_cohort(results).axes[0].get_title()
    'Step 2 CK scores of 5 students (1 below the minimum)'
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra, imported on use
    except ModuleNotFoundError:
        caller = "plot_cohort"
        raise _missing(caller, "pandas", "pandas") from None

    check_instance(results, pd.DataFrame, field="results")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    history = default_standards() if standard_history is None else standard_history
    check_instance(history, StandardHistory, field="standard_history")
    width = check_int_range(binwidth, field="binwidth", low=1, high=50)
    missing = [c for c in ("score", "taken_on", "minimum", "passed") if c not in results.columns]
    if missing:
        msg = "results must be the output of evaluate_frame, with columns score, taken_on, minimum and passed; "
        msg += f"missing: {', '.join(missing)}"
        raise InvalidValueError(msg)

    drawn = results[results["score"].notna() & results["minimum"].notna()]
    for column in ("score", "minimum"):  # each distinct value read as a score is: an integer from 1 to 300
        for value in drawn[column].unique():
            check_int_range(value, field=f"results[{column!r}]", low=SCALE_MIN, high=SCALE_MAX)
    scores = drawn["score"].astype(int)
    failed = drawn["passed"].eq(False).to_numpy(dtype=bool)
    applied = _applied_standards(drawn, history)

    fig = _new_figure("plot_cohort", 10, 5.2)
    ax = fig.add_subplot()
    minimums = [s.minimum for s, _ in applied]
    first = math.floor(min([*scores, *minimums, scheme.competitive]) / width) * width - width
    last = min((math.floor(max([*scores, scheme.exceptional]) / width) + 2) * width, SCALE_MAX + 1)
    edges = list(range(first, last + 1, width))
    for index, (standard, judged) in enumerate(applied):
        ax.axvspan(
            first,
            standard.minimum,
            facecolor="#e0666640",  # translucent, so nested bands darken where several standards fail a score
            hatch=_FAIL_HATCHES[index % len(_FAIL_HATCHES)],
            edgecolor="#cc000066",
            linewidth=0,
            zorder=0,
            label=f"fail: below {standard.minimum} ({_in_force(standard, history)}; {judged} judged by it)",
        )
        ax.axvline(standard.minimum, color=_FAILED, linestyle="--", linewidth=1, zorder=3)
    _tier_bands(ax, scheme, last, _default_ranks(scheme))
    n_failed = int(failed.sum())
    tops, _, _ = ax.hist(
        [scores[failed], scores[~failed]],
        bins=edges,
        stacked=True,
        color=[_FAILED, _PASSED],
        edgecolor="white",
        linewidth=0.8,
        zorder=2,
        label=[f"below the minimum on their test date ({n_failed})", f"passed ({len(scores) - n_failed})"],
    )
    from matplotlib.ticker import MaxNLocator, MultipleLocator  # noqa: PLC0415 - present once the figure is

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(float(tops[-1].max()), 1) * 1.1)  # stacked: the last series' tops are the bars' heights
    ax.xaxis.set_major_locator(MultipleLocator(2 * width if width < 10 else width))
    ax.set_xlim(first, last)
    middle = edges[len(edges) // 2]
    bins = f" (bins of {width} whole points: {middle} to {middle + width - 1}, ...)" if width > 1 else ""
    ax.set_xlabel(_plain(f"Step 2 CK score{bins}"))
    ax.set_ylabel("students")
    ax.set_title(_plain(f"Step 2 CK scores of {len(scores)} students ({n_failed} below the minimum)"))
    _legend(fig)
    _caption(fig, _cohort_caption(results, drawn, applied, scheme))
    return fig


def _applied_standards(drawn: pd.DataFrame, history: StandardHistory) -> list[tuple[PassingStandard, int]]:
    """Each standard that judged a row of ``drawn``, with the number of rows it judged, lowest minimum first."""
    applied: dict[PassingStandard, int] = {}
    for day, minimum in zip(drawn["taken_on"], drawn["minimum"], strict=True):
        standard = history.on(day.date() if hasattr(day, "date") else day)
        if standard.minimum != int(minimum):
            msg = f"results has minimum {int(minimum)} for a test on {_day(day)}, but standard_history gives "
            msg += f"{standard.minimum}: pass the standard_history= that evaluate_frame used"
            raise InvalidValueError(msg)
        applied[standard] = applied.get(standard, 0) + 1
    return sorted(applied.items(), key=lambda item: item[0].minimum)


def _day(day: object) -> str:
    """The ``YYYY-MM-DD`` of a date or timestamp."""
    return str(day)[:10]


def _cohort_caption(
    results: pd.DataFrame, drawn: pd.DataFrame, applied: list[tuple[PassingStandard, int]], scheme: TierScheme
) -> list[str]:
    left_out = len(results) - len(drawn)
    students = f"Students: the {len(drawn)} rows of this frame with a score"
    if len(drawn):
        first, last = drawn["taken_on"].min(), drawn["taken_on"].max()
        students += f", tested on {_day(first)}" if first == last else f", tested {_day(first)} to {_day(last)}"
    if left_out:
        students += f" ({left_out} without a score left out)"
    lines = [students + "."]
    lines += [f"Passing minimum {s.minimum}: {_cite(s.source)}." for s, _ in applied]
    lines.append(_tiers_line(scheme, _default_ranks(scheme)))
    return lines
