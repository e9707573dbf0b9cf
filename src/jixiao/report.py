"""The interchange model ``jixiao.report/1`` (绩效自评报告交换格式).

One ``PerformanceReport`` per report: what ``jixiao import --json`` prints, what the API
returns, what ``render`` consumes and what the database stores relationally. Amounts are in
万元, rates and scores are numbers (``72.60`` is written ``72.6``); a value the document does
not state is ``None``/``null``, never guessed. Every extracted value may carry evidence: the
span of the original document it was read from.

Numbers are ``Decimal`` in Python and plain JSON numbers on the wire, so that money stays
exact to the cent in both directions.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationError, field_validator

from jixiao.errors import JixiaoError

SCHEMA_ID: Literal["jixiao.report/1"] = "jixiao.report/1"

Grade = Literal["优", "良", "中", "差"]
Kind = Literal["department_overall", "project"]
Form = Literal["report", "table"]
ProjectAttribute = Literal["新增", "延续"]
Operator = Literal[">=", "<=", "=", ">", "<", "qualitative"]
Severity = Literal["blocking", "serious", "general", "hint"]


def decimal_to_json_number(value: Decimal) -> int | float:
    """Write a Decimal as a JSON number without losing the digits it was stated with.

    Python's float repr is the shortest string that reads back to the same float, so any
    amount with at most 15 significant digits (every amount in 万元 to the cent) keeps its
    exact decimal text: ``Decimal("2659.40")`` becomes ``2659.4`` and reads back equal.
    """
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


Number = Annotated[Decimal, PlainSerializer(decimal_to_json_number, return_type=float, when_used="json")]
"""A decimal quantity: money in 万元, a percentage, a weight or a score."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)


class Evidence(_Model):
    """A span of the original document a value was read from (证据)."""

    start: int = Field(ge=0, description="offset of the first character in the original text")
    end: int = Field(ge=0, description="offset one past the last character in the original text")
    page: int | None = Field(None, ge=1, description="1-based page number, where the source has pages")
    section: str | None = Field(None, description="title of the enclosing section, e.g. （二）部门整体收支情况")
    text: str = Field(description="the original text of the span")


class BySource(_Model):
    """Expenditure by funding source (按资金来源)."""

    general_public: Number | None = Field(None, description="一般公共预算财政拨款")
    government_fund: Number | None = Field(None, description="政府性基金预算财政拨款")
    state_capital: Number | None = Field(None, description="国有资本经营预算财政拨款")
    other: Number | None = Field(None, description="其他资金")


class ByNature(_Model):
    """Expenditure by nature (按支出性质)."""

    basic: Number | None = Field(None, description="基本支出")
    project: Number | None = Field(None, description="项目支出")


class MonthlyAmount(_Model):
    """Expenditure of one month (月度执行数), in 万元; not cumulative."""

    month: int = Field(ge=1, le=12)
    spent: Number


class FundingRow(_Model):
    """One row of the 项目资金 block of the 项目支出绩效自评表 (附件1): 年初预算数 / 全年预算数 / 全年执行数, in 万元."""

    initial: Number | None = Field(None, description="年初预算数")
    total: Number | None = Field(None, description="全年预算数 (调整后)")
    spent: Number | None = Field(None, description="全年执行数")

    def is_empty(self) -> bool:
        return self.initial is None and self.total is None and self.spent is None


class ProjectFunds(_Model):
    """The funding rows of a project (项目资金, 附件1) under its 年度资金总额.

    The 年度资金总额 (合计) row itself is ``budget.initial`` / ``budget.total`` / ``budget.spent``;
    these are its parts as the form prints them (其中：当年财政拨款, 上年结转资金, 其他资金).
    """

    current_fiscal: FundingRow = Field(default_factory=FundingRow, description="其中：当年财政拨款")
    prior_carryover: FundingRow = Field(default_factory=FundingRow, description="上年结转资金")
    other: FundingRow = Field(default_factory=FundingRow, description="其他资金")

    def rows(self) -> list[tuple[str, FundingRow]]:
        """(field name, row) in the form's order."""
        return [(name, getattr(self, name)) for name in FUND_ROWS]

    def is_empty(self) -> bool:
        return all(row.is_empty() for _, row in self.rows())


FUND_ROWS: dict[str, str] = {"current_fiscal": "当年财政拨款", "prior_carryover": "上年结转资金", "other": "其他资金"}
"""Field name → the 附件1 row label of the project's funding rows, in the form's order."""


class Budget(_Model):
    """Income and expenditure of the year (部门整体收支情况), in 万元; for a project, its 年度资金总额."""

    initial: Number | None = Field(None, description="年初预算数")
    total: Number | None = Field(None, description="全年预算数 (调整后), or 预算收入 where that is the figure given")
    spent: Number | None = Field(None, description="执行数 / 支出")
    execution_rate: Number | None = Field(None, description="预算执行率 as stated, in percent")
    by_source: BySource = Field(default_factory=BySource)
    by_nature: ByNature = Field(default_factory=ByNature)
    carryover: Number | None = Field(None, description="年末结转和结余")
    monthly: list[MonthlyAmount] = Field(default_factory=list, description="月度执行数, where known")
    funds: ProjectFunds = Field(
        default_factory=ProjectFunds,
        description="for kind project: the 附件1 funding rows (当年财政拨款, 上年结转资金, 其他资金); "
        "initial/total/spent above are their 年度资金总额 (合计)",
    )


class Project(_Model):
    """The project a 项目支出 report evaluates (项目基本信息), as its cover or title states it."""

    name: str | None = Field(None, description="项目名称")
    code: str | None = Field(None, description="项目编码 / 预算编码")
    department_in_charge: str | None = Field(None, description="主管部门")
    implementer: str | None = Field(None, description="实施单位 / 项目单位")
    attribute: ProjectAttribute | None = Field(None, description="项目属性: 新增 or 延续")
    period: str | None = Field(None, description="项目周期 / 实施期限, as stated")


class Evaluation(_Model):
    """The self-evaluation result (自评结论)."""

    score: Number | None = Field(None, description="自评分, e.g. 99.24")
    grade: Grade | None = Field(None, description="评价等级")
    framework: str | None = Field(None, description="name of the scoring framework used, where known")


class Goal(_Model):
    """A declared performance goal (绩效目标), e.g. 预期目标一; in a 自评表 one row of 年度总体目标."""

    text: str = Field(description="预期目标")
    actual: str | None = Field(None, description="实际完成情况, where the report states it beside the goal")


class Task(_Model):
    """A key task of the year (重点工作任务) with its completion text."""

    title: str
    text: str = ""


SectionKey = Literal[
    "basic", "overview", "overview.duties", "overview.organisation", "overview.staff", "finance", "goals",
    "tasks", "management", "analysis", "conclusion", "task_completion", "task", "project_spending", "results",
    "problems", "measures",
]
"""What a known narrative section is (see :data:`SECTION_KEYS` for the Chinese names)."""

SECTION_KEYS: dict[str, str] = {
    "basic": "基本情况",
    "overview": "部门概况",
    "overview.duties": "主要职责",
    "overview.organisation": "机构设置",
    "overview.staff": "人员情况",
    "finance": "部门整体收支情况",
    "goals": "部门整体支出绩效目标",
    "tasks": "年度总体工作和重点工作任务",
    "management": "部门整体绩效管理情况",
    "analysis": "综合评价分析",
    "conclusion": "自评结论综述",
    "task_completion": "各项工作任务绩效目标完成情况分析",
    "task": "一项工作任务的目标及完成情况",
    "project_spending": "各重点任务项目支出完成情况分析",
    "results": "主要工作成效",
    "problems": "存在的主要问题",
    "measures": "下一步改进措施",
}
"""Section key → what it holds, in the order of the usual outline (一、基本情况 … 四、下一步改进措施)."""


class ReportSection(_Model):
    """One narrative section of the report (章节), in document order, with the department's own text.

    ``heading`` is the heading as the document writes it (``（一）部门概况``); it is empty for a
    part of its parent's text that has no heading of its own but is known by its ``key`` (the
    主要职责 paragraphs of 部门概况, one task's target and completion inside
    ``（二）各项工作任务绩效目标完成情况分析``). ``text`` is the section's own text up to the
    next section, one paragraph per line; a heading with nothing under it before its first
    sub-section has ``text == ""``.
    """

    heading: str = Field("", description="the heading as written, e.g. （一）部门概况; empty for a headless part")
    level: int = Field(ge=1, le=9, description="depth in the outline: 1 一、, 2 （一）, 3 《任务一》/1. …")
    text: str = Field("", description="the section's own paragraphs, one per line, up to the next section")
    key: SectionKey | None = Field(None, description="what the section is, where known (overview, results …)")


class Indicator(_Model):
    """A third-level performance indicator (三级绩效指标) with its target and result."""

    name: str = Field(description="三级指标名称")
    level1: str | None = Field(None, description="一级指标: 产出指标 / 效益指标 / 满意度指标")
    level2: str | None = Field(None, description="二级指标: 数量指标 / 质量指标 / 社会效益 …")
    op: Operator | None = Field(None, description="计算符号")
    target: Number | None = Field(None, description="年度指标值")
    target_text: str | None = Field(None, description="the target as stated, e.g. ≥200期")
    actual: Number | None = Field(None, description="实际完成值")
    actual_text: str | None = Field(None, description="the actual value as stated")
    unit: str | None = Field(None, description="计量单位")
    weight: Number | None = Field(None, description="分值")
    score: Number | None = Field(None, description="得分")
    deviation_reason: str | None = Field(None, description="偏差原因分析及改进措施")


class Conflict(_Model):
    """One quantity the document states more than once with different numbers."""

    path: str = Field(description="key path, e.g. budget.spent")
    values: list[Number]
    evidence: list[Evidence] = Field(default_factory=list)


class Source(_Model):
    """Where the report was read from."""

    path: str | None = None
    sha256: str | None = None
    format: Literal["txt", "docx", "pdf", "json"] | None = None
    pages: int | None = None


class Finding(_Model):
    """One problem a review found (复核发现), with the spans that show it."""

    rule: str = Field(description="stable rule id, e.g. arithmetic.by_nature_total")
    severity: Severity
    message: str = Field(description="what is wrong, in Chinese")
    evidence: list[Evidence] = Field(default_factory=list)
    suggestion: str | None = Field(None, description="how to fix it, in Chinese")


class PerformanceReport(_Model):
    """A 部门整体支出 (or 项目支出) 绩效自评报告 as structured data."""

    schema_id: Literal["jixiao.report/1"] = Field(SCHEMA_ID, alias="schema")
    title: str | None = Field(None, description="报告标题 as stated (lines joined, spaces removed)")
    department: str | None = Field(None, description="部门(单位)名称 as stated in the cover or the title")
    region: str | None = Field(
        None, description="地区: the full administrative path of the department's place, e.g. 广东省广州市荔湾区"
    )
    year: int | None = Field(None, ge=1990, le=2100, description="年度 evaluated (never a publication date)")
    kind: Kind | None = Field(None, description="部门整体 or 项目")
    form: Form | None = Field(None, description="报告 (prose report) or 自评表 (a table: 绩效自评表, 基础数据表)")
    project: Project | None = Field(None, description="for kind project: the project's name, code, 主管部门 …")
    budget: Budget = Field(default_factory=Budget)
    evaluation: Evaluation = Field(default_factory=Evaluation)
    goals: list[Goal] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list, description="存在的主要问题")
    measures: list[str] = Field(default_factory=list, description="下一步改进措施")
    sections: list[ReportSection] = Field(
        default_factory=list,
        description="every narrative section in document order, with the department's own text "
        "(older documents without it load with an empty list)",
    )
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict, description="key path → spans")
    conflicts: list[Conflict] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    source: Source | None = None

    @field_validator("problems", "measures")
    @classmethod
    def _strip_empty(cls, items: list[str]) -> list[str]:
        return [item.strip() for item in items if item and item.strip()]

    # -- the wire format ---------------------------------------------------------------

    def to_json_data(self) -> dict[str, Any]:
        """The report as JSON-ready data, keys as the schema names them."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_json_data(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> PerformanceReport:
        return cls.model_validate_json(text)

    # -- key figures -------------------------------------------------------------------

    def key_figures(self) -> dict[str, Any]:
        """The design.md key paths that hold a value, flattened: ``{"budget.total": Decimal(...)}``.

        Used to count the figures a report states and to compare two reports path by path.
        """
        figures: dict[str, Any] = {}
        for name in ("department", "region", "year", "kind"):
            if getattr(self, name) is not None:
                figures[name] = getattr(self, name)
        budget = self.budget
        for name in ("initial", "total", "spent", "execution_rate", "carryover"):
            if getattr(budget, name) is not None:
                figures[f"budget.{name}"] = getattr(budget, name)
        for part in ("by_source", "by_nature"):
            for name, value in getattr(budget, part):
                if value is not None:
                    figures[f"budget.{part}.{name}"] = value
        for row_name, row in budget.funds.rows():
            for name, value in row:
                if value is not None:
                    figures[f"budget.funds.{row_name}.{name}"] = value
        for name in ("score", "grade"):
            if getattr(self.evaluation, name) is not None:
                figures[f"evaluation.{name}"] = getattr(self.evaluation, name)
        for i, indicator in enumerate(self.indicators):
            for name in ("op", "target", "actual", "unit", "weight", "score"):
                if getattr(indicator, name) is not None:
                    figures[f"indicators[{i}].{name}"] = getattr(indicator, name)
        return figures


class ReportFileError(JixiaoError):
    """A file that is not a readable ``jixiao.report/1`` document; the message names it."""


def read_report_file(path: str | Path) -> PerformanceReport:
    """Read a ``jixiao.report/1`` JSON file, or raise ``ReportFileError`` with a one-line reason."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReportFileError(f"{path}：文件不存在") from None
    except OSError as exc:
        raise ReportFileError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    try:
        return PerformanceReport.from_json(data)
    except ValidationError as exc:
        details = exc.errors()
        where = ".".join(str(part) for part in details[0]["loc"]) if details else ""
        reason = details[0]["msg"] if details else "格式错误"
        raise ReportFileError(f"{path}：不是有效的 jixiao.report/1 JSON（{where or '文件'}：{reason}）") from None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``jixiao.report/1``, as published in docs/."""
    schema = PerformanceReport.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://jixiao.example/schema/report-1.json"
    schema["title"] = "jixiao.report/1 — 绩效自评报告交换格式"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
