"""The concept lexicon of regional security that the alignment engine reasons with.

A concept is an idea that charter clauses and source principles share even when they share no
words: "no member may seek an advantage that leaves its neighbours less safe" and "the
indivisibility of security" are both the concept *indivisible security*.

Each concept lists cues: regular expressions over lower-cased text, each with a polarity.

* ``+1`` — the text asserts the concept ("security is indivisible"). A negation in front of the
  cue ("security is *not* indivisible") turns it into a denial.
* ``-1`` — the text asserts the contrary of the concept ("at the expense of the security of
  others", "admission requires a unanimous invitation"). Negated ("will *not* strengthen their
  security at the expense of ...") it supports the concept again.
* ``0`` — the cue only names the topic ("cyber attacks", "regional arrangements"); negation
  does not flip it, because "refrain from economic coercion" is still about economic security.
  Only an explicit exclusion from the scope ("falls outside the scope of this charter") does.

Principles are not tagged by hand: the engine runs these cues over a principle's title,
summary and quote, so a principle a facilitator adds later is tagged the same way.

Cues are written for the domain, not for any one clause: add synonyms here when real clauses
are missed, and keep them specific enough that procedural clauses (minutes, languages, budget)
match nothing. ``EXTRA_CUES`` at the end holds the wider families of wording (how treaties,
diplomats and students say each idea); they are appended to the concepts defined here.

Each cue gets ``needles``, literal pieces worked out from its expression of which every match
contains one; a text containing none of them is not searched, which keeps a lexicon of some 300
expressions at a few milliseconds per clause.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser
from dataclasses import dataclass

# Words that turn the cue after them into its opposite, searched a few words before a cue.
# "rather than" and "instead of" matter because principles are often phrased as contrasts
# ("shared responsibility, rather than ... dominance by any one power").
NEGATORS = re.compile(
    r"\b(?:not|no|never|(?<!from )(?<!out of )(?<!for )nothing|none|nor|neither|without|cannot"
    r"|refrain(?:s|ing)? from"
    r"|abstain(?:s|ing)? from|rather than|instead of|free from|prohibit\w*|forbid\w*|ban(?:s|ned)?"
    r"|nobody|no one)\b"
    r"|n't\b|\bnon-$"
)

# A negated obligation in treaty register ("the Parties shall not ...", "each State undertakes
# not to ...", "shall refrain from ...") governs its whole clause, however long the list of
# verbs and objects that follows: "undertakes not to research, develop, manufacture, stockpile
# or otherwise acquire ... any nuclear explosive device".
MODAL_NEGATORS = re.compile(
    r"\b(?:shall|will|must|should|may|can|do|does|undertakes?|agrees?|commits?|pledges?)"
    r"(?: \w+)? not\b|\brefrain(?:s|ing)? from|\babstain(?:s|ing)? from|\bnever\b|\bcannot\b"
)

# Lists of threats ("hybrid threats such as information campaigns, ... interference in domestic
# affairs"): what is listed there is named as a danger, so a cue inside asserts the contrary of
# its concept, whatever its own polarity ("interference" is then not advocated but feared).
THREAT_LISTS = re.compile(
    r"\b(?:threats?|challenges?|dangers?|risks?|menaces?)\W{0,3}\s(?:such as|including|like|namely"
    r"|posed by)\b[^.;]*"
)

# Verbs that diminish their object: after a negation they cancel it ("nothing in this Treaty
# shall impair the inherent right of collective self-defence" affirms that right; "shall not
# prejudice the sovereignty of" upholds sovereignty).
DIMINISHERS = re.compile(
    r"\b(?:impair\w*|prejudic\w*|derogat\w*|diminish\w*|detract\w*|restrict\w*|limit(?:s|ing)?"
    r"|curtail\w*|affect(?:s|ed|ing)?|undermin\w*|weaken\w*|infring\w*|violat\w*|harm\w*"
    r"|damag\w*|detriment\w*|endanger\w*|threaten\w*|jeopardi[sz]\w*|encroach\w*)\b"
)

# Asides that only place a clause within a legal frame ("in accordance with Article 51 of the
# United Nations Charter", "pursuant to the decisions of the Security Council"): topics named in
# them say little about what the clause is about.
ASIDES = re.compile(
    r"\b(?:in accordance with|in conformity with|consistent with|pursuant to|as provided (?:for )?"
    r"in|as defined in|under the terms of|without prejudice to|in line with)\b[^,;.:()]{0,90}"
)

# Verbs that reject their object: "oppose unilateralism", "overcoming the division of
# Europe", "prevent further expansion", "replace military confrontation with ...". They reach
# only a few words and never across a comma, unlike "not" and "no".
REJECTORS = re.compile(
    r"\b(?:oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|renounc\w+|say no to"
    r"|overcom\w+|(?:the )?end(?:s|ed|ing)? (?:of|to)|put an end to|prevent(?:s|ed|ing)?"
    r"|den(?:y|ies|ied|ying)|avoid(?:s|ed|ing)?|skip(?:s|ped|ping)?|abandon\w*"
    r"|replac(?:e|es|ed|ing)(?! by)|stop(?:s|ped|ping)?(?: being)?|ceas(?:e|es|ed|ing) (?:to be"
    r"|being)|get(?:s|ting)? rid of|do(?:es|ing)? away with|scrap(?:s|ped|ping)?)\b"
)
REJECTOR_REACH_WORDS = 5

# A negation after the cue, in the same clause: "Russia may not join", "arms limits are
# outdated". "Not only" and "not limited to" widen rather than deny, so they do not count.
POST_NEGATION = re.compile(
    r"(?:(?!\b(?:that|which|who|unless|if|because|when|whereas|while)\b)[^.;:,!?]){0,30}?"
    r"\b(?:is|are|was|were|be|shall|should|will|would|may|might|must|can|could"
    r"|do|does|did|need|needs)\s*(?:not|never|n't)\b(?!\s+(?:only|just|solely|merely|limited))"
    # ... and the clause ends soon after: "Russia may not join." but not "States joining need
    # not satisfy any criteria", where the negation governs a verb of its own.
    r"(?:\s+[\w'-]+){0,2}\s*(?=[.;:,!?)]|$)"
    r"|\s+(?:(?:is|are) )?(?:outdated|obsolete|unnecessary|pointless|a thing of the past)\b"
    r"|\s+(?:has|have) (?:ended|gone|passed)\b|\s+(?:is|are) over\b"
)

# Phrases that take a whole topic out of a clause's scope ("cyber operations fall outside the
# scope of this charter"); they flip even topic cues.
SCOPE_EXCLUSIONS = re.compile(
    r"\b(?:outside the scope|beyond the scope|not within the scope|excluded from the scope"
    r"|shall not apply|does not apply|do not apply|matters? for each (?:state|member) alone"
    r"|(?:shall|should|will|must|does|do|is|are)(?: not|n't) (?:apply|concern|cover)"
    r"|(?:is|are) (?:not|n't) (?:our|its|their|the organi[sz]ation's|a) (?:job|business|concern"
    r"|task|remit|role|matter)|(?:is|are|stay|stays|remain|remains) (?:left|kept) out)\b"
)

# Sentences that only say how the charter itself works (final clauses: signature, ratification,
# deposit, entry into force, languages, amendment, withdrawal, registration, seat, budget,
# observers, meetings). They are recognised by structure rather than by phrase: a sentence is
# procedural when its final-clause vocabulary outweighs its security vocabulary (see
# ``procedural_score``). Cues inside procedural sentences are ignored, so that "registered with
# the Secretariat of the United Nations" does not read as Chapter VIII and "observers ... by
# invitation" does not read as a restriction of membership.
#
# Markers that only occur in final clauses, each decisive on its own ...
PROCEDURAL = re.compile(
    r"\b(?:instruments? of (?:ratification|accession|acceptance|approval)|deposit(?:ed|ary|ory)?\b"
    r"|equally authentic|(?:enter|entry) into force|be registered (?:with|pursuant)"
    r"|registration|article 102|(?:official|working) languages?|done (?:at|in) "
    r"|in (?:duplicate|triplicate)|open for signature|remain in force|unlimited duration"
    r"|amendments? (?:to|of) (?:this|the present)|(?:withdraw|withdrawal) from (?:this|the"
    r" present|the) (?:treaty|charter|agreement|convention|act|organi[sz]ation|protocol)"
    r"|notice of (?:such |its |their )?withdrawal|denounc\w+|denunciation"
    r"|(?:headquarters|seat|secretariat) (?:of the \w+ )?shall be (?:located|situated|in)"
    r"|subject to ratification|concluded for an? (?:indefinite|unlimited) period"
    r"|interpretation (?:or|and) application of (?:this|the present)"
    r"|rules of procedure|certified (?:true )?cop(?:y|ies)|authenticated cop(?:y|ies)"
    r"|(?:retain|kept|keep) (?:it |them )?in (?:its|the) archives|(?:shall|will) be reissued)"
)
# ... markers typical of final clauses and of an organisation's housekeeping, which count
# together (each distinct kind once) ...
FINAL_CLAUSE_TERMS = re.compile(
    r"\b(?:signature|sign(?:ed|s|ing|atory|atories)?|ratif\w+|withdraw\w*"
    r"|notice|notif(?:y|ies|ied|ication)|amend\w*|languages?|texts?|authentic|original|archives?"
    r"|cop(?:y|ies)|transmit\w*|circulat\w+|regist\w+|budget\w*|contributions?|scale of"
    r"|financ\w+|secretariat'?s?|secretary[- ]general|chair(?:man|person|manship)?|term of"
    r"|observers?|attend\w*|meetings?|sessions?|minutes|publish\w*|website|invit\w+|guests?"
    r"|at the request of|(?:shall|will|may) be (?:held|convened|convoked)|expenses|delegations?"
    r"|months?|days?|calendar year|each year|every (?:\w+ )?years?|annual(?:ly)?"
    r"|(?:\d+|two|three|four|five|six|ten) years"
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r"|english|french|russian|chinese|spanish|arabic|german|italian|portuguese"
    r"|annex\w*|provisions? of (?:this|the present)|approv\w+|submit\w*|adopt\w*"
    r"|(?:this|the present|the) (?:treaty|charter|agreement|act|document|convention|protocol"
    r"|final act|declaration)"
    # ... how an organ is constituted and when it sits ...
    r"|organi[sz]ed(?! crime)|composed of|consists? of|represent(?:ed|atives?|ation)|elect\w*"
    r"|appoint\w*|quorum|seat of (?:the|this|that)|meets?|convene[sd]?|convening|convoke[sd]?"
    r"|(?:once|twice|\w+ times) (?:a|per|each|every) (?:year|month|week|quarter)"
    r"|continuously|at all times)\b"
)
# Organs named after security ("the Security Council of the organisation meets twice a year",
# "the Collective Security Council convenes ...") are part of the housekeeping vocabulary: the
# name says nothing of substance, so it counts as a final-clause term, not as security.
ORGAN_NAMES = re.compile(
    r"(?<!nations )(?<!un )\b(?:(?:collective|regional|joint|permanent|common|national"
    r"|international) )?(?:peace and security|security|defen[cs]e(?: ministers'?)?|peace"
    r"|military(?: staff)?|disarmament) (?:council|committee|commission|board|assembly"
    r"|conference|organ)s?\b"
)
# ... and the vocabulary of substance, which keeps a sentence substantive however much
# housekeeping it mentions ("observers to attend military manoeuvres", "notification of
# military exercises 42 days in advance").
SUBSTANCE_TERMS = re.compile(
    r"\b(?:secur\w+|peace\w*|militar\w+|forces|armed force|use of force|arms|armaments?"
    r"|weapons?|nuclear|missiles?|warheads?|aggression|attack\w*|defen[cs]e|terroris\w+|disarmament|sovereign\w*"
    r"|territor\w+|interferen\w+|interven\w+|human rights|conflicts?|threats?|manoeuvres"
    r"|maneuvers|exercises|troops|allian\w+|deploy\w*|inspections?|verification|confidence"
    r"|hegemon\w*|dominat\w+|equal\w*|indivisib\w+|cooperat\w+|co-operat\w+|dialogue"
    r"|crisis|war|environment\w*|disasters?|talks|negotiat\w+|forums?|platforms?"
    r"|deliberat\w+|united nations|regional (?:arrangements?|agenc\w+)|enforcement action)\b"
)
PROCEDURAL_THRESHOLD = 3
POINT_IN_TIME = re.compile(
    r"\b(?:upon|after|from|following|since|within|before|prior to|pending)\s+(?:the\s+)?"
    r"(?:date of\s+)?(?:its\s+|their\s+)?(?:entry into force|signature)"
)


def procedural_score(sentence: str) -> int:
    """How much a (lower-cased) sentence reads as a final clause: 3 for a decisive marker, 1 for
    each distinct kind of final-clause term (an organ named after security is one), minus 1 for
    each distinct substantive term. Entry
    into force or signature named only as a point in time ("within seven years after entry into
    force of this Treaty, each Party shall reduce ...") is not decisive.
    Procedural from ``PROCEDURAL_THRESHOLD`` up."""
    strong = 3 if PROCEDURAL.search(POINT_IN_TIME.sub(" ", sentence)) else 0
    organ = 1 if ORGAN_NAMES.search(sentence) else 0
    sentence = ORGAN_NAMES.sub(" ", sentence)
    terms = {m.group() for m in FINAL_CLAUSE_TERMS.finditer(sentence)}
    substance = {m.group() for m in SUBSTANCE_TERMS.finditer(sentence)}
    return strong + organ + len(terms) - len(substance)


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    polarity: int  # +1 asserts the concept, -1 asserts its contrary, 0 only names the topic
    # Literal pieces of which every match contains at least one (None: not known). A text
    # containing none of them cannot match, so the regular expression is not run at all.
    needles: tuple[str, ...] | None = None


def _needles(pattern: str) -> tuple[str, ...] | None:
    """Literal strings of which every match of ``pattern`` contains one, worked out from the
    parsed expression; None when no such set of pieces of three characters or more exists."""
    try:
        parsed = _sre_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - an internal module: no gate rather than no cue
        return None
    found = _required(list(parsed))
    if not found or min(len(n) for n in found) < 3:
        return None
    return tuple(sorted(found))


def _required(items: list) -> frozenset[str] | None:
    """Required literals of a sequence of parsed items: the best single candidate."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items + [(None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        sub: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            sub = _required(list(av[-1]))
        elif op is _sre.BRANCH:
            alternatives = [_required(list(branch)) for branch in av[1]]
            if all(alternatives):
                sub = frozenset().union(*alternatives)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        if sub:
            candidates.append(sub)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(n) for n in c), -len(c)))


@dataclass(frozen=True)
class Concept:
    name: str  # shown in reasons: "matches concept: <name>"
    contrary: str  # shown when a clause opposes it: "opposes: <contrary>"
    cues: tuple[Cue, ...]


def _concept(name: str, contrary: str, *cues: tuple[str, int]) -> Concept:
    return Concept(
        name=name,
        contrary=contrary,
        cues=tuple(_cue(pattern, polarity) for pattern, polarity in cues),
    )


def _cue(pattern: str, polarity: int) -> Cue:
    return Cue(re.compile(pattern), polarity, _needles(pattern))


STATES = r"(?:states?|countr(?:y|ies)|nations?|parties|party|members?|participants?)"
FORCES = r"(?:armed forces|armaments?|arms|military|troops|forces|arsenals?|weapons)"

CONCEPTS: tuple[Concept, ...] = (
    _concept(
        "indivisible security",
        "security at others' expense",
        (r"indivisib\w*", 1),
        (r"inseparabl[ey] (?:linked|connected|bound|tied)", 1),
        (
            r"(?:linked|bound up|tied|intertwined) (?:to|with) (?:that|the security|the safety) of",
            1,
        ),
        (r"(?:safety|security) (?:of (?:each|every|one) \w+ )?is bound up with", 1),
        (r"what (?:endangers|threatens) one \w+ (?:endangers|threatens) (?:all|every)", 1),
        (r"at (?:the )?(?:expense|cost) of (?:the )?(?:security|safety)", -1),
        (r"at (?:an)?others?'?s? (?:expense|cost)", -1),
        (
            r"(?:safety|security) on the (?:insecurity|expense|back) of|insecurity of "
            r"(?:an)?others?",
            -1,
        ),
        (r"to the detriment of (?:the )?(?:security|safety)", -1),
        (
            r"(?:leaves?|leaving|makes?|making|renders?) (?:its |their )?(?:neighbou?rs|others|"
            rf"other {STATES}) less (?:safe|secure)",
            -1,
        ),
        (r"undermin\w* (?:the )?(?:core )?security(?: interests)? of (?:the )?others?", -1),
        (
            r"(?:affect|harm|threaten|endanger|undermin|impair|diminish)\w* (?:\w+ )?(?:the )?"
            r"(?:security|safety) of (?:any |the )?others?",
            -1,
        ),
        (
            r"regardless of (?:the )?(?:effect|impact|consequences?) on (?:the )?(?:security"
            r"|safety)",
            -1,
        ),
    ),
    _concept(
        "equal security",
        "unequal standing",
        (r"equal (?:and \w+ )?security", 1),
        (r"integral security", 1),
        (r"sovereign equality", 1),
        (r"equal(?:ity)? (?:rights|status|footing|standing|weight)", 1),
        (r"(?:the )?same weight", 1),
        (r"whatever (?:its|their) (?:size|power|strength)", 1),
        (rf"equality of all (?:member )?{STATES}", 1),
        (r"common and shared security", 1),
        (r"weighted vot\w+", -1),
    ),
    _concept(
        "non-hegemony",
        "dominance of one power",
        (r"non-?hegemon\w*", 1),
        (r"multipolar\w*", 1),
        (r"cooperation between several (?:actors|powers|states)", 1),
        (r"(?:chair\w*|presidency) (?:shall |will )?rotat\w*|rotating (?:chair|presidency)", 1),
        (r"dominat\w*|dominance|domination", -1),
        (r"hegemon\w*", -1),
        (r"pre-?eminen\w*", -1),
        (r"spheres? of influence", -1),
        (r"(?:unilateral )?(?:military )?superiority", -1),
        (r"(?:claim|assume|take)\w* (?:the )?leadership", -1),
        (
            r"(?:strongest|largest|most powerful|biggest|leading) (?:member|state|power"
            r"|contributor)",
            -1,
        ),
        (r"(?:permanent )?veto", -1),
        (r"privileged (?:say|position|role|status|voice)|special (?:rights|privileges|status)", -1),
    ),
    _concept(
        "shared responsibility",
        "burden left to one protector",
        (r"(?:shared|common|collective|joint) responsibilit\w*|burden[- ]sharing", 1),
        (r"(?:bears?|carr\w+|does|do) (?:its|their) (?:part|share)|common effort", 1),
        (r"share\w* (?:the |their )?(?:responsibilit\w*|burdens?|costs?)", 1),
        (r"(?:responsib\w+|burdens?|costs?) (?:together|jointly|in common)", 1),
        (r"(?:jointly|collectively|together) responsible|responsible together", 1),
        (r"leave\w* (?:this|the|its) burden to", -1),
        (r"(?:rely|depend)\w* (?:solely |entirely )?on (?:a |one )?(?:protector|patron)", -1),
    ),
    _concept(
        "inclusive membership",
        "restricts membership",
        (r"unconditional\w*(?: members?| membership| participation| access)?", 1),
        (r"automatic\w* (?:being )?(?:unconditional )?members?", 1),
        (
            r"without (?:any )?(?:entry |admission |membership )?"
            r"(?:conditions?|criteria|exceptions?|preconditions?)",
            1,
        ),
        (
            r"(?:every|each|all(?: the)?|any) (?:\w+ ){0,3}(?:states?|countr(?:y|ies)|nations?)\b"
            r"[^.;]{0,60}\b(?:is|are|shall be|becomes?|may) (?:a |an )?"
            r"(?:members?|join|accede|take (?:its|their|a) seats?)",
            1,
        ),
        (r"(?:membership|accession|participation)[^.;]{0,30} open to (?:every|all|any)", 1),
        (r"open to (?:every|all|any) (?:\w+ ){0,3}(?:states?|countr\w+|nations?)", 1),
        (r"irrespective of (?:their )?(?:social|political|economic)", 1),
        (r"unless (?:it|they) (?:formally )?(?:opts?|declares?|chooses?|decides?)", 1),
        (r"opts? out", 1),
        (r"take (?:its|their|a) seat", 1),
        (r"inclusive (?:membership|arrangement|regional|security|organi[sz]ation)", 1),
        (
            r"(?:accepts?|includ\w+|admit\w*) russia|russia (?:included|as a (?:participating"
            r" )?member)",
            1,
        ),
        (r"participation of all", 1),
        (r"unanimous\w* (?:invitation|agreement|consent|decision|approval)|by unanimity", -1),
        (r"(?:with|subject to) the (?:prior )?(?:consent|approval|agreement) of", -1),
        # ... but inviting observers to military manoeuvres is a confidence-building measure.
        (r"invit\w+(?![^.;]{0,80}(?:manoeuvres|maneuvers|exercises|military activit))", -1),
        (
            r"(?:meet|meets|fulfil\w*|satisf\w+|pass\w*) (?:the |all |any )?(?:\w+ ){0,3}"
            r"(?:criteria|conditions|requirements|tests?)",
            -1,
        ),
        (
            r"(?:join|accede|admi\w+|become a member)\w*[^.;]{0,20} only (?:after|if|when|once"
            r"|with|upon)",
            -1,
        ),
        (
            r"(?:every|all|each) (?:existing |present |current )?members? (?:has|have) (?:ratified|"
            r"approved|agreed|consented)",
            -1,
        ),
        (r"(?:admission|accession|membership|joining)[^.;]{0,20} requires?", -1),
        (r"only (?:those )?(?:states|countries|nations) (?:that|which|who)", -1),
        (r"qualify\w*", -1),
        (r"(?:entry|admission|membership|accession) (?:conditions|criteria|requirements)", -1),
        (r"conditions? (?:of|for) (?:membership|admission|entry|accession)", -1),
        (r"in a position to further", -1),
        (r"observers?(?![^.;]{0,80}(?:manoeuvres|maneuvers|exercises|military activit))", -1),
    ),
    _concept(
        "no insiders and outsiders",
        "creates excluded outsiders",
        (r"exclusionary|the excluded", -1),
        (rf"exclud\w+ (?:from|any|other) (?:\w+ )?(?:{STATES}|the )", -1),
        (r"shut\w* out", -1),
        (r"outsiders?|outsider status", -1),
        (r"pariah", -1),
        (r"(?:treated|regarded|seen|considered) as (?:an? )?(?:adversar\w+|enem\w+|threat)", -1),
        (r"ally or adversary|insiders? (?:and|or) outsiders?|inside or the outside", -1),
    ),
    _concept(
        "collective security",
        "collective defence against outsiders",
        (r"collective security", 1),
        (
            rf"(?:attack|aggression|force) by (?:one|a|any) (?:member )?{STATES} (?:on|against)"
            r" (?:another"
            r"|any other)",
            1,
        ),
        (r"conflict\w* between (?:two or more )?(?:\w+ )?(?:states|members|parties)", 1),
        (r"(?:internal|intra-?regional) (?:conflicts?|disputes?)", 1),
        (r"collective (?:response|action|measures) of all", 1),
        (r"all for one,? one for all", 1),
        (r"collective[- ]defen[cs]e|mutual defen[cs]e", -1),
        (
            r"(?:aggression|attack) against (?:all|every one of|each of) (?:the )?(?:member"
            rf" )?{STATES}",
            -1,
        ),
        (r"attack against them all", -1),
        (
            r"armed attack (?:in [\w ]+? )?(?:on|against) (?:one or more of|any of) (?:the"
            rf" )?{STATES}",
            -1,
        ),
        (r"come to the assistance of the (?:state|party|parties|member)", -1),
        (r"assist the part(?:y|ies) (?:so )?attacked", -1),
        (r"(?:capacity|ability) to resist armed attack", -1),
        (r"defend\w* (?:one another|each other)", -1),
        (r"against (?:attack|aggression) (?:by|from) (?:\w+ ){0,2}outside", -1),
        (r"meet the common danger", -1),
    ),
    _concept(
        "no military bloc",
        "forms a military alliance",
        (r"non-?align\w*|non-?bloc", 1),
        (r"military(?:-political)? (?:alliance|bloc|pact|coalition)", -1),
        (r"\bblocs?\b", -1),
    ),
    _concept(
        "not directed against third countries",
        "aimed against outsiders",
        (r"multi-?vector", 1),
        (
            r"(?:directed|aimed|targeted|direct) (?:\w+ ){0,3}(?:at|against)"
            # ... but not "an attack on one is directed against them all" (collective defence)
            r"(?! (?:them|us|all|one|each other|any one|the (?:member|contracting))\b)",
            -1,
        ),
        (rf"against (?:any )?(?:third|other|outside) {STATES}", -1),
        (
            r"(?:fend off|counter\w*|contain\w*|compet\w+ with) (?:washington|the (?:united states|"
            r"americans|west|us)\b)",
            -1,
        ),
        (r"deterren\w+ against", -1),
    ),
    _concept(
        "multidimensional security",
        "military threats only",
        (r"multi-?dimensional", 0),
        (r"hybrid threats?", 0),
        (r"cyber[- ]?(?:security|attacks?|threats?|operations?|space)?", 0),
        (
            r"(?:information|influence) (?:campaigns?|warfare|operations?)|disinformation"
            r"|propaganda",
            0,
        ),
        (r"economic (?:coercion|pressure|blackmail)|politici[sz]ation of (?:the )?econom\w*", 0),
        (r"interferen\w+ in (?:the |their |its )?(?:domestic|internal)", 0),
        (
            r"(?:intervene|intervention|interfer\w+)\b[^.;]{0,60}(?:internal|domestic) "
            r"(?:affairs|jurisdiction|matters)",
            0,
        ),
        (r"terroris\w+|separatis\w+|extremis\w+", 0),
        (r"(?:drug|narcotics?|arms|human) trafficking|transnational (?:organi[sz]ed )?crim\w+", 0),
        (r"illegal migration|digital security|energy security", 0),
        (r"not (?:only|solely|just|limited to) (?:\w+ )?(?:military|armed)", 1),
        (r"non-?military (?:threats|challenges|dimensions?)|beyond (?:the )?military", 1),
        (
            r"only (?:military|armed) (?:threats?|attacks?|matters)|(?:solely|exclusively|purely) "
            r"military",
            -1,
        ),
    ),
    _concept(
        "human and environmental security",
        "security narrowed to the state",
        (r"human security", 0),
        (r"environment\w*|ecolog\w*|climate", 0),
        (r"\bhealth\b|pandemics?|epidemics?", 0),
        (r"human rights|fundamental freedoms", 0),
        (r"(?:safety|well-being|wellbeing|security) of (?:individuals|people|persons|citizens)", 0),
        (r"demographic|(?:shared|global) commons", 0),
    ),
    _concept(
        "supranational authority",
        "sovereignty and non-interference",
        (r"supranational", 1),
        (r"(?:sovereignty|national interests?)[^.;]{0,90}(?:give way|yield|subordinat)\w*", 1),
        (
            r"over (?:national )?sovereignty|(?:limit\w*|pool\w*|transfer\w*|cede|ceding) "
            r"(?:of )?(?:national )?sovereignty",
            1,
        ),
        (
            r"(?:act|intervene|operate)\w* (?:with)?in (?:a |the )?\S+ (?:state|territory|country)"
            r"(?: (?:even )?without (?:\S+ ){0,2}consent)?",
            1,
        ),
        (r"(?:intervene|intervention|interfer\w+)\b[^.;]{0,60}(?:internal|domestic)", 1),
        (r"non-?interference", -1),
        (r"sovereign\w*", -1),
        (r"domestic jurisdiction|territorial integrity|political independence", -1),
        (r"independence|national (?:identity|interests?)", -1),
        (r"free from external (?:interference|coercion)", -1),
    ),
    _concept(
        "UN Charter Chapter VIII",
        "acts outside the United Nations framework",
        (r"chapter viii", 0),
        (r"regional (?:arrangements?|agenc\w+|processes|action)", 0),
        (r"charter of the united nations|united nations charter|un charter", 0),
        (r"(?<!and )security council", 0),
        (r"(?:purposes|principles) of the united nations", 0),
        (r"(?:pacific|peaceful) (?:means|settlement)", 0),
        (r"(?:threat or )?use of force", 0),
        (
            r"(?:regardless of|outside|independent(?:ly)? of) the (?:united nations|security"
            r" council)",
            -1,
        ),
    ),
    _concept(
        "regional peace force",
        "no joint force",
        (
            r"(?:peace|peacekeeping|stabili[sz]ation|rapid reaction|crisis response|standing|joint|"
            r"regional|multinational) (?:force|forces|contingents?|units?|brigades?)",
            1,
        ),
        (
            r"(?:contribut|provid|plac|mak|assign|send)\w* (?:available )?[^.;]{0,60}"
            r"(?:contingents?|troops|(?:national )?units|armed forces)",
            1,
        ),
        (r"at the disposal of", 1),
        (r"police and enforce", 1),
    ),
    _concept(
        "progressive demilitarization",
        "military build-up",
        (r"demilitari[sz]\w*|disarmament", 1),
        (rf"(?:reduc|cut|lower|limit|shrink|scal|decreas)\w* (?:down )?(?:\w+ ){{0,4}}{FORCES}", 1),
        (
            rf"(?:{FORCES}|soldiers|army|armies)[^.;]{{0,40}}(?:convert|transform|redirect"
            r"|shift)\w*"
            r"[^.;]{0,40}(?:civil|humanitarian|disaster|peacekeeping|rescue|relief)",
            1,
        ),
        # Peacekeeping as a task armies take on; "peacekeeping operations" and "forces" are
        # the regional peace force's.
        (
            r"peacekeeping(?! (?:operations?|missions?|forces?|contingents?|troops|units|role))"
            r"|humanitarian (?:assistance|aid|tasks)|disaster (?:relief|response)",
            1,
        ),
        (r"lessening military confrontation|at lower levels|least diversion for armaments", 1),
        (
            r"only such military capabilities|commensurate with[^.;]{0,40}legitimate security"
            r" needs",
            1,
        ),
        (r"(?:spend|redirect)\w* the savings", 1),
        (
            r"(?:rais|increas|expand|boost|build\w* up|strengthen|develop)\w* (?:\w+ ){0,4}"
            r"(?:armed forces|defen[cs]e spending|military (?:spending|capabilit\w+|budgets?)|"
            r"defen[cs]es|capacity to resist)",
            -1,
        ),
        (r"\d+(?:\.\d+)? ?(?:%|per ?cent) of (?:their |its )?(?:gross domestic product|gdp)", -1),
        (r"per ?cent of (?:their |its )?(?:gross domestic product|gdp)", -1),
        (r"military build-?up|arms race|rearm\w*|without limit", -1),
        (r"\barm (?:itself|themselves)\b|freedom to arm", -1),
    ),
    _concept(
        "arms control",
        "unconstrained armament",
        (r"arms control|security norms", 1),
        (
            r"(?:regulations?|limitations?|control|reductions?|ceilings?|limits?) (?:of|on) (?:\w+"
            r" ){0,2}"
            rf"{FORCES}",
            1,
        ),
        (r"confidence[- ](?:and security[- ])?building", 1),
        (
            r"(?:notif\w+|notice|announc\w+|inform\w*)[^.;]{0,60}(?:manoeuvres|maneuvers|exercises|"
            r"military activities)",
            1,
        ),
        (r"(?:manoeuvres|maneuvers|exercises|military activities)[^.;]{0,80}in advance", 1),
        (
            r"exchange\w* (?:of )?(?:military )?(?:data|information) on (?:their |its )?(?:\w+ )?"
            r"(?:forces|military)",
            1,
        ),
        (r"verification|inspections?", 1),
        (r"balance of (?:conventional )?(?:armed )?forces|surprise attack", 1),
        (r"(?:intermediate|short|medium)[- ]range missiles|nuclear (?:weapons|arms)", 0),
        (r"(?:deploy|station|acquir)\w* (?:\w+ ){0,3}(?:missiles|nuclear weapons|weapons)", -1),
        (r"without limit|(?:unlimited|unrestricted|unconstrained) (?:armament|arms|forces)", -1),
    ),
    _concept(
        "pan-European security",
        "divided Europe",
        (r"pan-?european|all-european|general european treaty", 1),
        (
            r"(?:european|europe's) (?:collective )?security (?:system|treaty|arrangement|order|"
            r"architecture|community)",
            1,
        ),
        (r"(?:system|architecture|order) of (?:european )?collective security", 1),
        (r"collective security[^.;]{0,30}in europe", 1),
        (r"from the atlantic to the urals|from vancouver to vladivostok", 1),
        (r"all european states|(?:whole|all) of europe|states of europe", 1),
        (r"single security community|common european (?:home|security)", 1),
        (r"europe (?:is )?whole and free|undivided europe|european security order", 1),
    ),
    _concept(
        "merging NATO and the OSCE",
        "keeps NATO and the OSCE apart",
        (r"merg\w+", 1),
        (r"(?:nato|osce)[^.;]{0,60}(?:dissolv|fold|absorb|combin|consolidat|unif)\w*", 1),
        (
            r"(?:dissolv|fold|absorb|combin|consolidat|unif|take\w* over)\w*[^.;]{0,60}(?:nato"
            r"|osce)",
            1,
        ),
        (r"cease to exist as separate", 1),
        (r"deconflict\w*|streamlin\w*", 1),
        (
            r"(?:nato|osce|alliance)[^.;]{0,40}(?:remain|kept|keep|stay)\w* (?:separate|distinct|"
            r"independent)",
            -1,
        ),
    ),
    _concept(
        "dialogue before institutions",
        "binding institutions from the start",
        (r"(?:platform|forum) for (?:dialogue|consultations?)", 1),
        (r"\bdialogue\b|consult\w*|(?:friendly )?negotiations|\btalks\b", 1),
        (
            r"without (?:the burden of )?(?:excessive |heavy )?(?:organi[sz]ational "
            r"|institutional )?"
            r"(?:or institutional )?obligations",
            1,
        ),
        (r"(?:without|no) (?:a )?permanent (?:secretariat|institutions?|bodies|structures?)", 1),
        (r"consensus basis", 1),
        (r"binding (?:obligations|commitments)", -1),
    ),
    _concept(
        "gradual institutionalization",
        "instant institutions",
        (r"gradual\w*|step[- ]by[- ]step|case[- ]by[- ]case|phased|in stages", 1),
        (
            r"(?:later|then|eventually|subsequently|after)\b[^.;]{0,60}(?:permanent|institution\w*|"
            r"bodies)",
            1,
        ),
        (
            r"(?:transform|turn|develop)\w* (?:it |them )?into (?:permanent|an? )(?:\w+ ){0,2}"
            r"(?:institution|organi[sz]ation|body|structure|secretariat|bodies|organs?)",
            1,
        ),
        (r"experience gained|preparatory phase|only when (?:experience|practice|the need)", 1),
        (r"(?:review|decide|consider)\w* whether to (?:create|establish|turn)", 1),
        (r"(?:set up|established|created?|establish) (?:\w+ ){0,2}(?:at once|immediately)", -1),
        (r"from (?:the )?(?:very )?first day", -1),
    ),
    _concept(
        "transformation through deliberation",
        "change without deliberation",
        (
            r"(?:extensive|open|long|careful|broad|thorough) (?:deliberat|examination|negotiat)\w*",
            1,
        ),
        (r"deliberat\w+ (?:among|between) (?:all )?(?:the )?parties", 1),
        (r"(?:over|take|takes|taking) (?:several|many|a number of) years|will take time", 1),
        (r"before any (?:institution|body|organi[sz]ation) is (?:created|established)", 1),
        (r"cooperative agreement|negotiated over", 1),
        (r"(?:set up|established|created?|adopted) (?:\w+ ){0,2}(?:at once|immediately)", -1),
    ),
    _concept(
        "open to interested countries",
        "closed to newcomers",
        (rf"open (?:to|for)[^.;]{{0,30}}(?:other|interested|third|further|new) {STATES}", 1),
        (r"open for accession", 1),
        (
            rf"(?:other|interested|third) {STATES} (?:that |which |who )?(?:wish|want|are willing|"
            r"interested in|express\w*)",
            1,
        ),
        (rf"{STATES} (?:that|which|who) (?:wish|want|are willing|express)\w*", 1),
        (r"leave room for the participation|interested (?:parties|countries|states)", 1),
        (
            r"(?:join|take part in|participate in) (?:the )?(?:consultations|talks|process"
            r"|dialogue)",
            1,
        ),
        (r"(?:confined|limited|restricted) to (?:the )?(?:founding|present|current|original)", -1),
        (r"closed to|no (?:new|further) members", -1),
    ),
    _concept(
        "existing institutions such as the SCO",
        "new institutions instead of existing ones",
        (r"shanghai cooperation organi[sz]ation|\bsco\b|regional anti-terrorist structure", 1),
        (
            r"(?:existing|established) (?:\w+ )?(?:institutions|organi[sz]ations|bodies|structures|"
            r"frameworks)",
            1,
        ),
    ),
)


# Broader families of wording for each concept, the way diplomats, treaties and students say
# the same idea. Kept apart from the core cues above so that each family reads as one list.
# Cues here follow the same rules: +1 asserts, -1 asserts the contrary, 0 names the topic.
POWERS = (
    r"(?:america|the (?:united states|us|usa|west|americans|russians|chinese|soviet union)"
    r"|washington|china|beijing|russia|moscow|nato)"
)
OTHERS = (
    rf"(?:(?:any |the |all )?others?\b|(?:any |the |all )?other {STATES}|another {STATES}"
    r"|(?:its |their |your |our |a |the )?neighbou?rs?)"
)
ARMIES = r"(?:armies|army|militar\w+|arsenals?|weapons|troops|soldiers|armed forces|forces)"

EXTRA_CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "indivisible security": (
        (
            r"(?:mutual|shared) security(?! norms)|security (?:for|of) (?:all|everyone"
            r"|everybody)",
            1,
        ),
        (
            r"(?:safer|more secure)\b[^.;]{0,50}(?:"
            + OTHERS
            + r")[^.;]{0,30}(?:less (?:safe|secure)|insecure|unsafe|threatened|afraid|worried)",
            -1,
        ),
        (
            r"(?:boost|increas|strengthen|enhanc|improv|maximi[sz])\w* (?:its|their|one's|your"
            r"|our) (?:own )?security",
            -1,
        ),
        (
            r"(?:affect|harm|threaten|endanger|undermin|impair|diminish|damag)\w* (?:\w+ ){0,2}"
            r"(?:the )?(?:core |vital |legitimate )?(?:security|safety)(?: interests)? of "
            + OTHERS,
            -1,
        ),
        (r"(?:legitimate|core) security (?:interests|concerns) of (?:all|each|every)", 1),
        (
            r"(?:one|any) (?:\w+ )?(?:is|feels?|becomes?) (?:insecure|unsafe|threatened)"
            r"[^.;]{0,40}(?:all|everyone|everybody|every \w+)",
            1,
        ),
        (r"(?:even if|even when|whatever|regardless)[^.;]{0,30}(?:others?|neighbou?rs?) feel", -1),
    ),
    "equal security": (
        (r"equal(?:ity)? (?:right|say|vote|voice|value|partner\w*)", 1),
        (r"(?:counts?|matters?) (?:just )?as much|same right|same say|equally (?:safe|secure)", 1),
        (
            r"(?:big|large|great|strong|powerful|small|weak) (?:and|or) (?:big|large|great|strong"
            r"|powerful|small|weak) (?:\w+ )?(?:states|countries|nations|members)|(?:big|small) "
            r"(?:or|and) (?:big|small)\b",
            1,
        ),
        (r"one (?:state|country|member|nation),? one vote|one vote each", 1),
        (r"(?:more|extra|additional|greater|bigger) (?:votes?|say|voting (?:power|rights))", -1),
        (r"(?:votes?|voting (?:power|rights)) (?:\w+ ){0,3}(?:proportional|in proportion)", -1),
    ),
    "non-hegemony": (
        (
            r"\bboss(?:es)?\b|in charge\b|calls? the shots|runs? the show|(?:final|last|decisive)"
            r" (?:say|word)",
            -1,
        ),
        (
            r"\b(?:leads?|led by|leader of|lead\w*) (?:the |this |our )?(?:organi[sz]ation|group"
            r"|alliance|bloc|framework|structure|coalition|region)|under the leadership of",
            -1,
        ),
        (
            r"(?:leading|dominant|strongest|biggest) (?:countr\w+|nations?)|superpowers? (?:run"
            r"|lead)",
            -1,
        ),
        (r"unilateral\w*|unipolar\w*|(?:sole|only) superpower", -1),
        (
            r"(?:one|a single|any single|any one) (?:\w+ )?(?:power|country|state|nation|member)"
            r"\b[^.;]{0,30}(?:coordinat\w+|decides?|controls?|runs?|leads?|dictates?)",
            -1,
        ),
        (r"(?:balanced|equal) (?:partnership|say)|(?:several|many|multiple) (?:centres|poles)", 1),
    ),
    "shared responsibility": (
        (
            r"share\w* (?:\w+ ){0,3}(?:job|task|duty|duties|work|load|costs?|burdens?|"
            r"responsibilit\w*)",
            1,
        ),
        (
            r"team effort|pitch(?:es)? in|(?:all|every|each) (?:\w+ )?(?:members? )?(?:does"
            r"|do) (?:its|their) (?:part|bit)",
            1,
        ),
        (
            r"(?:joint|common|collective|shared) (?:efforts?|undertaking|tasks?|duty|duties"
            r"|obligations?)",
            1,
        ),
        (
            r"(?:cannot|can't|unable|no (?:state|country|nation))[^.;]{0,50}\b(?:alone|on (?:its"
            r"|their) own|by itself|single-handedly|by (?:a |any )?(?:single|one|any one"
            r"|individual) (?:state|country|nation|power|organi[sz]ation|actor|member))",
            1,
        ),
    ),
    "inclusive membership": (
        (r"(?:everyone|everybody|all|every (?:country|state|nation)) (?:is|are) welcome", 1),
        (r"(?:automatic\w*|by default)\b[^.;]{0,30}\b(?:members?|membership|join\w*|in)\b", 1),
        (r"(?:has|have|needs?|need|required) to (?:apply|qualify|earn)", -1),
        (
            r"\b(?:join|joins|joining|accede|accedes)\b|become (?:a )?members?\b",
            1,
        ),
        (
            r"(?:join|accede|admi\w+|membership|become (?:a )?members?)[^.;]{0,30}\bonly\b"
            r"|\bonly\b[^.;]{0,40}\b(?:join|accede|admi\w+|membership|become (?:a )?members?)\b",
            -1,
        ),
        (r"all (?:\w+ )?members (?:\w+ )?(?:vote|agree|approve|consent)\w*", -1),
        (
            r"(?:den(?:y|ies|ying)|refus\w+|bar\w*|block\w*|veto\w*) (?:\w+ ){0,3}(?:accession"
            r"|membership|admission|entry)",
            -1,
        ),
        (
            rf"{POWERS}[^.;]{{0,20}}(?:stays?|remains?|is kept|is left) (?:\w+ )?(?:outside|out)\b",
            -1,
        ),
        (r"(?:every|all|each) (?:\w+ ){0,2}(?:countr\w+|states?|nations?)[^.;]{0,30}russia", 1),
    ),
    "no insiders and outsiders": (
        (
            r"\bus (?:and|vs\.?|versus|against) them\b|(?:allies|friends) (?:and|or|vs\.?|versus)"
            r" (?:enemies|adversaries|foes)",
            -1,
        ),
        (r"dividing lines?|new divisions?|divisions? of (?:europe|the continent|the region)", -1),
        (r"(?:divide|split)\w* (?:\w+ )?(?:region|continent|europe|world)", -1),
        (r"left (?:outside|out)\b|(?:outside|outsider) looking in|out in the cold", -1),
        (r"cold war|bloc confrontation|group politics|zero-sum", -1),
        (
            r"nobody (?:is )?(?:left|kept) out|no one (?:is )?(?:left|kept) out"
            r"|everyone (?:is )?(?:in|included)",
            1,
        ),
    ),
    "collective security": (
        (r"collective measures|protect\w* (?:everyone|everybody|all) (?:inside|within|in)", 1),
        (r"(?:attack|aggression)\w*[^.;]{0,60}(?:against|on|upon) (?:them )?all\b", -1),
        (r"(?:victim|object) of (?:an )?(?:armed )?(?:aggression|attack)", -1),
        (
            r"aid and assistance|(?:render|provide|give)\w* (?:it |them |each other |one another )?"
            r"(?:immediate |necessary"
            r" |all )*(?:military )?assistance",
            -1,
        ),
        (
            r"(?:protect|defend|shield|guard)\w* (?:its |their |the "
            r"|our )?(?:own )?members? (?:from|against)",
            -1,
        ),
        (
            r"(?:defend|protect)\w* (?:\w+ ){0,3}against (?:an? )?(?:outside|external|common"
            r"|foreign) (?:enemy|enemies|threats?|adversar\w+|aggressors?|danger)",
            -1,
        ),
    ),
    "no military bloc": (
        (
            r"military (?:club|union|grouping)|(?:joint|unified|integrated) (?:military )?command",
            -1,
        ),
        (r"mutual defen[cs]e (?:pact|treaty|obligations?)", -1),
    ),
    "not directed against third countries": (
        (
            r"(?:against|contain\w*|deter\w*|counter\w*|fight\w*|target\w*|confront\w*|encircl\w*)"
            r" (?:"
            + POWERS
            # ... not "aggression by one member against another member State" (collective security)
            + r"|(?:any|another|other|third|outside) (?!member)(?:\w+ )?(?:countr\w+|states?"
            r"|nations?"
            r"|part(?:y|ies)|powers?))\b",
            -1,
        ),
        (rf"(?:protect|defend|shield)\w* [^.;]{{0,30}}(?:from|against) {POWERS}\b", -1),
        (
            r"(?:set up|created?|built|exists?|designed|meant|intended|purpose is) (?:\w+ ){0,2}"
            r"(?:to )?(?:fight|contain|deter|counter|confront|oppose|balance)\w*",
            -1,
        ),
        (r"against (?:anybody|anyone|anybody else|anyone else)", -1),
    ),
    "multidimensional security": (
        (r"fake news|misinformation|(?:election|electoral) (?:meddling|interference)", 0),
        (r"(?:meddl|interfer)\w* in (?:\w+ ){0,3}elections?|\bhack\w*", 0),
        (r"(?:unilateral |economic )?sanctions|economic (?:warfare|pressure)|trade wars?", 0),
        (r"non-?traditional (?:security|threats?|domains?|challenges?)", 0),
        (r"comprehensive\b[^.;]{0,40}\bsecurity", 0),
        (r"not (?:only|just|solely|merely) (?:\w+ )?(?:armies|tanks|soldiers|weapons)", 1),
        (r"(?:military|armed)(?: \w+){0,2} only\b|only (?:(?!such\b)\w+ ){0,3}military\b", -1),
    ),
    "human and environmental security": (
        (r"disease|outbreaks?|virus\w*|famine|hunger|food (?:security|shortages?)", 0),
        (r"water (?:shortages?|security|scarcity)|refugees?|natural disasters?|pollut\w+", 0),
        (r"global warming|biosecurity|\bnature\b|well-being of (?:peoples?|citizens)", 0),
    ),
    "supranational authority": (
        (r"genocide|crimes against humanity|mass atrocities|ethnic cleansing", 1),
        (r"\bstep(?:s|ping)? in\b|responsibility to protect|humanitarian intervention", 1),
        (
            r"(?:government|state|regime)s? (?:\w+ ){0,3}(?:fails?|unable|unwilling|lets?|abus\w+"
            r"|starv\w+|persecut\w+|oppress\w+)[^.;]{0,40}(?:people|citizens|population)",
            1,
        ),
        (
            r"(?:people|individuals|citizens|human beings?|humans?)\b[^.;]{0,30}(?:matters?|comes?"
            r"|counts?) (?:more|first|before)",
            1,
        ),
        (r"\b(?:intervene|interfere|meddle)\b", 1),
        (
            r"(?:full|total|complete|exclusive|sole) (?:control|authority|say|jurisdiction) over"
            r"|(?:sovereignty|non-interference) (?:comes?|is) first",
            -1,
        ),
        (
            r"(?:act|intervene|operate|step in)\w*[^.;]{0,40}without (?:the |its |their )?(?:\w+ )?"
            r"(?:consent|permission|approval|invitation)",
            1,
        ),
    ),
    "UN Charter Chapter VIII": (
        (r"\bunited nations\b|\bu\.?n\.? (?:charter|framework|rules|system)", 0),
        (
            r"regional (?:organi[sz]ations?|bodies)|african union"
            r"|organi[sz]ation of american states",
            0,
        ),
        (
            r"independent(?:ly)? (?:of|from) the (?:un|united nations|security council)"
            r"|without (?:the )?(?:approval|authori[sz]ation|mandate) of the (?:un\b|united nations"
            r"|security council)",
            -1,
        ),
        (r"(?:need|require)\w* (?:\w+ ){0,2}(?:approval|authori[sz]ation|mandate|permission)", 1),
    ),
    "regional peace force": (
        (
            r"(?:contribut|provid|plac|mak|assign|send|offer)\w* (?:available )?[^.;]{0,100}"
            r"(?:contingents?|troops|soldiers|(?:national )?units|armed forces)",
            1,
        ),
        (r"peace(?:keeping)? (?:army|troops|soldiers|missions?|operations?)|blue helmets", 1),
        (r"(?:joint|common|shared|regional|standing) (?:army|armies|troops)", 1),
    ),
    "progressive demilitarization": (
        (
            r"(?:smaller|fewer|leaner) (?:armies|armed forces|militaries|troops|soldiers|weapons)"
            r"|(?:armies|militaries|armed forces|military budgets?|defen[cs]e budgets?|military "
            r"spending)[^.;]{0,30}(?:smaller|shrink|decreas|reduc|cut|fall)\w*",
            1,
        ),
        (
            r"(?:soldiers|armies|army|troops|militaries)[^.;]{0,40}(?:retrain\w*|become|turn\w*"
            r" into|used? (?:for|to))[^.;]{0,40}(?:rescue|relief|aid|disaster|flood|earthquake"
            r"|peacekeep|humanitarian|civil)",
            1,
        ),
        (
            rf"(?:build\w* up|boost\w*|increas\w*|expand\w*|strengthen\w*|moderni[sz]\w*) "
            rf"(?:\w+ ){{0,3}}{ARMIES}",
            -1,
        ),
        (
            r"(?:spend|spending)\w* (?:more|at least|\d[\d.,]*\s*%?)[^.;]{0,20}(?:on|for) "
            r"(?:defen[cs]e|the military|arms|weapons)",
            -1,
        ),
        (
            r"(?:spend|spending|budgets?)\w* less (?:\w+ )?(?:on|for) (?:defen[cs]e|the military"
            r"|arms|weapons)|(?:cut|reduc|lower)\w* (?:\w+ )?(?:defen[cs]e|military) (?:spending"
            r"|budgets?)",
            1,
        ),
        (
            r"(?:convert|transform|redirect|shift|move|retrain|reassign)\w* (?:\w+ ){0,3}"
            r"(?:soldiers|troops|armies|army|forces|militar\w+)[^.;]{0,50}(?:rescue|relief|aid"
            r"|disaster|humanitarian|civil|peacekeep)",
            1,
        ),
    ),
    "arms control": (
        (r"nuclear[- ](?:weapons?[- ])?free|denucleari[sz]\w*|non-?proliferation", 1),
        (
            r"observation flights|open skies|military transparency|transparency (?:of|in) military",
            1,
        ),
        (
            r"(?:limits?|caps?|ceilings?|restrictions?|constraints?) (?:on|to|for) (?:\w+ ){0,6}"
            r"(?:missiles?|weapons|arms|nuclear|warheads|armaments?|tanks|forces|arsenals?)",
            1,
        ),
        (
            r"(?:arms|weapons?|missile|nuclear) (?:limits|limitation|ceilings|caps|treat\w+"
            r"|agreements?|deals?)",
            1,
        ),
        (
            r"(?:build|make|develop|produce|acquire|buy|deploy)\w* (?:\w+ ){0,2}(?:whatever|any"
            r"|all the) (?:weapons|arms|missiles)",
            -1,
        ),
        (
            r"(?:reduc|limit|cut)\w* (?:\w+ ){0,4}(?:tanks|artillery|aircraft|helicopters"
            r"|missiles|warheads)",
            1,
        ),
    ),
    "pan-European security": (
        (
            r"(?:whole|entire) (?:continent|of europe)|europe as a whole"
            r"|from lisbon to vladivostok",
            1,
        ),
        (r"euro-atlantic and eurasian|(?:common|single|shared) (?:space|home|house) of", 1),
        (
            r"(?:inclusive|lasting|common|cooperative|co-operative) (?:\w+ ){0,2}(?:peace|security"
            r"|order) (?:in|for) (?:the )?(?:euro-atlantic|europe|eurasia)",
            1,
        ),
        (r"divisions? of europe|divided europe|(?:divide|split)\w* europe", -1),
        (
            r"(?:russia|moscow)[^.;]{0,20}(?:stays?|remains?|is kept"
            r"|is left) (?:\w+ )?(?:outside|out)\b",
            -1,
        ),
    ),
    "merging NATO and the OSCE": (
        (r"\bfus(?:e|ed|es|ing|ion)\b|\brationali[sz]\w*|avoid\w* duplication", 1),
        (
            r"(?:into|as) (?:a )?(?:single|one) (?:\w+ ){0,2}(?:organi[sz]ation|body"
            r"|institution|structure)",
            1,
        ),
        (
            r"mutually reinforcing|interlocking institutions|complementar\w+ (?:institutions"
            r"|organi[sz]ations)",
            1,
        ),
        (
            r"(?:nato|osce|alliance|organi[sz]ations|institutions)[^.;]{0,40}(?:remain|kept"
            r"|keep|stay)"
            r"\w* (?:\w+ )?(?:separate|distinct|apart)",
            -1,
        ),
    ),
    "dialogue before institutions": (
        (
            r"\btalk(?:s|ing)?\b|\bforum\b|(?:regular|periodic) (?:meetings|summits"
            r"|consultations)",
            1,
        ),
        (r"meet\w* (?:and|to) (?:talk|discuss|consult)", 1),
        (
            r"(?:big|large|heavy|huge|full|full-blown) (?:\w+ )?(?:headquarters|secretariat"
            r"|bureaucracy|institution|structure|staff)s?|\brulebook\b|red tape",
            -1,
        ),
    ),
    "gradual institutionalization": (
        (
            r"one (?:problem|issue|step|thing|case) at a time|little by little|bit by bit"
            r"|in (?:\w+ )?(?:stages|phases)|(?:own|comfortable|steady|slow) pace"
            r"|start\w* small|small steps|pilot projects?",
            1,
        ),
        (r"(?:later|then|eventually|subsequently|after)\b[^.;]{0,60}(?:official|formal)", 1),
        (
            r"(?:permanent|institution\w*|bodies|secretariat|official)[^.;]{0,60}\b(?:later\b"
            r"|eventually|after (?:a|an|one|two|three|four|five|several|some|\d+) (?:\w+ )?"
            r"(?:years?|months?|phase|period))",
            1,
        ),
        (
            r"(?:institutions?|bodies|secretariat|headquarters|structures?|bureaucracy|staff"
            r"|obligations|set up|established|created|built|permanent)\b[^.;]{0,50}(?:from day"
            r" one|from the (?:very )?(?:start|outset|beginning))|(?:from day one|from the (?:very"
            r" )?(?:start|outset|beginning)),? (?:\w+ ){0,4}(?:institutions?|bodies|secretariat"
            r"|headquarters|structures?|bureaucracy|staff)",
            -1,
        ),
    ),
    "transformation through deliberation": (
        (r"years of (?:talks|negotiations?|discussions?|deliberations?)", 1),
        (r"long (?:talks|negotiations?|discussions?|consultation|process)|endless talks", 1),
        (r"\brush\w*|\bhurr\w+", -1),
        (r"(?:take|takes|taking) (?:its|their|our|the|enough|plenty of) time|no deadline", 1),
        (
            r"(?:sign|adopt|creat|set up|establish|decid|agree|conclud|ratif|deal)\w*[^.;]{0,40}"
            r"(?:right away|straight away|immediately|at once|quickly|as fast as"
            r"|within (?:a|one|two|three|\d+) (?:days?|weeks?|months?))",
            -1,
        ),
    ),
    "open to interested countries": (
        (
            r"(?:join|take part|participate|come in|sign up)\w* (?:\w+ ){0,3}(?:later|whenever"
            r"|at any time|any time)|door (?:is |remains |stays )?open|open door",
            1,
        ),
        (
            r"(?:any|all|other) (?:\w+ )?(?:countr\w+|nations?|states?) (?:that|which|who) "
            r"(?:\w+ ){0,2}(?:want|wish|are interested|would like)",
            1,
        ),
        (r"open (?:for|to) (?:accession|signature)|accession (?:of|by) (?:other|new|further)", 1),
        (r"(?:further |eastward )?(?:enlargement|expansion)\b", 1),
    ),
    "existing institutions such as the SCO": (
        (r"shanghai (?:organi[sz]ation|group|cooperation|pact|bloc|club)", 1),
        (
            r"already[- ]exist\w* (?:\w+ ){0,2}(?:organi[sz]ations?|institutions?|bodies"
            r"|structures?|frameworks?|groups?)|(?:organi[sz]ation|institution|body|structure"
            r"|group)s? (?:that |which )?already exists?",
            1,
        ),
        (
            r"from scratch|reinvent\w* the wheel|from (?:nothing|zero|the ground up)"
            r"|(?:clean|blank) slate|start\w* (?:all )?over",
            -1,
        ),
        (r"(?:completely |entirely |brand )new (?:organi[sz]ation|institution|body|structure)", -1),
    ),
}


# The register of treaties and final documents: how instruments of the Helsinki, Paris,
# Istanbul and Astana line, the Russian and Chinese drafts, the CSTO, SCO, CICA, ASEAN, AU, OAS,
# EU and arms-control treaties state each idea. Each entry is a notion of treaty law read
# against what the principles actually say:
#
# * inviolability of frontiers, territorial integrity, non-intervention, the right to choose
#   one's political system: national sovereignty, which the supranational principle wants to
#   give way, so they oppose it; human-dimension commitments that "do not belong exclusively
#   to internal affairs" and a right to intervene against atrocities support it;
# * the right to choose security arrangements "including treaties of alliance", collective
#   self-defence, "an attack against one is an attack against all", mutual aid and assistance:
#   the collective defence that the collective-security and no-insiders principles reject;
# * undiminished security, due regard for others' security interests, deployments "perceived
#   as a threat": indivisible security;
# * confidence- and security-building measures, exchange of military information, inspections,
#   risk-reduction mechanisms, elimination of missiles, no first use, nuclear-weapon-free
#   zones: arms control; improving military capabilities: the contrary of demilitarization;
# * peacekeeping roles, standby forces, rapid deployment, operational capacity: a regional
#   peace force; decisions by consensus or without vote: shared responsibility;
# * evolutionary stages at a pace comfortable to all, new structures and institutions of a
#   process: gradual institutionalization; long-term processes and patient negotiation:
#   transformation through deliberation.
TREATY_CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "indivisible security": (
        (r"undiminished security", 1),
        (
            r"(?:due|full) (?:regard|account) (?:to|of|for) (?:the )?(?:legitimate )?security"
            r" (?:interests|concerns)",
            1,
        ),
        (
            r"(?:perceived|regarded|seen|considered) (?:by (?:the )?other \w+ )?as (?:a )?threats?"
            r" to (?:its|the|their) (?:national )?security",
            -1,
        ),
        (r"at the (?:expense|cost) of (?:the )?(?:\w+ )?(?:security|interests) of", -1),
    ),
    "equal security": (
        (
            r"\bas equals\b|on (?:an |the )?(?:equal|same) (?:footing|basis)|equal (?:members"
            r"|participants|partners)",
            1,
        ),
        (r"equal right to security|equal(?:ly)? (?:and )?(?:legitimate )?security", 1),
        (r"equality and mutual benefit|on the basis of (?:\w+ ){0,3}equality", 1),
        (rf"equality (?:of|among|between) (?:all )?(?:the )?(?:member )?{STATES}", 1),
    ),
    "non-hegemony": (
        (r"power politics|bully\w*|polycentric|democrati[sz]\w* of international relations", -1),
        (r"dominant (?:role|position|power|influence|say)", -1),
        (r"impos\w+ (?:its|their|one's) (?:will|values|model|rules)", -1),
    ),
    "shared responsibility": (
        (
            r"(?:decisions? (?:\w+ ){0,4}(?:shall|will|are|is) (?:be )?(?:taken|adopted|made)"
            r"|decision-making)\b[^.;]{0,60}\b(?:consensus|without (?:a )?vot\w+"
            r"|by (?:common )?agreement|common accord)",
            1,
        ),
        (r"consultation and consensus", 1),
        (r"joint (?:decisions?|action)", 1),
    ),
    "inclusive membership": (
        (r"may apply (?:to|for)|provided (?:that )?(?:it|they|the (?:applicant|candidate))", -1),
        (
            r"extended to (?:any |other |new )?(?:\w+ )?(?:states?|countries|members)"
            r"|extend\w* (?:\w+ ){0,2}membership",
            1,
        ),
        (
            r"inclusive (?:\w+ ){0,2}(?:organi[sz]ation|arrangement|framework|structure|forum"
            r"|membership|community)",
            1,
        ),
        (
            r"(?:all|every|each) (?:the )?(?:\w+ ){0,2}(?:states|countries|nations)\b[^.;]{0,60}"
            r"\b(?:participate|take part)",
            1,
        ),
    ),
    "no insiders and outsiders": (
        (
            r"closed (?:\w+ )?(?:blocs?|groups?|groupings?|clubs?|structures?|alliances?)"
            r"|opposing camps|confrontational blocs?",
            -1,
        ),
        (
            r"(?:right|free|freedom) to (?:\w+ ){0,3}(?:choose|change|join|belong)\w*[^.;]{0,60}"
            r"(?:alliances?|security arrangements)|treat(?:y|ies) of alliance",
            -1,
        ),
        (
            r"consider\w* (?:each other|one another) (?:as )?(?:adversar\w+|enem\w+|rivals?"
            r"|threats?)",
            -1,
        ),
        (r"(?:vestiges|legacy) of (?:\w+ ){0,2}confrontation", -1),
    ),
    "collective security": (
        (r"(?:individual or )?collective self-defen[cs]e", -1),
        (
            r"(?:aggression|attack) (?:by|from) (?:a |any )?(?:third|outside|external|non-member)"
            r" (?:states?|part(?:y|ies)|powers?|countr(?:y|ies))",
            -1,
        ),
        (r"against them all|against (?:any )?one\b[^.;]{0,60}against (?:them )?all\b", -1),
        (r"(?:obligation|duty) of (?:mutual )?(?:aid|assistance)|mutual (?:aid|assistance)", -1),
        (r"(?:protect\w*|defen[cds]\w*) on a collective basis|collective protection", -1),
    ),
    "no military bloc": ((r"treat(?:y|ies) of alliance", -1),),
    "multidimensional security": (
        (
            r"information security|information space|information and communication"
            r" technolog\w+|\bicts?\b",
            0,
        ),
        (r"transnational (?:threats?|challenges?)|organi[sz]ed crime", 0),
        (
            r"(?:illicit |illegal )?trafficking (?:in|of) (?:\w+ ){0,2}(?:drugs|narcotic\w*|arms"
            r"|weapons|human beings|persons)",
            0,
        ),
    ),
    "human and environmental security": (
        (
            r"(?:natural|man-made|technological) (?:or (?:natural|man-made) )?disasters?"
            r"|civil emergenc\w+|emergency situations",
            0,
        ),
        (r"humanitarian (?:problems|co-?operation|fields?|issues)|human contacts", 0),
        (r"reunification of families|family reunification|sustainable development", 0),
    ),
    "supranational authority": (
        (
            r"inviolab\w+ of (?:\w+ )?(?:frontiers|borders)|(?:frontiers|borders) (?:are |shall"
            r" be |as )?inviolable",
            -1,
        ),
        (r"non-?intervention|\binviolab\w+", -1),
        (
            r"(?:subordinat|violat|infring|undermin|restrict|threaten|encroach)\w*[^.;]{0,80}"
            r"(?:sovereign\w*|territorial integrity|political independence)",
            1,
        ),
        (r"(?:external|outside|foreign) (?:interference|intervention|coercion|subversion)", 1),
        (
            r"(?:right|freedom) (?:of (?:each|every|all) (?:\w+ )?)?to (?:freely )?(?:choose"
            r"|determine|develop|pursue)\w* (?:\w+ ){0,4}(?:political|social|economic|cultural)"
            r" (?:systems?|path|model|order)",
            -1,
        ),
        (
            r"(?:respect|recogni[sz]e)\w* (?:\w+ ){0,3}(?:systems? of government"
            r"|political systems?)",
            -1,
        ),
        (
            r"(?:change|overthrow|subvert|undermin)\w* (?:\w+ ){0,3}(?:systems? of government"
            r"|political systems?|constitutional order)",
            1,
        ),
        (r"legitimate concern (?:to|of) all", 1),
        (r"forms of intervention|right to intervene", 1),
        (r"exclusively (?:to |within |a matter of )?(?:the )?internal affairs", -1),
        (r"unconstitutional (?:change|alteration|seizure)\w*|collective assessment", 0),
    ),
    "UN Charter Chapter VIII": (
        (r"(?:primary|main) responsibility (?:of|for) the (?:\w+ )?security council", 0),
    ),
    "regional peace force": (
        (
            r"peace-?keeping (?:role|operations?|missions?|forces?|activities|contingents?"
            r"|capacit\w+)|role (?:\w+ ){0,3}in peace-?keeping",
            1,
        ),
        (
            r"stand-?by (?:\w+ )?(?:force|forces|contingents?|units)|rapid (?:deployment|reaction)"
            r"|(?:ready|available) for (?:rapid )?deployment|deployed (?:quickly|rapidly)",
            1,
        ),
        (
            r"operational capacity|(?:civilian and military|military and civilian) (?:assets"
            r"|components|capabilities|capacities|personnel)",
            1,
        ),
        (
            r"crisis management (?:operations?|missions?)"
            r"|(?:coalition|collective) (?:\(\w+\) )?forces",
            1,
        ),
    ),
    "progressive demilitarization": (
        (
            r"(?:improv|enhanc|moderni[sz]|upgrad)\w* (?:\w+ ){0,3}(?:military capabilit\w+"
            r"|defen[cs]e capabilit\w+|armed forces|military (?:potential|power))",
            -1,
        ),
        (
            r"(?:devot|releas|redirect|free|channel)\w* (?:\w+ ){0,5}resources (?:\w+ ){0,3}"
            r"(?:to|for) (?:\w+ ){0,3}(?:economic|social|development)",
            1,
        ),
        (r"(?:lower|reduced|minimum) levels? of (?:armed )?(?:forces|armaments)", 1),
        (r"(?:reduc|cut|limit)\w* (?:\w+ )?military (?:expenditures?|budgets?)", 1),
    ),
    "arms control": (
        (r"confidence-?\s*(?:and security-?\s*)?building", 1),
        (r"\b(?:c?sbms?|cbms?)\b", 1),
        (
            r"exchange\w* (?:\w+ ){0,2}(?:information|data)[^.;]{0,40}(?:military|forces|armed"
            r"|weapons|armaments)",
            1,
        ),
        (
            r"(?:eliminat|destroy|destruct|dismantl|reduc|limit|cut)\w* (?:\w+ ){0,5}(?:missiles"
            r"|warheads|launchers|nuclear weapons)",
            1,
        ),
        (
            r"(?:develop|manufactur|produc|acquir|possess|stockpil|station|deploy)\w*[^.;]{0,80}"
            r"(?:nuclear|chemical|biological) (?:weapons?|explosive devices?|arms)",
            -1,
        ),
        (
            r"(?:deploy|station)\w* (?:\w+ ){0,5}(?:missiles|nuclear weapons|combat forces"
            r"|(?:armed |military )?forces (?:and (?:weaponry|armaments)|on the territory))",
            -1,
        ),
        (r"\bfirst use\b|first to use", -1),
        (
            r"(?:notif\w+|notice)[^.;]{0,60}(?:launch\w*|missiles?"
            r"|movements? of (?:forces|troops))",
            1,
        ),
        (
            r"observers?\b[^.;]{0,60}(?:manoeuvres|maneuvers|exercises|military activit\w+)"
            r"|(?:manoeuvres|maneuvers|exercises|military activit\w+)[^.;]{0,40}observers?\b",
            1,
        ),
        (r"weapons of mass destruction|\bwmd\b", 0),
        (r"missile defen[cs]e|anti-ballistic|strategic (?:stability|balance)", 0),
        (
            r"hot ?lines?|risk reduction|dangerous military activit\w+|activit\w+ of military"
            r" significance|unusual (?:and unscheduled )?(?:military )?activit\w+",
            1,
        ),
    ),
    "merging NATO and the OSCE": (
        (r"platform for co-?operative security|division of labou?r", 1),
        (
            r"(?:osce|csce)\b[^.;]{0,60}(?:co-?operat\w+|co-?ordinat\w+|partnership)[^.;]{0,20}"
            r"\b(?:nato|north atlantic alliance)\b|\b(?:nato|north atlantic alliance)\b[^.;]{0,60}"
            r"(?:co-?operat\w+|co-?ordinat\w+|partnership)[^.;]{0,20}\b(?:osce|csce)\b",
            1,
        ),
        (r"hierarchy (?:between|among) (?:them|the (?:organi[sz]ations|institutions))", -1),
    ),
    "dialogue before institutions": (
        (r"informal (?:process|forum|nature|mechanism|meetings?|dialogue)", 1),
        (r"(?:without|no|with no) (?:a )?secretariat", 1),
    ),
    "gradual institutionalization": (
        (
            r"(?:through|in|over) (?:\w+ ){0,2}(?:stages|phases)|evolutionary (?:approach|process"
            r"|manner)|pace (?:comfortable|acceptable) to all",
            1,
        ),
        (
            r"structures and institutions|institutions and structures|institutionali[sz]\w*"
            r"|(?:create|establish|set up)\w* (?:\w+ ){0,3}(?:permanent|new) (?:institutions"
            r"|bodies|structures|organs)",
            0,
        ),
        (r"process initiated by|follow-up (?:meetings?|to the conference)", 1),
    ),
    "transformation through deliberation": (
        (
            r"long-term (?:\w+ ){0,2}(?:process|dialogue|negotiations?|effort|engagement)"
            r"|years of (?:\w+ ){0,2}(?:talks|negotiations?|discussions?|deliberations?"
            r"|diplomacy)|patient (?:diplomacy|negotiations?|dialogue)",
            1,
        ),
    ),
    "open to interested countries": (
        (
            r"(?:states|countries) (?:[\w-]+ ){0,5}(?:that|which|who) (?:\w+ ){0,2}"
            r"(?:share|undertake|accept|are ready|is ready|are willing|respect)",
            1,
        ),
        (r"welcom\w+ (?:the )?participation of", 1),
        (
            r"(?:any|other) (?:state|country|nation)[^.;]{0,80}\b(?:may|can|shall be free to)"
            r" (?:take part|participate"
            r"|join|accede)",
            1,
        ),
    ),
    "existing institutions such as the SCO": (
        (
            r"(?:strengthen|enhanc|support|make (?:full )?use of|utili[sz])\w* (?:\w+ ){0,4}"
            r"(?:role|potential|mechanisms?|capacit\w+) of (?:the )?(?:sco|cica|brics|csto)\b",
            1,
        ),
        (r"\b(?:cica|brics)\b|(?:existing|multilateral) (?:mechanisms|platforms|formats)", 1),
    ),
}


# Constructions rather than words, in both registers: conditions attached to an open door ("open
# to all states which accept ..."), an attack from outside answered by all the others, a common
# good that "comes before" national interest, decisions members "have to accept", a war that
# is "a matter of concern to the whole", adversaries that are "no longer" adversaries, a forum
# raised "to a higher level", overlaps and duplication to "get rid of", power "pushed back".
ADJ_POWERS = (
    r"(?:american|u\.?s\.?|us-led|western|western-led|nato's|washington's|america's|chinese"
    r"|china's|russian|russia's)"
)
ENEMIES = r"(?:adversar(?:y|ies)|enem(?:y|ies)|rivals?|foes?|opponents?)"
CONSTRUCTION_CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "inclusive membership": (
        (
            r"(?:members?|membership|belong\w*|join\w*|accede\w*|take (?:its|their) seats?)\b"
            r"[^.;]{0,30}\b(?:from day one|from the (?:very )?(?:start|outset|beginning|first"
            r" day)|right away|straight away|automatically)",
            1,
        ),
        (r"no strings attached|no questions asked|(?:no|without) (?:\w+ )?strings", 1),
        (
            r"(?:entry|admission|membership|accession) (?:tests?|exams?|hurdles?|hoops"
            r"|procedures?)",
            -1,
        ),
        (
            r"(?:no|without|need not|no need to|not need to) (?:any |an )?(?:application|apply"
            r"|applying|vote|voting|ballot|approval|invitation|entry test)s?\b(?: (?:or|and|nor)"
            r" (?:\w+ )?(?:vote|voted|approval|application|invitation|ballot)s?)?",
            1,
        ),
        (
            r"in the (?:judg(?:e)?ment|opinion|view|assessment|eyes) of (?:the )?(?:organi[sz]ation"
            r"|(?:existing |other )?members|council|assembly)|at the discretion of"
            r"|(?:deemed|judged|considered|found) (?:\w+ ){0,2}(?:able|ready|fit|eligible"
            r"|qualified|suitable)",
            -1,
        ),
        (
            r"(?:able|ready|willing) and (?:able|ready|willing) to (?:carry out|fulfil|meet"
            r"|assume|honou?r|implement|comply)",
            -1,
        ),
        (
            r"open to (?:all|any|every) (?:[\w-]+ ){0,3}(?:states?|countries|nations)\b[^.;,]{0,10}"
            r"(?:that|which|who) (?:\w+ ){0,2}(?:accept|meet|fulfil|share|respect|satisfy"
            r"|are able|comply|agree|qualify|subscribe)",
            -1,
        ),
    ),
    "no insiders and outsiders": (
        (
            r"(?:(?<=\bare )|(?<=\bas )|(?<=\bbe )|(?<=\blonger )|(?<=\bremain )|(?<=\bbecome )"
            r"|(?<=\bnot ))" + ENEMIES + r"\b",
            -1,
        ),
        (
            r"hand of friendship|(?:partners|friends)(?: and (?:partners|friends))?,? (?:not"
            r"|rather than|instead of) " + ENEMIES + r"|(?:former|old|erstwhile) " + ENEMIES,
            1,
        ),
        (r"(?:exclusive|closed|private|rich|members-only|select|elite) (?:\w+ )?clubs?", -1),
        (
            r"(?:treat|see|regard|view|consider|label|brand)\w* (?:[\w-]+ ){0,3}as (?:an? |the )?"
            r"(?:potential )?" + ENEMIES,
            -1,
        ),
    ),
    "collective security": (
        (
            r"(?:is|are|gets?|got|be|being|were|was) (?:\w+ )?(?:attacked|invaded|under attack"
            r"|assaulted)\b[^.;]{0,100}\b(?:others?|rest|all|everyone|everybody|every \w+"
            r"|each \w+)\b[^.;]{0,50}\b(?:defend|help|aid|assist|protect|come to|fight|respond"
            r"|rescue|back)\w*",
            -1,
        ),
        (
            r"(?:attack\w*|invad\w*|invasion|aggression) (?:by|from) (?:an? |any )?(?:\w+ ){0,2}"
            r"(?:outside\w*|non-members?|external|foreign)\b",
            -1,
        ),
        (
            r"come to (?:its|their|the) (?:defen[cs]e|aid|help|rescue)|rush\w* to (?:its|their)"
            r" (?:defen[cs]e|aid|help)|fight\w* (?:alongside|side by side with) (?:it|them|the"
            r" victim)",
            -1,
        ),
        (
            r"(?:war|threat of war|aggression|conflict|breach of (?:the )?peace|threat to (?:the )?"
            r"peace)\b[^.;]{0,120}\b(?:(?:matter|object|subject) of (?:\w+ )?concern|concerns?"
            r"|business) (?:to |of |for )?(?:the whole|all\b|every|each|everyone|everybody)"
            r"|(?:everyone|everybody)'s (?:business|problem|concern)",
            1,
        ),
        (
            r"(?:keep|make)\w* (?:\w+ ){0,2}(?:everyone|everybody|all (?:of us|members|states"
            r"|countries|nations)|every (?:country|state|member|nation))\b[^.;]{0,40}\b(?:safe"
            r"|secure|protected)",
            1,
        ),
        (
            r"(?:protect|safe|secure|guard)\w* (?:\w+ ){0,3}(?:from|against) (?:each other"
            r"|one another)",
            1,
        ),
    ),
    "no military bloc": (
        (
            r"(?:mutual|military) (?:defen[cs]e|assistance) (?:clause|commitment|guarantee"
            r"|agreement|arrangement|promise|obligation|pact)s?",
            -1,
        ),
        (
            r"(?:purely |essentially |a )?political (?:\w+ ){0,2}(?:framework|forum|partnership"
            r"|union|association|organi[sz]ation|body|grouping|community),? (?:and )?(?:not|rather"
            r" than|instead of) (?:an? )?(?:military )?(?:alliance|bloc|pact)",
            1,
        ),
    ),
    "supranational authority": (
        (
            r"(?:(?:comes?|goes|placed?|puts?|ranks?|stands?) (?:before|ahead of|above)|outweighs?"
            r"|takes? (?:precedence|priority) over|trumps?|overrides?|prevails? over|(?:is|are)"
            r" more important than|has priority over)[^.;]{0,30}?(?:national (?:interests?"
            r"|sovereignty|pride|concerns|laws?)|sovereign\w*|(?:country|state|nation|member"
            r"|government)'?s? (?:own )?(?:interests?|wishes|sovereignty|laws?))",
            1,
        ),
        (
            r"(?:national interests?|sovereignty)[^.;]{0,30}(?:comes? second|take a back seat"
            r"|(?:is|are) secondary)",
            1,
        ),
        (
            r"(?:decisions?|rulings?|resolutions?) (?:\w+ ){0,4}(?:are|is|shall be|will be)"
            r" binding|binding (?:decisions?|rulings?|on all)|(?:must|have to|has to|shall|will"
            r"|obliged to|bound to) (?:accept|obey|follow|comply with|abide by|implement|carry"
            r" out) (?:\w+ ){0,3}(?:decisions?|rulings?|resolutions?)",
            1,
        ),
        (r"even (?:if|when|though) (?:it|they) (?:disagree|object|voted? against|oppose)", 1),
    ),
    "human and environmental security": (
        (
            r"\b(?:rivers|seas|oceans|lakes|forests|wetlands|biodiversity|wildlife|emissions"
            r"|glaciers|droughts?|wildfires?|clean (?:air|water)|air pollution|deserti\w+)\b",
            0,
        ),
    ),
    "merging NATO and the OSCE": (
        (
            r"(?:remov|eliminat|get rid of|getting rid of|cut|reduc|end|avoid|tackl|stop|prevent"
            r"|do away with)\w* (?:\w+ ){0,3}(?:overlaps?|duplicat\w*|redundan\w*|parallel"
            r" structures)",
            1,
        ),
        (
            r"(?:nato|osce|organi[sz]ations|institutions|bodies)\b[^.;]{0,50}\b(?:overlap\w*"
            r"|duplicat\w*)|(?:overlap\w*|duplicat\w*)[^.;]{0,40}\b(?:nato|osce"
            r"|organi[sz]ations|institutions|bodies)\b",
            0,
        ),
        (
            r"(?:aim\w* (?:for|at)|end up (?:as|with)|become|turn\w* into|grow\w* into|in the end"
            r"|eventually|ultimately|finally)\b[^.;]{0,20}?(?:a |one )?(?:single|one|unified"
            r"|joint|common) (?:\w+ )?(?:body|organi[sz]ation|institution|structure)",
            1,
        ),
    ),
    "shared responsibility": (
        (
            r"(?:take|takes|taking|took|assum\w+|shoulder\w*|bear\w*|carr\w+|accept\w*) (?:on )?"
            r"(?:the |a |their |joint |common )?(?:\w+ )?responsibilit\w*[^.;]{0,50}\b(?:together"
            r"|jointly|collectively|in common)\b",
            1,
        ),
        (
            r"(?:everyone|everybody)'s (?:job|task|duty|responsibility)|(?:job|task|duty"
            r"|responsibility) of (?:all|every|each)",
            1,
        ),
        (
            r"(?:leav|hand)\w* (?:it|this|that|security|the (?:job|task|burden|work|responsibility"
            r"|defen[cs]e|protection)) (?:\w+ ){0,2}to (?:(?:one|a single|a|the|any) (?:\w+ ){0,2}"
            r"(?:power|country|state|nation|protector|patron|ally|superpower|member)|"
            + POWERS
            + r")",
            -1,
        ),
        (
            r"(?:rely|depend|count)\w* (?:solely |entirely |only )?on (?:one|a single|a|the)"
            r" (?:\w+ ){0,2}(?:power|country|state|ally|superpower)",
            -1,
        ),
        (
            r"(?:address|tackl|meet|face|handl|deal with|respond to|confront|solv)\w* (?:\w+ ){0,3}"
            r"(?:jointly|together|collectively|in common|in solidarity)",
            1,
        ),
    ),
    "non-hegemony": (
        (
            r"(?:one|a single|any single|any one) (?:very |most )?(?:powerful|strong|big|great"
            r"|dominant|mighty|rich|large) (?:country|state|power|nation|member|ally)",
            -1,
        ),
    ),
    "not directed against third countries": (
        (
            r"(?:against|contain\w*|counter\w*|balanc\w*|counterbalanc\w*|counterweight (?:to"
            r"|against)|push\w* back (?:against|on)|stand\w* up to|curb\w*|check(?:s|ing)?"
            r"|rein\w* in|resist\w*|weaken\w*|challeng\w*|oppos\w*) (?:the )?"
            + ADJ_POWERS
            + r" (?:\w+ )?(?:power|influence|dominance|hegemony|presence|might|pressure|interests"
            r"|leadership|expansion|order|bases)",
            -1,
        ),
        (
            r"(?:push\w* back (?:against|on)|stand\w* up to|counterweight (?:to|against)"
            r"|counterbalance (?:to|against)|bulwark against) (?:the )?" + POWERS,
            -1,
        ),
        (r"gang\w* up (?:on|against)", -1),
    ),
    "progressive demilitarization": (),
    "arms control": (
        (
            r"(?:no|without) (?:\w+ )?(?:ceilings?|caps?|limits?|restrictions?)\b(?=[^.;]{0,40}"
            r"(?:weapons|arms|missiles|arsenals?|armaments?|forces|troops))|(?:weapons|arms"
            r"|missiles|arsenals?|armaments?)[^.;]{0,60}\b(?:no|without) (?:\w+ )?(?:ceilings?"
            r"|caps?|limits?|restrictions?)",
            -1,
        ),
        (
            r"as many (?:\w+ )?(?:weapons|arms|missiles|tanks|troops|soldiers) as (?:it|they|you"
            r"|we) (?:like|likes|want|wants|wish|wishes|please|pleases|choose|chooses)",
            -1,
        ),
    ),
    "existing institutions such as the SCO": (),
    "gradual institutionalization": (
        (
            r"(?:rais|lift|tak|bring|upgrad|elevat|mov|deepen)\w* (?:\w+ ){0,3}(?:cooperation"
            r"|co-operation|relations|partnership|dialogue|process|forum|ties) to (?:a |the )?"
            r"(?:higher|new|next|deeper) (?:level|stage|phase)",
            1,
        ),
        (
            r"building on (?:the )?[^.;]{0,40}?(?:meetings|experience|dialogue|process|forum|talks"
            r"|cooperation|practice|mechanism|format)",
            1,
        ),
        (
            r"(?:upgrad|transform|turn|convert|develop|grow|evolv|chang)\w* (?:\w+ ){0,4}(?:forum"
            r"|process|dialogue|meetings|mechanism|group|format|conference|talks) (?:\w+ ){0,3}"
            r"into (?:a |an )?(?:\w+ ){0,2}(?:organi[sz]ation|institution|body|structure)",
            1,
        ),
    ),
    "transformation through deliberation": (
        (
            r"(?:extensive|open|long|lengthy|careful|broad|thorough|patient|prolonged|in-depth"
            r"|detailed|wide)(?:,? (?:and )?(?:extensive|open|long|lengthy|careful|broad|thorough"
            r"|patient|prolonged|in-depth|detailed|wide))? (?:deliberat|examination|negotiat"
            r"|consult|discuss|debat|talks|review|reflection|dialogue)\w*",
            1,
        ),
        (
            r"(?:at|in) (?:a|its|their|our) (?:own )?(?:pace|speed|rhythm) (?:comfortable"
            r"|acceptable|agreeable|suitable) (?:to|for) (?:all|everyone|everybody|each)",
            1,
        ),
        (
            r"(?:no|without) (?:rush|haste|hurry|deadlines?|time ?limits?)|(?:however|as) long as"
            r" (?:it |this )?(?:takes|needed|necessary)",
            1,
        ),
    ),
}
CONSTRUCTION_CUES = {name: cues for name, cues in CONSTRUCTION_CUES.items() if cues}


def _extend(concept: Concept) -> Concept:
    extra = (
        EXTRA_CUES.get(concept.name, ())
        + TREATY_CUES.get(concept.name, ())
        + CONSTRUCTION_CUES.get(concept.name, ())
    )
    cues = tuple(_cue(pattern, polarity) for pattern, polarity in extra)
    return Concept(name=concept.name, contrary=concept.contrary, cues=concept.cues + cues)


assert set(EXTRA_CUES) | set(TREATY_CUES) | set(CONSTRUCTION_CUES) <= {c.name for c in CONCEPTS}
CONCEPTS = tuple(_extend(c) for c in CONCEPTS)
