"""Demo 事前绩效评估 (演示事前评估): for each seed department, four next-year projects, one in each outcome.

Each seed department gets four new projects for the year after the demo's latest (the projects a
事前评估 is for: new ones, at or above the threshold, before they are budgeted) and an assessment of
each through the real services: 予以支持 (then 立项), 部分支持 with its 核定金额, 不予支持, and one
submitted and waiting for review (assigned to the demo expert once that account exists).
The reviewer is the demo finance account when it exists, else the system account.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from jixiao.exante import load_scheme
from jixiao.figures import round_places
from jixiao.web.accounts.models import Role, User
from jixiao.web.audit.services import system_user
from jixiao.web.departments.models import Department, FiscalYear
from jixiao.web.exante.models import ExanteAssessment
from jixiao.web.exante.services import (
    ItemReview,
    ItemText,
    assign_reviewer,
    create_assessment,
    save_assessment,
    save_review,
    submit_assessment,
)
from jixiao.web.projects.models import Project
from jixiao.web.projects.services import change_status, create_project

SEED_DEPARTMENTS = ("中国共产党广州市荔湾区委员会宣传部", "中国共产党广州市增城区委员会宣传部")

PROJECTS = (
    # (name, category, amount, outcome)
    ("新时代文明实践中心（站）提质增效项目", "精神文明建设", Decimal("860.00"), "support"),
    ("区融媒体中心全媒体传播平台升级项目", "宣传文化", Decimal("1280.00"), "partial"),
    ("城市形象宣传片及系列短视频拍摄项目", "宣传文化", Decimal("620.00"), "reject"),
    ("公共文化数字化服务平台建设项目", "公共文化服务", Decimal("740.00"), "waiting"),
)
"""Four new projects per seed department, each at or above the threshold, one per outcome."""

LOSSES = {
    "support": {"necessity.studied": ("1", "可行性研究较简略，专家论证意见未附签名页。"),
                "economy.standards": ("1", "设备购置单价测算依据未附询价记录。"),
                "goals.indicators": ("1.5", "效益指标“群众满意度”未说明调查方法。"),
                "feasibility.control": ("1", "风险应对预案较笼统。")},
    "partial": {"necessity.unique": ("2", "与市级融媒体平台建设内容部分重叠，须剔除重复部分。"),
                "economy.detail": ("2", "软件开发费用未按功能模块分项列示。"),
                "economy.standards": ("3", "服务器及存储设备报价高于政府采购协议价。"),
                "goals.linked": ("2", "产出指标与资金规模不匹配，部分功能无对应产出。"),
                "feasibility.roles": ("1.5", "运维职责未明确到具体单位。"),
                "feasibility.conditions": ("2", "机房改造条件尚未落实。"),
                "funding.arrival": ("2.5", "上级补助资金尚未下达文件。"),
                "goals.indicators": ("1", "时效指标未细化到季度。"),
                "necessity.studied": ("2", "可行性研究未比较备选方案。"),
                "goals.format": ("1.5", "绩效目标表部分栏目填报不完整。"),
                "funding.matched": ("2", "区级与市级事权划分未说明。"),
                "feasibility.control": ("2.5", "无分阶段验收安排。"),
                "economy.frugal": ("2", "部分功能超出实际需要。"),
                "feasibility.reasoned": ("2", "实施方案未经集体决策。")},
    "reject": {"necessity.plans": ("3", "与本年度重点宣传任务关联不紧密。"),
               "necessity.unique": ("4", "与市级城市形象宣传项目重复。"),
               "necessity.studied": ("4", "未开展可行性研究和集体决策。"),
               "economy.detail": ("3", "拍摄费用仅列总价，无明细。"),
               "economy.frugal": ("3", "拟聘请知名导演团队，费用明显偏高。"),
               "economy.standards": ("4", "无测算依据。"),
               "goals.clear": ("3", "绩效目标仅写“提升城市形象”，无法考核。"),
               "goals.indicators": ("4", "无量化指标。"),
               "feasibility.reasoned": ("3", "实施方案未成稿。"),
               "feasibility.control": ("3", "无过程控制措施。"),
               "funding.risk": ("2", "拟由合作企业垫资，存在风险。"),
               "funding.arrival": ("4", "资金来源不明确。"),
               "goals.linked": ("3", "产出与效果无对应关系。"),
               "feasibility.conditions": ("3", "拍摄团队和场地均未落实。"),
               "funding.lawful": ("2", "筹资程序未说明。")},
}
REVIEW = {
    "support": ("立项依据充分，预算测算基本合理，绩效目标明确，实施方案可行。",
                "补充设备询价记录；细化满意度调查方法。"),
    "partial": ("项目必要，但部分建设内容与市级平台重复，设备报价偏高，按剔除重复内容、按协议价测算后的金额支持。",
                "剔除与市级平台重复的功能模块；设备按政府采购协议价重新测算；落实机房改造条件后再行采购。"),
    "reject": ("立项必要性不足，与市级项目重复，预算无测算依据，绩效目标无法考核，不予支持。",
               "如确需开展，应与市级城市形象宣传统筹，重新论证后再申报。"),
}
APPROVED_SHARE = Decimal("0.75")
"""部分支持: the 核定金额 as a share of the request (剔除重复内容、按协议价测算)."""


def _narrative(name: str, amount: Decimal, department: str) -> dict[str, str]:
    return {
        "background": f"为贯彻落实党中央关于宣传思想文化工作的决策部署和本区“十四五”规划，{department}拟实施{name}。\n"
                      "本项目服务对象为辖区居民和基层宣传文化阵地，需求经街镇调研确认。",
        "content": f"{name}主要包括平台和场地建设、内容制作、人员培训和运行维护四部分，实施期一年。",
        "goals": "年度目标：按期完成建设任务并投入使用。\n主要指标：覆盖街镇数量、活动场次、服务人次、群众满意度（≥90%）。",
        "funding": f"申请区级财政资金{amount}万元，其中建设费用约六成，内容制作和运行维护约四成；测算依据为政府采购协议价和市场询价。",
        "purpose": "", "method": "", "procedure": "",
        "other": "项目实施后纳入部门整体支出绩效自评。",
    }


def _texts(name: str) -> dict[str, ItemText]:
    scheme = load_scheme()
    return {item.key: ItemText(self_assessment=f"{item.text}：{name}已对照要求逐项论证，情况属实。",
                               evidence="项目申报书、可行性研究报告、预算测算表") for item in scheme.items}


def _points(outcome: str) -> dict[str, ItemReview]:
    scheme = load_scheme()
    lost = LOSSES[outcome]
    out = {}
    for item in scheme.items:
        minus, note = lost.get(item.key, ("0", ""))
        out[item.key] = ItemReview(points=item.points - Decimal(minus), note=note)
    return out


@transaction.atomic
def load_exante() -> int:
    """Give each seed department its four next-year projects and their 事前评估; returns how many were made."""
    actor = system_user()
    reviewer = User.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first() or actor
    latest = FiscalYear.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return 0
    year = latest + 1
    made = 0
    for department in Department.objects.filter(name__in=SEED_DEPARTMENTS).order_by("name"):
        for number, (name, category, amount, outcome) in enumerate(PROJECTS, start=1):
            code = f"{year}-SQ-{number:03d}"
            if Project.objects.filter(department=department, code=code).exists():
                continue
            project = create_project(department=department, actor=actor, code=code, name=name, category=category,
                                     start_year=year, end_year=year, amount=amount,
                                     department_in_charge=department.name, implementer=department.name,
                                     attribute=Project.Attribute.NEW, is_key=number == 1, is_major=number == 2)
            project = change_status(project=project, to=Project.Status.EX_ANTE, actor=actor)
            assessment = create_assessment(project=project, actor=actor)
            save_assessment(assessment=assessment, actor=actor, version_seen=None,
                            narrative=_narrative(name, amount, department.name), items=_texts(name))
            submit_assessment(assessment=assessment, actor=actor)
            if outcome != "waiting":
                reasons, suggestions = REVIEW[outcome]
                approved = round_places(amount * APPROVED_SHARE) if outcome == "partial" else None
                save_review(assessment=assessment, actor=reviewer, version_seen=None, items=_points(outcome),
                            reasons=reasons, suggestions=suggestions, approved_amount=approved, conclude=True)
                if outcome == "support":
                    project.refresh_from_db()
                    change_status(project=project, to=Project.Status.APPROVED, actor=actor)
            made += 1
    return made


def assign_demo_expert() -> int:
    """Name the demo expert (评审专家) for the assessments waiting for review; returns how many."""
    expert = User.objects.filter(role=Role.EXPERT, is_active=True).order_by("pk").first()
    finance = User.objects.filter(role=Role.FINANCE, is_active=True).order_by("pk").first()
    if expert is None or finance is None:
        return 0
    waiting = ExanteAssessment.objects.filter(status=ExanteAssessment.Status.SUBMITTED, reviewer__isnull=True,
                                              project__department__name__in=SEED_DEPARTMENTS)
    count = 0
    for assessment in waiting.order_by("pk"):
        assign_reviewer(assessment=assessment, reviewer=expert, actor=finance)
        count += 1
    return count
