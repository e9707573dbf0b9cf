"""The arithmetic the text states (文中勾稽): what each rule must catch and what it must leave alone.

Inputs are synthetic variants built from the phrasing of real reports (the corpus in
../shared/corpus) and the corpus texts themselves, read by path. The review runs beside an empty
report: these rules read the sentences, whatever the extractor filled.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_review import review_body, review_corpus

from jixiao.report import PerformanceReport
from jixiao.review import review
from jixiao.text.document import parse_document

PARTS = ("arithmetic.stated_parts",)
RATE = ("arithmetic.stated_rate",)
COUNT = ("arithmetic.count_vs_list",)
BALANCE = ("arithmetic.income_balance",)


# -- a stated total against its listed parts --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "said"),
    [
        # 其中 with commas, as in 株洲 (corpus 101)
        ("2022年支出76.36万元，其中基本支出70.00万元，项目支出5.36万元。", ["2022年支出76.36万元", "75.36", "少1.00"]),
        # 其中： with 、 and six parts, as in 山东 (corpus 104)
        (
            "2021年初收入预算51587.78万元，其中一般公共预算财政拨款收入28449.05万元、上级补助收入1500万元、"
            "事业收入7469.56万元、附属单位上缴收入2000万元、其他收入2064.02万元、使用非财政拨款结余10105.05万元。",
            ["51587.78", "51587.68", "少0.10"],
        ),
        # 包括
        ("2021年初支出预算51587.78万元，包括基本支出24642.4万元、项目支出26945.48万元。", ["51587.78", "51587.88"]),
        # the parts in parentheses belong to the figure before them
        ("全年预算数为500万元（其中财政拨款450万元，其他资金60万元），执行良好。", ["500万元", "510"]),
        # 其中 opening the next sentence: the parts name 支出, so they belong to 支出
        ("2022年度预算收入2,700.00万元，支出2,457.31万元。其中基本支出1562.97万元，项目支出1000.00万元。", ["2562.97"]),
        # people: 人 and 名 alike
        ("资助困难新生3000名（其中市直属学校1150人，县区学校1800人）。", ["2950人"]),
        ("全局共有在职人员20人，其中行政编制10人、事业编制12人。", ["22人"]),
        # parallel clauses closed by 共计, as in 忠县 (corpus 130)
        ("慈善会项目40万元；低保项目2.75万元；福利院项目25.85万元。共计下达转移支付资金70.00万元。", ["68.60", "70.00"]),
        # two parts closed by 合计 in their sentence
        ("基本支出60万元，项目支出30万元，合计100万元。", ["合计100万元", "90万元"]),
        ("支出合计100万元。其中：基本支出60万元；项目支出30万元。", ["支出合计100万元", "90万元"]),
        # a numbered list after 具体如下, as in 南县 (corpus 132)
        ("项目共4个，项目支出100万元。具体如下：\n1、档案整理费5万元，主要用于档案整理；\n2、宣传费5万元，主要用于宣传。\n\n二、绩效目标", ["10万元"]),
    ],
)
def test_parts_that_do_not_add_up_to_their_total_are_reported(body: str, said: list[str]) -> None:
    (finding,) = review_body(body, rules=PARTS)
    assert finding.severity == "serious"
    for snippet in said:
        assert snippet in finding.message
    assert finding.evidence and finding.suggestion


def test_parts_adding_up_to_another_figure_say_so() -> None:
    (finding,) = review_body("2022年度预算收入2,661.70万元，支出2,457.31万元。基本支出1562.97万元，项目支出1098.73万元。",
                             rules=PARTS)
    assert "2661.70" in finding.message and "恰等于文中的“2022年度预算收入2,661.70万元”" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。",
        "2022年支出76.36万元，其中基本支出76.36万元，项目支出0万元，结余结转0万元。",  # a trailing clause is not a part
        "本局实有人数128人，其中行政人员13人，参照公务员法管理事业人员5人，非参公事业人员85人，经费自理人员25人；公务用车0辆。",
        "项目支出609.74万元。其中：财政拨款项目支出15万元，其他项目支出594.74万元。",
        "支出100万元，其中基本支出60万元（其中人员经费50万元、公用经费10万元），项目支出40万元。",
        "支出100万元，其中基本支出60万元，其中人员经费50万元、公用经费10万元，项目支出40万元。",
        "支出100万元，其中基本支出60万元，占60%；项目支出40万元，占40%。",
        "收入100万元，其中财政拨款100万元；支出90万元，其中基本支出50万元、项目支出40万元。",
        "报送“广东好人”31位、“广州好人”36位，其中被评为“中国好人”1人，“广东好人”3人。",  # parts of a list of totals
        "共有在职人员20人，其中获得表彰10人、受到通报2人。",  # a selection, not a breakdown
        "收到资金100万元，其中主要用于培训30万元、宣传20万元。",  # 主要: not all parts named
        "下达资金100万元，其中培训30万元、宣传20万元等。",  # 等: not all parts named
        "馆藏档案132697卷，其中：档案118606卷，包括纸质档案111675卷、声像档案2285盘；资料14091册。",  # several units
        "资金9056万元，其中约5000万元用于低保、4000万元用于特困供养。",  # an approximate part
        "全年预算数100.00万元，执行数95.123万元，其中基本支出60.06万元、项目支出35.063万元。",  # within rounding
    ],
)
def test_parts_that_add_up_or_cannot_be_judged_are_left_alone(body: str) -> None:
    assert review_body(body, rules=PARTS) == []


def test_a_list_cut_off_by_the_end_of_the_text_is_not_judged() -> None:
    cut = "行政事业总编制为249个，其中行政编13个、全额事业编45个、差额"
    assert review_body(cut, rules=PARTS) == []
    assert review_body(cut + "事业编20个。", rules=PARTS)  # the same list, complete, does not add up


def test_the_extractors_finding_is_not_repeated_by_the_text_rule() -> None:
    from jixiao.review import review_text

    text = "某区某局2022年度部门整体支出绩效自评报告\n\n一、基本情况\n\n2022年支出76.36万元，其中基本支出70.00万元，项目支出5.36万元。\n"
    _, findings = review_text(text)
    rules = [f.rule for f in findings if f.rule.startswith("arithmetic.")]
    assert rules.count("arithmetic.by_nature_vs_spent") + rules.count("arithmetic.stated_parts") == 1


def test_table_rows_basic_and_project_against_the_total_column_by_column() -> None:
    table = (
        "经费控制情况(万元)\n2021年决算数\n2022年预算数\n2022年决算数\n支出总额\n1274.38\n1342.49\n1342.49\n"
        "基本支出\n606.44\n719.99\n719.99\n其中：公用经费\n89.15\n95.86\n95.86\n项目支出\n667.94\n622.50\n{last}\n说明：本表由单位填写。"
    )
    (finding,) = review_body(table.format(last="612.5"), rules=PARTS)
    assert "2022年决算数" in finding.message and "1332.49" in finding.message and "1342.49" in finding.message
    assert review_body(table.format(last="622.5"), rules=PARTS) == []  # as in 益阳 (corpus 148)


_FUNDS = (
    "项目资金（万元）\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n年度资金总额\n100\n120\n110\n10\n91.67%\n9.17\n"
    "其中：当年财政拨款\n80\n100\n90\n—\n—\n—\n上年结转资金\n10\n10\n10\n—\n—\n—\n其他资金\n10\n10\n{other}\n—\n—\n—\n说明：无。"
)


def test_the_funds_row_of_a_self_evaluation_form_against_its_sources() -> None:
    (finding,) = review_body(_FUNDS.format(other="5"), rules=PARTS)
    assert "全年执行数" in finding.message and "当年财政拨款90" in finding.message and "105" in finding.message
    assert review_body(_FUNDS.format(other="10"), rules=PARTS + RATE) == []


# -- a rate against its amounts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("全年预算数200.00万元，实际支出180.00万元，预算执行率为95.00%。", "90.00%"),
        ("教育专项工作经费合计75万元，已于本年度支出70万元，预算完成率100%。", "93.33%"),
        ("下达资金50万元，到位资金45万元，资金到位率100%。", "90.00%"),
        ("已开展职业技能培训49期，培训2399人，完成市目标任务数2000人的110%。", "119.95%"),
        ("计划培训2000人，实际培训2399人，完成率110%。", "119.95%"),
        ("支出100万元，其中基本支出60万元，占总支出的50%。", "60.00%"),
        ("支出100万元，其中基本支出60万元，占比60%，项目支出40万元，占比30%。", "40.00%"),
        ("收入总额100万元，一般公共预算财政拨款收入80万元，占收入总额的90%。", "80.00%"),
        ("全年预算数500万元，执行数480万元。\n预算执行率90%。", "96.00%"),  # the rate as a paragraph of its own
    ],
)
def test_a_rate_that_its_amounts_do_not_give_is_reported(body: str, said: str) -> None:
    (finding,) = review_body(body, rules=RATE)
    assert said in finding.message and finding.severity == "serious"


@pytest.mark.parametrize(
    "body",
    [
        "全年预算数808.1万元，执行数692.98万元，预算执行率86%。",  # 85.75% written to whole percents
        "培训2399人，完成市目标任务数2000人的120%。",  # 119.95%, as in 南县 (corpus 132)
        "已获得创业培训合格证书学员有774人（共24期），完成市级下达任务人数645人的120%。",
        "财政资金总额16.20万元，全部为县级配套资金，拨付使用16.20万元，预算执行率100%。",
        "全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。",
        "年初预算100万元，全年预算120万元，执行数108万元，执行率90%。",  # against the full-year budget
        "年初预算100万元，全年预算108万元，执行数108万元，执行率108%。",  # another pair gives the rate
        "收入较上年增长10%，支出100万元。",  # a change, not a rate of amounts
        "城镇登记月平均失业率为2.42%，控制在4.5%以内。",
        # a part's rate is not the rate of the department's amounts
        "全年预算数1370.00万元，实际支出1320.50万元，预算执行率96.39%。其中基本支出预算执行率100%，项目支出预算执行率91.2%。",
    ],
)
def test_rates_that_agree_at_the_documents_precision_are_left_alone(body: str) -> None:
    assert review_body(body, rules=RATE) == []


def test_table_rate_columns_are_checked_with_the_documents_rounding() -> None:
    row = "预算执行情况(万元)\n预算数(A)\n执行数(B)\n执行率(B/A)\n得分\n年度财政资金总额\n50\n10\n{rate}\n4\n说明：无。"
    (finding,) = review_body(row.format(rate="30"), rules=RATE)
    assert "年度财政资金总额" in finding.message and "20.00%" in finding.message
    assert review_body(row.format(rate="20"), rules=RATE) == []  # 20 for 20%, as in 昌宁 (corpus 142)
    pipes = "| 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n| 年度资金总额: | 808.1 | 692.98 | 86% |\n"
    assert review_body(pipes, rules=RATE) == []  # as in 淮南 (corpus 146)


# -- income, expenditure and carryover --------------------------------------------------------


def test_income_and_other_funds_less_expenditure_against_the_carryover() -> None:
    body = (
        "（一）基本支出情况\n2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。其他资金来源21.31万元。\n"
        "2022年支出76.36万元，其中基本支出76.36万元，项目支出0万元，结余结转0万元。"
    )
    (finding,) = review_body(body, rules=BALANCE)
    assert all(s in finding.message for s in ("69.06", "21.31", "90.37", "76.36", "14.01", "结余结转0万元"))


@pytest.mark.parametrize(
    "body",
    [
        "本年收入合计100.00万元，本年支出合计90.00万元，年末结转和结余10.00万元。",
        "年初结转和结余5.00万元，本年收入合计100.00万元，本年支出合计90.00万元，年末结转和结余15.00万元。",
        "收入100万元，其他收入10万元，支出100万元，结转结余10万元。",
        "收入100万元，支出90万元。",  # no carryover stated: nothing to reconcile
        # the 决算 convention: 收入总计 and 支出总计 include the carryovers, the balance is read on 本年收入/本年支出
        "2022年度收入总计1500.00万元，其中：年初结转和结余100.00万元，本年收入1400.00万元。本年收入中，财政拨款收入"
        "1300.00万元，占92.86%；其他收入100.00万元，占7.14%。2022年度支出总计1500.00万元，其中：本年支出1350.00万元，"
        "年末结转和结余150.00万元。本年支出中，基本支出900.00万元，占66.67%；项目支出450.00万元，占33.33%。",
    ],
)
def test_balances_that_close_are_left_alone(body: str) -> None:
    assert review_body(body, rules=("arithmetic",)) == []


def test_the_balance_finding_replaces_the_extracted_carryover_one() -> None:
    findings = review_corpus("101", rules=("arithmetic",))
    assert [f.rule for f in findings] == ["arithmetic.income_balance"]


# -- a count against the items listed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("本单位内设股室5个，分别为：办公室、财务股、法规股、执法股。", "本单位内设股室5个"),
        ("本局下设A中心、B中心、C队6个二级机构。", "6个二级机构"),
        ("本局共有内设机构4个（办公室、财务科、业务科），运行良好。", "内设机构4个"),
        ("涉及3个项目，分别为：青少年管理事务工作经费30万元；代表大会费用30万元。", "3个项目"),
        ("下设二级单位2个：县图书馆、县文化馆、县博物馆。", "下设二级单位2个"),
        ("项目共3个，项目支出10万元。具体如下：\n1、档案整理费5万元；\n2、宣传费5万元。\n\n二、绩效目标", "项目共3个"),
        ("2023年，工作分为三个方面，一是加强学习，二是强化管理。此外还有其他工作。", "三个方面"),
    ],
)
def test_a_count_that_the_list_does_not_match_is_reported(body: str, said: str) -> None:
    (finding,) = review_body(body, rules=COUNT)
    assert said in finding.message and finding.severity == "general"


@pytest.mark.parametrize(
    "body",
    [
        "所属事业单位三个，分别为安宁市食品药品稽查大队、安宁市知识产权服务中心、安宁市12315投诉举报中心。",
        "内设办公室、人事股、财务股、政策法规股、调查确权监测股、所有者权益和开发利用股、建设项目管理股、"
        "国土空间用途管制股、耕地保护监督股、矿产地环测绘管理股、行政执法股11个股室。",
        "内设机构12个，分别为：综合办公室、市场规范管理和价格监督科、网络交易及信用监管科、消费者权益保护和反垄断反不正当竞争科、"
        "法制监督科、行政审批科、食品安全监管科、药品医疗器械化妆品监管科、质量监督与计量标准化认证认可科、特种设备安全监察科、"
        "知识产权科、食品安全综合协调科。",  # 和、及、与 inside names
        "厅机关内设建筑节能与科技处、建筑市场监管处、村镇建设处等20个处室。",  # 等: not all named
        "下属执法监察局、工程建设标准造价中心、城市建设职业学院等3个事业单位。",
        "内设机构1个，是区新闻宣传协调办公室。",
        "单位3个，为正科级事业单位。",  # a description, not a list
        "入编部门预算共5个单位：院本级、国家检察官学院湖南分院、长沙铁路运输检察院、衡阳铁路运输检察院、怀化铁路运输检察院。",
        "项目共2个，项目支出10万元。具体如下：\n1、档案整理费5万元；\n2、宣传费5万元。\n\n二、绩效目标",
    ],
)
def test_counts_that_match_or_cannot_be_judged_are_left_alone(body: str) -> None:
    assert review_body(body, rules=COUNT) == []


def test_a_list_running_into_the_end_of_a_cut_text_is_not_judged() -> None:
    cut = "派出机构9个，分别为连然街道市场监督管理所、金方街道市场监督管理所、八街街道市场监督管理所、温泉街道市场监"
    assert review_body(cut, rules=COUNT) == []


# -- any text: no crash, evidence always points at the text --------------------------------------

_PIECES = st.sampled_from(
    [
        "支出76.36万元", "，其中", "其中：", "包括", "分别为：", "基本支出70.00万元", "、", "，", "。", "；", "项目支出5.36万元",
        "（", "）", "(其中", "合计100万元", "共计", "内设股室5个", "办公室", "财务股", "等", "6个二级机构", "具体如下：\n",
        "\n1、档案整理费5万元", "\n2、宣传费5万元", "执行率95%", "完成市目标任务数2000人的120%", "占总支出的50%", "占比",
        "培训2399人", "预算收入69.06万元", "其他资金来源21.31万元", "结余结转0万元", "调整追加11.78万元", "| 预算数(A) | 执行数(B) |",
        "| 执行率 |", "\n| 年度资金总额 | 50 | 10 | 20% |", "\n预算数(A)\n执行数(B)\n执行率(B/A)\n", "\n50\n10\n20\n", "2022年度",
        "2023年度部门整体绩效自评表", "发布时间:2021-02-26", "自评时间:2021年12月", "川财社〔2020165号", ".32.06.5", "≥**平方米",
        "20XX年", "分为三个方面，一是", "二是", "2021年年1231日", "\n、项目绩效情况", "((", "\n（一）目录\n", "\n一、部门概况\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_the_text_rules_never_crash_and_point_at_the_text(pieces: list[str]) -> None:
    text = "某局2022年度部门整体支出绩效自评报告\n" + "".join(pieces)
    for finding in review(PerformanceReport(), parse_document(text)):
        assert finding.message
        for evidence in finding.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.text


# -- a standard times a quantity --------------------------------------------------------------


def test_an_amount_the_unit_standard_does_not_give_is_a_hint() -> None:
    body = "馆藏档案资料合计共132697卷，按照规定每卷(册)2元的标准测算，争取到市级财政资金21.44万元。"
    (finding,) = review_body(body, rules=("arithmetic.unit_standard",))
    assert finding.severity == "hint" and "26.54万元" in finding.message and "21.44万元" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "馆藏档案资料合计共132697卷，按照规定每卷(册)2元的标准测算，争取到市级财政资金26.54万元。",
        "资助标准为4000元/人，2018年资助困难新生3000人，发放资助资金1200万元。",
        "按每人每月500元标准，为120人发放补贴36万元。",  # two dimensions: the months are not stated
        "资助标准为4000元/人，2018年继续资助困难新生3000名。",  # no amount to check
    ],
)
def test_amounts_the_standard_gives_or_cannot_be_checked_are_left_alone(body: str) -> None:
    assert review_body(body, rules=("arithmetic.unit_standard",)) == []
