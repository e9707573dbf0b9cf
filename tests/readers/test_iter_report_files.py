"""Expanding the paths a user gives (files and folders) into the files to import."""

from __future__ import annotations

from pathlib import Path

from jixiao.readers import iter_report_files


def test_folders_are_searched_recursively_and_sorted(tmp_path: Path) -> None:
    for name in ["b.pdf", "a.txt", "sub/c.DOCX", "sub/deeper/d.pdf", "notes.md", "~$b.docx", ".hidden.pdf", ".git/x.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    found = list(iter_report_files([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.pdf", "sub/c.DOCX", "sub/deeper/d.pdf"]


def test_explicit_files_are_yielded_as_given(tmp_path: Path) -> None:
    odd = tmp_path / "report.xlsx"
    odd.write_bytes(b"x")
    missing = tmp_path / "missing.pdf"
    assert list(iter_report_files([str(odd), missing])) == [odd, missing]


def test_mixed_paths_keep_their_order(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2.pdf").write_bytes(b"x")
    (folder / "1.pdf").write_bytes(b"x")
    single = tmp_path / "0.txt"
    single.write_bytes(b"x")
    assert list(iter_report_files([folder, single])) == [folder / "1.pdf", folder / "2.pdf", single]
