"""Database tests run on SQLite always and on PostgreSQL when DATABASE_URL points at one.

``make test`` runs the suite once on SQLite, then the ``django_db`` tests again with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test``. When that server does not answer,
every database test of the second pass is skipped with a message saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings


def _postgres_unreachable_reason() -> str | None:
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    try:
        import psycopg

        with psycopg.connect(
            host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432, user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None, dbname=db.get("NAME") or "postgres", connect_timeout=3,
        ):
            return None
    except Exception as exc:  # any failure to connect means: skip, and say why
        return f"PostgreSQL at {db.get('HOST')}:{db.get('PORT')} did not answer ({type(exc).__name__}); skipped"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _postgres_unreachable_reason()
    if reason is None:
        return
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("django_db"):
            item.add_marker(marker)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


# Two departments with a user each, a finance user and an admin: the world the isolation,
# API, dashboard and browser tests walk through.
PASSWORD = "pw-for-tests-1"


class World:
    """Departments ``a`` and ``b`` (each with two years of budgets, monthly execution and a document)."""

    def __init__(self) -> None:
        import hashlib

        from jixiao import synthetic
        from jixiao.samples import samples
        from jixiao.web.accounts.models import Role, User
        from jixiao.web.departments.models import Department, FiscalYear
        from jixiao.web.documents.models import SourceDocument
        from jixiao.web.evaluation.flows import save_report

        for index in (0, 1):
            for year in (2021, 2022):
                save_report(synthetic.report(index, year))
        self.a = Department.objects.get(name=synthetic.department(0).name)
        self.b = Department.objects.get(name=synthetic.department(1).name)
        self.year = 2022
        self.documents = {}
        for department, item in zip((self.a, self.b), samples(), strict=False):
            text = item.text()
            self.documents[department.pk] = SourceDocument.objects.create(
                department=department, fiscal_year=FiscalYear.objects.get(year=2022), original_name=f"{department.pk}.txt",
                sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt", size=len(text.encode()),
                extracted_text=text,
            )
        self.orphan_document = SourceDocument.objects.create(
            original_name="orphan.txt", sha256="0" * 64, format="txt", extracted_text="无部门的文件。")
        self.user_a = User.objects.create_user("dept_a", password=PASSWORD, role=Role.DEPARTMENT, department=self.a)
        self.user_b = User.objects.create_user("dept_b", password=PASSWORD, role=Role.DEPARTMENT, department=self.b)
        self.finance = User.objects.create_user("finance", password=PASSWORD, role=Role.FINANCE)
        self.admin = User.objects.create_user("boss", password=PASSWORD, role=Role.ADMIN, is_staff=True,
                                              is_superuser=True)
        from jixiao.web.declarations.models import GoalDeclaration

        self.declaration = GoalDeclaration.objects.create(department=self.a, fiscal_year=FiscalYear.objects.get(year=2022))

        from jixiao.web.projects.models import Project

        self.project = Project.objects.create(  # A's project for the walk and the isolation tests (项目库)
            department=self.a, code="2022-XC-001", name="基层宣传阵地建设", category="宣传文化", start_year=2022,
            end_year=2023, amount=Decimal("120.00"), attribute=Project.Attribute.CONTINUING, is_key=True)

        from django.core.files.base import ContentFile

        from jixiao.exante import load_scheme
        from jixiao.web.exante.models import ExanteAttachment
        from jixiao.web.exante.services import ItemText, create_assessment, save_assessment

        self.assessment = create_assessment(project=self.project, actor=self.user_a)  # A's 事前评估, filled in
        save_assessment(assessment=self.assessment, actor=self.user_a, version_seen=None, narrative={
            "background": "落实区委部署。", "content": "建设宣传阵地。", "goals": "年底前建成。", "funding": "区级财政资金。"},
            items={i.key: ItemText(self_assessment="已论证。") for i in load_scheme().items})
        self.exante_attachment = ExanteAttachment(assessment=self.assessment, original_name="可研报告.pdf",
                                                  sha256="1" * 64, size=13, uploaded_by=self.user_a)
        self.exante_attachment.file.save("可研报告.pdf", ContentFile(b"%PDF-1.4 walk"), save=False)
        self.exante_attachment.save()

        from jixiao.web.batches.models import Batch
        from jixiao.web.results.models import Rectification

        self.batch = Batch.objects.create(key="walk0batch0a", mode="review", department=self.a,  # A's 批量上传
                                          created_by=self.user_a, total=0)

        self.rectification = Rectification.objects.create(  # A's 整改事项 for the walk and the results tests
            department=self.a, fiscal_year=FiscalYear.objects.get(year=2022), problem="部分项目支出进度偏慢。",
            feedback="请于次年6月底前完成整改。")


@pytest.fixture
def world(db) -> World:
    return World()


@contextmanager
def rows_for_a_module(django_db_blocker: Any, media: Path, make: Callable[[], Any]) -> Iterator[Any]:
    """What ``make`` writes, made once for a module's tests and rolled back after its last one.

    ``make`` runs inside a transaction kept open for the module; each test's own transaction
    (pytest-django's) is then a savepoint in it, so a test's writes are undone after it and the
    next test finds the rows as ``make`` left them. For modules whose tests only read the rows or
    write through requests (the API walk, the list pages): a test that changes the objects
    ``make`` returned in memory would hand the change to the next one. Files go under ``media``.
    """
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        try:
            yield make()
        finally:
            transaction.set_rollback(True)  # the module's rows go; nothing of them is ever committed


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """One ``World`` for every test of a module (see ``rows_for_a_module``)."""
    with rows_for_a_module(django_db_blocker, tmp_path_factory.mktemp("media"), World) as shared:
        yield shared


# Browser tests (tests/web/browser.py has the marks and the logged-in Session).
@pytest.fixture
def browser_world(transactional_db, live_server, monkeypatch) -> World:
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures'
    # teardown would otherwise be refused as "async-unsafe".
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from jixiao.web.indicators.services import load_seed

    # a transactional test empties every table after it, the 指标库 seed of the migration too: put it back
    load_seed()
    return World()


@pytest.fixture
def browser() -> Iterator[Any]:
    from tests.web.browser import ARGS, ARTIFACTS, CHROMIUM

    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
