"""Demo indicator history (演示指标历史): library indicators in the generated departments' years, so the checks have data.

The seed departments' own indicators are their reports' (荔湾 2022: 舆情日报数量 ≥200 期, actual
432 期). The first generated departments get three library indicators of the 宣传事务 field in
every demo year — targets and actuals drawn from a fixed seed, some set low (exceeded by 130%
or more) — so that 荔湾's 2023 declaration has peers to compare with. Then every observation
and statistic is rebuilt (the demo stores reports in bulk, without the save signals).
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from jixiao import synthetic
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.evaluation.models import Indicator
from jixiao.web.indicators.selectors import get_by_code
from jixiao.web.targets.services import rebuild_all

HISTORY: tuple[tuple[str, int, int], ...] = (
    # library code, typical target, typical actual (both vary by department and year)
    ("GS-XC-0001", 300, 330),  # 舆情日报数量（期）
    ("GS-XC-0002", 7000, 7700),  # 正面新闻报道量（篇）
    ("GS-XC-0003", 60, 66),  # “学习强国”全国平台刊发量（篇）
)


@transaction.atomic
def load_indicator_history(*, departments: int = 12, first: int = 3, seed: int = 0) -> tuple[int, int]:
    """Add the history to ``departments`` generated departments from number ``first`` (the first three carry the
    demo declarations, left as they are); (observations, statistics) after the rebuild.

    Each added row takes half the 分值 of the year's heaviest 产出指标 row (a 数量指标 one where there is),
    so every 一级 and 二级 still sums to its framework weight and the declarations and scores stay valid.
    """
    years = list(FiscalYear.objects.order_by("year"))
    library = [(get_by_code(code), target, actual) for code, target, actual in HISTORY]
    for index in range(first, first + departments):
        department = Department.objects.filter(name=synthetic.department(index, seed=seed).name).first()
        if department is None:
            continue
        rng = random.Random(f"targets:{seed}:{index}")
        scale = Decimal(str(rng.uniform(0.7, 1.4)))
        low = rng.random() < 0.35  # a third of them set their targets low, year after year
        for year in years:
            grow = Decimal(str(1.05 ** (year.year - 2020)))
            start = Indicator.objects.filter(department=department, fiscal_year=year).count()
            for offset, (item, target, actual) in enumerate(library):
                donor = _donor(department, year)
                if item is None or donor is None or donor.weight is None:
                    continue
                weight = (donor.weight / 2).quantize(Decimal("0.01"))
                donor.weight -= weight
                donor.save(update_fields=["weight"])
                t = (Decimal(target) * scale * grow * (Decimal("0.6") if low else Decimal(1))).quantize(Decimal(1))
                a = (Decimal(actual) * scale * grow * Decimal(str(rng.uniform(0.9, 1.15)))).quantize(Decimal(1))
                Indicator.objects.create(
                    department=department, fiscal_year=year, position=start + offset, level1=item.level1,
                    level2=item.level2, name=item.name, op=item.operator or ">=", target=t, actual=a,
                    actual_text=f"{a}{item.unit}", unit=item.unit, weight=weight, library_indicator=item)
    return rebuild_all()


def _donor(department: Department, year: FiscalYear) -> Indicator | None:
    rows = Indicator.objects.filter(department=department, fiscal_year=year, level1="产出指标", weight__gt=1,
                                    library_indicator__isnull=True)
    return (rows.filter(level2="数量指标").order_by("-weight", "position").first()
            or rows.order_by("-weight", "position").first())
