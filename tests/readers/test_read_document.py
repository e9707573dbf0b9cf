"""The entry point: file checks, the shape of ReadError, and that nothing else ever escapes."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.documents import BuiltDocx, BuiltPdf
from jixiao.errors import JixiaoError
from jixiao.readers import RawDocument, ReadError, read_document
from jixiao.samples import Sample


def test_unknown_suffix(bad_document: Callable[[str], Path]) -> None:
    path = bad_document("report.xyz")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: 不支持的文件类型 .xyz（支持 .pdf .docx .txt）"


def test_legacy_doc_suffix_gets_a_hint(bad_document: Callable[[str], Path]) -> None:
    with pytest.raises(ReadError, match=r"不支持的文件类型 \.doc（支持 \.pdf \.docx \.txt），请在 Word/WPS 中另存为 \.docx"):
        read_document(bad_document("legacy.doc"))


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "无此报告.pdf"
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: 文件不存在"


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports.pdf"
    folder.mkdir()
    with pytest.raises(ReadError, match="这是文件夹"):
        read_document(folder)


def test_suffix_case_does_not_matter(seed_000: Sample, tmp_path: Path) -> None:
    path = tmp_path / "REPORT.TXT"
    path.write_bytes(seed_000.text_path.read_bytes())
    assert read_document(path).format == "txt"


def test_read_error_is_a_jixiao_error_and_pickles() -> None:
    error = ReadError("a/b.pdf", "PDF 已加密\n（需要密码）")
    assert isinstance(error, JixiaoError)
    assert str(error) == "a/b.pdf: PDF 已加密 （需要密码）"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


def test_raw_document_page_of_without_pages() -> None:
    document = RawDocument("x.txt", "txt", "abc", (), "0" * 64, 3, ())
    assert document.page_of(1) is None
    assert document.page_count is None


def _valid_zip_with(member: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", member[:50])
        archive.writestr("word/document.xml", member)
    return buffer.getvalue()


_contents = st.one_of(
    st.binary(min_size=0, max_size=2048),
    # Past the envelope checks, so that the libraries themselves see the noise.
    st.binary(max_size=1024).map(lambda b: b"%PDF-1.7\n" + b + b"\n%%EOF\n"),
    st.binary(max_size=1024).map(_valid_zip_with),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_contents, suffix=st.sampled_from([".pdf", ".docx", ".txt"]))
def test_nothing_but_read_error_escapes(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(content)
        try:
            document = read_document(path)
        except ReadError as error:
            assert str(error).startswith(f"{path}: ")
            assert "\n" not in str(error)
        else:
            assert document.text.strip()


def test_readers_do_not_import_django() -> None:
    # The core is usable without Django (design: two layers, one direction of dependency).
    code = "import sys, jixiao.readers; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_reading_from_several_threads_gives_the_same_documents(
    seed_pdf: Callable[..., BuiltPdf], seed_docx: Callable[[str], BuiltDocx]
) -> None:
    # pdfium is not thread-safe; the reader serialises it, so a threaded web server is safe.
    paths = [seed_pdf("seed_000").path, seed_pdf("seed_001").path, seed_docx("seed_000").path] * 4
    alone = {path: read_document(path) for path in paths}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(read_document, paths))
    assert together == [alone[path] for path in paths]
