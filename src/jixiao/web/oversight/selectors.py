"""Reads of 抽评 and 考核: the year's candidates as the core sees them, draws and their items with the corrected
score, what other pages show of them (复核 queue and page, 结果应用), and the facts of a department's 考核.

Every read that a user asks for starts from ``Department.objects.visible_to(user)``; a department sees only
its own sampled items and its own 考核 result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.oversight.assessment import (
    AssessmentFacts,
    AssessmentFramework,
    AssessmentResult,
    IndicatorFact,
    RectificationFact,
    Submission,
    WarningFact,
    assess_department,
    load_assessment_framework,
    rank,
)
from jixiao.oversight.correction import Adjustment, Correction, correct_score
from jixiao.oversight.sampling import Candidate, SamplingRule, load_sampling_rule, shipped_rules
from jixiao.scoring import default_framework_for
from jixiao.scoring.framework import Framework
from jixiao.web.accounts.models import User
from jixiao.web.budgets.models import Budget, MonthlyExecution
from jixiao.web.declarations.models import GoalDeclaration, GoalReview
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import can_review
from jixiao.web.evaluation.models import Evaluation, Indicator
from jixiao.web.evaluation.selectors import year_scores
from jixiao.web.monitoring.selectors import monitoring_board
from jixiao.web.oversight.models import SampledItem, SampleDraw, ScoreAdjustment
from jixiao.web.projperf.models import ProjectYear
from jixiao.web.projperf.selectors import project_framework
from jixiao.web.results.extensions import ScoreCorrection
from jixiao.web.results.models import Rectification
from jixiao.web.reviews.selectors import core_review, recorded_review

SEVERITY_ORDER = ("blocking", "serious", "general", "hint")
SEVERITY_LABELS = {"blocking": "阻断", "serious": "严重", "general": "一般", "hint": "提示"}


class ItemNotFound(JixiaoError):
    """No sampled item of that id the user may see (抽评对象不存在)."""


# -- candidates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    """A candidate for the core's draw and where it lives in the database."""

    candidate: Candidate
    department_id: int
    budget_id: int | None = None
    project_year_id: int | None = None
    document_id: int | None = None
    self_score: Decimal | None = None
    self_grade: str = ""


def _worst(severities: list[str]) -> str | None:
    return next((s for s in SEVERITY_ORDER if s in severities), None)


def _document_severity(document: Any) -> str | None:
    """The worst severity the 复核 finds in the stored report, leaving out findings the reviewer dismissed."""
    from jixiao.review import finding_key

    review = core_review(document)
    dismissed = {k for k, d in recorded_review(document).decisions.items() if d.decision == "dismissed"}
    return _worst([f.severity for f in review.findings if finding_key(f) not in dismissed])


def candidates(*, year: int) -> list[CandidateRow]:
    """The year's self-evaluations that may be drawn: every department-year with a stored self-evaluation and a
    score (部门整体支出自评), every project-year whose 自评 is submitted (项目支出自评)."""
    rows: list[CandidateRow] = []
    budgets = list(Budget.objects.filter(fiscal_year__year=year).select_related("department"))
    scores = year_scores(departments=Department.objects.filter(pk__in=[b.department_id for b in budgets]))
    evaluations = {e.department_id: e for e in Evaluation.objects.filter(fiscal_year__year=year)
                   .select_related("source_document")}
    for budget in budgets:
        evaluation = evaluations.get(budget.department_id)
        score, grade, _ = scores.get(budget.pk, (None, None, False))
        if evaluation is None or score is None:
            continue
        department = budget.department
        document = evaluation.source_document
        candidate = Candidate(
            key=f"department:{budget.pk}", kind="department", title=f"{year} 年度部门整体支出绩效自评",
            department=department.name, amount=budget.total, sector=department.get_unit_type_display(),
            severity=_document_severity(document) if document is not None else None)
        rows.append(CandidateRow(candidate, department.pk, budget_id=budget.pk,
                                 document_id=document.pk if document else None, self_score=score,
                                 self_grade=grade or ""))
    for py in (ProjectYear.objects.filter(fiscal_year__year=year, evaluation_status=ProjectYear.EvaluationStatus.SUBMITTED)
               .select_related("project__department")):
        project = py.project
        candidate = Candidate(
            key=f"project:{py.pk}", kind="project", title=f"{project.name}（{year} 年度项目支出绩效自评）",
            department=project.department.name, amount=py.total, sector=project.category)
        rows.append(CandidateRow(candidate, project.department_id, project_year_id=py.pk, self_score=py.score,
                                 self_grade=py.grade))
    return rows


def rule_choices() -> list[tuple[str, str]]:
    return [(name, load_sampling_rule(name).title) for name in shipped_rules()]


def rule_named(name: str | None) -> SamplingRule:
    """The shipped rule ``name`` (a page's or the API's choice); the default when not one."""
    return load_sampling_rule(name) if name and name in shipped_rules() else load_sampling_rule()


# -- draws and items -----------------------------------------------------------------------------


def framework_of(item: SampledItem) -> Framework:
    """The scoring framework whose bands grade the item (部门整体 or 项目)."""
    return project_framework() if item.kind == SampledItem.Kind.PROJECT else default_framework_for("department_overall")


def correction_of(item: SampledItem, adjustments: list[ScoreAdjustment] | None = None) -> Correction | None:
    """The item's 自评分 → 复核分 (None without a self-assessed score)."""
    if item.self_score is None:
        return None
    rows = adjustments if adjustments is not None else list(item.adjustments.all())
    return correct_score(item.self_score, [Adjustment(a.points, a.reason) for a in rows], framework_of(item),
                         self_grade=item.self_grade or None)


@dataclass
class ItemView:
    """A sampled item with its adjustments and correction, for pages and the API."""

    item: SampledItem
    adjustments: list[ScoreAdjustment]
    correction: Correction | None

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.item.severity, "—")


def _views(items: QuerySet[SampledItem]) -> list[ItemView]:
    rows = list(items.select_related("department", "draw__fiscal_year", "document", "project_year__project"))
    by_item: dict[int, list[ScoreAdjustment]] = defaultdict(list)
    for a in ScoreAdjustment.objects.filter(item__in=rows).select_related("adjusted_by"):
        by_item[a.item_id].append(a)
    return [ItemView(i, by_item[i.pk], correction_of(i, by_item[i.pk])) for i in rows]


def adjustment_history(item: SampledItem) -> list[ScoreAdjustment]:
    """Every 复核调整 of the item, withdrawn ones included (``deleted_at`` set), oldest first (调整记录)."""
    return list(ScoreAdjustment.all_objects.filter(item=item).select_related("adjusted_by").order_by("created_at", "pk"))


def years_with_candidates() -> list[int]:
    return sorted(FiscalYear.objects.values_list("year", flat=True), reverse=True)


def current_draw(*, year: int) -> SampleDraw | None:
    return (SampleDraw.objects.filter(fiscal_year__year=year, is_current=True).select_related("drawn_by", "fiscal_year")
            .order_by("-created_at").first())


def draws_of(*, year: int) -> list[SampleDraw]:
    """Every draw of ``year``, newest first (the current one and those a redraw superseded)."""
    return list(SampleDraw.objects.filter(fiscal_year__year=year).select_related("drawn_by", "fiscal_year")
                .order_by("-created_at"))


def draw_of(*, draw_id: int) -> SampleDraw | None:
    return SampleDraw.objects.filter(pk=draw_id).select_related("drawn_by", "fiscal_year").first()


def draw_items(*, draw: SampleDraw, user: User) -> list[ItemView]:
    """The draw's items ``user`` sees (a department: its own)."""
    return _views(draw.items.filter(department__in=Department.objects.visible_to(user)))


def item_for(*, user: User, item_id: int) -> ItemView:
    """One sampled item ``user`` may see, else ``ItemNotFound``."""
    items = SampledItem.objects.filter(pk=item_id, department__in=Department.objects.visible_to(user))
    found = _views(items)
    if not found:
        raise ItemNotFound("抽评对象不存在")
    return found[0]


def sampled_items_of(*, department: Department) -> list[ItemView]:
    """The department's items in every year's current draw (本部门被抽评的情况), newest year first."""
    return _views(SampledItem.objects.filter(department=department, draw__is_current=True)
                  .order_by("-draw__fiscal_year__year", "key"))


# -- what other apps show ------------------------------------------------------------------------


def queue_notes(document_ids: list[int]) -> dict[int, str]:
    """Document id → ``抽评：<reason>`` for the files in a current draw (the 复核 queue's column)."""
    rows = (SampledItem.objects.filter(document_id__in=document_ids, draw__is_current=True)
            .values_list("document_id", "reason"))
    return {document_id: f"抽评：{reason}" for document_id, reason in rows}


def sampled_documents() -> QuerySet[SampledItem, int]:
    """The ids of the files in a current draw (the 复核 queue's 只看抽中)."""
    return (SampledItem.objects.filter(draw__is_current=True, document__isnull=False)
            .values_list("document_id", flat=True))


def review_section(request: Any, document: Any) -> dict[str, Any] | None:
    """The 抽评 section of a file's review page: why it was drawn, 自评分 → 复核分, the link to adjust."""
    views = _views(SampledItem.objects.filter(document=document, draw__is_current=True))
    if not views:
        return None
    return {"view": views[0], "can_adjust": can_review(request.user)}


def score_corrections(*, departments: QuerySet[Department], kind: str = SampledItem.Kind.DEPARTMENT
                      ) -> dict[int, ScoreCorrection]:
    """The corrected score and grade of each item of ``kind`` in a current draw with adjustments: budget id
    (部门整体, a department-year) or project-year id (``kind="project"``, 项目) → its correction."""
    project = kind == SampledItem.Kind.PROJECT
    where = {"project_year__isnull": False} if project else {"budget__isnull": False}
    items = _views(SampledItem.objects.filter(department__in=departments, draw__is_current=True, kind=kind, **where))
    out = {}
    for view in items:
        c = view.correction
        target = view.item.project_year_id if project else view.item.budget_id
        if c is None or not view.adjustments or target is None:
            continue
        lines = tuple(a.label for a in c.adjustments)
        out[target] = ScoreCorrection(
            score=c.score, grade=c.grade, self_score=c.self_score, self_grade=c.self_grade,
            note=f"{view.item.draw.fiscal_year.year} 年度抽评复核调整：{'；'.join(lines)}", lines=lines)
    return out


def results_section(request: Any, department: Department) -> dict[str, Any] | None:
    """The 抽评 outcome and the 考核 result on the department's 结果应用 page."""
    year = latest_assessment_year()
    result = None
    if year is not None:
        found = assessment_results(year=year, departments=Department.objects.filter(pk=department.pk))
        result = found[0] if found else None
    return {"department": department, "sampled": sampled_items_of(department=department), "assessment": result,
            "year": year}


def assessment_cells(*, departments: QuerySet[Department]) -> dict[int, str]:
    """Department id → ``<score> 分（<grade>）`` of the latest year's 考核 (结果应用 overview column)."""
    year = latest_assessment_year()
    if year is None:
        return {}
    from jixiao.figures import format as fmt

    ids = {d.name: d.pk for d in departments}
    return {ids[r.department]: f"{year} 年 {fmt.score(r.total)} 分（{r.grade}）"
            for r in assessment_results(year=year, departments=departments) if r.department in ids}


# -- 考核 ----------------------------------------------------------------------------------------


def latest_assessment_year(today: date | None = None) -> int | None:
    """The latest year whose self-evaluations are due (the year before this one at the latest) and has budgets."""
    today = today or date.today()
    years = Budget.objects.filter(fiscal_year__year__lt=today.year).values_list("fiscal_year__year", flat=True)
    return max(years, default=None)


def assessment_years() -> list[int]:
    return sorted(set(Budget.objects.values_list("fiscal_year__year", flat=True)), reverse=True)


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _done_on(item: Rectification) -> date | None:
    if item.status != Rectification.Status.DONE:
        return None
    first = item.history.filter(status=Rectification.Status.DONE).order_by("history_date").first()
    return _day(first.history_date) if first is not None else _day(item.updated_at)


def assessment_facts(*, year: int, departments: QuerySet[Department]) -> list[AssessmentFacts]:
    """What the system holds about each department's ``year`` (考核依据), as the core's plain facts."""
    budgets = {b.department_id: b for b in Budget.objects.filter(fiscal_year__year=year, department__in=departments)
               .select_related("department")}
    facts: dict[int, AssessmentFacts] = {
        pk: AssessmentFacts(department=b.department.name, year=year) for pk, b in budgets.items()}
    for d in GoalDeclaration.objects.filter(fiscal_year__year=year, department_id__in=facts):
        facts[d.department_id].declaration = Submission(_day(d.submitted_at))
    for r in (GoalReview.objects.filter(declaration__fiscal_year__year=year, declaration__department_id__in=facts)
              .select_related("declaration").order_by("created_at")):
        facts[r.declaration.department_id].goal_review_grade = r.overall  # the latest round counts
    for m in MonthlyExecution.objects.filter(budget__in=budgets.values()).select_related("budget").order_by("created_at"):
        entered = _day(m.created_at)
        if entered is not None:
            facts[m.budget.department_id].monthly_entered.setdefault(m.month, entered)
    for e in Evaluation.objects.filter(fiscal_year__year=year, department_id__in=facts).select_related("source_document"):
        # submitted in the system, else the day its report reached it (a file uploaded, a report imported)
        when = e.submitted_at or (e.source_document.created_at if e.source_document else e.created_at)
        facts[e.department_id].self_evaluation = Submission(_day(when))
    for i in Indicator.objects.filter(fiscal_year__year=year, department_id__in=facts):
        facts[i.department_id].indicators.append(IndicatorFact(i.op or None, i.target, i.actual, i.actual_text or None))
    for r in Rectification.objects.filter(department_id__in=facts, deadline__year=year):
        facts[r.department_id].rectifications.append(RectificationFact(r.deadline, _done_on(r)))
    for item in (SampledItem.objects.filter(draw__fiscal_year__year=year, draw__is_current=True, department_id__in=facts)
                 .prefetch_related("adjustments")):
        points = facts[item.department_id].review_adjustments or []
        points += [a.points for a in item.adjustments.all()]
        facts[item.department_id].review_adjustments = points
    if facts:  # the year's warnings as 双监控 keeps them (its deadlines), the board's scope narrowed to ours
        board = monitoring_board(user=_finance_view(), year=year, on=date(year, 12, 31),
                                 only=Department.objects.filter(pk__in=list(facts)))
        for w in board.items:
            if w.department.pk in facts:
                answered = _day(w.response.responded_at) if w.response is not None else None
                facts[w.department.pk].warnings.append(WarningFact(w.deadline, answered))
    return [facts[pk] for pk in sorted(facts, key=lambda pk: facts[pk].department)]


def _finance_view() -> User:
    """An unsaved finance-bureau user: the board's scope is then every department; callers narrow it."""
    from jixiao.web.accounts.models import Role

    return User(username="考核", role=Role.FINANCE)


def assessment_framework() -> AssessmentFramework:
    return load_assessment_framework()


def assessment_results(*, year: int, departments: QuerySet[Department], today: date | None = None
                       ) -> list[AssessmentResult]:
    """Each department's 考核 of ``year`` (of ``departments``, already scoped by ``visible_to``)."""
    framework = assessment_framework()
    scoring = default_framework_for("department_overall")
    on = today or date.today()
    return [assess_department(f, framework, on=on, scoring=scoring)
            for f in assessment_facts(year=year, departments=departments)]


@dataclass
class Ranking:
    year: int
    framework: AssessmentFramework
    rows: list[tuple[int, AssessmentResult, int]] = field(default_factory=list)
    """(名次, result, department id)."""


def ranking(*, user: User, year: int) -> Ranking:
    """The 考核 ranking of the departments ``user`` sees (财政局: all)."""
    visible = Department.objects.visible_to(user)
    ids = dict(visible.values_list("name", "pk"))
    results = assessment_results(year=year, departments=visible)
    return Ranking(year, assessment_framework(), [(place, r, ids[r.department]) for place, r in rank(results)])
