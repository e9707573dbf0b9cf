"""The Chinese names of the report's figures (字段名称): one table from key path to label.

Extraction warnings (``全年预算数前后不一致``), review messages, the rendered sentences and
the CLI tables all name a figure by this table, so a figure is called the same everywhere.
Key paths are those of ``jixiao.report/1`` (``budget.by_source.general_public``).
"""

from __future__ import annotations

from jixiao.report import FUND_ROWS

_FUND_COLUMNS = {"initial": "年初预算数", "total": "全年预算数", "spent": "全年执行数"}

LABELS: dict[str, str] = {
    "title": "报告标题",
    "department": "部门名称",
    "region": "所属地区",
    "year": "年度",
    "kind": "报告类型",
    "form": "报告形式",
    "project.name": "项目名称",
    "project.code": "项目编码",
    "project.department_in_charge": "主管部门",
    "project.implementer": "实施单位",
    "project.attribute": "项目属性",
    "project.period": "实施期限",
    "budget.initial": "年初预算数",
    "budget.total": "全年预算数",
    "budget.spent": "执行数",
    "budget.execution_rate": "预算执行率",
    "budget.carryover": "年末结转和结余",
    "budget.by_source.general_public": "一般公共预算财政拨款",
    "budget.by_source.government_fund": "政府性基金预算财政拨款",
    "budget.by_source.state_capital": "国有资本经营预算财政拨款",
    "budget.by_source.other": "其他资金",
    "budget.by_nature.basic": "基本支出",
    "budget.by_nature.project": "项目支出",
    "budget.funds": "项目资金",
    **{f"budget.funds.{row}.{column}": f"{row_label}{column_label}"
       for row, row_label in FUND_ROWS.items() for column, column_label in _FUND_COLUMNS.items()},
    "evaluation.score": "自评分",
    "evaluation.grade": "评价等级",
}

SOURCES: dict[str, str] = {
    key.removeprefix("budget.by_source."): label for key, label in LABELS.items() if key.startswith("budget.by_source.")
}
"""按资金来源: field name of ``BySource`` → label, in the order of the model."""

NATURES: dict[str, str] = {
    key.removeprefix("budget.by_nature."): label for key, label in LABELS.items() if key.startswith("budget.by_nature.")
}
"""按支出性质: field name of ``ByNature`` → label."""

OP_SYMBOLS: dict[str, str] = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": "＝", "qualitative": ""}
"""计算符号 as the 自评表 prints it before a target (``≥200期``)."""

RATE_SOURCES: dict[str, str] = {"stated": "报告所述", "computed": "系统计算"}
"""Where a shown 预算执行率 comes from: the report's own figure, or spent ÷ total computed here."""


def label(path: str) -> str:
    """The Chinese name of key path ``path``; the path itself when it has none."""
    return LABELS.get(path, path)
