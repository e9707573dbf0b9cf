"""Import every reader and its libraries now, and fill the extraction's caches (读取模块预加载), so that
processes forked afterwards share them.

A process that reads its first report imports pypdfium2 and python-docx with the importer (≈ 100 ms
of CPU), and its first extraction loads the rule and label tables and compiles their patterns
(≈ 50 ms more); a pool worker of ``--jobs`` (forked by the forkserver) and a Celery worker process
(forked by the worker's main process) would each pay that again, every time one is replaced. Done once
in the parent — the forkserver preloads this module, ``web.batches.worker`` imports it — the children
inherit the modules and the filled caches instead. Importing this module is all it does.
"""

from __future__ import annotations

import logging

import docx
import docx.oxml.ns
import docx.table
import docx.text.paragraph  # noqa: F401
import pypdfium2
import pypdfium2.raw  # noqa: F401

import jixiao.importer
import jixiao.readers.docx
import jixiao.readers.pdf
import jixiao.readers.pdf_tables
import jixiao.readers.txt  # noqa: F401


def _warm() -> None:
    """One shipped seed report extracted, for the caches it fills; a failure here only costs the time."""
    from jixiao.extract import extract_document
    from jixiao.samples import samples

    try:
        extract_document(samples()[0].text())
    except Exception:  # never a reason for an import to fail: the first real report fills the caches then
        logging.getLogger(__name__).debug("extraction warm-up failed", exc_info=True)


_warm()
