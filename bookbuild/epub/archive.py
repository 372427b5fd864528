"""The EPUB container written so that two builds of one manuscript are byte-identical.

ebooklib stamps every zip entry with the current time and leaves the file modes to
the platform; the archive is rewritten here with fixed timestamps, modes and order.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

MIMETYPE = "mimetype"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
COMPRESS_LEVEL = 9

Patch = Callable[[bytes], bytes]


def zip_time(iso_utc: str | None) -> tuple[int, int, int, int, int, int]:
    """The timestamp every entry gets: the book's modification time (never before 1980)."""
    if not iso_utc:
        return ZIP_EPOCH
    when = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    return max(ZIP_EPOCH, (when.year, when.month, when.day, when.hour, when.minute, when.second))


def rewrite(source: zipfile.ZipFile, target: Path, when: str | None, patches: dict[str, Patch]) -> None:
    """Copy `source` to `target`: mimetype first and stored, the rest deflated in source order.

    `patches` maps an entry name to a function that rewrites its bytes on the way.
    """
    stamp = zip_time(when)
    names = [MIMETYPE] + [n for n in source.namelist() if n != MIMETYPE]
    with zipfile.ZipFile(target, "w") as out:
        for name in names:
            data = source.read(name)
            if name in patches:
                data = patches[name](data)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # unix, so the mode below means the same everywhere
            info.external_attr = 0o100644 << 16
            if name == MIMETYPE:
                info.compress_type = zipfile.ZIP_STORED
                out.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data, compresslevel=COMPRESS_LEVEL)
