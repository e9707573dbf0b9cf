"""A PDF's deflated streams counted before pdfium parses one (PDF 解压上限).

pdfium inflates a page's content stream whole when it loads the page and offers no limit: a 1 MB
PDF whose stream is a gigabyte of zeros took 2.2 GB and then looked like a scan (no text). So
before pdfium sees the file, every ``stream`` whose dictionary names ``/FlateDecode`` (also
twice, ``[/FlateDecode /FlateDecode]``, and behind ``/ASCIIHexDecode`` or ``/ASCII85Decode``) is
inflated here in 1 MB steps and only counted; the sum over the file stops at the limit. A normal
report's streams inflate at some hundreds of MB a second, so the count costs little.

Not counted (docs/security.md「受限读取」): streams of an encrypted PDF (pdfium decrypts them;
one without a user password is still read), ``/LZWDecode`` and ``/RunLengthDecode`` streams, and
images inside a content stream (``BI … ID … EI``). For those the web's child process has its
memory limit, and the time budget still applies between pages.
"""

from __future__ import annotations

import binascii
import re
import zlib
from collections.abc import Iterator

from jixiao.readers.common import ReadError
from jixiao.readers.limits import Budget, unpacked_reason

STEP = 1024 * 1024
"""Most bytes inflated at a time."""
_IN_STEP = 64 * 1024
"""Compressed bytes fed at a time."""
_DICT_WINDOW = 4096
"""How far before ``stream`` its dictionary is looked for."""

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
"""The keyword; a letter before it (``endstream``, ``/mystream``) is ruled out apart, because a
pattern that starts with a look-behind loses the regex engine's fast literal search."""
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = {b"FlateDecode", b"Fl"}
_TEXT_CODECS = {b"ASCIIHexDecode": "hex", b"AHx": "hex", b"ASCII85Decode": "a85", b"A85": "a85"}


def check_streams(data: bytes, path: str, *, max_unpacked: int, max_image_unpacked: int, budget: Budget) -> int:
    """The bytes ``data``'s deflated streams inflate to; :class:`ReadError` once past the limits.

    Images (``/Subtype /Image``) count apart, against ``max_image_unpacked``: a report exported from
    Word keeps its screenshots and charts as deflated pixels, which inflate to hundreds of MB that
    pdfium never unpacks to read the text; any other stream (page contents, fonts, object streams)
    counts against ``max_unpacked``. A stream labelled an image but used as page contents is still
    bounded by the image limit.
    """
    totals = {False: 0, True: 0}
    for match in _STREAM.finditer(data):
        if match.start() and data[match.start() - 1] in _LETTERS:
            continue
        dictionary = _dictionary(data, match.start())
        filters = _filters(dictionary)
        if not filters:
            continue
        image = _IMAGE.search(dictionary) is not None
        limit = max_image_unpacked if image else max_unpacked
        start = match.end()
        source: bytes | memoryview = memoryview(data)[start:]  # a view, not a copy
        codec = _TEXT_CODECS.get(filters[0])
        if codec is not None:
            decoded = _text_decode(data, start, codec)
            if decoded is None:
                continue
            source, filters = decoded, filters[1:]
        layers = 0
        while layers < len(filters) and filters[layers] in _FLATE:
            layers += 1
        if not layers:
            continue
        for size in _inflate(source, layers):
            totals[image] += size
            if totals[image] > limit:
                raise ReadError(path, ("图像" if image else "") + unpacked_reason(limit))
            budget.check(path)
    return totals[False] + totals[True]


def _dictionary(data: bytes, stream_at: int) -> bytes:
    """The dictionary before the ``stream`` keyword at ``stream_at`` (from its object's ``obj``)."""
    window = data[max(0, stream_at - _DICT_WINDOW):stream_at]
    at = window.rfind(b"obj")
    while at >= 0:  # the last "obj" standing as a word (not "endobj"), as \bobj\b would find it
        before = window[at - 1] if at else 32
        after = window[at + 3] if at + 3 < len(window) else 32
        if before not in _WORD and after not in _WORD:
            return window[at + 3:]
        at = window.rfind(b"obj", 0, at)
    return window


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTER.search(dictionary)
    return [] if found is None else _NAME.findall(found.group(1))


def _text_decode(data: bytes, start: int, codec: str) -> bytes | None:
    """An ASCIIHex/ASCII85 stream's bytes (never larger than the file), ``None`` if damaged."""
    end = data.find(b"endstream", start)
    raw = data[start:end if end >= 0 else len(data)]
    try:
        if codec == "hex":
            text = re.sub(rb"\s", b"", raw.split(b">", 1)[0])
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        return a85decode(raw.split(b"~>", 1)[0])
    except (ValueError, binascii.Error):
        return None


_WHITE = b" \t\n\r\x0b\x0c\x00"
_DIGITS = bytes(range(33, 118))
_VALUE = bytes((c - 33) % 256 for c in range(256))
"""Each ASCII85 digit's value (``!`` is 0, ``u`` is 84) by ``bytes.translate``."""
_POWERS = (85**4, 85**3, 85**2, 85, 1)
_HIGH_LEAD = re.compile(rb"[\x52-\x54]")
"""Digit values 82–84: 82·85⁴ is the smallest lead that can overflow a 32-bit group."""


def a85decode(body: bytes) -> bytes:
    """The bytes an ASCII85 stream's body (before ``~>``) encodes; ``ValueError`` if it is not ASCII85.

    ``base64.a85decode`` walks the digits one at a time in Python (≈ 10 ms per 100 kB, a third of
    a PDF's import; and it refuses the ``~>`` end mark unless told it is Adobe's framing). Here the work is done on whole strings: digit *j* of every 5-digit group goes
    into the last byte of that group's 4-byte word, the five strings are read as big integers,
    and their sum weighted by 85⁴ … 1 *is* the output, because a valid group's value is below 2³²
    and so never carries into the word before it; the few groups that could reach 2³² (first digit
    ``s``–``u``) are checked one by one.
    """
    body = body.translate(None, _WHITE)
    if body.startswith(b"<~"):
        body = body[2:]
    body = body.replace(b"z", b"!!!!!")  # "z" stands for four zero bytes, the group "!!!!!"
    if body.translate(None, _DIGITS):
        raise ValueError("不是 ASCII85 编码")
    groups, rest = divmod(len(body), 5)
    if rest == 1:
        raise ValueError("ASCII85 编码末组不完整")
    padding = (5 - rest) % 5
    digits = (body + b"u" * padding).translate(_VALUE)
    count = groups + (1 if padding else 0)
    for high in _HIGH_LEAD.finditer(digits[0::5]):  # only a group's first digit can make it reach 2³²
        group = digits[5 * high.start():5 * high.start() + 5]
        if sum(d * p for d, p in zip(group, _POWERS, strict=True)) >= 2**32:
            raise ValueError("ASCII85 编码溢出")
    total = 0
    word = bytearray(4 * count)
    for place, power in enumerate(_POWERS):
        word[3::4] = digits[place::5]
        total += power * int.from_bytes(word, "big")
    out = total.to_bytes(4 * count, "big")
    return out[:len(out) - padding] if padding else out


def _inflate(source: bytes | memoryview, layers: int) -> Iterator[int]:
    """Sizes of the successive pieces ``source`` inflates to through ``layers`` Flate layers.

    ``source`` runs to the end of the file: zlib stops at the end of its own stream, whatever the
    ``/Length`` says, and the pieces are views, never copies.
    """
    pieces: Iterator[bytes | memoryview] = (source[i:i + _IN_STEP] for i in range(0, len(source), _IN_STEP))
    for _ in range(layers):
        pieces = _one_layer(pieces)
    for piece in pieces:
        yield len(piece)


def _one_layer(pieces: Iterator[bytes | memoryview]) -> Iterator[bytes]:
    pieces = _after_zlib_header(pieces)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate: the header is read above
    try:
        for piece in pieces:
            out = inflater.decompress(piece, STEP)
            while True:
                if out:
                    yield out
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                out = inflater.decompress(inflater.unconsumed_tail, STEP)
            if inflater.eof:
                return
    except zlib.error:
        return  # damaged, or not deflated after all: pdfium stops there too


def _after_zlib_header(pieces: Iterator[bytes | memoryview]) -> Iterator[bytes | memoryview]:
    """The pieces after a zlib stream's two header bytes (RFC 1950), which are checked here.

    Only the deflated data is inflated then, without the Adler-32 checksum that zlib computes over
    every inflated byte: the count needs the sizes, and the checksum sits after the last one, so
    the sizes are the same (about a tenth of the count's time saved). A header that is not deflate
    or asks for a preset dictionary is where zlib itself would stop: nothing is counted.
    """
    head = b""
    for piece in pieces:
        taken = bytes(piece[:2 - len(head)])
        head += taken
        if len(head) < 2:
            continue
        rest = piece[len(taken):]
        cmf, flg = head
        if cmf & 0x0F != 8 or cmf >> 4 > 7 or (cmf << 8 | flg) % 31 or flg & 0x20:
            return
        if rest:
            yield rest
        yield from pieces
        return
