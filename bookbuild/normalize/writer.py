"""Blocks -> canonical Markdown documents (one per chapter, front and back matter apart)."""

from __future__ import annotations

from bookbuild.config import slugify
from bookbuild.manuscript import Document
from bookbuild.model import Role
from bookbuild.normalize.blocks import Block
from bookbuild.normalize.markup import paragraph


def document(number: int, role: Role, name: str, blocks: list[Block]) -> Document:
    filename = f"{number:02d}-{slugify(name)}.md"
    return Document(filename, role, "\n\n".join(markdown(b) for b in blocks) + "\n")


def markdown(block: Block) -> str:
    if block.kind == "heading":
        return f"{'#' * block.level} {block.text}"
    if block.kind == "break":
        return "* * *"
    if block.kind == "verse":
        return "\\\n".join(paragraph(line) for line in block.text.split("\n"))  # hard line breaks
    if block.kind == "quote":
        return f"> {paragraph(block.text)}"
    if block.kind == "list":
        return "\n".join(_item(block, i) for i in range(len(block.items)))
    return paragraph(block.text)


def _item(block: Block, index: int) -> str:
    item = block.items[index]
    indent = "   " if block.ordered else "  "
    marker = "-" if item.number is None else f"{item.number}."  # as printed; readers count from the first
    return f"{indent * item.depth}{marker} {paragraph(item.text)}"
