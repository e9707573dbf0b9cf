"""Demo rectification items (演示整改事项) on the demo data, through the same services as the pages."""

from __future__ import annotations

from datetime import date

from jixiao.web.departments.models import Department
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.results.models import Rectification
from jixiao.web.results.services import (
    answer_rectification,
    create_rectification,
    rectifications_from_evaluation,
)

FINDINGS = (
    ("年末结转结余偏高，资金使用效益不足。", "压减结转结余，次年6月底前报送整改情况。"),
    ("部分绩效指标未细化量化，难以衡量。", "按财预〔2021〕101号指引修订核心绩效指标。"),
    ("预算执行进度前低后高，四季度支出集中。", "按序时进度安排支出，每季度报送执行分析。"),
)


def add_demo_rectifications(*, departments: int = 6) -> int:
    """Items on the first ``departments`` departments with a self-evaluation: the bureau's and the
    department's own, some answered (整改中 / 已整改); returns how many were created."""
    created = 0
    evaluations = (Evaluation.objects.select_related("department", "fiscal_year")
                   .order_by("department__name", "-fiscal_year__year"))
    seen: set[int] = set()
    for evaluation in evaluations:
        if not evaluation.problems or evaluation.department_id in seen or len(seen) >= departments:
            continue
        seen.add(evaluation.department_id)
        department: Department = evaluation.department
        year = evaluation.fiscal_year.year
        index = len(seen) - 1
        problem, feedback = FINDINGS[index % len(FINDINGS)]
        item = create_rectification(department=department, year=year, problem=problem, feedback=feedback,
                                    deadline=date(year + 1, 6, 30))
        created += 1 + len(rectifications_from_evaluation(department=department, year=year))
        if index % 3 == 1:
            answer_rectification(rectification=item, measure="制定整改方案，明确责任科室。",
                                 status=Rectification.Status.IN_PROGRESS, progress="已完成整改方案，正在落实。")
        elif index % 3 == 2:
            answer_rectification(rectification=item, measure="清理并收回结转资金。", status=Rectification.Status.DONE,
                                 progress="已按期完成整改并报送财政局。")
    return created
