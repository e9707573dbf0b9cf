"""The 事前绩效评估 section of a project's page (项目详情页的事前评估部分), registered in ``ExanteConfig.ready``."""

from __future__ import annotations

from typing import Any

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.departments.permissions import can_write_figures
from jixiao.web.exante.selectors import assessment_of, may_review
from jixiao.web.projects.models import Project

TEMPLATE = "exante/_project_section.html"


def project_section(request: AuthenticatedHttpRequest, project: Project) -> dict[str, Any] | None:
    """The project's assessment (state, conclusion, links) and whether the user may start one."""
    if project.deleted_at is not None:
        return None
    assessment = assessment_of(project)
    return {"assessment": assessment,
            "can_start": assessment is None and can_write_figures(request.user, project.department)
            and project.status in (Project.Status.RESERVE, Project.Status.EX_ANTE),
            "can_review": assessment is not None and may_review(request.user, assessment)
            and assessment.status == assessment.Status.SUBMITTED}
