"""The zip of a bundle, its file index, and reading one file back from a slice of it.

The index records where each member sits in the zip (offset and compressed size),
so one file is read with a query that returns only its bytes: a preview of one
manifest does not load an archive of 45,000.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from microservices.export import Bundle

# The fixed part of a zip local file header, then the name and the extra field.
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Extra bytes fetched after the name in the hope of covering the extra field at once.
_EXTRA_ALLOWANCE = 64
_CRC_AFTER_DATA = 0x08


@dataclass(frozen=True)
class IndexEntry:
    path: str
    size: int  # bytes once extracted
    offset: int  # of the member's local header in the zip
    compressed: int

    def as_row(self) -> list:
        return [self.path, self.size, self.offset, self.compressed]

    @classmethod
    def from_row(cls, row: list) -> IndexEntry:
        path, size, offset, compressed = row
        return cls(path, size, offset, compressed)


def zip_with_index(bundle: Bundle) -> tuple[bytes, list[IndexEntry]]:
    data = bundle.zip_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        index = [
            IndexEntry(info.filename, info.file_size, info.header_offset, info.compress_size)
            for info in archive.infolist()
        ]
    return data, index


class DamagedArchive(Exception):
    pass


# read(offset, length) -> up to `length` bytes of the zip from `offset` (0-based).
ReadSlice = Callable[[int, int], bytes]


def read_member(entry: IndexEntry, read: ReadSlice) -> bytes:
    """The content of one member, read through `read` (two slices at most)."""
    name_length = len(entry.path.encode())
    wanted = _LOCAL_HEADER.size + name_length + _EXTRA_ALLOWANCE + entry.compressed
    chunk = read(entry.offset, wanted)
    if len(chunk) < _LOCAL_HEADER.size:
        raise DamagedArchive(f"{entry.path}: the archive ends before the file")
    fields = _LOCAL_HEADER.unpack_from(chunk)
    signature, flags, method, crc = fields[0], fields[2], fields[3], fields[6]
    stored_name_length, extra_length = fields[9], fields[10]
    if signature != _LOCAL_SIGNATURE or stored_name_length != name_length:
        raise DamagedArchive(f"{entry.path}: no file header where the index says")
    start = _LOCAL_HEADER.size + name_length + extra_length
    payload = chunk[start : start + entry.compressed]
    if len(payload) < entry.compressed:  # an extra field longer than the allowance
        payload = read(entry.offset + start, entry.compressed)
    if method == zipfile.ZIP_DEFLATED:
        try:
            content = zlib.decompress(payload, -zlib.MAX_WBITS)
        except zlib.error as exc:
            raise DamagedArchive(f"{entry.path}: {exc}") from None
    elif method == zipfile.ZIP_STORED:
        content = payload
    else:
        raise DamagedArchive(f"{entry.path}: compression method {method} is not supported")
    # Bit 3: the checksum follows the data instead (archives written to a stream).
    checked = not flags & _CRC_AFTER_DATA
    if len(content) != entry.size or (checked and zlib.crc32(content) != crc):
        raise DamagedArchive(f"{entry.path}: the content does not match its checksum")
    return content
