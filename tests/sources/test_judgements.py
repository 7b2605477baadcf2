"""Confirm, dispute, pin and reject: people correcting the machine."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from deliberation.charters.services import proposal_create
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.sources.models import AlignmentJudgement, Principle
from deliberation.sources.selectors import judged_alignments, workshop_principles
from deliberation.sources.services import judgement_toggle
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

from .conftest import ROLES

pytestmark = pytest.mark.django_db

NEIGHBOURS = "No member may seek an advantage that leaves its neighbours less safe."


@pytest.fixture
def indivisible(workshop):
    return Principle.objects.get(slug="indivisible-security")


@pytest.fixture
def hegemony(workshop):
    return Principle.objects.get(slug="non-hegemony")


def _judge(client, workshop, who_verdict, subject, principle, **extra):
    key = "clause" if subject.__class__.__name__ == "Clause" else "proposal"
    data = {
        key: subject.pk,
        "principle": principle.pk,
        "verdict": who_verdict,
        "stance": "supports",
    }
    return client.post(
        reverse("sources:judge", args=[workshop.code]), data | extra, HTTP_HX_REQUEST="true"
    )


VERDICT_FOR = {"participant": "confirm", "head": "dispute", "facilitator": "pin"}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("phase", [Phase.DRAFTING, Phase.VOTING, Phase.CLOSED])
def test_judging_is_for_the_workshops_people_in_every_phase(
    client, workshop, actor, adopt, indivisible, who, phase
):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor(who)
    workshop_set_phase(workshop=workshop, phase=phase)
    response = _judge(client, workshop, VERDICT_FOR.get(who, "confirm"), clause, indivisible)
    allowed = who in VERDICT_FOR
    assert response.status_code == (200 if allowed else 403)
    assert AlignmentJudgement.objects.exists() == allowed


def test_a_participant_may_not_pin(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    response = _judge(client, workshop, "pin", clause, indivisible)
    assert response.status_code == 403
    assert "Only the facilitator" in response.content.decode()


def test_the_facilitator_pins_rather_than_confirms(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("facilitator")
    assert _judge(client, workshop, "confirm", clause, indivisible).status_code == 403


def test_confirm_returns_the_list_with_the_count_and_the_button_pressed(
    client, workshop, actor, adopt, indivisible
):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    page = _judge(client, workshop, "confirm", clause, indivisible).content.decode()
    assert f'id="alignment-clause-{clause.pk}"' in page
    assert "People: 1 confirm, 0 disputes" in page
    assert 'value="confirm"\n            aria-pressed="true"' in page


def test_the_same_verdict_twice_withdraws_it(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    _judge(client, workshop, "confirm", clause, indivisible)
    _judge(client, workshop, "confirm", clause, indivisible)
    assert not AlignmentJudgement.objects.exists()


def test_changing_ones_mind_keeps_one_judgement(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    _judge(client, workshop, "confirm", clause, indivisible)
    page = _judge(
        client, workshop, "dispute", clause, indivisible, note="It is about <b>neighbours</b>"
    ).content.decode()
    [judgement] = AlignmentJudgement.objects.all()
    assert judgement.verdict == "dispute"
    assert "It is about &lt;b&gt;neighbours&lt;/b&gt;" in page  # the note, shown and escaped


def test_one_judgement_per_person_subject_and_principle_is_enforced_by_the_database(
    workshop, adopt, seat, indivisible
):
    clause = adopt("Neighbours", NEIGHBOURS)
    ana = seat("Ana", "NATO")
    AlignmentJudgement.objects.create(
        clause=clause, principle=indivisible, participant=ana, verdict="confirm"
    )
    with pytest.raises(IntegrityError):
        AlignmentJudgement.objects.create(
            clause=clause, principle=indivisible, participant=ana, verdict="dispute"
        )


def test_a_judgement_has_exactly_one_subject(workshop, adopt, seat, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    proposal = workshop.proposals.first()
    with pytest.raises(IntegrityError):
        AlignmentJudgement.objects.create(
            clause=clause,
            proposal=proposal,
            principle=indivisible,
            participant=seat("Ana", "NATO"),
            verdict="confirm",
        )


def test_a_rejected_alignment_is_hidden_and_a_pinned_one_always_shown(
    workshop, adopt, indivisible, hegemony, facilitator
):
    clause = adopt("Neighbours", NEIGHBOURS)
    chair = workshop.participants.get(user=facilitator)
    principles = workshop_principles(workshop)
    [before] = judged_alignments([clause], principles=principles)
    assert indivisible in [a.principle for a in before]
    judgement_toggle(participant=chair, principle=indivisible, verdict="reject", clause=clause)
    judgement_toggle(
        participant=chair, principle=hegemony, verdict="pin", stance="opposes", clause=clause
    )
    [after] = judged_alignments([clause], principles=principles, participant=chair)
    assert indivisible not in [a.principle for a in after]
    assert [a.principle for a in after.hidden] == [indivisible]
    assert after.pinned[0].principle == hegemony
    assert after.pinned[0].opposes


def test_the_facilitator_sees_hidden_ones_with_a_restore_button(
    client, workshop, actor, adopt, indivisible
):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("facilitator")
    page = _judge(client, workshop, "reject", clause, indivisible).content.decode()
    assert "Hidden by you (rejected)" in page
    assert "Restore" in page
    _judge(client, workshop, "reject", clause, indivisible)  # restore
    assert not AlignmentJudgement.objects.exists()


def test_judging_a_proposal(client, workshop, actor, seat, indivisible):
    proposal = proposal_create(participant=seat("Bo", "Russia"), title="N", text=NEIGHBOURS)
    actor("participant")
    response = _judge(client, workshop, "dispute", proposal, indivisible)
    assert response.status_code == 200
    assert AlignmentJudgement.objects.get().proposal == proposal


def test_a_principle_of_another_document_is_refused(workshop, adopt, seat, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    workshop.documents.remove(indivisible.document)
    with pytest.raises(ActionRefused):
        judgement_toggle(
            participant=seat("Ana", "NATO"),
            principle=indivisible,
            verdict="confirm",
            clause=clause,
        )


def test_another_workshops_clause_is_not_found(client, workshop, actor, adopt, indivisible, demo):
    clause = adopt("Neighbours", NEIGHBOURS)
    stranger = actor("stranger")
    with pytest.raises(NotPermitted):
        judgement_toggle(
            participant=stranger, principle=indivisible, verdict="confirm", clause=clause
        )
    response = client.post(
        reverse("sources:judge", args=[stranger.workshop.code]),
        {"clause": clause.pk, "principle": indivisible.pk, "verdict": "confirm"},
    )
    assert response.status_code == 404


def test_bad_input_is_a_400_with_a_message(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    response = _judge(client, workshop, "maybe", clause, indivisible)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        reverse("sources:judge", args=[workshop.code]),
        {"principle": indivisible.pk, "verdict": "confirm"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Say which article or proposal" in response.content.decode()


def test_a_plain_post_redirects_back(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    back = reverse("charters:clause", args=[workshop.code, clause.number])
    response = client.post(
        reverse("sources:judge", args=[workshop.code]),
        {"clause": clause.pk, "principle": indivisible.pk, "verdict": "confirm", "next": back},
    )
    assert response.status_code == 302 and response.url == back
    response = client.post(
        reverse("sources:judge", args=[workshop.code]),
        {
            "clause": clause.pk,
            "principle": indivisible.pk,
            "verdict": "confirm",
            "next": "https://evil.example/",
        },
    )
    assert response.url == reverse("workshops:room", args=[workshop.code])


def test_the_facilitator_pins_a_principle_the_engine_missed(
    client, workshop, actor, adopt, hegemony
):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("facilitator")
    [before] = judged_alignments([clause], principles=workshop_principles(workshop))
    assert hegemony in before.missing
    response = client.post(
        reverse("sources:judge", args=[workshop.code]),
        {"clause": clause.pk, "principle": hegemony.pk, "verdict": "pin", "stance": "opposes"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "Pinned by the facilitator" in page
    assert "Opposes</span> · Non-hegemony" in page
    [after] = judged_alignments([clause], principles=workshop_principles(workshop))
    assert after.pinned[0].principle == hegemony and not after.pinned[0].automatic
    assert hegemony not in after.missing
    heatmap = client.get(reverse("sources:charter_alignment", args=[workshop.code])).content
    assert 'pin<span class="visually-hidden"> opposes</span>' in heatmap.decode()


def test_participants_do_not_get_the_pin_form(client, workshop, actor, adopt, indivisible):
    clause = adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    page = _judge(client, workshop, "confirm", clause, indivisible).content.decode()
    assert "Pin a principle the engine missed" not in page
