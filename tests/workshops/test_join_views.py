import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_join_page_renders(client):
    response = client.get("/join", follow=True)
    assert response.status_code == 200
    assert b"Join code" in response.content


def test_join_with_a_valid_code_leads_to_the_seat_page(client, workshop):
    response = client.post(reverse("workshops:join"), {"code": workshop.display_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:seat", args=[workshop.code])


def test_join_with_a_wrong_code_says_so_and_keeps_it(client, workshop):
    response = client.post(reverse("workshops:join"), {"code": "ZZZ999"})
    assert response.status_code == 404
    assert b"No open workshop has this code" in response.content
    assert b'value="ZZZ999"' in response.content


def test_join_with_a_malformed_code_explains_the_format(client, db):
    response = client.post(reverse("workshops:join"), {"code": "O1"})
    assert response.status_code == 404
    assert b"six letters and digits" in response.content


def test_join_does_not_accept_a_template_code(client, demo):
    response = client.post(reverse("workshops:join"), {"code": demo.code})
    assert response.status_code == 404


def test_join_guessing_is_rate_limited(client, workshop, settings):
    settings.JOIN_ATTEMPTS_LIMIT = 5
    for _ in range(5):
        assert client.post(reverse("workshops:join"), {"code": "ZZZ999"}).status_code == 404
    response = client.post(reverse("workshops:join"), {"code": workshop.code})
    assert response.status_code == 429
    assert b"Too many wrong codes" in response.content


def test_a_classmates_typos_do_not_lock_out_the_room(client, workshop, settings, django_user_model):
    """One school connection, many browsers: each browser has its own allowance."""
    from django.test import Client

    settings.JOIN_ATTEMPTS_LIMIT = 2
    for _ in range(2):
        client.post(reverse("workshops:join"), {"code": "ZZZ999"}, REMOTE_ADDR="10.0.0.1")
    assert client.post(reverse("workshops:join"), {"code": workshop.code}).status_code == 429
    classmate = Client().post(
        reverse("workshops:join"), {"code": workshop.code}, REMOTE_ADDR="10.0.0.1"
    )
    assert classmate.status_code == 302


def test_a_script_dropping_its_cookies_meets_the_address_limit(workshop, settings):
    from django.test import Client

    settings.JOIN_ATTEMPTS_LIMIT, settings.JOIN_ATTEMPTS_PER_ADDRESS = 2, 5
    for _ in range(5):  # a fresh browser (no cookies) for every guess
        Client().post(reverse("workshops:join"), {"code": "ZZZ999"}, REMOTE_ADDR="10.0.0.9")
    response = Client().post(
        reverse("workshops:join"), {"code": workshop.code}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert b"Too many wrong codes from this network" in response.content
    other = Client().post(
        reverse("workshops:join"), {"code": workshop.code}, REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 302


def test_seat_page_lists_the_delegations(client, workshop):
    response = client.get(reverse("workshops:seat", args=[workshop.code]))
    assert response.status_code == 200
    for name in (b"NATO", b"Russia", b"China"):
        assert name in response.content


def test_seat_takes_a_name_and_delegation_and_opens_the_room(client, workshop):
    nato = workshop.delegations.get(name="NATO")
    response = client.post(
        reverse("workshops:seat", args=[workshop.code]),
        {"display_name": "Ana", "delegation": nato.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:room", args=[workshop.code])
    room = client.get(response["Location"])
    assert b"Ana" in room.content and b"NATO" in room.content


def test_seat_with_a_taken_name_keeps_the_form_filled(client, workshop, seat):
    seat("Ana", "NATO")
    russia = workshop.delegations.get(name="Russia")
    response = client.post(
        reverse("workshops:seat", args=[workshop.code]),
        {"display_name": "ana", "delegation": russia.pk},
    )
    assert response.status_code == 409
    assert b"already called" in response.content
    assert b'value="ana"' in response.content


def test_seat_without_a_delegation_asks_for_one_and_keeps_the_name(client, workshop):
    response = client.post(reverse("workshops:seat", args=[workshop.code]), {"display_name": "Sam"})
    assert response.status_code == 400
    assert b"Pick the delegation you will play, or choose to observe." in response.content
    assert b'value="Sam"' in response.content
    assert not workshop.participants.filter(display_name="Sam").exists()


def test_seat_as_an_observer_is_a_choice(client, workshop):
    response = client.post(
        reverse("workshops:seat", args=[workshop.code]),
        {"display_name": "Obi", "delegation": "observe"},
    )
    assert response.status_code == 302
    obi = workshop.participants.get(display_name="Obi")
    assert obi.role == "observer" and obi.delegation is None


def test_seat_with_another_workshops_delegation_is_refused(client, workshop, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    response = client.post(
        reverse("workshops:seat", args=[workshop.code]),
        {"display_name": "Eve", "delegation": other.delegations.first().pk},
    )
    assert response.status_code == 400
    assert b"That delegation is not part of this workshop." in response.content


def test_seat_with_an_empty_name_is_a_400(client, workshop):
    response = client.post(reverse("workshops:seat", args=[workshop.code]), {"display_name": ""})
    assert response.status_code == 400


def test_seat_escapes_a_name_with_markup(client, workshop):
    nato = workshop.delegations.get(name="NATO")
    client.post(
        reverse("workshops:seat", args=[workshop.code]),
        {"display_name": "<script>x</script>", "delegation": nato.pk},
    )
    room = client.get(reverse("workshops:room", args=[workshop.code]))
    assert b"<script>x</script>" not in room.content
    assert b"&lt;script&gt;x&lt;/script&gt;" in room.content


def test_room_sends_strangers_to_the_seat_page(client, workshop):
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:seat", args=[workshop.code])


def test_room_of_an_unknown_code_is_a_404(client, db):
    assert client.get(reverse("workshops:room", args=["ZZZ999"])).status_code == 404


def test_brief_lists_principles_with_quotes_for_members_only(
    client, workshop, seat, as_participant
):
    url = reverse("workshops:brief", args=[workshop.code])
    assert client.get(url).status_code == 403
    as_participant(seat("Ana", "NATO"))
    response = client.get(url)
    assert response.status_code == 200
    principle = workshop.delegations.get(name="NATO").principles.first()
    assert escape(principle.title).encode() in response.content
