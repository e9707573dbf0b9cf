"""Import every reader and its libraries now (读取模块预加载), so that processes forked afterwards share them.

A process that reads its first report imports pypdfium2 and python-docx with the importer (≈ 100 ms
of CPU); a pool worker of ``--jobs`` (forked by the forkserver) and a Celery worker process (forked by the
worker's main process) would each pay that again, every time one is replaced. Imported once in the
parent — the forkserver preloads this module, ``web.batches.worker`` imports it — the children inherit
the modules instead. Importing this module is all it does.
"""

from __future__ import annotations

import docx
import docx.oxml.ns
import docx.table
import docx.text.paragraph  # noqa: F401
import pypdfium2
import pypdfium2.raw  # noqa: F401

import jixiao.importer
import jixiao.readers.docx
import jixiao.readers.pdf
import jixiao.readers.txt  # noqa: F401
