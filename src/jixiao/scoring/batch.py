"""The batch path (批量计分): the engine's formulas on exact fixed-point integers, column-wise.

Scoring 100,000 departments one ``Decimal`` at a time is slow, so here every indicator is a
row of integer columns — targets, actuals and stated scores scaled by ``SCALE`` (10⁴), weights
in hundredths — and each formula is one integer ratio rounded half-up by ``(2n + d) // 2d``,
the same steps as ``arith.ratio``. Scores come out in hundredths and equal the Decimal
engine's bit for bit (a hypothesis test holds the two together).

With numpy the columns are int64 arrays and every formula is vectorised; the magnitudes are
bounded (|value| < 2⁴⁰ scaled, weight ≤ 10⁴ hundredths, factor ≤ 10) so no product overflows.
Without numpy, or beyond the bounds, the same integer formulas run in a Python loop. A value
with more than four decimals, a weight with more than two, or a framework rounding to other
than 2 places raises ``BatchUnsupported``: use the Decimal engine for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.report import PerformanceReport
from jixiao.scoring.arith import half_up_div
from jixiao.scoring.engine import qualitative_band
from jixiao.scoring.framework import Framework
from jixiao.scoring.mapping import Resolved, resolve

try:  # numpy is optional: the pure-Python loop gives the same integers, only slower
    import numpy as np
except ImportError:  # pragma: no cover - depends on the environment
    np = None  # type: ignore[assignment]

SCALE = 10_000
"""Targets, actuals and stated scores are held as integer ten-thousandths."""

BOUND = 2**40
"""Largest scaled magnitude the int64 path accepts (1.1 × 10⁸ in the unit of the indicator)."""

POSITIVE, EQUAL, NEGATIVE, QUALITATIVE, EXECUTION = 0, 1, 2, 3, 4
OP_CODES = {">=": POSITIVE, ">": POSITIVE, "missing_op": POSITIVE, "=": EQUAL, "<=": NEGATIVE, "<": NEGATIVE,
            "qualitative": QUALITATIVE, "execution_rate": EXECUTION}


class BatchUnsupported(ValueError):
    """An input the exact integer path does not take; score it with the Decimal engine."""


@dataclass
class Columns:
    """Indicators as integer columns (one row per indicator) and where each report starts."""

    op: list[int]
    target: list[int]       # × SCALE; 0 where missing
    actual: list[int]       # × SCALE; 0 where missing
    has_target: list[bool]
    has_actual: list[bool]
    weight: list[int]       # hundredths
    band: list[int]         # qualitative: index into framework.qualitative, -1 when no level named
    stated: list[int]       # qualitative: stated score × SCALE, -1 when not stated
    starts: list[int]       # first row of each report

    def __len__(self) -> int:
        return len(self.op)


def _scaled(value: Decimal, scale: int, what: str) -> int:
    scaled = value * scale
    if scaled != scaled.to_integral_value():
        raise BatchUnsupported(f"{what} {value} has more decimals than the batch path holds")
    return int(scaled)


def columns(resolved_reports: Sequence[Sequence[Resolved]], framework: Framework) -> Columns:
    """Integer columns for reports already resolved by ``mapping.resolve``."""
    if framework.rounding.places != 2:
        raise BatchUnsupported("the batch path rounds to 2 places only")
    cols = Columns([], [], [], [], [], [], [], [], [])
    bands = list(framework.qualitative)
    for items in resolved_reports:
        cols.starts.append(len(cols.op))
        for item in items:
            cols.op.append(OP_CODES[item.op])
            cols.has_target.append(item.target is not None)
            cols.has_actual.append(item.actual is not None)
            cols.target.append(0 if item.target is None else _scaled(item.target, SCALE, "target"))
            cols.actual.append(0 if item.actual is None else _scaled(item.actual, SCALE, "actual"))
            cols.weight.append(_scaled(item.weight, 100, "weight"))
            band = qualitative_band(item.actual_text, framework) if item.op == "qualitative" else None
            cols.band.append(-1 if band is None else bands.index(band))
            stated = item.stated_score if item.op == "qualitative" else None
            cols.stated.append(-1 if stated is None or stated < 0 else _scaled(stated, SCALE, "score"))
    return cols


def columns_for_reports(reports: Sequence[PerformanceReport], framework: Framework) -> Columns:
    """Resolve ``reports`` (the mapping rule of ``mapping.py``) and lay them out as columns."""
    return columns([resolve(report, framework)[0] for report in reports], framework)


@dataclass(frozen=True)
class Rules:
    """The framework's numbers as integers: percent in hundredths, the factor in hundredths."""

    line: int
    reduce: bool
    factor: int
    band_low: tuple[int, ...]
    band_high: tuple[int, ...]
    band_default: tuple[int, ...]

    @classmethod
    def of(cls, framework: Framework) -> Rules:
        rule = framework.over_achievement
        if rule.factor > 10:
            raise BatchUnsupported("over-achievement factor above 10")
        bands = framework.qualitative
        return cls(line=_scaled(rule.line, 100, "line"), reduce=rule.reduce, factor=_scaled(rule.factor, 100, "factor"),
                   band_low=tuple(_scaled(b.low, 100, "band") for b in bands),
                   band_high=tuple(_scaled(b.high, 100, "band") for b in bands),
                   band_default=tuple(_scaled(b.default, 100, "band") for b in bands))


# -- one row, in Python integers ----------------------------------------------------------


def _reached(a: int, t: int, w: int, r: Rules) -> int:
    """Score of a 正向 indicator at or above a positive target: full, or reduced past the line."""
    if not r.reduce or a * 10_000 < r.line * t:
        return w
    # w × (1 − factor × (A − T) / T), with factor = r.factor / 100
    return max(half_up_div(w * (t * 100 - r.factor * (a - t)), t * 100), 0)


def score_row(op: int, t: int, a: int, has_t: bool, has_a: bool, w: int, band: int, stated: int, r: Rules) -> int:
    """One indicator's score in hundredths — the Decimal engine's formulas on integers."""
    if op == QUALITATIVE:
        if band < 0:
            return 0
        # stated / SCALE against weight/100 × band/100 / 100, cleared of fractions: × 10⁶ × SCALE
        low, high = r.band_low[band] * w * SCALE, r.band_high[band] * w * SCALE
        lhs = stated * 1_000_000
        inside = stated >= 0 and lhs >= low and (lhs <= high if r.band_high[band] == 10_000 else lhs < high)
        if inside:
            return half_up_div(stated * 100, SCALE)
        return half_up_div(w * r.band_default[band], 10_000)
    if op == EXECUTION:
        if not (has_a and has_t) or t <= 0:
            return 0
        return half_up_div(min(max(a, 0), t) * w, t)
    if not has_a or not has_t:
        return 0
    a = max(a, 0)
    if op == NEGATIVE:
        if a <= t:
            return w
        if t <= 0 or a >= 2 * t:
            return 0
        return half_up_div((2 * t - a) * w, t)
    if op == EQUAL and t == 0:
        return w if a <= 0 else 0
    if t <= 0:
        return w if a >= t else 0
    if a >= t:
        return _reached(a, t, w, r)
    return half_up_div(a * w, t)


def score_python(cols: Columns, rules: Rules) -> list[int]:
    """Scores in hundredths by the Python-integer loop (the path without numpy)."""
    return [score_row(op, t, a, ht, ha, w, band, stated, rules)
            for op, t, a, ht, ha, w, band, stated in zip(cols.op, cols.target, cols.actual, cols.has_target,
                                                          cols.has_actual, cols.weight, cols.band, cols.stated,
                                                          strict=True)]


# -- all rows at once, with numpy ------------------------------------------------------------


def _div(n: Any, d: Any) -> Any:
    """Half-up ``n / d`` for n >= 0, d > 0, element-wise."""
    return (2 * n + d) // (2 * d)


def _score_numpy(arrays: dict[str, Any], rules: Rules) -> Any:
    op, t, a, w = arrays["op"], arrays["target"], arrays["actual"], arrays["weight"]
    has = arrays["has_target"] & arrays["has_actual"]
    a = np.maximum(a, 0)
    safe_t = np.where(t > 0, t, 1)
    score = np.zeros(len(op), dtype=np.int64)

    positive = (op == POSITIVE) | ((op == EQUAL) & (t != 0))
    reached = a >= t
    proportional = _div(a * w, safe_t)
    full_or_reduced = w
    if rules.reduce:
        over = a * 10_000 >= rules.line * t
        reduced = np.maximum(_div_signed(w * (t * 100 - rules.factor * (a - t)), safe_t * 100), 0)
        full_or_reduced = np.where(over & (t > 0), reduced, w)
    pos_score = np.where(t <= 0, np.where(a >= t, w, 0), np.where(reached, full_or_reduced, proportional))
    score = np.where(has & positive, pos_score, score)

    equal_zero = (op == EQUAL) & (t == 0)
    score = np.where(has & equal_zero, np.where(a <= 0, w, 0), score)

    falling = _div(np.maximum(2 * t - a, 0) * w, safe_t)
    neg_score = np.where(a <= t, w, np.where((t <= 0) | (a >= 2 * t), 0, falling))
    score = np.where(has & (op == NEGATIVE), neg_score, score)

    execution = _div(np.minimum(a, t) * w, safe_t)
    score = np.where((op == EXECUTION) & has & (t > 0), execution, score)

    band, stated = arrays["band"], arrays["stated"]
    safe_band = np.where(band >= 0, band, 0)
    low = np.asarray(rules.band_low, dtype=np.int64)[safe_band]
    high = np.asarray(rules.band_high, dtype=np.int64)[safe_band]
    default = np.asarray(rules.band_default, dtype=np.int64)[safe_band]
    stated = np.minimum(stated, 2 * w * SCALE // 100 + 1)  # beyond the weight it is outside every band anyway
    lhs = stated * 1_000_000
    inside = (stated >= 0) & (lhs >= low * w * SCALE) & np.where(
        high == 10_000, lhs <= high * w * SCALE, lhs < high * w * SCALE)
    qual = np.where(inside, _div(np.maximum(stated, 0) * 100, SCALE), _div(w * default, 10_000))
    return np.where(op == QUALITATIVE, np.where(band >= 0, qual, 0), score)


def _div_signed(n: Any, d: Any) -> Any:
    """Half-up (away from zero) ``n / d`` for any sign of n, d > 0, element-wise."""
    magnitude = (2 * np.abs(n) + d) // (2 * d)
    return np.where(n >= 0, magnitude, -magnitude)


def as_arrays(cols: Columns) -> dict[str, Any]:
    """The columns as int64 / bool numpy arrays (call once, then score many times)."""
    if np is None:
        raise BatchUnsupported("numpy is not installed")
    arrays = {name: np.asarray(getattr(cols, name), dtype=np.int64)
              for name in ("op", "target", "actual", "weight", "band", "stated")}
    arrays["has_target"] = np.asarray(cols.has_target, dtype=bool)
    arrays["has_actual"] = np.asarray(cols.has_actual, dtype=bool)
    arrays["starts"] = np.asarray(cols.starts, dtype=np.int64)
    return arrays


def _within_bounds(arrays: dict[str, Any]) -> bool:
    return bool(len(arrays["op"]) == 0 or (
        np.abs(arrays["target"]).max() < BOUND and np.abs(arrays["actual"]).max() < BOUND
        and arrays["weight"].max() <= 10_000 and arrays["weight"].min() >= 0))


def score_arrays(arrays: dict[str, Any], framework: Framework) -> Any:
    """Scores in hundredths for numpy columns (see ``as_arrays``), vectorised."""
    rules = Rules.of(framework)
    if not _within_bounds(arrays):
        raise BatchUnsupported("values beyond the int64 bounds; use score_columns")
    return _score_numpy(arrays, rules)


def score_columns(cols: Columns, framework: Framework) -> list[int]:
    """Scores in hundredths, one per row: numpy when present and in bounds, else the Python loop."""
    rules = Rules.of(framework)
    if np is not None and len(cols):
        arrays = as_arrays(cols)
        if _within_bounds(arrays):
            return [int(x) for x in _score_numpy(arrays, rules)]
    return score_python(cols, rules)


def totals(scores: Sequence[int] | Any, starts: Sequence[int] | Any) -> list[int]:
    """Each report's total in hundredths: the sum of its rows' scores."""
    if np is not None and not isinstance(scores, list):
        return [int(x) for x in np.add.reduceat(scores, np.asarray(starts))] if len(starts) else []
    bounds = [*starts, len(scores)]
    return [sum(scores[bounds[i]:bounds[i + 1]]) for i in range(len(starts))]


def grades(totals_hundredths: Sequence[int], framework: Framework) -> list[str]:
    """The grade of each total (in hundredths) by the framework's bands."""
    bands = [(_scaled(g.min, 100, "grade"), g.grade) for g in framework.grades]
    out = []
    for total in totals_hundredths:
        out.append(next((grade for minimum, grade in bands if total >= minimum), bands[-1][1]))
    return out


def score_reports(reports: Sequence[PerformanceReport], framework: Framework) -> list[tuple[Decimal, str]]:
    """(total, grade) of each report through the batch path."""
    cols = columns_for_reports(reports, framework)
    sums = totals(score_columns(cols, framework), cols.starts)
    return [(Decimal(s).scaleb(-2), g) for s, g in zip(sums, grades(sums, framework), strict=True)]
