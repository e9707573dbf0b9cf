"""Visual checks of the seeds as filed: DOCX → PDF → PNG, the page count, no blank page, embedded fonts,
28 characters a line, the 落款 on the report's last page; the 自评表 printed by LibreOffice Calc.

The PNG of every page is kept in ``test-artifacts/render/<seed>/`` (page-NN.png, form-N.png).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from jixiao.render.fonts import installed_families

from .conftest import SIGNED_ON, SeedRender

SEEDS = ["seed_000_liwan_2022", "seed_001_zengcheng_2022"]
FREE_FACES = {"Noto Serif CJK SC": "NotoSerifCJK", "Noto Sans CJK SC": "NotoSansCJK",
              "AR PL KaitiM GB": "GBZenKai", "AR PL SungtiL GB": "BousungEG"}
"""The free faces the official names are aliased to, and how pdffonts names them."""
HANGING = "，。、；：！？）》”’"
CJK = re.compile(r"^[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’—…·]+$")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def _ink(pdf: Path, page: int, folder: Path) -> float:
    """Share of dark pixels of ``page`` inside the text block (the footer's page number left out)."""
    stem = folder / f"ink-{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "50", "-gray", "-singlefile", str(pdf),
                    str(stem)], check=True, timeout=60)
    data = stem.with_suffix(".pgm").read_bytes()
    header = data.split(b"\n", 3)
    width, height = (int(v) for v in header[1].split())
    pixels = header[3]
    block = pixels[width * int(height * 37 / 297): width * int(height * (297 - 35) / 297)]
    return sum(1 for value in block if value < 128) / max(1, len(block))


def _width(line: str) -> float:
    return sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in line)


@pytest.fixture(params=SEEDS)
def seed_render(request, seed_renders) -> SeedRender:
    return seed_renders[request.param]


def test_page_count_and_no_blank_page(seed_render: SeedRender, tmp_path: Path) -> None:
    pages = _pages(seed_render.pdf)
    attachment = next(i for i, text in enumerate(pages) if text.lstrip().startswith("附件"))
    narrative = sum(len(section.heading) + len(section.text) for section in seed_render.report.sections)
    # 22 lines × 28 characters a page; headings, short last lines and the title take more room
    at_least = -(-narrative // (22 * 28))
    assert at_least <= attachment <= round(at_least * 1.6) + 1, (attachment, narrative)
    assert len(seed_render.pages) == len(pages)  # a PNG of every page was kept
    for number in range(1, len(pages) + 1):
        assert _ink(seed_render.pdf, number, tmp_path) > 0.0005, f"page {number} is blank"
        assert re.sub(r"\s", "", pages[number - 1]) != f"—{number}—"  # not just its page number
    assert re.search(rf"—\s*{len(pages)}\s*—", pages[-1])  # page numbers — N —


def test_fonts_are_embedded_and_are_the_aliased_faces(seed_render: SeedRender) -> None:
    listing = subprocess.run(["pdffonts", str(seed_render.pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), listing  # every font embedded
    names = " ".join(row[0] for row in rows)
    for family, embedded in FREE_FACES.items():
        if family in installed_families():
            assert embedded in names, (family, listing)  # the official name reached its stand-in
    assert "LiberationSerif" in names  # digits in Times New Roman's metric twin


def test_full_body_lines_hold_28_characters(seed_render: SeedRender) -> None:
    lines = [line.strip() for page in _pages(seed_render.pdf)[:3] for line in page.splitlines()]
    # a ， or 。 after the 28th character hangs in the margin (标点悬挂), as in Word: it is no 29th character
    widths = [_width(line[:-1] if len(line) > 28 and line[-1] in HANGING else line)
              for line in lines if CJK.match(line) and len(line) >= 20]
    assert widths, "no line of Chinese text on the first pages"
    assert max(widths) == 28 and widths.count(28) >= len(widths) // 2, widths


def test_signature_on_the_last_page_of_the_report(seed_render: SeedRender) -> None:
    pages = _pages(seed_render.pdf)
    attachment = next(i for i, text in enumerate(pages) if text.lstrip().startswith("附件"))
    last = [re.sub(r"\s", "", line) for line in pages[attachment - 1].splitlines() if line.strip()]
    assert re.fullmatch(rf"—{attachment}—", last[-1])  # the page number, under the text block
    assert last[-3:-1] == [seed_render.report.department, f"{SIGNED_ON.year}年{SIGNED_ON.month}月{SIGNED_ON.day}日"]
    # right-aligned: the date ends near the right edge of the text block
    bbox = subprocess.run(["pdftotext", "-f", str(attachment), "-l", str(attachment), "-bbox", str(seed_render.pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    x_max = max(float(m.group(1)) for m in re.finditer(r'xMax="([\d.]+)"[^>]*>[^<]*日</word>', bbox))
    assert 595 - 74 - 16 * 12 < x_max < 595 - 74, x_max


def test_form_pdf_from_calc(seed_render: SeedRender) -> None:
    text = re.sub(r"\s", "", "".join(_pages(seed_render.form_pdf)))
    assert "部门整体支出绩效自评表（2022年度）" in text and "总分" in text
    assert seed_render.form_pages
    listing = subprocess.run(["pdffonts", str(seed_render.form_pdf)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in listing.splitlines()[2:] if row.strip())
    layout = subprocess.run(["pdftotext", "-layout", str(seed_render.form_pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    total = next(line for line in layout.splitlines() if "总分" in line)
    if seed_render.seed_id == "seed_000_liwan_2022":
        assert "100.00" in total and "57.26" in total, total  # 分值 and 得分 of the 总分 row: the values Calc prints
    else:
        assert "无法评分" in text and "9.23" in text.split("总分")[0]  # the budget part's own row, not a total
