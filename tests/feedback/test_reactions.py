import pytest
from django.db import IntegrityError
from django.urls import reverse

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.models import Event
from deliberation.feedback.models import Reaction
from deliberation.feedback.services import reaction_set

pytestmark = pytest.mark.django_db


def test_reaction_set_records_one_reaction_and_changes_it(adopt, seat):
    clause = adopt()
    ana = seat("Ana", "NATO")
    reaction_set(clause=clause, participant=ana, choice="agree")
    reaction_set(clause=clause, participant=ana, choice="disagree")
    assert list(Reaction.objects.values_list("choice", flat=True)) == ["disagree"]


def test_the_database_refuses_a_second_reaction(adopt, seat):
    clause = adopt()
    ana = seat("Ana", "NATO")
    Reaction.objects.create(clause=clause, participant=ana, choice="agree")
    with pytest.raises(IntegrityError):
        Reaction.objects.create(clause=clause, participant=ana, choice="pass")


def test_the_database_refuses_an_unknown_choice(adopt, seat):
    with pytest.raises(IntegrityError):
        Reaction.objects.create(clause=adopt(), participant=seat("Ana", "NATO"), choice="meh")


def test_reaction_set_refuses_an_unknown_choice(adopt, seat):
    with pytest.raises(ActionRefused, match="agree, disagree or pass"):
        reaction_set(clause=adopt(), participant=seat("Ana", "NATO"), choice="meh")


def test_reaction_set_refuses_another_workshops_participant(adopt, seat, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    with pytest.raises(NotPermitted):
        reaction_set(clause=adopt(), participant=seat("Eve", "NATO", into=other), choice="agree")


def test_reaction_set_refuses_the_facilitator(adopt, workshop, facilitator):
    with pytest.raises(NotPermitted, match="facilitator"):
        reaction_set(
            clause=adopt(), participant=workshop.participants.get(user=facilitator), choice="agree"
        )


def test_reaction_set_refuses_in_an_archived_workshop(adopt, seat, workshop):
    clause, ana = adopt(), seat("Ana", "NATO")
    workshop.is_archived = True
    workshop.save()
    ana.workshop.refresh_from_db()
    with pytest.raises(ActionRefused, match="archived"):
        reaction_set(clause=clause, participant=ana, choice="agree")


def test_reaction_set_announces_the_new_counts(adopt, seat, django_capture_on_commit_callbacks):
    clause = adopt()
    with django_capture_on_commit_callbacks(execute=True):
        reaction_set(clause=clause, participant=seat("Ana", "NATO"), choice="agree")
    event = Event.objects.filter(kind="reactions-changed").get()
    assert "Agree 1" in event.fragments[f"reaction-counts-{clause.pk}"]


REACT = [
    ("anonymous", 403),
    ("stranger", 403),
    ("participant", 302),
    ("facilitator", 403),
    ("other_facilitator", 403),
    ("researcher", 403),
]


@pytest.mark.parametrize(("who", "status"), REACT)
def test_react_permissions(client, workshop, adopt, actor, who, status):
    clause = adopt()
    actor(who)
    url = reverse("feedback:reactions", args=[workshop.code, clause.pk])
    response = client.post(url, {"choice": "agree"})
    assert response.status_code == status
    assert Reaction.objects.filter(clause=clause).exists() == (status == 302)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 403), ("stranger", 403), ("participant", 200), ("facilitator", 200)],
)
def test_reaction_counts_permissions(client, workshop, adopt, actor, who, status):
    clause = adopt()
    actor(who)
    response = client.get(reverse("feedback:reactions", args=[workshop.code, clause.pk]))
    assert response.status_code == status


def test_react_with_htmx_returns_the_box_with_counts_and_my_choice(client, workshop, adopt, actor):
    clause = adopt()
    actor("participant")
    url = reverse("feedback:reactions", args=[workshop.code, clause.pk])
    response = client.post(url, {"choice": "pass"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "reactions-changed" in response["HX-Trigger"]
    html = response.content.decode()
    assert f'id="reactions-{clause.pk}"' in html
    assert "Pass 1" in html and 'value="pass" aria-pressed="true"' in html


def test_react_with_a_bad_choice_is_a_400_with_the_reason(client, workshop, adopt, actor):
    clause = adopt()
    actor("participant")
    url = reverse("feedback:reactions", args=[workshop.code, clause.pk])
    response = client.post(url, {"choice": "maybe"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert b"Choose agree, disagree or pass" in response.content


def test_react_to_a_missing_article_is_a_404(client, workshop, actor):
    actor("participant")
    response = client.post(
        reverse("feedback:reactions", args=[workshop.code, 99999]), {"choice": "agree"}
    )
    assert response.status_code == 404


def test_the_include_renders_buttons_that_load_the_counts(workshop, adopt, seat, rf):
    from django.template.loader import render_to_string

    clause = adopt()
    html = render_to_string(
        "feedback/reactions.html",
        {"clause": clause, "workshop": workshop, "participant": seat("Ana", "NATO")},
    )
    assert 'hx-trigger="load"' in html and 'value="agree"' in html


def test_the_include_renders_nothing_for_someone_without_a_seat(workshop, adopt):
    from django.template.loader import render_to_string

    html = render_to_string(
        "feedback/reactions.html", {"clause": adopt(), "workshop": workshop, "participant": None}
    )
    assert html.strip() == ""


def test_the_nav_include_links_each_audience_to_its_pages(workshop):
    from django.template.loader import render_to_string

    facilitator = render_to_string(
        "feedback/nav.html", {"workshop": workshop, "audience": "facilitator"}
    )
    participant = render_to_string("feedback/nav.html", {"workshop": workshop})
    assert f"/console/{workshop.code}/results/" in facilitator
    assert f"/console/{workshop.code}/exports/" in facilitator
    assert f"/w/{workshop.code}/feedback/" in participant and "/console/" not in participant
