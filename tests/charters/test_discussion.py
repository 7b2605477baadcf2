"""Objections under consensus, comments with a stance, moderation, caucus and heads."""

import pytest

from deliberation.charters.amendments import amendment_accept_friendly, amendment_create
from deliberation.charters.caucus import caucus_post, delegation_set_head
from deliberation.charters.discussion import (
    comment_hide,
    comment_post,
    objection_answer,
    objection_raise,
    objection_rule,
    objection_withdraw,
)
from deliberation.charters.models import Clause, Proposal
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db

TEXT = "Every state of the region may take its seat."


@pytest.fixture
def room(workshop, seat):
    workshop.rule_kind = "consensus"
    workshop.save()
    people = {
        "Ana": seat("Ana", "NATO"),
        "Boris": seat("Boris", "Russia"),
        "Chen": seat("Chen", "China"),
    }
    proposal = proposal_create(participant=people["Ana"], title="Seats", text=TEXT)
    return workshop, people, proposal


def _all_vote_yes(workshop, proposal, people):
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for person in people.values():
        vote_cast(proposal=proposal, participant=person, choice="yes")


def test_an_open_objection_blocks_adoption_under_consensus(room):
    workshop, people, proposal = room
    objection_raise(proposal=proposal, participant=people["Boris"], reason="Seats need consent.")
    _all_vote_yes(workshop, proposal, people)
    with pytest.raises(ActionRefused, match="Blocked: 1 objection still open") as refused:
        proposal_close_vote(proposal=proposal)
    assert refused.value.status_code == 409
    proposal.refresh_from_db()
    assert proposal.is_open


def test_blocked_then_amended_then_adopted(room):
    """The role-play's second clause: blocked by an objection, adopted after an amendment."""
    workshop, people, proposal = room
    objection = objection_raise(
        proposal=proposal, participant=people["Boris"], reason="Seats need consent."
    )
    objection_answer(objection=objection, participant=people["Ana"], answer="We will amend.")
    amendment = amendment_create(
        participant=people["Boris"],
        clause=proposal.clause,
        text=TEXT.replace("may take", "may, with the consent of all, take"),
        base_version=1,
    )
    amendment_accept_friendly(proposal=amendment, participant=people["Ana"])
    objection_withdraw(objection=objection, participant=people["Boris"])
    _all_vote_yes(workshop, proposal, people)
    proposal_close_vote(proposal=proposal)
    clause = Clause.objects.get(pk=proposal.clause_id)
    assert clause.status == "adopted" and "with the consent of all" in clause.text


def test_amending_a_draft_clears_votes_cast_on_the_old_wording(room):
    workshop, people, proposal = room
    _all_vote_yes(workshop, proposal, people)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    amendment = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    amendment_accept_friendly(proposal=amendment, participant=people["Ana"])
    assert proposal.votes.count() == 0
    assert "3 votes cast on the earlier wording cleared" in (
        proposal.clause.revisions.last().outcome
    )


def test_a_veto_rejects_the_clause(room):
    workshop, people, proposal = room
    workshop.delegations.filter(name="Russia").update(has_veto=True)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for name, choice in (("Ana", "yes"), ("Chen", "yes"), ("Boris", "no")):
        vote_cast(proposal=proposal, participant=people[name], choice=choice)
    proposal_close_vote(proposal=proposal)
    clause = Clause.objects.get(pk=proposal.clause_id)
    assert clause.status == "rejected"
    assert "vetoed by Russia" in clause.revisions.last().outcome


def test_upholding_an_objection_rejects_the_proposal(room):
    _, people, proposal = room
    objection = objection_raise(proposal=proposal, participant=people["Boris"], reason="No.")
    objection_rule(objection=objection, status="upheld")
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and "was upheld" in proposal.outcome
    assert Clause.objects.get(pk=proposal.clause_id).status == "rejected"


def test_answered_objections_no_longer_block(room):
    workshop, people, proposal = room
    objection = objection_raise(proposal=proposal, participant=people["Boris"], reason="No.")
    objection_rule(objection=objection, status="answered")
    _all_vote_yes(workshop, proposal, people)
    assert proposal_close_vote(proposal=proposal).status == "adopted"


@pytest.mark.parametrize(
    ("who", "reason", "error"),
    [
        ("Ana", "Mine.", ActionRefused),  # the author withdraws or amends instead
        ("Boris", "", ActionRefused),
        ("Boris", "x" * 4001, ActionRefused),
    ],
)
def test_objection_raise_rejects_bad_input(room, who, reason, error):
    _, people, proposal = room
    with pytest.raises(error):
        objection_raise(proposal=proposal, participant=people[who], reason=reason)


def test_only_the_objector_withdraws_and_only_the_sponsor_answers(room):
    _, people, proposal = room
    objection = objection_raise(proposal=proposal, participant=people["Boris"], reason="No.")
    with pytest.raises(NotPermitted):
        objection_withdraw(objection=objection, participant=people["Chen"])
    with pytest.raises(NotPermitted):
        objection_answer(objection=objection, participant=people["Chen"], answer="Hm.")


def test_a_delegations_head_withdraws_a_members_objection(room, seat, client, as_participant):
    workshop, people, proposal = room
    bella = seat("Bella", "Russia")
    objection = objection_raise(proposal=proposal, participant=bella, reason="Not yet.")
    with pytest.raises(NotPermitted, match="their delegation's head"):
        objection_withdraw(objection=objection, participant=people["Boris"])
    delegation_set_head(delegation=bella.delegation, head=people["Boris"], by=people["Boris"])
    people["Boris"].refresh_from_db()
    chen = people["Chen"]
    delegation_set_head(delegation=chen.delegation, head=chen, by=chen)
    chen.refresh_from_db()
    with pytest.raises(NotPermitted):  # the head of another delegation
        objection_withdraw(objection=objection, participant=chen)

    as_participant(people["Boris"])
    page = client.get(f"/w/{workshop.code}/")
    assert "Withdraw it for Russia (head)" in page.content.decode()
    objection_withdraw(objection=objection, participant=people["Boris"])
    objection.refresh_from_db()
    assert objection.status == "withdrawn"


def test_a_comment_needs_a_stance_chosen_by_its_author(room):
    _, people, proposal = room
    with pytest.raises(ActionRefused, match="Choose your stance"):
        comment_post(participant=people["Boris"], clause=proposal.clause, text="Hm.", stance="")
    comment = comment_post(
        participant=people["Boris"], clause=proposal.clause, text="Hm.", stance="against"
    )
    reply = comment_post(participant=people["Ana"], parent=comment, text="Why?", stance="neutral")
    assert reply.clause == proposal.clause and reply.parent == comment


def test_hiding_a_comment_keeps_it_and_the_reason(room):
    _, people, proposal = room
    comment = comment_post(
        participant=people["Boris"], proposal=proposal, text="Rude words.", stance="against"
    )
    comment_hide(comment=comment, reason="Personal attack")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Personal attack"
    assert comment.text == "Rude words."


def test_the_caucus_is_private_to_its_delegation(room, workshop):
    _, people, _ = room
    nato = workshop.delegations.get(name="NATO")
    caucus_post(delegation=nato, participant=people["Ana"], text="Hold firm.")
    with pytest.raises(NotPermitted):
        caucus_post(delegation=nato, participant=people["Boris"], text="Spy.")
    facilitator_seat = workshop.participants.get(role="facilitator")
    caucus_post(delegation=nato, participant=facilitator_seat, text="Five minutes left.")
    assert nato.caucus_messages.count() == 2


def test_the_head_is_chosen_among_the_delegations_delegates(room, workshop, seat):
    _, people, _ = room
    nato = workshop.delegations.get(name="NATO")
    nia = seat("Nia", "NATO")
    delegation_set_head(delegation=nato, head=nia, by=people["Ana"])
    assert workshop.delegations.get(name="NATO").head == nia
    with pytest.raises(ActionRefused):
        delegation_set_head(delegation=nato, head=people["Boris"], by=people["Ana"])
    with pytest.raises(NotPermitted):
        delegation_set_head(delegation=nato, head=people["Ana"], by=people["Boris"])


def test_withdrawing_a_tabled_clause_withdraws_the_clause_and_lapses_its_amendments(room):
    from deliberation.charters.services import proposal_withdraw

    _, people, proposal = room
    amendment = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    proposal_withdraw(proposal=proposal, participant=people["Ana"])
    assert Clause.objects.get(pk=proposal.clause_id).status == "withdrawn"
    assert Proposal.objects.get(pk=amendment.pk).status == "withdrawn"
