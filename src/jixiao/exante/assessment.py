"""An 事前绩效评估 and its scoring (事前评估评分): the department's words, the reviewer's points.

The department writes the assessment of its project (``Assessment``: the facts of the project, the
report's narrative parts and, for each sub-point of the scheme, its self-assessment and evidence);
the finance bureau or the expert it names gives each sub-point its points with a note. ``score``
adds them up by dimension, grades each sub-point 优/良/中/差 by its share of the points, puts the
total in the scheme's band (予以支持 / 部分支持 / 不予支持) and explains every point.
``submission_problems`` and ``review_problems`` list what is missing or wrong, one Chinese line
each; an empty list means the step may go on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.errors import JixiaoError
from jixiao.exante.scheme import Conclusion, Dimension, Item, Scheme
from jixiao.figures import money, plain, round_places

POINT_PLACES = 1
"""Points of a sub-point are given to one decimal (4.5 分)."""


class AssessmentError(JixiaoError):
    """An assessment cannot be scored as it stands (事前评估无法评分)."""


@dataclass(frozen=True)
class ProjectFacts:
    """What the report says about the project (评估对象): name, code, who, how much."""

    name: str
    code: str
    department: str
    amount: Decimal | None
    """申请金额 (万元)."""
    department_in_charge: str = ""
    implementer: str = ""
    attribute: str = "新增"
    period: str = ""


@dataclass(frozen=True)
class Entry:
    """One sub-point of one assessment (评估要点): the department's part and the reviewer's."""

    self_assessment: str = ""
    evidence: str = ""
    points: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class Narrative:
    """The report's narrative parts, in the department's own words (评估报告文字)."""

    background: str = ""
    """立项背景."""
    content: str = ""
    """主要内容."""
    goals: str = ""
    """绩效目标."""
    funding: str = ""
    """资金构成."""
    purpose: str = ""
    """评估目的及对象."""
    method: str = ""
    """评估思路及方法."""
    procedure: str = ""
    """评估工作程序."""
    other: str = ""
    """其他需要说明的问题."""


NARRATIVE_LABELS: dict[str, str] = {
    "background": "立项背景", "content": "主要内容", "goals": "绩效目标", "funding": "资金构成",
    "purpose": "评估目的及对象", "method": "评估思路及方法", "procedure": "评估工作程序",
    "other": "其他需要说明的问题",
}
REQUIRED_NARRATIVE = ("background", "content", "goals", "funding")


@dataclass(frozen=True)
class Review:
    """The reviewer's conclusion (评审结论): reasons, suggestions, and 核定金额 for 部分支持."""

    reasons: str = ""
    suggestions: str = ""
    approved_amount: Decimal | None = None
    reviewer: str = ""


@dataclass(frozen=True)
class Assessment:
    """A whole 事前绩效评估 (one project, one scheme)."""

    project: ProjectFacts
    narrative: Narrative
    entries: Mapping[str, Entry]
    review: Review = field(default_factory=Review)


@dataclass(frozen=True)
class ScoredItem:
    """A sub-point with its points, grade and note (要点得分)."""

    item: Item
    entry: Entry
    points: Decimal
    grade: str

    @property
    def explanation(self) -> str:
        """``预算明细清晰明确：得3分（满分5分，中），扣2分。评审意见：…``."""
        return f"{self.item.text}：{self.verdict}"

    @property
    def verdict(self) -> str:
        """The points without the sub-point's text: ``得3分（满分5分，中），扣2分。评审意见：…``."""
        text = f"得{plain(self.points)}分（满分{plain(self.item.points)}分，{self.grade}）"
        lost = self.item.points - self.points
        if lost:
            text += f"，扣{plain(lost)}分"
        return text + (f"。评审意见：{self.entry.note.strip()}" if self.entry.note.strip() else "。")


@dataclass(frozen=True)
class ScoredDimension:
    """A dimension's subtotal (维度得分)."""

    dimension: Dimension
    items: tuple[ScoredItem, ...]

    @property
    def points(self) -> Decimal:
        return sum((i.points for i in self.items), Decimal(0))

    @property
    def explanation(self) -> str:
        return f"{self.dimension.name}得{plain(self.points)}分（满分{plain(self.dimension.points)}分）"


@dataclass(frozen=True)
class Scored:
    """A scored assessment: subtotals, total, band (评估得分与结论)."""

    scheme: Scheme
    dimensions: tuple[ScoredDimension, ...]

    @property
    def total(self) -> Decimal:
        return sum((d.points for d in self.dimensions), Decimal(0))

    @property
    def conclusion(self) -> Conclusion:
        return self.scheme.conclusion_for(self.total)

    @property
    def explanation(self) -> str:
        band = self.conclusion
        lines = "；".join(d.explanation for d in self.dimensions)
        return (f"{lines}。总分{plain(self.total)}分（满分{plain(self.scheme.total)}分），"
                f"达到“{band.name}”的分数线（{plain(band.min)}分），评估结论为{band.name}。")


def parse_points(text: str | Decimal | None, item: Item) -> Decimal:
    """``text`` as the points of ``item``; ``AssessmentError`` naming the sub-point otherwise."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise AssessmentError(f"“{item.text}”尚未评分")
    try:
        value = text if isinstance(text, Decimal) else Decimal(text.strip())
    except InvalidOperation:
        raise AssessmentError(f"“{item.text}”的得分“{text}”不是数字") from None
    if not value.is_finite() or value < 0 or value > item.points:
        raise AssessmentError(f"“{item.text}”的得分须在 0 到 {plain(item.points)} 分之间")
    if round_places(value, POINT_PLACES) != value:
        raise AssessmentError(f"“{item.text}”的得分最多保留一位小数")
    return value


def point_problems(scheme: Scheme, entries: Mapping[str, Entry]) -> list[str]:
    """One line per sub-point whose points are missing or out of range."""
    problems: list[str] = []
    for item in scheme.items:
        try:
            parse_points(entries.get(item.key, Entry()).points, item)
        except AssessmentError as exc:
            problems.append(str(exc))
    return problems


def score(scheme: Scheme, entries: Mapping[str, Entry]) -> Scored:
    """The assessment scored by ``scheme``; ``AssessmentError`` (first problem) when a point is missing."""
    problems = point_problems(scheme, entries)
    if problems:
        raise AssessmentError(problems[0])
    dimensions = []
    for dim in scheme.dimensions:
        items = []
        for item in dim.items:
            entry = entries.get(item.key, Entry())
            points = parse_points(entry.points, item)
            items.append(ScoredItem(item=item, entry=entry, points=points,
                                    grade=scheme.grade_for(points, item.points)))
        dimensions.append(ScoredDimension(dimension=dim, items=tuple(items)))
    return Scored(scheme=scheme, dimensions=tuple(dimensions))


def submission_problems(scheme: Scheme, assessment: Assessment) -> list[str]:
    """What the department must still write before it may submit (one line each)."""
    problems = [f"请填写“{NARRATIVE_LABELS[name]}”" for name in REQUIRED_NARRATIVE
                if not getattr(assessment.narrative, name).strip()]
    for dim in scheme.dimensions:
        missing = [item for item in dim.items
                   if not assessment.entries.get(item.key, Entry()).self_assessment.strip()]
        if missing:
            problems.append(f"{dim.name}：请填写“{missing[0].text}”等 {len(missing)} 个要点的自评情况")
    return problems


def review_problems(scheme: Scheme, assessment: Assessment) -> list[str]:
    """What the reviewer must still do before concluding (one line each).

    Every sub-point has its points; a sub-point that loses points has a note; the conclusion has
    its reasons; 部分支持 has a 核定金额 above zero and below the requested amount; the other
    conclusions have none.
    """
    problems = point_problems(scheme, assessment.entries)
    for item in scheme.items:
        entry = assessment.entries.get(item.key, Entry())
        try:
            lost = parse_points(entry.points, item) < item.points
        except AssessmentError:
            continue
        if lost and not entry.note.strip():
            problems.append(f"“{item.text}”扣了分，请写明评审意见")
    if not assessment.review.reasons.strip():
        problems.append("请写明评估结论的理由")
    if problems:
        return problems
    band = score(scheme, assessment.entries).conclusion
    amount = assessment.review.approved_amount
    requested = assessment.project.amount
    if band.key == "partial":
        if amount is None:
            problems.append("部分支持须填写核定金额（万元）")
        elif amount <= 0:
            problems.append("核定金额须大于 0")
        elif requested is not None and amount >= requested:
            problems.append(f"核定金额须小于申请金额 {money(requested)} 万元")
        elif round_places(amount) != amount:
            problems.append("核定金额最多保留两位小数（万元到分）")
    elif amount is not None:
        problems.append(f"评估结论为{band.name}，不填核定金额")
    return problems
