"""指标库 web app: the seed in the database, search, the status flow with versions, proposals, permissions,
XLSX download and upload (round trip unchanged, a bad row imports nothing), the API."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from jixiao.indicators.library import load_seed
from jixiao.indicators.xlsx import write_library
from jixiao.web.accounts.models import Role, User
from jixiao.web.common.locking import EditConflict, version_of
from jixiao.web.indicators import selectors, services
from jixiao.web.indicators.models import LibraryIndicator, Status

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_seed_is_in_the_library_with_its_sources(world):
    assert LibraryIndicator.objects.filter(status=Status.ACTIVE, version=1).count() == len(load_seed())
    row = selectors.get_by_code("GS-XC-0001")
    assert row.name == "舆情日报数量" and row.operator == ">=" and row.unit == "期" and "荔湾" in row.source
    assert services.load_seed() == 0  # a second load adds nothing


def test_search_by_name_industry_field_level_and_scope(world):
    assert [r.code for r in selectors.search(q="舆情")] == ["GS-XC-0001", "GS-XC-0006"]
    assert {r.industry for r in selectors.search(industry="一般公共服务", limit=None)} == {"一般公共服务"}
    assert [r.name for r in selectors.search(field="文化和旅游")] == ["新时代文明实践中心活动场次"]
    assert {r.level2 for r in selectors.search(level1="过程", limit=None)} == {"预算执行", "预算管理", "资产管理"}
    assert all(r.scope == "共性" for r in selectors.search(scope="共性", limit=None))
    assert len(selectors.search(limit=5)) == 5


def test_status_flow_versions_and_history(world):
    row = services.create(actor=world.finance, code="GS-JY-0001", name="义务教育巩固率", level1="效益指标",
                          level2="社会效益指标", scope="个性", industry="教育", field="普通教育", operator=">=", unit="%")
    assert row.status == Status.DRAFT and row.version == 0
    row = services.submit(indicator=row, actor=world.finance, version=version_of(row))
    assert row not in selectors.search(q="巩固率")  # not yet in the library
    row = services.approve(indicator=row, actor=world.finance, version=version_of(row))
    assert (row.status, row.version) == (Status.ACTIVE, 1) and list(selectors.search(q="巩固率")) == [row]
    stale = version_of(row)
    row = services.update(indicator=row, actor=world.finance, version=stale, scoring_standard="≥95% 得满分")
    assert row.version == 2  # an approved change of an indicator in the library
    with pytest.raises(EditConflict):
        services.update(indicator=row, actor=world.finance, version=stale, unit="个")
    row = services.retire(indicator=row, actor=world.finance, version=version_of(row))
    assert row.status == Status.RETIRED and row not in selectors.search(q="巩固率")
    with pytest.raises(services.TransitionRefused, match="只有待审核的指标可以审核通过"):
        services.approve(indicator=row, actor=world.finance, version=version_of(row))
    actions = [line["action"] for line in selectors.history_of(row)]
    assert actions[0] == "入库 → 停用" and "审核 → 入库" in actions and actions[-1] == "新建指标"
    page = _client(world.finance).get(f"/indicators/{row.pk}/").content.decode()
    assert "评(扣)分标准：— → ≥95% 得满分" in page and "入库 → 停用" in page and "第 2 版" in page


def test_a_seed_indicators_first_edit_reads_as_an_edit_and_the_seed_as_its_origin(world):
    # the migration loads the seed without history: the first edit read "新建指标" by its editor
    row = LibraryIndicator.objects.get(code=load_seed()[0].code)
    shipped = load_seed()[0].scoring_standard or "—"
    row = services.update(indicator=row, actor=world.finance, version=version_of(row), scoring_standard="按完成比例计分")
    lines = selectors.history_of(row)
    assert [line["action"] for line in lines] == ["修改指标", "载入指标库初始数据"]
    assert lines[0]["changes"] == [f"评(扣)分标准：{shipped} → 按完成比例计分", "版本：1 → 2"] and lines[0]["who"] == "finance"
    assert lines[1]["who"] == "系统" and lines[1]["date"] == row.created_at
    page = _client(world.finance).get(f"/indicators/{row.pk}/").content.decode()
    assert "载入指标库初始数据" in page and "新建指标" not in page.split("修改记录")[-1]
    # an indicator made in the system keeps its own creation line, and no origin line
    made = services.create(actor=world.finance, code="GS-X-1", name="新指标", level1="产出指标", scope="个性",
                           industry="教育", field="普通教育")
    assert [line["action"] for line in selectors.history_of(made)] == ["新建指标"]


def test_invalid_fields_are_one_chinese_line(world):
    with pytest.raises(services.IndicatorInvalid, match=r"^行业“宣传局”不在行业分类中$"):
        services.propose(actor=world.user_a, name="x", level1="产出指标", industry="宣传局")
    with pytest.raises(services.IndicatorInvalid, match=r"^领域“普通教育”不属于行业“一般公共服务”$"):
        services.propose(actor=world.user_a, name="x", level1="产出指标", industry="一般公共服务", field="普通教育")
    with pytest.raises(services.IndicatorInvalid, match=r"^请填写退回原因$"):
        row = services.propose(actor=world.user_a, name="x", level1="产出指标", industry="一般公共服务")
        services.reject(indicator=row, actor=world.finance, note=" ")


def test_a_proposal_goes_to_the_queue_and_is_reviewed_into_the_library(world):
    row = services.propose(actor=world.user_a, name="网络文明宣传活动场次", unit="场", operator=">=",
                           level1="产出指标", level2="数量指标", industry="一般公共服务", field="宣传事务",
                           proposed_by_department=world.a)
    assert row.status == Status.REVIEW and row.proposed_by_department == world.a and row.code.startswith("SB-")
    again = services.propose(actor=world.user_b, name="网络文明宣传活动场次", unit="场", level1="产出指标",
                             industry="一般公共服务")
    assert again == row  # one proposal, not two
    queue = _client(world.finance).get("/indicators/review/").content.decode()
    assert "网络文明宣传活动场次" in queue and world.a.name in queue
    response = _client(world.finance).post(f"/indicators/{row.pk}/approve/",
                                           {"version": version_of(row), "next": "queue"})
    assert response.status_code == 302 and response["Location"] == "/indicators/review/"
    row.refresh_from_db()
    assert (row.status, row.version, row.reviewed_by) == (Status.ACTIVE, 1, world.finance)
    assert "网络文明宣传活动场次" not in _client(world.finance).get("/indicators/review/").content.decode()


def test_departments_read_and_propose_the_finance_bureau_reviews_edits_imports(world):
    row = services.propose(actor=world.user_b, name="乙部门提出的指标", level1="产出指标", industry="教育",
                           proposed_by_department=world.b)
    a, b, finance = _client(world.user_a), _client(world.user_b), _client(world.finance)
    assert a.get("/indicators/").status_code == 200
    assert a.get(f"/indicators/{row.pk}/").status_code == 404  # another department's proposal
    assert b.get(f"/indicators/{row.pk}/").status_code == 200
    for url in ("/indicators/review/", "/indicators/import/", f"/indicators/{row.pk}/edit/"):
        assert b.get(url).status_code == 403 and finance.get(url).status_code == 200
    assert b.post(f"/indicators/{row.pk}/approve/", {"version": version_of(row)}).status_code == 403
    expert = User.objects.create_user("expert1", password="x-123456789", role=Role.EXPERT)
    assert _client(expert).get("/indicators/").status_code == 403
    assert _client(expert).get("/api/indicators").status_code == 403
    response = a.post("/indicators/new/", {"name": "甲部门提出的指标", "level1": "产出指标", "industry": "教育",
                                           "operator": ">=", "unit": "人"})
    proposed = LibraryIndicator.objects.get(name="甲部门提出的指标")
    assert response.status_code == 302 and proposed.status == Status.REVIEW and proposed.proposed_by_department == world.a


def test_list_page_filters(world):
    page = _client(world.user_a).get("/indicators/?industry=一般公共服务&field=宣传事务").content.decode()
    assert "舆情日报数量" in page and "公用经费控制率" not in page
    page = _client(world.user_a).get("/indicators/?q=公用经费").content.decode()
    assert "公用经费控制率" in page and "舆情日报数量" not in page


def test_download_upload_round_trip_is_unchanged(world):
    finance = _client(world.finance)
    first = finance.get("/indicators/export.xlsx")
    assert first.status_code == 200 and first["Content-Type"].startswith("application/vnd.openxmlformats")
    response = finance.post("/indicators/import/", {"file": _upload(first.content)})
    assert response.status_code == 302
    assert LibraryIndicator.objects.filter(version=1).count() == len(load_seed())  # nothing changed
    second = finance.get("/indicators/export.xlsx")
    assert _cells(first.content) == _cells(second.content)


def test_a_bad_row_imports_nothing_and_names_the_row(world):
    book = openpyxl.load_workbook(io.BytesIO(write_library(load_seed()[:2])))
    sheet = book.active
    sheet["D2"] = "改过的名称"                     # a good change …
    sheet.append(["GS-NEW-01", "产出指标", "数量指标", "新指标", "个性", "宣传局"])  # … and a bad row
    out = io.BytesIO()
    book.save(out)
    response = _client(world.finance).post("/indicators/import/", {"file": _upload(out.getvalue())})
    page = response.content.decode()
    assert response.status_code == 200 and "指标库.xlsx 第4行：行业“宣传局”不在行业分类中" in page
    assert not LibraryIndicator.objects.filter(name="改过的名称").exists()
    assert not LibraryIndicator.objects.filter(code="GS-NEW-01").exists()
    page = _client(world.finance).post("/indicators/import/", {"file": _upload(b"not a workbook")}).content.decode()
    assert "指标库.xlsx：不是 Excel 工作簿（.xlsx）文件" in page


def test_api_search_detail_propose_review(world):
    a, finance = _client(world.user_a), _client(world.finance)
    found = a.get("/api/indicators", {"q": "舆情日报", "industry": "一般公共服务"}).json()
    assert found["count"] == 1 and found["indicators"][0]["operator_label"] == "≥"
    item = a.get(f"/api/indicators/{found['indicators'][0]['id']}").json()
    assert item["unit"] == "期" and item["status_label"] == "入库"
    created = a.post("/api/indicators", {"name": "API 提出的指标", "level1": "产出指标", "industry": "教育",
                                         "unit": "次", "operator": ">="}, content_type="application/json")
    assert created.status_code == 200 and created.json()["status"] == "review"
    proposal = created.json()
    assert a.post(f"/api/indicators/{proposal['id']}/review", {"action": "approve", "lock_version": 0},
                  content_type="application/json").status_code == 403
    stale = finance.post(f"/api/indicators/{proposal['id']}/review", {"action": "approve", "lock_version": 1},
                         content_type="application/json")
    assert stale.status_code == 409
    done = finance.post(f"/api/indicators/{proposal['id']}/review",
                        {"action": "approve", "lock_version": proposal["lock_version"]}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "active" and done.json()["version"] == 1
    bad = a.post("/api/indicators", {"name": "x", "level1": "产出指标", "industry": "宣传局"},
                 content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"] == "行业“宣传局”不在行业分类中"


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("指标库.xlsx", data)


def _cells(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))

