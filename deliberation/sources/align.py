"""Alignment engine: which principles does a charter clause support or oppose, and why?

Pure Python, deterministic and offline; no Django here (models and services feed it plain
data). The engine reads text through a hand-built concept lexicon of regional security
(``concepts.py``): paraphrases that share no words ("leaves its neighbours less safe",
"indivisibility of security") meet in a shared concept, and every cue carries a polarity so
that negations and restrictions ("admission requires a unanimous invitation") turn a match into
opposition. Principles are tagged with concepts automatically from their title, summary and
quote, so principles added later work without hand-tagging; a light word-overlap score (on
stemmed words, ``stems.py``) covers principles whose ideas the lexicon does not know yet.

Fallback for wording the lexicon has never met: when no concept cue fires at all, the clause is
matched to the one principle with which it shares most words, weighted by how rare each word is
among the principles (IDF over title, summary and quote), provided the overlap is a high share
of the clause's weighted words (``FALLBACK_MIN_SHARE``), spans at least two distinct terms, and
no sentence of the clause leans procedural at all (a rule that also holds for a principle
matched by words alone next to matches by cues). Words are compared as stems, so inflections
and derivations meet ("defended", "defence", "defensive") and so do a few synonym sets ("troops",
"armies", "soldiers"); the reason names the clause's own words ("shares terms: armies, defend").

Negation is read in several ways: a negator shortly before a cue ("shall not deploy"), a
negative subject governing its sentence ("Within the OSCE no State ... can"), a rejecting verb
right before its object ("oppose unilateralism", "overcoming the division of Europe"), a
negation closing the clause after the cue ("Russia may not join.", "arms limits are outdated"),
and the main clause's negation for a cue opening a relative clause ("shall not take measures,
individually or in alliances, that undermine ..."). Treaty register adds three readings: a
negated obligation ("shall not", "undertakes not to", "refrain from") governs its whole clause
however long its list of verbs; a diminishing verb after a negation cancels it ("nothing shall
impair the right of collective self-defence" affirms that right); and what a clause lists as
threats ("hybrid threats such as interference in internal affairs") it opposes. A fronted phrase
("Instead of starting from scratch, we use the SCO") governs only itself, up to its comma; a
negation a cue has already read ("stop duplicating ... and end up as one body") is used up; and
a cue spanning two clauses is denied by a negated second one ("if a member is attacked, the
others are not obliged to defend it"). A cue that only
names a topic weighs less for relevance than one that takes a position on it, and a topic named
only in a legal aside ("in accordance with Article 51 of the UN Charter") less still.

Sentences that only say how the charter works are ignored, recognised by structure rather than
by phrase: final-clause vocabulary (signature, ratification, deposit, entry into force,
languages, withdrawal, amendment, budget, observers, meetings, dates) weighed against security
vocabulary, so that "observers ... by invitation of the Chairman" is procedural while
"observers to attend military manoeuvres" is a confidence-building measure. An organ named
after security ("the Security Council of the organisation meets twice a year") is housekeeping
vocabulary, not security.

Held-out measurement: ``tests/sources/heldout_dev.json`` and ``heldout_sealed.json`` were
labelled from the principles and essays alone, before this engine was read (``bench/
heldout_eval.py``). The lexicon was then widened against the dev set only. A third set,
``heldout_treaties.json``, holds clauses of real instruments (and their final clauses), split
into a dev half (tuned against) and a test half (measured once per round).

Why no embedding model: all-MiniLM-L6-v2 (NumPy forward pass, principle title + summary) ranked
the labelled principle first for 52% of the evaluation clauses (71% in the top 3), and gave
procedural clauses cosine similarities (up to 0.55) above those of many relevant ones (median
0.48), so it cannot decide relevance; it also costs tens of milliseconds per clause and a 90 MB
model plus NumPy. The lexicon scores far higher on the set and aligns a clause against 200
principles in about 2 ms. Its weakness is vocabulary it has not seen: grow ``concepts.py``.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from deliberation.sources.concepts import (
    ASIDES,
    CONCEPTS,
    DIMINISHERS,
    MODAL_NEGATORS,
    NEGATORS,
    POST_NEGATION,
    PROCEDURAL_THRESHOLD,
    REJECTOR_REACH_WORDS,
    REJECTORS,
    SCOPE_EXCLUSIONS,
    THREAT_LISTS,
    Concept,
    procedural_score,
)
from deliberation.sources.stems import stem

SUPPORTS = "supports"
OPPOSES = "opposes"

# How much a concept found in each field of a principle counts: the title and summary say what
# the principle is about; the quote also carries incidental context.
FIELD_WEIGHTS = {"title": 1.0, "summary": 0.7, "quote": 0.5}
# How much each field's wording decides the principle's own polarity towards a concept.
FIELD_VOTES = {"title": 3.0, "summary": 2.0, "quote": 1.0}
# A restriction usually wins over an opening in the same clause ("open to all European states,
# subject to the consent of all members" restricts membership).
CONTRARY_WEIGHT = 1.5
TOPIC_WEIGHT = 0.7
# A topic named only in a legal aside ("in accordance with the UN Charter") counts less still.
ASIDE_WEIGHT = 0.3
NEGATION_WINDOW_WORDS = 12
# A negation does not reach across a new coordinated obligation (it does reach across "or":
# "no state shall dominate ... or claim leadership") ("shall not deploy missiles and
# shall exchange data") or across punctuation that ends a clause.
CLAUSE_BREAK = re.compile(
    r"[.;:!?()]|\b(?:and|but|while|whereas)\s+(?:shall|will|may|must|should|can|is|are)\b"
    r"|,\s+(?:and|but)\b"
)
# A short opening phrase may come first: "Within the OSCE no State ... can ...".
NEGATIVE_SUBJECT = re.compile(
    r"\s*(?:(?:within|in|under|for|among|in the \w+) [^,;]{1,40}?,?\s+)?"
    r"(no|nothing|none|neither|nobody|no one)\b"
)
# Negators that open a phrase put before the main clause ("Rather than starting from scratch,
# ..."); such a phrase ends at its comma.
FRONTED_NEGATOR = re.compile(r"(?:instead of|rather than|without)\b")
INNER_NEGATION = re.compile(
    r"\b(?:is|are|was|were|be|shall|will|would|must|should|may|can|could|do|does|did|need"
    r"|has|have)(?:n't| not| never)\b|\b(?:cannot|won't)\b"
)
RELATIVE_OPENING = re.compile(r"\b(?:that|which)(?: \w+){0,2} $")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
# Places where a long sentence can be cut into a shorter piece of evidence.
SEGMENT_BREAK = re.compile(r"\s*(?:;|:|\s[–—-]\s|\(|\))\s*")
LONG_SENTENCE_WORDS = 35

# Minimum score for a match to be shown, and how far below the best match others may fall.
MIN_SCORE = 0.3
RELATIVE_CUT = 0.45
# A principle matched by word overlap alone needs this share of the clause's weighted words.
MIN_LEXICAL_ONLY = 0.3
# The fallback, for a clause nothing else aligns: the principle sharing most of the clause's
# weighted words, if it shares this share of them and at least this many distinct terms.
FALLBACK_MIN_SHARE = 0.2
FALLBACK_MIN_TERMS = 2
LEXICAL_WEIGHT = 1.2
CONCEPT_WEIGHT = 0.5

# Function words, and words every clause of a security charter uses, carry no meaning here.
STOPWORDS = frozenset(
    " ".join(
        (
            "a about above after again against all also an and any are as at be been before being",
            "between both but by can could did do does each either for from had has have having",
            "here how if in into is it its itself may might more most must no nor not of on once",
            "only or other our out over own same shall should so some such than that the their",
            "them then there these they this those through to under until up upon very was we",
            "were what when where which while who whom why will with within would one every",
            "members member state states parties party charter treaty present organisation",
            "organization article participating high contracting",
        )
    ).split()
)
WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class PrincipleText:
    key: str  # opaque id chosen by the caller
    title: str
    summary: str
    quote: str  # verbatim span of the source document
    document_title: str


@dataclass(frozen=True)
class Match:
    key: str
    score: float  # in [0, 1], higher = more relevant
    stance: str  # "supports" | "opposes"
    evidence: str  # shortest verbatim passage of the principle's quote that carries it
    reason: str  # the concepts or terms that matched, and the negation or restriction if any


@dataclass(frozen=True)
class _Hit:
    """One cue of one concept found in a text, with the polarity it has there."""

    concept: int
    start: int
    end: int
    polarity: int  # after negation: +1 asserts the concept, -1 asserts its contrary
    negator_start: int | None  # where the negation that flipped it begins
    topic: bool = False  # the cue only names the topic ("cyber attacks", "Security Council")
    aside: bool = False  # a topic named in a legal aside ("in accordance with the UN Charter")


_UNIFY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def normalize(text: str) -> str:
    """Lower-case and unify quotes and dashes, keeping every character at its offset."""
    text = text.translate(_UNIFY)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _negation_before(norm: str, start: int) -> int | None:
    """Offset of a negator governing the words that start at ``start``, if any; a verb that
    diminishes its object between the two cancels it ("nothing shall impair the right of ...",
    "shall not prejudice the sovereignty of ...")."""
    negator = _negator_before(norm, start)
    if negator is not None and DIMINISHERS.search(norm, negator, start):
        return None
    return negator


def _negator_before(norm: str, start: int) -> int | None:
    """Offset of a negator governing the words that start at ``start``, if any."""
    # A negative subject ("No State ...", "Nothing in this charter ...") governs its whole
    # sentence, however long.
    sentence_start = max(norm.rfind(ch, 0, start) for ch in ".;!?") + 1
    subject = NEGATIVE_SUBJECT.match(norm, sentence_start)
    if subject and subject.start(1) < start:  # not a cue that itself opens with "no state"
        return subject.start(1)
    window_start = 0
    for brk in CLAUSE_BREAK.finditer(norm, 0, start):
        window_start = brk.end()
    window = norm[window_start:start]
    clause_start = window_start
    words = list(re.finditer(r"\S+", window))
    if len(words) > NEGATION_WINDOW_WORDS:
        cut = words[-NEGATION_WINDOW_WORDS].start()
        window, window_start = window[cut:], window_start + cut
        # A negated obligation ("shall not", "undertakes not to", "refrain from") reaches the
        # whole of its clause.
        modal = list(MODAL_NEGATORS.finditer(norm, clause_start, window_start))
        if modal and not NEGATORS.search(window):
            return modal[-1].start()
    found = [
        m.start()
        for m in NEGATORS.finditer(window)
        if not _fronted_phrase_closed(norm, sentence_start, window_start + m.start(), start)
    ]
    for m in REJECTORS.finditer(window):
        between = window[m.end() :]
        if "," not in between and len(between.split()) <= REJECTOR_REACH_WORDS:
            found.append(m.start())
    if not found:
        # A cue opening a relative clause takes the negation of the clause it hangs on:
        # "shall not implement measures, individually or in any alliance, that undermine ...".
        relative = RELATIVE_OPENING.search(norm, sentence_start, start)
        if relative:
            main = [m.start() for m in NEGATORS.finditer(norm, sentence_start, relative.start())]
            if main:
                return main[-1]
        return None
    return window_start + max(found)


def _negated_within(norm: str, start: int, end: int) -> bool:
    """True when a cue that spans two clauses has its second one negated: "if a member is
    attacked, the others are not obliged to defend it" denies the obligation the cue names."""
    comma = norm.rfind(",", start, end)
    return comma >= 0 and INNER_NEGATION.search(norm, comma, end) is not None


def _fronted_phrase_closed(norm: str, sentence_start: int, negator: int, start: int) -> bool:
    """True when the negator opens a fronted phrase ("Instead of building anew, we use the
    SCO"; "Without any conditions, ...") that a comma closes before ``start``: the phrase
    governs only itself, not the main clause after it."""
    if not FRONTED_NEGATOR.match(norm, negator):
        return False
    if norm[sentence_start:negator].strip(" \"'(-"):
        return False
    return "," in norm[negator:start]


def _procedural(sentence: str) -> bool:
    """A sentence that only says how the charter itself works (see ``procedural_score``)."""
    return procedural_score(sentence) >= PROCEDURAL_THRESHOLD


def find_hits(text: str) -> list[_Hit]:
    """Every concept cue in ``text``, negation applied; a cue inside a longer cue of the same
    concept is dropped so that "without entry conditions" is not also read as "entry
    conditions"."""
    norm = normalize(text)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?;]+[.!?;]?", norm)]
    excluded = [
        (start, end) for start, end in sentences if SCOPE_EXCLUSIONS.search(norm, start, end)
    ]
    procedural = [(start, end) for start, end in sentences if _procedural(norm[start:end])]
    asides = [(m.start(), m.end()) for m in ASIDES.finditer(norm)]
    threats = [(m.start(), m.end()) for m in THREAT_LISTS.finditer(norm)]
    hits: list[_Hit] = []
    for index, concept in enumerate(CONCEPTS):
        spans = []
        for cue in concept.cues:
            if cue.needles is not None and not any(n in norm for n in cue.needles):
                continue
            spans.extend((m.start(), m.end(), cue.polarity) for m in cue.pattern.finditer(norm))
        # A cue that takes a position is read before a topic cue around it ("stop duplicating"
        # inside "NATO and the OSCE ... duplicating"), which is then dropped.
        spans.sort(key=lambda s: (s[2] == 0, s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int, int]] = []
        for start, end, polarity in spans:
            if start == end or any(ks <= start and end <= ke for ks, ke, _ in kept):
                continue
            if polarity == 0 and any(start <= ks and ke <= end for ks, ke, _ in kept):
                continue
            kept.append((start, end, polarity))
        kept.sort()
        for start, end, polarity in kept:
            if any(s <= start < e for s, e in procedural):
                continue
            negator = None
            effective = 1 if polarity == 0 else polarity
            if polarity != 0:
                negator = _negation_before(norm, start)
                # A negation that an earlier cue of the concept already read ("stop
                # duplicating ... and end up as one body") is used up.
                if negator is not None and any(
                    ks <= negator < ke and ks < start for ks, ke, _ in kept
                ):
                    negator = None
                if negator is not None:
                    effective = -effective
                elif _negated_within(norm, start, end):
                    effective, negator = -effective, start
                else:
                    after = POST_NEGATION.match(norm, end)
                    if after:  # "Russia may not join": quote the negation with the cue
                        effective, end = -effective, after.end()
            if any(s <= start < e for s, e in excluded):
                effective = -effective
            frame = [s for s, e in threats if s <= start < e]
            if polarity != 0 and frame:  # listed as a danger: quote the list's head with it
                effective, negator = -1, frame[0]
            aside = polarity == 0 and any(s <= start and end <= e for s, e in asides)
            hits.append(_Hit(index, start, end, effective, negator, polarity == 0, aside))
    return hits


def _stance_of(hits: Sequence[_Hit]) -> int:
    """+1 if the hits of one concept assert it on balance, -1 if they deny or restrict it."""
    total = sum(h.polarity * (CONTRARY_WEIGHT if h.polarity < 0 else 1.0) for h in hits)
    return -1 if total < 0 else 1


def _content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning (no function words, nothing under 4 letters)."""
    return [w for w in WORD.findall(normalize(text)) if len(w) > 3 and w not in STOPWORDS]


def _stems(text: str) -> list[str]:
    """Stems of the content words (``stems.py``: "defensive" and "defence" meet, and so do
    "troops" and "armies")."""
    return [stem(w) for w in _content_words(text)]


def _substantive(text: str) -> str:
    """``text`` without its procedural sentences (deposit, languages, entry into force) and its
    legal asides ("in accordance with the UN Charter")."""
    norm = ASIDES.sub(" ", normalize(text))
    return " ".join(
        m.group() for m in re.finditer(r"[^.!?;]+[.!?;]?", norm) if not _procedural(m.group())
    )


def _may_match_by_words(text: str) -> bool:
    """False when any sentence of ``text`` leans procedural at all (``procedural_score`` above
    zero, well below the threshold that ignores a sentence): such a clause (meetings, budget,
    languages, a commission) is never aligned by shared words alone, only by concept cues."""
    sentences = re.finditer(r"[^.!?;]+[.!?;]?", normalize(text))
    return not any(procedural_score(m.group()) > 0 for m in sentences)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, whitespace excluded."""
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"‘{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}’"


@dataclass
class _Profile:
    """What the engine knows about one principle, prepared once per index."""

    principle: PrincipleText
    weights: dict[int, float]  # concept index -> how central the concept is to the principle
    polarity: dict[int, int]  # concept index -> the principle's own stance towards it
    quote_hits: dict[int, list[_Hit]]  # concept index -> where the quote expresses it
    field_hits: dict[int, tuple[str, _Hit]]  # concept index -> first (field, hit) anywhere
    stems: dict[str, float]  # word stem -> weight (title and summary count double)
    sentences: list[tuple[int, int]]  # (start, end) of each sentence of the quote
    sentence_stems: list[frozenset[str]]  # the word stems of each of those sentences


def _profile(principle: PrincipleText) -> _Profile:
    weights: dict[int, float] = {}
    votes: dict[int, float] = defaultdict(float)
    quote_hits: dict[int, list[_Hit]] = defaultdict(list)
    field_hits: dict[int, tuple[str, _Hit]] = {}
    for field in ("title", "summary", "quote"):
        text = getattr(principle, field)
        # Each field votes once on the principle's stance towards a concept, by its own balance:
        # a summary that spells out the problem in several phrases ("split the world into
        # allies and adversaries", "left outside") should not outvote a title that names the
        # remedy ("No insiders and outsiders").
        field_votes: dict[int, float] = defaultdict(float)
        for hit in find_hits(text):
            weights[hit.concept] = max(weights.get(hit.concept, 0.0), FIELD_WEIGHTS[field])
            field_votes[hit.concept] += hit.polarity
            field_hits.setdefault(hit.concept, (field, hit))
            if field == "quote":
                quote_hits[hit.concept].append(hit)
        for concept, balance in field_votes.items():
            if balance:
                votes[concept] += FIELD_VOTES[field] * (1 if balance > 0 else -1)
    sentences = _sentences(principle.quote)
    stems: dict[str, float] = {}
    for term in _stems(principle.quote):
        stems[term] = 0.5
    for term in _stems(f"{principle.title} {principle.summary}"):
        stems[term] = 1.0
    return _Profile(
        principle=principle,
        weights=weights,
        polarity={c: (-1 if v < 0 else 1) for c, v in votes.items()},
        quote_hits=dict(quote_hits),
        field_hits=field_hits,
        stems=stems,
        sentences=sentences,
        sentence_stems=[frozenset(_stems(principle.quote[s:e])) for s, e in sentences],
    )


class Aligner:
    """An index over a fixed set of principles; build once, then align many clauses."""

    def __init__(self, principles: Sequence[PrincipleText]) -> None:
        self._profiles = [_profile(p) for p in principles]
        count = max(len(self._profiles), 1)
        # Concepts central to many principles discriminate less between them.
        central: dict[int, int] = defaultdict(int)
        for profile in self._profiles:
            for concept, weight in profile.weights.items():
                if weight >= FIELD_WEIGHTS["summary"]:
                    central[concept] += 1
        self._concept_idf = {c: 1.0 + math.log(count / n) for c, n in central.items()}
        self._by_concept: dict[int, list[int]] = defaultdict(list)
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        for i, profile in enumerate(self._profiles):
            for concept in profile.weights:
                self._by_concept[concept].append(i)
            for term in profile.stems:
                self._by_stem[term].append(i)
        self._stem_idf = {s: math.log(1 + count / len(ids)) for s, ids in self._by_stem.items()}
        self._unknown_idf = math.log(1 + count)

    def align(self, text: str, *, limit: int | None = None) -> list[Match]:
        """The principles ``text`` supports or opposes, best first; [] when none is relevant."""
        hits = find_hits(text)
        by_concept: dict[int, list[_Hit]] = defaultdict(list)
        for hit in hits:
            by_concept[hit.concept].append(hit)
        clause_polarity = {c: _stance_of(h) for c, h in by_concept.items()}

        concept_score: dict[int, float] = defaultdict(float)
        stance_vote: dict[int, float] = defaultdict(float)
        for concept, concept_hits in by_concept.items():
            idf = self._concept_idf.get(concept, 1.0 + math.log(max(len(self._profiles), 1)))
            strength = idf * (1.0 + 0.25 * min(len(concept_hits) - 1, 2))
            # Naming a topic says less about relevance than taking a position on it, but the
            # topic still counts fully when weighing the stance.
            relevance = TOPIC_WEIGHT if all(h.topic for h in concept_hits) else 1.0
            if all(h.aside for h in concept_hits):
                relevance = ASIDE_WEIGHT
            for i in self._by_concept.get(concept, ()):
                profile = self._profiles[i]
                contribution = profile.weights[concept] * strength
                concept_score[i] += contribution * relevance
                stance_vote[i] += (
                    contribution * clause_polarity[concept] * profile.polarity[concept]
                )

        substantive = _substantive(text)
        # Each stem of the clause, in the clause's own first wording, for reasons.
        wording: dict[str, str] = {}
        for word in _content_words(substantive):
            wording.setdefault(stem(word), word)
        stems = set(wording)
        clause_mass = sum(self._stem_idf.get(s, self._unknown_idf) for s in stems) or 1.0
        lexical: dict[int, float] = defaultdict(float)
        shared_terms: dict[int, list[str]] = defaultdict(list)
        for term in sorted(stems):
            for i in self._by_stem.get(term, ()):
                lexical[i] += self._stem_idf[term] * self._profiles[i].stems[term] / clause_mass
                shared_terms[i].append(wording[term])

        scored: list[tuple[float, int]] = []
        by_words = _may_match_by_words(text)
        for i in set(concept_score) | set(lexical):
            if concept_score[i] == 0 and (lexical[i] < MIN_LEXICAL_ONLY or not by_words):
                continue
            score = 1.0 - math.exp(-CONCEPT_WEIGHT * concept_score[i] - LEXICAL_WEIGHT * lexical[i])
            if score >= MIN_SCORE:
                scored.append((score, i))
        if not scored:
            if hits or not by_words:
                return []
            return self._fallback(stems, lexical, shared_terms)
        scored.sort(key=lambda s: (-s[0], s[1]))
        best = scored[0][0]
        matches = []
        for score, i in scored:
            if score < RELATIVE_CUT * best:
                break
            profile = self._profiles[i]
            stance = OPPOSES if stance_vote[i] < 0 else SUPPORTS
            shared = sorted(
                (c for c in by_concept if c in profile.weights),
                key=lambda c: -profile.weights[c] * self._concept_idf.get(c, 1.0),
            )
            matches.append(
                Match(
                    key=profile.principle.key,
                    score=round(score, 4),
                    stance=stance,
                    evidence=self._evidence(profile, shared, stems),
                    reason=self._reason(text, profile, shared, by_concept, shared_terms[i]),
                )
            )
        return matches[:limit] if limit is not None else matches

    def _fallback(
        self,
        stems: set[str],
        lexical: dict[int, float],
        shared_terms: dict[int, list[str]],
    ) -> list[Match]:
        """For a clause in which no concept cue fires: the one principle with which it shares
        most (IDF-weighted, stemmed) words, if that overlap is high and spans several terms.
        Only for a clause that ``_may_match_by_words``. The stance cannot be read from shared
        words: it supports."""
        if not lexical:
            return []
        i = max(lexical, key=lambda j: (lexical[j], -j))
        share, terms = lexical[i], shared_terms[i]
        if share < FALLBACK_MIN_SHARE or len(terms) < FALLBACK_MIN_TERMS:
            return []
        profile = self._profiles[i]
        return [
            Match(
                key=profile.principle.key,
                score=round(1.0 - math.exp(-LEXICAL_WEIGHT * share), 4),
                stance=SUPPORTS,
                evidence=self._evidence(profile, [], stems),
                reason="shares terms: " + ", ".join(terms[:5]),
            )
        ]

    def align_many(self, texts: Sequence[str]) -> list[list[Match]]:
        return [self.align(text) for text in texts]

    def _evidence(self, profile: _Profile, shared: list[int], stems: set[str]) -> str:
        """The sentence of the quote (or a shorter piece of it) that expresses the shared
        concepts; for a word-overlap match, the sentence sharing most words with the clause."""
        quote = profile.principle.quote
        sentences = profile.sentences
        spans = [(h.start, h.end) for c in shared for h in profile.quote_hits.get(c, ())]

        def covered(bounds: tuple[int, int]) -> list[tuple[int, int]]:
            return [(s, e) for s, e in spans if bounds[0] <= s and e <= bounds[1]]

        if spans:
            start, end = max(sentences, key=lambda b: (len(covered(b)), -b[0]))
        else:
            start, end = max(
                zip(sentences, profile.sentence_stems, strict=True),
                key=lambda b: (len(stems & b[1]), -b[0][0]),
            )[0]
        inside = covered((start, end))
        if inside and len(quote[start:end].split()) > LONG_SENTENCE_WORDS:
            start, end = _narrow(quote, start, end, inside)
        return quote[start:end].strip()

    def _reason(
        self,
        text: str,
        profile: _Profile,
        shared: list[int],
        by_concept: dict[int, list[_Hit]],
        terms: list[str],
    ) -> str:
        parts = []
        for concept_index in shared[:3]:
            concept: Concept = CONCEPTS[concept_index]
            clause_hits = by_concept[concept_index]
            agrees = _stance_of(clause_hits) == profile.polarity[concept_index]
            # Quote the hit that decided the clause's stance, with its negation if it had one.
            decisive = [h for h in clause_hits if (h.polarity > 0) == (_stance_of(clause_hits) > 0)]
            decisive = decisive or clause_hits
            start = min(h.start if h.negator_start is None else h.negator_start for h in decisive)
            end = max(h.end for h in decisive)
            if end - start > 80:  # hits far apart: quote the first one only
                first = decisive[0]
                start = first.start if first.negator_start is None else first.negator_start
                end = first.end
            snippet = _quoted(text[start:end], limit=80)
            if agrees:
                # Prefer the source's own words (the quote) over the facilitator's summary.
                if concept_index in profile.quote_hits:
                    field, own = "quote", profile.quote_hits[concept_index][0]
                else:
                    field, own = profile.field_hits[concept_index]
                own_text = getattr(profile.principle, field)[own.start : own.end]
                parts.append(f"matches concept: {concept.name} ({snippet} ~ {_quoted(own_text)})")
            elif profile.polarity[concept_index] > 0:
                parts.append(f"opposes: {concept.contrary} ({snippet})")
            else:
                parts.append(f"opposes: {concept.name} goes against it ({snippet})")
        if not parts and terms:
            parts.append("shares terms: " + ", ".join(terms[:5]))
        return "; ".join(parts)


def _narrow(quote: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Cut a long sentence down to the run of its segments (split at ; : dashes and brackets)
    that covers ``spans``."""
    cuts = [start]
    cuts += [m.end() for m in SEGMENT_BREAK.finditer(quote, start, end) if m.end() < end]
    cuts.append(end)
    first = max(c for c in cuts[:-1] if c <= min(s for s, _ in spans))
    last = min(c for c in cuts[1:] if c >= max(e for _, e in spans))
    piece = quote[first:last].strip(" ;:–—-()")
    offset = quote.find(piece, first)
    return offset, offset + len(piece)


_CACHE: dict[str, Aligner] = {}
_CACHE_LOCK = threading.Lock()


def get_aligner(principles: Sequence[PrincipleText]) -> Aligner:
    """A process-wide Aligner for these principles, rebuilt only when their texts change."""
    digest = hashlib.sha256()
    for p in principles:
        for part in (p.key, p.title, p.summary, p.quote, p.document_title):
            digest.update(part.encode("utf-8") + b"\x00")
    key = digest.hexdigest()
    with _CACHE_LOCK:
        aligner = _CACHE.get(key)
        if aligner is None:
            if len(_CACHE) >= 8:  # facilitators edit principles; old indexes are not needed
                _CACHE.clear()
            aligner = _CACHE[key] = Aligner(principles)
        return aligner
