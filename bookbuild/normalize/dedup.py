"""What is said twice is kept once.

- drafts: a chapter whose section numbering starts again (N.1 after N.4) holds two
  drafts of its sections; the draft matching the outline (or, without one, the fuller
  one) stays, provided the texts really are about the same thing.
- boilerplate: a short block repeated word for word (a donation request, a notice).
- near duplicates: any paragraph whose word shingles largely match an earlier one
  (MinHash + LSH, so the cost grows with the text, not with its square).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from rapidfuzz import fuzz

from bookbuild.manuscript import Removal
from bookbuild.normalize import headings
from bookbuild.normalize.blocks import Block
from bookbuild.normalize.chapters import Chapter, Section, passes, sections
from bookbuild.normalize.minhash import BandIndex, signatures
from bookbuild.normalize.report import removal, where, words

BOILERPLATE_WORDS = (5, 60)  # a repeated run this long is a notice, not a repeated thought
BOILERPLATE_WINDOW = 3  # blocks a notice may span (the layout of each copy can differ)
NEAR_DUP_MIN_WORDS = 12
SAME_TITLE = 90  # rapidfuzz ratio from which two headings name the same section
SHINGLE = 3
NUM_PERM = 32
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    keep: frozenset[str]  # removal ids a person wants kept after all
    drop_boilerplate: bool
    min_draft_similarity: float
    near_duplicate_threshold: float
    decided: set[str] = field(default_factory=set)  # every removal id proposed, kept or not

    def keeps(self, entry: Removal) -> bool:
        """Whether book.toml overrides this removal; records the id so unknown ids can be reported."""
        self.decided.add(entry.id)
        return entry.id in self.keep


# --- boilerplate -----------------------------------------------------------


def boilerplate(blocks: list[Block], policy: Policy) -> tuple[list[Block], list[Block], list[Removal]]:
    """Repeated notices: all copies but the last go (every copy with `drop_boilerplate`).

    Returns the blocks left, the kept copy when it closes the text (it becomes back
    matter), and the removals.
    """
    groups = [runs for runs in _repeated_runs(blocks) if _outside_the_text(runs, blocks)]
    gone: set[int] = set()
    removals: list[Removal] = []
    trailing: list[Block] = []
    for runs in groups:
        kept = None if policy.drop_boilerplate else runs[-1]
        for run in runs:
            if run is kept:
                continue
            explained = (
                "a notice repeated in the text; book.toml says [normalize] boilerplate = 'drop'"
                if kept is None
                else f"a notice repeated {len(runs)} times in the text; it is kept once, at its last place"
            )
            entry = removal(
                "boilerplate",
                explained,
                [blocks[i] for i in run],
                where([blocks[i] for i in kept]) if kept else None,
                1.0,  # the same words
            )
            if not policy.keeps(entry):
                removals.append(entry)
                gone.update(run)
    left = [b for i, b in enumerate(blocks) if i not in gone]
    while left and groups and any(left[-1] is blocks[run[-1]] for runs in groups for run in runs):
        # the kept notice closes the book: it is back matter, not part of the last chapter
        run = next(run for runs in groups for run in runs if left[-1] is blocks[run[-1]])
        trailing[:0] = [blocks[i] for i in run]
        del left[len(left) - len(run) :]
    return left, trailing, removals


def _repeated_runs(blocks: list[Block]) -> list[list[tuple[int, ...]]]:
    """Runs of 1–3 consecutive non-heading blocks whose words repeat elsewhere, longest runs first."""
    lo, hi = BOILERPLATE_WORDS
    block_words = [words(b.plain()) if b.kind != "heading" and b.words <= hi else None for b in blocks]
    seen: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for start in range(len(blocks)):
        text: list[str] = []
        for i in range(start, min(start + BOILERPLATE_WINDOW, len(blocks))):
            more = block_words[i]
            if more is None or len(text) + len(more) > hi:
                break
            text += more
            if len(text) >= lo:
                seen[" ".join(text)].append(tuple(range(start, i + 1)))
    claimed: set[int] = set()
    groups: list[list[tuple[int, ...]]] = []
    for runs in sorted(seen.values(), key=lambda runs: (-max(map(len, runs)), runs[0])):
        apart = _non_overlapping(sorted(r for r in runs if not claimed.intersection(r)))
        if len(apart) > 1:
            groups.append(apart)
            claimed.update(i for run in apart for i in run)
    return sorted(groups, key=lambda g: g[0][0])


def _outside_the_text(runs: list[tuple[int, ...]], blocks: list[Block]) -> bool:
    """A notice stands before the first chapter, closes the book, or recurs; a repeated paragraph does not."""
    first_chapter = next(
        (i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), len(blocks)
    )
    return len(runs) > 2 or runs[0][0] < first_chapter or runs[-1][-1] == len(blocks) - 1


def _non_overlapping(runs: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = []
    for run in runs:
        if not out or run[0] > out[-1][-1]:
            out.append(run)
    return out


# --- drafts ------------------------------------------------------------------


def drafts(
    chapter: Chapter, outline_sections: Sequence[str], policy: Policy
) -> tuple[list[Block], list[Removal]]:
    """The chapter's blocks with one draft per section; `outline_sections` are its outline titles."""
    intro, found = sections(chapter)
    runs = passes(found)
    if len(runs) < 2:
        return chapter.blocks, []
    best = max(runs, key=lambda run: (_outline_match(run, outline_sections), _words(run)))
    matched = bool(outline_sections) and _outline_match(best, outline_sections) > max(
        _outline_match(run, outline_sections) for run in runs if run is not best
    )
    kept = list(best)
    vocabularies = [_vocabulary(s) for s in best]
    removals: list[Removal] = []
    for run in runs:
        if run is best:
            continue
        for section in run:
            twin, similarity = _counterpart(section, best, vocabularies)
            unrelated = not matched and similarity < policy.min_draft_similarity
            if unrelated or _only_here(section, best, outline_sections):
                _insert_by_number(kept, section)  # not a draft of a kept section, or the outline wants it
                continue
            why = "matches the table of contents" if matched else "is the fuller one"
            entry = removal(
                "draft-duplicate",
                f"{chapter.title}: its sections are numbered twice ({runs[0][0].heading.label} on line "
                f"{runs[0][0].heading.first}, again on line {runs[1][0].heading.first}), two drafts of the "
                f"same sections; the draft from line {best[0].heading.first} stays because it {why}",
                section.blocks,
                where(twin.blocks),
                similarity,
            )
            if policy.keeps(entry):
                _insert_by_number(kept, section)
            else:
                removals.append(entry)
    if not removals:
        return chapter.blocks, []
    return intro + [b for s in kept for b in s.blocks], removals


def _insert_by_number(kept: list[Section], section: Section) -> None:
    """After the last kept section numbered no higher: 2.5 of one draft goes after 2.4 of the other."""
    at = max((i + 1 for i, s in enumerate(kept) if s.number <= section.number), default=0)
    kept.insert(at, section)


def _only_here(section: Section, best: list[Section], outline_sections: Sequence[str]) -> bool:
    """The outline names this section and the kept draft has nothing by that name."""
    title = headings.key(section.heading.text)
    named = [t for t in outline_sections if fuzz.ratio(headings.key(t), title) >= SAME_TITLE]
    kept = {headings.key(s.heading.text) for s in best}
    return bool(named) and not any(fuzz.ratio(headings.key(t), k) >= SAME_TITLE for t in named for k in kept)


def duplicate_chapters(
    chapters: list[Chapter], outline_titles: dict[str, str], policy: Policy
) -> tuple[list[Chapter], list[Removal]]:
    """A chapter number used twice: two drafts of the chapter, one stays (as for sections).

    `outline_titles` maps a chapter label ("chapter 3") to its title in the outline.
    """
    by_label: dict[str, list[Chapter]] = defaultdict(list)
    for chapter in chapters:
        if chapter.heading is not None and chapter.heading.label:
            by_label[chapter.heading.label.lower()].append(chapter)
    gone: set[int] = set()
    removals: list[Removal] = []
    for label, copies in by_label.items():
        if len(copies) < 2:
            continue
        wanted = headings.key(outline_titles.get(label, ""))
        score = {id(c): fuzz.ratio(headings.key(c.title), wanted) if wanted else 0.0 for c in copies}
        best = max(copies, key=lambda c: (score[id(c)], sum(b.words for b in c.blocks)))
        matched = bool(wanted) and score[id(best)] > max(score[id(c)] for c in copies if c is not best)
        vocabulary = _chapter_vocabulary(best)
        for other in copies:
            similarity = containment(_chapter_vocabulary(other), vocabulary)
            if other is best or (not matched and similarity < policy.min_draft_similarity):
                continue
            why = "matches the table of contents" if matched else "is the fuller one"
            entry = removal(
                "draft-duplicate",
                f"{other.heading.label} appears twice, two drafts of the same chapter; the one from line "
                f"{best.heading.first} stays because it {why}",
                [other.heading, *other.blocks],
                where([best.heading]),
                similarity,
            )
            if not policy.keeps(entry):
                removals.append(entry)
                gone.add(id(other))
    return [c for c in chapters if id(c) not in gone], removals


def _chapter_vocabulary(chapter: Chapter) -> set[str]:
    return set(words(" ".join(b.plain() for b in chapter.blocks)))


def _outline_match(run: list[Section], outline_sections: Sequence[str]) -> float:
    """How well a draft's section titles match the outline's, 0..1."""
    if not outline_sections:
        return 0.0
    titles = [headings.key(s.heading.text) for s in run]
    total = sum(max(fuzz.ratio(headings.key(t), title) for title in titles) for t in outline_sections)
    return total / (100 * max(len(outline_sections), len(titles)))


def _words(run: list[Section]) -> int:
    return sum(b.words for s in run for b in s.blocks)


def _counterpart(
    section: Section, kept: list[Section], vocabularies: list[set[str]]
) -> tuple[Section, float]:
    """The kept section this draft section duplicates: same number, else the most similar text."""
    vocabulary = _vocabulary(section)
    scored = [(containment(vocabulary, words_of), s) for words_of, s in zip(vocabularies, kept, strict=True)]
    same = [(score, other) for score, other in scored if other.number == section.number]
    score, other = max(same or scored, key=lambda pair: pair[0])
    return other, score


def _vocabulary(section: Section) -> set[str]:
    """The words of a section's text: a rewritten draft keeps most of them, another topic does not."""
    return set(words(" ".join(b.plain() for b in section.blocks[1:])))


# --- near duplicates -----------------------------------------------------------


def shingles(text: str) -> set[bytes]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def near_duplicates(blocks: list[Block], policy: Policy) -> tuple[set[int], list[Removal]]:
    """Indexes of blocks that repeat an earlier block nearly word for word, and their removals."""
    candidates = [
        (i, shingles(b.plain()))
        for i, b in enumerate(blocks)
        if b.kind != "heading" and b.words >= NEAR_DUP_MIN_WORDS
    ]
    if len(candidates) < 2:
        return set(), []
    index = BandIndex(*_bands(policy.near_duplicate_threshold))
    gone: set[int] = set()
    removals: list[Removal] = []
    hashes = signatures((s for _, s in candidates), NUM_PERM)
    sets = dict(candidates)
    for (i, shingle_set), signature in zip(candidates, hashes, strict=True):
        match = _best(shingle_set, ((j, sets[j]) for j in index.query(signature)))
        index.insert(i, signature)
        if match is None or match[1] < policy.near_duplicate_threshold:
            continue
        original = blocks[match[0]]
        entry = removal(
            "near-duplicate",
            "repeats an earlier paragraph almost word for word; the earlier copy stays",
            [blocks[i]],
            where([original]),
            match[1],
        )
        if not policy.keeps(entry):
            removals.append(entry)
            gone.add(i)
    return gone, removals


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """LSH bands and rows whose S-curve rises a little below `threshold`: candidates are checked exactly,
    so recall matters more than precision (datasketch's optimiser for this is slow to run per book)."""
    target = max(0.05, threshold - 0.15)
    options = [(b, NUM_PERM // b) for b in range(1, NUM_PERM + 1)]
    return min(options, key=lambda br: abs((1 / br[0]) ** (1 / br[1]) - target))


def _best(shingle_set: set[bytes], earlier: Iterable[tuple[int, set[bytes]]]) -> tuple[int, float] | None:
    scored = [(j, jaccard(shingle_set, other)) for j, other in earlier]
    return max(scored, key=lambda pair: (pair[1], -pair[0]), default=None)


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(part: set[T], whole: set[T]) -> float:
    """Share of `part`'s shingles found in `whole`: a paragraph quoted inside a longer text."""
    return len(part & whole) / len(part) if part else 0.0
