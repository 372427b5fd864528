"""Getting the raw bytes of a manuscript, with clear errors."""

from __future__ import annotations

from pathlib import Path

from bookbuild.errors import BookError


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BookError("no such file", path=path) from None
    except IsADirectoryError:
        raise BookError("is a folder, not a text file", path=path) from None
    except OSError as exc:
        raise BookError(f"cannot read: {exc.strerror}", path=path) from None
    if not data.strip():
        raise BookError("the manuscript is empty", path=path)
    return data
