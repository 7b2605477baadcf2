import pytest
from django.utils import timezone

from deliberation.charters.models import Clause, Proposal
from deliberation.charters.services import proposal_create, vote_cast
from deliberation.feedback.services import reaction_set
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_create_from_template, workshop_set_phase

TEXT = "No member may seek an advantage that leaves its neighbours less safe."

# Who may read a workshop's charter and its exports (Markdown, PDF, printable page).
READ_CHARTER = [
    ("anonymous", 403),
    ("stranger", 403),
    ("participant", 200),
    ("facilitator", 200),
    ("other_facilitator", 403),
    ("researcher", 200),
]

ROLES = ["anonymous", "stranger", "participant", "facilitator", "other_facilitator", "researcher"]


@pytest.fixture
def adopt(workshop):
    """adopt("Title", text) adds an article to the charter.

    Built directly: how a clause gets adopted is the drafting app's business, not ours.
    """

    def make(title: str = "Neighbours' security", text: str = TEXT):
        charter = workshop.charter
        number = charter.clauses.count() + 1
        return Clause.objects.create(charter=charter, number=number, title=title, text=text)

    return make


@pytest.fixture
def voted_article(workshop, seat, adopt):
    """voted_article(outcome) adds an article adopted by a vote of three delegations (NATO and
    China for, Russia against) that Russia's delegate then reacts to: the people and the clause.
    """

    def make(outcome: str = "Adopted: 2 of 3 for") -> dict:
        ana = seat("Anastasia Quill", "NATO")
        boris = seat("Boris Zed", "Russia")
        chen = seat("Chen Wobble", "China")
        clause = adopt("Neighbours' security", "No member may leave its neighbours less safe.")
        proposal = proposal_create(participant=ana, title="Drills", text="Notify drills.")
        workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
        vote_cast(proposal=proposal, participant=ana, choice="yes")
        vote_cast(proposal=proposal, participant=boris, choice="no")
        vote_cast(proposal=proposal, participant=chen, choice="yes")
        Proposal.objects.filter(pk=proposal.pk).update(
            clause=clause, status="adopted", outcome=outcome, decided_at=timezone.now()
        )
        reaction_set(clause=clause, participant=boris, choice="disagree")
        return {"ana": ana, "boris": boris, "chen": chen, "clause": clause}

    return make


@pytest.fixture
def actor(client, workshop, seat, as_participant, demo, facilitator, django_user_model):
    """Make the test client act as one role of the permission matrix; returns the participant."""

    def act_as(who: str):
        if who == "anonymous":
            return None
        if who == "facilitator":
            client.force_login(facilitator)
            return workshop.participants.get(user=facilitator)
        if who == "other_facilitator":
            other = django_user_model.objects.create_user("other", password="x-long-password")
            workshop_create_from_template(template=demo, title="Theirs", user=other)
            client.force_login(other)
            return None
        if who == "researcher":
            client.force_login(
                django_user_model.objects.create_user(
                    "researcher", password="x-long-password", is_staff=True
                )
            )
            return None
        if who == "stranger":
            other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
            participant = seat("Eve", "NATO", into=other)
        else:
            participant = seat("Ana", "NATO")
        as_participant(participant)
        return participant

    return act_as
