"""Narrative sections: every section in order with the department's own words, keys, where the narrative ends."""

from __future__ import annotations

from jixiao.extract import extract_report
from jixiao.extract.sections import narrative_end, sections_of_text
from jixiao.importer import import_file
from jixiao.text.document import parse_document


def _keyed(report, key):
    return [section for section in report.sections if section.key == key]


def test_zengcheng_keeps_its_duties_units_results_and_management(seed_001) -> None:
    report = import_file(seed_001.text_path).report
    (duties,) = _keyed(report, "overview.duties")
    assert duties.heading == "" and duties.text.startswith("主要职责是：\n1.宣传党的路线、方针、政策")
    assert [line[:2] for line in duties.text.splitlines()[1:]] == ["1.", "2.", "3.", "4.", "5."]  # five duties
    (units,) = _keyed(report, "overview.organisation")
    assert units.text.startswith("本部门内设机构6个，分别是办公室、理论科、新闻宣传科、精神文明宣教科、版权管理与文艺文化科、网络信息科。")
    (management,) = _keyed(report, "management")
    assert management.heading == "（四）部门整体绩效管理情况"
    assert management.text.startswith("根据年度预算计划，围绕本年度工作目标")
    (results,) = _keyed(report, "results")
    assert results.heading == "（四）主要工作成效"
    assert "1.深化理论武装，有力凝聚思想共识。" in results.text and "3.实施“文化强区”战略。" in results.text
    # each numbered task of （二） is a part of its own: target, 完成情况 and completion
    tasks = _keyed(report, "task")
    assert len(tasks) == 8 and all("完成情况" in task.text for task in tasks)
    assert tasks[7].text.endswith("直播间累计访问超2.8万人次。")  # across the page mark —7—


def test_liwan_keeps_its_classified_duties_note(seed_000) -> None:
    report = import_file(seed_000.text_path).report
    (duties,) = _keyed(report, "overview.duties")
    assert duties.text == "根据相关规定，荔文【2019】14号文件属于密件，内含我部主要职责，根据保密工作规定，内容不宜信息公开。"
    (units,) = _keyed(report, "overview.organisation")
    assert units.text.startswith("本部门行政单位1个，下属事业公益一类单位1个。")
    tasks = _keyed(report, "task")
    assert [task.heading for task in tasks] == [
        "《任务一》有效宣传荔湾发展成果，引导舆论指向。", "《任务二》强化干部群众思想政治教育。",
        "《任务三》促进荔湾精神文明建设，助力创建文明城市工作有序进行。", "《任务四》区宣传文化事业发展专项工作",
    ]  # as written, with their closing 。
    # a heading the outline does not name keeps its place, under its own heading, without a key
    other = next(section for section in report.sections if section.heading == "2.项目绩效目标完成情况")
    assert other.key is None and other.level == 3 and other.text.startswith("全年主要围绕以下八个方面")


def test_sections_are_in_order_and_cover_the_narrative(seed) -> None:
    report = import_file(seed.text_path).report
    headings = [section.heading for section in report.sections if section.heading and section.level == 1]
    assert headings == ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施"]
    keys = [section.key for section in report.sections if section.key]
    for key in ("basic", "overview", "finance", "analysis", "conclusion", "task_completion", "results",
                "problems", "measures"):
        assert key in keys, key
    assert keys.index("overview") < keys.index("finance") < keys.index("results") < keys.index("measures")
    # every section cites its span of the original text
    for index, section in enumerate(report.sections):
        spans = report.evidence.get(f"sections[{index}]")
        if section.heading or section.text:
            cited = "".join(spans[0].text.split())
            assert "".join((section.heading or section.text.splitlines()[0])[:12].split()) in cited


def test_numbered_sentences_are_paragraphs_and_numbered_headings_are_sections() -> None:
    text = (
        "某区财政局2023年度部门整体支出绩效自评报告\n一、基本情况\n（一）部门概况\n主要职责是：\n"
        "1.负责全区财政收支管理，拟订财政政策。\n2.负责预算编制和执行。\n"
        "本局内设机构8个，下属事业单位2个。\n年末编制人数45人，实有在职人员43人。\n"
        "（二）部门整体收支情况\n全年预算数1000.00万元，执行数900.00万元，预算执行率90.00%。\n"
        "二、综合评价分析\n（一）其他需要说明的事项\n1.绩效评价工作组织\n本局成立评价小组。\n"
        "三、存在的主要问题\n一是预算执行偏慢。\n四、下一步改进措施\n一是加快执行。\n"
    )
    report = extract_report(text)
    parts = {section.key: section.text for section in report.sections if not section.heading}
    assert parts["overview.duties"] == "主要职责是：\n1.负责全区财政收支管理，拟订财政政策。\n2.负责预算编制和执行。"
    assert parts["overview.organisation"] == "本局内设机构8个，下属事业单位2个。"
    assert parts["overview.staff"] == "年末编制人数45人，实有在职人员43人。"
    unknown = next(section for section in report.sections if section.heading == "（一）其他需要说明的事项")
    assert unknown.key is None and unknown.text == ""
    (item,) = [section for section in report.sections if section.heading == "1.绩效评价工作组织"]
    assert item.text == "本局成立评价小组。" and item.level == 3


SIGNED = "\n".join([
    "某县教育局2022年度部门整体支出绩效自评报告", "一、基本情况", "全年预算数100.00万元，执行数95.00万元。",
    "三、存在的主要问题", "一是预算执行不均衡。", "四、下一步改进措施", "一是加强预算管理。",
])


def test_the_signature_and_the_attachment_are_not_narrative() -> None:
    for tail in ("某县教育局\n2023年3月15日", "某县教育局2023年3月15日", "2023年3月15日",
                 "某县教育局\n二〇二三年三月十五日",
                 "某县教育局2023年3月15日部门整体支出绩效自评表（2022年度）部门名称某县教育局所属地区",
                 "某县教育局\n2023年3月15日\n附件\n部门整体支出绩效自评表（2022年度）\n部门名称\t某县教育局",
                 "附件1：部门整体支出绩效自评表\n项目资金\t100"):
        report = extract_report(SIGNED + "\n" + tail + "\n")
        assert report.sections[-1].key == "measures", tail
        assert report.sections[-1].text == "一是加强预算管理。", tail
        assert report.measures == ["加强预算管理。"], tail


def test_a_date_inside_the_text_is_not_a_signature() -> None:
    report = extract_report(SIGNED + "\n2023年3月15日，我局召开专题会议研究整改。\n")
    assert report.sections[-1].text.endswith("2023年3月15日，我局召开专题会议研究整改。")
    document = parse_document("某报告\n一、基本情况\n本部门按照《部门整体支出绩效自评表》的评价指标开展自评。\n")
    assert narrative_end(document) == len(document.text)  # a sentence naming the form is no attachment


def test_sections_of_a_stored_text(seed_001) -> None:
    sections = sections_of_text(seed_001.text_path.read_text(encoding="utf-8"))
    assert sections == import_file(seed_001.text_path).report.sections
    assert sections_of_text("   ") == []
