"""Demo data (演示数据): the two seed departments, generated departments, and an account per role."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from jixiao import synthetic
from jixiao.importer import import_file
from jixiao.report import PerformanceReport
from jixiao.samples import samples
from jixiao.web.accounts.models import Role, User
from jixiao.web.audit.services import system_user
from jixiao.web.batches.demo import submit_demo_batch
from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.common.actor import acting_as
from jixiao.web.common.demo_dates import demo_moment
from jixiao.web.declarations.demo import load_declarations
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.disclosure.demo import publish_demo_reports
from jixiao.web.documents.models import SourceDocument
from jixiao.web.evaluation.flows import store_import, store_reports
from jixiao.web.evaluation.models import Evaluation
from jixiao.web.exante.demo import assign_demo_expert, load_exante
from jixiao.web.monitoring.demo import load_demo_responses
from jixiao.web.oversight.demo import load_demo_sampling
from jixiao.web.projects.demo import load_projects
from jixiao.web.projperf.demo import load_project_performance
from jixiao.web.results.demo import add_demo_rectifications
from jixiao.web.reviews.demo import record_demo_reviews
from jixiao.web.targets.demo import load_indicator_history


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    department: str | None


def import_seeds() -> int:
    """Import the two published seed reports, as a user's ``jixiao import --save`` would.

    A published report states its year's 执行数 but no months; the demo spreads it over twelve
    months that add up to it exactly, so 双监控 shows the same figure the home page does.
    """
    for item in samples():
        result = import_file(item.text_path)
        if result.report is None:
            raise RuntimeError(f"演示数据导入失败：{result.error}")
        budget = result.report.budget
        if budget.spent is not None and not budget.monthly:
            budget.monthly = synthetic.monthly_spread(budget.spent, result.report.department or item.id)
        store_import(result)
    return len(samples())


def generated_reports(count: int, years: Iterable[int], *, seed: int = 0) -> Iterable[PerformanceReport]:
    return synthetic.reports(count, years=tuple(years), seed=seed)


DEMO_SOURCE = "演示数据"
"""The source every demo write is recorded with, under the system account (系统)."""


@transaction.atomic
def load(*, departments: int = 30, years: Iterable[int] = (2020, 2021, 2022), seed: int = 0) -> int:
    """Import the seeds and store ``departments`` generated departments; returns the number of reports."""
    with acting_as(user=system_user(), source=DEMO_SOURCE):
        count = import_seeds()
        count += store_reports(generated_reports(departments, years, seed=seed))
        date_reports()
        load_demo_responses()
        add_demo_rectifications()
        record_demo_reviews()
        load_projects()  # the 项目库: each department-year's 项目支出 split into its projects
        load_exante()  # 事前绩效评估: the seed departments' next-year projects, one in each outcome
        load_project_performance()  # 项目绩效: budgets, monitoring and a finished 自评 (before the years close)
        load_indicator_history()  # 目标质量: library indicators' history in the generated departments, then the statistics
        submit_demo_batch()
        load_demo_sampling()  # 抽评: a drawn 2022 sample with one 复核调整 (issue 19)
        publish_demo_reports()  # 信息公开: the seeds' 2022 goals, self-evaluations and 荔湾's 复核 result
        close_past_years()
    return count


def date_reports() -> None:
    """Date the stored reports as their years ran (``common.demo_dates``): each month's 执行数 entered early the
    next month, each self-evaluation and its file the next spring — not the day the demo was loaded."""
    years = FiscalYear.objects.values_list("year", flat=True)
    for year in years:
        for month in range(1, 13):
            MonthlyExecution.objects.filter(budget__fiscal_year__year=year, month=month).update(
                created_at=demo_moment("monthly", year, month))
        spring = demo_moment("self_evaluation", year)
        Evaluation.objects.filter(fiscal_year__year=year).update(created_at=spring)
        SourceDocument.objects.filter(fiscal_year__year=year).update(created_at=spring)


def close_past_years() -> int:
    """Close (已结账) every demo year before the latest, as after their final accounts (决算); returns how many.

    The latest year stays open: its self-evaluations are edited and its warnings can go overdue;
    a closed year's warnings are history, none overdue (双监控).
    """
    latest = FiscalYear.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return 0
    return FiscalYear.objects.filter(year__lt=latest).update(is_closed=True)


DEMO_ACCOUNTS = (
    DemoAccount("admin", "jixiao-admin-2022", Role.ADMIN, None),
    DemoAccount("caizheng", "jixiao-caizheng-2022", Role.FINANCE, None),
    DemoAccount("liwan", "jixiao-liwan-2022", Role.DEPARTMENT, "中国共产党广州市荔湾区委员会宣传部"),
    DemoAccount("zengcheng", "jixiao-zengcheng-2022", Role.DEPARTMENT, "中国共产党广州市增城区委员会宣传部"),
    DemoAccount("zhuanjia", "jixiao-zhuanjia-2022", Role.EXPERT, None),
)
"""One account per role; the department users belong to the two seed departments."""


def create_accounts() -> tuple[DemoAccount, ...]:
    """Create the demo accounts (the demo database is local and throwaway, so fixed passwords)."""
    with acting_as(user=system_user(), source=DEMO_SOURCE):
        return _create_accounts()


def _create_accounts() -> tuple[DemoAccount, ...]:
    for account in DEMO_ACCOUNTS:
        department = Department.objects.get(name=account.department) if account.department else None
        User.objects.create_user(
            username=account.username,
            password=account.password,
            role=account.role,
            department=department,
            is_staff=account.role == Role.ADMIN,
            is_superuser=account.role == Role.ADMIN,
        )
    load_declarations()  # reviews need the finance account, so the demo declarations come after it
    assign_demo_expert()  # the 事前评估 waiting for review go to the demo expert (评审专家)
    return DEMO_ACCOUNTS
