"""The 事前绩效评估报告 (DOCX) in the reference outline, with the department's words kept."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from docx import Document
from tests.exante.conftest import filled

from jixiao.exante import Scheme, score
from jixiao.exante.report import Dates, render


def _text(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = Document(io.BytesIO(data))
    tables = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return [p.text for p in document.paragraphs], tables


def test_reviewed_report_follows_the_outline(scheme: Scheme):
    assessment = filled(scheme, lost=Decimal("5"), approved=Decimal("640"))
    scored = score(scheme, assessment.entries)
    data = render(scheme, assessment, scored, dates=Dates(submitted=date(2026, 3, 2), reviewed=date(2026, 3, 20)))
    paragraphs, rows = _text(data)
    headings = [p for p in paragraphs if p[:2] in {"一、", "二、", "三、", "四、", "五、"}]
    assert headings == ["一、评估对象基本情况", "二、评估工作开展情况", "三、综合评估情况与评估结论", "四、相关建议",
                        "五、其他需要说明的问题"]
    for heading in ("（一）项目立项背景", "（四）项目资金构成", "（三）评估工作程序", "（五）筹资合规性", "（六）总体结论"):
        assert heading in paragraphs
    assert paragraphs[0] == "智慧课堂建设项目事前绩效评估报告"
    # the department's own words, one paragraph per line
    assert "项目实施目的明确，内容具体：已按要求论证。" in paragraphs and "第二段自评。" in paragraphs
    assert "建设 120 间智慧教室。" in paragraphs
    assert any("总分75分" in p and "部分支持" in p for p in paragraphs)
    assert "核定金额640.00万元（申请800.00万元，核减160.00万元），按核定金额纳入预算安排。" in paragraphs
    assert "评审得0分（满分5分，差），扣5分。评审意见：论证不够充分" in paragraphs
    assert "结论理由：总体论证充分。" in paragraphs and "细化采购计划。" in paragraphs
    assert "2026年3月20日" in paragraphs
    # the score table: every sub-point, total and conclusion
    assert rows[-1][:6] == ["合计", "合计", "合计", "100", "75", "部分支持"]
    assert ["立项必要性\n（20分）", "相关性\n（10分）", "项目实施目的明确，内容具体", "5", "0", "差", "论证不够充分"] in rows


def test_report_before_review_says_so(scheme: Scheme):
    paragraphs, rows = _text(render(scheme, filled(scheme), None))
    assert "财政部门评审尚未完成，尚无评估结论。" in paragraphs
    assert not any(p.startswith("评审得") for p in paragraphs)
    assert rows[-1][4] == ""
    assert "None" not in "".join(paragraphs)
