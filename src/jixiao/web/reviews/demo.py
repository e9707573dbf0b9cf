"""Demo 复核记录 (演示复核意见): the finance bureau's opinion on the two seed reports, so the queue is not empty."""

from __future__ import annotations

from jixiao.review import finding_key
from jixiao.web.common.demo_dates import demo_moment
from jixiao.web.documents.models import SourceDocument
from jixiao.web.reviews.models import FindingDecision, ReviewStatus
from jixiao.web.reviews.selectors import core_review
from jixiao.web.reviews.services import Decision, write_review

DEMO_OPINIONS = {
    "中国共产党广州市荔湾区委员会宣传部": (
        ReviewStatus.RECTIFY,
        "预算执行率72.60%，低于90%，且未说明未执行资金的具体项目与原因；请补充偏差原因分析，"
        "于下一年度自评报告中报告整改情况。",
    ),
    "中国共产党广州市增城区委员会宣传部": (ReviewStatus.IN_REVIEW, "正在核对自评表与决算数据。"),
}


def record_demo_reviews() -> int:
    """Record a 复核意见 on each seed document of the demo; returns how many were recorded."""
    count = 0
    for document in SourceDocument.objects.filter(department__name__in=DEMO_OPINIONS).select_related("department", "fiscal_year"):
        status, opinion = DEMO_OPINIONS[document.department.name]
        findings = core_review(document).findings
        decisions = []
        if status == ReviewStatus.RECTIFY and len(findings) >= 2:
            decisions = [Decision(finding_key(findings[0]), str(FindingDecision.Decision.CONFIRMED)),
                         Decision(finding_key(findings[-1]), str(FindingDecision.Decision.DISMISSED),
                                  "提示类问题，不影响评价结论")]
        record = write_review(document=document, reviewer=None, status=status, opinion=opinion, findings=findings,
                              decisions=decisions)
        if document.fiscal_year is not None:  # reviewed the spring after the year, not on the day of loading
            reviewed = demo_moment("review", document.fiscal_year.year)
            type(record).objects.filter(pk=record.pk).update(created_at=reviewed, updated_at=reviewed)
        count += 1
    return count
