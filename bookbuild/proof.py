"""Proofs: chosen pages or two-page spreads of the print edition as PNG images, to look at before printing.

Pages are counted in the file, from 1 (the half-title), not by the printed folios. A spread is what
an open book shows: a verso on the left and the recto after it on the right; the first page, a
recto, stands alone.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from bookbuild.errors import BookError

RANGE = re.compile(r"(\d+)(?:-(\d+))?")
GAP = 12  # pixels between the two pages of a spread


def page_numbers(spec: str, count: int) -> list[int]:
    """1-based page numbers from "1-12,40,51-52", limited to the pages the file has."""
    pages: list[int] = []
    for part in spec.split(","):
        match = RANGE.fullmatch(part.strip())
        if not match:
            raise BookError(f"--pages: {part!r} is not a page or a range such as 1-12")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first < 1 or last < first:
            raise BookError(f"--pages: {part!r} is not a range of pages counted from 1")
        pages += range(first, min(last, count) + 1)
    if not pages:
        raise BookError(f"--pages: {spec!r} is past the end of the book ({count} pages)")
    return list(dict.fromkeys(pages))


def spreads(pages: list[int], count: int) -> list[tuple[int, ...]]:
    """The spreads holding these pages: (1,), (2, 3), (4, 5)... odd pages on the right, none past `count`."""
    pairs = ((p,) if p == 1 else (p - p % 2, p - p % 2 + 1) for p in pages)
    return list(dict.fromkeys(tuple(p for p in pair if p <= count) for pair in pairs))


def proof(pdf: Path, out_dir: Path, spec: str, as_spreads: bool = False, dpi: int = 100) -> list[Path]:
    """Render the chosen pages (or their spreads) of `pdf` into `out_dir`; returns the images written."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise BookError(f"cannot read this PDF: {exc}", path=pdf) from None
    try:
        return _render(document, pdf.stem, out_dir, spec, as_spreads, dpi)
    finally:
        document.close()


def _render(
    document: pdfium.PdfDocument, stem: str, out_dir: Path, spec: str, as_spreads: bool, dpi: int
) -> list[Path]:
    count = len(document)
    wanted = page_numbers(spec, count)
    groups = spreads(wanted, count) if as_spreads else [(p,) for p in wanted]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for group in groups:
        images = [document[p - 1].render(scale=dpi / 72).to_pil() for p in group]
        name = "-".join(f"{p:03d}" for p in group)
        target = out_dir / f"{stem}-{'spread' if as_spreads else 'page'}-{name}.png"
        _side_by_side(images).save(target)
        written.append(target)
    return written


def _side_by_side(images: list[Image.Image]) -> Image.Image:
    width = sum(im.width for im in images) + GAP * (len(images) - 1)
    sheet = Image.new("RGB", (width, max(im.height for im in images)), "#888888")
    x = 0
    for im in images:
        sheet.paste(im, (x, 0))
        x += im.width + GAP
    return sheet


def proof_target(
    target: Path,
    out_dir: Path,
    spec: str,
    as_spreads: bool = False,
    dpi: int = 100,
    profile: str | None = None,
) -> list[Path]:
    """Proofs of a PDF file, or of a book folder's print edition built afresh (only the images kept)."""
    if target.suffix.lower() == ".pdf":
        if not target.is_file():
            raise BookError("no such PDF", path=target)
        return proof(target, out_dir, spec, as_spreads, dpi)
    from bookbuild.build import build, config_for, with_option

    config = config_for(target)
    if profile:
        config = with_option(config, "pdf", "profile", profile)
    with tempfile.TemporaryDirectory(prefix="bookbuild-proof-") as tmp:
        pdf = build(config, Path(tmp), ("pdf",))[0].path
        return proof(pdf, out_dir, spec, as_spreads, dpi)
