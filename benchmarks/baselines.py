"""Fair hand-written baselines: the same information as the library's calls, written tight.

Each function here computes what one library call returns, in plain Python (the scalar
calls) or numpy/pandas (``evaluate_frame``), the way a competent engineer would write it
for a script: every figure comes from step2score's packaged data, read once into plain
tables by :func:`tables` (lists, dicts and numpy arrays), and nothing is validated.

Each applicant is measured against their own group's edition (U.S. MD seniors', or
non-U.S. IMGs'; U.S. MD seniors' for a group without one), as the library does; a
suppressed cell is left out of the comparisons and its target falls back on U.S. MD
seniors' row of the specialty, with the applicant's buffer.

Each baseline is checked equal to the library's output, by ``tests/test_perf_baselines.py``
on small inputs and by ``benchmarks/run_all.py`` before it times anything, through the
``*_view`` functions below, which read the same information out of the library's result.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from step2score import (
    THIN_CELL,
    ApplicantType,
    ProgramTier,
    TargetBasis,
    attempt_policies,
    board_outcome_study,
    default_norm_table,
    default_sem,
    default_standards,
    default_target_policy,
    default_tier_scheme,
    edition_for,
    match_rates,
    specialty_aliases,
    specialty_match_rates,
)

if TYPE_CHECKING:
    from step2score import Evaluation

TIER_NAMES = ("fail", "pass", "competitive", "exceptional")
QUARTILE_LABELS = ("below Q1", "between Q1 and the median", "between the median and Q3", "at or above Q3")
US_MD = ApplicantType.US_MD_SENIOR.value
_NOT_KEY = re.compile("[^a-z0-9]")

#: A specialty's row of an edition: (name, statistic, value, q1, q3, not-matched median, the group's match rate in
#: the specialty as (percent, matched, preferred)); value, q1 and q3 are None where the cell is suppressed.
Row = tuple[str, str, int | None, int | None, int | None, int | None, tuple[float, int, int] | None, bool]


def normalise(name: str) -> str:
    """A specialty name as its lookup key: lower case, ``&`` as ``and``, letters and digits only."""
    return _NOT_KEY.sub("", name.casefold().replace("&", "and"))


class Edition(NamedTuple):
    """One benchmark edition as plain tables."""

    name: str
    group: str  # whose figures: an applicant type
    rows: dict[str, Row]  # spelling key -> row
    order: list[tuple[str, int, int | None, int | None, bool]]  # most demanding first: (name, value, q1, q3, thin)
    lowest: int  # the lowest central figure: a score reaching it reaches some specialty's median


class Tables(NamedTuple):
    """The packaged figures as plain tables, read once."""

    starts: list[dt.date]  # dated passing standards: first test date ...
    minimums: list[int]  # ... and minimum
    competitive: int
    exceptional: int
    cohort: str
    percentile: list[float]  # per score 0..300 (index 0 unused)
    method: list[str]
    band_low: list[int]
    band_high: list[int]
    editions: dict[str, Edition]  # applicant type -> the edition it is measured against
    reference: dict[str, tuple[int, int | None, int | None]]  # name -> U.S. MD seniors' (value, q1, q3)
    canonical: dict[str, str]  # spelling key -> canonical specialty name
    rates: dict[str, list[tuple[int, int, str, int | None, int]]]  # name -> (low, high, band, percent, seniors)
    point: dict[str | None, int]  # program tier -> index into (q1, value, q3); None -> 1
    buffer: dict[str, tuple[int, int]]  # applicant type -> points, where the figures are not its own group's
    bases: list[str]  # the target bases, in the library's order
    applicants: dict[str, str]  # spelling -> applicant type
    program_tiers: dict[str, str]  # spelling -> program tier
    policy_starts: list[dt.date]
    policy_limits: list[int]
    odds_ratio: float
    per_points: int
    board_specialty: str


def _rank(points: list[tuple[int, float]], score: int) -> tuple[float, str]:
    scores = [s for s, _ in points]
    above = bisect.bisect_left(scores, score)
    if above < len(scores) and scores[above] == score:
        return points[above][1], "exact"
    if above in (0, len(scores)):
        return (points[0] if above == 0 else points[-1])[1], "clamped"
    (s0, p0), (s1, p1) = points[above - 1], points[above]
    return p0 + (p1 - p0) * (score - s0) / (s1 - s0), "interpolated"


def _edition(kind: ApplicantType, group_rates: dict[tuple[str, str], tuple[float, int, int]]) -> Edition:
    """The edition an applicant type is measured against, as plain tables."""
    edition = edition_for(kind)
    group = (edition.group or kind).value
    rows: dict[str, Row] = {}
    for b in edition:
        rate = group_rates.get((group, b.specialty))
        thin = b.matched_n is not None and b.matched_n < THIN_CELL
        row = (b.specialty, b.statistic.value, b.value, b.q1, b.q3, b.not_matched_median, rate, thin)
        rows[normalise(b.specialty)] = row
        for alias in specialty_aliases().get(b.specialty, ()):
            rows[normalise(alias)] = row
    shown = sorted((b for b in edition if b.value is not None), key=lambda b: (-(b.value or 0), b.specialty))
    return Edition(
        name=edition.name,
        group=group,
        rows=rows,
        order=[
            (b.specialty, b.value or 0, b.q1, b.q3, b.matched_n is not None and b.matched_n < THIN_CELL) for b in shown
        ],
        lowest=min(b.value or 0 for b in shown),
    )


@functools.cache
def tables() -> Tables:
    """Read the packaged figures into plain tables (once)."""
    dated = [s for s in default_standards() if s.in_force_from is not None]
    norms = default_norm_table()
    points = list(norms.points)
    ranks = [(0.0, "")] + [_rank(points, s) for s in range(1, 301)]
    sem = default_sem().points
    group_rates = {(r.group.value, r.specialty): (r.percent, r.matched, r.preferred) for r in specialty_match_rates()}
    editions = {kind.value: _edition(kind, group_rates) for kind in ApplicantType}
    rates: dict[str, list[tuple[int, int, str, int | None, int]]] = {}
    canonical = {normalise(n): n for n in specialty_aliases()}
    for alias_of, aliases in specialty_aliases().items():
        canonical |= {normalise(a): alias_of for a in aliases}
    for r in match_rates():
        name = canonical[normalise(r.specialty)]
        rates.setdefault(name, []).append((r.band_low, r.band_high, r.band, r.percent, r.seniors))
    policy = default_target_policy()
    index = {"Q1": 0, "median": 1, "Q3": 2}
    point: dict[str | None, int] = {None: 1}
    point |= {t.value: index[policy.point_for(t).label] for t in ProgramTier}
    buffer = {a.value: (policy.img_buffer if a.is_img else (0, 0)) for a in ApplicantType}
    buffer[ApplicantType.US_DO_SENIOR.value] = policy.do_buffer
    spellings = ("us-md", "md", "do", "us-do", "img", "us-img", "non-us-img", "US IMG", "Non-US IMG")
    study = board_outcome_study()
    return Tables(
        starts=[s.in_force_from for s in dated if s.in_force_from is not None],
        minimums=[s.minimum for s in dated],
        competitive=default_tier_scheme().competitive,
        exceptional=default_tier_scheme().exceptional,
        cohort=norms.cohort,
        percentile=[p for p, _ in ranks],
        method=[m for _, m in ranks],
        band_low=[0] + [max(1, math.floor(s - sem)) for s in range(1, 301)],
        band_high=[0] + [min(300, math.ceil(s + sem)) for s in range(1, 301)],
        editions=editions,
        reference={b.specialty: (b.value, b.q1, b.q3) for b in edition_for(US_MD) if b.value is not None},
        canonical=canonical,
        rates=rates,
        point=point,
        buffer=buffer,
        bases=[b.value for b in TargetBasis],
        applicants={s: ApplicantType.parse(s).value for s in spellings},
        program_tiers={t.value: t.value for t in ProgramTier},
        policy_starts=[p.applies_from for p in attempt_policies()],
        policy_limits=[p.limit for p in attempt_policies()],
        odds_ratio=study.odds_ratio,
        per_points=study.per_points,
        board_specialty="Internal Medicine",
    )


# ---------------------------------------------------------------------------------------------------------------
# One score


def _quartile(score: int, q1: int | None, median: int | None, q3: int | None) -> int | None:
    if q1 is None or q3 is None or median is None:
        return None
    return (score >= q1) + (score >= median) + (score >= q3)


def _steps(tier: int, remaining: int | None, gap: int | None, reaches: bool) -> tuple[str, ...]:  # noqa: FBT001 - positional, as the hot path calls it
    """The advice codes (the applicant type is always known to ``evaluate``).

    ``reaches``: the score reaches the matched median of some specialty of the edition used.
    """
    if tier == 0:
        if remaining is None or remaining > 0:
            return ("attempts-left", "repeater-pass-rate", "change-approach", "transcript")
        return ("no-attempts-left", "where-to-turn")
    head: tuple[str, ...] = ("application",) if tier == 1 else (TIER_NAMES[tier],)
    if reaches:
        head = (*head, "at-or-above-median")
    if gap is None:
        return head
    return (*head, "below-target" if gap > 0 else "on-target")


def _head(score: int, taken_on: dt.date, edition: Edition, t: Tables) -> tuple[tuple[Any, ...], int]:
    """What every call returns (pass, margin, tier, percentile and bands, figures, comparisons), and the tier rank."""
    minimum = t.minimums[bisect.bisect_right(t.starts, taken_on) - 1]
    passed = score >= minimum
    tier = passed * (1 + (score >= t.competitive) + (score >= t.exceptional))
    low, high = t.band_low[score], t.band_high[score]
    comparisons = tuple(
        (name, value, score - value, _quartile(score, q1, value, q3), thin)
        for name, value, q1, q3, thin in edition.order
    )
    return (
        passed,
        score - minimum,
        minimum,
        TIER_NAMES[tier],
        (t.percentile[t.competitive], t.percentile[t.exceptional]),
        t.percentile[score],
        t.method[score],
        t.cohort,
        low,
        high,
        t.percentile[low],
        t.percentile[high],
        low < minimum <= high,
        edition.name,
        edition.group,
        comparisons,
    ), tier


def _target(  # noqa: PLR0917 - a row's figures, the applicant type and the point the program tier aims at
    name: str, value: int | None, q1: int | None, q3: int | None, kind: str, group: str, point: int, t: Tables
) -> tuple[int, int, tuple[tuple[int, int], tuple[int, int]], bool, str, float, float] | None:
    """The target: (low, high, its parts, capped, basis, low's and high's percentile ranks), or None.

    Read from the applicant's own group's figures with no buffer; from another group's (or, for a
    suppressed cell, U.S. MD seniors' row of the specialty) with the applicant's buffer; none
    where a suppressed cell has no U.S. MD row to fall back on.
    """
    if value is None:
        reference = t.reference.get(name)
        if reference is None:
            return None
        (value, q1, q3), basis, buffer = reference, "suppressed", t.buffer[kind]
    elif group == kind:
        basis, buffer = "own-group", (0, 0)
    else:
        basis, buffer = "other-group", t.buffer[kind]
    base = value if q1 is None or q3 is None else (q1, value, q3)[point]
    low, high = base + buffer[0], base + buffer[1]
    kept_low, kept_high = min(max(low, 1), 300), min(max(high, 1), 300)
    return (
        kept_low,
        kept_high,
        ((base, base), buffer),
        (kept_low, kept_high) != (low, high),
        basis,
        t.percentile[kept_low],
        t.percentile[kept_high],
    )


def minimal_by_hand(score: int, taken_on: dt.date, t: Tables) -> tuple[Any, ...]:
    """``evaluate(score, taken_on=...)``: pass, margin, tier, percentile and bands, comparisons, advice."""
    edition = t.editions[US_MD]
    head, tier = _head(score, taken_on, edition, t)
    return (*head, _steps(tier, None, None, score >= edition.lowest))


def full_by_hand(  # noqa: PLR0917 - one argument per evaluate() keyword
    score: int,
    taken_on: dt.date,
    specialty: str,
    applicant: str,
    program_tier: str,
    attempts_used: int,
    applying_on: dt.date,
    t: Tables,
) -> tuple[Any, ...]:
    """``evaluate()`` with a specialty, applicant, program tier and attempts: everything it returns."""
    kind = t.applicants[applicant]
    edition = t.editions[kind]
    head, tier = _head(score, taken_on, edition, t)
    name, _, value, q1, q3, nm, group_rate, _ = edition.rows[normalise(specialty)]
    target = _target(name, value, q1, q3, kind, edition.group, t.point[t.program_tiers[program_tier]], t)
    gap = None if target is None else target[0] - score
    rate = None
    if edition.group == US_MD and head[0]:  # a band rate for a passing score only
        rate = next(((b, p, n) for lo, hi, b, p, n in t.rates.get(name, ()) if lo <= score <= hi), None)
    limit = t.policy_limits[bisect.bisect_right(t.policy_starts, applying_on) - 1]
    remaining = max(limit - attempts_used, 0)
    odds = t.odds_ratio ** ((score - value) / t.per_points) if name == t.board_specialty and value is not None else None
    return (
        *head,
        name,
        value,
        q1,
        q3,
        _quartile(score, q1, value, q3),
        None if nm is None or q1 is None else score - nm,
        rate,
        group_rate,
        target,
        gap,
        None if gap is None else gap <= 0,
        remaining,
        _steps(tier, remaining, gap, score >= edition.lowest),
        odds,
    )


def minimal_view(ev: Evaluation) -> tuple[Any, ...]:
    """The information :func:`minimal_by_hand` returns, read from an :class:`~step2score.Evaluation`."""
    return (
        ev.passed,
        ev.margin,
        ev.standard.minimum,
        ev.tier.value,
        tuple(rank.value for rank in ev.threshold_percentiles),
        ev.percentile.value,
        ev.percentile.method.value,
        ev.percentile.cohort,
        ev.score_band.low,
        ev.score_band.high,
        ev.percentile_band.low.value,
        ev.percentile_band.high.value,
        ev.close_to_standard,
        ev.edition,
        None if ev.figures_group is None else ev.figures_group.value,
        tuple(
            (c.specialty, c.value, c.difference, None if c.quartile is None else int(c.quartile), c.thin)
            for c in ev.comparisons
        ),
        tuple(step.code for step in ev.next_steps),
    )


def full_view(ev: Evaluation) -> tuple[Any, ...]:
    """The information :func:`full_by_hand` returns, read from an :class:`~step2score.Evaluation`."""
    b, target, rate, group_rate, attempts = ev.benchmark, ev.target, ev.match_rate, ev.specialty_match_rate, ev.attempts
    assert b is not None  # noqa: S101 - a full call has a benchmark and attempts
    assert attempts is not None  # noqa: S101
    position = ev.position
    return (
        *minimal_view(ev)[:-1],
        b.specialty,
        b.value,
        b.q1,
        b.q3,
        None if position is None else int(position.quartile),
        None if position is None else position.above_not_matched,
        None if rate is None else (rate.band, rate.percent, rate.seniors),
        None if group_rate is None else (group_rate.percent, group_rate.matched, group_rate.preferred),
        None
        if target is None
        else (
            target.low,
            target.high,
            tuple((part.low, part.high) for part in target.parts),
            target.capped,
            target.basis.value,
            target.low_percentile.value,
            target.high_percentile.value,
        ),
        ev.gap,
        ev.on_target,
        attempts.remaining,
        tuple(step.code for step in ev.next_steps),
        None if ev.board_odds is None else ev.board_odds.odds_ratio,
    )


# ---------------------------------------------------------------------------------------------------------------
# A whole frame


def _codes(column: pd.Series) -> tuple[np.ndarray[Any, Any], list[Any]]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.intp), list(column.cat.categories)
    codes, uniques = pd.factorize(column)
    return codes, list(uniques)


def _cat(codes: np.ndarray[Any, Any], names: list[str], *, ordered: bool = False) -> pd.Categorical[str]:
    return pd.Categorical.from_codes(codes, categories=pd.Index(names), ordered=ordered)


def _relabel(codes: np.ndarray[Any, Any], labels: list[str]) -> pd.Categorical[str]:
    """Codes into ``labels`` (one per code) as a categorical of the sorted distinct labels."""
    names = sorted(set(labels))
    recode = np.array([names.index(x) for x in labels], dtype=np.int8)
    return _cat(recode[codes], names)


def _present(codes: np.ndarray[Any, Any], labels: list[str | None]) -> pd.Categorical[str]:
    """Codes into ``labels`` (one per code; ``None`` is missing) as a categorical of the labels that occur."""
    seen = np.bincount(codes, minlength=len(labels)) > 0
    names = sorted({label for label, found in zip(labels, seen.tolist(), strict=True) if found and label is not None})
    recode = np.array([-1 if x is None or x not in names else names.index(x) for x in labels], dtype=np.int8)
    return _cat(recode[codes], names)


def _lacking(flags: list[bool], codes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Where a row lacks a value, from one flag per code."""
    return np.array(flags)[codes] if any(flags) else np.zeros(len(codes), dtype=bool)


@functools.cache
def _score_tables() -> dict[str, np.ndarray[Any, Any]]:
    t = tables()
    methods = sorted(set(t.method[1:]))
    return {
        "percentile": np.array(t.percentile),
        "method": np.array([0, *(methods.index(m) for m in t.method[1:])], dtype=np.int8),
        "methods": np.array(methods, dtype=object),
        "band_low": np.array(t.band_low, dtype=np.int64),
        "band_high": np.array(t.band_high, dtype=np.int64),
        "odds": np.array([t.odds_ratio ** (d / t.per_points) for d in range(-299, 300)]),
    }


def _advice_labels(gap_state: int, tier: int, alive: int | None, reaches: int) -> str:
    """The advice codes of a kind of row, joined as the frame joins them.

    Gap state: 0 no target, 1 below it, 2 on it; ``alive``: attempts left (1), none (0) or not known (None).
    """
    return "; ".join(_steps(tier, alive, None if gap_state == 0 else 2 - gap_state, bool(reaches)))


def frame_by_hand(  # noqa: PLR0915 - one column per line, like evaluate_frame
    frame: pd.DataFrame, *, fixed_date: dt.date | None = None, applying_on: dt.date | None = None
) -> pd.DataFrame:
    """``evaluate_frame``'s columns for a frame of scores and either a fixed date or per-row text columns.

    The per-row columns, when present, are ``taken_on`` (``YYYY-MM-DD``), ``specialty``,
    ``applicant``, ``program_tier`` (text or categorical, none missing) and ``attempts_used``
    (integers); without them every row is a U.S. MD senior with no specialty.
    """
    t, st = tables(), _score_tables()
    n = len(frame)
    score = frame["score"].to_numpy(np.int64, copy=True)  # each output column owns its memory, as the library's
    ints, bools, floats = pd.arrays.IntegerArray, pd.arrays.BooleanArray, pd.arrays.FloatingArray
    none = np.zeros(n, dtype=bool)
    if fixed_date is not None:
        minimum: Any = t.minimums[bisect.bisect_right(t.starts, fixed_date) - 1]
        when = np.full(n, np.datetime64(fixed_date, "s"))
    else:
        codes, days = _codes(frame["taken_on"])
        parsed = [dt.date.fromisoformat(d) for d in days]
        minimum = np.array([t.minimums[bisect.bisect_right(t.starts, d) - 1] for d in parsed], dtype=np.int64)[codes]
        when = np.array(parsed, dtype="datetime64[s]")[codes]
    passed = score >= minimum
    tier = passed * (1 + (score >= t.competitive) + (score >= t.exceptional))
    low, high = st["band_low"][score], st["band_high"][score]
    out: dict[str, Any] = {
        "score": ints(score, none.copy()),
        "taken_on": when,
        "minimum": ints(np.broadcast_to(minimum, n).astype(np.int64), none.copy()),
        "passed": bools(passed, none.copy()),
        "margin": ints(score - minimum, none.copy()),
        "tier": _cat(tier, list(TIER_NAMES), ordered=True),
        "percentile": floats(st["percentile"][score], none.copy()),
        "percentile_method": _cat(st["method"][score], list(st["methods"])),
        "score_band_low": ints(low, none.copy()),
        "score_band_high": ints(high, none.copy()),
        "percentile_band_low": floats(st["percentile"][low], none.copy()),
        "percentile_band_high": floats(st["percentile"][high], none.copy()),
        "close_to_standard": bools((low < minimum) & (minimum <= high), none.copy()),
    }
    if fixed_date is not None:
        return _no_specialty(out, score, tier, none)
    s_codes, s_names = _codes(frame["specialty"])
    a_codes, a_names = _codes(frame["applicant"])
    p_codes, p_names = _codes(frame["program_tier"])
    kinds = [t.applicants[a] for a in a_names]
    editions = [t.editions[k] for k in kinds]
    tiers = [t.program_tiers[p] for p in p_names]
    # the row of each (specialty, applicant) in the applicant's edition, then spread over the rows (a pair no row
    # has, the library would refuse: it stands in as a row without figures)
    absent: Row = ("", "median", None, None, None, None, None, False)
    pairs = [(e.rows.get(normalise(s), absent), k, e) for s in s_names for k, e in zip(kinds, editions, strict=True)]
    pair = s_codes * len(kinds) + a_codes
    rows = [r for r, _, _ in pairs]
    # the target of each (specialty, applicant, program tier), then spread over the rows
    aims = [_target(r[0], r[2], r[3], r[4], k, e.group, t.point[p], t) for r, k, e in pairs for p in tiers]
    combo = pair * len(tiers) + p_codes
    no_target = [a is None for a in aims]
    target_low = np.array([0 if a is None else a[0] for a in aims], dtype=np.int64)[combo]
    target_high = np.array([0 if a is None else a[1] for a in aims], dtype=np.int64)[combo]
    capped = np.array([a is not None and a[3] for a in aims])[combo]
    basis = np.array([-1 if a is None else t.bases.index(a[4]) for a in aims], dtype=np.int8)[combo]
    low_rank = np.array([0.0 if a is None else a[5] for a in aims])[combo]
    high_rank = np.array([0.0 if a is None else a[6] for a in aims])[combo]
    value = np.array([r[2] or 0 for r in rows], dtype=np.int64)[pair]
    q1 = np.array([r[3] or 0 for r in rows], dtype=np.int64)[pair]
    q3 = np.array([r[4] or 0 for r in rows], dtype=np.int64)[pair]
    nm = np.array([r[5] or 0 for r in rows], dtype=np.int64)[pair]
    no_quartiles = [r[2] is None or r[3] is None or r[4] is None for r in rows]
    gap = target_low - score
    # attempts
    used = frame["attempts_used"].to_numpy(np.int64, copy=True)
    limit = t.policy_limits[bisect.bisect_right(t.policy_starts, applying_on or dt.date.today()) - 1]  # noqa: DTZ011
    remaining = np.maximum(limit - used, 0)
    # match rates by band (U.S. MD seniors' figures only): a (pair, score) table of indices into the flat list of rates
    flat: list[tuple[int, int, str, int | None, int]] = []
    lookup = np.full((len(pairs), 301), -1, dtype=np.int64)
    for i, (r, _, e) in enumerate(pairs):
        for rate in t.rates.get(r[0], ()) if e.group == US_MD else ():
            lookup[i, rate[0] : rate[1] + 1] = len(flat)
            flat.append(rate)
    which = np.where(passed, lookup[pair, score], -1)  # a band rate for a passing score only
    bands = sorted({r[2] for r in flat})
    band_code = np.array([bands.index(r[2]) for r in flat] + [-1], dtype=np.int8)[which]
    percent = np.array([r[3] or 0 for r in flat] + [0], dtype=np.int64)[which]
    has_percent = np.array([r[3] is not None for r in flat] + [False])[which]
    seniors = np.array([r[4] for r in flat] + [0], dtype=np.int64)[which]
    # the match rate of the figures' group in the specialty
    group_rates = [r[6] for r in rows]
    no_group_rate = [g is None for g in group_rates]
    in_study = np.array([r[0] == t.board_specialty and r[2] is not None for r in rows])[pair]
    odds = st["odds"][np.where(in_study, score - value, 0) + 299]
    # advice: once per kind of row (tier, attempts left or not, gap state, whether some matched median is reached)
    gap_state = 2 - (gap > 0)
    if any(no_target):
        gap_state[np.array(no_target)[combo]] = 0
    reaches = score >= np.array([e.lowest for e in editions], dtype=np.int64)[a_codes]
    kind_key = ((tier * 2 + (remaining > 0)) * 3 + gap_state) * 2 + reaches
    labels: list[str | None] = [_advice_labels(k // 2 % 3, k // 12, k // 6 % 2, k % 2) for k in range(48)]
    specialties = [t.canonical[normalise(s)] for s in s_names]
    out |= {
        "specialty": _relabel(s_codes, specialties),
        "applicant": _relabel(a_codes, kinds),
        "program_tier": _relabel(p_codes, tiers),
        "edition": _relabel(a_codes, [e.name for e in editions]),
        "figures_group": _relabel(a_codes, [e.group for e in editions]),
        "date_assumed": bools(none.copy(), none.copy()),
        "benchmark_statistic": _cat(
            np.array([["mean", "median"].index(r[1]) for r in rows], dtype=np.int8)[pair], ["mean", "median"]
        ),
        "benchmark_value": ints(value, _lacking([r[2] is None for r in rows], pair)),
        "benchmark_q1": ints(q1, _lacking(no_quartiles, pair)),
        "benchmark_q3": ints(q3, _lacking(no_quartiles, pair)),
        "benchmark_thin": bools(np.array([r[7] for r in rows])[pair], _lacking([not r[0] for r in rows], pair)),
        "position": _cat(
            np.where(
                _lacking(no_quartiles, pair), -1, (score >= q1).astype(np.int8) + (score >= value) + (score >= q3)
            ),
            list(QUARTILE_LABELS),
            ordered=True,
        ),
        "above_not_matched": ints(
            score - nm, _lacking([q or r[5] is None for q, r in zip(no_quartiles, rows, strict=True)], pair)
        ),
        "target_low": ints(target_low, _lacking(no_target, combo)),
        "target_high": ints(target_high, _lacking(no_target, combo)),
        "target_capped": bools(capped, _lacking(no_target, combo)),
        "target_basis": _cat(basis, t.bases),
        "target_low_percentile": floats(low_rank, _lacking(no_target, combo)),
        "target_high_percentile": floats(high_rank, _lacking(no_target, combo)),
        "gap": ints(gap, _lacking(no_target, combo)),
        "on_target": bools(gap <= 0, _lacking(no_target, combo)),
        "attempts_used": ints(used, none.copy()),
        "attempts_remaining": ints(remaining, none.copy()),
        "match_rate_band": _present(band_code.astype(np.intp) + 1, [None, *bands]),
        "match_rate_percent": ints(percent, ~has_percent),
        "match_rate_seniors": ints(seniors, which < 0),
        "specialty_match_rate_percent": floats(
            np.array([0.0 if g is None else g[0] for g in group_rates])[pair], _lacking(no_group_rate, pair)
        ),
        "specialty_match_rate_matched": ints(
            np.array([0 if g is None else g[1] for g in group_rates], dtype=np.int64)[pair],
            _lacking(no_group_rate, pair),
        ),
        "specialty_match_rate_preferred": ints(
            np.array([0 if g is None else g[2] for g in group_rates], dtype=np.int64)[pair],
            _lacking(no_group_rate, pair),
        ),
        "board_odds_ratio": floats(np.where(in_study, odds, 0.0), ~in_study),
        "next_steps": _present(kind_key, labels),
    }
    return pd.DataFrame(out, index=frame.index, copy=False)


def _no_specialty(
    out: dict[str, Any], score: np.ndarray[Any, Any], tier: np.ndarray[Any, Any], none: np.ndarray[Any, Any]
) -> pd.DataFrame:
    """The columns of rows with no specialty, applicant type U.S. MD senior, no attempts."""
    n = len(score)
    t = tables()
    edition = t.editions[US_MD]

    def zeros() -> np.ndarray[Any, Any]:
        return np.zeros(n, dtype=np.int64)

    def every() -> np.ndarray[Any, Any]:
        return np.ones(n, dtype=bool)

    reaches = score >= edition.lowest
    labels: list[str | None] = [_advice_labels(0, k // 2, None, k % 2) for k in range(8)]
    out |= {
        "specialty": _cat(np.full(n, -1, dtype=np.int8), []),
        "applicant": _cat(np.zeros(n, dtype=np.int8), [US_MD]),
        "program_tier": _cat(np.full(n, -1, dtype=np.int8), []),
        "edition": _cat(np.zeros(n, dtype=np.int8), [edition.name]),
        "figures_group": _cat(np.zeros(n, dtype=np.int8), [edition.group]),
        "date_assumed": pd.arrays.BooleanArray(none.copy(), none.copy()),
        "benchmark_statistic": _cat(np.full(n, -1, dtype=np.int8), ["mean", "median"]),
        **{
            name: pd.arrays.IntegerArray(zeros(), every())
            for name in ("benchmark_value", "benchmark_q1", "benchmark_q3")
        },
        "benchmark_thin": pd.arrays.BooleanArray(none.copy(), every()),
        "position": _cat(np.full(n, -1, dtype=np.int8), list(QUARTILE_LABELS), ordered=True),
        "above_not_matched": pd.arrays.IntegerArray(zeros(), every()),
        "target_low": pd.arrays.IntegerArray(zeros(), every()),
        "target_high": pd.arrays.IntegerArray(zeros(), every()),
        "target_capped": pd.arrays.BooleanArray(none.copy(), every()),
        "target_basis": _cat(np.full(n, -1, dtype=np.int8), t.bases),
        "target_low_percentile": pd.arrays.FloatingArray(np.zeros(n), every()),
        "target_high_percentile": pd.arrays.FloatingArray(np.zeros(n), every()),
        "gap": pd.arrays.IntegerArray(zeros(), every()),
        "on_target": pd.arrays.BooleanArray(none.copy(), every()),
        "attempts_used": pd.arrays.IntegerArray(zeros(), every()),
        "attempts_remaining": pd.arrays.IntegerArray(zeros(), every()),
        "match_rate_band": _cat(np.full(n, -1, dtype=np.int8), []),
        "match_rate_percent": pd.arrays.IntegerArray(zeros(), every()),
        "match_rate_seniors": pd.arrays.IntegerArray(zeros(), every()),
        "specialty_match_rate_percent": pd.arrays.FloatingArray(np.zeros(n), every()),
        "specialty_match_rate_matched": pd.arrays.IntegerArray(zeros(), every()),
        "specialty_match_rate_preferred": pd.arrays.IntegerArray(zeros(), every()),
        "board_odds_ratio": pd.arrays.FloatingArray(np.zeros(n), every()),
        "next_steps": _present(tier * 2 + reaches, labels),
    }
    return pd.DataFrame(out, copy=False)


def buffers(frame: pd.DataFrame) -> list[tuple[str, np.ndarray[Any, Any]]]:
    """The numpy buffers behind each column: values and mask of a masked array, codes of a categorical."""
    found: list[tuple[str, np.ndarray[Any, Any]]] = []
    for name in frame.columns:
        array = frame[name].array
        if isinstance(array, pd.Categorical):
            found.append((f"{name} codes", array._codes))  # type: ignore[attr-defined]  # the buffer, not a view
        elif hasattr(array, "_mask"):
            found += [(f"{name} values", array._data), (f"{name} mask", array._mask)]
        else:
            found.append((f"{name} values", np.asarray(array)))
    return found


def assert_owns_memory(out: pd.DataFrame, given: pd.DataFrame) -> None:
    """No two columns of ``out`` share a buffer, and none shares one with ``given``: writing one changes no other."""
    mine = buffers(out)
    theirs = [buffer for _, buffer in buffers(given[[n for n in given.columns if given[n].dtype != object]])]
    for index, (name, buffer) in enumerate(mine):
        if not buffer.size:
            continue
        for other, other_buffer in mine[index + 1 :]:
            assert not np.shares_memory(buffer, other_buffer), (name, other)  # noqa: S101
        for column in theirs:
            assert not np.shares_memory(buffer, column), name  # noqa: S101


def assert_same_frame(library: pd.DataFrame, baseline: pd.DataFrame) -> None:
    """The two frames hold the same columns, dtypes, values and missing values.

    A categorical column's categories are compared as a set unless it is ordered (their
    order in an unordered categorical carries no information).
    """
    assert list(library.columns) == list(baseline.columns), (list(library.columns), list(baseline.columns))  # noqa: S101
    pd.testing.assert_index_equal(library.index, baseline.index)
    for name in library.columns:
        left, right = library[name], baseline[name]
        if isinstance(left.dtype, pd.CategoricalDtype):
            assert isinstance(right.dtype, pd.CategoricalDtype), name  # noqa: S101
            assert left.cat.ordered == right.cat.ordered, name  # noqa: S101
            if left.cat.ordered:
                assert list(left.cat.categories) == list(right.cat.categories), name  # noqa: S101
            assert set(left.cat.categories) == set(right.cat.categories), name  # noqa: S101
            left, right = left.astype(object), right.astype(object)
        pd.testing.assert_series_equal(left, right, check_names=False, obj=name)


# ---------------------------------------------------------------------------------------------------------------
# Inputs: varied, from a fixed seed

SPECIALTY_SPELLINGS = (
    "derm",
    "Dermatology",
    "IM",
    "internal medicine",
    "Family Medicine",
    "FM",
    "peds",
    "Pediatrics",
    "psych",
    "Psychiatry",
    "OB/GYN",
    "Neurology",
    "ENT",
    "Otolaryngology",
    "Emergency Medicine",
    "EM",
    "Anesthesiology",
    "General Surgery",
    "Radiology",
    "Pathology",
    "PM&R",
    "Orthopaedic Surgery",
    "Neurological Surgery",
)
APPLICANT_SPELLINGS = ("us-md", "do", "img", "non-us-img", "us-img")
TIER_SPELLINGS = ("community", "academic", "top")
FIRST_DAY = dt.date(2023, 1, 1)
APPLYING_ON = dt.date(2025, 10, 1)


def _known_spellings() -> list[str]:
    """The specialty spellings every applicant type's edition has a row for."""
    editions = tables().editions.values()
    return [s for s in SPECIALTY_SPELLINGS if all(normalise(s) in e.rows for e in editions)]


def scalar_inputs(count: int, seed: int = 2026) -> list[tuple[int, dt.date, str, str, str, int]]:
    """Varied scalar calls: score, test date, specialty spelling, applicant, program tier, attempts used."""
    rng = np.random.default_rng(seed)
    known = _known_spellings()
    return [
        (
            int(np.clip(round(rng.normal(240, 18)), 1, 300)),
            FIRST_DAY + dt.timedelta(days=int(rng.integers(0, 1000))),
            known[int(rng.integers(len(known)))],
            APPLICANT_SPELLINGS[int(rng.integers(len(APPLICANT_SPELLINGS)))],
            TIER_SPELLINGS[int(rng.integers(len(TIER_SPELLINGS)))],
            int(rng.integers(1, 5)),
        )
        for _ in range(count)
    ]


def frame_inputs(rows: int, kind: str, seed: int = 2026) -> pd.DataFrame:
    """A class of ``rows`` students: ``"scores"`` only, or per-row ``"strings"`` or ``"categoricals"``."""
    rng = np.random.default_rng(seed)
    scores = np.clip(rng.normal(240, 18, rows).round(), 1, 300).astype(np.int64)
    if kind == "scores":
        return pd.DataFrame({"score": scores})
    days = np.array([(FIRST_DAY + dt.timedelta(days=d)).isoformat() for d in range(1000)], dtype=object)
    known = np.array(_known_spellings(), dtype=object)
    columns: dict[str, Any] = {
        "score": scores,
        "taken_on": days[rng.integers(0, len(days), rows)],
        "specialty": known[rng.integers(0, len(known), rows)],
        "applicant": np.array(APPLICANT_SPELLINGS, dtype=object)[rng.integers(0, len(APPLICANT_SPELLINGS), rows)],
        "program_tier": np.array(TIER_SPELLINGS, dtype=object)[rng.integers(0, len(TIER_SPELLINGS), rows)],
        "attempts_used": rng.integers(1, 5, rows),
    }
    frame = pd.DataFrame(columns)
    if kind == "categoricals":
        for name in ("taken_on", "specialty", "applicant", "program_tier"):
            frame[name] = frame[name].astype("category")
    return frame


#: evaluate_frame's keywords for the per-row columns of :func:`frame_inputs`.
FRAME_COLUMNS: dict[str, Any] = {
    "taken_on": "taken_on",
    "specialty": "specialty",
    "applicant": "applicant",
    "program_tier": "program_tier",
    "attempts_used": "attempts_used",
}


# ---------------------------------------------------------------------------------------------------------------
# A whole frame, in Polars


@functools.cache
def _polars_tables() -> dict[str, Any]:
    """The per-score, match-rate and odds tables as Polars frames, built once."""
    import polars as pl  # noqa: PLC0415 - only the Polars baseline needs it

    t, st = tables(), _score_tables()
    every = list(range(1, 301))
    per_score = pl.DataFrame(
        {
            "score": every,
            "percentile": [t.percentile[s] for s in every],
            "percentile_method": [t.method[s] for s in every],
            "score_band_low": [t.band_low[s] for s in every],
            "score_band_high": [t.band_high[s] for s in every],
            "percentile_band_low": [t.percentile[t.band_low[s]] for s in every],
            "percentile_band_high": [t.percentile[t.band_high[s]] for s in every],
        },
        schema_overrides={"score": pl.Int64, "percentile_method": pl.Categorical()},
    )
    rates = [
        (name, score, band, percent, seniors)
        for name, bands in t.rates.items()
        for low, high, band, percent, seniors in bands
        for score in range(low, high + 1)
    ]
    by_band = pl.DataFrame(
        rates,
        schema={
            "rate_specialty": pl.String,
            "score": pl.Int64,
            "match_rate_band": pl.Categorical(),
            "match_rate_percent": pl.Int64,
            "match_rate_seniors": pl.Int64,
        },
        orient="row",
    )
    odds = pl.DataFrame({"difference": list(range(-299, 300)), "board_odds_ratio": st["odds"].tolist()})
    return {"per_score": per_score, "by_band": by_band, "odds": odds}


def _profile_row(s: str | None, a: str, p: str | None, t: Tables) -> dict[str, Any]:
    """What a row's (specialty, applicant, program tier) gives, as the pandas baseline works it out."""
    kind = t.applicants[a]
    edition = t.editions[kind]
    row: dict[str, Any] = {
        "specialty": None,
        "applicant": kind,
        "program_tier": None if p is None else t.program_tiers[p],
        "edition": edition.name,
        "figures_group": edition.group,
        "benchmark_statistic": None,
        "benchmark_value": None,
        "benchmark_q1": None,
        "benchmark_q3": None,
        "benchmark_thin": None,
        "not_matched": None,
        "target_low": None,
        "target_high": None,
        "target_capped": None,
        "target_basis": None,
        "target_low_percentile": None,
        "target_high_percentile": None,
        "rate_specialty": None,
        "specialty_match_rate_percent": None,
        "specialty_match_rate_matched": None,
        "specialty_match_rate_preferred": None,
        "in_study": False,
        "lowest": edition.lowest,
    }
    if s is None:
        return row
    name, statistic, value, q1, q3, nm, group_rate, thin = edition.rows[normalise(s)]
    quartiles = value is not None and q1 is not None and q3 is not None
    target = _target(name, value, q1, q3, kind, edition.group, t.point[row["program_tier"]], t)
    row |= {
        "specialty": name,
        "benchmark_statistic": statistic,
        "benchmark_value": value,
        "benchmark_q1": q1 if quartiles else None,
        "benchmark_q3": q3 if quartiles else None,
        "benchmark_thin": thin,
        "not_matched": nm if quartiles else None,
        "rate_specialty": name if edition.group == US_MD else None,
        "in_study": name == t.board_specialty and value is not None,
    }
    if target is not None:
        row |= dict(
            zip(
                ("target_low", "target_high", "target_capped", "target_basis"),
                (target[0], target[1], target[3], target[4]),
                strict=True,
            )
        )
        row |= {"target_low_percentile": target[5], "target_high_percentile": target[6]}
    if group_rate is not None:
        row |= dict(
            zip(
                ("specialty_match_rate_percent", "specialty_match_rate_matched", "specialty_match_rate_preferred"),
                group_rate,
                strict=True,
            )
        )
    return row


def frame_by_hand_polars(
    frame: Any,  # noqa: ANN401 - a polars.DataFrame
    *,
    fixed_date: dt.date | None = None,
    applying_on: dt.date | None = None,
) -> Any:  # noqa: ANN401 - a polars.DataFrame
    """``evaluate_frame``'s columns for a Polars frame, written in Polars: what :func:`frame_by_hand` does for pandas.

    Each distinct (specialty, applicant, program tier) is worked out once and joined on;
    the per-score figures, match rates by band and board odds are joined from tables built once.
    """
    import polars as pl  # noqa: PLC0415 - only the Polars baseline needs it

    t, pt = tables(), _polars_tables()
    per_row = fixed_date is None
    keys = ["specialty", "applicant", "program_tier"]
    distinct = frame.select(keys).unique().rows() if per_row else [(None, US_MD, None)]
    schema = {
        "specialty": pl.String,
        "applicant": pl.String,
        "program_tier": pl.String,
        "edition": pl.String,
        "figures_group": pl.String,
        "benchmark_statistic": pl.String,
        "benchmark_value": pl.Int64,
        "benchmark_q1": pl.Int64,
        "benchmark_q3": pl.Int64,
        "benchmark_thin": pl.Boolean,
        "not_matched": pl.Int64,
        "target_low": pl.Int64,
        "target_high": pl.Int64,
        "target_capped": pl.Boolean,
        "target_basis": pl.String,
        "target_low_percentile": pl.Float64,
        "target_high_percentile": pl.Float64,
        "rate_specialty": pl.String,
        "specialty_match_rate_percent": pl.Float64,
        "specialty_match_rate_matched": pl.Int64,
        "specialty_match_rate_preferred": pl.Int64,
        "in_study": pl.Boolean,
        "lowest": pl.Int64,
    }
    profiles = pl.DataFrame([_profile_row(s, a, p, t) for s, a, p in distinct], schema=schema, orient="row")
    profiles = profiles.rename({k: f"read_{k}" for k in keys})  # as read, beside the spellings joined on
    if per_row:
        spelled = pl.DataFrame(distinct, schema=[(k, frame.schema[k]) for k in keys], orient="row")
        profiles = pl.concat([spelled.rename(lambda k: f"_{k}"), profiles], how="horizontal")
        rows = frame.join(profiles, left_on=keys, right_on=[f"_{k}" for k in keys], how="left", maintain_order="left")
        day = pl.col("taken_on").str.to_date("%Y-%m-%d")
    else:
        rows = frame.join(profiles, how="cross")
        day = pl.lit(fixed_date, dtype=pl.Date)
    minimum: Any = pl.lit(t.minimums[0])
    for start, low in zip(t.starts[1:], t.minimums[1:], strict=True):
        minimum = pl.when(day >= pl.lit(start)).then(pl.lit(low)).otherwise(minimum)
    score, target = pl.col("score"), pl.col("target_low")
    limit = t.policy_limits[bisect.bisect_right(t.policy_starts, applying_on or dt.date.today()) - 1]  # noqa: DTZ011
    rows = rows.with_columns(score.cast(pl.Int64), taken_on=day, minimum=minimum.cast(pl.Int64))
    rows = rows.join(pt["per_score"], on="score", how="left", maintain_order="left")
    passed = score >= pl.col("minimum")
    tier = passed.cast(pl.Int8) * (1 + (score >= t.competitive).cast(pl.Int8) + (score >= t.exceptional).cast(pl.Int8))
    gap = target - score
    quartile = (
        (score >= pl.col("benchmark_q1")).cast(pl.Int8)
        + (score >= pl.col("benchmark_value")).cast(pl.Int8)
        + (score >= pl.col("benchmark_q3")).cast(pl.Int8)
    )
    if per_row:
        remaining: Any = (limit - pl.col("attempts_used")).clip(lower_bound=0)
        alive: Any = (remaining > 0).cast(pl.Int8)
        labels = [_advice_labels(k // 2 % 3, k // 12, k // 6 % 2, k % 2) for k in range(48)]
        key: Any = ((pl.col("tier") * 2 + alive) * 3 + pl.col("gap_state")) * 2 + pl.col("reaches")
    else:
        remaining = pl.lit(None, dtype=pl.Int64)
        labels = [_advice_labels(0, k // 2, None, k % 2) for k in range(8)]
        key = pl.col("tier") * 2 + pl.col("reaches")
    rows = rows.with_columns(
        passed=passed,
        margin=score - pl.col("minimum"),
        tier=tier,
        close_to_standard=(pl.col("score_band_low") < pl.col("minimum"))
        & (pl.col("minimum") <= pl.col("score_band_high")),
        position=pl.when(pl.col("benchmark_q1").is_not_null()).then(quartile),
        above_not_matched=score - pl.col("not_matched"),
        gap=gap,
        on_target=gap <= 0,
        attempts_used=pl.col("attempts_used").cast(pl.Int64) if per_row else pl.lit(None, dtype=pl.Int64),
        attempts_remaining=remaining.cast(pl.Int64),
        gap_state=pl.when(target.is_null()).then(0).otherwise(2 - (gap > 0).cast(pl.Int8)),
        reaches=(score >= pl.col("lowest")).cast(pl.Int8),
        difference=pl.when(pl.col("in_study")).then(score - pl.col("benchmark_value")),
    )
    rows = rows.join(pt["by_band"], on=["rate_specialty", "score"], how="left", maintain_order="left")
    rows = rows.join(pt["odds"], on="difference", how="left", maintain_order="left")
    categorical = pl.Categorical()
    return rows.select(
        "score",
        "taken_on",
        "minimum",
        "passed",
        "margin",
        pl.col("tier").replace_strict(range(4), TIER_NAMES, return_dtype=pl.Enum(TIER_NAMES)),
        "percentile",
        "percentile_method",
        "score_band_low",
        "score_band_high",
        "percentile_band_low",
        "percentile_band_high",
        "close_to_standard",
        *(pl.col(f"read_{k}").cast(categorical).alias(k) for k in keys),
        *(pl.col(k).cast(categorical) for k in ("edition", "figures_group")),
        date_assumed=pl.lit(False),
        benchmark_statistic=pl.col("benchmark_statistic").cast(categorical),
        benchmark_value="benchmark_value",
        benchmark_q1="benchmark_q1",
        benchmark_q3="benchmark_q3",
        benchmark_thin="benchmark_thin",
        position=pl.col("position").replace_strict(range(4), QUARTILE_LABELS, return_dtype=pl.Enum(QUARTILE_LABELS)),
        above_not_matched="above_not_matched",
        target_low="target_low",
        target_high="target_high",
        target_capped="target_capped",
        target_basis=pl.col("target_basis").cast(categorical),
        target_low_percentile="target_low_percentile",
        target_high_percentile="target_high_percentile",
        gap="gap",
        on_target="on_target",
        attempts_used="attempts_used",
        attempts_remaining="attempts_remaining",
        # a band rate for a passing score only
        match_rate_band=pl.when(pl.col("passed")).then(pl.col("match_rate_band")),
        match_rate_percent=pl.when(pl.col("passed")).then(pl.col("match_rate_percent")),
        match_rate_seniors=pl.when(pl.col("passed")).then(pl.col("match_rate_seniors")),
        specialty_match_rate_percent="specialty_match_rate_percent",
        specialty_match_rate_matched="specialty_match_rate_matched",
        specialty_match_rate_preferred="specialty_match_rate_preferred",
        board_odds_ratio="board_odds_ratio",
        next_steps=key.replace_strict(range(len(labels)), labels, return_dtype=pl.String).cast(categorical),
    )


def assert_same_polars_frame(library: Any, baseline: Any) -> None:  # noqa: ANN401 - polars.DataFrames
    """The two Polars frames hold the same columns, dtypes, values and missing values (categories as text)."""
    from polars.testing import assert_frame_equal  # noqa: PLC0415 - only the Polars baseline needs it

    assert_frame_equal(library, baseline, check_exact=True, categorical_as_str=True)
