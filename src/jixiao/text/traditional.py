"""Traditional → simplified characters (繁体转简体) for reports published by mirror sites in 繁体.

The conversion is OpenCC's ``t2s`` (the maintained converter of BYVoid/OpenCC, through its
official Python binding ``opencc``): phrase-aware, and about 0.06 µs per character once loaded
(see docs/extraction.md for the measurement against the pure-Python ports).

Two properties keep evidence exact:

* a text without any of the traditional forms of the genre's common characters is left alone
  and OpenCC is not even imported (a regex scan costs microseconds; a simplified report is
  the rule);
* OpenCC's ``t2s`` maps character to character for the text of this genre, so the converted
  text has the original's offsets. Where a phrase conversion changes a line's length, that
  line becomes one edit (its offsets map to the line's bounds), so spans never drift.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from jixiao.text.offsets import Edit

# Traditional forms of characters that every report uses (报告, 绩效, 预算, 单位, 项目, 部门 …)
# and that simplified text never contains; tests check that OpenCC converts each of them.
TRADITIONAL_MARKERS = (
    "報績預單項會們區縣財務機構員發實現據門專資開關經過與為這對時來說國產業設義進運際類數題"
    "計劃總體結標準確護環衛營農鄉鎮廳黨億萬價貨稅費職責級領導組織權監審議證書檢驗統檔圖館醫學"
    "辦處長電網絡輸車場從應則個還並獲歸屬響變購買賣無舉優積極製種樣覈評採"
)
_MARKER = re.compile("[" + TRADITIONAL_MARKERS + "]")
_LINE = re.compile(r"[^\n]+")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _converter() -> _Converter:
    import opencc  # imported on the first traditional text only: it costs ~25 ms to load

    converter: _Converter = opencc.OpenCC("t2s.json")
    return converter


def has_traditional(text: str) -> bool:
    """Whether ``text`` shows traditional characters (one is enough to convert)."""
    return _MARKER.search(text) is not None


def to_simplified(text: str) -> tuple[str, list[Edit]]:
    """``text`` with traditional characters simplified, and the edits that change its length.

    The first result has the same length as ``text`` wherever OpenCC converted character by
    character; lines it converted to another length are left as they were there and listed
    as edits (replace the line by its conversion), to be applied with the offset map.
    """
    if not has_traditional(text):
        return text, []
    convert = _converter().convert
    converted = convert(text)
    if len(converted) == len(text):
        return converted, []
    parts: list[str] = []
    edits: list[Edit] = []
    cursor = 0
    for match in _LINE.finditer(text):
        line = match.group()
        simple = convert(line)
        parts.append(text[cursor : match.start()])
        if len(simple) == len(line):
            parts.append(simple)
        else:
            parts.append(line)
            edits.append(Edit(match.start(), match.end(), simple))
        cursor = match.end()
    parts.append(text[cursor:])
    return "".join(parts), edits
