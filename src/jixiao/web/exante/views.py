"""Pages of 事前绩效评估: the queue, a project's 事前评估 page, the department's form, the review, the report.

Who does what: the project's department (and admins) fill and submit the self-assessment and its
attachments; the finance bureau names an expert and reviews (or the expert it named reviews);
everyone who sees the assessment reads it and downloads its report (an audited export).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from jixiao.exante import NARRATIVE_LABELS, requires_exante
from jixiao.exante.report import Dates
from jixiao.exante.report import render as render_report
from jixiao.figures import plain
from jixiao.web.accounts.models import Role, User
from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.listing import as_number, list_state, order_by, paginate
from jixiao.web.common.locking import EditConflict
from jixiao.web.departments.models import Department
from jixiao.web.departments.permissions import can_review, can_write_figures
from jixiao.web.exante.forms import AssignForm, AttachmentForm, ReturnForm, ReviewForm, SelfAssessmentForm
from jixiao.web.exante.models import ExanteAssessment, ExanteAttachment
from jixiao.web.exante.selectors import (
    NARRATIVE_FIELDS,
    QUEUE_FILTERS,
    QUEUE_SORTS,
    ExanteState,
    assessment_for,
    assessment_of,
    assessment_state,
    counts,
    experts,
    history,
    may_assign,
    may_edit,
    may_review,
    project_of_assessments,
    queue,
)
from jixiao.web.exante.services import (
    ExanteInvalid,
    ExanteStateError,
    add_attachment,
    assign_reviewer,
    create_assessment,
    delete_assessment,
    delete_attachment,
    return_assessment,
    save_assessment,
    save_review,
    submit_assessment,
)
from jixiao.web.projects.models import Project
from jixiao.web.projects.selectors import projects_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(assessment: ExanteAssessment) -> str:
    return reverse("exante-assessment", args=[assessment.pk])


def _needs(project: Project) -> bool:
    return requires_exante(amount=project.amount, major=project.is_major,
                           new=project.attribute == Project.Attribute.NEW)


def _context(request: AuthenticatedHttpRequest, state: ExanteState, **extra: Any) -> dict[str, Any]:
    assessment = state.assessment
    user = request.user
    return {"state": state, "assessment": assessment, "project": assessment.project, "scheme": state.scheme,
            "can_edit": may_edit(user, assessment), "can_review": may_review(user, assessment),
            "can_assign": may_assign(user) and assessment.status != ExanteAssessment.Status.REVIEWED,
            "history": history(assessment), "narrative_fields": NARRATIVE_FIELDS,
            "narrative": [(NARRATIVE_LABELS[name], getattr(assessment, name)) for name in NARRATIVE_FIELDS], **extra}


def _self_form(state: ExanteState, data: Any = None) -> SelfAssessmentForm:
    initial: dict[str, Any] = {name: getattr(state.assessment, name) for name in NARRATIVE_FIELDS}
    for key, entry in state.data.entries.items():
        initial[f"self-{key}"], initial[f"evidence-{key}"] = entry.self_assessment, entry.evidence
    initial["version"] = state.version
    return SelfAssessmentForm(data, scheme=state.scheme, initial=initial)


def _review_form(state: ExanteState, data: Any = None) -> ReviewForm:
    assessment = state.assessment
    initial: dict[str, Any] = {"reasons": assessment.reasons, "suggestions": assessment.suggestions,
                               "approved_amount": assessment.approved_amount, "version": state.version}
    for key, entry in state.data.entries.items():
        initial[f"points-{key}"] = plain(entry.points) if entry.points is not None else None  # 5, not 5.0
        initial[f"note-{key}"] = entry.note
    return ReviewForm(data, scheme=state.scheme, initial=initial)


def _form_rows(state: ExanteState, form: Any) -> list[dict[str, Any]]:
    rows = state.rows
    for dim in rows:
        for row in dim["items"]:
            row["fields"] = form.field_pair(row["item"].key)
    return rows


@login_required
def queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """事前评估 queue: 待评审 / 已评审 / by conclusion, the user's scope; a department also sees its
    projects that need a 事前评估 and have none yet."""
    user = request.user
    state = list_state(request, sorts=QUEUE_SORTS, default="", filters=QUEUE_FILTERS)
    filters = state.filters
    scoped = queue(user=user, department=filters["department"])
    rows = queue(user=user, status=filters["status"], conclusion=filters["conclusion"], q=filters["q"],
                 department=filters["department"])
    rows = rows.order_by(*order_by(state, QUEUE_SORTS)) if state.sort else rows.order_by("status", "-submitted_at", "pk")
    waiting = [p for p in projects_for(user).filter(exante_assessments__isnull=True,
                                                   status__in=(Project.Status.RESERVE, Project.Status.EX_ANTE))
               .order_by("code") if _needs(p) and can_write_figures(user, p.department)][:50]
    visible = Department.objects.visible_to(user)
    departments = list(visible.order_by("name").values_list("pk", "name")) if user.sees_all_departments else []
    return render(request, "exante/queue.html", {
        "page": paginate(rows, state), "state": state, "counts": counts(scoped),
        "statuses": ExanteAssessment.Status.choices, "conclusions": ExanteAssessment.Conclusion.choices,
        "departments": [(str(pk), name) for pk, name in departments], "waiting": waiting,
        "reviewer_view": can_review(user) or user.role == Role.EXPERT})


@login_required
def project_page(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """The 事前评估 part of a project: whether one is needed, its state and conclusion; POST starts it."""
    project = project_of_assessments(request.user, project_id)
    assessment = assessment_of(project)
    if request.method == "POST":
        if not can_write_figures(request.user, project.department):
            raise PermissionDenied("只有本部门用户可以开展事前绩效评估")
        if assessment is None:
            try:
                assessment = create_assessment(project=project, actor=request.user)
            except ExanteStateError as exc:
                messages.error(request, str(exc))
                return redirect(reverse("exante-project", args=[project.pk]))
            messages.success(request, "已新建事前绩效评估，请逐项填写自评情况")
        return redirect(_page(assessment))
    return render(request, "exante/project.html", {
        "project": project, "assessment": assessment, "needed": _needs(project),
        "can_start": assessment is None and can_write_figures(request.user, project.department)
        and project.status in (Project.Status.RESERVE, Project.Status.EX_ANTE)})


@login_required
def assessment_page(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    """The assessment: the department's form while it may edit (POST saves / submits), else read-only."""
    assessment = assessment_for(request.user, assessment_id)
    state = assessment_state(assessment)
    if request.method != "POST":
        form = _self_form(state) if may_edit(request.user, assessment) else None
        return render(request, "exante/assessment.html", _context(
            request, state, form=form, rows=_form_rows(state, form) if form else state.rows,
            upload=AttachmentForm()))
    if not can_write_figures(request.user, assessment.project.department):
        raise PermissionDenied("只有本部门用户可以填写事前绩效评估")
    form = _self_form(state, request.POST)
    if not form.is_valid():
        messages.error(request, "填写有误，请按提示修改")
        return render(request, "exante/assessment.html", _context(request, state, form=form,
                                                                  rows=_form_rows(state, form), upload=AttachmentForm()))
    try:
        save_assessment(assessment=assessment, actor=request.user, version_seen=form.cleaned_data["version"],
                        narrative=form.narrative(), items=form.items())
    except EditConflict as exc:
        state = assessment_state(assessment)
        return render(request, "exante/assessment.html", _context(
            request, state, form=form, rows=_form_rows(state, form), upload=AttachmentForm(), conflict=exc))
    except (ExanteStateError, ExanteInvalid) as exc:
        messages.error(request, str(exc))
        return redirect(_page(assessment))
    if request.POST.get("action") == "submit":
        try:
            submit_assessment(assessment=assessment, actor=request.user)
        except ExanteInvalid as exc:
            messages.error(request, "已保存，但尚未填写完整，未能提交：" + "；".join(exc.problems))
        except ExanteStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已提交财政局评审")
    else:
        messages.success(request, "已保存")
    return redirect(_page(assessment))


@login_required
def review_page(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    """The review (评审): each sub-point's points and note, reasons, 核定金额; save, conclude or return."""
    assessment = assessment_for(request.user, assessment_id)
    if not may_review(request.user, assessment):
        raise PermissionDenied("只有财政局用户或指定的评审专家可以评审")
    state = assessment_state(assessment)
    submitted = assessment.status == ExanteAssessment.Status.SUBMITTED
    if request.method != "POST" or not submitted:
        form = _review_form(state) if submitted else None
        return render(request, "exante/review.html", _context(
            request, state, form=form, rows=_form_rows(state, form) if form else state.rows, back=ReturnForm(),
            assign=_assign_form(assessment)))
    action = request.POST.get("action", "save")
    if action == "return":
        back = ReturnForm(request.POST)
        if back.is_valid():
            try:
                return_assessment(assessment=assessment, actor=request.user, reason=back.cleaned_data["reason"])
            except (ExanteInvalid, ExanteStateError) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "已退回部门修改")
                return redirect(reverse("exante"))
        return redirect(reverse("exante-review", args=[assessment.pk]))
    form = _review_form(state, request.POST)
    if not form.is_valid():
        messages.error(request, "填写有误，请按提示修改")
        return render(request, "exante/review.html", _context(request, state, form=form, rows=_form_rows(state, form),
                                                              back=ReturnForm(), assign=_assign_form(assessment)))
    try:
        save_review(assessment=assessment, actor=request.user, version_seen=form.cleaned_data["version"],
                    items=form.items(), reasons=form.cleaned_data["reasons"],
                    suggestions=form.cleaned_data["suggestions"],
                    approved_amount=form.cleaned_data["approved_amount"], conclude=action == "conclude")
    except EditConflict as exc:
        state = assessment_state(assessment)
        return render(request, "exante/review.html", _context(request, state, form=form, rows=_form_rows(state, form),
                                                              back=ReturnForm(), assign=_assign_form(assessment),
                                                              conflict=exc))
    except ExanteInvalid as exc:
        messages.error(request, ("评分已保存，但" if action == "conclude" else "") + str(exc))
        return redirect(reverse("exante-review", args=[assessment.pk]))
    except ExanteStateError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("exante-review", args=[assessment.pk]))
    if action == "conclude":
        assessment.refresh_from_db()
        messages.success(request, f"评估结论：{assessment.get_conclusion_display()}，已写回项目")
        return redirect(_page(assessment))
    messages.success(request, "评分已保存")
    return redirect(reverse("exante-review", args=[assessment.pk]))


def _assign_form(assessment: ExanteAssessment) -> AssignForm:
    return AssignForm(choices=[(str(u.pk), u.get_full_name() or u.username) for u in experts()],
                      initial={"reviewer": str(assessment.reviewer_id or "")})


@login_required
@require_POST
def assign_page(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    """指定评审专家 (finance bureau only)."""
    assessment = assessment_for(request.user, assessment_id)
    if not may_assign(request.user):
        raise PermissionDenied("只有财政局用户可以指定评审专家")
    form = _assign_form(assessment)
    form = AssignForm(request.POST, choices=form.fields["reviewer"].choices[1:])  # type: ignore[attr-defined]  # a ChoiceField, typed as its base Field
    if not form.is_valid():
        messages.error(request, "请从列表中选择评审专家")
        return redirect(reverse("exante-review", args=[assessment.pk]))
    chosen = form.cleaned_data["reviewer"]
    reviewer = User.objects.filter(pk=int(chosen)).first() if chosen else None
    if (reviewer.pk if reviewer else None) != assessment.reviewer_id:
        try:
            assign_reviewer(assessment=assessment, reviewer=reviewer, actor=request.user)
        except (ExanteInvalid, ExanteStateError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已指定评审专家：{reviewer.get_full_name() or reviewer.username}" if reviewer
                             else "已取消指定，由财政局评审")
    return redirect(reverse("exante-review", args=[assessment.pk]))


@login_required
@require_POST
def delete_page(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    """删除事前评估 (a draft or returned one; soft: its history keeps it)."""
    assessment = assessment_for(request.user, assessment_id)
    if not can_write_figures(request.user, assessment.project.department):
        raise PermissionDenied("只有本部门用户可以删除事前绩效评估")
    try:
        delete_assessment(assessment=assessment, actor=request.user,
                          version_seen=as_number(request.POST.get("version")) or 0)
    except (EditConflict, ExanteStateError) as exc:
        messages.error(request, str(exc))
        return redirect(_page(assessment))
    messages.success(request, f"已删除“{assessment.project.name}”的事前绩效评估")
    return redirect(reverse("exante-project", args=[assessment.project_id]))


@login_required
def report_download(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    """The 事前绩效评估报告 as DOCX (an export: the audit middleware records it)."""
    assessment = assessment_for(request.user, assessment_id)
    state = assessment_state(assessment)
    scored = state.scored if state.reviewed else None
    dates = Dates(submitted=assessment.submitted_at.date() if assessment.submitted_at else None,
                  reviewed=assessment.reviewed_at.date() if assessment.reviewed_at else None)
    data = render_report(state.scheme, state.data, scored, dates=dates)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{assessment.project.name}事前绩效评估报告.docx") or ""
    return response


@login_required
@require_POST
def attachment_upload(request: AuthenticatedHttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_for(request.user, assessment_id)
    if not can_write_figures(request.user, assessment.project.department):
        raise PermissionDenied("只有本部门用户可以上传附件")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_page(assessment))
    upload = form.cleaned_data["file"]
    try:
        attachment = add_attachment(assessment=assessment, actor=request.user, name=upload.name,
                                    chunks=upload.chunks(), description=form.cleaned_data["description"])
    except (ExanteInvalid, ExanteStateError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已上传附件：{attachment.original_name}")
    return redirect(_page(assessment) + "#attachments")


def _attachment(request: AuthenticatedHttpRequest, assessment_id: int, attachment_id: int) -> ExanteAttachment:
    assessment = assessment_for(request.user, assessment_id)
    attachment = ExanteAttachment.objects.filter(assessment=assessment, pk=attachment_id).first()
    if attachment is None:
        raise Http404("附件不存在")
    return attachment


@login_required
def attachment_download(request: AuthenticatedHttpRequest, assessment_id: int, attachment_id: int
                        ) -> HttpResponse | FileResponse:
    attachment = _attachment(request, assessment_id, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("附件文件不存在") from None
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
@require_POST
def attachment_delete(request: AuthenticatedHttpRequest, assessment_id: int, attachment_id: int) -> HttpResponse:
    attachment = _attachment(request, assessment_id, attachment_id)
    if not can_write_figures(request.user, attachment.assessment.project.department):
        raise PermissionDenied("只有本部门用户可以删除附件")
    try:
        delete_attachment(attachment=attachment, actor=request.user)
    except ExanteStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已删除附件：{attachment.original_name}")
    return redirect(_page(attachment.assessment) + "#attachments")


