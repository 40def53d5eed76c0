"""The file tree of an export: one folder at a time, files a page at a time."""

from __future__ import annotations

import time

from apps.exports.tree import FILES_PER_PAGE, listing

INDEX = [
    ["README.md", 10, 0, 0],
    ["istio/mesh.yaml", 5, 0, 0],
    ["istio/services/a.yaml", 7, 0, 0],
    ["istio/services/b.yaml", 8, 0, 0],
    ["kubernetes/namespace.yaml", 3, 0, 0],
]


def test_the_root_shows_each_top_folder_with_its_count_and_size_then_its_files():
    root = listing(INDEX)

    assert [(f.name, f.path, f.files, f.size) for f in root.folders] == [
        ("istio", "istio", 3, 20),
        ("kubernetes", "kubernetes", 1, 3),
    ]
    assert [f.path for f in root.files] == ["README.md"] and root.next_page is None


def test_a_folder_shows_only_its_direct_children():
    istio = listing(INDEX, "istio/")

    assert [f.path for f in istio.folders] == ["istio/services"]
    assert [f.name for f in istio.files] == ["mesh.yaml"]
    assert [f.name for f in listing(INDEX, "istio/services").files] == ["a.yaml", "b.yaml"]
    assert listing(INDEX, "isti").files == [] and listing(INDEX, "isti").folders == []


def test_a_folder_of_45000_files_is_listed_a_page_at_a_time_quickly():
    index = [[f"kubernetes/services/s{n:05}.yaml", 100, 0, 0] for n in range(45_000)]

    started = time.perf_counter()
    first = listing(index, "kubernetes/services")
    second = listing(index, "kubernetes/services", first.next_page)
    elapsed = time.perf_counter() - started

    assert len(first.files) == len(second.files) == FILES_PER_PAGE
    assert first.file_count == 45_000 and second.next_page == 3
    assert second.files[0].name == f"s{FILES_PER_PAGE:05}.yaml"
    assert elapsed < 1.0
    last = listing(index, "kubernetes/services", 45_000 // FILES_PER_PAGE)
    assert last.next_page is None and last.files[-1].name == "s44999.yaml"
