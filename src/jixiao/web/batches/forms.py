"""The batch upload form (批量上传): many report files, or ZIPs of them, in one field."""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.web.accounts.models import User
from jixiao.web.batches.models import Batch
from jixiao.web.departments.models import Department


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".zip,.pdf,.docx,.txt", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class BatchUploadForm(forms.Form):
    """The files, what to do with them (复核, or 导入入库 of a department's own reports) and, for the finance
    bureau importing on a department's behalf, the department (a department user's is their own)."""

    MODES = [(Batch.Mode.REVIEW, "上传复核（进入复核队列）"), (Batch.Mode.SAVE, "导入入库（本部门已公开的报告）")]

    reports = MultipleFileField(label="报告文件或 ZIP 压缩包", allow_empty_file=True,
                              error_messages={"required": "请选择要上传的报告文件或 ZIP 压缩包"})
    mode = forms.ChoiceField(label="处理方式", choices=MODES, initial=Batch.Mode.REVIEW, required=False,
                             error_messages={"invalid_choice": "请选择处理方式"})
    department = forms.ModelChoiceField(label="所属部门", queryset=Department.objects.none(), required=False,
                                        empty_label="按报告所述部门",
                                        error_messages={"invalid_choice": "请选择列表中的部门"})

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.sees_all_departments:
            mode, department = self.fields["mode"], self.fields["department"]
            assert isinstance(mode, forms.ChoiceField) and isinstance(department, forms.ModelChoiceField)
            mode.choices = [(Batch.Mode.REVIEW, "上传复核（进入复核队列）"), (Batch.Mode.SAVE, "导入入库（部门已公开的报告）")]
            department.queryset = Department.objects.order_by("name")
        else:  # their own department, always
            del self.fields["department"]

    def clean_mode(self) -> str:
        return self.cleaned_data.get("mode") or Batch.Mode.REVIEW  # not chosen: 复核, as before there was a choice
