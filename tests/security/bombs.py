"""Decompression bombs built in a temporary folder (never committed): small files that inflate hugely.

Each writer streams its content in 1 MB pieces, so building a bomb never holds it in memory.
"""

from __future__ import annotations

import base64
import io
import zipfile
import zlib
from pathlib import Path

MB = 1024 * 1024


def pdf_bomb(path: Path, *, inflated_mb: int = 1024, layers: int = 1, ascii85: bool = False) -> Path:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of zeros behind FlateDecode (≈ 1 MB a GB);
    with ``ascii85`` the deflated bytes are written as ASCII85 text, as some producers do."""
    body = _deflated_zeros(inflated_mb)
    for _ in range(layers - 1):
        body = zlib.compress(body, 9)
    filters = " ".join(["/FlateDecode"] * layers)
    if ascii85:
        body = base64.a85encode(body, wrapcol=76) + b"~>"
        filters = "/ASCII85Decode " + filters
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(body), filters.encode()) + body + b"\nendstream",
    ]
    return _write_pdf(path, objects)


def _deflated_zeros(inflated_mb: int) -> bytes:
    """A zlib stream of ``inflated_mb`` MB of zeros, made without deflating them all: one MB deflated
    with a full flush (which forgets the history) is the same bytes every time, so it is repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    final = packer.flush(zlib.Z_FINISH)
    adler = ((inflated_mb * MB % 65521) << 16) | 1  # adler32 of n zero bytes: A = 1, B = n mod 65521
    return b"\x78\xda" + block * inflated_mb + final + adler.to_bytes(4, "big")


def _write_pdf(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SENTENCES = ("我部门严格按照预算执行，全年预算数3663.27万元，执行数2659.40万元。", "舆情日报数量达到432期，超额完成年度目标。",
              "部分项目支出进度偏慢，下一步将按月调度支出。", "群众满意度达到95%以上，社会效益明显。")


def docx_bomb(path: Path, *, inflated_mb: int = 120) -> Path:
    """A DOCX whose ``word/document.xml`` is ``inflated_mb`` MB of real, numbered paragraphs that
    deflate only ≈ 30:1 (like the issue's 3.7 MB file of 199 MB), so a per-part ratio check lets it pass."""
    blocks = [_paragraphs(start) for start in range(0, 8 * 2000, 2000)]  # cycled: deflate sees 32 KB back
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            written = 0
            while written < inflated_mb * MB:
                block = blocks[written % len(blocks)]
                member.write(block)
                written += len(block)
            member.write(b"</w:body></w:document>")
    return path


def _paragraphs(start: int) -> bytes:
    return "".join(f"<w:p><w:r><w:t>第{n}段{_SENTENCES[n % 4]}</w:t></w:r></w:p>"
                   for n in range(start, start + 2000)).encode()


def xlsx_bomb(path: Path, template: bytes, *, inflated_mb: int = 200) -> Path:
    """The monthly template with its sheet replaced by ``inflated_mb`` MB of rows holding a zero
    (≈ 0.5 MB on disk, under the 2 MB file limit)."""
    source = zipfile.ZipFile(io.BytesIO(template))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, source.read(info))
                continue
            with archive.open(info.filename, "w", force_zip64=True) as member:
                member.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                             b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                rows = b"<row><c><v>0</v></c></row>" * (MB // 26)
                for _ in range(inflated_mb):
                    member.write(rows)
                member.write(b"</sheetData></worksheet>")
    return path


def pdf_with_image(path: Path, *, inflated_mb: int) -> Path:
    """A one-page PDF with a line of text and a deflated grey image of ``inflated_mb`` MB of pixels
    (what Word makes of a large screenshot): pdfium reads the text without unpacking the image."""
    pixels = _deflated_zeros(inflated_mb)
    side = int((inflated_mb * MB) ** 0.5)
    content = b"BT /F1 12 Tf 72 720 Td (Annual performance self-evaluation report, budget 3663.27) Tj ET " \
              b"q 400 0 0 400 72 200 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length %d /Filter /FlateDecode >>\nstream\n" % (side, side, len(pixels)) + pixels + b"\nendstream",
    ]
    return _write_pdf(path, objects)
