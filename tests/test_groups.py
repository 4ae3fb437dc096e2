"""Each applicant is measured against their own group's figures, and every line says whose they are."""

import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from step2score import (
    ApplicantProfile,
    ApplicantType,
    InvalidValueError,
    ProgramTier,
    TargetBasis,
    article_target_policy,
    benchmark_editions,
    default_edition,
    edition_for,
    evaluate,
    percentile_of,
    specialty_match_rate_for,
    specialty_match_rates,
    target_for,
)
from tests.reference import reference_rows

IMG = ApplicantType.NON_US_IMG
POOLED = "All specialties (pooled)"
FIGURES = ("n_with_score", "min", "q1", "median", "q3", "max", "mean", "sd")
FIELDS = {
    "matched": ("matched_n", "minimum", "q1", "value", "q3", "maximum", "mean", "sd"),
    "not_matched": (
        "not_matched_n",
        "not_matched_minimum",
        "not_matched_q1",
        "not_matched_median",
        "not_matched_q3",
        "not_matched_maximum",
        "not_matched_mean",
        "not_matched_sd",
    ),
}


def _cell(text: str) -> int | None:
    return None if text == "" else int(text)


def test_the_non_us_img_edition_equals_the_reference_csv_cell_by_cell() -> None:
    reference = reference_rows("charting_outcomes_2026_non_us_img.csv")
    edition = edition_for(IMG)
    assert (edition.key, edition.name, edition.group, edition.match_year) == (
        "charting-outcomes-2026-non-us-img",
        "Charting Outcomes 2026, non-U.S. IMGs",
        IMG,
        2026,
    )
    specialties = {row["specialty"] for row in reference} - {POOLED}
    assert len(edition) == len(specialties) == 24
    for row in reference:
        b = edition.overall if row["specialty"] == POOLED else edition[row["specialty"]]
        assert b is not None
        assert b.label == ("All matched non-U.S. IMGs" if row["specialty"] == POOLED else row["specialty"])
        assert (b.group, b.statistic.value, b.edition) == (IMG, "median", edition.name)
        got = tuple(getattr(b, name) for name in FIELDS[row["outcome"]])
        assert got == tuple(_cell(row[name]) for name in FIGURES), row["specialty"]
        assert b.source.confidence.value == "single-secondary"
        assert "Non-U.S. IMGs" in b.source.title
        assert "github.com/saieeshb/img-match-2026" in b.source.url


def test_suppressed_cells_stay_empty_and_are_never_filled_from_another_group() -> None:
    reference = reference_rows("charting_outcomes_2026_non_us_img.csv")
    suppressed = {r["specialty"] for r in reference if r["outcome"] == "matched" and r["median"] == ""}
    assert suppressed == {
        "Dermatology",
        "Orthopaedic Surgery",
        "Otolaryngology",
        "Plastic Surgery (Integrated)",
        "Public Health and Preventive Medicine",
        "Thoracic Surgery (Integrated)",
        "Vascular Surgery (Integrated)",
    }
    edition = edition_for(IMG)
    for name in suppressed:
        b = edition[name]
        assert b.suppressed
        assert (b.value, b.q1, b.q3, b.minimum, b.maximum, b.mean, b.sd) == (None,) * 7
        assert b.matched_n is not None
        assert b.matched_n < 5
        assert "suppresses" in b.describe()
    assert [c.specialty for c in evaluate(250, applicant="img").comparisons if c.specialty in suppressed] == []


def test_the_match_rates_by_specialty_equal_the_reference_csv() -> None:
    reference = [r for r in reference_rows("charting_outcomes_2026_non_us_img.csv") if r["outcome"] == "matched"]
    rates = specialty_match_rates()
    assert len(rates) == len(reference) == 25
    for row, rate in zip(reference, rates, strict=True):
        name = "All specialties" if row["specialty"] == POOLED else row["specialty"]
        assert specialty_match_rate_for(IMG, name) == rate
        assert (rate.matched, rate.preferred, rate.percent) == (
            int(row["matched_in_specialty"]),
            int(row["preferred_specialty_total"]),
            float(row["match_rate_pct"]),
        )
        assert rate.source.confidence.value == "single-secondary"
    pooled = specialty_match_rate_for(IMG, "All specialties")
    assert pooled is not None
    assert "applicant-weighted" in pooled.describe()
    assert "5,721 matched: 49.0%" in pooled.describe()


def test_thin_cells_are_marked_wherever_shown() -> None:
    edition = edition_for(IMG)
    thin = [b.specialty for b in edition if b.thin]
    assert "Child Neurology" in thin
    assert "Internal Medicine" not in thin
    assert "a thin cell: fewer than 30" in edition["Child Neurology"].describe()
    assert all(c.thin == edition[c.specialty].thin for c in evaluate(240, applicant="img").comparisons)
    ev = evaluate(240, applicant="img", specialty="Child Neurology")
    assert ev.position is not None
    assert "a thin cell" in ev.position.describe()
    rate = specialty_match_rate_for(IMG, "Thoracic Surgery (Integrated)")
    assert rate is not None
    assert rate.thin
    assert "a thin cell" in rate.describe()


def test_a_non_us_img_in_internal_medicine_is_at_their_own_groups_median() -> None:
    ev = evaluate(251, specialty="IM", applicant="non-us-img", taken_on="2026-06-01")
    b = ev.benchmark
    assert b is not None
    assert (b.value, b.q1, b.q3, b.matched_n, b.group) == (251, 240, 259, 2649, IMG)
    assert ev.figures_group is IMG
    assert ev.edition == "Charting Outcomes 2026, non-U.S. IMGs"
    assert ev.target is not None
    assert (ev.target.low, ev.target.high, ev.target.basis) == (251, 251, TargetBasis.OWN_GROUP)
    assert ev.match_rate is None  # U.S. MD seniors' band rates are not shown to a non-U.S. IMG
    rate = ev.specialty_match_rate
    assert rate is not None
    assert (rate.matched, rate.preferred, rate.percent) == (3392, 6992, 48.5)
    assert "of 6,992 non-U.S. IMGs who preferred Internal Medicine, 3,392 matched: 48.5%" in ev.report()


def test_a_non_us_img_in_dermatology_gets_the_suppression_explained_and_a_labelled_fallback() -> None:
    ev = evaluate(241, specialty="derm", applicant="img", program_tier="top", taken_on="2025-09-15")
    b = ev.benchmark
    assert b is not None
    assert b.suppressed
    assert (b.not_matched_median, b.not_matched_n) == (253, 19)
    assert ev.position is None
    rate = ev.specialty_match_rate
    assert rate is not None
    assert (rate.matched, rate.preferred) == (5, 30)
    target = ev.target
    assert target is not None
    assert target.basis is TargetBasis.SUPPRESSED
    assert (target.low, target.high) == (276, 281)  # the U.S. MD Q3 266 + the article's buffer 10 to 15
    working = target.explain()
    assert "of matched U.S. MD seniors in Dermatology" in working
    assert "NRMP suppresses the non-U.S. IMG figures for Dermatology" in working
    assert "(advisory)" in working
    assert "only about 1.6% of them score that high or higher" in working
    report = ev.report()
    assert "of the 19 who did not match, the median is 253" in report
    assert "of 30 non-U.S. IMGs who preferred Dermatology, 5 matched: 16.7%" in report


def test_a_us_do_seniors_report_names_us_md_seniors_on_every_specialty_line() -> None:
    ev = evaluate(241, specialty="derm", applicant="do", program_tier="top", taken_on="2025-09-15")
    assert ev.figures_group is ApplicantType.US_MD_SENIOR
    assert not ev.own_group_figures
    lines = {line.split(":", 1)[0].strip(): line for line in ev.report().splitlines() if ":" in line}
    for label in ("Figures", "Specialty", "Position", "Match rate", "Target"):
        assert "U.S. MD seniors" in lines[label], label
    for label in ("Figures", "Specialty", "Position", "Match rate"):
        assert "no Charting Outcomes 2026 figures for U.S. DO seniors are packaged" in lines[label], label
    assert "no Charting Outcomes figures for U.S. DO seniors are packaged" in lines["Target"]
    assert ev.to_dict()["figures_group"] == "us-md"
    assert "U.S. MD seniors" in ev._repr_html_()


def test_a_result_that_cannot_have_a_target_says_why() -> None:
    ev = evaluate(240, specialty="Public Health and Preventive Medicine", applicant="img", taken_on="2026-06-01")
    assert ev.benchmark is not None
    assert ev.benchmark.suppressed
    assert ev.target is None
    assert ev.gap is None
    assert "Target:     none: NRMP suppresses" in ev.report()
    with pytest.raises(InvalidValueError, match=re.escape("no target can be set: NRMP suppresses")):
        target_for(ev.benchmark, ev.profile)


def test_the_article_rule_by_name_reads_us_md_seniors_and_adds_the_buffer() -> None:
    ev = evaluate(251, specialty="IM", applicant="img", target_policy="article", taken_on="2026-06-01")
    assert ev.target is not None
    assert ev.target.basis is TargetBasis.ARTICLE_RULE
    assert (ev.target.low, ev.target.high) == (264, 269)  # U.S. MD median 254 + 10 to 15
    assert "the article's rule, asked for by name" in ev.target.explain()
    assert evaluate(251, specialty="IM", applicant="img", target_policy=article_target_policy()).target == ev.target
    with pytest.raises(InvalidValueError, match=re.escape("target_policy must be a TargetPolicy, 'own-group'")):
        evaluate(251, specialty="IM", target_policy="strict")


def test_a_caller_can_still_pick_any_edition() -> None:
    ev = evaluate(251, specialty="IM", applicant="img", edition="charting-outcomes-2026", taken_on="2026-06-01")
    assert ev.figures_group is ApplicantType.US_MD_SENIOR
    assert ev.target is not None
    assert ev.target.basis is TargetBasis.OTHER_GROUP
    assert (ev.target.low, ev.target.high) == (264, 269)
    assert "not the edition of the applicant's own group (non-U.S. IMGs)" in ev.figures_label
    md = evaluate(251, specialty="IM", applicant="us-md", edition="charting-outcomes-2026-non-us-img")
    assert md.figures_group is IMG
    assert md.target is not None
    assert (md.target.low, md.target.basis) == (251, TargetBasis.OTHER_GROUP)


_GROUP_ROWS = [
    (kind, b.specialty)
    for kind in ApplicantType
    for b in edition_for(kind)
    if not b.suppressed and edition_for(kind).group is kind
]


@given(st.sampled_from(_GROUP_ROWS), st.sampled_from([None, *ProgramTier]), st.integers(1, 300))
def test_the_default_target_of_a_group_with_figures_is_a_point_of_its_own_distribution(
    row: tuple[ApplicantType, str], tier: ProgramTier | None, score: int
) -> None:
    """For every specialty and group with figures, the default target is that group's Q1, median or Q3, no buffer."""
    kind, specialty = row
    ev = evaluate(score, specialty=specialty, applicant=kind, program_tier=tier, taken_on="2026-06-01")
    b, target = ev.benchmark, ev.target
    assert b is not None
    assert target is not None
    assert b.group is kind
    assert target.basis is TargetBasis.OWN_GROUP
    assert target.low == target.high
    want = {None: b.value, ProgramTier.COMMUNITY: b.q1, ProgramTier.ACADEMIC: b.value, ProgramTier.TOP: b.q3}[tier]
    assert target.low == (want if want is not None else b.value)
    assert all(part.low == part.high == 0 for part in target.parts[1:])


@given(
    st.sampled_from([ApplicantType.US_DO_SENIOR, ApplicantType.US_IMG]),
    st.sampled_from(default_edition().specialties),
    st.sampled_from([None, *ProgramTier]),
    st.integers(1, 300),
)
def test_a_group_without_figures_always_names_the_group_whose_figures_it_gets(
    kind: ApplicantType, specialty: str, tier: ProgramTier | None, score: int
) -> None:
    """A U.S. DO senior's and a U.S.-citizen IMG's results always name U.S. MD seniors as the figures' group."""
    ev = evaluate(score, specialty=specialty, applicant=kind, program_tier=tier, taken_on="2026-06-01")
    assert ev.figures_group is ApplicantType.US_MD_SENIOR
    assert f"no Charting Outcomes 2026 figures for {kind.plural} are packaged" in ev.figures_label
    assert ev.target is not None
    assert ev.target.basis is TargetBasis.OTHER_GROUP
    assert "of matched U.S. MD seniors" in ev.target.explain()
    assert f"no Charting Outcomes figures for {kind.plural} are packaged" in ev.target.explain()
    assert ev.to_dict()["figures_group"] == "us-md"


@given(
    st.sampled_from(list(ApplicantType)),
    st.sampled_from(sorted({b.specialty for e in benchmark_editions()[:2] for b in e})),
    st.sampled_from(list(ProgramTier)),
    st.sampled_from(list(ProgramTier)),
)
def test_a_higher_program_tier_never_asks_for_less(
    kind: ApplicantType, specialty: str, one: ProgramTier, other: ProgramTier
) -> None:
    """For any applicant and specialty, a more selective program tier never gives a lower target."""
    low, high = sorted((one, other))
    if specialty not in edition_for(kind):
        return  # the group's edition has no row: refused alike for every tier (tested elsewhere)
    less, more = (evaluate(250, specialty=specialty, applicant=kind, program_tier=tier).target for tier in (low, high))
    assert (less is None) == (more is None)
    if less is not None and more is not None:
        assert less.low <= more.low
        assert less.high <= more.high


@given(st.sampled_from(list(ApplicantType)), st.sampled_from(default_edition().specialties), st.integers(1, 300))
def test_every_target_shows_its_percentile_and_says_plainly_when_few_reach_it(
    kind: ApplicantType, specialty: str, score: int
) -> None:
    """A target's percentile ranks are the ranks of its ends; above the 95th, the working says how few reach it."""
    ev = evaluate(score, specialty=specialty, applicant=kind, program_tier="top", taken_on="2026-06-01")
    target = ev.target
    if target is None:
        return
    assert target.low_percentile == percentile_of(target.low)
    assert target.high_percentile == percentile_of(target.high)
    assert target.low_percentile.cohort == ev.percentile.cohort
    assert (f"{target.low} is percentile rank" in target.explain()) is True
    assert ("only about" in target.explain()) is (target.low_percentile.value > 95)


def test_tiers_show_the_percentile_of_their_thresholds() -> None:
    ev = evaluate(262, taken_on="2026-06-01")
    assert [rank.value for rank in ev.threshold_percentiles] == [32.0, 58.0]
    assert "competitive from 245, percentile rank 32; exceptional from 255, percentile rank 58" in ev.report()
    assert "percentile rank 58" in ev._repr_html_()
    older = evaluate(262, taken_on="2026-06-01", norms="2017-2020")
    assert older.threshold_percentiles[0].value == 46.0


def test_a_failing_student_with_no_attempts_left_is_shown_no_open_road() -> None:
    ev = evaluate(
        210, specialty="IM", applicant="img", attempts_used=4, applying_on="2026-01-05", taken_on="2025-09-15"
    )
    assert [step.code for step in ev.next_steps] == ["no-attempts-left", "where-to-turn"]
    assert "ECFMG" in ev.next_steps[1].detail
    assert "ecfmg.org" in ev.next_steps[1].source.url
    report = ev.report()
    for hidden in ("Target:", "Gap:", "Match rate:", "Boards:", "study approach"):
        assert hidden not in report
    md = evaluate(210, specialty="IM", attempts_used=4, applying_on="2026-01-05", taken_on="2025-09-15")
    assert md.next_steps[1].title == "Talk to your school"


def test_a_failing_score_is_told_a_pass_is_required_to_match() -> None:
    ev = evaluate(210, specialty="IM", taken_on="2025-09-15")
    assert ev.match_rate is None  # the band's rate is not given to a failing score, in any output
    assert ev.to_dict()["match_rate"] is None
    assert "Match rate: not shown for a failing score: a passing score is required to match" in ev.report()
    passing = evaluate(240, specialty="IM", taken_on="2025-09-15")
    assert passing.match_rate is not None
    assert "a passing score is required" not in passing.report()
    img = evaluate(210, specialty="IM", applicant="img", taken_on="2025-09-15")
    assert img.specialty_match_rate is not None
    assert "48.5% (2026 Match); a description, not a prediction; a passing score is required to match" in img.report()


def test_a_passing_student_is_told_where_the_score_reaches_the_matched_median() -> None:
    ev = evaluate(245, applicant="img", taken_on="2026-06-01")
    step = next(step for step in ev.next_steps if step.code == "at-or-above-median")
    reached = [
        f"{c.specialty} (a thin cell)" if c.thin else c.specialty for c in reversed(ev.comparisons) if c.difference >= 0
    ]
    assert step.figure == len(reached) > 0
    assert step.detail == (reached[0] if len(reached) == 1 else f"{', '.join(reached[:-1])} and {reached[-1]}") + "."
    assert "at-or-above-median" not in [s.code for s in evaluate(201, taken_on="2026-06-01").next_steps]


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_results_round_trip_and_refuse_a_wrong_group(kind: ApplicantType) -> None:
    ev = evaluate(250, specialty="derm", applicant=kind, program_tier="top", taken_on="2026-06-01")
    assert type(ev).from_dict(ev.to_dict()) == ev
    assert type(ev).from_json(ev.to_json(compact=True)) == ev
    other = ApplicantType.NON_US_IMG if ev.figures_group is ApplicantType.US_MD_SENIOR else ApplicantType.US_MD_SENIOR
    with pytest.raises(InvalidValueError, match="figures_group must be the group of the benchmark's figures"):
        attrs.evolve(ev, figures_group=other)


def test_a_users_edition_with_no_group_keeps_the_buffer_for_an_img(tmp_path: Any) -> None:
    from step2score import load_edition  # noqa: PLC0415

    path = tmp_path / "ours.csv"
    path.write_text(
        "specialty,median,source_title,source_url,confidence\nIM,250,Ours,https://school.example,official\n"
    )
    ours = load_edition(path, match_year=2025)
    ev = evaluate(240, specialty="IM", applicant="img", edition=ours)
    assert ev.figures_group is None
    assert ev.target is not None
    assert (ev.target.low, ev.target.basis) == (260, TargetBasis.UNSTATED_GROUP)
    assert ev.figures_label == "of matched applicants (ours)"
    grouped = load_edition(path, match_year=2025, group="non-us-img", name="ours, IMGs")
    assert evaluate(240, specialty="IM", applicant="img", edition=grouped).target.basis is TargetBasis.OWN_GROUP  # type: ignore[union-attr]
    assert ApplicantProfile("img").applicant is IMG


def _derm_img() -> Any:
    return evaluate(241, specialty="derm", applicant="img", program_tier="top", taken_on="2025-09-15")


def test_a_stored_target_cannot_be_edited_into_a_contradiction() -> None:
    ev = _derm_img()
    target = ev.target
    assert target is not None
    far = evaluate(290).percentile, evaluate(291).percentile
    forged = [
        attrs.evolve(target, low_percentile=far[0], high_percentile=far[1]),  # ranks of other scores
        attrs.evolve(target, basis="own-group"),  # the benchmark is suppressed: its basis is 'suppressed'
        attrs.evolve(
            target,
            parts=(attrs.evolve(target.parts[0], low=200, high=200), target.parts[1]),
            low=210,
            high=215,
            low_percentile=evaluate(210).percentile,
            high_percentile=evaluate(215).percentile,
        ),  # 200 is no figure of U.S. MD seniors' dermatology row
    ]
    for wrong in forged:
        with pytest.raises(InvalidValueError, match=r"^evaluation is inconsistent: target must be"):
            attrs.evolve(ev, target=wrong)
    data = ev.to_dict()
    data["target"]["basis"] = "own-group"
    with pytest.raises(InvalidValueError, match=r"^evaluation is inconsistent: target must be of basis 'suppressed'"):
        type(ev).from_dict(data)
    own = evaluate(251, specialty="IM", applicant="img")
    assert own.target is not None
    buffered = attrs.evolve(own.target.parts[1], low=10, high=15)
    with pytest.raises(InvalidValueError, match="without a buffer where its figures are the applicant's own group's"):
        attrs.evolve(
            own,
            target=attrs.evolve(
                own.target,
                parts=(own.target.parts[0], buffered),
                low=261,
                high=266,
                low_percentile=evaluate(261).percentile,
                high_percentile=evaluate(266).percentile,
            ),
        )
    with pytest.raises(InvalidValueError, match=r"^basis must be one of"):
        attrs.evolve(target, basis="bogus")


def test_another_groups_edition_labels_the_basis_by_applicant_and_edition() -> None:
    md = evaluate(251, specialty="derm", applicant="us-md", edition="charting-outcomes-2026-non-us-img")
    assert md.target is not None
    assert md.target.basis is TargetBasis.SUPPRESSED
    assert (md.target.low, md.target.high) == (258, 258)  # U.S. MD seniors' own median: no buffer
    assert "no buffer: the figures are the applicant's own group's (U.S. MD seniors): NRMP suppresses" in (
        md.target.explain()
    )
    im = evaluate(251, specialty="IM", applicant="us-md", edition="charting-outcomes-2026-non-us-img")
    assert im.target is not None
    assert "no buffer for a U.S. MD senior, measured against non-U.S. IMGs" in im.target.explain()
    assert "where one applies" in im.target.basis.label


def test_target_for_refuses_a_reference_of_another_specialty_or_group_and_an_article_rule_without_one() -> None:
    own, profile = edition_for(IMG)["derm"], ApplicantProfile("img", "derm", "top")
    with pytest.raises(InvalidValueError, match=r"^reference must be U.S. MD seniors' row of Dermatology"):
        target_for(own, profile, reference=default_edition()["IM"])
    with pytest.raises(InvalidValueError, match=r"^reference must be U.S. MD seniors' row of Dermatology"):
        target_for(own, profile, reference=edition_for(IMG)["derm"])
    im = edition_for(IMG)["IM"]
    with pytest.raises(InvalidValueError, match=r"^no target can be set: the article's rule reads U.S. MD seniors"):
        target_for(im, ApplicantProfile("img", "IM"), policy="article")
    article = target_for(im, ApplicantProfile("img", "IM"), policy="article", reference=default_edition()["IM"])
    assert (article.low, article.high, article.basis) == (264, 269, TargetBasis.ARTICLE_RULE)


def test_new_entry_points_refuse_odd_arguments_with_typed_errors() -> None:
    from step2score import InvalidTypeError  # noqa: PLC0415

    odds: list[object] = [[], None, 3, b"img", {"a": 1}]
    for odd in odds:
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            edition_for(odd)  # type: ignore[arg-type]
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            specialty_match_rate_for(odd, "IM")  # type: ignore[arg-type]
        if odd is not None:  # None is the default policy
            with pytest.raises((InvalidTypeError, InvalidValueError)):
                evaluate(250, specialty="IM", target_policy=odd)  # type: ignore[arg-type]


def test_thin_cells_are_marked_in_the_not_matched_part_the_target_and_the_advice() -> None:
    ev = evaluate(251, specialty="Child Neurology", applicant="img", program_tier="top", taken_on="2026-06-01")
    assert ev.position is not None
    assert "(235, n = 20, a thin cell: fewer than 30)" in ev.position.describe()
    assert ev.target is not None
    assert "n = 18, a thin cell: fewer than 30" in ev.target.explain()
    step = next(step for step in ev.next_steps if step.code == "at-or-above-median")
    assert "Child Neurology (a thin cell)" in step.detail
    assert step.title.startswith("At or above the median of matched non-U.S. IMGs in ")


def test_the_article_rule_by_name_from_a_request_and_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from step2score.cli import main  # noqa: PLC0415
    from step2score.serialization import evaluate_request, request_schema  # noqa: PLC0415

    request = {"score": 251, "specialty": "IM", "applicant": "non-us-img", "target_policy": "article"}
    ev = evaluate_request(request)
    assert ev.target is not None
    assert (ev.target.low, ev.target.basis) == (264, TargetBasis.ARTICLE_RULE)
    assert request_schema()["properties"]["target_policy"]["enum"] == ["own-group", "article", None]
    with pytest.raises(InvalidValueError, match=r"target_policy must be a TargetPolicy, 'own-group'"):
        evaluate_request(request | {"target_policy": "strict"})
    assert main(["251", "--specialty", "IM", "--applicant", "img", "--target-policy", "article", "--json"]) == 0
    assert '"basis": "article-rule"' in capsys.readouterr().out
    assert main(["251", "--specialty", "IM", "--applicant", "img", "--json"]) == 0
    assert '"basis": "own-group"' in capsys.readouterr().out


def test_a_target_almost_no_taker_reaches_says_fewer_than_a_tenth_of_a_percent() -> None:
    policy = attrs.evolve(article_target_policy(), img_buffer=(30, 35))
    target = target_for(default_edition()["derm"], ApplicantProfile("img", "derm", "top"), policy=policy)
    assert target.low_percentile.value == 100.0
    assert target.rarity().endswith(": fewer than 0.1% of them score that high or higher")
