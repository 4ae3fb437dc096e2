import datetime as dt
import io
import pickle
import re
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from IPython.core.formatters import DisplayFormatter
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from step2score import (
    BenchmarkEdition,
    Evaluation,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    Source,
    SpecialtyBenchmark,
    StandardHistory,
    default_standards,
    edition_named,
    evaluate,
    evaluate_frame,
)
from step2score._figure import ShownFigure
from step2score.plot import plot_cohort, plot_evaluation
from tests.strategies import cohort_frames, evaluations

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def derm() -> Figure:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="us-img", program_tier="top")
    return plot_evaluation(ev)


def two_standards() -> pd.DataFrame:
    """Two students scored 216: one tested under 214 (passed), one under 218 (failed); and a few others."""
    frame = pd.DataFrame(
        {
            "score": [216, 216, 230, 251, 262, None],
            "taken_on": ["2024-05-01", "2025-08-01", "2024-05-01", "2025-08-01", "2025-08-01", "2025-08-01"],
        }
    )
    return evaluate_frame(frame, taken_on="taken_on")


def labels_of(fig: Figure) -> list[str]:
    """The figure legend's labels, with wrapped lines joined."""
    (legend,) = fig.legends
    return [" ".join(t.get_text().split()) for t in legend.get_texts()]


def caption_of(fig: Figure) -> str:
    return " ".join(fig.get_supxlabel().split())


def bars(ax: Axes) -> list[list[tuple[float, float, float]]]:
    """Each histogram series as (left edge, width, height) per bar."""
    return [[(b.get_x(), b.get_width(), b.get_height()) for b in series] for series in ax.containers]


def fail_bands(ax: Axes) -> dict[str, float]:
    """Each fail band's label and right edge (the minimum it shades below)."""
    return {
        str(p.get_label()): p.get_x() + p.get_width()
        for p in ax.patches
        if isinstance(p, Rectangle) and str(p.get_label()).startswith("fail: ")
    }


# --- figures that display themselves ------------------------------------------------------------------------------


def test_the_figures_are_matplotlib_figures_that_render_to_png_by_themselves() -> None:
    for fig in (derm(), plot_cohort(two_standards())):
        assert isinstance(fig, Figure)
        assert isinstance(fig, ShownFigure)
        png, size = fig._repr_png_()
        assert png.startswith(PNG_MAGIC)
        assert size == {"width": round(fig.get_figwidth() * fig.dpi), "height": round(fig.get_figheight() * fig.dpi)}
        # drawn at twice the size shown, so it stays sharp: the PNG header holds the width and height
        assert int.from_bytes(png[16:20], "big") == 2 * size["width"]
        assert int.from_bytes(png[20:24], "big") == 2 * size["height"]


def test_ipython_finds_the_png_without_any_magic() -> None:
    data, metadata = DisplayFormatter().format(derm())  # type: ignore[no-untyped-call]
    assert data["image/png"].startswith(PNG_MAGIC)
    assert metadata["image/png"]["width"] == 1000
    assert data["text/plain"].startswith("<ShownFigure size 1000x")


def test_the_figures_can_still_be_saved_edited_and_pickled() -> None:
    fig = derm()
    fig.axes[0].set_xlabel("my label")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    assert b"<svg" in buffer.getvalue()
    again = pickle.loads(pickle.dumps(fig))  # noqa: S301 - our own bytes
    assert isinstance(again, ShownFigure)
    assert again.axes[0].get_xlabel() == "my label"


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    ev = evaluate(241, taken_on="2025-09-15")
    results = two_standards()
    monkeypatch.delitem(sys.modules, "step2score._figure")
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    hint = "needs matplotlib, which is not installed; the 'plot' extra of step2score installs it"
    with pytest.raises(ModuleNotFoundError, match=re.escape(f"plot_evaluation {hint}")) as caught:
        plot_evaluation(ev)
    assert isinstance(caught.value, MissingExtraError)
    assert caught.value.hint == 'pip install "step2score[plot]"'
    with pytest.raises(ModuleNotFoundError, match=re.escape(f"plot_cohort {hint}")):
        plot_cohort(results)


def test_without_pandas_plot_cohort_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    hint = "plot_cohort needs pandas, which is not installed; the 'pandas' extra of step2score installs it"
    with pytest.raises(ModuleNotFoundError, match=re.escape(hint)):
        plot_cohort([1, 2])  # type: ignore[arg-type]


# --- plot_evaluation ----------------------------------------------------------------------------------------------


def test_plot_evaluation_has_its_lines_and_labels() -> None:
    fig = derm()
    ax = fig.axes[0]
    assert labels_of(fig) == [
        "fail: below 218",
        "competitive 245+ (percentile rank 32; rule of thumb)",
        "exceptional 255+ (percentile rank 58; rule of thumb)",
        "your specialty: Dermatology",
        "score band 235 to 247 (score ± 1 SEM of 6)",
        "matched U.S. MD seniors, Q1 to Q3 (box), Charting Outcomes 2026",
        "median of matched U.S. MD seniors (line in the box)",
        "target 276 to 281, from matched U.S. MD seniors",
        "passing minimum 218",
        "score 241",
    ]
    assert [np.asarray(line.get_xdata()).tolist() for line in ax.get_lines()] == [[218, 218], [241, 241]]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Otolaryngology"
    assert ax.get_xlabel() == "Step 2 CK score"
    assert ax.get_title() == "Step 2 CK 241 (taken 2025-09-15): pass"


def test_with_quartiles_each_specialty_is_a_box_from_q1_to_q3_with_a_line_at_the_median() -> None:
    ax = derm().axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    (boxes,) = ax.containers
    assert len(boxes) == len(names) == 23
    edition = edition_named("charting-outcomes-2026")
    (medians,) = [c for c in ax.collections if str(c.get_label()).startswith("median of")]
    assert isinstance(medians, LineCollection)
    for row, (name, box, segment) in enumerate(zip(names, boxes, medians.get_segments(), strict=True)):
        benchmark = edition[name]
        assert (box.get_x(), box.get_x() + box.get_width()) == (benchmark.q1, benchmark.q3)
        assert box.get_y() < row < box.get_y() + box.get_height()
        assert segment[:, 0].tolist() == [benchmark.value, benchmark.value]
    assert not [label for label in labels_of(derm()) if "mean" in label]


def test_with_means_only_each_specialty_is_a_marker_labelled_mean() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="IM", applicant="img", edition="charting-outcomes-2024")
    fig = plot_evaluation(ev)
    ax = fig.axes[0]
    assert ax.containers == []
    (means,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert means.get_label() == "mean of matched U.S. MD seniors, Charting Outcomes 2024"
    names = [t.get_text() for t in ax.get_yticklabels()]
    edition = edition_named("charting-outcomes-2024")
    assert np.asarray(means.get_offsets()).tolist() == [[edition[name].value, row] for row, name in enumerate(names)]
    assert not [label for label in labels_of(fig) if "median" in label]
    assert "Specialties: Charting Outcomes 2024, matched U.S. MD seniors (means): QuantaPrep" in caption_of(fig)


@pytest.mark.parametrize(
    ("edition", "name"), [("charting-outcomes-2026", "Dermatology"), ("charting-outcomes-2024", "Internal Medicine")]
)
def test_plot_evaluation_highlights_the_students_specialty(edition: str, name: str) -> None:
    fig = plot_evaluation(evaluate(241, taken_on="2025-09-15", specialty=name, edition=edition))
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    row = names.index(name)
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"] == [name]
    (band,) = [p for p in ax.patches if p.get_label() == f"your specialty: {name}"]
    assert isinstance(band, Rectangle)
    assert band.get_y() < row < band.get_y() + band.get_height()
    if ax.containers:  # quartiles: the student's box has the thickest edge
        weights = [box.get_linewidth() for box in ax.containers[0]]
    else:  # means: the student's marker is the largest
        (means,) = [c for c in ax.collections if isinstance(c, PathCollection)]
        weights = means.get_sizes().tolist()
    assert weights[row] > max(weights[:row] + weights[row + 1 :])


def test_plot_evaluation_without_a_specialty_highlights_nothing() -> None:
    fig = plot_evaluation(evaluate(231, taken_on="2025-09-15"))
    assert not [label for label in labels_of(fig) if label.startswith(("your specialty", "target"))]
    assert all(t.get_fontweight() != "bold" for t in fig.axes[0].get_yticklabels())


def test_plot_evaluation_caption_names_sources_and_cohorts() -> None:
    caption = caption_of(derm())
    assert caption.startswith(
        "Passing minimum 218, in force for tests on 2025-09-15: QuantaPrep: Step 2 CK score report explained; "
        "Medvily (secondary). "
        "Specialties: Charting Outcomes 2026, matched U.S. MD seniors (who consented to research use) "
        "(medians with Q1 to Q3 boxes): NRMP, Charting Outcomes: Characteristics of U.S. MD Seniors Who Matched to "
        "Their Preferred Specialty, 2026 Main Residency Match"
    )
    assert (
        "Score band 235 to 247: 241 ± 1 standard error of measurement (6 points), which holds the true score about "
        "two times in three: USMLE Score Interpretation Guidelines (updated 2026-08-17)"
    ) in caption
    assert (
        "Your score: 241 is below Q1 of matched U.S. MD seniors in Dermatology (Q1 251, median 258, Q3 266; n = 356; "
        "Charting Outcomes 2026); 11 points below the median of those who did not match (252, n = 181)."
    ) in caption
    assert "Target 276 to 281 = Q3 of matched U.S. MD seniors in Dermatology (Charting Outcomes 2026)" in caption
    assert "+ IMG buffer for a U.S.-citizen IMG, measured against U.S. MD seniors: no Charting Outcomes" in caption
    assert "Ace Med Boards, USMLE Step 2 CK passing score guide (advisory)." in caption
    assert caption.endswith(
        "Tiers 245+ and 255+: Ace Med Boards, USMLE Step 2 CK passing score guide (advisory), a rule of thumb; "
        "245 is percentile rank 32 and 255 percentile rank 58 of first-time takers from LCME-accredited (U.S.) "
        "medical schools tested 2023-07-01 to 2026-06-30, N = 67,824."
    )


def test_plot_evaluation_draws_the_score_band_with_the_sem_it_used() -> None:
    ev = evaluate(241, taken_on="2025-09-15", sem=7.5)
    band = ev.score_band
    fig = plot_evaluation(ev)
    label = f"score band {band.low} to {band.high} (score ± 1 SEM of 7.5)"
    assert label in labels_of(fig)
    (span,) = [p for p in fig.axes[0].patches if p.get_label() == label]
    assert isinstance(span, Rectangle)
    assert (span.get_x(), span.get_x() + span.get_width()) == (band.low, band.high)
    assert (
        "(7.5 points), which holds the true score about two times in three: an SEM given by the caller."
        in caption_of(fig)
    )


def test_plot_evaluation_says_when_no_test_date_was_given() -> None:
    today = dt.date.today().isoformat()  # noqa: DTZ011 - evaluate() assumes the local calendar day too
    fig = plot_evaluation(evaluate(241))
    assert fig.axes[0].get_title() == f"Step 2 CK 241: pass\n(no test date given: judged as of today, {today})"
    assert caption_of(fig).startswith(f"Passing minimum 218, in force today, {today} (no test date was given): ")


def test_plot_evaluation_cites_the_packaged_edition_even_without_a_specialty() -> None:
    caption = caption_of(plot_evaluation(evaluate(231, taken_on="2025-09-15", edition="ace-med-boards-2022")))
    assert (
        "Specialties: Ace Med Boards article (labelled 2022), matched U.S. MD seniors (means): Ace Med Boards"
        in caption
    )


def our_edition() -> BenchmarkEdition:
    source = Source("Our school's match report", "https://school.example/match", "official")
    rows = (
        SpecialtyBenchmark(
            "Dermatology", "median", 250, "our edition", "our matched graduates", source, q1=244, q3=255
        ),
        SpecialtyBenchmark("Pediatrics", "mean", 238, "our edition", "our matched graduates", source),
    )
    return BenchmarkEdition("our edition", 2026, "our matched graduates", rows)


def test_a_users_edition_is_drawn_with_its_own_figures() -> None:
    edition = our_edition()
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", edition=edition)
    without = plot_evaluation(ev)
    assert without.axes[0].containers == []  # not packaged and not given: no quartiles to draw
    assert (
        "Specialties: our edition (means and medians), a user's edition; the Dermatology row: Our school's"
        in caption_of(without)
    )
    fig = plot_evaluation(ev, edition=edition)
    ax = fig.axes[0]
    (boxes,) = ax.containers
    assert [(box.get_x(), box.get_width()) for box in boxes] == [(244, 11)]
    (means,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert means.get_label() == "mean of matched applicants, our edition"
    assert np.asarray(means.get_offsets()).tolist() == [[238, 0]]
    assert (
        "Specialties: our edition, our matched graduates (medians with Q1 to Q3 boxes and means): Our school's match report (official)."
        in caption_of(fig)
    )


def test_plot_evaluation_refuses_an_edition_it_did_not_use() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm")
    message = "edition must be the edition the evaluation used, 'Charting Outcomes 2026'; got 'our edition', whose figures differ"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        plot_evaluation(ev, edition=our_edition())
    with pytest.raises(
        InvalidTypeError, match=re.escape("edition must be a BenchmarkEdition, got str 'charting-outcomes-2026'")
    ):
        plot_evaluation(ev, edition="charting-outcomes-2026")  # type: ignore[arg-type]


@settings(deadline=None)  # a figure takes longer to build than the default deadline allows
@given(evaluations())
def test_plot_evaluation_never_calls_a_median_a_mean(evaluation: Evaluation) -> None:
    """A figure names only the statistics its edition publishes (never a median a mean, nor the reverse).

    It draws a box exactly for each row with quartiles, and a marker for every other row.
    """
    fig = plot_evaluation(evaluation)
    ax = fig.axes[0]
    statistics = {c.statistic.value for c in evaluation.comparisons}
    labels = labels_of(fig)
    assert any("mean" in label for label in labels) == ("mean" in statistics)
    assert any("median" in label for label in labels) == ("median" in statistics)
    edition = edition_named(evaluation.edition)
    boxed = sum(1 for c in evaluation.comparisons if edition[c.specialty].has_quartiles)
    assert sum(len(container) for container in ax.containers) == boxed
    markers = sum(len(np.asarray(c.get_offsets())) for c in ax.collections if isinstance(c, PathCollection))
    assert boxed + markers == len(evaluation.comparisons)


# --- plot_cohort --------------------------------------------------------------------------------------------------


def test_plot_cohort_counts_whole_students_in_bins_on_multiples_of_five() -> None:
    fig = plot_cohort(two_standards())
    ax = fig.axes[0]
    failed, passed = bars(ax)
    for left, width, height in failed + passed:
        assert left % 5 == 0
        assert width == 5
        assert float(height).is_integer()
    assert all(float(tick).is_integer() for tick in ax.get_yticks())
    assert sum(h for *_, h in passed) == 4  # stacked: each bar counts its own students, the passed above the failed
    assert [(left, h) for left, _, h in failed if h] == [(215, 1)]
    assert ax.get_ylabel() == "students"
    assert ax.get_xlabel() == "Step 2 CK score (bins of 5 whole points: 240 to 244, ...)"


def test_plot_cohort_shades_one_fail_band_per_standard_applied() -> None:
    fig = plot_cohort(two_standards())
    ax = fig.axes[0]
    assert fail_bands(ax) == {
        "fail: below 214 (tests from 2022-07-01 to 2025-06-30; 2 judged by it)": 214,
        "fail: below 218 (tests from 2025-07-01; 3 judged by it)": 218,
    }
    assert sorted(np.asarray(line.get_xdata()).tolist()[0] for line in ax.get_lines()) == [214, 218]
    labels = labels_of(fig)
    assert len(labels) == len(set(labels))
    assert "below the minimum on their test date (1)" in labels
    assert "passed (4)" in labels
    assert ax.get_title() == "Step 2 CK scores of 5 students (1 below the minimum)"


def test_plot_cohort_with_one_standard_has_one_band() -> None:
    results = evaluate_frame(pd.DataFrame({"score": [212, 230, 245, 251, 262, None]}), fixed={"taken_on": "2025-09-15"})
    fig = plot_cohort(results)
    assert list(fail_bands(fig.axes[0])) == ["fail: below 218 (tests from 2025-07-01; 5 judged by it)"]
    assert fig.axes[0].get_title() == "Step 2 CK scores of 5 students (1 below the minimum)"


def test_plot_cohort_legend_sits_outside_the_data() -> None:
    for fig in (plot_cohort(two_standards()), derm()):
        fig.draw_without_rendering()
        ax = fig.axes[0]
        assert ax.get_legend() is None
        (legend,) = fig.legends
        assert not legend.get_window_extent().overlaps(ax.get_window_extent())


def test_plot_cohort_caption_names_sources_and_students() -> None:
    caption = caption_of(plot_cohort(two_standards()))
    assert caption == (
        "Students: the 5 rows of this frame with a score, tested 2024-05-01 to 2025-08-01 (1 without a score left out). "
        "Passing minimum 214: USMLE: Change to Step 2 CK passing standard begins July 1 2022 (as quoted by Immersive MD "
        "and The Abramson Firm) (secondary). "
        "Passing minimum 218: QuantaPrep: Step 2 CK score report explained; Medvily (secondary). "
        "Tiers 245+ and 255+: Ace Med Boards, USMLE Step 2 CK passing score guide (advisory), a rule of thumb; "
        "245 is percentile rank 32 and 255 percentile rank 58 of first-time takers from LCME-accredited (U.S.) "
        "medical schools tested 2023-07-01 to 2026-06-30, N = 67,824."
    )


def test_plot_cohort_of_no_scores_is_an_empty_figure() -> None:
    results = evaluate_frame(
        pd.DataFrame({"score": pd.Series([None], dtype="Int64")}), fixed={"taken_on": "2025-09-15"}
    )
    fig = plot_cohort(results)
    assert fig.axes[0].get_title() == "Step 2 CK scores of 0 students (0 below the minimum)"
    assert fail_bands(fig.axes[0]) == {}
    assert isinstance(fig, ShownFigure)
    assert fig._repr_png_()[0].startswith(PNG_MAGIC)


@settings(deadline=None)  # a figure takes longer to build than the default deadline allows
@given(cohort_frames())
def test_plot_cohort_draws_every_student_once_with_a_band_per_standard(frame: pd.DataFrame) -> None:
    """Every scored student is counted once, as a whole number, in a bin on a multiple of 5.

    Failed students are those below the minimum in force on their own test date; there is one fail band per
    minimum applied, and no legend entry twice.
    """
    results = evaluate_frame(frame, taken_on="taken_on")
    fig = plot_cohort(results)
    ax = fig.axes[0]
    failed, passed = bars(ax)
    scored = results[results["score"].notna()]
    assert sum(h for *_, h in failed + passed) == len(scored)
    assert sum(h for *_, h in failed) == int((scored["passed"] == False).sum())  # noqa: E712 - nullable booleans
    assert all(left % 5 == 0 and float(h).is_integer() for left, _, h in failed + passed)
    assert sorted(fail_bands(ax).values()) == sorted({int(m) for m in scored["minimum"]})
    labels = labels_of(fig)
    assert len(labels) == len(set(labels))


# --- arguments ----------------------------------------------------------------------------------------------------


def test_plot_arguments_are_checked() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("evaluation must be a Evaluation, got int 3")):
        plot_evaluation(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=re.escape("results must be a DataFrame, got list [1, 2]")):
        plot_cohort([1, 2])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=re.escape("standard_history must be a StandardHistory, got str '218'")):
        plot_cohort(two_standards(), standard_history="218")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("binwidth", "error", "message"),
    [
        (0, InvalidValueError, "binwidth must be an integer from 1 to 50, got 0"),
        (51, InvalidValueError, "binwidth must be an integer from 1 to 50, got 51"),
        (2.5, InvalidValueError, "binwidth must be an integer from 1 to 50, got 2.5"),
        ("5", InvalidTypeError, "binwidth must be an integer from 1 to 50, got str '5'"),
    ],
)
def test_plot_cohort_binwidth_is_checked(binwidth: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        plot_cohort(two_standards(), binwidth=binwidth)  # type: ignore[arg-type]


def test_plot_cohort_needs_the_columns_of_evaluate_frame() -> None:
    message = (
        "results must be the output of evaluate_frame, with columns score, taken_on, minimum and passed; "
        "missing: minimum, passed"
    )
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        plot_cohort(pd.DataFrame({"score": [240], "taken_on": [dt.date(2025, 9, 15)]}))


def test_plot_cohort_refuses_minimums_that_differ_from_the_standards() -> None:
    older = default_standards().standards[:-1]  # without the 218 standard
    message = (
        "results has minimum 218 for a test on 2025-08-01, but standard_history gives 214: "
        "pass the standard_history= that evaluate_frame used"
    )
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        plot_cohort(two_standards(), standard_history=StandardHistory(older))


@pytest.mark.parametrize(
    ("score", "error", "message"),
    [
        (float("inf"), InvalidValueError, "results['score'] must be an integer from 1 to 300, got inf"),
        ("abc", InvalidTypeError, "results['score'] must be an integer from 1 to 300, got str 'abc'"),
        (999, InvalidValueError, "results['score'] must be an integer from 1 to 300, got 999"),
        (250.5, InvalidValueError, "results['score'] must be an integer from 1 to 300, got 250.5"),
    ],
)
def test_plot_cohort_refuses_a_hand_built_frame_with_scores_off_the_scale(
    score: object, error: type[Exception], message: str
) -> None:
    frame = pd.DataFrame(
        {"score": [score], "taken_on": [pd.Timestamp("2025-09-15")], "minimum": [218], "passed": [True]}
    )
    with pytest.raises(error, match=re.escape(message)):
        plot_cohort(frame)


def test_a_non_us_img_sees_their_own_groups_boxes_with_thin_rows_marked() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img", program_tier="top")
    fig = plot_evaluation(ev)
    labels = labels_of(fig)
    assert "matched non-U.S. IMGs, Q1 to Q3 (box), Charting Outcomes 2026, non-U.S. IMGs" in labels
    assert "target 276 to 281, from matched U.S. MD seniors" in labels
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Dermatology" not in " ".join(names)  # suppressed: no box, and the caption says why
    assert "Child Neurology (thin)" in names
    assert "Internal Medicine" in names
    caption = caption_of(fig)
    assert "NRMP suppresses the figures of matched non-U.S. IMGs in Dermatology" in caption
    assert "(thin): fewer than 30 matched applicants" in caption
    assert "245 is percentile rank 32 and 255 percentile rank 58 of first-time takers" in caption
    assert "276 is percentile rank 98.4 of first-time takers" in caption
    assert "only about 1.6% of them score that high or higher" in caption
    assert (
        "Not drawn, the matched figures being suppressed by NRMP (fewer than 5): Dermatology, Orthopaedic Surgery, "
        "Otolaryngology, Plastic Surgery (Integrated), Public Health and Preventive Medicine, Thoracic Surgery "
        "(Integrated), Vascular Surgery (Integrated)."
    ) in caption
