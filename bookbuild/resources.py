"""Files bookbuild ships beside its code: stylesheets and fonts."""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent.parent / "styles"
FONTS = STYLES / "fonts"
