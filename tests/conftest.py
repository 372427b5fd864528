"""Shared fixtures: the real books, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookbuild import config as cfg
from bookbuild.backends import Edition
from bookbuild.build import build

ROOT = Path(__file__).resolve().parent.parent
MANUSCRIPTS = ROOT / "manuscript"
BIOGRAPHY = MANUSCRIPTS / "jack-ma-visionary-legacy"
ESSAY = MANUSCRIPTS / "ecommerce-pioneer"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Edition]]:
    """Both seed books built into a temporary dist/: {slug: {format: Edition}}."""
    out = tmp_path_factory.mktemp("dist")
    editions: dict[str, dict[str, Edition]] = {}
    for book_dir in (BIOGRAPHY, ESSAY):
        config = cfg.load(book_dir)
        editions[config.slug] = {e.format: e for e in build(config, out)}
    return editions
