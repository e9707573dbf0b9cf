"""The outline: headings as a tree, numbering issues as facts, enumerations split."""

from __future__ import annotations

from jixiao.samples import Sample
from jixiao.text import parse_document
from jixiao.text.outline import parse_outline, split_enumeration


def test_seed_000_outline_and_its_duplicate_numbering(seed_000: Sample) -> None:
    outline = parse_document(seed_000.text()).outline
    top = [section.title for section in outline.root.children]
    assert top == ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施"]
    second = outline.root.children[1]
    assert [child.title for child in second.children] == [
        "（一）自评结论综述",
        "（二）各项工作任务绩效目标完成情况分析",
        "（三）各重点任务项目支出完成情况分析",
        "（三）主要工作成效",
    ]
    tasks = second.children[1].children
    assert [task.kind for task in tasks] == ["task"] * 4
    assert [task.number for task in tasks] == [1, 2, 3, 4]
    [issue] = outline.numbering_issues
    assert (issue.kind, issue.expected, issue.found, issue.title) == ("paren_cn", 4, 3, "（三）主要工作成效")
    assert issue.parent_title == "二、综合评价分析"


def test_seed_001_outline_has_no_numbering_issue(seed_001: Sample) -> None:
    outline = parse_document(seed_001.text()).outline
    assert outline.numbering_issues == []
    completion = outline.find("各项工作任务绩效目标完成情况分析")[0]
    assert [child.number for child in completion.children] == list(range(1, 9))


def test_section_at_gives_the_title_path(seed_000: Sample) -> None:
    document = parse_document(seed_000.text())
    offset = document.text.find("全年预算数")
    assert document.section_at(offset) == ["一、基本情况", "（二）部门整体收支情况"]
    assert document.section_at(0) == []


def test_gaps_and_restarts_are_reported() -> None:
    text = "一、甲\n（一）子\n（三）子\n二、乙\n四、丁\n1.一\n3.三"
    outline = parse_outline(text)
    found = [(issue.kind, issue.expected, issue.found) for issue in outline.numbering_issues]
    assert found == [("paren_cn", 2, 3), ("cn", 3, 4), ("arabic", 2, 3)]


def test_levels_follow_marker_rank_not_order() -> None:
    outline = parse_outline("一、甲\n1.子项\n（1）细项\n二、乙")
    first = outline.root.children[0]
    assert first.children[0].title == "1.子项"
    assert first.children[0].children[0].title == "（1）细项"
    assert [section.title for section in outline.root.children] == ["一、甲", "二、乙"]


def test_split_enumeration() -> None:
    text = "下一步，将加强以下方面：一是深化文明城市创建。二是创新学习方式。三是加强预算执行。"
    items = split_enumeration(text)
    assert [text[item.start : item.end] for item in items] == [
        "深化文明城市创建。",
        "创新学习方式。",
        "加强预算执行。",
    ]
    assert split_enumeration("这不是列举") == []


def test_enumeration_of_a_section(seed_001: Sample) -> None:
    outline = parse_document(seed_001.text()).outline
    [problems] = outline.find("存在的主要问题")
    items = outline.enumeration(problems)
    assert [item.ordinal for item in items] == [1, 2, 3]
    assert outline.text[items[1].start : items[1].end].startswith("思政宣讲库仍未建立完善")
