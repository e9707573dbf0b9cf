"""Fixtures of the 事前绩效评估 web tests: a new project of A above the threshold, its assessment filled in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.web.conftest import PASSWORD

from jixiao.exante import load_scheme
from jixiao.web.accounts.models import Role, User
from jixiao.web.exante.models import ExanteAssessment
from jixiao.web.exante.services import ItemText, create_assessment, save_assessment
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import create_project

NARRATIVE = {"background": "落实区委部署。", "content": "建设 12 个文明实践站。", "goals": "年底前建成并投入使用。",
             "funding": "区级财政资金 800 万元。"}


def filled_items() -> dict[str, ItemText]:
    return {item.key: ItemText(self_assessment=f"{item.text}：已论证。", evidence="可研报告")
            for item in load_scheme().items}


def full_points(lost: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    lost = lost or {}
    return {item.key: {"points": str(item.points - Decimal(lost.get(item.key, "0"))),
                       "note": "扣分理由" if item.key in lost else ""} for item in load_scheme().items}


@pytest.fixture
def project(world) -> Project:
    return create_project(department=world.a, actor=world.user_a, code="2023-EX-001", name="文明实践站建设项目",
                          start_year=2023, end_year=2023, amount=Decimal("800.00"), attribute=Project.Attribute.NEW)


@pytest.fixture
def assessment(world, project) -> ExanteAssessment:
    made = create_assessment(project=project, actor=world.user_a)
    save_assessment(assessment=made, actor=world.user_a, version_seen=None, narrative=NARRATIVE, items=filled_items())
    made.refresh_from_db()
    return made


@pytest.fixture
def expert(db) -> User:
    return User.objects.create_user("expert1", password=PASSWORD, role=Role.EXPERT, first_name="王专家")
