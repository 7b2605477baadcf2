"""Console services: each checks, changes and announces after the commit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deliberation.charters.models import Proposal
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.models import Event
from deliberation.workshops import services
from deliberation.workshops.models import Participant, Phase, RuleKind, Workshop

pytestmark = pytest.mark.django_db

RULE = {
    "rule_kind": RuleKind.QUALIFIED,
    "threshold_numerator": 3,
    "threshold_denominator": 4,
    "count_abstentions": True,
    "delegation_vote_by_head": False,
    "quorum": 3,
    "secret_ballot": False,
    "hide_tally": True,
}


@pytest.fixture
def other_workshop(demo, facilitator):
    return services.workshop_create_from_template(template=demo, title="Other", user=facilitator)


def test_workshop_set_phase_stops_the_timer_and_announces_the_phase_bar(
    workshop, django_capture_on_commit_callbacks
):
    services.workshop_set_timer(workshop=workshop, minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    workshop.refresh_from_db()
    assert workshop.phase == Phase.VOTING and workshop.phase_ends_at is None
    event = Event.objects.filter(workshop=workshop).latest("id")
    assert event.kind == "phase-changed"
    assert 'id="phase-bar"' in event.fragments["phase-bar"]
    assert 'aria-current="step"' in event.fragments["phase-bar"]


def test_workshop_set_phase_refuses_an_archived_workshop(workshop):
    services.workshop_set_archived(workshop=workshop, archived=True)
    with pytest.raises(ActionRefused, match="archived"):
        services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)


def test_workshop_set_timer_counts_down_from_now(workshop):
    services.workshop_set_timer(workshop=workshop, minutes=10)
    left = Workshop.objects.get(pk=workshop.pk).phase_ends_at - timezone.now()
    assert timedelta(minutes=9, seconds=50) < left <= timedelta(minutes=10)


def test_workshop_set_timer_none_stops_it(workshop):
    services.workshop_set_timer(workshop=workshop, minutes=10)
    services.workshop_set_timer(workshop=workshop, minutes=None)
    assert Workshop.objects.get(pk=workshop.pk).phase_ends_at is None


@pytest.mark.parametrize("minutes", [0, -5, 181, True, 2.5])
def test_workshop_set_timer_rejects_out_of_range_minutes(workshop, minutes):
    with pytest.raises(ActionRefused) as refused:
        services.workshop_set_timer(workshop=workshop, minutes=minutes)
    assert refused.value.status_code == 400


def test_workshop_set_lock_closes_writing_but_not_voting(workshop):
    services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    services.workshop_set_lock(workshop=workshop, locked=True)
    workshop.refresh_from_db()
    assert workshop.allows("vote")
    assert not workshop.allows("comment") and not workshop.allows("object")
    services.workshop_set_lock(workshop=workshop, locked=False)
    workshop.refresh_from_db()
    assert workshop.allows("comment")


def test_a_locked_workshop_refuses_new_proposals(workshop, seat):
    ana = seat("Ana", "NATO")
    services.workshop_set_lock(workshop=workshop, locked=True)
    ana.workshop.refresh_from_db()
    with pytest.raises(ActionRefused):
        proposal_create(participant=ana, title="T", text="Text")


def test_workshop_set_rule_saves_every_field(workshop):
    services.workshop_set_rule(workshop=workshop, **RULE)
    workshop.refresh_from_db()
    assert {key: getattr(workshop, key) for key in RULE} == RULE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rule_kind": "lottery"}, "Unknown decision rule"),
        ({"threshold_numerator": 0}, "more than 0"),
        ({"threshold_numerator": 5, "threshold_denominator": 4}, "at most 1"),
        ({"threshold_denominator": 0}, "denominator"),
        ({"quorum": -1}, "quorum"),
        ({"quorum": 501}, "quorum"),
    ],
)
def test_workshop_set_rule_rejects_bad_values(workshop, change, message):
    with pytest.raises(ActionRefused, match=message) as refused:
        services.workshop_set_rule(workshop=workshop, **(RULE | change))
    assert refused.value.status_code == 400


def test_workshop_set_rule_is_fixed_once_ballots_are_cast(workshop, seat):
    ana = seat("Ana", "NATO")
    proposal = proposal_create(participant=ana, title="T", text="Text")
    services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    with pytest.raises(ActionRefused, match="Close those votes first") as refused:
        services.workshop_set_rule(workshop=workshop, **RULE)
    assert refused.value.status_code == 409
    proposal_close_vote(proposal=proposal)
    services.workshop_set_rule(workshop=workshop, **RULE)


def test_delegation_update_changes_settings_and_head(workshop, seat):
    ana = seat("Ana", "NATO")
    nato = workshop.delegations.get(name="NATO")
    services.delegation_update(
        delegation=nato, name=" Atlantic  ", colour="#ABCDEF", brief="b", has_veto=True, head=ana
    )
    nato.refresh_from_db()
    assert (nato.name, nato.colour, nato.has_veto, nato.head) == ("Atlantic", "#abcdef", True, ana)


@pytest.mark.parametrize(
    ("change", "status"),
    [({"name": " "}, 400), ({"colour": "red"}, 400), ({"name": "russia"}, 409)],
)
def test_delegation_update_rejects_bad_values(workshop, change, status):
    nato = workshop.delegations.get(name="NATO")
    values = {"name": "NATO", "colour": "#1d4ed8", "brief": "", "has_veto": False, "head": None}
    with pytest.raises(ActionRefused) as refused:
        services.delegation_update(delegation=nato, **(values | change))
    assert refused.value.status_code == status


def test_delegation_update_refuses_a_head_from_another_delegation(workshop, seat):
    boris = seat("Boris", "Russia")
    nato = workshop.delegations.get(name="NATO")
    with pytest.raises(ActionRefused, match="not a member"):
        services.delegation_update(
            delegation=nato, name="NATO", colour="#1d4ed8", brief="", has_veto=False, head=boris
        )


def test_participant_rename_tidies_and_announces(
    workshop, seat, django_capture_on_commit_callbacks
):
    ana = seat("Ana", "NATO")
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_rename(workshop=workshop, participant=ana, display_name=" Ana  L ")
    assert Participant.objects.get(pk=ana.pk).display_name == "Ana L"
    assert Event.objects.filter(workshop=workshop, kind="participants-changed").exists()


@pytest.mark.parametrize(("name", "status"), [("", 400), ("x" * 41, 400), ("BORIS", 409)])
def test_participant_rename_rejects_empty_long_or_taken_names(workshop, seat, name, status):
    ana = seat("Ana", "NATO")
    seat("Boris", "Russia")
    with pytest.raises(ActionRefused) as refused:
        services.participant_rename(workshop=workshop, participant=ana, display_name=name)
    assert refused.value.status_code == status


def test_participant_rename_refuses_another_workshops_participant(workshop, other_workshop, seat):
    eve = seat("Eve", "NATO", into=other_workshop)
    with pytest.raises(NotPermitted):
        services.participant_rename(workshop=workshop, participant=eve, display_name="E")


def test_participant_move_changes_delegation_and_role(workshop, seat):
    ana = seat("Ana", "NATO")
    china = workshop.delegations.get(name="China")
    services.participant_move(workshop=workshop, participant=ana, delegation=china)
    assert (ana.delegation, ana.role) == (china, Participant.Role.DELEGATE)
    services.participant_move(workshop=workshop, participant=ana, delegation=None)
    ana.refresh_from_db()
    assert (ana.delegation, ana.role) == (None, Participant.Role.OBSERVER)


def test_participant_move_clears_the_old_delegations_head(workshop, seat):
    ana = seat("Ana", "NATO")
    nato = workshop.delegations.get(name="NATO")
    nato.head = ana
    nato.save()
    services.participant_move(
        workshop=workshop, participant=ana, delegation=workshop.delegations.get(name="China")
    )
    nato.refresh_from_db()
    assert nato.head is None


def test_participant_move_refuses_another_workshops_delegation(workshop, other_workshop, seat):
    ana = seat("Ana", "NATO")
    with pytest.raises(NotPermitted, match="another workshop"):
        services.participant_move(
            workshop=workshop, participant=ana, delegation=other_workshop.delegations.first()
        )


def test_participant_move_refuses_while_their_vote_is_open(workshop, seat):
    ana = seat("Ana", "NATO")
    proposal = proposal_create(participant=ana, title="T", text="Text")
    services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    with pytest.raises(ActionRefused, match="Close that vote"):
        services.participant_move(workshop=workshop, participant=ana, delegation=None)


def test_participant_move_refuses_the_facilitator(workshop):
    chair = workshop.participants.get(role=Participant.Role.FACILITATOR)
    with pytest.raises(ActionRefused):
        services.participant_move(workshop=workshop, participant=chair, delegation=None)


def test_participant_set_present_marks_absence(workshop, seat):
    ana = seat("Ana", "NATO")
    services.participant_set_present(workshop=workshop, participant=ana, present=False)
    assert not Participant.objects.get(pk=ana.pk).is_present


def test_participant_remove_deletes_the_seat_and_votes(workshop, seat):
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    proposal = proposal_create(participant=ana, title="T", text="Text")
    services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=boris, choice="no")
    services.participant_remove(workshop=workshop, participant=boris)
    assert not Participant.objects.filter(pk=boris.pk).exists()
    assert not proposal.votes.exists()


def test_participant_remove_keeps_authors_of_proposals(workshop, seat):
    ana = seat("Ana", "NATO")
    proposal_create(participant=ana, title="T", text="Text")
    with pytest.raises(ActionRefused, match="keep their author"):
        services.participant_remove(workshop=workshop, participant=ana)


def test_workshop_duplicate_copies_the_setup_but_nobody(workshop, seat, facilitator):
    seat("Ana", "NATO")
    services.workshop_set_rule(workshop=workshop, **RULE)
    nato = workshop.delegations.get(name="NATO")
    nato.has_veto = True
    nato.save()
    copy = services.workshop_duplicate(workshop=workshop, user=facilitator)
    assert copy.title == "Model security council (copy)" and copy.code != workshop.code
    assert copy.rule_kind == RuleKind.QUALIFIED and copy.quorum == 3
    assert copy.delegations.get(name="NATO").has_veto
    assert [p.role for p in copy.participants.all()] == [Participant.Role.FACILITATOR]
    assert set(copy.documents.all()) == set(workshop.documents.all())


def test_workshop_set_archived_closes_the_door_and_restores(workshop, seat):
    services.workshop_set_archived(workshop=workshop, archived=True)
    with pytest.raises(ActionRefused, match="not taking"):
        seat("Late", "NATO")
    services.workshop_set_archived(workshop=workshop, archived=False)
    assert seat("Late", "NATO")


def test_workshop_set_spotlight_takes_one_proposal_or_clause(workshop, seat):
    ana = seat("Ana", "NATO")
    proposal = proposal_create(participant=ana, title="T", text="Text")
    services.workshop_set_spotlight(workshop=workshop, proposal=proposal)
    assert Workshop.objects.get(pk=workshop.pk).spotlight == proposal
    services.workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    proposal_close_vote(proposal=proposal)
    clause = Proposal.objects.get(pk=proposal.pk).workshop.charter.clauses.get()
    services.workshop_set_spotlight(workshop=workshop, clause=clause)
    workshop.refresh_from_db()
    assert workshop.spotlight == clause and workshop.spotlight_proposal is None
    services.workshop_set_spotlight(workshop=workshop)
    assert Workshop.objects.get(pk=workshop.pk).spotlight is None


def test_workshop_set_spotlight_refuses_another_workshops_proposal(workshop, other_workshop, seat):
    eve = seat("Eve", "NATO", into=other_workshop)
    proposal = proposal_create(participant=eve, title="T", text="Text")
    with pytest.raises(NotPermitted):
        services.workshop_set_spotlight(workshop=workshop, proposal=proposal)
