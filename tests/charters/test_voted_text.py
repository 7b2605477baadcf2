"""A decided proposal keeps the words the room voted on, even after its article is amended."""

import pytest
from django.urls import reverse

from deliberation.charters.amendments import amendment_create
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.sources.selectors import debrief
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

OPEN_DOOR = "Any state of the region may join the arrangement without entry conditions."
CLOSED_DOOR = "A state of the region may join only on a unanimous invitation by the members."


@pytest.fixture
def amended(workshop, seat):
    """Article 1 adopted in open-door words, then amended by vote into closed-door words."""
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    tabled = proposal_create(participant=ana, title="Open door", text=OPEN_DOOR)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=tabled, participant=ana, choice="yes")
    vote_cast(proposal=tabled, participant=boris, choice="yes")
    proposal_close_vote(proposal=tabled)
    clause = workshop.charter.clauses.get(number=1)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    change = amendment_create(
        participant=boris, clause=clause, text=CLOSED_DOOR, base_version=clause.version
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=change, participant=boris, choice="yes")
    vote_cast(proposal=change, participant=ana, choice="abstain")
    proposal_close_vote(proposal=change)
    tabled.refresh_from_db()
    clause.refresh_from_db()
    return {"tabled": tabled, "change": change, "clause": clause, "ana": ana}


def test_the_words_voted_on_are_kept(amended):
    tabled, clause = amended["tabled"], amended["clause"]
    assert clause.text == CLOSED_DOOR
    assert tabled.voted_text == OPEN_DOOR
    assert tabled.shown_text == OPEN_DOOR and tabled.amended_since
    amended["change"].refresh_from_db()
    assert amended["change"].voted_text == CLOSED_DOOR


def test_the_card_shows_the_words_voted_on_and_says_the_article_changed(
    amended, workshop, client, as_participant
):
    as_participant(amended["ana"])
    page = client.get(reverse("workshops:room", args=[workshop.code])).content.decode()
    card = page[page.index(f'id="proposal-{amended["tabled"].pk}"') :]
    card = card[: card.index("</article>")]
    assert OPEN_DOOR in card and CLOSED_DOOR not in card
    assert "has been amended since" in card


def test_the_debrief_reads_the_words_voted_on(amended, workshop):
    nato = next(d for d in debrief(workshop)["delegations"] if d.coverage.delegation.name == "NATO")
    line = next(v for v in nato.votes if v.proposal.pk == amended["tabled"].pk)
    assert line.yes == 1
    assert any("inclusive" in p.title.lower() for p in line.supports)
    assert not any("inclusive" in p.title.lower() for p in line.opposes)


def test_an_open_draft_shows_its_words_as_they_stand(workshop, seat):
    tabled = proposal_create(participant=seat("Ana", "NATO"), title="Door", text=OPEN_DOOR)
    assert tabled.voted_text == "" and tabled.shown_text == OPEN_DOOR
    assert not tabled.amended_since
