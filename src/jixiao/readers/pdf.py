"""The PDF reader (PDF 文档): the text layer page by page with pypdfium2, ruled tables with pdfplumber.

pypdfium2 reads the text layer 25–60× faster than pdfplumber with the same characters out, and
still 8–15× faster once the lines it gives out of order are repaired (measured in
``docs/pdf-libraries.md``); pdfplumber is only opened for the pages that have ruling lines,
because finding tables is what it is good at and what is slow.

A PDF that is encrypted, cut short, or only scanned pictures is refused with a reason: an
importer must never turn it into an empty report.
"""

from __future__ import annotations

import io
import logging
import math
import re
import threading
from collections import Counter
from itertools import pairwise
from typing import Any

from jixiao.readers.common import ReadError, Table, clean_table, join_pages, normalise_newlines, sniff
from jixiao.readers.limits import Budget, ReportLimits, current_limits
from jixiao.readers.pdf_streams import check_streams
from jixiao.readers.pdfium_calls import untyped

# A scanned page yields nothing, or a few characters from a stamp or a page number. Below this
# average per page the file is taken for a scan (扫描件) rather than a report with a text layer.
MIN_CHARS_PER_PAGE = 20
# Text whose characters are mostly private-use or replacement characters comes from fonts
# without a Unicode map: it would be read as garbage (乱码).
MAX_GARBLED_RATIO = 0.3
# A page is searched for tables when it draws at least this many paths (lines, rectangles):
# table rules. A text page draws none, or one or two (a header rule, an underline).
MIN_PATHS_FOR_TABLES = 6
# Table search costs ≈ 0.1 s a page with pdfplumber; beyond this many candidate pages the
# tables of the rest are skipped so that one odd file cannot stall a batch.
MAX_TABLE_PAGES = 40

# Characters of one line whose left edges step back by more than this (points) are out of order.
_X_TOLERANCE = 0.5

# pdfium is not thread-safe: the web app may read uploads from several threads at once.
_PDFIUM_LOCK = threading.Lock()

# Running headers and footers: a first or last line repeated on this share of the pages (and on
# at least two) is one; up to this many lines of each.
_MIN_PAGES_FOR_HEADS = 2
_HEAD_SHARE = 0.6
_MAX_HEAD_LINES = 2
_DIGITS = re.compile(r"\d+")
_PAGE_MARK_ONLY = re.compile(r"^[第页共/#|,，.·\-—–―~～()（）Pagegof]*$")

_GARBLED = re.compile(r"[\ue000-\uf8ff\ufffd]")
_IGNORED_CHARS = "\x00\x02\ufeff\ufffe"
_IGNORED = re.compile(f"[{_IGNORED_CHARS}]")
_BLANK = re.compile(r"\s+")

# pdfminer (under pdfplumber) logs a warning for every oddity of a damaged file ("Data-loss while
# decompressing corrupted data"); the reader reports what matters itself. Quieten it unless the
# application has set a level for it.
_pdfminer_log = logging.getLogger("pdfminer")
if _pdfminer_log.level == logging.NOTSET:
    _pdfminer_log.setLevel(logging.ERROR)

# pdfium's FPDF_ERR_* codes for a document that cannot be loaded (any other means damaged).
_ERR_PASSWORD, _ERR_SECURITY = 4, 6


def read_pdf(data: bytes, path: str, *, tables: bool = True, limits: ReportLimits | None = None,
             budget: Budget | None = None) -> tuple[str, tuple[int, ...], tuple[Table, ...]]:
    """The text, the page starts and (unless ``tables`` is False) the ruled tables of a PDF.

    Within ``limits`` (the shipped ones by default): the deflated streams are counted before
    pdfium opens the file, the pages before it reads one, the time budget between pages.
    """
    limits = limits or current_limits().report
    budget = budget or Budget(limits.time_budget_seconds)
    _check_envelope(data, path)
    check_streams(data, path, max_unpacked=limits.max_unpacked_bytes,
                  max_image_unpacked=limits.max_image_unpacked_bytes, budget=budget)
    pages, table_pages = _read_text(data, path, find_tables=tables, max_pages=limits.max_pages, budget=budget)
    # characters other than blanks (what _BLANK.sub("", page) leaves: str.split splits at the same
    # Unicode blanks as \s, without a regex pass over every page)
    counts = [sum(map(len, page.split())) for page in pages]
    chars = sum(counts)
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise ReadError(path, "扫描件（无文字层），无法读取文字")
    # A scanned cover or a scanned, stamped 自评表 at the end is common and fine; a file that is
    # mostly scans with a page or two of text would be read as a fragment of the report.
    blank = sum(1 for count in counts if count < MIN_CHARS_PER_PAGE)
    if blank * 2 > len(pages):
        raise ReadError(path, f"扫描件（无文字层），无法读取文字（{len(pages)} 页中 {blank} 页没有文字）")
    garbled = sum(len(_GARBLED.findall(page)) for page in pages)
    if garbled > MAX_GARBLED_RATIO * chars:
        raise ReadError(path, "PDF 文字层是乱码（字体缺少 Unicode 映射），无法读取文字")
    text, starts = join_pages(strip_running_heads(pages))
    return text, starts, _read_tables(data, table_pages[:MAX_TABLE_PAGES], path=path, budget=budget)


def strip_running_heads(pages: list[str]) -> list[str]:
    """The pages without their running header and footer (页眉页脚) lines.

    Word and LibreOffice print the report's title (or the department) at the top of every page
    and often a line at the bottom; in the text layer they land between the last line of one
    page and the first of the next, inside whatever sentence the page break cut (``…项目绩效自评：``
    / header / ``优。``). A first (or last) line that is the same on most pages, digits aside,
    is such a line and is dropped. A footer that is only a page number (``第 3 页 共 8 页``,
    ``—3—``) is left: the normaliser removes page marks and keeps their offsets.
    """
    if len(pages) < _MIN_PAGES_FOR_HEADS:
        return pages
    lines = [page.split("\n") for page in pages]
    needed = max(_MIN_PAGES_FOR_HEADS, math.ceil(_HEAD_SHARE * len(pages)))
    for from_end in (False, True):
        for _ in range(_MAX_HEAD_LINES):
            keys = [_edge_key(page, from_end) for page in lines]
            counts = Counter(key for key in keys if key)
            if not counts:
                break
            key, count = counts.most_common(1)[0]
            if count < needed or _PAGE_MARK_ONLY.match(key):
                break
            for page, page_key in zip(lines, keys, strict=True):
                if page_key == key:
                    index = _edge_index(page, from_end)
                    if index is not None:
                        del page[index]
    return ["\n".join(page) for page in lines]


def _edge_index(page: list[str], from_end: bool) -> int | None:
    order = range(len(page) - 1, -1, -1) if from_end else range(len(page))
    return next((i for i in order if page[i].strip()), None)


def _edge_key(page: list[str], from_end: bool) -> str | None:
    index = _edge_index(page, from_end)
    return None if index is None else _DIGITS.sub("#", _BLANK.sub("", page[index]))


def _check_envelope(data: bytes, path: str) -> None:
    """Refuse what is not a PDF, and a PDF without its end (an interrupted download or copy).

    pdfium repairs a PDF cut short and returns the pages it still finds, which would turn half
    a report into a report; the end-of-file mark in the last bytes tells a whole file.
    """
    if b"%PDF-" not in data[:1024]:
        kind = sniff(data)
        if kind:
            raise ReadError(path, f"不是 PDF 文件（文件内容是{kind}，扩展名可能有误）")
        raise ReadError(path, "不是 PDF 文件（缺少 %PDF 文件头）")
    if b"%%EOF" not in data[-4096:]:
        raise ReadError(path, "PDF 文件损坏或不完整")


def _read_text(data: bytes, path: str, *, find_tables: bool, max_pages: int, budget: Budget
               ) -> tuple[list[str], list[int]]:
    """Each page's text — a ruled 自评表 page (:func:`is_form_text`) as its table's rows — and the 0-based
    pages that draw enough paths to hold a table (when ``find_tables``)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pages: list[str] = []
    table_pages: list[int] = []
    form_pages = 0  # ruled 自评表 pages read as rows, up to MAX_TABLE_PAGES
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise ReadError(path, _load_error_reason(error)) from None
        except Exception:
            raise ReadError(path, "PDF 文件损坏或不完整") from None
        try:
            if len(document) == 0:
                raise ReadError(path, "PDF 没有页面")
            if len(document) > max_pages:
                raise ReadError(path, f"PDF 共 {len(document)} 页，超过上限 {max_pages} 页，拒绝读取")
            for index in range(len(document)):
                budget.check(path)
                page = _load_page(document, index)
                try:
                    textpage = pdfium_c.FPDFText_LoadPage(page)
                    if not textpage:
                        raise ValueError("pdfium could not load the page's text")
                    try:
                        text, raw = _page_text(textpage)
                        pages.append(_clean_page(text))
                        wanted = find_tables or (form_pages < MAX_TABLE_PAGES and is_form_text(pages[-1]))
                        if wanted and _count_paths(page, MIN_PATHS_FOR_TABLES) >= MIN_PATHS_FOR_TABLES:
                            if find_tables:
                                table_pages.append(index)
                            if is_form_text(pages[-1]):
                                form_pages += 1
                                rows = _form_rows(page, textpage, raw)
                                if rows:
                                    pages[-1] = _clean_page(rows)
                    finally:
                        pdfium_c.FPDFText_ClosePage(textpage)
                finally:
                    pdfium_c.FPDF_ClosePage(page)
        except ReadError:
            raise
        except Exception:
            raise ReadError(path, "PDF 文件损坏，无法读取页面内容") from None
        finally:
            document.close()
    return pages, table_pages


def _load_page(document: Any, index: int) -> Any:
    """pdfium's page handle (``FPDF_PAGE``) for the 0-based ``index``, to be closed with ``FPDF_ClosePage``.

    The C API directly rather than pypdfium2's ``PdfPage`` and ``PdfTextPage``: their weak-reference
    finalisers and parent bookkeeping cost about a tenth of reading a page's text, and a page is
    opened and closed here in one place. The document (a ``PdfDocument``) has no form environment,
    so nothing else needs the page to be registered.
    """
    import pypdfium2.raw as pdfium_c

    page = pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise ValueError("pdfium could not load the page")
    return page


def _form_rows(page: Any, textpage: Any, raw: str | None) -> str | None:
    """A ruled 自评表 page read as its table's rows (:func:`jixiao.readers.pdf_tables.form_page_text`).

    A spreadsheet printed to PDF draws wrapped and merged cells after the plain ones, so its text
    layer runs out of row order (a 三级指标 here, its 指标值 twenty lines later); the ruled table gives
    the rows back. ``None`` (the page keeps its text) when pdfium's text is not one character per
    character index, or the page's rules make no table.
    """
    if raw is None:
        return None
    from jixiao.readers.pdf_tables import form_page_text

    try:
        return form_page_text(page, textpage, raw)
    except Exception:  # a help to the text, never a reason to refuse the file
        logging.getLogger(__name__).debug("form rows not read", exc_info=True)
        return None


def _text_of(textpage: Any, count: int) -> str:
    """The ``count`` characters of a text page as text, as pypdfium2's ``get_text_range()`` gives them.

    The same steps without its helper objects: characters that pdfium leaves out of the text at
    either end are skipped first (crbug.com/pdfium/2079), and the buffer is sized by text indices.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    index_of = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    first, last = 0, count - 1
    while first <= last and index_of(textpage, first) == -1:
        first += 1
    while last >= first and index_of(textpage, last) == -1:
        last -= 1
    if first > last:
        return ""
    size = index_of(textpage, last) + 2 - index_of(textpage, first)  # with the NUL terminator
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_c.FPDFText_GetText(textpage, first, last - first + 1, buffer)
    return ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", errors="ignore")


def _count_paths(page: Any, limit: int) -> int:
    """Drawn paths (lines, rectangles) on a page and in its form objects, counting up to ``limit``.

    Calls pdfium directly: pypdfium2's ``get_objects`` builds a Python object for every glyph
    run on the page before filtering, which cost more than reading the page's text.
    """
    import pypdfium2.raw as pdfium_c

    get_type, path_type, form_type = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    get_object = pdfium_c.FPDFPage_GetObject
    count = 0
    forms = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        kind = get_type(get_object(page, i))
        if kind == path_type:
            count += 1
            if count >= limit:
                return count
        elif kind == form_type:
            forms.append(get_object(page, i))
    # Tables drawn inside a form object (one level down, as some generators do).
    for form in forms:
        for j in range(pdfium_c.FPDFFormObj_CountObjects(form)):
            if get_type(pdfium_c.FPDFFormObj_GetObject(form, j)) == path_type:
                count += 1
                if count >= limit:
                    return count
    return count


def _load_error_reason(error: Any) -> str:
    code = getattr(error, "err_code", None)
    if code == _ERR_PASSWORD or "password" in str(error).lower():
        return "PDF 已加密（需要密码），无法读取"
    if code == _ERR_SECURITY:
        return "PDF 已加密（不支持的加密方式），无法读取"
    return "PDF 文件损坏或不完整"


def _page_text(textpage: Any) -> tuple[str, str | None]:
    """The page's text in reading order, with lines whose characters were drawn out of order put back,
    and pdfium's own text when it has one character per character index (else ``None``).

    pdfium gives characters in the order they are drawn. LibreOffice (and Word with font
    fallback) draws a line in runs per font: the Chinese glyphs first, with holes, then the
    quotation marks or digits of another font, which pdfium then puts at the end of the line
    (``我区 三大平台 建设 “ ”``). Such a line is found by its characters stepping back to the
    left, and is then sorted left to right.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    raw = _text_of(textpage, count)
    # The repair needs text index == character index; pdfium keeps that unless it excluded or
    # inserted characters, which is rare — then the text is left as pdfium gives it.
    if len(raw) != count:
        return raw, None
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.c_void_p(ctypes.addressof(box))
    handle = ctypes.cast(textpage, ctypes.c_void_p)
    loose_box = untyped("FPDFText_GetLooseCharBox")
    count_rects, get_rect = untyped("FPDFText_CountRects"), untyped("FPDFText_GetRect")
    edges = (ctypes.c_double * 4)()
    edge_addresses = [ctypes.c_void_p(ctypes.addressof(edges) + 8 * i) for i in range(4)]

    lines = raw.split("\r\n")
    start = 0
    for number, line in enumerate(lines):
        line_start, start = start, start + len(line) + 2
        # A line drawn in runs has holes, which pdfium shows as blanks: a line without an inner
        # blank is taken as in order. The others are checked character by character, since a
        # displaced mark can also sit right next to a character (``非 案”``).
        if len(line.split(None, 1)) < 2:  # no inner blank (\S\s+\S), tested without a regex
            continue
        # Then the line's runs (pdfium's rectangles, one per text object that draws on the line):
        # a text object draws its glyphs left to right, so runs that follow one another without
        # overlapping are a line in order, found with a call or two per run instead of one per
        # character. Only runs that step back are checked character by character.
        runs = count_rects(handle, line_start, len(line))
        right = float("-inf")
        for run in range(runs):
            get_rect(handle, run, *edge_addresses)  # left, top, right, bottom
            if edges[0] < right - _X_TOLERANCE:
                break
            right = edges[2]
        else:
            continue
        # First only the left edges, stopping at the first step back: most lines are in order.
        threshold = float("-inf")
        for index, ch in enumerate(line, line_start):
            if not ch.isspace():
                loose_box(handle, index, box_address)
                left = box.left
                if left < threshold:
                    break
                threshold = left - _X_TOLERANCE
        else:
            continue
        chars: list[tuple[float, float, float, float, str]] = []
        for index, ch in enumerate(line, line_start):
            if not ch.isspace():
                loose_box(handle, index, box_address)
                chars.append((box.left, box.right, box.bottom, box.top, ch))
        # Sort only what is one visual line: characters that all share some height. Two lines
        # that pdfium merged (a wrapped table cell beside its neighbour) must not be interleaved.
        if max(c[2] for c in chars) >= min(c[3] for c in chars):
            continue
        chars.sort(key=lambda item: item[0])
        rebuilt = [chars[0][4]]
        for before, after in pairwise(chars):
            # A gap wider than a quarter of the type size is a word space.
            if after[0] - before[1] > 0.25 * max(after[3] - after[2], 1.0):
                rebuilt.append(" ")
            rebuilt.append(after[4])
        lines[number] = "".join(rebuilt)
    return "\n".join(lines), raw


def _clean_page(text: str) -> str:
    """pdfium's page text with ``\\n`` line ends and without its marker characters and trailing blanks."""
    if any(mark in text for mark in _IGNORED_CHARS):  # rare: a substring search before the regex pass
        text = _IGNORED.sub("", text)
    return normalise_newlines(text).rstrip()


# a ruled 自评表 page (项目支出/部门整体支出绩效自评表, printed from Excel or an 一体化 system): its
# indicator header or its 项目资金 header
_FORM_MARKS = (re.compile(r"三级\s*指标"), re.compile(r"年初\s*预算\s*数[\s\S]{0,80}全年\s*执行\s*数"))


def is_form_text(text: str) -> bool:
    """Whether a page's text shows the header of a 绩效自评表 (三级指标, or 年初预算数 … 全年执行数)."""
    # Every page is asked: the literal words first (a substring search), the patterns only then.
    if "级" not in text and "年初" not in text:
        return False
    return any(mark.search(text) for mark in _FORM_MARKS)


def _read_tables(data: bytes, pages: list[int], *, path: str, budget: Budget) -> tuple[Table, ...]:
    """Tables found by pdfplumber on the given 0-based pages, as rows of cell texts.

    Tables are a help to extraction, not the text itself: when pdfplumber fails on a page the
    document is still read, without that page's tables.
    """
    if not pages:
        return ()
    import pdfplumber

    found: list[Table] = []
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[index + 1 for index in pages]) as document:
            for page in document.pages:
                budget.check(path)
                try:
                    for rows in page.extract_tables():
                        table = clean_table([[cell or "" for cell in row] for row in rows])
                        if table:
                            found.append(table)
                except Exception:
                    continue
                finally:
                    page.close()
    except ReadError:
        raise
    except Exception:
        return tuple(found)
    return tuple(found)
