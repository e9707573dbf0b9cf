"""月度执行数导入: the prefilled template, the all-or-nothing upload (page and API), permissions, history."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from jixiao.monitor.monthly_xlsx import template_xlsx
from jixiao.web.budgets.models import MonthlyExecution
from jixiao.web.budgets.services import MonthlyImportRejected, import_monthly_execution

pytestmark = pytest.mark.django_db
D = Decimal


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _months(department, year: int = 2022) -> dict[int, Decimal]:
    return dict(MonthlyExecution.objects.filter(budget__department=department, budget__fiscal_year__year=year)
                .values_list("month", "spent"))


def _history_count(department) -> int:
    return MonthlyExecution.history.filter(budget__department=department).count()


def _filled(world, changes: dict[int, object], *, department=None, year: int = 2022) -> bytes:
    """A's template of ``year`` as downloaded, then ``changes`` typed into it (openpyxl, as Excel would save)."""
    data = template_xlsx(department=(department or world.a).name, year=year, existing=_months(world.a, year))
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for month, value in changes.items():
        sheet.cell(row=month + 2, column=2).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: Client, world, data: bytes, name: str = "执行数.xlsx", year: int = 2022):
    return client.post(f"/departments/{world.a.pk}/budgets/{year}/monthly/import/",
                       {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_the_template_is_prefilled_with_the_recorded_months(world) -> None:
    response = _client(world.user_a).get(f"/departments/{world.a.pk}/budgets/2022/monthly/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert world.a.name in sheet["A1"].value and "2022" in sheet["A1"].value
    assert [sheet.cell(row=2, column=c).value for c in (1, 2)] == ["月份", "当月支出（万元）"]
    recorded = _months(world.a)
    assert recorded, "the world has monthly execution"
    for month in range(1, 13):
        assert sheet.cell(row=month + 2, column=1).value == month
        value = sheet.cell(row=month + 2, column=2).value
        assert (D(str(value)).quantize(D("0.01")) if value is not None else None) == recorded.get(month)


def test_upload_records_changed_months_and_leaves_the_rest_alone(world) -> None:
    before, history = _months(world.a), _history_count(world.a)
    first = min(before)
    page = _upload(_client(world.user_a), world, _filled(world, {first: 12.3})).content.decode()
    after = _months(world.a)
    assert after[first] == D("12.30")
    assert {m: v for m, v in after.items() if m != first} == {m: v for m, v in before.items() if m != first}
    assert f"已导入 2022 年度月度执行数：新增 无；修改 {first}月；未变 {len(before) - 1} 个月" in page
    assert _history_count(world.a) == history + 1  # only the changed month leaves history
    latest = MonthlyExecution.objects.get(budget__department=world.a, budget__fiscal_year__year=2022, month=first
                                          ).history.first()
    assert latest.history_user == world.user_a and latest.history_type == "~"
    assert str(latest.prev_record.spent) == str(before[first]) and str(latest.spent) == "12.30"


def test_a_new_month_is_created(world) -> None:
    MonthlyExecution.objects.filter(budget__department=world.a, budget__fiscal_year__year=2022, month=12).delete()
    result = import_monthly_execution(department=world.a, year=2022, data=_filled(world, {12: "88.8"}), filename="a.xlsx")
    assert result.created == [12] and result.updated == []
    assert _months(world.a)[12] == D("88.80")


def test_one_bad_row_and_nothing_is_recorded(world) -> None:
    before, history = _months(world.a), _history_count(world.a)
    page = _upload(_client(world.user_a), world, _filled(world, {1: 1.0, 2: -5, 3: "1.239"}), name="坏.xlsx"
                   ).content.decode()
    assert _months(world.a) == before and _history_count(world.a) == history
    assert "未导入任何数据（2 处问题）" in page
    assert "坏.xlsx 第4行：金额不能为负数" in page and "坏.xlsx 第5行：金额 1.239 超过两位小数" in page


def test_a_file_that_is_not_xlsx_is_one_line_on_the_page(world) -> None:
    page = _upload(_client(world.user_a), world, b"not,a,workbook\n", name="数据.csv").content.decode()
    assert "数据.csv：不是 Excel 工作簿（.xlsx）文件" in page
    page = _upload(_client(world.user_a), world, b"", name="空.xlsx").content.decode()
    assert "空.xlsx：文件为空" in page
    page = _client(world.user_a).post(f"/departments/{world.a.pk}/budgets/2022/monthly/import/", follow=True).content.decode()
    assert "请选择要导入的 .xlsx 文件" in page


def test_another_year_or_department_template_is_refused(world) -> None:
    with pytest.raises(MonthlyImportRejected) as caught:
        import_monthly_execution(department=world.a, year=2022, data=_filled(world, {1: 1}, year=2021), filename="y.xlsx")
    assert caught.value.lines == ["y.xlsx：模板是 2021 年度的，不能导入 2022 年度"]
    with pytest.raises(MonthlyImportRejected) as caught:
        import_monthly_execution(department=world.a, year=2022, data=_filled(world, {1: 1}, department=world.b),
                                 filename="d.xlsx")
    assert caught.value.lines == [f"d.xlsx：模板是「{world.b.name}」的，不能导入「{world.a.name}」"]


def test_permissions(world) -> None:
    data = _filled(world, {1: 1})
    before = _months(world.a)
    url = f"/departments/{world.a.pk}/budgets/2022/monthly/import/"
    assert _client(world.finance).post(url, {"file": SimpleUploadedFile("f.xlsx", data)}).status_code == 403
    assert _client(world.user_b).post(url, {"file": SimpleUploadedFile("b.xlsx", data)}).status_code == 404
    assert _client(world.user_b).get(f"/departments/{world.a.pk}/budgets/2022/monthly/template.xlsx").status_code == 404
    anonymous = _client().post(url, {"file": SimpleUploadedFile("x.xlsx", data)})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert _months(world.a) == before
    # the admin may import; the finance bureau reads the template (its figures are visible to it) but imports nothing
    assert _upload(_client(world.admin), world, data).status_code == 200 and _months(world.a)[1] == D("1.00")
    assert _client(world.finance).get(f"/departments/{world.a.pk}/budgets/2022/monthly/template.xlsx").status_code == 200


def test_the_department_page_offers_the_import_to_writers_only(world) -> None:
    own = _client(world.user_a).get(f"/departments/{world.a.pk}/").content.decode()
    assert 'id="import-form"' in own and "monthly/template.xlsx" in own
    assert 'id="import-form"' not in _client(world.finance).get(f"/departments/{world.a.pk}/").content.decode()


def test_api_import(world) -> None:
    url = f"/api/departments/{world.a.pk}/budgets/2022/monthly-import"
    first = min(_months(world.a))
    response = _client(world.user_a).post(url, {"file": SimpleUploadedFile("api.xlsx", _filled(world, {first: 0.5}))})
    assert response.status_code == 200
    body = response.json()
    assert body["updated"] == [first] and body["created"] == [] and _months(world.a)[first] == D("0.50")
    bad = _client(world.user_a).post(url, {"file": SimpleUploadedFile("api.xlsx", _filled(world, {2: "x", 3: 1.001}))})
    assert bad.status_code == 422
    assert bad.json() == {"detail": "未导入任何数据",
                          "errors": ["api.xlsx 第4行：「x」不是数字", "api.xlsx 第5行：金额 1.001 超过两位小数"]}
    assert _client(world.finance).post(url, {"file": SimpleUploadedFile("f.xlsx", _filled(world, {1: 1}))}
                                       ).status_code == 403
    assert _client(world.user_b).post(url, {"file": SimpleUploadedFile("b.xlsx", _filled(world, {1: 1}))}
                                      ).status_code == 404
    assert _client().post(url, {"file": SimpleUploadedFile("b.xlsx", b"x")}).status_code == 401
