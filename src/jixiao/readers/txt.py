"""The plain-text reader (文本文件): UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK.

Published reports are often handed around as text converted from PDF; Windows tools still
save them in GBK. A file with NUL bytes or control characters is binary, not text.
"""

from __future__ import annotations

import codecs
import re

from jixiao.readers.common import ReadError, normalise_newlines, sniff

# Characters no text file contains: C0 controls other than tab, line feed, form feed and
# carriage return, and DEL. A few can survive a bad conversion; many mean binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01


def decode(data: bytes, path: str) -> str:
    """The text of ``data``, with the encoding found from a BOM or by trying UTF-8, then GB18030."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ReadError(path, f"文本编码错误（文件头标明 {codec.upper()}，内容却不是）") from None
    if b"\x00" in data:
        raise _binary(data, path)
    # UTF-8 first: valid UTF-8 Chinese is almost never valid GB18030 by accident and vice versa,
    # but pure ASCII is both, and UTF-8 is what current tools write.
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    if sniff(data):
        raise _binary(data, path)
    raise ReadError(path, "无法识别文本编码（不是 UTF-8，也不是 GB18030/GBK），或不是文本文件")


def read_txt(data: bytes, path: str) -> str:
    """The normalised text of a text file; :class:`ReadError` when it is binary or blank."""
    text = decode(data, path)
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_RATIO * len(text):
        raise _binary(data, path)
    text = normalise_newlines(text)
    if not text.strip():
        raise ReadError(path, "文件为空")
    return text


def _binary(data: bytes, path: str) -> ReadError:
    kind = sniff(data)
    if kind:
        return ReadError(path, f"不是文本文件（文件内容是{kind}，扩展名可能有误）")
    return ReadError(path, "不是文本文件（含二进制数据）")
