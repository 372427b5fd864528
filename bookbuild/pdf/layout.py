"""The page geometry as CSS: trim, mirrored margins with a gutter, bleed, marks, profile switches.

styles/print.css holds the typography and the running heads; only what `[pdf]` decides is written here.
"""

from __future__ import annotations

from bookbuild import model as m
from bookbuild.pdf.options import Geometry, PdfOptions, auto_gutter

BLEED = 0.125 * 72  # what print-on-demand services ask for beyond the trim
FRONT_PAGES = 6  # half-title, title, copyright, contents and the blanks between them
AVERAGE_CHAR = 0.47  # width of an average character of running text, in ems (Charis SIL)
LEADING = 1.4  # line-height of print.css


def page_css(g: Geometry, opts: PdfOptions, gutter: float, font_size: float) -> str:
    inside = g.inside + gutter
    rules = [
        f"@page {{ size: {g.width:.2f}pt {g.height:.2f}pt; "
        f"margin: {g.top:.2f}pt {g.outside:.2f}pt {g.bottom:.2f}pt {inside:.2f}pt; }}",
        f"@page :left {{ margin-left: {g.outside:.2f}pt; margin-right: {inside:.2f}pt; }}",
        f"@page :right {{ margin-left: {inside:.2f}pt; margin-right: {g.outside:.2f}pt; }}",
        f"html {{ font-size: {font_size:.2f}pt; }}",
    ]
    if opts.profile == "press":
        rules += _press_rules(opts)
    return "\n".join(rules)


def _press_rules(opts: PdfOptions) -> list[str]:
    """No bookmarks; bleed on the three edges that get trimmed; crop marks only when asked."""
    rules = ["* { bookmark-level: none !important; }"]
    inner = "auto" if opts.crop_marks else "0"
    if opts.bleed:
        outer = f"{BLEED:.2f}pt"
        rules += [
            f"@page {{ bleed-top: {outer}; bleed-bottom: {outer}; }}",
            f"@page :left {{ bleed-left: {outer}; bleed-right: {inner}; }}",
            f"@page :right {{ bleed-left: {inner}; bleed-right: {outer}; }}",
        ]
    if opts.crop_marks:
        rules.append("@page { marks: crop; }")
    return rules


def estimate_pages(book: m.Book, g: Geometry, font_size: float) -> int:
    """Pages the book will take, from its length: enough to choose the gutter before laying it out."""
    width = g.width - g.outside - g.inside - auto_gutter(300, g.inside)
    per_line = width / (AVERAGE_CHAR * font_size)
    per_page = per_line * (g.height - g.top - g.bottom) / (LEADING * font_size)
    chars = sum(len(_text(b)) for ch in book.chapters for b in ch.blocks)
    return FRONT_PAGES + round(chars / per_page) + 2 * len(book.chapters)


def _text(block: m.Block) -> str:
    if isinstance(block, m.Heading):
        return m.plain_text(block.title) + " " * 200  # a heading takes about three lines
    if isinstance(block, m.Paragraph):
        return m.plain_text(block.children)
    if isinstance(block, m.ListBlock):
        return " ".join(_text(b) for item in block.items for b in item)
    if isinstance(block, m.BlockQuote):
        return " ".join(_text(b) for b in block.children)
    if isinstance(block, m.CodeBlock):
        return block.text
    return ""
