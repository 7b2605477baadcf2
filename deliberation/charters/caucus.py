"""A delegation's private room: its chat and notes, and who heads it."""

from django.db import transaction

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.events import publish_on_commit
from deliberation.workshops.models import Delegation, Participant

from .models import CaucusMessage
from .services import clean_text, require_phase


def can_see_caucus(participant: Participant | None, delegation: Delegation) -> bool:
    if participant is None or participant.workshop_id != delegation.workshop_id:
        return False
    return participant.is_facilitator or participant.delegation_id == delegation.pk


def caucus_post(
    *, delegation: Delegation, participant: Participant, text: str, kind: str = "chat"
) -> CaucusMessage:
    """A line in the delegation's caucus, seen only by its members and the facilitator."""
    if not can_see_caucus(participant, delegation):
        raise NotPermitted("Only this delegation's members and the facilitator can write here.")
    require_phase(delegation.workshop, "caucus", "write in the caucus")
    if kind not in CaucusMessage.Kind.values:
        raise ActionRefused("Choose chat or note.", status_code=400)
    message = CaucusMessage.objects.create(
        delegation=delegation,
        participant=participant,
        kind=kind,
        text=clean_text(text, what="message", limit=1000),
    )
    # The event names the delegation and carries nothing else: private words are never in a
    # shared fragment; each member's page fetches the caucus with its own session.
    publish_on_commit(workshop_id=delegation.workshop_id, kind=f"caucus-{delegation.pk}")
    return message


@transaction.atomic
def delegation_set_head(
    *, delegation: Delegation, head: Participant | None, by: Participant
) -> Delegation:
    """The facilitator or a member of the delegation names its head (or no head)."""
    if not can_see_caucus(by, delegation):
        raise NotPermitted("Only this delegation's members and the facilitator choose its head.")
    if head is not None and (head.delegation_id != delegation.pk or not head.can_vote):
        raise ActionRefused("The head must be a delegate of this delegation.", status_code=400)
    if delegation.workshop.phase == "closed":
        raise ActionRefused("The session is closed.")
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    delegation.head = head
    delegation.save(update_fields=["head"])
    from .services import announce

    announce(delegation.workshop_id, "delegations-changed", "tally-changed")
    return delegation
