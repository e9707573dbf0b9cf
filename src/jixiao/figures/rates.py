"""The execution rate (预算执行率): as the report states it, as computed from its amounts, and its points.

``预算执行率 = 执行数 / 全年预算数 × 100`` (domain.md §1.5), rounded half-up to two places
from the exact ratio (:mod:`jixiao.figures.rounding`), so 123.45 of 200 is 61.73%.

:func:`execution_rate` answers both questions a page asks of one budget:

* the rate to **quote** (``shown``): the report's own figure where it states one, else the
  computed one — with ``source`` saying which (报告所述 / 系统计算), so a page can label it;
* the rate to **reckon** with (``reckoned``): the computed one where the amounts are known,
  else the stated one — what the 自评表's 执行率 cell and the score of the 预算执行率 part use
  (``w × min(执行数 / 全年预算数, 1)``), because a form computes from its amounts.

The two differ only when the stated rate contradicts the amounts, which the review reports
(``arithmetic.execution_rate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from jixiao.figures import format as fmt
from jixiao.figures.labels import RATE_SOURCES
from jixiao.figures.rounding import PLACES, ratio

if TYPE_CHECKING:
    from jixiao.report import Budget

RateSource = Literal["stated", "computed"]
HUNDRED = Decimal(100)
ZERO = Decimal(0)
FRACTION_PLACES = 12
"""Places of an unrounded ratio stored for a spreadsheet (a double holds about 15 significant digits)."""


def computed_rate(total: Decimal | None, spent: Decimal | None) -> Decimal | None:
    """``spent / total × 100`` half-up to two places; ``None`` without both amounts or with no positive total."""
    if total is None or spent is None or total <= 0:
        return None
    return ratio(spent * HUNDRED, total, PLACES)


def execution_points(spent: Decimal, total: Decimal, weight: Decimal, places: int = PLACES) -> Decimal:
    """得分 of the 预算执行率 part: ``weight × min(spent / total, 1)``, a negative ``spent`` counting as 0."""
    spent = max(spent, ZERO)
    return ratio(min(spent, total) * weight, total, places)


@dataclass(frozen=True)
class ExecutionRate:
    """预算执行率 of one budget: the stated and the computed value, and which is shown."""

    stated: Decimal | None
    computed: Decimal | None
    total: Decimal | None = None
    spent: Decimal | None = None

    @property
    def shown(self) -> Decimal | None:
        """The rate to quote: the report's own, else the computed one."""
        return self.stated if self.stated is not None else self.computed

    @property
    def source(self) -> RateSource | None:
        """``"stated"`` or ``"computed"`` for :attr:`shown`; ``None`` when there is no rate."""
        if self.stated is not None:
            return "stated"
        return "computed" if self.computed is not None else None

    @property
    def source_label(self) -> str | None:
        """报告所述 / 系统计算, for a page that labels the shown rate."""
        return RATE_SOURCES[self.source] if self.source else None

    @property
    def text(self) -> str | None:
        """The shown rate written as the reports write it (``72.60%``)."""
        return fmt.percent(self.shown)

    @property
    def reckoned(self) -> Decimal | None:
        """The rate a form and the score work from: computed from the amounts, else the stated one."""
        return self.computed if self.computed is not None else self.stated

    @property
    def reckoned_text(self) -> str | None:
        return fmt.percent(self.reckoned)

    @property
    def fraction(self) -> Decimal | None:
        """:attr:`reckoned` as a share of 1, unrounded as a spreadsheet's ``执行数/全年预算数`` computes it.

        The value a 自评表 stores beside its formula (so a reader that does not calculate sees it):
        ``spent / total`` to twelve places where the amounts are known, else the stated rate ÷ 100.
        """
        if self.computed is not None and self.total is not None and self.spent is not None:
            return ratio(self.spent, self.total, FRACTION_PLACES)
        if self.stated is not None:
            return self.stated / HUNDRED
        return None

    def points(self, weight: Decimal, places: int = PLACES) -> Decimal | None:
        """得分 of the 预算执行率 part of ``weight`` points, from the amounts, else from the stated rate."""
        if self.computed is not None and self.total is not None and self.spent is not None:
            return execution_points(self.spent, self.total, weight, places)
        if self.stated is not None:
            return execution_points(self.stated, HUNDRED, weight, places)
        return None

    def below(self, line: Decimal | None) -> bool:
        """Whether the shown rate is below ``line`` percent (e.g. the framework's 90% line); False without one."""
        return line is not None and self.shown is not None and self.shown < line


def execution_rate_from(total: Decimal | None, spent: Decimal | None, stated: Decimal | None) -> ExecutionRate:
    """The execution rate of these amounts and this stated rate."""
    return ExecutionRate(stated=stated, computed=computed_rate(total, spent), total=total, spent=spent)


def execution_rate(budget: Budget) -> ExecutionRate:
    """The execution rate of a report's ``budget`` (预算执行率)."""
    return execution_rate_from(budget.total, budget.spent, budget.execution_rate)


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to two places (项目支出占执行数的比例); ``None`` when unknown."""
    if part is None or whole is None or whole == 0:
        return None
    return ratio(part * HUNDRED, whole, PLACES)
