"""Forms of 项目绩效: declaration (budget + goals; the indicator rows are the department formset's), 目标调整,
月度执行数, indicator progress at a monitoring date, the year-end self-evaluation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory

from jixiao.figures.format import plain
from jixiao.monitor.indicators import load_bands
from jixiao.web.projperf.models import FUND_ROWS

VERSION_ERRORS = {"required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"}


def money_field(label: str, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, min_value=Decimal(0), required=required,
                              widget=forms.NumberInput(attrs={"step": "0.01", "style": "width:8rem"}))


class ProjectDeclarationForm(forms.Form):
    """年度总体目标 (one per line) and the project budget in 万元 (附件1 rows)."""

    goals = forms.CharField(label="年度总体目标（每行一项）", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    initial = money_field("年初预算数（万元）")  # type: ignore[assignment]  # a field: BaseForm.initial stays the dict
    total = money_field("全年预算数（万元）")
    current_initial = money_field("当年财政拨款·年初预算数")
    current_total = money_field("当年财政拨款·全年预算数")
    carried_initial = money_field("上年结转资金·年初预算数")
    carried_total = money_field("上年结转资金·全年预算数")
    other_initial = money_field("其他资金·年初预算数")
    other_total = money_field("其他资金·全年预算数")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)

    def goal_texts(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]

    def fund_rows(self) -> list[tuple[str, Any, Any]]:
        """(label, 年初预算数 field, 全年预算数 field) of each 附件1 funding row."""
        return [(label, self[f"{prefix}_initial"], self[f"{prefix}_total"]) for prefix, label, _ in FUND_ROWS]

    def funds(self) -> dict[str, tuple[Decimal | None, Decimal | None]]:
        return {prefix: (self.cleaned_data.get(f"{prefix}_initial"), self.cleaned_data.get(f"{prefix}_total"))
                for prefix, _, _ in FUND_ROWS}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        for column, label in (("initial", "年初预算数"), ("total", "全年预算数")):
            parts = [data.get(f"{prefix}_{column}") for prefix, _, _ in FUND_ROWS]
            whole = data.get(column)
            if whole is not None and any(p is not None for p in parts):
                given = sum((p for p in parts if p is not None), Decimal(0))
                if abs(given - whole) >= Decimal("0.01"):
                    self.add_error(f"other_{column}", f"当年财政拨款、上年结转资金与其他资金的{label}之和"
                                                     f"应等于{label}（{whole} 万元）")
        return data


class AdjustmentForm(forms.Form):
    """目标调整: a new 全年预算数 and/or new indicator targets (``target_<id>``), with the reason."""

    total = money_field("调整后全年预算数（万元）")
    reason = forms.CharField(label="调整原因", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, indicators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            old = indicator.target_text if indicator.op == "qualitative" else (
                "未填" if indicator.target is None else f"{plain(indicator.target)}{indicator.unit}")
            self.fields[f"target_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.name}（原指标值 {old}）",
                required=False, max_length=300, widget=forms.TextInput(attrs={"size": 10}))

    def target_fields(self) -> list[Any]:
        return [self[f"target_{i.pk}"] for i in self.indicators]

    def targets(self) -> dict[int, Decimal | str]:
        out: dict[int, Decimal | str] = {}
        for indicator in self.indicators:
            text = (self.cleaned_data.get(f"target_{indicator.pk}") or "").strip()
            if not text:
                continue
            if indicator.op == "qualitative":
                out[indicator.pk] = text
                continue
            try:
                number = Decimal(text.replace(",", ""))
            except ArithmeticError:
                number = None
            if number is None or not number.is_finite():
                self.add_error(f"target_{indicator.pk}", "指标值应为数字")
                continue
            out[indicator.pk] = number
        return out


class MonthlyForm(forms.Form):
    """月度执行数: twelve months in 万元 (blank: not yet reported)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for month in range(1, 13):
            self.fields[f"m{month}"] = money_field(f"{month}月")
            self.fields[f"m{month}"].widget.attrs["style"] = "width:6.5rem"

    def amounts(self) -> dict[int, Decimal | None]:
        return {month: self.cleaned_data.get(f"m{month}") for month in range(1, 13)}

    def month_fields(self) -> list[Any]:
        return [self[f"m{month}"] for month in range(1, 13)]

    def halves(self) -> list[list[Any]]:
        """1–6月 and 7–12月, the two rows of the form."""
        fields = self.month_fields()
        return [fields[:6], fields[6:]]


class ProgressForm(forms.Form):
    """One indicator at a monitoring date: 当前完成值 (定性: 达成/部分达成/未达成), 偏差原因, 完成目标可能性."""

    indicator = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="监控时点", widget=forms.DateInput(attrs={"type": "date"}),
                         error_messages={"invalid": "请填写有效的日期", "required": "请填写监控时点"})
    value = forms.CharField(label="当前完成值", max_length=300, required=False, widget=forms.TextInput(attrs={"size": 8}))
    cause = forms.ChoiceField(label="偏差原因类别", required=False)
    reason = forms.CharField(label="偏差原因说明", required=False, max_length=2000,
                             widget=forms.TextInput(attrs={"size": 20}))
    feasibility = forms.ChoiceField(label="完成目标可能性", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bands = load_bands()
        self.fields["cause"].choices = [("", "—"), *[(c, c) for c in bands.causes]]  # type: ignore[attr-defined]  # a ChoiceField, typed as its base Field
        self.fields["feasibility"].choices = [("", "—"), *[(c, c) for c in bands.feasibility]]  # type: ignore[attr-defined]  # a ChoiceField, typed as its base Field

    def number(self) -> Decimal | None:
        text = (self.cleaned_data.get("value") or "").replace(",", "").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except ArithmeticError:
            return None
        return number if number.is_finite() else None


class SelfEvaluationForm(forms.Form):
    """年终自评: 全年执行数, 存在的问题, 改进措施 (each indicator's actual is in ``ActualFormSet``)."""

    spent = money_field("全年执行数（万元）")
    current_spent = money_field("当年财政拨款·全年执行数")
    carried_spent = money_field("上年结转资金·全年执行数")
    other_spent = money_field("其他资金·全年执行数")
    goal_actuals = forms.CharField(label="年度总体目标实际完成情况（每个目标一行，与目标顺序对应）", required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label="存在的问题（每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label="改进措施（每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)

    def spent_fields(self) -> list[tuple[str, Any]]:
        return [(label, self[f"{prefix}_spent"]) for prefix, label, _ in FUND_ROWS]

    def funds_spent(self) -> dict[str, Decimal | None]:
        return {prefix: self.cleaned_data.get(f"{prefix}_spent") for prefix, _, _ in FUND_ROWS}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        parts = [data.get(f"{prefix}_spent") for prefix, _, _ in FUND_ROWS]
        whole = data.get("spent")
        if whole is not None and any(p is not None for p in parts):
            given = sum((p for p in parts if p is not None), Decimal(0))
            if abs(given - whole) >= Decimal("0.01"):
                self.add_error("other_spent", f"各资金来源的全年执行数之和应等于全年执行数（{whole} 万元）")
        return data


class ActualForm(forms.Form):
    """One indicator's 实际完成值 and 偏差原因分析及改进措施."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    actual = forms.CharField(label="实际完成值", max_length=300, required=False, widget=forms.TextInput(attrs={"size": 8}))
    deviation_reason = forms.CharField(label="偏差原因分析及改进措施", required=False, max_length=2000,
                                       widget=forms.Textarea(attrs={"rows": 1, "cols": 30}))


ActualFormSet = formset_factory(ActualForm, extra=0)
