"""A directive and a docstring fix for the step2score docs, run at build time.

``.. provenance-tables::`` renders the data status (:func:`step2score.data_status`) and
every CSV file of the package data as a table whose rows cite their sources as numbered
references, listed once each at the end with their URLs and confidence: a figure added
to the data appears with no edit to the docs.

Napoleon reads a property docstring's opening words as a type when a colon follows them;
:func:`no_inline_type_on_properties` gives those words back to the description.
(Figures are drawn by the tutorial notebook, executed by myst-nb at build time.)
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import re
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

#: A heading and a sentence for each data file; a new file gets its file name until it has one.
TITLES = {
    "standards.csv": ("Passing standards", "The minimum passing score, by the first test date it applies to."),
    "exam_changes.csv": (
        "Exam changes",
        "Dated changes to how Step 2 CK is given that leave the passing standard as it was.",
    ),
    "tier_schemes.csv": ("Tier thresholds", "Competitive and exceptional scores: advice, labelled advisory."),
    "editions.csv": (
        "Benchmark editions",
        "Published tables of specialty figures, each for one group of applicants (U.S. MD seniors, non-U.S. IMGs): "
        "means, or medians with quartiles.",
    ),
    "benchmarks.csv": (
        "Specialty benchmarks",
        "Step 2 CK of matched applicants (a mean, or a median with quartiles and counts), by edition and specialty.",
    ),
    "measurement.csv": (
        "Measurement error",
        "The SEM of a Step 2 CK score and the convention for a meaningful difference.",
    ),
    "norms.csv": ("Norm tables", "Percentile ranks by named table: 2023-2026 (the default) and 2017-2020."),
    "normal_approximations.csv": ("Cohort means and SDs", "For the labelled normal approximation of percentiles."),
    "pass_rates.csv": (
        "Pass rates",
        "Step 2 CK pass rates by group, first takers and repeaters: context, not a prediction.",
    ),
    "match_rates.csv": (
        "Match rates by Step 2 CK band",
        "Of U.S. MD seniors in each band who preferred a specialty, the share who matched (pooled 2020-2024).",
    ),
    "specialty_match_rates.csv": (
        "Match rates by specialty",
        "Of the non-U.S. IMGs who preferred each specialty, how many matched in it (2026 Match), with the counts.",
    ),
    "target_policy.csv": (
        "Target policy",
        "The IMG buffer, and the point of the matched distribution each program tier aims at "
        "(step2score's own mapping).",
    ),
    "outside_match.csv": (
        "Specialties outside the NRMP Match",
        "Specialties that match elsewhere, so Charting Outcomes has no figures for them.",
    ),
    "attempt_policies.csv": ("Attempt limits", "Attempts allowed per Step, by application date."),
    "licensure.csv": ("Licensure window", "Set by each state board; the common figure."),
    "board_outcomes.csv": ("Board-outcome study", "Odds of passing the ABIM certifying exam per Step 2 CK points."),
    "advice.csv": ("Advice sources", "Where the next steps come from."),
    "datasets.csv": (
        "Dataset scopes and dates",
        "What each dataset's sources state of its scope and date, as the data status shows them.",
    ),
    "article_differences.csv": (
        "Where the article differs from the sources",
        "The Ace Med Boards article the project started from, set against the vetted sources.",
    ),
}
SOURCE_COLUMNS = ("source_title", "source_url")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "\u2014"


#: The order in which a reference lists the confidences of the rows that cite it.
CONFIDENCES = ("official", "secondary", "single-secondary", "advisory")


class References:
    """The distinct sources of the package data, numbered in order of first citation."""

    def __init__(self) -> None:
        """No source yet."""
        self.numbers: dict[tuple[str, str], int] = {}
        self.entries: list[tuple[str, list[str], set[str]]] = []

    def cite(self, title: str, urls: str, confidence: str = "") -> str:
        """A link to the source's reference, ``[n]``, adding the source the first time it is cited."""
        key = (" ".join(title.split()), " ".join(urls.split()))
        if key not in self.numbers:
            self.numbers[key] = len(self.entries) + 1
            self.entries.append((key[0], [u.strip() for u in urls.split(" ; ") if u.strip()], set()))
        number = self.numbers[key]
        if confidence:
            self.entries[number - 1][2].add(confidence)
        return f":ref:`[{number}] <provenance-ref-{number}>`"

    def table(self) -> list[str]:
        """The references as a table: number, source, URLs, confidence."""
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 6 54 28 12", "   :class: references", ""]
        lines += ["   * - #", "     - source", "     - URL", "     - confidence"]
        for number, (title, urls, confidences) in enumerate(self.entries, start=1):
            ordered = [c for c in CONFIDENCES if c in confidences] + sorted(confidences - set(CONFIDENCES))
            links = " ".join(f"`{_cell(u)} <{u}>`__" for u in urls) or "\u2014"
            lines += [f"   * - .. _provenance-ref-{number}:", "", f"       [{number}]"]
            lines += [f"     - {_cell(title)}", f"     - {links}", f"     - {_cell(' / '.join(ordered))}"]
        return [*lines, ""]


class ProvenanceTables(SphinxDirective):
    """The data status, every packaged data file as a table, and the numbered references."""

    def run(self) -> list[nodes.Node]:
        """A data-status section, one section per data file (one row per fact), then the references."""
        from step2score import data_status  # noqa: PLC0415 - the docs build imports the library it documents

        data = importlib.resources.files("step2score").joinpath("data")
        names = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".csv"))
        ordered = [n for n in TITLES if n in names] + [n for n in names if n not in TITLES]
        references = References()  # numbered in the order the page cites them: the status table first
        status = ["Data status", "-----------", ""]
        status += ["Every packaged dataset with its edition or cohort, as-of date, confidence and sources, as"]
        status += ["``step2score.data_status()`` lists them.", ""]
        status += [".. list-table::", "   :header-rows: 1", "   :class: provenance", ""]
        status += ["   * - dataset", "     - edition or cohort", "     - as of", "     - confidence", "     - sources"]
        for dataset in data_status():
            cited = ", ".join(dict.fromkeys(references.cite(s.title, s.url) for s in dataset.sources))  # once each
            status += [f"   * - {_cell(dataset.dataset)}", f"     - {_cell(dataset.edition)}"]
            status += [f"     - {_cell(dataset.as_of)}", f"     - {_cell(dataset.confidence)}", f"     - {cited}"]
        status.append("")
        files: list[str] = []
        for name in ordered:
            rows = list(csv.DictReader(io.StringIO(data.joinpath(name).read_text(encoding="utf-8"))))
            title, intro = TITLES.get(name, (name, ""))
            columns = [c for c in rows[0] if c not in SOURCE_COLUMNS]
            files += [title, "-" * len(title), "", f"{intro} From ``step2score/data/{name}``.", ""]
            files += [".. list-table::", "   :header-rows: 1", "   :class: provenance", ""]
            files += ["   * - " + columns[0], *[f"     - {c}" for c in columns[1:]], "     - source"]
            for row in rows:
                files.append(f"   * - {_cell(row[columns[0]])}")
                files += [f"     - {_cell(row[c] or '')}" for c in columns[1:]]
                files.append(f"     - {references.cite(row['source_title'], row['source_url'], row['confidence'])}")
            files.append("")
        refs = ["References", "----------", "", "Each source once, numbered as the tables above cite it.", ""]
        lines = status + files + refs + references.table()
        container = nodes.section()
        content = StringList(lines, source="step2score/data")
        nested_parse_with_titles(self.state, content, container, self.content_offset)
        return container.children


#: What napoleon took for a type but is the opening words of a sentence ("The group as schools").
SENTENCE = re.compile(r"^[A-Z][a-z]* [a-z]")


def no_inline_type_on_properties(
    _app: Sphinx, what: str, _name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """Give back a property's opening words that napoleon read as its type.

    Napoleon reads the first line of a property's docstring as ``type: description``, so
    "The smallest meaningful difference: the convention's multiple x SED" becomes a type
    named "The smallest meaningful difference". A property's type is its return annotation
    here, never a docstring prefix: this puts the words back in front of the description.
    """
    if what != "property":
        return
    for index, line in enumerate(lines):
        if line.startswith(":type: ") and SENTENCE.match(line.removeprefix(":type: ")):
            words = line.removeprefix(":type: ")
            del lines[index]
            if index and not lines[index - 1].strip():
                del lines[index - 1]
            first = next((i for i, text in enumerate(lines) if text.strip()), None)
            if first is None:
                lines.append(words)
            else:
                lines[first] = f"{words}: {lines[first].lstrip()}"
            return


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the docstring fix (after napoleon, which listens at priority 500)."""
    app.add_directive("provenance-tables", ProvenanceTables)
    app.connect("autodoc-process-docstring", no_inline_type_on_properties, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
