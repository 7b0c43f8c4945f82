"""Hostile Office files for the fault and fuzz tests: bombs, odd compression, flipped bits.

Every builder takes a good package (bytes of a .docx or .xlsx) and returns a damaged
copy, so the tests start from files the importers accept.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable

#: Zip signatures and the offsets of the fields patched below.
_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"


def repack(
    data: bytes,
    change: Callable[[str, bytes], bytes | None] = lambda _name, raw: raw,
    compression: int = zipfile.ZIP_DEFLATED,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """*data* with every part passed through *change* (None drops it), recompressed,
    and the *extra* parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            raw = change(info.filename, src.read(info.filename))
            if raw is not None:
                dst.writestr(info.filename, raw)
        for name, raw in (extra or {}).items():
            dst.writestr(name, raw)
    return out.getvalue()


def add_bomb(data: bytes, part: str, size: int, compression: int = zipfile.ZIP_BZIP2) -> bytes:
    """*data* with *part* replaced by *size* zero bytes, packed small (a zip bomb)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info.filename), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(part)
        info.compress_type = compression
        with dst.open(info, "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return out.getvalue()


def _patch_headers(data: bytes, patch: Callable[[bytearray, int, bool], None]) -> bytes:
    """Apply *patch(buffer, offset, is_central)* to every local and central header."""
    buf = bytearray(data)
    for signature, central in ((_LOCAL, False), (_CENTRAL, True)):
        pos = buf.find(signature)
        while pos != -1:
            patch(buf, pos, central)
            pos = buf.find(signature, pos + 4)
    return bytes(buf)


def set_method(data: bytes, method: int) -> bytes:
    """Every part claims compression *method* (9 = Deflate64, which Python cannot read)."""

    def patch(buf: bytearray, pos: int, central: bool) -> None:
        struct.pack_into("<H", buf, pos + (10 if central else 8), method)

    return _patch_headers(data, patch)


def set_encrypted_flag(data: bytes) -> bytes:
    """Every part flagged as encrypted (general purpose bit 0)."""

    def patch(buf: bytearray, pos: int, central: bool) -> None:
        at = pos + (8 if central else 6)
        (flags,) = struct.unpack_from("<H", buf, at)
        struct.pack_into("<H", buf, at, flags | 1)

    return _patch_headers(data, patch)


def set_declared_size(data: bytes, size: int) -> bytes:
    """Every part claims to unpack to *size* bytes (the real data is longer)."""

    def patch(buf: bytearray, pos: int, central: bool) -> None:
        struct.pack_into("<I", buf, pos + (24 if central else 22), size)

    return _patch_headers(data, patch)


def flip_bit(data: bytes, position: int) -> bytes:
    buf = bytearray(data)
    buf[position // 8] ^= 1 << (position % 8)
    return bytes(buf)


def compressed_span(data: bytes, part: str) -> tuple[int, int]:
    """Where the compressed bytes of *part* lie in *data*: (start, end)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(part)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def encrypted_office_file() -> bytes:
    """What Word and Excel write for a file with an opening password: an OLE container."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
