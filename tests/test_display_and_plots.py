import xml.etree.ElementTree as ET  # parses only HTML this library wrote

import numpy as np
import pandas as pd
import pytest

from step2score import InvalidTypeError, evaluate, evaluate_frame
from step2score.plot import plot_cohort, plot_evaluation


def test_html_is_well_formed_and_carries_the_figures_with_source_links() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="IM", applicant="img", program_tier="top", attempts_used=1)
    html = ev._repr_html_()
    table = ET.fromstring(html)  # noqa: S314 - our own output; raises if not well formed
    assert table.tag == "table"
    text = "".join(table.itertext())
    for figure in ("241", "218", "PASS", "median 254", "272 to 277", "3 left", "below Q1"):
        assert figure in text, figure
    links = [a.get("href") for a in table.iter("a")]
    assert ev.standard.source.urls[0] in links
    assert ev.percentile.source.urls[0] in links
    assert "https://acemedboards.com" in links
    assert "https://doi.org/10.1186/s12909-020-1974-3" in links


def test_html_escapes_text() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="pm&r", norms="2017-2020")
    html = ev._repr_html_()
    ET.fromstring(html)  # noqa: S314 - our own output
    assert "U.S. MD senior" in html
    assert "&amp;" in html  # the norm table's source title, "How to Understand & Interpret Your Score"


def test_plot_evaluation_has_its_lines_and_labels() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img", program_tier="top")
    fig = plot_evaluation(ev)
    ax = fig.axes[0]
    _, labels = ax.get_legend_handles_labels()
    assert "passing minimum 218" in labels
    assert "score 241" in labels
    assert "target 276 to 281" in labels
    assert "matched median (Charting Outcomes 2026)" in labels
    assert {"fail band", "pass band", "competitive band", "exceptional band"} <= set(labels)
    assert [np.asarray(line.get_xdata()).tolist() for line in ax.get_lines()] == [[218, 218], [241, 241]]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Otolaryngology"
    assert ax.get_xlabel() == "Step 2 CK score"


def test_plot_cohort_has_its_lines_and_labels() -> None:
    results = evaluate_frame(pd.DataFrame({"score": [212, 230, 245, 251, 262, None]}), fixed={"taken_on": "2025-09-15"})
    fig = plot_cohort(results)
    ax = fig.axes[0]
    _, labels = ax.get_legend_handles_labels()
    assert "passing minimum 218" in labels
    assert "students" in labels
    assert ax.get_title() == "Step 2 CK scores of 5 students (1 below the minimum)"
    (bars,) = ax.containers
    assert sum(bar.get_height() for bar in bars) == 5
    assert ax.get_ylabel() == "students"


def test_plot_arguments_are_checked() -> None:
    with pytest.raises(InvalidTypeError, match="evaluation must be a Evaluation, got int 3"):
        plot_evaluation(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="results must be a DataFrame"):
        plot_cohort([1, 2])  # type: ignore[arg-type]
