"""Writes of the indicator library (指标库维护), keyword-only, one transaction each, history kept.

- ``create`` (finance bureau): a new indicator as 草稿; ``submit`` sends a 草稿 to 审核;
- ``propose`` (department or anyone declaring): a free-text indicator entered in a declaration,
  straight to 审核 with the proposing department, or the existing library indicator of the same
  name, 行业 and unit (so one free text typed twice is one proposal);
- ``approve`` 审核 → 入库 (version 1, or +1 when it was in the library before), ``reject`` 审核 → 草稿
  with the reason, ``retire`` 入库 → 停用, ``reinstate`` 停用 → 入库;
- ``update``: edit the fields, refused when saved since the version the user had; an edit of an
  入库 indicator is the reviewer's own and counts as an approved change (version +1);
- ``delete``: soft delete of an indicator that never entered the library or was retired;
- ``import_rows``: the XLSX upload, all or nothing (``jixiao.indicators.xlsx`` reads it).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.indicators.classification import load_classification
from jixiao.indicators.library import OPERATOR_LABELS
from jixiao.indicators.library import LibraryIndicator as CoreIndicator
from jixiao.web.accounts.models import User
from jixiao.web.common.actor import attribute
from jixiao.web.common.locking import check_version
from jixiao.web.departments.models import Department
from jixiao.web.indicators.models import EDITABLE_FIELDS, LibraryIndicator, Scope, Status
from jixiao.web.indicators.selectors import unique_by_name

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PROPOSAL_PREFIX = "SB-"
"""Code of an indicator proposed from a declaration (申报) until the reviewer gives it its own."""


@dataclass(frozen=True)
class LibraryChoice:
    """What a declaration row says about the library (申报行的指标库选择): the indicator picked, or none (free text)."""

    library_id: int | None = None
    scoring_standard: str = ""
    industry: str = ""
    """The 行业 the picker was searched in: a free-text row is proposed under it."""


FALLBACK_INDUSTRY = "通用"
"""行业 of a free-text proposal when the declaring department gave none: the reviewer sets the right one."""
FALLBACK_LEVEL1 = "未分级"


class IndicatorInvalid(JixiaoError):
    """A field of a library indicator is missing or wrong (one Chinese line naming it)."""


class TransitionRefused(JixiaoError):
    """The status change is not allowed from the indicator's present status."""


def _label(name: str) -> str:
    return str(getattr(LibraryIndicator._meta.get_field(name), "verbose_name", name))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise IndicatorInvalid("不能在此修改：" + "、".join(sorted(unknown)))
    return {name: CONTROL.sub("", str(value or "")).strip() for name, value in fields.items()}


def validate(row: LibraryIndicator) -> None:
    """Refuse a row the library cannot hold, in Chinese (required fields, lengths, 行业/领域, 计算符号)."""
    for name in ("code", "name", "level1", "industry"):
        if not getattr(row, name):
            raise IndicatorInvalid(f"请填写{_label(name)}")
    for name in ("code", "name", "level1", "level2", "industry", "field", "unit"):
        limit = getattr(LibraryIndicator._meta.get_field(name), "max_length", None)
        if limit and len(getattr(row, name)) > limit:
            raise IndicatorInvalid(f"{_label(name)}不能超过 {limit} 个字")
    if row.scope not in Scope.values:
        raise IndicatorInvalid("共性/个性应为“共性”或“个性”")
    industries = load_classification().industries
    if row.industry not in industries:
        raise IndicatorInvalid(f"行业“{row.industry}”不在行业分类中")
    if row.field and row.field not in industries[row.industry].fields:
        raise IndicatorInvalid(f"领域“{row.field}”不属于行业“{row.industry}”")
    if row.operator and row.operator not in OPERATOR_LABELS:
        raise IndicatorInvalid("计算符号应为 ≥、＞、＝、＜、≤ 或定性")
    taken = LibraryIndicator.objects.filter(code=row.code)
    if row.pk:
        taken = taken.exclude(pk=row.pk)
    if taken.exists():
        raise IndicatorInvalid(f"指标库已有编码为“{row.code}”的指标")


def _save(row: LibraryIndicator, actor: User | None) -> LibraryIndicator:
    attribute(row, actor)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # two saves of one code at once: the constraint decides
        raise IndicatorInvalid(f"指标库已有编码为“{row.code}”的指标") from error
    return row


def _locked(row: LibraryIndicator) -> LibraryIndicator:
    return LibraryIndicator.all_objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def create(*, actor: User | None, **fields: Any) -> LibraryIndicator:
    """A new indicator (新建指标) as 草稿."""
    row = LibraryIndicator(status=Status.DRAFT, **_clean(fields))
    validate(row)
    return _save(row, actor)


@transaction.atomic
def propose(*, actor: User | None, name: str, unit: str = "", operator: str = "", level1: str, level2: str = "",
            industry: str, field: str = "", scoring_standard: str = "", explanation: str = "",
            proposed_by_department: Department | None = None) -> LibraryIndicator:
    """A free-text indicator entered in a declaration, proposed for the library (待审核).

    The library indicator already holding this name, 行业 and unit (any status but 停用) is
    returned instead, so the declaration links to it and no second proposal is made.
    """
    cleaned = _clean({"name": name, "unit": unit, "operator": operator, "level1": level1, "level2": level2,
                      "industry": industry, "field": field, "scoring_standard": scoring_standard,
                      "explanation": explanation})
    same = LibraryIndicator.objects.filter(name=cleaned["name"], industry=cleaned["industry"],
                                           unit=cleaned["unit"]).exclude(status=Status.RETIRED)
    preference = {Status.ACTIVE: 0, Status.REVIEW: 1, Status.DRAFT: 2}
    existing = min(same, key=lambda row: (preference[Status(row.status)], row.pk), default=None)
    if existing is not None:
        return existing
    row = LibraryIndicator(code=PROPOSAL_PREFIX + uuid.uuid4().hex[:8].upper(), scope=Scope.SPECIFIC,
                           status=Status.REVIEW, proposed_by=actor if actor and actor.pk else None,
                           proposed_by_department=proposed_by_department,
                           source=f"{proposed_by_department.name}申报时提出" if proposed_by_department else "申报时提出",
                           **cleaned)
    validate(row)
    return _save(row, actor)


def _move(row: LibraryIndicator, *, actor: User | None, version: int | None, allowed: Iterable[str],
          to: Status, refusal: str) -> LibraryIndicator:
    current = _locked(row)
    check_version(version, current, what="指标")
    if current.deleted_at is not None:
        raise TransitionRefused("指标已删除")
    if current.status not in allowed:
        raise TransitionRefused(refusal.format(status=Status(current.status).label))
    current.status = to
    return current


@transaction.atomic
def submit(*, indicator: LibraryIndicator, actor: User | None, version: int | None = None) -> LibraryIndicator:
    """草稿 → 审核 (提交审核)."""
    current = _move(indicator, actor=actor, version=version, allowed=[Status.DRAFT], to=Status.REVIEW,
                    refusal="指标为{status}状态，只有草稿可以提交审核")
    return _save(current, actor)


@transaction.atomic
def approve(*, indicator: LibraryIndicator, actor: User | None, version: int | None = None,
            note: str = "") -> LibraryIndicator:
    """审核 → 入库 (审核通过): version 1 on first entry, +1 for a change of an indicator entered before."""
    current = _move(indicator, actor=actor, version=version, allowed=[Status.REVIEW], to=Status.ACTIVE,
                    refusal="指标为{status}状态，只有待审核的指标可以审核通过")
    validate(current)
    current.version += 1
    current.reviewed_by, current.reviewed_at = actor if actor and actor.pk else None, timezone.now()
    current.review_note = CONTROL.sub("", note).strip()
    return _save(current, actor)


@transaction.atomic
def reject(*, indicator: LibraryIndicator, actor: User | None, note: str,
           version: int | None = None) -> LibraryIndicator:
    """审核 → 草稿 (退回) with the reason; the declarations keep their own text."""
    note = CONTROL.sub("", note or "").strip()
    if not note:
        raise IndicatorInvalid("请填写退回原因")
    current = _move(indicator, actor=actor, version=version, allowed=[Status.REVIEW], to=Status.DRAFT,
                    refusal="指标为{status}状态，只有待审核的指标可以退回")
    current.reviewed_by, current.reviewed_at = actor if actor and actor.pk else None, timezone.now()
    current.review_note = note
    return _save(current, actor)


@transaction.atomic
def retire(*, indicator: LibraryIndicator, actor: User | None, version: int | None = None,
           note: str = "") -> LibraryIndicator:
    """入库 → 停用: no longer offered to declarations; declarations that used it keep their link."""
    current = _move(indicator, actor=actor, version=version, allowed=[Status.ACTIVE], to=Status.RETIRED,
                    refusal="指标为{status}状态，只有已入库的指标可以停用")
    if note:
        current.review_note = CONTROL.sub("", note).strip()
    return _save(current, actor)


@transaction.atomic
def reinstate(*, indicator: LibraryIndicator, actor: User | None, version: int | None = None) -> LibraryIndicator:
    """停用 → 入库 (恢复使用)."""
    current = _move(indicator, actor=actor, version=version, allowed=[Status.RETIRED], to=Status.ACTIVE,
                    refusal="指标为{status}状态，只有已停用的指标可以恢复使用")
    return _save(current, actor)


@transaction.atomic
def update(*, indicator: LibraryIndicator, actor: User | None, version: int | None,
           **fields: Any) -> LibraryIndicator:
    """Edit the indicator (修改指标); ``EditConflict`` when saved since ``version``.

    An edit of an 入库 indicator is made by the reviewer (the finance bureau) and is therefore an
    approved change: ``version`` +1. A retired indicator is not edited (reinstate it first).
    """
    current = _locked(indicator)
    check_version(version, current, what="指标")
    if current.deleted_at is not None:
        raise IndicatorInvalid("指标已删除")
    if current.status == Status.RETIRED:
        raise IndicatorInvalid("指标已停用，请先恢复使用再修改")
    changed = False
    for name, value in _clean(fields).items():
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed = True
    if not changed:
        return current
    validate(current)
    if current.status == Status.ACTIVE:
        current.version += 1
    return _save(current, actor)


@transaction.atomic
def delete(*, indicator: LibraryIndicator, actor: User | None, version: int | None = None) -> None:
    """Soft delete (删除) of a 草稿 or 停用 indicator; one in the library is retired instead."""
    current = _locked(indicator)
    check_version(version, current, what="指标")
    if current.status not in (Status.DRAFT, Status.RETIRED):
        raise TransitionRefused("只有草稿或已停用的指标可以删除；已入库的指标请先停用")
    attribute(current, actor)
    current.delete()


def _from_core(item: CoreIndicator) -> dict[str, Any]:
    return {name: getattr(item, name) or "" for name in EDITABLE_FIELDS}


@transaction.atomic
def load_seed(*, actor: User | None = None, items: Iterable[CoreIndicator] | None = None) -> int:
    """Put the shipped seed (``jixiao.indicators.library.load_seed``) into the library as 入库, version 1;
    codes already there are left as they are. Returns how many were added."""
    from jixiao.indicators.library import load_seed as seed

    added = 0
    for item in items if items is not None else seed():
        if LibraryIndicator.objects.filter(code=item.code).exists():
            continue
        row = LibraryIndicator(status=item.status, version=item.version if item.status == "active" else 0,
                               **_from_core(item))
        validate(row)
        _save(row, actor)
        added += 1
    return added


@transaction.atomic
def import_rows(*, items: Iterable[CoreIndicator], actor: User | None) -> tuple[int, int]:
    """The XLSX upload (导入), all or nothing: a new code is added, a known code updated with the row's fields
    and status (an approved change when it differs). Returns (added, changed)."""
    added = changed = 0
    for item in items:
        existing = LibraryIndicator.objects.select_for_update().filter(code=item.code).first()
        if existing is None:
            row = LibraryIndicator(status=item.status, version=item.version, **_from_core(item))
            validate(row)
            _save(row, actor)
            added += 1
            continue
        values = _from_core(item)
        if all(getattr(existing, k) == v for k, v in values.items()) and existing.status == item.status:
            continue
        for name, value in values.items():
            setattr(existing, name, value)
        existing.status = item.status
        existing.version = max(existing.version + 1, item.version)
        validate(existing)
        _save(existing, actor)
        changed += 1
    return added, changed


def resolve_choice(*, choice: LibraryChoice, name: str, level1: str = "", level2: str = "", op: str = "",
                   unit: str = "", department: Department | None, actor: User | None = None,
                   industry_hint: str = "") -> tuple[LibraryIndicator | None, str]:
    """The library indicator a declared row links to and the 评(扣)分标准 it keeps (申报行关联指标库).

    A row picked from the library (``choice.library_id`` of an 入库 indicator whose name the row still
    carries) links to it; so does a typed row carrying exactly the name of one library indicator
    (``selectors.unique_by_name``). Any other named row is free text: it is proposed for review (``propose``:
    the library's indicator of the same name, 行业 and unit if there is one), under the picker's 行业,
    else ``industry_hint`` (the department's usual 行业), else 通用 — the reviewer sets the right one.
    """
    name = (name or "").strip()
    if not name:
        return None, choice.scoring_standard
    if choice.library_id:
        picked = LibraryIndicator.objects.filter(pk=choice.library_id, status=Status.ACTIVE).first()
        if picked is not None and picked.name == name:
            return picked, choice.scoring_standard or picked.scoring_standard
    same = unique_by_name({name}).get(name)
    if same is not None:  # typed, not picked, but exactly the library's name: that indicator, not a second one
        return same, choice.scoring_standard or same.scoring_standard
    industries = load_classification().industries
    industry = next((i for i in (choice.industry, industry_hint) if i in industries), FALLBACK_INDUSTRY)
    try:
        proposed = propose(actor=actor, name=name[:300], unit=unit, operator=op if op in OPERATOR_LABELS else "",
                           level1=level1 or FALLBACK_LEVEL1, level2=level2, industry=industry,
                           scoring_standard=choice.scoring_standard, proposed_by_department=department)
    except IndicatorInvalid:
        return None, choice.scoring_standard  # a row the library cannot hold stays the department's own text
    return proposed, choice.scoring_standard


def usual_industry(rows: Any) -> str:
    """The 行业 a department's linked indicator rows usually have (``rows``: a queryset of rows with a
    ``library_indicator``), 通用 left aside; ``""`` when none — the hint for its free-text proposals."""
    return (rows.filter(library_indicator__isnull=False).exclude(library_indicator__industry=FALLBACK_INDUSTRY)
            .values_list("library_indicator__industry", flat=True).first()) or ""


def library_link(*, choice: LibraryChoice, item: Any, department: Department | None,
                 industry_hint: str = "") -> dict[str, object]:
    """A declared row's ``library_indicator`` and ``scoring_standard`` columns (``resolve_choice`` of its fields)."""
    linked, standard = resolve_choice(choice=choice, name=item.name, level1=item.level1 or "",
                                      level2=item.level2 or "", op=item.op or "", unit=item.unit or "",
                                      department=department, industry_hint=industry_hint)
    return {"library_indicator": linked, "scoring_standard": standard}
