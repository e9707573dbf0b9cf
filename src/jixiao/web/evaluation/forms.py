"""The 年终自评填报 form: one actual value and one 偏差原因 per indicator, then the narrative.

The form only parses what was typed (numbers to four places, a level from the framework's
list); whether a reason is owed is the core's decision, made in the service, whose errors the
view puts back on the fields here (``add_service_errors``), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms

from jixiao.figures.format import plain
from jixiao.text.quoting import quoted, tidy_line, tidy_lines
from jixiao.web.evaluation.selectors import IndicatorEntryView, SelfEvaluation
from jixiao.web.evaluation.services import ACTUAL_PLACES, IndicatorEntry, SelfEvaluationInvalid

TEXTAREA = {"rows": 3, "cols": 40}
NARRATIVE = {"rows": 6, "cols": 80, "class": "narrative"}
"""Narrative boxes (重点任务、问题、措施): six lines tall, the page's full width (site.css)."""


def _actual_name(position: int, kind: str) -> str:
    return f"ind-{position}-{'level' if kind == 'qualitative' else 'actual'}"


class SelfEvaluationForm(forms.Form):
    """年终自评: 实际完成值 / 完成档次 and 偏差原因分析 per indicator, 重点任务完成情况, 问题 and 措施."""

    problems = forms.CharField(label="存在的主要问题", required=False,
                               widget=forms.Textarea(attrs=NARRATIVE), help_text="每行一条")
    measures = forms.CharField(label="下一步改进措施", required=False,
                               widget=forms.Textarea(attrs=NARRATIVE), help_text="每行一条")

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"})

    def __init__(self, data: Any = None, *, entry: SelfEvaluation, disabled: bool = False) -> None:
        super().__init__(data)
        self.entry = entry
        self.fields["version"].initial = entry.version
        self.fields["problems"].initial = "\n".join(tidy_lines("\n".join(entry.problems)))
        self.fields["measures"].initial = "\n".join(tidy_lines("\n".join(entry.measures)))
        for row in entry.indicators:
            name = _actual_name(row.position, row.kind)
            if row.kind == "qualitative":
                self.fields[name] = forms.ChoiceField(
                    label=f"{quoted(row.name)}完成档次", required=False, initial=row.level or "",
                    choices=[("", "（未填报）"), *((level, level) for level in entry.levels)],
                    error_messages={"invalid_choice": f"{quoted(row.name)}的完成档次无效，请从列表中选择"})
            else:
                self.fields[name] = forms.DecimalField(
                    label=f"{quoted(row.name)}实际完成值", required=False,
                    initial=None if row.actual is None else plain(row.actual),
                    max_digits=15, decimal_places=ACTUAL_PLACES,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
                    error_messages={"invalid": f"{quoted(row.name)}的实际完成值应为数字"})
            self.fields[f"ind-{row.position}-reason"] = forms.CharField(
                label=f"{quoted(row.name)}偏差原因分析", required=False, initial=row.deviation_reason,
                widget=forms.Textarea(attrs=TEXTAREA))
        for position, task in enumerate(entry.tasks):
            self.fields[f"task-{position}-text"] = forms.CharField(
                label=tidy_line(task.title), required=False, initial="\n".join(tidy_lines(task.text)),
                widget=forms.Textarea(attrs=NARRATIVE))
        if disabled:
            for field in self.fields.values():
                field.disabled = True

    def indicator_rows(self) -> Iterator[tuple[IndicatorEntryView, forms.BoundField, forms.BoundField]]:
        """(indicator, its actual or level field, its reason field) in the report's order."""
        for row in self.entry.indicators:
            yield row, self[_actual_name(row.position, row.kind)], self[f"ind-{row.position}-reason"]

    def task_fields(self) -> list[forms.BoundField]:
        return [self[f"task-{position}-text"] for position in range(len(self.entry.tasks))]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned form as ``save_self_evaluation``'s keyword arguments."""
        data = self.cleaned_data
        indicators: dict[int, IndicatorEntry] = {}
        for row in self.entry.indicators:
            value = data.get(_actual_name(row.position, row.kind))
            entry: IndicatorEntry = {"deviation_reason": "\n".join(tidy_lines(data.get(f"ind-{row.position}-reason", "")))}
            if row.kind == "qualitative":
                entry["level"] = value or None
            else:
                entry["actual"] = value
            indicators[row.position] = entry
        return {
            "indicators": indicators,
            "tasks": {p: "\n".join(tidy_lines(data.get(f"task-{p}-text", ""))) for p in range(len(self.entry.tasks))},
            "problems": tidy_lines(data.get("problems", "")),
            "measures": tidy_lines(data.get("measures", "")),
            "version": data["version"],
        }

    def add_service_errors(self, exc: SelfEvaluationInvalid) -> None:
        """Put the service's messages on the fields they concern (the reason field of an indicator)."""
        for position, message in exc.indicators.items():
            field = (f"ind-{position}-reason" if position in exc.missing_reason
                     else _actual_name(position, self._kind(position)))
            self.add_error(field if field in self.fields else None, message)
        for message in exc.fields.values():
            self.add_error(None, message)

    def _kind(self, position: int) -> str:
        return next((row.kind for row in self.entry.indicators if row.position == position), "quantitative")
