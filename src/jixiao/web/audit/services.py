"""Writes of the audit app (审计): events, the system account, the CLI's actor, retention."""

from __future__ import annotations

import getpass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.accounts.models import Role, User
from jixiao.web.audit import chain
from jixiao.web.audit.models import AuditEvent
from jixiao.web.common.actor import Actor, current_actor, set_actor

SYSTEM_USERNAME = "system"


def client_ip(request: HttpRequest) -> str | None:
    """The request's source address: ``REMOTE_ADDR``, or with ``JIXIAO_TRUSTED_PROXIES`` > 0 the
    address that many hops back in ``X-Forwarded-For`` (a proxy of ours appends to it)."""
    hops = getattr(settings, "JIXIAO_TRUSTED_PROXIES", 0)
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if hops and forwarded:
        return forwarded[-min(hops, len(forwarded))]
    return request.META.get("REMOTE_ADDR") or None


def web_source(request: HttpRequest) -> str:
    ip = client_ip(request)
    return f"网页 · {ip}" if ip else "网页"


def record_event(*, kind: str, user: Any | None = None, username: str = "", request: HttpRequest | None = None,
                 detail: str = "", source: str | None = None) -> AuditEvent:
    """Record an audit event (登录、登录失败、退出、导出 …) and seal it once its transaction commits."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    if source is None:
        actor = current_actor()
        source = web_source(request) if request is not None else actor.source if actor else "系统"
    event = AuditEvent.objects.create(
        date=timezone.now(), kind=kind, user=user, username=(username or (user.username if user else ""))[:150],
        department_id=getattr(user, "department_id", None), source=source[:100], detail=detail[:300])
    chain.seal_later(chain.EVENT, event.pk)
    return event


def system_user() -> User:
    """The account the demo and other unattended writes are made under (系统): inactive, no password."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, first_name="系统", role=Role.ADMIN, is_active=False)
        user.set_unusable_password()
        user._history_user = user  # type: ignore[attr-defined]  # simple-history reads it off the instance; the account's own creation is the system's too
        user.save()
    return user


class UnknownUser(LookupError):
    pass


def cli_actor(as_user: str | None) -> Actor:
    """Attribute this process's writes: to ``--as USER`` (an existing account), else to the OS user.

    The OS user's account is used when one has the same name; the source names the OS user either way.
    """
    os_user = _os_user()
    if as_user:
        user = User.objects.filter(username=as_user).first()
        if user is None:
            raise UnknownUser(f"找不到用户 {as_user}（--as 须是已有的用户名）")
    else:
        user = User.objects.filter(username=os_user).first()
    return set_actor(user=user, source=f"命令行 · 操作系统用户 {os_user}")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no name for this uid (a container): say so rather than guess
        return "未知"


def retention_days() -> int:
    return int(settings.JIXIAO_AUDIT_RETENTION_DAYS)


class RetentionTooShort(ValueError):
    pass


def prune_audit(*, days: int | None = None) -> int:
    """Delete audit records older than ``days`` (default: the retention setting); never below the minimum."""
    minimum = int(settings.JIXIAO_AUDIT_RETENTION_MIN_DAYS)
    days = retention_days() if days is None else days
    if days < minimum:
        raise RetentionTooShort(f"审计记录至少保留 {minimum} 天（《网络安全法》第二十一条：网络日志留存不少于六个月），"
                                f"不能只保留 {days} 天")
    removed = chain.prune(days=days)
    record_event(kind=AuditEvent.Kind.PRUNE, detail=f"删除 {days} 天以前的审计记录 {removed} 条")
    return removed


def verify_audit() -> tuple[int, list[chain.Problem]]:
    """Walk the seal chain (``chain.verify``): (records checked, problems, each one Chinese line)."""
    return chain.verify()


def seal_all() -> int:
    """Seal every record not sealed yet (after writes that bypassed the signals); how many."""
    return chain.seal()
