import pytest
from django.db import IntegrityError

from deliberation.workshops.models import (
    CODE_ALPHABET,
    PHASE_ACTIONS,
    Participant,
    Phase,
    Workshop,
    new_join_code,
    normalise_join_code,
)


def test_join_codes_use_only_unambiguous_characters():
    codes = {new_join_code() for _ in range(500)}
    assert all(len(code) == 6 for code in codes)
    assert not set("".join(codes)) - set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert len(codes) > 490  # random, not sequential


def test_normalise_join_code_accepts_what_people_type():
    assert normalise_join_code(" abc-234 ") == "ABC234"
    assert normalise_join_code("abc 234") == "ABC234"


@pytest.mark.django_db
def test_join_codes_are_unique_in_the_database():
    Workshop.objects.create(title="A", code="ABC234")
    with pytest.raises(IntegrityError):
        Workshop.objects.create(title="B", code="ABC234")


def test_every_phase_has_a_row_in_the_action_table():
    assert set(PHASE_ACTIONS) == set(Phase.values)
    assert PHASE_ACTIONS[Phase.CLOSED] == frozenset()
    assert "vote" in PHASE_ACTIONS[Phase.VOTING]
    assert "vote" not in PHASE_ACTIONS[Phase.DRAFTING]


def test_workshop_allows_follows_its_phase():
    workshop = Workshop(phase=Phase.DRAFTING)
    assert workshop.allows("propose") and not workshop.allows("vote")
    workshop.phase = Phase.VOTING
    assert workshop.allows("vote") and not workshop.allows("propose")


def test_display_code_is_split_for_reading_aloud():
    assert Workshop(code="ABC234").display_code == "ABC-234"


@pytest.mark.django_db
def test_participant_names_are_unique_in_a_workshop_ignoring_case(workshop):
    Participant.objects.create(workshop=workshop, display_name="Ana")
    with pytest.raises(IntegrityError):
        Participant.objects.create(workshop=workshop, display_name="ana")
