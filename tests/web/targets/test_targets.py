"""目标质量 on the real DB: observations and statistics follow the saves, the checks of a declaration, isolation."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from tests.web.conftest import PASSWORD
from tests.web.targets.conftest import LIWAN, PEERS

from jixiao.web.evaluation.models import Indicator
from jixiao.web.targets.models import Observation, PeerStat
from jixiao.web.targets.selectors import row_checks
from jixiao.web.targets.services import rebuild_all

pytestmark = pytest.mark.django_db


def declared(name: str = "舆情日报数量", target: str = "200", op: str = ">=", unit: str = "期"):
    return SimpleNamespace(pk=None, name=name, op=op, target=Decimal(target), unit=unit, level1="产出指标",
                           level2="数量指标", library_indicator_id=None, scoring_standard="")


def test_saves_keep_observations_and_the_peers_statistics(liwan):
    stat = PeerStat.objects.get(library_code="GS-XC-0001", industry="一般公共服务", year=2022)
    assert stat.count == len(PEERS) + 1  # the peers and 荔湾 itself (200 → 432)
    assert stat.target_median == Decimal("365") and stat.target_q1 == Decimal("287.5")
    assert stat.exceeded == 3  # 荔湾 216%, 420→600 143%, 250→400 160%
    own = Observation.objects.get(department=liwan, library_code="GS-XC-0001")
    assert (own.year, own.target, own.actual, own.exceeded) == (2022, Decimal(200), Decimal(432), True)


def test_an_edit_recomputes_only_its_statistics(liwan, django_capture_on_commit_callbacks):
    row = Indicator.objects.get(department=liwan, name="舆情日报数量")
    with django_capture_on_commit_callbacks(execute=True):
        row.target = Decimal(450)
        row.save()
    stat = PeerStat.objects.get(library_code="GS-XC-0001", year=2022)
    assert stat.exceeded == 2 and stat.target_median == Decimal("390")
    assert rebuild_all()[0] == Observation.objects.count()  # the rebuild finds the same rows
    assert PeerStat.objects.get(library_code="GS-XC-0001", year=2022).target_median == Decimal("390")


def test_liwan_2023_at_200_shows_432_the_peers_median_and_a_proposal(liwan):
    [result] = row_checks(department=liwan, year=2023, rows=[declared()])
    assert result.basis == "上年实际（2022）432期；2022年同类 8 个部门（含本部门）指标值中位数 365期、实际中位数 410期；建议目标 ≥ 432期"
    kinds = [s.kind for s in result.suggestions]
    assert kinds == ["below_last_actual", "last_exceeded", "below_peers"]
    assert result.proposed_target == Decimal(432) and result.proposed_basis == "历史标准"


def test_a_row_not_in_the_library_is_not_checked_and_the_page_costs_a_fixed_number_of_queries(
        liwan, django_assert_max_num_queries):
    rows = [declared(), declared(name="自拟指标"), *[declared(name="“学习强国”全国平台刊发量", unit="篇")] * 20]
    with django_assert_max_num_queries(5):  # library by key, by name; own history; peers' statistics; amount
        results = row_checks(department=liwan, year=2023, rows=rows)
    assert results[1] is None and results[0] is not None
    assert "103篇" in results[2].basis


def test_the_declaration_page_shows_the_check_beside_the_row(liwan, client, django_capture_on_commit_callbacks):
    from jixiao.report import Indicator as IndicatorData
    from jixiao.web.accounts.models import Role, User
    from jixiao.web.declarations.flows import save_declaration

    with django_capture_on_commit_callbacks(execute=True):
        save_declaration(department=liwan, year=2023, goals=["做好网络舆情工作"], indicators=[
            (None, IndicatorData(name="舆情日报数量", level1="产出指标", level2="数量指标", op=">=", target=Decimal(200),
                                 unit="期", weight=Decimal(10)))])
    client.force_login(User.objects.create_user("liwan", password=PASSWORD, role=Role.DEPARTMENT, department=liwan))
    page = client.get(f"/departments/{liwan.pk}/declaration/2023/").content.decode()
    assert "取值依据" in page and "上年实际（2022）432期" in page and "同类 8 个部门（含本部门）指标值中位数 365期" in page
    assert "建议指标值：<strong>432期</strong>" in page
    # the API answers the same, and another department is refused (404: not even its existence)
    answer = client.get(f"/api/departments/{liwan.pk}/years/2023/target-checks").json()
    assert answer[0]["proposed_target"] == 432 and answer[0]["peers"]["count"] == 8
    other = client.get(f"/api/departments/{Indicator.objects.exclude(department=liwan).first().department_id}"
                       "/years/2022/target-checks")
    assert other.status_code == 404


def test_quality_names_only_what_the_role_may_see(liwan, client, world):
    client.force_login(world.user_a)
    mine = client.get("/api/target-quality").json()
    assert mine["departments"] == []  # A declared no library indicator; no other department is named
    assert mine["industries"][0]["label"] == "一般公共服务" and mine["industries"][0]["observed"] == 10  # 荔湾 3, the peers 7
    page = client.get("/target-quality/").content.decode()
    assert LIWAN not in page and "一般公共服务" in page
    client.logout()
    client.force_login(world.finance)
    everyone = client.get("/api/target-quality?year=2022").json()
    assert everyone["departments"][0]["label"] == LIWAN and everyone["departments"][0]["share"] == 100
    assert LIWAN in client.get("/target-quality/board/").content.decode()
    box = client.get("/api/target-board/box?code=GS-XC-0001&industry=一般公共服务").json()
    assert box["years"] == ["2022"] and box["targets"][0] == [200.0, 287.5, 365.0, 405.0, 500.0]


def test_the_review_of_liwans_report_flags_the_low_target_with_the_library_basis(liwan):
    import hashlib

    from jixiao.samples import samples
    from jixiao.web.documents.models import SourceDocument
    from jixiao.web.reviews.selectors import core_review

    text = samples()[0].text()  # the world stored it under department A: here it is 荔湾's own
    document = SourceDocument.objects.get(sha256=hashlib.sha256(text.encode()).hexdigest())
    document.department = liwan
    low = [f for f in core_review(document).findings if f.rule == "targets.low_against_library"]
    assert [f.message.split("，")[0] for f in low] == ["指标“舆情日报数量”指标值≥200期", "指标“正面新闻报道量”指标值≥8000篇",
                                                     "指标““学习强国”全国平台刊发量”指标值≥50篇"][:len(low)]
    assert "依据：2022年同类 8 个部门（含本部门）指标值中位数 365期" in low[0].message
    # a document of no department gets no library checks: the core review alone
    document.department = None
    assert not [f for f in core_review(document).findings if f.rule == "targets.low_against_library"]


def test_a_project_goal_form_shows_its_own_history_and_the_money_beside_the_field(world, client,
                                                                                  django_capture_on_commit_callbacks):
    from jixiao.report import Indicator as IndicatorData
    from jixiao.web.projects.models import Project
    from jixiao.web.projects.services import change_status, create_project
    from jixiao.web.projperf.models import ProjectIndicator
    from jixiao.web.projperf.services import ProjectBudget, save_project_declaration

    project = create_project(department=world.a, actor=world.user_a, code="P-17", name="网络舆情监测", category="宣传文化",
                             start_year=2022, end_year=2023, amount=Decimal("180.00"),
                             attribute=Project.Attribute.CONTINUING)
    project = change_status(project=project, to=Project.Status.APPROVED, actor=world.user_a)

    def declare(year: int, amount: str) -> None:
        save_project_declaration(project=project, year=year, goals=["编发舆情日报"], budget=ProjectBudget(
            Decimal(amount), Decimal(amount)), indicators=[(None, IndicatorData(
                name="舆情日报数量", level1="产出指标", level2="数量指标", op=">=", target=Decimal(200), unit="期",
                weight=Decimal(10)))])

    with django_capture_on_commit_callbacks(execute=True):
        declare(2022, "80")
        row = ProjectIndicator.objects.get(project_year__project=project, project_year__fiscal_year__year=2022)
        row.actual = Decimal(432)
        row.save()
    with django_capture_on_commit_callbacks(execute=True):
        declare(2023, "100")
    assert Observation.objects.filter(project=project).count() == 2
    client.force_login(world.user_a)
    page = client.get(f"/projects/{project.pk}/performance/2023/").content.decode()
    assert "上年实际（2022）432期" in page
    assert "【预算增、目标未增】资金比上年（2022年）增长 25.00%" in page
