"""Reads of the audit log (审计日志): the historical rows of every app, newest first, scoped by department.

Which department a change belongs to (``DEPARTMENT_OF``), decided per model:

- 部门 itself: its own id; rows with a ``department`` (预算, 指标, 自评, 文件, 复核, 整改 …):
  that department at the time of the change;
- 预算调整 and 月度执行: through their budget's department (``budget.department``); other rows
  through the foreign key named (目标审核 through its declaration, and so on);
- 地区, 预算年度, 用户: no department — only the finance bureau and admins see their changes
  (and nobody sees a password hash: its value is never shown).

A department user sees the changes of the departments ``visible_to`` gives them; a model
not named here falls back to its ``department`` or ``budget`` field, else to no department.

All historical tables are read in one UNION query per page (ids, date, type, user, model,
department); then two queries per model on the page (its rows with the previous version's id,
and those previous versions) give old → new, so the count of queries does not grow with rows.

``versions`` is the same reading for one model's objects, whole: every version of each, oldest
first, with the one before it — for a page that words the changes of its own records (the
复核意见 history of a file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, OuterRef, Subquery, Value

from jixiao.figures import format as fmt
from jixiao.figures.rounding import round_places
from jixiao.review.engine import rule_title
from jixiao.web.accounts.models import User
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.departments.permissions import sees_every_record

PAGE_SIZE = 25

DEPARTMENT_OF: dict[str, str | None] = {
    "departments.department": "id",
    "departments.region": None,
    "departments.fiscalyear": None,
    "accounts.user": None,
    "budgets.budget": "department",
    "budgets.budgetadjustment": "budget",
    "budgets.monthlyexecution": "budget",
    "evaluation.performancegoal": "department",
    "evaluation.indicator": "department",
    "evaluation.keytask": "department",
    "evaluation.evaluation": "department",
    "documents.sourcedocument": "department",
    "results.rectification": "department",
    "declarations.goalreview": "declaration",
    "reviews.reviewrecord": "document",
    "reviews.findingdecision": "record__document",
    "oversight.sampledraw": None,  # a draw spans departments: only the finance bureau sees its changes
    "oversight.sampleditem": "department",
    "oversight.scoreadjustment": "item",
    "batches.batchfile": "batch",
    "exante.exanteassessment": "project",
    "exante.exanteattachment": "assessment__project",
    "exante.exanteitem": "assessment__project",
    "projperf.projectyear": "project",
    "projperf.projectgoal": "project_year__project",
    "projperf.projectindicator": "project_year__project",
    "projperf.projectmonthly": "project_year__project",
    "projperf.projectgoalreview": "project_year__project",
    "projperf.goaladjustment": "project_year__project",
    "projperf.indicatorprogress": "indicator__project_year__project",
    "disclosure.publication": "department",
    "disclosure.publishedfile": "publication",
    "indicators.libraryindicator": None,  # the shared 指标库 belongs to no department
}
"""How a historical row of each model maps to a department (see the module docstring)."""

HIDDEN_VALUES = {"password"}
_FINDING_KEY = re.compile(r"^[a-z_]+\.[a-z_]+(?:@[\d,\-]*)?(?:#\w+)?$")
"""A review finding's key (``execution.low_rate@197-208``): the log names the rule by its title."""
"""Fields whose change is shown, never their values."""
SKIPPED = {"created_at", "updated_at", "last_login"}
"""Bookkeeping fields not worth a line in the log."""

TYPE_LABELS = {"+": "新增", "~": "修改", "-": "删除"}


@dataclass
class Change:
    """One changed field: its Chinese name and old → new as text."""

    field: str
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One recorded change (一条审计记录)."""

    model: str          # app_label.model_name
    model_label: str    # 中文名 (verbose_name)
    history_id: int
    object_id: int
    date: datetime
    type: str           # + ~ -
    type_label: str     # 新增 / 修改 / 删除 / 恢复
    user_id: int | None
    user: str | None
    department_id: int | None
    department: str | None
    changes: list[Change] = field(default_factory=list)
    source: str = ""    # 来源: 网页 · IP / 命令行 · 操作系统用户 … / 演示数据
    detail: str = ""    # an event's content (登录、导出 …)


@dataclass
class AuditLog:
    page: Page
    entries: list[Entry]


@dataclass(frozen=True)
class Version:
    """One recorded version of a row (历史版本): when, by whom, the row as it then was, the version before."""

    date: datetime
    user: str | None  # full name, else username; None when no user made it (a script, the demo)
    row: Any  # the historical row: every tracked field, ``history_type``, ``history_date``
    previous: Any | None  # the object's version before this one; None for its first


def versions(*, model: str, **filters: Any) -> list[Version]:
    """Every recorded version of the ``model`` objects (``app_label.model_name``) that ``filters`` select, oldest first.

    ``filters`` apply to the historical rows (``id=…``, ``record_id=…``); every version of an
    object any of whose versions matches is returned. Not scoped to a user: the caller has
    resolved what the user may see. One query.
    """
    manager = historical_models()[model]._default_manager
    rows = (manager.filter(id__in=manager.filter(**filters).values("id")).select_related("history_user")
            .order_by("history_date", "history_id"))
    found: list[Version] = []
    last: dict[int, Any] = {}  # simple-history rows: their class is generated, unknown to the stubs
    row: Any
    for row in rows:
        user = row.history_user
        found.append(Version(date=row.history_date, user=(user.get_full_name() or user.username) if user else None,
                             row=row, previous=last.get(row.id)))
        last[row.id] = row
    return found


def historical_models() -> dict[str, Any]:  # simple-history's generated classes (instance_type, …)
    """``app_label.model_name`` of the tracked model → its historical model, for every app."""
    found = {}
    for model in apps.get_models():
        instance_type = getattr(model, "instance_type", None)
        if instance_type is not None and model.__name__.startswith("Historical"):
            found[instance_type._meta.label_lower] = model
    return dict(sorted(found.items()))


def department_field(label: str, historical: type[models.Model]) -> str | None:
    """How rows of ``label`` map to a department: ``id``, ``department``, ``budget`` or None."""
    if label in DEPARTMENT_OF:
        return DEPARTMENT_OF[label]
    names = {f.name for f in historical._meta.get_fields()}
    return "department" if "department" in names else "budget" if "budget" in names else None


def model_choices() -> list[tuple[str, str]]:
    """(label, 中文名) of every audited model, for the filter."""
    return [(label, str(h.instance_type._meta.verbose_name)) for label, h in historical_models().items()]


def _department_expression(how: str | None, historical: type[models.Model]) -> Any:
    """The department id of a historical row: its own id, its ``department``, or through a foreign key
    path (``budget``, ``declaration``, ``record__document``) to a row that has a department."""
    if how == "id":
        return F("id")
    if how == "department":
        return F("department_id")
    if how is None:
        return Value(None, output_field=models.BigIntegerField())
    first, _, rest = how.partition("__")
    related: Any = historical._meta.get_field(first).related_model  # a foreign key: a model, never None
    path = f"{rest}__department_id" if rest else "department_id"
    return Subquery(related._base_manager.filter(pk=OuterRef(f"{first}_id")).values(path)[:1])


EVENT_KINDS = {"login": "登录", "login_failed": "登录失败", "logout": "退出登录", "export": "导出",
               "prune": "清理审计记录", "restore": "恢复备份"}
"""Kinds of ``AuditEvent`` (as ``AuditEvent.Kind``), as the filter offers them."""

KIND_CHOICES = [("change", "数据变更（全部）"), ("+", "新增"), ("~", "修改"), ("-", "删除"),
                ("event", "登录与导出（全部）"), *EVENT_KINDS.items()]
"""The 类型 filter: changes (by history type) or events (by kind)."""

SORTS = {"-date": ("-a_date", "-a_hid"), "date": ("a_date", "a_hid"), "user": ("a_username", "-a_date", "-a_hid"),
         "-user": ("-a_username", "-a_date", "-a_hid"), "kind": ("a_type", "-a_date", "-a_hid")}
"""Orders the log can be sorted by (kept in the URL as ``sort=``); newest first by default."""

EVENT = "audit.auditevent"
_COLUMNS = ("a_date", "a_hid", "a_type", "a_user", "a_obj", "a_model", "a_dept", "a_source", "a_username")


@dataclass(frozen=True)
class Filters:
    """What the log is narrowed to (all optional)."""

    department_id: int | None = None
    model: str | None = None
    user_id: int | None = None
    object_id: int | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    sort: str = "-date"


def _day_start(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _scoped(user: User, filters: Filters) -> models.QuerySet | None:
    """The UNION of every historical table and the events the user may see, one row per record."""
    from datetime import timedelta

    from jixiao.web.audit.models import AuditEvent

    visible = Department.objects.visible_to(user)
    everything = sees_every_record(user)
    by_user = filters.sort in ("user", "-user")
    kind = filters.kind
    want_changes = kind in (None, "change", "+", "~", "-") and filters.model != EVENT
    want_events = (kind is None or kind == "event" or kind in EVENT_KINDS) and filters.model in (None, EVENT) \
        and filters.object_id is None
    parts = []

    def narrowed(qs: models.QuerySet) -> models.QuerySet:
        if not everything:
            qs = qs.filter(a_dept__in=visible.values("pk"))
        if filters.department_id is not None:
            qs = qs.filter(a_dept=filters.department_id)
        if filters.user_id is not None:
            qs = qs.filter(a_user=filters.user_id)
        if filters.date_from is not None:
            qs = qs.filter(a_date__gte=_day_start(filters.date_from))
        if filters.date_to is not None:
            qs = qs.filter(a_date__lt=_day_start(filters.date_to + timedelta(days=1)))
        return qs

    for label, historical in historical_models().items() if want_changes else ():
        if filters.model and label != filters.model:
            continue
        how = department_field(label, historical)
        if how is None and (not everything or filters.department_id is not None):
            continue  # no department: the finance bureau's and admins' only, and never under a department filter
        username = (Subquery(User.objects.filter(pk=OuterRef("history_user_id")).values("username")[:1])
                    if by_user else Value("", output_field=models.CharField()))
        qs = historical._default_manager.order_by().annotate(
            a_date=F("history_date"), a_hid=F("history_id"), a_type=F("history_type"), a_user=F("history_user_id"),
            a_obj=F("id"), a_model=Value(label, output_field=models.CharField()),
            a_dept=_department_expression(how, historical), a_source=F("history_change_reason"),
            a_username=username)
        if kind in ("+", "~", "-"):
            qs = qs.filter(history_type=kind)
        if filters.object_id is not None:
            qs = qs.filter(id=filters.object_id)
        parts.append(narrowed(qs).values(*_COLUMNS))
    if want_events:
        qs = AuditEvent.objects.order_by().annotate(
            a_date=F("date"), a_hid=F("id"), a_type=F("kind"), a_user=F("user_id"), a_obj=F("id"),
            a_model=Value(EVENT, output_field=models.CharField()), a_dept=F("department_id"), a_source=F("source"),
            a_username=F("username"))
        if kind in EVENT_KINDS:
            qs = qs.filter(kind=kind)
        if not everything:
            qs = qs.filter(a_dept__isnull=False)
        parts.append(narrowed(qs).values(*_COLUMNS))
    if not parts:
        return None
    order = SORTS.get(filters.sort, SORTS["-date"])
    first, *rest = parts
    return first.union(*rest, all=True).order_by(*order) if rest else first.order_by(*order)


def audit_log(*, user: User, department_id: int | None = None, model: str | None = None,
              user_id: int | None = None, object_id: int | None = None, page: int = 1,
              per_page: int = PAGE_SIZE, filters: Filters | None = None) -> AuditLog:
    """One page of the records ``user`` may see (审计日志), newest first, with old → new of each field."""
    if filters is None:
        filters = Filters(department_id=department_id, model=model, user_id=user_id, object_id=object_id)
    union = _scoped(user, filters)
    paginator: Paginator[Any] = Paginator(union if union is not None else [], per_page)
    current = paginator.get_page(page)
    rows = list(current.object_list)
    return AuditLog(page=current, entries=_entries(rows, user))


def iter_log(*, user: User, filters: Filters, chunk: int = 500) -> Iterator[Entry]:
    """Every record the filters select, in their order, a chunk at a time (the export)."""
    union = _scoped(user, filters)
    if union is None:
        return
    offset = 0
    while True:
        rows = list(union[offset:offset + chunk])
        if not rows:
            return
        yield from _entries(rows, user)
        offset += chunk


def _entries(rows: list[dict[str, Any]], user: User) -> list[Entry]:
    from jixiao.web.audit.models import AuditEvent

    if not rows:
        return []
    users = User.objects.in_bulk({r["a_user"] for r in rows if r["a_user"]})
    departments = Department.all_objects.in_bulk({r["a_dept"] for r in rows if r["a_dept"]})
    by_model: dict[str, list[int]] = {}
    for row in rows:
        by_model.setdefault(row["a_model"], []).append(row["a_hid"])
    events = AuditEvent.objects.in_bulk(by_model.pop(EVENT, []))
    versions: dict[tuple[str, int], tuple[Any, Any]] = {}
    for label, ids in by_model.items():
        historical = historical_models()[label]
        manager = historical._default_manager
        previous_id = Subquery(manager.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
                               .order_by("-history_id").values("history_id")[:1])
        current = list(manager.filter(history_id__in=ids).annotate(previous_id=previous_id))
        previous = manager.in_bulk({c.previous_id for c in current if c.previous_id})
        for row in current:
            versions[(label, row.history_id)] = (row, previous.get(row.previous_id))
    names = _related_names(versions.values(), user)
    entries = []
    for row in rows:
        label = row["a_model"]
        who = users.get(row["a_user"])
        dept = departments.get(row["a_dept"])
        common = {"history_id": row["a_hid"], "object_id": row["a_obj"], "date": row["a_date"],
                  "user_id": row["a_user"], "source": row["a_source"] or "",
                  "department_id": dept.pk if dept else None, "department": dept.name if dept else None}
        if label == EVENT:
            event = events[row["a_hid"]]
            name = (who.get_full_name() or who.username) if who else (event.username or None)
            entries.append(Entry(model=label, model_label="审计事件", type=event.kind,
                                 type_label=EVENT_KINDS.get(event.kind, event.kind), user=name,
                                 detail=event.detail, **common))
            continue
        new, old = versions[(label, row["a_hid"])]
        changes = _changes(new, old, names)
        entries.append(Entry(
            model=label, model_label=str(new.instance_type._meta.verbose_name), type=row["a_type"],
            type_label=_type_label(row["a_type"], changes), user=(who.get_full_name() or who.username) if who else None,
            changes=changes, **common))
    return entries


def _type_label(kind: str, changes: list[Change]) -> str:
    deleted = next((c for c in changes if c.field == "deleted_at"), None)
    if kind == "~" and deleted is not None:
        return "删除" if deleted.old == "—" else "恢复"  # a soft delete is a change of 删除时间
    return TYPE_LABELS.get(kind, kind)


def _tracked_fields(historical: Any) -> list[models.Field]:  # a simple-history class
    tracked = {f.name for f in historical.instance_type._meta.concrete_fields}
    return [f for f in historical._meta.concrete_fields
            if f.name in tracked and f.name not in SKIPPED and not f.primary_key and f.name != "id"]


NAMED_RELATIONS: dict[type[models.Model], Any] = {
    Department: lambda d: d.name,
    FiscalYear: lambda y: f"{y.year}年度",
    User: lambda u: u.get_full_name() or u.username,
}
"""Related rows printed by name instead of ``#id`` (one query per kind and page)."""


def _related_names(pairs: Any, user: User) -> dict[tuple[type[models.Model], Any], str]:
    named = NAMED_RELATIONS
    wanted: dict[type[models.Model], set[Any]] = {}
    for new, old in pairs:
        for version in (new, old):
            if version is None:
                continue
            for f in _tracked_fields(type(version)):
                if f.is_relation and f.related_model in named and getattr(version, f.attname) is not None:
                    wanted.setdefault(f.related_model, set()).add(getattr(version, f.attname))
    names = {}
    for model, ids in wanted.items():
        rows = getattr(model, "all_objects", model._default_manager).all()
        if model is Department and not sees_every_record(user):
            rows = Department.objects.visible_to(user)  # another department's name stays a number
        for pk, obj in rows.in_bulk(ids).items():
            names[(model, pk)] = named[model](obj)
    return names


def _changes(new: Any, old: Any, names: dict[tuple[Any, Any], str]) -> list[Change]:
    """old → new of every field that differs (新增: every field given; 删除: every field it had)."""
    kind = new.history_type
    if kind == "~" and old is None:
        return []  # a change with no earlier version on record: nothing to compare
    found = []
    for f in _tracked_fields(type(new)):
        value = getattr(new, f.attname)
        if kind == "+":
            before, after = None, value
        elif kind == "-":
            before, after = value, None
        else:
            before, after = getattr(old, f.attname), value
        if before == after or (_empty(before) and _empty(after)):
            continue
        hidden = f.name in HIDDEN_VALUES
        found.append(Change(field=f.name, label=str(f.verbose_name),
                            old="（不显示）" if hidden and not _empty(before) else _text(f, before, names),
                            new="（不显示）" if hidden and not _empty(after) else _text(f, after, names)))
    return found


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text(f: models.Field, value: Any, names: dict[tuple[Any, Any], str]) -> str:
    """A field's value as the log prints it: choice labels, 是/否, a related row's name (else #id), short text."""
    if _empty(value):
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if isinstance(f, models.JSONField) and _nested(value):
        # 出处 maps and the like: a record of where figures came from, not words a reader checks here
        return f"{len(value)} 项"
    text = _words(value, money_places=getattr(f, "decimal_places", None) == 2)
    return text if len(text) <= 200 else text[:199] + "…"


def _nested(value: Any) -> bool:
    """A JSON value of records (a map or list whose items are maps or lists), summarised by its count."""
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(isinstance(item, dict) or (isinstance(item, list) and len(item) != 2) for item in items)


def _words(value: Any, *, money_places: bool = False) -> str:
    """A stored value in words: times in Asia/Shanghai, amounts with two places, lists and maps as text, never JSON."""
    from django.utils import timezone

    if _empty(value):
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if timezone.is_aware(value) \
            else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return fmt.money(value, grouped=True) if money_places else fmt.plain(round_places(value))
    if isinstance(value, float):
        return fmt.plain(round_places(Decimal(str(value))))
    if isinstance(value, dict):
        return "；".join(f"{k}：{_words(v)}" for k, v in value.items() if not _empty(v)) or "—"
    if isinstance(value, list | tuple):
        if all(isinstance(v, list | tuple) and len(v) == 2 for v in value):
            return "；".join(f"{_words(a)}：{_words(b)}" for a, b in value)
        return "；".join(_words(v) for v in value if not _empty(v)) or "—"
    if isinstance(value, str) and _FINDING_KEY.match(value):
        return f"复核发现“{rule_title(value)}”"
    return str(value)


def filter_users(*, user: User) -> list[User]:
    """Users offered in the filter: those of the visible departments and those of no department."""
    visible = Department.objects.visible_to(user)
    return list(User.objects.filter(models.Q(department__in=visible) | models.Q(department__isnull=True))
                .order_by("username"))
