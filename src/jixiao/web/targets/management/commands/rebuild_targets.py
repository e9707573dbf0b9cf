"""``jixiao db manage rebuild_targets``: every indicator observation and peer statistic again (目标质量数据重建)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.targets.services import rebuild_all


class Command(BaseCommand):
    help = "重建目标质量的指标观测值与同类统计（从全部部门与项目的指标行）"

    def handle(self, *args: Any, **options: Any) -> None:
        observations, stats = rebuild_all()
        self.stdout.write(f"已重建：指标观测值 {observations} 条，同类统计 {stats} 组")
