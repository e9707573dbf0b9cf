"""Forms of 事前绩效评估: the department's self-assessment, the review, naming the expert, attachments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from jixiao.exante import NARRATIVE_LABELS, Scheme
from jixiao.web.exante.services import ItemReview, ItemText

VERSION_ERRORS = {"required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"}
NARRATIVE_HELP = {
    "background": "政策依据、规划、需求和受益对象。", "content": "建设内容、实施范围和期限。",
    "goals": "项目总体目标和年度目标，主要绩效指标及指标值。", "funding": "资金来源、金额和测算依据。",
    "purpose": "不填写时，报告按项目情况生成。", "method": "不填写时，报告按评分指标体系生成。",
    "procedure": "不填写时，报告按提交和评审的时间生成。", "other": "",
}
REQUIRED = ("background", "content", "goals", "funding")


def _area(label: str, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": rows}))


class SelfAssessmentForm(forms.Form):
    """The department's part: the report's narrative and, per sub-point, 自评情况 and 佐证材料."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        for name, label in NARRATIVE_LABELS.items():
            self.fields[name] = _area(label + ("（必填）" if name in REQUIRED else ""), 4, NARRATIVE_HELP[name])
        for item in scheme.items:
            self.fields[f"self-{item.key}"] = _area("自评情况", 3)
            self.fields[f"evidence-{item.key}"] = forms.CharField(
                label="佐证材料", required=False, max_length=2000,
                widget=forms.TextInput(attrs={"placeholder": "如：可行性研究报告、专家论证意见"}))

    def narrative(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in NARRATIVE_LABELS}

    def items(self) -> dict[str, ItemText]:
        return {item.key: ItemText(self_assessment=self.cleaned_data[f"self-{item.key}"],
                                   evidence=self.cleaned_data[f"evidence-{item.key}"]) for item in self.scheme.items}

    def field_pair(self, key: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"self-{key}"], self[f"evidence-{key}"]


class ReviewForm(forms.Form):
    """The reviewer's part: per sub-point 得分 and 评审意见; 结论理由, 相关建议, 核定金额 (部分支持)."""

    reasons = _area("结论理由", 3)
    suggestions = _area("相关建议", 3)
    approved_amount = forms.DecimalField(label="核定金额（万元）", required=False, max_digits=14, decimal_places=2,
                                         min_value=Decimal(0), help_text="仅部分支持时填写。",
                                         widget=forms.NumberInput(attrs={"step": "0.01"}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        for item in scheme.items:
            self.fields[f"points-{item.key}"] = forms.DecimalField(
                label="得分", required=False, min_value=Decimal(0), max_value=item.points, max_digits=4,
                decimal_places=1, widget=forms.NumberInput(attrs={"step": "0.5", "style": "width:4.5rem"}),
                error_messages={"max_value": f"不能超过 {item.points.normalize():f} 分",
                                "min_value": "不能为负数", "max_decimal_places": "最多保留一位小数",
                                "invalid": "请填写数字"})
            self.fields[f"note-{item.key}"] = forms.CharField(
                label="评审意见", required=False, max_length=2000,
                widget=forms.TextInput(attrs={"placeholder": "扣分须写明理由"}))

    def items(self) -> dict[str, ItemReview]:
        return {item.key: ItemReview(points=self.cleaned_data[f"points-{item.key}"],
                                     note=self.cleaned_data[f"note-{item.key}"]) for item in self.scheme.items}

    def field_pair(self, key: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"points-{key}"], self[f"note-{key}"]


class ReturnForm(forms.Form):
    reason = _area("退回原因", 2)


class AssignForm(forms.Form):
    """指定评审专家 (empty: the finance bureau reviews itself)."""

    reviewer = forms.ChoiceField(label="评审专家", required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "不指定（由财政局评审）"), *choices]  # type: ignore[attr-defined]  # a ChoiceField, typed as its base Field


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", allow_empty_file=True, error_messages={"required": "请选择要上传的文件"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt"}))
    description = forms.CharField(label="说明", required=False, max_length=200)
