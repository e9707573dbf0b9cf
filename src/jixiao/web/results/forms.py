"""Forms of rectification (整改表单): the finance bureau's item, the department's answer."""

from __future__ import annotations

from django import forms

from jixiao.web.results.models import Rectification


class RectificationForm(forms.Form):
    """整改意见: the year evaluated, the problem, the bureau's feedback and the deadline."""

    year = forms.TypedChoiceField(label="评价年度", coerce=int)
    source = forms.ChoiceField(label="来源", choices=Rectification.Source.choices,
                               initial=Rectification.Source.FINANCE_REVIEW)
    problem = forms.CharField(label="问题", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    feedback = forms.CharField(label="整改意见", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=2000)
    deadline = forms.DateField(label="整改期限", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               error_messages={"invalid": "请输入有效日期，如 2023-06-30"})

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # passed through to Form unchanged
        self.fields["year"].choices = [(y, f"{y}年度") for y in sorted(years, reverse=True)]  # type: ignore[attr-defined]  # a ChoiceField; fields is typed as Field


class AnswerForm(forms.Form):
    """整改情况: the department's measure, status and what was done."""

    measure = forms.CharField(label="整改措施", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=2000)
    status = forms.ChoiceField(label="整改状态", choices=Rectification.Status.choices)
    progress = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"})
