"""The indicator form (指标表单) and the XLSX upload form of the 指标库."""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.indicators.classification import load_classification
from jixiao.indicators.library import LEVEL1_CHOICES
from jixiao.web.common.locking import version_of
from jixiao.web.indicators.models import EDITABLE_FIELDS, OPERATOR_CHOICES, LibraryIndicator, Scope


def _text(label: str, *, required: bool = False, max_length: int | None = None, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows, "cols": 60}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           error_messages={"required": f"请填写{label}",
                                           "max_length": f"{label}不能超过 {max_length} 个字"})


class IndicatorForm(forms.Form):
    """编码, 名称, 一级/二级, 共性/个性, 行业, 领域, 计算符号, 单位, 解释, 公式, 评分标准, 数据来源, 佐证, 出处."""

    code = _text("指标编码", required=True, max_length=40)
    name = _text("指标名称（三级指标）", required=True, max_length=300)
    level1 = _text("一级指标", required=True, max_length=50)
    level2 = _text("二级指标", max_length=50)
    scope = forms.ChoiceField(label="共性/个性", choices=Scope.choices, initial=Scope.SPECIFIC)
    industry = forms.ChoiceField(label="行业", error_messages={"required": "请选择行业"})
    field = _text("领域", max_length=60)
    operator = forms.ChoiceField(label="计算符号", required=False)
    unit = _text("计量单位", max_length=30)
    explanation = _text("指标解释", rows=2)
    formula = _text("计算公式", rows=2)
    scoring_standard = _text("评(扣)分标准", rows=3)
    data_source = _text("数据来源", rows=1)
    evidence = _text("佐证资料要求", rows=2)
    source = _text("出处", rows=1)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        industry, operator = self.fields["industry"], self.fields["operator"]
        assert isinstance(industry, forms.ChoiceField) and isinstance(operator, forms.ChoiceField)
        industry.choices = [("", "请选择行业"), *((n, n) for n in load_classification().industries)]
        operator.choices = [("", "（无）"), *OPERATOR_CHOICES]
        self.fields["level1"].widget.attrs["list"] = "level1-options"
        self.fields["field"].widget.attrs["list"] = "field-options"
        self.level1_options = LEVEL1_CHOICES
        self.field_options = load_classification().all_fields()

    @staticmethod
    def initial_for(row: LibraryIndicator) -> dict[str, Any]:
        return {**{name: getattr(row, name) for name in EDITABLE_FIELDS}, "version": version_of(row)}

    def indicator_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data}


class UploadForm(forms.Form):
    """导入指标库 (.xlsx)."""

    file = forms.FileField(label="指标库表格（.xlsx）", error_messages={"required": "请选择要导入的文件"})
