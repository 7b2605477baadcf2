"""Word stems for the alignment engine's word overlap: inflections, derivations and synonyms
of one idea meet in one stem.

Deterministic, offline and dependency-free. A word is cut in three steps:

1. inflection and common derivational endings are removed ("attacked", "militaries",
   "cooperation", "inclusiveness" lose "ed", "ies", "ation", "iveness");
2. what is left is truncated to ``STEM_LENGTH`` letters (after a prefix such as "inter" or
   "counter", which would otherwise make "interference" and "international" one stem), so that
   "defend", "defence", "defensive" and "defended" meet in "defen", and "include", "inclusion",
   "inclusive" in "inclu";
3. a word of one of the ``SYNONYMS`` sets (as written, or cut, unless the cut form is
   ``AMBIGUOUS_CUTS``: "counts" is no "country") becomes the set's name, so that "army",
   "troops" and "soldiers", or "safe" and "secure", count as the same term.

Stems are compared, never shown: the engine quotes the clause's own words in its reasons.
"""

from __future__ import annotations

import re

STEM_LENGTH = 5

# Endings removed before truncating, longest first; a word keeps at least four letters.
ENDINGS = (
    "ivenesses",
    "iveness",
    "isations",
    "izations",
    "isation",
    "ization",
    "ations",
    "itions",
    "ation",
    "ition",
    "ments",
    "ment",
    "ities",
    "ness",
    "ings",
    "ing",
    "ity",
    "ies",
    "ied",
    "sses",
    "shes",
    "ches",
    "xes",
    "ive",
    "ion",
    "ed",
    "ly",
    "s",
)
MIN_LEFT = 4

# Prefixes kept whole in front of the truncated rest: "interference" / "international",
# "counterweight" / "country", "transparency" / "transition".
PREFIXES = ("counter", "inter", "trans", "multi", "super", "under", "over", "non")

# Sets of words that say the same thing in the charters, treaties and student drafts; the first
# word of each set names it. Kept small and general: everyday and treaty names of one notion.
SYNONYMS = (
    ("military", "army", "armies", "troops", "soldiers", "armed", "forces"),
    ("weapons", "arms", "armaments", "arsenals", "missiles"),
    ("security", "secure", "safe", "safety", "safer", "protection", "protect"),
    ("country", "countries", "nation", "nations", "state", "states"),
    ("adversary", "adversaries", "enemy", "enemies", "rival", "rivals", "foe", "foes"),
    ("attack", "aggression", "invasion", "invade", "assault"),
    ("alliance", "bloc", "blocs", "pact", "allies", "ally"),
    ("dominate", "domination", "dominance", "hegemony", "supremacy", "leadership"),
    ("powerful", "great", "big", "bigger", "large", "larger", "strong", "stronger"),
    ("small", "smaller", "weak", "weaker", "little"),
    ("equal", "equally", "equality", "same"),
    ("talk", "talks", "dialogue", "discussion", "consultation", "consult"),
    ("consensus", "unanimity", "unanimous"),
    ("slowly", "gradual", "gradually", "stages", "progressive", "progressively"),
    ("reduce", "reduction", "shrink", "smaller", "cut", "cuts", "limit", "limitation"),
    ("join", "membership", "admission", "admit", "accession", "accede"),
    ("exclude", "exclusion", "outside", "outsiders", "excluded"),
    ("together", "jointly", "joint", "common", "collective", "collectively", "shared"),
    ("neighbour", "neighbours", "neighbor", "neighbors"),
    ("sovereignty", "sovereign", "independence", "autonomy"),
    ("interference", "intervention", "intervene", "interfere", "meddling"),
    ("institution", "institutions", "body", "bodies", "organ", "structure", "structures"),
    ("climate", "environment", "environmental", "pollution", "ecological"),
)

WORD = re.compile(r"[a-z][a-z'-]+")


def _cut(word: str) -> str:
    """Endings removed, then the rest truncated (see the module docstring)."""
    word = word.lower().removesuffix("'s").replace("-", "")
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_LEFT:
            word = word[: -len(ending)]
            break
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[: len(prefix) + STEM_LENGTH - 1]
    return word[:STEM_LENGTH]


# Cut forms too ambiguous to stand for a synonym set: "counts" is no "country".
AMBIGUOUS_CUTS = frozenset(
    ("count", "state", "stat", "same", "body", "organ", "force", "natio", "progr", "conse", "consu")
)

# Each word of a synonym set, as written and as cut ("militaries" -> "milit"), -> the set's name.
_SYNONYM_OF = {word: f"={group[0]}" for group in SYNONYMS for word in group}
_SYNONYM_OF_CUT: dict[str, str] = {}
for _group in SYNONYMS:
    for _word in _group:
        if _cut(_word) not in AMBIGUOUS_CUTS:
            _SYNONYM_OF_CUT.setdefault(_cut(_word), f"={_group[0]}")


def stem(word: str) -> str:
    """The stem of one word: "defensive" -> "defen", "troops" -> "=military"."""
    word = word.lower().removesuffix("'s")
    if word in _SYNONYM_OF:
        return _SYNONYM_OF[word]
    cut = _cut(word)
    return _SYNONYM_OF_CUT.get(cut, cut)
