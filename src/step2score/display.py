"""How an evaluation looks: a plain-text report and an HTML table for notebooks.

Both are built from an :class:`~step2score.Evaluation`'s fields only; every figure in
the HTML links the source it came from.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from step2score.applicants import ApplicantType

if TYPE_CHECKING:  # for annotations only: evaluation.py imports this module
    from step2score.evaluation import Evaluation
    from step2score.norms import PercentileRank
    from step2score.sources import Source

__all__ = ["html_report", "text_report"]


def _rows(ev: Evaluation) -> list[tuple[str, str, Source | None]]:
    """(label, text, source) for each line of a report."""
    word = "PASS" if ev.passed else "FAIL"
    above = f"{abs(ev.margin)} points {'above' if ev.margin >= 0 else 'below'}"
    scheme = ev.tier_scheme
    heuristic = "; advisory" if scheme.source.is_heuristic else ""
    rows: list[tuple[str, str, Source | None]] = [
        ("Result", f"{word} (minimum {ev.standard.describe()}; {above})", ev.standard.source),
        (
            "Tier",
            f"{ev.tier.value} (competitive from {scheme.competitive}, {_rank(ev.threshold_percentiles[0])}; "
            f"exceptional from {scheme.exceptional}, {_rank(ev.threshold_percentiles[1])}; "
            f"ranks in the cohort of the percentile below{heuristic})",
            scheme.source,
        ),
        ("Percentile", ev.percentile.describe(), ev.percentile.source),
        ("Score band", f"{ev.score_band.describe()}; {_percentile_range(ev)}", ev.score_band.sem.source),
    ]
    if ev.close_to_standard:
        rows.insert(
            1,
            (
                "Close",
                f"within measurement error of the minimum {ev.standard.minimum} (the band "
                f"{ev.score_band.low} to {ev.score_band.high} includes it); the result above stands: "
                "the official rule is score >= minimum",
                ev.score_band.sem.source,
            ),
        )
    if ev.attempts is not None:
        a = ev.attempts
        rows.append(
            ("Attempts", f"{a.used} used, {a.remaining} left (limit {a.policy.limit} per Step)", a.policy.source)
        )
    rows.append(("Figures", ev.figures_label, None))
    if ev.benchmark is not None:
        rows += _specialty_rows(ev)
    if ev.board_odds is not None and not _closed(ev):
        o, b = ev.board_odds, ev.benchmark
        at = "the specialty's central figure" if b is None else f"the {b.statistic.value} of {b.who} in {b.specialty}"
        rows.append(
            (
                "Boards",
                f"odds of passing the {o.study.exam} {o.odds_ratio:.2f} times those of a resident at {at} "
                f"(an odds ratio for {o.points:+g} points, 95% CI {o.ci_low:.2f} to "
                f"{o.ci_high:.2f}; not a probability; from one internal-medicine program's study)",
                o.study.source,
            )
        )
    return rows


def _specialty_rows(ev: Evaluation) -> list[tuple[str, str, Source | None]]:
    """The lines about the target specialty; with no attempts left after a fail, only the figures, no road ahead."""
    b, profile = ev.benchmark, ev.profile
    assert b is not None  # noqa: S101 - called only with a benchmark
    programs = f", {profile.program_tier.value} programs" if profile.program_tier else ""
    why = ev.figures_label.partition("; ")[2]
    other = f"; {why}" if why else ""
    rows: list[tuple[str, str, Source | None]] = [
        ("Applicant", f"{profile.applicant.label}{programs}", None),
        ("Specialty", f"{b.describe()}{other}; {b.source.confidence.value}", b.source),
    ]
    if ev.position is not None:
        rows.append(("Position", f"{ev.position.describe()}{other}", b.source))
    if _closed(ev):
        return rows
    must_pass = "" if ev.passed else "; a passing score is required to match"
    if ev.match_rate is not None:
        text = f"{ev.match_rate.describe()}; a description, not a prediction{other}"
        rows.append(("Match rate", text, ev.match_rate.source))
    if ev.specialty_match_rate is not None:
        rate = ev.specialty_match_rate
        rows.append(("Match rate", f"{rate.describe()}; a description, not a prediction{must_pass}", rate.source))
    elif not ev.passed and ev.figures_group in {None, ApplicantType.US_MD_SENIOR}:
        rows.append(("Match rate", "not shown for a failing score: a passing score is required to match", None))
    if ev.target is not None:
        rows += [
            ("Target", ev.target.explain(), None),
            ("Gap", "reaches the target" if ev.on_target else f"{ev.gap} points below the target", None),
        ]
    else:
        rows.append(("Target", f"none: {b.describe()}, and no other group's figures to fall back on", None))
    return rows


def _closed(ev: Evaluation) -> bool:
    """Whether the score failed with no attempts left: no target, match rate or board odds as if the road were open."""
    return not ev.passed and ev.attempts is not None and not ev.attempts.eligible


def _rank(rank: PercentileRank) -> str:
    return f"percentile rank {rank.shown}"


def _heading(ev: Evaluation) -> str:
    if ev.date_assumed:
        return (
            f"Step 2 CK score {ev.score}, no test date given: judged by the standard in force today, "
            f"{ev.taken_on.isoformat()}"
        )
    return f"Step 2 CK score {ev.score}, taken on {ev.taken_on.isoformat()}"


def _percentile_range(ev: Evaluation) -> str:
    low, high = ev.percentile_band.low.shown, ev.percentile_band.high.shown
    return f"percentile rank {low} to {high} in the same cohort"


def text_report(ev: Evaluation, /) -> str:
    """The evaluation as a short plain-text report (what ``str(ev)`` and the command line print)."""
    lines = [_heading(ev)]
    lines += [f"  {label + ':':<11} {text}" for label, text, _ in _rows(ev)]
    lines.append("  Next steps:")
    lines += [f"    - {step.title}: {step.detail}" for step in ev.next_steps]
    return "\n".join(lines)


def _link(text: str, source: Source | None) -> str:
    """The text and a link to its source; only http(s) addresses become links (never a file's ``javascript:``)."""
    if source is None:
        return escape(text)
    title = escape(f"{source.title} ({source.confidence.value})", quote=True)
    if not source.links:
        return f'{escape(text)} <span title="{title}">[source: {escape(source.title)}]</span>'
    return f'{escape(text)} <a href="{escape(source.links[0], quote=True)}" title="{title}">[source]</a>'


def _row(label: str, cell: str) -> str:
    return f'<tr><th style="text-align:left">{label}</th><td style="text-align:left">{cell}</td></tr>'


def html_report(ev: Evaluation, /) -> str:
    """The evaluation as a compact HTML table whose figures link their sources (for notebooks)."""
    cells = [_row(escape(label), _link(text, source)) for label, text, source in _rows(ev)]
    if ev.target is not None:
        parts = "".join(f"<li>{_link(part.describe(), part.source)}</li>" for part in ev.target.parts)
        cells.append(_row("Working", f"<ul>{parts}</ul>"))
    steps = "".join(f"<li>{_link(f'{step.title}: {step.detail}', step.source)}</li>" for step in ev.next_steps)
    cells.append(_row("Next steps", f"<ul>{steps}</ul>"))
    caption = escape(_heading(ev))
    return f'<table class="step2score"><caption>{caption}</caption><tbody>{"".join(cells)}</tbody></table>'
