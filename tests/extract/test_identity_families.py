"""Identity by layout family: the title, department, region, year, kind, form and project of a report
whatever its front matter looks like, and "not a report" only for texts that are not one.

Each text is a small synthetic instance of a family met in published reports (metadata headers,
covers, broken titles, traditional text, pinyin, template years, publication dates).
"""

from __future__ import annotations

import pytest

from jixiao.extract import ExtractError, extract_report
from jixiao.report import PerformanceReport

BODY = "\n一、部门基本情况\n（一）部门职能\n负责全县审计工作。\n"


def read(text: str) -> PerformanceReport:
    return extract_report(text)


def identity(report: PerformanceReport) -> tuple[object, ...]:
    return report.department, report.region, report.year, report.kind, report.form


# -- metadata headers of government sites -------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        # label: value lines
        "索引号：11530000/2023-00012\n发布机构：开远市人民政府\n文号：\n发布日期：2025-06-30\n时效性：有效\n",
        # one cell per line (an HTML table copied as text)
        "发布机构\n\n开远市人民政府\n\n文号\n\n发布日期\n\n2025-06-30\n\n时效性\n\n有效\n\n",
        # pipe rows
        "索引号 | 11530000/2023-00012 | 发布机构 | 开远市人民政府 |\n公开目录 | 绩效自评报告 | 发布日期 | 2025-06-30 |\n文号 | 浏览量 |\n",
        # bracket rows, repeated
        "[ 索引号 ] 11530000/2023-00012 [ 发文字号 ]\n[ 发布机构 ] 开远市人民政府 [ 发布日期 ] 2025-06-30\n"
        "[ 索引号 ]\n11530000/2023-00012\n[ 发布机构 ]\n开远市人民政府\n[ 发布日期 ]\n2025-06-30\n",
        # space-separated, with an accessibility toolbar and a mirror site's spam line
        "| 无障碍浏览 | 打开适老化模式\n竞彩足球比分\n索引号 11530000/2023-00012 发布机构 开远市人民政府\n公开目录 自评报告 发布日期 2025-06-30\n",
    ],
    ids=["lines", "cells", "pipes", "brackets", "spaces"],
)
def test_metadata_header_the_publisher_is_not_the_department(header: str) -> None:
    report = read(header + "开远市卫生健康综合监督执法局2024年度部门整体支出绩效自评报告" + BODY)
    assert identity(report) == ("开远市卫生健康综合监督执法局", "云南省红河哈尼族彝族自治州开远市", 2024,
                                "department_overall", "report")
    assert report.title == "开远市卫生健康综合监督执法局2024年度部门整体支出绩效自评报告"


def test_breadcrumb_source_line_and_publication_date() -> None:
    text = (
        "当前位置: 首页 / 政务公开 / 信息公开目录 / 财政资金 / 绩效评价 / 稿件页\n"
        "2022年度部门(单位)整体支出 绩效自评报告\n"
        "来源:荷塘区妇联 作者:荷塘区政府 发布时间:2023-12-04 访问量: 字体大小: 放大 缩小\n\n"
        " 2022年度株洲市荷塘区妇女联合会部门(单位)整体支出绩效自评报告\n" + BODY
    )
    report = read(text)
    assert identity(report) == ("株洲市荷塘区妇女联合会", "湖南省株洲市荷塘区", 2022, "department_overall", "report")
    [evidence] = report.evidence["department"]
    assert evidence.text == "株洲市荷塘区妇女联合会"
    assert text[evidence.start : evidence.end] == evidence.text


def test_a_title_in_the_breadcrumb_is_read() -> None:
    report = read("您所在的位置：首页 > 政务公开 > 宁远县审计局2022年度部门整体支出绩效自评报告" + BODY)
    assert identity(report)[:3] == ("宁远县审计局", "湖南省永州市宁远县", 2022)


def test_a_title_naming_only_a_place_takes_the_organ_from_the_source_line() -> None:
    report = read("宁远县天堂镇2022年度部门整体支出绩效自评报告\n来源：宁远县天堂镇人民政府  发布时间：2023-05-19" + BODY)
    assert (report.department, report.region) == ("宁远县天堂镇人民政府", "湖南省永州市宁远县天堂镇")


def test_the_publisher_is_used_only_when_nothing_else_names_the_department() -> None:
    report = read("发布机构：大理市财政局   发布日期：2023-05-01\n2022年度部门整体支出绩效自评报告" + BODY)
    assert (report.department, report.region, report.year) == ("大理市财政局", "云南省大理白族自治州大理市", 2022)
    # a government's own office publishes for every department: never the department
    report = read("发布机构：武威市人民政府办公室\n2020年度项目支出绩效评价自评报告" + BODY)
    assert report.department is None


def test_document_library_wrappers() -> None:
    text = (
        "宁远县林业局2023年度部门整体绩效自评表.docx\n"
        "《宁远县林业局2022年度部门整体绩效自评表.docx》由会员分享,可在线阅读,请在某某文库上搜索。\n"
        "1、宁远县林业局2023年度部门整体绩效自评表主管部门宁远县林业局联系人李某"
    )
    report = read(text)
    assert identity(report) == ("宁远县林业局", "湖南省永州市宁远县", 2023, "department_overall", "table")
    # the library's title states another year: the document's own title is taken, the difference recorded
    assert any("年度前后不一致（2023、2022）" in warning for warning in report.warnings)


# -- cover pages --------------------------------------------------------------------------------


def test_department_cover() -> None:
    text = (
        "岳阳楼区2021年度部门(单位)整体支出\n绩效评价自评报告\n"
        "部门(单位)名称: 共青团岳阳楼区委员会\n预 算 编 码: 106006\n评价方式:部门(单位)绩效自评\n"
        "评价机构:部门(单位)评价组\n报告日期:2022年5月18日\n岳阳楼区财政局(制)\n" + BODY
    )
    report = read(text)
    assert identity(report) == ("共青团岳阳楼区委员会", "湖南省岳阳市岳阳楼区", 2021, "department_overall", "report")
    assert report.project is None


def test_cover_with_seal_and_no_year_states_no_year() -> None:
    report = read("部门整体支出绩效自评报告\n单位名称（盖章）：楚雄州住房和城乡建设局\n填报日期：2023年3月15日" + BODY)
    assert identity(report) == ("楚雄州住房和城乡建设局", "云南省楚雄彝族自治州", None, "department_overall", "report")


def test_project_cover() -> None:
    text = (
        "南宁市财政项目支出绩效自评报告 (2018年度) 项目名称:南宁市困难大学新生入学补助项目 "
        "项目单位:南宁市学生资助管理办公室 主管部门:南宁市教育局 评价人员: 201 一、项目基本情况"
    )
    report = read(text)
    assert identity(report) == ("南宁市学生资助管理办公室", "广西壮族自治区南宁市", 2018, "project", "report")
    assert report.project is not None
    assert report.project.name == "南宁市困难大学新生入学补助项目"
    assert report.project.department_in_charge == "南宁市教育局"


def test_project_table_cells() -> None:
    text = (
        "2022年度项目支出绩效自评表(昌龙鸿运)\n\n附件3:\n\n2022年度项目支出绩效自评表\n\n"
        "单位名称:昌宁县供销合作社联合社 填报日期:2023年4月15日\n\n项目名称\n\n昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目"
        "\n\n\n\n主管部门\n\n昌宁县供销合作社联合社\n\n项目实施单位\n\n昌宁县昌龙鸿运牧业专业合作社\n\n"
        "项目属性\n\n1、持续性项目 ☑ 2、新增性项目 □\n\n预算执行情况(万元)\n"
    )
    report = read(text)
    assert identity(report) == ("昌宁县供销合作社联合社", "云南省保山市昌宁县", 2022, "project", "table")
    project = report.project
    assert project is not None
    assert (project.name, project.department_in_charge, project.implementer, project.attribute) == (
        "昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目", "昌宁县供销合作社联合社", "昌宁县昌龙鸿运牧业专业合作社", "延续")
    assert report.evidence["project.name"][0].text == "昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目"


def test_project_cover_with_code_attribute_and_period() -> None:
    text = (
        "宁远县水利局2022年度项目支出绩效自评报告\n项目名称：农村饮水安全巩固提升工程\n项目编码：53012345\n"
        "主管部门：宁远县水利局\n实施单位：宁远县农村供水站\n项目属性：新增项目\n项目周期：2022年1月-2022年12月\n"
        "填报日期：2023年2月\n一、项目基本情况\n"
    )
    report = read(text)
    assert identity(report) == ("宁远县水利局", "湖南省永州市宁远县", 2022, "project", "report")
    assert report.project is not None
    assert report.project.model_dump() == {
        "name": "农村饮水安全巩固提升工程", "code": "53012345", "department_in_charge": "宁远县水利局",
        "implementer": "宁远县农村供水站", "attribute": "新增", "period": "2022年1月-2022年12月"}


def test_transfer_payment_table_in_pipe_rows() -> None:
    text = (
        "就业补助资金绩效自评表\n就业补助资金绩效自评表 | |||||||\n(2024年度) | |||||||\n"
        "转移支付(项目)名称 | 就业补助资金 | ||||||\n中央主管部门 | 人力资源社会保障部 | ||||||\n"
        "地方主管部门 | 安徽省人力资源和社会保障厅 淮南市人力资源和社会保障局 |\n"
        "资金使用单位 | 淮南市田家庵区人力资源和社会保障局 | ||||\n资金投入情况 (万元) |\n"
    )
    report = read(text)
    assert identity(report) == ("淮南市田家庵区人力资源和社会保障局", "安徽省淮南市田家庵区", 2024, "project", "table")
    assert report.project is not None and report.project.name == "就业补助资金"


def test_basic_data_table_is_a_table() -> None:
    report = read("附件1\n2022年度部门整体支出绩效评价基础数据表\n填报单位：宁远县文化旅游广电体育局\n| 编制数 | 实有人数 |\n")
    assert identity(report) == ("宁远县文化旅游广电体育局", "湖南省永州市宁远县", 2022, "department_overall", "table")


# -- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "department", "year"),
    [
        ("2022年度株洲市荷塘区妇女联合会部门(单位)整体支出绩效自评报告", "株洲市荷塘区妇女联合会", 2022),
        ("安宁市市场监督管理局2023年度部门整体支出绩效自评报告", "安宁市市场监督管理局", 2023),
        ("2024年南县自然资源局部门整体支出绩效自评报告", "南县自然资源局", 2024),
        ("中共云南省委宣传部(2023年度)部门整体支出绩效自评报告", "中共云南省委宣传部", 2023),
        ("红河州数据发展中心2024年度部门整体支出绩效单位自评报告", "红河州数据发展中心", 2024),
        ("关于宁远县审计局2022年度部门整体支出绩效自评情况的报告", "宁远县审计局", 2022),
        ("宁远县审计局部门整体支出绩效自评报告（2022年度）", "宁远县审计局", 2022),
        ("宁远县审计局二〇二二年度部门整体支出绩效自评报告", "宁远县审计局", 2022),
        ("绥宁县图书馆单位2023年度部门整体支出绩效评价报告", "绥宁县图书馆", 2023),
        ("宁远县审计局2022年度部门整体支出绩效自评报告（公开版）", "宁远县审计局", 2022),
        ("2022年度宁远县审计局（单位）整体支出绩效自评报告", "宁远县审计局", 2022),
        ("宁远县重点项目建设服务中心2022年度部门整体支出绩效自评报告", "宁远县重点项目建设服务中心", 2022),
    ],
)
def test_year_before_or_after_the_name(title: str, department: str, year: int) -> None:
    report = read(title + BODY)
    assert (report.department, report.year, report.kind) == (department, year, "department_overall")


@pytest.mark.parametrize(
    "lines",
    [
        "昆明市东川区城市管理局2020年度部门\n整体支出绩效评价报告",
        "昆明市东川区城市\n管理局2020年度部门整体支出绩效评价报告",
        "昆明市东川区城市管理局\n\n2020年度部门整体支出\n\n绩效评价报告",
        "昆明市东川区城市管理局2020年度部门整体支出绩效评价\n报告",
    ],
    ids=["scope", "name", "three-lines", "ending"],
)
def test_title_broken_over_lines(lines: str) -> None:
    report = read(lines + "\n项目单位：昆明市东川区城市管理局\n报告日期:2021年5月" + BODY)
    assert identity(report) == ("昆明市东川区城市管理局", "云南省昆明市东川区", 2020, "department_overall", "report")
    assert report.title == "昆明市东川区城市管理局2020年度部门整体支出绩效评价报告"


def test_a_page_title_without_its_place_yields_to_the_full_one() -> None:
    text = "县档案馆2024年部门整体支出绩效自评报告\n寻甸回族彝族自治县档案馆2024年部门整体支出绩效自评报告\n" + BODY
    report = read(text)
    assert (report.department, report.region) == ("寻甸回族彝族自治县档案馆", "云南省昆明市寻甸回族彝族自治县")


@pytest.mark.parametrize(
    ("title", "project"),
    [
        ("宁远县交通运输局2021年度农村公路建设项目支出绩效自评报告", "农村公路建设项目"),
        ("昌宁县第一示范小学2023年度项目支出绩效自评报告\n(教育专项工作经费)", "教育专项工作经费"),
        ("万源市民政局 关于2021年度困难群众救助补助专项转移支付资金绩效自评报告", "困难群众救助补助专项转移支付资金"),
        ("攀枝花市仁和区同德镇2021年度部门预算项目支出绩效自评报告\n\n2021年城乡临时救助备用金", "2021年城乡临时救助备用金"),
        ("南县就业服务中心2023年项目支出绩效自评报告", None),
        ("忠县民政局\n\n2024年度中央、市级转移支付资金\n\n绩效自评报告", None),
    ],
)
def test_project_reports_and_their_project(title: str, project: str | None) -> None:
    report = read(title + "\n一、项目基本情况\n")
    assert report.kind == "project"
    assert report.project is not None and report.project.name == project


def test_kind_from_the_headings_when_the_title_is_silent() -> None:
    report = read("霍邱县教育局2022年部门绩效自评工作情况总结\n一、自评工作开展情况\n（一）项目支出自评情况。\n")
    assert (report.kind, report.form) == ("project", "report")
    report = read("一、部门基本情况\n（一）部门概况\n山东省住房和城乡建设厅是省政府组成部门，正厅级。\n")
    assert (report.department, report.region, report.kind, report.form) == (
        "山东省住房和城乡建设厅", "山东省", "department_overall", None)


# -- the year ------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["20xx", "20XX"])
def test_a_template_year_is_no_year(year: str) -> None:
    report = read(f"宁远县农业农村局{year}年度部门整体支出绩效自评报告\n一、部门概况\n本局2022年度预算数100万元。")
    assert (report.department, report.year) == ("宁远县农业农村局", None)
    assert any("模板占位" in warning for warning in report.warnings)


@pytest.mark.parametrize(
    "dates",
    [
        "发布时间：2023-03-15 来源：宁远县农业农村局",
        "填报日期：2023年3月15日",
        "报告日期：2023年3月",
        "2023年3月15日",
        "发布日期 | 2023-03-15 |",
    ],
)
def test_a_publication_or_report_date_is_never_the_year(dates: str) -> None:
    report = read("宁远县农业农村局部门整体支出绩效自评报告\n" + dates + "\n一、部门概况\n宁远县农业农村局内设机构8个。")
    assert report.year is None


def test_the_year_from_a_clear_statement_of_the_evaluated_year() -> None:
    text = (
        "宁远县农业农村局部门整体支出绩效自评报告\n填报日期：2023年3月\n"
        "按照《宁远县财政局关于开展2023年预算绩效自评工作的通知》要求，我局对2022年度部门整体支出开展了绩效自评，"
        "现将情况报告如下：\n一、部门概况\n"
    )
    report = read(text)
    assert report.year == 2022
    [evidence] = report.evidence["year"]
    assert evidence.text.startswith("2022年")


def test_a_year_field() -> None:
    report = read("部门整体支出绩效自评表\n预算年度：2022年\n预算部门：宁远县审计局\n")
    assert identity(report) == ("宁远县审计局", "湖南省永州市宁远县", 2022, "department_overall", "table")


# -- traditional characters and pinyin --------------------------------------------------------


def test_traditional_text_is_read_and_quoted_as_written() -> None:
    text = "來源：荷塘區婦聯  發佈時間：2023-12-04\n2022年度株洲市荷塘區婦女聯合會部門(單位)整體支出績效自評報告\n一、部門基本情況\n"
    report = read(text)
    assert identity(report) == ("株洲市荷塘区妇女联合会", "湖南省株洲市荷塘区", 2022, "department_overall", "report")
    assert report.evidence["department"][0].text == "株洲市荷塘區婦女聯合會"
    assert report.evidence["year"][0].text.startswith("2022年")


def test_pinyin_inside_words_does_not_break_the_title() -> None:
    report = read("株洲市荷塘区妇女联合会2022年度項(xiàng)目支出績(jì)效自评报告\n一、项目概况\n")
    assert identity(report) == ("株洲市荷塘区妇女联合会", "湖南省株洲市荷塘区", 2022, "project", "report")
    assert report.evidence["kind"][0].text.startswith("項(xiàng)目")


# -- the region -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("荷塘区妇女联合会", "湖南省株洲市荷塘区"),
        ("南县自然资源局", "湖南省益阳市南县"),
        ("忠县民政局", "重庆市忠县"),
        ("寻甸县档案馆", "云南省昆明市寻甸回族彝族自治县"),
        ("共青团武威市委", "甘肃省武威市"),
        ("东莞市长安镇人民政府", "广东省东莞市长安镇"),
        ("长沙市岳麓区望月湖街道办事处", "湖南省长沙市岳麓区望月湖街道"),
        ("南县城乡规划局", "湖南省益阳市南县"),
        ("梁平县林业局", "重庆市梁平县"),
        ("重庆市梁平区林业局", "重庆市梁平区"),
        ("朝阳区教育局", None),
        ("社区服务中心", None),
    ],
)
def test_region_is_the_full_administrative_path(title: str, region: str | None) -> None:
    report = read(title + "2022年度部门整体支出绩效自评报告" + BODY)
    assert report.region == region


def test_a_shared_county_name_is_settled_by_the_other_places_in_the_text() -> None:
    title = "朝阳区教育局2022年度部门整体支出绩效自评报告\n一、部门概况\n"
    assert read(title + "朝阳区教育局是北京市朝阳区人民政府工作部门。").region == "北京市朝阳区"
    assert read(title + "朝阳区教育局是长春市朝阳区人民政府工作部门。").region == "吉林省长春市朝阳区"


# -- a report, or not ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "我区召开2023年度财政工作会议\n3月5日，区财政局召开全区财政工作会议。会议强调，要加强预算绩效管理，全年预算执行率达98%。",
        "宁远县审计局2023年部门预算公开说明\n一、部门基本情况\n（一）部门职能\n二、收支预算总体情况\n"
        "2023年收入预算总计1234.56万元，支出预算总计1234.56万元。",
        "收入支出决算总表\n编制单位：宁远县审计局  2022年度  单位：万元\n| 项目 | 决算数 |\n"
        "| 一般公共预算财政拨款收入 | 1234.56 |\n| 本年收入合计 | 1234.56 |\n| 本年支出合计 | 1200.00 |",
        "关于开展2023年度部门整体支出绩效自评工作的通知\n各预算单位：\n为加强预算绩效管理，现就有关事项通知如下。",
        "关于报送2022年度部门整体支出绩效自评报告的通知\n各预算单位：\n请于3月底前报送。",
        "春天来了，花都开了。",
    ],
    ids=["news", "budget-disclosure", "final-accounts-table", "notice", "notice-naming-a-report", "prose"],
)
def test_texts_that_are_not_reports_are_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ExtractError, match="不是绩效自评报告"):
        read(text)


def test_the_reason_names_the_genre() -> None:
    with pytest.raises(ExtractError, match="预算或决算公开材料"):
        read("收入支出决算总表\n| 项目 | 决算数 |\n| 本年收入合计 | 1234.56 |")
    with pytest.raises(ExtractError, match="新闻或工作动态"):
        read("我区召开2023年度财政工作会议\n会议要求加强预算绩效管理。")


@pytest.mark.parametrize(
    "text",
    [
        "部门整体支出绩效自评报告",
        "2022年度项目支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 |",
        "某单位自评报告\n一、基本情况",
        "部门整体绩效自评报告模板18篇\n篇二:部门整体支出绩效自评报告((2019年度)部门名称:十堰市城市管理执法委员会",
        "当前位置：首页 > 财政预决算 > 部门预算\n宁远县审计局2022年度部门整体支出绩效自评报告\n",
    ],
    ids=["bare-title", "table-title", "unit-report", "template-page", "under-a-budget-breadcrumb"],
)
def test_a_text_that_calls_itself_a_report_is_never_refused(text: str) -> None:
    assert read(text) is not None


@pytest.mark.parametrize(
    "first_line",
    ["宁远县审计局2022年度绩效自评结果公示", "关于宁远县审计局2022年度部门整体支出绩效评价情况的公告"],
)
def test_a_text_named_a_self_evaluation_is_never_refused(first_line: str) -> None:
    assert read(first_line + "\n各位市民：\n现将有关情况公示如下。") is not None


def test_a_cover_names_the_organ_on_the_line_under_the_title() -> None:
    report = read("2022年度部门整体支出绩效自评报告\n\n宁远县审计局\n\n2023年3月\n一、部门基本情况\n")
    assert (report.department, report.region, report.year) == ("宁远县审计局", "湖南省永州市宁远县", 2022)


@pytest.mark.parametrize(
    "statement",
    [
        "2022年度，我局认真贯彻落实县委县政府决策部署。",
        "（三）2022年度部门整体支出绩效目标\n完成审计项目30个。",
        "我局2022年度预算执行率为98.5%。",
    ],
)
def test_other_clear_statements_of_the_evaluated_year(statement: str) -> None:
    report = read("宁远县审计局部门整体支出绩效自评报告\n一、部门概况\n" + statement)
    assert report.year == 2022


def test_statements_of_different_years_give_no_year() -> None:
    report = read("宁远县审计局部门整体支出绩效自评报告\n一、部门概况\n2021年度，我局完成审计项目。\n对2022年度部门整体支出开展了绩效自评。")
    assert report.year is None
    assert any("正文所述年度不一" in warning for warning in report.warnings)


@pytest.mark.parametrize("label", ["编制单位", "报送单位", "单位"])
def test_other_unit_labels(label: str) -> None:
    report = read(f"部门整体支出绩效自评表\n{label}：宁远县审计局  单位：万元\n")
    assert report.department == "宁远县审计局"


def test_the_title_department_outranks_the_unit_a_project_is_given_to() -> None:
    report = read("宁远县教育局2022年度学生资助项目支出绩效自评报告\n项目单位：宁远县第一中学\n一、项目基本情况\n")
    assert report.department == "宁远县教育局"
    assert report.project is not None and report.project.implementer == "宁远县第一中学"


def test_a_contents_page_between_cover_and_body() -> None:
    # the page title states no kind; the body's title, after 900 characters of contents, does
    contents = "".join(f"（{n}）第{n}节内容\n" for n in "一二三四五六七八九十") * 10
    text = ("宁远县审计局2022年部门预算绩效自评公开报告\n目录\n一、概述\n" + contents
            + "宁远县审计局\n2022年度部门整体支出绩效评价报告\n一、概述\n")
    report = read(text)
    assert identity(report) == ("宁远县审计局", "湖南省永州市宁远县", 2022, "department_overall", "report")
