"""PDF output (PDF 转换) through LibreOffice headless: the report from its DOCX, the 自评表 from its XLSX.

LibreOffice takes seconds to start, so a batch converts all its files in ONE
``soffice --headless --convert-to pdf`` call (Writer for DOCX, Calc for XLSX, chosen by the file).
Every call gets a private user profile (``-env:UserInstallation``) so parallel runs (tests, web
workers) never fight over the lock of a shared profile, and a timeout so a hung converter cannot
hang a batch. It runs with the project's fontconfig file (:func:`jixiao.render.fonts.fontconfig_file`),
which maps the official font names the documents carry (仿宋_GB2312 …) to the free faces installed
on the server; LibreOffice embeds them as subsets, so the PDF shows the same glyphs on any reader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.render.fonts import fontconfig_file

DEFAULT_TIMEOUT = 300.0
"""Seconds one conversion call may take; a batch scales it by its size (see :func:`convert`)."""

SOFFICE_ENV = "JIXIAO_SOFFICE"
"""Environment variable naming the LibreOffice binary, when it is not ``soffice`` on PATH."""


class RenderError(JixiaoError):
    """A document could not be rendered (渲染失败): LibreOffice missing, failing or too slow."""


def soffice_path() -> str:
    """The LibreOffice binary: ``$JIXIAO_SOFFICE``, else ``soffice`` or ``libreoffice`` on PATH."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        if shutil.which(configured) is None:
            raise RenderError(f"{SOFFICE_ENV}={configured}：找不到该 LibreOffice 程序")
        return configured
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderError("未安装 LibreOffice（找不到 soffice），无法生成 PDF；"
                      "请安装 libreoffice-writer-nogui 和 libreoffice-calc-nogui")


def _environment() -> dict[str, str]:
    """The converter's environment: the project's fontconfig file, unless the machine has the official fonts."""
    environment = dict(os.environ)
    config = fontconfig_file()
    if config:
        environment["FONTCONFIG_FILE"] = config
    return environment


def convert(docx_files: Sequence[Path], outdir: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert DOCX (and XLSX) files to PDF in ``outdir`` with one LibreOffice call; return the PDF paths in order.

    ``timeout`` defaults to :data:`DEFAULT_TIMEOUT` plus two seconds a file. Raises
    :class:`RenderError` naming the files when soffice is missing, fails, times out or leaves
    a PDF unwritten.
    """
    if not docx_files:
        return []
    stems = [path.stem for path in docx_files]
    if len(set(stems)) != len(stems):
        raise RenderError("同一批转换的文件名重复，PDF 会互相覆盖：" + "、".join(sorted({s for s in stems if stems.count(s) > 1})))
    binary = soffice_path()
    outdir.mkdir(parents=True, exist_ok=True)
    limit = timeout if timeout is not None else DEFAULT_TIMEOUT + 2 * len(docx_files)
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as profile:
        command = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", "pdf",
            "--outdir", str(outdir),
            *(str(path) for path in docx_files),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=False,
                                    env=_environment())
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice 转换 PDF 超时（{limit:.0f} 秒，{len(docx_files)} 个文件）") from exc
        except OSError as exc:
            raise RenderError(f"无法启动 LibreOffice（{binary}）：{exc}") from exc
    pdfs = [outdir / f"{path.stem}.pdf" for path in docx_files]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file() or pdf.stat().st_size == 0]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"退出码 {result.returncode}"
        names = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
        raise RenderError(f"LibreOffice 未能生成 PDF {names or ''}：{reason}")
    return pdfs
