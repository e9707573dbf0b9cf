"""The 附件1 项目支出绩效自评表 and the 项目支出绩效自评报告: layout, scores, and the round trip through the importer."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao import synthetic
from jixiao.importer import import_file
from jixiao.render.pdf import RenderError
from jixiao.render.project import (
    render_project_form_docx,
    render_project_form_pdf,
    render_project_form_xlsx,
    render_project_report_docx,
    render_project_report_pdf,
    score_project,
)
from jixiao.report import PerformanceReport

from .conftest import requires_soffice


@pytest.fixture(scope="module")
def project() -> PerformanceReport:
    return synthetic.project_report(3, 2024)


def _sheet_rows(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[list[object]], label: object, col: int = 0) -> list[object]:
    return next(row for row in rows if row[col] == label)


def test_xlsx_layout_weights_and_total(project: PerformanceReport) -> None:
    rows = _sheet_rows(render_project_form_xlsx(project))
    assert rows[0][0] == "项目支出绩效自评表（2024年度）"
    assert _row(rows, "项目名称")[1] == project.project.name
    assert _row(rows, "主管部门")[5:7] == ["实施单位", project.project.implementer]
    assert _row(rows, "项目资金（万元）")[2:8] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    whole = _row(rows, "年度资金总额", 1)
    budget = project.budget
    assert [Decimal(str(v)) for v in whole[2:5]] == [budget.initial, budget.total, budget.spent]
    for label, row in (("其中：当年财政拨款", budget.funds.current_fiscal), ("上年结转资金", budget.funds.prior_carryover),
                       ("其他资金", budget.funds.other)):
        cells = _row(rows, label, 1)
        assert [Decimal(str(v)) for v in cells[2:5]] == [row.initial, row.total, row.spent], label
        assert cells[5] == "—" and cells[7] == "—"
    head = _row(rows, "绩效指标")
    assert head[1:9] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    goal = rows[rows.index(_row(rows, "年度总体目标")) + 1]
    assert (goal[1], goal[4]) == (project.goals[0].text, project.goals[0].actual)
    # 分值 sum to 100 and the 总分 is the engine's score
    result = score_project(project)
    start = rows.index(head) + 1
    total = _row(rows, "总分")
    indicator_weights = [Decimal(str(row[6])) for row in rows[start:rows.index(total)]]
    assert Decimal(str(whole[5])) + sum(indicator_weights) == 100 == Decimal(str(total[6]))
    assert Decimal(str(total[7])).quantize(Decimal("0.01")) == result.total
    assert result.complete and result.grade == "优"


def test_local_framework_changes_the_form(project: PerformanceReport) -> None:
    bare = project.model_copy(deep=True)
    for indicator in bare.indicators:
        indicator.weight = None
    result = score_project(bare, framework="sichuan-2023-project")
    rows = _sheet_rows(render_project_form_xlsx(bare, framework="sichuan-2023-project"))
    head = _row(rows, "绩效指标")
    total = _row(rows, "总分")
    body = rows[rows.index(head) + 1:rows.index(total)]
    by_part: dict[str, Decimal] = {}
    part = ""
    for row in body:
        part = str(row[1] or part)
        by_part[part] = by_part.get(part, Decimal(0)) + Decimal(str(row[6]))
    # the stated 一级 are kept; the framework's 产出 60 and 效益 30 (满意度 counted in 效益)
    assert by_part["产出指标"] == 60 and by_part["效益指标"] + by_part["满意度指标"] == 30
    assert Decimal(str(total[6])) == 100
    assert Decimal(str(total[7])).quantize(Decimal("0.01")) == result.total


def _assert_same_project(again: PerformanceReport, project: PerformanceReport) -> None:
    """Everything the 附件1 form prints reads back as it was."""
    assert (again.kind, again.form, again.year) == ("project", "table", project.year)
    assert again.project is not None and project.project is not None
    for name in ("name", "department_in_charge", "implementer"):
        assert getattr(again.project, name) == getattr(project.project, name), name
    for name in ("initial", "total", "spent"):
        assert getattr(again.budget, name) == getattr(project.budget, name), name
    assert again.budget.funds == project.budget.funds
    assert [(goal.text, goal.actual) for goal in again.goals] == [(goal.text, goal.actual) for goal in project.goals]
    result = score_project(project)
    scores = {item.name: item.score for item in result.items}
    assert again.evaluation.score == result.total
    assert [i.name for i in again.indicators] == [i.name for i in project.indicators]
    for before, after in zip(project.indicators, again.indicators, strict=True):
        expected = (before.level1, before.level2, before.op, before.target, before.actual, before.unit, before.weight)
        got = (after.level1, after.level2, after.op, after.target, after.actual, after.unit, after.weight)
        assert got == expected, before.name
        assert after.score == scores[before.name], before.name
        assert (after.deviation_reason or "无") == (before.deviation_reason or "无"), before.name


def test_docx_form_is_real_tables_and_reads_back(project: PerformanceReport, tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "自评表.docx"
    path.write_bytes(render_project_form_docx(project))
    # real Word tables: the form's three blocks (资金, 目标, 指标), each repeating its header on a new page
    tables = Document(str(path)).tables
    assert len(tables) == 3
    assert tables[0].cell(0, 0).text == "项目名称" and tables[2].cell(0, 1).text == "一级指标"
    again = import_file(path)
    assert again.ok, again.error
    _assert_same_project(again.report, project)


@requires_soffice
def test_pdf_form_reads_back(project: PerformanceReport, tmp_path: Path) -> None:
    path = tmp_path / "自评表.pdf"
    path.write_bytes(render_project_form_pdf(project))
    again = import_file(path)
    assert again.ok, again.error
    _assert_same_project(again.report, project)


def test_project_report_outline(project: PerformanceReport, tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    path.write_bytes(render_project_report_docx(project))
    again = import_file(path)
    assert again.ok, again.error
    report = again.report
    assert report.kind == "project" and report.project is not None
    assert report.project.name == project.project.name
    assert report.title == f"{project.project.name}2024年度项目支出绩效自评报告"
    headings = [s.heading for s in report.sections if s.level == 1]
    assert headings == ["一、基本情况", "二、绩效自评工作开展情况", "三、综合评价情况及评价结论", "四、绩效指标完成情况分析",
                        "五、存在的问题及原因分析", "六、有关建议", "七、其他需要说明的问题"]
    result = score_project(project)
    assert report.evaluation.score == result.total
    assert (report.budget.initial, report.budget.total, report.budget.spent) == (
        project.budget.initial, project.budget.total, project.budget.spent)


@requires_soffice
def test_project_report_pdf_keeps_its_figures(project: PerformanceReport, tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    path.write_bytes(render_project_report_pdf(project))
    again = import_file(path)
    assert again.ok, again.error
    assert again.report.kind == "project"
    assert again.report.evaluation.score == score_project(project).total
    assert again.report.budget.funds == project.budget.funds


def test_a_department_report_is_refused(synthetic_report: PerformanceReport) -> None:
    with pytest.raises(RenderError, match="项目支出"):
        render_project_form_xlsx(synthetic_report)


def test_an_imported_project_report_keeps_its_own_words(tmp_path: Path) -> None:
    """A report that has its own outline (the corpus' 四川 乡镇 project report) is written in its own words."""
    from fixtures.corpus import default_folder

    folder = default_folder()
    if folder is None:
        pytest.skip("没有找到真实报告语料")
    first = import_file(Path(folder) / "134.txt").report
    assert first is not None and first.kind == "project" and first.sections
    path = tmp_path / "报告.docx"
    path.write_bytes(render_project_report_docx(first))
    again = import_file(path).report
    assert again is not None and again.kind == "project"
    assert [s.heading for s in again.sections][:len(first.sections)] == [s.heading for s in first.sections]
    for before, after in zip(first.sections, again.sections, strict=False):
        # the last section reads on into the 落款 and the attached form on re-import: its own text comes first
        assert after.text.replace("\n", "").startswith(before.text.replace("\n", "")), before.heading
    assert again.project is not None and again.project.name == first.project.name
    assert again.budget.spent == first.budget.spent


def test_several_goals_read_back_without_the_row_numbers(project: PerformanceReport, tmp_path: Path) -> None:
    from jixiao.report import Goal

    report = project.model_copy(deep=True)
    report.goals = [Goal(text="完成培训20场。", actual="完成培训22场。"), Goal(text="满意度不低于90%。", actual="满意度95%。"),
                    Goal(text="建立长效机制。")]
    path = tmp_path / "自评表.docx"
    path.write_bytes(render_project_form_docx(report))
    again = import_file(path).report
    assert again is not None
    assert [(g.text, g.actual) for g in again.goals] == [(g.text, g.actual) for g in report.goals]


def test_the_form_alone_is_one_landscape_page(project: PerformanceReport) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    document = Document(io.BytesIO(render_project_form_docx(project)))
    (section,) = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
