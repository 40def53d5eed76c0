"""The file tree of an export, one folder at a time.

A bundle of a large architecture has tens of thousands of files, most of them in
a few folders (one file per service). Pages therefore show one folder's direct
children, folders first, and a folder's files a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

FILES_PER_PAGE = 200


@dataclass
class Folder:
    name: str
    path: str  # without a trailing slash
    files: int = 0  # everywhere below it
    size: int = 0


@dataclass(frozen=True)
class File:
    name: str
    path: str
    size: int


@dataclass
class Listing:
    folder: str
    folders: list[Folder] = field(default_factory=list)
    files: list[File] = field(default_factory=list)  # this page of them
    file_count: int = 0  # every file directly in the folder
    next_page: int | None = None
    files_after: int = 0  # on the pages after this one


def normalized_folder(folder: str) -> str:
    return folder.strip("/")


def listing(index: Iterable[list], folder: str = "", page: int = 1) -> Listing:
    """The folders and (page `page` of the) files directly in `folder` ("" is the root).

    `index` is rows of [path, size, ...] in path order, as an export stores them.
    """
    folder = normalized_folder(folder)
    prefix = f"{folder}/" if folder else ""
    page = max(page, 1)
    first, last = (page - 1) * FILES_PER_PAGE, page * FILES_PER_PAGE
    result = Listing(folder)
    folders: dict[str, Folder] = {}
    for path, size, *_ in index:
        if not path.startswith(prefix):
            continue
        rest = path[len(prefix) :]
        name, slash, _ = rest.partition("/")
        if slash:
            below = folders.get(name)
            if below is None:
                below = folders[name] = Folder(name, prefix + name)
            below.files += 1
            below.size += size
            continue
        if first <= result.file_count < last:
            result.files.append(File(name, path, size))
        result.file_count += 1
    result.folders = [folders[name] for name in sorted(folders)]
    if result.file_count > last:
        result.next_page = page + 1
        result.files_after = result.file_count - last
    return result
