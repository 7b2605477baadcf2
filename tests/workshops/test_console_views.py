import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from deliberation.workshops.models import Phase, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_user(db):
    return get_user_model().objects.create_user("other", password="pw-other-123")


def test_console_requires_sign_in(client, workshop):
    response = client.get(reverse("workshops:console", args=[workshop.code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_console_is_refused_to_another_facilitator(client, workshop, other_user):
    client.force_login(other_user)
    response = client.get(reverse("workshops:console", args=[workshop.code]))
    assert response.status_code == 403
    assert b"Only this workshop" in response.content


def test_console_shows_join_code_and_qr(client, workshop, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("workshops:console", args=[workshop.code]))
    assert response.status_code == 200
    assert workshop.display_code.encode() in response.content
    assert b"<svg" in response.content


def test_console_list_creates_a_workshop_from_the_template(client, demo, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("workshops:console_list"), {"title": "Class 4B", "template": demo.pk}
    )
    workshop = Workshop.objects.get(title="Class 4B")
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:console", args=[workshop.code])
    assert workshop.created_by == facilitator


def test_console_list_rejects_an_empty_title(client, demo, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("workshops:console_list"), {"title": "", "template": demo.pk})
    assert response.status_code == 400


def test_console_list_shows_only_my_workshops(client, workshop, other_user):
    client.force_login(other_user)
    response = client.get(reverse("workshops:console_list"))
    assert workshop.title.encode() not in response.content


def test_phase_is_moved_by_the_facilitator(client, workshop, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("workshops:phase", args=[workshop.code]), {"phase": "voting"})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.phase == Phase.VOTING


def test_phase_rejects_an_unknown_phase(client, workshop, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("workshops:phase", args=[workshop.code]), {"phase": "party"})
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "participant", "other_facilitator"])
def test_phase_is_refused_to_everyone_else(client, workshop, seat, as_participant, other_user, who):
    if who == "participant":
        as_participant(seat("Ana", "NATO"))
    elif who == "other_facilitator":
        client.force_login(other_user)
    response = client.post(reverse("workshops:phase", args=[workshop.code]), {"phase": "closed"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    workshop.refresh_from_db()
    assert workshop.phase == Phase.DRAFTING


def test_phase_rejects_get(client, workshop, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("workshops:phase", args=[workshop.code])).status_code == 405


def test_console_shows_the_clause_as_amended_and_its_objections(
    client, workshop, facilitator, seat
):
    from deliberation.charters.amendments import amendment_accept_friendly, amendment_create
    from deliberation.charters.discussion import objection_raise
    from deliberation.charters.services import proposal_create

    ana, vera = seat("Ana", "NATO"), seat("Vera", "Russia")
    proposal = proposal_create(participant=ana, title="Seats", text="Any European democracy.")
    friendly = amendment_create(
        participant=vera, clause=proposal.clause, text="Every state of the region.", base_version=1
    )
    amendment_accept_friendly(proposal=friendly, participant=ana)
    objection_raise(proposal=proposal, participant=vera, reason="Not without <b>consent</b>.")

    client.force_login(facilitator)
    page = client.get(reverse("workshops:console", args=[workshop.code])).content.decode()
    card = page.split(f'id="console-proposal-{proposal.pk}"')[1].split("</article>")[0]
    assert "Every state of the region." in card and "Any European democracy." not in card
    assert "Not without &lt;b&gt;consent&lt;/b&gt;." in card
    assert 'aria-label="Uphold: objection of Vera"' in card
    assert "1 open objection" in card
