"""Writes for the charter: table a clause, vote, close a vote. Each checks, changes, announces.

Amendments live in amendments.py, objections and comments in discussion.py, caucus and heads
in caucus.py, the facilitator's editing of the charter in editing.py.
"""

from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.events import publish_on_commit
from deliberation.workshops.models import Participant, Workshop

from . import rules
from .models import MAX_TEXT, Charter, Clause, Objection, Proposal, Revision, Vote

MAX_TITLE = 200


def clean_text(value: str, *, what: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise ActionRefused(f"The {what} is empty.", status_code=400)
    if len(value) > limit:
        raise ActionRefused(
            f"The {what} has {len(value)} characters; the limit is {limit}.", status_code=400
        )
    return value


# Kept for callers of the first version.
_clean_text = clean_text


def require_phase(workshop: Workshop, action: str, doing: str) -> None:
    if not workshop.allows(action):
        raise ActionRefused(
            f"You can't {doing} in the {workshop.get_phase_display().lower()} phase."
        )


_require = require_phase


def require_member(participant: Participant, workshop_id: int, doing: str) -> None:
    """A delegate of this workshop: not a stranger, not an observer."""
    if participant.workshop_id != workshop_id:
        raise NotPermitted("You can only act in your own workshop.")
    if participant.role == Participant.Role.OBSERVER:
        raise NotPermitted(f"Observers can follow the session but not {doing}.")


def announce(workshop_id: int, *kinds: str) -> None:
    for kind in kinds:
        publish_on_commit(workshop_id=workshop_id, kind=kind)


def revision_add(
    *,
    clause: Clause,
    kind: str,
    outcome: str,
    proposal: Proposal | None = None,
    author: Participant | None = None,
) -> Revision:
    """Record the clause's new state as its next version.

    Bumps `clause.version` and saves the clause, writes the immutable revision, and carries
    forward open amendments whose base text is unchanged (a change of status or title does
    not make an amendment stale; a change of wording does). Caller holds the clause's row lock
    (a brand-new clause needs none).
    """
    if clause.pk is None:
        clause.version = 1
    else:
        clause.version += 1
    clause.save()
    revision = Revision.objects.create(
        clause=clause,
        number=clause.version,
        kind=kind,
        title=clause.title,
        text=clause.text,
        proposal=proposal,
        author=author,
        outcome=outcome[:500],
    )
    Proposal.objects.filter(
        clause=clause,
        kind=Proposal.Kind.AMENDMENT,
        status=Proposal.Status.OPEN,
        base_text=clause.text,
    ).update(base_version=clause.version, updated_at=timezone.now())
    return revision


def who(participant: Participant | None) -> str:
    if participant is None:
        return "the facilitator"
    if participant.delegation_id:
        return f"{participant.display_name} ({participant.delegation.name})"
    return participant.display_name


@transaction.atomic
def proposal_create(*, participant: Participant, title: str, text: str) -> Proposal:
    """Table a new clause: a draft clause with its first revision, and the proposal to adopt it."""
    workshop = participant.workshop
    if participant.role == Participant.Role.OBSERVER:
        raise NotPermitted("Observers can follow the session but not propose clauses.")
    require_phase(workshop, "propose", "propose a clause")
    title = clean_text(title, what="title", limit=MAX_TITLE)
    text = clean_text(text, what="clause text")
    clause = Clause(
        charter=Charter.objects.get(workshop=workshop),
        title=title,
        text=text,
        status=Clause.Status.DRAFT,
        author=participant,
        delegation=participant.delegation,
    )
    clause.save()
    proposal = Proposal.objects.create(
        workshop=workshop,
        kind=Proposal.Kind.NEW_CLAUSE,
        clause=clause,
        title=title,
        text=text,
        author=participant,
        delegation=participant.delegation,
    )
    clause.version = 0  # the tabling is version 1
    revision_add(
        clause=clause,
        kind="tabled",
        outcome=f"Tabled by {who(participant)}.",
        proposal=proposal,
        author=participant,
    )
    announce(workshop.pk, "proposals-changed", "charter-changed")
    return proposal


def vote_cast(*, proposal: Proposal, participant: Participant, choice: str) -> Vote:
    """Record one vote. A second vote, a closed vote or a stranger's vote is refused."""
    if participant.workshop_id != proposal.workshop_id:
        raise NotPermitted("You can only vote in your own workshop.")
    if not participant.can_vote:
        raise NotPermitted("Only delegates vote.")
    if choice not in Vote.Choice.values:
        raise ActionRefused("Choose for, against or abstain.", status_code=400)
    with transaction.atomic():
        # Lock the proposal so a vote and the closing of the vote never interleave.
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        require_phase(proposal.workshop, "vote", "vote")
        if not proposal.is_open:
            raise ActionRefused("This vote is closed.")
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    proposal=proposal, participant=participant, choice=choice
                )
        except IntegrityError:
            raise ActionRefused("You have already voted on this proposal.") from None
        publish_on_commit(
            workshop_id=proposal.workshop_id,
            kind="tally-changed",
            # Rendered once and sent to every open page; never while the tally is hidden.
            fragments=None if proposal.workshop.hide_tally else tally_fragments(proposal.pk),
        )
        return vote


def tally_fragments(proposal_id: int):
    """The shared tally of a proposal, rendered after the commit: {"tally-<id>": html}."""

    def render() -> dict[str, str]:
        counts = tally_counts(proposal_id)
        html = render_to_string("charters/tally.html", {"proposal": {"pk": proposal_id, **counts}})
        return {f"tally-{proposal_id}": html}

    return render


def tally_counts(proposal_id: int) -> dict[str, int]:
    return Vote.objects.filter(proposal_id=proposal_id).aggregate(
        yes=Count("pk", filter=Q(choice=Vote.Choice.YES)),
        no=Count("pk", filter=Q(choice=Vote.Choice.NO)),
        abstain=Count("pk", filter=Q(choice=Vote.Choice.ABSTAIN)),
    )


def ballots_for(proposal: Proposal) -> list[rules.Ballot]:
    heads = set(proposal.workshop.delegations.exclude(head=None).values_list("head_id", flat=True))
    return [
        rules.Ballot(
            voter=str(vote.participant_id),
            delegation=str(vote.participant.delegation_id)
            if vote.participant.delegation_id
            else None,
            choice=rules.Choice(vote.choice),
            is_head=vote.participant_id in heads,
        )
        for vote in proposal.votes.select_related("participant")
    ]


def rule_for(workshop: Workshop) -> rules.Rule:
    return rules.Rule(
        kind=rules.RuleKind(workshop.rule_kind),
        threshold=Fraction(workshop.threshold_numerator, workshop.threshold_denominator),
        count_abstentions=workshop.count_abstentions,
        delegation_vote="head" if workshop.delegation_vote_by_head else "majority",
        veto=frozenset(str(d.pk) for d in workshop.delegations.all() if d.has_veto),
        quorum=workshop.quorum,
    )


def delegation_names(workshop: Workshop) -> dict[str, str]:
    return {str(d.pk): d.name for d in workshop.delegations.all()}


def rule_text(workshop: Workshop) -> str:
    return rules.describe(rule_for(workshop), delegation_names(workshop))


def proposal_tally(proposal: Proposal) -> rules.Outcome:
    workshop = proposal.workshop
    return rules.decide(
        ballots=ballots_for(proposal),
        rule=rule_for(workshop),
        delegations=delegation_names(workshop),
        present=workshop.participants.filter(
            is_present=True, role=Participant.Role.DELEGATE
        ).count(),
        open_blocks=proposal.objections.filter(status=Objection.Status.OPEN).count(),
    )


def proposal_close_vote(*, proposal: Proposal) -> Proposal:
    """Decide the proposal under the workshop's rule and apply the result to its clause.

    Refused, with the vote left open, while an open objection blocks under consensus (the
    facilitator resolves it first) and when an amendment's clause changed after it was
    written (its author rebases it, or it is refused): never a silent lost update.
    Caller has checked that the user facilitates the workshop.
    """
    from .amendments import amendment_apply, lock_clause

    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("workshop")
            .get(pk=proposal.pk)
        )
        if not proposal.is_open:
            raise ActionRefused("This vote is already closed.")
        clause = lock_clause(proposal.clause_id) if proposal.clause_id else None
        if proposal.is_amendment and proposal.base_version != clause.version:
            raise ActionRefused(
                f"“{proposal.title}” was written on version {proposal.base_version} of "
                f"{clause.label}, which is now at version {clause.version}. Its author must "
                "update it to the new wording, or it can be refused; the vote stays open."
            )
        outcome = proposal_tally(proposal)
        if not outcome.adopted and outcome.explanation.startswith("Blocked"):
            raise ActionRefused(
                f"{outcome.explanation}. Under consensus an open objection blocks adoption: "
                "it must be answered, withdrawn or upheld first. The vote stays open."
            )
        proposal.status = Proposal.Status.ADOPTED if outcome.adopted else Proposal.Status.REJECTED
        proposal.outcome = outcome.explanation[:300]
        proposal.decided_at = timezone.now()
        is_draft = proposal.kind == Proposal.Kind.NEW_CLAUSE and clause is not None
        proposal.voted_text = clause.text if is_draft else proposal.text
        proposal.save(update_fields=["status", "outcome", "decided_at", "voted_text", "updated_at"])
        objections_lapse(proposal.objections)
        if proposal.kind == Proposal.Kind.NEW_CLAUSE:
            if outcome.adopted:
                clause_adopt(proposal=proposal)
            elif clause is not None:
                clause_close(clause=clause, proposal=proposal, status=Clause.Status.REJECTED)
        elif outcome.adopted:
            amendment_apply(
                proposal=proposal,
                clause=clause,
                kind="amended",
                story=f"Amended by vote on “{proposal.title}” by {who(proposal.author)}. "
                f"{outcome.explanation}.",
            )
        announce(proposal.workshop_id, "proposals-changed", "tally-changed", "charter-changed")
    return proposal


def objections_lapse(objections) -> int:
    """Of `objections` (a proposal's, or a queryset), those still open lapse: their proposal
    is decided or withdrawn, nothing is left for them to block, and nobody should be asked to
    answer them any more."""
    now = timezone.now()
    return objections.filter(status=Objection.Status.OPEN).update(
        status=Objection.Status.LAPSED, resolved_at=now, updated_at=now
    )


def clause_adopt(*, proposal: Proposal) -> Clause:
    """The proposal's clause becomes the next numbered article.

    Caller holds the proposal's row lock. Numbers are given under the charter's row lock.
    """
    charter = Charter.objects.select_for_update().get(workshop=proposal.workshop_id)
    number = (charter.clauses.aggregate(Max("number"))["number__max"] or 0) + 1
    clause = proposal.clause
    if clause is None:  # a proposal tabled before drafts existed
        clause = Clause(charter=charter, title=proposal.title, text=proposal.text)
        clause.save()
        clause.version = 0
        Proposal.objects.filter(pk=proposal.pk).update(clause=clause)
    clause.number = number
    clause.status = Clause.Status.ADOPTED
    revision_add(
        clause=clause,
        kind="adopted",
        outcome=f"Adopted as Article {number}. {proposal.outcome}.",
        proposal=proposal,
    )
    return clause


def clause_close(*, clause: Clause, proposal: Proposal, status: str) -> Clause:
    """A draft clause leaves the table, rejected or withdrawn; its open amendments lapse.

    Caller holds the clause's row lock.
    """
    clause.status = status
    if status == Clause.Status.REJECTED:
        story = f"Not adopted. {proposal.outcome}."
    else:
        story = proposal.outcome
    revision_add(clause=clause, kind=status, outcome=story, proposal=proposal)
    lapsing = clause.proposals.filter(kind=Proposal.Kind.AMENDMENT, status=Proposal.Status.OPEN)
    objections_lapse(Objection.objects.filter(proposal__in=lapsing))
    lapsing.update(
        status=Proposal.Status.WITHDRAWN,
        outcome=f"Lapsed: the clause was {status}.",
        decided_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return clause


def proposal_withdraw(*, proposal: Proposal, participant: Participant) -> Proposal:
    """The author, or a member of their delegation, takes an open proposal back."""
    from .amendments import lock_clause

    require_member(participant, proposal.workshop_id, "withdraw proposals")
    sponsor = participant.pk == proposal.author_id or (
        participant.delegation_id and participant.delegation_id == proposal.delegation_id
    )
    if not sponsor:
        raise NotPermitted("Only the author's delegation can withdraw this proposal.")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        require_phase(proposal.workshop, "withdraw", "withdraw a proposal")
        if not proposal.is_open:
            raise ActionRefused("This proposal is no longer open.")
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.outcome = f"Withdrawn by {who(participant)}."
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "outcome", "decided_at", "updated_at"])
        objections_lapse(proposal.objections)
        if proposal.kind == Proposal.Kind.NEW_CLAUSE and proposal.clause_id:
            clause = lock_clause(proposal.clause_id)
            clause_close(clause=clause, proposal=proposal, status=Clause.Status.WITHDRAWN)
        announce(proposal.workshop_id, "proposals-changed", "charter-changed")
    return proposal
