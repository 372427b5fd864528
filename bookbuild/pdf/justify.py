"""Justified lines drawn as one run of glyphs, not one run per word.

WeasyPrint 70 justifies a line by giving each space a Pango letter-spacing attribute. Pango then
splits the line at every space, shapes each word on its own and WeasyPrint writes a text run per
word: for a justified book that is a quarter of the whole PDF build. Widening the space glyphs of
the line as Pango shaped it puts every glyph where the attributes would, with one run per line
(and the kerning the line was measured with when it was broken).
It also sets up a Pango layout for each justified piece of text and drops it at once, keeping only
its text for the drawing, which sets up its own: that layout is not made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from bookbuild.pdf.patch import replaced

SPACE = re.compile(" |\u00a0".encode())  # what WeasyPrint counts as expandable, in UTF-8


def _plain(style: Any) -> bool:
    """No spacing of the author's own, which only WeasyPrint's attributes know how to combine."""
    return style["word_spacing"] == 0 and style["letter_spacing"] in ("normal", 0)


def _widen_spaces(layout: Any, spacing: float) -> None:
    spaces = [match.start() for match in SPACE.finditer(layout.text.encode())]
    if not spaces:
        return
    units = int(spacing * TO_UNITS)
    run = pango.pango_layout_get_line_readonly(layout.layout, 0).runs
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        glyphs, offset = glyph_item.glyphs, glyph_item.item.offset
        clusters = ffi.unpack(glyphs.log_clusters, glyphs.num_glyphs)
        wanted = {start - offset for start in spaces}
        infos = glyphs.glyphs
        for i, cluster in enumerate(clusters):
            if cluster in wanted:
                infos[i].geometry.width += units


def _justified_set_text(stock: Callable[..., None]) -> Callable[..., None]:
    def set_text(self: Any, text: str, justify: bool = False) -> None:
        spacing = self.justification_spacing if justify else 0
        if not spacing or not _plain(self.style):
            stock(self, text, justify)
            return
        stock(self, text, False)
        # draw_first_line sets this too: set first, it does not lay the line out again and undo the widths
        pango.pango_layout_set_single_paragraph_mode(self.layout, True)
        _widen_spaces(self, spacing)

    return set_text


def _text_only_layout(stock: Callable[..., Any]) -> Callable[..., Any]:
    """create_layout as justification calls it: a layout holding what is kept once it is deactivated."""

    def create_layout(
        text: str, style: Any, context: Any, max_width: Any, justification_spacing: float
    ) -> Any:
        if max_width is not None or style["text_decoration_line"] != "none":
            return stock(text, style, context, max_width, justification_spacing)  # decorations need metrics
        layout = line_break.Layout.__new__(line_break.Layout)
        layout.justification_spacing = justification_spacing
        layout.max_width, layout.first_line_direction = None, 0
        layout.ascent = layout.underline_position = layout.strikethrough_position = None
        layout.layout = layout.language = None
        layout.style = style
        newline = text.find("\n")
        layout.text = text if newline == -1 else text[: newline + 2]  # as Layout.set_text keeps it
        return layout

    return create_layout


@contextmanager
def one_run_per_line() -> Iterator[None]:
    """While active, justified lines are drawn with widened spaces (WeasyPrint 70's Layout only)."""
    set_text, create_layout = line_break.Layout.set_text, inline.create_layout
    with (
        replaced(line_break.Layout, "set_text", _justified_set_text(set_text)),
        replaced(inline, "create_layout", _text_only_layout(create_layout)),
    ):
        yield
