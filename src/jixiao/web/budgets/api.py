"""Budgets and monthly execution (预算与月度执行) of one department.

This app's part of ``/api/``: its router and the schemas of what it reads and writes.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.


from django.http import Http404
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from jixiao.monitor.monthly_xlsx import monthly_read_cap
from jixiao.report import Number
from jixiao.web.budgets.models import Budget
from jixiao.web.budgets.selectors import budgets_with_monthly, progress_series
from jixiao.web.budgets.services import import_monthly_execution, record_monthly_execution
from jixiao.web.common.locking import as_version
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import DepartmentRequest, require_department_access

# -- schemas --------------------------------------------------------------------------------------

class MonthOut(Schema):
    month: int
    spent: Number = Field(description="当月支出（万元）")
    version: int = Field(description="乐观锁版本：PUT 该月时原样送回")


class BudgetOut(Schema):
    """A department's budget of one year (部门预算) with its monthly execution."""

    department_id: int
    year: int
    initial: Number | None = Field(description="年初预算数")
    total: Number | None = Field(description="全年预算数")
    spent: Number | None = Field(description="全年执行数")
    execution_rate: Number | None = Field(description="预算执行率（%，报告所述）")
    computed_execution_rate: Number | None = Field(description="执行数 / 预算数 × 100")
    carryover: Number | None = Field(description="年末结转和结余")
    monthly: list[MonthOut]


class MonthlyIn(Schema):
    """月度执行数录入: what was spent in the month, in 万元 to the cent."""

    spent: Number = Field(ge=0, max_digits=14, decimal_places=2, description="当月支出（万元）")
    version: int = Field(ge=0, description="该月的 version（GET 所得；尚未录入的月份为 0）；期间他人已保存 → 409")


class MonthlyWritten(Schema):
    department_id: int
    year: int
    month: int
    spent: Number
    created: bool
    version: int


class ProgressPoint(Schema):
    """One month of 执行进度 against 序时进度, both in percent."""

    month: int
    spent: Number | None = Field(description="累计执行数（万元）")
    execution: Number | None = Field(description="累计执行进度（%）")
    time_progress: Number = Field(description="序时进度（%）")


class ProgressOut(Schema):
    department_id: int
    department: str
    year: int
    total: Number | None
    points: list[ProgressPoint]


class MonthlyImportOut(Schema):
    """What an import of the monthly template did (月度执行数导入结果)."""

    department_id: int
    year: int
    created: list[int] = Field(description="新增的月份")
    updated: list[int] = Field(description="修改的月份")
    unchanged: list[int] = Field(description="未变的月份")


class ImportRejected(Schema):
    """Nothing was imported: one line per bad row (or one for a bad file)."""

    detail: str
    errors: list[str]


# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["预算"])
UPLOAD = File(...)  # the multipart ``file`` field; one instance, as ninja reads it from the default


def budget_out(budget: Budget) -> BudgetOut:
    return BudgetOut(
        department_id=budget.department_id, year=budget.fiscal_year.year, initial=budget.initial, total=budget.total,
        spent=budget.spent, execution_rate=budget.execution_rate,
        computed_execution_rate=budget.computed_execution_rate, carryover=budget.carryover,
        monthly=[MonthOut(month=m.month, spent=m.spent, version=as_version(m.updated_at))
                 for m in budget.monthly.all()],
    )


def _budget(department: Department, year: int) -> Budget:
    budget = budgets_with_monthly(departments=Department.objects.filter(pk=department.pk), year=year).first()
    if budget is None:
        raise Http404("该年度没有预算")
    return budget


@router.get("/departments/{department_id}/budgets", response=list[BudgetOut])
@require_department_access()
def list_budgets(request: DepartmentRequest, department_id: int) -> list[BudgetOut]:
    """The department's budgets of every year, with monthly execution (各年度预算).

    Who: those who see the department.
    """
    department = request.department
    return [budget_out(b) for b in budgets_with_monthly(departments=Department.objects.filter(pk=department.pk))]


@router.get("/departments/{department_id}/budgets/{year}", response=BudgetOut)
@require_department_access()
def get_budget(request: DepartmentRequest, department_id: int, year: int) -> BudgetOut:
    """The year's budget with monthly execution (年度预算).

    Who: those who see the department.
    """
    return budget_out(_budget(request.department, year))


@router.get("/departments/{department_id}/budgets/{year}/progress", response=ProgressOut)
@require_department_access()
def get_progress(request: DepartmentRequest, department_id: int, year: int) -> ProgressOut:
    """Cumulative execution against 序时进度, month by month (执行进度, core `monitor.progress`).

    Who: those who see the department.
    """
    budget = _budget(request.department, year)
    points = [ProgressPoint(month=p.month, spent=p.spent, execution=p.execution, time_progress=p.time_progress)
              for p in progress_series(budget)]
    return ProgressOut(department_id=budget.department_id, department=budget.department.name, year=year,
                       total=budget.total, points=points)


@router.put("/departments/{department_id}/budgets/{year}/monthly/{month}", response=MonthlyWritten)
@require_department_access(write=True)
def put_monthly(request: DepartmentRequest, department_id: int, year: int, month: int, payload: MonthlyIn
                ) -> MonthlyWritten:
    """Record the month's execution (录入月度执行数) `{"spent": "123.45", "version": 0}`: `version` is the
    month's from GET (0 when not yet recorded); saved by someone else since → 409 `{detail, version, changes}`.

    Who: the department's own users, admin.
    """
    if not 1 <= month <= 12:
        raise Http404("月份应为 1–12")
    row, created = record_monthly_execution(department=request.department, year=year, month=month,
                                            spent=payload.spent, version=payload.version)
    return MonthlyWritten(department_id=department_id, year=year, month=month, spent=row.spent, created=created,
                          version=as_version(row.updated_at))


@router.post("/departments/{department_id}/budgets/{year}/monthly-import",
             response={200: MonthlyImportOut, 422: ImportRejected})
@require_department_access(write=True)
def import_monthly(request: DepartmentRequest, department_id: int, year: int, file: UploadedFile = UPLOAD
                   ) -> MonthlyImportOut:
    """Import the filled monthly template (月度执行数导入, multipart `file`): all rows or none (422 `{"detail",
    "errors": [one line per bad row]}`).

    Who: the department's own users, admin.
    """
    result = import_monthly_execution(department=request.department, year=year, data=file.read(monthly_read_cap()),
                                      filename=file.name or "upload.xlsx")
    return MonthlyImportOut(department_id=department_id, year=year, created=result.created, updated=result.updated,
                            unchanged=result.unchanged)
