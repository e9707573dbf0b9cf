"""A department's response to a monitoring warning (预警响应), one per warning, edited in place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jixiao.web.common.locking import version_of
from jixiao.web.common.models import SoftDeleteModel, soft_unique


class WarningResponse(SoftDeleteModel):
    """预警响应: what the department chose (继续执行 / 调剂 / 取消) for one warning of a year, and why.

    ``warning_key`` is the core's ``jixiao.monitor.response.warning_key`` (kind and month), so the
    same warning seen on another day finds the same response. The allowed actions are the
    thresholds file's data, checked by the service, not choices frozen in a migration.
    """

    department = models.ForeignKey("departments.Department", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="warning_responses")
    fiscal_year = models.ForeignKey("departments.FiscalYear", verbose_name="年度", on_delete=models.PROTECT,
                                    related_name="warning_responses")
    warning_key = models.CharField("预警标识", max_length=300)
    kind = models.CharField("预警类型", max_length=40)
    month = models.PositiveSmallIntegerField("预警月份")
    message = models.CharField("预警内容", max_length=500)
    deadline = models.DateField("响应期限")
    action = models.CharField("响应措施", max_length=20)
    reason = models.TextField("理由")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="响应人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField("响应时间")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "预警响应"
        verbose_name_plural = "预警响应"
        ordering = ["fiscal_year__year", "department__name", "month", "kind"]
        constraints = [soft_unique("department", "fiscal_year", "warning_key", name="warning_response_unique")]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year} {self.message}：{self.action}"

    @property
    def responder(self) -> str:
        """Who answered, by name (``—`` for a response recorded without a user, such as the demo's)."""
        user = self.responded_by
        if user is None:
            return "—"
        return user.get_full_name() or user.username

    @property
    def version(self) -> int:
        """The version the page and the API send back to change this response (乐观锁)."""
        return version_of(self)

    @property
    def late(self) -> bool:
        """Answered after the deadline (逾期响应)."""
        return timezone.localtime(self.responded_at).date() > self.deadline
