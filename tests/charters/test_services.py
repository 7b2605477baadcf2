import pytest

from deliberation.charters.models import Clause, Proposal, Vote
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db

TEXT = "Every state of the region may take its seat without entry conditions."


@pytest.fixture
def room(workshop, seat):
    """A workshop with one delegate per delegation and a proposal from NATO's."""
    people = {name: seat(name, name) for name in ("NATO", "Russia", "China")}
    proposal = proposal_create(participant=people["NATO"], title="Open door", text=TEXT)
    return workshop, people, proposal


def _open_voting(workshop):
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)


def test_proposal_create_records_author_and_delegation(room):
    workshop, people, proposal = room
    assert proposal.author == people["NATO"] and proposal.delegation.name == "NATO"
    assert proposal.status == Proposal.Status.OPEN and proposal.kind == "new_clause"


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        ("", TEXT, "title is empty"),
        ("T", "  ", "clause text is empty"),
        ("T", "x" * 4001, "limit is 4000"),
    ],
)
def test_proposal_create_rejects_empty_or_huge_text(seat, title, text, message):
    with pytest.raises(ActionRefused, match=message) as refused:
        proposal_create(participant=seat("Ana", "NATO"), title=title, text=text)
    assert refused.value.status_code == 400


def test_proposal_create_is_refused_to_observers(seat):
    with pytest.raises(NotPermitted):
        proposal_create(participant=seat("Obi"), title="T", text=TEXT)


def test_proposal_create_is_refused_outside_drafting(workshop, seat):
    ana = seat("Ana", "NATO")
    _open_voting(workshop)
    with pytest.raises(ActionRefused, match="voting phase"):
        proposal_create(participant=ana, title="T", text=TEXT)


def test_vote_cast_records_one_vote(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    vote = vote_cast(proposal=proposal, participant=people["Russia"], choice="no")
    assert vote.choice == Vote.Choice.NO


def test_vote_cast_rejects_a_second_vote(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    vote_cast(proposal=proposal, participant=people["Russia"], choice="no")
    with pytest.raises(ActionRefused, match="already voted"):
        vote_cast(proposal=proposal, participant=people["Russia"], choice="yes")
    assert proposal.votes.get().choice == "no"


def test_vote_cast_is_refused_outside_the_voting_phase(room):
    _, people, proposal = room
    with pytest.raises(ActionRefused, match="drafting phase"):
        vote_cast(proposal=proposal, participant=people["Russia"], choice="yes")


def test_vote_cast_rejects_an_unknown_choice(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    with pytest.raises(ActionRefused) as refused:
        vote_cast(proposal=proposal, participant=people["Russia"], choice="maybe")
    assert refused.value.status_code == 400


def test_vote_cast_is_refused_after_close(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    proposal_close_vote(proposal=proposal)
    with pytest.raises(ActionRefused, match="closed"):
        vote_cast(proposal=proposal, participant=people["China"], choice="yes")


def test_vote_cast_is_refused_to_another_workshops_participant(room, demo, facilitator, seat):
    from deliberation.workshops.services import workshop_create_from_template

    workshop, _, proposal = room
    _open_voting(workshop)
    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    stranger = seat("Eve", "NATO", into=other)
    with pytest.raises(NotPermitted):
        vote_cast(proposal=proposal, participant=stranger, choice="yes")


def test_vote_cast_is_refused_to_observers(room, seat):
    workshop, _, proposal = room
    _open_voting(workshop)
    with pytest.raises(NotPermitted):
        vote_cast(proposal=proposal, participant=seat("Obi"), choice="yes")


def test_close_vote_adopts_by_simple_majority_and_numbers_the_article(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    vote_cast(proposal=proposal, participant=people["NATO"], choice="yes")
    vote_cast(proposal=proposal, participant=people["China"], choice="yes")
    vote_cast(proposal=proposal, participant=people["Russia"], choice="no")
    proposal = proposal_close_vote(proposal=proposal)
    assert proposal.status == Proposal.Status.ADOPTED
    assert proposal.outcome.startswith("Adopted")
    clause = Clause.objects.get(charter__workshop=workshop)
    assert (clause.number, clause.title, clause.text) == (1, "Open door", TEXT)
    assert clause.status == Clause.Status.ADOPTED
    assert [(r.kind, r.proposal) for r in clause.revisions.all()] == [
        ("tabled", proposal),
        ("adopted", proposal),
    ]


def test_close_vote_rejects_without_a_majority(room):
    workshop, people, proposal = room
    _open_voting(workshop)
    vote_cast(proposal=proposal, participant=people["NATO"], choice="yes")
    vote_cast(proposal=proposal, participant=people["Russia"], choice="no")
    proposal = proposal_close_vote(proposal=proposal)
    assert proposal.status == Proposal.Status.REJECTED
    clause = Clause.objects.get(charter__workshop=workshop)
    assert (clause.number, clause.status) == (None, Clause.Status.REJECTED)
    assert "Not adopted. Rejected:" in clause.revisions.last().outcome


def test_adopted_articles_are_numbered_in_order(workshop, seat):
    ana = seat("Ana", "NATO")
    first = proposal_create(participant=ana, title="One", text=TEXT)
    second = proposal_create(participant=ana, title="Two", text=TEXT)
    _open_voting(workshop)
    for proposal in (second, first):
        vote_cast(proposal=proposal, participant=ana, choice="yes")
        proposal_close_vote(proposal=proposal)
    assert list(
        Clause.objects.filter(charter__workshop=workshop)
        .order_by("number")
        .values_list("number", "title")
    ) == [(1, "Two"), (2, "One")]


def test_close_vote_twice_is_refused(room):
    workshop, _, proposal = room
    _open_voting(workshop)
    proposal_close_vote(proposal=proposal)
    with pytest.raises(ActionRefused, match="already closed"):
        proposal_close_vote(proposal=proposal)
