"""Signal receivers of the audit app: who and where for every history row, seals, logins.

Connected in ``AuditConfig.ready``.

- Before a historical row is saved: its user and source (``history_change_reason``) from the
  web request (网页 · IP) or from ``common.actor`` (命令行 / 演示数据); after: seal it on commit.
- Rows bulk-written (``history_bulk_written``): seal the history of the rows it names (else every unsealed
  record of that model) on commit.
- Login, failed login, logout: an ``AuditEvent`` each. A login no longer writes a history row
  for ``last_login`` (Django's ``update_last_login`` saved the user, which the log showed as a
  change with nothing changed): the time is set with an UPDATE and the login is an event.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import update_last_login
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from jixiao.web.audit import chain
from jixiao.web.audit.models import AuditEvent
from jixiao.web.audit.services import record_event, web_source
from jixiao.web.common.actor import current_actor, history_bulk_written


def _request() -> Any | None:
    return getattr(HistoricalRecords.context, "request", None)


def before_history(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    request = _request()
    actor = current_actor()
    if request is not None and hasattr(request, "META"):
        source = web_source(request)
    elif actor is not None:
        source = actor.source
        if history_instance.history_user_id is None and actor.user is not None:
            history_instance.history_user = actor.user
    else:
        source = "系统"
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = source[:100]


def after_history(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    chain.seal_later(type(history_instance).instance_type._meta.label_lower, history_instance.pk)


def after_bulk(sender: Any, model: Any, ids: Any = None, **kwargs: Any) -> None:
    named = list(ids) if ids is not None else None
    if named is not None and any(pk is None for pk in named):
        named = None  # a row without its id: sweep every unsealed record of the model instead
    chain.seal_later(model._meta.label_lower, None, instances=named)


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    type(user)._base_manager.filter(pk=user.pk).update(last_login=timezone.now())
    record_event(kind=AuditEvent.Kind.LOGIN, user=user, request=request)


def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(kind=AuditEvent.Kind.LOGOUT, user=user, request=request)


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    from jixiao.web.accounts.models import User

    username = str(credentials.get("username") or "")[:150]
    known = User.objects.filter(username=username).first() if username else None
    record_event(kind=AuditEvent.Kind.LOGIN_FAILED, user=known, username=username, request=request,
                 detail="" if known else "用户名不存在")


def connect() -> None:
    pre_create_historical_record.connect(before_history, dispatch_uid="audit_before_history")
    post_create_historical_record.connect(after_history, dispatch_uid="audit_after_history")
    history_bulk_written.connect(after_bulk, dispatch_uid="audit_after_bulk")
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(on_login, dispatch_uid="audit_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
