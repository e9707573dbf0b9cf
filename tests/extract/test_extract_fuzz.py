"""Fuzzing normalise + extract: nothing but ExtractError escapes, spans stay inside the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.extract import ExtractError, extract_report
from jixiao.extract.pipeline import INTERNAL_ERROR
from jixiao.report import PerformanceReport
from jixiao.samples import samples
from jixiao.text import normalise

SEEDS = [sample.text() for sample in samples()]
NOISE = [
    "—7—",
    "- 12 -",
    "第 3 页",
    "附件2",
    "\\geq ",
    "\\leq",
    "\\%",
    "$",
    "- ",
    "• ",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "１２３",
    "，",
    "。",
    "一是",
    "（三）",
    "1.",
    "《任务一》",
    "万元",
    "%",
    "预算执行率为",
    "全年预算数",
    "支出",
    "自评结果为",
    "预期达到：",
    "≥",
    "9999年",
    "0000年度",
    "\\",
    "{",
    "}",
    "\r\n",
    "\f",
]
ALPHABET = st.sampled_from(
    list(
        "0123456789.,，。；：、%万元亿年度一二三四五六七八九十是（）()《》“”—-\\$ \n\t预算执行支出优良中差分报告绩效"
    )
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def seed_splices(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            text = SEEDS[draw(st.integers(0, len(SEEDS) - 1))]
            start = draw(st.integers(0, len(text)))
            pieces.append(text[start : start + draw(st.integers(0, 2000))])
        else:
            pieces.append(draw(st.sampled_from(NOISE)))
    return "".join(pieces)


def check(text: str) -> None:
    try:
        report = extract_report(text)
    except ExtractError as error:
        assert str(error)
        assert INTERNAL_ERROR not in str(error), error.__cause__
        return
    assert isinstance(report, PerformanceReport)
    PerformanceReport.from_json(report.to_json())
    for spans in report.evidence.values():
        for evidence in spans:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert evidence.text == text[evidence.start : evidence.end]


@FUZZ
@given(st.text(max_size=400))
def test_random_unicode_text(text: str) -> None:
    check(text)


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=600))
def test_report_like_alphabet(text: str) -> None:
    check(text)


@FUZZ
@given(seed_splices())
def test_splices_of_seed_text_with_noise(text: str) -> None:
    check(text)


@FUZZ
@given(seed_splices())
def test_normalised_offsets_stay_in_the_original(text: str) -> None:
    normalised = normalise(text)
    previous = 0
    for offset in range(0, len(normalised.text) + 1, 5):
        start = normalised.to_original(offset)
        end = normalised.to_original_end(offset)
        assert 0 <= start <= len(text) and 0 <= end <= len(text)
        assert start >= previous
        previous = start
