import pytest
from django.urls import reverse

from deliberation.charters.services import proposal_create, vote_cast
from deliberation.feedback.services import feedback_submit, question_add, reaction_set
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db

RESULTS = [
    ("anonymous", 302),
    ("stranger", 302),
    ("participant", 302),
    ("facilitator", 200),
    ("other_facilitator", 403),
    ("researcher", 200),
]


@pytest.mark.parametrize(("who", "status"), RESULTS)
def test_results_permissions(client, workshop, actor, who, status):
    actor(who)
    response = client.get(reverse("feedback:results", args=[workshop.code]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.fixture
def session(workshop, seat, adopt):
    """Two articles: one every delegation agrees with, one that splits NATO from Russia."""
    people = {
        name: seat(name, delegation)
        for name, delegation in (
            ("Ana", "NATO"),
            ("Al", "NATO"),
            ("Boris", "Russia"),
            ("Chen", "China"),
        )
    }
    agreed, split = adopt("Neighbours", "Everyone agrees."), adopt("Bases", "Nobody agrees.")
    for person in people.values():
        reaction_set(clause=agreed, participant=person, choice="agree")
    for name, choice in (("Ana", "agree"), ("Al", "agree"), ("Boris", "disagree")):
        reaction_set(clause=split, participant=people[name], choice=choice)
    reaction_set(clause=split, participant=seat("Obi"), choice="pass")  # an observer
    proposal = proposal_create(participant=people["Ana"], title="Drills", text="Notify drills.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for name, choice in (("Ana", "yes"), ("Boris", "no"), ("Chen", "abstain")):
        vote_cast(proposal=proposal, participant=people[name], choice=choice)
    rating = question_add(workshop=workshop, kind="rating", prompt="Fair?")
    text = question_add(workshop=workshop, kind="text", prompt="Change?")
    feedback_submit(participant=people["Ana"], answers={rating.pk: "4", text.pk: "<b>More</b>"})
    feedback_submit(participant=people["Boris"], answers={rating.pk: "2"})
    return agreed, split


def test_results_show_consensus_division_votes_and_feedback(client, workshop, session, actor):
    agreed, split = session
    actor("facilitator")
    html = client.get(reverse("feedback:results", args=[workshop.code])).content.decode()
    consensus = html.split('data-testid="consensus-list"')[1].split("</ul>")[0]
    divisive = html.split('data-testid="divisive-list"')[1].split("</ul>")[0]
    assert "Neighbours" in consensus and "Bases" not in consensus
    assert "Bases" in divisive and "spread 1.00" in divisive
    assert "Observers: 0 agree · 0 disagree · 1 pass" in html
    assert "1 for · 0 against · 0 abstain" in html and "0 for · 1 against · 0 abstain" in html
    assert "mean 3.0 out of 5" in html
    assert "&lt;b&gt;More&lt;/b&gt;" in html
    assert "Ana" not in html and "Boris" not in html  # feedback and charts carry no names


def test_results_query_count_does_not_grow_with_content(
    client, workshop, session, actor, adopt, django_assert_max_num_queries
):
    actor("facilitator")
    url = reverse("feedback:results", args=[workshop.code])
    client.get(url)
    for n in range(5):
        adopt(f"More {n}", "Text.")
    with django_assert_max_num_queries(16):
        client.get(url)


@pytest.mark.parametrize(
    ("who", "status", "sees_it"),
    [
        ("anonymous", 302, False),
        ("participant", 302, False),
        ("facilitator", 200, True),
        ("other_facilitator", 200, False),
        ("researcher", 200, True),
    ],
)
def test_studies_list_shows_each_user_what_they_may_study(
    client, workshop, actor, who, status, sees_it
):
    actor(who)
    response = client.get(reverse("feedback:studies"))
    assert response.status_code == status
    assert (workshop.title.encode() in response.content) == sees_it


def test_studies_list_query_count_is_flat(
    client, actor, demo, facilitator, django_assert_max_num_queries
):
    from deliberation.workshops.services import workshop_create_from_template

    actor("researcher")
    for n in range(5):
        workshop_create_from_template(template=demo, title=f"W{n}", user=facilitator)
    with django_assert_max_num_queries(4):
        client.get(reverse("feedback:studies"))


def test_a_delegation_nobody_joined_does_not_block_consensus(client, workshop, seat, adopt, actor):
    clause = adopt("Neighbours", "Everyone here agrees.")
    for name, delegation in (("Ana", "NATO"), ("Boris", "Russia")):
        reaction_set(clause=clause, participant=seat(name, delegation), choice="agree")
    actor("facilitator")
    html = client.get(reverse("feedback:results", args=[workshop.code])).content.decode()
    assert "Neighbours" in html.split('data-testid="consensus-list"')[1].split("</ul>")[0]


def test_results_count_and_list_only_adopted_articles_in_order(
    client, workshop, session, actor, seat
):
    from deliberation.charters.models import Clause

    agreed, split = session
    draft = Clause.objects.create(
        charter=workshop.charter, title="Exercises notice", text="Tell.", status="draft"
    )
    reaction_set(clause=draft, participant=seat("Dana", "NATO"), choice="agree")
    actor("facilitator")
    html = client.get(reverse("feedback:results", args=[workshop.code])).content.decode()
    header = html.split("<header")[1].split("</header>")[0]
    assert "2 articles" in header and "2 feedback responses" in header
    assert "Exercises notice" not in html and f"result-clause-{draft.pk}" not in html
    assert html.index(f"result-clause-{agreed.pk}") < html.index(f"result-clause-{split.pk}")


def test_one_feedback_response_is_said_in_the_singular(client, workshop, actor, seat, adopt):
    adopt("Neighbours", "Everyone agrees.")
    question = question_add(workshop=workshop, kind="rating", prompt="Fair?")
    feedback_submit(participant=seat("Ana", "NATO"), answers={question.pk: "4"})
    actor("facilitator")
    html = client.get(reverse("feedback:results", args=[workshop.code])).content.decode()
    assert "1 article ·" in html and "1 feedback response<" in html
