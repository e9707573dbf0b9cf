"""Forms of 双监控 (预警响应表单)."""

from __future__ import annotations

from django import forms

from jixiao.web.monitoring.selectors import response_rules


class WarningResponseForm(forms.Form):
    """预警响应: which warning, the action the rules allow, and the reason."""

    warning_key = forms.CharField(label="预警", widget=forms.HiddenInput, max_length=300)
    on = forms.DateField(widget=forms.HiddenInput, required=False)
    action = forms.ChoiceField(label="响应措施", choices=())
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # passed through to Form unchanged
        self.fields["action"].choices = [(a, a) for a in response_rules().actions]  # type: ignore[attr-defined]  # a ChoiceField; fields is typed as Field
