"""Writes of the 项目库 (project library): each atomic, each leaving history under its actor.

Status flow (项目状态): 储备 → 事前评估 → 已立项 → 执行中 → 已完成; any state not final → 终止;
储备 → 已立项 directly only when no 事前绩效评估 is required. **Budget gate** (预算安排闸口):
a project that needs a 事前评估 (``jixiao.exante.requires_exante``: at or above the amount
threshold in data, or 重大) is 立项 only with the conclusion 予以支持, or 部分支持 with its
核定金额 set.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from jixiao.errors import JixiaoError
from jixiao.figures import round_places
from jixiao.web.accounts.models import User
from jixiao.web.common.actor import attribute
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department
from jixiao.web.projects.models import Project


class ProjectInvalid(JixiaoError):
    """A field is missing or out of range (422), or the code is taken in the department."""


class TransitionRefused(JixiaoError):
    """The status change is not allowed from here, or the budget gate refuses it (409)."""


S = Project.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RESERVE: (S.EX_ANTE, S.APPROVED, S.TERMINATED),
    S.EX_ANTE: (S.APPROVED, S.TERMINATED),
    S.APPROVED: (S.IN_PROGRESS, S.TERMINATED),
    S.IN_PROGRESS: (S.COMPLETED, S.TERMINATED),
    S.COMPLETED: (),
    S.TERMINATED: (),
}
"""Allowed next states of each state (储备→已立项 is further refused when a 事前评估 is required)."""

EDITABLE_FIELDS = ("code", "name", "category", "start_year", "end_year", "amount", "department_in_charge",
                   "implementer", "attribute", "is_key", "is_major")
"""What a department edits on its project; status and the 事前评估 conclusion have their own services."""

YEAR_RANGE = (2000, 2100)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def needs_exante(project: Project) -> bool:
    """Does the project need a 事前绩效评估 (by the threshold in the exante scheme, or flagged 重大)?"""
    from jixiao.exante import requires_exante

    return requires_exante(amount=project.amount, major=project.is_major,
                           new=project.attribute == Project.Attribute.NEW)


def gate_refusal(project: Project) -> str | None:
    """Why the budget gate refuses 立项 (in Chinese), or ``None`` when the project may be 立项."""
    if not needs_exante(project):
        return None
    conclusion = project.exante_conclusion
    if conclusion == Project.Conclusion.SUPPORT:
        return None
    if conclusion == Project.Conclusion.PARTIAL:
        if project.approved_amount is not None:
            return None
        return "事前绩效评估结论为部分支持，须先核定金额，才能立项"
    if conclusion == Project.Conclusion.REJECT:
        return "事前绩效评估结论为不予支持，不能立项"
    return "本项目须开展事前绩效评估，评估结论为予以支持（或部分支持并核定金额）后才能立项"


def allowed_transitions(project: Project) -> list[str]:
    """The states the project may move to now (the buttons on its page): the flow's next states,
    without 已立项 while the budget gate refuses it (so 储备→已立项 only when no 事前评估 is required)."""
    allowed = list(TRANSITIONS[project.status])
    if S.APPROVED in allowed and ((project.status == S.RESERVE and needs_exante(project)) or gate_refusal(project)):
        allowed.remove(S.APPROVED)
    return allowed


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ProjectInvalid("不能在此修改：" + "、".join(sorted(unknown)))
    cleaned = dict(fields)
    for name in ("code", "name", "category", "department_in_charge", "implementer"):
        if name in cleaned:  # control characters dropped (PostgreSQL refuses NUL in text), then trimmed
            cleaned[name] = CONTROL.sub("", cleaned[name] or "").strip()
    if "amount" in cleaned and cleaned["amount"] is not None:
        cleaned["amount"] = round_places(Decimal(cleaned["amount"]))
    return cleaned


def _validate(project: Project) -> None:
    labels = {f.name: str(f.verbose_name) for f in Project._meta.get_fields() if hasattr(f, "verbose_name")}
    for name in ("code", "name"):
        if not getattr(project, name):
            raise ProjectInvalid(f"请填写{labels[name]}")
    for name in ("code", "name", "category", "department_in_charge", "implementer"):
        limit = Project._meta.get_field(name).max_length  # type: ignore[union-attr]  # a concrete CharField here, never a relation
        if limit and len(getattr(project, name)) > limit:
            raise ProjectInvalid(f"{labels[name]}不能超过 {limit} 个字")
    low, high = YEAR_RANGE
    if project.start_year is None or not low <= int(project.start_year) <= high:
        raise ProjectInvalid(f"起始年度应在 {low}—{high} 年之间")
    if project.end_year is not None:
        if not low <= int(project.end_year) <= high:
            raise ProjectInvalid(f"结束年度应在 {low}—{high} 年之间")
        if project.end_year < project.start_year:
            raise ProjectInvalid("结束年度不能早于起始年度")
    if project.amount is not None:
        if project.amount < 0:
            raise ProjectInvalid("项目总金额不能为负数")
        if abs(project.amount) >= Decimal("1e12"):
            raise ProjectInvalid("项目总金额超出范围")
    if project.attribute not in Project.Attribute.values:
        raise ProjectInvalid("项目属性应为新增或延续")
    taken = Project.objects.filter(department_id=project.department_id, code=project.code)
    if project.pk:
        taken = taken.exclude(pk=project.pk)
    if taken.exists():
        raise ProjectInvalid(f"本部门已有项目编码为“{project.code}”的项目")


def _save(project: Project, actor: User | None) -> Project:
    attribute(project, actor)
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError as error:  # two saves of the same code at once: the constraint decides
        raise ProjectInvalid(f"本部门已有项目编码为“{project.code}”的项目") from error
    return project


@transaction.atomic
def create_project(*, department: Department, actor: User | None, **fields: Any) -> Project:
    """Register a project in the department's 项目库 (新建项目), status 储备."""
    project = Project(department=department, **_clean(fields))
    _validate(project)
    return _save(project, actor)


def _locked(project: Project) -> Project:
    return Project.all_objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def update_project(*, project: Project, actor: User | None, version: int | None, **fields: Any) -> Project:
    """Edit the project's own fields (修改项目); refused with ``EditConflict`` when saved since ``version``."""
    current = _locked(project)
    check_version(version, current, what="项目")
    if current.deleted_at is not None:
        raise ProjectInvalid("项目已删除，请先恢复")
    for name, value in _clean(fields).items():
        setattr(current, name, value)
    _validate(current)
    return _save(current, actor)


@transaction.atomic
def change_status(*, project: Project, to: Project.Status | str, actor: User | None,
                  version: int | None = None) -> Project:
    """Move the project to ``to`` (状态变更) along the allowed transitions, through the budget gate."""
    current = _locked(project)
    check_version(version, current, what="项目")
    if to not in Project.Status.values:
        raise TransitionRefused("没有这个项目状态")
    target = Project.Status(to)
    here = Project.Status(current.status)
    if target == here:
        raise TransitionRefused(f"项目已是{here.label}状态")
    if target not in TRANSITIONS[here]:
        if current.is_final:
            raise TransitionRefused(f"项目已{here.label}，状态不能再变更")
        raise TransitionRefused(f"项目不能从{here.label}变更为{target.label}")
    if target == S.APPROVED:
        refusal = gate_refusal(current)
        if refusal:
            raise TransitionRefused(refusal)
    current.status = target
    return _save(current, actor)


@transaction.atomic
def record_exante_conclusion(*, project: Project, conclusion: Project.Conclusion | str,
                             approved_amount: Decimal | None, actor: User | None) -> Project:
    """Write the 事前绩效评估 conclusion back (called by the exante app only); 部分支持 needs its 核定金额.

    A project in 储备 moves to 事前评估 with it, so the list shows where it stands.
    """
    current = _locked(project)
    if conclusion not in Project.Conclusion.values:
        raise ProjectInvalid("事前评估结论应为予以支持、部分支持或不予支持")
    if conclusion == Project.Conclusion.PARTIAL:
        if approved_amount is None:
            raise ProjectInvalid("部分支持须填写核定金额")
        if approved_amount < 0:
            raise ProjectInvalid("核定金额不能为负数")
        current.approved_amount = round_places(Decimal(approved_amount))
    else:
        current.approved_amount = None
    current.exante_conclusion = conclusion
    if current.status == S.RESERVE:
        current.status = S.EX_ANTE
    return _save(current, actor)


@transaction.atomic
def delete_project(*, project: Project, actor: User | None, version: int | None = None) -> Project:
    """Soft-delete the project (删除项目); its history keeps it and ``restore_project`` brings it back."""
    current = _locked(project)
    check_version(version, current, what="项目")
    attribute(current, actor)
    current.delete()
    return current


@transaction.atomic
def restore_project(*, project: Project, actor: User | None) -> Project:
    """Undo a soft delete (恢复项目); refused when an alive project of the department took its code since."""
    current = _locked(project)
    if current.deleted_at is None:
        return current
    if Project.objects.filter(department_id=current.department_id, code=current.code).exists():
        raise ProjectInvalid(f"本部门已有项目编码为“{current.code}”的项目，不能恢复")
    attribute(current, actor)
    current.restore()
    return current
