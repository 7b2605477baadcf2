import pytest

from deliberation.charters.models import Charter
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.workshops.models import Participant, Phase
from deliberation.workshops.services import participant_join, workshop_set_phase

pytestmark = pytest.mark.django_db


def test_workshop_create_from_template_copies_delegations_and_documents(workshop, demo):
    assert workshop.code != demo.code and not workshop.is_template
    assert [d.name for d in workshop.delegations.all()] == ["NATO", "Russia", "China"]
    for copy in workshop.delegations.all():
        original = demo.delegations.get(name=copy.name)
        assert set(copy.principles.all()) == set(original.principles.all())
        assert copy.principles.exists()
    assert set(workshop.documents.all()) == set(demo.documents.all())
    assert Charter.objects.filter(workshop=workshop).exists()
    assert workshop.participants.get().role == Participant.Role.FACILITATOR


def test_participant_join_seats_a_delegate(seat, workshop):
    ana = seat("Ana", "NATO")
    assert ana.role == Participant.Role.DELEGATE
    assert ana.delegation.name == "NATO" and ana.workshop == workshop


def test_participant_join_without_delegation_seats_an_observer(seat):
    assert seat("Obi").role == Participant.Role.OBSERVER


def test_participant_join_tidies_spaces_in_names(seat):
    assert seat("  Ana   Lima ", "NATO").display_name == "Ana Lima"


@pytest.mark.parametrize("name", ["", "   ", "x" * 41])
def test_participant_join_rejects_empty_or_long_names(seat, name):
    with pytest.raises(ActionRefused) as refused:
        seat(name, "NATO")
    assert refused.value.status_code == 400


def test_participant_join_rejects_a_taken_name(seat):
    seat("Ana", "NATO")
    with pytest.raises(ActionRefused, match="already called"):
        seat("ANA", "Russia")


def test_participant_join_rejects_another_workshops_delegation(workshop, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    with pytest.raises(NotPermitted):
        participant_join(
            workshop=workshop, display_name="Eve", delegation=other.delegations.first()
        )


def test_participant_join_refuses_a_closed_workshop(seat, workshop):
    workshop_set_phase(workshop=workshop, phase=Phase.CLOSED)
    with pytest.raises(ActionRefused, match="not taking"):
        seat("Late", "NATO")


def test_workshop_set_phase_rejects_unknown_phases(workshop):
    with pytest.raises(ActionRefused):
        workshop_set_phase(workshop=workshop, phase="party")
