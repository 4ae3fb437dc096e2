import xml.etree.ElementTree as ET  # parses only HTML this library wrote

from step2score import evaluate


def test_html_is_well_formed_and_carries_the_figures_with_source_links() -> None:
    ev = evaluate(241, taken_on="2025-09-15", specialty="IM", applicant="us-img", program_tier="top", attempts_used=1)
    html = ev._repr_html_()
    table = ET.fromstring(html)  # noqa: S314 - our own output; raises if not well formed
    assert table.tag == "table"
    text = "".join(table.itertext())
    figures = "Figuresof matched U.S. MD seniors (Charting Outcomes 2026); no Charting Outcomes 2026 figures for U.S.-citizen IMGs"
    for figure in ("241", "218", "PASS", "median 254", "272 to 277", "3 left", "below Q1", figures):
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
