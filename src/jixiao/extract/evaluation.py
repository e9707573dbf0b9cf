"""The self-evaluation result (自评结论): score (自评分) and grade (评价等级 优/良/中/差).

Scores: ``整体支出绩效自评分数99.24分``, ``自评得分100分``, ``综合得分87.5分``, ``自评总分(分)97.93``,
``自评得分：95`` (a strong label — 自评得分, 自评总分, 综合得分, 总得分 — may go without 分), and
the 总分 / 合计 row of a 自评表's 得分 column. A score of a part (``产出指标得分45分``,
``预算执行率得分10分``) or of one item of a list is not the report's.

Grades: ``自评结果为“优秀”``, ``评价等级：良``, ``绩效自评：优``, ``自评等级 | 良好``, read through the
grade words of ``grade_words.toml`` (优秀 → 优, 良好 → 良, 不合格 → 差; 合格/及格 → 中 only
where the report lists the four-level scale 优秀、良好、合格、不合格). A scale listed as such
(``评价等级为优、良、中、差四档``) states no grade.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from jixiao.extract.facts import Facts
from jixiao.extract.items import drop_item_figures
from jixiao.extract.tables import document_tables
from jixiao.text.numbers import parse_quantity
from jixiao.text.tables import AlignedRow, Cell, Table

_STRONG = r"自评(?:得分|总分|分数|总得分)|综合(?:得分|评分)|总得分|(?:绩效)?评价(?:得分|总分)|考核得分|自评分"
_SCORE = re.compile(
    rf"(?P<label>(?:{_STRONG})|(?P<weak>(?:绩效)?得分|评分|分数))"
    r"(?P<label_unit>[（(]分[）)])?(?:为|是|达到|达|：|:|[\t|]){0,3}"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})?)(?P<unit>分(?!值|项))?(?![\d.%])"
)
_GRADE_WORD = r"优秀|良好|中等|较差|不合格|不及格|合格|及格|优|良|中|差"
_GRADE = re.compile(
    r"(?P<label>(?:自评|评价|考评|绩效|考核|综合)(?:结果|等级|结论|等次|级别)?|结果|等级|等次|评级|综合评定|评定)"
    # a line break may follow the colon (a page break cut 自评： / 优。)
    r"(?:为|是|：|:|评定为|确定为|定为|属于|达到|[\t|]){1,2}\n?[“\"「]?"
    rf"(?P<grade>{_GRADE_WORD})"
    r"(?=[等级，。；、\s”\"」）)|]|$)"
    # a scale (优、良、中、差) lists grades, it does not state one
    rf"(?![”\"」]?[、，,/和及][“\"「]?(?:{_GRADE_WORD}))"
)
_FOUR_LEVEL = re.compile(
    r"(?:优秀|优)[”\"」]?[、，,/][“\"「]?(?:良好|良)[”\"」]?[、，,/][“\"「]?(?P<third>合格|及格)"
    r"[”\"」]?[、，,/和及][“\"「]?(?:不合格|不及格|较差|差)"
)
# a word bound to the label that makes the score or grade a part's (产出指标得分, 质量等级)
_PART = re.compile(
    r"指标|执行率|满意度|产出|效益|效果|过程|决策|管理|投入|质量|工程|验收|信用|安全|单项|子项|该项|此项|每项|二级|一级|三级|预算执行"
)
_SCORE_MAX = Decimal(100)
_HAS_SCORE = re.compile(r"(?:得分|总分|评分|分数|自评分)[^\n]{0,12}\d")
_HAS_GRADE = re.compile(r"[优良中差格]")
_HAS_GRADE_LABEL = re.compile(r"结果|等级|等次|评级|评定|自评|评价|考评|考核|结论")
_SCORE_SECTION = re.compile(r"自评|评价|结论|得分")
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分|自评总分|自评得分)[：:]?$")
_BOUND_MAX = 12
_CLAUSE_BREAKS = "，。；：\n,;:|\t"


@lru_cache(maxsize=1)
def grade_words() -> tuple[dict[str, str], dict[str, str]]:
    """(word → grade, word → grade where the report lists the four-level scale), from ``grade_words.toml``."""
    data = tomllib.loads((resources.files("jixiao.extract") / "grade_words.toml").read_text(encoding="utf-8"))
    return dict(data["words"]), dict(data["conditional"])


def extract_evaluation(facts: Facts) -> None:
    """Add score and grade candidates from the prose and the 自评表."""
    text = facts.document.text
    for start, end in facts.document.paragraphs_with(_HAS_SCORE):
        _add_scores(facts, text, start, end)
    _add_table_scores(facts)
    four_level = {match.group("third") for match in _FOUR_LEVEL.finditer(text)}
    paragraphs = facts.document.paragraphs
    for index, (start, end) in enumerate(paragraphs):
        # the grade may open the next paragraph (自评： / 优。, cut by a page break)
        reach = paragraphs[index + 1][1] if index + 1 < len(paragraphs) else end
        if _HAS_GRADE_LABEL.search(text, start, end) and _HAS_GRADE.search(text, start, reach):
            _add_grades(facts, text, start, end, reach, four_level)
    drop_item_figures(facts, ("evaluation.score", "evaluation.grade"))


def _bound_word(text: str, position: int) -> str:
    """The run of characters bound to a label's front, up to the clause start."""
    start = position
    while start > 0 and position - start < _BOUND_MAX and text[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    return text[start:position]


def _add_scores(facts: Facts, text: str, start: int, end: int) -> None:
    for match in _SCORE.finditer(text, start, end):
        if not _stated_as_score(text, match):
            continue
        number_start, number_end = facts.document.to_original(*match.span("number"))
        if "\n" in facts.document.original[number_start:number_end]:
            continue  # two table cells the normaliser joined
        if _PART.search(_bound_word(text, match.start())):
            continue
        score = Decimal(match.group("number"))
        if score > _SCORE_MAX:
            facts.warnings.append(f"自评分{score}超过100分，未采用")
            continue
        facts.add(
            "evaluation.score", score, match.start(), match.end(), authoritative=_in_result(facts, match.start())
        )


def _stated_as_score(text: str, match: re.Match[str]) -> bool:
    """``…87.5分``; without 分 only after ``(分)`` or a strong label (自评得分), and not part of a longer number."""
    if match.group("unit"):
        return True
    if match.group("weak") and not match.group("label_unit"):
        return False
    following = text[match.end() : match.end() + 1]
    return not following.isdigit()


def _add_table_scores(facts: Facts) -> None:
    """The 得分 of a 自评表's 总分 / 合计 row."""
    for table in document_tables(facts):
        score_column = _column(table, "score")
        if score_column is None or _column(table, "name") is None:
            continue
        for row in table.rows:
            if not _is_total_row(row, table):
                continue
            cell = row.columns.get(score_column)
            if cell is None:
                cell = _short_total_score(row, table)
            quantity = parse_quantity(cell.text) if cell is not None and cell.text else None
            if cell is None or quantity is None or quantity.unit not in (None, "分") or quantity.value > _SCORE_MAX:
                continue
            offset = facts.document.from_original(cell.start)
            facts.add_original("evaluation.score", quantity.value, row.start, cell.end,
                               authoritative=_in_result(facts, offset))


def _short_total_score(row: AlignedRow, table: Table) -> Cell | None:
    """The 得分 of a 总分 row written with its cells merged (``总分 | 100.00 | 98.51``): the row holds
    fewer cells than the header, so its two numbers are the 分值 and the 得分 totals, in that order."""
    if _column(table, "weight") is None:
        return None
    numbers = [cell for _, cell in sorted(row.columns.items())
               if cell.text and (quantity := parse_quantity(cell.text)) is not None and quantity.unit in (None, "分")]
    return numbers[1] if len(numbers) == 2 else None


def _column(table: Table, kind: str) -> int | None:
    found = [i for i, column in enumerate(table.columns) if column is not None and column.kind == kind]
    return found[0] if len(found) == 1 else None


def _is_total_row(row: AlignedRow, table: Table) -> bool:
    texts = [cell.text for cell in row.labels]
    for index, cell in row.columns.items():
        column = table.columns[index]
        if column is None or not column.value:
            texts.append(cell.text)
    return any(_TOTAL_ROW.match(text.replace(" ", "")) for text in texts if text)


def _add_grades(facts: Facts, text: str, start: int, end: int, reach: int, four_level: set[str]) -> None:
    """Grades whose label is in ``[start, end)``; the grade word may lie up to ``reach``."""
    words, conditional = grade_words()
    for match in _GRADE.finditer(text, start, reach):
        if match.start() >= end:
            break
        word = match.group("grade")
        grade = words.get(word) or (conditional.get(word) if word in four_level else None)
        if grade is None:
            facts.warnings.append(f"评价等级“{word}”未说明对应优、良、中、差，未采用")
            continue
        if _PART.search(_bound_word(text, match.start())):
            continue
        facts.add("evaluation.grade", grade, match.start(), match.end(), authoritative=_in_result(facts, match.start()))


def _in_result(facts: Facts, offset: int) -> bool:
    return any(_SCORE_SECTION.search(title) for title in facts.document.section_at(offset))
