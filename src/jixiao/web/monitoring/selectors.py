"""Reads of 双监控 (monitoring): the stored budgets as the core monitors them, the result on a date, and the
warnings with their responses (预警与响应): deadline and what was answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from jixiao.monitor import MonitoredBudget, MonitorResult, load_thresholds, run_monitor
from jixiao.monitor.response import is_overdue, raised_warnings, response_deadline, warning_key
from jixiao.monitor.warnings import ResponseRules
from jixiao.web.accounts.models import User
from jixiao.web.budgets.selectors import as_monitored, budgets_with_monthly
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import writable_departments
from jixiao.web.monitoring.models import WarningResponse


def monitored_budgets(*, year: int, departments: QuerySet[Department] | None = None) -> list[MonitoredBudget]:
    """Every stored budget of ``year`` (of ``departments`` when given) with its months, for 双监控."""
    budgets = budgets_with_monthly(departments=departments, year=year).filter(total__isnull=False)
    return [as_monitored(budget) for budget in budgets]


def default_monitoring_date(year: int, today: date | None = None) -> date:
    """Today within ``year``; the year end once it is past, 1 January before it starts."""
    today = today or date.today()
    return min(max(today, date(year, 1, 1)), date(year, 12, 31))


def monitoring_for(*, user: User, year: int, on: date, department: int | None = None) -> MonitorResult:
    """双监控 of the departments ``user`` sees (only ``department`` when given, as the page's 部门 filter),
    by the core's ``run_monitor`` under the shipped thresholds."""
    visible = Department.objects.visible_to(user)
    if department is not None:
        visible = visible.filter(pk=department)
    return run_monitor(monitored_budgets(year=year, departments=visible), on=on, thresholds=load_thresholds())


def response_rules() -> ResponseRules:
    """The response rules of the shipped thresholds (响应规则: actions, working days, what follows overdue)."""
    rules = load_thresholds().response
    if rules is None:
        raise LookupError("阈值文件未规定预警响应")
    return rules


@dataclass(frozen=True)
class WarningItem:
    """One warning of a department (raised on the monitoring date, or answered earlier) with its response."""

    department: Department
    key: str
    message: str
    month: int
    deadline: date
    overdue: bool
    current: bool
    response: WarningResponse | None
    can_respond: bool

    @property
    def pending(self) -> bool:
        return self.response is None


@dataclass
class MonitoringBoard:
    """The core's monitoring result and every warning item, overdue unanswered ones first (预警响应台账)."""

    result: MonitorResult
    rules: ResponseRules
    reference: date
    items: list[WarningItem] = field(default_factory=list)
    year_closed: bool = False
    """The fiscal year is closed (已结账): its warnings are history, none is overdue."""
    departments: list[Department] = field(default_factory=list)
    """The departments the user sees, with their regions (for which region's thresholds apply)."""

    def by_department(self) -> dict[str, list[WarningItem]]:
        """The warnings raised on the monitoring date, by department name (the rows of the table)."""
        rows: dict[str, list[WarningItem]] = {}
        for item in self.items:
            if item.current:
                rows.setdefault(item.department.name, []).append(item)
        return rows

    def monitored_departments(self) -> list[Department]:
        """The departments with a row on the monitoring date (a budget that year)."""
        monitored = {row.department for row in self.result.rows}
        return [d for d in self.departments if d.name in monitored]

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.pending and item.overdue)


def responses_for(*, user: User, year: int | None = None) -> QuerySet[WarningResponse]:
    """The responses of the departments ``user`` sees (of ``year`` when given)."""
    responses = WarningResponse.objects.filter(department__in=Department.objects.visible_to(user)).select_related(
        "department", "fiscal_year", "responded_by")
    if year is not None:
        responses = responses.filter(fiscal_year__year=year)
    return responses.order_by("department__name", "month", "kind")


def monitoring_board(*, user: User, year: int, on: date, today: date | None = None,
                     only: QuerySet[Department] | None = None) -> MonitoringBoard:
    """双监控 on ``on`` with every warning of the year so far, its response or its deadline.

    Overdue is judged on ``on``, never past today (a date ahead shows nothing overdue that is not yet),
    and only in an open year: once the fiscal year is closed (已结账) no warning of it is overdue.
    ``only`` narrows the board to those departments (of the ones ``user`` sees).
    """
    rules = response_rules()
    thresholds = load_thresholds()
    visible = Department.objects.visible_to(user)
    if only is not None:
        visible = visible.filter(pk__in=only.values("pk"))
    budgets = monitored_budgets(year=year, departments=visible)
    result = run_monitor(budgets, on=on, thresholds=thresholds)
    current = {(w.department, warning_key(w)) for w in result.warnings}
    reference = min(on, today or date.today())
    departments = {d.name: d for d in visible.select_related("region__parent__parent")}
    writable = set(writable_departments(user).values_list("pk", flat=True))
    responses = {(r.department_id, r.warning_key): r for r in responses_for(user=user, year=year)}
    closed = FiscalYear.objects.filter(year=year, is_closed=True).exists()
    board = MonitoringBoard(result=result, rules=rules, reference=reference, year_closed=closed,
                            departments=list(departments.values()))
    seen: set[tuple[int, str]] = set()
    for warning in raised_warnings(budgets, year=year, on=on, thresholds=thresholds):
        department = departments.get(warning.department)
        if department is None or warning.month is None:
            continue
        key = warning_key(warning)
        seen.add((department.pk, key))
        deadline = response_deadline(month=warning.month, year=year, rules=rules)
        board.items.append(WarningItem(
            department=department, key=key, message=warning.message, month=warning.month, deadline=deadline,
            overdue=not closed and is_overdue(deadline, reference), current=(warning.department, key) in current,
            response=responses.get((department.pk, key)), can_respond=department.pk in writable))
    for (department_id, key), response in responses.items():
        if (department_id, key) not in seen:  # answered, though the figures no longer raise it
            board.items.append(WarningItem(
                department=response.department, key=key, message=response.message, month=response.month,
                deadline=response.deadline, overdue=not closed and is_overdue(response.deadline, reference), current=False,
                response=response, can_respond=department_id in writable))
    board.items.sort(key=lambda i: (not (i.pending and i.overdue), not i.pending, i.deadline, i.department.name))
    return board
