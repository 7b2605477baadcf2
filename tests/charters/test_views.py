import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from deliberation.charters.models import Clause, Proposal
from deliberation.charters.selectors import room_fingerprint
from deliberation.charters.services import proposal_create, vote_cast
from deliberation.workshops.models import Phase
from deliberation.workshops.services import (
    workshop_create_from_template,
    workshop_set_lock,
    workshop_set_phase,
)

pytestmark = pytest.mark.django_db

TEXT = "No member may seek an advantage that leaves its neighbours less safe."


@pytest.fixture
def actor(client, workshop, seat, as_participant, demo, facilitator):
    """Make the test client act as one of the roles of the permission matrix."""

    def act_as(who: str):
        if who == "anonymous":
            return None
        if who == "facilitator":
            client.force_login(facilitator)
            return workshop.participants.get(user=facilitator)
        if who == "stranger":
            other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
            participant = seat("Eve", "NATO", into=other)
        elif who == "observer":
            participant = seat("Obi")
        else:
            participant = seat("Ana", "NATO")
        as_participant(participant)
        return participant

    return act_as


def _proposal(workshop, seat):
    return proposal_create(participant=seat("Bob", "Russia"), title="Neighbours", text=TEXT)


PROPOSE = [
    ("anonymous", 403),
    ("stranger", 403),
    ("observer", 403),
    ("delegate", 302),
    ("facilitator", 302),
]


@pytest.mark.parametrize(("who", "status"), PROPOSE)
def test_propose_permissions(client, workshop, actor, who, status):
    actor(who)
    response = client.post(
        reverse("charters:propose", args=[workshop.code]), {"title": "T", "text": TEXT}
    )
    assert response.status_code == status
    assert Proposal.objects.filter(workshop=workshop).exists() == (status == 302)


@pytest.mark.parametrize(
    ("phase", "enabled"), [(Phase.DRAFTING, True), (Phase.AMENDING, False), (Phase.VOTING, False)]
)
def test_the_propose_button_comes_with_the_list_and_follows_the_phase(
    client, workshop, actor, phase, enabled
):
    actor("delegate")
    workshop_set_phase(workshop=workshop, phase=phase)
    response = client.get(
        reverse("charters:proposal_list", args=[workshop.code]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    slot = response.content.split(b'id="propose-actions-slot"')[1]
    assert (b"disabled" not in slot) == enabled
    assert (b"your draft stays here" in slot) != enabled


def test_locking_changes_the_list_and_closes_proposing(client, workshop, actor):
    actor("delegate")
    url = reverse("charters:proposal_list", args=[workshop.code])
    workshop.refresh_from_db()
    version = room_fingerprint(workshop)
    assert client.get(url, {"v": version}, headers={"HX-Request": "true"}).status_code == 204
    workshop_set_lock(workshop=workshop, locked=True)
    response = client.get(url, {"v": version}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"The facilitator has locked editing for now." in response.content


def test_propose_with_htmx_returns_a_fresh_form_and_an_event(client, workshop, actor):
    actor("delegate")
    response = client.post(
        reverse("charters:propose", args=[workshop.code]),
        {"title": "T", "text": TEXT},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "proposals-changed" in response["HX-Trigger"]
    assert b'id="propose-form"' in response.content and TEXT.encode() not in response.content
    proposal = Proposal.objects.get(workshop=workshop)
    assert "Your clause “T” is tabled" in response.content.decode()
    assert f'href="#proposal-{proposal.pk}"'.encode() in response.content


def test_a_closed_session_points_to_the_charter_and_the_feedback(client, workshop, actor):
    actor("delegate")
    workshop_set_phase(workshop=workshop, phase=Phase.CLOSED)
    response = client.get(
        reverse("charters:proposal_list", args=[workshop.code]), headers={"HX-Request": "true"}
    )
    slot = response.content.decode().split('id="propose-actions-slot"')[1]
    assert "The session is closed" in slot and "your draft stays here" not in slot
    assert reverse("feedback:form", args=[workshop.code]) in slot
    assert reverse("charters:charter", args=[workshop.code]) in slot


def test_propose_empty_text_keeps_what_was_typed(client, workshop, actor):
    actor("delegate")
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(
            reverse("charters:propose", args=[workshop.code]),
            {"title": "My careful title", "text": ""},
            headers=headers,
        )
        assert response.status_code == 400
        assert b"My careful title" in response.content
        assert b"This field is required" in response.content


def test_propose_huge_text_is_refused_and_kept(client, workshop, actor):
    actor("delegate")
    huge = "word " * 1000
    response = client.post(
        reverse("charters:propose", args=[workshop.code]), {"title": "T", "text": huge}
    )
    assert response.status_code == 400
    assert b"at most 4000 characters" in response.content
    assert huge.strip().encode() in response.content


def test_propose_in_the_voting_phase_is_refused_with_the_reason(client, workshop, actor):
    actor("delegate")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    response = client.post(
        reverse("charters:propose", args=[workshop.code]), {"title": "T", "text": TEXT}
    )
    assert response.status_code == 400
    assert b"in the voting phase" in response.content


VOTE = [
    ("anonymous", 403),
    ("stranger", 404),
    ("observer", 403),
    ("delegate", 302),
    ("facilitator", 403),
]


@pytest.mark.parametrize(("who", "status"), VOTE)
def test_vote_permissions(client, workshop, seat, actor, who, status):
    proposal = _proposal(workshop, seat)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    actor(who)
    response = client.post(
        reverse(
            "charters:vote",
            args=[
                workshop.code if who != "stranger" else _stranger_code(who, workshop),
                proposal.pk,
            ],
        ),
        {"choice": "yes"},
    )
    assert response.status_code == status
    assert proposal.votes.count() == (1 if status == 302 else 0)


def _stranger_code(who, workshop):
    # The stranger posts to their own workshop's URL with this workshop's proposal id.
    from deliberation.workshops.models import Workshop

    return Workshop.objects.exclude(pk=workshop.pk).filter(is_template=False).get().code


def test_vote_with_htmx_returns_the_card_with_my_vote(client, workshop, seat, actor):
    proposal = _proposal(workshop, seat)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    actor("delegate")
    response = client.post(
        reverse("charters:vote", args=[workshop.code, proposal.pk]),
        {"choice": "no"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert b"You voted <strong>against</strong>" in response.content
    assert b"Against 1" in response.content
    assert "tally-changed" in response["HX-Trigger"]


def test_a_second_vote_gets_a_clear_409(client, workshop, seat, actor):
    proposal = _proposal(workshop, seat)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    actor("delegate")
    url = reverse("charters:vote", args=[workshop.code, proposal.pk])
    client.post(url, {"choice": "yes"})
    response = client.post(url, {"choice": "no"}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert b"already voted" in response.content
    assert response["HX-Retarget"] == "#alerts"
    assert proposal.votes.get().choice == "yes"


def test_a_vote_in_the_drafting_phase_is_refused(client, workshop, seat, actor):
    proposal = _proposal(workshop, seat)
    actor("delegate")
    response = client.post(
        reverse("charters:vote", args=[workshop.code, proposal.pk]), {"choice": "yes"}
    )
    assert response.status_code == 409
    assert b"drafting phase" in response.content


CLOSE = [("anonymous", 302), ("delegate", 302), ("other_facilitator", 403), ("facilitator", 302)]


@pytest.mark.parametrize(("who", "status"), CLOSE)
def test_close_vote_permissions(client, workshop, seat, actor, who, status):
    proposal = _proposal(workshop, seat)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=seat("Cy", "China"), choice="yes")
    if who == "other_facilitator":
        client.force_login(get_user_model().objects.create_user("other", password="x-12345678"))
    else:
        actor(who)
    response = client.post(reverse("charters:close_vote", args=[workshop.code, proposal.pk]))
    assert response.status_code == status
    proposal.refresh_from_db()
    assert (proposal.status == Proposal.Status.ADOPTED) == (who == "facilitator")


def test_clause_page_shows_the_article_and_its_alignment(client, workshop, seat, actor):
    from deliberation.charters.services import proposal_close_vote

    proposal = _proposal(workshop, seat)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=seat("Cy", "China"), choice="yes")
    proposal_close_vote(proposal=proposal)
    actor("delegate")
    response = client.get(reverse("charters:clause", args=[workshop.code, 1]))
    assert response.status_code == 200
    assert b"Article 1. Neighbours" in response.content
    assert b"Indivisible security" in response.content
    charter = client.get(reverse("charters:charter", args=[workshop.code]))
    assert b"Article 1. Neighbours" in charter.content


def test_clause_page_of_a_missing_article_is_a_404(client, workshop, actor):
    actor("delegate")
    assert client.get(reverse("charters:clause", args=[workshop.code, 9])).status_code == 404


def test_charter_page_is_refused_to_strangers(client, workshop):
    assert client.get(reverse("charters:charter", args=[workshop.code])).status_code == 403


def test_room_query_count_does_not_grow_with_proposals(
    client, workshop, seat, actor, django_assert_max_num_queries
):
    ana = actor("delegate")
    for i in range(12):
        proposal_create(participant=ana, title=f"T{i}", text=TEXT)
    # The page carries the status board (3 queries) and the list's fingerprint (4).
    with django_assert_max_num_queries(20):
        client.get(reverse("workshops:room", args=[workshop.code]))
    # Tabled clauses are drafts: none is an article of the charter yet.
    assert not Clause.objects.exclude(number=None).exists()


def test_the_room_lists_open_proposals_before_decided_ones(client, workshop, actor):
    from deliberation.charters.services import proposal_close_vote

    me = actor("delegate")
    first = proposal_create(participant=me, title="First", text=TEXT)
    proposal_create(participant=me, title="Second", text=TEXT)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=first, participant=me, choice="yes")
    proposal_close_vote(proposal=first)
    for url in (
        reverse("workshops:room", args=[workshop.code]),
        reverse("charters:proposal_list", args=[workshop.code]),
    ):
        page = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert page.index(">Second<") < page.index("Decided, refused or withdrawn")
        assert page.index("Decided, refused or withdrawn") < page.index(">First<")


def test_an_open_proposal_reads_voting_open_in_the_voting_phase(client, workshop, actor):
    me = actor("delegate")
    proposal_create(participant=me, title="First", text=TEXT)
    url = reverse("workshops:room", args=[workshop.code])
    assert "status-open" in client.get(url).content.decode()
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    page = client.get(url).content.decode()
    assert '<span class="badge status-badge status-voting">Voting open</span>' in page


def test_phones_see_what_is_on_the_projector(client, workshop, actor):
    from deliberation.workshops.services import workshop_set_spotlight

    me = actor("delegate")
    proposal = proposal_create(participant=me, title="Hotline <b>now</b>", text=TEXT)
    url = reverse("charters:proposal_list", args=[workshop.code])
    workshop.refresh_from_db()
    version = room_fingerprint(workshop)
    assert (
        "spotlight-note"
        not in client.get(reverse("workshops:room", args=[workshop.code])).content.decode()
    )
    workshop_set_spotlight(workshop=workshop, proposal=proposal, clause=None)
    response = client.get(url, {"v": version}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # the list comes back, with the note out of band
    page = response.content.decode()
    assert f'href="#proposal-{proposal.pk}">Hotline &lt;b&gt;now&lt;/b&gt;</a>' in page
    assert "On the projector:" in page
