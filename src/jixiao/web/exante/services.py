"""Writes of 事前绩效评估: each keyword-only, atomic, leaving history (and so the audit trail).

新建 (one per project, a row per sub-point of the scheme) → the department saves its narrative and
self-assessment (optimistic locking) and attaches files → 提交 (nothing missing) → 待评审 → the
finance bureau may name an expert → the reviewer saves points and notes, then concludes: the band
of the total gives 予以支持 / 部分支持 (with 核定金额) / 不予支持, written back to the project with
``projects.services.record_exante_conclusion`` → 已评审. A submitted assessment may instead be
returned (已退回) with a reason, and the department edits and submits it again.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.errors import JixiaoError
from jixiao.exante import load_scheme, review_problems, score, submission_problems
from jixiao.readers.common import format_size
from jixiao.web.accounts.models import Role, User
from jixiao.web.common.actor import attribute
from jixiao.web.common.locking import check_version
from jixiao.web.documents.services import stage_file, staged_files
from jixiao.web.exante.models import ExanteAssessment, ExanteAttachment, ExanteItem
from jixiao.web.exante.selectors import NARRATIVE_FIELDS, core_assessment, version
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import record_exante_conclusion
from jixiao.web.reviews.flows import upload_name

S = ExanteAssessment.Status
ATTACHMENT_TYPES = {".pdf": (b"%PDF",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",),
                    ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8",), ".jpeg": (b"\xff\xd8",), ".txt": (b"",)}
"""Attachment types accepted, by suffix, with how their bytes begin (a renamed file is refused)."""
TEXT_LIMIT = 20000
"""Longest text of one field (a 立项背景 of several pages is a few thousand characters)."""


class ExanteStateError(JixiaoError):
    """The assessment is not in the state this step needs (409)."""


class ExanteInvalid(JixiaoError):
    """The content is incomplete or wrong: one line per problem (422)."""

    def __init__(self, problems: list[str], lead: str = "") -> None:
        self.problems = problems
        super().__init__((lead + "：" if lead else "") + "；".join(problems))


@dataclass(frozen=True)
class ItemText:
    """The department's part of one sub-point."""

    self_assessment: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class ItemReview:
    """The reviewer's part of one sub-point: points (``None``: not yet) and note."""

    points: Decimal | None = None
    note: str = ""


def _actor(row: object, actor: User | None) -> None:
    attribute(row, actor)


def _locked(assessment: ExanteAssessment) -> ExanteAssessment:
    return ExanteAssessment.objects.select_for_update().select_related("project", "project__department").get(
        pk=assessment.pk)


def _text(value: str | None, label: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > TEXT_LIMIT:
        raise ExanteInvalid([f"{label}不能超过 {TEXT_LIMIT} 个字"])
    return text


@transaction.atomic
def create_assessment(*, project: Project, actor: User | None) -> ExanteAssessment:
    """Start the project's 事前绩效评估 (新建): one per project, a row for each sub-point of the scheme."""
    if project.deleted_at is not None:
        raise ExanteStateError("项目已删除，不能开展事前评估")
    if ExanteAssessment.objects.filter(project=project).exists():
        raise ExanteStateError("本项目已有事前绩效评估")
    if project.status not in (Project.Status.RESERVE, Project.Status.EX_ANTE):
        raise ExanteStateError(f"项目已{project.get_status_display()}，不再开展事前评估")
    scheme = load_scheme()
    assessment = ExanteAssessment(project=project, scheme=scheme.name)
    _actor(assessment, actor)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:
        raise ExanteStateError("本项目已有事前绩效评估") from error
    for item in scheme.items:
        row = ExanteItem(assessment=assessment, key=item.key)
        _actor(row, actor)
        row.save()
    return assessment


def _items(assessment: ExanteAssessment) -> dict[str, ExanteItem]:
    return {row.key: row for row in ExanteItem.objects.select_for_update().filter(assessment=assessment)}


def _changed(row: object, **values: object) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


@transaction.atomic
def save_assessment(*, assessment: ExanteAssessment, actor: User | None, version_seen: int | None,
                    narrative: Mapping[str, str], items: Mapping[str, ItemText]) -> ExanteAssessment:
    """Save the department's part (保存自评): narrative and each sub-point's self-assessment and evidence.

    Only while 草稿 or 已退回; saved by someone else since ``version_seen`` → ``EditConflict``.
    Unknown narrative names or sub-point keys are refused; rows only change where the text did.
    """
    current = _locked(assessment)
    rows = _items(current)
    check_version(version_seen, current, ExanteItem.all_objects.filter(assessment=current), what="事前绩效评估")
    if not current.editable:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，部门不能再修改")
    unknown = set(narrative) - set(NARRATIVE_FIELDS)
    unknown_items = set(items) - set(rows)
    if unknown or unknown_items:
        raise ExanteInvalid(["没有这一项：" + "、".join(sorted(unknown | unknown_items))])
    scheme = load_scheme(current.scheme)
    labels = {f.name: str(f.verbose_name) for f in ExanteAssessment._meta.fields}
    values = {name: _text(text, labels[name]) for name, text in narrative.items()}
    if _changed(current, **values):
        _actor(current, actor)
        current.save()
    for key, text in items.items():
        label = scheme.item(key).text
        row = rows[key]
        if _changed(row, self_assessment=_text(text.self_assessment, f"“{label}”的自评情况"),
                    evidence=_text(text.evidence, f"“{label}”的佐证材料")):
            _actor(row, actor)
            row.save()
    return current


@transaction.atomic
def submit_assessment(*, assessment: ExanteAssessment, actor: User) -> ExanteAssessment:
    """Submit to the finance bureau (提交评审): refused with every missing part named."""
    current = _locked(assessment)
    if not current.editable:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不能再次提交")
    problems = submission_problems(load_scheme(current.scheme), core_assessment(current))
    if problems:
        raise ExanteInvalid(problems, "尚未填写完整，不能提交")
    current.status = S.SUBMITTED
    current.submitted_at = timezone.now()
    current.submitted_by = actor
    current.return_reason = ""
    _actor(current, actor)
    current.save()
    return current


@transaction.atomic
def assign_reviewer(*, assessment: ExanteAssessment, reviewer: User | None, actor: User) -> ExanteAssessment:
    """Name the expert who reviews it (指定评审专家), or none (the finance bureau reviews)."""
    current = _locked(assessment)
    if current.status == S.REVIEWED:
        raise ExanteStateError("事前绩效评估已评审，不能再指定评审专家")
    if reviewer is not None and (reviewer.role != Role.EXPERT or not reviewer.is_active):
        raise ExanteInvalid(["只能指定评审专家账户"])
    current.reviewer = reviewer
    _actor(current, actor)
    current.save()
    return current


def save_review(*, assessment: ExanteAssessment, actor: User, version_seen: int | None,
                items: Mapping[str, ItemReview], reasons: str, suggestions: str,
                approved_amount: Decimal | None, conclude: bool) -> ExanteAssessment:
    """Save the reviewer's points and notes (保存评分); with ``conclude`` then conclude (作出结论).

    Only while 待评审. The points are saved first (kept when the conclusion is refused); concluding
    checks the review (every point, a note where points were lost, the reasons, 核定金额 for 部分支持
    only), stores the total and the band's conclusion, moves the assessment to 已评审 and writes the
    conclusion back to the project.
    """
    current = _save_points(assessment=assessment, actor=actor, version_seen=version_seen, items=items,
                           reasons=reasons, suggestions=suggestions, approved_amount=approved_amount)
    return conclude_review(assessment=current, actor=actor) if conclude else current


@transaction.atomic
def _save_points(*, assessment: ExanteAssessment, actor: User, version_seen: int | None,
                 items: Mapping[str, ItemReview], reasons: str, suggestions: str,
                 approved_amount: Decimal | None) -> ExanteAssessment:
    current = _locked(assessment)
    rows = _items(current)
    check_version(version_seen, current, ExanteItem.all_objects.filter(assessment=current), what="事前绩效评估")
    if current.status != S.SUBMITTED:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不在待评审状态")
    unknown = set(items) - set(rows)
    if unknown:
        raise ExanteInvalid(["没有这一要点：" + "、".join(sorted(unknown))])
    scheme = load_scheme(current.scheme)
    for key, given in items.items():
        item = scheme.item(key)
        if given.points is not None and not (0 <= given.points <= item.points):
            raise ExanteInvalid([f"“{item.text}”的得分须在 0 到 {item.points.normalize():f} 分之间"])
        row = rows[key]
        if _changed(row, points=given.points, note=_text(given.note, f"“{item.text}”的评审意见")):
            _actor(row, actor)
            row.save()
    amount = None if approved_amount is None else Decimal(approved_amount)
    if _changed(current, reasons=_text(reasons, "结论理由"), suggestions=_text(suggestions, "相关建议"),
                approved_amount=amount):
        _actor(current, actor)
        current.save()
    return current


@transaction.atomic
def conclude_review(*, assessment: ExanteAssessment, actor: User) -> ExanteAssessment:
    """Conclude a scored assessment (作出结论) and write the conclusion back to the project."""
    current = _locked(assessment)
    if current.status != S.SUBMITTED:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不在待评审状态")
    scheme = load_scheme(current.scheme)
    data = core_assessment(current)
    problems = review_problems(scheme, data)
    if problems:
        raise ExanteInvalid(problems, "评审尚未完成，不能作出结论")
    scored = score(scheme, data.entries)
    current.total = scored.total
    current.conclusion = scored.conclusion.key
    current.status = S.REVIEWED
    current.reviewed_at = timezone.now()
    current.reviewed_by = actor
    _actor(current, actor)
    current.save()
    record_exante_conclusion(project=current.project, conclusion=scored.conclusion.key,
                             approved_amount=current.approved_amount, actor=actor)
    return current


@transaction.atomic
def return_assessment(*, assessment: ExanteAssessment, actor: User, reason: str) -> ExanteAssessment:
    """Return a submitted assessment to the department (退回修改) with the reason; it is editable again."""
    current = _locked(assessment)
    if current.status != S.SUBMITTED:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不能退回")
    text = _text(reason, "退回原因")
    if not text:
        raise ExanteInvalid(["请写明退回原因"])
    current.status = S.RETURNED
    current.return_reason = text
    _actor(current, actor)
    current.save()
    return current


@transaction.atomic
def delete_assessment(*, assessment: ExanteAssessment, actor: User | None, version_seen: int | None
                      ) -> ExanteAssessment:
    """Soft-delete a draft (删除事前评估); its history keeps it. A submitted or reviewed one stays."""
    current = _locked(assessment)
    check_version(version_seen, current, ExanteItem.all_objects.filter(assessment=current), what="事前绩效评估")
    if current.status not in (S.DRAFT, S.RETURNED):
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不能删除")
    _actor(current, actor)
    current.delete()
    return current


def _check_upload(name: str, head: bytes) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ExanteInvalid([f"{name}：附件只能是 PDF、Word（DOCX）、Excel（XLSX）、图片（PNG、JPG）或文本文件"])
    if not head.startswith(ATTACHMENT_TYPES[suffix]):
        raise ExanteInvalid([f"{name}：文件内容与扩展名不符"])


def add_attachment(*, assessment: ExanteAssessment, actor: User, name: str, chunks: Iterable[bytes],
                   description: str = "") -> ExanteAttachment:
    """Attach a file (上传附件), at most the upload limit; stored like report files (no orphan on failure)."""
    if not assessment.editable:
        raise ExanteStateError(f"事前绩效评估{assessment.get_status_display()}，不能再上传附件")
    shown = upload_name(name)
    limit = settings.JIXIAO_UPLOAD_MAX_BYTES
    with tempfile.TemporaryDirectory(prefix="jixiao-exante-") as folder:
        path = Path(folder) / "upload"
        digest = hashlib.sha256()
        written = 0
        with path.open("wb") as handle:
            for chunk in chunks:
                written += len(chunk)
                if written > limit:  # not one byte more is copied than may be stored
                    raise ExanteInvalid([f"{shown}：文件过大（超过上限 {format_size(limit)}）"])
                digest.update(chunk)
                handle.write(chunk)
        if written == 0:
            raise ExanteInvalid([f"{shown}：文件为空"])
        with path.open("rb") as handle:
            _check_upload(shown, handle.read(8))
        return _store_attachment(assessment, actor, path, shown, digest.hexdigest(), written,
                                 _text(description, "附件说明")[:200])


@transaction.atomic
def _store_attachment(assessment: ExanteAssessment, actor: User, path: Path, shown: str, sha256: str, size: int,
                      description: str) -> ExanteAttachment:
    current = _locked(assessment)
    if not current.editable:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不能再上传附件")
    with staged_files():
        attachment = ExanteAttachment(assessment=current, original_name=shown, sha256=sha256, size=size,
                                      description=description, uploaded_by=actor)
        stage_file(attachment, path, shown)
        _actor(attachment, actor)
        attachment.save()
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: ExanteAttachment, actor: User) -> None:
    """Remove an attachment (删除附件, soft: the file stays, its history keeps it)."""
    current = _locked(attachment.assessment)
    if not current.editable:
        raise ExanteStateError(f"事前绩效评估{current.get_status_display()}，不能再删除附件")
    _actor(attachment, actor)
    attachment.delete()


__all__ = ["ExanteInvalid", "ExanteStateError", "ItemReview", "ItemText", "add_attachment", "assign_reviewer",
           "conclude_review", "create_assessment", "delete_assessment", "delete_attachment", "return_assessment",
           "save_assessment", "save_review", "submit_assessment", "version"]
