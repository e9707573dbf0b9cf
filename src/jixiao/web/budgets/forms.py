"""Forms of budget data entry (预算数据录入表单)."""

from __future__ import annotations

from decimal import Decimal

from django import forms


class MonthlyExecutionForm(forms.Form):
    """月度执行数录入: the month and what was spent in it, in 万元."""

    month = forms.TypedChoiceField(label="月份", coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)])
    spent = forms.DecimalField(label="当月支出（万元）", max_digits=14, decimal_places=2, min_value=Decimal(0))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新录入", "invalid": "页面版本信息无效，请刷新页面后重新录入"})


class MonthlyImportForm(forms.Form):
    """月度执行数导入: the filled template (.xlsx)."""

    file = forms.FileField(label="导入文件（.xlsx）", allow_empty_file=True)  # the parser names the empty file
