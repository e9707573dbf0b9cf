"""The department's report (DOCX download) takes its 项目支出 section from its projects (issue 16): in
各重点任务项目支出完成情况分析, after the department's own words, each project's 全年预算数 / 全年执行数 /
执行率 and grade, then their sum against the department's 项目支出 with the difference explained."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from docx import Document

from jixiao.figures import computed_rate
from jixiao.figures.format import money, percent
from jixiao.web import demo
from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.selectors import stored_report
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import change_status, create_project
from jixiao.web.projperf.demo import fill_project
from jixiao.web.projperf.selectors import project_spending

pytestmark = pytest.mark.django_db
YEAR = 2022


def _paragraphs(client: Client, department: Department) -> list[str]:
    response = client.get(f"/departments/{department.pk}/evaluation/{YEAR}/report.docx")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [p.text.strip() for p in Document(io.BytesIO(body)).paragraphs if p.text.strip()]


def test_the_reports_project_section_lists_the_projects_after_the_departments_words() -> None:
    demo.import_seeds()
    zengcheng = Department.objects.get(name="中国共产党广州市增城区委员会宣传部")
    officer = User.objects.create_user("zc", password="x" * 16, role=Role.DEPARTMENT, department=zengcheng)
    finance = User.objects.create_user("cz", password="x" * 16, role=Role.FINANCE)
    client = Client()
    client.force_login(finance)
    before = _paragraphs(client, zengcheng)
    heading = next(i for i, p in enumerate(before) if "各重点任务项目支出完成情况分析" in p)
    own = before[heading + 1]  # the department's own first paragraph of that section

    made = []
    for index, (code, name) in enumerate([("ZC-001", "新时代文明实践经费"), ("ZC-002", "主题宣传活动经费")]):
        project = create_project(department=zengcheng, actor=officer, code=code, name=name, start_year=YEAR,
                                 end_year=YEAR, amount=Decimal("50.00"), attribute=Project.Attribute.CONTINUING)
        project = change_status(project=project, to=Project.Status.APPROVED, actor=officer)
        made.append(fill_project(project, YEAR, index=index, submitter=officer, reviewer=finance))

    after = _paragraphs(client, zengcheng)
    start = next(i for i, p in enumerate(after) if "各重点任务项目支出完成情况分析" in p)
    assert after[start + 1] == own  # the department's words stay, first
    section = after[start + 1:]
    for row in made:
        line = next(p for p in section if row.project.name in p)
        assert f"全年预算数{money(row.total, grouped=True)}万元" in line
        assert f"全年执行数{money(row.spent, grouped=True)}万元" in line
        assert f"执行率{percent(computed_rate(row.total, row.spent))}" in line
        assert f"等级{row.grade}" in line
        assert section.index(line) > 0  # after the department's own paragraph
    stated = stored_report(zengcheng, YEAR).budget.by_nature.project
    spending = project_spending(department=zengcheng, year=YEAR, stated=stated)
    assert spending.projects_total == sum((r.spent for r in made), Decimal(0))
    assert spending.explanation in section
    if not spending.agrees:
        assert "相差" in spending.explanation or "未填项目支出" in spending.explanation
    assert "【待填写" not in "".join(section[:section.index(spending.explanation) + 1])
