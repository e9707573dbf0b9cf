"""Limits on reading one file (受限读取): sizes, counts and a time budget, from one TOML file.

``limits.toml`` beside this module holds the defaults and says where they come from; a user's
file of the same shape overrides any of them (``jixiao import --limits FILE`` or
``JIXIAO_LIMITS=FILE``). Readers check the limits while they stream — a DOCX/XLSX member is
inflated chunk by chunk and counted, a PDF's deflated streams are counted before pdfium parses
one, pages and parts are counted, a :class:`Budget` is checked page by page — so a small file
that would inflate to gigabytes stops early with one Chinese line naming the file and the limit.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from jixiao.datafiles import read_named_toml, validated
from jixiao.errors import JixiaoError
from jixiao.readers.common import ReadError

SHIPPED = Path(__file__).with_name("limits.toml")
ENVIRONMENT = "JIXIAO_LIMITS"
MB = 1024 * 1024


class LimitsError(JixiaoError):
    """The limits file cannot be used (限制配置无效); one line naming the file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _FileLimits(_Strict):
    """What every kind of upload bounds: the file's size and what it unpacks to, in MB (bytes for the readers)."""

    max_file_mb: float
    max_unpacked_mb: float

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * MB)


class ReportLimits(_FileLimits):
    """自评报告 (.pdf .docx .txt)."""

    max_file_mb: float = Field(20, gt=0)
    max_unpacked_mb: float = Field(100, gt=0)
    max_image_unpacked_mb: float = Field(400, gt=0)
    max_parts: int = Field(10_000, gt=0)
    max_pages: int = Field(1000, gt=0)
    time_budget_seconds: float = Field(60, gt=0)

    @property
    def max_image_unpacked_bytes(self) -> int:
        return int(self.max_image_unpacked_mb * MB)


class MonthlyLimits(_FileLimits):
    """月度执行数导入模板 (.xlsx)."""

    max_file_mb: float = Field(2, gt=0)
    max_unpacked_mb: float = Field(10, gt=0)
    max_parts: int = Field(100, gt=0)
    max_rows: int = Field(1000, gt=0)
    time_budget_seconds: float = Field(10, gt=0)


class WorkerLimits(_Strict):
    """The web's child process for reading an upload."""

    max_memory_mb: int = Field(1536, ge=256)
    isolated: bool = True


class BatchLimits(_Strict):
    """批量上传: a ZIP (or many files) uploaded at once; each report in it within ``[report]``."""

    max_upload_mb: float = Field(500, gt=0)
    max_files: int = Field(5000, gt=0)
    max_unpacked_mb: float = Field(4000, gt=0)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MB)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * MB)


class Limits(_Strict):
    report: ReportLimits = ReportLimits()
    monthly: MonthlyLimits = MonthlyLimits()
    worker: WorkerLimits = WorkerLimits()
    batch: BatchLimits = BatchLimits()


def load_limits(path: str | Path | None = None) -> Limits:
    """The shipped limits, with those of ``path`` (a TOML file of the same shape) over them."""
    _, data = read_named_toml(SHIPPED, shipped={}, error=LimitsError, what="读取限制配置")
    if path is not None:
        given, override = read_named_toml(path, shipped={}, error=LimitsError, what="读取限制配置")
        for section, values in override.items():
            if isinstance(values, dict) and isinstance(data.get(section), dict):
                data[section] = {**data[section], **values}
            else:
                data[section] = values
        return validated(Limits, data, path=given, error=LimitsError, what="读取限制配置")
    return validated(Limits, data, path=SHIPPED, error=LimitsError, what="读取限制配置")


@functools.cache
def _from_environment(value: str | None) -> Limits:
    return load_limits(value or None)


def current_limits() -> Limits:
    """The limits in force: ``JIXIAO_LIMITS`` over the shipped file (read once per value)."""
    return _from_environment(os.environ.get(ENVIRONMENT))


def megabytes(limit_bytes: int) -> str:
    """A limit in MB as the user reads it: ``100``, ``2.5``."""
    return f"{limit_bytes / MB:g}"


def unpacked_reason(limit_bytes: int) -> str:
    """The one reason for a file that inflates beyond the limit (压缩炸弹)."""
    return f"解压后超过 {megabytes(limit_bytes)} MB，疑似压缩炸弹"


class Budget:
    """A time budget for one file, checked between pages, parts and rows (not inside one C call)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    @property
    def exceeded(self) -> bool:
        return time.monotonic() > self.deadline

    @property
    def reason(self) -> str:
        return f"读取超过 {self.seconds:g} 秒的时间上限，已停止（文件过于复杂或疑似恶意文件）"

    def check(self, path: str) -> None:
        """Raise :class:`ReadError` for ``path`` once the budget is spent."""
        if self.exceeded:
            raise ReadError(path, self.reason)
