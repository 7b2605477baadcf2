import pytest

from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_create_from_template, workshop_set_phase

ROLES = ["anonymous", "stranger", "participant", "head", "facilitator"]


@pytest.fixture
def actor(client, workshop, seat, as_participant, demo, facilitator):
    """Make the test client act as one role of the permission matrix; returns its participant."""

    def act_as(who: str):
        if who == "anonymous":
            return None
        if who == "facilitator":
            client.force_login(facilitator)
            return workshop.participants.get(user=facilitator)
        if who == "stranger":
            other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
            participant = seat("Eve", "NATO", into=other)
        else:
            participant = seat("Ana", "NATO")
            if who == "head":
                participant.delegation.head = participant
                participant.delegation.save(update_fields=["head"])
        as_participant(participant)
        return participant

    return act_as


@pytest.fixture
def adopt(workshop, seat):
    """adopt(title, text) passes a clause through the room's services into the charter."""
    voters = []

    def pass_clause(title: str, text: str):
        if not voters:
            voters.extend([seat("Vera", "Russia"), seat("Noor", "NATO")])
        workshop_set_phase(workshop=workshop, phase=Phase.DRAFTING)
        proposal = proposal_create(participant=voters[0], title=title, text=text)
        workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
        for voter in voters:
            vote_cast(proposal=proposal, participant=voter, choice="yes")
        proposal = proposal_close_vote(proposal=proposal)
        assert proposal.status == "adopted", proposal.outcome
        return workshop.charter.clauses.get(title=title)

    return pass_clause
