"""How alignments read on a page: plain words for the engine's reasons, short document labels.

The engine (align.py) writes its reasons for people who know it ("matches concept: equal
security (‘equal’ ~ ‘equal and integral’)"). Students read them, so the page says the same in
plain words. Anything not in the engine's format (a facilitator's note on a pin) is shown as is.
"""

import re

from django import template

register = template.Library()

# One part of an engine reason; parts are joined by "; ". Quotes are ‘…’ (align._quoted).
_PART = re.compile(
    r"(?:matches concept: (?P<name>.+?) \((?P<ours>‘.*?’) ~ (?P<theirs>‘.*?’)\)"
    r"|opposes: (?P<against>.+?) goes against it \((?P<said>‘.*?’)\)"
    r"|opposes: (?P<contrary>.+?) \((?P<quoted>‘.*?’)\)"
    r"|shares terms: (?P<terms>[^;]+))"
    r"(?=; |$)"
)
_SEPARATOR = "; "


def document_label_text(*, title: str, author: str) -> str:
    """A short name for a source document: its author without the bracketed note, else the
    first words of its title."""
    name = author.split(" (", 1)[0].strip()
    if name:
        return name
    words = title.split()
    return " ".join(words[:4]) + ("…" if len(words) > 4 else "")


def plain_reason_text(reason: str, *, source: str = "the document") -> str:
    """The engine's reason in plain sentences; `source` names who wrote the principle."""
    sentences = []
    position = 0
    while position < len(reason):
        found = _PART.match(reason, position)
        if found is None:
            return reason  # not the engine's wording: a facilitator's note, shown as written
        part = found.groupdict()
        if part["name"]:
            sentences.append(
                f"The text says {part['ours']}; {source} says {part['theirs']}. "
                f"Both are about {part['name']}."
            )
        elif part["against"]:
            sentences.append(
                f"The text says {part['said']} ({part['against']}), "
                "which this principle argues against."
            )
        elif part["contrary"]:
            sentences.append(
                f"The text says {part['quoted']} ({part['contrary']}), "
                "the opposite of this principle."
            )
        else:
            sentences.append(f"Words in common with the principle: {part['terms'].strip()}.")
        position = found.end()
        if reason.startswith(_SEPARATOR, position):
            position += len(_SEPARATOR)
        elif position < len(reason):
            return reason
    return " ".join(sentences) or reason


@register.filter
def document_label(document) -> str:
    """`{{ principle.document|document_label }}`: "Ivan Timofeev" for a long essay title."""
    return document_label_text(title=document.title, author=document.author)


@register.filter
def plain_reason(alignment) -> str:
    """`{{ a|plain_reason }}`: why the engine links the text and the principle, in plain words."""
    document = alignment.principle.document
    source = document_label_text(title="", author=document.author) or "the document"
    return plain_reason_text(alignment.reason, source=source)


@register.filter
def holds_principle(alignments, principle_pk) -> bool:
    """`{% if rest|holds_principle:open_principle %}`: is this principle's alignment among them?"""
    return bool(principle_pk) and any(a.principle.pk == principle_pk for a in alignments)
