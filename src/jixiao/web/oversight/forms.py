"""Forms of 抽评: the draw (year, rule, optional seed) and one 复核调整 (points, reason)."""

from __future__ import annotations

from decimal import Decimal

from django import forms


class DrawForm(forms.Form):
    rule = forms.ChoiceField(label="抽评规则")
    seed = forms.IntegerField(label="随机种子", required=False, min_value=0, max_value=10**15,
                              help_text="留空则随机生成；填写已记录的种子可重复同一次抽取")

    def __init__(self, *args: object, rules: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own positional arguments
        self.fields["rule"].choices = rules  # type: ignore[attr-defined]  # a ChoiceField


class AdjustmentForm(forms.Form):
    points = forms.DecimalField(label="调整分值", max_digits=6, decimal_places=2,
                                min_value=Decimal(-100), max_value=Decimal(100),
                                help_text="扣分填负数，如 -2；加分填正数",
                                error_messages={"invalid": "调整分值须为数字，如 -2 或 1.5",
                                                "max_decimal_places": "调整分值最多保留两位小数"})
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 3, "cols": 70}), max_length=2000,
                             error_messages={"required": "调整分值须说明理由"})
