"""项目库 services: create, edit with optimistic locking, the status flow and the budget gate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.common.locking import EditConflict
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import project_history, project_version
from jixiao.web.projects.services import (
    ProjectInvalid,
    TransitionRefused,
    allowed_transitions,
    change_status,
    create_project,
    delete_project,
    record_exante_conclusion,
    restore_project,
    update_project,
)

pytestmark = pytest.mark.django_db

S = Project.Status


def _project(world, **fields) -> Project:
    values = {"code": "P-001", "name": "主题宣传活动经费", "category": "宣传文化", "start_year": 2024,
              "end_year": 2026, "amount": Decimal("80.00"), "attribute": Project.Attribute.CONTINUING}
    values.update(fields)
    return create_project(department=world.a, actor=world.user_a, **values)


def test_create_and_edit_with_history_in_chinese(world):
    project = _project(world)
    assert project.status == S.RESERVE and project.amount == Decimal("80.00")
    version = project_version(project)
    update_project(project=project, actor=world.user_a, version=version, name="新时代文明实践活动经费",
                   amount=Decimal("95.5"))
    project.refresh_from_db()
    assert project.amount == Decimal("95.50")
    lines = project_history(project)
    assert lines[0]["action"] == "修改项目" and lines[0]["who"] == "dept_a"
    assert "项目名称：主题宣传活动经费 → 新时代文明实践活动经费" in lines[0]["changes"]
    assert "项目总金额（万元）：80.00 万元 → 95.50 万元" in lines[0]["changes"]
    assert lines[-1]["action"] == "新建项目"
    with pytest.raises(EditConflict):
        update_project(project=project, actor=world.user_a, version=version, name="旧页面提交")


def test_code_unique_among_alive_and_bad_input_in_chinese(world):
    project = _project(world)
    with pytest.raises(ProjectInvalid, match="已有项目编码"):
        _project(world)
    with pytest.raises(ProjectInvalid, match="结束年度不能早于起始年度"):
        _project(world, code="P-002", start_year=2025, end_year=2024)
    with pytest.raises(ProjectInvalid, match="请填写项目名称"):
        _project(world, code="P-003", name="  ")
    delete_project(project=project, actor=world.user_a, version=project_version(project))
    assert not Project.objects.filter(pk=project.pk).exists()
    again = _project(world)  # a deleted project's code is free again
    with pytest.raises(ProjectInvalid, match="不能恢复"):
        restore_project(project=project, actor=world.user_a)
    delete_project(project=again, actor=world.user_a)
    restore_project(project=project, actor=world.user_a)
    assert Project.objects.filter(pk=project.pk).exists()
    assert [line["action"] for line in project_history(project)][:2] == ["恢复项目", "删除项目"]


def test_status_flow_small_project_without_exante(world):
    project = _project(world, amount=Decimal("20"), attribute=Project.Attribute.CONTINUING)
    assert S.APPROVED in allowed_transitions(project)
    with pytest.raises(TransitionRefused, match="不能从储备变更为执行中"):
        change_status(project=project, to=S.IN_PROGRESS, actor=world.user_a)
    for state in (S.APPROVED, S.IN_PROGRESS, S.COMPLETED):
        project = change_status(project=project, to=state, actor=world.user_a)
    assert allowed_transitions(project) == []
    with pytest.raises(TransitionRefused, match="已完成，状态不能再变更"):
        change_status(project=project, to=S.TERMINATED, actor=world.user_a)


@pytest.mark.parametrize(("conclusion", "amount", "refusal"), [
    ("", None, "须开展事前绩效评估"),
    ("reject", None, "不予支持，不能立项"),
    ("partial", Decimal("300"), None),
    ("support", None, None),
])
def test_budget_gate_for_major_project(world, conclusion, amount, refusal):
    project = _project(world, is_major=True, attribute=Project.Attribute.NEW, amount=Decimal("50"))
    assert S.APPROVED not in allowed_transitions(project)
    project = change_status(project=project, to=S.EX_ANTE, actor=world.user_a)
    if conclusion:
        project = record_exante_conclusion(project=project, conclusion=conclusion, approved_amount=amount,
                                           actor=world.finance)
    if refusal:
        with pytest.raises(TransitionRefused, match=refusal):
            change_status(project=project, to=S.APPROVED, actor=world.user_a)
        assert Project.objects.get(pk=project.pk).status == S.EX_ANTE
    else:
        assert change_status(project=project, to=S.APPROVED, actor=world.user_a).status == S.APPROVED


def test_partial_support_needs_approved_amount(world):
    project = _project(world, is_major=True, attribute=Project.Attribute.NEW)
    with pytest.raises(ProjectInvalid, match="核定金额"):
        record_exante_conclusion(project=project, conclusion="partial", approved_amount=None, actor=world.finance)
    project = record_exante_conclusion(project=project, conclusion="partial", approved_amount=Decimal("60"),
                                       actor=world.finance)
    assert project.status == S.EX_ANTE and project.approved_amount == Decimal("60.00")


def test_an_amount_is_kept_to_the_cent_rounded_half_up(world) -> None:
    """The one rounding of jixiao.figures (四舍五入), not Decimal's default half-even: 0.125 → 0.13."""
    project = _project(world, code="ROUND-1", amount=Decimal("12.125"))
    project.refresh_from_db()
    assert project.amount == Decimal("12.13")
