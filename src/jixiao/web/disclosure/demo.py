"""Demo 信息公开 (演示公开): the two seed departments' 2022 goals and self-evaluations published, and 荔湾's 复核 result.

The seed reports were published by their departments, so the demo submits their 年终自评 first
(through the evaluation service, as the department officer would) and then publishes through
``services.publish`` — the same rule, the same rendered files and hashes as the page.
"""

from __future__ import annotations

from jixiao.web.common.demo_dates import demo_moment
from jixiao.web.departments.models import Department
from jixiao.web.disclosure.models import Kind
from jixiao.web.disclosure.selectors import eligibility, live_publications
from jixiao.web.disclosure.services import Item, PublicationRefused, publish_many
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.evaluation.services import SelfEvaluationInvalid, save_self_evaluation

SEED_DEPARTMENTS = ("中国共产党广州市荔湾区委员会宣传部", "中国共产党广州市增城区委员会宣传部")
DEMO_YEAR = 2022
DEVIATION_REASON = ("受年度工作安排调整影响，实际完成值与年初指标值存在偏差；"
                    "下一年度将结合上年实际完成情况合理设定指标值，并加强执行过程中的监控。")
"""The 偏差原因 the demo's officer gives where the engine owes one (the seed report states none)."""


def publish_demo_reports(*, year: int = DEMO_YEAR) -> int:
    """Submit the seed departments' self-evaluations of ``year`` and publish what the rule allows; returns how many."""
    items: list[Item] = []
    for department in Department.objects.filter(name__in=SEED_DEPARTMENTS).order_by("name"):
        evaluation = Evaluation.objects.filter(department=department, fiscal_year__year=year).first()
        if evaluation is not None and evaluation.status != Evaluation.Status.SUBMITTED:
            try:
                save_self_evaluation(department=department, year=year, submit=True)
            except SelfEvaluationInvalid as exc:
                if not exc.missing_reason or set(exc.indicators) - exc.missing_reason:
                    continue  # a bad value, not an owed reason: the draft stays unpublished
                # the officer explains each deviation the engine owes a reason for, then submits
                save_self_evaluation(department=department, year=year, submit=True, indicators={
                    p: {"deviation_reason": DEVIATION_REASON} for p in sorted(exc.missing_reason)})
            # submitted the next spring, as the report's own date says (not on the day the demo was loaded)
            Evaluation.objects.filter(pk=evaluation.pk).update(submitted_at=demo_moment("self_evaluation", year))
        live = {p.kind for p in live_publications().filter(department=department, fiscal_year__year=year)}
        items += [Item(department, year, kind.value) for kind in Kind
                  if kind.value not in live and eligibility(department, year, kind.value).allowed]
    try:
        return len(publish_many(items=items, user=None))  # one LibreOffice start for every PDF
    except PublicationRefused:
        # no LibreOffice on this machine (the PDFs cannot be printed): the items stay 可公开 on the page
        return 0
