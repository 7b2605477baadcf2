"""Suggest candidate principles: the sentences of a document's body that state a position.

Pure functions over text, no Django. A sentence earns points for the markers of a claim or a
norm ("should", "must", "principle", "based on" ...); questions, very short and very long
sentences lose them. The facilitator reviews every suggestion: accept, edit, merge or drop.
"""

import re
from dataclasses import dataclass

from .segment import body_blocks, sentences

# (pattern, weight): each marker counts once per sentence.
MARKERS: list[tuple[str, re.Pattern, int]] = [
    (label, re.compile(pattern, re.IGNORECASE), weight)
    for label, pattern, weight in [
        ("must", r"\bmust\b", 3),
        ("should", r"\bshould\b", 3),
        ("shall", r"\bshall\b", 3),
        ("ought", r"\bought to\b", 3),
        ("principle", r"\bprincipl(?:e|es|ed)\b", 3),
        ("imperative", r"\bimperatives?\b", 3),
        ("need", r"\bneeds?(?:ed)? (?:to|for)\b|\bthe need\b", 2),
        ("based on", r"\bbased on\b|\bfounded on\b|\brests? on\b", 2),
        ("require", r"\brequir(?:e|es|ed|ing)\b", 2),
        ("essential", r"\bessential\b|\bfundamental\b|\bindispensable\b", 2),
        ("would be", r"\bwould be (?:expected|required|obliged)\b", 2),
        ("right", r"\bright to\b|\bobligations?\b|\bduty\b", 2),
        ("have to", r"\b(?:has|have) to\b", 2),
        ("time", r"\bthe time (?:to|for)\b|\bit is time\b", 2),
        ("cannot", r"\bcannot\b|\bmay not\b|\bmust not\b|\bshould not\b", 1),
        ("framework", r"\bframework\b|\barrangement\b|\binstitutions?\b", 1),
        ("ensure", r"\bensur(?:e|es|ing)\b|\bguarantee\b", 1),
        ("security", r"\bsecurity\b", 1),
    ]
]
MIN_WORDS, MAX_WORDS = 8, 90
MAX_TITLE_WORDS = 7
LEADING_CONNECTORS = re.compile(
    r"^[(\[]?(?:and|but|so|thus|hence|therefore|first|second|third|firstly|secondly|thirdly|"
    r"lastly|finally|moreover|indeed|"
    r"in short|in other words|at the same time|of course|nonetheless|however)\b[,:]?\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    quote: str
    title: str
    summary: str
    score: int
    markers: tuple[str, ...]


def score(sentence: str) -> tuple[int, tuple[str, ...]]:
    found = tuple(label for label, pattern, _ in MARKERS if pattern.search(sentence))
    points = sum(weight for label, _, weight in MARKERS if label in found)
    words = len(sentence.split())
    if sentence.rstrip("\"'”’) ").endswith("?"):
        points -= 3  # a question asks; it does not hold a position
    if words < MIN_WORDS or words > MAX_WORDS:
        points -= 4
    return points, found


def title_for(sentence: str) -> str:
    """A first title for a principle: the opening words of its claim, to be edited."""
    text = LEADING_CONNECTORS.sub("", sentence.strip().strip("\"'“”‘’"))
    head = re.split(r"[;:,–—(]", text, maxsplit=1)[0]
    words = head.split() if len(head.split()) >= 3 else text.split()
    title = " ".join(words[:MAX_TITLE_WORDS]).rstrip(".,;:!?")
    if len(words) > MAX_TITLE_WORDS:
        title += "…"
    return title[:1].upper() + title[1:]


def suggest(text: str, *, limit: int = 12, min_score: int = 3) -> list[Candidate]:
    """The strongest claims of the document's body, in document order. Each quote is the
    verbatim sentence at its offsets and occurs once in the text (so it can be located)."""
    found: list[Candidate] = []
    for block in body_blocks(text):
        for sentence in sentences(block):
            points, markers = score(sentence.text)
            if points < min_score or text.count(sentence.text) != 1:
                continue
            found.append(
                Candidate(
                    start=sentence.start,
                    end=sentence.end,
                    quote=sentence.text,
                    title=title_for(sentence.text)[:120],
                    summary=sentence.text[:600],
                    score=points,
                    markers=markers,
                )
            )
    best = sorted(found, key=lambda c: (-c.score, c.start))[:limit]
    return sorted(best, key=lambda c: c.start)
