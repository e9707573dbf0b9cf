"""Demo projects (演示项目): every demo department gets a 项目库 that adds up to its 项目支出.

Each department-year with a budget gets three to five projects whose amounts split that year's
项目支出 (万元, to the cent), so a department's projects are plausible against its report: the seeds'
projects are their published reports' 重点任务 (荔湾区委宣传部 2022: 1461.15 万元; 增城区委宣传部:
1098.73 万元), the generated departments' come from a catalogue of their kind (教育局, 卫生健康局 …).
Past years' projects are finished (已完成, one 终止); the latest year's stand at every step of the
flow (储备, 事前评估, 已立项, 执行中). Every write goes through the services, under the demo's
system account; a past project that needed a 事前绩效评估 carries its 予以支持 conclusion. The latest year's 事前评估 records themselves are the exante app's demo.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from jixiao import synthetic
from jixiao.web.accounts.models import Role, User
from jixiao.web.audit.services import system_user
from jixiao.web.budgets.models import Budget
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import (
    change_status,
    create_project,
    needs_exante,
    record_exante_conclusion,
)

S = Project.Status

SEED_PROJECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "中国共产党广州市荔湾区委员会宣传部": (
        ("网络舆情监测处置与网络意识形态治理", "网信"), ("新闻宣传与外宣精品传播", "新闻宣传"),
        ("理论学习宣讲与“学习强国”推广", "理论宣传"), ("精神文明建设与文明城市创建", "精神文明"),
        ("“西关百姓宣讲团”与新时代文明实践活动", "精神文明")),
    "中国共产党广州市增城区委员会宣传部": (
        ("区委理论学习中心组学习与理论宣讲", "理论宣传"), ("主题宣传与城市形象宣介", "新闻宣传"),
        ("网络舆情监测与网信工作", "网信"), ("“广州增城发布”政务新媒体运营", "新闻宣传")),
}
"""The seeds' projects: their reports' 重点任务 (project name, category)."""

CATALOGUE: dict[str, tuple[tuple[str, str], ...]] = {
    "宣传": (("主题宣传活动", "新闻宣传"), ("新时代文明实践阵地建设", "精神文明"), ("网络舆情监测服务", "网信"),
             ("理论宣讲进基层", "理论宣传"), ("公益广告制作与投放", "新闻宣传")),
    "教育": (("学前教育生均公用经费补助", "教育事业"), ("中小学校舍维修改造", "基本建设"),
             ("教师培训专项", "教育事业"), ("智慧校园信息化建设", "信息化"), ("学生资助资金", "教育事业")),
    "卫生": (("基本公共卫生服务补助", "卫生健康"), ("家庭医生签约服务", "卫生健康"),
             ("社区卫生服务中心设备购置", "设备购置"), ("传染病防控专项", "卫生健康"), ("卫生健康信息平台运维", "信息化")),
    "民政": (("城乡最低生活保障资金", "社会保障"), ("居家养老服务补贴", "社会保障"), ("社区服务站运营补助", "社会治理"),
             ("困境儿童基本生活补助", "社会保障")),
    "交通": (("农村公路养护", "基础设施"), ("公交线网优化补贴", "交通运输"), ("道路交通安全设施改造", "基础设施")),
    "农业": (("高标准农田建设", "农业农村"), ("农村人居环境整治", "农业农村"), ("动物防疫专项", "农业农村")),
    "文旅": (("公共文化服务体系建设", "文化旅游"), ("全民健身设施建设", "体育"), ("非物质文化遗产保护", "文化旅游")),
    "水务": (("河涌综合整治", "水利"), ("排水管网维护", "水利"), ("防汛物资储备", "水利")),
    "住建": (("老旧小区微改造", "城乡建设"), ("保障性住房维修", "城乡建设"), ("建筑工地安全巡查", "城乡建设")),
}
GENERIC: tuple[tuple[str, str], ...] = (
    ("{short}业务信息系统运维", "信息化"), ("{short}专项工作经费", "专项业务"), ("{short}政策宣传与培训", "专项业务"),
    ("{short}第三方服务购买", "政府购买服务"), ("{short}设备购置与更新", "设备购置"))
"""A kind not in the catalogue: the projects every bureau has, named after it (信息系统运维, 专项工作经费 …)."""

CODE_LETTERS = {"宣传": "XC", "教育": "JY", "卫生": "WS", "民政": "MZ", "交通": "JT", "农业": "NY", "文旅": "WL",
                "水务": "SW", "住建": "ZJ"}
"""Two letters of the 项目编码 by kind (the code reads 年度-部门类别-序号, e.g. 2022-XC-003)."""

LATEST_STATUSES = (S.IN_PROGRESS, S.APPROVED, S.EX_ANTE, S.RESERVE, S.IN_PROGRESS)
"""The latest year's projects, in order: one at each step of the flow."""


def _kind(department_name: str) -> str:
    for index in range(len(synthetic.BUREAUS)):
        suffix, short = synthetic.BUREAUS[index]
        if department_name.endswith(suffix) or f"{suffix}（" in department_name:
            return short
    return "宣传"


def _split(total: Decimal, count: int, rng: random.Random) -> list[Decimal]:
    weights = [rng.uniform(0.5, 2.0) for _ in range(count)]
    scale = sum(weights)
    parts = [synthetic.money(total * Decimal(str(w / scale))) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


PATHS: dict[str, list[Project.Status]] = {
    S.RESERVE: [], S.EX_ANTE: [S.EX_ANTE], S.APPROVED: [S.APPROVED], S.IN_PROGRESS: [S.APPROVED, S.IN_PROGRESS],
    S.COMPLETED: [S.APPROVED, S.IN_PROGRESS, S.COMPLETED], S.TERMINATED: [S.APPROVED, S.TERMINATED]}
"""The steps from 储备 to each state."""


def _walk(project: Project, target: str, actor: User, finance: User) -> Project:
    """Move a new project (储备) along the flow to ``target`` through the services."""
    for step in PATHS[target]:
        if step == S.APPROVED and needs_exante(project):
            if project.status == S.RESERVE:
                project = change_status(project=project, to=S.EX_ANTE, actor=actor)
            project = record_exante_conclusion(project=project, conclusion=Project.Conclusion.SUPPORT,
                                               approved_amount=None, actor=finance)
        project = change_status(project=project, to=step, actor=actor)
    return project


@transaction.atomic
def load_projects() -> int:
    """Give every demo department-year with a 项目支出 its projects; returns how many were stored."""
    actor = system_user()
    finance = User.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first() or actor
    budgets = list(Budget.objects.filter(project__gt=0).select_related("department", "fiscal_year")
                   .order_by("department__name", "fiscal_year__year"))
    latest = max((b.fiscal_year.year for b in budgets), default=0)
    made = 0
    for budget in budgets:
        department, year = budget.department, budget.fiscal_year.year
        if Project.objects.filter(department=department, start_year=year).exists():
            continue
        rng = random.Random(f"projects:{department.name}:{year}")
        short = _kind(department.name)
        names = SEED_PROJECTS.get(department.name) or CATALOGUE.get(short) \
            or tuple((n.format(short=short), c) for n, c in GENERIC)
        count = min(len(names), 3 + rng.randrange(3))
        chosen = rng.sample(list(names), count)
        amounts = sorted(_split(Decimal(budget.project), count, rng), reverse=True)
        letters = CODE_LETTERS.get(short, "XM")
        for number, ((name, category), amount) in enumerate(zip(chosen, amounts, strict=True), start=1):
            continuing = number > 2 and rng.random() < 0.5
            project = create_project(
                department=department, actor=actor, code=f"{year}-{letters}-{number:03d}", name=name,
                category=category, start_year=year, end_year=year, amount=amount,
                department_in_charge=department.name, implementer=department.name,
                attribute=Project.Attribute.CONTINUING if continuing else Project.Attribute.NEW,
                is_key=number == 1, is_major=number == 2 and year == latest and rng.random() < 0.5)
            if year < latest:
                target = S.TERMINATED if number == count and rng.random() < 0.15 else S.COMPLETED
            else:
                target = LATEST_STATUSES[(number - 1) % len(LATEST_STATUSES)]
            _walk(project, target, actor, finance)
            made += 1
    return made
