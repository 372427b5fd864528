"""The `[pdf]` table of book.toml: trim, margins, gutter and the output profile."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bookbuild import config as cfg
from bookbuild.errors import BookError

PROFILES = ("reading", "press")
POINTS_PER = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}
LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(in|mm|cm|pt)\s*")


@dataclass(frozen=True)
class PdfOptions:
    """Lengths are written as in CSS ("6in", "152mm"); `gutter = "auto"` follows the page count."""

    trim_width: str = "6in"
    trim_height: str = "9in"
    margin_top: str = "0.7in"
    margin_bottom: str = "0.75in"
    margin_outside: str = "0.6in"
    margin_inside: str = "0.6in"  # before the gutter is added
    gutter: str = "auto"  # extra inside margin for the binding
    profile: str = "reading"  # "reading": outline, links, page labels; "press": for a printer
    bleed: bool = False  # 0.125in bleed on the outer, top and bottom edges (press only)
    crop_marks: bool = False
    contents_depth: int = 1  # 1: chapters only in the printed contents; 2 or 3: with sections
    font_size: str = "10.5pt"


@dataclass(frozen=True)
class Geometry:
    """The page in points, checked once so the layout code never meets a bad value."""

    width: float
    height: float
    top: float
    bottom: float
    outside: float
    inside: float
    gutter: float | None  # None: chosen from the page count


def read(table: dict[str, Any], where: str, profile: str | None = None) -> PdfOptions:
    """Options from the `[pdf]` table; `profile` (from the command line) wins over the table."""
    opts = cfg.options(PdfOptions, table, where)
    if profile:
        opts = replace(opts, profile=profile)
    if opts.profile not in PROFILES:
        raise BookError(f"profile must be one of {', '.join(PROFILES)}, not {opts.profile!r}", path=where)
    if not 1 <= opts.contents_depth <= 3:
        raise BookError("contents_depth must be 1 (chapters), 2 or 3 (with sections)", path=where)
    geometry(opts, where)
    return opts


def geometry(opts: PdfOptions, where: str = "[pdf]") -> Geometry:
    g = Geometry(
        width=length(opts.trim_width, "trim_width", where),
        height=length(opts.trim_height, "trim_height", where),
        top=length(opts.margin_top, "margin_top", where),
        bottom=length(opts.margin_bottom, "margin_bottom", where),
        outside=length(opts.margin_outside, "margin_outside", where),
        inside=length(opts.margin_inside, "margin_inside", where),
        gutter=None if opts.gutter == "auto" else length(opts.gutter, "gutter", where),
    )
    if g.width - g.outside - g.inside - (g.gutter or 0) < 2 * 72 or g.height - g.top - g.bottom < 3 * 72:
        raise BookError("the margins leave less than a 2in x 3in text area", path=where)
    return g


def length(value: str, key: str, where: str) -> float:
    """A length in points from "6in", "15mm", "1.2cm" or "12pt"."""
    match = LENGTH.fullmatch(value)
    if not match or (float(match.group(1)) <= 0 and key != "gutter"):
        raise BookError(f"{key} must be a length such as '6in' or '152mm', not {value!r}", path=where)
    return float(match.group(1)) * POINTS_PER[match.group(2)]


# (up to this many pages, least inside margin a print-on-demand binding accepts, gutter we add), in
# inches: KDP's table of inside margins, and a gutter that grows with the spine's thickness.
GUTTER_BANDS = ((150, 0.375, 0.125), (300, 0.5, 0.1875), (500, 0.625, 0.25), (700, 0.75, 0.3125))
THICKEST = (0.875, 0.375)


def auto_gutter(pages: int, inside: float) -> float:
    """The gutter (points) for a book this thick, on top of an `inside` margin (points)."""
    least, extra = next(((lo, ex) for limit, lo, ex in GUTTER_BANDS if pages <= limit), THICKEST)
    return max(extra * 72, least * 72 - inside)
