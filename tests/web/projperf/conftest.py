"""Fixtures of the 项目绩效 tests: an approved (已立项) project of department A."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.projects.models import Project
from jixiao.web.projects.services import change_status, create_project


def approved_project(world, *, code: str = "P-101", department=None, user=None) -> Project:
    project = create_project(department=department or world.a, actor=user or world.user_a, code=code,
                             name="主题宣传活动经费", category="宣传文化", start_year=2022, end_year=2022,
                             amount=Decimal("80.00"), attribute=Project.Attribute.CONTINUING)
    return change_status(project=project, to=Project.Status.APPROVED, actor=user or world.user_a)


@pytest.fixture
def project(world) -> Project:
    return approved_project(world)
