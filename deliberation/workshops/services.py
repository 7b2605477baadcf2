"""Writes for workshops: create, join, run the session from the console.

Each service checks, then changes, then announces (after the commit) what every open page of
the workshop should redraw. Callers of the console services have checked that the user
facilitates the workshop (`access.get_facilitated_workshop`).
"""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from deliberation.charters.models import Charter, Clause, Proposal, Vote
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.events import publish_on_commit

from .models import Delegation, Participant, Phase, RuleKind, Workshop

MAX_NAME = 40
MAX_TIMER_MINUTES = 180
MAX_QUORUM = 500
MAX_THRESHOLD_DENOMINATOR = 100
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@transaction.atomic
def workshop_create_from_template(*, template: Workshop, title: str, user) -> Workshop:
    """A new workshop with the template's documents, delegations, briefs and rule."""
    workshop = Workshop.objects.create(
        title=title,
        created_by=user,
        rule_kind=template.rule_kind,
        threshold_numerator=template.threshold_numerator,
        threshold_denominator=template.threshold_denominator,
        count_abstentions=template.count_abstentions,
        delegation_vote_by_head=template.delegation_vote_by_head,
        quorum=template.quorum,
        secret_ballot=template.secret_ballot,
        hide_tally=template.hide_tally,
    )
    workshop.documents.set(template.documents.all())
    for delegation in template.delegations.prefetch_related("principles"):
        copy = Delegation.objects.create(
            workshop=workshop,
            name=delegation.name,
            colour=delegation.colour,
            brief=delegation.brief,
            has_veto=delegation.has_veto,
            position=delegation.position,
        )
        copy.principles.set(delegation.principles.all())
    Charter.objects.create(workshop=workshop, title=title)
    Participant.objects.create(
        workshop=workshop,
        display_name=(user.get_full_name() or user.get_username())[:MAX_NAME],
        role=Participant.Role.FACILITATOR,
        user=user,
    )
    return workshop


def participant_join(
    *, workshop: Workshop, display_name: str, delegation: Delegation | None
) -> Participant:
    """Seat a newcomer. Names are unique in a workshop (ignoring case) so votes read clearly."""
    name = " ".join(display_name.split())
    if not name:
        raise ActionRefused("Enter the name the room will see.", status_code=400)
    if len(name) > MAX_NAME:
        raise ActionRefused(f"Keep your name to {MAX_NAME} characters.", status_code=400)
    if workshop.is_template or workshop.is_archived or workshop.phase == Phase.CLOSED:
        raise ActionRefused("This workshop is not taking new participants.")
    if delegation is not None and delegation.workshop_id != workshop.pk:
        raise NotPermitted("That delegation belongs to another workshop.")
    participant = Participant(
        workshop=workshop,
        display_name=name,
        delegation=delegation,
        role=Participant.Role.DELEGATE if delegation else Participant.Role.OBSERVER,
    )
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        raise ActionRefused(
            f"Someone here is already called “{name}”. Add an initial or pick another name.",
            status_code=409,
        ) from None
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    return participant


def _phase_bar(workshop: Workshop):
    """Fragments for the phase bar every page shows; rendered once after the commit."""

    def render() -> dict[str, str]:
        fresh = Workshop.objects.get(pk=workshop.pk)
        return {"phase-bar": render_to_string("components/phase_bar.html", {"workshop": fresh})}

    return render


def _check_usable(workshop: Workshop) -> None:
    if workshop.is_template:
        raise ActionRefused("Templates are not run; create a workshop from it first.")
    if workshop.is_archived:
        raise ActionRefused("This workshop is archived. Restore it first.")


@transaction.atomic
def workshop_set_phase(*, workshop: Workshop, phase: str) -> Workshop:
    """Move the session to `phase`. A running countdown belonged to the old phase: it stops."""
    if phase not in Phase.values:
        raise ActionRefused(
            f"Unknown phase. Choose one of: {', '.join(Phase.labels)}.", status_code=400
        )
    _check_usable(workshop)
    workshop.phase = phase
    workshop.phase_ends_at = None
    try:
        workshop.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ActionRefused("; ".join(error.messages), status_code=400) from error
    workshop.save(update_fields=["phase", "phase_ends_at", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="phase-changed", fragments=_phase_bar(workshop))
    return workshop


@transaction.atomic
def workshop_set_timer(*, workshop: Workshop, minutes: int | None) -> Workshop:
    """Start a countdown of `minutes` from now that every page shows; None stops it."""
    _check_usable(workshop)
    if minutes is None:
        workshop.phase_ends_at = None
    else:
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ActionRefused("Give the timer a whole number of minutes.", status_code=400)
        if not 1 <= minutes <= MAX_TIMER_MINUTES:
            raise ActionRefused(
                f"The timer runs from 1 to {MAX_TIMER_MINUTES} minutes.", status_code=400
            )
        workshop.phase_ends_at = timezone.now() + timedelta(minutes=minutes)
    workshop.save(update_fields=["phase_ends_at", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="phase-changed", fragments=_phase_bar(workshop))
    return workshop


@transaction.atomic
def workshop_set_lock(*, workshop: Workshop, locked: bool) -> Workshop:
    """Lock or unlock editing. While locked, participants read and vote but do not write."""
    _check_usable(workshop)
    workshop.is_locked = locked
    workshop.save(update_fields=["is_locked", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="phase-changed", fragments=_phase_bar(workshop))
    return workshop


def _open_votes_cast(workshop: Workshop) -> bool:
    return Vote.objects.filter(
        proposal__workshop=workshop, proposal__status=Proposal.Status.OPEN
    ).exists()


@transaction.atomic
def workshop_set_rule(
    *,
    workshop: Workshop,
    rule_kind: str,
    threshold_numerator: int,
    threshold_denominator: int,
    count_abstentions: bool,
    delegation_vote_by_head: bool,
    quorum: int,
    secret_ballot: bool,
    hide_tally: bool,
) -> Workshop:
    """Choose the decision rule. Refused once ballots are cast on an open vote: a rule must
    not change under the feet of people who already voted.
    """
    _check_usable(workshop)
    if rule_kind not in RuleKind.values:
        raise ActionRefused("Unknown decision rule.", status_code=400)
    if not 1 <= threshold_denominator <= MAX_THRESHOLD_DENOMINATOR:
        raise ActionRefused(
            f"The threshold's denominator runs from 1 to {MAX_THRESHOLD_DENOMINATOR}.",
            status_code=400,
        )
    if not 1 <= threshold_numerator <= threshold_denominator:
        raise ActionRefused(
            "The threshold must be more than 0 and at most 1 (e.g. 2 out of 3).",
            status_code=400,
        )
    if not 0 <= quorum <= MAX_QUORUM:
        raise ActionRefused(f"The quorum runs from 0 to {MAX_QUORUM} ballots.", status_code=400)
    if _open_votes_cast(workshop):
        raise ActionRefused(
            "Votes have already been cast under the current rule. Close those votes first."
        )
    workshop.rule_kind = rule_kind
    workshop.threshold_numerator = threshold_numerator
    workshop.threshold_denominator = threshold_denominator
    workshop.count_abstentions = count_abstentions
    workshop.delegation_vote_by_head = delegation_vote_by_head
    workshop.quorum = quorum
    workshop.secret_ballot = secret_ballot
    workshop.hide_tally = hide_tally
    workshop.save()
    publish_on_commit(workshop_id=workshop.pk, kind="rule-changed")
    return workshop


@transaction.atomic
def delegation_update(
    *,
    delegation: Delegation,
    name: str,
    colour: str,
    brief: str,
    has_veto: bool,
    head: Participant | None,
) -> Delegation:
    """Change a delegation's settings. The head must be one of its own members."""
    workshop = delegation.workshop
    _check_usable(workshop)
    name = " ".join(name.split())
    if not name:
        raise ActionRefused("Give the delegation a name.", status_code=400)
    if len(name) > 80:
        raise ActionRefused("Keep the delegation's name to 80 characters.", status_code=400)
    if not HEX_COLOUR.fullmatch(colour or ""):
        raise ActionRefused("A colour is written #rrggbb, e.g. #1d4ed8.", status_code=400)
    if head is not None and head.delegation_id != delegation.pk:
        raise ActionRefused(f"{head.display_name} is not a member of {name}.", status_code=400)
    if has_veto != delegation.has_veto and _open_votes_cast(workshop):
        raise ActionRefused(
            "Votes have already been cast under the current veto. Close those votes first."
        )
    if (
        Delegation.objects.filter(workshop=workshop, name__iexact=name)
        .exclude(pk=delegation.pk)
        .exists()
    ):
        raise ActionRefused(f"Another delegation is already called “{name}”.", status_code=409)
    delegation.name = name
    delegation.colour = colour.lower()
    delegation.brief = brief.strip()
    delegation.has_veto = has_veto
    delegation.head = head
    delegation.save()
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    return delegation


def _check_participant(workshop: Workshop, participant: Participant) -> None:
    if participant.workshop_id != workshop.pk:
        raise NotPermitted("That participant belongs to another workshop.")
    _check_usable(workshop)


@transaction.atomic
def participant_rename(
    *, workshop: Workshop, participant: Participant, display_name: str
) -> Participant:
    _check_participant(workshop, participant)
    name = " ".join(display_name.split())
    if not name:
        raise ActionRefused("A participant needs a name.", status_code=400)
    if len(name) > MAX_NAME:
        raise ActionRefused(f"Keep names to {MAX_NAME} characters.", status_code=400)
    if (
        Participant.objects.filter(workshop=workshop, display_name__iexact=name)
        .exclude(pk=participant.pk)
        .exists()
    ):
        raise ActionRefused(f"Someone here is already called “{name}”.", status_code=409)
    participant.display_name = name
    try:
        with transaction.atomic():
            participant.save(update_fields=["display_name", "updated_at"])
    except IntegrityError:  # a newcomer took the name between the check and the save
        raise ActionRefused(f"Someone here is already called “{name}”.", status_code=409) from None
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    return participant


@transaction.atomic
def participant_move(
    *, workshop: Workshop, participant: Participant, delegation: Delegation | None
) -> Participant:
    """Seat the participant in another delegation, or among the observers (None).

    Ballots already cast stay with the delegation they were cast for only until the tally is
    next computed: tallies read the voter's current delegation, so moves are refused while a
    vote they took part in is open.
    """
    _check_participant(workshop, participant)
    if participant.is_facilitator:
        raise ActionRefused("The facilitator chairs the room and sits in no delegation.")
    if delegation is not None and delegation.workshop_id != workshop.pk:
        raise NotPermitted("That delegation belongs to another workshop.")
    if participant.votes.filter(proposal__status=Proposal.Status.OPEN).exists():
        raise ActionRefused(
            f"{participant.display_name} has voted on an open proposal. "
            "Close that vote before moving them."
        )
    Delegation.objects.filter(workshop=workshop, head=participant).exclude(
        pk=getattr(delegation, "pk", None)
    ).update(head=None)
    participant.delegation = delegation
    participant.role = Participant.Role.DELEGATE if delegation else Participant.Role.OBSERVER
    participant.save(update_fields=["delegation", "role", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    return participant


@transaction.atomic
def participant_set_present(
    *, workshop: Workshop, participant: Participant, present: bool
) -> Participant:
    """Mark who is in the room; the quorum text counts the delegates present."""
    _check_participant(workshop, participant)
    participant.is_present = present
    participant.save(update_fields=["is_present", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    return participant


@transaction.atomic
def participant_remove(*, workshop: Workshop, participant: Participant) -> None:
    """Remove someone from the room: their seat, votes and comments go; their browser is sent
    back to the join page. Authors of proposals stay, so the record of who proposed what holds.
    """
    _check_participant(workshop, participant)
    if participant.is_facilitator:
        raise ActionRefused("The facilitator's own seat cannot be removed.")
    if participant.proposals.exists():
        raise ActionRefused(
            f"{participant.display_name} has proposed clauses, which must keep their author. "
            "Move them to the observers or mark them absent instead."
        )
    had_open_votes = participant.votes.filter(proposal__status=Proposal.Status.OPEN).exists()
    participant.delete()
    publish_on_commit(workshop_id=workshop.pk, kind="participants-changed")
    if had_open_votes:
        publish_on_commit(workshop_id=workshop.pk, kind="tally-changed")


@transaction.atomic
def workshop_duplicate(*, workshop: Workshop, user, title: str | None = None) -> Workshop:
    """A fresh workshop with this one's documents, delegations, briefs and rule, and nobody in
    it yet: the way to run the same session with the next class.
    """
    title = " ".join((title or f"{workshop.title} (copy)").split())[:200]
    return workshop_create_from_template(template=workshop, title=title, user=user)


@transaction.atomic
def workshop_set_archived(*, workshop: Workshop, archived: bool) -> Workshop:
    """Archived workshops leave the console's list and take nobody in; nothing is deleted."""
    if workshop.is_template:
        raise ActionRefused("Templates cannot be archived here.")
    workshop.is_archived = archived
    workshop.phase_ends_at = None
    workshop.save(update_fields=["is_archived", "phase_ends_at", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="phase-changed")
    return workshop


@transaction.atomic
def workshop_set_spotlight(
    *, workshop: Workshop, proposal: Proposal | None = None, clause: Clause | None = None
) -> Workshop:
    """Put one proposal or one clause on the projector; neither clears the spotlight."""
    _check_usable(workshop)
    if proposal is not None and clause is not None:
        raise ActionRefused("Spotlight one proposal or one clause, not both.", status_code=400)
    if proposal is not None and proposal.workshop_id != workshop.pk:
        raise NotPermitted("That proposal belongs to another workshop.")
    if clause is not None and clause.charter.workshop_id != workshop.pk:
        raise NotPermitted("That clause belongs to another workshop.")
    workshop.spotlight_proposal = proposal
    workshop.spotlight_clause = clause
    workshop.save(update_fields=["spotlight_proposal", "spotlight_clause", "updated_at"])
    publish_on_commit(workshop_id=workshop.pk, kind="spotlight-changed")
    return workshop
