"""PDF through LibreOffice: a visual check of page one, embedded CJK fonts, the text, the errors."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from jixiao import synthetic
from jixiao.errors import JixiaoError
from jixiao.render import RenderError, render, render_batch
from jixiao.render import pdf as pdf_module

from .conftest import BUDGET_SENTENCE_000, requires_poppler, requires_soffice

CJK_FONT = re.compile(r"NotoS(?:erif|ans)CJK|GBZenKai|Bousung|UMing|UKai|WenQuanYi|ZenHei|FangSong|SimSun|SimHei|KaiTi"
                      r"|仿宋|宋|黑|楷", re.IGNORECASE)


def _pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) as pdftoppm -gray writes it."""
    data = path.read_bytes()
    fields = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maxval; comments do not occur in pdftoppm output
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:]
    assert len(pixels) == width * height
    return width, height, pixels


@pytest.fixture(scope="module")
def rendered_pdf(tmp_path_factory) -> Path:
    from jixiao.report import PerformanceReport

    from .conftest import FIXTURES

    report = PerformanceReport.from_json((FIXTURES / "liwan_2022_full.json").read_bytes())
    return render(report, "pdf", tmp_path_factory.mktemp("pdf") / "liwan_2022.pdf")


@requires_soffice
@requires_poppler
def test_first_page_is_not_blank(rendered_pdf: Path, artifacts: Path) -> None:
    png = artifacts / "liwan_2022_page1"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(rendered_pdf), str(png)],
                   check=True, timeout=60)
    assert png.with_suffix(".png").stat().st_size > 10_000
    gray = artifacts / "liwan_2022_page1_gray"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-gray", "-singlefile", str(rendered_pdf), str(gray)],
                   check=True, timeout=60)
    width, height, pixels = _pgm(gray.with_suffix(".pgm"))
    assert abs(width / height - 210 / 297) < 0.01  # A4 portrait
    dark = sum(1 for value in pixels if value < 128) / len(pixels)
    # a page of Chinese text inks a few per cent of its area; blank is 0, a black page 1
    assert 0.01 < dark < 0.30, dark
    # ink sits inside the margins: the top 30 mm (above the 37 mm margin) is empty
    top = pixels[: width * int(height * 30 / 297)]
    assert min(top) > 200


@requires_soffice
@requires_poppler
def test_cjk_fonts_are_embedded(rendered_pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(rendered_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows, listing
    embedded_cjk = [row[0] for row in rows if CJK_FONT.search(row[0]) and row[-5] == "yes"]
    assert embedded_cjk, listing
    assert all(row[-5] == "yes" for row in rows), listing  # every font embedded, none left to the reader


@requires_soffice
@requires_poppler
def test_text_layer_holds_the_budget_sentence(rendered_pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(rendered_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert BUDGET_SENTENCE_000.replace("全年预算数", "年初预算数3500.00万元，全年预算数") in flat
    assert "三、存在的主要问题" in flat
    assert "部门整体支出绩效自评表（2022年度）" in flat
    assert "\ufffd" not in text  # no replacement characters: no missing glyphs mapped to nothing


@requires_soffice
def test_batch_converts_in_one_call(tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = pdf_module.convert

    def counting(files, outdir, **kwargs):
        calls.append(len(files))
        return real(files, outdir, **kwargs)

    monkeypatch.setattr(pdf_module, "convert", counting)
    items = [(synthetic.report(i, 2022), tmp_path / f"d{i % 2}" / "report.pdf") for i in range(2)]
    items.append((synthetic.report(2, 2022), tmp_path / "c.pdf"))
    result = render_batch(items, "pdf", workers=1)
    assert result.failed == []
    assert calls == [3]
    assert all(path.read_bytes().startswith(b"%PDF") for _, path in items)


@requires_soffice
@requires_poppler
def test_parallel_converters_do_not_collide(tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = pdf_module.convert

    def counting(files, outdir, **kwargs):
        calls.append(len(files))
        return real(files, outdir, **kwargs)

    monkeypatch.setattr(pdf_module, "convert", counting)
    items = [(synthetic.report(i, 2022), tmp_path / f"{i}.pdf") for i in range(3)]
    result = render_batch(items, "pdf", workers=2)
    assert result.failed == []
    assert sorted(calls) == [1, 2]  # two soffice processes at once, each with its own profile
    assert result.written == [path for _, path in items]
    texts = [subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout for p in result.written]
    assert [re.sub(r"\s+", "", t).count(str(synthetic.report(i, 2022).department)) > 0 for i, t in enumerate(texts)] == [
        True, True, True,
    ]


def _fake_soffice(folder: Path, body: str) -> Path:
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_missing_soffice_is_a_render_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(RenderError, match="找不到") as error:
        render(synthetic.report(1, 2022), "pdf", tmp_path / "x.pdf")
    assert isinstance(error.value, JixiaoError)


def test_failing_soffice_is_a_render_error(monkeypatch, tmp_path: Path) -> None:
    script = _fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(script))
    with pytest.raises(RenderError, match="could not be loaded"):
        render(synthetic.report(1, 2022), "pdf", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_soffice_writing_nothing_is_a_render_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(_fake_soffice(tmp_path, "exit 0")))
    with pytest.raises(RenderError, match="未能生成 PDF"):
        render(synthetic.report(1, 2022), "pdf", tmp_path / "x.pdf")


def test_hung_soffice_times_out(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(_fake_soffice(tmp_path, "exec sleep 30")))
    with pytest.raises(RenderError, match="超时"):
        render(synthetic.report(1, 2022), "pdf", tmp_path / "x.pdf", timeout=0.5)


def test_private_profile_per_call(monkeypatch, tmp_path: Path) -> None:
    log = tmp_path / "args.txt"
    script = _fake_soffice(tmp_path, f'echo "$@" >> {log}; exit 1')
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(script))
    for _ in range(2):
        with pytest.raises(RenderError):
            pdf_module.convert([tmp_path / "a.docx"], tmp_path / "out")
    first, second = log.read_text().splitlines()
    profiles = [re.search(r"-env:UserInstallation=(\S+)", line).group(1) for line in (first, second)]
    assert profiles[0] != profiles[1]
    assert "--headless" in first and "--convert-to" in first
    assert os.environ[pdf_module.SOFFICE_ENV] == str(script)
