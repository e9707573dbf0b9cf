"""Synthetic departments and reports (模拟数据), deterministic by seed.

The one generator that the demo, the tests and every benchmark use: departments of Guangdong
districts, their budgets for several years with monthly execution, goals and three-level
indicators with plausible targets and actuals. Nothing here is random at import time; the
same ``seed`` and index always give the same department, so a benchmark over 100,000
departments can generate them lazily, one at a time, and any single one can be rebuilt alone.

Figures are internally consistent (basic + project = spent, the sources add up to spent,
carryover = total − spent, the months add up to spent) so that the review stays quiet on
them; tests that need an inconsistency make one on purpose.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.figures.rates import computed_rate
from jixiao.figures.rounding import round_places
from jixiao.report import (
    Budget,
    ByNature,
    BySource,
    Evaluation,
    Goal,
    Indicator,
    MonthlyAmount,
    PerformanceReport,
    Task,
)

# 广东省 cities and their districts: enough distinct regions for thousands of departments.
REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("广州市", ("越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "从化区", "增城区")),
    ("深圳市", ("福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区")),
    ("佛山市", ("禅城区", "南海区", "顺德区", "三水区", "高明区")),
    ("珠海市", ("香洲区", "斗门区", "金湾区")),
    ("东莞市", ("莞城街道",)),
    ("中山市", ("石岐街道",)),
    ("江门市", ("蓬江区", "江海区", "新会区")),
    ("惠州市", ("惠城区", "惠阳区")),
    ("汕头市", ("金平区", "龙湖区", "濠江区", "潮阳区", "潮南区", "澄海区")),
    ("湛江市", ("赤坎区", "霞山区", "坡头区", "麻章区")),
    ("茂名市", ("茂南区", "电白区")),
    ("肇庆市", ("端州区", "鼎湖区", "高要区")),
    ("韶关市", ("武江区", "浈江区", "曲江区")),
    ("清远市", ("清城区", "清新区")),
)

# (department suffix, short name used in indicator subjects)
BUREAUS: tuple[tuple[str, str], ...] = (
    ("教育局", "教育"), ("卫生健康局", "卫生"), ("民政局", "民政"), ("财政局", "财政"),
    ("人力资源和社会保障局", "人社"), ("住房和城乡建设局", "住建"), ("交通运输局", "交通"),
    ("农业农村局", "农业"), ("文化广电旅游体育局", "文旅"), ("司法局", "司法"),
    ("生态环境分局", "环保"), ("水务局", "水务"), ("市场监督管理局", "市场监管"),
    ("应急管理局", "应急"), ("统计局", "统计"), ("城市管理和综合执法局", "城管"),
    ("科技工业商务和信息化局", "科工信"), ("发展和改革局", "发改"), ("退役军人事务局", "退役军人"),
    ("医疗保障局", "医保"), ("档案馆", "档案"), ("机关事务管理局", "机关事务"),
    ("委员会宣传部", "宣传"), ("委员会组织部", "组织"), ("政务服务数据管理局", "政务服务"),
)

# (一级, 二级, 三级 name, op, target range, unit): targets are drawn from the range.
INDICATOR_CATALOGUE: tuple[tuple[str, str, str, str, tuple[int, int], str], ...] = (
    ("产出指标", "数量指标", "开展宣传活动场次", ">=", (20, 300), "场"),
    ("产出指标", "数量指标", "培训人次", ">=", (200, 5000), "人次"),
    ("产出指标", "数量指标", "发布信息条数", ">=", (300, 8000), "条"),
    ("产出指标", "数量指标", "检查覆盖单位数", ">=", (30, 400), "个"),
    ("产出指标", "数量指标", "服务对象人数", ">=", (500, 20000), "人"),
    ("产出指标", "质量指标", "项目验收合格率", ">=", (90, 100), "%"),
    ("产出指标", "质量指标", "问题整改完成率", ">=", (85, 100), "%"),
    ("产出指标", "质量指标", "投诉办结率", ">=", (90, 100), "%"),
    ("产出指标", "时效指标", "按时完成率", ">=", (95, 100), "%"),
    ("产出指标", "时效指标", "平均办理时长", "<=", (3, 15), "个工作日"),
    ("产出指标", "成本指标", "单位服务成本", "<=", (50, 500), "元"),
    ("产出指标", "成本指标", "成本控制率", "<=", (100, 100), "%"),
    ("效益指标", "社会效益", "政策知晓率", ">=", (70, 95), "%"),
    ("效益指标", "社会效益", "群众参与人次", ">=", (1000, 50000), "人次"),
    ("效益指标", "经济效益", "带动就业人数", ">=", (50, 2000), "人"),
    ("效益指标", "生态效益", "环境问题发生率", "<=", (2, 10), "%"),
    ("效益指标", "可持续影响", "长效机制建立", "qualitative", (0, 0), ""),
    ("满意度指标", "服务对象满意度", "服务对象满意度", ">=", (80, 95), "%"),
    ("满意度指标", "服务对象满意度", "社会公众满意度", ">=", (80, 90), "%"),
)

LEVEL1_WEIGHTS = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
"""财预〔2020〕10号 self-evaluation weights for the indicator parts (预算执行率 takes the other 10)."""

QUALITATIVE_RESULTS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")


@dataclass(frozen=True)
class SyntheticDepartment:
    """Who a synthetic department is: stable across years."""

    index: int
    name: str
    short: str
    region: str
    base_budget: Decimal


def money(value: float | Decimal) -> Decimal:
    """Round to the cent (分), the precision every document states."""
    return round_places(Decimal(str(value)))


def department(index: int, *, seed: int = 0) -> SyntheticDepartment:
    """The synthetic department number ``index``; names are unique for the first few thousand."""
    rng = random.Random(f"department:{seed}:{index}")
    districts = [(city, district) for city, ds in REGIONS for district in ds]
    city, district = districts[index % len(districts)]
    suffix, short = BUREAUS[(index // len(districts)) % len(BUREAUS)]
    name = f"{city}{district}{suffix}"
    rounds = index // (len(districts) * len(BUREAUS))
    if rounds:
        name = f"{name}（第{rounds + 1}分局）"
    base = money(rng.lognormvariate(7.3, 0.9))  # median ≈ 1,500 万元
    return SyntheticDepartment(index=index, name=name, short=short, region=f"{city}{district}", base_budget=base)


def _split(total: Decimal, weights: list[float]) -> list[Decimal]:
    """Split ``total`` by ``weights`` to the cent, the last part taking the rounding remainder."""
    scale = sum(weights)
    parts = [money(total * Decimal(str(w / scale))) for w in weights[:-1]]
    parts.append(total - sum(parts, Decimal(0)))
    return parts


def _monthly(spent: Decimal, rng: random.Random) -> list[MonthlyAmount]:
    """Spread ``spent`` over twelve months; a third of departments pile spending into December."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(12)]
    if rng.random() < 0.33:
        weights[11] *= rng.uniform(3, 6)  # 年底突击支出
    return [MonthlyAmount(month=m + 1, spent=amount) for m, amount in enumerate(_split(spent, weights))]


def monthly_spread(spent: Decimal, key: str) -> list[MonthlyAmount]:
    """Twelve months to the cent that add up to ``spent`` exactly, spread as :func:`_monthly` does (seeded by ``key``).

    For a report that states only its year's 执行数 (the seeds), so that the demo's 双监控 has
    months whose sum is the year figure.
    """
    return _monthly(spent, random.Random(f"monthly:{key}"))


def _indicators(dept: SyntheticDepartment, year: int, rng: random.Random, count: int) -> list[Indicator]:
    """``count`` indicators over 产出/效益/满意度 with weights rolling up to 50/30/10."""
    by_level: dict[str, list[tuple[str, str, str, str, tuple[int, int], str]]] = {}
    for entry in INDICATOR_CATALOGUE:
        by_level.setdefault(entry[0], []).append(entry)
    shares = {"产出指标": 0.55, "效益指标": 0.3, "满意度指标": 0.15}
    counts = {level: max(1, round(count * share)) for level, share in shares.items()}
    counts["产出指标"] += count - sum(counts.values())
    growth = 1 + 0.04 * (year - 2020)  # targets drift upward year on year, for the target advisor
    indicators: list[Indicator] = []
    for level1, n in counts.items():
        weights = _split(LEVEL1_WEIGHTS[level1], [1.0] * n)
        for i in range(n):
            _, level2, name, op, (low, high), unit = by_level[level1][i % len(by_level[level1])]
            if i >= len(by_level[level1]):
                name = f"{name}（{i // len(by_level[level1]) + 1}）"
            indicators.append(_indicator(level1, level2, f"{dept.short}{name}", op, low, high, unit, weights[i], growth, rng))
    return indicators


def _indicator(
    level1: str, level2: str, name: str, op: str, low: int, high: int, unit: str,
    weight: Decimal, growth: float, rng: random.Random,
) -> Indicator:
    if op == "qualitative":
        result = rng.choices(QUALITATIVE_RESULTS, weights=(8, 2, 1))[0]
        return Indicator(name=name, level1=level1, level2=level2, op="qualitative", target_text="达成年度指标",
                         actual_text=result, weight=weight)
    if unit == "%":
        target = Decimal(rng.randint(low, high))
    else:
        target = Decimal(max(1, round(rng.randint(low, high) * growth)))
    outcome = rng.random()
    actual: Decimal | None
    if outcome < 0.06:
        actual = None  # 未填报实际完成值
    elif op in ("<=", "<"):
        actual = (target * Decimal(str(rng.uniform(0.7, 1.15)))).quantize(Decimal("0.1"))
    elif outcome < 0.20:
        actual = (target * Decimal(str(rng.uniform(0.6, 0.98)))).quantize(Decimal("1"))  # 未完成
    elif outcome < 0.32 and unit != "%":
        actual = (target * Decimal(str(rng.uniform(1.3, 2.2)))).quantize(Decimal("1"))  # 目标设置偏低
    else:
        ceiling = Decimal(100) if unit == "%" else target * Decimal("1.25")
        actual = min(ceiling, (target * Decimal(str(rng.uniform(1.0, 1.25)))).quantize(Decimal("1")))
    symbol = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}[op]
    return Indicator(
        name=name, level1=level1, level2=level2, op=op,
        target=target, target_text=f"{symbol}{target}{unit}", actual=actual,
        actual_text=None if actual is None else f"{actual}{unit}", unit=unit, weight=weight,
    )


def report(index: int, year: int, *, seed: int = 0, indicators: int = 12) -> PerformanceReport:
    """The self-evaluation report of synthetic department ``index`` for ``year``."""
    dept = department(index, seed=seed)
    rng = random.Random(f"report:{seed}:{index}:{year}")
    total = money(dept.base_budget * Decimal(str(rng.uniform(0.85, 1.25))) * Decimal(str(1.03 ** (year - 2020))))
    initial = money(total * Decimal(str(rng.uniform(0.85, 1.0))))
    rate = Decimal(str(rng.betavariate(9, 1.2)))  # mostly 85–99%, a tail of low execution
    spent = money(total * rate)
    general, fund, other = _split(spent, [rng.uniform(6, 9), rng.uniform(0, 2), rng.uniform(0, 0.5)])
    basic, project = _split(spent, [rng.uniform(3, 6), rng.uniform(3, 6)])
    evaluation_rate = computed_rate(total, spent)
    return PerformanceReport(
        department=dept.name,
        region=dept.region,
        year=year,
        kind="department_overall",
        budget=Budget(
            initial=initial,
            total=total,
            spent=spent,
            execution_rate=evaluation_rate,
            by_source=BySource(general_public=general, government_fund=fund, state_capital=Decimal(0), other=other),
            by_nature=ByNature(basic=basic, project=project),
            carryover=total - spent,
            monthly=_monthly(spent, rng),
        ),
        evaluation=Evaluation(),
        goals=[
            Goal(text=f"围绕区委、区政府中心工作，全面完成{year}年度{dept.short}重点工作任务，提升公共服务质量和群众满意度。"),
            Goal(text=f"严格预算管理，预算执行率达到90%以上，{dept.short}各项绩效指标按期完成。"),
        ],
        tasks=[
            Task(title=f"{dept.short}重点工作任务{n}", text=f"按计划完成{dept.short}重点工作任务{n}，各项工作有序推进。")
            for n in range(1, rng.randint(2, 5))
        ],
        indicators=_indicators(dept, year, rng, indicators),
        problems=["部分项目预算执行进度不均衡，年底支付较为集中。", "部分绩效指标设置不够细化量化。"],
        measures=["加强预算执行进度管理，按序时进度推进支出。", "提高绩效指标编制质量，设置清晰可量化的指标。"],
    )


def reports(
    count: int, years: range | tuple[int, ...] = (2022,), *, seed: int = 0, indicators: int = 12, start: int = 0
) -> Iterator[PerformanceReport]:
    """``count`` departments × ``years`` reports, generated lazily, department by department."""
    for index in range(start, start + count):
        for year in years:
            yield report(index, year, seed=seed, indicators=indicators)


# -- a project's 自评 (项目支出绩效自评) ---------------------------------------------------------

# (一级, 二级, 三级指标, op, target, actual, unit, weight) of a synthetic project, 10号 weights
_PROJECT_INDICATORS: tuple[tuple[str, str, str, str, str, str, str, str], ...] = (
    ("产出指标", "数量指标", "开展{subject}培训场次", ">=", "20", "22", "场", "15"),
    ("产出指标", "质量指标", "{subject}项目验收合格率", ">=", "100", "100", "%", "15"),
    ("产出指标", "时效指标", "{subject}任务按时完成率", ">=", "95", "90", "%", "10"),
    ("产出指标", "成本指标", "{subject}项目成本控制数", "<=", "{cost}", "{cost_spent}", "万元", "10"),
    ("效益指标", "社会效益", "{subject}政策群众知晓率", ">=", "90", "92", "%", "15"),
    ("效益指标", "可持续影响", "{subject}长效管理机制建立", "qualitative", "建立", "达成", "", "15"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "90", "95", "%", "10"),
)


def project_report(index: int, year: int, *, seed: int = 0) -> PerformanceReport:
    """A project's 项目支出绩效自评 of ``year`` (kind ``project``, form ``table``) as the 附件1 form states it.

    The funding rows add up to the 年度资金总额, every indicator carries its 一级/二级, 分值 and
    the 10号 weights (产出 50, 效益 30, 满意度 10, 预算执行率 10); one indicator falls short and
    states its 偏差原因. Scores are left to the engine.
    """
    from jixiao.report import FundingRow, Project, ProjectFunds

    dept = department(index, seed=seed)
    rng = random.Random(f"project:{seed}:{index}:{year}")
    fiscal = money(rng.uniform(50, 800))
    carryover = money(rng.uniform(0, 60))
    other = money(rng.uniform(0, 30))
    total = fiscal + carryover + other
    initial = fiscal + other
    spent_fiscal = money(fiscal * Decimal(str(round(rng.uniform(0.85, 1.0), 4))))
    spent = spent_fiscal + carryover + other
    cost = money(total)
    name = f"{dept.short}专项工作经费"
    indicators = []
    for level1, level2, title, op, target, actual, unit, weight in _PROJECT_INDICATORS:
        title = title.format(subject=dept.short)
        target = target.format(cost=cost, cost_spent=spent)
        actual = actual.format(cost=cost, cost_spent=spent)
        qualitative = op == "qualitative"
        symbol = {">=": "≥", "<=": "≤"}.get(op, "")
        indicators.append(Indicator(
            name=title, level1=level1, level2=level2, op=op,
            target=None if qualitative else Decimal(target), target_text=f"{symbol}{target}{unit}",
            actual=None if qualitative else Decimal(actual), actual_text=f"{actual}{unit}",
            unit=unit or None, weight=Decimal(weight),
            deviation_reason="部分任务受天气影响延后完成；下一步将提前制定计划，加强进度管理。"
            if title.endswith("按时完成率") else None,
        ))
    return PerformanceReport(
        title=f"{dept.name}{year}年度{name}项目支出绩效自评表",
        department=dept.name,
        region=dept.region,
        year=year,
        kind="project",
        form="table",
        project=Project(name=name, code=f"44{index % 100:02d}{year}{index:06d}", department_in_charge=dept.name,
                        implementer=dept.name, attribute="延续", period=f"{year}年1月至{year}年12月"),
        budget=Budget(initial=initial, total=total, spent=spent,
                      funds=ProjectFunds(current_fiscal=FundingRow(initial=fiscal, total=fiscal, spent=spent_fiscal),
                                         prior_carryover=FundingRow(initial=Decimal(0), total=carryover,
                                                                    spent=carryover),
                                         other=FundingRow(initial=other, total=other, spent=other))),
        goals=[Goal(text=f"完成{dept.short}培训20场，项目验收合格率100%，服务对象满意度不低于90%。",
                    actual=f"完成{dept.short}培训22场，项目全部通过验收，服务对象满意度95%。")],
        indicators=indicators,
    )
