"""The manuscript's images, copied into the EPUB from the book folder.

An EPUB must carry every image it shows; one that is missing, remote or outside the book
folder is an error naming the chapter, rather than a broken picture on the reader.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bookbuild import model as m
from bookbuild.epub.cover import IMAGE_TYPES
from bookbuild.errors import BookError


def embedded(book: m.Book) -> dict[str, tuple[str, bytes]]:
    """{image src in the model: (file name inside the EPUB, bytes)}."""
    out: dict[str, tuple[str, bytes]] = {}
    base = book.base_dir.resolve()
    for ch in book.chapters:
        for img in images_in(ch.blocks):
            if img.src not in out:
                out[img.src] = _read(img.src, base, ch.source or ch.id)
    return out


def _read(src: str, base: Path, where: str) -> tuple[str, bytes]:
    path = (base / src).resolve()
    suffix = path.suffix.lower()
    if "://" in src or not path.is_relative_to(base):
        raise BookError(f"image {src!r} is not inside the book folder", path=where)
    if suffix not in IMAGE_TYPES:
        raise BookError(f"image {src!r} must be JPEG, PNG or GIF", path=where)
    if not path.is_file():
        raise BookError(f"image {src!r} not found", path=where)
    data = path.read_bytes()
    return f"images/{hashlib.sha256(data).hexdigest()[:16]}{suffix}", data


def images_in(blocks: tuple[m.Block, ...]) -> list[m.Image]:
    found: list[m.Image] = []
    for block in m.walk(blocks):
        if isinstance(block, m.Paragraph):
            found += _inline_images(block.children)
        elif isinstance(block, m.Heading):
            found += _inline_images(block.title)
    return found


def _inline_images(nodes: tuple[m.Inline, ...]) -> list[m.Image]:
    found: list[m.Image] = []
    for node in nodes:
        if isinstance(node, m.Image):
            found.append(node)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            found += _inline_images(node.children)
    return found
