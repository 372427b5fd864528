"""The canonical manuscript: what the normalizer produces and the loader reads.

On disk it is a folder a person can review and edit:

    manuscript.toml   metadata and the ordered list of documents with their roles
    01-….md           one Markdown file per chapter (front/back matter their own files)
    report.md         every block the normalizer removed, and why (report.json: the same, for tools)
    .bookbuild.json   checksums of the files as generated

The checksums are how hand edits are respected: `write` refuses to replace a
file whose content no longer matches what bookbuild wrote, unless forced.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import tomli_w

from bookbuild.errors import BookError
from bookbuild.model import Role

MANIFEST = ".bookbuild.json"
INDEX = "manuscript.toml"
REPORT_MD = "report.md"
REPORT_JSON = "report.json"
ROLES: tuple[Role, ...] = ("frontmatter", "chapter", "backmatter")


@dataclass(frozen=True)
class Document:
    filename: str
    role: Role
    text: str  # CommonMark; a chapter starts with its `# ` title


@dataclass(frozen=True)
class Removal:
    """One block the normalizer left out of the canonical text."""

    reason: str  # short code: "toc", "draft-duplicate", "near-duplicate", "boilerplate", …
    explanation: str  # a sentence a person understands
    first_line: int  # 1-based lines in the raw source
    last_line: int
    text: str  # the removed text, verbatim
    superseded_by: str | None = None  # where the text that replaces it lives
    similarity: float | None = None  # 0..1 when a similarity decided it
    id: str = ""  # stable key, usable in book.toml to keep the block


@dataclass
class Manuscript:
    metadata: dict[str, str | list[str]]  # title, subtitle, authors, language, description
    documents: list[Document]
    removals: list[Removal] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)  # what the normalizer changed
    source: str = ""  # the raw file it came from


def _digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def report_markdown(ms: Manuscript) -> str:
    """The removal report, for a person checking every decision."""
    lines = [f"# Normalization report: {ms.metadata.get('title', '')}", ""]
    if ms.source:
        lines += [f"Source: `{ms.source}`", ""]
    if ms.stats:
        lines += ["| what | count |", "| --- | ---: |"]
        lines += [f"| {k} | {v} |" for k, v in ms.stats.items()]
        lines.append("")
    lines += [f"## Removed blocks ({len(ms.removals)})", ""]
    for r in ms.removals:
        sim = f", similarity {r.similarity:.2f}" if r.similarity is not None else ""
        by = f"; superseded by {r.superseded_by}" if r.superseded_by else ""
        lines.append(f"### `{r.id}` lines {r.first_line}–{r.last_line}: {r.reason}{sim}")
        lines += ["", f"{r.explanation}{by}", ""]
        lines += ["> " + ln if ln else ">" for ln in r.text.splitlines()]
        lines.append("")
    return "\n".join(lines)


def _files(ms: Manuscript) -> dict[str, str]:
    index = {
        "metadata": {k: v for k, v in ms.metadata.items() if v},
        "contents": [{"file": d.filename, "role": d.role} for d in ms.documents],
    }
    files = {INDEX: tomli_w.dumps(index)}
    files.update({d.filename: d.text for d in ms.documents})
    files[REPORT_MD] = report_markdown(ms)
    report = {"source": ms.source, "stats": ms.stats, "removals": [asdict(r) for r in ms.removals]}
    files[REPORT_JSON] = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    return files


def hand_edited(folder: Path) -> list[str]:
    """Files in `folder` changed since bookbuild wrote them (or with no record of it)."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        return sorted(p.name for p in folder.iterdir() if p.suffix in {".md", ".toml"})
    recorded = json.loads(manifest_path.read_text("utf-8"))
    changed = []
    for name, digest in recorded.items():
        path = folder / name
        if path.exists() and _digest(path.read_text("utf-8")) != digest:
            changed.append(name)
    return changed


def write(ms: Manuscript, folder: Path, force: bool = False) -> list[Path]:
    """Write the canonical manuscript; never silently replace a hand-edited one."""
    if folder.exists() and any(folder.iterdir()) and not force:
        edited = hand_edited(folder)
        if edited:
            raise BookError(
                f"{', '.join(edited)} changed since bookbuild wrote it",
                path=folder,
                hint="keep your edits, or pass --force to overwrite them",
            )
    folder.mkdir(parents=True, exist_ok=True)
    files = _files(ms)
    written = []
    for name, data in files.items():
        path = folder / name
        path.write_text(data, encoding="utf-8", newline="\n")
        written.append(path)
    stale = {p.name for p in folder.glob("*.md")} - set(files)
    for name in stale:  # documents of an earlier run that this one does not produce
        (folder / name).unlink()
    manifest = {name: _digest(data) for name, data in files.items()}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", "utf-8")
    return written


def read(folder: Path) -> Manuscript:
    """Load a canonical manuscript folder, hand-edited or not."""
    index_path = folder / INDEX
    if not index_path.is_file():
        raise BookError(f"no {INDEX} in the canonical manuscript folder", path=folder)
    try:
        index = tomllib.loads(index_path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BookError(f"invalid TOML: {exc}", path=index_path) from None
    documents = []
    for entry in index.get("contents", []):
        name, role = entry.get("file"), entry.get("role", "chapter")
        if role not in ROLES:
            raise BookError(f"role must be one of {', '.join(ROLES)}, not {role!r}", path=index_path)
        path = folder / str(name)
        if not path.is_file():
            raise BookError("listed in contents but missing", path=path)
        documents.append(Document(str(name), role, path.read_text("utf-8")))
    return Manuscript(metadata=dict(index.get("metadata", {})), documents=documents, source=str(folder))
