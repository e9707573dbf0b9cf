"""Normalisation: each noise case of the seeds is cleaned, and every span maps back to the original."""

from __future__ import annotations

import pytest

from jixiao.samples import Sample
from jixiao.text.normalise import fold_width, normalise


def clean(text: str) -> str:
    return normalise(text).text


def test_page_mark_between_broken_lines_is_removed_and_the_lines_joined() -> None:
    # seed 001, lines 242-248
    text = "况：举办“聚网连心 才汇增城”2022年增城区直播带岗网络专\n\n\n\n—7—\n\n场招聘会，以荔聘网为依托。"
    assert clean(text) == "况：举办“聚网连心才汇增城”2022年增城区直播带岗网络专场招聘会，以荔聘网为依托。"


@pytest.mark.parametrize("mark", ["—7—", "- 7 -", "第 7 页", "第7页 共32页", "－12－"])
def test_page_marks_of_every_style_are_removed(mark: str) -> None:
    assert clean(f"网络专\n{mark}\n场招聘会。") == "网络专场招聘会。"


def test_attachment_header_line_is_removed() -> None:
    # seed 001, line 1
    assert clean(
        " 附件2\n\n2022 年度中国共产党广州市增城区委员会宣传\n\n部整体支出绩效自评报告\n\n一、基本情况"
    ) == ("2022年度中国共产党广州市增城区委员会宣传部整体支出绩效自评报告\n一、基本情况")


def test_line_broken_mid_word_is_joined() -> None:
    # seed 001, lines 68-70: 党的二 / 十大
    assert clean("认真学习宣传贯彻习近平新时代中国特色社会主义思想和党的二\n\n十大精神进行的理论学习。") == (
        "认真学习宣传贯彻习近平新时代中国特色社会主义思想和党的二十大精神进行的理论学习。"
    )


def test_line_broken_mid_amount_is_joined() -> None:
    # seed 001, lines 81-85: 预算 / 执行率, 1098.73 / 万元
    text = (
        "2022年度预算收入 2,661.70万元，支出 2,457.31万元，预算\n\n执行率为 92.32%。其中基本支出 1562.97万元，"
        "项目支出 1098.73\n\n万元。"
    )
    assert clean(text) == (
        "2022年度预算收入2,661.70万元，支出2,457.31万元，预算执行率为92.32%。其中基本支出1562.97万元，项目支出1098.73万元。"
    )


def test_line_starting_with_a_space_is_joined() -> None:
    # seed 001, lines 37-38
    assert clean("组织协调有关行政审批工作。统筹规\n 划和指导协调全区新闻出版事业。") == (
        "组织协调有关行政审批工作。统筹规划和指导协调全区新闻出版事业。"
    )


def test_stray_spaces_next_to_cjk_are_removed() -> None:
    # seed 000, line 45 and 81
    assert (
        clean("累计编发《荔湾舆情日报》432 期，香港回归 25 周年")
        == "累计编发《荔湾舆情日报》432期，香港回归25周年"
    )
    assert clean("2022 年，全区宣传思想战线") == "2022年，全区宣传思想战线"
    assert clean("餐饮 APP 企业") == "餐饮APP企业"


def test_spaces_between_ascii_words_are_kept() -> None:
    assert clean("使用 Microsoft  Word 2019 编写") == "使用Microsoft Word 2019编写"


def test_stray_space_inside_a_number_is_removed() -> None:
    assert clean("预算收入 2, 661.70万元") == "预算收入2,661.70万元"


def test_latex_remnants_become_symbols() -> None:
    # seed 000, line 71
    assert clean("1、舆情日报数量 \\geq 200期；2、覆盖率 \\leq 5\\%；3、$\\geq$ 80%") == (
        "1、舆情日报数量≥200期；2、覆盖率≤5%；3、≥80%"
    )


def test_bullets_are_removed_and_the_item_joined_across_the_break() -> None:
    # seed 000, lines 87-90
    text = "- 一是部分项目管理和支出绩效水平仍有提升的空间。\n- 二是预算执行进度不均衡，故项目资金存在年底较集中支付\n\n的现象。"
    assert clean(text) == (
        "一是部分项目管理和支出绩效水平仍有提升的空间。\n二是预算执行进度不均衡，故项目资金存在年底较集中支付的现象。"
    )
    assert clean("• 第一项。\n● 第二项。") == "第一项。\n第二项。"


def test_markdown_marks_are_removed_and_the_headings_start_paragraphs() -> None:
    # jixiao's own md output, and a report converted to Markdown: a heading's ## and a bold line's ** go
    text = "# 某局2023年度部门整体支出绩效自评报告\n\n## 一、基本情况\n\n### （一）部门概况\n\n本部门负责全区工作。\n\n---\n\n**部门整体支出绩效自评表（2023年度）**\n"
    assert clean(text) == (
        "某局2023年度部门整体支出绩效自评报告\n一、基本情况\n（一）部门概况\n本部门负责全区工作。\n部门整体支出绩效自评表（2023年度）"
    )
    # a ** standing for a figure not filled in stays, and so does a # that is not a heading's mark
    assert clean("公猪舍(≥**平方米)，母猪舍(≥**平方米)。") == "公猪舍(≥**平方米)，母猪舍(≥**平方米)。"
    assert clean("#1号楼维修完成。") == "#1号楼维修完成。"


def test_full_width_digits_and_letters_are_folded_commas_kept() -> None:
    assert (
        clean("执行数２６５９．４０万元，完成率７２．６０％，ＡＰＰ")
        == "执行数2659.40万元，完成率72.60%，APP"
    )
    assert len(fold_width("２６５９．４０")) == len("２６５９．４０")


def test_half_width_comma_between_cjk_becomes_full_width() -> None:
    # seed 001, line 93
    assert (
        clean("严格按照区部门预算编制通知和有关要求,按时完成")
        == "严格按照区部门预算编制通知和有关要求，按时完成"
    )


def test_paragraph_breaks_are_kept_after_sentence_end_and_at_headings() -> None:
    # seed 000, lines 3-9
    text = "中国共产党广州市荔湾区委员会宣传部 2022年部门整体支出绩效自评报告\n\n一、基本情况\n\n（一）部门概况\n\n根据相关规定，内容不宜信息公开。\n\n本部门行政单位1个。"
    assert clean(text).split("\n") == [
        "中国共产党广州市荔湾区委员会宣传部2022年部门整体支出绩效自评报告",
        "一、基本情况",
        "（一）部门概况",
        "根据相关规定，内容不宜信息公开。",
        "本部门行政单位1个。",
    ]


def test_numbered_line_of_full_width_is_not_a_heading() -> None:
    # seed 001, lines 154-156: a full PDF line that starts with "3." continues on the next line
    lines = [
        "2.做大主题宣传，凝聚奋进力量。持续推动习近平新时代中",
        "国特色社会主义思想深入人心。加强与中央省市主流媒体交流与",
        "3.协助做好网络意识形态工作责任制和网络安全工作责任制",
        "相关工作。协助落实区委网信委的决定事项、工作部署，开展网",
        "信领域重大问题调研。",
    ]
    paragraphs = clean("\n\n".join(lines)).split("\n")
    assert (
        paragraphs[1]
        == "3.协助做好网络意识形态工作责任制和网络安全工作责任制相关工作。协助落实区委网信委的决定事项、工作部署，开展网信领域重大问题调研。"
    )


def test_enumeration_at_line_start_starts_a_paragraph() -> None:
    assert clean("有待加强\n三是预算编制能力有待加强。") == "有待加强\n三是预算编制能力有待加强。"


def test_spans_map_back_to_the_original_text(seed: Sample) -> None:
    original = seed.text()
    normalised = normalise(original)
    for needle in ("万元", "2022", "绩效", "。"):
        start = normalised.text.find(needle)
        assert start >= 0
        orig_start, orig_end = normalised.span_to_original(start, start + len(needle))
        assert original[orig_start:orig_end] == needle


def test_a_joined_span_maps_to_the_broken_original() -> None:
    original = "项目支出 1098.73\n\n万元。"
    normalised = normalise(original)
    start = normalised.text.find("1098.73万元")
    orig_start, orig_end = normalised.span_to_original(start, start + len("1098.73万元"))
    assert original[orig_start:orig_end] == "1098.73\n\n万元"


def test_replaced_symbol_maps_to_the_whole_latex_command() -> None:
    original = "数量 \\geq 200期"
    normalised = normalise(original)
    start = normalised.text.find("≥")
    assert original.__getitem__(slice(*normalised.span_to_original(start, start + 1))) == "\\geq"


def test_every_normalised_offset_maps_inside_the_original(seed: Sample) -> None:
    normalised = normalise(seed.text())
    previous = 0
    for offset in range(0, len(normalised.text), 7):
        mapped = normalised.to_original(offset)
        assert 0 <= mapped < len(seed.text())
        assert mapped >= previous  # the map is monotonic
        previous = mapped


def test_empty_and_blank_text() -> None:
    assert clean("") == ""
    assert clean(" \n\n \n") == ""


def test_a_line_ending_in_report_only_ends_the_title() -> None:
    text = "某局2022年部门整体支出绩效自评\n报告\n一、基本情况\n按要求完成年度总结报告\n工作。"
    assert clean(text).split("\n") == [
        "某局2022年部门整体支出绩效自评报告",
        "一、基本情况",
        "按要求完成年度总结报告工作。",
    ]
