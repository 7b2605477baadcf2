"""Amendments: base versions, friendly acceptance, votes, stale bases, revisions as a story."""

import pytest

from deliberation.charters.amendments import (
    amendment_accept_friendly,
    amendment_create,
    amendment_rebase,
    amendment_refuse,
)
from deliberation.charters.editing import clause_move, clause_retitle
from deliberation.charters.models import Clause, Proposal, Revision
from deliberation.charters.selectors import charter_clauses, status_board
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db

TEXT = "Every state of the region may take its seat."


@pytest.fixture
def room(workshop, seat):
    people = {
        "Ana": seat("Ana", "NATO"),
        "Boris": seat("Boris", "Russia"),
        "Chen": seat("Chen", "China"),
    }
    proposal = proposal_create(participant=people["Ana"], title="Seats", text=TEXT)
    return workshop, people, proposal


def _adopt(workshop, proposal, people):
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for person in people.values():
        vote_cast(proposal=proposal, participant=person, choice="yes")
    proposal_close_vote(proposal=proposal)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    proposal.clause.refresh_from_db()
    return proposal.clause


def test_tabling_a_clause_makes_a_draft_without_a_number(room):
    _, people, proposal = room
    clause = proposal.clause
    assert (clause.status, clause.number, clause.version) == ("draft", None, 1)
    assert clause.revisions.get().outcome == "Tabled by Ana (NATO)."


def test_an_amendment_records_its_base_and_shows_what_it_does(room):
    _, people, proposal = room
    amendment = amendment_create(
        participant=people["Boris"],
        clause=proposal.clause,
        text=TEXT.replace("may", "shall"),
        base_version=1,
    )
    assert (amendment.base_version, amendment.base_text) == (1, TEXT)
    # Named by the clause's title, which stays right when the draft becomes an article.
    assert amendment.title == "Amendment to “Seats”: replaces words"


def test_several_amendments_to_one_clause_may_be_open(room):
    _, people, proposal = room
    for person, text in ((people["Boris"], TEXT + " Now."), (people["Chen"], "Seats for all.")):
        amendment_create(participant=person, clause=proposal.clause, text=text, base_version=1)
    assert proposal.clause.proposals.filter(kind="amendment", status="open").count() == 2


@pytest.mark.parametrize(
    ("text", "message", "status"),
    [
        ("", "amended text is empty", 400),
        ("x" * 4001, "limit is 4000", 400),
        (TEXT, "same as the current wording", 400),
    ],
)
def test_amendment_create_rejects_bad_text(room, text, message, status):
    _, people, proposal = room
    with pytest.raises(ActionRefused, match=message) as refused:
        amendment_create(
            participant=people["Boris"], clause=proposal.clause, text=text, base_version=1
        )
    assert refused.value.status_code == status


def test_amendment_create_refuses_a_stale_base(room):
    _, people, proposal = room
    first = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    amendment_accept_friendly(proposal=first, participant=people["Ana"])
    with pytest.raises(ActionRefused, match="changed while you were writing") as refused:
        amendment_create(
            participant=people["Chen"], clause=proposal.clause, text="Other.", base_version=1
        )
    assert refused.value.status_code == 409


def test_amendment_create_is_refused_to_observers_and_strangers(room, seat, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    _, _, proposal = room
    with pytest.raises(NotPermitted):
        amendment_create(participant=seat("Obi"), clause=proposal.clause, text="X", base_version=1)
    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    with pytest.raises(NotPermitted):
        amendment_create(
            participant=seat("Eve", "NATO", into=other),
            clause=proposal.clause,
            text="X",
            base_version=1,
        )


def test_friendly_amendment_updates_the_draft_and_flags_the_others(room):
    _, people, proposal = room
    friendly = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    other = amendment_create(
        participant=people["Chen"], clause=proposal.clause, text="Seats for all.", base_version=1
    )
    amendment_accept_friendly(proposal=friendly, participant=people["Ana"])
    clause = Clause.objects.get(pk=proposal.clause_id)
    assert (clause.text, clause.version) == (TEXT + " Now.", 2)
    assert Proposal.objects.get(pk=friendly.pk).status == "friendly"
    assert Proposal.objects.select_related("clause").get(pk=other.pk).is_stale
    assert clause.revisions.last().outcome == (
        "Friendly amendment by Boris (Russia), accepted by Ana (NATO)."
    )


def test_only_the_clauses_delegation_accepts_a_friendly_amendment(room):
    _, people, proposal = room
    amendment = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    with pytest.raises(NotPermitted):
        amendment_accept_friendly(proposal=amendment, participant=people["Chen"])


def test_adopted_articles_need_a_vote_not_a_friendly_acceptance(room):
    workshop, people, proposal = room
    clause = _adopt(workshop, proposal, people)
    amendment = amendment_create(
        participant=people["Boris"], clause=clause, text=TEXT + " Now.", base_version=clause.version
    )
    with pytest.raises(ActionRefused, match="need a vote"):
        amendment_accept_friendly(proposal=amendment, participant=people["Ana"])


def test_an_amendment_adopted_by_vote_changes_the_article(room):
    workshop, people, proposal = room
    clause = _adopt(workshop, proposal, people)
    amendment = amendment_create(
        participant=people["Boris"], clause=clause, text=TEXT + " Now.", base_version=clause.version
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for person in people.values():
        vote_cast(proposal=amendment, participant=person, choice="yes")
    proposal_close_vote(proposal=amendment)
    clause.refresh_from_db()
    assert clause.text == TEXT + " Now." and clause.number == 1
    assert clause.revisions.last().outcome.startswith("Amended by vote on")


def test_closing_a_stale_amendment_is_refused_and_it_stays_open(room):
    workshop, people, proposal = room
    clause = _adopt(workshop, proposal, people)
    first = amendment_create(
        participant=people["Boris"], clause=clause, text=TEXT + " One.", base_version=clause.version
    )
    second = amendment_create(
        participant=people["Chen"], clause=clause, text=TEXT + " Two.", base_version=clause.version
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for amendment in (first, second):
        for person in people.values():
            vote_cast(proposal=amendment, participant=person, choice="yes")
    proposal_close_vote(proposal=first)
    with pytest.raises(ActionRefused, match="now at version") as refused:
        proposal_close_vote(proposal=second)
    assert refused.value.status_code == 409
    second.refresh_from_db()
    assert second.is_open and second.is_stale
    assert Clause.objects.get(pk=clause.pk).text == TEXT + " One."


def test_rebase_puts_a_stale_amendment_on_the_new_wording_and_clears_its_votes(room):
    _, people, proposal = room
    first = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " One.", base_version=1
    )
    second = amendment_create(
        participant=people["Chen"], clause=proposal.clause, text=TEXT + " Two.", base_version=1
    )
    amendment_accept_friendly(proposal=first, participant=people["Ana"])
    rebased = amendment_rebase(
        proposal=second, participant=people["Chen"], text=TEXT + " One. Two."
    )
    assert (rebased.base_version, rebased.base_text) == (2, TEXT + " One.")
    assert not Proposal.objects.select_related("clause").get(pk=second.pk).is_stale


def test_refuse_sets_an_amendment_aside_with_a_reason(room):
    _, people, proposal = room
    amendment = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " One.", base_version=1
    )
    amendment_refuse(proposal=amendment, reason="Overtaken by events")
    amendment.refresh_from_db()
    assert amendment.status == "rejected"
    assert amendment.outcome == "Refused by the facilitator: Overtaken by events"


def test_a_change_of_title_does_not_make_amendments_stale(room):
    _, people, proposal = room
    amendment = amendment_create(
        participant=people["Boris"], clause=proposal.clause, text=TEXT + " One.", base_version=1
    )
    clause_retitle(clause=proposal.clause, title="Seats for all")
    assert not Proposal.objects.select_related("clause").get(pk=amendment.pk).is_stale


def test_revisions_are_immutable(room):
    revision = Revision.objects.get(clause=room[2].clause)
    revision.text = "rewritten"
    with pytest.raises(ValueError, match="never changed"):
        revision.save()


def test_history_reads_as_a_story(room):
    workshop, people, proposal = room
    amendment = amendment_create(
        participant=people["Chen"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    amendment_accept_friendly(proposal=amendment, participant=people["Ana"])
    clause = _adopt(workshop, proposal, people)
    story = [r.outcome for r in clause.revisions.all()]
    assert story[0] == "Tabled by Ana (NATO)."
    assert story[1] == "Friendly amendment by Chen (China), accepted by Ana (NATO)."
    assert story[2].startswith("Adopted as Article 1. Adopted: 3 of 3 ballots in favour")


def test_move_amendment_and_facilitator_move_renumber_the_articles(workshop, seat):
    ana = seat("Ana", "NATO")
    proposals = [proposal_create(participant=ana, title=t, text=TEXT) for t in "ABC"]
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for proposal in proposals:
        vote_cast(proposal=proposal, participant=ana, choice="yes")
        proposal_close_vote(proposal=proposal)
    c = Clause.objects.get(title="C")
    clause_move(clause=c, to=1)
    assert [x.title for x in charter_clauses(workshop)] == ["C", "A", "B"]
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    c.refresh_from_db()
    move = amendment_create(
        participant=ana, clause=c, operation="move", move_to=3, base_version=c.version
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=move, participant=ana, choice="yes")
    proposal_close_vote(proposal=move)
    assert [x.title for x in charter_clauses(workshop)] == ["A", "B", "C"]
    assert [x.number for x in charter_clauses(workshop)] == [1, 2, 3]


def test_status_board_shows_every_status_and_who_contests(room, django_assert_max_num_queries):
    from deliberation.charters.discussion import objection_raise

    workshop, people, proposal = room
    bracketed = proposal_create(
        participant=people["Chen"], title="Bloc", text="No [bloc] shall rule."
    )
    objection_raise(proposal=proposal, participant=people["Boris"], reason="Too open.")
    amendment_create(
        participant=people["Chen"], clause=proposal.clause, text=TEXT + " Now.", base_version=1
    )
    with django_assert_max_num_queries(4):
        rows = {row.clause.title: row for row in status_board(workshop)}
    assert rows["Seats"].status == "under_amendment"
    assert rows["Seats"].contested_by == ["China", "Russia"]
    assert rows["Bloc"].status == "bracketed" and bracketed.clause.is_bracketed


def test_an_amendment_to_a_long_titled_clause_keeps_a_title_that_fits(workshop, seat):
    from deliberation.charters.amendments import amendment_title
    from deliberation.charters.models import Clause, Proposal

    clause = Clause(title="T" * 200, text="Old words here.")
    title = amendment_title(clause, "New words here.")
    assert len(title) <= Proposal._meta.get_field("title").max_length
    assert title.startswith("Amendment to “TTT") and title.endswith("”: replaces words")
