"""Who may see results and exports. Views never fetch a workshop without these getters."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from deliberation.core.errors import NotPermitted
from deliberation.workshops import access
from deliberation.workshops.models import Participant, Workshop, normalise_join_code


def _workshop(code: str) -> Workshop:
    return get_object_or_404(Workshop, code=normalise_join_code(code), is_template=False)


def can_study(user, workshop: Workshop) -> bool:
    """The facilitator, or a researcher (a staff user), may read results and research exports."""
    return workshop.is_facilitated_by(user) or bool(user.is_authenticated and user.is_staff)


def get_studied_workshop(request: HttpRequest, code: str) -> Workshop:
    """The workshop (archived or not) for its facilitator or a researcher; NotPermitted else."""
    workshop = _workshop(code)
    if not can_study(request.user, workshop):
        raise NotPermitted("Only this workshop's facilitator or a researcher can see this.")
    return workshop


def get_charter_reader(request: HttpRequest, code: str) -> tuple[Workshop, Participant | None]:
    """Who may read the charter: its participants, its facilitator and researchers."""
    workshop = _workshop(code)
    if can_study(request.user, workshop):
        return workshop, access.current_participant(request, workshop)
    return access.get_participant_workshop(request, code)
