"""The one entry point: :func:`evaluate` composes every question about a score; :func:`evaluate_many` asks many."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from step2score import rules
from step2score._lazy import LazyModule
from step2score._validate import (
    SCALE_MAX,
    SCALE_MIN,
    as_date,
    as_items,
    check_instance,
    check_int_range,
    instance_of,
    require_extra,
    shown,
    type_error,
)
from step2score.advice import NextStep, next_steps
from step2score.applicants import ApplicantProfile, ApplicantType, ProgramTier
from step2score.benchmarks import (
    BenchmarkEdition,
    DistributionPosition,
    SpecialtyBenchmark,
    SpecialtyComparison,
    benchmark_editions,
    choose_edition,
    compare_with_edition,
    default_edition,
    edition_for,
    position_in,
)
from step2score.errors import InvalidValueError, Step2ScoreError, bounded_repr
from step2score.measurement import PercentileBand, ScoreBand, Sem, percentile_band, score_band
from step2score.norms import (
    NormalApproximation,
    NormTable,
    PercentileRank,
    norm_tables,
    normal_approximations,
    percentile_of,
)
from step2score.score import ScaledScore
from step2score.sources import Source
from step2score.standards import PassingStandard, StandardHistory, default_standards
from step2score.tiers import Tier, TierScheme, default_tier_scheme, tier_of

if TYPE_CHECKING:
    import pandas as pd

    from step2score import policies, rates, targets
else:  # loaded when first read: a score with no specialty and no attempts never needs them
    policies = LazyModule("step2score.policies")
    rates = LazyModule("step2score.rates")
    targets = LazyModule("step2score.targets")

__all__ = ["Evaluation", "clear_caches", "evaluate", "evaluate_many"]


@attrs.frozen(repr=False)
class Evaluation:
    """Everything step2score says about one score, with the data it used.

    Build one with :func:`evaluate`. Every field is immutable; change an input and
    evaluate again rather than editing a result.

    Attributes:
        score: The score evaluated.
        taken_on: The test date used to choose the standard (today when none was given).
        date_assumed: Whether no test date was given, so today's date chose the standard
            (the report and the HTML display say so).
        standard: The passing standard applied.
        passed: Whether the score reaches the standard's minimum.
        margin: Score minus the minimum; negative when failing.
        tier: Fail, pass, competitive or exceptional.
        tier_scheme: The thresholds the tier was read from.
        threshold_percentiles: The percentile ranks of the competitive and exceptional
            thresholds in the cohort of :attr:`percentile`, so a tier is never read without
            the number beside it (245 is the 32nd percentile rank of 2023-2026 takers).
        profile: The applicant: type, target specialty and program tier.
        edition: The name of the benchmark edition compared against: by default the
            applicant's own group's (U.S. MD seniors, non-U.S. IMGs), or U.S. MD seniors'
            for a group with no figures of its own (U.S. DO seniors, U.S.-citizen IMGs).
        figures_group: Whose figures the benchmark, position, comparisons, target and
            match rate are (:class:`ApplicantType`), or ``None`` for a user's edition that
            names no group. :attr:`figures_label` says it in words.
        benchmark: The target specialty's row in that edition (``None`` with no specialty):
            its statistic (mean or median), quartiles and counts where published.
        position: Where the score falls among the specialty's matched applicants (below
            Q1, Q1 to median, median to Q3, at or above Q3) and beside the median of those
            who did not match (``None`` without a specialty or without quartiles).
        target: The score to aim for, with its working (``None`` with no specialty).
        gap: Points from the score to the low end of the target; zero or negative when
            the score already reaches it (``None`` with no target).
        on_target: Whether the score reaches the low end of the target.
        comparisons: The score beside every specialty of the edition, most demanding first,
            each with the score's quartile position where the edition has quartiles.
        percentile: The percentile rank, naming its cohort and method.
        score_band: The score plus and minus one standard error of measurement (clipped
            to 1..300): the range the examinee's true score likely falls in.
        percentile_band: The percentile ranks at the two ends of the score band.
        close_to_standard: Whether the score band straddles the passing minimum. The
            result still follows the official rule (score >= minimum); this only flags
            that the score is within measurement error of the standard.
        match_rate: Of U.S. MD seniors (pooled 2020-2024) in the score's 10-point band who
            preferred the specialty, how many matched, with the count (a description,
            not this applicant's chance). Only for a passing score (a pass is required to
            match) and where the figures are U.S. MD seniors' (``None`` otherwise).
        specialty_match_rate: Of the applicants of the figures' group who preferred the
            specialty, how many matched in it, with the counts (non-U.S. IMGs: "of 6,992
            who preferred Internal Medicine, 3,392 matched: 48.5%"); ``None`` where none
            is packaged.
        attempts: Attempts used and left (``None`` unless ``attempts_used`` was given).
        board_odds: For internal medicine only: the odds ratio of passing the ABIM
            certifying exam for the score's difference from the specialty's central
            figure, from a single-program study (its scope is in its source).
        next_steps: Structured advice for what to do next.

    >>> ev = evaluate(212, taken_on="2025-09-15")
    >>> ev.passed, ev.margin, ev.standard.minimum, ev.tier.value
    (False, -6, 218, 'fail')
    """

    score: ScaledScore = attrs.field(validator=instance_of(ScaledScore))
    taken_on: dt.date
    date_assumed: bool
    standard: PassingStandard
    passed: bool
    margin: int
    tier: Tier
    tier_scheme: TierScheme
    threshold_percentiles: tuple[PercentileRank, PercentileRank]
    profile: ApplicantProfile
    edition: str
    figures_group: ApplicantType | None
    benchmark: SpecialtyBenchmark | None
    position: DistributionPosition | None
    target: targets.Target | None
    gap: int | None
    on_target: bool | None
    comparisons: tuple[SpecialtyComparison, ...]
    percentile: PercentileRank
    score_band: ScoreBand
    percentile_band: PercentileBand
    close_to_standard: bool
    match_rate: rates.MatchRate | None
    specialty_match_rate: rates.SpecialtyMatchRate | None
    attempts: policies.AttemptStatus | None
    board_odds: policies.BoardOutcomeOdds | None
    next_steps: tuple[NextStep, ...]

    def __attrs_post_init__(self) -> None:
        _check_types(self)
        _check_consistent(self)

    @property
    def own_group_figures(self) -> bool:
        """Whether the figures used are the applicant's own group's.

        >>> evaluate(251, specialty="IM", applicant="img").own_group_figures
        True
        >>> evaluate(251, specialty="IM", applicant="do").own_group_figures
        False
        """
        return self.figures_group is self.profile.applicant

    @property
    def figures_label(self) -> str:
        """Whose figures the specialty lines use, in words, and why where they are another group's.

        >>> print(evaluate(251, specialty="IM", applicant="img").figures_label)
        of matched non-U.S. IMGs (Charting Outcomes 2026, non-U.S. IMGs)
        >>> print(evaluate(251, specialty="IM", applicant="do").figures_label)
        of matched U.S. MD seniors (Charting Outcomes 2026); no Charting Outcomes 2026 figures for U.S. DO seniors are
        packaged
        """
        group = self.figures_group
        text = f"of matched {'applicants' if group is None else group.plural} ({self.edition})"
        applicant = self.profile.applicant
        if group is None or group is applicant:
            return text
        from step2score.benchmarks import benchmark_editions  # noqa: PLC0415 - on use

        if any(edition.group is applicant for edition in benchmark_editions()):
            return f"{text}; not the edition of the applicant's own group ({applicant.plural})"
        return f"{text}; no Charting Outcomes 2026 figures for {applicant.plural} are packaged"

    def report(self) -> str:
        """A short plain-text report.

        >>> print(evaluate(247, taken_on="2025-09-15").report())
        Step 2 CK score 247, taken on 2025-09-15
          Result:     PASS (minimum 218 for exams taken on or after 2025-07-01; 29 points above)
          Tier:       competitive (competitive from 245, percentile rank 32; exceptional from 255, percentile rank
                      58; ranks in the cohort of the percentile below; advisory)
          Percentile: percentile rank 36.8 (interpolated; first-time takers from LCME-accredited (U.S.) medical
                      schools tested 2023-07-01 to 2026-06-30, N = 67,824)
          Score band: your true score is likely between 241 and 253 (score ± 1 SEM of 6 points; about 2 times
                      in 3); percentile rank 24.8 to 52.4 in the same cohort
          Figures:    of matched U.S. MD seniors (Charting Outcomes 2026)
          Next steps:
            - Your score is competitive: Programs use Step 2 CK to screen; build the rest of the application
              to match the score.
            - At or above the median of matched U.S. MD seniors in 3 specialties: Family Medicine, Psychiatry and
              Pathology.
        """
        from step2score.display import text_report  # noqa: PLC0415 - on use: display is not needed to evaluate

        return text_report(self)

    def comparisons_frame(self) -> pd.DataFrame:
        """The comparison with every specialty as a pandas DataFrame (needs the ``pandas`` extra).

        One row per specialty, most demanding first: the statistic and its value, the score's
        difference from it and, with quartiles, where the score falls among matched applicants.

        >>> frame = evaluate(250, taken_on="2025-09-15").comparisons_frame()
        >>> print(frame.loc[["Dermatology", "Family Medicine"]])
                        statistic  value  difference                   quartile
        specialty
        Dermatology        median    258          -8                   below Q1
        Family Medicine    median    244           6  between the median and Q3
        """
        pandas = require_extra("pandas", "pandas")
        records = [
            {
                "specialty": row.specialty,
                "statistic": row.statistic.value,
                "value": row.value,
                "difference": row.difference,
                "quartile": None if row.quartile is None else row.quartile.label,
            }
            for row in self.comparisons
        ]
        frame: pd.DataFrame = pandas.DataFrame.from_records(
            records, index="specialty", columns=["specialty", "statistic", "value", "difference", "quartile"]
        )
        return frame

    def _repr_html_(self) -> str:
        """The HTML table a notebook shows, its figures linking their sources."""
        from step2score.display import html_report  # noqa: PLC0415 - on use

        return html_report(self)

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        """The headline figures on one line; ``print(ev)`` gives the report, ``ev.to_dict()`` every field.

        >>> evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="img")
        Evaluation(score=241, taken_on='2025-09-15', minimum=218, passed=True, tier='pass', percentile=24.8, \
specialty='Dermatology', target=(268, 273), gap=27)
        """
        parts = [
            f"score={self.score.value}",
            f"taken_on='{self.taken_on.isoformat()}'",
            f"minimum={self.standard.minimum}",
            f"passed={self.passed}",
            f"tier='{self.tier.value}'",
            f"percentile={self.percentile.value:g}",
        ]
        if self.target is not None:
            parts += [f"specialty={self.profile.specialty!r}", f"target=({self.target.low}, {self.target.high})"]
            parts.append(f"gap={self.gap}")
        if self.attempts is not None:
            parts.append(f"attempts_remaining={self.attempts.remaining}")
        return f"Evaluation({', '.join(parts)})"

    def to_dict(self, *, compact: bool = False) -> dict[str, Any]:
        """A JSON-safe dict of every field, nested values included; :meth:`from_dict` inverts it exactly.

        The shape is described by the JSON Schema :func:`~step2score.evaluation_schema` returns;
        the last key, ``schema_version``, names the version of that format.

        Args:
            compact: List each distinct source once, in a top-level ``sources`` list, and
                write every source elsewhere as its index in that list.

        >>> ev = evaluate(247, taken_on="2025-09-15", specialty="IM")
        >>> data = ev.to_dict()
        >>> data["score"], data["tier"], data["target"]["low"], data["schema_version"]
        (247, 'competitive', 254, '2.0')
        >>> Evaluation.from_dict(data) == ev
        True
        >>> small = ev.to_dict(compact=True)
        >>> small["standard"]["source"], small["sources"][0]["confidence"]
        (0, 'secondary')
        >>> Evaluation.from_dict(small) == ev
        True

        .. versionchanged:: 0.2.0
           ``schema_version`` and the ``compact`` form.
        """
        from step2score._serde import dump_payload  # noqa: PLC0415 - on use: serialising is not needed to evaluate

        check_instance(compact, bool, field="compact")
        return dump_payload(self, compact=compact)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], /) -> Evaluation:
        """Rebuild an evaluation from :meth:`to_dict`'s output, in either form.

        The document's ``schema_version`` must be of this library's major version; fields a
        newer minor version added are ignored.

        Raises:
            InvalidTypeError: A value has the wrong JSON type; the message gives its path.
            InvalidValueError: A value breaks a rule, a field is missing or unknown, or the
                ``schema_version`` is missing or of another major version.

        >>> data = evaluate(247, taken_on="2025-09-15").to_dict()
        >>> Evaluation.from_dict(data | {"score": 247.5})
        Traceback (most recent call last):
            ...
        step2score.errors.InvalidTypeError: evaluation.score must be an integer, got float 247.5
        >>> Evaluation.from_dict(data | {"schema_version": "3.0"})
        Traceback (most recent call last):
            ...
        step2score.errors.InvalidValueError: evaluation.schema_version must have major version 2 \
(this step2score reads '2.x' documents), got '3.0'
        """
        from step2score._serde import load_payload  # noqa: PLC0415 - on use

        return load_payload(cls, data, path="evaluation")

    def to_json(self, *, indent: int | None = None, compact: bool = False) -> str:
        """The evaluation as JSON text (see :meth:`to_dict`).

        Args:
            indent: Indent nested values by this many spaces (0 to 16); one line when ``None``.
            compact: The compact form of :meth:`to_dict`, with no spaces after separators
                when not indented.

        >>> ev = evaluate(247, taken_on="2025-09-15")
        >>> ev.to_json()[:40]
        '{"score": 247, "taken_on": "2025-09-15",'
        >>> ev.to_json(compact=True)[:36]
        '{"score":247,"taken_on":"2025-09-15"'
        """
        from step2score._serde import dump_json  # noqa: PLC0415 - on use

        spaces = None if indent is None else check_int_range(indent, field="indent", low=0, high=MAX_INDENT)
        return dump_json(self.to_dict(compact=compact), indent=spaces, compact=compact)

    @classmethod
    def from_json(cls, text: str | bytes, /) -> Evaluation:
        """Rebuild an evaluation from :meth:`to_json`'s output, in either form.

        Raises:
            InvalidTypeError: ``text`` is not a string or UTF-8 bytes, or a value has the wrong type.
            InvalidValueError: The text is not JSON, is longer than a million characters or
                nested more than 32 deep, holds ``NaN`` or an infinity, or breaks a rule
                :meth:`from_dict` checks.

        >>> ev = evaluate(247, taken_on="2025-09-15", specialty="IM")
        >>> Evaluation.from_json(ev.to_json()) == ev
        True
        >>> Evaluation.from_json('{"score": NaN}')
        Traceback (most recent call last):
            ...
        step2score.errors.InvalidValueError: evaluation JSON: JSON must not hold NaN: only finite numbers are allowed
        """
        from step2score._serde import parse_json  # noqa: PLC0415 - on use

        return cls.from_dict(parse_json(text, what="evaluation JSON"))  # type: ignore[arg-type]  # from_dict checks the shape


def evaluate(
    score: ScaledScore | int | float,
    /,
    *,
    taken_on: dt.date | str | None = None,
    standard: PassingStandard | None = None,
    standard_history: StandardHistory | None = None,
    tier_scheme: TierScheme | None = None,
    specialty: str | None = None,
    applicant: ApplicantType | str | None = None,
    program_tier: ProgramTier | str | None = None,
    profile: ApplicantProfile | None = None,
    edition: BenchmarkEdition | str | None = None,
    target_policy: targets.TargetPolicy | str | None = None,
    norms: NormTable | NormalApproximation | str | None = None,
    attempts_used: int | None = None,
    applying_on: dt.date | str | None = None,
    sem: Sem | float | None = None,
) -> Evaluation:
    """Evaluate a Step 2 CK score.

    Args:
        score: The three-digit score (an integer from 1 to 300; ``250.0`` is read as 250).
        taken_on: The test date, which chooses the passing standard; today when omitted.
            A :class:`datetime.date` or a ``YYYY-MM-DD`` string.
        standard: Judge by this standard instead of the one in force on ``taken_on``.
        standard_history: The history to look the standard up in; the packaged one by default.
        tier_scheme: Competitive and exceptional thresholds; the packaged 245/255 by default.
        specialty: The target specialty in any spelling ("derm", "IM", "OB/GYN").
        applicant: The applicant type ("us-md", "do", "us-img", "non-us-img"); U.S. MD by default.
        program_tier: "community", "academic" or "top": the point of the specialty's matched
            distribution the target aims at (Q1, median, Q3; step2score's heuristic).
        profile: All three at once; give either ``profile`` or the three keywords.
        edition: The benchmark edition, by key or name ("charting-outcomes-2026",
            "charting-outcomes-2026-non-us-img", "charting-outcomes-2024", "ace-med-boards-2022")
            or your own :class:`BenchmarkEdition`. By default the applicant's own group's edition
            of Charting Outcomes 2026 (U.S. MD seniors, non-U.S. IMGs), or U.S. MD seniors' for a
            group with none (U.S. DO seniors, U.S.-citizen IMGs).
        target_policy: The program-tier and buffer rules: a :class:`TargetPolicy`, ``"own-group"``
            (:func:`default_target_policy`, the default: the applicant's own group's figures, with
            the IMG buffer only as a fallback) or ``"article"`` (the article's rule: U.S. MD
            seniors' figures plus the buffer for every IMG).
        norms: The percentile norms: a :class:`NormTable`, a :class:`NormalApproximation`,
            a packaged table or cohort name ("2017-2020", "2023-24"), or the 2023-2026 norm
            table by default.
        sem: The standard error of measurement for the score band, in points or as a
            :class:`Sem`; the packaged 6 points by default.
        attempts_used: Attempts already made at Step 2 CK, this one included (so at least 1),
            to count those left.
        applying_on: The date of the next application, which chooses the attempt limit; today by default.

    Returns:
        An immutable :class:`Evaluation`.

    Raises:
        InvalidScoreError: The score is off the scale or not integral.
        InvalidTypeError: An argument has the wrong type.
        NoStandardError: No standard is known for ``taken_on`` and none was given.
        UnknownSpecialtyError: The specialty matches no known name.
        OutsideMatchError: The specialty (Urology, Ophthalmology) matches outside the NRMP Main Match.
        SpecialtyNotInEditionError: The edition has no row for the specialty.
        InvalidValueError: ``profile`` was given together with the separate keywords.

    >>> ev = evaluate(247, taken_on="2025-09-15")
    >>> ev.passed, ev.margin, ev.tier
    (True, 29, <Tier.COMPETITIVE: 'competitive'>)
    >>> evaluate(216, taken_on="2024-05-01").passed
    True
    >>> evaluate(216, taken_on="2025-08-01").passed
    False
    >>> ev = evaluate(251, taken_on="2025-09-15", specialty="IM", applicant="non-us-img", program_tier="academic")
    >>> ev.benchmark
    SpecialtyBenchmark('Internal Medicine', median 251, Q1 240, Q3 259, n 2649, not matched: median 243, n 2730,
    edition='Charting Outcomes 2026, non-U.S. IMGs')
    >>> ev.figures_group.plural, ev.position.quartile.label, ev.target.low, ev.target.basis.value, ev.gap
    ('non-U.S. IMGs', 'between the median and Q3', 251, 'own-group', 0)
    >>> print(ev.specialty_match_rate.describe())
    of 6,992 non-U.S. IMGs who preferred Internal Medicine, 3,392 matched: 48.5% (2026 Match)
    >>> ev = evaluate(241, taken_on="2025-09-15", specialty="derm", applicant="non-us-img", program_tier="top")
    >>> ev.benchmark.suppressed, ev.benchmark.not_matched_median, ev.target.low, ev.target.basis.value
    (True, 253, 276, 'suppressed')
    >>> ev = evaluate(245, taken_on="2026-06-01", specialty="derm")
    >>> ev.percentile.describe()
    'percentile rank 32 (exact; first-time takers from LCME-accredited (U.S.) medical schools tested
    2023-07-01 to 2026-06-30, N = 67,824)'
    >>> ev.score_band.describe()
    'your true score is likely between 239 and 251 (score ± 1 SEM of 6 points; about 2 times in 3)'
    >>> ev.match_rate.describe()
    'of 291 U.S. MD seniors (pooled 2020-2024) in the 240-249 band who preferred Dermatology, 67% matched'
    >>> evaluate(245, norms="2017-2020").percentile.value
    46.0
    >>> ev = evaluate(212, taken_on="2025-09-15", attempts_used=1, applying_on="2025-10-01")
    >>> ev.passed, ev.attempts.remaining, [step.code for step in ev.next_steps]
    (False, 3, ['attempts-left', 'repeater-pass-rate', 'change-approach', 'transcript'])

    .. versionadded:: 0.1.0
    """
    scaled = _scaled(score) if type(score) is int and SCALE_MIN <= score <= SCALE_MAX else ScaledScore(score)
    value = scaled.value
    day = taken_on if type(taken_on) is dt.date else _day(taken_on)
    if standard_history is not None:  # checked even when a standard is given and the history goes unused
        check_instance(standard_history, StandardHistory, field="standard_history")
    if standard is None:
        standard = _standard_on(day) if standard_history is None else standard_history.on(day)
    else:
        check_instance(standard, PassingStandard, field="standard")
    scheme = default_tier_scheme() if tier_scheme is None else tier_scheme
    check_instance(scheme, TierScheme, field="tier_scheme")
    found = None
    if profile is None and edition is None and target_policy is None and norms is None:
        found = _default_row(specialty, applicant, program_tier)
    if found is None:
        policy = None if target_policy is None else targets.choose_target_policy(target_policy)
        who, table, benchmark, target = _aim(
            _profile(profile, specialty=specialty, applicant=applicant, program_tier=program_tier),
            edition,
            policy,
            norms,
        )
    else:
        who, table, benchmark, target = found
    gap = None if target is None else rules.gap(value, target.low)
    attempts = None if attempts_used is None else _attempt_status(attempts_used, applying_on)
    if attempts_used is None and applying_on is not None and type(applying_on) is not dt.date:
        as_date(applying_on, field="applying_on")  # checked even when no attempts make it matter
    position, match_rate, odds, group_rate = _NO_ROW if benchmark is None else _row_facts(benchmark, value)
    if not rules.passes(value, standard.minimum):
        match_rate = None  # the band's seniors matched with passing scores: a pass is required to match
    minimum = standard.minimum
    rank = rules.tier_rank(value, minimum=minimum, competitive=scheme.competitive, exceptional=scheme.exceptional)
    tier = _TIERS[rank]
    if sem is None and norms is None:
        band, percentile, percentiles = _default_bands(value)
    else:
        band = score_band(scaled, sem=sem)
        percentile = percentile_of(scaled, norms=norms)
        percentiles = percentile_band(band, norms=norms)
    thresholds = _threshold_percentiles(None if tier_scheme is None else scheme, norms)
    comparisons = _comparisons(value, table)
    # Built through the trusted constructor: every field above was derived by the functions
    # Evaluation's own checks re-derive it with (tests/test_perf_baselines.py checks the two agree).
    return _trusted(
        scaled,
        day,
        taken_on is None,
        standard,
        rules.passes(value, minimum),
        rules.margin(value, minimum),
        tier,
        scheme,
        thresholds,
        who,
        table.name,
        table.group,
        benchmark,
        position,
        target,
        gap,
        None if gap is None else rules.on_target(gap),
        comparisons,
        percentile,
        band,
        percentiles,
        rules.close_to_standard(band.low, band.high, minimum),
        match_rate,
        group_rate,
        attempts,
        odds,
        _next_steps(tier, attempts, gap, who.specialty, who.applicant, _reached(value, table)),
    )


def evaluate_many(items: Iterable[object], /, **common: Any) -> tuple[Evaluation, ...]:  # noqa: ANN401 - evaluate()'s keywords
    """Evaluate many scores with :func:`~step2score.evaluate`.

    Args:
        items: Scores, or mappings of :func:`~step2score.evaluate` keywords with a
            ``"score"`` key (their keywords override ``common``).
        common: Keywords applied to every item (``taken_on=``, ``specialty=`` ...).

    Raises:
        Step2ScoreError: As :func:`~step2score.evaluate` does, the message prefixed with the item's position.
        InvalidTypeError: ``items`` is not a collection of items (a string or bytes is never read
            as several scores).

    >>> results = evaluate_many([212, 230, {"score": 216, "taken_on": "2024-05-01"}], taken_on="2025-09-15")
    >>> [ev.passed for ev in results]
    [False, True, True]
    """
    accepted = _keywords_of_evaluate()
    _check_keywords(common, accepted, where="evaluate_many")
    results = []
    for position, item in enumerate(as_items(items, object, field="items", what="scores or mappings")):
        keywords = dict(common)
        if isinstance(item, Mapping):
            keywords |= dict(item)
            if "score" not in keywords:
                keys = ", ".join(sorted(map(bounded_repr, item)))
                msg = f"item {position}: a mapping needs a 'score' key, got keys {keys}"
                raise InvalidValueError(msg, field="score", rule="a 'score' key")
            score = keywords.pop("score")
            _check_keywords(keywords, accepted, where=f"item {position}")
        else:
            score = item
        try:
            results.append(evaluate(score, **keywords))
        except Step2ScoreError as error:
            where = f"item {position}"
            raise error.located(where) from None
    return tuple(results)


def _keywords_of_evaluate() -> frozenset[str]:
    import inspect  # noqa: PLC0415 - only evaluate_many needs it

    parameters = inspect.signature(evaluate).parameters.values()
    return frozenset(p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY)


def _check_keywords(keywords: Iterable[object], accepted: frozenset[str], *, where: str) -> None:
    """Refuse a key evaluate() does not take, naming it and the closest ones, instead of a builtin TypeError."""
    import difflib  # noqa: PLC0415 - only a wrong key needs it

    for key in keywords:
        if key not in accepted:
            close = difflib.get_close_matches(str(key), sorted(accepted), n=3) if isinstance(key, str) else []
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            msg = f"{where}: {bounded_repr(key)} is not a keyword of evaluate(){hint}"
            raise InvalidValueError(
                msg, field=str(key)[:80], value=key, rule="a keyword of evaluate()", suggestions=close
            )


# What evaluate() derives from inputs that repeat, kept in bounded caches keyed by
# immutable values (scores, dates, frozen attrs objects, raw spellings). Each cache holds
# what the public function returns for that key; clear_caches() empties them all.
_TIERS = tuple(Tier)
#: The widest indent to_json writes.
MAX_INDENT = 16
_FIELDS = tuple(field.name for field in attrs.fields(Evaluation))
_set = object.__setattr__


def _trusted(*values: object) -> Evaluation:
    """An :class:`Evaluation` of fields :func:`evaluate` just derived, without deriving them a second time.

    ``Evaluation(...)``, ``attrs.evolve`` and ``from_dict`` still run every check.
    """
    ev = object.__new__(Evaluation)
    for name, value in zip(_FIELDS, values, strict=True):
        _set(ev, name, value)
    return ev


@functools.lru_cache(maxsize=512)
def _scaled(value: int) -> ScaledScore:
    return ScaledScore(value)


@functools.lru_cache(maxsize=4096)
def _standard_on(day: dt.date) -> PassingStandard:
    return default_standards().on(day)


@functools.lru_cache(maxsize=4096, typed=True)
def _default_profile_row(
    specialty: object, applicant: object, program_tier: object
) -> tuple[ApplicantProfile, BenchmarkEdition, SpecialtyBenchmark | None, targets.Target | None]:
    who = _profile(None, specialty=specialty, applicant=applicant, program_tier=program_tier)  # type: ignore[arg-type]
    return _aim(who, None, None, None)


def _default_row(
    specialty: object, applicant: object, program_tier: object
) -> tuple[ApplicantProfile, BenchmarkEdition, SpecialtyBenchmark | None, targets.Target | None] | None:
    """The profile, default edition, row and target for raw spellings; ``None`` when they cannot be a cache key."""
    try:
        return _default_profile_row(specialty, applicant, program_tier)
    except TypeError as error:
        if isinstance(error, Step2ScoreError):
            raise
        return None  # an unhashable value: read without the cache, which says what is wrong


def _day(taken_on: object) -> dt.date:
    """The test date: today when none was given."""
    return dt.date.today() if taken_on is None else as_date(taken_on, field="taken_on")  # noqa: DTZ011 - a calendar day


def _attempt_status(used: object, applying_on: dt.date | str | None) -> policies.AttemptStatus:
    """Attempts used and left; the attempt that produced this score counts, so at least 1 was used."""
    if type(used) is int and (applying_on is None or type(applying_on) is dt.date):
        return _attempts(used, dt.date.today() if applying_on is None else applying_on)  # noqa: DTZ011
    return _read_attempts(used, applying_on)


@functools.lru_cache(maxsize=4096)
def _attempts(used: int, applying_on: dt.date) -> policies.AttemptStatus:
    return _read_attempts(used, applying_on)  # a refused count raises, and nothing is cached


def _read_attempts(used: object, applying_on: dt.date | str | None) -> policies.AttemptStatus:
    from step2score.policies import MOST_ATTEMPTS, attempt_status  # noqa: PLC0415 - only with attempts_used

    check_int_range(used, field="attempts_used", low=1, high=MOST_ATTEMPTS)
    return attempt_status(used, applying_on=applying_on)  # type: ignore[arg-type]  # checked just above


@functools.lru_cache(maxsize=512)
def _default_bands(score: int) -> tuple[ScoreBand, PercentileRank, PercentileBand]:
    band = score_band(score)
    return band, percentile_of(score), percentile_band(band)


@functools.lru_cache(maxsize=4096)
def _comparisons(score: int, table: BenchmarkEdition) -> tuple[SpecialtyComparison, ...]:
    return compare_with_edition(score, table)


@functools.lru_cache(maxsize=4096)
def _reached(score: int, table: BenchmarkEdition) -> tuple[tuple[str, ...], str]:
    """:func:`_at_or_above_median` of the score's comparisons, once per score and edition (a profile showed it)."""
    return _at_or_above_median(_comparisons(score, table), table.group)


@functools.lru_cache(maxsize=8192)
def _match_rate(specialty: str, score: int) -> rates.MatchRate | None:
    from step2score.rates import match_rate_for  # noqa: PLC0415 - only with a specialty

    return match_rate_for(specialty, score)


def _band_rate(benchmark: SpecialtyBenchmark, score: int) -> rates.MatchRate | None:
    """The U.S. MD seniors' band rate, shown only where the figures are U.S. MD seniors' (or name no group)."""
    if benchmark.group not in {None, ApplicantType.US_MD_SENIOR}:
        return None
    return _match_rate(benchmark.specialty, score)


def _group_rate(benchmark: SpecialtyBenchmark) -> rates.SpecialtyMatchRate | None:
    """The match rate of the figures' group in the specialty, where one is packaged."""
    from step2score.rates import specialty_match_rate_for  # noqa: PLC0415 - only with a specialty

    return None if benchmark.group is None else specialty_match_rate_for(benchmark.group, benchmark.specialty)


@functools.lru_cache(maxsize=64)
def _threshold_percentiles(
    scheme: TierScheme | None, norms: NormTable | NormalApproximation | str | None
) -> tuple[PercentileRank, PercentileRank]:
    """The percentile ranks of the competitive and exceptional thresholds in the cohort used.

    ``None`` stands for the packaged scheme: a cache key that costs no hashing of the scheme on every call.
    """
    chosen = default_tier_scheme() if scheme is None else scheme
    return percentile_of(chosen.competitive, norms=norms), percentile_of(chosen.exceptional, norms=norms)


def _at_or_above_median(
    comparisons: tuple[SpecialtyComparison, ...], group: ApplicantType | None
) -> tuple[tuple[str, ...], str]:
    """The specialties whose matched median (or mean) the score reaches, least demanding first, and whose figures."""
    reached = tuple(
        f"{row.specialty} (a thin cell)" if row.thin else row.specialty
        for row in reversed(comparisons)
        if row.difference >= 0
    )
    statistic = comparisons[0].statistic.value if comparisons else "median"
    return reached, f"the {statistic} of matched {'applicants' if group is None else group.plural}"


@functools.lru_cache(maxsize=1024)
def _odds(points: int) -> policies.BoardOutcomeOdds:
    from step2score.policies import board_outcome_study  # noqa: PLC0415 - only for the study's specialty

    return board_outcome_study().odds_for(points)


_NO_ROW = (None, None, None, None)  # no specialty: no position, match rates or board odds


@functools.lru_cache(maxsize=8192)
def _row_facts(
    benchmark: SpecialtyBenchmark, score: int
) -> tuple[
    DistributionPosition | None,
    rates.MatchRate | None,
    policies.BoardOutcomeOdds | None,
    rates.SpecialtyMatchRate | None,
]:
    """What a score means beside its specialty's row: the position, the match rates and the board odds."""
    return (
        position_in(benchmark, score),
        _band_rate(benchmark, score),
        _board_odds(score, benchmark),
        _group_rate(benchmark),
    )


@functools.lru_cache(maxsize=4096, typed=True)
def _next_steps(  # noqa: PLR0917 - a cache key of six parts
    tier: Tier,
    attempts: policies.AttemptStatus | None,
    gap: int | None,
    specialty: str | None,
    applicant: ApplicantType,
    at_or_above_median: tuple[tuple[str, ...], str],
) -> tuple[NextStep, ...]:
    return next_steps(
        tier,
        attempts=attempts,
        gap=gap,
        specialty=specialty,
        applicant=applicant,
        at_or_above_median=at_or_above_median[0],
        figures=at_or_above_median[1],
    )


def clear_caches() -> None:
    """Empty every cache step2score keeps (for tests; answers never depend on them).

    That is each ``functools`` cache of every loaded step2score module: what :func:`evaluate`
    keeps of what repeats, targets, name keys, per-score tables, and the packaged data itself.

    >>> clear_caches()
    >>> evaluate(247, taken_on="2025-09-15").passed
    True
    """
    for cache in step2score_caches():
        cache.cache_clear()


def step2score_caches() -> list[Any]:
    """Every ``functools`` cache (anything with ``cache_clear``) at module level in a loaded step2score module."""
    import sys  # noqa: PLC0415 - only tests ask

    found: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if name == "step2score" or name.startswith("step2score."):
            for value in list(vars(module).values()):
                if isinstance(value, LazyModule):  # reading it would load its module: its caches are found there
                    continue
                if callable(getattr(value, "cache_clear", None)) and callable(getattr(value, "cache_info", None)):
                    found[id(value)] = value
    return list(found.values())


def _board_odds(score: int, benchmark: SpecialtyBenchmark | None) -> policies.BoardOutcomeOdds | None:
    """The board-outcome odds for the study's specialty (internal medicine), from the row's central figure."""
    from step2score.policies import BOARD_STUDY_SPECIALTY  # noqa: PLC0415 - only with a specialty

    if benchmark is None or benchmark.value is None or benchmark.specialty != BOARD_STUDY_SPECIALTY:
        return None
    return _odds(rules.margin(score, benchmark.value))


def _aim(
    who: ApplicantProfile,
    edition: BenchmarkEdition | str | None,
    policy: targets.TargetPolicy | None,
    norms: NormTable | NormalApproximation | str | None,
) -> tuple[ApplicantProfile, BenchmarkEdition, SpecialtyBenchmark | None, targets.Target | None]:
    """The profile (its specialty named as the edition names it), the edition, the specialty's row and the target.

    With no edition asked for, the applicant's own group's edition is used (U.S. MD seniors'
    for a group with none). The target falls back on U.S. MD seniors' row of the specialty
    where the row's matched cell is suppressed; with neither, there is no target.
    """
    table = edition_for(who.applicant) if edition is None else choose_edition(edition)
    if who.specialty is None:
        return who, table, None, None
    from step2score.targets import target_for  # noqa: PLC0415 - only with a specialty

    benchmark = table[who.specialty]
    if benchmark.specialty != who.specialty:  # a user's own edition may spell a specialty the library does not know
        who = attrs.evolve(who, specialty=benchmark.specialty)
    reference = _reference(benchmark)
    if benchmark.suppressed and (reference is None or reference.suppressed):
        return who, table, benchmark, None
    return who, table, benchmark, target_for(benchmark, who, policy=policy, reference=reference, norms=norms)


def _reference(benchmark: SpecialtyBenchmark) -> SpecialtyBenchmark | None:
    """U.S. MD seniors' default row of the benchmark's specialty, for a row of another group."""
    if benchmark.group in {None, ApplicantType.US_MD_SENIOR}:
        return None
    us_md = default_edition()
    return us_md[benchmark.specialty] if benchmark.specialty in us_md else None  # noqa: SIM401 - not a mapping


def _profile(
    profile: ApplicantProfile | None,
    *,
    specialty: str | None,
    applicant: ApplicantType | str | None,
    program_tier: ProgramTier | str | None,
) -> ApplicantProfile:
    separate = {"specialty": specialty, "applicant": applicant, "program_tier": program_tier}
    if profile is not None:
        check_instance(profile, ApplicantProfile, field="profile")
        given = ", ".join(f"{name}={value!r}" for name, value in separate.items() if value is not None)
        if given:
            msg = f"give either profile= or the separate keywords, not both; got profile and {given}"
            raise InvalidValueError(msg)
        return profile
    return ApplicantProfile(ApplicantType.US_MD_SENIOR if applicant is None else applicant, specialty, program_tier)


_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "taken_on": dt.date,
    "date_assumed": bool,
    "standard": PassingStandard,
    "passed": bool,
    "margin": int,
    "tier": Tier,
    "tier_scheme": TierScheme,
    "threshold_percentiles": tuple,
    "profile": ApplicantProfile,
    "edition": str,
    "percentile": PercentileRank,
    "score_band": ScoreBand,
    "percentile_band": PercentileBand,
    "close_to_standard": bool,
}


@functools.cache
def _optional_types() -> dict[str, type]:
    return {
        "benchmark": SpecialtyBenchmark,
        "position": DistributionPosition,
        "target": targets.Target,
        "gap": int,
        "on_target": bool,
        "attempts": policies.AttemptStatus,
        "board_odds": policies.BoardOutcomeOdds,
        "match_rate": rates.MatchRate,
        "specialty_match_rate": rates.SpecialtyMatchRate,
        "figures_group": ApplicantType,
    }


def _check_types(ev: Evaluation) -> None:
    """Every field has its declared type (``attrs.evolve`` and ``from_dict`` go through here too)."""
    for name, kind in _FIELD_TYPES.items():
        value = getattr(ev, name)
        if (isinstance(value, bool) and kind is int) or (isinstance(value, dt.datetime) and kind is dt.date):
            raise type_error(value, kind, field=name)
        check_instance(value, kind, field=name)
    for name, kind in _optional_types().items():
        value = getattr(ev, name)
        if value is not None:
            if isinstance(value, bool) and kind is int:
                raise type_error(value, kind, field=name)
            check_instance(value, kind, field=name)
    for name, kind in (
        ("comparisons", SpecialtyComparison),
        ("next_steps", NextStep),
        ("threshold_percentiles", PercentileRank),
    ):
        items = getattr(ev, name)
        check_instance(items, tuple, field=name)
        for index, item in enumerate(items):
            check_instance(item, kind, field=f"{name}[{index}]")


def _check_consistent(ev: Evaluation) -> None:
    """Every derived field agrees with the inputs it is derived from; a result can never contradict itself."""
    score = ev.score.value
    benchmark, target = ev.benchmark, ev.target
    checks = [  # (field, the rule in words, whether it holds)
        (
            "benchmark",
            "present exactly when the profile names a specialty, and that specialty's row",
            (benchmark is None and ev.profile.specialty is None)
            or (benchmark is not None and benchmark.specialty == ev.profile.specialty),
        ),
        ("edition", "the benchmark's edition", benchmark is None or benchmark.edition == ev.edition),
        (
            "figures_group",
            "the group of the benchmark's figures",
            benchmark is None or benchmark.group is ev.figures_group,
        ),
        (
            "target",
            "present only with a benchmark (always, unless its cell is suppressed), set for the evaluation's profile",
            (target is None or (benchmark is not None and target.profile == ev.profile))
            and (benchmark is None or target is not None or benchmark.suppressed),
        ),
    ]
    if target is not None and benchmark is not None:
        checks += _target_checks(ev, target, benchmark)
    for name, rule, holds in checks:
        if not holds:
            msg = f"evaluation is inconsistent: {name} must be {rule}, got {shown(getattr(ev, name))}"
            raise InvalidValueError(msg)
    gap = None if target is None else rules.gap(score, target.low)
    expected: dict[str, object] = {
        "passed": ev.standard.passes(ev.score),
        "margin": ev.standard.margin(ev.score),
        "tier": tier_of(ev.score, standard=ev.standard, scheme=ev.tier_scheme),
        "gap": gap,
        "on_target": None if gap is None else rules.on_target(gap),
        "position": None if benchmark is None else position_in(benchmark, score),
        "board_odds": _board_odds(score, benchmark),
        "score_band.score": score,
        "close_to_standard": ev.score_band.straddles(ev.standard.minimum),
        "match_rate": None if benchmark is None or not ev.passed else _band_rate(benchmark, score),
        "specialty_match_rate": None if benchmark is None else _group_rate(benchmark),
    }
    for index, row in enumerate(ev.comparisons):
        expected[f"comparisons[{index}].difference"] = rules.margin(score, row.value)
    if ev.attempts is not None:
        expected["attempts.remaining"] = rules.attempts_left(ev.attempts.used, ev.attempts.policy.limit)
    reached, figures = _at_or_above_median(ev.comparisons, ev.figures_group)
    expected["next_steps"] = next_steps(
        ev.tier,
        attempts=ev.attempts,
        gap=gap,
        specialty=ev.profile.specialty,
        applicant=ev.profile.applicant,
        at_or_above_median=reached,
        figures=figures,
    )
    for name, want in expected.items():
        got = _field(ev, name)
        if got != want:
            msg = f"evaluation is inconsistent: {name} must be {shown(want)} for score {score}, got {shown(got)}"
            raise InvalidValueError(msg)
    _check_percentiles(ev)
    _check_comparisons(ev)


def _target_checks(
    ev: Evaluation, target: targets.Target, benchmark: SpecialtyBenchmark
) -> list[tuple[str, str, bool]]:
    """The rules a stored target must keep: it cannot be edited into a contradiction.

    Its basis follows from the benchmark and the applicant, its base is a figure of the row that
    basis reads, it adds no buffer to the applicant's own group's figures, and its percentile
    ranks are its ends' in the cohort of the evaluation's percentile.
    """
    basis, kind = target.basis, ev.profile.applicant
    if benchmark.suppressed:
        expected = targets.TargetBasis.SUPPRESSED
    elif benchmark.group is None:
        expected = targets.TargetBasis.UNSTATED_GROUP
    else:
        expected = targets.TargetBasis.OWN_GROUP if benchmark.group is kind else targets.TargetBasis.OTHER_GROUP
    falls_back = basis is targets.TargetBasis.SUPPRESSED or (
        basis is targets.TargetBasis.ARTICLE_RULE and benchmark.group not in {None, ApplicantType.US_MD_SENIOR}
    )
    row = (_reference(benchmark) if falls_back else benchmark) or benchmark
    base, buffer = target.parts[0], target.parts[1] if len(target.parts) > 1 else None
    packaged = _packaged_norms().get((ev.percentile.cohort, ev.percentile.source))
    ranks = (target.low_percentile, target.high_percentile)
    return [
        (
            "target",
            f"of basis {expected.value!r} (or 'article-rule') for this benchmark",
            basis in {expected, "article-rule"},
        ),
        (
            "target",
            f"built on a figure of {row.who} in {row.specialty} (its mean or median, Q1 or Q3)",
            base.low == base.high and base.low in {row.value, row.q1, row.q3},
        ),
        (
            "target",
            "without a buffer where its figures are the applicant's own group's",
            row.group is not kind or buffer is None or (buffer.low, buffer.high) == (0, 0),
        ),
        (
            "target",
            "with the percentile ranks of its ends in the cohort of percentile",
            all(rank.cohort == ev.percentile.cohort for rank in ranks)
            and (packaged is None or ranks == (packaged.percentile(target.low), packaged.percentile(target.high))),
        ),
    ]


def _check_percentiles(ev: Evaluation) -> None:
    """The percentile lies within the band the score band implies, in the same cohort."""
    rank, band = ev.percentile, ev.percentile_band
    packaged = _packaged_norms().get((rank.cohort, rank.source))
    if packaged is not None and packaged.percentile(ev.score) != rank:
        msg = (
            f"evaluation is inconsistent: percentile must be the packaged norms' rank of {ev.score.value} "
            f"in {bounded_repr(rank.cohort)}, {packaged.percentile(ev.score).value:g}, got {rank.value:g}"
        )
        raise InvalidValueError(msg)
    thresholds = (ev.tier_scheme.competitive, ev.tier_scheme.exceptional)
    if any(r.cohort != rank.cohort or r.source != rank.source for r in ev.threshold_percentiles) or (
        packaged is not None and tuple(packaged.percentile(t) for t in thresholds) != ev.threshold_percentiles
    ):
        msg = (
            "evaluation is inconsistent: threshold_percentiles must be the ranks of the tier thresholds "
            f"{thresholds} in the cohort of percentile"
        )
        raise InvalidValueError(msg)
    if rank.cohort != band.cohort or not band.low.value <= rank.value <= band.high.value:
        msg = (
            "evaluation is inconsistent: percentile must lie within percentile_band in the same cohort, "
            f"got {rank.value:g} and {band.low.value:g} to {band.high.value:g}"
        )
        raise InvalidValueError(msg)


@functools.cache
def _packaged_norms() -> dict[tuple[str, Source], NormTable | NormalApproximation]:
    """The packaged norm tables and normal approximations, by the cohort and source their ranks name."""
    found: dict[tuple[str, Source], NormTable | NormalApproximation] = {}
    every: list[NormTable | NormalApproximation] = [*norm_tables(), *normal_approximations()]
    for norms in every:
        rank = norms.percentile(SCALE_MIN)
        found[(rank.cohort, rank.source)] = norms
    return found


def _check_comparisons(ev: Evaluation) -> None:
    """The comparison with every specialty holds together.

    For a packaged edition it is every row of that edition; for a user's edition, one row per
    specialty, most demanding first, its own specialty's row matching the benchmark.
    """
    rows = ev.comparisons
    packaged = {edition.name: edition for edition in benchmark_editions()}
    if ev.edition in packaged:
        if packaged[ev.edition].group is not ev.figures_group:
            msg = f"evaluation is inconsistent: figures_group must be the group of {bounded_repr(ev.edition)}"
            raise InvalidValueError(msg)
        want = compare_with_edition(ev.score.value, packaged[ev.edition])
        if rows != want:
            msg = (
                "evaluation is inconsistent: comparisons must be every "
                f"row of {bounded_repr(ev.edition)}, most demanding first"
            )
            raise InvalidValueError(msg)
        return
    names = [row.specialty for row in rows]
    ordered = [row.value for row in rows] == sorted((row.value for row in rows), reverse=True)
    mine = [row for row in rows if ev.benchmark is not None and row.specialty == ev.benchmark.specialty]
    agrees = all(row.value == ev.benchmark.value for row in mine) if ev.benchmark is not None else True
    if not rows or len(set(names)) != len(names) or not ordered or not agrees:
        msg = (
            "evaluation is inconsistent: comparisons must name each specialty once, most demanding first, "
            "with the benchmark's own value"
        )
        raise InvalidValueError(msg)


def _field(ev: Evaluation, dotted: str) -> object:
    if dotted.startswith("comparisons["):
        index = int(dotted[len("comparisons[") : dotted.index("]")])
        return ev.comparisons[index].difference
    value: object = ev
    for part in dotted.split("."):
        value = getattr(value, part)
    return value
