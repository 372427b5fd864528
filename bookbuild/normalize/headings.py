"""Which blocks are headings, and at what level.

Chapter lines ("Chapter 3: Rise", "PART TWO"), numbered sections ("3.2 …", "5.1.2 …"),
Markdown `#` headings, lines the outline names, and short unnumbered lines standing
alone ("Family Background", "1. The Vision") that sit one level below the numbered
heading they follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bookbuild.model import Role
from bookbuild.normalize.blocks import Block, merge

NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
CHAPTER = re.compile(
    rf"^((?:chapter|part|book)\s+(?:\d+|[ivxlc]+|(?:{NUMBER_WORDS})(?:[- ](?:{NUMBER_WORDS}))?))"
    r"(?:\s*[:.\u2014\u2013-]\s*|\s+|$)(.*)$",
    re.IGNORECASE,
)
ROMAN = re.compile(r"^([IVXLC]{1,7})(?:\.|\.\s+(\S.*))?$")  # "IV." alone, or "IV. The Storm"
NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)$")
ITEM_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
MARKDOWN = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$")
WRAPPED_BOLD = re.compile(r"^(\*\*|__)(.+)\1$")
TERMINAL = ".,;:!?…"
FOOTNOTE_REF = re.compile(r"(?:\[\^?[\w-]{1,8}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+$")  # "… slowly.[^1]", "… slowly.²"
ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")  # "… the U.S." ends a title, not a sentence
# Closing headings belong to the section, not to its last numbered subsection.
CLOSING = {"summary", "conclusion", "conclusions", "key takeaways", "final thoughts", "takeaways"}
# Unnumbered top-level pieces that are not chapters: front matter before the first chapter,
# back matter after the last one.
FRONT_MATTER = re.compile(r"^(preface|foreword|prologue|introduction|dedication|author s note|a note .*)$")
BACK_MATTER = re.compile(
    r"^(afterword|about the authors?|acknowledge?ments|appendix.*|bibliography|references|glossary|notes"
    r"|index)$"
)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
SENTENCE_CASE_WORDS = 6  # a longer heading is in title case; a longer sentence-case line is prose


@dataclass(frozen=True)
class Parsed:
    level: int
    label: str
    title: str


def parse(text: str, trusted: bool = False) -> Parsed | None:
    """A heading's level, number and title when its wording says it is one.

    `trusted`: the outline names this line, so a title ending in "U.S." or "Yahoo!" is fine.
    """
    text = _unbold(" ".join(text.split()))
    if m := MARKDOWN.match(text):
        inner = parse(m.group(2), trusted)
        if inner is not None and inner.level == 1:
            return inner  # "## Chapter 3" is a chapter whatever its marker says
        return Parsed(len(m.group(1)), inner.label if inner else "", inner.title if inner else m.group(2))
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return None
    if (m := CHAPTER.match(text)) and (not m.group(2) or _title_like(m.group(2))):
        return Parsed(1, m.group(1), m.group(2).strip())
    if (m := ROMAN.match(text)) and (not m.group(2) or _title_like(m.group(2))):
        return Parsed(1, m.group(1), (m.group(2) or "").strip())
    if (m := NUMBERED.match(text)) and (trusted or _title_like(m.group(2))):
        return Parsed(min(6, m.group(1).count(".") + 1), m.group(1), m.group(2))
    return None


def is_short_heading(text: str) -> bool:
    """A short line that reads as a title: capitalised, no sentence punctuation at its end."""
    text = _unbold(" ".join(text.split()))
    if m := ITEM_NUMBER.match(text):
        text = m.group(2)
    return (
        bool(text)
        and "**" not in text
        and len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and _title_like(text)
        and (len(text.split()) <= SENTENCE_CASE_WORDS or _title_case(text))
    )


def _title_case(text: str) -> bool:
    """Most longer words capitalised: a title, not a sentence that lost its full stop."""
    long_words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return sum(w[0].isupper() for w in long_words) * 2 >= len(long_words)


def _title_like(title: str) -> bool:
    """Starts like a title and does not end like a sentence ("… the U.S." and "Yahoo!" may end a title)."""
    end = FOOTNOTE_REF.sub("", title).rstrip("\"'”’)*_]") or title
    if end[-1] in "!?":
        ends_open = _title_case(title)
    else:
        ends_open = end[-1] not in TERMINAL or bool(ABBREVIATION_END.search(end))
    first_word = title.split()[0]
    starts = title[0].isupper() or title[0].isdigit() or title[0] in "\"'“‘" or _camel_case(first_word)
    return starts and ends_open


def _continues_sentence(line: str) -> bool:
    """Starts in lower case, as the rest of a cut sentence does ("eBay's …" starts a new one)."""
    words = line.split()
    return bool(words) and words[0][0].islower() and not _camel_case(words[0])


def _camel_case(word: str) -> bool:
    """A brand written in lower camel case ("eBay", "iPhone") may open a title."""
    return word[0].islower() and any(c.isupper() for c in word[1:])


def _unbold(text: str) -> str:
    m = WRAPPED_BOLD.match(text)
    return m.group(2).strip() if m and "**" not in m.group(2) else text


def separate(blocks: list[Block]) -> list[Block]:
    """A heading line with text right under it (no blank line between) becomes its own block.

    "CHAPTER I." over "THE BEGINNING" is one heading: the label and its title.
    """
    out: list[Block] = []
    for block in blocks:
        parsed = parse(block.lines[0]) if len(block.lines) > 1 else None
        if parsed is None or not (parsed.title == "" or _title_case(parsed.title)):
            out.append(block)
            continue
        take = 1
        if parsed.level == 1 and not parsed.title and is_short_heading(block.lines[1]):
            take = 2  # the chapter's title on the line under its number
        heading = block.lines[0].strip()
        if take == 2:
            heading = titled(heading, block.lines[1].strip())
        out.append(Block([heading], block.first, block.first + take - 1, raw="\n".join(block.lines[:take])))
        if take < len(block.lines):
            rest = block.lines[take:]
            out.append(Block(rest, block.first + take, block.last, raw="\n".join(rest)))
    return out


def classify(blocks: list[Block], outline_titles: dict[str, int]) -> None:
    """Mark heading blocks; `outline_titles` maps a normalised title to its outline level."""
    context = 1  # level of the last numbered heading: unnumbered ones go one below it
    section = 1  # level of the last section-level heading of the chapter
    run_level: int | None = None  # "1. …", "2. …" titles right under an unnumbered heading nest in it
    numbered_chapters = _numbered_chapters(blocks)
    for i, block in enumerate(blocks):
        if block.kind != "text" or len(block.lines) != 1:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and nxt.kind == "text" and _continues_sentence(nxt.lines[0]):
            continue  # the next block continues this line: a paragraph cut short
        line = " ".join(block.lines[0].split())
        level = outline_titles.get(key(line))
        parsed = parse(line, trusted=level is not None) or numbered_chapters.get(line)
        level = parsed.level if parsed else level
        if level is not None:
            context, run_level = level, None
            section = level if level <= 2 else section
            if level == 1:
                section = 1
            _mark(block, line, level, parsed.label if parsed else "")
        elif is_short_heading(line) and _followed_by_text(nxt, line):
            prev = blocks[i - 1] if i else None
            if not ITEM_NUMBER.match(line):
                run_level = None
            elif run_level is None and prev is not None and prev.kind == "heading" and prev.level > context:
                run_level = prev.level + 1
            closing = _unbold(line).lower().partition(":")[0] in CLOSING
            default = (min(context, section) if closing else context) + 1
            _mark(block, line, min(6, run_level or default), "")


def attach_titles(blocks: list[Block]) -> list[Block]:
    """ "Chapter 4" with its title on the next line, a blank between: one heading, "Chapter 4: Title"."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "heading"
            and prev.level == 1
            and (
                (block.kind == "heading" and not block.label and block.level > 1)
                or (block.kind == "text" and _capitals_title(block.lines))
            )
            and (parsed := parse(prev.text)) is not None
            and not parsed.title
        ):
            prev.text = titled(prev.text, block.text or block.lines[0].strip().rstrip("."))
            merge(prev, block)
            continue
        out.append(block)
    return out


def _capitals_title(lines: list[str]) -> bool:
    """A short line in capitals under a chapter number is its title, full stop or not ("THE STORM.")."""
    text = " ".join(lines[0].split())
    return len(lines) == 1 and text.isupper() and len(text.split()) <= SENTENCE_CASE_WORDS


def titled(label: str, title: str) -> str:
    """A chapter label and its title printed apart, as one heading: "II. Title", "Chapter 4: Title"."""
    return f"{label}{' ' if label.endswith(('.', ':')) else ': '}{title}"


def promote_top(blocks: list[Block]) -> None:
    """No chapter headings but several headings of one top rank: those are the chapters."""
    found = [b for b in blocks if b.kind == "heading"]
    top = min((b.level for b in found), default=1)
    if top > 1 and sum(b.level == top for b in found) >= 2:
        for block in found:
            block.level -= top - 1


def promote_matter(blocks: list[Block]) -> None:
    """ "Preface" before the first chapter and "About the Author" after the last are their own pieces."""
    chapters = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and b.label]
    if not chapters:
        return
    for i, block in enumerate(blocks):
        if block.kind != "heading" or block.label:
            continue
        name = key(block.text)
        if (i < chapters[0] and FRONT_MATTER.match(name)) or (i > chapters[-1] and BACK_MATTER.match(name)):
            block.level = 1


def matter_role(block: Block) -> Role:
    """The role of a top-level piece: "frontmatter", "backmatter" or "chapter"."""
    if block.label:
        return "chapter"
    name = key(block.text)
    return (
        "frontmatter" if FRONT_MATTER.match(name) else "backmatter" if BACK_MATTER.match(name) else "chapter"
    )


def _numbered_chapters(blocks: list[Block]) -> dict[str, Parsed]:
    """In a text with no "Chapter" lines, "3. Title" lines are its chapters when sections 3.1, 3.2 follow."""
    lines = [" ".join(b.lines[0].split()) for b in blocks if b.kind == "text" and len(b.lines) == 1]
    parsed = [p for p in map(parse, lines) if p is not None]
    if any(p.level == 1 for p in parsed):
        return {}
    prefixes = {p.label.partition(".")[0] for p in parsed if p.label.count(".") == 1}
    found: dict[str, Parsed] = {}
    last = 0
    for line in lines:
        m = ITEM_NUMBER.match(line)
        if m and m.group(1) in prefixes and int(m.group(1)) == last + 1 and is_short_heading(line):
            found[line] = Parsed(1, m.group(1), m.group(2))
            last += 1
    return found


def _followed_by_text(nxt: Block | None, line: str) -> bool:
    """A lone numbered line is a title, unless the next block carries on its count ("1. Figs", "2. Nuts")."""
    if nxt is None:
        return False
    this, following = ITEM_NUMBER.match(line), ITEM_NUMBER.match(nxt.lines[0].strip())
    return not (this and following and int(following.group(1)) == int(this.group(1)) + 1)


def _mark(block: Block, line: str, level: int, label: str) -> None:
    block.kind = "heading"
    block.level = level
    block.label = label
    block.text = _unbold(MARKDOWN.sub(r"\2", line))


def key(title: str) -> str:
    """Titles compared loosely: case, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"\w+", title.lower()))
