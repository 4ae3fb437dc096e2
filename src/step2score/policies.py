"""Rules around the score: the attempt limit, the licensure window, board-outcome odds.

Each figure carries its source; the board-outcome study's real scope (one
internal-medicine program, the ABIM exam) travels with it.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from step2score import rules
from step2score._data import packaged_table
from step2score._validate import (
    SCALE_MAX,
    SCALE_MIN,
    as_date,
    as_real,
    check_instance,
    check_int_range,
    field_repr,
    finite,
    flag,
    instance_of,
    named_fields,
    positive,
    text_field,
)
from step2score.errors import InvalidValueError, NoPolicyError
from step2score.sources import Source

__all__ = [
    "BOARD_STUDY_SPECIALTY",
    "AttemptPolicy",
    "AttemptStatus",
    "BoardOutcomeOdds",
    "BoardOutcomeStudy",
    "LicensureWindow",
    "attempt_policies",
    "attempt_policy_on",
    "attempt_status",
    "board_outcome_study",
    "common_licensure_window",
    "licensure_deadline",
]


#: The one specialty the board-outcome study speaks for; its odds are shown for no other.
BOARD_STUDY_SPECIALTY = "Internal Medicine"


def _limit(value: object) -> int:
    return check_int_range(value, field="limit", low=1, high=100)


def _applies_from(value: object) -> dt.date:
    return as_date(value, field="applies_from")


@attrs.frozen
class AttemptPolicy:
    """How many attempts at a Step are allowed, for applications from a date on.

    Attributes:
        limit: Attempts allowed per Step; incomplete attempts count when ``counts_incomplete``.
        applies_from: The first application date the limit applies to.
        source: Where the rule was read.
        counts_incomplete: Whether incomplete attempts count towards the limit.

    >>> attempt_policy_on("2025-01-15").limit
    4
    >>> attempt_policy_on("2020-01-15").limit
    6
    """

    __repr__ = field_repr

    limit: int = attrs.field(converter=_limit)
    applies_from: dt.date = attrs.field(converter=_applies_from)
    source: Source = attrs.field(validator=instance_of(Source))
    counts_incomplete: bool = attrs.field(default=True, kw_only=True, validator=flag)


@functools.cache
def attempt_policies() -> tuple[AttemptPolicy, ...]:
    """The packaged attempt limits, oldest first: 6 from 2012-01-01, 4 from 2021-07-01."""
    return tuple(
        AttemptPolicy(
            row.read("limit", int),
            row.read("applies_from", dt.date.fromisoformat),
            row.source(),
            counts_incomplete=row.text("counts_incomplete") == "yes",
        )
        for row in packaged_table("attempt_policies.csv", ("limit", "applies_from", "counts_incomplete"))
    )


def attempt_policy_on(applying_on: dt.date | str, /) -> AttemptPolicy:
    """The attempt limit in force for an application made on ``applying_on``.

    Raises:
        NoPolicyError: The date is before the first known attempt limit (2012-01-01).

    >>> attempt_policy_on("2021-07-01").limit, attempt_policy_on("2021-06-30").limit
    (4, 6)
    """
    day = as_date(applying_on, field="applying_on")
    found = [policy for policy in attempt_policies() if policy.applies_from <= day]
    if not found:
        first = attempt_policies()[0].applies_from
        msg = f"no attempt limit is known for applications made on {day.isoformat()}: the earliest applies from {first}"
        raise NoPolicyError(msg, field="applying_on", value=day.isoformat(), rule=f"on or after {first}")
    return found[-1]


#: The most attempts an examinee can have used: far above any limit USMLE or ECFMG has set (4, then 6).
MOST_ATTEMPTS = 99


def _used(value: object) -> int:
    return check_int_range(value, field="used", low=0, high=MOST_ATTEMPTS)


def _remaining(value: object) -> int:
    return check_int_range(value, field="remaining", low=0, high=MOST_ATTEMPTS)


@attrs.frozen
class AttemptStatus:
    """Attempts used and left under an attempt policy.

    Attributes:
        used: Attempts already made (incomplete ones included).
        remaining: Attempts left; never negative, never above the limit.
        policy: The limit applied.

    >>> status = attempt_status(4, applying_on="2025-01-10")
    >>> status.remaining, status.eligible
    (0, False)
    """

    __repr__ = field_repr

    used: int = attrs.field(converter=_used)
    remaining: int = attrs.field(converter=_remaining)
    policy: AttemptPolicy = attrs.field(validator=instance_of(AttemptPolicy))

    def __attrs_post_init__(self) -> None:
        want = rules.attempts_left(self.used, self.policy.limit)
        if self.remaining != want:
            msg = (
                f"remaining must be the limit {self.policy.limit} less the {self.used} used (never below 0), "
                f"{want}, got {self.remaining}"
            )
            raise InvalidValueError(msg, field="remaining", value=self.remaining, rule="limit - used, at least 0")

    @property
    def eligible(self) -> bool:
        """Whether another attempt is allowed."""
        return self.remaining > 0


def attempt_status(
    used: int, /, *, policy: AttemptPolicy | None = None, applying_on: dt.date | str | None = None
) -> AttemptStatus:
    """Attempts left after ``used`` attempts.

    Args:
        used: Attempts already made at this Step, incomplete ones included.
        policy: The limit to apply; by default the one in force on ``applying_on``.
        applying_on: The date of the next application; today by default.

    Raises:
        InvalidValueError: ``used`` is negative or not an integer.
        InvalidTypeError: ``used`` is not a number.

    >>> status = attempt_status(1, applying_on="2026-01-10")
    >>> status.remaining, status.eligible, status.policy.limit
    (3, True, 4)
    """
    count = check_int_range(used, field="attempts_used", low=0, high=MOST_ATTEMPTS)
    if policy is None:
        day = dt.date.today() if applying_on is None else applying_on  # noqa: DTZ011 - a calendar day
        policy = attempt_policy_on(day)
    else:
        check_instance(policy, AttemptPolicy, field="policy")
    return AttemptStatus(count, rules.attempts_left(count, policy.limit), policy)


def _first_passed(value: object) -> dt.date:
    return as_date(value, field="first_passed")


def _window_years(value: object) -> int | None:
    return None if value is None else check_int_range(value, field="years", low=1, high=50)


def _deadline(value: object) -> dt.date | None:
    return None if value is None else as_date(value, field="deadline")


def _window_end(start: dt.date, span: int) -> dt.date:
    """``span`` years after ``start`` (a 29 February start ends on 28 February when the final year has no 29th)."""
    year = start.year + span
    if year > dt.MAXYEAR:
        msg = f"first_passed must leave room for a {span}-year window before the year {dt.MAXYEAR}, got {start}"
        raise InvalidValueError(msg, field="first_passed", value=start, rule=f"a date before {dt.MAXYEAR - span + 1}")
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February into a year without one
        return dt.date(year, 2, 28)


@attrs.frozen
class LicensureWindow:
    """The date by which all Steps must be passed, counted from the first Step passed.

    Attributes:
        first_passed: When the first Step was passed.
        years: The window in years (``None`` where the board sets no limit).
        deadline: The last day, or ``None`` with no limit. A 29 February start ends on
            28 February when the final year has no 29th.
        source: Where the rule was read. Windows are set by each state board, not by USMLE.

    >>> window = licensure_deadline("2024-06-01")
    >>> window.years, window.deadline
    (7, datetime.date(2031, 6, 1))
    """

    __repr__ = field_repr

    first_passed: dt.date = attrs.field(converter=_first_passed)
    years: int | None = attrs.field(converter=_window_years)
    deadline: dt.date | None = attrs.field(converter=_deadline)
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        """The deadline is the window's end: none without a window, else ``years`` after ``first_passed``."""
        expected = None if self.years is None else _window_end(self.first_passed, self.years)
        if self.deadline != expected:
            rule = "years after first_passed (none when years is None)"
            got = f"first_passed={self.first_passed}, years={self.years!r}, deadline={self.deadline}"
            msg = f"deadline must be {rule}, {expected}, got {got}"
            raise InvalidValueError(msg, field="deadline", value=self.deadline, rule=rule)


@functools.cache
def common_licensure_window() -> tuple[int, Source]:
    """The packaged common window in years (7) and its source.

    >>> years, source = common_licensure_window()
    >>> years, source.confidence.value
    (7, 'secondary')
    """
    (row,) = [row for row in packaged_table("licensure.csv", ("rule", "years")) if row.text("rule") == "common-window"]
    return row.read("years", int), row.source()


def licensure_deadline(first_passed: dt.date | str, /, *, years: int | None = 7) -> LicensureWindow:
    """The date by which all Steps must be passed.

    The window is set by each state board, not by USMLE: commonly 7 years (the
    default), some 10 (often for MD/PhD), some none (pass ``years=None``).

    >>> licensure_deadline("2024-02-29").deadline
    datetime.date(2031, 2, 28)
    >>> licensure_deadline("2023-06-01", years=10).deadline
    datetime.date(2033, 6, 1)
    """
    start = as_date(first_passed, field="first_passed")
    _, source = common_licensure_window()
    if years is None:
        return LicensureWindow(start, None, None, source)
    span = check_int_range(years, field="years", low=1, high=50)
    return LicensureWindow(start, span, _window_end(start, span), source)


#: The widest score difference on the scale (300 - 1).
_SPAN = SCALE_MAX - SCALE_MIN


def _per_points(value: object) -> int:
    return check_int_range(value, field="per_points", low=1, high=_SPAN)


def _check_interval(odds_ratio: float, ci_low: float, ci_high: float) -> None:
    """An odds ratio lies within its 95% interval (the study's, or the one scaled from it)."""
    if not ci_low <= odds_ratio <= ci_high:
        rule = "ci_low <= odds_ratio <= ci_high"
        got = f"ci_low={ci_low!r}, odds_ratio={odds_ratio!r}, ci_high={ci_high!r}"
        msg = f"the odds ratio must lie in its interval ({rule}), got {got}"
        raise InvalidValueError(msg, field="odds_ratio", value=odds_ratio, rule=rule)


@attrs.frozen(field_transformer=named_fields)
class BoardOutcomeStudy:
    """An odds ratio of passing a board exam per so many Step 2 CK points, with its scope.

    Attributes:
        exam: The board exam the study measured.
        per_points: The score difference the odds ratio is for.
        odds_ratio: The odds ratio per ``per_points``.
        ci_low: The 95% confidence interval's low end.
        ci_high: Its high end.
        source: The study, whose note states its real scope.

    >>> study = board_outcome_study()
    >>> study.odds_ratio, study.per_points, study.source.confidence.value
    (2.31, 10, 'official')
    """

    __repr__ = field_repr

    exam: str = attrs.field(validator=text_field)
    per_points: int = attrs.field(converter=_per_points)
    odds_ratio: float = attrs.field(converter=positive)
    ci_low: float = attrs.field(converter=positive)
    ci_high: float = attrs.field(converter=positive)
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        _check_interval(self.odds_ratio, self.ci_low, self.ci_high)

    def odds_for(self, points: float, /) -> BoardOutcomeOdds:
        """The odds ratio for a difference of ``points``, scaled log-linearly from the study's.

        >>> odds = board_outcome_study().odds_for(10)
        >>> odds.odds_ratio, odds.ci_low, odds.ci_high
        (2.31, 1.33, 4.01)
        >>> round(board_outcome_study().odds_for(-5).odds_ratio, 3)
        0.658
        """
        difference = as_real(points, field="points")
        if abs(difference) > _SPAN:
            msg = f"points must be a score difference from -{_SPAN} to {_SPAN}, got {difference:g}"
            raise InvalidValueError(msg, field="points", value=difference, rule=f"from -{_SPAN} to {_SPAN}")
        scale = difference / self.per_points
        low, high = sorted((self.ci_low**scale, self.ci_high**scale))
        return BoardOutcomeOdds(difference, self.odds_ratio**scale, low, high, self)


@attrs.frozen(field_transformer=named_fields)
class BoardOutcomeOdds:
    """The odds ratio of passing a board exam for a given Step 2 CK difference.

    Scaling the study's per-10-point ratio to other differences assumes the
    log-odds are linear in the score, as the study's logistic model does.

    Attributes:
        points: The Step 2 CK difference.
        odds_ratio: The odds ratio for that difference.
        ci_low: The 95% interval's low end, scaled alike.
        ci_high: Its high end.
        study: The study the figures come from.

    >>> odds = board_outcome_study().odds_for(20)
    >>> round(odds.odds_ratio, 4), odds.study.exam
    (5.3361, 'ABIM Certifying Exam')
    """

    __repr__ = field_repr

    points: float = attrs.field(converter=finite)
    odds_ratio: float = attrs.field(converter=positive)
    ci_low: float = attrs.field(converter=positive)
    ci_high: float = attrs.field(converter=positive)
    study: BoardOutcomeStudy = attrs.field(validator=instance_of(BoardOutcomeStudy))

    def __attrs_post_init__(self) -> None:
        """The interval is in order and holds the odds ratio."""
        _check_interval(self.odds_ratio, self.ci_low, self.ci_high)


@functools.cache
def board_outcome_study() -> BoardOutcomeStudy:
    """Rayamajhi et al. 2020: ABIM certifying exam, odds ratio 2.31 per 10 points (95% CI 1.33 to 4.01).

    Scope: one internal-medicine program, 114 residents, 2004-2017, the ABIM exam only.
    """
    (row,) = packaged_table("board_outcomes.csv", ("exam", "per_points", "odds_ratio", "ci_low", "ci_high"))
    return BoardOutcomeStudy(
        row.text("exam"),
        row.read("per_points", int),
        row.read("odds_ratio", float),
        row.read("ci_low", float),
        row.read("ci_high", float),
        row.source(),
    )
