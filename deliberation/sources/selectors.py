"""Reads for alignment pages: the engine's alignments with people's judgements applied.

Every function aligns all its texts in one `align_texts` call and reads judgements in one
query, so a page's query count does not grow with its articles or proposals.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from deliberation.charters.models import Clause, Objection, Proposal, Vote
from deliberation.workshops.models import Workshop

from .delta import AlignmentDelta, alignment_delta
from .models import AlignmentJudgement, Principle
from .services import align_texts, principles_for

Verdict = AlignmentJudgement.Verdict
SUPPORTS, OPPOSES = "supports", "opposes"
# Articles of the charter: numbered clauses (a tabled draft has no number yet), less any
# rejected or withdrawn one.
CHARTER_EXCLUDES = (Clause.Status.REJECTED, Clause.Status.WITHDRAWN)


def workshop_principles(workshop: Workshop) -> list[Principle]:
    """The accepted principles of the workshop's documents, in a stable order."""
    return principles_for(workshop.documents.all())


def charter_articles(workshop: Workshop) -> list[Clause]:
    return list(
        Clause.objects.filter(charter__workshop=workshop, number__isnull=False)
        .exclude(status__in=CHARTER_EXCLUDES)
        .order_by("number")
    )


def subject_text(subject: Clause | Proposal) -> str:
    """The text the engine reads for an article or a proposal: its title, then its words."""
    return f"{subject.title}. {subject.text}"


@dataclass
class Shown:
    """One alignment as a page shows it: the engine's finding or a facilitator's pin."""

    principle: Principle
    stance: str
    score: float
    evidence: str
    reason: str
    pinned: bool = False
    automatic: bool = True
    confirms: int = 0
    disputes: int = 0
    my_verdict: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def supports(self) -> bool:
        return self.stance != OPPOSES

    @property
    def opposes(self) -> bool:
        return self.stance == OPPOSES

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def signed(self) -> float:
        return -self.score if self.opposes else self.score


@dataclass
class SubjectAlignments:
    """The alignments of one article or proposal. Iterating gives what is shown, pinned first."""

    kind: str  # "clause" or "proposal"
    pk: int | None
    pinned: list[Shown] = field(default_factory=list)
    automatic: list[Shown] = field(default_factory=list)
    hidden: list[Shown] = field(default_factory=list)  # rejected by the facilitator
    missing: list[Principle] = field(default_factory=list)  # what the facilitator may pin

    def __iter__(self):
        return iter(self.pinned + self.automatic)

    def __len__(self) -> int:
        return len(self.pinned) + len(self.automatic)

    @property
    def dom_id(self) -> str:
        return f"alignment-{self.kind}-{self.pk}" if self.pk else "alignment-draft"

    @property
    def shown(self) -> list[Shown]:
        return self.pinned + self.automatic

    def by_principle(self) -> dict[int, Shown]:
        return {s.principle.pk: s for s in self.shown}


def _kind(subject) -> str:
    return "clause" if isinstance(subject, Clause) else "proposal"


def _judgements(subjects, participant) -> dict[tuple[str, int], list[AlignmentJudgement]]:
    clause_ids = [s.pk for s in subjects if isinstance(s, Clause)]
    proposal_ids = [s.pk for s in subjects if isinstance(s, Proposal)]
    found: dict[tuple[str, int], list[AlignmentJudgement]] = defaultdict(list)
    if not clause_ids and not proposal_ids:
        return found
    rows = AlignmentJudgement.objects.filter(clause_id__in=clause_ids) | (
        AlignmentJudgement.objects.filter(proposal_id__in=proposal_ids)
    )
    for judgement in rows.order_by("created_at"):
        if judgement.clause_id:
            found["clause", judgement.clause_id].append(judgement)
        else:
            found["proposal", judgement.proposal_id].append(judgement)
    return found


def _apply(
    kind: str,
    pk: int | None,
    alignments,
    judgements: list[AlignmentJudgement],
    by_id: dict[int, Principle],
    participant,
) -> SubjectAlignments:
    result = SubjectAlignments(kind=kind, pk=pk)
    per_principle: dict[int, list[AlignmentJudgement]] = defaultdict(list)
    for judgement in judgements:
        per_principle[judgement.principle_id].append(judgement)
    shown_ids = set()
    for a in alignments:
        shown = Shown(
            principle=a.principle,
            stance=OPPOSES if a.stance == OPPOSES else SUPPORTS,
            score=a.score,
            evidence=a.evidence,
            reason=a.reason,
        )
        shown_ids.add(a.principle.pk)
        _judge(shown, per_principle.get(a.principle.pk, []), participant, result)
    # A pin of an alignment the engine no longer finds: shown all the same, from the judgement.
    for principle_id, items in per_principle.items():
        pin = next((j for j in items if j.verdict == Verdict.PIN), None)
        if principle_id in shown_ids or pin is None or principle_id not in by_id:
            continue
        principle = by_id[principle_id]
        shown = Shown(
            principle=principle,
            stance=pin.stance,
            score=0.0,
            evidence=principle.quote,
            reason=pin.note or "Pinned by the facilitator.",
            automatic=False,
        )
        _judge(shown, items, participant, result)
    listed = {s.principle.pk for s in result.shown + result.hidden}
    result.missing = [p for p in by_id.values() if p.pk not in listed]
    return result


def _judge(shown: Shown, items, participant, result: SubjectAlignments) -> None:
    verdicts = {j.verdict for j in items}
    shown.confirms = sum(j.verdict == Verdict.CONFIRM for j in items)
    shown.disputes = sum(j.verdict == Verdict.DISPUTE for j in items)
    shown.notes = [j.note for j in items if j.note]
    if participant is not None:
        shown.my_verdict = next(
            (j.verdict for j in items if j.participant_id == participant.pk), ""
        )
    if Verdict.REJECT in verdicts:
        result.hidden.append(shown)
    elif Verdict.PIN in verdicts:
        shown.pinned = True
        result.pinned.append(shown)
    else:
        result.automatic.append(shown)


def judged_alignments(
    subjects: list[Clause | Proposal],
    *,
    principles: list[Principle],
    participant=None,
    texts: list[str] | None = None,
) -> list[SubjectAlignments]:
    """Alignments of each article or proposal, with judgements applied, in one engine call.

    `texts` (optional) are the words to read for each subject, when not its current ones.

    `participant` (optional) fills `my_verdict` so their own buttons show as pressed.
    """
    texts = texts or [subject_text(s) for s in subjects]
    alignments = align_texts(texts, principles)
    judgements = _judgements(subjects, participant)
    by_id = {p.pk: p for p in principles}
    return [
        _apply(_kind(s), s.pk, found, judgements.get((_kind(s), s.pk), []), by_id, participant)
        for s, found in zip(subjects, alignments, strict=True)
    ]


def draft_alignments(text: str, *, principles: list[Principle]) -> SubjectAlignments:
    """Alignments of a text being typed: the engine's alone (nobody has judged a draft)."""
    [found] = align_texts([text], principles)
    return _apply("draft", None, found, [], {}, None)


def amendment_preview(
    clause: Clause, *, text: str, principles: list[Principle]
) -> tuple[SubjectAlignments, AlignmentDelta]:
    """The alignments of an amended wording, and what it changes against the article as it
    stands (with people's judgements of the article applied), in one engine call."""
    before, after = align_texts([subject_text(clause), text], principles)
    judgements = _judgements([clause], None).get(("clause", clause.pk), [])
    by_id = {p.pk: p for p in principles}
    current = _apply("clause", clause.pk, before, judgements, by_id, None)
    draft = _apply("draft", None, after, [], {}, None)
    return draft, alignment_delta(current.shown, draft.shown)


# -- The charter as a whole --------------------------------------------------------------


@dataclass
class Cell:
    shown: Shown | None

    @property
    def label(self) -> str:
        if self.shown is None:
            return ""
        sign = "−" if self.shown.opposes else "+"
        return "pin" if not self.shown.automatic else f"{sign}{self.shown.percent}"

    @property
    def strength(self) -> int:
        """0–100 for the cell's colour; a pin counts as strong."""
        if self.shown is None:
            return 0
        return 100 if not self.shown.automatic else max(15, self.shown.percent)


@dataclass
class HeatmapRow:
    principle: Principle
    cells: list[Cell]


@dataclass
class HeatmapGroup:
    document: object
    rows: list[HeatmapRow]


@dataclass
class Coverage:
    """How the charter treats one delegation's principles."""

    delegation: object
    supported: list[tuple[Principle, list[int]]]
    opposed: list[tuple[Principle, list[int]]]
    left_out: list[Principle]

    @property
    def total(self) -> int:
        return len(self.supported) + len(self.opposed) + len(self.left_out)

    def _share(self, n: int) -> int:
        return round(100 * n / self.total) if self.total else 0

    @property
    def supported_pct(self) -> int:
        return self._share(len(self.supported))

    @property
    def opposed_pct(self) -> int:
        return self._share(len(self.opposed))

    @property
    def left_out_pct(self) -> int:
        return 100 - self.supported_pct - self.opposed_pct if self.total else 0


def principle_verdicts(
    articles: list[Clause], aligned: list[SubjectAlignments]
) -> dict[int, tuple[str, list[int]]]:
    """For each principle the charter touches: its net stance and the articles that touch it.

    The strongest alignment decides between supports and opposes (a pin counts as strongest).
    """
    best: dict[int, Shown] = {}
    numbers: dict[int, list[int]] = defaultdict(list)
    for article, found in zip(articles, aligned, strict=True):
        for shown in found:
            pid = shown.principle.pk
            numbers[pid].append(article.number)
            current = best.get(pid)
            weight = 2.0 if shown.pinned else shown.score
            if current is None or weight > (2.0 if current.pinned else current.score):
                best[pid] = shown
    return {pid: (best[pid].stance, numbers[pid]) for pid in best}


def charter_alignment(workshop: Workshop, participant=None) -> dict:
    """Everything the charter alignment page shows: heatmap groups and delegation coverage."""
    principles = workshop_principles(workshop)
    articles = charter_articles(workshop)
    aligned = judged_alignments(articles, principles=principles, participant=participant)
    by_article = [found.by_principle() for found in aligned]
    groups: list[HeatmapGroup] = []
    for principle in sorted(principles, key=lambda p: (p.document.title, p.start)):
        row = HeatmapRow(principle, [Cell(found.get(principle.pk)) for found in by_article])
        if groups and groups[-1].document.pk == principle.document_id:
            groups[-1].rows.append(row)
        else:
            groups.append(HeatmapGroup(principle.document, [row]))
    verdicts = principle_verdicts(articles, aligned)
    return {
        "articles": articles,
        "reviews": list(zip(articles, aligned, strict=True)),
        "groups": groups,
        "coverage": delegation_coverage(workshop, verdicts, principles),
        "principles": principles,
    }


def delegation_coverage(workshop: Workshop, verdicts, principles: list[Principle]):
    in_workshop = {p.pk: p for p in principles}
    delegations = workshop.delegations.prefetch_related("principles")
    result = []
    for delegation in delegations:
        coverage = Coverage(delegation, [], [], [])
        for principle in delegation.principles.all():
            if principle.pk not in in_workshop:
                continue  # a principle of a document this workshop does not use
            principle = in_workshop[principle.pk]
            stance, numbers = verdicts.get(principle.pk, ("", []))
            if stance == SUPPORTS:
                coverage.supported.append((principle, numbers))
            elif stance == OPPOSES:
                coverage.opposed.append((principle, numbers))
            else:
                coverage.left_out.append(principle)
        result.append(coverage)
    return result


# -- Debrief -------------------------------------------------------------------------------


@dataclass
class VoteLine:
    """How one delegation voted on one proposal, beside what the proposal does to its principles."""

    proposal: Proposal
    yes: int = 0
    no: int = 0
    abstain: int = 0
    supports: list[Principle] = field(default_factory=list)
    opposes: list[Principle] = field(default_factory=list)

    @property
    def voted(self) -> bool:
        return bool(self.yes or self.no or self.abstain)

    @property
    def tension(self) -> str:
        """A plain remark when the votes and the delegation's own principles pull apart."""
        if self.yes > self.no and self.opposes and not self.supports:
            return "Voted for a proposal that opposes its own principles."
        if self.no > self.yes and self.supports and not self.opposes:
            return "Voted against a proposal that supports its own principles."
        return ""


@dataclass
class DelegationDebrief:
    coverage: Coverage
    votes: list[VoteLine]
    objections: list


def debrief(workshop: Workshop, participant=None) -> dict:
    """Each delegation's votes and objections set beside its own principles."""
    overview = charter_alignment(workshop, participant)
    principles = overview["principles"]
    proposals = list(
        workshop.proposals.select_related("author", "delegation", "clause").order_by("created_at")
    )
    # Each proposal is read in the words the room voted on (`voted_text`, kept when the vote
    # closes: the article may have been amended since); an undecided new clause in its draft's
    # words as they stand (a friendly amendment may have changed them since it was tabled).
    subjects = [
        p.clause if p.kind == Proposal.Kind.NEW_CLAUSE and p.clause_id else p for p in proposals
    ]
    aligned = judged_alignments(
        subjects,
        principles=principles,
        participant=participant,
        texts=[p.shown_text for p in proposals],
    )
    votes = Vote.objects.filter(proposal__workshop=workshop).values_list(
        "proposal_id", "participant__delegation_id", "choice"
    )
    tallies: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for proposal_id, delegation_id, choice in votes:
        if delegation_id is not None:
            tallies[proposal_id, delegation_id][choice] += 1
    objections = defaultdict(list)
    for objection in Objection.objects.filter(proposal__workshop=workshop).select_related(
        "proposal", "participant", "principle"
    ):
        if objection.participant.delegation_id is not None:
            objections[objection.participant.delegation_id].append(objection)
    delegations = []
    for coverage in overview["coverage"]:
        delegation = coverage.delegation
        own = {p.pk for p, _ in coverage.supported} | {p.pk for p, _ in coverage.opposed}
        own |= {p.pk for p in coverage.left_out}
        lines = []
        for proposal, found in zip(proposals, aligned, strict=True):
            tally = tallies.get((proposal.pk, delegation.pk), {})
            line = VoteLine(
                proposal,
                yes=tally.get("yes", 0),
                no=tally.get("no", 0),
                abstain=tally.get("abstain", 0),
            )
            for shown in found:
                if shown.principle.pk in own:
                    (line.opposes if shown.opposes else line.supports).append(shown.principle)
            lines.append(line)
        delegations.append(DelegationDebrief(coverage, lines, objections.get(delegation.pk, [])))
    return {"delegations": delegations, "articles": overview["articles"]}
