"""Word-level differences between two versions of a clause (pure: no Django).

`word_diff(old, new)` returns segments ("equal" | "delete" | "insert", text) whose deleted and
equal parts rebuild `old` and whose inserted and equal parts rebuild `new`, so a page can show
only the changed words, marked so they survive printing (<del>/<ins>, not colour alone).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

# A word, or a run of punctuation, with its trailing space, so that rejoining tokens gives back
# the text exactly and "members." differs from "members" only by its full stop.
_TOKEN = re.compile(r"(?:[\w'’-]+|[^\w\s]+)\s*|\s+")

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


@dataclass(frozen=True)
class Segment:
    op: str
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    a, b = tokens(old), tokens(new)
    # Compare words without their trailing space, so "word " and "word" at the end match.
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(segments, EQUAL, "".join(b[j1:j2]))
        else:
            if i2 > i1:
                _add(segments, DELETE, "".join(a[i1:i2]))
            if j2 > j1:
                _add(segments, INSERT, "".join(b[j1:j2]))
    return segments


def _add(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def change_kind(old: str, new: str) -> str:
    """What an amendment does, in words: "inserts", "deletes", "replaces" or "no change"."""
    ops = {s.op for s in word_diff(old, new)} - {EQUAL}
    if not ops:
        return "no change"
    if ops == {INSERT}:
        return "inserts words"
    if ops == {DELETE}:
        return "deletes words"
    return "replaces words"


def diff_html(old: str, new: str, *, context: int | None = None) -> str:
    """The diff as escaped HTML with <del> and <ins>.

    With `context`, unchanged runs longer than twice that many words are shortened to their
    first and last `context` words around an ellipsis, so only the changed words stand out.
    """
    parts = []
    for segment in word_diff(old, new):
        text = segment.text
        if segment.op == DELETE:
            parts.append(f'<del class="diff-del">{escape(text)}</del>')
        elif segment.op == INSERT:
            parts.append(f'<ins class="diff-ins">{escape(text)}</ins>')
        else:
            parts.append(escape(_shorten(text, context) if context is not None else text))
    return "".join(parts)


def _shorten(text: str, context: int) -> str:
    words = tokens(text)
    if len(words) <= 2 * context + 1:
        return text
    head = "".join(words[:context]) if context else ""
    tail = "".join(words[-context:]) if context else ""
    return f"{head}… {tail}"
