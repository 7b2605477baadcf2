"""Objections and comments: the arguments around a proposal or a clause."""

from django.db import transaction
from django.utils import timezone

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.sources.models import Principle
from deliberation.workshops.models import Participant

from .models import Clause, Comment, Objection, Proposal
from .services import announce, clean_text, require_member, require_phase, who


def objection_raise(
    *,
    proposal: Proposal,
    participant: Participant,
    reason: str,
    principle: Principle | None = None,
) -> Objection:
    """Object to an open proposal, with a reason and optionally the principle it invokes."""
    require_member(participant, proposal.workshop_id, "raise objections")
    require_phase(proposal.workshop, "object", "raise an objection")
    if not proposal.is_open:
        raise ActionRefused("This proposal is no longer open.")
    if participant.pk == proposal.author_id:
        raise ActionRefused(
            "You can't object to your own proposal: withdraw or amend it instead.",
            status_code=400,
        )
    reason = clean_text(reason, what="reason")
    if (
        principle is not None
        and not proposal.workshop.documents.filter(pk=principle.document_id).exists()
    ):
        raise ActionRefused("That principle is not in this workshop's sources.", status_code=400)
    objection = Objection.objects.create(
        proposal=proposal, participant=participant, reason=reason, principle=principle
    )
    announce(proposal.workshop_id, "proposals-changed", "charter-changed")
    return objection


def objection_answer(*, objection: Objection, participant: Participant, answer: str) -> Objection:
    """The proposal's delegation answers; the objection stays open until the objector
    withdraws it or the facilitator rules on it."""
    proposal = objection.proposal
    require_member(participant, proposal.workshop_id, "answer objections")
    if participant.pk != proposal.author_id and not (
        participant.delegation_id and participant.delegation_id == proposal.delegation_id
    ):
        raise NotPermitted("Only the proposal's delegation answers its objections.")
    require_phase(proposal.workshop, "object", "answer an objection")
    if not objection.is_open:
        raise ActionRefused("This objection is already resolved.")
    objection.answer = clean_text(answer, what="answer")
    objection.answered_by = participant
    objection.save(update_fields=["answer", "answered_by", "updated_at"])
    announce(proposal.workshop_id, "proposals-changed")
    return objection


def objection_withdraw(*, objection: Objection, participant: Participant) -> Objection:
    """The objector is satisfied, or their delegation's head lets it go: it no longer blocks."""
    require_member(participant, objection.proposal.workshop_id, "withdraw objections")
    if not participant.speaks_for(objection.participant):
        raise NotPermitted(
            "Only the person who raised an objection, or their delegation's head, can withdraw it."
        )
    require_phase(objection.proposal.workshop, "withdraw", "withdraw an objection")
    return _resolve(objection, Objection.Status.WITHDRAWN)


def objection_rule(*, objection: Objection, status: str) -> Objection:
    """The facilitator rules: the objection is *answered* (it no longer blocks) or *upheld*
    (the proposal falls). Caller has checked that the user facilitates the workshop."""
    if status not in (Objection.Status.ANSWERED, Objection.Status.UPHELD):
        raise ActionRefused("Rule the objection answered or upheld.", status_code=400)
    return _resolve(objection, status)


def _resolve(objection: Objection, status: str) -> Objection:
    from .amendments import lock_clause
    from .services import clause_close

    with transaction.atomic():
        objection = (
            Objection.objects.select_for_update(of=("self",))
            .select_related("proposal", "participant__delegation")
            .get(pk=objection.pk)
        )
        if not objection.is_open:
            raise ActionRefused("This objection is already resolved.")
        objection.status = status
        objection.resolved_at = timezone.now()
        objection.save(update_fields=["status", "resolved_at", "updated_at"])
        proposal = Proposal.objects.select_for_update().get(pk=objection.proposal_id)
        if status == Objection.Status.UPHELD and proposal.is_open:
            proposal.status = Proposal.Status.REJECTED
            proposal.outcome = (
                f"Rejected: the objection of {who(objection.participant)} was upheld "
                f"({objection.reason[:120]})"
            )[:300]
            proposal.decided_at = timezone.now()
            proposal.save(update_fields=["status", "outcome", "decided_at", "updated_at"])
            if proposal.kind == Proposal.Kind.NEW_CLAUSE and proposal.clause_id:
                clause = lock_clause(proposal.clause_id)
                clause_close(clause=clause, proposal=proposal, status=Clause.Status.REJECTED)
        announce(proposal.workshop_id, "proposals-changed", "charter-changed")
    return objection


def comment_post(
    *,
    participant: Participant,
    text: str,
    stance: str,
    clause: Clause | None = None,
    proposal: Proposal | None = None,
    parent: Comment | None = None,
) -> Comment:
    """A comment on a clause or a proposal, or a reply, with the stance its author chose."""
    if parent is not None:
        clause, proposal = parent.clause, parent.proposal
    if clause is None and proposal is None:
        raise ActionRefused("Say what you are commenting on.", status_code=400)
    workshop = proposal.workshop if proposal is not None else clause.charter.workshop
    require_member(participant, workshop.pk, "comment")
    require_phase(workshop, "comment", "comment")
    if stance not in Comment.Stance.values:
        raise ActionRefused("Choose your stance: for, against or neutral.", status_code=400)
    comment = Comment.objects.create(
        participant=participant,
        clause=clause,
        proposal=proposal,
        parent=parent,
        text=clean_text(text, what="comment"),
        stance=stance,
    )
    announce(workshop.pk, "comments-changed")
    return comment


def comment_hide(*, comment: Comment, reason: str) -> Comment:
    """Moderation: the comment disappears for everyone; it and the reason are kept.

    Caller has checked that the user facilitates the workshop.
    """
    comment.hidden_reason = clean_text(reason, what="reason", limit=300)
    comment.hidden_at = timezone.now()
    comment.save(update_fields=["hidden_reason", "hidden_at", "updated_at"])
    workshop_id = (
        comment.proposal.workshop_id if comment.proposal_id else comment.clause.charter.workshop_id
    )
    announce(workshop_id, "comments-changed")
    return comment
