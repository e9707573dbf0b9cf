"""What the audit log keeps besides django-simple-history's rows: events and the seal chain.

- ``AuditEvent``: a login, a failed login, a logout, an export (download), a prune of the log,
  a restore — things that change no row but an auditor asks about (等保2.0 安全审计).
- ``AuditSeal``: one per audit record (every historical row of every app and every event),
  in the order they were sealed; ``digest`` = SHA-256 of the previous seal's digest and the
  record's content, so deleting or altering a record, or a seal, breaks the chain
  (``jixiao db verify-audit``).
- ``AuditChainHead``: the one row writers lock to append to the chain; it holds the last
  seal's number and digest, and the anchor left by a retention prune (the digest the first
  remaining seal follows).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        EXPORT = "export", "导出"
        PRUNE = "prune", "清理审计记录"
        RESTORE = "restore", "恢复备份"

    date = models.DateTimeField("时间", db_index=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", db_constraint=False)
    username = models.CharField("用户名", max_length=150, blank=True)
    department = models.ForeignKey("departments.Department", verbose_name="部门", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", db_constraint=False)
    source = models.CharField("来源", max_length=100, blank=True)
    detail = models.CharField("内容", max_length=300, blank=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-date", "-id"]


class AuditSeal(models.Model):
    seq = models.BigIntegerField("序号", unique=True)
    model = models.CharField("记录类型", max_length=100)
    record_id = models.BigIntegerField("记录编号")
    digest = models.CharField("摘要", max_length=64)
    sealed_at = models.DateTimeField("封存时间", db_index=True)

    class Meta:
        verbose_name = "审计封存"
        verbose_name_plural = "审计封存"
        constraints = [models.UniqueConstraint(fields=["model", "record_id"], name="audit_seal_record_unique")]


class AuditChainHead(models.Model):
    seq = models.BigIntegerField("最后序号", default=0)
    digest = models.CharField("最后摘要", max_length=64, default="")
    anchor_seq = models.BigIntegerField("清理后起点序号", default=0)
    anchor_digest = models.CharField("清理后起点摘要", max_length=64, default="")

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
