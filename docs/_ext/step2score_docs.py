"""Two directives for the step2score docs, both run at build time.

``.. provenance-tables::`` renders every CSV file of the package data as a table, its
source a link on each row, so a figure added to the data appears with no edit to the docs.

``.. executed-figure:: NAME`` runs the Python code in its content, shows the code, and
embeds the matplotlib figure the code leaves in ``fig``: plots are drawn at build time,
never committed as images.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.resources
import io
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

#: A heading and a sentence for each data file; a new file gets its file name until it has one.
TITLES = {
    "standards.csv": ("Passing standards", "The minimum passing score, by the first test date it applies to."),
    "tier_schemes.csv": ("Tier thresholds", "Competitive and exceptional scores: advice, labelled advisory."),
    "editions.csv": ("Benchmark editions", "The published tables of specialty means."),
    "benchmarks.csv": ("Specialty benchmarks", "Mean Step 2 CK of matched applicants, by edition and specialty."),
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
    "target_policy.csv": ("Target policy", "The IMG buffer and the prestige offsets (step2score's own heuristic)."),
    "attempt_policies.csv": ("Attempt limits", "Attempts allowed per Step, by application date."),
    "licensure.csv": ("Licensure window", "Set by each state board; the common figure."),
    "board_outcomes.csv": ("Board-outcome study", "Odds of passing the ABIM certifying exam per Step 2 CK points."),
    "advice.csv": ("Advice sources", "Where the next steps come from."),
    "article_differences.csv": (
        "Where the article differs from the sources",
        "The Ace Med Boards article the project started from, set against the vetted sources.",
    ),
}
SOURCE_COLUMNS = ("source_title", "source_url")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "\u2014"


def _link(title: str, urls: str) -> str:
    first, *others = [u.strip() for u in urls.split(" ; ") if u.strip()]
    more = "".join(f" `[{n}] <{u}>`__" for n, u in enumerate(others, start=2))
    return f"`{_cell(title).replace('`', '')} <{first}>`__{more}"


class ProvenanceTables(SphinxDirective):
    """Every packaged data file as a table."""

    def run(self) -> list[nodes.Node]:
        """One section per data file, one table row per fact."""
        data = importlib.resources.files("step2score").joinpath("data")
        names = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".csv"))
        ordered = [n for n in TITLES if n in names] + [n for n in names if n not in TITLES]
        lines: list[str] = []
        for name in ordered:
            rows = list(csv.DictReader(io.StringIO(data.joinpath(name).read_text(encoding="utf-8"))))
            title, intro = TITLES.get(name, (name, ""))
            columns = [c for c in rows[0] if c not in SOURCE_COLUMNS]
            lines += [title, "-" * len(title), "", f"{intro} From ``step2score/data/{name}``.", ""]
            lines += [".. list-table::", "   :header-rows: 1", "   :class: provenance", ""]
            lines += ["   * - " + columns[0], *[f"     - {c}" for c in columns[1:]], "     - source"]
            for row in rows:
                lines.append(f"   * - {_cell(row[columns[0]])}")
                lines += [f"     - {_cell(row[c] or '')}" for c in columns[1:]]
                lines.append(f"     - {_link(row['source_title'], row['source_url'])}")
            lines.append("")
        container = nodes.section()
        content = StringList(lines, source="step2score/data")
        nested_parse_with_titles(self.state, content, container, self.content_offset)
        return container.children


class ExecutedFigure(SphinxDirective):
    """Run the content's code, show it, and embed the figure it leaves in ``fig``."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"alt": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """The code as a literal block, then the image of the figure it drew."""
        code = "\n".join(self.content)
        namespace: dict[str, Any] = {"__name__": "executed_figure"}
        with contextlib.chdir(self.env.srcdir):  # paths in the docs' code are relative to docs/, as in the doctests
            exec(compile(code, f"<{self.env.docname}: {self.arguments[0]}>", "exec"), namespace)  # noqa: S102 - the docs' own code
        figure = namespace["fig"]
        out = Path(self.env.srcdir) / "_generated" / f"{self.arguments[0]}.png"  # not committed: .gitignore
        out.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(out, dpi=90)
        literal = nodes.literal_block(code, code, language="python")
        image = nodes.image(uri=f"/_generated/{out.name}", alt=self.options.get("alt", self.arguments[0]))
        return [literal, image]


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
    """Register the directives and the docstring fix (after napoleon, which listens at priority 500)."""
    app.add_directive("provenance-tables", ProvenanceTables)
    app.add_directive("executed-figure", ExecutedFigure)
    app.connect("autodoc-process-docstring", no_inline_type_on_properties, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
