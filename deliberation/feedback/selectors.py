"""Reads for reactions and results, shaped so query counts do not grow with the content."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from deliberation.charters.models import Clause, Proposal, Vote
from deliberation.charters.selectors import charter_clauses
from deliberation.workshops.models import Delegation, Participant, Workshop

from . import measures
from .models import RATING_MAX, RATING_MIN, FeedbackAnswer, FeedbackQuestion, Reaction


def reaction_counts(clause: Clause) -> measures.Tally:
    counts = Counter(
        dict(
            Reaction.objects.filter(clause=clause)
            .values_list("choice")
            .annotate(n=Count("pk"))
            .values_list("choice", "n")
        )
    )
    return measures.Tally(agree=counts["agree"], disagree=counts["disagree"], passed=counts["pass"])


def my_reaction(clause: Clause, participant: Participant | None) -> str | None:
    if participant is None:
        return None
    return (
        Reaction.objects.filter(clause=clause, participant=participant)
        .values_list("choice", flat=True)
        .first()
    )


# Results ----------------------------------------------------------------------------------


@dataclass
class DelegationRow:
    name: str
    colour: str
    tally: measures.Tally


@dataclass
class ClauseResult:
    clause: Clause
    rows: list[DelegationRow]
    observers: measures.Tally
    verdict: measures.Verdict
    spread: float | None

    @property
    def total(self) -> int:
        return sum(row.tally.total for row in self.rows) + self.observers.total


@dataclass
class VoteRow:
    name: str
    colour: str
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain

    def percent(self, part: int) -> int:
        return round(100 * part / self.total) if self.total else 0

    @property
    def yes_percent(self) -> int:
        return self.percent(self.yes)

    @property
    def no_percent(self) -> int:
        return self.percent(self.no)

    @property
    def abstain_percent(self) -> int:
        return self.percent(self.abstain)


@dataclass
class ProposalResult:
    proposal: Proposal
    rows: list[VoteRow]


@dataclass
class QuestionResult:
    question: FeedbackQuestion
    distribution: list[tuple[int, int, int]] = field(default_factory=list)  # value, n, percent
    texts: list[str] = field(default_factory=list)
    count: int = 0
    mean: float | None = None


def counts_by_delegation(rows, key: str) -> dict[tuple[int, int | None], dict[str, int]]:
    """{(subject id, delegation id or None): {choice: n}} for votes or reactions, one query."""
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)
    for subject_id, delegation_id, choice, n in (
        rows.values_list(key, "participant__delegation_id", "choice")
        .annotate(n=Count("pk"))
        .values_list(key, "participant__delegation_id", "choice", "n")
    ):
        counts[(subject_id, delegation_id)][choice] = n
    return counts


def _tally(counts: dict[str, int]) -> measures.Tally:
    return measures.Tally(
        agree=counts.get("agree", 0),
        disagree=counts.get("disagree", 0),
        passed=counts.get("pass", 0),
    )


def clause_results(workshop: Workshop, delegations: list[Delegation]) -> list[ClauseResult]:
    """Reactions by delegation for every article, with the verdict of measures.verdict.
    Drafts are left out: the room has not adopted them, so they are not the charter's."""
    counts = counts_by_delegation(
        Reaction.objects.filter(clause__charter__workshop=workshop), "clause_id"
    )
    results = []
    for clause in charter_clauses(workshop):
        rows = [
            DelegationRow(d.name, d.colour, _tally(counts[(clause.pk, d.pk)])) for d in delegations
        ]
        tallies = [row.tally for row in rows]
        results.append(
            ClauseResult(
                clause=clause,
                rows=rows,
                observers=_tally(counts[(clause.pk, None)]),
                verdict=measures.verdict(tallies),
                spread=measures.spread(tallies),
            )
        )
    return results


def proposal_results(workshop: Workshop, delegations: list[Delegation]) -> list[ProposalResult]:
    """Votes by delegation on every proposal put to the room."""
    counts = counts_by_delegation(Vote.objects.filter(proposal__workshop=workshop), "proposal_id")
    results = []
    for proposal in workshop.proposals.select_related("clause").order_by("created_at"):
        rows = [VoteRow(d.name, d.colour, **counts[(proposal.pk, d.pk)]) for d in delegations]
        results.append(ProposalResult(proposal=proposal, rows=rows))
    return results


def question_results(workshop: Workshop) -> list[QuestionResult]:
    """Rating distributions and free-text answers, in the form's order, without names."""
    questions = list(workshop.feedback_questions.all())
    ratings: dict[int, Counter] = defaultdict(Counter)
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, rating, text in (
        FeedbackAnswer.objects.filter(question__workshop=workshop)
        .order_by("response__created_at", "pk")
        .values_list("question_id", "rating", "text")
    ):
        if rating is not None:
            ratings[question_id][rating] += 1
        elif text:
            texts[question_id].append(text)
    results = []
    for question in questions:
        result = QuestionResult(question=question)
        if question.is_rating:
            counter = ratings[question.pk]
            result.count = sum(counter.values())
            result.distribution = [
                (value, counter[value], round(100 * counter[value] / result.count))
                if result.count
                else (value, 0, 0)
                for value in range(RATING_MIN, RATING_MAX + 1)
            ]
            if result.count:
                result.mean = sum(v * n for v, n in counter.items()) / result.count
        else:
            result.texts = texts[question.pk]
            result.count = len(result.texts)
        results.append(result)
    return results


def workshop_results(workshop: Workshop) -> dict:
    # A delegation nobody sits in cannot react: it neither blocks nor counts towards consensus.
    delegations = list(workshop.delegations.filter(members__isnull=False).distinct())
    clauses = clause_results(workshop, delegations)
    return {
        "delegations": delegations,
        "clauses": clauses,
        "consensus": [c for c in clauses if c.verdict == measures.Verdict.CONSENSUS],
        "divisive": [c for c in clauses if c.verdict == measures.Verdict.DIVISIVE],
        "proposals": proposal_results(workshop, delegations),
        "questions": question_results(workshop),
        "responses": workshop.feedback_responses.count(),
        "consensus_share": measures.CONSENSUS_SHARE,
        "divisive_spread": measures.DIVISIVE_SPREAD,
    }
