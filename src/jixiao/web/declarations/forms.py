"""Forms of goal declaration and review (绩效目标申报表单、审核表单)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django import forms
from django.forms import formset_factory

from jixiao.declaration import ReviewScheme, load_declaration_rules
from jixiao.report import Indicator as IndicatorData
from jixiao.scoring.framework import load_framework
from jixiao.web.evaluation.models import Operator
from jixiao.web.indicators.services import LibraryChoice


@cache  # one read of the shipped files per process, not one per indicator row
def level1_choices() -> list[tuple[str, str]]:
    """一级指标 as the declaration rules' scoring framework names them (产出指标 / 效益指标 / 满意度指标)."""
    framework = load_framework(load_declaration_rules().framework)
    return [("", "—")] + [(p.name, p.name) for p in framework.parts if p.kind == "indicators"]


class DeclarationForm(forms.Form):
    """The year's goals, one per line, and the declared budget in 万元."""

    goals = forms.CharField(label="年度绩效目标（每行一项）", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    initial = forms.DecimalField(  # type: ignore[assignment]  # a field: the metaclass moves it to base_fields, so BaseForm.initial stays the dict
        label="年初预算数（万元）", max_digits=14, decimal_places=2, min_value=Decimal(0), required=False)
    basic = forms.DecimalField(label="基本支出（万元）", max_digits=14, decimal_places=2, min_value=Decimal(0),
                               required=False)
    project = forms.DecimalField(label="项目支出（万元）", max_digits=14, decimal_places=2, min_value=Decimal(0),
                                 required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"})

    def goal_texts(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]


class IndicatorForm(forms.Form):
    """One 三级指标 row: 一级/二级/三级指标, 计算符号, 指标值, 计量单位, 分值."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    level1 = forms.ChoiceField(label="一级指标", choices=level1_choices, required=False)
    level2 = forms.CharField(label="二级指标", max_length=50, required=False,
                             widget=forms.TextInput(attrs={"list": "level2-options", "size": 10}))
    name = forms.CharField(label="三级指标", max_length=300, required=False)
    op = forms.ChoiceField(label="计算符号", choices=[("", "—"), *Operator.choices], required=False)
    value = forms.CharField(label="指标值", max_length=300, required=False, widget=forms.TextInput(attrs={"size": 10}))
    unit = forms.CharField(label="计量单位", max_length=30, required=False, widget=forms.TextInput(attrs={"size": 6}))
    weight = forms.DecimalField(label="分值", max_digits=15, decimal_places=4, min_value=Decimal(0), required=False,
                                widget=forms.NumberInput(attrs={"step": "0.01", "style": "width:5rem"}))
    scoring_standard = forms.CharField(label="评(扣)分标准", max_length=2000, required=False,
                                       widget=forms.TextInput(attrs={"size": 16}))
    library_id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    """The 指标库 indicator the row was picked from (the picker fills it); empty: free text, proposed on save."""
    library_industry = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    """The 行业 the picker was searched in, for a free-text row's proposal."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean returns cleaned_data; the stubs allow None
        value = (data.get("value") or "").strip()
        data["target"], data["target_text"] = None, None
        if data.get("op") == Operator.QUALITATIVE:
            data["target_text"] = value or None
        elif value:
            try:
                data["target"] = Decimal(value.replace(",", "").replace("，", ""))
            except InvalidOperation:
                self.add_error("value", "定量指标的指标值应为数字（单位另填在“计量单位”）")
            else:
                if not data["target"].is_finite():
                    self.add_error("value", "定量指标的指标值应为数字（单位另填在“计量单位”）")
        if not data.get("name", "").strip() and any(data.get(k) for k in ("value", "unit", "weight", "level2")):
            self.add_error("name", "请填写三级指标名称")
        return data

    def declared(self) -> tuple[int | None, IndicatorData]:
        """(row id, the indicator as the core's plain data)."""
        data = self.cleaned_data
        return data.get("id"), IndicatorData(
            name=data["name"].strip(), level1=data["level1"] or None, level2=data["level2"].strip() or None,
            op=data["op"] or None, target=data["target"], target_text=data["target_text"],
            unit=data["unit"].strip() or None, weight=data["weight"])

    def library_choice(self) -> LibraryChoice:
        """What the row says about the 指标库: the picked indicator (or none: free text) and its 评(扣)分标准."""
        data = self.cleaned_data
        return LibraryChoice(library_id=data.get("library_id"), scoring_standard=(data.get("scoring_standard") or "").strip(),
                             industry=(data.get("library_industry") or "").strip())

    @staticmethod
    def initial_for(row: Any) -> dict[str, Any]:
        value = row.target_text if row.op == Operator.QUALITATIVE else (
            "" if row.target is None else f"{row.target.normalize():f}")
        return {"id": row.pk, "level1": row.level1, "level2": row.level2, "name": row.name, "op": row.op,
                "value": value, "unit": row.unit, "weight": None if row.weight is None else f"{row.weight.normalize():f}",
                "scoring_standard": getattr(row, "scoring_standard", ""),
                "library_id": getattr(row, "library_indicator_id", None)}


IndicatorFormSet = formset_factory(IndicatorForm, extra=0, can_delete=True)


class ReviewForm(forms.Form):
    """目标审核: a grade per dimension of the scheme, the overall grade with its consequence, the comment."""

    def __init__(self, *args: Any, scheme: ReviewScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grades = [(g, g) for g in scheme.grade_names]
        for dimension in scheme.dimensions:
            self.fields[f"grade_{dimension.key}"] = forms.ChoiceField(
                label=dimension.name, help_text=dimension.description, choices=grades, widget=forms.RadioSelect)
        self.fields["overall"] = forms.ChoiceField(
            label="审核结果", widget=forms.RadioSelect,
            choices=[(g.grade, f"{g.grade}：{g.consequence}（{'通过' if g.approves else '退回'}）")
                     for g in scheme.grades])
        self.fields["comment"] = forms.CharField(label="审核意见", required=False,
                                                 widget=forms.Textarea(attrs={"rows": 4}))
        self.scheme = scheme

    def dimension_fields(self) -> list[Any]:
        return [self[f"grade_{d.key}"] for d in self.scheme.dimensions]

    def grades(self) -> dict[str, str]:
        return {d.key: self.cleaned_data[f"grade_{d.key}"] for d in self.scheme.dimensions}
