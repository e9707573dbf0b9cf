"""Normalisation (文本规整) of report text converted from PDF, with a map back to the original.

The genre's noise, in the order it is removed:

1. width folding — full-width digits, letters and ``％＋．`` become ASCII (length-preserving,
   so it needs no map); traditional characters become simplified ones
   (:mod:`jixiao.text.traditional`, length-preserving but for rare phrase conversions, which
   get a map);
2. noise tokens — page marks (``—7—``, ``- 7 -``, ``第 7 页``), ``附件2`` header lines, bullets
   at line start (``- ``, ``•``, ``●``), Markdown's heading marks, bold lines and rules (``## 一、``,
   ``**…**``, ``---``), LaTeX remnants (``\\geq`` → ``≥``, ``\\%``, ``$``),
   pinyin glosses inside words (``項(xiàng)目`` → ``项目``);
3. line structure — a PDF line break inside a sentence (``党的二`` / ``十大``, ``1098.73`` /
   ``万元``), with or without blank lines between, is joined; a paragraph ends after a line
   ending in 。；：！？, before a line starting with a heading (一、 （一） 1. 《任务一》 一是) and
   after a standalone heading line; a table row (cells joined by tabs, as the readers write
   DOCX tables) is a paragraph of its own and keeps its tabs;
4. spaces — stray spaces next to CJK characters or symbols (``432 期``, ``2022 年``) and
   inside numbers (``2, 661.70``) are removed; a half-width ``,;:`` between CJK characters
   becomes full-width.

Each pass is a list of :class:`~jixiao.text.offsets.Edit`; the composed map lets any span of
the normalised text be reported in original offsets (evidence must point at what the user
sees in the source file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.text.offsets import ChainMap, Edit, OffsetMap, apply_edits
from jixiao.text.traditional import to_simplified

# -- pass 1: width folding ------------------------------------------------------------------

_FOLD: dict[int, str] = {0xFF10 + i: chr(ord("0") + i) for i in range(10)}
_FOLD.update({0xFF21 + i: chr(ord("A") + i) for i in range(26)})
_FOLD.update({0xFF41 + i: chr(ord("a") + i) for i in range(26)})
_FOLD.update(
    {
        ord("％"): "%",
        ord("﹪"): "%",
        ord("＋"): "+",
        ord("．"): ".",
        ord("＝"): "=",
        ord("＜"): "<",
        ord("＞"): ">",
        ord("／"): "/",
        ord("\u3000"): " ",
        ord("\xa0"): " ",
        ord("\r"): " ",
        ord("\f"): "\n",
        ord("\v"): "\n",
        ord("\u2028"): "\n",
        ord("\u2029"): "\n",
        ord("\u200b"): " ",
        ord("\ufeff"): " ",
    }
)


_FOLD_CHARS = {
    chr(code): target if isinstance(target, str) else chr(target) for code, target in _FOLD.items()
}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]+")


def fold_width(text: str) -> str:
    """Fold full-width digits, letters and number signs to ASCII; keeps the length."""
    # a regex finds the few foldable runs; str.translate would visit every CJK character
    return _FOLDABLE.sub(lambda match: match.group().translate(_FOLD), text)


# -- pass 2: noise tokens -------------------------------------------------------------------

_DASH = "—–‒―\\-－~～"
_PAGE_MARK = (
    rf"[{_DASH}]+ *\d{{1,4}} *[{_DASH}]+"  # —7—, - 7 -
    r"|第 *\d{1,4} *页(?: *[,，/]? *共 *\d{1,4} *页)?"  # 第 7 页, 第7页 共32页
)
_NOISE_LINE = re.compile(rf"(?m)^ *(?:{_PAGE_MARK}|附件 *\d{{0,2}}) *$")
_BULLET = re.compile(r"(?m)^ *(?:[•●▪■◆◇○►▶◦]|[-*·](?= )) *")
_MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(?=\S)")
"""A Markdown heading's marker (``## 一、基本情况``): a report converted to Markdown, or jixiao's own ``md``."""
_MD_BOLD_LINE = re.compile(r"(?m)^ *(\*\*)(?=\S)[^\n]*?(?<=\S)(\*\*) *$")
"""A line set in bold in Markdown (``**部门整体支出绩效自评表（2023年度）**``): its two markers. Only a whole line,
so that ``**`` standing for a figure not filled in (``≥**平方米``) stays."""
_MD_RULE = re.compile(r"(?m)^ {0,3}(?:-{3,}|\*{3,}|_{3,}) *$")
"""A Markdown thematic break (``---``) on a line of its own (a table's ``|---|`` row is not one)."""
_LATEX_SYMBOLS = {
    "geq": "≥",
    "ge": "≥",
    "leq": "≤",
    "le": "≤",
    "neq": "≠",
    "ne": "≠",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "approx": "≈",
    "sim": "~",
    "cdot": "·",
    "%": "%",
    "left": "",
    "right": "",
    ",": "",
    ";": "",
    "!": "",
    " ": "",
}
_LATEX = re.compile(
    # a line may break between the backslash and its command (``\`` / ``geq``) when re-typeset
    r"\\(?:[ \t]*\n[ \t]*(?=[a-zA-Z]))?(?P<cmd>[a-zA-Z]+|[%,;! ])"
    r"|\\(?:text|mathrm|textrm|mbox)\{(?P<arg>[^{}\n]{0,40})\}"
    r"|\$"
)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = re.compile(rf"[(（](?P<gloss>[a-zü{_TONED}]{{1,6}}(?: [a-zü{_TONED}]{{1,6}}){{0,3}})[)）]")
"""A reading in brackets (``预(yù)算``, ``项（xiàng）目``); checked further by :func:`_is_pinyin`."""
_TONED_SYLLABLE = re.compile(rf"[a-zü]*[{_TONED}][a-zü{_TONED}]*")
# a toneless syllable must be a real one (so that "(a)" or "(on)" stay): initial + final
_PLAIN_SYLLABLE = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u|ü|v)"
    r"|ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)"
)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _is_pinyin(gloss: str) -> bool:
    syllables = gloss.split(" ")
    toned = all(_TONED_SYLLABLE.fullmatch(s) for s in syllables)
    plain = all(len(s) >= 2 and _PLAIN_SYLLABLE.fullmatch(s) for s in syllables)
    return toned or plain


def _pinyin_edits(text: str) -> list[Edit]:
    """Delete a pinyin gloss that follows a Chinese character (mirror sites annotate words)."""
    edits = []
    for match in _PINYIN_GLOSS.finditer(text):
        start = match.start()
        if start > 0 and _is_cjk(text[start - 1]) and _is_pinyin(match.group("gloss")):
            edits.append(Edit(start, match.end(), ""))
    return edits


def _token_edits(text: str) -> list[Edit]:
    edits: list[Edit] = _pinyin_edits(text)
    for match in _NOISE_LINE.finditer(text):
        if match.end() > match.start():
            edits.append(Edit(match.start(), match.end(), ""))
    for match in _BULLET.finditer(text):
        if match.end() > match.start():
            edits.append(Edit(match.start(), match.end(), ""))
    for match in _MD_HEADING.finditer(text):
        edits.append(Edit(match.start(), match.end(), ""))
    for match in _MD_RULE.finditer(text):
        edits.append(Edit(match.start(), match.end(), ""))
    for match in _MD_BOLD_LINE.finditer(text):
        edits.extend(Edit(match.start(group), match.end(group), "") for group in (1, 2))
    for match in _LATEX.finditer(text):
        if match.group("arg") is not None:
            edits.append(Edit(match.start(), match.end(), match.group("arg")))
        elif match.group("cmd") is not None:
            symbol = _LATEX_SYMBOLS.get(match.group("cmd"))
            if symbol is not None:
                edits.append(Edit(match.start(), match.end(), symbol))
        else:
            edits.append(Edit(match.start(), match.end(), ""))
    return edits


# -- pass 3: line structure -----------------------------------------------------------------

_CN_ORDINAL = "一二三四五六七八九十"
HEADING_START = re.compile(
    rf"(?:[{_CN_ORDINAL}]{{1,3}}、"
    rf"|[（(][{_CN_ORDINAL}]{{1,3}}[）)]"
    r"|\d{1,2}(?:[、]|\.(?!\d))"
    r"|[（(]\d{1,2}[）)]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    rf"|《任务[{_CN_ORDINAL}\d]{{1,3}}》"
    rf"|第[{_CN_ORDINAL}]{{1,3}}[章节部分]"
    rf"|[{_CN_ORDINAL}]{{1,2}}是)"
)
"""A heading or enumeration marker at the start of a line: a new paragraph starts there."""
_ENUMERATION_START = re.compile(rf"[{_CN_ORDINAL}]{{1,2}}是")
_CLAUSE_PUNCT = re.compile(r"[，、。；,;！？]")
_STANDALONE_HEADING_MAX = 40
_END_WINDOW = 16


def _display_width(line: str) -> float:
    """Width in CJK cells: an ASCII character is half a cell (PDF lines break by width)."""
    ascii_count = len(line.encode("ascii", "ignore"))
    return len(line) - ascii_count / 2


def _heading_width_limit(widths: list[float]) -> float:
    """Longest width a standalone heading line may have in this document.

    In a PDF conversion with a fixed line width most lines are full; a line of (nearly) full
    width that starts with ``3.`` is a numbered paragraph broken by the PDF, not a heading.
    """
    if not widths:
        return _STANDALONE_HEADING_MAX
    ranked = sorted(widths)
    typical = ranked[(len(ranked) * 3) // 4]
    return min(_STANDALONE_HEADING_MAX, 0.8 * typical)


def _content_lines(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of the non-blank lines, stripped of surrounding spaces, and their texts."""
    spans = []
    texts = []
    line_start = 0
    for line in text.split("\n"):
        stripped = line.strip(" ")  # str methods, not a Python loop per space
        if stripped:
            start = line_start + len(line) - len(line.lstrip(" "))
            spans.append((start, start + len(stripped)))
            texts.append(stripped)
        line_start += len(line) + 1
    return spans, texts


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


_TABLE_CELL = "\t"
"""The readers write a table row as one line with its cells joined by tabs: such a line is a
paragraph of its own, and its tabs stay, so that the cells can be told apart."""

_SENTENCE_PUNCT = "。！？；：!?;:…"
_CLOSING_MARKS = "”’」』）)\""
"""A line ends a sentence when, its closing marks stripped, it ends in sentence punctuation
within its last _END_WINDOW characters (what ``[。！？；：!?;:…][”’」』）)"]*$`` searched from
there finds, with str methods instead of a regex tried at each of those positions)."""
_HEADING_FIRST = frozenset("一二三四五六七八九十（(①②③④⑤⑥⑦⑧⑨⑩《第")
"""The characters a :data:`HEADING_START` match can start with, decimal digits aside."""

_new_edit = tuple.__new__
"""Builds an :class:`Edit` without the named tuple's Python-level ``__new__`` (one per line)."""


def _line_edits(text: str) -> list[Edit]:
    """The joins and breaks between lines, sorted by position and never overlapping.

    A paragraph ends before a heading line and around a table row; after a line ending a
    sentence, after a standalone heading (:data:`HEADING_START`, no wider than the document's
    heading width, not an enumeration ``一是``, no clause punctuation after its marker) and,
    before the first heading, after a title ending in 报告. The tests are written out in the
    loop, with each line's width computed once: it runs once per line of the document.
    """
    lines, texts = _content_lines(text)
    if not lines:
        return [Edit(0, len(text), "")] if text else []
    edits = [Edit(0, lines[0][0], "")] if lines[0][0] > 0 else []
    heading = HEADING_START.match
    # each line is matched once, and only when its first character can start a marker
    heads = [heading(line) if line[0] in _HEADING_FIRST or line[0].isdecimal() else None for line in texts]
    widths = [_display_width(line) for line in texts]
    width_limit = _heading_width_limit(widths)
    enumeration_start, clause_punct = _ENUMERATION_START.match, _CLAUSE_PUNCT.search
    punct, closing, window = _SENTENCE_PUNCT, _CLOSING_MARKS, _END_WINDOW
    append = edits.append
    in_front_matter = True
    for index in range(len(lines) - 1):
        line, next_line = texts[index], texts[index + 1]
        head = heads[index]
        in_front_matter = in_front_matter and head is None
        if heads[index + 1] is not None or _TABLE_CELL in line or _TABLE_CELL in next_line:
            separator = "\n"
        else:
            # sentence punctuation, then closing marks only (_SENTENCE_PUNCT)
            kept = len(line.rstrip(closing))
            if (
                (kept and line[kept - 1] in punct and kept - 1 >= len(line) - window)
                or (
                    head is not None  # a standalone heading
                    and widths[index] <= width_limit
                    and enumeration_start(line) is None
                    and clause_punct(line, head.end()) is None
                )
                or (in_front_matter and line.endswith("报告"))  # the title
            ):
                separator = "\n"
            elif _is_ascii_letter(line[-1]) and _is_ascii_letter(next_line[0]):
                separator = " "
            else:
                separator = ""
        append(_new_edit(Edit, (lines[index][1], lines[index + 1][0], separator)))
    if lines[-1][1] < len(text):
        append(Edit(lines[-1][1], len(text), ""))
    return edits


# -- pass 4: spaces and half-width punctuation ---------------------------------------------

_SPACES = re.compile(r" +")
# the punctuation first: a pattern that starts with a lookbehind is tried at every position
_HALF_PUNCT = re.compile(r"[,;:](?<=[\u4e00-\u9fff][,;:])(?=[\u4e00-\u9fff])")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "："}


def _is_ascii_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _space_edits(text: str) -> list[Edit]:
    """Spaces removed or kept as one, half-width ``,;:`` between CJK characters made full-width;
    sorted by position and never overlapping."""
    edits: list[Edit] = []
    append = edits.append
    length = len(text)
    for match in _SPACES.finditer(text):
        start, end = match.span()
        left = text[start - 1] if start > 0 else "\n"
        right = text[end] if end < length else "\n"
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():  # _is_ascii_word_char
            # "Word 2019", "2022 12": a real separator between two ASCII words; keep one space.
            # Spaces inside a number ("2, 661.70") have a non-alphanumeric neighbour: removed.
            if end - start > 1:
                append(_new_edit(Edit, (start, end, " ")))
        else:
            append(_new_edit(Edit, (start, end, "")))
    punctuation = [Edit(match.start(), match.end(), _HALF_TO_FULL[match.group()]) for match in _HALF_PUNCT.finditer(text)]
    # runs of spaces come sorted and apart; only the punctuation has to be merged in
    return _without_overlaps(edits + punctuation) if punctuation else edits


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


# -- the result -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalisedText:
    """Clean text (one paragraph per line) and the map of its offsets back to ``original``."""

    text: str
    original: str
    offset_map: ChainMap
    unjoined: str = ""
    """The text before its lines were joined (noise tokens gone, one source line per line):
    readers of the front matter (title block, cover fields) look at it line by line."""
    unjoined_pass: int = 0
    folded: str = ""
    """The original with its width folded (:func:`fold_width`, offsets unchanged), kept from the
    first pass for readers of the original text such as the table search."""

    def unjoined_to_normalised(self, start: int, end: int) -> tuple[int, int]:
        """A span of :attr:`unjoined` as a span of the normalised text."""
        new_start = self.offset_map.to_output(start, after=self.unjoined_pass)
        new_end = self.offset_map.to_output_end(end, after=self.unjoined_pass)
        return new_start, max(new_start, new_end)

    def to_original(self, offset: int) -> int:
        """Original offset of the character at normalised ``offset``."""
        return self.offset_map.to_input(offset)

    def to_original_end(self, offset: int) -> int:
        """Original end offset for a normalised end offset (exclusive)."""
        return self.offset_map.to_input_end(offset)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the normalised text as a span of the original text."""
        orig_start = self.to_original(start)
        return orig_start, max(self.to_original_end(end), orig_start)


def normalise(original: str) -> NormalisedText:
    """Clean ``original`` (text as converted from PDF/DOCX) and keep the way back."""
    folded = fold_width(original)
    text, simplified_edits = to_simplified(folded)
    passes: list[OffsetMap] = []
    if simplified_edits:
        text, omap = apply_edits(text, simplified_edits)
        passes.append(omap)
    text, omap = apply_edits(text, _without_overlaps(_token_edits(text)), ordered=True)
    passes.append(omap)
    unjoined, unjoined_pass = text, len(passes)
    for make_edits in (_line_edits, _space_edits):  # their edits come sorted and apart
        text, omap = apply_edits(text, make_edits(text), ordered=True)
        passes.append(omap)
    return NormalisedText(
        text=text, original=original, offset_map=ChainMap(passes), unjoined=unjoined, unjoined_pass=unjoined_pass,
        folded=folded,
    )
