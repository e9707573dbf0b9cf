"""finditer_near gives what finditer gives, on generated texts and on the patterns that use it."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.corpus import default_folder
from jixiao.extract.completions import _SATISFACTION, _STANDARD
from jixiao.samples import samples
from jixiao.text.anchored import finditer_near

_NAMED = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"]{0,16}满意度)(?:为|达到|达|是|：|:)?(?P<rest>[^，。；\n]{1,12})")


def _spans(matches: object) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="满意度标准群众为达到：，。98%“”\n服务学生资助元/人", max_size=120))
def test_the_same_matches_as_finditer_on_any_text(text: str) -> None:
    assert _spans(finditer_near(_NAMED, text, "满意度", 16)) == _spans(_NAMED.finditer(text))
    assert _spans(finditer_near(_STANDARD, text, "标准", 10)) == _spans(_STANDARD.finditer(text))


def test_the_same_matches_as_finditer_on_the_seeds_and_the_corpus() -> None:
    texts = [seed.text() for seed in samples()]
    folder = default_folder()
    if folder is not None:
        texts += [path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt"))]
    found = 0
    for text in texts:
        near = _spans(finditer_near(_SATISFACTION, text, "满意度", 16))
        assert near == _spans(_SATISFACTION.finditer(text))
        assert _spans(finditer_near(_STANDARD, text, "标准", 10)) == _spans(_STANDARD.finditer(text))
        found += len(near)
    assert found > 0


def test_a_start_too_far_from_the_word_is_never_tried() -> None:
    # with a reach shorter than the pattern needs, the long name's start is out of reach: the
    # match found is the one starting within reach
    text = "一二三四五六七八九十满意度为98%"
    assert [m.group("name") for m in finditer_near(_NAMED, text, "满意度", 16)] == ["一二三四五六七八九十满意度"]
    assert [m.group("name") for m in finditer_near(_NAMED, text, "满意度", 3)] == ["八九十满意度"]
