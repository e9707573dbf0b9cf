"""``jixiao schema``: print the JSON Schema of the interchange format."""

from __future__ import annotations

import sys

from jixiao.report import json_schema_text


def schema() -> None:
    """输出交换格式 jixiao.report/1 的 JSON Schema。

    Print the JSON Schema of jixiao.report/1 (the same file as docs/schema/report-1.json).
    """
    sys.stdout.write(json_schema_text())
