import re
from typing import Any

import attrs
import pytest
from hypothesis import given

from step2score import (
    ApplicantProfile,
    ApplicantType,
    InvalidTypeError,
    InvalidValueError,
    ProgramTier,
    Source,
    SpecialtyBenchmark,
    TargetPart,
    TargetPolicy,
    default_edition,
    default_target_policy,
    edition_named,
    target_for,
)
from tests import strategies

SOURCE = Source("A test source", "https://example.org", "advisory")


# --- applicants ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("us-md", ApplicantType.US_MD_SENIOR),
        ("MD", ApplicantType.US_MD_SENIOR),
        ("do", ApplicantType.US_DO_SENIOR),
        ("US DO senior", ApplicantType.US_DO_SENIOR),
        ("us-img", ApplicantType.US_IMG),
        ("img", ApplicantType.NON_US_IMG),
        ("Non-US IMG", ApplicantType.NON_US_IMG),
        (ApplicantType.US_IMG, ApplicantType.US_IMG),
    ],
)
def test_applicant_spellings(text: str, kind: ApplicantType) -> None:
    assert ApplicantType.parse(text) is kind


def test_applicant_errors() -> None:
    message = "applicant must be one of 'us-md', 'us-do', 'us-img', 'non-us-img' (or 'md', 'do', 'img'), got 'student'"
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        ApplicantType.parse("student")
    with pytest.raises(InvalidTypeError, match=re.escape("applicant must be a str or ApplicantType, got int 1")):
        ApplicantType.parse(1)


def test_program_tier_spellings_and_errors() -> None:
    assert ProgramTier.parse("University") is ProgramTier.ACADEMIC
    assert ProgramTier.parse("top-tier") is ProgramTier.TOP
    with pytest.raises(
        InvalidValueError, match=re.escape("program_tier must be one of 'community', 'academic', 'top', got 'ivy'")
    ):
        ProgramTier.parse("ivy")
    with pytest.raises(InvalidTypeError, match=re.escape("program_tier must be a str or ProgramTier, got float 1.5")):
        ProgramTier.parse(1.5)


def test_profile() -> None:
    profile = ApplicantProfile("do", "OB/GYN", "community")
    assert profile == ApplicantProfile(ApplicantType.US_DO_SENIOR, "Obstetrics and Gynecology", ProgramTier.COMMUNITY)
    assert ApplicantProfile().applicant is ApplicantType.US_MD_SENIOR
    assert ApplicantProfile(specialty="  Urology ").specialty == "Urology"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        profile.specialty = "IM"  # type: ignore[misc]
    with pytest.raises(InvalidValueError, match=re.escape("specialty must not be blank, got '  '")):
        ApplicantProfile(specialty="  ")
    with pytest.raises(InvalidTypeError, match=re.escape("specialty must be a str, got int 3")):
        ApplicantProfile(specialty=3)


@given(strategies.ANYTHING, strategies.ANYTHING, strategies.ANYTHING)
def test_fuzz_profile(applicant: Any, specialty: Any, tier: Any) -> None:
    """Any input either builds a profile or raises only the documented errors."""
    try:
        profile = ApplicantProfile(applicant, specialty, tier)
    except (InvalidValueError, InvalidTypeError) as error:
        assert str(error).startswith(("applicant must", "specialty must", "program_tier must"))
    else:
        assert isinstance(profile.applicant, ApplicantType)


# --- targets ------------------------------------------------------------------------------------


def test_the_dermatology_img_example() -> None:
    derm = default_edition()["derm"]  # Charting Outcomes 2026: Q1 251, median 258, Q3 266
    target = target_for(derm, ApplicantProfile("non-us-img", "derm", "top"))
    assert (target.low, target.high, target.capped) == (276, 281, False)
    base, buffer = target.parts
    assert (base.low, base.high) == (266, 266)
    assert (
        base.label
        == "Q3 of matched U.S. MD seniors in Dermatology (Charting Outcomes 2026), for top programs (step2score's mapping)"
    )
    assert base.source == derm.source  # the figure is NRMP's; the mapping is labelled in the text
    assert not base.is_heuristic
    assert (buffer.low, buffer.high) == (10, 15)
    assert buffer.is_heuristic
    assert buffer.source is not None
    assert buffer.source.url == "https://acemedboards.com"
    assert target.explain().startswith("aim for 276 to 281 = 266 Q3 of matched U.S. MD seniors in Dermatology")
    assert buffer.label == "IMG buffer for a non-U.S. IMG, measured against U.S. MD seniors"


@pytest.mark.parametrize(("tier", "point"), [(None, 258), ("community", 251), ("academic", 258), ("top", 266)])
def test_program_tiers_aim_at_points_of_the_matched_distribution(tier: str | None, point: int) -> None:
    target = target_for(default_edition()["derm"], ApplicantProfile("us-md", "derm", tier))
    assert (target.low, target.high) == (point, point)


def test_without_quartiles_a_program_tier_has_no_default_effect_and_says_so() -> None:
    derm_2024 = edition_named("charting-outcomes-2024")["derm"]
    top = target_for(derm_2024, ApplicantProfile("us-md", "derm", "top"))
    plain = target_for(derm_2024, ApplicantProfile("us-md", "derm"))
    assert (top.low, top.high) == (plain.low, plain.high) == (257, 257)
    assert "(Charting Outcomes 2024; no quartiles, so top programs change nothing)" in top.explain()
    assert top.parts[0].label.startswith("mean of matched U.S. MD seniors")


def test_a_caller_can_still_set_points_for_program_tiers() -> None:
    policy = attrs.evolve(
        default_target_policy(), community_offset=-4, academic_offset=0, top_offset=6, prestige_source=SOURCE
    )
    target = target_for(default_edition()["derm"], ApplicantProfile("us-md", "derm", "top"), policy=policy)
    assert (target.low, target.high) == (264, 264)
    assert target.parts[0].label.startswith("median of matched U.S. MD seniors in Dermatology")
    assert target.parts[-1].label == "your prestige offset for top programs"


def test_us_md_and_do_get_no_buffer_by_default() -> None:
    derm = default_edition()["derm"]
    md = target_for(derm, ApplicantProfile("us-md", "derm"))
    do = target_for(derm, ApplicantProfile("do", "derm"))
    assert (md.low, md.high) == (do.low, do.high) == (258, 258)
    assert do.parts[1].label == (
        "no buffer for a U.S. DO senior (none sourced), measured against U.S. MD seniors: "
        "no Charting Outcomes figures for U.S. DO seniors are packaged"
    )
    assert md.parts[1].source is None
    with_do = attrs.evolve(default_target_policy(), do_buffer=(3, 5), do_buffer_source=SOURCE)
    do_with_buffer = target_for(derm, ApplicantProfile("do", "derm"), policy=with_do)
    assert (do_with_buffer.low, do_with_buffer.high) == (261, 263)
    assert do_with_buffer.parts[1].label.startswith("buffer for a U.S. DO senior, measured against U.S. MD seniors")


def test_a_target_above_300_is_capped_and_says_so() -> None:
    high = SpecialtyBenchmark("Dermatology", "median", 295, "x", "y", SOURCE, q1=290, q3=298)
    target = target_for(high, ApplicantProfile("img", "derm", "top"))
    assert (target.low, target.high, target.capped) == (300, 300, True)
    assert "capped at the scale's 300" in target.explain()


def test_packaged_policy() -> None:
    policy = default_target_policy()
    assert policy.img_buffer == (10, 15)
    assert (policy.community_offset, policy.academic_offset, policy.top_offset) == (None, None, None)
    assert [policy.point_for(tier).value for tier in ProgramTier] == ["q1", "median", "q3"]
    assert policy.img_buffer_source.is_heuristic
    assert policy.prestige_source.is_heuristic
    assert "step2score's heuristic" in policy.prestige_source.note
    assert "step2score's own mapping" in policy.prestige_source.title


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"img_buffer": (15, 10)}, InvalidValueError, "img_buffer must have low <= high, got (15, 10)"),
        ({"img_buffer": (-5, 10)}, InvalidValueError, "img_buffer must not be negative, got (-5, 10)"),
        ({"img_buffer": (10,)}, InvalidValueError, "img_buffer must be a (low, high) pair of integers, got (10,)"),
        ({"img_buffer": 10}, InvalidTypeError, "img_buffer must be a tuple, got int 10"),
        ({"img_buffer": (10, 15.5)}, InvalidValueError, "img_buffer must be an integer from -100 to 100, got 15.5"),
        (
            {"community_offset": -5, "academic_offset": 0, "top_offset": -10},
            InvalidValueError,
            "prestige offsets must not fall as programs get more selective, got community=-5, academic=0, top=-10",
        ),
        ({"top_offset": 5}, InvalidValueError, "give all three prestige offsets or none, got top_offset=5"),
        (
            {"top_point": "q1"},
            InvalidValueError,
            "prestige points must not fall as programs get more selective, got community=q1, academic=median, top=q1",
        ),
        ({"top_point": "max"}, InvalidValueError, "point must be one of 'q1', 'median', 'q3', got 'max'"),
        ({"top_offset": "5"}, InvalidTypeError, "top_offset must be an integer from -100 to 100, got str '5'"),
        (
            {"community_offset": -101},
            InvalidValueError,
            "community_offset must be an integer from -100 to 100, got -101",
        ),
        ({"img_buffer_source": None}, InvalidTypeError, "img_buffer_source must be a Source, got NoneType None"),
    ],
)
def test_policy_validation(change: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        attrs.evolve(default_target_policy(), **change)


def test_target_for_checks_its_arguments() -> None:
    with pytest.raises(InvalidTypeError, match=re.escape("benchmark must be a SpecialtyBenchmark, got str 'derm'")):
        target_for("derm", ApplicantProfile())  # type: ignore[arg-type]


@given(strategies.profiles(), strategies.target_policies())
def test_img_target_is_us_target_plus_buffer(profile: ApplicantProfile, policy: TargetPolicy) -> None:
    """The IMG target is exactly the U.S. MD target plus the IMG buffer (before capping)."""
    benchmark = default_edition()[profile.specialty or ""]
    us = target_for(benchmark, attrs.evolve(profile, applicant=ApplicantType.US_MD_SENIOR), policy=policy)
    for kind in (ApplicantType.US_IMG, ApplicantType.NON_US_IMG):
        img = target_for(benchmark, attrs.evolve(profile, applicant=kind), policy=policy)
        if not img.capped and not us.capped:
            assert img.low == us.low + policy.img_buffer[0]
            assert img.high == us.high + policy.img_buffer[1]


@given(strategies.profiles(), strategies.target_policies())
def test_more_prestige_never_asks_for_less(profile: ApplicantProfile, policy: TargetPolicy) -> None:
    """Offsets never make a higher prestige level ask for less."""
    benchmark = default_edition()[profile.specialty or ""]
    targets = [target_for(benchmark, attrs.evolve(profile, program_tier=tier), policy=policy) for tier in ProgramTier]
    assert [t.low for t in targets] == sorted(t.low for t in targets)
    assert [t.high for t in targets] == sorted(t.high for t in targets)


@given(strategies.profiles(), strategies.target_policies())
def test_low_never_above_high_and_parts_add_up(profile: ApplicantProfile, policy: TargetPolicy) -> None:
    """Low <= high always, both on the scale, and an uncapped target is the sum of its parts."""
    target = target_for(default_edition()[profile.specialty or ""], profile, policy=policy)
    assert 1 <= target.low <= target.high <= 300
    if not target.capped:
        assert target.low == sum(p.low for p in target.parts)
        assert target.high == sum(p.high for p in target.parts)


@pytest.mark.parametrize(
    ("low", "high", "error", "message"),
    [
        ("a", 3, InvalidTypeError, "low must be an integer from -300 to 300, got str 'a'"),
        (5, 3, InvalidValueError, "a target part must have low <= high, got 5 and 3 for 'x'"),
    ],
)
def test_a_target_part_validates_its_points(low: object, high: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        TargetPart("x", low, high)  # type: ignore[arg-type]
