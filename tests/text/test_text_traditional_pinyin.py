"""Traditional characters and pinyin glosses: cleaned in normalisation, every span still maps back."""

from __future__ import annotations

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.samples import Sample
from jixiao.text.normalise import normalise
from jixiao.text.offsets import Edit, apply_edits
from jixiao.text.traditional import TRADITIONAL_MARKERS, has_traditional, to_simplified

TRADITIONAL = "2022年度株洲市荷塘區婦女聯合會部門(單位)整體支出績效自評報告\n一、部門(單位)基本情況\n預算執行率為98.5%。"


def test_every_marker_is_a_character_opencc_simplifies() -> None:
    # the gate must never fire on simplified text: each marker is a traditional-only form
    converter = opencc.OpenCC("t2s.json")
    unchanged = [char for char in TRADITIONAL_MARKERS if converter.convert(char) == char]
    assert unchanged == []


def test_simplified_text_is_left_alone(seed: Sample) -> None:
    text = seed.text()
    assert not has_traditional(text)
    assert to_simplified(text) == (text, [])


def test_traditional_text_is_simplified_in_place() -> None:
    clean = normalise(TRADITIONAL).text
    assert clean.startswith("2022年度株洲市荷塘区妇女联合会部门(单位)整体支出绩效自评报告\n一、部门(单位)基本情况")
    assert "预算执行率为98.5%" in clean


def test_simplified_spans_map_back_to_the_traditional_original() -> None:
    normalised = normalise(TRADITIONAL)
    start = normalised.text.index("荷塘区妇女联合会")
    orig_start, orig_end = normalised.span_to_original(start, start + len("荷塘区妇女联合会"))
    assert TRADITIONAL[orig_start:orig_end] == "荷塘區婦女聯合會"


def test_a_phrase_that_changes_length_becomes_one_edit_per_line() -> None:
    class Stretch:
        def convert(self, text: str) -> str:
            return text.replace("報", "报报")

    import jixiao.text.traditional as traditional

    original = traditional._converter
    traditional._converter = lambda: Stretch()  # type: ignore[assignment]
    try:
        text = "第一行報\n第二行"
        simplified, edits = to_simplified(text)
    finally:
        traditional._converter = original
    assert simplified == text  # the changed line is left for the edit
    assert edits == [Edit(0, 4, "第一行报报")]
    result, omap = apply_edits(simplified, edits)
    assert result == "第一行报报\n第二行"
    assert omap.to_input(result.index("第二行")) == text.index("第二行")


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("項(xiàng)目支出", "项目支出"),
        ("预(yù)算执行率", "预算执行率"),
        ("绩（jì）效", "绩效"),
        ("方案(fang an)可行", "方案可行"),
        ("满意度(≥90%)", "满意度(≥90%)"),
        ("指标(a)完成", "指标(a)完成"),
        ("采用(on)方式", "采用(on)方式"),
        ("Word(xiàng)", "Word(xiàng)"),
    ],
)
def test_pinyin_glosses_inside_words_are_removed(text: str, clean: str) -> None:
    assert normalise(text).text == clean


def test_spans_after_a_removed_gloss_map_back() -> None:
    text = "項(xiàng)目預(yù)算100万元"
    normalised = normalise(text)
    start = normalised.text.index("100万元")
    assert text[slice(*normalised.span_to_original(start, start + 5))] == "100万元"
    start = normalised.text.index("项目预算")
    assert text[slice(*normalised.span_to_original(start, start + 4))] == "項(xiàng)目預(yù)算"


def test_unjoined_text_keeps_the_source_lines_and_maps_forward() -> None:
    text = "中国共产党广州市荔湾区委员会宣传部\n\n2022年部门整体支出绩效自评报告\n一、基本情况\n—7—\n内容。"
    normalised = normalise(text)
    assert normalised.unjoined.splitlines()[0] == "中国共产党广州市荔湾区委员会宣传部"
    start = normalised.unjoined.index("2022年")
    s, e = normalised.unjoined_to_normalised(start, start + 5)
    assert normalised.text[s:e] == "2022年"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["項(xiàng)目", "報告", " ", "\n", "—7—", "2,661.70", "萬元", "\n\n", "一、", "绩效"]),
                max_size=30))
def test_forward_and_backward_maps_agree(parts: list[str]) -> None:
    normalised = normalise("".join(parts))
    later = normalised.offset_map.passes[normalised.unjoined_pass :]
    for offset, char in enumerate(normalised.text):
        back = offset
        for omap in reversed(later):
            back = omap.to_input(back)
        if back < len(normalised.unjoined) and normalised.unjoined[back] == char:
            # a character kept from the unjoined text maps forward to where it is
            assert normalised.offset_map.to_output(back, after=normalised.unjoined_pass) == offset
