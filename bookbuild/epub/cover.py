"""The cover: the book's own image used as is, or a typographic one drawn from its metadata.

The drawn cover is 1600×2560 (the 1:1.6 shape the Kindle and Kobo stores ask for), set in
the Charis SIL shipped in styles/fonts, so it looks the same on every machine and two
builds give the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image, ImageColor, ImageDraw, ImageFont

from bookbuild import model as m
from bookbuild.epub.matter import our_words
from bookbuild.errors import BookError
from bookbuild.render import xhtml
from bookbuild.resources import FONTS

WIDTH, HEIGHT = 1600, 2560
MARGIN = 180
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif"}


def cover_image(meta: m.Metadata, background: str, foreground: str, where: str) -> tuple[str, bytes]:
    """(file name inside the EPUB, image bytes) of the book's cover."""
    ground, ink = _colour(background, where), _colour(foreground, where)  # checked even when unused
    given = meta.cover_image
    if given is None:
        return "images/cover.jpg", typographic(meta, ground, ink)
    suffix = given.suffix.lower()
    if suffix not in IMAGE_TYPES:
        raise BookError("the cover must be a JPEG, PNG or GIF image", path=given, hint="check [book] cover")
    if not given.is_file():
        raise BookError("cover image not found", path=given, hint="check [book] cover")
    return f"images/cover{suffix}", given.read_bytes()


def _colour(value: str, where: str) -> tuple[int, int, int]:
    try:
        return ImageColor.getrgb(value)[:3]
    except ValueError:
        raise BookError(f"{value!r} is not a colour (try '#1d2b36')", path=where) from None


def typographic(meta: m.Metadata, background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    """Title, subtitle and authors on a plain ground, framed by two rules."""
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    y = 560
    y = _block(draw, meta.title, "Bold", 200, 5, width, y, ink, leading=1.12)
    y += 90
    draw.line([(WIDTH / 2 - 160, y), (WIDTH / 2 + 160, y)], fill=ink, width=6)
    y += 110
    if meta.subtitle:
        _block(draw, meta.subtitle, "Italic", 96, 4, width, y, ink, leading=1.25)
    if meta.authors:
        names = ", ".join(meta.authors)
        size, rows = _fit(names, "Regular", 84, 3, width)
        _block(
            draw, names, "Regular", size, 3, width, HEIGHT - 300 - len(rows) * size * 1.3, ink, leading=1.3
        )
    frame = 70
    draw.rectangle([frame, frame, WIDTH - frame, HEIGHT - frame], outline=ink, width=4)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, optimize=True)
    return out.getvalue()


def _font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"CharisSIL-{style}.ttf"), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy wrapping, then the narrowest measure that keeps as few lines: balanced lines,
    never a lone word under a long line."""
    lines = _greedy(text, font, width)
    low, high = 1, width
    while low < high:
        mid = (low + high) // 2
        if len(_greedy(text, font, mid)) <= len(lines):
            high = mid
        else:
            low = mid + 1
    return _greedy(text, font, high)


def _greedy(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, style: str, size: int, max_lines: int, width: int) -> tuple[int, list[str]]:
    """The largest size up to `size` at which `text` wraps into `max_lines` lines that fit."""
    while True:
        font = _font(style, size)
        lines = _wrap(text, font, width)
        fits = len(lines) <= max_lines and all(font.getlength(ln) <= width for ln in lines)
        if fits or size <= 28:
            return size, lines
        size = int(size * 0.92)


def _block(
    draw: ImageDraw.ImageDraw,
    text: str,
    style: str,
    size: int,
    max_lines: int,
    width: int,
    top: float,
    ink: tuple[int, int, int],
    leading: float,
) -> float:
    """Draw `text` centred from `top`; return the y below it."""
    size, lines = _fit(text, style, size, max_lines, width)
    font = _font(style, size)
    y = top
    for line in lines:
        draw.text((WIDTH / 2, y), line, font=font, fill=ink, anchor="ma")
        y += size * leading
    return y


def cover_page(meta: m.Metadata, image_href: str) -> etree._Element:
    """The first page: the cover image, described for readers who cannot see it."""
    by = f" by {', '.join(meta.authors)}" if meta.authors else ""
    section = xhtml.el("section", {"class": "cover", "aria-label": "Cover"})
    alt = f"Cover of {meta.title}" + (f": {meta.subtitle}" if meta.subtitle else "") + by
    attrs = {"src": image_href, "alt": alt, xhtml.EPUB_TYPE: "cover", "role": "doc-cover"}
    xhtml.sub(section, "img", {**attrs, **our_words(meta.language)})
    return section


def media_type(name: str) -> str:
    return IMAGE_TYPES[Path(name).suffix.lower()]
