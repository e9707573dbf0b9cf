"""Forms of 复核: uploading a report file, and the finance bureau's 复核意见 with a decision per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from jixiao.report import Finding
from jixiao.review import SEVERITY_LABELS, finding_key
from jixiao.review.engine import rule_title
from jixiao.web.reviews.models import FindingDecision, ReviewStatus
from jixiao.web.reviews.selectors import RecordedReview
from jixiao.web.reviews.services import REQUIRES_OPINION, Decision


class UploadForm(forms.Form):
    """上传报告: one PDF, DOCX or TXT file."""

    # Empty files pass here so that the importer's one line names the file, as for any bad file.
    file = forms.FileField(label="报告文件", help_text="PDF、DOCX 或 TXT", allow_empty_file=True,
                           error_messages={"required": "请选择要上传的报告文件"},
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}))


class ReviewForm(forms.Form):
    """复核意见: status, opinion, and for each finding 确认/不采纳 with a note (fields ``decision_<i>``, ``note_<i>``)."""

    status = forms.ChoiceField(label="复核状态", choices=ReviewStatus.choices)
    opinion = forms.CharField(label="复核意见", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": "页面缺少版本信息，请刷新页面后重新填写", "invalid": "页面版本信息无效，请刷新页面后重新填写"})

    def __init__(self, *args: Any, findings: Sequence[Finding], recorded: RecordedReview | None = None,
                 **kwargs: Any) -> None:
        if recorded is not None and recorded.record is not None and "initial" not in kwargs:
            kwargs["initial"] = {"status": recorded.status, "opinion": recorded.record.opinion}
        super().__init__(*args, **kwargs)
        self.findings = list(findings)
        choices = [("", "未处理"), *FindingDecision.Decision.choices]
        for i, finding in enumerate(self.findings):
            known = recorded.decisions.get(finding_key(finding)) if recorded else None
            self.fields[f"decision_{i}"] = forms.ChoiceField(
                label=f"{SEVERITY_LABELS[finding.severity]} · {rule_title(finding.rule)}", choices=choices, required=False,
                widget=forms.RadioSelect, initial=known.decision if known else "")
            self.fields[f"note_{i}"] = forms.CharField(label="说明", required=False, initial=known.note if known else "",
                                                       widget=forms.TextInput(attrs={"placeholder": "说明（不采纳须填写）"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean returns cleaned_data; the stubs allow None
        if data.get("status") in REQUIRES_OPINION and not (data.get("opinion") or "").strip():
            self.add_error("opinion", f"复核状态为「{ReviewStatus(data['status']).label}」时须填写复核意见")
        for i in range(len(self.findings)):
            if data.get(f"decision_{i}") == FindingDecision.Decision.DISMISSED and not data.get(f"note_{i}", "").strip():
                self.add_error(f"note_{i}", "不采纳须说明理由")
        return data

    def rows(self) -> list[tuple[Finding, forms.BoundField, forms.BoundField]]:
        """Each finding with its decision and note fields, for the template."""
        return [(f, self[f"decision_{i}"], self[f"note_{i}"]) for i, f in enumerate(self.findings)]

    def decisions(self) -> list[Decision]:
        return [Decision(finding_key(f), self.cleaned_data.get(f"decision_{i}") or "",
                         self.cleaned_data.get(f"note_{i}") or "") for i, f in enumerate(self.findings)]
