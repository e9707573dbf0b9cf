"""A consistent report text rendered from a synthetic report (测试用一致报告文本).

Every figure adds up, each activity count is stated twice with the same number and subject,
and no sentence repeats: the review must stay quiet on it (arithmetic, consistency,
duplicates), so that a single mutation shows which rule catches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao import synthetic
from jixiao.report import PerformanceReport

ACTIVITIES = (
    ("宣传活动", "场"),
    ("业务培训", "期"),
    ("专题调研", "次"),
    ("志愿服务", "人次"),
    ("信息简报", "篇"),
    ("督导检查", "个"),
)


@dataclass(frozen=True)
class Count:
    """One activity count, stated in the task section and again in the results section."""

    subject: str
    value: int
    unit: str

    def first(self) -> str:
        return f"全年组织开展{self.subject}{self.value}{self.unit}"

    def second(self) -> str:
        return f"本年度共组织开展{self.subject}{self.value}{self.unit}"


def _money(value: Decimal | None) -> str:
    return f"{value or Decimal(0):.2f}"


def counts_for(index: int) -> list[Count]:
    picks = [ACTIVITIES[(index + k) % len(ACTIVITIES)] for k in range(3)]
    return [Count(subject, 12 + (index * 7 + k * 13) % 80, unit) for k, (subject, unit) in enumerate(picks)]


def render(index: int, year: int = 2022) -> tuple[PerformanceReport, str, list[Count]]:
    """The synthetic report ``index``, its consistent text and the counts stated twice."""
    report = synthetic.report(index, year)
    budget = report.budget
    counts = counts_for(index)
    lines = [
        f"{report.department}{year}年部门整体支出绩效自评报告",
        "一、基本情况",
        "（一）部门概况",
        f"本部门负责{report.department}职责范围内的各项工作。",
        "（二）部门整体收支情况",
        f"全年预算数{_money(budget.total)}万元，执行数{_money(budget.spent)}万元，完成预算的{_money(budget.execution_rate)}%。",
        f"按资金来源分，一般公共预算财政拨款支出{_money(budget.by_source.general_public)}万元，"
        f"政府性基金预算财政拨款支出{_money(budget.by_source.government_fund)}万元，国有资本经营预算财政拨款支出0万元，"
        f"其他资金支出{_money(budget.by_source.other)}万元。按支出性质看，基本支出{_money(budget.by_nature.basic)}万元，"
        f"项目支出{_money(budget.by_nature.project)}万元。年末结转和结余{_money(budget.carryover)}万元。",
        "（三）部门整体支出绩效目标",
        *[f"预期目标{'一二三四'[k]}：{goal.text}" for k, goal in enumerate(report.goals)],
        "二、绩效自评工作情况",
        "按照区财政局通知要求，成立自评工作小组，逐项核对预算执行和绩效指标完成情况。",
        "三、综合评价分析",
        "（一）自评结论综述",
        "经自评，部门整体支出绩效自评分数92.50分，自评结果为优。",
        "（二）各项工作任务绩效目标完成情况分析",
    ]
    for k, count in enumerate(counts, 1):
        lines.append(f"{k}.重点工作任务{k}。完成情况：{count.first()}，工作有序推进。")
    lines.append("（三）主要工作成效")
    for k, count in enumerate(counts, 1):
        lines.append(f"{k}.工作成效{k}。{count.second()}，取得良好成效。")
    lines += [
        "四、存在的主要问题",
        "一是个别项目资金因政策调整未支付，形成结余。二是部分绩效指标设置不够细化。",
        "五、下一步改进措施",
        "一是加强预算执行进度管理。二是提高绩效指标编制质量。",
        "六、绩效自评结果应用",
        "将自评结果作为下一年度预算安排的重要参考。",
    ]
    return report, "\n\n".join(lines) + "\n", counts
