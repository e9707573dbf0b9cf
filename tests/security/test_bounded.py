"""Bounded reading (受限读取): a small file that inflates hugely stops early, with its reason named.

Before ``jixiao.readers.limits`` (issue 15), measured on the same synthetic files (tests/security/bombs.py):
the 1 MB PDF whose content stream inflates to 1 GB peaked at 2.2 GB and was refused as a
scan (扫描件); the 3.9 MB DOCX of 120 MB paragraphs passed the old checks (200 MB total, 100:1
per part) and was read, taking ~1 GB and tens of seconds; the 0.5 MB monthly XLSX inflating to
200 MB was parsed row by row and refused as "未找到表头"; there were no page count, time budget or
limits file; the web read uploads in its own worker, which kept the memory. Each test below
failed then (on the reason, or on the upload's memory staying in the worker).

Peak memory is measured in a fresh subprocess (its own ``ru_maxrss``) with a generous bound, never
a time; the bombs are built in ``tmp_path`` and never committed.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fixtures import pytest_documents
from jixiao.monitor.monthly_xlsx import MonthlyXlsxError, read_monthly_xlsx, template_xlsx
from jixiao.readers import ReadError, read_document
from jixiao.readers.limits import load_limits

from . import bombs

# the reader tests' generated seed documents, as fixtures of this module
documents_dir, seed_pdf, seed_docx = pytest_documents.documents_dir, pytest_documents.seed_pdf, pytest_documents.seed_docx
SRC = Path(__file__).resolve().parents[2] / "src"
PEAK_BOUND_MB = 600
"""Generous: reading stops at the 100 MB limit, Python with pdfium and lxml is ≈ 100 MB."""

_MEASURE = """
import json, resource, sys
from jixiao.readers import ReadError, read_document
try:
    read_document(sys.argv[1])
    reason = None
except ReadError as error:
    reason = str(error)
print(json.dumps({"reason": reason, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _read_in_subprocess(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout)


def _limits(tmp_path: Path, text: str):
    path = tmp_path / "limits.toml"
    path.write_text(text, encoding="utf-8")
    return load_limits(path)


@pytest.mark.parametrize(("layers", "ascii85"), [(1, False), (2, False), (1, True)],
                         ids=["flate", "flate-twice", "ascii85-flate"])
def test_pdf_stream_bomb_is_named_and_stops_early(tmp_path: Path, layers: int, ascii85: bool) -> None:
    path = bombs.pdf_bomb(tmp_path / "炸弹.pdf", inflated_mb=1024, layers=layers, ascii85=ascii85)
    assert path.stat().st_size < (1.3 if ascii85 else 1.1) * 1024 * 1024  # ASCII85 writes 5 characters for 4 bytes
    measured = _read_in_subprocess(path)
    assert measured["reason"] == f"{path}: 解压后超过 100 MB，疑似压缩炸弹"  # not 扫描件
    assert measured["peak_mb"] < PEAK_BOUND_MB


def test_deflated_images_count_apart_and_a_report_with_screenshots_still_reads(tmp_path: Path) -> None:
    """Not a failure before: the guard against calling a real report a bomb. 300 MB of deflated pixels
    (pdfium never unpacks them for the text) read; past the image limit (400 MB) they are a bomb too."""
    read = read_document(bombs.pdf_with_image(tmp_path / "截图.pdf", inflated_mb=300))
    assert "budget 3663.27" in read.text
    with pytest.raises(ReadError) as caught:
        read_document(bombs.pdf_with_image(tmp_path / "大图.pdf", inflated_mb=500))
    assert caught.value.reason == "图像解压后超过 400 MB，疑似压缩炸弹"


def test_docx_bomb_is_named_and_stops_early(tmp_path: Path) -> None:
    path = bombs.docx_bomb(tmp_path / "炸弹.docx", inflated_mb=120)
    member = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert member.file_size / member.compress_size < 100  # passes a per-part ratio check
    measured = _read_in_subprocess(path)
    assert measured["reason"] == f"{path}: 解压后超过 100 MB，疑似压缩炸弹"
    assert measured["peak_mb"] < PEAK_BOUND_MB


def test_docx_member_is_counted_while_inflating(tmp_path: Path) -> None:
    """The declared sizes can lie: the inflated bytes are counted, and a lower limit stops the reading."""
    path = bombs.docx_bomb(tmp_path / "小炸弹.docx", inflated_mb=12)
    limits = _limits(tmp_path, "[report]\nmax_unpacked_mb = 5\n").report
    with pytest.raises(ReadError) as caught:
        read_document(path, limits=limits)
    assert caught.value.reason == "解压后超过 5 MB，疑似压缩炸弹"


def test_too_many_parts(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(30):
            archive.writestr(f"word/media/{i}.bin", b"x")
    with pytest.raises(ReadError, match=r"压缩包内含 31 个部件，超过上限 20 个，疑似恶意文件"):
        read_document(path, limits=_limits(tmp_path, "[report]\nmax_parts = 20\n").report)


def test_page_count_and_time_budget(tmp_path: Path, seed_pdf, seed_docx) -> None:
    pdf, docx = seed_pdf("seed_000").path, seed_docx("seed_001").path
    assert read_document(pdf).page_count > 2  # the real documents read under the shipped limits
    with pytest.raises(ReadError, match=r"PDF 共 \d+ 页，超过上限 2 页"):
        read_document(pdf, limits=_limits(tmp_path, "[report]\nmax_pages = 2\n").report)
    spent = _limits(tmp_path, "[report]\ntime_budget_seconds = 0.000001\n").report
    for path in (pdf, docx):
        with pytest.raises(ReadError) as caught:
            read_document(path, limits=spent)
        assert caught.value.reason == "读取超过 1e-06 秒的时间上限，已停止（文件过于复杂或疑似恶意文件）"


def test_monthly_xlsx_bomb_is_named_not_a_missing_header(tmp_path: Path) -> None:
    template = template_xlsx(department="某部门", year=2024, existing={})
    path = bombs.xlsx_bomb(tmp_path / "月度.xlsx", template, inflated_mb=200)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(MonthlyXlsxError) as caught:
        read_monthly_xlsx(path.read_bytes(), filename="月度.xlsx")
    assert str(caught.value) == "月度.xlsx：解压后超过 10 MB，疑似压缩炸弹"


def test_monthly_sheet_longer_than_the_row_limit(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(department="某部门", year=2024, existing={})))
    for row in range(15, 1200):
        book.active.cell(row=row, column=3, value="备注")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(MonthlyXlsxError, match=r"月度\.xlsx：工作表超过 1000 行"):
        read_monthly_xlsx(out.getvalue(), filename="月度.xlsx")


def test_limits_file_names_a_wrong_key(tmp_path: Path) -> None:
    from jixiao.readers.limits import LimitsError

    with pytest.raises(LimitsError, match=r"limits.toml：读取限制配置无效（report.max_pagez"):
        _limits(tmp_path, "[report]\nmax_pagez = 1\n")


def test_cli_import_takes_a_limits_file(tmp_path: Path, seed_pdf) -> None:
    limits = tmp_path / "l.toml"
    limits.write_text("[report]\nmax_pages = 2\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "jixiao", "import", "--limits", str(limits), str(seed_pdf("seed_000").path)],
                          capture_output=True, text=True, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin",
                                                               "COLUMNS": "200"})
    assert done.returncode == 1
    assert "超过上限 2 页" in done.stdout


@pytest.mark.django_db
def test_web_upload_is_read_in_a_child_and_the_memory_goes_back(tmp_path: Path, settings, monkeypatch) -> None:
    """With the size check lifted (4 GB), the 1 GB stream bomb is stopped by the child's memory limit,
    and this process (the web worker) never holds it."""
    from django.test import Client

    from jixiao.readers import limits as limits_module
    from jixiao.web.accounts.models import Role, User

    settings.MEDIA_ROOT = tmp_path / "media"
    override = tmp_path / "limits.toml"
    override.write_text("[report]\nmax_unpacked_mb = 4096\n[worker]\nmax_memory_mb = 512\n", encoding="utf-8")
    monkeypatch.setenv(limits_module.ENVIRONMENT, str(override))
    bomb = bombs.pdf_bomb(tmp_path / "炸弹.pdf", inflated_mb=1024)
    user = User.objects.create_user("finance-b", password="pw-for-tests-1", role=Role.FINANCE)
    client = Client()
    client.force_login(user)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with bomb.open("rb") as handle:
        response = client.post("/api/documents", {"file": handle})
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert response.status_code == 422, response.content
    assert "炸弹.pdf" in response.json()["detail"] and "内存超过上限 512 MB" in response.json()["detail"]
    assert grown_mb < 200


@pytest.mark.django_db
def test_web_monthly_import_names_the_bomb(tmp_path: Path, settings) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from web.conftest import World  # tests/web's one demo data set

    settings.MEDIA_ROOT = tmp_path / "media"
    world = World()
    template = template_xlsx(department=world.a.name, year=2022, existing={})
    bomb = bombs.xlsx_bomb(tmp_path / "月度.xlsx", template, inflated_mb=200).read_bytes()
    client = Client()
    client.force_login(world.user_a)
    response = client.post(f"/api/departments/{world.a.pk}/budgets/2022/monthly-import",
                           {"file": SimpleUploadedFile("月度.xlsx", bomb)})
    assert response.status_code == 422
    assert response.json()["errors"] == ["月度.xlsx：解压后超过 10 MB，疑似压缩炸弹"]


@pytest.mark.django_db
def test_oversized_uploads_are_not_copied_whole(tmp_path: Path, settings) -> None:
    """Before: the report upload was copied to a temporary file whole and the monthly one read whole."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from web.conftest import World

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.JIXIAO_UPLOAD_MAX_BYTES = 1024 * 1024
    world = World()
    client = Client()
    client.force_login(world.user_a)
    big = b"x" * (3 * 1024 * 1024)
    report = client.post("/api/documents", {"file": SimpleUploadedFile("大.txt", big)})
    assert report.status_code == 422 and report.json()["detail"] == "大.txt: 文件过大（超过上限 1.0 MB）"
    monthly = client.post(f"/api/departments/{world.a.pk}/budgets/2022/monthly-import",
                          {"file": SimpleUploadedFile("大.xlsx", big)})
    assert monthly.status_code == 422 and monthly.json()["errors"] == ["大.xlsx：文件过大（超过上限 2048 KB）"]
