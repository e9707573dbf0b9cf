"""The text reader: encodings, line ends, blank and binary files."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.readers import ReadError, read_document
from jixiao.samples import Sample


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16-le", codecs.BOM_UTF16_LE)],
)
def test_txt_encodings(seed: Sample, tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = seed.text()
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + text.encode(encoding, errors="replace" if encoding == "gbk" else "strict"))
    document = read_document(path)
    assert document.format == "txt"
    assert document.page_starts == ()
    assert document.page_of(10) is None
    assert document.tables == ()
    if encoding != "gbk":  # GBK lacks a few characters of the seeds
        assert document.text == text
    assert document.size == path.stat().st_size


def test_txt_line_ends_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("一、基本情况\r\n全年预算数3663.27万元\r（一）".encode())
    assert read_document(path).text == "一、基本情况\n全年预算数3663.27万元\n（一）"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "文件为空"),
        ("blank.txt", "文件为空"),
        ("junk.txt", "不是文本文件"),
        ("huge.txt", "文件过大（50.0 MB，上限 20.0 MB）"),
    ],
    ids=lambda value: value if value.isascii() else "",
)
def test_bad_txt_is_refused_with_reason(bad_document: Callable[[str], Path], name: str, reason: str) -> None:
    path = bad_document(name)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    assert reason in caught.value.reason


def test_size_limit_is_a_parameter(seed_000: Sample) -> None:
    with pytest.raises(ReadError, match="上限 1 KB"):
        read_document(seed_000.text_path, max_bytes=1024)


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(ReadError, match="无法识别文本编码"):
        read_document(path)


def test_renamed_pdf_is_named(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\nendstream\n%%EOF\n")
    with pytest.raises(ReadError, match=r"不是文本文件（文件内容是PDF，扩展名可能有误）"):
        read_document(path)
