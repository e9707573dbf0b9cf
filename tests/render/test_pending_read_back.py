"""A rendered report still holding 待填写 marks, read back: the marks are leftovers, never stated words.

Before: re-importing the 自评表 of a report without indicator rows took the cell "待填写：报告未列…的三级指标"
for a 偏差原因 the department had written, and the review said nothing about the unfilled marks.
"""

from __future__ import annotations

from jixiao.importer import import_file
from jixiao.review.files import review_file
from jixiao.text.pending import find_pending, is_pending, pending


def test_the_mark_is_recognised_whole_and_only_whole() -> None:
    assert is_pending(pending("未填报实际完成值"))
    assert is_pending("【待填写：本部分内容】")
    assert not is_pending("部分指标待填写后再核")
    assert not is_pending("无需待填写：已完成")
    assert not is_pending("")
    assert [m.group() for m in find_pending("一、概况\n【待填写：部门职责】\n二")] == ["【待填写：部门职责】"]


def test_the_seed_without_indicators_comes_back_with_its_marks_named(seed_renders) -> None:
    rendered = seed_renders["seed_001_zengcheng_2022"]  # 增城: the published report lists no indicator table
    docx_text = import_file(rendered.docx).document.text
    assert find_pending(docx_text), "the rendered report of 增城 has sections the officer must still write"
    result = review_file(rendered.docx)
    leftovers = [f for f in result.findings if f.rule == "text.template_leftover"]
    assert leftovers and "待填写" in leftovers[0].message


def test_reasons_owed_are_not_read_as_reasons_given(seed_renders) -> None:
    rendered = seed_renders["seed_000_liwan_2022"]  # 荔湾: over-achieved indicators owe a 偏差原因
    for path in (rendered.docx, rendered.form_pdf):  # the 自评表 attached to the report, and printed alone
        form = import_file(path)
        assert form.report is not None, form.reason
        assert form.document is not None and "待填写" in form.document.text
        reasons = [i.deviation_reason for i in form.report.indicators if i.deviation_reason]
        assert not any("待填写" in reason for reason in reasons), reasons
    # so the review of the rendered report still asks for the reasons the 自评表 owes
    rules = {f.rule for f in review_file(rendered.docx).findings}
    assert {"targets.over_achievement", "text.template_leftover"} <= rules
