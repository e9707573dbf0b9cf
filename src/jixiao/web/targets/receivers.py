"""Signal receivers that keep the observations current (保存指标后更新观测值), once per transaction.

A declaration saves many indicator rows; each save only notes its department-year or project-year
here, and one callback after the commit rewrites those few (``services``) and the statistics
of the keys they touched. Nothing is done for a transaction that rolls back.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from jixiao.web.budgets.models import Budget
from jixiao.web.evaluation.models import Indicator
from jixiao.web.projperf.models import ProjectIndicator, ProjectYear
from jixiao.web.targets import services

_pending = threading.local()


def _state() -> dict[str, set[Any]]:
    if not hasattr(_pending, "state"):
        _pending.state = {"departments": set(), "projects": set()}
    state: dict[str, set[Any]] = _pending.state
    return state


def flush() -> None:
    """Rewrite what this thread's committed transactions noted, then the statistics they touched."""
    state = _state()
    departments, projects = set(state["departments"]), set(state["projects"])
    state["departments"].clear()
    state["projects"].clear()
    if not departments and not projects:
        return
    keys: set[services.Key] = set()
    for department_id, year in departments:
        keys |= services.record_department_year(department_id=department_id, year=year)
    for project_year_id in projects:
        keys |= services.record_project_year(project_year_id=project_year_id)
    services.recompute_stats(keys)


def _note(kind: str, value: Any) -> None:
    # noted always, flushed by the first callback after a commit (the others find nothing left); a
    # rolled-back transaction's notes are flushed by the next commit, which recomputes from the rows
    _state()[kind].add(value)
    transaction.on_commit(flush)


def _indicator(sender: Any, instance: Indicator, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _note("departments", (instance.department_id, _year(instance.fiscal_year_id)))


def _budget(sender: Any, instance: Budget, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _note("departments", (instance.department_id, _year(instance.fiscal_year_id)))


def _project_indicator(sender: Any, instance: ProjectIndicator, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _note("projects", instance.project_year_id)


def _project_year(sender: Any, instance: ProjectYear, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _note("projects", instance.pk)


def _year(fiscal_year_id: int) -> int:
    from jixiao.web.departments.models import FiscalYear

    return FiscalYear.objects.values_list("year", flat=True).get(pk=fiscal_year_id)


def connect() -> None:
    for model, receiver in ((Indicator, _indicator), (Budget, _budget), (ProjectIndicator, _project_indicator),
                            (ProjectYear, _project_year)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"targets-{model.__name__}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"targets-{model.__name__}-delete")
