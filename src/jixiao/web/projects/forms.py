"""The project form (项目登记/修改表单): the department's own fields; status has its buttons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from jixiao.web.projects.models import Project
from jixiao.web.projects.services import YEAR_RANGE

LOW, HIGH = YEAR_RANGE


def _year(label: str, *, required: bool) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=LOW, max_value=HIGH, required=required, error_messages={
        "required": f"请填写{label}", "invalid": f"{label}应为四位年份",
        "min_value": f"{label}应在 {LOW}—{HIGH} 年之间", "max_value": f"{label}应在 {LOW}—{HIGH} 年之间"})


class ProjectForm(forms.Form):
    """项目编码, 名称, 类别, 起止年度, 总金额（万元）, 主管部门, 实施单位, 属性, 重点, 重大 (and the version)."""

    department = forms.TypedChoiceField(label="部门", coerce=int, required=False)
    code = forms.CharField(label="项目编码", max_length=40, error_messages={"required": "请填写项目编码"})
    name = forms.CharField(label="项目名称", max_length=200, error_messages={"required": "请填写项目名称"},
                           widget=forms.TextInput(attrs={"size": 50}))
    category = forms.CharField(label="项目类别", max_length=60, required=False,
                               widget=forms.TextInput(attrs={"list": "category-options"}))
    start_year = _year("起始年度", required=True)
    end_year = _year("结束年度", required=False)
    amount = forms.DecimalField(label="项目总金额（万元）", max_digits=14, decimal_places=2, min_value=Decimal(0),
                                required=False, error_messages={
                                    "invalid": "项目总金额应为数字（万元）", "min_value": "项目总金额不能为负数",
                                    "max_digits": "项目总金额超出范围", "max_decimal_places": "项目总金额最多保留两位小数",
                                    "max_whole_digits": "项目总金额超出范围"})
    department_in_charge = forms.CharField(label="主管部门", max_length=200, required=False)
    implementer = forms.CharField(label="实施单位", max_length=200, required=False)
    attribute = forms.ChoiceField(label="项目属性", choices=Project.Attribute.choices,
                                  error_messages={"required": "请选择项目属性", "invalid_choice": "项目属性应为新增或延续"})
    is_key = forms.BooleanField(label="重点项目", required=False)
    is_major = forms.BooleanField(label="重大政策/项目（须开展事前绩效评估）", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False, error_messages={
        "invalid": "页面版本信息无效，请刷新页面后重新填写"})

    def __init__(self, *args: Any, departments: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        if departments and len(departments) > 1 and isinstance(field, forms.TypedChoiceField):
            field.choices = departments
            field.required = True
            field.error_messages.update({"required": "请选择部门", "invalid_choice": "请选择部门"})
        else:
            del self.fields["department"]

    @classmethod
    def initial_for(cls, project: Project, version: int) -> dict[str, Any]:
        values = {name: getattr(project, name) for name in cls.base_fields if hasattr(project, name)}
        values["version"] = version
        return values

    def project_fields(self) -> dict[str, Any]:
        """The cleaned fields the services take (without department and version)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("department", "version")}
