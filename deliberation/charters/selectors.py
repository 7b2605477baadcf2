"""Reads for charter pages, shaped so a page's query count does not grow with its content."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Max, OuterRef, Prefetch, Q, Subquery, Sum, Value, When

from deliberation.workshops.models import Participant, Workshop

from .models import CaucusMessage, Clause, Comment, Objection, Proposal, Vote


def proposal_cards(workshop: Workshop, participant: Participant | None, *, status=None):
    """Proposals with their tallies and this participant's own vote (`my_vote`).

    Votes (with voters) and objections are prefetched, for named ballots and objection lists.
    """
    proposals = (
        workshop.proposals.select_related(
            "author__delegation", "delegation", "clause", "clause__delegation"
        )
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=Vote.objects.select_related("participant__delegation").order_by(
                    "participant__delegation__position", "participant__display_name"
                ),
            ),
            Prefetch(
                "objections",
                queryset=Objection.objects.select_related(
                    "participant__delegation", "principle", "answered_by"
                ),
            ),
        )
        .annotate(
            yes=Count("votes", filter=Q(votes__choice=Vote.Choice.YES), distinct=True),
            no=Count("votes", filter=Q(votes__choice=Vote.Choice.NO), distinct=True),
            abstain=Count("votes", filter=Q(votes__choice=Vote.Choice.ABSTAIN), distinct=True),
            open_objections=Count("objections", filter=Q(objections__status="open"), distinct=True),
        )
        .order_by("created_at")
    )
    if status is not None:
        proposals = proposals.filter(status=status)
    if participant is not None:
        proposals = proposals.annotate(
            my_vote=Subquery(
                Vote.objects.filter(proposal=OuterRef("pk"), participant=participant).values(
                    "choice"
                )[:1]
            )
        )
    return proposals


def open_first(proposals):
    """The room's order: proposals still open (to read, vote on or object to) first, in the
    order they were tabled; then those decided, refused or withdrawn."""
    still_open = Case(When(status=Proposal.Status.OPEN, then=Value(0)), default=Value(1))
    return proposals.order_by(still_open, "created_at")


def charter_clauses(workshop: Workshop):
    """The adopted articles, in order: the charter as it stands."""
    return (
        Clause.objects.filter(charter__workshop=workshop)
        .exclude(number=None)
        .select_related("section")
        .order_by("number")
    )


@dataclass
class BoardRow:
    clause: Clause
    status: str
    status_label: str
    open_amendments: int
    contested_by: list[str] = field(default_factory=list)


def status_board(workshop: Workshop) -> list[BoardRow]:
    """Every clause, tabled or adopted, with the status the room reads and who contests it.

    A delegation contests a clause while one of its members has an open objection to the
    clause or to one of its amendments, or has an amendment to it open. Three queries.
    """
    clauses = list(
        Clause.objects.filter(charter__workshop=workshop)
        .select_related("delegation")
        .annotate(
            open_amendments=Count(
                "proposals",
                filter=Q(proposals__kind="amendment", proposals__status="open"),
                distinct=True,
            )
        )
        .order_by("number", "created_at")
    )
    contested: dict[int, set[str]] = defaultdict(set)
    for clause_id, name in Objection.objects.filter(
        proposal__workshop=workshop, status=Objection.Status.OPEN
    ).values_list("proposal__clause_id", "participant__delegation__name"):
        contested[clause_id].add(name or "Observers")
    for clause_id, name in Proposal.objects.filter(
        workshop=workshop, kind=Proposal.Kind.AMENDMENT, status=Proposal.Status.OPEN
    ).values_list("clause_id", "delegation__name"):
        if name:
            contested[clause_id].add(name)
    labels = dict(Clause.Status.choices)
    rows = []
    # Articles first in their order, then drafts in the order they were tabled.
    for clause in sorted(clauses, key=lambda c: (c.number is None, c.number or 0, c.created_at)):
        status = clause.shown_status(clause.open_amendments)
        rows.append(
            BoardRow(
                clause=clause,
                status=status,
                status_label=labels[status],
                open_amendments=clause.open_amendments,
                contested_by=sorted(contested.get(clause.pk, ())),
            )
        )
    return rows


def comments_for(*, clause: Clause) -> list[Comment]:
    """Top-level comments on the clause and its proposals, each with `replies` prefetched."""
    replies = Comment.objects.select_related("participant__delegation").order_by("created_at")
    return list(
        Comment.objects.filter(Q(clause=clause) | Q(proposal__clause=clause), parent=None)
        .select_related("participant__delegation", "proposal")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at")
    )


def caucus_messages(delegation, *, limit: int = 60) -> list[CaucusMessage]:
    messages = CaucusMessage.objects.filter(delegation=delegation).select_related("participant")
    return list(reversed(messages.order_by("-created_at")[:limit]))


def room_fingerprint(workshop: Workshop) -> str:
    """A short string that changes whenever anything the proposal list shows changes.

    Pages poll with the fingerprint they were rendered with and get "204 No Content" while it
    holds, so a list is only swapped (and a half-typed form only disturbed) when it changed.
    """
    proposals = Proposal.objects.filter(workshop=workshop).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    votes = Vote.objects.filter(proposal__workshop=workshop).aggregate(n=Count("pk"))
    objections = Objection.objects.filter(proposal__workshop=workshop).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    clauses = Clause.objects.filter(charter__workshop=workshop).aggregate(
        v=Sum("version"), at=Max("updated_at")
    )
    parts = [
        workshop.phase,
        workshop.is_locked,
        workshop.secret_ballot,
        workshop.hide_tally,
        workshop.spotlight_proposal_id,
        workshop.spotlight_clause_id,
        proposals["n"],
        proposals["at"] and proposals["at"].timestamp(),
        votes["n"],
        objections["n"],
        objections["at"] and objections["at"].timestamp(),
        clauses["v"],
        clauses["at"] and clauses["at"].timestamp(),
    ]
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]
