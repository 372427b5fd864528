"""PDF page labels, so a viewer shows the printed folios (v, 1, 2) rather than sheet counts.

WeasyPrint writes none; they are added to the catalog by a finisher just before the file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydyf

ROMAN, ARABIC = "/r", "/D"


def finisher(ranges: list[tuple[int, str]]) -> Callable[[Any, pydyf.PDF], None]:
    """A WeasyPrint finisher writing `ranges`: (first page index, numbering style), each from 1."""

    def add_labels(document: Any, pdf: pydyf.PDF) -> None:
        nums: list[Any] = []
        for start, style in ranges:
            nums += [start, pydyf.Dictionary({"S": style})]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(nums)})

    return add_labels


def ranges(body_start: int | None) -> list[tuple[int, str]]:
    """Front matter in lower-roman from i, the body in arabic from 1 (as print.css numbers them)."""
    if body_start is None:
        return [(0, ROMAN)]
    if body_start == 0:
        return [(0, ARABIC)]
    return [(0, ROMAN), (body_start, ARABIC)]
