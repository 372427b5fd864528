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
    if block.kind == "list":
        return "\n".join(_item(block, i) for i in range(len(block.items)))
    return paragraph(block.text)


def _item(block: Block, index: int) -> str:
    item = block.items[index]
    indent = "   " if block.ordered else "  "
    if item.number is None:
        marker = "-"
    else:  # numbered as printed when the numbers run on; renumbered when the source skips or repeats
        previous = [i.number for i in block.items[:index] if i.depth == item.depth and i.number is not None]
        marker = f"{previous[-1] + 1 if previous else item.number}."
    return f"{indent * item.depth}{marker} {item.text}"
