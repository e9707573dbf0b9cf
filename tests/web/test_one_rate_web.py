"""One department-year, one execution rate on every face of the web app and in its DOCX.

123.45 of 200 is 61.725 %: half-up to two places (``jixiao.figures``) is 61.73 %; Decimal's
default banker's rounding, which the dashboard used before its callers were switched, says
61.72 %. The dashboard (page and API), the home page, the department page, the evaluation page,
the budgets API and the downloaded DOCX must all say 61.73 %.
"""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from django.test import Client

from jixiao.report import Budget, Indicator, MonthlyAmount, PerformanceReport
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.flows import save_report

pytestmark = pytest.mark.django_db
D = Decimal
NAME = "广州市某区测试局"


def _report() -> PerformanceReport:
    months = [MonthlyAmount(month=m, spent=D("10.28")) for m in range(1, 12)]
    months.append(MonthlyAmount(month=12, spent=D("123.45") - 11 * D("10.28")))
    budget = Budget(initial=D(200), total=D(200), spent=D("123.45"), monthly=months)
    return PerformanceReport(
        department=NAME, region="广州市某区", year=2022, kind="department_overall", budget=budget,
        indicators=[Indicator(name="宣传场次", level1="产出指标", level2="数量指标", op=">=", target=D(20), actual=D(18),
                              unit="场", weight=D(50), score=D(45))])


@pytest.fixture
def half_cent(world) -> Department:
    save_report(_report())
    return Department.objects.get(name=NAME)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start:html.index("</tr>", start)]


def test_every_page_the_api_and_the_docx_say_61_73(world, half_cent) -> None:
    client = _client(world.finance)
    pages = {
        "dashboard": _row(client.get("/dashboard/", {"year": 2022}).content.decode(), NAME),
        "home": _row(client.get("/").content.decode(), NAME),
        "department": client.get(f"/departments/{half_cent.pk}/").content.decode(),
        "evaluation": client.get(f"/departments/{half_cent.pk}/evaluation/2022/").content.decode(),
    }
    for where, html in pages.items():
        assert "61.73%" in html, where
        assert "61.72" not in html and "61.725" not in html, where

    board = client.get("/api/dashboard", {"year": 2022}).json()
    row = next(r for r in board["rows"] if r["department"] == NAME)
    assert D(str(row["execution_rate"])) == D("61.73")
    budget = client.get(f"/api/departments/{half_cent.pk}/budgets/2022").json()
    assert D(str(budget["computed_execution_rate"])) == D("61.73")

    response = client.get(f"/departments/{half_cent.pk}/evaluation/2022/report.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "预算执行率为61.73%" in body and "61.72" not in body


def test_a_stated_rate_and_the_computed_one_are_both_shown_and_labelled(world, half_cent) -> None:
    budget = half_cent.budgets.get(fiscal_year__year=2022)
    budget.execution_rate = D("65.00")  # the report states a rate its amounts do not give
    budget.save()
    html = _client(world.finance).get(f"/departments/{half_cent.pk}/").content.decode()
    assert "65.00%" in html and "（报告所述）" in html and "61.73%" in html and "（系统计算）" in html
