"""Form errors as page messages (表单错误提示): one line per error, named by the field's label."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def form_errors_to_messages(request: HttpRequest, form: forms.Form) -> None:
    """Add every error of ``form`` to the next page as ``标签：错误``."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))
