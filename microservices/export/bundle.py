"""A finished export: every file's text, the checks' problems, and how to write it out."""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

# Paths inside a bundle: relative, POSIX, made of plain name characters only, so
# that no archive or folder it is written to can be escaped.
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")
# Zip entries carry a fixed date, so the archive of a bundle is byte-identical too.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def check_path(path: str) -> str:
    if not _SAFE_PATH.match(path) or any(part in ("", ".", "..") for part in path.split("/")):
        raise ValueError(f"unsafe path in an export bundle: {path!r}")
    if posixpath.normpath(path) != path:
        raise ValueError(f"unsafe path in an export bundle: {path!r}")
    return path


@dataclass(frozen=True)
class Problem:
    """A static check that failed on the bundle (the codes are Kiali's)."""

    code: str
    severity: str  # "error" or "warning"
    message: str
    path: str  # the file
    kind: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "kind": self.kind,
            "name": self.name,
        }


@dataclass
class Bundle:
    files: dict[str, str]  # path -> text, sorted by path
    targets: list[str]
    problems: list[Problem] = field(default_factory=list)
    files_per_target: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(text.encode()) for text in self.files.values())

    def summary(self) -> dict[str, Any]:
        return {
            "targets": self.targets,
            "files": len(self.files),
            "bytes": self.size,
            "files_per_target": self.files_per_target,
            "problems": [problem.to_dict() for problem in self.problems],
        }

    def write_zip(self, out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path, text in self.files.items():
                info = zipfile.ZipInfo(check_path(path), date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, text.encode())

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.write_zip(buffer)
        return buffer.getvalue()

    def write_to(self, folder: str | os.PathLike) -> list[Path]:
        """Write every file under `folder` (created if needed); the paths written."""
        root = Path(folder)
        written = []
        for path, text in self.files.items():
            target = root / check_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
        return written
