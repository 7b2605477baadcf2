"""What an amendment changes in alignment: a pure function over two lists of alignments.

"Now also supports *indivisible security*; no longer opposes *inclusive membership*."
Works on anything with `.principle` and `.stance` (services.Alignment, selectors.Shown).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

OPPOSES = "opposes"


@dataclass(frozen=True)
class AlignmentDelta:
    now_supports: list = field(default_factory=list)
    now_opposes: list = field(default_factory=list)
    no_longer_supports: list = field(default_factory=list)
    no_longer_opposes: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.now_supports
            or self.now_opposes
            or self.no_longer_supports
            or self.no_longer_opposes
        )

    def sentence(self, title: Callable[[object], str] = lambda p: p.title) -> str:
        """The change in one line of plain English, e.g. for an export or a notification."""
        parts = []
        for label, items in (
            ("now also supports", self.now_supports),
            ("now opposes", self.now_opposes),
            ("no longer supports", self.no_longer_supports),
            ("no longer opposes", self.no_longer_opposes),
        ):
            if items:
                parts.append(f"{label} {_join([title(p) for p in items])}")
        if not parts:
            return "No change in alignment."
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _stances(alignments: Iterable, key) -> dict:
    found = {}
    for a in alignments:
        found.setdefault(key(a.principle), (a.principle, a.stance == OPPOSES))
    return found


def alignment_delta(
    before: Iterable, after: Iterable, *, key: Callable[[object], object] = lambda p: p.pk
) -> AlignmentDelta:
    """The principles whose stance the change gains or loses, in the order of `after`/`before`.

    A flip from supports to opposes shows as both "now opposes" and "no longer supports".
    """
    old, new = _stances(before, key), _stances(after, key)
    delta = AlignmentDelta()
    for k, (principle, opposes) in new.items():
        if k not in old or old[k][1] != opposes:
            (delta.now_opposes if opposes else delta.now_supports).append(principle)
    for k, (principle, opposes) in old.items():
        if k not in new or new[k][1] != opposes:
            (delta.no_longer_opposes if opposes else delta.no_longer_supports).append(principle)
    return delta
