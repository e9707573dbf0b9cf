"""The batch upload form (批量上传): many report files, or ZIPs of them, in one field."""

from __future__ import annotations

from typing import Any

from django import forms


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
    reports = MultipleFileField(label="报告文件或 ZIP 压缩包", allow_empty_file=True,
                              error_messages={"required": "请选择要上传的报告文件或 ZIP 压缩包"})
