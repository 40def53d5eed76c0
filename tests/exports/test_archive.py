"""Reading one file back from a slice of an export's zip, through its index."""

from __future__ import annotations

import pytest

from apps.exports.archive import DamagedArchive, IndexEntry, read_member, zip_with_index
from microservices.export import Bundle

TEXTS = {
    "README.md": "# Bundle\n",
    "kubernetes/services/a.yaml": "kind: Service\n" * 500,
    "kubernetes/services/b.yaml": "kind: Deployment\nname: é\n",
    "sagas/empty.md": "",
}


@pytest.fixture
def zipped():
    return zip_with_index(Bundle(files=dict(sorted(TEXTS.items())), targets=[]))


def reader(data: bytes, reads: list):
    def read(offset: int, length: int) -> bytes:
        reads.append(length)
        return data[offset : offset + length]

    return read


def test_every_file_reads_back_from_its_slice_of_the_zip(zipped):
    data, index = zipped

    for entry in index:
        reads: list[int] = []
        assert read_member(entry, reader(data, reads)).decode() == TEXTS[entry.path]
        assert len(reads) == 1 and reads[0] < len(data)


def test_the_index_lists_the_files_in_path_order_with_their_sizes(zipped):
    _, index = zipped

    assert [entry.path for entry in index] == sorted(TEXTS)
    assert [entry.size for entry in index] == [len(TEXTS[p].encode()) for p in sorted(TEXTS)]
    assert IndexEntry.from_row(index[1].as_row()) == index[1]


def test_an_index_pointing_elsewhere_is_reported_not_returned(zipped):
    data, index = zipped
    wrong = IndexEntry(index[1].path, index[1].size, index[1].offset + 3, index[1].compressed)

    with pytest.raises(DamagedArchive):
        read_member(wrong, reader(data, []))


def test_a_changed_byte_fails_the_checksum(zipped):
    data, index = zipped
    entry = index[0]
    start = entry.offset + 30 + len(entry.path) + entry.compressed - 1
    damaged = data[:start] + bytes([data[start] ^ 0x01]) + data[start + 1 :]

    with pytest.raises(DamagedArchive):
        read_member(entry, reader(damaged, []))
