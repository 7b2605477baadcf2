"""Getters that check who may see what. Views never fetch a workshop without them."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from deliberation.core.errors import NotPermitted

from .models import Delegation, Participant, Workshop, normalise_join_code

SESSION_KEY = "participants"  # {workshop code: participant id} for people who joined


def get_open_workshop(code: str) -> Workshop:
    workshop = Workshop.objects.filter(
        code=normalise_join_code(code), is_template=False, is_archived=False
    ).first()
    if workshop is None:
        raise Http404("No open workshop has this code.")
    return workshop


def remember_participant(request: HttpRequest, participant: Participant) -> None:
    joined = dict(request.session.get(SESSION_KEY, {}))
    joined[participant.workshop.code] = participant.pk
    request.session[SESSION_KEY] = joined


def current_participant(request: HttpRequest, workshop: Workshop) -> Participant | None:
    """The participant this browser joined as, or the facilitator's own seat."""
    if workshop.is_facilitated_by(request.user):
        return workshop.participants.filter(user=request.user).select_related("delegation").first()
    participant_id = request.session.get(SESSION_KEY, {}).get(workshop.code)
    if participant_id is None:
        return None
    return workshop.participants.filter(pk=participant_id).select_related("delegation").first()


def get_participant_workshop(request: HttpRequest, code: str) -> tuple[Workshop, Participant]:
    """The workshop and the participant acting in it; NotPermitted for strangers."""
    workshop = get_open_workshop(code)
    participant = current_participant(request, workshop)
    if participant is None:
        raise NotPermitted("Join this workshop with its code first.")
    return workshop, participant


def get_facilitated_workshop(request: HttpRequest, code: str) -> Workshop:
    workshop = get_object_or_404(Workshop, code=normalise_join_code(code), is_template=False)
    if not workshop.is_facilitated_by(request.user):
        raise NotPermitted("Only this workshop's facilitator can do that.")
    return workshop


def get_workshop_participant(workshop: Workshop, participant_id: int) -> Participant:
    """A participant of this workshop (404 otherwise); the caller has checked the workshop."""
    return get_object_or_404(
        Participant.objects.select_related("delegation"), pk=participant_id, workshop=workshop
    )


def get_workshop_delegation(workshop: Workshop, delegation_id: int) -> Delegation:
    """A delegation of this workshop (404 otherwise); the caller has checked the workshop."""
    return get_object_or_404(
        Delegation.objects.prefetch_related("members"), pk=delegation_id, workshop=workshop
    )
