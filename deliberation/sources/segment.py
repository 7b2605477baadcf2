"""Cut a document into blocks and sentences, with offsets, and find its main body.

Pure functions over text, no Django. A web page saved as text carries furniture around the
essay: photo credits, section labels, "keep reading" links, teasers for other articles,
newsletter prompts. None of it is the author's position, so none of it may become a principle.
It is recognised by structure rather than by its words: the essay is long runs of prose
paragraphs; furniture comes as clusters of short lines, and the teasers among it as small runs
of prose fenced by such clusters.
"""

import re
from dataclasses import dataclass

# A prose paragraph says something in sentences: enough words, and it ends like a sentence.
MIN_PROSE_WORDS = 12
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Lines no author writes as part of an argument, whatever the site: calls to action and credits.
FURNITURE = re.compile(
    r"\b(subscribe|newsletter|sign up|keep reading|read more|show less|follow us|share this|"
    r"image credit|photo credit|all rights reserved|first published|cookie|advertisement|"
    r"click here)\b",
    re.IGNORECASE,
)
# Runs of prose smaller than this share of the longest run are teasers, not the essay.
MIN_RUN_SHARE = 0.4
MARKDOWN_NOISE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)")


@dataclass(frozen=True)
class Block:
    """A paragraph or a line that stands alone, as offsets into the document."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_substantial(self) -> bool:
        """Long enough to say something, and not a call to action or a credit."""
        return self.words >= MIN_PROSE_WORDS and not FURNITURE.search(self.text)

    @property
    def is_prose(self) -> bool:
        text = MARKDOWN_NOISE.sub("", self.text).strip()
        return (
            len(text.split()) >= MIN_PROSE_WORDS
            and bool(SENTENCE_END.search(text))
            and not FURNITURE.search(text)
        )


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def blocks(text: str) -> list[Block]:
    """Each paragraph (text between blank lines) split further at line breaks that end a
    sentence or a short line, so one-paragraph-per-line files and hard-wrapped ones both work."""
    found: list[Block] = []
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        lines = list(re.finditer(r"[^\n]+", para.group()))
        piece_start = None
        for i, line in enumerate(lines):
            if piece_start is None:
                piece_start = para.start() + line.start()
            content = line.group().strip()
            last = i == len(lines) - 1
            breaks = (
                last
                or SENTENCE_END.search(content)
                or len(content.split()) < 6
                or len(lines[i + 1].group().split()) < 6
            )
            if breaks:
                end = para.start() + line.end()
                piece = text[piece_start:end]
                stripped = piece.strip()
                if stripped:
                    lead = len(piece) - len(piece.lstrip())
                    found.append(
                        Block(piece_start + lead, piece_start + lead + len(stripped), stripped)
                    )
                piece_start = None
    return found


def body_runs(found: list[Block]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of the blocks that make up the main body.

    A run is prose blocks joined across at most one non-prose block (a subheading, a pull
    quote); two or more in a row end it. Runs much smaller than the longest are teasers.
    """
    runs: list[tuple[int, int, int]] = []  # (first, past last, words)
    i = 0
    while i < len(found):
        if not found[i].is_prose:
            i += 1
            continue
        first, j, words = i, i, 0
        while j < len(found):
            if found[j].is_prose:
                words += found[j].words
                j += 1
            elif j + 1 < len(found) and found[j + 1].is_prose:
                j += 1  # one short line between prose paragraphs: a subheading
            else:
                break
        runs.append((first, j, words))
        i = j
    if not runs:
        return []
    longest = max(words for _, _, words in runs)
    return [(a, b) for a, b, words in runs if words >= MIN_RUN_SHARE * longest]


def body_blocks(text: str) -> list[Block]:
    """The paragraphs of the main body, in order; furniture and teasers left out. A long
    paragraph inside the body counts even if it does not end like a sentence (it may lead
    into a quotation with a colon)."""
    found = blocks(text)
    return [found[k] for a, b in body_runs(found) for k in range(a, b) if found[k].is_substantial]


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the text left out of the body, merged into spans (for showing what was cut)."""
    body = body_blocks(text)
    spans, cursor = [], 0
    for block in body:
        if text[cursor : block.start].strip():
            spans.append((cursor, block.start))
        cursor = block.end
    if text[cursor:].strip():
        spans.append((cursor, len(text)))
    return spans


# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Art|Arts|vs|etc|e\.g|i\.e|cf|Gen|Gov|Sen|Rep|Jr|Sr)|"
    r"\b[A-Z](?:\.[A-Z])*)\.$"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentences(block: Block) -> list[Sentence]:
    """The sentences of a block, with offsets into the document."""
    found, start = [], 0
    for match in SENTENCE_BREAK.finditer(block.text):
        head = block.text[start : match.start()].rstrip("\"'”’)]")
        if ABBREVIATIONS.search(head):
            continue
        end = match.start() + len(match.group()) - len(match.group().lstrip("\"'”’)]"))
        piece = block.text[start:end].strip()
        if piece:
            offset = (
                block.start
                + start
                + (len(block.text[start:end]) - len(block.text[start:end].lstrip()))
            )
            found.append(Sentence(offset, offset + len(piece), piece))
        start = match.end()
    piece = block.text[start:].strip()
    if piece:
        offset = block.start + start + (len(block.text[start:]) - len(block.text[start:].lstrip()))
        found.append(Sentence(offset, offset + len(piece), piece))
    return found
