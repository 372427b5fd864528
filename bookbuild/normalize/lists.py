"""`- ` and `1. ` lines -> real lists.

A pasted list often loses its shape: items separated by blank lines (one list, not
many), an item reduced to its bold label with the body in the next paragraph (one
item, not a label and a stray paragraph), sub-items marked only by indentation.
"""

from __future__ import annotations

import re

from bookbuild.normalize.blocks import ITEM, Block, Item, merge

# Markers that also open prose ("– Not yet, she said", "o Lord", "· "): a bullet only when the next
# line has one too, or inside a list. Word's "o" is its second level, whatever the indentation.
AMBIGUOUS = ("–", "o", "·")
SUB_BULLET = "o"
WHOLLY_BOLD = re.compile(r"^(\*\*|__)[^*_]+\1$")
MAX_LABEL_CHARS = 100


def parse(block: Block) -> None:
    """Make a block whose first line is an item into a list; other lines continue the item above."""
    if block.kind != "text" or not (first := ITEM.match(block.lines[0])):
        return
    if first.group(2) in AMBIGUOUS and not (len(block.lines) > 1 and ITEM.match(block.lines[1])):
        return
    items: list[Item] = []
    indents: list[int] = []  # indentation of each open nesting level
    parent = 0  # indentation of the last item not marked as a second level
    for line in block.lines:
        m = ITEM.match(line)
        if m is None:
            items[-1].text = f"{items[-1].text} {line.strip()}"
            continue
        indent, marker, text = len(m.group(1).expandtabs(4)), m.group(2), m.group(3)
        if marker == SUB_BULLET and items:
            indent = max(indent, parent + 1)
        else:
            parent = indent
        while indents and indent < indents[-1]:
            indents.pop()
        if not indents or indent > indents[-1]:
            indents.append(indent)
        number = int(marker[:-1]) if marker[0].isdigit() else None
        items.append(Item(text=text.strip(), depth=len(indents) - 1, number=number))
    block.kind = "list"
    block.items = items
    block.ordered = items[0].number is not None


def is_label_only(item: Item) -> bool:
    """A short label that announces what follows: "**Daily Practice:**", "**Investment in Yahoo!**:"."""
    text = item.text.rstrip("*_ ")
    short = len(text) <= MAX_LABEL_CHARS and ". " not in text
    return short and (text.endswith(":") or bool(WHOLLY_BOLD.match(item.text)))


def assemble(blocks: list[Block]) -> list[Block]:
    """Give label-only items their body paragraph and merge lists split by blank lines."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "list":
            last = prev.items[-1]
            if block.kind == "paragraph" and is_label_only(last):
                last.text = f"{last.text} {block.text}"
                merge(prev, block)
                prev.labels_joined += 1
                prev.cuts_joined += block.cuts_joined
                continue
            if block.kind == "list" and (block.ordered == prev.ordered or is_label_only(last)):
                # a label-only item followed by a list of the other kind introduces sub-items
                nested = block.ordered != prev.ordered
                for item in block.items:
                    item.depth += last.depth + 1 if nested else 0
                prev.items.extend(block.items)
                merge(prev, block)
                prev.labels_joined += block.labels_joined
                prev.cuts_joined += block.cuts_joined
                continue
        out.append(block)
    return out
