"""Property tests: on generated manuscripts nothing is lost, nothing crashes, output is stable."""

from __future__ import annotations

import warnings
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bookbuild.errors import BookError
from bookbuild.manuscript import Manuscript
from bookbuild.normalize import normalize
from bookbuild.normalize.reading import decode
from bookbuild.normalize.report import unaccounted

WORD = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9),
    st.sampled_from(["the", "of", "and", "1999", "e-commerce", "don't", "’90s", "U.S.", "Ma's", "--", "..."]),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=3, max_size=14))
    end = draw(st.sampled_from([".", ".", "!", "?", ":", ""]))
    text = " ".join(words)
    style = draw(st.sampled_from(["plain", "bold", "italic", "quote"]))
    if style == "bold":
        text = f"**{text}**"
    elif style == "italic":
        text = f"_{text}_"
    elif style == "quote":
        text = f'"{text}"'
    return text[0].upper() + text[1:] + end


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    text = " ".join(draw(st.lists(sentence(), min_size=1, max_size=5)))
    shape = draw(st.sampled_from(["plain", "plain", "wrapped", "cut", "bullet", "label", "numbered"]))
    if shape == "wrapped":  # hard-wrapped at some column
        width = draw(st.integers(20, 70))
        lines, line = [], ""
        for word in text.split():
            if line and len(line) + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*lines, line])
    if shape == "cut":  # a page break in the middle
        words = text.split()
        at = draw(st.integers(1, max(1, len(words) - 1)))
        return " ".join(words[:at]) + "\n\n" + " ".join(words[at:])
    if shape == "bullet":
        return "\n".join(f"- {s}" for s in draw(st.lists(sentence(), min_size=1, max_size=4)))
    if shape == "label":
        return f"- **{draw(sentence()).strip('*.!?:')}:**\n\n{text}"
    if shape == "numbered":
        return "\n".join(
            f"{i}. {s}" for i, s in enumerate(draw(st.lists(sentence(), min_size=1, max_size=4)), 1)
        )
    return text


@st.composite
def heading(draw: st.DrawFn, chapter: int, section: int) -> str:
    title = " ".join(w.capitalize() for w in draw(st.lists(WORD, min_size=1, max_size=5)))
    kind = draw(st.sampled_from(["section", "deep", "sub", "closing"]))
    if kind == "section":
        return f"{chapter}.{section} {title}"
    if kind == "deep":
        return f"{chapter}.{section}.{draw(st.integers(1, 9))} {title}"
    return title if kind == "sub" else draw(st.sampled_from(["Summary", "Conclusion"]))


@st.composite
def manuscript(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):  # a title page: title, blurb, author
        parts.append(" ".join(w.capitalize() for w in draw(st.lists(WORD, min_size=1, max_size=6))))
        parts += draw(st.lists(paragraph(), max_size=1))
        parts += draw(st.lists(st.sampled_from(["Jane Q Writer", "by A. N. Other"]), max_size=1))
    contents: list[str] = []
    chapters = draw(st.integers(0, 4))
    for n in range(1, chapters + 1):
        parts.append(f"Chapter {n}: {' '.join(draw(st.lists(WORD, min_size=1, max_size=5)))}")
        contents.append(parts[-1])
        body: list[str] = []
        for s in range(1, draw(st.integers(0, 4)) + 1):
            body.append(draw(heading(n, s)))
            contents.append(body[-1])
            body += draw(st.lists(paragraph(), min_size=0, max_size=3))
        if body and draw(st.booleans()):  # a second draft: numbering starts again
            body += body[: draw(st.integers(1, len(body)))]
        parts += body
    parts += draw(st.lists(paragraph(), min_size=0, max_size=3))
    if contents and draw(st.booleans()):  # a printed table of contents, dot leaders and page numbers
        leader = draw(st.sampled_from(["\t", ".....\t", " ........ "]))
        toc = "\n".join(f"{entry}{leader}{page}" for page, entry in enumerate(contents, 3))
        parts.insert(min(1, len(parts)), f"Table of Contents\n\n{toc}")
    if draw(st.booleans()) and parts:  # a duplicated paragraph or notice somewhere
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(parts)))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join("\n\n".join(parts).split("\n")) + newline


def _quietly(data: bytes) -> Manuscript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return normalize(data, "generated.txt")


@SETTINGS
@given(manuscript())
def test_every_word_is_kept_or_reported(text: str) -> None:
    data = text.encode("utf-8")
    if not text.strip():
        return
    ms = _quietly(data)
    assert unaccounted(decode(data, "generated.txt"), ms) == Counter()
    assert ms.documents, "a manuscript with text gives at least one document"


@SETTINGS
@given(manuscript())
def test_normalizing_twice_gives_the_same_result(text: str) -> None:
    if not text.strip():
        return
    first, second = _quietly(text.encode()), _quietly(text.encode())
    assert first.documents == second.documents
    assert first.removals == second.removals and first.metadata == second.metadata


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))
    )
)
def test_arbitrary_input_never_crashes(data: bytes) -> None:
    try:
        ms = _quietly(data)
    except BookError:
        return  # empty, binary or undecodable: a clear error is the right answer
    assert all(d.text.endswith("\n") for d in ms.documents)
    assert unaccounted(decode(data, "generated.txt"), ms) == Counter()
