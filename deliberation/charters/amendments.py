"""Amendments: propose, accept as friendly, rebase, refuse; applying one to its clause.

Every amendment records the clause version and text it was written on. Applying it takes the
clause's row lock and refuses if the clause has changed since, so two amendments adopted at
the same moment end with one applied and the other flagged for its author, never both.
"""

from django.db import transaction
from django.utils import timezone

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.workshops.models import Participant

from .diff import change_kind
from .models import Clause, Proposal, Vote
from .services import (
    announce,
    clean_text,
    objections_lapse,
    require_member,
    require_phase,
    revision_add,
    who,
)


def amendment_title(clause: Clause, text: str) -> str:
    """ "Amendment to “Open door”: inserts words", named by the clause's title (its number and
    draft status change; the title stays) and kept within a proposal title's length."""
    kind = change_kind(clause.text, text)
    room = Proposal._meta.get_field("title").max_length - len(f"Amendment to “”: {kind}")
    name = clause.title if len(clause.title) <= room else clause.title[: room - 1] + "…"
    return f"Amendment to “{name}”: {kind}"


def lock_clause(clause_id: int) -> Clause:
    """The clause, row-locked until the transaction ends. Caller is inside transaction.atomic."""
    return (
        Clause.objects.select_for_update(of=("self",)).select_related("charter").get(pk=clause_id)
    )


def _is_sponsor(participant: Participant, clause: Clause) -> bool:
    """The clause's author or a member of the delegation that tabled it."""
    return participant.pk == clause.author_id or bool(
        participant.delegation_id and participant.delegation_id == clause.delegation_id
    )


def _stale_message(clause: Clause, base_version: int) -> str:
    return (
        f"{clause.label} changed while you were writing: you started from version "
        f"{base_version}, it is now at version {clause.version}. Your text is kept: compare "
        "it with the new wording and submit it again."
    )


@transaction.atomic
def amendment_create(
    *,
    participant: Participant,
    clause: Clause,
    text: str = "",
    base_version: int,
    operation: str = Proposal.Operation.REPLACE,
    move_to: int | None = None,
) -> Proposal:
    """Put an amendment to the room: new wording for the clause, or a new place for an article.

    Several amendments to one clause may be open at once; each names its base version.
    """
    workshop = participant.workshop
    require_member(participant, clause.charter.workshop_id, "amend clauses")
    require_phase(workshop, "amend", "amend a clause")
    clause = lock_clause(clause.pk)
    if clause.is_closed:
        raise ActionRefused(f"{clause.label} was {clause.status}; it can't be amended.")
    if base_version != clause.version:
        raise ActionRefused(_stale_message(clause, base_version))
    if operation == Proposal.Operation.MOVE:
        if clause.number is None:
            raise ActionRefused("Only adopted articles have a place to move.", status_code=400)
        last = clause.charter.clauses.exclude(number=None).count()
        if move_to is None or not 1 <= move_to <= last or move_to == clause.number:
            raise ActionRefused(
                f"Choose a new place for the article between 1 and {last}.", status_code=400
            )
        title = f"Move {clause.label} to position {move_to}"
        text = clause.text
    elif operation == Proposal.Operation.REPLACE:
        text = clean_text(text, what="amended text")
        if text == clause.text:
            raise ActionRefused(
                "The amended text is the same as the current wording: change some words.",
                status_code=400,
            )
        title = amendment_title(clause, text)
        move_to = None
    else:
        raise ActionRefused("Choose what the amendment does.", status_code=400)
    proposal = Proposal.objects.create(
        workshop=workshop,
        kind=Proposal.Kind.AMENDMENT,
        clause=clause,
        title=title[:200],
        text=text,
        author=participant,
        delegation=participant.delegation,
        operation=operation,
        base_version=clause.version,
        base_text=clause.text,
        move_to=move_to,
    )
    announce(workshop.pk, "proposals-changed", "charter-changed")
    return proposal


def amendment_apply(*, proposal: Proposal, clause: Clause, kind: str, story: str) -> Clause:
    """Change the clause as the amendment says and record the new version.

    Caller holds the locks of the proposal and the clause, and has checked the base version.
    Open amendments written on the old wording become stale (flagged to their authors); votes
    already cast on the clause's own adoption are cleared, since they were on other words.
    """
    if proposal.operation == Proposal.Operation.MOVE:
        from .editing import clause_renumber

        clause_renumber(clause=clause, to=proposal.move_to)
        clause.refresh_from_db()
        story = f"{story} Moved to position {proposal.move_to}."
    else:
        clause.text = proposal.text
        cleared = Vote.objects.filter(
            proposal__clause=clause,
            proposal__kind=Proposal.Kind.NEW_CLAUSE,
            proposal__status=Proposal.Status.OPEN,
        ).delete()[0]
        if cleared:
            votes = "1 vote" if cleared == 1 else f"{cleared} votes"
            story = f"{story} {votes} cast on the earlier wording cleared."
    if clause.status == Clause.Status.AGREED and proposal.operation != Proposal.Operation.MOVE:
        clause.status = Clause.Status.DRAFT  # agreed words were changed: agree them again
    revision_add(clause=clause, kind=kind, outcome=story, proposal=proposal, author=proposal.author)
    return clause


def amendment_accept_friendly(*, proposal: Proposal, participant: Participant) -> Proposal:
    """The clause's sponsors take the amendment into their draft; no vote is needed.

    The rule allows this only on drafts (once adopted, the wording belongs to the room) and
    only when no objection to the amendment is open.
    """
    require_member(participant, proposal.workshop_id, "accept amendments")
    if proposal.clause_id and not _is_sponsor(participant, proposal.clause):
        raise NotPermitted("Only the delegation that tabled the clause can accept this.")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("workshop", "author__delegation")
            .get(pk=proposal.pk)
        )
        require_phase(proposal.workshop, "accept_friendly", "accept a friendly amendment")
        if not proposal.is_amendment or not proposal.is_open:
            raise ActionRefused("Only an open amendment can be accepted as friendly.")
        clause = lock_clause(proposal.clause_id)
        if clause.number is not None:
            raise ActionRefused(
                f"{clause.label} is adopted: amendments to it need a vote of the room."
            )
        if proposal.objections.filter(status="open").exists():
            raise ActionRefused("An objection to this amendment is open: resolve it first.")
        if proposal.base_version != clause.version:
            raise ActionRefused(
                f"This amendment was written on version {proposal.base_version}; the clause is "
                f"now at version {clause.version}. Its author must update it first."
            )
        proposal.status = Proposal.Status.FRIENDLY
        proposal.outcome = f"Accepted as friendly by {who(participant)}."
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "outcome", "decided_at", "updated_at"])
        amendment_apply(
            proposal=proposal,
            clause=clause,
            kind="friendly",
            story=f"Friendly amendment by {who(proposal.author)}, accepted by {who(participant)}.",
        )
        announce(proposal.workshop_id, "proposals-changed", "charter-changed")
    return proposal


def amendment_rebase(*, proposal: Proposal, participant: Participant, text: str) -> Proposal:
    """The author rewrites a stale amendment on the clause's current wording.

    Its votes are cleared: they were cast on other words.
    """
    require_member(participant, proposal.workshop_id, "amend clauses")
    if participant.pk != proposal.author_id and not (
        participant.delegation_id and participant.delegation_id == proposal.delegation_id
    ):
        raise NotPermitted("Only the amendment's delegation can update it.")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("workshop")
            .get(pk=proposal.pk)
        )
        require_phase(proposal.workshop, "amend", "update an amendment")
        if not proposal.is_amendment or not proposal.is_open:
            raise ActionRefused("Only an open amendment can be updated.")
        clause = lock_clause(proposal.clause_id)
        if proposal.operation == Proposal.Operation.REPLACE:
            text = clean_text(text, what="amended text")
            if text == clause.text:
                raise ActionRefused(
                    "The amended text is the same as the current wording: change some words.",
                    status_code=400,
                )
            proposal.text = text
            proposal.title = amendment_title(clause, text)
        proposal.base_version = clause.version
        proposal.base_text = clause.text
        proposal.save()
        proposal.votes.all().delete()
        announce(proposal.workshop_id, "proposals-changed", "tally-changed")
    return proposal


def amendment_refuse(*, proposal: Proposal, reason: str) -> Proposal:
    """The facilitator sets an open amendment aside (typically a stale one) with a reason.

    Caller has checked that the user facilitates the workshop.
    """
    reason = clean_text(reason, what="reason", limit=250)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_amendment or not proposal.is_open:
            raise ActionRefused("Only an open amendment can be refused.")
        proposal.status = Proposal.Status.REJECTED
        proposal.outcome = f"Refused by the facilitator: {reason}"[:300]
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "outcome", "decided_at", "updated_at"])
        objections_lapse(proposal.objections)
        announce(proposal.workshop_id, "proposals-changed", "charter-changed")
    return proposal
